"""Shared helpers of the text-file importers: format checks and DuckDB ``read_csv`` SQL.

Every importer reads its columns as ``VARCHAR`` with DuckDB's ``read_csv`` (explicit
columns, no type sniffing, ``WITH ORDINALITY`` for line numbers) and then checks, in one
vectorised scan, that

* the file exists, is not empty and has at least one data row;
* its structure is sound: DuckDB's reject tables (``store_rejects``) catch bytes that are
  not valid in the declared encoding, rows with too few fields (a file cut mid-row) or
  too many, and unterminated quotes, each with its physical line;
* the numeric fields parse as numbers (the first bad values are named by line and field).

Line numbers: ``_line`` is the row's ordinal plus the header line, which is the physical
line whenever the file has no blank lines and no line breaks inside quoted fields (true
of WITS and UN Comtrade files).  Lines in structural errors come from DuckDB's reader.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import os
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import InputError, Problem
from ..util import sha256_file
from ..messages import Message, library_detail
from .base import sql_str

#: Encodings DuckDB's CSV reader decodes natively; others are transcoded (see generic).
DUCKDB_ENCODINGS: dict[str, str] = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1",
    "utf-16": "utf-16",
}

MAX_PROBLEMS = 20
HEADER_PROBE_BYTES = 1 << 16

ENCODING_HINT = Message("err_encoding_hint")


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """Where and how the table sits in a delimited text file.

    ``columns`` are the header's names in file order; ``header_line`` is the 1-based
    physical line of the header (``skip_rows + 1``).
    """

    path: Path
    columns: tuple[str, ...]
    header_line: int = 1
    delimiter: str = ","
    encoding: str = "utf-8"


def check_file(path: Path) -> None:
    """Refuse a path that is missing, not a regular file, or empty."""
    if not path.exists():
        raise InputError(path, Problem(Message("err_file_not_found")))
    if not path.is_file():
        raise InputError(path, Problem(Message("err_not_regular_file")))
    if path.stat().st_size == 0:
        raise InputError(path, Problem(Message("err_file_empty"), expected=Message("err_header_and_rows")))


@dataclass(frozen=True, slots=True)
class Release:
    """A file's release: its ``label``, the ``vintage`` that orders it among the source's
    releases (:attr:`corridor.schema.ParsedSource.vintage`; empty when the label was
    given) and the provenance ``note`` saying where the label came from."""

    label: str
    vintage: str
    note: Message


def file_release(con: duckdb.DuckDBPyConnection, path: Path, sql: str, *, given: str | None = None,
                 named: str | None = None, origin: str = "", monthly: bool = False) -> Release:
    """The release of the file at ``path``: ``given`` (by the caller), else ``named`` (by
    the file or the mapping; ``origin`` says where), else derived from the content: the
    span of years of ``sql``'s ``year`` column (``2015-2024``; one year ``2017``; monthly
    sources also the last month, ``2023-2024.08``; ``undated`` when no year reads) and the
    first 8 hex digits of the file's SHA-256: ``2015-2024-3fa9c2d1``.

    Not the file's modification date: a touched or copied file is the same release, a
    changed file another.  The years are the vintage: files of one vintage (e.g. the
    files of one WITS download, which caps a query at 100,000 rows) are one release for
    the store, so their identical rows are stored once, a file that restates every row of
    another with changed values replaces it, and they never supersede each other; a
    download covering later years supersedes an earlier one.  See docs/workspace.md.
    """
    if given:
        return Release(given, "", Message("release_given", release=given))
    if named:
        return Release(named, "", Message("release_from", release=named, origin=origin))
    vintage = data_span(con, sql, monthly=monthly)
    label = f"{vintage}-{sha256_file(path)[:8]}"
    return Release(label, vintage, Message("release_content", release=label, vintage=vintage))


def data_span(con: duckdb.DuckDBPyConnection, sql: str, *, monthly: bool = False) -> str:
    """The span of years of ``sql``'s ``year`` column (and, ``monthly``, the last month of
    the last year, from its ``month`` column): ``2015-2024``, ``2017``, ``2023-2024.08``;
    ``undated`` when no year reads."""
    last = "max(TRY_CAST(year AS INTEGER) * 100 + TRY_CAST(month AS INTEGER))" if monthly else "NULL"
    try:
        lo, hi, through = con.execute(
            f"SELECT min(TRY_CAST(year AS INTEGER)), max(TRY_CAST(year AS INTEGER)), {last} FROM ({sql}) AS src"
        ).fetchall()[0]
    except duckdb.Error:  # the store reports what does not read, naming the line
        lo = hi = None
    if lo is None or hi is None:
        return "undated"
    span = str(lo) if lo == hi else f"{lo}-{hi}"
    return f"{span}.{through % 100:02d}" if through is not None else span



def read_header(
    path: Path, *, encoding: str = "utf-8", skip_rows: int = 0, delimiter: str | None = ","
) -> CsvLayout:
    """Read the header line (after ``skip_rows`` lines) with Python's csv module.

    ``delimiter=None`` sniffs one of ``, ; \\t |`` from the header line.  Refuses a header
    that does not decode in ``encoding`` (naming Windows-1251 as the likely cause).
    """
    check_file(path)
    with open(path, "rb") as fh:
        probe = fh.read(HEADER_PROBE_BYTES)
    if _wide_newlines(encoding):
        # UTF-16/32: a newline is more than one byte; decode first, then split (a title
        # line before the header, skip_rows = 1, is then found as in any other file)
        try:
            decoded = codecs.getincrementaldecoder(encoding)().decode(probe, final=False)
        except UnicodeDecodeError as exc:
            raise InputError(path, Problem(Message("err_not_valid_encoding", encoding=encoding, reason=exc.reason,
                                                   byte=exc.start),
                                           expected=ENCODING_HINT)) from None
        probe_lines = decoded.splitlines()
        lines = [ln.encode("utf-8") for ln in probe_lines]
        encoding_of_lines = "utf-8"
    else:
        lines = probe.splitlines()
        encoding_of_lines = encoding
    header_line = skip_rows + 1
    if len(lines) < header_line or not lines[skip_rows].strip():
        raise InputError(path, Problem(Message("err_no_header"), line=header_line, expected=Message("err_header_expected")))
    codec = "utf-8-sig" if DUCKDB_ENCODINGS.get(encoding_of_lines.lower()) == "utf-8" and skip_rows == 0 else encoding_of_lines
    try:
        text = lines[skip_rows].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            Problem(Message("err_header_not_valid_encoding", encoding=encoding, reason=exc.reason, byte=exc.start),
                    line=header_line, expected=ENCODING_HINT),
        ) from None
    except LookupError:
        raise InputError(path, Problem(Message("err_unknown_encoding", encoding=encoding), field="encoding")) from None
    if delimiter is None:
        delimiter = max([",", ";", "\t", "|"], key=text.count)
    names = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    names = [n.strip() for n in names]
    return CsvLayout(path=path, columns=tuple(names), header_line=header_line, delimiter=delimiter, encoding=encoding)


def _wide_newlines(encoding: str) -> bool:
    """True for encodings whose newline is not the single byte ``\\n`` (UTF-16, UTF-32)."""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def require_columns(path: Path, present: Sequence[str], required: Sequence[str], *, where: str | Message = "") -> None:
    """Refuse a file whose header lacks any of ``required``; suggest close (renamed) names."""
    have = set(present)
    missing = [c for c in required if c not in have]
    if not missing:
        return
    problems = []
    for col in missing:
        near = difflib.get_close_matches(col, [p for p in present if p not in required], n=1, cutoff=0.6)
        near += [p for p in present if p.lower() == col.lower() and p not in near]
        hint = Message("err_renamed_to", name=near[0]) if near else ""
        problems.append(
            Problem(
                Message("err_column_missing", column=col, hint=hint, where=where),
                line=1,
                field=col,
                expected=Message("err_columns", columns=", ".join(repr(c) for c in required)),
            )
        )
    raise InputError(path, problems)


def read_csv_sql(layout: CsvLayout, *, rejects: tuple[str, str] | None = None) -> str:
    """``read_csv(...) WITH ORDINALITY`` over ``layout`` reading every column as VARCHAR.

    The caller reads ``ordinality`` to build ``_line``.  ``rejects`` = (errors table,
    scans table) turns on DuckDB's reject tables instead of failing on a bad row.
    """
    cols = ", ".join(f"{sql_str(c)}: 'VARCHAR'" for c in layout.columns)
    opts = [
        f"columns={{{cols}}}",
        "header=true",
        f"skip={layout.header_line - 1}",
        f"delim={sql_str(layout.delimiter)}",
        "quote='\"'",
        "escape='\"'",
        "auto_detect=false",
        f"encoding={sql_str(DUCKDB_ENCODINGS.get(layout.encoding.lower(), layout.encoding))}",
    ]
    if rejects is not None:
        opts += ["store_rejects=true", f"rejects_table={sql_str(rejects[0])}", f"rejects_scan={sql_str(rejects[1])}"]
    return f"read_csv({sql_str(str(layout.path))}, {', '.join(opts)}) WITH ORDINALITY"


def number_text(expr: str, *, decimal: str = ".", thousands: str = "") -> str:
    """SQL turning a VARCHAR number as printed (decimal comma, thousands separators) into
    a plain ``1234.5`` string, or NULL when empty."""
    out = f"trim({expr})"
    if thousands:
        seps = [thousands] + (["\u00a0", "\u202f"] if thousands == " " else [])
        for sep in seps:
            out = f"replace({out}, {sql_str(sep)}, '')"
    if decimal != ".":
        out = f"replace({out}, {sql_str(decimal)}, '.')"
    return f"NULLIF({out}, '')"


def scaled_value(text_expr: str, multiplier: float | int = 1) -> str:
    """SQL: a number string times ``multiplier`` as DOUBLE, computed in DECIMAL(38,10)
    for integral multipliers so that e.g. ``355.509`` thousand becomes exactly 355509."""
    dec = f"CAST({text_expr} AS DECIMAL(38,10))"
    if float(multiplier).is_integer():
        m = int(multiplier)
        return f"CAST({dec} AS DOUBLE)" if m == 1 else f"CAST({dec} * {m} AS DOUBLE)"
    return f"CAST({dec} AS DOUBLE) * {float(multiplier)!r}"


def _reject_problem(line: int | None, column: str | None, kind: str, text: str | None, message: str, n_columns: int) -> Problem:
    if kind == "INVALID ENCODING":
        return Problem(Message("err_bad_bytes"), line=line, expected=ENCODING_HINT)
    if kind == "MISSING COLUMNS":
        return Problem(Message("err_fewer_fields"), line=line,
                       value=(text or "").strip()[:80], expected=Message("err_n_fields", n=n_columns))
    if kind == "TOO MANY COLUMNS":
        return Problem(Message("err_more_fields"), line=line,
                       value=(text or "").strip()[:80], expected=Message("err_n_fields", n=n_columns))
    if kind == "UNQUOTED VALUE":
        return Problem(Message("err_quote"), line=line, value=(text or "").strip()[:80])
    return Problem(Message("err_reader_detail", detail=message), line=line, field=column,
                   value=(text or "").strip()[:80] or None)


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """A field that must parse as a number: ``expr`` is SQL over the file's columns
    giving the number's text (NULL when empty), ``sql_type`` the type it must cast to."""

    expr: str
    sql_type: str = "DECIMAL(38,10)"
    required: bool = False
    expected: str | Message = Message("err_decimal_expected")
    #: the number must be whole (a year, a month): DuckDB would round ``2023.5`` to 2024
    whole: bool = False

    def bad(self) -> str:
        cast_fails = f"(({self.expr}) IS NOT NULL AND TRY_CAST(({self.expr}) AS {self.sql_type}) IS NULL)"
        if self.whole:
            dec = f"TRY_CAST(({self.expr}) AS DECIMAL(38,10))"
            cast_fails = f"({cast_fails} OR coalesce({dec} <> round({dec}), false))"
        return f"(({self.expr}) IS NULL OR {cast_fails})" if self.required else cast_fails


