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

from corridor.store import Workspace
from corridor.web.workspaces import Workspaces

from .conftest import rows_csv
from tests.store.helpers import simple_parsed

REPO = Path(__file__).resolve().parents[2]
#: a writer holding the workspace (its lock and catalogue) for a while
HOLD = """
import sys, time
from corridor.store import Workspace
with Workspace.open(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(2)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + str(REPO)}


@pytest.fixture
def small_ws(tmp_path) -> Path:
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        ws.ingest(simple_parsed(rows_csv(tmp_path / "a.csv", 2020, 100.0)))
    return ws_path


def _ingests(pool: Workspaces) -> int:
    with pool.lease() as ws:
        return len(ws.provenance().execute())


def test_readers_answer_while_another_process_holds_the_write_lock(small_ws):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(small_ws)], stdout=subprocess.PIPE, text=True,
                              env=_env())
    try:
        assert holder.stdout.readline().strip() == "holding"
        pool = Workspaces(small_ws, check_every=0.0)
        assert _ingests(pool) == 1
        pool.close()
    finally:
        holder.wait(timeout=60)


def test_a_new_generation_after_a_commit_and_readers_reused_before(small_ws, tmp_path):
    pool = Workspaces(small_ws, check_every=0.0)
    g = pool.generation
    with pool.lease() as first:
        pass
    with pool.lease() as again:
        assert again is first  # same snapshot: the reader is reused
    assert pool.generation == g
    with Workspace.open(small_ws) as ws:
        ws.ingest(simple_parsed(rows_csv(tmp_path / "c.csv", 2022, 7.0)))
    assert pool.generation == g + 1
    with pool.lease() as fresh:
        assert fresh is not first and len(fresh.provenance().execute()) == 2
    pool.close()


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
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(port), "--workspace", str(ws_path)],
        env=_env(), cwd=REPO, stderr=subprocess.DEVNULL,
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
