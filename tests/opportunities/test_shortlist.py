"""The balanced default ranking, its filters and the 80-column table, on a hand-built world."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from corridor.errors import ConfigError
from corridor.indicators.engines import connect, to_backend
from corridor.opportunities import DEFAULT_MIN_UNTAPPED_SHARE, OpportunityInputs, rank_opportunities
from corridor.reports.numbers import number


def frame(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"product": list(values), "value": list(values.values())})


# Exporter K, market C (world exports are 100 for every product):
#   product  K's exports (share)  C's imports  K sells C   density  RCA  kind
#   big       20     (.2)          1000          0         0.50     0.8  processed
#   tiny       0.01  (1e-4)        1000          0         0.55     0.0  processed
#   ore       10     (.1)           500          0         0.40     0.5  natural resource
#   strong    50     (.5)           200         50         0.90     3.0  processed (existing strength)
#   filler     0     (0)            300          0         0.45     0.0  agricultural
# expected trade = .2*1000 + 1e-4*1000 + .1*500 + .5*200 = 350.1; actual 50 -> ease B = 50/350.1
# potential = share * demand * B: big 200B, tiny 0.1B, ore 50B, strong 100B (< 50 sold: untapped 0), filler 0
B = 50 / 350.1
SUPPLY = frame({"big": 20.0, "tiny": 0.01, "ore": 10.0, "strong": 50.0})
WORLD = frame({p: 100.0 for p in ("big", "tiny", "ore", "strong", "filler")})
DEMAND = frame({"big": 1000.0, "tiny": 1000.0, "ore": 500.0, "strong": 200.0, "filler": 300.0}).assign(growth=0.05)
ACTUAL = frame({"strong": 50.0})
DENSITY = [0.50, 0.55, 0.40, 0.90, 0.45]
SPACE = pd.DataFrame({
    "product": ["big", "tiny", "ore", "strong", "filler"],
    "density": DENSITY,
    "distance": [1.0 - d for d in DENSITY],
    "pci": 0.5, "cog": 0.1,  # equal: only feasibility, market and money tell the products apart
    "rca": [0.8, 0.0, 0.5, 3.0, 0.0],
})
LONG = "with a very long customs description that runs on, as HS headings do, well past any terminal"
PRODUCTS = pd.DataFrame({
    "product": ["big", "tiny", "ore", "strong", "filler"],
    "name_en": [f"Big machines {LONG}", "Tiny gadgets", "Ores", "Strong goods", "Filler"],
    "name_ru": [f"Большие машины {LONG}", "Мелочи", "Руды", "Сильные товары", "Наполнитель"],
    "wits_group": ["84-85", "84-85", "25-26", "84-85", "01-05"],
    "is_natural_resource": [False, False, True, False, False],
    "is_agricultural": [False, False, False, False, True],
})


@pytest.fixture(scope="module")
def inputs() -> OpportunityInputs:
    con = connect("duckdb")
    s, w, d, a = (to_backend(con, f"short_{n}", df) for n, df in
                  (("s", SUPPLY), ("w", WORLD), ("d", DEMAND), ("a", ACTUAL)))
    return OpportunityInputs(exporter="K", market="C", year=2020, supply=s, world=w, demand=d, actual=a,
                             space=SPACE, products=PRODUCTS, market_name_en="Cland", market_name_ru="Цландия")


def ranked(inputs, **kw) -> pd.DataFrame:
    return rank_opportunities(inputs, top=None, **kw).to_pandas().set_index("product")


def test_money_outranks_slightly_better_density(inputs):
    atlas = ranked(inputs, rank_by="score")
    # the pure Atlas score prefers tiny: same market and PCI/COG, slightly denser
    assert atlas.loc["tiny", "rank"] < atlas.loc["big", "rank"]
    res = rank_opportunities(inputs, top=None)  # the default: balanced, with the default floor
    assert res.rank_by == "balanced"
    df = res.to_pandas().set_index("product")
    assert df.loc["big", "untapped"] == pytest.approx(200 * B) and df.loc["tiny", "untapped"] == pytest.approx(0.1 * B)
    assert df.loc["big", "rank"] < df.loc["tiny", "rank"]  # $28.6 of untapped potential beats $0.01
    # balanced = 0.5 score + 0.5 z(ln(1 + untapped)) over the candidates (population sd)
    v = np.log1p(df["untapped"])
    z = (v - v.mean()) / v.std(ddof=0)
    assert df["value_score"].to_numpy() == pytest.approx(z.to_numpy())
    assert df["balanced_score"].to_numpy() == pytest.approx((0.5 * df["score"] + 0.5 * z).to_numpy())
    # value_weight=0 is the Atlas order again
    assert ranked(inputs, value_weight=0.0).loc["tiny", "rank"] < ranked(inputs, value_weight=0.0).loc["big", "rank"]


def test_floor_excludes_negligible_potential(inputs):
    # default floor: 1e-5 of actual exports to the market (50) -> 0.0005: only filler (no potential) goes
    res = rank_opportunities(inputs, top=None)
    assert res.min_untapped == pytest.approx(DEFAULT_MIN_UNTAPPED_SHARE * 50)
    assert set(res.to_pandas()["product"]) == {"big", "tiny", "ore"}  # strong: RCA 3 (and untapped 0)
    assert any("left out 1 product with untapped potential below" in n for n in res.notes)
    assert any("existing strengths" in n for n in res.notes) and any("исключено" in n for n in res.notes_ru)
    # 0.1 % of 50 = 0.05: tiny (0.014) goes too; an absolute floor of 10 leaves big (28.6) alone
    assert set(ranked(inputs, min_untapped_share=0.001).index) == {"big", "ore"}
    assert set(ranked(inputs, min_untapped_usd=10.0).index) == {"big"}
    # the pure Atlas score has no floor; an explicit one applies to it
    assert set(ranked(inputs, rank_by="score").index) == {"big", "tiny", "ore", "filler"}
    assert set(ranked(inputs, rank_by="score", min_untapped_usd=1.0).index) == {"big", "ore"}
    for bad in ({"min_untapped_share": 2.0}, {"min_untapped_usd": -1.0}, {"value_weight": 1.5},
                {"processed_only": "yes"}):
        with pytest.raises(ConfigError):
            rank_opportunities(inputs, **bad)


def test_processed_only_leaves_out_natural_resources(inputs):
    res = rank_opportunities(inputs, top=None, processed_only=True)
    df = res.to_pandas()
    assert set(df["product"]) == {"big", "tiny"} and res.processed_only
    assert not df.is_natural_resource.any()
    assert any("left out 1 natural resource (processed goods only)" in n for n in res.notes)
    # agricultural products are not natural resources: kept (filler, with the floor off)
    assert "filler" in set(ranked(inputs, rank_by="score", processed_only=True).index)


def test_existing_strengths_are_flagged(inputs):
    df = ranked(inputs, rank_by="untapped")  # kept by default when ranking by dollars
    assert df.loc["strong", "existing_strength"] == True  # noqa: E712 (pandas boolean)
    assert not df.drop(index="strong").existing_strength.any()
    assert "existing strength (RCA >= 1), not new diversification" in df.loc["strong", "why_en"]
    assert "уже сильная позиция" in df.loc["strong", "why_ru"]
    assert "existing strength" not in df.loc["big", "why_en"]
    kept = ranked(inputs, exclude_competitive=False, min_untapped_share=0.0)
    assert kept.loc["strong", "existing_strength"] == True  # noqa: E712


def render(res, lang: str, width: int = 80) -> str:
    from types import SimpleNamespace

    from corridor.reports.analysis import render_opportunities

    result = SimpleNamespace(ranking=res, opportunities=res.to_pandas().drop(columns=["why_en", "why_ru"]),
                             query=SimpleNamespace(level="hs4"))
    return render_opportunities(result, lang=lang, width=width)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_table_fits_80_columns(inputs, lang):
    res = rank_opportunities(inputs, rank_by="untapped", top=None)
    text = render(res, lang)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    titles = {"en": ["#", "HS4", "Product", "Untapped", "Density", "PCI", "Market", "Flag"],
              "ru": ["№", "HS4", "Товар", "Резерв", "Плотность", "PCI", "Рынок", "Тип"]}[lang]
    header = next(line for line in lines if titles[2] in line and titles[3] in line)
    assert "…" not in header and all(t in header.split() for t in titles)
    def row_of(product: str) -> str:  # the table row (not the explanation line "1. code ...")
        return next(line for line in lines if line.split()[1:2] == [product] and line.split()[0].isdigit())

    for r in res.to_pandas().to_dict("records"):  # every figure is shown in full on the product's row
        cells = row_of(r["product"]).replace("\u00a0", "").split()
        for cell in (number(r["untapped"] / 1e6, lang, digits=1), number(r["density"], lang, digits=3),
                     number(r["pci"], lang, digits=2), number(r["demand"] / 1e6, lang, digits=1)):
            assert cell.replace("\u00a0", "") in cells
    assert "…" not in text and "past any" in " ".join(text.split())  # long names wrap between words, never cut
    flags = {"en": {"strong": "MFG*", "ore": "RES", "filler": "AGR", "big": "MFG"},
             "ru": {"strong": "ПЕР*", "ore": "СЫР", "filler": "АГР", "big": "ПЕР"}}[lang]
    for product, flag in flags.items():  # RES/AGR/MFG, * for the existing strength
        assert row_of(product).split()[-1] == flag
    legend = {"en": "existing strength (RCA >= 1)", "ru": "уже сильная позиция (RCA >= 1)"}[lang]
    assert legend in " ".join(text.split())
    assert math.isclose(res.ease, B)
