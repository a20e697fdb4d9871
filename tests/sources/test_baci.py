"""The CEPII BACI importer: hand-written release zips parsed to exact canonical rows."""

from __future__ import annotations

import os
import time

import zipfile
from pathlib import Path

import duckdb
import pytest

from corridor.errors import ConfigError, InputError
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import baci

HEADER = "t,i,j,k,v,q"
CODES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "398,Kazakhstan,KZ,KAZ\n"
    "490,\"Other Asia, nes\",N/A,N/A\n"
    "842,USA,US,USA\n"
)  # 643 (Russia) and 999 are absent: a row with either is refused naming its line
Y2022 = [
    "2022,398,156,10121,1.5,NA",          # leading zero dropped; NA quantity
    "2022,156,398,270900,12345.678,   2.5",  # padded quantity
    "2022,398,490,851712,0.25,",           # 'Other Asia, nes' (no alpha-3 in the table); blank quantity
    "2022,842,398,020110,3,          NA",  # padded NA
]
COLS = ", ".join(c for c in IMPORT_COLUMNS) + ", _line"


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def release_zip(tmp_path: Path, years: dict[int, list[str]] | None = None, *, header: str = HEADER,
                codes: str | None = CODES, name: str = "BACI_HS17_V202401.zip") -> Path:
    years = years or {2022: Y2022}
    members = {f"BACI_HS17_Y{y}_V202401.csv": "\n".join([header, *rows]) + "\n" for y, rows in years.items()}
    if codes is not None:
        members["country_codes_V202401.csv"] = codes
    members["product_codes_HS17_V202401.csv"] = "code,description\n010121,Horses\n"
    members["Readme.txt"] = "BACI test fixture\n"
    return write_zip(tmp_path / name, members)


UNPADDED = [r.replace(" ", "") for r in Y2022]


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(f"SELECT {COLS} FROM ({sql}) ORDER BY year, product_code").fetchall()


def expected(line: bool) -> list[tuple]:
    def r(rep, par, code, value, qty, n):
        return ("baci", "V202401", rep, par, "export", 2022, "year", 12, "HS17", "hs6", code, value, qty,
                "t" if qty is not None else None, "FOB", n if line else None)

    return sorted(
        [
            r("KAZ", "CHN", "010121", 1500.0, None, 2),
            r("CHN", "KAZ", "270900", 12345678.0, 2.5, 3),
            r("KAZ", "OAS", "851712", 250.0, None, 4),
            r("USA", "KAZ", "020110", 3000.0, None, 5),
        ],
        key=lambda t: t[10],
    )


@pytest.fixture()
def con():
    c = duckdb.connect()
    yield c
    c.close()


def test_release_zip_parses_to_exact_canonical_rows(tmp_path, con):
    parsed = baci.parse(con, release_zip(tmp_path))
    assert (parsed.source, parsed.release, parsed.path.name) == ("baci", "V202401", "BACI_HS17_V202401.zip")
    # the fast path reads q as a number: a right-aligned NA stops it (the store then
    # stages from line_sql, which trims q) ...
    with pytest.raises(duckdb.ConversionException, match="Line: 5"):
        rows(con, parsed.sql)
    assert rows(con, parsed.line_sql) == expected(line=True)
    # ... and without padding the fast path gives the same rows
    (tmp_path / "unpadded").mkdir()
    unpadded = baci.parse(con, release_zip(tmp_path / "unpadded", {2022: UNPADDED}))
    assert rows(con, unpadded.sql) == expected(line=False)
    assert any("multiplied by 1000" in n for n in parsed.notes)
    assert any("FOB" in n and "Gaulier" in n for n in parsed.notes)
    assert "BACI_HS17_Y2022_V202401.csv" in parsed.dataset


def test_a_padded_na_is_stored_through_the_line_numbered_path(tmp_path):
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        report = ws.ingest(baci.parse(ws.connection, release_zip(tmp_path)), allow_unknown_codes=True)
        assert report.status == "stored" and report.rows_stored == 4
        got = ws.connection.execute(f"SELECT {COLS.replace('_line', 'NULL AS _line')} FROM flows_all ORDER BY year, product_code").fetchall()
    assert got == expected(line=False)


def test_fast_path_is_one_typed_scan_without_row_numbers(tmp_path, con):
    parsed = baci.parse(con, release_zip(tmp_path, {2021: ["2021,398,156,10121,2,1"], 2022: Y2022}))
    assert parsed.sql.count("read_csv(") == 1 and "UNION" not in parsed.sql
    assert "ordinality" not in parsed.sql.lower() and "row_number" not in parsed.sql.lower()
    assert "auto_detect=false" in parsed.sql and "'v': 'DOUBLE'" in parsed.sql
    assert "JOIN" not in parsed.sql  # codes are looked up in a constant list, not joined per row
    assert parsed.line_sql.lower().count("with ordinality") == 2


