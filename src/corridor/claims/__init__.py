"""corridor.claims: find quantitative trade claims in Russian and English text and check
them against both sides' statistics.

``extract(text, published=...)`` -> :class:`Claim` records; ``verify(claims, flows)`` ->
:class:`CheckedClaim` records with verdicts and evidence.  Nothing is loaded at import:
the pymorphy3 dictionary and the patterns are built on first use.
"""

from .extract import extract
from .model import CheckedClaim, Claim, Evidence, Period, Verdict

__all__ = ["CheckedClaim", "Claim", "Evidence", "Period", "Tolerance", "Verdict", "extract", "verify"]


def __getattr__(name: str):
    """``verify`` and ``Tolerance`` load Ibis and pandas, so they are imported on first use."""
    if name in ("verify", "Tolerance"):
        from . import verification

        return getattr(verification, name)
    raise AttributeError(f"module 'corridor.claims' has no attribute {name!r}")
