"""``corridor ingest``: load files into the workspace, and ``corridor provenance``."""

from __future__ import annotations

from pathlib import Path

import typer

from ..reports.i18n import label
from .common import LangOption, WorkspaceOption, handle_errors, settings, waiter


def register(app: typer.Typer) -> None:
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
    ) -> None:
        """Ingest trade statistics files into the workspace, atomically (a BACI release zip
        one year file at a time, each year atomic, resumable: years already stored are skipped)."""
        from ..store import Workspace
        from ..sources.ingest import parse_files, release_zips

        cfg = settings(workspace, lang)
        if source == "roadmap":  # a dataset beside the flows (corridor.roadmap)
            from ..roadmap.stored import ingest_roadmap_files

            reports = ingest_roadmap_files(cfg.workspace, files, release=release, wait=cfg.lock_wait,
                                           on_wait=waiter(lang))
        elif source == "deals":  # a pledge ledger beside the flows (corridor.deals)
            from ..deals.stored import ingest_ledger_files

            reports = ingest_ledger_files(cfg.workspace, files, release=release, wait=cfg.lock_wait,
                                          on_wait=waiter(lang))
        else:
            with Workspace.open(cfg.workspace, wait=cfg.lock_wait, on_wait=waiter(lang)) as ws:
                zips, others = release_zips(files, source=source, mapping=mapping)
                reports = [r for z in zips for r in _release(ws, z, release, allow_unknown_codes, lang)]
                if others:
                    parsed = parse_files(ws, others, source=source, mapping=mapping, release=release)
                    reports += ws.ingest_many(parsed, allow_unknown_codes=allow_unknown_codes)
        for r in reports:
            name = Path(r.file).name
            if r.status == "unchanged":
                typer.echo(label("unchanged", lang, file=name, ingest_id=r.ingest_id))
            else:
                typer.echo(label("ingested", lang, file=name, rows=r.rows_stored, ingest_id=r.ingest_id,
                                 source=r.source, release=r.release))
                for note in r.notes:
                    typer.echo(f"  - {note}")

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
        workspace: Path | None = WorkspaceOption,
        fmt: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
        removed: bool = typer.Option(False, "--removed", help="List the ingests taken out (remove, corrected re-ingest, doctor)."),
    ) -> None:
        """List every ingest: source, release, file, SHA-256, rows, time."""
        from ..store import Workspace

        cfg = settings(workspace)
        with Workspace.open(cfg.workspace, read_only=True) as ws:
            if removed:
                df = ws.removals().order_by(["removed_at", "ingest_id"]).execute()
            else:
                df = ws.provenance().order_by(["ingested_at", "ingest_id"]).execute()
        if fmt == "json":
            typer.echo(df.to_json(orient="records", date_format="iso", indent=2, force_ascii=False))
        elif fmt == "csv":
            typer.echo(df.to_csv(index=False), nl=False)
        else:
            from rich.console import Console
            from rich.table import Table

            t = Table(title=f"{'Removed' if removed else 'Provenance'}: {cfg.workspace}")
            cols = (("ingest_id", "source", "release", "file_name", "rows_stored", "removed_at", "reason") if removed else
                    ("ingest_id", "source", "release", "file_name", "rows_stored", "rows_already_stored", "ingested_at"))
            for c in cols:
                t.add_column(c)
            for r in df[list(cols)].itertuples(index=False):
                t.add_row(*(f"{v:,}" if isinstance(v, int) or type(v).__name__.startswith("int") else
                            str(v)[:19] if c.endswith("_at") else str(v) for c, v in zip(cols, r)))
            Console().print(t)
