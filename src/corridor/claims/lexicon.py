"""The claim checker's own lexicon (Russian and English) and its compiled patterns.

Russian words are listed once, by lemma; every grammatical form is generated from the
OpenCorpora dictionary shipped in ``pymorphy3-dicts-ru`` (``MorphAnalyzer.parse(...).lexeme``),
so "Казахстан", "Казахстана", "Казахстаном" and "казахстанского" all match without a
hand-written list of endings.  Words the dictionary does not know as the wanted part of
speech (new oblast names such as "Жетысуская") fall back to the regular adjective
paradigm.  All matching is done by a few compiled alternation regexes over the whole text.

Economy codes are ISO 3166-1 alpha-3 for countries and ISO 3166-2 as ``pycountry`` gives
them for regions (``CN-XJ``; Kazakhstan's oblasts after the 2022-2024 changes, e.g.
``KZ-19`` Almaty oblast, ``KZ-75`` Almaty city).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .folded import Folded
from .products import PRODUCTS as _PRODUCTS

# --- economies ------------------------------------------------------------------------

#: (code, Russian nouns, Russian adjectives, English names).  Adjectives are lemmas
#: (masculine nominative); nouns are lemmas or indeclinable names.
COUNTRIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("KAZ", ("казахстан", "рк"), ("казахстанский",), ("kazakhstan", "kazakh", "kazakhstani", "qazaqstan")),
    ("CHN", ("китай", "кнр", "пекин"), ("китайский", "поднебесный"), ("china", "chinese", "prc", "sino", "beijing")),
    ("CN-XJ", ("синьцзян", "суар", "синьцзян-уйгурский автономный район"), ("синьцзянский",),
     ("xinjiang", "xuar")),
    ("RUS", ("россия", "рф"), ("российский",), ("russia", "russian")),
    ("UZB", ("узбекистан",), ("узбекский",), ("uzbekistan", "uzbek")),
    ("KGZ", ("кыргызстан", "киргизия"), ("кыргызский",), ("kyrgyzstan", "kyrgyz")),
    ("TJK", ("таджикистан",), ("таджикский",), ("tajikistan", "tajik")),
    ("TKM", ("туркменистан", "туркмения"), ("туркменский",), ("turkmenistan", "turkmen")),
    # Kazakhstan's other main trade partners: a list of partners ("Италия – 13 млрд") names
    # each, so that no figure of another country is taken for China's.  The United States is
    # left out: «долларов США», "US$" would name it in every amount.
    ("ITA", ("италия",), ("итальянский",), ("italy", "italian")),
    ("NLD", ("нидерланды", "голландия"), ("нидерландский", "голландский"), ("netherlands", "the netherlands", "dutch")),
    ("TUR", ("турция",), ("турецкий",), ("turkey", "turkiye", "türkiye", "turkish")),
    ("DEU", ("германия", "фрг"), ("германский", "немецкий"), ("germany", "german")),
    ("FRA", ("франция",), ("французский",), ("france", "french")),
    ("KOR", ("корея", "южная корея"), ("корейский", "южнокорейский"), ("korea", "south korea", "korean", "south korean")),
    ("JPN", ("япония",), ("японский",), ("japan", "japanese")),
    ("IND", ("индия",), ("индийский",), ("india", "indian")),
    ("BLR", ("беларусь", "белоруссия"), ("белорусский",), ("belarus", "belarusian")),
    ("GBR", ("великобритания",), ("британский",), ("britain", "great britain", "united kingdom", "british")),
    ("CHE", ("швейцария",), ("швейцарский",), ("switzerland", "swiss")),
    ("IRN", ("иран",), ("иранский",), ("iran", "iranian")),
    ("MNG", ("монголия",), ("монгольский",), ("mongolia", "mongolian")),
    ("AFG", ("афганистан",), ("афганский",), ("afghanistan", "afghan")),
    ("ARE", ("оаэ",), ("эмиратский",), ("uae", "united arab emirates", "emirati")),
)

#: Two-letter codes written for the pair in short posts and tables (ISO 3166-1 alpha-2).
COUNTRY_CODES: dict[str, str] = {"kz": "KAZ", "cn": "CHN"}

#: A capital standing for its government ("Beijing", «Пекин»: listed with China above);
#: beside it, Astana is Kazakhstan, not the city ("Astana and Beijing traded…").  "In
#: Beijing" («в Пекине») is a place, no economy.
CAPITAL_STANDINS: tuple[str, ...] = ("пекин", "beijing")
#: Kazakh outlets' stand-ins for Kazakhstan («наша страна», «республика»); see
#: :func:`corridor.claims.extract._standins` for when they count (never before a name:
#: «Республика Корея»; never after an adjective: «Кыргызской Республики»).
OUR_COUNTRY = (r"наш(?:а|ей|у)\s+(?:стран|экономик)(?:а|ы|и|е|у|ой)|our\s+(?:country|economy)(?:'s)?"
               r"|(?<![а-яё]ской\s)(?<![а-яё]ная\s)(?<![а-яё]ной\s)(?<![а-яё]ную\s)республик(?:а|и|е|у|ой)")

#: Parts of a flow that no HS mapping gives (key, regex fragment): a figure of one
#: («несырьевой экспорт», "processed goods", «приграничная торговля», "e-commerce",
#: «сырьё», «услуги») is not the flow's total and is never checked against it.
PARTS: tuple[tuple[str, str], ...] = (
    ("non_resource", r"несырьев\w*|non-resource|non-commodity|non-raw|value-added"),
    ("processed", r"обрабатывающ\w+\s+промышленност\w*|переработ\w*|processed|manufactured\s+goods"),
    ("raw_materials", r"сырь[её]\w*|сырьев\w*|raw\s+materials?|commodities"),
    ("services", r"услуг\w*|services"),
    ("e_commerce", r"электронн\w+\s+(?:торговл|коммерци)\w*|e-commerce|ecommerce|онлайн-торговл\w*"),
    ("border_trade", r"приграничн\w+\s+торговл\w*|border\s+trade|cross-border\s+trade"),
    ("transit", r"транзит\w*|transit"),
    # an average per month is no total of the period
    ("monthly_average", r"среднемесячн\w*|ежемесячн\w*|в\s+среднем|averag\w*|monthly\s+average"),
)

#: Groups of economies a text may name as a scope instead of a partner: (code, Russian
#: phrases (each word inflected), English phrases).  ``CAS``: the five Central Asian
#: countries; ``BRI``: the Belt and Road countries; ``WLD``: the world.  They are never
#: filled in by an assumed pair.
GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("CAS", ("центральная азия", "центральноазиатский"),
     ("central asia", "central asian", "central asian countries", "central asian states")),
    ("BRI", ("пояс и путь", "один пояс один путь"),
     ("belt and road", "belt and road initiative", "bri", "belt and road countries")),
    # unions of states ("странами ЕАЭС", "the EU"): a scope of several economies, not one partner
    ("EAEU", ("еаэс", "евразийский экономический союз"), ("eaeu", "eurasian economic union", "eaeu countries")),
    ("CIS", ("снг", "содружество независимых государств"), ("cis", "commonwealth of independent states", "cis countries")),
    # «Шанхайская организация сотрудничества», "the SCO": not Shanghai
    ("SCO", ("шос", "шанхайская организация сотрудничества"),
     ("sco", "shanghai cooperation organisation", "shanghai cooperation organization", "sco countries")),
    ("EU", ("ес", "евросоюз", "евросоюза", "евросоюзом", "евросоюзу", "евросоюзе", "европейский союз"), ("eu", "european union", "eu countries")),
    ("WLD", ("миром", "весь мир", "всем миром", "остальной мир", "внешнеторговый оборот", "внешняя торговля",
             # with its owner after it only («импортно-экспортных операций Синьцзяна»): see extract._economy_mentions
             "импортно-экспортная операция", "экспортно-импортная операция", "внешнеторговая операция",
             # the reporter's total ("accounted for 19% of its total exports of $78.7 billion")
             "общий экспорт", "совокупный экспорт", "общий импорт", "совокупный импорт"),
     ("the world", "world", "the rest of the world", "foreign trade", "total foreign trade", "overall foreign trade",
      "global trade", "total exports", "total imports", "overall exports", "overall imports", "total trade",
      "total trade turnover", "total turnover", "overall trade")),
)

#: Words of an institution or a source ("Минторговли РК", "ГТУ КНР", "China's customs",
#: "казахстанской статистики"): an economy named inside one is not a party to the claim.
INSTITUTION_BEFORE = (
    r"(?:министерств\w*|министр\w*|минторговли|минфин\w*|минэкономики|мид|мнэ|кгд|мф|гту|таможн\w*|управлени\w*"
    r"|комитет\w*|департамент\w*|нацбанк\w*|банк\w*|посольств\w*|посол\w*|бюро|ведомств\w*|правительств\w*|пресс-служб\w*"
    r"|статистик\w*|агентств\w*|ministry|minister|customs|administration|embassy|ambassador|bureau|committee|department"
    r"|government|office|agency|statistics)"
)
#: Words that may stand between an institution word and the economy it belongs to.
INSTITUTION_FILLER = (
    r"(?:торговли|и|интеграции|финансов|экономики|национальной|национального|иностранных|дел|государственных"
    r"|доходов|госдоходов|коммерции|внешней|главное|главного|таможенное|таможенного|народной|республики|по|статистике|развития"
    r"|сельского|хозяйства|промышленности|энергетики|транспорта|agriculture|industry|energy|transport"
    r"|of|trade|and|commerce|foreign|affairs|national|general|the|statistics|customs|economy|finance)"
)
INSTITUTION_AFTER = (
    r"(?:таможн\w*|статистик\w*|ведомств\w*|правительств\w*|министерств\w*|customs|statistics|statistical"
    r"|government|officials?|ministry|ministers?|ambassadors?|embassy|data|authorities|bureau|general\s+administration|commerce\s+ministry)"
)

#: The names of Kazakhstan's regions and cities of republican significance and of China's
#: provinces, autonomous regions and municipalities are the reference tables' (ISO 3166-2
#: codes; :func:`corridor.reference.national.kz_region_names` with the 2018 and 2022
#: changes, :func:`corridor.reference.national.subdivision_names`); every grammatical form
#: is derived here (:func:`_region_forms`).  What no dictionary derives is listed below.
#:
#: Russian adjectives of the Chinese provinces' names («сычуаньский»).  Shanghai's and
#: Beijing's are left out: «Шанхайская организация сотрудничества» is a group (``SCO``),
#: «пекинский» the capital.
PROVINCE_ADJECTIVES: tuple[tuple[str, str], ...] = (
    ("CN-AH", "аньхойский"), ("CN-CQ", "чунцинский"), ("CN-FJ", "фуцзяньский"), ("CN-GD", "гуандунский"),
    ("CN-GS", "ганьсуйский"), ("CN-GX", "гуансийский"), ("CN-GZ", "гуйчжоуский"), ("CN-HA", "хэнаньский"),
    ("CN-HB", "хубэйский"), ("CN-HE", "хэбэйский"), ("CN-HI", "хайнаньский"), ("CN-HK", "гонконгский"),
    ("CN-HL", "хэйлунцзянский"), ("CN-HN", "хунаньский"), ("CN-JL", "цзилиньский"), ("CN-JS", "цзянсуский"),
    ("CN-JX", "цзянсийский"), ("CN-LN", "ляонинский"), ("CN-NM", "внутреннемонгольский"), ("CN-NX", "нинсяский"),
    ("CN-QH", "цинхайский"), ("CN-SC", "сычуаньский"), ("CN-SD", "шаньдунский"), ("CN-SN", "шэньсийский"),
    ("CN-SX", "шаньсийский"), ("CN-TJ", "тяньцзиньский"), ("CN-TW", "тайваньский"), ("CN-XZ", "тибетский"),
    ("CN-YN", "юньнаньский"), ("CN-ZJ", "чжэцзянский"),
)
#: The Kazakh press's abbreviations of oblasts (East, West, North, South Kazakhstan).
REGION_ABBREVIATIONS: tuple[tuple[str, str], ...] = (("KZ-63", "вко"), ("KZ-27", "зко"), ("KZ-59", "ско"), ("KZ-61", "юко"))
#: Words naming a subdivision after its English name ("Sichuan province", "Almaty region");
#: a Russian name is matched alone («с провинцией Сычуань»: the role word is read before it).
REGION_NOUNS_EN: tuple[str, ...] = ("province", "region", "oblast", "autonomous region", "municipality", "city")
#: Cities (ISO 3166-2 type "City" / "Municipality"): after «в» / "in" a place where
#: something happens («на приёме в Астане», "officials in Astana"), never a party.
CITY_TYPES: tuple[str, ...] = ("City", "Municipality")

# --- indicators -----------------------------------------------------------------------

#: (indicator, Russian lemmas or phrases, English phrases).  Phrases are matched as
#: written; single Russian lemmas are inflected.  Longer alternatives win.
INDICATOR_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("balance", ("сальдо", "профицит", "дефицит", "сальдо торговли", "профицит торговли", "дефицит торговли"),
     ("trade surplus", "trade deficit", "trade balance", "surplus", "deficit")),
    ("turnover", ("товарооборот", "т/о", "торговый оборот", "внешнеторговый оборот", "взаимная торговля",
                  "объём торговли", "объем торговли", "торговля", "оборот", "сотрудничество",
                  "экспорт и импорт", "импорт и экспорт", "товарообмен",
                  "импортно-экспортная операция", "экспортно-импортная операция", "внешнеторговая операция"),
     ("trade turnover", "two-way trade", "bilateral trade", "trade volume", "trade", "turnover", "foreign trade",
      "traded", "import and export", "imports and exports", "exports and imports", "export and import")),
    ("exports", ("экспорт", "экспортировать", "экспортироваться", "вывоз", "вывезти", "вывозить", "вывозиться",
                 "отгрузить", "отгружать", "отгружаться", "отгрузка",
                 "поставка", "поставить", "поставлять", "поставляться", "продать", "продавать", "экспортёр", "экспортер"),
     ("exports", "export", "exported", "exporting", "shipments", "shipped", "ships", "supplies", "deliveries",
      "sales to", "sold to", "sold", "sells", "sell")),
    ("imports", ("импорт", "импортировать", "импортироваться", "ввоз", "ввезти", "ввозить", "ввозиться", "закупить",
                 "закупать", "закупка"),
     ("imports", "import", "imported", "importing", "bought", "purchased", "purchases")),
    # «документ», "document" only after a verb of signing: see extract._segments
    ("deal", ("соглашение", "контракт", "сделка", "договор", "меморандум", "документ"),
     ("deals", "deal", "agreements", "agreement", "contracts", "contract", "documents")),
    ("investment", ("инвестиция", "инвестировать", "вложение", "вложить", "инвестиционный", "инвестор"),
     ("investments", "investment", "invest", "invested", "investing", "fdi")),
)

#: Nouns that, after a flow noun in the genitive («экспорт товаров», «импорт республики»,
#: "exports of goods", "exports of the country"), name the whole flow, its owner, its
#: period or its measure, never goods: the flow stays the total.  Any other noun there that
#: is no product of the lexicon («экспорт мёда», "exports of honey") makes a product claim
#: of an unknown product, which no total checks (:func:`corridor.claims.extract._unknown_goods`).
TOTAL_NOUNS_RU: tuple[str, ...] = (
    "товар", "продукция", "продукт", "изделие", "груз", "товарооборот", "торговля", "страна", "республика",
    "государство", "регион", "область", "провинция", "город", "компания", "предприятие", "экономика", "сторона",
    "партнёр", "год", "месяц", "квартал", "полугодие", "период", "неделя", "объём", "стоимость", "сумма", "итог",
    "показатель", "рост", "доля", "часть", "структура", "номенклатура", "позиция", "тонна", "млрд", "млн",
    "миллиард", "миллион", "тысяча", "доллар", "тенге", "юань", "евро", "рубль", "рубеж", "уровень",
    "отрасль", "сектор", "бизнес", "производитель", "экспортёр", "импортёр", "казахстанец", "население", "мир",
    "все", "весь", "ряд", "вид",
)
#: Adjectives that, alone after a flow noun («экспорт основных …», «импорт прочих …»), do
#: not stand for goods (a substantivised «зерновых», «масличных» does).
TOTAL_ADJECTIVES_RU: frozenset[str] = frozenset({
    "основной", "другой", "весь", "такой", "этот", "тот", "прочий", "остальной", "наш", "свой", "их", "прошлый", "новый",
    "главный", "крупный", "ключевой", "традиционный", "отечественный", "собственный", "иной", "различный", "многий",
    "сам", "самый", "данный", "подобный", "некоторый", "первый", "второй", "третий",
})
TOTAL_WORDS_EN: tuple[str, ...] = (
    "goods", "products", "produce", "commodities", "merchandise", "items", "cargo", "cargoes", "country", "countries",
    "republic", "nation", "state", "region", "province", "the", "its", "their", "our", "his", "her", "this", "that",
    "these", "those", "about", "around", "some", "nearly", "almost", "over", "more", "less", "up", "only", "just",
    "roughly", "approximately", "all", "everything", "total", "value", "worth", "a", "an", "kazakhstan", "china",
    "record", "at", "least", "under", "above", "below", "between", "from", "to", "in", "by", "with",
)

#: Words that make an export claim an agricultural-export claim.
AGRI_WORDS: tuple[str, ...] = (
    r"сельхоз\w*", r"сельскохозяйственн\w*", r"агропродукц\w*", r"продукци\w* апк", r"апк",
    r"agricultural", r"agri-food", r"agrifood", r"farm",
)

#: (product key, Russian lemmas, English words): see :mod:`corridor.claims.products`.
PRODUCTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = tuple((p.key, p.ru, p.en) for p in _PRODUCTS)

# --- numbers, units, months -----------------------------------------------------------

#: Russian number words (lemmas) and English ones, with their value.
NUMBER_WORDS_RU: tuple[tuple[str, float], ...] = (
    ("один", 1), ("два", 2), ("три", 3), ("четыре", 4), ("пять", 5), ("шесть", 6), ("семь", 7),
    ("восемь", 8), ("девять", 9), ("десять", 10), ("одиннадцать", 11), ("двенадцать", 12),
    ("тринадцать", 13), ("четырнадцать", 14), ("пятнадцать", 15), ("шестнадцать", 16),
    ("семнадцать", 17), ("восемнадцать", 18), ("девятнадцать", 19), ("двадцать", 20),
    ("тридцать", 30), ("сорок", 40), ("пятьдесят", 50), ("шестьдесят", 60), ("семьдесят", 70),
    ("восемьдесят", 80), ("девяносто", 90), ("сто", 100), ("полтора", 1.5),
)
NUMBER_WORDS_EN: tuple[tuple[str, float], ...] = (
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
    ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
)

#: Scale words as regex fragments -> multiplier.
SCALES: tuple[tuple[str, float], ...] = (
    (r"трлн\.?|триллион\w*|trillion|trln|tln|tn", 1e12),
    (r"млрд\.?|миллиард\w*|billion|bln|bn|b", 1e9),
    (r"млн\.?|миллион\w*|million|mln|mn|m", 1e6),
    (r"тыс\.?|тысяч\w*|thousand|k", 1e3),
)

#: Currency words as regex fragments -> ISO code (after the number, or before it).
CURRENCY_AFTER: tuple[tuple[str, str], ...] = (
    (r"долл\.?(?:\s*США)?|доллар\w*(?:\s*США)?|(?:U\.?S\.?\s+)?dollars?|USD|US\$|\$", "USD"),
    (r"тенге|KZT|tenge|₸", "KZT"),
    (r"юан\w*|CNY|RMB|yuan|renminbi", "CNY"),
    (r"евро|EUR|euros?|€", "EUR"),
    (r"руб\.?|рубл\w*|RUB|roubles?|rubles?", "RUB"),
)
CURRENCY_BEFORE: tuple[tuple[str, str], ...] = (
    (r"US\$|USD|\$", "USD"), (r"€|EUR", "EUR"), (r"₸|KZT", "KZT"), (r"CNY|RMB", "CNY"),
)

#: Units that make "6 млн тонн" a quantity, not money.
NON_MONEY_UNITS = (
    r"тонн\w*|т\b|tonnes?|tons?|человек|чел\.|people|штук\w*|голов\w*|баррел\w*|barrels?|"
    r"кубометр\w*|куб\.|cubic|кв\w*|square|км|km|автомобил\w*|cars?|vehicles?|единиц\w*|units?|"
    r"пассажир\w*|passengers?|TEU|контейнер\w*|containers?|visitors?|туррист\w*|турист\w*|"
    r"жител\w*|residents?|metres?|meters?|трудящ\w*|рабоч\w*|мест\w*"
)

MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
             "сентябрь", "октябрь", "ноябрь", "декабрь")
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")

ADJ_ENDINGS = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "ым", "ом", "ую", "их", "ими", "ых", "ыми", "ые", "ый", "ую")


@cache
def morph():
    """The pymorphy3 analyser for Russian, built once on first use (about 50 ms)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def inflect(lemma: str, pos: str) -> frozenset[str]:
    """Every form of ``lemma`` as part of speech ``pos`` (``NOUN``, ``ADJF``, ``NUMR``).

    Multi-word lemmas inflect each word that the dictionary knows and keep the rest; hyphen
    compounds inflect their last part.  Unknown adjectives use the regular paradigm.
    """
    if " " in lemma:
        parts = [inflect(w, "ADJF") | inflect(w, "NOUN") if len(w) > 3 else frozenset({w}) for w in lemma.split(" ")]
        return frozenset(" ".join(p) for p in _product(parts))
    if "-" in lemma and pos == "ADJF":
        head, _, tail = lemma.rpartition("-")
        return frozenset(f"{head}-{f}" for f in inflect(tail, pos))
    if not re.fullmatch(r"[а-яё]+", lemma):
        return frozenset({lemma})
    forms = {f.word for p in morph().parse(lemma) if p.tag.POS == pos for f in p.lexeme if f.tag.POS == pos}
    if not forms and pos == "ADJF" and lemma.endswith(("ий", "ый", "ой")):
        forms = {lemma[:-2] + e for e in ADJ_ENDINGS}
    return frozenset(forms | {lemma})


