"""Renderers of the indicators answer (:mod:`corridor.answers.indicators`)."""

from __future__ import annotations

from typing import Any

MAIN = "series"


def terminal(result: Any, lang: str, width: int) -> str:
    from .analysis import render_indicators

    return render_indicators(result, lang=lang, width=width)


def export_tables(result: Any, lang: str) -> dict:
    """The series, and the products gained and lost with their names in ``lang``."""
    from .names import name_map

    changes = result.changes.copy()
    names = name_map(result.report.classification, result.report.level, lang)
    changes.insert(1, "name", changes["product"].map(names).fillna(""))
    return {"series": result.series, "changes": changes}


def localise(doc: dict, result: Any, lang: str) -> dict:
    from .tabular import json_records

    doc["changes"] = json_records(export_tables(result, lang)["changes"])
    return doc
