"""Economic complexity of every exporter and product complexity of every product in a year.

Document ``corridor.complexity/1`` (docs/complexity.md): metadata, ``countries`` (rank,
code, ECI or fitness, diversity, COI) and ``products`` (rank, code, PCI or complexity,
ubiquity).  Names are added by the renderer in the reader's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..options import ComplexityMethod, Engine, Level, PresenceRule
from .base import Answer, check_fields, economy

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

SCHEMA = "corridor.complexity/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """See ``corridor complexity --help``."""

    year: int
    method: ComplexityMethod = "eigenvector"
    level: Level = "hs4"
    presence: PresenceRule = "binary"
    window: int = field(default=1, metadata={"min": 1})
    source: str | None = None
    classification: str | None = None
    min_exports: float = 0.0
    min_product_exports: float = 0.0
    engine: Engine = "duckdb"
    top: int = field(default=20, metadata={"min": 1})
    exporter: str | None = None

    def __post_init__(self) -> None:
        check_fields(self)
        if self.exporter is not None:
            economy(self, "exporter")
        if self.classification is not None:
            from ..reference._options import classification_of

            object.__setattr__(self, "classification", classification_of(self.classification, allow_total=False))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "complexity"
    query: Query
    classification: str | None
    score_columns: dict[str, str]
    extra: dict[str, Any]
    countries: pd.DataFrame
    products: pd.DataFrame
    space_nodes: pd.DataFrame | None = None
    space_edges: pd.DataFrame | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"countries": self.countries, "products": self.products}
        if self.space_nodes is not None:
            out |= {"space_nodes": self.space_nodes, "space_edges": self.space_edges}
        return out

    def document(self) -> dict[str, Any]:
        from ..util import json_records

        q = self.query
        return {
            "schema": SCHEMA,
            "year": q.year,
            "method": q.method,
            "level": q.level,
            "classification": self.classification,
            "presence": q.presence,
            "window": q.window,
            "min_exports": q.min_exports,
            "min_product_exports": q.min_product_exports,
            "score_columns": dict(self.score_columns),
            "normalisation": "mean 1" if q.method == "fitness"
            else "Atlas: z-score with ECI mean and std (ddof 0); sign: corr(ECI, diversity) >= 0",
            **self.extra,
            "exporter": q.exporter,
            "countries": json_records(self.countries, integer_columns=("rank", "year")),
            "products": json_records(self.products, integer_columns=("rank", "year")),
        }


def _classification(flows, *, level: str, year: int, source: str | None) -> str | None:
    from ..indicators.engines import to_arrow

    rows = flows.filter((flows.year == year) & (flows.product_level == level) & (flows.flow == "export"))
    if source is not None:
        rows = rows.filter(rows.source == source)
    found = to_arrow(rows.group_by("classification").aggregate(n=rows.count()))["classification"].to_pylist()
    return found[0] if len(found) == 1 else None


def compute(flows, query: Query) -> Result:
    """The answer from a flow table (any Ibis backend)."""
    from ..indicators.complexity import complexity, presence_matrices
    from ..indicators.inputs import export_matrix, inclusion
    from ..indicators.proximity import complexity_suite

    q = query
    matrix = export_matrix(flows, years=q.year, level=q.level, classification=q.classification, source=q.source,
                           window=q.window)
    matrix = inclusion(matrix, min_exporter_value=q.min_exports, min_product_value=q.min_product_exports)
    present = presence_matrices(matrix, rule=q.presence)
    space: tuple[pd.DataFrame, pd.DataFrame] | None = None
    if q.method == "fitness":
        result = complexity(present, method="fitness").year(q.year)
        countries, products = result.countries(), result.products_table()
        extra: dict[str, Any] = {"iterations": result.iterations, "converged": result.converged}
    else:
        suite = complexity_suite(present, method=q.method, pci="eigenvector" if q.method == "eigenvector" else "normalized")
        result = suite.complexity.year(q.year)
        countries = suite.countries().drop(columns=["coi_raw"])
        products = suite.products()
        extra = {"eigenvalue": None if math.isnan(result.eigenvalue) else result.eigenvalue,
                 "iterations": result.iterations}
        if q.exporter is not None:
            space = _space(suite, products, q.exporter)
    score_c, score_p = result.labels
    countries = countries.sort_values(["rank", "exporter"]).rename(columns={"exporter": "code"}).reset_index(drop=True)
    products = products.sort_values(["rank", "product"]).rename(columns={"product": "code"}).reset_index(drop=True)
    chosen = q.classification or _classification(flows, level=q.level, year=q.year, source=q.source)
    nodes, edges = space if space is not None else (None, None)
    return Result(query=q, classification=chosen, score_columns={"country": score_c, "product": score_p},
                  extra=extra, countries=countries, products=products, space_nodes=nodes, space_edges=edges)


def _space(suite, products: pd.DataFrame, exporter: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The product space of the year: nodes (product, PCI, HS section, ``exporter``'s
    presence ``mcp`` and density) and edges (:func:`corridor.indicators.product_space.product_space`)."""
    import numpy as np
    import pandas as pd

    from ..indicators.product_space import product_space
    from ..reference.hs import section_of

    rel = suite.relatedness[0]
    row = np.flatnonzero(rel.exporters == exporter)
    pci = dict(zip(products["product"], products["pci"]))
    nodes = pd.DataFrame({"product": rel.products, "pci": [pci.get(c) for c in rel.products],
                          "mcp": rel.mcp[row[0]] if len(row) else np.zeros(len(rel.products)),
                          "density": rel.density[row[0]] if len(row) else np.nan})
    nodes["section"] = section_of(nodes["product"].astype(str).str[:2])
    return nodes, product_space(suite.proximity[0])


def answer(ws: Workspace, query: Query) -> Result:
    if query.engine == "duckdb":
        return compute(ws.flows(), query)
    from ..indicators.engines import connect

    return compute(ws.flows_on(connect(query.engine)), query)


ANSWER = Answer(name="complexity", query=Query, run=answer, schema=SCHEMA)
