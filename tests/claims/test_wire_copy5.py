"""Issue 14, after the blind part fresh4: each class of its errors, in new wording of the
team's own (none is corpus text), both languages where the class applies.  False
contradictions first: a list of growth rates whose first rate took the next item's
product; a whole ("Экспорт Казахстана … 81,5 млрд, из них на Китай …") given the part's
partner; "the same period of 2023" read as the whole year."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract, verify

from .totals import totals_table

D = dt.date(2025, 3, 15)


def rows(text: str, published: dt.date | None = D):
    return [(c.indicator, c.reporter, c.partner, c.product, c.period.label if c.period else None, c.amount,
             c.growth_pct, c.modality) for c in extract(text, published=published)]


# --- 1. false contradictions ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first rate of a list names no product of its own: the flow's, never the next item's
        ("Поставки сельхозпродукции из Казахстана в Китай за 2022 год выросли на 60%, пшеницы – вдвое, льна – на 12%.",
         [("agri_exports", None, "wheat", 60.0), ("product_exports", "wheat", "wheat", 100.0),
          ("product_exports", "flaxseed", "flaxseed", 12.0)]),
        ("Kazakhstan's exports to China grew 20% in 2022, with wheat up 150% and barley up 40%.",
         [("exports", None, "wheat", 20.0), ("product_exports", "wheat", "wheat", 150.0),
          ("product_exports", "barley", "barley", 40.0)]),
        ("Импорт из Китая в 2023 году увеличился на 24%, автомобилей – в 2,5 раза.",
         [("imports", None, "cars", 24.0), ("product_imports", "cars", "cars", 150.0)]),
    ],
)
def test_the_first_rate_of_a_list_does_not_take_the_next_items_product(text, expected):
    got = [(c.indicator, c.product, c.growth_pct) for c in extract(text, published=D)]
    assert [(i, p, pytest.approx(g)) for i, p, _next, g in expected] == got


def test_a_piece_after_a_contrastive_break_keeps_its_indicators_agricultural_word_and_product():
    [target, fact] = extract("Министерство поставило цель довести экспорт сельхозпродукции в Китай до 2 млрд долларов "
                             "к 2028 году, тогда как в 2023 году он составил 961 млн долларов.")
    assert (target.indicator, target.modality, fact.indicator, fact.modality) == (
        "agri_exports", "target", "agri_exports", "fact")
    [target, fact] = extract("Экспорт пшеницы в Китай планируется довести до 1 млн тонн и 300 млн долларов к 2027 году, "
                             "а в 2023 году он составил 150 млн долларов.")
    assert (fact.indicator, fact.product, fact.period.label) == ("product_exports", "wheat", "2023")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Импорт Казахстана в 2023 году достиг 61 млрд долларов, из них на Китай пришлось 16,8 млрд.",
         ("imports", "KAZ", "WLD"), ("imports", "KAZ", "CHN")),
        ("Экспорт республики за 2023 год – 78 млрд долларов, в том числе в КНР – 14,8 млрд долларов.",
         ("exports", "KAZ", "WLD"), ("exports", "KAZ", "CHN")),
        ("Kazakhstan's imports came to $61 billion in 2023, of which $16.8 billion came from China.",
         ("imports", "KAZ", "WLD"), ("imports", "KAZ", "CHN")),
        ("Kazakh exports were $78 billion last year, including $14.8 billion to China.",
         ("exports", "KAZ", "WLD"), ("exports", "KAZ", "CHN")),
    ],
)
def test_a_whole_before_the_partners_part_of_it_is_the_world(text, first, second):
    got = extract(text, published=dt.date(2024, 3, 1))
    assert [(c.indicator, c.reporter, c.partner) for c in got] == [first, second]


def test_a_part_that_names_no_partner_leaves_the_whole_alone():
    """«из них на нефть»: a product's part of exports to China; both figures stay China's."""
    got = extract("Экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов, из них на нефть пришлось 4,2 млрд.")
    assert [(c.indicator, c.partner, c.product) for c in got] == [
        ("exports", "CHN", None), ("product_exports", "CHN", "oil")]


@pytest.mark.parametrize(
    ("text", "published", "labels"),
    [
        ("China's imports from Kazakhstan in January-June 2024 totalled $7.6 billion, against $8.1 billion "
         "in the same period of 2023.", None, ["2024-01..06", "2023-01..06"]),
        ("Товарооборот Казахстана и Китая за восемь месяцев 2024 года составил 29 млрд долларов, "
         "а за аналогичный период 2023 года – 27 млрд долларов.", None, ["2024-01..08", "2023-01..08"]),
        ("С начала года экспорт Казахстана в Китай составил 12 млрд долларов.\n"
         "В прошлом году за тот же период он достигал 12,6 млрд долларов.", dt.date(2024, 11, 20),
         ["2024-01..10", "2023-01..10"]),
        ("Exports to China reached $9 billion since the start of the year.\n"
         "In the same period of 2023 they were $9.5 billion.", dt.date(2024, 9, 10), ["2024-01..08", "2023-01..08"]),
        # after a whole year, "the same period of 2023" is that year
        ("Exports to China were $15.7 billion in 2024, compared with $14.8 billion in the same period of 2023.", None,
         ["2024", "2023"]),
    ],
)
def test_the_same_period_of_a_named_year_is_the_months_named_before(text, published, labels):
    assert [c.period.label for c in extract(text, published=published)] == labels


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("Экспорт в Китай за январь–июнь 2024 года вырос на 5% по сравнению с аналогичным периодом 2023 года.",
         "same_period_last_year"),
        ("Exports to China rose 5% in January-June 2024 compared with the same period of 2023.", "same_period_last_year"),
        # two years back: a growth over two years, not year on year
        ("Exports to China rose 5% in January-June 2024 compared with the same period of 2022.", "earlier_year"),
    ],
)
def test_compared_with_the_same_period_of_a_year_is_a_base_not_the_period(text, base):
    [c] = extract(text)
    assert (c.period.label, c.growth_base) == ("2024-01..06", base)


@pytest.mark.shared
def test_none_of_the_new_wording_is_called_wrong(kz_cn_totals):
    """The whole of a partner's part and the same months of an earlier year are never
    compared with the pair's annual totals."""
    texts = [
        "Экспорт Казахстана в 2023 году составил 78 млрд долларов, из них на Китай пришлось 14,8 млрд.",
        "Kazakhstan's exports to China in the first half of 2024 were $7.3 billion, compared with $7.9 billion "
        "in the same period of 2023.",
        "Экспорт Казахстана в Китай за 2023 год составил 14,8 млрд долларов, а за аналогичный период 2022 года – 13,2 млрд.",
    ]
    for cc in verify([c for t in texts for c in extract(t)], totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN")):
        assert cc.verdict.status != "contradicted", (cc.claim.text, cc.verdict.explanation)


# --- 2. year: a period named relative to the one before ---------------------------------------

@pytest.mark.parametrize(
    ("text", "published", "labels"),
    [
        ("В 2021 году товарооборот Казахстана и Китая составил 25,2 млрд долларов.\n"
         "Годом позже он вырос до 31,2 млрд долларов.", dt.date(2023, 2, 1), ["2021", "2022"]),
        ("Экспорт в КНР за первое полугодие 2023 года составил 7 млрд долларов, а спустя год – 7,3 млрд долларов.",
         None, ["2023-01..06", "2024-01..06"]),
        ("China's exports to Kazakhstan were $16.4 billion in 2022.\nA year later they climbed to $24.7 billion.",
         dt.date(2024, 2, 1), ["2022", "2023"]),
        ("В 2024 году товарооборот с Китаем составил 43,8 млрд долларов.\n"
         "Годом ранее этот показатель равнялся 41 млрд долларов.", dt.date(2025, 1, 20), ["2024", "2023"]),
        ("Turnover with China hit $43.8 billion in 2024.\nOne year earlier the figure stood at $41 billion.",
         dt.date(2025, 1, 20), ["2024", "2023"]),
        ("Товарооборот за девять месяцев 2024 года составил 32,9 млрд долларов.\n"
         "Годом раньше он составлял 30,1 млрд долларов.", None, ["2024-01..09", "2023-01..09"]),
    ],
)
def test_a_year_later_or_earlier_is_the_period_before_moved_by_a_year(text, published, labels):
    assert [c.period.label for c in extract(text, published=published)] == labels


def test_a_year_earlier_as_the_base_of_a_growth_stays_a_base():
    [c] = extract("Товарооборот Казахстана и Китая в 2024 году вырос на 6,8% по сравнению с показателем годом ранее.")
    assert (c.period.label, c.growth_pct, c.growth_base) == ("2024", 6.8, "yoy")
    [c] = extract("Exports to China rose 4% from a year earlier to $15.7 billion in 2024.")
    assert (c.period.label, c.growth_pct, c.growth_base) == ("2024", 4.0, "yoy")


@pytest.mark.shared
def test_a_year_earlier_is_checked_against_that_year(kz_cn_totals):
    text = ("Товарооборот Казахстана и Китая по итогам 2024 года составил 43,8 млрд долларов.\n"
            "Годом ранее показатель находился на уровне 41,05 млрд долларов.")
    checked = verify(extract(text), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert [(cc.claim.period.label, cc.verdict.status) for cc in checked] == [("2024", "supported"), ("2023", "supported")]


# --- 3. economies: datelines in title case, a place after «в», one member of a group -----------

@pytest.mark.parametrize(
    "text",
    [
        "Алматы, Казахстан, 3 марта (Trend) – Экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов.",
        "Шымкент. 14 апреля. КазТАГ – Экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов.",
        "Астана, 9 февраля 2024 г. – Экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов.",
        "Almaty, Kazakhstan, March 3 (Trend) - Kazakhstan's exports to China were $14.8 billion in 2023.",
        "Astana, Feb. 9 /Kazinform/ -- Kazakhstan's exports to China were $14.8 billion in 2023.",
    ],
)
def test_a_dateline_in_title_case_is_no_economy_or_period(text):
    [c] = extract(text, published=dt.date(2024, 3, 3))
    assert (c.reporter, c.partner, c.period.label) == ("KAZ", "CHN", "2023")


def test_a_city_without_a_date_after_it_is_no_dateline():
    """Only a date after a city in title case makes a dateline: «Алматы, как и Астана, …» stays text."""
    [c] = extract("Алматы, как и другие регионы, в 2023 году нарастил экспорт в Китай до 2 млрд долларов.")
    assert c.reporter == "KZ-75"


@pytest.mark.parametrize(
    ("text", "economies"),
    [
        ("Китай в 2023 году закупил в Казахстане товаров на 16,3 млрд долларов.", ("imports", "CHN", "KAZ")),
        ("Казахстанские компании приобрели в Китае товаров на 16,8 млрд долларов, закупки выросли на 2%.",
         ("imports", "KAZ", "CHN")),
        ("В Казахстане импорт из Китая за 2023 год достиг 16,8 млрд долларов.", ("imports", "KAZ", "CHN")),
        ("В Китае экспорт в Казахстан в 2023 году составил 24,7 млрд долларов.", ("exports", "CHN", "KAZ")),
        # a direction («в Казахстан») stays a direction
        ("Китай в 2023 году экспортировал в Казахстан товаров на 24,7 млрд долларов.", ("exports", "CHN", "KAZ")),
    ],
)
def test_a_country_after_v_in_the_locative_is_a_place_filling_the_open_role(text, economies):
    [c, *_] = extract(text)
    assert (c.indicator, c.reporter, c.partner) == economies


@pytest.mark.parametrize(
    "text",
    [
        "China's imports from Kazakhstan were $15.9 billion in 2024.\n"
        "Exports to the landlocked Central Asian country rose 13% to $27.9 billion.",
        "Импорт Китая из Казахстана составил в 2024 году 15,9 млрд долларов.\n"
        "Экспорт в центральноазиатскую республику вырос на 13%, до 27,9 млрд долларов.",
    ],
)
def test_a_groups_adjective_before_a_singular_noun_is_the_member_named_before(text):
    got = extract(text)
    assert [(c.indicator, c.reporter, c.partner) for c in got] == [("imports", "CHN", "KAZ"), ("exports", "CHN", "KAZ")]


def test_the_groups_adjective_before_a_plural_noun_is_still_the_group():
    [c] = extract("Товарооборот Китая с центральноазиатскими странами в 2024 году составил 94,8 млрд долларов.")
    assert c.partner == "CAS"
    [c] = extract("China's trade with the Central Asian states reached $94.8 billion in 2024.")
    assert c.partner == "CAS"


@pytest.mark.shared
def test_a_wrong_figure_with_printed_economies_is_still_contradicted(kz_cn_totals):
    """The place reading does not soften a real error: China did not buy $24.7 billion of
    Kazakh goods in 2023 (its exports to Kazakhstan were that)."""
    [cc] = verify(extract("Китай в 2023 году закупил в Казахстане товаров на 24,7 млрд долларов."),
                  totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert cc.verdict.status == "contradicted"


# --- 4. members of a group named after it --------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China's trade with Central Asia totalled $89.4 billion in 2023.\n"
         "Kazakhstan accounted for $41 billion, and Uzbekistan for $14 billion.",
         [("CHN", "CAS"), ("CHN", "KAZ"), ("CHN", "UZB")]),
        ("Товарооборот Китая со странами Центральной Азии за 2023 год составил 89,4 млрд долларов.\n"
         "На Казахстан пришлось 41 млрд долларов, на Узбекистан – 14 млрд долларов.",
         [("CHN", "CAS"), ("CHN", "KAZ"), ("CHN", "UZB")]),
        ("Товарооборот Китая с Центральной Азией в 2023 году составил 89,4 млрд долларов.\n"
         "Из этой суммы 41 млрд долларов приходится на Казахстан.",
         [("CHN", "CAS"), ("CHN", "KAZ")]),
    ],
)
def test_each_economy_named_after_a_group_is_a_member_with_the_groups_reporter(text, expected):
    assert [(c.reporter, c.partner) for c in extract(text)] == expected


