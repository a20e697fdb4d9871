"""Headers of exported tables (CSV, XLSX, HTML) and sheet titles in English and Russian.

English headers are the column keys themselves (stable, machine-readable); Russian headers
are readable Russian with the unit.  A key missing here is shown as itself (a test checks
that every column of every answer's tables has its Russian header).
"""

from __future__ import annotations

from .i18n import Catalogue

#: column key -> Russian header.
RU: dict[str, str] = {
    # common
    "year": "год", "period": "период", "flow": "поток", "reporter": "отчитывающаяся страна", "partner": "партнёр",
    "reported_by": "по данным", "side": "сторона", "value_usd": "стоимость, долл. США", "source": "источник",
    "release": "выпуск", "valuation": "оценка (ФОБ/СИФ)", "basis": "основа", "primary": "основной ряд",
    "ingest_ids": "загрузки", "ingest_id": "загрузка", "code": "код", "name": "наименование", "rank": "место",
    "share": "доля", "growth_pct": "рост, %", "classification": "классификация", "level": "уровень",
    "section": "раздел ТН ВЭД", "change": "изменение", "product": "товар", "n": "№", "notes": "примечания",
    "answer": "ответ", "schema": "схема", "warning": "предупреждение", "lang": "язык",
    # monitor
    "exports": "экспорт, долл. США", "imports": "импорт, долл. США", "turnover": "товарооборот, долл. США",
    "balance": "сальдо, долл. США", "exports_growth_pct": "рост экспорта, %", "imports_growth_pct": "рост импорта, %",
    "turnover_growth_pct": "рост товарооборота, %", "balance_growth_pct": "рост сальдо, %", "sources": "источники",
    "own": "собственные данные, долл. США", "mirror": "зеркальные данные, долл. США", "gap_usd": "разрыв, долл. США",
    "gap_pct": "разрыв, %", "products": "число товаров", "total_usd": "всего, долл. США", "hhi": "индекс Херфиндаля–Хиршмана",
    "agricultural_share": "доля сельхозтоваров", "non_commodity_share": "доля несырьевых товаров",
    "gained": "новых товаров", "lost": "выбывших товаров", "economy": "страна", "years": "годы", "synthetic": "синтетические данные",
    # indicators
    "exporter": "экспортёр", "market": "рынок", "year_from": "с года", "year_to": "по год",
    "exports_to_market": "экспорт на рынок, долл. США", "exports_to_world": "экспорт в мир, долл. США",
    "market_share_of_exports": "доля рынка в экспорте", "n_products": "число товаров", "n_items": "число позиций",
    "theil": "индекс Тейла", "new": "новые товары, долл. США", "intensive": "интенсивная составляющая, долл. США",
    "tc": "индекс торговой комплементарности", "tii": "индекс интенсивности торговли", "dx": "индекс диверсификации",
    "status": "статус", "value_start": "стоимость в начале, долл. США", "value_end": "стоимость в конце, долл. США",
    "extensive": "экстенсивная составляющая, долл. США",
    # complexity
    "eci": "ИЭС (индекс экономической сложности)", "pci": "ИСТ (индекс сложности товара)", "fitness": "фитнес",
    "complexity": "сложность", "diversity": "диверсификация", "ubiquity": "распространённость",
    "coi": "ИПС (индекс перспектив сложности)", "method": "метод", "presence": "присутствие", "window": "окно, лет",
    "min_exports": "мин. экспорт страны, долл. США", "min_product_exports": "мин. экспорт товара, долл. США",
    "normalisation": "нормировка", "eigenvalue": "собственное значение", "iterations": "итераций",
    "converged": "сходимость", "score_columns": "столбцы баллов",
    # opportunities
    "name_en": "наименование (англ.)", "name_ru": "наименование", "wits_group": "группа WITS",
    "untapped": "неосвоенный потенциал, долл. США", "potential": "экспортный потенциал, долл. США",
    "actual": "фактический экспорт на рынок, долл. США", "demand": "импорт рынка, долл. США",
    "demand_growth": "рост импорта рынка, в год", "density": "плотность", "distance": "расстояние",
    "feasibility": "осуществимость", "feasibility_pct": "осуществимость, процентиль", "cog": "COG (выигрыш сложности)",
    "rca": "RCA (выявленное сравнительное преимущество)", "score": "балл стратегии",
    "balanced_score": "сбалансированный балл", "existing_strength": "уже сильная позиция",
    "is_natural_resource": "природный ресурс", "is_agricultural": "сельхозтовар", "kind": "тип товара",
    "why": "почему", "strategy": "стратегия", "rank_by": "ранжирование", "value_weight": "вес стоимости",
    "min_untapped": "порог неосвоенного потенциала, долл. США", "processed_only": "только продукты переработки",
    "ease": "лёгкость двусторонней торговли", "candidates": "кандидатов", "supply_share": "доля в мировом предложении",
    "market_share": "доля рынка", "supply": "предложение, долл. США", "world_share": "доля в мировом импорте",
    # check
    "text": "текст", "indicator": "показатель", "modality": "модальность", "growth_status": "вердикт по росту",
    "reason": "причина", "part": "часть", "value": "значение", "deviation_pct": "отклонение, %",
    "matches": "совпадает", "published": "дата публикации",
    # provenance
    "file_name": "файл", "file_path": "путь к файлу", "sha256": "SHA-256", "rows_read": "строк прочитано",
    "rows_stored": "строк сохранено", "rows_already_stored": "строк уже было", "ingested_at": "загружено (UTC)",
    "file_size": "размер файла, байт", "mapping": "сопоставление", "parser": "обработчик", "parser_version": "версия обработчика",
    "corridor_version": "версия corridor", "options": "параметры", "constants": "постоянные поля",
    "dataset": "набор данных", "file_bytes": "размер файла, байт", "parquet": "файл Parquet",
    "first_ingested": "первая загрузка (UTC)", "last_ingested": "последняя загрузка (UTC)", "ingests": "загрузок",
    "rows": "строк", "product_level": "уровень товаров",
    # monitor warnings, indicators, complexity, opportunities (more)
    "low_side": "сторона с заниженными данными", "own_products": "товаров по своим данным",
    "mirror_products": "товаров по зеркальным данным", "hhi_normalized": "нормированный индекс Херфиндаля–Хиршмана",
    "n_new": "число новых товаров", "n_lost": "число выбывших товаров", "theil_between": "индекс Тейла: между группами",
    "theil_within": "индекс Тейла: внутри групп", "importer": "импортёр", "mcp": "присутствие (Mcp)",
    "link": "связь", "product_1": "товар 1", "product_2": "товар 2", "proximity": "близость",
    "demand_projected": "прогноз импорта рынка, долл. США", "market_score": "рыночная составляющая",
    "product_space_score": "составляющая продуктового пространства", "value_score": "стоимостная составляющая",
    "realised": "потенциал реализован",
    # periods, deals, stored files
    "month": "месяц", "months": "месяцев", "period_kind": "вид периода", "origin": "происхождение ряда",
    "month_from": "с месяца", "month_to": "по месяц",
    "source_note": "примечание источника", "claimed_usd": "заявлено, долл. США", "currency": "валюта",
    "events": "события", "ledger_usd": "по реестру, долл. США", "parquet_bytes": "размер файла Parquet, байт",
    "parquet_sha256": "SHA-256 файла Parquet", "reading": "чтение",
    # roadmap
    "target": "цель", "title": "название", "unit": "единица", "target_year": "целевой год",
    "disagree": "стороны расходятся", "baseline_year": "базовый год", "baseline_value": "базовое значение",
    "latest_year": "последний год", "latest_value": "последнее значение", "target_value": "целевое значение",
    "observed_cagr": "фактический среднегодовой рост", "required_cagr": "требуемый среднегодовой рост",
    "ratio": "отношение R", "growth_needed": "ещё нужный рост в год", "completion": "пройдено пути к цели",
    "max_growth": "макс. годовой рост в истории", "unprecedented": "нужный рост выше исторического",
    "projection_method": "метод проекции", "probability": "вероятность достичь цели",
    "projected_median": "проекция: медиана", "projected_lo80": "проекция: 10-й процентиль",
    "projected_hi80": "проекция: 90-й процентиль", "required_path": "требуемая траектория", "median": "медиана",
    "lo80": "10-й процентиль", "hi80": "90-й процентиль", "lo95": "2,5-й процентиль", "hi95": "97,5-й процентиль",
    "params": "параметры", "note_keys": "ключи примечаний",
    # deals
    "id": "идентификатор", "event": "мероприятие", "signed": "дата подписания", "hs_codes": "коды ТН ВЭД",
    "pledged_usd": "заявлено, долл. США", "granularity": "детализация", "baseline_usd": "до подписания, долл. США",
    "after_usd": "после подписания, долл. США", "excess_usd": "прирост, долл. США", "conversion": "реализация",
    "covered_fraction": "покрытая доля срока", "flags": "отметки", "deal": "сделка", "deals": "сделок",
    "chapter": "группа ТН ВЭД", "beta": "бета (PPML)", "se": "стандартная ошибка", "p_value": "p-значение",
    "excess_low_usd": "прирост: нижняя граница, долл. США", "excess_high_usd": "прирост: верхняя граница, долл. США",
    "conversion_low": "реализация: нижняя граница", "conversion_high": "реализация: верхняя граница",
    "mde_excess_usd": "минимально обнаружимый прирост, долл. США", "treated_products": "товаров в сделках",
    "control_products": "контрольных товаров", "periods": "периодов", "observations": "наблюдений",
    # coverage breaks and plausibility warnings
    "previous": "предыдущий выпуск", "key": "ключ предупреждения", "typical": "обычное значение", "usual_products": "обычное число товаров",
}

