"""The monitor's stored monthly aggregate: an ingest's monthly rows summed once, so that a
pair's months are a small read (the speed path of ``corridor monitor --months N``,
``--monthly`` and the annual monitor over monthly data).

Ten years of monthly HS6 statistics of a pair are ~560k rows for January-September; the
monitor summed them at every query (issue 13's benchmark, ``benchmarks/monthly_monitor.py``).
The sums depend only on the stored file, which never changes once ingested, so they are
computed once per ingest holding ``month`` rows and kept beside the workspace's flows:

    <workspace>/cache/months/<ingest_id>.cum.v<LAYOUT>.parquet
        reporter, partner, cut, flow, year, classification, product_level, product_code,
        source, release, ingest_id, have, and for m = 1..12: c<m> (the exact sum of the
        months 1..m), n<m> (their rows), v<m> (their largest valuation); ``cut`` is the
        level the codes are cut to (hs6, hs4, hs2, or '' for every line summed), so that
        a query reads the lines at its own level only (~18k rows for ten years of the
        benchmark's pair at HS4 instead of ~560k month rows)
    <workspace>/cache/months/<ingest_id>.tot.v<LAYOUT>.parquet
        reporter, partner, flow, year, period_kind, month, classification, product_level,
        source, release, ingest_id, value, lines, valuation (every line of a month summed)

both sorted by reporter and partner (a pair is a few row groups).  ``have`` is the set of
months present (bit m), so January-N is complete when its bits 1..N are set.  A month's
value is the exact DECIMAL sum of :data:`corridor.store.periods.VALUE`, so the cumulative
columns give the same bits as summing the month rows at every query (DECIMAL addition is
exact and independent of order), and cutting the codes to a coarser level after the months
are summed gives what summing the cut codes gives.

A cache file is a pure function of its ingest's stored file (the ingest id is the file's
identity): written atomically (temporary name, then rename), never updated, built on first
use or after the ingest (:func:`build_ingests`; any process may build it, a reader
too) and deleted by the writer's sweep with its
ingest's Parquet file (so a reader opened before a removal keeps both,
:data:`corridor.store.workspace.REMOVED_RETENTION`).

Exactness, and when the general path runs instead (:func:`cached_months` returns None):

- supersession is at the coverage grain, which holds the month: the month totals are
  filtered by the workspace's superseded cells like the stored rows; the cumulative sums
  cannot drop one month, so any superseded ``month`` cell of the pair in the years asked
  for sends January-N and annual queries to the general path;
- a pinned release (``--release``) is not served from here (the caller passes the
  workspace only for the latest releases);
- a cache file that cannot be written (a read-only workspace folder) sends the query to
  the general path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..schema import COVERAGE_COLUMNS
from ..util import sql_str
from .periods import MONTH_BIT, VALUE, code_sql, complete_months, pair_sql

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

    from .workspace import Workspace

CACHE_DIR = Path("cache") / "months"
#: the months of a year
MONTHS = range(1, 13)
_KEY = "reporter, partner, flow, year, classification, product_level"
_CARRIED = "source, release, ingest_id"


#: the layout of the cache files, in their names: raised whenever their columns or types
#: change, so that a file of an older layout is never read as the current one (with
#: ``union_by_name`` a missing column would read as NULLs); the sweep deletes other layouts
LAYOUT = 3


def cache_files(ws: Workspace, ingest_id: str) -> tuple[Path, Path]:
    """(cumulative months, month totals) of ``ingest_id``, in the current :data:`LAYOUT`."""
    folder = ws.path / CACHE_DIR
    return folder / f"{ingest_id}.cum.v{LAYOUT}.parquet", folder / f"{ingest_id}.tot.v{LAYOUT}.parquet"


def _current_layout(name: str) -> bool:
    return name.endswith((f".cum.v{LAYOUT}.parquet", f".tot.v{LAYOUT}.parquet"))


#: the levels codes are cut to in the cumulative file (``cut``; '' every line summed)
CUTS: tuple[str | None, ...] = ("hs6", "hs4", "hs2", None)


def _cumulative_sql(rows: str, *, value: str) -> str:
    """Each line's months 1..m summed (``c<m>``, as ``value``), for each cut of the codes."""
    native = ", ".join(
        f"sum({VALUE}) FILTER (WHERE month <= {m}) AS c{m}, count(*) FILTER (WHERE month <= {m}) AS n{m}, "
        f"max(valuation) FILTER (WHERE month <= {m}) AS v{m}" for m in MONTHS)
    cut = ", ".join(f"CAST(sum(c{m}) AS {value}) AS c{m}, CAST(sum(n{m}) AS BIGINT) AS n{m}, max(v{m}) AS v{m}"
                    for m in MONTHS)
    lines = f"SELECT {_KEY}, product_code, {_CARRIED}, bit_or({MONTH_BIT}) AS have, {native} FROM ({rows}) GROUP BY ALL"
    cuts = " UNION ALL ".join(
        f"SELECT {_KEY}, {sql_str(lv or '')} AS cut, {code_sql(lv)} AS product_code, {_CARRIED}, "
        f"bit_or(have) AS have, {cut} FROM lines GROUP BY ALL" for lv in CUTS)
    return (f"WITH lines AS ({lines}) SELECT * FROM ({cuts}) "
            "ORDER BY reporter, partner, cut, flow, year, classification, product_level, product_code")