# --- 5. modality: a concession, a tripling target, a clause that only describes ---------------

@pytest.mark.parametrize(
    ("text", "modalities"),
    [
        ("The sides aim to lift trade to $35 billion by 2030, although it already stood at $41 billion in 2023.",
         ["target", "fact"]),
        ("Стороны поставили цель довести товарооборот до 35 млрд долларов к 2030 году, хотя уже в 2023 году он "
         "составил 41 млрд.", ["target", "fact"]),
        ("Казахстан рассчитывает утроить поставки зерна в Китай к 2027 году.", ["target"]),
        ("Astana wants to triple grain exports to China by 2027.", ["target"]),
        ("Kazakhstan's exports to China reached $14.8 billion in 2023, a figure officials say may grow in 2024.",
         ["fact"]),
        ("Товарооборот Казахстана и Китая в 2023 году составил 41 млрд долларов, что, по прогнозам, может вырасти "
         "в текущем году.", ["fact"]),
        # a forecast in the figure's own clause stays a forecast
        ("Kazakhstan's exports to China may reach $16 billion in 2025, a level not seen before.", ["forecast"]),
    ],
)
def test_modality_of_a_concession_a_multiplier_target_and_a_describing_clause(text, modalities):
    assert [c.modality for c in extract(text, published=dt.date(2024, 2, 1))] == modalities


