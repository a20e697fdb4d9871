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

Verdicts.  ``supported``: at least one figure lies in the interval (the verdict names each
source, side and definition that does).  ``within_spread``: no figure does, but the claim
lies between the lowest and the highest figure of the sources.  ``contradicted``: it lies
outside every figure's reach (evidence gives the deviation from each).  ``not_checkable``:
no source gives the figure; ``needs`` says which data would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import ibis
import pandas as pd

from .messages import missing_text, name, reason_text
from .model import CheckedClaim, Claim, Evidence, Period, Verdict
CHECKABLE = ("turnover", "exports", "imports", "balance", "agri_exports", "product_exports", "product_imports")
FLOW_OF = {"agri_exports": "exports", "product_exports": "exports", "product_imports": "imports"}

#: HS codes (any revision; headings stable since HS 1992) of the product groups the
#: extractor knows.  World Customs Organization, *Harmonized System Nomenclature*.
PRODUCT_HS: dict[str, tuple[str, ...]] = {
    "wheat": ("1001",), "sunflower_oil": ("1512",), "oil": ("2709",), "gas": ("2711",),
    "copper": ("74",), "uranium": ("2612", "2844"), "ferroalloys": ("7202",), "cars": ("8703",),
    "electronics": ("8471", "8517", "8528"), "grain": ("10",), "meat": ("0201", "0202", "0203", "0204", "0207"),
}
#: Agricultural products as HS chapters 01-24 (a common simple definition; the WTO
#: Agreement on Agriculture, Annex 1, leaves out fish (ch. 03) and adds a few headings).
AGRI_HS: tuple[str, ...] = tuple(f"{c:02d}" for c in range(1, 25))
_FLIP = {"export": "import", "import": "export"}


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a figure may be from a printed claim, in percent of the claim (see module doc)."""

    over_pct: float = 20.0
    nearly_pct: float = 10.0
    about_pct: float = 5.0
    fx_pct: float = 2.0


Figures = Callable[..., pd.DataFrame]


def fetch_figures(flows: ibis.Table, *, economy: str, partner: str, years: Sequence[int],
                  period_kind: str, month: int | None) -> pd.DataFrame:
    """Both sides' figures of one relation (the one place verification reads the store)."""
    from ..store.figures import bilateral_figures

    return bilateral_figures(flows, economy=economy, partner=partner, years=years, period_kind=period_kind, month=month)


def verify(claims: Sequence[Claim], flows: ibis.Table | None, *, tolerance: Tolerance = Tolerance(),
           assume_pair: tuple[str, str] | None = None, figures: Figures = fetch_figures,
           roadmap: Sequence | None = None, published=None) -> list[CheckedClaim]:
    """Check every claim against the canonical flow table ``flows`` (``None``: no workspace).

    ``assume_pair`` (e.g. ``("KAZ", "CHN")``) fills an economy the text leaves implicit
    ("экспорт в Китай" -> reporter KAZ); each assumption is listed in ``notes``.
    ``roadmap`` (evaluated targets, :func:`corridor.roadmap.evaluate.evaluate`) matches each
    target claim to its targets (:mod:`corridor.claims.targets`); a current figure stated
    beside a target is checked as a fact.
    """
    from .targets import attach, restate_current

    claims = restate_current(claims, published=published)
    cache: dict[tuple, pd.DataFrame] = {}

    def lookup(claim: Claim, year: int, kind: str, month: int | None) -> pd.DataFrame:
        scope = product_scope(claim)
        key = (scope, claim.reporter, claim.partner, year, kind, month)
        if key not in cache:
            table = flows if scope is None else _product_flows(flows, scope[1])
            cache[key] = figures(table, economy=claim.reporter, partner=claim.partner, years=[year],
                                 period_kind=kind, month=month)
        return cache[key]

    out = []
    for claim in claims:
        claim, notes = _assume(claim, assume_pair)
        level = _check_level(claim, flows, lookup, tolerance) if claim.amount is not None else None
        growth = _check_growth(claim, flows, lookup, tolerance) if claim.growth_pct is not None else None
        verdict = level or growth
        out.append(CheckedClaim(claim, verdict, growth if level is not None else None, tuple(notes)))
    return attach(out, roadmap) if roadmap is not None else out


