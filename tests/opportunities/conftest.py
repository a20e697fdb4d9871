"""Fixtures of the opportunity tests: a backend per engine and the shared real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.indicators.engines import connect

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session", params=["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)])
def any_con(request):
    """Each engine in turn (the export-potential formula must agree on both)."""
    return connect(request.param)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data is absent: {SHARED_DATA.resolve()} (real-data tests need it)")
    return SHARED_DATA
