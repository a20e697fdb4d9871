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
    rows = [x for x in text.splitlines() if set(x) & set("│┃─━")]  # the tables' lines (check and provenance print prose)
    assert not rows or max(len(x) for x in rows) <= width, name
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
