"""Trade indicators of one economy's exports to one market, year by year.

Document ``corridor.indicators/1`` (docs/indicators.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..options import Level
from .base import Answer, check_fields, check_years, economy, note_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..indicators.bilateral import IndicatorReport
    from ..store import Workspace

SCHEMA = "corridor.indicators/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """``exporter``'s exports to ``market``, ``year_from`` (``--from``) .. ``year_to``
    (``--to``) at product ``level``; ``top`` products gained and lost shown in the table."""

    exporter: str
    market: str
    year_from: int = 2015
    year_to: int = 2024
    level: Level = "hs4"
    top: int = field(default=10, metadata={"min": 1})

    def __post_init__(self) -> None:
        check_fields(self)
        check_years(self.year_from, self.year_to)
        economy(self, "exporter")
        economy(self, "market")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "indicators"
    query: Query
    report: IndicatorReport
    series: pd.DataFrame
    changes: pd.DataFrame

    def keyed_notes(self) -> tuple:
        """The notes as keys and parameters (:class:`corridor.indicators.notes.Note`)."""
        return tuple(self.report.note_keys)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"series": self.series, "changes": self.changes}

    def document(self) -> dict[str, Any]:
        from ..reports.tabular import json_records

        r = self.report
        return {"schema": SCHEMA, "exporter": r.exporter, "market": r.market, "year_from": r.year_from,
                "year_to": r.year_to, "level": r.level, "source": r.source, "classification": r.classification,
                "series": json_records(self.series), "changes": json_records(self.changes),
                "notes": note_records(r.note_keys)}


def answer(ws: Workspace, query: Query) -> Result:
    from ..indicators.bilateral import bilateral_indicators

    rep = bilateral_indicators(ws.flows(), exporter=query.exporter, market=query.market, year_from=query.year_from,
                               year_to=query.year_to, level=query.level)
    return Result(query=query, report=rep, series=rep.series.to_pandas(), changes=rep.changes.to_pandas())


ANSWER = Answer(name="indicators", query=Query, run=answer, schema=SCHEMA)
