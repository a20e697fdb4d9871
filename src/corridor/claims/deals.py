"""Claims about deals signed at an event ("companies signed agreements worth $2.5 billion",
«общая стоимость заключённых соглашений достигла 2,5 млрд долларов»), checked against the
pledge ledger of the event named or implied (:mod:`corridor.deals`).

A sentence is a deal claim when it names agreements, contracts or deals, a signing word
and an amount of money.  The event is recognised by its name (the China International
Import Expo: "CIIE", "Import Expo", «выставка импортных товаров», «ЭКСПО» with Shanghai,
and the ledger's own event names) and its year (printed; else from the edition's ordinal,
«VII» / "seventh" CIIE = 2024, the first having been held in November 2018; else the
publication's).  The
economies of the signers («казахстанские компании», "Kazakh companies") restrict the sum
to their deals.

Verdict: *supported* when the printed figure equals the ledger's sum within its printed
rounding or truncation (the press rounds and truncates: 2.5 stands for 2.45 .. 2.6) or
0.5 %; *contradicted* otherwise, with the difference; *not checkable* when no ledger
release holds the event, saying what would make it checkable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..deals.model import Deal
from .numbers import find_amounts

_DEAL = re.compile(r"соглашени|контракт|сделк|договор|меморандум|agreement|contract|deal|memorand", re.I)
_SIGN = re.compile(r"подпис|заключ|достигл|составил|signed|inked|concluded|worth|totall?ed|reached", re.I)
_CIIE = re.compile(r"\bCIIE\b|import\s+expo|импортн\w*\s+(?:товаров\s+)?выставк|выставк\w*\s+импортн|"
                   r"\bКМВИТ\b|ЭКСПО\s+импорт", re.I)
_YEAR = re.compile(r"\b(20[1-3]\d)\b")
_ECONOMY = (("KAZ", re.compile(r"казахстанск|kazakh", re.I)), ("CHN", re.compile(r"китайск|chinese", re.I)),
            ("UZB", re.compile(r"узбекск|uzbek", re.I)), ("KGZ", re.compile(r"кыргызск|киргизск|kyrgyz", re.I)))
#: the CIIE is held every November since 2018: the N-th expo is in 2017 + N
_CIIE_FIRST_YEAR = 2018
_ORDINAL = re.compile(
    r"\b(?P<roman>X|IX|VIII|VII|VI|V|IV|III|II|I)\b|\b(?P<num>\d{1,2})(?:-?(?:th|st|nd|rd|й|я|ой|ая|ей))\b|"
    r"\b(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\w*", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_WORDS = {w: i + 1 for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                           "ninth", "tenth"))}
_WORDS |= {w: i + 1 for i, w in enumerate(("перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм",
                                            "девят", "десят"))}


def ciie_edition_year(sentence: str) -> int | None:
    """The year of the CIIE edition an ordinal names just before the expo's name
    («VII Китайской ...», "the seventh China International Import Expo", "7th CIIE")."""
    m = _CIIE.search(sentence)
    if m is None:
        return None
    before = sentence[max(0, m.start() - 60):m.start()]
    hits = list(_ORDINAL.finditer(before))
    if not hits:
        return None
    h = hits[-1]
    if h.group("roman"):
        n = _ROMAN[h.group("roman").upper()]
    elif h.group("num"):
        n = int(h.group("num"))
    else:
        n = _WORDS.get(h.group("word").lower().replace("ё", "е"))
    return _CIIE_FIRST_YEAR - 1 + n if n else None


#: relative tolerance for releases and conversions
REL_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class DealClaim:
    """A printed total of deals: ``value`` (in ``currency``), ``step`` (its last printed
    digit), the event family and year recognised, the signers' economy if named."""

    text: str
    start: int
    end: int
    value: float
    currency: str | None
    step: float
    family: str | None
    year: int | None
    signers: str | None


@dataclass(frozen=True, slots=True)
class DealVerdict:
    """``status`` (supported, contradicted, not_checkable), the events and deal ids summed,
    their total in USD, the difference in percent, and a reason key."""

    claim: DealClaim
    status: str
    reason: str
    events: tuple[str, ...] = ()
    deal_ids: tuple[str, ...] = ()
    ledger_usd: float | None = None
    claimed_usd: float | None = None
    difference_pct: float | None = None
    cancelled_usd: float = 0.0


