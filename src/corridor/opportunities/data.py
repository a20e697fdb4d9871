"""Build :class:`OpportunityInputs` from the canonical flow table: which data stand for what.

For exporter ``E``, market ``M``, year ``Y`` and product level ``L`` (``hs4`` by default):

* **world** (world exports by product, for supply shares and the product space): the
  export matrix (:func:`corridor.indicators.inputs.export_matrix`) of the source and
  classification with the most exporters at level ``L`` (at least
  :data:`MIN_WORLD_EXPORTERS`), in the year nearest to ``Y`` (the later one on a tie) -
  e.g. the 2017 world HS4 matrix, or a BACI load;
* **supply**: ``E``'s exports to the world at ``L`` in ``Y`` - its own report (partner
  ``WLD``, else the sum over partners) from the source with the most rows, else its row
  in the world matrix;
* **actual**: ``E``'s exports to ``M`` at ``L`` in ``Y`` as ``E`` reports them, else as
  ``M`` reports its imports from ``E`` (mirror);
* **demand**: ``M``'s imports at ``L`` in ``Y``, in this order of preference: (1) ``M``'s
  own imports from the world at ``L``; (2) the exports to ``M`` of at least
  :data:`MIN_WORLD_EXPORTERS` reporters at ``L`` (mirror demand from a bilateral load such
  as BACI); (3) ``M``'s imports by WITS product group (chapter ranges such as ``01-05``)
  distributed over the ``L`` products of each group in proportion to world exports of
  those products (the "world export structure" proxy).  ``growth`` is the compound annual
  growth of the same demand series over the ``growth_years`` before ``Y`` (the group's
  growth for every product of the group under (3)).

Every choice made is recorded in ``OpportunityInputs.notes``.  All selections are lazy
Ibis expressions; only small catalogue queries (which sources/years exist) are executed.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from ..errors import ConfigError, QueryError
from ..indicators.inputs import at_level, export_matrix
from ..options import Level, check
from ..store.sums import exact_sum
from ..indicators.engines import to_arrow
from ..indicators.notes import Note, Num, note
from ..words import Count
from ..indicators.tidy import require_columns
from .rank import OpportunityInputs
from .space import exporter_space
from ..messages import Message

MIN_WORLD_EXPORTERS = 30
WORLD = "WLD"
GROUP_CODE = r"^[0-9]{2}-[0-9]{2}$"


def _annual(flows: ir.Table, level: str) -> ir.Table:
    return flows.filter((flows.period_kind == "year") & (flows.product_level == level) & (flows.value_usd > 0))


def _as_product_value(t: ir.Table) -> ir.Table:
    return t.group_by(t.product_code.name("product")).aggregate(value=exact_sum(t.value_usd))


def choose_world(flows: ir.Table, *, year: int, level: str) -> tuple[str, str, int, int] | None:
    """``(source, classification, year, exporters)`` of the best world export matrix, or ``None``."""
    t = _annual(flows, level)
    t = t.filter(t.flow == "export")
    cat = (
        t.group_by(["source", "classification", "year"])
        .aggregate(exporters=t.reporter.nunique())
        .to_pandas()
    )
    cat = cat[cat.exporters >= MIN_WORLD_EXPORTERS]
    if cat.empty:
        return None
    cat = cat.assign(gap=(cat.year.astype(int) - int(year)).abs(), later=cat.year.astype(int))
    best = cat.sort_values(["gap", "later", "exporters"], ascending=[True, False, False]).iloc[0]
    return str(best.source), str(best.classification), int(best.year), int(best.exporters)


def _supply(flows: ir.Table, *, exporter: str, year: int, level: str, world_matrix: ir.Table | None,
            world_source: str | None, notes: list[Note]) -> ir.Table:
    t = _annual(flows, level)
    own = t.filter((t.reporter == exporter) & (t.flow == "export") & (t.year == year))
    srcs = own.group_by(["source", "classification"]).aggregate(n=own.count(), wld=(own.partner == WORLD).sum()).to_pandas()
    if not srcs.empty:
        srcs = srcs.assign(own=(srcs.source != world_source).astype(int))
        best = srcs.sort_values(["own", "wld", "n"], ascending=False).iloc[0]
        m = export_matrix(flows, years=year, level=level, source=str(best.source), classification=str(best.classification))
        notes.append(note("supply_own", exporter=exporter, year=year, level=level, source=best.source,
                          classification=best.classification))
        m = m.filter(m.exporter == exporter)
        return m.select("product", value=m.export_value)
    if world_matrix is not None:
        notes.append(note("supply_world", exporter=exporter, level=level, year=year))
        m = world_matrix.filter(world_matrix.exporter == exporter)
        return m.select("product", value=m.export_value)
    raise QueryError(Message("opp_no_supply", level=level, exporter=exporter, year=year))


def _actual(flows: ir.Table, *, exporter: str, market: str, year: int, level: str, notes: list[Note]) -> ir.Table:
    t = _annual(flows, level).filter(lambda x: x.year == year)
    own = t.filter((t.reporter == exporter) & (t.partner == market) & (t.flow == "export"))
    if to_arrow(own.count()).as_py() > 0:
        notes.append(note("actual_own", exporter=exporter, market=market))
        return _as_product_value(own)
    mirror = t.filter((t.reporter == market) & (t.partner == exporter) & (t.flow == "import"))
    notes.append(note("actual_mirror", exporter=exporter, market=market, level=level))
    return _as_product_value(mirror)


def _cagr(series: ir.Table, *, year: int, growth_years: int) -> ir.Table:
    """``[product, value, growth]`` of ``year`` from a ``[year, product, value]`` series.

    ``growth`` is the compound annual growth rate from the earliest year of the series in
    ``[year - growth_years, year - 1]`` (the first year with data in that window) to ``year``;
    null when the window holds no data or the product had none then.
    """
    earlier = series.filter((series.year >= year - growth_years) & (series.year < year))
    first = to_arrow(earlier.year.min()).as_py()
    now = series.filter(series.year == year).select("product", "value")
    if first is None:
        return now.mutate(growth=ibis.null("float64"))
    then = series.filter(series.year == first).select("product", value_then=series.value)
    j = now.left_join(then, "product")
    span = float(year - int(first))
    g = ibis.cases(
        (j.value_then.notnull() & (j.value_then > 0), (j.value / j.value_then) ** (1.0 / span) - 1.0),
        else_=ibis.null("float64"),
    )
    return j.select(now.product, now.value, growth=g)


def _series(t: ir.Table) -> ir.Table:
    """``[year, product, value]`` sums of canonical rows."""
    return t.group_by([t.year.cast("int32").name("year"), t.product_code.name("product")]).aggregate(value=exact_sum(t.value_usd))


def _demand(flows: ir.Table, *, market: str, year: int, level: str, growth_years: int,
            world_products: ir.Table | None, notes: list[Note]) -> ir.Table:
    t = flows.filter((flows.period_kind == "year") & (flows.value_usd > 0))

    def own(lvl: str) -> ir.Table:
        return t.filter((t.reporter == market) & (t.partner == WORLD) & (t.flow == "import") & (t.product_level == lvl))

    def has(expr: ir.Table) -> bool:
        return bool(to_arrow(expr.count()).as_py() > 0)

    direct = own(level)
    if has(direct.filter(direct.year == year)):
        notes.append(note("demand_own", market=market, level=level, year=year))
        return _cagr(_series(direct), year=year, growth_years=growth_years)
    mirror = t.filter((t.partner == market) & (t.flow == "export") & (t.product_level == level) & (t.reporter != market))
    # one source (the one with the most reporters that year, e.g. BACI): adding a second
    # source's exports to the market (Kazakhstan's own WITS report) would count them twice
    by_source = to_arrow(mirror.filter(mirror.year == year).group_by("source").aggregate(n=lambda x: x.reporter.nunique()))
    ranked = sorted(zip(by_source["n"].to_pylist(), by_source["source"].to_pylist()), key=lambda r: (-r[0], r[1]))
    n = ranked[0][0] if ranked else 0
    if n >= MIN_WORLD_EXPORTERS:
        mirror = mirror.filter(mirror.source == ranked[0][1])
        notes.append(note("demand_mirror", market=market, n=Count(n, "economy_gen"), level=level, year=year))
        return _cagr(_series(mirror), year=year, growth_years=growth_years)
    groups = own("group")
    groups = groups.filter(groups.product_code.re_search(GROUP_CODE))
    if world_products is not None and has(groups.filter(groups.year == year)):
        notes.append(note("demand_groups", market=market, year=year, level=level))
        notes.append(note("demand_proxy_error", **proxy_error_params()))
        g = _cagr(_series(groups), year=year, growth_years=growth_years)
        return distribute_groups(g, world_products)
    raise QueryError(Message("opp_no_imports", market=market, year=year, level=level))


#: How far the group proxy (a group's value spread over its HS4 products by world export
#: shares) is from the real product values, measured on the 2017 world HS4 matrix with
#: each economy's real *exports* standing in for a market's imports (87 economies with
#: exports >= USD 10 bn; :func:`group_proxy_error`; recomputed against the shared data by
#: tests/opportunities/test_group_proxy_error.py): the median economy's product is off by
#: a factor 5.7 (median |log ratio| 1.74), 78% of its products by more than 2x, its 20
#: largest products by a factor 3.4 (70% by more than 2x), 47% of its value is put on the
#: wrong headings and only 45% of the proxy's top 20 are in the real top 20.  For China
#: (its exports): factor 2.2, 56% of products off by more than 2x, top 20 by a factor 1.6.
GROUP_PROXY_ERROR = {"factor": "5.7", "off2x": "78", "top_factor": "3.4", "misplaced": "47", "overlap": "45",
                     "china_factor": "2.2", "china_top_factor": "1.6"}


def proxy_error_params() -> dict[str, object]:
    """:data:`GROUP_PROXY_ERROR` as the note's parameters: the factors as numbers written in
    the reader's language (``5.7`` / ``5,7``), the percentages as they are."""
    return {k: Num(float(v), 1) if k.endswith("factor") else v for k, v in GROUP_PROXY_ERROR.items()}


