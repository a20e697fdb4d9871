"""Renderers of the complexity answer (:mod:`corridor.answers.complexity`): names of
economies and products in the reader's language, and two aligned text tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .i18n import Catalogue
from ..words import Count
from .names import economy_name, name_map, wrap
from ..util import arrow_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MAIN = "countries"

#: Labels of this command in English and Russian.
LABELS: dict[str, dict[str, str]] = {
    "countries_title": {"en": "Economic complexity, {year} ({method}, {level}, {presence} presence): top {n} of {total}",
                        "ru": "Экономическая сложность, {year} ({method}, {level}, присутствие: {presence}): первые {n} из {total}"},
    "products_title": {"en": "Product complexity, {year} ({method}, {level}): top {n} of {total}",
                       "ru": "Сложность товаров, {year} ({method}, {level}): первые {n} из {total}"},
    "method_eigenvector": {"en": "eigenvector", "ru": "собственный вектор"},
    "method_reflections": {"en": "reflections", "ru": "метод отражений"},
    "method_fitness": {"en": "fitness", "ru": "фитнес"},
    "yes": {"en": "yes", "ru": "да"},
    "norm_fitness": {"en": "mean 1", "ru": "среднее 1"},
    "norm_atlas": {"en": "Atlas: z-score with ECI mean and std (ddof 0); sign: corr(ECI, diversity) >= 0",
                   "ru": "Атлас: z-оценка по среднему и стандартному отклонению ИЭС (ddof 0); знак: corr(ИЭС, диверсификация) >= 0"},
    "no": {"en": "no", "ru": "нет"},
    "presence_binary": {"en": "binary", "ru": "бинарное"},
    "presence_continuous": {"en": "continuous", "ru": "непрерывное"},
    "rank": {"en": "#", "ru": "№"},
    "code": {"en": "Code", "ru": "Код"},
    "economy": {"en": "Economy", "ru": "Экономика"},
    "product": {"en": "Product", "ru": "Товар"},
    "eci": {"en": "ECI", "ru": "ИЭС"},
    "pci": {"en": "PCI", "ru": "ИСТ"},
    "fitness": {"en": "Fitness", "ru": "Фитнес"},
    "complexity": {"en": "Complexity", "ru": "Сложность"},
    "diversity": {"en": "Diversity", "ru": "Диверсификация"},
    "ubiquity": {"en": "Ubiquity", "ru": "Распространённость"},
    "coi": {"en": "COI", "ru": "ИПС"},
    "note": {"en": "ECI/PCI z-scored with ECI's mean and std (ddof 0), sign: ECI rises with diversity; COI z-scored, from the PCI eigenvector.",
             "ru": "ИЭС/ИСТ нормированы средним и стандартным отклонением ИЭС (ddof 0), знак: ИЭС растёт с диверсификацией; ИПС нормирован, по собственному вектору ИСТ."},
    "note_fitness": {"en": "Fitness and complexity (Tacchella et al. 2012), normalised to mean 1; {steps} iterations, converged: {converged}.",
                     "ru": "Фитнес и сложность (Tacchella et al. 2012), нормированы на среднее 1; итераций: {steps}, сходимость: {converged}."},
}


label = Catalogue("complexity", LABELS)



def export_tables(result: Any, lang: str) -> dict[str, pd.DataFrame]:
    """Countries and products with their names in ``lang`` (after the code); a panel's
    years one after the other."""
    if result.panel:
        import pandas as pd

        parts = [export_tables(r, lang) for r in result.panel]
        return {k: pd.concat([p[k] for p in parts], ignore_index=True) for k in ("countries", "products")}
    tables = result.tables()
    countries, products = tables["countries"], tables["products"]
    countries.insert(2, "name", _country_names(result, lang))
    products.insert(2, "name", _product_names(result, lang))
    out = {"countries": countries, "products": products}
    if result.space_nodes is not None:
        names = _name_map(result, lang)
        nodes = result.space_nodes.copy()
        nodes.insert(1, "name", nodes["product"].map(names).fillna("").tolist())
        out |= {"space_nodes": nodes, "space_edges": result.space_edges}
    return out


def _name_map(result: Any, lang: str) -> dict[str, str]:
    return name_map(result.classification, result.query.level, lang) if result.classification else {}


def _country_names(result: Any, lang: str) -> list[str]:
    return [economy_name(c, lang) for c in result.countries["code"].to_pylist()]


def _product_names(result: Any, lang: str) -> list[str]:
    names = _name_map(result, lang)
    return [names.get(c, "") for c in result.products["code"].to_pylist()]


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    """The document's tables with the names in ``lang`` after the codes (written from the
    result's Arrow tables: no pandas)."""
    if result.panel:
        doc["panel"] = [localise(d, r, lang) for d, r in zip(doc["panel"], result.panel)]
        return doc
    from ..messages import render

    doc["normalisation"] = label("norm_fitness" if result.query.method == "fitness" else "norm_atlas", lang)
    if result.source_note is not None:
        doc["source_note"] = render(result.source_note, lang)
    doc["countries"] = arrow_records(result.countries, {"name": _country_names(result, lang)})
    doc["products"] = arrow_records(result.products, {"name": _product_names(result, lang)})
    return doc


def terminal(result: Any, lang: str, width: int) -> str:
    from .registry import document

    doc = document(result, lang)
    docs = doc["panel"] if result.panel else [doc]
    return "\n".join(render_table(d, top=result.query.top, lang=lang, width=width) for d in docs)


def _fmt(value: Any, lang: str) -> str:
    from .numbers import number

    if value is None:
        return "–"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e9 else number(value, lang, digits=3)
    return str(value)


def render_table(doc: dict[str, Any], *, top: int, lang: str, width: int = 120) -> str:
    """Two text tables (top ``top`` rows each) with titles and a note, ``width`` columns
    wide: headers and names wrap between words (:func:`corridor.reports.console.fit`), names
    in a column of at most 48 characters."""
    from rich import box
    from rich.table import Table

    from .console import console, print_table

    score_c, score_p = doc["score_columns"]["country"], doc["score_columns"]["product"]
    con = console(width)
    specs = [
        ("countries_title", doc["countries"], ["rank", "code", "name", score_c, "diversity", "coi"], "economy_gen"),
        ("products_title", doc["products"], ["rank", "code", "name", score_p, "ubiquity"], "product_gen"),
    ]
    for title, rows, columns, noun in specs:
        columns = [c for c in columns if not rows or c in rows[0]]
        shown = rows[:top]
        con.print(label(title, lang, year=doc["year"], method=label(f"method_{doc['method']}", lang), level=doc["level"],
                        presence=label(f"presence_{doc['presence']}", lang), n=len(shown),
                        total=Count(len(rows), noun)), markup=False)
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for c in columns:
            head = label(c if c != "name" else ("economy" if title == "countries_title" else "product"), lang)
            t.add_column(head, justify="left" if c in ("code", "name") else "right", no_wrap=c != "name",
                         max_width=48 if c == "name" else None)
        for r in shown:
            t.add_row(*[_fmt(r[c], lang) if c != "name" else str(r[c]) for c in columns])
        print_table(con, t)
    if doc["method"] == "fitness":
        con.print(label("note_fitness", lang, steps=doc["iterations"],
                        converged=label("yes" if doc["converged"] else "no", lang)), markup=False)
    else:
        con.print(label("note", lang), markup=False)
    return con.file.getvalue()
