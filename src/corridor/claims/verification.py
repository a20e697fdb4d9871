"""Verification: claims + the canonical flow table -> verdicts with evidence.

Method.  For a claim about the trade of *reporter* with *partner* in a period, every
source in the workspace that can give the same figure is asked through
:func:`corridor.store.figures.bilateral_figures`: the reporter's own statistics and the
partner's mirror statistics (partner-reported imports stand for the reporter's exports and
vice versa; UN Statistics Division, *IMTS 2010 Concepts and Definitions*, and the mirror
method of the IMF *Direction of Trade Statistics Guide*).  Turnover is exports + imports
and the balance exports - imports, each *within one source and one side*; a growth rate is
computed within one source and one side (the same reporter's figures for both periods),
never a level from one source over a base from another.

Tolerance (:class:`Tolerance`).  A printed figure stands for an interval: half a unit of
its last printed digit either side ("$31,5 млрд" -> 31.45-31.55 bn; "$41 bn" -> 40.5-41.5).
Qualifiers change the interval: ``over`` (более, свыше, превысил, over) -> from the value
up to ``over_pct`` above it; ``under`` (менее, less than) -> from ``over_pct`` below up to
the value; ``nearly`` (почти, nearly) -> from ``nearly_pct`` below up to the value;
``about`` (около, порядка, about) -> ``about_pct`` either side, plus the rounding.  A value
converted from another currency widens by ``fx_pct`` either side (annual average rates).

A growth printed as a multiplier ("в 2 раза", "doubled", "в 4,7 раза") stands for the
ratio *k* within ``multiplier_pct`` (10 %) either way, the qualifiers applied to *k* ("more
than double": k >= 2); a word fraction ("на треть") for its value +- 2.5 points.

Calibration.  The press truncates as often as it rounds and releases of one source differ
by 0.1-0.5 %: a figure within ``near_pct`` (0.5 %) of the claim, or that the printed
figure truncates ("41,0" for 41.055; "31%" for +31.7 %), or a growth within
``near_points`` (0.3 points) or, for a large rate, within ``near_pct`` of it (+369.2 %
printed "370 %"), is ``supported`` with reason ``near`` and the difference
noted — never ``contradicted``; the same margin applies to the edge of the claim's interval.
A ``contradicted`` verdict resting on economies or a year the sentence does not print
becomes ``not_checkable`` (``ambiguous``) when another reading is supported; so does any
level figure three times or more away from every source's (another scope: the world, a
product the lexicon does not name, an undated figure), with assumed economies or not --
unless, with the economies printed, it is a source's figure with the decimal point moved
(x10, x100, x1000 within 1 %): a misprint, which stays ``contradicted``.

Implausible side.  Where one side's figure of a flow is below ``implausible_ratio`` (1/3)
of the other side's (Kazakhstan's reported imports from China in 2020-2022 are a fifth of
China's reported exports: incomplete reporting), figures made from it are marked
``implausible``; a claim lying between such a figure and the other side's is
``not_checkable`` (reason ``implausible``) rather than "within the spread".

Verdicts.  ``supported``: at least one figure lies in the interval (the verdict names each
source, side and definition that does).  ``within_spread``: no figure does, but the claim
lies between the lowest and the highest figure of the sources.  ``contradicted``: it lies
outside every figure's reach (evidence gives the deviation from each).  ``not_checkable``:
no source gives the figure; ``needs`` says which data would.

Cost.  Every figure of every claim comes from one query (:func:`fetch_figures`: the line
sums of every relation and year the claims name); the claims are then judged in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from ..store.figures import CLASSIFICATION_PREFERENCE, LEVEL_PREFERENCE, vintage
from ..words import months_span
from .messages import missing_text, name, reason_text
from .model import UNNAMED_FIELDS, CheckedClaim, Claim, Evidence, Period, Verdict
from .products import AGRI_HS, AGRI_LABEL, BY_KEY, hs_of

CHECKABLE = ("turnover", "exports", "imports", "balance", "agri_exports", "agri_imports", "agri_trade",
             "product_exports", "product_imports")
FLOW_OF = {"agri_exports": "exports", "product_exports": "exports", "product_imports": "imports",
           "agri_imports": "imports", "agri_trade": "turnover"}
#: Kept for callers of earlier versions: product key -> HS prefixes.
PRODUCT_HS: dict[str, tuple[str, ...]] = {p.key: p.hs for p in BY_KEY.values()}
_FLIP = {"export": "import", "import": "export"}
_CLS = {v: i for i, v in enumerate(CLASSIFICATION_PREFERENCE)}
_LVL = {v: i for i, v in enumerate(LEVEL_PREFERENCE)}
RAW_COLUMNS = ("year", "period_kind", "month", "flow", "reporter", "partner", "source", "release", "classification",
               "product_level", "product_code", "value_usd", "lines", "valuation")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a figure may be from a printed claim, in percent of the claim (see module doc)."""

    over_pct: float = 20.0
    nearly_pct: float = 10.0
    about_pct: float = 5.0
    fx_pct: float = 2.0
    near_pct: float = 0.5
    near_points: float = 0.3
    multiplier_pct: float = 10.0
    implausible_ratio: float = 1 / 3


