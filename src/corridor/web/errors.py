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

from ..errors import AccessError, ConfigError, CorridorError, InputError, LimitError, QueryError, WorkspaceError
from ..messages import Message

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


def error_response(exc: BaseException, error_document: Callable[[BaseException, str], dict], *,
                   status: int | None = None, lang: str = "en") -> Response:
    """The error document of ``exc`` in ``lang`` with its status (500 and no details for a
    non-corridor error)."""
    if not isinstance(exc, CorridorError):
        log.error("unexpected failure", exc_info=exc)
        exc, status = InternalError(Message("web_internal")), 500
    code = status or status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return json_response(error_document(exc, lang), code, headers)
