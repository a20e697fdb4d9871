"""``corridor complexity --year Y``: ECI/PCI (or fitness) of every exporter and product.

The command reads the workspace's flows, builds the export matrix at the asked level,
the presence matrix (binary RCA >= 1 or continuous) and runs the complexity suite; it
prints a country table (rank, ECI, diversity, COI) and a product table (rank, PCI,
ubiquity).  The building of the output document (:func:`complexity_document`) is
separate from its rendering (:func:`render_table`, :func:`render_csv`, JSON).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..reports.i18n import Catalogue
from ..reports.tabular import json_records
from .common import FORMATS, FormatOption, LangOption, WorkspaceOption, check_choice, handle_errors, settings

if TYPE_CHECKING:  # pandas and Ibis are imported by the command when it runs, not by the CLI's start-up
    import pandas as pd

METHODS = ("eigenvector", "reflections", "fitness")
LEVELS = ("hs2", "hs4", "hs6")
PRESENCES = ("binary", "continuous")
ENGINES = ("duckdb", "pyspark")

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


def _economy_names(codes: pd.Series, lang: str) -> list[str]:
    from .. import reference
    from ..errors import CorridorError

    names = []
    for code in codes:
        try:
            names.append(reference.economy_name(code, lang=lang))
        except CorridorError:
            names.append(code)
    return names


def _product_names(codes: pd.Series, classification: str | None, level: str, lang: str) -> list[str]:
    from .. import reference
    from ..errors import CorridorError

    if classification is None:
        return [""] * len(codes)
    try:
        table = reference.products(classification, level).set_index("code")
    except CorridorError:
        return [""] * len(codes)
    column = table[f"name_{lang}"].fillna(table["name_en"]) if lang != "en" else table["name_en"]
    return codes.map(column).fillna("").tolist()


def _classification(flows, *, level: str, year: int, source: str | None) -> str | None:
    from ..indicators.engines import to_arrow

    rows = flows.filter((flows.year == year) & (flows.product_level == level) & (flows.flow == "export"))
    if source is not None:
        rows = rows.filter(rows.source == source)
    found = to_arrow(rows.group_by("classification").aggregate(n=rows.count()))["classification"].to_pylist()
    return found[0] if len(found) == 1 else None


def complexity_document(
    flows,
    *,
    year: int,
    method: str,
    level: str,
    presence: str,
    source: str | None,
    classification: str | None,
    window: int,
    lang: str,
    min_exports: float = 0.0,
    min_product_exports: float = 0.0,
    matrix=None,
) -> dict[str, Any]:
    """The command's output as plain data: metadata, ``countries`` and ``products`` lists.
    ``matrix`` is the export matrix when the caller has it already
    (:func:`corridor.indicators.selection.complexity_matrix`); ``flows`` is then unused."""
    from ..indicators.complexity import complexity, presence_matrices
    from ..indicators.inputs import export_matrix, inclusion
    from ..indicators.proximity import complexity_suite

    if matrix is None:
        matrix = export_matrix(flows, years=year, level=level, classification=classification, source=source, window=window)
    if min_exports != 0 or min_product_exports != 0:  # (inclusion refuses a negative or non-finite threshold)
        if not hasattr(matrix, "op"):  # an Arrow table: to the engine for the Ibis rules
            import ibis

            matrix = ibis.memtable(matrix)
        matrix = inclusion(matrix, min_exporter_value=min_exports, min_product_value=min_product_exports)
    present = presence_matrices(matrix, rule=presence)
    if method == "fitness":
        result = complexity(present, method="fitness").year(year)
        countries, products = result.countries(), result.products_table()
        extra = {"iterations": result.iterations, "converged": result.converged}
    else:
        suite = complexity_suite(present, method=method, pci="eigenvector" if method == "eigenvector" else "normalized",
                                 proximity_matrices=False)  # the document shows no proximity: φ is never formed
        result = suite.complexity.year(year)
        countries = suite.countries().drop(columns=["coi_raw"])
        products = suite.products()
        extra = {"eigenvalue": None if math.isnan(result.eigenvalue) else result.eigenvalue, "iterations": result.iterations}
    score_c, score_p = result.labels
    countries = countries.sort_values(["rank", "exporter"]).rename(columns={"exporter": "code"})
    products = products.sort_values(["rank", "product"]).rename(columns={"product": "code"})
    countries.insert(2, "name", _economy_names(countries.code, lang))
    chosen = classification or (_classification(flows, level=level, year=year, source=source) if flows is not None else None)
    products.insert(2, "name", _product_names(products.code, chosen, level, lang))
    return {
        "year": year,
        "method": method,
        "level": level,
        "classification": chosen,
        "presence": presence,
        "window": window,
        "min_exports": min_exports,
        "min_product_exports": min_product_exports,
        "score_columns": {"country": score_c, "product": score_p},
        "normalisation": "mean 1" if method == "fitness" else "Atlas: z-score with ECI mean and std (ddof 0); sign: corr(ECI, diversity) >= 0",
        **extra,
        "countries": json_records(countries, integer_columns=("rank", "year")),
        "products": json_records(products, integer_columns=("rank", "year")),
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e9 else f"{value:.3f}"
    return str(value)


def render_table(doc: dict[str, Any], *, top: int, lang: str) -> str:
    """Two aligned text tables (top ``top`` rows each) with titles and a note."""
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
        body = [[_fmt(r[c]) if c != "name" else str(r[c])[:48] for c in columns] for r in shown]
        widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
        numeric = [c not in ("code", "name") for c in columns]
        line = lambda cells: "  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric))  # noqa: E731
        text = label(title, lang, year=doc["year"], method=doc["method"], level=doc["level"], presence=label(f"presence_{doc['presence']}", lang), n=len(shown), total=len(rows))
        blocks.append("\n".join([text, line(head), line(["-" * w for w in widths]), *map(line, body)]))
    if doc["method"] == "fitness":
        blocks.append(label("note_fitness", lang, steps=doc["iterations"], converged=doc["converged"]))
    else:
        blocks.append(label("note", lang))
    return "\n\n".join(blocks) + "\n"


def render_csv(doc: dict[str, Any]) -> str:
    """One CSV: ``table,year,code,name,rank,score,count,coi`` where ``table`` is
    ``country`` or ``product``, ``score`` the ECI/PCI (fitness/complexity) and ``count``
    the diversity/ubiquity."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["table", "year", "code", "name", "rank", "score", "count", "coi"])
    for table, rows, score, count in (
        ("country", doc["countries"], doc["score_columns"]["country"], "diversity"),
        ("product", doc["products"], doc["score_columns"]["product"], "ubiquity"),
    ):
        for r in rows:
            writer.writerow([table, r["year"], r["code"], r["name"], r["rank"], _csv_num(r[score]), _csv_num(r[count]), _csv_num(r.get("coi"))])
    return buffer.getvalue()


