"""Renderers of the monitor answer (:mod:`corridor.answers.monitor`): terminal tables and
the names in the reader's language; JSON, CSV, XLSX and HTML through
:mod:`corridor.reports.registry`.  The JSON document (``schema: "corridor.monitor/1"``) is
documented in ``docs/monitor.md``.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from ..monitor import MonitorReport
from ..schema import period_label
from . import numbers
from .console import print_notes, print_table
from .ingest import notes_in
from .i18n import label, months_span
from .tabular import json_records

if TYPE_CHECKING:  # pragma: no cover
    from ..answers.monitor import Result

#: The table ``--format csv`` prints by default.
MAIN = "series"


def terminal(result: Result, lang: str, width: int) -> str:
    """The monitor as readable tables, ``width`` columns wide."""
    con = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    render_terminal(result.report, lang=lang, console=con, names=economy_names(result, lang))
    return con.file.getvalue()


def economy_names(result: Any, lang: str) -> dict[str, str]:
    from .. import reference

    q = result.query
    codes = [getattr(q, f) for f in ("economy", "partner", "exporter", "market") if hasattr(q, f)]
    return {c: reference.economy_name(c, lang=lang) for c in codes}


def localise(doc: dict[str, Any], result: Result, lang: str) -> dict[str, Any]:
    """Product and section names in ``lang``."""
    tables = export_tables(result, lang)
    doc["top_products"] = json_records(tables["top_products"])
    doc["sections"] = json_records(tables["sections"])
    doc["changes"] = json_records(tables["changes"])
    doc["provenance"] = json_records(notes_in(result.provenance, lang, cells=False))
    doc["absent_sides"] = absent_sides(result.report, lang, economy_names(result, lang))
    return doc


def export_tables(result: Result, lang: str) -> dict[str, pd.DataFrame]:
    """The result's tables with product and section names in ``lang``."""
    from .names import product_names, section_names

    t = dict(result.tables())
    top = t["top_products"].copy()
    if not top.empty:
        top["name"] = product_names(top, lang, fallback=top.get("name"))
    t["top_products"] = top
    changes = t["changes"].copy()
    if not changes.empty and "name" in changes:
        changes["name"] = product_names(changes, lang, fallback=changes["name"])
    t["changes"] = changes
    t["provenance"] = notes_in(t["provenance"], lang)
    sec = t["sections"].copy()
    if not sec.empty:
        sec["name"] = sec["section"].map(section_names(lang))
    t["sections"] = sec
    return t


def _m(v: Any, lang: str) -> str:
    """USD millions with grouped thousands in the language's style (``11 417,7`` in Russian)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return label("no_data", lang)
    return numbers.number(v / 1e6, lang, digits=1)


def _pct(v: Any, lang: str, *, scale: float = 1.0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return label("no_data", lang)
    text = f"{v * scale:+.1f}" if scale == 1.0 else f"{v * scale:.1f}"
    return text.replace(".", ",") if lang == "ru" else text


def absent_sides(report: MonitorReport, lang: str = "en", names: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The sides without figures, each with its reason key and the plain statement in ``lang``."""
    names = names or {}
    out = []
    for side, who, about, reason in report.absent:
        text = label(f"absent_{reason}", lang, who=names.get(who, who), about=names.get(about, about),
                     side=label("side_own" if side == "economy" else "side_mirror", lang))
        out.append({"side": "own" if side == "economy" else "mirror", "reported_by": who, "about": about,
                    "reason": reason, "statement": text})
    return out


