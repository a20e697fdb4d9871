"""Every renderer of every answer, by the answer's name: one way to turn a result into a
JSON document, CSV, XLSX, terminal text or an HTML fragment, in English or Russian.

    from corridor.reports import registry as reports
    reports.document(result, "ru")      # dict: the JSON document as `--format json` prints it
    reports.csv(result, "ru", "gaps")   # str: one table (default: the answer's main table)
    reports.xlsx(result, "ru")          # bytes: every table a sheet (plus a sheet "about")
    reports.terminal(result, "ru")      # str: readable tables
    reports.html_fragment(result, "ru") # str: <section> with the tables, escaped

The renderer is chosen by ``result.name`` (the answer's name, :data:`RENDERERS`).  Each
module ``corridor.reports.<name>`` provides ``MAIN`` (the default CSV table),
``terminal(result, lang, width)`` and, when needed, ``localise(doc, result, lang)``
(adds texts in the reader's language to the language-neutral document) and
``export_tables(result, lang)`` (the tables with names in the reader's language).

The generation time is not part of :func:`document`: the adapter (CLI, web) adds
``generated_at``.  In Russian mode CSV uses ``;`` between fields and a decimal comma (what
Excel in a Russian locale opens), headers are Russian and XLSX sheets have Russian titles.
"""

from __future__ import annotations

import datetime as _dt
import html
import importlib
import io
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..options import Lang, check
from .columns import column_label, sheet_label, value_label
from .i18n import label
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: answer name -> module of its renderers.
RENDERERS: dict[str, str] = {
    "monitor": "corridor.reports.monitor",
    "indicators": "corridor.reports.indicators",
    "complexity": "corridor.reports.complexity",
    "opportunities": "corridor.reports.opportunities",
    "check": "corridor.reports.check",
    "provenance": "corridor.reports.provenance",
    "ingest": "corridor.reports.ingest",
    "deals": "corridor.reports.deals",
    "remove": "corridor.reports.remove",
    "roadmap": "corridor.reports.roadmap",
    "roadmap_alerts": "corridor.reports.roadmap",
}


def renderer(result_or_name: Any) -> ModuleType:
    """The renderer module of an answer (by name or result)."""
    name = result_or_name if isinstance(result_or_name, str) else result_or_name.name
    return importlib.import_module(RENDERERS[name])


def note_texts(result: Any, lang: str) -> list[dict[str, Any]]:
    """The result's keyed notes as ``[{"key", "params", "text"}]``, ``text`` in ``lang``."""
    from ..answers.base import note_records

    notes = tuple(result.keyed_notes())
    return [{**rec, "text": n.render(lang)} for rec, n in zip(note_records(notes), notes)]


def document(result: Any, lang: Lang = "en") -> dict[str, Any]:
    """The JSON document of ``result`` with texts in ``lang`` (``schema`` first, ``lang`` second)."""
    check(lang, Lang, field="lang")
    doc = dict(result.document())
    doc = {"schema": doc.pop("schema"), "lang": lang, **doc}
    if hasattr(result, "keyed_notes"):
        doc["notes"] = note_texts(result, lang)
    mod = renderer(result)
    localise = getattr(mod, "localise", None)
    return localise(doc, result, lang) if localise else doc


def export_tables(result: Any, lang: Lang = "en") -> dict[str, pd.DataFrame]:
    """Every table of ``result`` as exported (names of products and economies in ``lang``)."""
    mod = renderer(result)
    fn = getattr(mod, "export_tables", None)
    return dict(fn(result, lang)) if fn else dict(result.tables())


def _localised_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [column_label(c, lang) for c in frame.columns]
    return out


def csv(result: Any, lang: Lang = "en", table: str | None = None) -> str:
    """One table of ``result`` as CSV (``table`` by name; default the answer's main table).
    English: ``,`` and a decimal point, column keys as headers; Russian: ``;``, a decimal
    comma and Russian headers."""
    from ..errors import OptionError, Problem
    from .tabular import csv_text

    check(lang, Lang, field="lang")
    tables = export_tables(result, lang)
    name = table or renderer(result).MAIN
    if name not in tables:
        expected = Message("err_one_of", values=", ".join(tables))
        raise OptionError(Message("err_not_a_table", name=name, answer=result.name, expected=expected),
                          problems=[Problem(Message("err_unknown_table"), field="table", value=name, expected=expected,
                                            reason="not_allowed")])
    frame = tables[name]
    banner = _banner(result, lang)
    head = f"# {banner}\n" if banner else ""
    if lang == "ru":
        buf = io.StringIO()
        _localised_frame(frame, lang).to_csv(buf, index=False, sep=";", decimal=",", lineterminator="\n")
        return head + buf.getvalue()
    return head + csv_text(frame)


