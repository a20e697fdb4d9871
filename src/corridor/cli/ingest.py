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
        from ..options import IngestFormat, IngestSource, check
        from ..store import Workspace
        from ..sources.ingest import parse_files, release_zips
        from .common import check_output

        check_output(fmt, lang, None, IngestFormat)
        check(source, IngestSource, field="source")
        cfg = settings(workspace, lang)
        from ..answers.ingest import dataset_reader

        reader = dataset_reader(source)
        if reader is not None:  # a dataset beside the flows (a roadmap, a pledge ledger)
            from ..store.datasets import ingest_one_file

            reports = ingest_one_file(cfg.workspace, files, name=source, read=lambda p: reader(p, release=release),
                                      wait=cfg.lock_wait, on_wait=waiter(lang))
        else:
            with Workspace.open(cfg.workspace, wait=cfg.lock_wait, on_wait=waiter(lang)) as ws:
                zips, others = release_zips(files, source=source, mapping=mapping)
                reports = [r for z in zips for r in _release(ws, z, release, allow_unknown_codes, lang)]
                if others:
                    parsed = parse_files(ws, others, source=source, mapping=mapping, release=release)
                    reports += ws.ingest_many(parsed, allow_unknown_codes=allow_unknown_codes)
        if fmt == "json":
            _print_document(cfg.workspace, files, source, mapping, release, allow_unknown_codes, reports, lang)
            return
        from ..reports.ingest import report_lines

        for line in report_lines(reports, lang):
            typer.echo(line)

    def _print_document(path, files, source, mapping, release, allow_unknown_codes, reports, lang) -> None:
        """The ``corridor.ingest/1`` document of what was done (as ``POST /api/v1/ingest`` answers)."""
        import json

        from ..answers import ingest as answer

        q = answer.Query(files=tuple(str(f) for f in files), source=source,
                         mapping=None if mapping is None else str(mapping), release=release,
                         allow_unknown_codes=allow_unknown_codes)
        with Workspace.open(path, read_only=True) as ws:
            prov = answer.provenance_of(ws, reports)
        from ..reports import registry as renderers

        doc = renderers.document(answer.Result(query=q, reports=tuple(reports), provenance=prov), lang)
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2, default=str))

    def _release(ws, path: Path, release: str | None, allow_unknown_codes: bool, lang: str) -> list:
        from ..sources import baci

        def progress(year: int, report) -> None:
            if report is None:
                typer.echo(label("year_already_stored", lang, file=path.name, year=year))
            elif report.status == "stored":  # the year's exporter x product cells, for complexity
                from ..indicators import stored

                stored.build(ws, report.ingest_id)

        return baci.ingest_release(ws, path, release=release, allow_unknown_codes=allow_unknown_codes, on_year=progress)

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
