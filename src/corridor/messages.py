"""Keyed messages of the importers and the workspace (ingest notes), in English and Russian.

An importer or the store says what it did as a :class:`Message`: a key of :data:`TEXTS`
with its parameters.  A message *is* its English text (a ``str``), so that code and
catalogues that keep plain text keep working; ``render(lang)`` gives it in either language.
The workspace stores the keys and parameters beside the English text (the provenance column
``note_keys``, JSON: :func:`dump`, :func:`load`), so that ``corridor provenance --lang ru``
and the ingest document show the notes in Russian.  Texts use
:func:`corridor.words.format_text` (``{n#row}``: ``22 строки``).

Errors use the same mechanism: their texts (:mod:`corridor.error_texts`) are merged into
:data:`TEXTS`, an error is raised with a :class:`Message`, and
:meth:`corridor.errors.CorridorError.render` gives it in the reader's language; the reason
of a removed ingest is kept the same way (``removals.reason_key``).

A text that names a parameter or an operation of the caller writes it as a reference,
``{@months N}``, ``{@monthly}``, ``{@ingest}``, and the adapter that renders spells it
(:func:`spelling`): the command line ``--months N``, the HTTP API ``months=N``.  The
library's default is the command line's spelling (:func:`flag_spelling`).
"""

from __future__ import annotations

import errno
import json
import re
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .error_texts import ERRORS
from .words import format_text