def _product(parts: list[frozenset[str]]) -> Iterable[tuple[str, ...]]:
    import itertools

    return itertools.product(*[sorted(p) for p in parts])


def any_form(lemma: str) -> frozenset[str]:
    """All forms of a Russian lemma as a noun, adjective, verb, participle or numeral."""
    if not re.fullmatch(r"[а-яё -]+", lemma):
        return frozenset({lemma})
    if " " in lemma or "-" in lemma:
        return inflect(lemma, "ADJF") | inflect(lemma, "NOUN")
    forms = {f.word for p in morph().parse(lemma)[:2] for f in p.lexeme}
    return frozenset(forms | {lemma})


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (case-folded), longest alternative first.

    The words are merged into a character trie and emitted as nested groups
    (``каз(?:ахстан(?:а|ом|...)?)``): Python's ``re`` tries the alternatives of a flat
    list one by one at every position, which for thousands of forms is ~10x slower.
    A space inside a phrase matches any run of whitespace.
    """
    trie: dict = {}
    for w in {w.lower() for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for ch in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
        head = r"\s+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        body = f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _depth(node: dict) -> int:
    return 1 + max((_depth(v) for v in node.values()), default=0)


@dataclass(frozen=True, slots=True)
class Patterns:
    """Compiled patterns and the lookup tables their named groups index into."""

    economy: Folded
    economy_codes: dict[str, str]
    #: forms of the countries' names that after «в» are a place, not a direction («в
    #: Казахстане», «в Китае»; not «в Казахстан», nor the indeclinable «в КНР»)
    locative: frozenset[str]
    #: codes of cities, and the forms of their Russian names that after «в» are a place
    cities: frozenset[str]
    city_locative: frozenset[str]
    indicator: Folded
    indicator_codes: dict[str, str]
    product: Folded
    product_codes: dict[str, str]
    agri: Folded
    number_words: dict[str, float]
    number_word_re: str
    month_codes: dict[str, int]
    month_re: str


def _economy_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, nouns, adjs, en in COUNTRIES:
        for n in nouns:
            out.update(dict.fromkeys(inflect(n, "NOUN") if len(n) > 3 else {n}, code))
        for a in adjs:
            out.update(dict.fromkeys(inflect(a, "ADJF"), code))
            out[a[:-2] + "о"] = code  # first part of a compound: "казахстанско-китайский"
        for e in en:
            out.update({e: code, e + "'s": code, e + "’s": code})
    for code, ru, en in GROUPS:
        for phrase in ru:
            out.update(dict.fromkeys(inflect(phrase, "NOUN") if " " in phrase else inflect(phrase, "ADJF") | {phrase}, code))
        out.update(dict.fromkeys(en, code))
    for form, code in _region_forms().items():
        out.setdefault(form, code)  # a country's own word wins: «Пекин», "Beijing" stand for China
    return out


def _variants(name: str) -> list[str]:
    """A reference name and its bracketed alternative: "Сянган (Гонконг)" -> Сянган, Гонконг;
    "Xizang (Tibet) Autonomous Region" -> "Xizang Autonomous Region", "Tibet Autonomous Region"."""
    m = re.fullmatch(r"(.*?)\s*\((.*?)\)\s*(.*)", name.strip())
    return [name.strip()] if m is None else [f"{m[1]} {m[3]}".strip(), f"{m[2]} {m[3]}".strip()]


def _ru_name_forms(name: str) -> frozenset[str]:
    """Every case of a Russian place name.  Multi-word names inflect word by word; a
    foreign name ending in a vowel other than «а» is indeclinable («Ганьсу», «Алматы»);
    the dictionary's guesses for unknown names keep the whole stem («Сычуань» ->
    «Сычуани», never a shorter «Сычуа»), and a name in «-ь» takes both genders' endings."""
    low = name.lower()
    if " " in low:
        return inflect(low, "NOUN")
    if not re.fullmatch(r"[а-яё]+", low) or low[-1] in "еёиоуыэюя":
        return frozenset({low})
    stem = low[:-1] if low[-1] in "йьа" else low
    forms = {f for f in inflect(low, "NOUN") if f.startswith(stem)}
    if low.endswith("ь"):  # the dictionary guesses one gender; the press uses both («Хэнани», «Хэнанью», «Хэнаня»)
        forms |= {stem + e for e in ("ь", "и", "ью", "я", "ю", "ем", "е")}
    return frozenset(forms)