def _assume(claim: Claim, pair: tuple[str, str] | None) -> tuple[Claim, list[str]]:
    if pair is None or (claim.reporter and claim.partner):
        return claim, []
    a, b = pair
    if claim.reporter is None and claim.partner is None:
        return replace(claim, reporter=a, partner=b), [f"economies not stated; assumed {a} and {b}"]
    known = claim.reporter or claim.partner
    if known not in pair:
        return claim, []
    other = b if known == a else a
    if claim.reporter is None:
        return replace(claim, reporter=other), [f"reporter not stated; assumed {other}"]
    return replace(claim, partner=other), [f"partner not stated; assumed {other}"]


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
    if claim.indicator not in CHECKABLE or (claim.indicator != "agri_exports" and claim.indicator.startswith("product")
                                            and product_scope(claim) is None):
        return _unchecked(part, "product", indicator=claim.indicator, product=claim.product or "?")
    if p is None:
        return _unchecked(part, "no_period")
    if p.year is None:
        return _unchecked(part, "relative" if p.relative else "no_period", text=p.text)
    if not claim.reporter or not claim.partner:
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
    differenced = f"difference of the cumulative figures January-{b} and January-{a - 1}" if a > 1 else ""
    if p.kind == "month":
        return [("", months), (differenced or "cumulative January", cumulative)]
    return [(f"sum of {n} monthly figures", months), (differenced, cumulative)]


