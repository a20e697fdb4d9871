"""The dashboard: server-rendered pages over the answers, in English and Russian.

``router`` (a FastAPI ``APIRouter``) serves every page of :data:`PAGES` at its path, the
downloads of every chart's and table's data (``/download/{answer}/{table}.csv|xlsx`` with
the page's query string) and the dashboard's static files (``/static/...``: its CSS and
JavaScript, and the Vega, Vega-Lite and Vega-Embed bundle taken from the installed
``vl-convert-python`` wheel, with its licences).  Nothing is loaded from another origin.

A view's whole state is its query string (``?economy=KAZ&partner=CHN&lang=ru``): every
page is its own permalink.  A page is a :class:`Page`: a name, a path, a template and a
*view* function (in :mod:`corridor.web.views`) that asks answers
(:func:`corridor.web.answering.answer`) and turns their results into charts
(:mod:`corridor.web.charts`) and tables.  Adding a page is: write its view function and
its template, and add a ``Page`` to :data:`PAGES` (docs/dashboard.md).

The app that includes the router must hold the settings in ``app.state.settings`` (a
:class:`corridor.config.Settings`) and may offer ``app.state.open_workspace`` (a callable
returning a context manager of a read-only :class:`~corridor.store.Workspace`) to control
how requests read the workspace.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import CorridorError, QueryError
from ..messages import Message, say
from . import assets
from .errors import error_lang, rendered
from .answering import answer
from .texts import text

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Workspace

LANGS = ("en", "ru")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

router = APIRouter()


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page of the dashboard: ``name`` (its text key ``page_<name>``, its file
    ``<name>.html`` when saved), ``path``, ``template`` and ``view`` (``View -> context``)."""

    name: str
    path: str
    template: str
    view: Callable[[View], dict[str, Any]]
    methods: tuple[str, ...] = ("GET",)


@dataclass(slots=True)
class View:
    """What a view function gets: the query, the language, a workspace, and links.

    ``answer(name, **params)`` runs an answer on the view's parameters (overridden by
    ``params``), once per distinct query; ``download(name, table, fmt, params)`` is the
    link to one of its tables; ``href(page, **params)`` a link to a page with this view's
    parameters changed."""

    page: Page
    params: dict[str, str]
    lang: str
    workspace: Workspace | LazyWorkspace | None
    static: bool = False
    results: ResultCache = field(default_factory=lambda: ResultCache())
    state: tuple = ()
    #: the downloads a saved copy of the page links to: (answer, table, parameters)
    saved: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def t(self, key: str, /, **fmt: object) -> str:
        return text(key, self.lang, **fmt)

    def get(self, key: str, default: str = "") -> str:
        return self.params.get(key) or default

    def query(self, name: str, **override: object) -> dict[str, str]:
        q = {k: v for k, v in self.params.items() if k != "lang"}
        q.update({k: str(v) for k, v in override.items() if v is not None})
        return q

    def answer(self, name: str, /, **override: object) -> Any:
        return self.run(name, self.query(name, **override))

    def run(self, name: str, params: Mapping[str, str]) -> Any:
        """The result of answer ``name`` for exactly ``params`` (and the view's language)."""
        q = {**params, "lang": self.lang}
        key = (self.state, name, tuple(sorted(q.items())))
        found = self.results.get(key)
        if found is None:
            ws = self.workspace.get() if isinstance(self.workspace, LazyWorkspace) else self.workspace
            if ws is None and name != "check":
                raise NoWorkspace()
            found = self.results.put(key, answer(name, ws, q))
        return found

    def download(self, name: str, table: str, params: Mapping[str, str] | None = None) -> list[dict[str, str]]:
        q = dict(self.query(name) if params is None else params)
        if self.static:
            stem = _static_stem(name, table, q)
            self.saved.append((name, table, q))
            return [{"fmt": fmt.upper(), "href": f"data/{stem}.{fmt}"} for fmt in FORMATS]
        return [{"fmt": fmt.upper(), "href": f"download/{name}/{table}.{fmt}?" + urlencode({**q, "lang": self.lang})}
                for fmt in FORMATS]

    def href(self, page: str | None = None, /, *, lang: str | None = None, **params: object) -> str:
        target = _page(page or self.page.name)
        q = {k: v for k, v in {**self.params, **{k: str(v) for k, v in params.items()}}.items()
             if k != "lang" and v not in (None, "")}
        if (lang or self.lang) != "en":
            q["lang"] = lang or self.lang
        if self.static:
            return f"{target.name}{'-ru' if (lang or self.lang) == 'ru' else ''}.html"
        base = target.path.lstrip("/") or "./"
        return base + ("?" + urlencode(q) if q else "")


