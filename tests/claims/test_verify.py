"""Verification: tolerance rules, verdicts and evidence on small hand-made tables, and on
the real Kazakhstan-China totals (UN Comtrade, both reporters)."""

from __future__ import annotations

import datetime as dt
import re

import ibis
import pandas as pd
import pytest

from corridor.claims import extract
from corridor.claims.messages import reason_text
from corridor.claims.verification import Tolerance, bounds, verify
from corridor.schema import FLOW_COLUMNS

from .totals import totals_table


def flows(rows: list[tuple]) -> ibis.Table:
    """Canonical rows from (reporter, partner, flow, year, period_kind, month, value, source)."""
    df = pd.DataFrame(rows, columns=["reporter", "partner", "flow", "year", "period_kind", "month", "value_usd", "source"])
    df = df.assign(release="r1", classification="TOTAL", product_level="total", product_code="TOTAL",
                   quantity=None, quantity_unit=None, valuation=None, ingest_id="i-" + df["source"])
    return ibis.memtable(df[list(FLOW_COLUMNS)])


def one(text: str, table, **kw):
    [cc] = verify(extract(text, published=kw.pop("published", None)), table, **kw)
    return cc


# --- tolerance ------------------------------------------------------------------------

def test_bounds_follow_printed_rounding_and_qualifiers():
    tol = Tolerance()
    assert bounds(31.5e9, 1e8, (), tol) == pytest.approx((31.45e9, 31.55e9))
    assert bounds(40e9, 1e9, ("over",), tol) == pytest.approx((39.5e9, 48.5e9))
    assert bounds(44e9, 1e9, ("nearly",), tol) == pytest.approx((39.1e9, 44.5e9))
    assert bounds(100e9, 1e9, ("about",), tol) == pytest.approx((94.5e9, 105.5e9))
    assert bounds(-2e9, 1e9, (), tol) == pytest.approx((-2.5e9, -1.5e9))
    lo, hi = bounds(10e9, 1e8, (), tol, converted=True)
    assert lo == pytest.approx(9.95e9 * 0.98) and hi == pytest.approx(10.05e9 * 1.02)


# --- verdicts on a hand-made table ----------------------------------------------------

SMALL = [
    ("KAZ", "CHN", "export", 2023, "year", 12, 10.0e9, "natstat"),
    ("KAZ", "CHN", "import", 2023, "year", 12, 5.0e9, "natstat"),
    ("CHN", "KAZ", "import", 2023, "year", 12, 12.0e9, "customs"),
    ("CHN", "KAZ", "export", 2023, "year", 12, 9.0e9, "customs"),
    ("KAZ", "CHN", "export", 2022, "year", 12, 8.0e9, "natstat"),
    ("KAZ", "CHN", "import", 2022, "year", 12, 5.0e9, "natstat"),
    ("CHN", "KAZ", "import", 2022, "year", 12, 12.0e9, "customs"),
    ("CHN", "KAZ", "export", 2022, "year", 12, 9.0e9, "customs"),
] + [("KAZ", "CHN", "export", 2024, "month", m, 1.0e9, "natstat") for m in range(1, 4)]


