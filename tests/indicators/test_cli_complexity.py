"""``corridor complexity`` end to end: a small world ingested with the generic importer,
then the command in every format, checked against the library on the same flows."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from corridor import reference
from corridor.cli.main import app
from corridor.indicators.complexity import complexity
from corridor.indicators.inputs import export_matrix
from corridor.indicators.rca import presence_matrix
from corridor.store import Workspace

MAPPING = """
source = "test-world"
release = "t1"
format = "csv"

[fields]
reporter = { column = "iso3" }
partner = "WLD"
flow = "export"
year = { column = "year" }
classification = "HS12"
product_level = "hs4"
product_code = { column = "hs4" }
value_usd = { column = "value" }
"""

ECONOMIES = ["KAZ", "CHN", "RUS", "UZB", "KGZ", "DEU", "JPN", "USA", "TUR", "IND", "BRA", "KOR"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    codes = reference.products("HS12", "hs4").code.tolist()[:40]
    rng = np.random.default_rng(3)
    values = rng.lognormal(12, 2, (len(ECONOMIES), len(codes))) * (rng.random((len(ECONOMIES), len(codes))) < 0.6)
    c, p = np.nonzero(values)
    frame = pd.DataFrame({"iso3": np.array(ECONOMIES)[c], "hs4": np.array(codes)[p], "year": 2022, "value": values[c, p].round(0)})
    (root / "world.csv").write_text(frame.to_csv(index=False))
    (root / "world.toml").write_text(MAPPING)
    ws = root / "ws"
    result = CliRunner().invoke(app, ["ingest", "-w", str(ws), "-m", str(root / "world.toml"), str(root / "world.csv")])
    assert result.exit_code == 0, result.output
    return ws


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["complexity", *args])
    assert result.exit_code == 0, result.output
    return result.stdout  # warnings of other layers go to stderr


def test_json_matches_the_library(workspace):
    doc = json.loads(_run("-w", str(workspace), "--year", "2022", "-f", "json"))
    with Workspace.open(workspace, create=False) as ws:
        expected = complexity(presence_matrix(export_matrix(ws.flows(), years=2022))).year(2022)
    eci = {r["code"]: r["eci"] for r in doc["countries"]}
    assert set(eci) == set(ECONOMIES) and doc["classification"] == "HS12"
    for code, value in zip(expected.exporters, expected.eci):
        assert eci[code] == pytest.approx(value, abs=1e-12)
    assert [r["rank"] for r in doc["countries"]] == sorted(r["rank"] for r in doc["countries"])
    assert {"code", "name", "pci", "ubiquity", "rank"} <= set(doc["products"][0])
    assert doc["countries"][0]["rank"] == 1 and "coi" in doc["countries"][0]


def test_table_in_russian_and_top(workspace):
    out = _run("-w", str(workspace), "--year", "2022", "--top", "3", "--lang", "ru")
    assert "Экономическая сложность, 2022 (собственный вектор, hs4, присутствие: бинарное)" in out
    assert "первые 3 из 12 экономик" in out
    assert "ИСТ" in out


def test_csv_and_fitness(workspace):
    countries = list(csv.DictReader(io.StringIO(_run("-w", str(workspace), "--year", "2022", "-f", "csv", "--method", "fitness"))))
    assert len(countries) == 12 and all(float(r["fitness"]) > 0 for r in countries)
    assert np.mean([float(r["fitness"]) for r in countries]) == pytest.approx(1.0)
    products = list(csv.DictReader(io.StringIO(_run("-w", str(workspace), "--year", "2022", "-f", "csv", "--method",
                                                    "fitness", "--table", "products"))))
    assert len(products) == 40 and {"code", "name", "complexity", "ubiquity"} <= set(products[0])


def test_small_exporters_and_products_can_be_left_out(workspace):
    """--min-exports / --min-product-exports: the library's inclusion() on the same flows."""
    from corridor.indicators.inputs import inclusion

    with Workspace.open(workspace, create=False) as ws:
        matrix = export_matrix(ws.flows(), years=2022).to_pandas()
    totals = matrix.groupby("exporter").export_value.sum().sort_values()
    cut = float(totals.iloc[4])  # the four smallest exporters fall below it
    kept = set(totals[totals >= cut].index)
    products = matrix[matrix.exporter.isin(kept)].groupby("product").export_value.sum().sort_values()
    product_cut = float(products.iloc[3])
    doc = json.loads(_run("-w", str(workspace), "--year", "2022", "-f", "json", "--min-exports", repr(cut),
                          "--min-product-exports", repr(product_cut)))
    assert {r["code"] for r in doc["countries"]} == kept and len(kept) == len(ECONOMIES) - 4
    assert {r["code"] for r in doc["products"]} == set(products[products >= product_cut].index)
    assert doc["min_exports"] == cut and doc["min_product_exports"] == product_cut
    with Workspace.open(workspace, create=False) as ws:
        filtered = inclusion(export_matrix(ws.flows(), years=2022), min_exporter_value=cut, min_product_value=product_cut)
        expected = complexity(presence_matrix(filtered)).year(2022)
    eci = {r["code"]: r["eci"] for r in doc["countries"]}
    for code, value in zip(expected.exporters, expected.eci):
        assert eci[code] == pytest.approx(value, abs=1e-12)
    result = CliRunner().invoke(app, ["complexity", "-w", str(workspace), "--year", "2022", "--min-exports", "-1"])
    assert result.exit_code == 2 and "min_exporter_value must be a finite number of USD >= 0" in result.output


def test_bad_option_and_missing_year_are_clear(workspace):
    result = CliRunner().invoke(app, ["complexity", "-w", str(workspace), "--year", "2022", "--method", "pagerank"])
    assert result.exit_code == 2 and "eigenvector, reflections, fitness" in result.output
    result = CliRunner().invoke(app, ["complexity", "-w", str(workspace), "--year", "1999"])
    # what is stored, and the command-line flags (not Python's source=) that select it
    assert result.exit_code == 2 and "no annual export rows for 1999 at hs4" in result.output
    assert "Stored: --source test-world (HS12 hs4, 2022, 12 reporters)" in result.output and "source=" not in result.output


@pytest.mark.spark
def test_pyspark_engine_gives_the_same_table(workspace, pyspark_engine):
    duck = json.loads(_run("-w", str(workspace), "--year", "2022", "-f", "json"))
    spark = json.loads(_run("-w", str(workspace), "--year", "2022", "-f", "json", "--engine", "pyspark"))
    assert [r["code"] for r in spark["countries"]] == [r["code"] for r in duck["countries"]]
    np.testing.assert_allclose([r["eci"] for r in spark["countries"]], [r["eci"] for r in duck["countries"]], atol=1e-9)
