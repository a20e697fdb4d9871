"""Plain-language explanations of ranked opportunities, in English and Russian.

Each ranked product gets one sentence per language saying *why it is feasible* (density
or distance in the product space, the exporter's current RCA), *why it is attractive*
(PCI, COG, the market's imports and their growth) and *what is untapped* (potential
versus actual exports to the market).  Only the figures that were computed appear; a
missing figure is left out rather than shown as zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from ..indicators.notes import Note, Num, Pct, Usd, note, number, usd
from ..words import Count

if TYPE_CHECKING:
    from .shortlist import Threshold

TEXT: dict[str, dict[str, str]] = {
    "feasible": {"en": "feasible: {items}", "ru": "осуществимо: {items}"},
    "attractive": {"en": "attractive: {items}", "ru": "привлекательно: {items}"},
    "untapped": {"en": "untapped: {items}", "ru": "резерв: {items}"},
    "density": {"en": "density {v}", "ru": "плотность {v}"},
    "closer_than": {"en": "closer than {p}% of candidates", "ru": "ближе, чем {p}% кандидатов"},
    "rca": {"en": "RCA {v}", "ru": "RCA {v}"},
    "pci": {"en": "PCI {v}", "ru": "PCI {v}"},
    "cog": {"en": "COG {v}", "ru": "COG {v}"},
    "imports": {"en": "{market} imports {v}", "ru": "{market} импортирует {v}"},
    "growth": {"en": "{v}%/yr", "ru": "{v}% в год"},
    "potential": {"en": "potential {p} vs actual {a}", "ru": "потенциал {p} при фактическом экспорте {a}"},
    "gap": {"en": "{v} untapped", "ru": "неосвоено {v}"},
    "realised": {"en": "already above potential", "ru": "уже выше потенциала"},
    "no_potential": {"en": "no potential: no world exports of it, or no trade with this market",
                     "ru": "потенциала нет: нет мирового экспорта товара или торговли с этим рынком"},
    "strength": {"en": "an existing strength (RCA >= 1), not new diversification",
                 "ru": "уже сильная позиция (RCA >= 1), а не новая диверсификация"},
    "natural_resource": {"en": "natural resource", "ru": "природный ресурс"},
    "processed": {"en": "processed good", "ru": "продукт переработки"},
    "agricultural": {"en": "agricultural product", "ru": "сельскохозяйственный товар"},
}

def _present(rec: Mapping[str, object], key: str) -> bool:
    v = rec.get(key)
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def product_kind(rec: Mapping[str, object]) -> str:
    """``natural_resource`` (Atlas natural-resource list), else ``agricultural`` (WTO
    Agreement on Agriculture), else ``processed`` (manufactured goods)."""
    if rec.get("is_natural_resource") is True:
        return "natural_resource"
    if rec.get("is_agricultural") is True:
        return "agricultural"
    return "processed"


def explain(rec: Mapping[str, object], *, lang: str, market_name: str) -> str:
    """One product's explanation in ``lang`` from its ranked record (see module docstring)."""
    t = {k: v[lang] for k, v in TEXT.items()}
    feas: list[str] = []
    if _present(rec, "density"):
        feas.append(t["density"].format(v=number(float(rec["density"]), lang)))
    if _present(rec, "feasibility_pct"):
        feas.append(t["closer_than"].format(p=int(round(float(rec["feasibility_pct"])))))
    if _present(rec, "rca"):
        feas.append(t["rca"].format(v=number(float(rec["rca"]), lang)))
        if float(rec["rca"]) >= 1.0:
            feas.append(t["strength"])
    attr: list[str] = []
    for key in ("pci", "cog"):
        if _present(rec, key):
            attr.append(t[key].format(v=number(float(rec[key]), lang)))
    if _present(rec, "demand"):
        item = t["imports"].format(market=market_name, v=usd(float(rec["demand"]), lang))
        if _present(rec, "demand_growth"):
            g = 100.0 * float(rec["demand_growth"])
            item += " (" + t["growth"].format(v=("+" if g >= 0 else "") + number(g, lang, 1)) + ")"
        attr.append(item)
    attr.append(t[product_kind(rec)])
    gap: list[str] = []
    if _present(rec, "potential") and float(rec["potential"]) <= 0:
        gap.append(t["no_potential"])
    elif _present(rec, "potential"):
        gap.append(t["potential"].format(p=usd(float(rec["potential"]), lang), a=usd(float(rec.get("actual") or 0.0), lang)))
        if float(rec.get("untapped") or 0.0) > 0:
            gap.append(t["gap"].format(v=usd(float(rec["untapped"]), lang)))
        else:
            gap.append(t["realised"])
    parts = []
    if feas:
        parts.append(t["feasible"].format(items=", ".join(feas)))
    parts.append(t["attractive"].format(items=", ".join(attr)))
    if gap:
        parts.append(t["untapped"].format(items=", ".join(gap)))
    return "; ".join(parts).rstrip(".") + "."


def explain_frame(frame: pd.DataFrame, *, lang: str, market_name: str) -> pd.Series:
    """Explanations of every row of a (top-N) ranked frame."""
    records = frame.to_dict("records")
    return pd.Series([explain(r, lang=lang, market_name=market_name) for r in records], index=frame.index, dtype="object")




def ranking_notes(*, counts: Mapping[str, int], threshold: Threshold, rank_by: str,
                  value_weight: float) -> list[Note]:
    """Keyed notes on how the candidates were ranked and which were left out (and how many);
    their numbers are rendered in the reader's language (:class:`~corridor.indicators.notes.Num`)."""
    out = [note(f"rank_{rank_by}", ws=Num(1.0 - value_weight), wv=Num(value_weight))]
    if counts.get("strengths"):
        out.append(note("strengths", n=Count(counts["strengths"], "product")))
    if counts.get("natural"):
        out.append(note("natural", n=Count(counts["natural"], "natural_resource")))
    if counts.get("small"):
        out.append(note("small", n=Count(counts["small"], "product"), usd=Usd(threshold.usd), share=Pct(threshold.share),
                        floor=Usd(threshold.floor)))
    return out
