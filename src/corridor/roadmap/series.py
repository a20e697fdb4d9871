"""The yearly series of a target's indicator, by each side's statistics.

Every indicator is a figure of the bilateral monitor (:mod:`corridor.monitor`), computed
the same way from the canonical flows, from the reporter's point of view:

- ``turnover``, ``exports``, ``imports``, ``balance``: the monitor's summary (one primary
  figure per year and side: a reported total first, else the coarsest product basis);
- ``agricultural_exports``, ``non_commodity_exports``: the monitor's agricultural and
  non-commodity shares of the product lines (WTO Agreement on Agriculture, Annex 1; 1 -
  the Atlas natural-resource share) times the product lines' total;
- ``agricultural_share``, ``non_commodity_share``: those shares (fractions);
- ``products_exported`` / ``products_imported``: number of product lines with a value > 0
  at the monitor's level (HS4);
- ``hhi_exports`` / ``hhi_imports``: Herfindahl-Hirschman index of product shares;
- ``product_exports`` / ``product_imports``: trade in the HS codes of ``product_codes``
  (every HS line under each code, the coarsest level a source gives);
  ``product_share``: ``product_exports`` over ``exports``.

Sides: ``reporter`` is the reporter's own statistics, ``partner`` the partner's mirror
statistics (UN IMTS 2010: the partner's imports stand for the reporter's exports).
Regions (``CN-XJ``, Kazakhstan's oblasts) are economies like any other: a side has a
series as soon as the workspace holds that region's flows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import ibis
import numpy as np
import pandas as pd

from ..indicators.engines import materialized
from ..monitor import mark_primary, mirrored_products, product_indicators, summarise
from ..store.figures import bilateral_figures, mirror_flows, mirrored_figures
from ..store.sums import exact_fsum
from .model import Target

SIDE_OF = {"economy": "reporter", "partner": "partner"}
_STRUCTURE = {
    "agricultural_share": ("export", "agricultural_share"),
    "non_commodity_share": ("export", "non_commodity_share"),
    "products_exported": ("export", "products"),
    "products_imported": ("import", "products"),
    "hhi_exports": ("export", "hhi"),
    "hhi_imports": ("import", "hhi"),
}
_SUMMARY = {"turnover": "turnover", "exports": "exports", "imports": "imports", "balance": "balance"}


@dataclass(frozen=True, slots=True)
class PairData:
    """The monitor's tables of one relation, every year: ``summary`` (reported_by x year:
    exports, imports, turnover, balance, sources) and ``structure`` (year x reported_by x
    flow: products, total_usd, hhi, agricultural_share, non_commodity_share)."""

    reporter: str
    partner: str
    summary: pd.DataFrame
    structure: pd.DataFrame
    monthly: pd.DataFrame = field(default_factory=pd.DataFrame)


#: indicators computed from the product lines (the monitor's structure table)
STRUCTURE_INDICATORS = frozenset(_STRUCTURE) | {"agricultural_exports", "non_commodity_exports"}


def pair_data(flows: ibis.Table, *, reporter: str, partner: str, level: str = "hs4",
              structure: bool = True) -> PairData:
    """The monitor's yearly figures of ``reporter`` with ``partner`` (both sides) and the
    monthly primary figures, if any; the product structure only when ``structure``
    (:data:`STRUCTURE_INDICATORS` need it; it is the costly part).  A year without annual
    rows takes the monitor's figure from January-December or twelve months."""
    structure_wanted = structure
    mirrored = mirror_flows(flows, economy=reporter, partner=partner)
    with materialized(mirrored.drop("quantity", "quantity_unit")) as rows:
        annual = rows.filter(rows.period_kind == "year")
        figures = mirrored_figures(annual)
        years = tuple(sorted(int(y) for y in figures["year"].unique())) if not figures.empty else ()
        products = mirrored_products(annual, years=years, level=level) if years and structure else pd.DataFrame()
        parts = [f for f in (mirrored_figures(rows, period_kind=k) for k in ("month", "ytd")) if not f.empty]
        monthly = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    summary = summarise(mark_primary(figures)) if not figures.empty else _empty_summary()
    structure = product_indicators(products, top=1)[0] if not products.empty else pd.DataFrame(
        columns=_STRUCTURE_COLUMNS)
    if not monthly.empty:
        # years the annual rows lack but January-December or twelve months give: the
        # monitor's years (annual figure, else January-December, else twelve months)
        summary, structure = _with_years_of_months(flows, reporter, partner, summary, structure,
                                                   years=monthly["year"], level=level, with_structure=structure_wanted)
    return PairData(reporter, partner, summary, structure, monthly)


