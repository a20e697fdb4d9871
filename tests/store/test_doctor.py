"""`corridor doctor` on a workspace with a deleted and a truncated Parquet file; opening
such a workspace is a named error pointing at the doctor, not a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.errors import WorkspaceError
from corridor.store import Workspace

from .helpers import simple_parsed, write


@pytest.fixture()
def damaged(tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ids = {name: ws.ingest(simple_parsed(write(tmp_path / f"{name}.csv", [f"KAZ,CHN,{year},0101,{year}"]))).ingest_id
               for name, year in (("kept", 2020), ("deleted", 2021), ("cut", 2022))}
    (path / "flows" / f"{ids['deleted']}.parquet").unlink()
    cut = path / "flows" / f"{ids['cut']}.parquet"
    cut.write_bytes(cut.read_bytes()[:100])
    return path, ids


def test_opening_a_damaged_workspace_is_a_named_error_pointing_at_the_doctor(damaged) -> None:
    path, ids = damaged
    for read_only in (True, False):
        with pytest.raises(WorkspaceError, match=r"damaged: 2 stored file\(s\) lost or cut.*corridor doctor") as err:
            Workspace.open(path, read_only=read_only)
        assert f"{ids['deleted']}.parquet missing" in str(err.value)
        assert f"{ids['cut']}.parquet truncated (100 bytes of" in str(err.value)
    res = CliRunner().invoke(app, ["monitor", "KAZ", "CHN", "--workspace", str(path)])
    assert res.exit_code == 2 and "corridor doctor" in res.output and "Traceback" not in res.output


def test_the_doctor_says_what_was_lost_then_repairs(damaged) -> None:
    path, ids = damaged
    run = CliRunner().invoke
    res = run(app, ["doctor", "--workspace", str(path)])
    assert res.exit_code == 1, res.output
    assert "3 stored files checked, 2 lost" in res.output
    assert f"LOST {ids['deleted']}: deleted.csv (test, release r1, 1 row)" in res.output and "is missing" in res.output
    assert f"LOST {ids['cut']}: cut.csv" in res.output and "is cut short" in res.output
    assert "corridor ingest" in res.output and "deleted.csv" in res.output
    doc = json.loads(run(app, ["doctor", "--format", "json", "--workspace", str(path)]).output)
    assert doc["schema"] == "corridor.doctor/1" and {x["problem"] for x in doc["lost"]} == {"missing", "truncated"}
    res = run(app, ["doctor", "--repair", "--workspace", str(path), "--lang", "ru"])
    assert res.exit_code == 0 and "убраны" in res.output
    with Workspace.open(path, read_only=True) as ws:  # opens again, with what is left
        assert ws.flows().execute()["year"].tolist() == [2020]
        assert sorted(ws.removals().execute()["file_name"]) == ["cut.csv", "deleted.csv"]
    assert sorted(p.name for p in (path / "flows").iterdir()) == [f"{ids['kept']}.parquet"]
    res = run(app, ["doctor", "--workspace", str(path)])
    assert res.exit_code == 0 and "all intact" in res.output
    # the lost files can be ingested again
    with Workspace.open(path) as ws:
        assert ws.ingest(simple_parsed(path.parent / "deleted.csv")).status == "stored"


def test_an_altered_file_of_the_same_size_is_found_by_its_hash(tmp_path: Path) -> None:
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        iid = ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,1"]))).ingest_id
    f = path / "flows" / f"{iid}.parquet"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF
    f.write_bytes(bytes(data))
    from corridor.store.doctor import doctor

    report = doctor(path)
    assert [(x.ingest_id, x.problem) for x in report.lost] == [(iid, "altered")]