TEXTS: dict[str, dict[str, str]] = {
    # how the release label was chosen (sources/_csv.file_release)
    "release_given": {"en": "release {release!r} given by the caller", "ru": "выпуск «{release}» задан при загрузке"},
    "release_from": {"en": "release {release!r} from the {origin}", "ru": "выпуск «{release}» взят из {origin#_}"},
    "release_content": {"en": "release {release!r} = the span of the data ({vintage}) and the file's content hash "
                              "(no release given)",
                        "ru": "выпуск «{release}» = период данных ({vintage}) и хеш содержимого файла (выпуск не задан)"},
    "release_file_name": {"en": "release {release!r} read from the file name", "ru": "выпуск «{release}» прочитан из имени файла"},
    # values and valuation
    "multiplied": {"en": "values given in thousands of USD ({column}) were multiplied by {factor}",
                   "ru": "значения в тысячах долларов США ({column}) умножены на {factor}"},
    "value_multiplier": {"en": "values were multiplied by {factor} (value_multiplier)",
                         "ru": "значения умножены на {factor} (value_multiplier)"},
    "baci_rows": {"en": "one BACI row = one export row: reporter = exporter (i), partner = importer (j); BACI reconciles "
                        "exporter and importer declarations and values every flow FOB (Gaulier & Zignago 2010, CEPII WP 2010-23)",
                  "ru": "одна строка BACI = одна строка экспорта: отчитывающаяся страна = экспортёр (i), партнёр = импортёр (j); "
                        "BACI согласует декларации экспортёра и импортёра и оценивает каждый поток по ФОБ (Gaulier & Zignago "
                        "2010, CEPII WP 2010-23)"},
    "baci_quantities": {"en": "quantities are metric tonnes (unit 't'); NA quantities are stored empty",
                        "ru": "количества в метрических тоннах (единица «t»); отсутствующие (NA) сохранены пустыми"},
    "baci_year_file": {"en": "year file {member} of {archive} (SHA-256 of the zip {sha256}); the release is ingested one year "
                             "file at a time",
                       "ru": "годовой файл {member} из {archive} (SHA-256 архива {sha256}); выпуск загружается по одному "
                             "годовому файлу"},
    # the monitor's stored monthly aggregate (store.months.build_ingests)
    "months_aggregate_unwritten": {
        "en": "the monitor's monthly aggregate of this file could not be written ({reason}); the monitor reads its "
              "stored rows instead (slower) and writes the aggregate on first use when it can",
        "ru": "помесячный агрегат монитора для этого файла записать не удалось ({reason}); монитор читает его "
              "сохранённые строки (медленнее) и запишет агрегат при первом запросе, когда сможет"},
    "baci_no_country_codes": {"en": "no BACI country codes file: numeric codes mapped with corridor's reference table",
                              "ru": "нет файла кодов стран BACI: числовые коды сопоставлены по справочнику corridor"},
    "baci_country_codes": {"en": "numeric country codes mapped with {file}; a code absent from it is refused",
                           "ru": "числовые коды стран сопоставлены по {file}; код, которого в нём нет, отклоняется"},
    "baci_no_product_codes": {"en": "no BACI product codes file: product codes checked against the HS revision alone",
                              "ru": "нет файла кодов товаров BACI: коды товаров проверены только по редакции ГС"},
    "baci_product_codes": {"en": "product codes checked against {classification} and {file}",
                           "ru": "коды товаров проверены по {classification} и {file}"},
    "baci_extra_codes": {"en": "{n} code(s) listed in the release's product table {file} are not {classification} subheadings "
                               "(CEPII aggregates): {shown}; accepted as the release's own codes, stored as they are and "
                               "counted under their HS4/HS2 parents (first 4/2 digits) in HS4 and HS2 views",
                         "ru": "кодов в таблице товаров выпуска {file}, которые не являются субпозициями {classification} "
                               "(агрегаты CEPII): {n}: {shown}; приняты как собственные коды выпуска, сохранены как есть и "
                               "учтены под родительскими HS4/HS2 (первые 4/2 цифры) в представлениях HS4 и HS2"},
    "baci_extra_codes_more": {"en": "{n} code(s) listed in the release's product table {file} are not {classification} "
                                    "subheadings (CEPII aggregates): {shown} and {more} more; accepted as the release's own "
                                    "codes, stored as they are and counted under their HS4/HS2 parents (first 4/2 digits) "
                                    "in HS4 and HS2 views",
                              "ru": "кодов в таблице товаров выпуска {file}, которые не являются субпозициями {classification} "
                                    "(агрегаты CEPII): {n}: {shown} и ещё {more}; приняты как собственные коды выпуска, "
                                    "сохранены как есть и учтены под родительскими HS4/HS2 (первые 4/2 цифры) в "
                                    "представлениях HS4 и HS2"},
    "wits_valuation": {"en": "valuation not stated by WITS: exports and re-exports recorded as FOB, imports and re-imports as "
                             "CIF (UN Comtrade convention)",
                       "ru": "WITS не указывает оценку: экспорт и реэкспорт записаны как ФОБ, импорт и реимпорт — как СИФ "
                             "(соглашение UN Comtrade)"},
    "comtrade_totals": {"en": "kept only totals over the breakdowns (partner2Code 0, customsCode C00, motCode 0 where present); "
                              "{dropped} breakdown row(s) of {rows} dropped",
                        "ru": "оставлены только итоги по разбивкам (partner2Code 0, customsCode C00, motCode 0, где есть); "
                              "отброшено строк разбивки: {dropped:,} из {rows:,}"},
    "comtrade_valuation": {"en": "valuation from whichever of cifvalue/fobvalue equals primaryValue, else imports CIF and "
                                 "exports FOB",
                           "ru": "оценка — то из cifvalue/fobvalue, что равно primaryValue, иначе импорт по СИФ, экспорт по ФОБ"},
    "comtrade_legacy": {"en": "read as a legacy UN Comtrade file (comtrade.un.org before 2023, CSV or API JSON): the trade "
                              "value ('Trade Value (US$)', TradeValue) as primaryValue, the flow from its name, the month "
                              "from a six-digit 'Period'",
                        "ru": "прочитано как файл прежнего UN Comtrade (comtrade.un.org до 2023 г., CSV или JSON API): "
                              "стоимость («Trade Value (US$)», «TradeValue») как primaryValue, поток по его названию, месяц "
                              "из шестизначного «Period»"},
    "semicolon_decimal_comma": {"en": "fields separated by ';' and numbers with a decimal comma (a CSV saved by Excel in a "
                                      "locale such as Russian): read so",
                                "ru": "поля разделены «;», числа с десятичной запятой (CSV, сохранённый табличным редактором "
                                      "с русскими или подобными настройками): прочитано так"},
    "comtrade_as_reported": {"en": "{n} row(s) classified 'HS' (as reported by the country) taken in the HS edition in "
                                   "force in their year (HS12 for 2012-2016, HS17 for 2017-2021, HS22 since 2022 ...)",
                             "ru": "строки с классификацией «HS» (как сообщила страна) отнесены к редакции ГС, "
                                   "действовавшей в их году (HS12 в 2012-2016, HS17 в 2017-2021, HS22 с 2022 ...), {n#row}"},
    "comtrade_latin1": {"en": "the file is not UTF-8 text: read as Latin-1 (as the Comtrade Plus web download is written); "
                              "only its codes and numbers are stored",
                        "ru": "файл не в кодировке UTF-8: прочитан как «Latin-1» (так записана выгрузка сайта «Comtrade Plus»); "
                              "сохраняются только его коды и числа"},
    "mapping_read": {"en": "read with mapping {mapping} ({how})", "ru": "прочитано по сопоставлению {mapping} ({how})"},
    "mapping_wide": {"en": "wide by {field}", "ru": "широкая таблица по полю {field}"},
    "mapping_measures": {"en": "{n} measures per row", "ru": "{n#measure} в строке"},
    "plain": {"en": "{text}", "ru": "{text}"},
    "missing_dropped": {"en": "{n} missing value(s) of {rows} dropped (empty or one of the missing markers)",
                        "ru": "отброшено пропущенных значений: {n:,} из {rows:,} (пусто или отметка пропуска)"},
    # BNS (Kazakhstan's statistics office)
    "bns_table": {"en": "BNS table: {title}; values in {unit} of USD (x{multiplier:,})",
                  "ru": "таблица БНС: {title}; значения в {unit#_} долларов США (×{multiplier:,})"},
    "bns_periods": {"en": "periods: {periods}", "ru": "периоды: {periods}"},
    "bns_aggregates": {"en": "partner aggregates (CIS, EAEU, other countries, ...) recognised and not stored; «Всего» stored "
                             "as the world (WLD)",
                       "ru": "агрегаты партнёров (СНГ, ЕАЭС, другие страны...) распознаны и не сохранены; «Всего» сохранено "
                             "как мир (WLD)"},
    "bns_sheets": {"en": "{n} sheet(s) with a table read: {sheets}; {skipped} sheet(s) without one",
                   "ru": "прочитано листов с таблицей: {n:,} ({sheets}); листов без таблицы: {skipped}"},
    "partner_from_title": {"en": "partner {partner} from the title", "ru": "партнёр {partner} взят из заголовка"},
    "aggregates_skipped": {"en": "{n} aggregate row(s) not stored: {rows}", "ru": "не сохранены строки агрегатов ({n#row}): {rows}"},
    "empty_cells": {"en": "{n} empty cell(s) ('-', '…', 'х') without a figure dropped",
                    "ru": "отброшены пустые ячейки без цифры («-», «…», «х»): {n#cell}"},
    "territory": {"en": "{code}: territory changed in {year} ({what}); figures before {year} cover a different territory",
                  "ru": "{code}: территория изменилась в {year} г. ({what#_}); данные до {year} г. относятся к другой "
                        "территории"},
    # China customs (GACC)
    "gacc_download": {"en": "China customs query-platform download ({encoding}, {headers} headers)",
                      "ru": "выгрузка платформы запросов таможни Китая ({encoding}, заголовки: {headers#_})"},
    "gacc_flow_column": {"en": "flow from the file's flow column", "ru": "поток взят из столбца потока файла"},
    "gacc_flow_file_name": {"en": "flow {flow} from the file name (no flow column)",
                            "ru": "поток «{flow#_}» взят из имени файла (нет столбца потока)"},
    "gacc_province": {"en": "reporter: the trader's registered province (ISO 3166-2:CN)",
                      "ru": "отчитывающаяся сторона: провинция регистрации участника торговли (ISO 3166-2:CN)"},
    "gacc_china": {"en": "reporter: China (no province column)", "ru": "отчитывающаяся сторона: Китай (нет столбца провинции)"},
    "gacc_hs8": {"en": "HS8/HS10 lines summed to their HS6 subheading; values of the same figure summed (e.g. by trade mode)",
                 "ru": "строки HS8/HS10 сложены в их субпозицию HS6; значения одной цифры сложены (например, по режимам торговли)"},
    "gacc_cny": {"en": "values in CNY converted to USD at the monthly average CNY/USD rate of "
                       "corridor/reference/data/cny_usd_monthly.tsv (ECB reference rates, cross rate via the euro); "
                       "cumulative ranges at the mean rate of their months",
                 "ru": "значения в юанях пересчитаны в доллары США по среднемесячному курсу CNY/USD из "
                       "corridor/reference/data/cny_usd_monthly.tsv (справочные курсы ЕЦБ, кросс-курс через евро); "
                       "накопленные периоды — по среднему курсу их месяцев"},
    "gacc_blank_columns": {"en": "{n} empty column(s) at the end of the header (the platform ends each line with a "
                                  "delimiter) dropped",
                           "ru": "отброшены пустые столбцы в конце шапки (платформа завершает каждую строку "
                                 "разделителем): {n:,}"},
    "gacc_leading_zero": {"en": "{n} row(s) with an all-digit commodity code of odd length (a leading zero lost, as Excel "
                                 "drops it) read with the zero restored: {codes}",
                          "ru": "строки с цифровым кодом товара нечётной длины (потерян ведущий ноль, как при сохранении в "
                                "табличном редакторе) прочитаны с восстановленным нулём, {n#row}: {codes}"},
    "gacc_aggregates": {"en": "{n} row(s) of continent or group totals (sums of the countries listed) not stored: {rows}",
                        "ru": "не сохранены строки итогов по континентам или группам стран (суммы перечисленных "
                              "стран), {n#row}: {rows}"},
    "gacc_period_file_name": {"en": "period {period} from the file name (no period column: the platform writes none "
                                     "for a query not broken down by month)",
                              "ru": "период {period} взят из имени файла (нет столбца периода: платформа не пишет его "
                                    "для запроса без разбивки по месяцам)"},
    "gacc_world_twice": {"en": "{n} row(s) of a second world total ({rows}) not stored: the world is the rows of {kept} "
                               "(the two would be summed)",
                         "ru": "не сохранены строки второго итога по миру ({rows}), {n#row}: мир — строки {kept} (иначе "
                               "два итога сложились бы)"},
    "gacc_residual": {"en": "{n} row(s) of residual partners ('other countries of a continent', 'country unknown') stored "
                            "as UNS (areas not specified), as GACC codes 199-699 and 701: {rows}",
                      "ru": "строки остаточных партнёров («прочие страны континента», «страна не указана») сохранены как "
                            "UNS (неуказанные районы), как коды таможни Китая 199-699 и 701, {n#row}: {rows}"},
    "lines_skipped": {"en": "{n} note or title line(s) below the header skipped",
                      "ru": "пропущены строки примечаний или заголовков под шапкой: {n:,}"},
    "no_value_dropped": {"en": "{n} row(s) of {rows} without a value ('-' or empty) dropped",
                         "ru": "отброшены строки без значения («-» или пусто): {n:,} из {rows:,}"},
    # the source a computation chose (indicators/selection)
    "source_choice": {"en": "several sources hold export rows for these years; used {best} ({n} exporters), the one "
                            "covering the most exporters, rather than {others}; choose another with --source",
                      "ru": "строки экспорта за эти годы есть в нескольких источниках; взят {best} ({n#exporter}) — "
                            "с наибольшим числом экспортёров, а не {others}; другой источник: --source"},
    "source_exporters": {"en": "{source} ({n} exporters)", "ru": "{source} ({n#exporter})"},
    # datasets beside the flows
    "targets": {"en": "{n} target(s)", "ru": "{n#target}"},
    "deals": {"en": "{n} deal(s)", "ru": "{n#deal}"},
    # the workspace (store)
    "already_ingested": {"en": "this file was already ingested; nothing changed",
                         "ru": "этот файл уже загружен; ничего не изменено"},
    "replaces": {"en": "replaces {ids}: the same file, read another way", "ru": "заменяет {ids}: тот же файл, прочитанный иначе"},
    "restates": {"en": "replaces {ids}: a changed file of the same coverage (every row restated, some with another value)",
                 "ru": "заменяет {ids}: изменённый файл того же охвата (все строки повторены, часть — с другими значениями)"},
    "already_stored": {"en": "{n} row(s) identical to rows already stored from the same release "
                             "(or another file of the same download) were not stored again",
                       "ru": "не сохранены повторно (уже есть в этом выпуске или в другом файле той же выгрузки): {n#row}"},
    "unknown_economies": {"en": "stored with unknown economy codes: {codes}", "ru": "сохранено с неизвестными кодами экономик: {codes}"},
    "unknown_products": {"en": "stored with unknown product codes: {codes}", "ru": "сохранено с неизвестными кодами товаров: {codes}"},
    "unknown_economies_more": {"en": "stored with unknown economy codes: {codes} (and {more:,} more)",
                               "ru": "сохранено с неизвестными кодами экономик: {codes} (и ещё {more:,})"},
    "unknown_products_more": {"en": "stored with unknown product codes: {codes} (and {more:,} more)",
                              "ru": "сохранено с неизвестными кодами товаров: {codes} (и ещё {more:,})"},
    "revises": {"en": "revises {n} stored figure(s) of earlier releases: {items}",
                "ru": "пересматривает значения прежних выпусков ({n#figure}): {items}"},
    "revises_more": {"en": "revises {n} stored figure(s) of earlier releases: {items}; and {more} more",
                     "ru": "пересматривает значения прежних выпусков ({n#figure}): {items}; и ещё {more}"},
    "revision": {"en": "{reporter}->{partner} {flow} {period} ({level}): {old:,.0f} -> {new:,.0f} USD ({change:+.2f}%) over "
                       "release {release}",
                 "ru": "{reporter}->{partner} {flow#_} {period} ({level}): {old:,.0f} -> {new:,.0f} долл. США ({change:+.2f} %) "
                       "к выпуску {release}"},
    "revision_new": {"en": "{reporter}->{partner} {flow} {period} ({level}): {old:,.0f} -> {new:,.0f} USD (new) over release {release}",
                     "ru": "{reporter}->{partner} {flow#_} {period} ({level}): {old:,.0f} -> {new:,.0f} долл. США (новое) "
                           "к выпуску {release}"},
}

