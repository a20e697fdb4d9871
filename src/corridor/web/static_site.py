"""The dashboard saved as static files: every page in English and Russian, with its charts,
readable offline from a folder (the demo's report).

``save_pages(workspace, out)`` writes ``<page>.html`` and ``<page>-ru.html`` for every page
of :data:`corridor.web.pages.PAGES`, ``static/`` (the dashboard's CSS and JavaScript and
the Vega bundle with its licences, copied beside the pages) and ``data/`` (the CSV and
XLSX of every chart and table the pages link to).  The pages are the server's pages in
their static form: no form, no permalink, links between the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from . import assets
from .pages import PAGES, View, _static_stem, render

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Workspace

#: The text the saved claim-checker page checks (two figures published about the corridor).
SAMPLE_ARTICLE = {
    "en": "Trade between Kazakhstan and China grew by 32% in 2023 to $41.1 billion. "
          "In 2024 two-way trade hit a record $50 billion.",
    "ru": "Товарооборот Казахстана и Китая в 2023 году вырос на 32% и составил $41,1 млрд. "
          "В 2024 году товарооборот достиг рекордных $50 млрд.",
}


def page_file(name: str, lang: str) -> str:
    return f"{name}{'-ru' if lang == 'ru' else ''}.html"


def save_pages(workspace: Workspace, out: Path, *, params: Mapping[str, str] | None = None,
               langs: tuple[str, ...] = ("en", "ru")) -> list[Path]:
    """Write every page in every language of ``langs`` into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "static" / "vendor").mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    written = []
    for name in assets.static_names():
        body, _ = assets.static_file(name)
        target = out / "static" / name
        target.write_bytes(body)
        written.append(target)
    for lang in langs:
        for page in PAGES:
            q = dict(params or {})
            if page.name == "check":
                q["text"] = SAMPLE_ARTICLE[lang]
            view = View(page, q, lang, workspace, static=True)
            target = out / page_file(page.name, lang)
            target.write_text(render(view), encoding="utf-8")
            written.append(target)
            written += _save_downloads(view, out / "data")
    return written


def _save_downloads(view: View, folder: Path) -> list[Path]:
    written = []
    for name, table, q in view.saved:
        frames = view.run(name, q).tables()
        if table not in frames:
            continue
        for fmt in ("csv", "xlsx"):
            target = folder / f"{_static_stem(name, table, q)}.{fmt}"
            if not target.exists():
                target.write_bytes(assets.table_bytes(frames[table], fmt, sheet=table))
                written.append(target)
    return written