def _banner(result: Any, lang: str) -> str | None:
    """The synthetic-data warning when the result is made from the synthetic sample."""
    doc_synthetic = getattr(getattr(result, "report", None), "synthetic", False)
    return label("synthetic_banner", lang) if doc_synthetic else None


def _cell(value: Any) -> Any:
    from .tabular import json_value

    v = json_value(value)
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v))
    if isinstance(v, dict):
        return str(v)
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    return v


def _about_value(key: str, value: Any, lang: str) -> Any:
    """A parameter on the sheet ``about`` in ``lang``: yes/no, an empty cell for none, codes
    in words (:func:`corridor.reports.columns.value_label`)."""
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    return None if value is None else value_label(key, _cell(value), lang)


def _number_format(column: str, values: list[Any]) -> str | None:
    nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not nums:
        return None
    if column in ("year", "rank", "n") or all(isinstance(v, int) for v in nums):
        return "0" if column in ("year", "rank", "n") else "#,##0"
    if column.endswith("_usd") or column in ("value", "exports", "imports", "turnover", "balance", "own", "mirror",
                                             "untapped", "potential", "actual", "demand", "value_start", "value_end",
                                             "change"):
        return "#,##0"
    return "#,##0.000"


def xlsx(result: Any, lang: Lang = "en") -> bytes:
    """Every table of ``result`` as a sheet of one XLSX workbook (openpyxl), numbers stored
    as numbers with number formats (Excel shows them with the reader's separators), headers
    and sheet titles in ``lang``, and a first sheet ``about`` / ``о данных`` with the answer,
    its parameters and notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    check(lang, Lang, field="lang")
    doc = document(result, lang)
    wb = Workbook()
    about = wb.active
    about.title = sheet_label("about", lang)
    about.append([column_label("answer", lang), result.name])
    about.append([column_label("schema", lang), doc["schema"]])
    banner = _banner(result, lang)
    if banner:
        about.append([column_label("warning", lang), banner])
    for key, value in doc.items():
        if key in ("schema", "lang") or isinstance(value, (list, dict)):
            continue
        about.append([column_label(key, lang), _about_value(key, value, lang)])
    for n in doc.get("notes") or []:
        about.append([column_label("notes", lang), n["text"] if isinstance(n, dict) else str(n)])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    for name, frame in export_tables(result, lang).items():
        ws = wb.create_sheet(sheet_label(name, lang)[:31])
        columns = list(frame.columns)
        ws.append([column_label(c, lang) for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
        for row in rows:
            ws.append(row)
        for j, c in enumerate(columns, start=1):
            fmt = _number_format(str(c), [r[j - 1] for r in rows])
            letter = get_column_letter(j)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                        cell.number_format = fmt
            width = max([len(str(column_label(c, lang)))] + [len(str(r[j - 1])) for r in rows[:200]])
            ws.column_dimensions[letter].width = min(60, max(8, width + 2))
            if width + 2 > 60:  # long names wrap inside their cells (between words), never cut off
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    wb.properties.language = "ru-RU" if lang == "ru" else "en-GB"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def terminal(result: Any, lang: Lang = "en", *, width: int = 120) -> str:
    """Readable text tables of ``result`` in ``lang``, ``width`` columns wide."""
    check(lang, Lang, field="lang")
    return renderer(result).terminal(result, lang, width)


def html_fragment(result: Any, lang: Lang = "en", *, max_rows: int = 200) -> str:
    """An HTML ``<section>`` with every table of ``result`` (at most ``max_rows`` rows each)
    and its notes, every text escaped; no scripts, no styles, no outside resources."""
    check(lang, Lang, field="lang")
    doc = document(result, lang)
    esc = html.escape
    parts = [f'<section class="corridor-answer" data-answer="{esc(result.name)}" lang="{lang}">']
    banner = _banner(result, lang)
    if banner:
        parts.append(f'<p class="synthetic"><strong>{esc(banner)}</strong></p>')
    for name, frame in export_tables(result, lang).items():
        parts.append(f'<table data-table="{esc(name)}"><caption>{esc(sheet_label(name, lang))}</caption><thead><tr>')
        parts += [f"<th>{esc(str(column_label(c, lang)))}</th>" for c in frame.columns]
        parts.append("</tr></thead><tbody>")
        for row in frame.head(max_rows).itertuples(index=False, name=None):
            cells = []
            for v in row:
                v = _cell(v)
                if isinstance(v, float):
                    text = f"{v:,.3f}"
                    if lang == "ru":
                        text = text.replace(",", "\u00a0").replace(".", ",")
                    cells.append(f'<td class="num">{text}</td>')
                elif isinstance(v, int) and not isinstance(v, bool):
                    cells.append(f'<td class="num">{v}</td>')
                else:
                    cells.append(f"<td>{esc('' if v is None else str(v))}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    notes = [n["text"] if isinstance(n, dict) else str(n) for n in doc.get("notes") or []]
    if notes:
        parts.append("<ul class=\"notes\">" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)
