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


INTERNAL = "the server failed to answer this request; the failure was logged on the server"


def json_response(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(doc, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_response(exc: BaseException, error_document: Callable[[BaseException], dict], *,
                   status: int | None = None) -> Response:
    """The error document of ``exc`` with its status (500 and no details for a non-corridor error)."""
    if not isinstance(exc, CorridorError):
        log.error("unexpected failure", exc_info=exc)
        exc, status = InternalError(INTERNAL), 500
    code = status or status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return json_response(error_document(exc), code, headers)