if TEXTS.keys() & ERRORS.keys():  # one table of keyed texts: an error's key may not shadow a note's
    raise ImportError(f"keys both notes and errors: {sorted(TEXTS.keys() & ERRORS.keys())}")
TEXTS.update(ERRORS)

#: Words a message's parameter stands for, by language (``{origin#_}``: the parameter's
#: value is one of these keys and is shown as its word).
WORDS: dict[str, dict[str, str]] = {
    "response": {"en": "response", "ru": "ответа"},
    "mapping": {"en": "mapping", "ru": "сопоставления"},
    "Chinese": {"en": "Chinese", "ru": "китайские"},
    "English": {"en": "English", "ru": "английские"},
    "export": {"en": "export", "ru": "экспорт"},
    "import": {"en": "import", "ru": "импорт"},
    "re-export": {"en": "re-export", "ru": "реэкспорт"},
    "re-import": {"en": "re-import", "ru": "реимпорт"},
    "billions": {"en": "billions", "ru": "миллиардах"},
    "millions": {"en": "millions", "ru": "миллионах"},
    "thousands": {"en": "thousands", "ru": "тысячах"},
    "units": {"en": "units", "ru": "единицах"},
    # the origin of a derived figure (corridor.store.periods), in the monitor's notes
    "differenced": {"en": "differenced from cumulative January–N tables", "ru": "разности нарастающих итогов январь–N"},
    "sum of months": {"en": "sums of months", "ru": "суммы месяцев"},
    # what an error names (corridor.error_texts)
    "frequency": {"en": "frequency", "ru": "частота"},
    "classification": {"en": "classification", "ru": "классификация"},
    "BACI classification": {"en": "BACI classification", "ru": "классификация BACI"},
    # what changed in a region of Kazakhstan (the notes of reference/data/kz_regions.tsv), in
    # the note "territory" (a note not listed here is shown as it is: a test checks there is none)
    "Abai Region separated in 2022": {"en": "Abai Region separated in 2022",
                                      "ru": "в 2022 г. из неё выделена область Абай"},
    "Jetisu Region separated in 2022": {"en": "Jetisu Region separated in 2022",
                                        "ru": "в 2022 г. из неё выделена область Жетісу"},
    "Ulytau Region separated in 2022": {"en": "Ulytau Region separated in 2022",
                                        "ru": "в 2022 г. из неё выделена область Ұлытау"},
    "Astana was named Nur-Sultan in 2019-2022": {"en": "Astana was named Nur-Sultan in 2019-2022",
                                                 "ru": "в 2019–2022 гг. Астана называлась Нур-Султан"},
    "South Kazakhstan Region without Shymkent, renamed Turkistan in 2018": {
        "en": "South Kazakhstan Region without Shymkent, renamed Turkistan in 2018",
        "ru": "Южно-Казахстанская область без Шымкента, в 2018 г. переименована в Туркестанскую"},
    "a city of republican significance from 2018": {"en": "a city of republican significance from 2018",
                                                    "ru": "город республиканского значения с 2018 г."},
    "before 2018, including Shymkent": {"en": "before 2018, including Shymkent", "ru": "до 2018 г. — вместе с Шымкентом"},
    "separated from Almaty Region in 2022": {"en": "separated from Almaty Region in 2022",
                                             "ru": "выделена из Алматинской области в 2022 г."},
    "separated from East Kazakhstan in 2022": {"en": "separated from East Kazakhstan in 2022",
                                               "ru": "выделена из Восточно-Казахстанской области в 2022 г."},
    "separated from Karaganda Region in 2022": {"en": "separated from Karaganda Region in 2022",
                                                "ru": "выделена из Карагандинской области в 2022 г."},
    "ingest": {"en": "ingest", "ru": "загрузки"},
    "removal": {"en": "removal", "ru": "удаления"},
    "repair": {"en": "repair", "ru": "восстановления"},
    # what corridor doctor found wrong with a stored file (corridor.store.doctor)
    "missing": {"en": "missing", "ru": "отсутствует"},
    "truncated": {"en": "truncated", "ru": "обрезан"},
    "changed": {"en": "changed", "ru": "изменён"},
    "altered": {"en": "altered", "ru": "изменено содержимое"},
    "unreadable": {"en": "unreadable", "ru": "не читается"},
    "rows": {"en": "rows", "ru": "другое число строк"},
}


