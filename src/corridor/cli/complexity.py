"""``corridor complexity --year Y``: ECI/PCI (or fitness) of every exporter and product;
a thin command over :mod:`corridor.answers.complexity`."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import FormatOption, LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors


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
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Economic Complexity Index of every exporter and Product Complexity Index of every
        product (Hidalgo & Hausmann 2009; Atlas normalisation), or fitness (Tacchella et al. 2012)."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        q = query_of("complexity", year=year, through=through, method=method, level=level, presence=presence, window=window,
                     source=source, classification=classification, min_exports=min_exports,
                     min_product_exports=min_product_exports, engine=engine, top=top)
        emit(run("complexity", q, workspace, lang), fmt=fmt, lang=lang, output=output, table=table)
