"""China customs (GACC) importer on fixtures in the query platform's layouts
(tests/sources/fixtures/gacc/make.py writes them and states their figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.errors import InputError
from corridor.reference.national import cn_province_index, cny_per_usd, gacc_countries
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import gacc
from corridor.sources.registry import detect

from .conftest import frame

FIXTURES = Path(__file__).parent / "fixtures" / "gacc"
PROVINCES = FIXTURES / "gacc_province_monthly_2023_2024.csv"
NATIONAL = FIXTURES / "china_export_kazakhstan_cumulative_en.csv"


def test_detected_and_columns_are_the_import_contract(con):
    for f in (PROVINCES, NATIONAL):
        assert detect(f) == "gacc"
        parsed = gacc.parse(con, f, release="r")
        cols = [d[0] for d in con.execute(f"SELECT * FROM ({parsed.sql}) LIMIT 0").description]
        assert cols == [*IMPORT_COLUMNS, "_line"]


def test_gbk_chinese_headers_provinces_hs8_to_hs6_and_trade_modes_summed(con):
    """Xinjiang's exports to Kazakhstan, HS 84295210, January 2024: 720,000,000 USD in two
    trade-mode rows of 360,000,000 -> one HS6 row 842952 of 720,000,000 (10 + 10 units)."""
    df = frame(con, gacc.parse(con, PROVINCES, release="r"))
    row = df[(df.reporter == "CN-XJ") & (df.partner == "KAZ") & (df.flow == "export") & (df.year == 2024)
             & (df.month == 1) & (df.product_code == "842952")]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r.period_kind, r.product_level, r.classification, r.value_usd) == ("month", "hs6", "HS22", 720_000_000.0)
    assert (r.quantity, r.quantity_unit, r.valuation) == (20.0, "u", "FOB")
    # 2023 is HS22 too (China's tariff follows HS 2022 from 1 January 2022); the import is CIF
    imp = df[(df.reporter == "CN-XJ") & (df.flow == "import")]
    assert set(imp.valuation) == {"CIF"} and set(imp.product_code) == {"260300"} and set(imp.quantity_unit) == {"kg"}
    # Xinjiang's exports to Kazakhstan: 1.0 bn a month in 2023, 1.2 bn in 2024
    xj = df[(df.reporter == "CN-XJ") & (df.partner == "KAZ") & (df.flow == "export")].groupby("year").value_usd.sum()
    assert xj.to_dict() == {2023: 12e9, 2024: 14.4e9}
    assert set(df.reporter) == {"CN-XJ", "CN-GD"} and set(df.partner) == {"KAZ", "RUS"}


def test_dash_is_no_figure_and_note_line_skipped(con):
    parsed = gacc.parse(con, PROVINCES, release="r")
    df = frame(con, parsed)
    assert df[(df.reporter == "CN-GD") & (df.flow == "import")].empty  # '-' every month
    assert "24 row(s) of 192 without a value ('-' or empty) dropped" in parsed.notes
    assert "1 note or title line(s) below the header skipped" in parsed.notes
    assert parsed.rows_read == 192


def test_utf8_english_headers_cumulative_range_and_cny_conversion(con):
    """January-September 2024, chapter 84: 8,000,000,000 CNY at the mean of the monthly rates
    of January-September 2024 in cny_usd_monthly.tsv (ECB cross rates): 7.1711 + 7.1934 +
    7.2016 + 7.2390 + 7.2331 + 7.2545 + 7.2620 + 7.1501 + 7.0784 = 64.7832, / 9 = 7.19813...
    -> 8e9 / 7.19813 = 1,111,399,252 USD; the single month 202409 at September's rate 7.0784:
    7,078,400 CNY = 1,000,000 USD."""
    parsed = gacc.parse(con, NATIONAL, release="r")
    df = frame(con, parsed)
    assert set(df.reporter) == {"CHN"} and set(df.flow) == {"export"}  # flow from the file name
    assert cny_per_usd()[(2024, 9)] == 7.0784
    c84 = df[(df.year == 2024) & (df.product_code == "84") & (df.period_kind == "ytd")].iloc[0]
    assert (c84.month, c84.product_level) == (9, "hs2")
    assert c84.value_usd == pytest.approx(8e9 * 9 / 64.7832, rel=1e-12)
    assert c84.value_usd == pytest.approx(1_111_399_252, abs=1)
    sep = df[df.period_kind == "month"].iloc[0]
    assert (sep.year, sep.month, sep.product_code) == (2024, 9, "85")
    assert sep.value_usd == pytest.approx(1_000_000.0, rel=1e-12)
    assert any("cny_usd_monthly.tsv" in n and "ECB" in n for n in parsed.notes)


def test_all_31_provinces_map_by_full_short_english_name_and_code():
    index = cn_province_index()
    assert len(set(index.values())) == 31
    for text in ("新疆维吾尔自治区", "新疆", "xinjiang", "65", "xinjiang uygur autonomous region"):
        assert index[text] == "CN-XJ"
    assert index["内蒙古自治区"] == "CN-NM" and index["广西"] == "CN-GX" and index["44"] == "CN-GD"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "gbk") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


HEADER = "数据年月,进出口,商品编码,贸易伙伴名称,注册地名称,美元\n"


def test_unknown_province_names_line_and_field(con, tmp_path):
    f = _write(tmp_path, "x.csv", HEADER + '202401,出口,8429,哈萨克斯坦,新疆,"1,000"\n202401,出口,8429,哈萨克斯坦,火星省,5\n')
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    p = e.value.problems[0]
    assert (p.line, p.field, p.value) == (3, "注册地名称", "火星省")


def test_range_not_from_january_is_refused(con, tmp_path):
    f = _write(tmp_path, "x.csv", HEADER + "202403-202409,出口,8429,哈萨克斯坦,新疆,5\n")
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    assert e.value.problems[0].line == 2 and e.value.problems[0].field == "period"


def test_cny_period_outside_the_rate_table_is_refused(con, tmp_path):
    f = _write(tmp_path, "x.csv", "数据年月,进出口,商品编码,贸易伙伴名称,人民币\n203001,进口,8429,哈萨克斯坦,700\n")
    with pytest.raises(InputError, match="no CNY/USD rate for 2030-01"):
        gacc.parse(con, f)


def test_no_flow_anywhere_is_refused(con, tmp_path):
    f = _write(tmp_path, "table.csv", "数据年月,商品编码,贸易伙伴名称,美元\n202401,8429,哈萨克斯坦,5\n")
    with pytest.raises(InputError, match="does not say export or import"):
        gacc.parse(con, f)


def test_bytes_not_gbk_are_refused_with_their_line(con, tmp_path):
    f = tmp_path / "出口.csv"
    f.write_bytes(HEADER.encode("gbk") + b"202401,\xb3\xf6\xbf\xda,8429,\xff\xff,x,5\n")
    with pytest.raises(InputError):
        gacc.parse(con, f)


def test_gacc_country_codes_of_well_known_partners():
    """GACC's own numbering (1xx Asia, 2xx Africa, 3xx Europe, 4xx Latin America, 5xx North
    America, 6xx Oceania), not ISO 3166 numeric: GACC 116 is Japan (ISO 116 is Cambodia)."""
    codes = gacc_countries()
    expected = {"145": "KAZ", "146": "KGZ", "147": "TJK", "148": "TKM", "149": "UZB", "142": "CHN", "110": "HKG",
                "121": "MAC", "143": "TWN", "116": "JPN", "133": "KOR", "124": "MNG", "344": "RUS", "304": "DEU",
                "303": "GBR", "305": "FRA", "502": "USA", "501": "CAN", "601": "AUS", "244": "ZAF", "410": "BRA",
                "113": "IRN", "137": "TUR"}
    assert {c: codes[c] for c in expected} == expected
    assert len(codes) == 241 and "100" not in codes and "341" not in codes  # continents and old codes not listed


def test_gacc_code_table_names_agree_with_the_iso_chinese_names():
    """Each row's Chinese name, where corridor's ISO Chinese names (pycountry / iso-codes)
    know it, names the row's economy: 196 of 241 rows are checked so, none disagrees."""
    from corridor.errors import QueryError
    from corridor.reference import resolve_economy
    from corridor.reference._tables import read_packaged

    table = read_packaged("gacc_countries.tsv")
    checked = 0
    for gacc_code, code, name in zip(table["gacc_code"], table["code"], table["name_zh"]):
        try:
            iso = resolve_economy(name)
        except QueryError:
            continue
        assert iso == code, (gacc_code, name, iso, code)
        checked += 1
    assert checked == 196


