"""The workspace: canonical flows as Parquet files plus a DuckDB catalogue, read via Ibis.

Layout of a workspace directory::

    corridor.duckdb        catalogue: ``provenance`` (one row per ingest) and
                           ``coverage`` (what each ingest covers, at the coverage grain)
    flows/<ingest>.parquet the canonical rows of one ingest (immutable once written)
    tmp/                   staging area; anything here is debris of an interrupted ingest

An ingest is atomic: rows are staged to ``tmp/``, checked, and only then moved into
``flows/`` inside the catalogue transaction that records their provenance.  A failure at
any point (bad input, conflict, interruption, full disk) leaves the catalogue and the
visible flows exactly as they were; stray staged files are removed on the next open.

Queries see the *latest* release of every source at the coverage grain (source,
reporter, partner, flow, period, classification, product level) unless asked for a
given release; older releases stay stored beside the newer ones.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from .. import __version__, messages
from ..errors import InputError, Problem, WorkspaceError, unreadable_file
from ..messages import Message, library_detail
from ..schema import CLASSIFICATIONS, COVERAGE_COLUMNS, FLOW_COLUMNS, FLOW_DUCKDB_TYPES, KEY_COLUMNS
from ..schema import ParsedSource
from ..util import sha256_file, sql_str
from . import validate
from .revisions import restatement_notes, revision_notes
from .sums import exact_sum_sql

if TYPE_CHECKING:  # Ibis is imported on first query: an ingest only needs DuckDB (~0.7 s less start-up)
    import ibis

    from . import datasets

CATALOGUE = "corridor.duckdb"
#: how many names an error lists before it gives a count
SHOWN = 20
#: the catalogue's last committed state, published by the writer for readers
SNAPSHOT = "corridor.snapshot.duckdb"
#: held (flock) by the one process that may change the workspace; holds its pid
LOCK = "corridor.lock"
#: how long a writer waits for another writer by default (seconds)
WRITE_WAIT = 60.0
#: catalogue tables a snapshot carries (``datasets`` exists once a dataset was ingested)
SNAPSHOT_TABLES: tuple[str, ...] = ("provenance", "coverage", "removals", "datasets")
#: the snapshot's table of superseded coverage cells (computed by the writer at publication)
SUPERSEDED = "superseded"
#: names of the Parquet files corridor writes: <source>-<release>-<16 hex>.parquet
INGEST_FILE = re.compile(r"[A-Za-z0-9._]+-[A-Za-z0-9._]+-[0-9a-f]{16}\.parquet")
HS_CLASSIFICATIONS = frozenset(CLASSIFICATIONS) - {"TOTAL"}

_PROVENANCE_DDL = """
CREATE TABLE IF NOT EXISTS provenance (
    ingest_id     VARCHAR PRIMARY KEY,
    source        VARCHAR NOT NULL,
    dataset       VARCHAR,
    release       VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    file_path     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    file_bytes    BIGINT NOT NULL,
    rows_read     BIGINT,
    rows_stored   BIGINT NOT NULL,
    rows_already_stored BIGINT NOT NULL,
    parquet       VARCHAR,
    ingested_at   TIMESTAMPTZ NOT NULL,
    corridor_version VARCHAR NOT NULL,
    notes         VARCHAR,
    constants     VARCHAR,
    reading       VARCHAR,
    parquet_bytes BIGINT,
    parquet_sha256 VARCHAR,
    note_keys     VARCHAR
)
"""

#: Ingests taken out of the workspace (``corridor remove``, a corrected re-ingest,
#: ``corridor doctor --repair``): what they were and why they went.
_REMOVALS_DDL = """
CREATE TABLE IF NOT EXISTS removals (
    ingest_id     VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    release       VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    rows_stored   BIGINT NOT NULL,
    ingested_at   TIMESTAMPTZ NOT NULL,
    removed_at    TIMESTAMPTZ NOT NULL,
    reason        VARCHAR NOT NULL,
    corridor_version VARCHAR NOT NULL,
    reason_key    VARCHAR
)
"""

#: How long the files of a removed ingest stay on disk after the removal is committed, so
#: that a reader opened before it (a server's request, a long command) can finish on the
#: snapshot it holds: a writer's sweep deletes them once this has passed.  The same idea as
#: Delta Lake's VACUUM retention (files no longer in the table kept for concurrent readers).
REMOVED_RETENTION = _dt.timedelta(hours=1)

#: the most values :meth:`Workspace.catalogue_memo` keeps (one per pair and years asked for)
CATALOGUE_MEMO = 256
_T = TypeVar("_T")

#: The catalogue tables every workspace has (a reader of an older catalogue gets them empty).
CATALOGUE_TABLES = ("provenance", "coverage", "removals")

_COVERAGE_DDL = (
    "CREATE TABLE IF NOT EXISTS coverage (ingest_id VARCHAR NOT NULL, release VARCHAR NOT NULL, release_key VARCHAR, "
    + ", ".join(f"{c} {FLOW_DUCKDB_TYPES[c]} NOT NULL" for c in COVERAGE_COLUMNS)
    + ", rows BIGINT NOT NULL, value_usd DOUBLE NOT NULL)"
)


#: How staged and stored Parquet files are written.  Snappy rather than zstd: on a
#: 10M-row BACI year the write took ~15% less time for a file ~30% larger, and reads as
#: fast or faster.  Row groups of 100k rows: the rows of a BACI year are sorted by reporter
#: and partner, so a query of one pair (the monitor) reads one row group of each side per
#: file; with 500k rows a group it decoded five times as many reporter and partner values
#: (33 ms against 15 ms of CPU per 10M-row year, measured 2026-12-07; a whole-file scan
#: no slower, the file 2% larger).
PARQUET_OPTIONS = "COMPRESSION snappy, ROW_GROUP_SIZE 100000"


@dataclass(frozen=True, slots=True)
class _Staged:
    """One input of an ingest after staging: its hash and size, the staged Parquet file
    (None when the file is already stored) and the per-file constant columns."""

    sha256: str
    size: int
    file: Path | None
    constants: dict = field(default_factory=dict)
    #: the staged file's statistics prove the per-row content rules
    prechecked: bool = False


def _digest(future: Future, path: Path) -> str:
    try:
        return future.result()
    except OSError as exc:
        raise unreadable_file(path, exc) from exc


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did.  ``status`` is ``stored`` or ``unchanged`` (same file already in)."""

    status: str
    ingest_id: str
    source: str
    release: str
    file: str
    sha256: str
    rows_read: int | None
    rows_stored: int
    rows_already_stored: int
    notes: tuple[str, ...] = ()


