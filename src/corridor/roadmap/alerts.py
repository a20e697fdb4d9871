"""Alerts: what changed between two evaluations of a roadmap (the state before the latest
ingest or roadmap release, and now), and the states worth a warning.

Kinds (:data:`corridor.roadmap.model.ALERT_KINDS`), in the order they are listed:

- ``sides_disagree``: the two sides' statistics give different statuses (now; ``params``
  map each side's economy to its status);
- ``now_achieved``: a side says achieved that did not before;
- ``status_changed``: a side's status moved (``before`` -> ``after``);
- ``required_growth_unprecedented``: the growth still needed exceeds every year-on-year
  growth in that side's history (now);
- ``target_added``, ``target_removed``, ``target_revised`` (value, growth, year, baseline
  or direction changed) between roadmap releases.

An alert holds codes and parameters, not text: the renderers say it in English or Russian.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .evaluate import TargetReport

ORDER = ("sides_disagree", "now_achieved", "status_changed", "required_growth_unprecedented",
         "target_added", "target_removed", "target_revised")
REVISED_FIELDS = ("target_value", "target_growth_pct", "target_year", "baseline_year", "direction", "indicator",
                  "reporter", "partner", "statistics", "product_codes")


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    kind: str
    target: str
    side: str | None = None
    reported_by: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def record(self) -> dict:
        return {"kind": self.kind, "target": self.target, "side": self.side, "reported_by": self.reported_by,
                "params": dict(self.params)}


def alerts(current: Sequence[TargetReport], previous: Sequence[TargetReport] | None) -> tuple[Alert, ...]:
    """The alerts of ``current`` against ``previous`` (``None``: no earlier state; only the
    state alerts are given)."""
    out: list[Alert] = []
    before = {r.target.id: r for r in previous or ()}
    now = {r.target.id: r for r in current}
    for r in current:
        tid = r.target.id
        if r.disagree:
            out.append(Alert(kind="sides_disagree", target=tid, params=tuple(
                (s.reported_by, s.progress.status) for s in r.sides)))
        for s in r.sides:
            if s.unprecedented:
                out.append(Alert(kind="required_growth_unprecedented", target=tid, side=s.side,
                                 reported_by=s.reported_by,
                                 params=(("growth_needed", s.progress.growth_needed), ("max_growth", s.max_growth))))
        if previous is None:
            continue
        old = before.get(tid)
        if old is None:
            out.append(Alert(kind="target_added", target=tid))
            continue
        changed = [f for f in REVISED_FIELDS if getattr(old.target, f) != getattr(r.target, f)]
        if changed:
            out.append(Alert(kind="target_revised", target=tid, params=tuple(
                (f, f"{_show(getattr(old.target, f))} -> {_show(getattr(r.target, f))}") for f in changed)))
        old_sides = {s.side: s for s in old.sides}
        for s in r.sides:
            o = old_sides.get(s.side)
            if o is None or o.progress.status == s.progress.status:
                continue
            kind = "now_achieved" if s.progress.status == "achieved" else "status_changed"
            out.append(Alert(kind=kind, target=tid, side=s.side, reported_by=s.reported_by,
                             params=(("before", o.progress.status), ("after", s.progress.status),
                                     ("latest_year", s.progress.latest_year))))
    if previous is not None:
        out += [Alert(kind="target_removed", target=tid) for tid in before if tid not in now]
    return tuple(sorted(out, key=lambda a: ORDER.index(a.kind)))


def _show(v: object) -> str:
    if isinstance(v, tuple):
        return " ".join(v)
    return "" if v is None else str(v)
