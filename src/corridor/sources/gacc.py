"""Importer for China customs (GACC) statistics: downloads of the online query platform
(数据在线查询, stats.customs.gov.cn) and tables of the same layout with English headers.

Layout (documented with an example in ``docs/sources.md``): a delimited text file in
GBK / GB18030 (the platform's default), UTF-8 or UTF-16 (Excel's "Unicode text"), or the
first sheet of an .xlsx / .xls workbook; one header line (title lines above it are
skipped), then one row per period x commodity x partner (x registered place x trade mode
when the query breaks them down).  The platform quotes every field and ends every line
with a comma: the empty columns after the last header are dropped.  Columns, by their
Chinese or English headers (case and spaces aside; a header with a unit in brackets,
``美元(美元)``, ``Value (US$)``, also by its words or its unit):

=====================  =====================================================  ==========
field                  headers                                                required
=====================  =====================================================  ==========
period                 数据年月 / Period, Date of data                          yes (*)
commodity code         商品编码 / Commodity code, HS code                       yes
partner code, name     贸易伙伴编码, 贸易伙伴名称 / Trading partner code, ...    one of
registered place       注册地编码, 注册地名称 / Registration place code, ...     no
flow                   进出口 / Flow, Import/Export                             no (see below)
quantity, unit         第一数量, 第一计量单位 / Quantity 1, Unit 1               no
value                  美元 / US dollar (USD) or 人民币 / RMB (CNY)              one of
=====================  =====================================================  ==========

(*) The platform's query of a year not broken down by month writes no period column
(``商品编码,商品名称,贸易伙伴编码,...,美元``): the period is then taken from the file name
(``export-202401-202412.csv``, ``出口_2024年09月.csv``), else the file is refused.  The platform's
own CSV quotes every field and writes a quote inside a field as it is: such a file is split
at ``","``, not by CSV quoting.

Mapping to the canonical table (source ``gacc``):

* ``period`` ``YYYYMM`` (``202409``) is one month; a range ``YYYYMM-YYYYMM``
  (``202401-202409``) is cumulative January-N (``period_kind = ytd``, ``month = N``); a
  range that does not start in January or spans two years is refused;
* reporter: the trader's registered province (``新疆维吾尔自治区``, ``新疆``, ``Xinjiang``
  or the GB/T 2260 code ``65``) as ISO 3166-2 (``CN-XJ``), all 31 provinces
  (:func:`corridor.reference.national.cn_province_index`); without that column, ``CHN``;
* partner: the name (Chinese or English) through
  :func:`corridor.reference.national.partner_code`, else GACC's three-digit country code;
  a world row (``总值``, ``世界``, ``World``) is ``WLD`` (when a file has two, the first;
  the other is left out, noted); the residual "other countries of a continent" and
  "country unknown" rows (``亚洲其他国家(地区)``, ``其他亚洲国家(地区)``, codes 199-699, 701)
  are ``UNS``, noted; continent totals (codes 100-600,
  ``亚洲`` ... ``大洋洲``, ``Asia`` ...) and groupings (``东盟``, ``欧盟``) are sums of the
  country rows and are not stored (named in the notes); a registered place ``全国`` is ``CHN``;
* flow: the flow column (出口 / 进口 / Export / Import); without one, the file name
  (``出口``, ``进口``, ``export``, ``import``); else the file is refused;
* commodity codes of 2, 4 and 6 digits are kept at their level; 8-digit (and 10-digit)
  national codes are summed to their HS6 subheading (``hs6``); the HS edition by year
  (HS12 to 2016, HS17 2017-2021, HS22 from 2022: China's tariff nomenclature follows each
  edition from its 1 January); ``总值`` / ``合计`` / ``Total`` or an empty code is the total;
* rows of the same figure (e.g. by trade mode, or HS8 lines of one HS6) are summed;
* values: thousands separators removed; ``-`` (and empty) means no figure: the row is
  dropped and counted in the notes.  USD as given; CNY divided by the month's average
  CNY/USD rate (:func:`corridor.reference.national.cny_per_usd`; a cumulative range by the
  mean rate of its months); a period outside the rate table is refused;
* valuation: exports FOB, imports CIF (China customs' convention);
* quantity: the first quantity in its unit (千克 / Kilogram -> kg, 吨 -> t, 个 / 台 / 件 /
  Number of item -> u, ...),
  summed only where one unit is used.

Source: General Administration of Customs of the People's Republic of China, *China
Customs Statistics*, online query platform, field definitions.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from ..errors import ConfigError, InputError, Problem
from ..messages import Message
from ._csv import (
    FLOW_VALUATION_SQL,
    HEADER_PROBE_BYTES,
    MAX_PROBLEMS,
    arrow_temp_table,
    NumberCheck,
    check_file,
    file_release,
    number_aggregates,
    number_text,
    raise_number_problems,
)
from ._sheets import WORKBOOK_SUFFIXES, cell_text, workbook_sheets
from .base import ParsedSource, sql_str

SOURCE = "gacc"

#: canonical column -> the headers it goes by (Chinese platform headers, then English).
HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("数据年月", "日期", "年月", "Period", "Date of data", "Date", "Month"),
    "code": ("商品编码", "商品编号", "Commodity code", "HS code", "Code of commodity", "Code"),
    "partner_code": ("贸易伙伴编码", "国别编码", "Trading partner code", "Trade partner code", "Partner code",
                     "Country code"),
    "partner_name": ("贸易伙伴名称", "贸易伙伴", "国别名称", "Trading partner name", "Trading partner", "Trade partner",
                     "Trade partner name", "Partner", "Country"),
    "place_code": ("注册地编码", "收发货人注册地编码", "境内目的地/货源地编码", "Registration place code",
                   "Registered place code", "Place of registration code",
                   "Registered place of the consignor/consignee code", "Registered place of consignor/consignee code"),
    "place_name": ("注册地名称", "收发货人注册地名称", "注册地", "收发货人注册地", "Registration place name",
                   "Registered place", "Registration place", "Place of registration",
                   "Registered place of the consignor/consignee", "Registered place of consignor/consignee",
                   "Registered place of the consignor/consignee name"),
    "flow": ("进出口", "进出口类型", "贸易流向", "Flow", "Trade flow", "Import/Export", "Import or export"),
    "quantity": ("第一数量", "数量", "Quantity 1", "First quantity", "Quantity"),
    "unit": ("第一计量单位", "第一单位", "计量单位", "Unit 1", "First unit", "Unit"),
    "usd": ("美元", "美元值", "金额(美元)", "金额（美元）", "US dollar", "US dollars", "USD", "US$", "Value (USD)",
            "Value(USD)"),
    "cny": ("人民币", "人民币值", "金额(人民币)", "金额（人民币）", "RMB", "RMB Yuan", "CNY", "Value (RMB)",
            "Value(RMB)"),
}
FLOWS: dict[str, str] = {"出口": "export", "进口": "import", "EXPORT": "export", "IMPORT": "import",
                         "EXPORTS": "export", "IMPORTS": "import", "X": "export", "M": "import"}
TOTAL_CODES: tuple[str, ...] = ("", "总值", "合计", "总计", "TOTAL", "ALL")
#: printed unit (Chinese, or the English platform's, case aside) -> stored unit.  The English
#: "Kilogram", "Carat" and "Number of item" are seen in real English-platform downloads
#: (docs/sources.md, evidence); the other English names are the team's.
UNITS: dict[str, str] = {"千克": "kg", "克": "g", "吨": "t", "个": "u", "台": "u", "件": "u", "只": "u",
                         "辆": "u", "架": "u", "艘": "u", "套": "set", "双": "pair", "升": "l", "立方米": "m3",
                         "平方米": "m2", "米": "m", "千瓦时": "kWh", "克拉": "carat",
                         "kilogram": "kg", "carat": "carat", "number of item": "u", "gram": "g", "ton": "t",
                         "tonne": "t", "litre": "l", "liter": "l", "pair": "pair", "set": "set",
                         "cubic metre": "m3", "cubic meter": "m3", "square metre": "m2", "square meter": "m2",
                         "metre": "m", "meter": "m"}
#: China's customs tariff follows each HS edition from its 1 January.
HS_EDITIONS: tuple[tuple[int, str], ...] = ((2022, "HS22"), (2017, "HS17"), (2012, "HS12"), (2007, "HS07"),
                                            (2002, "HS02"), (1996, "HS96"), (0, "HS92"))
NONE_MARKERS: tuple[str, ...] = ("", "-", "--", "—", "…", "...")
#: Partner rows that are totals over partners: the world (stored as ``WLD``, like an English
#: "World" row and BNS's «Всего»).
WORLD_PARTNERS: tuple[str, ...] = ("总值", "合计", "总计", "世界", "全球", "全部国家(地区)", "world", "total", "all")
#: Partner rows that are sums of the country rows below them: GACC's continent totals (codes
#: 100 Asia ... 600 Oceania of 海关统计国别(地区)代码) and economic groupings.  Recognised,
#: not stored (the countries are stored), and named in the notes.
AGGREGATE_PARTNERS: tuple[str, ...] = (
    "100", "200", "300", "400", "500", "600", "亚洲", "非洲", "欧洲", "拉丁美洲", "拉美", "北美洲", "大洋洲",
    "大洋洲及太平洋群岛", "asia", "africa", "europe", "latin america", "latin america and the caribbean",
    "north america", "oceania", "东南亚国家联盟", "东盟", "asean", "欧洲联盟", "欧盟", "european union", "eu",
    "亚太经济合作组织", "亚太经合组织", "apec", "区域全面经济伙伴关系协定", "rcep", "一带一路沿线国家", "金砖国家", "brics")
#: Partner rows that are GACC's residual "other countries of a continent (regions)" (codes 199,
#: 299 ... 699: 亚洲其他国家(地区), also printed 其他亚洲国家(地区)) and "country (area) unknown"
#: (701, 国别(地区)不详): stored as ``UNS`` (Areas, nes), as ``gacc_countries.tsv`` maps their
#: codes, and named in the notes.
_CONTINENTS_ZH = "亚洲|非洲|欧洲|拉丁美洲|拉美|北美洲|大洋洲"
_RESIDUAL = re.compile(
    rf"^(?:(?:{_CONTINENTS_ZH})其他|其他(?:{_CONTINENTS_ZH})?)国家(?:\(地区\)|和地区|及地区|或地区)?$"
    r"|^国别(?:\(地区\))?不详$"
    r"|^other (?:asian|african|european|latin american|north american|oceanian|asia|africa|europe|america|oceania)"
    r"(?: countries)?(?: \((?:regions|areas)\))?(?:,? n\.?e\.?s\.?)?$|^(?:country|countries) unknown$")
RESIDUAL_CODE = "UNS"
#: Registered-place rows that are the whole country (reporter ``CHN``).
NATIONAL_PLACES: tuple[str, ...] = ("全国", "总值", "合计", "总计", "中国", "china", "total", "all")
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
#: Headers of a remarks column the platform may put after the value (public downloaders
#: ignore "an empty or a 备注 column" after 美元: wuhulamb/customs-data, check_csv.py); a row
#: may leave it out.  Case-folded.
REMARK_COLUMNS: tuple[str, ...] = ("备注", "说明", "remark", "remarks", "note", "notes")
_UTF16_BOMS: tuple[bytes, ...] = (b"\xff\xfe", b"\xfe\xff")
_NOTE = re.compile(r"^(注|说明|备注|数据来源|资料来源|Note|Notes|Source)\b|^(注|说明)[:：]", re.IGNORECASE)
_PERIOD = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})月?$")
_RANGE = re.compile(r"^(\d{4})[-/.年]?(\d{2})月?\s*(?:-|–|~|至|到)\s*(\d{4})[-/.年]?(\d{2})月?$")
#: a period in a file name (the platform's year query writes no period column): a January-N
#: range ``202401-202412`` / ``2024年01月-2024年12月`` or one month ``202409`` / ``2024年09月``
#: (six digits, or year and month written out; ``2025-44`` is not a period).
_NAME_RANGE = re.compile(r"(?<!\d)(\d{4})(?:年)?(\d{2})月?\s*(?:-|–|~|至|到|_)\s*(\d{4})(?:年)?(\d{2})月?(?!\d)")
_NAME_MONTH = re.compile(r"(?<!\d)(\d{4})(?:年)?(\d{2})(?:月)?(?!\d)")


# -- reading -------------------------------------------------------------------------------
def _sniff(path: Path) -> tuple[str, int, list[str], str] | None:
    """(encoding, header line index, header names, delimiter) when a line of the first
    64 KiB (a row of a workbook's first sheet: encoding ``xlsx`` / ``xls``) names a period
    column and a commodity or partner column; else ``None``."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        sheets = workbook_sheets(path, limit=20)
        for i, (_, row) in enumerate(sheets[0][1] if sheets else []):
            names = [cell_text(v).strip() for v in row]
            if _is_header(names):
                return path.suffix.lower().lstrip("."), i, names, ""
        return None
    with open(path, "rb") as fh:
        probe = fh.read(HEADER_PROBE_BYTES)
    encodings = ("utf-16",) if probe[:2] in _UTF16_BOMS else ENCODINGS
    for encoding in encodings:
        try:
            text = probe.decode(_codec(encoding))
        except UnicodeDecodeError as exc:
            if exc.start < len(probe) - 4:  # not merely a character cut by the probe's end
                continue
            text = probe[: exc.start].decode(_codec(encoding))
        for i, line in enumerate(text.splitlines()[:20]):
            delimiter = max([",", "\t", ";"], key=line.count)
            names = [n.strip().strip('"') for n in line.split(delimiter)]
            if _is_header(names):
                return encoding, i, names, delimiter
    return None


def _codec(encoding: str) -> str:
    return "utf-8-sig" if encoding == "utf-8" else encoding


def _is_header(names: list[str]) -> bool:
    """A header names a period column and a commodity or partner column; or, without a period
    (the platform's year query writes none: the period is then the file name's), Chinese
    headers of the commodity code, the partner and the value (商品编码, 贸易伙伴名称, 美元)."""
    found = _columns(names)
    partner = "partner_name" in found or "partner_code" in found
    if "period" in found:
        return "code" in found or partner
    chinese = all(any(ord(c) > 127 for c in found[k]) for k in ("code", "usd", "cny") if k in found)
    return "code" in found and partner and ("usd" in found or "cny" in found) and chinese


def _header_forms(name: str) -> list[str]:
    """The ways a header may match an alias: itself, and when it carries a parenthesised
    unit, the words before it and the unit (``美元(美元)`` -> ``美元``; ``Value (US$)`` ->
    ``US$``); case-folded, full-width brackets as ASCII, without spaces."""
    norm = name.replace("（", "(").replace("）", ")").replace(" ", "").casefold()
    forms = [norm]
    if m := re.fullmatch(r"(.*?)\((.+)\)", norm):
        forms += [m.group(1), m.group(2)]
    return [f for f in forms if f]


def _columns(names: list[str]) -> dict[str, str]:
    """canonical column -> header present in ``names`` (the first alias that matches, case-
    and space-insensitively; a header with a unit in brackets also by its words or unit)."""
    out: dict[str, str] = {}
    for form_index in range(3):
        folded = {}
        for n in names:
            forms = _header_forms(n)
            if form_index < len(forms):
                folded.setdefault(forms[form_index], n)
        for key, aliases in HEADERS.items():
            if key in out:
                continue
            for alias in aliases:
                hit = folded.get(alias.replace(" ", "").casefold())
                if hit is not None and hit not in out.values():
                    out[key] = hit
                    break
    return out


def detect(path: Path) -> str | None:
    """``"gacc"`` for a text file or workbook whose header has a period column (数据年月 /
    Period) and a commodity or trading-partner column (商品编码 / 贸易伙伴名称 ...); else ``None``."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv", *WORKBOOK_SUFFIXES):
        return None
    try:
        return SOURCE if _sniff(path) is not None else None
    except (OSError, InputError):
        return None


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse a GACC query-platform download into a lazy SELECT of the canonical columns."""
    if options:
        raise ConfigError(Message("err_no_options", importer="GACC", options=", ".join(sorted(options))))
    path = Path(path)
    check_file(path)
    sniffed = _sniff(path)
    if sniffed is None:
        raise InputError(path, Problem(Message("gacc_no_header"), line=1, expected=Message("gacc_download_expected")))
    encoding, skip, _, delimiter = sniffed
    header_line, columns, relation, skipped, blank = _read_rows(con, path, encoding=encoding, skip=skip,
                                                               delimiter=delimiter)
    cols = _columns(list(columns))
    named_period = None if "period" in cols else _name_period(path, header_line)
    _require(path, header_line, cols, period_named=named_period is not None)
    q = {k: _q(v) for k, v in cols.items()}
    if named_period is not None:
        q["period"] = sql_str(named_period)
    staged, rows, dropped = _staged(con, path, relation, q, header_line)
    flow_sql, flow_note = _flow(path, q)
    reporter_sql, _, _ = _mapped(con, path, staged, "place", q, header_line)
    partner_sql, aggregates, kept = _mapped(con, path, staged, "partner", q, header_line)
    currency = "usd" if "usd" in q else "cny"
    if currency == "cny":
        _check_rates(con, path, staged)
    chosen = file_release(con, path, _canonical_sql(staged, q, "", flow_sql, reporter_sql, partner_sql, currency,
                                                    header_line), given=release, monthly=True)
    release = chosen.label
    notes = [
        chosen.note,
        Message("gacc_download", encoding=encoding,
                headers="Chinese" if any(ord(c) > 127 for c in cols.get("period", cols["code"])) else "English"),
        *([Message("gacc_blank_columns", n=blank)] if blank else []),
        *([Message("gacc_period_file_name", period=named_period)] if named_period is not None else []),
        flow_note,
        Message("gacc_province" if "place" in _roles(q) else "gacc_china"),
        Message("gacc_hs8"),
    ]
    if currency == "cny":
        notes.append(Message("gacc_cny"))
    if skipped:
        notes.append(Message("lines_skipped", n=int(skipped)))
    if dropped:
        notes.append(Message("no_value_dropped", n=int(dropped), rows=int(rows)))
    if (zero := _zero_restored(con, staged, q)) is not None:
        notes.append(zero)
    if aggregates:
        notes.append(Message("gacc_aggregates", n=sum(aggregates.values()), rows=", ".join(aggregates)))
    notes += kept
    sql = _canonical_sql(staged, q, release, flow_sql, reporter_sql, partner_sql, currency, header_line)
    return ParsedSource(source=SOURCE, release=release, sql=sql, path=path, dataset=f"China customs: {path.stem}",
                        rows_read=rows, notes=tuple(notes), vintage=chosen.vintage)


def _read_rows(con: duckdb.DuckDBPyConnection, path: Path, *, encoding: str, skip: int,
               delimiter: str) -> tuple[int, tuple[str, ...], str, int, int]:
    """Decode the file (refusing bytes not valid in ``encoding`` with their line) and hold
    its data rows as text in a TEMP table with ``_line``, the physical line (the row of a
    workbook's first sheet).  Note lines (注: ..., Note: ..., 数据来源 ...) and blank lines are
    skipped; empty columns at the end (the platform ends every line with a comma) are
    dropped; a row with more or fewer fields than the header is refused.  Returns (header
    line, columns, table, lines skipped, empty trailing columns dropped)."""
    import pyarrow as pa

    header: list[str] | None = None
    header_line = skip + 1
    width = shortest = 0
    cells: list[list[str]] = []
    lines: list[int] = []
    skipped = 0
    problems: list[Problem] = []
    for line_num, row in _raw_rows(path, encoding=encoding, delimiter=delimiter):
        if line_num <= skip:
            continue
        if header is None:
            header = [c.strip() for c in row]
            header_line = line_num
            width = max((j + 1 for j, c in enumerate(header) if c), default=0)
            shortest = width
            while shortest and header[shortest - 1].casefold() in REMARK_COLUMNS:
                shortest -= 1
            continue
        first = row[0].strip() if row else ""
        if not any(c.strip() for c in row) or _NOTE.match(first):
            skipped += 1
            continue
        while len(row) > width and not row[-1].strip():  # the empty fields after the last column
            row = row[:-1]
        if shortest <= len(row) < width:  # a remarks column at the end the row leaves out
            row = [*row, *[""] * (width - len(row))]
        if len(row) != width:
            shown = (delimiter or ",").join(row)
            problems.append(Problem(Message("gacc_row_fields", n=len(row), header=width), line=line_num,
                                    value=shown[:80], expected=Message("err_n_fields", n=width)))
            continue
        cells.append(row)
        lines.append(line_num)
    if problems:
        raise InputError(path, problems[:MAX_PROBLEMS], total=len(problems))
    if header is None:
        raise InputError(path, Problem(Message("err_no_header"), line=header_line))
    blank = len(header) - width
    names = [c or f"_column{j + 1}" for j, c in enumerate(header[:width])]
    data = {f"c{j}": pa.array([r[j] for r in cells], pa.string()) for j in range(width)}
    data["_line"] = pa.array(lines, pa.int64())
    renames = ", ".join(f"c{j} AS {_q(c)}" for j, c in enumerate(names))
    table = arrow_temp_table(con, pa.table(data), prefix="_imp_gacc_", select=f"{renames}, _line")
    return header_line, tuple(names), table, skipped, blank


def _raw_rows(path: Path, *, encoding: str, delimiter: str):
    """(physical line, fields as text) of a delimited text file, or (row, cells as text) of
    a workbook's first sheet (``encoding`` ``xlsx`` / ``xls``)."""
    if encoding in ("xlsx", "xlsm", "xls"):
        sheets = workbook_sheets(path)
        for line, row in sheets[0][1]:
            yield line, [cell_text(v) for v in row]
        return
    raw = path.read_bytes()
    try:
        text = raw.decode(_codec(encoding))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, Problem(Message("err_bytes_not_valid", encoding=encoding,
                                               bytes=repr(raw[exc.start:exc.start + 4])),
                                       line=line, expected=Message("gacc_text_expected"))) from None
    if delimiter == "," and (quoted := _quoted_header(text)) is not None:
        yield from _quoted_rows(text, *quoted)
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        yield reader.line_num, row


