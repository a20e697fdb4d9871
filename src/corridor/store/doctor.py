"""``corridor doctor``: check a workspace against its catalogue and repair what it can.

Every stored ingest's Parquet file is checked: present, of the size recorded at its
ingest, of the SHA-256 recorded (ingests made before sizes and hashes were recorded:
readable, with the number of rows recorded).  A file that fails is *lost*: its rows can
no longer be read as they were stored.  Repairing takes the lost ingests out of the
catalogue in one transaction (recorded in ``removals`` with the reason, as
``corridor remove`` does) and deletes what is left of their files; the report names each
lost ingest's source file and SHA-256, so that it can be ingested again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..util import sha256_file, sql_str
from ..messages import Message

#: problem keys, in the order they are looked for
PROBLEMS = ("missing", "truncated", "changed", "altered", "unreadable", "rows")


@dataclass(frozen=True, slots=True)
class Loss:
    """One stored ingest whose file no longer holds what was stored."""

    ingest_id: str
    source: str
    release: str
    file_name: str
    file_path: str
    sha256: str
    rows_stored: int
    parquet: str
    #: one of :data:`PROBLEMS`
    problem: str
    #: what was found and what was expected (bytes, a hash, rows), when it applies
    found: str | None = None
    expected: str | None = None


@dataclass(frozen=True, slots=True)
class DoctorReport:
    """What the doctor checked and found; ``repaired``: the lost ingests were taken out."""

    path: Path
    checked: int
    lost: tuple[Loss, ...]
    repaired: bool

    @property
    def healthy(self) -> bool:
        return not self.lost


def examine(ws, *, hashes: bool = True) -> list[Loss]:
    """The lost ingests of ``ws`` (opened with ``verify=False``)."""
    con = ws.connection
    rows = con.execute(
        "SELECT ingest_id, source, release, file_name, file_path, sha256, rows_stored, parquet, "
        "parquet_bytes, parquet_sha256 FROM provenance WHERE parquet IS NOT NULL ORDER BY ingest_id"
    ).fetchall()
    damaged = {d[0]: d for d in ws.damaged}
    lost = []
    for iid, source, release, name, fpath, sha, rows_stored, rel, size, psha in rows:
        base = dict(ingest_id=iid, source=source, release=release, file_name=name, file_path=fpath, sha256=sha,
                    rows_stored=int(rows_stored), parquet=rel)
        if iid in damaged:
            _, _, problem, got, want = damaged[iid]
            lost.append(Loss(**base, problem=problem, found=None if got is None else f"{got} bytes",
                             expected=None if want is None else f"{want} bytes"))
            continue
        f = ws.path / rel
        if hashes and psha:
            got_sha = sha256_file(f)
            if got_sha != psha:
                lost.append(Loss(**base, problem="altered", found=got_sha, expected=psha))
            continue
        try:  # no hash recorded (an older ingest): the file must read, with its rows
            n = con.execute(f"SELECT count(*) FROM read_parquet({sql_str(str(f))})").fetchall()[0][0]
        except duckdb.Error as exc:
            lost.append(Loss(**base, problem="unreadable", found=str(exc).splitlines()[0][:200]))
            continue
        if n != rows_stored:
            lost.append(Loss(**base, problem="rows", found=f"{n} rows", expected=f"{rows_stored} rows"))
    return lost


def doctor(path: str | Path, *, repair: bool = False, wait: float | None = None) -> DoctorReport:
    """Check the workspace at ``path``; with ``repair``, take the lost ingests out."""
    from .workspace import WRITE_WAIT, Workspace

    opts = {"wait": WRITE_WAIT if wait is None else wait}
    with Workspace.open(path, read_only=not repair, create=False, verify=False, **opts) as ws:
        checked = int(ws.connection.execute("SELECT count(*) FROM provenance WHERE parquet IS NOT NULL").fetchall()[0][0])
        lost = examine(ws)
        if repair and lost:
            ids = [x.ingest_id for x in lost]
            reasons = {x.ingest_id: x.problem for x in lost}
            ws._in_transaction(
                lambda: ws._drop_ingests(ids, Message("rm_lost", problems=[Message("rm_problem", problem=p)
                                                                           for p in sorted(set(reasons.values()))]),
                                         keep_files=False),
                undo=lambda: None, what="repair")
        return DoctorReport(Path(path), checked, tuple(lost), repaired=repair and bool(lost))
