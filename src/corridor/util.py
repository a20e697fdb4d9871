"""Small helpers every layer may use (no corridor imports)."""

from __future__ import annotations

import hashlib
import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

BUFFER = 1 << 20


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks.  Remembered for the process by the
    file's identity and state (device, inode, size, modification time in ns): an importer
    that labels a release with the file's hash and the store that records it hash it once."""
    import os

    st = os.stat(path)
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if (known := _HASHED.get(key)) is not None:
        return known
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(BUFFER):
            h.update(chunk)
    if len(_HASHED) > 4096:
        _HASHED.clear()
    _HASHED[key] = digest = h.hexdigest()
    return digest


_HASHED: dict[tuple[int, int, int, int], str] = {}


def sql_str(value: str) -> str:
    """Quote a Python string as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def json_value(v: Any) -> Any:
    """A value JSON can hold: NaN, infinities and pandas' missing markers become None,
    NumPy scalars become Python scalars, lists are cleaned element-wise."""
    if hasattr(v, "item") and not isinstance(v, (list, tuple, str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):  # an array, not a scalar
            v = list(v)
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    pandas = sys.modules.get("pandas")  # pandas' missing markers exist only once pandas is loaded
    if pandas is not None and (v is pandas.NA or v is pandas.NaT):
        return None
    return v


def json_records(frame: pd.DataFrame, *, integer_columns: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The rows of ``frame`` as JSON-ready dicts; ``integer_columns`` are written as
    integers where present (pandas turns an integer column with gaps into floats)."""
    ints = set(integer_columns)
    out = []
    for row in frame.to_dict(orient="records"):
        rec = {k: json_value(v) for k, v in row.items()}
        for k in ints & rec.keys():
            if isinstance(rec[k], float):
                rec[k] = int(rec[k])
        out.append(rec)
    return out


def arrow_records(table: Any, names: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """The rows of an Arrow table as JSON-ready dicts (NaN and nulls as None), as
    :func:`corridor.util.json_records` gives them for the same table in pandas; ``names``
    inserts columns of texts (one per row) after ``code``."""
    import pyarrow.compute as pc

    columns = []
    for name in table.column_names:
        column = table[name]
        values = column.to_pylist()
        if str(column.type) in ("double", "float", "halffloat"):  # NaN and infinities to None (found by Arrow)
            finite = pc.or_kleene(pc.is_finite(column), pc.is_null(column))
            for i in pc.indices_nonzero(pc.invert(finite)).to_pylist():
                values[i] = None
        columns.append(values)
    keys = list(table.column_names)
    if names:
        at = keys.index("code") + 1
        keys[at:at] = list(names)
        columns[at:at] = list(names.values())
    return [dict(zip(keys, row)) for row in zip(*columns)]


def cell_text(v: object) -> str:
    """A spreadsheet cell as the text a CSV would hold: empty for no value, ISO dates,
    whole floats without ``.0`` (openpyxl reads 12 as 12.0)."""
    import datetime as dt

    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def lazy_exports(package: str, homes: dict[str, str], namespace: dict[str, Any]) -> tuple[Any, Any]:
    """``(__getattr__, __dir__)`` of a package whose public names (``name -> module``,
    ``homes``) are imported from their modules on first use (PEP 562), so that importing
    the package does not import every module (and the libraries they need)."""
    from importlib import import_module

    def __getattr__(name: str) -> Any:
        if name in homes:
            value = getattr(import_module(f".{homes[name]}", package), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted([*namespace, *homes])

    return __getattr__, __dir__
