"""Bilateral figures as reported by each side: the economy's own statistics and the
partner's mirror statistics, per source.

Mirror statistics (UN Statistics Division, *International Merchandise Trade Statistics:
Concepts and Definitions 2010*, ch. on bilateral asymmetries): the partner's reported
imports from the economy stand for the economy's exports, and the partner's reported
exports to the economy stand for the economy's imports.  Imports are usually valued CIF
and exports FOB, which alone makes mirror imports exceed own exports by the cost of
freight and insurance (roughly 5-10%).

A figure is taken from the coarsest level the source gives for that cell: a reported total
if there is one, else the sum of sections, WITS groups, HS chapters, HS4 or HS6 lines, in
that order (coarser sums omit less: confidential and unallocated lines are usually only in
the totals).  ``basis`` says which was used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ibis
import pandas as pd

from ..errors import QueryError
from ..messages import Message
from .sums import SHARE_SCALE, exact_sum, exact_sum_sql  # noqa: F401  (re-exported)

LEVEL_PREFERENCE = ("total", "section", "group", "hs2", "hs4", "hs6")
#: TOTAL first, then the newest HS revision.
CLASSIFICATION_PREFERENCE = ("TOTAL", "HS22", "HS17", "HS12", "HS07", "HS02", "HS96", "HS92")

#: A content-derived release label is its vintage (the data's years) and the file's hash
#: (``2015-2024-3fa9c2d1``, :func:`corridor.sources._csv.file_release`): the files of one
#: vintage (one download) are one release, so a figure sums over them all; its ``release``
#: is the latest label of the group.
CONTENT_HASH = r"-[0-9a-f]{8}$"
VINTAGE_SQL = f"regexp_replace(release, '{CONTENT_HASH}', '')"
#: :data:`CONTENT_HASH` for Python's ``re`` (``\Z``: the very end, as RE2's ``$``; Python's
#: ``$`` also matches before a final newline)
_CONTENT_HASH_RE = re.compile(CONTENT_HASH.removesuffix("$") + r"\Z")


def vintage(release: str) -> str:
    """:data:`VINTAGE_SQL` of one release label in Python: its vintage, the content hash removed."""
    return _CONTENT_HASH_RE.sub("", release, count=1)

FIGURE_COLUMNS = (
    "year", "period_kind", "month", "flow", "reporter", "partner", "reported_by", "source",
    "release", "value_usd", "valuation", "classification", "product_level", "lines", "basis", "ingest_ids",
)


def in_order(df: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """``df`` sorted by ``keys`` (stable), index reset: a query's rows come back in an
    order that varies from run to run, and pandas sums and ties follow the row order."""
    return df.sort_values(list(keys), kind="stable").reset_index(drop=True)


def mirror_flows(flows: ibis.Table, *, economy: str, partner: str) -> ibis.Table:
    """Rows of both sides' statistics of the economy-partner relation, with ``flow``
    restated from the economy's point of view and ``reported_by`` = 'economy' | 'partner'.

    Raises :class:`QueryError` when the economy and the partner are the same."""
    if economy == partner:
        raise QueryError(Message("ws_same_economy", economy=economy))
    # one scan of the table for both sides (a union of two filters would read it twice)
    t = flows.filter(
        (((flows.reporter == economy) & (flows.partner == partner)) | ((flows.reporter == partner) & (flows.partner == economy)))
        & flows.flow.isin(["export", "import"])
    )
    own = t.reporter == economy
    return t.mutate(
        reported_by=ibis.ifelse(own, "economy", "partner"),
        econ_flow=ibis.cases((own, t.flow), (t.flow == "export", "import"), else_="export"),
    )


def bilateral_figures(
    flows: ibis.Table,
    *,
    economy: str,
    partner: str,
    years: Sequence[int] | None = None,
    period_kind: str = "year",
    month: int | None = None,
) -> pd.DataFrame:
    """Exports and imports of ``economy`` with ``partner`` by every source and both sides.

    Returns one row per (year, period, flow, reported_by, source) with the columns
    :data:`FIGURE_COLUMNS`; ``flow`` is from the economy's point of view.
    """
    return mirrored_figures(mirror_flows(flows, economy=economy, partner=partner), years=years,
                            period_kind=period_kind, month=month)


def mirrored_figures(
    mirrored: ibis.Table,
    *,
    years: Sequence[int] | None = None,
    period_kind: str = "year",
    month: int | None = None,
    extra: Sequence[str] = (),
) -> pd.DataFrame:
    """:func:`bilateral_figures` from the rows of :func:`mirror_flows` (e.g. a temporary
    table of them, when several queries read the same relation).  ``extra`` names further
    columns of the rows to group by and return (e.g. ``origin`` of
    :func:`corridor.store.periods.relation_periods_sql`)."""
    t = mirrored.filter(mirrored.period_kind == period_kind)
    if month is not None:
        t = t.filter(t.month == month)
    if years is not None:
        t = t.filter(t.year.isin([int(y) for y in years]))
    t = t.mutate(_vintage=t.release.re_replace(CONTENT_HASH, ""))
    agg = (
        t.group_by(["year", "period_kind", "month", "econ_flow", "reporter", "partner", "reported_by",
                    "source", "_vintage", "classification", "product_level", *extra])
        .aggregate(value_usd=exact_sum(t.value_usd), lines=t.lines.sum() if "lines" in t.columns else t.count(),
                   valuation=t.valuation.max(), release=t.release.max(),
                   ingest_ids=t.ingest_id.collect(distinct=True))
        .execute()
    )
    agg = agg.rename(columns={"econ_flow": "flow"}).drop(columns="_vintage")
    order = [c for c in agg.columns if c not in ("value_usd", "lines", "valuation", "ingest_ids")]
    return choose_figures(in_order(agg, order), extra=extra)


def choose_figures(agg: pd.DataFrame, *, extra: Sequence[str] = ()) -> pd.DataFrame:
    """From per-level sums, keep one figure per (year, period, flow, side, source):
    the preferred classification, then the coarsest product level, then the latest release;
    sorted by year, flow, side and source (ties in the order given).  (The order is found
    in plain Python over the few dozen sums and the frame taken once: pandas' sorts and
    de-duplication cost more than the rest.)"""
    columns = [*FIGURE_COLUMNS, *extra]
    if agg.empty:
        return pd.DataFrame(columns=columns)
    col = {c: agg[c].tolist() for c in ("year", "period_kind", "month", "flow", "reported_by", "source", "release",
                                         "classification", "product_level")}
    lvl = {v: i for i, v in enumerate(LEVEL_PREFERENCE)}
    cls = {v: i for i, v in enumerate(CLASSIFICATION_PREFERENCE)}
    # stable sorts, the last key first; a value outside the preferences or missing sorts last
    order = sorted(range(len(agg)), key=lambda i: missing_last(col["release"][i]), reverse=True)
    order = [i for i in order if not is_missing(col["release"][i])] + [i for i in order if is_missing(col["release"][i])]
    order.sort(key=lambda i: (missing_last(cls.get(col["classification"][i])),
                              missing_last(lvl.get(col["product_level"][i]))))
    key = ("year", "period_kind", "month", "flow", "reported_by", "source")
    kept = first_of_each(order, [tuple(missing_last(col[c][i]) for c in key) for i in range(len(agg))])
    kept.sort(key=lambda i: tuple(missing_last(col[c][i]) for c in ("year", "flow", "reported_by", "source")))
    df = agg.take(kept).reset_index(drop=True)
    df["basis"] = [
        "reported total" if lvl == "total" else f"sum of {n:,} {lvl} lines ({cls})"
        for lvl, n, cls in zip(df["product_level"], df["lines"], df["classification"])
    ]
    df["year"] = df["year"].astype(int)
    df["month"] = df["month"].astype(int)
    df["lines"] = df["lines"].astype(int)
    df["ingest_ids"] = [sorted(x) for x in df["ingest_ids"]]
    return df[columns]


def is_missing(value: object) -> bool:
    """Whether ``value`` is missing (None, NaN, NA, NaT), as pandas counts it."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def missing_last(value: object) -> tuple:
    """A sort key of ``value`` that puts a missing value (None, NaN, NA) after every other,
    as pandas' sorts do, and makes missing values equal, as pandas' de-duplication does."""
    return (1, 0) if is_missing(value) else (0, value)


def first_of_each(order: Sequence[int], keys: Sequence[tuple]) -> list[int]:
    """The positions of ``order`` whose key (``keys[i]``) has not been met before in that
    order (pandas' ``drop_duplicates(keep="first")`` after a sort)."""
    seen: set[tuple] = set()
    out = []
    for i in order:
        if keys[i] not in seen:
            seen.add(keys[i])
            out.append(i)
    return out
