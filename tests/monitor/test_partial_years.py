"""Years that hold only January-N figures: the annual monitor says it leaves them out,
names the years and the months stored, and suggests the months option as the caller spells
it (``--months 9`` on the command line, ``months=9`` in the API); with no full year at all,
the error says the same instead of "ingest data first"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.errors import QueryError
from corridor.monitor import build_monitor
from corridor.store import Workspace
from tests.roadmap.conftest import flows_parsed, totals_rows, write_flows


def build_partial(tmp_path: Path) -> Path:
    """KAZ and CHN report 2022-2023 whole; for 2024 KAZ has January-September cumulative
    (BNS-like) and CHN the months January-October (and December: no full year)."""
    rows = totals_rows("KAZ", "CHN", {2022: (10e9, 9e9), 2023: (11e9, 10e9)})
    rows += totals_rows("CHN", "KAZ", {2022: (9.5e9, 10.5e9), 2023: (10.5e9, 11.5e9)})
    rows += ["KAZ,CHN,export,2024,ytd,9,total,TOTAL,9e9", "KAZ,CHN,import,2024,ytd,9,total,TOTAL,8e9"]
    rows += [f"CHN,KAZ,{flow},2024,month,{m},total,TOTAL,1e9" for flow in ("export", "import") for m in (*range(1, 11), 12)]
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.ingest(flows_parsed(write_flows(tmp_path / "flows.csv", rows)))
    return path


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    with Workspace.open(build_partial(tmp_path_factory.mktemp("partial")), read_only=True) as w:
        yield w


SAID = {"en": "Left out of the annual figures (only part of the year is stored): 2024: January–September (reported by "
              "KAZ); 2024: January–October (reported by CHN). For the same months of each year ask for --months 9.",
        "ru": "Не вошли в годовые данные (хранится только часть года): 2024 г.: январь–сентябрь (по данным KAZ); "
              "2024 г.: январь–октябрь (по данным CHN). Те же месяцы каждого года: --months 9."}


@pytest.mark.parametrize("source", ["workspace", "table"])
def test_the_annual_monitor_names_the_years_it_leaves_out(ws, source):
    rep = build_monitor(ws if source == "workspace" else ws.flows(), economy="KAZ", partner="CHN",
                        year_from=2022, year_to=2024)
    assert sorted(set(rep.summary.year)) == [2022, 2023]
    said = [n for n in rep.notes if n.key == "partial_years"]
    assert len(said) == 1 and {lang: said[0].render(lang) for lang in SAID} == SAID
    assert dict(said[0].params)["n"] == 9


def test_no_note_when_every_year_is_whole_or_months_are_asked(ws):
    rep = build_monitor(ws, economy="KAZ", partner="CHN", year_from=2022, year_to=2023)
    assert not [n for n in rep.notes if n.key == "partial_years"]
    rep = build_monitor(ws, economy="KAZ", partner="CHN", year_from=2024, year_to=2024, months=9)
    assert not [n for n in rep.notes if n.key == "partial_years"] and set(rep.summary.reported_by) == {"economy", "partner"}


def test_only_january_n_figures_is_an_error_that_names_them(ws):
    with pytest.raises(QueryError) as e:
        build_monitor(ws, economy="KAZ", partner="CHN", year_from=2024, year_to=2024)
    assert str(e.value) == ("no full-year figures between KAZ and CHN for 2024-2024 in the workspace, only January–N "
                            "ones: 2024: January–September (reported by KAZ); 2024: January–October (reported by CHN); "
                            "for the same months of each year ask for --months 9")
    ru = e.value.render("ru")
    assert "2024 г.: январь–сентябрь (по данным KAZ)" in ru and ru.endswith("те же месяцы каждого года: --months 9")


def test_the_json_document_and_the_api_spell_the_option_as_their_callers_do(ws, tmp_path):
    from fastapi.testclient import TestClient

    from corridor.answers.monitor import Query, answer
    from corridor.reports.registry import document
    from corridor.web.app import create_app
    from corridor.web.settings import ServeSettings

    res = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2022, year_to=2024))
    rec = [n for n in document(res, "ru")["notes"] if n["key"] == "partial_years"][0]
    assert rec["text"] == SAID["ru"] and json.loads(json.dumps(rec["params"])) == {"spans": [[2024, 9, "KAZ"], [2024, 10, "CHN"]], "n": 9}
    with TestClient(create_app(ServeSettings(workspace=build_partial(tmp_path)))) as c:
        for lang in ("en", "ru"):
            doc = c.get("/api/v1/monitor", params={"economy": "KAZ", "partner": "CHN", "from": 2022, "to": 2024,
                                                  "lang": lang}).json()
            said = [n["text"] for n in doc["notes"] if n["key"] == "partial_years"]
            assert said == [SAID[lang].replace("--months 9", "months=9")]
        err = c.get("/api/v1/monitor", params={"economy": "KAZ", "partner": "CHN", "from": 2024, "to": 2024})
        assert err.status_code in (400, 404, 422) and "months=9" in err.text and "--months" not in err.text
