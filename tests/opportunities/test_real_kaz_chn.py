"""Kazakhstan -> China opportunities from the real files in ../shared/data (skipped when absent).

The workspace is built by the ``kaz_workspace`` fixture (conftest) through the importers.
"""

from __future__ import annotations

import pytest

from corridor.opportunities import opportunities_from_flows
from corridor.store import Workspace

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def flows(kaz_workspace):
    ws = Workspace.open(kaz_workspace, read_only=True)
    yield ws.flows()
    ws.close()


def test_untapped_potential_ranking_is_sensible(flows):
    res = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, rank_by="untapped", top=None)
    df = res.to_pandas()
    assert res.candidates == len(df) > 1000  # every HS4 heading China imports
    assert 0.1 < res.ease < 10  # Kazakhstan sells China roughly what its world shares predict
    assert any("WITS product group" in n for n in res.notes)  # the demand proxy is said
    # calibration of the ITC method: potential redistributes actual exports to China
    assert df.potential.sum() == pytest.approx(df.actual.sum(), rel=1e-9)
    assert (df.untapped >= 0).all() and df.untapped.is_monotonic_decreasing
    # crude petroleum (2709) is Kazakhstan's largest sale to China and its largest untapped line
    assert df["product"].iloc[0] == "2709"
    top10 = df.head(10)
    assert top10.is_natural_resource.sum() >= 5  # a commodity exporter: mostly natural resources
    assert top10.why_en.str.contains("untapped").all() and top10.why_ru.str.contains("неосвоено").all()


def test_product_space_ranking_is_sensible(flows):
    res = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, strategy="balanced_portfolio",
                                   rank_by="score", top=50)
    df = res.to_pandas()
    assert len(df) == 50 and df["rank"].tolist() == list(range(1, 51))
    # new products only (Atlas convention when ranking by score): RCA < 1 everywhere
    assert (df.rca < 1).all()
    # the top of the ranking is more feasible than the average candidate and in larger markets
    assert df.feasibility.head(20).mean() > 0 and df.market_score.head(20).mean() > 0
    assert df.score.is_monotonic_decreasing
    # processed goods appear, not only raw materials; every row is explained in both languages
    assert (~df.is_natural_resource.astype(bool)).sum() >= 10
    assert df.why_en.str.contains("density").all() and df.why_ru.str.contains("плотность").all()
    assert df.why_en.str.contains("China imports").all()


def test_balanced_default_is_worth_money(flows):
    atlas = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, rank_by="score", top=10).to_pandas()
    # the pure Atlas score heads the list with tin ores: $4.9 k of untapped potential
    assert atlas["product"].iloc[0] == "2609" and atlas.untapped.iloc[0] < 1e4
    res = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, top=None)
    df = res.to_pandas()
    assert res.rank_by == "balanced" and res.min_untapped == pytest.approx(1e-5 * 5_797_974_604, rel=1e-6)
    assert (df.untapped >= res.min_untapped).all() and 100 < res.candidates < 400
    assert not df.existing_strength.any()  # new products only
    assert not {"2609", "2607", "2604"} & set(df["product"])  # tin, lead (above potential), nickel (none)
    assert df.balanced_score.is_monotonic_decreasing
    top10 = df.head(10)
    assert top10.untapped.min() > 1e6 and (~top10.is_natural_resource.astype(bool)).all()
    assert top10.pci.mean() > atlas.pci.mean()  # more complex than the Atlas top 10 of ores
    # processed goods only: no natural resource anywhere in the list
    proc = opportunities_from_flows(flows, exporter="KAZ", market="CHN", year=2017, rank_by="untapped",
                                    processed_only=True, top=None).to_pandas()
    assert not proc.is_natural_resource.astype(bool).any() and "2709" not in set(proc["product"])
    assert proc.existing_strength.any()  # ranking by dollars keeps (and flags) existing strengths
