"""corridor's complexity suite against py-ecomplexity 0.5.3 on real data.

Input: ``../shared/data/world_hs4_2017/world_trade_2017.parquet`` (224 economies × 1,222
HS4 products, exports to the world, 2017) loaded through the generic importer
(``examples/world_trade_2017.toml``) into a workspace, then ``export_matrix``; the very
same matrix goes to ``ecomplexity.ecomplexity()`` and ``ecomplexity.proximity()``.

py-ecomplexity's conventions, read from its source (ecomplexity 0.5.3), and ours:

* It coerces NaN to 0 and drops exporters/products whose total value is 0, then
  rectangularises: our sparse matrix has no rows for them -- same set.
* RCA ``(x_cp / x_c) / (x_p / x)``, binary ``Mcp = RCA >= 1``: identical formula and
  threshold, so diversity and ubiquity match **exactly**.
* ECI/PCI: eigenvector of the 2nd largest eigenvalue of the P × P matrix, ``k_c = (M/k_c,0)
  k_p``, sign by correlation with diversity, PCI z-scored with ECI's mean and std (ddof 0).
  We take the eigenvector from the C × C matrix (same eigenvalue, same pair of vectors)
  and apply the same normalisation and sign rule: expected equal to float precision; the
  test asks for 1e-6 and Spearman >= 0.999.
* Proximity ``min(P(p|p'), P(p'|p))`` with diagonal 1 (``asymmetric=False``): ours with
  ``kind='min_conditional', diagonal='one'``, to 1e-9.
* Density ``Σ_p' M φ / Σ_p' φ``: to 1e-9.
* COI/COG from the raw unit-norm PCI eigenvector; COG divided by ECI's std, COI z-scored
  (ddof 0): ours with ``pci='eigenvector'`` (PCI + offset, i.e. the eigenvector in units
  of ECI's std), to 1e-9.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from corridor.indicators.complexity import presence_matrices
from corridor.indicators.inputs import export_matrix
from corridor.indicators.proximity import complexity_suite
from corridor.indicators.rca import presence_matrix

pytestmark = pytest.mark.shared

ecomplexity = pytest.importorskip("ecomplexity", reason="py-ecomplexity (test extra) is not installed")

COLS = {"time": "year", "loc": "exporter", "prod": "product", "val": "export_value"}
VALUES = 1e-6  # ECI/PCI, after the same normalisation
MATRIX = 1e-9  # proximity, density, COI, COG


@pytest.fixture(scope="module")
def matrix(world_2017_flows) -> pd.DataFrame:
    return export_matrix(world_2017_flows, years=2017, level="hs4").to_pandas()


@pytest.fixture(scope="module", params=["numpy presence", "engine presence"])
def ours(request, world_2017_flows):
    """The suite from both routes to the presence arrays: RCA/Mcp in NumPy
    (presence_matrices, what the CLI and the benchmark use) and in the engine
    (presence_matrix, Ibis).  Both are checked against py-ecomplexity."""
    matrix = export_matrix(world_2017_flows, years=2017, level="hs4")
    if request.param == "numpy presence":
        return complexity_suite(presence_matrices(matrix))
    return complexity_suite(presence_matrix(matrix))


@pytest.fixture(scope="module")
def theirs(matrix):
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        cells = ecomplexity.ecomplexity(matrix, COLS, check_logsupermodularity=False, verbose=False)
        prox = ecomplexity.proximity(matrix, COLS)
    return cells, prox


def test_importer_path_gives_the_file(matrix, world_2017):
    assert len(matrix) == len(world_2017) == 176_971
    a = matrix.sort_values(["exporter", "product"]).reset_index(drop=True)
    b = world_2017.sort_values(["exporter", "product"]).reset_index(drop=True)
    assert (a.exporter == b.exporter).all() and (a["product"] == b["product"]).all()
    np.testing.assert_array_equal(a.export_value.to_numpy(), b.export_value.to_numpy())


def test_diversity_ubiquity_exact(ours, theirs):
    cells, _ = theirs
    c = ours.complexity.year(2017)
    assert len(c.exporters) == 224 and len(c.products) == 1222
    div = cells.groupby("exporter").diversity.first().reindex(c.exporters).to_numpy()
    ubi = cells.groupby("product").ubiquity.first().reindex(c.products).to_numpy()
    np.testing.assert_array_equal(div, c.diversity)
    np.testing.assert_array_equal(ubi, c.ubiquity)
    mcp = cells.set_index(["exporter", "product"]).mcp
    assert int(mcp.sum()) == int(c.diversity.sum())


def test_eci_pci_agree(ours, theirs):
    cells, _ = theirs
    c = ours.complexity.year(2017)
    eci = cells.groupby("exporter").eci.first().reindex(c.exporters).to_numpy()
    pci = cells.groupby("product").pci.first().reindex(c.products).to_numpy()
    assert spearmanr(eci, c.eci).statistic >= 0.999
    assert spearmanr(pci, c.pci).statistic >= 0.999
    np.testing.assert_allclose(c.eci, eci, atol=VALUES, rtol=0)
    np.testing.assert_allclose(c.pci, pci, atol=VALUES, rtol=0)


def test_proximity_agrees(ours, theirs):
    _, prox = theirs
    p = ours.proximity[0]
    index = pd.Index(p.products)
    i, j = index.get_indexer(prox["product_1"]), index.get_indexer(prox["product_2"])
    assert (i >= 0).all() and (j >= 0).all() and len(prox) == len(p.products) ** 2
    np.testing.assert_allclose(p.phi[i, j], prox.proximity.to_numpy(), atol=MATRIX, rtol=0)


def test_density_coi_cog_agree(ours, theirs):
    cells, _ = theirs
    mine = ours.cells().set_index(["exporter", "product"])
    ref = cells.set_index(["exporter", "product"]).reindex(mine.index)
    assert ref.density.notna().all()
    np.testing.assert_allclose(mine.density.to_numpy(), ref.density.to_numpy(), atol=MATRIX, rtol=0)
    np.testing.assert_allclose(mine.cog.to_numpy(), ref.cog.to_numpy(), atol=MATRIX, rtol=0)
    countries = ours.countries().set_index("exporter")
    coi = cells.groupby("exporter").coi.first().reindex(countries.index)
    np.testing.assert_allclose(countries.coi.to_numpy(), coi.to_numpy(), atol=MATRIX, rtol=0)


def test_normalized_pci_gives_a_different_coi(ours, world_2017_flows):
    """The two PCI conventions of COI are not interchangeable (PEERS.md: r ~ 0.64 on BACI)."""
    other = complexity_suite(presence_matrix(export_matrix(world_2017_flows, years=2017, level="hs4")), pci="normalized")
    a, b = ours.countries().coi.to_numpy(), other.countries().coi.to_numpy()
    assert np.corrcoef(a, b)[0, 1] < 0.99