def test_partner_by_code_alone_and_a_name_that_disagrees_with_its_code(con, tmp_path):
    """Codes only: 145 -> KAZ, 113 -> IRN, 116 -> JPN.  Name 哈萨克斯坦 with code 146
    (Kyrgyzstan) is refused on its line; 伊朗 (a GACC name ISO's Chinese names lack) -> IRN."""
    head = "数据年月,进出口,商品编码,贸易伙伴编码,美元\n"
    f = _write(tmp_path, "codes.csv", head + "202401,出口,8429,145,5\n202401,出口,8429,113,6\n202401,出口,8429,116,7\n")
    df = frame(con, gacc.parse(con, f))
    assert dict(zip(df.partner, df.value_usd)) == {"KAZ": 5.0, "IRN": 6.0, "JPN": 7.0}
    head = "数据年月,进出口,商品编码,贸易伙伴编码,贸易伙伴名称,美元\n"
    f = _write(tmp_path, "both.csv", head + "202401,出口,8429,113,伊朗,6\n202401,出口,8429,146,哈萨克斯坦,5\n")
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    (p,) = e.value.problems
    assert (p.line, p.field, p.value) == (3, "贸易伙伴名称", "哈萨克斯坦 / 146")
    assert "the name is KAZ, GACC code 146 is KGZ" in p.message


