"""Generic table importer for national statistics, driven by a TOML mapping file.

Reads a CSV (any delimiter, UTF-8 or a declared encoding such as ``cp1251``), an Excel
workbook (``.xlsx``, one sheet) or a Parquet file, in *long* form (one figure per row, or
several value columns per row with ``[[measures]]``) or *wide* form (years or months as
columns, ``[wide]``), and maps it to the canonical flow table.  Every canonical field is
named as a column of the file (``{ column = "Year" }``, optionally with a value ``map``)
or given as a constant (``"KAZ"`` or ``{ const = "KAZ" }``).  The mapping format is
documented key by key in ``docs/mapping.md``; :func:`load_mapping` checks it.

Values: text as printed is normalised (``thousands`` separator removed, ``decimal``
comma -> point), parsed in exact decimal arithmetic and multiplied by
``value_multiplier`` (e.g. 1000 for thousands of USD).  Cells equal to one of the
``missing_markers`` (default: empty, ``NaN``, ``NA``, ``N/A``, ``-``, ``..``, ``...``)
are missing: with ``missing_values = "drop"`` (default) such rows are dropped and
counted in the provenance notes, with ``"error"`` they are refused.

Method: a declarative column mapping in the manner of the SDMX structure maps used by
national statistical offices (SDMX 2.1 Technical Notes, "Structure mapping").
"""

from __future__ import annotations

import dataclasses
import json
import math
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args

import duckdb

from ..errors import ConfigError, InputError, Problem, names
from ..messages import Message, library_detail
from ..schema import HS_REVISION_ALIASES
from ._csv import (
    DUCKDB_ENCODINGS,
    FLOW_ALIASES,
    CsvLayout,
    NumberCheck,
    alias_case,
    check_file,
    economy_sql,
    file_release,
    number_aggregates,
    number_text,
    raise_number_problems,
    read_csv_sql,
    read_header,
    scaled_value,
    scan_checked,
    transcoded_table,
)
from ._sheets import open_workbook
from .base import ParsedSource, sql_str

SOURCE = "table"

Format = Literal["csv", "xlsx", "parquet"]
FORMATS: tuple[str, ...] = get_args(Format)
MissingValues = Literal["drop", "error"]
MISSING_VALUES: tuple[str, ...] = get_args(MissingValues)
WideField = Literal["year", "month"]
WIDE_FIELDS: tuple[str, ...] = get_args(WideField)

#: Canonical fields a mapping may set (``source`` and ``release`` are top-level keys).
FIELDS: tuple[str, ...] = (
    "reporter", "partner", "flow", "year", "period_kind", "month", "classification",
    "product_level", "product_code", "value_usd", "quantity", "quantity_unit", "valuation",
)
REQUIRED_FIELDS: tuple[str, ...] = ("reporter", "partner", "flow", "year", "product_level")
TOP_KEYS: tuple[str, ...] = (
    "source", "dataset", "release", "format", "encoding", "delimiter", "sheet", "skip_rows",
    "decimal", "thousands", "value_multiplier", "missing_values", "missing_markers",
    "fields", "measures", "wide",
)
SPEC_KEYS: tuple[str, ...] = ("column", "const", "map", "upper")
WIDE_KEYS: tuple[str, ...] = ("columns", "field", "map")
DEFAULT_MISSING_MARKERS: tuple[str, ...] = ("", "nan", "na", "n/a", "-", "..", "...")
_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet"}


