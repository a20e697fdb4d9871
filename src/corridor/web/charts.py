"""Chart specifications: pure functions from an answer's records to a Vega-Lite (or Vega) spec.

Every function takes the records of an answer's document (lists of dicts, as the JSON
document holds them) and the texts already chosen for the page's language, and returns a
JSON-ready dict.  Nothing here computes a figure: a chart's data are the answer's figures
(values in USD stay in USD; a ``calculate`` transform scales them for the axis), held in
named datasets so that a test can read them back from the drawn view
(``view.data(name)``) and compare them with the answer.

The palette is one for the whole dashboard (:data:`PALETTE`): the first economy's own
statistics in blue, the partner's mirror statistics in orange, verdicts in green, amber,
red and grey, product kinds in brown, green and indigo.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

VEGA_LITE = "https://vega.github.io/schema/vega-lite/v6.json"
VEGA = "https://vega.github.io/schema/vega/v6.json"

PALETTE: dict[str, str] = {
    "own": "#1f5fa8",
    "mirror": "#d9822b",
    "gap": "#d9822b",
    "grey": "#c9ced6",
    "ink": "#1d2733",
    "muted": "#5b6673",
    "supported": "#2e7d32",
    "within_spread": "#b7860b",
    "contradicted": "#c62828",
    "not_checkable": "#6b7280",
    "natural_resource": "#8d6e63",
    "agricultural": "#689f38",
    "processed": "#3949ab",
    "gained": "#2e7d32",
    "achieved": "#1b5e20",
    "on_track": "#2e7d32",
    "acceleration_needed": "#b7860b",
    "limited_progress": "#e65100",
    "deterioration": "#c62828",
    "no_data": "#6b7280",
    "lost": "#c62828",
}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif"

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": None,
    "view": {"stroke": None},
    "axis": {"labelColor": PALETTE["muted"], "titleColor": PALETTE["muted"], "gridColor": "#e8ebef",
             "domainColor": "#aab2bd", "tickColor": "#aab2bd", "labelFontSize": 11, "titleFontSize": 11,
             "titleFontWeight": 500},
    "legend": {"labelColor": PALETTE["ink"], "titleColor": PALETTE["muted"], "labelFontSize": 12,
               "orient": "top", "title": None, "labelLimit": 0},
    "title": {"color": PALETTE["ink"], "fontSize": 13, "fontWeight": 600, "anchor": "start"},
    "line": {"strokeWidth": 2.2},
    "point": {"size": 28, "filled": True},
}

MEASURES = ("exports", "imports", "turnover", "balance")


def _base(spec: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": VEGA_LITE, "config": CONFIG, **spec}


def _side_scale(labels: Mapping[str, str]) -> dict[str, Any]:
    return {"domain": [labels["own"], labels["mirror"]], "range": [PALETTE["own"], PALETTE["mirror"]]}


def _period_fields(r: Mapping[str, Any], monthly: bool) -> dict[str, Any]:
    """The x of a summary record: its year, and for a month its first day (``2024-09-01``)."""
    if not monthly:
        return {"year": r["year"]}
    return {"year": r["year"], "month": r["month"], "date": f"{r['year']}-{r['month']:02d}-01"}


def _period_x(monthly: bool, *, bars: bool = False) -> dict[str, Any]:
    if monthly and bars:  # a band scale (xOffset puts the two sides' bars side by side)
        return {"field": "date", "type": "ordinal", "timeUnit": "yearmonth",
                "axis": {"format": "%Y-%m", "title": None, "labelAngle": -90, "labelOverlap": True}}
    if monthly:
        return {"field": "date", "type": "temporal", "timeUnit": "yearmonth",
                "axis": {"format": "%Y-%m", "title": None, "labelAngle": 0}}
    if bars:
        return {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}}
    return {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None, "tickMinStep": 1}}


def mirror_series(summary: Sequence[Mapping[str, Any]], *, titles: Mapping[str, str], labels: Mapping[str, str],
                  scale: float, unit: str, monthly: bool = False) -> dict[str, Any]:
    """Exports, imports, turnover and balance by year (or by month, ``monthly``) as each
    side reports them (two lines) with the mirror gap between them shaded; one panel per
    measure.

    ``summary``: the monitor's ``summary`` records (``reported_by`` ``economy``/``partner``;
    ``month`` too when ``monthly``); ``titles``: a panel title per measure; ``labels``:
    ``own`` and ``mirror`` legend texts; ``scale``: USD per axis unit (1e9 for billions),
    ``unit`` its axis title."""
    side_label = {"economy": labels["own"], "partner": labels["mirror"]}
    series = [{**_period_fields(r, monthly), "measure": m, "side": r["reported_by"],
               "side_label": side_label[r["reported_by"]], "value_usd": r[m]}
              for r in summary for m in MEASURES if r.get(m) is not None]
    by_period: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in series:
        key = (r["year"], r.get("month"), r["measure"])
        cell = by_period.setdefault(key, {**_period_fields(r, monthly), "measure": r["measure"]})
        cell["own" if r["side"] == "economy" else "mirror"] = r["value_usd"]
    gap = [c for c in by_period.values() if "own" in c and "mirror" in c]
    x = _period_x(monthly)
    period_tip = {"field": "date", "title": labels["period"], "timeUnit": "yearmonth", "format": "%Y-%m"} \
        if monthly else {"field": "year", "title": labels["year"]}
    panels = []
    for m in MEASURES:
        keep = {"filter": f"datum.measure == '{m}'"}
        panels.append({
            "title": titles[m], "width": 330, "height": 170,
            "layer": [
                {"data": {"name": "gap"},
                 "transform": [keep, {"calculate": f"datum.own / {scale}", "as": "lo"},
                               {"calculate": f"datum.mirror / {scale}", "as": "hi"}],
                 "mark": {"type": "area", "color": PALETTE["gap"], "opacity": 0.16, "interpolate": "monotone"},
                 "encoding": {"x": x, "y": {"field": "lo", "type": "quantitative"},
                              "y2": {"field": "hi"}}},
                {"data": {"name": "series"},
                 "transform": [keep, {"calculate": f"datum.value_usd / {scale}", "as": "v"}],
                 "mark": {"type": "line", "point": True, "interpolate": "monotone"},
                 "encoding": {
                     "x": x,
                     "y": {"field": "v", "type": "quantitative", "title": unit},
                     "color": {"field": "side_label", "type": "nominal", "scale": _side_scale(labels),
                               "legend": {"symbolType": "stroke", "symbolStrokeWidth": 2.5}},
                     "strokeDash": {"field": "side_label", "type": "nominal",
                                    "scale": {"domain": [labels["own"], labels["mirror"]], "range": [[1, 0], [5, 3]]}},
                     "tooltip": [period_tip,
                                 {"field": "side_label", "title": labels["side"]},
                                 {"field": "v", "title": unit, "format": ",.2f"}],
                 }},
            ],
        })
    return _base({"datasets": {"series": series, "gap": gap}, "concat": panels, "columns": 2,
                  "resolve": {"scale": {"y": "independent"}}, "spacing": 28})


def growth_bars(summary: Sequence[Mapping[str, Any]], *, labels: Mapping[str, str], field: str = "turnover_growth_pct",
                monthly: bool = False) -> dict[str, Any]:
    """Growth (%) of ``field`` over the same period a year earlier, by year (or by month,
    ``monthly``), one bar per side."""
    side_label = {"economy": labels["own"], "partner": labels["mirror"]}
    values = [{**_period_fields(r, monthly), "side": r["reported_by"], "side_label": side_label[r["reported_by"]],
               "growth_pct": r[field]} for r in summary if r.get(field) is not None]
    period_tip = {"field": "date", "title": labels["period"], "timeUnit": "yearmonth", "format": "%Y-%m"} \
        if monthly else {"field": "year", "title": labels["year"]}
    return _base({
        "data": {"name": "growth", "values": values}, "width": 700, "height": 200,
        "mark": {"type": "bar", "cornerRadiusEnd": 2},
        "encoding": {
            "x": _period_x(monthly, bars=True),
            "xOffset": {"field": "side_label"},
            "y": {"field": "growth_pct", "type": "quantitative", "title": labels["growth_axis"]},
            "color": {"field": "side_label", "type": "nominal", "scale": _side_scale(labels)},
            "tooltip": [period_tip, {"field": "side_label", "title": labels["side"]},
                        {"field": "growth_pct", "title": labels["growth_axis"], "format": "+.1f"}],
        },
    })


def treemap(sections: Sequence[Mapping[str, Any]], products: Sequence[Mapping[str, Any]], *,
            section_names: Mapping[str, str], product_names: Mapping[str, str], other: str,
            title: str, money: Mapping[str, str]) -> dict[str, Any]:
    """A Vega treemap of one year's flow: HS sections, and inside each its listed products
    (the answer's top products) and the rest of the section as one "other" tile.

    ``sections``: ``section, value_usd, share`` records of one year, side and flow;
    ``products``: ``code, name, value_usd, share, section`` records of the same;
    ``money``: the formatted value of every tile id (for the labels and tooltips)."""
    nodes: list[dict[str, Any]] = [{"id": "root", "parent": None, "name": title}]
    listed: dict[str, float] = {}
    for p in products:
        sec = p.get("section") or "?"
        listed[sec] = listed.get(sec, 0.0) + float(p["value_usd"])
        nodes.append({"id": f"p:{p['code']}", "parent": f"s:{sec}", "code": p["code"],
                      "name": product_names.get(p["code"]) or p.get("name") or p["code"], "section": sec,
                      "value_usd": p["value_usd"], "share": p.get("share"), "label": money.get(f"p:{p['code']}", "")})
    for s in sections:
        sec = s.get("section") or "?"
        nodes.append({"id": f"s:{sec}", "parent": "root", "name": f"{sec} {section_names.get(sec, '')}".strip(),
                      "section": sec, "value_usd": s["value_usd"], "share": s.get("share"),
                      "label": money.get(f"s:{sec}", "")})
        rest = float(s["value_usd"]) - listed.get(sec, 0.0)
        if rest > 0.005 * float(s["value_usd"]):
            nodes.append({"id": f"o:{sec}", "parent": f"s:{sec}", "name": other, "section": sec,
                          "value_usd": rest, "share": None, "label": ""})
    return {
        "$schema": VEGA, "width": 940, "height": 460, "padding": 2, "autosize": "none",
        "config": {"text": {"font": FONT}, "title": CONFIG["title"]},
        "data": _leaf_values(nodes),
        "signals": [],
        "scales": [{"name": "colour", "type": "ordinal", "domain": {"data": "sections", "field": "section"},
                    "range": {"scheme": "tableau20"}}],
        "marks": [
            {"type": "rect", "from": {"data": "sections"},
             "encode": {"enter": {"fill": {"scale": "colour", "field": "section"}, "fillOpacity": {"value": 0.35}},
                        "update": {"x": {"field": "x0"}, "y": {"field": "y0"}, "x2": {"field": "x1"},
                                   "y2": {"field": "y1"}}}},
            {"type": "text", "from": {"data": "sections"}, "interactive": False,
             "encode": {"enter": {"fontSize": {"value": 11}, "fontWeight": {"value": 600}, "fill": {"value": "#1d2733"},
                                  "baseline": {"value": "top"}, "limit": {"signal": "datum.x1 - datum.x0 - 6"}},
                        "update": {"x": {"signal": "datum.x0 + 3"}, "y": {"signal": "datum.y0 + 2"},
                                   "text": {"signal": "datum.x1 - datum.x0 > 50 ? datum.name + ' · ' + datum.label : ''"}}}},
            {"type": "rect", "from": {"data": "leaves"},
             "encode": {"enter": {"fill": {"scale": "colour", "field": "section"}, "stroke": {"value": "#fff"},
                                  "tooltip": {"signal": "{title: datum.name, value: datum.label}"}},
                        "update": {"x": {"field": "x0"}, "y": {"field": "y0"}, "x2": {"field": "x1"},
                                   "y2": {"field": "y1"}, "fillOpacity": {"value": 0.85}},
                        "hover": {"fillOpacity": {"value": 1}}}},
            {"type": "text", "from": {"data": "leaves"}, "interactive": False,
             "encode": {"enter": {"fontSize": {"value": 10}, "fill": {"value": "#fff"}, "baseline": {"value": "top"},
                                  "limit": {"signal": "datum.x1 - datum.x0 - 6"}},
                        "update": {"x": {"signal": "datum.x0 + 3"}, "y": {"signal": "datum.y0 + 3"},
                                   "text": {"signal": "(datum.x1 - datum.x0 > 44 && datum.y1 - datum.y0 > 14) ? datum.name : ''"}}}},
        ],
    }


def _leaf_values(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The treemap's datasets; a tile's area is its own value (sections are the sum of their tiles)."""
    parents = {n["parent"] for n in nodes}
    for n in nodes:
        n["leaf_value"] = 0.0 if n["id"] in parents else float(n.get("value_usd") or 0.0)
    return [
        {"name": "tree", "values": nodes,
         "transform": [
             {"type": "stratify", "key": "id", "parentKey": "parent"},
             {"type": "treemap", "field": "leaf_value", "sort": {"field": "value", "order": "descending"}, "round": True,
              "method": "squarify", "ratio": 1.4, "paddingInner": 1, "paddingTop": 16, "paddingOuter": 2,
              "size": [{"signal": "width"}, {"signal": "height"}]},
         ]},
        {"name": "sections", "source": "tree", "transform": [{"type": "filter", "expr": "datum.depth == 1"}]},
        {"name": "leaves", "source": "tree", "transform": [{"type": "filter", "expr": "datum.depth == 2"}]},
    ]


def structure_lines(structure: Sequence[Mapping[str, Any]], *, labels: Mapping[str, str]) -> dict[str, Any]:
    """Agricultural and non-commodity shares (%) and the HHI by year, for each side: two panels."""
    side_label = {"economy": labels["own"], "partner": labels["mirror"]}
    values = []
    for r in structure:
        for key, measure in (("agricultural_share", "agri"), ("non_commodity_share", "noncommodity"), ("hhi", "hhi")):
            if r.get(key) is not None:
                values.append({"year": r["year"], "side": r["reported_by"], "side_label": side_label[r["reported_by"]],
                               "measure": measure, "measure_label": labels[measure], "value": r[key]})
    x = {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None, "tickMinStep": 1}}
    colour = {"field": "side_label", "type": "nominal", "scale": _side_scale(labels)}

    def panel(measure: str, title: str, y_title: str, fmt: str, scale: float) -> dict[str, Any]:
        return {"title": title, "width": 210, "height": 160,
                "transform": [{"filter": f"datum.measure == '{measure}'"},
                              {"calculate": f"datum.value * {scale}", "as": "v"}],
                "mark": {"type": "line", "point": True},
                "encoding": {"x": x, "y": {"field": "v", "type": "quantitative", "title": y_title}, "color": colour,
                             "tooltip": [{"field": "year", "title": labels["year"]},
                                         {"field": "side_label", "title": labels["side"]},
                                         {"field": "v", "title": y_title, "format": fmt}]}}

    return _base({"data": {"name": "structure", "values": values},
                  "hconcat": [panel("agri", labels["agri"], "%", ".1f", 100.0),
                              panel("noncommodity", labels["noncommodity"], "%", ".1f", 100.0),
                              panel("hhi", labels["hhi"], labels["hhi_axis"], ".3f", 1.0)],
                  "spacing": 24})


