"""Datasets beside the flows: small tables an analyst writes (a roadmap of targets, a
ledger of deals), stored atomically with provenance and releases like any source.

Layout in the workspace::

    datasets/<name>-<release>-<16 hex>.parquet   one file per ingest (immutable)
    corridor.duckdb: datasets                    one row per ingest: name, release, file, rows
                     provenance                  the usual provenance row (source = name,
                                                 ``parquet`` NULL: the flows never read it)

An ingest is atomic: the table is written to ``tmp/``, then moved into ``datasets/``
inside the catalogue transaction that records it; a failure leaves the workspace as it
was (an unreferenced file left by an interruption is removed on the next open).  The same
file (same name, release and SHA-256) ingested again changes nothing; another file under a
release already stored is refused (give a new ``release``: a revised roadmap is a new
release, and the older ones stay stored beside it).  The same file under another label
changes nothing either (a copied or touched file is no new release).  The latest release
is the one ingested last (content-derived default labels do not sort by time); any other
is chosen by its label.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .. import __version__, messages
from ..errors import InputError, Problem, QueryError, WorkspaceError, unreadable_file
from ..messages import Message, library_detail

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .workspace import IngestReport, Workspace

FOLDER = "datasets"
_DDL = """
CREATE TABLE IF NOT EXISTS datasets (
    ingest_id   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    release     VARCHAR NOT NULL,
    release_key VARCHAR NOT NULL,
    parquet     VARCHAR NOT NULL,
    rows        BIGINT NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Dataset:
    """A parsed dataset file ready to store: its ``name`` (``roadmap``, ``deals``), the
    ``release`` label, the input file and the rows (a pandas frame)."""

    name: str
    release: str
    path: Path
    table: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class StoredDataset:
    """One stored release of a dataset: its catalogue row and its rows."""

    name: str
    release: str
    ingest_id: str
    file_name: str
    sha256: str
    ingested_at: _dt.datetime
    table: pd.DataFrame


def ingest_dataset(ws: Workspace, dataset: Dataset) -> IngestReport:
    """Store ``dataset`` atomically with its provenance (see the module docstring)."""
    from .workspace import IngestReport, _slug, release_key
    from ..util import sha256_file

    con = ws.connection
    path = Path(dataset.path)
    try:
        sha, size = sha256_file(path), path.stat().st_size
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    con.execute(_DDL)
    stored = con.execute("SELECT ingest_id, release, sha256 FROM provenance WHERE source = ?", [dataset.name]).fetchall()
    for iid, rel, digest in stored:
        if digest == sha:  # the same file under any label: a copy or a touched file is no new release
            return IngestReport("unchanged", iid, dataset.name, rel, str(path), sha, len(dataset.table),
                                0, 0, (Message("already_ingested"),))
    same = [r for r in stored if r[1] == dataset.release]
    if same:
        raise InputError(path, Problem(Message("ws_release_taken", release=dataset.release, name=dataset.name),
                                       field="release", value=dataset.release,
                                       expected=Message("ws_new_release")))
    key = hashlib.sha256(f"{dataset.name}\0{dataset.release}\0{sha}".encode()).hexdigest()[:16]
    ingest_id = f"{_slug(dataset.name)}-{_slug(dataset.release)}-{key}"
    tmp = ws.path / "tmp"
    tmp.mkdir(exist_ok=True)
    staged = tmp / f"{ingest_id}.parquet"
    final_dir = ws.path / FOLDER
    final_dir.mkdir(exist_ok=True)
    final = final_dir / staged.name
    dataset.table.to_parquet(staged, index=False)
    moved = False
    try:
        con.execute("BEGIN TRANSACTION")
        now = _dt.datetime.now(_dt.timezone.utc)
        n = len(dataset.table)
        con.execute(
            "INSERT INTO provenance (ingest_id, source, dataset, release, file_name, file_path, sha256, file_bytes, "
            "rows_read, rows_stored, rows_already_stored, parquet, ingested_at, corridor_version, notes, constants, "
            "note_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, NULL, ?)",
            [ingest_id, dataset.name, dataset.name, dataset.release, path.name, str(path.resolve()), sha, size, n, n,
             now, __version__, "\n".join(dataset.notes) or None, messages.dump(dataset.notes)],
        )
        con.execute("INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [ingest_id, dataset.name, dataset.release, release_key(dataset.release),
                     f"{FOLDER}/{final.name}", n, now])
        moved = True  # before the move: an interruption inside os.replace is undone too
        os.replace(staged, final)
        con.execute("COMMIT")
    except BaseException as exc:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        if moved:
            final.unlink(missing_ok=True)
        staged.unlink(missing_ok=True)
        if isinstance(exc, duckdb.Error):
            raise WorkspaceError(Message("ws_failed", what="ingest", detail=library_detail(exc))) from exc
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ws._publish()  # readers opened from now on see the new release
    return IngestReport("stored", ingest_id, dataset.name, dataset.release, str(path), sha, len(dataset.table),
                        len(dataset.table), 0, tuple(dataset.notes))


def releases(ws: Workspace, name: str) -> list[dict]:
    """Every stored release of dataset ``name``, in ingest order: ingest_id, release,
    file_name, sha256, rows, ingested_at, parquet."""
    con = ws.connection
    if not _has_table(con):
        return []
    rows = con.execute(
        "SELECT d.ingest_id, d.release, p.file_name, p.sha256, d.rows, d.ingested_at, d.parquet "
        "FROM datasets d JOIN provenance p USING (ingest_id) WHERE d.name = ? "
        "ORDER BY d.ingested_at, d.ingest_id", [name]).fetchall()
    cols = ("ingest_id", "release", "file_name", "sha256", "rows", "ingested_at", "parquet")
    return [dict(zip(cols, r)) for r in rows]


def read_dataset(ws: Workspace, name: str, *, release: str | None = None) -> StoredDataset:
    """The rows of the latest (or the given) release of dataset ``name``."""
    import pandas as pd

    found = releases(ws, name)
    if release is not None:
        found = [r for r in found if r["release"] == release]
    if not found:
        have = ", ".join(r["release"] for r in releases(ws, name)) or Message("web_none")
        raise QueryError(Message("ws_no_dataset_release", name=name, release=release, have=have) if release else
                         Message("ws_no_dataset", name=name, have=have))
    r = found[-1]
    table = pd.read_parquet(ws.path / r["parquet"])
    return StoredDataset(name, r["release"], r["ingest_id"], r["file_name"], r["sha256"], r["ingested_at"], table)


def sweep(ws: Workspace, *, keep: frozenset[str] = frozenset()) -> None:
    """Remove dataset files no catalogue row refers to (debris of an interrupted ingest, or
    of a release removed long enough ago), but those of the ingests in ``keep`` (removed
    recently: readers opened before may still read them)."""
    folder = ws.path / FOLDER
    if not folder.is_dir() or not _has_table(ws.connection):
        return
    known = {r[0] for r in ws.connection.execute("SELECT parquet FROM datasets").fetchall()}
    for f in folder.glob("*.parquet"):
        if f"{FOLDER}/{f.name}" not in known and f.stem not in keep:
            f.unlink(missing_ok=True)


def _has_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'datasets' AND NOT temporary").fetchall()[0][0])
