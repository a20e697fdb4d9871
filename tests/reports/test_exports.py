"""Every table of every answer exports to CSV and XLSX and holds the answer's figures;
Russian mode writes Russian headers, sheet titles and number formats; every JSON document
has its schema; every command's ``--format json`` failure is the error document."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from corridor.answers.registry import ANSWERS, parse_query
from corridor.cli.main import app
from corridor.reports import registry as reports
from corridor.reports.columns import RU, sheet_label

pytestmark = pytest.mark.slow

from .conftest import PARAMS


def _numeric(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            and frame[c].notna().any()]


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_table_exports_to_csv_with_the_figures(results, name):
    result = results[name]
    tables = reports.export_tables(result, "en")
    assert tables and set(result.tables()) <= set(tables)
    for table, frame in tables.items():
        text = reports.csv(result, "en", table)
        back = pd.read_csv(io.StringIO(text), comment="#" if text.startswith("#") else None, dtype=str)
        assert list(back.columns) == [str(c) for c in frame.columns] and len(back) == len(frame), table
        for col in _numeric(frame):
            np.testing.assert_allclose(pd.to_numeric(back[col]).fillna(0), frame[col].astype(float).fillna(0),
                                       rtol=1e-12, err_msg=f"{name}.{table}.{col}")
        ru = reports.csv(result, "ru", table)
        body = ru.split("\n", 1)[1] if ru.startswith("#") else ru
        back_ru = pd.read_csv(io.StringIO(body), sep=";", decimal=",", dtype=str)
        assert len(back_ru) == len(frame)
        for col in _numeric(frame)[:3]:  # Russian number format: a decimal comma, no point
            header = RU.get(col, col)
            assert header in back_ru.columns, (table, col)
            values = back_ru[header].dropna()
            assert not values.str.contains(r"\.", regex=True).any(), (table, col)
            np.testing.assert_allclose(pd.to_numeric(values.str.replace(",", ".")),
                                       frame[col].dropna().astype(float), rtol=1e-12)


@pytest.mark.parametrize("name", list(PARAMS))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_table_exports_to_xlsx_with_the_figures(results, name, lang):
    result = results[name]
    wb = load_workbook(io.BytesIO(reports.xlsx(result, lang)))
    tables = reports.export_tables(result, lang)
    assert wb.sheetnames == [sheet_label("about", lang)] + [sheet_label(t, lang)[:31] for t in tables]
    about = {r[0]: r[1] for r in wb[sheet_label("about", lang)].iter_rows(values_only=True)}
    assert ANSWERS[name].schema in about.values()
    for table, frame in tables.items():
        ws = wb[sheet_label(table, lang)[:31]]
        rows = list(ws.iter_rows(values_only=True))
        headers = [RU.get(str(c), str(c)) if lang == "ru" else str(c) for c in frame.columns]
        assert list(rows[0]) == headers and len(rows) - 1 == len(frame), table
        for col in _numeric(frame):
            j = list(frame.columns).index(col)
            got = [r[j] for r in rows[1:]]
            assert all(v is None or isinstance(v, (int, float)) for v in got), (table, col)  # numbers, not text
            np.testing.assert_allclose([0.0 if v is None else float(v) for v in got],
                                       frame[col].astype(float).fillna(0), rtol=1e-12)
            cell = ws.cell(row=2, column=j + 1)
            if isinstance(cell.value, (int, float)):
                assert cell.number_format != "General", (table, col)


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_column_has_its_russian_header_and_every_document_its_schema(results, name):
    result = results[name]
    missing = {(t, str(c)) for t, f in reports.export_tables(result, "ru").items() for c in f.columns
               if str(c) not in RU}
    assert not missing
    for lang in ("en", "ru"):
        doc = reports.document(result, lang)
        assert list(doc)[:2] == ["schema", "lang"] and doc["schema"] == ANSWERS[name].schema
        json.dumps(doc, allow_nan=False, default=str)
        html = reports.html_fragment(result, lang)
        assert html.startswith("<section") and "<script" not in html


def test_russian_terminal_has_no_english_notes_and_wraps_names(results):
    text = reports.terminal(results["opportunities"], "ru", width=80)
    assert max(len(line) for line in text.splitlines()) <= 80 and "…" not in text
    notes = reports.document(results["opportunities"], "ru")["notes"]
    assert notes and all(n["key"] and n["text"] for n in notes)
    assert not any(w in n["text"] for n in notes for w in (" the ", " world ", " demand "))


def test_provenance_is_readable_with_its_sha256(results):
    text = reports.terminal(results["provenance"], "ru", width=60)
    for sha in results["provenance"].ingests["sha256"]:
        assert f"SHA-256: {sha}" in text  # in full, whatever the width
    assert "file_path" not in results["provenance"].ingests  # no path on the server's disk


BAD = {
    "monitor": ["monitor", "KAZ", "CHN", "--level", "hs5"],
    "indicators": ["indicators", "KAZ", "ZZZ"],
    "complexity": ["complexity", "--year", "2022", "--method", "pagerank"],
    "opportunities": ["opportunities", "KAZ", "--market", "CHN", "--year", "2022", "--strategy", "moonshot"],
    "check": ["check", "-", "--date", "01.02.2024"],
    "provenance": ["provenance", "--lang", "de"],
}


@pytest.mark.parametrize("name", list(BAD))
def test_the_json_error_document_on_every_command(name, tmp_path):
    res = CliRunner().invoke(app, [*BAD[name], "--format", "json", "--workspace", str(tmp_path / "none")], input="")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert list(doc) == ["schema", "code", "message", "problems"] and doc["schema"] == "corridor.error/1"
    assert doc["code"] == "invalid_option" and doc["message"]
    (p,) = doc["problems"]
    assert set(p) == {"file", "line", "field", "got", "expected", "reason", "message"}
    assert p["field"] and p["got"] and p["expected"] and p["reason"]


def test_version_and_xlsx_refused_on_a_terminal_only():
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("corridor ")