#: The kind of an operating-system error by its ``errno`` (the key ``lib_<kind>``).
_OS_KINDS: dict[int, str] = {errno.ENOENT: "not_found", errno.EEXIST: "exists", errno.EACCES: "permission",
                             errno.EPERM: "permission", errno.EISDIR: "is_dir", errno.ENOTDIR: "not_dir",
                             errno.ENOSPC: "no_space", errno.EROFS: "read_only", errno.ENAMETOOLONG: "name_too_long",
                             errno.EIO: "io"}
#: The kind of a library's error by the top-level module of its exception class.
_MODULE_KINDS: dict[str, str] = {"duckdb": "duckdb", "_duckdb": "duckdb", "pyarrow": "arrow", "openpyxl": "workbook",
                                 "xlrd": "workbook", "zipfile": "zip", "tomllib": "toml", "tomli": "toml",
                                 "json": "json", "urllib": "network", "http": "network", "ssl": "network",
                                 "socket": "network", "requests": "network", "httpx": "network", "py4j": "java",
                                 "pyspark": "java"}


def library_kind(exc: BaseException) -> str:
    """The kind of a library's or the operating system's error (``lib_<kind>`` names its
    explanation): by ``errno`` for an ``OSError``, by the exception's module otherwise."""
    module = type(exc).__module__.split(".")[0]
    if module in _MODULE_KINDS:
        return _MODULE_KINDS[module]
    if isinstance(exc, UnicodeError):
        return "encoding"
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return "network"
    if isinstance(exc, OSError):
        return _OS_KINDS.get(exc.errno or 0, "os")
    return "other"


