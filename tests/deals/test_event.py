"""The event-level PPML difference in differences recovers a known injected conversion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor.deals.event import estimate, panel_exposure, simulate_panel


def test_exposure_is_the_share_of_each_year_in_the_horizon():
    """Signed Nov 2019 (index 2019*12+10), 24 months: Dec 2019 .. Nov 2021."""
    e = panel_exposure(pd.Series([2018, 2019, 2020, 2021, 2022]), signed_month=2019 * 12 + 10, horizon_months=24, kind="year")
    assert e.tolist() == pytest.approx([0, 1 / 12, 1, 11 / 12, 0])
    m = panel_exposure(pd.Series([2019 * 12 + 10, 2019 * 12 + 11, 2021 * 12 + 10, 2021 * 12 + 11]),
                       signed_month=2019 * 12 + 10, horizon_months=24, kind="month")
    assert m.tolist() == [0, 1, 1, 0]


def test_one_panel_recovers_the_injected_conversion_within_its_interval():
    e = estimate(simulate_panel(seed=7, conversion=0.5), event="E", reported_by="KAZ", pledged_usd=400e6)
    assert e.conversion_low <= 0.5 <= e.conversion_high
    assert e.p_value < 0.01 and e.treated_products == 12 and e.control_products == 48
    assert 0 < e.mde_excess_usd < e.excess_usd


def test_no_effect_is_not_found_where_none_was_injected():
    e = estimate(simulate_panel(seed=3, conversion=0.0), event="E", reported_by="KAZ", pledged_usd=400e6)
    assert e.conversion_low <= 0.0 <= e.conversion_high


@pytest.mark.slow
def test_simulation_study_mean_and_coverage():
    """30 panels per conversion: the mean estimate is within 3 standard errors of the truth
    and the 95 % interval covers it in at least 80 % of panels (docs/deals.md reports the
    200-panel study)."""
    for truth in (0.0, 0.5):
        ests = [estimate(simulate_panel(seed=100 + s, conversion=truth), event="E", reported_by="KAZ", pledged_usd=400e6)
                for s in range(30)]
        conv = np.array([e.conversion for e in ests])
        assert abs(conv.mean() - truth) < 3 * conv.std(ddof=1) / np.sqrt(len(conv))
        assert np.mean([e.conversion_low <= truth <= e.conversion_high for e in ests]) >= 0.8


def test_a_panel_without_controls_is_refused():
    p = simulate_panel(seed=1)
    with pytest.raises(ValueError, match="control"):
        estimate(p[p["treated"]], event="E", reported_by="KAZ", pledged_usd=1e6)
