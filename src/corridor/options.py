"""Every allowed option value of corridor, in one place, and the one check of them.

Each choice a user (CLI option, API parameter) or a caller (library keyword) can make is a
``Literal`` alias here; :func:`check` checks a value against an alias and, when it is not
allowed, raises :class:`corridor.errors.OptionError` naming the field, the value and every
allowed one.  Modules that need the tuple of values use :func:`values` (or the ``*_VALUES``
constants kept for the hot paths).

This module sits at the bottom of the layers: it imports only :mod:`corridor.errors`.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar, get_args

from .errors import OptionError, Problem
from .messages import Message

# -- languages and output ---------------------------------------------------------------
#: Languages of the user interface (renderers, CLI ``--lang``, API ``lang``).
Lang = Literal["en", "ru"]
#: Languages of reference names (economy names also exist in Chinese).
NameLanguage = Literal["en", "ru", "zh"]
#: Output formats of the commands that answer with tables.
Format = Literal["table", "json", "csv", "xlsx"]
#: Output formats of ``corridor check`` (``text`` is the old name of ``table``).
CheckFormat = Literal["table", "text", "json", "csv", "xlsx"]
#: Output formats of ``corridor ingest``.
IngestFormat = Literal["table", "json"]

# -- HS nomenclature -------------------------------------------------------------------
HSRevision = Literal["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"]
Classification = Literal["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22", "TOTAL"]
#: Every level a product code can be stored at.
CodeLevel = Literal["total", "section", "group", "hs2", "hs4", "hs6"]
#: The levels of HS codes (what ``--level`` takes).
Level = Literal["hs2", "hs4", "hs6"]
ConversionLevel = Literal["hs4", "hs6"]
Unmatched = Literal["keep", "drop"]

# -- engines and methods ---------------------------------------------------------------
Engine = Literal["duckdb", "pyspark"]
ComplexityMethod = Literal["eigenvector", "reflections", "fitness"]
PresenceRule = Literal["binary", "continuous"]
PresenceIndex = Literal["rca", "rpop"]
ProximityKind = Literal["min_conditional", "conditional"]
Diagonal = Literal["one", "zero"]
OutlookPci = Literal["eigenvector", "normalized"]
TableOutput = Literal["pandas", "arrow", "polars"]
#: Which side's statistics build a world matrix: exporters' or importers' reports.
ReportedBy = Literal["exports", "imports"]

# -- opportunities ---------------------------------------------------------------------
Strategy = Literal[
    "low_hanging_fruit",
    "balanced_portfolio",
    "long_jumps",
    "light_touch",
    "parsimonious_industrial_policy",
    "strategic_bets",
]
RankBy = Literal["balanced", "score", "untapped", "potential"]

# -- sources ---------------------------------------------------------------------------
IngestSource = Literal["auto", "baci", "wits", "comtrade", "gacc", "bns", "table", "roadmap", "deals"]
Side = Literal["own", "mirror"]

# -- roadmap tracker (corridor.roadmap) ---------------------------------------------------
#: The figures of the bilateral monitor a roadmap target may be set on.
RoadmapIndicator = Literal[
    "turnover", "exports", "imports", "balance",
    "agricultural_exports", "non_commodity_exports",
    "product_exports", "product_imports",
    "products_exported", "products_imported",
    "hhi_exports", "hhi_imports",
    "agricultural_share", "non_commodity_share", "product_share",
]
RoadmapUnit = Literal["usd", "count", "share"]
TargetDirection = Literal["increase", "decrease"]
#: Whose statistics judge a target: the reporter's own, the partner's mirror, or both.
TargetStatistics = Literal["reporter", "partner", "both"]
TargetSide = Literal["reporter", "partner"]
#: Open SDG / Statistics Canada progress categories.
ProgressStatus = Literal["achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration",
                         "no_data"]
ProjectionMethod = Literal["damped_trend", "log_linear", "naive"]
RoadmapAlert = Literal[
    "sides_disagree", "now_achieved", "status_changed", "required_growth_unprecedented",
    "target_added", "target_removed", "target_revised",
]

A = TypeVar("A")


def values(alias: Any) -> tuple[str, ...]:
    """The allowed values of a ``Literal`` alias, in their declared order."""
    found = get_args(alias)
    if not found:
        raise TypeError(f"{alias!r} is not a Literal alias of corridor.options")
    return found


def check(value: object, allowed: Any, /, *, field: str) -> str:
    """``value`` if it is one of the values of the ``Literal`` alias ``allowed``, else an
    :class:`~corridor.errors.OptionError` naming ``field``, the value and the allowed ones."""
    choices = values(allowed)
    if value in choices:
        return value  # type: ignore[return-value]
    expected = Message("err_one_of", values=", ".join(choices))
    raise OptionError(
        Message("err_option_not_allowed", field=field, value=value, expected=expected),
        problems=[Problem(Message("err_field_not_allowed", field=field), field=field, value=str(value), expected=expected,
                          reason="not_allowed")],
    )


LANGS: tuple[str, ...] = values(Lang)
FORMATS: tuple[str, ...] = values(Format)
LEVELS: tuple[str, ...] = values(Level)
HS_REVISIONS: tuple[str, ...] = values(HSRevision)
CLASSIFICATIONS: tuple[str, ...] = values(Classification)
CODE_LEVELS: tuple[str, ...] = values(CodeLevel)
ENGINES: tuple[str, ...] = values(Engine)
STRATEGIES: tuple[str, ...] = values(Strategy)