# -- the layouts the platform and analysts really produce ------------------------------------
QUOTED = FIXTURES / "gacc_进口_partners_continents_2024.csv"


def test_platform_quoting_trailing_comma_continents_and_world(con):
    """The platform's own CSV: every field quoted, every line ending with a comma (an empty
    last column), decimals with thousands separators.  亚洲 (100) and 欧洲 (300) are sums of
    the countries below them: not stored, named in the notes; 总值 is the world (WLD).
    Kazakhstan 250,000,000.50 USD a month, Mongolia 100,000,000.25, Russia 40,000,000."""
    assert detect(QUOTED) == "gacc"
    parsed = gacc.parse(con, QUOTED, release="r")
    df = frame(con, parsed)
    assert set(df.flow) == {"import"} and set(df.month) == {1, 2, 3}
    march = df[df.month == 3].set_index("partner").value_usd.to_dict()
    assert march == {"KAZ": 250_000_000.50, "MNG": 100_000_000.25, "RUS": 40_000_000.0, "WLD": 390_000_000.75}
    # the countries add up to the world: no continent row counted beside them
    assert sum(v for k, v in march.items() if k != "WLD") == march["WLD"]
    assert "6 row(s) of continent or group totals (sums of the countries listed) not stored: 亚洲, 欧洲" in parsed.notes
    assert "1 empty column(s) at the end of the header (the platform ends each line with a delimiter) dropped" in parsed.notes
    ru = next(n for n in parsed.notes if n.key == "gacc_aggregates").render("ru")
    assert ru.startswith("не сохранены строки итогов по континентам") and "6 строк" in ru
    assert parsed.rows_read == 18


def test_continent_by_code_alone_and_english_names_are_aggregates(con, tmp_path):
    head = "数据年月,进出口,商品编码,贸易伙伴编码,美元\n"
    f = _write(tmp_path, "codes.csv", head + "202401,出口,8429,145,5\n202401,出口,8429,100,5\n202401,出口,8429,600,1\n")
    parsed = gacc.parse(con, f)
    assert frame(con, parsed).partner.tolist() == ["KAZ"]
    assert any(n.key == "gacc_aggregates" and n.params["rows"] == "100, 600" for n in parsed.notes)
    f = _write(tmp_path, "en_export.csv", "Period,HS code,Trading partner,US dollars\n"
               "2024-01,8429,Kazakhstan,5\n2024-01,8429,Asia,5\n2024-01,8429,Latin America,0\n2024-01,8429,World,5\n",
               encoding="utf-8")
    assert sorted(frame(con, gacc.parse(con, f)).partner) == ["KAZ", "WLD"]


