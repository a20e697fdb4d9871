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

from ..schema import ParsedSource
from ..util import BUFFER, sha256_file, sql_str

__all__ = ["BUFFER", "ParsedSource", "sha256_file", "sql_str"]
