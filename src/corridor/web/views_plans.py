"""The view functions of the Roadmap and Deals pages (answers ``roadmap`` and ``deals`` in,
charts and tables out; no figure computed here).

A workspace without a stored roadmap (ledger) gives the page a notice naming the command
that ingests one, not an error page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from ..reports import numbers
from . import charts_plans
from .texts_plans import text
from .views import Chart, Column, Table, _cell, _document, _name, _named, _scale, _txt

if TYPE_CHECKING:  # pragma: no cover
    from .pages import View


def _t(v: View, key: str, /, **fmt: object) -> str:
    return text(key, v.lang, **fmt)


def _stored(v: View, dataset: str) -> bool:
    """Whether the view's workspace (opened if it is opened lazily) stores a release of ``dataset``."""
    from ..store.datasets import releases

    ws = v.workspace.get() if hasattr(v.workspace, "get") else v.workspace
    return ws is None or bool(releases(ws, dataset))


def _ask(v: View, name: str, dataset: str, needs: str, title: str) -> Any:
    """The answer ``name``, or the page's notice when the workspace stores no ``dataset``."""
    try:
        return v.answer(name)
    except QueryError:
        if not _stored(v, dataset):
            return {"title": _t(v, title), "unavailable": _t(v, needs)}
        raise


def _pct(value: Any, lang: str, *, signed: bool = True, digits: int = 1) -> str:
    """A fraction (0.1 = 10 %) as a percentage in the page's language."""
    return numbers.percent(None if numbers.missing(value) else 100 * float(value), lang, signed=signed, digits=digits)


# -- Roadmap -------------------------------------------------------------------------------

def roadmap(v: View) -> dict[str, Any]:
    from ..reports.roadmap import alert_text, status_text, ytd_text

    res = _ask(v, "roadmap", "roadmap", "roadmap_needs", "roadmap_title")
    if isinstance(res, dict):
        return res
    doc = _document(v, res)
    info = doc["roadmap"]
    q = v.query("roadmap")
    progress, rows, classes, charts = [], [], [], []
    names: dict[str, str] = {}
    for i, t in enumerate(doc["targets"]):
        title = (t.get("title_ru") if v.lang == "ru" else None) or t["title"]
        usd = t.get("unit") == "usd"
        values = [t.get("target_value")] + [p["value"] for s in t["sides"] for p in s["series"]]
        scale = _scale(values) if usd else 1.0
        fmt = (lambda x: numbers.money(x, v.lang)) if usd else (lambda x: numbers.number(x, v.lang, digits=2))
        labels = {"own": "", "mirror": "", "year": _t(v, "year"), "side": _t(v, "side"), "value": _t(v, "value"),
                  "required": _t(v, "required"), "projection": _t(v, "projection"), "target": _t(v, "target")}
        for s in t["sides"]:
            who = _name(s["reported_by"], v.lang)
            names[s["reported_by"]] = who
            key = "own" if s["side"] == "reporter" else "mirror"
            labels[key] = _t(v, key, name=who)
        for s in t["sides"]:
            side_label = labels["own" if s["side"] == "reporter" else "mirror"]
            status = status_text(s["status"], v.lang)
            progress.append({"target": t["id"], "target_label": f"{t['id']}: {title}", "economy_side": side_label,
                             "side_label": _t(v, "own_side" if s["side"] == "reporter" else "mirror_side"),
                             "status_label": status, "completion": s.get("completion"),
                             "completion_text": _pct(s.get("completion"), v.lang, signed=False, digits=0)})
            proj = s.get("projection") or {}
            rows.append([_txt(t["id"]), _named(title), _txt(side_label), (status, s["status"], "status " + s["status"]),
                         _cell(s.get("baseline_value"), _year_value(fmt, s.get("baseline_value"), s.get("baseline_year"))),
                         _cell(s.get("latest_value"), _year_value(fmt, s.get("latest_value"), s.get("latest_year"))),
                         _cell(s.get("target_value"), _year_value(fmt, s.get("target_value"), t.get("target_year"))),
                         _cell(s.get("observed_cagr"), _pct(s.get("observed_cagr"), v.lang)),
                         _cell(s.get("required_cagr"), _pct(s.get("required_cagr"), v.lang)),
                         _cell(s.get("completion"), _pct(s.get("completion"), v.lang, signed=False, digits=0)),
                         _cell(proj.get("probability"), _pct(proj.get("probability"), v.lang, signed=False, digits=0)),
                         _txt(ytd_text(s["ytd"], t.get("unit") or "usd", v.lang) if s.get("ytd") else "")])
            classes.append("own" if s["side"] == "reporter" else "mirror")
        unit = numbers.unit(scale, v.lang) if usd else (t.get("unit") or "")
        charts.append(Chart(f"target-{i}", _t(v, "trajectory_title", title=f"{t['id']}: {title}"),
                            charts_plans.trajectory(t, labels=labels, scale=scale, unit=unit),
                            v.download("roadmap", "series", q)))
    bar_labels = {"own": _t(v, "own_side"), "mirror": _t(v, "mirror_side"), "axis": _t(v, "progress_axis"),
                  "target": _t(v, "target"), "side": _t(v, "side"), "status": _t(v, "status")}
    progress_chart = Chart("progress", _t(v, "progress_title"), charts_plans.progress_bars(progress, labels=bar_labels),
                           v.download("roadmap", "targets", q))
    table = Table("targets", _t(v, "targets_title"),
                  [Column("id", "ID"), Column("target", _t(v, "target")), Column("side", _t(v, "side")),
                   Column("status", _t(v, "status")), Column("baseline", _t(v, "baseline"), True),
                   Column("latest", _t(v, "latest"), True), Column("target_value", _t(v, "target"), True),
                   Column("observed", _t(v, "observed_cagr"), True), Column("required", _t(v, "required_cagr"), True),
                   Column("completion", _t(v, "completion"), True),
                   Column("probability", _t(v, "probability"), True), Column("ytd", _t(v, "year_to_date"))],
                  rows, v.download("roadmap", "targets", q), sortable=True, row_classes=classes)
    alerts = [alert_text(SimpleNamespace(**{**a, "params": tuple((a.get("params") or {}).items())}), v.lang, names)
              for a in doc.get("alerts", [])]
    return {"title": _t(v, "roadmap_title"),
            "lead": _t(v, "roadmap_lead", file=info.get("file") or "", release=info.get("release") or "",
                       n=len(doc["targets"])),
            "charts": [progress_chart, *charts], "tables": [table], "alerts": alerts,
            "alerts_title": _t(v, "alerts_title"), "no_alerts": _no_alerts(v), "alerts_since": _since(v, doc.get("previous")),
            "alerts_downloads": v.download("roadmap", "alerts", q)}