Figures = Callable[..., pd.DataFrame]


def fetch_figures(flows, *, pairs: Sequence[tuple[str, str]], years: Sequence[int]) -> pd.DataFrame:
    """The one query of a verification: line sums (columns :data:`RAW_COLUMNS`) of exports
    and imports reported by either economy of each pair about the other, in ``years``,
    per period, source, release, classification, level and product code."""
    import ibis

    keys = sorted({f"{a}|{b}" for a, b in pairs} | {f"{b}|{a}" for a, b in pairs})
    t = flows.filter((flows.reporter + ibis.literal("|") + flows.partner).isin(keys)
                     & flows.flow.isin(["export", "import"]) & flows.year.isin([int(y) for y in years]))
    agg = (t.group_by(["year", "period_kind", "month", "flow", "reporter", "partner", "source", "release",
                       "classification", "product_level", "product_code"])
           .aggregate(value_usd=t.value_usd.sum(), lines=t.count(), valuation=t.valuation.max())
           .execute())
    return agg[list(RAW_COLUMNS)]


class _Store:
    """The fetched line sums indexed by relation and period, and the figures computed from
    them in plain Python (a claim costs microseconds, not a query)."""

    def __init__(self, raw: pd.DataFrame):
        self.rows: dict[tuple, list[tuple]] = {}
        if not raw.empty:
            cols = [raw[c].tolist() for c in RAW_COLUMNS]
            for (year, kind, month, flow, rep, par, source, release, cls, level, code, value, _n, valuation) in zip(*cols):
                self.rows.setdefault((rep, par, int(year), kind), []).append(
                    (int(month), flow, source, release, cls, level, code, float(value),
                     valuation if isinstance(valuation, str) else None))
        self.cache: dict[tuple, list[dict]] = {}

    def figures(self, economy: str, partner: str, prefixes: tuple[str, ...] | None, year: int, kind: str,
                month: int | None) -> list[dict]:
        """One figure per (flow, side, source) — flow from ``economy``'s point of view — at
        the preferred classification and coarsest level, as
        :func:`corridor.store.figures.choose_figures` chooses."""
        key = (economy, partner, prefixes, year, kind, month)
        if key not in self.cache:
            self.cache[key] = self._compute(economy, partner, prefixes, year, kind, month)
        return self.cache[key]

    def _compute(self, economy, partner, prefixes, year, kind, month) -> list[dict]:
        sums: dict[tuple, list] = {}
        for (rep, par), side in (((economy, partner), "economy"), ((partner, economy), "partner")):
            for m, flow, source, release, cls, level, code, value, valuation in self.rows.get((rep, par, year, kind), ()):
                if month is not None and m != month:
                    continue
                if prefixes is not None and (level not in ("hs2", "hs4", "hs6") or not code.startswith(prefixes)):
                    continue
                econ_flow = flow if side == "economy" else _FLIP[flow]
                # the files of one vintage (one download, content-labelled) are one release
                k = (m, econ_flow, side, source, vintage(str(release)), cls, level, rep)
                acc = sums.setdefault(k, [0.0, None, release])
                acc[0] += value
                acc[1] = max(acc[1], valuation) if acc[1] and valuation else acc[1] or valuation
                acc[2] = max(acc[2], release)
        best: dict[tuple, tuple] = {}
        for (m, flow, side, source, _v, cls, level, rep), (value, valuation, release) in sums.items():
            rank = (_CLS.get(cls, 99), _LVL.get(level, 99), _desc(release))
            k = (m, flow, side, source)
            if k not in best or rank < best[k][0]:
                best[k] = (rank, {"month": m, "flow": flow, "reported_by": side, "source": source, "release": release,
                                  "reporter": rep, "value_usd": value, "valuation": valuation})
        return [rec for _, rec in best.values()]



def _desc(release: str) -> tuple:
    """Sort key putting the newest release first."""
    return tuple(-ord(ch) for ch in str(release))


def verify(claims: Sequence[Claim], flows, *, tolerance: Tolerance = Tolerance(),
           assume_pair: tuple[str, str] | None = None, figures: Figures = fetch_figures,
           roadmap: Sequence | None = None, published=None) -> list[CheckedClaim]:
    """Check every claim against the canonical flow table ``flows`` (``None``: no workspace).

    ``assume_pair`` (e.g. ``("KAZ", "CHN")``) fills an economy the text leaves implicit
    ("экспорт в Китай" -> reporter KAZ); it never replaces an economy, region or group the
    text names.  Each assumption is listed in ``notes``.  ``figures`` is called once, for
    all the claims (see :func:`fetch_figures`).  ``roadmap`` (evaluated targets,
    :func:`corridor.roadmap.evaluate.evaluate`) matches each target claim to its targets
    (:mod:`corridor.claims.targets`); a current figure stated beside a target is checked
    as a fact.
    """
    from .targets import attach, restate_current

    claims = restate_current(claims, published=published)
    assumed = [_assume(c, assume_pair) for c in claims]
    store = _Store(_fetch(flows, [c for c, _ in assumed], figures, tolerance))
    out = []
    for claim, notes in assumed:
        level = _check_level(claim, flows, store, tolerance) if claim.amount is not None else None
        growth = _check_growth(claim, flows, store, tolerance) if claim.growth_pct is not None else None
        level = _mirror_only(claim, _doubted(claim, bool(notes), level, _check_level, flows, store, tolerance))
        growth = _mirror_only(claim, _doubted(claim, bool(notes), growth, _check_growth, flows, store, tolerance))
        verdict = level or growth
        out.append(CheckedClaim(claim, verdict, growth if level is not None else None,
                                tuple(n for n, _ in notes), tuple(k for _, k in notes)))
    return attach(out, roadmap) if roadmap is not None else out


