"""The words of verdicts in English and Russian, in one place.

A verdict carries a ``reason`` code and plain ``params`` (codes, labels, numbers as text);
:func:`reason_text` renders them in either language.  The library's
``Verdict.explanation``/``needs`` are the English rendering; the text report renders
Russian from the same code and params.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..options import Lang, check
from .model import UNNAMED_FIELDS
from .products import BY_KEY

#: Every reason a verdict can give (the first three for judged verdicts).
REASONS: tuple[str, ...] = (
    "match", "spread", "outside", "modality", "not_trade", "product", "product_data", "no_period", "relative", "economies",
    "currency", "fx", "no_workspace", "regional", "side_missing", "no_data", "no_base", "near", "implausible",
    "ambiguous", "base_year", "mirror_only",
)

TERMS: dict[str, dict[str, str]] = {
    "en": {
        "turnover": "turnover", "exports": "exports", "imports": "imports", "balance": "balance",
        "agri_exports": "agricultural exports", "product_exports": "exports", "product_imports": "imports",
        "deal": "deal", "investment": "investment", "fact": "fact", "target": "target", "plan": "plan",
        "forecast": "forecast", "period": "period", "economies": "economies", "unit": "unit",
        "indicator": "indicator", "product": "product",
        "year": "annual", "month": "monthly", "ytd": "monthly or cumulative", "range": "monthly",
        "exports + imports": "exports + imports", "exports - imports": "exports - imports",
        "exports and imports": "exports and imports",
        "economy": "own statistics", "partner": "mirror statistics",
        "agri_imports": "agricultural imports", "agri_trade": "agricultural trade",
        "over": "over", "under": "under", "nearly": "nearly", "about": "about", "record": "record",
        "yoy": "year on year", "same_period_last_year": "on the same period of last year",
        "earlier_year": "on an earlier year",
    },
    "ru": {
        "turnover": "товарооборот", "exports": "экспорт", "imports": "импорт", "balance": "сальдо",
        "agri_exports": "экспорт агропродукции", "product_exports": "экспорт", "product_imports": "импорт",
        "deal": "сделки", "investment": "инвестиции", "fact": "факт", "target": "цель", "plan": "план",
        "forecast": "прогноз", "period": "период", "economies": "страны", "unit": "единица",
        "indicator": "показатель", "product": "товар",
        "year": "годовые", "month": "месячные", "ytd": "месячные или нарастающим итогом", "range": "месячные",
        "exports + imports": "экспорт + импорт", "exports - imports": "экспорт − импорт",
        "exports and imports": "экспорт и импорт",
        "economy": "собственная статистика", "partner": "зеркальная статистика",
        "agri_imports": "импорт агропродукции", "agri_trade": "торговля агропродукцией",
        "over": "более", "under": "менее", "nearly": "почти", "about": "около", "record": "рекорд",
        "yoy": "год к году", "same_period_last_year": "к аналогичному периоду прошлого года",
        "earlier_year": "к более раннему году",
    },
}

NAMES: dict[str, dict[str, str]] = {
    "en": {"KAZ": "Kazakhstan", "CHN": "China", "CN-XJ": "Xinjiang (CN-XJ)", "RUS": "Russia",
           "UZB": "Uzbekistan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
           "ITA": "Italy", "NLD": "the Netherlands", "TUR": "Türkiye", "DEU": "Germany", "FRA": "France",
           "KOR": "the Republic of Korea", "JPN": "Japan", "IND": "India", "BLR": "Belarus", "GBR": "the United Kingdom",
           "CHE": "Switzerland", "IRN": "Iran", "MNG": "Mongolia", "AFG": "Afghanistan", "ARE": "the United Arab Emirates",
           "CAS": "Central Asia", "EAEU": "the EAEU", "CIS": "the CIS", "EU": "the EU", "SCO": "the SCO", "BRI": "the Belt and Road countries", "WLD": "the world"},
    # genitive: "статистика Казахстана", "данные Китая"
    "ru": {"KAZ": "Казахстана", "CHN": "Китая", "CN-XJ": "Синьцзяна (CN-XJ)", "RUS": "России",
           "UZB": "Узбекистана", "KGZ": "Кыргызстана", "TJK": "Таджикистана", "TKM": "Туркменистана",
           "ITA": "Италии", "NLD": "Нидерландов", "TUR": "Турции", "DEU": "Германии", "FRA": "Франции",
           "KOR": "Республики Корея", "JPN": "Японии", "IND": "Индии", "BLR": "Беларуси", "GBR": "Великобритании",
           "CHE": "Швейцарии", "IRN": "Ирана", "MNG": "Монголии", "AFG": "Афганистана", "ARE": "ОАЭ",
           "CAS": "Центральной Азии", "EAEU": "ЕАЭС", "CIS": "СНГ", "EU": "ЕС", "SCO": "ШОС", "BRI": "стран «Пояса и пути»", "WLD": "мира"},
}


def term(value: str, lang: str) -> str:
    return TERMS[lang].get(value, value)


#: The parts of a flow (:data:`corridor.claims.lexicon.PARTS`) by name.
PART_NAMES: dict[str, dict[str, str]] = {
    "en": {"non_resource": "non-resource goods", "processed": "processed goods", "raw_materials": "raw materials",
           "services": "services", "e_commerce": "e-commerce", "border_trade": "border trade", "transit": "transit",
           "monthly_average": "monthly average"},
    "ru": {"non_resource": "несырьевые товары", "processed": "продукция обработки", "raw_materials": "сырьё",
           "services": "услуги", "e_commerce": "электронная торговля", "border_trade": "приграничная торговля",
           "transit": "транзит", "monthly_average": "в среднем за месяц"},
}


def product_name(key: str, lang: str = "en") -> str:
    """A claim's product or part of a flow in ``lang`` (the lexicon's first word for a
    product: «медь», "copper"); an unknown key as it is."""
    if key in PART_NAMES[lang]:
        return PART_NAMES[lang][key]
    p = BY_KEY.get(key)
    return key if p is None else p.ru[0] if lang == "ru" else p.en[0]


def name(code: str, lang: str = "en") -> str:
    """An economy, group or region in ``lang``; a region without a name of its own here by
    the reference tables' name and its code ("Sichuan (CN-SC)")."""
    if code in NAMES[lang]:
        return NAMES[lang][code]
    return f"{_region_name(code, lang)} ({code})" if "-" in code else code