def library_detail(exc: BaseException, text: str | None = None) -> list[Message]:
    """A library's or the operating system's text (``text``, default ``str(exc)``) as the
    parameter of an error: in English as it is, in Russian after an explanation of its kind
    (:func:`library_kind`), so that no untranslated sentence stands alone in a Russian text."""
    return [Message(f"lib_{library_kind(exc)}", text=str(exc) if text is None else text)]


class _Word:
    __slots__ = ("value",)

    def __init__(self, value: object):
        self.value = value

    def render(self, lang: str) -> str:
        w = WORDS.get(str(self.value))
        return w[lang] if w else str(self.value)


#: How a list of messages (or plain texts) in a parameter is joined (default ``, ``; a
#: dict: by language).
JOINS: dict[str, str | dict[str, str]] = {"revises": "; ", "mon_only_partial": "; ", "revises_more": "; ", "err_params": "; ", "ind_stored": "; ",
                                          "gacc_or": {"en": " or ", "ru": " или "}}


def _params(key: str, params: dict[str, Any], lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, list):  # a list of messages (the revisions, the details of a reading): rendered and joined
            join = JOINS.get(key, ", ")
            v = (join if isinstance(join, str) else join[lang]).join(
                x if isinstance(x, str) and not isinstance(x, Message) else Message.of(x).render(lang) for x in v)
        out[k] = v
    return out


