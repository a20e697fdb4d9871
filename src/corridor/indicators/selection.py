"""Which stored rows a complexity question reads, and the export matrix they give.

:func:`complexity_matrix` is what ``corridor complexity`` (and any caller holding a
workspace) uses to get the exporter × product matrix of the years asked:

1. the per-ingest aggregate cache (:mod:`corridor.indicators.stored`) when it is exact
   for the selection (a BACI workspace: no scan of the bilateral rows);
2. otherwise the general query (:func:`corridor.indicators.inputs.export_matrix`), which
   sums HS6 up to HS4/HS2 when only finer rows are stored;
3. when no source is named and several sources hold export rows for the years, the
   source whose rows cover the most exporters those years at that level (or finer) is
   chosen, and the choice is said (``note``): on the README's workspace (Kazakhstan's own
   WITS HS4 reports beside a 224-economy world matrix) that is the world matrix;
4. when nothing fits, :class:`~corridor.errors.QueryError` says what *is* stored (source,
   classification, level, years) and the command-line flags that select it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..errors import QueryError
from ..messages import Message
from ..options import Level, values
from .stored import LEVEL_DIGITS

#: The levels of an export matrix, coarsest first (as :data:`corridor.indicators.inputs.MATRIX_LEVELS`;
#: not imported from there, which would import Ibis on the cache route).
MATRIX_LEVELS: tuple[str, ...] = values(Level)


@dataclass(frozen=True, slots=True)
class MatrixSelection:
    """The export matrix (Arrow ``year, exporter, product, export_value``) and how it was chosen."""

    matrix: pa.Table
    source: str | None
    classification: str | None
    #: ``cache`` (per-ingest aggregates) or ``query`` (the general export-matrix query).
    route: str
    #: Why this source was used when none was named (else None).
    note: str | None = None


def stored_exports(ws: Any) -> list[tuple[str, str, str, int, int, int]]:
    """``(source, classification, level, first year, last year, exporters)`` of the
    stored annual export rows, from the catalogue's coverage (no scan of the flows)."""
    return ws.connection.execute(
        "SELECT source, classification, product_level, min(year), max(year), count(DISTINCT reporter) FROM coverage "
        "WHERE flow = 'export' AND period_kind = 'year' AND product_level IN ('hs2', 'hs4', 'hs6') "
        "AND ingest_id NOT IN (SELECT ingest_id FROM superseded) GROUP BY ALL ORDER BY ALL"
    ).fetchall()


def describe_stored(ws: Any) -> Message:
    """The text of :func:`stored_exports`, one ``source classification level years`` item each."""
    rows = stored_exports(ws)
    if not rows:
        return Message("ind_stored_none")
    return Message("ind_stored", items=[Message("ind_stored_item", source=s, classification=c, level=lvl,
                                                years=f"{y0}{'' if y0 == y1 else f'-{y1}'}", n=n)
                                        for s, c, lvl, y0, y1, n in rows])


def _usable_levels(level: str) -> tuple[str, ...]:
    return tuple(lvl for lvl in MATRIX_LEVELS if LEVEL_DIGITS[lvl] >= LEVEL_DIGITS[level])


def default_source(ws: Any, *, years: tuple[int, ...], level: str, classification: str | None = None) -> tuple[str | None, str | None]:
    """``(source, note)``: the source to use when none is named.  ``(None, None)`` when at
    most one source holds export rows for ``years`` at ``level`` or finer (nothing to
    choose); else the one covering the most exporters, ties broken by name."""
    cond, params = "", [list(years), list(_usable_levels(level))]
    if classification is not None:
        cond, params = " AND classification = ?", [*params, classification]
    rows = ws.connection.execute(
        "SELECT source, count(DISTINCT reporter) AS n FROM coverage WHERE flow = 'export' AND period_kind = 'year' "
        "AND year IN (SELECT unnest(?::INTEGER[])) AND product_level IN (SELECT unnest(?::VARCHAR[])) "
        f"AND reporter <> 'WLD' AND ingest_id NOT IN (SELECT ingest_id FROM superseded){cond} GROUP BY source ORDER BY n DESC, source",
        params,
    ).fetchall()
    if len(rows) <= 1:
        return None, None
    (best, n), others = rows[0], rows[1:]
    listed = [Message("source_exporters", source=s, n=int(k)) for s, k in others]
    return best, Message("source_choice", best=best, n=int(n), others=listed)


def complexity_matrix(
    ws: Any,
    *,
    years: tuple[int, ...],
    level: str,
    source: str | None = None,
    classification: str | None = None,
    window: int = 1,
    engine: str = "duckdb",
    flows: Any = None,
) -> MatrixSelection:
    """The export matrix for a complexity question (module docstring).  ``flows`` is the
    flow table to query on the general route (default ``ws.flows()``; another engine's
    table for ``engine='pyspark'``)."""
    from . import stored

    note = None
    if source is None:
        source, note = default_source(ws, years=years, level=level, classification=classification)
    if engine == "duckdb":
        hit = stored.export_matrix(ws, years=years, level=level, source=source, classification=classification, window=window)
        if hit is not None:
            return MatrixSelection(hit[0], source or _only_source(ws), hit[1], "cache", note)
    from .engines import to_arrow  # the general route: Ibis
    from .inputs import export_matrix

    table = flows if flows is not None else ws.flows()
    matrix = to_arrow(export_matrix(table, years=years, level=level, classification=classification, source=source, window=window))
    if matrix.num_rows == 0:
        options = (f", --source {source}" if source else "") + (
            f", --classification {classification}" if classification else "")
        raise QueryError(Message("ind_no_annual_rows", years=", ".join(map(str, years)), level=level, options=options,
                                 stored=describe_stored(ws)))
    found = classification or _one_classification(table, years=years, source=source)
    return MatrixSelection(matrix, source, found, "query", note)


def _only_source(ws: Any) -> str | None:
    rows = {r[0] for r in stored_exports(ws)}
    return rows.pop() if len(rows) == 1 else None


def _one_classification(flows: Any, *, years: tuple[int, ...], source: str | None) -> str | None:
    from .engines import to_arrow

    rows = flows.filter(flows.year.isin(list(years)) & (flows.flow == "export"))
    if source is not None:
        rows = rows.filter(rows.source == source)
    found = to_arrow(rows.group_by("classification").aggregate(n=rows.count()))["classification"].to_pylist()
    return found[0] if len(found) == 1 else None


__all__ = ["MatrixSelection", "complexity_matrix", "default_source", "describe_stored", "stored_exports"]
