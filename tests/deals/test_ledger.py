"""The ledger reader: columns, conversion to USD, and bad rows refused naming line and field."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.deals.ledger import read_ledger
from corridor.errors import InputError

HEADER = "id,event,signed,exporter,importer,hs_codes,value,currency,horizon_months,status,kind,exporter_company\n"


def write(tmp_path, body: str, name: str = "ledger.csv"):
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def test_a_ledger_row_becomes_a_deal_in_usd(tmp_path):
    p = write(tmp_path, "CIIE7-001,CIIE 2024,2024-11-06,KAZ,China,1001;HS17:120510,25000000,USD,12,contract,export_contract,Agro LLP\n"
                        "CIIE7-002,CIIE 2024,2024-11,Kazakhstan,CHN,2603,1000000000,KZT,24,intention,,\n")
    a, b = read_ledger(p)
    assert (a.id, a.exporter, a.importer, a.signed) == ("CIIE7-001", "KAZ", "CHN", dt.date(2024, 11, 6))
    assert [(c.code, c.revision) for c in a.hs_codes] == [("1001", None), ("120510", "HS17")]
    assert a.pledged_usd == 25e6 and a.rate_basis == "month" and a.kind == "export_contract"
    # 1 bn tenge at the 2024 annual average of 469.44 KZT per USD (claims.fx): 2,130,197.68 USD
    assert b.pledged_usd == pytest.approx(1e9 / 469.44, rel=1e-12)
    assert b.rate_basis == "year" and b.signed == dt.date(2024, 11, 1) and b.kind is None


def test_an_xlsx_ledger_reads_like_the_csv(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["D1", "CIIE 2024", dt.datetime(2024, 11, 6), "KAZ", "CHN", 1001, 25000000, "USD", 12, "contract", None, None])
    wb.save(tmp_path / "l.xlsx")
    (d,) = read_ledger(tmp_path / "l.xlsx")
    assert d.signed == dt.date(2024, 11, 6) and d.hs_codes[0].code == "1001" and d.value == 25e6


def test_a_damaged_xlsx_ledger_is_a_keyed_error_naming_it(tmp_path):
    """The ledger reads workbooks with the importers' reader (corridor.sources._sheets): a
    damaged one names the file and what the ledger expected."""
    bad = tmp_path / "ledger.xlsx"
    bad.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(InputError) as err:
        read_ledger(bad)
    assert err.value.path == str(bad) and "not a readable .xlsx workbook" in str(err.value)
    assert err.value.problems[0].expected == "an .xlsx file" and "ожидалось: файл .xlsx" in err.value.render("ru")


@pytest.mark.parametrize(
    ("row", "field", "expected"),
    [
        ("D1,E,2024-13-01,KAZ,CHN,1001,1,USD,12,contract,,", "signed", "YYYY-MM-DD"),
        ("D1,E,2024-11-01,KAZ,Atlantis,1001,1,USD,12,contract,,", "importer", "ISO code"),
        ("D1,E,2024-11-01,KAZ,KAZ,1001,1,USD,12,contract,,", "importer", "two different"),
        ("D1,E,2024-11-01,KAZ,CHN,10x1,1,USD,12,contract,,", "hs_codes", "2, 4 or 6 digits"),
        ("D1,E,2024-11-01,KAZ,CHN,1001,-5,USD,12,contract,,", "value", "positive"),
        ("D1,E,2024-11-01,KAZ,CHN,1001,5,RUB,12,contract,,", "currency", "rate"),
        ("D1,E,2031-11-01,KAZ,CHN,1001,5,CNY,12,contract,,", "currency", "rate"),
        ("D1,E,2024-11-01,KAZ,CHN,1001,5,USD,2.5,contract,,", "horizon_months", "integer"),
        ("D1,E,2024-11-01,KAZ,CHN,1001,5,USD,12,signed,,", "status", "intention"),
        ("D1,E,2024-11-01,KAZ,CHN,1001,5,USD,12,contract,loan,", "kind", "mou"),
        (",E,2024-11-01,KAZ,CHN,1001,5,USD,12,contract,,", "id", "a value"),
    ],
)
def test_a_bad_row_is_refused_naming_line_and_field(tmp_path, row, field, expected):
    p = write(tmp_path, "D0,E,2024-11-01,KAZ,CHN,1001,5,USD,12,contract,,\n" + row + "\n")
    with pytest.raises(InputError) as err:
        read_ledger(p)
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (3, field)
    assert expected in problem.expected
    assert str(p) in str(err.value) and "Nothing was stored" in str(err.value)


def test_duplicate_ids_and_missing_columns_are_refused(tmp_path):
    p = write(tmp_path, "D1,E,2024-11-01,KAZ,CHN,1001,5,USD,12,contract,,\nD1,E,2024-11-01,KAZ,CHN,1002,5,USD,12,contract,,\n")
    with pytest.raises(InputError, match="duplicate deal id"):
        read_ledger(p)
    q = tmp_path / "q.csv"
    q.write_text("id,event,signed\nD1,E,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_ledger(q)
    assert {pr.field for pr in err.value.problems} >= {"exporter", "hs_codes", "status"}
    assert all(pr.line == 1 for pr in err.value.problems)


def test_yuan_are_converted_at_the_signing_months_average(tmp_path):
    """CNY has a monthly table (reference/data/cny_usd_monthly.tsv, ECB cross rates): November
    2024 averages 7.2081 CNY per USD, so 72,000,000 CNY = 9,988,762.6 USD (72e6 / 7.2081);
    the 2024 annual rate of claims.fx (7.19) would give 10,013,908.2."""
    p = write(tmp_path, "C1,CIIE 2024,2024-11-06,KAZ,CHN,1001,72000000,CNY,12,contract,,\n")
    (d,) = read_ledger(p)
    assert d.rate_basis == "month" and d.usd_rate == 7.2081
    assert d.pledged_usd == pytest.approx(9_988_762.6, abs=0.1)
