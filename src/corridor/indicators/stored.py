"""The export matrix straight from a per-ingest aggregate cache (the complexity speed path).

:func:`corridor.indicators.inputs.export_matrix` sums ~10M bilateral rows a BACI year to
~840k exporter × product cells every time it runs; on this machine that aggregation is
the largest part of a one-year ``corridor complexity`` after start-up.  The cells depend
only on the stored file, which never changes once ingested, so they are computed once per
ingest and kept beside the workspace's flows:

    <workspace>/cache/xcp/<ingest_id>.parquet
        year, level, exporter, product, export_value   (levels hs6, hs4, hs2)

built by :func:`build` (called after each year of ``corridor ingest`` of a BACI release,
and on first use otherwise).  A cache file is a pure function of its ingest's stored file
(the ingest id is the file's identity): it is written atomically (temporary name, then
rename), never updated, and ignored (then rebuilt or left for the sweep) once its ingest
is gone.  Only the ingests the shortcut is exact for are cached: annual export rows
(``flow``, ``period_kind`` constant over the file, as BACI's) at HS6, whose partners are
all bilateral (no ``WLD`` rows, no sub-national partners, no ``WLD`` or sub-national
reporters).  For them :func:`export_matrix` gives exactly what ``export_matrix`` gives
(bilateral rows summed over partners, non-positive values left out), and coarser levels
are the HS6 cells summed by their first four or two digits.

:func:`export_matrix` returns ``None`` whenever the shortcut does not apply (another
source, a superseded release, a window, mixed sources...): the caller then runs the
general query.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..store.sums import exact_sum_sql

#: the exact type cells are summed in (see corridor.store.sums)
EXACT = "DECIMAL(38, 4)"

CACHE_DIR = Path("cache") / "xcp"
#: Digits of the HS code at each level of an export matrix (the one table of them).
LEVEL_DIGITS: dict[str, int] = {"hs6": 6, "hs4": 4, "hs2": 2}


def _eligible(ws: Any) -> list[tuple[str, Path, dict]]:
    """(ingest id, stored file, constants) of the ingests the cache is exact for."""
    rows = ws.connection.execute(
        "SELECT ingest_id, parquet, constants FROM provenance WHERE parquet IS NOT NULL ORDER BY ingest_id"
    ).fetchall()
    out = []
    for iid, parquet, consts in rows:
        c = json.loads(consts) if consts else {}
        if c.get("flow") == "export" and c.get("period_kind") == "year" and c.get("product_level") == "hs6":
            out.append((iid, ws.path / parquet, c))
    if not out:
        return []
    # bilateral only: no WLD or sub-national partners or reporters in the ingest's coverage
    mixed = {r[0] for r in ws.connection.execute(
        "SELECT DISTINCT ingest_id FROM coverage WHERE partner = 'WLD' OR reporter = 'WLD' "
        "OR contains(partner, '-') OR contains(reporter, '-')").fetchall()}
    return [e for e in out if e[0] not in mixed]


def cache_file(ws: Any, ingest_id: str) -> Path:
    return ws.path / CACHE_DIR / f"{ingest_id}.parquet"


def build(ws: Any, ingest_id: str | None = None) -> list[Path]:
    """Write the cache file of ``ingest_id`` (every eligible ingest without one when
    ``None``); returns the files written.  Safe with concurrent readers: each file is
    written under a temporary name and renamed."""
    from ..store.workspace import file_select

    written = []
    for iid, stored, consts in _eligible(ws):
        target = cache_file(ws, iid)
        if (ingest_id is not None and iid != ingest_id) or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        rows = f"SELECT year, reporter, product_code, value_usd FROM ({file_select(stored, consts)}) WHERE value_usd > 0"
        # exact sums (DECIMAL, store.sums): the same file gives the same cells to the last bit
        hs6 = ("SELECT CAST(year AS INTEGER) AS year, reporter AS exporter, product_code AS product, "
               f"sum(CAST(value_usd AS {EXACT})) AS exact FROM ({rows}) GROUP BY ALL")
        ws.connection.execute(f"CREATE OR REPLACE TEMP TABLE _xcp_hs6 AS {hs6}")
        levels = " UNION ALL ".join(
            f"SELECT year, '{lvl}' AS level, exporter, left(product, {n}) AS product, "
            f"CAST(sum(exact) AS DOUBLE) AS export_value FROM _xcp_hs6 GROUP BY ALL" if n < 6 else
            "SELECT year, 'hs6' AS level, exporter, product, CAST(exact AS DOUBLE) AS export_value FROM _xcp_hs6"
            for lvl, n in LEVEL_DIGITS.items()
        )
        ws.connection.execute(
            f"COPY (SELECT * FROM ({levels}) ORDER BY level, year, exporter, product) TO '{tmp}' "
            "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 200000)")
        ws.connection.execute("DROP TABLE IF EXISTS _xcp_hs6")
        os.replace(tmp, target)
        written.append(target)
    return written


def export_matrix(
    ws: Any,
    *,
    years: Sequence[int],
    level: str,
    source: str | None = None,
    classification: str | None = None,
    window: int = 1,
) -> tuple[pa.Table, str] | None:
    """``(year, exporter, product, export_value)`` as Arrow and the classification, from
    the cache, when the shortcut is exact for the selection (module docstring); else None.

    Exact when: ``window == 1``; every stored ingest with rows for those years and that
    source/classification is eligible and not superseded in any cell; they are of one
    source and one classification; and no other source holds export rows for those years
    (which the general query would refuse as a mix).
    """
    if window != 1 or level not in LEVEL_DIGITS:
        return None
    con = ws.connection
    years = sorted(set(int(y) for y in years))
    cond = ["year IN (SELECT unnest(?::INTEGER[]))", "flow = 'export'", "period_kind = 'year'", "product_level <> 'total'"]
    params: list[Any] = [years]
    if source is not None:
        cond.append("source = ?")
        params.append(source)
    if classification is not None:
        cond.append("classification = ?")
        params.append(classification)
    found = con.execute(
        f"SELECT DISTINCT ingest_id, source, classification, product_level, year FROM coverage WHERE {' AND '.join(cond)}",
        params,
    ).fetchall()
    if not found or len({(s, c) for _, s, c, _, _ in found}) != 1:
        return None
    ids = sorted({r[0] for r in found})
    eligible = {iid for iid, _, _ in _eligible(ws)}
    if not set(ids) <= eligible:
        return None
    if con.execute("SELECT count(*) FROM superseded WHERE ingest_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()[0][0]:
        return None
    build_missing = [iid for iid in ids if not cache_file(ws, iid).exists()]
    for iid in build_missing:
        build(ws, iid)
    files = "[" + ", ".join("'" + str(cache_file(ws, iid)).replace("'", "''") + "'" for iid in ids) + "]"
    in_years = ", ".join(str(int(y)) for y in years)
    cells = f"FROM read_parquet({files}) WHERE level = '{level}' AND year IN ({in_years})"
    ingests_of_year: dict[int, set[str]] = {}
    for iid, *_, year in found:
        ingests_of_year.setdefault(int(year), set()).add(iid)
    if all(len(held) == 1 for held in ingests_of_year.values()):
        # each year from one ingest, whose cache file holds each cell once: no sum needed
        # (the hash aggregation of ~900k HS6 cells a year was most of this query's time)
        table = con.sql(f"SELECT year, exporter, product, export_value {cells}").to_arrow_table()
    else:
        table = con.sql(f"SELECT year, exporter, product, {exact_sum_sql('export_value')} AS export_value {cells} GROUP BY ALL").to_arrow_table()
    return table, found[0][2]


__all__ = ["build", "cache_file", "export_matrix"]
