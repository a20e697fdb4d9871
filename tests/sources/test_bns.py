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


# -- the layouts stat.gov.kz really publishes ---------------------------------------------
COUNTRIES_EN_XLS = FIXTURES / "bns_countries_2024_01_09_en.xls"
REGIONS_BY_FLOW_XLS = FIXTURES / "bns_regions_by_flow_2024_01_09.xls"


def test_english_legacy_xls_partner_table(con):
    """The English version as an Excel 97-2003 file: "Total" is the world, "CIS countries",
    "EAEU countries", "Other countries", "of which:" are not stored; "China1)" is China; its
    2024 exports written as text "11,000,000.0" (thousand US dollars) -> 11.0 bn; the same
    figures as the Russian table (bns_partners_2024_01_09.xlsx)."""
    assert detect(COUNTRIES_EN_XLS) == "bns"
    parsed = bns.parse(con, COUNTRIES_EN_XLS, release="r")
    df = frame(con, parsed)
    assert list(df.columns) == [*IMPORT_COLUMNS, "_line"]
    china = df[df.partner == "CHN"].set_index(["year", "flow"]).value_usd.to_dict()
    assert china == {(2023, "export"): 10e9, (2024, "export"): 11e9, (2023, "import"): 8e9, (2024, "import"): 9.5e9}
    assert set(df.partner) == {"WLD", "RUS", "CHN", "KOR"}
    assert set(zip(df.period_kind, df.month)) == {("ytd", 9)}
    russian = frame(con, bns.parse(con, PARTNERS_9M, release="r"))
    both = df.merge(russian, on=["partner", "flow", "year"], suffixes=("_en", "_ru"))
    assert len(both) == 16 and (both.value_usd_en == both.value_usd_ru).all()
    assert "4 aggregate row(s) not stored: CIS countries, EAEU countries, Other countries, of which:" in parsed.notes


def test_xls_regions_one_sheet_per_flow_periods_as_columns(con):
    """Two sheets (Экспорт, Импорт), the flow in each title, the periods as columns, the unit
    «тыс. долл. США» at the end of the title; upper-case and indented names, numbers as text
    with non-breaking spaces and decimal commas; a notes sheet without a table."""
    assert detect(REGIONS_BY_FLOW_XLS) == "bns"
    parsed = bns.parse(con, REGIONS_BY_FLOW_XLS, release="r")
    df = frame(con, parsed)
    y24 = df[df.year == 2024].set_index(["reporter", "flow"]).value_usd.to_dict()
    assert y24 == {("KAZ", "export"): 62e9, ("KAZ", "import"): 43e9, ("KZ-19", "export"): 1_234_500.0,
                   ("KZ-19", "import"): 2_345_600.0, ("KZ-62", "export"): 420e6, ("KZ-79", "export"): 170e6,
                   ("KZ-79", "import"): 700e6}
    assert set(df.partner) == {"WLD"} and set(df.month) == {9}
    assert "2 sheet(s) with a table read: Экспорт, Импорт; 1 sheet(s) without one" in parsed.notes
    assert "2 empty cell(s) ('-', '…', 'х') without a figure dropped" in parsed.notes


def _xls(tmp_path: Path, sheets: dict[str, list[tuple]]) -> Path:
    import xlwt  # the test extra's writer of Excel 97-2003 files

    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if v is not None:
                    sheet.write(i, j, v)
    p = tmp_path / "t.xls"
    book.save(str(p))
    return p


def _table(period: str, rows: list[tuple]) -> list[tuple]:
    return [("Внешнеторговый оборот Республики Казахстан по странам",), (period,), (None, None, "тыс. долл. США"),
            ("Страны", "Экспорт", "Импорт"), *rows]


def test_one_sheet_per_period_and_a_bad_cell_names_its_sheet(con, tmp_path):
    f = _xls(tmp_path, {"янв-авг": _table("январь-август 2024 г.", [("Китай", 9_700_000.0, 8_400_000.0)]),
                        "янв-сен": _table("январь-сентябрь 2024 г.", [("КИТАЙ", 11_000_000.0, 9_500_000.0)])})
    df = frame(con, bns.parse(con, f, release="r"))
    assert df[df.flow == "export"].set_index("month").value_usd.to_dict() == {8: 9.7e9, 9: 11e9}
    f = _xls(tmp_path, {"янв-авг": _table("январь-август 2024 г.", [("Китай", 9_700_000.0, 8_400_000.0)]),
                        "янв-сен": _table("январь-сентябрь 2024 г.", [("Китай", "много", 9_500_000.0)])})
    with pytest.raises(InputError) as e:
        bns.parse(con, f)
    assert (e.value.problems[0].line, e.value.problems[0].field) == (5, "'янв-сен'!B")


