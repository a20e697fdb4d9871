"""Terminal renderers of the indicators and opportunities answers, and their texts in
English and Russian (:mod:`corridor.reports.indicators`, :mod:`corridor.reports.opportunities`
are their entries in the renderer registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .i18n import Catalogue
from .console import print_notes, print_table
from .names import FALLBACK_MARK, name_map, wrap

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
    "natural_resource": {"en": "RES", "ru": "СЫР"},
    "agricultural": {"en": "AGR", "ru": "АГР"},
    "processed": {"en": "MFG", "ru": "ПЕР"},
    "legend": {"en": "Untapped (potential - actual) and Market ({m}'s imports) in USD m. Flag: RES natural resource, "
                     "AGR agricultural, MFG processed (manufactured) good; * existing strength (RCA >= 1), not new "
                     "diversification.",
               "ru": "Резерв (потенциал - факт) и Рынок (импорт: {m}) в млн долл. США. Тип: СЫР природный ресурс "
                     "(сырьё), АГР сельскохозяйственный товар, ПЕР продукт переработки; * уже сильная позиция "
                     "(RCA >= 1), а не новая диверсификация."},
    "fallback": {"en": "({mark} NN): the chapter's name, no name of the heading itself.", "ru": "«{mark} NN»: русского названия товарной позиции нет в таблицах corridor, показано "
                                 "название её группы (главы NN)."},
    "scores": {"en": "balanced {b}, strategy score {s}, potential {p}, actual {a}",
               "ru": "сбалансированный балл {b}, балл стратегии {s}, потенциал {p}, факт {a}"},
    "why": {"en": "Why", "ru": "Почему"},
    "ease": {"en": "Bilateral ease (actual / expected trade): {v:.2f}; candidates scored: {n}",
             "ru": "Лёгкость двусторонней торговли (факт / ожидание): {v:.2f}; оценено кандидатов: {n}"},
}


label = Catalogue("indicators and opportunities", LABELS)


def _num(v: Any, digits: int = 2, scale: float = 1.0, *, lang: str = "en") -> str:
    """``v / scale`` with ``digits`` decimals in ``lang``'s separators (empty when missing)."""
    from . import numbers

    return "" if numbers.missing(v) else numbers.number(float(v) / scale, lang, digits=digits)


def render_indicators(result, *, lang: str, width: int) -> str:
    """The indicators as text tables: the series in two tables, products gained and lost, notes."""
    from .names import economy_name

    rep, series, changes, top = result.report, result.series, result.changes, result.query.top
    con = Console(file=io.StringIO(), width=width, color_system=None)
    e, m = economy_name(rep.exporter, lang), economy_name(rep.market, lang)
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
            t.add_row(*[str(int(row[k])) if fmt is None else _num(row[k], *fmt, lang=lang) for k, fmt in cols])
        print_table(con, t)
    names_of = name_map(rep.classification, rep.level, lang)
    for status in ("new", "lost"):
        sub = changes[changes.status == status]
        value = "value_end" if status == "new" else "value_start"
        sub = sub.sort_values(value, ascending=False).head(top)
        ct = Table(title=label("changes_title", lang, status=label(f"{status}_status", lang), y0=rep.year_from,
                               y1=rep.year_to, n=len(sub)))
        for key in ("code", "name", "value_musd"):
            ct.add_column(label(key, lang), overflow="fold", max_width=60 if key == "name" else None)
        for r in sub.to_dict("records"):
            ct.add_row(str(r["product"]), names_of.get(r["product"], ""), _num(r[value], 1, 1e6, lang=lang))
        print_table(con, ct)
    print_notes(con, label("notes", lang), [n.render(lang) for n in rep.note_keys])
    return con.file.getvalue()


def _product_name(rec: dict[str, Any], lang: str, names: dict[str, str] | None = None) -> str:
    """The product's name in ``lang``: its own, else (Russian) the marked chapter fallback."""
    name = rec.get("name_ru") if lang == "ru" else rec.get("name_en")
    if isinstance(name, str) and name:
        return name
    if names and rec.get("product") in names:
        return names[rec["product"]]
    return str(rec.get("name_en") or "")


