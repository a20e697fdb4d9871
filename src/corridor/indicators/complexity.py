"""Economic and product complexity: ECI/PCI (eigenvector, reflections) and fitness.

The presence table (``year, exporter, product, mcp`` from
:func:`corridor.indicators.rca.presence_matrix`) is pulled once from the engine and cut
into one dense exporter × product array per year (about 225 × 5,000 float64 = 9 MB at
HS6); everything after that is NumPy/BLAS.  The eigenvector method works on the
exporter-side 225 × 225 symmetric matrix (``numpy.linalg.eigh``), never on the
product × product one.

Conventions (all named, all shared by the three methods where they apply):

* Exporters with diversity 0 and products with ubiquity 0 are left out of the
  computation and get NaN (as py-ecomplexity does).
* **Atlas normalisation** (Hausmann et al. 2014, *The Atlas of Economic Complexity*;
  the Growth Lab's Stata/py-ecomplexity packages): ``ECI = (k_c - mean(k_c)) / std(k_c)``
  and ``PCI = (k_p - mean(k_c)) / std(k_c)`` -- PCI is z-scored with ECI's mean and
  standard deviation, so that a country's ECI is the mean PCI of its products; ``std``
  is the population standard deviation (ddof = 0, NumPy's default, as py-ecomplexity).
* **Sign rule**: ECI must correlate non-negatively with diversity (Pearson correlation
  over the exporters with diversity > 0); if it correlates negatively, ECI and PCI are
  both negated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..options import ComplexityMethod, PresenceRule, TableOutput, check, values
from ..errors import ConfigError, QueryError
from . import columnar
from .rca import PRESENCE_RULES, PresenceRule, presence_array, rca_array
from ..messages import Message

if TYPE_CHECKING:  # pandas, polars and Ibis are imported only when a table is asked for in their form
    import ibis.expr.types as ir
    import pandas as pd

#: The forms a result table can be returned in.
TABLE_OUTPUTS: tuple[str, ...] = values(TableOutput)


def ranked_table(columns: dict[str, Any], score: str) -> pa.Table:
    """Arrow table of ``columns`` plus ``rank`` of ``score`` (1 = highest; ties share the
    lowest rank, as pandas' ``rank(method='min', ascending=False)``; NaN scores get no rank)."""
    table = columnar.table(columns)
    values = table[score]
    ranks = pc.rank(values, sort_keys="descending", tiebreaker="min")
    ranks = pc.if_else(pc.is_nan(values), pa.nulls(len(values), pa.uint64()), ranks)
    return table.append_column("rank", pc.cast(ranks, pa.int64()))


def convert_table(table: pa.Table, output: TableOutput) -> Any:
    """``table`` as pandas (integer ``rank`` as nullable ``Int64``), Arrow or polars."""
    check(output, TableOutput, field="output")
    if output == "arrow":
        return table
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    frame = table.to_pandas()
    if "rank" in frame.columns:
        frame["rank"] = frame["rank"].astype("Int64")
    return frame


def concat_tables(tables: list[pa.Table], output: TableOutput) -> Any:
    """Year tables stacked, in the form asked for."""
    return convert_table(pa.concat_tables(tables), output)

COMPLEXITY_METHODS: tuple[str, ...] = values(ComplexityMethod)

DEFAULT_REFLECTIONS = 20
DEFAULT_FITNESS_ITERATIONS = 200
DEFAULT_FITNESS_TOLERANCE = 1e-10


@dataclass(frozen=True, slots=True)
class YearMatrix:
    """One year's presence matrix as arrays.

    ``exporters``: (C,) sorted labels; ``products``: (P,) sorted labels; ``mcp``: (C, P)
    float64 dense presence (zero where the cell is absent).  C and P cover every exporter
    and product with a row in the presence table that year.
    """

    year: int
    exporters: np.ndarray
    products: np.ndarray
    mcp: np.ndarray


def _sorted_codes(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted unique labels, code of each value into them)."""
    labels = pc.unique(column)
    labels = labels.take(pc.sort_indices(labels))
    codes = columnar.to_numpy(pc.index_in(column, value_set=labels))
    return columnar.to_numpy(labels), codes


def _pulled(table: ir.Table, column: str) -> pa.Table:
    """``year, exporter, product, <column>`` of an engine's table, as Arrow (the engine
    layer, and Ibis with it, is imported only for a table that is not Arrow already)."""
    from .engines import to_arrow

    return to_arrow(table.select("year", "exporter", "product", column))


def year_matrices(presence_table: ir.Table | pa.Table, /, *, column: str = "mcp") -> tuple[YearMatrix, ...]:
    """Pull ``year, exporter, product, <column>`` and build one :class:`YearMatrix` per year
    (the array holds ``<column>``: the presence ``mcp``, or for :func:`presence_matrices`
    the exports).

    ``presence_table`` may be an Ibis expression (executed once, on its own backend) or
    an Arrow table.  Years come out in ascending order.  Raises :class:`QueryError` when
    the table is empty.
    """
    arrow = presence_table if isinstance(presence_table, pa.Table) else _pulled(presence_table, column)
    if arrow.num_rows == 0:
        raise QueryError(Message("ind_presence_empty"))
    years = columnar.to_numpy(arrow["year"])
    out = []
    held = np.unique(years)
    for year in held:  # a one-year table is used as it is, not copied
        part = arrow if len(held) == 1 else arrow.take(columnar.from_numpy(np.flatnonzero(years == year)))
        exporters, ci = _sorted_codes(part["exporter"])
        products, pi = _sorted_codes(part["product"])
        mcp = np.zeros((len(exporters), len(products)))
        mcp[ci, pi] = columnar.to_numpy(part[column])
        out.append(YearMatrix(int(year), exporters, products, mcp))
    return tuple(out)


def as_year_matrices(presence_table: ir.Table | pa.Table | tuple[YearMatrix, ...], /) -> tuple[YearMatrix, ...]:
    """The year arrays of a presence table (:func:`year_matrices`), or the arrays
    themselves when they were built already (by :func:`year_matrices` or
    :func:`presence_matrices`)."""
    return presence_table if isinstance(presence_table, tuple) else year_matrices(presence_table)


def presence_matrices(
    matrix: ir.Table | pa.Table,
    /,
    *,
    rule: PresenceRule = "binary",
    threshold: float = 1.0,
    value: str = "export_value",
) -> tuple[YearMatrix, ...]:
    """The :class:`YearMatrix` presence arrays of an export matrix (``year, exporter,
    product, <value>``, e.g. :func:`corridor.indicators.inputs.export_matrix`), with
    Balassa RCA and the presence rule computed in NumPy on each year's dense array.

    Same definitions as ``year_matrices(presence_matrix(matrix, rule=rule,
    threshold=threshold))`` (:func:`corridor.indicators.rca.rca_array` and
    :func:`~corridor.indicators.rca.presence_array`: the formulas and operation order of
    the Ibis functions), without the engine's three joins over every cell; the sums are
    added in another order, so continuous presence may differ in the last bit (~1e-16).
    Rows with a value <= 0 are left out first, as :func:`~corridor.indicators.rca.rca`
    does, and absent cells are 0 whatever the threshold.  Non-finite values are refused
    (:class:`QueryError`).
    """
    check(rule, PresenceRule, field="rule")
    source = matrix if isinstance(matrix, pa.Table) else _pulled(matrix, value)
    keep = ~(columnar.to_numpy(source[value]) <= 0)  # NaN kept, to be refused below
    if not keep.all():
        source = source.take(columnar.from_numpy(np.flatnonzero(keep)))
    exports = year_matrices(source, column=value)
    out = []
    for m in exports:
        if not np.isfinite(m.mcp).all():
            raise QueryError(Message("ind_non_finite", year=m.year, value=str(value)))
        # absent cells (no exports) are never present, whatever the threshold
        mcp = np.where(m.mcp > 0, presence_array(rca_array(m.mcp), rule=rule, threshold=threshold), 0.0)
        out.append(YearMatrix(m.year, m.exporters, m.products, mcp))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Complexity:
    """Complexity of one year's exporters and products.

    Shapes: ``exporters``, ``diversity``, ``eci``: (C,); ``products``, ``ubiquity``,
    ``pci``: (P,).  For ``method='fitness'`` ``eci`` holds the fitness F_c and ``pci``
    the product complexity Q_p (both normalised to mean 1).  ``pci_offset`` is
    ``mean(k_c)/std(k_c)`` of the Atlas normalisation (eigenvector and reflections; 0 for
    fitness): ``pci + pci_offset`` is the PCI eigenvector itself in units of ECI's
    standard deviation, the PCI that py-ecomplexity's COI/COG use.  ``eigenvalue`` is
    the second eigenvalue for the eigenvector method (NaN otherwise); ``iterations`` the
    iterations run and ``converged`` whether fitness met its tolerance (always True for
    the other methods).
    """

    method: str
    year: int
    exporters: np.ndarray
    products: np.ndarray
    diversity: np.ndarray
    ubiquity: np.ndarray
    eci: np.ndarray
    pci: np.ndarray
    pci_offset: float
    eigenvalue: float
    iterations: int
    converged: bool

    @property
    def labels(self) -> tuple[str, str]:
        """Column names of the country and product scores: (eci, pci) or (fitness, complexity)."""
        return ("fitness", "complexity") if self.method == "fitness" else ("eci", "pci")

    def countries_arrow(self) -> pa.Table:
        """``year, exporter, diversity, <eci|fitness>, rank`` (rank 1 = most complex) as Arrow."""
        name = self.labels[0]
        years = np.full(len(self.exporters), self.year, dtype=np.int64)
        return ranked_table({"year": years, "exporter": self.exporters, "diversity": self.diversity, name: self.eci}, name)

    def products_arrow(self) -> pa.Table:
        """``year, product, ubiquity, <pci|complexity>, rank`` (rank 1 = most complex) as Arrow."""
        name = self.labels[1]
        years = np.full(len(self.products), self.year, dtype=np.int64)
        return ranked_table({"year": years, "product": self.products, "ubiquity": self.ubiquity, name: self.pci}, name)

    def countries(self, *, output: TableOutput = "pandas") -> Any:
        """The country table (see :meth:`countries_arrow`) as pandas, Arrow or polars."""
        return convert_table(self.countries_arrow(), output)

    def products_table(self, *, output: TableOutput = "pandas") -> Any:
        """The product table (see :meth:`products_arrow`) as pandas, Arrow or polars."""
        return convert_table(self.products_arrow(), output)


@dataclass(frozen=True, slots=True)
class ComplexityPanel:
    """Complexity of every year of a panel, each year computed on its own."""

    method: str
    years: tuple[Complexity, ...]

    def countries(self, *, output: TableOutput = "pandas") -> Any:
        """Country table of every year stacked (see :meth:`Complexity.countries_arrow`)."""
        return concat_tables([y.countries_arrow() for y in self.years], output)

    def products(self, *, output: TableOutput = "pandas") -> Any:
        """Product table of every year stacked (see :meth:`Complexity.products_arrow`)."""
        return concat_tables([y.products_arrow() for y in self.years], output)

    def year(self, year: int) -> Complexity:
        """The result of one year; :class:`QueryError` naming the available years otherwise."""
        for item in self.years:
            if item.year == year:
                return item
        raise QueryError(Message("ind_no_complexity_year", year=year, years=", ".join(str(y.year) for y in self.years)))


def _atlas_normalise(kc: np.ndarray, kp: np.ndarray, diversity: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Sign rule, then Atlas z-scoring of ECI and PCI with ECI's mean and std (ddof 0)."""
    if np.corrcoef(diversity, kc)[0, 1] < 0:
        kc, kp = -kc, -kp
    mean, std = kc.mean(), kc.std()
    return (kc - mean) / std, (kp - mean) / std, float(mean / std)