def test_a_national_total_among_provinces_is_china(con, tmp_path):
    f = _write(tmp_path, "x.csv", HEADER + "202401,出口,8429,哈萨克斯坦,新疆,7\n202401,出口,8429,哈萨克斯坦,全国,9\n")
    df = frame(con, gacc.parse(con, f))
    assert dict(zip(df.reporter, df.value_usd)) == {"CN-XJ": 7.0, "CHN": 9.0}


@pytest.mark.parametrize("header", ["美元(美元)", "金额(美元)", "金额（美元）", "US dollars", "Value (US$)", "美元 "])
def test_value_headers_with_units(con, tmp_path, header):
    f = _write(tmp_path, "出口.csv", f"数据年月,商品编码,贸易伙伴名称,{header}\n2024年01月,8429,哈萨克斯坦,\"1,234.5\"\n")
    df = frame(con, gacc.parse(con, f))
    assert (df.value_usd.iloc[0], df.month.iloc[0]) == (1234.5, 1)


def test_utf16_tab_separated_as_excel_saves_unicode_text(con, tmp_path):
    """Excel's "Unicode text" (UTF-16 with a byte-order mark, tab-separated), how a download
    opened and saved in Excel comes back."""
    f = _write(tmp_path, "出口.txt", "海关统计数据在线查询\r\n数据年月\t商品编码\t贸易伙伴名称\t美元\r\n"
               "2024/02\t84295210\t哈萨克斯坦\t\"1,000\"\r\n", encoding="utf-16")
    assert detect(f) == "gacc"
    parsed = gacc.parse(con, f)
    df = frame(con, parsed)
    assert (df.product_code.iloc[0], df.month.iloc[0], df.value_usd.iloc[0]) == ("842952", 2, 1000.0)
    assert any(n.key == "gacc_download" and n.params["encoding"] == "utf-16" for n in parsed.notes)


def _workbook_rows() -> list[tuple]:
    return [("海关统计数据在线查询 (进口)",), (),
            ("数据年月", "商品编码", "贸易伙伴编码", "贸易伙伴名称", "美元"),
            ("202401", "26030000", "145", "哈萨克斯坦", 250_000_000.5),
            (202402, "26030000", "100", "亚洲", 9.0),
            (202402, 26030000, 145, "哈萨克斯坦", "1,000"),
            ("注：本表数据为初步统计数据。",)]


def test_xlsx_export_of_the_same_table(con, tmp_path):
    """Numbers typed as numbers (202402, 26030000, 145) read as the platform prints them;
    a title above the header, a note below it."""
    import openpyxl

    wb = openpyxl.Workbook()
    for r in _workbook_rows():
        wb.active.append(r)
    f = tmp_path / "进口.xlsx"
    wb.save(f)
    assert detect(f) == "gacc"
    df = frame(con, gacc.parse(con, f))
    assert sorted(zip(df.month, df.partner, df.value_usd)) == [(1, "KAZ", 250_000_000.5), (2, "KAZ", 1000.0)]


def test_xls_export_of_the_same_table(con, tmp_path):
    import xlwt  # the test extra's writer of Excel 97-2003 files

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1", cell_overwrite_ok=True)
    for i, r in enumerate(_workbook_rows()):
        for j, v in enumerate(r):
            sheet.write(i, j, v)
    f = tmp_path / "进口.xls"
    book.save(str(f))
    assert detect(f) == "gacc"
    df = frame(con, gacc.parse(con, f))
    assert sorted(zip(df.month, df.partner, df.value_usd)) == [(1, "KAZ", 250_000_000.5), (2, "KAZ", 1000.0)]
    sheet.write(5, 4, "many")
    book.save(str(f))
    with pytest.raises(InputError) as e:  # a bad value names its sheet row
        gacc.parse(con, f)
    assert (e.value.problems[0].line, e.value.problems[0].field) == (6, "value")


def test_a_row_longer_than_the_header_with_figures_is_still_refused(con, tmp_path):
    f = _write(tmp_path, "出口.csv", '"数据年月","商品编码","贸易伙伴名称","美元",\n"202401","8429","哈萨克斯坦","5","7",\n')
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    assert e.value.problems[0].line == 2 and "has 5 fields; the header has 4" in e.value.problems[0].message


