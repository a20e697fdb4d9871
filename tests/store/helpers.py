"""A minimal importer for store tests: CSV ``reporter,partner,year,code,value``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from corridor.sources.base import ParsedSource, sql_str


def simple_parsed(path: Path, *, release: str = "r1", source: str = "test", level: str = "hs4",
                  flow: str = "export") -> ParsedSource:
    sql = f"""SELECT {sql_str(source)} AS source, {sql_str(release)} AS release, rep AS reporter, par AS partner,
        {sql_str(flow)} AS flow, yr AS year, 'year' AS period_kind, 12 AS month, 'HS12' AS classification,
        {sql_str(level)} AS product_level, code AS product_code, val AS value_usd, NULL AS quantity,
        NULL AS quantity_unit, 'FOB' AS valuation, row_number() OVER () + 1 AS _line
        FROM read_csv({sql_str(str(path))}, header=true, auto_detect=false,
             columns={{'rep':'VARCHAR','par':'VARCHAR','yr':'INTEGER','code':'VARCHAR','val':'DOUBLE'}})"""
    return ParsedSource(source=source, release=release, sql=sql, path=path)


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("rep,par,yr,code,val\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def snapshot(ws_path: Path) -> dict[str, str]:
    """Content hashes of every file in the workspace directory, taken *before* opening it
    (opening sweeps debris, which must not hide a failure that left some), then the
    catalogue tables' content (the catalogue, its snapshot and lock files, ``corridor.*``,
    are compared by content, not bytes)."""
    from corridor.store import Workspace

    out = {}
    for f in sorted(p for p in ws_path.rglob("*") if p.is_file() and not p.name.startswith("corridor.")):
        out[str(f.relative_to(ws_path))] = hashlib.sha256(f.read_bytes()).hexdigest()
    with Workspace.open(ws_path) as ws:
        for table in ("provenance", "coverage"):
            df = ws.backend.table(table).execute()
            out[table] = hashlib.sha256(df.sort_values(list(df.columns[:1])).to_csv(index=False).encode()).hexdigest()
    return out
