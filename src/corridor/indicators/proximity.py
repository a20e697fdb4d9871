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
from typing import Literal, get_args

import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import ConfigError
from .complexity import Complexity, ComplexityMethod, ComplexityPanel, YearMatrix, complexity, year_matrices
from .inputs import check_choice

ProximityKind = Literal["min_conditional", "conditional"]
PROXIMITY_KINDS: tuple[str, ...] = get_args(ProximityKind)

Diagonal = Literal["one", "zero"]
DIAGONALS: tuple[str, ...] = get_args(Diagonal)

OutlookPci = Literal["eigenvector", "normalized"]
OUTLOOK_PCIS: tuple[str, ...] = get_args(OutlookPci)


def proximity_matrix(mcp: np.ndarray, /, *, kind: ProximityKind = "min_conditional", diagonal: Diagonal = "one") -> np.ndarray:
    """(P, P) proximity from a (C, P) presence array (see the module docstring).

    Products with ubiquity 0 have proximity 0 to everything (their diagonal too).
    With continuous presence the same formulas give a weighted co-occurrence.
    """
    check_choice("kind", kind, PROXIMITY_KINDS)
    check_choice("diagonal", diagonal, DIAGONALS)
    counts = co_occurrence(mcp)
    ubi = np.asarray(mcp, dtype=np.float64).sum(axis=0)
    phi = np.empty(counts.shape)
    for start in range(0, len(ubi), BLOCK):  # row blocks: no (P, P) temporary
        rows = slice(start, start + BLOCK)
        denominator = np.maximum(ubi[rows, None], ubi[None, :]) if kind == "min_conditional" else np.broadcast_to(ubi[None, :], counts[rows].shape)
        np.divide(counts[rows], denominator, out=phi[rows], where=denominator > 0)
    del counts
    phi[:, ubi <= 0] = 0.0
    if kind == "min_conditional":
        phi[ubi <= 0, :] = 0.0
    np.fill_diagonal(phi, np.where(ubi > 0, 1.0, 0.0) if diagonal == "one" else 0.0)
    return phi


BLOCK = 512


def co_occurrence(mcp: np.ndarray, /) -> np.ndarray:
    """(P, P) ``MᵀM`` by one BLAS ``gemm`` (never on int64 arrays, which bypass BLAS).

    A binary presence matrix is multiplied in float32: the counts (at most the number of
    exporters) are exact in float32 and ``sgemm`` is twice as fast as ``dgemm``.  Any
    other presence (continuous) is multiplied in float64.
    """
    binary = bool(((mcp == 0) | (mcp == 1)).all()) and mcp.shape[0] < 2**24
    dtype = np.float32 if binary else np.float64
    mcp = np.ascontiguousarray(mcp, dtype=dtype)
    return mcp.T @ mcp


def density_matrix(mcp: np.ndarray, phi: np.ndarray, /) -> np.ndarray:
    """(C, P) density ``ω_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp'`` (NaN where a row of φ is all 0)."""
    return density_and_outlook(mcp, phi, None)[0]