def extract_deal_claims(text: str, *, published: dt.date | None = None, lang: str | None = None) -> list[DealClaim]:
    """Every deal claim of ``text``, one per amount of a deal sentence (linear in the text)."""
    from .extract import sentences

    out = []
    for start, end in sentences(text):
        s = text[start:end]
        if not (_DEAL.search(s) and _SIGN.search(s)):
            continue
        language = lang or ("ru" if re.search("[а-яё]", s, re.I) else "en")
        family = "CIIE" if _CIIE.search(s) else None
        years = [int(y) for y in _YEAR.findall(s)]
        edition = ciie_edition_year(s) if family else None
        year = years[0] if years else edition or (published.year if published else None)
        signers = next((code for code, rx in _ECONOMY if rx.search(s)), None)
        for a in find_amounts(s, lang=language):
            if not a.has_scale and a.value < 1e6:
                continue
            out.append(DealClaim(text=s.strip(), start=start + a.start, end=start + a.end, value=a.value,
                                 currency=a.currency, step=a.step, family=family, year=year, signers=signers))
    return out


def _family_of(event: str) -> str | None:
    return "CIIE" if _CIIE.search(event) else None


def matching_events(claim: DealClaim, deals: Sequence[Deal]) -> list[str]:
    """The ledger's events the claim speaks of: same family (or the claim names the
    event's own name) and same year (in the event's name, else of its signings)."""
    names = sorted({d.event for d in deals})
    out = []
    for name in names:
        if claim.family is None and name.casefold() not in claim.text.casefold():
            continue
        if claim.family is not None and _family_of(name) != claim.family and name.casefold() not in claim.text.casefold():
            continue
        years = {int(y) for y in _YEAR.findall(name)} or {d.signed.year for d in deals if d.event == name}
        if claim.year is None or claim.year in years:
            out.append(name)
    return out


def check_deal_claims(claims: Sequence[DealClaim], deals: Sequence[Deal] | None) -> list[DealVerdict]:
    """Verdicts of ``claims`` against the ledger ``deals`` (``None``: no ledger stored)."""
    from .fx import to_usd

    out = []
    for c in claims:
        usd = c.value if c.currency in (None, "USD") else to_usd(c.value, c.currency, c.year)[0]
        if deals is None:
            out.append(DealVerdict(c, "not_checkable", "no_ledger", claimed_usd=usd))
            continue
        events = matching_events(c, deals)
        if not events:
            out.append(DealVerdict(c, "not_checkable", "no_ledger_for_event", claimed_usd=usd))
            continue
        mine = [d for d in deals if d.event in events and (c.signers is None or c.signers in (d.exporter, d.importer))]
        if not mine or usd is None:
            out.append(DealVerdict(c, "not_checkable", "no_deals_of_signers" if usd is not None else "no_rate",
                                   events=tuple(events), claimed_usd=usd))
            continue
        total = sum(d.pledged_usd for d in mine)
        step = c.step if c.currency in (None, "USD") else (to_usd(c.step, c.currency, c.year)[0] or 0.0)
        low, high = usd - step / 2 - REL_TOLERANCE * usd, usd + step + REL_TOLERANCE * usd  # rounded or truncated
        status = "supported" if low <= total <= high else "contradicted"
        out.append(DealVerdict(c, status, "within_rounding" if status == "supported" else "differs",
                               events=tuple(events), deal_ids=tuple(d.id for d in mine), ledger_usd=total,
                               claimed_usd=usd, difference_pct=(usd - total) / total * 100.0,
                               cancelled_usd=sum(d.pledged_usd for d in mine if d.status == "cancelled")))
    return out


def verdict_record(v: DealVerdict) -> dict:
    """A JSON-ready record of a verdict."""
    rec = dataclasses.asdict(v)
    rec["claim"] = dataclasses.asdict(v.claim)
    rec["events"], rec["deal_ids"] = list(v.events), list(v.deal_ids)
    return rec
