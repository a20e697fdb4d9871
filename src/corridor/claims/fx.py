"""Annual average exchange rates used to state tenge, yuan and euro amounts in US dollars.

A small, explicit table typed by hand (units of the currency per US dollar, calendar-year
averages), rounded to the precision shown:

* KZT: National Bank of Kazakhstan, average official (market) exchange rate of the tenge
  to the US dollar for the year (nationalbank.kz, "Официальные курсы валют", annual average).
* CNY: typed by hand as the annual period average of the yuan per US dollar (People's Bank
  of China / IMF International Financial Statistics), rounded to two decimals; not checked
  against those publications.  Checked against the ECB instead: every year is within 0.09 %
  of the mean of that year's daily CNY-per-USD cross rates via the euro (ECB euro foreign
  exchange reference rates, the history :mod:`corridor.reference.ecb_rates` reads; two
  decimals alone allow 0.08 %), so none needed a fix (``tests/claims/test_fx_rates.py``).
  2025 is not hand-typed: it is the mean of 2025's 255 daily ECB cross rates (7.1874),
  rounded to two decimals like the other years.
* EUR: European Central Bank euro foreign exchange reference rates, annual average of
  USD per EUR, inverted; each within 0.015 % of the mean of the year's daily ECB rates
  (same test); 2025 is that mean itself (1.1300).

KZT stops at 2024: the National Bank's annual average for 2025 is not in any package the
project ships, and the ECB does not quote the tenge.

Converted values are marked ``converted=True`` with the rate used; a year outside the table
(e.g. KZT in 2025, or a target year such as 2030) or a currency without a row (RUB) gives no
``value_usd`` and keeps the original currency: corridor does not guess rates.  The rates
were transcribed by hand; check them against the cited publications before relying on a
converted figure to the last percent (a 1 % rate error is a 1 % value error).
"""

from __future__ import annotations

from types import MappingProxyType

RATES_PER_USD: MappingProxyType[str, MappingProxyType[int, float]] = MappingProxyType({
    "KZT": MappingProxyType({
        2014: 179.19, 2015: 221.73, 2016: 342.16, 2017: 326.00, 2018: 344.71, 2019: 382.75,
        2020: 412.95, 2021: 426.03, 2022: 460.48, 2023: 456.31, 2024: 469.44,
    }),
    "CNY": MappingProxyType({
        2014: 6.16, 2015: 6.28, 2016: 6.64, 2017: 6.76, 2018: 6.62, 2019: 6.91,
        2020: 6.90, 2021: 6.45, 2022: 6.73, 2023: 7.08, 2024: 7.19,
        2025: 7.19,
    }),
    "EUR": MappingProxyType({
        year: round(1.0 / usd_per_eur, 4)
        for year, usd_per_eur in {
            2014: 1.3285, 2015: 1.1095, 2016: 1.1069, 2017: 1.1297, 2018: 1.1810, 2019: 1.1195,
            2020: 1.1422, 2021: 1.1827, 2022: 1.0530, 2023: 1.0813, 2024: 1.0824,
            2025: 1.1300,
        }.items()
    }),
})

SOURCES = {
    "KZT": "National Bank of Kazakhstan, annual average official rate",
    "CNY": "PBoC / IMF IFS annual average, typed by hand, within 0.09 % of the ECB cross rate (2025: the ECB cross rate)",
    "EUR": "ECB reference rate, annual average",
}


def rate(currency: str, year: int | None) -> float | None:
    """Units of ``currency`` per US dollar in ``year`` (1.0 for USD); ``None`` if unknown."""
    if currency == "USD":
        return 1.0
    if year is None:
        return None
    return RATES_PER_USD.get(currency, {}).get(year)


def to_usd(amount: float, currency: str | None, year: int | None) -> tuple[float | None, float | None]:
    """(value in USD, rate used) for ``amount`` in ``currency``; (None, None) when no rate."""
    if currency is None:
        return None, None
    r = rate(currency, year)
    if r is None:
        return None, None
    return amount / r, r