# -- the mapping ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One canonical field: a file ``column`` (with an optional value ``map`` and
    ``upper``-casing) or a constant ``const``."""

    column: str | None = None
    const: str | None = None
    map: Mapping[str, str] = field(default_factory=dict)
    upper: bool = False


@dataclass(frozen=True, slots=True)
class Measure:
    """One value column of a row that carries several figures, with the fields that
    differ between them (e.g. ``flow``, ``valuation``)."""

    value: str
    fields: Mapping[str, FieldSpec]


@dataclass(frozen=True, slots=True)
class Wide:
    """Wide layout: ``columns`` hold the values; their header becomes ``field``
    (through ``map`` when given, e.g. month names -> numbers)."""

    columns: tuple[str, ...]
    field: WideField
    map: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TableMapping:
    """A checked mapping file (see ``docs/mapping.md``)."""

    path: Path
    source: str
    fields: Mapping[str, FieldSpec]
    dataset: str = ""
    release: str | None = None
    format: Format | None = None
    encoding: str = "utf-8"
    delimiter: str | None = ","
    sheet: str | None = None
    skip_rows: int = 0
    decimal: str = "."
    thousands: str = ""
    value_multiplier: float = 1
    missing_values: MissingValues = "drop"
    missing_markers: tuple[str, ...] = DEFAULT_MISSING_MARKERS
    measures: tuple[Measure, ...] = ()
    wide: Wide | None = None


def _err(path: Path, key: str, message: Message) -> ConfigError:
    return ConfigError(Message("map_key", path=str(path), key=key, text=message))


def _choice(path: Path, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _err(path, key, Message("map_not_allowed", value=value, allowed=", ".join(repr(a) for a in allowed)))
    return str(value)


def _spec(path: Path, key: str, raw: object) -> FieldSpec:
    if isinstance(raw, bool) or raw is None:
        raise _err(path, key, Message("map_const_or_table", raw=raw))
    if isinstance(raw, (str, int, float)):
        return FieldSpec(const=str(raw))
    if not isinstance(raw, dict):
        raise _err(path, key, Message("map_const_or_table", raw=raw))
    unknown = sorted(set(raw) - set(SPEC_KEYS))
    if unknown:
        raise _err(path, f"{key}.{unknown[0]}", Message("map_unknown_key", allowed=names(SPEC_KEYS)))
    if ("column" in raw) == ("const" in raw):
        raise _err(path, key, Message("map_column_or_const"))
    mapping = raw.get("map", {})
    if not isinstance(mapping, dict):
        raise _err(path, f"{key}.map", Message("map_map_table"))
    if not isinstance(raw.get("upper", False), bool):
        raise _err(path, f"{key}.upper", Message("map_true_false", raw=raw["upper"]))
    const = raw.get("const")
    return FieldSpec(
        column=None if "column" not in raw else str(raw["column"]),
        const=None if const is None else str(const),
        map={str(k): str(v) for k, v in mapping.items()},
        upper=bool(raw.get("upper", False)),
    )


def _fields(path: Path, prefix: str, raw: object, *, allow: tuple[str, ...] = FIELDS) -> dict[str, FieldSpec]:
    if not isinstance(raw, dict):
        raise _err(path, prefix, Message("map_a_table"))
    out = {}
    for name, spec in raw.items():
        if name not in allow:
            raise _err(path, f"{prefix}.{name}", Message("map_unknown_field", allowed=names(allow)))
        out[name] = _spec(path, f"{prefix}.{name}", spec)
    return out


def _wide_columns(path: Path, raw: object) -> tuple[str, ...]:
    if isinstance(raw, str):
        lo, sep, hi = raw.partition("..")
        if not sep or not lo.strip().isdigit() or not hi.strip().isdigit() or int(lo) > int(hi):
            raise _err(path, "wide.columns", Message("map_not_range", raw=raw))
        return tuple(str(y) for y in range(int(lo), int(hi) + 1))
    if isinstance(raw, list) and raw and all(isinstance(c, (str, int)) for c in raw):
        return tuple(str(c) for c in raw)
    raise _err(path, "wide.columns", Message("map_range_or_list"))


def load_mapping(path: str | Path) -> TableMapping:
    """Read and check a TOML mapping file; :class:`ConfigError` names the file and key."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(Message("map_not_found", path=str(path))) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(Message("map_not_toml", path=str(path), detail=library_detail(exc))) from None
    unknown = sorted(set(raw) - set(TOP_KEYS))
    if unknown:
        raise _err(path, unknown[0], Message("map_unknown_key", allowed=names(TOP_KEYS)))
    if not isinstance(raw.get("source"), str) or not raw["source"].strip():
        raise _err(path, "source", Message("map_source_required"))
    fields = _fields(path, "fields", raw.get("fields", {}))
    measures = tuple(
        Measure(value=_measure_value(path, i, m), fields=_fields(path, f"measures[{i}]", {k: v for k, v in m.items() if k != "value"}))
        for i, m in enumerate(_table_list(path, raw.get("measures", [])))
    )
    wide = None
    if "wide" in raw:
        w = raw["wide"]
        if not isinstance(w, dict) or set(w) - set(WIDE_KEYS):
            raise _err(path, "wide", Message("map_table_keys", keys=names(WIDE_KEYS)))
        wide = Wide(columns=_wide_columns(path, w.get("columns")), field=_choice(path, "wide.field", w.get("field"), WIDE_FIELDS),
                    map={str(k): str(v) for k, v in dict(w.get("map", {})).items()})
        bad = [c for c in wide.columns if not wide.map.get(c, c).strip().isdigit()]
        if bad:
            raise _err(path, "wide.map" if wide.map else "wide.columns",
                       Message("map_wide_number", column=bad[0], field=wide.field))
    _check_value_source(path, fields, measures, wide)
    _check_required(path, fields, measures, wide)
    multiplier = raw.get("value_multiplier", 1)
    if isinstance(multiplier, bool) or not isinstance(multiplier, (int, float)) or not math.isfinite(multiplier) \
            or multiplier <= 0:
        raise _err(path, "value_multiplier", Message("map_positive", raw=multiplier))
    skip = raw.get("skip_rows", 0)
    if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
        raise _err(path, "skip_rows", Message("map_whole", raw=skip))
    markers = raw.get("missing_markers", list(DEFAULT_MISSING_MARKERS))
    if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
        raise _err(path, "missing_markers", Message("map_strings"))
    strings = {k: raw[k] for k in ("dataset", "release", "encoding", "delimiter", "sheet", "decimal", "thousands") if k in raw}
    for k, v in strings.items():
        if not isinstance(v, str):
            raise _err(path, k, Message("map_string", raw=v))
    if "delimiter" in strings and not (1 <= len(strings["delimiter"]) <= 4) or strings.get("delimiter", ",") in ("\n", "\r", '"'):
        raise _err(path, "delimiter", Message("map_delimiter", raw=strings["delimiter"]))
    if "decimal" in strings and len(strings["decimal"]) != 1:
        raise _err(path, "decimal", Message("map_decimal", raw=strings["decimal"]))
    if "encoding" in strings:
        try:
            "".encode(strings["encoding"])
        except LookupError:
            raise _err(path, "encoding", Message("map_encoding", raw=strings["encoding"])) from None
    return TableMapping(
        path=path,
        source=raw["source"].strip(),
        fields=fields,
        format=None if "format" not in raw else _choice(path, "format", raw["format"], FORMATS),  # type: ignore[arg-type]
        missing_values=_choice(path, "missing_values", raw.get("missing_values", "drop"), MISSING_VALUES),  # type: ignore[arg-type]
        value_multiplier=multiplier,
        skip_rows=skip,
        missing_markers=tuple(m.strip().lower() for m in markers),
        measures=measures,
        wide=wide,
        **strings,
    )


