"""Deal claims checked against the ledger of the event named or implied."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.claims.deals import check_deal_claims, extract_deal_claims
from corridor.deals.model import Deal, ProductCode


def ledger(total_musd: float, *, event="CIIE 2024", n=4, cancelled=0) -> list[Deal]:
    each = total_musd * 1e6 / n
    return [Deal(id=f"D{i}", event=event, signed=dt.date(2024, 11, 6), exporter="KAZ", importer="CHN",
                 hs_codes=(ProductCode("1001"),), value=each, currency="USD", pledged_usd=each, usd_rate=1.0,
                 rate_basis="month", horizon_months=12, status="cancelled" if i < cancelled else "contract")
            for i in range(n)]


RU = ("ШАНХАЙ, 7 ноября. На VII Китайской международной выставке импортных товаров более 50 казахстанских "
      "компаний подписали соглашения на общую сумму 2,5 млрд долларов.")
EN = "At the seventh China International Import Expo, more than 50 Kazakh companies signed deals worth $2.5 billion."


@pytest.mark.parametrize("text", [RU, EN])
def test_a_deal_claim_is_found_with_its_event_year_and_signers(text):
    (c,) = extract_deal_claims(text, published=dt.date(2024, 11, 8))
    assert (c.value, c.family, c.year, c.signers) == (2.5e9, "CIIE", 2024, "KAZ")


@pytest.mark.parametrize(("total", "status"), [(2500, "supported"), (2460, "supported"), (2590, "supported"),
                                               (2400, "contradicted"), (2700, "contradicted")])
def test_the_printed_total_is_checked_within_its_rounding(total, status):
    """2.5 printed: rounded from 2.45.. or truncated from ..2.6 (plus 0.5 %) is supported."""
    (v,) = check_deal_claims(extract_deal_claims(RU, published=dt.date(2024, 11, 8)), ledger(total))
    assert v.status == status and v.ledger_usd == pytest.approx(total * 1e6)
    assert v.events == ("CIIE 2024",) and len(v.deal_ids) == 4
    assert v.difference_pct == pytest.approx((2500 - total) / total * 100)


def test_without_a_ledger_for_the_event_the_claim_is_not_checkable():
    claims = extract_deal_claims(EN, published=dt.date(2024, 11, 8))
    assert check_deal_claims(claims, None)[0].reason == "no_ledger"
    (v,) = check_deal_claims(claims, ledger(2500, event="CIIE 2023"))
    assert (v.status, v.reason) == ("not_checkable", "no_ledger_for_event")


def test_trade_sentences_are_not_deal_claims():
    assert extract_deal_claims("Товарооборот в 2023 году составил $41,1 млрд.") == []


def test_the_edition_ordinal_gives_the_year():
    """The 6th CIIE was held in 2023: an article of 2024 recalling it speaks of 2023."""
    (c,) = extract_deal_claims("На VI Китайской международной выставке импортных товаров казахстанские компании "
                               "заключили контракты на 1,2 млрд долларов.", published=dt.date(2024, 3, 1))
    assert c.year == 2023
    (e,) = extract_deal_claims("Kazakh firms signed deals worth $2.5 billion at the 7th CIIE.", published=dt.date(2025, 1, 1))
    assert e.year == 2024
