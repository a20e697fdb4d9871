"""Periods of a relation's rows: one basis per period, so that nothing is counted twice.

The store holds figures of three period kinds (:data:`corridor.schema.PERIOD_KINDS`):
``year``, ``month`` and ``ytd`` (cumulative January-N, as Kazakhstan's BNS and China's
customs publish them).  For a period asked for, :func:`period_rows` keeps, for every
(year, side, flow, source, classification, product level), the rows of exactly one kind:

* January-N (``months = N``): the published cumulative figure (``ytd``, month N); else the
  sum of the months 1..N when every one of them is there; for N = 12 the annual figure
  comes first;
* month by month (``monthly``): the published month; else the cumulative figure of N less
  that of N-1 (``differenced``; January's cumulative figure is January's), when both are
  there.

Rows come out relabelled to the period asked for (``period_kind``, ``month``) with an
``origin`` column: ``annual``, ``published``, ``sum of months`` or ``differenced``.  Rows
that are summed keep their own ``ingest_id``; their ``release`` becomes the latest of the
group (a figure computed from several releases is as new as its newest part).

Quarters are month sums (:func:`quarter_of`).  Method: cumulative-to-discrete conversion
by first differences, as in IMF, *International Merchandise Trade Statistics: Compilers
Manual* (IMTS 2010-CM), ch. 21 on monthly and cumulative data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import ibis

from .sums import exact_sum

GROUP: tuple[str, ...] = ("year", "reported_by", "econ_flow", "source", "classification", "product_level")
#: the columns of a summed row (:func:`summed`), besides ``value_usd``, ``lines``, ``valuation``
KEY: tuple[str, ...] = (*GROUP, "reporter", "partner", "flow", "product_code", "release", "ingest_id",
                        "period_kind", "month")
HS_WIDTH = {"hs2": 2, "hs4": 4, "hs6": 6}
_RANK = "_rank"


def summed(t: ibis.Table, *, level: str | None = None) -> ibis.Table:
    """The relation's rows summed by :data:`KEY` (one pass): HS lines finer than ``level``
    cut to its code width (``None``: not summed over products: one row per period and
    basis, ``product_code`` empty), with ``lines``, the number of rows each sum has."""
    if level is None:
        code = ibis.literal("")
    else:
        width = HS_WIDTH[level]
        finer = [lv for lv, w in HS_WIDTH.items() if w >= width]
        code = ibis.cases((t.product_level.isin(finer), t.product_code.substr(0, width)), else_=t.product_code)
    t = t.mutate(product_code=code)
    return t.group_by(list(KEY)).aggregate(value_usd=exact_sum(t.value_usd), lines=t.count(), valuation=t.valuation.max())


def _label(t: ibis.Table, *, kind: str, month: int | None, origin: str, rank: int) -> ibis.Table:
    m = t.month if month is None else ibis.literal(month, type="int8")
    return t.mutate(period_kind=ibis.literal(kind), month=m.cast("int8"), origin=ibis.literal(origin),
                    **{_RANK: ibis.literal(rank)})


def _best(t: ibis.Table, by: tuple[str, ...]) -> ibis.Table:
    """Keep the rows of the lowest rank in each ``by`` group."""
    w = ibis.window(group_by=list(by))
    return t.filter(t[_RANK] == t[_RANK].min().over(w)).drop(_RANK)


def _latest_release(t: ibis.Table, by: tuple[str, ...]) -> ibis.Table:
    return t.mutate(release=t.release.max().over(ibis.window(group_by=list(by))))


COLUMNS: tuple[str, ...] = (*KEY, "value_usd", "lines", "valuation", "origin", _RANK)


def cumulative_rows(t: ibis.Table, *, months: int) -> ibis.Table:
    """January-``months`` rows of every year from summed rows (:func:`summed`; see the
    module docstring), relabelled ``period_kind = 'ytd'`` (``'year'`` for 12 months),
    ``month = months``."""
    if not 1 <= months <= 12:
        from ..errors import QueryError

        raise QueryError(f"--months {months} is not a number of months; expected 1..12")
    kind = "year" if months == 12 else "ytd"
    parts = [_label(t.filter((t.period_kind == "ytd") & (t.month == months)), kind=kind, month=months,
                    origin="published", rank=1)]
    if months == 12:
        parts.append(_label(t.filter(t.period_kind == "year"), kind=kind, month=12, origin="annual", rank=0))
    mon = t.filter((t.period_kind == "month") & (t.month <= months))
    w = ibis.window(group_by=list(GROUP))
    mon = mon.mutate(_n=mon.month.nunique().over(w), release=mon.release.max().over(w))
    mon = mon.filter(mon._n == months).drop("_n")
    mon = _label(mon, kind=kind, month=months, origin="sum of months", rank=2)
    mon = mon.group_by([c for c in KEY]).aggregate(value_usd=exact_sum(mon.value_usd), lines=mon.lines.sum(),
                                                   valuation=mon.valuation.max(), origin=mon.origin.max(),
                                                   **{_RANK: mon[_RANK].max()})
    parts.append(mon)
    return _best(ibis.union(*(p.select(*COLUMNS) for p in parts), distinct=False), GROUP)


def monthly_rows(t: ibis.Table) -> ibis.Table:
    """Month-by-month rows from summed rows: published months, else differenced
    cumulative figures."""
    cols = [c for c in COLUMNS if c not in ("origin", _RANK)]
    pub = _label(t.filter(t.period_kind == "month"), kind="month", month=None, origin="published", rank=0)
    ytd = t.filter(t.period_kind == "ytd")
    key = [*GROUP, "reporter", "partner", "flow", "product_code"]
    prev = ytd.group_by([*key, "month"]).aggregate(_prev=exact_sum(ytd.value_usd))
    prev = prev.mutate(_m=(prev.month + 1).cast("int8")).drop("month")
    # the cumulative figure of N-1 must exist for the group (any product), or N must be 1
    have = ytd.select(*GROUP, _m=(ytd.month + 1).cast("int8")).distinct()
    joined = ytd.left_join(prev, [*(ytd[k] == prev[k] for k in key), ytd.month == prev._m])
    joined = joined.select(*[ytd[c] for c in cols], _prev=prev._prev)
    ok = joined.semi_join(have, [*(joined[k] == have[k] for k in GROUP), joined.month == have._m])
    diff = ok.mutate(value_usd=ok.value_usd - ok._prev.fill_null(0.0)).drop("_prev")
    first = ytd.filter(ytd.month == 1)
    derived = ibis.union(diff.select(*cols), first.select(*cols), distinct=False)
    derived = _label(derived, kind="month", month=None, origin="differenced", rank=1)
    return _best(ibis.union(pub.select(*COLUMNS), derived.select(*COLUMNS), distinct=False), (*GROUP, "month"))


def period_rows(t: ibis.Table, *, months: int | None = None, monthly: bool = False) -> ibis.Table:
    """The relation's summed rows (:func:`summed`) for the period asked for: annual
    (default; annual figures first, then January-December cumulative, then twelve months),
    January-``months``, or month by month."""
    if monthly:
        return monthly_rows(t)
    return cumulative_rows(t, months=12 if months is None else months)


@contextmanager
def relation_periods(mirrored: ibis.Table, *, months: int | None = None, monthly: bool = False,
                     level: str | None = None) -> Iterator[ibis.Table]:
    """:func:`period_rows` of ``mirrored`` (rows of
    :func:`corridor.store.figures.mirror_flows`) as a temporary table: the rows are summed
    in one pass over the store (:func:`summed`), and the periods chosen over those sums."""
    from ..engines import materialized

    with materialized(summed(mirrored, level=level)) as sums, \
            materialized(period_rows(sums, months=months, monthly=monthly)) as rows:
        yield rows


def quarter_of(month: int) -> int:
    """Calendar quarter (1..4) of a month (1..12)."""
    return (int(month) - 1) // 3 + 1