def gained_lost(structure: Sequence[Mapping[str, Any]], *, labels: Mapping[str, str]) -> dict[str, Any]:
    """Product lines gained (up) and lost (down) by year, for one side and flow."""
    values = []
    for r in structure:
        for key in ("gained", "lost"):
            if r.get(key) is not None:
                values.append({"year": r["year"], "change": key, "change_label": labels[key], "products": r[key],
                               "signed": r[key] if key == "gained" else -r[key]})
    return _base({
        "data": {"name": "changes", "values": values}, "width": 640, "height": 170,
        "mark": {"type": "bar", "cornerRadiusEnd": 2},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {"field": "signed", "type": "quantitative", "title": labels["axis"]},
            "color": {"field": "change_label", "type": "nominal",
                      "scale": {"domain": [labels["gained"], labels["lost"]],
                                "range": [PALETTE["gained"], PALETTE["lost"]]}},
            "tooltip": [{"field": "year", "title": labels["year"]}, {"field": "change_label", "title": " "},
                        {"field": "products", "title": labels["axis"]}],
        },
    })


def eci_ranking(countries: Sequence[Mapping[str, Any]], *, marked: Mapping[str, str], labels: Mapping[str, str]) -> dict[str, Any]:
    """Every economy's ECI against its rank, the ``marked`` economies (code -> colour key)
    drawn large, coloured and named."""
    values = [{"code": c["code"], "name": c.get("name") or c["code"], "rank": c["rank"], "eci": c["eci"],
               "diversity": c.get("diversity"), "marked": marked.get(c["code"], "none")}
              for c in countries if c.get("eci") is not None]
    domain = ["none", *dict.fromkeys(marked.values())]
    rng = [PALETTE["grey"], *(PALETTE[k] for k in domain[1:])]
    x = {"field": "rank", "type": "quantitative", "title": labels["rank"], "scale": {"zero": False}}
    y = {"field": "eci", "type": "quantitative", "title": labels["eci"]}
    tooltip = [{"field": "name", "title": labels["economy"]}, {"field": "rank", "title": labels["rank"]},
               {"field": "eci", "title": labels["eci"], "format": ".2f"},
               {"field": "diversity", "title": labels["diversity"]}]
    return _base({
        "data": {"name": "countries", "values": values}, "width": 820, "height": 260,
        "layer": [
            {"mark": {"type": "circle", "opacity": 0.9},
             "encoding": {"x": x, "y": y, "color": {"field": "marked", "type": "nominal", "legend": None,
                                                   "scale": {"domain": domain, "range": rng}},
                          "size": {"condition": {"test": "datum.marked != 'none'", "value": 160}, "value": 26},
                          "tooltip": tooltip}},
            {"transform": [{"filter": "datum.marked != 'none'"}],
             "mark": {"type": "text", "dy": -14, "fontWeight": 600, "fontSize": 12},
             "encoding": {"x": x, "y": y, "text": {"field": "name"},
                          "color": {"field": "marked", "type": "nominal", "legend": None,
                                    "scale": {"domain": domain, "range": rng}}}},
        ],
    })