def test_a_time_described_after_the_figure_names_no_party():
    text = ("Kazakhstan's imports of Chinese cars reached $1.2 billion in 2023.\n"
            "That was up from $3 million in 2018, when Chinese brands were rare on Kazakh roads.")
    assert [(c.reporter, c.partner, c.period.label) for c in extract(text)] == [("KAZ", "CHN", "2023"), ("KAZ", "CHN", "2018")]
    text = ("Импорт китайских автомобилей в Казахстан в 2023 году достиг 1,2 млрд долларов.\n"
            "Это в сотни раз больше, чем в 2018 году, когда китайские марки в стране почти не продавались.")
    assert [(c.reporter, c.partner) for c in extract(text)][0] == ("KAZ", "CHN")


# --- 6. a ranking is no bound ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("Copper cathodes topped the ranking of Kazakh exports to China at $1.9 billion in 2023.", ()),
        ("Uranium tops the list of Kazakhstan's exports to China, with $1.5 billion in 2023.", ()),
        ("Kazakhstan's exports to China topped $14 billion in 2023.", ("over",)),
    ],
)
def test_topping_a_list_is_no_qualifier(text, qualifiers):
    [c] = extract(text)
    assert c.qualifiers == qualifiers


# --- 7. an institution that sets a target speaks for its country --------------------------------