def _fetch(flows, claims: Sequence[Claim], figures: Figures, tol: Tolerance) -> pd.DataFrame:
    """One call of ``figures`` for every relation and year the checkable claims need."""
    pairs, years = set(), set()
    for c in claims:
        for part in ("level", "growth"):
            if (c.amount if part == "level" else c.growth_pct) is None or _precheck(c, part, flows) is not None:
                continue
            pairs.add((c.reporter, c.partner))
            years.update({c.period.year, c.period.year - 1} if part == "growth" else {c.period.year})
            if _unprinted_period(c):
                years.update({c.period.year - 1 - (part == "growth"), c.period.year + 1})
    if not pairs or flows is None:
        return pd.DataFrame(columns=list(RAW_COLUMNS))
    return figures(flows, pairs=sorted(pairs), years=sorted(years))


def _assume(claim: Claim, pair: tuple[str, str] | None) -> tuple[Claim, list[tuple[str, tuple]]]:
    """The claim with the assumed economies, and the notes: (English text, (key, params))."""
    if pair is None or (claim.reporter and claim.partner):
        return claim, []
    a, b = pair
    if claim.reporter is None and claim.partner is None:
        return replace(claim, reporter=a, partner=b), [(f"economies not stated; assumed {a} and {b}",
                                                        ("assumed_both", (("a", a), ("b", b))))]
    known = claim.reporter or claim.partner
    if known not in pair:
        return claim, []
    other = b if known == a else a
    if claim.reporter is None:
        return replace(claim, reporter=other), [(f"reporter not stated; assumed {other}",
                                                 ("assumed_reporter", (("code", other),)))]
    return replace(claim, partner=other), [(f"partner not stated; assumed {other}", ("assumed_partner", (("code", other),)))]


def _unprinted_period(claim: Claim) -> bool:
    """Whether the claim's year is not printed in its sentence (carried from an earlier
    line, or resolved from a relative period against the publication date)."""
    return claim.period is not None and ("period" in claim.carried or claim.period.relative)


def _readings(claim: Claim, assumed: bool) -> list[tuple[str, Claim]]:
    """The other readings of a claim whose economies, year, product or indicator the
    sentence does not print: the flow the other way (exports <-> imports between the same
    two economies) when the economies were assumed or carried, the whole flow when the
    product was carried, the other whole flows when the indicator was (a stand-in), the
    year before and after when the year was."""
    out = []
    if (assumed or "economies" in claim.carried) and FLOW_OF.get(claim.indicator, claim.indicator) != "turnover":
        out.append(("economies", replace(claim, reporter=claim.partner, partner=claim.reporter)))
    if "product" in claim.carried and claim.indicator in _BASE_FLOW:
        # "…uranium shipments… Exports rose 37.6 percent": the whole flow, not the product before
        out.append(("product", replace(claim, indicator=_BASE_FLOW[claim.indicator], product=None)))
    if "indicator" in claim.carried and claim.indicator in _WHOLE_FLOWS:
        # «Экспорт за семь месяцев… Напомним, по итогам 2023 года показатель составил 41,05 млрд»:
        # the stand-in may be the article's subject (turnover), not the last line's flow
        out += [("indicator", replace(claim, indicator=other)) for other in _WHOLE_FLOWS if other != claim.indicator]
    if _unprinted_period(claim) and claim.period.year:
        p = claim.period
        out += [("period", replace(claim, period=Period(y, p.first_month, p.last_month, p.text, relative=p.relative)))
                for y in (p.year - 1, p.year + 1)]
    return out


#: the whole flow of a product claim, and the whole flows a stand-in («показатель», "the
#: figure") may name (issue 14: a contradiction resting on a carried field is doubted)
_BASE_FLOW = {"product_exports": "exports", "product_imports": "imports"}
_WHOLE_FLOWS = ("turnover", "exports", "imports")


