"""One error tree for corridor.

Every error says *what* went wrong, *where* (file, line, field) and, where it can,
*how to fix it*.  Catch :class:`CorridorError` to catch everything corridor raises on
purpose; anything else escaping the library is a bug.

An error's text, a problem's ``message`` and ``expected`` are keyed messages
(:class:`corridor.messages.Message`, texts in :mod:`corridor.error_texts`): ``str(exc)`` is
the English text, :meth:`CorridorError.render` and :func:`error_document` give it in the
reader's language (``en`` or ``ru``).  A plain ``str`` is accepted and shown as it is in
every language (only for texts no user reaches: see docs/answers.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .messages import Message, say


def names(items: Any) -> list[Message]:
    """Names (columns, keys, parameters) as a list parameter of a message: ``a, b`` in
    English, ``«a», «b»`` in Russian, where a bare Latin name would read as English."""
    return [Message("err_name", name=str(x)) for x in items]


def text(value: Any, lang: str = "en") -> str | None:
    """A keyed message in ``lang``; a plain text as it is; ``None`` stays ``None``."""
    if value is None:
        return None
    return value.render(lang) if isinstance(value, Message) else str(value)


#: Schema id of the error document (:func:`error_document`).
ERROR_SCHEMA = "corridor.error/1"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file or a parameter.

    ``line`` is the 1-based physical line in the file (the header is line 1) when known;
    ``field`` is the column, mapping key or option; ``expected`` says what would have been
    valid; ``reason`` a stable machine-readable code (``not_allowed``, ``not_a_number``,
    ``missing``, ``unknown_parameter``...); ``file`` the file when it is not the error's.
    """

    message: str | Message
    line: int | None = None
    field: str | None = None
    value: str | Message | None = None
    expected: str | Message | None = None
    reason: str | None = None
    file: str | None = None

    def render(self, lang: str = "en") -> str:
        """``line N, field 'X': message (got 'v'); expected E`` in ``lang``."""
        parts = []
        if self.line is not None:
            parts.append(say("err_at_line", lang, line=self.line))
        if self.field is not None:
            parts.append(say("err_at_field", lang, field=self.field))
        where = ", ".join(parts)
        out = text(self.message, lang) or ""
        if where:
            out = say("err_where", lang, where=where, text=out)
        if self.value is not None:
            out = say("err_got", lang, text=out, value=text(self.value, lang))
        if self.expected is not None:
            out = say("err_expected", lang, text=out, expected=text(self.expected, lang))
        return out


class CorridorError(Exception):
    """Base class of every error corridor raises on purpose.

    ``code`` is the stable reason code of the class (the error document's ``code``);
    ``problems`` the itemised problems, when there are several or they name a field.
    """

    code = "error"

    def __init__(self, message: str | Message = "", *, problems: list[Problem] | tuple[Problem, ...] = ()):
        super().__init__(message)
        self.text: str | Message = message
        self.problems: list[Problem] = list(problems)

    def render(self, lang: str = "en") -> str:
        """The error's text in ``lang`` (``str(exc)`` is the English one)."""
        return text(self.text, lang) or ""


class ConfigError(CorridorError):
    """A setting (option, environment variable, mapping file) is missing or invalid."""

    code = "config"


class OptionError(ConfigError):
    """An option or request parameter has a value that is not allowed (or is unknown)."""

    code = "invalid_option"


class WorkspaceError(CorridorError):
    """The workspace cannot be opened, read or written."""

    code = "workspace"


class ReferenceDataError(CorridorError):
    """A packaged reference table failed validation on load."""

    code = "reference_data"


class DownloadError(CorridorError):
    """A download failed (network, HTTP status, checksum)."""

    code = "download"


class QueryError(CorridorError):
    """A query asked for something the workspace cannot give (unknown economy, no data)."""

    code = "query"


class InputError(CorridorError):
    """An input file is malformed; nothing was stored.

    Holds every problem found (up to a cap), not only the first, so that a user can fix
    a file in one pass.
    """

    MAX_SHOWN = 20
    code = "invalid_input"

    def __init__(self, path: str | Path | None, problems: list[Problem] | Problem | str, *, total: int | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.path = str(path) if path is not None else None
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(self.render("en"), problems=self.problems)

    def render(self, lang: str = "en") -> str:
        head = f"{self.path}: " if self.path else ""
        shown = self.problems[: self.MAX_SHOWN]
        if len(shown) == 1 and self.total == 1:
            return say("err_nothing_stored", lang, head=head, problem=shown[0].render(lang))
        lines = [say("err_problems", lang, head=head, total=self.total)]
        lines += [f"  - {p.render(lang)}" for p in shown]
        if self.total > len(shown):
            lines.append(say("err_more", lang, n=self.total - len(shown)))
        return "\n".join(lines)


class AccessError(CorridorError):
    """A request may not change the workspace: no token given, a wrong token, or writes
    switched off (the server was started without ``CORRIDOR_TOKEN``).

    ``reason`` is ``token_missing``, ``token_wrong`` or ``writes_off``.
    """

    code = "access_denied"

    def __init__(self, message: str | Message, *, reason: str):
        self.reason = reason
        super().__init__(message, problems=[Problem(message, reason=reason)])


class LimitError(CorridorError):
    """An input is over a documented size limit (``limit`` and ``got`` in bytes; ``got``
    is ``None`` when the input was cut off as soon as it passed the limit)."""

    code = "too_large"

    def __init__(self, message: str | Message, *, limit: int, got: int | None = None):
        self.limit = limit
        self.got = got
        super().__init__(message, problems=[Problem(message, value=None if got is None else Message("err_bytes", n=got),
                                                    expected=Message("err_at_most_bytes", n=limit), reason="too_large")])


def error_document(exc: BaseException, lang: str = "en") -> dict[str, object]:
    """The JSON error document of ``exc`` (``schema`` ``corridor.error/1``, see docs/errors.md):
    ``code`` (stable per error class; ``internal`` for anything not a :class:`CorridorError`),
    ``message`` and ``problems`` (``file``, ``line``, ``field``, ``got``, ``expected``,
    ``reason``, ``message``), the texts in ``lang``.  Every JSON output (CLI ``--format json``,
    the HTTP API) uses it."""
    if not isinstance(exc, CorridorError):
        return {"schema": ERROR_SCHEMA, "code": "internal", "message": say("err_internal", lang, name=type(exc).__name__),
                "problems": []}
    path = getattr(exc, "path", None)
    problems = [
        {"file": p.file or path, "line": p.line, "field": p.field, "got": text(p.value, lang), "expected": text(p.expected, lang),
         "reason": p.reason or exc.code, "message": text(p.message, lang)}
        for p in exc.problems
    ]
    return {"schema": ERROR_SCHEMA, "code": exc.code, "message": exc.render(lang), "problems": problems}


def unreadable_file(path: str | Path, exc: OSError) -> InputError:
    """The error of a file the operating system would not read (``err_cannot_read_file``):
    its reason, ``strerror`` (else the error's text), explained in the reader's language
    (:func:`corridor.messages.library_detail`)."""
    from .messages import library_detail

    return InputError(path, Problem(Message("err_cannot_read_file",
                                            reason=library_detail(exc, exc.strerror or str(exc)))))