#: table name -> (English, Russian) sheet title (Excel allows 31 characters).
SHEETS = Catalogue("sheets", {
    "about": {"en": "about", "ru": "о данных"},
    "series": {"en": "series", "ru": "ряды"},
    "summary": {"en": "summary", "ru": "сводка"},
    "gaps": {"en": "mirror gaps", "ru": "зеркальные разрывы"},
    "structure": {"en": "structure", "ru": "структура"},
    "sections": {"en": "sections", "ru": "разделы ТН ВЭД"},
    "top_products": {"en": "top products", "ru": "основные товары"},
    "changes": {"en": "products gained and lost", "ru": "новые и выбывшие товары"},
    "provenance": {"en": "provenance", "ru": "происхождение данных"},
    "countries": {"en": "economies", "ru": "страны"},
    "products": {"en": "products", "ru": "товары"},
    "opportunities": {"en": "opportunities", "ru": "возможности"},
    "claims": {"en": "claims", "ru": "утверждения"},
    "evidence": {"en": "evidence", "ru": "данные"},
    "ingests": {"en": "ingests", "ru": "загрузки"},
    "targets": {"en": "targets", "ru": "цели"},
    "projection": {"en": "projection", "ru": "проекция"},
    "alerts": {"en": "alerts", "ru": "сигналы"},
    "deals": {"en": "deals", "ru": "сделки"},
    "events": {"en": "events", "ru": "мероприятия"},
    "estimates": {"en": "estimates", "ru": "оценки"},
    "deal_claims": {"en": "deal claims", "ru": "утверждения о сделках"},
    "coverage": {"en": "coverage", "ru": "охват"},
    "releases": {"en": "releases", "ru": "выпуски"},
    "removed": {"en": "removed", "ru": "удалённые"},
    "warnings": {"en": "warnings", "ru": "предупреждения"},
    "coverage_breaks": {"en": "coverage breaks", "ru": "разрывы охвата"},
    "files": {"en": "files", "ru": "файлы"},
    "space_nodes": {"en": "product space nodes", "ru": "пространство товаров, узлы"},
    "space_edges": {"en": "product space links", "ru": "пространство товаров, связи"},
})