def _ru_subdivision_forms(name: str) -> frozenset[str]:
    """Forms of a Russian subdivision name; an autonomous region by its adjective or its
    short name, not every combination of the long name's words: «Гуанси-Чжуанский
    автономный район» -> «Гуанси-Чжуанского», «Гуанси»; «Тибетский автономный район» ->
    «тибетского», «Тибет»; «Автономный район Внутренняя Монголия» -> «Внутренней Монголии»."""
    low = name.lower()
    if low.startswith("автономный район "):
        return _ru_name_forms(low.removeprefix("автономный район "))
    if low.endswith(" автономный район"):
        head = low.removesuffix(" автономный район")
        short = head.split("-")[0] if "-" in head else head.removesuffix("ский")
        return inflect(head, "ADJF") | _ru_name_forms(short)
    return _ru_name_forms(name)


def _region_forms() -> dict[str, str]:
    """Every Russian and English form of the names of Kazakhstan's and China's first-level
    subdivisions -> ISO 3166-2 code (see :data:`PROVINCE_ADJECTIVES`)."""
    from ..reference.national import cn_provinces_short, kz_region_names, subdivision_names

    out: dict[str, str] = {}
    oblast = inflect("область", "NOUN")

    def named(code: str, forms: Iterable[str]) -> None:
        for f in forms:
            out.setdefault(f, code)

    def english(code: str, text: str, *, bare: bool = True) -> None:
        base = text.lower()
        for suffix in ("autonomous region", "region", "oblast", "city", "province", "municipality", "sar"):
            base = base.removesuffix(f" {suffix}")
        kind = ("city",) if _subdivision_type(code) in CITY_TYPES and code.startswith("KZ") else REGION_NOUNS_EN[:-2]
        forms = {base} if bare else set()
        forms |= {f"{base} {n}" for n in kind} | {text.lower()}
        for f in forms:
            out.update({f: code, f + "'s": code, f + "’s": code})

    for code, en, ru in subdivision_names("CN"):
        for variant in _variants(ru):
            named(code, _ru_subdivision_forms(variant))
        for variant in _variants(en):
            english(code, variant)
    for code, short in cn_provinces_short().items():
        english(code, short)
    for code, adjective in PROVINCE_ADJECTIVES:
        out.update(dict.fromkeys(inflect(adjective, "ADJF"), code))
    for text, code in kz_region_names():
        city = _subdivision_type(code) in CITY_TYPES
        if re.search("[a-z]", text, re.IGNORECASE):
            english(code, text, bare=city)
        elif text.lower().endswith("ская"):
            lemma = text.lower()[:-4] + "ский"
            for form in inflect(lemma, "ADJF"):
                out.update({f"{form} {o}": code for o in oblast} | {f"{o} {form}": code for o in oblast})
        else:
            # a city's own name («Астана»); a region named by a noun only with «область» («область Абай»)
            forms = inflect(text.lower(), "NOUN") if "-" in text else _ru_name_forms(text)
            if city:
                named(code, forms)
            else:
                for form in forms:
                    out.update({f"{o} {form}": code for o in oblast})
    for code, abbreviation in REGION_ABBREVIATIONS:
        out[abbreviation] = code
    return out


