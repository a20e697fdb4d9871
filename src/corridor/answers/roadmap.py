"""The roadmap tracker as an answer: ``(Workspace, RoadmapQuery) -> RoadmapResult``.

``corridor roadmap [FILE]`` evaluates the stored roadmap (its latest release, or
``release``) or the given file without storing it, against the flows of the workspace;
``corridor roadmap alerts`` lists what changed since the previous ingest or roadmap
release (:mod:`corridor.roadmap.alerts`).  Method: ``docs/roadmap.md``.

The document (``schema`` ``corridor.roadmap/1``; fields are only ever added)::

    {"schema", "roadmap": {release, ingest_id, file, stored, targets},
     "method": {progress, thresholds, projection},
     "summary": {status: number of sides},
     "targets": [{id, title, title_ru, indicator, reporter, partner, unit, target_value,
                  target_growth_pct, target_year, baseline_year, direction, statistics,
                  product_codes, announced, announced_by, source, notes, disagree,
                  "sides": [{side, reported_by, status, reason, baseline_year, baseline_value,
                             latest_year, latest_value, target_value, observed_cagr,
                             required_cagr, ratio, growth_needed, completion, max_growth,
                             unprecedented, series: [{year, value}],
                             required_path: [{year, value}],
                             projection: {label: "projection", method, log_scale,
                                          probability, backtest: {method: mae}, origins,
                                          points, fan: [{year, median, lo80, hi80, lo95, hi95}]}
                                         | null,
                             ytd: {year, last_month, value, previous_value, growth, basis,
                                  on_pace} | null}]}],
     "alerts": [{kind, target, side, reported_by, params}],
     "previous": {event, ingest_id, release} | null}

Growth rates are fractions (0.1 = 10 %); values are in the target's unit (USD, a count,
or a share as a fraction).  ``side`` is ``reporter`` (the reporter's own statistics) or
``partner`` (the partner's mirror statistics); ``reported_by`` is that economy's code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..roadmap.alerts import Alert, alerts
from ..roadmap.evaluate import SideReport, TargetReport, evaluate
from ..roadmap.model import STATUSES, Target
from ..roadmap.progress import THRESHOLDS
from .base import Answer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

SCHEMA = "corridor.roadmap/1"
ALERTS_SCHEMA = "corridor.roadmap-alerts/1"
METHOD = {
    "progress": "Open SDG / Statistics Canada progress measure (open-sdg/sdg-build ProgressMeasure.py): "
                "R = s * d * CAGR_observed / |CAGR_required|",
    "thresholds": {"on_track": THRESHOLDS["high"], "acceleration_needed": THRESHOLDS["med"],
                   "limited_progress": THRESHOLDS["low"]},
    "projection": "damped-trend exponential smoothing ETS(A,Ad,N), log-linear trend or naive random walk, "
                  "chosen by a rolling-origin backtest; a projection of past trade, not a forecast of policy",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadmapQuery:
    """``file``: a roadmap file to evaluate without storing it (CLI only: the API never
    takes a path, see :data:`corridor.web.api.PATH_PARAMETERS`); ``releases``: the stored
    roadmap release (default: the latest; public name ``release``, as for every answer);
    ``projections``: compute the projections (the slow part)."""

    file: str | None = field(default=None, metadata={"api": False})
    releases: str | None = None
    projections: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadmapResult:
    name: ClassVar[str] = "roadmap"
    query: RoadmapQuery
    targets: tuple[TargetReport, ...]
    alerts: tuple[Alert, ...] = ()
    roadmap: Mapping[str, Any] = field(default_factory=dict)
    previous: Mapping[str, Any] | None = None

    def document(self) -> dict[str, Any]:
        from ..reports.tabular import json_value

        summary = {s: 0 for s in STATUSES}
        for r in self.targets:
            for s in r.sides:
                summary[s.progress.status] += 1
        doc = {
            "schema": SCHEMA,
            "roadmap": dict(self.roadmap),
            "method": METHOD,
            "summary": summary,
            "targets": [_target_record(r) for r in self.targets],
            "alerts": [a.record() for a in self.alerts],
            "previous": dict(self.previous) if self.previous else None,
        }
        return json_value_tree(doc, json_value)

    def tables(self) -> dict[str, pd.DataFrame]:
        import pandas as pd

        targets, series, fan = [], [], []
        for r in self.targets:
            for s in r.sides:
                rec = {"target": r.target.id, "title": r.target.title, "indicator": r.target.indicator,
                       "reporter": r.target.reporter, "partner": r.target.partner, "unit": r.target.unit,
                       "target_year": r.target.target_year, "disagree": r.disagree}
                rec.update({k: v for k, v in _side_record(s).items()
                            if k not in ("series", "required_path", "projection", "ytd")})
                p = s.projection
                rec.update({"projection_method": p.method if p else None,
                            "probability": p.probability if p else None,
                            "projected_median": p.median[-1] if p else None,
                            "projected_lo80": p.lo80[-1] if p else None, "projected_hi80": p.hi80[-1] if p else None})
                targets.append(rec)
                path = dict(s.required_path)
                years = sorted(set(dict(s.series)) | set(path))
                for y in years:
                    series.append({"target": r.target.id, "side": s.side, "reported_by": s.reported_by, "year": y,
                                   "value": dict(s.series).get(y), "required_path": path.get(y)})
                if p:
                    for i, y in enumerate(p.years):
                        fan.append({"target": r.target.id, "side": s.side, "reported_by": s.reported_by, "year": y,
                                    "method": p.method, "median": p.median[i], "lo80": p.lo80[i], "hi80": p.hi80[i],
                                    "lo95": p.lo95[i], "hi95": p.hi95[i]})
        alert_rows = [{"kind": a.kind, "target": a.target, "side": a.side, "reported_by": a.reported_by,
                       "params": "; ".join(f"{k}={v}" for k, v in a.params)} for a in self.alerts]
        return {
            "targets": pd.DataFrame(targets),
            "series": pd.DataFrame(series, columns=["target", "side", "reported_by", "year", "value", "required_path"]),
            "projection": pd.DataFrame(fan, columns=["target", "side", "reported_by", "year", "method", "median",
                                                     "lo80", "hi80", "lo95", "hi95"]),
            "alerts": pd.DataFrame(alert_rows, columns=["kind", "target", "side", "reported_by", "params"]),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertsQuery:
    """``releases``: the stored roadmap release to judge (default: the latest; public name
    ``release``)."""

    releases: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertsResult:
    name: ClassVar[str] = "roadmap_alerts"
    query: AlertsQuery
    alerts: tuple[Alert, ...]
    roadmap: Mapping[str, Any] = field(default_factory=dict)
    previous: Mapping[str, Any] | None = None

    def document(self) -> dict[str, Any]:
        from ..reports.tabular import json_value

        return json_value_tree({"schema": ALERTS_SCHEMA, "roadmap": dict(self.roadmap),
                                "previous": dict(self.previous) if self.previous else None,
                                "alerts": [a.record() for a in self.alerts]}, json_value)

    def tables(self) -> dict[str, pd.DataFrame]:
        import pandas as pd

        return {"alerts": pd.DataFrame([{"kind": a.kind, "target": a.target, "side": a.side,
                                         "reported_by": a.reported_by,
                                         "params": "; ".join(f"{k}={v}" for k, v in a.params)} for a in self.alerts],
                                       columns=["kind", "target", "side", "reported_by", "params"])}


def roadmap(ws: Workspace, query: RoadmapQuery) -> RoadmapResult:
    """Evaluate the stored roadmap (or ``query.file``) against the workspace's flows, with
    the alerts against the previous state."""
    from ..roadmap.parse import read_roadmap
    from ..roadmap.stored import stored_roadmap

    flows = ws.flows()
    if query.file is not None:
        targets = read_roadmap(Path(query.file))
        info: dict[str, Any] = {"release": None, "ingest_id": None, "file": Path(query.file).name, "stored": False,
                                "targets": len(targets)}
        reports = evaluate(targets, flows, projections=query.projections)
        previous, before = _stored_as_previous(ws, flows)
    else:
        targets, stored = stored_roadmap(ws, release=query.releases)
        info = {"release": stored.release, "ingest_id": stored.ingest_id, "file": stored.file_name, "stored": True,
                "targets": len(targets)}
        reports = evaluate(targets, flows, projections=query.projections)
        previous, before = _previous_state(ws, stored.ingest_id)
    return RoadmapResult(query=query, targets=reports, alerts=alerts(reports, before), roadmap=info,
                         previous=previous)


def roadmap_alerts(ws: Workspace, query: AlertsQuery) -> AlertsResult:
    """What changed since the previous ingest or roadmap release (no projections)."""
    result = roadmap(ws, RoadmapQuery(releases=query.releases, projections=False))
    return AlertsResult(query=query, alerts=result.alerts, roadmap=result.roadmap, previous=result.previous)


def _stored_as_previous(ws: Workspace, flows) -> tuple[dict | None, tuple[TargetReport, ...] | None]:
    """A file given on the command line is compared with the stored roadmap, on the same flows."""
    from ..errors import QueryError
    from ..roadmap.stored import stored_roadmap

    try:
        targets, stored = stored_roadmap(ws)
    except QueryError:
        return None, None
    return ({"event": "stored_roadmap", "ingest_id": stored.ingest_id, "release": stored.release},
            evaluate(targets, flows, projections=False))


def _previous_state(ws: Workspace, roadmap_ingest: str) -> tuple[dict | None, tuple[TargetReport, ...] | None]:
    """The state before the latest event: the latest ingest of flows or roadmap releases.

    If it was a roadmap release, the previous release is evaluated on today's flows; if it
    was an ingest of flows, the current roadmap is evaluated on the flows as they were
    before it (:func:`corridor.store.asof.flows_before`)."""
    from ..roadmap.stored import NAME, from_frame
    from ..store.asof import flows_before
    from ..store.datasets import read_dataset, releases

    con = ws.connection
    rows = con.execute("SELECT ingest_id, source, release FROM provenance WHERE parquet IS NOT NULL OR source = ? "
                       "ORDER BY ingested_at DESC, ingest_id DESC LIMIT 1", [NAME]).fetchall()
    if not rows:
        return None, None
    iid, source, release = rows[0]
    current, _ = _targets_of(ws, roadmap_ingest)
    if source == NAME:
        older = [r for r in releases(ws, NAME) if r["ingest_id"] != iid]
        if iid != roadmap_ingest or not older:
            return None, None
        prev = read_dataset(ws, NAME, release=older[-1]["release"])
        return ({"event": "roadmap_release", "ingest_id": prev.ingest_id, "release": prev.release},
                evaluate(from_frame(prev.table), ws.flows(), projections=False))
    return ({"event": "flows_ingest", "ingest_id": iid, "release": release},
            evaluate(current, flows_before(ws, iid), projections=False))


def _targets_of(ws: Workspace, ingest_id: str) -> tuple[tuple[Target, ...], str]:
    from ..roadmap.stored import NAME, from_frame
    from ..store.datasets import read_dataset, releases

    rel = next(r["release"] for r in releases(ws, NAME) if r["ingest_id"] == ingest_id)
    return from_frame(read_dataset(ws, NAME, release=rel).table), rel


def _target_record(r: TargetReport) -> dict[str, Any]:
    t = r.target
    rec = {k: v for k, v in t.record().items()}
    rec["product_codes"] = list(t.product_codes)
    rec["disagree"] = r.disagree
    rec["sides"] = [_side_record(s) for s in r.sides]
    return rec


def _side_record(s: SideReport) -> dict[str, Any]:
    p = s.progress
    proj = s.projection
    return {
        "side": s.side, "reported_by": s.reported_by, "status": p.status, "reason": p.reason,
        "baseline_year": p.baseline_year, "baseline_value": p.baseline_value, "latest_year": p.latest_year,
        "latest_value": p.latest_value, "target_value": p.target_value, "observed_cagr": p.observed_cagr,
        "required_cagr": p.required_cagr, "ratio": p.ratio, "growth_needed": p.growth_needed,
        "completion": p.completion, "max_growth": s.max_growth, "unprecedented": s.unprecedented,
        "series": [{"year": y, "value": v} for y, v in s.series],
        "required_path": [{"year": y, "value": v} for y, v in s.required_path],
        "projection": None if proj is None else {
            "label": "projection", "method": proj.method, "log_scale": proj.log_scale,
            "probability": proj.probability, "backtest": dict(proj.backtest), "origins": proj.origins,
            "points": proj.points,
            "fan": [{"year": y, "median": proj.median[i], "lo80": proj.lo80[i], "hi80": proj.hi80[i],
                     "lo95": proj.lo95[i], "hi95": proj.hi95[i]} for i, y in enumerate(proj.years)],
        },
        "ytd": s.ytd,
    }


#: ``corridor roadmap [FILE]``; ``file`` is the CLI's only (``metadata={"api": False}``):
#: the API evaluates the stored roadmap and never takes a path.
ANSWER = Answer(name="roadmap", query=RoadmapQuery, run=roadmap, schema=SCHEMA)
#: ``corridor roadmap alerts`` (not a route of its own: the same alerts are in the roadmap
#: document).
ALERTS_ANSWER = Answer(name="roadmap_alerts", query=AlertsQuery, run=roadmap_alerts, schema=ALERTS_SCHEMA)


def json_value_tree(v: Any, clean) -> Any:
    """``v`` with every leaf made JSON-ready by ``clean`` (NaN -> None, NumPy -> Python)."""
    if isinstance(v, dict):
        return {k: json_value_tree(x, clean) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_value_tree(x, clean) for x in v]
    return clean(v)
