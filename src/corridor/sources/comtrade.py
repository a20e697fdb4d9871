"""Importer for UN Comtrade data: API v1 JSON responses, CSV and Excel downloads.

Layouts read (docs/sources.md lists them with the evidence for each):

* API v1 JSON, ``{"count": N, "data": [...], "error": ""}``, and the API v1 CSV / Comtrade
  Plus web download, with the API field names (``typeCode, freqCode, refYear, refMonth,
  period, reporterCode, reporterISO, partnerCode, partnerISO, partner2Code, flowCode,
  classificationCode, cmdCode, customsCode, motCode, qtyUnitAbbr, qty, cifvalue, fobvalue,
  primaryValue`` ...), with or without a BOM;
* the same names in any case: the 2023 web download's PascalCase (``RefYear``,
  ``PrimaryValue``), with its misspelt ``Prtner2Code``;
* a download that is not UTF-8: read as Latin-1 (noted; only codes and numbers are stored);
* any CSV re-saved by Excel in a locale with a decimal comma: ``;`` between fields (taken
  from the header line) and decimal commas in the values (noted);
* the download as an ``.xlsx`` / ``.xls`` workbook (the first sheet with the header);
* the ``comtradeapicall`` DataFrame saved by pandas: an unnamed index column (ignored),
  whole numbers written ``398.0`` (read as ``398``);
* the legacy comtrade.un.org CSV (``Classification, Year, Period, ..., Trade Flow, Reporter
  Code, Reporter ISO, ..., Commodity Code, ..., Trade Value (US$), CIF Trade Value (US$),
  FOB Trade Value (US$), Flag``, :data:`LEGACY_COLUMNS`): ``Trade Value (US$)`` is
  ``primaryValue``, the flow comes from ``Trade Flow``, a six-digit ``Period`` (``201903``)
  is a month, else the year (noted);
* the legacy API's JSON (``{"validation": ..., "dataset": [{"pfCode", "yr", "period",
  "rgDesc", "rtCode", "rt3ISO", "ptCode", "pt3ISO", ..., "TradeValue", "CIFValue",
  "FOBValue"}]}``) and its records as CSV columns, read as the legacy CSV.

Problems name the column as the file spells it.  Mapping to the canonical table (source
``comtrade``):

* only the totals over the breakdowns are kept: ``partner2Code = 0`` (second partner:
  world), ``customsCode = 'C00'`` (all customs procedures) and ``motCode = 0`` (all modes
  of transport), each when the column exists; the rows dropped are counted in the notes;
* economies: ``reporterISO`` / ``partnerISO`` when given (legacy codes through
  :func:`corridor.reference.economy_aliases`, ``W00`` -> ``WLD``), else the
  numeric M49 code through :func:`corridor.reference.numeric_to_code` (``0`` -> ``WLD``);
* ``flowCode`` X / M / RX / RM -> export / import / re-export / re-import (others pass
  through unchanged, for the store to report);
* ``freqCode`` A -> ``period_kind`` year (month 12); M -> month, ``month = refMonth``;
* ``classificationCode`` ``HS`` (legacy files' "as reported"): the HS edition in force in
  the year (HS12 for 2012-2016, HS17 for 2017-2021 ...), noted;
* ``cmdCode`` ``TOTAL`` -> level total, code ``TOTAL``, classification ``TOTAL``;
  an all-digit code of odd length gets back the leading zero a spreadsheet drops (noted);
  2/4/6 digits -> hs2/hs4/hs6 with ``classificationCode`` via
  :data:`corridor.schema.HS_REVISION_ALIASES` (``H4`` -> ``HS12``);
* ``value_usd = primaryValue``; valuation CIF or FOB by which of ``cifvalue`` /
  ``fobvalue`` equals ``primaryValue``, else the flow's convention (imports CIF, exports
  FOB);
* ``quantity = qty`` in ``qtyUnitAbbr`` when a unit is given (not ``N/A``);
* release: the ``release`` argument, else the JSON's ``lastUpdated`` / ``lastReleased``
  date (``YYYY-MM-DD``) or ``datasetChecksum``, else the years of the data and the file's
  content hash (``2015-2024-3fa9c2d1``, :func:`corridor.sources._csv.file_release`).

A Comtrade *error* response (``{"statusCode": 401, "message": ...}`` or a non-empty
``error``) is refused with the API's message.  JSON records have no lines: problems name
the record (``data[3].primaryValue``) and ``_line`` is NULL.

Source: UN Comtrade, *Comtrade API v1 documentation* and *UN Comtrade Database data
item definitions* (comtradeplus.un.org).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ..errors import ConfigError, InputError, Problem, ReferenceDataError
from ..messages import Message, library_detail
from ..schema import HS_REVISION_ALIASES
from ._csv import (
    FLOW_ALIASES,
    CsvLayout,
    decode_stream,
    sheet_table,
    zero_restored_note,
    FLOW_VALUATION_SQL,
    NumberCheck,
    alias_case,
    check_relation,
    check_file,
    economy_sql,
    file_release,
    number_aggregates,
    number_text,
    product_sql,
    raise_number_problems,
    read_csv_sql,
    read_header,
    require_columns,
    scan_checked,
)
from .gacc import HS_EDITIONS
from ._sheets import WORKBOOK_SUFFIXES, cell_text, header_sheet, workbook_sheets
from .base import ParsedSource, sql_str

SOURCE = "comtrade"

REQUIRED_COLUMNS: tuple[str, ...] = (
    "freqCode", "refYear", "refMonth", "reporterCode", "partnerCode", "flowCode",
    "classificationCode", "cmdCode", "primaryValue",
)
#: Read when present.
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "reporterISO", "partnerISO", "partner2Code", "customsCode", "motCode",
    "qty", "qtyUnitAbbr", "cifvalue", "fobvalue",
)
#: Breakdown columns and the value that means "total over the breakdown".
TOTAL_BREAKDOWNS: dict[str, str] = {"partner2Code": "0", "customsCode": "C00", "motCode": "0"}
#: Comtrade's group codes that corridor spells differently.
ISO_ALIASES: dict[str, str] = {"W00": "WLD"}
WORLD_NUMERIC = 0

#: The legacy comtrade.un.org CSV's names (lower-cased) -> API v1 field.  Its ``Trade Flow
#: Code`` (1 import, 2 export, 3 re-export, 4 re-import) is not read: ``Trade Flow`` names
#: the flow; ``Qty Unit`` is a text (``Weight in kilograms``; ``No Quantity`` is none).
LEGACY_COLUMNS: dict[str, str] = {
    "classification": "classificationCode", "year": "refYear", "period": "period", "trade flow": "flowDesc",
    "reporter code": "reporterCode", "reporter iso": "reporterISO", "partner code": "partnerCode",
    "partner iso": "partnerISO", "2nd partner code": "partner2Code", "customs proc. code": "customsCode",
    "mode of transport code": "motCode", "commodity code": "cmdCode", "qty unit": "qtyUnitAbbr", "qty": "qty",
    "trade value (us$)": "primaryValue", "cif trade value (us$)": "cifvalue", "fob trade value (us$)": "fobvalue",
    # the Comtrade Plus web download's misspelling of partner2Code (its header in 2023)
    "prtner2code": "partner2Code",
    # a public copy of a legacy download with these names run together (yusufades/Dragonfly,
    # src/api/mocks/live-animal-trade-csv.js): TradeFlow, TradeValueUS, CIF TradeValue
    "tradeflow": "flowDesc", "tradevalueus": "primaryValue", "cif tradevalue": "cifvalue",
    # the legacy API's JSON fields (comtrade.un.org/api/get, before 2023), also as the
    # columns of its records saved from a DataFrame
    "pfcode": "classificationCode", "yr": "refYear", "rgdesc": "flowDesc", "rtcode": "reporterCode",
    "rt3iso": "reporterISO", "ptcode": "partnerCode", "pt3iso": "partnerISO", "ptcode2": "partner2Code",
    "cstcode": "customsCode", "qtdesc": "qtyUnitAbbr", "tradequantity": "qty", "tradevalue": "primaryValue",
}
_API_BY_LOWER = {c.lower(): c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "period", "flowDesc")}

_FREQ = {"A": "year", "M": "month"}
_RELEASE_KEYS = ("lastUpdated", "lastReleased", "datasetChecksum")


def detect(path: Path) -> str | None:
    """``"comtrade"`` for an API v1 JSON response (keys ``data``/``error`` or
    ``statusCode``), or a CSV or workbook whose header (any of the layouts read, see
    :func:`api_names`) has the value, flow and commodity columns; else ``None``."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return None
    if head.startswith(b"{"):
        return SOURCE if re.search(rb'"(data|dataset|validation|error|elapsedTime|statusCode)"\s*:', head) else None
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        try:
            sheets = workbook_sheets(path, limit=20)
        except (InputError, OSError):
            return None
        return SOURCE if any(_is_header(tuple(cell_text(v).strip() for v in row)) for _, rows in sheets for _, row in rows) \
            else None
    try:
        names = read_header(path, delimiter=None).columns
    except InputError:
        return None
    return SOURCE if _is_header(names) else None


