"""Robustness (Hypothesis): any text, no crash, no invented claims, offsets always valid."""

from __future__ import annotations

import time

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.claims import extract
from corridor.claims.verification import verify

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CLAIM = "Товарооборот Казахстана и Китая в 2023 году составил 31,5 млрд долларов."
#: Words that make no trade claim in any combination with numbers.
NEUTRAL = ["погода", "в", "году", "население", "человек", "the", "weather", "people", "km", "тонн",
           "составил", "reached", "более", "около", "%", "млн", "billion", "долларов", "$", "Казахстан", "China"]


def assert_well_formed(text: str, claims) -> None:
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        if c.value_start is not None:
            assert c.start <= c.value_start < c.value_end <= c.end
            assert text[c.value_start:c.value_end] == c.value_text
        assert c.amount is not None or c.growth_pct is not None


@FAST
@given(st.text())
def test_any_unicode_text(text):
    claims = extract(text)
    assert_well_formed(text, claims)
    verify(claims, None)


@FAST
@given(st.binary(max_size=2000))
def test_binary_garbage_decoded_as_a_file_would_be(data):
    text = data.decode("utf-8", errors="replace")
    assert_well_formed(text, extract(text))


@FAST
@given(st.text(alphabet=st.characters(whitelist_categories=("Lo",)), max_size=300),
       st.lists(st.floats(0, 1e12, allow_nan=False), max_size=5))
def test_other_scripts_with_numbers_give_nothing(text, numbers):
    text = text + " " + " ".join(f"{x:,.2f}" for x in numbers) + " 2023 %"
    assert extract(text) == []


@FAST
@given(st.lists(st.one_of(st.sampled_from(NEUTRAL), st.integers(-10**9, 10**12).map(str),
                          st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.1f}".replace(".", ","))),
                max_size=40))
def test_numbers_without_a_trade_indicator_give_nothing(words):
    assert extract(" ".join(words)) == []


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=200),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=200))
def test_a_claim_between_noise_paragraphs_is_found_once_with_its_offsets(before, after):
    text = f"{before}\n{CLAIM}\n{after}"
    found = [c for c in extract(text) if c.text == CLAIM]
    assert len(found) == 1
    c = found[0]
    assert c.start == len(before) + 1 and c.amount == 31.5e9 and c.period.label == "2023"
    assert (c.reporter, c.partner) == ("KAZ", "CHN")


def test_empty_and_blank_text():
    assert extract("") == [] and extract(" \n\t\n ") == []
    assert verify([], None) == []


def _timed(text: str):
    t0 = time.perf_counter()
    claims = extract(text)
    return claims, time.perf_counter() - t0


@pytest.mark.slow
def test_huge_text_is_linear_and_exact():
    """4x the text (2,000 -> 8,000 sentences) costs less than 8x the time, and every claim is found."""
    unit = CLAIM + " Погода в Астане была тёплой, 25 градусов.\n"
    extract(unit)
    small, t_small = _timed(unit * 1000)
    claims, t_large = _timed(unit * 4000)
    assert len(small) == 1000 and len(claims) == 4000
    assert claims[-1].start == len(unit) * 3999
    assert t_large < 8 * t_small, f"{t_small:.1f} s for 2,000 sentences, {t_large:.1f} s for 8,000"


def test_one_enormous_line_without_sentences():
    text = "1 " * 200_000 + "товарооборот " + "x" * 100_000
    assert extract(text) == []


@FAST
@given(st.lists(st.one_of(st.sampled_from(["товарооборот", "экспорт", "trade", "exports", "составил", "в", "году",
                                           "Китай", "Kazakhstan", "reached", "2023", "года"]),
                          st.integers(0, 10**9).map(str)), max_size=30))
def test_bare_numbers_next_to_indicators_are_not_amounts(words):
    assert extract(" ".join(words)) == []