def _t(lang: str, en: str, ru: str) -> str:
    return en if lang == "en" else ru


def reason_text(reason: str, params: Mapping[str, str], lang: str = "en") -> tuple[str, str | None]:
    """(why, needs) of a not-checkable reason, in ``lang``."""
    check(lang, Lang, field="lang")
    p = dict(params)
    t = lambda key: term(p.get(key, ""), lang)  # noqa: E731
    match reason:
        case "modality":
            return (_t(lang, f"a {t('modality')}, not a reported statistic", f"{t('modality')}, а не опубликованная статистика"),
                    _t(lang, f"statistics for {p['period']} once published", f"статистика за {p['period']} после публикации"))
        case "not_trade":
            return (_t(lang, f"{t('indicator')} values are not trade flows", f"{t('indicator')} — не торговые потоки"),
                    _t(lang, "investment or contract registers (e.g. National Bank of Kazakhstan FDI statistics)",
                       "реестры инвестиций или контрактов (например, статистика прямых инвестиций Нацбанка РК)"))
        case "product":
            what = product_name(p["product"], lang)
            return (_t(lang, f"corridor has no HS mapping for the product group '{what}'",
                       f"для товарной группы «{what}» нет привязки к кодам ТН ВЭД"),
                    _t(lang, f"an HS mapping for '{what}' (corridor.claims.verification.PRODUCT_HS)",
                       f"привязка «{what}» к кодам ТН ВЭД (corridor.claims.verification.PRODUCT_HS)"))
        case "product_data":
            return (_t(lang, f"no HS-level figures for {p['product']} in the workspace",
                       f"в рабочем пространстве нет данных по кодам ТН ВЭД для {p['product']}"),
                    _t(lang, f"HS-level flows ({p['product']}) for {p['relation']}, {p['label']} (from either side)",
                       f"потоки по кодам ТН ВЭД ({p['product']}) для {p['relation']}, {p['label']} (любой из сторон)"))
        case "no_period":
            return _t(lang, "the period is not stated", "период не указан"), _t(lang, "the period", "период")
        case "relative":
            return (_t(lang, f"the relative period '{p['text']}' needs a date", f"относительный период «{p['text']}» требует даты"),
                    _t(lang, "the publication date (--date)", "дата публикации (--date)"))
        case "economies":
            return (_t(lang, "the text does not name both economies", "в тексте не названы обе страны"),
                    _t(lang, "the reporting economy and the partner", "отчитывающаяся страна и партнёр"))
        case "currency":
            return _t(lang, "the currency is not printed", "валюта не указана"), _t(lang, "the currency of the amount", "валюта суммы")
        case "fx":
            return (_t(lang, f"no {p['currency']}/USD rate for {p['year']} in corridor.claims.fx",
                       f"нет курса {p['currency']}/USD за {p['year']} в corridor.claims.fx"),
                    _t(lang, f"an annual average {p['currency']}/USD rate for {p['year']}",
                       f"среднегодовой курс {p['currency']}/USD за {p['year']}"))
        case "no_workspace":
            return (_t(lang, "no workspace is open", "рабочее пространство не открыто"),
                    _t(lang, "a workspace with trade flows (corridor ingest ...)",
                       "рабочее пространство с данными о торговле (corridor ingest ...)"))
        case "base_year":
            return (_t(lang, "the growth is over several years, against an earlier year than the year before",
                       "рост за несколько лет, к более раннему году, чем предыдущий"),
                    _t(lang, "a year-on-year rate (the checker compares with the year before)",
                       "темп год к году (проверка сравнивает с предыдущим годом)"))
        case "no_base":
            return (_t(lang, "no source gives both periods", "ни один источник не даёт оба периода"),
                    _t(lang, f"the same source's figures for {p['base']} and {p['label']}",
                       f"данные одного источника за {p['base']} и {p['label']}"))
        case "regional" | "side_missing" | "no_data":
            why = _t(lang, f"no source in the workspace gives this figure for {p['label']}",
                     f"ни один источник в рабочем пространстве не даёт эту цифру за {p['label']}")
            return why, missing_text(reason, p, lang)
        case "mirror_only":
            return (_t(lang, f"only {name(p['partner'])}'s mirror figure for {p['label']} is in the workspace, and the claim"
                             f" lies outside it; {name(p['reporter'])}'s own figure, which may differ from the mirror by"
                             f" 5-60 %, is missing",
                       f"в рабочем пространстве есть только зеркальные данные {name(p['partner'], 'ru')} за {p['label']},"
                       f" и утверждение вне их; собственных данных {name(p['reporter'], 'ru')}, которые могут"
                       f" отличаться от зеркальных на 5–60 %, нет"),
                    missing_text("mirror_only", p, lang))
        case "implausible":
            return (_t(lang, f"{name(p['reporter'])}-reported {p['flow']}s for {p['label']} are {float(p['ratio']):.0%} of the other"
                             f" side's figure (incomplete reporting); the claim lies between the sides",
                       f"данные {name(p['reporter'], 'ru')} ({term(p['flow'] + 's', 'ru')}) за {p['label']} составляют "
                       f"{float(p['ratio']):.0%} от данных другой стороны (неполная отчётность); утверждение между ними"),
                    _t(lang, f"complete {name(p['reporter'])}-reported {p['flow']}s for {p['label']} (e.g. the national statistics office)",
                       f"полные данные {name(p['reporter'], 'ru')} ({term(p['flow'] + 's', 'ru')}) за {p['label']}"
                       f" (например, национальной статистики)"))
        case "ambiguous" if p.get("what") in ("scope", "magnitude"):
            # assumed economies: another scope of the pair; printed ones: another scope or period
            en = (f"the economies were assumed ({p['taken']}) and the figure is three times or more away from every"
                  f" source's: the text may mean another scope (the world, a group of countries)",
                  f"the figure is three times or more away from every source's for the reading taken ({p['taken']}):"
                  f" the text more likely means another scope (the world, a product, another period) than a wrong figure")
            ru = (f"страны приняты по умолчанию ({p['taken']}), а цифра отличается от всех источников в три раза и"
                  f" более: возможно, речь о другом охвате (весь мир, группа стран)",
                  f"цифра отличается от всех источников в три раза и более при принятом прочтении ({p['taken']}):"
                  f" вероятнее, речь о другом охвате (весь мир, товар, другой период), чем об ошибке")
            k = p["what"] == "magnitude"
            return (_t(lang, en[k], ru[k]),
                    _t(lang, ("the economies stated in the text", "the scope and period stated in the text")[k],
                       ("страны, указанные в тексте", "охват и период, указанные в тексте")[k]))
        case "ambiguous":
            what = {"economies": ("economies", "страны"), "period": ("year", "год"), "indicator": ("indicator", "показатель"),
                    "product": ("product", "товар")}[p["what"]]
            carried = p["what"] in UNNAMED_FIELDS  # the sources' spread is enough
            return (_t(lang, f"outside every source for the reading taken ({p['taken']}), but"
                             f" {'not contradicted under' if carried else 'matches'} {p['alternative']};"
                             f" the {what[0]} is not printed in the sentence",
                       f"вне всех источников при принятом прочтении ({p['taken']}), но"
                       f" {'не противоречит им' if carried else 'совпадает'} при прочтении"
                       f" {p['alternative']}; {what[1]} в предложении не указан{'ы' if p['what'] == 'economies' else ''}"),
                    _t(lang, f"the {what[0]} stated in the text", f"{what[1]}, указанные в тексте" if p["what"] == "economies"
                       else f"{what[1]}, указанный в тексте"))
    raise KeyError(f"unknown reason {reason!r}")


