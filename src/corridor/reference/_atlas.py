"""Reading only the needed columns of atlas-common-data's CSV files.

``atlas-common-data`` (Apache-2.0) ships its tables as CSV files in its package folder
``atlas_common_data/data``; its loaders read whole files through pandas, and importing the
package imports pandas, requests and its API clients. Code lookups need one or two columns,
so the files are located without importing the package (``importlib.util.find_spec``) and
read with ``pyarrow.csv``, only the requested columns, as text. The files are read where the
installed package keeps them: nothing is copied or cached on disk.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..errors import ReferenceDataError

PACKAGE = "atlas_common_data"


def atlas_file(subpath: str) -> Path:
    """Path of ``subpath`` (``conversion_weights/conversion_weights_H5_to_H6.csv``) in the
    ``data`` folder of the installed atlas-common-data package."""
    spec = find_spec(PACKAGE)
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "data" / subpath
        if path.is_file():
            return path
    where = ", ".join(folders) or "atlas-common-data is not installed"
    raise ReferenceDataError(f"reference table 'atlas-common-data {subpath}': file not found ({where})")


def _read(subpath: str, types: dict[str, pa.DataType]) -> pa.Table:
    """Columns ``types`` of an atlas CSV file; empty fields (and pandas' NA spellings) are null."""
    path = atlas_file(subpath)
    options = pa_csv.ConvertOptions(include_columns=list(types), column_types=types, strings_can_be_null=True)
    try:
        return pa_csv.read_csv(path, convert_options=options)
    except (OSError, pa.ArrowException) as exc:
        raise ReferenceDataError(f"reference table 'atlas-common-data {subpath}' cannot be read: {exc}") from exc


def read_columns(subpath: str, types: dict[str, pa.DataType]) -> dict[str, list]:
    """Columns of an atlas CSV file as Python lists (``None`` for empty fields), for small
    files such as the product tables; ``types`` maps each column to its Arrow type."""
    table = _read(subpath, types)
    return {column: table.column(column).to_pylist() for column in types}


def distinct_text(subpath: str, column: str) -> frozenset[str | None]:
    """Distinct values of one column of an atlas CSV file, read as text (``None`` for an
    empty field); only that column is converted, so a 27 MB weight table takes ~0.05 s."""
    values = _read(subpath, {column: pa.string()}).column(column)
    return frozenset(pc.unique(values).to_pylist())
