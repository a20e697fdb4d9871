"""``corridor ingest``: load files into the workspace, and ``corridor provenance``."""

from __future__ import annotations

from pathlib import Path

import typer

from ..reports.i18n import label
from .common import FormatOption, LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors, settings


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    @handle_errors
    def ingest(
        files: list[Path] = typer.Argument(..., help="Files to ingest (all or nothing)."),
        source: str = typer.Option("auto", "--source", "-s", help="auto | baci | wits | comtrade | table"),
        mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Mapping file (TOML) for --source table."),
        release: str | None = typer.Option(None, "--release", help="Release (vintage) label; default from the file."),
        allow_unknown_codes: bool = typer.Option(
            False, "--allow-unknown-codes", help="Store rows with unknown economy/product codes (listed in the provenance)."),
        workspace: Path | None = WorkspaceOption,
        lang: str = LangOption,
        fmt: str = typer.Option("table", "--format", "-f", help="Output format: table | json."),
    ) -> None:
        """Ingest trade statistics files into the workspace, atomically."""
        from ..options import IngestFormat, IngestSource, check
        from ..store import Workspace
        from ..sources.ingest import parse_files
        from .common import check_output

        check_output(fmt, lang, None, IngestFormat)
        check(source, IngestSource, field="source")
        cfg = settings(workspace, lang)
        with Workspace.open(cfg.workspace) as ws:
            parsed = parse_files(ws, files, source=source, mapping=mapping, release=release)
            reports = ws.ingest_many(parsed, allow_unknown_codes=allow_unknown_codes)
        if fmt == "json":
            import dataclasses
            import json

            from ..reports.tabular import json_value

            doc = {"schema": "corridor.ingest/1", "ingests": [
                {k: json_value(str(v) if isinstance(v, Path) else v) for k, v in dataclasses.asdict(r).items()}
                for r in reports]}
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
            return
        for r in reports:
            name = Path(r.file).name
            if r.status == "unchanged":
                typer.echo(label("unchanged", lang, file=name, ingest_id=r.ingest_id))
            else:
                typer.echo(label("ingested", lang, file=name, rows=r.rows_stored, ingest_id=r.ingest_id,
                                 source=r.source, release=r.release))
                for note in r.notes:
                    typer.echo(f"  - {note}")

    @app.command("provenance")
    @handle_errors
    def provenance(
        fmt: str = FormatOption,
        lang: str = LangOption,
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """List every ingest: source, release, file, SHA-256, rows, time."""
        from .common import check_output, emit, query_of, run

        check_output(fmt, lang, output)
        emit(run("provenance", query_of("provenance"), workspace, lang), fmt=fmt, lang=lang, output=output,
             table=table)
