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
- the page complete in the browser, first load after the server starts (cold: the answer
  is computed) and the following loads (min and median of ``--repeat``).
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

SERVER = """
import sys, uvicorn
from corridor.config import resolve_settings
from corridor.web import assets
settings = resolve_settings(workspace=sys.argv[1])
try:
    from corridor.web.app import create_app
    app = create_app(settings)
except ImportError:  # the API's app needs the answers registry
    from corridor.web.pages import dashboard_app
    app = dashboard_app(settings)
assets.vega_bundle()
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


def _wait(url: str, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped:\n{proc.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url + "static/dashboard.css", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
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
        for _ in range(a.repeat + 1):
            t = time.perf_counter()
            build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=years[0], year_to=years[-1], level="hs4")
            peer.append(time.perf_counter() - t)
    peer_warm = min(peer[1:])

    from playwright.sync_api import sync_playwright

    page_path = f"?from={years[0]}&to={years[-1]}"
    loads: list[float] = []
    port = _port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(ws_path), str(port)], stderr=subprocess.PIPE)
    try:
        _wait(base, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=a.chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"])
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            for _ in range(a.repeat + 1):
                t = time.perf_counter()
                page.goto(base + page_path, timeout=300_000)
                page.wait_for_function("window.corridorReady === true", timeout=300_000)
                loads.append(time.perf_counter() - t)
                drawn = page.evaluate("document.querySelectorAll('.chart[data-rendered=\"1\"] svg').length")
                if drawn != page.evaluate("document.querySelectorAll('.chart').length"):
                    raise SystemExit("not every chart was drawn")
            browser.close()
        html = [_get(base + page_path) for _ in range(a.repeat)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # the HTML of a page the server has not answered yet (a new view: another year range)
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(ws_path), str(port)], stderr=subprocess.PIPE)
    try:
        _wait(base, proc)
        html_cold = _get(base + page_path)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    warm = loads[1:]
    rows = [
        ("monitor answer alone, warm min (peer)", peer_warm, None),
        ("page HTML from the server, first request", html_cold, "< 1 s"),
        ("page HTML from the server, again (min)", min(html), ""),
        ("page complete in Chromium, first load", loads[0], "< 1 s"),
        ("page complete in Chromium, next loads (min)", min(warm), "< 1 s"),
        ("page complete in Chromium, next loads (median)", statistics.median(warm), "< 1 s"),
    ]
    print(f"\nrows per year: {a.rows:,}; years: {a.years}; repeats: {a.repeat}; python {sys.version.split()[0]}")
    print(f"{'measure':50} {'seconds':>8} {'/ peer':>7}  target")
    for name, secs, target in rows:
        print(f"{name:50} {secs:8.3f} {secs / peer_warm:6.2f}x  {target or ''}")
    print(f"(monitor runs {[round(x, 3) for x in peer]}; page loads {[round(x, 3) for x in loads]}; "
          f"HTML {[round(x, 3) for x in html]})")


if __name__ == "__main__":
    main()
