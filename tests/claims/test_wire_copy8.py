"""Issue 14, after the blind part fresh7 (news agencies and business media: wire copy with
datelines, press releases, headlines, year-in-review lists): each class of its errors, in
new wording of the team's own (none is corpus text), both languages where the class
applies.  False contradictions first: a scope the text names and the checker cannot place
(a Chinese province, a Kazakh region, goods the lexicon does not know) is never filled in
with the assumed pair or checked against the total."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract, verify

from .totals import totals_table

D = dt.date(2025, 3, 15)


def checked(text: str, folder, published: dt.date | None = D):
    return verify(extract(text, published=published), totals_table(folder), assume_pair=("KAZ", "CHN"))


def parties(text: str, published: dt.date | None = D):
    return [(c.reporter, c.partner) for c in extract(text, published=published)]


# --- 1. false contradictions: every subdivision of China and Kazakhstan by name ------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Товарооборот Казахстана с Гуандуном в 2023 году вырос на 12%.", [("KAZ", "CN-GD")]),
        ("В 2023 году торговля Казахстана с провинцией Шаньдун выросла на 9%.", [("KAZ", "CN-SD")]),
        ("Экспорт Казахстана в Чжэцзян за 2023 год увеличился на 30%.", [("KAZ", "CN-ZJ")]),
        ("Сычуаньские компании в 2023 году нарастили импорт из Казахстана на 15%.", [("CN-SC", "KAZ")]),
        ("Товарооборот Казахстана с Внутренней Монголией в 2023 году вырос на 8%.", [("KAZ", "CN-NM")]),
        ("Торговля с Гуанси-Чжуанским автономным районом в 2023 году выросла на 20%.", [(None, "CN-GX")]),
        ("Kazakhstan's trade with Henan province grew 18% in 2023.", [("KAZ", "CN-HA")]),
        ("Kazakhstan's exports to Inner Mongolia rose 7% in 2023.", [("KAZ", "CN-NM")]),
        ("Trade between Kazakhstan and Chongqing jumped 40% in 2023.", [("KAZ", "CN-CQ")]),
        # Kazakhstan's regions, with the 2018 and 2022 changes, the press's abbreviations
        ("Экспорт области Жетісу в Китай в 2023 году вырос на 11%.", [("KZ-33", "CHN")]),
        ("Товарооборот Улытауской области с КНР в 2023 году вырос на 6%.", [("KZ-62", "CHN")]),
        ("Экспорт Южно-Казахстанской области в Китай в 2017 году вырос на 5%.", [("KZ-61", "CHN")]),
        ("Товарооборот ВКО с Китаем в 2023 году вырос на 14%.", [("KZ-63", "CHN")]),
        ("Exports from the Abai region to China rose 25% in 2023.", [("KZ-10", "CHN")]),
    ],
)
def test_every_province_and_region_is_recognised_by_name(text, expected):
    assert parties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "В 2023 году товарооборот Казахстана с провинцией Хэнань вырос на 27%.",
        "В 2023 году товарооборот Казахстана с Хэнанью вырос на 27%.",
        "Kazakhstan's trade with Sichuan rose 27% in 2023.",
        "Товарооборот Павлодарской области с Китаем в 2023 году вырос на 27%.",
    ],
)
def test_a_regions_growth_is_never_checked_against_the_pair(text, kz_cn_totals):
    [cc] = checked(text, kz_cn_totals)
    assert cc.claim.partner != "CHN" or cc.claim.reporter != "KAZ"
    assert cc.verdict.status == "not_checkable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «Шанхайская организация сотрудничества» is a group, not Shanghai
        ("Товарооборот Казахстана со странами Шанхайской организации сотрудничества в 2023 году вырос на 10%.",
         [("KAZ", "SCO")]),
        ("Kazakhstan's trade with the Shanghai Cooperation Organisation members rose 10% in 2023.", [("KAZ", "SCO")]),
    ],
)
def test_the_sco_is_a_group_not_shanghai(text, expected):
    assert parties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city after «в» / "in" is the place where, not a party
        ("Товарооборот Казахстана и Китая в 2023 году составил 41 млрд долларов, сообщили на брифинге в Астане.",
         [("KAZ", "CHN")]),
        ("Bilateral trade reached $41 billion in 2023, officials in Astana said.", [(None, None)]),
        ("At a forum in Almaty, the ministers said Kazakh exports to China hit $15 billion in 2023.", [("KAZ", "CHN")]),
        ("Экспорт Казахстана в Китай, по словам выступавших на форуме в Шанхае, в 2023 году вырос на 10%.",
         [("KAZ", "CHN")]),
        # a city as a party stays one
        ("Exports from Almaty to China rose 10% in 2023.", [("KZ-75", "CHN")]),
    ],
)
def test_a_city_after_in_is_a_place_not_a_party(text, expected):
    assert parties(text) == expected


def test_a_region_is_named_in_both_languages_in_a_verdict(kz_cn_totals):
    from corridor.claims.messages import name

    assert name("CN-SC", "en") == "Sichuan (CN-SC)" and name("CN-SC", "ru") == "Сычуань (CN-SC)"
    assert name("SCO", "en") == "the SCO" and name("SCO", "ru") == "ШОС"


# --- 1b. goods the lexicon does not know are a product, never the total -------------------

@pytest.mark.parametrize(
    "text",
    [
        "Экспорт казахстанской муки в Китай в 2023 году вырос втрое и достиг 60 млн долларов.",
        "Поставки льняного масла в КНР в 2023 году выросли вдвое.",
        "Вывоз кормов в Китай за 2023 год вырос на 80% и составил 40 млн долларов.",
        "Exports of Kazakh flour to China tripled in 2023 to $60 million.",
        "Shipments of animal feed to China doubled in 2023.",
        # an adjective standing for goods, no noun after it
        "Экспорт зерновых в Китай в 2023 году вырос на 20% и составил 400 млн долларов.",
        "Поставки масличных в КНР за 2023 год выросли вдвое.",
        "Экспорт энергоносителей в Китай в 2023 году составил 9 млрд долларов.",
        # the goods noun before the English flow word
        "Kazakhstan's wool exports to China doubled in 2023 to $40 million.",
        "Flour shipments to China tripled in 2023.",
        # a flow word far into the sentence
        "В 2023 году, по данным Бюро национальной статистики Агентства по стратегическому планированию и реформам"
        " Республики Казахстан, экспорт казахстанской муки в Китай вырос втрое.",
    ],
)
def test_an_export_of_goods_the_lexicon_does_not_know_is_never_checked_against_the_total(text, kz_cn_totals):
    [cc] = checked(text, kz_cn_totals)
    assert cc.claim.indicator == "product_exports"
    assert cc.verdict.status == "not_checkable"
    assert cc.growth_verdict is None or cc.growth_verdict.status == "not_checkable"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Экспорт казахстанской продукции в Китай в 2023 году составил 14,8 млрд долларов.", "exports"),
        ("Экспорт товаров в КНР в 2023 году составил 14,8 млрд долларов.", "exports"),
        ("Экспорт нашей страны в Китай в 2023 году составил 14,8 млрд долларов.", "exports"),
        ("Экспорт прочих в Китай в 2023 году составил 2 млрд долларов.", "exports"),
        ("Exports of Kazakh goods to China reached $14.8 billion in 2023.", "exports"),
        ("Exports of the country to China reached $14.8 billion in 2023.", "exports"),
        ("Экспорт пшеницы в Китай в 2023 году вырос вдвое.", "product_exports"),
        # after "exports of" an economy, the clause's verb is no goods
        ("Exports of Kazakhstan rose 9% in 2023 to $15 billion.", "exports"),
        ("Exports of Kazakhstan reached $15 billion in 2023.", "exports"),
        ("Exports of rapeseed to China reached $90 million in 2023.", "product_exports"),
        ("Total exports to China reached $14.8 billion in 2023.", "exports"),
        ("Reported imports from China were $13 billion in 2023.", "imports"),
        ("Record exports to China reached $14.8 billion in 2023.", "exports"),
    ],
)
def test_total_trade_phrases_keep_the_total(text, indicator):
    assert [c.indicator for c in extract(text, published=D)] == [indicator]


# --- 2. modality: what should be reached, an offer, a relative clause of fact -------------

def modalities(text: str, published: dt.date | None = D):
    return [(c.amount, c.modality) for c in extract(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade, which stood at $38 billion in 2022, should climb to $60 billion by the end of the decade.",
         [(38e9, "fact"), (60e9, "target")]),
        ("Экспорт, который в 2022 году составил 13 млрд долларов, должен достичь 20 млрд долларов.",
         [(13e9, "fact"), (20e9, "target")]),
        ("По словам министра, объём торговли должен превысить 70 млрд долларов.", [(70e9, "target")]),
    ],
)
def test_should_reach_is_a_target_and_a_relative_clause_keeps_its_fact(text, expected):
    assert modalities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Китайские фонды готовы вложить в казахстанскую энергетику до 3 млрд долларов.",
        "Chinese investors say they are willing to invest $1.5 billion in Kazakh railways.",
    ],
)
def test_an_offer_to_invest_is_a_plan(text):
    assert [c.modality for c in extract(text, published=D)] == ["plan"]


# --- 3. numbers: "pct", a range of rates, numbers in words, a printed dollar equivalent ------

def figures(text: str, published: dt.date | None = D):
    return [(c.amount, c.currency, c.growth_pct) for c in extract(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China's imports from Kazakhstan rose 12.4 pct in 2023.", [(None, None, 12.4)]),
        ("Kazakh exports to China grew 8 pct. in 2022.", [(None, None, 8.0)]),
        # a range of rates is one rate, its middle
        ("Эксперты прогнозируют рост товарооборота с Китаем в 2026 году на 6–8%.", [(None, None, 7.0)]),
        ("Imports from China are expected to grow by 4 to 6 percent in 2026.", [(None, None, 5.0)]),
        ("Импорт из КНР в 2026 году может вырасти на 10-14%.", [(None, None, 12.0)]),
        # a tens word and a unit are one number
        ("За 2023 год экспорт в Китай составил около пятнадцати миллиардов долларов.", [(15e9, "USD", None)]),
        ("В прошлом году товарооборот с Китаем превысил тридцать шесть миллиардов долларов.", [(36e9, "USD", None)]),
        ("Two-way trade topped thirty-two billion dollars in 2022.", [(32e9, "USD", None)]),
        # «…юаней, или … долларов»: the printed dollars, one claim
        ("В 2023 году импорт Китая из Казахстана составил 106 млрд юаней, или 15,1 млрд долларов.",
         [(15.1e9, "USD", None)]),
        ("China's exports to Kazakhstan reached 174 billion yuan, or $24.7 billion, in 2023.", [(24.7e9, "USD", None)]),
    ],
)
def test_pct_ranges_number_words_and_a_printed_equivalent(text, expected):
    assert figures(text) == expected


def test_a_change_of_a_share_from_one_rate_to_another_is_no_range():
    [c] = extract("В 2023 году доля Китая в экспорте Казахстана выросла с 18 до 21%, а экспорт в Китай вырос на 9%.",
                  published=D)
    assert c.growth_pct == 9.0


# --- 4. growth: a comparison with another scope, a base after «чем за» ---------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Товарооборот Таджикистана с Китаем в 2023 году составил 3,9 млрд долларов, что вдесятеро меньше"
         " показателя Казахстана.", [(3.9e9, "USD", None)]),
        ("Торговля Казахстана с Турцией в 2023 году составила 7 млрд долларов, что в шесть раз меньше торговли с Китаем.",
         [(7e9, "USD", None)]),
        ("Uzbekistan's trade with China came to $14 billion in 2023, three times less than Kazakhstan's.",
         [(14e9, "USD", None)]),
        # an earlier period after the comparative keeps the growth
        ("Экспорт в Китай в 2023 году был вдвое меньше, чем в 2022 году.", [(None, None, -50.0)]),
    ],
)
def test_a_comparison_with_another_economy_is_no_growth(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Импорт из КНР во втором квартале 2024 года составил 4,2 млрд долларов.\n"
         "Это на 6% больше, чем за апрель–июнь 2023 года.", ["2024-04..06", "2024-04..06"]),
        ("Trade with China reached $10.2 billion in the first quarter of 2024.\n"
         "That is 4% more than in the first quarter of 2023.", ["2024-01..03", "2024-01..03"]),
    ],
)
def test_the_months_after_than_are_the_base_not_the_period(text, expected):
    assert [c.period.label for c in extract(text, published=D)] == expected


# --- 5. deals and flows: a flow that is a deal's subject, «отгружено» ----------------------

@pytest.mark.parametrize(
    "text",
    [
        "На форуме подписаны контракты на поставку казахстанского ячменя на 150 млн долларов.",
        "The companies signed agreements on wheat supplies worth $120 million.",
        "Подписан меморандум о поставках зерна в Китай на сумму 80 млн евро.",
    ],
)
def test_a_flow_that_is_a_deals_subject_is_the_deal(text):
    assert [c.indicator for c in extract(text, published=D)] == ["deal"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В 2023 году в КНР было отгружено цинка на 310 млн долларов.", [("product_exports", "zinc")]),
        ("Отгрузки угля в Китай за 2023 год составили 90 млн долларов.", [("product_exports", "coal")]),
    ],
)
def test_shipped_is_an_export(text, expected):
    assert [(c.indicator, c.product) for c in extract(text, published=D)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of the flow with goods the lexicon does not know: a product claim, not the total
        ("В 2023 году Казахстан продал Китаю шерсти на 40 млн долларов.", [("product_exports", None)]),
        # the head word of a product named before it in the sentence is that product
        ("Спрос на рафинированную медь рос весь год: в 2023 году Казахстан отгрузил в КНР меди на 2,5 млрд"
         " долларов.", [("product_exports", "copper")]),
        ("Поставки льняного семени росли: Казахстан в 2023 году продал Китаю семени на 300 млн долларов.",
         [("product_exports", "flaxseed")]),
    ],
)
def test_a_verb_of_the_flow_with_goods_and_a_head_word_of_a_named_product(text, expected):
    assert [(c.indicator, c.product) for c in extract(text, published=D)] == expected


# --- 6. headlines, bases, «превысил», "sold", «почти достиг» ---------------------------------

def rows_of(text: str, published: dt.date | None = D):
    return [(c.indicator, c.reporter, c.period.label if c.period else None, c.amount, c.growth_pct, c.qualifiers)
            for c in extract(text, published=published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a headline takes the period (and a missing economy) its body gives
        ("Поставки казахстанского цинка в Китай выросли на 12%\n"
         "В 2023 году Казахстан поставил в КНР цинка на 300 млн долларов.",
         D, [("product_exports", "KAZ", "2023", None, 12.0, ()), ("product_exports", "KAZ", "2023", 300e6, None, ())]),
        ("Wheat shipments to China jump 60%\nKazakhstan exported $240 million of wheat to China in 2023, customs said.",
         D, [("product_exports", "KAZ", "2023", None, 60.0, ()), ("product_exports", "KAZ", "2023", 240e6, None, ())]),
        ("Импорт из Китая с начала года вырос на 9%\n"
         "За январь–май 2024 года Казахстан ввёз из Китая товаров на 6 млрд долларов.",
         dt.date(2024, 7, 20), [("imports", "KAZ", "2024-01..05", None, 9.0, ()), ("imports", "KAZ", "2024-01..05", 6e9, None, ())]),
        # a first line ending with a full stop is a sentence, not a headline
        ("Экспорт в Китай вырос на 5%.\nВ 2023 году экспорт зерна в Китай составил 200 млн долларов.",
         D, [("exports", None, None, None, 5.0, ()), ("product_exports", None, "2023", 200e6, None, ())]),
    ],
)
def test_a_headline_takes_the_period_of_its_body(text, published, expected):
    assert rows_of(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Товарооборот с Китаем в 2022 году составил 24 млрд долларов.\nЭтот показатель на 34% превысил уровень 2021 года.",
         [("turnover", None, "2022", 24e9, None, ()), ("turnover", None, "2022", None, 34.0, ())]),
        ("В 2016 году экспорт в Китай упал.\nОн составил 4,2 млрд долларов против 5,5 млрд годом ранее.",
         [("exports", None, "2016", 4.2e9, None, ()), ("exports", None, "2015", 5.5e9, None, ())]),
        ("Kazakhstan sold $1.9 billion of copper to China in 2023.",
         [("product_exports", "KAZ", "2023", 1.9e9, None, ())]),
        ("Экспорт угля в Китай в 2023 году почти достиг 100 млн долларов.",
         [("product_exports", None, "2023", 100e6, None, ("nearly",))]),
    ],
)
def test_exceeded_the_level_of_a_year_a_year_earlier_after_against_sold_and_nearly_reached(text, expected):
    assert rows_of(text) == expected


# --- 7. economies: where a rank holds, who ranks first, quoted titles; signed documents -----

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakhstan remained China's biggest trading partner in Central Asia, with turnover of $41 billion in 2023.",
         [("CHN", "KAZ")]),
        ("Казахстан остаётся крупнейшим торговым партнёром Китая в Центральной Азии: в 2023 году объём торговли"
         " составил 41 млрд долларов.", [("CHN", "KAZ")]),
        ("China's trade with Central Asia reached $89 billion in 2023.", [("CHN", "CAS")]),
        # who ranks first among the partners is no party to the figure
        ("Gansu's foreign trade rose 12 percent to 60 billion yuan in 2023, with Kazakhstan among its top partners.",
         [("CN-GS", "WLD")]),
        ("Внешняя торговля Синьцзяна в 2023 году выросла на 45%, при этом крупнейшим партнёром остался Казахстан.",
         [("CN-XJ", "WLD")]),
        # an economy inside a quoted title of an event or a company is no party
        ("На выставке «Китай – Центральная Азия» казахстанские фирмы заключили сделки на 250 млн долларов.",
         [("KAZ", None)]),
        ('At the "Made in China" fair Kazakh importers signed contracts worth $90 million.', [("KAZ", None)]),
    ],
)
def test_where_a_rank_holds_who_ranks_first_and_quoted_titles_name_no_party(text, expected):
    assert parties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Во время визита подписано 25 документов на общую сумму 4 млрд долларов.", ["deal"]),
        ("The two governments signed 20 documents worth $3 billion.", ["deal"]),
        ("Согласно документу, товарооборот с Китаем в 2023 году составил 41 млрд долларов.", ["turnover"]),
    ],
)
def test_signed_documents_are_deals(text, expected):
    assert [c.indicator for c in extract(text, published=D)] == expected


def _subdivisions():
    from corridor.reference.national import cn_provinces_short, subdivision_names

    short = cn_provinces_short()
    return [(code, short.get(code, en), ru) for country in ("CN", "KZ") for code, en, ru in subdivision_names(country)
            if code != "CN-BJ"]  # «Пекин», "Beijing" stand for China


@pytest.mark.parametrize(("code", "en", "ru"), _subdivisions())
def test_every_subdivision_of_the_reference_tables_is_a_party_by_its_name(code, en, ru):
    """Each name as the reference table writes it, in both languages, is its own party."""
    ru_name = ru.split(" (")[0]
    [c_en] = extract(f"Trade between {en} and Mongolia rose 5 percent in 2023.", published=D)
    [c_ru] = extract(f"{ru_name}: товарооборот с Монголией в 2023 году вырос на 5%.", published=D)
    assert code in (c_en.reporter, c_en.partner)
    assert code in (c_ru.reporter, c_ru.partner)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ranking after the pair: each economy named takes its own figure, the partner stays
        ("Kazakhstan remained China's top partner in Central Asia, with trade of $41 billion in 2023.\n"
         "Kyrgyzstan came next with $19.8 billion and Uzbekistan with $13.7 billion.",
         [("CHN", "KAZ"), ("CHN", "KGZ"), ("CHN", "UZB")]),  # China owns the partnership (docs/claims.md)
        ("В 2023 году товарооборот Казахстана с Китаем составил 41 млрд долларов.\n"
         "За ним следуют Кыргызстан – 19,8 млрд долларов и Таджикистан – 3,9 млрд долларов.",
         [("KAZ", "CHN"), ("KGZ", "CHN"), ("TJK", "CHN")]),
        # China's side stays when the ranking is of China's partners
        ("China's trade with Kazakhstan reached $41 billion in 2023.\nKyrgyzstan came next with $19.8 billion.",
         [("CHN", "KAZ"), ("CHN", "KGZ")]),
    ],
)
def test_a_ranking_after_a_pair_gives_each_economy_its_figure(text, expected):
    assert parties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade, which reached $41 billion in 2023, is expected to hit $55 billion within four years.",
         [("2023", "fact"), (None, "forecast")]),
        ("В 2023 году экспорт составил 15 млрд долларов, а в ближайшие пять лет его планируют удвоить до 30 млрд"
         " долларов.", [("2023", "fact"), (None, "target")]),
    ],
)
def test_within_some_years_is_no_calendar_year(text, expected):
    assert [(c.period.label if c.period and c.period.year else None, c.modality)
            for c in extract(text, published=D)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Министр торговли и интеграции Республики Казахстан встретился с министром коммерции КНР.\n"
        "По итогам 2023 года товарооборот между странами составил 41 млрд долларов.",
        "Kazakhstan's Minister of Trade and Integration met China's Minister of Commerce.\n"
        "Trade between the countries reached $41 billion in 2023.",
    ],
)
def test_economies_named_only_inside_institutions_leave_the_parties_empty(text):
    assert parties(text) == [(None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word fraction alone, no digit in the sentence (a headline)
        ("Kazakh flaxseed exports to China fall by a fifth", [-20.0]),
        ("Экспорт ячменя в Китай сократился на пятую часть", [-20.0]),
        ("Wheat shipments to China fell by half", [-50.0]),
    ],
)
def test_a_fifth_or_half_alone_is_read(text, expected):
    assert [c.growth_pct for c in extract(text, published=D)] == expected
