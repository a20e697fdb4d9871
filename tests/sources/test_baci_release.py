"""BACI as CEPII ships it (issue 15) and the zip defects of issue 16.

* a release zip written the way CEPII writes it, from CEPII's own numbering (842 USA,
  251 France, 699 India, 490 'Other Asia, nes') and product tables (``271000``, which
  CEPII aggregates and HS 2017 does not list), ingests without ``--allow-unknown-codes``
  for HS92, HS12 and HS17;
* encrypted and Deflate64 members, zip bombs and a full disk are refused before
  anything is extracted, with a named error and a bounded problem list.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import duckdb
import pytest

from corridor.errors import InputError
from corridor.sources import baci
from corridor.synthetic.baci import generate


@pytest.fixture()
def con():
    c = duckdb.connect()
    yield c
    c.close()


@pytest.mark.parametrize("classification", ["HS92", "HS12", "HS17"])
def test_a_release_with_cepiis_codes_ingests_without_allow_unknown_codes(tmp_path, classification):
    from corridor.store import Workspace

    z = generate(tmp_path / f"BACI_{classification}_V202401.zip", year=[2018, 2019], n_rows=4000, n_countries=40,
                 n_products=300, seed=5, classification=classification, cepii_codes=True)
    with zipfile.ZipFile(z) as zf:
        names = set(zf.namelist())
        products = zf.read(f"product_codes_{classification}_V202401.csv").decode()
        countries = zf.read("country_codes_V202401.csv").decode()
    assert {f"BACI_{classification}_Y2018_V202401.csv", f"BACI_{classification}_Y2019_V202401.csv",
            "country_codes_V202401.csv", f"product_codes_{classification}_V202401.csv"} <= names
    assert "\n271000," in products
    for line in ("842,", "251,", "699,", "490,\"Other Asia, nes\""):
        assert "\n" + line in countries
    with Workspace.open(tmp_path / "ws") as ws:
        parsed = baci.parse(ws.connection, z)
        report = ws.ingest(parsed)
        assert report.status == "stored" and report.rows_stored == 8000
        got = ws.connection.execute(
            "SELECT count(*) FILTER (product_code = '271000'), count(DISTINCT reporter) FILTER (reporter IN ('USA', 'FRA', 'IND', 'OAS')) "
            "FROM flows_all").fetchall()[0]
        assert got[0] > 0 and got[1] == 4
        notes = "\n".join(report.notes)
    if classification == "HS92":  # 271000 is an HS 1992 subheading: nothing to vouch for
        assert parsed.release_products == ()
    else:
        assert parsed.release_products == ("271000",)
        assert "271000 (HS4 2710)" in notes and "CEPII aggregates" in notes


def test_the_real_hs17_product_table_vouches_for_271000_only(shared_data):
    extra, notes = baci.release_products(shared_data / "baci_codes" / "product_codes.csv", "HS17")
    assert extra == ("271000",)
    assert "product_codes.csv" in notes[0]


def test_a_code_the_release_table_does_not_list_is_still_unknown(tmp_path):
    from corridor.store import Workspace

    z = tmp_path / "BACI_HS17_V202401.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("BACI_HS17_Y2019_V202401.csv", "t,i,j,k,v,q\n2019,398,156,271000,1,1\n2019,398,156,270999,1,1\n")
        zf.writestr("country_codes_V202401.csv", "country_code,country_name,country_iso2,country_iso3\n156,China,CN,CHN\n398,Kazakhstan,KZ,KAZ\n")
        zf.writestr("product_codes_HS17_V202401.csv", "code,description\n271000,Petroleum oils\n")
    with Workspace.open(tmp_path / "ws") as ws:
        with pytest.raises(InputError, match="270999"):
            ws.ingest(baci.parse(ws.connection, z))
        assert ws.is_empty()


# -- zips that must not be extracted ----------------------------------------------------
def _patch(path: Path, *, flag: int | None = None, method: int | None = None) -> Path:
    """Set the general-purpose flag or the compression method of every member, in both
    the local headers and the central directory (as an encrypting or Deflate64 zip tool writes them)."""
    data = bytearray(path.read_bytes())
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            if flag is not None:
                data[at + flag_at: at + flag_at + 2] = struct.pack("<H", flag)
            if method is not None:
                data[at + method_at: at + method_at + 2] = struct.pack("<H", method)
            start = at + 4
    path.write_bytes(bytes(data))
    return path


def _small_release(tmp_path: Path) -> Path:
    z = tmp_path / "BACI_HS17_V202401.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BACI_HS17_Y2019_V202401.csv", "t,i,j,k,v,q\n2019,398,156,10121,1,1\n")
    return z


def _no_scratch(tmp_path: Path) -> bool:
    return not [p for p in tmp_path.iterdir() if "-corridor-" in p.name]


def test_an_encrypted_member_is_a_named_error(tmp_path, con):
    z = _patch(_small_release(tmp_path), flag=0x1)
    with pytest.raises(InputError, match="is encrypted") as err:
        baci.parse(con, z)
    assert err.value.problems[0].field == "BACI_HS17_Y2019_V202401.csv" and _no_scratch(tmp_path)


def test_a_deflate64_member_is_a_named_error(tmp_path, con):
    z = _patch(_small_release(tmp_path), method=9)
    with pytest.raises(InputError, match="Deflate64, which corridor cannot read") as err:
        baci.parse(con, z)
    assert "re-zip" in str(err.value) and _no_scratch(tmp_path)


@pytest.mark.parametrize("body", ["one repeated row", "zeros"])
def test_a_zip_bomb_is_refused_before_extraction(tmp_path, con, body):
    z = tmp_path / "BACI_HS17_V202401.zip"
    size = 24 << 20
    text = ("t,i,j,k,v,q\n" + "2019,398,156,10121,1,1\n" * (size // 23)) if body != "zeros" else "\0" * size
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BACI_HS17_Y2019_V202401.csv", text)
    del text
    with pytest.raises(InputError, match="would expand") as err:
        baci.parse(con, z)
    assert len(str(err.value)) < 1000 and _no_scratch(tmp_path)


def test_an_extraction_larger_than_the_free_disk_is_refused(tmp_path, con, monkeypatch):
    z = _small_release(tmp_path)

    class Usage:
        free = 10 << 20

    monkeypatch.setattr(baci.shutil, "disk_usage", lambda _path: Usage)
    with pytest.raises(InputError, match="GB free"):
        baci.parse(con, z)
    assert _no_scratch(tmp_path)


def test_error_lists_are_bounded(tmp_path):
    f = tmp_path / "country_codes_V202401.csv"
    f.write_text("country_code,country_iso3\n" + "x,AAA\n" * 50_000)
    with pytest.raises(InputError) as err:
        baci.read_country_codes(f)
    assert err.value.total == 50_000 and len(err.value.problems) == baci.MAX_PROBLEMS + 1
    assert "49980 more problem(s)" in err.value.problems[-1].message and len(str(err.value)) < 5000
    p = tmp_path / "product_codes_HS17_V202401.csv"
    p.write_text("code,description\n" + "1234567,x\n" * 50_000)
    with pytest.raises(InputError) as err:
        baci.read_product_codes(p)
    assert err.value.total == 50_000 and len(err.value.problems) == baci.MAX_PROBLEMS + 1


# -- a release, year by year; stored sorted ----------------------------------------------
def test_a_release_is_ingested_year_by_year_and_an_interrupted_ingest_resumes(tmp_path, monkeypatch):
    from corridor.store import Workspace

    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=[2017, 2018, 2019], n_rows=3000, n_countries=30,
                 n_products=200, seed=8, cepii_codes=True)
    assert baci.release_years(z) == (2017, 2018, 2019)
    with Workspace.open(tmp_path / "ws") as ws:
        real = ws.ingest
        calls = []

        def dies_on_the_second_year(parsed, **kw):
            calls.append(parsed.dataset)
            if len(calls) == 2:
                raise KeyboardInterrupt  # the user's Ctrl-C, or a kill, during the second year
            return real(parsed, **kw)

        monkeypatch.setattr(ws, "ingest", dies_on_the_second_year)
        with pytest.raises(KeyboardInterrupt):
            baci.ingest_release(ws, z)
        monkeypatch.setattr(ws, "ingest", real)
        assert ws.connection.execute("SELECT DISTINCT year FROM coverage").fetchall() == [(2017,)]
        seen = []
        reports = baci.ingest_release(ws, z, on_year=lambda y, r: seen.append((y, r is None)))
        assert seen == [(2017, True), (2018, False), (2019, False)]
        assert [r.status for r in reports] == ["stored", "stored"]
        prov = ws.connection.execute("SELECT dataset, notes FROM provenance ORDER BY dataset").fetchall()
        assert len(prov) == 3 and all(f"{z}:BACI_HS17_Y" in d and "SHA-256 of the zip" in n for d, n in prov)
        assert ws.connection.execute("SELECT count(*) FROM flows_all").fetchall() == [(9000,)]
    assert not [p for p in tmp_path.iterdir() if "-corridor-" in p.name]  # no scratch left


def test_stored_rows_are_sorted_so_row_group_statistics_prune_a_relation(tmp_path):
    """The stored file is ordered by reporter then partner: its row groups' min/max of
    ``reporter`` do not overlap, and DuckDB reads only the row groups that can hold one
    reporter's rows (EXPLAIN ANALYZE counts the rows scanned)."""
    from corridor.store import Workspace

    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=2019, n_rows=60_000, n_countries=60, n_products=400, seed=9)
    with Workspace.open(tmp_path / "ws") as ws:
        baci.ingest_release(ws, z)
        con = ws.connection
        [(parquet,)] = con.execute("SELECT parquet FROM provenance").fetchall()
        stored = str(ws.path / parquet)
        con.execute("SET enable_progress_bar = false")
        con.execute(f"COPY (FROM read_parquet('{stored}')) TO '{tmp_path}/small_groups.parquet' (FORMAT parquet, ROW_GROUP_SIZE 2048)")
        # the stored order, kept when re-written with small row groups (the workspace's own groups hold 500k rows)
        groups = con.execute(
            f"SELECT row_group_id, stats_min, stats_max FROM parquet_metadata('{tmp_path}/small_groups.parquet') "
            "WHERE path_in_schema = 'reporter' ORDER BY row_group_id").fetchall()
        assert len(groups) > 20
        assert all(a[2] <= b[1] for a, b in zip(groups, groups[1:]))  # sorted: ranges follow each other
        order = con.execute(
            "SELECT count(*) FROM (SELECT reporter, partner, lag(reporter) OVER w AS r0, lag(partner) OVER w AS p0 "
            f"FROM read_parquet('{stored}', file_row_number = true) WINDOW w AS (ORDER BY file_row_number)) "
            "WHERE reporter < r0 OR (reporter = r0 AND partner < p0)").fetchall()
        assert order == [(0,)]
        plan = con.execute(f"EXPLAIN ANALYZE SELECT sum(value_usd) FROM read_parquet('{tmp_path}/small_groups.parquet') "
                           "WHERE reporter = 'KAZ'").fetchall()[0][1]
        kaz = con.execute(f"SELECT count(*) FROM read_parquet('{stored}') WHERE reporter = 'KAZ'").fetchall()[0][0]
    import re

    scanned = max(int(n.replace(",", "")) for n in re.findall(r"([\d,]+) [Rr]ows", plan) or ["0"])
    assert 0 < kaz <= scanned < 60_000 / 4, plan  # a few row groups, not the 60,000 rows


def test_a_release_with_persistent_flows_ingests(tmp_path):
    """The benchmark's fast multi-year generator (later years redraw the first year's
    values) writes files the importer and the store accept, NA quantities included."""
    from corridor.store import Workspace

    z = generate(tmp_path / "BACI_HS92_V202401.zip", year=[2018, 2019], n_rows=3000, n_countries=30, n_products=200,
                 seed=2, classification="HS92", cepii_codes=True, persistent_flows=True)
    with Workspace.open(tmp_path / "ws") as ws:
        reports = baci.ingest_release(ws, z)
        assert [r.rows_stored for r in reports] == [3000, 3000]
        same = ws.connection.execute(
            "SELECT count(*) FROM (SELECT reporter, partner, product_code FROM flows_all WHERE year = 2018 "
            "INTERSECT SELECT reporter, partner, product_code FROM flows_all WHERE year = 2019)").fetchall()[0][0]
        nulls = ws.connection.execute("SELECT count(*) FILTER (quantity IS NULL) FROM flows_all WHERE year = 2019").fetchall()[0][0]
    assert same == 3000 and 0 < nulls < 300