def _table_list(path: Path, raw: object) -> list[dict]:
    if not isinstance(raw, list) or not all(isinstance(m, dict) for m in raw):
        raise _err(path, "measures", Message("map_measures_array"))
    return raw


def _measure_value(path: Path, i: int, m: dict) -> str:
    if not isinstance(m.get("value"), str):
        raise _err(path, f"measures[{i}].value", Message("map_measure_value"))
    return m["value"]


def _check_value_source(path: Path, fields: Mapping[str, FieldSpec], measures: tuple, wide: Wide | None) -> None:
    given = [name for name, on in (("fields.value_usd", "value_usd" in fields), ("measures", bool(measures)), ("wide", wide is not None)) if on]
    if len(given) != 1:
        raise _err(path, given[1] if len(given) > 1 else "fields.value_usd",
                   Message("map_value_source"))
    if "value_usd" in fields and fields["value_usd"].column is None:
        raise _err(path, "fields.value_usd", Message("map_name_column"))
    if wide is not None and wide.field in fields:
        raise _err(path, f"fields.{wide.field}", Message("map_from_wide"))


def _check_required(path: Path, fields: Mapping[str, FieldSpec], measures: tuple[Measure, ...], wide: Wide | None) -> None:
    variants = [dict(fields, **m.fields) for m in measures] or [dict(fields)]
    for i, merged in enumerate(variants):
        have = set(merged) | ({wide.field} if wide else set())
        level = merged.get("product_level")
        is_total = level is not None and level.const == "total"
        needed = REQUIRED_FIELDS + (() if is_total else ("classification", "product_code"))
        for name in needed:
            if name not in have:
                where = f"measures[{i}]" if measures else "fields"
                raise _err(path, f"{where}.{name}" if measures else f"fields.{name}",
                           Message("map_missing_field"))