def _doubted(claim: Claim, assumed: bool, verdict: Verdict | None, check: Callable, flows, store: _Store,
             tol: Tolerance) -> Verdict | None:
    """A ``contradicted`` verdict that rests on a reading the sentence does not print (the
    economies assumed or carried, the year carried or relative) becomes ``not_checkable``
    (reason ``ambiguous``) when another reading of the same figure is supported: a correct
    figure read the wrong way must not be called wrong.  A reading with the product or
    indicator the sentence does not print (carried from the sentence before: the whole
    flow; the other whole flows) needs only to lie within the sources' spread (issue 14)."""
    if verdict is None or verdict.status != "contradicted":
        return verdict
    values = [abs(e.value_usd) for e in verdict.evidence if e.value_usd]
    if verdict.part == "level" and values and claim.value_usd and all(
            max(abs(claim.value_usd), v) / min(abs(claim.value_usd), v) >= 1 / tol.implausible_ratio for v in values) and (
            assumed or not any(_decimal_shift(abs(claim.value_usd), v, tol) for v in values)):
        # a figure three times away from every source's: another scope ("внешнеторговый оборот
        # Казахстана": trade with the world; a product the lexicon does not know; an undated
        # "когда-то") far more often than a wrong figure -- with an assumed pair or not
        params = {"what": "scope" if assumed else "magnitude", "taken": _reading(claim), "alternative": "?"}
        why, needs = reason_text("ambiguous", params, "en")
        return replace(verdict, status="not_checkable", reason="ambiguous", explanation=f"{why}; {verdict.explanation}",
                       needs=needs, params=verdict.params + tuple(params.items()))
    for what, other in _readings(claim, assumed):
        alt = check(other, flows, store, tol)
        # a field carried from another sentence (indicator, product) is no word of the text: a
        # reading under which the sources do not contradict the figure (supported, or within
        # their spread) is enough to doubt it
        if alt.status == "supported" or (what in UNNAMED_FIELDS and alt.status == "within_spread"):
            params = {"what": what, "taken": _reading(claim), "alternative": _reading(other)}
            why, needs = reason_text("ambiguous", params, "en")
            return replace(verdict, status="not_checkable", reason="ambiguous", explanation=f"{why}; {verdict.explanation}",
                           needs=needs, params=verdict.params + tuple(params.items()))
    return verdict


def _mirror_only(claim: Claim, verdict: Verdict | None) -> Verdict | None:
    """A ``contradicted`` verdict resting only on the partner's mirror figures (no source of
    the claim's reporter gives the figure of that period: China's own annual series starts
    in 2014) becomes ``not_checkable`` (reason ``mirror_only``, naming the reporter's missing
    figure): mirror figures differ from a country's own by 5-60 %, so a figure the reporter
    published may lie outside the partner's and be right.  A supported verdict stays, and
    so does a regional relation (``KAZ``-``CN-XJ``): only the region's own statistics give it,
    a country never reports its trade by the partner's regions."""
    if verdict is None or verdict.status != "contradicted" or not verdict.evidence or any(
            e.reported_by == "economy" for e in verdict.evidence) or "-" in claim.reporter + claim.partner:
        return verdict
    e = verdict.evidence[0]
    label = e.period.split(" -> ")[-1]
    params = {"reporter": claim.reporter, "partner": e.reporter,
              "formula": _value_formula(claim.indicator), "label": label, "kind": claim.period.kind}
    why, needs = reason_text("mirror_only", params, "en")
    return replace(verdict, status="not_checkable", reason="mirror_only", explanation=f"{why}; {verdict.explanation}",
                   needs=needs, params=verdict.params + tuple(params.items()))


def _value_formula(indicator: str) -> str:
    """The formula of :func:`_value` for ``indicator`` ("exports + imports" for turnover)."""
    return _value(indicator, {"export": 1.0, "import": 1.0})[1]


def _decimal_shift(claimed: float, value: float, tol: Tolerance) -> bool:
    """Whether ``claimed`` is ``value`` with the decimal point moved (x10, x100, x1000 or the
    inverse, within 2 x ``near_pct``): a misprinted figure, which stays ``contradicted``."""
    ratio = max(claimed, value) / min(claimed, value)
    return any(abs(ratio / 10 ** k - 1) <= 2 * tol.near_pct / 100 for k in (1, 2, 3))


def _reading(claim: Claim) -> str:
    label = _label(claim.period, claim.period.year) if claim.period and claim.period.year else "?"
    return f"{claim.reporter} {FLOW_OF.get(claim.indicator, claim.indicator)} {claim.partner}, {label}"


def _name(code: str) -> str:
    return name(code, "en")


def _unchecked(part: str, reason: str, **params: str) -> Verdict:
    why, needs = reason_text(reason, params, "en")
    return Verdict("not_checkable", part, why, needs=needs, reason=reason,  # type: ignore[arg-type]
                   params=tuple((k, str(v)) for k, v in params.items()))


def _precheck(claim: Claim, part: str, flows) -> Verdict | None:
    """The reasons a claim cannot be checked before any data is read."""
    p = claim.period
    if claim.modality != "fact":
        return _unchecked(part, "modality", modality=claim.modality,
                          period=p.label if p and p.label else "the target period")
    if claim.indicator in ("deal", "investment"):
        return _unchecked(part, "not_trade", indicator=claim.indicator)
    if claim.indicator not in CHECKABLE or (claim.indicator.startswith("product") or claim.product) and product_scope(claim) is None:
        return _unchecked(part, "product", indicator=claim.indicator, product=claim.product or "?")
    if p is None:
        return _unchecked(part, "no_period")
    if p.year is None:
        return _unchecked(part, "relative" if p.relative else "no_period", text=p.text)
    if not claim.reporter or not claim.partner:
        return _unchecked(part, "economies")
    if part == "growth" and claim.growth_base == "earlier_year":
        return _unchecked(part, "base_year")
    if claim.reporter == claim.partner:
        return _unchecked(part, "economies")
    if part == "level" and claim.value_usd is None:
        if claim.currency is None:
            return _unchecked(part, "currency")
        return _unchecked(part, "fx", currency=claim.currency, year=str(p.year))
    if flows is None:
        return _unchecked(part, "no_workspace")
    return None