@cache
def _subdivision_type(code: str) -> str:
    """pycountry's type of an ISO 3166-2 subdivision ("Region", "City", "Municipality")."""
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return "" if sub is None else str(sub.type)


def _cities() -> tuple[frozenset[str], frozenset[str]]:
    """(codes of the cities among the subdivisions (:data:`CITY_TYPES`), the Russian forms of
    their names that after «в» are the place where: «в Астане», «в Шанхае», not «в Астану»)."""
    from ..reference.national import kz_region_names, subdivision_names

    names = [(code, ru) for country in ("CN", "KZ") for code, _en, ru in subdivision_names(country)]
    names += [(code, name) for name, code in kz_region_names() if not re.search("[a-z]", name, re.IGNORECASE)]
    cities = [(code, name) for code, name in names if _subdivision_type(code) in CITY_TYPES]
    return frozenset(c for c, _n in cities), _locative_forms(n.lower() for _c, n in cities)


def _locative_forms(nouns: Iterable[str] | None = None) -> frozenset[str]:
    """Forms of the countries' Russian nouns (or of ``nouns``) that are prepositional
    (locative) and never accusative: after «в» the place where, not the direction to."""
    out: set[str] = set()
    for n in (n for _c, ns, _a, _e in COUNTRIES for n in ns) if nouns is None else nouns:
        if len(n) <= 3 or " " in n:
            continue
        cases: dict[str, set[str]] = {}
        for parse in morph().parse(n):
            if parse.tag.POS == "NOUN":
                for f in parse.lexeme:
                    cases.setdefault(f.word, set()).add(str(f.tag.case))
        out |= {w for w, c in cases.items() if c & {"loct", "loc2"} and "accs" not in c}
    return frozenset(out)


