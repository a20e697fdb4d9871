"""Concentration and diversification of trade: Herfindahl-Hirschman, Theil, WITS DX.

Pure Ibis table -> table functions over the tidy shape of :mod:`corridor.indicators.tidy`
(``[year, exporter, importer?, product, value]``).  They run unchanged on DuckDB and
PySpark.  Zero and null values are not trade: a product "is exported" when its value is
strictly positive.

``by`` names the groups an index is computed for (default: ``year, exporter`` plus
``importer`` when the table has it, i.e. one figure per exporter, market and year) and
``over`` the dimension across which shares are taken (default ``product``; pass
``over='importer'`` for market concentration).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from ..store.sums import SHARE_SCALE, exact_sum
from .tidy import positive, require_columns


def default_by(table: ir.Table) -> tuple[str, ...]:
    """``(year, exporter, importer)`` when the table has an importer column, else ``(year, exporter)``."""
    return ("year", "exporter", "importer") if "importer" in table.columns else ("year", "exporter")


def shares(table: ir.Table, *, by: Sequence[str], over: str = "product") -> ir.Table:
    """Aggregate positive values to ``by + [over]`` and add ``share`` within each ``by`` group.

    Returns ``by + [over, value, total, share]`` where ``total`` is the group's sum.
    """
    by = list(by)
    require_columns(table, [*by, over, "value"], what="shares")
    # exact sums: the same rows give the same bits in every run (see store.figures.exact_sum)
    t = positive(table).group_by([*by, over]).aggregate(value=lambda x: exact_sum(x.value))
    t = t.mutate(total=exact_sum(t.value, over=by))
    return t.mutate(share=t.value / t.total)


def hhi(
    table: ir.Table,
    *,
    by: Sequence[str] | None = None,
    over: str = "product",
    universe: int | None = None,
) -> ir.Table:
    """Herfindahl-Hirschman index of concentration, and its normalised form.

    Method (Hirschman 1945, *National Power and the Structure of Foreign Trade*; Herfindahl
    1950; as used by WITS, "Hirschman Herfindahl index", and UNCTAD):

    ``HHI = sum_k s_k**2`` with ``s_k = x_k / sum_k x_k`` the share of item ``k`` (a product,
    or a market with ``over='importer'``) in the group's trade; ``1/n <= HHI <= 1``.

    ``hhi_normalized = (HHI - 1/n) / (1 - 1/n)`` in ``[0, 1]``, where ``n`` is ``universe``
    when given (e.g. the number of HS4 headings) and otherwise the number of items with
    positive trade in the group; it is 1 when ``n == 1``.

    Returns ``by + [n_items, value, hhi, hhi_normalized]`` (``value`` = the group total).
    """
    by = list(by or default_by(table))
    s = shares(table, by=by, over=over)
    g = s.group_by(by).aggregate(n_items=s[over].count(), value=exact_sum(s.value),
                                 hhi=exact_sum(s.share * s.share, scale=SHARE_SCALE))
    n = g.n_items.cast("float64") if universe is None else ibis.literal(float(universe))
    norm = ibis.cases((n <= 1, 1.0), else_=(g.hhi - 1.0 / n) / (1.0 - 1.0 / n))
    return g.mutate(hhi_normalized=norm)


def theil(
    table: ir.Table,
    *,
    by: Sequence[str] | None = None,
    over: str = "product",
    universe: int | None = None,
) -> ir.Table:
    """Theil entropy index of concentration with its extensive/intensive decomposition.

    Method (Theil 1967; decomposition of Cadot, Carrere & Strauss-Kahn 2011, "Export
    diversification: what's behind the hump?", *Review of Economics and Statistics* 93(2)):
    over a universe of ``N`` potential items of which ``N_a`` are traded, with mean
    ``mu = X / N`` and ``s_k = x_k / X``::

        T         = (1/N) sum_k (x_k/mu) ln(x_k/mu) = ln N + sum_k s_k ln s_k
        T_between = ln(N / N_a)                          (extensive margin: items not traded)
        T_within  = ln N_a + sum_k s_k ln s_k            (intensive margin: unequal values)
        T = T_between + T_within

    ``universe`` is ``N``; by default the number of distinct items traded by anyone in the
    table in that year (so a table holding every exporter gives the world's product range).
    Higher values mean *less* diversified trade.  Returns ``by + [n_items, universe,
    theil, theil_between, theil_within]``.
    """
    by = list(by or default_by(table))
    s = shares(table, by=by, over=over)
    g = s.group_by(by).aggregate(n_items=s[over].count(), entropy=exact_sum(s.share * s.share.ln(), scale=SHARE_SCALE))
    if universe is None:
        p = positive(table)
        u = p.group_by("year").aggregate(universe=p[over].nunique()) if "year" in by else None
        if u is None:
            g = g.mutate(universe=p[over].nunique().as_scalar())
        else:
            g = g.join(u, "year")
    else:
        g = g.mutate(universe=ibis.literal(int(universe)))
    n = g.universe.cast("float64")
    na = g.n_items.cast("float64")
    g = g.mutate(
        theil=n.ln() + g.entropy,
        theil_between=(n / na).ln(),
        theil_within=na.ln() + g.entropy,
    )
    return g.select(*by, "n_items", "universe", "theil", "theil_between", "theil_within")


def overlap(a: ir.Table, b: ir.Table, *, on: Sequence[str], keys_a: Sequence[str], keys_b: Sequence[str]) -> ir.Table:
    """``sum_k min(a_k, b_k)`` of two share tables (column ``share``) joined on ``on``.

    For two distributions that each sum to 1, ``sum_k |a_k - b_k| / 2 = 1 - sum_k min(a_k, b_k)``;
    items present in only one of them add nothing to the minimum, so an inner join suffices.
    Returns ``keys_a + keys_b (deduplicated) + [overlap]`` for every pair that shares at
    least one item (pairs sharing none have overlap 0; the callers add them).
    """
    a = a.select(*dict.fromkeys([*keys_a, *on]), share_a=a.share)
    b = b.select(*dict.fromkeys([*keys_b, *on]), share_b=b.share)
    j = a.join(b, list(on))
    keys = list(dict.fromkeys([*keys_a, *keys_b]))
    return j.group_by(keys).aggregate(overlap=exact_sum(ibis.least(j.share_a, j.share_b), scale=SHARE_SCALE))


def export_diversification(
    table: ir.Table,
    *,
    by: Sequence[str] | None = None,
    world: ir.Table | None = None,
) -> ir.Table:
    """Export diversification index (WITS / UNCTAD), and the Finger-Kreinin similarity.

    Method (WITS "Export product diversification index"; UNCTAD *Handbook of Statistics*;
    a modified Finger & Kreinin 1979, "A measure of 'export similarity' and its possible
    uses", *Economic Journal* 89):

        DX_j = sum_i |h_ij - h_i| / 2

    with ``h_ij`` the share of product ``i`` in the exports of group ``j`` and ``h_i`` its
    share in world exports.  ``DX`` is in ``[0, 1]``; values near 1 mean the export
    structure differs strongly from the world's (less diversified).  ``similarity = 1 - DX
    = sum_i min(h_ij, h_i)`` is the Finger-Kreinin export similarity index.

    ``world`` is a ``[year, product, value]`` table of world exports by product; by default
    the sum of ``table`` over all its exporters and importers.  Returns ``by +
    [dx, similarity]`` for the groups whose year the world reference covers.
    """
    by = list(by or default_by(table))
    mine = shares(table, by=by, over="product")
    if world is None:
        world = table
    require_columns(world, ("year", "product", "value"), what="export_diversification(world=)")
    w = shares(world, by=["year"], over="product")
    ov = overlap(mine, w, on=["year", "product"], keys_a=by, keys_b=["year"])
    groups = mine.select(*by).distinct()
    if "year" in by:  # only the years for which the world reference has data
        groups = groups.join(w.select("year").distinct(), "year")
    r = groups.left_join(ov, by).select(*by, similarity=ibis.coalesce(ov.overlap, 0.0))
    return r.mutate(dx=1.0 - r.similarity).select(*by, "dx", "similarity")