def group_proxy_error(matrix: pd.DataFrame, *, min_total: float = 1e10) -> pd.DataFrame:
    """Per economy (``exporter`` with total >= ``min_total``) of ``matrix``
    (``exporter, product, value`` at HS4): how far the group proxy is from the real
    values.  Columns ``factor`` (exp of the median |log(proxy/real)| over the economy's
    products), ``off2x`` (share of products off by more than 2x), ``top_factor`` (the
    same over its 20 largest products), ``misplaced`` (share of its value the proxy puts
    on other products: half the L1 distance) and ``overlap`` (share of the proxy's top 20
    among the real top 20)."""
    import numpy as np

    from ..reference.hs import wits_group_of

    m = matrix[matrix.value > 0]
    group = pd.Series(wits_group_of(m["product"].str[:2]).values, index=m.index)
    world = m.groupby("product").value.sum()
    world_group = pd.Series(group.values, index=m["product"].values).groupby(level=0).first().reindex(world.index)
    group_total = world.groupby(world_group).sum()
    share = world / world_group.map(group_total)
    rows = []
    totals = m.groupby("exporter").value.sum()
    for exporter in totals[totals >= min_total].index:
        real = m[m.exporter == exporter].set_index("product").value.reindex(world.index).fillna(0.0)
        proxy = (real.groupby(world_group).sum().reindex(world_group.values).values * share).fillna(0.0)
        have = real > 0
        err = np.abs(np.log(proxy[have] / real[have]))
        top = real.sort_values(ascending=False).index[:20]
        top_err = np.abs(np.log(proxy[top] / real[top]))
        rows.append({
            "exporter": exporter, "factor": float(np.exp(err.median())), "off2x": float((err > np.log(2)).mean()),
            "top_factor": float(np.exp(top_err.median())), "misplaced": float((proxy - real).abs().sum() / real.sum() / 2),
            "overlap": len(set(top) & set(proxy.sort_values(ascending=False).index[:20])) / 20,
        })
    return pd.DataFrame(rows)


