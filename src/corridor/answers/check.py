"""Claim checking: the trade figures of a text, each with a verdict from both sides' statistics.

Document ``corridor.claims/1`` (docs/claims.md).  The query holds the *text* (the CLI reads
it from a file or standard input; the API takes it in a JSON body).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..claims.model import CheckedClaim
    from ..store import Workspace

SCHEMA = "corridor.claims/1"

#: Longest text checked at once (characters); the API answers 413 above it.
MAX_TEXT_CHARS = 200_000


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """``YYYY-MM-DD`` -> a date; an OptionError naming ``date`` otherwise."""
    from ..errors import OptionError, Problem

    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise OptionError(Message("err_not_a_date", value=value),
                          problems=[Problem(Message("err_not_a_date_short"), field="date", value=str(value),
                                            expected=Message("err_date_expected"), reason="not_a_date")]) from None


def parse_pair(value: str | tuple[str, str] | None) -> tuple[str, str] | None:
    """``"KAZ,CHN"`` -> ``("KAZ", "CHN")``; ``"none"`` or empty -> None."""
    from ..errors import OptionError, Problem

    if value is None or isinstance(value, tuple):
        return value
    if value.strip().lower() in ("", "none"):
        return None
    parts = [p.strip().upper() for p in value.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise OptionError(
            Message("err_not_a_pair", value=value),
            problems=[Problem(Message("err_not_a_pair_short"), field="assume_pair", value=value,
                              expected=Message("err_pair_expected"), reason="malformed")])
    return parts[0], parts[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """The ``text`` to check, its publication ``date`` (resolves "last year") and the pair
    of economies assumed when the text leaves one implicit (``assume_pair``, None = none)."""

    text: str
    date: dt.date | None = field(default=None, metadata={"parse": parse_date})
    assume_pair: tuple[str, str] | None = field(default=("KAZ", "CHN"), metadata={"parse": parse_pair})

    def __post_init__(self) -> None:
        from ..errors import OptionError, Problem

        object.__setattr__(self, "date", parse_date(self.date))
        object.__setattr__(self, "assume_pair", parse_pair(self.assume_pair))
        if len(self.text) > MAX_TEXT_CHARS:
            raise OptionError(Message("err_text_too_long", n=len(self.text), limit=MAX_TEXT_CHARS),
                              problems=[Problem(Message("err_text_too_long_short"), field="text",
                                                value=Message("err_characters", n=len(self.text)),
                                                expected=Message("err_at_most_characters", n=MAX_TEXT_CHARS),
                                                reason="too_large")])


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "check"
    query: Query
    checked: tuple[CheckedClaim, ...]
    #: claims of deals signed at an event, checked against the pledge ledger (corridor.claims.deals)
    deal_verdicts: tuple = ()

    def document(self) -> dict[str, Any]:
        from ..claims.deals import verdict_record
        from ..claims.report import to_document

        return {**to_document(list(self.checked), published=self.query.date), "text": self.query.text,
                "deal_claims": [verdict_record(v) for v in self.deal_verdicts]}

    def tables(self) -> dict[str, pd.DataFrame]:
        import pandas as pd

        rows = []
        for n, cc in enumerate(self.checked, start=1):
            c, v = cc.claim, cc.verdict
            g = cc.growth_verdict
            rows.append({
                "n": n, "text": c.text.strip(), "indicator": c.indicator, "product": c.product, "reporter": c.reporter,
                "partner": c.partner, "period": (c.period.label or c.period.text) if c.period else None,
                "modality": c.modality, "value_usd": c.value_usd, "growth_pct": c.growth_pct,
                "status": v.status if v else None, "reason": v.reason if v else None,
                "growth_status": g.status if g else None,
            })
        evidence = []
        for n, cc in enumerate(self.checked, start=1):
            for v in (cc.verdict, cc.growth_verdict):
                if v is None:
                    continue
                for e in v.evidence:
                    evidence.append({"n": n, "part": v.part, "reported_by": e.reported_by, "reporter": e.reporter,
                                     "source": e.source, "release": e.release, "period": e.period,
                                     "value": e.value_usd, "deviation_pct": e.deviation_pct, "matches": e.matches})
        claim_cols = ["n", "text", "indicator", "product", "reporter", "partner", "period", "modality", "value_usd",
                      "growth_pct", "status", "reason", "growth_status"]
        ev_cols = ["n", "part", "reported_by", "reporter", "source", "release", "period", "value", "deviation_pct",
                   "matches"]
        deal_rows = [{"text": v.claim.text, "value": v.claim.value, "currency": v.claim.currency, "year": v.claim.year,
                      "status": v.status, "reason": v.reason, "events": ";".join(v.events),
                      "ledger_usd": v.ledger_usd, "claimed_usd": v.claimed_usd, "deviation_pct": v.difference_pct}
                     for v in self.deal_verdicts]
        deal_cols = ["text", "value", "currency", "year", "status", "reason", "events", "ledger_usd", "claimed_usd",
                     "deviation_pct"]
        return {"claims": pd.DataFrame(rows, columns=claim_cols), "evidence": pd.DataFrame(evidence, columns=ev_cols),
                "deal_claims": pd.DataFrame(deal_rows, columns=deal_cols)}


def answer(ws: Workspace | None, query: Query) -> Result:
    """Check ``query.text``; with no workspace (``None``) every claim is not checkable and says why."""
    from ..claims import extract
    from ..claims.verification import verify

    from ..claims.deals import check_deal_claims, extract_deal_claims

    claims = extract(query.text, published=query.date)
    deal_claims = extract_deal_claims(query.text, published=query.date)
    if ws is None:
        checked = verify(claims, None, assume_pair=query.assume_pair, published=query.date)
    else:
        flows = ws.flows()
        checked = verify(claims, flows, assume_pair=query.assume_pair, published=query.date,
                         roadmap=_roadmap(ws, flows, claims))
    deals = _ledger(ws) if deal_claims else None
    return Result(query=query, checked=tuple(checked), deal_verdicts=tuple(check_deal_claims(deal_claims, deals)))


def _ledger(ws) -> tuple | None:
    """The deals of the stored ledger (latest release), or None when none is stored."""
    if ws is None:
        return None
    from ..deals.stored import stored_ledger
    from ..errors import QueryError

    try:
        return stored_ledger(ws)[0]
    except QueryError:
        return None


def _roadmap(ws, flows, claims) -> tuple | None:
    """The stored roadmap evaluated (no projections) when the text has target claims."""
    if not any(c.modality == "target" for c in claims):
        return None
    from ..errors import QueryError
    from ..roadmap.evaluate import evaluate
    from ..roadmap.stored import stored_roadmap

    try:
        targets, _ = stored_roadmap(ws)
    except QueryError:
        return None
    return evaluate(targets, flows, projections=False)


ANSWER = Answer(name="check", query=Query, run=answer, schema=SCHEMA)
