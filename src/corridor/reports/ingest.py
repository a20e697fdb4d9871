"""Renderers of the ingest answer (``corridor.ingest/1``): the registry's CSV and XLSX
use its tables (``files``, ``provenance``); the terminal lists one line per file."""

from __future__ import annotations

from typing import Any

from .i18n import label

MAIN = "files"


def terminal(result: Any, lang: str, width: int = 120) -> str:
    """``file: stored N rows as ID (source, release R)`` or ``file: already ingested``, then its notes."""
    from pathlib import Path

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