#: The metavariable of a reference whose value the text gives right after it
#: (``{@source _}{source}``: ``--source wits`` on the command line, ``source=wits`` in the API).
VALUE_FOLLOWS = "_"

#: How a caller's parameter or operation is spelled: ``(name, metavariable, lang) -> text``.
Speller = Callable[[str, str, str], str]


def flag_spelling(name: str, meta: str, lang: str) -> str:
    """The command line's: ``--months N``, ``--monthly``, ``corridor ingest ...``."""
    if name == "ingest":
        return "`corridor ingest ...`"
    if meta == VALUE_FOLLOWS:  # the value is the text's next parameter: "--source wits"
        return f"--{name.replace('_', '-')} "
    return f"--{name.replace('_', '-')}" + (f" {meta}" if meta else "")


_SPELLER: ContextVar[Speller] = ContextVar("corridor_speller", default=flag_spelling)
_REFERENCE = re.compile(r"\{@(\w+)(?: ([^{}]+))?\}")


@contextmanager
def spelling(speller: Speller) -> Iterator[None]:
    """Texts rendered inside spell the caller's parameters with ``speller`` (the adapter
    that renders says how its callers name them)."""
    token = _SPELLER.set(speller)
    try:
        yield
    finally:
        _SPELLER.reset(token)


