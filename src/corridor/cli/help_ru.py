"""The CLI's help in Russian: ``CORRIDOR_LANG=ru corridor <command> --help``.

``CORRIDOR_LANG`` (``en``, the default, or ``ru``) chooses the language of every command's
and option's help, of the help screen's own words (usage, panel titles, defaults) and the
default of ``--lang``.  :data:`HELP` maps each English help text (whitespace collapsed) to
its Russian text; a test walks every command and option and fails on a help text missing
here.  :func:`localise` applies it to the click commands before they parse their arguments.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

#: The environment variable that chooses the language of the CLI's help (and ``--lang``'s default).
ENV_LANG = "CORRIDOR_LANG"

HELP: dict[str, str] = {
    # the program and shared options
    "Open trade intelligence for the Kazakhstan-China corridor.":
        "Открытая торговая аналитика коридора Казахстан — Китай.",
    "Print the version and exit.": "Показать версию и выйти.",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Output format: table | json | csv | xlsx (xlsx needs --output or a redirect).":
        "Формат вывода: table | json | csv | xlsx (для xlsx нужен --output или перенаправление вывода).",
    "Language of the output: en | ru.": "Язык вывода: en | ru.",
    "Write the output to this file instead of standard output.": "Записать вывод в этот файл, а не в стандартный вывод.",
    "Table written by --format csv (default: the answer's main table).":
        "Таблица, которую записывает --format csv (по умолчанию — основная таблица ответа).",
    "Workspace directory (default: $CORRIDOR_WORKSPACE, else the user data directory).":
        "Каталог рабочего пространства (по умолчанию $CORRIDOR_WORKSPACE, иначе каталог данных пользователя).",
    "Output format: table | json | csv | xlsx.": "Формат вывода: table | json | csv | xlsx.",
    "Write to this file (needed for xlsx on a terminal).": "Записать в этот файл (нужно для xlsx в терминале).",
    "table | json": "Формат вывода: table | json.",
    # indicators
    "Per year: exports to the market, products, HHI, Theil, growth margins (new / lost / intensive), trade "
    "complementarity, intensity and WITS diversification; products gained and lost.":
        "По годам: экспорт на рынок, число товаров, индексы Херфиндаля–Хиршмана и Тейла, составляющие роста (новые / "
        "выбывшие / интенсивная), торговая комплементарность, интенсивность и диверсификация WITS; новые и выбывшие товары.",
    "Exporting economy, e.g. KAZ.": "Экономика-экспортёр, например KAZ.",
    "Market, e.g. CHN or CN-XJ.": "Рынок, например CHN или CN-XJ.",
    "First year.": "Первый год.",
    "Last year.": "Последний год.",
    "Product level: hs2 | hs4 | hs6.": "Уровень товаров: hs2 | hs4 | hs6.",
    "Products gained/lost listed in the table output.": "Сколько новых и выбывших товаров показать в таблице.",
    # opportunities
    "Products to sell to the market: ITC-style export potential (supply x demand x ease), product-space feasibility "
    "and attractiveness with the Atlas strategy presets, explained.":
        "Товары для продажи на рынке: экспортный потенциал по методу ITC (предложение × спрос × лёгкость торговли), "
        "осуществимость в продуктовом пространстве и привлекательность по стратегиям Атласа — с объяснением.",
    "Target market, e.g. CHN or CN-XJ.": "Целевой рынок, например CHN или CN-XJ.",
    "Year of the figures.": "Год данных.",
    "Number of ranked products.": "Число товаров в рейтинге.",
    "low_hanging_fruit | balanced_portfolio | long_jumps | light_touch | parsimonious_industrial_policy | strategic_bets.":
        "Стратегия: low_hanging_fruit | balanced_portfolio | long_jumps | light_touch | parsimonious_industrial_policy | "
        "strategic_bets.",
    "balanced (strategy score and log untapped potential, above a floor) | score (the Atlas strategy score alone) | "
    "untapped | potential.":
        "Ранжирование: balanced (балл стратегии и логарифм неосвоенного потенциала выше порога) | score (только балл "
        "стратегии Атласа) | untapped (неосвоенный потенциал) | potential (экспортный потенциал).",
    "Leave out natural resources.": "Исключить природные ресурсы.",
    "Keep products with RCA >= 1 (existing strengths, flagged *) when ranking by balanced or score.":
        "Оставить товары с RCA >= 1 (уже сильные позиции, отмечены *) при ранжировании balanced или score.",
    "Leave out products whose untapped potential is below this share of actual exports to the market (default 0.00001 "
    "for balanced, else 0).":
        "Исключить товары, неосвоенный потенциал которых ниже этой доли фактического экспорта на рынок (по умолчанию "
        "0,00001 для balanced, иначе 0).",
    "Leave out products whose untapped potential is below this many USD.":
        "Исключить товары с неосвоенным потенциалом ниже этой суммы в долларах США.",
    "Weight of z(ln(1 + untapped potential)) in the balanced ranking (0..1).":
        "Вес z(ln(1 + неосвоенный потенциал)) в сбалансированном рейтинге (0..1).",
    "Weight of market size and growth in the score (0..1).": "Вес размера и роста рынка в балле (0..1).",
    # check
    "Extract quantitative trade claims (Russian and English) and give each a verdict: supported, within the spread of "
    "sources, contradicted, or not checkable (and why).":
        "Найти количественные утверждения о торговле (на русском и английском) и вынести вердикт по каждому: "
        "подтверждается, в пределах расхождения источников, опровергается или не проверяемо (и почему).",
    "Text file to check (UTF-8), or - for standard input.": "Текстовый файл для проверки (UTF-8) или - для стандартного ввода.",
    "Publication date YYYY-MM-DD (resolves 'last year').": "Дата публикации ГГГГ-ММ-ДД (для «в прошлом году»).",
    "Output format: table (or text) | json | csv | xlsx.": "Формат вывода: table (или text) | json | csv | xlsx.",
    "Economies assumed when the text leaves one implicit ('none' to assume nothing).":
        "Страны, подразумеваемые, когда текст их не называет («none» — ничего не подразумевать).",
    # complexity
    "Economic Complexity Index of every exporter and Product Complexity Index of every product (Hidalgo & Hausmann "
    "2009; Atlas normalisation), or fitness (Tacchella et al. 2012).":
        "Индекс экономической сложности каждого экспортёра и индекс сложности каждого товара (Hidalgo & Hausmann 2009; "
        "нормировка Атласа) или фитнес (Tacchella et al. 2012).",
    "Year to compute (the first year, with --through).": "Год расчёта (с --through — первый год).",
    "Compute every year from --year to this one (a panel; JSON and CSV list the years).":
        "Рассчитать каждый год от --year до этого (панель; JSON и CSV перечисляют годы).",
    "eigenvector | reflections | fitness.": "Метод: eigenvector | reflections | fitness.",
    "Presence rule: binary (RCA >= 1) | continuous (RCA/(1+RCA)).":
        "Правило присутствия: binary (RCA >= 1) | continuous (RCA/(1+RCA)).",
    "Average exports over this many years ending at --year.": "Усреднить экспорт за столько лет, заканчивая годом --year.",
    "Source to use when the workspace holds several.": "Источник, если в рабочем пространстве их несколько.",
    "HS revision to use when several are stored (e.g. HS12).": "Редакция ГС, если сохранено несколько (например, HS12).",
    "Leave out exporters whose total exports that year (the window mean with --window) are below this many USD "
    "(e.g. 1e9, as the Atlas does).":
        "Исключить экспортёров, чей общий экспорт за год (среднее окна с --window) ниже этой суммы в долларах США "
        "(например, 1e9, как в Атласе).",
    "Then leave out products exported for less than this many USD in all.":
        "Затем исключить товары, экспорт которых в сумме меньше этой суммы в долларах США.",
    "Engine: duckdb | pyspark.": "Движок: duckdb | pyspark.",
    "Rows shown in each table (table format).": "Сколько строк показать в каждой таблице (формат table).",
    # deals
    "How much of what was pledged shows up in the statistics, by product and by whose figures: per deal (after signing "
    "against the same span before) and per event (PPML difference in differences).":
        "Сколько из обещанного видно в статистике — по товарам и по данным каждой стороны: по каждой сделке (после "
        "подписания против такого же срока до него) и по мероприятию (разность разностей PPML).",
    "A ledger file to evaluate without storing it (default: the stored ledger).":
        "Файл реестра для оценки без сохранения (по умолчанию — сохранённый реестр).",
    "Only the deals of this event.": "Только сделки этого мероприятия.",
    "Stored ledger release (default: the latest).": "Сохранённый выпуск реестра (по умолчанию — последний).",
    "Skip the event-level difference in differences.": "Не считать разность разностей по мероприятию.",
    # demo
    "Build a workspace, load Kazakhstan-China data, print the monitor, write the report: the dashboard's pages saved "
    "as static HTML with their charts (report.html opens them).":
        "Создать рабочее пространство, загрузить данные Казахстан — Китай, показать мониторинг и записать отчёт: "
        "страницы панели в виде статического HTML с графиками (их открывает report.html).",
    "Directory for the workspace and the report.": "Каталог для рабочего пространства и отчёта.",
    "Real data directory (default: ../shared/data if present).": "Каталог реальных данных (по умолчанию ../shared/data, если есть).",
    "Use the synthetic sample even if real data exist.": "Использовать синтетическую выборку, даже если есть реальные данные.",
    # ingest, provenance
    "Ingest trade statistics files into the workspace, atomically (a BACI release zip one year file at a time, each "
    "year atomic, resumable: years already stored are skipped).":
        "Загрузить файлы торговой статистики в рабочее пространство атомарно (архив выпуска BACI — по одному годовому "
        "файлу, каждый год атомарно, с продолжением: уже сохранённые годы пропускаются).",
    "Files to ingest (all or nothing).": "Файлы для загрузки (все или ничего).",
    "auto | baci | wits | comtrade | gacc | bns | table | roadmap | deals":
        "Источник: auto | baci | wits | comtrade | gacc | bns | table | roadmap | deals",
    "Mapping file (TOML) for --source table.": "Файл сопоставления (TOML) для --source table.",
    "Release (vintage) label; default from the file.": "Метка выпуска (версии данных); по умолчанию — из файла.",
    "Store rows with unknown economy/product codes (listed in the provenance).":
        "Сохранить строки с неизвестными кодами экономик или товаров (перечисляются в происхождении данных).",
    "Output format: table | json (corridor.ingest/1).": "Формат вывода: table | json (corridor.ingest/1).",
    "List every ingest: source, release, file, SHA-256, rows, time.":
        "Перечислить все загрузки: источник, выпуск, файл, SHA-256, строки, время.",
    "Also list the ingests taken out (remove, corrected re-ingest, doctor).":
        "Перечислить и удалённые загрузки (remove, исправленная повторная загрузка, doctor).",
    # monitor
    "Exports, imports, turnover and balance as reported by each side, with the gap, composition, top products, "
    "agricultural and non-commodity shares, HHI and product dynamics.":
        "Экспорт, импорт, товарооборот и сальдо по данным каждой стороны, с разрывом, структурой, основными товарами, "
        "долями агропродукции и несырьевых товаров, индексом Херфиндаля–Хиршмана и динамикой товаров.",
    "First economy (its point of view), e.g. KAZ.": "Первая экономика (с её точки зрения), например KAZ.",
    "Partner economy, e.g. CHN or CN-XJ.": "Экономика-партнёр, например CHN или CN-XJ.",
    "Product level for structure: hs2 | hs4 | hs6.": "Уровень товаров для структуры: hs2 | hs4 | hs6.",
    "Number of top products shown.": "Сколько основных товаров показать.",
    "January to month N of each year (1-12), with growth over the same months a year earlier.":
        "Январь — месяц N каждого года (1-12), с ростом к тем же месяцам годом ранее.",
    "The month-by-month series (growth over the same month a year earlier).":
        "Помесячный ряд (рост к тому же месяцу годом ранее).",
    "Use this release of a source instead of the latest: SOURCE=RELEASE (repeatable).":
        "Взять этот выпуск источника вместо последнего: ИСТОЧНИК=ВЫПУСК (можно повторять).",
    # roadmap
    "Progress towards each target by each side's statistics (Open SDG / Statistics Canada progress measure), "
    "projections to the target year, and the alerts.":
        "Продвижение к каждой цели по статистике каждой стороны (мера прогресса Open SDG / Статистического управления "
        "Канады), проекции на целевой год и сигналы.",
    "A roadmap file to evaluate without storing it; or 'alerts' for what changed since the previous ingest or roadmap "
    "release; default: the stored roadmap.":
        "Файл дорожной карты для оценки без сохранения; или «alerts» — что изменилось с предыдущей загрузки или выпуска "
        "дорожной карты; по умолчанию — сохранённая дорожная карта.",
    "Stored roadmap release (default: the latest).": "Сохранённый выпуск дорожной карты (по умолчанию — последний).",
    "Skip the projections (faster).": "Не строить проекции (быстрее).",
    # serve
    "Serve the answers over HTTP: GET /api/v1/<command> returns the document of `corridor <command> --format json`; "
    "docs at /docs. Writes (POST /api/v1/ingest) need the token in $CORRIDOR_TOKEN; without it they are off.":
        "Отдавать ответы по HTTP: GET /api/v1/<команда> возвращает документ `corridor <команда> --format json`; "
        "документация — /docs. Запись (POST /api/v1/ingest) требует токена из $CORRIDOR_TOKEN; без него она отключена.",
    "Address to listen on (default: this machine only).": "Адрес для приёма соединений (по умолчанию — только этот компьютер).",
    "Port to listen on.": "Порт для приёма соединений.",
    "Largest upload to ingest (MB, all files).": "Наибольший объём загрузки (МБ, все файлы).",
    # remove, doctor
    "Take ingests or whole releases out of the workspace, atomically; recorded in `corridor provenance --removed`.":
        "Удалить загрузки или целые выпуски из рабочего пространства атомарно; запись — в `corridor provenance --removed`.",
    "Ingest ids to remove (see `corridor provenance`).": "Идентификаторы загрузок для удаления (см. `corridor provenance`).",
    "Remove every ingest of a release: SOURCE=RELEASE (repeatable).":
        "Удалить все загрузки выпуска: ИСТОЧНИК=ВЫПУСК (можно повторять).",
    "Check the workspace's stored files against its catalogue (missing, cut, altered) and say exactly what was lost; "
    "--repair takes the lost ingests out. Exit 1 when something is lost and not repaired.":
        "Сверить хранимые файлы рабочего пространства с его каталогом (отсутствуют, обрезаны, изменены) и точно "
        "назвать утраченное; --repair убирает утраченные загрузки. Код выхода 1, если что-то утрачено и не исправлено.",
    "Take the lost ingests out of the workspace (atomic, recorded).":
        "Убрать утраченные загрузки из рабочего пространства (атомарно, с записью).",
    # download
    "Download source files (CEPII BACI releases, UN Comtrade API answers).":
        "Скачать исходные файлы (выпуски CEPII BACI, ответы API UN Comtrade).",
    "Download a CEPII BACI release zip (resumable, checksummed).":
        "Скачать архив выпуска CEPII BACI (с продолжением и проверкой контрольной суммы).",
    "BACI release, e.g. V202401 or 202401.": "Выпуск BACI, например V202401 или 202401.",
    "HS92 | HS96 | HS02 | HS07 | HS12 | HS17 | HS22": "Редакция ГС: HS92 | HS96 | HS02 | HS07 | HS12 | HS17 | HS22",
    "Folder (or .zip file) to write.": "Папка (или файл .zip) для записи.",
    "Expected SHA-256 of the zip (verified).": "Ожидаемый SHA-256 архива (проверяется).",
    "Mirror of CEPII's data folder.": "Зеркало папки данных CEPII.",
    "No progress bar.": "Без индикатора выполнения.",
    "Ask the UN Comtrade API (key from COMTRADE_API_KEY, else the preview) and save JSON files.":
        "Запросить API UN Comtrade (ключ из COMTRADE_API_KEY, иначе ознакомительный доступ) и сохранить файлы JSON.",
    "Reporter M49 code(s), e.g. 398 (Kazakhstan).": "Код(ы) M49 отчитывающейся страны, например 398 (Казахстан).",
    "Years (2023, 2015-2024) or months (202301).": "Годы (2023, 2015-2024) или месяцы (202301).",
    "Partner M49 code(s), e.g. 156 (China); 0 = World.": "Код(ы) M49 партнёра, например 156 (Китай); 0 — мир.",
    "X, M, RX, RM (comma-separated); default all.": "X, M, RX, RM (через запятую); по умолчанию все.",
    "Commodity codes: TOTAL, AG2, AG4, AG6 or HS codes.": "Коды товаров: TOTAL, AG2, AG4, AG6 или коды ГС.",
    "A (annual) | M (monthly).": "A (годовые) | M (месячные).",
    "Folder for the JSON answers.": "Папка для ответов JSON.",
    "Root of the API (default comtradeapi.un.org).": "Корень API (по умолчанию comtradeapi.un.org).",
}

#: The help screen's own words (typer's rich help), English -> Russian.
SCREEN: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": "Аргументы",
    "OPTIONS_PANEL_TITLE": "Параметры",
    "COMMANDS_PANEL_TITLE": "Команды",
    "ERRORS_PANEL_TITLE": "Ошибка",
    "ABORTED_TEXT": "Прервано.",
    "DEFAULT_STRING": "[по умолчанию: {}]",
    "ENVVAR_STRING": "[переменная окружения: {}]",
    "REQUIRED_LONG_STRING": "[обязательно]",
    "DEPRECATED_STRING": "(устарело) ",
    "RICH_HELP": "Справка: [blue]'{command_path} {help_option}'[/].",
}
USAGE = {"en": "Usage: ", "ru": "Использование: "}
#: The usage line's placeholders (attributes of a command), English -> Russian.
METAVARS: dict[str, dict[str, str]] = {
    "options_metavar": {"[OPTIONS]": "[ПАРАМЕТРЫ]"},
    "subcommand_metavar": {"COMMAND [ARGS]...": "КОМАНДА [АРГУМЕНТЫ]..."},
}


#: The command line's usage errors (typer's vendored click writes them in English), as
#: Russian: the English text's pattern -> the Russian text (``{a}``, ``{b}`` its groups); an
#: error matching none is shown as it is.
USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), ru) for p, ru in (
    (r"No such option: (?P<a>\S+) \(Possible options: (?P<b>.+)\)", "нет такого параметра: {a} (возможно: {b})"),
    (r"No such option: (?P<a>.+)", "нет такого параметра: {a}"),
    (r"No such command '(?P<a>.+?)'\. Did you mean '(?P<b>.+)'\?", "нет такой команды «{a}». Возможно, имелась в виду «{b}»?"),
    (r"No such command '(?P<a>.+)'\.", "нет такой команды «{a}»"),
    (r"Missing argument '(?P<a>.+)'\.", "не задан аргумент «{a}»"),
    (r"Missing option '(?P<a>.+)'\.", "не задан параметр «{a}»"),
    (r"Option '(?P<a>.+)' requires an argument\.", "параметру «{a}» нужно значение"),
    (r"Option '(?P<a>.+)' requires (?P<b>\d+) arguments\.", "параметру «{a}» нужно значений: {b}"),
    (r"Option '(?P<a>.+)' does not take a value\.", "параметр «{a}» не принимает значения"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.*)\)", "лишние аргументы: {a}"),
    (r"Invalid value for '(?P<a>[^']+)': Input should be a valid integer.*", "недопустимое значение «{a}»: ожидалось целое число"),
    (r"Invalid value for '(?P<a>[^']+)': Input should be a valid number.*", "недопустимое значение «{a}»: ожидалось число"),
    (r"Invalid value for '(?P<a>[^']+)': Input should be a valid boolean.*",
     "недопустимое значение «{a}»: ожидалось true или false"),
    (r"Invalid value for '(?P<a>[^']+)': (?P<b>.+)", "недопустимое значение «{a}»: {b}"),
))


def usage_error(text: str, language: str) -> str:
    """A usage error of the command line (:data:`USAGE_ERRORS`) in ``language``."""
    if language != "ru":
        return text
    for pattern, ru in USAGE_ERRORS:
        if m := pattern.fullmatch(text.strip()):
            return ru.format(**m.groupdict())
    return text


def norm(text: str | None) -> str:
    """``text`` with its whitespace collapsed (how :data:`HELP` keys it)."""
    return " ".join((text or "").split())


def lang(args: Sequence[str] = ()) -> str:
    """The language of the CLI's help and usage errors: the command line's ``--lang`` when
    ``args`` give one, else ``$CORRIDOR_LANG`` (``en`` unless it is ``ru``)."""
    given = os.environ.get(ENV_LANG, "en")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    return "ru" if str(given).strip().lower() == "ru" else "en"


def commands(group: Any) -> list[Any]:
    """``group`` and every command under it (sub-groups included)."""
    out = [group]
    for sub in getattr(group, "commands", {}).values():
        out += commands(sub)
    return out


def help_texts(command: Any) -> list[tuple[Any, str]]:
    """(object, attribute) of every help text of ``command``: its own, its options' and
    arguments', its ``--help`` option's."""
    from typer._click.core import Context

    params = list(command.params)
    helper = command.get_help_option(Context(command))
    return [(command, "help")] + [(p, "help") for p in params + ([helper] if helper else []) if hasattr(p, "help")]


def _screen(language: str) -> None:
    from typer import rich_utils
    from typer._click import formatting

    originals = rich_utils.__dict__.setdefault("_corridor_en", {k: getattr(rich_utils, k) for k in SCREEN})
    for name, ru in SCREEN.items():
        setattr(rich_utils, name, ru if language == "ru" else originals[name])
    format_error = rich_utils.__dict__.setdefault("_corridor_format_error", rich_utils.rich_format_error)

    def error(exc: Any) -> None:
        english = exc.format_message
        exc.format_message = lambda: usage_error(english(), language)
        format_error(exc)

    rich_utils.rich_format_error = error
    write_usage = formatting.HelpFormatter.__dict__.get("_corridor_write_usage") or formatting.HelpFormatter.write_usage
    formatting.HelpFormatter._corridor_write_usage = write_usage

    def usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE[language] if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage


def localise(group: Any, language: str | None = None) -> None:
    """Put every help text of ``group`` (and its commands) in ``language`` (default
    :func:`lang`); the English texts are kept to switch back."""
    language = language or lang()
    for command in commands(group):
        for obj, attr in help_texts(command):
            english = obj.__dict__.setdefault("_corridor_help_en", getattr(obj, attr))
            if english is None:
                continue
            setattr(obj, attr, HELP.get(norm(english), english) if language == "ru" else english)
        for attr, words in METAVARS.items():
            if getattr(command, attr, None) is not None:
                english = command.__dict__.setdefault(f"_corridor_{attr}_en", getattr(command, attr))
                setattr(command, attr, words.get(english, english) if language == "ru" else english)
    _screen(language)
