"""Export potential by hand and the ranking logic on a small synthetic world."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor.errors import ConfigError, QueryError
from corridor.indicators.engines import to_backend
from corridor.opportunities import OpportunityInputs, export_potential, rank_opportunities
from corridor.opportunities.strategy import PRESETS, strategy_weights


def frame(values: dict[str, float], **extra) -> pd.DataFrame:
    return pd.DataFrame({"product": list(values), "value": list(values.values()), **extra})


# Exporter K, market C.  K's exports to the world (supply) and world exports:
#   good: K 10 of world 100 (share .1)     demand in C 500, K sells C 5
#   bad:  K 30 of world 100 (share .3)     demand in C  10, K sells C 0
#   zero: K  0 of world 100 (share 0)      demand in C 490, K sells C 0
# expected trade = .1*500 + .3*10 + 0*490 = 53; actual = 5 -> ease B = 5/53.
# potential(good) = .1 * 500 * 5/53 = 250/53; potential(bad) = .3 * 10 * 5/53 = 15/53.
SUPPLY = frame({"good": 10.0, "bad": 30.0})
WORLD = frame({"good": 100.0, "bad": 100.0, "zero": 100.0})
DEMAND = frame({"good": 500.0, "bad": 10.0, "zero": 490.0}, growth=[0.10, -0.05, 0.0])
ACTUAL = frame({"good": 5.0})


def tables(con, prefix):
    return [to_backend(con, f"{prefix}_{n}_{con.name}", df) for n, df in
            (("s", SUPPLY), ("w", WORLD), ("d", DEMAND), ("a", ACTUAL))]


def test_export_potential_by_hand(any_con):
    s, w, d, a = tables(any_con, "pot")
    r = any_con.execute(export_potential(s, w, d, a)).set_index("product").sort_index()
    assert r.loc["good", "supply_share"] == pytest.approx(0.1)
    assert r.ease.unique().tolist() == pytest.approx([5 / 53])
    assert r.loc["good", "potential"] == pytest.approx(250 / 53)
    assert r.loc["bad", "potential"] == pytest.approx(15 / 53)
    assert r.loc["zero", "potential"] == 0.0
    # untapped = max(potential - actual, 0): good is over-realised (5 > 250/53)
    assert r.loc["good", "untapped"] == 0.0 and r.loc["bad", "untapped"] == pytest.approx(15 / 53)
    assert r.loc["good", "realised"] == pytest.approx(5 / (250 / 53))
    # calibration: potential sums to actual trade at horizon 0
    assert r.potential.sum() == pytest.approx(5.0)
    # two years ahead with the market's own growth: good's demand 500 * 1.1^2 = 605
    r2 = any_con.execute(export_potential(s, w, d, a, horizon=2)).set_index("product")
    assert r2.loc["good", "demand_projected"] == pytest.approx(605.0)
    assert r2.loc["good", "potential"] == pytest.approx(0.1 * 605 * 5 / 53)


def inputs(con, space=None, products=None):
    s, w, d, a = tables(con, "rank")
    return OpportunityInputs(
        exporter="K", market="C", year=2020, supply=s, world=w, demand=d, actual=a,
        space=space, products=products, market_name_en="Cland", market_name_ru="Цландия",
    )


SPACE = pd.DataFrame({
    "product": ["good", "bad", "zero"],
    "density": [0.8, 0.1, 0.3],
    "distance": [0.2, 0.9, 0.7],
    "pci": [0.5, 0.5, 0.5],
    "cog": [0.1, 0.1, 0.1],
    "rca": [0.4, 2.5, 0.0],
})
PRODUCTS = pd.DataFrame({
    "product": ["good", "bad", "zero"], "name_en": ["Good", "Bad", "Zero"], "name_ru": ["Хороший", "Плохой", "Ноль"],
    "wits_group": ["84-85", "25-26", "01-05"], "is_natural_resource": [False, True, False],
    "is_agricultural": [False, False, True],
})


def test_high_density_and_demand_ranks_above_neither():
    from corridor.indicators.engines import connect

    con = connect("duckdb")
    res = rank_opportunities(inputs(con, SPACE, PRODUCTS), strategy="low_hanging_fruit", rank_by="score", top=None,
                             exclude_competitive=False)
    df = res.to_pandas()
    order = df["product"].tolist()
    # good: densest (closest) and the largest, fastest-growing demand; bad: neither
    assert order.index("good") < order.index("bad")
    assert order[0] == "good" and order[-1] == "bad"
    assert res.ease == pytest.approx(5 / 53) and res.candidates == 3
    good = df.set_index("product").loc["good"]
    # feasibility is -z(distance): distances .2, .9, .7 -> mean .6, sd = sqrt(((.4)^2+.3^2+.1^2)/3)
    sd = ((0.16 + 0.09 + 0.01) / 3) ** 0.5
    assert good.feasibility == pytest.approx(0.4 / sd)
    w = PRESETS["low_hanging_fruit"]
    assert good.product_space_score == pytest.approx(w.distance * 0.4 / sd)  # pci and cog are constant -> z 0
    # explanations in both languages carry the figures
    assert "density 0.80" in good.why_en and "Cland imports $500" in good.why_en and "+10.0%/yr" in good.why_en
    assert "плотность 0,80" in good.why_ru and "Цландия импортирует" in good.why_ru
    bad = df.set_index("product").loc["bad"]
    assert "natural resource" in bad.why_en and "untapped" in bad.why_en
    zero = df.set_index("product").loc["zero"]
    assert "agricultural product" in zero.why_en and "сельскохозяйственный товар" in zero.why_ru
    assert "no potential" in zero.why_en  # no world exports of it by the exporter
    # the formats agree
    assert res.to_polars().height == 3 and res.to_arrow().num_rows == 3


def test_rank_by_untapped_and_exclude_competitive():
    from corridor.indicators.engines import connect

    con = connect("duckdb")
    res = rank_opportunities(inputs(con, SPACE), rank_by="untapped", top=1)
    assert res.to_pandas()["product"].tolist() == ["bad"]  # the only product with untapped potential
    res2 = rank_opportunities(inputs(con, SPACE), rank_by="score", top=None)  # new products only by default
    assert "bad" not in res2.to_pandas()["product"].tolist()  # RCA 2.5 >= 1
    assert res2.candidates == 2
    res3 = rank_opportunities(inputs(con))
    assert any("no product-space data" in n for n in res3.notes)


def test_options_are_checked():
    from corridor.indicators.engines import connect

    con = connect("duckdb")
    with pytest.raises(ConfigError, match="low_hanging_fruit"):
        rank_opportunities(inputs(con), strategy="moonshot")
    with pytest.raises(ConfigError, match="expected one of"):
        rank_opportunities(inputs(con), rank_by="size")
    assert strategy_weights("strategic_bets") == PRESETS["long_jumps"]
    for w in PRESETS.values():
        assert w.distance + w.complexity + w.opportunity_gain == pytest.approx(1.0)
    empty = to_backend(con, "empty_demand", frame({"good": 0.0}))
    s, w_, _, a = tables(con, "e")
    with pytest.raises(QueryError, match="no demand"):
        rank_opportunities(OpportunityInputs("K", "C", 2020, s, w_, empty, a))
