"""The bilateral monitor: one economy's trade with one partner, as reported by each side.

Computation only; rendering lives in :mod:`corridor.reports.monitor`.

Definitions (all from the first economy's point of view):

- exports, imports: :func:`corridor.store.figures.bilateral_figures` (own statistics and
  the partner's mirror statistics, side by side);
- turnover = exports + imports; balance = exports - imports, both within one side;
- growth: year-on-year percentage change within one side and one source;
- gap: mirror minus own, in USD and as a percentage of own (UNSD IMTS 2010 asymmetry);
- composition by HS section: shares of the product-level total (WCO HS sections I-XXI);
- agricultural share: WTO Agreement on Agriculture, Annex 1 product coverage;
- non-commodity share: 1 - natural-resource share (Atlas of Economic Complexity list of
  natural-resource products, mapped to HS by conversion weights);
- concentration: Herfindahl-Hirschman index of product shares, sum of s_i^2 in [0, 1]
  (Herfindahl 1950; Hirschman 1945);
- products exported: number of product lines with a value > 0; products gained / lost:
  lines present this year and absent the year before, and vice versa (same source,
  classification and level in both years, else not computed).
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .engines import statement_arrow
from .errors import CorridorError, QueryError, ReferenceDataError
from .messages import Message
from .schema import period_label
from .store.figures import VINTAGE_SQL, choose_figures, exact_sum, first_of_each, in_order, missing_last, vintage
from .store.sums import SHARE_SCALE, exact_fsum, exact_sum_sql
from .indicators.notes import Note, note
from .schema import SYNTHETIC_RELEASE
from .store.months import CachedMonths, cached_months
from .store.periods import (HS_WIDTH, cached_only, complete_months, months_stored, relation_periods_sql,
                            stored_months_sql)
from .store.workspace import Workspace

from .options import LEVELS as PRODUCT_LEVELS


@dataclass(frozen=True, slots=True)
class MonitorReport:
    """Plain data of the monitor.

    - ``figures``: every figure from every source and side (``FIGURE_COLUMNS`` plus ``primary``);
    - ``summary``: year x reported_by: exports, imports, turnover, balance and growth (%);
    - ``gaps``: year x flow: own, mirror, gap_usd, gap_pct;
    - ``structure``: year x reported_by x flow: products, hhi, agricultural_share,
      non_commodity_share, gained, lost, source, classification, level;
    - ``sections``: year x reported_by x flow x section: value_usd, share;
    - ``top_products``: year x reported_by x flow: rank, code, name, value_usd, share, growth_pct;
    - ``changes``: products gained and lost, year x reported_by x flow x change x code.
    """

    economy: str
    partner: str
    years: tuple[int, ...]
    level: str
    figures: pd.DataFrame
    summary: pd.DataFrame
    gaps: pd.DataFrame
    structure: pd.DataFrame
    sections: pd.DataFrame
    top_products: pd.DataFrame
    changes: pd.DataFrame
    synthetic: bool = False
    notes: tuple[Note, ...] = field(default_factory=tuple)
    #: the period of every year's figures: ``year`` (12 months), ``ytd`` (January-``months``)
    #: or ``month`` (the month-by-month series, ``months`` = 1)
    period_kind: str = "year"
    months: int = 12
    #: sides without a figure: (side, reported_by, about, reason), reason ``partner_region``
    #: (the reporter's statistics do not break trade down by the partner's regions) or ``no_data``
    absent: tuple[tuple[str, str, str, str], ...] = ()
    #: years in which one side's reports break with its other years (keyed, see
    #: :mod:`corridor.indicators.coverage`; also among ``notes``): growth and changes
    #: involving them compare reports of different coverage
    coverage_breaks: tuple = field(default_factory=tuple)


def build_monitor(
    flows: ibis.Table | Workspace,
    *,
    economy: str,
    partner: str,
    year_from: int,
    year_to: int,
    level: str = "hs4",
    top: int = 10,
    months: int | None = None,
    monthly: bool = False,
) -> MonitorReport:
    """Compute the monitor of ``economy`` with ``partner`` for ``year_from..year_to``.

    ``months = N``: January-N of each year (growth over January-N a year earlier);
    ``monthly``: the month-by-month series (growth over the same month a year earlier; no
    product tables).  Each period's figures have one basis per side and source
    (:func:`corridor.store.periods.relation_periods_sql`: annual, published cumulative, sum of months
    or differenced cumulative figures), so nothing is counted twice.

    ``flows``: a flow table, or a :class:`~corridor.store.Workspace` for its latest
    releases, whose monthly rows are then read from the stored monthly aggregate
    (:mod:`corridor.store.months`) when it is exact for the query (the same results, fewer
    rows read; else the workspace's flow table, as when a table is given).

    The report is flagged ``synthetic`` when any figure comes from the synthetic sample
    (release ``SYNTHETIC``)."""
    if level not in PRODUCT_LEVELS:
        raise QueryError(Message("mon_level", level=level, allowed=", ".join(PRODUCT_LEVELS)))
    if year_from > year_to:
        raise QueryError(Message("mon_from_after_to", year_from=year_from, year_to=year_to))
    if monthly and months is not None:
        raise QueryError(Message("mon_months_monthly"))
    years = tuple(range(year_from, year_to + 1))
    kind = "month" if monthly else ("year" if months in (None, 12) else "ytd")
    n_months = 1 if monthly else (months or 12)
    if economy == partner:
        raise QueryError(Message("ws_same_economy", economy=economy))
    given = flows
    # one DuckDB statement reads the relation's rows (both sides, the period kinds asked
    # for; monthly rows already summed from the stored aggregate when it is exact) once,
    # sums them exactly to the product level asked for (month by month: to totals) and
    # chooses each period's basis; the figures and the product tables are then small
    # queries over those period rows, held as Arrow (no Ibis compilation, no pandas over
    # product lines)
    cached = fast = None
    if isinstance(flows, Workspace):
        cached = cached_months(flows, economy=economy, partner=partner, years=years, monthly=monthly)
        if cached is not None and not monthly and cached_only(cached, months=months, monthly=monthly):
            # the stored aggregate alone: its rows read in one scan, the rest in Arrow and
            # NumPy (the same bits as the statement below; the flow table not compiled)
            fast = _cached_tables(flows.connection, cached, economy=economy, months=months, level=level,
                                  classes=cached.classifications)
        flows = flows.flows() if fast is None else None
    con, flows_sql = (None, None) if fast is not None else _duckdb_source(flows)

    def periods(at: str | None) -> str:
        return relation_periods_sql(flows_sql, economy=economy, partner=partner, years=years, months=months,
                                    monthly=monthly, level=at, cached=cached)

    if fast is not None:
        sums, parts = fast
        figures = choose_figures(sums, extra=("origin",))
        tables = _product_tables_from(*parts, level=level, top=top, classes=cached.classifications)
    elif cached is not None and not monthly:
        # from the stored aggregate, one statement computes the period rows at the product
        # level and with every line summed (a few dozen rows) and from them the product
        # tables and the figures (the same groups, choices and exact sums as from the lines:
        # one plan); the reference tables joined are those of the relation's
        # classifications in the catalogue
        out = _product_statement(con, f"({periods(level)})", level=level, classes=cached.classifications,
                                 figures=f"({periods(None)})")
        figures = choose_figures(_figure_part(out), extra=("origin",))
        tables = _product_tables_of(out, level=level, top=top, classes=cached.classifications)
    else:
        with _temporary(con, periods(None if monthly else level)) as rows:
            figures = relation_figures(con, rows)
            tables = None if monthly else product_tables(con, rows, level=level, top=top)
    partial = _partial_years(given, figures, economy=economy, partner=partner, years=years) if kind == "year" else ()
    if figures.empty:
        what = {"year": "", "ytd": Message("mon_ytd", n=n_months), "month": Message("mon_monthly")}[kind]
        if partial:
            raise QueryError(Message("mon_only_partial", economy=economy, partner=partner, y0=year_from, y1=year_to,
                                     spans=[Message("mon_span", year=y, n=n, reporter=r) for y, n, r in partial],
                                     n=min(n for _, n, _ in partial)))
        raise QueryError(Message("mon_no_figures", economy=economy, partner=partner, y0=year_from, y1=year_to, what=what))
    figures = mark_primary(figures)
    synthetic = bool((figures["release"] == SYNTHETIC_RELEASE).any())
    summary = summarise(figures)
    gaps = mirror_gaps(figures)
    structure, sections, top_products, changes = tables or _empty_product_tables()
    notes = []
    if (figures["source"] == "baci").any():
        notes.append(note("baci_reconciled"))
    summary, change_notes = _territory_breaks(summary, (economy, partner), years)
    notes += change_notes
    from .indicators.coverage import coverage_breaks

    breaks = coverage_breaks(figures)
    notes += [b.note() for b in breaks]
    if partial:
        from .indicators.notes import Spans

        notes.append(note("partial_years", spans=Spans(partial), n=min(n for _, n, _ in partial)))
    derived = sorted(set(figures.loc[figures["primary"], "origin"]) - {"annual", "published"})
    if derived:
        from .indicators.notes import Words

        notes.append(note("derived_figures", origins=Words(tuple(derived))))
    return MonitorReport(economy, partner, years, level, figures, summary, gaps, structure, sections,
                         top_products, changes, synthetic, tuple(notes), kind, n_months,
                         absent_sides(figures, economy=economy, partner=partner), breaks)


def _partial_years(flows: ibis.Table | Workspace, figures: pd.DataFrame, *, economy: str, partner: str,
                   years: tuple[int, ...]) -> tuple[tuple[int, int, str], ...]:
    """``(year, N, reporters)`` of the years and sides of the relation without a figure for
    the whole year that hold January-N figures (:func:`corridor.store.periods.months_stored`;
    the reporters of the same year and N joined): what an annual monitor leaves out.  Read
    only when a year and side have no figure; from a workspace, in its catalogue of what
    each ingest covers (a few rows per file), not in its flows."""
    have = set(zip(figures["year"].tolist(), figures["reported_by"].tolist()))
    missing = [y for y in years if not {(y, "economy"), (y, "partner")} <= have]
    if not missing:
        return ()
    con, sql = _duckdb_source(flows.coverage() if isinstance(flows, Workspace) else flows)
    rows = con.execute(stored_months_sql(sql, economy=economy, partner=partner, years=missing)).fetchall()
    spans: dict[tuple[int, int], list[str]] = {}
    for y, side, reporter, ytd, bits in rows:
        if (y, side) not in have and (n := months_stored(ytd, bits)):
            spans.setdefault((int(y), n), []).append(reporter)
    return tuple((y, n, ", ".join(sorted(r))) for (y, n), r in sorted(spans.items()))


def absent_sides(figures: pd.DataFrame, *, economy: str, partner: str) -> tuple[tuple[str, str, str, str], ...]:
    """The sides without any figure: (side, reported_by, about, reason).  ``partner_region``
    when the side's reporter would have to report trade with a region of another country
    (national statistics, e.g. Kazakhstan's, give partners as countries, not as China's
    provinces); else ``no_data``."""
    present = set(figures["reported_by"])
    out = []
    for side, who, about in (("economy", economy, partner), ("partner", partner, economy)):
        if side in present:
            continue
        reason = "partner_region" if "-" in about and about.split("-")[0] != who.split("-")[0][:2] else "no_data"
        out.append((side, who, about, reason))
    return tuple(out)


def _territory_breaks(summary: pd.DataFrame, codes: tuple[str, str], years: tuple[int, ...]) -> tuple[pd.DataFrame, list[Note]]:
    """No growth across a change of a region's territory (Kazakhstan's 2018 and 2022
    changes): the figures before and after cover different areas."""
    from .reference.national import region_changes

    changes = region_changes()
    notes, out = [], summary
    for code in codes:
        if code in changes and changes[code][0] in years[1:]:
            year, what = changes[code]
            cols = [c for c in out.columns if c.endswith("_growth_pct")]
            out = out.copy()
            out.loc[out["year"] == year, cols] = np.nan
            notes.append(note("territory_change", code=code, year=year, what=what, previous=year - 1))
    return out, notes


def mark_primary(figures: pd.DataFrame) -> pd.DataFrame:
    """Flag one figure per (year, flow, side): a reported total first, then the coarsest
    basis, then the source name (stable).  (The order in plain Python over the few dozen
    figures, the frame taken once, as in :func:`corridor.store.figures.choose_figures`.)"""
    order = {"total": 0, "section": 1, "group": 2, "hs2": 3, "hs4": 4, "hs6": 5}
    col = {c: figures[c].tolist() for c in ("year", "period_kind", "month", "flow", "reported_by", "source",
                                            "product_level")}
    rows = sorted(range(len(figures)), key=lambda i: (
        *(missing_last(col[c][i]) for c in ("year", "flow", "reported_by")),
        missing_last(order.get(col["product_level"][i])), missing_last(col["source"][i])))
    df = figures.take(rows)
    key = ("year", "period_kind", "month", "flow", "reported_by")
    first = set(first_of_each(rows, [tuple(missing_last(col[c][i]) for c in key) for i in range(len(figures))]))
    df["primary"] = np.array([i in first for i in rows], dtype=bool)
    return df.reset_index(drop=True)


def _growth(cur: pd.Series, prev: pd.Series) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (cur / prev - 1.0) * 100.0
    return g.where(prev > 0)


def summarise(figures: pd.DataFrame) -> pd.DataFrame:
    """Period x side: exports, imports, turnover, balance and growth over the same period a
    year earlier (the year before; January-N of the year before; the same month of the year
    before), primary figures.

    Growth is given only where both periods' figures come from the same source and the same
    kind of basis (reported total, or a sum of product lines at the same level and
    classification): a change of source or basis is not growth.  When the primary figures of
    the two periods differ in source or basis, the earlier period's figure of the current
    one's source and basis is used if the workspace has it (Kazakhstan's 2024 imports from
    WITS's lines against WITS's 2023 lines, not against Comtrade's 2023 reported total).
    (Plain Python over the few dozen figures: pandas' pivots cost more than the rest of the
    summary.)"""
    def basis(source, level, cls, kind, origin) -> str:
        return f"{source}|{level}|{cls}|{kind}|{origin}"

    n = len(figures)
    all_origins = figures["origin"].tolist() if "origin" in figures else [None] * n
    same_basis: dict[tuple, float] = {}
    for side, year, month, flow, value, source, level, cls, kind, origin in zip(
            *(figures[c].tolist() for c in ("reported_by", "year", "month", "flow", "value_usd", "source",
                                            "product_level", "classification", "period_kind")), all_origins):
        if flow in ("export", "import"):
            k = (side, int(year), int(month), flow, basis(source, level, cls, kind, origin))
            same_basis[k] = same_basis.get(k, 0.0) + value
    p = figures[figures["primary"]]
    with_origin = "origin" in p
    cells: dict[tuple, dict] = {}
    cols = [p[c].tolist() for c in ("reported_by", "year", "month", "flow", "value_usd", "source", "product_level",
                                    "classification", "period_kind")]
    origins = p["origin"].tolist() if with_origin else [None] * len(p)
    for side, year, month, flow, value, source, level, cls, kind, origin in zip(*cols, origins):
        cell = cells.setdefault((side, int(year), int(month)), {"sources": set(), "origins": set(), "kind": kind})
        if flow in ("export", "import"):
            cell[flow] = cell.get(flow, 0.0) + value
            cell.setdefault("basis_" + flow, basis(source, level, cls, kind, origin))
        cell["sources"].add(source)
        cell["origins"].add(origin)
    nan = float("nan")
    rows = []
    for side, year, month in sorted(cells, key=lambda k: (k[0], k[2], k[1])):
        c = cells[(side, year, month)]
        x, m = c.get("export", nan), c.get("import", nan)
        row = {"reported_by": side, "year": year, "month": month, "exports": x, "imports": m, "turnover": x + m,
               "balance": x - m, "sources": "+".join(sorted(c["sources"]))}
        if with_origin:
            row["origin"] = "+".join(sorted(c["origins"]))
        row["period_kind"] = c["kind"]
        row["period"] = period_label(year, c["kind"], month)
        bx, bm = c.get("basis_export"), c.get("basis_import")
        # the same period a year earlier on each flow's own source and basis (None: not stored)
        px = same_basis.get((side, year - 1, month, "export", bx)) if bx is not None else None
        pm = same_basis.get((side, year - 1, month, "import", bm)) if bm is not None else None
        row["exports_growth_pct"] = _growth_of(x, px) if px is not None else nan
        row["imports_growth_pct"] = _growth_of(m, pm) if pm is not None else nan
        row["turnover_growth_pct"] = _growth_of(x + m, px + pm) if px is not None and pm is not None else nan
        rows.append(row)
    rows.sort(key=lambda r: (r["reported_by"], r["year"], r["month"]))
    columns = ["reported_by", "year", "month", "exports", "imports", "turnover", "balance", "sources",
               *(["origin"] if with_origin else []), "period_kind", "period", "exports_growth_pct",
               "imports_growth_pct", "turnover_growth_pct"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"year": "int64", "month": "int64"} | {c: "float64" for c in columns
                                                            if c in ("exports", "imports", "turnover", "balance")
                                                            or c.endswith("_growth_pct")})


def _growth_of(cur: float, prev: float) -> float:
    """Percentage change from ``prev`` to ``cur`` (missing unless ``prev`` > 0)."""
    if not prev > 0 or cur != cur:
        return float("nan")
    return (cur / prev - 1.0) * 100.0


def mirror_gaps(figures: pd.DataFrame) -> pd.DataFrame:
    """Period x flow: own figure, mirror figure, gap (mirror - own) in USD and % of own."""
    p = figures[figures["primary"]]
    # (plain Python over the few dozen primary figures, as in :func:`summarise`: a pandas
    # pivot cost more than the rest of the gaps)
    cells: dict[tuple, dict[str, float]] = {}
    for year, month, flow, side, value in zip(*(p[c].tolist() for c in ("year", "month", "flow", "reported_by",
                                                                         "value_usd"))):
        cell = cells.setdefault((year, month, flow), {})
        cell[side] = cell[side] + value if side in cell else value
    nan = float("nan")
    keys = sorted(cells)
    out = pd.DataFrame({"year": pd.Series([k[0] for k in keys], dtype=p["year"].dtype),
                        "month": pd.Series([k[1] for k in keys], dtype=p["month"].dtype),
                        "flow": pd.Series([k[2] for k in keys], dtype=object),
                        "own": pd.Series([cells[k].get("economy", nan) for k in keys], dtype="float64"),
                        "mirror": pd.Series([cells[k].get("partner", nan) for k in keys], dtype="float64")})
    out["gap_usd"] = out["mirror"] - out["own"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["gap_pct"] = (out["gap_usd"] / out["own"] * 100.0).where(out["own"] > 0)
    return out


def mirrored_products(t: ibis.Table, *, years: tuple[int, ...], level: str, period_kind: str = "year") -> pd.DataFrame:
    """Product lines of the relation at ``level`` (finer HS levels aggregated up by code
    prefix), one source/classification per (year, side, flow): the one with most lines.

    ``t`` holds the rows of :func:`~corridor.store.figures.mirror_flows`.  Used with
    :func:`product_indicators` by the roadmap's pair series (:mod:`corridor.roadmap.series`);
    the monitor computes the same tables in DuckDB (:func:`product_tables`)."""
    finer = list(PRODUCT_LEVELS[PRODUCT_LEVELS.index(level):])
    width = HS_WIDTH[level]
    t = t.filter(t.period_kind == period_kind, t.year.isin(list(years)), t.product_level.isin(finer))
    t = t.mutate(code=t.product_code.substr(0, width))
    agg = (
        t.group_by(["year", "reported_by", "econ_flow", "source", "classification", "product_level", "code"])
        .aggregate(value_usd=exact_sum(t.value_usd))
        .execute()
    )
    if agg.empty:
        return agg.rename(columns={"econ_flow": "flow"})
    agg = in_order(agg.rename(columns={"econ_flow": "flow"}),
                   ["year", "reported_by", "flow", "source", "classification", "product_level", "code"])
    # one product level per (year, side, flow, source, classification): the requested level itself if
    # present, else the finest below it (summing two levels would double count)
    agg["_lvl"] = agg["product_level"].map({v: i for i, v in enumerate(finer)})
    best_lvl = agg.groupby(["year", "reported_by", "flow", "source", "classification"])["_lvl"].transform("min")
    agg = agg[agg["_lvl"] == best_lvl]
    counts = (
        agg.groupby(["year", "reported_by", "flow", "source", "classification"]).size().rename("n").reset_index()
        .sort_values(["n", "source"], ascending=[False, True])
        .drop_duplicates(["year", "reported_by", "flow"])
    )
    agg = agg.merge(counts.drop(columns="n"), on=["year", "reported_by", "flow", "source", "classification"])
    return agg.drop(columns=["_lvl", "product_level"]).assign(level=level)


def _groups(classification: str, level: str) -> pd.DataFrame | None:
    from . import reference

    try:
        g = reference.product_groups(classification, level)
    except Exception:  # noqa: BLE001 - a classification without group tables: shares not computed
        return None
    return g.set_index("code")


def _section_of(codes: pd.Series) -> pd.Series:
    """HS section of each product code (by its chapter; missing for chapter 99), looked up
    once per distinct chapter."""
    from .reference.hs import section_of

    hs2 = codes.str[:2]
    chapters = pd.Series(hs2.unique(), dtype=object)
    return hs2.map(dict(zip(chapters, section_of(chapters))))


def product_indicators(products: pd.DataFrame, *, top: int) -> tuple[pd.DataFrame, ...]:
    """Structure, sections, top products and changes from the product table."""
    from . import reference

    cols_s = STRUCTURE_COLUMNS
    if products.empty:
        return _empty_product_tables()
    p = products[products["value_usd"] > 0].copy()
    if p.empty:  # only zero values: nothing to describe
        return _empty_product_tables()
    key = ["year", "reported_by", "flow"]
    # order-independent sums (store.sums.exact_fsum): the same lines give the same shares to the last bit
    p["total"] = p.groupby(key)["value_usd"].transform(exact_fsum)
    p["share"] = p["value_usd"] / p["total"]
    level = p["level"].iloc[0]
    p["agri"] = np.nan
    p["natres"] = np.nan
    p["name"] = ""
    for cls in p["classification"].unique():
        m = p["classification"] == cls
        g = _groups(cls, level)
        if g is not None:
            p.loc[m, "agri"] = p.loc[m, "code"].map(g["agricultural_share"]).astype(float).values
            p.loc[m, "natres"] = p.loc[m, "code"].map(g["natural_resource_share"]).astype(float).values
        try:
            names = reference.products(cls, level).set_index("code")["name_en"]
            p.loc[m, "name"] = p.loc[m, "code"].map(names).fillna("").values
        except ReferenceDataError:  # a broken table is an error, not codes for names
            raise
        except CorridorError:  # a revision without a name table: codes still shown
            pass
    p["section"] = _section_of(p["code"])
    grp = p.groupby(key)
    structure = grp.agg(
        source=("source", "first"), classification=("classification", "first"), level=("level", "first"),
        products=("code", "nunique"), total_usd=("value_usd", exact_fsum),
        hhi=("share", lambda s: exact_fsum(s ** 2)),
    ).reset_index()
    w = p.assign(a=p["agri"] * p["share"], n=(1 - p["natres"]) * p["share"])
    shares = w.groupby(key).agg(agricultural_share=("a", lambda s: exact_fsum(s, skip_nan=True)),
                                non_commodity_share=("n", lambda s: exact_fsum(s, skip_nan=True))).reset_index()
    structure = structure.merge(shares, on=key)
    comparable = _comparable_pairs(p)
    changes = _changes(p, comparable)
    cnt = changes.groupby(key + ["change"]).size().unstack("change") if not changes.empty else None
    for ch in ("gained", "lost"):
        if cnt is not None and ch in cnt:
            structure = structure.merge(cnt[ch].rename(ch).reset_index(), on=key, how="left")
        else:
            structure[ch] = np.nan
    # years whose previous year is comparable get 0 rather than NaN
    ok = _is_comparable(structure, comparable)
    for ch in ("gained", "lost"):
        structure[ch] = np.where(ok, structure[ch].fillna(0), np.nan)
    structure = structure[cols_s]
    sections = p.groupby(key + ["section"], dropna=False)["value_usd"].agg(exact_fsum).reset_index()
    sections["share"] = sections["value_usd"] / sections.groupby(key)["value_usd"].transform(exact_fsum)
    p = p.sort_values(key + ["value_usd", "code"], ascending=[True, True, True, False, True], kind="stable")
    p["rank"] = p.groupby(key).cumcount() + 1
    prev = p[["year", "reported_by", "flow", "code", "value_usd"]].assign(year=p["year"] + 1)
    topp = p[p["rank"] <= top].merge(prev, on=key + ["code"], how="left", suffixes=("", "_prev"))
    topp["growth_pct"] = _growth(topp["value_usd"], topp["value_usd_prev"]).where(_is_comparable(topp, comparable))
    topp = topp[key + ["rank", "code", "name", "value_usd", "share", "growth_pct"]]
    return structure, sections, topp.reset_index(drop=True), changes


def _empty_product_tables() -> tuple[pd.DataFrame, ...]:
    empty = pd.DataFrame
    return (empty(columns=STRUCTURE_COLUMNS), empty(columns=["year", "reported_by", "flow", "section", "value_usd", "share"]),
            empty(columns=["year", "reported_by", "flow", "rank", "code", "name", "value_usd", "share", "growth_pct"]),
            empty(columns=["year", "reported_by", "flow", "change", "code", "name", "value_usd"]))


def _comparable_pairs(p: pd.DataFrame) -> pd.DataFrame:
    """The (year, reported_by, flow) keys whose previous year has product lines from the
    same source and classification (so that changes between the two mean something)."""
    key = ["year", "reported_by", "flow"]
    meta = p.groupby(key, as_index=False).agg(source=("source", "first"), cls=("classification", "first"))
    follows = meta.merge(meta.assign(year=meta["year"] + 1), on=[*key, "source", "cls"])
    return follows[key].drop_duplicates().reset_index(drop=True)


def _is_comparable(frame: pd.DataFrame, comparable: pd.DataFrame) -> np.ndarray:
    """Boolean mask of ``frame``'s rows whose (year, reported_by, flow) is in ``comparable``."""
    key = ["year", "reported_by", "flow"]
    flagged = frame[key].merge(comparable.assign(_ok=True), on=key, how="left")
    return flagged["_ok"].notna().to_numpy()