def _no_alerts(v: View) -> str:
    from ..reports.roadmap import TEXTS

    return TEXTS("no_alerts", v.lang)


def _since(v: View, previous: Mapping[str, Any] | None) -> str:
    """What the alerts compare with (the previous ingest or roadmap release), in the page's language."""
    from ..reports.roadmap import TEXTS

    return TEXTS(f"since_{previous['event']}", v.lang, **previous) if previous else TEXTS("since_none", v.lang)


def _year_value(fmt: Any, value: Any, year: Any) -> str:
    return fmt(value) + (f" ({year})" if year and not numbers.missing(value) else "")


# -- Deals ---------------------------------------------------------------------------------

def _chapters(codes: Sequence[str]) -> str:
    """The HS chapters of a deal's codes (``1205`` -> ``12``; ``HS12:1205`` -> ``12``), joined."""
    return "+".join(sorted({c.split(":")[-1][:2] for c in codes})) or "?"


def deals(v: View) -> dict[str, Any]:
    res = _ask(v, "deals", "deals", "deals_needs", "deals_title")
    if isinstance(res, dict):
        return res
    doc = _document(v, res)
    q = v.query("deals")
    items = doc["deals"]
    scale = _scale([d["pledged_usd"] for d in items] + [s.get("after_usd") for d in items for s in d["sides"]])
    unit = numbers.unit(scale, v.lang)
    money = lambda x: numbers.money(x, v.lang)  # noqa: E731
    own, mirror = _t(v, "own_side"), _t(v, "mirror_side")
    side_of = lambda s: own if s["side"] == "exporter" else mirror  # noqa: E731
    measures, timeline, sides, rows, classes = [], [], [], [], []
    for d in items:
        chapter = _chapters(d["hs_codes"])
        status = _t(v, f"deal_status_{d['status']}")
        measures.append({"id": d["id"], "event": d["event"], "chapter": chapter, "measure_label": _t(v, "pledged"),
                         "usd": d["pledged_usd"]})
        timeline.append({"id": d["id"], "signed": d["signed"], "horizon_months": d["horizon_months"],
                         "status_label": status, "pledged_usd": d["pledged_usd"], "pledged_text": money(d["pledged_usd"])})
        for s in d["sides"]:
            who = _name(s["reported_by"], v.lang)
            measures.append({"id": d["id"], "event": d["event"], "chapter": chapter, "measure_label": side_of(s),
                             "usd": s.get("excess_usd")})
            for period, key in (("baseline", "before"), ("after", "after")):
                sides.append({"id": d["id"], "side_label": side_of(s), "period": period, "period_label": _t(v, key),
                              "series_label": f"{who}: {_t(v, key)}", "usd": s.get(f"{period}_usd")})
            rows.append([_txt(d["id"]), _txt(d["event"]), _txt(d["signed"]), _txt(status),
                         _txt(", ".join(d["hs_codes"])), _cell(d["pledged_usd"], money(d["pledged_usd"])),
                         _txt(f"{who} ({side_of(s)})"),
                         _cell(s.get("baseline_usd"), money(s.get("baseline_usd"))),
                         _cell(s.get("after_usd"), money(s.get("after_usd"))),
                         _cell(s.get("excess_usd"), money(s.get("excess_usd"))),
                         _cell(s.get("conversion"), _pct(s.get("conversion"), v.lang, signed=False))])
            classes.append("own" if s["side"] == "exporter" else "mirror")
    realised = {own: _t(v, "realised_own"), mirror: _t(v, "realised_mirror")}
    for m in measures:
        m["measure_label"] = realised.get(m["measure_label"], m["measure_label"])
    labels = {"pledged": _t(v, "pledged"), "own": realised[own], "mirror": realised[mirror]}
    bar_scale = _scale(m["usd"] for m in measures)  # pledges and excesses: smaller than the flows
    bar_unit = numbers.unit(bar_scale, v.lang)
    by_event = charts_plans.pledged_realised(measures, category="event", scale=bar_scale, unit=bar_unit,
                                             labels={**labels, "category": _t(v, "event")})
    by_chapter = charts_plans.pledged_realised(measures, category="chapter", scale=bar_scale, unit=bar_unit,
                                               labels={**labels, "category": _t(v, "chapter")})
    tl = charts_plans.deal_timeline(timeline, sides, scale=scale, unit=unit, labels={
        "time": _t(v, "time"), "status": _t(v, "status"), "deal": _t(v, "deal"), "signed": _t(v, "signed"),
        "horizon": _t(v, "horizon"), "pledged": _t(v, "pledged"), "own": own, "mirror": mirror,
        "before": _t(v, "before"), "after": _t(v, "after")})
    chart_list = [Chart("by-event", _t(v, "by_event_title"), by_event, v.download("deals", "deals", q)),
                  Chart("by-chapter", _t(v, "by_chapter_title"), by_chapter, v.download("deals", "events", q)),
                  Chart("timeline", _t(v, "timeline_title"), tl, v.download("deals", "deals", q))]
    deal_table = Table("deals", _t(v, "deals_table"),
                       [Column("id", _t(v, "deal")), Column("event", _t(v, "event")), Column("signed", _t(v, "signed")),
                        Column("status", _t(v, "status")), Column("codes", _t(v, "products")),
                        Column("pledged", _t(v, "pledged"), True), Column("side", _t(v, "side")),
                        Column("baseline", _t(v, "baseline_usd"), True), Column("after", _t(v, "after_usd"), True),
                        Column("excess", _t(v, "excess_usd"), True), Column("conversion", _t(v, "conversion"), True)],
                       rows, v.download("deals", "deals", q), sortable=True, row_classes=classes)
    event_table = Table("events", _t(v, "events_table"),
                        [Column("event", _t(v, "event")), Column("deals", _t(v, "deals_n"), True),
                         Column("pledged", _t(v, "pledged"), True)],
                        [[_txt(e["event"]), _cell(e["deals"], str(e["deals"])),
                          _cell(e["pledged_usd"], money(e["pledged_usd"]))] for e in doc["events"]],
                        v.download("deals", "events", q))
    ledger = doc.get("ledger") or {}
    return {"title": _t(v, "deals_title"),
            "lead": _t(v, "deals_lead", file=ledger.get("file_name") or "", release=ledger.get("release") or "",
                       n=len(items), events=len(doc["events"])),
            "charts": chart_list, "tables": [event_table, deal_table]}