class Workspace:
    """A corridor workspace directory.  Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection):
        """Internal: ``con`` is the catalogue's DuckDB connection (use :meth:`open`)."""
        self.path = path
        self._con = con
        self._ibis: ibis.BaseBackend | None = None
        self._lock: _WriteLock | None = None
        self._verify = True
        #: stored files found missing or cut at opening: (ingest_id, parquet, problem,
        #: bytes found, bytes recorded) with problem ``missing``, ``truncated`` or ``changed``
        self.damaged: list[tuple[str, str, str, int | None, int | None]] = []
        #: opened with ``read_only=True``: a reader of the last published snapshot
        self.read_only = False
        #: a reader whose snapshot holds the superseded cells (see :meth:`_publish`)
        self._published_superseded = False
        #: the Ibis table of the ``flows_all`` view (made on first use, after every refresh)
        self._flows_all: ibis.Table | None = None
        #: values read from the catalogue alone, kept until it changes (:meth:`catalogue_memo`)
        self._catalogue_memo: dict[Hashable, Any] = {}

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False,
             wait: float = WRITE_WAIT, on_wait: Callable[[int | None], None] | None = None,
             verify: bool = True) -> Workspace:
        """Open (and by default create) the workspace at ``path``.

        ``read_only=True`` is the entry point of every reader: it reads the catalogue's
        last published snapshot into memory and holds no lock, so any number of readers
        and one writer work at once (see the module docstring).  A writer takes the
        workspace's write lock, waiting at most ``wait`` seconds for another writer to
        finish (``on_wait(pid)`` is called once when it starts waiting), then fails with a
        :class:`WorkspaceError` naming the holder.

        A stored Parquet file that is missing or whose size is not the size recorded at
        its ingest is a :class:`WorkspaceError` pointing at ``corridor doctor``;
        ``verify=False`` (what the doctor uses) opens the workspace without those files
        and lists them in :attr:`damaged`.
        """
        path = Path(path).expanduser()
        if read_only:
            return cls._open_reader(path, wait=wait, verify=verify)
        db = path / CATALOGUE
        existed = db.exists()
        if not existed:
            if (path / "flows").is_dir() and any((path / "flows").iterdir()):
                raise WorkspaceError(Message("ws_foreign_flows", path=str(path), catalogue=CATALOGUE))
            if not create:
                raise _no_workspace(path)
            try:
                (path / "flows").mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(Message("ws_cannot_create", path=str(path), detail=library_detail(exc))) from exc
        lock = _WriteLock.acquire(path, wait=wait, on_wait=on_wait)
        try:
            con = _connect(db, wait=wait)
        except BaseException:
            lock.release()
            raise
        return cls._prepared(path, con, lock=lock, existed=existed, verify=verify)

    @classmethod
    def _prepared(cls, path: Path, con: duckdb.DuckDBPyConnection, *, lock: _WriteLock | None,
                  existed: bool, verify: bool = True, published_superseded: bool = False) -> Workspace:
        """The workspace over ``con``: a writer with its ``lock``, or a reader (no lock)."""
        ws = cls(path, con)
        ws._lock = lock
        ws._published_superseded = published_superseded
        ws._verify = verify
        ws.read_only = lock is None
        try:
            ws._prepare(existed=existed, read_only=ws.read_only)
        except BaseException:
            ws.close()
            raise
        return ws

    @classmethod
    def _open_reader(cls, path: Path, *, wait: float, verify: bool = True) -> Workspace:
        """A reader: the catalogue tables copied from the newest published snapshot into
        an in-memory DuckDB database, but for ``coverage``, read in place from the
        snapshot (see below; a workspace written before snapshots existed is read from its
        catalogue, opened read-only, once no writer holds it, every table copied)."""
        db, snap = path / CATALOGUE, path / SNAPSHOT
        if not db.exists() and not snap.exists():
            raise _no_workspace(path)
        con = duckdb.connect(":memory:")
        in_place = False
        try:
            deadline = time.monotonic() + wait
            while True:
                source = snap if snap.exists() else db
                try:
                    con.execute(f"ATTACH {sql_str(str(source.absolute()))} AS _catalogue (READ_ONLY)")
                    break
                except duckdb.Error as exc:
                    if source == snap or "lock" not in str(exc).lower() or time.monotonic() > deadline:
                        raise WorkspaceError(_lock_message(path, exc) if "lock" in str(exc).lower()
                                             else Message("ws_cannot_read_catalogue", path=str(source), detail=library_detail(exc))) from exc
                    time.sleep(0.1)
            # a published snapshot is never written again (a new one is renamed over it,
            # and the open file stays readable): the reader reads it where it is, through
            # views, instead of copying it.  The catalogue itself (a workspace written
            # before snapshots existed) is copied and let go, for a writer to open it.
            in_place = source == snap
            try:
                have = _tables_of(con, "_catalogue")
                kind = "VIEW" if in_place else "TABLE"
                for table in have:
                    con.execute(f"CREATE {kind} {table} AS SELECT * FROM _catalogue.{table}")
                for table, ddl in zip(CATALOGUE_TABLES, (_PROVENANCE_DDL, _COVERAGE_DDL, _REMOVALS_DDL)):
                    if table not in have:  # a catalogue older than a table reads as that table empty
                        con.execute(ddl)
                published = in_place and SUPERSEDED in _table_names(con, "_catalogue")
                if published:
                    con.execute(f"CREATE VIEW superseded AS SELECT * FROM _catalogue.{SUPERSEDED}")
            finally:
                if not in_place:
                    con.execute("DETACH _catalogue")
        except duckdb.Error as exc:
            con.close()
            raise WorkspaceError(Message("ws_cannot_read_catalogue_of", path=str(path), detail=library_detail(exc))) from exc
        except BaseException:
            con.close()
            raise
        return cls._prepared(path, con, lock=None, existed=True, verify=verify, published_superseded=published)


    def _prepare(self, *, existed: bool, read_only: bool) -> None:
        """Settings, catalogue tables and views of a freshly opened connection."""
        # DuckDB draws a progress bar on stdout for long queries: it would corrupt JSON/CSV output
        self._raw.execute("SET enable_progress_bar = false")
        # the settings Ibis gives its own DuckDB connections, from the start (the Ibis
        # backend over this connection is made on first use, see `backend`)
        self._raw.execute("SET TimeZone = 'UTC'")
        self._raw.execute("SET python_enable_replacements = false")
        if not read_only:
            for ddl in (_PROVENANCE_DDL, _COVERAGE_DDL, _REMOVALS_DDL):
                self._raw.execute(ddl)
            # catalogues written before these columns existed
            for column in ("constants VARCHAR", "reading VARCHAR", "parquet_bytes BIGINT", "parquet_sha256 VARCHAR",
                           "note_keys VARCHAR"):
                self._raw.execute(f"ALTER TABLE provenance ADD COLUMN IF NOT EXISTS {column}")
            self._raw.execute("ALTER TABLE coverage ADD COLUMN IF NOT EXISTS release_key VARCHAR")
            self._raw.execute("ALTER TABLE removals ADD COLUMN IF NOT EXISTS reason_key VARCHAR")
            for (rel,) in self._raw.execute("SELECT DISTINCT release FROM coverage WHERE release_key IS NULL").fetchall():
                self._raw.execute("UPDATE coverage SET release_key = ? WHERE release = ?", [release_key(rel), rel])
            if existed:
                self._sweep()
            # always: a writer killed between its commit and its publication left it stale
            self._publish()
        self._refresh_views()

    def _publish(self) -> None:
        """Write the catalogue's committed state to a new snapshot file and rename it over
        the previous one (atomic): readers opened from now on see this state."""
        tmp = self.path / f"{SNAPSHOT}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        self._raw.execute(f"ATTACH {sql_str(str(tmp.absolute()))} AS _snapshot")
        try:
            for table in _tables_of(self._raw, None):
                self._raw.execute(f"CREATE TABLE _snapshot.{table} AS SELECT * FROM {table}")
            # computed once here rather than by every reader that opens the snapshot
            self._raw.execute(f"CREATE TABLE _snapshot.{SUPERSEDED} AS {_superseded_sql('coverage')}")
        finally:
            self._raw.execute("DETACH _snapshot")
        os.replace(tmp, self.path / SNAPSHOT)

    def _writable(self) -> None:
        if self.read_only:
            raise WorkspaceError(Message("ws_read_only", path=str(self.path)))

    def close(self) -> None:
        try:
            if self._ibis is not None:
                self._ibis.disconnect()
            else:
                self._con.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backend(self) -> ibis.BaseBackend:
        """The Ibis DuckDB backend over the catalogue's connection (for advanced queries),
        made on first use."""
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.from_connection(self._con)
        return self._ibis

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The catalogue's DuckDB connection, which importers read their input with."""
        return self._con

    _raw = connection

    def _sweep(self) -> None:
        """Remove debris of interrupted ingests: staged files and unreferenced Parquet."""
        shutil.rmtree(self.path / "tmp", ignore_errors=True)
        for f in self.path.glob(f"{SNAPSHOT}.*.tmp"):  # a snapshot being written when a writer died
            f.unlink(missing_ok=True)
        self._sweep_removed()

    def recently_removed(self) -> frozenset[str]:
        """Ids of the ingests removed less than :data:`REMOVED_RETENTION` ago, whose files
        are kept for the readers opened before their removal."""
        since = _dt.datetime.now(_dt.timezone.utc) - REMOVED_RETENTION
        return frozenset(r[0] for r in self._raw.execute(
            "SELECT ingest_id FROM removals WHERE removed_at > ?", [since]).fetchall())

    def _sweep_removed(self) -> None:
        """Delete the Parquet files no catalogue row refers to (of ingests interrupted, or
        removed more than :data:`REMOVED_RETENTION` ago); a removed ingest's file is kept
        until then, so that a reader holding an earlier snapshot can still read it."""
        keep = self.recently_removed()
        known = {r[0] for r in self._raw.execute("SELECT parquet FROM provenance WHERE parquet IS NOT NULL").fetchall()}
        flows_dir = self.path / "flows"
        flows_dir.mkdir(exist_ok=True)
        for f in flows_dir.glob("*.parquet"):
            # only files named like corridor's ingests: never a file someone else put here
            if INGEST_FILE.fullmatch(f.name) and f"flows/{f.name}" not in known and f.stem not in keep:
                f.unlink(missing_ok=True)
        from . import datasets, months

        datasets.sweep(self, keep=keep)
        months.sweep(self, keep=keep)

    # -- reading -----------------------------------------------------------------------
    def catalogue_memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()``, a value read from this workspace's catalogue alone (never from a
        stored file, never a result of the data), kept under ``key`` until the catalogue
        changes: every ingest or removal (committed or rolled back) clears the memo, and a
        reader's snapshot never changes.  At most :data:`CATALOGUE_MEMO` keys (the oldest
        dropped first).  A metadata cache (e.g. the coverage cells of a pair,
        :func:`corridor.store.months.cached_months`), not a cache of answers."""
        memo = self._catalogue_memo
        try:
            return memo[key]
        except KeyError:
            pass
        value = compute()
        while len(memo) >= CATALOGUE_MEMO:
            memo.pop(next(iter(memo)), None)
        memo[key] = value
        return value

    def parquet_files(self) -> list[Path]:
        """The Parquet files of every stored ingest (all releases)."""
        return [f for f, _ in self._stored_files()]

    def product_classifications(self) -> tuple[str, ...]:
        """The HS classifications of the stored product lines (HS2, HS4 or HS6 rows), sorted,
        from the catalogue's coverage (no stored file is read)."""
        return tuple(c for (c,) in self.connection.execute(
            "SELECT DISTINCT classification FROM coverage WHERE product_level IN ('hs2', 'hs4', 'hs6') "
            "ORDER BY classification").fetchall())

    def _stored_files(self, where: str = "true", params: list | None = None) -> list[tuple[Path, dict]]:
        """(Parquet file, per-file constant columns) of the stored ingests matching ``where``."""
        rows = self._raw.execute(
            f"SELECT parquet, constants FROM provenance WHERE parquet IS NOT NULL AND ({where}) "
            # by id (derived from the content), not time: workspaces built in different
            # orders read their files in the same order
            "ORDER BY ingest_id", params or []
        ).fetchall()
        return [(self.path / r[0], json.loads(r[1]) if r[1] else {}) for r in rows]

    def _intact_files(self) -> list[tuple[Path, dict]]:
        """The stored files (as :meth:`_stored_files`) that are where the catalogue says,
        at the size it recorded; the others go to :attr:`damaged` and, unless the
        workspace was opened with ``verify=False``, are a :class:`WorkspaceError`."""
        rows = self._raw.execute(
            "SELECT ingest_id, parquet, constants, parquet_bytes FROM provenance WHERE parquet IS NOT NULL "
            "ORDER BY ingest_id").fetchall()
        intact, damaged = [], []
        for iid, rel, consts, size in rows:
            f = self.path / rel
            try:
                got = f.stat().st_size
            except OSError:
                damaged.append((iid, rel, "missing", None, size))
                continue
            if size is not None and got != size:
                damaged.append((iid, rel, "truncated" if got < size else "changed", got, size))
                continue
            intact.append((f, json.loads(consts) if consts else {}))
        self.damaged = damaged
        if damaged and self._verify:
            shown = [Message("ws_damaged_file_size", file=rel, problem=problem, got=got, size=size) if got is not None
                     else Message("ws_damaged_file", file=rel, problem=problem)
                     for _, rel, problem, got, size in damaged[:SHOWN]]
            more = Message("ws_and_more", n=len(damaged) - SHOWN) if len(damaged) > SHOWN else ""
            raise WorkspaceError(Message("ws_damaged", path=str(self.path), n=len(damaged), shown=shown, more=more))
        return intact

    def _refresh_views(self) -> None:
        files = self._intact_files()
        if files:
            body = "\nUNION ALL\n".join(file_select(f, c) for f, c in files)
        else:
            body = "SELECT " + ", ".join(
                f"CAST(NULL AS {FLOW_DUCKDB_TYPES[c]}) AS {c}" for c in FLOW_COLUMNS
            ) + " WHERE false"
        self._raw.execute(f"CREATE OR REPLACE TEMP VIEW flows_all AS {body}")
        self._flows_all = None
        self._catalogue_memo.clear()
        # A TEMP table, not a view: every query of flows() reads it, and it only changes
        # when the catalogue does (here).  A reader of a snapshot that holds it (written
        # by the writer at publication) reads it from there.
        if not self._published_superseded:
            self._raw.execute(f"CREATE OR REPLACE TEMP TABLE superseded AS {_superseded_sql('coverage')}")
        self._superseded = self._raw.execute("SELECT count(*) FROM superseded").fetchall()[0][0]

    def flows(self, *, releases: Mapping[str, str] | None = None) -> ibis.Table:
        """The canonical flow table (Ibis), latest release of each source by default.

        ``releases`` maps a source to the release to use instead of the latest, e.g.
        ``{"baci": "V202301"}``, or to a vintage of content labels (``{"wits":
        "2015-2024"}``: every file labelled ``2015-2024-<hash>``, one download).
        """
        if self._flows_all is None:  # Ibis reads the view's schema (every file's footer): once per state
            self._flows_all = self.backend.table("flows_all")
        t = self._flows_all
        releases = {src: self._release_labels(src, rel) for src, rel in (releases or {}).items()}
        if releases:
            import ibis

            pinned = ibis.literal(False)
            for src, labels in releases.items():
                pinned = pinned | ((t.source == src) & t.release.isin(labels))
            others = ~t.source.isin(list(releases))
        latest = t
        if self._superseded:
            sup = self.backend.table("superseded")
            latest = t.anti_join(sup, ["ingest_id", *COVERAGE_COLUMNS])
        if releases:
            return latest.filter(others).union(t.filter(pinned))
        return latest

    def _release_labels(self, source: str, release: str) -> list[str]:
        """The stored release labels of ``source`` that ``release`` names: the label
        itself, else every content label of that vintage (``2015-2024`` names
        ``2015-2024-3fa9c2d1``, ``2015-2024-0b1c2d3e``...).  None is a :class:`QueryError`
        listing the stored releases."""
        have = sorted(r for (r,) in self._raw.execute(
            "SELECT DISTINCT release FROM provenance WHERE source = ?", [source]).fetchall())
        if release in have:
            return [release]
        of_vintage = [r for r in have if re.fullmatch(re.escape(release) + r"-[0-9a-f]{8}", r)]
        if not of_vintage:
            from ..errors import QueryError

            raise QueryError(Message("ws_no_release", release=release, source=source,
                                     have=", ".join(have[:SHOWN]) or Message("web_none"),
                                     more=Message("ws_and_more", n=len(have) - SHOWN) if len(have) > SHOWN else ""))
        return of_vintage

    def flows_on(self, backend: ibis.BaseBackend) -> ibis.Table:
        """The same latest-release flow table, read by another Ibis backend (e.g. PySpark
        from :func:`corridor.indicators.engines.connect`) straight from the Parquet files.

        The release choice is made here from the catalogue, so both engines see the same rows.
        """
        files = self._stored_files()
        if not files:
            from ..errors import QueryError

            raise QueryError(Message("ws_no_flows", path=str(self.path)))
        import ibis

        parts = []
        for f, consts in files:
            part = backend.read_parquet(str(f))
            values = {
                c: ibis.literal(v, type=IBIS_TYPES[c]) if v is not None else ibis.null(IBIS_TYPES[c])
                for c, v in consts.items()
            }
            if consts.get("quantity_unit") is not None and "quantity" not in consts:  # see file_select
                values["quantity_unit"] = part.quantity.isnull().ifelse(ibis.null(IBIS_TYPES["quantity_unit"]), values["quantity_unit"])
            part = part.mutate(**values)
            parts.append(part.select(*FLOW_COLUMNS).cast({c: IBIS_TYPES[c] for c in FLOW_COLUMNS}))
        t = parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)
        sup = self._raw.sql("SELECT * FROM superseded").to_arrow_table()
        if sup.num_rows:
            t = t.anti_join(ibis.memtable(sup), ["ingest_id", *COVERAGE_COLUMNS])
        return t

    def provenance(self) -> ibis.Table:
        """One row per ingest: source, release, file, SHA-256, row counts, time, notes."""
        return self.backend.table("provenance")

    def coverage(self) -> ibis.Table:
        return self.backend.table("coverage")

    def is_empty(self) -> bool:
        return not self._raw.execute("SELECT count(*) FROM provenance").fetchall()[0][0]

    # -- writing -----------------------------------------------------------------------
    def ingest_dataset(self, dataset: datasets.Dataset) -> IngestReport:
        """Store a non-flow dataset (a roadmap, a deal ledger) atomically with its provenance
        (:mod:`corridor.store.datasets`)."""
        from . import datasets

        return datasets.ingest_dataset(self, dataset)

    def ingest(self, parsed: ParsedSource, *, allow_unknown_codes: bool = False) -> IngestReport:
        """Check ``parsed`` and store it atomically with its provenance (see :meth:`ingest_many`)."""
        return self.ingest_many([parsed], allow_unknown_codes=allow_unknown_codes)[0]

    def ingest_many(self, parsed: list[ParsedSource], *, allow_unknown_codes: bool = False) -> list[IngestReport]:
        """Check and store several files as one all-or-nothing operation.

        The same file (same source, release and SHA-256) ingested again changes nothing.
        Rows identical to rows already stored for the same source and release (also by an
        earlier file of the same call) are not stored twice (``rows_already_stored``); a
        row that contradicts a stored row of the same source and release is an error.  If
        any file fails, nothing of the call is stored.
        """
        self._writable()
        con = self._raw
        tmp_dir = self.path / "tmp"
        tmp_dir.mkdir(exist_ok=True)
        moved: list[Path] = []
        reports: list[IngestReport] = []
        try:
            # staging writes only files under tmp/ and runs outside the transaction: a read
            # that fails there may be retried (see _stage), which an aborted DuckDB
            # transaction would not allow
            staged = [self._stage_one(item, tmp_dir) for item in parsed]
            con.execute("BEGIN TRANSACTION")  # before the first catalogue read of the checks
        except BaseException as exc:
            self._discard(tmp_dir, moved)
            if isinstance(exc, duckdb.Error):
                raise WorkspaceError(Message("ws_failed", what="ingest", detail=library_detail(exc))) from exc
            raise
        def work() -> None:
            for item, stage in zip(parsed, staged, strict=True):
                reports.append(self._ingest_one(item, stage, moved, allow_unknown_codes=allow_unknown_codes))

        self._in_transaction(work, undo=lambda: self._discard(tmp_dir, moved), what="ingest", begin=False)
        shutil.rmtree(tmp_dir, ignore_errors=True)
        return reports

    def _in_transaction(self, work: Callable[[], None], *, undo: Callable[[], None], what: str,
                        begin: bool = True) -> None:
        """Run ``work`` in one catalogue transaction (``begin=False``: already begun); on any failure roll back, ``undo`` the files and re-raise (an engine
        failure as a :class:`WorkspaceError`).  After the commit, delete the files of the
        ingests ``work`` dropped (:meth:`_drop_ingests`) and publish the new state."""
        con = self._raw
        self._doomed: list[Path] = []
        self._catalogue_memo.clear()  # (and again when the views are refreshed, after the commit or the undo)
        try:
            if begin:
                con.execute("BEGIN TRANSACTION")
            work()
            con.execute("COMMIT")
        except BaseException as exc:
            self._doomed = []
            self._catalogue_memo.clear()
            for stmt in ("ROLLBACK", "RESET preserve_insertion_order"):
                try:
                    con.execute(stmt)
                except duckdb.Error:  # e.g. a failed COMMIT already ended the transaction
                    pass
            undo()
            if isinstance(exc, duckdb.Error):  # an engine failure: say what happened, not a traceback
                raise WorkspaceError(Message("ws_failed", what=what, detail=library_detail(exc))) from exc
            raise
        # the dropped ingests' files stay for readers opened before this commit; a writer's
        # sweep deletes them once REMOVED_RETENTION has passed (and any left earlier now);
        # the doomed ones (damaged files, which no reader can read) go at once
        for f in self._doomed:
            f.unlink(missing_ok=True)
        self._doomed = []
        self._publish()
        self._refresh_views()
        self._sweep_removed()

    def _drop_ingests(self, ingest_ids: list[str], reason: str | Message, *, keep_files: bool = True) -> list[tuple]:
        """Inside a transaction: record ``ingest_ids`` in ``removals`` with ``reason`` and
        delete their catalogue rows.  Their files stay for the readers opened before (a
        writer's sweep deletes them after :data:`REMOVED_RETENTION`), unless ``keep_files``
        is false (damaged files: deleted after the commit).  Returns
        (ingest_id, source, release, file_name, rows_stored) of each."""
        con = self._raw
        ids = [[*ingest_ids]]
        gone = con.execute(
            "SELECT ingest_id, source, release, file_name, rows_stored, parquet FROM provenance "
            "WHERE ingest_id IN (SELECT unnest(?)) ORDER BY ingest_id", ids).fetchall()
        con.execute(
            "INSERT INTO removals SELECT ingest_id, source, release, file_name, sha256, rows_stored, ingested_at, "
            "?, ?, ?, ? FROM provenance WHERE ingest_id IN (SELECT unnest(?))",
            [_dt.datetime.now(_dt.timezone.utc), str(reason), __version__, reason_key(reason), *ids])
        con.execute("DELETE FROM coverage WHERE ingest_id IN (SELECT unnest(?))", ids)
        con.execute("DELETE FROM provenance WHERE ingest_id IN (SELECT unnest(?))", ids)
        if not keep_files:  # else kept for earlier readers until the retention has passed
            self._doomed += [self.path / r[5] for r in gone if r[5]]
        if "datasets" in _tables_of(con, None):  # a roadmap or ledger release: its row and file go too
            files = con.execute("SELECT parquet FROM datasets WHERE ingest_id IN (SELECT unnest(?))", ids).fetchall()
            con.execute("DELETE FROM datasets WHERE ingest_id IN (SELECT unnest(?))", ids)
            if not keep_files:
                self._doomed += [self.path / f for (f,) in files]
        return [r[:5] for r in gone]

    def remove(self, ingest_ids: list[str] | tuple[str, ...] = (), *, releases: Mapping[str, str] | None = None,
               reason: str | Message = Message("rm_by_user")) -> list[tuple]:
        """Take ingests out of the workspace, atomically, recording each in ``removals``
        (see :meth:`removals`): the ingests named, and every ingest of each ``source:
        release`` of ``releases``.  Returns (ingest_id, source, release, file_name,
        rows_stored) of each removed ingest.  Unknown ids or releases are a
        :class:`QueryError` and change nothing."""
        from ..errors import QueryError

        self._writable()
        con = self._raw
        ids = list(dict.fromkeys(ingest_ids))
        known = {r[0] for r in con.execute("SELECT ingest_id FROM provenance").fetchall()}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise QueryError(Message("ws_no_ingest", ids=", ".join(unknown[:SHOWN]),
                                     more=Message("ws_and_more", n=len(unknown) - SHOWN) if len(unknown) > SHOWN else ""))
        for src, rel in (releases or {}).items():
            found = [r[0] for r in con.execute(
                "SELECT ingest_id FROM provenance WHERE source = ? AND release IN (SELECT unnest(?)) ORDER BY ingest_id",
                [src, self._release_labels(src, rel)]).fetchall()]
            ids += [i for i in found if i not in ids]
        if not ids:
            raise QueryError(Message("ws_nothing_to_remove"))
        out: list[tuple] = []
        self._in_transaction(lambda: out.extend(self._drop_ingests(ids, reason)), undo=lambda: None, what="removal")
        return out

    def removals(self) -> ibis.Table:
        """One row per ingest taken out: what it was, when, and why."""
        return self.backend.table("removals")

    def _discard(self, tmp_dir: Path, moved: list[Path]) -> None:
        """Undo the files of a failed ingest: moved Parquet files and the staging area."""
        for f in moved:
            f.unlink(missing_ok=True)
        shutil.rmtree(tmp_dir, ignore_errors=True)
        try:
            self._refresh_views()
        except duckdb.Error:  # keep the original error, not this one
            pass

    def _stage_one(self, parsed: ParsedSource, tmp_dir: Path) -> _Staged:
        """Hash the input file and write its rows to ``tmp_dir`` (unless the same file of
        the same source and release is already stored).  The SHA-256 runs in a thread
        beside DuckDB's staging: both release the GIL."""
        path = Path(parsed.path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise unreadable_file(path, exc) from exc
        # a file stored before under the same path and size is most likely the same file:
        # hash it first, so that re-ingesting it costs a hash, not a staging
        seen = self._raw.execute(
            "SELECT count(*) FROM provenance WHERE source = ? AND release = ? AND file_path = ? AND file_bytes = ? "
            "AND coalesce(reading, '') = ?",
            [parsed.source, parsed.release, str(path.resolve()), size, parsed.reading],
        ).fetchall()[0][0]
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(sha256_file, path)
            if seen:
                sha = _digest(digest, path)
                if self._prior(parsed, sha):
                    return _Staged(sha, size, None)
            consts = self._constants(parsed)
            staged = tmp_dir / f"{path.name}-{os.getpid()}-{id(parsed):x}.parquet"
            try:
                _, prechecked = self._stage(parsed, staged, {**consts, "ingest_id": None})  # the id is a constant too, known after the hash
            finally:
                sha = _digest(digest, path)
        key = ingest_key(parsed.source, parsed.release, sha, parsed.reading)
        ingest_id = f"{_slug(parsed.source)}-{_slug(parsed.release)}-{key}"
        named = tmp_dir / f"{ingest_id}.parquet"
        if named.exists():  # the same file twice in one call: the second is unchanged
            staged.unlink(missing_ok=True)
            return _Staged(sha, size, None)
        staged.rename(named)  # within tmp/ (os.replace is kept for the move into flows/)
        return _Staged(sha, size, named, {**consts, "ingest_id": ingest_id}, prechecked)

    def _constants(self, parsed: ParsedSource) -> dict:
        return {k: v for k, v in parsed.constants.items() if k in FLOW_COLUMNS}

    def _prior(self, parsed: ParsedSource, sha: str) -> tuple | None:
        """The stored ingest of this very file read this very way, if any."""
        rows = self._raw.execute(
            "SELECT ingest_id, rows_read FROM provenance WHERE source = ? AND release = ? AND sha256 = ? "
            "AND coalesce(reading, '') = ?",
            [parsed.source, parsed.release, sha, parsed.reading],
        ).fetchall()
        return rows[0] if rows else None

    def _read_otherwise(self, parsed: ParsedSource, sha: str) -> list[str]:
        """Stored ingests of the same file (source, release, SHA-256) read another way
        (another mapping or importer options): a corrected re-ingest replaces them."""
        return [r[0] for r in self._raw.execute(
            "SELECT ingest_id FROM provenance WHERE source = ? AND release = ? AND sha256 = ? "
            "AND coalesce(reading, '') <> ? ORDER BY ingest_id",
            [parsed.source, parsed.release, sha, parsed.reading],
        ).fetchall()]

    def _ingest_one(self, parsed: ParsedSource, stage: _Staged, moved: list[Path], *,
                    allow_unknown_codes: bool) -> IngestReport:
        con = self._raw
        path = Path(parsed.path)
        sha, size = stage.sha256, stage.size
        prior = self._prior(parsed, sha)
        if prior or stage.file is None:
            if stage.file is not None:
                stage.file.unlink(missing_ok=True)
            iid, rr = prior if prior else (None, parsed.rows_read)
            return IngestReport("unchanged", iid, parsed.source, parsed.release, str(path), sha, rr, 0, 0,
                                (Message("already_ingested"),))
        staged, consts = stage.file, stage.constants
        ingest_id = consts["ingest_id"]
        replaced = self._read_otherwise(parsed, sha)
        if replaced:  # before the conflict check: the rows they hold are being corrected
            self._drop_ingests(replaced, Message("rm_read_otherwise", ingest_id=ingest_id))
        final = self.path / "flows" / staged.name
        staged_rel = f"({file_select(staged, consts)})"
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(sha256_file, staged)
            self._register_reference(staged_rel)
            # the ingest's coverage (rows and value by coverage cell) is counted once: the
            # economy checks read it, and it is what the catalogue records
            self._count_groups(staged, consts)
            self._check(parsed, staged_rel, allow_unknown_codes=allow_unknown_codes, constant_columns=frozenset(consts),
                        prechecked=stage.prechecked)
            already, restated, restated_notes = self._drop_already_stored(parsed, staged, consts, staged.parent)
            if already:
                self._count_groups(staged, consts)
            stored = con.execute(f"SELECT count(*) FROM {staged_rel}").fetchall()[0][0]
            notes = list(parsed.notes)
            if replaced:
                notes.append(Message("replaces", ids=", ".join(replaced)))
            if restated:
                notes.append(Message("restates", ids=", ".join(restated)))
                notes += restated_notes
            notes += revision_notes(con, source=parsed.source, release_key=order_key(parsed))
            if already:
                notes.append(Message("already_stored", n=int(already)))
            if allow_unknown_codes:
                notes += self._unknown_code_notes(staged_rel)
            parquet_bytes = staged.stat().st_size if stored else None
            # the stored file's hash (for `corridor doctor`) was taken while the checks ran,
            # unless dropping already-stored rows rewrote the file
            parquet_sha = (sha256_file(staged) if already else digest.result()) if stored else None
        con.execute(
            "INSERT INTO provenance (ingest_id, source, dataset, release, file_name, file_path, sha256, file_bytes, "
            "rows_read, rows_stored, rows_already_stored, parquet, ingested_at, corridor_version, notes, constants, "
            "reading, parquet_bytes, parquet_sha256, note_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ingest_id, parsed.source, parsed.dataset or None, parsed.release, path.name,
                str(path.resolve()), sha, size, parsed.rows_read, stored, already,
                f"flows/{final.name}" if stored else None,
                _dt.datetime.now(_dt.timezone.utc), __version__, "\n".join(notes) or None,
                json.dumps(consts, sort_keys=True), parsed.reading or None, parquet_bytes, parquet_sha, messages.dump(notes),
            ],
        )
        if stored:
            grain = ", ".join(COVERAGE_COLUMNS)
            con.execute(
                f"INSERT INTO coverage SELECT {sql_str(ingest_id)}, {sql_str(parsed.release)}, "
                f"{sql_str(order_key(parsed))}, {grain}, rows, value_usd FROM _stage_groups"
            )
            moved.append(final)  # before the move: an interruption inside os.replace is undone too
            os.replace(staged, final)
        else:
            staged.unlink(missing_ok=True)
        return IngestReport("stored", ingest_id, parsed.source, parsed.release, str(path), sha,
                            parsed.rows_read, stored, already, tuple(notes))

    def _stage(self, parsed: ParsedSource, staged: Path, consts: dict) -> tuple[str, bool]:
        """Write the importer's rows, less the per-file constant columns, to ``staged``;
        return the query they were read with and whether the statistics of the written
        file prove the per-row content rules (:func:`validate.proven_by_statistics`).

        The fast query (``sql``) is tried first; if DuckDB cannot read the input with it
        (e.g. a value its typed reader does not parse) and the importer gives a distinct
        ``line_sql``, the rows are staged from that one, whose error, if it fails too,
        names the line.  Columns the importer gives as ENUM are written as they are
        (Parquet dictionary columns, read back as VARCHAR); all others are cast to the
        canonical types.
        """
        con = self._raw
        stored = self._stored_constants(parsed, consts)
        # row order within an ingest carries no meaning: let DuckDB write in parallel
        con.execute("SET preserve_insertion_order = false")
        try:
            queries = [parsed.sql] + ([parsed.line_sql] if parsed.line_sql and parsed.line_sql != parsed.sql else [])
            for n, sql in enumerate(queries):
                try:
                    stats = self._copy(sql, staged, consts)
                    return sql, validate.proven_by_statistics(stats, stored)
                except duckdb.Error as exc:
                    if n == len(queries) - 1:
                        raise InputError(parsed.path, _duckdb_problem(exc)) from exc
            raise AssertionError("unreachable")
        finally:
            # line numbers (row_number() OVER ()) in the error path need the file order again
            con.execute("RESET preserve_insertion_order")

    def _stored_constants(self, parsed: ParsedSource, consts: Mapping[str, object]) -> dict[str, object]:
        """The per-file constants as they will be stored (cast to their canonical types by
        DuckDB, e.g. a month given as 12.5 is stored as 13), which is what the content
        rules must judge; a constant that does not cast is refused naming the file."""
        values = _stored_columns(consts)
        if not values:
            return dict(consts)
        try:
            row = self._raw.execute("SELECT " + _constant_columns_sql(values)).fetchall()[0]
        except duckdb.Error as exc:
            raise InputError(parsed.path, _duckdb_problem(exc)) from exc
        return {**consts, **dict(zip(values, row))}

    def _copy(self, sql: str, staged: Path, consts: dict) -> dict[str, dict[str, str]]:
        """COPY the canonical columns of ``sql`` (less ``consts``) to ``staged``; return
        the statistics DuckDB gathered while writing it, by column (``RETURN_STATS``)."""
        con = self._raw
        rel = con.sql(f"SELECT * FROM ({sql}) AS src")
        given = dict(zip(rel.columns, (str(t) for t in rel.types)))
        cols = ", ".join(
            c if given.get(c, "").startswith("ENUM") else f"CAST({c} AS {FLOW_DUCKDB_TYPES[c]}) AS {c}"
            for c in FLOW_COLUMNS if c not in consts
        )
        rows = con.execute(
            f"COPY (SELECT {cols} FROM ({sql}) AS src) "
            f"TO {sql_str(str(staged))} (FORMAT parquet, {PARQUET_OPTIONS}, RETURN_STATS)"
        ).fetchall()
        columns = rows[0][4] if rows and len(rows[0]) > 4 and isinstance(rows[0][4], dict) else {}
        return {name.strip('"'): dict(values) for name, values in columns.items()}

    def _with_constants(self, sql: str, consts: Mapping[str, object]) -> str:
        """``sql`` (an importer's query, with ``_line``) with its per-file constant columns
        replaced by the constants that are stored, so that a rule broken by a constant is
        found (and reported) over it like any other."""
        consts = _stored_columns(consts)
        if not consts:
            return f"({sql})"
        given = set(self._raw.sql(f"SELECT * FROM ({sql}) AS src").columns)
        present = [c for c in consts if c in given]
        exclude = f" EXCLUDE ({', '.join(present)})" if present else ""
        return f"(SELECT src.*{exclude}, {_constant_columns_sql(consts)} FROM ({sql}) AS src)"

    def _register_reference(self, staged_rel: str) -> None:
        """Register the reference codes the checks need as TEMP tables: all economy codes,
        and the product codes of the HS revisions that occur in ``staged`` (loading every
        revision would cost seconds for nothing)."""
        from .. import reference

        con = self._raw
        have = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name IN ('_ref_economies', '_ref_products')"
        ).fetchall()}
        # lists go in as parameters (DuckDB unnests them): building Arrow tables from
        # Python lists would import pandas, which an ingest otherwise never needs
        if "_ref_economies" not in have:
            con.execute("CREATE TEMP TABLE _ref_economies AS SELECT unnest(?::VARCHAR[]) AS code",
                        [sorted(reference.economy_codes())])
        if "_ref_products" not in have:
            con.execute("CREATE TEMP TABLE _ref_products (classification VARCHAR, level VARCHAR, code VARCHAR)")
        loaded = {r[0] for r in con.execute("SELECT DISTINCT classification FROM _ref_products").fetchall()}
        wanted = {r[0] for r in con.execute(
            f"SELECT DISTINCT classification FROM {staged_rel}"
        ).fetchall()}
        for cls in sorted(wanted - loaded - {"TOTAL", None}):
            if cls not in HS_CLASSIFICATIONS:
                continue  # an unknown classification is reported by the checks
            for level in ("section", "group", "hs2", "hs4", "hs6"):
                con.execute("INSERT INTO _ref_products SELECT ?, ?, unnest(?::VARCHAR[])",
                            [cls, level, sorted(reference.product_codes(cls, level))])

    def _count_groups(self, staged: Path, consts: Mapping[str, object]) -> None:
        """TEMP table ``_stage_groups``: the staged rows counted and summed by coverage cell.

        Grouped by the columns the file holds only (grouping by the per-file constants as
        well took twice as long); the constants are added to the few thousand cells."""
        held = [c for c in COVERAGE_COLUMNS if c not in consts]
        cells = ", ".join(c if c not in consts else f"{_constant_sql(c, consts[c])} AS {c}" for c in COVERAGE_COLUMNS)
        counted = (
            f"SELECT {', '.join(held)}{', ' if held else ''}count(*) AS rows, {exact_sum_sql('value_usd')} AS value_usd "
            f"FROM read_parquet({sql_str(str(staged))})" + (" GROUP BY ALL" if held else "")
        )
        self._raw.execute(
            f"CREATE OR REPLACE TEMP TABLE _stage_groups AS SELECT {cells}, rows, value_usd FROM ({counted}) "
            "WHERE rows > 0"
        )

    def _check(self, parsed: ParsedSource, staged_rel: str, *, allow_unknown_codes: bool,
               constant_columns: frozenset[str] = frozenset(), prechecked: bool = False) -> None:
        located = self._with_constants(parsed.line_sql or parsed.sql, self._constants(parsed))
        try:
            problems, total = validate.find_problems(
                self._raw, staged=staged_rel, located=located, allow_unknown_codes=allow_unknown_codes,
                constant_columns=constant_columns, groups="_stage_groups", prechecked=prechecked,
                release_products=parsed.release_products,
            )
        except duckdb.Error as exc:
            raise InputError(parsed.path, _duckdb_problem(exc)) from exc
        if problems:
            raise InputError(parsed.path, problems, total=max(total, len(problems)))

    def _drop_already_stored(self, parsed: ParsedSource, staged: Path, consts: dict,
                             tmp_dir: Path) -> tuple[int, list[str], list[Message]]:
        """Against the stored rows of the same source and vintage (one release, or the
        files of one download, :func:`order_key`): remove the staged rows identical to
        stored ones; when this file's label comes from its content, a stored ingest whose
        every row it restates, some with another value, is the file it corrects and is
        replaced (dropped in this transaction); any other contradicting row is refused.
        Returns the number of rows removed, the ids of the ingests replaced and the notes of
        the figures the replacement changes (:func:`restatement_notes`)."""
        grain = list(COVERAGE_COLUMNS)
        staged_rel = f"({file_select(staged, consts)})"
        overlap = self._raw.execute(  # _stage_groups: the staged rows by coverage cell (_count_groups)
            f"SELECT DISTINCT c.ingest_id FROM coverage c JOIN _stage_groups s "
            f"USING ({', '.join(grain)}) WHERE c.source = ? AND c.release_key = ?",
            [parsed.source, order_key(parsed)],
        ).fetchall()
        if not overlap:
            return 0, [], []
        files = self._stored_files("ingest_id IN (SELECT unnest(?))", [[r[0] for r in overlap]])
        if not files:
            return 0, [], []
        stored_rel = "(" + "\nUNION ALL\n".join(file_select(f, c) for f, c in files) + ")"
        # the same figure in another file of the vintage: every key column but the label
        on = " AND ".join(f"n.{k} = o.{k}" for k in KEY_COLUMNS if k != "release")
        differs = ("(abs(n.value_usd - o.value_usd) > 1e-6 * greatest(abs(o.value_usd), 1) "
                   "OR n.valuation IS DISTINCT FROM o.valuation OR n.quantity_unit IS DISTINCT FROM o.quantity_unit "
                   "OR coalesce(abs(n.quantity - o.quantity) > 1e-6 * greatest(abs(o.quantity), 1), "
                   "n.quantity IS DISTINCT FROM o.quantity))")
        matched = self._raw.execute(
            f"SELECT o.ingest_id, count(*), count(*) FILTER (WHERE {differs}), any_value(p.rows_stored) "
            f"FROM {staged_rel} n JOIN {stored_rel} o ON {on} JOIN provenance p ON p.ingest_id = o.ingest_id "
            "GROUP BY o.ingest_id ORDER BY o.ingest_id"
        ).fetchall()
        # only between files labelled by their content (a label given twice says "one release",
        # and then a contradiction is an error)
        restated = [iid for iid, n, bad, rows in matched if bad and n == rows and parsed.vintage]
        refused = [iid for iid, n, bad, rows in matched if bad and iid not in restated]
        if refused:
            conflicts = self._raw.execute(
                f"SELECT n.reporter, n.partner, n.flow, n.year, n.product_code, n.value_usd, o.value_usd, o.ingest_id "
                f"FROM {staged_rel} n JOIN {stored_rel} o ON {on} "
                f"WHERE {differs} AND o.ingest_id IN (SELECT unnest(?)) ORDER BY ALL LIMIT 6", [refused]
            ).fetchall()
            names = dict(self._raw.execute("SELECT ingest_id, file_name FROM provenance").fetchall())
            problems = [
                Problem(
                    Message("ws_conflict", reporter=r, partner=p, flow=f, year=y, product=c, new=nv,
                            file=names.get(iid, iid), old=ov,
                            also=Message("ws_conflict_also") if nv == ov else ""),
                    field="value_usd",
                    expected=Message("ws_conflict_expected"),
                )
                for r, p, f, y, c, nv, ov, iid in conflicts
            ]
            raise InputError(parsed.path, problems)
        notes = restatement_notes(self._raw, ingest_ids=restated) if restated else []
        if restated:
            self._drop_ingests(restated, Message("rm_restated", file=Path(parsed.path).name))
            files = [(f, c) for f, c in files if c.get("ingest_id") not in set(restated)]
            if not files:
                return 0, restated, notes
            stored_rel = "(" + "\nUNION ALL\n".join(file_select(f, c) for f, c in files) + ")"
        dropped = self._raw.execute(
            f"SELECT count(*) FROM {staged_rel} n WHERE EXISTS (SELECT 1 FROM {stored_rel} o WHERE {on})").fetchall()[0][0]
        if not dropped:  # nothing to drop: the staged file stays as it is (its hash is the one being taken)
            return 0, restated, notes
        kept = tmp_dir / f"{staged.stem}.kept.parquet"
        n_before = self._raw.execute(f"SELECT count(*) FROM {staged_rel}").fetchall()[0][0]
        physical = ", ".join(f"n.{c}" for c in FLOW_COLUMNS if c not in consts)
        self._raw.execute(
            f"COPY (SELECT {physical} FROM {staged_rel} n WHERE NOT EXISTS (SELECT 1 FROM {stored_rel} o WHERE {on})) "
            f"TO {sql_str(str(kept))} (FORMAT parquet, {PARQUET_OPTIONS})"
        )
        os.replace(kept, staged)
        n_after = self._raw.execute(f"SELECT count(*) FROM {staged_rel}").fetchall()[0][0]
        return n_before - n_after, restated, notes

    def _unknown_code_notes(self, rel: str) -> list[str]:
        eco = self._raw.execute(
            f"SELECT DISTINCT c FROM (SELECT reporter c FROM {rel} UNION ALL SELECT partner FROM {rel}) "
            "WHERE c NOT IN (SELECT code FROM _ref_economies) ORDER BY c"
        ).fetchall()
        prod = self._raw.execute(
            f"SELECT DISTINCT classification, product_level, product_code FROM {rel} t WHERE product_level <> 'total' "
            "AND NOT EXISTS (SELECT 1 FROM _ref_products r WHERE r.classification = t.classification "
            "AND r.level = t.product_level AND r.code = t.product_code) ORDER BY ALL"
        ).fetchall()
        notes = []
        if eco:
            notes.append(_listed("unknown_economies", [r[0] for r in eco]))
        if prod:
            notes.append(_listed("unknown_products", [f"{c}:{lvl}:{p}" for c, lvl, p in prod]))
        return notes


