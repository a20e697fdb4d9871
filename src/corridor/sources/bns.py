"""Importer for the foreign-trade tables of Kazakhstan's Bureau of National Statistics
(stat.gov.kz, «Внешняя торговля»): Excel workbooks by partner country and by region.

Layout (documented with an example in ``docs/sources.md``): one sheet with

* title rows: what the table shows («Внешнеторговый оборот Республики Казахстан по
  странам»), the period («январь-сентябрь 2024 г.») and the unit («тыс. долларов США»);
  a region table may name its partner in the title («... регионов ... с Китаем»);
* a header row (cells may be merged across columns) naming the first column («Страны»,
  «Регионы») and the flows («Внешнеторговый оборот», «Экспорт», «Импорт»), optionally a
  second header row giving each column's period («январь-сентябрь 2023 г.»,
  «январь-сентябрь 2024 г.»); columns «в % к ...» are growth rates and are not read;
* one row per partner country or region, in Russian, with aggregate rows («Всего»,
  «Страны СНГ», «Страны ЕАЭС», «Другие страны», «из них:» ...) and footnotes.

Mapping to the canonical table (source ``bns``):

* period «январь-N YYYY г.» -> cumulative January-N (``ytd``, month N); «N YYYY г.» for one
  month -> ``month``; «YYYY г.» -> ``year``;
* flows: «Экспорт» -> export (FOB), «Импорт» -> import (CIF); turnover columns are exports
  plus imports and are not stored (corridor adds them up itself);
* partners: Russian names through :func:`corridor.reference.national.partner_code`
  (``Китай`` -> ``CHN``); «Всего» / «Итого» is the world (``WLD``); the other aggregates
  (CIS, EAEU, "other countries", continents, "of which") are recognised and not stored, so
  that nothing is counted twice; an unknown name is refused with its row;
* regions: through :func:`corridor.reference.national.kz_region`, including the names
  before and after the changes of 2018 (Shymkent, Turkistan / South Kazakhstan) and 2022
  (Abai, Jetisu, Ulytau); «Республика Казахстан» is ``KAZ``.  A region row is the region's
  trade with the partner of the title (else the world); country rows under a region row are
  that region's trade with the country;
* values times the unit (1000 for «тыс. долларов США»); «-», «…», «х» and empty cells mean
  no figure and are dropped (counted in the notes);
* product: the total (``TOTAL``).

Source: Bureau of National Statistics of the Agency for Strategic Planning and Reforms of
the Republic of Kazakhstan, «Внешняя торговля Республики Казахстан», methodological notes
(exports FOB, imports CIF, partner by country of origin / destination).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from ..errors import ConfigError, InputError, Problem
from ..messages import Message
from ._csv import MAX_PROBLEMS, arrow_temp_table, check_file, file_release
from .base import ParsedSource, sql_str

SOURCE = "bns"

MONTHS_RU: dict[str, int] = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_MONTH = r"(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
_YEAR = r"((?:19|20)\d{2})\s*(?:г\.?|года?)?"
_YTD = re.compile(rf"январ\w*\s*[-–—]\s*{_MONTH}\s+{_YEAR}", re.IGNORECASE)
_ONE = re.compile(rf"(?<![-–—\w]){_MONTH}\s+{_YEAR}", re.IGNORECASE)
_ANNUAL = re.compile(rf"(?<![\w-]){_YEAR}(?![\w-])", re.IGNORECASE)
UNITS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(r"млрд\.?\s*доллар", re.IGNORECASE), 1_000_000_000, "billions"),
    (re.compile(r"млн\.?\s*доллар", re.IGNORECASE), 1_000_000, "millions"),
    (re.compile(r"тыс\.?\s*доллар", re.IGNORECASE), 1_000, "thousands"),
    (re.compile(r"^\s*доллар\w*\s+США", re.IGNORECASE), 1, "units"),
)
FLOW_WORDS: tuple[tuple[str, str], ...] = (("экспорт", "export"), ("импорт", "import"), ("оборот", "turnover"))
#: Aggregate rows: «Всего» is the world; the others are groups of countries, not stored.
WORLD_ROWS: tuple[str, ...] = ("всего", "итого", "всего по республике", "всего по рк", "мир", "все страны")
AGGREGATE_ROWS: tuple[str, ...] = (
    "страны снг", "снг", "страны еаэс", "еаэс", "страны таможенного союза", "другие страны", "остальные страны",
    "прочие страны", "страны дальнего зарубежья", "дальнее зарубежье", "страны ес", "ес", "европейский союз",
    "страны европейского союза", "страны оэср", "страны азии", "азия", "европа", "страны европы", "америка",
    "страны америки", "африка", "страны африки", "океания", "австралия и океания", "из них", "в том числе",
    "в т.ч", "в т. ч", "из них по странам", "страны", "прочие", "не распределено по странам",
)
COUNTRY_REPORTER = ("республика казахстан", "казахстан", "рк")
NONE_MARKERS: tuple[str, ...] = ("", "-", "–", "—", "…", "...", "х", "x", "0,0*")
_FOOTNOTE_ROW = re.compile(r"^(примечани|источник|\d\)|\*|сноск|данные\s)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Column:
    """A value column: its sheet index, flow and period (year, period kind, month)."""

    index: int
    flow: str
    year: int
    period_kind: str
    month: int


def period_of(text: str) -> tuple[int, str, int] | None:
    """(year, period_kind, month) of a printed period: «январь-сентябрь 2024 г.» ->
    (2024, 'ytd', 9); «сентябрь 2024 г.» -> (2024, 'month', 9); «январь 2024 г.» ->
    (2024, 'ytd', 1); «2024 г.» -> (2024, 'year', 12); else ``None``."""
    t = str(text).replace("ё", "е")
    if m := _YTD.search(t):
        return int(m.group(2)), "ytd", _month(m.group(1))
    if m := _ONE.search(t):
        month = _month(m.group(1))
        return int(m.group(2)), ("ytd" if month == 1 else "month"), month
    if m := _ANNUAL.search(t):
        return int(m.group(1)), "year", 12
    return None


def _month(word: str) -> int:
    w = word.lower()
    for stem, n in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    raise ValueError(word)


def detect(path: Path) -> str | None:
    """``"bns"`` for an .xlsx workbook whose first sheet's top rows name «Экспорт» and
    «Импорт» and a unit «... долларов США»; else ``None``."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        rows = _sheet_rows(path, limit=12)
    except (InputError, OSError):
        return None
    text = " ".join(str(v) for _, row in rows for v in row if v is not None).lower()
    return SOURCE if "экспорт" in text and "импорт" in text and "доллар" in text else None


