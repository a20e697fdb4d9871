"""The web app: ``create_app(settings)`` -> a FastAPI application (``corridor serve``).

It holds no state of its own beyond the pool of workspace readers and the answer cache: the
API router (:mod:`corridor.web.api`), the dashboard's pages (:mod:`corridor.web.pages`,
when installed), an offline docs page, security headers on every response and one
error document for every failure.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .. import __version__
from ..config import Settings
from ..errors import ConfigError
from ..messages import Message
from .api import Api, Backend, default_backend, router
from .docs import DOCS_CSS, render_docs
from .errors import error_lang, error_response, request_error
from .security import SECURITY_HEADERS, SecurityHeaders
from .settings import ServeSettings, as_serve_settings
from .workspaces import Workspaces

OPENAPI_URL = "/api/v1/openapi.json"
DOCS_URL = "/docs"
PAGES_MODULE = "corridor.web.pages"

DESCRIPTION = (
    "The answers of corridor (trade intelligence for the Kazakhstan-China corridor) over HTTP: "
    "every answer returns the same document as `corridor <command> --format json`."
)


def create_app(settings: ServeSettings | Settings, *, backend: Backend | None = None,
               warm_up: bool = True) -> FastAPI:
    """The app serving ``settings.workspace``; ``backend`` replaces the answers and
    renderers (tests).  When the server starts (the lifespan), ``warm_up`` loads what the
    first request would otherwise load (:mod:`corridor.web.warmup`)."""
    settings = as_serve_settings(settings)
    backend = backend or default_backend()
    workspaces = Workspaces(settings.workspace)
    api = Api(settings, backend, workspaces)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm_up:
            from .warmup import warm_up as load

            app.state.warm_up = load(settings.workspace, workspaces)
        yield
        workspaces.close()

    app = FastAPI(title="corridor", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url=OPENAPI_URL, swagger_ui_oauth2_redirect_url=None, lifespan=lifespan)
    # what the dashboard's router (corridor.web.pages) reads: the settings, and how a
    # request gets its read-only workspace (a reader from the same pool as the API's)
    app.state.settings, app.state.open_workspace = settings, workspaces.lease
    app.state.workspaces, app.state.api = workspaces, api
    app.include_router(router(api))
    if importlib.util.find_spec(PAGES_MODULE) is not None:
        app.include_router(importlib.import_module(PAGES_MODULE).router)
    else:
        @app.get("/", include_in_schema=False)
        def root() -> Response:
            return RedirectResponse(DOCS_URL)

    @app.get(DOCS_URL, include_in_schema=False)
    def docs() -> Response:
        return HTMLResponse(render_docs(app.openapi(), openapi_url=OPENAPI_URL))

    @app.get("/docs.css", include_in_schema=False)
    def docs_css() -> Response:
        return Response(DOCS_CSS, media_type="text/css")

    def lang_of(request: Request) -> str:
        return error_lang(request.query_params.get("lang"), settings.lang)

    def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            msg = Message("web_no_route", method=request.method, path=request.url.path, docs=DOCS_URL)
        elif exc.status_code == 405:
            msg = Message("web_no_method", path=request.url.path, method=request.method, docs=DOCS_URL)
        else:
            msg = str(exc.detail)  # starlette's own text (no route of corridor raises another status)
        return error_response(ConfigError(msg), backend.error_document, status=exc.status_code, lang=lang_of(request))

    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request_error(list(exc.errors())), backend.error_document, status=400,
                              lang=lang_of(request))

    def internal_error(request: Request, exc: Exception) -> Response:
        response = error_response(exc, backend.error_document, lang=lang_of(request))
        for k, v in SECURITY_HEADERS:  # this handler answers outside the middleware
            response.headers[k.decode()] = v.decode()
        return response

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every response gets the headers
    return app
