"""Data warnings: where one side's figures of a bilateral flow look implausible against the other's.

Mirror statistics never agree exactly: imports are valued CIF and exports FOB (a 5-10%
margin), goods are recorded at different times and through third countries (UNSD,
*International Merchandise Trade Statistics: Concepts and Definitions 2010*, ch. 9 on
asymmetries).  A figure is flagged when the gap goes well beyond that:

- ``mirror_gap``: ``|mirror - own| / min(own, mirror) > max_gap_pct / 100`` (the larger
  side more than ``max_gap_pct`` percent above the smaller; default 25%), and
  ``mirror_gap_extreme`` instead when the larger side is more than ``extreme_ratio``
  (default 3) times the smaller;
- ``few_lines``: one side reports fewer than ``min_lines_ratio`` (default 0.5) as many
  product lines of the flow as the other, a sign of missing detail rather than less trade;
- ``lines_drop``: one side reports fewer than ``min_lines_ratio`` times the median number of
  product lines it reports for the flow over the years asked (at least three years), the
  same sign when the other side gives no product detail.

Kazakhstan's own statistics of its imports from China in 2020-2022 (130-154 HS4 lines
and USD 2.0-3.6 bn against China's USD 11.7-16.4 bn of exports) trip both rules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: ``month``: the month of a monthly or January-N period (the gaps' own; empty for a year).
WARNING_COLUMNS = ("year", "month", "flow", "reason", "low_side", "own", "mirror", "gap_pct", "own_products",
                   "mirror_products", "usual_products")


def mirror_warnings(gaps: pd.DataFrame, structure: pd.DataFrame, /, *, max_gap_pct: float = 25.0,
                    extreme_ratio: float = 3.0, min_lines_ratio: float = 0.5) -> pd.DataFrame:
    """One row per flagged (year, flow, reason), ``low_side`` the side that looks short
    (``economy`` for the first economy's own statistics, ``partner`` for the mirror).

    ``gaps``: the monitor's year x flow table (``own``, ``mirror``, ``gap_pct``);
    ``structure``: its year x reported_by x flow table (``products``)."""
    g = gaps.dropna(subset=["own", "mirror"]).copy()
    g = g[(g["own"] > 0) & (g["mirror"] > 0)]
    lines = (structure.pivot_table(index=["year", "flow"], columns="reported_by", values="products", aggfunc="sum")
             .reindex(columns=["economy", "partner"]).rename(columns={"economy": "own_products",
                                                                        "partner": "mirror_products"})
             .reset_index()) if not structure.empty else pd.DataFrame(columns=["year", "flow", "own_products",
                                                                                "mirror_products"])
    g = g.merge(lines, on=["year", "flow"], how="left")
    ratio = np.maximum(g["own"], g["mirror"]) / np.minimum(g["own"], g["mirror"]) - 1.0
    g["low_side"] = np.where(g["own"] < g["mirror"], "economy", "partner")
    gap = g[ratio > max_gap_pct / 100.0].assign(reason="mirror_gap")
    gap.loc[ratio[gap.index] + 1.0 > extreme_ratio, "reason"] = "mirror_gap_extreme"
    few_own = g["own_products"] < min_lines_ratio * g["mirror_products"]
    few_mirror = g["mirror_products"] < min_lines_ratio * g["own_products"]
    few = pd.concat([g[few_own].assign(reason="few_lines", low_side="economy"),
                     g[few_mirror].assign(reason="few_lines", low_side="partner")])
    drop = _lines_drop(structure, min_lines_ratio).merge(g.drop(columns="low_side"), on=["year", "flow"])
    out = pd.concat([gap, few, drop], ignore_index=True)
    for col in WARNING_COLUMNS:
        if col not in out:
            out[col] = np.nan
    if out.empty:
        return pd.DataFrame(columns=list(WARNING_COLUMNS))
    return out[list(WARNING_COLUMNS)].sort_values(["flow", "reason", "year", "month"]).reset_index(drop=True)


def _lines_drop(structure: pd.DataFrame, ratio: float) -> pd.DataFrame:
    """(year, flow, low_side, usual_products) where a side's product lines fall below
    ``ratio`` times its median over the years (sides with at least three years)."""
    cols = ["year", "flow", "low_side", "usual_products", "reason"]
    if structure.empty:
        return pd.DataFrame(columns=cols)
    s = structure[["year", "reported_by", "flow", "products"]].dropna()
    grp = s.groupby(["reported_by", "flow"])["products"]
    s = s.assign(usual_products=grp.transform("median"), years=grp.transform("size"))
    low = s[(s["years"] >= 3) & (s["products"] < ratio * s["usual_products"])]
    return low.rename(columns={"reported_by": "low_side"}).assign(reason="lines_drop")[cols]
