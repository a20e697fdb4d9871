"""Canonical flow rows built from ../shared/data/kz_cn_totals (until the generic importer
is used here): China-reported (imports CIF, exports FOB) and Kazakhstan-reported totals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pandas as pd

from corridor.schema import FLOW_COLUMNS


def canonical_totals(folder: Path) -> pd.DataFrame:
    chn = pd.read_csv(folder / "china_reported_kaz_totals_2014_2024.csv")
    kaz = pd.read_csv(folder / "kaz_reported_china_totals_2000_2024.csv")
    chn = chn.melt(id_vars="year", value_vars=["chn_imports_from_kaz_usd_cif", "chn_exports_to_kaz_usd_fob"],
                   var_name="col", value_name="value_usd")
    chn = chn.assign(reporter="CHN", partner="KAZ", flow=chn["col"].str.extract(r"chn_(\w+?)s_")[0],
                     valuation=chn["col"].str[-3:].str.upper())
    kaz = kaz.melt(id_vars="year", value_vars=["kaz_exports_to_chn_usd", "kaz_imports_from_chn_usd"],
                   var_name="col", value_name="value_usd")
    kaz = kaz.assign(reporter="KAZ", partner="CHN", flow=kaz["col"].str.extract(r"kaz_(\w+?)s_")[0], valuation=None)
    df = pd.concat([chn, kaz], ignore_index=True).dropna(subset=["value_usd"])
    df = df.assign(source="comtrade", release="test", period_kind="year", month=12, classification="TOTAL",
                   product_level="total", product_code="TOTAL", quantity=None, quantity_unit=None,
                   ingest_id="test-" + df["reporter"])
    return df[list(FLOW_COLUMNS)]


def totals_table(folder: Path) -> ibis.Table:
    return ibis.memtable(canonical_totals(folder))


def verified_in(workspace: Path, text: str, published: dt.date | None = None) -> list:
    """The checked claims of ``text`` against the flows of the workspace at ``workspace``
    (opened read-only, as ``corridor claims check --workspace`` opens it)."""
    from corridor.claims import extract, verify
    from corridor.store import Workspace

    with Workspace.open(workspace, create=False, read_only=True) as ws:
        return verify(extract(text, published=published), ws.flows())
