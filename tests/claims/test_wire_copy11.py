"""Issue 14, after the blind part fresh11 (business and financial press, statistics releases
and their rewrites, forum and expo coverage, Central Asian countries compared): each class
of its errors, in new wording of the team's own (none is corpus text), both languages.  A
bracketed comparison figure with its own period is a claim of that period, never the main
figure's; a product named inside a wider word wins over the wider word, and a figure of
goods no product group of the catalogue is gets no verdict on one."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract, verify

D = dt.date(2024, 5, 6)


def labels(text: str, published: dt.date | None = D):
    return [(c.partner, c.period.label if c.period else None, c.amount) for c in extract(text, published=published)]


# --- 1. a bracketed comparison figure with its own period is a claim of that period -----

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Итоги 2023 года: Казахстан нарастил торговлю с соседями.\n"
         "Экспорт в Китай достиг 15,1 млрд долларов (в 2022 году – 13,2 млрд), в Узбекистан – 3,3 млрд (2,9 млрд).",
         [("CHN", "2023", 15.1e9), ("CHN", "2022", 13.2e9), ("UZB", "2023", 3.3e9), ("UZB", "2022", 2.9e9)]),
        ("Kazakhstan's trade with its neighbours grew in 2023.\n"
         "Exports to China came to $15.1 billion (2022: $13.2 billion), to Uzbekistan $3.3 billion ($2.9 billion).",
         [("CHN", "2023", 15.1e9), ("CHN", "2022", 13.2e9), ("UZB", "2023", 3.3e9), ("UZB", "2022", 2.9e9)]),
    ],
)
def test_a_bracketed_period_is_the_bracketed_figures_own(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "В 2023 году импорт из Китая составил 16,8 млрд долларов (годом ранее – 12,1 млрд).",
        "В 2023 году импорт из Китая составил 16,8 млрд долларов (за 2022 год – 12,1 млрд).",
        "Imports from China came to $16.8 billion in 2023 (the year before: $12.1 billion).",
        "Imports from China came to $16.8 billion in 2023 (in 2022, $12.1 billion).",
    ],
)
def test_a_bracketed_base_year_dates_the_bracketed_figure(text):
    assert labels(text) == [("CHN", "2023", 16.8e9), ("CHN", "2022", 12.1e9)]


def test_a_bracket_opening_on_its_figure_still_labels_the_list():
    # "oil ($3.8 billion) and copper ores ($2.8 billion)": the word before the bracket names the figure
    got = extract("Поставки нефти (3,1 млрд долларов) и медных руд (2,2 млрд долларов) выросли в 2023 году.", published=D)
    assert [c.product for c in got] == ["oil", "copper_ore"]


def test_a_bracketed_comparison_gives_no_false_contradiction(kz_cn_totals):
    from .totals import totals_table

    text = ("Статистика: в 2023 году товарооборот Казахстана с Китаем стал рекордным.\n"
            "Он составил 41 млрд долларов (2022 год: 31,2 млрд).")
    got = verify(extract(text, published=D), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert [cc.claim.period.label for cc in got] == ["2023", "2022"]
    assert all(cc.verdict.status != "contradicted" for cc in got)


# --- 2. a product named inside a wider word wins; no verdict on a group not named --------

@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Ввоз телефонного оборудования из Китая в 2024 году составил 880 млн долларов.", "phones"),
        ("Ввоз смартфонов и телефонного оборудования из Китая сократился на 7%.", "phones"),
        ("Imports of telephone equipment from China fell 7% to $880 million in 2024.", "phones"),
        ("Kazakhstan imported $880 million of phones and telecom equipment from China in 2024.", "phones"),
        ("Ввоз компьютерной техники из КНР вырос на 12%.", "computers"),
        ("Imports of computer equipment from China rose 12%.", "computers"),
        # the narrower product must lie within the group: oil equipment is no oil
        ("Ввоз машин и оборудования из Китая в 2024 году составил 6 млрд долларов.", "machinery"),
    ],
)
def test_a_named_product_inside_a_wider_word_wins(text, product):
    [c] = extract(text, published=D)
    assert c.indicator == "product_imports" and c.product == product


@pytest.mark.parametrize(
    "text",
    [
        "Ввоз горнодобывающего оборудования из Китая в 2024 году вырос на 15%.",
        "Ввоз нефтяного оборудования из Китая в 2024 году вырос на 15%.",
        "Imports of mining equipment from China rose 15% in 2024.",
        "Экспорт пшеницы и ячменя в Китай в 2023 году составил 320 млн долларов.",
        "Wheat and barley exports to China came to $320 million in 2023.",
    ],
)
def test_goods_no_group_is_get_no_group(text):
    [c] = extract(text, published=D)
    assert c.indicator.startswith("product_") and c.product is None


@pytest.mark.shared
@pytest.mark.parametrize(
    "text",
    [
        "Экспорт пшеницы и ячменя из Казахстана в Китай в 2023 году составил 320 млн долларов.",
        "Kazakhstan's wheat and barley exports to China reached $320 million in 2023.",
    ],
)
def test_no_verdict_on_a_product_group_the_text_did_not_name(real_workspace, text):
    from corridor.store import Workspace

    with Workspace.open(real_workspace, create=False, read_only=True) as ws:
        [cc] = verify(extract(text, published=D), ws.flows())
    assert cc.verdict.status == "not_checkable", cc.verdict.explanation


# --- 3. a group's members after it: each one the hub's partner ----------------------------

@pytest.mark.parametrize(
    "text",
    [
        "China's trade with Central Asia came to $40.1 billion in January-May.\n"
        "Kazakhstan accounted for $19.9 billion and Kyrgyzstan for $9.7 billion.\n"
        "Uzbekistan's trade reached $6.1 billion and Turkmenistan's $3.9 billion.",
        "Товарооборот Китая с Центральной Азией за январь–май составил 40,1 млрд долларов.\n"
        "На Казахстан пришлось 19,9 млрд, на Кыргызстан – 9,7 млрд.\n"
        "Товарооборот Узбекистана достиг 6,1 млрд долларов, Туркменистана – 3,9 млрд.",
    ],
)
def test_members_named_after_a_group_are_the_hubs_partners(text):
    got = [(c.reporter, c.partner) for c in extract(text, published=D)]
    assert got == [("CHN", "CAS"), ("CHN", "KAZ"), ("CHN", "KGZ"), ("CHN", "UZB"), ("CHN", "TKM")]


def test_a_pair_named_after_a_group_stays_a_pair():
    text = ("China's trade with Central Asia came to $40.1 billion in January-May.\n"
            "Kazakhstan accounted for $19.9 billion.\n"
            "Trade between Uzbekistan and Tajikistan reached $0.6 billion.")
    assert [(c.reporter, c.partner) for c in extract(text, published=D)][-1] == ("UZB", "TJK")


# --- 4. a clause about what became of part of the goods names no party --------------------

@pytest.mark.parametrize(
    "text",
    [
        "Uzbekistan's imports from China climbed to $13.7 billion in 2023, much of it sent on to Russia.",
        "Uzbekistan's imports from China climbed to $13.7 billion in 2023, most of which went on to Russia.",
        "Импорт Узбекистана из Китая в 2023 году вырос до 13,7 млрд долларов, значительная часть ушла в Россию.",
    ],
)
def test_a_clause_about_part_of_the_goods_names_no_party(text):
    [c] = extract(text, published=D)
    assert (c.indicator, c.reporter, c.partner) == ("imports", "UZB", "CHN")


# --- 5. a firm's own plan is no trade figure ----------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan's exports of camel milk to China were about $2.3 million last year, but the firm plans to "
        "double its sales by 2026.",
        "Экспорт верблюжьего молока в Китай в прошлом году составил около 2,3 млн долларов, но предприятие "
        "планирует удвоить продажи к 2026 году.",
    ],
)
def test_a_firms_plan_after_the_trade_figure_is_no_claim(text):
    [c] = extract(text, published=D)
    assert c.amount == 2.3e6 and c.growth_pct is None and c.modality == "fact"


# --- 6. deals: an event's name names no party; a deal takes no trade period or group ------

@pytest.mark.parametrize(
    "text",
    [
        "На Китайской международной импортной выставке казахстанские компании подписали контракты на 250 млн долларов.",
        "At the China International Import Expo, Kazakh companies signed contracts worth $250 million.",
    ],
)
def test_a_country_in_an_events_name_is_no_party(text):
    [c] = extract(text, published=D)
    assert (c.indicator, c.reporter, c.partner) == ("deal", "KAZ", None)


@pytest.mark.parametrize(
    "text",
    [
        "China's trade with Central Asia grew 8% to $26.5 billion in January-April.\n"
        "Agreements worth $12 billion were signed at the forum.",
        "Товарооборот Китая с Центральной Азией за январь–апрель вырос на 8%, до 26,5 млрд долларов.\n"
        "На форуме подписаны соглашения на 12 млрд долларов.",
    ],
)
def test_a_deal_takes_no_trade_period_and_no_group(text):
    deal = extract(text, published=D)[-1]
    assert (deal.indicator, deal.reporter, deal.partner, deal.period) == ("deal", None, None, None)


# --- 7. a wish for a level after ", and officials …" is a target; the fact before stays one

@pytest.mark.parametrize(
    "text",
    [
        "Trade between Kazakhstan and China came to $43 billion last year, and the authorities want it to reach "
        "$55 billion by 2027.",
        "Товарооборот Казахстана и Китая в прошлом году составил 43 млрд долларов, и власти хотят, чтобы к 2027 году "
        "он превысил 55 млрд.",
    ],
)
def test_a_wish_for_a_level_is_a_target(text):
    got = [(c.amount, c.modality, c.period.label) for c in extract(text, published=D)]
    assert got == [(43e9, "fact", "2023"), (55e9, "target", "2027")]


def test_a_forum_named_after_a_capital_is_no_region():
    text = ("Kazakhstan and China signed deals worth $700 million at the Astana Investment Forum.\n"
            "Trade between the two countries reached $43 billion last year.")
    assert [(c.reporter, c.partner) for c in extract(text, published=D)] == [("KAZ", "CHN"), ("KAZ", "CHN")]


# --- 8. what data "show" is no goods; a pronoun after a break keeps its flow's part -------

def test_data_show_exports_is_no_product():
    [c] = extract("Chinese customs data show exports to Kazakhstan of $25.1 billion for 2024.", published=D)
    assert (c.indicator, c.product) == ("exports", None)


@pytest.mark.parametrize(
    "text",
    [
        "Власти рассчитывают довести несырьевой экспорт в Китай до 6 млрд долларов к 2027 году, тогда как в 2023 году "
        "он составил 2,1 млрд.",
        "The ministry wants non-resource exports to China to reach $6 billion by 2027, while in 2023 they were "
        "$2.1 billion.",
    ],
)
def test_a_pronoun_after_a_break_keeps_the_part_of_its_flow(text):
    got = [(c.indicator, c.product, c.amount, c.modality) for c in extract(text, published=D)]
    assert got == [("product_exports", "non_resource", 6e9, "target"), ("product_exports", "non_resource", 2.1e9, "fact")]


# --- 9. «ниже» / «выше» before a figure are under / over ----------------------------------

@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Экспорт Казахстана в Китай в 2020 году опустился ниже 12 млрд долларов.", "under"),
        ("Импорт Казахстана из Китая в 2024 году поднялся выше 15 млрд долларов.", "over"),
        ("Kazakhstan's exports to China slipped below $12 billion in 2020.", "under"),
    ],
)
def test_below_and_above_a_figure_are_qualifiers(text, qualifier):
    [c] = extract(text, published=D)
    assert c.qualifiers == (qualifier,)


# --- 10. a published piece's title names no party; «у X» is whose trade it is --------------

@pytest.mark.parametrize(
    "text",
    [
        "В статье «Китай обогнал Россию» сказано, что экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов.",
        "The article \"China overtakes Russia\" said Kazakhstan's exports to China were $14.8 billion in 2023.",
    ],
)
def test_an_articles_title_names_no_party(text):
    [c] = extract(text, published=D)
    assert (c.reporter, c.partner) == ("KAZ", "CHN")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Дефицит в торговле с Китаем у Казахстана в 2024 году вырос до 1,2 млрд долларов.", ("balance", "KAZ", "CHN")),
        ("Товарооборот с Китаем у Киргизии в 2023 году составил 19,8 млрд долларов.", ("turnover", "KGZ", "CHN")),
        # for imports «у» stays where from
        ("В 2023 году Китай закупил у Казахстана пшеницы на 147 млн долларов.", ("product_imports", "CHN", "KAZ")),
    ],
)
def test_u_names_whose_trade_it_is(text, expected):
    [c] = extract(text, published=D)
    assert (c.indicator, c.reporter, c.partner) == expected


# --- 11. a retracted figure far after its marker word is still no claim -------------------

@pytest.mark.parametrize(
    "text",
    [
        "В заметке от 3 марта ошибочно указано, что импорт Казахстана из Китая в 2023 году составил 19,4 млрд долларов.\n"
        "Верная цифра — 16,8 млрд долларов.",
        "The March 3 story wrongly stated that Kazakhstan's imports from China had reached as much as $19.4 billion "
        "in 2023.\nThe correct figure is $16.8 billion.",
    ],
)
def test_a_retracted_figure_far_from_its_marker_is_no_claim(text):
    assert [c.amount for c in extract(text, published=D)] == [16.8e9]


# --- 12. «страны региона», "the region" after a group named in the document ----------------

@pytest.mark.parametrize(
    "text",
    [
        "АСТАНА – Открылся форум «Китай – Центральная Азия».\n"
        "Товарооборот Китая со странами региона за 2023 год достиг 89 млрд долларов.\n"
        "Пекин предлагает довести торговлю с регионом до 120 млрд долларов к 2030 году.",
        "The \"China - Central Asia\" forum opened in Astana.\n"
        "China's trade with the region's countries hit $89 billion in 2023.\n"
        "Beijing wants trade with the region to reach $120 billion by 2030.",
    ],
)
def test_the_region_is_the_group_the_document_named(text):
    assert [(c.reporter, c.partner) for c in extract(text, published=D)] == [("CHN", "CAS"), ("CHN", "CAS")]


def test_a_region_without_a_group_before_is_no_group():
    text = ("Товарооборот Алматинской области с Китаем вырос.\n"
            "Экспорт региона в Китай в 2023 году составил 500 млн долларов.")
    # the figure is read (an empty reading would pass any "no CAS" test), its partner China
    assert [(c.partner, c.amount) for c in extract(text, published=D)] == [("CHN", 500e6)]