def density_and_outlook(
    mcp: np.ndarray, phi: np.ndarray, pci: np.ndarray | None, /, *, symmetric: bool = False
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(density (C, P), COI_raw (C,), COG (C, P)) for the PCI vector given (module docstring).

    Density needs ``M φᵀ`` and COG ``((1 - M) w) φ`` with ``w_p = PCI_p / Σ_p' φ_pp'``; for
    a ``symmetric`` φ both come from one BLAS ``gemm`` of the stacked (2C, P) left side, so
    that the (P, P) matrix is read once.  Products with NaN PCI count as 0.  With
    ``pci=None`` only the density is computed (COI and COG are ``None``).
    """
    c = mcp.shape[0]
    row_sums = phi.sum(axis=1)
    absent = 1.0 - mcp
    if pci is None:
        stacked = mcp @ phi.T  # phi.T is a view: BLAS reads it transposed
    else:
        weights = np.divide(np.nan_to_num(pci), row_sums, out=np.zeros(len(row_sums)), where=row_sums > 0)
        left = absent * weights[None, :]
        stacked = np.vstack([mcp, left]) @ phi if symmetric else np.vstack([mcp @ phi.T, left @ phi])
    with np.errstate(divide="ignore", invalid="ignore"):
        density = stacked[:c] / row_sums[None, :]
    if pci is None:
        return density, None, None
    cog = absent * stacked[c:]
    coi = np.nansum(density * absent * np.nan_to_num(pci)[None, :], axis=1)
    return density, coi, cog


@dataclass(frozen=True, slots=True)
class Proximity:
    """Product × product proximity of one year.

    ``products``: (P,) labels; ``phi``: (P, P) float64 (row p, column p'); ``kind`` and
    ``diagonal`` name the convention.
    """

    year: int
    products: np.ndarray
    phi: np.ndarray
    kind: str
    diagonal: str

    def edges(self, *, min_proximity: float = 0.0, include_diagonal: bool = False) -> pd.DataFrame:
        """Long table ``year, product_1, product_2, proximity`` of the pairs with
        proximity > ``min_proximity`` (each unordered pair once for the symmetric kind)."""
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
    matrices = presence_table if isinstance(presence_table, tuple) else year_matrices(presence_table)
    return tuple(Proximity(m.year, m.products, proximity_matrix(m.mcp, kind=kind, diagonal=diagonal), kind, diagonal) for m in matrices)


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

    def cells(self) -> pd.DataFrame:
        """``year, exporter, product, mcp, density, distance, cog`` for every C × P cell."""
        c, p = self.mcp.shape
        return pd.DataFrame(
            {
                "year": self.year,
                "exporter": np.repeat(self.exporters, p),
                "product": np.tile(self.products, c),
                "mcp": self.mcp.ravel(),
                "density": self.density.ravel(),
                "distance": 1.0 - self.density.ravel(),
                "cog": self.cog.ravel(),
            }
        )

    def countries(self) -> pd.DataFrame:
        """``year, exporter, coi, coi_raw``."""
        return pd.DataFrame({"year": self.year, "exporter": self.exporters, "coi": self.coi, "coi_raw": self.coi_raw})


def year_relatedness(
    matrix: YearMatrix, result: Complexity, proximity: Proximity, /, *, pci: OutlookPci = "eigenvector"
) -> Relatedness:
    """Density, COI and COG of one year from its presence, complexity and proximity."""
    check_choice("pci", pci, OUTLOOK_PCIS)
    if result.method == "fitness":
        raise ConfigError("COI/COG need a PCI: use complexity method 'eigenvector' or 'reflections', not 'fitness'")
    if pci == "eigenvector" and result.method != "eigenvector":
        raise ConfigError("pci='eigenvector' needs the eigenvector method; use pci='normalized' with reflections")
    vector = result.pci + result.pci_offset if pci == "eigenvector" else result.pci
    symmetric = proximity.kind == "min_conditional"
    density, coi_raw, cog = density_and_outlook(matrix.mcp, proximity.phi, vector, symmetric=symmetric)
    coi = (coi_raw - coi_raw.mean()) / coi_raw.std()
    return Relatedness(matrix.year, matrix.exporters, matrix.products, matrix.mcp, density, cog, coi_raw, coi, pci)


@dataclass(frozen=True, slots=True)
class ComplexitySuite:
    """Everything of a panel: complexity, proximity and relatedness, year by year."""

    complexity: ComplexityPanel
    proximity: tuple[Proximity, ...]
    relatedness: tuple[Relatedness, ...]

    def countries(self) -> pd.DataFrame:
        """Country table with ECI, diversity, rank, COI."""
        outlook_table = pd.concat([r.countries() for r in self.relatedness], ignore_index=True)
        return self.complexity.countries().merge(outlook_table, on=["year", "exporter"], how="left")

    def products(self) -> pd.DataFrame:
        return self.complexity.products()

    def cells(self) -> pd.DataFrame:
        return pd.concat([r.cells() for r in self.relatedness], ignore_index=True)


def complexity_suite(
    presence_table: ir.Table | pa.Table,
    /,
    *,
    method: ComplexityMethod = "eigenvector",
    kind: ProximityKind = "min_conditional",
    diagonal: Diagonal = "one",
    pci: OutlookPci = "eigenvector",
    iterations: int | None = None,
) -> ComplexitySuite:
    """ECI/PCI, proximity, density, distance, COI and COG of every year, in one pass.

    The presence table is pulled from its engine once.  ``pci`` picks the PCI of COI/COG
    (see the module docstring); with ``method='reflections'`` use ``pci='normalized'``.
    """
    check_choice("pci", pci, OUTLOOK_PCIS)
    matrices = year_matrices(presence_table)
    panel = complexity(matrices, method=method, iterations=iterations)
    proximities = proximity(matrices, kind=kind, diagonal=diagonal)
    related = tuple(
        year_relatedness(m, r, p, pci=pci) for m, r, p in zip(matrices, panel.years, proximities)
    )
    return ComplexitySuite(panel, proximities, related)
