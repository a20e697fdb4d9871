"""``corridor deals [FILE]``: pledges followed into both sides' statistics (a thin adapter
over :mod:`corridor.answers.deals`)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, handle_errors, settings


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
        import json

        from ..answers import deals as answer
        from ..deals.ledger import read_ledger
        from ..errors import ConfigError
        from ..reports import deals as render
        from ..store import Workspace

        if fmt not in ("table", "json", "csv", "xlsx"):
            raise ConfigError(f"--format {fmt!r} is not allowed; expected one of: table, json, csv, xlsx")
        if lang not in ("en", "ru"):
            raise ConfigError(f"--lang {lang!r} is not allowed; expected one of: en, ru")
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
        _emit(result, fmt=fmt, lang=lang, output=output, render=render, json=json)


def _emit(result, *, fmt, lang, output, render, json) -> None:
    import datetime as dt

    from ..reports.tabular import csv_text, json_value

    if fmt == "json":
        doc = render.localise(result.document(), result, lang)
        doc["generated_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        text = json.dumps(doc, ensure_ascii=False, indent=2, default=lambda v: json_value(v) if hasattr(v, "item") else str(v))
    elif fmt == "csv":
        text = csv_text(result.tables()[render.MAIN])
    elif fmt == "xlsx":
        data = _xlsx(result)
        if output is not None:
            output.write_bytes(data)
            return
        if sys.stdout.isatty():
            from ..errors import ConfigError

            raise ConfigError("--format xlsx writes a workbook: give --output FILE.xlsx or redirect stdout")
        sys.stdout.buffer.write(data)
        return
    else:
        text = render.terminal(result, lang)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=not text.endswith("\n"))


def _xlsx(result) -> bytes:
    import io

    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in result.tables().items():
            frame.to_excel(xw, sheet_name=name[:31], index=False)
    return buf.getvalue()
