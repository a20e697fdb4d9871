"""The tidy trade shape that the trade indicators take, and how to get it from the store.

Every trade indicator in :mod:`corridor.indicators.trade`,
:mod:`corridor.indicators.concentration` and :mod:`corridor.indicators.dynamics` takes an
Ibis table in the *tidy* shape::

    year: int, exporter: str, importer: str, product: str, value: float64

One row is "``exporter`` sold ``product`` to ``importer`` in ``year`` for ``value`` USD".
``importer`` is ``'WLD'`` for exports to the world; functions that do not need the
importer ignore it (and accept tables without it).  :func:`tidy_flows` builds this shape
from the canonical flow table (:data:`corridor.schema.FLOW_SCHEMA`), choosing the
reporting side: a reporter's exports (``exporter = reporter``) or, as mirror data, a
reporter's imports (``exporter = partner``).

Functions here only build Ibis expressions; nothing is executed until the caller asks.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis.expr.types as ir

from ..options import CodeLevel, ReportedBy, check, values
from ..errors import QueryError
from ..messages import Message
from ..store.sums import exact_sum

TIDY_COLUMNS: tuple[str, ...] = ("year", "exporter", "importer", "product", "value")

#: Which side's statistics stand for a flow: the exporter's own export declarations
#: (``exports``) or the importer's import declarations read as mirror exports (``imports``).
REPORTED_BY: tuple[str, ...] = values(ReportedBy)


def require_columns(table: ir.Table, columns: Sequence[str], *, what: str) -> None:
    """Raise :class:`QueryError` naming every column of ``columns`` missing from ``table``."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise QueryError(Message("ind_needs_columns", what=what, missing=", ".join(missing),
                                 columns=", ".join(table.columns)))


def tidy_flows(
    flows: ir.Table,
    *,
    level: str = "hs4",
    reported_by: ReportedBy = "exports",
    classification: str | None = None,
    years: Sequence[int] | None = None,
    source: str | None = None,
) -> ir.Table:
    """Annual flows from the canonical table in the tidy ``[year, exporter, importer, product, value]`` shape.

    ``reported_by='exports'`` reads the reporters' export declarations (exporter = reporter,
    importer = partner); ``'imports'`` reads their import declarations as mirror exports
    (exporter = partner, importer = reporter), the mirror-statistics convention of UN
    Comtrade and WITS.  Only whole years (``period_kind == 'year'``) at product ``level``
    are used; rows of several sources or releases for the same key are summed only if the
    caller does not pick one ``source`` - pass ``source`` when the store holds overlapping
    sources.
    """
    check(level, CodeLevel, field="level")
    check(reported_by, ReportedBy, field="reported_by")
    require_columns(
        flows,
        ("reporter", "partner", "flow", "year", "period_kind", "product_level", "product_code", "value_usd"),
        what="tidy_flows",
    )
    flow = "export" if reported_by == "exports" else "import"
    pred = [flows.flow == flow, flows.period_kind == "year", flows.product_level == level]
    if classification is not None:
        pred.append(flows.classification == classification)
    if years is not None:
        pred.append(flows.year.isin([int(y) for y in years]))
    if source is not None:
        pred.append(flows.source == source)
    t = flows.filter(pred)
    exporter, importer = (t.reporter, t.partner) if flow == "export" else (t.partner, t.reporter)
    t = t.select(
        year=t.year.cast("int32"),
        exporter=exporter,
        importer=importer,
        product=t.product_code,
        value=t.value_usd.cast("float64"),
    )
    return t.group_by(["year", "exporter", "importer", "product"]).aggregate(value=exact_sum(t.value))


def to_world(tidy: ir.Table) -> ir.Table:
    """Sum a tidy table over importers: ``[year, exporter, product, value]`` (exports to all markets)."""
    require_columns(tidy, ("year", "exporter", "product", "value"), what="to_world")
    return tidy.group_by(["year", "exporter", "product"]).aggregate(value=exact_sum(tidy.value))


def positive(table: ir.Table) -> ir.Table:
    """Rows with a strictly positive, non-null ``value`` (trade that happened)."""
    return table.filter(table.value.notnull() & (table.value > 0))


def with_share(table: ir.Table, by: Sequence[str], *, name: str = "share") -> ir.Table:
    """Add ``name`` = value / (sum of value within the groups ``by``), by a window sum."""
    return table.mutate(**{name: table.value / exact_sum(table.value, over=by)})

