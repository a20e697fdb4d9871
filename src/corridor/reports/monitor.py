"""Renderers of :class:`corridor.monitor.MonitorReport`: JSON document, CSV, terminal.

The JSON document (``schema: "corridor.monitor/1"``) is documented in
``docs/monitor.md``; its keys are stable within a schema version.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import math
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from ..monitor import MonitorReport
from .i18n import label
from .tabular import csv_text, json_records

SCHEMA = "corridor.monitor/1"

SERIES_FIELDS = (
    "year", "period", "flow", "reporter", "partner", "reported_by", "side", "value_usd", "source",
    "release", "valuation", "basis", "primary", "ingest_ids",
)


def series(report: MonitorReport) -> pd.DataFrame:
    """The long series: one record per figure, ``flow`` from the first economy's point of view,
    ``reported_by`` the ISO code of the economy whose statistics give the figure."""
    f = report.figures.copy()
    f["side"] = f["reported_by"].map({"economy": "own", "partner": "mirror"})
    f["reported_by"] = f["reporter"]
    f["reporter"] = report.economy
    f["partner"] = report.partner
    f["period"] = f["year"].astype(str)
    return f[list(SERIES_FIELDS)]


def to_document(report: MonitorReport, *, provenance: pd.DataFrame | None = None) -> dict[str, Any]:
    """The JSON-ready document of the monitor."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "economy": report.economy,
        "partner": report.partner,
        "years": list(report.years),
        "level": report.level,
        "synthetic": report.synthetic,
        "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "series": json_records(series(report)),
        "summary": json_records(report.summary),
        "gaps": json_records(report.gaps),
        "structure": json_records(report.structure),
        "sections": json_records(report.sections),
        "top_products": json_records(report.top_products),
        "changes": json_records(report.changes),
        "notes": list(report.notes),
        "coverage_breaks": [coverage_record(b) for b in report.coverage_breaks],
    }
    if report.synthetic:
        doc["notes"].insert(0, label("synthetic_banner", "en"))
    if provenance is not None:
        used = {i for ids in report.figures["ingest_ids"] for i in ids}
        doc["provenance"] = json_records(provenance[provenance["ingest_id"].isin(used)])
    return doc


def coverage_record(b) -> dict:
    """A coverage break (:class:`corridor.indicators.coverage.CoverageBreak`) in a JSON
    document: its key and parameters, and the fields it was judged on."""
    n = b.note()
    return {"key": n.key, "params": dict(n.params), "reason": b.reason, "year": b.year, "flow": b.flow, "reported_by": b.reported_by,
            "reporter": b.reporter, "source": b.source or None, "value": b.value, "typical": b.typical}


def to_json(report: MonitorReport, *, provenance: pd.DataFrame | None = None) -> str:
    return json.dumps(to_document(report, provenance=provenance), ensure_ascii=False, indent=2, default=str)


def to_csv(report: MonitorReport) -> str:
    """The series as CSV (a ``# SYNTHETIC`` comment line first when synthetic)."""
    buf = io.StringIO()
    if report.synthetic:
        buf.write("# " + label("synthetic_banner", "en") + "\n")
    s = series(report).copy()
    s["ingest_ids"] = s["ingest_ids"].map(lambda x: ";".join(x))
    buf.write(csv_text(s))
    return buf.getvalue()


