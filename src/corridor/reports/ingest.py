"""Renderers of the ingest answer (:mod:`corridor.answers.ingest`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .i18n import label

MAIN = "files"


def terminal(result: Any, lang: str, width: int) -> str:
    """One line per file (stored or already there), then its notes."""
    lines = []
    for r in result.reports:
        name = Path(r.file).name
        if r.status == "unchanged":
            lines.append(label("unchanged", lang, file=name, ingest_id=r.ingest_id))
        else:
            lines.append(label("ingested", lang, file=name, rows=r.rows_stored, ingest_id=r.ingest_id,
                               source=r.source, release=r.release))
            lines += [f"  - {note}" for note in r.notes]
    return "\n".join(lines) + "\n"
