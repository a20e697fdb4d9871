"""`corridor remove` and `corridor provenance --removed`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

from ..store.helpers import simple_parsed, write


def test_remove_by_id_and_by_release_is_listed_as_removed(tmp_path: Path) -> None:
    from corridor.store import Workspace

    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        a = ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2024,0101,1"]), release="r2"))
    run = CliRunner().invoke
    res = run(app, ["remove", a.ingest_id, "--workspace", str(ws_path)])
    assert res.exit_code == 0, res.output
    assert f"removed {a.ingest_id}: a.csv (test, release r1, 1 row)" in res.output
    res = run(app, ["remove", "--release", "test=r2", "--workspace", str(ws_path), "--lang", "ru"])
    assert res.exit_code == 0 and "удалено" in res.output and "b.csv" in res.output and "1 строка)" in res.output
    res = run(app, ["provenance", "--removed", "--format", "csv", "--table", "removed", "--workspace", str(ws_path)])
    assert res.exit_code == 0 and res.output.count("removed by the user") == 2
    res = run(app, ["remove", "nope", "--workspace", str(ws_path)])
    assert res.exit_code == 2 and "no ingest nope" in res.output