def test_a_leading_zero_excel_dropped_is_restored_and_noted(con, tmp_path):
    """Opened and saved in Excel, 01012100 (live horses) becomes 1012100 and chapter 01
    becomes 1: HS codes have an even number of digits, so the zero is restored."""
    f = _write(tmp_path, "出口.csv", "数据年月,商品编码,贸易伙伴名称,第一数量,第一计量单位,美元\n"
               "202401,1012100,哈萨克斯坦,5,?,7\n202401,1,哈萨克斯坦,5,?,9\n202401,84295210,哈萨克斯坦,1,台,3\n")
    parsed = gacc.parse(con, f)
    df = frame(con, parsed)
    assert sorted(zip(df.product_level, df.product_code)) == [("hs2", "01"), ("hs6", "010121"), ("hs6", "842952")]
    assert set(df.quantity_unit.dropna()) == {"u"}  # '?' (the platform's empty unit) is no unit
    assert ("2 row(s) with an all-digit commodity code of odd length (a leading zero lost, as Excel drops it) read "
            "with the zero restored: 1, 1012100") in parsed.notes


@pytest.mark.parametrize("period", ["2024-01-01", "2024/1/1", "Jan-24", "202413"])
def test_a_period_that_is_not_a_month_is_refused_with_its_line(con, tmp_path, period):
    """Before, a full date (2024-01-01, what Excel writes for a period it took for a date)
    passed the check and was stored without a year."""
    f = _write(tmp_path, "出口.csv", f"数据年月,商品编码,贸易伙伴名称,美元\n202401,8429,哈萨克斯坦,5\n{period},8429,哈萨克斯坦,5\n")
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    p = e.value.problems[0]
    assert (p.line, p.field, p.value) == (3, "period", period)


def test_a_figure_without_a_period_is_refused_not_dropped(con, tmp_path):
    """A line with a commodity, a partner and a value but an empty period (a period cell
    left empty, or merged over its group in Excel) was dropped unsaid with the total lines;
    it is refused with its line.  Total lines without a period stay out."""
    head = "数据年月,商品编码,贸易伙伴名称,美元\n202401,8429,哈萨克斯坦,5\n"
    f = _write(tmp_path, "出口.csv", head + ",8429,俄罗斯联邦,7\n")
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    p = e.value.problems[0]
    assert (p.line, p.field, p.value) == (3, "period", "")
    f = _write(tmp_path, "出口.csv", head + ",,,12\n,总值,,12\n,8429,总值,5\n合计,8429,哈萨克斯坦,5\n,8429,俄罗斯联邦,-\n")
    parsed = gacc.parse(con, f)
    assert frame(con, parsed).partner.tolist() == ["KAZ"] and parsed.rows_read == 1


# -- layouts evidenced by real platform downloads (docs/sources.md, "Evidence") ------------------------------
#: The English platform's header (43.248.49.97/indexEn, queryDataForEN/downloadQueryData), as in a
#: real download kept in a public repository (sherrisherry/CNprj, data/i20420186.csv): every field
#: quoted, a comma at the end of each line, "Supplimentary" (sic), English unit names, '-' for an
#: empty second unit.  The rows below are invented, in that shape.
EN_PLATFORM = ('"Date of data","Trading partner code","Trading partner","Commodity code","Commodity",'
               '"Customs Regime code","Customs Regime","Quantity","Unit","Supplimentary Quantity","Supplimentary Unit",'
               '"US dollar",\n')


def test_english_platform_download_units_and_regime_columns(con, tmp_path):
    """Before, the units were stored as printed ('Kilogram', 'Number of item', 'Carat'),
    not as corridor's kg / u / carat; the second quantity is not read as the first."""
    f = _write(tmp_path, "export_201810.csv", EN_PLATFORM
               + '"201810","145","Kazakhstan","62121090","Brassieres, of other textiles","10","Ordinary Trade","8000",'
                 '"Number of item","790","Kilogram","345",\n'
               + '"201810","145","Kazakhstan","71023100","Diamonds, unworked","14","Processing and Assembling","891",'
                 '"Carat","0","-","507,713",\n'
               + '"201810","344","Russian Federation","26030000","Copper ores","10","Ordinary Trade","5,000","Kilogram",'
                 '"0","-","1,072",\n', encoding="utf-8")
    assert detect(f) == "gacc"
    df = frame(con, gacc.parse(con, f)).set_index("product_code")
    assert df.loc["621210", ["partner", "quantity", "quantity_unit", "value_usd"]].tolist() == ["KAZ", 8000.0, "u", 345.0]
    assert df.loc["710231", ["quantity", "quantity_unit", "value_usd"]].tolist() == [891.0, "carat", 507_713.0]
    assert df.loc["260300", ["partner", "quantity", "quantity_unit"]].tolist() == ["RUS", 5000.0, "kg"]
    assert set(df.flow) == {"export"} and set(df.month) == {10}


