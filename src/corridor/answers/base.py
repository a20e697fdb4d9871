"""The contract every answer keeps.

An *answer* is one question a user can ask corridor, as a pure-ish function of the
workspace and a frozen query::

    result = answer(workspace, query)          # (Workspace, frozen Query) -> frozen Result

- ``Query``: a frozen, slotted, keyword-only dataclass; its field names are the CLI's
  argument and option names (``economy``, ``partner``, ``year_from`` for ``--from``...)
  and the HTTP API's query parameters.  Allowed values are the ``Literal`` aliases of
  :mod:`corridor.options`, checked in ``__post_init__`` with :func:`corridor.options.check`.
- ``Result``: a frozen dataclass holding *data*, not text: figures, codes, keys of
  messages (with their parameters), the query it answers.  It offers
  ``document() -> dict`` (the JSON document without the generation time, ``schema`` key
  first, language-neutral) and ``tables() -> dict[str, pandas.DataFrame]`` (every table
  a user may export as CSV or XLSX, named).
- Renderers live in ``corridor.reports.<question>`` and choose the language.
- CLI commands (``corridor.cli``) and the web app (``corridor.web``) only parse
  parameters into a ``Query``, call the answer and hand the result to a renderer.

Each answer module registers itself in :data:`corridor.answers.registry.ANSWERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace


class Result(Protocol):
    """What every answer returns."""

    def document(self) -> dict[str, Any]: ...

    def tables(self) -> Mapping[str, pd.DataFrame]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """One registered question: its name (the CLI command and the API route), the query
    type, the function answering it, the JSON schema id of its document, and whether it
    changes the workspace (writes need the server's token)."""

    name: str
    query: type
    run: Callable[[Workspace, Any], Result]
    schema: str
    writes: bool = False