def _m(v: Any, lang: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return label("no_data", lang)
    return f"{v / 1e6:,.1f}"


def _pct(v: Any, lang: str, *, scale: float = 1.0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return label("no_data", lang)
    return f"{v * scale:+.1f}" if scale == 1.0 else f"{v * scale:.1f}"


def render_terminal(report: MonitorReport, *, lang: str = "en", console: Console | None = None,
                    names: dict[str, str] | None = None) -> None:
    """Readable tables for a terminal, in English or Russian."""
    con = console or Console()
    names = names or {}
    e, p = names.get(report.economy, report.economy), names.get(report.partner, report.partner)
    if report.synthetic:
        con.print(f"[bold red]{label('synthetic_banner', lang)}[/]")
    con.print(f"[bold]{label('monitor_title', lang, economy=e, partner=p, y0=report.years[0], y1=report.years[-1])}[/]")
    for side, who, side_key in (("economy", e, "side_own"), ("partner", p, "side_mirror")):
        s = report.summary[report.summary["reported_by"] == side]
        if s.empty:
            continue
        t = Table(title=label("as_reported_by", lang, who=who, side=label(side_key, lang)))
        for col in ("year", "exports", "imports", "turnover", "balance"):
            t.add_column(label(col, lang), justify="right")
        t.add_column(label("growth", lang, what=label("turnover", lang)), justify="right")
        t.add_column(label("sources", lang))
        for r in s.itertuples(index=False):
            t.add_row(str(r.year), _m(r.exports, lang), _m(r.imports, lang), _m(r.turnover, lang), _m(r.balance, lang),
                      _pct(r.turnover_growth_pct, lang), r.sources)
        con.print(t)
    g = report.gaps
    if not g.empty:
        t = Table(title=label("gap_title", lang, economy=e, partner=p))
        t.add_column(label("year", lang), justify="right")
        for fl in ("export", "import"):
            for k in ("own", "mirror", "gap_pct"):
                t.add_column(f"{label('flow_' + fl, lang)} {label(k, lang)}", justify="right")
        for year, grp in g.groupby("year"):
            row = [str(year)]
            for fl in ("export", "import"):
                r = grp[grp["flow"] == fl]
                if r.empty:
                    row += [label("no_data", lang)] * 3
                else:
                    r = r.iloc[0]
                    row += [_m(r["own"], lang), _m(r["mirror"], lang), _pct(r["gap_pct"], lang)]
            t.add_row(*row)
        con.print(t)
    _render_products(report, lang=lang, console=con, e=e, p=p)
    if report.notes:
        con.print(f"[bold]{label('notes', lang)}:[/] " + " ".join(report.notes))
    for b in report.coverage_breaks:
        con.print(f"[yellow]! {b.note().render(lang)}[/]")


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
            t.add_row(str(r.year), str(r.products), f"{r.hhi:.3f}", _pct(r.agricultural_share, lang, scale=100.0),
                      _pct(r.non_commodity_share, lang, scale=100.0),
                      "" if pd.isna(r.gained) else str(int(r.gained)), "" if pd.isna(r.lost) else str(int(r.lost)))
        console.print(t)
        last = int(grp["year"].max())
        sec = report.sections
        sec = sec[(sec["reported_by"] == side) & (sec["flow"] == fl) & (sec["year"] == last)].sort_values(
            "value_usd", ascending=False)
        t = Table(title=label("sections_title", lang, flow=label("flow_" + fl, lang), year=last, side=side_txt))
        t.add_column(label("section", lang))
        t.add_column(label("name", lang))
        t.add_column(label("value_musd", lang), justify="right")
        t.add_column(label("share_pct", lang), justify="right")
        names = _section_names(lang)
        for r in sec.head(8).itertuples(index=False):
            t.add_row(str(r.section), names.get(r.section, "")[:44], _m(r.value_usd, lang), f"{r.share * 100:.1f}")
        console.print(t)
        top = report.top_products
        top = top[(top["reported_by"] == side) & (top["flow"] == fl) & (top["year"] == last)]
        t = Table(title=label("top_title", lang, n=len(top), flow=label("flow_" + fl, lang), year=last, side=side_txt))
        for col, just in (("rank", "right"), ("code", "left"), ("name", "left"), ("value_musd", "right"),
                          ("share_pct", "right")):
            t.add_column(label(col, lang), justify=just)
        t.add_column(label("growth", lang, what=""), justify="right")
        for r in top.itertuples(index=False):
            t.add_row(str(r.rank), r.code, (r.name or "")[:48], _m(r.value_usd, lang), f"{r.share * 100:.1f}",
                      _pct(r.growth_pct, lang))
        console.print(t)