def _totals_sql(rows: str) -> str:
    return (f"SELECT {_KEY}, period_kind, month, {_CARRIED}, sum({VALUE}) AS value, count(*) AS lines, "
            f"max(valuation) AS valuation FROM ({rows}) GROUP BY ALL "
            "ORDER BY reporter, partner, flow, year, classification, product_level, month")


def build(ws: Workspace, ingest_id: str, stored: Path, constants: dict) -> None:
    """Write the two cache files of ``ingest_id`` (stored file ``stored``) unless they
    exist; each is written under a temporary name and renamed (safe with concurrent
    readers and builders)."""
    from .workspace import file_select

    import duckdb

    rows = f"SELECT * FROM ({file_select(stored, constants)}) WHERE period_kind = 'month'"
    cum, tot = cache_files(ws, ingest_id)
    # sums of months kept as DECIMAL(18, 4) when they fit (read twice as fast as 38 digits;
    # the same values): a sum that does not fit raises, and the file is written with 38
    for target, sqls in ((cum, [_cumulative_sql(rows, value="DECIMAL(18, 4)"),
                                _cumulative_sql(rows, value="DECIMAL(38, 4)")]), (tot, [_totals_sql(rows)])):
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            for i, sql in enumerate(sqls):
                try:
                    ws.connection.execute(f"COPY ({sql}) TO {sql_str(str(tmp))} (FORMAT parquet, ROW_GROUP_SIZE 10000)")
                    break
                except (duckdb.OutOfRangeException, duckdb.ConversionException):  # DuckDB 2: the cast's
                    if i == len(sqls) - 1:  # overflow is a ConversionException
                        raise
                except duckdb.IOException as exc:  # the folder unwritable, the disk full: an OSError as
                    # the callers expect, saying why without the path ('Cannot open file "<path>": <why>')
                    raise OSError(str(exc).rpartition('": ')[2] or "I/O error") from None
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)


def build_ingests(ws: Workspace, ingest_ids: Sequence[str]) -> dict[str, str]:
    """Write the cache files of those of ``ingest_ids`` that hold ``month`` rows (after an
    ingest, so that the first monitor query does not pay for them).  A file that cannot be
    written is left to be built on first use (the ingest itself is committed already):
    returned, ingest id -> the reason, for the ingest to say so."""
    if not ingest_ids:
        return {}
    found = ws.connection.execute(
        "SELECT p.ingest_id, p.parquet, p.constants FROM provenance p WHERE p.parquet IS NOT NULL "
        "AND p.ingest_id IN (SELECT unnest(?::VARCHAR[])) "
        "AND p.ingest_id IN (SELECT ingest_id FROM coverage WHERE period_kind = 'month') ORDER BY p.ingest_id",
        [list(ingest_ids)]).fetchall()
    unwritten = {}
    for iid, rel, consts in found:
        try:
            build(ws, iid, ws.path / rel, json.loads(consts) if consts else {})
        except OSError as exc:
            unwritten[iid] = exc.strerror or str(exc)
    return unwritten


def sweep(ws: Workspace, *, keep: frozenset[str] = frozenset()) -> None:
    """Delete the cache files of ingests no longer stored (but those in ``keep``: removed
    recently, readers opened before may still read them), files of another :data:`LAYOUT`
    and debris of interrupted builds."""
    folder = ws.path / CACHE_DIR
    if not folder.is_dir():
        return
    import time

    from .workspace import REMOVED_RETENTION

    known = {r[0] for r in ws.connection.execute("SELECT ingest_id FROM provenance").fetchall()} | set(keep)
    stale = time.time() - REMOVED_RETENTION.total_seconds()  # a build in progress elsewhere is younger
    for f in folder.iterdir():
        try:
            if f.name.endswith(".tmp"):
                gone = f.name.split(".")[0] not in known or f.stat().st_mtime < stale
            else:
                gone = f.name.split(".")[0] not in known or not _current_layout(f.name)
        except FileNotFoundError:  # renamed by the build that wrote it meanwhile
            continue
        if gone:
            f.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class CachedMonths:
    """The relation's ``month`` rows from the stored monthly aggregate: ``sql(n, level)``
    gives them summed to January-``n`` (month by month when ``n`` is None), codes cut to
    ``level``; ``kinds`` are the other period kinds the relation has in the years asked
    for (read from the stored files as before); ``classifications`` those of its product
    lines (from the catalogue: the reference tables to join are known before the query)."""

    sql: Callable[[int | None, str | None], str]
    kinds: frozenset[str]
    #: the classifications of the relation's product lines (HS2-HS6 cells) in the years asked for
    classifications: tuple[str, ...] = ()
    #: ``cuts_sql(n, levels)``: the rows of ``sql(n, level)`` for each of ``levels`` in one
    #: scan, with their ``cut`` ('' every line summed)
    cuts_sql: Callable[[int, tuple[str | None, ...]], str] | None = None


