"""The view function of every page: answers in, charts and tables out (no figure computed here).

A view function takes a :class:`corridor.web.pages.View` and returns its template's
context: ``charts`` (each a :class:`Chart`: id, title, spec, download links) and
``tables`` (each a :class:`Table`), plus what the template writes around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import CorridorError
from ..messages import Message
from ..reports import numbers
from ..reports.i18n import months_span
from . import charts

if TYPE_CHECKING:  # pragma: no cover
    from .pages import View


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    spec: dict[str, Any]
    downloads: list[dict[str, str]]
    mode: str = "vega-lite"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells ``(text, sort value, css class)`` under columns; ``row_ids`` name rows
    (the product code of an opportunity, to link a row with its bubble)."""

    id: str
    title: str
    columns: list[Column]
    rows: list[list[tuple[str, Any, str]]]
    downloads: list[dict[str, str]]
    row_ids: list[str] = field(default_factory=list)
    sortable: bool = False
    row_classes: list[str] = field(default_factory=list)


# -- shared helpers ------------------------------------------------------------------------


def _document(v: View, result: Any) -> dict[str, Any]:
    """The result's JSON document with its texts in the page's language (as the API and
    ``--format json`` give it, the caller's parameters named as a query string names them:
    ``months=9``); a web-only helper result's own document."""
    from ..messages import spelling
    from ..reports.registry import RENDERERS, document
    from .errors import query_spelling

    with spelling(query_spelling):
        return document(result, v.lang) if getattr(result, "name", None) in RENDERERS else result.document()

def _name(code: str, lang: str) -> str:
    from .. import reference

    try:
        return reference.economy_name(code, lang=lang)
    except CorridorError:
        return code


def _product_names(classification: str | None, level: str, lang: str) -> dict[str, str]:
    """Product names in ``lang``, as every renderer gives them (:func:`corridor.reports.names.name_map`:
    a Russian name, else the marked heading's or chapter's, never English in Russian)."""
    from ..reports.names import name_map

    return name_map(classification, level, lang) if classification else {}


def _section_names(lang: str) -> dict[str, str]:
    from .. import reference

    sec = reference.hs_sections()
    return dict(zip(sec["section"], sec["name_ru" if lang == "ru" else "name_en"]))


def _scale(values: Iterable[Any]) -> float:
    top = max((abs(float(x)) for x in values if not numbers.missing(x)), default=0.0)
    return 1e9 if top >= 1e9 else 1e6


def _table_scale(values: Iterable[Any]) -> float | None:
    """The scale of a table's amounts: billions when every amount shown (zero aside) is at
    least a billion, millions when every one is at least a million, else None (each amount at
    its own scale, with its word): no amount reads as a fraction of the unit (141.5 million
    was «0,1 млрд $» beside billions)."""
    shown = [abs(float(x)) for x in values if not numbers.missing(x) and float(x) != 0.0]
    return next((s for s in (1e9, 1e6) if shown and min(shown) >= s), None)


def _cell(value: Any, text: str, css: str = "num") -> tuple[str, Any, str]:
    return (text, None if numbers.missing(value) else value, css)


def _txt(value: Any) -> tuple[str, Any, str]:
    return ("" if value is None else str(value), "" if value is None else str(value), "")


#: Longest product name in a table cell; longer names are cut at a word and shown whole on hover.
NAME_CHARS = 72


def _named(name: str | None) -> tuple[str, Any, str]:
    """A product-name cell: cut at the last whole word within :data:`NAME_CHARS`, never mid-word."""
    full = name or ""
    if len(full) <= NAME_CHARS:
        return (full, full, "name")
    cut = full[:NAME_CHARS].rsplit(" ", 1)[0].rstrip(",;:( ")
    return (cut + " …", full, "name")


