"""Issue 14, third round: classes of text left open after the fresh3 corpus part (a
product labelling the figure after a dash or colon, an elided product noun in a list, «за
тот же период прошлого года» as a sentence of its own, a region's foreign trade with the
world, a range whose bounds both carry their scale, a fraction of change without "by").
The sentences are invented, modelled on wire copy; none is corpus text."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract


def rows(text: str, **kw):
    return [(c.indicator, c.reporter, c.partner, c.product, c.period.label if c.period else None,
             c.amount, c.growth_pct, c.modality) for c in extract(text, **kw)]


@pytest.mark.parametrize(
    "text",
    [
        "В 2024 году в структуре импорта Казахстана из Китая выделялись смартфоны – 512 млн долларов "
        "и ноутбуки – 377 млн долларов.",
        "В 2024 году Казахстан импортировал из Китая смартфоны: 512 млн долларов и ноутбуки: 377 млн долларов.",
        "In 2024 Kazakhstan imported from China phones – $512 million and computers – $377 million.",
    ],
)
def test_a_product_before_a_dash_or_colon_labels_the_figure_after_it(text):
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in rows(text)] == [
        ("product_imports", "KAZ", "CHN", "phones", 512e6),
        ("product_imports", "KAZ", "CHN", "computers", 377e6),
    ]


def test_an_elided_noun_is_taken_from_the_previous_items_product():
    text = "В 2024 году импорт легковых автомобилей из Китая в Казахстан составил 1,5 млрд долларов, грузовых — 310 млн."
    assert [(r[0], r[3], r[5]) for r in rows(text)] == [
        ("product_imports", "cars", 1.5e9), ("product_imports", "trucks", 310e6)]


def test_an_item_labelled_by_an_unknown_word_keeps_no_product_and_is_no_total():
    text = "В 2024 году импорт легковых автомобилей из Китая в Казахстан составил 1,5 млрд долларов, прочих — 310 млн."
    assert [(r[0], r[3], r[5]) for r in rows(text)] == [
        ("product_imports", "cars", 1.5e9), ("product_imports", None, 310e6)]


def test_items_without_a_label_of_their_own_keep_the_product():
    assert [(r[3], r[4], r[5]) for r in rows("Oil exports to China were $3.1 billion in 2024, up from $2.5 billion in 2023.")] == [
        ("oil", "2024", 3.1e9), ("oil", "2023", 2.5e9)]
    text = "Импорт легковых автомобилей из Китая: 2023 год — 1,1 млрд долларов, 2024 год — 1,5 млрд долларов."
    assert [(r[3], r[4], r[5]) for r in rows(text)] == [("cars", "2023", 1.1e9), ("cars", "2024", 1.5e9)]


@pytest.mark.parametrize(
    ("text", "first", "earlier"),
    [
        ("В январе-сентябре 2024 года товарооборот Казахстана и Китая составил 33,2 млрд долларов. "
         "За тот же период прошлого года он составлял 30,5 млрд долларов.", "2024-01..09", "2023-01..09"),
        ("В январе-сентябре 2024 года товарооборот Казахстана и Китая составил 33,2 млрд долларов. "
         "За аналогичный период прошлого года он составлял 30,5 млрд долларов.", "2024-01..09", "2023-01..09"),
        ("In January-June 2024 Kazakhstan's exports to China were $7 billion. "
         "In the same period last year they were $6.1 billion.", "2024-01..06", "2023-01..06"),
    ],
)
def test_same_period_last_year_in_a_sentence_of_its_own(text, first, earlier):
    got = rows(text, published=dt.date(2024, 11, 1))
    assert [r[4] for r in got] == [first, earlier]


@pytest.mark.parametrize(
    "text",
    [
        "In January-June 2024 Kazakhstan's exports to China grew. "
        "Exports were $7 billion, higher than in the same period last year.",
        "В январе-июне 2024 года экспорт Казахстана в Китай вырос. "
        "Экспорт составил 7 млрд долларов, больше, чем за аналогичный период прошлого года.",
    ],
)
def test_same_period_last_year_after_the_figure_is_a_comparison(text):
    assert [r[4] for r in rows(text, published=dt.date(2024, 11, 1))] == ["2024-01..06"]


def test_same_period_as_a_growth_base_keeps_the_current_period():
    text = ("В январе-сентябре 2024 года товарооборот Казахстана и Китая составил 33,2 млрд долларов. "
            "Он вырос на 5% по сравнению с тем же периодом прошлого года.")
    got = extract(text, published=dt.date(2024, 11, 1))
    assert [(c.period.label, c.growth_pct, c.growth_base) for c in got] == [
        ("2024-01..09", None, None), ("2024-01..09", 5.0, "same_period_last_year")]


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        ("Объём внешней торговли СУАР в 2023 году составил 357 млрд юаней.", "CN-XJ"),
        ("Внешняя торговля Казахстана в 2023 году составила 139 млрд долларов.", "KAZ"),
        ("Xinjiang's foreign trade reached 357 billion yuan in 2023.", "CN-XJ"),
    ],
)
def test_foreign_trade_without_a_partner_is_with_the_world(text, reporter):
    assert [(r[0], r[1], r[2]) for r in rows(text)] == [("turnover", reporter, "WLD")]


@pytest.mark.parametrize(
    "text",
    [
        "Объём внешней торговли Казахстана с Китаем в 2023 году составил 41 млрд долларов.",
        "Kazakhstan's foreign trade with China reached $41 billion in 2023.",
    ],
)
def test_foreign_trade_with_a_named_partner_is_with_it(text):
    assert [(r[1], r[2]) for r in rows(text)] == [("KAZ", "CHN")]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Trade between Kazakhstan and China is expected to reach between $45 billion and $48 billion in 2025.",
         "between $45 billion and $48 billion"),
        ("Товарооборот Казахстана и Китая в 2025 году может составить от 45 млрд долларов до 48 млрд долларов.",
         "от 45 млрд долларов до 48 млрд долларов"),
        ("Товарооборот Казахстана и Китая в 2025 году может составить 45 млрд – 48 млрд долларов.",
         "45 млрд – 48 млрд долларов"),
        ("Kazakhstan's exports to China could reach $900 million – $1.2 billion in 2025.",
         "$900 million – $1.2 billion"),
    ],
)
def test_a_range_whose_bounds_both_carry_their_scale_is_one_claim(text, printed):
    got = extract(text)
    assert [c.value_text for c in got] == [printed]
    assert got[0].modality == "forecast"


def test_two_levels_are_no_range():
    assert [r[5] for r in rows("Товарооборот вырос с 31 млрд долларов до 41 млрд долларов.")] == [31e9, 41e9]
    assert [r[5] for r in rows("Товарооборот увеличился от 31 млрд долларов до 41 млрд долларов.")] == [31e9, 41e9]
    assert [r[5] for r in rows("Товарооборот вырос от 7,2 до 7,5 млрд долларов.")] == [7.5e9]
    assert [r[5] for r in rows("Kazakhstan's exports to China were $900 million and $1.2 billion in 2023 and 2024.")] == [
        900e6, 1.2e9]


def test_a_range_claim_holds_the_middle_and_spans_both_bounds():
    (c,) = extract("Trade between Kazakhstan and China is expected to reach between $45 billion and $48 billion in 2025.")
    assert c.amount == pytest.approx(46.5e9)
    assert c.amount_step >= 3e9


@pytest.mark.parametrize(
    ("text", "growth", "quals"),
    [
        ("Kazakhstan's exports to China reached $15 billion in 2023. The figure was up nearly a third from 2022.",
         100 / 3, ("nearly",)),
        ("Kazakhstan's exports to China rose almost a quarter in 2023.", 25.0, ("nearly",)),
        ("Kazakhstan's exports to China fell about a fifth in 2023.", -20.0, ("about",)),
    ],
)
def test_a_fraction_of_change_without_by(text, growth, quals):
    got = [c for c in extract(text) if c.growth_pct is not None]
    assert [(c.indicator, c.period.label, round(c.growth_pct, 6), c.growth_qualifiers) for c in got] == [
        ("exports", "2023", round(growth, 6), quals)]


def test_a_fraction_without_a_verb_of_change_is_a_part_not_a_growth():
    got = extract("Nearly a third of Kazakhstan's exports went to China in 2023, worth $15 billion.")
    assert [(c.amount, c.growth_pct) for c in got] == [(15e9, None)]
