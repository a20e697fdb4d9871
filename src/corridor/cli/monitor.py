"""``corridor monitor ECONOMY PARTNER``: both sides' statistics side by side."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import FormatOption, LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors


def register(app: typer.Typer) -> None:
    @app.command("monitor")
    @handle_errors
    def monitor(
        economy: str = typer.Argument(..., help="First economy (its point of view), e.g. KAZ."),
        partner: str = typer.Argument(..., help="Partner economy, e.g. CHN or CN-XJ."),
        year_from: int = typer.Option(2015, "--from", help="First year."),
        year_to: int = typer.Option(2024, "--to", help="Last year."),
        level: str = typer.Option("hs4", "--level", help="Product level for structure: hs2 | hs4 | hs6."),
        top: int = typer.Option(10, "--top", help="Number of top products shown."),
        months: int | None = typer.Option(
            None, "--months", help="January to month N of each year (1-12), with growth over the same months a year earlier."),
        monthly: bool = typer.Option(False, "--monthly", help="The month-by-month series (growth over the same month a year earlier)."),
        release: list[str] = typer.Option(
            [], "--release", help="Use this release of a source instead of the latest: SOURCE=RELEASE (repeatable)."),
        fmt: str = FormatOption,
        lang: str = LangOption,
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Exports, imports, turnover and balance as reported by each side, with the gap,
        composition, top products, agricultural and non-commodity shares, HHI and product dynamics."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        q = query_of("monitor", economy=economy, partner=partner, year_from=year_from, year_to=year_to, level=level,
                     top=top, releases=tuple(release),
                     months=months, monthly=monthly)
        emit(run("monitor", q, workspace, lang), fmt=fmt, lang=lang, output=output, table=table)
