"""ECI/PCI, reflections, fitness, proximity, density, COI/COG and the product space on a
nested 3 × 3 world worked out by hand (derivations in the comments).

M (binary):   p1 p2 p3
          A    1  1  1     diversity 3
          B    1  1  0     diversity 2
          C    1  0  0     diversity 1
ubiquity       3  2  1

Country matrix M̃_cc' = Σ_p M_cp M_c'p / (k_c k_p) = [[11/18, 5/18, 2/18], [5/12, 5/12,
2/12], [1/3, 1/3, 1/3]]: trace 49/36, det 1/36, so besides 1 its eigenvalues solve
36λ² - 13λ + 1 = 0: λ2 = 1/4, λ3 = 1/9.  The λ2 eigenvector is (-2, 1, 4); it
correlates negatively with diversity, so the sign rule flips it to k_c ∝ (2, -1, -4).
k_p = (M/k_p)ᵀ k_c = (-1, 1/2, 2); k_c = (M/k_c) k_p = (1/2, -1/4, -1), mean -1/4, std
(3/4)·sqrt(2/3).  ECI = (1, 0, -1)·sqrt(3/2); PCI = (-1, 1, 3)·sqrt(3/2); the offset
mean/std = -(1/3)·sqrt(3/2).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from corridor.errors import ConfigError, QueryError
from corridor.indicators.complexity import complexity, year_complexity, year_matrices
from corridor.indicators.product_space import product_space
from corridor.indicators.proximity import complexity_suite, proximity, proximity_matrix

from .worlds import NESTED_M, presence_frame

S = math.sqrt(1.5)


@pytest.fixture(scope="module")
def nested(duckdb_engine):
    return duckdb_engine.table(presence_frame(NESTED_M))


def test_eigenvector_eci_pci_by_hand(nested):
    result = complexity(nested, method="eigenvector").year(2020)
    assert list(result.exporters) == ["A", "B", "C"] and list(result.products) == ["p1", "p2", "p3"]
    np.testing.assert_allclose(result.diversity, [3, 2, 1])
    np.testing.assert_allclose(result.ubiquity, [3, 2, 1])
    np.testing.assert_allclose(result.eci, [S, 0, -S], atol=1e-12)
    np.testing.assert_allclose(result.pci, [-S, S, 3 * S], atol=1e-12)
    assert result.eigenvalue == pytest.approx(0.25, abs=1e-12)
    assert result.pci_offset == pytest.approx(-S / 3, abs=1e-12)
    # ECI of an exporter = mean PCI of the products it makes (Atlas normalisation)
    assert result.eci[1] == pytest.approx(result.pci[:2].mean(), abs=1e-12)


def test_reflections_two_steps_by_hand(nested):
    # k_c,0 = (3, 2, 1) standardised (1, 0, -1)/sd; k_p,1 ∝ (0, 1/2, 1); k_c,2 ∝ (1/2, 1/4, 0)
    result = complexity(nested, method="reflections", iterations=2).year(2020)
    np.testing.assert_allclose(result.eci, [S, 0, -S], atol=1e-12)
    np.testing.assert_allclose(result.pci, [-S, S, 3 * S], atol=1e-12)
    with pytest.raises(ConfigError, match="even"):
        complexity(nested, method="reflections", iterations=3)


def test_fitness_two_steps_by_hand(nested):
    # step 1: F = (3, 2, 1)/2, Q = (1/3, 1/2, 1)/(11/18)
    # step 2: F = (3, 15/11, 6/11)/(18/11) = (11/6, 5/6, 1/3);
    #         Q̃ = 1/Σ_c M_cp/F_c = (3/11, 3/5, 3/2), mean 87/110 -> Q = (10, 22, 55)/29
    result = complexity(nested, method="fitness", iterations=2).year(2020)
    np.testing.assert_allclose(result.eci, [11 / 6, 5 / 6, 1 / 3], rtol=1e-12)
    np.testing.assert_allclose(result.pci, [10 / 29, 22 / 29, 55 / 29], rtol=1e-12)
    assert result.iterations == 2 and not result.converged
    assert list(result.countries().columns) == ["year", "exporter", "diversity", "fitness", "rank"]
    long_run = complexity(nested, method="fitness", iterations=5000, tolerance=1e-12).year(2020)
    assert long_run.eci[0] > long_run.eci[1] > long_run.eci[2]
    assert long_run.pci[2] > long_run.pci[1] > long_run.pci[0]


def test_ranks_and_tables(nested):
    panel = complexity(nested)
    countries, products = panel.countries(), panel.products()
    assert countries.set_index("exporter")["rank"].to_dict() == {"A": 1, "B": 2, "C": 3}
    assert products.set_index("product")["rank"].to_dict() == {"p3": 1, "p2": 2, "p1": 3}
    with pytest.raises(QueryError, match="available: 2020"):
        panel.year(2019)


def test_proximity_by_hand(nested):
    m = year_matrices(nested)[0].mcp
    # co-occurrence n12 = 2, n13 = 1, n23 = 1; ubiquity (3, 2, 1)
    np.testing.assert_allclose(
        proximity_matrix(m), [[1, 2 / 3, 1 / 3], [2 / 3, 1, 1 / 2], [1 / 3, 1 / 2, 1]], rtol=1e-15
    )
    np.testing.assert_allclose(
        proximity_matrix(m, diagonal="zero"), [[0, 2 / 3, 1 / 3], [2 / 3, 0, 1 / 2], [1 / 3, 1 / 2, 0]], rtol=1e-15
    )
    # conditional: row p, column p' = P(p | p') = n_pp' / k_p'
    np.testing.assert_allclose(
        proximity_matrix(m, kind="conditional"), [[1, 1, 1], [2 / 3, 1, 1], [1 / 3, 1 / 2, 1]], rtol=1e-15
    )


def test_density_coi_cog_by_hand(nested):
    # φ row sums (diagonal one): p1 2, p2 13/6, p3 11/6
    suite = complexity_suite(nested, pci="normalized")
    r = suite.relatedness[0]
    expected_density = [[1, 1, 1], [5 / 6, 10 / 13, 5 / 11], [1 / 2, 4 / 13, 2 / 11]]
    np.testing.assert_allclose(r.density, expected_density, rtol=1e-12)
    # COG_cp = (1 - M_cp) Σ_p' φ_p'p / rowsum_p' (1 - M_cp') PCI_p', PCI = (-1, 1, 3)·S
    expected_cog = [[0, 0, 0], [0, 0, 18 / 11 * S], [0, 183 / 143 * S, 267 / 143 * S]]
    np.testing.assert_allclose(r.cog, expected_cog, rtol=1e-12, atol=1e-15)
    # COI_c = Σ_p ω_cp (1 - M_cp) PCI_p
    np.testing.assert_allclose(r.coi_raw, [0, 15 / 11 * S, 122 / 143 * S], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.coi, (r.coi_raw - r.coi_raw.mean()) / r.coi_raw.std(), rtol=1e-12)
    cells = suite.cells().set_index(["exporter", "product"])
    assert cells.loc[("C", "p3"), "distance"] == pytest.approx(1 - 2 / 11)

    # the eigenvector convention: PCI + offset = S·(-4/3, 2/3, 8/3)
    eig = complexity_suite(nested, pci="eigenvector").relatedness[0]
    assert eig.cog[2, 2] == pytest.approx((1 / 2 * 6 / 13 * 2 / 3 + 6 / 11 * 8 / 3) * S, rel=1e-12)
    assert eig.coi_raw[1] == pytest.approx(5 / 11 * 8 / 3 * S, rel=1e-12)


def test_density_with_zero_diagonal(nested):
    r = complexity_suite(nested, diagonal="zero", pci="normalized").relatedness[0]
    # row sums p1 1, p2 7/6, p3 5/6
    np.testing.assert_allclose(r.density[2], [0, 4 / 7, 2 / 5], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.density[1, 2], 1.0, rtol=1e-12)


def test_product_space_tree_and_strong_links(nested):
    prox = proximity(nested)[0]
    edges = product_space(prox)
    assert edges[["product_1", "product_2", "link"]].values.tolist() == [["p1", "p2", "tree"], ["p2", "p3", "tree"]]
    edges = product_space(prox, threshold=0.3)
    assert edges[["product_1", "product_2", "link"]].values.tolist() == [["p1", "p2", "tree"], ["p2", "p3", "tree"], ["p1", "p3", "strong"]]
    with pytest.raises(ConfigError, match="symmetric"):
        product_space(proximity(nested, kind="conditional")[0])


def test_zero_diversity_exporter_gets_nan(duckdb_engine):
    cells = dict(NESTED_M) | {("D", "p3"): 0.0}
    result = complexity(duckdb_engine.table(presence_frame(cells))).year(2020)
    assert list(result.exporters) == ["A", "B", "C", "D"]
    assert np.isnan(result.eci[3]) and result.diversity[3] == 0
    np.testing.assert_allclose(result.eci[:3], [S, 0, -S], atol=1e-12)


def test_fitness_has_no_outlook_and_bad_method(nested):
    with pytest.raises(ConfigError, match="eigenvector, reflections, fitness"):
        complexity(nested, method="pagerank")
    with pytest.raises(ConfigError, match="fitness"):
        complexity_suite(nested, method="fitness")
    with pytest.raises(QueryError, match="empty"):
        year_matrices(nested.filter(nested.year == 1900))
    m = year_matrices(nested)[0]
    with pytest.raises(ConfigError, match="min_conditional, conditional"):
        proximity_matrix(m.mcp, kind="jaccard")
    assert year_complexity(m).method == "eigenvector"


def test_density_and_cog_with_conditional_proximity(nested):
    # φ[p, p'] = P(p | p') = [[1, 1, 1], [2/3, 1, 1], [1/3, 1/2, 1]]; row sums 3, 8/3, 11/6
    r = complexity_suite(nested, kind="conditional", pci="normalized").relatedness[0]
    np.testing.assert_allclose(r.density[2], [1 / 3, 1 / 4, 2 / 11], rtol=1e-12)
    # COG_C,p3 = φ[p2, p3]/rs2 · PCI2 + φ[p3, p3]/rs3 · PCI3, PCI = (-1, 1, 3)·S
    assert r.cog[2, 2] == pytest.approx((3 / 8 + 18 / 11) * S, rel=1e-12)
    assert r.cog[2, 1] == pytest.approx((3 / 8 + 6 / 11 * 1 / 2 * 3) * S, rel=1e-12)


@pytest.mark.parametrize("lanczos_from", [10_000, 50], ids=["dense", "lanczos"])
def test_lanczos_and_dense_eigenpairs_agree(monkeypatch, lanczos_from):
    import corridor.indicators.complexity as module

    monkeypatch.setattr(module, "LANCZOS_FROM", lanczos_from)
    rng = np.random.default_rng(5)
    m = (rng.random((120, 400)) < 0.2).astype(float)
    m = m[m.sum(axis=1) > 0][:, m.sum(axis=0) > 0]
    scaled = m / np.sqrt(m.sum(axis=1))[:, None] / np.sqrt(m.sum(axis=0))[None, :]
    s = scaled @ scaled.T
    value, vector = module.second_eigenpair(s)
    # outside reference: the eigenvalues of the 400 x 400 product-side matrix U^-1/2 Mᵀ D^-1 M U^-1/2
    # share the nonzero spectrum; the second largest must be the same number
    product_side = scaled.T @ scaled
    assert value == pytest.approx(np.sort(np.linalg.eigvalsh(product_side))[-2], rel=1e-10)
    values, vectors = np.linalg.eigh(s)
    assert value == pytest.approx(values[-2], rel=1e-12)
    assert abs(vector @ vectors[:, -2]) == pytest.approx(1.0, abs=1e-10)
    assert np.linalg.norm(s @ vector - value * vector) < 1e-10


@pytest.mark.parametrize("kind", ["min_conditional", "conditional"])
@pytest.mark.parametrize("diagonal", ["one", "zero"])
@pytest.mark.parametrize("binary", [True, False], ids=["binary", "continuous"])
@pytest.mark.parametrize("transpose", [False, True])
def test_times_proximity_equals_the_product_with_phi(kind, diagonal, binary, transpose):
    # the structured product (sorted blockwise recursion) against the plain gemm with φ,
    # on a presence with ties in ubiquity, a product nobody has and blocks of uneven size
    from corridor.indicators import proximity as module

    rng = np.random.default_rng(11)
    mcp = rng.random((37, 500))
    mcp = (mcp < 0.25).astype(float) if binary else np.where(mcp < 0.3, mcp, 0.0)
    mcp[:, 17] = 0.0
    x = rng.standard_normal((9, 500))
    phi = module.proximity_matrix(mcp, kind=kind, diagonal=diagonal)
    expected = x @ (phi.T if transpose else phi)
    got = module.times_proximity(x, mcp, kind=kind, diagonal=diagonal, transpose=transpose)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12 * np.abs(expected).max())


def test_relatedness_with_a_proximity_of_another_matrix_uses_that_proximity():
    # year_relatedness may take a proximity built elsewhere (another year, a panel): the
    # shortcut from the presence array applies only to the array φ was built from
    from corridor.indicators import proximity as module
    from corridor.indicators.complexity import YearMatrix, year_complexity

    rng = np.random.default_rng(3)
    mcp = (rng.random((20, 60)) < 0.3).astype(float)
    other = (rng.random((20, 60)) < 0.3).astype(float)
    mcp[0], other[0] = 1.0, 1.0  # every product present somewhere in both
    labels = np.array([f"p{i:02d}" for i in range(60)], dtype=object)
    matrix = YearMatrix(2020, np.array([f"c{i:02d}" for i in range(20)], dtype=object), labels, mcp)
    result = year_complexity(matrix)
    foreign = module.Proximity(2019, labels, module.proximity_matrix(other), "min_conditional", "one", other)
    related = module.year_relatedness(matrix, result, foreign)
    np.testing.assert_allclose(related.density, (mcp @ foreign.phi.T) / foreign.phi.sum(axis=1)[None, :], rtol=1e-13)
    own = module.proximity(((matrix),))[0]
    assert own.mcp is mcp
    mine = module.year_relatedness(matrix, result, own)
    np.testing.assert_allclose(mine.density, (mcp @ own.phi.T) / own.phi.sum(axis=1)[None, :], rtol=1e-13)


def test_tables_come_as_pandas_arrow_or_polars_with_the_same_content(nested):
    import pyarrow as pa
    import polars as pl

    suite = complexity_suite(nested)
    frame = suite.countries()
    arrow = suite.countries(output="arrow")
    polars = suite.countries(output="polars")
    assert isinstance(arrow, pa.Table) and isinstance(polars, pl.DataFrame)
    assert list(frame.columns) == arrow.column_names == polars.columns == [
        "year", "exporter", "diversity", "eci", "rank", "coi", "coi_raw"]
    assert str(frame["rank"].dtype) == "Int64" and frame["rank"].tolist() == arrow["rank"].to_pylist() == [1, 2, 3]
    np.testing.assert_allclose(frame.eci, polars["eci"].to_numpy())
    products = suite.products(output="arrow")
    assert products.column_names == ["year", "product", "ubiquity", "pci", "rank"]
    with pytest.raises(ConfigError, match="output"):
        suite.countries(output="excel")


def test_rank_leaves_nan_scores_unranked_and_shares_ties():
    from corridor.indicators.complexity import ranked_table

    table = ranked_table({"x": ["a", "b", "c", "d"], "s": [2.0, float("nan"), 2.0, 5.0]}, "s")
    assert table["rank"].to_pylist() == [2, None, 2, 1]