IBIS_TYPES: dict[str, str] = {
    "VARCHAR": "string", "SMALLINT": "int16", "TINYINT": "int8", "DOUBLE": "float64",
}
IBIS_TYPES = {c: IBIS_TYPES[t] for c, t in FLOW_DUCKDB_TYPES.items()}


def file_select(path: Path, constants: Mapping[str, object]) -> str:
    """SELECT of the canonical columns from one stored file, per-file constants as literals.

    A constant ``quantity_unit`` is the unit of the quantities the file has: rows without
    a quantity have no unit (NULL), as in files that store the unit per row.
    """
    cols = []
    for c in FLOW_COLUMNS:
        if c in constants:
            v = constants[c]
            value = _constant_sql(c, v)
            if c == "quantity_unit" and v is not None and "quantity" not in constants:
                value = f"CASE WHEN quantity IS NULL THEN NULL ELSE {value} END"
            cols.append(f"{value} AS {c}")
        else:
            cols.append(c)
    return f"SELECT {', '.join(cols)} FROM read_parquet({sql_str(str(path))})"


def _constant_sql(column: str, value: object) -> str:
    """SQL of a per-file constant of ``column``, typed as the canonical column."""
    lit = "NULL" if value is None else (str(int(value)) if isinstance(value, int) else sql_str(str(value)))
    return f"CAST({lit} AS {FLOW_DUCKDB_TYPES[column]})"