#: One way of getting a period's figure: (how, [(period_kind, month, sign), ...]): the
#: figures of the parts, times their signs, add up to the period.
Alternative = tuple[str, list[tuple[str, int | None, int]]]


def _alternatives(p: Period) -> list[Alternative]:
    """The ways to get the figure of period ``p``, most direct first: the published figure
    of the same kind; for a year, the January-December cumulative figure or twelve months;
    for January-N, the sum of its months; for a month or a later range of months, the
    months, or the difference of two cumulative figures (January-b less January-(a-1))."""
    a, b = p.first_month, p.last_month
    months = [("month", m, 1) for m in range(a, b + 1)]
    cumulative = [("ytd", b, 1)] + ([("ytd", a - 1, -1)] if a > 1 else [])
    n = b - a + 1
    if p.kind == "year":
        return [("", [("year", None, 1)]), ("cumulative January-December", [("ytd", 12, 1)]),
                ("sum of 12 monthly figures", months)]
    if p.kind == "ytd":
        return [("", cumulative), (f"sum of {n} monthly figures", months)]
    differenced = f"difference of the cumulative figures {months_span(b)} and {months_span(a - 1)}" if a > 1 else ""
    if p.kind == "month":
        return [("", months), (differenced or "cumulative January", cumulative)]
    return [(f"sum of {n} monthly figures", months), (differenced, cumulative)]


def _sides(claim: Claim, year: int, store: _Store, tol: Tolerance) -> list[dict]:
    """Exports and imports of ``claim``'s relation in ``year``, one record per (side,
    source): reported_by, source, reporter, release, valuation, how, export, import, and
    the flows whose figure is implausible (``implausible``: a set of (flow, ratio)).  Each
    (side, source) takes the first of :func:`_alternatives` for which it has every part."""
    scope = product_scope(claim)
    prefixes = scope[1] if scope else None
    out: dict[tuple[str, str], dict] = {}
    for how, parts in _alternatives(claim.period):
        if {side for side, _ in out} >= {"economy", "partner"}:
            break  # both sides have a figure: the less direct ways are not needed
        groups: dict[tuple, dict] = {}
        for kind, month, sign in parts:
            for r in store.figures(claim.reporter, claim.partner, prefixes, year, kind, month):
                g = groups.setdefault((r["reported_by"], r["source"], r["flow"]), {
                    "value": 0.0, "parts": set(), "reporter": r["reporter"], "releases": set(),
                    "valuation": r["valuation"]})
                g["value"] += sign * r["value_usd"]
                g["parts"].add((kind, month))
                g["releases"].add(r["release"])
        found: dict[tuple[str, str], dict] = {}
        for (side, source, flow), g in sorted(groups.items()):
            if len(g["parts"]) != len(parts) or (side, source) in out:  # every part of a sum or difference
                continue
            rec = found.setdefault((side, source), {"reported_by": side, "source": source, "reporter": g["reporter"],
                                                    "how": how, "releases": set(), "valuations": [],
                                                    "implausible": set()})
            rec[flow] = g["value"]
            rec["releases"] |= g["releases"]
            if g["valuation"]:
                rec["valuations"].append(f"{_FLIP[flow] if side == 'partner' else flow}s {g['valuation']}")
        out.update(found)
    records = []
    for rec in out.values():
        rec["release"] = ", ".join(sorted(rec.pop("releases")))
        rec["valuation"] = ", ".join(rec.pop("valuations"))
        records.append(rec)
    _mark_implausible(records, tol)
    return records


def _mark_implausible(records: list[dict], tol: Tolerance) -> None:
    """Flag a side's flow whose largest figure is below ``implausible_ratio`` of the other side's."""
    for flow in ("export", "import"):
        best = {}
        for r in records:
            v = r.get(flow)
            if v is not None and not pd.isna(v) and v > 0:
                best[r["reported_by"]] = max(best.get(r["reported_by"], 0.0), v)
        if len(best) == 2:
            low_side = min(best, key=best.get)
            if best[low_side] < tol.implausible_ratio * max(best.values()):
                ratio = best[low_side] / max(best.values())
                for r in records:
                    if r["reported_by"] == low_side:
                        r["implausible"].add((flow, ratio))


def product_scope(claim: Claim) -> tuple[str, tuple[str, ...]] | None:
    """(label, HS code prefixes) of a product or agricultural claim; ``None`` for totals."""
    codes = hs_of(claim.indicator, claim.product)
    if codes is None:
        return None
    if codes is AGRI_HS:
        return f"agricultural products (HS {AGRI_LABEL})", codes
    return f"{claim.product} (HS {BY_KEY[claim.product].label})", codes


