"""Scoring the claim checker against a labelled corpus: precision and recall per field,
and the verdicts.

A corpus is JSON Lines, one item per line: ``id``, ``lang``, ``text``, optional ``kind``
(``sentence`` or ``document``: an article text of several lines and claims), optional
``published`` (``YYYY-MM-DD``) and ``claims``, each a record with the fields of
:data:`FIELDS` (absent = null; ``modality`` defaults to ``fact``; ``period`` is a label such
as ``2024-01..07``, ``year`` is taken from it; ``amount`` is in the printed currency, scaled
and signed; ``hs`` the HS codes of the product, e.g. ``2603`` or ``01-24``) and the
expected verdicts :data:`VERDICT_FIELDS` against the real data (see
``benchmarks/claims.py``).

Method: within an item, predicted and expected claims are paired greedily by the number
of fields on which they agree (pairs agreeing on one field or none stay unpaired).  For
each field, a predicted value that equals its pair's expected value is a true positive; a
predicted value that differs or has no pair is a false positive; an expected value not
reproduced is a false negative.  Empty values (null, empty list) are neither predicted nor
expected.  Overall figures are micro-averages over all fields.

Verdicts: an expected verdict is right when its paired claim got the same status (a missed
claim is wrong).  *Checkable* claims are those whose expected verdict is not
``not_checkable``.  A false contradiction is a ``contradicted`` verdict (level or growth) on
a claim whose expected verdict is something else, or on a claim that was not expected.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..messages import Message, library_detail
from .model import CheckedClaim, Claim
from .products import hs_label

FIELDS: tuple[str, ...] = (
    "indicator", "reporter", "partner", "product", "hs", "year", "period", "amount", "currency", "growth_pct",
    "modality", "qualifiers",
)
#: Verdict labels of a corpus claim: the level's (or, without a level, the growth's) and the growth's.
VERDICT_FIELDS: tuple[str, ...] = ("verdict", "growth_verdict")


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled sentence or document."""

    id: str
    lang: str
    text: str
    published: dt.date | None
    claims: tuple[dict, ...]
    kind: str = "sentence"


@dataclass(frozen=True, slots=True)
class FieldScore:
    field: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True, slots=True)