def test_a_quote_inside_a_field_of_the_platform_layout_is_text(con, tmp_path):
    """The platform writes a quote inside a quoted field as it is (an inch mark in a
    commodity name); analysts re-split such lines at '","' (sherrisherry/CNprj, check.sh and
    batch-csv.sh.py).  Before, a CSV reader ended the field at the inner quote and split at
    the comma after it: the row had 13 fields and the file was refused."""
    f = _write(tmp_path, "export_201810.csv", EN_PLATFORM
               + '"201810","145","Kazakhstan","85285211","Monitors of 19", LCD","10","Ordinary Trade","10",'
                 '"Number of item","0","-","2,500",\n'
               + '"201810","145","Kazakhstan","85287211","Colour TV 32" screen","10","Ordinary Trade","5",'
                 '"Number of item","0","-","1,500",\n', encoding="utf-8")
    df = frame(con, gacc.parse(con, f)).set_index("product_code")
    assert df.value_usd.to_dict() == {"852852": 2500.0, "852872": 1500.0}


def test_a_line_break_inside_a_quoted_field_joins_its_record(con, tmp_path):
    """Commodity names of the platform's CSV can hold line breaks inside their quotes (a
    public downloader strips them: wuhulamb/customs-data, download.js); the record is one
    row, named by its first line."""
    f = _write(tmp_path, "出口.csv", '"数据年月","贸易伙伴编码","贸易伙伴名称","商品编码","商品名称","美元",\r\n'
               '"202401","145","哈萨克斯坦","84295210","正铲\r\n挖掘机","360,000,000",\r\n'
               '"202401","145","哈萨克斯坦","26030000","铜矿砂","5",\r\n')
    df = frame(con, gacc.parse(con, f))
    assert sorted(zip(df.product_code, df.value_usd, df._line)) == [("260300", 5.0, 4), ("842952", 360e6, 2)]


@pytest.mark.parametrize("text", [
    '"数据年月","进出口","商品编码","贸易伙伴名称","美元"\n'
    '"202401","出口","84295210","哈萨克斯坦",100\n"202401","出口","84295210","俄罗斯联邦",200\n',
    # the number inside the line, a quoted text last
    '"数据年月","进出口","商品编码","贸易伙伴名称","美元","第一数量","第一计量单位"\n'
    '"202401","出口","84295210","哈萨克斯坦",100,2,"台"\n"202401","出口","84295210","俄罗斯联邦",200,3,"台"\n',
])
def test_quoted_text_and_unquoted_numbers_are_read_as_csv(con, tmp_path, text):
    """A CSV quoting its header and text but not its numbers (R's write.csv, pandas'
    QUOTE_NONNUMERIC, a file re-saved by a script) is ordinary CSV, not the platform's
    all-quoted layout: before, it was split at '","' only, its records joined into one or
    its fields shifted, and the file refused ("the row has 7 fields; the header has 5",
    "field 'value': not a number (got '出口')")."""
    f = _write(tmp_path, "出口.csv", text, encoding="utf-8")
    df = frame(con, gacc.parse(con, f))
    assert sorted(zip(df.partner, df.value_usd, df._line)) == [("KAZ", 100.0, 2), ("RUS", 200.0, 3)]

def test_the_layout_is_decided_on_more_than_the_first_data_line(con, tmp_path):
    """pandas' QUOTE_NONNUMERIC quotes a number column's "-" (a text) and not its numbers: the
    first data line is all quoted, the third is not.  Before, the layout was decided on the
    first data line alone: the file was split at '","', the third line joined to the next
    and the file refused."""
    f = _write(tmp_path, "出口.csv", '"数据年月","进出口","商品编码","贸易伙伴名称","美元"\n'
               '"202401","出口","84295210","蒙古","-"\n"202401","出口","84295210","哈萨克斯坦",100\n'
               '"202401","出口","84295210","俄罗斯联邦",200\n', encoding="utf-8")
    df = frame(con, gacc.parse(con, f))
    assert sorted(zip(df.partner, df.value_usd, df._line)) == [("KAZ", 100.0, 3), ("RUS", 200.0, 4)]