@cache
def patterns() -> Patterns:
    """Build the lexicon's regexes once (about 0.2 s, including the dictionary load)."""
    eco = _economy_forms()
    # the two-letter codes of Telegram threads and tables ("KZ-CN trade", «Экспорт KZ в Китай»),
    # never a web address's ending ("inform.kz") or a subdivision code ("KZ-19")
    codes = "|".join(re.escape(c) for c in COUNTRY_CODES)
    economy = Folded.compile(rf"(?<![\w])(?:{alternation(eco)})(?![\w])|(?<![\w./@])(?:{codes})(?![\w.]|-\d)")
    eco |= COUNTRY_CODES

    ind: dict[str, str] = {}
    for name, ru, en in INDICATOR_WORDS:
        for w in ru:
            ind.update(dict.fromkeys(any_form(w), name))
        ind.update(dict.fromkeys(en, name))
    ind.pop("торговый", None)  # "торговый центр" is a shopping centre, not trade
    ind = {k: v for k, v in ind.items() if not k.startswith(("договорил", "договорит", "договарив"))}
    indicator = Folded.compile(rf"(?<![\w-])(?:{alternation(ind)})(?![\w-])")

    prod: dict[str, str] = {}
    for key, ru, en in PRODUCTS:
        for w in ru:
            prod.update(dict.fromkeys(inflect(w, "NOUN") | (inflect(w, "ADJF") if " " in w else frozenset()), key))
        prod.update(dict.fromkeys(en, key))
    product = Folded.compile(rf"(?<![\w-])(?:{alternation(prod)})(?![\w-])")
    agri = Folded.compile(rf"(?<![\w-])(?:{'|'.join(AGRI_WORDS)})(?![\w-])")

    numbers: dict[str, float] = {}
    for w, v in NUMBER_WORDS_RU:
        numbers.update(dict.fromkeys(inflect(w, "NUMR"), v))
    numbers.update(dict(NUMBER_WORDS_EN))
    months: dict[str, int] = {}
    for i, w in enumerate(MONTHS_RU, start=1):
        months.update(dict.fromkeys(inflect(w, "NOUN"), i))
    months.update({w: i for i, w in enumerate(MONTHS_EN, start=1)})
    months.update({w[:3] + ".": i for i, w in enumerate(MONTHS_EN, start=1)})
    cities, city_locative = _cities()
    return Patterns(
        economy=economy, economy_codes={k.lower(): v for k, v in eco.items()}, locative=_locative_forms(),
        cities=cities, city_locative=city_locative,
        indicator=indicator, indicator_codes={k.lower(): v for k, v in ind.items()},
        product=product, product_codes={k.lower(): v for k, v in prod.items()}, agri=agri,
        number_words=numbers, number_word_re=alternation(numbers),
        month_codes=months, month_re=alternation(months),
    )


def lookup(table: dict[str, str], matched: str) -> str:
    """Look a matched phrase up in ``table`` after normalising case and whitespace."""
    return table[_SPACES.sub(" ", matched.lower())]


_SPACES = re.compile(r"\s+")