# -- reading -------------------------------------------------------------------------------
def detect(path: Path) -> str | None:
    """``"table"`` when ``path`` is a mapping file (TOML with ``source`` and a
    ``[fields]`` table); data files need a mapping and are never detected."""
    path = Path(path)
    if path.suffix.lower() != ".toml":
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return SOURCE if "source" in raw and isinstance(raw.get("fields"), dict) else None


def parse(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    release: str | None = None,
    mapping: str | Path | TableMapping | None = None,
    **options: object,
) -> ParsedSource:
    """Parse a national-statistics table with ``mapping`` (a TOML file or a loaded
    :class:`TableMapping`) into a lazy SELECT of the canonical import columns.

    Release: the ``release`` argument, else the mapping's ``release``, else the years of
    the data and the file's content hash (``2015-2024-3fa9c2d1``,
    :func:`corridor.sources._csv.file_release`).
    """
    if options:
        raise ConfigError(Message("map_only_mapping", options=", ".join(sorted(options))))
    if mapping is None:
        raise ConfigError(Message("map_needs_mapping"))
    m = mapping if isinstance(mapping, TableMapping) else load_mapping(mapping)
    path = Path(path)
    check_file(path)
    fmt = m.format or _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise _err(m.path, "format", Message("map_format_unknown", file=path.name, formats=", ".join(FORMATS)))
    relation, columns, header_line = _relation(con, path, m, fmt)
    _require_mapped_columns(path, m, columns)
    numbers = _number_checks(m)
    if fmt == "csv" and relation.startswith("read_csv"):
        layout = CsvLayout(path=path, columns=columns, header_line=header_line, delimiter=_delimiter(m, path), encoding=m.encoding)
        rows_read = scan_checked(con, layout, numbers)
    else:
        row = con.execute(f"SELECT {number_aggregates(numbers)} FROM {relation}").fetchall()[0]
        raise_number_problems(path, row, numbers, header_line=header_line, record="row")
        rows_read = int(row[0])
        if rows_read == 0:
            raise InputError(path, Problem(Message("map_no_rows"), line=None if header_line is None else header_line + 1))
    staged = _staged_sql(m, relation)
    n_rows, n_missing, first_missing = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE _value IS NULL), "
        f"list([ordinality::VARCHAR, _value_column] ORDER BY ordinality) FILTER (WHERE _value IS NULL)[1:5] FROM {staged}"
    ).fetchall()[0]
    if n_missing and m.missing_values == "error":
        raise InputError(path, [
            Problem(Message("err_missing_value"), line=None if header_line is None else int(o) + header_line, field=c,
                    expected=Message("map_number_or_drop"))
            for o, c in first_missing
        ], total=n_missing)
    chosen = file_release(con, path, _canonical_sql(m, staged, "", header_line), given=release, named=m.release,
                          origin="mapping")
    release = chosen.label
    notes = [
        Message("mapping_read", mapping=m.path.name, how=[
            Message("plain", text=fmt),
            *([Message("mapping_wide", field=m.wide.field)] if m.wide else []),
            *([Message("mapping_measures", n=len(m.measures))] if m.measures else [])]),
        chosen.note,
    ]
    if m.value_multiplier != 1:
        factor = int(m.value_multiplier) if float(m.value_multiplier).is_integer() else m.value_multiplier
        notes.append(Message("value_multiplier", factor=factor))
    if n_missing:
        notes.append(Message("missing_dropped", n=int(n_missing), rows=int(n_rows)))
    sql = _canonical_sql(m, staged, release, header_line)
    return ParsedSource(source=m.source, release=release, sql=sql, path=path, dataset=m.dataset or path.stem,
                        rows_read=rows_read, notes=tuple(notes), reading=mapping_reading(m, fmt), vintage=chosen.vintage)


def mapping_reading(m: TableMapping, fmt: str) -> str:
    """How a table is read, as canonical JSON: every setting of the mapping (not its file
    name or comments) and the format.  Part of the ingest's identity: the same file read
    with a corrected mapping is a new ingest, which replaces the old one."""
    settings = dataclasses.asdict(m)
    settings.pop("path")
    settings["format"] = fmt
    return json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)


def _delimiter(m: TableMapping, path: Path) -> str | None:
    if m.delimiter is not None and m.delimiter != ",":
        return m.delimiter
    return "\t" if path.suffix.lower() == ".tsv" else m.delimiter


