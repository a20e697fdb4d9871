"""Export opportunities: ITC-style export potential and Atlas-style product-space ranking.

Public API::

    from corridor.opportunities import (
        OpportunityInputs, Opportunities, rank_opportunities, export_potential,
        opportunities_from_flows,
    )

Nothing is computed at import time.
"""

from .potential import export_potential
from .rank import Opportunities, OpportunityInputs, rank_opportunities
from .shortlist import DEFAULT_MIN_UNTAPPED_SHARE
from .strategy import PRESETS, STRATEGIES, strategy_weights

__all__ = [
    "DEFAULT_MIN_UNTAPPED_SHARE",
    "PRESETS",
    "STRATEGIES",
    "Opportunities",
    "OpportunityInputs",
    "export_potential",
    "opportunities_from_flows",
    "rank_opportunities",
    "strategy_weights",
]


def opportunities_from_flows(
    flows,
    *,
    exporter: str,
    market: str,
    year: int,
    level: str = "hs4",
    strategy: str = "balanced_portfolio",
    rank_by: str = "balanced",
    top: int | None = 50,
    market_weight: float = 0.5,
    horizon: int = 0,
    growth_years: int = 5,
    exclude_competitive: bool | None = None,
    min_untapped_share: float | None = None,
    min_untapped_usd: float | None = None,
    value_weight: float = 0.5,
    processed_only: bool = False,
) -> Opportunities:
    """Opportunities of ``exporter`` in ``market`` from the canonical flow table (Ibis).

    Assembles the inputs with :func:`corridor.opportunities.data.opportunity_inputs` (which
    data stand for supply, demand, world and actual trade is recorded in the result's
    ``notes``) and ranks them with :func:`rank_opportunities` (see there for the keywords;
    the default ranking is the "balanced" shortlist).
    """
    from .data import opportunity_inputs

    inputs = opportunity_inputs(flows, exporter=exporter, market=market, year=year, level=level,
                                growth_years=growth_years)
    return rank_opportunities(inputs, strategy=strategy, rank_by=rank_by, top=top, market_weight=market_weight,
                              horizon=horizon, exclude_competitive=exclude_competitive,
                              min_untapped_share=min_untapped_share, min_untapped_usd=min_untapped_usd,
                              value_weight=value_weight, processed_only=processed_only)