def _runs(years: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def _span(values: Sequence[float], fmt: Callable[[float], str]) -> str:
    lo, hi = min(values), max(values)
    return fmt(lo) if fmt(lo) == fmt(hi) else f"{fmt(lo)}–{fmt(hi)}"


def _flow_word(v: View, flow: str) -> tuple[str, str, str]:
    """A table cell of a stored flow (``export``, ``re-export`` ...) in the reader's
    language, sorted by the stored value."""
    from ..messages import WORDS

    return (WORDS[flow][v.lang] if flow in WORDS else flow), flow, ""


def _flow_label(v: View, flow: str, e: str, p: str) -> str:
    arrow = "→" if flow == "export" else "←"
    return f"{v.t('flow_' + flow)}: {e} {arrow} {p}"


# -- Corridor ------------------------------------------------------------------------------

def side_labels(v: View, e: str, p: str) -> dict[str, str]:
    return {"own": v.t("own", name=e), "mirror": v.t("mirror", name=p), "year": v.t("year"), "side": v.t("side"),
            "growth_axis": v.t("growth_axis"), "period": v.t("period")}


def _period_text(v: View, r: Mapping[str, Any]) -> str:
    """A summary record's period in words: ``2024``, ``January–September 2024``, ``September 2024``."""
    kind = r.get("period_kind", "year")
    if kind == "ytd":
        return f"{months_span(int(r['month']), v.lang)} {r['year']}"
    if kind == "month":
        return f"{v.t('month_' + str(int(r['month'])))} {r['year']}"
    return str(r["year"])


def _period_key(r: Mapping[str, Any]) -> tuple[int, int]:
    return (r["year"], r.get("month") or 0)


def corridor(v: View) -> dict[str, Any]:
    """Both sides' figures by year, January–N (``months``) or month (``monthly``), for
    countries and regions (``CN-XJ``, ``KZ-19``), with the sides a pair has not stated."""
    res = v.answer("monitor")
    doc = _document(v, res)
    kind = doc.get("period_kind", "year")
    monthly = kind == "month"
    e, p = _name(doc["economy"], v.lang), _name(doc["partner"], v.lang)
    labels = side_labels(v, e, p)
    summary = doc["summary"]
    scale = _scale(r.get("turnover") for r in summary)
    unit = numbers.unit(scale, v.lang)
    series = charts.mirror_series(summary, titles={m: v.t(m) for m in charts.MEASURES}, labels=labels,
                                  scale=scale, unit=unit, monthly=monthly)
    growth = charts.growth_bars(summary, labels=labels, monthly=monthly)
    growth_title = {"ytd": "growth_title_ytd", "month": "growth_title_monthly"}.get(kind, "growth_title")
    chart_list = [Chart("series", v.t("series_title"), series, v.download("monitor", "summary")),
                  Chart("growth", v.t(growth_title), growth, v.download("monitor", "summary"))]
    y0, y1 = doc["years"][0], doc["years"][-1]
    years = str(y0) if y0 == y1 else v.t("years_span", y0=y0, y1=y1)
    if kind == "ytd":
        title = v.t("corridor_title_ytd", economy=e, partner=p, months=months_span(int(doc["months"]), v.lang), years=years)
    elif monthly:
        title = v.t("corridor_title_monthly", economy=e, partner=p, years=years)
    else:
        title = v.t("corridor_title", economy=e, partner=p, y0=y0, y1=y1)
    absent = [r["statement"] for r in doc.get("absent_sides", [])]
    return {
        "title": title,
        "lead": v.t("corridor_lead", economy=e, partner=p),
        "synthetic": doc.get("synthetic", False),
        "kpis": _kpis(v, summary, e, p),
        "warnings": absent + _warnings(v, doc.get("warnings", []), e, p, kind=kind),
        "warnings_download": v.download("monitor", "warnings"),
        "charts": chart_list,
        "tables": [_summary_table(v, summary, e, p, by_period=kind != "year"),
                   _gaps_table(v, doc["gaps"], e, p, kind=kind)],
        "notes": [n["text"] for n in doc.get("notes", [])],
        "form": _pair_form(v, doc),
        "choices": _period_choices(v, doc),
    }


def _pair_form(v: View, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"name": "economy", "label": v.t("economy"), "value": doc["economy"], "size": 5},
            {"name": "partner", "label": v.t("partner"), "value": doc["partner"], "size": 5},
            {"name": "from", "label": v.t("from"), "value": doc["years"][0], "size": 4},
            {"name": "to", "label": v.t("to"), "value": doc["years"][-1], "size": 4}]


def _period_choices(v: View, doc: Mapping[str, Any]) -> dict[str, list[tuple[str, str, bool]]]:
    """The Corridor page's period selects: whole years or January–N (``months``), and the
    series by year or by month (``monthly``): the monitor answer's own parameters."""
    kind, months = doc.get("period_kind", "year"), doc.get("months")
    return {
        "months": [("", v.t("months_all"), kind != "ytd")]
                  + [(str(n), months_span(n, v.lang), kind == "ytd" and months == n) for n in range(1, 12)],
        "monthly": [("", v.t("monthly_no"), kind != "month"), ("true", v.t("monthly_yes"), kind == "month")],
    }