def _stored_columns(consts: Mapping[str, object]) -> dict[str, object]:
    """The per-file constants that are canonical columns of the stored rows (the ingest id,
    known only after the hash, left out)."""
    return {c: v for c, v in consts.items() if c in FLOW_COLUMNS and c != "ingest_id"}


def _constant_columns_sql(consts: Mapping[str, object]) -> str:
    """``CAST(<value> AS <type>) AS <column>, ...`` of per-file constants."""
    return ", ".join(f"{_constant_sql(c, v)} AS {c}" for c, v in consts.items())


def ingest_key(source: str, release: str, sha256: str, reading: str = "") -> str:
    """The 16 hex digits of an ingest's identity: the file (source, release, SHA-256) and
    how it was read (``reading``: the mapping's content and importer options; empty for
    importers without options, which keeps the ids of ingests made before it existed)."""
    text = f"{source}\0{release}\0{sha256}" + (f"\0{reading}" if reading else "")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _table_names(con: duckdb.DuckDBPyConnection, database: str | None) -> set[str]:
    """The tables of ``database``'s main schema (the current database if ``None``)."""
    where = "database_name = ?" if database else "database_name = current_database()"
    params = [database] if database else []
    return {r[0] for r in con.execute(
        f"SELECT table_name FROM duckdb_tables() WHERE {where} AND schema_name = 'main'", params).fetchall()}


