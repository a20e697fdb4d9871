"""Chart specifications of the Roadmap and Deals pages: pure functions from the records of
the ``roadmap`` and ``deals`` answers' documents to Vega-Lite specs.

As in :mod:`corridor.web.charts`: nothing here computes a figure; each chart's data are the
answer's records in a named dataset (``progress``, ``series``, ``path``, ``fan``,
``pledged``, ``deals``, ``sides``), values in their unit (USD stay USD, a ``calculate``
transform scales them for the axis); sums by event or chapter are the chart's own
``aggregate`` of the deals' figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .charts import PALETTE, _base

#: Colours of the two sides of a roadmap target or a deal (own statistics, mirror).
SIDE_COLOURS = (PALETTE["own"], PALETTE["mirror"])


def _sides(labels: Mapping[str, str]) -> dict[str, Any]:
    return {"domain": [labels["own"], labels["mirror"]], "range": list(SIDE_COLOURS)}


def progress_bars(rows: Sequence[Mapping[str, Any]], *, labels: Mapping[str, str]) -> dict[str, Any]:
    """A progress bar per target and side: the share of the way from the baseline to the
    target (``completion``, 1 = reached), a rule at 1.

    ``rows``: ``target, target_label, side_label, status_label, completion, completion_text``
    (one per target and side); ``labels``: ``own``, ``mirror``, ``axis``, ``target``,
    ``side``, ``status``."""
    values = [dict(r) for r in rows]
    y = {"field": "target_label", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 260}}
    return _base({
        "data": {"name": "progress", "values": values}, "width": 640,
        "height": {"step": 16},
        "layer": [
            {"mark": {"type": "bar", "cornerRadiusEnd": 2},
             "encoding": {
                 "y": y, "yOffset": {"field": "side_label", "sort": [labels["own"], labels["mirror"]]},
                 "x": {"field": "completion", "type": "quantitative", "title": labels["axis"],
                       "axis": {"format": ".0%"}},
                 "color": {"field": "side_label", "type": "nominal", "scale": _sides(labels)},
                 "tooltip": [{"field": "target_label", "title": labels["target"]},
                             {"field": "side_label", "title": labels["side"]},
                             {"field": "status_label", "title": labels["status"]},
                             {"field": "completion_text", "title": labels["axis"]}]}},
            {"data": {"values": [{"one": 1}]}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": PALETTE["ink"]},
             "encoding": {"x": {"field": "one", "type": "quantitative"}}},
        ],
    })


def trajectory(target: Mapping[str, Any], *, labels: Mapping[str, str], scale: float, unit: str) -> dict[str, Any]:
    """One target's trajectory: each side's series (solid), the path the target requires
    from the baseline (dashed), the projection's median (dotted) and its 80% and 95% fan
    (area bands), and the target (a diamond at the target year).

    ``target``: a target record of the roadmap document (with ``sides``); ``labels``:
    ``own``, ``mirror``, ``year``, ``side``, ``value``, ``required``, ``projection``,
    ``target``; ``scale``: units per axis unit; ``unit``: the axis title."""
    side_label = {"reporter": labels["own"], "partner": labels["mirror"]}
    series, path, fan = [], [], []
    for s in target["sides"]:
        who = side_label[s["side"]]
        series += [{"side": s["side"], "side_label": who, "year": p["year"], "value": p["value"]} for p in s["series"]
                   if p.get("value") is not None]
        path += [{"side": s["side"], "side_label": who, "year": p["year"], "value": p["value"]} for p in s["required_path"]
                 if p.get("value") is not None]
        if s.get("projection"):
            fan += [{"side": s["side"], "side_label": who, **f} for f in s["projection"]["fan"]]
    goal = ([{"year": target["target_year"], "value": target["target_value"]}]
            if target.get("target_value") is not None else [])
    x = {"field": "year", "type": "quantitative", "axis": {"format": "d", "title": None, "tickMinStep": 1},
         "scale": {"zero": False}}
    colour = {"field": "side_label", "type": "nominal", "scale": _sides(labels)}
    scaled = lambda *fields: [{"calculate": f"datum.{f} / {scale}", "as": f"{f}_axis"} for f in fields]  # noqa: E731
    y = {"field": "value_axis", "type": "quantitative", "title": unit, "scale": {"zero": False}}
    tip = lambda what: [{"field": "year", "title": labels["year"]}, {"field": "side_label", "title": labels["side"]},  # noqa: E731
                        {"field": "value_axis", "title": f"{what}, {unit}", "format": ",.2f"}]
    layers: list[dict[str, Any]] = []
    for who, hue in zip((labels["own"], labels["mirror"]), SIDE_COLOURS):  # the fan of each side in its colour
        mine = {"filter": {"field": "side_label", "equal": who}}
        layers += [
            {"data": {"name": "fan"}, "transform": [mine, *scaled("lo95", "hi95")],
             "mark": {"type": "area", "color": hue, "opacity": 0.14},
             "encoding": {"x": x, "y": {"field": "lo95_axis", "type": "quantitative"}, "y2": {"field": "hi95_axis"}}},
            {"data": {"name": "fan"}, "transform": [mine, *scaled("lo80", "hi80", "median")],
             "mark": {"type": "area", "color": hue, "opacity": 0.28},
             "encoding": {"x": x, "y": {"field": "lo80_axis", "type": "quantitative"}, "y2": {"field": "hi80_axis"},
                          "tooltip": [{"field": "year", "title": labels["year"]},
                                      {"field": "side_label", "title": labels["side"]},
                                      {"field": "median_axis", "title": f"{labels['projection']}, {unit}",
                                       "format": ",.2f"},
                                      {"field": "lo80_axis", "title": "80% −", "format": ",.2f"},
                                      {"field": "hi80_axis", "title": "80% +", "format": ",.2f"}]}},
            {"data": {"name": "fan"}, "transform": [mine, {"calculate": f"datum.median / {scale}", "as": "value_axis"}],
             "mark": {"type": "line", "strokeDash": [2, 2], "color": hue},
             "encoding": {"x": x, "y": y}},
        ]
    layers += [
        {"data": {"name": "path"}, "transform": scaled("value"),
         "mark": {"type": "line", "strokeDash": [6, 4], "strokeWidth": 1.4},
         "encoding": {"x": x, "y": y, "color": colour, "opacity": {"value": 0.7},
                      "tooltip": tip(labels["required"])}},
        {"data": {"name": "series"}, "transform": scaled("value"),
         "mark": {"type": "line", "point": True},
         "encoding": {"x": x, "y": y, "color": colour, "tooltip": tip(labels["value"])}},
    ]
    if goal:
        layers.append({"data": {"name": "goal"}, "transform": scaled("value"),
                       "mark": {"type": "point", "shape": "diamond", "size": 120, "filled": True,
                                "color": PALETTE["ink"]},
                       "encoding": {"x": x, "y": y, "tooltip": [{"field": "year", "title": labels["year"]},
                                                                {"field": "value_axis", "title": f"{labels['target']}, {unit}",
                                                                 "format": ",.2f"}]}})
    return _base({"datasets": {"series": series, "path": path, "fan": fan, "goal": goal},
                  "width": 420, "height": 220, "layer": layers})


def pledged_realised(rows: Sequence[Mapping[str, Any]], *, category: str, labels: Mapping[str, str],
                     scale: float, unit: str) -> dict[str, Any]:
    """Pledged against realised (the excess over the baseline) by ``category`` (``event``
    or ``chapter``): per category a grey bar of the pledges and a bar per side of the
    excess the statistics show.

    ``rows``: one per deal and measure: ``category`` value, ``measure_label`` (pledged,
    or the side's realised label), ``usd``; summed by the chart."""
    values = [{"category": r[category], "measure_label": r["measure_label"], "usd": r["usd"], "id": r["id"]}
              for r in rows if r.get("usd") is not None]
    domain = [labels["pledged"], labels["own"], labels["mirror"]]
    return _base({
        "data": {"name": "pledged", "values": values}, "width": 640, "height": 240,
        "transform": [{"calculate": f"datum.usd / {scale}", "as": "usd_axis"}],
        "mark": {"type": "bar", "cornerRadiusEnd": 2},
        "encoding": {
            "x": {"field": "category", "type": "nominal", "title": labels["category"], "axis": {"labelAngle": 0}},
            "xOffset": {"field": "measure_label", "sort": domain},
            "y": {"aggregate": "sum", "field": "usd_axis", "type": "quantitative", "title": unit},
            "color": {"field": "measure_label", "type": "nominal",
                      "scale": {"domain": domain, "range": [PALETTE["grey"], *SIDE_COLOURS]}},
            "tooltip": [{"field": "category", "title": labels["category"]},
                        {"field": "measure_label", "title": " "},
                        {"aggregate": "sum", "field": "usd_axis", "title": unit, "format": ",.2f"}],
        },
    })


def deal_timeline(deals: Sequence[Mapping[str, Any]], sides: Sequence[Mapping[str, Any]], *,
                  labels: Mapping[str, str], scale: float, unit: str) -> dict[str, Any]:
    """A line per deal from its signing to the end of its horizon (``signed`` +
    ``horizon_months``, drawn by the chart), coloured by status; beside it each side's
    trade in the deal's products before (baseline) and after (horizon).

    ``deals``: ``id, signed, horizon_months, status_label, pledged_usd``; ``sides``: ``id,
    side_label, series_label, period_label, usd`` (one per deal, side and period); ``labels``:
    ``time, status, deal, signed, horizon, pledged, own, mirror, before, after``."""
    y = {"field": "id", "type": "nominal", "title": None, "sort": [d["id"] for d in deals]}
    height = 64 * max(len(deals), 1)
    end = "datetime(year(datum.start), month(datum.start) + datum.horizon_months, date(datum.start))"
    timeline = {
        "data": {"name": "deals", "values": [dict(d) for d in deals]},
        "width": 360, "height": height,
        "transform": [{"calculate": "toDate(datum.signed)", "as": "start"}, {"calculate": end, "as": "end"}],
        "layer": [
            {"mark": {"type": "rule", "strokeWidth": 5, "strokeCap": "round"},
             "encoding": {"y": y, "x": {"field": "start", "type": "temporal", "title": labels["time"]},
                          "x2": {"field": "end"},
                          "color": {"field": "status_label", "type": "nominal", "title": labels["status"],
                                    "scale": {"scheme": "tableau10"}},
                          "tooltip": [{"field": "id", "title": labels["deal"]},
                                      {"field": "signed", "title": labels["signed"]},
                                      {"field": "horizon_months", "title": labels["horizon"]},
                                      {"field": "status_label", "title": labels["status"]},
                                      {"field": "pledged_text", "title": labels["pledged"]}]}},
            {"mark": {"type": "point", "filled": True, "size": 50, "color": PALETTE["ink"]},
             "encoding": {"y": y, "x": {"field": "start", "type": "temporal"}}},
        ],
    }
    bars = {
        "data": {"name": "sides", "values": [dict(s) for s in sides if s.get("usd") is not None]},
        "width": 300, "height": height,
        "transform": [{"calculate": f"datum.usd / {scale}", "as": "usd_axis"}],
        "mark": {"type": "bar", "cornerRadiusEnd": 2},
        "encoding": {
            "y": {**y, "axis": None},
            "yOffset": {"field": "series_label"},
            "x": {"field": "usd_axis", "type": "quantitative", "title": unit},
            "color": {"field": "side_label", "type": "nominal", "title": None, "scale": _sides(labels)},
            "opacity": {"field": "period_label", "type": "nominal", "title": None,
                        "scale": {"domain": [labels["before"], labels["after"]], "range": [0.4, 1.0]}},
            "tooltip": [{"field": "id", "title": labels["deal"]}, {"field": "series_label", "title": " "},
                        {"field": "usd_axis", "title": unit, "format": ",.2f"}],
        },
    }
    return _base({"hconcat": [timeline, bars], "spacing": 12, "resolve": {"scale": {"color": "independent"}}})
