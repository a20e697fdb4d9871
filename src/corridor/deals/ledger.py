"""Read a pledge ledger (CSV or XLSX) into :class:`~corridor.deals.model.Deal` records.

The layout is documented in ``docs/deals.md``: one row per agreement, the columns of
:data:`~corridor.deals.model.REQUIRED_COLUMNS` and optionally those of
:data:`~corridor.deals.model.OPTIONAL_COLUMNS`, in any order, header on the first line.
Every problem of every row is collected; one bad row refuses the whole ledger
(:class:`~corridor.errors.InputError` naming the file, line and field).

Values are converted to US dollars at the average rate of the signing month where a
monthly rate is known, else of the signing year (:func:`usd_rate`); a currency or year
without a rate is an error, not a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..errors import InputError, Problem, QueryError
from ..util import cell_text
from .model import KINDS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, STATUSES, Deal, ProductCode
from ..messages import Message

#: A ledger larger than this is refused before it is read (a ministry's ledger has
#: hundreds of rows, not millions).
MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 200

_CODE = re.compile(r"^(?:(?P<rev>H[0-6]|HS\d{2,4}):)?(?P<code>\d{2}(?:\d{2}){0,2})$", re.IGNORECASE)
_SPLIT = re.compile(r"[;,|\s]+")


def usd_rate(currency: str, year: int, month: int) -> tuple[float, str] | None:
    """Units of ``currency`` per US dollar for a deal signed in ``year``-``month`` and the
    basis of the rate (``'month'`` or ``'year'``), or ``None`` when no rate is known.

    Monthly averages are used where :mod:`corridor.reference` ships them (CNY: the monthly
    averages of the ECB's daily cross rates in ``cny_usd_monthly.tsv``), else the
    calendar-year averages of :mod:`corridor.claims.fx` (National Bank of Kazakhstan for KZT,
    ECB for EUR; CNY's are typed by hand and checked against the ECB)."""
    from ..claims import fx

    if currency == "USD":
        return 1.0, "month"
    monthly = _monthly_rates()
    if monthly is not None:
        r = monthly(currency, year, month)
        if r is not None:
            return float(r), "month"
    r = fx.rate(currency, year)
    return (float(r), "year") if r is not None else None


def _monthly_rates() -> Callable[[str, int, int], float | None] | None:
    """Monthly averages where corridor ships them: CNY per USD from
    :func:`corridor.reference.national.cny_per_usd` (ECB reference rates, cross rate via the euro)."""
    from ..reference.national import cny_per_usd

    def monthly_rate(currency: str, year: int, month: int) -> float | None:
        return cny_per_usd().get((year, month)) if currency == "CNY" else None

    return monthly_rate


def read_ledger(path: str | Path) -> tuple[Deal, ...]:
    """All deals of the ledger at ``path`` (``.csv`` UTF-8 or ``.xlsx``), validated."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, Problem(Message("err_no_such_file")))
    if path.stat().st_size > MAX_BYTES:
        raise InputError(path, Problem(Message("deal_too_large"), value=Message("err_bytes", n=path.stat().st_size),
                                       expected=Message("err_at_most_bytes", n=MAX_BYTES)))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise InputError(path, Problem(Message("deal_unsupported"), value=path.suffix, expected=Message("deal_csv_xlsx")))
    return parse_rows(rows, path=path)


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, Problem(Message("deal_not_utf8"), value=Message("deal_byte", n=exc.start), expected=Message("deal_utf8_csv"))) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield n, row


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from ..sources._sheets import open_workbook

    with open_workbook(path, expected=Message("deal_xlsx_file")) as book:
        rows = book.rows(book.names[0]) if book.names else []
    for n, values in rows:
        yield n, [cell_text(v) for v in values]


def parse_rows(rows: Iterator[tuple[int, list[str]]] | list[tuple[int, list[str]]], *, path: str | Path | None) -> tuple[Deal, ...]:
    """Deals from ``(line, cells)`` rows, the first being the header."""
    it = iter(rows)
    header_line, header = next(it, (1, []))
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise InputError(path, [Problem(Message("deal_missing_column"), line=header_line, field=c,
                                        expected=Message("deal_header_with", columns=", ".join(REQUIRED_COLUMNS)))
                                for c in missing])
    unknown = [n for n in names if n and n not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    problems: list[Problem] = [Problem(Message("deal_unknown_column"), line=header_line, field=n,
                                       expected=Message("err_one_of_plain", values=", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)))
                               for n in unknown]
    deals: list[Deal] = []
    seen: dict[str, int] = {}
    total = len(problems)
    for line, cells in it:
        if not any(c.strip() for c in cells):
            continue
        record = {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(names) if n}
        deal, found = _deal(record, line)
        if deal is not None and deal.id in seen:
            found.append(Problem(Message("deal_duplicate_id"), line=line, field="id", value=deal.id,
                                 expected=Message("deal_unique_id", line=seen[deal.id])))
        if deal is not None:
            seen.setdefault(deal.id, line)
        total += len(found)
        if len(problems) < MAX_PROBLEMS:
            problems += found[: MAX_PROBLEMS - len(problems)]
        if deal is not None and not found:
            deals.append(deal)
    if total:
        raise InputError(path, problems, total=total)
    if not deals:
        raise InputError(path, Problem(Message("deal_no_deals"), expected=Message("deal_one_row")))
    return tuple(deals)


def _deal(r: Mapping[str, str], line: int) -> tuple[Deal | None, list[Problem]]:
    from .. import reference

    problems: list[Problem] = []

    def bad(field: str, message: str, expected: str) -> None:
        problems.append(Problem(message, line=line, field=field, value=r.get(field, ""), expected=expected))

    for c in REQUIRED_COLUMNS:
        if not r.get(c):
            bad(c, Message("deal_empty"), Message("err_a_value"))
    if problems:
        return None, problems
    signed = _date(r["signed"])
    if signed is None:
        bad("signed", Message("deal_not_date"), Message("deal_date_expected"))
    economies = {}
    for field in ("exporter", "importer"):
        try:
            economies[field] = reference.resolve_economy(r[field])
        except QueryError:
            bad(field, Message("deal_unknown_economy"), Message("err_economy_expected"))
    if len(economies) == 2 and economies["exporter"] == economies["importer"]:
        bad("importer", Message("deal_importer_is_exporter"), Message("deal_two_economies"))
    codes = _codes(r["hs_codes"])
    if codes is None:
        bad("hs_codes", Message("deal_not_hs_list"), Message("deal_hs_expected"))
    value = _number(r["value"])
    if value is None or value <= 0:
        bad("value", Message("deal_not_positive"), Message("deal_amount_expected"))
    currency = r["currency"].upper()
    horizon = _number(r["horizon_months"])
    if horizon is None or not float(horizon).is_integer() or not 1 <= horizon <= 120:
        bad("horizon_months", Message("deal_not_months"), Message("deal_months_expected"))
    status = r["status"].lower()
    if status not in STATUSES:
        bad("status", Message("deal_unknown_status"), Message("err_one_of_plain", values=", ".join(STATUSES)))
    kind = (r.get("kind") or "").lower() or None
    if kind is not None and kind not in KINDS:
        bad("kind", Message("deal_unknown_kind"), Message("err_one_of_plain", values=", ".join(KINDS)))
    rate = usd_rate(currency, signed.year, signed.month) if signed is not None and re.fullmatch(r"[A-Z]{3}", currency) else None
    if rate is None and signed is not None:
        bad("currency", Message("deal_no_rate"),
            Message("deal_rate_expected"))
    if problems:
        return None, problems
    return Deal(
        id=r["id"], event=r["event"], signed=signed, exporter=economies["exporter"], importer=economies["importer"],
        hs_codes=codes, value=value, currency=currency, pledged_usd=value / rate[0], usd_rate=rate[0],
        rate_basis=rate[1], horizon_months=int(horizon), status=status, kind=kind,
        exporter_company=r.get("exporter_company") or None, importer_company=r.get("importer_company") or None,
        region=r.get("region") or None, description=r.get("description") or None,
        description_ru=r.get("description_ru") or None, source=r.get("source") or None, line=line,
    ), []


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _number(text: str) -> float | None:
    t = text.replace("\u00a0", "").replace(" ", "").replace("_", "")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _codes(text: str) -> tuple[ProductCode, ...] | None:
    from ..schema import HS_REVISION_ALIASES

    out: list[ProductCode] = []
    for part in filter(None, _SPLIT.split(text.replace(".", ""))):
        m = _CODE.match(part)
        if m is None:
            return None
        rev = m.group("rev")
        revision = HS_REVISION_ALIASES.get(rev.upper()) if rev else None
        if rev and revision is None:
            return None
        pc = ProductCode(m.group("code"), revision)
        if pc not in out:
            out.append(pc)
    return tuple(out) or None