def _tables_of(con: duckdb.DuckDBPyConnection, database: str | None) -> list[str]:
    """The :data:`SNAPSHOT_TABLES` present in ``database`` (the current one if ``None``)."""
    present = _table_names(con, database)
    return [t for t in SNAPSHOT_TABLES if t in present]


def order_key(parsed: ParsedSource) -> str:
    """The key that orders ``parsed``'s release among its source's releases (the catalogue's
    ``coverage.release_key``): that of its vintage (a default label's years, see
    :attr:`ParsedSource.vintage`), else of its label.  Files of one vintage are one
    release for supersession and for duplicate and conflicting rows."""
    return release_key(parsed.vintage or parsed.release)


def _superseded_sql(coverage: str) -> str:
    """The coverage cells of ``coverage`` superseded by a later release of the same source
    for the same cell (``ingest_id`` and the coverage grain)."""
    # Only the sources holding several releases can have superseded cells: the grouping over
    # every cell (~50k a BACI year) runs on their rows alone, so that opening a thirty-year
    # single-release workspace does not group 1.5M cells to find none.
    grain = ", ".join(COVERAGE_COLUMNS)
    return f"""WITH several AS (SELECT source FROM {coverage} GROUP BY source HAVING count(DISTINCT release_key) > 1),
            cells AS (SELECT * FROM {coverage} WHERE source IN (SELECT source FROM several))
            SELECT c.ingest_id, {', '.join('c.' + x for x in COVERAGE_COLUMNS)}
            FROM cells c JOIN (
                SELECT {grain}, max(release_key) AS latest FROM cells GROUP BY ALL
            ) m USING ({grain})
            WHERE c.release_key < m.latest"""


