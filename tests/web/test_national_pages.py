"""Pages over monthly and regional statistics (tests/national_workspace.py: China customs by
province, Kazakhstan's BNS by partner and region): a region as the partner, the Data page,
and the Russian pages without English."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from tests.reports.test_error_messages import english_words

#: words of the page frame that are names, not English text (the footer's licences)
FRAME = {"english", "vega", "clause", "javascript"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from corridor.config import Settings
    from corridor.web.pages import dashboard_app
    from tests.national_workspace import build

    path: Path = tmp_path_factory.mktemp("national") / "ws"
    build(path)
    with TestClient(dashboard_app(Settings(workspace=path))) as c:
        yield c


def _text(page: str) -> list[str]:
    page = re.sub(r"<(script|style).*?</\1>", "", page, flags=re.S)
    return [line.strip() for line in html_lib.unescape(re.sub(r"<[^>]+>", "\n", page)).split("\n") if line.strip()]


def test_composition_with_a_region_as_partner_shows_the_side_that_reports_it(client):
    """Kazakhstan does not report its trade by Chinese province: the page showed «Not
    available ...: economy/export»; it now shows Xinjiang's statistics, and a side asked
    for that has none is named in words."""
    r = client.get("/composition", params={"partner": "CN-XJ", "from": 2023, "to": 2024})
    assert r.status_code == 200 and "This view cannot be shown" not in r.text
    assert '<option value="partner" selected>as Xinjiang Uygur Autonomous Region reports</option>' in r.text
    r = client.get("/composition", params={"partner": "CN-XJ", "side": "economy", "from": 2023, "to": 2024})
    assert ("Not available with the data in this workspace: Kazakhstan's own statistics, "
            "Exports: Kazakhstan → Xinjiang Uygur Autonomous Region") in html_lib.unescape(r.text)


@pytest.mark.parametrize("query", [
    {"page": "/data"},
    {"page": "/", "months": 9, "from": 2023, "to": 2024},
    {"page": "/", "monthly": "true", "from": 2024, "to": 2024},
    {"page": "/", "partner": "CN-XJ", "from": 2023, "to": 2024},
    {"page": "/", "economy": "KZ-19", "from": 2023, "to": 2024, "months": 9},
    {"page": "/composition", "partner": "CN-XJ", "from": 2023, "to": 2024},
])
def test_russian_pages_of_months_and_regions_have_no_english(client, query):
    """The Data page's coverage table showed the stored flow («export») in Russian."""
    query = dict(query)
    page = query.pop("page")
    r = client.get(page, params={**query, "lang": "ru"})
    assert r.status_code == 200
    left = {w for line in _text(r.text) for w in english_words(line)} - FRAME
    assert not left, left
    if page == "/" and query.get("months") == 9 and "economy" not in query:
        # the name stays in the nominative after a colon («Экспорт Казахстан» read wrong)
        assert "Экспорт: Казахстан, январь–сентябрь 2024" in _text(r.text)


def test_monthly_data_warnings_name_each_month(tmp_path: Path):
    """China reports a tenth of Kazakhstan's exports in each of January-March 2024: each
    month is its own warning, named, in both languages; before, the months of a year were
    one warning labelled "2024" with the last month's figures only (the others dropped)."""
    from fastapi.testclient import TestClient

    from corridor.config import Settings
    from corridor.store import Workspace
    from corridor.web.pages import dashboard_app
    from tests.roadmap.conftest import flows_parsed, write_flows

    rows = [f"KAZ,CHN,export,2024,month,{m},total,TOTAL,{m}e9" for m in (1, 2, 3)]
    rows += [f"CHN,KAZ,import,2024,month,{m},total,TOTAL,{m}e8" for m in (1, 2, 3)]
    with Workspace.open(tmp_path / "ws") as w:
        w.ingest(flows_parsed(write_flows(tmp_path / "months.csv", rows)))
    with TestClient(dashboard_app(Settings(workspace=tmp_path / "ws"))) as c:
        en = html_lib.unescape(c.get("/", params={"monthly": "true", "from": 2024, "to": 2024}).text)
        ru = html_lib.unescape(c.get("/", params={"monthly": "true", "from": 2024, "to": 2024, "lang": "ru"}).text)
    assert re.findall(r"Exports: Kazakhstan → China, (\w+ 2024): China's figures are 90% below", en) == [
        "January 2024", "February 2024", "March 2024"]
    assert "($200.0\u00a0m against $2.0\u00a0bn)" in en and "за этот период" in ru
    assert re.findall(r"Экспорт: Казахстан → Китай, (\w+ 2024):", ru) == ["январь 2024", "февраль 2024", "март 2024"]


