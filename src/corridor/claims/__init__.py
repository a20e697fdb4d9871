"""corridor.claims: find quantitative trade claims in Russian and English text and check
them against both sides' statistics.

``extract(text, published=...)`` -> :class:`Claim` records; ``verify(claims, flows)`` ->
:class:`CheckedClaim` records with verdicts and evidence.  Nothing is loaded at import:
the pymorphy3 dictionary and the patterns are built on first use.
"""

from .extract import extract
from .model import CheckedClaim, Claim, Evidence, Period, Verdict

__all__ = ["CheckedClaim", "Claim", "Evidence", "Period", "Verdict", "extract"]
