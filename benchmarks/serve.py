"""Benchmark of issue 9: the HTTP API serving a workspace of five 10M-row BACI years.

    .venv/bin/python benchmarks/serve.py             # 10M rows a year, 5 years (+1 ingested while serving)
    .venv/bin/python benchmarks/serve.py --quick     # 1M rows a year, 2 years, 15 s phases
    .venv/bin/python benchmarks/serve.py --prepare   # only build the cached data and workspace

It starts ``corridor serve`` on 127.0.0.1 (a fresh port) over a copy of the cached
workspace (Parquet files hard-linked, catalogue copied) and measures, from this process:

1. the monitor endpoint ``GET /api/v1/monitor?economy=KAZ&partner=CHN&from=..&to=..&level=hs6``:
   the first request (cold), then warm requests one at a time (p50, p99; targets 100 ms
   and 300 ms).  Warm requests of the same query are answered from the server's
   per-process result cache (keyed by the catalogue generation and the query); the
   uncached answer is measured too, as distinct queries (``top=1..N``);
2. 50 concurrent clients (keep-alive connections, one thread each) for ``--seconds``: every
   status must be 200 (target: zero errors);
3. the same while ``corridor ingest`` loads a sixth year in another process; after the
   ingest commits, the server must show the new year without a restart.

The peer is the command line a user had before: ``corridor monitor ... --format json``
as a fresh process, measured in the same run.  Synthetic BACI data (corridor.synthetic)
are cached under benchmarks/_data/ (git-ignored), shared with ingest_monitor.py.  Every
loop is bounded by a time or a count; only the loopback address is used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
CLI = [sys.executable, "-c", "from corridor.cli.main import app; app()"]


def year_file(year: int, rows: int) -> Path:
    """The synthetic BACI year csv (cached; the same files as ingest_monitor.py)."""
    from corridor.synthetic.baci import generate

    folder = DATA / f"ingest-{rows}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"BACI_HS17_Y{year}_V202401.csv"
    if not path.exists():
        print(f"generating {path.name} ({rows:,} rows)...", flush=True)
        generate(path, year=year, n_rows=rows, seed=year)
    return path


def cached_workspace(years: list[int], rows: int) -> Path:
    """A workspace holding ``years`` (built once, cached)."""
    from corridor.sources import baci
    from corridor.store import Workspace

    ws_path = DATA / f"serve-ws-{rows}-{len(years)}"
    with Workspace.open(ws_path) as ws:
        have = set(ws.provenance().execute()["file_name"])
        for y in years:
            f = year_file(y, rows)
            if f.name not in have:
                print(f"ingesting {f.name}...", flush=True)
                ws.ingest(baci.parse(ws.connection, f))
    return ws_path


def copy_workspace(src: Path, dst: Path) -> Path:
    """``src`` copied to ``dst``: Parquet files hard-linked (they are immutable), catalogue copied."""
    shutil.rmtree(dst, ignore_errors=True)
    (dst / "flows").mkdir(parents=True)
    for f in (src / "flows").glob("*.parquet"):
        os.link(f, dst / "flows" / f.name)
    for f in src.glob("corridor*.duckdb"):
        shutil.copy2(f, dst / f.name)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str) -> tuple[int, bytes, float]:
        t = time.perf_counter()
        try:
            self.conn.request("GET", path)
            r = self.conn.getresponse()
            body = r.read()
            status = r.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            status, body = -1, b""
        return status, body, time.perf_counter() - t


def wait_ready(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Client(port).get("/api/v1")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def load(port: int, path: str, *, clients: int, seconds: float) -> dict:
    """``clients`` threads asking ``path`` for ``seconds``: statuses and latencies."""
    statuses: list[int] = []
    lat: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run() -> None:
        c = Client(port)
        while time.monotonic() < stop:
            status, _, dt = c.get(path)
            with lock:
                statuses.append(status)
                lat.append(dt)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    errors = sum(1 for s in statuses if s != 200)
    return {"requests": len(statuses), "errors": errors, "p50": pct(lat, 0.5), "p99": pct(lat, 0.99),
            "rps": len(statuses) / seconds, "other_statuses": sorted({s for s in statuses if s != 200})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--warm", type=int, default=200, help="warm sequential requests")
    ap.add_argument("--uncached", type=int, default=5, help="distinct (uncached) monitor queries")
    ap.add_argument("--quick", action="store_true", help="1M rows, 2 years, 15 s phases")
    ap.add_argument("--prepare", action="store_true", help="only build the cached data and workspace")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    a = ap.parse_args()
    if a.quick:
        a.rows, a.years, a.seconds, a.warm = 1_000_000, 2, 15.0, 100
    years = list(range(2019, 2019 + a.years))
    extra = years[-1] + 1
    src = cached_workspace(years, a.rows)
    extra_file = year_file(extra, a.rows)
    if a.prepare:
        print(f"prepared {src} and {extra_file}")
        return

    ws = copy_workspace(src, DATA / "serve-ws-run")
    port = free_port()
    env = {**os.environ, "CORRIDOR_TOKEN": ""}
    server = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workspace", str(ws)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        wait_ready(port)
        q = f"economy=KAZ&partner=CHN&from={years[0]}&to={years[-1]}&level=hs6"
        path = f"/api/v1/monitor?{q}"
        c = Client(port)
        status, body, cold = c.get(path)
        if status != 200:
            raise SystemExit(f"monitor endpoint failed ({status}): {body[:500]!r}")
        warm = [c.get(path)[2] for _ in range(a.warm)]
        uncached = [c.get(f"{path}&top={k}")[2] for k in range(1, a.uncached + 1)]

        t = time.perf_counter()
        peer = subprocess.run([*CLI, "monitor", "KAZ", "CHN", "--from", str(years[0]), "--to", str(years[-1]),
                               "--level", "hs6", "--format", "json", "--workspace", str(ws)], capture_output=True)
        peer_s = time.perf_counter() - t
        if peer.returncode != 0:
            raise SystemExit(f"corridor monitor failed: {peer.stderr.decode()[-500:]}")

        steady = load(port, path, clients=a.clients, seconds=a.seconds)

        ingest_log = DATA / "serve-ingest.log"
        with ingest_log.open("wb") as log:
            ingest = subprocess.Popen([*CLI, "ingest", str(extra_file), "--workspace", str(ws)], stdout=log, stderr=log)
            t_ing = time.perf_counter()
            ended: list[float] = []
            watcher = threading.Thread(target=lambda: (ingest.wait(timeout=3600), ended.append(time.perf_counter())))
            watcher.start()
            during = load(port, path, clients=a.clients, seconds=a.seconds)
            watcher.join(timeout=3600)
            ingest_rc = ingest.returncode
            ingest_s = ended[0] - t_ing
        if ingest_rc != 0:
            raise SystemExit(f"the ingest failed: {ingest_log.read_text()[-1000:]}")
        seen = False
        deadline = time.monotonic() + 30
        new_path = f"/api/v1/monitor?economy=KAZ&partner=CHN&from={years[0]}&to={extra}&level=hs6"
        while not seen and time.monotonic() < deadline:
            status, body, _ = c.get(new_path)
            seen = status == 200 and any(r.get("year") == extra for r in json.loads(body).get("series", []))
            time.sleep(0.2) if not seen else None
    finally:
        server.terminate()
        server.wait(timeout=60)

    rows = [
        ("monitor endpoint, first request (ms)", cold * 1e3, peer_s * 1e3, ""),
        ("monitor endpoint, warm p50 (ms)", pct(warm, 0.5) * 1e3, peer_s * 1e3, "< 100"),
        ("monitor endpoint, warm p99 (ms)", pct(warm, 0.99) * 1e3, peer_s * 1e3, "< 300"),
        ("monitor endpoint, uncached answer median (ms)", statistics.median(uncached) * 1e3, peer_s * 1e3, ""),
        (f"{a.clients} clients {a.seconds:.0f} s: requests", steady["requests"], None, ""),
        (f"{a.clients} clients {a.seconds:.0f} s: errors", steady["errors"], None, "0"),
        (f"{a.clients} clients {a.seconds:.0f} s: p50 / p99 (ms)", f"{steady['p50'] * 1e3:.0f} / {steady['p99'] * 1e3:.0f}",
         None, ""),
        (f"{a.clients} clients during an ingest: requests", during["requests"], None, ""),
        (f"{a.clients} clients during an ingest: errors", during["errors"], None, "0"),
        (f"{a.clients} clients during an ingest: p50 / p99 (ms)",
         f"{during['p50'] * 1e3:.0f} / {during['p99'] * 1e3:.0f}", None, ""),
        ("ingest of the sixth year while serving (s, whole process)", ingest_s, None, ""),
        ("new year visible after the commit, no restart", "yes" if seen else "NO", None, "yes"),
    ]
    print(f"\nrows per year: {a.rows:,}; years: {a.years} (+1 ingested while serving); clients: {a.clients}; "
          f"python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(f"{'measure':52} {'server':>12} {'CLI peer':>10} {'ratio':>7}  target")
    for name, ours, peer_v, target in rows:
        num = isinstance(ours, float)
        ratio = f"{peer_v / ours:6.1f}x" if num and peer_v else ""
        shown = f"{ours:12.1f}" if num else f"{ours!s:>12}"
        print(f"{name:52} {shown} {'' if peer_v is None else f'{peer_v:10.0f}':>10} {ratio:>7}  {target}")
    print(f"(CLI peer: one `corridor monitor --format json` process; ratio = peer / server; "
          f"statuses other than 200: {steady['other_statuses'] or 'none'} / {during['other_statuses'] or 'none'}; "
          f"throughput {steady['rps']:.0f} / {during['rps']:.0f} requests/s)")
    if a.json:
        a.json.write_text(json.dumps({"cold": cold, "warm": warm, "uncached": uncached, "peer": peer_s,
                                      "steady": steady, "during_ingest": during, "ingest_s": ingest_s, "seen": seen},
                                     indent=2))
    shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    main()