def scan_checked(
    con: duckdb.DuckDBPyConnection,
    layout: CsvLayout,
    numbers: Mapping[str, NumberCheck],
    *,
    where: str = "TRUE",
) -> int:
    """Scan the file once: count the data rows and check structure and numbers.

    ``numbers`` maps a field label to a :class:`NumberCheck`.  Raises
    :class:`InputError` listing the structural problems (from DuckDB's reject tables) or
    the first missing or non-numeric values, each with its line and field.  Returns the
    number of data rows (that satisfy ``where``).
    """
    if DUCKDB_ENCODINGS.get(layout.encoding.lower()) == "utf-8":
        decode_stream(layout.path, "utf-8")
    tag = uuid.uuid4().hex[:12]
    rejects = (f"_imp_rej_{tag}", f"_imp_scan_{tag}")
    sql = f"SELECT {number_aggregates(numbers)} FROM {read_csv_sql(layout, rejects=rejects)} WHERE {where}"
    try:
        try:
            row = con.execute(sql).fetchall()[0]
        except duckdb.Error as exc:
            raise InputError(layout.path, Problem(Message("err_not_delimited", detail=library_detail(exc, str(exc).splitlines()[0])))) from None
        rej = con.execute(
            f"SELECT line, column_name, error_type, csv_line, error_message FROM {rejects[0]} ORDER BY line LIMIT {MAX_PROBLEMS}"
        ).fetchall()
        n_rej = con.execute(f"SELECT count(*) FROM {rejects[0]}").fetchall()[0][0]
    finally:
        for name in rejects:
            con.execute(f"DROP TABLE IF EXISTS {name}")
    if n_rej:
        problems = [_reject_problem(*r, n_columns=len(layout.columns)) for r in rej]
        raise InputError(layout.path, problems, total=n_rej)
    raise_number_problems(layout.path, row, numbers, header_line=layout.header_line)
    if row[0] == 0:
        raise InputError(layout.path, Problem(Message("err_no_data_rows"), line=layout.header_line + 1))
    return int(row[0])


