"""Products one economy could sell to one market: export potential and product space.

Document ``corridor.opportunities/1`` (docs/opportunities.md).  The result carries figures
and keyed notes; the plain-language explanation of each product ("why") is written by the
renderer in the reader's language from the product's figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..options import Level, RankBy, Strategy
from .base import Answer, check_fields, economy, note_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..opportunities import Opportunities
    from ..store import Workspace

SCHEMA = "corridor.opportunities/1"

#: Columns of the library's ranking that hold text already rendered in one language.
RENDERED_COLUMNS = ("why_en", "why_ru")


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """See ``corridor opportunities --help``: the exporter, the ``market``, the ``year``,
    ``top`` products, the Atlas ``strategy``, ``rank_by``, the filters and weights."""

    exporter: str
    market: str
    year: int
    top: int = field(default=50, metadata={"min": 1})
    strategy: Strategy = "balanced_portfolio"
    rank_by: RankBy = "balanced"
    processed_only: bool = False
    include_strengths: bool = False
    min_untapped_share: float | None = None
    min_untapped_usd: float | None = None
    value_weight: float = 0.5
    level: Level = "hs4"
    market_weight: float = 0.5

    def __post_init__(self) -> None:
        check_fields(self)
        economy(self, "exporter")
        economy(self, "market")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "opportunities"
    query: Query
    ranking: Opportunities
    opportunities: pd.DataFrame

    def keyed_notes(self) -> tuple:
        """The notes as keys and parameters (:class:`corridor.indicators.notes.Note`)."""
        return tuple(self.ranking.note_keys)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"opportunities": self.opportunities}

    def document(self) -> dict[str, Any]:
        from ..reports.tabular import json_records

        r, q = self.ranking, self.query
        return {"schema": SCHEMA, "exporter": r.exporter, "market": r.market, "year": r.year, "level": q.level,
                "strategy": r.strategy, "rank_by": r.rank_by, "value_weight": q.value_weight,
                "min_untapped": r.min_untapped, "processed_only": r.processed_only, "ease": r.ease,
                "candidates": r.candidates, "opportunities": json_records(self.opportunities),
                "notes": note_records(r.note_keys)}


def answer(ws: Workspace, query: Query) -> Result:
    from ..opportunities import opportunities_from_flows

    q = query
    res = opportunities_from_flows(
        ws.flows(), exporter=q.exporter, market=q.market, year=q.year, level=q.level, strategy=q.strategy,
        rank_by=q.rank_by, top=q.top, market_weight=q.market_weight,
        exclude_competitive=False if q.include_strengths else None, min_untapped_share=q.min_untapped_share,
        min_untapped_usd=q.min_untapped_usd, value_weight=q.value_weight, processed_only=q.processed_only,
    )
    df = res.to_pandas().drop(columns=list(RENDERED_COLUMNS), errors="ignore")
    return Result(query=query, ranking=res, opportunities=df)


ANSWER = Answer(name="opportunities", query=Query, run=answer, schema=SCHEMA)
