"""One test for each defect the attack on the workspace found in the importers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from corridor.errors import ConfigError, InputError
from corridor.sources import baci, comtrade, generic
from corridor.store import Workspace

from ..store.helpers import snapshot
from .test_baci import release_zip

MAPPING = """source = "kz-stat"
release = "r1"
thousands = "."
decimal = ","
value_multiplier = 1000
[fields]
reporter = "KAZ"
partner = "CHN"
flow = "export"
year = { column = "year" }
product_level = "total"
value_usd = { column = "value" }
"""


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def _mapping(tmp_path: Path, text: str = MAPPING) -> Path:
    p = tmp_path / "m.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _values(con, parsed) -> list[tuple]:
    return con.execute(f"SELECT year, value_usd FROM ({parsed.sql}) ORDER BY year").fetchall()


def _xlsx(path: Path, rows: list[tuple]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("year", "value"))
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_typed_excel_numbers_are_not_stripped_of_the_thousands_separator(con, tmp_path: Path) -> None:
    """120.5 thousand USD in a numeric cell, thousands = ".": 120,500 USD, not 1,205,000;
    a text cell "1.205,5" is still read with the mapping's separators."""
    data = _xlsx(tmp_path / "t.xlsx", [(2022, 120.5), (2023, "1.205,5"), (2024, 7)])
    assert _values(con, generic.parse(con, data, mapping=_mapping(tmp_path))) == [
        (2022, 120_500.0), (2023, 1_205_500.0), (2024, 7000.0)]


def test_typed_parquet_numbers_are_not_stripped_of_the_thousands_separator(con, tmp_path: Path) -> None:
    data = tmp_path / "t.parquet"
    con.execute(f"COPY (SELECT * FROM (VALUES (2022, 120.5::DOUBLE), (2023, 1e20::DOUBLE)) t(year, value)) "
                f"TO '{data}' (FORMAT parquet)")
    got = _values(con, generic.parse(con, data, mapping=_mapping(tmp_path)))
    assert got[0] == (2022, 120_500.0) and got[1] == (2023, pytest.approx(1e23, rel=1e-15))  # no exponent lost


def test_typed_parquet_doubles_are_stored_to_the_last_digit(con, tmp_path: Path) -> None:
    """DuckDB's DOUBLE -> DECIMAL cast scales in floating point (30354309408.0 would become
    30354309407.9999967232); the importer goes through the shortest round-trip text."""
    data = tmp_path / "d.parquet"
    values = (30354309408.0, 1013809831.0, 967430409.0, 123456789012.345)
    rows = ", ".join(f"({2020 + i}, {v!r}::DOUBLE)" for i, v in enumerate(values))
    con.execute(f"COPY (SELECT * FROM (VALUES {rows}) t(year, value)) TO '{data}' (FORMAT parquet)")
    plain = MAPPING.replace('thousands = "."\ndecimal = ","\nvalue_multiplier = 1000\n', "")
    got = _values(con, generic.parse(con, data, mapping=_mapping(tmp_path, plain)))
    assert [v for _, v in got] == list(values)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_fractional_year_is_refused_naming_its_line(con, tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        data = _xlsx(tmp_path / "t.xlsx", [(2022, 1), (2023.5, 2)])
    else:
        data = tmp_path / "t.csv"
        data.write_text("year,value\n2022,1\n2023.5,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3, field 'year'.*2023[.,]5"):
        generic.parse(con, data, mapping=_mapping(tmp_path))


def test_a_seven_digit_product_code_is_refused_not_cut(tmp_path: Path) -> None:
    z = release_zip(tmp_path, {2022: ["2022,398,156,0101219,1.5,NA", "2022,398,156,010121,2,NA"]})
    with Workspace.open(tmp_path / "ws") as ws:
        parsed = baci.parse(ws.connection, z)
        with pytest.raises(InputError, match=r"line 2, field 'product_code'.*0101219"):
            ws.ingest(parsed)


@pytest.mark.parametrize("line, key", [('delimiter = ""', "delimiter"), ("value_multiplier = inf", "value_multiplier"),
                                       ("value_multiplier = nan", "value_multiplier")])
def test_a_mapping_with_an_empty_delimiter_or_a_non_finite_multiplier_is_a_named_error(tmp_path, line, key) -> None:
    text = MAPPING.replace("value_multiplier = 1000\n", "") .replace('source = "kz-stat"', f'{line}\nsource = "kz-stat"')
    with pytest.raises(ConfigError, match=rf"key '{key}'"):
        generic.load_mapping(_mapping(tmp_path, text))


def test_json_nested_100k_deep_is_a_named_error(con, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"data": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(InputError, match="deep.json.*(do not read|not a valid)"):
        comtrade.parse(con, deep)


def test_ctrl_c_is_a_clean_message_exit_130_and_the_workspace_unchanged(tmp_path: Path, monkeypatch) -> None:
    from corridor.cli.main import app
    from corridor.store.workspace import Workspace as W

    ws_path = tmp_path / "ws"
    f = tmp_path / "a.csv"
    f.write_text("year,value\n2022,1\n", encoding="utf-8")
    args = ["ingest", "--mapping", str(_mapping(tmp_path)), str(f), "--workspace", str(ws_path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    before = snapshot(ws_path)
    g = tmp_path / "b.csv"
    g.write_text("year,value\n2023,1\n", encoding="utf-8")

    def interrupted(self, *a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(W, "_ingest_one", interrupted)
    res = CliRunner().invoke(app, ["ingest", "--mapping", str(_mapping(tmp_path)), str(g), "--workspace", str(ws_path)])
    monkeypatch.undo()
    assert res.exit_code == 130 and "interrupted: nothing was changed" in res.output
    assert "Traceback" not in res.output
    assert snapshot(ws_path) == before


def test_error_lists_are_bounded_with_a_count(tmp_path: Path) -> None:
    from ..store.helpers import simple_parsed, write

    rows = [f"K{i:02d},CHN,2023,0101,1" for i in range(45)]
    with Workspace.open(tmp_path / "ws") as ws, pytest.raises(InputError) as err:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", rows)))
    assert "unknown economy codes in the file: K00, K01" in str(err.value) and "(and 15 more)" in str(err.value)


def test_a_utf16_file_with_a_title_line_is_read_with_its_lines(con, tmp_path: Path) -> None:
    data = tmp_path / "u16.csv"
    data.write_bytes("Exports of Kazakhstan, USD thousand\nyear,value\n2022,1\n2023,2,5\n".replace("2,5", '"2,5"')
                     .encode("utf-16"))
    text = MAPPING.replace('source = "kz-stat"', 'encoding = "utf-16"\nskip_rows = 1\nsource = "kz-stat"')
    parsed = generic.parse(con, data, mapping=_mapping(tmp_path, text))
    assert con.execute(f"SELECT year, value_usd, _line FROM ({parsed.sql}) ORDER BY year").fetchall() == [
        (2022, 1000.0, 3), (2023, 2500.0, 4)]


def test_an_excel_sheet_with_a_merged_two_row_header_is_a_named_error(con, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("year", "Exports", None))
    ws.append((None, "value", "quantity"))
    ws.merge_cells("B1:C1")
    ws.append((2022, 1, 2))
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(InputError, match=r"line 1, field 'header': the header row has empty header cell\(s\) C.*two-row"):
        generic.parse(con, tmp_path / "two.xlsx", mapping=_mapping(tmp_path))
