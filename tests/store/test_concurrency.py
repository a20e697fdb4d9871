"""Readers and writers of one workspace at once, across processes.

Readers (``Workspace.open(path, read_only=True)``) read the catalogue snapshot the last
writer published and hold no lock; one writer at a time holds ``corridor.lock``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from corridor.errors import WorkspaceError
from corridor.store import Workspace

from .helpers import simple_parsed, write

TESTS = str(Path(__file__).resolve().parents[1])


def _count(path: Path) -> int:
    with Workspace.open(path, read_only=True) as ws:
        return int(ws.flows().count().execute())


def _start(script: str) -> subprocess.Popen:
    """A Python process running ``script`` (with the tests folder on its path)."""
    code = f"import sys; sys.path.insert(0, {TESTS!r})\n" + textwrap.dedent(script)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(flag: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not flag.exists():
        if proc.poll() is not None:
            raise AssertionError(f"helper process ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("helper process did not get there in time")
        time.sleep(0.05)


def _hold(path: Path, flag: Path, *, seconds: float) -> subprocess.Popen:
    """A process holding ``path`` open for writing for ``seconds`` (``flag`` once it does)."""
    return _start(f"""
        import time
        from pathlib import Path
        from corridor.store import Workspace
        with Workspace.open({str(path)!r}) as ws:
            Path({str(flag)!r}).touch()
            time.sleep({seconds})
    """)


@pytest.fixture()
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,1", "KAZ,CHN,2021,0101,2"])))
    return path


def test_two_readers_at_once_in_two_processes(stored: Path, tmp_path: Path) -> None:
    flag = tmp_path / "reading"
    other = _start(f"""
        from pathlib import Path
        import time
        from corridor.store import Workspace
        with Workspace.open({str(stored)!r}, read_only=True) as ws:
            n = ws.flows().count().execute()
            Path({str(flag)!r}).touch()
            time.sleep(1.0)  # still open while the test's reader reads
            print(n)
    """)
    _wait_for(flag, other)
    with Workspace.open(stored, read_only=True) as a, Workspace.open(stored, read_only=True) as b:
        assert a.flows().count().execute() == b.flows().count().execute() == 2
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    assert out.strip() == "2"


def test_a_reader_during_an_ingest_in_another_process(stored: Path, tmp_path: Path) -> None:
    """The ingest holds the write lock and is inside its transaction: a reader opens and
    queries without error and sees the last committed state; after the commit a new
    reader sees the new rows."""
    flag, go = tmp_path / "inside", tmp_path / "go"
    write(tmp_path / "b.csv", ["KAZ,CHN,2022,0101,3"])
    writer = _start(f"""
        import time
        from pathlib import Path
        import corridor.store.workspace as mod
        from store.helpers import simple_parsed
        real = mod.Workspace._ingest_one
        def slow(self, *a, **k):
            Path({str(flag)!r}).touch()
            while not Path({str(go)!r}).exists():
                time.sleep(0.05)
            return real(self, *a, **k)
        mod.Workspace._ingest_one = slow
        with mod.Workspace.open({str(stored)!r}) as ws:
            ws.ingest(simple_parsed(Path({str(tmp_path / 'b.csv')!r})))
    """)
    _wait_for(flag, writer)
    assert _count(stored) == 2  # the committed state, no lock error
    with Workspace.open(stored, read_only=True) as reader:
        go.touch()
        assert writer.wait(timeout=60) == 0, writer.communicate()
        assert reader.flows().count().execute() == 2  # a reader keeps the state it opened
    assert _count(stored) == 3  # a new reader sees the commit


def test_a_second_writer_waits_then_is_told_who_holds_the_workspace(stored: Path, tmp_path: Path) -> None:
    flag = tmp_path / "holding"
    holder = _hold(stored, flag, seconds=30)
    try:
        _wait_for(flag, holder)
        told: list = []
        t0 = time.monotonic()
        with pytest.raises(WorkspaceError, match=rf"being changed by another process \(pid {holder.pid}\); waited 0.5 s"):
            Workspace.open(stored, wait=0.5, on_wait=told.append)
        assert 0.5 <= time.monotonic() - t0 < 5
        assert told == [holder.pid]
        assert _count(stored) == 2  # readers are not blocked by the writer
    finally:
        holder.kill()
        holder.wait()
    with Workspace.open(stored, wait=10) as ws:  # the lock died with its holder
        ws.ingest(simple_parsed(write(tmp_path / "c.csv", ["KAZ,CHN,2023,0101,4"])))
    assert _count(stored) == 3


def test_a_writer_waits_for_another_to_finish(stored: Path, tmp_path: Path) -> None:
    flag = tmp_path / "holding"
    holder = _hold(stored, flag, seconds=1.0)
    _wait_for(flag, holder)
    t0 = time.monotonic()
    with Workspace.open(stored, wait=30) as ws:
        assert time.monotonic() - t0 > 0.5  # it got the lock only when the holder had finished
        ws.ingest(simple_parsed(write(tmp_path / "c.csv", ["KAZ,CHN,2023,0101,4"])))
    assert holder.wait() == 0
    assert _count(stored) == 3


def test_killed_after_commit_before_publishing_readers_see_it_after_the_next_writer(stored: Path,
                                                                                     tmp_path: Path) -> None:
    write(tmp_path / "b.csv", ["KAZ,CHN,2022,0101,3"])
    proc = _start(f"""
        import os, signal
        from pathlib import Path
        import corridor.store.workspace as mod
        from store.helpers import simple_parsed
        def die(self):
            os.kill(os.getpid(), signal.SIGKILL)
        ws = mod.Workspace.open({str(stored)!r})
        mod.Workspace._publish = die
        ws.ingest(simple_parsed(Path({str(tmp_path / 'b.csv')!r})))
    """)
    assert proc.wait(timeout=60) == -9
    assert _count(stored) == 2  # the last published state: consistent, one ingest behind
    Workspace.open(stored).close()  # any writer publishes the committed state
    assert _count(stored) == 3


def test_a_reader_cannot_change_the_workspace(stored: Path, tmp_path: Path) -> None:
    with Workspace.open(stored, read_only=True) as ws, pytest.raises(WorkspaceError, match="read-only"):
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2022,0101,3"])))


def test_a_reader_of_a_missing_workspace_is_told_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no corridor workspace at .*--workspace PATH"):
        Workspace.open(tmp_path / "nowhere", read_only=True)
    assert not (tmp_path / "nowhere").exists()


def test_a_workspace_without_a_snapshot_is_read_from_its_catalogue(stored: Path) -> None:
    """Workspaces written before snapshots existed."""
    (stored / "corridor.snapshot.duckdb").unlink()
    assert _count(stored) == 2


def test_a_reader_reads_the_published_snapshot_in_place_with_the_superseded_cells(tmp_path: Path) -> None:
    """The reader attaches the snapshot (no copy of the catalogue) and takes the superseded
    cells the writer computed at publication; a newer publication does not disturb it."""
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100"]), release="r1"))
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,120"]), release="r2"))
    with Workspace.open(path, read_only=True) as reader:
        kinds = dict(reader.connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_name IN ('provenance', 'coverage', 'superseded')").fetchall())
        assert kinds == {"provenance": "VIEW", "coverage": "VIEW", "superseded": "VIEW"}
        assert reader.flows().execute()["value_usd"].tolist() == [120.0]
        with Workspace.open(path) as writer:  # publishes a new snapshot over the attached one
            writer.ingest(simple_parsed(write(tmp_path / "c.csv", ["KAZ,CHN,2024,0101,7"]), release="r2"))
        assert reader.flows().execute()["value_usd"].tolist() == [120.0]  # the state it opened
    assert sorted(_count_values(path)) == [7.0, 120.0]


def test_a_snapshot_without_superseded_cells_is_still_read_right(stored: Path, tmp_path: Path) -> None:
    """Snapshots published before the superseded cells were part of them."""
    import duckdb

    con = duckdb.connect(str(stored / "corridor.snapshot.duckdb"))
    con.execute("DROP TABLE superseded")
    con.close()
    with Workspace.open(stored, read_only=True) as reader:
        assert reader._published_superseded is False
        assert int(reader.flows().count().execute()) == 2


def _count_values(path: Path) -> list[float]:
    with Workspace.open(path, read_only=True) as ws:
        return ws.flows().execute()["value_usd"].tolist()
