"""Agricultural (WTO AoA Annex 1) and natural-resource product groups on hand-picked codes."""

from __future__ import annotations

import atlas_common_data
import pytest

from corridor.reference import product_groups


@pytest.fixture(scope="module")
def hs12_hs4():
    return product_groups("HS12", "hs4").set_index("code")


@pytest.mark.parametrize(
    ("code", "share"),
    [
        ("0101", 1.0),  # live horses: chapter 1
        ("0302", 0.0),  # fresh fish: chapter 3 excluded
        ("1604", 0.0),  # prepared fish: fish product
        ("1601", 1.0),  # sausages
        ("2401", 1.0),  # unmanufactured tobacco: chapter 24
        ("5201", 1.0),  # raw cotton: Annex 1 (ii)
        ("5204", 0.0),  # cotton sewing thread: not listed
        ("4101", 1.0),  # raw bovine hides
        ("3301", 1.0),  # essential oils
        ("3505", 1.0),  # dextrins, glues
        ("2709", 0.0),  # crude petroleum
        ("8703", 0.0),  # cars
    ],
)
def test_agricultural_share_of_hand_picked_headings(hs12_hs4, code, share):
    assert hs12_hs4.at[code, "agricultural_share"] == share
    assert hs12_hs4.at[code, "is_agricultural"] == (share >= 0.5)


def test_partly_agricultural_headings(hs12_hs4):
    # 2905: only 2905.43 (mannitol) and 2905.44 (sorbitol) of its HS6 children
    six = product_groups("HS12", "hs6").set_index("code")
    children = six[six.index.str.startswith("2905")]
    assert set(children.index[children["is_agricultural"]]) == {"290543", "290544"}
    assert hs12_hs4.at["2905", "agricultural_share"] == pytest.approx(2 / len(children))
    assert not hs12_hs4.at["2905", "is_agricultural"]
    # sorbitol n.e.p. is 3823.60 in HS 1992 and 3824.60 from HS 2007
    assert product_groups("HS92", "hs6").set_index("code").at["382360", "is_agricultural"]
    assert six.at["382460", "is_agricultural"] and not six.at["382490", "is_agricultural"]
    # fish products inside agricultural headings
    assert not six.at["051191", "is_agricultural"] and six.at["051199", "is_agricultural"]
    assert not six.at["230120", "is_agricultural"] and six.at["230110", "is_agricultural"]


@pytest.mark.parametrize(
    ("code", "natural"),
    [("2709", True), ("2601", True), ("7108", True), ("8703", False), ("0101", False), ("6109", False)],
)
def test_natural_resource_hand_picked(hs12_hs4, code, natural):
    assert hs12_hs4.at[code, "is_natural_resource"] == natural
    assert (hs12_hs4.at[code, "natural_resource_share"] >= 0.5) == natural


def test_natural_resource_share_is_a_weighted_share():
    six = product_groups("HS12", "hs6")
    shares = six["natural_resource_share"].dropna()
    assert shares.between(0, 1).all()
    assert ((shares > 0) & (shares < 1)).any()  # some codes straddle the definition
    assert six.set_index("code").at["270900", "natural_resource_share"] == pytest.approx(1.0)


def test_natural_resource_agrees_with_the_atlas_hs92_flag():
    """The Atlas flags HS92 headings itself; the SITC route agrees on at least 99% of them."""
    atlas = atlas_common_data.load_products("hs92")
    atlas = atlas[atlas["product_level"] == 4].set_index("code")["natural_resource"]
    ours = product_groups("HS92", "hs4").set_index("code")["is_natural_resource"]
    common = atlas.index.intersection(ours.index)
    agreement = (ours[common].fillna(False).astype(bool) == atlas[common].astype(bool)).mean()
    assert len(common) > 1200
    assert agreement >= 0.99


def test_sections_and_wits_groups_of_codes():
    table = product_groups("HS22", "hs2").set_index("code")
    assert table.at["27", "section"] == "V" and table.at["27", "wits_group"] == "27-27"
    assert table.at["15", "section"] == "III" and table.at["15", "wits_group"] == "06-15"
    assert table.at["99", "section"] is None and table.at["99", "wits_group"] == "90-99"
    assert table.at["01", "agricultural_share"] == 1.0
    assert 0 < table.at["29", "agricultural_share"] < 0.1
