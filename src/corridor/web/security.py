"""What every response carries, and the guard of every write.

- Security headers on every response (a pure ASGI middleware, so that error responses
  and the docs page get them too): a Content-Security-Policy that allows nothing from
  another origin, no MIME sniffing, no framing, no referrer.
- :func:`require_token`: a write (an upload to ingest; later roadmap or ledger edits)
  must carry ``Authorization: Bearer <CORRIDOR_TOKEN>``, compared in constant time
  (:func:`hmac.compare_digest`).  No header: 401; a wrong token: 403; a server started
  without a token: writes are off, 403.
"""

from __future__ import annotations

import hmac

from ..errors import AccessError
from ..messages import Message
from .settings import ENV_TOKEN

#: nothing from another origin: scripts, styles, images, fonts, frames, forms, fetches
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def require_token(authorization: str | None, token: str | None) -> None:
    """Raise :class:`AccessError` unless ``authorization`` is ``Bearer <token>``."""
    if token is None:
        raise AccessError(Message("web_writes_off", env=ENV_TOKEN), reason="writes_off")
    if not authorization:
        raise AccessError(Message("web_token_missing"), reason="token_missing")
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise AccessError(Message("web_token_wrong"), reason="token_wrong")
