"""Russian counts take the right form (1 год, 2 года, 5 лет), and Russian terminal tables
wrap their headers between words at 80 and 60 columns: never cut, never folded mid-word
(a single word longer than its column is hyphenated)."""

from __future__ import annotations

import re

import pytest

from corridor.reports import console as fitting
from corridor.reports import registry as reports
from corridor.reports.names import wrap
from corridor.words import Count, count, noun, plural_ru

from .conftest import PARAMS

NUMBERS = (0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1.5)
YEARS = ("лет", "год", "года", "лет", "лет", "лет", "лет", "год", "года", "лет", "год", "лет", "года")
ROWS = ("строк", "строка", "строки", "строк", "строк", "строк", "строк", "строка", "строки", "строк", "строка", "строк",
        "строки")


def test_russian_plural_forms_over_the_rule_s_cases():
    assert tuple(noun(n, "year", "ru") for n in NUMBERS) == YEARS
    assert tuple(noun(n, "row", "ru") for n in NUMBERS) == ROWS
    assert count(2.5, "year", "ru") == "2,5 года" and count(1234, "row", "ru") == "1\u00a0234 строки"
    assert count(21, "row", "ru") == "21 строка" and count(22, "row", "ru") == "22 строки"
    assert [noun(n, "year", "en") for n in (0, 1, 2, 1.5)] == ["years", "year", "years", "years"]
    assert plural_ru(-21, ("a", "b", "c")) == "a" and plural_ru(1004, ("a", "b", "c")) == "b"
    with pytest.raises(KeyError):
        Count(3, "no such noun")


def test_catalogue_texts_render_counts_in_the_reader_s_language():
    from corridor.reports.complexity import label

    ru = label("products_title", "ru", year=2022, method="м", level="hs4", n=5, total=Count(21, "product_gen"))
    assert ru.endswith("первые 5 из 21 товара")
    en = label("products_title", "en", year=2022, method="m", level="hs4", n=5, total=Count(1, "product_gen"))
    assert en.endswith("top 5 of 1 product")


def test_wrap_breaks_between_words_and_hyphenates_only_a_too_long_word():
    assert wrap("Товарооборот, г/г %", 14) == ["Товарооборот,", "г/г %"]
    lines = wrap("Товарооборот", 5)
    assert all(len(x) <= 5 for x in lines) and all(x.endswith("-") for x in lines[:-1])
    assert "".join(x.rstrip("-") for x in lines) == "Товарооборот"
    text = "Руды и концентраты медные, рафинированные и необработанные"
    for width in (6, 10, 20, 60):
        got = wrap(text, width)
        assert all(len(x) <= width for x in got)
        assert "".join(got).replace("-", "").replace(" ", "") == text.replace(" ", "")  # nothing cut off
        assert all(x in text for x in got if not x.endswith("-"))  # broken between words


def test_column_widths_give_way_from_the_widest_and_fill_the_room():
    assert fitting.widths([3, 5], [10, 20], 40) == [10, 20]
    w = fitting.widths([3, 5], [10, 20], 20)
    assert sum(w) == 20 and w[0] >= 3 and w[1] >= 5
    assert fitting.widths([12, 4], [12, 4], 10) == [6, 4]


@pytest.fixture()
def headers(monkeypatch):
    """The (header text, column width) of every table the renderers fit."""
    seen: list[tuple[str, int]] = []
    real = fitting.fit

    def spy(table, con):
        heads = [fitting._plain(c.header) or "" for c in table.columns]
        out = real(table, con)
        seen.extend((h, c.width) for h, c in zip(heads, out.columns))
        return out

    monkeypatch.setattr(fitting, "fit", spy)
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", list(PARAMS))
def test_russian_terminal_tables_wrap_headers_between_words(results, headers, name, width):
    text = reports.terminal(results[name], "ru", width=width)
    if name not in ("check", "provenance"):  # (these print prose, not tables)
        assert max(len(x) for x in text.splitlines()) <= width, name
    assert not re.search(r"\d-(\s|$)", text, re.M), name  # a figure is never hyphenated
    assert "…" not in text
    flat = re.sub(r"\s+", " ", text)
    for head, col in headers:
        for word in head.split():
            if len(word) <= col:  # fits its column: shown whole, on one line
                assert word in flat, (name, width, head, word, col)


