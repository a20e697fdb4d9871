"""Rank an exporter's opportunities in a market: export potential x product space x market.

:func:`rank_opportunities` takes :class:`OpportunityInputs` (Ibis tables for supply,
world, demand and actual exports; optional product-space measures and product flags as
small frames), computes the ITC-style export potential
(:func:`corridor.opportunities.potential.export_potential`), scores every candidate
product with an Atlas strategy preset plus the market term
(:func:`corridor.opportunities.strategy.score`), ranks - by default with the
"balanced" shortlist of :mod:`corridor.opportunities.shortlist` (worth-money floor, then
strategy score combined with log untapped potential) - and explains the top products in
English and Russian.  The result is an :class:`Opportunities` value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from ..errors import ConfigError, QueryError
from ..indicators.notes import KeyedNotes, Note, note
from ..store.figures import in_order
from .explain import explain_frame, ranking_notes
from .potential import export_potential
from .shortlist import balanced, existing_strength, threshold
from .shortlist import processed_only as processed_only_rows
from .strategy import STRATEGIES, score, strategy_weights

from ..options import RankBy, check, values
from ..messages import Message

RANK_BY: tuple[str, ...] = values(RankBy)

#: Columns of the ranked table, in order (those without data are null).
COLUMNS: tuple[str, ...] = (
    "rank", "product", "name_en", "name_ru", "wits_group", "is_natural_resource", "is_agricultural",
    "existing_strength", "demand", "demand_growth", "demand_projected", "supply", "supply_share", "rca", "actual",
    "potential", "untapped", "realised", "density", "distance", "pci", "cog", "feasibility",
    "feasibility_pct", "product_space_score", "market_score", "score", "value_score", "balanced_score",
    "why_en", "why_ru",
)


@dataclass(frozen=True, slots=True)
class OpportunityInputs(KeyedNotes):
    """Everything an opportunity ranking needs, for one exporter, market and year.

    Tables (Ibis, ``[product, value]``): ``supply`` the exporter's exports to the world,
    ``world`` world exports by product, ``demand`` the market's imports by product (with
    an optional ``growth`` column, annual rate), ``actual`` the exporter's exports to the
    market.  ``space``: product-space measures of the exporter (pandas ``[product, density,
    distance, pci, cog, rca]``, any subset) or ``None``.  ``products``: product names and
    flags (pandas ``[product, name_en, name_ru, wits_group, is_natural_resource,
    is_agricultural]``) or ``None``.  ``notes`` say which data stand for what and which
    proxies were used; they are carried into the result.
    """

    exporter: str
    market: str
    year: int
    supply: ir.Table
    world: ir.Table
    demand: ir.Table
    actual: ir.Table
    space: pd.DataFrame | None = None
    products: pd.DataFrame | None = None
    market_name_en: str = ""
    market_name_ru: str = ""
    note_keys: tuple[Note, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Opportunities(KeyedNotes):
    """Ranked opportunities of ``exporter`` in ``market``.

    ``table`` has the columns :data:`COLUMNS`, one row per ranked product (best first);
    ``ease`` is the bilateral ease factor B_ij of the export-potential method;
    ``candidates`` the number of products scored before the ``top`` cut (after the
    filters); ``min_untapped`` the untapped-potential floor applied (USD, 0 = none);
    ``processed_only`` whether natural resources were left out; ``notes`` the data,
    assumptions and filters behind the figures (``notes_ru``: the same in Russian).
    """

    exporter: str
    market: str
    year: int
    strategy: str
    rank_by: str
    ease: float
    candidates: int
    table: pa.Table
    note_keys: tuple[Note, ...] = ()
    min_untapped: float = 0.0
    processed_only: bool = False

    def to_arrow(self) -> pa.Table:
        return self.table

    def to_pandas(self) -> pd.DataFrame:
        return self.table.to_pandas()

    def to_polars(self):  # -> polars.DataFrame (polars is imported only when asked for)
        import polars as pl

        return pl.from_arrow(self.table)


def _check(strategy: str, rank_by: str, top: int | None) -> None:
    strategy_weights(strategy)  # raises ConfigError listing STRATEGIES
    check(rank_by, RankBy, field="rank_by")
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise ConfigError(Message("opp_top", value=top))


def rank_opportunities(
    inputs: OpportunityInputs,
    *,
    strategy: str = "balanced_portfolio",
    rank_by: RankBy = "balanced",
    top: int | None = 50,
    market_weight: float = 0.5,
    horizon: int = 0,
    exclude_competitive: bool | None = None,
    min_untapped_share: float | None = None,
    min_untapped_usd: float | None = None,
    value_weight: float = 0.5,
    processed_only: bool = False,
) -> Opportunities:
    """Score, rank and explain the products ``inputs.exporter`` could sell to ``inputs.market``.

    Candidates are the products the market imports (demand > 0), filtered in this order:

    * ``exclude_competitive``: leave out the products in which the exporter already has
      RCA >= 1 (the Atlas's convention for "new" products).  By default (``None``) they
      are left out when ranking by ``balanced`` or ``score`` (what could be sold *next*)
      and kept, flagged ``existing_strength``, when ranking by ``untapped`` or
      ``potential`` (where existing strengths are under-used);
    * ``processed_only``: leave out natural resources (the Atlas natural-resource list);
    * the untapped-potential floor ``max(min_untapped_share * actual exports to the market,
      min_untapped_usd)`` (:func:`corridor.opportunities.shortlist.threshold`; by default
      1e-5 of actual exports for ``balanced``, none otherwise).

    ``rank_by``: ``'balanced'`` (default) ranks by ``(1 - value_weight) * score +
    value_weight * z(ln(1 + untapped))`` (:mod:`corridor.opportunities.shortlist`),
    ``'score'`` by the pure strategy score (product space + market, Atlas presets),
    ``'untapped'`` by untapped potential in USD, ``'potential'`` by potential.  Scores are
    z-scores over the candidates left after the filters.  Ties are broken by untapped
    potential, then product code.  ``strategy`` is one of
    :data:`corridor.opportunities.strategy.STRATEGIES`.
    """
    _check(strategy, rank_by, top)
    if not isinstance(processed_only, bool):
        raise ConfigError(Message("opp_processed_only", value=processed_only))
    pot = export_potential(inputs.supply, inputs.world, inputs.demand, inputs.actual, horizon=horizon).to_pandas()
    pot = in_order(pot, ["product"])  # a query's rows come in any order; the sums below follow it
    if pot.empty:
        raise QueryError(Message("opp_no_demand", market=inputs.market, year=inputs.year))
    floor = threshold(float(pot["actual"].sum()), rank_by=rank_by, min_untapped_share=min_untapped_share,
                      min_untapped_usd=min_untapped_usd)
    ease = float(pot["ease"].iloc[0])
    frame = pot.drop(columns=["ease"])
    growth = _growth(inputs.demand)
    if growth is not None:
        frame = frame.merge(growth, on="product", how="left")
    for extra in (inputs.space, inputs.products):
        if extra is not None and not extra.empty:
            frame = frame.merge(extra.drop_duplicates("product"), on="product", how="left")
    frame["existing_strength"] = existing_strength(frame)
    if exclude_competitive is None:
        exclude_competitive = rank_by in ("balanced", "score")
    sizes = [len(frame)]
    if exclude_competitive:
        frame = frame[~frame["existing_strength"].fillna(False).to_numpy(dtype=bool)]
    sizes.append(len(frame))
    if processed_only:
        frame = processed_only_rows(frame)
    sizes.append(len(frame))
    if floor.usd > 0:
        frame = frame[frame["untapped"] >= floor.usd]
    sizes.append(len(frame))
    counts = dict(zip(("strengths", "natural", "small"), (a - b for a, b in zip(sizes, sizes[1:]))))
    scored = balanced(score(frame, strategy=strategy, market_weight=market_weight), value_weight=value_weight)
    n_other = max(len(scored) - 1, 1)
    scored["feasibility_pct"] = 100.0 * (scored["feasibility"].rank(method="min") - 1.0) / n_other
    key = {"balanced": "balanced_score", "score": "score", "untapped": "untapped", "potential": "potential"}[rank_by]
    scored = scored.sort_values([key, "untapped", "product"], ascending=[False, False, True], kind="mergesort")
    candidates = len(scored)
    ranked = (scored.head(top) if top is not None else scored).reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    names = {"en": inputs.market_name_en or inputs.market, "ru": inputs.market_name_ru or inputs.market}
    ranked["why_en"] = explain_frame(ranked, lang="en", market_name=names["en"])
    ranked["why_ru"] = explain_frame(ranked, lang="ru", market_name=names["ru"])
    for col in COLUMNS:
        if col not in ranked:
            ranked[col] = pd.NA
    table = pa.Table.from_pandas(_typed(ranked[list(COLUMNS)]), preserve_index=False)
    notes = list(inputs.note_keys)
    if inputs.space is None or inputs.space.empty:
        notes.append(note("no_space"))
    notes.extend(ranking_notes(counts=counts, threshold=floor, rank_by=rank_by, value_weight=value_weight))
    return Opportunities(
        exporter=inputs.exporter, market=inputs.market, year=inputs.year, strategy=strategy,
        rank_by=rank_by, ease=ease, candidates=candidates, table=table, note_keys=tuple(notes),
        min_untapped=floor.usd, processed_only=processed_only,
    )


def _growth(demand: ir.Table) -> pd.DataFrame | None:
    if "growth" not in demand.columns:
        return None
    g = demand.group_by("product").aggregate(demand_growth=demand.growth.max()).to_pandas()
    return g


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give all-null columns a concrete dtype so that Arrow has a stable schema."""
    out = frame.copy()
    text = {"product", "name_en", "name_ru", "wits_group", "why_en", "why_ru"}
    flags = {"is_natural_resource", "is_agricultural", "existing_strength"}
    for col in out.columns:
        if col in text:
            out[col] = out[col].astype("string")
        elif col in flags:
            out[col] = out[col].astype("boolean")
        elif col == "rank":
            out[col] = out[col].astype("int64")
        else:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out


__all__ = ["COLUMNS", "RANK_BY", "STRATEGIES", "OpportunityInputs", "Opportunities", "rank_opportunities"]
