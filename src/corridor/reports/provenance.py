"""Renderers of the provenance answer: every ingest with its SHA-256 in full."""

from __future__ import annotations

import io
import json
from typing import Any

from ..messages import Message

from ..words import Count, figure
from .i18n import Catalogue

MAIN = "ingests"


def reasons_in(frame: Any, lang: str, *, cells: bool = True) -> Any:
    """``frame`` (the removed ingests) with its ``reason`` in ``lang``, from the keys of
    column ``reason_key`` (the English text where there is none: a removal recorded before
    keys were kept); ``reason_key`` as JSON text in one cell (``cells``: CSV and XLSX) or as
    a record (a JSON document)."""
    if frame is None or frame.empty or "reason_key" not in frame:
        return frame
    out = frame.copy()
    keys = [json.loads(k) if isinstance(k, str) else k if isinstance(k, dict) else None for k in out["reason_key"]]
    out["reason"] = [old if k is None else Message.of(k).render(lang) for k, old in zip(keys, out["reason"])]
    out["reason_key"] = [k if not cells or k is None else json.dumps(k, ensure_ascii=False) for k in keys]
    return out


def export_tables(result: Any, lang: str, *, cells: bool = True) -> dict[str, Any]:
    """The tables with the ingests' notes (:func:`corridor.reports.ingest.notes_in`) and the
    removals' reasons (:func:`reasons_in`) in ``lang``."""
    from .ingest import notes_in

    tables = {**result.tables(), "ingests": notes_in(result.ingests, lang, cells=cells)}
    if tables.get("removed") is not None:
        tables["removed"] = reasons_in(tables["removed"], lang, cells=cells)
    return tables


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    from .tabular import json_records

    tables = export_tables(result, lang, cells=False)
    doc["ingests"] = json_records(tables["ingests"])
    if "removed" in doc and tables.get("removed") is not None:
        doc["removed"] = json_records(tables["removed"])
    return doc

label = Catalogue("provenance", {
    "title": {"en": "Provenance: {n}", "ru": "Происхождение данных: {n}"},
    "file": {"en": "file", "ru": "файл"},
    "sha256": {"en": "SHA-256", "ru": "SHA-256"},
    "source": {"en": "source", "ru": "источник"},
    "release": {"en": "release", "ru": "выпуск"},
    "rows": {"en": "rows stored", "ru": "строк сохранено"},
    "already": {"en": "already stored", "ru": "уже было"},
    "time": {"en": "ingested at (UTC)", "ru": "загружено (UTC)"},
    "none": {"en": "No ingests yet.", "ru": "Загрузок пока нет."},
})


def terminal(result: Any, lang: str, width: int) -> str:
    """One block per ingest (its id, source and release, file, full SHA-256, rows, time),
    so that the SHA-256 is never cut whatever the terminal's width."""
    df = result.ingests
    out = io.StringIO()
    out.write(label("title", lang, n=Count(len(df), "ingest")) + "\n")
    if df.empty:
        out.write(label("none", lang) + "\n")
    for r in df.to_dict("records"):
        out.write("\n" + f"{r['ingest_id']}  {label('source', lang)}: {r['source']}  "
                  f"{label('release', lang)}: {r['release']}\n")
        out.write(f"  {label('file', lang)}: {r.get('file_name')}\n")
        out.write(f"  {label('sha256', lang)}: {r.get('sha256')}\n")
        out.write(f"  {label('rows', lang)}: {figure(r.get('rows_stored'), lang)}  {label('already', lang)}: "
                  f"{figure(r.get('rows_already_stored'), lang)}  {label('time', lang)}: {str(r.get('ingested_at'))[:19]}\n")
    return out.getvalue()
