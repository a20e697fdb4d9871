"""Renderers of the opportunities answer (:mod:`corridor.answers.opportunities`): each
product gets its ``name`` and its explanation ``why`` in the reader's language, and its
``kind`` (``natural_resource`` / ``agricultural`` / ``processed``)."""

from __future__ import annotations

from typing import Any

MAIN = "opportunities"


def terminal(result: Any, lang: str, width: int) -> str:
    from .analysis import render_opportunities

    return render_opportunities(result, lang=lang, width=width)


def export_tables(result: Any, lang: str) -> dict:
    from ..opportunities.explain import product_kind
    from .analysis import product_names, why

    df = result.opportunities.copy()
    df.insert(df.columns.get_loc("product") + 1, "name", product_names(result, lang))
    df["kind"] = [product_kind(r) for r in df.to_dict("records")]
    df["why"] = why(result, lang)
    return {"opportunities": df}


def localise(doc: dict, result: Any, lang: str) -> dict:
    from .tabular import json_records

    doc["opportunities"] = json_records(export_tables(result, lang)["opportunities"])
    return doc
