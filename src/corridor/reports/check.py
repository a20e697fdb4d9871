"""Renderers of the claim-checking answer (:mod:`corridor.answers.check`)."""

from __future__ import annotations

from typing import Any

MAIN = "claims"


def terminal(result: Any, lang: str, width: int) -> str:
    from ..claims.report import render_text

    return render_text(list(result.checked), lang=lang)
