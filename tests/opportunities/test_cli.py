"""``corridor indicators`` and ``corridor opportunities`` on the real KAZ/CHN workspace."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.reports.numbers import number

pytestmark = pytest.mark.shared
runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_indicators_json_document(kaz_workspace):
    doc = json.loads(invoke("indicators", "KAZ", "CHN", "--from", "2015", "--to", "2024", "--format", "json",
                            "--workspace", str(kaz_workspace)))
    assert doc["schema"] == "corridor.indicators/1" and doc["exporter"] == "KAZ" and doc["market"] == "CHN"
    years = {r["year"]: r for r in doc["series"]}
    assert sorted(years) == list(range(2015, 2025))
    # Kazakhstan-reported HS4 exports to China, 2024: the sum of the WITS file (USD 14.9 bn)
    assert years[2024]["exports_to_market"] == pytest.approx(14_897_484_000, rel=1e-3)
    # the known gap in Kazakhstan's reporting: far fewer HS4 lines in 2020-2022
    assert years[2021]["n_products"] < 200 < years[2019]["n_products"]
    assert years[2017]["dx"] is not None and years[2018]["dx"] is None  # world matrix only for 2017
    assert all(0 < r["tc"] < 100 for r in doc["series"])
    assert {c["status"] for c in doc["changes"]} == {"new", "lost", "continuing"}


def test_indicators_csv_and_russian_table(kaz_workspace):
    csv = invoke("indicators", "KAZ", "CHN", "--format", "csv", "--workspace", str(kaz_workspace))
    frame = pd.read_csv(io.StringIO(csv))
    assert list(frame.year) == list(range(2015, 2025)) and "hhi" in frame.columns
    text = invoke("indicators", "KAZ", "CHN", "--lang", "ru", "--workspace", str(kaz_workspace))
    assert "Торговые индикаторы" in text and "Китай" in text
    assert "универсум индекса Тейла: 1\u00a0225 кодов HS12" in text


def test_opportunities_json_and_table(kaz_workspace):
    doc = json.loads(invoke("opportunities", "KAZ", "--market", "CHN", "--year", "2017", "--top", "20",
                            "--format", "json", "--workspace", str(kaz_workspace)))
    assert doc["schema"] == "corridor.opportunities/1" and len(doc["opportunities"]) == 20
    first = doc["opportunities"][0]
    assert first["rank"] == 1 and "untapped" in first["why"] and first["kind"] in ("processed", "agricultural", "natural_resource")
    assert any("WITS product group" in n["text"] for n in doc["notes"])
    assert all(n["key"] and isinstance(n["params"], dict) for n in doc["notes"])  # keys and parameters, for machines
    ru = json.loads(invoke("opportunities", "KAZ", "--market", "CHN", "--year", "2017", "--top", "3",
                           "--format", "json", "--lang", "ru", "--workspace", str(kaz_workspace)))
    assert ru["lang"] == "ru" and "неосвоено" in ru["opportunities"][0]["why"]
    assert [n["key"] for n in ru["notes"]] == [n["key"] for n in doc["notes"]]
    text = invoke("opportunities", "KAZ", "--market", "China", "--year", "2017", "--top", "5",
                  "--strategy", "long_jumps", "--lang", "ru", "--workspace", str(kaz_workspace))
    assert "Экспортные возможности" in text and "Дальние прыжки" in text
    assert "спрос: импорт CHN по товарным группам WITS" in text  # the notes are in Russian too
    csv = invoke("opportunities", "KAZ", "--market", "CHN", "--year", "2017", "--rank-by", "untapped",
                 "--format", "csv", "--workspace", str(kaz_workspace))
    assert pd.read_csv(io.StringIO(csv), dtype={"product": str})["product"].iloc[0] == "2709"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_opportunities_table_is_readable_at_80_columns(kaz_workspace, lang):
    args = ["opportunities", "KAZ", "--market", "CHN", "--year", "2017", "--top", "10", "--lang", lang,
            "--workspace", str(kaz_workspace)]
    result = runner.invoke(app, args, env={"COLUMNS": None, "LINES": None})  # rich's default width: 80
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    titles = {"en": ["#", "HS4", "Product", "Untapped", "Density", "PCI", "Market", "Flag"],
              "ru": ["№", "HS4", "Товар", "Резерв", "Плотность", "PCI", "Рынок", "Тип"]}[lang]
    header = next(line for line in lines if titles[2] in line and titles[3] in line)
    assert "…" not in header and header.split() == titles
    doc = json.loads(invoke(*args, "--format", "json"))
    assert doc["rank_by"] == "balanced" and doc["min_untapped"] > 0
    for r in doc["opportunities"]:  # every figure in full on the product's row; the name wraps
        cells = next(line for line in lines if line.split()[:2] == [str(r["rank"]), r["product"]]).replace("\u00a0", "").split()
        num = lambda v, d: number(v, lang, digits=d).replace("\u00a0", "")  # noqa: E731 - in the reader's style
        assert num(r["untapped"] / 1e6, 1) in cells and num(r["density"], 3) in cells
        assert num(r["demand"] / 1e6, 1) in cells and cells[-1] in {"en": ("MFG", "AGR", "MFG*", "AGR*"), "ru": ("ПЕР", "АГР", "ПЕР*", "АГР*")}[lang]
    # json and csv keep every field
    assert {"potential", "actual", "cog", "score", "balanced_score", "existing_strength", "why", "name"} <= set(doc["opportunities"][0])


def test_bad_options_are_refused(kaz_workspace):
    result = runner.invoke(app, ["opportunities", "KAZ", "--market", "CHN", "--year", "2017",
                                 "--strategy", "moonshot", "--workspace", str(kaz_workspace)])
    assert result.exit_code == 2 and "low_hanging_fruit" in result.output
