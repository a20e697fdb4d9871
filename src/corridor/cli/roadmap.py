"""``corridor roadmap [FILE|alerts]``: the roadmap tracker (a thin adapter over
:mod:`corridor.answers.roadmap` and the renderers of :mod:`corridor.reports.registry`)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, check_output, emit, handle_errors, settings


def register(app: typer.Typer) -> None:
    @app.command("roadmap")
    @handle_errors
    def roadmap(
        file: str | None = typer.Argument(
            None, help="A roadmap file to evaluate without storing it; or 'alerts' for what changed since the "
                       "previous ingest or roadmap release; default: the stored roadmap."),
        release: str | None = typer.Option(None, "--release", help="Stored roadmap release (default: the latest)."),
        no_projection: bool = typer.Option(False, "--no-projection", help="Skip the projections (faster)."),
        fmt: str = typer.Option("table", "--format", "-f", help="Output format: table | json | csv | xlsx."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (needed for xlsx on a terminal)."),
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Progress towards each target by each side's statistics (Open SDG / Statistics Canada
        progress measure), projections to the target year, and the alerts."""
        from ..answers import roadmap as answer
        from ..store import Workspace

        check_output(fmt, lang, output)
        cfg = settings(workspace, lang)
        with Workspace.open(cfg.workspace, create=False, read_only=True) as ws:
            if file == "alerts":
                result = answer.roadmap_alerts(ws, answer.AlertsQuery(releases=release))
            else:
                result = answer.roadmap(ws, answer.RoadmapQuery(file=file, releases=release,
                                                                projections=not no_projection))
        emit(result, fmt=fmt, lang=lang, output=output)
