"""Ingest: load files into the workspace, all or nothing, and answer with their provenance.

Document ``corridor.ingest/1``: one record per file (``status`` ``stored`` or
``unchanged``, the ingest id, source, release, rows) and the provenance rows of the
ingests it made or found.  This answer changes the workspace (``writes``): the API asks
for the server's token and takes the files as uploads (never a path on the server).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..options import IngestSource
from .base import Answer, check_fields
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import IngestReport, Workspace

SCHEMA = "corridor.ingest/1"


def _paths(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(value.split(",")) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """The ``files`` to ingest (all or nothing), the importer (``source``), the mapping
    file of ``--source table`` and the release label (default: from the file)."""

    files: tuple[str, ...] = field(metadata={"parse": _paths})
    source: IngestSource = "auto"
    mapping: str | None = None
    release: str | None = None
    allow_unknown_codes: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", _paths(self.files))
        check_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "ingest"
    query: Query
    reports: tuple[IngestReport, ...]
    provenance: pd.DataFrame

    def records(self) -> pd.DataFrame:
        """One row per file; ``notes`` in English, ``note_keys`` their keys and parameters
        (the renderers give ``notes`` in the reader's language)."""
        import pandas as pd

        from .. import messages

        return pd.DataFrame([{
            "file_name": Path(r.file).name, "status": r.status, "ingest_id": r.ingest_id, "source": r.source,
            "release": r.release, "sha256": r.sha256, "rows_read": r.rows_read, "rows_stored": r.rows_stored,
            "rows_already_stored": r.rows_already_stored, "notes": messages.text(r.notes),
            "note_keys": messages.records(r.notes),
        } for r in self.reports])

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"files": self.records(), "provenance": self.provenance}

    def document(self) -> dict[str, Any]:
        from ..util import json_records

        return {"schema": SCHEMA, "files": json_records(self.records()), "provenance": json_records(self.provenance)}


#: Sources that are datasets beside the flows (:mod:`corridor.store.datasets`): source ->
#: (module, function) reading one file into a validated ``Dataset``; the CLI and the API
#: ingest them through this one table.
DATASETS: dict[str, tuple[str, str]] = {
    "roadmap": ("corridor.roadmap.stored", "roadmap_dataset"),
    "deals": ("corridor.deals.stored", "ledger_dataset"),
}


def dataset_reader(source: str):
    """The reader of a dataset source (``path, *, release -> Dataset``), or None for flows."""
    if source not in DATASETS:
        return None
    import importlib

    module, name = DATASETS[source]
    return getattr(importlib.import_module(module), name)


def answer(ws: Workspace, query: Query, *, on_year: Callable[[Path, int, Any], None] | None = None) -> Result:
    """Ingest ``query.files`` into ``ws`` (opened for writing).

    A dataset source (``roadmap``, ``deals``) stores its one file as a release of the
    dataset.  Among flow files, a BACI release zip goes one year file at a time, each year
    its own atomic, resumable ingest (:func:`corridor.sources.baci.ingest_release`),
    followed by the year's exporter x product cells (:func:`corridor.indicators.stored.build`,
    the complexity cache); the other files are checked and stored together, all or nothing,
    followed by the monitor's monthly aggregate of those with months
    (:func:`corridor.store.months.build_ingests`).
    ``on_year(zip, year, report)`` (optional; the CLI's progress) is called after each BACI
    year, ``report`` None for a year the workspace already holds.  The CLI and the API both come
    here, so a file gives the same ingests whichever way it arrives.
    """
    from ..sources.ingest import parse_files, release_zips

    reader = dataset_reader(query.source)
    if reader is not None:
        from ..errors import OptionError, Problem

        if len(query.files) != 1:
            raise OptionError(Message("err_one_file", source=query.source, n=len(query.files)),
                              problems=[Problem(Message("err_one_file_short"), field="files", value=str(len(query.files)),
                                                expected=Message("err_exactly_one_file"), reason="not_allowed")])
        reports = (ws.ingest_dataset(reader(Path(query.files[0]), release=query.release)),)
        return Result(query=query, reports=reports, provenance=provenance_of(ws, reports))
    mapping = Path(query.mapping) if query.mapping else None
    zips, others = release_zips([Path(f) for f in query.files], source=query.source, mapping=mapping)
    reports: list[IngestReport] = []
    for z in zips:
        reports += _release(ws, z, query, on_year)
    if others:
        parsed = parse_files(ws, others, source=query.source, mapping=mapping, release=query.release)
        stored_now = ws.ingest_many(parsed, allow_unknown_codes=query.allow_unknown_codes)
        from ..store import months

        # the monitor's stored monthly aggregate of the files with months (store.months); a
        # file whose aggregate cannot be written says so (the ingest itself is committed)
        unwritten = months.build_ingests(ws, [r.ingest_id for r in stored_now if r.status == "stored"])
        reports += [replace(r, notes=(*r.notes, Message("months_aggregate_unwritten", reason=unwritten[r.ingest_id])))
                    if r.ingest_id in unwritten else r for r in stored_now]
    return Result(query=query, reports=tuple(reports), provenance=provenance_of(ws, reports))


def _release(ws: Workspace, path: Path, query: Query, on_year: Callable[[Path, int, Any], None] | None) -> list[IngestReport]:
    """A BACI release zip, year by year, each stored year followed by its complexity cache."""
    from ..indicators import stored
    from ..sources import baci

    def progress(year: int, report: Any) -> None:
        if report is not None and report.status == "stored":
            stored.build(ws, report.ingest_id)
        if on_year is not None:
            on_year(path, year, report)

    return baci.ingest_release(ws, path, release=query.release, allow_unknown_codes=query.allow_unknown_codes,
                               on_year=progress)


def provenance_of(ws: Workspace, reports) -> pd.DataFrame:
    """The provenance rows of the ingests of ``reports`` (made or found)."""
    ids = [r.ingest_id for r in reports if r.ingest_id is not None]
    prov = ws.provenance().execute()
    prov = prov[prov["ingest_id"].isin(ids)].sort_values(["ingested_at", "ingest_id"]).reset_index(drop=True)
    if "ingested_at" in prov:
        prov["ingested_at"] = prov["ingested_at"].map(lambda t: None if t is None else t.isoformat())
    return prov


ANSWER = Answer(name="ingest", query=Query, run=answer, schema=SCHEMA, writes=True)
