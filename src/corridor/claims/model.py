"""Records of the claim checker: what a sentence claims (:class:`Claim`) and what the
statistics say about it (:class:`Verdict`, :class:`Evidence`, :class:`CheckedClaim`).

The claim vocabularies are ``Literal`` aliases here, checked with :func:`corridor.options.check`
(which names the allowed values); the UI languages are those of :mod:`corridor.options`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args


Indicator = Literal[
    "turnover", "exports", "imports", "balance", "agri_exports", "agri_imports", "agri_trade",
    "product_exports", "product_imports", "deal", "investment",
]
INDICATORS: tuple[str, ...] = get_args(Indicator)

Modality = Literal["fact", "target", "plan", "forecast"]
MODALITIES: tuple[str, ...] = get_args(Modality)

#: ``over``: более/свыше/exceeded; ``under``: менее/less than; ``nearly``: почти/nearly;
#: ``about``: около/порядка/about; ``record``: рекордный/record.
Qualifier = Literal["over", "under", "nearly", "about", "record"]
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

#: What a claim took from an earlier sentence of its paragraph.
Carried = Literal["period", "economies", "unit", "indicator", "product"]
#: The carried fields no word of the sentence names (a stand-in «показатель», a flow after a
#: product's): a contradiction resting on one is doubted as soon as another reading lies
#: within the sources' spread, not only when it is supported (issue 14).
UNNAMED_FIELDS: tuple[Carried, ...] = ("indicator", "product")

#: ``earlier_year``: against a year named in the text that is not the year before the
#: claim's ("в 1,5 раза больше, чем в 2020 году" of 2024): a growth over several years.
GrowthBase = Literal["yoy", "same_period_last_year", "earlier_year"]

#: How a growth was printed: a percentage, a multiplier ("в 2 раза", "doubled") or a word
#: fraction ("на треть", "by a quarter"); verification's tolerance depends on it.
GrowthForm = Literal["percent", "multiplier", "fraction"]

Currency = Literal["USD", "KZT", "CNY", "EUR", "RUB"]
CURRENCIES: tuple[str, ...] = get_args(Currency)

Status = Literal["supported", "within_spread", "contradicted", "not_checkable"]
STATUSES: tuple[str, ...] = get_args(Status)

from ..options import LANGS, Lang  # noqa: E402 - the one declaration of the UI languages


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: months ``first_month``..``last_month`` of ``year``.

    ``year`` is ``None`` when the text names months but no year that could be resolved
    (e.g. "in the first half" with no publication date).  ``relative`` is true when the
    year was resolved from the publication date ("в прошлом году", "last year").
    """

    year: int | None
    first_month: int = 1
    last_month: int = 12
    text: str = ""
    relative: bool = False

    @property
    def kind(self) -> str:
        """``year``, ``ytd`` (months 1..n), ``month`` or ``range`` (e.g. a later quarter)."""
        if self.first_month == 1 and self.last_month == 12:
            return "year"
        if self.first_month == self.last_month:
            return "month"
        return "ytd" if self.first_month == 1 else "range"

    @property
    def label(self) -> str | None:
        """``2024``, ``2024-03`` or ``2024-01..07``; ``None`` when the year is unknown."""
        if self.year is None:
            return None
        if self.kind == "year":
            return str(self.year)
        if self.kind == "month":
            return f"{self.year}-{self.first_month:02d}"
        return f"{self.year}-{self.first_month:02d}..{self.last_month:02d}"


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantitative trade claim found in a text.

    ``start``/``end`` are character offsets of the sentence (or clause) that states the
    claim in the input text; ``value_start``/``value_end`` those of the printed amount.
    ``amount`` is the printed number times its scale, in ``currency`` (signed: a deficit is
    negative); ``amount_step`` is one unit of its last printed digit (``31,5 млрд`` ->
    1e8), from which verification derives its tolerance.  ``value_usd`` is ``amount`` in US
    dollars: equal to it for USD, converted with :mod:`corridor.claims.fx` (``fx_rate``
    units per USD, ``converted`` true) for tenge, yuan and euro, ``None`` when the currency
    is not printed or has no rate for the year.  ``growth_pct`` is signed (a fall is
    negative); ``growth_step`` is one unit of its last printed digit.
    """

    text: str
    start: int
    end: int
    indicator: Indicator
    reporter: str | None = None
    partner: str | None = None
    product: str | None = None
    period: Period | None = None
    amount: float | None = None
    currency: Currency | None = None
    amount_step: float | None = None
    value_usd: float | None = None
    fx_rate: float | None = None
    converted: bool = False
    value_text: str | None = None
    value_start: int | None = None
    value_end: int | None = None
    growth_pct: float | None = None
    growth_step: float | None = None
    growth_text: str | None = None
    growth_base: GrowthBase | None = None
    growth_form: GrowthForm | None = None
    modality: Modality = "fact"
    qualifiers: tuple[Qualifier, ...] = ()
    #: The qualifiers of the amount and of the growth apart ("составил 41 млрд и вырос почти
    #: на 32%": "nearly" is the growth's); ``qualifiers`` is their union.
    value_qualifiers: tuple[Qualifier, ...] = ()
    growth_qualifiers: tuple[Qualifier, ...] = ()
    carried: tuple[Carried, ...] = ()
    lang: Lang = "en"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One figure the statistics give for a claim.

    ``reported_by`` is ``economy`` (the claim's reporter's own statistics) or ``partner``
    (the partner's mirror statistics); ``definition`` says how the figure was computed
    (e.g. ``exports + imports, China-reported (imports CIF, exports FOB)``).
    """

    reported_by: str
    reporter: str
    source: str
    release: str
    period: str
    value_usd: float
    definition: str
    deviation_pct: float | None = None
    matches: bool = False
    #: True when the figure uses a flow whose reported value is implausible (see
    #: :mod:`corridor.claims.verification`, "Implausible side").
    implausible: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on one part of a claim (its level or its growth rate).

    ``explanation`` says in plain English why; ``needs`` (for ``not_checkable``) says what
    data would make it checkable.  ``low``/``high`` are the bounds the printed figure allows.
    ``reason`` and ``params`` are the same in codes (:mod:`corridor.claims.messages` renders
    them in English and Russian): ``match``, ``spread``, ``outside`` or a not-checkable
    reason such as ``regional``, ``no_data``, ``modality``.
    """

    status: Status
    part: Literal["level", "growth"]
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    needs: str | None = None
    low: float | None = None
    high: float | None = None
    reason: str = ""
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim with its verdicts: ``verdict`` is on the level when the claim states one,
    else on the growth rate; ``growth_verdict`` is set when a claim states both."""

    claim: Claim
    verdict: Verdict
    growth_verdict: Verdict | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: The notes as (message key, params) for renderers in other languages.
    note_keys: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default_factory=tuple)
    #: for a target claim checked against a roadmap: the matching targets and their
    #: progress, or ``not_in_roadmap`` (:class:`corridor.claims.targets.TargetCheck`)
    targets: object | None = None
