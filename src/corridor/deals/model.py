"""The pledge ledger's record and its allowed values (declared once, here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

Status = Literal["intention", "contract", "delivering", "delivered", "cancelled"]
STATUSES: tuple[str, ...] = get_args(Status)

Kind = Literal["export_contract", "offtake", "investment", "mou"]
KINDS: tuple[str, ...] = get_args(Kind)

#: Columns a ledger must have, and the optional ones, in the documented order.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "id", "event", "signed", "exporter", "importer", "hs_codes", "value", "currency", "horizon_months", "status",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "exporter_company", "importer_company", "region", "description", "description_ru", "kind", "source",
)


@dataclass(frozen=True, slots=True)
class ProductCode:
    """One HS code of a deal as written: ``code`` at 2, 4 or 6 digits, in ``revision``
    (``None``: the revision of the statistics it is compared with)."""

    code: str
    revision: str | None = None

    @property
    def level(self) -> str:
        return f"hs{len(self.code)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Deal:
    """One agreement of the ledger, its value converted to US dollars.

    ``signed`` is the signing date (a day; a ledger giving only a month is read as its
    first day); the *horizon* is the ``horizon_months`` calendar months after the signing
    month. ``usd_rate`` is the units of ``currency`` per US dollar used for ``pledged_usd``,
    ``rate_basis`` says whether it is the signing month's or the signing year's average.
    ``line`` is the ledger's line of the record (header = line 1).
    """

    id: str
    event: str
    signed: dt.date
    exporter: str
    importer: str
    hs_codes: tuple[ProductCode, ...]
    value: float
    currency: str
    pledged_usd: float
    usd_rate: float
    rate_basis: str
    horizon_months: int
    status: Status
    kind: Kind | None = None
    exporter_company: str | None = None
    importer_company: str | None = None
    region: str | None = None
    description: str | None = None
    description_ru: str | None = None
    source: str | None = None
    line: int | None = None

    @property
    def signed_month_index(self) -> int:
        """Months since year 0 of the signing month (``year * 12 + month - 1``)."""
        return self.signed.year * 12 + self.signed.month - 1
