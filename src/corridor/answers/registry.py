"""Every answer corridor gives, by name, and the building of a query from string parameters.

``ANSWERS[name]`` is the :class:`~corridor.answers.base.Answer` of a CLI command / API route.
To add an answer, write ``corridor/answers/<name>.py`` with ``Query``, ``Result``,
``answer`` and ``ANSWER = Answer(...)`` and add its module name to :data:`MODULES` (one line).

:func:`parse_query` turns string parameters (an HTTP query string) into the answer's frozen
Query.  Parameter names are the Query's field names, except the aliases of
:data:`corridor.answers.base.ALIASES` (``from`` -> ``year_from``, ``to`` -> ``year_to``,
``release`` -> ``releases``); both spellings are accepted.  :data:`RENDER_PARAMETERS`
(``lang``, ``format``, ``table``) choose the renderer, not the answer, and are skipped.
"""

from __future__ import annotations

import dataclasses
import importlib
import types
import typing
from collections.abc import Mapping
from typing import Any

from ..errors import OptionError, Problem, names
from .base import ALIASES, Answer, public_name
from ..messages import Message

#: The answer modules, in the order of ``corridor --help``.
MODULES: tuple[str, ...] = ("monitor", "indicators", "complexity", "opportunities", "check", "provenance", "ingest",
                            "deals", "roadmap", "remove")

#: Parameters that choose how an answer is rendered, not what it answers.
RENDER_PARAMETERS: tuple[str, ...] = ("lang", "format", "table")



class _Answers(Mapping[str, Answer]):
    """The registered answers by name.  An answer module (named as its answer) is imported
    when its answer is first asked for, or when the answers are listed: a command that
    runs one answer does not pay for importing the others (pandas, Ibis...)."""

    def __init__(self) -> None:
        self._held: dict[str, Answer] = {}

    def _load(self, name: str) -> None:
        if name in MODULES and name not in self._held:
            register(importlib.import_module(f"{__package__}.{name}").ANSWER)

    def __getitem__(self, name: str) -> Answer:
        self._load(name)
        return self._held[name]

    def __iter__(self):
        for name in MODULES:
            self._load(name)
        return iter(list(self._held))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self._load(name)
        return name in self._held


ANSWERS = _Answers()


def register(answer: Answer) -> Answer:
    """Add ``answer`` to :data:`ANSWERS` (its name must be new)."""
    held = ANSWERS._held
    if answer.name in held and held[answer.name] is not answer:
        raise ValueError(f"answer {answer.name!r} is registered twice")
    held[answer.name] = answer
    return answer


def get(name: str) -> Answer:
    """The answer called ``name``; an OptionError listing the answers otherwise."""
    try:
        return ANSWERS[name]
    except KeyError:
        expected = Message("err_one_of", values=", ".join(ANSWERS))
        raise OptionError(Message("err_no_answer", name=name, expected=expected),
                          problems=[Problem(Message("err_unknown_answer"), field="answer", value=name, expected=expected,
                                            reason="unknown_answer")]) from None


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _bad(name: str, value: str, expected: Message, reason: str) -> OptionError:
    return OptionError(Message("err_not_valid", name=name, value=value, expected=expected),
                       problems=[Problem(Message("err_field_not_valid", name=name), field=name, value=value, expected=expected,
                                         reason=reason)])


def _convert(name: str, value: str, hint: Any, parse: Any) -> Any:
    """``value`` (a string) as the field's type."""
    if parse is not None:
        return parse(value)
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        if value.strip().lower() in ("", "none", "null"):
            return None
        hint = next(a for a in args if a is not type(None))
    if hint is bool:
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise _bad(name, value, Message("err_true_false"), "not_a_boolean")
    if hint is int:
        try:
            return int(value)
        except ValueError:
            raise _bad(name, value, Message("err_whole_number"), "not_an_integer") from None
    if hint is float:
        try:
            return float(value)
        except ValueError:
            raise _bad(name, value, Message("err_a_number"), "not_a_number") from None
    return value  # str and Literal aliases (checked by the Query itself)


def parse_query(name: str, params: Mapping[str, str | list[str]], *, strict: bool = True) -> Any:
    """The frozen Query of answer ``name`` from string parameters (an HTTP query string).

    Unknown parameters (unless ``strict=False``: a page passing its other parameters),
    missing required ones and bad values raise an
    :class:`~corridor.errors.OptionError` whose problems name the field (by its public name:
    ``from``, not ``year_from``).  A list value (a repeated parameter) is joined with commas.
    """
    query_type = get(name).query
    hints = typing.get_type_hints(query_type)
    fields = {f.name: f for f in dataclasses.fields(query_type)}
    kwargs: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw in params.items():
        if key in RENDER_PARAMETERS:
            continue
        field_name = ALIASES.get(key, key)
        if field_name not in fields and key in fields:  # the query's own field of that name (ingest's release)
            field_name = key
        if field_name not in fields:
            if not strict:
                continue
            problems.append(Problem(Message("err_unknown_parameter"), field=key, value=str(raw),
                                    expected=Message("err_one_of", values=names(public_name(f) for f in fields)),
                                    reason="unknown_parameter"))
            continue
        value = ",".join(raw) if isinstance(raw, list) else str(raw)
        f = fields[field_name]
        kwargs[field_name] = _convert(public_name(field_name), value, hints[field_name], f.metadata.get("parse"))
    for f in fields.values():
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and f.name not in kwargs:
            problems.append(Problem(Message("err_missing_parameter"), field=public_name(f.name), expected=Message("err_a_value"),
                                    reason="missing"))
    if problems:
        raise OptionError(Message("err_params", name=name, items=[Message("err_param_item", field=p.field, message=p.message)
                                                                  for p in problems]), problems=problems)
    return query_type(**kwargs)
