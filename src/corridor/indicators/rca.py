"""Revealed comparative advantage, RPOP, the presence matrix Mcp, diversity and ubiquity.

Pure Ibis table -> table functions (group-bys and joins only) over the export matrix of
:func:`corridor.indicators.inputs.export_matrix` (``year, exporter, product,
export_value``), so they run unchanged on DuckDB and Spark.  The matrix is *sparse*:
absent (exporter, product) cells are zero exports, hence RCA 0 and Mcp 0.  Exporters and
products with zero total exports in a year have no rows, which is what py-ecomplexity
does when it drops rows/columns of zero value before computing anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..options import PresenceIndex, PresenceRule, check, values
from ..store.sums import SHARE_SCALE, exact_sum
from ..errors import ConfigError
from ..messages import Message

if TYPE_CHECKING:  # Ibis is the engine of these functions' callers; not imported here
    import ibis.expr.types as ir

PRESENCE_RULES: tuple[str, ...] = values(PresenceRule)

PRESENCE_INDICES: tuple[str, ...] = values(PresenceIndex)


def rca(matrix: ir.Table, /, *, value: str = "export_value") -> ir.Table:
    """Balassa's revealed comparative advantage, one row per exporter, product and year.

    ``RCA_cp = (x_cp / Σ_p x_cp) / (Σ_c x_cp / Σ_cp x_cp)`` (Balassa 1965, "Trade
    liberalisation and 'revealed' comparative advantage", The Manchester School 33(2)),
    computed per year in this operation order (the order py-ecomplexity uses, so that
    thresholds at exactly 1 fall the same way).

    Returns ``year, exporter, product, <value>, rca``.
    """
    keyed = matrix.filter(matrix[value] > 0)
    # exact sums: the same matrix gives the same bits in every run (store.figures.exact_sum)
    by_exporter = keyed.group_by(["year", "exporter"]).aggregate(x_c=exact_sum(keyed[value]))
    by_product = keyed.group_by(["year", "product"]).aggregate(x_p=exact_sum(keyed[value]))
    by_year = keyed.group_by("year").aggregate(x_w=exact_sum(keyed[value]))
    joined = keyed.join(by_exporter, ["year", "exporter"]).join(by_product, ["year", "product"]).join(by_year, "year")
    share = joined[value] / joined.x_c
    world_share = joined.x_p / joined.x_w
    return joined.select("year", "exporter", "product", value, rca=share / world_share)


def rpop(matrix: ir.Table, population: ir.Table, /, *, value: str = "export_value") -> ir.Table:
    """RPOP: exports per capita relative to the world's, one row per exporter, product and year.

    ``RPOP_cp = (x_cp / pop_c) / (Σ_c x_cp / Σ_c pop_c)`` (Atlas of Economic Complexity,
    Growth Lab, Harvard; Hausmann et al. 2014, *The Atlas of Economic Complexity*, MIT
    Press; same formula as py-ecomplexity's ``calculate_rpop``).  ``population`` has
    columns ``year, exporter, population``; the world population Σ_c pop_c is summed over
    the exporters present in the matrix that year.  Exporters without a population row are
    left out (an inner join): RPOP is undefined for them.

    Returns ``year, exporter, product, <value>, rpop``.
    """
    missing = {"year", "exporter", "population"} - set(population.columns)
    if missing:
        raise ConfigError(Message("ind_population_columns", missing=str(sorted(missing))))
    keyed = matrix.filter(matrix[value] > 0)
    pop = population.select("year", "exporter", pop=population.population.cast("float64"))
    exporters = keyed.select("year", "exporter").distinct().join(pop, ["year", "exporter"])
    world_pop = exporters.group_by("year").aggregate(pop_w=exact_sum(exporters.pop))
    by_product = keyed.group_by(["year", "product"]).aggregate(x_p=exact_sum(keyed[value]))
    joined = keyed.join(pop, ["year", "exporter"]).join(by_product, ["year", "product"]).join(world_pop, "year")
    per_capita = joined[value] / joined.pop
    world_per_capita = joined.x_p / joined.pop_w
    return joined.select("year", "exporter", "product", value, rpop=per_capita / world_per_capita)


def presence(
    table: ir.Table,
    /,
    *,
    rule: PresenceRule = "binary",
    threshold: float = 1.0,
    index: PresenceIndex = "rca",
) -> ir.Table:
    """Add the presence ``mcp`` column from RCA (or RPOP).

    ``rule='binary'``: ``M_cp = 1 if index_cp >= threshold else 0`` (Hidalgo & Hausmann
    2009, PNAS 106(26); threshold 1 by default, as in py-ecomplexity).
    ``rule='continuous'``: ``M_cp = index_cp / (1 + index_cp)`` in [0, 1) (the continuous
    presence used by the Growth Lab's Atlas; ``threshold`` is not used).

    ``table`` has a column named ``index`` (``rca`` or ``rpop``); returns it with ``mcp``
    (float64) added.  Absent cells are zero in both rules.
    """
    check(rule, PresenceRule, field="rule")
    check(index, PresenceIndex, field="index")
    if index not in table.columns:
        raise ConfigError(Message("ind_presence_index", index=index))
    x = table[index]
    if rule == "binary":
        mcp = (x >= threshold).ifelse(1.0, 0.0)
    else:
        mcp = x / (x + 1.0)
    return table.mutate(mcp=mcp.cast("float64"))


def presence_matrix(
    matrix: ir.Table,
    /,
    *,
    rule: PresenceRule = "binary",
    threshold: float = 1.0,
    value: str = "export_value",
) -> ir.Table:
    """``rca`` then ``presence`` on RCA: ``year, exporter, product, <value>, rca, mcp``."""
    return presence(rca(matrix, value=value), rule=rule, threshold=threshold, index="rca")


def rca_array(exports: np.ndarray, /) -> np.ndarray:
    """Balassa RCA of a dense (C, P) export array, the formula and operation order of
    :func:`rca`: ``(x_cp / x_c) / (x_p / x_w)`` with ``x_w = Σ_c x_c``.

    Every row and column must have a positive sum (exporters and products with exports,
    as in an export matrix); absent cells are 0 and get RCA 0.
    """
    x = np.asarray(exports, dtype=np.float64)
    x_c = x.sum(axis=1)
    x_p = x.sum(axis=0)
    x_w = x_c.sum()
    return (x / x_c[:, None]) / (x_p / x_w)[None, :]


def presence_array(index: np.ndarray, /, *, rule: PresenceRule = "binary", threshold: float = 1.0) -> np.ndarray:
    """The presence rule of :func:`presence` on a dense (C, P) array of RCA (or RPOP):
    binary ``index >= threshold`` as 0/1, or continuous ``index / (1 + index)``."""
    check(rule, PresenceRule, field="rule")
    if rule == "binary":
        return (index >= threshold).astype(np.float64)
    return index / (index + 1.0)


def diversity(presence_table: ir.Table, /) -> ir.Table:
    """Diversity ``k_c,0 = Σ_p M_cp`` per exporter and year (Hidalgo & Hausmann 2009).

    Returns ``year, exporter, diversity`` (float64; an integer count under binary presence).
    Under binary presence with ``threshold <= 1`` every exporter with exports has
    diversity >= 1 (its export shares and the world's both sum to 1, so some product has
    RCA >= 1), and likewise every exported product has ubiquity >= 1.
    """
    return presence_table.group_by(["year", "exporter"]).aggregate(diversity=exact_sum(presence_table.mcp, scale=SHARE_SCALE))


def ubiquity(presence_table: ir.Table, /) -> ir.Table:
    """Ubiquity ``k_p,0 = Σ_c M_cp`` per product and year (Hidalgo & Hausmann 2009).

    Returns ``year, product, ubiquity`` (float64).
    """
    return presence_table.group_by(["year", "product"]).aggregate(ubiquity=exact_sum(presence_table.mcp, scale=SHARE_SCALE))
