"""Engine portability: every indicator runs on DuckDB and on PySpark and the results agree.

Each test computes its result on the ``engine`` under test and on DuckDB as reference
and compares the two at 1e-9 (relative).  Spark tests reuse one local session
(``local[2]``); the inputs are small so that the suite stays fast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor.indicators.inputs import export_matrix
from corridor.indicators.rca import diversity, presence, presence_matrix, rca, rpop, ubiquity

from .worlds import flow_rows

TOL = 1e-9


def random_world(seed: int = 7, exporters: int = 12, products: int = 30, years: tuple[int, ...] = (2019, 2020)) -> pd.DataFrame:
    """A random sparse export matrix with heavy-tailed values over a few years."""
    rng = np.random.default_rng(seed)
    frames = []
    for year in years:
        keep = rng.random((exporters, products)) < 0.55
        values = rng.lognormal(10, 2, (exporters, products)) * keep
        c, p = np.nonzero(values)
        frames.append(pd.DataFrame({"year": year, "exporter": [f"C{i:02d}" for i in c], "product": [f"{j:04d}" for j in p], "export_value": values[c, p]}))
    return pd.concat(frames, ignore_index=True).astype({"year": "int32"})


def assert_same(got: pd.DataFrame, want: pd.DataFrame, keys: list[str]) -> None:
    """Equal keys and numbers (1e-9 relative) after sorting by ``keys``."""
    got = got.sort_values(keys).reset_index(drop=True)
    want = want.sort_values(keys).reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    for column in got.columns:
        if pd.api.types.is_numeric_dtype(want[column]) and column not in keys:
            np.testing.assert_allclose(got[column].to_numpy(float), want[column].to_numpy(float), rtol=TOL, atol=TOL, err_msg=column)
        else:
            assert got[column].astype(str).tolist() == want[column].astype(str).tolist(), column


@pytest.fixture(scope="module")
def world() -> pd.DataFrame:
    return random_world()


def test_rca_family_agrees(engine, duckdb_engine, world):
    pop = pd.DataFrame({"year": 2020, "exporter": sorted(set(world.exporter)), "population": np.arange(1, 13) * 1e6}).astype({"year": "int32"})

    def run(e):
        m = e.table(world)
        binary = presence_matrix(m, rule="binary")
        return {
            "rca": (rca(m).to_pandas(), ["year", "exporter", "product"]),
            "continuous": (presence_matrix(m, rule="continuous").to_pandas(), ["year", "exporter", "product"]),
            "rpop": (presence(rpop(m, e.table(pop)), index="rpop", threshold=0.5).to_pandas(), ["year", "exporter", "product"]),
            "diversity": (diversity(binary).to_pandas(), ["year", "exporter"]),
            "ubiquity": (ubiquity(binary).to_pandas(), ["year", "product"]),
        }

    got, want = run(engine), run(duckdb_engine)
    for name, (frame, keys) in want.items():
        assert len(frame) > 0, name
        assert_same(got[name][0], frame, keys)


def test_export_matrix_agrees(engine, duckdb_engine):
    flows = flow_rows(
        [
            ("KAZ", "WLD", 2019, "2601", 30), ("KAZ", "WLD", 2020, "2601", 90), ("KAZ", "CHN", 2020, "2601", 50),
            ("CHN", "KAZ", 2019, "8471", 5), ("CHN", "RUS", 2020, "8471", 7), ("CHN", "KZ-ALA", 2020, "8471", 3),
        ]
    )
    keys = ["year", "exporter", "product"]
    for window in (1, 2):
        got = export_matrix(engine.table(flows), window=window).to_pandas()
        want = export_matrix(duckdb_engine.table(flows), window=window).to_pandas()
        assert len(want) == 4
        assert_same(got, want, keys)


def test_inclusion_agrees_and_drops_small_exporters_then_products(engine, duckdb_engine, world):
    from corridor.indicators.inputs import inclusion

    def run(e):
        return inclusion(e.table(world), min_exporter_value=5e5, min_product_value=2e5).to_pandas()

    got, want = run(engine), run(duckdb_engine)
    assert_same(got, want, ["year", "exporter", "product"])
    # by hand, in pandas
    totals = world.groupby(["year", "exporter"]).export_value.transform("sum")
    step = world[totals >= 5e5]
    per_product = step.groupby(["year", "product"]).export_value.transform("sum")
    expected = step[per_product >= 2e5]
    assert 0 < len(expected) < len(world)
    assert_same(want, expected.reset_index(drop=True), ["year", "exporter", "product"])


def _suite_frames(e, world: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """Every complexity function on engine ``e``: each pulls the presence table from it."""
    from corridor.indicators.complexity import complexity, presence_matrices
    from corridor.indicators.product_space import product_space
    from corridor.indicators.proximity import complexity_suite

    present = presence_matrix(e.table(world), rule="binary")
    suite = complexity_suite(present)
    fast = complexity_suite(presence_matrices(e.table(world), rule="binary"))  # RCA and Mcp in NumPy
    frames = {
        "countries (numpy presence)": (fast.countries(), ["year", "exporter"]),
        "cells (numpy presence)": (fast.cells(), ["year", "exporter", "product"]),
        "countries": (suite.countries(), ["year", "exporter"]),
        "products": (suite.products(), ["year", "product"]),
        "cells": (suite.cells(), ["year", "exporter", "product"]),
        "edges": (pd.concat([product_space(p, threshold=0.3) for p in suite.proximity]), ["year", "product_1", "product_2"]),
        "proximity": (pd.concat([p.edges() for p in suite.proximity]), ["year", "product_1", "product_2"]),
    }
    continuous = presence_matrix(e.table(world), rule="continuous")
    for method in ("reflections", "fitness"):
        panel = complexity(continuous, method=method)
        frames[f"{method} countries"] = (panel.countries(), ["year", "exporter"])
        frames[f"{method} products"] = (panel.products(), ["year", "product"])
    return frames


def test_complexity_suite_agrees(engine, duckdb_engine, world):
    got, want = _suite_frames(engine, world), _suite_frames(duckdb_engine, world)
    for name, (frame, keys) in want.items():
        assert len(frame) > 0, name
        assert_same(got[name][0], frame, keys)