def number_aggregates(numbers: Mapping[str, NumberCheck]) -> str:
    """SELECT list over a relation with ``ordinality``: the row count, then per check the
    number of bad rows and the ordinals and texts of the first five."""
    aggs = ["count(*)"]
    for check in numbers.values():
        bad = check.bad()
        aggs += [f"count(*) FILTER (WHERE {bad})", f"list(ordinality ORDER BY ordinality) FILTER (WHERE {bad})[1:5]",
                 f"list(({check.expr}) ORDER BY ordinality) FILTER (WHERE {bad})[1:5]"]
    return ", ".join(aggs)


def raise_number_problems(
    path: Path, row: Sequence, numbers: Mapping[str, NumberCheck], *, header_line: int | None, record: str = "data"
) -> None:
    """Raise :class:`InputError` for the bad values counted by :func:`number_aggregates`.

    With ``header_line`` the ordinal becomes a physical line; without (JSON, Parquet),
    the field is named with its 0-based record, e.g. ``data[3].primaryValue``.
    """
    problems, total = [], 0
    for i, (label, check) in enumerate(numbers.items()):
        count, ordinals, values = row[1 + 3 * i: 4 + 3 * i]
        total += count
        problems += [
            Problem(
                Message("err_missing_value") if v is None else Message("err_not_a_number"),
                line=None if header_line is None else int(n) + header_line,
                field=label if header_line is not None else f"{record}[{int(n) - 1}].{label}",
                value=v,
                expected=check.expected,
            )
            for n, v in zip(ordinals or [], values or [])
        ]
    if problems:
        raise InputError(path, problems, total=total)