def test_with_lines_numbers_rows_and_counts_them(tmp_path, con):
    parsed = baci.parse(con, release_zip(tmp_path), with_lines=True)
    assert rows(con, parsed.sql) == expected(line=True)
    assert parsed.rows_read == 4


def test_several_years_give_one_source_with_lines_per_year_file(tmp_path, con):
    z = release_zip(tmp_path, {2021: ["2021,398,156,10121,2,1"], 2022: Y2022})
    parsed = baci.parse(con, z)
    got = con.execute(f"SELECT year, count(*) FROM ({parsed.sql}) GROUP BY year ORDER BY year").fetchall()
    assert got == [(2021, 1), (2022, 4)]
    lines = con.execute(f"SELECT year, min(_line), max(_line) FROM ({parsed.line_sql}) GROUP BY year ORDER BY year").fetchall()
    assert lines == [(2021, 2, 2), (2022, 2, 5)]
    assert "Y2021" in parsed.dataset and "Y2022" in parsed.dataset


def test_years_option_reads_only_those_year_files(tmp_path, con):
    z = release_zip(tmp_path, {2020: ["2020,398,156,10121,2,1"], 2021: ["2021,398,156,10121,2,1"], 2022: Y2022})
    parsed = baci.parse(con, z, years=[2020, 2022])
    assert con.execute(f"SELECT DISTINCT year FROM ({parsed.sql}) ORDER BY year").fetchall() == [(2020,), (2022,)]
    with pytest.raises(InputError, match="among 2020, 2021, 2022"):
        baci.parse(con, z, years=[1999])


def test_release_and_classification_come_from_the_name_unless_given(tmp_path, con):
    z = release_zip(tmp_path)
    parsed = baci.parse(con, z, release="V202401b")
    assert parsed.release == "V202401b"
    assert con.execute(f"SELECT DISTINCT release, classification FROM ({parsed.line_sql})").fetchall() == [("V202401b", "HS17")]
    assert parsed.constants["release"] == "V202401b" and parsed.constants["classification"] == "HS17"
    with pytest.raises(ConfigError, match="HS92"):
        baci.parse(con, z, classification="HS2017x")
    with pytest.raises(ConfigError, match="with_lines"):
        baci.parse(con, z, bogus=True)


def test_single_year_csv_uses_the_codes_file_beside_it(tmp_path, con):
    (tmp_path / "country_codes_V202401.csv").write_text(CODES)
    f = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    f.write_text("\n".join([HEADER, *UNPADDED]) + "\n")
    parsed = baci.parse(con, f)
    assert rows(con, parsed.sql) == expected(line=False)
    assert any("country_codes_V202401.csv" in n for n in parsed.notes)


