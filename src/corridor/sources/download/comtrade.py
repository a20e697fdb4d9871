"""A client for the UN Comtrade API v1 that saves responses for the Comtrade importer.

Endpoints (as used by the UN's own ``comtradeapicall`` package):

* public preview, no key: ``{base}/public/v1/preview/C/{freq}/{cl}`` — at most 500
  records per call;
* full API with a subscription key (``COMTRADE_API_KEY``, sent in the
  ``Ocp-Apim-Subscription-Key`` header): ``{base}/data/v1/get/C/{freq}/{cl}`` — at most
  100,000 records per call.

Query parameters: ``reporterCode``, ``partnerCode``, ``period``, ``flowCode``, ``cmdCode``,
``maxRecords``, plus ``partner2Code=0``, ``customsCode=C00``, ``motCode=0`` by default so
that only the totals over the breakdowns come back (the rows the importer keeps).  The API
takes at most 12 periods per call, so periods are sent in chunks of 12; a chunk whose
answer fills the record cap is split in two and asked again, and a single period that
still fills it is saved with a :class:`TruncatedWarning` (ask the full API, or narrow the
query).  Each answer is saved unchanged as one JSON file (``{"count", "data", "error"}``)
that :func:`corridor.sources.comtrade.parse` reads; answers with no records are not saved
(a warning says which).  HTTP 429 waits for ``Retry-After``; errors raise
:class:`~corridor.errors.DownloadError` with the API's ``statusCode``/``message`` or
``error`` text.  Source: UN Comtrade API v1 (comtradedeveloper.un.org) and
``uncomtrade/comtradeapicall`` (``PreviewGet.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

import requests

from ...config import ENV_COMTRADE_KEY
from ...errors import ConfigError, DownloadError
from .http import RetryPolicy, request
from ...messages import Message

COMTRADE_BASE_URL = "https://comtradeapi.un.org"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
PREVIEW_MAX_RECORDS = 500
FULL_MAX_RECORDS = 100_000
MAX_PERIODS = 12

Frequency = Literal["A", "M"]
FREQUENCIES: tuple[str, ...] = get_args(Frequency)
#: Classification codes of the API's path (``HS`` = as reported; ``H0``..``H6`` = converted).
ApiClassification = Literal["HS", "H0", "H1", "H2", "H3", "H4", "H5", "H6"]
API_CLASSIFICATIONS: tuple[str, ...] = get_args(ApiClassification)


class TruncatedWarning(UserWarning):
    """An API answer filled the record cap: records beyond it were not returned."""


def _codes(value: str | int | Sequence[str | int] | None) -> str | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str | int) else list(value)
    parts = [p.strip() for item in items for p in str(item).split(",") if p.strip()]
    return ",".join(parts) or None


@dataclass(frozen=True, slots=True)
class ComtradeQuery:
    """One API call's filters.  Codes are M49 numeric (``398`` Kazakhstan, ``156``
    China, ``0`` World); several are comma-separated; ``None`` means all."""

    reporter: str
    periods: tuple[str, ...]
    partner: str | None = None
    flow: str | None = None
    cmd: str = "TOTAL"
    freq: str = "A"
    classification: str = "HS"
    breakdown_totals: bool = True

    def params(self, max_records: int) -> dict[str, str | int]:
        """The query string, in the API's parameter names."""
        out: dict[str, str | int] = {"reporterCode": self.reporter, "period": ",".join(self.periods), "cmdCode": self.cmd,
                                     "maxRecords": max_records, "includeDesc": "true"}
        if self.partner is not None:
            out["partnerCode"] = self.partner
        if self.flow is not None:
            out["flowCode"] = self.flow
        if self.breakdown_totals:
            out.update(partner2Code="0", customsCode="C00", motCode="0")
        return out

    def file_name(self) -> str:
        """A readable, unique file name for the answer to this query."""
        def tag(v: str | None) -> str:
            v = "all" if v is None else v
            return v if len(v) <= 24 else hashlib.sha1(v.encode()).hexdigest()[:10]

        span = self.periods[0] if len(self.periods) == 1 else f"{self.periods[0]}-{self.periods[-1]}"
        name = f"comtrade_{self.freq}_{self.classification}_r{tag(self.reporter)}_p{tag(self.partner)}_{tag(self.flow)}_{tag(self.cmd)}_{span}"
        return re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".json"


def expand_periods(period: str | int | Sequence[str | int], freq: str) -> tuple[str, ...]:
    """Periods as the API wants them: ``YYYY`` (annual) or ``YYYYMM`` (monthly; a bare
    year asks for its twelve months).  Accepts ``2015-2018`` ranges of years."""
    items = _codes(period)
    if not items:
        raise ConfigError(Message("dl_no_period"))
    out: list[str] = []
    for item in items.split(","):
        if m := re.fullmatch(r"(\d{4})-(\d{4})", item):
            years = [str(y) for y in range(int(m.group(1)), int(m.group(2)) + 1)]
        elif re.fullmatch(r"\d{4}(\d{2})?", item):
            years = [item]
        else:
            raise ConfigError(Message("dl_bad_period", period=item))
        for y in years:
            if freq == "M" and len(y) == 4:
                out += [f"{y}{mo:02d}" for mo in range(1, 13)]
            elif freq == "A" and len(y) != 4:
                raise ConfigError(Message("dl_month_annual", period=y))
            else:
                out.append(y)
    return tuple(dict.fromkeys(out))


