"""A number and its noun in English and Russian: ``1 year``, ``5 years``; ``1 год``, ``2 года``, ``5 лет``.

The one helper for every text that puts a count before a noun (notes, terminal tables, HTML,
CSV/XLSX notes, ingest and workspace messages, the dashboard).  Russian chooses among three
forms by the last two digits (the rule of every Russian grammar, e.g. Rosenthal, *Справочник
по правописанию и стилистике*, § 187; Unicode CLDR plural rules for ``ru``):

- ``one``: the number ends in 1 but not in 11 (1, 21, 101: «1 год», «21 строка»);
- ``few``: it ends in 2-4 but not in 12-14 (2, 22, 104: «2 года», «22 строки»);
- ``many``: every other whole number (0, 5-20, 25, 111: «5 лет», «11 строк»);
- a fraction takes the genitive singular, which is the ``few`` form of a noun (CLDR
  ``other``: «2,5 года», «1,5 строки»).

English: ``one`` for exactly 1, else the plural.  :data:`NOUNS` holds every noun counted in
corridor's texts; :class:`Count` is the parameter of a text that renders itself in the
reader's language (:class:`corridor.reports.i18n.Catalogue` and the notes render it).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

NBSP = "\u00a0"

#: noun -> ((English singular, plural), (Russian one, few, many)).  Keys ending in ``_gen``
#: are the Russian genitive (after «из», «по данным», «менее»: «из 21 экономики»).
NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "year": (("year", "years"), ("год", "года", "лет")),
    "month": (("month", "months"), ("месяц", "месяца", "месяцев")),
    "row": (("row", "rows"), ("строка", "строки", "строк")),
    "line": (("line", "lines"), ("строка", "строки", "строк")),
    "product": (("product", "products"), ("товар", "товара", "товаров")),
    "product_gen": (("product", "products"), ("товара", "товаров", "товаров")),
    "code": (("code", "codes"), ("код", "кода", "кодов")),
    "claim": (("claim", "claims"), ("утверждение", "утверждения", "утверждений")),
    "ingest": (("ingest", "ingests"), ("загрузка", "загрузки", "загрузок")),
    "file": (("file", "files"), ("файл", "файла", "файлов")),
    "stored_file": (("stored file", "stored files"), ("хранимый файл", "хранимых файла", "хранимых файлов")),
    "economy": (("economy", "economies"), ("экономика", "экономики", "экономик")),
    "economy_gen": (("economy", "economies"), ("экономики", "экономик", "экономик")),
    "country_gen": (("country", "countries"), ("страны", "стран", "стран")),
    "exporter": (("exporter", "exporters"), ("экспортёр", "экспортёра", "экспортёров")),
    "deal": (("deal", "deals"), ("сделка", "сделки", "сделок")),
    "target": (("target", "targets"), ("цель", "цели", "целей")),
    "natural_resource": (("natural resource", "natural resources"),
                         ("природный ресурс", "природных ресурса", "природных ресурсов")),
    "cell": (("cell", "cells"), ("ячейка", "ячейки", "ячеек")),
    "figure": (("figure", "figures"), ("значение", "значения", "значений")),
    "measure": (("measure", "measures"), ("показатель", "показателя", "показателей")),
    "revision": (("revision", "revisions"), ("пересмотр", "пересмотра", "пересмотров")),
    "release": (("release", "releases"), ("выпуск", "выпуска", "выпусков")),
    "time": (("time", "times"), ("раз", "раза", "раз")),
    "byte": (("byte", "bytes"), ("байт", "байта", "байт")),
    "byte_gen": (("byte", "bytes"), ("байта", "байт", "байт")),
    "character_gen": (("character", "characters"), ("символа", "символов", "символов")),
    "attempt": (("attempt", "attempts"), ("попытки", "попыток", "попыток")),
    "reporter": (("reporter", "reporters"), ("отчитывающаяся сторона", "отчитывающиеся стороны", "отчитывающихся сторон")),
}


def _whole(n: float) -> int | None:
    f = float(n)
    return int(f) if f.is_integer() else None


def plural_ru(n: float, forms: tuple[str, str, str]) -> str:
    """The Russian form of a noun after ``n``: ``forms`` = (one, few, many), e.g. («год»,
    «года», «лет»): 1 год, 2 года, 5 лет, 11 лет, 21 год, 22 года, 111 лет; a fraction takes
    the genitive singular (the ``few`` form): 2,5 года."""
    whole = _whole(n)
    if whole is None:
        return forms[1]
    whole = abs(whole)
    if whole % 10 == 1 and whole % 100 != 11:
        return forms[0]
    if 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
        return forms[1]
    return forms[2]


def plural_en(n: float, forms: tuple[str, str]) -> str:
    """The English form of a noun after ``n``: singular for exactly 1, else plural."""
    return forms[0] if abs(float(n)) == 1 else forms[1]


def noun(n: float, key: str, lang: str = "en") -> str:
    """The form of noun ``key`` (:data:`NOUNS`) after the number ``n`` in ``lang``."""
    en, ru = NOUNS[key]
    return plural_ru(n, ru) if lang == "ru" else plural_en(n, en)


def figure(n: float, lang: str = "en", *, digits: int = 1) -> str:
    """``n`` as shown before its noun: a whole number with grouped thousands (``1,234`` /
    ``1 234``), a fraction with ``digits`` decimals (``2.5`` / ``2,5``)."""
    whole = _whole(n)
    text = f"{whole:,}" if whole is not None else f"{float(n):,.{digits}f}"
    return text.replace(",", NBSP).replace(".", ",") if lang == "ru" else text


def count(n: float, key: str, lang: str = "en", *, digits: int = 1) -> str:
    """``n`` and its noun in the right form: ``count(22, "row", "ru")`` -> ``22 строки``."""
    return f"{figure(n, lang, digits=digits)} {noun(n, key, lang)}"


@dataclass(frozen=True, slots=True)
class Count:
    """A count of a noun as a text parameter; ``render(lang)`` gives ``5 лет`` / ``5 years``."""

    value: float
    noun: str

    def __post_init__(self) -> None:
        NOUNS[self.noun]  # an unknown noun is a bug: fail where the text is made

    def render(self, lang: str) -> str:
        return count(self.value, self.noun, lang)


class _Formatter(string.Formatter):
    """``str.format`` in a language: ``{n#row}`` is the count of ``n`` with its noun
    (:func:`count`), ``{n#january_to}`` the months January to ``n`` (:func:`months_span`), and a number's separators follow the language (``{rows:,}`` is
    ``1 234`` in Russian, ``{p:+.2f}`` is ``+0,52``)."""

    def __init__(self, lang: str):
        self.lang = lang

    def get_field(self, field_name, args, kwargs):  # noqa: ANN001 - string.Formatter's hook
        name, _, key = field_name.partition("#")
        value = kwargs[name]
        if key == SPAN:
            return _Span(int(value)), field_name
        return (Count(value, key) if key else value), field_name

    def format_field(self, value, format_spec):  # noqa: ANN001
        if hasattr(value, "render"):
            return format(value.render(self.lang), format_spec)
        text = format(value, format_spec)
        if self.lang == "ru" and isinstance(value, (int, float)) and not isinstance(value, bool):
            text = text.replace(",", NBSP).replace(".", ",")
        return text


def format_text(template: str, lang: str = "en", /, **params: object) -> str:
    """``template`` formatted with ``params`` in ``lang``: ``{n#year}`` gives ``5 лет`` /
    ``5 years``, numbers take the language's separators, a parameter with a ``render(lang)``
    method is rendered (:class:`Count`)."""
    return _Formatter(lang).format(template, **params)


#: The names of the months (``MONTHS[9]["ru"]`` = ``сентябрь``), for every layer that writes a period.
MONTHS: dict[int, dict[str, str]] = {
    1: {"en": "January", "ru": "январь"}, 2: {"en": "February", "ru": "февраль"}, 3: {"en": "March", "ru": "март"},
    4: {"en": "April", "ru": "апрель"}, 5: {"en": "May", "ru": "май"}, 6: {"en": "June", "ru": "июнь"},
    7: {"en": "July", "ru": "июль"}, 8: {"en": "August", "ru": "август"}, 9: {"en": "September", "ru": "сентябрь"},
    10: {"en": "October", "ru": "октябрь"}, 11: {"en": "November", "ru": "ноябрь"},
    12: {"en": "December", "ru": "декабрь"},
}


def months_span(months: int, lang: str = "en", *, capital: bool = False) -> str:
    """``January–September`` (``январь–сентябрь``): the months of a January–N period; ``January`` alone for N = 1.
    ``capital``: the first letter upper-case, to begin a line or a cell (``Январь–сентябрь``)."""
    first = MONTHS[1][lang]
    if capital:
        first = first[:1].upper() + first[1:]
    return first if months == 1 else f"{first}–{MONTHS[months][lang]}"


#: The key of a text's parameter written as the months January to N: ``{n#january_to}``.
SPAN = "january_to"


@dataclass(frozen=True, slots=True)
class _Span:
    months: int

    def render(self, lang: str) -> str:
        return months_span(self.months, lang)
