"""Target claims matched to the roadmap, in Russian and English; a target the roadmap
lacks; the current figure of a target sentence checked as a fact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.claims import extract
from corridor.claims.report import to_document
from corridor.claims.verification import verify
from corridor.roadmap.evaluate import evaluate
from corridor.roadmap.parse import read_roadmap
from corridor.store import Workspace

from .conftest import roadmap_csv, target


@pytest.fixture(scope="module")
def evaluated(two_sided_ws_module: Path, tmp_path_factory: pytest.TempPathFactory):
    f = roadmap_csv(tmp_path_factory.mktemp("roadmap") / "r.csv", [
        target(id="t35", target_value="35000000000"),
        target(id="t40"),
        target(id="x-agri", indicator="agricultural_exports", target_value="3000000000"),
        target(id="x2", target_value="", target_growth_pct="100"),
        target(id="exp50", indicator="exports", target_value="", target_growth_pct="50"),
    ])
    with Workspace.open(two_sided_ws_module, read_only=True) as ws:
        flows = ws.flows()
        reports = evaluate(read_roadmap(f), flows, projections=False)
        yield reports, ws.flows()


def _check(text: str, evaluated, published=dt.date(2024, 6, 1)):
    reports, flows = evaluated
    return verify(extract(text, published=published), flows, assume_pair=("KAZ", "CHN"), roadmap=reports,
                  published=published)


@pytest.mark.parametrize("text", [
    "Планируется довести товарооборот до $40 млрд к 2030 году.",
    "Казахстан и Китай намерены довести взаимный товарооборот до 40 млрд долларов к 2030 году.",
    "Kazakhstan and China have set a target of bringing bilateral trade to $40 billion by 2030.",
    "The two leaders aim to raise trade turnover between China and Kazakhstan to $40bn by 2030.",
])
def test_target_claims_match_the_roadmap(text: str, evaluated) -> None:
    [cc] = [c for c in _check(text, evaluated) if c.claim.modality == "target"]
    assert cc.targets.status == "matched"
    [m] = cc.targets.targets
    assert m.id == "t40"
    sides = {s["reported_by"]: s["status"] for s in m.sides}
    assert sides == {"CHN": "achieved", "KAZ": "on_track"}
    rec = to_document([cc])["claims"][0]
    assert rec["targets"]["status"] == "matched" and rec["targets"]["targets"][0]["id"] == "t40"
    assert cc.verdict.status == "not_checkable" and cc.verdict.reason == "modality"


@pytest.mark.parametrize(("text", "expected"), [
    ("Стороны намерены увеличить товарооборот в два раза к 2030 году.", "x2"),
    ("The sides aim to increase Kazakhstan's exports to China by 50% by 2030.", "exp50"),
])
def test_growth_target_claims(text: str, expected: str, evaluated) -> None:
    """A growth claim matches a growth target (doubling = +100 %), never a value target."""
    [cc] = [c for c in _check(text, evaluated) if c.claim.modality == "target"]
    assert [m.id for m in cc.targets.targets] == [expected]


def test_printed_rounding_decides_the_match(evaluated) -> None:
    """"$35 млрд" stands for 34.5-35.5 bn: it matches the $35 bn target, not $40 bn; "около $38 млрд"
    (about: 5 % either side plus rounding, 35.6-40.4) matches the $40 bn target only."""
    [cc] = _check("Планируется довести товарооборот до $35 млрд к 2030 году.", evaluated)
    assert [m.id for m in cc.targets.targets] == ["t35"]
    [cc] = _check("Стороны планируют довести товарооборот примерно до $38 млрд к 2030 году.", evaluated)
    assert [m.id for m in cc.targets.targets] == ["t40"]


@pytest.mark.parametrize("text", [
    "Стороны намерены довести товарооборот до $50 млрд к 2030 году.",   # no such value
    "Планируется довести товарооборот до $40 млрд к 2028 году.",        # no such year
    "Kazakhstan aims to raise exports to China to $40 billion by 2030.",  # another indicator
])
def test_a_target_the_roadmap_lacks(text: str, evaluated) -> None:
    [cc] = [c for c in _check(text, evaluated) if c.claim.modality == "target"]
    assert cc.targets.status == "not_in_roadmap" and cc.targets.targets == ()
    assert to_document([cc])["claims"][0]["targets"] == {"status": "not_in_roadmap", "targets": []}


@pytest.mark.parametrize("text", [
    "Kazakhstan and China aim to raise bilateral trade to $40 billion by 2030, from $31.5 billion in 2023.",
    "Стороны планируют довести товарооборот до $40 млрд к 2030 году, в 2023 году он составил $31,5 млрд.",
])
def test_the_current_figure_beside_a_target_is_checked_as_a_fact(text: str, evaluated) -> None:
    checked = _check(text, evaluated)
    fact = [c for c in checked if c.claim.period and c.claim.period.year == 2023]
    goal = [c for c in checked if c.claim.period and c.claim.period.year == 2030]
    assert fact and goal
    assert fact[0].claim.modality == "fact" and fact[0].verdict.status == "supported"  # KAZ-reported 31.5 bn
    assert goal[0].claim.modality == "target" and goal[0].targets.targets[0].id == "t40"


def test_without_a_roadmap_nothing_changes(evaluated) -> None:
    _, flows = evaluated
    [cc] = verify(extract("Планируется довести товарооборот до $40 млрд к 2030 году."), flows,
                  assume_pair=("KAZ", "CHN"))
    assert cc.targets is None and to_document([cc])["claims"][0]["targets"] is None
