"""Fixtures of the opportunity tests: a backend per engine and a workspace of real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.indicators.engines import connect

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO / ".." / "shared" / "data"
WITS_FILES = (
    "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv",
    "kazakhstan_exports_to_world_hs4_2015_2024_wits.csv",
    "china_imports_from_world_reference_2015_2024_wits.csv",
)


@pytest.fixture(scope="session", params=["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)])
def any_con(request):
    """Each engine in turn (the export-potential formula must agree on both)."""
    return connect(request.param)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data is absent: {SHARED_DATA.resolve()} (real-data tests need it)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def kaz_workspace(shared_data, tmp_path_factory) -> Path:
    """A workspace holding the real KAZ/CHN WITS files and the 2017 world HS4 matrix.

    Loaded the way a user loads them: the WITS importer for Kazakhstan's HS4 exports (to
    China, to the world) and China's imports by WITS product group; the generic table
    importer with ``examples/world_trade_2017.toml`` for the world export matrix.
    """
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    path = tmp_path_factory.mktemp("kaz_ws")
    with Workspace.open(path) as ws:
        wits = [shared_data / "kz_cn_wits_hs4" / f for f in WITS_FILES]
        ws.ingest_many(parse_files(ws, wits, source="wits"))
        world = shared_data / "world_hs4_2017" / "world_trade_2017.parquet"
        ws.ingest_many(parse_files(ws, [world], mapping=REPO / "examples" / "world_trade_2017.toml"))
    return path
