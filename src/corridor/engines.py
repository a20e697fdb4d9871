"""Ibis backends for the indicator engine: embedded DuckDB (default) and local PySpark.

Every indicator in :mod:`corridor.indicators` is a function of Ibis table expressions,
so the same code runs on DuckDB (``ibis.duckdb.connect()``) and on Spark
(``ibis.pyspark.connect(session)``).  This module only builds connections; it holds no
global state except the one SparkSession that PySpark itself keeps per process
(``SparkSession.builder.getOrCreate`` returns it again).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ibis
import pyarrow as pa

from .errors import ConfigError
from .messages import Message, library_detail

if TYPE_CHECKING:
    import pandas as pd

from .options import Engine as EngineName
from .options import check, values

ENGINE_NAMES: tuple[str, ...] = values(EngineName)

#: Spark settings for a laptop-sized local session: two cores, few shuffle partitions,
#: no web UI, a modest driver heap.
SPARK_DEFAULTS: dict[str, str] = {
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "2g",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def check_engine(engine: str) -> EngineName:
    """Return ``engine`` if it is a supported engine name, else raise :class:`ConfigError`."""
    check(engine, EngineName, field="engine")
    return engine  # type: ignore[return-value]


@lru_cache(maxsize=1)
def local_spark_session(
    master: str = "local[2]",
    app_name: str = "corridor",
    driver_memory: str = "2g",
    shuffle_partitions: int = 4,
    adaptive: bool = True,
) -> Any:
    """The process's local SparkSession, built once with :data:`SPARK_DEFAULTS`.

    ``shuffle_partitions=1, adaptive=False`` suits tiny inputs (tests): fewer tasks and
    no adaptive re-planning per query.  PySpark keeps one session per process, so the
    first call's settings stay.  Raises :class:`ConfigError` when PySpark or Java is
    missing, saying how to install them.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError(Message("err_spark_missing")) from exc
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {
        **SPARK_DEFAULTS,
        "spark.driver.memory": driver_memory,
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        "spark.sql.adaptive.enabled": "true" if adaptive else "false",
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing or failing to start: say so, with the cause
        raise ConfigError(Message("err_spark_start", detail=library_detail(exc))) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: EngineName = "duckdb", /, *, database: str = ":memory:", spark_session: Any = None, **spark_conf: Any) -> ibis.BaseBackend:
    """An Ibis backend for ``engine``.

    ``duckdb``: ``ibis.duckdb.connect(database)`` (in memory by default).
    ``pyspark``: ``ibis.pyspark.connect`` over ``spark_session`` or the cached local
    session (:func:`local_spark_session`, whose arguments may be passed as keywords).
    """
    check_engine(engine)
    if engine == "duckdb":
        con = ibis.duckdb.connect(database)
        con.raw_sql("SET enable_progress_bar = false")  # never draw on the user's stdout
        return con
    session = spark_session if spark_session is not None else local_spark_session(**spark_conf)
    return ibis.pyspark.connect(session)


def to_backend(con: ibis.BaseBackend, name: str, data: pd.DataFrame | pa.Table, /) -> ibis.Table:
    """Store ``data`` (pandas or Arrow) as table ``name`` in backend ``con`` and return it.

    On DuckDB the data are copied into a TEMP table (``CREATE OR REPLACE TEMP TABLE``;
    Ibis 12's ``create_table`` from in-memory data fails on DuckDB 2.0 with a parser
    error); on Spark they become a temporary view.  An existing table of that name is
    replaced.
    """
    if con.name == "duckdb":
        arrow = data if isinstance(data, pa.Table) else pa.Table.from_pandas(data, preserve_index=False)
        staging = f"_corridor_stage_{name}"
        con.con.register(staging, arrow)
        try:
            con.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT * FROM "{staging}"')
        finally:
            con.con.unregister(staging)
        return con.table(name)
    frame = data.to_pandas() if isinstance(data, pa.Table) else data
    con._session.createDataFrame(frame).createOrReplaceTempView(name)
    return con.table(name)


def to_arrow(expr: ibis.Expr, /) -> Any:
    """The result of ``expr`` (a table, column or scalar expression) as Arrow, on any backend.

    Same result as ``expr.to_pyarrow()`` (the Arrow types of the expression's schema);
    on DuckDB it goes through Ibis's generic Arrow mapper instead of the DuckDB-specific
    one, whose module imports pandas: about 0.7 s of start-up that an Arrow or NumPy
    pipeline never needs.
    """
    try:
        backend = expr._find_backend(use_default=False)
    except Exception:  # noqa: BLE001 - no single backend (e.g. a literal): Ibis decides
        return expr.to_pyarrow()
    relation = getattr(backend, "_to_duckdb_relation", None)
    if backend.name != "duckdb" or relation is None:
        return expr.to_pyarrow()
    from ibis.formats.pyarrow import PyArrowData

    return expr.__pyarrow_result__(relation(expr).to_arrow_table(), data_mapper=PyArrowData)


#: DuckDB 2.0's warning when a statement run with ``execute`` is fetched as Arrow: the
#: result's rows are copied once more (read back through a statement over them)
_ARROW_COPY_WARNING = "Arrow output on a DB-API result makes an extra copy of the rows"
# silenced for this module's calls only (:func:`statement_arrow`: the copy is of a small
# result, and cheaper than the lazy relation's second parse and bind); a filter installed
# once at import, not ``warnings.catch_warnings`` (which swaps the process's filters and
# is not safe with the web server's threads)
warnings.filterwarnings("ignore", message=_ARROW_COPY_WARNING, category=UserWarning, module=r"corridor\.engines\Z")


def statement_arrow(con: Any, sql: str, /) -> pa.Table:
    """The rows of the DuckDB statement ``sql`` as an Arrow table, the statement parsed,
    bound, planned and run once.

    ``con.sql(sql).to_arrow_table()`` parses and binds ``sql`` twice (``con.sql`` builds a
    lazy relation, described by the binder; fetching it runs the statement): ~10-25 ms of
    the monitor's statement of ~9 kB of SQL (docs/monitor.md).  ``con.execute(sql)`` runs
    it once and DuckDB 2.0 then copies the result's rows into Arrow, warning about the
    extra copy (``UserWarning``, silenced for this module): meant for small results (the
    monitor's ~20k period or product rows), where the copy costs less than the second
    bind.
    """
    return con.execute(sql).to_arrow_table()


_TEMPORARY = itertools.count()


@contextmanager
def materialized(expr: ibis.Table, /) -> Iterator[ibis.Table]:
    """``expr`` computed once into a temporary table of its backend, for several queries
    over a small result; the table is dropped on leaving the ``with`` block.

    DuckDB: a TEMP table made from the compiled query (Ibis 12's ``cache()`` fails to
    release on DuckDB 2.0: its ``DROP TABLE`` does not parse); other backends: Ibis's
    ``cache()``.  Columns of Ibis type NULL (all-empty columns of an in-memory frame)
    cannot be stored: drop or cast them first.
    """
    backend = expr._find_backend(use_default=True)  # an in-memory table: Ibis's default backend
    if backend.name != "duckdb":
        with expr.cache() as cached:
            yield cached
        return
    name = f"_corridor_tmp_{next(_TEMPORARY)}"
    backend._run_pre_execute_hooks(expr)
    backend.con.execute(f'CREATE TEMP TABLE "{name}" AS {backend.compile(expr)}')
    try:
        yield backend.table(name)
    finally:
        backend.con.execute(f'DROP TABLE IF EXISTS "{name}"')
