"""Extraction: the labelled corpus and the cases issue 4 names, one by one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.claims import extract
from corridor.claims.fx import RATES_PER_USD
from corridor.claims.scoring import load_corpus, score

CORPUS = Path(__file__).resolve().parent / "corpus" / "v1"


@pytest.mark.parametrize("name", ["dev", "heldout", "fresh"])
def test_corpus_precision_and_recall_reach_the_target(name):
    items = load_corpus(CORPUS / f"{name}.jsonl")
    scores = score(items, [extract(i.text, published=i.published) for i in items])
    assert scores.overall.precision >= 0.9, scores.errors
    assert scores.overall.recall >= 0.9, scores.errors
    assert scores.claims.precision >= 0.9 and scores.claims.recall >= 0.9, scores.errors


def test_corpus_is_large_and_bilingual_enough():
    items = load_corpus(CORPUS / "dev.jsonl") + load_corpus(CORPUS / "heldout.jsonl")
    assert len(items) >= 150
    assert sum(i.lang == "ru" for i in items) >= 100
    assert sum(i.lang == "en" for i in items) >= 50
    assert sum(not i.claims for i in items) >= 20
    assert len({i.id for i in items}) == len(items)


def test_scoring_counts_a_wrong_value_as_both_false_positive_and_false_negative():
    items = load_corpus(CORPUS / "dev.jsonl")[:1]
    good = extract(items[0].text)
    from dataclasses import replace

    bad = [replace(good[0], amount=good[0].amount * 2)]
    s = score(items, [bad])
    amount = next(f for f in s.fields if f.field == "amount")
    assert (amount.tp, amount.fp, amount.fn) == (0, 1, 1)
    assert score(items, [[]]).overall.recall == 0.0


def test_headline_claim_fields_and_offsets():
    text = "По итогам 2023 года товарооборот Казахстана и Китая вырос на 14,2% и составил $31,5 млрд."
    [c] = extract(text)
    assert (c.indicator, c.reporter, c.partner, c.period.label) == ("turnover", "KAZ", "CHN", "2023")
    assert c.amount == pytest.approx(31.5e9) and c.amount_step == pytest.approx(1e8)
    assert c.growth_pct == pytest.approx(14.2) and c.growth_step == pytest.approx(0.1)
    assert c.value_usd == pytest.approx(31.5e9) and not c.converted
    assert text[c.value_start:c.value_end] == c.value_text == "$31,5 млрд"
    assert text[c.start:c.end] == c.text


def test_tenge_is_converted_with_the_documented_rate_and_marked():
    [c] = extract("Экспорт Казахстана в Китай в 2023 году составил 6,8 трлн тенге.")
    rate = RATES_PER_USD["KZT"][2023]
    assert c.currency == "KZT" and c.converted and c.fx_rate == rate
    assert c.value_usd == pytest.approx(6.8e12 / rate)


def test_no_rate_for_a_year_leaves_value_usd_null_and_keeps_the_currency():
    [c] = extract("В 2030 году экспорт в Китай достигнет 5 трлн тенге.")
    assert c.currency == "KZT" and c.value_usd is None and not c.converted
    assert c.modality == "forecast"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Товарооборот Синьцзяна с Казахстаном составил 10 млрд долларов в 2023 году.", "CN-XJ"),
        ("Товарооборот СУАР с Казахстаном составил 10 млрд долларов в 2023 году.", "CN-XJ"),
        ("XUAR's trade with Kazakhstan was $10 billion in 2023.", "CN-XJ"),
        ("Товарооборот Синьцзян-Уйгурского автономного района с Казахстаном составил 10 млрд долларов.", "CN-XJ"),
        ("Экспорт Мангистауской области в Китай составил 10 млн долларов.", "KZ-47"),
        ("Экспорт Северо-Казахстанской области в Китай составил 10 млн долларов.", "KZ-59"),
        ("Экспорт Астаны в Китай составил 10 млн долларов.", "KZ-71"),
    ],
)
def test_regions_in_any_case(text, code):
    [c] = extract(text)
    assert c.reporter == code


def test_relative_period_needs_the_publication_date():
    text = "В прошлом году товарооборот с Китаем составил 41 млрд долларов."
    [without] = extract(text)
    [with_date] = extract(text, published=dt.date(2024, 3, 1))
    assert without.period.year is None and without.period.relative
    assert with_date.period.label == "2023" and with_date.period.relative


def test_carry_over_is_flagged_crosses_lines_and_stops_at_a_blank_line():
    """Wire copy is written one sentence per line: a document runs until a blank line."""
    text = ("Товарооборот Казахстана и Китая за январь–июнь 2024 года составил 21,1 млрд долларов.\n"
            "Из них экспорт — 7,8 млрд.\nИмпорт — 13,3 млрд.\n\nИмпорт — 13,3 млрд.")
    first, second, third, fourth = extract(text)
    assert second.carried == third.carried == ("economies", "period", "unit")
    assert (third.reporter, third.period.label, third.currency) == ("KAZ", "2024-01..06", "USD")
    assert fourth.carried == () and fourth.period is None and fourth.currency is None


def test_growth_sign_multipliers_and_base():
    [c] = extract("Импорт из Китая сократился в 2 раза по сравнению с аналогичным периодом прошлого года.")
    assert c.growth_pct == pytest.approx(-50.0) and c.growth_base == "same_period_last_year"
    [d] = extract("Exports to China fell 3.2% year on year in 2024.")
    assert d.growth_pct == pytest.approx(-3.2) and d.growth_base == "yoy"


@pytest.mark.parametrize(
    "text",
    [
        "Доля Китая во внешнеторговом обороте Казахстана достигла 21%.",
        "Объем торговли через Хоргос составил 6 млн тонн.",
        "Курс тенге в 2023 году составил 456 тенге за доллар.",
        "Kazakhstan's GDP grew 5.1% in 2023.",
        "В 2023 году в Казахстане было 20 млн жителей.",
    ],
)
def test_numbers_that_are_not_trade_claims(text):
    assert extract(text) == []


def test_modality_belongs_to_the_clause_of_the_figure():
    text = ("Глава государства заявил, что товарооборот между нашими странами в 2023 году превысил $41 млрд, "
            "а к 2030 году мы намерены удвоить этот показатель.")
    [c, t] = extract(text)
    assert c.modality == "fact" and c.period.label == "2023" and c.qualifiers == ("over",)
    # the target multiplier after the break is a claim of its own (not the fact's growth)
    assert (t.modality, t.period.label, t.growth_pct, t.amount) == ("target", "2030", 100.0, None)
    [f] = extract("В этом году товарооборот может достичь 45 млрд долларов, прогнозируют эксперты.",
                  published=dt.date(2024, 6, 1))
    assert f.modality == "forecast"


def test_us_dollars_spelled_out():
    [c] = extract("Bilateral trade totaled 43.8 billion U.S. dollars in 2024.")
    assert (c.currency, c.value_usd) == ("USD", pytest.approx(43.8e9))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Two-way trade reached eighteen billion dollars in 2023.", 18e9),
        ("Экспорт в Китай составил полтора миллиарда долларов.", 1.5e9),
        ("Exports to China were worth $1,234.5 million in 2022.", 1234.5e6),
        ("Экспорт в Китай составил 1 234,5 млн долл. США в 2022 году.", 1234.5e6),
        ("Товарооборот: 41 млрд $ (2023).", 41e9),
    ],
)
def test_number_forms(text, amount):
    [c] = extract(text)
    assert c.amount == pytest.approx(amount) and c.currency == "USD"


def test_a_period_carries_over_from_a_sentence_without_figures():
    text = "В прошлом году торговля с Китаем шла хорошо. Экспорт в Китай вырос на 5%."
    [c] = extract(text, published=dt.date(2024, 3, 1))
    assert c.period.label == "2023" and c.carried == ("period",)


# --- the wire-copy corpus of issue 14 -------------------------------------------------

WIRE = Path(__file__).resolve().parent / "corpus"


def test_wire_corpus_is_large_bilingual_and_made_of_documents():
    items = [i for name in ("dev", "heldout", "fresh", "fresh2", "fresh3") if (WIRE / f"{name}.jsonl").exists()
             for i in load_corpus(WIRE / f"{name}.jsonl")]
    assert len(items) >= 170 and sum(i.lang == "ru" for i in items) >= 2 * len(items) / 3 - 1
    assert sum(i.kind == "document" for i in items) >= 20
    assert len({i.id for i in items}) == len(items)
    for i in items:
        for c in i.claims:
            assert c.get("verdict") in ("supported", "within_spread", "contradicted", "not_checkable"), i.id


def test_wire_dev_extraction_reaches_the_aim():
    items = load_corpus(WIRE / "dev.jsonl")
    scores = score(items, [extract(i.text, published=i.published) for i in items])
    assert scores.overall.precision >= 0.97 and scores.overall.recall >= 0.95, scores.errors
    by = {f.field: f for f in scores.fields}
    assert by["year"].recall >= 0.95 and by["growth_pct"].recall >= 0.95, scores.errors


@pytest.mark.shared
def test_wire_dev_verdicts_against_the_real_data(shared_data, tmp_path_factory):
    """The right verdict for >= 90 % of the claims the data can check, and no false
    contradiction (the workspace the benchmark builds)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from claims import PAIR, build_workspace

    from corridor.claims import verify
    from corridor.store import Workspace

    folder = build_workspace(tmp_path_factory.mktemp("wire") / "ws", shared_data)
    items = load_corpus(WIRE / "dev.jsonl")
    predictions = [extract(i.text, published=i.published) for i in items]
    with Workspace.open(folder, create=False, read_only=True) as ws:
        checked = [verify(p, ws.flows(), assume_pair=PAIR) for p in predictions]
    v = score(items, predictions, checked).verdicts
    assert v.checkable_accuracy >= 0.9 and v.false_contradictions == 0