def release_key(release: str) -> str:
    """Sort key of a release label: digit runs compared as numbers (``v9`` < ``v10``,
    ``2024-9-1`` < ``2024-10-01``), so that "latest" means what a person would expect."""
    return re.sub(r"\d+", lambda m: m.group(0).lstrip("0").rjust(20, "0"), release)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "._" else "_" for ch in text)[:40]


def _duckdb_problem(exc: duckdb.Error) -> Problem:
    """Turn a DuckDB parse/conversion error into a Problem with its line, column and value."""
    import re

    msg = str(exc).strip()
    line = field = value = None
    if m := re.search(r"[Ll]ine:?\s*(\d+)", msg):
        line = int(m.group(1))
    if m := re.search(r'converting column "([^"]+)"\. Could not convert string "([^"]*)" to \'?(\w+)', msg):
        field, value = m.group(1), m.group(2)
        return Problem(Message("ws_does_not_parse"), line=line, field=field, value=value,
                       expected=Message("err_a_number") if m.group(3) in ("DOUBLE", "BIGINT", "INTEGER", "FLOAT")
                       else m.group(3))
    lines = [x for x in msg.splitlines() if x.strip()]
    text = "; ".join(lines[:3]) if lines else type(exc).__name__
    return Problem(Message("ws_data_unreadable", detail=text), line=line)