def distribute_groups(groups: ir.Table, world_products: ir.Table) -> ir.Table:
    """Spread ``[product (group code 'NN-MM'), value, growth]`` over products by world export weights.

    ``D_k = D_G * W_k / W_G`` for each product ``k`` whose HS chapter (first two digits)
    lies in group ``G``'s chapter range; ``W`` are world exports (``[product, value]``).
    """
    g = groups.mutate(lo=groups["product"][0:2].cast("int32"), hi=groups["product"][3:5].cast("int32"))
    w = world_products.mutate(ch=world_products["product"][0:2].cast("int32"))
    j = w.join(g, (w.ch >= g.lo) & (w.ch <= g.hi))
    j = j.select(product=w["product"], group=g["product"], w=w.value, d=g.value, growth=g.growth)
    j = j.mutate(wg=exact_sum(j.w, over=["group"]))
    return j.select("product", value=j.d * j.w / j.wg, growth=j.growth)


def world_inputs(flows: ir.Table, *, year: int, level: str, notes: list[Note]) -> tuple[ir.Table, str] | None:
    """The world export matrix ``[year, exporter, product, export_value]`` chosen by
    :func:`choose_world`, and its source."""
    require_columns(flows, ("source", "classification", "reporter", "partner", "flow", "year"), what="opportunities")
    chosen = choose_world(flows, year=year, level=level)
    if chosen is None:
        notes.append(note("no_world", level=level, n=MIN_WORLD_EXPORTERS))
        return None
    source, classification, wyear, n = chosen
    notes.append(note("world", n=Count(n, "economy_gen"), source=source, classification=classification, year=wyear))
    if wyear != year:
        notes.append(note("world_other_year", wyear=wyear, year=year))
    return export_matrix(flows, years=wyear, level=level, source=source, classification=classification), source