def _kpis(v: View, summary: Sequence[Mapping[str, Any]], e: str, p: str) -> list[dict[str, Any]]:
    both: dict[tuple[int, int], dict[str, Mapping[str, Any]]] = {}
    for r in summary:
        both.setdefault(_period_key(r), {})[r["reported_by"]] = r
    periods = [k for k, s in both.items() if "economy" in s and "partner" in s] or list(both)
    if not periods:
        return []
    latest = max(periods)
    when = _period_text(v, next(iter(both[latest].values())))
    out = []
    for m, key in (("turnover", "kpi_turnover"), ("exports", "kpi_exports"), ("imports", "kpi_imports"),
                   ("balance", "kpi_balance")):
        rows = []
        for side, who in (("economy", e), ("partner", p)):
            r = both[latest].get(side)
            if r is None:
                continue
            g = r.get(f"{m}_growth_pct")
            rows.append({"side": "own" if side == "economy" else "mirror", "who": who,
                         "value": numbers.money(r.get(m), v.lang),
                         "growth": "" if numbers.missing(g) else numbers.percent(g, v.lang)})
        out.append({"title": v.t(key, economy=e, year=when), "rows": rows})
    return out


def _warnings(v: View, rows: Sequence[Mapping[str, Any]], e: str, p: str, *, kind: str = "year") -> list[str]:
    """One sentence per flagged run of consecutive years of a flow and reason (month by
    month: per month, named; January-N: the years with the months named)."""
    who = {"economy": e, "partner": p}
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["flow"], r["reason"], r["low_side"]), []).append(r)
    out = []
    for (flow, reason, low), items in sorted(groups.items()):
        high = "partner" if low == "economy" else "economy"
        if kind == "month":  # several months of one year: each its own sentence (they were one, the last kept)
            runs = [[r] for r in sorted(items, key=_period_key)]
        else:
            by_year = {r["year"]: r for r in items}
            runs = [[by_year[y] for y in run] for run in _runs(list(by_year))]
        for rs in runs:
            run = [r["year"] for r in rs]
            years = str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"
            if kind != "year" and not numbers.missing(rs[0].get("month")):
                span = (v.t(f"month_{int(rs[0]['month'])}") if kind == "month"
                        else months_span(int(rs[0]["month"]), v.lang))
                years = f"{span} {years}"
            lo_key, hi_key = ("own", "mirror") if low == "economy" else ("mirror", "own")
            fmt: dict[str, Any] = {"flow": _flow_label(v, flow, e, p), "years": years, "low": who[low],
                                   "high": who[high]}
            if reason in ("mirror_gap", "mirror_gap_extreme"):
                fmt["pct"] = _span([100 * (1 - r[lo_key] / r[hi_key]) for r in rs],
                                   lambda x: numbers.percent(x, v.lang, digits=0, signed=False))
                fmt["low_value"] = _span([r[lo_key] for r in rs], lambda x: numbers.money(x, v.lang))
                fmt["high_value"] = _span([r[hi_key] for r in rs], lambda x: numbers.money(x, v.lang))
            elif reason == "lines_drop":
                lines = "own_products" if low == "economy" else "mirror_products"
                fmt["low_lines"] = _span([r[lines] for r in rs], lambda x: numbers.number(x, v.lang, digits=0))
                fmt["usual"] = numbers.number(rs[0]["usual_products"], v.lang, digits=0)
            else:
                lo_l, hi_l = ("own_products", "mirror_products") if low == "economy" else ("mirror_products", "own_products")
                fmt["low_lines"] = _span([r[lo_l] for r in rs], lambda x: numbers.number(x, v.lang, digits=0))
                fmt["high_lines"] = _span([r[hi_l] for r in rs], lambda x: numbers.number(x, v.lang, digits=0))
            out.append((WARNING_ORDER.index(reason), flow, _period_key(rs[0]), v.t(f"warning_{reason}", **fmt)))
    return [w[-1] for w in sorted(out)]


#: Data warnings, the most telling first.
WARNING_ORDER = ("mirror_gap_extreme", "lines_drop", "few_lines", "mirror_gap")


def _summary_table(v: View, summary: Sequence[Mapping[str, Any]], e: str, p: str, *,
                   by_period: bool = False) -> Table:
    scale = _table_scale(r.get(m) for r in summary for m in charts.MEASURES)
    first = Column("period", v.t("period")) if by_period else Column("year", v.t("year"))
    cols = [first, Column("side", v.t("side"))] + [
        Column(m, v.t(m), True) for m in charts.MEASURES] + [Column("growth", v.t("growth_col"), True),
                                                            Column("sources", v.t("sources"))]
    rows, classes = [], []
    for r in sorted(summary, key=lambda r: (*_period_key(r), r["reported_by"])):
        side = r["reported_by"]
        when = (_period_text(v, r), r.get("period") or r["year"], "") if by_period else _txt(r["year"])
        rows.append([when, ("● " + (e if side == "economy" else p), side, side)]
                    + [_cell(r.get(m), numbers.money(r.get(m), v.lang, scale=scale)) for m in charts.MEASURES]
                    + [_cell(r.get("turnover_growth_pct"), numbers.percent(r.get("turnover_growth_pct"), v.lang)),
                       _txt(r.get("sources"))])
        classes.append(side)
    title = v.t("summary_title_period" if by_period else "summary_title")
    return Table("summary", title, cols, rows, v.download("monitor", "summary"), row_classes=classes)


