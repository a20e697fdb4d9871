"""Coverage breaks: years in which one side's reports of a bilateral flow break with its
own other years, so that a change in the figures is an artefact of the source, not of
trade.

Two signs, each judged against the *median of the same series' other years* (at least
``min_years`` of them):

- ``coverage_lines``: a reporter's figure is the sum of far fewer product lines than in
  its other years (fewer than ``line_drop`` times the median; default one half) — detail
  missing from that year's report (Kazakhstan's own reports of its trade with China for
  2020-2022 list 130-154 HS4 lines against 300-400 in the other years);
- ``coverage_mirror``: the ratio of a side's figure to the other side's (the mirror) is
  far below its ratio in the other years (below ``mirror_drop`` times the median; default
  one half) — that side reported a fraction of what it usually reports against the same
  partner statistics (Kazakhstan's imports from China of USD 2.0-3.6 bn in 2020-2022
  against China's USD 11.7-16.4 bn of exports, where other years' gap is far smaller).

The result is keyed (:class:`CoverageBreak`, :meth:`CoverageBreak.note`): renderers
choose the language. Any growth, new or lost product, share or HHI involving a flagged
year compares reports of different coverage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..store.figures import is_missing
from .notes import Note, Num, note

#: the two signs, in the order reported
REASONS = ("coverage_lines", "coverage_mirror")


@dataclass(frozen=True, slots=True)
class CoverageBreak:
    """One flagged year of one side's series.  ``reported_by`` is ``economy`` or
    ``partner`` (the side whose report breaks), ``flow`` from the economy's point of view;
    ``value`` and ``typical`` are the year's and the other years' median (lines, or the
    side's figure divided by the mirror's)."""

    reason: str
    year: int
    flow: str
    reported_by: str
    reporter: str
    partner: str
    source: str
    value: float
    typical: float

    def note(self) -> Note:
        # the flow as the side that reports it sees it (the partner reports the economy's imports as exports)
        own = self.flow if self.reported_by == "economy" else _FLIP.get(self.flow, self.flow)
        return note(f"{self.reason}_{own}", year=self.year, reporter=self.reporter, partner=self.partner,
                    source=self.source or "-", value=_short(self.value), typical=_short(self.typical))


_FLIP = {"export": "import", "import": "export"}


def _short(x: float) -> Num:
    """A note's figure in the reader's language: whole from 10 up (``1,234`` / ``1 234``), else
    two decimals (``0.22`` / ``0,22``)."""
    return Num(float(x), 0 if abs(x) >= 10 else 2)


def _others_median(values: list[float]) -> list[float]:
    """For each element, the median of the *other* elements (NaN with fewer than 3)."""
    v = np.asarray(values, dtype=float)
    out = []
    for i in range(len(v)):
        rest = np.delete(v, i)
        rest = rest[np.isfinite(rest)]
        out.append(float(np.median(rest)) if len(rest) >= 3 else float("nan"))
    return out


def coverage_breaks(figures: pd.DataFrame, *, line_drop: float = 0.5, mirror_drop: float = 0.5,
                    min_years: int = 3) -> tuple[CoverageBreak, ...]:
    """The coverage breaks in ``figures`` (the columns of
    :data:`corridor.store.figures.FIGURE_COLUMNS`: one figure per year, period, flow,
    side and source, e.g. :func:`corridor.store.figures.bilateral_figures`), annual
    figures only, sorted by reason, flow, side and year.  (Plain Python over the few dozen
    annual figures: pandas' groupings cost ten times the rest of the monitor's notes.)"""
    if figures.empty:
        return ()
    columns = ("year", "period_kind", "flow", "reported_by", "source", "classification", "product_level", "lines",
               "value_usd", "reporter", "partner")
    rows = [r for r in zip(*(figures[c].tolist() for c in columns)) if r[1] == "year"]
    if not rows:  # January-N or month by month: no annual figure to compare
        return ()
    out: list[CoverageBreak] = []
    # lines: per series of product-level sums (one source, classification, level; a series
    # with a missing key is left out, as pandas' grouping leaves it)
    series: dict[tuple, list[tuple]] = {}
    for r in rows:
        key = (r[2], r[3], r[4], r[5], r[6])
        if r[6] != "total" and not any(is_missing(k) for k in key):
            series.setdefault(key, []).append(r)
    for (flow, side, source, _cls, _lvl), g in sorted(series.items(), key=lambda kv: kv[0]):
        if len(g) < min_years + 1:
            continue
        g = sorted(g, key=lambda r: r[0])  # stable: the figures' order among equal years
        for r, t in zip(g, _others_median([r[7] for r in g])):
            if np.isfinite(t) and r[7] < line_drop * t:
                out.append(CoverageBreak("coverage_lines", int(r[0]), flow, side, r[9], r[10], source,
                                         float(r[7]), float(t)))
    # mirror: per flow, each side's fullest figure of the year against the other side's
    values: dict[tuple, dict[str, list[float]]] = {}
    who: dict[tuple, tuple] = {}
    for r in rows:
        values.setdefault((r[0], r[2]), {}).setdefault(r[3], []).extend([] if is_missing(r[8]) else [r[8]])
        who.setdefault((r[2], r[3]), (r[9], r[10]))
    # the largest of a cell's values (missing ones skipped; none: NaN, as pandas' max gives)
    best = {k: {side: max(v) if v else float("nan") for side, v in cell.items()} for k, cell in values.items()}
    sides = {side for cell in best.values() for side in cell}
    if {"economy", "partner"} <= sides:
        for flow in sorted({flow for _, flow in best}):
            years = sorted(y for y, f in best if f == flow and best[(y, f)].get("economy", float("nan")) > 0
                           and best[(y, f)].get("partner", float("nan")) > 0)
            if len(years) < min_years + 1:
                continue
            for side, other in (("economy", "partner"), ("partner", "economy")):
                ratio = [best[(y, flow)][side] / best[(y, flow)][other] for y in years]
                reporter, partner = who[(flow, side)]
                for year, r, t in zip(years, ratio, _others_median(ratio)):
                    if np.isfinite(t) and r < mirror_drop * t:
                        out.append(CoverageBreak("coverage_mirror", int(year), flow, side, reporter, partner, "",
                                                 float(r), float(t)))
    order = {r: i for i, r in enumerate(REASONS)}
    return tuple(sorted(out, key=lambda b: (order[b.reason], b.flow, b.reported_by, b.source, b.year)))


def breaks_table(breaks: tuple[CoverageBreak, ...]) -> pd.DataFrame:
    """The breaks as a table: one row each, the fields of :class:`CoverageBreak` and the
    key of its note."""
    cols = ["reason", "year", "flow", "reported_by", "reporter", "partner", "source", "value", "typical"]
    return pd.DataFrame([[b.note().key, *(getattr(b, c) for c in cols)] for b in breaks], columns=["key", *cols])
