"""``corridor indicators`` and ``corridor opportunities``: thin commands over
:mod:`corridor.answers.indicators` and :mod:`corridor.answers.opportunities`."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import FormatOption, LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors


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
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Per year: exports to the market, products, HHI, Theil, growth margins (new / lost /
        intensive), trade complementarity, intensity and WITS diversification; products gained and lost."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        q = query_of("indicators", exporter=exporter, market=market, year_from=year_from, year_to=year_to,
                     level=level, top=top)
        emit(run("indicators", q, workspace, lang), fmt=fmt, lang=lang, output=output, table=table)

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
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Products to sell to the market: ITC-style export potential (supply x demand x ease),
        product-space feasibility and attractiveness with the Atlas strategy presets, explained."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        q = query_of("opportunities", exporter=exporter, market=market, year=year, top=top, strategy=strategy,
                     rank_by=rank_by, processed_only=processed_only, include_strengths=include_strengths,
                     min_untapped_share=min_untapped_share, min_untapped_usd=min_untapped_usd,
                     value_weight=value_weight, level=level, market_weight=market_weight)
        emit(run("opportunities", q, workspace, lang), fmt=fmt, lang=lang, output=output, table=table)
