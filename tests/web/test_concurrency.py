"""The workspace while serving: answers keep coming while `corridor ingest` runs in
another process, and the new data are seen after its commit, without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corridor.errors import WorkspaceError
from corridor.store import Workspace
from corridor.store.snapshot import Snapshots

from .conftest import rows_csv
from tests.store.helpers import simple_parsed

REPO = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
con.close()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + str(REPO)}


@pytest.fixture
def small_ws(tmp_path) -> Path:
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        ws.ingest(simple_parsed(rows_csv(tmp_path / "a.csv", 2020, 100.0)))
    return ws_path


def _hold(ws_path: Path, seconds: float) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(ws_path / "corridor.duckdb"), str(seconds)],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "holding"
    return p


def _ingests(snaps: Snapshots) -> int:
    with snaps.workspace() as ws:
        return len(ws.provenance().execute())


def test_a_snapshot_answers_while_another_process_writes(small_ws, tmp_path):
    snaps = Snapshots(small_ws, check_every=0.0)
    assert _ingests(snaps) == 1
    holder = _hold(small_ws, 1.5)
    try:
        # the catalogue is locked by the writer: the last snapshot answers, no error
        assert _ingests(snaps) == 1
    finally:
        holder.wait(timeout=30)
    snaps.close()


def test_the_first_snapshot_waits_bounded_then_says_busy(small_ws):
    holder = _hold(small_ws, 3)
    try:
        t = time.monotonic()
        with pytest.raises(WorkspaceError, match="busy"):
            Snapshots(small_ws, wait=0.5).refresh()
        assert time.monotonic() - t < 2.5
    finally:
        holder.wait(timeout=30)


def test_a_writer_waits_for_a_reader_instead_of_failing(small_ws, tmp_path):
    """A process holding the file briefly (as a snapshot does) delays an ingest; it does
    not make it fail with DuckDB's lock text."""
    holder = _hold(small_ws, 1.0)
    try:
        with Workspace.open(small_ws) as ws:
            ws.ingest(simple_parsed(rows_csv(tmp_path / "b.csv", 2021, 5.0)))
    finally:
        holder.wait(timeout=30)
    snaps = Snapshots(small_ws)
    assert _ingests(snaps) == 2
    snaps.close()


def test_a_writer_held_out_too_long_is_told_who_holds_the_workspace(small_ws, monkeypatch):
    from corridor.store import workspace as wsmod

    monkeypatch.setattr(wsmod, "LOCK_WAIT_SECONDS", 0.3)
    holder = _hold(small_ws, 2)
    try:
        with pytest.raises(WorkspaceError, match=rf"in use by another process \(process {holder.pid}\)"):
            Workspace.open(small_ws)
    finally:
        holder.wait(timeout=30)


def test_new_snapshot_after_a_commit(small_ws, tmp_path):
    snaps = Snapshots(small_ws, check_every=0.0)
    g = snaps.generation
    assert _ingests(snaps) == 1
    assert snaps.generation == g  # nothing changed: same snapshot
    with Workspace.open(small_ws) as ws:
        ws.ingest(simple_parsed(rows_csv(tmp_path / "c.csv", 2022, 7.0)))
    assert _ingests(snaps) == 2 and snaps.generation == g + 1
    snaps.close()


# -- a real server and a real `corridor ingest` in another process ---------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, bytes]:
    import http.client

    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


@pytest.mark.slow
def test_server_answers_during_an_ingest_and_sees_its_data(tmp_path):
    import json

    from corridor.synthetic.baci import generate

    ws_path = tmp_path / "ws"
    first = generate(tmp_path / "BACI_HS17_Y2020_V202401.csv", year=2020, n_rows=3000, n_countries=40,
                     n_products=300, seed=1)
    big = generate(tmp_path / "BACI_HS17_Y2021_V202401.csv", year=2021, n_rows=150_000, n_countries=120,
                   n_products=2000, seed=2)
    cli = [sys.executable, "-c", "from corridor.cli.main import app; app()"]
    subprocess.run([*cli, "ingest", str(first), "--workspace", str(ws_path)], check=True, env=_env(),
                   capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "tests.web.standin:app_factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env={**_env(), "CORRIDOR_WORKSPACE": str(ws_path)}, cwd=REPO,
    )
    statuses: list[int] = []
    ingests_seen: list[int] = []
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/api/v1/provenance")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

        def client() -> None:
            while not stop.is_set():
                status, body = _get(port, "/api/v1/provenance")
                statuses.append(status)
                if status == 200:
                    ingests_seen.append(len(json.loads(body)["ingests"]))

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        ingest = subprocess.run([*cli, "ingest", str(big), "--workspace", str(ws_path)], env=_env(),
                                capture_output=True, text=True)
        during = len(statuses)
        assert ingest.returncode == 0, ingest.stderr
        deadline = time.monotonic() + 10
        while (not ingests_seen or ingests_seen[-1] < 2) and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
        for t in threads:
            t.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    assert during > 10, "too few requests answered while the ingest ran"
    assert ingests_seen[0] == 1 and ingests_seen[-1] == 2
    # never a half-written state: the count only goes up, once
    assert ingests_seen == sorted(ingests_seen)
