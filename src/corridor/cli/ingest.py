"""``corridor ingest``: load files into the workspace, and ``corridor provenance``."""

from __future__ import annotations

from pathlib import Path

import typer

from ..reports.i18n import label
from .common import FormatOption, LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors, settings, waiter


def register(app: typer.Typer) -> None:
    from ..store import Workspace

    @app.command("ingest")
    @handle_errors
    def ingest(
        files: list[Path] = typer.Argument(..., help="Files to ingest (all or nothing)."),
        source: str = typer.Option("auto", "--source", "-s", help="auto | baci | wits | comtrade | gacc | bns | table | roadmap | deals"),
        mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Mapping file (TOML) for --source table."),
        release: str | None = typer.Option(None, "--release", help="Release (vintage) label; default from the file."),
        allow_unknown_codes: bool = typer.Option(
            False, "--allow-unknown-codes", help="Store rows with unknown economy/product codes (listed in the provenance)."),
        workspace: Path | None = WorkspaceOption,
        lang: str = LangOption,
        fmt: str = typer.Option("table", "--format", "-f", help="Output format: table | json (corridor.ingest/1)."),
    ) -> None:
        """Ingest trade statistics files into the workspace, atomically (a BACI release zip
        one year file at a time, each year atomic, resumable: years already stored are skipped)."""
        from ..answers import ingest as answer
        from ..options import IngestFormat
        from .common import check_output, emit, query_of

        check_output(fmt, lang, None, IngestFormat)
        query = query_of("ingest", files=tuple(str(f) for f in files), source=source,
                         mapping=None if mapping is None else str(mapping), release=release,
                         allow_unknown_codes=allow_unknown_codes)
        cfg = settings(workspace, lang)

        def progress(path: Path, year: int, report) -> None:  # on stderr: standard output holds the answer
            if report is None:
                typer.echo(label("year_already_stored", lang, file=path.name, year=year), err=True)

        with Workspace.open(cfg.workspace, wait=cfg.lock_wait, on_wait=waiter(lang)) as ws:
            result = answer.answer(ws, query, on_year=progress)
        emit(result, fmt=fmt, lang=lang)

    @app.command("provenance")
    @handle_errors
    def provenance(
        fmt: str = FormatOption,
        lang: str = LangOption,
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
        removed: bool = typer.Option(False, "--removed", help="Also list the ingests taken out (remove, corrected re-ingest, doctor)."),
    ) -> None:
        """List every ingest: source, release, file, SHA-256, rows, time."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        emit(run("provenance", query_of("provenance", removed=removed), workspace, lang), fmt=fmt, lang=lang, output=output,
             table=table or ("removed" if removed else None))
