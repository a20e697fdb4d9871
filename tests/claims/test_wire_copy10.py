"""Issue 14, after the blind part fresh10 (sector, logistics and regional news) and the lead's
labelling convention for the reporter (docs/claims.md, "Who is the reporter"): each class in
new wording of the team's own (none is corpus text), both languages where the class applies.
The owner of a partnership reports it; a partner-only claim takes the home country as its
reporter only in a document speaking in the first person."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract

from .test_wire_copy8 import D, parties


# --- 1. «X — крупнейший торговый партнёр Y»: Y, the owner of the partnership, is the reporter ---

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Россия уступила Китаю место главного торгового партнёра Казахстана: оборот с КНР в 2022 году"
         " достиг 24 млрд долларов.", [("KAZ", "CHN")]),
        ("Казахстан удерживает первое место среди торговых партнёров Китая в регионе.\n"
         "В 2022 году объём торговли составил 31 млрд долларов.", [("CHN", "KAZ")]),
        ("Китай — второй по величине торговый партнёр Узбекистана.\nЗа 2022 год товарооборот превысил 9 млрд долларов.",
         [("UZB", "CHN")]),
        ("Kazakhstan stayed China's leading trade partner in the region, with two-way trade of $31 billion in 2022.",
         [("CHN", "KAZ")]),
        ("China became Uzbekistan's second-largest trading partner.\nTrade between them topped $9 billion in 2022.",
         [("UZB", "CHN")]),
        # an exporter named with its flow keeps its role: the partnership names no flow's parties
        ("Китай, крупнейший партнёр Казахстана, в 2022 году экспортировал в республику товаров на 16 млрд долларов.",
         [("CHN", "KAZ")]),
    ],
)
def test_the_owner_of_a_partnership_is_the_reporter(text, expected):
    assert parties(text) == expected


# --- 2. a partner-only claim: the home country only in a first-person document ------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a minister's or a deputy's "we", «наша статистика», "our exports": the home country
        ("— Как идёт торговля с Поднебесной?\n— По нашим подсчётам, оборот с Китаем за 2022 год вырос до 24 млрд"
         " долларов.", [("KAZ", "CHN")]),
        ("Мы продали в Китай зерна на 300 млн долларов в 2022 году, заявил министр.", [("KAZ", "CHN")]),
        ("Q: Where does trade stand?\nA: By our own figures, trade with China came to $24 billion in 2022.",
         [("KAZ", "CHN")]),
        ("Our exports to China came to $13 billion in 2022, the deputy told parliament.", [("KAZ", "CHN")]),
        # without a first person a partner-only claim has no reporter
        ("Оборот с Китаем за 2022 год вырос до 24 млрд долларов, сообщили в статистическом ведомстве.",
         [(None, "CHN")]),
        ("Grain exports to China reached $300 million in 2022, the agriculture ministry said.", [(None, "CHN")]),
    ],
)
def test_a_partner_only_claim_is_the_home_countrys_only_in_the_first_person(text, expected):
    assert parties(text) == expected


# --- 3. a figure being corrected: the retracted figure is no claim, the corrected one is ---

@pytest.mark.parametrize(
    "text",
    [
        "Поправка: экспорт Казахстана в Китай в 2019 году составил 9,1 млрд долларов, а не 19,1 млрд, как сообщалось.",
        "В предыдущей версии заметки экспорт Казахстана в Китай за 2019 год был ошибочно указан в размере 19,1 млрд"
        " долларов.\nВерная цифра – 9,1 млрд долларов.",
        "Correction: Kazakhstan's exports to China in 2019 were $9.1 billion, not $19.1 billion as an earlier version said.",
        "An earlier version of this story wrongly gave Kazakhstan's 2019 exports to China as $19.1 billion.\n"
        "The correct figure is $9.1 billion.",
    ],
)
def test_a_retracted_figure_is_no_claim(text):
    assert [c.amount for c in extract(text, published=D)] == [9.1e9]


# --- 4. modality per clause: a target beside a fact; a year not yet over is no fact ------

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Партнёры хотят вывести оборот с Китаем на 40 млрд долларов, хотя в 2022 году он был равен 24 млрд долларов.",
         D, ["target", "fact"]),
        # a whole year not over at publication, with no word of a figure so far: a forecast
        ("Analysts put Kazakhstan's 2025 exports to China at $16-18 billion.", dt.date(2025, 4, 2), ["forecast"]),
        ("Экспорт Казахстана в Китай в 2025 году аналитики оценивают в 16–18 млрд долларов.", dt.date(2025, 4, 2),
         ["forecast"]),
        # a figure so far, deals signed and the year after it ended stay facts
        ("В 2025 году экспорт Казахстана в Китай уже составил 6 млрд долларов.", dt.date(2025, 6, 2), ["fact"]),
        ("В 2025 году подписано 12 контрактов с китайскими компаниями на 2 млрд долларов.", dt.date(2025, 6, 2), ["fact"]),
        ("Kazakhstan's exports to China in 2024 came to $15 billion.", dt.date(2025, 4, 2), ["fact"]),
    ],
)
def test_modality_per_clause_and_years_not_yet_over(text, published, expected):
    assert [c.modality for c in extract(text, published=published)] == expected


def test_a_range_keeps_the_currency_of_its_lower_bound():
    [c] = extract("Analysts put Kazakhstan's 2025 exports to China at $16-18 billion.", published=dt.date(2025, 4, 2))
    assert (c.amount, c.currency) == (17e9, "USD")


# --- 5. a rate as the subject of its line takes the indicator before -----------------------

@pytest.mark.parametrize(
    "text",
    [
        "Экспорт зерна в Китай в 2022 году составил 410 млн долларов.\nПо отношению к 2021 году прирост составил 12%.",
        "Grain exports to China totalled $410 million in 2022.\nCompared with 2021, growth was 12%.",
    ],
)
def test_a_rate_as_subject_takes_the_indicator_before(text):
    rows = [(c.indicator, c.period.label if c.period else None, c.amount, c.growth_pct) for c in extract(text, published=D)]
    assert rows == [("product_exports", "2022", 410e6, None), ("product_exports", "2022", None, 12.0)]


# --- 6. "for the full year": the whole year of the months before ------------------------

@pytest.mark.parametrize(
    "text",
    [
        "За январь–август 2022 года товарооборот с Китаем составил 16 млрд долларов.\n"
        "За весь год он, по прогнозу министерства, превысит 24 млрд долларов.",
        "In January-August 2022 trade with China came to $16 billion.\nFor the whole year it is forecast to top $24 billion.",
    ],
)
def test_the_full_year_is_the_whole_year_of_the_months_before(text):
    labels = [c.period.label for c in extract(text, published=dt.date(2022, 9, 20))]
    assert labels == ["2022-01..08", "2022"]


# --- 7. a comparative after the opposite flow's figure of the same year, at or before its
#        clause's end, compares the two flows: no growth ----------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "В 2022 году Казахстан поставил в Китай товаров на 13,2 млрд долларов.\n"
        "Ввоз из Китая составил 16,4 млрд долларов, на 24% больше экспорта.",
        "В 2022 году Казахстан поставил в Китай товаров на 13,2 млрд долларов.\n"
        "Ввоз из Китая составил 16,4 млрд долларов, на 24% больше, и разрыв продолжает расти.",
        "Kazakhstan shipped $13.2 billion of goods to China in 2022.\n"
        "Imports from China reached $16.4 billion, 24% more than exports.",
        "Kazakhstan shipped $13.2 billion of goods to China in 2022.\n"
        "Imports from China reached $16.4 billion, 24% more, a gap that keeps widening.",
    ],
)
def test_a_comparative_after_the_opposite_flow_is_no_growth(text):
    assert [c.growth_pct for c in extract(text, published=D)] == [None, None]


@pytest.mark.parametrize(
    ("text", "growth"),
    [
        # a time base keeps the growth, beside the other flow's figure too
        ("В 2022 году Казахстан поставил в Китай товаров на 13,2 млрд долларов.\n"
         "Ввоз из Китая составил 16,4 млрд долларов, на 24% больше, чем годом ранее.", 24.0),
        ("Kazakhstan shipped $13.2 billion of goods to China in 2022.\n"
         "Imports from China reached $16.4 billion, up 24% from a year earlier.", 24.0),
    ],
)
def test_a_comparative_with_a_time_base_stays_a_growth(text, growth):
    assert [c.growth_pct for c in extract(text, published=D)] == [None, growth]


def test_estimated_to_reach_is_a_forecast():
    [c] = extract("Kazakh grain sales to China are estimated to reach $700 million in 2027.", published=D)
    assert c.modality == "forecast"


# --- 8. a ministry of a branch («Министерство сельского хозяйства РК», «Министерство
#        энергетики») names its country as a source, no party -------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Министерство сельского хозяйства РК сообщает: поставки зерна в Китай в 2023 году составили 300 млн долларов.",
        "Министерство энергетики Казахстана сообщило, что поставки газа в Китай в 2023 году составили 1,5 млрд долларов.",
        "Kazakhstan's Ministry of Agriculture said grain shipments to China reached $300 million in 2023.",
    ],
)
def test_a_branch_ministry_names_a_source_not_a_party(text):
    assert parties(text) == [(None, "CHN")]


# --- 9. an elliptical line naming whose count its figure is takes the indicator before ---

@pytest.mark.parametrize(
    "text",
    [
        "Товарооборот с Китаем в 2022 году составил 31 млрд долларов.\nПо данным казахстанской статистики — около 24 млрд"
        " долларов.",
        "Trade with China reached $31 billion in 2022.\nAccording to Kazakh statistics office data: about $24 billion.",
    ],
)
def test_an_elliptical_line_with_whose_count_takes_the_indicator_before(text):
    rows = [(c.indicator, c.period.label, c.amount) for c in extract(text, published=D)]
    assert rows == [("turnover", "2022", 31e9), ("turnover", "2022", 24e9)]
