"""Renderers of the claim-checking answer (:mod:`corridor.answers.check`)."""

from __future__ import annotations

from typing import Any

MAIN = "claims"


def terminal(result: Any, lang: str, width: int) -> str:
    from ..claims.report import render_text

    return render_text(list(result.checked), lang=lang)


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    """Each verdict's explanation (``text``) and what would make it checkable
    (``needs_text``) in ``lang``."""
    from ..claims.report import explain

    for cc, rec in zip(result.checked, doc["claims"]):
        for key, verdict in (("verdict", cc.verdict), ("growth_verdict", cc.growth_verdict)):
            if verdict is not None:
                rec[key]["text"], rec[key]["needs_text"] = explain(verdict, lang)
    return doc
