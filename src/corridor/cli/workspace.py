"""Commands that look after the workspace: ``remove`` (and ``doctor``)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, handle_errors, settings, waiter
from ..messages import Message


def register(app: typer.Typer) -> None:
    @app.command("remove")
    @handle_errors
    def remove(
        ingest_ids: list[str] = typer.Argument(None, help="Ingest ids to remove (see `corridor provenance`)."),
        release: list[str] = typer.Option(
            [], "--release", help="Remove every ingest of a release: SOURCE=RELEASE (repeatable)."),
        workspace: Path | None = WorkspaceOption,
        lang: str = LangOption,
    ) -> None:
        """Take ingests or whole releases out of the workspace, atomically; recorded in
        `corridor provenance --removed`."""
        from ..reports.workspace import label
        from ..store import Workspace

        cfg = settings(workspace, lang)
        from ..answers.monitor import parse_releases

        releases = dict(parse_releases(release)) if release else {}
        with Workspace.open(cfg.workspace, create=False, wait=cfg.lock_wait, on_wait=waiter(lang)) as ws:
            gone = ws.remove(list(ingest_ids or ()), releases=releases)
        for iid, source, rel, file_name, rows in gone:
            typer.echo(label("removed", lang, ingest_id=iid, file=file_name, source=source, release=rel, rows=rows))

    @app.command("doctor")
    @handle_errors
    def doctor(
        repair: bool = typer.Option(False, "--repair", help="Take the lost ingests out of the workspace (atomic, recorded)."),
        fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
        workspace: Path | None = WorkspaceOption,
        lang: str = LangOption,
    ) -> None:
        """Check the workspace's stored files against its catalogue (missing, cut, altered)
        and say exactly what was lost; --repair takes the lost ingests out. Exit 1 when
        something is lost and not repaired."""
        import json

        from ..reports.workspace import doctor_document, doctor_lines
        from ..errors import ConfigError
        from ..store.doctor import doctor as run_doctor

        if fmt not in ("table", "json"):
            raise ConfigError(Message("err_format_not_allowed", fmt=fmt, allowed="table, json"))
        cfg = settings(workspace, lang)
        report = run_doctor(cfg.workspace, repair=repair, wait=cfg.lock_wait)
        if fmt == "json":
            typer.echo(json.dumps(doctor_document(report), ensure_ascii=False, indent=2))
        else:
            for line in doctor_lines(report, lang):
                typer.echo(line)
        if report.lost and not report.repaired:
            raise typer.Exit(1)
