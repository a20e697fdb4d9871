"""Importer for World Bank WITS trade downloads (UN Comtrade data as served by WITS).

Format (WITS "Advanced query" CSV download, original column names)::

    "Nomenclature","ReporterISO3","ProductCode","ReporterName","PartnerISO3","PartnerName",
    "Year","TradeFlowName","TradeFlowCode","TradeValue in 1000 USD"[,"PartnerRegion",...]

Mapping to the canonical table (source ``wits``):

* ``TradeValue in 1000 USD`` is in **thousands of US dollars**: multiplied by 1000
  (in exact decimal arithmetic, then stored as a double);
* ``Nomenclature`` (``H4`` ...) -> HS revision via :data:`corridor.schema.HS_REVISION_ALIASES`
  (``H4`` -> ``HS12``); rows at product level ``total`` get classification ``TOTAL``;
* ``TradeFlowName`` Export / Import / Re-Export / Re-Import -> export / import / re-export /
  re-import;
* ``ProductCode`` read as text (leading zeros kept): 2/4/6 digits -> hs2/hs4/hs6;
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

from pathlib import Path

import duckdb

from .base import ParsedSource, sql_str
from ._csv import (
    FLOW_ALIASES,
    FLOW_VALUATION_SQL,
    NumberCheck,
    alias_case,
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
from ..errors import ConfigError, InputError
from ..messages import Message
from ..schema import HS_REVISION_ALIASES

SOURCE = "wits"

VALUE_COLUMN = "TradeValue in 1000 USD"
REQUIRED_COLUMNS: tuple[str, ...] = (
    "Nomenclature", "ReporterISO3", "ProductCode", "PartnerISO3", "Year", "TradeFlowName", VALUE_COLUMN,
)
VALUE_MULTIPLIER = 1000


def detect(path: Path) -> str | None:
    """``"wits"`` when the file's header has WITS' ``TradeValue in 1000 USD`` and
    ``Nomenclature`` columns, else ``None``."""
    try:
        layout = read_header(Path(path))
    except InputError:
        return None
    return SOURCE if {VALUE_COLUMN, "Nomenclature", "ProductCode"} <= set(layout.columns) else None


def parse(con: duckdb.DuckDBPyConnection, path: Path, *, release: str | None = None, **options: object) -> ParsedSource:
    """Parse one WITS CSV download into a lazy SELECT of the canonical import columns.

    Checks that the file is UTF-8 text with WITS' required columns, that every row has
    all its fields and that ``Year`` is an integer and the trade value a number.
    """
    if options:
        raise ConfigError(Message("err_no_options", importer="WITS", options=", ".join(sorted(options))))
    path = Path(path)
    layout = read_header(path)
    require_columns(path, layout.columns, REQUIRED_COLUMNS)
    value_text = number_text(f'"{VALUE_COLUMN}"')
    rows = scan_checked(
        con,
        layout,
        {
            "Year": NumberCheck('NULLIF(trim("Year"), \'\')', "SMALLINT", required=True, expected=Message("err_a_year_such_as", year=2024),
                                whole=True),
            VALUE_COLUMN: NumberCheck(value_text, required=True),
        },
    )
    chosen = file_release(con, path, f'SELECT trim("Year") AS year FROM {read_csv_sql(layout)}', given=release)
    release = chosen.label
    level, code = product_sql('"ProductCode"')
    flow = alias_case('"TradeFlowName"', FLOW_ALIASES)
    classification = alias_case('"Nomenclature"', HS_REVISION_ALIASES)
    sql = f"""
SELECT {sql_str(SOURCE)} AS source, {sql_str(release)} AS release,
       {economy_sql('"ReporterISO3"')} AS reporter, {economy_sql('"PartnerISO3"')} AS partner, flow,
       CAST(trim("Year") AS SMALLINT) AS year, 'year' AS period_kind, CAST(12 AS TINYINT) AS month,
       CASE WHEN product_level = 'total' THEN 'TOTAL' ELSE {classification} END AS classification,
       product_level, product_code,
       {scaled_value(value_text, VALUE_MULTIPLIER)} AS value_usd,
       CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
       {FLOW_VALUATION_SQL.format(flow='flow')} AS valuation,
       CAST(ordinality + {layout.header_line} AS BIGINT) AS _line
FROM (SELECT *, {flow} AS flow, {level} AS product_level, {code} AS product_code
      FROM {read_csv_sql(layout)})
"""
    notes = (
        Message("multiplied", column=f"'{VALUE_COLUMN}'", factor=VALUE_MULTIPLIER),
        Message("wits_valuation"),
        chosen.note,
    )
    return ParsedSource(source=SOURCE, release=release, sql=sql, path=path, dataset=path.stem, rows_read=rows, notes=notes,
                        vintage=chosen.vintage)


__all__ = ["SOURCE", "detect", "parse", "REQUIRED_COLUMNS", "VALUE_MULTIPLIER"]
