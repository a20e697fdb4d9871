"""``corridor deals [FILE]``: pledges followed into both sides' statistics (a thin adapter
over :mod:`corridor.answers.deals`)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, emit, handle_errors, settings


def register(app: typer.Typer) -> None:
    @app.command("deals")
    @handle_errors
    def deals(
        file: Path | None = typer.Argument(None, help="A ledger file to evaluate without storing it (default: the stored ledger)."),
        event: str | None = typer.Option(None, "--event", help="Only the deals of this event."),
        release: str | None = typer.Option(None, "--release", help="Stored ledger release (default: the latest)."),
        no_estimate: bool = typer.Option(False, "--no-estimate", help="Skip the event-level difference in differences."),
        fmt: str = typer.Option("table", "--format", "-f", help="Output format: table | json | csv | xlsx."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (needed for xlsx on a terminal)."),
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """How much of what was pledged shows up in the statistics, by product and by whose figures:
        per deal (after signing against the same span before) and per event (PPML difference in differences)."""
        from ..answers import deals as answer
        from ..deals.ledger import read_ledger
        from ..store import Workspace
        from .common import check_output

        check_output(fmt, lang, output)
        cfg = settings(workspace, lang)
        query = answer.Query(event=event, release=release, estimate=not no_estimate)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            if file is not None:
                from ..util import sha256_file

                result = answer.evaluate(ws, read_ledger(file), query,
                                         ledger={"release": None, "file_name": file.name, "sha256": sha256_file(file),
                                                 "stored": False})
            else:
                result = answer.answer(ws, query)
        emit(result, fmt=fmt, lang=lang, output=output)