def spelled(text: str, lang: str) -> str:
    """``text`` with its references (``{@months N}``) spelled by the current speller."""
    speller = _SPELLER.get()
    return _REFERENCE.sub(lambda m: speller(m.group(1), m.group(2) or "", lang).replace("{", "{{").replace("}", "}}"),
                          text)


def prepared(text: str, lang: str) -> tuple[str, frozenset[str]]:
    """A text of the catalogues ready to format, and the names of its worded parameters:
    its references (``{@months N}``) spelled (:func:`spelled`), ``{x#_}`` written ``{x}``
    with ``x`` among the names (the parameter shown as its word of :data:`WORDS`).  Shared
    by the keyed messages and the notes (:class:`corridor.indicators.notes.Note`)."""
    if "{@" in text:
        text = spelled(text, lang)
    worded = frozenset(name[:-2] for _, name, _, _ in string.Formatter().parse(text) if name and name.endswith("#_"))
    return text.replace("#_}", "}"), worded


def _format(key: str, params: dict[str, Any], lang: str) -> str:
    """The text of ``key`` in ``lang``; ``{x#_}`` shows the parameter as its word of :data:`WORDS`;
    ``{@name}`` names a caller's parameter or operation (:func:`spelling`)."""
    text, worded = prepared(TEXTS[key][lang], lang)
    values = _params(key, params, lang)
    return format_text(text, lang, **{k: _Word(v) if k in worded else v for k, v in values.items()})


