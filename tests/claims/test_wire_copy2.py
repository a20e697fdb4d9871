"""Issue 14, second round: classes of text left open after the fresh2 corpus part (list
items on their own lines after a colon, «импортно-экспортные операции», a pronoun after
a sentence without a figure, a target multiplier beside a fact, a forecast's coming
quarter, a source country as the reporter of a scope, a decimal comma that is no clause
break).  The sentences are invented, modelled on wire copy; none is corpus text."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract


def rows(text: str, **kw):
    return [(c.indicator, c.reporter, c.partner, c.product, c.period.label if c.period else None,
             c.amount, c.growth_pct, c.modality) for c in extract(text, **kw)]


def test_list_items_on_their_own_lines_share_the_lead_lines_indicator():
    text = ("АСТАНА, 3 марта – Kazinform – В 2024 году Казахстан поставил в Китай:\n"
            "– сырую нефть – на 3,1 млрд долларов;\n"
            "– медные руды и концентраты – на 2,4 млрд долларов;\n"
            "– ферросплавы – на 0,9 млрд долларов.\n"
            "Импорт из КНР составил 15 млрд долларов.")
    got = rows(text)
    assert [(r[0], r[3], r[4], r[5]) for r in got] == [
        ("product_exports", "oil", "2024", 3.1e9),
        ("product_exports", "copper_ore", "2024", 2.4e9),
        ("product_exports", "ferroalloys", "2024", 0.9e9),
        ("imports", None, "2024", 15e9),
    ]
    assert all(r[1:3] == ("KAZ", "CHN") for r in got)


def test_english_bullets_after_a_colon():
    text = ("Kazakhstan's main exports to China in 2023 were:\n"
            "• crude oil: $3.7 billion;\n"
            "• copper ores: $1.8 billion.")
    got = rows(text)
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in got] == [
        ("product_exports", "KAZ", "CHN", "oil", "2023", 3.7e9),
        ("product_exports", "KAZ", "CHN", "copper_ore", "2023", 1.8e9),
    ]


def test_a_dash_line_without_a_lead_colon_is_no_claim():
    assert extract("Форум прошёл в Астане.\n– Участники обсудили 5 млрд вопросов логистики.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Объём импортно-экспортных операций Казахстана с Китаем за 2023 год составил 41 млрд долларов.",
        "Экспортно-импортные операции между Казахстаном и КНР в 2023 году достигли 41 млрд долларов.",
        "Товарообмен между Казахстаном и Китаем в 2023 году достиг 41 млрд долларов.",
    ],
)
def test_other_names_of_turnover(text):
    assert rows(text) == [("turnover", "KAZ", "CHN", None, "2023", 41e9, None, "fact")]


def test_a_pronoun_after_a_sentence_without_a_figure_takes_its_indicator():
    text = ("В 2024 году экспорт Казахстана в Китай заметно вырос.\n"
            "За девять месяцев его объём составил 11,2 млрд долларов.")
    assert rows(text, published=dt.date(2024, 10, 20)) == [
        ("exports", "KAZ", "CHN", None, "2024-01..09", 11.2e9, None, "fact")]


def test_a_target_multiplier_and_a_fact_after_a_contrastive_break():
    text = "Казахстан и Китай планируют удвоить товарооборот к 2030 году, а в 2023 году он составил 41 млрд долларов."
    assert rows(text) == [
        ("turnover", "KAZ", "CHN", None, "2030", None, 100.0, "target"),
        ("turnover", "KAZ", "CHN", None, "2023", 41e9, None, "fact"),
    ]


def test_a_growth_and_a_level_of_different_years_are_two_claims():
    text = "В 2023 году товарооборот Казахстана и Китая вырос на 32%, а в 2024 году составил 43,8 млрд долларов."
    assert rows(text) == [
        ("turnover", "KAZ", "CHN", None, "2023", None, 32.0, "fact"),
        ("turnover", "KAZ", "CHN", None, "2024", 43.8e9, None, "fact"),
    ]


def test_a_level_and_its_growth_in_one_clause_stay_one_claim():
    text = "Товарооборот Казахстана и Китая в 2023 году составил 41 млрд долларов, но экспорт снизился на 2%."
    got = rows(text)
    assert got[0] == ("turnover", "KAZ", "CHN", None, "2023", 41e9, None, "fact")
    assert got[1][0] == "exports" and got[1][6] == -2.0


@pytest.mark.parametrize(
    ("text", "published", "label"),
    [
        ("Во втором квартале товарооборот, по прогнозам, превысит 11 млрд долларов.", dt.date(2024, 4, 15), "2024-04..06"),
        ("In the first quarter, trade is expected to exceed $10 billion.", dt.date(2024, 11, 2), "2025-01..03"),
        ("Во втором квартале товарооборот составил 11 млрд долларов.", dt.date(2024, 4, 15), "2023-04..06"),
    ],
)
def test_a_forecast_without_a_year_means_the_coming_period(text, published, label):
    [c] = extract(text, published=published)
    assert c.period.label == label


def test_the_source_country_reports_on_a_scope():
    [c] = extract("Trade with Belt and Road countries grew 2.8% to 19.47 trillion yuan in 2023, "
                  "China's customs said.")
    assert (c.reporter, c.partner) == ("CHN", "BRI")
    [c] = extract("По данным ГТУ КНР, товарооборот с Казахстаном за 2023 год составил 41 млрд долларов.")
    assert (c.reporter, c.partner) == (None, "KAZ")  # not a scope: the source is no party


def test_a_decimal_comma_is_no_clause_break_for_a_share():
    assert extract("Доля Китая во внешней торговле Казахстана выросла на 2,3 п.п. до 21%.") == []
