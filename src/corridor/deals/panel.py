"""The product x period panel of an event for :func:`corridor.deals.event.estimate`.

*Treated*: the statistics codes the event's deals select (:func:`.followup.product_weights`);
*control*: the codes of the same HS chapters that no deal of the ledger selects.  Periods
are the side's months when monthly figures are loaded, else its years; a product absent
in a period of the side's data counts as a zero flow (PPML keeps zeros).  A treated
product's exposure in a period is the largest share of that period inside the horizon of
an event deal that selects it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .event import panel_exposure
from .followup import _finest, _side_rows, product_weights
from .model import Deal

#: the least control products for an estimate
MIN_CONTROLS = 3


def event_panel(event_deals: Sequence[Deal], all_deals: Sequence[Deal], flows: pd.DataFrame, *, side: str
                ) -> tuple[pd.DataFrame | None, str]:
    """(panel, '') or (None, reason key) for one side (``'exporter'`` or ``'importer'``) of
    the event deals' pair (all of ``event_deals`` share one exporter and importer)."""
    d0 = event_deals[0]
    spec = (d0.exporter, d0.importer, "export") if side == "exporter" else (d0.importer, d0.exporter, "import")
    rows = _side_rows(flows, spec)
    pick = _finest(rows)
    if pick is None:
        return None, "no_statistics"
    kind, classification, level = pick
    rows = rows[(rows["period_kind"] == kind) & (rows["classification"] == classification) & (rows["product_level"] == level)]
    codes = rows["product_code"].unique()
    exposure_of: dict[str, list[Deal]] = {}
    for d in event_deals:
        for c in product_weights(d, codes, classification=classification, level=level)[0]:
            exposure_of.setdefault(c, []).append(d)
    if not exposure_of:
        return None, "codes_not_in_statistics"
    in_any = set(exposure_of)
    for d in all_deals:
        if {d.exporter, d.importer} == {d0.exporter, d0.importer}:
            in_any |= set(product_weights(d, codes, classification=classification, level=level)[0])
    chapters = {c[:2] for c in exposure_of}
    controls = sorted(c for c in codes if c[:2] in chapters and c not in in_any)
    if len(controls) < MIN_CONTROLS:
        return None, "too_few_controls"
    period = rows["year"].astype(int) * 12 + rows["month"].astype(int) - 1 if kind == "month" else rows["year"].astype(int)
    values = (pd.DataFrame({"product": rows["product_code"].to_numpy(), "period": period.to_numpy(),
                            "value_usd": rows["value_usd"].to_numpy()})
              .groupby(["product", "period"], as_index=False)["value_usd"].sum())
    periods = np.sort(values["period"].unique())
    products = sorted(exposure_of) + controls
    grid = pd.MultiIndex.from_product([products, periods], names=["product", "period"]).to_frame(index=False)
    panel = grid.merge(values, on=["product", "period"], how="left").fillna({"value_usd": 0.0})
    panel["treated"] = panel["product"].isin(exposure_of)
    exposure = np.zeros(len(panel))
    per = pd.Series(periods)
    for code, ds in exposure_of.items():
        e = np.max([panel_exposure(per, signed_month=d.signed_month_index, horizon_months=d.horizon_months, kind=kind)
                    for d in ds], axis=0)
        exposure[(panel["product"] == code).to_numpy()] = np.tile(e, 1)
    panel["exposure"] = exposure
    if not (panel["exposure"] > 0).any():
        return None, "horizon_not_covered"
    pre = panel[panel["treated"]].groupby("period")["exposure"].max()
    if not (pre == 0).any():
        return None, "no_baseline_periods"
    return panel, ""
