"""Provenance: every ingest of the workspace (source, release, file, SHA-256, rows, time).

Document ``corridor.provenance/1`` (docs/provenance.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer

if TYPE_CHECKING:  # pragma: no cover
    import ibis
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


def stored_coverage(cov: ibis.Table) -> ibis.Table:
    """What is stored per source, release, relation, flow, classification, level and
    period kind, with its years, rows and value: annual figures and months summed over
    their years (periods that do not overlap); a cumulative January-N figure (``ytd``,
    ``month`` = N) one row per year and N, never added to another (January-August and
    January-September overlap, as do January-N of two years summed into a figure of no
    period).  Months give their first and last month (``month_from``, ``month_to``:
    ``year_from``-``month_from`` to ``year_to``-``month_to``)."""
    import ibis

    from ..store.sums import exact_sum

    ytd = cov.period_kind == "ytd"
    at = cov.year.cast("int32") * 100 + cov.month.cast("int32")
    cov = cov.mutate(ytd_year=ibis.ifelse(ytd, cov.year, ibis.null("int16")),
                     ytd_month=ibis.ifelse(ytd, cov.month, ibis.null("int8")), _at=at)
    monthly = cov.period_kind == "month"
    return (cov.group_by(["source", "release", "reporter", "partner", "flow", "classification", "product_level",
                          "period_kind", "ytd_year", "ytd_month"])
            .aggregate(year_from=cov.year.min(), year_to=cov.year.max(),
                       month_from=ibis.ifelse(monthly, cov._at, ibis.null("int32")).min() % 100,
                       month_to=ibis.ifelse(monthly, cov._at, ibis.null("int32")).max() % 100,
                       rows=cov.rows.sum(), value_usd=exact_sum(cov.value_usd))
            .rename(month="ytd_month").drop("ytd_year")
            .order_by(["source", "reporter", "partner", "flow", "product_level", "period_kind", "year_from", "month",
                       "release"]))


def answer(ws: Workspace, query: Query) -> Result:
    """Every ingest (oldest first; the file's name and SHA-256, never its path on disk), the
    releases of each source, and the coverage of the stored figures (:func:`stored_coverage`)."""
    prov = ws.provenance().order_by("ingested_at").execute().drop(columns=["file_path"], errors="ignore")
    coverage = stored_coverage(ws.coverage()).execute()
    for col in ("month", "month_from", "month_to"):  # whole months, empty where the period has none
        coverage[col] = coverage[col].astype("Int64")
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