@pytest.mark.parametrize(
    ("text", "status", "side"),
    [
        ("Товарооборот Казахстана с Китаем в 2023 году составил 15 млрд долларов.", "supported", "economy"),
        ("Товарооборот Казахстана с Китаем в 2023 году составил 21 млрд долларов.", "supported", "partner"),
        ("Товарооборот Казахстана с Китаем в 2023 году составил 18 млрд долларов.", "within_spread", None),
        ("Товарооборот Казахстана с Китаем в 2023 году составил 30 млрд долларов.", "contradicted", None),
        ("Экспорт Казахстана в Китай в 2023 году составил 12 млрд долларов.", "supported", "partner"),
        ("Импорт Китая из Казахстана в 2023 году составил 12 млрд долларов.", "supported", "economy"),
        ("Сальдо торговли Казахстана с Китаем в 2023 году составило 5 млрд долларов.", "supported", "economy"),
        ("Kazakhstan ran a trade surplus of $3 billion with China in 2023.", "supported", "partner"),
        ("Exports from Kazakhstan to China in January-March 2024 were $3 billion.", "supported", "economy"),
        ("Товарооборот Казахстана с Китаем в 2023 году превысил 20 млрд долларов.", "supported", "partner"),
    ],
)
def test_level_verdicts_name_the_side_that_supports_them(text, status, side):
    cc = one(text, flows(SMALL))
    assert cc.verdict.status == status, cc.verdict.explanation
    matching = {e.reported_by for e in cc.verdict.evidence if e.matches}
    assert matching == ({side} if side else set())
    monthly_only = "2024" in text  # only Kazakhstan's monthly figures exist for 2024
    assert {e.source for e in cc.verdict.evidence} == ({"natstat"} if monthly_only else {"natstat", "customs"})


def test_growth_is_computed_within_one_source_only():
    # natstat exports: 8 -> 10 (+25%); customs mirror: 12 -> 12 (0%).  Mixing sources
    # (customs 2023 over natstat 2022 = +50%) must not support a claim of +50%.
    assert one("Экспорт Казахстана в Китай в 2023 году вырос на 25%.", flows(SMALL)).verdict.status == "supported"
    cc = one("Экспорт Казахстана в Китай в 2023 году вырос на 50%.", flows(SMALL))
    assert cc.verdict.status == "contradicted"
    assert sorted(round(e.value_usd, 6) for e in cc.verdict.evidence) == [0.0, 25.0]


def test_a_claim_with_level_and_growth_gets_two_verdicts():
    cc = one("В 2023 году экспорт Казахстана в Китай вырос на 25% и составил 10 млрд долларов.", flows(SMALL))
    assert cc.verdict.part == "level" and cc.verdict.status == "supported"
    assert cc.growth_verdict.part == "growth" and cc.growth_verdict.status == "supported"


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("Товарооборот Синьцзяна с Казахстаном в 2023 году составил 10 млрд долларов.", "regional statistics for Xinjiang"),
        ("В марте 2025 года экспорт Казахстана в Китай составил 1 млрд долларов.", "monthly data for 2025-03"),
        ("Во втором квартале 2024 года экспорт Казахстана в Китай составил 3 млрд долларов.", "monthly data for 2024-04..06"),
        ("Товарооборот Казахстана с Китаем в 2019 году составил 15 млрд долларов.", "annual data for 2019"),
        ("Стороны планируют довести товарооборот Казахстана и Китая до $35 млрд к 2030 году.", "once published"),
        ("Китайские компании подписали с казахстанскими контракты на 1,5 млрд долларов в 2023 году.", "contract registers"),
        ("Экспорт пшеницы из Казахстана в Китай в 2023 году составил 1 млрд долларов.", "HS-level flows (wheat (HS 1001))"),
        ("Экспорт сельхозпродукции из Казахстана в Китай в 2023 году составил 1 млрд долларов.",
         "HS-level flows (agricultural products (HS 01-24)) for KAZ–CHN, 2023"),
        ("Товарооборот Казахстана с Китаем в 2023 году составил 15 миллиардов.", "currency"),
        ("В прошлом году товарооборот Казахстана с Китаем составил 15 млрд долларов.", "publication date"),
        ("Экспорт Казахстана в Китай в 2023 году составил 6,8 трлн рублей.", "RUB/USD rate for 2023"),
        ("Экспорт Казахстана в Китай в 2025 году составил 7 трлн тенге.", "KZT/USD rate for 2025"),
    ],
)
def test_not_checkable_says_what_would_make_it_checkable(text, needs):
    cc = one(text, flows(SMALL))
    assert cc.verdict.status == "not_checkable"
    assert needs in cc.verdict.needs
    assert reason_text(cc.verdict.reason, dict(cc.verdict.params), "en") == (cc.verdict.explanation, cc.verdict.needs)
    ru_why, ru_needs = reason_text(cc.verdict.reason, dict(cc.verdict.params), "ru")
    assert re.search("[а-я]", ru_why) and re.search("[а-я]", ru_needs)


