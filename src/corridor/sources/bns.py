"""Importer for the foreign-trade tables of Kazakhstan's Bureau of National Statistics
(stat.gov.kz, «Внешняя торговля»): Excel workbooks by partner country and by region, in
Russian or in their English versions.

Layout (documented with an example in ``docs/sources.md``): an .xlsx or a legacy .xls
(Excel 97-2003) workbook; every sheet holding a table is read (one sheet per period or per
flow), sheets without one (notes) are skipped.  A table has

* title rows: what the table shows («Внешнеторговый оборот Республики Казахстан по
  странам», "Foreign trade turnover of the Republic of Kazakhstan by countries"), the
  period («январь-сентябрь 2024 г.», "January-September 2024") and the unit («тыс.
  долларов США», «тыс. долл. США», "thousand US dollars"; also at the end of the title);
  a region table may name its partner in the title («... регионов ... с Китаем», "... with
  China");
* a header row (cells may be merged across columns) naming the first column («Страны»,
  «Регионы») and the flows («Внешнеторговый оборот», «Экспорт», «Импорт»; "Export",
  "Import") in two cells, with each column's period in the row below («январь-сентябрь
  2023 г.», ...) or above (merged over its flows), else in the title; columns «в % к ...»
  are growth rates and are not read.  Or, in a table of one flow (its title «Экспорт
  товаров по регионам»), a header row of periods: the columns are the periods;
* one row per partner country or region (any case, indented, footnote marks glued on:
  «Китай1)», «Китай*»), with aggregate rows («Всего», «Страны СНГ», «Страны ЕАЭС», «Другие
  страны», «из них:»; "Total", "CIS countries", "EAEU countries", "of which:" ...) and
  footnotes; numbers as numbers or as text («1 234,5» with spaces or non-breaking spaces,
  "11,000,000.0").

Mapping to the canonical table (source ``bns``):

* period «январь-N YYYY г.» / "January-N YYYY" -> cumulative January-N (``ytd``, month N;
  «январь-декабрь» is January-December, which the store takes as the year when no annual
  figure is stored); «N YYYY г.» for one month -> ``month``; «YYYY г.» -> ``year``;
* flows: «Экспорт» -> export (FOB), «Импорт» -> import (CIF); turnover columns are exports
  plus imports and are not stored (corridor adds them up itself);
* partners: Russian or English names through :func:`corridor.reference.national.partner_code`
  (``Китай`` -> ``CHN``); «Всего» / «Итого» / "Total" is the world (``WLD``); the other aggregates
  (CIS, EAEU, "other countries", continents, "of which") are recognised and not stored, so
  that nothing is counted twice; an unknown name is refused with its row;
* regions: through :func:`corridor.reference.national.kz_region`, including the names
  before and after the changes of 2018 (Shymkent, Turkistan / South Kazakhstan) and 2022
  (Abai, Jetisu, Ulytau), and the English names ("Almaty region", "Shymkent city");
  «Республика Казахстан» / "Republic of Kazakhstan" is ``KAZ``.  A region row is the region's
  trade with the partner of the title (else the world); country rows under a region row are
  that region's trade with the country;
* values times the unit (1000 for «тыс. долларов США»); «-», «…», «х» and empty cells mean
  no figure and are dropped (counted in the notes); a figure two sheets both give must
  agree (kept once), else the file is refused naming both;
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
from ..util import cell_text
from ._csv import MAX_PROBLEMS, arrow_temp_table, check_file, file_release
from ._sheets import WORKBOOK_SUFFIXES, workbook_sheets
from .base import ParsedSource, sql_str

SOURCE = "bns"

MONTHS_RU: dict[str, int] = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_MONTH = r"(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
_YEAR = r"((?:19|20)\d{2})\s*(?:г\.?|года?)?"
MONTHS_EN: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12,
}
_MONTH_EN = r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_YTD = re.compile(rf"январ\w*\s*[-–—]\s*{_MONTH}\s+{_YEAR}", re.IGNORECASE)
_ONE = re.compile(rf"(?<![-–—\w]){_MONTH}\s+{_YEAR}", re.IGNORECASE)
_YTD_EN = re.compile(rf"\bjan[a-z]*\.?\s*[-–—]\s*{_MONTH_EN},?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
_ONE_EN = re.compile(rf"(?<![-–—\w]){_MONTH_EN},?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
_ANNUAL = re.compile(rf"(?<![\w-]){_YEAR}(?![\w-])", re.IGNORECASE)
UNITS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(r"млрд\.?\s*долл|billions?\s+(?:of\s+)?US\s*dollars|billions?\s+(?:of\s+)?USD", re.IGNORECASE),
     1_000_000_000, "billions"),
    (re.compile(r"млн\.?\s*долл|millions?\s+(?:of\s+)?US\s*dollars|millions?\s+(?:of\s+)?USD", re.IGNORECASE),
     1_000_000, "millions"),
    (re.compile(r"тыс\.?\s*долл|thous(?:and)?s?\.?\s+(?:of\s+)?US\s*dollars|thous(?:and)?s?\.?\s+(?:of\s+)?USD",
                re.IGNORECASE), 1_000, "thousands"),
    (re.compile(r"^\s*долл\w*\.?\s+США|^\s*US\s*dollars", re.IGNORECASE), 1, "units"),
)
FLOW_WORDS: tuple[tuple[str, str], ...] = (("экспорт", "export"), ("импорт", "import"), ("оборот", "turnover"),
                                           ("export", "export"), ("import", "import"), ("turnover", "turnover"))
#: Aggregate rows: «Всего» / "Total" is the world; the others are groups of countries, not stored.
WORLD_ROWS: tuple[str, ...] = ("всего", "итого", "всего по республике", "всего по рк", "мир", "все страны", "total",
                               "world", "all countries", "total for the republic")
AGGREGATE_ROWS: tuple[str, ...] = (
    "страны снг", "снг", "страны еаэс", "еаэс", "страны таможенного союза", "другие страны", "остальные страны",
    "прочие страны", "страны дальнего зарубежья", "дальнее зарубежье", "страны ес", "ес", "европейский союз",
    "страны европейского союза", "страны оэср", "страны азии", "азия", "европа", "страны европы", "америка",
    "страны америки", "африка", "страны африки", "океания", "австралия и океания", "из них", "в том числе",
    "в т.ч", "в т. ч", "из них по странам", "страны", "прочие", "не распределено по странам",
    # the English versions of the tables
    "cis countries", "cis", "eaeu countries", "eaeu", "eaeu member states", "countries of the eaeu", "other countries",
    "non-cis countries", "far abroad countries", "countries of far abroad", "eu countries", "eu", "european union",
    "oecd countries", "asia", "europe", "america", "africa", "oceania", "of which", "including", "incl", "of them",
    "countries", "other", "not distributed by countries",
)
COUNTRY_REPORTER = ("республика казахстан", "казахстан", "рк", "republic of kazakhstan", "kazakhstan")
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
    (2024, 'ytd', 1); «2024 г.» -> (2024, 'year', 12); the same in English
    ("January-September 2024", "September 2024", "Jan.-Sep. 2024"); else ``None``."""
    t = str(text).replace("ё", "е")
    for ytd in (_YTD, _YTD_EN):
        if m := ytd.search(t):
            return int(m.group(2)), "ytd", _month(m.group(1))
    for one in (_ONE, _ONE_EN):
        if m := one.search(t):
            month = _month(m.group(1))
            return int(m.group(2)), ("ytd" if month == 1 else "month"), month
    if m := _ANNUAL.search(t):
        return int(m.group(1)), "year", 12
    return None


