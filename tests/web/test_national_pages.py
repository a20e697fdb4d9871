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
