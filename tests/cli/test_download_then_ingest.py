"""The user's path for BACI: download a release zip (here from a local mirror on
127.0.0.1, interrupted once mid-way), ingest it, and see the flows in the monitor."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.synthetic.baci import generate
from tests.sources.httpserver import Route, serve


def test_download_resume_ingest_and_monitor(tmp_path: Path) -> None:
    src = generate(tmp_path / "mirror" / "BACI_HS17_V202401.zip", year=[2021, 2022], n_rows=300_000,
                   n_countries=60, n_products=300, seed=7)
    body = src.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    route = Route(body=body, cut_first=1, cut_at=len(body) - 1000)  # the first response is cut: resume with Range
    dest = tmp_path / "downloads"
    with serve({"/baci/BACI_HS17_V202401.zip": route}) as srv:
        res = CliRunner().invoke(app, ["download", "baci", "V202401", "--dest", str(dest),
                                       "--base-url", srv.url("/baci"), "--sha256", sha, "--quiet"])
        assert res.exit_code == 0, res.output
        assert len(srv.requests) >= 2 and any(r.headers.get("Range") for r in srv.requests), [(r.path, r.headers.get("Range")) for r in srv.requests]
    zip_path = dest / "BACI_HS17_V202401.zip"
    assert hashlib.sha256(zip_path.read_bytes()).hexdigest() == sha
    ws = tmp_path / "ws"
    res = CliRunner().invoke(app, ["ingest", "--workspace", str(ws), str(zip_path)])
    assert res.exit_code == 0, res.output
    assert "baci, release V202401" in res.output
    res = CliRunner().invoke(app, ["provenance", "--workspace", str(ws), "--format", "json"])
    doc = json.loads(res.stdout)
    assert doc["schema"] == "corridor.provenance/1"
    prov = doc["ingests"]
    # one ingest per year file, each naming the zip and its SHA-256 (issue 15: resumable per year)
    assert len(prov) == 2 and all(sha in p["notes"] and p["source"] == "baci" and p["rows_stored"] > 10_000 for p in prov)
