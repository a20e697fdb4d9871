"""corridor.claims.folded: case-insensitive patterns matched on the lower-cased text give
the same matches as IGNORECASE, and fall back to it where lower-casing changes lengths."""

from __future__ import annotations

import re

import pytest

from corridor.claims import extract
from corridor.claims.folded import Folded, fold, lower_pattern


def test_lower_pattern_keeps_escapes_and_group_names():
    assert lower_pattern(r"(?P<Up>ВЫРОС|Rose)\S+\D\W(?P=Up)\bQ") == r"(?P<Up>вырос|rose)\S+\D\W(?P=Up)\bq"


@pytest.mark.parametrize("text", [
    "Товарооборот КАЗАХСТАНА с Китаем ВЫРОС на 5%", "Exports ROSE to $5 BN in Q3 2023", "İstanbul: экспорт ВЫРОС",
])
def test_folded_matches_agree_with_ignorecase(text):
    rx = r"(?<![\w])(?:вырос\w*|rose|казахстан\w*|q[1-4]|bn)(?![\w])"
    folded = Folded.compile(rx)
    got = [(m.start(), m.end()) for m in folded.finditer(text, fold(text))]
    assert got == [(m.start(), m.end()) for m in re.finditer(rx, text, re.IGNORECASE)] and got


def test_a_text_whose_lower_case_changes_length_is_read_all_the_same():
    assert fold("İ") is None
    [c] = extract("İ ЭКСПОРТ КАЗАХСТАНА В КИТАЙ В 2023 ГОДУ СОСТАВИЛ 15 МЛРД ДОЛЛАРОВ.")
    assert (c.indicator, c.reporter, c.partner, c.period.label, c.amount, c.value_text) == (
        "exports", "KAZ", "CHN", "2023", 15e9, "15 МЛРД ДОЛЛАРОВ")
