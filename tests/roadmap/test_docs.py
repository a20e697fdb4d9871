"""docs/roadmap.md documents every indicator, status, alert kind, column, side key and CLI option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.answers.roadmap import _side_record
from corridor.cli.main import app
from corridor.roadmap.evaluate import side_report
from corridor.roadmap.model import ALERT_KINDS, COLUMNS, INDICATORS, METHODS, STATUSES, Target

DOC = (Path(__file__).resolve().parents[2] / "docs" / "roadmap.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", INDICATORS + STATUSES + ALERT_KINDS + COLUMNS + METHODS)
def test_every_value_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC or f"**{name}**" in DOC, name


def test_every_side_key_is_documented() -> None:
    t = Target(id="t", title="t", indicator="turnover", reporter="KAZ", partner="CHN", unit="usd", target_year=2030,
               baseline_year=2020, announced="2023", announced_by="x", source="y", target_value=40.0)
    rec = _side_record(side_report(t, "reporter", {2020: 20.0, 2021: 22.0, 2022: 25.0, 2023: 31.0}))
    for key in rec:
        assert f"`{key}`" in DOC, key
    for key in rec["projection"]:
        assert key in DOC, key


def test_every_cli_option_is_documented() -> None:
    out = CliRunner().invoke(app, ["roadmap", "--help"], env={"COLUMNS": "200"}).output
    for option in ("--format", "--lang", "--release", "--no-projection", "--output", "--workspace"):
        assert option in out
        assert option in DOC, option