def _physical_lines(text: str) -> list[str]:
    """The lines of ``text`` split at CR LF, LF or CR only (not at the other characters
    :meth:`str.splitlines` breaks at), without the empty string after a final line break."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _quoted_header(text: str) -> tuple[int, int] | None:
    """(index, least number of ``","`` separators of a data row) of the header line when it
    is in the platform's own layout, every field quoted (``"数据年月","贸易伙伴编码",...``,
    ``"Date of data",...``), a comma at the end or not; else ``None``.  A row has as many
    separators as the header, or fewer by the remarks columns at its end.  A data line (of the
    first :data:`LAYOUT_LINES`) holding all its fields with fewer ``","`` separators than the
    header (a field left unquoted, a number: R's write.csv, pandas' QUOTE_NONNUMERIC) means
    the file is not in the platform's layout: it is read by CSV quoting."""
    lines = _physical_lines(text)
    for i, line in enumerate(lines[:20]):
        if _is_header([n.strip().strip('"') for n in line.split(",")]):
            head = line.strip().rstrip(",")
            quoted = head.startswith('"') and head.endswith('"') and head.count('","') == head.count(",")
            names = [n.strip().casefold() for n in head.strip('"').split('","')]
            while len(names) > 1 and names[-1] in REMARK_COLUMNS:
                names.pop()
            if any(_csv_quoted_line(d, len(names)) for d in lines[i + 1:i + 1 + LAYOUT_LINES]):
                return None
            return (i, len(names) - 1) if quoted else None
    return None


