"""Bad input through `corridor ingest`: refused with a message naming the file, the line or
field and what was expected, and the workspace is left exactly as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.store.helpers import snapshot

HEADER = ('"Nomenclature","ReporterISO3","ProductCode","ReporterName","PartnerISO3","PartnerName","Year",'
          '"TradeFlowName","TradeFlowCode","TradeValue in 1000 USD"')
GOOD = '"H4","KAZ","0101","Kazakhstan","CHN","China","2023","Export","6","355.509"'


def _wits(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def _row(**kw: str) -> str:
    v = {"code": "0101", "partner": "CHN", "pname": "China", "year": "2023", "value": "355.509", "flow": "Export"}
    v.update(kw)
    return (f'"H4","KAZ","{v["code"]}","Kazakhstan","{v["partner"]}","{v["pname"]}","{v["year"]}",'
            f'"{v["flow"]}","6","{v["value"]}"')


@pytest.fixture()
def ws(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    good = _wits(tmp_path / "good.csv", [GOOD])
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), str(good)])
    assert res.exit_code == 0, res.output
    return ws


CASES = {
    "malformed row": ([_row(), '"H4","KAZ","0102","Kazakhstan","CHN"'], HEADER, r"line 3"),
    "renamed column": ([_row()], HEADER.replace("TradeValue in 1000 USD", "Trade Value"), r"TradeValue in 1000 USD"),
    "non-numeric value": ([_row(), _row(code="0102", value="12,3x")], HEADER, r"line 3.*TradeValue in 1000 USD"),
    "negative value": ([_row(value="-5")], HEADER, r"line 2, field 'value_usd': negative"),
    "unknown country": ([_row(partner="XYZ")], HEADER, r"line 2, field 'partner': unknown economy code \(got 'XYZ'\)"),
    "unknown product": ([_row(code="0199")], HEADER, r"line 2, field 'product_code': unknown product code"),
    "duplicate key": ([_row(), _row(value="1")], HEADER, r"duplicate key: .*lines 2, 3"),
    "header only": ([], HEADER, r"no data rows"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_wits_file_is_refused_and_nothing_changes(case: str, ws: Path, tmp_path: Path) -> None:
    rows, header, pattern = CASES[case]
    bad = _wits(tmp_path / "bad.csv", rows, header)
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), "--source", "wits", str(bad)])
    assert res.exit_code == 2, res.output
    assert "bad.csv" in res.output
    import re

    assert re.search(pattern, res.output, flags=re.S), res.output
    assert snapshot(ws) == before


def test_empty_file(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), "--source", "wits", str(bad)])
    assert res.exit_code == 2 and "empty.csv" in res.output and "empty" in res.output.lower()
    assert snapshot(ws) == before


def test_wrong_encoding(ws: Path, tmp_path: Path) -> None:
    bad = _wits(tmp_path / "cp1251.csv", [_row(pname="Китай")], encoding="cp1251")
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), "--source", "wits", str(bad)])
    assert res.exit_code == 2 and "cp1251.csv" in res.output and "UTF-8" in res.output, res.output
    assert snapshot(ws) == before


def test_a_bad_file_in_a_batch_stores_nothing_of_the_batch(ws: Path, tmp_path: Path) -> None:
    ok = _wits(tmp_path / "ok.csv", [_row(year="2024")])
    bad = _wits(tmp_path / "bad.csv", [_row(value="-1")])
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), str(ok), str(bad)])
    assert res.exit_code == 2 and "bad.csv" in res.output
    assert snapshot(ws) == before


def test_truncated_zip(ws: Path, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("BACI_HS17_Y2022_V202401.csv", "t,i,j,k,v,q\n" + "2022,398,156,010121,1.5,2\n" * 5000)
    data = buf.getvalue()
    bad = tmp_path / "BACI_HS17_V202401.zip"
    bad.write_bytes(data[: len(data) // 2])
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), "--source", "baci", str(bad)])
    assert res.exit_code == 2 and "BACI_HS17_V202401.zip" in res.output, res.output
    assert snapshot(ws) == before


def test_a_gacc_year_query_without_a_period_in_its_name_stores_nothing_of_the_batch(ws: Path, tmp_path: Path) -> None:
    """The platform's year query writes no 数据年月 column (docs/sources.md): a good download
    of it (the period in its name) and one whose name gives no month, ingested together, are
    refused naming the file, line 1 and the period; nothing of the batch is stored."""
    header = '"商品编码","商品名称","贸易伙伴编码","贸易伙伴名称","美元",\n'
    row = '"84295210","挖掘机","145","哈萨克斯坦","5",\n'
    ok = tmp_path / "export-202401-202412.csv"
    ok.write_bytes((header + row).encode("gbk"))
    bad = tmp_path / "export-2025-65.csv"
    bad.write_bytes((header + row).encode("gbk"))
    before = snapshot(ws)
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), str(ok), str(bad)])
    assert res.exit_code == 2 and "export-2025-65.csv" in res.output, res.output
    assert "line 1" in res.output and "period" in res.output and "202401-202412" in res.output, res.output
    assert snapshot(ws) == before
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), str(ok)])  # the good one alone is stored
    assert res.exit_code == 0, res.output
    assert snapshot(ws) != before