#: The header of the platform's year query (startMonth 1, endMonth 12, no month breakdown), as
#: public downloaders check it (wuhulamb/customs-data, check_csv.py / merge_csv.py): no 数据年月
#: column; partner, trade mode and registered place with codes and names; 美元 (or 人民币).
YEAR_QUERY = ('"商品编码","商品名称","贸易伙伴编码","贸易伙伴名称","贸易方式编码","贸易方式名称","注册地编码","注册地名称",'
              '"第一数量","第一计量单位","第二数量","第二计量单位","美元",\n')


def test_a_year_query_without_a_period_column_takes_the_period_from_the_file_name(con, tmp_path):
    """Before, such a file was not even recognised as a GACC download (no period column)."""
    rows = ('"84295210","挖掘机","145","哈萨克斯坦","10","一般贸易","65","新疆维吾尔自治区","10","台","0","?","360,000,000",\n'
            '"84295210","挖掘机","145","哈萨克斯坦","10","一般贸易","11","北京市","2","台","0","?","40,000,000",\n')
    f = _write(tmp_path, "export-202401-202412-65.csv", YEAR_QUERY + rows)
    assert detect(f) == "gacc"
    parsed = gacc.parse(con, f)
    df = frame(con, parsed).set_index("reporter")
    assert df.loc["CN-XJ", ["year", "period_kind", "month", "value_usd"]].tolist() == [2024, "ytd", 12, 360e6]
    assert df.loc["CN-BJ", "value_usd"] == 40e6
    note = next(n for n in parsed.notes if n.key == "gacc_period_file_name")
    assert note.params["period"] == "202401-202412" and note.render("ru").startswith("период 202401-202412 взят из имени")
    month = _write(tmp_path, "出口_2024年09月.csv", YEAR_QUERY + rows)
    assert set(frame(con, gacc.parse(con, month)).month) == {9}
    # the downloader's own name (import-2025-44) gives no month: refused, saying how to name it
    for name, field_value in (("export-2025-65.csv", None), ("export-202403-202409.csv", "export-202403-202409.csv")):
        f = _write(tmp_path, name, YEAR_QUERY + rows)
        with pytest.raises(InputError) as e:
            gacc.parse(con, f)
        p = e.value.problems[0]
        assert (p.line, p.field) == (1, "period") and p.value == field_value
        assert "202401-202412" in str(p.expected) and "202401-202412" in p.expected.render("ru")


def test_two_world_totals_are_not_summed_and_residual_partners_are_areas_nes(con, tmp_path):
    """总值 and 世界 in one file are both the world: before, the two were summed (the world
    doubled); the first is kept, the other noted.  «其他亚洲国家(地区)» (also written
    亚洲其他国家（地区）, GACC code 199) was refused as an unknown partner: it is stored as UNS,
    as its code is, and noted."""
    f = _write(tmp_path, "进口.csv", '"数据年月","贸易伙伴编码","贸易伙伴名称","商品编码","美元",\n'
               '"202401","","总值","26030000","300",\n"202401","","世界","26030000","300",\n'
               '"202401","145","哈萨克斯坦","26030000","200",\n"202401","","其他亚洲国家(地区)","26030000","60",\n'
               '"202401","","亚洲其他国家（地区）","26030000","30",\n"202401","","Other Asian countries (regions)","26030000","10",\n')
    parsed = gacc.parse(con, f)
    values = frame(con, parsed).set_index("partner").value_usd.to_dict()
    assert values == {"WLD": 300.0, "KAZ": 200.0, "UNS": 100.0}
    keys = {n.key: n for n in parsed.notes}
    assert keys["gacc_world_twice"].params["kept"] == "总值" and keys["gacc_world_twice"].params["rows"] == "世界"
    assert keys["gacc_residual"].params["n"] == 3 and "UNS" in keys["gacc_residual"].render("ru")


@pytest.mark.parametrize("partner,place", [("Trade partner", "Registered place of the consignor/consignee"),
                                           ("Trading partner", "Registered place")])