def eigenvector_complexity(mcp: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, float]:
    """ECI and PCI by the eigenvector method (Hidalgo & Hausmann 2009, PNAS 106(26):10570).

    ``mcp``: (C, P) presence with every row and column sum > 0.  The ECI vector is the
    eigenvector of the second largest eigenvalue of ``M̃_cc' = Σ_p M_cp M_c'p / (k_c,0
    k_p,0)``, found through the similar symmetric matrix ``S = D^-1/2 M U^-1 Mᵀ D^-1/2``
    (C × C, ``eigh``); ``k_p = (M/k_p,0)ᵀ k_c`` and ``k_c = (M/k_c,0) k_p`` (the same
    pair py-ecomplexity gets from the P × P matrix), then :func:`_atlas_normalise`.
    Returns (eci (C,), pci (P,), pci_offset, eigenvalue).
    """
    div, ubi = mcp.sum(axis=1), mcp.sum(axis=0)
    scaled = mcp / np.sqrt(div)[:, None] / np.sqrt(ubi)[None, :]
    eigenvalue, vector = second_eigenpair(scaled @ scaled.T)
    country_vector = vector / np.sqrt(div)
    kp = (mcp / ubi[None, :]).T @ country_vector
    kc = (mcp @ kp) / div
    eci, pci, offset = _atlas_normalise(kc, kp, div)
    return eci, pci, offset, eigenvalue


