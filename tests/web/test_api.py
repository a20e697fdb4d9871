"""API = CLI: every answer's document over HTTP equals `corridor <command> --format json`;
every command has a route and every route a command; one error document everywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app as cli

from .conftest import TOKEN, auth

YEARS = (2020, 2021)
TEXT = "Товарооборот Казахстана и Китая в 2021 году составил $2,5 млрд."
#: commands of the CLI that are not answers (they need no route)
NOT_ANSWERS = {"demo", "download", "serve", "doctor"}  # doctor: a repair run on the machine itself, not over HTTP
#: CLI commands whose answer module is not in the registry yet (corridor.answers.registry.MODULES);
#: once registered they get a route and must get an example below
PENDING: set[str] = set()

#: (API parameters, CLI arguments) of one example per answer that reads the workspace
EXAMPLES: dict[str, tuple[dict[str, str], list[str]]] = {
    "monitor": ({"economy": "KAZ", "partner": "CHN", "from": "2020", "to": "2021", "level": "hs6"},
                ["monitor", "KAZ", "CHN", "--from", "2020", "--to", "2021", "--level", "hs6"]),
    "indicators": ({"exporter": "KAZ", "market": "CHN", "from": "2020", "to": "2021", "level": "hs6"},
                   ["indicators", "KAZ", "CHN", "--from", "2020", "--to", "2021", "--level", "hs6"]),
    "complexity": ({"year": "2021"}, ["complexity", "--year", "2021"]),
    "opportunities": ({"exporter": "KAZ", "market": "CHN", "year": "2021", "top": "5", "level": "hs6"},
                      ["opportunities", "KAZ", "--market", "CHN", "--year", "2021", "--top", "5", "--level", "hs6"]),
    "provenance": ({}, ["provenance"]),
    "deals": ({"estimate": "false"}, ["deals", "--no-estimate"]),
    "roadmap": ({"projections": "false"}, ["roadmap", "--no-projection"]),
}


@pytest.fixture(scope="module")
def baci_ws(tmp_path_factory) -> Path:
    from corridor.sources import baci
    from corridor.store import Workspace
    from corridor.synthetic.baci import generate

    root = tmp_path_factory.mktemp("api")
    z = generate(root / "BACI_HS17_V202401.zip", year=list(YEARS), n_rows=20_000, n_countries=60,
                 n_products=400, seed=5)
    with Workspace.open(root / "ws") as ws:
        ws.ingest(baci.parse(ws.connection, z))
    ledger = Path(__file__).resolve().parents[2] / "examples" / "deals_illustrative_ledger.csv"
    res = CliRunner().invoke(cli, ["ingest", "--source", "deals", "-w", str(root / "ws"), str(ledger)])
    assert res.exit_code == 0, res.output
    roadmap = ledger.parent / "roadmap_kz_cn_announced.csv"
    res = CliRunner().invoke(cli, ["ingest", "--source", "roadmap", "-w", str(root / "ws"), str(roadmap)])
    assert res.exit_code == 0, res.output
    return root / "ws"


@pytest.fixture(scope="module")
def api(baci_ws):
    from fastapi.testclient import TestClient

    from corridor.web.app import create_app
    from corridor.web.settings import ServeSettings

    with TestClient(create_app(ServeSettings(workspace=baci_ws, token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def _cli_json(args: list[str], ws: Path) -> tuple[int, dict]:
    res = CliRunner().invoke(cli, [*args, "--format", "json", "--workspace", str(ws)])
    return res.exit_code, json.loads(res.stdout)


def _timeless(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "generated_at"}


#: floats are compared to 1e-12 relative: two runs of one query may sum in another order
#: (DuckDB's parallel aggregation) and differ in the last digit; everything else exactly
REL = 1e-12


def assert_same(a, b, where: str = "document") -> None:
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), f"{where}: {a!r} != {b!r}"
        assert a == pytest.approx(b, rel=REL, abs=1e-300), f"{where}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), f"{where}: keys {list(a)} != {list(b) if isinstance(b, dict) else b}"
        for k in a:
            assert_same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{where}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def _answers():
    from corridor.answers.registry import ANSWERS

    return ANSWERS


def test_every_command_has_a_route_and_every_route_a_command(api):
    from corridor.web.api import PREFIX

    commands = set(_answers())
    import typer.main

    cli_commands = set(typer.main.get_command(cli).commands) - NOT_ANSWERS - (PENDING - commands)
    spec = api.get("/api/v1/openapi.json").json()
    routes = {p.removeprefix(PREFIX + "/") for p in spec["paths"] if p.startswith(PREFIX + "/")}
    index = {c["command"] for c in api.get(PREFIX).json()["commands"]}
    assert cli_commands == commands, "every CLI command is an answer (or a listed exception)"
    assert routes == commands == index, "every answer has a route and every route an answer"


def test_examples_cover_every_reading_answer():
    from corridor.web.api import method_of

    assert set(EXAMPLES) | {"check"} == {n for n, a in _answers().items() if not a.writes} | {"check"}
    assert all(method_of(_answers()[n]) == "GET" for n in EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_api_document_equals_cli_document(api, baci_ws, name, lang):
    params, args = EXAMPLES[name]
    r = api.get(f"/api/v1/{name}", params={**params, "lang": lang})
    code, cli_doc = _cli_json([*args, "--lang", lang], baci_ws)
    assert r.status_code == 200 and code == 0, r.text
    assert_same(_timeless(r.json()), _timeless(cli_doc))
    assert r.json()["schema"] == _answers()[name].schema and r.json()["lang"] == lang


def test_check_document_equals_cli_document(api, baci_ws, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    r = api.post("/api/v1/check", json={"text": TEXT, "date": "2022-03-01"})
    assert r.status_code == 200, r.text
    code, cli_doc = _cli_json(["check", str(article), "--date", "2022-03-01"], baci_ws)
    assert code == 0
    assert_same(_timeless(r.json()), _timeless(cli_doc))
    assert r.json()["schema"] == _answers()["check"].schema


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_tables_export_as_csv_and_xlsx(api, name):
    from openpyxl import load_workbook

    params, _ = EXAMPLES[name]
    r = api.get(f"/api/v1/{name}", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    x = api.get(f"/api/v1/{name}", params={**params, "format": "xlsx", "lang": "ru"})
    assert x.status_code == 200
    wb = load_workbook(io.BytesIO(x.content))
    assert len(wb.sheetnames) >= 2


PROBLEM_KEYS = {"file", "line", "field", "got", "expected", "reason", "message"}


def _error_shape(r, status: int) -> dict:
    assert r.status_code == status, r.text
    doc = r.json()
    assert doc["schema"] == "corridor.error/1"
    assert isinstance(doc["code"], str) and isinstance(doc["message"], str) and isinstance(doc["problems"], list)
    assert all(set(p) == PROBLEM_KEYS for p in doc["problems"])
    assert "Traceback" not in r.text
    return doc


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_error_document_on_every_route(api, name):
    params, _ = EXAMPLES[name]
    doc = _error_shape(api.get(f"/api/v1/{name}", params={**params, "no_such_option": "1"}), 400)
    assert any(p["field"] == "no_such_option" and p["reason"] == "unknown_parameter" for p in doc["problems"])
    _error_shape(api.get(f"/api/v1/{name}", params={**params, "format": "pdf"}), 400)


def test_error_document_on_check_and_ingest(api):
    doc = _error_shape(api.post("/api/v1/check", json={"text": TEXT, "date": "yesterday"}), 400)
    assert doc["problems"][0]["field"] == "date"
    _error_shape(api.post("/api/v1/check", json={"date": "2022-01-01"}), 400)
    _error_shape(api.post("/api/v1/ingest", files={"files": ("x.csv", b"a,b\n1,2\n")}), 401)
    doc = _error_shape(api.post("/api/v1/ingest", files={"files": ("x.csv", b"a,b\n1,2\n")},
                                data={"source": "table"}, headers=auth()), 400)
    assert "/uploads/" not in json.dumps(doc)


def test_bad_parameter_values_are_400_with_the_field(api):
    doc = _error_shape(api.get("/api/v1/monitor", params={"economy": "KAZ", "partner": "CHN", "from": "soon"}), 400)
    assert doc["problems"][0]["field"] == "from"
    doc = _error_shape(api.get("/api/v1/monitor", params={"economy": "KAZ", "partner": "CHN", "level": "hs9"}), 400)
    assert doc["problems"][0]["field"] == "level"
