"""Issue 14, after the blind part fresh14 (whole news articles): a rate whose level reached
is a physical quantity (tonnes, containers, wagons) is the change of that quantity, not a
growth of a trade value — even when the sentence before named a product and its flow.  New
wording of the team's own (no corpus text), both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims import extract

D = dt.date(2021, 3, 2)


def read(text: str):
    return [(c.indicator, c.product, c.amount, c.growth_pct) for c in extract(text, published=D)]


GRAIN_FALL = [("product_exports", "grain", None, pytest.approx(-100 / 3))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Экспорт зерна в Китай в 2020 году сократился на треть. Зато отгрузки через Алашанькоу выросли на 9%, "
         "до 2,3 млн тонн.", GRAIN_FALL),
        ("Поставки меди в КНР выросли. Поставки через станцию Достык увеличились на 15% – до 320 тыс. контейнеров.", []),
        ("Grain exports to China fell by a third in 2020. Shipments through Khorgos, however, rose 9% to 2.3 million "
         "tonnes.", GRAIN_FALL),
        ("Copper sales to China grew. Shipments via Dostyk climbed 15 percent, to about 320 thousand containers.", []),
    ],
)
def test_a_rate_reaching_a_quantity_is_no_trade_growth(text: str, expected: list) -> None:
    """Only the trade claim of the first sentence is read (the copper lines have no figure)."""
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Экспорт в Китай в 2020 году вырос на 9%, до 11,1 млрд долларов.", ("exports", None, 11.1e9, 9.0)),
        ("Kazakhstan's exports to China rose 9% to $11.1 billion in 2020.", ("exports", None, 11.1e9, 9.0)),
    ],
)
def test_a_rate_reaching_money_stays_a_growth(text: str, expected: tuple) -> None:
    """Guard: the level reached in money keeps its rate."""
    assert read(text) == [expected]