def one_blas_thread() -> Any:
    """A context in which BLAS and LAPACK run on one thread (``threadpoolctl``).

    The products of the complexity suite are small or thin (225 × 5,000 at HS6): on a
    machine whose cores are busy with other work, OpenBLAS's threads wait for each
    other and a product took 3-6 times the wall time and 5 times the CPU time of the
    same product on one thread (measured: density and COG of a 10M-row BACI year, 4.1 s
    wall / 1.2 s CPU on two threads against 0.6 s / 0.23 s on one, load average 12 on
    2 cores); on an idle machine one thread costs at most the second core's share.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


#: Up to this many exporters a full dense ``eigh`` is used; above, Lanczos for two pairs.
LANCZOS_FROM = 2000


def second_eigenpair(symmetric: np.ndarray, /) -> tuple[float, np.ndarray]:
    """(second largest eigenvalue, its unit eigenvector) of a symmetric matrix.

    Up to :data:`LANCZOS_FROM` rows: ``numpy.linalg.eigh`` (LAPACK ``syevd``, machine
    precision; ~6 ms for the 225 × 225 country matrix) with BLAS held to one thread,
    because on a busy machine multithreaded LAPACK can take ten times longer for so small
    a matrix.  Larger (sub-national panels): ``scipy.sparse.linalg.eigsh(k=2,
    which='LA', tol=0)`` (ARPACK, machine precision) from a fixed start vector, so that
    results are reproducible; SciPy is imported only then (its import alone costs more
    than the dense solve of a country matrix).
    """
    n = symmetric.shape[0]
    if n <= LANCZOS_FROM:
        with one_blas_thread():
            values, vectors = np.linalg.eigh(symmetric)
        return float(values[-2]), vectors[:, -2]
    from scipy.sparse.linalg import eigsh

    values, vectors = eigsh(symmetric, k=2, which="LA", tol=0, v0=np.linspace(1.0, 2.0, n))
    second = int(np.argmin(values))
    return float(values[second]), vectors[:, second]


def reflections_complexity(mcp: np.ndarray, *, iterations: int = DEFAULT_REFLECTIONS) -> tuple[np.ndarray, np.ndarray, float]:
    """ECI and PCI by the method of reflections (Hidalgo & Hausmann 2009, PNAS 106(26)).

    ``k_c,0`` = diversity, ``k_p,0`` = ubiquity, ``k_c,n = Σ_p M_cp k_p,n-1 / k_c,0`` and
    ``k_p,n = Σ_c M_cp k_c,n-1 / k_p,0``.  ECI is ``k_c,N`` and PCI ``k_p,N-1`` for an even
    ``N = iterations`` (so that ``k_c,N`` is the reflection of ``k_p,N-1``), Atlas-normalised
    with the sign rule.  Both reflection operators have rows summing to one, so adding a
    constant or scaling commutes with them; each step is standardised to keep the
    differences between exporters representable in float64 without changing the
    normalised result.  As N grows the result tends to the eigenvector method's.
    Returns (eci (C,), pci (P,), pci_offset).
    """
    if not isinstance(iterations, int) or iterations < 2 or iterations % 2:
        raise ConfigError(Message("ind_reflections_iterations", value=iterations))
    div, ubi = mcp.sum(axis=1), mcp.sum(axis=0)
    to_country, to_product = mcp / div[:, None], (mcp / ubi[None, :]).T
    kc, kp = div.astype(float), ubi.astype(float)
    for _ in range(iterations // 2):
        kp = to_product @ _standardise(kc)
        kc = to_country @ kp
    return _atlas_normalise(kc, kp, div)


def _standardise(x: np.ndarray) -> np.ndarray:
    std = x.std()
    return (x - x.mean()) / std if std > 0 else x - x.mean()


def fitness_complexity(
    mcp: np.ndarray, *, iterations: int = DEFAULT_FITNESS_ITERATIONS, tolerance: float = DEFAULT_FITNESS_TOLERANCE
) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Economic fitness and product complexity (Tacchella, Cristelli, Caldarelli, Gabrielli
    & Pietronero 2012, "A New Metrics for Countries' Fitness and Products' Complexity",
    Sci. Rep. 2:723).

    From ``F_c = Q_p = 1``: ``F̃_c = Σ_p M_cp Q_p``, ``Q̃_p = 1 / Σ_c M_cp / F_c``, each
    then divided by its mean over exporters (products).  Stops after ``iterations`` steps
    or when the largest absolute change of both normalised vectors is below ``tolerance``.
    Fitnesses of weak exporters may tend to 0 slowly (Mariani et al. 2015); the iteration
    count and the convergence flag say how far it went.
    Returns (fitness (C,), complexity (P,), iterations run, converged).
    """
    if not isinstance(iterations, int) or iterations < 1:
        raise ConfigError(Message("ind_fitness_iterations", value=iterations))
    fit, comp = np.ones(mcp.shape[0]), np.ones(mcp.shape[1])
    for step in range(1, iterations + 1):
        with np.errstate(divide="ignore"):
            new_fit = mcp @ comp
            new_comp = 1.0 / (mcp.T @ (1.0 / fit))
        new_fit, new_comp = new_fit / new_fit.mean(), new_comp / new_comp.mean()
        change = max(np.abs(new_fit - fit).max(), np.abs(new_comp - comp).max())
        fit, comp = new_fit, new_comp
        if change < tolerance:
            return fit, comp, step, True
    return fit, comp, iterations, False


