"""Kazakhstan BNS importer on .xlsx fixtures in the Bureau's layout
(tests/sources/fixtures/bns/make.py writes them and states their figures)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from corridor.errors import InputError
from corridor.reference.national import kz_region, region_changes
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import bns
from corridor.sources.registry import detect

from .conftest import frame

FIXTURES = Path(__file__).parent / "fixtures" / "bns"
PARTNERS_9M = FIXTURES / "bns_partners_2024_01_09.xlsx"
PARTNERS_8M = FIXTURES / "bns_partners_2024_01_08.xlsx"
REGIONS_CHINA = FIXTURES / "bns_regions_china_2024_01_09.xlsx"
REGIONS_2017 = FIXTURES / "bns_regions_2017.xlsx"


def test_detected_and_columns_are_the_import_contract(con):
    for f in (PARTNERS_9M, PARTNERS_8M, REGIONS_CHINA, REGIONS_2017):
        assert detect(f) == "bns"
        parsed = bns.parse(con, f, release="r")
        cols = [d[0] for d in con.execute(f"SELECT * FROM ({parsed.sql}) LIMIT 0").description]
        assert cols == [*IMPORT_COLUMNS, "_line"]


def test_partners_cumulative_thousands_and_aggregates_not_stored(con):
    """China, January-September 2024: exports 11 000 000,0 and imports 9 500 000,0 thousand
    USD -> 11.0 and 9.5 bn; the turnover and "in %" columns are not stored; «Всего» is the
    world; «Страны СНГ», «Страны ЕАЭС», «Другие страны», «из них:» are not stored."""
    parsed = bns.parse(con, PARTNERS_9M, release="r")
    df = frame(con, parsed)
    china = df[df.partner == "CHN"].set_index(["year", "flow"]).value_usd.to_dict()
    assert china == {(2023, "export"): 10e9, (2024, "export"): 11e9, (2023, "import"): 8e9, (2024, "import"): 9.5e9}
    assert set(df.period_kind) == {"ytd"} and set(df.month) == {9} and set(df.reporter) == {"KAZ"}
    assert set(df.partner) == {"WLD", "RUS", "KGZ", "UZB", "CHN", "ITA", "KOR"}  # San Marino: '-' only
    # the countries add up to less than «Всего» and no group is stored beside them
    assert df[(df.partner == "WLD") & (df.year == 2024) & (df.flow == "export")].value_usd.iloc[0] == 62e9
    assert any("aggregate row(s) not stored" in n and "Страны СНГ" in n for n in parsed.notes)
    assert set(df.valuation[df.flow == "export"]) == {"FOB"} and set(df.valuation[df.flow == "import"]) == {"CIF"}
    assert set(df.product_level) == {"total"}


def test_period_in_the_title_when_no_sub_header(con):
    df = frame(con, bns.parse(con, PARTNERS_8M, release="r"))
    assert set(zip(df.year, df.period_kind, df.month)) == {(2024, "ytd", 8)}
    assert df[(df.partner == "CHN") & (df.flow == "export")].value_usd.iloc[0] == 9.7e9


def test_regions_with_partner_in_title_and_2022_regions(con):
    df = frame(con, bns.parse(con, REGIONS_CHINA, release="r"))
    assert set(df.partner) == {"CHN"}
    got = df[(df.year == 2024) & (df.flow == "export")].set_index("reporter").value_usd.to_dict()
    assert got["KZ-19"] == 360e6 and got["KZ-33"] == 150e6 and got["KZ-10"] == 180e6 and got["KZ-62"] == 420e6
    assert got["KZ-79"] == 170e6 and got["KZ-71"] == 600e6 and got["KAZ"] == 11e9
    assert df[(df.reporter == "KZ-62") & (df.flow == "import")].empty  # '-'


def test_region_changes_before_2018(con):
    """«Южно-Казахстанская область» (before 2018, with Shymkent) is KZ-61, like Turkistan
    Region after it; the note says the territory differs before 2018."""
    parsed = bns.parse(con, REGIONS_2017, release="r")
    df = frame(con, parsed)
    assert set(df.period_kind) == {"year"} and set(df.year) == {2016, 2017}
    assert df[(df.reporter == "KZ-61") & (df.year == 2017) & (df.flow == "export")].value_usd.iloc[0] == 650e6
    assert set(df.partner) == {"WLD"}
    assert any(n.startswith("KZ-61: territory changed in 2018") for n in parsed.notes)
    assert any(n.startswith("KZ-19: territory changed in 2022") for n in parsed.notes)


@pytest.mark.parametrize("name, code", [
    ("г. Шымкент", "KZ-79"), ("Туркестанская область", "KZ-61"), ("Южно-Казахстанская", "KZ-61"),
    ("область Абай", "KZ-10"), ("Абайская область", "KZ-10"), ("область Жетісу", "KZ-33"), ("Жетысуская", "KZ-33"),
    ("область Ұлытау", "KZ-62"), ("г.Нур-Султан", "KZ-71"), ("г. Астана", "KZ-71"), ("г. Алматы", "KZ-75"),
    ("Алматинская область", "KZ-19"), ("Восточно-Казахстанская область", "KZ-63"),
])
def test_region_names_to_iso_3166_2(name, code):
    assert kz_region(name) == code


def test_region_changes_table():
    changes = region_changes()
    assert {c: y for c, (y, _) in changes.items()} == {
        "KZ-79": 2018, "KZ-61": 2018, "KZ-10": 2022, "KZ-33": 2022, "KZ-62": 2022, "KZ-19": 2022, "KZ-35": 2022,
        "KZ-63": 2022}


def _book(tmp_path: Path, rows: list[tuple], unit: str | None = "тыс. долларов США") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("Внешнеторговый оборот Республики Казахстан по странам",))
    ws.append(("январь-март 2024 г.",))
    if unit:
        ws.append((None, None, unit))
    ws.append(("Страны", "Экспорт", "Импорт"))
    for r in rows:
        ws.append(r)
    p = tmp_path / "t.xlsx"
    wb.save(p)
    return p


def test_unknown_partner_names_its_row(con, tmp_path):
    f = _book(tmp_path, [("Китай", 1.0, 2.0), ("Атлантида", 3.0, 4.0)])
    with pytest.raises(InputError) as e:
        bns.parse(con, f)
    p = e.value.problems[0]
    assert (p.line, p.value) == (6, "Атлантида")


def test_missing_unit_is_refused(con, tmp_path):
    with pytest.raises(InputError, match="unit note"):
        bns.parse(con, _book(tmp_path, [("Китай", 1.0, 2.0)], unit=None))


def test_text_in_a_value_cell_names_cell(con, tmp_path):
    with pytest.raises(InputError) as e:
        bns.parse(con, _book(tmp_path, [("Китай", "много", 2.0)]))
    assert (e.value.problems[0].line, e.value.problems[0].field) == (5, "B")


@pytest.mark.parametrize("text, period", [
    ("январь-сентябрь 2024 г.", (2024, "ytd", 9)), ("январь–май 2023 года", (2023, "ytd", 5)),
    ("январь 2024 г.", (2024, "ytd", 1)), ("сентябрь 2024 г.", (2024, "month", 9)), ("2017 г.", (2017, "year", 12)),
])
def test_periods(text, period):
    assert bns.period_of(text) == period