def decode_stream(path: Path, encoding: str, target: Path | None = None) -> None:
    """Stream-decode ``path`` in 1 MiB blocks, refusing the first bytes that are not valid
    ``encoding`` with their line; with ``target``, write the text there as UTF-8.

    DuckDB's CSV reader passes some invalid UTF-8 through silently, so every text file
    is checked here first (CPython decodes at well over 500 MB/s).
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    dst = open(target, "w", encoding="utf-8", newline="") if target is not None else None
    try:
        with open(path, "rb") as src:
            while chunk := src.read(1 << 20):
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    bad_line = line + chunk[: max(exc.start, 0)].count(b"\n")
                    raise InputError(
                        path,
                        Problem(Message("err_bytes_not_valid", encoding=encoding, bytes=repr(chunk[exc.start:exc.start + 4])),
                                line=bad_line, expected=ENCODING_HINT),
                    ) from None
                if dst is not None:
                    dst.write(text)
                line += chunk.count(b"\n")
            try:
                tail = decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise InputError(path, Problem(Message("err_ends_inside", encoding=encoding), line=line)) from None
            if dst is not None:
                dst.write(tail)
    finally:
        if dst is not None:
            dst.close()


def alias_case(expr: str, aliases: Mapping[str, str], *, upper: bool = True) -> str:
    """SQL CASE mapping source codes to canonical values, passing unknown codes through
    unchanged (so that the store reports them)."""
    key = f"upper(trim({expr}))" if upper else f"trim({expr})"
    keys = [k.upper() if upper else k for k in aliases]
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in zip(keys, aliases.values()))
    # The IN guard is hashed by DuckDB: rows whose code needs no alias skip the WHEN chain
    # (about 10x cheaper than the bare CASE for the ~100 economy aliases).
    return f"CASE WHEN {key} IN ({', '.join(sql_str(k) for k in keys)}) THEN (CASE {key} {whens} END) ELSE trim({expr}) END"


#: Spellings of the four flows in WITS and Comtrade files (upper-cased) -> canonical flow.
FLOW_ALIASES: dict[str, str] = {
    "EXPORT": "export", "EXPORTS": "export", "X": "export", "GROSS EXP.": "export",
    "IMPORT": "import", "IMPORTS": "import", "M": "import", "GROSS IMP.": "import",
    "RE-EXPORT": "re-export", "RE-EXPORTS": "re-export", "REEXPORT": "re-export", "RX": "re-export",
    "RE-IMPORT": "re-import", "RE-IMPORTS": "re-import", "REIMPORT": "re-import", "RM": "re-import",
    # WITS names the flows of some reporters' data so (seen in a WITS .xlsx download)
    "GROSS EXPORTS": "export", "GROSS IMPORTS": "import", "GROSS EXPORT": "export", "GROSS IMPORT": "import",
}

#: The customary valuation of each flow in UN Comtrade / WITS data: exports FOB, imports CIF
#: (UN, International Merchandise Trade Statistics: Concepts and Definitions 2010, para. 4.2).
FLOW_VALUATION_SQL = (
    "CASE {flow} WHEN 'export' THEN 'FOB' WHEN 're-export' THEN 'FOB' "
    "WHEN 'import' THEN 'CIF' WHEN 're-import' THEN 'CIF' END"
)

#: Product codes that stand for all products (WITS: ``AllSubHeading``, ``Total``,
#: ``All Products``; Comtrade: ``TOTAL``).
TOTAL_PRODUCT_CODES: tuple[str, ...] = ("TOTAL", "ALL PRODUCTS", "ALLSUBHEADING", "ALL", "999999")

#: WITS' WTO product groupings (``WTO_H4_Aggri`` etc.) -> corridor group codes.
WTO_GROUP_CODES: dict[str, str] = {"AGGRI": "WTO-AGRI", "INDUS": "WTO-INDUS", "PETRO": "WTO-PETRO"}


def restored_code(code: str) -> str:
    """SQL: a product code trimmed, an all-digit code of odd length given back the leading
    zero a spreadsheet drops (``101`` -> ``0101``, ``10121`` -> ``010121``): HS codes have
    2, 4 or 6 digits."""
    c = f"trim({code})"
    return f"CASE WHEN regexp_matches({c}, '^[0-9]+$') AND length({c}) % 2 = 1 THEN '0' || {c} ELSE {c} END"


def zero_restored_note(con: duckdb.DuckDBPyConnection, relation: str, code: str) -> Message | None:
    """The note naming the rows of ``relation`` whose code ``code`` lost its leading zero
    (:func:`restored_code`), or None when none did."""
    c = f"trim({code})"
    n, codes = con.execute(f"SELECT count(*), list(DISTINCT {c} ORDER BY {c})[1:5] FROM {relation} "
                           f"WHERE regexp_matches({c}, '^[0-9]+$') AND length({c}) % 2 = 1").fetchall()[0]
    return Message("gacc_leading_zero", n=int(n), codes=", ".join(codes)) if n else None


def product_sql(code: str) -> tuple[str, str]:
    """SQL for (product_level, product_code) from a WITS/Comtrade product code.

    ``TOTAL``-like codes -> (``total``, ``TOTAL``); 2/4/6 digits -> ``hs2``/``hs4``/``hs6``
    (leading zeros kept; an odd number of digits gets the zero back, :func:`restored_code`); WITS chapter-range aggregates ``01-05_Animal`` -> (``group``,
    ``01-05``); WITS WTO groupings ``WTO_H4_Aggri`` -> (``group``, ``WTO-AGRI``).  Any
    other code passes through unchanged (``hsN`` for N other digits, else ``group``) so that
    the store reports it.
    """
    c = restored_code(code)
    totals = ", ".join(sql_str(t) for t in TOTAL_PRODUCT_CODES)
    wto = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in WTO_GROUP_CODES.items())
    wto_key = f"upper(regexp_extract({c}, '^WTO_H[0-9]_([A-Za-z]+)$', 1))"
    level = (
        f"CASE WHEN upper({c}) IN ({totals}) THEN 'total' "
        f"WHEN regexp_matches({c}, '^[0-9]+$') THEN 'hs' || length({c}) "
        f"ELSE 'group' END"
    )
    product = (
        f"CASE WHEN upper({c}) IN ({totals}) THEN 'TOTAL' "
        f"WHEN regexp_matches({c}, '^[0-9]{{2}}-[0-9]{{2}}(_.*)?$') THEN left({c}, 5) "
        f"WHEN {wto_key} IN ({', '.join(sql_str(k) for k in WTO_GROUP_CODES)}) THEN CASE {wto_key} {wto} END "
        f"ELSE {c} END"
    )
    return level, product


def economy_sql(expr: str, extra: Mapping[str, str] | None = None) -> str:
    """SQL mapping an economy code column to corridor's code: legacy and source-specific
    codes that WITS / Comtrade use (``ROM`` -> ``ROU``, ``SER`` -> ``SRB``, ``W00`` ->
    ``WLD``) through :func:`corridor.reference.economy_aliases`; unknown codes pass through."""
    from .. import reference

    aliases = {k: v for k, v in reference.economy_aliases().items() if k != v}
    aliases.update(extra or {})
    return alias_case(expr, aliases)


def transcoded_table(con: duckdb.DuckDBPyConnection, layout: CsvLayout) -> str:
    """A file in an encoding DuckDB does not read (cp1251, GB18030 ...): transcode it to
    UTF-8, check its structure, and hold its rows (every column VARCHAR, plus
    ``ordinality``) in a TEMP table, whose name is returned (the lazy query cannot outlive
    the transcoded file).  Problems name the original file."""
    tag = uuid.uuid4().hex[:12]
    tmp = Path(tempfile.gettempdir()) / f"corridor-{tag}.csv"
    try:
        decode_stream(layout.path, layout.encoding, tmp)
        utf8 = CsvLayout(path=tmp, columns=layout.columns, header_line=layout.header_line, delimiter=layout.delimiter)
        try:
            scan_checked(con, utf8, {})
        except InputError as exc:
            raise InputError(layout.path, exc.problems, total=exc.total) from None
        table = f"_imp_tbl_{tag}"
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM {read_csv_sql(utf8)}")
    finally:
        tmp.unlink(missing_ok=True)
    return table


def arrow_temp_table(con: duckdb.DuckDBPyConnection, arrow: object, *, prefix: str, select: str = "*") -> str:
    """Hold an Arrow table (rows an importer read in Python: an Excel sheet, a decoded
    text file) in a new TEMP table of ``con``, selecting ``select`` from it; returns its name."""
    table = f"{prefix}{uuid.uuid4().hex[:12]}"
    con.register(f"{table}_arrow", arrow)
    try:
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT {select} FROM {table}_arrow")
    finally:
        con.unregister(f"{table}_arrow")
    return table


def sheet_table(con: duckdb.DuckDBPyConnection, path: Path, columns: Sequence[str], rows: Sequence[tuple[int, list[str]]],
                header_line: int, *, prefix: str) -> str:
    """Hold a worksheet's data rows (:func:`corridor.sources._sheets.header_sheet`) in a
    TEMP table of text columns named ``columns`` plus ``ordinality`` (row number minus
    the header's, so that ``ordinality + header_line`` is the row Excel shows); returns
    its name.  Empty cells are NULL."""
    import pyarrow as pa

    data = {c: [(r[1][k] if r[1][k].strip() else None) for r in rows] for k, c in enumerate(columns)}
    data["ordinality"] = [r[0] - header_line for r in rows]
    schema = pa.schema([*(pa.field(c, pa.string()) for c in columns), pa.field("ordinality", pa.int64())])
    return arrow_temp_table(con, pa.table(data, schema=schema), prefix=prefix)


def check_relation(con: duckdb.DuckDBPyConnection, path: Path, relation: str, numbers: Mapping[str, NumberCheck],
                   header_line: int) -> int:
    """:func:`scan_checked` for rows already in a table (a worksheet's, :func:`sheet_table`):
    the numbers checked, the problems named by line (``ordinality + header_line``) and
    field; the number of rows, at least one."""
    row = con.execute(f"SELECT {number_aggregates(numbers)} FROM {relation}").fetchall()[0]
    raise_number_problems(path, row, numbers, header_line=header_line)
    if not row[0]:
        raise InputError(path, Problem(Message("err_no_data_rows"), line=header_line + 1))
    return int(row[0])