def api_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """The header's names as API v1 field names: the Comtrade Plus web download's
    PascalCase (``RefYear``, ``PrimaryValue``) and any other case of an API name matched
    case-insensitively, its misspelling ``Prtner2Code``, the legacy CSV's names
    (:data:`LEGACY_COLUMNS`); an unnamed column (the index pandas writes) gets a
    placeholder name; other names are kept (and never read)."""
    out: list[str] = []
    for i, name in enumerate(names):
        key = name.strip().lower()
        new = _API_BY_LOWER.get(key) or LEGACY_COLUMNS.get(key) or name.strip() or f"_unnamed_{i + 1}"
        out.append(new if new not in out else name.strip() or f"_unnamed_{i + 1}")
    return tuple(out)


def _is_header(names: tuple[str, ...]) -> bool:
    cols = set(api_names(names))
    return {"primaryValue", "cmdCode"} <= cols and bool(cols & {"flowCode", "flowDesc"})


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse a Comtrade API v1 JSON response or CSV download into a lazy SELECT of the
    canonical import columns."""
    if options:
        raise ConfigError(Message("err_no_options", importer="Comtrade", options=", ".join(sorted(options))))
    path = Path(path)
    check_file(path)
    with open(path, "rb") as fh:
        is_json = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    layout_notes: list[Message] = []
    if is_json:
        relation, columns, rows, json_release, layout_notes = _json_records(con, path)
        header_line = None
    else:
        relation, columns, rows, header_line, layout_notes = _table(con, path)
        json_release = None
    given = release
    keep = " AND ".join(
        f"COALESCE({_whole(_q(c))}, '') IN ('', {sql_str(v)})" for c, v in TOTAL_BREAKDOWNS.items() if c in columns
    ) or "TRUE"
    iso = {role: _iso_sql(role, columns) for role in ("reporter", "partner")}
    kept, *needs = con.execute(
        f"SELECT count(*) FILTER (WHERE {keep}), count(*) FILTER (WHERE {iso['reporter']} IS NULL), "
        f"count(*) FILTER (WHERE {iso['partner']} IS NULL) FROM {relation}"
    ).fetchall()[0]
    numeric = _numeric_codes() if any(needs) else None
    economies = {role: _economy_sql(role, iso[role], numeric) for role in ("reporter", "partner")}
    chosen = file_release(con, path, _canonical_sql(relation, columns, "", keep, economies, header_line),
                          given=given, named=json_release, origin="response")
    release = chosen.label
    sql = _canonical_sql(relation, columns, release, keep, economies, header_line)
    zero = zero_restored_note(con, relation, _q("cmdCode"))
    as_reported = con.execute(f"SELECT count(*) FROM {relation} WHERE {keep} AND upper(trim({_q('classificationCode')})) = 'HS' "
                              f"AND upper(trim({_q('cmdCode')})) <> 'TOTAL'").fetchall()[0][0]
    if as_reported:
        layout_notes = [*layout_notes, Message("comtrade_as_reported", n=int(as_reported))]
    notes = [
        chosen.note,
        *layout_notes,
        *([zero] if zero else []),
        Message("comtrade_totals", dropped=int(rows - kept), rows=int(rows)),
        Message("comtrade_valuation"),
    ]
    return ParsedSource(source=SOURCE, release=release, sql=sql, path=path, dataset=path.stem,
                        rows_read=rows, notes=tuple(notes), vintage=chosen.vintage)


# -- reading -------------------------------------------------------------------------------
def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _whole(expr: str) -> str:
    """SQL: a code as text without the ``.0`` pandas writes for whole numbers in a column
    that has empty cells (``398.0`` -> ``398``, ``0.0`` -> ``0``)."""
    return f"regexp_replace(trim({expr}), '\\.0+$', '')"


def _derived(columns: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """SQL select items deriving the API fields a legacy CSV lacks, and their names:
    ``freqCode`` and ``refMonth`` from ``period`` (``201901`` is January 2019, ``2019`` the
    year), ``flowCode`` from ``flowDesc`` (Import / Export / Re-Import / Re-Export)."""
    items, names = [], []
    period = f"trim({_q('period')})"
    if "period" in columns:
        if "freqCode" not in columns:
            items.append(f"CASE WHEN length({period}) = 6 THEN 'M' ELSE 'A' END AS freqCode")
            names.append("freqCode")
        if "refMonth" not in columns:
            items.append(f"CASE WHEN length({period}) = 6 THEN right({period}, 2) END AS refMonth")
            names.append("refMonth")
    if "flowCode" not in columns and "flowDesc" in columns:
        items.append(f"{_q('flowDesc')} AS flowCode")
        names.append("flowCode")
    return "".join(", " + i for i in items), tuple(names)


def _table(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, tuple[str, ...], int, int, list[Message]]:
    """A CSV or workbook download as (relation with ``ordinality`` and API field names,
    its columns, data rows, header line, notes); checks every number it reads."""
    notes: list[Message] = []
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        header_line, names, data = header_sheet(path, _is_header)
        columns = api_names(names)
        table = sheet_table(con, path, columns, data, header_line, prefix="_imp_comtrade_")
        source, scan = table, None
    else:
        raw = read_header(path, delimiter=None)
        columns = api_names(raw.columns)
        try:
            decode_stream(path, "utf-8")
            encoding = "utf-8"
        except InputError:
            encoding = "latin-1"
            notes.append(Message("comtrade_latin1"))
        scan = CsvLayout(path=path, columns=columns, header_line=raw.header_line, delimiter=raw.delimiter,
                         encoding=encoding)
        source, header_line = read_csv_sql(scan), raw.header_line
    if "flowDesc" in columns and "period" in columns and "freqCode" not in columns:
        notes.append(Message("comtrade_legacy"))
    extra, derived = _derived(columns)
    require_columns(path, (*columns, *derived), REQUIRED_COLUMNS)
    # problems name the column as the file spells it ('Trade Value (US$)', 'PrimaryValue')
    spelt = dict(zip(columns, names if scan is None else raw.columns))
    # a CSV re-saved by Excel in a locale whose decimal mark is a comma: ';' between fields
    comma = scan is not None and scan.delimiter == ";"
    if comma:
        notes.append(Message("semicolon_decimal_comma"))
    checks = {spelt.get(k, k).strip() or k: v for k, v in _number_checks(columns, decimal="," if comma else ".").items()}
    if scan is not None:
        rows = scan_checked(con, scan, checks)
    else:
        rows = check_relation(con, path, source, checks, header_line)
    # the values read downstream with a decimal point (the checks above read the commas)
    points = [f"replace({_q(c)}, ',', '.') AS {_q(c)}" for c in ("primaryValue", "cifvalue", "fobvalue", "qty")
              if comma and c in columns]
    point = f" REPLACE ({', '.join(points)})" if points else ""
    return f"(SELECT *{point}{extra} FROM {source})", (*columns, *derived), rows, header_line, notes


def _number_checks(columns: tuple[str, ...], *, decimal: str = ".") -> dict[str, NumberCheck]:
    checks = {
        "refYear": NumberCheck(f"NULLIF({_whole(_q('refYear'))}, '')", "SMALLINT", required=True, expected=Message("err_a_year")),
        "primaryValue": NumberCheck(number_text(_q("primaryValue"), decimal=decimal), required=True),
    }
    if "refMonth" in columns:
        checks["refMonth"] = NumberCheck(f"NULLIF({_whole(_q('refMonth'))}, '')", "TINYINT",
                                         expected=Message("err_a_month_number"))
    if "period" in columns and "freqCode" not in columns:
        checks["period"] = NumberCheck(f"NULLIF(trim({_q('period')}), '')", "INTEGER", required=True,
                                       expected=Message("err_a_year"))
    checks.update({c: NumberCheck(number_text(_q(c), decimal=decimal)) for c in ("qty", "cifvalue", "fobvalue")
                   if c in columns})
    return checks


def _json_records(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, tuple[str, ...], int, str | None, list[Message]]:
    """Check an API v1 response (or a legacy API response, ``{"validation": ...,
    "dataset": [...]}``) and return (relation over its records with every field read as
    VARCHAR under its API v1 name, plus ``ordinality``; those names; record count; release
    from the response; notes)."""
    size = path.stat().st_size
    top = (
        f"read_json({sql_str(str(path))}, format='auto', maximum_object_size={size + 1024}, "
        "columns={'error': 'VARCHAR', 'statusCode': 'VARCHAR', 'message': 'VARCHAR', 'data': 'JSON[]', "
        "'dataset': 'JSON[]', 'validation': 'JSON', "
        + ", ".join(f"{sql_str(k)}: 'VARCHAR'" for k in _RELEASE_KEYS) + "})"
    )
    try:
        head = con.execute(
            "SELECT error, statusCode, message, coalesce(data, dataset) IS NULL, len(coalesce(data, dataset)), "
            "data IS NULL AND dataset IS NOT NULL, json_extract_string(validation, '$.status.value'), "
            "coalesce(json_extract_string(validation, '$.message'), json_extract_string(validation, '$.status.name')), "
            f"{', '.join(_RELEASE_KEYS)} FROM {top}"
        ).fetchall()
    except duckdb.Error as exc:
        raise InputError(path, Problem(Message("err_comtrade_not_json", detail=library_detail(exc, str(exc).splitlines()[0])),
                                       expected='{"count": N, "data": [...], "error": ""}')) from None
    if len(head) != 1:
        raise InputError(path, Problem(Message("err_not_single_json"), expected='{"count": N, "data": [...], "error": ""}'))
    error, status, message, no_data, n, legacy, legacy_status, legacy_message, *stamps = head[0]
    if legacy_status not in (None, "0"):  # the legacy API's refusal: {"validation": {"status": {"value": 5003, ...}}}
        error = legacy_message or legacy_status
    if (error or "").strip() or status is not None:
        text = ((error or "").strip() or (message or "").strip()).rstrip(".") or Message("err_no_message")
        where = Message("err_http_status", status=status) if status is not None else ""
        raise InputError(path, Problem(Message("err_comtrade_error", where=where, text=text), field="error"))
    if no_data:
        raise InputError(path, Problem(Message("err_no_data_list"), field="data", expected='{"data": [...]}'))
    records_key = "dataset" if legacy else "data"
    if not n:
        raise InputError(path, Problem(Message("err_no_data_records"), field=records_key,
                                       expected=Message("err_one_record_expected")))
    records = (
        f"(SELECT unnest({records_key}) AS rec, unnest(range(1, len({records_key}) + 1)) AS ordinality "
        f"FROM read_json({sql_str(str(path))}, format='auto', maximum_object_size={size + 1024}, "
        f"columns={{{sql_str(records_key)}: 'JSON[]'}}))"
    )
    try:
        keys = con.execute(f"SELECT list(DISTINCT k) FROM (SELECT unnest(json_keys(rec)) AS k FROM {records})").fetchall()[0][0]
    except duckdb.Error as exc:  # e.g. records nested deeper than DuckDB's JSON reader goes (128)
        raise InputError(path, Problem(Message("err_records_unreadable", detail=library_detail(exc, str(exc).splitlines()[0])), field="data",
                                       expected=Message("err_flat_records"))) from None
    keys = tuple(sorted(set(keys or ())))
    read = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "period", "flowDesc")
    wanted = [(k, api) for k, api in zip(keys, api_names(keys)) if api in read]
    apis = tuple(api for _, api in wanted)
    extra, derived = _derived(apis)
    # (the fields not read are named too: a renamed field is suggested)
    require_columns(path, (*apis, *derived, *(k for k in keys if k not in dict(wanted))), REQUIRED_COLUMNS,
                    where=Message("err_in_data_records"))
    fields = ", ".join(f"json_extract_string(rec, {sql_str('$.' + k)}) AS {_q(api)}" for k, api in wanted)
    relation = f"(SELECT *{extra} FROM (SELECT ordinality, {fields} FROM {records}))"
    spelt = dict((api, k) for k, api in wanted)
    numbers = {spelt.get(k, k): v for k, v in _number_checks(apis).items()}
    row = con.execute(f"SELECT {number_aggregates(numbers)} FROM {relation}").fetchall()[0]
    raise_number_problems(path, row, numbers, header_line=None, record=records_key)
    notes = [Message("comtrade_legacy")] if legacy else []
    return relation, (*apis, *derived), int(n), _release_from(stamps), notes


def _release_from(stamps: list[str | None]) -> str | None:
    for value in stamps:
        if value and (m := re.match(r"\d{4}-\d{2}-\d{2}", value.strip())):
            return m.group(0)
    checksum = stamps[-1]
    return f"checksum-{checksum.strip()}" if checksum and checksum.strip() else None


# -- mapping -------------------------------------------------------------------------------
def _iso_sql(role: str, columns: tuple[str, ...]) -> str:
    iso = f"{role}ISO"
    return f"NULLIF(trim({_q(iso)}), '')" if iso in columns else "CAST(NULL AS VARCHAR)"


def _economy_sql(role: str, iso_sql: str, numeric: dict[int, str] | None) -> str:
    """SQL for the reporter or partner: the ISO column when filled (``W00`` -> ``WLD``),
    else the numeric code through ``numeric`` (unknown numbers pass through as text)."""
    num = _whole(_q(role + "Code"))
    fallback = num
    if numeric:
        values = " ".join(f"WHEN {k} THEN {sql_str(v)}" for k, v in sorted(numeric.items()))
        fallback = f"CASE TRY_CAST({num} AS INTEGER) {values} ELSE {num} END"
    return f"CASE WHEN {iso_sql} IS NOT NULL THEN {economy_sql(iso_sql, ISO_ALIASES)} ELSE {fallback} END"


def _numeric_codes() -> dict[int, str]:
    """M49 numeric -> corridor economy code, from the reference tables; 0 is the world."""
    try:
        from ..reference import numeric_to_code
    except ImportError as exc:
        raise ReferenceDataError(
            "this Comtrade file has rows without reporterISO/partnerISO, and mapping their numeric codes needs "
            f"corridor.reference.numeric_to_code(), which is not available ({exc}); "
            "download the data with ISO columns or update corridor"
        ) from None
    codes = {int(k): str(v) for k, v in numeric_to_code().items()}
    codes.setdefault(WORLD_NUMERIC, "WLD")
    return codes


def _canonical_sql(
    relation: str, columns: tuple[str, ...], release: str, keep: str, economies: dict[str, str], header_line: int | None
) -> str:
    level, code = product_sql(_q("cmdCode"))
    flow = alias_case(_q("flowCode"), FLOW_ALIASES)
    freq = alias_case(_q("freqCode"), _FREQ)
    # 'HS' (the legacy files' "as reported"): the HS edition in force in the data's year
    as_reported = f"upper(trim({_q('classificationCode')})) = 'HS'"
    edition = " ".join(f"WHEN {_whole(_q('refYear'))}::INTEGER >= {y} THEN {sql_str(c)}" for y, c in HS_EDITIONS)
    classification = (f"CASE WHEN {as_reported} THEN CASE {edition} END "
                      f"ELSE {alias_case(_q('classificationCode'), HS_REVISION_ALIASES)} END")
    primary = number_text(_q("primaryValue"))
    cif = number_text(_q("cifvalue")) if "cifvalue" in columns else "NULL"
    fob = number_text(_q("fobvalue")) if "fobvalue" in columns else "NULL"
    p, c, f = (f"TRY_CAST({x} AS DECIMAL(38,10))" for x in (primary, cif, fob))
    valuation = (
        f"CASE WHEN {c} = {p} AND {f} = {p} THEN {FLOW_VALUATION_SQL.format(flow='flow')} "
        f"WHEN {c} = {p} THEN 'CIF' WHEN {f} = {p} THEN 'FOB' ELSE {FLOW_VALUATION_SQL.format(flow='flow')} END"
    )
    if "qty" in columns and "qtyUnitAbbr" in columns:
        unit_ok = f"NULLIF(trim({_q('qtyUnitAbbr')}), '') IS NOT NULL AND upper(trim({_q('qtyUnitAbbr')})) NOT IN ('N/A', 'NO QUANTITY')"
        qty = f"CASE WHEN {unit_ok} THEN CAST(CAST({number_text(_q('qty'))} AS DECIMAL(38,10)) AS DOUBLE) END"
        unit = f"CASE WHEN {unit_ok} THEN trim({_q('qtyUnitAbbr')}) END"
    else:
        qty, unit = "CAST(NULL AS DOUBLE)", "CAST(NULL AS VARCHAR)"
    line = "CAST(NULL AS BIGINT)" if header_line is None else f"CAST(ordinality + {header_line} AS BIGINT)"
    return f"""
SELECT {sql_str(SOURCE)} AS source, {sql_str(release)} AS release,
       {economies['reporter']} AS reporter, {economies['partner']} AS partner, flow,
       CAST({_whole(_q('refYear'))} AS SMALLINT) AS year, period_kind,
       CAST(CASE WHEN period_kind = 'month' THEN {_whole(_q('refMonth'))} ELSE '12' END AS TINYINT) AS month,
       CASE WHEN product_level = 'total' THEN 'TOTAL' ELSE {classification} END AS classification,
       product_level, product_code,
       CAST(CAST({primary} AS DECIMAL(38,10)) AS DOUBLE) AS value_usd,
       {qty} AS quantity, {unit} AS quantity_unit,
       {valuation} AS valuation,
       {line} AS _line
FROM (SELECT *, {flow} AS flow, {freq} AS period_kind, {level} AS product_level, {code} AS product_code
      FROM {relation} WHERE {keep})
"""
