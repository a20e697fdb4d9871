"""Export potential in USD, in the manner of ITC's Export Potential Map.

Method (Decreux & Spies 2016, "Export Potential Assessments: A methodology to identify
export opportunities for developing countries", International Trade Centre, Geneva): the
potential value of exporter ``i``'s sales of product ``k`` to market ``j`` is the product
of three factors::

    EP_ijk = S_ik * D_jk * B_ij

    S_ik = x_ik / X_wk                    supply: i's share of world exports of k
    D_jk = m_jk * (1 + g_jk) ** horizon   demand: j's imports of k, projected
    B_ij = sum_k a_ijk / sum_k S_ik * m_jk   bilateral ease: i's actual exports to j
                                          relative to what its world market shares
                                          would give it in j's import basket

    untapped_ijk = max(EP_ijk - a_ijk, 0)   (a_ijk: actual exports of k from i to j)

What this implementation does *not* have, and assumes instead (see docs/opportunities.md):
ITC projects supply and demand five years ahead with IMF GDP forecasts and income
elasticities, adjusts demand for the tariff advantage of the exporter and for the
distance between the two countries, and excludes re-exports; here the projection is the
market's own observed import growth over ``horizon`` years (0 = the base year, the
default), tariffs and distance enter only through the bilateral ease factor (which is
estimated from actual trade and so absorbs them at the level of the country pair), and
re-exports are not removed.  Because ``B_ij`` is calibrated on actual trade, ``sum_k
EP_ijk == sum_k a_ijk`` at ``horizon == 0`` over the products with demand: potential
redistributes the exporter's actual sales to the market by supply and demand.

All functions are Ibis table -> table and run on DuckDB and PySpark.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ..errors import ConfigError
from ..indicators.tidy import require_columns
from ..store.sums import exact_sum
from ..messages import Message


def _by_product(table: ir.Table, name: str) -> ir.Table:
    require_columns(table, ("product", "value"), what=f"export_potential({name}=)")
    t = table.filter(table.value.notnull() & (table.value > 0))
    return t.group_by("product").aggregate(**{name: exact_sum(t.value)})


def export_potential(
    supply: ir.Table,
    world: ir.Table,
    demand: ir.Table,
    actual: ir.Table,
    *,
    horizon: int = 0,
) -> ir.Table:
    """ITC-style export potential of one exporter in one market, per product.

    ``supply``: ``[product, value]`` the exporter's exports to the world; ``world``:
    ``[product, value]`` world exports (the exporter included); ``demand``: ``[product,
    value]`` the market's imports from the world, with an optional ``growth`` column
    (annual growth rate, e.g. 0.05) used when ``horizon > 0``; ``actual``: ``[product,
    value]`` the exporter's exports to the market.  Products without demand have no
    potential and are left out; products the exporter does not export have supply 0.

    Returns ``[product, supply, world, supply_share, demand, demand_projected, actual,
    ease, potential, untapped, realised]`` where ``realised = actual / potential``
    (null when the potential is 0).
    """
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 0:
        raise ConfigError(Message("opp_horizon", value=horizon))
    s = _by_product(supply, "supply")
    w = _by_product(world, "world")
    a = _by_product(actual, "actual")
    d = _by_product(demand, "demand")
    if horizon and "growth" in demand.columns:
        g = demand.group_by("product").aggregate(growth=demand.growth.max())
        d = d.left_join(g, "product").select(d.product, d.demand, growth=ibis.coalesce(g.growth, 0.0))
        d = d.mutate(demand_projected=d.demand * (1.0 + d.growth) ** horizon).drop("growth")
    else:
        d = d.mutate(demand_projected=d.demand)

    t = d.left_join(s, "product").select(d, supply=ibis.coalesce(s.supply, 0.0))
    t = t.left_join(w, "product").select(t, world=w.world)
    t = t.left_join(a, "product").select(t, actual=ibis.coalesce(a.actual, 0.0))
    # a supply larger than the world figure (different sources or years) is capped at 1
    share = ibis.cases((t.world.isnull() | (t.world <= 0), 0.0), else_=ibis.least(t.supply / t.world, 1.0))
    t = t.mutate(supply_share=share)
    expected = exact_sum(t.supply_share * t.demand, over=())
    t = t.mutate(ease=ibis.cases((expected > 0, exact_sum(t.actual, over=()) / expected), else_=0.0))
    t = t.mutate(potential=t.supply_share * t.demand_projected * t.ease)
    t = t.mutate(
        untapped=ibis.greatest(t.potential - t.actual, 0.0),
        realised=ibis.cases((t.potential > 0, t.actual / t.potential), else_=ibis.null("float64")),
    )
    return t.select(
        "product", "supply", "world", "supply_share", "demand", "demand_projected",
        "actual", "ease", "potential", "untapped", "realised",
    )
