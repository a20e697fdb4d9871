"""Read-only workspaces for the server's requests, pooled per published catalogue.

The store lets any number of readers work beside one writer: a reader
(``Workspace.open(path, read_only=True)``) reads the last *published* catalogue
snapshot in place and holds no lock (docs/workspace.md).  The server uses one such
reader per request, so it never blocks ``corridor ingest`` in another process nor sees a
half-written release, and sees the new data as soon as the ingest publishes.

Opening a reader and its Ibis backend costs a few milliseconds; this pool keeps the
readers of the current snapshot for the next requests (one per concurrent request:
DuckDB connections are not shared between threads).  Before handing one out it looks
(at most every ``check_every`` seconds) whether the published snapshot changed; if so,
a new *generation* starts and the readers of the old one are closed when returned.
``generation`` also keys the server's answer cache.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Workspace
from ..store.workspace import CATALOGUE, SNAPSHOT


def catalogue_stamp(path: Path) -> tuple:
    """What changes when a writer publishes: size, modification time and inode of the
    published snapshot (and of the catalogue, for a workspace that has no snapshot yet)."""
    out = []
    for f in (path / SNAPSHOT, path / CATALOGUE):
        try:
            st = f.stat()
        except FileNotFoundError:
            out.append(None)
        else:
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


@dataclass(slots=True)
class _Generation:
    number: int
    stamp: tuple
    idle: list[Workspace] = field(default_factory=list)
    retired: bool = False


class Workspaces:
    """The readers of the workspace at ``path`` (see the module text)."""

    def __init__(self, path: str | Path, *, check_every: float = 0.25):
        self.path = Path(path).expanduser()
        self.check_every = check_every
        self._lock = threading.Lock()
        self._current = _Generation(0, ())
        self._checked = float("-inf")

    def _refresh(self) -> _Generation:
        with self._lock:
            cur = self._current
            if time.monotonic() - self._checked < self.check_every:
                return cur
            self._checked = time.monotonic()
            stamp = catalogue_stamp(self.path)
            if stamp == cur.stamp:
                return cur
            new = _Generation(cur.number + 1, stamp)
            self._current = new
            cur.retired = True
            idle, cur.idle = cur.idle, []
        for ws in idle:
            ws.close()
        return new

    @property
    def generation(self) -> int:
        """The number of the current snapshot (a new one after every publication seen)."""
        return self._refresh().number

    def refresh(self) -> None:
        """Look at the published snapshot now (after a write of this process)."""
        with self._lock:
            self._checked = float("-inf")
        self._refresh()

    @contextlib.contextmanager
    def lease(self) -> Iterator[Workspace]:
        """A read-only :class:`Workspace` for one request."""
        gen = self._refresh()
        with self._lock:
            ws = gen.idle.pop() if gen.idle else None
        if ws is None:
            ws = Workspace.open(self.path, read_only=True)
        try:
            yield ws
        finally:
            with self._lock:
                keep = not gen.retired
                if keep:
                    gen.idle.append(ws)
            if not keep:
                ws.close()

    def prime(self) -> None:
        """Open a reader of the current snapshot before any request asks (its DuckDB
        database, Ibis backend and the schema of its flow table) and keep it for the first
        request (the server's warm-up)."""
        with self.lease() as ws:
            ws.flows()

    def close(self) -> None:
        with self._lock:
            gen = self._current
            gen.retired = True
            idle, gen.idle = gen.idle, []
        for ws in idle:
            ws.close()