def _relation_cells(con: duckdb.DuckDBPyConnection, *, pair: str, year_list: str) -> tuple[tuple, ...]:
    """The relation's coverage cells (ingest, period kind, the classification of its product
    lines, the stored file and constants of a ``month`` cell's ingest) and, in each row,
    the number of its superseded ``month`` cells: one catalogue query."""
    where = f"({pair}) AND year IN ({year_list})"
    return tuple(con.execute(
        "SELECT c.ingest_id, c.period_kind, c.classification, p.parquet, p.constants, "
        f"(SELECT count(*) FROM superseded WHERE period_kind = 'month' AND {where}) "
        "FROM (SELECT DISTINCT ingest_id, period_kind, "
        "             CASE WHEN product_level IN ('hs2', 'hs4', 'hs6') THEN classification END AS classification "
        f"      FROM coverage WHERE {where}) c "
        "LEFT JOIN provenance p ON p.ingest_id = c.ingest_id AND c.period_kind = 'month' AND p.parquet IS NOT NULL "
        "ORDER BY c.ingest_id").fetchall())


def cached_months(ws: Workspace, *, economy: str, partner: str, years: Sequence[int],
                  monthly: bool) -> CachedMonths | None:
    """The stored monthly aggregate of the relation's ``month`` rows as the ``cached``
    argument of :func:`corridor.store.periods.relation_periods_sql`, or None when the
    general path must run (module docstring).  Builds the missing cache files."""
    pair = " OR ".join(f"(reporter = {a} AND partner = {b})" for a, b in pair_sql(economy, partner))
    year_list = ", ".join(str(int(y)) for y in years)
    # one query of the catalogue: the relation's coverage cells (the ingests with months of
    # the pair, with their stored files; the other period kinds it has; the classifications
    # of its product lines) and its superseded month cells; kept until the catalogue
    # changes (metadata, not the data: the same query for the same pair and years)
    cells = ws.catalogue_memo(("months.cells", economy, partner, tuple(int(y) for y in years)),
                              lambda: _relation_cells(ws.connection, pair=pair, year_list=year_list))
    if not any(kind == "month" for _, kind, *_ in cells) or (not monthly and cells[0][5]):
        return None
    damaged = {d[0] for d in ws.damaged}
    found = dict.fromkeys((iid, rel, c) for iid, kind, _, rel, c, _ in cells if kind == "month" and rel is not None)
    ingests = [(iid, ws.path / rel, json.loads(c) if c else {}) for iid, rel, c in found if iid not in damaged]
    try:
        for iid, stored, consts in ingests:
            build(ws, iid, stored, consts)
    except OSError:
        return None
    cum = [str(cache_files(ws, iid)[0]) for iid, _, _ in ingests]
    tot = [str(cache_files(ws, iid)[1]) for iid, _, _ in ingests]

    if not ingests:
        return None
    sides = " OR ".join(f"(reporter = {a} AND partner = {b})" for a, b in pair_sql(economy, partner))
    base = f"({sides}) AND flow IN ('export', 'import') AND year IN ({year_list})"

    def months_sql(n: int | None, level: str | None) -> str:
        if n is None:  # month by month: every line of a month summed, superseded cells left out
            return f"""
    SELECT year, source, classification, product_level, reporter, partner, flow, '' AS product_code,
           release, ingest_id, period_kind, month, value, lines, {MONTH_BIT} AS have, valuation
    FROM read_parquet([{', '.join(sql_str(f) for f in tot)}]) AS t
    ANTI JOIN superseded s ON s.ingest_id = t.ingest_id AND {' AND '.join(f's.{c} = t.{c}' for c in COVERAGE_COLUMNS)}
    WHERE {base}"""
        return cumulative_sql(n, f"cut = {sql_str(level or '')}", f"c{n}")

    def cumulative_sql(n: int, cut: str, value: str, extra: str = "") -> str:
        # the files' sums are DECIMAL(18, 4) or, where one does not fit, (38, 4) (:func:`build`):
        # read with their types united (else as the first file's, and a wider value fails)
        complete = complete_months(n)
        return f"""
    SELECT {extra}year, source, classification, product_level, reporter, partner, flow, product_code,
           release, ingest_id, 'month' AS period_kind, CAST(NULL AS TINYINT) AS month, {value} AS value,
           n{n} AS lines, have & {complete} AS have, v{n} AS valuation
    FROM read_parquet([{', '.join(sql_str(f) for f in cum)}], union_by_name = true)
    WHERE {cut} AND {base} AND n{n} > 0"""

    def cuts_sql(n: int, levels: tuple[str | None, ...]) -> str:
        cuts = ", ".join(sql_str(lv or "") for lv in levels)
        return cumulative_sql(n, f"cut IN ({cuts})", f"c{n}", "cut, ")

    return CachedMonths(months_sql, frozenset(kind for _, kind, *_ in cells if kind != "month"),
                        tuple(sorted({c for _, _, c, *_ in cells if c is not None})), cuts_sql)
