"""``/api/v1``: one route per registered answer, over the same answers as the CLI.

Every handler does three things: parse the request into the answer's frozen ``Query``
(:func:`corridor.answers.registry.parse_query`, with the CLI's parameter names), run the
answer on a read-only reader of the workspace (:mod:`corridor.web.workspaces`), and hand the result to a renderer
(JSON document, CSV or XLSX).  Nothing is computed here.

- ``GET /api/v1/<command>?...``: every answer that reads the workspace;
  ``format=json|csv|xlsx`` (default json), ``lang=en|ru``, ``table=NAME`` (CSV of one table).
- ``POST /api/v1/check``: a JSON body ``{"text": ..., "date": ...}`` (the answers whose
  query holds a ``text``), at most ``max_text_bytes``.
- ``POST /api/v1/<command>`` for answers that write (``ingest``): multipart uploads,
  bearer token required.

Rendered answers are cached per process, keyed by the published catalogue's generation, the
command, the query, the format and the language: a new ingest makes a new generation,
so a cached answer is never older than the data the server has seen.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from ..errors import ConfigError, LimitError
from ..messages import Message, spelling
from .errors import error_lang, error_response, json_response, query_spelling
from .security import require_token
from .settings import ServeSettings
from .uploads import receive_upload
from .workspaces import Workspaces

PREFIX = "/api/v1"
#: request parameters the renderers read; everything else goes to the answer's query
RENDER_PARAMETERS = ("format", "lang", "table")
FORMATS = ("json", "csv", "xlsx")
#: parameters that would name a path on the server: refused on every route
PATH_PARAMETERS = ("workspace", "path", "file")
#: the multipart file parts of an ingest; as text parameters they would name server paths
UPLOAD_PARTS = ("files", "mapping")
#: how long an upload waits for another process's ingest before a 503 (seconds)
WRITE_WAIT = 30.0
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True, kw_only=True)
class Backend:
    """The answers and renderers the web layer adapts (the real ones by default;
    tests may pass others)."""

    answers: Mapping[str, Any]
    parse_query: Callable[[str, Mapping[str, Any]], Any]
    document: Callable[[Any, str], dict]
    csv: Callable[..., str]
    xlsx: Callable[[Any, str], bytes]
    error_document: Callable[[BaseException, str], dict]


def default_backend() -> Backend:
    from ..answers import registry
    from ..errors import error_document
    from ..reports import registry as reports

    return Backend(answers=registry.ANSWERS, parse_query=registry.parse_query, document=reports.document,
                   csv=reports.csv, xlsx=reports.xlsx, error_document=error_document)


class ResultCache:
    """A small thread-safe LRU of rendered responses (body, media type, headers), computed
    once per key: concurrent requests for a key being computed wait for that computation
    instead of repeating it (after an ingest, 50 clients asking the same question make one
    answer, not 50)."""

    def __init__(self, entries: int):
        self.entries = entries
        self._data: OrderedDict[Any, tuple[bytes, str, dict]] = OrderedDict()
        self._pending: dict[Any, threading.Lock] = {}
        self._lock = threading.Lock()

    def _get(self, key: Any) -> tuple[bytes, str, dict] | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def get_or_compute(self, key: Any, compute: Callable[[], tuple[bytes, str, dict]]) -> tuple[bytes, str, dict]:
        if key is None or self.entries <= 0:
            return compute()
        hit = self._get(key)
        if hit is not None:
            return hit
        with self._lock:
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:
            hit = self._get(key)
            if hit is not None:
                return hit
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            with self._lock:
                self._data[key] = value
                while len(self._data) > self.entries:
                    self._data.popitem(last=False)
            return value


def takes_files(answer: Any) -> bool:
    """Writes whose query holds ``files`` (``ingest``) take them as multipart uploads."""
    return any(f.name == "files" for f in dataclasses.fields(answer.query))


def takes_text(answer: Any) -> bool:
    """Answers whose query holds a text (``check``) are asked by POSTing it as JSON."""
    return any(f.name == "text" for f in dataclasses.fields(answer.query))


def request_parameters(request: Request) -> dict[str, Any]:
    """Query parameters as a dict (a repeated one, e.g. ``release``, as a list)."""
    out: dict[str, Any] = {}
    for key in request.query_params.keys():
        values = request.query_params.getlist(key)
        out[key] = values if len(values) > 1 else values[0]
    return out


def split_parameters(params: Mapping[str, Any], settings: ServeSettings) -> tuple[dict[str, Any], str, str, str | None]:
    """(the answer's parameters, format, language, table), refusing path parameters."""
    named = sorted(set(params) & set(PATH_PARAMETERS))
    if named:
        raise ConfigError(Message("web_path_parameter", name=named[0]))
    rest = {k: v for k, v in params.items() if k not in RENDER_PARAMETERS}
    fmt, lang, table = params.get("format", "json"), params.get("lang", settings.lang), params.get("table")
    for name, value in (("format", fmt), ("lang", lang), ("table", table)):
        if isinstance(value, list):
            raise ConfigError(Message("web_repeated", name=name, n=len(value)))
    if fmt not in FORMATS:
        raise ConfigError(Message("web_not_allowed", name="format", value=fmt, allowed=", ".join(FORMATS)))
    if lang not in ("en", "ru"):
        raise ConfigError(Message("web_not_allowed", name="lang", value=lang, allowed="en, ru"))
    return rest, fmt, lang, table


class Api:
    """The handlers, bound to one server's settings, answers and workspace readers."""

    def __init__(self, settings: ServeSettings, backend: Backend, workspaces: Workspaces):
        self.settings = settings
        self.backend = backend
        self.workspaces = workspaces
        self.cache = ResultCache(settings.cache_entries)
        self._write_lock = threading.Lock()

    # -- rendering ---------------------------------------------------------------------
    def render(self, name: str, result: Any, fmt: str, lang: str, table: str | None) -> tuple[bytes, str, dict]:
        """The result as ``fmt``; its texts name the caller's parameters as a query string
        does (``months=9``: :func:`corridor.web.errors.query_spelling`)."""
        with spelling(query_spelling):
            return self._render(name, result, fmt, lang, table)

    def _render(self, name: str, result: Any, fmt: str, lang: str, table: str | None) -> tuple[bytes, str, dict]:
        if fmt == "csv":
            text = self.backend.csv(result, lang, table=table)
            return text.encode("utf-8"), "text/csv; charset=utf-8", {
                "Content-Disposition": f'attachment; filename="corridor-{name}{"-" + table if table else ""}.csv"'}
        if fmt == "xlsx":
            return self.backend.xlsx(result, lang), XLSX_TYPE, {
                "Content-Disposition": f'attachment; filename="corridor-{name}.xlsx"'}
        if table is not None:
            raise ConfigError(Message("web_table_csv"))
        doc = stamped(self.backend.document(result, lang))
        body = json.dumps(doc, ensure_ascii=False, indent=2, default=str, allow_nan=False).encode("utf-8")
        return body, "application/json", {}

    def error(self, exc: BaseException, asked: object = None) -> Response:
        """The error document of ``exc`` in the language the request ``asked`` (else the server's)."""
        return error_response(exc, self.backend.error_document, lang=error_lang(asked, self.settings.lang))

    # -- reading answers ---------------------------------------------------------------
    def answer(self, name: str, params: Mapping[str, Any], *, cache: bool = True) -> Response:
        """Parse, run on a reader of the current snapshot (or take from the cache), render."""
        try:
            rest, fmt, lang, table = split_parameters(params, self.settings)
            query = self.backend.parse_query(name, rest)
            generation = self.workspaces.generation
            try:
                key: Any = (generation, name, query, fmt, lang, table) if cache else None
                hash(key)
            except TypeError:  # a query holding a list: not cached
                key = None

            def compute() -> tuple[bytes, str, dict]:
                with self.workspaces.lease() as ws:
                    result = self.backend.answers[name].run(ws, query)
                return self.render(name, result, fmt, lang, table)

            hit = self.cache.get_or_compute(key, compute)
            body, media, headers = hit
            return Response(body, media_type=media, headers=headers)
        except Exception as exc:  # noqa: BLE001 - every failure becomes the error document
            return self.error(exc, params.get("lang"))

    async def text_answer(self, name: str, request: Request) -> Response:
        """``POST`` a JSON body (``{"text": ..., "date": ...}``), at most ``max_text_bytes``."""
        try:
            params = {**request_parameters(request), **await json_body(request, self.settings.max_text_bytes)}
        except Exception as exc:  # noqa: BLE001
            return self.error(exc, request.query_params.get("lang"))
        from starlette.concurrency import run_in_threadpool

        # texts are not cached: each is checked once, and they are large
        return await run_in_threadpool(functools.partial(self.answer, name, params, cache=False))

    # -- writing -----------------------------------------------------------------------
    async def write(self, name: str, request: Request) -> Response:
        """A write: the token first (before any byte of the body is read), then its
        parameters (an upload streamed to scratch, or a JSON body), then the answer run
        on the writable workspace."""
        upload = None
        try:
            require_token(request.headers.get("authorization"), self.settings.token)
            if takes_files(self.backend.answers[name]):
                upload = await receive_upload(
                    request.stream(), content_type=request.headers.get("content-type"),
                    content_length=request.headers.get("content-length"), scratch=self.settings.scratch_dir,
                    limit=self.settings.max_upload_bytes,
                )
                rest, fmt, lang, table = self.upload_parameters(request, upload)
            else:
                params = {**request_parameters(request), **await json_body(request, self.settings.max_text_bytes)}
                rest, fmt, lang, table = split_parameters(params, self.settings)
            from starlette.concurrency import run_in_threadpool

            return await run_in_threadpool(self._run_write, name, rest, fmt, lang, table)
        except Exception as exc:  # noqa: BLE001
            response = self.error(exc, request.query_params.get("lang"))
            return redact(response, upload) if upload is not None else response
        finally:
            if upload is not None:
                upload.discard()

    def upload_parameters(self, request: Request, upload: Any) -> tuple[dict[str, Any], str, str, str | None]:
        """The answer's parameters from an upload: its text parts, the saved files' paths."""
        params = {**request_parameters(request), **upload.fields}
        for part in UPLOAD_PARTS:
            if part in params:
                raise ConfigError(Message("web_upload_part", part=part))
        rest, fmt, lang, table = split_parameters(params, self.settings)
        unknown = sorted(set(upload.files) - set(UPLOAD_PARTS))
        if unknown or "files" not in upload.files:
            raise ConfigError(Message("web_upload_parts", parts=", ".join(sorted(upload.files)) or Message("web_none")))
        if len(upload.files.get("mapping", [])) > 1:
            raise ConfigError(Message("web_one_mapping"))
        rest["files"] = [str(p) for p in upload.files["files"]]
        if "mapping" in upload.files:
            rest["mapping"] = str(upload.files["mapping"][0])
        return rest, fmt, lang, table

    def _run_write(self, name: str, params: dict, fmt: str, lang: str, table: str | None) -> Response:
        from ..store import Workspace

        query = self.backend.parse_query(name, params)
        with self._write_lock, Workspace.open(self.settings.workspace, wait=WRITE_WAIT) as ws:
            result = self.backend.answers[name].run(ws, query)
        self.workspaces.refresh()
        body, media, headers = self.render(name, result, fmt, lang, table)
        return Response(body, media_type=media, headers=headers)


def stamped(doc: dict) -> dict:
    """The document with its generation time after ``schema`` and ``lang``, as the CLI prints it."""
    import datetime as dt

    doc = dict(doc)
    head = {k: doc.pop(k) for k in ("schema", "lang") if k in doc}
    return {**head, "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), **doc}


def redact(response: Response, upload: Any) -> Response:
    """``response`` with the scratch paths of ``upload`` replaced by the uploaded names
    (an error about an uploaded file names the file, not where the server put it)."""
    body = bytes(response.body)
    for paths in upload.files.values():
        for p in paths:
            body = body.replace(json.dumps(str(p))[1:-1].encode(), p.name.encode())
    body = body.replace(json.dumps(str(upload.folder))[1:-1].encode(), b"upload")
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(body, status_code=response.status_code, media_type=response.media_type, headers=headers)


async def json_body(request: Request, limit: int) -> dict[str, Any]:
    """The request's JSON object body (``{}`` when empty), at most ``limit`` bytes."""
    body = await read_limited(request, limit)
    if not body.strip():
        return {}
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise ConfigError(Message("web_body_not_json")) from None
    if not isinstance(payload, dict):
        raise ConfigError(Message("web_body_not_object"))
    return payload


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise LimitError(Message("web_body_size", size=int(length), limit=limit), limit=limit, got=int(length))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise LimitError(Message("web_body_passed", limit=limit), limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def openapi_parameters(answer: Any) -> list[dict]:
    """The OpenAPI description of an answer's query parameters (from its ``Query``)."""
    from ..answers.base import public_name

    out = []
    for f in dataclasses.fields(answer.query):
        name = public_name(f.name)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        schema: dict[str, Any] = {"type": "string"}
        if not required and f.default is not dataclasses.MISSING and f.default is not None:
            schema["default"] = f.default if isinstance(f.default, (str, int, float, bool)) else str(f.default)
        out.append({"name": name, "in": "query", "required": required, "schema": schema,
                    "description": f.metadata.get("help", "") if f.metadata else ""})
    out += [
        {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": list(FORMATS),
                                                                        "default": "json"},
         "description": "json: the document; csv: the tables (or one, with table=); xlsx: every table"},
        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["en", "ru"]},
         "description": "language of the labels"},
        {"name": "table", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "with format=csv: the one table to export"},
    ]
    return out


