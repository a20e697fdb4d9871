"""From the canonical flow table to the exporter × product export matrix.

Every complexity indicator starts from one table of annual exports by exporter and
product (the "X_cp" of Hidalgo & Hausmann 2009).  :func:`export_matrix` derives it from
the canonical long table of :mod:`corridor.schema` as a lazy Ibis expression that runs on
DuckDB and on Spark alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from ..errors import ConfigError, QueryError
from ..options import Level as MatrixLevel
from ..options import check, values
from ..store.sums import exact_sum
from .engines import to_arrow
from .stored import LEVEL_DIGITS
from ..messages import Message

MATRIX_LEVELS: tuple[str, ...] = values(MatrixLevel)

#: Columns of the export matrix, in order.
MATRIX_COLUMNS: tuple[str, ...] = ("year", "exporter", "product", "export_value")

WORLD = "WLD"


def normalise_years(years: int | Sequence[int] | None) -> tuple[int, ...] | None:
    """``years`` as a sorted tuple of ints (``None`` = every year in the data)."""
    if years is None:
        return None
    items = (years,) if isinstance(years, int) else tuple(years)
    if not items or not all(isinstance(y, int) and not isinstance(y, bool) for y in items):
        raise ConfigError(Message("ind_years", value=years))
    return tuple(sorted(set(items)))


def export_matrix(
    flows: ir.Table,
    *,
    years: int | Sequence[int] | None = None,
    level: MatrixLevel = "hs4",
    classification: str | None = None,
    source: str | None = None,
    window: int = 1,
    include_subnational: bool = False,
) -> ir.Table:
    """Annual exports by exporter and product: ``year, exporter, product, export_value``.

    Built from the canonical flow table (:mod:`corridor.schema`): rows with
    ``period_kind == 'year'``, ``flow == 'export'`` and ``product_level == level``; the
    reporter is the exporter.

    **World totals vs bilateral sums (never both).**  For each (reporter, year) the
    reporter's rows with partner ``WLD`` are used when it has any; otherwise its bilateral
    rows are summed over partners, leaving out ``WLD`` and sub-national partners (codes
    with a ``-``, e.g. ``CN-XJ``, which are already inside their country).  A reporter's
    ``WLD`` rows and bilateral rows are therefore never added together.

    **Window** (Atlas of Economic Complexity practice of averaging exports over several
    years to damp noise): with ``window > 1`` the value at year *t* is the mean over
    years *t - window + 1 .. t* of the years in which that exporter reported anything
    (a product absent in such a year counts as zero; a year the exporter did not report
    at all is left out of the mean rather than counted as zero).

    Reporters ``WLD`` and sub-national reporters (ISO 3166-2 codes) are left out unless
    ``include_subnational``.  Rows with non-positive value are dropped.  When the
    selected rows mix several sources or classifications and neither ``source`` nor
    ``classification`` narrows them, :class:`QueryError` is raised, because adding them
    would count the same trade twice.
    """
    check(level, MatrixLevel, field="level")
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ConfigError(Message("ind_window", value=window))
    wanted = normalise_years(years)

    selected = flows.filter((flows.period_kind == "year"), (flows.flow == "export"))
    if classification is not None:
        selected = selected.filter(selected.classification == classification)
    if source is not None:
        selected = selected.filter(selected.source == source)
    if wanted is not None:
        selected = selected.filter(selected.year.between(wanted[0] - window + 1, wanted[-1]))
    stored_level = level_to_read(selected, level)
    base = selected.filter(selected.product_level == stored_level)
    if stored_level != level:  # HS4 (HS2) from HS6 (HS4): the code's first digits are its parent
        base = base.mutate(product_code=base.product_code.substr(0, LEVEL_DIGITS[level]))
    if (source is None or classification is None) and not _single_source(flows):
        _check_single_source(base, level=level)  # both named, or one in the whole table: nothing can be mixed
    rows = base.filter((base.reporter != WORLD), (base.value_usd > 0))
    if not include_subnational:
        rows = rows.filter(~rows.reporter.contains("-"))

    keys = ["year", "reporter", "product_code"]
    world = rows.filter(rows.partner == WORLD).group_by(keys).aggregate(value=lambda t: exact_sum(t.value_usd))
    with_world = world.select("year", "reporter").distinct()
    bilateral = (  # aggregated first, then the anti-join: it probes ~1M sums, not ~10M rows
        rows.filter((rows.partner != WORLD) & ~rows.partner.contains("-"))
        .group_by(keys)
        .aggregate(value=lambda t: exact_sum(t.value_usd))
        .anti_join(with_world, ["year", "reporter"])
    )
    annual = world.union(bilateral).rename(exporter="reporter", product="product_code", export_value="value")
    annual = annual.mutate(year=annual.year.cast("int32"))
    if window > 1:
        annual = _window_mean(annual, window)
    if wanted is not None:
        annual = annual.filter(annual.year.isin(wanted))
    return annual.select(*MATRIX_COLUMNS)


def level_to_read(selected: ir.Table, level: str) -> str:
    """The product level to read for ``level``: ``level`` itself when the selected rows
    hold any row at it, else the coarsest finer level they hold (HS4 is then summed from
    HS6, as the Atlas of Economic Complexity computes HS4 complexity from HS6 data), else
    ``level`` (nothing fits: the caller's empty result says so).  Never both: rows at the
    asked level and rows aggregated from a finer one would count the same trade twice."""
    held = set(to_arrow(selected.group_by("product_level").aggregate(n=selected.count()))["product_level"].to_pylist())
    if level in held:
        return level
    finer = [lvl for lvl in MATRIX_LEVELS if LEVEL_DIGITS[lvl] > LEVEL_DIGITS[level] and lvl in held]
    return finer[0] if finer else level


def at_level(flows: ir.Table, level: str) -> ir.Table:
    """``flows`` with the rows of every (source, classification) that holds no row at
    ``level`` but holds finer HS rows relabelled to ``level``: product code cut to its
    first digits (its parent), ``product_level = level``.  Sums over products then give
    the coarser level (HS4 from a BACI HS6 load); rows of a source that has ``level``
    itself are left as they are, so nothing is counted twice.  Runs on any Ibis backend."""
    check(level, MatrixLevel, field="level")
    held = to_arrow(flows.group_by(["source", "classification", "product_level"]).aggregate(n=flows.count()))
    levels: dict[tuple[str, str], set[str]] = {}
    for s, c, lvl in zip(held["source"].to_pylist(), held["classification"].to_pylist(), held["product_level"].to_pylist(), strict=True):
        levels.setdefault((s, c), set()).add(lvl)
    cond = None
    for (s, c), have in sorted(levels.items()):
        if level in have:
            continue
        finer = [lvl for lvl in MATRIX_LEVELS if LEVEL_DIGITS[lvl] > LEVEL_DIGITS[level] and lvl in have]
        if finer:
            this = (flows.source == s) & (flows.classification == c) & (flows.product_level == finer[0])
            cond = this if cond is None else cond | this
    if cond is None:
        return flows
    return flows.mutate(
        product_code=cond.ifelse(flows.product_code.substr(0, LEVEL_DIGITS[level]), flows.product_code),
        product_level=cond.ifelse(ibis.literal(level), flows.product_level),
    )


def inclusion(
    matrix: ir.Table,
    /,
    *,
    min_exporter_value: float = 0.0,
    min_product_value: float = 0.0,
    value: str = "export_value",
) -> ir.Table:
    """The export matrix less small exporters and thinly traded products, year by year.

    Exporters whose total exports that year (in the matrix given: the window mean when it
    was built with ``window > 1``) are below ``min_exporter_value`` (USD) are left out
    first; then products whose exports by the remaining exporters sum to less than
    ``min_product_value``.  This is the export-value half of the inclusion rules the
    Growth Lab applies before ranking economies in the Atlas of Economic Complexity
    (Hausmann et al. 2014; the Atlas also requires a minimum population, which corridor
    has no table for): without it, tiny territories with a handful of re-exports rank
    among the most complex economies.  Both thresholds 0 (the default) keep everything,
    as py-ecomplexity does.  Runs on any Ibis backend.
    """
    for name, threshold in (("min_exporter_value", min_exporter_value), ("min_product_value", min_product_value)):
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold < float("inf"):
            raise ConfigError(Message("ind_usd_threshold", name=name, value=threshold))
    out = matrix
    for key, threshold in (("exporter", min_exporter_value), ("product", min_product_value)):
        if threshold > 0:
            totals = out.group_by(["year", key]).aggregate(total=exact_sum(out[value]))
            kept = totals.filter(totals.total >= threshold).select("year", key)
            out = out.semi_join(kept, ["year", key])
    return out


def _window_mean(annual: ir.Table, window: int) -> ir.Table:
    """Mean of ``export_value`` over the ``window`` years ending at each year (see above)."""
    offsets = ibis.memtable({"offset": list(range(window))}, schema={"offset": "int32"})
    spread = annual.cross_join(offsets).mutate(target=lambda t: (t.year + t.offset).cast("int32"))
    totals = spread.group_by(["target", "exporter", "product"]).aggregate(total=lambda t: exact_sum(t.export_value))
    reported = (
        spread.select("target", "exporter", "year")
        .distinct()
        .group_by(["target", "exporter"])
        .aggregate(n_years=lambda t: t.count())
    )
    # only years that the exporter itself reported are targets (no extrapolation forward)
    own_years = annual.select(target=annual.year, exporter=annual.exporter).distinct()
    out = totals.join(reported, ["target", "exporter"]).join(own_years, ["target", "exporter"])
    return out.select(
        year=out.target,
        exporter=out.exporter,
        product=out.product,
        export_value=out.total / out.n_years.cast("float64"),
    )


def _single_source(rows: ir.Table) -> bool:
    """True when ``rows`` hold at most one source and one classification.

    An unfiltered min/max, which DuckDB answers from Parquet statistics without a scan.
    """
    bounds = to_arrow(rows.aggregate(
        s0=rows.source.min(), s1=rows.source.max(), c0=rows.classification.min(), c1=rows.classification.max()
    )).to_pylist()[0]
    return bounds["s0"] == bounds["s1"] and bounds["c0"] == bounds["c1"]


def _check_single_source(rows: ir.Table, *, level: str) -> None:
    """Refuse a selection that mixes sources or classifications (it would double count)."""
    if _single_source(rows):
        return
    # group_by rather than distinct(): Ibis 12's PySpark backend does not de-duplicate here
    found = to_arrow(rows.group_by(["source", "classification"]).aggregate(n=rows.count()).order_by(["source", "classification"]))
    if found.num_rows > 1:
        pairs = ", ".join(f"{s}/{c}" for s, c in zip(found["source"].to_pylist(), found["classification"].to_pylist()))
        raise QueryError(Message("ind_mixed_sources", level=level, pairs=pairs))
