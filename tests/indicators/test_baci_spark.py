"""Issue 15: the BACI ingest and the indicators on PySpark (local mode), on a multi-file,
multi-year input, give the DuckDB workspace's export matrix and complexity."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

from corridor.synthetic.baci import generate


@pytest.mark.spark
@pytest.mark.slow
def test_spark_ingest_and_complexity_match_duckdb(tmp_path, pyspark_engine):
    from corridor.indicators import stored
    from corridor.indicators.complexity import presence_matrices
    from corridor.indicators.engines import to_arrow
    from corridor.indicators.inputs import export_matrix
    from corridor.indicators.proximity import complexity_suite
    from corridor.sources import baci, baci_spark
    from corridor.store import Workspace

    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=[2018, 2019], n_rows=4000, n_countries=30, n_products=150,
                 seed=6, cepii_codes=True)
    extracted = tmp_path / "release"
    with zipfile.ZipFile(z) as zf:
        zf.extractall(extracted)
    years = sorted(str(p) for p in extracted.glob("BACI_HS17_Y*_V202401.csv"))
    assert len(years) == 2  # several files, several years
    spark = pyspark_engine.con._session
    out = baci_spark.ingest(spark, years, tmp_path / "spark-flows", country_codes=extracted / "country_codes_V202401.csv",
                            classification="HS17", release="V202401")
    on_spark = to_arrow(export_matrix(baci_spark.flows(pyspark_engine.con, out), years=[2018, 2019], level="hs4"))
    with Workspace.open(tmp_path / "ws") as ws:
        baci.ingest_release(ws, z)
        on_duckdb, _ = stored.export_matrix(ws, years=[2018, 2019], level="hs4")
    key = [("year", "ascending"), ("exporter", "ascending"), ("product", "ascending")]
    a, b = on_spark.sort_by(key), on_duckdb.sort_by(key)
    assert a["exporter"].to_pylist() == b["exporter"].to_pylist() and a["product"].to_pylist() == b["product"].to_pylist()
    np.testing.assert_allclose(a["export_value"].to_numpy(), b["export_value"].to_numpy(), rtol=1e-12)
    eci_spark = complexity_suite(presence_matrices(a), proximity_matrices=False).complexity.years[1].eci
    eci_duck = complexity_suite(presence_matrices(b), proximity_matrices=False).complexity.years[1].eci
    np.testing.assert_allclose(eci_spark, eci_duck, atol=1e-9)


def test_the_cluster_url_is_taken_from_the_environment(monkeypatch):
    from corridor.sources import baci_spark

    seen = {}

    class Builder:
        def appName(self, name):  # noqa: N802 - PySpark's names
            return self

        def master(self, url):
            seen["master"] = url
            return self

        def remote(self, url):
            seen["remote"] = url
            return self

        def config(self, key, value):
            return self

        def getOrCreate(self):  # noqa: N802
            return "session"

    pyspark_sql = pytest.importorskip("pyspark.sql")
    monkeypatch.setattr(pyspark_sql.SparkSession, "builder", Builder())
    monkeypatch.setenv(baci_spark.MASTER_ENV, "sc://spark.example:15002")
    assert baci_spark.session() == "session" and seen == {"remote": "sc://spark.example:15002"}
    seen.clear()
    assert baci_spark.session("spark://head:7077") == "session" and seen == {"master": "spark://head:7077"}
