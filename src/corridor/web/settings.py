"""The server's frozen settings: the workspace it serves, the write token, the limits."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings, default_workspace

ENV_TOKEN = "CORRIDOR_TOKEN"

#: ``POST /api/v1/check``: the largest JSON body accepted (bytes); larger gets 413
MAX_TEXT_BYTES = 1_000_000
#: ``POST /api/v1/ingest``: the largest upload accepted, all files together (bytes)
MAX_UPLOAD_BYTES = 2 * 1024**3
#: rendered answers kept per process, keyed by (catalogue generation, query, format, language)
CACHE_ENTRIES = 256
#: the host names a server bound to a loopback address answers to (a guard against DNS rebinding)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeSettings:
    """What ``corridor serve`` needs.

    ``token``: the bearer token every write must present (``None``: writes are off).
    ``scratch``: where uploads are streamed (default: ``<workspace>/uploads``; every
    upload gets a folder of its own, removed after its ingest).
    ``allowed_hosts``: the ``Host`` header values answered (``None``: any).
    """

    workspace: Path
    token: str | None = None
    lang: str = "en"
    max_text_bytes: int = MAX_TEXT_BYTES
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    cache_entries: int = CACHE_ENTRIES
    scratch: Path | None = None
    allowed_hosts: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        from ..errors import ConfigError
        from ..messages import Message

        if self.token is not None and len(self.token) < 16:
            raise ConfigError(Message("web_token_short", env=ENV_TOKEN))
        if self.lang not in ("en", "ru"):
            raise ConfigError(Message("web_lang", lang=self.lang))
        for name in ("max_text_bytes", "max_upload_bytes"):
            if getattr(self, name) <= 0:
                raise ConfigError(Message("web_positive", name=name, value=getattr(self, name)))

    @property
    def scratch_dir(self) -> Path:
        return self.scratch if self.scratch is not None else self.workspace / "uploads"


def serve_settings(
    *,
    workspace: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **options: object,
) -> ServeSettings:
    """Settings from explicit values, then the environment (``CORRIDOR_WORKSPACE``,
    ``CORRIDOR_TOKEN``), then defaults."""
    env = os.environ if environ is None else environ
    ws = Path(workspace).expanduser() if workspace else default_workspace(env)
    token = env.get(ENV_TOKEN) or None
    return ServeSettings(workspace=ws, token=token, **options)  # type: ignore[arg-type]


def as_serve_settings(settings: ServeSettings | Settings) -> ServeSettings:
    """The app factory takes corridor's general :class:`~corridor.config.Settings` too."""
    if isinstance(settings, ServeSettings):
        return settings
    return ServeSettings(workspace=settings.workspace, lang=settings.lang)