def check_key(key: str | None) -> None:
    """Refuse a subscription key that cannot be one (empty, or with spaces, line breaks or
    other control characters, e.g. a trailing newline pasted into ``COMTRADE_API_KEY``),
    naming what is wrong and where but never the key itself."""
    if key is None:
        return
    bad = [i for i, ch in enumerate(key) if ch.isspace() or not ch.isprintable() or ord(ch) > 126]
    if not key or bad:
        what = Message("dl_key_empty") if not key else Message("dl_key_spaces", n=len(bad), at=bad[0] + 1, length=len(key))
        raise ConfigError(Message("dl_bad_key", env=ENV_COMTRADE_KEY, what=what))


@dataclass(frozen=True, slots=True)
class ComtradeClient:
    """UN Comtrade API v1 client; the preview endpoint when ``api_key`` is None.

    ``min_interval`` seconds are left between calls (the API allows about one call per
    second); ``retry`` governs retries of 429/5xx/connection errors.
    """

    api_key: str | None = field(default=None, repr=False)  # never shown (repr, messages)
    base_url: str = COMTRADE_BASE_URL
    retry: RetryPolicy = RetryPolicy()
    timeout: float = 120.0
    min_interval: float = 1.0
    session: requests.Session | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_key(self.api_key)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: object) -> ComtradeClient:
        """A client with the key of ``COMTRADE_API_KEY`` (the preview endpoint without it)."""
        env = os.environ if environ is None else environ
        return cls(api_key=env.get(ENV_COMTRADE_KEY) or None, **kwargs)  # type: ignore[arg-type]

    @property
    def preview(self) -> bool:
        return self.api_key is None

    @property
    def max_records(self) -> int:
        return PREVIEW_MAX_RECORDS if self.preview else FULL_MAX_RECORDS

    def endpoint(self, freq: str, classification: str) -> str:
        path = "public/v1/preview" if self.preview else "data/v1/get"
        return f"{self.base_url.rstrip('/')}/{path}/C/{freq}/{classification}"

    def fetch(
        self,
        dest: str | Path,
        *,
        reporter: str | int | Sequence[str | int],
        period: str | int | Sequence[str | int],
        partner: str | int | Sequence[str | int] | None = None,
        flow: str | Sequence[str] | None = None,
        cmd: str | Sequence[str] = "TOTAL",
        freq: str = "A",
        classification: str = "HS",
    ) -> list[Path]:
        """Ask the API, chunking periods by 12, and save every non-empty answer under ``dest``.

        Returns the saved JSON files in period order.
        """
        if freq not in FREQUENCIES:
            raise ConfigError(Message("dl_not_valid", what="frequency", value=freq, allowed=", ".join(FREQUENCIES)))
        if classification not in API_CLASSIFICATIONS:
            raise ConfigError(Message("dl_not_valid", what="classification", value=classification,
                                      allowed=", ".join(API_CLASSIFICATIONS)))
        rep = _codes(reporter)
        if rep is None:
            raise ConfigError(Message("dl_no_reporter"))
        periods = expand_periods(period, freq)
        base = ComtradeQuery(reporter=rep, periods=periods[:1], partner=_codes(partner), flow=_codes(flow),
                             cmd=_codes(cmd) or "TOTAL", freq=freq, classification=classification)
        dest = Path(dest)
        dest.mkdir(parents=True, exist_ok=True)
        session = self.session or requests.Session()
        pending = [replace(base, periods=periods[i: i + MAX_PERIODS]) for i in range(0, len(periods), MAX_PERIODS)]
        saved: list[Path] = []
        first = True
        while pending:
            query = pending.pop(0)
            if not first and self.min_interval > 0:
                self.retry.sleep(self.min_interval)
            first = False
            body, records = self._call(session, query)
            if records >= self.max_records and len(query.periods) > 1:
                half = len(query.periods) // 2
                pending[:0] = [replace(query, periods=query.periods[:half]), replace(query, periods=query.periods[half:])]
                continue
            if records >= self.max_records:
                warnings.warn(
                    f"UN Comtrade returned {records} records for {query.file_name()}, the cap of the "
                    f"{'preview' if self.preview else 'full'} API: later records are missing; "
                    + ("set COMTRADE_API_KEY for the full API or narrow the query" if self.preview else "narrow the query"),
                    TruncatedWarning,
                    stacklevel=2,
                )
            if records == 0:
                warnings.warn(f"UN Comtrade has no records for {query.file_name()}; nothing saved", UserWarning, stacklevel=2)
                continue
            saved.append(_save(dest / query.file_name(), body))
        return saved

    def _call(self, session: requests.Session, query: ComtradeQuery) -> tuple[bytes, int]:
        url = self.endpoint(query.freq, query.classification)
        headers = {KEY_HEADER: self.api_key} if self.api_key else {}
        response = request(session, url, params=query.params(self.max_records), headers=headers,
                           retry=self.retry, timeout=self.timeout)
        body = response.content
        try:
            doc = json.loads(body)
        except ValueError:
            raise DownloadError(Message("dl_not_json", url=url, status=response.status_code, body=body[:120])) from None
        if not isinstance(doc, dict):
            raise DownloadError(Message("dl_not_object", url=url))
        if str(doc.get("error") or "").strip():
            raise DownloadError(Message("dl_comtrade_error", url=url, error=str(doc["error"]).strip()))
        data = doc.get("data")
        if not isinstance(data, list):
            raise DownloadError(Message("dl_no_data", url=url))
        return body, len(data)


def _save(path: Path, body: bytes) -> Path:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(body)
    os.replace(tmp, path)
    return path


__all__ = ["COMTRADE_BASE_URL", "ComtradeClient", "ComtradeQuery", "TruncatedWarning", "expand_periods"]