def test_the_old_fold_cut_russian_headers_mid_word():
    """What the fitting replaces: rich alone folds «Товарооборот» inside the word at 80 columns."""
    import io

    from rich.console import Console
    from rich.table import Table

    def table():
        t = Table()
        for h in ("Период", "Экспорт", "Импорт", "Товарооборот", "Сальдо", "Товарооборот, г/г %", "Источники"):
            t.add_column(h, justify="right", overflow="fold")
        t.add_row("2024", "14 897,5", "15 153,5", "30 050,9", "−256,0", "+6,8", "comtrade, wits, gacc")
        return t

    raw = Console(file=io.StringIO(), width=80, color_system=None)
    raw.print(table())
    assert "Товарооборот" not in raw.file.getvalue()  # rich cuts it
    fitted = fitting.console(80)
    fitting.print_table(fitted, table())
    out = fitted.file.getvalue()
    assert "Товарооборот" in out and "comtrade," in out and max(len(x) for x in out.splitlines()) <= 80


def test_dashboard_and_notes_put_counts_in_their_russian_form():
    from corridor.indicators.notes import note
    from corridor.web.texts import text

    lead = dict(economy="Казахстан", partner="Китай", rank_e=60, rank_p=20)
    assert text("complexity_lead", "ru", n=21, **lead).startswith("ИЭС 21 экономики (")
    assert text("complexity_lead", "ru", n=224, **lead).startswith("ИЭС 224 экономик (")
    assert text("space_lead", "ru", n=22, k=5).startswith("Продуктовое пространство: 22 товара,")
    assert note("demand_mirror", market="CHN", n=Count(21, "economy_gen"), level="hs4", year=2022).render("ru") \
        .startswith("спрос: экспорт в CHN по данным 21 экономики,")
    assert note("theil_universe", n=Count(1222, "code"), classification="HS12", level="hs4").render("ru") \
        .startswith("универсум индекса Тейла: 1\u00a0222 кода HS12")


#: Latin words a Russian output may hold: sources, file formats, citations, codes and option values.
LATIN_KEPT = {"wits", "comtrade", "baci", "cepii", "corridor", "test", "world", "sha", "parquet", "json", "csv", "xlsx",
              "cadot", "hidalgo", "hausmann", "tacchella", "gaulier", "zignago", "ddof", "corr", "unsd", "imts",
              "balanced", "portfolio", "score", "synthetic", "tradevalue"}


def _latin(text: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"(?<![\w./:=-])[A-Za-z]{4,}(?![\w./-])", text)}
    return {w for w in words if w not in LATIN_KEPT}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PARAMS))
def test_russian_outputs_hold_no_english_words(results, name):
    import io

    from openpyxl import load_workbook

    from corridor.reports.columns import sheet_label

    result = results[name]
    doc = reports.document(result, "ru")
    texts = []

    def walk(x, key=""):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, k)
        elif isinstance(x, list):
            for v in x:
                walk(v, key)
        elif isinstance(x, str) and key in ("text", "name", "normalisation", "source_note", "statement", "why", "notes",
                                             "needs_text") and x not in PARAMS["check"].get("text", ""):
            texts.append(x)  # (not the checked text itself)

    walk(doc)
    found = {w: t for t in texts for w in _latin(t)}
    assert not found, (name, dict(list(found.items())[:5]))
    wb = load_workbook(io.BytesIO(reports.xlsx(result, "ru")))
    about = [str(r[1]) for r in wb[sheet_label("about", "ru")].iter_rows(values_only=True)
             if r[0] not in ("ответ", "схема", "текст") and r[1] is not None]
    headers = [str(c.value) for ws in wb.worksheets[1:] for c in ws[1]]
    found = {w: t for t in about + headers + wb.sheetnames for w in _latin(t)}
    assert not found, (name, dict(list(found.items())[:5]))


@pytest.mark.slow
def test_long_russian_names_wrap_in_xlsx_and_html(results):
    import io
    from html import escape

    from openpyxl import load_workbook

    from corridor.reports.columns import sheet_label

    result = results["monitor"]
    wb = load_workbook(io.BytesIO(reports.xlsx(result, "ru")))
    ws = wb[sheet_label("sections", "ru")]
    long = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and len(c.value) > 60]
    assert long and all(c.alignment.wrap_text for c in long)  # wrapped in their cells, never cut
    html = reports.html_fragment(result, "ru")
    assert all(escape(name) in html for name in {c.value for c in long})  # every name whole (the browser wraps it)


def test_coverage_notes_write_their_figures_in_the_reader_s_style():
    from corridor.indicators.coverage import CoverageBreak

    b = CoverageBreak("coverage_mirror", 2022, "import", "economy", "KAZ", "CHN", "wits", 0.2234, 0.47)
    assert "в размере 0,22 от зеркальных" in b.note().render("ru") and "0.22" not in b.note().render("ru")
    assert "at 0.22 times" in b.note().render("en")
