"""Follow-up of deals, computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from corridor.deals.followup import event_totals, follow_up
from corridor.deals.model import Deal, ProductCode


def deal(*, signed, horizon, codes=(("1001", None),), usd=100e6, **kw) -> Deal:
    base = dict(id="D1", event="CIIE 2023", signed=signed, exporter="KAZ", importer="CHN",
                hs_codes=tuple(ProductCode(c, r) for c, r in codes), value=usd, currency="USD", pledged_usd=usd,
                usd_rate=1.0, rate_basis="month", horizon_months=horizon, status="contract")
    base.update(kw)
    return Deal(**base)


def flows(rows, *, kind="year", level="hs4", classification="HS12"):
    cols = ["reporter", "partner", "flow", "year", "month", "product_code", "value_usd"]
    f = pd.DataFrame(rows, columns=cols)
    f["period_kind"], f["product_level"], f["classification"], f["source"] = kind, level, classification, "test"
    return f


def test_annual_figures_are_prorated_by_the_months_of_each_window():
    """Signed 15 Oct 2023, 12 months: horizon Nov 2023..Oct 2024 (2 + 10 months),
    baseline Oct 2022..Sep 2023 (3 + 9 months).  Exports 120, 240, 360 m in 2022..2024:
    after = 240*2/12 + 360*10/12 = 340 m; before = 120*3/12 + 240*9/12 = 210 m;
    excess 130 m of 100 m pledged: conversion 1.3.  China's mirror has 2022-2023 only:
    the horizon is covered for 2 of 12 months, no excess."""
    f = flows([("KAZ", "CHN", "export", 2022, 12, "1001", 120e6), ("KAZ", "CHN", "export", 2023, 12, "1001", 240e6),
               ("KAZ", "CHN", "export", 2024, 12, "1001", 360e6), ("KAZ", "CHN", "export", 2024, 12, "2603", 9e9),
               ("CHN", "KAZ", "import", 2022, 12, "1001", 130e6), ("CHN", "KAZ", "import", 2023, 12, "1001", 250e6)])
    own, mirror = follow_up(deal(signed=dt.date(2023, 10, 15), horizon=12), f)
    assert (own.reported_by, own.granularity, own.level) == ("KAZ", "year", "hs4")
    assert own.after_usd == pytest.approx(340e6) and own.baseline_usd == pytest.approx(210e6)
    assert own.excess_usd == pytest.approx(130e6) and own.conversion == pytest.approx(1.3)
    assert own.overlap == ((2022, 0, 3), (2023, 2, 9), (2024, 10, 0))
    assert "horizon_not_covered" not in own.flags
    assert mirror.reported_by == "CHN" and mirror.excess_usd is None and mirror.conversion is None
    assert mirror.covered_fraction == pytest.approx(2 / 12) and "horizon_not_covered" in mirror.flags


def test_monthly_figures_are_summed_when_loaded():
    """Signed 10 Mar 2024, 3 months: horizon Apr..Jun, baseline Dec 2023..Feb 2024.
    Monthly exports 10 m each month, plus 5 m extra in May: after 35 m, before 30 m,
    excess 5 m of 20 m pledged: 0.25.  Annual rows of the same relation are not used."""
    rows = [("KAZ", "CHN", "export", y, m, "100190", 10e6 + (5e6 if (y, m) == (2024, 5) else 0))
            for y, m in [(2023, 12)] + [(2024, k) for k in range(1, 8)]]
    f = pd.concat([flows(rows, kind="month", level="hs6"),
                   flows([("KAZ", "CHN", "export", 2024, 12, "100190", 1e12)], level="hs6")])
    own, mirror = follow_up(deal(signed=dt.date(2024, 3, 10), horizon=3, usd=20e6), f)
    assert own.granularity == "month"
    assert (own.after_usd, own.baseline_usd, own.excess_usd) == pytest.approx((35e6, 30e6, 5e6))
    assert own.conversion == pytest.approx(0.25)
    assert mirror.flags == ("no_statistics",) and mirror.granularity is None


def test_codes_select_finer_lines_and_missing_codes_are_flagged():
    """Deal codes 10 (chapter) and 9999: chapter 10 selects 1001 and 1006 at HS4; 9999 is
    in no statistics line.  A deal code at HS6 against HS4 data takes its HS4 parent."""
    f = flows([("KAZ", "CHN", "export", y, 12, c, v) for y in (2022, 2023, 2024) for c, v in (("1001", 50e6), ("1006", 30e6))])
    own, _ = follow_up(deal(signed=dt.date(2023, 1, 1), horizon=12, codes=(("10", None), ("9999", None))), f)
    assert own.baseline_usd == pytest.approx(80e6) and own.codes_not_found == ("9999",)
    assert "codes_not_in_statistics" in own.flags
    own6, _ = follow_up(deal(signed=dt.date(2023, 1, 1), horizon=12, codes=(("100630", None),)), f)
    assert own6.baseline_usd == pytest.approx(30e6) and "broader_than_deal" in own6.flags


def test_a_small_deal_in_large_products_is_flagged_as_not_visible():
    """10 m a year pledged in a product of 2 bn a year: 0.5 % < 5 %: products_too_broad."""
    f = flows([("KAZ", "CHN", "export", y, 12, "2709", 2e9) for y in (2022, 2023, 2024)])
    own, _ = follow_up(deal(signed=dt.date(2023, 1, 1), horizon=12, codes=(("2709", None),), usd=10e6), f)
    assert "products_too_broad" in own.flags


def test_codes_of_another_revision_are_converted_with_the_atlas_weights():
    """HS17 code 8507 (accumulators) against HS12 statistics: HS12 8507's trade maps to
    HS17 8507 with weight 1 in the Atlas's tables, so the selection is the same line."""
    from corridor.reference.conversion import conversion_weights

    w = conversion_weights("HS12", "HS17", level="hs4")
    weight = float(w[(w.source_code == "8507") & (w.target_code == "8507")]["weight"].sum())
    f = flows([("KAZ", "CHN", "export", y, 12, "8507", 10e6) for y in (2022, 2023, 2024)])
    own, _ = follow_up(deal(signed=dt.date(2023, 1, 1), horizon=12, codes=(("8507", "HS17"),)), f)
    assert own.baseline_usd == pytest.approx(10e6 * weight)


def test_event_totals_split_multi_chapter_deals():
    a = deal(signed=dt.date(2024, 11, 6), horizon=12, codes=(("1001", None), ("1205", None)), usd=30e6)
    b = deal(signed=dt.date(2024, 11, 6), horizon=12, codes=(("1001", None),), usd=10e6, id="D2", status="intention")
    t = event_totals([a, b]).set_index(["status", "chapter"])["pledged_usd"]
    assert t.to_dict() == {("contract", "10"): 15e6, ("contract", "12"): 15e6, ("intention", "10"): 10e6}
