"""Issue 15: the README's own ``corridor complexity --year 2017`` works on the README's
workspace (Kazakhstan's WITS HS4 reports beside the 2017 world matrix), by choosing the
source that covers the most exporters and saying so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.shared
@pytest.mark.slow
def test_readme_complexity_command_on_the_readme_workspace(shared_data, tmp_path):
    ws = str(tmp_path / "ws")
    run = CliRunner().invoke
    wits = shared_data / "kz_cn_wits_hs4"
    res = run(app, ["ingest", "-w", ws, str(wits / "kazakhstan_exports_to_world_hs4_2015_2024_wits.csv"),
                    str(wits / "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv")])
    assert res.exit_code == 0, res.output
    res = run(app, ["ingest", "-w", ws, "--source", "table", "--mapping", str(REPO / "examples" / "world_trade_2017.toml"),
                    str(shared_data / "world_hs4_2017" / "world_trade_2017.parquet")])
    assert res.exit_code == 0, res.output
    res = run(app, ["complexity", "-w", ws, "--year", "2017", "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["source"] == "world-hs4-2017" and len(doc["countries"]) > 200
    assert "used world-hs4-2017" in doc["source_note"] and "--source" in doc["source_note"]
    # naming the source gives the same document, without the note
    named = json.loads(run(app, ["complexity", "-w", ws, "--year", "2017", "--format", "json", "--source", "world-hs4-2017"]).output)
    assert named["countries"] == doc["countries"] and named["source_note"] is None