@pytest.mark.parametrize(
    ("text", "economies"),
    [
        ("Министерство сельского хозяйства Казахстана ставит задачу довести экспорт зерна в Китай до 500 млн "
         "долларов к 2027 году.", ("KAZ", "CHN")),
        ("China's commerce ministry aims to raise imports from Kazakhstan to $20 billion by 2027.", ("CHN", "KAZ")),
        # a source stays a source
        ("По данным таможни Китая, экспорт в Казахстан в 2023 году составил 24,7 млрд долларов.", (None, "KAZ")),
        ("Kazakhstan's statistics bureau said exports to China were $14.8 billion in 2023.", (None, "CHN")),
    ],
)
def test_an_institution_setting_a_target_names_the_party(text, economies):
    [c] = extract(text)
    assert (c.reporter, c.partner) == economies


# --- 8. recall: verbs of carrying in and out, sales -----------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("За 2023 год из Китая в Казахстан ввезли легковых автомобилей на 1,2 млрд долларов.",
         [("product_imports", "KAZ", "CHN", "cars", 1.2e9)]),
        ("В прошлом году в Казахстан из КНР было ввезено ноутбуков на 410 млн долларов, смартфонов – на 820 млн долларов.",
         [("product_imports", "KAZ", "CHN", "computers", 410e6), ("product_imports", "KAZ", "CHN", "phones", 820e6)]),
        ("Из Казахстана в Китай в 2023 году вывезено пшеницы на 147 млн долларов.",
         [("product_exports", "KAZ", "CHN", "wheat", 147e6)]),
        ("Ферросплавы экспортировались из Казахстана в Китай в 2023 году на 1,1 млрд долларов.",
         [("product_exports", "KAZ", "CHN", "ferroalloys", 1.1e9)]),
        ("Уран поставлялся в КНР из Казахстана на 1,76 млрд долларов в 2024 году.",
         [("product_exports", "KAZ", "CHN", "uranium", 1.76e9)]),
        ("Kazakhstan's wheat sales to China reached $147 million in 2023.",
         [("product_exports", "KAZ", "CHN", "wheat", 147e6)]),
        ("Kazakhstan sold to China $1.9 billion of refined copper in 2023.",
         [("product_exports", "KAZ", "CHN", "copper", 1.9e9)]),
    ],
)
def test_verbs_of_carrying_in_and_out_and_sales_are_flows(text, expected):
    got = [(c.indicator, c.reporter, c.partner, c.product, c.amount) for c in extract(text, published=dt.date(2024, 4, 1))]
    assert got == [(i, r, p, pr, pytest.approx(a)) for i, r, p, pr, a in expected]


