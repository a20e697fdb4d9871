"""WITS downloads as analysts hold them: the Advanced Query result saved as .xlsx or
re-saved from Excel (codes that lost their leading zero, numbers unquoted), columns in
another order with the quantity columns, the 'Gross Imports'/'Gross Exports' flow names,
the data-job zip holding the CSV and a readme.  Figures invented, headers WITS' own."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from .conftest import refusal

from corridor.errors import InputError
from corridor.sources import registry, wits

SAMPLE = Path(__file__).parent / "fixtures" / "wits" / "kaz_sample.csv"
CANON = "reporter, partner, flow, year, classification, product_level, product_code, value_usd, valuation"


def got(con, parsed):
    return con.execute(f"SELECT {CANON} FROM ({parsed.sql}) ORDER BY ALL").fetchall()


def table() -> list[list[str]]:
    return list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))


def write_csv(path: Path, rows: list[list[str]], **kw) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", **kw).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def excel_round_trip(rows: list[list[str]]) -> list[list[str]]:
    """What Excel writes back: codes that look like numbers lose their leading zeros."""
    k = rows[0].index("ProductCode")
    return [rows[0], *([*r[:k], r[k].lstrip("0") if r[k].isdigit() else r[k], *r[k + 1:]] for r in rows[1:])]


def test_csv_resaved_from_excel_gets_the_zeros_back(con, tmp_path):
    f = write_csv(tmp_path / "resaved.csv", excel_round_trip(table()))
    assert '"101"' not in f.read_text() and ",101," in f.read_text()
    parsed = wits.parse(con, f, release="r")
    assert got(con, parsed) == got(con, wits.parse(con, SAMPLE, release="r"))
    assert any("zero restored: 101" in n for n in parsed.notes)


def test_xlsx_download(con, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = table()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(rows[0])
    for r in rows[1:]:  # Year and the value as numbers, ProductCode as Excel keeps a number: 0101 -> 101
        ws.append([int(v) if h in ("Year", "TradeFlowCode") or (h == "ProductCode" and v.isdigit())
                   else float(v) if h == "TradeValue in 1000 USD" else v for h, v in zip(rows[0], r)])
    f = tmp_path / "wits.xlsx"
    wb.save(f)
    assert wits.detect(f) == "wits" and registry.detect(f) == "wits"
    assert got(con, wits.parse(con, f, release="r")) == got(con, wits.parse(con, SAMPLE, release="r"))
    ws.cell(row=4, column=rows[0].index("TradeValue in 1000 USD") + 1, value="N/A")
    wb.save(f)
    assert refusal(wits.parse, con, f, release="r") == [(4, "TradeValue in 1000 USD", "N/A")]


def test_other_column_order_with_quantity_columns(con, tmp_path):
    rows = table()
    order = [9, 7, 6, 0, 2, 1, 4, 3, 5, 8]
    head = [rows[0][k] for k in order] + ["NetWeight in KGM", "Quantity", "QtyUnit"]
    body = [[r[k] for k in order] + ["", "", ""] for r in rows[1:]]
    f = write_csv(tmp_path / "order.csv", [head, *body], quoting=csv.QUOTE_ALL)
    assert wits.detect(f) == "wits"
    assert got(con, wits.parse(con, f, release="r")) == got(con, wits.parse(con, SAMPLE, release="r"))


def test_gross_flow_names(con, tmp_path):
    rows = table()
    k = rows[0].index("TradeFlowName")
    for r in rows[1:]:
        r[k] = {"Export": "Gross Exports", "Import": "Gross Imports"}.get(r[k], r[k])
    f = write_csv(tmp_path / "gross.csv", rows, quoting=csv.QUOTE_ALL)
    assert got(con, wits.parse(con, f, release="r")) == got(con, wits.parse(con, SAMPLE, release="r"))


def test_data_job_zip(con, tmp_path):
    z = tmp_path / "DataJobID-2761234_2761234_kazchn.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("DataJobID-2761234_2761234_kazchn.csv", SAMPLE.read_bytes())
        zf.writestr("readme.txt", "WITS data job\n")
    assert wits.detect(z) == "wits" and registry.detect(z) == "wits"
    parsed = wits.parse(con, z, release="r")
    assert parsed.path == z
    assert got(con, parsed) == got(con, wits.parse(con, SAMPLE, release="r"))
    # a bad value names the member and the line
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("job.csv", SAMPLE.read_text().replace('"355.509"', '"3,55"'))
    with pytest.raises(InputError) as err:
        wits.parse(con, bad, release="r")
    assert str(err.value.path).endswith("bad.zip:job.csv")
    assert [(p.line, p.field) for p in err.value.problems] == [(2, "TradeValue in 1000 USD")]
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a.csv", "x")
        zf.writestr("b.csv", "y")
    with pytest.raises(InputError, match="2 CSV"):
        wits.parse(con, two, release="r")


def test_csv_resaved_by_excel_in_a_russian_locale(con, tmp_path):
    """Excel with Russian (or German...) settings saves ';' between fields and a decimal
    comma, and drops the codes' leading zeros."""
    rows = excel_round_trip(table())
    k = rows[0].index("TradeValue in 1000 USD")
    for r in rows[1:]:
        r[k] = r[k].replace(".", ",")
    f = write_csv(tmp_path / "ru.csv", rows, delimiter=";")
    assert "355,509" in f.read_text() and wits.detect(f) == "wits" and registry.detect(f) == "wits"
    parsed = wits.parse(con, f, release="r")
    assert got(con, parsed) == got(con, wits.parse(con, SAMPLE, release="r"))
    assert any("decimal comma" in n for n in parsed.notes)


def test_zip_bomb_refused_before_extraction(con, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("job.csv", SAMPLE.read_text() + "0" * 20_000_000)
    with pytest.raises(InputError, match="expand"):
        wits.parse(con, bomb, release="r")
