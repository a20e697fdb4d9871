"""Renderers of the remove answer (``corridor.remove/1``): one line per removed ingest."""

from __future__ import annotations

from typing import Any

from .workspace import label

MAIN = "removed"


def terminal(result: Any, lang: str, width: int = 120) -> str:
    return "".join(label("removed", lang, ingest_id=r.ingest_id, file=r.file_name, source=r.source,
                         release=r.release, rows=int(r.rows_stored)) + "\n"
                   for r in result.removed.itertuples(index=False))