def year_complexity(
    matrix: YearMatrix,
    /,
    *,
    method: ComplexityMethod = "eigenvector",
    iterations: int | None = None,
    tolerance: float = DEFAULT_FITNESS_TOLERANCE,
) -> Complexity:
    """Complexity of one year's presence matrix by ``method`` (see the module docstring).

    ``iterations``: reflections (even, default 20) or fitness (default 200); not used by
    the eigenvector method.  Exporters/products with zero diversity/ubiquity get NaN.
    """
    check(method, ComplexityMethod, field="method")
    mcp = matrix.mcp
    div, ubi = mcp.sum(axis=1), mcp.sum(axis=0)
    rows, cols = div > 0, ubi > 0
    valid = mcp[np.ix_(rows, cols)] if not (rows.all() and cols.all()) else mcp
    if valid.shape[0] < 2 or valid.shape[1] < 2:
        raise QueryError(Message("ind_complexity_size", year=matrix.year, shape=str(valid.shape)))
    eigenvalue, offset, steps, converged = float("nan"), 0.0, 0, True
    if method == "eigenvector":
        kc, kp, offset, eigenvalue = eigenvector_complexity(valid)
    elif method == "reflections":
        steps = DEFAULT_REFLECTIONS if iterations is None else iterations
        kc, kp, offset = reflections_complexity(valid, iterations=steps)
    else:
        kc, kp, steps, converged = fitness_complexity(
            valid, iterations=DEFAULT_FITNESS_ITERATIONS if iterations is None else iterations, tolerance=tolerance
        )
    eci, pci = np.full(len(div), np.nan), np.full(len(ubi), np.nan)
    eci[rows], pci[cols] = kc, kp
    return Complexity(method, matrix.year, matrix.exporters, matrix.products, div, ubi, eci, pci, offset, eigenvalue, steps, converged)


def complexity(
    presence_table: ir.Table | pa.Table | tuple[YearMatrix, ...],
    /,
    *,
    method: ComplexityMethod = "eigenvector",
    iterations: int | None = None,
    tolerance: float = DEFAULT_FITNESS_TOLERANCE,
) -> ComplexityPanel:
    """ECI/PCI (or fitness/complexity) of every year in the presence table.

    ``presence_table``: ``year, exporter, product, mcp`` (Ibis or Arrow), or the
    :func:`year_matrices` already built from it.  ``method``: ``'eigenvector'`` (Hidalgo &
    Hausmann 2009; Atlas normalisation and sign rule), ``'reflections'`` (Hidalgo &
    Hausmann 2009, ``iterations`` even, default 20, same normalisation) or ``'fitness'``
    (Tacchella et al. 2012, ``iterations`` default 200 and ``tolerance``, mean-normalised).
    The presence rule is whatever built ``mcp`` (binary or continuous).
    """
    check(method, ComplexityMethod, field="method")
    matrices = as_year_matrices(presence_table)
    return ComplexityPanel(method, tuple(year_complexity(m, method=method, iterations=iterations, tolerance=tolerance) for m in matrices))
