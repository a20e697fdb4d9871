"""The ``corridor`` command line: thin commands over the library.

Each command module defines ``register(app)``; add yours to ``_COMMAND_MODULES``.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup


class _Group(TyperGroup):
    """The root command: before parsing, every help text (and the usage errors) is put in
    the language of the command line's ``--lang``, else ``$CORRIDOR_LANG``
    (:mod:`corridor.cli.help_ru`)."""

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001 - click's signature
        from .help_ru import lang, localise

        localise(self, lang(args))
        return super().make_context(info_name, args, parent=parent, **extra)


app = typer.Typer(
    name="corridor",
    cls=_Group,
    help="Open trade intelligence for the Kazakhstan-China corridor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_COMMAND_MODULES: tuple[str, ...] = (
    "analysis",
    "check",
    "complexity",
    "deals",
    "demo",
    "download",
    "ingest",
    "monitor",
    "roadmap",
    "serve",
    "workspace",
)



def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"corridor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Open trade intelligence for the Kazakhstan-China corridor."""


for _name in _COMMAND_MODULES:
    importlib.import_module(f"corridor.cli.{_name}").register(app)


def main() -> None:  # pragma: no cover - entry point
    app()
