"""Progress towards a target: the Open SDG / Statistics Canada progress measure.

Method (Open SDG, *Progress Measurement Methodology*, open-sdg/open-sdg
``docs/progress-methodology.md``, implemented in open-sdg/sdg-build
``sdg/ProgressMeasure.py``; developed by Statistics Canada for the Canadian Indicator
Framework after Eurostat's SDG progress method), for a quantitative target:

- observed compound annual growth ``CAGR_o = (y_i / y_0) ** (1 / (t_i - t_0)) - 1``
  from the base year ``t_0`` to the most recent year with data ``t_i``;
- required growth ``CAGR_r = (y_T / y_0) ** (1 / (t_T - t_0)) - 1`` to the target value
  ``y_T`` in the target year ``t_T``;
- ``R = s * d * CAGR_o / |CAGR_r|`` with ``d`` = +1 for an increase target and -1 for a
  decrease target, and ``s`` = -1 when the base value is negative (else +1);
- status: ``achieved`` when the latest value meets the target (``y_i >= y_T`` for an
  increase, ``y_i <= y_T`` for a decrease), checked first; else ``R >= 0.95`` on_track,
  ``0.60 <= R < 0.95`` acceleration_needed, ``0 <= R < 0.60`` limited_progress,
  ``R < 0`` deterioration.  Open SDG's names are target_achieved, substantial_progress,
  moderate_progress, limited_progress and deterioration.

Edge cases, as sdg-build handles them: a base year without data moves to the next year
with data; a base value or a target of 0 is taken as 0.001; base and latest values of
opposite signs, or fewer than two years, give no ratio (status ``no_data`` unless the
target is already achieved, which needs one value only); a target of the opposite sign to
the base value (a deficit to turn into a surplus) gives no ratio either, since no compound
growth rate joins them.  Beyond sdg-build: a required growth of exactly 0 (target equal to
the base value, not yet achieved) gives no ratio and the status ``deterioration`` (the
latest value has moved away from the target).

``growth_needed`` is the compound annual growth still required from the latest value to
the target by the target year (``None`` once the target year is reached or passed).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLDS = {"high": 0.95, "med": 0.60, "low": 0.0}
ZERO = 0.001


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """Progress of one series towards one target (growth rates as fractions, 0.1 = 10 %)."""

    status: str
    target_value: float | None
    baseline_year: int | None = None
    baseline_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    observed_cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None
    growth_needed: float | None = None
    achieved: bool = False
    #: share of the way from the baseline to the target covered by the latest value (0..1, clipped)
    completion: float | None = None
    #: why no ratio was computed: ``no_baseline`` (no value in or after the baseline year),
    #: ``single_year`` (baseline = latest year), ``sign_change`` (values of opposite signs),
    #: ``zero_required`` (the target equals the base value); empty when a ratio was computed
    reason: str = ""


def cagr(value: float, base: float, year: int, base_year: int) -> float:
    """Compound annual growth rate ``(value / base) ** (1 / (year - base_year)) - 1``."""
    return (value / base) ** (1.0 / (year - base_year)) - 1.0


def measure(series: Mapping[int, float], *, target_value: float | None, target_year: int, baseline_year: int,
            direction: str = "increase", target_growth_pct: float | None = None) -> Progress:
    """The progress of ``series`` (year -> value) towards a target.

    A growth target (``target_value`` None, ``target_growth_pct`` set) is a level of
    ``baseline value * (1 + pct / 100)``, the baseline being this series' own.
    """
    points = {int(y): float(v) for y, v in series.items() if v is not None and not math.isnan(float(v))}
    if not points:
        return Progress(status="no_data", target_value=target_value)
    latest_year = max(points)
    latest = points[latest_year]
    later = [y for y in points if y >= baseline_year]
    base_year = min(later) if later else None
    base = points[base_year] if base_year is not None else None
    if target_value is None and target_growth_pct is not None and base is not None:
        target_value = base * (1.0 + target_growth_pct / 100.0)
    if target_value is None:
        return Progress(status="no_data", target_value=None, latest_year=latest_year, latest_value=latest)
    d = 1 if direction == "increase" else -1
    achieved = latest >= target_value if d == 1 else latest <= target_value
    needed = None
    if latest_year < target_year and not achieved and _same_sign(latest, target_value) and latest != 0:
        needed = cagr(target_value, latest, target_year, latest_year)
    common = dict(target_value=target_value, latest_year=latest_year, latest_value=latest, achieved=achieved,
                  baseline_year=base_year, baseline_value=base, growth_needed=needed)
    if base is None or base_year is None or latest_year - base_year < 1:
        reason = "no_baseline" if base is None else "single_year"
        return Progress(status="achieved" if achieved else "no_data", reason=reason, **common)
    base_c = ZERO if base == 0 else base
    target_c = ZERO if target_value == 0 else target_value
    completion = None
    if target_value != base:
        completion = min(max((latest - base) / (target_value - base), 0.0), 1.0)
    if not (_same_sign(base_c, latest) and _same_sign(base_c, target_c)):
        return Progress(status="achieved" if achieved else "no_data", completion=completion, reason="sign_change",
                        **common)
    observed = cagr(latest, base_c, latest_year, base_year)
    required = cagr(target_c, base_c, target_year, base_year)
    sign = -1 if base_c < 0 else 1
    if required == 0:
        return Progress(status="achieved" if achieved else "deterioration", observed_cagr=observed,
                        required_cagr=required, completion=completion, reason="zero_required", **common)
    ratio = sign * d * observed / abs(required)
    status = "achieved" if achieved else classify(ratio)
    return Progress(status=status, observed_cagr=observed, required_cagr=required, ratio=ratio,
                    completion=completion, **common)


def classify(ratio: float) -> str:
    """The progress category of a ratio R (target not achieved)."""
    if ratio >= THRESHOLDS["high"]:
        return "on_track"
    if ratio >= THRESHOLDS["med"]:
        return "acceleration_needed"
    if ratio >= THRESHOLDS["low"]:
        return "limited_progress"
    return "deterioration"


def _same_sign(a: float, b: float) -> bool:
    return (a > 0 and b > 0) or (a < 0 and b < 0)