def test_car_sales_inside_a_country_are_no_flow():
    """"Sales" alone is no export: only "sales to" / "sold to" a partner are."""
    assert extract("Car sales in Kazakhstan reached $5 billion in 2023.") == []


@pytest.mark.parametrize(
    ("text", "economies"),
    [
        # a region's import-export operations with no partner named are its trade with the world
        ("Объём импортно-экспортных операций Синьцзяна в 2023 году составил 357 млрд юаней.", ("CN-XJ", "WLD")),
        ("Внешнеторговые операции Казахстана за 2023 год превысили 139 млрд долларов.", ("KAZ", "WLD")),
        # with a partner, they are with it
        ("Объём экспортно-импортных операций Казахстана с Китаем в 2023 году составил 41 млрд долларов.", ("KAZ", "CHN")),
    ],
)
def test_import_export_operations_of_an_economy_are_with_the_world_unless_a_partner_is_named(text, economies):
    [c] = extract(text)
    assert (c.reporter, c.partner) == economies


def test_import_export_operations_without_an_owner_keep_the_documents_pair():
    text = "Товарооборот Казахстана и Китая в 2023 году составил 41 млрд долларов.\nИмпортно-экспортные операции в 2024 году выросли на 6%."
    assert [(c.reporter, c.partner) for c in extract(text)] == [("KAZ", "CHN"), ("KAZ", "CHN")]


# --- 9. (probes after the fixes) a whole and its partners' shares -----------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Экспорт Казахстана в 2023 году составил 78 млрд долларов, при этом на Китай пришлось 14,8 млрд.",
        "Kazakhstan's exports reached $78 billion in 2023, with China accounting for $14.8 billion and Italy $13.5 billion.",
        "Из общего объёма экспорта Казахстана в 78 млрд долларов в 2023 году на Китай пришлось 14,8 млрд.",
        "Экспорт Казахстана в 2023 году составил 78 млрд долларов, на долю Китая пришлось 14,8 млрд, Италии – 13,5 млрд.",
    ],
)
def test_a_whole_and_the_shares_of_its_partners(text):
    got = extract(text)
    assert [(c.reporter, c.partner) for c in got][:2] == [("KAZ", "WLD"), ("KAZ", "CHN")]
    assert all(c.partner != "CHN" for c in got[2:])


