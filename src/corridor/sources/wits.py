"""Importer for World Bank WITS trade downloads (UN Comtrade data as served by WITS).

Format (WITS "Advanced query" CSV download, original column names)::

    "Nomenclature","ReporterISO3","ProductCode","ReporterName","PartnerISO3","PartnerName",
    "Year","TradeFlowName","TradeFlowCode","TradeValue in 1000 USD"[,"PartnerRegion",...]

Columns are read by name, in any order (``NetWeight in KGM``, ``Quantity`` and other extra
columns are ignored, an unnamed one too).  A CSV re-saved by Excel in a locale with a decimal
comma (``;`` between fields, ``355,509``) is read so (noted).  The same table is read from an ``.xlsx`` /
``.xls`` workbook (the first sheet with the header; title rows above it skipped; lines are
the sheet's rows) and from a zip holding one CSV (WITS' data-job download; problems name
``zip:member``).  The WITS "Trade Summary" (TradeStats) wide exports are not read (see
docs/sources.md).

Mapping to the canonical table (source ``wits``):

* ``TradeValue in 1000 USD`` is in **thousands of US dollars**: multiplied by 1000
  (in exact decimal arithmetic, then stored as a double);
* ``Nomenclature`` (``H4`` ...) -> HS revision via :data:`corridor.schema.HS_REVISION_ALIASES`
  (``H4`` -> ``HS12``); rows at product level ``total`` get classification ``TOTAL``;
* ``TradeFlowName`` Export / Import / Re-Export / Re-Import (also ``Gross Exports`` /
  ``Gross Imports``) -> export / import / re-export / re-import;
* ``ProductCode`` read as text (leading zeros kept; an all-digit code of odd length, which
  lost its zero in an Excel round-trip, ``101``, gets it back, noted): 2/4/6 digits ->
  hs2/hs4/hs6;
  chapter-range aggregates ``01-05_Animal`` -> level ``group``, code ``01-05``; WTO
  groupings ``WTO_H4_Aggri`` / ``_Indus`` / ``_Petro`` -> ``group`` ``WTO-AGRI`` /
  ``WTO-INDUS`` / ``WTO-PETRO``; ``AllSubHeading`` / ``Total`` / ``All Products`` ->
  level ``total``, code ``TOTAL``;
* ``ReporterISO3`` / ``PartnerISO3``: WITS' legacy codes mapped through
  :func:`corridor.reference.economy_aliases` (``ROM`` -> ``ROU``, ``SER`` -> ``SRB``,
  ``ZAR`` -> ``COD`` ...), others as given (``WLD`` is the world);
* period: annual (``period_kind`` ``year``, ``month`` 12);
* valuation: exports and re-exports FOB, imports and re-imports CIF (the UN Comtrade
  convention WITS follows; UN IMTS 2010, para. 4.2);
* release: the ``release`` argument, else the years of the data and the file's content
  hash, ``2015-2024-3fa9c2d1`` (:func:`corridor.sources._csv.file_release`).

Source: World Bank, *WITS User Manual* (wits.worldbank.org), "Trade data (UN Comtrade)".
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
import tempfile
import weakref
import zipfile
import zlib
from pathlib import Path

import duckdb

from .base import ParsedSource, sql_str
from ._csv import (
    FLOW_ALIASES,
    FLOW_VALUATION_SQL,
    HEADER_PROBE_BYTES,
    NumberCheck,
    alias_case,
    check_relation,
    check_file,
    sheet_table,
    zero_restored_note,
    economy_sql,
    file_release,
    number_text,
    product_sql,
    read_csv_sql,
    read_header,
    require_columns,
    scaled_value,
    scan_checked,
)
from .baci import _check_members as check_members
from ._sheets import WORKBOOK_SUFFIXES, cell_text, header_sheet, workbook_sheets
from ..errors import ConfigError, InputError, Problem
from ..messages import Message, library_detail
from ..schema import HS_REVISION_ALIASES

SOURCE = "wits"

VALUE_COLUMN = "TradeValue in 1000 USD"
REQUIRED_COLUMNS: tuple[str, ...] = (
    "Nomenclature", "ReporterISO3", "ProductCode", "PartnerISO3", "Year", "TradeFlowName", VALUE_COLUMN,
)
VALUE_MULTIPLIER = 1000


def _is_header(names: tuple[str, ...]) -> bool:
    return {VALUE_COLUMN, "Nomenclature", "ProductCode"} <= set(names)


def detect(path: Path) -> str | None:
    """``"wits"`` when the file's header (a CSV's, the first of a workbook's sheets that
    has one, or that of the one CSV in a zip) has WITS' ``TradeValue in 1000 USD``,
    ``Nomenclature`` and ``ProductCode`` columns, else ``None``."""
    path = Path(path)
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            sheets = workbook_sheets(path, limit=20)
            return SOURCE if any(_is_header(tuple(cell_text(v).strip() for v in row)) for _, rows in sheets
                                 for _, row in rows) else None
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                member = _csv_member(path, zf)
                with zf.open(member) as fh:
                    line = fh.readline(HEADER_PROBE_BYTES).decode("utf-8-sig")
            return SOURCE if _is_header(tuple(n.strip() for n in next(csv.reader([line])))) else None
        layout = read_header(path, delimiter=None)
    except (InputError, OSError, zipfile.BadZipFile, UnicodeDecodeError, StopIteration):
        return None
    return SOURCE if _is_header(layout.columns) else None


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse one WITS download (CSV, workbook, or a zip holding one CSV) into a lazy
    SELECT of the canonical import columns.

    Checks that the file is UTF-8 text with WITS' required columns, that every row has
    all its fields and that ``Year`` is an integer and the trade value a number.
    """
    if options:
        raise ConfigError(Message("err_no_options", importer="WITS", options=", ".join(sorted(options))))
    path = Path(path)
    check_file(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES and zipfile.is_zipfile(path):
        return _zipped(con, path, release)
    layout = None if path.suffix.lower() in WORKBOOK_SUFFIXES else read_header(path, delimiter=None)
    # a CSV re-saved by Excel in a locale whose decimal mark is a comma (Russian, Kazakh,
    # German...) has ';' between fields and '355,509' for 355.509
    semicolons = layout is not None and layout.delimiter == ";"
    value_text = number_text(f'"{VALUE_COLUMN}"', decimal="," if semicolons else ".")
    checks = {
        "Year": NumberCheck("NULLIF(regexp_replace(trim(\"Year\"), '\\.0+$', ''), '')", "SMALLINT", required=True,
                            expected=Message("err_a_year_such_as", year=2024), whole=True),
        VALUE_COLUMN: NumberCheck(value_text, required=True),
    }
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        header_line, names, data = header_sheet(path, _is_header)
        columns = tuple(n or f"_unnamed_{i + 1}" for i, n in enumerate(names))
        require_columns(path, columns, REQUIRED_COLUMNS)
        relation = sheet_table(con, path, columns, data, header_line, prefix="_imp_wits_")
        rows = check_relation(con, path, relation, checks, header_line)
    else:
        # an unnamed column (the index pandas writes when a download is re-saved) is never read
        layout = dataclasses.replace(layout, columns=tuple(n or f"_unnamed_{i + 1}" for i, n in enumerate(layout.columns)))
        require_columns(path, layout.columns, REQUIRED_COLUMNS)
        rows = scan_checked(con, layout, checks)
        relation, header_line = f"(SELECT * FROM {read_csv_sql(layout)})", layout.header_line
    year = "CAST(regexp_replace(trim(\"Year\"), '\\.0+$', '') AS SMALLINT)"
    chosen = file_release(con, path, f"SELECT {year} AS year FROM {relation}", given=release)
    release = chosen.label
    level, code = product_sql('"ProductCode"')
    flow = alias_case('"TradeFlowName"', FLOW_ALIASES)
    classification = alias_case('"Nomenclature"', HS_REVISION_ALIASES)
    sql = f"""
SELECT {sql_str(SOURCE)} AS source, {sql_str(release)} AS release,
       {economy_sql('"ReporterISO3"')} AS reporter, {economy_sql('"PartnerISO3"')} AS partner, flow,
       {year} AS year, 'year' AS period_kind, CAST(12 AS TINYINT) AS month,
       CASE WHEN product_level = 'total' THEN 'TOTAL' ELSE {classification} END AS classification,
       product_level, product_code,
       {scaled_value(value_text, VALUE_MULTIPLIER)} AS value_usd,
       CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
       {FLOW_VALUATION_SQL.format(flow='flow')} AS valuation,
       CAST(ordinality + {header_line} AS BIGINT) AS _line
FROM (SELECT *, {flow} AS flow, {level} AS product_level, {code} AS product_code
      FROM {relation})
"""
    zero = zero_restored_note(con, relation, '"ProductCode"')
    notes = (
        Message("multiplied", column=f"'{VALUE_COLUMN}'", factor=VALUE_MULTIPLIER),
        Message("wits_valuation"),
        chosen.note,
        *((zero,) if zero else ()),
        *((Message("semicolon_decimal_comma"),) if semicolons else ()),
    )
    return ParsedSource(source=SOURCE, release=release, sql=sql, path=path, dataset=path.stem, rows_read=rows, notes=notes,
                        vintage=chosen.vintage)


def _csv_member(path: Path, zf: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The one CSV file in a WITS download zip (a readme or other files beside it are
    ignored); InputError when there is none or more than one."""
    members = [i for i in zf.infolist() if not i.is_dir() and i.filename.lower().endswith(".csv")]
    if len(members) != 1:
        names = ", ".join(i.filename for i in members) or "-"
        raise InputError(path, Problem(Message("err_wits_zip_members", n=len(members), names=names),
                                       expected=Message("err_wits_zip_expected")))
    return members[0]


def _zipped(con: duckdb.DuckDBPyConnection, path: Path, release: str | None) -> ParsedSource:
    """A zip holding one WITS CSV: the CSV extracted to a scratch folder (removed with
    ``con``) and parsed; problems name ``zip:member``; the ingest's file is the zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            member = _csv_member(path, zf)
            # encrypted, an unreadable method, or a zip bomb: refused before anything is written
            check_members(path, [member])
            scratch = Path(tempfile.mkdtemp(prefix="corridor-wits-"))
            weakref.finalize(con, shutil.rmtree, scratch, True)
            target = scratch / Path(member.filename).name
            with zf.open(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 22)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(path, Problem(Message("err_zip_unreadable", detail=library_detail(exc)),
                                       expected=Message("err_wits_zip_expected"))) from None
    try:
        parsed = parse(con, target, release=release)
    except InputError as exc:
        raise InputError(f"{path}:{member.filename}", exc.problems, total=exc.total) from None
    return dataclasses.replace(parsed, path=path, dataset=f"{path.stem}: {member.filename}")


__all__ = ["SOURCE", "detect", "parse", "REQUIRED_COLUMNS", "VALUE_MULTIPLIER"]
