"""The per-year indicator report of one exporter-market pair, on a small canonical table.

Kazakhstan (own statistics, source ``nat``, HS12 HS4):
    to CHN   2020: 0101 6, 0102 2 (8)        2021: 0101 9, 2601 3 (12)
    to WLD   2020: 0101 8, 0102 2 (10)       2021: 0101 12, 2601 8 (20)
China's imports from the world by WITS group (source ``cn``): 01-05 30, 25-26 70 in both
years; total 100 in 2020.  A world matrix (source ``world``, 2020 only): 30 economies
exporting 0101 1 and 2601 1 each, plus Kazakhstan's 0101 8, 0102 2 -> world 70.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from corridor.errors import ConfigError, QueryError
from corridor.indicators.bilateral import bilateral_indicators
from corridor.indicators.engines import connect, to_backend
from corridor.schema import FLOW_COLUMNS


def rows(source, reporter, partner, flow, year, level, code, value):
    return {
        "source": source, "release": "r1", "reporter": reporter, "partner": partner, "flow": flow,
        "year": year, "period_kind": "year", "month": 12, "classification": "TOTAL" if level == "total" else "HS12",
        "product_level": level, "product_code": code, "value_usd": float(value), "quantity": None,
        "quantity_unit": None, "valuation": None, "ingest_id": f"{source}-1",
    }


def canonical() -> pd.DataFrame:
    r = []
    for year, chn, wld in ((2020, {"0101": 6, "0102": 2}, {"0101": 8, "0102": 2}),
                           (2021, {"0101": 9, "2601": 3}, {"0101": 12, "2601": 8})):
        r += [rows("nat", "KAZ", "CHN", "export", year, "hs4", k, v) for k, v in chn.items()]
        r += [rows("nat", "KAZ", "WLD", "export", year, "hs4", k, v) for k, v in wld.items()]
        r += [rows("cn", "CHN", "WLD", "import", year, "group", g, v) for g, v in (("01-05", 30), ("25-26", 70))]
    r.append(rows("cn", "CHN", "WLD", "import", 2020, "total", "TOTAL", 100))
    for i in range(30):
        r += [rows("world", f"E{i:02d}", "WLD", "export", 2020, "hs4", k, 1) for k in ("0101", "2601")]
    r += [rows("world", "KAZ", "WLD", "export", 2020, "hs4", k, v) for k, v in (("0101", 8), ("0102", 2))]
    return pd.DataFrame(r)[list(FLOW_COLUMNS)]


@pytest.fixture(scope="module")
def report():
    con = connect("duckdb")
    flows = to_backend(con, "flows_bilateral", canonical())
    return bilateral_indicators(flows, exporter="KAZ", market="CHN", year_from=2020, year_to=2021)


def test_levels_shares_and_concentration(report):
    s = report.to_pandas().set_index("year")
    assert report.source == "nat"  # the exporter's own statistics, not the world matrix
    assert s.loc[2020, "exports_to_market"] == 8.0 and s.loc[2021, "exports_to_world"] == 20.0
    assert s.loc[2020, "market_share_of_exports"] == pytest.approx(0.8)
    # 2020 to China: shares .75, .25 -> HHI .625, normalised (.625 - .5) / .5 = .25
    assert s.loc[2020, "n_products"] == 2
    assert s.loc[2020, "hhi"] == pytest.approx(0.625) and s.loc[2020, "hhi_normalized"] == pytest.approx(0.25)
    # Theil over the 1,225 HS12 headings: ln 1225 + .75 ln .75 + .25 ln .25
    assert s.loc[2020, "theil"] == pytest.approx(math.log(1225) + 0.75 * math.log(0.75) + 0.25 * math.log(0.25))


def test_growth_margins_against_previous_year(report):
    s = report.to_pandas().set_index("year")
    assert math.isnan(s.loc[2020, "new"])  # no 2019 to compare with
    assert (s.loc[2021, "new"], s.loc[2021, "lost"], s.loc[2021, "intensive"]) == (3.0, -2.0, 3.0)
    ch = report.changes.to_pandas().set_index("product")
    assert ch.status.to_dict() == {"0101": "continuing", "0102": "lost", "2601": "new"}


def test_complementarity_diversification_intensity(report):
    s = report.to_pandas().set_index("year")
    # TC at group level: 2020 KAZ 01-05 100% vs CHN 01-05 30% -> 30; 2021 KAZ .6/.4 vs .3/.7 -> 70
    assert s.loc[2020, "tc"] == pytest.approx(30.0) and s.loc[2021, "tc"] == pytest.approx(70.0)
    # DX 2020: world 0101 38/70, 0102 2/70, 2601 30/70; KAZ .8, .2 -> 1 - (38 + 2)/70 = 3/7
    assert s.loc[2020, "dx"] == pytest.approx(3 / 7)
    assert math.isnan(s.loc[2021, "dx"])  # no world matrix for 2021
    # TII 2020 = (8 / 10) / (100 / 70) = .56
    assert s.loc[2020, "tii"] == pytest.approx(0.56)
    assert any("group level" in n for n in report.notes)


def test_errors():
    con = connect("duckdb")
    flows = to_backend(con, "flows_bilateral_err", canonical())
    with pytest.raises(QueryError, match="no hs4 exports reported by UZB"):
        bilateral_indicators(flows, exporter="UZB", market="CHN", year_from=2020, year_to=2021)
    with pytest.raises(ConfigError, match="after"):
        bilateral_indicators(flows, exporter="KAZ", market="CHN", year_from=2022, year_to=2021)
    with pytest.raises(ConfigError, match="expected one of"):
        bilateral_indicators(flows, exporter="KAZ", market="CHN", year_from=2020, year_to=2021, level="hs5")