@pytest.mark.shared
def test_a_whole_and_other_partners_shares_are_never_called_wrong(kz_cn_totals):
    text = "Экспорт Казахстана в 2023 году составил 78 млрд долларов, на долю Китая пришлось 14,8 млрд, Италии – 13,5 млрд."
    for cc in verify(extract(text), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN")):
        assert cc.verdict.status != "contradicted", (cc.claim.partner, cc.verdict.explanation)


def test_every_economy_of_the_lexicon_is_named_in_both_languages():
    from corridor.claims.lexicon import COUNTRIES, GROUPS
    from corridor.claims.messages import NAMES

    for code in [c[0] for c in COUNTRIES] + [g[0] for g in GROUPS]:
        assert code in NAMES["en"] and code in NAMES["ru"], code


def test_another_partner_is_named_in_both_languages():
    from corridor.claims.messages import name

    [c] = extract("Экспорт Казахстана в Италию в 2023 году составил 13,5 млрд долларов.")
    assert (name(c.partner, "en"), name(c.partner, "ru")) == ("Italy", "Италии")


# --- 10. (probes) a rate between two figures, a figure in a describing clause -----------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports to China were $14.8 billion in 2023, up 41%, compared with $10.5 billion in 2022.",
         [("2023", 14.8e9, 41.0), ("2022", 10.5e9, None)]),
        ("Экспорт в Китай в 2023 году составил 14,8 млрд долларов, увеличившись на 41%, против 10,5 млрд долларов "
         "в 2022 году.", [("2023", 14.8e9, 41.0), ("2022", 10.5e9, None)]),
    ],
)
def test_a_rate_after_a_figure_stays_with_it_when_another_clause_follows(text, expected):
    got = [(c.period.label, c.amount, c.growth_pct) for c in extract(text)]
    assert got == [(p, pytest.approx(a), g) for p, a, g in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan-China trade hit a record $41 billion in 2023, up 32% from 2022, according to China's customs, "
        "a level both sides aim to lift to $50 billion.",
        "Товарооборот Казахстана и Китая в 2023 году достиг 41 млрд долларов, увеличившись на 32%, что стороны "
        "намерены довести до 50 млрд долларов.",
    ],
)
def test_a_figure_in_a_describing_clause_has_that_clauses_modality(text):
    [fact, target] = extract(text)
    assert (fact.modality, fact.amount, fact.growth_pct) == ("fact", 41e9, 32.0)
    assert (target.modality, target.amount) == ("target", 50e9)


@pytest.mark.shared
def test_a_fact_and_a_target_in_a_describing_clause_are_never_called_wrong(kz_cn_totals):
    text = ("Kazakhstan-China trade hit a record $41 billion in 2023, up 32% from 2022, according to China's customs, "
            "a level both sides aim to lift to $50 billion.")
    for cc in verify(extract(text), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN")):
        for v in (cc.verdict, cc.growth_verdict):
            assert v is None or v.status != "contradicted", (cc.claim.amount, v.explanation)


# --- 11. (probes) a difference after "exceeded … by", the reporter's total, a large rate -------

@pytest.mark.parametrize(
    "text",
    [
        "Импорт из Китая в 2023 году превысил экспорт на 2 млрд долларов.",
        "Kazakhstan's imports from China exceeded its exports by $2 billion in 2023.",
        "China's exports to Kazakhstan outstripped imports by almost $8.4 billion in 2023.",
    ],
)
def test_exceeding_by_an_amount_is_a_difference_not_a_level(text):
    assert [c.amount for c in extract(text)] == [None] * len(extract(text))


def test_exceeding_an_amount_stays_a_level_with_its_qualifier():
    [c] = extract("Товарооборот Казахстана и Китая в 2024 году превысил 43 млрд долларов.")
    assert (c.amount, c.qualifiers) == (43e9, ("over",))


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("Kazakhstan's exports to China of $14.8 billion in 2023 accounted for 19% of its total exports of $78.7 billion.",
         ["CHN", "WLD"]),
        ("Общий экспорт Казахстана в 2023 году составил 78,7 млрд долларов, из них в Китай – 14,8 млрд.", ["WLD", "CHN"]),
        ("Совокупный импорт Казахстана за 2023 год – 61 млрд долларов, в том числе из Китая – 16,8 млрд.", ["WLD", "CHN"]),
    ],
)
def test_the_reporters_total_exports_are_with_the_world(text, partners):
    assert [c.partner for c in extract(text)] == partners


