"""Exact sums: the same rows give the same bits, whatever order they are added in.

A float sum depends on the order of its terms, and DuckDB adds a column's values in
whatever order its threads finish (one row group each, one file each), so a float
``sum`` differs in its last digits from run to run and between workspaces holding the
same rows in other files.  Every sum that feeds an answer is therefore computed in
DuckDB's 128-bit DECIMAL, where addition is exact and so independent of the order, and
returned as a float: 4 decimal places for values in USD (below a cent), 30 for shares,
entropies and presences (values below 10^7).  Each term is rounded to those places once;
the rest is exact.  Runs on any Ibis backend with DECIMAL(38, s) (DuckDB, Spark).

:func:`exact_fsum` does the same for sums made in Python or pandas over rows whose
order may vary.  This module imports neither pandas, Ibis nor the workspace: the complexity route uses it
without pandas (``tests/indicators/test_columnar.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover  (Ibis is imported by the callers that build expressions)
    import ibis

#: Decimal places of an exact sum of shares, entropies and presences (values below 1e7).
SHARE_SCALE = 30


def exact_sum(column: ibis.Value, *, scale: int = 4, over: Sequence[str] | None = None) -> ibis.Value:
    """The sum of a float column computed exactly (in DuckDB's 128-bit DECIMAL, ``scale``
    decimal places: 4 for values in USD, i.e. below a cent; up to 30 for shares) and
    returned as a float: the same rows give the same bits whatever the order DuckDB's
    threads add them in (a float sum differs in its last digits from run to run).
    ``over``: a window sum over these partition columns instead of an aggregate."""
    import ibis.expr.datatypes as dt

    total = column.cast(dt.Decimal(38, scale)).sum()
    if over is not None:
        total = total.over(group_by=list(over))
    return total.cast("float64")


def exact_sum_sql(expr: str, *, scale: int = 4) -> str:
    """SQL of :func:`exact_sum` for queries written as text: ``sum`` of ``expr`` in
    DECIMAL(38, ``scale``), returned as DOUBLE."""
    return f"CAST(sum(CAST({expr} AS DECIMAL(38, {int(scale)}))) AS DOUBLE)"


def exact_fsum(values: Iterable[float], *, skip_nan: bool = False) -> float:
    """The correctly rounded sum of floats (``math.fsum``: exact partial sums, one
    rounding at the end): the same values give the same bits in any order, for sums made
    in Python or pandas (``groupby(...).agg(exact_fsum)``).  ``skip_nan``: NaN values are
    left out, and no value left gives NaN (pandas' ``sum(min_count=1)``)."""
    import math

    if skip_nan:
        values = [v for v in values if v == v]
        return math.fsum(values) if values else math.nan
    return math.fsum(values)
