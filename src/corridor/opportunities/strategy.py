"""Strategy presets of the Atlas of Economic Complexity and the opportunity score.

The Growth Lab's Atlas of Economic Complexity (Hausmann, Hidalgo et al. 2014, *The Atlas
of Economic Complexity: Mapping Paths to Prosperity*, MIT Press; and the Atlas's
"Growth Opportunities" pages, atlas.hks.harvard.edu) ranks a country's candidate products
by a weighted sum of three standardised terms: *distance* (how far the product is from
the country's current capabilities; lower is better), *product complexity* (PCI) and
*opportunity gain* (COG, how much the product would open up new nearby products).  Its
three product-selection presets are

=====================  ========  ==========  ================
preset                 distance  complexity  opportunity gain
=====================  ========  ==========  ================
low-hanging fruit      60 %      15 %        25 %
balanced portfolio     50 %      15 %        35 %
long jumps             45 %      20 %        35 %
=====================  ========  ==========  ================

and its country-level *strategic approaches* (chosen from the country's complexity and
complexity outlook) map onto them in corridor as: light touch -> low-hanging fruit,
parsimonious industrial policy -> balanced portfolio, strategic bets -> long jumps.  The
weights were transcribed from the Atlas's web interface, not downloaded, and are **not
confirmed** against a published Atlas document (a search of the stored documentation and
web pages found none that states them; see docs/opportunities.md); the approach -> preset
mapping is corridor's.

corridor adds a *market* term for the target market (the Atlas ranks against the world):
``market = mean(z(ln(1 + demand)), z(growth))`` (the market's imports of the product and
their annual growth), and the final score is ``(1 - market_weight) * product_space +
market_weight * market``.  Every term is a z-score over the candidate products, so the
weights are comparable; a missing term (e.g. no product-space data) counts as 0 and the
result's ``notes`` say so.

This works on the small ranked frame (one row per product) with vectorised pandas/NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ConfigError

from ..options import Strategy, check, values
from ..messages import Message

STRATEGIES: tuple[str, ...] = values(Strategy)


@dataclass(frozen=True, slots=True)
class StrategyWeights:
    """Weights of the product-space score; ``distance + complexity + opportunity_gain == 1``."""

    name: str
    distance: float
    complexity: float
    opportunity_gain: float
    label_en: str
    label_ru: str


PRESETS: dict[str, StrategyWeights] = {
    "low_hanging_fruit": StrategyWeights("low_hanging_fruit", 0.60, 0.15, 0.25, "Low-hanging fruit", "Низко висящие плоды"),
    "balanced_portfolio": StrategyWeights("balanced_portfolio", 0.50, 0.15, 0.35, "Balanced portfolio", "Сбалансированный портфель"),
    "long_jumps": StrategyWeights("long_jumps", 0.45, 0.20, 0.35, "Long jumps", "Дальние прыжки"),
}

#: Atlas strategic approach -> the product-selection preset corridor uses for it.
APPROACHES: dict[str, str] = {
    "light_touch": "low_hanging_fruit",
    "parsimonious_industrial_policy": "balanced_portfolio",
    "strategic_bets": "long_jumps",
}


def strategy_weights(strategy: str) -> StrategyWeights:
    """The weights of a preset or strategic approach; :class:`ConfigError` lists the allowed names."""
    check(strategy, Strategy, field="strategy")
    return PRESETS[APPROACHES.get(strategy, strategy)]


def zscore(values: pd.Series) -> pd.Series:
    """``(x - mean) / std`` (population std) over the non-null values; nulls and constant columns give 0.

    A column is constant when its spread is below 1e-12 of its magnitude (floating-point
    noise of equal values must not become a +-1 signal).
    """
    x = pd.to_numeric(values, errors="coerce").astype("float64")
    sd = x.std(ddof=0)
    scale = max(1.0, float(x.abs().max())) if x.notna().any() else 1.0
    if not np.isfinite(sd) or sd <= 1e-12 * scale:
        return pd.Series(0.0, index=values.index)
    return ((x - x.mean()) / sd).fillna(0.0)


def score(frame: pd.DataFrame, *, strategy: str = "balanced_portfolio", market_weight: float = 0.5) -> pd.DataFrame:
    """Add ``feasibility, product_space_score, market_score, score`` to a candidate frame.

    ``frame`` may hold ``distance`` (or ``density``; feasibility = -z(distance)), ``pci``,
    ``cog``, ``demand`` and ``demand_growth``; absent columns count as 0.  Returns a copy.
    """
    if not 0.0 <= market_weight <= 1.0:
        raise ConfigError(Message("opp_market_weight", value=market_weight))
    w = strategy_weights(strategy)
    zero = pd.Series(0.0, index=frame.index)
    if "distance" in frame:
        feasibility = -zscore(frame["distance"])
    elif "density" in frame:
        feasibility = zscore(frame["density"])
    else:
        feasibility = zero
    pci = zscore(frame["pci"]) if "pci" in frame else zero
    cog = zscore(frame["cog"]) if "cog" in frame else zero
    size = zscore(np.log1p(frame["demand"].clip(lower=0))) if "demand" in frame else zero
    growth = zscore(frame["demand_growth"]) if "demand_growth" in frame else zero
    out = frame.copy()
    out["feasibility"] = feasibility
    out["product_space_score"] = w.distance * feasibility + w.complexity * pci + w.opportunity_gain * cog
    out["market_score"] = (size + growth) / 2.0
    out["score"] = (1.0 - market_weight) * out["product_space_score"] + market_weight * out["market_score"]
    return out