def _listed(key: str, items: list[str], n: int = 200) -> Message:
    """``key``'s note listing ``items``; past ``n`` of them, ``key_more``'s listing the first
    ``n`` and saying how many more (keyed, so that both languages say it): every list
    corridor shows is bounded."""
    if len(items) <= n:
        return Message(key, codes=", ".join(items))
    return Message(f"{key}_more", codes=", ".join(items[:n]), more=len(items) - n)


def reason_key(reason: str | Message) -> str | None:
    """The key and parameters of a removal's reason as JSON (``removals.reason_key``), so
    that it is shown in the reader's language; None for a plain text."""
    return json.dumps(reason.record(), ensure_ascii=False) if isinstance(reason, Message) else None


def _no_workspace(path: Path) -> WorkspaceError:
    from ..config import demo_workspace_here

    demo = demo_workspace_here()
    hint = Message("ws_demo_hint", demo=str(demo)) if demo and demo.resolve() != path.resolve() else ""
    return WorkspaceError(Message("ws_none", path=str(path), catalogue=CATALOGUE, hint=hint))


def _holder(path: Path) -> int | None:
    """The pid written in the workspace's lock file by the process holding it, if any."""
    try:
        text = (path / LOCK).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdecimal() else None


def _lock_message(path: Path, exc: object | None = None, *, waited: float | None = None) -> Message:
    pid = _holder(path)
    if pid is None and exc is not None and (m := re.search(r"PID (\d+)", str(exc))):
        pid = int(m.group(1))
    who = Message("ws_another_pid", pid=pid) if pid else Message("ws_another")
    after = Message("ws_waited", seconds=f"{waited:g}") if waited is not None else ""
    return Message("ws_busy", path=str(path), who=who, after=after)