def _coverage_rows(page: str) -> list[list[str]]:
    """The cells' texts of the Data page's coverage table, row by row."""
    table = re.search(r'<table[^>]*data-table="coverage".*?</table>', page, flags=re.S)
    assert table, "no coverage table"
    rows = [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), flags=re.S)]
    return [[c.replace("\xa0", " ") for c in r] for r in rows if r]


@pytest.mark.parametrize("lang, span, monthly", [("en", "January–September", "Monthly"),
                                                  ("ru", "Январь–сентябрь", "Помесячные")])
def test_the_data_page_shows_each_january_n_figure_without_summing_them(client, lang, span, monthly):
    """BNS January-September 2023 (10 bn) and 2024 (11 bn) of Kazakhstan's exports to China
    were one row of 2023–2024 worth 21 bn (two cumulative figures added); January-August
    and January-September of one year would have been added too.  Now each is its own row
    with its release and months; months show their first and last month."""
    rows = _coverage_rows(client.get("/data", params={"lang": lang}).text)
    kaz = [r for r in rows if r[:5] == ["bns", "2024-11-15", "KAZ", "CHN", r[4]] and r[4] in ("export", "экспорт")]
    assert [(r[7], r[8], r[10]) for r in kaz] == [(span, "2023", "$10.0 bn" if lang == "en" else "10,0 млрд $"),
                                                  (span, "2024", "$11.0 bn" if lang == "en" else "11,0 млрд $")]
    assert not [r for r in rows if r[8] == "2023–2024" and r[2] == "KAZ"]
    xj = [r for r in rows if r[2] == "CN-XJ" and r[3] == "KAZ" and r[4] in ("export", "экспорт")]
    assert [(r[7], r[8]) for r in xj] == [(monthly, "2023-01–2024-12")]


def test_the_coverage_answer_keeps_cumulative_figures_apart(tmp_path: Path):
    from corridor.answers.provenance import Query, answer
    from corridor.store import Workspace
    from tests.national_workspace import build

    build(tmp_path / "ws")
    with Workspace.open(tmp_path / "ws", read_only=True) as ws:
        cov = answer(ws, Query()).coverage
    kaz = cov[(cov.source == "bns") & (cov.reporter == "KAZ") & (cov.partner == "CHN") & (cov.flow == "export")]
    got = sorted((r.release, r.period_kind, int(r.month), int(r.year_from), int(r.year_to), r.value_usd)
                 for r in kaz.itertuples())
    assert got == [("2024-10-15", "ytd", 8, 2024, 2024, 9.7e9), ("2024-11-15", "ytd", 9, 2023, 2023, 10e9),
                   ("2024-11-15", "ytd", 9, 2024, 2024, 11e9), ("2024-11-20", "ytd", 9, 2023, 2023, 10e9),
                   ("2024-11-20", "ytd", 9, 2024, 2024, 11e9), ("2024-12-15", "ytd", 8, 2024, 2024, 9.75e9)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_amount_of_the_corridor_tables_reads_as_a_fraction_of_the_unit(client, lang):
    """Month by month, Kazakhstan's September 2024 is 1.25 bn and China's 1.0 million: with
    one scale per table chosen by the largest turnover, China's month read «0,0 млрд $»
    (and 141.5 million «0,1 млрд $»). Every amount shown now has a whole unit at least."""
    page = client.get("/", params={"monthly": "true", "from": 2024, "to": 2024, "lang": lang}).text
    fraction = re.compile(r"^−?\$?0[.,]\d+\s(bn|m|k|млрд|млн|тыс\.)" if lang == "en" else r"^−?0,\d+\sмлрд|^−?0,\d+\sмлн")
    amounts = []
    for name in ("summary", "gaps"):
        table = re.search(rf'<table[^>]*data-table="{name}".*?</table>', page, flags=re.S)
        assert table, name
        amounts += [html_lib.unescape(c).replace("\xa0", " ") for c in re.findall(r'<td class="num"[^>]*>([^<]*)</td>', table.group(0))]
    unit = "bn" if lang == "en" else "млрд"
    assert any(unit in a for a in amounts) or any(("m" if lang == "en" else "млн") in a for a in amounts)
    assert not [a for a in amounts if fraction.search(a)], amounts
