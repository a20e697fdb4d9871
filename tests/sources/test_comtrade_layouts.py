"""UN Comtrade files as analysts hold them: the Comtrade Plus web download (PascalCase
header, its misspelt Prtner2Code, as .xlsx), the comtradeapicall DataFrame saved with
pandas (index column, whole numbers written 398.0), the legacy comtrade.un.org CSV
(annual and monthly).  Figures are invented; the headers are the real ones (see
docs/sources.md for where they were seen)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from .conftest import refusal

from corridor.errors import InputError
from corridor.sources import comtrade, registry

FIXTURES = Path(__file__).parent / "fixtures" / "comtrade"
DOWNLOAD = FIXTURES / "kaz_chn_download.csv"

CANON = "flow, year, period_kind, month, reporter, partner, classification, product_level, product_code, value_usd, quantity, quantity_unit, valuation, _line"


def got(con, parsed):
    return con.execute(f"SELECT {CANON} FROM ({parsed.sql}) ORDER BY _line").fetchall()


def download_table() -> list[list[str]]:
    return list(csv.reader(io.StringIO(DOWNLOAD.read_text(encoding="utf-8-sig"))))


def write_csv(path: Path, table: list[list[str]], *, bom: bool = True, encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(table)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode(encoding))
    return path


def pascal(table: list[list[str]]) -> list[list[str]]:
    """The web download's header: the API names with a capital first letter, and
    partner2Code misspelt Prtner2Code as the 2023 download wrote it."""
    head = [("Prtner2Code" if h == "partner2Code" else h[0].upper() + h[1:]) for h in table[0]]
    return [head, *table[1:]]


def test_comtrade_plus_pascalcase_download(con, tmp_path):
    table = pascal(download_table())
    assert "PrimaryValue" in table[0] and "Prtner2Code" in table[0] and "RefYear" in table[0]
    f = write_csv(tmp_path / "TradeData_2_20_2025_10_30_9.csv", table)
    assert comtrade.detect(f) == "comtrade" and registry.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert got(con, parsed) == got(con, comtrade.parse(con, DOWNLOAD, release="r"))
    # the misspelt second-partner column is read: its breakdown row is dropped
    table[2][table[0].index("Prtner2Code")] = "643"
    parsed = comtrade.parse(con, write_csv(tmp_path / "p2.csv", table), release="r")
    assert [r[-1] for r in got(con, parsed)] == [2, 4, 6]


def test_comtrade_plus_xlsx_download(con, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    table = pascal(download_table())
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in table:  # numbers as numbers, codes as Excel keeps them
        ws.append([float(v) if v.replace(".", "", 1).isdigit() and h in ("PrimaryValue", "Cifvalue", "Fobvalue", "Qty")
                   else (int(v) if v.isdigit() and h in ("RefYear", "RefMonth", "ReporterCode", "PartnerCode") else (v or None))
                   for h, v in zip(table[0], r)] if r is not table[0] else r)
    f = tmp_path / "TradeData.xlsx"
    wb.save(f)
    assert comtrade.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert got(con, parsed) == got(con, comtrade.parse(con, DOWNLOAD, release="r"))
    # a bad number names the sheet row and the column as the file spells it
    ws.cell(row=3, column=table[0].index("PrimaryValue") + 1, value="n/a")
    wb.save(f)
    assert refusal(comtrade.parse, con, f, release="r") == [(3, "PrimaryValue", "n/a")]


def test_comtradeapicall_dataframe_saved_by_pandas(con, tmp_path):
    """``comtradeapicall.getFinalData(...).to_csv(f)``: an unnamed index column first,
    and whole numbers of columns with empty cells written as ``0.0`` / ``398.0``."""
    table = download_table()
    head = ["", *table[0]]
    body = []
    for i, r in enumerate(table[1:]):
        r = [str(i), *r]
        for name in ("motCode", "partner2Code", "reporterCode", "partnerCode", "refMonth"):
            k = head.index(name)
            r[k] = r[k] + ".0"
        body.append(r)
    f = write_csv(tmp_path / "df.csv", [head, *body], bom=False)
    assert comtrade.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert got(con, parsed) == got(con, comtrade.parse(con, DOWNLOAD, release="r"))


LEGACY_HEADER = ("Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,"
                 "Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,"
                 "2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,"
                 "Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),"
                 "Gross weight (kg),Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag")


def test_legacy_comtrade_csv_annual_and_monthly(con, tmp_path):
    rows = [
        'H4,2019,2019,2019,0,0,2,Export,398,Kazakhstan,KAZ,156,China,CHN,,,,,,,,TOTAL,All Commodities,1,No Quantity,,,,,,,1234567890,,,0',
        'H4,2019,2019,2019,4,0,1,Import,398,Kazakhstan,KAZ,0,World,WLD,,,,,,,,0101,"Horses, asses, mules and hinnies; live",5,Number of items,12,,,,3400,,56789.5,,,0',
        'H4,2019,2019,2019,2,0,3,Re-Export,398,Kazakhstan,KAZ,156,China,CHN,,,,,,,,27,"Mineral fuels, oils",8,Weight in kilograms,1000,,,,1000,,777,,,0',
        'H4,2019,201903,March 2019,6,1,4,Re-Import,398,Kazakhstan,KAZ,156,China,CHN,,,,,,,,270900,Crude oil,8,Weight in kilograms,5,,,,5,,250,,,0',
    ]
    f = tmp_path / "comtrade.csv"
    f.write_text(LEGACY_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert comtrade.detect(f) == "comtrade" and registry.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert any("legacy UN Comtrade" in n for n in parsed.notes)
    assert got(con, parsed) == [
        ("export", 2019, "year", 12, "KAZ", "CHN", "TOTAL", "total", "TOTAL", 1234567890.0, None, None, "FOB", 2),
        ("import", 2019, "year", 12, "KAZ", "WLD", "HS12", "hs4", "0101", 56789.5, 12.0, "Number of items", "CIF", 3),
        ("re-export", 2019, "year", 12, "KAZ", "CHN", "HS12", "hs2", "27", 777.0, 1000.0, "Weight in kilograms", "FOB", 4),
        ("re-import", 2019, "month", 3, "KAZ", "CHN", "HS12", "hs6", "270900", 250.0, 5.0, "Weight in kilograms", "CIF", 5),
    ]
    # a bad value names its line and the column as the legacy file spells it
    f.write_text(LEGACY_HEADER + "\n" + rows[0] + "\n" + rows[1].replace(",56789.5,", ",5 678,") + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        comtrade.parse(con, f, release="r")
    assert [(p.line, p.field, p.value) for p in err.value.problems] == [(3, "Trade Value (US$)", "5 678")]


def test_legacy_header_with_names_run_together(con, tmp_path):
    """A public copy of a legacy download spells 'TradeFlow', 'TradeValueUS', 'CIF TradeValue',
    'Netweightkg' (yusufades/Dragonfly, src/api/mocks/live-animal-trade-csv.js); before, the
    flow and the value were not found and the file was refused."""
    header = (LEGACY_HEADER.replace("Trade Flow Code,Trade Flow", "TradeFlow Code,TradeFlow")
              .replace("Netweight (kg),Gross weight (kg),Trade Value (US$),CIF Trade Value (US$)",
                       "Netweightkg,GrossWeightkg,TradeValueUS,CIF TradeValue"))
    row = 'H4,2016,2016,2016,2,0,2,Export,398,Kazakhstan,KAZ,156,China,CHN,,,,,,,,01,Live animals,1,No Quantity,,,,,,,1000,,,0'
    f = tmp_path / "comtrade.csv"
    f.write_text(header + "\n" + row + "\n", encoding="utf-8")
    assert registry.detect(f) == "comtrade"
    assert got(con, comtrade.parse(con, f, release="r")) == [
        ("export", 2016, "year", 12, "KAZ", "CHN", "HS12", "hs2", "01", 1000.0, None, None, "FOB", 2)]


def test_legacy_with_breakdowns_keeps_totals(con, tmp_path):
    """A legacy file that fills the second-partner and transport columns keeps their totals."""
    base = 'H4,2019,2019,2019,0,0,2,Export,398,Kazakhstan,KAZ,156,China,CHN,{p2},,,,,{mot},,TOTAL,All Commodities,1,No Quantity,,,,,,,{v},,,0'
    rows = [base.format(p2=0, mot=0, v=100), base.format(p2=643, mot=0, v=40), base.format(p2=0, mot=2100, v=60)]
    f = tmp_path / "legacy_breakdowns.csv"
    f.write_text(LEGACY_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    parsed = comtrade.parse(con, f, release="r")
    assert [(r[9], r[-1]) for r in got(con, parsed)] == [(100.0, 2)]


def test_legacy_resaved_from_excel_gets_the_zeros_back(con, tmp_path):
    row = 'H4,2019,2019,2019,4,0,1,Import,398,Kazakhstan,KAZ,0,World,WLD,,,,,,,,{code},Horses,1,No Quantity,,,,,,,5,,,0'
    f = tmp_path / "resaved.csv"
    f.write_text(LEGACY_HEADER + "\n" + row.format(code="101") + "\n" + row.format(code="10121") + "\n", encoding="utf-8")
    parsed = comtrade.parse(con, f, release="r")
    assert [(r[7], r[8]) for r in got(con, parsed)] == [("hs4", "0101"), ("hs6", "010121")]
    assert any("zero restored: 101, 10121" in n for n in parsed.notes)


def legacy_record(**kw):
    rec = {"pfCode": "H4", "yr": 2013, "period": 2013, "periodDesc": "2013", "aggrLevel": 2, "IsLeaf": 0, "rgCode": 1,
           "rgDesc": "Import", "rtCode": 398, "rtTitle": "Kazakhstan", "rt3ISO": "KAZ", "ptCode": 156, "ptTitle": "China",
           "pt3ISO": "CHN", "ptCode2": None, "ptTitle2": "", "pt3ISO2": "", "cstCode": "", "cstDesc": "", "motCode": "",
           "motDesc": "", "cmdCode": "01", "cmdDescE": "Live animals", "qtCode": 1, "qtDesc": "No Quantity",
           "qtAltCode": None, "qtAltDesc": "", "TradeQuantity": None, "AltQuantity": None, "NetWeight": None,
           "GrossWeight": None, "TradeValue": 638496202, "CIFValue": None, "FOBValue": None, "estCode": 0}
    rec.update(kw)
    return rec


def test_legacy_api_json(con, tmp_path):
    """A response of the legacy API (comtrade.un.org/api/get, before 2023) saved as a file."""
    import json

    body = {"validation": {"status": {"name": "Ok", "value": 0, "category": 0, "description": "", "helpUrl": ""},
                           "message": None, "count": {"value": 3, "started": "", "finished": "", "durationSeconds": 0.1}},
            "dataset": [legacy_record(),
                        legacy_record(rgDesc="Export", rgCode=2, cmdCode="TOTAL", TradeValue=1500.5, FOBValue=1500.5),
                        legacy_record(period=201303, periodDesc="March 2013", cmdCode="2709", qtDesc="Weight in kilograms",
                                      TradeQuantity=1000, TradeValue=77)]}
    f = tmp_path / "comtrade.json"
    f.write_text(json.dumps(body))
    assert comtrade.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert any("legacy UN Comtrade" in n for n in parsed.notes)
    assert con.execute(f"SELECT {CANON} FROM ({parsed.sql}) ORDER BY value_usd").fetchall() == [
        ("import", 2013, "month", 3, "KAZ", "CHN", "HS12", "hs4", "2709", 77.0, 1000.0, "Weight in kilograms", "CIF", None),
        ("export", 2013, "year", 12, "KAZ", "CHN", "TOTAL", "total", "TOTAL", 1500.5, None, None, "FOB", None),
        ("import", 2013, "year", 12, "KAZ", "CHN", "HS12", "hs2", "01", 638496202.0, None, None, "CIF", None),
    ]
    body["dataset"][1]["TradeValue"] = "n/a"
    f.write_text(json.dumps(body))
    assert refusal(comtrade.parse, con, f, release="r") == [(None, "dataset[1].TradeValue", "n/a")]
    # the legacy API's refusal
    f.write_text(json.dumps({"validation": {"status": {"name": "Usage limit exceeded", "value": 5003}, "message": None},
                             "dataset": []}))
    with pytest.raises(InputError, match="Usage limit exceeded"):
        comtrade.parse(con, f, release="r")


def test_download_resaved_by_excel_in_a_russian_locale(con, tmp_path):
    """Excel with Russian settings: ';' between fields, decimal commas (no BOM)."""
    table = pascal(download_table())
    for r in table[1:]:
        for name in ("PrimaryValue", "Cifvalue", "Fobvalue", "Qty"):
            k = table[0].index(name)
            r[k] = r[k].replace(".", ",")
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(table)
    f = tmp_path / "ru.csv"
    f.write_bytes(buf.getvalue().encode("cp1251"))
    assert "14758685491,52" in f.read_text(encoding="cp1251") and registry.detect(f) == "comtrade"
    parsed = comtrade.parse(con, f, release="r")
    assert got(con, parsed) == got(con, comtrade.parse(con, DOWNLOAD, release="r"))
    assert any("decimal comma" in n for n in parsed.notes)


def test_legacy_as_reported_classification(con, tmp_path):
    """Legacy files downloaded "as reported" say 'HS': the edition in force in the year."""
    row = 'HS,{y},{y},{y},4,0,1,Import,398,Kazakhstan,KAZ,0,World,WLD,,,,,,,,{c},x,1,No Quantity,,,,,,,5,,,0'
    f = tmp_path / "as_reported.csv"
    f.write_text(LEGACY_HEADER + "\n" + "\n".join(row.format(y=y, c=c) for y, c in
                                                  ((2013, "0101"), (2019, "0101"), (2023, "0101"), (2019, "TOTAL"))) + "\n")
    parsed = comtrade.parse(con, f, release="r")
    assert [(r[1], r[6]) for r in got(con, parsed)] == [(2013, "HS12"), (2019, "HS17"), (2023, "HS22"), (2019, "TOTAL")]
    assert any("3 row(s) classified 'HS'" in n for n in parsed.notes)
