"""The default "balanced" shortlist: feasible, attractive *and* worth money.

The Atlas strategy score (:func:`corridor.opportunities.strategy.score`) says how near a
product is to the exporter's capabilities and how attractive it is; it says nothing
about dollars, so a product whose export potential is a few thousand dollars can head
the list.  ITC separates the two questions: its Export Potential Indicator (EPI) gives a
USD potential and the unrealised ("untapped") part of it, its Product Diversification
Indicator (PDI) ranks *new* products by product-space feasibility and market demand
without a dollar figure, because the supply capacity of a product not yet exported cannot
be measured from trade history (Decreux & Spies 2016, *Export Potential Assessments*,
ITC; ITC's course "Global trade statistics", lecture 5.2.1 "Overview of PDI",
coursera.org/lecture/global-statistics/5-2-1-overview-of-pdi-motivation-and-data-treatment-EfLVF).
The balanced shortlist joins them in two steps:

1. **Worth money** - candidates whose untapped potential is below
   ``max(min_untapped_share * A, min_untapped_usd)`` are left out, ``A`` being the
   exporter's actual exports to the market (the sum over products).  The default share
   :data:`DEFAULT_MIN_UNTAPPED_SHARE` (1e-5, i.e. 0.001 %; USD 58 k for Kazakhstan ->
   China 2017) removes lines with no or negligible untapped potential (no world exports
   of the product, or sales already above potential) and keeps small but real ones: the
   potential of a product the exporter does not yet sell competitively is small by
   construction (it scales with its current world market share).
2. **Rank** by ``balanced = (1 - value_weight) * score + value_weight * z(ln(1 +
   untapped))`` over the remaining candidates (z: population z-score, as every term of
   the score).  The logarithm makes a tenfold larger potential worth one fixed step, so
   a USD 100 m line does not drown every diversification candidate, and a product with
   ten times the untapped potential outranks one that is only slightly nearer.

Products in which the exporter already has RCA >= 1 are flagged ``existing_strength``
(they deepen an existing export, not diversify); :func:`processed_only` keeps the goods
that are not natural resources (Atlas natural-resource list).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ConfigError
from .strategy import zscore
from ..messages import Message

#: Default share of the exporter's actual exports to the market below which the untapped
#: potential of a product is negligible (balanced ranking only).
DEFAULT_MIN_UNTAPPED_SHARE = 1e-5


@dataclass(frozen=True, slots=True)
class Threshold:
    """The untapped-potential floor applied to the candidates: ``usd = max(share * actual, floor)``."""

    share: float
    floor: float
    actual: float

    @property
    def usd(self) -> float:
        return max(self.share * self.actual, self.floor)


def _fraction(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ConfigError(Message("opp_between_0_1", name=name, value=value))
    return float(value)


def threshold(
    actual_total: float,
    *,
    rank_by: str,
    min_untapped_share: float | None = None,
    min_untapped_usd: float | None = None,
) -> Threshold:
    """The untapped-potential floor: by default :data:`DEFAULT_MIN_UNTAPPED_SHARE` of the
    exporter's actual exports to the market when ranking ``balanced``, none otherwise;
    explicit values apply to every ranking."""
    default = DEFAULT_MIN_UNTAPPED_SHARE if rank_by == "balanced" else 0.0
    share = _fraction("min_untapped_share", default if min_untapped_share is None else min_untapped_share)
    floor = 0.0 if min_untapped_usd is None else min_untapped_usd
    if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not np.isfinite(floor) or floor < 0:
        raise ConfigError(Message("opp_min_untapped", value=min_untapped_usd))
    return Threshold(share=share, floor=float(floor), actual=float(actual_total))


def existing_strength(frame: pd.DataFrame) -> pd.Series:
    """``True`` where the exporter has RCA >= 1 (Balassa 1965), ``<NA>`` where RCA is unknown."""
    if "rca" not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="boolean")
    rca = pd.to_numeric(frame["rca"], errors="coerce")
    return (rca >= 1.0).astype("boolean").mask(rca.isna())


def processed_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are not natural resources (``is_natural_resource`` not true; unknown is kept)."""
    if "is_natural_resource" not in frame:
        return frame
    nr = frame["is_natural_resource"].astype("boolean").fillna(False)
    return frame[~nr.to_numpy(dtype=bool)]


def balanced(scored: pd.DataFrame, *, value_weight: float = 0.5) -> pd.DataFrame:
    """Add ``value_score = z(ln(1 + untapped))`` and ``balanced_score`` to a scored frame (copy)."""
    w = _fraction("value_weight", value_weight)
    out = scored.copy()
    out["value_score"] = zscore(np.log1p(pd.to_numeric(out["untapped"], errors="coerce").clip(lower=0)))
    out["balanced_score"] = (1.0 - w) * out["score"] + w * out["value_score"]
    return out


__all__ = [
    "DEFAULT_MIN_UNTAPPED_SHARE",
    "Threshold",
    "balanced",
    "existing_strength",
    "processed_only",
    "threshold",
]
