"""User-interface labels in English and Russian.

``label(key, lang)`` returns the text.  Every part of corridor that speaks to users keeps
its own table of texts in a :class:`Catalogue`, which refuses a key missing a language.
"""

from __future__ import annotations

from typing import Literal

from ..words import MONTHS, format_text, months_span

__all__ = ["LABELS", "LANGS", "MONTHS", "Catalogue", "label", "months_span"]

Lang = Literal["en", "ru"]
LANGS: tuple[str, ...] = ("en", "ru")

LABELS: dict[str, dict[str, str]] = {
    "monitor_title": {"en": "{economy} – {partner} trade monitor, {y0}–{y1}",
                      "ru": "Мониторинг торговли {economy} – {partner}, {y0}–{y1}"},
    "synthetic_banner": {"en": "SYNTHETIC DATA: these numbers are generated for the demo and are NOT real statistics.",
                         "ru": "СИНТЕТИЧЕСКИЕ ДАННЫЕ: эти цифры сгенерированы для демонстрации и НЕ являются реальной статистикой."},
    "as_reported_by": {"en": "As reported by {who} ({side}), USD million",
                       "ru": "По данным стороны «{who}» ({side}), млн долл. США"},
    "side_own": {"en": "own statistics", "ru": "собственная статистика"},
    "side_mirror": {"en": "mirror statistics", "ru": "зеркальная статистика"},
    "year": {"en": "Year", "ru": "Год"},
    "period": {"en": "Period", "ru": "Период"},
    "period_months": {"en": "{span} of each year; growth over the same months a year earlier",
                      "ru": "{span} каждого года; рост к тем же месяцам годом ранее"},
    "period_monthly": {"en": "Month by month; growth over the same month a year earlier",
                       "ru": "По месяцам; рост к тому же месяцу годом ранее"},
    "absent_partner_region": {
        "en": "No {side} of {who}: {who}'s statistics give partners as countries, not as the regions of another country ({about}).",
        "ru": "Нет данных ({side}) стороны «{who}»: её статистика даёт партнёров по странам, а не по регионам другой страны ({about})."},
    "absent_no_data": {"en": "No {side} of {who} on trade with {about} in the workspace.",
                       "ru": "В рабочем пространстве нет данных ({side}) стороны «{who}» о торговле с {about}."},
    "exports": {"en": "Exports", "ru": "Экспорт"},
    "imports": {"en": "Imports", "ru": "Импорт"},
    "turnover": {"en": "Turnover", "ru": "Товарооборот"},
    "balance": {"en": "Balance", "ru": "Сальдо"},
    "growth": {"en": "{what} y/y %", "ru": "{what}, г/г %"},
    "growth_short": {"en": "y/y %", "ru": "г/г %"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "gap_title": {"en": "Mirror gap: {partner}'s figures minus {economy}'s, USD million",
                  "ru": "Зеркальный разрыв: данные партнёра «{partner}» минус данные «{economy}», млн долл. США"},
    "own": {"en": "own", "ru": "свои"},
    "mirror": {"en": "mirror", "ru": "зеркальные"},
    "gap_pct": {"en": "gap %", "ru": "разрыв %"},
    "structure_title": {"en": "Structure of {flow} ({side}, {level})", "ru": "Структура: {flow} ({side}, {level})"},
    "products": {"en": "Products", "ru": "Товаров"},
    "hhi": {"en": "HHI", "ru": "ИХХ"},
    "agri_share": {"en": "Agri %", "ru": "Агро %"},
    "noncommodity_share": {"en": "Non-commodity %", "ru": "Несырьевые %"},
    "gained": {"en": "Gained", "ru": "Новые"},
    "lost": {"en": "Lost", "ru": "Выбывшие"},
    "sections_title": {"en": "{flow} by HS section, {year} ({side})", "ru": "{flow} по разделам ТН ВЭД, {year} ({side})"},
    "section": {"en": "Section", "ru": "Раздел"},
    "value_musd": {"en": "USD million", "ru": "млн долл."},
    "share_pct": {"en": "Share %", "ru": "Доля %"},
    "top_title": {"en": "Top {n} products: {flow}, {year} ({side})", "ru": "Топ-{n} товаров: {flow}, {year} ({side})"},
    "rank": {"en": "#", "ru": "№"},
    "code": {"en": "Code", "ru": "Код"},
    "name": {"en": "Product", "ru": "Товар"},
    "notes": {"en": "Notes", "ru": "Примечания"},
    "flow_export": {"en": "exports", "ru": "экспорт"},
    "flow_import": {"en": "imports", "ru": "импорт"},
    "report_written": {"en": "Report written to {path}", "ru": "Отчёт записан в {path}"},
    "demo_inputs": {"en": "data: {data}; workspace: {workspace}", "ru": "данные: {data}; рабочее пространство: {workspace}"},
    "demo_synthetic": {"en": "SYNTHETIC sample", "ru": "СИНТЕТИЧЕСКИЙ образец"},
    "ingested": {"en": "{file}: stored {rows:,} rows as {ingest_id} ({source}, release {release})",
                 "ru": "{file}: сохранено строк: {rows:,}, загрузка {ingest_id} ({source}, выпуск {release})"},
    "ingested_shared": {"en": "{file}: stored {rows:,} new rows as {ingest_id} ({source}, release {release}); "
                              "{already:,} rows identical to rows already stored from other files are kept once",
                        "ru": "{file}: сохранено новых строк: {rows:,}, загрузка {ingest_id} ({source}, выпуск {release}); "
                              "строк, совпадающих с уже сохранёнными из других файлов (хранятся один раз): {already:,}"},
    "unchanged": {"en": "{file}: already ingested ({ingest_id}); nothing changed",
                  "ru": "{file}: уже загружен ({ingest_id}); ничего не изменилось"},
    "year_already_stored": {"en": "{file}: year {year} already stored from this release; skipped",
                            "ru": "{file}: {year} год этого выпуска уже загружен; пропущен"},
    "no_data": {"en": "n/a", "ru": "н/д"},
    "yes": {"en": "yes", "ru": "да"},
    "no": {"en": "no", "ru": "нет"},
}


class Catalogue:
    """The UI texts of one part of corridor in English and Russian, checked when built:
    every key must have a non-empty text in each of :data:`LANGS`.

    ``catalogue(key, lang, **fmt)`` returns the text formatted with ``fmt``; a parameter
    with a ``render(lang)`` method (:class:`corridor.words.Count`: ``5 лет``, ``21 строка``)
    is rendered in the reader's language first.
    """

    __slots__ = ("name", "texts")

    def __init__(self, name: str, texts: dict[str, dict[str, str]]):
        bad = sorted(k for k, v in texts.items() if set(v) != set(LANGS) or not all(v.values()))
        if bad:
            raise ValueError(f"UI catalogue {name!r}: keys without a text in each of {', '.join(LANGS)}: {', '.join(bad)}")
        self.name = name
        self.texts = texts

    def __call__(self, key: str, lang: str = "en", /, **fmt: object) -> str:
        text = self.texts[key][lang]
        return format_text(text, lang, **fmt) if fmt else text


#: The texts of the monitor, the ingest and demo commands.
label = Catalogue("monitor", LABELS)
