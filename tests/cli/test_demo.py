"""The main job, offline, on the synthetic sample: every output says the data are synthetic."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app


def test_demo_on_the_synthetic_sample_says_so_everywhere(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["demo", "--synthetic", "--out", str(tmp_path)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "SYNTHETIC DATA" in res.output
    doc = json.loads((tmp_path / "report.json").read_text())
    assert doc["synthetic"] is True and "SYNTHETIC" in doc["notes"][0]["text"] and doc["notes"][0]["key"] == "synthetic"
    assert {r["release"] for r in doc["series"]} == {"SYNTHETIC"}
    assert "SYNTHETIC DATA" in (tmp_path / "report.html").read_text()
    # both sides, every year, with a mirror gap of realistic sign (CIF imports above FOB exports)
    exp = {(r["year"], r["reported_by"]): r["value_usd"] for r in doc["series"] if r["primary"] and r["flow"] == "export"}
    assert all(exp[(y, "CHN")] > exp[(y, "KAZ")] for y in range(2015, 2025))
    # a second run reuses the workspace and changes nothing
    res2 = CliRunner().invoke(app, ["demo", "--synthetic", "--out", str(tmp_path)])
    assert res2.exit_code == 0 and res2.output.count("already ingested") == 4


def test_demo_in_russian(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["demo", "--synthetic", "--lang", "ru", "--out", str(tmp_path)],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "СИНТЕТИЧЕСКИЕ ДАННЫЕ" in res.output and "Товарооборот" in res.output
    # the ingest lines too (they were English: "data: ...", "stored: FILE (N rows)")
    assert "данные: СИНТЕТИЧЕСКИЙ образец" in res.output and "сохранено строк" in res.output
    assert "stored" not in res.output and "rows" not in res.output