class ResultCache:
    """The results of the latest answers (least recently used first out), keyed by the
    workspace's state, the answer and its parameters: a view asked again, or a download
    of a table just drawn, is not computed again until an ingest publishes new data."""

    def __init__(self, size: int = 48):
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: tuple, value: Any) -> Any:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def workspace_state(path: Path) -> tuple:
    """What changes when a writer publishes: the published snapshot's (else the catalogue's)
    inode, size and modification time."""
    from ..store.workspace import CATALOGUE, SNAPSHOT

    for name in (SNAPSHOT, CATALOGUE):
        try:
            st = os.stat(path / name)
        except FileNotFoundError:
            continue
        return (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    return (str(path),)


def _results(request: Request) -> ResultCache:
    state = request.app.state
    cache = getattr(state, "dashboard_results", None)
    if cache is None:
        cache = state.dashboard_results = ResultCache()
    return cache


class NoWorkspace(CorridorError):
    """The settings name a workspace that does not exist."""


def _static_stem(name: str, table: str, q: Mapping[str, str]) -> str:
    keep = "-".join(f"{v}" for k, v in sorted(q.items()) if k != "text" and v)
    return f"{name}-{table}" + (f"-{keep}" if keep else "")


def _page(name: str) -> Page:
    for p in PAGES:
        if p.name == name:
            return p
    raise QueryError(Message("web_no_page", name=name))


# -- rendering ---------------------------------------------------------------------------

@functools.cache
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("corridor.web", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    return env


def render(view: View) -> str:
    """The page of ``view`` as HTML (its view function's context in its template)."""
    from .. import __version__ as version

    base = {"view": view, "t": view.t, "lang": view.lang, "pages": PAGES, "page": view.page, "version": version,
            "static": "static/" if not view.static else "static/", "locale": assets.locale(view.lang)}
    try:
        context = view.page.view(view)
    except NoWorkspace:
        context = {"error": view.t("no_workspace", path=_workspace_path(view))}
    except CorridorError as exc:
        context = {"error": rendered(exc, view.lang)}
    return environment().get_template(view.page.template).render(**base, **context)


def _workspace_path(view: View) -> str:
    return str(getattr(view.workspace, "path", "")) or "?"


class LazyWorkspace:
    """The request's read-only workspace, opened when an answer first needs it: a view
    whose answers are all cached never opens the workspace (nor takes a reader from the
    pool)."""

    def __init__(self, request: Request):
        self.path = Path(request.app.state.settings.workspace)
        self._request = request
        self._stack = contextlib.ExitStack()
        self._ws: Workspace | None = None
        self._opened = False

    def get(self) -> Workspace | None:
        if not self._opened:
            self._opened = True
            self._ws = self._stack.enter_context(open_workspace(self._request))
        return self._ws

    def __enter__(self) -> LazyWorkspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def _params(request: Request) -> tuple[dict[str, str], str]:
    params = {k: v for k, v in request.query_params.items() if v != ""}
    lang = params.get("lang", "en")
    if lang not in LANGS:
        raise QueryError(Message("web_page_lang", lang=lang, allowed=", ".join(LANGS)))
    return params, lang


@contextlib.contextmanager
def open_workspace(request: Request) -> Iterator[Workspace | None]:
    """A read-only workspace for one request (``None`` when the settings' workspace does not exist)."""
    from ..store import Workspace
    from ..store.workspace import CATALOGUE

    path = Path(request.app.state.settings.workspace)
    if not (path / CATALOGUE).exists():
        yield None
        return
    opener = getattr(request.app.state, "open_workspace", None)
    with (opener() if opener is not None else Workspace.open(path, create=False, read_only=True)) as ws:
        yield ws


def _page_response(request: Request, page: Page, extra: Mapping[str, str] | None = None) -> HTMLResponse:
    try:
        params, lang = _params(request)
    except CorridorError as exc:  # a bad lang: said in the server's language
        said = html.escape(rendered(exc, request.app.state.settings.lang), quote=False)
        return HTMLResponse(f"<!doctype html><title>400</title><p>{said}</p>", status_code=400)
    params.update(extra or {})
    with LazyWorkspace(request) as ws:
        view = View(page, params, lang, ws, results=_results(request),
                    state=workspace_state(Path(request.app.state.settings.workspace)))
        return HTMLResponse(render(view))


def _register(page: Page) -> None:
    async def get(request: Request) -> HTMLResponse:
        return await _run(_page_response, request, page)

    get.__name__ = f"page_{page.name}"
    router.add_api_route(page.path, get, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                         name=f"page_{page.name}")


async def _run(fn: Callable[..., Any], *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)


@router.post("/check", response_class=HTMLResponse, include_in_schema=False, name="page_check_upload")
async def check_upload(request: Request) -> HTMLResponse:
    """The claim checker on an uploaded text file or a long pasted text (form POST)."""
    form = await request.form()
    upload = form.get("file")
    if upload is not None and hasattr(upload, "read"):
        body = (await upload.read())[: MAX_TEXT_BYTES + 1]
    else:
        body = str(form.get("text") or "").encode("utf-8")
    if len(body) > MAX_TEXT_BYTES:
        lang = error_lang(request.query_params.get("lang"), request.app.state.settings.lang)
        said = html.escape(say("web_text_over", lang, limit=MAX_TEXT_BYTES), quote=False)
        return HTMLResponse(f"<!doctype html><title>413</title><p>{said}</p>", status_code=413)
    extra = {"text": body.decode("utf-8", errors="replace"), "date": str(form.get("date") or "")}
    return await _run(_page_response, request, _page("check"), extra)


#: Largest text the claim checker takes (bytes of UTF-8).
MAX_TEXT_BYTES = 200_000


@router.get("/download/{name}/{table}.{fmt}", include_in_schema=False, name="download")
async def download(request: Request, name: str, table: str, fmt: str) -> Response:
    """One table of one answer for the query string, as CSV or XLSX."""
    return await _run(_download, request, name, table, fmt)


def _download(request: Request, name: str, table: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        lang = error_lang(request.query_params.get("lang"), request.app.state.settings.lang)
        return Response(say("web_download_format", lang, fmt=fmt), status_code=400, media_type="text/plain")
    params, lang = _params(request)
    with LazyWorkspace(request) as ws:
        view = View(_page("data"), params, lang, ws, results=_results(request),
                    state=workspace_state(Path(request.app.state.settings.workspace)))
        try:
            result = view.answer(name)
        except NoWorkspace:
            return Response(say("web_no_workspace", lang), status_code=404, media_type="text/plain")
        except CorridorError as exc:
            return Response(rendered(exc, lang), status_code=400, media_type="text/plain")
    tables = result.tables()
    if table not in tables:
        return Response(say("web_download_table", lang, table=table, tables=", ".join(tables)), status_code=404,
                        media_type="text/plain")
    body = assets.table_bytes(tables[table], fmt, sheet=table)
    headers = {"Content-Disposition": f'attachment; filename="{name}-{table}.{fmt}"'}
    return Response(body, media_type=FORMATS[fmt], headers=headers)


@router.get("/static/{name:path}", include_in_schema=False, name="dashboard_static")
async def static(name: str) -> Response:
    """The dashboard's own files and the Vega bundle (a fixed list: no path reaches the disk)."""
    found = await _run(assets.static_file, name)
    if found is None:
        return Response("not found", status_code=404, media_type="text/plain")
    body, media_type = found
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})


def dashboard_app(settings: Any) -> Any:
    """A FastAPI app serving the dashboard alone (the API's app includes :data:`router` too)."""
    from fastapi import FastAPI

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.include_router(router)

    @app.middleware("http")
    async def csp(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", assets.CSP)
        return response

    return app


from . import views  # noqa: E402  (the view functions need View and Page above)
from . import views_plans  # noqa: E402

#: The pages, in the order of the navigation bar.
PAGES: tuple[Page, ...] = (
    Page(name="corridor", path="/", template="corridor.html", view=views.corridor),
    Page(name="composition", path="/composition", template="composition.html", view=views.composition),
    Page(name="complexity", path="/complexity", template="complexity.html", view=views.complexity),
    Page(name="opportunities", path="/opportunities", template="opportunities.html", view=views.opportunities),
    Page(name="roadmap", path="/roadmap", template="plans_roadmap.html", view=views_plans.roadmap),
    Page(name="deals", path="/deals", template="plans_deals.html", view=views_plans.deals),
    Page(name="check", path="/check", template="check.html", view=views.check),
    Page(name="data", path="/data", template="data.html", view=views.data),
)

for _p in PAGES:
    _register(_p)
