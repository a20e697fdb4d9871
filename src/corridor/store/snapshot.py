"""Read-only snapshots of a workspace's catalogue, for a long-running reader (the server).

DuckDB lets one process write a database file, and a process that holds the file open
(even read-only) keeps every writer out.  A server that kept ``corridor.duckdb`` open would
lock out every ``corridor ingest``; one that opened it for each request would fail while
an ingest runs (the writer holds the file for the whole ingest).

A :class:`Snapshots` object does neither.  It copies the two small catalogue tables
(``provenance``, ``coverage``) into an in-memory DuckDB database, holding the file's
shared lock for the few milliseconds of the copy, and answers every query from that copy
and the Parquet files it names.  Those files are immutable and an ingest moves new ones
into ``flows/`` only inside the transaction that records them, so a snapshot never sees a
half-written release.  Before a request it looks (at most every ``check_every`` seconds)
whether the catalogue file changed; if so it takes a new snapshot, and if a writer holds
the file it keeps serving the last one, trying again on a later request.  Only when
there is no snapshot yet and the file stays locked for ``wait`` seconds does it raise
:class:`corridor.errors.WorkspaceError` (the server says "busy", status 503).

Each request gets a :class:`~corridor.store.Workspace` of its own over a cursor of the
snapshot's database (DuckDB connections are not shared between threads), taken from a
pool so that its views and Ibis backend are built once per thread and snapshot.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..errors import WorkspaceError
from .workspace import CATALOGUE, Workspace, is_lock_error

#: the tables a snapshot copies; everything else a query reads is Parquet under flows/
CATALOGUE_TABLES = ("provenance", "coverage")


def catalogue_stamp(path: Path) -> tuple:
    """What changes when the catalogue does: size, modification time and inode of the
    database file and of its write-ahead log (absent files give ``None``)."""
    out = []
    for f in (path / CATALOGUE, path / (CATALOGUE + ".wal")):
        try:
            st = f.stat()
        except FileNotFoundError:
            out.append(None)
        else:
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


@dataclass(slots=True)
class _Snapshot:
    stamp: tuple
    generation: int
    db: duckdb.DuckDBPyConnection
    pool: list[Workspace] = field(default_factory=list)
    in_use: int = 0
    closed: bool = False


class Snapshots:
    """The current read-only snapshot of the workspace at ``path`` (see the module text).

    ``generation`` grows by one with every new snapshot: a cache keyed by it never serves
    an answer computed before the latest ingest the server has seen.
    """

    def __init__(self, path: str | Path, *, check_every: float = 0.25, wait: float = 10.0):
        self.path = Path(path).expanduser()
        self.check_every = check_every
        self.wait = wait
        self._lock = threading.Lock()
        self._current: _Snapshot | None = None
        self._checked = 0.0
        self._generation = 0

    # -- taking snapshots --------------------------------------------------------------
    def _take(self, stamp: tuple) -> _Snapshot:
        db_file = self.path / CATALOGUE
        if not db_file.exists():
            raise WorkspaceError(
                "no corridor workspace is being served here yet (no catalogue); "
                "load data with `corridor ingest` or POST /api/v1/ingest"
            )
        db = duckdb.connect(":memory:")
        try:
            db.execute("SET enable_progress_bar = false")
            quoted = str(db_file.absolute()).replace("'", "''")
            db.execute(f"ATTACH '{quoted}' AS catalogue (READ_ONLY)")
            try:
                for table in CATALOGUE_TABLES:
                    db.execute(f"CREATE TABLE {table} AS SELECT * FROM catalogue.{table}")
            finally:
                db.execute("DETACH catalogue")
        except BaseException:
            db.close()
            raise
        self._generation += 1
        return _Snapshot(stamp=stamp, generation=self._generation, db=db)

    def refresh(self, *, force: bool = False) -> _Snapshot:
        """The current snapshot, after taking a new one if the catalogue changed (looked
        at most every ``check_every`` seconds unless ``force``)."""
        now = time.monotonic()
        cur = self._current
        if cur is not None and not force and now - self._checked < self.check_every:
            return cur
        with self._lock:
            cur = self._current
            self._checked = time.monotonic()
            stamp = catalogue_stamp(self.path)
            if cur is not None and stamp == cur.stamp and not force:
                return cur
            deadline = time.monotonic() + self.wait
            delay = 0.01
            while True:
                try:
                    new = self._take(stamp)
                    break
                except duckdb.Error as exc:
                    if not is_lock_error(exc):
                        raise WorkspaceError(f"cannot read the workspace catalogue: {exc}") from exc
                    if cur is not None:  # a writer holds the file: keep serving the last snapshot
                        return cur
                    if time.monotonic() >= deadline:
                        raise WorkspaceError(
                            "the workspace is busy: another process (an ingest) holds it; try again shortly"
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
            self._current = new
            if cur is not None:
                self._retire(cur)
            return new

    @property
    def generation(self) -> int:
        """The generation of the current snapshot (refreshed if the catalogue changed)."""
        return self.refresh().generation

    # -- using them --------------------------------------------------------------------
    @contextlib.contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """A read-only :class:`Workspace` over the current snapshot, for one request."""
        with self._lock:
            snap = self._current if self._current is not None and self._fresh() else None
        if snap is None:
            snap = self.refresh()
        with self._lock:
            snap.in_use += 1
            ws = snap.pool.pop() if snap.pool else None
        try:
            if ws is None:
                ws = Workspace.over(self.path, snap.db.cursor())
            yield ws
        finally:
            with self._lock:
                snap.in_use -= 1
                if ws is not None:
                    if snap.closed:
                        ws.close()
                    else:
                        snap.pool.append(ws)
                if snap.closed and snap.in_use == 0:
                    snap.db.close()

    def _fresh(self) -> bool:
        return time.monotonic() - self._checked < self.check_every

    def _retire(self, snap: _Snapshot) -> None:
        """Close an old snapshot (caller holds the lock): its idle workspaces now, the
        ones in use when they are returned, its database after the last of them."""
        snap.closed = True
        idle, snap.pool = snap.pool, []
        for ws in idle:
            ws.close()
        if snap.in_use == 0:
            snap.db.close()

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
                self._current = None
