"""The README's Python example runs, and every CLI command is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs(tmp_path: Path, monkeypatch) -> None:
    res = CliRunner().invoke(app, ["demo", "--synthetic", "--out", str(tmp_path / "corridor-demo")])
    assert res.exit_code == 0, res.output
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has no Python example"
    monkeypatch.chdir(tmp_path)
    # the demo above used --synthetic, whose workspace folder is named accordingly
    code = blocks[0].replace('"corridor-demo/workspace"', '"corridor-demo/workspace-synthetic"')
    assert "workspace-synthetic" in code
    env: dict = {}
    exec(compile(code, "README.md", "exec"), env)  # noqa: S102 - our own documentation
    assert set(env["report"].summary["reported_by"]) == {"economy", "partner"}
    assert env["checked"], "the README's claim example found no claim"


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    import typer.main

    names = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [n for n in names if f"corridor {n}" not in text]
    assert not missing, f"commands not documented in README.md: {missing}"
