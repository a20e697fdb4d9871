"""Reading a roadmap file: CSV, XLSX, TOML or YAML -> validated :class:`Target` records.

Every row is checked and every problem collected (file, line, field, value, what was
expected) before anything is returned: a file with one bad row is refused whole
(:class:`corridor.errors.InputError`, "Nothing was stored.").  Columns: see
:data:`corridor.roadmap.model.COLUMNS` and ``docs/roadmap.md``.

- CSV: UTF-8 (a BOM is allowed), comma-separated, a header row; lines counted from the
  header (line 1).
- XLSX: the sheet named ``roadmap``, else the first; header in row 1, rows are lines.
- TOML: an array of tables ``[[target]]``; YAML: a list under ``targets:``.  Their
  problems name the target by its position (``target[3]``) since a table has no line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, Problem
from ..util import cell_text
from .model import (
    COLUMNS, DIRECTIONS, INDICATOR_UNIT, INDICATORS, PRODUCT_INDICATORS, REQUIRED_COLUMNS, STATISTICS, UNITS,
    Target,
)

SUFFIXES = (".csv", ".xlsx", ".toml", ".yaml", ".yml")
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
CODE_RE = re.compile(r"\d{2}|\d{4}|\d{6}")
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
YEARS = (1950, 2100)
Row = tuple[int | None, str, dict[str, str]]  # (line, label, raw values)


def read_roadmap(path: str | Path) -> tuple[Target, ...]:
    """The targets of the roadmap file at ``path``; InputError listing every problem."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, Problem("unsupported roadmap format", value=path.suffix or "(none)",
                                       expected="a .csv, .xlsx, .toml or .yaml file"))
    rows = list(_rows(path, suffix))
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: dict[str, str] = {}
    for line, label, raw in rows:
        target, found = parse_row(raw, line=line, label=label)
        if target is not None and target.id in seen:
            found.append(Problem(f"duplicate target id (first at {seen[target.id]})", line=line,
                                 field=_field(label, "id"), value=target.id, expected="a unique id"))
        elif target is not None:
            seen[target.id] = f"line {line}" if line is not None else label
        problems += found
        if target is not None and not found:
            targets.append(target)
    if not rows:
        problems.append(Problem("the roadmap has no targets", expected="at least one row"))
    if problems:
        raise InputError(path, problems)
    return tuple(targets)


def _field(label: str, name: str) -> str:
    return f"{label}.{name}" if label else name


def _rows(path: Path, suffix: str) -> Iterator[Row]:
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix == ".xlsx":
        yield from _xlsx_rows(path)
    else:
        yield from _table_rows(path, suffix)


def _check_header(path: Path, header: list[str], line: int | None = 1) -> None:
    header = [h.strip() for h in header]
    problems = [Problem("missing column", line=line, field=c, expected=f"the columns {', '.join(REQUIRED_COLUMNS)}")
                for c in REQUIRED_COLUMNS if c not in header]
    problems += [Problem("unknown column", line=line, field=c or "(empty)", expected=f"one of {', '.join(COLUMNS)}")
                 for c in header if c not in COLUMNS]
    if problems:
        raise InputError(path, problems)


def _csv_rows(path: Path) -> Iterator[Row]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, Problem("the file is not UTF-8 text", expected="a UTF-8 CSV file")) from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise InputError(path, "the file is empty; expected a header row and one row per target")
    _check_header(path, header)
    names = [h.strip() for h in header]
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            raise InputError(path, Problem(f"{len(values)} fields in this row, {len(names)} in the header", line=line,
                                           expected="one field per column (quote values holding commas)"))
        yield line, "", dict(zip(names, values))


def _xlsx_rows(path: Path) -> Iterator[Row]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(path, Problem(f"cannot read the workbook: {exc}", expected="an .xlsx workbook")) from exc
    try:
        sheet = book["roadmap"] if "roadmap" in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(path, "the sheet is empty; expected a header row and one row per target")
        names = [("" if h is None else str(h)).strip() for h in header]
        while names and not names[-1]:
            names.pop()
        _check_header(path, names)
        for n, values in enumerate(rows, start=2):
            cells = [cell_text(v) for v in values[:len(names)]]
            if any(c.strip() for c in cells):
                yield n, "", dict(zip(names, cells + [""] * (len(names) - len(cells))))
    finally:
        book.close()


def _table_rows(path: Path, suffix: str) -> Iterator[Row]:
    text = path.read_text(encoding="utf-8")
    try:
        if suffix == ".toml":
            import tomllib

            data = tomllib.loads(text).get("target", [])
        else:
            import yaml

            data = (yaml.safe_load(text) or {}).get("targets", [])
    except Exception as exc:  # noqa: BLE001 - TOML and YAML parsers say where
        raise InputError(path, Problem(f"cannot parse the file: {exc}")) from exc
    key = "target" if suffix == ".toml" else "targets"
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise InputError(path, Problem("targets are not a list of tables", field=key,
                                       expected="[[target]] tables (TOML) or a list under targets: (YAML)"))
    for i, item in enumerate(data, start=1):
        label = f"{key}[{i}]"
        unknown = [k for k in item if k not in COLUMNS]
        if unknown:
            raise InputError(path, [Problem("unknown field", field=f"{label}.{k}", expected=f"one of {', '.join(COLUMNS)}")
                                    for k in unknown])
        yield None, label, {k: cell_text(" ".join(v) if isinstance(v, list) else v) for k, v in item.items()}


