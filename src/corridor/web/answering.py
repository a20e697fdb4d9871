"""The dashboard's one door to the answers: ``answer(name, workspace, params) -> Result``.

The pages never compute: they name an answer, pass the view's query parameters (named as
the CLI's arguments and options and the HTTP API's query parameters) and draw the
result's ``document()`` and ``tables()``.  When :mod:`corridor.answers.registry` is
installed, every answer it holds is taken from it (``ANSWERS[name].run(workspace,
parse_query(name, params))``); the answers it does not hold yet are served by the bridges
below, thin wrappers of the library functions the CLI calls today, each returning a
result with the same two methods.  A bridge is deleted once its answer is registered.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace


@dataclass(frozen=True, slots=True)
class BridgedResult:
    """A result built by a bridge: its JSON document and its named tables."""

    doc: dict[str, Any]
    frames: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        return self.doc

    def tables(self) -> Mapping[str, pd.DataFrame]:
        return self.frames


def _registry() -> tuple[Mapping[str, Any], Callable[[str, Mapping[str, str]], Any]] | None:
    try:
        mod = importlib.import_module("corridor.answers.registry")
    except ModuleNotFoundError as exc:  # the answers layer not installed yet: bridges only
        if exc.name != "corridor.answers.registry":
            raise
        return None
    return mod.ANSWERS, mod.parse_query


#: What the pages ask when their form leaves a required parameter empty.
PAGE_DEFAULTS: dict[str, dict[str, str]] = {
    "monitor": {"economy": "KAZ", "partner": "CHN"},
    "indicators": {"exporter": "KAZ", "market": "CHN"},
    "opportunities": {"exporter": "KAZ", "market": "CHN"},
    "complexity": {"exporter": "KAZ"},
}


def answer(name: str, workspace: Workspace, params: Mapping[str, str]) -> Any:
    """The result of answer ``name`` for the view's ``params`` (a bridge's or the registry's);
    parameters of the page that the answer does not take are left out, empty ones defaulted."""
    if name in BRIDGES:
        return BRIDGES[name](workspace, params)
    reg = _registry()
    if reg is not None and name in reg[0]:
        answers, parse_query = reg
        given = {k: v for k, v in params.items() if v not in ("", None)}
        return answers[name].run(workspace, parse_query(name, {**PAGE_DEFAULTS.get(name, {}), **given}, strict=False))
    raise QueryError(Message("web_no_answer", name=name, names=", ".join(sorted(BRIDGES))))


# -- bridges ---------------------------------------------------------------------------

LEVELS = ("hs4", "hs2", "hs6")


def world_matrices(ws: Workspace, *, min_exporters: int = 20) -> list[dict[str, Any]]:
    """The (year, product level, source) cells of the workspace's coverage that hold a world
    export matrix: product-level annual exports of at least ``min_exporters`` reporters."""
    cov = ws.coverage()
    t = cov.filter(cov.flow == "export", cov.product_level.isin(list(LEVELS)), cov.period_kind == "year")
    counted = (t.group_by(["year", "product_level", "source"]).aggregate(exporters=t.reporter.nunique())
               .execute())
    counted = counted[counted["exporters"] >= min_exporters].sort_values(["year", "exporters"])
    return [{"year": int(r.year), "level": r.product_level, "source": r.source, "exporters": int(r.exporters)}
            for r in counted.itertuples(index=False)]


def _years(ws: Workspace, _params: Mapping[str, str]) -> BridgedResult:
    return BridgedResult({"schema": "corridor.web.world_matrices/1", "matrices": world_matrices(ws)})


#: Answers served by a bridge (deleted from here once registered in corridor.answers.registry).
BRIDGES: dict[str, Callable[[Any, Mapping[str, str]], BridgedResult]] = {
    "complexity_years": _years,
}
