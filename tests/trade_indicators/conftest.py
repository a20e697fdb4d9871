"""Fixtures for the trade-indicator tests: one backend per engine (DuckDB, local PySpark)."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor.indicators.engines import connect, to_backend


@pytest.fixture(scope="session", params=["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)])
def con(request):
    """An Ibis backend; every test using it runs once on DuckDB and once on PySpark."""
    return connect(request.param)


@pytest.fixture()
def load(con, request):
    """``load(df)`` stores a pandas frame in the backend and returns the Ibis table."""
    counter = iter(range(1_000))

    def _load(df: pd.DataFrame):
        name = f"t_{request.node.name}_{next(counter)}".replace("[", "_").replace("]", "_").replace("-", "_")
        return to_backend(con, name, df)

    return _load


def run(con, expr, sort: list[str]) -> pd.DataFrame:
    """Execute ``expr`` on ``con`` and return it sorted by ``sort`` with a fresh index."""
    return con.execute(expr).sort_values(sort).reset_index(drop=True)
