"""Benchmark of issue 10: the dashboard's first page complete (every chart drawn) on a
workspace of five 10M-row BACI years.

    .venv/bin/python benchmarks/dashboard.py            # 10M rows a year, 5 years (target: < 1 s)
    .venv/bin/python benchmarks/dashboard.py --quick    # 1M rows a year, 2 years

The workspace is the one of ``benchmarks/ingest_monitor.py`` (same synthetic BACI years,
same builder, cached under benchmarks/_data/).  A real uvicorn server serves the
dashboard on 127.0.0.1 in a fresh process; Debian's Chromium (Playwright) opens the
Corridor page ``/?from=Y0&to=Y1`` and the clock runs from the navigation until the page
says every chart is drawn (``window.corridorReady``: every Vega view has rendered its SVG).

Measured in the same run:

- the peer: the monitor answer alone in-process (``build_monitor`` on the same workspace,
  warm): the data the page draws, with no HTML, no JSON and no browser;
- the page's HTML from the server (``GET /``), first request of the server process and
  again (the server keeps recent answers per workspace state);
- the page complete in the browser, first load after the server starts (the answer is
  computed) and the following loads (min and median of ``--repeat``), for ``corridor
  serve``'s app as it starts (with its warm-up: :mod:`corridor.web.warmup`) and without the
  warm-up;
- the time from the server process's start (``Popen``) to its first answer and to its first
  page complete, with and without the warm-up (the browser is already running).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# ``corridor serve``'s app; argv[3] "cold" starts it without its warm-up (corridor.web.warmup)
SERVER = """
import sys, uvicorn
from corridor.config import resolve_settings
from corridor.web.app import create_app
settings = resolve_settings(workspace=sys.argv[1])
app = create_app(settings, warm_up=sys.argv[3] != "cold")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _workspace(rows: int, years: list[int]) -> Path:
    from ingest_monitor import DATA, _data

    from corridor.sources import baci
    from corridor.store import Workspace

    files = [_data(y, rows) for y in years]
    path = DATA / f"ws-{rows}-{len(years)}"
    with Workspace.open(path) as ws:
        have = set(ws.provenance().execute()["file_name"])
        for f in files:
            if f.name not in have:
                ws.ingest(baci.parse(ws.connection, f))
    return path


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 120.0, poll: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped:\n{proc.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url + "static/dashboard.css", timeout=5).read()
            return
        except OSError:
            time.sleep(poll)
    raise SystemExit("the server did not start")


def _get(url: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as r:
        r.read()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="1M rows, 2 years")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    if a.quick:
        a.rows, a.years = 1_000_000, 2
    years = list(range(2019, 2019 + a.years))
    ws_path = _workspace(a.rows, years)

    from corridor.monitor import build_monitor
    from corridor.store import Workspace

    peer = []
    with Workspace.open(ws_path, read_only=True) as ws:
        for i in range(a.repeat + 1):
            if i == 1:
                cpu = time.process_time()
            t = time.perf_counter()
            build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=years[0], year_to=years[-1], level="hs4")
            peer.append(time.perf_counter() - t)
        peer_cpu = (time.process_time() - cpu) / a.repeat
    peer_warm = min(peer[1:])

    from playwright.sync_api import sync_playwright

    page_path = f"?from={years[0]}&to={years[-1]}"
    port = _port()
    base = f"http://127.0.0.1:{port}/"

    def server(mode: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", SERVER, str(ws_path), str(port), mode], stderr=subprocess.PIPE)

    def stop(proc: subprocess.Popen) -> None:
        proc.terminate()
        proc.wait(timeout=30)

    def load(page) -> float:
        t = time.perf_counter()
        page.goto(base + page_path, timeout=300_000)
        page.wait_for_function("window.corridorReady === true", timeout=300_000)
        took = time.perf_counter() - t
        drawn = page.evaluate("document.querySelectorAll('.chart[data-rendered=\"1\"] svg').length")
        if drawn != page.evaluate("document.querySelectorAll('.chart').length"):
            raise SystemExit("not every chart was drawn")
        return took

    first: dict[str, float] = {}   # first page complete after the server is up
    start: dict[str, float] = {}   # from the server process's start to its first page complete
    ready: dict[str, float] = {}   # from the server process's start to its first answer (static file)
    loads: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=a.chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        for mode in ("warm-up", "cold"):
            t0 = time.perf_counter()
            proc = server(mode)
            try:
                _wait(base, proc, poll=0.02)
                ready[mode] = time.perf_counter() - t0
                first[mode] = load(page)
                start[mode] = time.perf_counter() - t0
                if mode == "warm-up":
                    loads = [load(page) for _ in range(a.repeat)]
            finally:
                stop(proc)
        browser.close()
    html_first = {}
    for mode in ("warm-up", "cold"):  # the HTML alone of the first request of a server process
        proc = server(mode)
        try:
            _wait(base, proc)
            html_first[mode] = _get(base + page_path)
            if mode == "warm-up":
                html = [_get(base + page_path) for _ in range(a.repeat)]
        finally:
            stop(proc)

    rows = [
        ("monitor answer alone, warm min (peer)", peer_warm, None),
        ("page HTML, first request after the start", html_first["warm-up"], "< 1 s"),
        ("page HTML, first request, no warm-up", html_first["cold"], ""),
        ("page HTML, again (min)", min(html), ""),
        ("page complete in Chromium, first load after the start", first["warm-up"], "< 1 s"),
        ("page complete, first load, no warm-up", first["cold"], "< 1 s"),
        ("page complete, next loads (min)", min(loads), "< 1 s"),
        ("page complete, next loads (median)", statistics.median(loads), "< 1 s"),
        ("server process start to answering (warm-up done)", ready["warm-up"], ""),
        ("server process start to answering, no warm-up", ready["cold"], ""),
        ("server process start to first page complete", start["warm-up"], ""),
        ("server process start to first page complete, no warm-up", start["cold"], ""),
    ]
    print(f"\nrows per year: {a.rows:,}; years: {a.years}; repeats: {a.repeat}; python {sys.version.split()[0]}")
    print(f"{'measure':58} {'seconds':>8} {'/ peer':>7}  target")
    for name, secs, target in rows:
        print(f"{name:58} {secs:8.3f} {secs / peer_warm:6.2f}x  {target or ''}")
    print(f"(monitor runs {[round(x, 3) for x in peer]}, CPU {peer_cpu:.3f} s for the warm runs; "
          f"page loads {[round(x, 3) for x in loads]}; HTML {[round(x, 3) for x in html]})")


if __name__ == "__main__":
    main()
