"""Issue 14, after the blind part fresh10 (sector, logistics and regional news) and the lead's
labelling convention for the reporter (docs/claims.md, "Who is the reporter"): each class in
new wording of the team's own (none is corpus text), both languages where the class applies.
The owner of a partnership reports it; a partner-only claim takes the home country as its
reporter only in a document speaking in the first person."""

from __future__ import annotations

import pytest

from .test_wire_copy8 import parties


# --- 1. «X — крупнейший торговый партнёр Y»: Y, the owner of the partnership, is the reporter ---

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Россия уступила Китаю место главного торгового партнёра Казахстана: оборот с КНР в 2022 году"
         " достиг 24 млрд долларов.", [("KAZ", "CHN")]),
        ("Казахстан удерживает первое место среди торговых партнёров Китая в регионе.\n"
         "В 2022 году объём торговли составил 31 млрд долларов.", [("CHN", "KAZ")]),
        ("Китай — второй по величине торговый партнёр Узбекистана.\nЗа 2022 год товарооборот превысил 9 млрд долларов.",
         [("UZB", "CHN")]),
        ("Kazakhstan stayed China's leading trade partner in the region, with two-way trade of $31 billion in 2022.",
         [("CHN", "KAZ")]),
        ("China became Uzbekistan's second-largest trading partner.\nTrade between them topped $9 billion in 2022.",
         [("UZB", "CHN")]),
        # an exporter named with its flow keeps its role: the partnership names no flow's parties
        ("Китай, крупнейший партнёр Казахстана, в 2022 году экспортировал в республику товаров на 16 млрд долларов.",
         [("CHN", "KAZ")]),
    ],
)
def test_the_owner_of_a_partnership_is_the_reporter(text, expected):
    assert parties(text) == expected


# --- 2. a partner-only claim: the home country only in a first-person document ------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a minister's or a deputy's "we", «наша статистика», "our exports": the home country
        ("— Как идёт торговля с Поднебесной?\n— По нашим подсчётам, оборот с Китаем за 2022 год вырос до 24 млрд"
         " долларов.", [("KAZ", "CHN")]),
        ("Мы продали в Китай зерна на 300 млн долларов в 2022 году, заявил министр.", [("KAZ", "CHN")]),
        ("Q: Where does trade stand?\nA: By our own figures, trade with China came to $24 billion in 2022.",
         [("KAZ", "CHN")]),
        ("Our exports to China came to $13 billion in 2022, the deputy told parliament.", [("KAZ", "CHN")]),
        # without a first person a partner-only claim has no reporter
        ("Оборот с Китаем за 2022 год вырос до 24 млрд долларов, сообщили в статистическом ведомстве.",
         [(None, "CHN")]),
        ("Grain exports to China reached $300 million in 2022, the agriculture ministry said.", [(None, "CHN")]),
    ],
)
def test_a_partner_only_claim_is_the_home_countrys_only_in_the_first_person(text, expected):
    assert parties(text) == expected
