"""A small threaded HTTP server on 127.0.0.1 for download tests.

Each URL path maps to a :class:`Route`: the bytes to serve and how to misbehave (fail the
first N requests with a status, answer 429 with ``Retry-After``, cut the body after K
bytes, ignore ``Range``).  Every request is recorded (path, query, headers) so that tests
can assert what a client sent.

    with serve({"/f.zip": Route(body=b"...", fail_first=2)}) as server:
        url = server.url("/f.zip")
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Route:
    """What one path serves.

    ``fail_first`` requests get ``fail_status`` (with ``fail_body``); then ``cut_first``
    requests send only ``cut_at`` bytes of the body (announcing the full length) and drop
    the connection.  ``status`` other than 200 serves ``body`` with that status.  With
    ``ranges`` False the server ignores ``Range`` headers.  ``retry_after`` is sent with a
    429 ``fail_status``.  ``respond`` (query -> (status, body)) overrides everything for
    API-like routes.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = "application/octet-stream"
    fail_first: int = 0
    fail_status: int = 500
    fail_body: bytes = b""
    retry_after: str | None = None
    cut_first: int = 0
    cut_at: int = 0
    ranges: bool = True
    respond: Callable[[Mapping[str, list[str]]], tuple[int, bytes]] | None = None
    #: ``Location`` of a 302 answer to every request (another server, to test redirects)
    redirect: str | None = None
    #: the ETag sent (default: from the body); a ``Range`` whose ``If-Range`` differs is ignored
    etag: str | None = None
    hits: int = field(default=0, init=False)

    def tag(self) -> str:
        import hashlib

        return self.etag or '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class Server:
    """A running server: ``url(path)``, ``routes`` (mutable) and ``requests`` seen."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # silence
                return

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                parts = urlsplit(self.path)
                with server._lock:
                    server.requests.append(Request(parts.path, parse_qs(parts.query), dict(self.headers.items())))
                    route = server.routes.get(parts.path)
                    if route is not None:
                        route.hits += 1
                        hit = route.hits
                if route is None:
                    return self._send(404, b'{"statusCode": 404, "message": "Resource not found"}', "application/json")
                if hit <= route.fail_first:
                    extra = {"Retry-After": route.retry_after} if route.retry_after is not None else {}
                    return self._send(route.fail_status, route.fail_body, "application/json", extra)
                if route.redirect is not None:
                    return self._send(302, b"", "text/plain", {"Location": route.redirect})
                if route.respond is not None:
                    status, body = route.respond(parse_qs(parts.query))
                    return self._send(status, body, "application/json")
                body, status, extra = route.body, route.status, {"ETag": route.tag()}
                rng = self.headers.get("Range")
                if_range = self.headers.get("If-Range")
                if if_range is not None and if_range != route.tag():
                    rng = None  # RFC 9110 13.1.5: the representation changed, send it whole
                if rng and route.ranges and status == 200 and rng.startswith("bytes="):
                    start = int(rng[6:].split("-")[0])
                    if start >= len(body):
                        return self._send(416, b"", route.content_type, {"Content-Range": f"bytes */{len(body)}"})
                    extra = {"ETag": route.tag(), "Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"}
                    body, status = body[start:], 206
                if hit <= route.fail_first + route.cut_first:
                    return self._send(status, body, route.content_type, extra, cut=route.cut_at)
                return self._send(status, body, route.content_type, extra)

            def _send(self, status: int, body: bytes, ctype: str, extra: Mapping[str, str] | None = None,
                      cut: int | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Accept-Ranges", "bytes")
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                if cut is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                if cut is None:
                    self.wfile.write(body)
                    return
                self.wfile.write(body[:cut])
                self.wfile.flush()
                self.close_connection = True

        return Handler


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    """Run a :class:`Server` on 127.0.0.1 for the duration of the ``with`` block."""
    server = Server(routes).start()
    try:
        yield server
    finally:
        server.stop()
