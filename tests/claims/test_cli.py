"""``corridor check``: text and JSON output, options, errors; a real workspace built with
``corridor ingest`` from the example mappings when ../shared/data is present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app

ARTICLE = (
    "По итогам 2023 года товарооборот Казахстана и Китая вырос на 32% и составил $41,1 млрд. "
    "Экспорт Казахстана в Китай составил 14,8 млрд долларов.\n"
    "Товарооборот Синьцзяна с Казахстаном в 2023 году превысил 100 млрд юаней.\n\n"
    "Two-way trade between Kazakhstan and China hit a record $50 billion last year.\n"
)
REQUIRED = {"text", "start", "end", "indicator", "reporter", "partner", "period", "value_usd", "growth_pct",
            "modality", "verdict", "evidence"}


@pytest.fixture(scope="module")
def workspace(real_workspace) -> Path:
    return real_workspace


def run(*args, input=None):
    return CliRunner().invoke(app, ["check", *args], input=input)


@pytest.mark.shared
def test_json_document_with_real_workspace(workspace, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    res = run(str(f), "--workspace", str(workspace), "--date", "2024-02-01", "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "corridor.claims/1" and doc["published"] == "2024-02-01"
    statuses = [c["verdict"]["status"] for c in doc["claims"]]
    assert statuses == ["supported", "supported", "not_checkable", "contradicted"]
    assert doc["summary"] == {"supported": 2, "within_spread": 0, "contradicted": 1, "not_checkable": 1}
    first = doc["claims"][0]
    assert REQUIRED <= first.keys()
    assert ARTICLE[first["start"]:first["end"]] == first["text"]
    assert [e["reporter"] for e in first["evidence"] if e["matches"]] == ["CHN", "CHN"]  # level and growth
    assert doc["claims"][1]["carried"] == ["period"]
    assert "Xinjiang" in doc["claims"][2]["verdict"]["needs"]


@pytest.mark.shared
@pytest.mark.parametrize(("lang", "words"), [("en", ["SUPPORTED", "CONTRADICTED", "NOT CHECKABLE", "mirror statistics"]),
                                             ("ru", ["ПОДТВЕРЖДАЕТСЯ", "ОПРОВЕРГАЕТСЯ", "НЕ ПРОВЕРЯЕМО", "зеркальная статистика"])])
def test_text_report_from_stdin_quotes_claims_in_both_languages(workspace, lang, words):
    res = run("-", "--workspace", str(workspace), "--date", "2024-02-01", "--lang", lang, input=ARTICLE)
    assert res.exit_code == 0, res.output
    assert "«Экспорт Казахстана в Китай составил 14,8 млрд долларов.»" in res.output
    for w in words:
        assert w in res.output


def test_without_a_workspace_every_claim_is_not_checkable(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_WORKSPACE", str(tmp_path / "nowhere"))
    res = run("-", "--format", "json", input=ARTICLE)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert {c["verdict"]["status"] for c in doc["claims"]} == {"not_checkable"}


def test_no_claims_and_garbage_input(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_WORKSPACE", str(tmp_path / "nowhere"))
    f = tmp_path / "junk.bin"
    f.write_bytes(bytes(range(256)) * 10)
    res = run(str(f))
    assert res.exit_code == 0 and "No quantitative trade claims found." in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "--format", "xml"], "format 'xml' is not allowed; expected one of: table, text, json, csv, xlsx"),
        (["-", "--lang", "de"], "lang 'de' is not allowed; expected one of: en, ru"),
        (["-", "--date", "01.02.2024"], "expected YYYY-MM-DD"),
        (["-", "--assume-pair", "KAZ"], "expected two economy codes"),
        (["/nonexistent/file.txt"], "cannot read the file"),
    ],
)
def test_bad_options_fail_with_one_clear_message(args, message, tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_WORKSPACE", str(tmp_path / "nowhere"))
    res = run(*args, input="")
    assert res.exit_code == 2
    assert message in res.output


def test_an_explicit_missing_workspace_is_an_error(tmp_path):
    res = run("-", "--workspace", str(tmp_path / "missing"), input=ARTICLE)
    assert res.exit_code == 2 and "no corridor workspace" in res.output
