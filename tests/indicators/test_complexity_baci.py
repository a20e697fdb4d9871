"""Issue 15: complexity at HS4 and HS6 on a BACI workspace (HS6 stored only), for a
release zip shaped as CEPII ships it (HS92, HS12, HS17 tables); the aggregate cache
gives exactly the general query's export matrix."""

from __future__ import annotations

import json

import numpy as np
import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.synthetic.baci import generate


@pytest.fixture(scope="module", params=["HS92", "HS12", "HS17"])
def baci_ws(request, tmp_path_factory):
    d = tmp_path_factory.mktemp(request.param)
    z = generate(d / f"BACI_{request.param}_V202401.zip", year=[2018, 2019], n_rows=20_000, n_countries=50,
                 n_products=400, seed=11, classification=request.param, cepii_codes=True)
    res = CliRunner().invoke(app, ["ingest", "-w", str(d / "ws"), str(z)])
    assert res.exit_code == 0, res.output
    return d / "ws"


def _sorted(table):
    return table.sort_by([("year", "ascending"), ("exporter", "ascending"), ("product", "ascending")])


@pytest.mark.parametrize("level", ["hs6", "hs4", "hs2"])
def test_the_cache_gives_the_general_querys_matrix(baci_ws, level):
    from corridor.indicators import stored
    from corridor.indicators.engines import to_arrow
    from corridor.indicators.inputs import export_matrix
    from corridor.store import Workspace

    with Workspace.open(baci_ws, read_only=True) as ws:
        assert list((baci_ws / "cache" / "xcp").glob("*.parquet"))  # written by the ingest
        cached, classification = stored.export_matrix(ws, years=[2018, 2019], level=level)
        general = to_arrow(export_matrix(ws.flows(), years=[2018, 2019], level=level))
    a, b = _sorted(cached), _sorted(general)
    assert a["exporter"].to_pylist() == b["exporter"].to_pylist() and a["product"].to_pylist() == b["product"].to_pylist()
    np.testing.assert_allclose(a["export_value"].to_numpy(), b["export_value"].to_numpy(), rtol=1e-12)
    assert set(pc.utf8_length(a["product"]).to_pylist()) == {int(level[2])}
    if level == "hs4":
        assert "2710" in set(a["product"].to_pylist())  # 271000 (a CEPII aggregate in HS12/HS17) under its parent


@pytest.mark.parametrize("level", ["hs4", "hs6"])
def test_complexity_on_a_baci_workspace(baci_ws, level):
    res = CliRunner().invoke(app, ["complexity", "-w", str(baci_ws), "--year", "2019", "--level", level, "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["source"] == "baci" and doc["level"] == level and doc["source_note"] is None
    assert len(doc["countries"]) >= 40 and all(len(p["code"]) == int(level[2]) for p in doc["products"])
    assert {"USA", "FRA", "IND"} <= {c["code"] for c in doc["countries"]}  # 842, 251, 699 in CEPII's numbering
    panel = json.loads(CliRunner().invoke(app, ["complexity", "-w", str(baci_ws), "--year", "2018", "--through", "2019",
                                                "--level", level, "--format", "json"]).output)
    assert [d["year"] for d in panel["panel"]] == [2018, 2019]
    assert panel["panel"][1]["countries"] == doc["countries"]


PROBE = """
import sys
from corridor.cli.main import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print("imported:", *sorted(m for m in ("pandas", "ibis") if m in sys.modules), file=sys.stderr)
"""


def test_the_json_route_imports_neither_pandas_nor_ibis(baci_ws, tmp_path):
    """`corridor complexity --format json` on the aggregate cache reads Arrow, computes in
    NumPy and writes the document from Arrow with names from the cached lookups: neither
    pandas (~0.5 s) nor Ibis (~0.5 s) is imported once the lookups are cached (the first
    run builds them, with pandas); both runs give the same document, Russian names included."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CORRIDOR_REFERENCE_CACHE": str(tmp_path / "lookups")}
    docs, imported = [], []
    for _ in range(2):
        out = tmp_path / "doc.json"
        args = ["complexity", "-w", str(baci_ws), "--year", "2018", "--through", "2019", "--level", "hs6",
                "--format", "json", "--lang", "ru", "--output", str(out)]
        run = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        imported.append(run.stderr.strip().splitlines()[-1])
        doc = json.loads(out.read_text())
        doc.pop("generated_at")
        docs.append(doc)
    assert imported[1] == "imported:"
    assert docs[0] == docs[1]
    names = {c["code"]: c["name"] for c in docs[1]["panel"][1]["countries"]}
    assert names["KAZ"] == "Казахстан"
    # every product named (CEPII's 271000 is no HS12/HS17 subheading: no name of its own)
    assert all(p["name"] for p in docs[1]["panel"][1]["products"] if p["code"] != "271000")