def test_no_workspace_is_not_checkable_and_assumptions_are_noted():
    cc = one("Экспорт в Китай в 2023 году составил 10 млрд долларов.", None, assume_pair=("KAZ", "CHN"))
    assert cc.verdict.status == "not_checkable" and "workspace" in cc.verdict.needs
    assert cc.claim.reporter == "KAZ" and cc.notes == ("reporter not stated; assumed KAZ",)
    plain = one("Экспорт в Китай в 2023 году составил 10 млрд долларов.", flows(SMALL))
    assert plain.claim.reporter is None and "both economies" in plain.verdict.explanation


# --- the real totals --------------------------------------------------------------------

# KAZ-reported 2023: exports 14.759 bn, imports 16.772 bn (turnover 31.531 bn);
# CHN-reported 2023: imports from KAZ 16.358 bn (CIF), exports to KAZ 24.697 bn (turnover 41.055 bn);
# CHN-reported 2022 turnover 31.174 bn (+31.7% in 2023); KAZ-reported 2024 imports are missing.
REAL = [
    ("Товарооборот Казахстана и Китая в 2023 году составил 31,5 млрд долларов.", "supported", {"KAZ"}),
    ("Товарооборот Казахстана и Китая в 2023 году составил 41,1 млрд долларов.", "supported", {"CHN"}),
    ("Two-way trade between Kazakhstan and China reached $36 billion in 2023.", "within_spread", set()),
    ("Two-way trade between Kazakhstan and China hit a record $50 billion in 2023.", "contradicted", set()),
    ("Экспорт Казахстана в Китай в 2023 году составил 14,8 млрд долларов.", "supported", {"KAZ"}),
    ("China's imports from Kazakhstan totalled $16.4 billion in 2023.", "supported", {"CHN"}),
    ("Импорт Казахстана из Китая в 2022 году составил 3,6 млрд долларов.", "supported", {"KAZ"}),
    ("China's exports to Kazakhstan were $16.4 billion in 2022.", "supported", {"CHN"}),
    ("Товарооборот Казахстана с Китаем в 2024 году составил 43,9 млрд долларов.", "supported", {"CHN"}),
    ("В 2016 году экспорт Казахстана в Китай составил около 4,8 млрд долларов.", "supported", {"CHN"}),
]


@pytest.mark.shared
@pytest.mark.parametrize(("text", "status", "reporters"), REAL)
def test_real_totals_give_verdicts_naming_the_side(kz_cn_totals, text, status, reporters):
    cc = one(text, totals_table(kz_cn_totals))
    assert cc.verdict.status == status, cc.verdict.explanation
    assert {e.reporter for e in cc.verdict.evidence if e.matches} == reporters
    for e in cc.verdict.evidence:
        assert e.source == "comtrade" and e.release == "test"


@pytest.mark.shared
def test_real_growth_is_checked_within_each_side(kz_cn_totals):
    cc = one("По итогам 2023 года товарооборот Казахстана и Китая вырос на 32% и составил $41,1 млрд.",
             totals_table(kz_cn_totals))
    g = cc.growth_verdict
    assert g.status == "supported"
    by = {e.reporter: e.value_usd for e in g.evidence}
    assert by["CHN"] == pytest.approx((16357882073 + 24696909997) / (14819246516 + 16355236459) * 100 - 100)
    assert by["KAZ"] == pytest.approx(124.6, abs=0.1)
    assert [e.reporter for e in g.evidence if e.matches] == ["CHN"]