def _frame(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _sides(claim: Claim, year: int, lookup) -> list[dict]:
    """Exports and imports of ``claim``'s relation in ``year``, one record per (side,
    source): reported_by, source, reporter, release, valuation, how, export, import.  Each
    (side, source) takes the first of :func:`_alternatives` for which it has every part."""
    out: dict[tuple[str, str], dict] = {}
    by_kind: dict[str, pd.DataFrame] = {}

    def part(kind: str, month: int | None) -> pd.DataFrame:
        if kind not in by_kind:  # one query per period kind; the months are picked here
            by_kind[kind] = lookup(claim, year, kind, None)
        df = by_kind[kind]
        return df if month is None or df.empty else df[df["month"] == month]

    for how, parts in _alternatives(claim.period):
        if {side for side, _ in out} >= {"economy", "partner"}:
            break  # both sides have a figure: the less direct ways are not needed
        frames = [part(kind, month).assign(_sign=sign, _part=f"{kind}{month}") for kind, month, sign in parts]
        df = _frame(frames)
        if df.empty:
            continue
        df["_value"] = df["value_usd"] * df["_sign"]
        agg = df.groupby(["reported_by", "source", "flow"], as_index=False).agg(
            value_usd=("_value", "sum"), parts=("_part", "nunique"), reporter=("reporter", "first"),
            release=("release", lambda r: ", ".join(sorted(set(r)))), valuation=("valuation", "first"))
        agg = agg[agg["parts"] == len(parts)]  # every part of a sum or difference must be there
        for (side, source), g in agg.groupby(["reported_by", "source"]):
            if (side, source) in out:
                continue
            rec = {"reported_by": side, "source": source, "reporter": g["reporter"].iloc[0], "how": how,
                   "release": ", ".join(sorted(set(", ".join(g["release"]).split(", ")))),
                   "valuation": ", ".join(f"{_FLIP[f] if side == 'partner' else f}s {v}"
                                          for f, v in zip(g["flow"], g["valuation"]) if isinstance(v, str))}
            rec.update(dict(zip(g["flow"], g["value_usd"])))
            out[(side, source)] = rec
    return list(out.values())


def product_scope(claim: Claim) -> tuple[str, tuple[str, ...]] | None:
    """(label, HS code prefixes) of a product or agricultural claim; ``None`` for totals."""
    if claim.indicator == "agri_exports":
        return "agricultural products (HS 01-24)", AGRI_HS
    if claim.indicator in ("product_exports", "product_imports") and claim.product in PRODUCT_HS:
        codes = PRODUCT_HS[claim.product]
        return f"{claim.product} (HS {', '.join(codes)})", codes
    return None


def _product_flows(flows: ibis.Table, prefixes: tuple[str, ...]) -> ibis.Table:
    """The HS lines (chapters, headings, subheadings) under ``prefixes``; bilateral_figures
    then takes the coarsest level a source gives, so no line is counted twice."""
    match = ibis.literal(False)
    for prefix in prefixes:
        match = match | flows.product_code.startswith(prefix)
    return flows.filter(flows.product_level.isin(["hs2", "hs4", "hs6"]) & match)


def _value(indicator: str, row) -> tuple[float | None, str]:
    exp, imp = row.get("export"), row.get("import")
    ok = lambda v: v is not None and not pd.isna(v)  # noqa: E731
    indicator = FLOW_OF.get(indicator, indicator)
    if indicator == "exports":
        return (exp if ok(exp) else None), "exports"
    if indicator == "imports":
        return (imp if ok(imp) else None), "imports"
    if not (ok(exp) and ok(imp)):
        return None, "exports and imports"
    return (exp + imp, "exports + imports") if indicator == "turnover" else (exp - imp, "exports - imports")


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


def _figures_for(claim: Claim, year: int, lookup) -> tuple[list[tuple[float, Evidence]], dict[str, str]]:
    """The figures of every (side, source) for ``year``, and what one side lacks (if any)."""
    label = _label(claim.period, year)
    out, missing = [], {}
    for row in _sides(claim, year, lookup):
        value, formula = _value(claim.indicator, row)
        if value is None:
            missing = {"reporter": row["reporter"], "formula": formula, "label": label}
            continue
        out.append((value, Evidence(row["reported_by"], row["reporter"], row["source"], row["release"], label,
                                    float(value), _definition(claim, row, formula))))
    return out, missing


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


def _judge(part: str, claimed: float, lo: float, hi: float, figs: list[tuple[float, Evidence]], unit: str,
           fmt: Callable[[float], str]) -> Verdict:
    """Growth deviations are in percentage points, level deviations in percent of the figure."""
    ev = []
    for value, e in figs:
        dev = claimed - value if part == "growth" else (claimed - value) / abs(value) * 100 if value else None
        ev.append(replace(e, deviation_pct=dev, matches=lo <= value <= hi))
    values = [v for v, _ in figs]
    hits = [e for e in ev if e.matches]
    if hits:
        names = "; ".join(f"{e.definition} = {fmt(e.value_usd)}" for e in hits)
        return Verdict("supported", part, f"matches {names}", tuple(ev), low=lo, high=hi, reason="match")  # type: ignore[arg-type]
    if len(values) > 1 and min(values) <= claimed <= max(values):
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


def _check_level(claim: Claim, flows, lookup, tol: Tolerance) -> Verdict:
    early = _precheck(claim, "level", flows)
    if early is not None:
        return early
    figs, missing = _figures_for(claim, claim.period.year, lookup)
    if not figs:
        return _not_found(claim, claim.period.year, missing)
    lo, hi = bounds(claim.value_usd, (claim.amount_step or 0) * (claim.value_usd / claim.amount if claim.amount else 1),
                    claim.qualifiers, tol, converted=claim.converted)
    return _noted(_judge("level", claim.value_usd, lo, hi, figs, "", usd), missing)


def _noted(verdict: Verdict, missing: dict[str, str]) -> Verdict:
    """Say which side's figure was missing, so that a verdict from one side reads as such."""
    if not missing:
        return verdict
    text = missing_text("side_missing", missing, "en")
    return replace(verdict, explanation=f"{verdict.explanation} (not in the workspace: {text})",
                   params=verdict.params + tuple((f"missing_{k}", v) for k, v in missing.items()))


def _check_growth(claim: Claim, flows, lookup, tol: Tolerance) -> Verdict:
    early = _precheck(claim, "growth", flows)
    if early is not None:
        return replace(early, part="growth")
    year = claim.period.year
    now, missing = _figures_for(claim, year, lookup)
    before, missing_before = _figures_for(claim, year - 1, lookup)
    if not now:
        return _not_found(claim, year, missing, "growth")
    if not before:
        return _not_found(claim, year - 1, missing_before, "growth")
    base = {(e.reported_by, e.source): (v, e) for v, e in before}
    figs = []
    for v, e in now:
        if (e.reported_by, e.source) in base and base[(e.reported_by, e.source)][0]:
            v0, e0 = base[(e.reported_by, e.source)]
            g = (v / v0 - 1.0) * 100.0
            figs.append((g, replace(e, value_usd=g, period=f"{e0.period} -> {e.period}",
                                    release=e.release if e.release == e0.release else f"{e0.release} -> {e.release}",
                                    definition=f"growth of {e.definition}: {usd(v0)} -> {usd(v)}")))
    if not figs:
        return _unchecked("growth", "no_base", base=_label(claim.period, year - 1), label=_label(claim.period, year))
    lo, hi = bounds(claim.growth_pct, claim.growth_step, claim.qualifiers, tol)
    return _noted(_judge("growth", claim.growth_pct, lo, hi, figs, " pt", lambda g: f"{g:+.1f}%"), missing or missing_before)
