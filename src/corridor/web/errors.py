"""Every failure as the error document (``corridor.error/1``), never a stack trace.

The status follows the error's class: a bad parameter 400, a request the workspace
cannot answer or a bad uploaded file 422, a write without the token 401/403, an input
over a limit 413, a workspace that is busy or absent 503.  Anything else is a bug: the
server logs its traceback and answers 500 with a document that says nothing of its
internals.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from ..errors import AccessError, ConfigError, CorridorError, InputError, LimitError, Problem, QueryError, WorkspaceError
from ..messages import VALUE_FOLLOWS, Message, spelling

log = logging.getLogger("corridor.web")

#: (error class, HTTP status), the first match wins
STATUS: tuple[tuple[type[CorridorError], int], ...] = (
    (LimitError, 413),
    (ConfigError, 400),
    (QueryError, 422),
    (InputError, 422),
    (WorkspaceError, 503),
    (CorridorError, 400),
)
ACCESS_STATUS = {"token_missing": 401, "token_wrong": 403, "writes_off": 403}


def status_of(exc: CorridorError) -> int:
    if isinstance(exc, AccessError):
        return ACCESS_STATUS.get(exc.reason, 403)
    if any(getattr(p, "reason", None) == "too_large" for p in getattr(exc, "problems", ())):
        return 413
    return next(code for cls, code in STATUS if isinstance(exc, cls))


class InternalError(CorridorError):
    """Stands for an unexpected failure in the error document (its text says nothing of it)."""

    code = "internal"




def json_response(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(doc, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_lang(asked: object, default: str = "en") -> str:
    """The language of an error answer: the request's ``lang`` parameter when it is a known
    one (a bad ``lang`` is itself the error), else the server's (``CORRIDOR_LANG``)."""
    return asked if asked in ("en", "ru") else default  # type: ignore[return-value]


#: How the HTTP API names a file given as a part of the upload to ``POST .../ingest``.
UPLOAD_PART: dict[str, str] = {"en": "a mapping file uploaded as the part `{part}`",
                               "ru": "файл сопоставления, загруженный частью `{part}`"}


def query_spelling(name: str, meta: str, lang: str) -> str:
    """How a text names a parameter or an operation to a caller of the HTTP API or the
    dashboard: query parameters (``months=N``, ``monthly=true``), the ingest route, the
    mapping as an uploaded part, and the server's workspace (no request names a path: it is the one the server was started with)."""
    from .api import PREFIX

    if name == "ingest":
        return f"POST {PREFIX}/ingest"
    if name == "workspace":
        return f"`corridor serve --workspace {meta}`"
    if name == "mapping":  # an upload, never a path on the server
        return UPLOAD_PART[lang].format(part=name)
    if meta == VALUE_FOLLOWS:
        return f"{name}="
    return f"{name}={meta or 'true'}"


def rendered(exc: CorridorError, lang: str) -> str:
    """``exc``'s text in ``lang`` as the web's callers name their parameters."""
    with spelling(query_spelling):
        return exc.render(lang)


#: What a request parameter should have been and the problem's reason code, by the
#: request-validation library's error type (pydantic's ``type``:
#: https://docs.pydantic.dev/latest/errors/validation_errors/); any other type: the value the
#: API's documentation gives for the field, ``malformed``.
EXPECTED_BY_TYPE: dict[str, tuple[str, str]] = {
    "missing": ("web_a_value", "missing"), "int_parsing": ("err_whole_number", "not_an_integer"),
    "int_type": ("err_whole_number", "not_an_integer"), "int_from_float": ("err_whole_number", "not_an_integer"),
    "float_parsing": ("err_a_number", "not_a_number"), "float_type": ("err_a_number", "not_a_number"),
    "bool_parsing": ("err_true_false", "not_a_boolean"), "bool_type": ("err_true_false", "not_a_boolean"),
    "json_invalid": ("web_a_json_object", "malformed"), "dict_type": ("web_a_json_object", "malformed"),
    "model_attributes_type": ("web_a_json_object", "malformed"), "string_type": ("web_a_text", "malformed"),
}


def request_error(errors: list[dict[str, Any]]) -> ConfigError:
    """A request the validation library refused (FastAPI's ``RequestValidationError.errors()``),
    told in keyed texts: each field by its name, what it holds (a short value only) and what
    was expected; none of the library's English, no stack trace, no path."""
    problems = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        field = ".".join(loc[1:]) or (loc[0] if loc else None)
        kind = str(e.get("type", ""))
        expected, reason = EXPECTED_BY_TYPE.get(kind, ("web_documented_value", "malformed"))
        got = e.get("input")
        shown = str(got) if isinstance(got, (str, int, float)) and len(str(got)) <= 60 and kind != "missing" else None
        problems.append(Problem(Message("err_missing_value" if kind == "missing" else "web_value_refused"), field=field,
                                value=shown, expected=Message(expected), reason=reason))
    first = problems[0] if problems else Problem(Message("web_value_refused"), expected=Message("web_documented_value"))
    detail = Message("web_bad_field", field=first.field or "?", what=first.message, expected=first.expected)
    return ConfigError(Message("web_bad_request", detail=detail), problems=problems)


def error_response(exc: BaseException, error_document: Callable[[BaseException, str], dict], *,
                   status: int | None = None, lang: str = "en") -> Response:
    """The error document of ``exc`` in ``lang`` with its status (500 and no details for a
    non-corridor error); parameters named as a query string names them (:func:`query_spelling`)."""
    if not isinstance(exc, CorridorError):
        log.error("unexpected failure", exc_info=exc)
        exc, status = InternalError(Message("web_internal")), 500
    code = status or status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    with spelling(query_spelling):
        doc = error_document(exc, lang)
    return json_response(doc, code, headers)