def test_without_codes_file_the_reference_mapping_is_used(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,842,398,10121,1,1", "2022,490,251,10121,1,1"]}, codes=None)
    parsed = baci.parse(con, z)
    got = con.execute(f"SELECT reporter, partner FROM ({parsed.sql}) ORDER BY reporter").fetchall()
    from corridor.reference import numeric_to_code

    ref = numeric_to_code()
    assert got == sorted([("USA", "KAZ"), (ref[490], ref[251])])
    assert any("reference" in n for n in parsed.notes)


def test_codes_without_alpha3_fall_back_to_the_reference(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,490,156,10121,1,1"]})
    parsed = baci.parse(con, z)
    from corridor.reference import numeric_to_code

    assert con.execute(f"SELECT reporter FROM ({parsed.sql})").fetchall() == [(numeric_to_code()[490],)]


def test_code_absent_from_the_codes_file_is_refused_even_if_the_reference_knows_it(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1,1", "2022,643,398,10121,1,1"]})  # 643 (Russia) is not in CODES
    parsed = baci.parse(con, z)
    with pytest.raises(duckdb.InvalidInputException, match="exporter code 643 is not in country_codes_V202401.csv"):
        con.execute(f"SELECT reporter, partner FROM ({parsed.sql})").fetchall()
    with pytest.raises(duckdb.InvalidInputException, match="line 3: field 'i': exporter code 643"):
        con.execute(f"SELECT reporter, partner FROM ({parsed.line_sql})").fetchall()


@pytest.mark.parametrize("code", ["-603", "-1", "1000", "999"])
def test_a_code_out_of_range_or_absent_is_refused_by_the_store_naming_the_line(tmp_path, code):
    """Issue 16: ``-603`` was stored as KAZ (a negative index counts from the list's end)."""
    from corridor.store import Workspace

    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1,1", f"2022,{code},156,10122,1,1"]})
    with Workspace.open(tmp_path / "ws") as w:
        for allow in (False, True):
            with pytest.raises(InputError) as err:
                w.ingest(baci.parse(w.connection, z), allow_unknown_codes=allow)
            assert err.value.problems[0].line == 3 and f"exporter code {code} is not in" in str(err.value)
        assert w.is_empty()


def test_older_codes_header_as_shipped_by_cepii(shared_data, tmp_path, con):
    codes = (shared_data / "baci_codes" / "country_codes.csv").read_text(encoding="utf-8-sig")
    z = release_zip(tmp_path, {2022: ["2022,842,251,10121,1,1", "2022,757,699,10121,1,1", "2022,398,156,10121,1,1"]},
                    codes=codes)
    parsed = baci.parse(con, z)
    got = con.execute(f"SELECT reporter, partner FROM ({parsed.sql}) ORDER BY reporter").fetchall()
    assert got == [("CHE", "IND"), ("KAZ", "CHN"), ("USA", "FRA")]


def test_truncated_zip_is_refused_naming_the_file(tmp_path, con):
    z = release_zip(tmp_path)
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated or corrupt") as err:
        baci.parse(con, z)
    assert err.value.path == str(z)


def test_corrupt_member_is_refused_and_leaves_no_scratch(tmp_path, con):
    big = [f"2022,398,156,{100000 + n},{n}.5,1" for n in range(3000)]
    z = release_zip(tmp_path, {2022: big})
    data = bytearray(z.read_bytes())
    data[200:260] = bytes(60)  # inside the first member's compressed bytes
    z.write_bytes(bytes(data))
    with pytest.raises(InputError, match="BACI_HS17_Y2022_V202401.csv.*truncated or corrupt"):
        baci.parse(con, z)
    assert [p.name for p in tmp_path.iterdir()] == [z.name]


def test_scratch_left_by_a_killed_process_is_removed_next_time(tmp_path, con):
    """A process killed while extracting leaves its scratch folder beside the zip; a later
    extraction removes it when its process (on this host) no longer runs, whatever its age,
    and never a live process's, another host's or another zip's."""
    import subprocess
    import sys

    z = release_zip(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    pid = dead.stdout.strip()
    host = baci._host()
    folders = {
        "stale": tmp_path / f".{z.stem}-corridor-{host}-{pid}-abc123",
        "live": tmp_path / f".{z.stem}-corridor-{host}-{os.getpid()}-def456",
        "recent": tmp_path / f".{z.stem}-corridor-{host}-{pid}-ghi789",  # just left by a killed ingest
        "other host": tmp_path / f".{z.stem}-corridor-elsewhere-{pid}-jkl012",
        "other zip": tmp_path / f".BACI_HS92_V202401-corridor-{host}-{pid}-mno345",
        "odd pid": tmp_path / f".{z.stem}-corridor-{host}-99999999999999999999999-pqr678",
    }
    for name, folder in folders.items():
        folder.mkdir()
        (folder / "BACI_HS17_Y2022_V202401.csv").write_text("t,i,j,k,v,q\n")
        if name != "recent":
            old = time.time() - 7200
            os.utime(folder, (old, old))
    baci.parse(con, z)
    assert {name for name, folder in folders.items() if folder.exists()} == set(folders) - {"stale", "recent"}


def test_zip_without_year_files_is_refused(tmp_path, con):
    z = write_zip(tmp_path / "BACI_HS17_V202401.zip", {"Readme.txt": "nothing\n"})
    with pytest.raises(InputError, match="no BACI year file"):
        baci.parse(con, z)


def test_missing_column_is_named(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1.5"]}, header="t,i,j,k,v")
    with pytest.raises(InputError) as err:
        baci.parse(con, z)
    [problem] = err.value.problems
    assert (problem.field, problem.line) == ("q", 1)
    assert err.value.path == f"{z}:BACI_HS17_Y2022_V202401.csv"
    assert [p.name for p in tmp_path.iterdir()] == [z.name]  # the extracted files are gone


def test_non_numeric_value_is_named_by_line_with_lines(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1.5,NA", "2022,398,156,10122,abc,NA", "2022,398,156,10123,x1,2"]})
    with pytest.raises(InputError) as err:
        baci.parse(con, z, with_lines=True)
    got = [(p.line, p.field, p.value) for p in err.value.problems]
    assert got == [(3, "v", "abc"), (4, "v", "x1")]
    # the fast path stops at DuckDB's typed reader, whose error names the line too
    parsed = baci.parse(con, z)
    with pytest.raises(duckdb.ConversionException, match="Line: 3"):
        con.execute(f"SELECT sum(value_usd) FROM ({parsed.sql})").fetchall()


def test_row_with_missing_fields_is_named_by_line(tmp_path, con):
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1.5,NA", "2022,398,156"]})
    with pytest.raises(InputError) as err:
        baci.parse(con, z, with_lines=True)
    assert err.value.problems[0].line == 3
    assert "fewer fields" in err.value.problems[0].message


def test_empty_year_file_is_refused(tmp_path, con):
    z = write_zip(tmp_path / "BACI_HS17_V202401.zip", {"BACI_HS17_Y2022_V202401.csv": ""})
    with pytest.raises(InputError, match="empty"):
        baci.parse(con, z)


def test_detect(tmp_path):
    z = release_zip(tmp_path)
    f = tmp_path / "flows.csv"
    f.write_text(HEADER + "\n2022,398,156,10121,1,1\n")
    other = tmp_path / "other.csv"
    other.write_text("Reporter,Partner,Value\nKAZ,CHN,1\n")
    assert baci.detect(z) and baci.detect(f) and not baci.detect(other)


# -- through the workspace --------------------------------------------------------------
@pytest.fixture()
def ws(tmp_path):
    from corridor.store import Workspace

    w = Workspace.open(tmp_path / "ws")
    yield w
    w.close()


def test_synthetic_release_zip_is_ingested_once(tmp_path, ws):
    from corridor.synthetic.baci import generate

    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=[2021, 2022], n_rows=3000, n_countries=40, n_products=300, seed=3)
    report = ws.ingest(baci.parse(ws.connection, z))
    assert report.status == "stored" and report.rows_stored == 6000
    assert ws.provenance().execute()["source"].tolist() == ["baci"]
    stored = ws.flows().execute()
    assert set(stored["flow"]) == {"export"} and set(stored["valuation"]) == {"FOB"}
    assert stored.groupby("year").size().to_dict() == {2021: 3000, 2022: 3000}
    again = ws.ingest(baci.parse(ws.connection, z))
    assert again.status == "unchanged"


def test_store_reports_unknown_code_and_stores_nothing(tmp_path, ws):
    from corridor.reference import numeric_to_code

    n = max(set(range(1, 1000)) - set(numeric_to_code()))  # listed, but neither the table nor the reference maps it
    codes = CODES + f"{n},Somewhere nes,N/A,N/A\n"
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1,1", f"2022,398,{n},10121,1,1"]}, codes=codes)
    with pytest.raises(InputError, match=f"#{n}"):
        ws.ingest(baci.parse(ws.connection, z))
    assert ws.is_empty()


def test_store_names_the_line_of_a_non_numeric_value_on_the_fast_path(tmp_path, ws):
    z = release_zip(tmp_path, {2022: ["2022,398,156,10121,1.5,NA", "2022,398,156,10122,abc,NA"]})
    with pytest.raises(InputError) as err:
        ws.ingest(baci.parse(ws.connection, z))
    assert (err.value.problems[0].line, err.value.problems[0].field, err.value.problems[0].value) == (3, "v", "abc")
    assert ws.is_empty()


# -- property: the constant-list lookup equals a dictionary lookup ------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ALPHA3 = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    codes=st.dictionaries(st.integers(0, 999), ALPHA3, max_size=30),
    rows=st.lists(st.tuples(st.integers(-3, 1500), st.integers(0, 999)), min_size=1, max_size=30),
)
def test_country_lookup_matches_the_codes_file(tmp_path_factory, codes, rows):
    d = tmp_path_factory.mktemp("prop")
    (d / "country_codes_V202401.csv").write_text(
        "country_code,country_name,country_iso2,country_iso3\n" + "".join(f"{k},X,XX,{v}\n" for k, v in codes.items()))
    f = d / "BACI_HS17_Y2022_V202401.csv"
    f.write_text(HEADER + "\n" + "".join(f"2022,{i},{j},10121,1,1\n" for i, j in rows))
    con = duckdb.connect()
    from corridor.reference import economy_aliases, numeric_to_code

    ref, aliases = numeric_to_code(), {k.upper(): v for k, v in economy_aliases().items()}

    def expect(n: int) -> str:
        if n in codes:
            mapped = aliases.get(codes[n], codes[n])
            if len(mapped) == 3 and mapped.isalpha():
                return mapped
            return ref.get(n, f"#{n}")
        return None  # absent from the codes file (or out of 0..999): refused

    want = [(expect(i), expect(j)) for i, j in rows]
    sql = f"SELECT reporter, partner FROM ({baci.parse(con, f).line_sql}) ORDER BY _line"
    if any(None in pair for pair in want):
        with pytest.raises(duckdb.InvalidInputException, match="is not in country_codes"):
            con.execute(f"SELECT reporter, partner FROM ({baci.parse(con, f).line_sql})").fetchall()
        return
    assert con.execute(sql).fetchall() == want