def product_info(classification: str, level: str) -> pd.DataFrame:
    """``[product, name_en, name_ru, wits_group, is_natural_resource, is_agricultural]`` from
    :mod:`corridor.reference` (HS descriptions; WITS groups; WTO Agreement on Agriculture;
    natural-resource vs processed goods)."""
    from ..reference import product_groups, products

    names = products(classification, level)[["code", "name_en", "name_ru"]]
    groups = product_groups(classification, level)[["code", "wits_group", "is_natural_resource", "is_agricultural"]]
    return names.merge(groups, on="code", how="outer").rename(columns={"code": "product"})


def _classification(flows: ir.Table, *, exporter: str, year: int, level: str) -> str:
    t = _annual(flows, level)
    t = t.filter((t.reporter == exporter) & (t.year == year) & (t.classification != "TOTAL"))
    found = t.group_by("classification").aggregate(n=t.count()).order_by(ibis.desc("n")).to_pandas()
    return str(found.classification.iloc[0]) if not found.empty else "HS12"


def opportunity_inputs(
    flows: ir.Table,
    *,
    exporter: str,
    market: str,
    year: int,
    level: str = "hs4",
    growth_years: int = 5,
) -> OpportunityInputs:
    """Assemble supply, world, demand, actual exports, product space and product flags (see module docstring)."""
    from ..reference import economy_name

    check(level, Level, field="level")
    if not isinstance(growth_years, int) or growth_years < 1:
        raise ConfigError(Message("opp_growth_years", value=growth_years))
    # a source holding only finer rows (BACI: HS6) is read at the level asked, summed up
    flows = at_level(flows, level)
    notes: list[Note] = []
    chosen = world_inputs(flows, year=year, level=level, notes=notes)
    world, world_source = chosen if chosen is not None else (None, None)
    space = None
    world_products = None
    if world is not None:
        world_products = world.group_by("product").aggregate(value=exact_sum(world.export_value))
        es = exporter_space(world, exporter=exporter)
        if es is None:
            notes.append(note("space_absent", exporter=exporter))
        else:
            space = es.products
            notes.append(note("space", n=Count(es.exporters, "economy_gen"), year=es.year, exporter=exporter, eci=f"{es.eci:.2f}",
                              coi=f"{es.coi:.2f}"))
    supply = _supply(flows, exporter=exporter, year=year, level=level, world_matrix=world,
                     world_source=world_source, notes=notes)
    actual = _actual(flows, exporter=exporter, market=market, year=year, level=level, notes=notes)
    demand = _demand(flows, market=market, year=year, level=level, growth_years=growth_years,
                     world_products=world_products, notes=notes)
    if world_products is None:
        raise QueryError(Message("opp_no_world", level=level))
    notes.append(note("no_tariffs"))
    notes.append(note("baci"))
    classification = _classification(flows, exporter=exporter, year=year, level=level)
    return OpportunityInputs(
        exporter=exporter, market=market, year=year, supply=supply, world=world_products, demand=demand,
        actual=actual, space=space, products=product_info(classification, level),
        market_name_en=economy_name(market, lang="en"), market_name_ru=economy_name(market, lang="ru"),
        note_keys=tuple(notes),
    )