def _gaps_table(v: View, gaps: Sequence[Mapping[str, Any]], e: str, p: str, *,
                kind: str = "year") -> Table:
    scale = _table_scale(r.get(c) for r in gaps for c in ("own", "mirror", "gap_usd"))
    by_period = kind != "year"
    first = Column("period", v.t("period")) if by_period else Column("year", v.t("year"))
    cols = [first, Column("flow", v.t("flow")), Column("own", v.t("own_col"), True),
            Column("mirror", v.t("mirror_col"), True), Column("gap", v.t("gap"), True),
            Column("gap_pct", v.t("gap_pct"), True)]
    rows = [[(_period_text(v, {**r, "period_kind": kind}), f"{r['year']}-{r.get('month') or 0:02d}", "") if by_period
             else _txt(r["year"]), _txt(v.t("flow_" + r["flow"])),
             _cell(r.get("own"), numbers.money(r.get("own"), v.lang, scale=scale)),
             _cell(r.get("mirror"), numbers.money(r.get("mirror"), v.lang, scale=scale)),
             _cell(r.get("gap_usd"), numbers.money(r.get("gap_usd"), v.lang, scale=scale)),
             _cell(r.get("gap_pct"), numbers.percent(r.get("gap_pct"), v.lang))]
            for r in sorted(gaps, key=lambda r: (r["flow"], *_period_key(r)))]
    title = v.t("gaps_title_period" if by_period else "gaps_title")
    return Table("gaps", title, cols, rows, v.download("monitor", "gaps"))


# -- Composition ---------------------------------------------------------------------------

TREEMAP_PRODUCTS = 40


