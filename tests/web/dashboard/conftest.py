"""Fixtures of the dashboard tests: a workspace the way a user builds one, the app, a real
server on 127.0.0.1 and a Chromium driven by Playwright.

The workspace holds the synthetic Kazakhstan-China sample (WITS HS4 files and both sides'
annual totals, through the same importers as real data) and two synthetic BACI years
(80 economies, 1,500 HS6 products: a world matrix for the complexity and opportunities
pages) and the example roadmap (two announced turnover targets).  It is built once per session (~10 s).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("CORRIDOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def build_workspace(root: Path) -> Path:
    """The dashboard's test workspace under ``root`` (see the module docstring)."""
    from corridor.demo import demo_inputs
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace
    from corridor.synthetic.baci import generate

    inputs = demo_inputs(None, root / "sample")
    path = root / "workspace"
    with Workspace.open(path) as ws:
        parsed = []
        for files, source, mapping in inputs.groups:
            parsed += parse_files(ws, list(files), source=source, mapping=mapping, release=inputs.release)
        ws.ingest_many(parsed)
        zipped = generate(root / "BACI_HS17_V202401.zip", year=[2021, 2022], n_rows=200_000, n_countries=80,
                          n_products=1500, seed=1)
        ws.ingest_many(parse_files(ws, [zipped], source="baci"))
        from corridor.answers import ingest as ingest_answer

        for source, file in (("roadmap", "roadmap_kz_cn_announced.csv"), ("deals", "deals_illustrative_ledger.csv")):
            ingest_answer.answer(ws, ingest_answer.Query(files=(str(REPO / "examples" / file),), source=source))
    return path


@pytest.fixture(scope="session")
def dashboard_workspace(tmp_path_factory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("dashboard"))


@pytest.fixture(scope="session")
def settings(dashboard_workspace):
    from corridor.config import resolve_settings

    return resolve_settings(workspace=dashboard_workspace)


def make_app(settings):
    """The served app: the API's (``corridor.web.app.create_app``, which includes the
    dashboard's router) when it can be built, else the dashboard's own."""
    try:
        from corridor.web.app import create_app

        return create_app(settings)
    except ImportError:  # the API's app needs the answers registry (issue 9)
        from corridor.web.pages import dashboard_app

        return dashboard_app(settings)


@pytest.fixture(scope="session")
def app(settings):
    return make_app(settings)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app):
    """A real uvicorn server of ``app`` on 127.0.0.1 (in a thread of this process): yields its base URL."""
    import uvicorn

    from corridor.web import assets

    assets.vega_bundle()  # built once per machine (a few seconds), before any page asks for it
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(app):
    """The dashboard workspace served on 127.0.0.1; its base URL."""
    yield from _serve(app)


@pytest.fixture(scope="session")
def national_workspace(tmp_path_factory) -> Path:
    """Monthly, January-N and regional statistics (China customs by province, Kazakhstan's
    BNS by partner and region) loaded through their importers: tests/national_workspace.py."""
    from tests.national_workspace import build

    path = tmp_path_factory.mktemp("national") / "ws"
    build(path)
    return path


@pytest.fixture(scope="session")
def national_server(national_workspace):
    from corridor.config import resolve_settings

    yield from _serve(make_app(resolve_settings(workspace=national_workspace)))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: ``$CORRIDOR_ARTIFACTS`` or ``tests/artifacts`` (git-ignored)."""
    path = Path(os.environ.get("CORRIDOR_ARTIFACTS") or REPO / "tests" / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (the PyPI wheel's driver); skips when either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (scripts/test installs Debian's chromium package)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """A browser page that records console errors, page errors and every request; requests
    to anything but 127.0.0.1 are aborted and recorded."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str, *, timeout: float = 120_000):
        self.errors.clear()
        response = self.page.goto(self.base + path, timeout=timeout)
        self.page.wait_for_function("() => window.corridorReady === true", timeout=timeout)
        return response


def _watch(browser, base: str):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    yield PageWatch(page, base)
    context.close()


@pytest.fixture()
def watch(browser, server):
    yield from _watch(browser, server)


@pytest.fixture()
def national_watch(browser, national_server):
    """A watched page on the server of :func:`national_workspace`."""
    yield from _watch(browser, national_server)
