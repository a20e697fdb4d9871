"""Remove: take ingests, or every ingest of a release, out of the workspace, atomically.

Document ``corridor.remove/1``: the ingests removed (id, source, release, file, rows).
The removal is recorded in the workspace (``corridor provenance --removed``).  This
answer changes the workspace (``writes``): the API asks for the server's token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer
from .monitor import parse_releases

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

SCHEMA = "corridor.remove/1"
COLUMNS = ("ingest_id", "source", "release", "file_name", "rows_stored")


def _ids(value: str | tuple[str, ...]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    return tuple(i.strip() for i in items if i.strip())


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """The ``ingest_ids`` to remove and the ``releases`` (``SOURCE=RELEASE``) whose every
    ingest goes too."""

    ingest_ids: tuple[str, ...] = field(default=(), metadata={"parse": _ids})
    releases: tuple[tuple[str, str], ...] = field(default=(), metadata={"parse": parse_releases})

    def __post_init__(self) -> None:
        object.__setattr__(self, "ingest_ids", _ids(self.ingest_ids))
        object.__setattr__(self, "releases", parse_releases(self.releases))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "remove"
    query: Query
    removed: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"removed": self.removed}

    def document(self) -> dict[str, Any]:
        from ..util import json_records

        return {"schema": SCHEMA, "removed": json_records(self.removed)}


def answer(ws: Workspace, query: Query) -> Result:
    import pandas as pd

    gone = ws.remove(list(query.ingest_ids), releases=dict(query.releases))
    return Result(query=query, removed=pd.DataFrame(gone, columns=list(COLUMNS)))


ANSWER = Answer(name="remove", query=Query, run=answer, schema=SCHEMA, writes=True)
