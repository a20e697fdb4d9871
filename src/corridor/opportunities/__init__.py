"""Export opportunities: ITC-style export potential and Atlas-style product-space ranking.

Public API::

    from corridor.opportunities import (
        OpportunityInputs, Opportunities, rank_opportunities, export_potential,
        opportunity_inputs, opportunities,
    )

Nothing is computed at import time.
"""

from .potential import export_potential
from .rank import Opportunities, OpportunityInputs, rank_opportunities
from .strategy import PRESETS, STRATEGIES, strategy_weights

__all__ = [
    "PRESETS",
    "STRATEGIES",
    "Opportunities",
    "OpportunityInputs",
    "export_potential",
    "rank_opportunities",
    "strategy_weights",
]
