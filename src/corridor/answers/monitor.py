"""The monitor: both sides' statistics of a pair of economies side by side.

``answer(ws, Query(economy="KAZ", partner="CHN", year_from=2015, year_to=2024))`` ->
:class:`Result` with the :class:`corridor.monitor.MonitorReport` and the provenance of the
ingests its figures come from.  Document: ``corridor.monitor/1`` (docs/monitor.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..options import Level
from ..schema import period_label
from .base import Answer, check_fields, check_years, economy, note_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..monitor import MonitorReport
    from ..store import Workspace

SCHEMA = "corridor.monitor/1"

SERIES_FIELDS = (
    "year", "period", "period_kind", "month", "months", "origin", "flow", "reporter", "partner", "reported_by", "side", "value_usd", "source",
    "release", "valuation", "basis", "primary", "ingest_ids",
)


def parse_releases(value: str | tuple | list) -> tuple[tuple[str, str], ...]:
    """``"baci=V202401,comtrade=2024-05"`` (or a list of ``SOURCE=RELEASE``) -> pairs;
    an OptionError naming ``release`` for a malformed item."""
    from ..errors import OptionError, Problem
    from ..messages import Message

    items = value.split(",") if isinstance(value, str) else list(value)
    out: dict[str, str] = {}
    for v in items:
        if isinstance(v, tuple):
            src, rel = v
        else:
            src, sep, rel = str(v).partition("=")
            if not sep or not src.strip() or not rel.strip():
                raise OptionError(Message("mon_release", value=v),
                                  problems=[Problem(Message("mon_malformed_release"), field="release", value=str(v),
                                                    expected=Message("mon_release_expected"),
                                                    reason="malformed")])
        out[src.strip()] = rel.strip()
    return tuple(sorted(out.items()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """``economy`` (its point of view) and ``partner``; years ``year_from`` (``--from``) to
    ``year_to`` (``--to``); product ``level`` of the structure; ``top`` products; pinned
    ``releases`` (``--release SOURCE=RELEASE``); ``months`` (``--months N``: January-N of
    each year, growth over the same months a year earlier) or ``monthly`` (``--monthly``:
    the month-by-month series)."""

    economy: str
    partner: str
    year_from: int = 2015
    year_to: int = 2024
    level: Level = "hs4"
    top: int = field(default=10, metadata={"min": 1})
    releases: tuple[tuple[str, str], ...] = field(default=(), metadata={"parse": parse_releases})
    months: int | None = field(default=None, metadata={"min": 1, "max": 12})
    monthly: bool = False

    def __post_init__(self) -> None:
        check_fields(self)
        check_years(self.year_from, self.year_to)
        economy(self, "economy")
        economy(self, "partner")
        object.__setattr__(self, "releases", parse_releases(self.releases))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    """The monitor of ``query``: its report and the provenance rows of the ingests used."""

    name: ClassVar[str] = "monitor"
    query: Query
    report: MonitorReport
    provenance: pd.DataFrame
    warnings: pd.DataFrame

    def series(self) -> pd.DataFrame:
        """The long series: one record per figure, ``flow`` from the first economy's point of view,
        ``reported_by`` the ISO code of the economy whose statistics give the figure."""
        report = self.report
        f = report.figures.copy()
        f["side"] = f["reported_by"].map({"economy": "own", "partner": "mirror"})
        f["reported_by"] = f["reporter"]
        f["reporter"] = report.economy
        f["partner"] = report.partner
        f["period"] = [period_label(y, k, m) for y, k, m in zip(f["year"], f["period_kind"], f["month"])]
        f["months"] = [12 if k == "year" else (1 if k == "month" else int(m)) for k, m in zip(f["period_kind"], f["month"])]
        if "origin" not in f:
            f["origin"] = "published"
        return f[list(SERIES_FIELDS)]

    def absent_sides(self) -> list[dict[str, str]]:
        """The sides without figures: ``side`` (own, mirror), ``reported_by``, ``about`` and the
        ``reason`` key (``partner_region``, ``no_data``); the renderer adds the statement."""
        return [{"side": "own" if side == "economy" else "mirror", "reported_by": who, "about": about,
                 "reason": reason} for side, who, about, reason in self.report.absent]

    def _notes(self) -> tuple:
        from ..indicators.notes import note

        return ((note("synthetic"),) if self.report.synthetic else ()) + tuple(self.report.notes)

    def keyed_notes(self) -> tuple:
        """The notes as keys and parameters (:class:`corridor.indicators.notes.Note`)."""
        return tuple(self._notes())

    def tables(self) -> dict[str, pd.DataFrame]:
        from ..indicators.coverage import breaks_table

        r = self.report
        series = self.series()
        series["ingest_ids"] = series["ingest_ids"].map(lambda x: ";".join(x))
        return {"summary": r.summary, "gaps": r.gaps, "structure": r.structure, "sections": r.sections,
                "top_products": r.top_products, "changes": r.changes, "warnings": self.warnings, "series": series,
                "coverage_breaks": breaks_table(r.coverage_breaks), "provenance": self.provenance}

    def document(self) -> dict[str, Any]:
        from ..indicators.coverage import breaks_table
        from ..util import json_records

        r = self.report
        return {
            "schema": SCHEMA,
            "economy": r.economy,
            "partner": r.partner,
            "years": list(r.years),
            "period_kind": r.period_kind,
            "months": r.months,
            "level": r.level,
            "synthetic": r.synthetic,
            "series": json_records(self.series()),
            "summary": json_records(r.summary),
            "gaps": json_records(r.gaps),
            "structure": json_records(r.structure),
            "sections": json_records(r.sections),
            "top_products": json_records(r.top_products),
            "changes": json_records(r.changes),
            "warnings": json_records(self.warnings),
            "coverage_breaks": json_records(breaks_table(r.coverage_breaks)),
            "absent_sides": self.absent_sides(),
            "notes": note_records(self._notes()),
            "provenance": json_records(self.provenance),
        }


def answer(ws: Workspace, query: Query) -> Result:
    from ..indicators.plausibility import mirror_warnings
    from ..monitor import build_monitor

    # the latest releases: the workspace itself (its stored monthly aggregate); pinned ones: their table
    source = ws.flows(releases=dict(query.releases)) if query.releases else ws
    rep = build_monitor(source, economy=query.economy, partner=query.partner,
                        year_from=query.year_from, year_to=query.year_to, level=query.level, top=query.top,
                        months=query.months, monthly=query.monthly)
    prov = ws.provenance().execute()
    used = {i for ids in rep.figures["ingest_ids"] for i in ids}
    prov = prov[prov["ingest_id"].isin(used)].reset_index(drop=True)
    return Result(query=query, report=rep, provenance=prov, warnings=mirror_warnings(rep.gaps, rep.structure))


ANSWER = Answer(name="monitor", query=Query, run=answer, schema=SCHEMA)
