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
from ..messages import Message, library_detail

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
        raise InputError(path, Problem(Message("err_no_such_file")))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, Problem(Message("rmap_unsupported"), value=path.suffix or Message("rmap_none"),
                                       expected=Message("rmap_formats")))
    rows = list(_rows(path, suffix))
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: dict[str, str] = {}
    for line, label, raw in rows:
        target, found = parse_row(raw, line=line, label=label)
        if target is not None and target.id in seen:
            found.append(Problem(Message("rmap_duplicate_id", first=seen[target.id]), line=line,
                                 field=_field(label, "id"), value=target.id, expected=Message("rmap_unique_id")))
        elif target is not None:
            seen[target.id] = Message("err_at_line", line=line) if line is not None else label
        problems += found
        if target is not None and not found:
            targets.append(target)
    if not rows:
        problems.append(Problem(Message("rmap_no_targets"), expected=Message("rmap_one_row")))
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
    problems = [Problem(Message("deal_missing_column"), line=line, field=c, expected=Message("rmap_the_columns", columns=", ".join(REQUIRED_COLUMNS)))
                for c in REQUIRED_COLUMNS if c not in header]
    problems += [Problem(Message("deal_unknown_column"), line=line, field=c or Message("rmap_empty_name"), expected=Message("err_one_of_plain", values=", ".join(COLUMNS)))
                 for c in header if c not in COLUMNS]
    if problems:
        raise InputError(path, problems)


def _csv_rows(path: Path) -> Iterator[Row]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, Problem(Message("rmap_not_utf8"), expected=Message("rmap_utf8_csv"))) from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise InputError(path, Problem(Message("err_file_empty"), expected=Message("rmap_header_rows")))
    _check_header(path, header)
    names = [h.strip() for h in header]
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            raise InputError(path, Problem(Message("rmap_fields", n=len(values), header=len(names)), line=line,
                                           expected=Message("rmap_one_field")))
        yield line, "", dict(zip(names, values))


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from ..sources._sheets import open_workbook

    with open_workbook(path, expected=Message("rmap_xlsx")) as book:
        rows = book.rows("roadmap" if "roadmap" in book.names else book.names[0]) if book.names else []
    if not rows:
        raise InputError(path, Problem(Message("map_sheet_empty"), expected=Message("rmap_header_rows")))
    names = [("" if h is None else str(h)).strip() for h in rows[0][1]]
    while names and not names[-1]:
        names.pop()
    _check_header(path, names)
    for n, values in rows[1:]:
        cells = [cell_text(v) for v in values[:len(names)]]
        if any(c.strip() for c in cells):
            yield n, "", dict(zip(names, cells + [""] * (len(names) - len(cells))))


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
        raise InputError(path, Problem(Message("rmap_cannot_parse", detail=library_detail(exc)))) from exc
    key = "target" if suffix == ".toml" else "targets"
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise InputError(path, Problem(Message("rmap_not_list"), field=key,
                                       expected=Message("rmap_list_expected")))
    for i, item in enumerate(data, start=1):
        label = f"{key}[{i}]"
        unknown = [k for k in item if k not in COLUMNS]
        if unknown:
            raise InputError(path, [Problem(Message("map_unknown_field_short"), field=f"{label}.{k}", expected=Message("err_one_of_plain", values=", ".join(COLUMNS)))
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
            bad(name, Message("rmap_empty"), Message("rmap_required"))
    if v["id"] and not ID_RE.fullmatch(v["id"]):
        bad("id", Message("rmap_bad_id"), Message("rmap_id_expected"))
    if v["indicator"] and v["indicator"] not in INDICATORS:
        bad("indicator", Message("rmap_unknown_indicator"), Message("err_one_of_plain", values=", ".join(INDICATORS)))
    if v["unit"] and v["unit"] not in UNITS:
        bad("unit", Message("rmap_unknown_unit"), Message("err_one_of_plain", values=", ".join(UNITS)))
    elif v["unit"] and v["indicator"] in INDICATOR_UNIT and INDICATOR_UNIT[v["indicator"]] != v["unit"]:
        bad("unit", Message("rmap_measured_in", indicator=v["indicator"], unit=INDICATOR_UNIT[v["indicator"]]),
            INDICATOR_UNIT[v["indicator"]])
    economies = _economies()
    for name in ("reporter", "partner"):
        if v[name] and v[name] not in economies:
            bad(name, Message("deal_unknown_economy"), Message("rmap_economy_expected"))
    if v["reporter"] and v["reporter"] == v["partner"]:
        bad("partner", Message("rmap_partner_is_reporter"), Message("deal_two_economies"))
    years = {}
    for name in ("target_year", "baseline_year"):
        if v[name]:
            y = _int(v[name])
            if y is None or not YEARS[0] <= y <= YEARS[1]:
                bad(name, Message("rmap_not_year"), Message("rmap_year_range", y0=YEARS[0], y1=YEARS[1]))
            else:
                years[name] = y
    if len(years) == 2 and years["baseline_year"] >= years["target_year"]:
        bad("baseline_year", Message("rmap_not_before", year=years["target_year"]), Message("rmap_year_before"))
    if v["announced"] and not (DATE_RE.fullmatch(v["announced"]) and _date_ok(v["announced"])):
        bad("announced", Message("deal_not_date"), Message("rmap_date_expected"))
    value = _num(v["target_value"]) if v["target_value"] else None
    growth = _num(v["target_growth_pct"]) if v["target_growth_pct"] else None
    if v["target_value"] and value is None:
        bad("target_value", Message("err_not_a_number"), Message("rmap_number_expected"))
    if v["target_growth_pct"] and growth is None:
        bad("target_growth_pct", Message("err_not_a_number"), Message("rmap_pct_expected"))
    if not v["target_value"] and not v["target_growth_pct"]:
        bad("target_value", Message("rmap_no_target"), Message("rmap_value_or_growth"))
    elif v["target_value"] and v["target_growth_pct"]:
        bad("target_growth_pct", Message("rmap_both"), Message("rmap_only_one"))
    if value is not None and v["unit"] == "share" and not 0 <= value <= 1:
        bad("target_value", Message("rmap_share_outside"), Message("rmap_fraction"))
    if value is not None and v["unit"] == "count" and (value < 0 or not float(value).is_integer()):
        bad("target_value", Message("rmap_not_count"), Message("rmap_whole_ge0"))
    if growth is not None and growth <= -100:
        bad("target_growth_pct", Message("rmap_fall"), Message("rmap_above_minus_100"))
    direction = v["direction"] or "increase"
    if direction not in DIRECTIONS:
        bad("direction", Message("rmap_unknown_direction"), Message("err_one_of_plain", values=", ".join(DIRECTIONS)))
    statistics = v["statistics"] or "both"
    if statistics not in STATISTICS:
        bad("statistics", Message("rmap_unknown_statistics"), Message("err_one_of_plain", values=", ".join(STATISTICS)))
    codes = tuple(c for c in re.split(r"[\s;,|]+", v["product_codes"]) if c)
    if codes and any(not CODE_RE.fullmatch(c) for c in codes):
        bad("product_codes", Message("rmap_not_hs"), Message("rmap_hs_expected"))
    if v["indicator"] in PRODUCT_INDICATORS and not codes:
        bad("product_codes", Message("rmap_needs_codes", indicator=v["indicator"]), Message("rmap_hs_example"))
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
