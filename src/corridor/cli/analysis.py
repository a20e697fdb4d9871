"""``corridor indicators`` and ``corridor opportunities``: trade indicators and export opportunities.

Thin commands over :func:`corridor.indicators.bilateral.bilateral_indicators` and
:func:`corridor.opportunities.opportunities_from_flows`.  ``--format json`` prints a
stable document (``schema`` ``corridor.indicators/1`` or ``corridor.opportunities/1``,
see docs/indicators.md and docs/opportunities.md); ``csv`` prints the main table;
``table`` prints readable tables in English or Russian.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import io
import json
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..reports.i18n import Catalogue
from ..reports.tabular import csv_text, json_records
from .common import FORMATS, FormatOption, LangOption, WorkspaceOption, check_choice, handle_errors, settings

if TYPE_CHECKING:  # pandas is imported by the commands that need it, not by the CLI's start-up
    import pandas as pd

LABELS: dict[str, dict[str, str]] = {
    "ind_title": {"en": "Trade indicators: {e} exports to {m}, {level}", "ru": "Торговые индикаторы: экспортёр {e}, рынок {m}, {level}"},
    "year": {"en": "Year", "ru": "Год"},
    "exports_to_market": {"en": "To {m}, USD m", "ru": "В {m}, млн $"},
    "market_share_of_exports": {"en": "Share of exports %", "ru": "Доля в экспорте %"},
    "n_products": {"en": "Products", "ru": "Товаров"},
    "hhi": {"en": "HHI", "ru": "ИХХ"},
    "theil": {"en": "Theil", "ru": "Тейл"},
    "new": {"en": "New, USD m", "ru": "Новые, млн $"},
    "lost": {"en": "Lost, USD m", "ru": "Выбывшие, млн $"},
    "intensive": {"en": "Intensive, USD m", "ru": "Интенсивная, млн $"},
    "tc": {"en": "TC", "ru": "ИТК"},
    "tii": {"en": "TII", "ru": "ИИТ"},
    "dx": {"en": "DX", "ru": "ИД"},
    "changes_title": {"en": "Products {status} between {y0} and {y1} (top {n} by value)",
                      "ru": "Товары ({status}) между {y0} и {y1} (топ-{n} по стоимости)"},
    "new_status": {"en": "gained", "ru": "новые"},
    "lost_status": {"en": "lost", "ru": "выбывшие"},
    "code": {"en": "Code", "ru": "Код"},
    "name": {"en": "Product", "ru": "Товар"},
    "value_musd": {"en": "USD m", "ru": "млн $"},
    "notes": {"en": "Notes", "ru": "Примечания"},
    "opp_title": {"en": "Export opportunities of {e} in {m}, {year} ({strategy}; ranked by {rank_by})",
                  "ru": "Экспортные возможности: экспортёр {e}, рынок {m}, {year} ({strategy}; ранжирование: {rank_by})"},
    "rb_balanced": {"en": "strategy score and untapped potential", "ru": "балл стратегии и неосвоенный потенциал"},
    "rb_score": {"en": "strategy score", "ru": "балл стратегии"},
    "rb_untapped": {"en": "untapped potential", "ru": "неосвоенный потенциал"},
    "rb_potential": {"en": "export potential", "ru": "экспортный потенциал"},
    "rank": {"en": "#", "ru": "№"},
    "untapped": {"en": "Untapped", "ru": "Резерв"},
    "density": {"en": "Density", "ru": "Плотность"},
    "pci": {"en": "PCI", "ru": "PCI"},
    "market": {"en": "Market", "ru": "Рынок"},
    "flag": {"en": "Flag", "ru": "Тип"},
    "natural_resource": {"en": "NR", "ru": "ПР"},
    "agricultural": {"en": "AG", "ru": "СХ"},
    "processed": {"en": "PR", "ru": "ПП"},
    "legend": {"en": "Untapped (potential - actual) and Market ({m}'s imports) in USD m. Flag: NR natural resource, "
                     "AG agricultural, PR processed good; * existing strength (RCA >= 1), not new diversification.",
               "ru": "Резерв (потенциал - факт) и Рынок (импорт: {m}) в млн долл. США. Тип: ПР природный ресурс, "
                     "СХ сельскохозяйственный товар, ПП продукт переработки; * уже сильная позиция (RCA >= 1), "
                     "а не новая диверсификация."},
    "scores": {"en": "balanced {b}, strategy score {s}, potential {p}, actual {a}",
               "ru": "сбалансированный балл {b}, балл стратегии {s}, потенциал {p}, факт {a}"},
    "why": {"en": "Why", "ru": "Почему"},
    "ease": {"en": "Bilateral ease (actual / expected trade): {v:.2f}; candidates scored: {n}",
             "ru": "Лёгкость двусторонней торговли (факт / ожидание): {v:.2f}; оценено кандидатов: {n}"},
}


label = Catalogue("indicators and opportunities", LABELS)


def _num(v: Any, digits: int = 2, scale: float = 1.0) -> str:
    import pandas as pd

    return "" if v is None or pd.isna(v) else f"{float(v) / scale:,.{digits}f}"


def _names(classification: str, level: str, lang: str) -> dict[str, str]:
    from ..reference import products

    p = products(classification, level)
    names = p["name_ru"].fillna(p["name_en"]) if lang == "ru" else p["name_en"]
    return dict(zip(p["code"], names.astype(str).str.slice(0, 60)))


def register(app: typer.Typer) -> None:
    @app.command("indicators")
    @handle_errors
    def indicators(
        exporter: str = typer.Argument(..., help="Exporting economy, e.g. KAZ."),
        market: str = typer.Argument(..., help="Market, e.g. CHN or CN-XJ."),
        year_from: int = typer.Option(2015, "--from", help="First year."),
        year_to: int = typer.Option(2024, "--to", help="Last year."),
        level: str = typer.Option("hs4", "--level", help="Product level: hs2 | hs4 | hs6."),
        top: int = typer.Option(10, "--top", help="Products gained/lost listed in the table output."),
        fmt: str = FormatOption,
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Per year: exports to the market, products, HHI, Theil, growth margins (new / lost /
        intensive), trade complementarity, intensity and WITS diversification; products gained and lost."""
        from .. import reference
        from ..indicators.bilateral import bilateral_indicators
        from ..store import Workspace

        check_choice(fmt, FORMATS, "--format")
        cfg = settings(workspace, lang)
        e, m = reference.resolve_economy(exporter), reference.resolve_economy(market)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            rep = bilateral_indicators(ws.flows(), exporter=e, market=m, year_from=year_from, year_to=year_to, level=level)
        series, changes = rep.series.to_pandas(), rep.changes.to_pandas()
        if fmt == "json":
            doc = {"schema": "corridor.indicators/1", "exporter": e, "market": m, "year_from": year_from,
                   "year_to": year_to, "level": level, "source": rep.source, "series": json_records(series),
                   "changes": json_records(changes), "notes": list(rep.notes), "notes_ru": list(rep.notes_ru)}
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        if fmt == "csv":
            typer.echo(csv_text(series), nl=False)
            return
        _render_indicators(rep, series, changes, lang=lang, top=top,
                           names={c: reference.economy_name(c, lang=lang) for c in (e, m)})

    @app.command("opportunities")
    @handle_errors
    def opportunities(
        exporter: str = typer.Argument(..., help="Exporting economy, e.g. KAZ."),
        market: str = typer.Option(..., "--market", help="Target market, e.g. CHN or CN-XJ."),
        year: int = typer.Option(..., "--year", help="Year of the figures."),
        top: int = typer.Option(50, "--top", help="Number of ranked products."),
        strategy: str = typer.Option(
            "balanced_portfolio", "--strategy",
            help="low_hanging_fruit | balanced_portfolio | long_jumps | light_touch | "
                 "parsimonious_industrial_policy | strategic_bets.",
        ),
        rank_by: str = typer.Option(
            "balanced", "--rank-by",
            help="balanced (strategy score and log untapped potential, above a floor) | score (the Atlas "
                 "strategy score alone) | untapped | potential.",
        ),
        processed_only: bool = typer.Option(False, "--processed-only", help="Leave out natural resources."),
        include_strengths: bool = typer.Option(
            False, "--include-strengths",
            help="Keep products with RCA >= 1 (existing strengths, flagged *) when ranking by balanced or score.",
        ),
        min_untapped_share: float | None = typer.Option(
            None, "--min-untapped-share",
            help="Leave out products whose untapped potential is below this share of actual exports to the market "
                 "(default 0.00001 for balanced, else 0).",
        ),
        min_untapped_usd: float | None = typer.Option(
            None, "--min-untapped-usd", help="Leave out products whose untapped potential is below this many USD.",
        ),
        value_weight: float = typer.Option(
            0.5, "--value-weight", help="Weight of z(ln(1 + untapped potential)) in the balanced ranking (0..1).",
        ),
        level: str = typer.Option("hs4", "--level", help="Product level: hs2 | hs4 | hs6."),
        market_weight: float = typer.Option(0.5, "--market-weight", help="Weight of market size and growth in the score (0..1)."),
        fmt: str = FormatOption,
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Products to sell to the market: ITC-style export potential (supply x demand x ease),
        product-space feasibility and attractiveness with the Atlas strategy presets, explained."""
        from .. import reference
        from ..opportunities import opportunities_from_flows
        from ..store import Workspace

        check_choice(fmt, FORMATS, "--format")
        cfg = settings(workspace, lang)
        e, m = reference.resolve_economy(exporter), reference.resolve_economy(market)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            res = opportunities_from_flows(
                ws.flows(), exporter=e, market=m, year=year, level=level, strategy=strategy, rank_by=rank_by,
                top=top, market_weight=market_weight, exclude_competitive=False if include_strengths else None,
                min_untapped_share=min_untapped_share, min_untapped_usd=min_untapped_usd,
                value_weight=value_weight, processed_only=processed_only,
            )
        df = res.to_pandas()
        if fmt == "json":
            doc = {"schema": "corridor.opportunities/1", "exporter": e, "market": m, "year": year, "level": level,
                   "strategy": res.strategy, "rank_by": res.rank_by, "value_weight": value_weight,
                   "min_untapped": res.min_untapped, "processed_only": res.processed_only, "ease": res.ease,
                   "candidates": res.candidates, "opportunities": json_records(df), "notes": list(res.notes),
                   "notes_ru": list(res.notes_ru)}
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        if fmt == "csv":
            typer.echo(csv_text(df), nl=False)
            return
        render_opportunities(Console(), res, df, lang=lang, level=level,
                             names={c: reference.economy_name(c, lang=lang) for c in (e, m)})


def _render_indicators(rep, series: pd.DataFrame, changes: pd.DataFrame, *, lang: str, top: int,
                       names: dict[str, str]) -> None:
    con = Console()
    e, m = names[rep.exporter], names[rep.market]
    groups = (
        [("year", None), ("exports_to_market", (1, 1e6)), ("market_share_of_exports", (1, 0.01)),
         ("n_products", (0, 1)), ("hhi", (3, 1)), ("theil", (2, 1))],
        [("year", None), ("new", (1, 1e6)), ("lost", (1, 1e6)), ("intensive", (1, 1e6)), ("tc", (1, 1)),
         ("tii", (2, 1)), ("dx", (2, 1))],
    )
    for i, cols in enumerate(groups):
        t = Table(title=label("ind_title", lang, e=e, m=m, level=rep.level) if i == 0 else None)
        for key, _ in cols:
            t.add_column(label(key, lang, m=m), justify="right")
        for row in series.to_dict("records"):
            t.add_row(*[str(int(row[k])) if fmt is None else _num(row[k], *fmt) for k, fmt in cols])
        con.print(t)
    names_of = _names(rep.classification, rep.level, lang)
    for status in ("new", "lost"):
        sub = changes[changes.status == status]
        value = "value_end" if status == "new" else "value_start"
        sub = sub.sort_values(value, ascending=False).head(top)
        ct = Table(title=label("changes_title", lang, status=label(f"{status}_status", lang), y0=rep.year_from,
                               y1=rep.year_to, n=len(sub)))
        for key in ("code", "name", "value_musd"):
            ct.add_column(label(key, lang))
        for r in sub.to_dict("records"):
            ct.add_row(str(r["product"]), names_of.get(r["product"], ""), _num(r[value], 1, 1e6))
        con.print(ct)
    con.print(label("notes", lang) + ":")
    for n in (rep.notes_ru if lang == "ru" else rep.notes):
        con.print(f"  - {n}")


#: Longest product name in the explanation lines (HS descriptions run to 300 characters).
NAME_IN_LINE = 70


def _product_name(rec: dict[str, Any], lang: str) -> str:
    """The product's name in ``lang`` (English when there is no Russian one)."""
    name = rec.get("name_ru") if lang == "ru" else None
    return name if isinstance(name, str) else str(rec.get("name_en") or "")


def _flag(rec: dict[str, Any], lang: str) -> str:
    """``NR`` / ``AG`` / ``PR`` (Russian ``ПР`` / ``СХ`` / ``ПП``), with ``*`` for an existing strength."""
    from ..opportunities.explain import product_kind

    star = "*" if rec.get("existing_strength") is True else ""
    return label(product_kind(rec), lang) + star


def _opportunity_table(res, df: pd.DataFrame, *, lang: str, level: str, names: dict[str, str],
                       name_width: int) -> Table:
    from ..opportunities.strategy import strategy_weights

    w = strategy_weights(res.strategy)
    t = Table(title=label("opp_title", lang, e=names[res.exporter], m=names[res.market], year=res.year,
                          strategy=w.label_ru if lang == "ru" else w.label_en,
                          rank_by=label(f"rb_{res.rank_by}", lang)), box=box.SIMPLE_HEAD, show_edge=False)
    for key in ("rank", "code", "name", "untapped", "density", "pci", "market", "flag"):
        title = level.upper() if key == "code" else label(key, lang)
        left = key in ("code", "name", "flag")
        t.add_column(title, justify="left" if left else "right", no_wrap=True, overflow="ellipsis",
                     width=name_width if key == "name" else None)
    for r in df.to_dict("records"):
        t.add_row(str(r["rank"]), str(r["product"]), Text(_product_name(r, lang)), _num(r["untapped"], 1, 1e6), _num(r["density"], 3),
                  _num(r["pci"], 2), _num(r["demand"], 1, 1e6), _flag(r, lang))
    return t


def _fitted_name_width(build, width: int) -> int:
    """The product-name width that makes the table ``width`` columns wide (8..48)."""
    probe = Console(file=io.StringIO(), width=1000)
    probe.print(build(1))
    other = max(len(line.rstrip()) for line in probe.file.getvalue().splitlines() if "─" in line) - 1
    return max(8, min(48, width - other))


def render_opportunities(con: Console, res, df: pd.DataFrame, *, lang: str, level: str,
                         names: dict[str, str]) -> None:
    """The ranking as a compact table that fits ``con.width`` (rank, code, name, untapped, density, PCI,
    market, flag), then one line of figures and one explanation per product, and the notes."""
    from ..opportunities.explain import number, usd

    def build(name_width: int) -> Table:
        return _opportunity_table(res, df, lang=lang, level=level, names=names, name_width=name_width)

    con.print(build(_fitted_name_width(build, con.width)))
    con.print(label("legend", lang, m=names[res.market]))
    con.print(label("ease", lang, v=res.ease, n=res.candidates))
    con.print(label("why", lang) + ":")
    why = "why_ru" if lang == "ru" else "why_en"
    for r in df.head(10).to_dict("records"):
        name = _product_name(r, lang)
        figures = label("scores", lang, b=number(float(r["balanced_score"]), lang),
                        s=number(float(r["score"]), lang),
                        p=usd(float(r["potential"] or 0.0), lang), a=usd(float(r["actual"] or 0.0), lang))
        name = name if len(name) <= NAME_IN_LINE else name[: NAME_IN_LINE - 1].rstrip() + "…"
        con.print(f"  {r['rank']}. {r['product']} {name} [{_flag(r, lang)}]: {figures}", markup=False)
        con.print(f"     {r[why]}", markup=False)
    con.print(label("notes", lang) + ":")
    for n in (res.notes_ru if lang == "ru" else res.notes):
        con.print(f"  - {n}", markup=False)
