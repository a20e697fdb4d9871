"""Frozen settings, passed explicitly.

Resolution order for the workspace location: the explicit argument (``--workspace``),
then the ``CORRIDOR_WORKSPACE`` environment variable, then the user's data directory.
Nothing here is read at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

ENV_WORKSPACE = "CORRIDOR_WORKSPACE"
ENV_ENGINE = "CORRIDOR_ENGINE"
ENV_COMTRADE_KEY = "COMTRADE_API_KEY"
#: seconds a command that changes the workspace waits for another one to finish
ENV_LOCK_WAIT = "CORRIDOR_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 60.0

from .options import ENGINES, Engine, Lang, check


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a corridor operation needs to know about its environment."""

    workspace: Path
    engine: Engine = "duckdb"
    comtrade_api_key: str | None = None
    lang: str = "en"
    lock_wait: float = DEFAULT_LOCK_WAIT

    def __post_init__(self) -> None:
        from .errors import ConfigError
        from .messages import Message

        check(self.engine, Engine, field="engine")
        check(self.lang, Lang, field="lang")
        if not (0 <= self.lock_wait < float("inf")):
            raise ConfigError(Message("err_lock_wait", env=ENV_LOCK_WAIT, value=self.lock_wait))


def default_workspace(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get(ENV_WORKSPACE):
        return Path(env[ENV_WORKSPACE]).expanduser()
    return user_data_path("corridor", appauthor=False) / "workspace"


#: where ``corridor demo`` builds its workspaces by default (relative to the current directory)
DEMO_WORKSPACES = (Path("corridor-demo") / "workspace", Path("corridor-demo") / "workspace-synthetic")


def demo_workspace_here(cwd: Path | None = None) -> Path | None:
    """The demo's workspace under the current directory, if ``corridor demo`` made one."""
    base = Path.cwd() if cwd is None else cwd
    for rel in DEMO_WORKSPACES:
        if (base / rel / "corridor.duckdb").exists():
            return rel
    return None


def resolve_settings(
    *,
    workspace: str | Path | None = None,
    engine: str | None = None,
    lang: str = "en",
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build :class:`Settings` from explicit values, then the environment, then defaults."""
    env = os.environ if environ is None else environ
    ws = Path(workspace).expanduser() if workspace else default_workspace(env)
    return Settings(
        workspace=ws,
        engine=engine or env.get(ENV_ENGINE, "duckdb"),
        comtrade_api_key=env.get(ENV_COMTRADE_KEY) or None,
        lang=lang,
        lock_wait=_seconds(env.get(ENV_LOCK_WAIT)),
    )


def _seconds(text: str | None) -> float:
    from .errors import ConfigError
    from .messages import Message

    if text is None or not text.strip():
        return DEFAULT_LOCK_WAIT
    try:
        return float(text)
    except ValueError:
        raise ConfigError(Message("err_lock_wait", env=ENV_LOCK_WAIT, value=text)) from None
