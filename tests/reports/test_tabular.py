"""JSON-ready records and CSV text shared by every command."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from corridor.reports.tabular import csv_text, json_records


def test_missing_values_become_null_and_numpy_scalars_python() -> None:
    df = pd.DataFrame({
        "year": [2023.0, np.nan], "v": [1.5, np.inf], "s": pd.array(["a", pd.NA], dtype="string"),
        "ids": [["x", "y"], []], "n": np.array([1, 2], dtype=np.int16),
    })
    recs = json_records(df, integer_columns=("year",))
    assert recs == [{"year": 2023, "v": 1.5, "s": "a", "ids": ["x", "y"], "n": 1},
                    {"year": None, "v": None, "s": None, "ids": [], "n": 2}]
    assert type(recs[0]["year"]) is int and type(recs[0]["n"]) is int
    json.dumps(recs, allow_nan=False)  # strict JSON: would raise on NaN or Infinity


def test_csv_text() -> None:
    assert csv_text(pd.DataFrame({"a": [1, 2], "b": ["x", None]})) == "a,b\n1,x\n2,\n"
