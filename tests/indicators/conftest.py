"""Fixtures of the indicator tests: the engine (DuckDB, PySpark) and the shared data.

``engine`` is parametrised over both Ibis backends; the PySpark case carries the
``spark`` mark and reuses one local session per test process (``local[2]``, 4 shuffle
partitions).  ``engine.table(df)`` puts a pandas frame into the backend.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import pandas as pd
import pytest

from corridor.indicators.engines import connect, to_backend

WORLD_2017 = Path("world_hs4_2017") / "world_trade_2017.parquet"
WORLD_2017_MAPPING = Path(__file__).resolve().parents[2] / "examples" / "world_trade_2017.toml"


@dataclass
class Engine:
    """A backend plus a helper that loads pandas frames into it under fresh names."""

    name: str
    con: ibis.BaseBackend
    _names: itertools.count = field(default_factory=itertools.count)

    def table(self, frame: pd.DataFrame) -> ibis.Table:
        return to_backend(self.con, f"t_{self.name}_{next(self._names)}", frame)


def _spark_available() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'corridor[spark]')"
    if shutil.which("java") is None:
        return "Java is not on PATH (the pyspark engine needs Java 17)"
    return None


@pytest.fixture(scope="session")
def duckdb_engine() -> Engine:
    return Engine("duckdb", connect("duckdb"))


@pytest.fixture(scope="session")
def pyspark_engine() -> Engine:
    reason = _spark_available()
    if reason:
        pytest.skip(reason)
    return Engine("pyspark", connect("pyspark", driver_memory="1g", shuffle_partitions=1, adaptive=False))


@pytest.fixture(params=["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)])
def engine(request) -> Engine:
    """Each engine in turn: tests using it run on DuckDB and on PySpark."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture(scope="session")
def world_2017(shared_data: Path) -> pd.DataFrame:
    """The 2017 world HS4 exports as an export matrix (NaN and zero rows dropped).

    ``shared_data`` (tests/conftest.py) skips when ../shared/data is absent.
    """
    path = shared_data / WORLD_2017
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    raw = pd.read_parquet(path)
    raw = raw[raw.export_value_usd > 0]
    return pd.DataFrame(
        {
            "year": 2017,
            "exporter": raw.reporter_iso.str.upper().to_numpy(),
            "product": raw.product_code.to_numpy(),
            "export_value": raw.export_value_usd.to_numpy(),
        }
    )


@pytest.fixture(scope="session")
def world_2017_flows(shared_data: Path, tmp_path_factory) -> ibis.Table:
    """The 2017 world HS4 file loaded the way a user loads it: the generic importer with
    ``examples/world_trade_2017.toml`` into a fresh workspace; its canonical flow table."""
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    path = shared_data / WORLD_2017
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    ws = Workspace.open(tmp_path_factory.mktemp("world2017") / "ws")
    ws.ingest_many(parse_files(ws, [path], mapping=WORLD_2017_MAPPING))
    return ws.flows()
