"""Projections on series whose trend is known.

Tolerances: the log-linear fit of an exact exponential is exact to 1e-9; simulated
quantiles and probabilities (4000 seeded draws) are compared within the stated margins.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from corridor.roadmap.projection import project


def test_exact_exponential_trend_is_log_linear_and_reaches_its_path() -> None:
    """y = 100 * 1.1**(t - 2010), 2010-2021, with +-1 % noise: the backtest picks the
    log-linear trend (the naive model misses the growth, ~10 % a year); the 2030 median is
    100 * 1.1**20 = 672.7 within 1 %; a target of 500 is reached with probability ~1, one
    of 1000 with probability ~0."""
    rng = np.random.default_rng(7)
    s = {2010 + i: 100 * 1.1 ** i * math.exp(rng.normal(0, 0.01)) for i in range(12)}
    p = project(s, target_year=2030, target_value=500.0)
    assert p.method == "log_linear" and p.log_scale
    assert p.years == tuple(range(2022, 2031))
    assert p.median[-1] == pytest.approx(100 * 1.1 ** 20, rel=0.01)
    assert p.lo95[-1] < p.lo80[-1] < p.median[-1] < p.hi80[-1] < p.hi95[-1]
    assert p.probability == pytest.approx(1.0, abs=0.001)
    assert project(s, target_year=2030, target_value=1000.0).probability == pytest.approx(0.0, abs=0.001)
    backtest = dict(p.backtest)
    assert backtest["log_linear"] < backtest["naive"] and p.origins == 4


def test_a_flat_noisy_series_is_not_given_a_trend() -> None:
    """A level of 100 with 10 % noise and no trend: the median stays near 100 whichever
    model wins, and doubling it by 2030 is improbable."""
    rng = np.random.default_rng(3)
    s = {2012 + i: 100 * math.exp(rng.normal(0, 0.1)) for i in range(12)}
    p = project(s, target_year=2030, target_value=200.0)
    assert 70 < p.median[-1] < 140
    assert p.probability < 0.15


def test_decrease_target_probability_and_level_scale() -> None:
    """A deficit (negative values) is projected on the level scale; a falling series
    reaches a decrease target."""
    s = {2015 + i: -10.0 - 2.0 * i for i in range(8)}  # -10 ... -24, exactly linear
    p = project(s, target_year=2025, target_value=-30.0, direction="decrease")
    assert not p.log_scale
    assert p.median[-1] == pytest.approx(-30.0, abs=1.0)  # the linear path: -10 - 2 * 10


def test_too_short_or_past_target_year() -> None:
    assert project({2020: 1.0, 2021: 2.0}, target_year=2030) is None
    assert project({2020: 1.0, 2021: 2.0, 2022: 3.0}, target_year=2022) is None
    p = project({2020: 1.0, 2021: 2.0, 2022: 3.0}, target_year=2025)  # three points: no ETS candidate
    assert p is not None and "damped_trend" not in dict(p.backtest)


def test_same_input_same_output() -> None:
    s = {2010 + i: 50 + 3 * i + (i % 3) for i in range(10)}
    a, b = project(s, target_year=2030, target_value=150.0), project(s, target_year=2030, target_value=150.0)
    assert a == b