def _csv_num(value: Any) -> str:
    return "" if value is None else repr(float(value))


def year_rows(matrix, year: int):
    """The rows of one year of an Arrow export matrix."""
    import pyarrow.compute as pc

    return matrix.filter(pc.equal(matrix["year"], year))


def register(app: typer.Typer) -> None:
    @app.command("complexity")
    @handle_errors
    def complexity_command(
        year: int = typer.Option(..., "--year", help="Year to compute (the first year, with --through)."),
        through: int | None = typer.Option(None, "--through", help="Compute every year from --year to this one (a panel; JSON and CSV list the years)."),
        method: str = typer.Option("eigenvector", "--method", help="eigenvector | reflections | fitness."),
        level: str = typer.Option("hs4", "--level", help="Product level: hs2 | hs4 | hs6."),
        presence: str = typer.Option("binary", "--presence", help="Presence rule: binary (RCA >= 1) | continuous (RCA/(1+RCA))."),
        window: int = typer.Option(1, "--window", help="Average exports over this many years ending at --year."),
        source: str | None = typer.Option(None, "--source", help="Source to use when the workspace holds several."),
        classification: str | None = typer.Option(None, "--classification", help="HS revision to use when several are stored (e.g. HS12)."),
        min_exports: float = typer.Option(0.0, "--min-exports", help="Leave out exporters whose total exports that year (the window mean with --window) are below this many USD (e.g. 1e9, as the Atlas does)."),
        min_product_exports: float = typer.Option(0.0, "--min-product-exports", help="Then leave out products exported for less than this many USD in all."),
        engine: str = typer.Option("duckdb", "--engine", help="Engine: duckdb | pyspark."),
        top: int = typer.Option(20, "--top", help="Rows shown in each table (table format)."),
        fmt: str = FormatOption,
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Economic Complexity Index of every exporter and Product Complexity Index of every
        product (Hidalgo & Hausmann 2009; Atlas normalisation), or fitness (Tacchella et al. 2012)."""
        from ..indicators.engines import connect
        from ..store import Workspace

        check_choice(fmt, FORMATS, "--format")
        check_choice(method, METHODS, "--method")
        check_choice(level, LEVELS, "--level")
        check_choice(presence, PRESENCES, "--presence")
        check_choice(engine, ENGINES, "--engine")
        cfg = settings(workspace, lang)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            from ..indicators.selection import complexity_matrix

            flows = None if engine == "duckdb" else ws.flows_on(connect("pyspark"))
            years = tuple(range(year, (through if through is not None else year) + 1))
            chosen = complexity_matrix(ws, years=years, level=level, source=source,
                                       classification=classification, window=window, engine=engine, flows=flows)
            docs = [
                {**complexity_document(
                    flows, year=y, method=method, level=level, presence=presence, source=chosen.source,
                    classification=chosen.classification, window=window, lang=lang,
                    min_exports=min_exports, min_product_exports=min_product_exports, matrix=year_rows(chosen.matrix, y),
                ), "source": chosen.source, "source_note": chosen.note}
                for y in years
            ]
        if through is not None:
            if fmt == "json":
                typer.echo(json.dumps({"panel": docs}, ensure_ascii=False, indent=1))
            elif fmt == "csv":
                typer.echo("".join(render_csv(d) if n == 0 else render_csv(d).split("\n", 1)[1] for n, d in enumerate(docs)), nl=False)
            else:
                typer.echo("\n".join(render_table(d, top=top, lang=lang) for d in docs), nl=False)
            return
        doc = docs[0]
        if fmt == "json":
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        elif fmt == "csv":
            typer.echo(render_csv(doc), nl=False)
        else:
            typer.echo(render_table(doc, top=top, lang=lang), nl=False)
