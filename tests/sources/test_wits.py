"""WITS importer: exact rows on hand-made fixtures, bad input, the real downloads."""

from __future__ import annotations

import csv
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from corridor.errors import ConfigError, InputError
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import wits

FIXTURES = Path(__file__).parent / "fixtures" / "wits"
#: the span of years of kaz_sample.csv (its default release: these and its content hash)
YEARS = "2015-2024"


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


@pytest.fixture
def wits_dir(shared_data) -> Path:
    return shared_data / "kz_cn_wits_hs4"


def rows(con, parsed):
    return con.execute(f"SELECT * FROM ({parsed.sql}) ORDER BY _line").fetchall()


def test_columns_are_the_import_contract(con):
    parsed = wits.parse(con, FIXTURES / "kaz_sample.csv", release="2025-01")
    cols = [d[0] for d in con.execute(f"SELECT * FROM ({parsed.sql}) LIMIT 0").description]
    assert cols == [*IMPORT_COLUMNS, "_line"]


def test_sample_rows_exact(con):
    parsed = wits.parse(con, FIXTURES / "kaz_sample.csv", release="2025-01")
    assert parsed.source == "wits" and parsed.release == "2025-01" and parsed.rows_read == 7
    assert any("multiplied by 1000" in n for n in parsed.notes)
    base = ("wits", "2025-01")
    assert rows(con, parsed) == [
        (*base, "KAZ", "CHN", "export", 2015, "year", 12, "HS12", "hs4", "0101", 355509.0, None, None, "FOB", 2),
        (*base, "KAZ", "CHN", "export", 2024, "year", 12, "HS12", "hs4", "2709", 1234567891.0, None, None, "FOB", 3),
        (*base, "KAZ", "WLD", "import", 2024, "year", 12, "HS12", "hs2", "27", 500.0, None, None, "CIF", 4),
        (*base, "KAZ", "WLD", "re-export", 2024, "year", 12, "HS12", "hs6", "270900", 12000.0, None, None, "FOB", 5),
        (*base, "KAZ", "CHN", "re-import", 2023, "year", 12, "HS12", "group", "01-05", 7250.0, None, None, "CIF", 6),
        (*base, "KAZ", "WLD", "import", 2023, "year", 12, "HS12", "group", "WTO-AGRI", 100000.0, None, None, "CIF", 7),
        (*base, "KAZ", "WLD", "import", 2023, "year", 12, "TOTAL", "total", "TOTAL", 41000000001.0, None, None, "CIF", 8),
    ]


def test_unquoted_ten_column_variant(con):
    parsed = wits.parse(con, FIXTURES / "chn_unquoted.csv", release="r1")
    got = [(r[2], r[3], r[5], r[8], r[9], r[10], r[11]) for r in rows(con, parsed)]
    assert got == [
        ("CHN", "KAZ", 2019, "TOTAL", "total", "TOTAL", 8861855362.0),
        ("CHN", "WLD", 2024, "HS12", "group", "27-27", 350000000000.0),
    ]