#: Data lines the layout is decided on (the platform's all-quoted layout or CSV quoting): a
#: field left unquoted may first occur on any line (a number column holding "-" on its first
#: lines is quoted there by pandas' QUOTE_NONNUMERIC, not on the lines with a number).
LAYOUT_LINES = 1000


def _csv_quoted_line(line: str, width: int) -> bool:
    """Whether a data line holds all ``width`` fields by CSV quoting with fewer ``","``
    separators than the platform's layout has: a field left unquoted, so not that layout."""
    body = line.strip().rstrip(",")
    return bool(body) and body.count('","') < width - 1 and len(next(csv.reader([body]), [])) >= width


def _quoted_rows(text: str, header: int, width: int):
    """(first physical line, fields) of the platform's all-quoted text, split between fields
    at ``","`` rather than by CSV quoting: the platform writes a quote inside a field as it
    is (a commodity name with an inch mark, ``"Monitors of 19", LCD"``), which a CSV reader
    takes for the end of the field and then splits at the comma after it.  A record whose
    fields run over several lines (a line break inside a commodity name) is joined with a
    space.  The lines up to the header (``header``, 0-based) and the lines not starting with
    a quote (notes, blank lines) are read as CSV, one at a time."""
    pending: list[str] = []
    start = 0
    for i, line in enumerate(_physical_lines(text), start=1):
        if not pending and (i <= header + 1 or not line.lstrip().startswith('"')):
            yield i, next(csv.reader([line]), [])
            continue
        if not pending:
            start = i
        pending.append(line)
        record = " ".join(pending).strip()
        body = record[:-1] if record.endswith(",") else record
        seps = body.count('","')
        if body.endswith('"') and seps >= width:
            pending = []
            fields = body[1:-1].split('","') if len(body) >= 2 and body.endswith('"') else [body.strip('"')]
            yield start, [f.replace('""', '"') for f in fields] + ([""] if record.endswith(",") else [])
    if pending:
        record = " ".join(pending).strip().rstrip(",")
        yield start, record.strip('"').split('","')


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _roles(q: Mapping[str, str]) -> set[str]:
    return {"place"} if ("place_name" in q or "place_code" in q) else set()