_STRUCTURE_COLUMNS = ["year", "reported_by", "flow", "products", "total_usd", "hhi", "agricultural_share",
                      "non_commodity_share"]


#: the monitor's errors that mean no complete year in the months (nothing to add); with a
#: backend other than DuckDB the monitor does not run and the annual rows stand alone
_NO_YEAR_OF_MONTHS = frozenset({"mon_no_figures", "mon_only_partial", "mon_duckdb"})


def _with_years_of_months(flows: ibis.Table, reporter: str, partner: str, summary: pd.DataFrame,
                          structure: pd.DataFrame, *, years: pd.Series, level: str,
                          with_structure: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``summary`` and ``structure`` completed with the (year, side) pairs the annual rows
    lack and the monitor computes from January-December or twelve months
    (:func:`corridor.monitor.build_monitor`, :mod:`corridor.store.periods`): one basis per
    year and side, so a year is never counted from both annual and monthly rows."""
    from ..errors import QueryError
    from ..monitor import build_monitor

    try:
        rep = build_monitor(flows, economy=reporter, partner=partner, year_from=int(years.min()),
                            year_to=int(years.max()), level=level, top=1)
    except QueryError as exc:
        if getattr(exc.text, "key", None) not in _NO_YEAR_OF_MONTHS:
            raise  # another query error (a level, the pair): its cause said, not a year left out silently
        return summary, structure

    def missing(frame: pd.DataFrame, have: pd.DataFrame) -> pd.DataFrame:
        known = set(zip(have["reported_by"], have["year"].astype(int)))
        keep = [(side, int(y)) not in known for side, y in zip(frame["reported_by"], frame["year"])]
        return frame[keep]

    added = missing(rep.summary, summary)[list(summary.columns)]
    if not added.empty:
        summary = pd.concat([summary, added], ignore_index=True) if not summary.empty else added.reset_index(drop=True)
    if with_structure and not rep.structure.empty:
        more = missing(rep.structure, structure)[_STRUCTURE_COLUMNS]
        if not more.empty:
            structure = (pd.concat([structure, more], ignore_index=True) if not structure.empty
                         else more.reset_index(drop=True))
    return summary, structure


def _empty_summary() -> pd.DataFrame:
    return pd.DataFrame(columns=["reported_by", "year", "exports", "imports", "turnover", "balance", "sources"])


def indicator_series(pair: PairData, target: Target, *, flows: ibis.Table | None = None) -> dict[str, dict[int, float]]:
    """side -> {year: value} of ``target``'s indicator; ``flows`` is needed for the
    product indicators (``product_codes``)."""
    ind = target.indicator
    if ind in _SUMMARY:
        return _by_side(pair.summary, _SUMMARY[ind])
    if ind in _STRUCTURE:
        flow, col = _STRUCTURE[ind]
        return _by_side(pair.structure[pair.structure["flow"] == flow], col)
    if ind in ("agricultural_exports", "non_commodity_exports"):
        s = pair.structure[pair.structure["flow"] == "export"].copy()
        share = "agricultural_share" if ind == "agricultural_exports" else "non_commodity_share"
        s["value"] = s[share].astype(float) * s["total_usd"].astype(float)
        return _by_side(s, "value")
    if flows is None:
        raise ValueError(f"indicator {ind} needs the flows")
    flow = "import" if ind == "product_imports" else "export"
    values = product_series(flows, reporter=target.reporter, partner=target.partner, codes=target.product_codes,
                            flow=flow)
    if ind != "product_share":
        return values
    totals = _by_side(pair.summary, "exports")
    return {side: {y: v / totals[side][y] for y, v in vals.items() if totals.get(side, {}).get(y)}
            for side, vals in values.items()}


def _by_side(frame: pd.DataFrame, column: str) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {"reporter": {}, "partner": {}}
    if frame.empty:
        return out
    for side, year, value in zip(frame["reported_by"], frame["year"], frame[column]):
        if value is not None and not pd.isna(value):
            out[SIDE_OF[side]][int(year)] = float(value)
    return out


def product_series(flows: ibis.Table, *, reporter: str, partner: str, codes: Sequence[str],
                   flow: str) -> dict[str, dict[int, float]]:
    """side -> {year: trade in the HS lines under ``codes``} (a primary figure per year,
    as the monitor chooses them)."""
    match = ibis.literal(False)
    for code in codes:
        match = match | flows.product_code.startswith(code)
    scoped = flows.filter(flows.product_level.isin(["hs2", "hs4", "hs6"]) & match)
    figs = bilateral_figures(scoped, economy=reporter, partner=partner)
    if figs.empty:
        return {"reporter": {}, "partner": {}}
    figs = mark_primary(figs)
    figs = figs[figs["primary"] & (figs["flow"] == flow)]
    return _by_side(figs, "value_usd")


def year_to_date(pair: PairData, target: Target) -> dict[str, dict | None]:
    """side -> the latest year-to-date figure (turnover, exports, imports, balance only):
    ``{year, last_month, value, previous_value, growth, basis}``, growth over the same
    months of the year before (a fraction, ``None`` without them); ``None`` without
    monthly data.  A cumulative January-N figure (``period_kind`` ``ytd``, e.g. China
    customs' releases) is used as published (``basis`` ``cumulative``); else the months
    1..N are added up when none is missing (``basis`` ``sum of months``)."""
    out: dict[str, dict | None] = {"reporter": None, "partner": None}
    if target.indicator not in _SUMMARY or pair.monthly.empty:
        return out
    m = mark_primary(pair.monthly)
    m = m[m["primary"]]
    wide = m.pivot_table(index=["reported_by", "period_kind", "year", "month"], columns="flow", values="value_usd",
                         aggfunc=exact_fsum).reindex(columns=["export", "import"])
    value = {"exports": wide["export"], "imports": wide["import"], "turnover": wide["export"] + wide["import"],
             "balance": wide["export"] - wide["import"]}[target.indicator].dropna()
    for rb, side in SIDE_OF.items():
        points = {(k, int(y), int(mo)): float(v) for (r, k, y, mo), v in value.items() if r == rb}
        out[side] = _ytd(points)
    return out


def _ytd(points: dict[tuple[str, int, int], float]) -> dict | None:
    """The latest year-to-date figure from (kind, year, month) -> value."""
    def total(year: int, last: int) -> tuple[float | None, str]:
        if ("ytd", year, last) in points:
            return points[("ytd", year, last)], "cumulative"
        months = [points.get(("month", year, mo)) for mo in range(1, last + 1)]
        if all(v is not None for v in months):
            return exact_fsum(months), "sum of months"
        return None, ""

    candidates = sorted({(y, mo) for _, y, mo in points}, reverse=True)
    for year, last in candidates:
        cur, basis = total(year, last)
        if cur is None:
            continue
        prev, _ = total(year - 1, last)
        growth = cur / prev - 1.0 if prev else None
        return {"year": year, "last_month": last, "value": cur, "previous_value": prev,
                "growth": None if growth is None or np.isnan(growth) else growth, "basis": basis}
    return None
