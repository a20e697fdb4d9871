"""The Roadmap and Deals pages over a small workspace: both sides' totals and HS4 flows,
a stored roadmap and a stored ledger; English and Russian; the no-data notice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.deals.test_answer import LEDGER
from tests.deals.test_answer import rows as deal_rows
from tests.roadmap.conftest import CHN_OWN, KAZ_OWN, flows_parsed, roadmap_csv, target, totals_rows, write_flows


def _client(ws: Path):
    from fastapi.testclient import TestClient

    from corridor.config import Settings
    from corridor.web.pages import dashboard_app

    return TestClient(dashboard_app(Settings(workspace=ws)))


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_plans_ws(tmp_path_factory.mktemp("plans"))


def build_plans_ws(tmp: Path) -> Path:
    """Both sides' totals (tests/roadmap), the deals' HS4 flows (tests/deals), the roadmap
    target t40 and the three-deal ledger stored, in ``tmp/ws``."""
    from corridor.store import Workspace

    path = tmp / "ws"
    flows = totals_rows("KAZ", "CHN", KAZ_OWN) + totals_rows("CHN", "KAZ", CHN_OWN) + deal_rows()
    with Workspace.open(path) as w:
        w.ingest(flows_parsed(write_flows(tmp / "flows.csv", flows)))
    rm = roadmap_csv(tmp / "roadmap.csv", [target()])
    ledger = tmp / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    for source, f in (("roadmap", rm), ("deals", ledger)):
        res = CliRunner().invoke(app, ["ingest", "--source", source, "-w", str(path), str(f)])
        assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def client(ws: Path):
    return _client(ws)


def specs(html: str) -> dict[str, dict]:
    return {m.group(1): json.loads(m.group(2)) for m in
            re.finditer(r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>', html, re.S)}


def _data(spec: dict, name: str) -> list[dict]:
    if name in spec.get("datasets", {}):
        return spec["datasets"][name]
    for part in [spec, *spec.get("hconcat", []), *spec.get("layer", [])]:
        d = part.get("data") or {}
        if d.get("name") == name:
            return d["values"]
    raise KeyError(name)


@pytest.mark.slow  # the roadmap's projections and the deals' estimates: ~10 s a page
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_roadmap_page_draws_the_answers_figures(client, ws: Path, lang: str):
    from corridor.answers.registry import ANSWERS, parse_query
    from corridor.store import Workspace

    with Workspace.open(ws, create=False, read_only=True) as w:
        doc = ANSWERS["roadmap"].run(w, parse_query("roadmap", {})).document()
    side = doc["targets"][0]["sides"][0]
    r = client.get("/roadmap" + ("?lang=ru" if lang == "ru" else ""))
    assert r.status_code == 200
    s = specs(r.text)
    assert {"progress", "target-0"} <= set(s)
    progress = _data(s["progress"], "progress")
    assert sorted(p["completion"] for p in progress) == sorted(x["completion"] for x in doc["targets"][0]["sides"])
    series = _data(s["target-0"], "series")
    assert {p["value"] for p in side["series"]} <= {p["value"] for p in series}
    assert 31.5e9 in [p["value"] for p in series] and 41.05e9 in [p["value"] for p in series]  # 2023, both sides
    assert _data(s["target-0"], "fan"), "the projection fan is drawn"
    assert _data(s["target-0"], "path"), "the required path is drawn"
    assert 'id="alerts"' in r.text
    if lang == "ru":
        assert "Дорожная карта: объявленные цели" in r.text and "Прогресс по целям и сторонам" in r.text
        assert "Сигналы" in r.text and "t40: стороны расходятся (Казахстан: по графику, Китай: достигнута)" in r.text
    else:
        assert "Progress per target and side" in r.text
        assert "t40: the sides disagree (Kazakhstan: on track, China: achieved)" in r.text
    assert [a["kind"] for a in doc["alerts"]] == ["sides_disagree"]
    for href in re.findall(r'href="(download/roadmap/[^"]+)"', r.text)[:3]:
        d = client.get("/" + href.replace("&amp;", "&"))
        assert d.status_code == 200, (href, d.text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_deals_page_draws_the_answers_figures(client, lang: str):
    r = client.get("/deals" + ("?lang=ru" if lang == "ru" else ""))
    assert r.status_code == 200
    s = specs(r.text)
    assert {"by-event", "by-chapter", "timeline"} <= set(s)
    pledged = [p for p in _data(s["by-event"], "pledged") if p["id"] == "K-1"]
    assert 100_000_000 in [p["usd"] for p in pledged]
    # K-1's excess by KAZ's statistics: 95.83 m (tests/deals/test_answer.py)
    assert any(p["usd"] == pytest.approx(95.83e6, rel=1e-3) for p in pledged)
    chapters = {p["category"] for p in _data(s["by-chapter"], "pledged")}
    assert chapters == {"10", "12", "26"}
    tl = _data(s["timeline"], "deals")
    assert {d["id"]: d["horizon_months"] for d in tl} == {"K-1": 24, "K-2": 12, "K-3": 12}
    assert _data(s["timeline"], "sides")
    if lang == "ru":
        assert "Сделки: обещания в торговой статистике" in r.text and "Заявлено" in r.text
        assert "100,0" in r.text  # Russian number format of the K-1 pledge
    else:
        assert "Pledged against realised, by event" in r.text and "$100.0" in r.text
    hrefs = set(re.findall(r'href="(download/deals/[^"]+)"', r.text))
    assert hrefs
    for href in hrefs:
        d = client.get("/" + href.replace("&amp;", "&"))
        assert d.status_code == 200, (href, d.text)


@pytest.mark.parametrize("page,command", [("roadmap", "--source roadmap"), ("deals", "--source deals")])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_workspace_without_roadmap_or_ledger_names_the_command(tmp_path: Path, page: str, command: str, lang: str):
    from corridor.store import Workspace

    path = tmp_path / "ws"
    with Workspace.open(path) as w:
        w.ingest(flows_parsed(write_flows(tmp_path / "flows.csv", totals_rows("KAZ", "CHN", KAZ_OWN))))
    r = _client(path).get(f"/{page}" + ("?lang=ru" if lang == "ru" else ""))
    assert r.status_code == 200
    assert f"corridor ingest {command}" in r.text
    assert "spec-" not in r.text


def test_every_page_has_its_own_name_and_path():
    """Two branches adding a page of the same name merge silently; this says so."""
    from corridor.web.pages import PAGES

    names, paths = [p.name for p in PAGES], [p.path for p in PAGES]
    assert len(set(names)) == len(names) and len(set(paths)) == len(paths), names


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "year to date, January–March 2024: $7.50 bn (+25.0% on the same months of 2023)"),
    ("ru", "с начала года, январь–март 2024 г.: 7,50 млрд долл. (+25,0% к тем же месяцам 2023 г.)")])
def test_the_roadmap_page_gives_each_sides_year_to_date(tmp_path: Path, lang: str, text: str):
    """The targets table has the year to date of a side with monthly figures (months 1-3 of
    2024: 2.5 bn a month, of 2023: 2.0 bn); before, only the terminal showed it."""
    from corridor.store import Workspace

    path = tmp_path / "ws"
    rows = totals_rows("KAZ", "CHN", KAZ_OWN)
    for y, v in ((2024, 1.25e9), (2023, 1.0e9)):
        rows += [f"KAZ,CHN,{f},{y},month,{mo},total,TOTAL,{v}" for mo in (1, 2, 3) for f in ("export", "import")]
    with Workspace.open(path) as w:
        w.ingest(flows_parsed(write_flows(tmp_path / "flows.csv", rows)))
    res = CliRunner().invoke(app, ["ingest", "--source", "roadmap", "-w", str(path),
                                   str(roadmap_csv(tmp_path / "roadmap.csv", [target()]))])
    assert res.exit_code == 0, res.output
    r = _client(path).get("/roadmap" + ("?lang=ru" if lang == "ru" else ""))
    assert r.status_code == 200
    assert ("С начала года" if lang == "ru" else "Year to date") in r.text
    assert text in r.text.replace("&#43;", "+")
