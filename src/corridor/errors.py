"""One error tree for corridor.

Every error says *what* went wrong, *where* (file, line, field) and, where it can,
*how to fix it*.  Catch :class:`CorridorError` to catch everything corridor raises on
purpose; anything else escaping the library is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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

    message: str
    line: int | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None
    reason: str | None = None
    file: str | None = None

    def render(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        where = ", ".join(parts)
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" (got {self.value!r})"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        return text


class CorridorError(Exception):
    """Base class of every error corridor raises on purpose.

    ``code`` is the stable reason code of the class (the error document's ``code``);
    ``problems`` the itemised problems, when there are several or they name a field.
    """

    code = "error"

    def __init__(self, message: str = "", *, problems: list[Problem] | tuple[Problem, ...] = ()):
        super().__init__(message)
        self.problems: list[Problem] = list(problems)


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
        super().__init__(self._render(), problems=self.problems)

    def _render(self) -> str:
        head = f"{self.path}: " if self.path else ""
        shown = self.problems[: self.MAX_SHOWN]
        if len(shown) == 1 and self.total == 1:
            return head + shown[0].render() + ". Nothing was stored."
        lines = [f"{head}{self.total} problem(s) found; nothing was stored:"]
        lines += [f"  - {p.render()}" for p in shown]
        if self.total > len(shown):
            lines.append(f"  ... and {self.total - len(shown)} more")
        return "\n".join(lines)


class AccessError(CorridorError):
    """A request may not change the workspace: no token given, a wrong token, or writes
    switched off (the server was started without ``CORRIDOR_TOKEN``).

    ``reason`` is ``token_missing``, ``token_wrong`` or ``writes_off``.
    """

    code = "access_denied"

    def __init__(self, message: str, *, reason: str):
        self.reason = reason
        super().__init__(message, problems=[Problem(message, reason=reason)])


class LimitError(CorridorError):
    """An input is over a documented size limit (``limit`` and ``got`` in bytes; ``got``
    is ``None`` when the input was cut off as soon as it passed the limit)."""

    code = "too_large"

    def __init__(self, message: str, *, limit: int, got: int | None = None):
        self.limit = limit
        self.got = got
        super().__init__(message, problems=[Problem(message, value=None if got is None else f"{got} bytes",
                                                    expected=f"at most {limit} bytes", reason="too_large")])


def error_document(exc: BaseException) -> dict[str, object]:
    """The JSON error document of ``exc`` (``schema`` ``corridor.error/1``, see docs/errors.md):
    ``code`` (stable per error class; ``internal`` for anything not a :class:`CorridorError`),
    ``message`` and ``problems`` (``file``, ``line``, ``field``, ``got``, ``expected``,
    ``reason``, ``message``).  Every JSON output (CLI ``--format json``, the HTTP API) uses it."""
    if not isinstance(exc, CorridorError):
        return {"schema": ERROR_SCHEMA, "code": "internal", "message": "internal error: " + type(exc).__name__,
                "problems": []}
    path = getattr(exc, "path", None)
    problems = [
        {"file": p.file or path, "line": p.line, "field": p.field, "got": p.value, "expected": p.expected,
         "reason": p.reason or exc.code, "message": p.message}
        for p in exc.problems
    ]
    return {"schema": ERROR_SCHEMA, "code": exc.code, "message": str(exc), "problems": problems}
