"""BACI on Spark: the same canonical rows as :mod:`corridor.sources.baci`, read and written
by a Spark cluster (or local mode), for releases too large for one machine.

:func:`ingest` reads BACI year files (``t,i,j,k,v,q``; many files, many years: a glob or a
list, e.g. the members of a release extracted to shared storage) with Spark's CSV reader
and explicit types, maps the ISO numeric codes with the release's country table (a
broadcast join; a code absent from it fails the job naming the code, as the DuckDB
importer refuses it), pads HS6 codes to six digits, scales values to USD, and writes
Parquet in the canonical flow columns, partitioned by ``year`` and sorted by reporter and
partner within each file (row-group statistics then prune a relation's rows, as in a
workspace).  :func:`flows` reads such an output as an Ibis table on the Spark backend, so
that :func:`corridor.indicators.inputs.export_matrix` and the complexity suite run on it
unchanged (``corridor.indicators.engines.connect('pyspark', spark_session=session)``).

Pointing at a cluster (:func:`session`): ``master`` (or the environment variable
``CORRIDOR_SPARK_MASTER``) is a Spark master URL (``local[4]``, ``spark://host:7077``,
``yarn``, ``k8s://https://host:443``) or a Spark Connect URL (``sc://host:15002``), which
is passed to ``SparkSession.builder.remote``.  Paths must then be readable by the
executors (HDFS, S3, a shared file system).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .baci import SOURCE, VALUE_MULTIPLIER, country_mapping
from ..messages import Message

MASTER_ENV = "CORRIDOR_SPARK_MASTER"


def session(master: str | None = None, *, app_name: str = "corridor", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession for ``master`` (module docstring); default ``$CORRIDOR_SPARK_MASTER``,
    else the local session of :func:`corridor.indicators.engines.local_spark_session`."""
    master = master or os.environ.get(MASTER_ENV)
    if not master:
        from ..engines import local_spark_session

        return local_spark_session()
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError(Message("err_spark_missing")) from exc
    builder = SparkSession.builder.appName(app_name)
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def ingest(
    spark: Any,
    files: str | Sequence[str | Path],
    output: str | Path,
    *,
    country_codes: str | Path,
    classification: str,
    release: str,
) -> str:
    """Read BACI year files with ``spark`` and write canonical Parquet to ``output``
    (partitioned by year; module docstring).  Returns ``output`` as text."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType, IntegerType, ShortType, StringType, StructField, StructType

    paths = [files] if isinstance(files, (str, Path)) else list(files)
    schema = StructType([
        StructField("t", ShortType()), StructField("i", IntegerType()), StructField("j", IntegerType()),
        StructField("k", StringType()), StructField("v", DoubleType()), StructField("q", StringType()),
    ])
    raw = spark.read.csv([str(p) for p in paths], header=True, schema=schema, mode="FAILFAST")
    mapping, _ = country_mapping(Path(country_codes))
    codes = spark.createDataFrame([(n, c) for n, c in enumerate(mapping) if c is not None], ["numeric", "code"])
    exporters = F.broadcast(codes.withColumnRenamed("numeric", "i").withColumnRenamed("code", "reporter"))
    importers = F.broadcast(codes.withColumnRenamed("numeric", "j").withColumnRenamed("code", "partner"))
    rows = raw.join(exporters, "i", "left").join(importers, "j", "left")
    absent = F.when(F.col("reporter").isNull(), F.concat(F.lit("exporter code "), F.col("i").cast("string"))).when(
        F.col("partner").isNull(), F.concat(F.lit("importer code "), F.col("j").cast("string")))
    rows = rows.withColumn("_absent", absent)
    checked = rows.withColumn(
        "reporter",
        F.when(F.col("_absent").isNull(), F.col("reporter")).otherwise(
            F.raise_error(F.concat(F.col("_absent"), F.lit(f" is not in {Path(country_codes).name} (the release's country table)")))),
    )
    quantity = F.trim(F.col("q"))
    out = checked.select(
        F.lit(SOURCE).alias("source"), F.lit(release).alias("release"),
        F.col("reporter"), F.col("partner"), F.lit("export").alias("flow"), F.col("t").alias("year"),
        F.lit("year").alias("period_kind"), F.lit(12).cast("tinyint").alias("month"),
        F.lit(classification).alias("classification"), F.lit("hs6").alias("product_level"),
        F.lpad(F.trim(F.col("k")), 6, "0").alias("product_code"),
        F.round(F.col("v") * VALUE_MULTIPLIER, 6).alias("value_usd"), F.lit("FOB").alias("valuation"),
        F.when((quantity == "") | (quantity == "NA"), None).otherwise(quantity).cast(DoubleType()).alias("quantity"),
    ).withColumn("quantity_unit", F.when(F.col("quantity").isNull(), None).otherwise(F.lit("t")))
    (out.repartition("year").sortWithinPartitions("reporter", "partner")
        .write.mode("overwrite").partitionBy("year").parquet(str(output)))
    return str(output)


def flows(backend: Any, output: str | Path) -> Any:
    """The canonical flows written by :func:`ingest`, as an Ibis table of ``backend``
    (``corridor.indicators.engines.connect('pyspark', spark_session=...)``)."""
    from ..schema import FLOW_COLUMNS

    table = backend.read_parquet(str(output))
    present = [c for c in FLOW_COLUMNS if c in table.columns]
    return table.select(*present)


__all__ = ["MASTER_ENV", "flows", "ingest", "session"]
