"""Options, output and error handling shared by the CLI commands.

A command parses its arguments into the answer's frozen Query, opens the workspace, calls
the answer and hands the result to :func:`emit`, which renders it with
:mod:`corridor.reports.registry` in the asked ``--format`` and ``--lang``.  Errors become
one clear message on stderr and exit status 2; with ``--format json`` the error document
(``corridor.error/1``) is printed on stdout as well.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..config import Settings, resolve_settings
from ..errors import CorridorError, error_document
from ..messages import Message, say
from ..reports.i18n import Catalogue

F = TypeVar("F", bound=Callable[..., Any])

WorkspaceOption = typer.Option(
    None, "--workspace", "-w", help="Workspace directory (default: $CORRIDOR_WORKSPACE, else the user data directory).",
)
LangOption = typer.Option("en", "--lang", envvar="CORRIDOR_LANG", help="Language of the output: en | ru.")
FormatOption = typer.Option(
    "table", "--format", "-f", help="Output format: table | json | csv | xlsx (xlsx needs --output or a redirect).")
OutputOption = typer.Option(None, "--output", "-o", help="Write the output to this file instead of standard output.")
TableOption = typer.Option(None, "--table", help="Table written by --format csv (default: the answer's main table).")

message = Catalogue("cli", {
    "xlsx_tty": {"en": "--format xlsx writes a binary workbook: give --output FILE.xlsx or redirect standard output",
                 "ru": "--format xlsx записывает двоичную книгу Excel: укажите --output ФАЙЛ.xlsx или перенаправьте вывод"},
    "written": {"en": "written to {path}", "ru": "записано в {path}"},
})


def settings(workspace: Path | None, lang: str = "en") -> Settings:
    return resolve_settings(workspace=workspace, lang=lang)


def waiter(lang: str = "en") -> Callable[[int | None], None]:
    """What a command that changes the workspace says when it must wait for another one
    (see :meth:`corridor.store.Workspace.open`)."""
    from ..reports.workspace import label

    def waiting(pid: int | None) -> None:
        who = label("another_process", lang, pid=pid) if pid else label("another_process_unknown", lang)
        typer.echo(label("waiting", lang, who=who), err=True)

    return waiting


def error_lang(asked: object) -> str:
    """The language of an error: the command's ``--lang`` when it is a known one (a bad
    ``--lang`` is itself the error), else ``$CORRIDOR_LANG`` (:func:`corridor.cli.help_ru.lang`)."""
    from .help_ru import lang

    return asked if asked in ("en", "ru") else lang()  # type: ignore[return-value]


def handle_errors(fn: F) -> F:
    """Print corridor errors as one clear message on stderr (in the command's language) and
    exit with status 2; with ``--format json`` print the error document on stdout first."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CorridorError as exc:
            lang = error_lang(kwargs.get("lang"))
            if kwargs.get("fmt") == "json":
                typer.echo(json.dumps(error_document(exc, lang), ensure_ascii=False, indent=2))
            typer.echo(say("err_prefix", lang, text=exc.render(lang)), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            # every change to the workspace is one transaction, rolled back on the way here
            typer.echo(say("err_interrupted", error_lang(kwargs.get("lang"))), err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def query_of(name: str, **values: Any) -> Any:
    """The frozen Query of answer ``name`` (its checks raise OptionError naming the field)."""
    from ..answers.registry import get

    return get(name).query(**values)


def run(name: str, query: Any, workspace: Path | None, lang: str) -> Any:
    """Answer ``query`` on the workspace (opened read-only, never created)."""
    from ..answers.registry import get
    from ..store import Workspace

    cfg = settings(workspace, lang)
    with Workspace.open(cfg.workspace, create=False, read_only=True) as ws:
        return get(name).run(ws, query)


def check_output(fmt: str, lang: str, output: Path | None, allowed: Any = None) -> None:
    """Check ``--format`` and ``--lang`` before any work; refuse XLSX onto a terminal."""
    from ..errors import OptionError, Problem
    from ..options import Format, Lang, check

    check(fmt, allowed or Format, field="format")
    check(lang, Lang, field="lang")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise OptionError(message("xlsx_tty", lang), problems=[Problem(
            Message("err_binary_terminal"), field="output", expected="--output FILE.xlsx", reason="xlsx_to_terminal")])


def emit(result: Any, *, fmt: str, lang: str, output: Path | None = None, table: str | None = None) -> None:
    """Render ``result`` in ``fmt`` and ``lang`` to ``output`` (or standard output)."""
    from ..reports import registry as reports

    if fmt == "xlsx":
        data = reports.xlsx(result, lang)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            output.write_bytes(data)
            typer.echo(message("written", lang, path=output), err=True)
        return
    if fmt == "json":
        doc = reports.document(result, lang)
        doc = {"schema": doc.pop("schema"), "lang": doc.pop("lang"),
               "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), **doc}
        text = json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
    elif fmt == "csv":
        text = reports.csv(result, lang, table)
    else:
        from rich.console import Console

        text = reports.terminal(result, lang, width=Console().width)  # $COLUMNS, the terminal's, else 80
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(message("written", lang, path=output), err=True)