def _value(indicator: str, row) -> tuple[float | None, str]:
    exp, imp = row.get("export"), row.get("import")
    ok = lambda v: v is not None and not pd.isna(v)  # noqa: E731
    indicator = FLOW_OF.get(indicator, indicator)
    if indicator == "exports":
        return (exp if ok(exp) else None), "exports"
    if indicator == "imports":
        return (imp if ok(imp) else None), "imports"
    if not (ok(exp) or ok(imp)):
        return None, "exports and imports"
    if not ok(imp):  # the flow that is missing, not both (the other one is there)
        return None, "imports"
    if not ok(exp):
        return None, "exports"
    return (exp + imp, "exports + imports") if indicator == "turnover" else (exp - imp, "exports - imports")


#: A flow of the claim's economy as its partner reports it (mirror statistics).
_MIRRORED_FLOW = {"exports": "imports", "imports": "exports"}


def _uses(indicator: str) -> tuple[str, ...]:
    ind = FLOW_OF.get(indicator, indicator)
    return ("export",) if ind == "exports" else ("import",) if ind == "imports" else ("export", "import")


def _definition(claim: Claim, row, formula: str) -> str:
    side = "own statistics" if row["reported_by"] == "economy" else "mirror statistics"
    val = f", {_name(row['reporter'])}'s {row['valuation']}" if row["valuation"] else ""
    scope = product_scope(claim)
    what = f" of {scope[0]}" if scope else ""
    how = f", {row['how']}" if row.get("how") else ""
    return (f"{claim.reporter}'s {formula}{what} with {claim.partner} from {_name(row['reporter'])}'s {side}"
            f" ({row['source']}{val}{how})")


def _label(period: Period, year: int) -> str:
    return Period(year, period.first_month, period.last_month).label or str(year)


def _figures_for(claim: Claim, year: int, store: _Store, tol: Tolerance
                 ) -> tuple[list[tuple[float, Evidence]], dict[str, str], list[tuple[str, str, float]]]:
    """The figures of every (side, source) for ``year`` (the same figure from two sources
    of one side merged into one line), what a side lacks when no source of that side gives
    the figure, and the implausible flows used (reporter, flow, ratio)."""
    label = _label(claim.period, year)
    figs: list[tuple[float, Evidence]] = []
    lacking: dict[str, dict[str, str]] = {}
    implausible = []
    for row in _sides(claim, year, store, tol):
        value, formula = _value(claim.indicator, row)
        if value is None:
            if row["reported_by"] == "partner":  # the partner's own flow: KAZ's imports are China's exports
                formula = _MIRRORED_FLOW.get(formula, formula)
            lacking.setdefault(row["reported_by"], {"reporter": row["reporter"], "formula": formula, "label": label})
            continue
        flags = [(row["reporter"], f, r) for f, r in row["implausible"] if f in _uses(claim.indicator)]
        implausible += flags
        e = Evidence(row["reported_by"], row["reporter"], row["source"], row["release"], label, float(value),
                     _definition(claim, row, formula), implausible=bool(flags))
        figs = _merge(figs, value, e)
    have = {e.reported_by for _, e in figs}
    missing = next((m for side, m in lacking.items() if side not in have), {})
    return figs, missing, sorted(set(implausible))


def _merge(figs: list[tuple[float, Evidence]], value: float, e: Evidence) -> list[tuple[float, Evidence]]:
    """Add a figure, merging it into a line of the same side with the same value."""
    for k, (v, old) in enumerate(figs):
        if old.reported_by == e.reported_by and abs(v - value) <= 1e-9 * max(abs(v), 1.0):
            merged = replace(old, source=f"{old.source} + {e.source}", release=", ".join(dict.fromkeys(
                old.release.split(", ") + e.release.split(", "))), definition=f"{old.definition}; same figure in {e.source}")
            return figs[:k] + [(v, merged)] + figs[k + 1:]
    return figs + [(value, e)]


def bounds(value: float, step: float | None, qualifiers: Sequence[str], tol: Tolerance, *, converted: bool = False) -> tuple[float, float]:
    """The interval a printed value stands for (see the module docstring for the rule)."""
    mag = abs(value)
    half = (step or 0.0) / 2.0
    low, high = mag - half, mag + half
    if "over" in qualifiers:
        low, high = mag - half, mag * (1 + tol.over_pct / 100) + half
    elif "under" in qualifiers:
        low, high = mag * (1 - tol.over_pct / 100) - half, mag + half
    elif "nearly" in qualifiers:
        low, high = mag * (1 - tol.nearly_pct / 100) - half, mag + half
    elif "about" in qualifiers:
        low, high = mag * (1 - tol.about_pct / 100) - half, mag * (1 + tol.about_pct / 100) + half
    if converted:
        low, high = low * (1 - tol.fx_pct / 100), high * (1 + tol.fx_pct / 100)
    return (low, high) if value >= 0 else (-high, -low)


