"""Proximity, density, distance, complexity outlook index (COI) and gain (COG).

Pure NumPy/BLAS over the per-year presence arrays of
:func:`corridor.indicators.complexity.year_matrices`: the product × product proximity is
one ``MᵀM`` product (BLAS), density and COG one stacked matrix product; no
Python loop runs over exporters or products.

Conventions (named in the signatures):

* ``kind='min_conditional'`` -- the proximity of Hidalgo, Klinger, Barabási & Hausmann
  (2007, "The Product Space Conditions the Development of Nations", Science 317:482):
  ``φ_pp' = min{P(p|p'), P(p'|p)} = Σ_c M_cp M_cp' / max(k_p,0, k_p',0)``; it is the
  **symmetric** proximity (py-ecomplexity's ``asymmetric=False``).
  ``kind='conditional'`` -- the asymmetric variant ``φ_pp' = P(p | p') =
  Σ_c M_cp M_cp' / k_p',0``: row *p* says how likely *p* is given each other product.
  (py-ecomplexity's ``asymmetric=True`` returns the transpose, ``P(p' | p)``.)
* ``diagonal='one'`` (default, as py-ecomplexity: a product is fully proximate to
  itself, so a product an exporter already makes adds to its own density) or
  ``'zero'`` (as econcomplex and Datawheel: density counts only *other* products).
* Density (Hidalgo et al. 2007; Hausmann et al. 2014 Atlas):
  ``ω_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp'``; distance ``= 1 - ω_cp``.
* COI and COG (Hausmann, Hidalgo et al. 2014, *The Atlas of Economic Complexity*, MIT
  Press; formulas of the Growth Lab's Stata package and py-ecomplexity 0.5.3):
  ``COI_c = Σ_p ω_cp (1 - M_cp) PCI_p`` and
  ``COG_cp = (1 - M_cp) Σ_p' φ_p'p / (Σ_p'' φ_p'p'') (1 - M_cp') PCI_p'``.
  The Atlas book's COG also subtracts ``ω_cp PCI_p`` (Datawheel does); this one does
  not.  Which PCI goes in is the named parameter ``pci``: ``'eigenvector'`` = the PCI
  eigenvector itself in units of ECI's standard deviation (not centred; what
  py-ecomplexity uses) or ``'normalized'`` = the Atlas-normalised PCI that is reported
  (what econcomplex uses).  The two COIs differ (correlation ~0.64 on BACI).
  ``coi`` is z-scored over exporters (ddof 0) as py-ecomplexity reports it;
  ``coi_raw`` is the sum itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ..options import Diagonal, OutlookPci, ProximityKind, check, values
from ..errors import ConfigError
from . import columnar
from .complexity import (
    Complexity,
    ComplexityMethod,
    ComplexityPanel,
    TableOutput,
    YearMatrix,
    as_year_matrices,
    complexity,
    concat_tables,
    convert_table,
    one_blas_thread,
)
from ..messages import Message

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd

PROXIMITY_KINDS: tuple[str, ...] = values(ProximityKind)

DIAGONALS: tuple[str, ...] = values(Diagonal)

OUTLOOK_PCIS: tuple[str, ...] = values(OutlookPci)


def proximity_matrix(mcp: np.ndarray, /, *, kind: ProximityKind = "min_conditional", diagonal: Diagonal = "one") -> np.ndarray:
    """(P, P) proximity from a (C, P) presence array (see the module docstring).

    Products with ubiquity 0 have proximity 0 to everything (their diagonal too).
    With continuous presence the same formulas give a weighted co-occurrence.
    """
    check(kind, ProximityKind, field="kind")
    check(diagonal, Diagonal, field="diagonal")
    ubi = np.asarray(mcp, dtype=np.float64).sum(axis=0)
    # a product of ubiquity 0 has a zero column of counts: dividing those zeros by 1
    # instead of 0 keeps the division exact and branch-free (they are zeroed below anyway)
    safe = np.where(ubi > 0, ubi, 1.0)
    m = _blas_ready(mcp)
    phi = np.empty((len(ubi), len(ubi)))
    denominator = np.empty((min(BLOCK, len(ubi)), len(ubi)))
    for start in range(0, len(ubi), BLOCK):  # row blocks of MᵀM: no (P, P) temporary
        rows = slice(start, start + BLOCK)
        counts = m[:, rows].T @ m
        if kind == "min_conditional":
            d = denominator[: counts.shape[0]]
            np.maximum(safe[rows, None], safe[None, :], out=d)
            np.divide(counts, d, out=phi[rows])
        else:
            np.divide(counts, safe[None, :], out=phi[rows])
    phi[:, ubi <= 0] = 0.0
    if kind == "min_conditional":
        phi[ubi <= 0, :] = 0.0
    np.fill_diagonal(phi, np.where(ubi > 0, 1.0, 0.0) if diagonal == "one" else 0.0)
    return phi


BLOCK = 512


def _blas_ready(mcp: np.ndarray, /) -> np.ndarray:
    """``mcp`` as a contiguous float32 array when it is binary (0/1 with fewer than 2²⁴
    rows: every count of ``MᵀM`` is then exact in float32 and ``sgemm`` is twice as fast
    as ``dgemm``), else as float64.  Never int64, which bypasses BLAS."""
    binary = bool(((mcp == 0) | (mcp == 1)).all()) and mcp.shape[0] < 2**24
    return np.ascontiguousarray(mcp, dtype=np.float32 if binary else np.float64)


def co_occurrence(mcp: np.ndarray, /) -> np.ndarray:
    """(P, P) ``MᵀM`` by one BLAS ``gemm`` (float32 for a binary presence, see :func:`_blas_ready`)."""
    m = _blas_ready(mcp)
    return m.T @ m


def density_matrix(mcp: np.ndarray, phi: np.ndarray, /) -> np.ndarray:
    """(C, P) density ``ω_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp'`` (NaN where a row of φ is all 0)."""
    return density_and_outlook(mcp, phi, None)[0]


