"""Options and error handling shared by the CLI commands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..config import Settings, resolve_settings
from ..errors import CorridorError

F = TypeVar("F", bound=Callable[..., Any])

WorkspaceOption = typer.Option(
    None, "--workspace", "-w", help="Workspace directory (default: $CORRIDOR_WORKSPACE, else the user data directory).",
)
LangOption = typer.Option("en", "--lang", help="Language of the output: en | ru.")
FormatOption = typer.Option("table", "--format", "-f", help="Output format: table | json | csv.")

FORMATS = ("table", "json", "csv")


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


def check_choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    from ..errors import ConfigError

    if value not in allowed:
        raise ConfigError(f"{option} {value!r} is not allowed; expected one of: {', '.join(allowed)}")
    return value


def handle_errors(fn: F) -> F:
    """Print corridor errors as one clear message on stderr and exit with status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CorridorError as exc:
            typer.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            # every change to the workspace is one transaction, rolled back on the way here
            typer.echo("interrupted: nothing was changed", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def parse_releases(values: list[str]) -> dict[str, str]:
    """``["baci=V202301", ...]`` -> ``{"baci": "V202301"}``; ConfigError naming a bad value."""
    from ..errors import ConfigError

    out: dict[str, str] = {}
    for v in values:
        src, sep, rel = v.partition("=")
        if not sep or not src.strip() or not rel.strip():
            raise ConfigError(f"--release {v!r}: expected SOURCE=RELEASE, e.g. baci=V202401")
        out[src.strip()] = rel.strip()
    return out
