"""The server's warm-up (corridor.web.warmup): what it loads, and that it is optional."""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi.testclient import TestClient

from corridor.web.app import create_app
from corridor.web.warmup import warm_up

from .conftest import make_settings

STEPS = {"modules", "economies", "products", "templates", "vega"}


def test_the_warm_up_loads_the_backend_and_the_product_tables_of_the_workspace(workspace: Path) -> None:
    from corridor.monitor import _product_lookup
    from corridor.store import Workspace

    _product_lookup.cache_clear()
    assert set(warm_up(workspace)) == STEPS
    assert "ibis.backends.duckdb" in sys.modules
    with Workspace.open(workspace, read_only=True) as ws:
        held = ws.product_classifications()
    assert held and _product_lookup.cache_info().currsize == 1
    assert _product_lookup(held, "hs4").num_rows > 0  # the cached table of the workspace's classifications
    # the key a page's request uses is the one warmed: the page loads no product table itself
    misses = _product_lookup.cache_info().misses
    with TestClient(create_app(make_settings(workspace), warm_up=False)) as client:
        assert client.get("/?from=2020&to=2020").status_code == 200
    assert _product_lookup.cache_info().misses == misses


def test_the_warm_up_of_a_workspace_not_made_yet_does_not_fail(tmp_path: Path) -> None:
    assert set(warm_up(tmp_path / "not-yet")) == STEPS
    assert not (tmp_path / "not-yet").exists()


def test_the_server_warms_up_when_it_starts_unless_told_not_to(workspace: Path) -> None:
    with TestClient(create_app(make_settings(workspace))) as warm:
        assert set(warm.app.state.warm_up) == STEPS | {"reader"}
        assert len(warm.app.state.workspaces._current.idle) == 1  # a reader ready for the first request
    with TestClient(create_app(make_settings(workspace), warm_up=False)) as cold:
        assert not hasattr(cold.app.state, "warm_up")
        assert cold.get("/?from=2020&to=2020").status_code == 200