class VerdictScore:
    """``right``/``total`` over every expected verdict and over the checkable ones;
    ``false_contradictions`` as defined in the module docstring."""

    total: int
    right: int
    checkable: int
    checkable_right: int
    false_contradictions: int

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    @property
    def checkable_accuracy(self) -> float:
        return self.checkable_right / self.checkable if self.checkable else 1.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Per-field scores, the micro-average over fields (``overall``), claim detection
    (``claims``: a predicted claim paired with an expected one is a true positive) and the
    verdicts (``None`` when no verdicts were given)."""

    fields: tuple[FieldScore, ...]
    overall: FieldScore
    claims: FieldScore
    errors: tuple[str, ...]
    verdicts: VerdictScore | None = None


def load_corpus(path: str | Path) -> list[Item]:
    """Read a corpus file; every malformed line is reported at once."""
    path = Path(path)
    items, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pub = dt.date.fromisoformat(row["published"]) if row.get("published") else None
            items.append(Item(row["id"], row["lang"], row["text"], pub, tuple(row["claims"]), row.get("kind", "sentence")))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(Message("claims_not_corpus_item", detail=library_detail(exc)), line=n))
    if problems:
        raise InputError(path, problems)
    return items


def record(claim: Claim) -> dict:
    """The labelled fields of an extracted claim."""
    return {
        "indicator": claim.indicator, "reporter": claim.reporter, "partner": claim.partner,
        "product": claim.product, "hs": hs_label(claim.indicator, claim.product),
        "year": claim.period.year if claim.period else None,
        "period": claim.period.label if claim.period else None,
        "amount": claim.amount, "currency": claim.currency, "growth_pct": claim.growth_pct,
        "modality": claim.modality, "qualifiers": list(claim.qualifiers),
    }


def _norm(rec: dict) -> dict:
    out = {f: rec.get(f) for f in FIELDS}
    if out["year"] is None and out["period"]:
        out["year"] = int(str(out["period"])[:4])
    out["modality"] = out["modality"] or "fact"
    out["qualifiers"] = tuple(sorted(out["qualifiers"] or ())) or None
    return out


def _equal(field: str, a, b) -> bool:
    if field == "amount":
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    if field == "growth_pct":  # "на треть" is 33.3...%
        return math.isclose(float(a), float(b), rel_tol=1e-4, abs_tol=1e-3)
    return a == b


def _agreement(p: dict, g: dict) -> int:
    return sum(1 for f in FIELDS if p[f] is not None and g[f] is not None and _equal(f, p[f], g[f]))


def _pair(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    cands = sorted(((_agreement(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
                   key=lambda t: (-t[0], t[1], t[2]))
    used_p, used_g, pairs = set(), set(), []
    for agree, i, j in cands:
        if agree > 1 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _statuses(cc: CheckedClaim) -> dict[str, str | None]:
    return {"verdict": cc.verdict.status, "growth_verdict": cc.growth_verdict.status if cc.growth_verdict else None}


def score(items: Sequence[Item], predictions: Iterable[Sequence[Claim]],
          checked: Iterable[Sequence[CheckedClaim]] | None = None) -> Scores:
    """Score ``predictions`` (one list of claims per item, in order) against ``items``;
    with ``checked`` (the verified claims, same order) also the verdicts."""
    counts = {f: [0, 0, 0] for f in FIELDS}
    claim_counts = [0, 0, 0]
    verdict_counts = [0, 0, 0, 0, 0]
    errors: list[str] = []
    checked_lists = list(checked) if checked is not None else None
    for n, (item, claims) in enumerate(zip(items, predictions, strict=True)):
        pred = [_norm(record(c)) for c in claims]
        gold = [_norm(g) for g in item.claims]
        pairs = _pair(pred, gold)
        claim_counts[0] += len(pairs)
        claim_counts[1] += len(pred) - len(pairs)
        claim_counts[2] += len(gold) - len(pairs)
        paired_p = {i: j for i, j in pairs}
        paired_g = {j: i for i, j in pairs}
        for i, p in enumerate(pred):
            g = gold[paired_p[i]] if i in paired_p else None
            for f in FIELDS:
                ok = g is not None and p[f] is not None and g[f] is not None and _equal(f, p[f], g[f])
                if p[f] is not None:
                    counts[f][0 if ok else 1] += 1
                if g is not None and g[f] is not None and not ok:
                    counts[f][2] += 1
                if not ok and (p[f] is not None or (g is not None and g[f] is not None)):
                    errors.append(f"{item.id} {f}: got {p[f]!r}, expected {g[f] if g else None!r}")
        for j, g in enumerate(gold):
            if j not in paired_g:
                errors.append(f"{item.id}: missed claim {g['indicator']} {g['amount'] or g['growth_pct']}")
                for f in FIELDS:
                    counts[f][2] += g[f] is not None
        if checked_lists is not None:
            _score_verdicts(item, checked_lists[n], paired_g, verdict_counts, errors)
    fields = tuple(FieldScore(f, *counts[f]) for f in FIELDS)
    overall = FieldScore("overall", *(sum(c[k] for c in counts.values()) for k in range(3)))
    verdicts = VerdictScore(*verdict_counts) if checked_lists is not None else None
    return Scores(fields, overall, FieldScore("claims", *claim_counts), tuple(errors), verdicts)


def _score_verdicts(item: Item, checked: Sequence[CheckedClaim], paired_g: dict[int, int], counts: list[int],
                    errors: list[str]) -> None:
    """Add one item's verdicts to ``counts`` = [total, right, checkable, checkable_right, false contradictions]."""
    expected_by_pred: dict[int, dict] = {}
    for j, g in enumerate(item.claims):
        got = _statuses(checked[paired_g[j]]) if j in paired_g else {}
        if j in paired_g:
            expected_by_pred[paired_g[j]] = g
        for f in VERDICT_FIELDS:
            want = g.get(f)
            if want is None:
                continue
            right = got.get(f) == want
            counts[0] += 1
            counts[1] += right
            if want != "not_checkable":
                counts[2] += 1
                counts[3] += right
            if not right:
                errors.append(f"{item.id} {f}: got {got.get(f)!r}, expected {want!r}")
    for i, cc in enumerate(checked):
        g = expected_by_pred.get(i, {})
        for f, status in _statuses(cc).items():
            if status == "contradicted" and g.get(f) != "contradicted":
                counts[4] += 1
                errors.append(f"{item.id} {f}: FALSE CONTRADICTION of «{cc.claim.text.strip()[:80]}»")
