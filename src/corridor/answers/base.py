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

from ..messages import Message

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


# -- helpers every answer module uses ---------------------------------------------------

#: Public parameter names that differ from the Query field (CLI ``--from`` / API ``from``
#: is the field ``year_from``).  The one place aliases are declared; see
#: :func:`corridor.answers.registry.parse_query`.
ALIASES: dict[str, str] = {"from": "year_from", "to": "year_to", "release": "releases"}
PUBLIC_NAMES: dict[str, str] = {v: k for k, v in ALIASES.items()}


def public_name(field_name: str) -> str:
    """The CLI/API name of a Query field (``year_from`` -> ``from``)."""
    return PUBLIC_NAMES.get(field_name, field_name)


def check_fields(query: Any) -> None:
    """Check every field of ``query`` whose type is a ``Literal`` alias of
    :mod:`corridor.options`, and that integer counts are positive; raise an
    :class:`~corridor.errors.OptionError` naming the field."""
    import dataclasses
    import typing

    from .. import options
    from ..errors import OptionError, Problem

    hints = typing.get_type_hints(type(query))
    for f in dataclasses.fields(query):
        value = getattr(query, f.name)
        hint = hints[f.name]
        if typing.get_origin(hint) is typing.Literal:
            options.check(value, hint, field=public_name(f.name))
        minimum = f.metadata.get("min")
        if minimum is not None and value is not None and value < minimum:
            name = public_name(f.name)
            raise OptionError(Message("err_too_small", name=name, value=value, minimum=minimum),
                              problems=[Problem(Message("err_field_too_small", name=name), field=name, value=str(value),
                                                expected=Message("err_at_least", n=minimum), reason="out_of_range")])
        maximum = f.metadata.get("max")
        if maximum is not None and value is not None and value > maximum:
            name = public_name(f.name)
            raise OptionError(Message("err_too_large", name=name, value=value, maximum=maximum),
                              problems=[Problem(Message("err_field_too_large", name=name), field=name, value=str(value),
                                                expected=Message("err_at_most", n=maximum), reason="out_of_range")])


def check_years(year_from: int, year_to: int) -> None:
    """``year_from <= year_to``, else an OptionError naming ``from``."""
    from ..errors import OptionError, Problem

    if year_from > year_to:
        raise OptionError(Message("err_from_after_to", year_from=year_from, year_to=year_to),
                          problems=[Problem(Message("err_from_after_to_short"), field="from", value=str(year_from),
                                            expected=Message("err_at_most", n=year_to), reason="out_of_range")])


def economy(query: Any, name: str) -> None:
    """Resolve the economy field ``name`` of a frozen query to its canonical code in place."""
    from .. import reference
    from ..errors import OptionError, Problem, QueryError

    value = getattr(query, name)
    try:
        code = reference.resolve_economy(value)
    except QueryError as exc:
        raise OptionError(exc.text, problems=[Problem(Message("err_unknown_economy_field"), field=public_name(name),
                                                      value=str(value), expected=Message("err_economy_expected"),
                                                      reason="unknown_economy")]) from None
    object.__setattr__(query, name, code)


def note_records(notes: Any) -> list[dict[str, Any]]:
    """Keyed notes (:class:`corridor.indicators.notes.Note`) as ``[{"key", "params"}]``."""
    from ..util import json_value

    return [{"key": n.key, "params": {k: v.value if hasattr(v, "render") else json_value(v) for k, v in n.params}}
            for n in notes]