ERROR_RESPONSES = {
    "400": {"description": "bad parameter: the error document (schema corridor.error/1)"},
    "422": {"description": "the workspace cannot answer this query: the error document"},
    "503": {"description": "the workspace is busy or absent: the error document"},
}


def router(api: Api) -> APIRouter:
    """One route per registered answer (see the module text)."""
    r = APIRouter(prefix=PREFIX)
    answers = api.backend.answers

    @r.get("", summary="The commands this server answers", tags=["index"])
    def index() -> Response:
        return json_response({"schema": "corridor.api-index/1", "commands": [
            {"command": n, "method": method_of(a), "path": f"{PREFIX}/{n}"} for n, a in sorted(answers.items())]})

    for name, answer in sorted(answers.items()):
        doc = (answer.run.__doc__ or "").strip().split("\n\n")[0] or f"corridor {name}"
        if answer.writes:
            body = ({"multipart/form-data": {"schema": {"type": "object"}}} if takes_files(answer) else
                    {"application/json": {"schema": {"type": "object", "properties": {
                        p["name"]: p["schema"] for p in openapi_parameters(answer)}}}})
            r.add_api_route(f"/{name}", _write_handler(api, name), methods=["POST"], summary=doc, tags=["write"],
                            openapi_extra={"requestBody": {"content": body}, "security": [{"bearer": []}],
                                           "responses": {**ERROR_RESPONSES, "401": {"description": "no token"},
                                                         "403": {"description": "wrong token, or writes off"},
                                                         "413": {"description": "body or upload over the limit"}}})
        elif takes_text(answer):
            r.add_api_route(f"/{name}", _text_handler(api, name), methods=["POST"], summary=doc, tags=["answers"],
                            openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                                "type": "object", "properties": {p["name"]: p["schema"]
                                                                 for p in openapi_parameters(answer)}}}}},
                                "responses": {**ERROR_RESPONSES, "413": {"description": "text over the limit"}}})
        else:
            r.add_api_route(f"/{name}", _get_handler(api, name), methods=["GET"], summary=doc, tags=["answers"],
                            openapi_extra={"parameters": openapi_parameters(answer), "responses": ERROR_RESPONSES})
    return r


def method_of(answer: Any) -> str:
    return "POST" if answer.writes or takes_text(answer) else "GET"


def _get_handler(api: Api, name: str):
    def handler(request: Request) -> Response:
        return api.answer(name, request_parameters(request))

    handler.__name__ = f"get_{name}"
    return handler


def _text_handler(api: Api, name: str):
    async def handler(request: Request) -> Response:
        return await api.text_answer(name, request)

    handler.__name__ = f"post_{name}"
    return handler


def _write_handler(api: Api, name: str):
    async def handler(request: Request) -> Response:
        return await api.write(name, request)

    handler.__name__ = f"post_{name}"
    return handler
