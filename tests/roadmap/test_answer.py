"""The roadmap answer over a workspace of both sides' statistics: statuses by each side,
the disagreeing targets first, the document, the tables, the alerts after an ingest and
after a revised roadmap, the CLI in every format and both languages.

Fixture (conftest.py): turnover KAZ-reported 20.0 (2020) -> 31.5 (2023) USD bn,
CHN-reported 21.0 -> 41.05.  Target $40 bn by 2030 from 2020:
- CHN: 41.05 >= 40: achieved;
- KAZ: observed (31.5/20)**(1/3) - 1 = 16.35 %/yr, required (40/20)**(1/10) - 1 = 7.177 %/yr,
  R = 2.279: on track (not achieved).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.answers.roadmap import AlertsQuery, RoadmapQuery, roadmap, roadmap_alerts
from corridor.cli.main import app
from corridor.roadmap.stored import roadmap_dataset
from corridor.store import Workspace

from .conftest import flows_parsed, roadmap_csv, target, totals_rows, write_flows

runner = CliRunner()


def _roadmap_file(tmp_path: Path, name: str = "r.csv", value40: str = "40000000000") -> Path:
    return roadmap_csv(tmp_path / name, [
        target(id="t-low", title="Turnover $15 bn", target_value="15000000000"),
        target(id="t40", target_value=value40),
        target(id="t-nc", indicator="exports", target_value="", target_growth_pct="100", statistics="reporter"),
    ])


@pytest.fixture
def stored_ws(two_sided_ws: Path, tmp_path: Path) -> Path:
    with Workspace.open(two_sided_ws) as ws:
        ws.ingest_dataset(roadmap_dataset(_roadmap_file(tmp_path), release="v1"))
    return two_sided_ws


def test_statuses_by_each_side_disagreeing_first(stored_ws: Path) -> None:
    with Workspace.open(stored_ws) as ws:
        res = roadmap(ws, RoadmapQuery(projections=False))
    ids = [r.target.id for r in res.targets]
    assert ids[0] == "t40"  # the only target whose sides disagree comes first
    t40 = res.targets[0]
    assert t40.disagree
    sides = {s.side: s for s in t40.sides}
    assert (sides["partner"].reported_by, sides["partner"].progress.status) == ("CHN", "achieved")
    kaz = sides["reporter"].progress
    assert kaz.status == "on_track" and not kaz.achieved
    assert (kaz.baseline_year, kaz.baseline_value, kaz.latest_year, kaz.latest_value) == (2020, 20e9, 2023, 31.5e9)
    assert kaz.observed_cagr == pytest.approx((31.5 / 20) ** (1 / 3) - 1, rel=1e-9)
    assert kaz.required_cagr == pytest.approx(2 ** 0.1 - 1, rel=1e-9)
    assert kaz.ratio == pytest.approx(((31.5 / 20) ** (1 / 3) - 1) / (2 ** 0.1 - 1), rel=1e-9)
    assert sides["partner"].progress.latest_value == pytest.approx(41.05e9)
    low = next(r for r in res.targets if r.target.id == "t-low")
    assert not low.disagree and {s.progress.status for s in low.sides} == {"achieved"}
    # a growth target on the reporter's statistics only: exports 10 -> 15 bn against 10 -> 20 by 2030
    nc = next(r for r in res.targets if r.target.id == "t-nc")
    assert [s.side for s in nc.sides] == ["reporter"]
    assert nc.sides[0].progress.target_value == pytest.approx(20e9)
    assert nc.sides[0].progress.ratio == pytest.approx((1.5 ** (1 / 3) - 1) / (2 ** 0.1 - 1), rel=1e-9)
    assert nc.sides[0].progress.status == "on_track"
    # state alerts only: no earlier state (the roadmap was the last event and has no earlier release)
    assert res.previous is None and [a.kind for a in res.alerts] == ["sides_disagree"]


def test_document_schema_and_tables(stored_ws: Path) -> None:
    with Workspace.open(stored_ws) as ws:
        res = roadmap(ws, RoadmapQuery())
    doc = res.document()
    assert list(doc)[0] == "schema" and doc["schema"] == "corridor.roadmap/1"
    t = doc["targets"][0]
    assert t["id"] == "t40" and t["disagree"] is True
    for side in t["sides"]:
        for key in ("reported_by", "baseline_year", "baseline_value", "latest_year", "latest_value", "observed_cagr",
                    "required_cagr", "ratio", "status"):
            assert key in side
    kaz = next(s for s in t["sides"] if s["reported_by"] == "KAZ")
    assert kaz["observed_cagr"] == pytest.approx(0.1635, abs=1e-4)  # a fraction, not percent
    assert kaz["projection"]["label"] == "projection" and kaz["projection"]["fan"][-1]["year"] == 2030
    assert kaz["required_path"][0] == {"year": 2020, "value": 20e9}
    assert kaz["required_path"][-1]["value"] == pytest.approx(40e9)
    json.dumps(doc, allow_nan=False)  # NaN-free
    tables = res.tables()
    assert set(tables) == {"targets", "series", "projection", "alerts"}
    rows = tables["targets"]
    assert len(rows) == 5 and set(rows.columns) >= {"target", "side", "reported_by", "status", "ratio", "probability"}
    series = tables["series"]
    assert series[(series["target"] == "t40") & (series["reported_by"] == "CHN") & (series["year"] == 2023)][
        "value"].iloc[0] == pytest.approx(41.05e9)


@pytest.mark.slow
def test_alerts_after_an_ingest_of_flows_and_after_a_revised_roadmap(stored_ws: Path, tmp_path: Path) -> None:
    """2024 figures arrive: KAZ-reported turnover 42 bn passes $40 bn (now achieved, the
    sides agree).  Then the roadmap is revised: $40 bn -> $45 bn (target revised; CHN's
    41.05 bn no longer achieves it)."""
    f = write_flows(tmp_path / "f2024.csv", totals_rows("KAZ", "CHN", {2024: (20e9, 22e9)}))
    with Workspace.open(stored_ws) as ws:
        ws.ingest(flows_parsed(f))
        res = roadmap_alerts(ws, AlertsQuery())
    assert res.previous["event"] == "flows_ingest"
    kinds = [(a.kind, a.target, a.side) for a in res.alerts]
    assert ("now_achieved", "t40", "reporter") in kinds
    assert not any(k[0] == "sides_disagree" for k in kinds)
    with Workspace.open(stored_ws) as ws:
        ws.ingest_dataset(roadmap_dataset(_roadmap_file(tmp_path, "r2.csv", value40="45000000000"), release="v2"))
        res = roadmap_alerts(ws, AlertsQuery())
    assert res.previous == {"event": "roadmap_release", "ingest_id": res.previous["ingest_id"], "release": "v1"}
    kinds = {(a.kind, a.target, a.side) for a in res.alerts}
    assert ("target_revised", "t40", None) in kinds
    revised = next(a for a in res.alerts if a.kind == "target_revised")
    assert dict(revised.params) == {"target_value": "40000000000.0 -> 45000000000.0"}
    assert ("status_changed", "t40", "partner") in kinds and ("status_changed", "t40", "reporter") in kinds
    assert res.document()["schema"] == "corridor.roadmap-alerts/1"


def test_unprecedented_required_growth(two_sided_ws: Path, tmp_path: Path) -> None:
    """$400 bn by 2030 from 31.5 bn (2023) needs 43.8 %/yr; the best year of KAZ's history
    is +26.0 % (2023): alert."""
    f = roadmap_csv(tmp_path / "big.csv", [target(id="huge", target_value="400000000000")])
    with Workspace.open(two_sided_ws) as ws:
        res = roadmap(ws, RoadmapQuery(file=str(f), projections=False))
    a = [x for x in res.alerts if x.kind == "required_growth_unprecedented" and x.side == "reporter"]
    assert a and dict(a[0].params)["growth_needed"] == pytest.approx((400 / 31.5) ** (1 / 7) - 1, rel=1e-9)
    assert dict(a[0].params)["max_growth"] == pytest.approx(31.5 / 25 - 1, rel=1e-9)
    assert res.roadmap["stored"] is False


@pytest.mark.slow
def test_cli_formats_and_languages(stored_ws: Path, tmp_path: Path) -> None:
    import openpyxl

    base = ["roadmap", "-w", str(stored_ws), "--no-projection"]
    res = runner.invoke(app, [*base, "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "corridor.roadmap/1" and doc["summary"]["achieved"] == 3 and doc["lang"] == "en"
    res = runner.invoke(app, [*base, "--format", "csv"])
    assert res.exit_code == 0 and res.output.splitlines()[0].startswith("target,title,indicator")
    ru_csv = runner.invoke(app, [*base, "--format", "csv", "--lang", "ru"])
    assert ru_csv.output.splitlines()[0].startswith("цель;название;показатель")
    out = tmp_path / "r.xlsx"
    res = runner.invoke(app, [*base, "--format", "xlsx", "--output", str(out)])
    assert res.exit_code == 0, res.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["about", "targets", "series", "projection", "alerts"]
    header = [c.value for c in book["targets"][1]]
    first = dict(zip(header, [c.value for c in book["targets"][2]]))
    assert first["target"] == "t40" and isinstance(first["ratio"], (float, type(None)))
    en = runner.invoke(app, [*base], env={"COLUMNS": "200"})
    assert "THE TWO SIDES' STATISTICS DISAGREE" in en.output and "achieved" in en.output
    ru = runner.invoke(app, [*base, "--lang", "ru"], env={"COLUMNS": "200"})
    assert ru.exit_code == 0, ru.output
    assert "СТАТИСТИКА СТОРОН РАСХОДИТСЯ" in ru.output and "достигнута" in ru.output and "по графику" in ru.output
    assert "Цель: 40,00 млрд долл. к 2030 году" in ru.output and "Казахстан" in ru.output
    al = runner.invoke(app, ["roadmap", "alerts", "-w", str(stored_ws), "--format", "json"])
    assert al.exit_code == 0 and json.loads(al.output)["alerts"][0]["kind"] == "sides_disagree"


def test_a_given_file_is_evaluated_without_storing(two_sided_ws: Path, tmp_path: Path) -> None:
    f = _roadmap_file(tmp_path)
    res = runner.invoke(app, ["roadmap", str(f), "-w", str(two_sided_ws), "--no-projection", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["roadmap"]["stored"] is False
    with Workspace.open(two_sided_ws) as ws:
        assert list(ws.provenance().execute()["source"]) == ["test"]
    bad = roadmap_csv(tmp_path / "bad.csv", [target(unit="count")])
    res = runner.invoke(app, ["roadmap", str(bad), "-w", str(two_sided_ws)])
    assert res.exit_code == 2 and "line 2, field 'unit'" in res.output


def test_year_to_date_from_monthly_and_cumulative_figures(two_sided_ws: Path, tmp_path: Path) -> None:
    """KAZ reports months 1-3 of 2024 (exports 1.2 bn, imports 1.3 bn a month) and of 2023
    (1.0 + 1.0 bn): year-to-date turnover 7.5 bn, +25 % on 6.0 bn.  CHN publishes a cumulative
    January-February 2024 (4.0 + 2.0 bn) and January-February 2023 (5.0 bn): 6.0 bn, +20 %."""
    rows = []
    for y, (x, m) in ((2024, (1.2e9, 1.3e9)), (2023, (1.0e9, 1.0e9))):
        for mo in (1, 2, 3):
            rows += [f"KAZ,CHN,export,{y},month,{mo},total,TOTAL,{x}", f"KAZ,CHN,import,{y},month,{mo},total,TOTAL,{m}"]
    rows += ["CHN,KAZ,export,2024,ytd,2,total,TOTAL,4e9", "CHN,KAZ,import,2024,ytd,2,total,TOTAL,2e9",
             "CHN,KAZ,export,2023,ytd,2,total,TOTAL,3e9", "CHN,KAZ,import,2023,ytd,2,total,TOTAL,2e9"]
    f = write_flows(tmp_path / "monthly.csv", rows)
    with Workspace.open(two_sided_ws) as ws:
        ws.ingest(flows_parsed(f, source="monthly"))
        res = roadmap(ws, RoadmapQuery(file=str(_roadmap_file(tmp_path)), projections=False))
    t40 = next(r for r in res.targets if r.target.id == "t40")
    ytd = {s.reported_by: s.ytd for s in t40.sides}
    # +25 % on the same months keeps the pace: (40 / 31.5)**(1/7) - 1 = 3.5 %/yr is still needed
    assert ytd["KAZ"] == {"year": 2024, "last_month": 3, "value": pytest.approx(7.5e9), "previous_value": 6e9,
                          "growth": pytest.approx(0.25), "basis": "sum of months", "on_pace": True}
    assert ytd["CHN"]["value"] == 6e9 and ytd["CHN"]["growth"] == pytest.approx(0.2)
    assert ytd["CHN"]["basis"] == "cumulative"
    # the annual progress is unchanged by monthly rows
    assert {s.reported_by: s.progress.latest_year for s in t40.sides} == {"KAZ": 2023, "CHN": 2023}


def test_a_year_of_twelve_months_or_january_december_counts_once(two_sided_ws: Path, tmp_path: Path) -> None:
    """2024 has no annual rows: KAZ reports its twelve months (exports 1.5 bn, imports 1.5 bn
    a month: 36 bn), CHN a January-December cumulative (25 + 17 = 42 bn) and also its
    months 1-3 (which the cumulative figure must not be added to); 2023's annual rows stay
    as they are (the months of 2023 given too are not added to them).  Before, the roadmap
    read annual rows only: its latest year was 2023 and a region known by months only had
    no data at all."""
    rows = [f"KAZ,CHN,{f},2024,month,{mo},total,TOTAL,1.5e9" for mo in range(1, 13) for f in ("export", "import")]
    rows += [f"KAZ,CHN,export,2023,month,{mo},total,TOTAL,1e9" for mo in range(1, 13)]
    rows += ["CHN,KAZ,export,2024,ytd,12,total,TOTAL,25e9", "CHN,KAZ,import,2024,ytd,12,total,TOTAL,17e9"]
    rows += [f"CHN,KAZ,export,2024,month,{mo},total,TOTAL,2e9" for mo in (1, 2, 3)]
    f = write_flows(tmp_path / "months.csv", rows)
    with Workspace.open(two_sided_ws) as ws:
        ws.ingest(flows_parsed(f, source="monthly"))
        res = roadmap(ws, RoadmapQuery(file=str(_roadmap_file(tmp_path)), projections=False))
    t40 = next(r for r in res.targets if r.target.id == "t40")
    latest = {s.reported_by: (s.progress.latest_year, s.progress.latest_value) for s in t40.sides}
    assert latest == {"KAZ": (2024, pytest.approx(36e9)), "CHN": (2024, pytest.approx(42e9))}
    kaz = dict(next(s.series for s in t40.sides if s.reported_by == "KAZ"))
    assert kaz[2023] == pytest.approx(31.5e9) and kaz[2024] == pytest.approx(36e9)  # 2023 as its annual rows give it


def test_a_region_is_an_economy_like_any_other(two_sided_ws: Path, tmp_path: Path) -> None:
    """Kazakhstan's trade with Xinjiang (CN-XJ) as Kazakhstan reports it, 2.0 -> 3.0 bn
    (2021-2023), and Xinjiang's exports to Almaty Region (KZ-19) as China's customs report
    them by province: each target is judged by the sides that have figures."""
    rows = totals_rows("KAZ", "CN-XJ", {2021: (1e9, 1e9), 2022: (1.2e9, 1.3e9), 2023: (1.4e9, 1.6e9)})
    rows += [f"CN-XJ,KZ-19,export,{y},year,12,total,TOTAL,{v}" for y, v in ((2021, 5e8), (2023, 8e8))]
    f = write_flows(tmp_path / "regions.csv", rows)
    roadmap_file = roadmap_csv(tmp_path / "regions_roadmap.csv", [
        target(id="xj", partner="CN-XJ", target_value="", target_growth_pct="100", baseline_year="2021"),
        target(id="almaty", indicator="imports", reporter="KZ-19", partner="CN-XJ", target_value="1000000000",
               baseline_year="2021"),
    ])
    with Workspace.open(two_sided_ws) as ws:
        ws.ingest(flows_parsed(f, source="regions"))
        res = roadmap(ws, RoadmapQuery(file=str(roadmap_file), projections=False))
    by = {r.target.id: {s.reported_by: s.progress for s in r.sides} for r in res.targets}
    xj = by["xj"]["KAZ"]
    assert (xj.baseline_value, xj.latest_value, xj.target_value) == (2e9, 3e9, 4e9)
    assert xj.status == "on_track" and by["xj"]["CN-XJ"].status == "no_data"
    # Almaty Region's imports from Xinjiang by Xinjiang's statistics: 0.5 -> 0.8 bn, 1.0 bn by 2030
    almaty = by["almaty"]["CN-XJ"]
    assert almaty.ratio == pytest.approx((1.6 ** 0.5 - 1) / (2 ** (1 / 9) - 1), rel=1e-9)
    assert by["almaty"]["KZ-19"].status == "no_data"
