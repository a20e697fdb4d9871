"""Fixtures of the web tests: a small workspace, an app over it, a token."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.store.helpers import simple_parsed, write

TOKEN = "t0ken-for-the-tests-0123456789"


def rows_csv(path: Path, year: int, value: float) -> Path:
    return write(path, [f"KAZ,CHN,{year},0101,{value}", f"CHN,KAZ,{year},0101,{value * 2}"])


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Path:
    """A workspace with one tiny ingest (session-wide: tests must not write to it)."""
    from corridor.store import Workspace

    root = tmp_path_factory.mktemp("web")
    ws_path = root / "ws"
    with Workspace.open(ws_path) as ws:
        ws.ingest(simple_parsed(rows_csv(root / "a.csv", 2020, 100.0)))
    return ws_path


def make_settings(ws: Path, **kw):
    from corridor.web.settings import ServeSettings

    return ServeSettings(workspace=ws, **kw)


@pytest.fixture
def client_for():
    """``client_for(workspace, **settings) -> TestClient`` (closed after the test)."""
    from fastapi.testclient import TestClient

    from corridor.web.app import create_app

    made = []

    def make(ws: Path, *, backend=None, **kw):
        c = TestClient(create_app(make_settings(ws, **kw), backend=backend), raise_server_exceptions=False)
        c.__enter__()
        made.append(c)
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)


@pytest.fixture
def client(workspace, client_for):
    return client_for(workspace, token=TOKEN)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def fields_of(answer) -> list[str]:
    return [f.name for f in dataclasses.fields(answer.query)]