def test_english_partner_and_registered_place_headers(con, tmp_path, partner, place):
    f = _write(tmp_path, "export.csv", f"Date of data,Commodity code,{partner},{place},US dollar\n"
               "202401,8429,Kazakhstan,Xinjiang,5\n", encoding="utf-8")
    df = frame(con, gacc.parse(con, f))
    assert (df.reporter.iloc[0], df.partner.iloc[0]) == ("CN-XJ", "KAZ")


def test_quoted_title_lines_above_the_platform_header_stay_apart(con, tmp_path):
    """A quoted title line above the all-quoted header is not joined to the header as if a
    field ran over two lines."""
    f = _write(tmp_path, "出口.csv", '"海关统计数据在线查询"\n"出口, 2024年01月"\n'
               '"数据年月","贸易伙伴编码","贸易伙伴名称","商品编码","美元",\n"202401","145","哈萨克斯坦","84295210","5",\n')
    parsed = gacc.parse(con, f)
    df = frame(con, parsed)
    assert (df.partner.tolist(), df._line.tolist()) == (["KAZ"], [4])


def test_a_remarks_column_after_the_value_may_be_left_out_of_a_row(con, tmp_path):
    """Public downloaders ignore "an empty or a 备注 column" after 美元 in the year query's
    header (wuhulamb/customs-data, check_csv.py): a row with or without that field is read
    (before, a row leaving it out was refused: "the row has 13 fields; the header has 14");
    a row missing a column that is read is still refused."""
    header = YEAR_QUERY.replace('"美元",', '"美元","备注",')
    row = '"84295210","挖掘机","145","哈萨克斯坦","10","一般贸易","65","新疆维吾尔自治区","10","台","0","?","360,000,000",\n'
    f = _write(tmp_path, "export-202401-202412.csv", header + row + row.replace('"360,000,000",', '"40","",'))
    assert frame(con, gacc.parse(con, f)).value_usd.tolist() == [360_000_040.0]
    f = _write(tmp_path, "export-202401-202412.csv", header + row.replace('"?","360,000,000",', '"?",'))
    with pytest.raises(InputError) as e:
        gacc.parse(con, f)
    assert e.value.problems[0].line == 2 and "has 12 fields; the header has 14" in e.value.problems[0].message


def test_one_world_total_written_two_ways_is_kept_whole(con, tmp_path):
    """«World» on January's rows and «WORLD» on February's (a file assembled from two
    downloads, or retyped) are one world total: before, the names were compared as printed,
    so February's world rows were taken for a second total and left out (the world lost a
    month).  A second, different world total (总值 beside World) is still left out."""
    f = _write(tmp_path, "import.csv", "Date of data,Trading partner code,Trading partner,Commodity code,US dollar\n"
               "202401,,World,2603,300\n202402,,WORLD ,2603,310\n202401,145,Kazakhstan,2603,200\n"
               "202402,,总值,2603,999\n", encoding="utf-8")
    parsed = gacc.parse(con, f)
    df = frame(con, parsed)
    world = df[df.partner == "WLD"].set_index("month").value_usd.to_dict()
    assert world == {1: 300.0, 2: 310.0}
    note = next(n for n in parsed.notes if n.key == "gacc_world_twice")
    assert note.params["kept"] == "World" and note.params["rows"] == "总值"


def test_the_downloaders_own_file_name_is_read_when_the_file_gives_its_months(con, tmp_path):
    """A public downloader names its files ``import-2025-44.csv`` (flow, year, registered
    place): no month in the name.  A download broken down by month has its 数据年月 column,
    so the name is not needed and the file is read; without that column the file is refused
    (test above): a bare year would be a guess."""
    f = _write(tmp_path, "import-2025-44.csv", '"数据年月","商品编码","贸易伙伴编码","贸易伙伴名称","注册地编码","注册地名称","美元",\n'
               '"202501","26030000","145","哈萨克斯坦","44","广东省","100",\n'
               '"202502","26030000","145","哈萨克斯坦","44","广东省","110",\n')
    parsed = gacc.parse(con, f)
    df = frame(con, parsed)
    assert sorted(zip(df.month, df.flow, df.reporter, df.value_usd)) == [(1, "import", "CN-GD", 100.0),
                                                                         (2, "import", "CN-GD", 110.0)]
    assert not any(n.key == "gacc_period_file_name" for n in parsed.notes)
