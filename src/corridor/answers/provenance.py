"""Provenance: every ingest of the workspace (source, release, file, SHA-256, rows, time).

Document ``corridor.provenance/1`` (docs/provenance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

SCHEMA = "corridor.provenance/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """No parameters: the whole provenance of the workspace, oldest ingest first."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "provenance"
    query: Query
    ingests: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"ingests": self.ingests}

    def document(self) -> dict[str, Any]:
        from ..reports.tabular import json_records

        return {"schema": SCHEMA, "ingests": json_records(self.ingests)}


def answer(ws: Workspace, query: Query) -> Result:
    df = ws.provenance().order_by("ingested_at").execute()
    if "ingested_at" in df:
        df["ingested_at"] = df["ingested_at"].map(lambda t: None if t is None else t.isoformat())
    return Result(query=query, ingests=df.reset_index(drop=True))


ANSWER = Answer(name="provenance", query=Query, run=answer, schema=SCHEMA)
