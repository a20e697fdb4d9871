"""Economies: codes, names in three languages, resolution, numeric codes of trade data."""

from __future__ import annotations

import csv
import re

import pytest

from corridor.errors import OptionError, QueryError
from corridor.reference import (
    economies,
    economy_aliases,
    economy_codes,
    economy_name,
    numeric_to_code,
    resolve_economy,
)

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
HAN = re.compile(r"[\u4e00-\u9fff]")

#: Kazakhstan's 17 regions (incl. Abai, Jetisu and Ulytau, created in 2022) and 3 cities of
#: republican significance (ISO 3166-2:KZ as in pycountry).
KAZAKHSTAN_REGIONS = {
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
}


def test_kazakhstan_regions_have_russian_and_chinese_names():
    table = economies().set_index("code")
    regions = table[table["parent"] == "KAZ"]
    assert set(regions.index) == KAZAKHSTAN_REGIONS
    assert (regions["kind"] == "region").all()
    assert regions["name_ru"].str.contains(CYRILLIC).all()
    assert regions["name_zh"].str.contains(HAN).all()
    assert table.at["KZ-62", "name_en"] == "Ulytau Region"
    assert table.at["KZ-75", "name_ru"] == "Алматы"


def test_xinjiang_and_the_chinese_provinces():
    table = economies().set_index("code")
    provinces = table[table["parent"] == "CHN"]
    assert len(provinces) == 34
    assert provinces["name_ru"].str.contains(CYRILLIC).all()
    assert provinces["name_zh"].str.contains(HAN).all()
    assert economy_name("CN-XJ", lang="ru") == "Синьцзян-Уйгурский автономный район"
    assert economy_name("CN-XJ", lang="zh") == "新疆维吾尔自治区"


def test_every_country_has_three_names_and_its_iso_numeric_code():
    table = economies()
    countries = table[table["kind"] == "country"].set_index("code")
    assert len(countries) >= 249
    assert countries.at["KAZ", "iso_numeric"] == 398
    assert countries.at["CHN", "iso2"] == "CN"
    assert economy_name("KAZ", lang="ru") == "Казахстан"
    assert economy_name("CHN", lang="zh") == "中国"
    assert table["iso_numeric"].dropna().is_unique
    assert str(table["iso_numeric"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KAZ", "KAZ"), ("kaz", "KAZ"), ("KZ", "KAZ"), ("398", "KAZ"), ("Kazakhstan", "KAZ"),
        ("Казахстан", "KAZ"), ("哈萨克斯坦", "KAZ"), ("Republic of Kazakhstan", "KAZ"),
        ("  china ", "CHN"), ("156", "CHN"), ("Китай", "CHN"),
        ("cn-xj", "CN-XJ"), ("Xinjiang", "CN-XJ"), ("新疆维吾尔自治区", "CN-XJ"), ("CN-65", "CN-XJ"),
        ("KZ-ALA", "KZ-75"), ("Алматы", "KZ-75"), ("Abai Region", "KZ-10"),
        ("0", "WLD"), ("World", "WLD"), ("490", "OAS"), ("S19", "OAS"), ("842", "USA"),
        ("ROM", "ROU"), ("SER", "SRB"), ("SUD", "SDN"), ("Russia", "RUS"), ("Россия", "RUS"),
    ],
)
def test_resolve_economy(text, code):
    assert resolve_economy(text) == code


def test_unknown_economy_lists_close_matches():
    with pytest.raises(QueryError, match=r"unknown economy 'Kazakstan'.*'kazakhstan' \(KAZ\)"):
        resolve_economy("Kazakstan")


def test_economy_name_refuses_unknown_codes_and_languages():
    with pytest.raises(QueryError, match="unknown economy code 'XYZ'"):
        economy_name("XYZ")
    with pytest.raises(OptionError, match="en, ru, zh"):
        economy_name("KAZ", lang="de")


def test_numeric_codes_of_trade_data():
    mapping = numeric_to_code()
    expected = {0: "WLD", 398: "KAZ", 156: "CHN", 490: "OAS", 251: "FRA", 579: "NOR", 699: "IND",
                757: "CHE", 842: "USA", 810: "SUN", 891: "SCG", 530: "ANT", 899: "UNS"}
    assert {k: mapping[k] for k in expected} == expected
    assert set(mapping.values()) <= economy_codes()


def test_aliases_point_at_known_economies():
    aliases = economy_aliases()
    assert aliases["KZ-ALA"] == "KZ-75"
    assert set(aliases.values()) <= economy_codes()
    assert not set(aliases) & economy_codes()


@pytest.mark.shared
def test_every_code_of_the_shared_wits_files_resolves(shared_data):
    codes: set[str] = set()
    for path in sorted((shared_data / "kz_cn_wits_hs4").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                codes.update((row["ReporterISO3"], row["PartnerISO3"]))
    assert len(codes) > 200
    unresolved = {c for c in codes if resolve_economy(c) not in economy_codes()}
    assert not unresolved
    assert resolve_economy("OAS") == "OAS" and resolve_economy("MNT") == "MNE"


@pytest.mark.shared
def test_every_baci_country_code_resolves(shared_data):
    path = shared_data / "baci_codes" / "country_codes.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    mapping = numeric_to_code()
    assert len(rows) > 230
    for row in rows:
        code = mapping[int(row["country_code"])]
        iso3 = row["iso_3digit_alpha"]
        if iso3 not in ("", "N/A"):
            # BACI's own alpha-3 column agrees with corridor's mapping of its numeric code
            assert resolve_economy(iso3) == code, row
