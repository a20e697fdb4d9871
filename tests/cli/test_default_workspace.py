"""One default workspace: the demo says how the other commands reach its workspace, and a
command that finds no workspace points at the demo's."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app


def test_the_demo_says_how_to_point_the_other_commands_at_its_workspace(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CORRIDOR_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # an empty user data directory
    run = CliRunner().invoke
    res = run(app, ["demo", "--synthetic"])
    assert res.exit_code == 0, res.output
    pointer = re.search(r"--workspace (\S+)", res.output.split("Report written")[-1])
    assert pointer and pointer.group(1) == str(Path("corridor-demo") / "workspace-synthetic")
    lost = run(app, ["monitor", "KAZ", "CHN", "--format", "json"])
    assert lost.exit_code == 2
    assert "no corridor workspace at" in lost.output and f"--workspace {pointer.group(1)}" in lost.output
    found = run(app, ["monitor", "KAZ", "CHN", "--format", "json", "--workspace", pointer.group(1)])
    assert found.exit_code == 0, found.output
    monkeypatch.setenv("CORRIDOR_WORKSPACE", pointer.group(1))
    assert run(app, ["provenance", "--format", "csv"]).exit_code == 0
