"""Commands that look after the workspace: ``remove`` (and ``doctor``)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, handle_errors, settings, waiter


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