def _changes(p: pd.DataFrame, comparable: pd.DataFrame) -> pd.DataFrame:
    """Product lines gained (present now, absent the year before) and lost, between
    consecutive years with the same source and classification (``comparable``)."""
    key = ["year", "reported_by", "flow"]
    cols = key + ["change", "code", "name", "value_usd"]
    if comparable.empty:
        return pd.DataFrame(columns=cols)
    cur = p[["year", "reported_by", "flow", "code", "name", "value_usd"]]
    prev = cur.assign(year=cur["year"] + 1)
    m = cur.merge(prev, on=key + ["code"], how="outer", suffixes=("", "_prev"), indicator=True)
    m["name"] = m["name"].fillna(m["name_prev"])
    m = m[_is_comparable(m, comparable)]
    gained = m[m["_merge"] == "left_only"].assign(change="gained")
    lost = m[m["_merge"] == "right_only"].assign(change="lost", value_usd=lambda d: d["value_usd_prev"])
    out = pd.concat([gained, lost])[cols].sort_values(key + ["change", "value_usd"], ascending=[True] * 4 + [False])
    return out.reset_index(drop=True)


# -- the monitor's queries (DuckDB SQL) -----------------------------------------------------

def _duckdb_source(flows: ibis.Table) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The DuckDB connection ``flows`` lives on and its SQL (an in-memory table is
    registered with Ibis's default DuckDB backend first)."""
    backend = flows._find_backend(use_default=True)
    if backend.name != "duckdb":
        raise QueryError(Message("mon_duckdb", backend=backend.name))
    backend._run_pre_execute_hooks(flows)
    return backend.con, str(backend.compile(flows))


_TEMPORARY = itertools.count()


@contextmanager
def _temporary(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[str]:
    """``sql`` computed once into Arrow, registered under a name of its own (returned) and
    unregistered on leaving.  (Arrow rather than a temporary table: writing a DuckDB table
    of the ~20k period rows took longer than computing them; a name registered on the
    connection is seen by this connection only, like a temporary table.)"""
    with _registered(con, statement_arrow(con, sql)) as name:
        yield name


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, table: pa.Table) -> Iterator[str]:
    """``table`` registered on ``con`` under a name of its own (returned, quoted) and
    unregistered on leaving."""
    name = f"_corridor_monitor_{os.getpid()}_{next(_TEMPORARY)}"
    con.register(name, table)
    try:
        yield f'"{name}"'
    finally:
        con.unregister(name)


#: the grouping of a figure (:func:`relation_figures`), the order its rows are sorted in
FIGURE_KEY = ("year", "period_kind", "month", "flow", "reporter", "partner", "reported_by", "source", "release",
              "classification", "product_level", "origin")


def relation_figures(con: duckdb.DuckDBPyConnection, rows: str) -> pd.DataFrame:
    """Every source's and side's figure of each period from the period rows ``rows``
    (:func:`corridor.store.periods.relation_periods_sql`), exact sums, then one per
    (period, flow, side, source) (:func:`corridor.store.figures.choose_figures`)."""
    return choose_figures(_relation_sums(con, rows).drop(columns="_vintage"), extra=("origin",))


def _relation_sums(con: duckdb.DuckDBPyConnection, rows: str) -> pd.DataFrame:
    """The sums of :func:`relation_figures` before the choice (every classification and
    product level of the period rows ``rows``; ``_vintage`` the release's vintage)."""
    # the files of one vintage (content-labelled files of one download) are one release:
    # the rows summed by release first, then the few sums by vintage (exact sums of exact
    # sums; the vintage's pattern is matched once per release, not once per row)
    return con.execute(f"WITH {_figure_ctes(rows)} SELECT * FROM figure_sums ORDER BY {', '.join(_FIGURE_ORDER)}").df()


#: the order of :func:`_relation_sums`'s rows (its groups: unique)
_FIGURE_ORDER = tuple("_vintage" if c == "release" else c for c in FIGURE_KEY)


def _figure_ctes(rows: str) -> str:
    """The common table expressions of :func:`_relation_sums` (``figure_sums`` the last)."""
    key = ", ".join("econ_flow AS flow" if c == "flow" else c for c in FIGURE_KEY)
    vintage = ", ".join(f"{VINTAGE_SQL} AS _vintage" if c == "release" else c for c in FIGURE_KEY)
    return f"""
        figure_release AS (SELECT {key}, sum(value) AS value, sum(lines) AS lines, max(valuation) AS valuation,
                                  list(DISTINCT ingest_id) AS ids
                           FROM {rows} GROUP BY ALL),
        figure_sums AS (
            SELECT {vintage}, max(release) AS release, CAST(sum(value) AS DOUBLE) AS value_usd,
                   CAST(sum(lines) AS BIGINT) AS lines, max(valuation) AS valuation,
                   list_distinct(flatten(list(ids))) AS ingest_ids
            FROM figure_release GROUP BY ALL)"""


def _figure_part(out: pa.Table) -> pd.DataFrame:
    """The figure sums of :func:`_products_sql` with ``figures`` (as :func:`_relation_sums`
    gives them, without ``_vintage``)."""
    columns = [*_FIGURE_ORDER, "release", "value_usd", "lines", "valuation", "ingest_ids"]
    return _figure_frame(_part(out, "figure", tuple(dict.fromkeys(columns))))


def _figure_frame(sums: pa.Table) -> pd.DataFrame:
    """The figure sums (the columns of :func:`_relation_sums`) as a frame in its order,
    without ``_vintage``."""
    sums = sums.take(pc.sort_indices(sums, sort_keys=[(c, "ascending", "at_end") for c in _FIGURE_ORDER]))
    df = sums.to_pandas()
    df["ingest_ids"] = [list(x) for x in df["ingest_ids"]]
    return df[[c for c in df.columns if c != "_vintage"]]


def product_lookups(classifications: tuple[str, ...], level: str) -> tuple[pa.Table, pa.Table]:
    """The reference tables :func:`product_tables` joins for ``classifications`` at
    ``level`` (loaded once per process; a server loads them when it starts)."""
    return _product_lookup(tuple(classifications), level), _chapter_sections()


@functools.cache
def _product_lookup(classifications: tuple[str, ...], level: str) -> pa.Table:
    """``classification, code -> agricultural and natural-resource shares, English name``
    of ``classifications`` at ``level``, as Arrow for DuckDB to join (built once per
    process; a revision without group or name tables has them empty)."""
    return pa.concat_tables([_LOOKUP.empty_table(), *(_lookup_of(cls, level) for cls in classifications)])


_LOOKUP = pa.schema([("classification", pa.string()), ("code", pa.string()), ("agri", pa.float64()),
                     ("natres", pa.float64()), ("name_en", pa.string())])


@functools.cache
def _lookup_of(classification: str, level: str) -> pa.Table:
    from . import reference

    try:
        names = reference.products(classification, level)[["code", "name_en"]]
    except ReferenceDataError:  # a broken table is an error, not a process-long cache of codes for names
        raise
    except CorridorError:  # a revision without a name table: codes still shown
        names = pd.DataFrame({"code": pd.Series(dtype=object), "name_en": pd.Series(dtype=object)})
    g = _groups(classification, level)
    groups = pd.DataFrame({"code": pd.Series(dtype=object), "agri": pd.Series(dtype=float),
                           "natres": pd.Series(dtype=float)})
    if g is not None:
        groups = pd.DataFrame({"code": g.index.astype(str), "agri": g["agricultural_share"].astype(float).values,
                               "natres": g["natural_resource_share"].astype(float).values})
    both = groups.merge(names, on="code", how="outer").assign(classification=classification)
    return pa.Table.from_pandas(both[_LOOKUP.names], schema=_LOOKUP, preserve_index=False)


@dataclass(frozen=True)
class _Lookups:
    """The reference tables of :func:`product_lookups` as arrays, for the lines of
    :func:`_cached_tables` (what the statement's LEFT JOINs give)."""

    #: classification -> (codes, agricultural shares, natural-resource shares; NaN where none)
    groups: dict[str, tuple[pa.Array, np.ndarray, np.ndarray]]
    chapters: pa.Array
    section: pa.Array

    def shares(self, classification: str, code: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """The agricultural and natural-resource shares of each ``code`` of
        ``classification`` (NaN where none)."""
        agri, natres = np.full(len(code), np.nan), np.full(len(code), np.nan)
        if classification in self.groups:
            codes, a, r = self.groups[classification]
            i = pc.index_in(code, value_set=codes).to_numpy(zero_copy_only=False)
            found = ~np.isnan(i)
            j = np.nan_to_num(i, nan=0).astype(np.int64)
            agri[found], natres[found] = a[j[found]], r[j[found]]
        return agri, natres

    def sections(self, code: pa.Array) -> pa.Array:
        """The HS section of each code's chapter (null where none)."""
        return self.section.take(pc.index_in(pc.utf8_slice_codeunits(code, 0, 2), value_set=self.chapters))


@functools.cache
def _lookup_arrays(classifications: tuple[str, ...], level: str) -> _Lookups | None:
    """:class:`_Lookups` of ``classifications`` at ``level`` (None when a table repeats a
    code, which the statement's join would repeat a line for)."""
    lookup, sections = product_lookups(classifications, level)
    groups = {}
    for cls in classifications:
        t = lookup.filter(pc.equal(lookup["classification"], cls))
        codes = t["code"].combine_chunks()
        if pc.count_distinct(codes).as_py() != len(codes) or codes.null_count:
            return None
        groups[cls] = (codes, t["agri"].to_numpy(zero_copy_only=False).astype(np.float64),
                       t["natres"].to_numpy(zero_copy_only=False).astype(np.float64))
    chapters = sections["chapter"].combine_chunks()
    if pc.count_distinct(chapters).as_py() != len(chapters):
        return None
    return _Lookups(groups, chapters, sections["section"].combine_chunks())


@functools.cache
def _chapter_sections() -> pa.Table:
    chapters = pd.Series([f"{i:02d}" for i in range(100)], dtype=object)
    return pa.table({"chapter": chapters.tolist(), "section": _section_of(chapters).tolist()})


#: the columns of the structure table
STRUCTURE_COLUMNS = ["year", "reported_by", "flow", "source", "classification", "level", "products", "total_usd",
                     "hhi", "agricultural_share", "non_commodity_share", "gained", "lost"]
_KEY = ("year", "reported_by", "flow")


def _on(a: str, b: str, columns: tuple[str, ...] = _KEY, *, shift: int = 0) -> str:
    """Join condition of ``a`` and ``b`` on ``columns`` (``a.year = b.year + shift``)."""
    return " AND ".join(f"{a}.{c} = {b}.{c}" + (f" + {shift}" if c == "year" and shift else "") for c in columns)


def _products_sql(rows: str, *, level: str, lookup: str, sections: str, figures: str | None = None) -> str:
    """The product lines of the relation at ``level`` (finer HS levels cut to its width),
    one source/classification per (year, side, flow): the one with most lines (then by
    name); value > 0 only; with each line's share and whether its year and the next are
    comparable with the year before them (same source
    and classification) (``part = 'line'``); and, in the same statement (one pass over the
    period rows, one plan), the exact sums of each (year, side, flow): its lines, total,
    HHI, agricultural and non-commodity shares (``part = 'structure'``), and of each of its
    HS sections (``part = 'section'``; the groups and sections joined from the reference
    tables ``lookup`` and ``sections``); with ``figures`` (period rows, every line summed:
    a few dozen rows, read apart rather than fanned out from ``rows``), their figure sums
    too (``part = 'figure'``, :func:`_relation_sums`).  A line's value the year before and
    whether it is there the year after are added outside DuckDB (:func:`with_neighbours`),
    and so are the counts of lines gained and lost, the top lines, the changes and the
    product names (:func:`product_tables`).

    No window functions: the levels and bases chosen are joins on grouped minima (DuckDB's
    window operator sorts every partition and cost most of this query)."""
    finer = list(PRODUCT_LEVELS[PRODUCT_LEVELS.index(level):])
    width = HS_WIDTH[level]
    rank = "CASE product_level " + " ".join(f"WHEN '{lv}' THEN {i}" for i, lv in enumerate(finer)) + " END"
    grp = ("year", "reported_by", "flow", "source", "classification")
    cols = ", ".join(grp)
    key = ", ".join(_KEY)
    if figures is not None:
        head = f"WITH {_figure_ctes(figures)},"
        tail = "\n    UNION ALL BY NAME\n    SELECT 'figure' AS part, * FROM figure_sums"
    else:
        head, tail = "WITH", ""
    return f"""
    {head} lines AS (
        SELECT year, reported_by, econ_flow AS flow, source, classification, {rank} AS lvl,
               substr(product_code, 1, {width}) AS code, sum(value) AS value
        FROM {rows} WHERE product_level IN ({', '.join(f"'{lv}'" for lv in finer)}) GROUP BY ALL),
    -- the lines of each (year, side, flow, source, classification, level)
    grp AS (SELECT {cols}, lvl, count(*) AS n FROM lines GROUP BY ALL),
    -- one product level per (year, side, flow, source, classification): the level asked
    -- for if present, else the nearest finer one (summing two levels would double count)
    best AS (
        SELECT g.* FROM grp g
        SEMI JOIN (SELECT {cols}, min(lvl) AS lvl FROM grp GROUP BY ALL) m ON {_on('g', 'm', (*grp, 'lvl'))}),
    -- the source and classification with most lines (then by name) of each (year, side, flow)
    pick AS (
        SELECT year, reported_by, flow, arg_min(struct_pack(source, classification, lvl),
                                                struct_pack(neg := -n, source, classification)) AS b
        FROM best GROUP BY ALL),
    p AS (
        SELECT l.year, l.reported_by, l.flow, l.source, l.classification, l.code, l.value,
               CAST(l.value AS DOUBLE) AS value_usd, r.agri, r.natres, s.section
        FROM lines l SEMI JOIN pick ON {_on('l', 'pick')} AND l.source = pick.b.source
                                       AND l.classification = pick.b.classification AND l.lvl = pick.b.lvl
        LEFT JOIN {lookup} r ON r.classification = l.classification AND r.code = l.code
        LEFT JOIN {sections} s ON s.chapter = substr(l.code, 1, 2)
        WHERE l.value > 0),
    -- one source and classification per (year, side, flow) in p
    tot AS (SELECT year, reported_by, flow, any_value(source) AS source, any_value(classification) AS classification,
                   sum(value) AS total FROM p GROUP BY ALL),
    -- the (year, side, flow) whose previous year has lines from the same source and
    -- classification: changes between the two years mean something
    comp AS (
        SELECT a.year, a.reported_by, a.flow FROM tot a JOIN tot b
        ON a.year = b.year + 1 AND {_on('a', 'b', ('reported_by', 'flow', 'source', 'classification'))}),
    -- each (year, side, flow) with its total and whether it and the next year are comparable
    -- (joined to the few totals, then once to the lines)
    tc AS (
        SELECT tot.*, c0.year IS NOT NULL AS comparable, c1.year IS NOT NULL AS next_comparable FROM tot
        LEFT JOIN comp c0 ON {_on('c0', 'tot')}
        LEFT JOIN comp c1 ON c1.year = tot.year + 1 AND {_on('c1', 'tot', ('reported_by', 'flow'))}),
    l AS (SELECT p.*, p.value_usd / CAST(tc.total AS DOUBLE) AS share, tc.total, tc.comparable, tc.next_comparable
          FROM p JOIN tc USING (year, reported_by, flow, source, classification))
    SELECT 'line' AS part, {', '.join(_LINE_COLUMNS)} FROM l
    UNION ALL BY NAME
    SELECT 'structure' AS part, {key}, any_value(source) AS source, any_value(classification) AS classification,
           count(*) AS products, CAST(any_value(total) AS DOUBLE) AS total_usd,
           {_share_sum('share * share')} AS hhi, {_share_sum('agri * share')} AS agricultural_share,
           {_share_sum('(1 - natres) * share')} AS non_commodity_share, bool_or(comparable) AS comparable
    FROM l GROUP BY {key}
    UNION ALL BY NAME
    SELECT 'section' AS part, {key}, section, CAST(sum(value) AS DOUBLE) AS value_usd,
           CAST(sum(value) AS DOUBLE) / CAST(any_value(total) AS DOUBLE) AS share
    FROM l GROUP BY {key}, section{tail}"""


#: an exact sum of shares (:data:`corridor.store.sums.SHARE_SCALE` decimal places), as a float
def _share_sum(expr: str) -> str:
    return exact_sum_sql(expr, scale=SHARE_SCALE)


def with_neighbours(lines: pa.Table) -> pa.Table:
    """``lines`` (the product lines of :func:`_products_sql`, unique by year, side, flow and
    code) with each line's value the year before (``prev_value``, null when the line is
    absent that year) and whether it is there the year after (``has_next``).

    The lines sorted by (side, flow, code, year): a line's previous and next year are its
    neighbours in that order when their year is one less or one more (what ``lag`` and
    ``lead`` over (side, flow, code) ordered by year give; a sort of a few integer keys
    here instead of DuckDB's two self-joins on four keys, the values copied, not computed)."""
    n = lines.num_rows
    keys = [pc.dictionary_encode(lines[c]).combine_chunks().indices.to_numpy(zero_copy_only=False)
            for c in ("reported_by", "flow", "code")]
    year = lines["year"].to_numpy(zero_copy_only=False).astype(np.int64)
    order = np.lexsort((year, *reversed(keys)))
    same = np.ones(max(n - 1, 0), dtype=bool)
    for k in keys:
        k = k[order]
        same &= k[1:] == k[:-1]
    y = year[order]
    follows = same & (y[1:] == y[:-1] + 1)  # sorted line i + 1 is line i's next year
    value = lines["value_usd"].to_numpy(zero_copy_only=False)[order]
    prev, has_prev, has_next = np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    prev[order[1:]] = value[:-1]
    has_prev[order[1:]] = follows
    has_next[order[:-1]] = follows
    return lines.append_column("prev_value", pa.array(prev, mask=~has_prev)).append_column(
        "has_next", pa.array(has_next))


def _classifications(con: duckdb.DuckDBPyConnection, rows: str) -> tuple[str, ...]:
    """The product classifications of the period rows ``rows``."""
    return tuple(sorted(c for (c,) in con.execute(
        f"SELECT DISTINCT classification FROM {rows} WHERE classification <> 'TOTAL'").fetchall()))



def product_tables(con: duckdb.DuckDBPyConnection, rows: str, *, level: str, top: int,
                   classes: tuple[str, ...] | None = None) -> tuple[pd.DataFrame, ...]:
    """Structure, sections, top products and changes (see :class:`MonitorReport`) of the
    product lines in the period rows ``rows``: the sums in DuckDB (exact, one statement:
    :func:`_products_sql`), the rest on its Arrow result (sorts and counts).

    HHI = Σ sᵢ² of the lines' shares; agricultural share = Σ aᵢ·sᵢ (aᵢ: WTO Agreement on
    Agriculture share of line i); non-commodity share = Σ (1 - rᵢ)·sᵢ (rᵢ: Atlas
    natural-resource share); gained / lost: lines present in one year and absent the year
    before (lost: the reverse), only between consecutive years whose lines come from the
    same source and classification (else not computed).  ``classes``: the classifications
    of ``rows`` when known (else read from them)."""
    classes = _classifications(con, rows) if classes is None else classes
    return _product_tables_of(_product_statement(con, rows, level=level, classes=classes), level=level, top=top,
                              classes=classes)


def _product_statement(con: duckdb.DuckDBPyConnection, rows: str, *, level: str, classes: tuple[str, ...],
                       figures: str | None = None) -> pa.Table:
    """The result of :func:`_products_sql` over ``rows``, the reference tables of
    ``classes`` joined (a classification without product lines joins nothing)."""
    lookup, sections = product_lookups(classes, level)
    n = next(_TEMPORARY)
    names = {"lookup": f"_corridor_lookup_{n}", "sections": f"_corridor_sections_{n}"}
    con.register(names["lookup"], lookup)
    con.register(names["sections"], sections)
    try:
        return statement_arrow(con, _products_sql(rows, level=level, figures=figures, **names))
    finally:
        for name in names.values():
            con.unregister(name)


def _product_tables_of(out: pa.Table, *, level: str, top: int, classes: tuple[str, ...]) -> tuple[pd.DataFrame, ...]:
    """Structure, sections, top products and changes from :func:`_products_sql`'s result
    (names of the lines of ``classes`` at ``level``)."""
    return _product_tables_from(_part(out, "line", _LINE_COLUMNS), _part(out, "structure", _SUM_COLUMNS),
                                _part(out, "section", (*_KEY, "section", "value_usd", "share")), level=level,
                                top=top, classes=classes)


def _product_tables_from(lines: pa.Table, sums: pa.Table, sections: pa.Table, *, level: str, top: int,
                         classes: tuple[str, ...]) -> tuple[pd.DataFrame, ...]:
    """Structure, sections, top products and changes from the lines, sums and sections of
    :func:`_products_sql` (or :func:`_cached_tables`)."""
    lines = with_neighbours(lines)
    if lines.num_rows == 0:
        return _empty_product_tables()
    structure = structure_table(sums, lines, level=level)
    sections = sections.take(pc.sort_indices(sections, sort_keys=[(c, "ascending", "at_end")  # sections NULLS LAST
                                                                  for c in (*_KEY, "section")])).to_pandas()
    names = _product_names(tuple(classes), level)
    return structure, sections, top_lines(lines, top=top, names=names), line_changes(lines, names=names)


#: the columns of a product line and of a (year, side, flow)'s sums in :func:`_products_sql`
_LINE_COLUMNS = (*_KEY, "classification", "code", "value", "value_usd", "share", "comparable", "next_comparable")
_SUM_COLUMNS = (*_KEY, "source", "classification", "products", "total_usd", "hhi", "agricultural_share",
                "non_commodity_share", "comparable")


def _part(out: pa.Table, part: str, columns: tuple[str, ...]) -> pa.Table:
    """The rows of one ``part`` of :func:`_products_sql`'s result, with its ``columns``."""
    return out.select(list(columns)).filter(pc.equal(out["part"], part))


def structure_table(sums: pa.Table, lines: pa.Table, *, level: str) -> pd.DataFrame:
    """The structure table (:data:`STRUCTURE_COLUMNS`) from the exact sums of each (year,
    side, flow) and its lines (:func:`with_neighbours`): lines gained (present, absent the
    year before) and lost (present the year before, absent this year) counted where the
    year is comparable with the one before (else missing; 0 when none)."""
    sums = sums.take(pc.sort_indices(sums, sort_keys=[(c, "ascending") for c in _KEY]))
    gained = Counter(zip(*(lines.filter(pc.and_(lines["comparable"], pc.is_null(lines["prev_value"])))[c].to_pylist()
                           for c in _KEY)))
    lost_lines = lines.filter(pc.and_(lines["next_comparable"], pc.invert(lines["has_next"])))
    lost = Counter((y + 1, side, flow) for y, side, flow in zip(*(lost_lines[c].to_pylist() for c in _KEY)))
    keys = list(zip(*(sums[c].to_pylist() for c in _KEY)))
    comparable = sums["comparable"].to_pylist()
    nan = float("nan")
    # the table built in Arrow and converted once (not column by column in pandas)
    table = sums.select([*_KEY, "source", "classification"]).append_column(
        "level", pa.array([level] * sums.num_rows, pa.string()))
    for c in ("products", "total_usd", "hhi", "agricultural_share", "non_commodity_share"):
        table = table.append_column(c, sums[c])
    for c, counts in (("gained", gained), ("lost", lost)):
        table = table.append_column(c, pa.array([float(counts[k]) if ok else nan for k, ok in zip(keys, comparable)],
                                                pa.float64()))
    return table.select(STRUCTURE_COLUMNS).to_pandas()


def _groups_of(lines: pa.Table) -> np.ndarray:
    """An integer per (year, side, flow) of each of ``lines`` (equal keys, equal integers)."""
    groups = np.zeros(lines.num_rows, dtype=np.int64)
    for c in _KEY:
        encoded = pc.dictionary_encode(lines[c]).combine_chunks()
        groups = groups * len(encoded.dictionary) + encoded.indices.to_numpy(zero_copy_only=False)
    return groups


def _starts(groups: np.ndarray) -> np.ndarray:
    """Whether each of ``groups`` (in order) starts a new run of equal values."""
    new = np.ones(len(groups), dtype=bool)
    new[1:] = groups[1:] != groups[:-1]
    return new


def _top_candidates(lines: pa.Table, *, top: int) -> pa.Table:
    """The lines that can be among the ``top`` of their (year, side, flow) by exact value:
    those whose value as a float is at least the ``top``-th largest float of theirs (the
    cast of the DECIMAL values to floats keeps their order, ties aside, so the exact top
    lines are among them; a few hundred lines to sort exactly instead of every line).  The
    ``top``-th largest of each group by a partial sort (``np.partition``) of its values."""
    if top < 1:
        return lines
    groups, value = _groups_of(lines), lines["value_usd"].to_numpy(zero_copy_only=False)
    counts = np.bincount(groups)
    by_group = value[np.argsort(groups, kind="stable")]
    threshold = np.full(len(counts), -np.inf)
    for g, (end, n) in enumerate(zip(np.cumsum(counts).tolist(), counts.tolist())):
        if n >= top:
            threshold[g] = np.partition(by_group[end - n:end], n - top)[n - top]
    return lines.filter(pa.array(value >= threshold[groups]))


@functools.cache
def _product_names(classifications: tuple[str, ...], level: str) -> dict[tuple[str, str], str]:
    """(classification, code) -> English name of :func:`product_lookups`' table ('' when
    it has none), built once per process."""
    lookup = _product_lookup(classifications, level)
    return {(c, k): n or "" for c, k, n in zip(*(lookup[col].to_pylist() for col in ("classification", "code",
                                                                                     "name_en")))}


def _named(lines: pa.Table, names: dict[tuple[str, str], str]) -> pa.Table:
    """``lines`` with the ``name`` of each (classification, code) ('' when unknown)."""
    keys = zip(lines["classification"].to_pylist(), lines["code"].to_pylist())
    return lines.append_column("name", pa.array([names.get(k, "") for k in keys], pa.string()))


def top_lines(lines: pa.Table, *, top: int, names: dict[tuple[str, str], str]) -> pd.DataFrame:
    """The ``top`` lines of each (year, side, flow) of ``lines`` (:func:`with_neighbours`) by
    value, then code, ranked from 1, with their growth over the year before (when the two
    years are comparable and the line had a value then).  A sort of the lines (the exact
    DECIMAL values, then codes) and a cut at the rank: no arithmetic but the growth."""
    lines = _top_candidates(lines, top=top)
    order = pc.sort_indices(lines, sort_keys=[*((c, "ascending") for c in _KEY), ("value", "descending"),
                                              ("code", "ascending")]).to_numpy()
    position = np.arange(len(order))
    start = np.maximum.accumulate(np.where(_starts(_groups_of(lines)[order]), position, 0))
    rank = position - start + 1
    take = order[rank <= top]
    t = _named(lines.take(pa.array(take)), names)
    value, prev = t["value_usd"].to_numpy(zero_copy_only=False), t["prev_value"].to_numpy(zero_copy_only=False)
    grows = t["comparable"].to_numpy(zero_copy_only=False) & (np.nan_to_num(prev, nan=0.0) > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(grows, (value / prev - 1.0) * 100.0, np.nan)
    out = t.select([*_KEY, "code", "name", "value_usd", "share"]).to_pandas()
    out.insert(3, "rank", rank[rank <= top].astype(np.int64))
    out["growth_pct"] = growth
    return out


def line_changes(lines: pa.Table, *, names: dict[tuple[str, str], str]) -> pd.DataFrame:
    """Lines gained (present, absent the year before) and lost (present, absent the year
    after: lost that year) between comparable years, from :func:`with_neighbours`'s lines;
    by (year, side, flow), change, value (largest first) and code."""
    gained = pc.and_(lines["comparable"], pc.is_null(lines["prev_value"]))
    lost = pc.and_(lines["next_comparable"], pc.invert(lines["has_next"]))
    cols = ["reported_by", "flow", "code", "name", "value_usd"]
    g, l = _named(lines.filter(gained), names), _named(lines.filter(lost), names)
    year = pa.chunked_array([g["year"].combine_chunks(),
                             pc.cast(pc.add(l["year"], 1), lines.schema.field("year").type).combine_chunks()])
    both = pa.concat_tables([g.select(cols), l.select(cols)]).append_column("year", year).append_column(
        "change", pa.array(["gained"] * g.num_rows + ["lost"] * l.num_rows))
    both = both.take(pc.sort_indices(both, sort_keys=[*((c, "ascending") for c in _KEY), ("change", "ascending"),
                                                      ("value_usd", "descending"), ("code", "ascending")]))
    return both.select([*_KEY, "change", "code", "name", "value_usd"]).to_pandas()


# -- the monitor from the stored monthly aggregate alone (Arrow and NumPy) --------------------

#: 10^-4 USD: the unit of the stored sums (DECIMAL(38, 4)) as integers
_UNITS = 10 ** 4
#: integers up to this size convert to floats exactly
_EXACT_INT = 2 ** 53


def _units(values: pa.ChunkedArray) -> np.ndarray | None:
    """DECIMAL(p, 4) ``values`` (no nulls) as integers of 10^-4 USD (their digits, read
    from Arrow's 128-bit two's complement words); None when one does not fit in int64."""
    if not pa.types.is_decimal128(values.type) or values.type.scale != 4:
        return None
    array = values.combine_chunks()
    words = np.frombuffer(array.buffers()[1], dtype="<i8")[2 * array.offset:2 * (array.offset + len(array))]
    low, high = words[0::2], words[1::2]
    if not np.array_equal(high, low >> 63):
        return None
    return low.astype(np.int64)


def _to_float(units: np.ndarray) -> np.ndarray:
    """DuckDB's ``CAST(x AS DOUBLE)`` of DECIMAL(38, 4) values given as integer units
    (correctly rounded: the integer and 10^4 are exact floats below 2^53, so one division
    rounds once; Python's integer division above)."""
    if units.size and np.abs(units).max() > _EXACT_INT:
        return np.array([int(u) / _UNITS for u in units], dtype=np.float64)
    return units.astype(np.float64) / float(_UNITS)


def _decimal_sums(values: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    """DuckDB's ``CAST(sum(CAST(x AS DECIMAL(38, 30))) AS DOUBLE)`` of ``values`` in each
    of ``count`` ``groups`` (:func:`corridor.store.sums.exact_sum_sql` at
    :data:`~corridor.store.sums.SHARE_SCALE`): each value rounded to 30 decimal places (to
    the nearest, ties to even, as DuckDB's cast: an integer-valued float), the integers
    summed exactly and the sum divided by 10^30 correctly rounded (DuckDB 2.0's DECIMAL to
    DOUBLE cast; Python's integer division); NaN (NULL) values left out, NaN where none
    is left.  The integers, below 2^100, are summed as three 40-bit parts in int64."""
    ok = ~np.isnan(values)
    scaled = np.rint(values[ok] * 10.0 ** SHARE_SCALE)
    g = groups[ok]
    sign = np.where(scaled < 0, -1, 1)
    mag = np.abs(scaled)
    hi = np.floor(mag / 2.0 ** 80)
    rest = mag - hi * 2.0 ** 80
    mid = np.floor(rest / 2.0 ** 40)
    lo = rest - mid * 2.0 ** 40
    parts = []
    for part in (hi, mid, lo):
        s = np.zeros(count, dtype=np.int64)
        np.add.at(s, g, sign * part.astype(np.int64))
        parts.append(s.tolist())
    present = np.bincount(g, minlength=count) > 0
    scale = 10 ** SHARE_SCALE
    return np.array([((h << 80) + (m << 40) + lo_) / scale if p else np.nan
                     for h, m, lo_, p in zip(*parts, present.tolist())], dtype=np.float64)


def _encoded(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list]:
    """The values of ``column`` (no nulls) as integers 0..k-1 and the k distinct values
    (small integers: their offsets from the smallest, the values that range)."""
    if pa.types.is_integer(column.type):
        values = column.to_numpy(zero_copy_only=False).astype(np.int64)
        low, high = (int(values.min()), int(values.max())) if values.size else (0, -1)
        if high - low < 1 << 16:
            return values - low, list(range(low, high + 1))
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist()


def _mixed(*parts: tuple[np.ndarray, int]) -> tuple[np.ndarray, int]:
    """One integer per row for the (codes, number of codes) ``parts`` (equal tuples, equal
    integers) and their range; compacted to the tuples present when the range is large."""
    out, size = np.zeros(len(parts[0][0]), dtype=np.int64), 1
    for codes, n in parts:
        out, size = out * n + codes, size * n
        if size > 1 << 22:
            out = np.unique(out, return_inverse=True)[1].reshape(-1)
            size = int(out.max(initial=-1)) + 1
    return out, size


def _cached_tables(con: duckdb.DuckDBPyConnection, cached: CachedMonths, *, economy: str, months: int | None,
                   level: str, classes: tuple[str, ...]) -> tuple[pd.DataFrame, tuple[pa.Table, ...]] | None:
    """The figure sums (as :func:`_figure_part`) and the product parts (lines, sums,
    sections: as :func:`_products_sql` gives them) of the relation's January-``months``
    from the stored monthly aggregate alone, its rows read in one scan (the lines at
    ``level`` and every line summed, ~18k rows for the benchmark's ten years) and the rest
    computed in Arrow and NumPy: the same groups, choices, exact sums and casts as the SQL
    of :func:`corridor.store.periods.cumulative_sql`, :func:`_figure_ctes` and
    :func:`_products_sql` (the DECIMAL sums as integers of 10^-4 USD; the sums of shares
    as :func:`_decimal_sums`), so the same bits (the statement's ~40 small operators cost
    ~75 ms over these rows).  None (the statement then runs) when a value or a sum could
    leave int64, or a key is missing (NULL)."""
    n = 12 if months is None else months
    lookup = _lookup_arrays(tuple(classes), level)
    if lookup is None or cached.cuts_sql is None:
        return None
    rows = statement_arrow(con, cached.cuts_sql(n, (None, level))).combine_chunks()
    keys = ("cut", "year", "source", "classification", "product_level", "reporter", "flow")
    if any(rows[c].null_count for c in (*keys, "partner", "product_code", "release", "ingest_id", "value")):
        return None
    units = _units(rows["value"])
    if units is None or (units.size and float(np.abs(units).astype(np.float64).sum()) >= 2.0 ** 62):
        return None
    code = {c: _encoded(rows[c]) for c in keys}
    # the period's basis (cumulative_sql over the stored sums alone): a group's rows count
    # when the group holds every month 1..n, their release the group's latest
    group, count = _mixed(*((code[c][0], len(code[c][1])) for c in keys))
    have = np.zeros(count, dtype=np.int64)
    np.bitwise_or.at(have, group, rows["have"].to_numpy(zero_copy_only=False).astype(np.int64))
    keep = have[group] == complete_months(n)
    release, names = _encoded(rows["release"])
    rank = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"), kind="stable")
    latest = np.full(count, -1, dtype=np.int64)
    np.maximum.at(latest, group, rank[release])
    by_rank = np.array(names, dtype=object)[np.argsort(rank)]
    # the side and the flow from the economy's point of view
    reporters, flows = code["reporter"][1], code["flow"][1]
    own = code["reporter"][0] == (reporters.index(economy) if economy in reporters else -1)
    export = code["flow"][0] == (flows.index("export") if "export" in flows else -1)
    econ_export = export == own
    cuts = code["cut"][1]
    cut = code["cut"][0]
    total = keep & (cut == (cuts.index("") if "" in cuts else -1))
    at = keep & (cut == (cuts.index(level) if level in cuts else -1))
    figures = _cached_figures(rows, units, by_rank[latest[group]], own, econ_export, at=np.flatnonzero(total),
                              months=n)
    levels = code["product_level"]
    finer = list(PRODUCT_LEVELS[PRODUCT_LEVELS.index(level):])
    lvl = np.array([finer.index(lv) if lv in finer else -1 for lv in levels[1]], dtype=np.int64)[levels[0]]
    at = np.flatnonzero(at & (lvl >= 0))
    parts = _cached_products(rows.select(["year", "source", "classification", "product_code"]).take(pa.array(at)),
                             units[at], own[at], econ_export[at], lvl[at],
                             {c: (code[c][0][at], len(code[c][1]), code[c][1]) for c in ("year", "source",
                                                                                          "classification")},
                             level=level, lookup=lookup)
    return figures, parts


_SIDES = pa.array(["partner", "economy"])
_FLOWS = pa.array(["import", "export"])


def _cached_figures(rows: pa.Table, units: np.ndarray, release: np.ndarray, own: np.ndarray, export: np.ndarray,
                    *, at: np.ndarray, months: int) -> pd.DataFrame:
    """The figure sums of :func:`_cached_tables` (:func:`_figure_ctes` over the rows
    ``at``, those with every line summed, a few dozen: plain Python)."""
    t = rows.select(["year", "reporter", "partner", "source", "classification", "product_level", "lines",
                     "valuation", "ingest_id"]).take(pa.array(at))
    cols = [t[c].to_pylist() for c in ("year", "reporter", "partner", "source", "classification", "product_level")]
    side = ["economy" if o else "partner" for o in own[at].tolist()]
    flow = ["export" if x else "import" for x in export[at].tolist()]
    sums: dict[tuple, list] = {}
    for year, reporter, partner, source, cls, lv, sd, fl, rel, value, lines, valuation, iid in zip(
            *cols, side, flow, release[at].tolist(), units[at].tolist(), t["lines"].to_pylist(),
            t["valuation"].to_pylist(), t["ingest_id"].to_pylist()):
        row = {"year": year, "flow": fl, "reporter": reporter, "partner": partner, "reported_by": sd,
               "source": source, "_vintage": vintage(rel), "classification": cls, "product_level": lv}
        s = sums.setdefault(tuple(row[c] for c in _CACHED_FIGURE_KEY), [rel, 0, 0, None, set()])
        s[0] = max(s[0], rel)
        s[1] += value
        s[2] += lines
        if valuation is not None and (s[3] is None or valuation > s[3]):
            s[3] = valuation
        s[4].add(iid)
    keys = sorted(sums)  # in _FIGURE_ORDER (the other columns of it are constants here; no nulls)
    values = [sums[k] for k in keys]
    const = {"period_kind": "year" if months == 12 else "ytd", "month": months, "origin": "sum of months"}
    column = {c: [k[i] for k in keys] for i, c in enumerate(_CACHED_FIGURE_KEY)}
    types = {"year": rows.schema.field("year").type.to_pandas_dtype(), "month": np.int8}
    frame = {}
    for c in _FIGURE_ORDER:
        if c != "_vintage":
            of = column[c] if c in column else [const[c]] * len(keys)
            frame[c] = np.array(of, dtype=types[c]) if c in types else pd.Series(of, dtype=object)
    df = pd.DataFrame({
        **frame,
        "release": pd.Series([v[0] for v in values], dtype=object),
        "value_usd": _to_float(np.array([v[1] for v in values], dtype=np.int64)),
        "lines": np.array([v[2] for v in values], dtype=np.int64),
        "valuation": pd.Series([v[3] for v in values], dtype=object),
        "ingest_ids": pd.Series([sorted(v[4]) for v in values], dtype=object)})
    return df


#: the columns of :data:`_FIGURE_ORDER` that vary among :func:`_cached_figures`' sums (the
#: period and the origin are the query's), in that order: its sort
_CACHED_FIGURE_KEY = tuple(c for c in _FIGURE_ORDER if c not in ("period_kind", "month", "origin"))


def _cached_products(rows: pa.Table, units: np.ndarray, own: np.ndarray, export: np.ndarray, lvl: np.ndarray,
                     code: dict[str, tuple[np.ndarray, int, list]], *, level: str,
                     lookup: _Lookups) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The lines, sums and sections of :func:`_cached_tables` (:func:`_products_sql`'s
    ``line``, ``structure`` and ``section`` parts) from the ``rows`` cut to ``level``
    (``code``: their year, source and classification as :func:`_encoded` integers, with
    the number of values and the values; ``lvl``: the index of their level among
    ``level`` and the finer ones).  The reference shares and sections are looked up once
    per distinct code."""
    finer = len(PRODUCT_LEVELS) - PRODUCT_LEVELS.index(level)
    width = HS_WIDTH[level]
    products = pc.utf8_slice_codeunits(rows["product_code"], 0, width)
    product, distinct = _encoded(products)
    distinct = pa.array(distinct, pa.string())
    year, source, cls = code["year"], code["source"], code["classification"]
    key, nk = _mixed(year[:2], (own.astype(np.int64), 2), (export.astype(np.int64), 2))
    basis, nb = _mixed((key, nk), source[:2], cls[:2])
    # the lines: the rows of each (year, side, flow, source, classification, level, code) summed
    line, nl = _mixed((basis, nb), (lvl, finer), (product, int(product.max(initial=-1)) + 1))
    first = np.unique(line, return_index=True)[1]
    if len(first) < len(line):
        value = np.zeros(nl, dtype=np.int64)
        np.add.at(value, line, units)
        value = value[line[first]]
    else:
        value = units[first]
    lvl, basis, key = lvl[first], basis[first], key[first]
    own, export = own[first], export[first]
    # one level per (year, side, flow, source, classification): the coarsest present; then
    # the source and classification with most lines (then by name) of each (year, side, flow)
    best = np.full(nb, finer, dtype=np.int64)
    np.minimum.at(best, basis, lvl)
    lines_of = np.bincount(basis * finer + lvl, minlength=nb * finer)
    rep = np.unique(basis, return_index=True)[1]
    names = rows.select(["source", "classification"]).take(pa.array(first[rep]))
    pick: dict[int, tuple] = {}
    for b, k, source_name, cls_name in zip(basis[rep].tolist(), key[rep].tolist(), names["source"].to_pylist(),
                                           names["classification"].to_pylist()):
        cand = (-int(lines_of[b * finer + best[b]]), source_name, cls_name, b)
        if k not in pick or cand < pick[k]:
            pick[k] = cand
    chosen = np.zeros(nb, dtype=bool)
    chosen[[c[3] for c in pick.values()]] = True
    keep = chosen[basis] & (lvl == best[basis]) & (value > 0)
    first, value, key, own, export = first[keep], value[keep], key[keep], own[keep], export[keep]
    cls_of, product = cls[0][first], product[first]
    t = rows.select(["year", "source", "classification"]).take(pa.array(first))
    t = t.append_column("code", distinct.take(pa.array(product)))
    # totals, comparability (the previous year's lines from the same source and
    # classification), shares
    total = np.zeros(nk, dtype=np.int64)
    np.add.at(total, key, value)
    present, rep = np.unique(key, return_index=True)
    head = pa.table({"year": t["year"].take(pa.array(rep)), "reported_by": _SIDES.take(pa.array(own[rep].astype(np.int8))),
                     "flow": _FLOWS.take(pa.array(export[rep].astype(np.int8))),
                     "source": t["source"].take(pa.array(rep)), "classification": t["classification"].take(pa.array(rep))})
    metas = list(zip(*(head[c].to_pylist() for c in head.column_names)))
    basis_of = {(y, s, f): (src, c) for y, s, f, src, c in metas}
    slot = np.full(nk, -1, dtype=np.int64)
    slot[present] = np.arange(len(present))
    at = slot[key]  # each line's row of ``head``
    comparable = np.array([basis_of.get((y - 1, s, f)) == (src, c) for y, s, f, src, c in metas], dtype=bool)
    next_comparable = np.array([basis_of.get((y + 1, s, f)) == (src, c) for y, s, f, src, c in metas], dtype=bool)
    total_usd = _to_float(total[present])
    value_usd = _to_float(value)
    share = value_usd / total_usd[at]
    # the reference shares and sections of the distinct codes, then of each line
    agri, natres = np.full(len(first), np.nan), np.full(len(first), np.nan)
    for i, name in enumerate(cls[2]):
        of = np.flatnonzero(cls_of == i)
        if of.size:
            a, r = lookup.shares(name, distinct)
            agri[of], natres[of] = a[product[of]], r[product[of]]
    side = _SIDES.take(pa.array(own.astype(np.int8)))
    flow = _FLOWS.take(pa.array(export.astype(np.int8)))
    lines = pa.table({"year": t["year"], "reported_by": side, "flow": flow, "classification": t["classification"],
                      "code": t["code"], "value": pa.array(value), "value_usd": pa.array(value_usd),
                      "share": pa.array(share), "comparable": pa.array(comparable[at]),
                      "next_comparable": pa.array(next_comparable[at])})
    nh = len(present)
    sums = head.append_column("products", pa.array(np.bincount(at, minlength=nh).astype(np.int64))).append_column(
        "total_usd", pa.array(total_usd)).append_column(
        "hhi", pa.array(_decimal_sums(share * share, at, nh))).append_column(
        "agricultural_share", pa.array(_decimal_sums(agri * share, at, nh), from_pandas=True)).append_column(
        "non_commodity_share", pa.array(_decimal_sums((1 - natres) * share, at, nh), from_pandas=True)).append_column(
        "comparable", pa.array(comparable))
    # sections: the lines' sums by HS section (by chapter; null for chapters without one)
    section = lookup.sections(distinct).take(pa.array(product))
    sec, names = _encoded(pc.fill_null(section, ""))
    cell, nc = _mixed((at, nh), (sec, len(names)))
    in_cell = np.zeros(nc, dtype=np.int64)
    np.add.at(in_cell, cell, value)
    cells, rep = np.unique(cell, return_index=True)
    cell_usd = _to_float(in_cell[cells])
    sections = head.select(list(_KEY)).take(pa.array(at[rep])).append_column(
        "section", section.take(pa.array(rep))).append_column("value_usd", pa.array(cell_usd)).append_column(
        "share", pa.array(cell_usd / total_usd[at[rep]]))
    return lines, sums, sections