def density_and_outlook(
    mcp: np.ndarray,
    phi: np.ndarray,
    pci: np.ndarray | None,
    /,
    *,
    symmetric: bool = False,
    built: tuple[ProximityKind, Diagonal] | None = None,
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(density (C, P), COI_raw (C,), COG (C, P)) for the PCI vector given (module docstring).

    Density needs ``M φᵀ`` and COG ``((1 - M) w) φ`` with ``w_p = PCI_p / Σ_p' φ_pp'``; for
    a ``symmetric`` φ both come from one product with the stacked (2C, P) left side.
    ``built = (kind, diagonal)`` says that ``phi`` is :func:`proximity_matrix` of ``mcp``
    with those conventions: the products are then computed from ``mcp`` by
    :func:`times_proximity` without reading φ (about half the time of the BLAS ``gemm``
    with the (P, P) matrix); otherwise they are ``gemm`` with ``phi``.  Products with NaN
    PCI count as 0.  With ``pci=None`` only the density is computed (COI and COG are
    ``None``).
    """
    c = mcp.shape[0]
    if phi is None and built is not None:  # φ's row sums from the presence array, φ never formed
        row_sums = times_proximity(np.ones((1, mcp.shape[1])), mcp, kind=built[0], diagonal=built[1], transpose=True)[0]
    else:
        row_sums = phi.sum(axis=1)
    absent = 1.0 - mcp
    if built is None:
        def times(x: np.ndarray, transpose: bool) -> np.ndarray:
            return x @ (phi.T if transpose else phi)  # phi.T is a view: BLAS reads it transposed
    else:
        def times(x: np.ndarray, transpose: bool) -> np.ndarray:
            return times_proximity(x, mcp, kind=built[0], diagonal=built[1], transpose=transpose)
    if pci is None:
        stacked = times(mcp, True)
    else:
        weights = np.divide(np.nan_to_num(pci), row_sums, out=np.zeros(len(row_sums)), where=row_sums > 0)
        left = absent * weights[None, :]
        stacked = times(np.vstack([mcp, left]), False) if symmetric else np.vstack([times(mcp, True), times(left, False)])
    with np.errstate(divide="ignore", invalid="ignore"):
        density = stacked[:c] / row_sums[None, :]
    if pci is None:
        return density, None, None
    cog = absent * stacked[c:]
    coi = np.nansum(density * absent * np.nan_to_num(pci)[None, :], axis=1)
    return density, coi, cog


#: Products per block of :func:`times_proximity` (128-256 measured fastest for 225 exporters).
TIMES_BLOCK = 192


def times_proximity(
    x: np.ndarray, mcp: np.ndarray, /, *, kind: ProximityKind = "min_conditional", diagonal: Diagonal = "one",
    transpose: bool = False,
) -> np.ndarray:
    """``x @ φ`` (or ``x @ φᵀ``), (R, P), for φ = ``proximity_matrix(mcp, kind=kind,
    diagonal=diagonal)``, computed from ``mcp`` (C, P) without forming φ.

    With co-occurrences ``N = MᵀM`` and ubiquities ``u``:

    * ``kind='conditional'``, ``φ_pp' = N_pp' / u_p'``: ``(x φ)_p = ((x Mᵀ) M)_p / u_p`` and
      ``x φᵀ = ((x / u) Mᵀ) M``, two thin products.
    * ``kind='min_conditional'``, ``φ_pp' = N_pp' / max(u_p, u_p')`` (symmetric): with the
      products sorted by ubiquity, ``max(u_p', u_p) = u_p`` for ``p' ≤ p``, so
      ``x φ = (x triu(N)) / u + (x / u) tril(N, -1)``.  Both triangular products are
      accumulated block by block over the sorted products, carrying the running
      (R, C) sum ``Σ x_p' M_·p'ᵀ`` of the blocks passed, so that ``N`` is only ever formed
      for a block with itself: about ``4 R C P`` multiply-adds instead of ``R P²``.

    Then the diagonal is set to the convention's (1, or 0 with ``diagonal='zero'``; 0 for
    products of ubiquity 0, whose rows and columns of φ are 0).  Exact arithmetic would
    give φ's products exactly; in float64 they agree with the ``gemm`` to ~1e-15 relative.
    """
    check(kind, ProximityKind, field="kind")
    check(diagonal, Diagonal, field="diagonal")
    m = np.asarray(mcp, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    ubi = m.sum(axis=0)
    safe = np.where(ubi > 0, ubi, 1.0)  # a product of ubiquity 0 has zero co-occurrences
    if kind == "conditional":
        out = ((x / safe) @ m.T) @ m if transpose else ((x @ m.T) @ m) / safe
    else:
        out = _min_conditional_product(x, m, ubi, safe)
    # the raw formulas give N_pp / u_p on the diagonal; the convention wants 1 (or 0)
    raw_diagonal = np.einsum("cp,cp->p", m, m) / safe
    wanted = np.where(ubi > 0, 1.0, 0.0) if diagonal == "one" else np.zeros_like(ubi)
    out += x * (wanted - raw_diagonal)[None, :]
    return out


def _min_conditional_product(x: np.ndarray, m: np.ndarray, ubi: np.ndarray, safe: np.ndarray) -> np.ndarray:
    """``x @ (N / max(u_p, u_p'))`` by the sorted blockwise recursion of :func:`times_proximity`."""
    order = np.argsort(ubi, kind="stable")
    ms = np.ascontiguousarray(m[:, order])
    xs = np.ascontiguousarray(x[:, order])
    us = safe[order]
    ys = xs / us
    rows, products = x.shape[0], m.shape[1]
    upper = np.empty((rows, products))  # x triu(N), sorted columns
    lower = np.empty((rows, products))  # (x / u) tril(N, -1), sorted columns
    starts = range(0, products, TIMES_BLOCK)
    grams = []
    carried = np.zeros((rows, m.shape[0]))
    for start in starts:  # forward: the blocks before contribute through the carried sum
        block = slice(start, start + TIMES_BLOCK)
        mb = ms[:, block]
        gram = mb.T @ mb
        grams.append(gram)
        upper[:, block] = carried @ mb + xs[:, block] @ np.triu(gram)
        carried += xs[:, block] @ mb.T
    carried[:] = 0.0
    for start, gram in zip(reversed(starts), reversed(grams)):  # backward: the blocks after
        block = slice(start, start + TIMES_BLOCK)
        mb = ms[:, block]
        lower[:, block] = carried @ mb + ys[:, block] @ np.tril(gram, -1)
        carried += ys[:, block] @ mb.T
    upper /= us[None, :]
    upper += lower
    out = np.empty_like(upper)
    out[:, order] = upper
    return out


@dataclass(frozen=True, slots=True)
class Proximity:
    """Product × product proximity of one year.

    ``products``: (P,) labels; ``phi``: (P, P) float64 (row p, column p'); ``kind`` and
    ``diagonal`` name the convention; ``mcp`` is the (C, P) presence array φ was built
    from, when known (it lets :func:`year_relatedness` compute products with φ from it).
    """

    year: int
    products: np.ndarray
    phi: np.ndarray
    kind: str
    diagonal: str
    mcp: np.ndarray | None = None

    def edges(self, *, min_proximity: float = 0.0, include_diagonal: bool = False) -> pd.DataFrame:
        """Long table ``year, product_1, product_2, proximity`` of the pairs with
        proximity > ``min_proximity`` (each unordered pair once for the symmetric kind)."""
        import pandas as pd

        mask = self.phi > min_proximity
        if self.kind == "min_conditional":
            mask &= np.triu(np.ones_like(mask), k=0 if include_diagonal else 1)
        elif not include_diagonal:
            np.fill_diagonal(mask, False)
        i, j = np.nonzero(mask)
        return pd.DataFrame({"year": self.year, "product_1": self.products[i], "product_2": self.products[j], "proximity": self.phi[i, j]})


def proximity(
    presence_table: ir.Table | pa.Table | tuple[YearMatrix, ...],
    /,
    *,
    kind: ProximityKind = "min_conditional",
    diagonal: Diagonal = "one",
) -> tuple[Proximity, ...]:
    """Proximity of every year of a presence table (``year, exporter, product, mcp``)."""
    matrices = as_year_matrices(presence_table)
    return tuple(
        Proximity(m.year, m.products, proximity_matrix(m.mcp, kind=kind, diagonal=diagonal), kind, diagonal, m.mcp)
        for m in matrices
    )


@dataclass(frozen=True, slots=True)
class Relatedness:
    """Density, distance, COI and COG of one year.

    ``exporters``: (C,); ``products``: (P,); ``mcp``, ``density``, ``cog``: (C, P)
    (distance is ``1 - density``); ``coi_raw`` and ``coi`` (z-scored, ddof 0): (C,).
    ``pci`` names the PCI convention used for COI/COG.
    """

    year: int
    exporters: np.ndarray
    products: np.ndarray
    mcp: np.ndarray
    density: np.ndarray
    cog: np.ndarray
    coi_raw: np.ndarray
    coi: np.ndarray
    pci: str

    def cells_arrow(self) -> pa.Table:
        """``year, exporter, product, mcp, density, distance, cog`` for every C × P cell."""
        c, p = self.mcp.shape
        return columnar.table(
            {
                "year": np.full(c * p, self.year, dtype=np.int64),
                "exporter": np.repeat(self.exporters, p),
                "product": np.tile(self.products, c),
                "mcp": self.mcp.ravel(),
                "density": self.density.ravel(),
                "distance": 1.0 - self.density.ravel(),
                "cog": self.cog.ravel(),
            }
        )

    def cells(self, *, output: TableOutput = "pandas") -> Any:
        """:meth:`cells_arrow` as pandas, Arrow or polars."""
        return convert_table(self.cells_arrow(), output)

    def countries_arrow(self) -> pa.Table:
        """``year, exporter, coi, coi_raw``."""
        years = np.full(len(self.exporters), self.year, dtype=np.int64)
        return columnar.table({"year": years, "exporter": self.exporters, "coi": self.coi, "coi_raw": self.coi_raw})

    def countries(self, *, output: TableOutput = "pandas") -> Any:
        """:meth:`countries_arrow` as pandas, Arrow or polars."""
        return convert_table(self.countries_arrow(), output)


def year_relatedness(
    matrix: YearMatrix, result: Complexity, proximity: Proximity, /, *, pci: OutlookPci = "eigenvector"
) -> Relatedness:
    """Density, COI and COG of one year from its presence, complexity and proximity."""
    check(pci, OutlookPci, field="pci")
    if result.method == "fitness":
        raise ConfigError(Message("ind_coi_pci"))
    if pci == "eigenvector" and result.method != "eigenvector":
        raise ConfigError(Message("ind_pci_eigenvector"))
    vector = result.pci + result.pci_offset if pci == "eigenvector" else result.pci
    symmetric = proximity.kind == "min_conditional"
    # φ built from this very presence array: its products can be computed from the array
    built = (proximity.kind, proximity.diagonal) if proximity.mcp is matrix.mcp else None
    density, coi_raw, cog = density_and_outlook(matrix.mcp, proximity.phi, vector, symmetric=symmetric, built=built)  # type: ignore[arg-type]
    coi = (coi_raw - coi_raw.mean()) / coi_raw.std()
    return Relatedness(matrix.year, matrix.exporters, matrix.products, matrix.mcp, density, cog, coi_raw, coi, pci)


@dataclass(frozen=True, slots=True)
class ComplexitySuite:
    """Everything of a panel: complexity, proximity and relatedness, year by year."""

    complexity: ComplexityPanel
    proximity: tuple[Proximity, ...]
    relatedness: tuple[Relatedness, ...]

    def countries(self, *, output: TableOutput = "pandas") -> Any:
        """Country table ``year, exporter, diversity, eci, rank, coi, coi_raw`` (pandas,
        Arrow or polars)."""
        tables = []
        for result, related in zip(self.complexity.years, self.relatedness, strict=True):
            # both come from the same YearMatrix: the same exporters in the same order
            table = result.countries_arrow()
            tables.append(table.append_column("coi", columnar.from_numpy(related.coi))
                          .append_column("coi_raw", columnar.from_numpy(related.coi_raw)))
        return concat_tables(tables, output)

    def products(self, *, output: TableOutput = "pandas") -> Any:
        return self.complexity.products(output=output)

    def cells(self, *, output: TableOutput = "pandas") -> Any:
        return concat_tables([r.cells_arrow() for r in self.relatedness], output)


def complexity_suite(
    presence_table: ir.Table | pa.Table | tuple[YearMatrix, ...],
    /,
    *,
    method: ComplexityMethod = "eigenvector",
    kind: ProximityKind = "min_conditional",
    diagonal: Diagonal = "one",
    pci: OutlookPci = "eigenvector",
    iterations: int | None = None,
    proximity_matrices: bool = True,
) -> ComplexitySuite:
    """ECI/PCI, proximity, density, distance, COI and COG of every year, in one pass.

    ``presence_table``: ``year, exporter, product, mcp`` (Ibis or Arrow; pulled from its
    engine once), or the year arrays of :func:`~corridor.indicators.complexity.year_matrices`
    or :func:`~corridor.indicators.complexity.presence_matrices` (the fastest route from an
    export matrix).  ``pci`` picks the PCI of COI/COG (see the module docstring); with
    ``method='reflections'`` use ``pci='normalized'``.  ``proximity_matrices=False``
    leaves the (P, P) proximity matrices unformed (``Proximity.phi`` is None): density,
    COI and COG are computed from the presence arrays alone (:func:`times_proximity`),
    which is all a caller that shows no proximity needs (``corridor complexity``); at
    HS6 that saves a 5,000 × 5,000 matrix (200 MB) and its products per year.
    """
    check(pci, OutlookPci, field="pci")
    matrices = as_year_matrices(presence_table)
    with one_blas_thread():  # small and thin products: one thread is faster on a busy machine
        return _suite(matrices, method=method, kind=kind, diagonal=diagonal, pci=pci, iterations=iterations,
                      proximity_matrices=proximity_matrices)


def _suite(matrices: tuple[YearMatrix, ...], *, method: ComplexityMethod, kind: ProximityKind, diagonal: Diagonal,
           pci: OutlookPci, iterations: int | None, proximity_matrices: bool) -> ComplexitySuite:
    panel = complexity(matrices, method=method, iterations=iterations)
    if proximity_matrices:
        proximities = proximity(matrices, kind=kind, diagonal=diagonal)
    else:
        check(kind, ProximityKind, field="kind")
        check(diagonal, Diagonal, field="diagonal")
        proximities = tuple(Proximity(m.year, m.products, None, kind, diagonal, m.mcp) for m in matrices)  # type: ignore[arg-type]
    related = tuple(
        year_relatedness(m, r, p, pci=pci) for m, r, p in zip(matrices, panel.years, proximities)
    )
    return ComplexitySuite(panel, proximities, related)
