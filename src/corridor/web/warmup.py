"""What a server loads once before it answers, so that its first request does not.

``corridor serve`` runs :func:`warm_up` when it starts (the app's lifespan, before uvicorn
accepts connections): the modules every answer imports lazily (the Ibis DuckDB backend,
whose SQL dialects take most of a second to import), the reference tables every page
reads (economy names, HS sections, product names and groups of the classifications the
workspace holds, at the monitor's default level), the page templates and the Vega bundle.
No answer is computed: the first page after a start still runs its queries on the data.
``create_app(..., warm_up=False)`` (the benchmark's cold measurement) skips it.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import CorridorError

#: the product level the pages ask for by default (the monitor's)
LEVEL = "hs4"


def warm_up(workspace: Path) -> dict[str, float]:
    """Load what the first request would otherwise load; returns the seconds of each step
    (a missing or empty workspace skips the steps that need it)."""
    steps: dict[str, float] = {}

    def step(name: str, fn) -> None:
        t = time.perf_counter()
        try:
            fn()
        except CorridorError:  # a workspace not there yet, a table that does not load: the request will say
            pass
        steps[name] = time.perf_counter() - t

    step("ibis_duckdb", _import_backend)
    step("economies", _economies)
    step("products", lambda: _products(workspace))
    step("templates", _templates)
    step("vega", _vega)
    return steps


def _import_backend() -> None:
    import ibis

    ibis.duckdb  # noqa: B018 - loads the backend module (and sqlglot's dialects)


def _economies() -> None:
    from ..reference import economy_name, hs_sections, resolve_economy

    resolve_economy("KAZ")
    for lang in ("en", "ru"):
        economy_name("KAZ", lang=lang)
    hs_sections()


def _products(workspace: Path) -> None:
    from .. import reference
    from ..monitor import product_lookups
    from ..store import Workspace
    from ..store.workspace import CATALOGUE, SNAPSHOT

    if not (workspace / SNAPSHOT).exists() and not (workspace / CATALOGUE).exists():
        return
    with Workspace.open(workspace, create=False, read_only=True) as ws:
        found = ws.connection.execute(
            "SELECT DISTINCT classification FROM coverage WHERE product_level IN ('hs2', 'hs4', 'hs6') "
            "ORDER BY classification").fetchall()
    classes = tuple(c for (c,) in found)
    product_lookups(classes, LEVEL)
    for cls in classes:
        reference.products(cls, LEVEL)


def _templates() -> None:
    from .pages import PAGES, environment

    for page in PAGES:
        environment().get_template(page.template)


def _vega() -> None:
    from . import assets

    assets.vega_bundle()
