"""The contract between an importer and the store.

An importer turns one input file into a lazy DuckDB SQL query (:class:`ParsedSource`)
whose columns are :data:`corridor.schema.IMPORT_COLUMNS` plus ``_line`` (the 1-based
physical line of the row in the input file, header = line 1; NULL where the format has
no lines).  The importer checks the *format* (file readable, encoding, required columns
present, values parse); it raises :class:`corridor.errors.InputError` naming the file,
line and field.  The store checks the *content* uniformly for every source (allowed
values, non-negative values, known economies and product codes, duplicate keys,
conflicts with stored data) and writes the rows atomically with their provenance.

Importers never write to the workspace; they may create TEMP views/tables in the
DuckDB connection they are given, named with the prefix ``_imp_``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from collections.abc import Mapping
from pathlib import Path

BUFFER = 1 << 20


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
    #: Product codes (at the file's ``product_level``, of its ``classification``) that the
    #: release's own code table lists although the HS revision does not (BACI's
    #: ``271000``): the store's unknown-product check accepts them for this file.
    release_products: tuple[str, ...] = ()


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(BUFFER):
            h.update(chunk)
    return h.hexdigest()


def sql_str(value: str) -> str:
    """Quote a Python string as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"