def test_release_defaults_to_the_years_and_hash_of_the_data_not_the_file_date(con, tmp_path):
    import hashlib

    f = tmp_path / "w.csv"
    f.write_bytes((FIXTURES / "kaz_sample.csv").read_bytes())
    label = f"{YEARS}-{hashlib.sha256(f.read_bytes()).hexdigest()[:8]}"
    before = wits.parse(con, f).release
    stamp = dt.datetime(2024, 3, 5, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(f, (stamp, stamp))  # touched: the same release
    parsed = wits.parse(con, f)
    assert parsed.release == before == label and parsed.vintage == YEARS
    assert {r[1] for r in rows(con, parsed)} == {label}
    assert f"release {label!r} = the span of the data ({YEARS})" in parsed.notes[-1]


def test_unknown_codes_pass_through(con, tmp_path):
    f = tmp_path / "w.csv"
    f.write_text(
        '"Nomenclature","ReporterISO3","ProductCode","PartnerISO3","Year","TradeFlowName","TradeValue in 1000 USD"\n'
        '"H9","KAZ","10101010","XXX","2024","Transit","1"\n'
    )
    (row,) = rows(con, wits.parse(con, f, release="r"))
    assert (row[3], row[4], row[8], row[9], row[10], row[14]) == ("XXX", "Transit", "H9", "hs8", "10101010", None)


def test_detect(tmp_path):
    assert wits.detect(FIXTURES / "kaz_sample.csv") == "wits"
    other = tmp_path / "o.csv"
    other.write_text("year,value\n2020,1\n")
    assert wits.detect(other) is None
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage\xe0\xe1")
    assert wits.detect(binary) is None
    assert wits.detect(tmp_path / "missing.csv") is None


def test_rejects_unknown_option(con):
    with pytest.raises(ConfigError, match="no options"):
        wits.parse(con, FIXTURES / "kaz_sample.csv", sheet="x")


# -- bad input ---------------------------------------------------------------------------
SAMPLE = (FIXTURES / "kaz_sample.csv").read_bytes()


def bad(tmp_path: Path, data: bytes) -> Path:
    f = tmp_path / "bad.csv"
    f.write_bytes(data)
    return f


def problems(con, path):
    with pytest.raises(InputError) as err:
        wits.parse(con, path, release="r")
    assert err.value.path == str(path)
    return err.value.problems


def test_missing_file(con, tmp_path):
    (p,) = problems(con, tmp_path / "nope.csv")
    assert "not found" in p.message


def test_empty_file(con, tmp_path):
    (p,) = problems(con, bad(tmp_path, b""))
    assert "empty" in p.message


def test_header_only(con, tmp_path):
    (p,) = problems(con, bad(tmp_path, SAMPLE.splitlines(keepends=True)[0]))
    assert "no data rows" in p.message and p.line == 2


def test_renamed_column(con, tmp_path):
    (p,) = problems(con, bad(tmp_path, SAMPLE.replace(b'"TradeValue in 1000 USD"', b'"TradeValue in USD"')))
    assert p.field == "TradeValue in 1000 USD"
    assert "renamed to 'TradeValue in USD'" in p.message
    assert "'ProductCode'" in p.expected


def test_missing_column(con, tmp_path):
    (p,) = problems(con, bad(tmp_path, SAMPLE.replace(b'"Nomenclature",', b"")))
    assert p.field == "Nomenclature" and "missing" in p.message


def test_non_numeric_value_names_line_and_field(con, tmp_path):
    data = SAMPLE.replace(b'"1234567.891"', b'"1,234,567.891"').replace(b'"2023","Re-Import"', b'"20x3","Re-Import"')
    probs = problems(con, bad(tmp_path, data))
    assert [(p.line, p.field, p.value) for p in probs] == [
        (6, "Year", "20x3"),
        (3, "TradeValue in 1000 USD", "1,234,567.891"),
    ]


def test_missing_value(con, tmp_path):
    (p,) = problems(con, bad(tmp_path, SAMPLE.replace(b'"7.25"', b'""')))
    assert (p.line, p.field, p.message) == (6, "TradeValue in 1000 USD", "missing value")


def test_cp1251_bytes_refused(con, tmp_path):
    data = SAMPLE.replace(b'"China","2015"', "\"Китай\",\"2015\"".encode("cp1251"))
    (p,) = problems(con, bad(tmp_path, data))
    assert p.line == 2 and "not valid utf-8" in p.message and "cp1251" in p.expected


def test_cp1251_header_refused(con, tmp_path):
    data = SAMPLE.replace(b'"ReporterName"', "\"Страна\"".encode("cp1251"))
    (p,) = problems(con, bad(tmp_path, data))
    assert p.line == 1 and "not valid utf-8" in p.message


@pytest.mark.parametrize(("cut", "line"), [(-30, 8), (-60, 8), (-130, 7)])
def test_truncated_mid_row(con, tmp_path, cut, line):
    probs = problems(con, bad(tmp_path, SAMPLE[:cut]))
    assert probs[0].line == line
    assert "truncated" in probs[0].message or "quote" in probs[0].message


def test_extra_field(con, tmp_path):
    data = SAMPLE.replace(b'"Others","Others"\n"H4","KAZ","270900"', b'"Others","Others","x"\n"H4","KAZ","270900"')
    (p,) = problems(con, bad(tmp_path, data))
    assert p.line == 4 and "more fields" in p.message


# -- the real downloads ------------------------------------------------------------------
def file_sum(path: Path, **where: str) -> tuple[int, Decimal]:
    with open(path, newline="", encoding="utf-8") as fh:
        picked = [r for r in csv.DictReader(fh) if all(r[k] == v for k, v in where.items())]
    return len(picked), sum((Decimal(r["TradeValue in 1000 USD"]) for r in picked), Decimal(0))


def test_real_kaz_exports_to_china_2024(con, wits_dir):
    path = wits_dir / "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv"
    parsed = wits.parse(con, path, release="wits-2025")
    n, total = file_sum(path, Year="2024")
    got = con.execute(
        f"SELECT count(*), sum(value_usd) FROM ({parsed.sql}) "
        "WHERE year = 2024 AND reporter = 'KAZ' AND partner = 'CHN' AND flow = 'export' AND product_level = 'hs4'"
    ).fetchall()[0]
    assert got[0] == n > 100
    assert got[1] == pytest.approx(float(total * 1000), rel=1e-15, abs=1e-3)


def test_real_files_all_parse(con, wits_dir):
    for path in sorted(wits_dir.glob("*.csv")):
        parsed = wits.parse(con, path, release="r")
        with open(path, "rb") as fh:
            n_lines = sum(1 for line in fh if line.strip())
        n, lo, hi, levels = con.execute(
            f"SELECT count(*), min(_line), max(_line), list(DISTINCT product_level ORDER BY product_level) FROM ({parsed.sql})"
        ).fetchall()[0]
        assert (n, lo, hi) == (n_lines - 1, 2, n_lines) == (parsed.rows_read, 2, parsed.rows_read + 1), path.name
        assert set(levels) <= {"hs4", "group", "total"}, path.name


# -- through the workspace -------------------------------------------------------------------
def test_ingest_through_workspace(tmp_path):
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        rep = ws.ingest(wits.parse(ws.connection, FIXTURES / "chn_unquoted.csv", release="r1"))
        assert (rep.status, rep.rows_read, rep.rows_stored) == ("stored", 2, 2)
        df = ws.flows().order_by("year").execute()
        assert list(zip(df["reporter"], df["partner"], df["product_code"], df["value_usd"])) == [
            ("CHN", "KAZ", "TOTAL", 8861855362.0),
            ("CHN", "WLD", "27-27", 350000000000.0),
        ]
        again = ws.ingest(wits.parse(ws.connection, FIXTURES / "chn_unquoted.csv", release="r1"))
        assert again.status == "unchanged"


def test_ingest_real_kaz_exports_to_china(tmp_path, wits_dir):
    from corridor.store import Workspace

    path = wits_dir / "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv"
    n, total = file_sum(path, Year="2024")
    with Workspace.open(tmp_path / "ws") as ws:
        rep = ws.ingest(wits.parse(ws.connection, path, release="2025"))
        assert rep.rows_stored == rep.rows_read == 2938
        t = ws.flows()
        got = t.filter((t.year == 2024) & (t.flow == "export")).value_usd.sum().execute()
    assert got == pytest.approx(float(total * 1000), rel=1e-15)


def test_legacy_wits_economy_codes_are_mapped(con, tmp_path):
    f = tmp_path / "w.csv"
    f.write_text(
        '"Nomenclature","ReporterISO3","ProductCode","PartnerISO3","Year","TradeFlowName","TradeValue in 1000 USD"\n'
        '"H4","KAZ","01-05_Animal","ROM","2024","Import","1"\n'
        '"H4","KAZ","01-05_Animal","SER","2024","Import","2"\n'
        '"H4","KAZ","01-05_Animal","ZAR","2024","Import","3"\n'
    )
    assert [r[3] for r in rows(con, wits.parse(con, f, release="r"))] == ["ROU", "SRB", "COD"]
