"""All trade indicators of one exporter-market pair, year by year, from the canonical flows.

:func:`bilateral_indicators` is what ``corridor indicators KAZ CHN`` shows.  It reads the
exporter's own export statistics (one source: the one with the most rows of that exporter
at the level; a world export matrix is used only for the figures that need the world) and
composes the indicator functions of :mod:`corridor.indicators.concentration`,
:mod:`~corridor.indicators.trade` and :mod:`~corridor.indicators.dynamics` into one
per-year table (one Ibis query).  Figures that need data the workspace lacks are null and
the report's ``notes`` say which data would fill them.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from ..options import Level, check, values
from ..errors import ConfigError, QueryError
from ..store.sums import exact_sum
from ..words import Count
from .concentration import export_diversification, hhi, theil
from .dynamics import decompose, product_changes, yearly_changes
from .engines import to_arrow
from .notes import KeyedNotes, Note, note
from .tidy import tidy_flows
from .trade import trade_complementarity
from ..messages import Message

LEVELS: tuple[str, ...] = values(Level)
WORLD = "WLD"
MIN_WORLD_EXPORTERS = 30

#: Columns of :attr:`IndicatorReport.series`, in order.
SERIES_COLUMNS: tuple[str, ...] = (
    "year", "exports_to_market", "exports_to_world", "market_share_of_exports", "n_products",
    "hhi", "hhi_normalized", "theil", "theil_between", "theil_within",
    "new", "lost", "intensive", "n_new", "n_lost", "tc", "tii", "dx",
)


@dataclass(frozen=True, slots=True)
class IndicatorReport(KeyedNotes):
    """Indicators of ``exporter``'s exports to ``market``, ``year_from`` .. ``year_to``.

    ``series``: one row per year, columns :data:`SERIES_COLUMNS` (values in USD; ``hhi``
    etc. over the products exported to the market; ``new``/``lost``/``intensive``: growth
    margins against the previous year; ``tc`` the exporter's world exports against the
    market's imports; ``tii`` trade intensity; ``dx`` the WITS diversification index of
    the exporter's world exports).  ``changes``: every product exported to the market in
    ``year_from`` or ``year_to`` with its status (new / lost / continuing).  ``notes`` /
    ``notes_ru``: the data behind the figures, in English / Russian.
    """

    exporter: str
    market: str
    year_from: int
    year_to: int
    level: str
    source: str
    classification: str
    series: pa.Table
    changes: pa.Table
    note_keys: tuple[Note, ...] = ()

    def to_pandas(self) -> pd.DataFrame:
        return self.series.to_pandas()


def _exporter_source(flows: ir.Table, *, exporter: str, level: str, years: tuple[int, int]) -> tuple[str, str]:
    t = flows.filter((flows.reporter == exporter) & (flows.flow == "export") & (flows.product_level == level)
                     & (flows.period_kind == "year") & flows.year.between(*years))
    found = t.group_by(["source", "classification"]).aggregate(n=t.count(), y=t.year.nunique()).to_pandas()
    if found.empty:
        raise QueryError(Message("ind_no_exports_reported", level=level, exporter=exporter, y0=years[0], y1=years[1]))
    best = found.sort_values(["y", "n"], ascending=False).iloc[0]
    return str(best.source), str(best.classification)


def _market_imports(flows: ir.Table, *, market: str, level: str) -> tuple[ir.Table, str] | None:
    """The market's imports from the world by product (at ``level``, else by WITS group) and their level."""
    t = flows.filter((flows.reporter == market) & (flows.partner == WORLD) & (flows.flow == "import")
                     & (flows.period_kind == "year") & (flows.value_usd > 0))
    for lvl in (level, "group"):
        rows = t.filter(t.product_level == lvl)
        if lvl == "group":
            rows = rows.filter(rows.product_code.re_search(r"^[0-9]{2}-[0-9]{2}$"))
        if to_arrow(rows.count()).as_py() > 0:
            out = rows.group_by([rows.year.cast("int32").name("year"), rows.product_code.name("product")])
            return out.aggregate(importer=ibis.literal(market), value=exact_sum(rows.value_usd)), lvl
    return None


def to_groups(table: ir.Table, groups: ir.Table) -> ir.Table:
    """Sum ``[year, exporter, product, value]`` into the WITS chapter-range groups present in ``groups``."""
    codes = groups.select(code=groups["product"]).distinct()
    codes = codes.mutate(lo=codes.code[0:2].cast("int32"), hi=codes.code[3:5].cast("int32"))
    t = table.mutate(ch=table["product"][0:2].cast("int32"))
    j = t.join(codes, (t.ch >= codes.lo) & (t.ch <= codes.hi))
    return j.group_by([j.year, j.exporter, j.code.name("product")]).aggregate(value=exact_sum(j.value))


def bilateral_indicators(
    flows: ir.Table,
    *,
    exporter: str,
    market: str,
    year_from: int,
    year_to: int,
    level: str = "hs4",
) -> IndicatorReport:
    """Trade indicators of ``exporter`` -> ``market`` per year (see :class:`IndicatorReport`)."""
    check(level, Level, field="level")
    if year_from > year_to:
        raise ConfigError(Message("ind_from_after_to", year_from=year_from, year_to=year_to))
    source, classification = _exporter_source(flows, exporter=exporter, level=level, years=(year_from, year_to))
    notes = [note("exporter_source", exporter=exporter, source=source, classification=classification, level=level)]
    tidy = tidy_flows(flows, level=level, source=source, years=range(year_from, year_to + 1))
    tidy = tidy.filter(tidy.exporter == exporter)
    market_flow = tidy.filter(tidy.importer == market)
    world_flow = tidy.filter(tidy.importer == WORLD)
    by = ["year", "exporter", "importer"]

    from ..reference import product_codes

    universe = len(product_codes(classification, level))
    notes.append(note("theil_universe", n=Count(universe, "code"), classification=classification, level=level))
    totals = market_flow.group_by("year").aggregate(exports_to_market=exact_sum(market_flow.value))
    wtot = world_flow.group_by("year").aggregate(exports_to_world=exact_sum(world_flow.value))
    h = hhi(market_flow, by=by).select("year", "n_items", "hhi", "hhi_normalized")
    th = theil(market_flow, by=by, universe=universe).select("year", "theil", "theil_between", "theil_within")
    yoy = decompose(yearly_changes(market_flow), ["year", "exporter", "importer"])
    yoy = yoy.select("year", "new", "lost", "intensive", "n_new", "n_lost")
    s = totals.left_join(wtot, "year").select(totals.year, totals.exports_to_market, wtot.exports_to_world)
    for extra in (h, th, yoy):
        s = s.left_join(extra, "year").drop("year_right")

    imports = _market_imports(flows, market=market, level=level)
    if imports is not None:
        m, mlevel = imports
        exports = world_flow.select("year", "exporter", "product", "value")
        if mlevel == "group":
            exports = to_groups(exports, m)
            notes.append(note("tc_groups", market=market))
        tc = trade_complementarity(exports, m).select("year", "tc")
        s = s.left_join(tc, "year").drop("year_right")
    else:
        s = s.mutate(tc=ibis.null("float64"))
        notes.append(note("no_market_imports", market=market))

    world = _world_exports(flows, level=level, years=(year_from, year_to))
    if world is not None:
        dx = export_diversification(world_flow, by=by, world=world).select("year", "dx")
        s = s.left_join(dx, "year").drop("year_right")
        notes.append(note("world_some_years"))
        s = _with_tii(s, flows, market=market, world=world)
    else:
        s = s.mutate(dx=ibis.null("float64"), tii=ibis.null("float64"))
        notes.append(note("world_missing"))
    s = s.mutate(market_share_of_exports=s.exports_to_market / s.exports_to_world, n_products=s.n_items)
    series = to_arrow(s.select(*SERIES_COLUMNS).order_by("year"))
    changes = to_arrow(product_changes(market_flow, start=year_from, end=year_to).order_by(
        [ibis.asc("status"), ibis.desc("change")]
    ))
    if series.num_rows == 0:
        raise QueryError(Message("ind_no_exports_to", level=level, exporter=exporter, market=market, y0=year_from,
                                 y1=year_to))
    # a break in either side's reports of these exports makes new / lost products and growth artefacts
    from ..store.figures import bilateral_figures
    from .coverage import coverage_breaks

    breaks = coverage_breaks(bilateral_figures(flows, economy=exporter, partner=market,
                                               years=range(year_from - 1, year_to + 1)))
    notes += [b.note() for b in breaks if b.flow == "export" and year_from <= b.year <= year_to]
    return IndicatorReport(exporter, market, year_from, year_to, level, source, classification, series, changes,
                           tuple(notes))


def _world_exports(flows: ir.Table, *, level: str, years: tuple[int, int]) -> ir.Table | None:
    """World exports ``[year, product, value]`` of the years that have a world matrix (>= 30 exporters)."""
    t = flows.filter((flows.flow == "export") & (flows.partner == WORLD) & (flows.product_level == level)
                     & (flows.period_kind == "year") & flows.year.between(*years) & (flows.value_usd > 0))
    per = t.group_by(["source", "year"]).aggregate(n=t.reporter.nunique())
    per = per.filter(per.n >= MIN_WORLD_EXPORTERS)
    picked = per.to_pandas()
    if picked.empty:
        return None
    best = picked.sort_values("n", ascending=False).drop_duplicates("year")
    rows = t.filter(ibis.or_(*[(t.source == r.source) & (t.year == int(r.year)) for r in best.itertuples()]))
    return rows.group_by([rows.year.cast("int32").name("year"), rows.product_code.name("product")]).aggregate(
        value=exact_sum(rows.value_usd)
    )


def _with_tii(s: ir.Table, flows: ir.Table, *, market: str, world: ir.Table) -> ir.Table:
    """Trade intensity (Brown 1949; Kojima 1964): (x_ij / X_i) / (M_j / X_w), M_j the market's total imports."""
    t = flows.filter((flows.reporter == market) & (flows.partner == WORLD) & (flows.flow == "import")
                     & (flows.period_kind == "year") & (flows.product_level == "total"))
    mj = t.group_by(t.year.cast("int32").name("year")).aggregate(m_j=exact_sum(t.value_usd))
    xw = world.group_by("year").aggregate(x_w=exact_sum(world.value))
    s = s.left_join(mj, "year").drop("year_right").left_join(xw, "year").drop("year_right")
    return s.mutate(tii=(s.exports_to_market / s.exports_to_world) / (s.m_j / s.x_w)).drop("m_j", "x_w")
