"""RCA, RPOP, presence, diversity and ubiquity on a hand-computed world (DuckDB; portability in test_engines.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from corridor.errors import ConfigError
from corridor.indicators.rca import diversity, presence, presence_matrix, rca, rpop, ubiquity

from .worlds import SMALL, SMALL_RCA, matrix_frame


def _by_cell(frame: pd.DataFrame, column: str) -> dict[tuple[str, str], float]:
    return {(c, p): v for c, p, v in zip(frame.exporter, frame["product"], frame[column])}


def test_rca_matches_hand_computation(duckdb_engine):
    out = rca(duckdb_engine.table(matrix_frame(SMALL))).to_pandas()
    got = _by_cell(out, "rca")
    assert got.keys() == SMALL_RCA.keys()
    for cell, expected in SMALL_RCA.items():
        assert got[cell] == pytest.approx(expected, rel=1e-12), cell


def test_binary_presence_diversity_ubiquity(duckdb_engine):
    m = presence_matrix(duckdb_engine.table(matrix_frame(SMALL)), rule="binary")
    present = {cell for cell, v in _by_cell(m.to_pandas(), "mcp").items() if v == 1.0}
    assert present == {("A", "p1"), ("A", "p3"), ("B", "p2"), ("B", "p3"), ("C", "p1"), ("C", "p4")}
    div = diversity(m).to_pandas().set_index("exporter").diversity.to_dict()
    ubi = ubiquity(m).to_pandas().set_index("product").ubiquity.to_dict()
    assert div == {"A": 2.0, "B": 2.0, "C": 2.0}
    assert ubi == {"p1": 2.0, "p2": 1.0, "p3": 2.0, "p4": 1.0}


def test_threshold_moves_presence(duckdb_engine):
    m = presence_matrix(duckdb_engine.table(matrix_frame(SMALL)), rule="binary", threshold=1.5)
    present = {cell for cell, v in _by_cell(m.to_pandas(), "mcp").items() if v == 1.0}
    # C's p1 (RCA 1.25) falls out; the 1.4286 of C/p4 too
    assert present == {("A", "p1"), ("A", "p3"), ("B", "p2"), ("B", "p3")}


def test_continuous_presence(duckdb_engine):
    m = presence_matrix(duckdb_engine.table(matrix_frame(SMALL)), rule="continuous").to_pandas()
    got = _by_cell(m, "mcp")
    for cell, r in SMALL_RCA.items():
        assert got[cell] == pytest.approx(r / (1 + r), rel=1e-12)
    div = diversity(duckdb_engine.table(m)).to_pandas().set_index("exporter").diversity
    assert div["A"] == pytest.approx(sum(SMALL_RCA[("A", p)] / (1 + SMALL_RCA[("A", p)]) for p in ("p1", "p3", "p4")))


def test_rpop_matches_hand_computation(duckdb_engine):
    pop = pd.DataFrame({"year": [2020] * 3, "exporter": ["A", "B", "C"], "population": [1.0, 4.0, 5.0]}).astype({"year": "int32"})
    out = rpop(duckdb_engine.table(matrix_frame(SMALL)), duckdb_engine.table(pop)).to_pandas()
    got = _by_cell(out, "rpop")
    # world population 10; x_p1 = 20 -> world per capita 2; A's p1 per capita 10
    assert got[("A", "p1")] == pytest.approx(10.0 / 2.0)
    assert got[("C", "p4")] == pytest.approx((20.0 / 5.0) / (35.0 / 10.0))
    m = presence(duckdb_engine.table(out), index="rpop").to_pandas()
    assert _by_cell(m, "mcp")[("B", "p3")] == (1.0 if (10 / 4) / (15 / 10) >= 1 else 0.0)


def test_zero_and_negative_rows_are_absent(duckdb_engine):
    cells = dict(SMALL) | {("A", "p2"): 0.0, ("D", "p1"): 0.0}
    out = rca(duckdb_engine.table(matrix_frame(cells))).to_pandas()
    assert ("A", "p2") not in _by_cell(out, "rca") and "D" not in set(out.exporter)


def test_bad_options_list_allowed_values(duckdb_engine):
    t = rca(duckdb_engine.table(matrix_frame(SMALL)))
    with pytest.raises(ConfigError, match="binary, continuous"):
        presence(t, rule="fuzzy")
    with pytest.raises(ConfigError, match="compute it first"):
        presence(t, index="rpop")


def test_numpy_presence_matches_the_engine_and_the_hand_computation(duckdb_engine):
    """presence_matrices (RCA and Mcp in NumPy) = year_matrices(presence_matrix(...))."""
    from corridor.indicators.complexity import presence_matrices, year_matrices
    from corridor.indicators.rca import rca_array

    m = duckdb_engine.table(matrix_frame(SMALL))
    for options in ({"rule": "binary"}, {"rule": "binary", "threshold": 1.5}, {"rule": "continuous"}):
        (fast,) = presence_matrices(m, **options)
        (slow,) = year_matrices(presence_matrix(m, **options))
        assert list(fast.exporters) == list(slow.exporters) == ["A", "B", "C"]
        assert list(fast.products) == list(slow.products) == ["p1", "p2", "p3", "p4"]
        assert np.array_equal(fast.mcp, slow.mcp), options
    dense = np.zeros((3, 4))
    for (c, p), v in SMALL.items():
        dense["ABC".index(c), int(p[1]) - 1] = v
    got = rca_array(dense)
    for (c, p), expected in SMALL_RCA.items():
        assert got["ABC".index(c), int(p[1]) - 1] == pytest.approx(expected, rel=1e-12)
    assert got[0, 1] == 0.0  # A exports no p2


def test_numpy_presence_leaves_out_zero_rows_and_takes_arrow(duckdb_engine):
    from corridor.indicators.complexity import presence_matrices

    frame = matrix_frame({**SMALL, ("D", "p1"): 0.0, ("A", "p5"): 0.0})
    (from_ibis,) = presence_matrices(duckdb_engine.table(frame))
    (from_arrow,) = presence_matrices(pa.Table.from_pandas(frame, preserve_index=False))
    for got in (from_ibis, from_arrow):
        assert list(got.exporters) == ["A", "B", "C"] and list(got.products) == ["p1", "p2", "p3", "p4"]
    assert np.array_equal(from_ibis.mcp, from_arrow.mcp)
    with pytest.raises(ConfigError, match="rule"):
        presence_matrices(duckdb_engine.table(frame), rule="fuzzy")


def test_numpy_presence_never_marks_absent_cells_and_refuses_non_finite_values(duckdb_engine):
    from corridor.errors import QueryError
    from corridor.indicators.complexity import presence_matrices, year_matrices

    m = duckdb_engine.table(matrix_frame(SMALL))
    (fast,) = presence_matrices(m, threshold=0.0)
    (slow,) = year_matrices(presence_matrix(m, threshold=0.0))
    assert np.array_equal(fast.mcp, slow.mcp) and fast.mcp.sum() == len(SMALL)
    with pytest.raises(QueryError, match="non-finite"):
        presence_matrices(pa.table({"year": pa.array([2020, 2020], pa.int32()), "exporter": ["A", "B"],
                                    "product": ["p1", "p1"], "export_value": [1.0, float("inf")]}))


def test_numpy_presence_refuses_nan_from_the_engine_and_from_arrow(duckdb_engine):
    """A NaN export is refused on both routes into presence_matrices, not dropped."""
    from corridor.errors import QueryError
    from corridor.indicators.complexity import presence_matrices

    frame = matrix_frame({**SMALL, ("D", "p1"): float("nan")})
    for table in (duckdb_engine.table(frame), pa.Table.from_pandas(frame, preserve_index=False)):
        with pytest.raises(QueryError, match="non-finite"):
            presence_matrices(table)
