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
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

    from ..store import Workspace

SCHEMA = "corridor.complexity/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """See ``corridor complexity --help``."""

    year: int
    through: int | None = None
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
        if self.through is not None and self.through < self.year:
            from ..errors import OptionError, Problem

            raise OptionError(Message("err_through_before_year", through=self.through, year=self.year),
                              problems=[Problem(Message("err_through_before_year_short"), field="through",
                                                value=str(self.through), expected=Message("err_year_at_least", year=self.year),
                                                reason="not_allowed")])
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
    #: the country and product tables as Arrow, ranked (``tables()`` gives them as pandas):
    #: the JSON document is written from them without pandas
    countries: pa.Table
    products: pa.Table
    space_nodes: pd.DataFrame | None = None
    space_edges: pd.DataFrame | None = None
    #: the source the matrix came from, and why it was chosen when the workspace holds several
    source: str | None = None
    source_note: str | None = None
    #: with ``through``: one result per year (this result is the first year's)
    panel: tuple[Result, ...] = ()

    @property
    def year(self) -> int:
        if "year" in self.countries.column_names and self.countries.num_rows:
            return int(self.countries["year"][0].as_py())
        return self.query.year

    def tables(self) -> dict[str, pd.DataFrame]:
        from ..indicators.complexity import convert_table

        if self.panel:
            import pandas as pd

            return {"countries": pd.concat([convert_table(r.countries, "pandas") for r in self.panel], ignore_index=True),
                    "products": pd.concat([convert_table(r.products, "pandas") for r in self.panel], ignore_index=True)}
        out = {"countries": convert_table(self.countries, "pandas"), "products": convert_table(self.products, "pandas")}
        if self.space_nodes is not None:
            out |= {"space_nodes": self.space_nodes, "space_edges": self.space_edges}
        return out

    def metadata(self) -> dict[str, Any]:
        """The document's fields other than its two tables (one year)."""
        q = self.query
        return {
            "schema": SCHEMA,
            "year": self.year,
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
            "source": self.source,
            "source_note": self.source_note,
        }

    def document(self) -> dict[str, Any]:
        from ..util import arrow_records

        if self.panel:
            return {"schema": SCHEMA, "panel": [r.document() for r in self.panel]}
        return {**self.metadata(), "countries": arrow_records(self.countries), "products": arrow_records(self.products)}


def _classification(flows, *, level: str, year: int, source: str | None) -> str | None:
    from ..indicators.engines import to_arrow

    rows = flows.filter((flows.year == year) & (flows.product_level == level) & (flows.flow == "export"))
    if source is not None:
        rows = rows.filter(rows.source == source)
    found = to_arrow(rows.group_by("classification").aggregate(n=rows.count()))["classification"].to_pylist()
    return found[0] if len(found) == 1 else None


def compute(flows, query: Query, *, year: int | None = None, matrix=None, classification: str | None = None,
            source: str | None = None, source_note: str | None = None) -> Result:
    """The answer for one ``year`` (default the query's) from a flow table (any Ibis
    backend) or from its export ``matrix`` when the caller has it already
    (:func:`corridor.indicators.selection.complexity_matrix`)."""
    from ..indicators.complexity import complexity, presence_matrices
    from ..indicators.proximity import complexity_suite

    q = query
    year = q.year if year is None else year
    if matrix is None:
        from ..indicators.inputs import export_matrix

        matrix = export_matrix(flows, years=year, level=q.level, classification=q.classification, source=q.source,
                               window=q.window)
    if q.min_exports != 0 or q.min_product_exports != 0:  # (inclusion refuses a negative or non-finite threshold)
        if not hasattr(matrix, "op"):  # an Arrow table: to the engine for the Ibis rules
            import ibis

            matrix = ibis.memtable(matrix)
        from ..indicators.inputs import inclusion

        matrix = inclusion(matrix, min_exporter_value=q.min_exports, min_product_value=q.min_product_exports)
    present = presence_matrices(matrix, rule=q.presence)
    space: tuple[pd.DataFrame, pd.DataFrame] | None = None
    if q.method == "fitness":
        result = complexity(present, method="fitness").year(year)
        countries, products = result.countries_arrow(), result.products_arrow()
        extra: dict[str, Any] = {"iterations": result.iterations, "converged": result.converged}
    else:
        suite = complexity_suite(present, method=q.method, pci="eigenvector" if q.method == "eigenvector" else "normalized",
                                 proximity_matrices=q.exporter is not None)  # φ is formed only for the product space
        result = suite.complexity.year(year)
        countries = suite.countries(output="arrow").drop_columns(["coi_raw"])
        products = suite.products(output="arrow")
        extra = {"eigenvalue": None if math.isnan(result.eigenvalue) else result.eigenvalue,
                 "iterations": result.iterations}
        if q.exporter is not None:
            space = _space(suite, products, q.exporter)
    score_c, score_p = result.labels
    countries = _ranked(countries, "exporter")
    products = _ranked(products, "product")
    chosen = classification or q.classification or (
        _classification(flows, level=q.level, year=year, source=q.source) if flows is not None else None)
    nodes, edges = space if space is not None else (None, None)
    return Result(query=q, classification=chosen, score_columns={"country": score_c, "product": score_p},
                  extra=extra, countries=countries, products=products, space_nodes=nodes, space_edges=edges,
                  source=source, source_note=source_note)


