"""The synthetic BACI generator: shape, determinism, realism, and a clean parse."""

from __future__ import annotations

import zipfile

import duckdb
import numpy as np
import pytest

from corridor.errors import ConfigError
from corridor.sources import baci
from corridor.synthetic.baci import generate


@pytest.fixture(scope="module")
def flows(tmp_path_factory):
    path = generate(tmp_path_factory.mktemp("syn") / "y.csv", year=2020, n_rows=20_000, n_countries=60, n_products=400, seed=7)
    con = duckdb.connect()
    df = con.execute(f"SELECT * FROM read_csv('{path}', nullstr='NA')").df()
    return path, df


def test_csv_has_the_requested_shape(flows):
    _, df = flows
    assert list(df.columns) == ["t", "i", "j", "k", "v", "q"]
    assert len(df) == 20_000 and set(df["t"]) == {2020}
    assert df["i"].nunique() <= 60 and df["k"].nunique() <= 400
    assert {398, 156} <= set(df["i"]) | set(df["j"])
    assert not df.duplicated(["i", "j", "k"]).any() and not (df["i"] == df["j"]).any()
    assert (df["v"] > 0).all() and 0.01 < df["q"].isna().mean() < 0.06


def test_values_are_heavy_tailed_and_big_exporters_trade_more_products(flows):
    _, df = flows
    v = np.sort(df["v"].to_numpy())[::-1]
    assert v[: len(v) // 100].sum() / v.sum() > 0.3  # top 1% of flows carry most value
    by = df.groupby("i").agg(value=("v", "sum"), products=("k", "nunique"), partners=("j", "nunique"))
    rho = by[["value", "products"]].rank().corr().iloc[0, 1]
    assert rho > 0.6 and by["partners"].max() > 3 * by["partners"].min()


def test_deterministic_for_a_seed(tmp_path):
    a = generate(tmp_path / "a.csv", year=2020, n_rows=2000, n_countries=30, n_products=100, seed=1)
    b = generate(tmp_path / "b.csv", year=2020, n_rows=2000, n_countries=30, n_products=100, seed=1)
    c = generate(tmp_path / "c.csv", year=2020, n_rows=2000, n_countries=30, n_products=100, seed=2)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_release_zip_parses_with_the_importer(tmp_path):
    z = generate(tmp_path / "BACI_HS22_V202501.zip", year=[2022, 2023], n_rows=1500, n_countries=25, n_products=80,
                 classification="HS22", release="V202501", pad_hs6=True)
    names = zipfile.ZipFile(z).namelist()
    assert names == ["BACI_HS22_Y2022_V202501.csv", "BACI_HS22_Y2023_V202501.csv", "country_codes_V202501.csv",
                     "product_codes_HS22_V202501.csv", "Readme.txt"]
    assert "SYNTHETIC" in zipfile.ZipFile(z).read("Readme.txt").decode()
    con = duckdb.connect()
    parsed = baci.parse(con, z)
    got = con.execute(
        f"SELECT year, count(*), count(DISTINCT reporter), sum((reporter LIKE '#%')::INT + (partner LIKE '#%')::INT), "
        f"min(length(product_code)), max(length(product_code)) FROM ({parsed.sql}) GROUP BY year ORDER BY year"
    ).fetchall()
    assert got == [(2022, 1500, got[0][2], 0, 6, 6), (2023, 1500, got[1][2], 0, 6, 6)]
    assert parsed.release == "V202501" and "HS22" in parsed.dataset


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="HS92, HS96"):
        generate(tmp_path / "x.csv", year=2020, n_rows=10, classification="SITC")
    with pytest.raises(ConfigError, match="too many"):
        generate(tmp_path / "x.csv", year=2020, n_rows=10_000, n_countries=3, n_products=2)