def composition(v: View) -> dict[str, Any]:
    from ..reference.hs import section_of
    import pandas as pd

    asked = v.get("side", None)
    side = asked or "economy"
    flow = v.get("flow", "export")
    if side not in ("economy", "partner") or flow not in ("export", "import"):
        raise CorridorError(Message("web_side_flow", side=side, flow=flow))
    res = v.answer("monitor", top=TREEMAP_PRODUCTS)
    doc = _document(v, res)
    e, p = _name(doc["economy"], v.lang), _name(doc["partner"], v.lang)
    labels = side_labels(v, e, p)
    if asked is None and not any(r["reported_by"] == side for r in doc["structure"]):
        # one side has no statistics of this relation (a region as the partner: Kazakhstan
        # does not report its trade by Chinese province): the side that has them is shown
        side = next((r["reported_by"] for r in doc["structure"]), side)
    mine = lambda rows: [r for r in rows if r["reported_by"] == side and r["flow"] == flow]  # noqa: E731
    structure = mine(doc["structure"])
    years = sorted(r["year"] for r in structure)
    if not years:
        raise CorridorError(Message("web_section_unavailable", text=v.t("section_unavailable"),
                                    side=labels["own" if side == "economy" else "mirror"],
                                    flow=_flow_label(v, flow, e, p)))
    year = int(v.get("year", str(years[-1])))
    if year not in years:
        year = years[-1]
    st = next(r for r in structure if r["year"] == year)
    names = _product_names(st.get("classification"), doc["level"], v.lang)
    top = [r for r in mine(doc["top_products"]) if r["year"] == year]
    codes = pd.Series([r["code"] for r in top], dtype=object)
    secs = dict(zip(codes, section_of(codes.str[:2]))) if len(codes) else {}
    top = [{**r, "section": secs.get(r["code"])} for r in top]
    sections = [r for r in mine(doc["sections"]) if r["year"] == year]
    money = {f"s:{s.get('section') or '?'}": numbers.money(s["value_usd"], v.lang) for s in sections}
    money |= {f"p:{r['code']}": numbers.money(r["value_usd"], v.lang) for r in top}
    who = e if side == "economy" else p
    side_text = v.t("own_short", name=who)
    flow_text = _flow_label(v, flow, e, p)
    tm = charts.treemap(sections, top, section_names=_section_names(v.lang), product_names=names,
                        other=v.t("other_products"), title=flow_text, money=money)
    struct = charts.structure_lines(mine_all(doc["structure"], flow),
                                    labels={**labels, "agri": v.t("agri"), "noncommodity": v.t("noncommodity"),
                                            "hhi": v.t("hhi"), "hhi_axis": v.t("hhi_axis")})
    changes = charts.gained_lost(structure, labels={"gained": v.t("gained"), "lost": v.t("lost"),
                                                    "axis": v.t("changes_axis"), "year": v.t("year")})
    chart_list = [
        Chart("treemap", v.t("treemap_title", flow=flow_text, year=year), tm, v.download("monitor", "sections"),
              mode="vega"),
        Chart("structure", v.t("structure_title"), struct, v.download("monitor", "structure")),
        Chart("changes", v.t("changes_title") + f" · {side_text}", changes, v.download("monitor", "structure")),
    ]
    scale = _table_scale(r["value_usd"] for r in top[:20])
    top_table = Table(
        "top", v.t("top_title", year=year),
        [Column("rank", v.t("rank"), True), Column("code", v.t("code")), Column("name", v.t("product")),
         Column("value", v.t("value"), True), Column("share", v.t("share"), True),
         Column("growth", v.t("growth_col"), True)],
        [[_cell(r["rank"], str(r["rank"])), _txt(r["code"]), _named(names.get(r["code"]) or r.get("name")),
          _cell(r["value_usd"], numbers.money(r["value_usd"], v.lang, scale=scale)),
          _cell(r.get("share"), numbers.percent(100 * r["share"], v.lang, signed=False)),
          _cell(r.get("growth_pct"), numbers.percent(r.get("growth_pct"), v.lang))] for r in top[:20]],
        v.download("monitor", "top_products"), sortable=True)
    changed = [r for r in mine(doc["changes"]) if r["year"] == year]
    change_table = Table(
        "changes", v.t("changes_year", year=year),
        [Column("change", v.t("change")), Column("code", v.t("code")), Column("name", v.t("product")),
         Column("value", v.t("value"), True)],
        [[(v.t(r["change"]), r["change"], r["change"]), _txt(r["code"]),
          _named(names.get(r["code"]) or r.get("name")),
          _cell(r.get("value_usd"), numbers.money(r.get("value_usd"), v.lang))] for r in changed[:30]],
        v.download("monitor", "changes"), sortable=True)
    return {
        "title": v.t("composition_title", economy=e, partner=p),
        "lead": v.t("composition_lead", flow=flow_text, year=year, side=side_text, level=doc["level"].upper()),
        "synthetic": doc.get("synthetic", False),
        "charts": chart_list, "tables": [top_table, change_table],
        "choices": {
            "side": [(s, v.t("own_short", name=e if s == "economy" else p), s == side) for s in ("economy", "partner")],
            "flow": [(f, v.t("flow_" + f), f == flow) for f in ("export", "import")],
            "year": [(str(y), str(y), y == year) for y in years],
        },
        "form": _pair_form(v, doc),
    }


def mine_all(rows: Sequence[Mapping[str, Any]], flow: str) -> list[Mapping[str, Any]]:
    return [r for r in rows if r["flow"] == flow]


# -- Complexity ----------------------------------------------------------------------------

def _world(v: View) -> dict[str, str] | None:
    """The year, level and source of the world matrix the view asks for (its ``year``,
    ``level``, ``source`` parameters) or, by default, the latest with the most exporters;
    None when the workspace holds none."""
    cells = v.answer("complexity_years").document()["matrices"]
    if not cells:
        return None
    wanted = {k: v.get(k) for k in ("year", "level", "source") if v.get(k)}
    fits = [c for c in cells if all(str(c[k]) == val for k, val in wanted.items())] or cells
    best = max(fits, key=lambda c: (c["year"], c["level"] == "hs4", c["exporters"]))
    return {"year": str(best["year"]), "level": best["level"], "source": best["source"]}