def _ranked(table: pa.Table, key: str) -> pa.Table:
    """``table`` in rank order (unranked rows last), ties by ``key``, which is renamed ``code``."""
    ordered = table.sort_by([("rank", "ascending"), (key, "ascending")])
    return ordered.rename_columns(["code" if c == key else c for c in ordered.column_names])


def _space(suite, products: pa.Table, exporter: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The product space of the year: nodes (product, PCI, HS section, ``exporter``'s
    presence ``mcp`` and density) and edges (:func:`corridor.indicators.product_space.product_space`)."""
    import numpy as np
    import pandas as pd

    from ..indicators.product_space import product_space
    from ..reference.hs import section_of

    rel = suite.relatedness[0]
    row = np.flatnonzero(rel.exporters == exporter)
    pci = dict(zip(products["product"].to_pylist(), products["pci"].to_pylist()))
    nodes = pd.DataFrame({"product": rel.products, "pci": [pci.get(c) for c in rel.products],
                          "mcp": rel.mcp[row[0]] if len(row) else np.zeros(len(rel.products)),
                          "density": rel.density[row[0]] if len(row) else np.nan})
    nodes["section"] = section_of(nodes["product"].astype(str).str[:2])
    return nodes, product_space(suite.proximity[0])


def _by_year(matrix: pa.Table, years: tuple[int, ...]) -> dict[int, pa.Table]:
    """The rows of each of ``years`` of an Arrow export matrix, in one pass (a year
    without rows gets an empty table)."""
    import numpy as np

    from ..indicators import columnar

    held = columnar.to_numpy(matrix["year"])
    if len(years) == 1 and (held == years[0]).all():
        return {years[0]: matrix}
    change = np.flatnonzero(held[1:] != held[:-1]) + 1
    starts, ends = np.concatenate(([0], change)), np.concatenate((change, [len(held)]))
    if len(held) and len(np.unique(held[starts])) == len(starts):  # each year one run of rows (one cache file): slices, no copy
        spans = {int(held[a]): (int(a), int(b - a)) for a, b in zip(starts, ends)}
        return {y: matrix.slice(*spans[y]) if y in spans else matrix.slice(0, 0) for y in years}
    order = np.argsort(held, kind="stable")
    bounds = np.searchsorted(held[order], years + tuple(y + 1 for y in years))
    n = len(years)
    return {y: matrix.take(columnar.from_numpy(order[bounds[i]:bounds[n + i]])) for i, y in enumerate(years)}


def answer(ws: Workspace, query: Query) -> Result:
    """The export matrix chosen by :func:`corridor.indicators.selection.complexity_matrix`
    (HS6 summed up when only finer rows are stored; the source covering most exporters
    when several are), then the suite per year."""
    from ..indicators.selection import complexity_matrix

    q = query
    flows = None
    if q.engine != "duckdb":  # (the engine layer imports Ibis: not on the DuckDB route, which reads Arrow)
        from ..indicators.engines import connect

        flows = ws.flows_on(connect(q.engine))
    years = tuple(range(q.year, (q.through if q.through is not None else q.year) + 1))
    chosen = complexity_matrix(ws, years=years, level=q.level, source=q.source, classification=q.classification,
                               window=q.window, engine=q.engine, flows=flows)
    rows = _by_year(chosen.matrix, years)
    results = tuple(compute(flows, q, year=y, matrix=rows[y], classification=chosen.classification,
                            source=chosen.source, source_note=chosen.note) for y in years)
    if q.through is None:
        return results[0]
    import dataclasses

    return dataclasses.replace(results[0], panel=results)


ANSWER = Answer(name="complexity", query=Query, run=answer, schema=SCHEMA)
