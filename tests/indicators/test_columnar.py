"""Arrow <-> NumPy without pandas (corridor.indicators.columnar), checked against
PyArrow's own conversions; and the complexity route from Parquet to result tables never
imports pandas (the half second it would add is the point of the module)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from corridor.indicators import columnar


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint64, np.float32, np.float64])
def test_numbers_round_trip_as_pyarrow_converts_them(dtype):
    values = np.array([3, 0, 7, 250 if dtype != np.int8 else 100], dtype=dtype)
    arrow = columnar.from_numpy(values)
    assert arrow.equals(pa.array(values))
    back = columnar.to_numpy(arrow)
    assert back.dtype == values.dtype and np.array_equal(back, values)
    sliced = columnar.to_numpy(arrow.slice(1, 2))  # an offset into the buffer
    assert np.array_equal(sliced, values[1:3])
    chunked = pa.chunked_array([arrow.slice(0, 2), arrow.slice(2)])
    assert np.array_equal(columnar.to_numpy(chunked), values)


def test_nan_stays_nan_and_nulls_become_nan():
    arrow = columnar.from_numpy(np.array([np.nan, 1.5]))
    assert arrow.null_count == 0 and np.isnan(arrow[0].as_py())
    with_nulls = duckdb.sql("SELECT CASE WHEN range = 1 THEN NULL ELSE range / 2 END::DOUBLE AS v FROM range(4)").to_arrow_table()["v"]
    got = columnar.to_numpy(with_nulls)
    assert np.isnan(got[1]) and got.tolist()[2:] == [1.0, 1.5]


def test_strings_and_tables():
    labels = np.array(["KAZ", "CN-XJ", "Қазақстан", ""], dtype=object)
    arrow = columnar.from_numpy(labels)
    assert arrow.equals(pa.array(labels.tolist(), pa.string()))
    assert columnar.to_numpy(arrow).tolist() == labels.tolist()
    table = columnar.table({"code": labels, "value": np.arange(4.0), "ready": pa.array([True] * 4)})
    assert table.equals(pa.table({"code": labels.tolist(), "value": np.arange(4.0), "ready": [True] * 4}))


def test_other_types_use_pyarrow():
    booleans = pa.array([True, False])
    assert columnar.to_numpy(booleans).tolist() == [True, False]
    assert columnar.from_numpy(np.array([True, False])).equals(booleans)


PROBE = textwrap.dedent(
    """
    import json, sys
    import ibis, pyarrow.parquet as pq
    from corridor.indicators.complexity import presence_matrices
    from corridor.indicators.inputs import export_matrix
    from corridor.indicators.proximity import complexity_suite
    flows = ibis.duckdb.connect().read_parquet(sys.argv[1])
    suite = complexity_suite(presence_matrices(export_matrix(flows, level="hs4")))
    countries = suite.countries(output="arrow")
    products = suite.products(output="arrow")
    cells = suite.cells(output="arrow")
    pq.write_table(countries, sys.argv[2])
    print(json.dumps({"pandas": "pandas" in sys.modules, "countries": countries.num_rows,
                      "products": products.num_rows, "cells": cells.num_rows,
                      "columns": countries.column_names}))
    """
)


def test_the_complexity_route_does_not_import_pandas(tmp_path):
    from .test_engines import random_world

    world = random_world(exporters=15, products=40, years=(2020,))
    flows = duckdb.sql(
        "SELECT 'T' AS source, 'r1' AS release, exporter AS reporter, 'WLD' AS partner, 'export' AS flow, "
        "CAST(year AS SMALLINT) AS year, 'year' AS period_kind, CAST(12 AS TINYINT) AS month, 'HS12' AS classification, "
        "'hs4' AS product_level, product AS product_code, export_value AS value_usd FROM world"
    )
    source = tmp_path / "flows.parquet"
    flows.write_parquet(str(source))
    out = subprocess.run([sys.executable, "-c", PROBE, str(source), str(tmp_path / "eci.parquet")],
                         capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got["pandas"] is False
    assert got["countries"] == 15 and got["products"] == 40 and got["cells"] == 15 * 40
    assert got["columns"] == ["year", "exporter", "diversity", "eci", "rank", "coi", "coi_raw"]


def test_edge_cases_match_pyarrow():
    view = columnar.to_numpy(pa.chunked_array([columnar.from_numpy(np.arange(3.0))]))
    assert not view.flags.writeable  # a view of Arrow's immutable buffer
    assert columnar.to_numpy(pa.array([], pa.int64())).tolist() == []
    assert columnar.to_numpy(pa.chunked_array([], pa.float64())).tolist() == []
    for bad in (np.ones((2, 2)), np.arange(3, dtype=">i8")):  # refused as pyarrow refuses them
        with pytest.raises(pa.ArrowException):
            columnar.from_numpy(bad)