def complexity(v: View) -> dict[str, Any]:
    economy, partner = v.get("economy", "KAZ"), v.get("partner", "CHN")
    world = _world(v)
    if world is None:
        return {"title": v.t("page_complexity"), "unavailable": v.t("complexity_needs")}
    year = world["year"]
    q = v.query("complexity", **world, exporter=economy)
    res = v.answer("complexity", **world, exporter=economy)
    doc = _document(v, res)
    tables = res.tables()
    e, p = _name(economy, v.lang), _name(partner, v.lang)
    countries = doc["countries"]
    rank = {c["code"]: c["rank"] for c in countries}
    marked = {economy: "own", partner: "mirror"}
    eci_labels = {"rank": v.t("rank"), "eci": v.t("eci"), "economy": v.t("economy"), "diversity": v.t("diversity")}
    nodes = tables["space_nodes"].to_dict("records")
    edges = tables["space_edges"].to_dict("records")
    names = {r["code"]: r["name"] for r in doc["products"]}
    local = _product_names(doc.get("classification"), doc["level"], v.lang)
    nodes = [{**n, "name": local.get(n["product"]) or names.get(n["product"], "")} for n in nodes]
    space = charts.product_space(nodes, edges, labels={"pci": v.t("pci"), "rca": v.t("rca")})
    present = sum(1 for n in nodes if n.get("mcp") and n["mcp"] >= 1)
    chart_list = [
        Chart("eci", v.t("eci_title"), charts.eci_ranking(countries, marked=marked, labels=eci_labels),
              v.download("complexity", "countries", q)),
        Chart("space", v.t("space_title", year=year, economy=e), space,
              v.download("complexity", "space_nodes", q),
              mode="vega", note=v.t("space_lead", n=len(nodes), k=present)),
    ]
    top_c = [c for c in countries if c["rank"] <= 25 or c["code"] in marked]
    ctable = Table("countries", v.t("countries_title"),
                   [Column("rank", v.t("rank"), True), Column("code", v.t("code")), Column("name", v.t("economy")),
                    Column("eci", v.t("eci"), True), Column("diversity", v.t("diversity"), True),
                    Column("coi", v.t("coi"), True)],
                   [[_cell(c["rank"], str(c["rank"])), _txt(c["code"]), _txt(_name(c["code"], v.lang)),
                     _cell(c["eci"], numbers.number(c["eci"], v.lang, digits=2)),
                     _cell(c.get("diversity"), numbers.number(c.get("diversity"), v.lang, digits=0)),
                     _cell(c.get("coi"), numbers.number(c.get("coi"), v.lang, digits=2))] for c in top_c],
                   v.download("complexity", "countries", q), sortable=True,
                   row_classes=[marked.get(c["code"], "") for c in top_c])
    ptable = Table("products", v.t("products_title"),
                   [Column("rank", v.t("rank"), True), Column("code", v.t("code")), Column("name", v.t("product")),
                    Column("pci", v.t("pci"), True), Column("ubiquity", v.t("ubiquity"), True)],
                   [[_cell(r["rank"], str(r["rank"])), _txt(r["code"]), _named(local.get(r["code"]) or r["name"]),
                     _cell(r["pci"], numbers.number(r["pci"], v.lang, digits=2)),
                     _cell(r.get("ubiquity"), numbers.number(r.get("ubiquity"), v.lang, digits=0))]
                    for r in doc["products"][:25]],
                   v.download("complexity", "products", q), sortable=True)
    return {
        "title": v.t("complexity_title", year=year),
        "lead": v.t("complexity_lead", n=len(countries), economy=e, partner=p, rank_e=rank.get(economy, "–"),
                    rank_p=rank.get(partner, "–")),
        "charts": chart_list, "tables": [ctable, ptable],
        "form": [{"name": "economy", "label": v.t("economy"), "value": economy, "size": 5},
                 {"name": "partner", "label": v.t("partner"), "value": partner, "size": 5},
                 {"name": "year", "label": v.t("year"), "value": year, "size": 4}],
    }


# -- Opportunities -------------------------------------------------------------------------

