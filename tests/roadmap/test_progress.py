"""The Open SDG / Statistics Canada progress measure, by hand.

R = s * d * CAGR_o / |CAGR_r| (open-sdg/sdg-build, sdg/ProgressMeasure.py); thresholds
0.95 / 0.60 / 0; achieved first.  Every expected figure below is worked out in the
docstring or the comment beside it.  Tolerance: 1e-9 relative (floating point only).
"""

from __future__ import annotations

import pytest

from corridor.roadmap.progress import measure

REL = 1e-9


def test_achieved_when_the_latest_value_meets_the_target() -> None:
    """42 >= 40: achieved, whatever the ratio (here 4.2**(1/4) - 1 = 43.2 %/yr observed)."""
    p = measure({2020: 10.0, 2024: 42.0}, target_value=40.0, target_year=2030, baseline_year=2020)
    assert p.status == "achieved" and p.achieved
    assert p.observed_cagr == pytest.approx(4.2 ** 0.25 - 1, rel=REL)
    assert p.growth_needed is None  # nothing left to grow


def test_on_track() -> None:
    """100 -> 133.1 in three years is 10 %/yr; reaching 100 * 1.1**10 by 2030 needs 10 %/yr: R = 1."""
    p = measure({2020: 100.0, 2021: 110.0, 2023: 133.1}, target_value=100 * 1.1 ** 10, target_year=2030,
                baseline_year=2020)
    assert p.status == "on_track"
    assert p.observed_cagr == pytest.approx(0.10, rel=1e-12)
    assert p.required_cagr == pytest.approx(0.10, rel=1e-12)
    assert p.ratio == pytest.approx(1.0, rel=1e-12)
    # growth still needed from 133.1 (2023) to 259.37 (2030): 10 %/yr
    assert p.growth_needed == pytest.approx(0.10, rel=1e-12)


@pytest.mark.parametrize(("latest", "status", "ratio"), [
    (110.25, "acceleration_needed", 0.05 / 0.07),   # 5 %/yr against 7 %/yr required
    (102.01, "limited_progress", 0.01 / 0.07),      # 1 %/yr
    (81.0, "deterioration", -0.10 / 0.07),          # -10 %/yr
])
def test_each_status_below_on_track(latest: float, status: str, ratio: float) -> None:
    """Baseline 100 in 2020, latest in 2022, target 100 * 1.07**10 = 196.7 by 2030 (7 %/yr)."""
    p = measure({2020: 100.0, 2022: latest}, target_value=100 * 1.07 ** 10, target_year=2030, baseline_year=2020)
    assert p.status == status
    assert p.ratio == pytest.approx(ratio, rel=1e-9)


def test_thresholds_are_inclusive_below() -> None:
    """R exactly 0.95 is on track, exactly 0.60 acceleration needed, exactly 0 limited progress."""
    from corridor.roadmap.progress import classify

    assert classify(0.95) == "on_track" and classify(0.9499) == "acceleration_needed"
    assert classify(0.60) == "acceleration_needed" and classify(0.5999) == "limited_progress"
    assert classify(0.0) == "limited_progress" and classify(-1e-12) == "deterioration"


def test_no_data() -> None:
    assert measure({}, target_value=1.0, target_year=2030, baseline_year=2020).status == "no_data"
    one = measure({2020: 5.0}, target_value=10.0, target_year=2030, baseline_year=2020)
    assert one.status == "no_data" and one.reason == "single_year" and one.ratio is None
    # a single value already at the target is achieved (sdg-build checks achievement first)
    assert measure({2024: 12.0}, target_value=10.0, target_year=2030, baseline_year=2020).status == "achieved"
    # values only before the baseline year: no baseline
    before = measure({2015: 5.0, 2016: 6.0}, target_value=10.0, target_year=2030, baseline_year=2020)
    assert before.status == "no_data" and before.reason == "no_baseline"