def _name_period(path: Path, header_line: int) -> str | None:
    """The period a file without a period column names (``export-202401-202412.csv``,
    ``出口_2024年01月-2024年09月.csv``, ``import_202409.csv``) as ``YYYYMM-YYYYMM`` or ``YYYYMM``;
    ``None`` when the name holds none.  A name with several months, or a range that does not
    run from January within one year, is refused (the period would be a guess)."""
    stem = path.stem
    ranges = {(a + b, c + d) for a, b, c, d in _NAME_RANGE.findall(stem)}
    months = {a + b for a, b in _NAME_MONTH.findall(_NAME_RANGE.sub(" ", stem))}
    found = [f"{a}-{b}" for a, b in sorted(ranges)] + sorted(months)
    if not found:
        return None
    period = found[0]
    first, _, last = period.partition("-")
    last = last or first
    ok = len(found) == 1 and 1 <= int(first[4:]) <= 12 and 1 <= int(last[4:]) <= 12 and (
        first == last or (first[:4] == last[:4] and first[4:] == "01" and last >= first))
    if not ok:
        raise InputError(path, Problem(Message("gacc_name_period_unclear"), line=header_line, field="period",
                                       value=path.name, expected=Message("gacc_name_period_expected")))
    return period


def _require(path: Path, header_line: int, cols: Mapping[str, str], *, period_named: bool = False) -> None:
    problems = []
    wanted = (("period", Message("gacc_no_period_column")), ("code", Message("gacc_no_code_column")))
    for key, missing in wanted:
        if key == "period" and period_named:
            continue
        if key not in cols:
            expected = (Message("gacc_period_column_expected") if key == "period"
                        else Message("gacc_or", names=[repr(a) for a in HEADERS[key][:3]]))
            problems.append(Problem(missing, line=header_line, field=key, expected=expected))
    if "partner_name" not in cols and "partner_code" not in cols:
        problems.append(Problem(Message("gacc_no_partner_column"), line=header_line, field="partner",
                                expected=Message("gacc_partner_expected")))
    if "usd" not in cols and "cny" not in cols:
        problems.append(Problem(Message("gacc_no_value_column"), line=header_line, field="value",
                                expected=Message("gacc_value_expected")))
    if problems:
        raise InputError(path, problems)


