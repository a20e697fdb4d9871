"""Kazakhstan -> China opportunities from the real files in ../shared/data (skipped when absent).

Loaded the way a user loads them: the WITS importer for Kazakhstan's HS4 exports (to
China, to the world) and China's imports by WITS product group; the generic table
importer with ``examples/world_trade_2017.toml`` for the 2017 world HS4 export matrix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.opportunities import opportunities_from_flows
from corridor.sources.ingest import parse_files
from corridor.store import Workspace

REPO = Path(__file__).resolve().parents[2]
WITS_FILES = (
    "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv",
    "kazakhstan_exports_to_world_hs4_2015_2024_wits.csv",
    "china_imports_from_world_reference_2015_2024_wits.csv",
)

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def flows(shared_data, tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("ws"))
    wits = [shared_data / "kz_cn_wits_hs4" / f for f in WITS_FILES]
    ws.ingest_many(parse_files(ws, wits, source="wits"), allow_unknown_codes=True)
    world = shared_data / "world_hs4_2017" / "world_trade_2017.parquet"
    ws.ingest_many(parse_files(ws, [world], mapping=REPO / "examples" / "world_trade_2017.toml"))
    yield ws.flows()
    ws.close()


def test_untapped_potential_ranking_is_sensible(flows):
    res = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, rank_by="untapped", top=None)
    df = res.to_pandas()
    assert res.candidates == len(df) > 1000  # every HS4 heading China imports
    assert 0.1 < res.ease < 10  # Kazakhstan sells China roughly what its world shares predict
    assert any("WITS product group" in n for n in res.notes)  # the demand proxy is said
    # calibration of the ITC method: potential redistributes actual exports to China
    assert df.potential.sum() == pytest.approx(df.actual.sum(), rel=1e-9)
    assert (df.untapped >= 0).all() and df.untapped.is_monotonic_decreasing
    # crude petroleum (2709) is Kazakhstan's largest sale to China and its largest untapped line
    assert df["product"].iloc[0] == "2709"
    top10 = df.head(10)
    assert top10.is_natural_resource.sum() >= 5  # a commodity exporter: mostly natural resources
    assert top10.why_en.str.contains("untapped").all() and top10.why_ru.str.contains("неосвоено").all()


def test_product_space_ranking_is_sensible(flows):
    res = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, strategy="balanced_portfolio", top=50)
    df = res.to_pandas()
    assert len(df) == 50 and df["rank"].tolist() == list(range(1, 51))
    # new products only (Atlas convention when ranking by score): RCA < 1 everywhere
    assert (df.rca < 1).all()
    # the top of the ranking is more feasible than the average candidate and in larger markets
    assert df.feasibility.head(20).mean() > 0 and df.market_score.head(20).mean() > 0
    assert df.score.is_monotonic_decreasing
    # processed goods appear, not only raw materials; every row is explained in both languages
    assert (~df.is_natural_resource.astype(bool)).sum() >= 10
    assert df.why_en.str.contains("density").all() and df.why_ru.str.contains("плотность").all()
    assert df.why_en.str.contains("China imports").all()
