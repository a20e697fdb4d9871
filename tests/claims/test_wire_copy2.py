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


@pytest.mark.parametrize(
    "text",
    [
        "Товарооборот Казахстана и Китая в 2023 году вырос на 9,9 млрд долларов.",
        "Trade in 2023 was $9.9 billion higher than in 2022.",
        "Exports to China were up $1.2 billion in 2023.",
    ],
)
def test_an_absolute_change_is_not_a_level(text):
    assert [c for c in extract(text) if c.amount is not None] == []


def test_an_absolute_change_beside_a_level_keeps_the_level_only():
    text = ("Товарооборот с Китаем за 10 месяцев 2024 года составил 36,4 млрд долларов, "
            "что на 2,2 млрд больше, чем годом ранее.")
    assert [(r[4], r[5]) for r in rows(text)] == [("2024-01..10", 36.4e9)]
    assert [r[5] for r in rows("Trade rose by $9.9 billion in 2023 to $41 billion.")] == [41e9]


@pytest.mark.parametrize(
    ("text", "growth"),
    [
        ("Товарооборот в 2023 году составил 41 млрд долларов (+32%).", 32.0),
        ("Товарооборот в 2023 году составил 41 млрд долларов (-3,5%).", -3.5),
        ("Trade reached $41 billion in 2023 (+32 percent).", 32.0),
    ],
)
def test_a_signed_percentage_is_a_growth(text, growth):
    [c] = extract(text)
    assert (c.amount, c.growth_pct) == (41e9, growth)


def test_a_percentage_after_to_or_from_is_a_level_not_a_growth():
    assert extract("Доля расчётов в юанях в торговле с Китаем выросла в 2023 году до 25%.") == []
    assert extract("The yuan's share in trade settlements rose from 10% to 25%.") == []


def test_a_rate_then_k_year_is_a_base_not_a_period():
    [c] = extract("Товарооборот — 41 млрд долларов (рост на 32% к 2022 году).")
    assert c.period is None and (c.growth_pct, c.growth_base) == (32.0, "yoy")


@pytest.mark.parametrize(
    "text",
    [
        "Экспорт Казахстана в Китай в 2023 году составил 7,2-7,5 млрд долларов.",
        "Экспорт Казахстана в Китай в 2023 году составил от 7,2 до 7,5 млрд долларов.",
        "Kazakhstan's exports to China were between $7.2 and $7.5 billion in 2023.",
    ],
)
def test_a_range_is_one_claim_spanning_both_bounds(text):
    [c] = extract(text)
    low, high = c.amount - c.amount_step / 2, c.amount + c.amount_step / 2
    assert low <= 7.2e9 and 7.5e9 <= high and high - low < 0.5e9


def test_from_to_after_a_verb_stays_two_levels():
    assert [r[5] for r in rows("Trade grew from $31 billion in 2022 to $41 billion in 2023.")] == [31e9, 41e9]


def test_a_part_of_a_whole_is_no_growth_and_its_product_is_not_the_figures():
    [c] = extract("Kazakh exports to China climbed to $16.4 billion, nearly 40 percent of which was crude oil and copper.")
    assert (c.indicator, c.product, c.growth_pct) == ("exports", None, None) and c.amount == pytest.approx(16.4e9)
    [c] = extract("Экспорт в Китай составил 16,4 млрд долларов, 40% от которого пришлось на нефть.")
    assert (c.growth_pct, c.product) == (None, None)
    [c] = extract("Товарооборот вырос на 23% от уровня 2022 года и составил 41 млрд долларов.")
    assert c.growth_pct == 23.0


@pytest.mark.parametrize("text", ["Стороны намерены увеличить товарооборот в два раза к 2030 году.",
                                  "Планируется увеличить экспорт в Китай на 50% к 2030 году."])
def test_k_year_in_a_target_is_its_period(text):
    [c] = extract(text)
    assert (c.modality, c.period.label, c.growth_base) == ("target", "2030", None)