def _month(word: str) -> int:
    w = word.lower()
    for stem, n in sorted({**MONTHS_RU, **MONTHS_EN}.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    raise ValueError(word)


def detect(path: Path) -> str | None:
    """``"bns"`` for a workbook (.xlsx, .xls) whose first sheet's top rows name a flow
    («Экспорт», «Импорт», «Внешнеторговый оборот» or the English words) and a unit of US
    dollars («тыс. долларов США», «тыс. долл. США», "thousand US dollars"); else ``None``."""
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return None
    try:
        sheets = workbook_sheets(path, limit=12)
    except (InputError, OSError):
        return None
    text = " ".join(str(v) for _, row in (sheets[0][1] if sheets else []) for v in row if v is not None).lower()
    flows = any(w in text for w, _ in FLOW_WORDS)
    return SOURCE if flows and any(u in text for u in ("долл", "dollar")) else None


def _text(v: object) -> str:
    """A cell as one line of text; a whole number without ``.0`` (a code typed as a number)."""
    return re.sub(r"\s+", " ", cell_text(v)).strip()


@dataclass(frozen=True, slots=True)
class _Sheet:
    """What one sheet holds: its title, unit, value columns and figures."""

    name: str
    title: str
    unit: str
    multiplier: int
    columns: tuple[Column, ...]
    records: tuple[tuple, ...]
    dropped: int
    skipped: tuple[str, ...]
    title_partner: str | None
    rows: int


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse a BNS foreign-trade workbook (.xlsx or .xls; every sheet holding a table, e.g.
    one per period or per flow) into a SELECT of the canonical columns."""
    if options:
        raise ConfigError(Message("err_no_options", importer="BNS", options=", ".join(sorted(options))))
    path = Path(path)
    check_file(path)
    sheets = workbook_sheets(path)
    several = len(sheets) > 1
    tables = [t for name, rows in sheets if (t := _sheet(path, name, rows, several=several)) is not None]
    if not tables:
        raise InputError(path, Problem(Message("bns_no_header"), line=1, expected=Message("bns_table_expected")))
    records = _merged(path, tables)
    columns = [c for t in tables for c in t.columns]
    periods = sorted({(c.year, c.period_kind, c.month) for c in columns})
    years = " UNION ALL ".join(f"SELECT {int(y)} AS year, {int(mo)} AS month" for y, _, mo in periods) or "SELECT NULL AS year, NULL AS month"
    chosen = file_release(con, path, years, given=release, monthly=True)
    release = chosen.label
    first = tables[0]
    notes = [
        chosen.note,
        Message("bns_table", title=first.title or path.stem, unit=first.unit, multiplier=first.multiplier),
        Message("bns_periods", periods=", ".join(_label(*p) for p in periods)),
        Message("bns_aggregates"),
    ]
    if several:
        notes.append(Message("bns_sheets", n=len(tables), sheets=", ".join(t.name for t in tables),
                             skipped=len(sheets) - len(tables)))
    for t in tables[1:]:
        if t.multiplier != first.multiplier:
            notes.append(Message("bns_table", title=f"{t.name}: {t.title}", unit=t.unit, multiplier=t.multiplier))
    partners = sorted({t.title_partner for t in tables if t.title_partner})
    if partners:
        notes.append(Message("partner_from_title", partner=", ".join(partners)))
    skipped = [n for t in tables for n in t.skipped]
    if skipped:
        notes.append(Message("aggregates_skipped", n=len(skipped), rows=", ".join(sorted(set(skipped)))[:300]))
    dropped = sum(t.dropped for t in tables)
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
                        rows_read=sum(t.rows for t in tables), notes=tuple(notes), vintage=chosen.vintage)


def _sheet(path: Path, name: str, rows: list[tuple[int, tuple]], *, several: bool) -> _Sheet | None:
    """The table of one sheet, or ``None`` for a sheet without one (notes, an empty sheet).
    The header is the first row naming «Экспорт» and «Импорт» in two cells; failing that, a
    row of periods under a title that names one flow (a table of one flow by region, its
    columns the periods)."""
    header_at = _flow_header(rows)
    title_flow = None
    if header_at is None:
        header_at = _period_header(rows)
        if header_at is None:
            return None
        title_flow = _title_flow(path, rows[:header_at], rows[header_at][0])
    titles = [_text(v) for _, row in rows[:header_at] for v in row if _text(v)]
    multiplier, unit = _unit(path, titles + [_text(v) for _, row in rows[header_at:header_at + 2] for v in row])
    title_period = next((p for t in titles if (p := period_of(t))), None)
    if title_flow is None:
        columns, data_at = _columns(path, rows, header_at, title_period)
    else:
        columns, data_at = _period_columns(rows[header_at], title_flow), header_at + 1
    title_partner = _title_partner(titles)
    sheet = name if several else None
    records, dropped, skipped = _records(path, rows[data_at:], columns, multiplier, title_partner, sheet=sheet)
    return _Sheet(name=name, title=titles[0] if titles else "", unit=unit, multiplier=multiplier,
                  columns=tuple(columns), records=tuple(records), dropped=dropped, skipped=tuple(skipped),
                  title_partner=title_partner, rows=len(rows) - data_at)


def _cell_flow(v: object) -> str | None:
    t = _text(v).lower()
    return next((f for w, f in FLOW_WORDS if w in t), None)


def _flow_header(rows: list[tuple[int, tuple]]) -> int | None:
    """Index of the first row naming export and import in two of its cells after the first
    (a title «Экспорт и импорт ...» in one cell is not a header)."""
    return next((i for i, (_, row) in enumerate(rows)
                 if {"export", "import"} <= {f for v in row[1:] if (f := _cell_flow(v))}), None)


def _period_header(rows: list[tuple[int, tuple]]) -> int | None:
    """Index of the first row whose first cell names the rows («Регионы», "Regions") and
    whose other cells include a period; else ``None``."""
    for i, (_, row) in enumerate(rows):
        first = _text(row[0] if row else None)
        if first and period_of(first) is None and any(
                "%" not in _text(v) and period_of(_text(v)) for v in row[1:] if _text(v)):
            return i
    return None


def _title_flow(path: Path, titles: list[tuple[int, tuple]], header: tuple) -> str:
    """The one flow a title names («Экспорт товаров по регионам»); a title naming the
    turnover or both flows is refused (a turnover is not stored: it is exports plus imports)."""
    words = " ".join(_text(v) for _, row in titles for v in row).lower()
    flows = {f for w, f in FLOW_WORDS if w in words}
    if len(flows) == 1 and flows != {"turnover"}:
        return flows.pop()
    raise InputError(path, Problem(
        Message("bns_periods_no_flow"), line=titles[0][0] if titles else 1,
        value=" / ".join(_text(v) for _, row in titles for v in row if _text(v))[:120],
        expected=Message("bns_periods_flow_expected")))


def _period_columns(header: tuple[int, tuple], flow: str) -> list[Column]:
    _, cells = header
    return [Column(j, flow, *p) for j, v in enumerate(cells) if j > 0 and "%" not in _text(v)
            and (p := period_of(_text(v)))]


def _merged(path: Path, tables: list[_Sheet]) -> list[tuple]:
    """The figures of all sheets; a figure given by two sheets must agree (kept once)."""
    out: list[tuple] = []
    seen: dict[tuple, tuple[str, tuple]] = {}
    problems = []
    for t in tables:
        for r in t.records:
            k = r[:6]
            if k in seen:
                other_sheet, other = seen[k]
                if other[6] != r[6]:
                    problems.append(Problem(
                        Message("bns_sheets_disagree", sheet=t.name, value=f"{r[6]:,.0f}", other=other_sheet,
                                other_value=f"{other[6]:,.0f}", row=other[7]),
                        line=r[7], value=f"{r[0]}->{r[1]} {r[2]} {r[3]}", expected=Message("bns_one_figure_expected")))
                continue
            seen[k] = (t.name, r)
            out.append(r)
    if problems:
        raise InputError(path, problems[:MAX_PROBLEMS], total=len(problems))
    return out


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


def _carried(cells: tuple) -> list[object]:
    """Cells with a merged range's value carried to the right (the first cell aside)."""
    out, current = [], None
    for j, v in enumerate(cells):
        if j == 0:
            out.append(None)
            continue
        if _text(v):
            current = v
        out.append(current)
    return out


def _columns(path: Path, rows: list[tuple[int, tuple]], header_at: int,
             title_period: tuple[int, str, int] | None) -> tuple[list[Column], int]:
    """The value columns (flow from the header row, merged cells carried to the right;
    period from the row below when it gives one, else from the row above (periods merged
    over their flows), else from the title) and the index of the first data row."""
    line, header = rows[header_at]
    flows = [_cell_flow(v) if v is not None else None for v in _carried(header)]
    sub = rows[header_at + 1][1] if header_at + 1 < len(rows) else ()
    sub_periods = [period_of(_text(v)) if "%" not in _text(v) else "pct" for v in sub]
    has_sub = any(isinstance(p, tuple) for p in sub_periods)
    above = _carried(rows[header_at - 1][1]) if header_at > 0 else []
    above_periods = [None if v is None else "pct" if "%" in _text(v) else period_of(_text(v)) for v in above]
    has_above = not has_sub and any(isinstance(p, tuple) for p in above_periods)
    columns = []
    for j, flow in enumerate(flows):
        if flow in (None, "turnover"):
            continue
        if has_sub or has_above:
            periods = sub_periods if has_sub else above_periods
            p = periods[j] if j < len(periods) else None
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
    """The partner a title names: «... с Китаем» (Russian instrumental), "... with China"."""
    from ..reference.national import partner_code

    index = _instrumental_index()
    for t in titles:
        for m in re.finditer(r"(?:^|\s)(?:с|со)\s+([А-Яа-яЁё\- ]+)", t):
            words = m.group(1).lower().split()
            for n in range(min(4, len(words)), 0, -1):
                hit = index.get(" ".join(words[:n]))
                if hit:
                    return hit
        for m in re.finditer(r"\bwith\s+(?:the\s+)?([A-Za-z][A-Za-z\-' ]+)", t):
            words = m.group(1).split()
            for n in range(min(4, len(words)), 0, -1):
                hit = partner_code(" ".join(words[:n]), "bns")
                if hit:
                    return hit
    return None


def _number(v: object) -> float | None | str:
    """A cell's number; ``None`` for a none marker; the text for anything else.  Text
    numbers: spaces (also non-breaking) separate thousands; a comma alone is the decimal
    mark («1 234,5»); with both a comma and a point, the first separates thousands
    ("11,000,000.0" in the English tables)."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    t = str(v).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if t.lower() in NONE_MARKERS:
        return None
    t = re.sub(r"\d\)$|\*+$", "", t)
    if "," in t and "." in t:  # both: the one written first separates thousands ("11,000,000.0", "1.234,5")
        t = t.replace("," if t.index(",") < t.index(".") else ".", "")
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return str(v)


#: A ТН ВЭД commodity code (2 to 10 digits) in the first column: the row of a table of
#: commodities by country, not of partners or regions.
_COMMODITY_CODE = re.compile(r"^\d{1,10}$")


def _records(path: Path, rows: list[tuple[int, tuple]], columns: list[Column], multiplier: int,
             title_partner: str | None, *, sheet: str | None = None) -> tuple[list[tuple], int, list[str]]:
    """(reporter, partner, flow, year, kind, month, value_usd, line) per figure, the number
    of empty cells, and the names of the aggregate rows left out.  Problems name the row
    and the column (``'sheet'!B`` in a workbook of several sheets)."""
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
        elif _COMMODITY_CODE.match(name):  # the Bureau's commodity x country spreadsheets (таб_1_XX.xls)
            problems.append(Problem(Message("bns_commodity_row"), line=line, field=_col_letter(0, sheet), value=name,
                                    expected=Message("bns_commodity_expected")))
            continue
        else:
            problems.append(Problem(Message("bns_unknown_partner"), line=line, field=_col_letter(0, sheet), value=name,
                                    expected=Message("bns_partner_expected")))
            continue
        for c, v in zip(columns, values):
            if v is None:
                dropped += 1
                continue
            if isinstance(v, str):
                problems.append(Problem(Message("err_not_a_number"), line=line, field=_col_letter(c.index, sheet), value=v,
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


def _col_letter(index: int, sheet: str | None = None) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(index + 1)
    return f"'{sheet}'!{letter}" if sheet else letter


def _table(con: duckdb.DuckDBPyConnection, records: list[tuple]) -> str:
    import pyarrow as pa

    names = ("reporter", "partner", "flow", "year", "period_kind", "month", "value_usd", "_line")
    cols = list(zip(*records))
    types = (pa.string(), pa.string(), pa.string(), pa.int16(), pa.string(), pa.int8(), pa.float64(), pa.int64())
    arrow = pa.table({n: pa.array(c, t) for n, c, t in zip(names, cols, types)})
    return arrow_temp_table(con, arrow, prefix="_imp_bns_")
