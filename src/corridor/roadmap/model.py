"""Records of the roadmap tracker.

A *roadmap* is a list of :class:`Target` records, written by an analyst as a file
(CSV, XLSX, TOML or YAML; see ``docs/roadmap.md``) and ingested as a versioned dataset.
Its allowed values are ``Literal`` aliases of :mod:`corridor.options` (the one home of
every option value), named here as the roadmap calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from .. import options

Indicator = options.RoadmapIndicator
INDICATORS: tuple[str, ...] = get_args(Indicator)

Unit = options.RoadmapUnit
UNITS: tuple[str, ...] = get_args(Unit)

#: The unit each indicator is measured in (a target's ``unit`` must agree).
INDICATOR_UNIT: dict[str, str] = {
    "turnover": "usd", "exports": "usd", "imports": "usd", "balance": "usd",
    "agricultural_exports": "usd", "non_commodity_exports": "usd",
    "product_exports": "usd", "product_imports": "usd",
    "products_exported": "count", "products_imported": "count",
    "hhi_exports": "share", "hhi_imports": "share",
    "agricultural_share": "share", "non_commodity_share": "share", "product_share": "share",
}
#: Indicators that need ``product_codes``.
PRODUCT_INDICATORS: frozenset[str] = frozenset({"product_exports", "product_imports", "product_share"})

Direction = options.TargetDirection
DIRECTIONS: tuple[str, ...] = get_args(Direction)
Statistics = options.TargetStatistics
STATISTICS: tuple[str, ...] = get_args(Statistics)
Side = options.TargetSide
SIDES: tuple[str, ...] = get_args(Side)
Status = options.ProgressStatus
STATUSES: tuple[str, ...] = get_args(Status)
Method = options.ProjectionMethod
METHODS: tuple[str, ...] = get_args(Method)
AlertKind = options.RoadmapAlert
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)
Format = options.Format
FORMATS: tuple[str, ...] = get_args(Format)
Lang = options.Lang
LANGS: tuple[str, ...] = get_args(Lang)

#: The columns of a roadmap file, in the documented order.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "id", "title", "indicator", "reporter", "partner", "target_value", "unit", "target_year",
    "baseline_year", "announced", "announced_by", "source",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "title_ru", "direction", "statistics", "product_codes", "target_growth_pct", "notes",
)
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One target of a roadmap.

    Exactly one of ``target_value`` (the level to reach by ``target_year``, in ``unit``:
    USD, a count, or a share as a fraction 0..1) and ``target_growth_pct`` (growth over the
    value of ``baseline_year``, in percent: 100 = doubling) is set.  ``line`` is the
    1-based line of the row in its file (header = line 1), when the format has lines.
    """

    id: str
    title: str
    indicator: Indicator
    reporter: str
    partner: str
    unit: Unit
    target_year: int
    baseline_year: int
    announced: str
    announced_by: str
    source: str
    target_value: float | None = None
    target_growth_pct: float | None = None
    title_ru: str = ""
    direction: Direction = "increase"
    statistics: Statistics = "both"
    product_codes: tuple[str, ...] = ()
    notes: str = ""
    line: int | None = None

    def value_for(self, baseline_value: float | None) -> float | None:
        """The level to reach: ``target_value``, or the baseline grown by ``target_growth_pct``."""
        if self.target_value is not None:
            return self.target_value
        if baseline_value is None or self.target_growth_pct is None:
            return None
        return baseline_value * (1.0 + self.target_growth_pct / 100.0)

    def record(self) -> dict:
        """The target's fields as they are written in a roadmap file (``COLUMNS``)."""
        return {
            "id": self.id, "title": self.title, "indicator": self.indicator, "reporter": self.reporter,
            "partner": self.partner, "target_value": self.target_value, "unit": self.unit,
            "target_year": self.target_year, "baseline_year": self.baseline_year, "announced": self.announced,
            "announced_by": self.announced_by, "source": self.source, "title_ru": self.title_ru,
            "direction": self.direction, "statistics": self.statistics,
            "product_codes": " ".join(self.product_codes), "target_growth_pct": self.target_growth_pct,
            "notes": self.notes,
        }

    @property
    def sides(self) -> tuple[Side, ...]:
        return ("reporter", "partner") if self.statistics == "both" else (self.statistics,)  # type: ignore[return-value]