def _flag(rec: dict[str, Any], lang: str) -> str:
    """``RES`` / ``AGR`` / ``MFG`` (Russian ``СЫР`` / ``АГР`` / ``ПЕР``; no letters shared with
    another meaning in the other language), with ``*`` for an existing strength."""
    from ..opportunities.explain import product_kind

    star = "*" if rec.get("existing_strength") is True else ""
    return label(product_kind(rec), lang) + star


def _opportunity_table(res, df: pd.DataFrame, *, lang: str, level: str, names: dict[str, str],
                       products: dict[str, str] | None = None) -> Table:
    from ..opportunities.strategy import strategy_weights

    w = strategy_weights(res.strategy)
    t = Table(title=label("opp_title", lang, e=names[res.exporter], m=names[res.market], year=res.year,
                          strategy=w.label_ru if lang == "ru" else w.label_en,
                          rank_by=label(f"rb_{res.rank_by}", lang)), box=box.SIMPLE_HEAD, show_edge=False)
    for key in ("rank", "code", "name", "untapped", "density", "pci", "market", "flag"):
        title = level.upper() if key == "code" else label(key, lang)
        left = key in ("code", "name", "flag")
        wraps = key == "name"  # names wrap between words, never cut
        t.add_column(title, justify="left" if left else "right", no_wrap=not wraps, overflow="fold",
                     max_width=48 if wraps else None)
    for r in df.to_dict("records"):
        t.add_row(str(r["rank"]), str(r["product"]), Text(_product_name(r, lang, products)), _num(r["untapped"], 1, 1e6, lang=lang),
                  _num(r["density"], 3, lang=lang), _num(r["pci"], 2, lang=lang), _num(r["demand"], 1, 1e6, lang=lang),
                  _flag(r, lang))
    return t


def why(result, lang: str) -> list[str]:
    """The plain-language explanation of every ranked product in ``lang``."""
    from ..opportunities.explain import explain_frame
    from .names import economy_name

    return explain_frame(result.opportunities, lang=lang,
                         market_name=economy_name(result.ranking.market, lang)).tolist()


def product_names(result, lang: str) -> list[str]:
    """The ranked products' names in ``lang`` (Russian: the marked chapter fallback when needed)."""
    products = name_map(None, result.query.level, lang)
    return [_product_name(r, lang, products) for r in result.opportunities.to_dict("records")]


def render_opportunities(result, *, lang: str, width: int) -> str:
    """The ranking as a compact table that fits ``width`` (rank, code, name, untapped, density, PCI,
    market, flag), then one line of figures and one explanation per product, and the notes."""
    from ..opportunities.explain import number, usd
    from .names import economy_name

    res, df, level = result.ranking, result.opportunities, result.query.level
    con = Console(file=io.StringIO(), width=width, color_system=None)
    names = {c: economy_name(c, lang) for c in (res.exporter, res.market)}
    products = name_map(None, level, lang)

    print_table(con, _opportunity_table(res, df, lang=lang, level=level, names=names, products=products))
    con.print(label("legend", lang, m=names[res.market]))
    if lang == "ru" and any(f"({FALLBACK_MARK} " in n for n in product_names(result, lang)):
        con.print(label("fallback", lang, mark=FALLBACK_MARK), markup=False)
    con.print(label("ease", lang, v=res.ease, n=res.candidates))
    con.print(label("why", lang) + ":")
    reasons = why(result, lang)
    for r, because in list(zip(df.to_dict("records"), reasons))[:10]:
        name = _product_name(r, lang, products)
        figures = label("scores", lang, b=number(float(r["balanced_score"]), lang),
                        s=number(float(r["score"]), lang),
                        p=usd(float(r["potential"] or 0.0), lang), a=usd(float(r["actual"] or 0.0), lang))
        head = f"  {r['rank']}. {r['product']} "
        lines = wrap(f"{name} [{_flag(r, lang)}]: {figures}", max(20, width - len(head)))
        con.print(head + lines[0], markup=False)
        for line in lines[1:]:
            con.print(" " * len(head) + line, markup=False)
        for line in wrap(because, max(20, width - 5)):
            con.print(f"     {line}", markup=False)
    print_notes(con, label("notes", lang), [n.render(lang) for n in res.note_keys])
    return con.file.getvalue()
