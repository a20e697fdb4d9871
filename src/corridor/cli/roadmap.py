"""``corridor roadmap [FILE|alerts]``: the roadmap tracker (a thin adapter over
:mod:`corridor.answers.roadmap`)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, handle_errors, settings


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
        from .. import reference
        from ..answers import roadmap as answer
        from ..reports import roadmap as render
        from ..roadmap.model import FORMATS, LANGS, check_choice
        from ..store import Workspace

        check_choice("--format", fmt, FORMATS)
        check_choice("--lang", lang, LANGS)
        cfg = settings(workspace, lang)
        alerts_only = file == "alerts"
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            if alerts_only:
                result = answer.roadmap_alerts(ws, answer.AlertsQuery(release=release))
            else:
                result = answer.roadmap(ws, answer.RoadmapQuery(file=file, release=release,
                                                                projections=not no_projection))
        if fmt == "json":
            _emit(render.to_json(result), output)
        elif fmt == "csv":
            _emit(render.to_csv(result), output)
        elif fmt == "xlsx":
            data = render.to_xlsx(result, lang=lang)
            if output is not None:
                output.write_bytes(data)
            elif sys.stdout.isatty():
                from ..errors import ConfigError

                raise ConfigError("--format xlsx writes a workbook: give --output FILE.xlsx or redirect stdout")
            else:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
        else:
            codes = {s.reported_by for r in getattr(result, "targets", ()) for s in r.sides}
            codes |= {a.reported_by for a in result.alerts if a.reported_by}
            codes |= {k for a in result.alerts if a.kind == "sides_disagree" for k, _ in a.params}
            names = {c: reference.economy_name(c, lang=lang) for c in codes}
            if alerts_only:
                render.render_alerts(result, lang=lang, names=names)
            else:
                render.render_terminal(result, lang=lang, names=names)


def _emit(text: str, output: Path | None) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=not text.endswith("\n"))
