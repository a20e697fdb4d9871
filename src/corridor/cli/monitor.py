"""``corridor monitor ECONOMY PARTNER``: both sides' statistics side by side."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import FORMATS, parse_releases, FormatOption, LangOption, WorkspaceOption, check_choice, handle_errors, settings


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
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Exports, imports, turnover and balance as reported by each side, with the gap,
        composition, top products, agricultural and non-commodity shares, HHI and product dynamics."""
        from .. import reference
        from ..monitor import build_monitor
        from ..reports import monitor as render
        from ..store import Workspace

        check_choice(fmt, FORMATS, "--format")
        cfg = settings(workspace, lang)
        e, p = reference.resolve_economy(economy), reference.resolve_economy(partner)
        pinned = parse_releases(release)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            rep = build_monitor(ws.flows(releases=pinned), economy=e, partner=p, year_from=year_from, year_to=year_to,
                                level=level, top=top, months=months, monthly=monthly)
            prov = ws.provenance().execute()
        if fmt == "json":
            typer.echo(render.to_json(rep, provenance=prov))
        elif fmt == "csv":
            typer.echo(render.to_csv(rep), nl=False)
        else:
            names = {c: reference.economy_name(c, lang=lang) for c in (e, p)}
            render.render_terminal(rep, lang=lang, names=names)