def _relation(con: duckdb.DuckDBPyConnection, path: Path, m: TableMapping, fmt: str) -> tuple[str, tuple[str, ...], int | None]:
    """(relation with every column as VARCHAR plus ``ordinality``, column names, header line)."""
    if fmt == "parquet":
        try:
            cols = tuple(r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_str(str(path))})").fetchall())
        except duckdb.Error as exc:
            raise InputError(path, Problem(Message("map_parquet_unreadable", detail=library_detail(exc, str(exc).splitlines()[0])))) from None
        types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({sql_str(str(path))}))").fetchall())
        casts = ", ".join(f"{_typed_text(_q(c), types.get(c, ''), m.decimal)} AS {_q(c)}" for c in cols)
        rel = f"(SELECT {casts}, file_row_number + 1 AS ordinality FROM read_parquet({sql_str(str(path))}, file_row_number=true))"
        return rel, cols, None
    if fmt == "xlsx":
        return _excel_relation(con, path, m)
    native = DUCKDB_ENCODINGS.get(m.encoding.lower())
    layout = read_header(path, encoding=m.encoding, skip_rows=m.skip_rows, delimiter=_delimiter(m, path))
    if native is not None:
        return read_csv_sql(layout), layout.columns, layout.header_line
    return transcoded_table(con, layout), layout.columns, layout.header_line


def _excel_relation(con: duckdb.DuckDBPyConnection, path: Path, m: TableMapping) -> tuple[str, tuple[str, ...], int]:
    """Load one sheet (:func:`corridor.sources._sheets.open_workbook`) into a TEMP table of
    text cells; line = the sheet's row number."""
    import pyarrow as pa

    with open_workbook(path) as book:
        if m.sheet is not None and m.sheet not in book.names:
            raise InputError(path, Problem(Message("map_no_sheet", sheet=m.sheet, mapping=m.path.name), field="sheet",
                                           expected=", ".join(repr(s) for s in book.names)))
        rows = book.rows(m.sheet if m.sheet is not None else book.names[0]) if book.names else []
    rows = rows[m.skip_rows:]
    if not rows:
        raise InputError(path, Problem(Message("map_sheet_empty"), line=m.skip_rows + 1))
    # a header typed as a number (a year: 2015) is read as a float: named as it shows ('2015')
    columns = tuple("" if h is None else (_cell_text(h, m.decimal) if isinstance(h, float) else str(h)).strip()
                    for h in rows[0][1])
    cells: list[list[str | None]] = [[] for _ in columns]
    ordinals: list[int] = []
    for i, (_line, row) in enumerate(rows[1:], start=1):
        if all(v is None for v in row):
            continue
        ordinals.append(i)
        for j in range(len(columns)):
            cells[j].append(_cell_text(row[j] if j < len(row) else None, m.decimal))
    header_line = m.skip_rows + 1
    # columns without a name and without data (formatting left in the sheet) are dropped
    keep = [j for j, c in enumerate(columns) if c or any(v is not None for v in cells[j])]
    columns, cells = tuple(columns[j] for j in keep), [cells[j] for j in keep]
    _check_header(path, columns, line=header_line)
    data = {f"c{j}": pa.array(col, pa.string()) for j, col in enumerate(cells)}
    data["ordinality"] = pa.array(ordinals, pa.int64())
    table = f"_imp_tbl_{uuid.uuid4().hex[:12]}"
    arrow = pa.table(data)
    con.register(f"{table}_arrow", arrow)
    renames = ", ".join(f"c{j} AS {_q(c)}" for j, c in enumerate(columns))
    con.execute(f"CREATE TEMP TABLE {table} AS SELECT {renames}, ordinality FROM {table}_arrow")
    con.unregister(f"{table}_arrow")
    return table, columns, header_line


def _check_header(path: Path, columns: tuple[str, ...], *, line: int) -> None:
    """Refuse a header row with repeated or empty names between named columns (a merged
    or two-row header: Excel keeps a merged title in its first cell only)."""
    empty = [i for i, c in enumerate(columns) if not c]
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if not empty and not repeated:
        return
    from openpyxl.utils import get_column_letter

    what = (Message("map_empty_cells", cells=", ".join(get_column_letter(i + 1) for i in empty[:10])) if empty else
            Message("map_repeated_names", names=", ".join(repr(c) for c in repeated[:10])))
    raise InputError(path, Problem(Message("map_bad_header", what=what), line=line, field="header",
                                   expected=Message("map_header_expected")))