def render_terminal(report: MonitorReport, *, lang: str = "en", console: Console | None = None,
                    names: dict[str, str] | None = None) -> None:
    """Readable tables for a terminal, in English or Russian."""
    con = console or Console()
    names = names or {}
    e, p = names.get(report.economy, report.economy), names.get(report.partner, report.partner)
    if report.synthetic:
        con.print(f"[bold red]{label('synthetic_banner', lang)}[/]")
    con.print(f"[bold]{label('monitor_title', lang, economy=e, partner=p, y0=report.years[0], y1=report.years[-1])}[/]")
    if report.period_kind != "year":
        con.print(label("period_monthly", lang) if report.period_kind == "month"
                  else label("period_months", lang, span=months_span(report.months, lang, capital=True)))
    for a in absent_sides(report, lang, names):
        con.print(f"[yellow]{a['statement']}[/]")
    for side, who, side_key in (("economy", e, "side_own"), ("partner", p, "side_mirror")):
        s = report.summary[report.summary["reported_by"] == side]
        if s.empty:
            continue
        t = Table(title=label("as_reported_by", lang, who=who, side=label(side_key, lang)))
        for col in ("period", "exports", "imports", "turnover", "balance"):
            t.add_column(label(col, lang), justify="right", overflow="fold", min_width=8 if col != "period" else 4)
        t.add_column(label("growth", lang, what=label("turnover", lang)), justify="right", overflow="fold")
        t.add_column(label("sources", lang))
        for r in s.itertuples(index=False):
            t.add_row(str(r.period), _m(r.exports, lang), _m(r.imports, lang), _m(r.turnover, lang), _m(r.balance, lang),
                      _pct(r.turnover_growth_pct, lang), r.sources)
        print_table(con, t)
    g = report.gaps
    if not g.empty:
        t = Table(title=label("gap_title", lang, economy=e, partner=p))
        t.add_column(label("period", lang), justify="right")
        for fl in ("export", "import"):
            for k in ("own", "mirror", "gap_pct"):
                t.add_column(f"{label('flow_' + fl, lang)} {label(k, lang)}", justify="right")
        for (year, month), grp in g.groupby(["year", "month"]):
            row = [period_label(year, report.period_kind, month)]
            for fl in ("export", "import"):
                r = grp[grp["flow"] == fl]
                if r.empty:
                    row += [label("no_data", lang)] * 3
                else:
                    r = r.iloc[0]
                    row += [_m(r["own"], lang), _m(r["mirror"], lang), _pct(r["gap_pct"], lang)]
            t.add_row(*row)
        print_table(con, t)
    _render_products(report, lang=lang, console=con, e=e, p=p)
    if report.notes:
        print_notes(con, label("notes", lang), [n.render(lang) for n in report.notes])


def _section_names(lang: str) -> dict[str, str]:
    from .. import reference

    sec = reference.hs_sections()
    return dict(zip(sec["section"], sec["name_ru" if lang == "ru" else "name_en"]))


def _render_products(report: MonitorReport, *, lang: str, console: Console, e: str, p: str) -> None:
    st = report.structure
    for (side, fl), grp in st.groupby(["reported_by", "flow"]):
        side_txt = f"{e if side == 'economy' else p}, {label('side_own' if side == 'economy' else 'side_mirror', lang)}"
        t = Table(title=label("structure_title", lang, flow=label("flow_" + fl, lang), side=side_txt, level=report.level))
        for col in ("year", "products", "hhi", "agri_share", "noncommodity_share", "gained", "lost"):
            t.add_column(label(col, lang), justify="right")
        for r in grp.sort_values("year").itertuples(index=False):
            t.add_row(str(r.year), str(r.products), numbers.number(r.hhi, lang, digits=3), _pct(r.agricultural_share, lang, scale=100.0),
                      _pct(r.non_commodity_share, lang, scale=100.0),
                      "" if pd.isna(r.gained) else str(int(r.gained)), "" if pd.isna(r.lost) else str(int(r.lost)))
        print_table(console, t)
        last = int(grp["year"].max())
        sec = report.sections
        sec = sec[(sec["reported_by"] == side) & (sec["flow"] == fl) & (sec["year"] == last)].sort_values(
            "value_usd", ascending=False)
        t = Table(title=label("sections_title", lang, flow=label("flow_" + fl, lang), year=last, side=side_txt))
        t.add_column(label("section", lang))
        t.add_column(label("name", lang), max_width=44, overflow="fold")  # wraps between words, never cut
        t.add_column(label("value_musd", lang), justify="right")
        t.add_column(label("share_pct", lang), justify="right")
        names = _section_names(lang)
        for r in sec.head(8).itertuples(index=False):
            t.add_row(str(r.section), names.get(r.section, ""), _m(r.value_usd, lang), _pct(r.share, lang, scale=100.0))
        print_table(console, t)
        from .names import name_map

        # the names of the classification the year's lines come from (HS22 has headings, such as
        # 8524 or 8549, that HS12 lacks: they showed the lookup's English name in Russian)
        classes = grp.loc[grp["year"] == last, "classification"].dropna()
        product_names = name_map(classes.iloc[0] if len(classes) else None, report.level, lang)
        top = report.top_products
        top = top[(top["reported_by"] == side) & (top["flow"] == fl) & (top["year"] == last)]
        t = Table(title=label("top_title", lang, n=len(top), flow=label("flow_" + fl, lang), year=last, side=side_txt))
        for col, just in (("rank", "right"), ("code", "left"), ("name", "left"), ("value_musd", "right"),
                          ("share_pct", "right")):
            t.add_column(label(col, lang), justify=just, **({"max_width": 48, "overflow": "fold"} if col == "name" else {}))
        t.add_column(label("growth_short", lang), justify="right")
        for r in top.itertuples(index=False):
            t.add_row(str(r.rank), r.code, product_names.get(r.code) or r.name or "", _m(r.value_usd, lang), _pct(r.share, lang, scale=100.0),
                      _pct(r.growth_pct, lang))
        print_table(console, t)
