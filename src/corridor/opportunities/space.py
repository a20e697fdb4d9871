"""The exporter's position in the product space, from a world export matrix.

Uses the complexity engine (:func:`corridor.indicators.proximity.complexity_suite` over
:func:`corridor.indicators.rca.presence_matrix`): binary presence RCA >= 1 (Hidalgo &
Hausmann 2009), ECI/PCI by the eigenvector method with the Atlas normalisation,
minimum-conditional-probability proximity (Hidalgo et al. 2007), density ``omega_cp``,
distance ``1 - omega_cp`` and complexity outlook gain (Hausmann et al. 2014) with the
py-ecomplexity PCI convention.  Nothing is recomputed here; this module only picks the
exporter's row out of the suite.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from ..indicators.proximity import complexity_suite
from ..indicators.rca import presence_matrix


@dataclass(frozen=True, slots=True)
class ExporterSpace:
    """Product-space measures of one exporter in one year.

    ``products``: ``[product, rca, density, distance, pci, cog]``, one row per product of
    the world matrix; ``eci`` / ``coi``: the exporter's ECI and COI (z-scored over the
    exporters of the matrix); ``exporters`` the number of economies in the matrix.
    """

    exporter: str
    year: int
    eci: float
    coi: float
    exporters: int
    products: pd.DataFrame


def exporter_space(world_matrix: ir.Table, *, exporter: str) -> ExporterSpace | None:
    """The exporter's product-space measures in the (one-year) world matrix; ``None`` if it is absent."""
    pres = presence_matrix(world_matrix)
    suite = complexity_suite(pres)
    if not suite.relatedness:
        return None
    rel = suite.relatedness[0]
    comp = suite.complexity.years[0]
    hit = np.flatnonzero(rel.exporters == exporter)
    if hit.size == 0:
        return None
    i = int(hit[0])
    rca = pres.filter(pres.exporter == exporter).select("product", "rca").to_pandas()
    frame = pd.DataFrame(
        {
            "product": rel.products,
            "density": rel.density[i],
            "distance": 1.0 - rel.density[i],
            "cog": rel.cog[i],
        }
    ).merge(pd.DataFrame({"product": comp.products, "pci": comp.pci}), on="product", how="left")
    frame = frame.merge(rca, on="product", how="left").fillna({"rca": 0.0})
    ci = np.flatnonzero(comp.exporters == exporter)
    eci = float(comp.eci[int(ci[0])]) if ci.size else float("nan")
    return ExporterSpace(exporter, int(rel.year), eci, float(rel.coi[i]), int(rel.exporters.size),
                         frame[["product", "rca", "density", "distance", "pci", "cog"]])