def multiplier_bounds(growth_pct: float, qualifiers: Sequence[str], tol: Tolerance) -> tuple[float, float]:
    """The growth interval of a printed multiplier: the ratio k ("в 2 раза": k = 2; "сократился
    в 2 раза": 1/k = 2) within ``multiplier_pct`` either way, the qualifiers applied to k."""
    ratio = 1 + growth_pct / 100
    falling = ratio < 1
    k = 1 / ratio if falling else ratio
    lo, hi = bounds(k, 0.0, qualifiers, tol)
    m = 1 + tol.multiplier_pct / 100
    lo, hi = lo / m, hi * m
    if falling:
        return (1 / hi - 1) * 100, (1 / lo - 1) * 100
    return (lo - 1) * 100, (hi - 1) * 100


def _near(claimed: float, step: float | None, value: float, part: str, tol: Tolerance,
          lo: float | None = None, hi: float | None = None) -> str | None:
    """Why ``value`` is close enough to the printed ``claimed`` (or to the edge of its
    interval ``lo..hi``: "на четверть" is 25 % +- 2.5 points, and -22.49 % is 0.01 points
    off) to support it: ``truncated`` (the printed figure is ``value`` cut after its last
    digit), ``close`` (to the printed figure) or ``edge`` (to the interval only); else ``None``."""
    if step and claimed * value > 0 and abs(claimed) <= abs(value) < abs(claimed) + step:
        return "truncated"
    edge = claimed if lo is None or hi is None else min(max(value, lo), hi)
    if part == "level":
        margin = tol.near_pct / 100 * abs(value)
    else:
        # 0.3 points, or for a large rate the same share of it as for a level (+369.2 % printed "370 %")
        margin = max(tol.near_points, tol.near_pct / 100 * abs(value))
    if abs(claimed - value) <= margin and (part == "growth" or value):
        return "close"
    if abs(edge - value) <= margin and (part == "growth" or value):
        return "edge"
    return None


def _judge(part: str, claim: Claim, claimed: float, step: float | None, lo: float, hi: float,
           figs: list[tuple[float, Evidence]], implausible: list, unit: str, fmt: Callable[[float], str],
           tol: Tolerance, *, near_allowed: bool = True) -> Verdict:
    """Growth deviations are in percentage points, level deviations in percent of the figure.
    ``near_allowed`` false (a multiplier or word fraction has no printed last digit): no
    truncation, but the closeness margin still applies."""
    ev = []
    for value, e in figs:
        dev = claimed - value if part == "growth" else (claimed - value) / abs(value) * 100 if value else None
        ev.append(replace(e, deviation_pct=dev, matches=lo <= value <= hi))
    values = [v for v, _ in figs]
    hits = [e for e in ev if e.matches]
    if hits:
        names = "; ".join(f"{e.definition} = {fmt(e.value_usd)}" for e in hits)
        return Verdict("supported", part, f"matches {names}", tuple(ev), low=lo, high=hi, reason="match")  # type: ignore[arg-type]
    near = [(e, _near(claimed, step if near_allowed else None, e.value_usd, part, tol, lo, hi)) for e in ev]
    near = [(e, why) for e, why in near if why]
    if near:
        ev = [replace(e, matches=any(e is n for n, _ in near)) for e in ev]
        e, why = near[0]
        text = (f"matches {e.definition} = {fmt(e.value_usd)} "
                f"({'truncated' if why == 'truncated' else f'just outside {fmt(lo)}..{fmt(hi)}' if why == 'edge' else f'{e.deviation_pct:+.2f}{unit or chr(37)} off'}: "
                f"press figures truncate or differ by up to {tol.near_pct:g}%)")
        return Verdict("supported", part, text, tuple(ev), low=lo, high=hi, reason="near",  # type: ignore[arg-type]
                       params=(("how", why), ("deviation", f"{e.deviation_pct:+.2f}"), ("reporter", e.reporter),
                               ("near_pct", f"{tol.near_pct:g}")))
    if len(values) > 1 and min(values) <= claimed <= max(values):
        if implausible:
            rep, flow, ratio = implausible[0]
            text = (f"lies between the sources ({', '.join(f'{e.reporter}-reported {fmt(e.value_usd)}' for e in ev)}), "
                    f"but {_name(rep)}-reported {flow}s are {ratio:.0%} of the other side's: incomplete reporting")
            return Verdict("not_checkable", part, text, tuple(ev), low=lo, high=hi, reason="implausible",  # type: ignore[arg-type]
                           needs=reason_text("implausible", {"reporter": rep, "flow": flow,
                                                             "ratio": f"{ratio:.2f}", "label": ev[0].period}, "en")[1],
                           params=(("reporter", rep), ("flow", flow), ("ratio", f"{ratio:.2f}"), ("label", ev[0].period)))
        text = (f"lies between the sources ({', '.join(f'{e.reporter}-reported {fmt(e.value_usd)}' for e in ev)})"
                f" but matches none within {fmt(lo)}..{fmt(hi)}")
        return Verdict("within_spread", part, text, tuple(ev), low=lo, high=hi, reason="spread")  # type: ignore[arg-type]
    off = "; ".join(f"{e.reporter}-reported {fmt(e.value_usd)} ({e.deviation_pct:+.1f}%{unit})" for e in ev)
    return Verdict("contradicted", part, f"outside {fmt(lo)}..{fmt(hi)} of every source: {off}", tuple(ev),  # type: ignore[arg-type]
                   low=lo, high=hi, reason="outside")


