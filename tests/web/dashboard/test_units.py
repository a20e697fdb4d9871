"""Pure parts of the dashboard: number formats, data warnings, chart specs, highlighting."""

from __future__ import annotations

import pandas as pd

from corridor.indicators.plausibility import mirror_warnings
from corridor.reports import numbers
from corridor.web import charts
from corridor.web.texts import TEXTS
from corridor.web.views import highlight


def test_numbers_in_both_languages():
    nb = "\u00a0"
    assert numbers.money(43.9e9, "ru") == f"43,9{nb}млрд{nb}$"
    assert numbers.money(43.9e9, "en") == f"$43.9{nb}bn"
    assert numbers.money(-1.25e6, "en") == f"−$1.2{nb}m"  # round half to even, minus sign
    assert numbers.money(950.0, "ru") == f"950{nb}$"
    assert numbers.money(2.5e9, "en", scale=1e6) == f"$2,500.0{nb}m"
    assert numbers.number(1234567.891, "ru", digits=2) == f"1{nb}234{nb}567,89"
    assert numbers.percent(31.66, "ru") == f"+31,7{nb}%"
    assert numbers.percent(-5, "en") == "−5.0%"
    assert numbers.money(None, "ru") == "н/д" and numbers.percent(float("nan"), "en") == "n/a"


def test_mirror_warnings_flag_a_short_side():
    """Hand-made: in 2021 Kazakhstan reports imports of 2.0 bn over 130 lines, China 11.7 bn
    over 1,100: the mirror is 485% above own (> 25%) and own lists 12% of China's lines (< 50%).
    In 2022 exports differ by 6.8% (CIF/FOB): nothing flagged."""
    gaps = pd.DataFrame({"year": [2021, 2022], "flow": ["import", "export"], "own": [2.0e9, 14.9e9],
                         "mirror": [11.7e9, 15.913e9], "gap_usd": [9.7e9, 1.013e9], "gap_pct": [485.0, 6.8]})
    structure = pd.DataFrame({"year": [2021, 2021, 2022, 2022], "reported_by": ["economy", "partner"] * 2,
                              "flow": ["import", "import", "export", "export"], "products": [130, 1100, 300, 310]})
    w = mirror_warnings(gaps, structure)
    assert w[["year", "flow", "reason", "low_side"]].values.tolist() == [
        [2021, "import", "few_lines", "economy"], [2021, "import", "mirror_gap_extreme", "economy"]]
    assert mirror_warnings(gaps, structure, extreme_ratio=10)["reason"].tolist() == ["few_lines", "mirror_gap"]
    assert w["own_products"].tolist() == [130, 130]


def test_mirror_series_data_are_the_summary_figures():
    summary = [{"year": 2023, "reported_by": "economy", "exports": 1.0, "imports": 2.0, "turnover": 3.0, "balance": -1.0},
               {"year": 2023, "reported_by": "partner", "exports": 1.5, "imports": None, "turnover": None, "balance": None}]
    spec = charts.mirror_series(summary, titles={m: m for m in charts.MEASURES},
                                labels={"own": "own", "mirror": "mirror", "year": "y", "side": "s"}, scale=1e9, unit="bn")
    series = {(r["measure"], r["side"]): r["value_usd"] for r in spec["datasets"]["series"]}
    assert series == {("exports", "economy"): 1.0, ("imports", "economy"): 2.0, ("turnover", "economy"): 3.0,
                      ("balance", "economy"): -1.0, ("exports", "partner"): 1.5}
    assert spec["datasets"]["gap"] == [{"year": 2023, "measure": "exports", "own": 1.0, "mirror": 1.5}]
    assert len(spec["concat"]) == 4


def test_treemap_tiles_add_up_to_the_sections():
    sections = [{"section": "V", "value_usd": 100.0, "share": 0.8}, {"section": "XV", "value_usd": 25.0, "share": 0.2}]
    products = [{"code": "2709", "value_usd": 70.0, "section": "V"}, {"code": "7403", "value_usd": 25.0, "section": "XV"}]
    spec = charts.treemap(sections, products, section_names={"V": "Mineral products"}, product_names={},
                          other="other", title="t", money={})
    tiles = spec["data"][0]["values"]
    leaves = [t for t in tiles if t["leaf_value"] > 0]
    assert sum(t["leaf_value"] for t in leaves) == 125.0
    assert {t["id"]: t["leaf_value"] for t in leaves} == {"p:2709": 70.0, "p:7403": 25.0, "o:V": 30.0}


def test_highlight_cuts_the_text_at_each_claims_figure():
    text = "Turnover reached $41 bn in 2023. Exports were $15 bn."
    claims = [{"start": 0, "end": 32, "value_start": 17, "value_end": 23, "verdict": {"status": "supported"}},
              {"start": 33, "end": 53, "value_start": 46, "value_end": 52, "verdict": {"status": "contradicted"}}]
    pieces = highlight(text, claims)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["status"]) for p in pieces if "claim" in p] == [("$41 bn", "supported"), ("$15 bn", "contradicted")]


def test_dashboard_texts_are_complete_in_both_languages():
    assert all(set(v) == {"en", "ru"} and all(v.values()) for v in TEXTS.values())


def test_mirror_warnings_flag_a_drop_of_product_lines_against_the_sides_usual_year():
    """Kazakhstan's own import lines: 1,000, 1,010, 140 (2020), 990: 140 < 0.5 x median 995.
    China gives totals only (no structure rows), and the values differ by under 25%."""
    gaps = pd.DataFrame({"year": [2018, 2019, 2020, 2021], "flow": "import", "own": [10.0, 10.0, 9.0, 10.0],
                         "mirror": [11.0, 11.0, 10.0, 11.0], "gap_usd": 1.0, "gap_pct": 10.0})
    structure = pd.DataFrame({"year": [2018, 2019, 2020, 2021], "reported_by": "economy", "flow": "import",
                              "products": [1000, 1010, 140, 990]})
    w = mirror_warnings(gaps, structure)
    assert w[["year", "reason", "low_side", "own_products", "usual_products"]].values.tolist() == [
        [2020, "lines_drop", "economy", 140, 995.0]]
