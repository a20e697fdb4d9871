"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a real
uvicorn server on 127.0.0.1.

Every page loads in English and Russian with no console error and no request outside
127.0.0.1 (every request is intercepted and logged; any other origin is aborted and
fails the test); every chart is drawn (its SVG is present) and its data are the answer's
figures; the claim checker highlights the claims of a pasted text and shows a claim's
evidence on click; the opportunities page explains a product on click.  Screenshots of
every page go to ``$CORRIDOR_ARTIFACTS`` (default ``tests/artifacts/``).
"""

from __future__ import annotations

import math
from urllib.parse import quote

import pytest

from corridor.store import Workspace
from corridor.web.answering import answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHECK_TEXT = ("Товарооборот Казахстана и Китая в 2023 году составил $41,1 млрд. "
              "Kazakhstan's exports to China reached $15 billion in 2024.")

VIEWS = [("corridor", "/"), ("composition", "/composition"), ("complexity", "/complexity"),
         ("opportunities", "/opportunities"), ("roadmap", "/roadmap"), ("check", "/check?text=" + quote(CHECK_TEXT)), ("data", "/data"), ("deals", "/deals")]

CHARTS = {"corridor": ["series", "growth"], "composition": ["treemap", "structure", "changes"],
          "complexity": ["eci", "space"], "opportunities": ["scatter"], "roadmap": ["progress", "target-0", "target-1"],
          "check": [], "data": [], "deals": ["by-event", "by-chapter", "timeline"]}


def _with_lang(path: str, lang: str) -> str:
    if lang == "en":
        return path
    return path + ("&" if "?" in path else "?") + "lang=" + lang


def _result(ws_path, name, **params):
    with Workspace.open(ws_path, create=False, read_only=True) as ws:
        return answer(name, ws, {k: str(v) for k, v in params.items()})


def _data(page, chart: str, dataset: str) -> list[dict]:
    return page.evaluate(
        "([c, d]) => window.corridorViews[c].data(d).map(x => Object.fromEntries("
        "Object.entries(x).filter(([k, v]) => typeof v !== 'object' || v === null)))", [chart, dataset])


def _close(a, b, rel=1e-9) -> bool:
    return a is None and b is None or a is not None and b is not None and math.isclose(a, b, rel_tol=rel)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name,path", VIEWS, ids=[v[0] for v in VIEWS])
def test_page_loads_clean_and_draws_every_chart(watch, artifacts, name, path, lang):
    response = watch.open(_with_lang(path, lang))
    page = watch.page
    assert response.status == 200
    assert watch.errors == []
    assert watch.outside == [], f"requests outside 127.0.0.1: {watch.outside}"
    assert all(u.startswith(watch.base) or u.startswith("data:") for u in watch.requests)
    assert page.evaluate("document.documentElement.lang") == lang
    drawn = page.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map("
                          "e => [e.id.replace('chart-', ''), [e.getAttribute('data-rendered'), !!e.querySelector('svg')]]))")
    assert drawn == {c: ["1", True] for c in CHARTS[name]}
    page.screenshot(path=str(artifacts / f"{name}-{lang}.png"), full_page=True)


def test_corridor_charts_hold_the_monitor_figures(watch, dashboard_workspace):
    watch.open("/")
    summary = _result(dashboard_workspace, "monitor").document()["summary"]
    want = {(r["year"], m, r["reported_by"]): r[m] for r in summary for m in ("exports", "imports", "turnover", "balance")
            if r[m] is not None}
    drawn = {(d["year"], d["measure"], d["side"]): d["value_usd"] for d in _data(watch.page, "series", "series")}
    assert drawn.keys() == want.keys()
    assert all(math.isclose(drawn[k], want[k], rel_tol=1e-12) for k in want)
    growth = {(d["year"], d["side"]): d["growth_pct"] for d in _data(watch.page, "growth", "growth")}
    assert growth == {(r["year"], r["reported_by"]): r["turnover_growth_pct"] for r in summary
                      if r["turnover_growth_pct"] is not None}
    # the warnings block shows the answer's flagged flows
    warnings = _result(dashboard_workspace, "monitor").document()["warnings"]
    shown = watch.page.locator("#warnings li").count()
    assert (shown > 0) == bool(warnings)


def test_composition_treemap_tiles_are_the_answers_sections_and_products(watch, dashboard_workspace):
    watch.open("/composition?side=economy&flow=export&year=2023")
    doc = _result(dashboard_workspace, "monitor", top=40).document()
    mine = lambda rows: [r for r in rows if (r["reported_by"], r["flow"], r["year"]) == ("economy", "export", 2023)]  # noqa: E731
    tiles = _data(watch.page, "treemap", "tree")
    sections = {d["section"]: d["value_usd"] for d in tiles if d["id"].startswith("s:")}
    products = {d["code"]: d["value_usd"] for d in tiles if d["id"].startswith("p:")}
    assert sections == {r["section"]: r["value_usd"] for r in mine(doc["sections"])}
    assert products == {r["code"]: r["value_usd"] for r in mine(doc["top_products"])}
    # drawn tiles: one rect per product and per section, laid out inside the chart
    assert watch.page.locator("#chart-treemap svg path, #chart-treemap svg rect").count() >= len(tiles) - 1
    structure = _data(watch.page, "structure", "structure")
    want = {(r["year"], r["reported_by"]): r["hhi"] for r in doc["structure"] if r["flow"] == "export"}
    assert {(d["year"], d["side"]): d["value"] for d in structure if d["measure"] == "hhi"} == want


def test_complexity_charts_hold_the_ranking_and_the_product_space(watch, dashboard_workspace):
    watch.open("/complexity")
    res = _result(dashboard_workspace, "complexity", year=2022, level="hs6", source="baci", exporter="KAZ")
    countries = {c["code"]: c["eci"] for c in res.document()["countries"]}
    drawn = {d["code"]: d["eci"] for d in _data(watch.page, "eci", "countries")}
    assert drawn.keys() == countries.keys()
    assert all(_close(drawn[k], countries[k]) for k in countries)
    marked = {d["code"]: d["marked"] for d in _data(watch.page, "eci", "countries") if d["marked"] != "none"}
    assert marked == {"KAZ": "own", "CHN": "mirror"}
    nodes = res.tables()["space_nodes"]
    drawn_nodes = {d["product"]: d["present"] for d in _data(watch.page, "space", "nodes")}
    assert drawn_nodes == dict(zip(nodes["product"], nodes["mcp"] >= 1))
    assert len(_data(watch.page, "space", "links")) == len(res.tables()["space_edges"])
    symbols = watch.page.locator("#chart-space g.mark-symbol path").count()
    assert symbols == len(nodes)


def test_opportunities_scatter_and_explanation_on_click(watch, dashboard_workspace):
    watch.open("/opportunities")
    from corridor.reports.registry import document

    result = _result(dashboard_workspace, "opportunities", exporter="KAZ", market="CHN", year=2022, level="hs6")
    rows = document(result, "en")["opportunities"]  # the document as the page gets it: texts in English
    drawn = {d["product"]: (d["density"], d["cog"], d["untapped"]) for d in _data(watch.page, "scatter", "opportunities")}
    assert drawn == {r["product"]: (r["density"], r["cog"], r["untapped"] or 0.0) for r in rows}
    page = watch.page
    # a click on a bubble shows that product's explanation
    bubble = page.locator("#chart-scatter g.mark-symbol path").first
    box = bubble.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    shown = page.locator(".explanation:not([hidden])")
    assert shown.count() == 1
    code = shown.get_attribute("data-code")
    assert code in drawn
    assert rows[[r["product"] for r in rows].index(code)]["why"] in shown.inner_text()
    # a click on a table row shows its explanation and selects the row
    row = page.locator("table[data-table='ranking'] tr[data-id]").nth(2)
    row.click()
    assert page.locator(".explanation:not([hidden])").get_attribute("data-code") == row.get_attribute("data-id")
    assert "selected" in (row.get_attribute("class") or "")
    # the table sorts by a column (numbers by value)
    page.locator("table[data-table='ranking'] th[data-key='untapped']").click()
    values = page.eval_on_selector_all("table[data-table='ranking'] tbody tr td:nth-child(5)",
                                       "tds => tds.map(td => parseFloat(td.getAttribute('data-sort')))")
    assert values == sorted(values)


def test_claim_checker_highlights_claims_and_shows_evidence(watch, dashboard_workspace, artifacts):
    watch.open("/check")
    page = watch.page
    page.fill("#check-text", CHECK_TEXT)
    with page.expect_navigation():
        page.click("#check-submit")
    page.wait_for_function("() => window.corridorReady === true")
    assert watch.errors == [] and watch.outside == []
    assert "text=" in page.url  # the checked text is in the permalink
    doc = _result(dashboard_workspace, "check", text=CHECK_TEXT).document()
    marks = page.locator("#article mark.claim")
    assert marks.count() == len(doc["claims"]) >= 2
    for i, claim in enumerate(doc["claims"]):
        mark = page.locator(f"#article mark.claim[data-claim='{i}']")
        assert claim["verdict"]["status"] in mark.get_attribute("class").split()
        assert mark.inner_text() == CHECK_TEXT[claim["value_start"]:claim["value_end"]]
    # the first claim's evidence is open; a click on another claim shows its evidence instead
    assert page.locator(".evidence:not([hidden])").get_attribute("data-claim") == "0"
    marks.nth(1).click()
    panel = page.locator(".evidence:not([hidden])")
    assert panel.count() == 1 and panel.get_attribute("data-claim") == "1"
    assert "selected" in marks.nth(1).get_attribute("class")
    evidence = doc["claims"][1]["evidence"]
    assert panel.locator("tbody tr").count() == len(evidence) > 0
    assert evidence[0]["source"] in panel.inner_text()
    page.screenshot(path=str(artifacts / "check-evidence-en.png"), full_page=True)


def test_roadmap_charts_hold_each_sides_series_and_required_path(watch, dashboard_workspace):
    watch.open("/roadmap")
    doc = _result(dashboard_workspace, "roadmap").document()
    for i, target in enumerate(doc["targets"]):
        want = {(s["side"], p["year"]): p["value"] for s in target["sides"] for p in s["series"]}
        drawn = {(d["side"], d["year"]): d["value"] for d in _data(watch.page, f"target-{i}", "series")}
        assert drawn == want
        goal = _data(watch.page, f"target-{i}", "goal")
        assert [(g["year"], g["value"]) for g in goal] == [(target["target_year"], target["target_value"])]


def test_deals_charts_hold_the_ledgers_pledges_and_each_sides_excess(watch, dashboard_workspace):
    watch.open("/deals")
    doc = _result(dashboard_workspace, "deals").document()
    drawn = _data(watch.page, "by-event", "pledged")
    pledged = {d["id"]: d["usd"] for d in drawn if d["measure_label"] == "Pledged"}
    assert pledged == {d["id"]: d["pledged_usd"] for d in doc["deals"]}
    excess = sorted(d["usd"] for d in drawn if d["measure_label"] != "Pledged")
    assert excess == sorted(s["excess_usd"] for d in doc["deals"] for s in d["sides"] if s["excess_usd"] is not None)
    timeline = {d["id"]: (d["signed"], d["horizon_months"]) for d in _data(watch.page, "timeline", "deals")}
    assert timeline == {d["id"]: (d["signed"], d["horizon_months"]) for d in doc["deals"]}


#: The Corridor page over months, January-N and a region (issue 13), on the national workspace.
PERIOD_VIEWS = [("months", "/?economy=KAZ&partner=CHN&from=2023&to=2024&months=9", {"months": 9}),
                ("monthly", "/?economy=KAZ&partner=CHN&from=2024&to=2024&monthly=true", {"monthly": "true"}),
                ("region", "/?economy=KAZ&partner=CN-XJ&from=2023&to=2024&months=9", {"partner": "CN-XJ", "months": 9})]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name,path,params", PERIOD_VIEWS, ids=[v[0] for v in PERIOD_VIEWS])
def test_corridor_by_months_and_regions_draws_the_answers_periods(national_watch, national_workspace, artifacts,
                                                                   name, path, params, lang):
    """January-September of each year, month by month, and Kazakhstan-Xinjiang: the charts
    hold the monitor answer's figures of those periods, and a side the pair lacks is stated."""
    w = national_watch
    response = w.open(_with_lang(path, lang))
    assert response.status == 200 and w.errors == [] and w.outside == []
    base = {"economy": "KAZ", "partner": "CHN", "from": 2023, "to": 2024, **params}
    if name == "monthly":
        base["from"] = 2024
    from corridor.reports.registry import document

    doc = document(_result(national_workspace, "monitor", **base), lang)  # as the page renders it
    key = (lambda d: (d["year"], d["month"])) if name == "monthly" else (lambda d: d["year"])
    want = {(key(r), m, r["reported_by"]): r[m] for r in doc["summary"]
            for m in ("exports", "imports", "turnover", "balance") if r[m] is not None}
    drawn = {(key(d), d["measure"], d["side"]): d["value_usd"] for d in _data(w.page, "series", "series")}
    assert drawn.keys() == want.keys() and want
    assert all(math.isclose(drawn[k], want[k], rel_tol=1e-12) for k in want)
    title = w.page.locator("h1").inner_text()
    months = {"en": "January–September", "ru": "январь–сентябрь"}[lang]
    assert (months in title) == (name != "monthly")
    statements = [s["statement"] for s in doc["absent_sides"]]
    assert (name == "region") == bool(statements)
    shown = w.page.locator("#warnings li").all_inner_texts()
    assert all(s in shown for s in statements)
    w.page.screenshot(path=str(artifacts / f"corridor-{name}-{lang}.png"), full_page=True)