def missing_text(reason: str, p: Mapping[str, str], lang: str) -> str:
    """What data is missing, for the three not-found reasons; for regional, monthly and
    cumulative figures also the file that would give it (:func:`source_files`)."""
    if reason == "regional":
        regions = ", ".join(name(r, lang) for r in p["regions"].split(","))
        text = _t(lang, f"regional statistics for {regions} ({p['relation']}, {p['label']})",
                  f"региональная статистика {regions} ({p['relation']}, {p['label']})")
        return f"{text}: {source_files(p['regions'].split(','), p['label'], lang)}"
    if reason in ("side_missing", "mirror_only"):
        text = _t(lang, f"{name(p['reporter'])}-reported {p['formula']} for {p['label']}",
                  f"данные {name(p['reporter'], 'ru')} ({term(p['formula'], 'ru')}) за {p['label']}")
        if reason == "mirror_only":
            return f"{text}: {source_files([p['reporter']], p['label'], lang)}"
        return text
    text = _t(lang, f"{term(p['kind'], 'en')} data for {p['label']} on {p['relation']} trade (from either side)",
              f"{term(p['kind'], 'ru')} данные за {p['label']} по торговле {p['relation']} (любой из сторон)")
    if p.get("kind", "year") != "year" and "–" in p.get("relation", ""):
        return f"{text}: {source_files(p['relation'].split('–'), p['label'], lang)}"
    return text


