"""What a server loads once before it answers, so that its first request does not.

``corridor serve`` runs :func:`warm_up` when it starts (the app's lifespan, before uvicorn
accepts connections): the modules every answer imports lazily (the Ibis DuckDB backend,
whose SQL dialects take most of a second to import; the answers' registry and renderers),
the reference tables every page reads (economy names, HS sections, region changes,
product names and groups of the classifications the workspace holds, at the monitor's
default level), the page templates (compiled) and the Vega bundle; and it opens one reader
of the workspace for the first request (its DuckDB database and the flow table's schema).
No answer is computed: the first page after a start still runs its queries on the data.
``create_app(..., warm_up=False)`` (the benchmark's cold measurement) skips it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorridorError

if TYPE_CHECKING:  # pragma: no cover
    from .workspaces import Workspaces

#: the product level the pages ask for by default (the monitor's)
LEVEL = "hs4"


def warm_up(workspace: Path, readers: Workspaces | None = None) -> dict[str, float]:
    """Load what the first request would otherwise load; returns the seconds of each step
    (a missing or empty workspace skips the steps that need it).  ``readers``: the
    server's pool of workspace readers, given one ready reader."""
    steps: dict[str, float] = {}

    def step(name: str, fn) -> None:
        t = time.perf_counter()
        try:
            fn()
        except CorridorError:  # a workspace not there yet, a table that does not load: the request will say
            pass
        steps[name] = time.perf_counter() - t

    step("modules", _import_modules)
    step("economies", _economies)
    step("products", lambda: _products(workspace))
    step("templates", _templates)
    step("vega", _vega)
    if readers is not None:
        step("reader", readers.prime)
    return steps


def _import_modules() -> None:
    import importlib

    import ibis

    from ..reports.registry import RENDERERS

    ibis.duckdb  # noqa: B018 - loads the backend module (and sqlglot's dialects)
    importlib.import_module("corridor.answers.registry")
    for module in sorted(set(RENDERERS.values())):  # the answers' renderers (a page's document)
        importlib.import_module(module)


def _economies() -> None:
    from ..reference import economy_name, hs_sections, resolve_economy
    from ..reference.national import region_changes

    resolve_economy("KAZ")
    for lang in ("en", "ru"):
        economy_name("KAZ", lang=lang)
    hs_sections()
    region_changes()


def _products(workspace: Path) -> None:
    from .. import reference
    from ..monitor import product_lookups
    from ..reports.names import name_map
    from ..store import Workspace
    from ..store.workspace import CATALOGUE, SNAPSHOT

    if not (workspace / SNAPSHOT).exists() and not (workspace / CATALOGUE).exists():
        return
    with Workspace.open(workspace, create=False, read_only=True) as ws:
        classes = ws.product_classifications()
    product_lookups(classes, LEVEL)
    for lang in ("en", "ru"):  # the renderers' names of a table without its classification
        name_map(None, LEVEL, lang)
    for cls in classes:
        reference.products(cls, LEVEL)
        for lang in ("en", "ru"):  # the names a page's tables show
            name_map(cls, LEVEL, lang)


def _templates() -> None:
    from .pages import environment

    env = environment()
    for name in env.list_templates(extensions=["html"]):  # the pages and what they extend or import
        env.get_template(name)


def _vega() -> None:
    from . import assets

    assets.vega_bundle()