@pytest.mark.shared
def test_real_data_not_loaded_is_not_checkable(kz_cn_totals):
    t = totals_table(kz_cn_totals)
    xj = one("Товарооборот Синьцзяна с Казахстаном в 2023 году составил 10 млрд долларов.", t)
    assert xj.verdict.status == "not_checkable" and "Xinjiang" in xj.verdict.needs
    monthly = one("За январь–июль 2024 года товарооборот Казахстана и Китая составил 25,3 млрд долларов.", t)
    assert monthly.verdict.status == "not_checkable"
    assert monthly.verdict.needs == ("monthly or cumulative data for 2024-01..07 on KAZ–CHN trade (from either side): "
                                     "Kazakhstan BNS foreign-trade table by partner country, 2024-01..07 or "
                                     "China customs monthly statistics by partner country, 2024-01..07")
    kaz_2024 = one("Импорт Казахстана из Китая в 2024 году составил 28 млрд долларов.", t)
    assert kaz_2024.verdict.status == "supported"
    assert [e.reporter for e in kaz_2024.verdict.evidence] == ["CHN"]
    assert kaz_2024.verdict.explanation.endswith("(not in the workspace: Kazakhstan-reported imports for 2024)")
    last_year = one("Two-way trade between Kazakhstan and China was $41 billion last year.", t, published=dt.date(2024, 2, 1))
    assert last_year.claim.period.label == "2023" and last_year.verdict.status == "supported"


@pytest.mark.shared
@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Kazakhstan-reported HS 1001 exports to China (WITS): 2022 $13.85 mn, 2023 $147.03 mn
        ("Экспорт пшеницы из Казахстана в Китай в 2023 году составил 147 млн долларов.", "supported"),
        ("Экспорт пшеницы из Казахстана в Китай в 2023 году вырос в 10,6 раза.", "supported"),
        ("Wheat exports from Kazakhstan to China reached $300 million in 2023.", "contradicted"),
        ("Экспорт пшеницы из Казахстана в Китай в 2025 году составил 100 млн долларов.", "not_checkable"),
    ],
)
def test_product_claims_use_hs_lines(real_workspace, text, status):
    from corridor.store import Workspace

    with Workspace.open(real_workspace, create=False, read_only=True) as ws:
        [cc] = verify(extract(text), ws.flows())
    assert cc.verdict.status == status, cc.verdict.explanation
    if status != "not_checkable":
        assert {e.reporter for e in cc.verdict.evidence} == {"KAZ"}
        assert "wheat (HS 1001)" in cc.verdict.evidence[0].definition


@pytest.mark.shared
def test_agricultural_exports_sum_hs_chapters_01_to_24(real_workspace):

    from corridor.store import Workspace

    with Workspace.open(real_workspace, create=False, read_only=True) as ws:
        t = ws.flows()
        expected = (t.filter((t.reporter == "KAZ") & (t.year == 2023) & (t.flow == "export")
                             & (t.product_level == "hs4") & (t.product_code.left(2).cast("int32") <= 24))
                    .value_usd.sum().execute())
        [cc] = verify(extract("Экспорт сельхозпродукции из Казахстана в Китай в 2023 году составил 1 млрд долларов."),
                      ws.flows())
    [e] = cc.verdict.evidence
    assert e.value_usd == pytest.approx(expected) and 1e8 < expected < 2e9


def test_public_api_is_corridor_claims_verify():
    import corridor.claims as claims
    import corridor.claims.verification as verification

    assert claims.verify is verification.verify and claims.Tolerance is Tolerance


def test_a_2025_yuan_figure_is_converted_at_the_ecb_annual_mean():
    """2025's CNY rate (7.19) is the mean of 2025's daily ECB cross rates; without it a
    yuan figure of 2025 was not checkable ("CNY/USD rate for 2025")."""
    rows = [("CHN", "KAZ", "export", 2025, "year", 12, 20.0e9, "customs"),
            ("CHN", "KAZ", "import", 2025, "year", 12, 10.0e9, "customs")]
    cc = one("В 2025 году товарооборот Китая и Казахстана составил 215,7 млрд юаней.", flows(rows))
    assert cc.verdict.status == "supported", cc.verdict
    assert cc.claim.currency == "CNY"
