"""Every trade indicator on a small world computed by hand, on DuckDB and on PySpark.

The world (values in USD), exporters A, B, C, markets X, Y, products p1..p3:

    2020   A->X: p1 6, p2 2    A->Y: p1 2
           B->X: p1 4, p3 4    B->Y: p2 2
           C->Y: p3 10
    2021   A->X: p1 9, p3 3    A->Y: p1 2
           B->X: p1 4, p3 4    B->Y: p2 2
           C->Y: p3 10

2020 totals: A 10 (p1 8, p2 2), B 10, C 10, world 30 (p1 12, p2 4, p3 14);
market X imports 16 (p1 10, p2 2, p3 4), market Y imports 14 (p1 2, p2 2, p3 10).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from corridor.errors import ConfigError, QueryError
from corridor.indicators.concentration import export_diversification, hhi, theil
from corridor.indicators.dynamics import growth_decomposition, product_changes, products_exported
from corridor.indicators.tidy import to_world
from corridor.indicators.trade import (
    hummels_klenow,
    market_penetration,
    trade_complementarity,
    trade_intensity,
)

from .conftest import run

ROWS = [
    (2020, "A", "X", "p1", 6.0), (2020, "A", "X", "p2", 2.0), (2020, "A", "Y", "p1", 2.0),
    (2020, "B", "X", "p1", 4.0), (2020, "B", "X", "p3", 4.0), (2020, "B", "Y", "p2", 2.0),
    (2020, "C", "Y", "p3", 10.0),
    (2021, "A", "X", "p1", 9.0), (2021, "A", "X", "p3", 3.0), (2021, "A", "Y", "p1", 2.0),
    (2021, "B", "X", "p1", 4.0), (2021, "B", "X", "p3", 4.0), (2021, "B", "Y", "p2", 2.0),
    (2021, "C", "Y", "p3", 10.0),
    (2021, "C", "X", "p2", 0.0),  # a zero is not trade: ignored everywhere
]
WORLD = pd.DataFrame(ROWS, columns=["year", "exporter", "importer", "product", "value"])


@pytest.fixture()
def world(load):
    return load(WORLD)


def one(df: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for k, v in where.items():
        mask &= df[k] == v
    assert mask.sum() == 1, (where, df)
    return df[mask].iloc[0]


def test_hhi_by_product(con, world):
    # A's exports to the world in 2020: p1 8, p2 2 -> shares .8, .2 -> HHI = .64 + .04 = .68;
    # normalised with n = 2: (.68 - .5) / (1 - .5) = .36.  C exports one product: HHI 1, normalised 1.
    r = run(con, hhi(to_world(world)), ["year", "exporter"])
    a = one(r, year=2020, exporter="A")
    assert a.n_items == 2 and a.value == 10.0
    assert a.hhi == pytest.approx(0.68, abs=1e-12)
    assert a.hhi_normalized == pytest.approx(0.36, abs=1e-12)
    c = one(r, year=2020, exporter="C")
    assert (c.hhi, c.hhi_normalized) == (1.0, 1.0)


def test_hhi_over_markets_and_universe(con, world):
    # A's markets in 2020: X 8, Y 2 -> the same shares, HHI .68.  With a universe of 4
    # items the normalisation uses n = 4: (.68 - .25) / .75.
    r = run(con, hhi(world, by=["year", "exporter"], over="importer", universe=4), ["year", "exporter"])
    a = one(r, year=2020, exporter="A")
    assert a.hhi == pytest.approx(0.68, abs=1e-12)
    assert a.hhi_normalized == pytest.approx((0.68 - 0.25) / 0.75, abs=1e-12)


def test_theil_and_its_decomposition(con, world):
    # 2020 universe: p1, p2, p3 traded by someone -> N = 3.  A: N_a = 2, shares .8, .2.
    # T = ln 3 + .8 ln .8 + .2 ln .2; between = ln(3/2); within = ln 2 + .8 ln .8 + .2 ln .2.
    ent = 0.8 * math.log(0.8) + 0.2 * math.log(0.2)
    r = run(con, theil(to_world(world)), ["year", "exporter"])
    a = one(r, year=2020, exporter="A")
    assert a.universe == 3 and a.n_items == 2
    assert a.theil == pytest.approx(math.log(3) + ent, abs=1e-12)
    assert a.theil_between == pytest.approx(math.log(1.5), abs=1e-12)
    assert a.theil_within == pytest.approx(math.log(2) + ent, abs=1e-12)
    assert a.theil == pytest.approx(a.theil_between + a.theil_within, abs=1e-12)
    # C exports only p3 out of 3: all concentration is extensive, ln 3
    c = one(r, year=2020, exporter="C")
    assert c.theil == pytest.approx(math.log(3), abs=1e-12) and c.theil_within == pytest.approx(0.0, abs=1e-12)


def test_export_diversification_wits(con, world):
    # world shares 2020: p1 12/30, p2 4/30, p3 14/30; A: p1 .8, p2 .2, p3 0.
    # DX = (|.8 - .4| + |.2 - 4/30| + |0 - 14/30|) / 2 = (.4 + 2/30 + 14/30) / 2 = 7/15.
    r = run(con, export_diversification(to_world(world)), ["year", "exporter"])
    a = one(r, year=2020, exporter="A")
    assert a.dx == pytest.approx(7 / 15, abs=1e-12)
    assert a.similarity == pytest.approx(8 / 15, abs=1e-12)
    # an explicit world reference whose products A does not export at all gives DX = 1
    other = WORLD.assign(product="q")
    r2 = run(con, export_diversification(to_world(world), world=to_backend_like(con, other)), ["year", "exporter"])
    assert one(r2, year=2020, exporter="A").dx == pytest.approx(1.0)


def to_backend_like(con, df):
    from corridor.indicators.engines import to_backend

    return to_backend(con, f"other_{con.name}", df)


def test_trade_complementarity(con, world):
    # A's export shares 2020: p1 .8, p2 .2.  X's import shares: p1 10/16, p2 2/16, p3 4/16.
    # TC = 100 * (1 - (|.625 - .8| + |.125 - .2| + |.25 - 0|) / 2) = 100 * (1 - .5 / 2) = 75.
    r = run(con, trade_complementarity(world), ["year", "exporter", "importer"])
    assert one(r, year=2020, exporter="A", importer="X").tc == pytest.approx(75.0, abs=1e-9)
    # C exports only p3; Y imports p3 10/14: TC = 100 * 10/14
    assert one(r, year=2020, exporter="C", importer="Y").tc == pytest.approx(100 * 10 / 14, abs=1e-9)
    # every exporter-importer pair of a year is present: 3 x 2 per year
    assert len(r) == 12


def test_trade_intensity(con, world):
    # TII_AX 2020 = (8 / 10) / (16 / 30) = 1.5;  TII_AY = (2 / 10) / (14 / 30) = 3/7.
    r = run(con, trade_intensity(world), ["year", "exporter", "importer"])
    assert one(r, year=2020, exporter="A", importer="X").tii == pytest.approx(1.5, abs=1e-12)
    assert one(r, year=2020, exporter="A", importer="Y").tii == pytest.approx(3 / 7, abs=1e-12)


def test_trade_intensity_with_external_totals(con, load):
    # only A->X is loaded; totals come from elsewhere: X_A 20, x_wX 50, X_w 1000
    # TII = (8 / 20) / (50 / 1000) = 8.
    pair = load(pd.DataFrame({"year": [2020], "exporter": ["A"], "importer": ["X"], "value": [8.0]}))
    ex = load(pd.DataFrame({"year": [2020], "exporter": ["A"], "importer": ["WLD"], "value": [20.0]}))
    mk = load(pd.DataFrame({"year": [2020], "importer": ["X"], "value": [50.0]}))
    wd = load(pd.DataFrame({"year": [2020], "value": [1000.0]}))
    r = run(con, trade_intensity(pair, exporter_totals=ex, market_totals=mk, world_totals=wd), ["year"])
    assert r.tii.tolist() == pytest.approx([8.0])


def test_hummels_klenow(con, world):
    # A->X 2020: K = {p1, p2}; world exports to X: p1 10, p2 2, p3 4 (16).
    # EM = 12/16 = .75; IM = 8/12; EM * IM = 8/16 = .5 (A's share of X's imports).
    r = run(con, hummels_klenow(world), ["year", "exporter", "importer"])
    a = one(r, year=2020, exporter="A", importer="X")
    assert a.n_products == 2
    assert a.extensive == pytest.approx(0.75, abs=1e-12)
    assert a.intensive == pytest.approx(8 / 12, abs=1e-12)
    assert a.market_share == pytest.approx(0.5, abs=1e-12)


def test_market_penetration(con, world):
    # 2020: A sells p1 to X and Y; p1 is imported by X and Y -> 100.
    # A sells p2 to X only; p2 is imported by X (from A) and Y (from B) -> 50.
    r = run(con, market_penetration(world), ["year", "exporter", "product"])
    assert one(r, year=2020, exporter="A", product="p1").penetration == pytest.approx(100.0)
    p2 = one(r, year=2020, exporter="A", product="p2")
    assert (p2.n_markets, p2.n_importers, p2.penetration) == (1, 2, pytest.approx(50.0))


def test_product_changes_and_growth_decomposition(con, world):
    # A->X: 2020 p1 6, p2 2 (8); 2021 p1 9, p3 3 (12).  p3 new (+3), p2 lost (-2),
    # p1 continuing (+3): change 4 = 3 - 2 + 3.
    ch = run(con, product_changes(world, start=2020, end=2021), ["exporter", "importer", "product"])
    ax = ch[(ch.exporter == "A") & (ch.importer == "X")].set_index("product")
    assert ax.status.to_dict() == {"p1": "continuing", "p2": "lost", "p3": "new"}
    assert ax.change.to_dict() == {"p1": 3.0, "p2": -2.0, "p3": 3.0}
    g = run(con, growth_decomposition(world, start=2020, end=2021), ["exporter", "importer"])
    a = one(g, exporter="A", importer="X")
    assert (a.value_start, a.value_end, a.change) == (8.0, 12.0, 4.0)
    assert (a.new, a.lost, a.intensive) == (3.0, -2.0, 3.0)
    assert (a.intensive_growth, a.intensive_decline) == (3.0, 0.0)
    assert (a.n_new, a.n_lost, a.n_continuing) == (1, 1, 1)
    # the identity holds for every flow
    assert (g.new + g.lost + g.intensive - g.change).abs().max() < 1e-9
    # B->X did not change at all
    b = one(g, exporter="B", importer="X")
    assert (b.change, b.n_continuing, b.n_new, b.n_lost) == (0.0, 2, 0, 0)


def test_products_exported_ignores_zeros(con, world):
    r = run(con, products_exported(world), ["year", "exporter", "importer"])
    assert one(r, year=2021, exporter="A", importer="X").n_products == 2
    # C->X p2 is a zero in 2021: C->X is not a flow at all
    assert r[(r.exporter == "C") & (r.importer == "X")].empty


def test_options_and_columns_are_checked(world):
    with pytest.raises(QueryError, match="needs column"):
        hhi(world.drop("product"))
    from corridor.indicators.tidy import tidy_flows

    with pytest.raises(ConfigError, match="expected one of"):
        tidy_flows(world, level="hs5")


def test_yearly_changes_match_the_two_year_decomposition(con, world):
    from corridor.indicators.dynamics import decompose, yearly_changes

    # with two years, the year-on-year margins of 2021 are those of 2020 -> 2021 (A->X: +3, -2, +3)
    y = run(con, decompose(yearly_changes(world), ["year", "exporter", "importer"]), ["exporter", "importer"])
    assert set(y.year) == {2021}  # 2020 has no previous year
    a = one(y, exporter="A", importer="X")
    assert (a.new, a.lost, a.intensive, a.change) == (3.0, -2.0, 3.0, 4.0)
    # C->Y exists in both years and did not change; B->Y p2 is continuing
    assert one(y, exporter="B", importer="Y").n_continuing == 1


def test_export_diversification_only_for_years_of_the_world_reference(con, world, load):
    # the world reference holds 2020 only: 2021 gets no DX at all (not a DX of 1)
    w2020 = load(WORLD[WORLD.year == 2020][["year", "product", "value"]])
    r = run(con, export_diversification(to_world(world), world=w2020), ["year", "exporter"])
    assert set(r.year) == {2020}
    assert one(r, year=2020, exporter="A").dx == pytest.approx(7 / 15, abs=1e-12)


def test_tidy_flows_reads_own_and_mirror_declarations(con, load):
    from corridor.indicators.tidy import tidy_flows

    from .test_bilateral import canonical, rows

    frame = pd.concat([canonical(), pd.DataFrame([rows("cn", "CHN", "KAZ", "import", 2020, "hs4", "0101", 7)])])
    flows = load(frame[canonical().columns])
    own = run(con, tidy_flows(flows, source="nat", years=[2020]), ["importer", "product"])
    assert own[["exporter", "importer", "product", "value"]].values.tolist()[:2] == [
        ["KAZ", "CHN", "0101", 6.0], ["KAZ", "CHN", "0102", 2.0]]
    # China's import declaration becomes a mirror export of Kazakhstan
    mirror = run(con, tidy_flows(flows, reported_by="imports", level="hs4"), ["product"])
    assert mirror[["year", "exporter", "importer", "product", "value"]].values.tolist() == [[2020, "KAZ", "CHN", "0101", 7.0]]
    with pytest.raises(ConfigError, match="reported_by"):
        tidy_flows(flows, reported_by="both")