#: column key -> {code value -> Russian} for the codes shown as parameters (the sheet ``about``).
VALUES_RU: dict[str, dict[str, str]] = {
    "period_kind": {"year": "год", "month": "месяц", "ytd": "с начала года (январь — месяц N)"},
    "presence": {"binary": "бинарное", "continuous": "непрерывное"},
    "method": {"eigenvector": "собственный вектор", "reflections": "метод отражений", "fitness": "фитнес"},
    "rank_by": {"balanced": "сбалансированный балл", "score": "балл стратегии", "untapped": "неосвоенный потенциал",
                "potential": "экспортный потенциал"},
}


def value_label(key: object, value: object, lang: str) -> object:
    """A code ``value`` of column ``key`` in ``lang`` (Russian where :data:`VALUES_RU` has it)."""
    if lang == "ru" and isinstance(value, str):
        return VALUES_RU.get(str(key), {}).get(value, value)
    return value


def column_label(key: object, lang: str) -> str:
    """The header of column ``key`` in ``lang`` (English: the key)."""
    key = str(key)
    return RU.get(key, key) if lang == "ru" else key


def sheet_label(name: str, lang: str) -> str:
    """The title of table ``name`` in ``lang``."""
    return SHEETS(name, lang) if name in SHEETS.texts else name