def opportunities(v: View) -> dict[str, Any]:
    exporter, market = v.get("exporter", "KAZ"), v.get("market", "CHN")
    world = _world(v)
    if world is None:
        return {"title": v.t("page_opportunities"), "unavailable": v.t("complexity_needs")}
    year, level = world["year"], world["level"]
    res = v.answer("opportunities", exporter=exporter, market=market, year=year, level=level)
    doc = _document(v, res)
    e, m = _name(doc["exporter"], v.lang), _name(doc["market"], v.lang)
    rows = [dict(r) for r in doc["opportunities"]]  # the answer's records stay as they are
    for r in rows:  # name, why and kind in the page's language come with the document
        r["untapped_text"] = numbers.money(r.get("untapped"), v.lang)
    labels = {"density": v.t("density"), "cog": v.t("cog"), "pci": v.t("pci"), "untapped": v.t("untapped"),
              "code": v.t("code"), "product": v.t("product"), "natural_resource": v.t("natural_resource"),
              "agricultural": v.t("agricultural"), "processed": v.t("processed")}
    attractiveness = v.get("y", "cog") if v.get("y", "cog") in ("cog", "pci") else "cog"
    q = v.query("opportunities", exporter=exporter, market=market, year=year, level=level)
    scatter = Chart("scatter", v.t("scatter_title"), charts.opportunity_scatter(rows, labels=labels, y=attractiveness),
                    v.download("opportunities", "opportunities", q))
    table = Table(
        "ranking", v.t("ranking_title"),
        [Column("rank", v.t("rank"), True), Column("code", v.t("code")), Column("name", v.t("product")),
         Column("kind", v.t("kind")), Column("untapped", v.t("untapped"), True),
         Column("potential", v.t("potential"), True), Column("actual", v.t("actual"), True),
         Column("density", v.t("density"), True), Column("pci", v.t("pci"), True), Column("cog", "COG", True)],
        [[_cell(r["rank"], str(r["rank"])), _txt(r["product"]), _named(r["name"]),
          (v.t(r["kind"]), r["kind"], "kind " + r["kind"]),
          _cell(r.get("untapped"), numbers.money(r.get("untapped"), v.lang)),
          _cell(r.get("potential"), numbers.money(r.get("potential"), v.lang)),
          _cell(r.get("actual"), numbers.money(r.get("actual"), v.lang)),
          _cell(r.get("density"), numbers.number(r.get("density"), v.lang, digits=3)),
          _cell(r.get("pci"), numbers.number(r.get("pci"), v.lang, digits=2)),
          _cell(r.get("cog"), numbers.number(r.get("cog"), v.lang, digits=2))] for r in rows],
        v.download("opportunities", "opportunities", q), row_ids=[r["product"] for r in rows], sortable=True)
    explanations = [{"code": r["product"], "name": r["name"], "why": r.get("why") or "", "kind": v.t(r["kind"]),
                     "untapped": r["untapped_text"]} for r in rows]
    return {
        "title": v.t("opportunities_title", exporter=e, market=m, year=year),
        "lead": v.t("opportunities_lead", exporter=e),
        "charts": [scatter], "tables": [table], "explanations": explanations,
        "notes": [n["text"] for n in doc.get("notes", [])],
        "choices": {"y": [("cog", v.t("cog"), attractiveness == "cog"), ("pci", v.t("pci"), attractiveness == "pci")]},
        "form": [{"name": "exporter", "label": v.t("exporter"), "value": exporter, "size": 5},
                 {"name": "market", "label": v.t("market"), "value": market, "size": 5},
                 {"name": "year", "label": v.t("year"), "value": year, "size": 4}],
    }


# -- Claim checker -------------------------------------------------------------------------

def check(v: View) -> dict[str, Any]:
    text = v.get("text")
    context: dict[str, Any] = {"title": v.t("check_title"), "lead": v.t("check_lead"), "text": text,
                               "date": v.get("date")}
    if not text:
        return context
    doc = _document(v, v.answer("check"))
    claims = doc["claims"]
    context["segments"] = highlight(text, claims)
    context["claims"] = [_claim_view(v, i, c) for i, c in enumerate(claims)]
    context["summary"] = [(s, v.t(s), n) for s, n in doc["summary"].items() if n]
    context["check_downloads"] = v.download("check", "claims") if len(text) < 4000 else []
    return context


