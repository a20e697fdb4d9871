"""Follow a deal into the trade statistics: flows of its products after signing against
the same span before it, per side.

Method (documented in ``docs/deals.md``):

- *Sides*: the exporter's own statistics (its exports to the importer) and the importer's
  mirror statistics (its imports from the exporter), each computed on its own.
- *Products*: every HS code of the deal, at any level, selects the statistics' codes it
  covers (prefix match at the statistics' level).  A code of another HS revision is taken
  across with the Atlas's trade-weighted conversion weights
  (:func:`corridor.reference.conversion.conversion_weights`, from the statistics'
  revision to the deal's): a statistics code counts with the share of its trade attributed
  to the deal's code.  A deal code finer than the statistics (HS6 against HS4 data)
  selects its HS4 parent and is flagged ``broader_than_deal``.
- *Windows*: the *horizon* is the ``horizon_months`` calendar months after the signing
  month; the *baseline* the same number of months before it; the signing month is in
  neither.  With monthly figures loaded, months are summed; otherwise annual figures are
  pro-rated by the months of the window in each year (an even spread within the year is
  assumed: ``granularity = 'year'`` and ``overlap`` say so).
- *Excess* = after - baseline; *conversion* = excess / pledged USD.  Both are left empty
  when the statistics do not yet cover the whole horizon (flag ``horizon_not_covered``,
  ``covered_fraction`` says how much they cover).
- *Visibility*: a deal is flagged ``products_too_broad`` when its pledge per year is below
  5 % of its products' baseline flows per year, or below one standard deviation of their
  year-on-year changes: the statistics then cannot tell the deal from ordinary variation.

This is a plain pre/post comparison of the deal's products, corridor's own definition
(stated above): it says how much more of the products flowed, not that the deal caused it.
The visibility rule is a rule of thumb, not a statistical test; the event-level estimate
against products not in any deal is :mod:`corridor.deals.event`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import Deal

#: below this share of the products' flows a pledge is flagged as not visible
VISIBLE_SHARE = 0.05

Side = tuple[str, str, str]  # (reporter, partner, flow)


@dataclass(frozen=True, slots=True, kw_only=True)
class SideFollowUp:
    """One side's follow-up of a deal (values in US dollars, ``None`` where unknown).

    ``reported_by`` is the economy whose statistics give the figures, ``side`` is
    ``'exporter'`` (own statistics) or ``'importer'`` (mirror).  ``overlap`` lists, for
    annual data, ``(year, months of the horizon in it, months of the baseline in it)``.
    ``flags`` are keys rendered by the reports."""

    reported_by: str
    side: str
    granularity: str | None
    classification: str | None
    level: str | None
    baseline_usd: float | None
    after_usd: float | None
    excess_usd: float | None
    conversion: float | None
    covered_fraction: float
    overlap: tuple[tuple[int, int, int], ...]
    product_flows_usd: float | None
    codes_not_found: tuple[str, ...]
    flags: tuple[str, ...]
    source: str | None


def windows(deal: Deal) -> tuple[range, range]:
    """Month indexes (``year * 12 + month - 1``) of the horizon and of the baseline."""
    m0, h = deal.signed_month_index, deal.horizon_months
    return range(m0 + 1, m0 + 1 + h), range(m0 - h, m0)


def product_weights(deal: Deal, codes: Iterable[str], *, classification: str, level: str) -> tuple[dict[str, float], tuple[str, ...], bool]:
    """Statistics codes the deal's products select, with their weights; the deal codes that
    select nothing; whether any deal code is finer than the statistics."""
    available = sorted(set(codes))
    digits = int(level[2:]) if level.startswith("hs") else 0
    weights: dict[str, float] = {}
    missing: list[str] = []
    broader = False
    for pc in deal.hs_codes:
        chosen: dict[str, float] = {}
        if pc.revision is not None and pc.revision != classification and len(pc.code) >= 4 and digits in (4, 6) and classification.startswith("HS"):
            from ..reference.conversion import conversion_weights

            table = conversion_weights(classification, pc.revision, level=f"hs{digits}")
            target = table["target_code"].str.slice(0, len(pc.code)) if len(pc.code) <= digits else table["target_code"]
            if len(pc.code) > digits:
                broader = True
                hit = table[table["target_code"] == pc.code[:digits]]
            else:
                hit = table[target == pc.code]
            for code, w in hit.groupby("source_code")["weight"].sum().items():
                if code in set(available):
                    chosen[code] = float(min(w, 1.0))
        else:
            key = pc.code[:digits] if len(pc.code) > digits else pc.code
            broader |= len(pc.code) > digits
            chosen = {c: 1.0 for c in available if c.startswith(key)}
        if not chosen:
            missing.append(pc.code if pc.revision is None else f"{pc.revision}:{pc.code}")
        for c, w in chosen.items():
            weights[c] = max(weights.get(c, 0.0), w)
    return weights, tuple(missing), broader


def _side_rows(flows: pd.DataFrame, side: Side) -> pd.DataFrame:
    reporter, partner, flow = side
    f = flows[(flows["reporter"] == reporter) & (flows["partner"] == partner) & (flows["flow"] == flow)]
    return f[f["product_level"].isin(["hs2", "hs4", "hs6"])]


def _finest(rows: pd.DataFrame) -> tuple[str, str, str] | None:
    """(period kind, classification, level) to use: months before years, finest level."""
    if rows.empty:
        return None
    for kind in ("month", "year"):
        k = rows[rows["period_kind"] == kind]
        if not k.empty:
            level = max(k["product_level"].unique(), key=lambda lv: int(lv[2:]))
            k = k[k["product_level"] == level]
            classification = k["classification"].value_counts().idxmax()
            return kind, classification, level
    return None


def _window_sum(series: pd.Series, months: range, kind: str) -> tuple[float, float, list[tuple[int, int]]]:
    """Sum of the window from a series indexed by month index (months) or year (years):
    (value, covered fraction, [(year, months in the window)])."""
    if kind == "month":
        present = [m for m in months if m in series.index]
        value = float(sum(series[m] for m in present))
        return value, len(present) / len(months), [(m // 12, 1) for m in present]
    per_year: dict[int, int] = {}
    for m in months:
        per_year[m // 12] = per_year.get(m // 12, 0) + 1
    value, covered = 0.0, 0
    for year, n in per_year.items():
        if year in series.index:
            value += float(series[year]) * n / 12.0
            covered += n
    return value, covered / len(months), sorted(per_year.items())


def follow_side(deal: Deal, flows: pd.DataFrame, *, side: str) -> SideFollowUp:
    """The follow-up of ``deal`` by one side's statistics (``'exporter'`` or ``'importer'``)."""
    if side == "exporter":
        reported_by, spec = deal.exporter, (deal.exporter, deal.importer, "export")
    else:
        reported_by, spec = deal.importer, (deal.importer, deal.exporter, "import")
    rows = _side_rows(flows, spec)
    pick = _finest(rows)
    empty = dict(reported_by=reported_by, side=side, baseline_usd=None, after_usd=None, excess_usd=None,
                 conversion=None, covered_fraction=0.0, overlap=(), product_flows_usd=None, source=None)
    if pick is None:
        return SideFollowUp(granularity=None, classification=None, level=None,
                            codes_not_found=tuple(pc.code for pc in deal.hs_codes), flags=("no_statistics",), **empty)
    kind, classification, level = pick
    rows = rows[(rows["period_kind"] == kind) & (rows["classification"] == classification) & (rows["product_level"] == level)]
    weights, missing, broader = product_weights(deal, rows["product_code"].unique(), classification=classification, level=level)
    flags = ["broader_than_deal"] if broader else []
    if missing:
        flags.append("codes_not_in_statistics")
    if not weights:
        return SideFollowUp(granularity=kind, classification=classification, level=level, codes_not_found=missing,
                            flags=tuple(flags), **empty)
    sel = rows[rows["product_code"].isin(weights.keys())]
    value = sel["value_usd"].to_numpy() * sel["product_code"].map(weights).to_numpy()
    index = (sel["year"].astype(int) * 12 + sel["month"].astype(int) - 1) if kind == "month" else sel["year"].astype(int)
    series = pd.Series(value, index=index.to_numpy()).groupby(level=0).sum().sort_index()
    after_m, before_m = windows(deal)
    after, cov_after, over_after = _window_sum(series, after_m, kind)
    before, cov_before, over_before = _window_sum(series, before_m, kind)
    complete = cov_after >= 1.0 and cov_before >= 1.0
    if cov_after < 1.0:
        flags.append("horizon_not_covered")
    if cov_before < 1.0:
        flags.append("baseline_not_covered")
    annual = series if kind == "year" else series.groupby(series.index // 12).sum()
    per_year = before / deal.horizon_months * 12.0 if cov_before >= 1.0 else (float(annual.mean()) if len(annual) else None)
    noise = float(np.std(np.diff(annual.to_numpy()), ddof=1)) if len(annual) >= 3 else None
    pledge_per_year = deal.pledged_usd / deal.horizon_months * 12.0
    if per_year and (pledge_per_year < VISIBLE_SHARE * per_year or (noise is not None and pledge_per_year < noise)):
        flags.append("products_too_broad")
    excess = after - before if complete else None
    overlap: tuple[tuple[int, int, int], ...] = ()
    if kind == "year":
        a, b = dict(over_after), dict(over_before)
        overlap = tuple((y, a.get(y, 0), b.get(y, 0)) for y in sorted(a.keys() | b.keys()))
    sources = sel["source"].unique() if "source" in sel else []
    return SideFollowUp(
        reported_by=reported_by, side=side, granularity=kind, classification=classification, level=level,
        baseline_usd=before if cov_before > 0 else None, after_usd=after if cov_after > 0 else None,
        excess_usd=excess, conversion=(excess / deal.pledged_usd) if excess is not None else None,
        covered_fraction=min(cov_after, 1.0), overlap=overlap, product_flows_usd=per_year,
        codes_not_found=missing, flags=tuple(flags), source=",".join(sorted(map(str, sources))) or None,
    )


def follow_up(deal: Deal, flows: pd.DataFrame) -> tuple[SideFollowUp, SideFollowUp]:
    """Both sides' follow-up of ``deal``: (exporter's statistics, importer's mirror)."""
    return follow_side(deal, flows, side="exporter"), follow_side(deal, flows, side="importer")


def event_totals(deals: Iterable[Deal]) -> pd.DataFrame:
    """Pledged USD by event, status and HS chapter (a deal over several chapters is split
    equally between them): ``event, status, chapter, deals, pledged_usd``."""
    rows = []
    for d in deals:
        chapters = sorted({pc.code[:2] for pc in d.hs_codes})
        for ch in chapters:
            rows.append({"event": d.event, "status": d.status, "chapter": ch, "deal": d.id,
                         "pledged_usd": d.pledged_usd / len(chapters)})
    frame = pd.DataFrame(rows, columns=["event", "status", "chapter", "deal", "pledged_usd"])
    return (frame.groupby(["event", "status", "chapter"], as_index=False)
            .agg(deals=("deal", "nunique"), pledged_usd=("pledged_usd", "sum")))


def flows_for(deals: Iterable[Deal]) -> Mapping[str, set[str]]:
    """The (reporter -> partners) pairs whose flows a set of deals needs, for a query."""
    out: dict[str, set[str]] = {}
    for d in deals:
        out.setdefault(d.exporter, set()).add(d.importer)
        out.setdefault(d.importer, set()).add(d.exporter)
    return out