def _cell_text(v: object, decimal: str = ".") -> str | None:
    """A cell as text.  A typed number (a numeric Excel cell) is written plainly, with the
    mapping's decimal mark and no grouping, so that the mapping's ``thousands`` and
    ``decimal`` settings, meant for numbers printed as text, read it as the number it is
    (120.5 stays 120.5 with ``thousands = "."``)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        if not math.isfinite(v):
            return str(v)
        return format(Decimal(repr(v)), "f").replace(".", decimal)
    if isinstance(v, Decimal):
        return format(v, "f").replace(".", decimal)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


_NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                  "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL", "REAL")


def _typed_text(column: str, sql_type: str, decimal: str) -> str:
    """SQL text of a Parquet column: a typed number written plainly with the mapping's
    decimal mark (see :func:`_cell_text`), anything else cast to VARCHAR."""
    if not sql_type.upper().startswith(_NUMERIC_TYPES):
        return f"CAST({column} AS VARCHAR)"
    if sql_type.upper().startswith(("FLOAT", "DOUBLE", "REAL", "DECIMAL")):
        # no exponent (1e+20), trailing zeros of the fixed point dropped.  A binary float goes
        # through its shortest round-trip text first: DuckDB's DOUBLE -> DECIMAL cast scales in
        # floating point and would change the value in its last digits (30354309408.0 ->
        # 30354309407.9999967232); the text -> DECIMAL cast is exact.
        exact = column if sql_type.upper().startswith("DECIMAL") else f"CAST({column} AS VARCHAR)"
        text = (f"coalesce(rtrim(rtrim(CAST(TRY_CAST({exact} AS DECIMAL(38,10)) AS VARCHAR), '0'), '.'), "
                f"CAST({column} AS VARCHAR))")
    else:
        text = f"CAST({column} AS VARCHAR)"
    return text if decimal == "." else f"replace({text}, '.', {sql_str(decimal)})"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _mapped_columns(m: TableMapping) -> list[tuple[str, str]]:
    """(column, mapping key) for every column the mapping names."""
    out = [(s.column, f"fields.{k}") for k, s in m.fields.items() if s.column is not None]
    for i, meas in enumerate(m.measures):
        out.append((meas.value, f"measures[{i}].value"))
        out += [(s.column, f"measures[{i}].{k}") for k, s in meas.fields.items() if s.column is not None]
    if m.wide is not None:
        out += [(c, "wide.columns") for c in m.wide.columns]
    return out


def _require_mapped_columns(path: Path, m: TableMapping, columns: tuple[str, ...]) -> None:
    missing = [(c, k) for c, k in _mapped_columns(m) if c not in columns]
    if missing:
        raise InputError(path, [
            Problem(Message("map_column_not_in_file", column=c, mapping=m.path.name, key=k), field=c,
                    expected=Message("err_columns", columns=", ".join(repr(x) for x in columns)))
            for c, k in missing
        ])


def _number_checks(m: TableMapping) -> dict[str, NumberCheck]:
    """Every numeric column the mapping reads: values, year/month, quantity."""
    checks: dict[str, NumberCheck] = {}
    for c in _value_columns(m):
        checks[c] = NumberCheck(f"{_missing(m, _q(c))}")
    kinds = {"year": ("SMALLINT", Message("err_a_year_such_as", year=2024)),
             "month": ("TINYINT", Message("err_month_1_12")),
             "quantity": ("DECIMAL(38,10)", Message("err_a_decimal"))}
    specs = [m.fields] + [meas.fields for meas in m.measures]
    for fields in specs:
        for name, (sql_type, expected) in kinds.items():
            spec = fields.get(name)
            if spec is not None and spec.column is not None and not spec.map:
                expr = _missing(m, _q(spec.column)) if name == "quantity" else f"NULLIF(trim({_q(spec.column)}), '')"
                checks[spec.column] = NumberCheck(expr, sql_type, expected=expected, whole=name != "quantity")
    return checks


def _value_columns(m: TableMapping) -> list[str]:
    if m.wide is not None:
        return list(m.wide.columns)
    if m.measures:
        return [meas.value for meas in m.measures]
    return [m.fields["value_usd"].column]  # type: ignore[list-item]


def _missing(m: TableMapping, expr: str) -> str:
    """The number text of ``expr`` or NULL when empty or a missing marker."""
    text = number_text(expr, decimal=m.decimal, thousands=m.thousands)
    markers = ", ".join(sql_str(x) for x in m.missing_markers if x)
    return f"CASE WHEN lower(trim({expr})) IN ({markers}) THEN NULL ELSE {text} END" if markers else text


# -- SQL -----------------------------------------------------------------------------------
def _staged_sql(m: TableMapping, relation: str) -> str:
    """One row per figure: the file's columns plus ``_value`` (number text or NULL),
    ``_value_column`` and, for wide tables, ``_header``; for measures, ``_measure``."""
    if m.wide is not None:
        cols = ", ".join(_q(c) for c in m.wide.columns)
        return (f"(SELECT *, {_missing(m, '_cell')} AS _value, _header AS _value_column, -1 AS _measure FROM "
                f"(SELECT * FROM {relation}) AS _wide UNPIVOT INCLUDE NULLS (_cell FOR _header IN ({cols})))")
    if m.measures:
        parts = [f"SELECT *, {_missing(m, _q(meas.value))} AS _value, {sql_str(meas.value)} AS _value_column, {i} AS _measure "
                 f"FROM {relation}" for i, meas in enumerate(m.measures)]
        return "(" + " UNION ALL ".join(parts) + ")"
    col = m.fields["value_usd"].column
    return f"(SELECT *, {_missing(m, _q(col))} AS _value, {sql_str(col)} AS _value_column, -1 AS _measure FROM {relation})"  # type: ignore[arg-type]


def _spec_sql(name: str, spec: FieldSpec | None) -> str:
    """SQL text of one field (NULL when unmapped), with its value map and the standard
    aliases for flows and HS revisions."""
    if spec is None:
        return "CAST(NULL AS VARCHAR)"
    if spec.const is not None:
        base = sql_str(spec.const)
    else:
        base = f"NULLIF(trim({_q(spec.column)}), '')"  # type: ignore[arg-type]
        if spec.upper:
            base = f"upper({base})"
        if spec.map:
            whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in spec.map.items())
            base = f"CASE {base} {whens} ELSE {base} END"
    if name in ("reporter", "partner"):
        return economy_sql(base)
    if name == "flow":
        return alias_case(base, FLOW_ALIASES)
    if name == "classification":
        return alias_case(base, HS_REVISION_ALIASES)
    return base


def _field_sql(m: TableMapping, name: str) -> str:
    """A field's SQL over the staged relation; with measures, a CASE on ``_measure``."""
    if m.wide is not None and name == m.wide.field:
        return _spec_sql(name, FieldSpec(column="_header", map=m.wide.map))
    overrides = [(i, meas.fields[name]) for i, meas in enumerate(m.measures) if name in meas.fields]
    default = _spec_sql(name, m.fields.get(name))
    if not overrides:
        return default
    whens = " ".join(f"WHEN {i} THEN {_spec_sql(name, s)}" for i, s in overrides)
    return f"CASE _measure {whens} ELSE {default} END"