def test_missing_baseline_year_moves_to_the_next_year_with_data() -> None:
    """No 2020 figure: the baseline is 2021 (sdg-build's rule).  100 (2021) -> 121 (2023) is
    10 %/yr; 100 -> 200 in 9 years needs 2**(1/9) - 1 = 8.006 %/yr: R = 1.249."""
    p = measure({2019: 80.0, 2021: 100.0, 2023: 121.0}, target_value=200.0, target_year=2030, baseline_year=2020)
    assert (p.baseline_year, p.baseline_value) == (2021, 100.0)
    assert p.required_cagr == pytest.approx(2 ** (1 / 9) - 1, rel=REL)
    assert p.ratio == pytest.approx(0.10 / (2 ** (1 / 9) - 1), rel=1e-9)
    assert p.status == "on_track"


def test_decrease_target() -> None:
    """HHI 0.20 (2020) -> 0.18 (2022), target 0.10 by 2030, decrease (d = -1):
    observed 0.9**0.5 - 1 = -5.132 %/yr, required 0.5**0.1 - 1 = -6.697 %/yr,
    R = -1 * -0.05132 / 0.06697 = 0.766: acceleration needed."""
    p = measure({2020: 0.20, 2022: 0.18}, target_value=0.10, target_year=2030, baseline_year=2020,
                direction="decrease")
    obs, req = 0.9 ** 0.5 - 1, 0.5 ** 0.1 - 1
    assert p.ratio == pytest.approx(-obs / abs(req), rel=REL)
    assert p.status == "acceleration_needed"
    # a rising HHI is deterioration; at or below the target is achieved
    assert measure({2020: 0.20, 2022: 0.22}, target_value=0.10, target_year=2030, baseline_year=2020,
                   direction="decrease").status == "deterioration"
    assert measure({2020: 0.20, 2022: 0.10}, target_value=0.10, target_year=2030, baseline_year=2020,
                   direction="decrease").status == "achieved"


def test_growth_target() -> None:
    """+100 % over the 2020 baseline of 50 is a level of 100 by 2030 (7.177 %/yr); 50 * 2**0.5
    in 2025 is the same growth: R = 1, on track."""
    p = measure({2020: 50.0, 2025: 50 * 2 ** 0.5}, target_value=None, target_growth_pct=100.0, target_year=2030,
                baseline_year=2020)
    assert p.target_value == pytest.approx(100.0)
    assert p.ratio == pytest.approx(1.0, rel=1e-12)
    assert p.status == "on_track"


def test_negative_values_take_the_sign_of_the_base() -> None:
    """A deficit of -10 (2020) shrinking to -5 (2022), target -2 by 2030: observed 0.5**0.5 - 1 =
    -29.3 %/yr, required 0.2**0.1 - 1 = -14.9 %/yr, s = -1: R = -1 * 1 * -0.293 / 0.149 = 1.97."""
    p = measure({2020: -10.0, 2022: -5.0}, target_value=-2.0, target_year=2030, baseline_year=2020)
    assert p.ratio == pytest.approx(-(0.5 ** 0.5 - 1) / abs(0.2 ** 0.1 - 1), rel=REL)
    assert p.status == "on_track"
    # a deficit to turn into a surplus: no compound growth joins them
    s = measure({2020: -10.0, 2022: -5.0}, target_value=5.0, target_year=2030, baseline_year=2020)
    assert s.status == "no_data" and s.reason == "sign_change"


def test_zero_base_is_taken_as_0_001() -> None:
    """sdg-build replaces a base value of 0 by 0.001 (no division by zero)."""
    p = measure({2020: 0.0, 2022: 10.0}, target_value=20.0, target_year=2030, baseline_year=2020)
    assert p.observed_cagr == pytest.approx((10 / 0.001) ** 0.5 - 1, rel=REL)
    assert p.status == "on_track"


def test_target_equal_to_base_not_achieved_is_deterioration() -> None:
    p = measure({2020: 10.0, 2022: 9.0}, target_value=10.0, target_year=2030, baseline_year=2020)
    assert p.status == "deterioration" and p.reason == "zero_required" and p.ratio is None


def test_growth_still_needed() -> None:
    """From 30 (2024) to 40 by 2030: (40/30)**(1/6) - 1 = 4.91 %/yr."""
    p = measure({2022: 20.0, 2024: 30.0}, target_value=40.0, target_year=2030, baseline_year=2022)
    assert p.growth_needed == pytest.approx((40 / 30) ** (1 / 6) - 1, rel=REL)
    assert p.completion == pytest.approx(0.5)  # half way from 20 to 40
