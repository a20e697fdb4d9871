"""Scoring extraction against a labelled corpus: precision and recall per field.

A corpus is JSON Lines, one item per line: ``id``, ``lang``, ``text``, optional
``published`` (``YYYY-MM-DD``) and ``claims``, each a record with the fields of
:data:`FIELDS` (absent = null; ``modality`` defaults to ``fact``; ``period`` is a label
such as ``2024-01..07``; ``amount`` is in the printed currency, scaled and signed).

Method: within an item, predicted and expected claims are paired greedily by the number
of fields on which they agree (pairs agreeing on nothing stay unpaired).  For each field,
a predicted value that equals its pair's expected value is a true positive; a predicted
value that differs or has no pair is a false positive; an expected value not reproduced
is a false negative.  Empty values (null, empty list) are neither predicted nor expected.
Overall figures are micro-averages over all fields.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from .model import Claim

FIELDS: tuple[str, ...] = (
    "indicator", "reporter", "partner", "product", "period", "amount", "currency", "growth_pct",
    "modality", "qualifiers", "carried",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled sentence or paragraph."""

    id: str
    lang: str
    text: str
    published: dt.date | None
    claims: tuple[dict, ...]


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
class Scores:
    """Per-field scores, the micro-average over fields (``overall``) and claim detection
    (``claims``: a predicted claim paired with an expected one is a true positive)."""

    fields: tuple[FieldScore, ...]
    overall: FieldScore
    claims: FieldScore
    errors: tuple[str, ...]


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
            items.append(Item(row["id"], row["lang"], row["text"], pub, tuple(row["claims"])))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(f"not a corpus item: {exc}", line=n))
    if problems:
        raise InputError(path, problems)
    return items


def record(claim: Claim) -> dict:
    """The labelled fields of an extracted claim."""
    return {
        "indicator": claim.indicator, "reporter": claim.reporter, "partner": claim.partner,
        "product": claim.product, "period": claim.period.label if claim.period else None,
        "amount": claim.amount, "currency": claim.currency, "growth_pct": claim.growth_pct,
        "modality": claim.modality, "qualifiers": list(claim.qualifiers), "carried": list(claim.carried),
    }


def _norm(rec: dict) -> dict:
    out = {f: rec.get(f) for f in FIELDS}
    out["modality"] = out["modality"] or "fact"
    for f in ("qualifiers", "carried"):
        out[f] = tuple(sorted(out[f] or ())) or None
    return out


def _equal(field: str, a, b) -> bool:
    if field in ("amount", "growth_pct"):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    return a == b


def _agreement(p: dict, g: dict) -> int:
    return sum(1 for f in FIELDS if p[f] is not None and g[f] is not None and _equal(f, p[f], g[f]))


def _pair(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    cands = sorted(((_agreement(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), key=lambda t: (-t[0], t[1], t[2]))
    used_p, used_g, pairs = set(), set(), []
    for agree, i, j in cands:
        if agree > 1 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score(items: Sequence[Item], predictions: Iterable[Sequence[Claim]]) -> Scores:
    """Score ``predictions`` (one list of claims per item, in order) against ``items``."""
    counts = {f: [0, 0, 0] for f in FIELDS}
    claim_counts = [0, 0, 0]
    errors = []
    for item, claims in zip(items, predictions, strict=True):
        pred = [_norm(record(c)) for c in claims]
        gold = [_norm(g) for g in item.claims]
        pairs = _pair(pred, gold)
        claim_counts[0] += len(pairs)
        claim_counts[1] += len(pred) - len(pairs)
        claim_counts[2] += len(gold) - len(pairs)
        paired_p = {i: j for i, j in pairs}
        paired_g = {j for _, j in pairs}
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
    fields = tuple(FieldScore(f, *counts[f]) for f in FIELDS)
    overall = FieldScore("overall", *(sum(c[k] for c in counts.values()) for k in range(3)))
    return Scores(fields, overall, FieldScore("claims", *claim_counts), tuple(errors))
