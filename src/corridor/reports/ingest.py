"""Renderers of the ingest answer (``corridor.ingest/1``): the registry's CSV and XLSX
use its tables (``files``, ``provenance``) with the notes in the reader's language; the
terminal lists one line per file, then its notes."""

from __future__ import annotations

from typing import Any

import json

from ..messages import Message, load, records, render, text
from .i18n import label

MAIN = "files"


def report_lines(reports: Any, lang: str) -> list[str]:
    """``file: stored N rows as ID (source, release R)`` or ``file: already ingested``, then
    the notes of each ingest report, in ``lang``."""
    from pathlib import Path

    lines = []
    for r in reports:
        name = Path(r.file).name
        if r.status == "unchanged":
            lines.append(label("unchanged", lang, file=name, ingest_id=r.ingest_id))
        else:
            shared = r.rows_already_stored or 0
            lines.append(label("ingested_shared" if shared else "ingested", lang, file=name, rows=r.rows_stored,
                               already=shared, ingest_id=r.ingest_id, source=r.source, release=r.release))
            lines += [f"  - {render(note, lang)}" for note in r.notes]
    return lines


def terminal(result: Any, lang: str, width: int = 120) -> str:
    return "\n".join(report_lines(result.reports, lang)) + "\n"


def _stored_notes(keys: Any) -> list[Any] | None:
    """The notes of a ``note_keys`` cell: records, or their JSON as the catalogue stores them."""
    if isinstance(keys, str):
        return load(keys)
    if isinstance(keys, list):
        return [Message.of(x) if "key" in x else x["text"] for x in keys]
    return None  # an ingest stored before keys were kept


def notes_in(frame: Any, lang: str, *, cells: bool = True) -> Any:
    """``frame`` with its ``notes`` column in ``lang`` (from the keys of column ``note_keys``;
    the English text where there are none); ``note_keys`` as JSON text in one cell
    (``cells``: for CSV and XLSX) or as records (for a JSON document)."""
    if frame is None or frame.empty or "notes" not in frame or "note_keys" not in frame:
        return frame
    out = frame.copy()
    notes = [_stored_notes(k) for k in out["note_keys"]]
    out["notes"] = [old if n is None else text(n, lang) for n, old in zip(notes, out["notes"])]
    keys = [None if n is None else records(n) for n in notes]
    out["note_keys"] = [json.dumps(k, ensure_ascii=False) if cells and k else k for k in keys]
    return out


def export_tables(result: Any, lang: str, *, cells: bool = True) -> dict[str, Any]:
    return {"files": notes_in(result.records(), lang, cells=cells),
            "provenance": notes_in(result.provenance, lang, cells=cells)}


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    from .tabular import json_records

    tables = export_tables(result, lang, cells=False)
    doc["files"] = json_records(tables["files"])
    doc["provenance"] = json_records(tables["provenance"])
    return doc