def usd(v: float) -> str:
    """``$41.06 bn`` / ``$420.0 mn``."""
    return f"${v / 1e9:,.2f} bn" if abs(v) >= 1e9 else f"${v / 1e6:,.1f} mn"


def _not_found(claim: Claim, year: int, missing: dict[str, str], part: str = "level") -> Verdict:
    regions = [c for c in (claim.reporter, claim.partner) if "-" in c]
    label = _label(claim.period, year)
    relation = f"{claim.reporter}–{claim.partner}"
    if regions:
        return _unchecked(part, "regional", regions=",".join(regions), relation=relation, label=label)
    scope = product_scope(claim)
    if scope is not None:
        return _unchecked(part, "product_data", product=scope[0], relation=relation, label=label)
    if missing:
        return _unchecked(part, "side_missing", **missing)
    return _unchecked(part, "no_data", kind=claim.period.kind, label=label, relation=relation)


def _check_level(claim: Claim, flows, store: _Store, tol: Tolerance) -> Verdict:
    early = _precheck(claim, "level", flows)
    if early is not None:
        return early
    figs, missing, implausible = _figures_for(claim, claim.period.year, store, tol)
    if not figs:
        return _not_found(claim, claim.period.year, missing)
    scale = claim.value_usd / claim.amount if claim.amount else 1
    step = (claim.amount_step or 0) * scale
    lo, hi = bounds(claim.value_usd, step, _quals(claim, "level"), tol, converted=claim.converted)
    verdict = _judge("level", claim, claim.value_usd, step, lo, hi, figs, implausible, "", usd, tol)
    return _noted(_flagged(verdict, implausible), missing)


def _quals(claim: Claim, part: str) -> tuple[str, ...]:
    """The qualifiers of the level or of the growth (all of them for a claim built by hand)."""
    if not (claim.value_qualifiers or claim.growth_qualifiers):
        return claim.qualifiers
    return claim.value_qualifiers if part == "level" else claim.growth_qualifiers


def _flagged(verdict: Verdict, implausible: list) -> Verdict:
    """Say when a figure behind a verdict comes from an implausible side."""
    if not implausible or verdict.reason == "implausible":
        return verdict
    rep, flow, ratio = implausible[0]
    return replace(verdict, explanation=f"{verdict.explanation} (note: {_name(rep)}-reported {flow}s are {ratio:.0%} of "
                                        f"the other side's figure: incomplete reporting)",
                   params=verdict.params + (("implausible_reporter", rep), ("implausible_flow", flow),
                                            ("implausible_ratio", f"{ratio:.2f}")))


def _noted(verdict: Verdict, missing: dict[str, str]) -> Verdict:
    """Say which side's figure was missing (no source of that side gives it), so that a
    verdict from one side reads as such."""
    if not missing:
        return verdict
    text = missing_text("side_missing", missing, "en")
    return replace(verdict, explanation=f"{verdict.explanation} (not in the workspace: {text})",
                   params=verdict.params + tuple((f"missing_{k}", v) for k, v in missing.items()))


def _check_growth(claim: Claim, flows, store: _Store, tol: Tolerance) -> Verdict:
    early = _precheck(claim, "growth", flows)
    if early is not None:
        return replace(early, part="growth")
    year = claim.period.year
    now, missing, impl_now = _figures_for(claim, year, store, tol)
    before, missing_before, impl_before = _figures_for(claim, year - 1, store, tol)
    if not now:
        return _not_found(claim, year, missing, "growth")
    if not before:
        return _not_found(claim, year - 1, missing_before, "growth")
    figs = []
    for v, e in now:
        for v0, e0 in before:
            if e0.reported_by != e.reported_by or not set(e.source.split(" + ")) & set(e0.source.split(" + ")) or not v0:
                continue
            g = (v / v0 - 1.0) * 100.0
            figs.append((g, replace(e, value_usd=g, period=f"{e0.period} -> {e.period}", implausible=e.implausible or e0.implausible,
                                    release=e.release if e.release == e0.release else f"{e0.release} -> {e.release}",
                                    definition=f"growth of {e.definition}: {usd(v0)} -> {usd(v)}")))
            break
    if not figs:
        return _unchecked("growth", "no_base", base=_label(claim.period, year - 1), label=_label(claim.period, year))
    quals = _quals(claim, "growth")
    if claim.growth_form == "multiplier":
        lo, hi = multiplier_bounds(claim.growth_pct, quals, tol)
        step = None
    else:
        step = claim.growth_step
        lo, hi = bounds(claim.growth_pct, step, quals, tol)
    implausible = sorted(set(impl_now) | set(impl_before))
    verdict = _judge("growth", claim, claim.growth_pct, step, lo, hi, figs, implausible, " pt",
                     lambda g: f"{g:+.1f}%", tol, near_allowed=claim.growth_form in (None, "percent"))
    return _noted(_flagged(verdict, implausible), missing or missing_before)