class Message(str):
    """A keyed message: its English text, with ``key`` and ``params`` (JSON values, or a
    list of messages) to render it in another language (:meth:`render`)."""

    key: str
    params: dict[str, Any]
    _nested: bool

    def __new__(cls, key: str, /, **params: Any) -> Message:
        obj = super().__new__(cls, _format(key, params, "en"))
        obj.key, obj.params = key, params
        # a message among the parameters may name a caller's parameter: rendered anew each time
        obj._nested = any(isinstance(v, (Message, list)) for v in params.values())
        return obj

    def render(self, lang: str = "en") -> str:
        if lang == "en" and "{@" not in TEXTS[self.key]["en"] and not self._nested:
            return str(self)
        return _format(self.key, self.params, lang)

    def record(self) -> dict[str, Any]:
        """``{"key", "params"}`` (a list of messages as their records)."""
        return {"key": self.key, "params": {k: [Message.of(x).record() for x in v] if isinstance(v, list) else v
                                            for k, v in self.params.items()}}

    @classmethod
    def of(cls, value: Any) -> Message:
        """A message from itself or its record."""
        if isinstance(value, Message):
            return value
        return cls(value["key"], **value.get("params", {}))


def say(key: str, lang: str = "en", /, **params: Any) -> str:
    """The text of ``key`` in ``lang`` with ``params`` (a message made and rendered at once)."""
    return _format(key, params, lang)


def render(note: Any, lang: str = "en") -> str:
    """A note in ``lang``: a message rendered, plain text (an old catalogue's) as it is."""
    return note.render(lang) if isinstance(note, Message) else str(note)


def records(notes: Any) -> list[dict[str, Any]]:
    """``notes`` as ``[{"key", "params"}]`` (a plain text note as ``{"text"}``)."""
    return [n.record() if isinstance(n, Message) else {"text": str(n)} for n in notes]


def dump(notes: Any) -> str | None:
    """The keys and parameters of ``notes`` as JSON (:func:`records`), or None."""
    recs = records(notes)
    return json.dumps(recs, ensure_ascii=False) if recs else None


def text(notes: Any, lang: str = "en") -> str | None:
    """``notes`` in ``lang``, one a line (None without notes)."""
    return "\n".join(render(n, lang) for n in notes) or None


def load(text: str | None, fallback: str | None = None) -> list[Any]:
    """The notes stored by :func:`dump` (messages and plain texts); without keys, the
    English ``fallback`` lines (a catalogue written before keys were stored)."""
    if not text:
        return [line for line in (fallback or "").split("\n") if line]
    return [Message.of(r) if "key" in r else r["text"] for r in json.loads(text)]
