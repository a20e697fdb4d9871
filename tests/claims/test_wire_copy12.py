"""Issue 14, after the blind part fresh12 (parliament and government transcripts, aggregator
rewrites, Telegram threads, Chinese English-language outlets, think-tank abstracts): each
class of its errors, in new wording of the team's own (none is corpus text), both
languages.  Numbers as they are spoken («сорок три целых восемь десятых», "forty-three point
eight", «с половиной», «с лишним», «восемь процентов»); the short forms of posts and tables
(«т/о», «г/г», "KZ", "CN", «вверх на»); the two levels of a change over a span of years."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract, verify

D = dt.date(2024, 5, 6)


def read(text: str, published: dt.date | None = D):
    return [(c.indicator, c.reporter, c.partner, c.period.label if c.period else None, c.amount, c.growth_pct)
            for c in extract(text, published=published)]


# --- 1. numbers as they are spoken -----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "amount", "growth"),
    [
        ("Министр доложил, что в прошлом году экспорт Казахстана в Китай составил двадцать целых "
         "пять десятых миллиарда долларов, увеличившись на двенадцать процентов.", 20.5e9, 12.0),
        ("По словам вице-министра, импорт из Китая в прошлом году вырос на три целых две десятых процента "
         "и достиг шестнадцати с половиной миллиардов долларов.", 16.5e9, 3.2),
        ("The minister told deputies that last year exports from Kazakhstan to China reached "
         "twenty point five billion dollars, up twelve percent.", 20.5e9, 12.0),
        ("Last year imports from China grew three point two percent to sixteen point five billion dollars, "
         "the deputy minister said.", 16.5e9, 3.2),
    ],
)
def test_a_spoken_number_is_read_with_its_decimals(text, amount, growth):
    (claim,) = extract(text, published=D)
    assert (claim.period.label, claim.amount, claim.growth_pct) == ("2023", pytest.approx(amount), pytest.approx(growth))


def test_a_spoken_decimal_keeps_its_step():
    (claim,) = extract("Экспорт в Китай за 2023 год составил двадцать целых пять десятых миллиарда долларов.", published=D)
    assert claim.amount_step == pytest.approx(1e8)
    (claim,) = extract("Exports to China came to twenty point five five billion dollars in 2023.", published=D)
    assert (claim.amount, claim.amount_step) == (pytest.approx(20.55e9), pytest.approx(1e7))


@pytest.mark.parametrize(
    "text",
    [
        "В 2016 году экспорт в Китай составил восемь с лишним миллиардов долларов.",
        "Депутат напомнил: в 2016 году экспорт в Китай превысил восемь миллиардов долларов.",
    ],
)
def test_more_than_spoken_is_over(text):
    (claim,) = extract(text, published=D)
    assert (claim.amount, claim.qualifiers) == (8e9, ("over",))


@pytest.mark.parametrize(
    "text",
    [
        "По его словам, экспорт нашей страны в КНР за 2016 год упал почти на сорок процентов.",
        "He said Kazakhstan's exports to China fell almost forty percent in 2016.",
    ],
)
def test_a_spoken_percentage_is_a_growth(text):
    (claim,) = extract(text, published=D)
    assert (claim.indicator, claim.growth_pct, claim.qualifiers) == ("exports", -40.0, ("nearly",))


def test_a_number_word_without_a_unit_is_no_figure():
    # "one of the two sides", «одна из двух сторон»: words, no amount and no rate
    assert read("Одна из двух сторон в 2023 году нарастила экспорт в Китай.") == []
    assert read("One of the two sides raised its exports to China in 2023.") == []


# --- 2. the short forms of posts and tables ------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Т/о РК–КНР за 2022 год: 31,2 млрд $\nРост г/г: +34%",
         [("turnover", "KAZ", "CHN", "2022", 31.2e9, None), ("turnover", "KAZ", "CHN", "2022", None, 34.0)]),
        ("KZ-CN trade 2022: $31.2bn\nGrowth y/y: +34%",
         [("turnover", "KAZ", "CHN", "2022", 31.2e9, None), ("turnover", "KAZ", "CHN", "2022", None, 34.0)]),
    ],
)
def test_abbreviated_turnover_and_year_on_year(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Итоги 2022 года, Казахстан — Китай:\nэкспорт вверх на 12,5%\nимпорт вниз на 4%",
         [("exports", "KAZ", "CHN", "2022", None, 12.5), ("imports", "KAZ", "CHN", "2022", None, -4.0)]),
        ("Экспорт KZ в CN за 2022 год: 13,2 млрд $, плюс 12,5%\nИмпорт KZ из CN: 8,1 млрд $, минус 4%",
         [("exports", "KAZ", "CHN", "2022", 13.2e9, 12.5), ("imports", "KAZ", "CHN", "2022", 8.1e9, -4.0)]),
        ("CN exports to KZ in 2022: $16.2bn, up 19%\nKZ exports to CN: $13.2bn, down 4%",
         [("exports", "CHN", "KAZ", "2022", 16.2e9, 19.0), ("exports", "KAZ", "CHN", "2022", 13.2e9, -4.0)]),
    ],
)
def test_arrows_in_words_and_two_letter_codes(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Как пишет inform.kz, экспорт в Китай в 2022 году составил 13,2 млрд долларов.",
        "Exports to China reached $13.2 billion in 2022, news.cn reported.",
    ],
)
def test_a_web_address_is_no_economy(text):
    (claim,) = extract(text, published=D)
    assert (claim.reporter, claim.partner) == (None, "CHN")


# --- 3. the two levels of a change over a span of years ------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В работе изучена торговля Казахстана с Китаем в 2016–2022 годах.\n"
         "За это время экспорт в Китай вырос с 4,8 до 13,2 млрд долларов.",
         [("2016", 4.8e9), ("2022", 13.2e9)]),
        ("Between 2016 and 2022, Kazakhstan's exports to China grew from 4.8 to 13.2 billion dollars.",
         [("2016", 4.8e9), ("2022", 13.2e9)]),
        ("Between 2016 and 2022, Kazakhstan's exports to China grew from $4.8 billion to $13.2 billion.",
         [("2016", 4.8e9), ("2022", 13.2e9)]),
    ],
)
def test_the_levels_of_a_change_over_a_span_take_its_ends(text, expected):
    assert [(c.period.label if c.period else None, c.amount) for c in extract(text, published=D)] == expected


def test_a_range_without_a_verb_of_change_stays_a_range():
    (claim,) = extract("В 2025 году оборот составит от 45 до 48 млрд долларов.", published=D)
    assert claim.amount == pytest.approx(46.5e9)


def test_the_levels_of_a_span_give_no_false_contradiction(kz_cn_totals):
    from .totals import totals_table

    text = ("Between 2016 and 2022, Kazakhstan's exports to China grew from 4.8 to 13.2 billion dollars.\n"
            "В 2016–2022 годах экспорт Казахстана в Китай вырос с 4,8 до 13,2 млрд долларов.")
    got = verify(extract(text, published=D), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert len(got) == 4 and all(cc.verdict.status != "contradicted" for cc in got)


# --- 4. a rate printed before the two levels is the level reached's; over a span, not yoy ---

@pytest.mark.parametrize(
    "text",
    [
        "В 2016–2022 годах товарооборот Казахстана с Китаем вырос почти втрое – с 13,1 до 31,2 млрд долларов.",
        "Between 2016 and 2022 trade between Kazakhstan and China almost tripled, from $13.1 billion to $31.2 billion.",
    ],
)
def test_a_rate_before_two_levels_is_the_level_reacheds_over_the_span(text):
    got = [(c.period.label, c.amount, c.growth_pct, c.growth_base, c.qualifiers) for c in extract(text, published=D)]
    assert got == [("2016", 13.1e9, None, None, ()), ("2022", 31.2e9, 200.0, "earlier_year", ("nearly",))]


@pytest.mark.parametrize(
    "text",
    [
        "China-Kazakhstan trade climbed from $13.1 billion in 2016 to $41 billion in 2023, roughly tripling over the decade.",
        "China-Kazakhstan trade roughly tripled over the decade, from $13.1 billion in 2016 to $41 billion in 2023.",
    ],
)
def test_tripling_over_the_decade_is_no_year_on_year_rate(text, kz_cn_totals):
    from .totals import totals_table

    got = extract(text, published=D)
    assert [(c.period.label, c.growth_pct, c.growth_base) for c in got] == [("2016", None, None), ("2023", 200.0, "earlier_year")]
    checked = verify(got, totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert all(cc.verdict.status != "contradicted" for cc in checked)
    assert all(cc.growth_verdict is None or cc.growth_verdict.status != "contradicted" for cc in checked)


# --- 5. a target pursued, and the level it started from -----------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The presidents agreed to work toward doubling trade to $70 billion by 2030, up from $35 billion last year.",
         [("2030", 70e9, 100.0, "target"), ("2023", 35e9, None, "fact")]),
        ("Президенты договорились удвоить товарооборот до 70 млрд долларов к 2030 году, по сравнению с 35 млрд "
         "долларов в прошлом году.",
         [("2030", 70e9, 100.0, "target"), ("2023", 35e9, None, "fact")]),
    ],
)
def test_a_target_and_the_level_it_started_from(text, expected):
    assert [(c.period.label, c.amount, c.growth_pct, c.modality) for c in extract(text, published=D)] == expected


# --- 6. after a contrastive break, the next clause's economies are its own -----------------

@pytest.mark.parametrize(
    "text",
    [
        "In 2023 Kazakhstan's imports from China came to $16.8 billion, while China's exports to Kazakhstan reached $24.7 billion.",
        "В 2023 году импорт Казахстана из Китая составил 16,8 млрд долларов, тогда как китайский экспорт в Казахстан "
        "достиг 24,7 млрд долларов.",
    ],
)
def test_the_clause_after_a_break_names_its_own_economies(text):
    got = [(c.indicator, c.reporter, c.partner, c.amount) for c in extract(text, published=D)]
    assert got == [("imports", "KAZ", "CHN", 16.8e9), ("exports", "CHN", "KAZ", 24.7e9)]


# --- 7. a side giving its own count, in an elliptical line ---------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "В 2023 году товарооборот Казахстана и Китая, по данным китайской таможни, составил 41 млрд долларов.\n"
        "Казахстанская сторона приводит более скромные данные: около 31 млрд долларов.",
        "In 2023 trade between Kazakhstan and China came to $41 billion, according to Chinese customs.\n"
        "The Kazakh side gives lower figures: about $31 billion.",
    ],
)
def test_a_side_giving_its_own_count(text):
    got = [(c.indicator, c.reporter, c.period.label, c.amount, c.qualifiers) for c in extract(text, published=D)]
    assert got[1] == ("turnover", "KAZ", "2023", 31e9, ("about",))


# --- 8. past a mark is over it -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Впервые в 2021 году товарооборот с Китаем перевалил за отметку в 25 млрд долларов.",
        "В 2021 году товарооборот с Китаем перешагнул рубеж в 25-ти млрд долларов.",
        "In 2021 trade with China crossed the $25 billion mark for the first time.",
    ],
)
def test_past_a_mark_is_over_it(text):
    (claim,) = extract(text, published=D)
    assert (claim.amount, claim.qualifiers) == (25e9, ("over",))


# --- 9. the present level after a target takes no deadline ---------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Правительство поставило задачу довести товарооборот с Китаем до 70 млрд долларов к 2030 году.\n"
        "Сейчас он составляет около 44 млрд долларов, напомнил вице-премьер.",
        "The government aims to raise trade with China to $70 billion by 2030.\n"
        "Currently it stands at about $44 billion, the deputy prime minister recalled.",
    ],
)
def test_the_present_level_after_a_target_takes_no_deadline(text):
    got = [(c.period.label if c.period else None, c.amount, c.modality) for c in extract(text, published=D)]
    assert got == [("2030", 70e9, "target"), (None, 44e9, "fact")]


# --- 10. a rate compared with a year, then that year's level «, когда» / ", when" ----------

@pytest.mark.parametrize(
    "text",
    [
        "В 2023 году экспорт Казахстана в Китай составил 15,1 млрд долларов.\n"
        "Это на 14% больше, чем в 2022 году, когда показатель был равен 13,2 млрд.",
        "In 2023 Kazakhstan's exports to China came to $15.1 billion.\n"
        "That is 14% more than in 2022, when they stood at $13.2 billion.",
    ],
)
def test_a_rate_then_the_level_of_the_year_compared_with(text):
    got = [(c.period.label, c.amount, c.growth_pct, c.growth_base) for c in extract(text, published=D)]
    assert got == [("2023", 15.1e9, None, None), ("2023", None, 14.0, "yoy"), ("2022", 13.2e9, None, None)]