def highlight(text: str, claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into plain pieces and claim pieces: each claim's figure
    (``value_start..value_end``, else its sentence) once, in text order; a claim whose
    piece overlaps an earlier one is highlighted with the sentence's first claim."""
    spans = []
    for i, c in enumerate(claims):
        start, end = (c["value_start"], c["value_end"]) if c.get("value_start") is not None else (c["start"], c["end"])
        spans.append((start, end, i))
    pieces: list[dict[str, Any]] = []
    pos = 0
    for start, end, i in sorted(spans):
        if start < pos:
            continue
        if start > pos:
            pieces.append({"text": text[pos:start]})
        pieces.append({"text": text[start:end], "claim": i, "status": claims[i]["verdict"]["status"]})
        pos = end
    if pos < len(text):
        pieces.append({"text": text[pos:]})
    return pieces


def _claim_view(v: View, i: int, c: Mapping[str, Any]) -> dict[str, Any]:
    verdicts = []
    for key in ("verdict", "growth_verdict"):
        vd = c.get(key)
        if vd is None:
            continue
        ev = [e for e in c["evidence"] if e["part"] == vd["part"]]
        verdicts.append({
            "label": v.t(key), "status": vd["status"], "status_text": v.t(vd["status"]),
            "explanation": vd.get("text") or vd.get("explanation") or "", "needs": vd.get("needs_text") or vd.get("needs"),
            "evidence": [{"who": f"{_name(x['reporter'], v.lang)} ({v.t('side_' + x['reported_by'])})",
                          "source": x["source"], "release": x["release"], "period": x["period"],
                          "value": numbers.money(x["value"], v.lang, digits=2) if x["part"] == "level"
                          else numbers.percent(x["value"], v.lang),
                          "deviation": numbers.percent(x.get("deviation_pct"), v.lang) if x.get("deviation_pct") is not None else "",
                          "matches": x["matches"]} for x in ev],
        })
    from ..claims.messages import term

    period = (c.get("period") or {}).get("label") or "?"
    return {"index": i, "text": c["text"].strip(), "status": c["verdict"]["status"],
            "status_text": v.t(c["verdict"]["status"]), "indicator": term(c["indicator"], v.lang), "period": period,
            "value": c.get("value_text") or "", "verdicts": verdicts}


# -- Data ----------------------------------------------------------------------------------

def _stored_period(v: View, r: Mapping[str, Any]) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """The period and years cells of a coverage row (:func:`corridor.answers.provenance.stored_coverage`):
    annual figures with their years; months with the first and last (``2023-01–2024-12``); a
    January–N figure with its months and its one year (never summed with another)."""
    y0, y1, kind = r["year_from"], r["year_to"], r["period_kind"]
    if kind == "ytd":
        return (months_span(int(r["month"]), v.lang, capital=True), f"ytd{int(r['month']):02d}", ""), _txt(str(y0))
    if kind == "month":
        first, last = f"{y0}-{int(r['month_from']):02d}", f"{y1}-{int(r['month_to']):02d}"
        return (v.t("stored_month"), "month", ""), _txt(first if first == last else f"{first}–{last}")
    word = v.t("stored_year") if kind == "year" else kind
    return (word, kind, ""), _txt(f"{y0}–{y1}" if y0 != y1 else str(y0))


def data(v: View) -> dict[str, Any]:
    doc = _document(v, v.answer("provenance"))
    ingests = Table(
        "ingests", v.t("ingests_title"),
        [Column("ingest_id", v.t("ingest_id")), Column("source", v.t("source")), Column("release", v.t("release")),
         Column("file", v.t("file")), Column("sha256", "SHA-256"), Column("rows", v.t("rows"), True),
         Column("ingested_at", v.t("ingested_at"))],
        [[(r["ingest_id"], r["ingest_id"], "mono"), _txt(r["source"]), (r["release"], r["release"], "nowrap"),
          (r["file_name"], r["file_name"], "file"), (r["sha256"][:12] + "…", r["sha256"], "mono sha"),
          _cell(r["rows_stored"], numbers.number(r["rows_stored"], v.lang, digits=0)),
          _txt(str(r["ingested_at"])[:19])] for r in doc["ingests"]],
        v.download("provenance", "ingests"), sortable=True)
    releases = Table(
        "releases", v.t("releases_title"),
        [Column("source", v.t("source")), Column("release", v.t("release")), Column("ingests", v.t("ingests"), True),
         Column("rows", v.t("rows"), True)],
        [[_txt(r["source"]), _txt(r["release"]), _cell(r["ingests"], str(r["ingests"])),
          _cell(r["rows_stored"], numbers.number(r["rows_stored"], v.lang, digits=0))] for r in doc["releases"]],
        v.download("provenance", "releases"))
    cov = doc["coverage"]
    coverage = Table(
        "coverage", v.t("coverage_title") + (f" ({len(cov)})" if len(cov) > 200 else ""),
        [Column("source", v.t("source")), Column("release", v.t("release")), Column("reporter", v.t("reporter")),
         Column("partner", v.t("partner")), Column("flow", v.t("flow")), Column("classification", v.t("classification")),
         Column("level", v.t("level")), Column("period", v.t("period")), Column("years", v.t("years")),
         Column("rows", v.t("rows"), True), Column("value", v.t("value"), True)],
        [[_txt(r["source"]), (r["release"], r["release"], "nowrap"), _txt(r["reporter"]), _txt(r["partner"]),
          _flow_word(v, r["flow"]), _txt(r["classification"]), _txt(r["product_level"]), *_stored_period(v, r),
          _cell(r["rows"], numbers.number(r["rows"], v.lang, digits=0)),
          _cell(r["value_usd"], numbers.money(r["value_usd"], v.lang))] for r in cov[:200]],
        v.download("provenance", "coverage"), sortable=True)
    return {"title": v.t("data_title"), "lead": v.t("data_lead"), "tables": [ingests, releases, coverage]}