def _none(expr: str) -> str:
    """The number text of ``expr`` without thousands separators, NULL for '-' or empty."""
    markers = ", ".join(sql_str(m) for m in NONE_MARKERS)
    return f"CASE WHEN trim(coalesce({expr}, '')) IN ({markers}) THEN NULL ELSE {number_text(expr, thousands=',')} END"


def _staged(con: duckdb.DuckDBPyConnection, path: Path, relation: str, q: Mapping[str, str],
            header_line: int) -> tuple[str, int, int]:
    """A TEMP table of the data rows with the period parsed (``_year``, ``_kind``,
    ``_month``, ``_first``), the value text (``_value``) and ``_line``; total lines
    (:func:`_total_line`) are left out, a figure without a period is refused.  Refuses bad periods and
    values naming their lines.  Returns (table, data rows, rows without a value)."""
    period = f"trim({q['period']})"
    value = _none(q.get("usd", q.get("cny", "NULL")))
    one = f"regexp_extract({period}, {sql_str(_PERIOD.pattern)}, ['y', 'm'])"
    rng = f"regexp_extract({period}, {sql_str(_RANGE.pattern)}, ['y1', 'm1', 'y2', 'm2'])"
    table = f"{relation}_rows"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {table} AS
        SELECT *, _line - {header_line} AS ordinality, {value} AS _value,
               CASE WHEN {one}.y <> '' THEN TRY_CAST({one}.y AS SMALLINT) WHEN {rng}.y1 <> '' THEN TRY_CAST({rng}.y2 AS SMALLINT) END AS _year,
               CASE WHEN {one}.y <> '' THEN 'month' WHEN {rng}.y1 <> '' THEN 'ytd' END AS _kind,
               CASE WHEN {one}.y <> '' THEN TRY_CAST({one}.m AS TINYINT) WHEN {rng}.y1 <> '' THEN TRY_CAST({rng}.m2 AS TINYINT) END AS _month,
               CASE WHEN {one}.y <> '' THEN TRY_CAST({one}.m AS TINYINT) WHEN {rng}.y1 <> '' THEN TRY_CAST({rng}.m1 AS TINYINT) END AS _first,
               {rng}.y1 AS _y1
        FROM {relation}
        WHERE NOT ({_total_line(q, period, value)})""")
    bad_period = (f"_kind IS NULL OR _month NOT BETWEEN 1 AND 12 OR _first NOT BETWEEN 1 AND 12 "
                  f"OR (_kind = 'ytd' AND (_first <> 1 OR _y1 <> CAST(_year AS VARCHAR) OR _month < _first))")
    # every period that is not a month or a January-N range (a full date such as 2024-01-01,
    # which Excel writes for a period it took for a date, included)
    bad = con.execute(f"SELECT count(*), list(_line ORDER BY _line)[1:{MAX_PROBLEMS}], "
                      f"list({period} ORDER BY _line)[1:{MAX_PROBLEMS}] FROM {table} WHERE {bad_period}").fetchall()[0]
    if bad[0]:
        raise InputError(path, [Problem(Message("gacc_not_a_period"), line=int(line), field="period", value=text,
                                        expected=Message("gacc_period_expected"))
                                for line, text in zip(bad[1], bad[2])], total=int(bad[0]))
    checks = {"value": NumberCheck("_value", expected=Message("gacc_number_such_as", example="1,234,567"))}
    if "quantity" in q:
        checks["quantity"] = NumberCheck(_none(q["quantity"]), expected=Message("gacc_number_such_as", example="1,234"))
    row = con.execute(f"SELECT {number_aggregates(checks)} FROM {table}").fetchall()[0]
    raise_number_problems(path, row, checks, header_line=header_line)
    rows, dropped = con.execute(f"SELECT count(*), count(*) FILTER (WHERE _value IS NULL) FROM {table}").fetchall()[0]
    if not rows:
        raise InputError(path, Problem(Message("err_no_data_rows"), line=header_line + 1))
    return table, int(rows), int(dropped)


def _total_line(q: Mapping[str, str], period: str, value: str) -> str:
    """SQL true for a line that is not a figure of a period: a total over periods (合计,
    总计, Total in the period column), or a line without a period that has no value or
    names a total (an empty or total commodity code, a world partner).  A line without a
    period but with a value of a commodity and a partner is kept, so that the period check
    refuses it naming its line rather than dropping a figure unsaid."""
    totals = ", ".join(sql_str(t) for t in TOTAL_CODES)
    total = f"upper({_raw_code_sql(q)}) IN ({totals})"
    if "partner_name" in q:
        worlds = ", ".join(sql_str(w) for w in WORLD_PARTNERS)
        total += f" OR lower(trim(coalesce({q['partner_name']}, ''))) IN ({worlds})"
    return (f"regexp_matches(coalesce({period}, ''), '^(合计|总计|Total)$', 'i') "
            f"OR (coalesce({period}, '') = '' AND ({value} IS NULL OR {total}))")


def _flow(path: Path, q: Mapping[str, str]) -> tuple[str, str]:
    if "flow" in q:
        whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in FLOWS.items())
        return f"CASE upper(trim({q['flow']})) {whens} ELSE trim({q['flow']}) END", Message("gacc_flow_column")
    name = path.name.lower()
    found = {v for k, v in (("出口", "export"), ("进口", "import"), ("export", "export"), ("import", "import")) if k in name}
    if len(found) != 1:
        raise InputError(path, Problem(Message("gacc_no_flow"), field="flow", expected=Message("gacc_flow_expected")))
    flow = found.pop()
    return sql_str(flow), Message("gacc_flow_file_name", flow=flow)


def _residual_key(name: str) -> bool:
    """Whether a partner name is GACC's residual "other countries of a continent (regions)"
    or "country unknown" (full-width brackets, case and, in Chinese, spaces aside)."""
    from ..reference.national import name_key

    key = name_key(name.replace("（", "(").replace("）", ")"))
    return bool(_RESIDUAL.match(key if key.isascii() else key.replace(" ", "")))


def _mapped(con: duckdb.DuckDBPyConnection, path: Path, table: str, role: str, q: Mapping[str, str],
            header_line: int) -> tuple[str, dict[str, int], list[Message]]:
    """SQL for the reporter (``place``) or partner (``partner``) code, from the distinct
    names and codes of the file, the aggregate partners left out (printed name -> rows) and
    the notes of what else was decided.  A world row (总值, World) is ``WLD``; when a file
    has two world totals (总值 and 世界), the first one is kept and the other left out
    (they would be summed), noted; a residual "other countries of a continent" partner
    (亚洲其他国家(地区), 其他亚洲国家(地区), 国别(地区)不详) is ``UNS``, noted; a national
    registered place (全国) is ``CHN``; a continent or grouping (亚洲, code 100, 东盟) is
    NULL, so that its rows are not stored; unknown ones are refused naming their first line."""
    from ..reference.national import cn_province_index, gacc_countries, name_key, partner_code

    name_col, code_col = q.get(f"{role}_name"), q.get(f"{role}_code")
    if name_col is None and code_col is None:
        return sql_str("CHN"), {}, []
    name_expr = f"coalesce(trim({name_col}), '')" if name_col else "''"
    code_expr = f"coalesce(trim({code_col}), '')" if code_col else "''"
    pairs = con.execute(f"SELECT {name_expr}, {code_expr}, min(_line), count(*) FROM {table} WHERE _value IS NOT NULL "
                        "GROUP BY ALL ORDER BY 3").fetchall()
    provinces = cn_province_index()
    mapping: dict[tuple[str, str], str] = {}
    aggregates: dict[str, int] = {}
    world: str | None = None
    other_worlds: dict[str, int] = {}
    residuals: dict[str, int] = {}
    problems = []
    for name, code, line, n in pairs:
        keys = {name_key(name), name_key(code)} - {""}
        if role == "place" and keys & set(NATIONAL_PLACES) and not code[:2].isdigit():
            mapping[(name, code)] = "CHN"
            continue
        if role == "partner" and keys & set(AGGREGATE_PARTNERS):
            aggregates[name or code] = aggregates.get(name or code, 0) + int(n)
            continue
        if role == "partner" and name_key(name) in WORLD_PARTNERS and not gacc_countries().get(code):
            if world is None or name_key(world) == name_key(name):  # one total however it is written
                world = world if world is not None else name
                mapping[(name, code)] = "WLD"
            else:  # a second world total (总值 beside 世界): summing them would double the world
                other_worlds[name] = other_worlds.get(name, 0) + int(n)
            continue
        if role == "partner" and name and _residual_key(name) and gacc_countries().get(code, RESIDUAL_CODE) == RESIDUAL_CODE:
            mapping[(name, code)] = RESIDUAL_CODE
            residuals[name] = residuals.get(name, 0) + int(n)
            continue
        if role == "place":
            hit = provinces.get(name_key(name)) or provinces.get(name_key(code[:2]))
        else:
            by_name = partner_code(name, "gacc") if name else None
            by_code = gacc_countries().get(code) if code else None
            if by_name and by_code and by_name != by_code:
                problems.append(Problem(
                    Message("gacc_disagree", by_name=by_name, code=code, by_code=by_code), line=int(line),
                    field=(name_col or "").strip('"'), value=f"{name} / {code}", expected=Message("gacc_same_partner")))
                continue
            hit = by_name or by_code
        if hit is None:
            problems.append(Problem(Message("gacc_unknown_place") if role == "place" else Message("gacc_unknown_partner"),
                                    line=int(line), field=(name_col or code_col or "").strip('"'), value=name or code,
                                    expected=Message("gacc_province_expected") if role == "place"
                                    else Message("gacc_country_expected")))
        else:
            mapping[(name, code)] = hit
    if problems:
        raise InputError(path, problems)
    whens = " ".join(f"WHEN {name_expr} = {sql_str(n)} AND {code_expr} = {sql_str(c)} THEN {sql_str(v)}"
                     for (n, c), v in mapping.items())
    notes = []
    if other_worlds:
        notes.append(Message("gacc_world_twice", n=sum(other_worlds.values()), rows=", ".join(other_worlds), kept=world))
    if residuals:
        notes.append(Message("gacc_residual", n=sum(residuals.values()), rows=", ".join(residuals)))
    return (f"CASE {whens} END" if whens else "CAST(NULL AS VARCHAR)"), aggregates, notes


def _rates_sql() -> str:
    from ..reference.national import cny_per_usd

    values = ", ".join(f"({y}, {m}, {r!r})" for (y, m), r in sorted(cny_per_usd().items()))
    return f"(SELECT * FROM (VALUES {values}) AS r(year, month, rate))"


def _check_rates(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    missing = con.execute(
        f"SELECT DISTINCT t._year, m.month, min(t._line) FROM {table} t, range(1, 13) AS m(month) "
        f"WHERE t._value IS NOT NULL AND m.month BETWEEN t._first AND t._month "
        f"AND NOT EXISTS (SELECT 1 FROM {_rates_sql()} r WHERE r.year = t._year AND r.month = m.month) "
        "GROUP BY ALL ORDER BY 3 LIMIT 5").fetchall()
    if missing:
        raise InputError(path, [
            Problem(Message("gacc_no_rate", year=y, month=f"{m:02d}"), line=int(line),
                    field="period", expected=Message("gacc_rate_expected"))
            for y, m, line in missing])


def _classification_sql(year: str) -> str:
    whens = " ".join(f"WHEN {year} >= {y} THEN {sql_str(c)}" for y, c in HS_EDITIONS)
    return f"CASE {whens} END"


def _raw_code_sql(q: Mapping[str, str]) -> str:
    return f"regexp_replace(coalesce(trim({q['code']}), ''), '[^0-9A-Za-z总值合计]', '', 'g')"


def _code_sql(q: Mapping[str, str]) -> str:
    """The commodity code: digits (and the total words) only; an all-digit code of odd
    length gets back the leading zero Excel drops (``1012100`` -> ``01012100``): HS codes
    have 2, 4, 6, 8 or 10 digits."""
    raw = _raw_code_sql(q)
    return f"CASE WHEN regexp_matches({raw}, '^[0-9]+$') AND length({raw}) % 2 = 1 THEN '0' || {raw} ELSE {raw} END"


def _zero_restored(con: duckdb.DuckDBPyConnection, table: str, q: Mapping[str, str]) -> Message | None:
    raw = _raw_code_sql(q)
    n, codes = con.execute(f"SELECT count(*), list(DISTINCT {raw} ORDER BY {raw})[1:5] FROM {table} "
                           f"WHERE _value IS NOT NULL AND regexp_matches({raw}, '^[0-9]+$') "
                           f"AND length({raw}) % 2 = 1").fetchall()[0]
    return Message("gacc_leading_zero", n=int(n), codes=", ".join(codes)) if n else None


def _canonical_sql(table: str, q: Mapping[str, str], release: str, flow: str, reporter: str, partner: str,
                   currency: str, header_line: int) -> str:
    code = _code_sql(q)
    totals = ", ".join(sql_str(t) for t in TOTAL_CODES)
    is_total = f"upper({code}) IN ({totals})"
    level = f"CASE WHEN {is_total} THEN 'total' WHEN length({code}) >= 8 THEN 'hs6' ELSE 'hs' || length({code}) END"
    product = f"CASE WHEN {is_total} THEN 'TOTAL' WHEN length({code}) >= 8 THEN left({code}, 6) ELSE {code} END"
    value = "CAST(CAST(_value AS DECIMAL(38,10)) AS DOUBLE)"
    if currency == "cny":
        value = (f"{value} / (SELECT avg(r.rate) FROM {_rates_sql()} r "
                 "WHERE r.year = t._year AND r.month BETWEEN t._first AND t._month)")
    if "quantity" in q:
        unit_whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in UNITS.items())
        unit_col = q.get("unit", "NULL")
        unit = f"CASE lower(trim({unit_col})) {unit_whens} WHEN '?' THEN NULL ELSE NULLIF(NULLIF(trim({unit_col}), ''), '-') END"
        qty = f"CAST(CAST({_none(q['quantity'])} AS DECIMAL(38,10)) AS DOUBLE)"
    else:
        unit, qty = "CAST(NULL AS VARCHAR)", "CAST(NULL AS DOUBLE)"
    return f"""