@pytest.mark.shared
def test_a_large_rate_rounded_to_tens_is_supported_with_a_note(kz_cn_totals):
    """Kazakhstan-reported imports from China 2023 / 2022 = +369.2 %: "370%" is near, never wrong."""
    [cc] = verify(extract("Импорт Казахстана из Китая в 2023 году вырос на 370%."), totals_table(kz_cn_totals))
    v = cc.growth_verdict or cc.verdict  # a claim of a rate alone carries it as its verdict
    assert (v.part, v.status, v.reason) == ("growth", "supported", "near")
    [cc] = verify(extract("Импорт Казахстана из Китая в 2023 году вырос на 380%."), totals_table(kz_cn_totals))
    assert (cc.growth_verdict or cc.verdict).status != "supported"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Экспорт Казахстана в Китай и импорт из КНР в 2023 году составили 14,8 млрд и 16,8 млрд долларов соответственно.",
         [("exports", 14.8e9, None), ("imports", 16.8e9, None)]),
        ("Kazakhstan's exports to China and its imports from China rose 41% and 370%, respectively, in 2023.",
         [("exports", None, 41.0), ("imports", None, 370.0)]),
        ("Поставки в КНР, ввоз из Китая и товарооборот в 2023 году составили соответственно 14,8 млрд, 16,8 млрд и "
         "31,5 млрд долларов.", [("exports", 14.8e9, None), ("imports", 16.8e9, None), ("turnover", 31.5e9, None)]),
    ],
)
def test_figures_printed_respectively_go_to_their_indicators_in_order(text, expected):
    got = [(c.indicator, c.amount, c.growth_pct) for c in extract(text)]
    assert got == [(i, pytest.approx(a) if a else None, g) for i, a, g in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan's exports to China reached $14.8 billion in 2023, the most since 2013, when they were $14.4 billion.",
        "Экспорт в Китай в 2023 году составил 14,8 млрд долларов – максимум с 2013 года, когда он достигал 14,4 млрд долларов.",
    ],
)
def test_a_figure_in_a_when_clause_after_a_year_is_of_that_year(text):
    assert [c.period.label for c in extract(text)] == ["2023", "2013"]


@pytest.mark.shared
def test_a_figure_of_the_year_a_when_clause_tells_of_is_checked_against_it(kz_cn_totals):
    text = "Kazakhstan's exports to China reached $14.8 billion in 2023, the most since 2013, when they were $14.4 billion."
    checked = verify(extract(text), totals_table(kz_cn_totals), assume_pair=("KAZ", "CHN"))
    assert [cc.verdict.status for cc in checked] == ["supported", "supported"]


@pytest.mark.parametrize(
    ("text", "economies"),
    [
        ("Exports to China rose to $14.8 billion in 2023, which made China Kazakhstan's second-largest market.",
         [(None, "CHN")]),
        ("Экспорт в Китай вырос до 14,8 млрд долларов в 2023 году, что сделало Китай вторым рынком для Казахстана.",
         [(None, "CHN")]),
        ("Kazakhstan's total trade turnover in 2023 was $139.8 billion, with China's share at $41 billion.",
         [("KAZ", "WLD"), ("KAZ", "CHN")]),
    ],
)
def test_a_describing_clause_names_no_party_and_a_share_follows_a_total(text, economies):
    assert [(c.reporter, c.partner) for c in extract(text)] == economies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Экспорт и импорт Казахстана в торговле с Китаем в 2023 году выросли соответственно на 41% и в 4,7 раза.",
         [("exports", None, 41.0), ("imports", None, 370.0)]),
        ("Kazakhstan's imports and exports with China reached $16.8 billion and $14.8 billion in 2023, respectively.",
         [("imports", 16.8e9, None), ("exports", 14.8e9, None)]),
        # without "respectively" the pair is turnover
        ("Экспорт и импорт Казахстана с Китаем в 2023 году составили 31,5 млрд долларов.", [("turnover", 31.5e9, None)]),
    ],
)
def test_exports_and_imports_respectively_are_the_two_flows(text, expected):
    got = [(c.indicator, c.amount, None if c.growth_pct is None else round(c.growth_pct, 6)) for c in extract(text)]
    assert got == [(i, pytest.approx(a) if a else None, g) for i, a, g in expected]