def product_space(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], *,
                  labels: Mapping[str, str]) -> dict[str, Any]:
    """The product space as a network (Vega force layout, run to rest before drawing):
    a node per product, the maximum-spanning-tree and strong links as lines; products the
    exporter exports with RCA >= 1 (``mcp == 1``) coloured, the others grey."""
    index = {n["product"]: i for i, n in enumerate(nodes)}
    node_values = [{"index": i, "product": n["product"], "name": n.get("name") or n["product"],
                    "pci": n.get("pci"), "present": bool(n.get("mcp") and n["mcp"] >= 1.0), "cx": 470, "cy": 300}
                   for i, n in enumerate(nodes)]
    links = [{"source": index[e["product_1"]], "target": index[e["product_2"]], "link": e["link"]}
             for e in edges if e["product_1"] in index and e["product_2"] in index]
    force = {"type": "force", "iterations": 300, "static": True, "signal": "force",
             "forces": [{"force": "center", "x": {"signal": "width / 2"}, "y": {"signal": "height / 2"}},
                        {"force": "collide", "radius": 3.2},
                        {"force": "nbody", "strength": -14, "distanceMax": 160},
                        {"force": "link", "links": "links", "distance": 9, "iterations": 2},
                        {"force": "x", "x": "datum.cx", "strength": 0.015},
                        {"force": "y", "y": "datum.cy", "strength": 0.03}]}
    tooltip = ("{title: datum.product + ' ' + datum.name, "
               f"'{labels['pci']}': format(datum.pci, '.2f'), '{labels['rca']}': datum.present ? '≥ 1' : '< 1'}}")
    return {
        "$schema": VEGA, "width": 940, "height": 600, "autosize": "none", "padding": 4,
        "config": {"text": {"font": FONT}},
        "data": [{"name": "nodes", "values": node_values}, {"name": "links", "values": links}],
        "marks": [
            {"type": "symbol", "name": "product", "from": {"data": "nodes"}, "zindex": 1,
             "encode": {"enter": {"size": {"signal": "datum.present ? 46 : 20"},
                                  "fill": {"signal": f"datum.present ? '{PALETTE['own']}' : '{PALETTE['grey']}'"},
                                  "stroke": {"value": "#fff"}, "strokeWidth": {"value": 0.4},
                                  "tooltip": {"signal": tooltip}}},
             "transform": [force]},
            {"type": "path", "from": {"data": "links"}, "interactive": False,
             "encode": {"update": {"stroke": {"value": "#b8c0cc"}, "strokeWidth": {"value": 0.6},
                                   "strokeOpacity": {"value": 0.7}}},
             "transform": [{"type": "linkpath", "require": {"signal": "force"}, "shape": "line",
                            "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                            "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
        ],
    }


def opportunity_scatter(rows: Sequence[Mapping[str, Any]], *, labels: Mapping[str, str], y: str = "cog") -> dict[str, Any]:
    """Feasibility (density) against attractiveness (``y``: COG or PCI), bubble area = untapped
    potential, colour = natural resource / agricultural / processed; a click on a bubble
    selects its product (the page shows the product's explanation)."""
    kinds = ("natural_resource", "agricultural", "processed")
    values = [{"product": r["product"], "name": r.get("name") or r["product"], "density": r["density"], y: r[y],
               "untapped": r.get("untapped") or 0.0, "kind": r["kind"], "kind_label": labels[r["kind"]],
               "rank": r["rank"], "untapped_text": r.get("untapped_text", "")}
              for r in rows if r.get("density") is not None and r.get(y) is not None]
    return _base({
        "data": {"name": "opportunities", "values": values}, "width": 560, "height": 380,
        "mark": {"type": "circle", "opacity": 0.72, "stroke": "#fff", "strokeWidth": 0.8, "cursor": "pointer"},
        "encoding": {
            "x": {"field": "density", "type": "quantitative", "title": labels["density"], "scale": {"zero": False}},
            "y": {"field": y, "type": "quantitative", "title": labels[y], "scale": {"zero": False}},
            "size": {"field": "untapped", "type": "quantitative", "title": labels["untapped"],
                     "scale": {"range": [30, 1600]}, "legend": None},
            "color": {"field": "kind_label", "type": "nominal",
                      "scale": {"domain": [labels[k] for k in kinds], "range": [PALETTE[k] for k in kinds]}},
            "tooltip": [{"field": "rank", "title": "#"}, {"field": "product", "title": labels["code"]},
                        {"field": "name", "title": labels["product"]},
                        {"field": "density", "title": labels["density"], "format": ".3f"},
                        {"field": y, "title": labels[y], "format": ".2f"},
                        {"field": "untapped_text", "title": labels["untapped"]}],
        },
    })
