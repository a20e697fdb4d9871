"""Arrow <-> NumPy conversions that do not import pandas.

PyArrow's own conversions (``pa.array(ndarray)``, ``pa.table(dict)``, ``Array.to_numpy``,
``pa.scalar``) consult its pandas shim, which imports pandas on first use: about half a
second of start-up for a complexity run that otherwise never touches pandas.  The
complexity engine moves its arrays through these three functions instead, which build
Arrow arrays from NumPy buffers (and NumPy arrays from Arrow buffers) directly.  Types
they do not handle go through PyArrow's own conversion, with the same result.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def to_numpy(column: pa.Array | pa.ChunkedArray, /) -> np.ndarray:
    """``column`` as a read-only NumPy array: fixed-width numbers without a copy where
    the column is one chunk without nulls (nulls of a floating column become NaN);
    strings as an object array of ``str``."""
    if isinstance(column, pa.ChunkedArray):
        array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    else:
        array = column
    kind = array.type
    if pa.types.is_floating(kind) and array.null_count:
        nan = from_numpy(np.full(1, np.nan, dtype=np.dtype(kind.to_pandas_dtype())))
        array = pc.fill_null(array, nan[0])
    if (pa.types.is_integer(kind) or pa.types.is_floating(kind)) and not array.null_count:
        dtype = np.dtype(kind.to_pandas_dtype())
        data = array.buffers()[1]
        if data is None or len(array) == 0:
            return np.empty(0, dtype=dtype)
        # a view of Arrow's immutable buffer: read-only, as pyarrow's own to_numpy gives it
        view = np.frombuffer(data, dtype=dtype, count=len(array), offset=array.offset * dtype.itemsize)
        view.flags.writeable = False
        return view
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return np.array(array.to_pylist(), dtype=object)
    return array.to_numpy(zero_copy_only=False)


def from_numpy(values: np.ndarray, /) -> pa.Array:
    """A NumPy array as an Arrow array (NaN stays NaN, as ``pa.array`` keeps it); an
    object array of ``str`` becomes a string array."""
    values = np.asarray(values)
    if values.ndim != 1 or not values.dtype.isnative:
        return pa.array(values)  # pyarrow's own conversion: its checks and errors
    if values.dtype.kind in "iuf":
        values = np.ascontiguousarray(values)
        return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)])
    if values.dtype.kind in "OU" and all(isinstance(v, str) for v in values):
        encoded = [v.encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        kind = pa.string() if offsets[-1] < 2**31 else pa.large_string()
        offsets = offsets.astype(np.int32) if kind == pa.string() else offsets
        return pa.Array.from_buffers(kind, len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])
    return pa.array(values)


def table(columns: Mapping[str, np.ndarray | pa.Array], /) -> pa.Table:
    """An Arrow table of named NumPy (or Arrow) columns of equal length."""
    arrays = [c if isinstance(c, (pa.Array, pa.ChunkedArray)) else from_numpy(c) for c in columns.values()]
    return pa.Table.from_arrays(arrays, names=list(columns))
