"""``corridor check FILE|-``: find the trade figures in a text and check them against the
workspace's statistics (both sides)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from .common import LangOption, WorkspaceOption, handle_errors, settings


def read_text(source: str) -> str:
    """The text of ``source`` (a path, or ``-`` for standard input), decoded as UTF-8 with
    undecodable bytes replaced, so that any file can be checked."""
    from ..errors import InputError

    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    path = Path(source)
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from exc


def parse_date(value: str | None) -> dt.date | None:
    from ..errors import ConfigError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--date {value!r} is not a date; expected YYYY-MM-DD, e.g. 2024-03-15") from None


def parse_pair(value: str) -> tuple[str, str] | None:
    from ..errors import ConfigError

    if value.strip().lower() in ("", "none"):
        return None
    parts = [p.strip().upper() for p in value.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise ConfigError(f"--assume-pair {value!r} is not a pair; expected two economy codes like KAZ,CHN (or 'none')")
    return parts[0], parts[1]


def _roadmap(ws, flows, claims) -> tuple | None:
    """The stored roadmap evaluated (no projections) when the text has target claims."""
    if not any(c.modality == "target" for c in claims):
        return None
    from ..errors import QueryError
    from ..roadmap.evaluate import evaluate
    from ..roadmap.stored import stored_roadmap

    try:
        targets, _ = stored_roadmap(ws)
    except QueryError:
        return None
    return evaluate(targets, flows, projections=False)


def register(app: typer.Typer) -> None:
    @app.command("check")
    @handle_errors
    def check(
        source: str = typer.Argument(..., help="Text file to check (UTF-8), or - for standard input."),
        date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD (resolves 'last year')."),
        fmt: str = typer.Option("text", "--format", "-f", help="Output format: text | json."),
        assume_pair: str = typer.Option(
            "KAZ,CHN", "--assume-pair", help="Economies assumed when the text leaves one implicit ('none' to assume nothing)."),
        lang: str = LangOption,
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Extract quantitative trade claims (Russian and English) and give each a verdict:
        supported, within the spread of sources, contradicted, or not checkable (and why)."""
        from ..claims import extract
        from ..claims.model import LANGS, OUTPUT_FORMATS, check_choice
        from ..claims.report import render_text, to_json
        from ..claims.verification import verify
        from ..store import Workspace
        from ..store.workspace import CATALOGUE

        check_choice("--format", fmt, OUTPUT_FORMATS)
        check_choice("--lang", lang, LANGS)
        published = parse_date(date)
        pair = parse_pair(assume_pair)
        cfg = settings(workspace, lang)
        claims = extract(read_text(source), published=published)
        if (cfg.workspace / CATALOGUE).exists() or workspace is not None:
            with Workspace.open(cfg.workspace, read_only=True) as ws:
                flows = ws.flows()
                checked = verify(claims, flows, assume_pair=pair, published=published,
                                 roadmap=_roadmap(ws, flows, claims))
        else:
            checked = verify(claims, None, assume_pair=pair, published=published)
        typer.echo(to_json(checked, published=published) if fmt == "json" else render_text(checked, lang=lang), nl=fmt == "json")
