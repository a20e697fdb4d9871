"""Issue 14, after the blind part fresh8 (analysis and commentary: research notes, op-eds,
interviews in Q&A form, international outlets comparing both sides' statistics): each class
of its false contradictions, in new wording of the team's own (none is corpus text), both
languages where the class applies.  An attribution says whose count a figure is and never
which economy is its subject; a decimal multiplier is read whole; a comment after the
figures gives them no indicator."""

from __future__ import annotations

import pytest

from corridor.claims import extract

from .test_wire_copy8 import D, checked


# --- 1. a balance's orientation follows its subject, the source only picks the statistics ---

@pytest.mark.parametrize(
    "text",
    [
        "По китайским данным, дефицит Казахстана в торговле с Китаем в 2024 году превысил 12 млрд долларов.",
        "По подсчётам китайской стороны, дефицит Казахстана в торговле с Китаем в 2024 году превысил 12 млрд долларов.",
        "By the Chinese count, Kazakhstan's trade deficit with China topped $12 billion in 2024.",
        "On Chinese figures, Kazakhstan ran a deficit of more than $12 billion in its trade with China in 2024.",
    ],
)
def test_an_attribution_names_whose_count_not_whose_balance(text, kz_cn_totals):
    [cc] = checked(text, kz_cn_totals)
    assert (cc.claim.indicator, cc.claim.reporter, cc.claim.partner) == ("balance", "KAZ", "CHN")
    assert cc.claim.amount == -12e9
    assert cc.verdict.status == "supported"


@pytest.mark.parametrize(
    "text",
    [
        "По китайским цифрам, дефицит Казахстана в торговле с Китаем в 2024 году составил 12 млрд долларов.",
        "By Chinese numbers, Kazakhstan's deficit in trade with China was $12 billion in 2024.",
    ],
)
def test_numbers_and_figures_name_whose_count_too(text):
    [c] = extract(text, published=D)
    assert (c.indicator, c.reporter, c.partner) == ("balance", "KAZ", "CHN")
    assert c.amount < 0


# --- 2. a decimal multiplier before "-fold" is read whole --------------------------------

@pytest.mark.parametrize(
    ("text", "growth"),
    [
        ("Kazakhstan's imports from China soared 4.7-fold in 2023 to $24.7 billion.", 370.0),
        ("Kazakh exports of copper to China jumped 2.5-fold in 2021.", 150.0),
        ("Kazakhstan's wheat exports to China rose 1.8 fold in 2022.", 80.0),
        ("Импорт Казахстана из Китая в 2023 году вырос в 4,7 раза.", 370.0),
    ],
)
def test_a_decimal_multiplier_is_read_whole(text, growth):
    [c] = extract(text, published=D)
    assert c.growth_pct == pytest.approx(growth)


def test_a_decimal_multiplier_is_checked_as_printed(kz_cn_totals):
    [cc] = checked("Kazakhstan's imports from China soared 4.7-fold in 2023 to $24.7 billion.", kz_cn_totals)
    assert cc.verdict.status == "supported"
    assert cc.growth_verdict.status == "supported"


# --- 3. an interview: the question's scope, a source phrase, a comment after the figures ---

@pytest.mark.parametrize(
    "text",
    [
        "Q: How did trade with China go last year?\nA: By the Chinese count it was about $41 billion; our "
        "statisticians say $31 billion, which I think undercounts imports.",
        "— Как торговля с Китаем в прошлом году?\n— По китайским подсчётам, он составил около 41 млрд долларов; наши "
        "статистики насчитали 31 млрд, что, по-моему, занижает импорт.",
    ],
)
def test_an_interviews_figures_keep_the_questions_scope_and_are_never_contradicted(text, kz_cn_totals):
    checks = checked(text, kz_cn_totals)
    assert [(cc.claim.indicator, cc.claim.partner, cc.claim.amount) for cc in checks] == [
        ("turnover", "CHN", 41e9), ("turnover", "CHN", 31e9)]
    assert all(cc.verdict.status != "contradicted" for cc in checks)


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Trade with China went well last year. It came to $31 billion, which I think undercounts imports.", "turnover"),
        ("Торговля с Китаем в прошлом году шла хорошо. Она составила 31 млрд долларов, что, по-моему, занижает импорт.",
         "turnover"),
        # an indicator before a figure of its own is still read
        ("Trade was $31 billion last year, while imports came to $16 billion.", "turnover"),
    ],
)
def test_an_indicator_in_a_comment_after_the_figures_is_not_theirs(text, indicator):
    assert {c.indicator for c in extract(text, published=D)} >= {indicator}
    assert all(c.indicator == indicator or c.amount == 16e9 for c in extract(text, published=D))


