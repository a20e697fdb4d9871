"""Renderers of the complexity answer (:mod:`corridor.answers.complexity`): names of
economies and products in the reader's language, and two aligned text tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .i18n import Catalogue
from .names import economy_name, name_map, wrap
from ..util import arrow_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MAIN = "countries"

#: Labels of this command in English and Russian.
LABELS: dict[str, dict[str, str]] = {
    "countries_title": {"en": "Economic complexity, {year} ({method}, {level}, {presence} presence): top {n} of {total} economies",
                        "ru": "Экономическая сложность, {year} ({method}, {level}, присутствие: {presence}): первые {n} из {total} экономик"},
    "products_title": {"en": "Product complexity, {year} ({method}, {level}): top {n} of {total} products",
                       "ru": "Сложность товаров, {year} ({method}, {level}): первые {n} из {total} товаров"},
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
    doc["countries"] = arrow_records(result.countries, {"name": _country_names(result, lang)})
    doc["products"] = arrow_records(result.products, {"name": _product_names(result, lang)})
    return doc


def terminal(result: Any, lang: str, width: int) -> str:
    from .registry import document

    doc = document(result, lang)
    docs = doc["panel"] if result.panel else [doc]
    return "\n".join(render_table(d, top=result.query.top, lang=lang, width=width) for d in docs)


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e9 else f"{value:.3f}"
    return str(value)


def render_table(doc: dict[str, Any], *, top: int, lang: str, width: int = 120) -> str:
    """Two aligned text tables (top ``top`` rows each) with titles and a note; names wrap
    between words in a column of at most 48 characters."""
    score_c, score_p = doc["score_columns"]["country"], doc["score_columns"]["product"]
    blocks = []
    specs = [
        ("countries_title", doc["countries"], ["rank", "code", "name", score_c, "diversity", "coi"]),
        ("products_title", doc["products"], ["rank", "code", "name", score_p, "ubiquity"]),
    ]
    for title, rows, columns in specs:
        columns = [c for c in columns if not rows or c in rows[0]]
        shown = rows[:top]
        head = [label(c if c != "name" else ("economy" if title == "countries_title" else "product"), lang) for c in columns]
        body = [[_fmt(r[c]) if c != "name" else str(r[c]) for c in columns] for r in shown]
        name_at = columns.index("name") if "name" in columns else None
        widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
        if name_at is not None:
            widths[name_at] = min(widths[name_at], 48)
        numeric = [c not in ("code", "name") for c in columns]
        line = lambda cells: "  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)).rstrip()  # noqa: E731
        text = label(title, lang, year=doc["year"], method=doc["method"], level=doc["level"], presence=label(f"presence_{doc['presence']}", lang), n=len(shown), total=len(rows))
        lines = [text, line(head), line(["-" * w for w in widths])]
        for b in body:
            parts = wrap(b[name_at], widths[name_at]) if name_at is not None else [""]
            first = list(b)
            if name_at is not None:
                first[name_at] = parts[0]
            lines.append(line(first))
            for more in parts[1:]:
                cont = [""] * len(b)
                cont[name_at] = more
                lines.append(line(cont))
        blocks.append("\n".join(lines))
    if doc["method"] == "fitness":
        blocks.append(label("note_fitness", lang, steps=doc["iterations"], converged=doc["converged"]))
    else:
        blocks.append(label("note", lang))
    return "\n\n".join(blocks) + "\n"


