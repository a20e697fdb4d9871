"""A roadmap evaluated against the workspace: per target and side, the series, the
progress measure (:mod:`.progress`), the projection (:mod:`.projection`) and the
year-to-date figure from monthly data.

Targets whose two sides disagree about the status come first: that is the news (the same
"$40 bn" is passed by China's statistics and missed by Kazakhstan's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis

from .model import Target
from .progress import Progress, measure
from .projection import Projection, project
from .series import STRUCTURE_INDICATORS, PairData, indicator_series, pair_data, year_to_date


@dataclass(frozen=True, slots=True, kw_only=True)
class SideReport:
    """One side of one target: ``side`` (``reporter``: the reporter's own statistics;
    ``partner``: the partner's mirror statistics) and ``reported_by`` (the economy whose
    statistics these are); ``series`` (year, value); ``required_path`` (year, value) from
    the baseline to the target at the required compound growth; ``max_growth`` the highest
    year-on-year growth in the series (a fraction)."""

    side: str
    reported_by: str
    progress: Progress
    series: tuple[tuple[int, float], ...]
    required_path: tuple[tuple[int, float], ...] = ()
    projection: Projection | None = None
    ytd: dict | None = None
    max_growth: float | None = None

    @property
    def unprecedented(self) -> bool:
        """The growth still needed exceeds every year-on-year growth of the history."""
        g, m = self.progress.growth_needed, self.max_growth
        return g is not None and m is not None and g > m


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetReport:
    target: Target
    sides: tuple[SideReport, ...]

    @property
    def disagree(self) -> bool:
        """Both sides have figures and give different statuses."""
        st = {s.progress.status for s in self.sides if s.progress.status != "no_data"}
        return len([s for s in self.sides if s.progress.status != "no_data"]) > 1 and len(st) > 1


def evaluate(targets: Sequence[Target], flows: ibis.Table, *, projections: bool = True) -> tuple[TargetReport, ...]:
    """Evaluate every target; the relation's tables are computed once per pair of economies."""
    pairs: dict[tuple[str, str], PairData] = {}
    structure = {(t.reporter, t.partner) for t in targets if t.indicator in STRUCTURE_INDICATORS}
    out = []
    for t in targets:
        key = (t.reporter, t.partner)
        if key not in pairs:
            pairs[key] = pair_data(flows, reporter=t.reporter, partner=t.partner, structure=key in structure)
        out.append(evaluate_target(t, pairs[key], flows=flows, projections=projections))
    return tuple(sorted(out, key=lambda r: not r.disagree))


def evaluate_target(target: Target, pair: PairData, *, flows: ibis.Table | None = None,
                    projections: bool = True) -> TargetReport:
    series = indicator_series(pair, target, flows=flows)
    ytd = year_to_date(pair, target)
    sides = []
    for side in target.sides:
        s = series.get(side, {})
        sides.append(side_report(target, side, s, ytd=ytd.get(side), projections=projections))
    return TargetReport(target=target, sides=tuple(sides))


def side_report(target: Target, side: str, series: dict[int, float], *, ytd: dict | None = None,
                projections: bool = True) -> SideReport:
    """Progress, required path and projection of one side's series."""
    prog = measure(series, target_value=target.target_value, target_year=target.target_year,
                   baseline_year=target.baseline_year, direction=target.direction,
                   target_growth_pct=target.target_growth_pct)
    path: tuple[tuple[int, float], ...] = ()
    if prog.required_cagr is not None and prog.baseline_year is not None and prog.baseline_value is not None:
        path = tuple((y, prog.baseline_value * (1 + prog.required_cagr) ** (y - prog.baseline_year))
                     for y in range(prog.baseline_year, target.target_year + 1))
    proj = None
    if projections and series:
        proj = project(series, target_year=target.target_year, target_value=prog.target_value,
                       direction=target.direction)
    years = sorted(series)
    growth = [series[b] / series[a] - 1 for a, b in zip(years, years[1:]) if b == a + 1 and series[a] > 0
              and series[b] > 0]
    reported_by = target.reporter if side == "reporter" else target.partner
    if ytd is not None:
        ytd = {**ytd, "on_pace": on_pace(ytd.get("growth"), prog, target.direction)}
    return SideReport(side=side, reported_by=reported_by, progress=prog, series=tuple((y, series[y]) for y in years),
                      required_path=path, projection=proj, ytd=ytd, max_growth=max(growth) if growth else None)


def on_pace(growth: float | None, prog: Progress, direction: str) -> bool | None:
    """Whether a year-to-date growth keeps the pace the target needs: at least the growth
    still needed (the required growth once nothing more is needed), at most for a decrease."""
    need = prog.growth_needed if prog.growth_needed is not None else prog.required_cagr
    if growth is None or need is None:
        return None
    return growth >= need if direction == "increase" else growth <= need