# --- 4. «нашу экономику», "our economy": the home country, as «наша страна» -----------------

def test_our_economy_is_the_home_country():
    [c] = extract("Китайские инвестиции в нашу экономику в 2023 году превысили 26 млрд долларов.", published=D)
    assert (c.reporter, c.partner) == ("CHN", "KAZ")


def test_a_partner_named_first_in_a_sentence_without_a_figure_is_still_the_partner():
    text = "С Китаем Казахстан в последние годы торгует всё активнее. Экспорт в 2023 году вырос на 5%."
    assert [(c.reporter, c.partner) for c in extract(text, published=D)] == [("KAZ", "CHN")]


# --- 5. the gap between two counts is no flow ----------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Расхождение почти в 14 млрд долларов объясняется учётом импорта: китайский экспорт в Казахстан составил 27,95 млрд.",
        "The discrepancy of nearly $14 billion comes from imports: Chinese exports to Kazakhstan were $27.95 billion in 2024.",
    ],
)
def test_the_gap_between_two_counts_is_no_claim(text):
    assert [c.amount for c in extract(text, published=D)] == [27.95e9]


# --- 6. a comparative with no time base after the other side's figure compares figures -----

@pytest.mark.parametrize(
    "text",
    [
        "По данным казахстанской статистики, в 2023 году Казахстан поставил в Китай товаров на 10,2 млрд долларов.\n"
        "Китайская таможня насчитала импорт из Казахстана на 16,3 млрд долларов, то есть на 60% больше.",
        "В 2023 году Казахстан, по своим данным, ввёз из Китая товаров на 8,1 млрд долларов, "
        "а Китай отчитался об экспорте в Казахстан на 16,2 млрд долларов — почти вдвое больше.",
        "Kazakhstan's statistics put its exports to China in 2023 at $10.2 billion.\n"
        "Chinese customs recorded imports from Kazakhstan of $16.3 billion, 60% more.",
        "Kazakhstan counted $8.1 billion of imports from China in 2023, while China reported exports "
        "to Kazakhstan of $16.2 billion, nearly 100% more.",
    ],
)
def test_a_comparative_after_the_other_sides_figure_is_no_growth(text):
    claims = extract(text, published=D)
    assert [c.growth_pct for c in claims] == [None, None]


@pytest.mark.parametrize(
    ("text", "growth"),
    [
        # a single figure of the period: the comparative is a growth
        ("В 2023 году экспорт Казахстана в Китай составил 16,3 млрд долларов, что на 60% больше.", 60.0),
        ("Kazakhstan's exports to China reached $16.3 billion in 2023, 60% more.", 60.0),
        # a time base after the comparative keeps the growth, the other side's figure before it or not
        ("По данным Казахстана, в 2023 году экспорт в Китай составил 10,2 млрд долларов.\n"
         "По китайским данным, импорт из Казахстана составил 16,3 млрд долларов, что на 6,7% больше, чем годом ранее.", 6.7),
        ("Kazakhstan put its exports to China in 2023 at $10.2 billion.\n"
         "China's imports from Kazakhstan were $16.3 billion, 6.7% more than a year earlier.", 6.7),
        # the earlier figure is of another period: a growth
        ("В 2022 году экспорт Казахстана в Китай составил 10,2 млрд долларов.\n"
         "В 2023 году экспорт Казахстана в Китай достиг 16,3 млрд долларов, на 60% больше.", 60.0),
        ("Kazakhstan's exports to China were $10.2 billion in 2022.\n"
         "In 2023 Kazakhstan's exports to China reached $16.3 billion, 60% more.", 60.0),
    ],
)
def test_a_comparative_after_no_figure_of_the_period_or_with_a_base_stays_a_growth(text, growth):
    assert extract(text, published=D)[-1].growth_pct == pytest.approx(growth)
