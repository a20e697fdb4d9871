"""The canonical long table of trade flows, and the allowed values of its fields.

One row is one figure: *reporter* said that its *flow* of *product_code* with *partner*
in *period* was worth *value_usd*.  Economies are ISO 3166-1 alpha-3 codes (``KAZ``),
ISO 3166-2 codes for sub-national regions (``CN-XJ``, ``KZ-ALA``) or group codes
(``WLD`` for the world).  Every row carries the ingest it came from, which the
provenance table describes (source, release, file, SHA-256, row counts, time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

import pyarrow as pa

Flow = Literal["export", "import", "re-export", "re-import"]
FLOWS: tuple[str, ...] = get_args(Flow)

PeriodKind = Literal["year", "month", "ytd"]
PERIOD_KINDS: tuple[str, ...] = get_args(PeriodKind)

from .options import CLASSIFICATIONS, CODE_LEVELS, Classification
from .options import CodeLevel as ProductLevel

#: ``group`` is a range of HS chapters such as WITS' ``01-05`` (Animal) aggregate;
#: ``section`` is an HS section in Roman numerals (``I`` .. ``XXI``).
PRODUCT_LEVELS: tuple[str, ...] = CODE_LEVELS

#: The release label of the bundled synthetic sample: every output made from it says so.
SYNTHETIC_RELEASE = "SYNTHETIC"

Valuation = Literal["FOB", "CIF"]
VALUATIONS: tuple[str, ...] = get_args(Valuation)

#: Comtrade / WITS / BACI naming of HS revisions -> corridor's.
HS_REVISION_ALIASES: dict[str, str] = {
    "H0": "HS92", "HS88": "HS92", "HS1992": "HS92", "HS92": "HS92",
    "H1": "HS96", "HS1996": "HS96", "HS96": "HS96",
    "H2": "HS02", "HS2002": "HS02", "HS02": "HS02",
    "H3": "HS07", "HS2007": "HS07", "HS07": "HS07",
    "H4": "HS12", "HS2012": "HS12", "HS12": "HS12",
    "H5": "HS17", "HS2017": "HS17", "HS17": "HS17",
    "H6": "HS22", "HS2022": "HS22", "HS22": "HS22",
    "TOTAL": "TOTAL",
}

FLOW_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("release", pa.string(), nullable=False),
        pa.field("reporter", pa.string(), nullable=False),
        pa.field("partner", pa.string(), nullable=False),
        pa.field("flow", pa.string(), nullable=False),
        pa.field("year", pa.int16(), nullable=False),
        pa.field("period_kind", pa.string(), nullable=False),
        # month for period_kind == 'month'; last month covered for 'ytd'; 12 for 'year'
        pa.field("month", pa.int8(), nullable=False),
        pa.field("classification", pa.string(), nullable=False),
        pa.field("product_level", pa.string(), nullable=False),
        pa.field("product_code", pa.string(), nullable=False),
        pa.field("value_usd", pa.float64(), nullable=False),
        pa.field("quantity", pa.float64(), nullable=True),
        pa.field("quantity_unit", pa.string(), nullable=True),
        pa.field("valuation", pa.string(), nullable=True),
        pa.field("ingest_id", pa.string(), nullable=False),
    ]
)

FLOW_COLUMNS: tuple[str, ...] = tuple(FLOW_SCHEMA.names)

#: DuckDB types of the canonical columns, in order.
FLOW_DUCKDB_TYPES: dict[str, str] = {
    "source": "VARCHAR",
    "release": "VARCHAR",
    "reporter": "VARCHAR",
    "partner": "VARCHAR",
    "flow": "VARCHAR",
    "year": "SMALLINT",
    "period_kind": "VARCHAR",
    "month": "TINYINT",
    "classification": "VARCHAR",
    "product_level": "VARCHAR",
    "product_code": "VARCHAR",
    "value_usd": "DOUBLE",
    "quantity": "DOUBLE",
    "quantity_unit": "VARCHAR",
    "valuation": "VARCHAR",
    "ingest_id": "VARCHAR",
}

#: Columns that identify a figure; two rows of one release with the same key are duplicates.
KEY_COLUMNS: tuple[str, ...] = (
    "source", "release", "reporter", "partner", "flow", "year", "period_kind", "month",
    "classification", "product_level", "product_code",
)

#: The coverage grain: a newer release of a source replaces an older one at this grain.
COVERAGE_COLUMNS: tuple[str, ...] = (
    "source", "reporter", "partner", "flow", "year", "period_kind", "month",
    "classification", "product_level",
)

#: The columns an importer must produce (``ingest_id`` is added by the store).
IMPORT_COLUMNS: tuple[str, ...] = tuple(c for c in FLOW_COLUMNS if c != "ingest_id")


def period_label(year: int, period_kind: str, month: int) -> str:
    """Human label of a period: ``2024``, ``2024-03`` or ``2024-01..07`` (cumulative)."""
    if period_kind == "year":
        return str(year)
    if period_kind == "month":
        return f"{year}-{month:02d}"
    return f"{year}-01..{month:02d}"


#: The contract between an importer (``corridor.sources``) and the store: see
#: :mod:`corridor.sources.base`.
@dataclass(frozen=True, slots=True)
class ParsedSource:
    """A parsed input file, ready for the store.

    ``sql`` is a SELECT producing the import columns plus ``_line``; it is evaluated by
    the store (once to write, again only to locate problems).  ``rows_read`` is the number
    of data rows in the file when the importer knows it (for provenance), else ``None``.
    ``notes`` are plain-language remarks recorded in the provenance (e.g. "values given
    in thousands of USD were multiplied by 1000").
    """

    source: str
    release: str
    sql: str
    path: Path
    dataset: str = ""
    rows_read: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Optional variant of ``sql`` whose ``_line`` is always filled; importers whose fast
    #: path leaves ``_line`` NULL give it so that the store can name lines in errors.
    line_sql: str | None = None
    #: Columns whose value is the same for every row of the file (e.g. BACI's source,
    #: release, flow, classification): ``sql`` need not produce them, and the store keeps
    #: them in its catalogue rather than repeating them in every stored row (writing a
    #: constant column costs about as much as writing a real one).
    constants: Mapping[str, str | int | None] = field(default_factory=dict)
    #: How the file was read, as text (e.g. the mapping's content and the importer's
    #: options, canonical JSON): part of the ingest's identity, so that the same file
    #: read with a corrected mapping is a new ingest, which replaces the old one.
    reading: str = ""
    #: Product codes (at the file's ``product_level``, of its ``classification``) that the
    #: release's own code table lists although the HS revision does not (BACI's
    #: ``271000``): the store's unknown-product check accepts them for this file.
    release_products: tuple[str, ...] = ()
    #: What orders this file's release against the source's other releases and groups the
    #: files of one download: a default label's span of years (``2015-2024``; monthly
    #: sources ``2023-2024.08``, through August), without the label's content hash.
    #: Empty: the release label itself (a label given by the user or the source).  See
    #: docs/workspace.md, "Releases".
    vintage: str = ""
