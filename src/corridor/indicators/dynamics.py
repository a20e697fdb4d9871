"""Export dynamics: products exported, products gained and lost, margins of export growth.

Pure Ibis table -> table functions over the tidy shape of :mod:`corridor.indicators.tidy`
(``[year, exporter, importer?, product, value]``).  A product is *exported* in a year when
its value is strictly above ``threshold`` (default 0).  ``by`` names the flow being
followed (default ``exporter`` plus ``importer`` when present: one exporter-market pair).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from ..store.sums import exact_sum
from .tidy import require_columns

STATUSES: tuple[str, ...] = ("new", "lost", "continuing")


def _flow_keys(table: ir.Table, by: Sequence[str] | None) -> list[str]:
    if by is not None:
        return list(by)
    return ["exporter", "importer"] if "importer" in table.columns else ["exporter"]


def _exported(table: ir.Table, keys: list[str], threshold: float) -> ir.Table:
    g = table.group_by(keys).aggregate(value=exact_sum(table.value))
    return g.filter(g.value > threshold)


def products_exported(table: ir.Table, *, by: Sequence[str] | None = None, threshold: float = 0.0) -> ir.Table:
    """Number of products exported (value above ``threshold``) and their total value, per year.

    Method: a count of the extensive margin, as in WITS' "Number of products exported"
    (the threshold is 0 there; some studies use USD 1,000 to drop noise; e.g. Cadot,
    Carrere & Strauss-Kahn 2011).  Returns ``[year] + by + [n_products, value]``.
    """
    keys = _flow_keys(table, by)
    require_columns(table, ["year", *keys, "product", "value"], what="products_exported")
    e = _exported(table, ["year", *keys, "product"], threshold)
    return e.group_by(["year", *keys]).aggregate(n_products=e.product.count(), value=exact_sum(e.value))


def product_changes(
    table: ir.Table,
    *,
    start: int,
    end: int,
    by: Sequence[str] | None = None,
    threshold: float = 0.0,
) -> ir.Table:
    """Every product exported in ``start`` or ``end``, with its status: new, lost or continuing.

    ``new``: exported in ``end`` but not in ``start``; ``lost``: exported in ``start`` but
    not in ``end``; ``continuing``: exported in both (the lists of "products gained and
    lost" of WITS and the World Bank's Export Survival / Trade Competitiveness Diagnostic).
    Returns ``by + [product, value_start, value_end, change, status]`` with 0 for the year a
    product was not exported.
    """
    keys = _flow_keys(table, by)
    require_columns(table, ["year", *keys, "product", "value"], what="product_changes")
    cols = [*keys, "product"]
    a = _exported(table.filter(table.year == int(start)), cols, threshold).rename(value_start="value")
    b = _exported(table.filter(table.year == int(end)), cols, threshold).rename(value_end="value")
    j = a.outer_join(b, cols)
    merged = {c: ibis.coalesce(j[c], j[f"{c}_right"]) for c in cols}
    j = j.select(**merged, value_start=ibis.coalesce(j.value_start, 0.0), value_end=ibis.coalesce(j.value_end, 0.0))
    status = ibis.cases((j.value_start == 0.0, "new"), (j.value_end == 0.0, "lost"), else_="continuing")
    return j.mutate(change=j.value_end - j.value_start, status=status)


def growth_decomposition(
    table: ir.Table,
    *,
    start: int,
    end: int,
    by: Sequence[str] | None = None,
    threshold: float = 0.0,
) -> ir.Table:
    """Export growth between two years split into new products, lost products and the intensive margin.

    Method: the extensive/intensive decomposition of export growth of Besedes & Prusa
    (2011), "The role of extensive and intensive margins and export survival in export
    growth", *Journal of Development Economics* 96(2), and Brenton & Newfarmer (2007),
    World Bank PRWP 4246::

        X_end - X_start = sum_{new} x_end            (extensive margin: new products, >= 0)
                        - sum_{lost} x_start         (extensive margin: lost products, <= 0)
                        + sum_{continuing} (x_end - x_start)   (intensive margin)

    ``intensive`` is further split into ``intensive_growth`` (continuing products that grew)
    and ``intensive_decline`` (that shrank).  Returns ``by + [value_start, value_end,
    change, new, lost, intensive, intensive_growth, intensive_decline, n_new, n_lost,
    n_continuing]``; ``lost`` and ``intensive_decline`` are negative or zero.
    """
    keys = _flow_keys(table, by)
    return decompose(product_changes(table, start=start, end=end, by=keys, threshold=threshold), keys)


def yearly_changes(table: ir.Table, *, by: Sequence[str] | None = None, threshold: float = 0.0) -> ir.Table:
    """:func:`product_changes` between every pair of consecutive years, with the later ``year``.

    Only years whose previous year has data for the same flow are kept (the first year of
    a series has nothing to compare with).  Returns ``[year] + by + [product, value_start,
    value_end, change, status]``.
    """
    keys = _flow_keys(table, by)
    require_columns(table, ["year", *keys, "product", "value"], what="yearly_changes")
    cols = ["year", *keys, "product"]
    cur = _exported(table, cols, threshold)
    prev = cur.mutate(year=(cur.year + 1).cast(cur.year.type())).rename(value_start="value")
    cur = cur.rename(value_end="value")
    j = prev.outer_join(cur, cols)
    merged = {c: ibis.coalesce(j[c], j[f"{c}_right"]) for c in cols}
    j = j.select(**merged, value_start=ibis.coalesce(j.value_start, 0.0), value_end=ibis.coalesce(j.value_end, 0.0))
    # keep a flow's year only when the flow has exports in both that year and the one before
    group = ["year", *keys]
    j = j.mutate(
        _had=(j.value_start > 0).cast("int32").max().over(group_by=group),
        _has=(j.value_end > 0).cast("int32").max().over(group_by=group),
    )
    j = j.filter((j._had == 1) & (j._has == 1)).drop("_had", "_has")
    status = ibis.cases((j.value_start == 0.0, "new"), (j.value_end == 0.0, "lost"), else_="continuing")
    return j.mutate(change=j.value_end - j.value_start, status=status)


def decompose(changes: ir.Table, keys: Sequence[str]) -> ir.Table:
    """Aggregate a product-changes table to the growth margins of :func:`growth_decomposition` by ``keys``
    (sums exact, :func:`corridor.store.figures.exact_sum`: the same rows give the same bits)."""
    c = changes
    keys = list(keys)
    is_new, is_lost, is_cont = (c.status == s for s in STATUSES)
    zero = ibis.literal(0.0)
    cont_change = ibis.ifelse(is_cont, c.change, zero)
    g = c.group_by(keys).aggregate(
        value_start=exact_sum(c.value_start),
        value_end=exact_sum(c.value_end),
        new=exact_sum(ibis.ifelse(is_new, c.value_end, zero)),
        lost=0.0 - exact_sum(ibis.ifelse(is_lost, c.value_start, zero)),
        intensive=exact_sum(cont_change),
        intensive_growth=exact_sum(ibis.ifelse(cont_change > 0, cont_change, zero)),
        intensive_decline=exact_sum(ibis.ifelse(cont_change < 0, cont_change, zero)),
        n_new=is_new.cast("int64").sum(),
        n_lost=is_lost.cast("int64").sum(),
        n_continuing=is_cont.cast("int64").sum(),
    )
    return g.mutate(change=g.value_end - g.value_start)