def _connect(db: Path, *, wait: float) -> duckdb.DuckDBPyConnection:
    """The catalogue opened for writing; DuckDB's own lock (held by a corridor older than
    the write lock, or another program) is waited for like the write lock."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(db.absolute()))
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower():
                raise WorkspaceError(Message("ws_cannot_open_catalogue", path=str(db), detail=library_detail(exc))) from exc
            if time.monotonic() > deadline:
                raise WorkspaceError(_lock_message(db.parent, exc, waited=wait)) from exc
            time.sleep(0.1)


class _WriteLock:
    """The workspace's write lock: an exclusive ``flock`` on ``corridor.lock``, which
    holds the holder's pid.  Reentrant within a process (DuckDB shares one database
    between a process's connections anyway); released by the OS if the process dies."""

    _held: dict[str, list] = {}  # real path -> [file object, count]
    _mutex = threading.Lock()

    def __init__(self, key: str):
        self.key = key

    @classmethod
    def acquire(cls, path: Path, *, wait: float, on_wait: Callable[[int | None], None] | None) -> _WriteLock:
        key = str(path.resolve())
        with cls._mutex:
            if key in cls._held:
                cls._held[key][1] += 1
                return cls(key)
        try:
            import fcntl
        except ImportError:  # no flock (Windows): DuckDB's own lock on the catalogue is the lock
            return cls("")
        try:
            fh = open(path / LOCK, "a+", encoding="ascii")
        except OSError as exc:
            raise WorkspaceError(Message("ws_cannot_open_lock", path=str(path / LOCK), detail=library_detail(exc))) from exc
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    fh.close()
                    raise WorkspaceError(_lock_message(path, waited=wait)) from None
                if not told and on_wait is not None:
                    told = True
                    on_wait(_holder(path))
                time.sleep(0.1)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        with cls._mutex:
            cls._held[key] = [fh, 1]
        return cls(key)

    def release(self) -> None:
        key, self.key = self.key, ""
        if not key:
            return
        with self._mutex:
            entry = self._held.get(key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] > 0:
                return
            del self._held[key]
        fh = entry[0]
        try:
            fh.seek(0)
            fh.truncate()  # no holder any more (the lock is released when the file closes)
        finally:
            fh.close()
