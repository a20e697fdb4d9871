"""HS codes and names of every revision, HS sections and WITS groups."""

from __future__ import annotations

import csv

import pytest

from corridor.errors import OptionError, QueryError
from corridor.reference import hs_sections, product_codes, products, wits_groups

REVISIONS = ("HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22")
#: revision -> file of the shared concordance collection with its HS descriptions
DESCRIPTION_FILES = dict(zip(REVISIONS, (f"hs{i}_desc.csv" for i in range(7))))


def _chapters(first: str, last: str) -> list[str]:
    return [f"{n:02d}" for n in range(int(first), int(last) + 1)]


def test_sections_cover_chapters_1_to_97_once_with_russian_names():
    sections = hs_sections()
    assert list(sections["number"]) == list(range(1, 22))
    assert sections.loc[sections["section"] == "XVI", ["hs2_from", "hs2_to"]].values.tolist() == [["84", "85"]]
    covered = [c for a, b in zip(sections["hs2_from"], sections["hs2_to"]) for c in _chapters(a, b)]
    assert covered == _chapters("01", "97")
    assert (sections["name_ru"].str.len() > 5).all()


def test_wits_groups_are_the_16_contiguous_ranges():
    groups = wits_groups()
    assert len(groups) == 16
    covered = [c for a, b in zip(groups["hs2_from"], groups["hs2_to"]) for c in _chapters(a, b)]
    assert covered == _chapters("01", "99")
    assert dict(zip(groups["code"], groups["label"]))["27-27"] == "Fuels"


@pytest.mark.parametrize("revision", REVISIONS)
def test_codes_of_each_revision_nest(revision):
    hs6 = product_codes(revision, "hs6")
    hs4 = product_codes(revision, "hs4")
    assert 5000 < len(hs6) < 5700
    assert all(len(c) == 6 and c.isdigit() for c in hs6)
    assert {c[:4] for c in hs6} <= hs4
    assert {c[:2] for c in hs4} <= product_codes(revision, "hs2")
    assert product_codes(revision, "section") == frozenset(hs_sections()["section"])
    assert "01-05" in product_codes(revision, "group")
    assert product_codes(revision, "total") == {"TOTAL"}


def test_revision_specific_codes():
    # pure-bred horses: 0101.11 in HS 1992, 0101.10 in HS 2002 and 2007, 0101.21 since HS 2012
    assert "010111" in product_codes("HS92", "hs6") and "010111" not in product_codes("HS07", "hs6")
    assert "010110" in product_codes("HS07", "hs6") and "010110" not in product_codes("HS12", "hs6")
    assert "010121" in product_codes("HS12", "hs6") and "010121" not in product_codes("HS07", "hs6")
    assert "970610" in product_codes("HS22", "hs6") and "970610" not in product_codes("HS17", "hs6")
    assert product_codes("H4", "hs6") == product_codes("HS2012", "hs6") == product_codes("HS12", "hs6")


def test_bad_classification_or_level_lists_the_allowed_values():
    with pytest.raises(QueryError, match="HS92, HS96, HS02, HS07, HS12, HS17, HS22, TOTAL"):
        product_codes("HS2000", "hs6")
    with pytest.raises(OptionError, match="total, section, group, hs2, hs4, hs6"):
        product_codes("HS12", "hs8")
    with pytest.raises(QueryError, match="only the level 'total'"):
        product_codes("TOTAL", "hs4")


def test_products_have_names_and_parents():
    chapters = products("HS12", "hs2").set_index("code")
    assert len(chapters) == 97
    assert chapters["name_ru"].notna().all()
    assert chapters.at["27", "parent"] == "V" and chapters.at["27", "name_ru"].startswith("Топливо минеральное")
    headings = products("HS12", "hs4").set_index("code")
    assert headings.at["2709", "parent"] == "27"
    assert "petroleum" in headings.at["2709", "name_en"].lower()
    six = products("HS22", "hs6").set_index("code")
    assert six.at["010121", "parent"] == "0101" and six["name_en"].str.len().gt(0).all()
    assert products("HS12", "section").set_index("code").at["V", "parent"] == "TOTAL"
    assert products("HS12", "total")["code"].tolist() == ["TOTAL"]


def test_derived_revisions_borrow_names():
    named = products("HS07", "hs6").set_index("code")
    assert len(named) == len(product_codes("HS07", "hs6"))
    # 0101.90 changed scope in HS 2012: HS07's 0101.90 is named after its heading, not HS12's 0101.90
    assert named.at["010190", "name_en"] == "Horses, asses, mules and hinnies; live (subheading 010190, HS07)"
    # 0901.21 (roasted coffee) did not change: the HS12 name is borrowed
    assert named.at["090121", "name_en"] == products("HS12", "hs6").set_index("code").at["090121", "name_en"]



@pytest.mark.shared
@pytest.mark.parametrize("revision", REVISIONS)
def test_hs6_codes_agree_with_an_independent_concordance(revision, shared_data):
    """Compare with the HS descriptions of the shared (MIT-licensed) concordance collection."""
    path = shared_data / "concordance" / DESCRIPTION_FILES[revision]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        theirs = {row["code"] for row in csv.DictReader(handle) if len(row["code"]) == 6}
    ours = product_codes(revision, "hs6") - {"999999"}
    agreement = len(ours & theirs) / len(ours | theirs)
    assert agreement > 0.99, (revision, sorted(ours - theirs)[:10], sorted(theirs - ours)[:10])


@pytest.mark.parametrize("revision", ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"])
def test_every_heading_of_every_revision_has_its_own_russian_name(revision):
    """The Russian interface names every HS heading itself (issue 9): no heading falls back
    to its chapter's name, and no name is English."""
    import re

    from corridor.reports.names import FALLBACK_MARK, name_map

    headings = products(revision, "hs4")
    missing = headings.loc[headings["name_ru"].isna() | (headings["name_ru"] == ""), "code"].tolist()
    assert missing == [], f"{revision}: headings without a Russian name: {missing[:20]}"
    names = name_map(revision, "hs4", "ru")
    assert not [c for c, n in names.items() if f"({FALLBACK_MARK}" in n]
    assert not [c for c, n in names.items() if re.search("[A-Za-z]", n)]
    assert names["2603"].startswith("Руды и концентраты медные") and names["2709"].startswith("Нефть")


@pytest.mark.parametrize("revision", ["HS92", "HS12", "HS17", "HS22"])
@pytest.mark.parametrize("level", ["hs4", "hs6"])
def test_english_names_carry_no_mangled_abbreviation(revision, level):
    """atlas' HS12 and HS22 tables print heading 6406 with "le.g.ings" (an "eg" -> "e.g."
    replacement upstream); corridor mends it, and no other name has "e.g."/"i.e." inside a word."""
    import re

    names = products(revision, level).set_index("code")["name_en"].dropna()
    assert not [(c, n) for c, n in names.items() if re.search(r"[a-z](?:e\.g|i\.e)\.[a-z]", n)]
    if level == "hs4":
        assert "leggings" in names["6406"]
