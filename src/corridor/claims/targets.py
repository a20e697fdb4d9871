"""Claims of modality *target* matched to a roadmap's targets, and current figures told
apart from the target in the same sentence.

Matching (:func:`match`).  A target claim ("планируется довести товарооборот до $40 млрд
к 2030 году") matches a roadmap target when

- the indicator is the same (``turnover``, ``exports``, ``imports``, ``balance``;
  ``agri_exports`` = ``agricultural_exports``; ``product_exports``/``product_imports``
  when the claim's product codes overlap the target's ``product_codes``);
- the economies are the same (either order for turnover, which is symmetric); a claim that
  names no economies matches on the rest;
- the printed value stands for the target: the target value lies within the printed
  rounding of the claim (half a unit of its last digit, widened by its qualifiers, as in
  :func:`corridor.claims.verification.bounds`); a growth claim matches a growth target
  the same way;
- the year is the target year.

Each match carries the target's progress by each side (status, latest year and value,
ratio, growth still needed).  A target claim that matches nothing is reported as a target
the roadmap lacks (``status`` ``not_in_roadmap``).

Current figures (:func:`restate_current`).  The extractor gives every amount of a target
clause the target modality; one whose year is before the target year of another target
claim of the same sentence, and not after the publication year, is a statement of the
current figure ("... to $40 billion by 2030, from $31.5 billion in 2023"): it is checked
as a fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .model import CheckedClaim, Claim

INDICATOR = {"turnover": "turnover", "exports": "exports", "imports": "imports", "balance": "balance",
             "agri_exports": "agricultural_exports", "product_exports": "product_exports",
             "product_imports": "product_imports"}


@dataclass(frozen=True, slots=True)
class TargetMatch:
    """One roadmap target a claim matches, with its progress by side (``sides``: records of
    side, reported_by, status, latest_year, latest_value, target_value, ratio, growth_needed)."""

    id: str
    title: str
    target_value: float | None
    target_year: int
    sides: tuple[dict[str, Any], ...]
    unit: str = "usd"
    title_ru: str = ""


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """What the roadmap says of a target claim: ``status`` ``matched`` (``targets`` hold the
    matches) or ``not_in_roadmap``."""

    status: str
    targets: tuple[TargetMatch, ...] = ()

    def record(self) -> dict[str, Any]:
        return {"status": self.status, "targets": [
            {"id": m.id, "title": m.title, "title_ru": m.title_ru, "target_value": m.target_value, "target_year": m.target_year,
             "sides": [dict(s) for s in m.sides]} for m in self.targets]}


def restate_current(claims: Sequence[Claim], *, published: dt.date | None = None) -> list[Claim]:
    """Claims with the current figures of target sentences restated as facts (module doc)."""
    out = list(claims)
    for k, c in enumerate(out):
        if c.modality != "target" or c.period is None or c.period.year is None:
            continue
        later = [o.period.year for o in claims if o is not c and o.start == c.start and o.modality == "target"
                 and o.period is not None and o.period.year is not None and o.period.year > c.period.year]
        if later and (published is None or c.period.year <= published.year):
            out[k] = replace(c, modality="fact")
    return out


def match(claim: Claim, reports: Sequence[Any], *, product_hs: dict[str, tuple[str, ...]] | None = None,
          tolerance: Any = None) -> TargetCheck | None:
    """The roadmap's targets matching a target claim (``None`` for other claims).
    ``reports`` are :class:`corridor.roadmap.evaluate.TargetReport` records."""
    from .verification import PRODUCT_HS, Tolerance, bounds

    if claim.modality != "target":
        return None
    tol = tolerance or Tolerance()
    hs = product_hs or PRODUCT_HS
    indicator = INDICATOR.get(claim.indicator)
    year = claim.period.year if claim.period else None
    found = []
    for r in reports:
        t = r.target
        if indicator != t.indicator or year != t.target_year:
            continue
        if indicator in ("product_exports", "product_imports"):
            codes = hs.get(claim.product or "", ())
            if not any(a.startswith(b) or b.startswith(a) for a in codes for b in t.product_codes):
                continue
        if not _same_economies(claim, t):
            continue
        if not _value_matches(claim, t, bounds, tol):
            continue
        found.append(TargetMatch(t.id, t.title, t.target_value, t.target_year, tuple(_side(s) for s in r.sides),
                                 t.unit, t.title_ru))
    return TargetCheck("matched", tuple(found)) if found else TargetCheck("not_in_roadmap")


def attach(checked: Sequence[CheckedClaim], reports: Sequence[Any]) -> list[CheckedClaim]:
    """``checked`` with the roadmap matches of every target claim in ``targets``."""
    return [replace(cc, targets=match(cc.claim, reports)) if cc.claim.modality == "target" else cc
            for cc in checked]


def _same_economies(claim: Claim, t: Any) -> bool:
    have = (claim.reporter, claim.partner)
    if have == (None, None):
        return True
    if claim.indicator == "turnover":
        return {x for x in have if x} <= {t.reporter, t.partner} and (None in have or set(have) == {t.reporter, t.partner})
    return (claim.reporter in (None, t.reporter)) and (claim.partner in (None, t.partner))


def _value_matches(claim: Claim, t: Any, bounds, tol) -> bool:
    if claim.value_usd is not None and t.target_value is not None and t.unit == "usd":
        step = (claim.amount_step or 0) * (claim.value_usd / claim.amount if claim.amount else 1)
        lo, hi = bounds(claim.value_usd, step, claim.qualifiers, tol, converted=claim.converted)
        return lo <= t.target_value <= hi
    if claim.amount is None and claim.growth_pct is not None and t.target_growth_pct is not None:
        lo, hi = bounds(claim.growth_pct, claim.growth_step, claim.qualifiers, tol)
        return lo <= t.target_growth_pct <= hi
    return False


def _side(s: Any) -> dict[str, Any]:
    p = s.progress
    return {"side": s.side, "reported_by": s.reported_by, "status": p.status, "latest_year": p.latest_year,
            "latest_value": p.latest_value, "target_value": p.target_value, "ratio": p.ratio,
            "growth_needed": p.growth_needed}


_TEXTS = {
    "en": {"matched": "roadmap target", "not_in_roadmap": "a target the roadmap lacks (no matching target)",
           "own": "own", "mirror": "mirror", "latest": "latest", "achieved": "achieved", "on_track": "on track",
           "acceleration_needed": "progress, acceleration needed", "limited_progress": "limited progress",
           "deterioration": "deterioration", "no_data": "no data"},
    "ru": {"matched": "цель дорожной карты", "not_in_roadmap": "такой цели в дорожной карте нет",
           "own": "свои", "mirror": "зеркальные", "latest": "последнее", "achieved": "достигнута",
           "on_track": "по графику", "acceleration_needed": "прогресс, нужно ускорение",
           "limited_progress": "ограниченный прогресс", "deterioration": "ухудшение", "no_data": "нет данных"},
}


def render_lines(check: TargetCheck, lang: str) -> list[str]:
    """Lines of the text report for a target claim's roadmap matches (the claims layer
    renders its own report; the roadmap's renderer is :mod:`corridor.reports.roadmap`)."""
    from .verification import usd

    L = _TEXTS[lang]
    if check.status != "matched":
        return [f"    {L['not_in_roadmap']}"]
    lines = []
    for m in check.targets:
        lines.append(f"    {L['matched']}: {m.id} ({m.title_ru if lang == 'ru' and m.title_ru else m.title})")
        for s in m.sides:
            side = L["own"] if s["side"] == "reporter" else L["mirror"]
            value = s["latest_value"]
            shown = "" if value is None else usd(value) if m.unit == "usd" else f"{value:g}"
            latest = "" if value is None else f", {L['latest']} {s['latest_year']}: {shown}"
            lines.append(f"      {s['reported_by']} ({side}): {L[s['status']]}{latest}")
    return lines
