"""On the real data (../shared/data): the announced Kazakhstan-China turnover targets get
the right status by each side's statistics.

China's statistics: turnover $41.05 bn in 2023 passes $40 bn (and $43.87 bn in 2024);
Kazakhstan's own: $31.5 bn in 2023 and $30.05 bn in 2024 do not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app

pytestmark = [pytest.mark.shared, pytest.mark.slow]
runner = CliRunner()


def _run(*args: str) -> str:
    res = runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def real_ws(tmp_path_factory: pytest.TempPathFactory, shared_data: Path, repo_root: Path) -> Path:
    ws = tmp_path_factory.mktemp("real_roadmap") / "ws"
    totals = shared_data / "kz_cn_totals"
    for mapping, name in (("kz_cn_totals_china_reported.toml", "china_reported_kaz_totals_2014_2024.csv"),
                          ("kz_cn_totals_kaz_reported.toml", "kaz_reported_china_totals_2000_2024.csv")):
        _run("ingest", "-w", str(ws), "--source", "table", "--mapping", str(repo_root / "examples" / mapping),
             str(totals / name))
    _run("ingest", "-w", str(ws), "--source", "roadmap", "--release", "2023",
         str(repo_root / "examples" / "roadmap_kz_cn_announced.csv"))
    return ws


def test_announced_turnover_targets_by_each_side(real_ws: Path) -> None:
    doc = json.loads(_run("roadmap", "-w", str(real_ws), "--format", "json"))
    assert doc["schema"] == "corridor.roadmap/1" and doc["roadmap"]["release"] == "2023"
    targets = {t["id"]: t for t in doc["targets"]}
    t40 = targets["kz-cn-turnover-40bn-2030"]
    sides = {s["reported_by"]: s for s in t40["sides"]}
    chn, kaz = sides["CHN"], sides["KAZ"]
    chn_2023 = dict((p["year"], p["value"]) for p in chn["series"])[2023]
    kaz_2023 = dict((p["year"], p["value"]) for p in kaz["series"])[2023]
    assert chn_2023 == pytest.approx(41.05e9, rel=5e-4) and chn_2023 >= 40e9
    assert kaz_2023 == pytest.approx(31.5e9, rel=2e-3) and kaz_2023 < 40e9
    assert chn["status"] == "achieved"
    assert kaz["status"] != "achieved" and kaz["latest_value"] < 40e9
    assert t40["disagree"] is True and doc["targets"][0]["disagree"] is True
    # the $35 bn target: China's statistics passed it too, Kazakhstan's not yet
    t35 = {s["reported_by"]: s["status"] for s in targets["kz-cn-turnover-35bn-2030"]["sides"]}
    assert t35["CHN"] == "achieved" and t35["KAZ"] != "achieved"
    assert kaz["projection"]["label"] == "projection" and 0 <= kaz["projection"]["probability"] <= 1
