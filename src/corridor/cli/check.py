"""``corridor check FILE|-``: find the trade figures in a text and check them against the
workspace's statistics (both sides)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import LangOption, OutputOption, TableOption, WorkspaceOption, handle_errors, settings


def read_text(source: str) -> str:
    """The text of ``source`` (a path, or ``-`` for standard input), decoded as UTF-8 with
    undecodable bytes replaced, so that any file can be checked."""
    from ..errors import unreadable_file

    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    path = Path(source)
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise unreadable_file(path, exc) from exc


def register(app: typer.Typer) -> None:
    @app.command("check")
    @handle_errors
    def check(
        source: str = typer.Argument(..., help="Text file to check (UTF-8), or - for standard input."),
        date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD (resolves 'last year')."),
        fmt: str = typer.Option("table", "--format", "-f", help="Output format: table (or text) | json | csv | xlsx."),
        assume_pair: str = typer.Option(
            "KAZ,CHN", "--assume-pair", help="Economies assumed when the text leaves one implicit ('none' to assume nothing)."),
        lang: str = LangOption,
        output: Path | None = OutputOption,
        table: str | None = TableOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Extract quantitative trade claims (Russian and English) and give each a verdict:
        supported, within the spread of sources, contradicted, or not checkable (and why)."""
        from ..answers.check import answer
        from ..options import CheckFormat
        from ..store import Workspace
        from ..store.workspace import CATALOGUE
        from .common import check_output, emit, query_of

        check_output(fmt, lang, output, CheckFormat)
        q = query_of("check", text=read_text(source), date=date, assume_pair=assume_pair)
        cfg = settings(workspace, lang)
        if (cfg.workspace / CATALOGUE).exists() or workspace is not None:
            with Workspace.open(cfg.workspace, create=False, read_only=True) as ws:
                result = answer(ws, q)
        else:
            result = answer(None, q)
        emit(result, fmt="table" if fmt == "text" else fmt, lang=lang, output=output, table=table)
