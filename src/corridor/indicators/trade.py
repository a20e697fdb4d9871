"""Bilateral trade indicators: complementarity, intensity, Hummels-Klenow margins, market penetration.

Pure Ibis table -> table functions over the tidy shape of :mod:`corridor.indicators.tidy`
(``[year, exporter, importer, product, value]``, values in USD).  They run unchanged on
DuckDB and PySpark.  Trade means a strictly positive value.  Where an indicator needs a
"world" figure that the table cannot hold (e.g. China's imports from every country when
only Kazakhstan's exports are loaded), a keyword argument takes it as a separate table;
by default the world is the sum of the table itself, which is right when the table is a
complete bilateral matrix (BACI).

Balassa RCA and RPOP live in :mod:`corridor.indicators.rca`; concentration and the WITS
diversification index in :mod:`corridor.indicators.concentration`; new/lost products and
growth margins in :mod:`corridor.indicators.dynamics`.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ..store.sums import exact_sum
from .concentration import overlap, shares
from .tidy import positive, require_columns

PAIR = ["year", "exporter", "importer"]


def _totals(table: ir.Table, keys: list[str], name: str = "value") -> ir.Table:
    p = positive(table)
    return p.group_by(keys).aggregate(**{name: exact_sum(p.value)})


def trade_complementarity(exports: ir.Table, imports: ir.Table | None = None) -> ir.Table:
    """Trade complementarity index of every exporter with every importer.

    Method (Michaely 1996, "Trade preferential agreements in Latin America: an ex-ante
    assessment", World Bank PRWP 1583; WITS "Trade complementarity index")::

        TC_ij = 100 * (1 - sum_k |m_jk - x_ik| / 2) = 100 * sum_k min(m_jk, x_ik)

    with ``x_ik`` the share of product ``k`` in exporter ``i``'s exports to the world and
    ``m_jk`` its share in importer ``j``'s imports from the world.  0 = no overlap, 100 =
    the exporter's export structure matches the importer's import structure exactly.

    ``exports``: ``[year, exporter, product, value]`` (an ``importer`` column is summed
    over).  ``imports``: ``[year, importer, product, value]``; by default the importers'
    imports read from ``exports`` as a bilateral matrix.  Returns ``[year, exporter,
    importer, tc]`` for every exporter-importer pair of a year.
    """
    require_columns(exports, ("year", "exporter", "product", "value"), what="trade_complementarity")
    if imports is None:
        require_columns(exports, ("importer",), what="trade_complementarity without imports=")
        imports = exports
    require_columns(imports, ("year", "importer", "product", "value"), what="trade_complementarity(imports=)")
    x = shares(exports, by=["year", "exporter"])
    m = shares(imports, by=["year", "importer"])
    ov = overlap(x, m, on=["year", "product"], keys_a=["year", "exporter"], keys_b=["year", "importer"])
    pairs = x.select("year", "exporter").distinct().join(m.select("year", "importer").distinct(), "year")
    r = pairs.left_join(ov, PAIR).select(*PAIR, tc=100.0 * ibis.coalesce(ov.overlap, 0.0))
    return r


def trade_intensity(
    bilateral: ir.Table,
    *,
    exporter_totals: ir.Table | None = None,
    market_totals: ir.Table | None = None,
    world_totals: ir.Table | None = None,
) -> ir.Table:
    """Trade intensity index of each exporter with each market.

    Method (Brown 1949, *Applied Economics*; Kojima 1964, "The pattern of international
    trade among advanced countries", *Hitotsubashi J. of Economics* 5(1); WITS "Trade
    intensity index")::

        TII_ij = (x_ij / X_i) / (x_wj / X_w)

    ``x_ij``: exports of ``i`` to ``j``; ``X_i``: total exports of ``i``; ``x_wj``: world
    exports to ``j`` (``j``'s imports); ``X_w``: total world exports.  Above 1, ``i`` sells
    more to ``j`` than ``j``'s weight in world trade would predict.

    ``bilateral``: ``[year, exporter, importer, value]`` (a ``product`` column is summed
    over).  The totals default to sums of ``bilateral`` (right for a full matrix); pass
    ``exporter_totals [year, exporter, value]``, ``market_totals [year, importer, value]``,
    ``world_totals [year, value]`` when the table holds only some flows.  Rows whose
    exporter is the importer, or whose importer is ``WLD``, are not pairs and are dropped.
    Returns ``[year, exporter, importer, value, exporter_total, market_total, world_total,
    tii]``.
    """
    require_columns(bilateral, ("year", "exporter", "importer", "value"), what="trade_intensity")
    pairs = _totals(bilateral, PAIR)
    pairs = pairs.filter((pairs.exporter != pairs.importer) & (pairs.importer != "WLD"))
    exporter_totals = pairs if exporter_totals is None else exporter_totals
    market_totals = pairs if market_totals is None else market_totals
    world_totals = pairs if world_totals is None else world_totals
    xi = _totals(exporter_totals, ["year", "exporter"], "exporter_total")
    xj = _totals(market_totals, ["year", "importer"], "market_total")
    xw = _totals(world_totals, ["year"], "world_total")
    t = pairs.join(xi, ["year", "exporter"]).join(xj, ["year", "importer"]).join(xw, "year")
    return t.mutate(tii=(t.value / t.exporter_total) / (t.market_total / t.world_total))


def hummels_klenow(bilateral: ir.Table, *, reference: ir.Table | None = None) -> ir.Table:
    """Hummels-Klenow extensive and intensive margins of each exporter in each market.

    Method (Hummels & Klenow 2005, "The variety and quality of a nation's exports",
    *American Economic Review* 95(3), eqs. 1-3), with ``K_ij`` the products that ``i``
    exports to ``j`` and ``W_jk`` the reference (world) exports of ``k`` to ``j``::

        EM_ij = sum_{k in K_ij} W_jk / sum_k W_jk          (extensive margin)
        IM_ij = sum_{k in K_ij} x_ijk / sum_{k in K_ij} W_jk   (intensive margin)
        EM_ij * IM_ij = x_ij / W_j                          (i's share of j's imports)

    ``bilateral``: ``[year, exporter, importer, product, value]``.  ``reference``:
    ``[year, importer, product, value]`` (the markets' imports from the world, e.g. from
    their own import statistics); by default the sum over all exporters of ``bilateral``.
    Returns ``[year, exporter, importer, n_products, extensive, intensive, market_share]``.
    """
    require_columns(bilateral, ("year", "exporter", "importer", "product", "value"), what="hummels_klenow")
    if reference is None:
        reference = bilateral
    require_columns(reference, ("year", "importer", "product", "value"), what="hummels_klenow(reference=)")
    ref = _totals(reference, ["year", "importer", "product"], "w")
    ref_tot = ref.group_by(["year", "importer"]).aggregate(w_total=exact_sum(ref.w))
    x = _totals(bilateral, [*PAIR, "product"], "x")
    x = x.filter(x.exporter != x.importer)
    j = x.join(ref, ["year", "importer", "product"])
    g = j.group_by(PAIR).aggregate(n_products=j.product.count(), x=exact_sum(j.x), w=exact_sum(j.w))
    g = g.join(ref_tot, ["year", "importer"])
    g = g.mutate(extensive=g.w / g.w_total, intensive=g.x / g.w)
    return g.mutate(market_share=g.extensive * g.intensive).select(
        *PAIR, "n_products", "extensive", "intensive", "market_share"
    )


def market_penetration(bilateral: ir.Table, *, importers: ir.Table | None = None) -> ir.Table:
    """Market penetration of each exporter in each product.

    Method (WITS "Market penetration index"): the number of markets to which the exporter
    sells product ``k``, divided by the number of markets that import ``k`` from anyone,
    in percent::

        MP_ik = 100 * #{j : x_ijk > 0} / #{j : M_jk > 0}

    ``bilateral``: ``[year, exporter, importer, product, value]``; ``importers``: a
    ``[year, importer, product, value]`` table of imports from anyone (by default the
    importers of ``bilateral``).  Aggregate rows (importer ``WLD``) are ignored.  Returns
    ``[year, exporter, product, n_markets, n_importers, penetration]``.
    """
    require_columns(bilateral, ("year", "exporter", "importer", "product", "value"), what="market_penetration")
    if importers is None:
        importers = bilateral
    b = positive(bilateral)
    b = b.filter((b.importer != "WLD") & (b.exporter != b.importer))
    im = positive(importers)
    im = im.filter(im.importer != "WLD")
    n_imp = im.group_by(["year", "product"]).aggregate(n_importers=im.importer.nunique())
    n_mkt = b.group_by(["year", "exporter", "product"]).aggregate(n_markets=b.importer.nunique())
    t = n_mkt.join(n_imp, ["year", "product"])
    return t.mutate(penetration=100.0 * t.n_markets.cast("float64") / t.n_importers.cast("float64"))
