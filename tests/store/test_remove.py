"""Undo and correct: remove an ingest or a release; the same file read another way is a
new ingest that replaces the old one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corridor.errors import QueryError
from corridor.store import Workspace

from .helpers import simple_parsed, snapshot, write


@pytest.fixture()
def ws(tmp_path: Path):
    w = Workspace.open(tmp_path / "ws")
    yield w
    w.close()


def _scaled(parsed, factor: int):
    """The same file read with a value multiplier (as a corrected mapping would)."""
    return dataclasses.replace(parsed, sql=parsed.sql.replace("val AS value_usd", f"val * {factor} AS value_usd"),
                               reading=f'{{"value_multiplier": {factor}}}')


def _values(ws: Workspace) -> list[tuple]:
    df = ws.flows().order_by(["year", "product_code"]).execute()
    return list(zip(df["year"].astype(int), df["product_code"], df["value_usd"]))


def test_a_corrected_reading_of_the_same_file_replaces_the_wrong_ingest(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100", "KAZ,CHN,2023,0102,2"])
    wrong = ws.ingest(_scaled(simple_parsed(f), 1))
    assert ws.ingest(_scaled(simple_parsed(f), 1)).status == "unchanged"  # same file, same reading
    fixed = ws.ingest(_scaled(simple_parsed(f), 1000))
    assert fixed.status == "stored" and fixed.ingest_id != wrong.ingest_id
    assert any(f"replaces {wrong.ingest_id}" in n for n in fixed.notes)
    assert _values(ws) == [(2023, "0101", 100_000.0), (2023, "0102", 2000.0)]
    prov = ws.provenance().execute()
    assert list(prov["ingest_id"]) == [fixed.ingest_id]
    gone = ws.removals().execute()
    assert list(gone["ingest_id"]) == [wrong.ingest_id] and "read another way" in gone["reason"][0]
    # the replaced file stays for readers opened before, until the retention has passed
    assert sorted(p.name for p in (ws.path / "flows").iterdir()) == sorted(
        [f"{fixed.ingest_id}.parquet", f"{wrong.ingest_id}.parquet"])


def test_remove_an_ingest_atomically_and_recorded(ws: Workspace, tmp_path: Path) -> None:
    a = ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
    b = ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2024,0101,2"])))
    out = ws.remove([a.ingest_id])
    assert [r[0] for r in out] == [a.ingest_id]
    assert _values(ws) == [(2024, "0101", 2.0)]
    assert list(ws.provenance().execute()["ingest_id"]) == [b.ingest_id]
    assert list(ws.removals().execute()["file_name"]) == ["a.csv"]
    assert (ws.path / "flows" / f"{a.ingest_id}.parquet").exists()  # kept for earlier readers (retention)
    with Workspace.open(ws.path, read_only=True) as reader:  # published to readers
        assert reader.flows().count().execute() == 1
    # the removed file can be ingested again
    assert ws.ingest(simple_parsed(tmp_path / "a.csv")).status == "stored"


def test_remove_a_release(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
    ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,5"]), release="r2"))
    ws.ingest(simple_parsed(write(tmp_path / "c.csv", ["KAZ,CHN,2024,0101,7"]), release="r2"))
    assert _values(ws) == [(2023, "0101", 5.0), (2024, "0101", 7.0)]
    out = ws.remove(releases={"test": "r2"})
    assert sorted(r[3] for r in out) == ["b.csv", "c.csv"]
    assert _values(ws) == [(2023, "0101", 1.0)]  # the older release is visible again


def test_removing_what_is_not_there_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    a = ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
    before = snapshot(ws.path)
    with pytest.raises(QueryError, match="no ingest nope"):
        ws.remove([a.ingest_id, "nope"])
    with pytest.raises(QueryError, match="stored releases: r1"):
        ws.remove(releases={"test": "r9"})
    assert snapshot(ws.path) == before


def test_a_failed_removal_changes_nothing(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
    before = snapshot(ws.path)
    real = Workspace._drop_ingests

    def interrupted(self, *args):
        real(self, *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "_drop_ingests", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ws.remove([a.ingest_id])
    monkeypatch.undo()
    assert snapshot(ws.path) == before


def test_a_reader_opened_before_a_removal_keeps_answering_and_the_files_go_after_the_retention(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader holding the snapshot of before a removal still reads the removed ingest's
    rows (its file is kept for REMOVED_RETENTION); a new reader does not see them; a writer
    opened after the retention deletes the file."""
    import datetime as dt

    from corridor.store import workspace as wsmod

    with Workspace.open(tmp_path / "ws") as w:
        a = w.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
        w.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2024,0101,2"])))
    early = Workspace.open(tmp_path / "ws", read_only=True)
    try:
        assert early.flows().count().execute() == 2
        with Workspace.open(tmp_path / "ws") as w:
            w.remove([a.ingest_id])
        assert early.flows().count().execute() == 2  # its snapshot, its files: no error
        with Workspace.open(tmp_path / "ws", read_only=True) as late:
            assert late.flows().count().execute() == 1
        monkeypatch.setattr(wsmod, "REMOVED_RETENTION", dt.timedelta(0))
        with Workspace.open(tmp_path / "ws"):  # a writer's sweep after the retention
            pass
        assert not (tmp_path / "ws" / "flows" / f"{a.ingest_id}.parquet").exists()
    finally:
        early.close()
