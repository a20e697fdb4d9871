"""Provenance: every ingest of the workspace (source, release, file, SHA-256, rows, time).

Document ``corridor.provenance/1`` (docs/provenance.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

SCHEMA = "corridor.provenance/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """The whole provenance of the workspace, oldest ingest first; ``removed``: also the
    ingests taken out (``corridor remove``, a corrected re-ingest, ``corridor doctor``),
    when and why (table ``removed``)."""

    removed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "provenance"
    query: Query
    ingests: pd.DataFrame
    releases: pd.DataFrame
    coverage: pd.DataFrame
    removed: pd.DataFrame | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"ingests": self.ingests, "releases": self.releases, "coverage": self.coverage}
        return out | ({"removed": self.removed} if self.removed is not None else {})

    def document(self) -> dict[str, Any]:
        from ..util import json_records

        doc = {"schema": SCHEMA, "ingests": json_records(self.ingests), "releases": json_records(self.releases),
               "coverage": json_records(self.coverage)}
        if self.removed is not None:
            doc["removed"] = json_records(self.removed)
        return doc


def answer(ws: Workspace, query: Query) -> Result:
    """Every ingest (oldest first; the file's name and SHA-256, never its path on disk), the
    releases of each source, and the coverage of the stored figures."""
    from ..store.sums import exact_sum

    prov = ws.provenance().order_by("ingested_at").execute().drop(columns=["file_path"], errors="ignore")
    cov = ws.coverage()
    coverage = (cov.group_by(["source", "release", "reporter", "partner", "flow", "classification", "product_level"])
                .aggregate(year_from=cov.year.min(), year_to=cov.year.max(), rows=cov.rows.sum(),
                           value_usd=exact_sum(cov.value_usd))
                .order_by(["source", "reporter", "partner", "flow", "product_level"]).execute())
    releases = (prov.groupby(["source", "release"], as_index=False)
                .agg(ingests=("ingest_id", "count"), rows_stored=("rows_stored", "sum"),
                     first_ingested=("ingested_at", "min"), last_ingested=("ingested_at", "max")))
    removed = None
    if query.removed:
        removed = ws.removals().order_by(["removed_at", "ingest_id"]).execute().drop(columns=["file_path"], errors="ignore")
    if "note_keys" in prov:  # the notes' keys and parameters (JSON in the catalogue)
        prov["note_keys"] = [json.loads(k) if isinstance(k, str) else None for k in prov["note_keys"]]
    for frame in (prov, releases) + ((removed,) if removed is not None else ()):
        for col in frame.columns:
            if str(frame[col].dtype).startswith("datetime"):
                frame[col] = frame[col].map(lambda t: None if t is None or t != t else t.isoformat())
    return Result(query=query, ingests=prov.reset_index(drop=True), releases=releases, coverage=coverage,
                  removed=None if removed is None else removed.reset_index(drop=True))


ANSWER = Answer(name="provenance", query=Query, run=answer, schema=SCHEMA)
