"""POST /api/v1/ingest: uploads in, the ingest's provenance out, the new data answered next."""

from __future__ import annotations

import pytest

from .conftest import TOKEN, auth


@pytest.fixture
def baci_file(tmp_path):
    from corridor.synthetic.baci import generate

    return generate(tmp_path / "BACI_HS17_Y2021_V202401.csv", year=2021, n_rows=2000, n_countries=30,
                    n_products=100, seed=4)


@pytest.fixture
def fresh(tmp_path, client_for):
    from corridor.store import Workspace

    from tests.store.helpers import simple_parsed

    from .conftest import rows_csv

    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        w.ingest(simple_parsed(rows_csv(tmp_path / "a.csv", 2020, 1.0)))
    return client_for(ws, token=TOKEN, scratch=tmp_path / "scratch"), tmp_path


def test_an_upload_is_ingested_and_answered_next(fresh, baci_file):
    client, root = fresh
    assert len(client.get("/api/v1/provenance").json()["ingests"]) == 1
    with baci_file.open("rb") as fh:
        r = client.post("/api/v1/ingest", files={"files": (baci_file.name, fh, "text/csv")}, headers=auth())
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema"] == "corridor.ingest/1"
    (f,) = doc["files"]
    assert f["status"] == "stored" and f["source"] == "baci" and f["release"] == "V202401" and f["rows_stored"] > 0
    assert [p["ingest_id"] for p in doc["provenance"]] == [f["ingest_id"]]
    assert doc["provenance"][0]["file_name"] == baci_file.name
    ingests = client.get("/api/v1/provenance").json()["ingests"]
    assert len(ingests) == 2  # seen at once: the write refreshed the server's readers
    assert not any(p.is_file() for p in (root / "scratch").rglob("*")), "the upload's scratch copy is removed"
    # the same file again changes nothing
    with baci_file.open("rb") as fh:
        again = client.post("/api/v1/ingest", files={"files": (baci_file.name, fh)}, headers=auth()).json()
    assert again["files"][0]["status"] == "unchanged"


def test_a_bad_upload_names_the_file_not_the_scratch_path(fresh):
    client, root = fresh
    bad = b"t,i,j,k,v,q\n2021,398,156,10121,-5,1\n"
    r = client.post("/api/v1/ingest", files={"files": ("BACI_HS17_Y2021_V202401.csv", bad)},
                    data={"source": "baci"}, headers=auth())
    assert r.status_code == 422, r.text
    assert "BACI_HS17_Y2021_V202401.csv" in r.text and str(root) not in r.text
    assert len(client.get("/api/v1/provenance").json()["ingests"]) == 1


def test_remove_needs_the_token_and_takes_the_ingest_out(fresh):
    client, _ = fresh
    (first,) = client.get("/api/v1/provenance").json()["ingests"]
    assert client.post("/api/v1/remove", json={"ingest_ids": first["ingest_id"]}).status_code == 401
    r = client.post("/api/v1/remove", json={"ingest_ids": first["ingest_id"]}, headers=auth())
    assert r.status_code == 200, r.text
    assert r.json()["schema"] == "corridor.remove/1"
    assert [x["ingest_id"] for x in r.json()["removed"]] == [first["ingest_id"]]
    assert client.get("/api/v1/provenance").json()["ingests"] == []
    again = client.post("/api/v1/remove", json={"ingest_ids": first["ingest_id"]}, headers=auth())
    assert again.status_code == 422 and again.json()["schema"] == "corridor.error/1"


def test_a_table_uploaded_with_its_mapping(fresh):
    """``source=table`` and the mapping as an uploaded file (never a path on the server)."""
    from pathlib import Path

    client, _ = fresh
    fixtures = Path(__file__).resolve().parents[1] / "sources" / "fixtures" / "generic"
    data, mapping = fixtures / "wide_years.csv", fixtures / "wide_years.toml"
    r = client.post("/api/v1/ingest", data={"source": "table", "release": "upload-1"},
                    files=[("files", (data.name, data.read_bytes())), ("mapping", (mapping.name, mapping.read_bytes()))],
                    headers=auth())
    assert r.status_code == 200, r.text
    (f,) = r.json()["files"]
    assert f["status"] == "stored" and f["release"] == "upload-1" and f["rows_stored"] > 0


def test_a_pledge_ledger_uploaded_as_a_dataset(fresh):
    """``source=deals``: the ledger goes through the same ingest answer as the CLI's and is
    then answered by ``/api/v1/deals``."""
    from pathlib import Path

    client, _ = fresh
    ledger = Path(__file__).resolve().parents[2] / "examples" / "deals_illustrative_ledger.csv"
    r = client.post("/api/v1/ingest", data={"source": "deals", "release": "ledger-1"},
                    files=[("files", (ledger.name, ledger.read_bytes()))], headers=auth())
    assert r.status_code == 200, r.text
    (f,) = r.json()["files"]
    assert (f["status"], f["source"], f["release"], f["rows_stored"]) == ("stored", "deals", "ledger-1", 9)
    deals = client.get("/api/v1/deals", params={"estimate": "false"}).json()
    assert deals["ledger"]["release"] == "ledger-1" and len(deals["deals"]) == 9


def test_a_release_zip_uploaded_is_ingested_as_the_cli_does_year_by_year_with_its_cache(fresh, tmp_path):
    """A BACI release zip through the API goes the CLI's way (one ingest a year, the
    exporter x product cache of each stored year written), because both call the answer."""
    from corridor.indicators import stored
    from corridor.store import Workspace
    from corridor.synthetic.baci import generate

    client, root = fresh
    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=[2018, 2019], n_rows=2000, n_countries=30,
                 n_products=100, seed=5)
    with z.open("rb") as fh:
        r = client.post("/api/v1/ingest", files={"files": (z.name, fh, "application/zip")}, headers=auth())
    assert r.status_code == 200, r.text
    files = r.json()["files"]
    assert [f["status"] for f in files] == ["stored", "stored"]
    assert sorted(f["file_name"] for f in files) == ["BACI_HS17_Y2018_V202401.csv", "BACI_HS17_Y2019_V202401.csv"]
    with Workspace.open(root / "ws", read_only=True) as ws:
        assert all(stored.cache_file(ws, f["ingest_id"]).is_file() for f in files)


def test_a_china_customs_download_keeps_its_chinese_name_and_so_its_flow(fresh):
    """A GACC download without a flow column says its flow in its name (出口.csv: exports);
    the upload refused any name that was not ASCII, so such a file could not be ingested
    over the API.  A name with a separator, a space or a leading dot is still refused."""
    client, _ = fresh
    body = "数据年月,商品编码,贸易伙伴名称,美元\n202401,8429,哈萨克斯坦,5\n".encode("gbk")
    r = client.post("/api/v1/ingest", files={"files": ("出口.csv", body, "text/csv")}, headers=auth())
    assert r.status_code == 200, r.text
    doc = r.json()
    (f,) = doc["files"]
    assert f["status"] == "stored" and f["source"] == "gacc" and doc["provenance"][0]["file_name"] == "出口.csv"
    assert "flow export from the file name (no flow column)" in doc["provenance"][0]["notes"]
    for name in ("出口 1.csv", ".出口.csv", "_x.csv", "出口/"):
        r = client.post("/api/v1/ingest", files={"files": (name, body, "text/csv")}, headers=auth())
        assert r.status_code in (400, 422), (name, r.text)