def test_two_sheets_that_disagree_on_a_figure_are_refused(con, tmp_path):
    f = _xls(tmp_path, {"1": _table("январь-сентябрь 2024 г.", [("Китай", 11_000_000.0, 9_500_000.0)]),
                        "2": _table("январь-сентябрь 2024 г.", [("Китай", 11_500_000.0, 9_500_000.0)])})
    with pytest.raises(InputError, match="sheet '2' gives 11,500,000,000 USD for a figure sheet '1' gives as "
                                         "11,000,000,000"):
        bns.parse(con, f)


def test_periods_merged_above_their_flows(con, tmp_path):
    """A header of two rows, the periods above (merged over Экспорт and Импорт), the flows
    below: each column takes the period above it (before, both took the title's)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [("Внешнеторговый оборот Республики Казахстан по странам",), (None, None, None, None, "тыс. долл. США"),
              ("Страны", "январь-сентябрь 2023 г.", None, "январь-сентябрь 2024 г.", None),
              (None, "Экспорт", "Импорт", "Экспорт", "Импорт"), ("Китай1)", 10_000_000.0, 8_000_000.0, 11_000_000.0,
                                                                 "9 500 000,0")]:
        ws.append(r)
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    f = tmp_path / "t.xlsx"
    wb.save(f)
    df = frame(con, bns.parse(con, f, release="r"))
    assert df.set_index(["year", "flow"]).value_usd.to_dict() == {
        (2023, "export"): 10e9, (2023, "import"): 8e9, (2024, "export"): 11e9, (2024, "import"): 9.5e9}


def test_a_turnover_only_table_by_period_is_refused_clearly(con, tmp_path):
    f = _xls(tmp_path, {"1": [("Внешнеторговый оборот по регионам, тыс. долл. США",),
                              ("Регионы", "январь-сентябрь 2023 г.", "январь-сентябрь 2024 г."),
                              ("Алматинская область", 1.0, 2.0)]})
    with pytest.raises(InputError, match="the title does not name one flow") as e:
        bns.parse(con, f)
    assert e.value.problems[0].line == 1


def test_a_title_naming_export_and_import_is_not_the_header(con, tmp_path):
    f = _book(tmp_path, [("Китай", 1.0, 2.0)])
    wb = openpyxl.load_workbook(f)
    wb.active["A1"] = "Экспорт и импорт Республики Казахстан по странам"
    wb.save(f)
    df = frame(con, bns.parse(con, f, release="r"))
    assert dict(zip(df.flow, df.value_usd)) == {"export": 1000.0, "import": 2000.0}


@pytest.mark.parametrize("unit, factor", [("тыс. долл. США", 1_000), ("млн. долл. США", 1_000_000),
                                          ("thousand US dollars", 1_000), ("thousands of US dollars", 1_000),
                                          ("million US dollars", 1_000_000), ("тыс. долларов США", 1_000)])
def test_units_abbreviated_and_in_english(con, tmp_path, unit, factor):
    df = frame(con, bns.parse(con, _book(tmp_path, [("Китай", 1.0, 2.0)], unit=unit), release="r"))
    assert dict(zip(df.flow, df.value_usd)) == {"export": 1.0 * factor, "import": 2.0 * factor}


@pytest.mark.parametrize("name, code", [("Китай1)", "CHN"), ("Китай*", "CHN"), ("КИТАЙ", "CHN"), ("  Китай", "CHN"),
                                        ("Российская Федерация 2)", "RUS"), ("China", "CHN")])
def test_partner_names_with_footnote_marks_case_and_indent(con, tmp_path, name, code):
    df = frame(con, bns.parse(con, _book(tmp_path, [(name, 1.0, 2.0)]), release="r"))
    assert set(df.partner) == {code}


@pytest.mark.parametrize("name, code", [
    ("Almaty region", "KZ-19"), ("Almaty city", "KZ-75"), ("Shymkent city", "KZ-79"), ("Abai region", "KZ-10"),
    ("Zhetisu region", "KZ-33"), ("Ulytau region", "KZ-62"), ("ALMATY OBLAST", "KZ-19"), ("Astana city", "KZ-71"),
    ("South Kazakhstan region", "KZ-61"), ("East Kazakhstan region", "KZ-63"),
])
def test_english_region_names(name, code):
    assert kz_region(name) == code


@pytest.mark.parametrize("text, period", [
    ("January-September 2024", (2024, "ytd", 9)), ("Jan.-Sep. 2024", (2024, "ytd", 9)),
    ("September 2024", (2024, "month", 9)), ("January–December 2023", (2023, "ytd", 12)),
    ("Январь-декабрь 2023 г.", (2023, "ytd", 12)),
])
def test_english_periods_and_january_december(text, period):
    assert bns.period_of(text) == period


def test_english_region_table_with_partner_in_title(con, tmp_path):
    wb = openpyxl.Workbook()
    for r in [("Foreign trade turnover of the regions of the Republic of Kazakhstan with China",), ("January-March 2024",),
              (None, None, "thousand US dollars"), ("Regions", "Export", "Import"), ("Republic of Kazakhstan", 5.0, 6.0),
              ("Almaty region", 1.0, 2.0), ("Shymkent city", 3.0, "-")]:
        wb.active.append(r)
    f = tmp_path / "t.xlsx"
    wb.save(f)
    assert detect(f) == "bns"
    df = frame(con, bns.parse(con, f, release="r"))
    assert set(df.partner) == {"CHN"}
    assert df[df.flow == "export"].set_index("reporter").value_usd.to_dict() == {"KAZ": 5e3, "KZ-19": 1e3, "KZ-79": 3e3}


def test_workbook_format_by_content_not_name(con, tmp_path):
    """An .xlsx saved under an .xls name is read; an HTML page saved as .xls is refused
    naming what it is."""
    xlsx = _book(tmp_path, [("Китай", 1.0, 2.0)])
    renamed = tmp_path / "t.xls"
    renamed.write_bytes(xlsx.read_bytes())
    assert detect(renamed) == "bns"
    assert dict(zip(*(frame(con, bns.parse(con, renamed, release="r"))[c] for c in ("flow", "value_usd")))) == {
        "export": 1000.0, "import": 2000.0}
    page = tmp_path / "page.xls"
    page.write_text("<html><body><table><tr><td>Экспорт</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="an HTML page saved under a spreadsheet name"):
        bns.parse(con, page)


@pytest.mark.parametrize("name, code", [
    ("Молдова", "MDA"), ("Объединенные Арабские Эмираты", "ARE"), ("Белоруссия", "BLR"), ("Гонконг (САР Китая)", "HKG"),
    ("КНДР", "PRK"), ("ЮАР", "ZAF"), ("Чешская Республика", "CZE"), ("Сирия", "SYR"), ("Лаос", "LAO"),
    ("UAE", "ARE"), ("Republic of Korea", "KOR"), ("Iran (Islamic Republic of)", "IRN"), ("Great Britain", "GBR"),
])
def test_partner_names_the_bureau_prints_that_iso_names_lack(name, code):
    """Before, one of these names in a table refused the whole file (unknown partner)."""
    from corridor.reference.national import partner_code

    assert partner_code(name, "bns") == code


def test_the_region_names_of_the_bureaus_regional_tables_resolve():
    """The 20 region names as the Bureau's regional spreadsheets print them (stat.gov.kz
    foreign-market/spreadsheets, listed by a public parser of those files: Cagey7/trade_parser,
    db/data/region_aliases.py), the Kazakh letters of «область Жетісу» and «область Ұлытау»
    included, and in upper case."""
    names = {"Астана": "KZ-71", "Алматы": "KZ-75", "Шымкент": "KZ-79", "область Абай": "KZ-10",
             "Акмолинская область": "KZ-11", "Актюбинская область": "KZ-15", "Алматинская область": "KZ-19",
             "Атырауская область": "KZ-23", "Восточно-Казахстанская область": "KZ-63", "Жамбылская область": "KZ-31",
             "область Жетісу": "KZ-33", "Западно-Казахстанская область": "KZ-27", "Карагандинская область": "KZ-35",
             "Костанайская область": "KZ-39", "Кызылординская область": "KZ-43", "Мангистауская область": "KZ-47",
             "Павлодарская область": "KZ-55", "Северо-Казахстанская область": "KZ-59",
             "Туркестанская область": "KZ-61", "область Ұлытау": "KZ-62"}
    assert {n: kz_region(n) for n in names} == names
    assert {n: kz_region(n.upper()) for n in names} == names


def test_a_commodity_by_country_table_is_refused_as_such(con, tmp_path):
    """The Bureau's monthly regional spreadsheets (таб_1/2/3_XX.xls, read by a public parser:
    Cagey7/trade_parser, parser/excel_info.py) list commodity codes with their countries below
    them.  Before, each code row was refused as an "unknown partner or region"; it is refused
    as a commodity table, which corridor does not read, naming the row and what to do."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [("Экспорт и импорт товаров Алматинской области",), ("январь-март 2024 г.",),
              (None, None, "тыс. долларов США"), ("Код ТН ВЭД", "Наименование", "Ед. изм.", "Экспорт", "Импорт"),
              ("0101", "Лошади живые", "шт", 100.0, 7.0), (None, "КИТАЙ", None, 100.0, 7.0),
              (201, "Мясо", None, 200.0, None), (None, "РОССИЯ", None, 200.0, None)]:
        ws.append(r)
    p = tmp_path / "таб_1_19.xlsx"
    wb.save(p)
    with pytest.raises(InputError) as e:
        bns.parse(con, p)
    got = [(q.line, q.field, q.value, q.message.key) for q in e.value.problems]
    assert got == [(5, "A", "0101", "bns_commodity_row"), (7, "A", "201", "bns_commodity_row")]
    assert "--source table" in str(e.value.problems[0].expected)
    assert e.value.problems[0].message.render("ru").startswith("код товара (ТН ВЭД)")