#: The national tables that give monthly, cumulative and regional figures (the files the
#: GACC and BNS importers read, see docs/sources.md), by the reporter's country.
SOURCE_FILES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"CN-": ("China customs monthly statistics by province, {name}, {label}", "{name}"),
           "CHN": ("China customs monthly statistics by partner country, {label}", ""),
           "KZ-": ("Kazakhstan BNS foreign-trade table by region, {name}, {label}", "{name}"),
           "KAZ": ("Kazakhstan BNS foreign-trade table by partner country, {label}", "")},
    "ru": {"CN-": ("ежемесячная таможенная статистика Китая по провинциям, {name}, {label}", "{name}"),
           "CHN": ("ежемесячная таможенная статистика Китая по странам-партнёрам, {label}", ""),
           "KZ-": ("таблица БНС РК по внешней торговле по регионам, {name}, {label}", "{name}"),
           "KAZ": ("таблица БНС РК по внешней торговле по странам-партнёрам, {label}", "")},
}


def source_files(codes: list[str], label: str, lang: str) -> str:
    """The files that would make a figure of ``codes``' trade for ``label`` checkable, e.g.
    "China customs monthly statistics by province, Xinjiang, 2024": the regions' own
    statistics when a code is a region (the other side does not report by region), else
    both countries' monthly tables."""
    regions = [c for c in codes if "-" in c]
    wanted = regions or list(codes)
    out = []
    for code in wanted:
        key = code[:3] if code[:3] in ("CN-", "KZ-") else code
        form = SOURCE_FILES[lang].get(key)
        if form is None:
            continue
        out.append(form[0].format(name=_region_name(code, lang) if "-" in code else "", label=label))
    if not out:
        return _t(lang, f"monthly trade statistics of {', '.join(name(c, lang) for c in wanted)}, {label}",
                  f"ежемесячная статистика торговли {', '.join(name(c, lang) for c in wanted)}, {label}")
    return _t(lang, " or ", " или ").join(out)


def _region_name(code: str, lang: str) -> str:
    """Short name of a Chinese province (Xinjiang) or a Kazakh region (Almaty Region)."""
    from ..reference.economy import economy_name
    from ..reference.national import cn_provinces_short

    if lang == "en" and code.startswith("CN-"):
        return cn_provinces_short().get(code, code)
    try:
        return economy_name(code, lang=lang)
    except Exception:  # noqa: BLE001 - an unknown code is named by itself
        return code