def parse_row(raw: dict[str, str], *, line: int | None = None, label: str = "") -> tuple[Target | None, list[Problem]]:
    """One target from its raw text values, and the problems found in them."""
    v = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    problems: list[Problem] = []

    def bad(name: str, message: str, expected: str) -> None:
        problems.append(Problem(message, line=line, field=_field(label, name), value=v[name] or None,
                                expected=expected))

    for name in ("id", "title", "indicator", "reporter", "partner", "unit", "target_year", "baseline_year",
                 "announced", "announced_by", "source"):
        if not v[name]:
            bad(name, "empty value", "a value (required column)")
    if v["id"] and not ID_RE.fullmatch(v["id"]):
        bad("id", "not a valid id", "letters, digits, '.', '_' or '-' (up to 64)")
    if v["indicator"] and v["indicator"] not in INDICATORS:
        bad("indicator", "unknown indicator", f"one of {', '.join(INDICATORS)}")
    if v["unit"] and v["unit"] not in UNITS:
        bad("unit", "unknown unit", f"one of {', '.join(UNITS)}")
    elif v["unit"] and v["indicator"] in INDICATOR_UNIT and INDICATOR_UNIT[v["indicator"]] != v["unit"]:
        bad("unit", f"{v['indicator']} is measured in {INDICATOR_UNIT[v['indicator']]}", INDICATOR_UNIT[v["indicator"]])
    economies = _economies()
    for name in ("reporter", "partner"):
        if v[name] and v[name] not in economies:
            bad(name, "unknown economy", "an ISO 3166-1 alpha-3 code, an ISO 3166-2 region (CN-XJ, KZ-75) or a group")
    if v["reporter"] and v["reporter"] == v["partner"]:
        bad("partner", "the partner is the reporter", "two different economies")
    years = {}
    for name in ("target_year", "baseline_year"):
        if v[name]:
            y = _int(v[name])
            if y is None or not YEARS[0] <= y <= YEARS[1]:
                bad(name, "not a year", f"an integer year {YEARS[0]}-{YEARS[1]}")
            else:
                years[name] = y
    if len(years) == 2 and years["baseline_year"] >= years["target_year"]:
        bad("baseline_year", f"not before the target year {years['target_year']}", "a year before target_year")
    if v["announced"] and not (DATE_RE.fullmatch(v["announced"]) and _date_ok(v["announced"])):
        bad("announced", "not a date", "YYYY-MM-DD, YYYY-MM or YYYY")
    value = _num(v["target_value"]) if v["target_value"] else None
    growth = _num(v["target_growth_pct"]) if v["target_growth_pct"] else None
    if v["target_value"] and value is None:
        bad("target_value", "not a number", "a number (USD, a count, or a share 0..1), no thousands separators")
    if v["target_growth_pct"] and growth is None:
        bad("target_growth_pct", "not a number", "a percentage, e.g. 50 for +50 %")
    if not v["target_value"] and not v["target_growth_pct"]:
        bad("target_value", "no target", "target_value or target_growth_pct")
    elif v["target_value"] and v["target_growth_pct"]:
        bad("target_growth_pct", "both a target value and a growth target", "only one of target_value and target_growth_pct")
    if value is not None and v["unit"] == "share" and not 0 <= value <= 1:
        bad("target_value", "a share outside 0..1", "a fraction between 0 and 1 (0.25 = 25 %)")
    if value is not None and v["unit"] == "count" and (value < 0 or not float(value).is_integer()):
        bad("target_value", "not a count", "a whole number >= 0")
    if growth is not None and growth <= -100:
        bad("target_growth_pct", "a fall of 100 % or more", "a percentage above -100")
    direction = v["direction"] or "increase"
    if direction not in DIRECTIONS:
        bad("direction", "unknown direction", f"one of {', '.join(DIRECTIONS)}")
    statistics = v["statistics"] or "both"
    if statistics not in STATISTICS:
        bad("statistics", "unknown statistics", f"one of {', '.join(STATISTICS)}")
    codes = tuple(c for c in re.split(r"[\s;,|]+", v["product_codes"]) if c)
    if codes and any(not CODE_RE.fullmatch(c) for c in codes):
        bad("product_codes", "not HS codes", "HS codes of 2, 4 or 6 digits separated by spaces or ';'")
    if v["indicator"] in PRODUCT_INDICATORS and not codes:
        bad("product_codes", f"{v['indicator']} needs product codes", "HS codes, e.g. '1001 1205'")
    if problems:
        return None, problems
    return Target(
        id=v["id"], title=v["title"], indicator=v["indicator"], reporter=v["reporter"], partner=v["partner"],  # type: ignore[arg-type]
        unit=v["unit"], target_year=years["target_year"], baseline_year=years["baseline_year"],  # type: ignore[arg-type]
        announced=v["announced"], announced_by=v["announced_by"], source=v["source"], target_value=value,
        target_growth_pct=growth, title_ru=v["title_ru"], direction=direction, statistics=statistics,  # type: ignore[arg-type]
        product_codes=codes, notes=v["notes"], line=line,
    ), []


def _economies() -> frozenset[str]:
    from ..reference import economy_codes

    return frozenset(economy_codes())


def _int(text: str) -> int | None:
    try:
        f = float(text)
    except ValueError:
        return None
    return int(f) if f.is_integer() else None


def _num(text: str) -> float | None:
    try:
        f = float(text.replace("_", ""))
    except ValueError:
        return None
    return f if f == f and abs(f) != float("inf") else None


def _date_ok(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True