SELECT {sql_str(SOURCE)} AS source, {sql_str(release)} AS release, reporter, partner, flow,
       year, period_kind, month, classification, product_level, product_code,
       sum(value_usd) AS value_usd,
       CASE WHEN count(DISTINCT quantity_unit) = 1 AND count(quantity) = count(*) THEN sum(quantity) END AS quantity,
       CASE WHEN count(DISTINCT quantity_unit) = 1 AND count(quantity) = count(*) THEN min(quantity_unit) END AS quantity_unit,
       {FLOW_VALUATION_SQL.format(flow='flow')} AS valuation,
       min(_line) AS _line
FROM (
    SELECT {reporter} AS reporter, {partner} AS partner, {flow} AS flow,
           _year AS year, _kind AS period_kind, _month AS month,
           CASE WHEN {is_total} THEN 'TOTAL' ELSE {_classification_sql('_year')} END AS classification,
           {level} AS product_level, {product} AS product_code,
           {value} AS value_usd, {qty} AS quantity, {unit} AS quantity_unit, _line
    FROM {table} t WHERE _value IS NOT NULL
)
WHERE partner IS NOT NULL  -- continent and grouping totals (亚洲, 100, 东盟): their countries are stored
GROUP BY reporter, partner, flow, year, period_kind, month, classification, product_level, product_code
"""
