"""The engines (DuckDB, PySpark) behind Ibis: :mod:`corridor.engines`, re-exported here
for the indicator code that has always imported them from this module."""

from __future__ import annotations

from ..engines import *  # noqa: F403
from ..engines import check_engine, connect, local_spark_session, materialized, to_arrow, to_backend  # noqa: F401