def _sheet_rows(path: Path, *, limit: int | None = None) -> list[tuple[int, tuple]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException for bad files
        raise InputError(path, Problem(Message("map_xlsx_unreadable", detail=str(exc)))) from None
    try:
        ws = wb.worksheets[0]
        out = []
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if limit is not None and i > limit:
                break
            out.append((i, tuple(row)))
        return out
    finally:
        wb.close()


def _text(v: object) -> str:
    return "" if v is None else re.sub(r"\s+", " ", str(v)).strip()


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse a BNS foreign-trade table (.xlsx) into a SELECT of the canonical columns."""
    if options:
        raise ConfigError(Message("err_no_options", importer="BNS", options=", ".join(sorted(options))))
    path = Path(path)
    check_file(path)
    rows = _sheet_rows(path)
    header_at = next((i for i, (_, row) in enumerate(rows)
                      if {"export", "import"} <= {f for v in row for w, f in FLOW_WORDS if w in _text(v).lower()}), None)
    if header_at is None:
        raise InputError(path, Problem(Message("bns_no_header"), line=1, expected=Message("bns_table_expected")))
    titles = [_text(v) for _, row in rows[:header_at] for v in row if _text(v)]
    multiplier, unit = _unit(path, titles + [_text(v) for _, row in rows[header_at:header_at + 2] for v in row])
    title_period = next((p for t in titles if (p := period_of(t))), None)
    columns, data_at = _columns(path, rows, header_at, title_period)
    title_partner = _title_partner(titles)
    records, dropped, skipped = _records(path, rows[data_at:], columns, multiplier, title_partner)
    periods = sorted({(c.year, c.period_kind, c.month) for c in columns})
    years = " UNION ALL ".join(f"SELECT {int(y)} AS year, {int(mo)} AS month" for y, _, mo in periods) or "SELECT NULL AS year, NULL AS month"
    chosen = file_release(con, path, years, given=release, monthly=True)
    release = chosen.label
    notes = [
        chosen.note,
        Message("bns_table", title=titles[0] if titles else path.stem, unit=unit, multiplier=multiplier),
        Message("bns_periods", periods=", ".join(_label(*p) for p in periods)),
        Message("bns_aggregates"),
    ]
    if title_partner:
        notes.append(Message("partner_from_title", partner=title_partner))
    if skipped:
        notes.append(Message("aggregates_skipped", n=len(skipped), rows=", ".join(sorted(set(skipped)))[:300]))
    if dropped:
        notes.append(Message("empty_cells", n=int(dropped)))
    changed = sorted({r[0] for r in records if r[0] in _changes() and r[3] < _changes()[r[0]][0]})
    for code in changed:
        year, what = _changes()[code]
        notes.append(Message("territory", code=code, year=year, what=what))
    table = _table(con, records)
    sql = f"""
SELECT {sql_str(SOURCE)} AS source, {sql_str(release)} AS release, reporter, partner, flow,
       CAST(year AS SMALLINT) AS year, period_kind, CAST(month AS TINYINT) AS month,
       'TOTAL' AS classification, 'total' AS product_level, 'TOTAL' AS product_code,
       value_usd, CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
       CASE flow WHEN 'export' THEN 'FOB' ELSE 'CIF' END AS valuation, _line
FROM {table}
"""
    return ParsedSource(source=SOURCE, release=release, sql=sql, path=path, dataset=f"BNS: {path.stem}",
                        rows_read=len(rows) - data_at, notes=tuple(notes), vintage=chosen.vintage)


def _label(year: int, kind: str, month: int) -> str:
    from ..schema import period_label

    return period_label(year, kind, month)


@cache
def _changes() -> dict[str, tuple[int, str]]:
    from ..reference.national import region_changes

    return region_changes()


def _unit(path: Path, texts: list[str]) -> tuple[int, str]:
    for t in texts:
        for pattern, factor, name in UNITS:
            if pattern.search(t):
                return factor, name
    raise InputError(path, Problem(Message("bns_no_unit"), line=1, expected=Message("bns_unit_expected")))


def _columns(path: Path, rows: list[tuple[int, tuple]], header_at: int,
             title_period: tuple[int, str, int] | None) -> tuple[list[Column], int]:
    """The value columns (flow from the header row, merged cells carried to the right;
    period from the row below when it gives one, else from the title) and the index of
    the first data row."""
    line, header = rows[header_at]
    flows, current = [], None
    for j, v in enumerate(header):
        t = _text(v).lower()
        if j == 0:
            flows.append(None)
            continue
        if t:
            current = next((f for w, f in FLOW_WORDS if w in t), None)
        flows.append(current)
    sub = rows[header_at + 1][1] if header_at + 1 < len(rows) else ()
    sub_periods = [period_of(_text(v)) if "%" not in _text(v) else "pct" for v in sub]
    has_sub = any(isinstance(p, tuple) for p in sub_periods)
    columns = []
    for j, flow in enumerate(flows):
        if flow in (None, "turnover"):
            continue
        if has_sub:
            p = sub_periods[j] if j < len(sub_periods) else None
            if p == "pct" or p is None:
                continue
        elif "%" in _text(header[j]):
            continue
        else:
            p = title_period
        if p is None:
            raise InputError(path, Problem(Message("bns_no_period"), line=line, expected=Message("bns_period_expected")))
        columns.append(Column(j, flow, *p))
    if not columns:
        raise InputError(path, Problem(Message("bns_no_value_columns"), line=line))
    return columns, header_at + (2 if has_sub else 1)


@cache
def _instrumental_index() -> dict[str, str]:
    """Russian instrumental forms of country names («Китаем», «Россией», «Узбекистаном»)
    -> code, for a partner named in a title («... с Китаем»)."""
    from ..reference import economies

    out: dict[str, str] = {}
    table = economies()
    for name, code in zip(table["name_ru"], table["code"]):
        n = str(name).strip().lower()
        forms = {n + "ом"}
        if n.endswith("й"):
            forms.add(n[:-1] + "ем")
        if n.endswith("я"):
            forms.add(n[:-1] + "ей")
        if n.endswith("а"):
            forms.add(n[:-1] + "ой")
        for f in forms:
            out.setdefault(f, code)
    out.update({"китаем": "CHN", "кнр": "CHN", "россией": "RUS", "рф": "RUS"})
    return out


def _title_partner(titles: list[str]) -> str | None:
    index = _instrumental_index()
    for t in titles:
        for m in re.finditer(r"(?:^|\s)(?:с|со)\s+([А-Яа-яЁё\- ]+)", t):
            words = m.group(1).lower().split()
            for n in range(min(4, len(words)), 0, -1):
                hit = index.get(" ".join(words[:n]))
                if hit:
                    return hit
    return None


def _number(v: object) -> float | None | str:
    """A cell's number; ``None`` for a none marker; the text for anything else."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    t = str(v).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if t.lower() in NONE_MARKERS:
        return None
    t = re.sub(r"\d\)$|\*+$", "", t).replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return str(v)


def _records(path: Path, rows: list[tuple[int, tuple]], columns: list[Column], multiplier: int,
             title_partner: str | None) -> tuple[list[tuple], int, list[str]]:
    """(reporter, partner, flow, year, kind, month, value_usd, line) per figure, the number
    of empty cells, and the names of the aggregate rows left out."""
    from ..reference.national import kz_region, name_key, partner_code

    region_partner = title_partner or "WLD"
    reporter = "KAZ"
    out: list[tuple] = []
    seen: set[tuple] = set()
    skipped: list[str] = []
    dropped = 0
    problems: list[Problem] = []
    for line, row in rows:
        name = _text(row[0] if row else None)
        values = [(_number(row[c.index]) if c.index < len(row) else None) for c in columns]
        if not name and all(v is None for v in values):
            continue
        if not name or _FOOTNOTE_ROW.match(name) and all(v is None or isinstance(v, str) for v in values):
            continue
        key = name_key(name)
        if key.rstrip(":") in AGGREGATE_ROWS:
            skipped.append(name)
            continue
        if key in COUNTRY_REPORTER:
            reporter, partner = "KAZ", region_partner
        elif (region := kz_region(name)) is not None:
            reporter, partner = region, region_partner
        elif key in WORLD_ROWS:
            partner = "WLD"
        elif (country := partner_code(name, "bns")) is not None:
            partner = country
        else:
            problems.append(Problem(Message("bns_unknown_partner"), line=line, field="A", value=name,
                                    expected=Message("bns_partner_expected")))
            continue
        for c, v in zip(columns, values):
            if v is None:
                dropped += 1
                continue
            if isinstance(v, str):
                problems.append(Problem(Message("err_not_a_number"), line=line, field=_col_letter(c.index), value=v,
                                        expected=Message("bns_number_expected")))
                continue
            k = (reporter, partner, c.flow, c.year, c.period_kind, c.month)
            if k in seen:  # «Всего» right after the region row that already gave it
                continue
            seen.add(k)
            out.append((*k, v * multiplier, line))
    if problems:
        raise InputError(path, problems[:MAX_PROBLEMS], total=len(problems))
    if not out:
        raise InputError(path, Problem(Message("bns_no_figures"), line=rows[0][0] if rows else None))
    return out, dropped, skipped


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _table(con: duckdb.DuckDBPyConnection, records: list[tuple]) -> str:
    import pyarrow as pa

    names = ("reporter", "partner", "flow", "year", "period_kind", "month", "value_usd", "_line")
    cols = list(zip(*records))
    types = (pa.string(), pa.string(), pa.string(), pa.int16(), pa.string(), pa.int8(), pa.float64(), pa.int64())
    arrow = pa.table({n: pa.array(c, t) for n, c, t in zip(names, cols, types)})
    return arrow_temp_table(con, arrow, prefix="_imp_bns_")