def _canonical_sql(m: TableMapping, staged: str, release: str, header_line: int | None) -> str:
    f = {name: _field_sql(m, name) for name in FIELDS if name != "value_usd"}
    period_kind = f"COALESCE({f['period_kind']}, 'year')"
    total = "product_level = 'total'"
    line = "CAST(NULL AS BIGINT)" if header_line is None else f"CAST(ordinality + {header_line} AS BIGINT)"
    return f"""
SELECT {sql_str(m.source)} AS source, {sql_str(release)} AS release,
       {f['reporter']} AS reporter, {f['partner']} AS partner, {f['flow']} AS flow,
       CAST({f['year']} AS SMALLINT) AS year, period_kind,
       CAST(COALESCE({f['month']}, CASE WHEN period_kind = 'year' THEN '12' END) AS TINYINT) AS month,
       COALESCE({f['classification']}, CASE WHEN {total} THEN 'TOTAL' END) AS classification,
       product_level,
       COALESCE({f['product_code']}, CASE WHEN {total} THEN 'TOTAL' END) AS product_code,
       {scaled_value('_value', m.value_multiplier)} AS value_usd,
       CAST(CAST({_missing(m, f['quantity'])} AS DECIMAL(38,10)) AS DOUBLE) AS quantity,
       {f['quantity_unit']} AS quantity_unit,
       upper({f['valuation']}) AS valuation,
       {line} AS _line
FROM (SELECT *, {period_kind} AS period_kind, {f['product_level']} AS product_level FROM {staged})
WHERE _value IS NOT NULL
"""
