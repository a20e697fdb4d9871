"""Issue 16, bounded cost: extraction linear in the number of amounts of a sentence, and
one figures query for every claim of a text."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from corridor.claims import extract, verify
from corridor.claims.verification import RAW_COLUMNS

from .test_verify import SMALL, flows


def _seconds(n: int) -> float:
    sentence = "Экспорт в Китай составил " + ", ".join(f"{k % 97 + 1},5 млрд долларов" for k in range(n)) + "."
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        claims = extract(sentence)
        best = min(best, time.perf_counter() - t0)
    assert len(claims) == n
    return best


@pytest.mark.slow
def test_extraction_is_linear_in_the_amounts_of_one_sentence():
    """4x the amounts in one sentence costs less than 8x the time (a quadratic cost would be 16x)."""
    extract("Экспорт в Китай составил 1 млрд долларов.")  # start-up
    small, large = _seconds(500), _seconds(2000)
    assert large < 8 * small, f"500 amounts {small:.3f} s, 2000 amounts {large:.3f} s"


def test_verification_asks_for_figures_once_for_all_claims():
    table = flows(SMALL)
    calls = []

    def spy(flows_, *, pairs, years):
        from corridor.claims.verification import fetch_figures

        calls.append((tuple(pairs), tuple(years)))
        return fetch_figures(flows_, pairs=pairs, years=years)

    text = "\n".join(f"Экспорт Казахстана в Китай в {y} году составил {k + 1} млрд долларов и вырос на {k}%."
                     for k in range(40) for y in (2022, 2023)) + "\nТоварооборот Казахстана и Китая в 2023 году составил 15 млрд долларов."
    claims = extract(text)
    checked = verify(claims, table, figures=spy)
    assert len(calls) == 1 and len(checked) == 81
    assert calls[0] == ((("KAZ", "CHN"),), (2021, 2022, 2023))
    assert checked[-1].verdict.status == "supported"


def test_no_query_when_no_claim_is_checkable():
    calls = []

    def spy(flows_, **kw):
        calls.append(kw)
        return pd.DataFrame(columns=list(RAW_COLUMNS))

    verify(extract("Стороны планируют довести товарооборот до $35 млрд к 2030 году."), flows(SMALL), figures=spy)
    assert calls == []
