"""The dashboard's pages served in-process: every page in both languages, permalinks,
downloads of every chart's and table's data, the static route and the security headers."""

from __future__ import annotations

import io
import re

import pytest

from corridor.store import Workspace
from corridor.web.answering import answer
from corridor.web.pages import PAGES

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", [p.path for p in PAGES])
def test_every_page_is_served_in_both_languages_with_no_outside_reference(client, page, lang):
    r = client.get(page, params={"lang": lang})
    assert r.status_code == 200
    html = r.text
    assert f'<html lang="{lang}">' in html
    # nothing is loaded from another origin: every src/href is relative (or a fragment)
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs and not [u for u in refs if re.match(r"^[a-z]+:|^//", u)]
    assert "<script>" not in html  # no inline script: specs are JSON data blocks
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_russian_pages_use_russian_numbers(client):
    html = client.get("/", params={"lang": "ru"}).text
    assert re.search(r"\d+,\d\u00a0млрд\u00a0\$", html)
    assert "Товарооборот" in html and "Turnover" not in html


def test_every_link_of_a_page_keeps_its_view_state(client):
    html = client.get("/composition", params={"economy": "KAZ", "partner": "CHN", "lang": "ru", "flow": "import"}).text
    nav = re.findall(r'<nav aria-label="pages">(.*?)</nav>', html, re.S)[0]
    assert 'href="complexity?economy=KAZ&amp;partner=CHN&amp;flow=import&amp;lang=ru"' in nav
    assert 'href="composition?economy=KAZ&amp;partner=CHN&amp;flow=import"' in html  # the language switch


def test_downloads_hold_the_answers_figures(client, dashboard_workspace):
    import openpyxl
    import pandas as pd

    html = client.get("/").text
    links = set(re.findall(r'href="(download/[^"]+)"', html))
    assert {"summary", "gaps", "warnings"} <= {re.match(r"download/monitor/(\w+)\.", u.replace("&amp;", "&")).group(1)
                                               for u in links}
    with Workspace.open(dashboard_workspace, create=False, read_only=True) as ws:
        summary = answer("monitor", ws, {}).tables()["summary"]
    csv = client.get("/download/monitor/summary.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    got = pd.read_csv(io.StringIO(csv.text))
    assert got["turnover"].tolist() == pytest.approx(summary["turnover"].tolist(), nan_ok=True)
    xlsx = client.get("/download/monitor/summary.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book["summary"]
    header = [c.value for c in sheet[1]]
    turnover = [row[header.index("turnover")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert turnover == pytest.approx(summary["turnover"].tolist())


def test_every_page_download_link_answers(client):
    for page in ("/", "/composition", "/complexity", "/opportunities", "/data"):
        for link in set(re.findall(r'href="(download/[^"]+\.csv[^"]*)"', client.get(page).text)):
            r = client.get("/" + link.replace("&amp;", "&"))
            assert r.status_code == 200, (page, link, r.text[:200])
            assert r.text.count("\n") >= 2


def test_bad_parameters_get_a_clear_page_not_a_stack_trace(client):
    r = client.get("/", params={"lang": "fr"})
    assert r.status_code == 400 and "lang='fr'" in r.text
    r = client.get("/", params={"economy": "NOWHERE"})
    assert r.status_code == 200 and "NOWHERE" in r.text and "Traceback" not in r.text


def test_static_route_serves_a_fixed_list(client):
    assert client.get("/static/dashboard.js").status_code == 200
    bundle = client.get("/static/vendor/vega.js")
    assert bundle.status_code == 200 and "vegaEmbed" in bundle.text
    licences = client.get("/static/vendor/LICENSES.txt").text
    assert "BSD-3-Clause" in licences and "Jon Mease" in licences
    for bad in ("/static/../pages.py", "/static/%2e%2e/pages.py", "/static/templates/base.html", "/static/nothing.js"):
        assert client.get(bad).status_code == 404


def test_claim_checker_upload(client):
    text = "Товарооборот Казахстана и Китая в 2023 году составил $41,1 млрд.".encode()
    r = client.post("/check", files={"file": ("article.txt", text, "text/plain")})
    assert r.status_code == 200
    assert 'class="claim ' in r.text
    big = b"x" * 300_000
    assert client.post("/check", files={"file": ("big.txt", big, "text/plain")}).status_code == 413
