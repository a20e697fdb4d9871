"""UN Comtrade importer: API v1 JSON and CSV downloads, annual and monthly, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import corridor.reference
from corridor.errors import ConfigError, InputError, ReferenceDataError
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import comtrade

FIXTURES = Path(__file__).parent / "fixtures" / "comtrade"
ANNUAL = FIXTURES / "kaz_chn_2023_annual.json"
MONTHLY = FIXTURES / "kaz_chn_2024_monthly.json"
DOWNLOAD = FIXTURES / "kaz_chn_download.csv"


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def rows(con, parsed):
    return con.execute(f"SELECT * FROM ({parsed.sql}) ORDER BY flow, year, month, product_code, partner").fetchall()


def test_columns_are_the_import_contract(con):
    for f in (ANNUAL, DOWNLOAD):
        parsed = comtrade.parse(con, f, release="r")
        cols = [d[0] for d in con.execute(f"SELECT * FROM ({parsed.sql}) LIMIT 0").description]
        assert cols == [*IMPORT_COLUMNS, "_line"]


def test_annual_json_exact(con):
    parsed = comtrade.parse(con, ANNUAL, release="2025-02")
    assert parsed.source == "comtrade" and parsed.rows_read == 9
    assert any("3 breakdown row(s) of 9 dropped" in n for n in parsed.notes)
    b = ("comtrade", "2025-02", "KAZ")
    y = (2023, "year", 12)
    assert rows(con, parsed) == [
        # 2709 by sea (motCode 2100) and via RUS (partner2Code 643) dropped; totals kept
        (*b, "CHN", "export", *y, "HS22", "hs4", "2709", 5000000000.5, 12345678.9, "kg", "FOB", None),
        (*b, "CHN", "export", *y, "TOTAL", "total", "TOTAL", 14758685491.52, None, None, "FOB", None),
        (*b, "WLD", "export", *y, "TOTAL", "total", "TOTAL", 65000000000.0, None, None, "FOB", None),
        # customs procedure C01 dropped; cif = fob = primary -> the flow's convention
        (*b, "CHN", "import", *y, "HS17", "hs6", "270900", 250.0, None, None, "CIF", None),
        (*b, "CHN", "import", *y, "TOTAL", "total", "TOTAL", 16772250496.13, None, None, "CIF", None),
        # neither cifvalue nor fobvalue given -> exports convention
        (*b, "CHN", "re-export", *y, "HS22", "hs2", "27", 1000.0, None, None, "FOB", None),
    ]


def test_monthly_json_and_release_from_response(con):
    parsed = comtrade.parse(con, MONTHLY)
    assert parsed.release == "2024-06-30"
    got = [(r[4], r[5], r[6], r[7], r[8], r[11], r[14]) for r in rows(con, parsed)]
    assert got == [
        ("export", 2024, "month", 3, "TOTAL", 1200000000.25, "FOB"),
        ("import", 2024, "month", 3, "TOTAL", 900000000.0, "CIF"),
        ("re-import", 2024, "month", 4, "TOTAL", 15.0, "CIF"),
    ]


def test_csv_download_with_bom(con):
    assert DOWNLOAD.read_bytes().startswith(b"\xef\xbb\xbf")
    parsed = comtrade.parse(con, DOWNLOAD, release="r")
    got = con.execute(
        f"SELECT flow, year, period_kind, month, product_code, value_usd, quantity, valuation, _line FROM ({parsed.sql}) ORDER BY _line"
    ).fetchall()
    assert got == [
        ("export", 2023, "year", 12, "TOTAL", 14758685491.52, None, "FOB", 2),
        ("import", 2023, "year", 12, "TOTAL", 16772250496.13, None, "CIF", 3),
        ("export", 2023, "year", 12, "2709", 5000000000.5, 12345678.9, "FOB", 4),
        # line 5 (motCode 2100) dropped
        ("export", 2024, "month", 3, "TOTAL", 1200000000.25, None, "FOB", 6),
    ]


def test_numeric_codes_when_iso_missing(con, tmp_path, monkeypatch):
    data = json.loads(ANNUAL.read_text())
    for r in data["data"]:
        r["partnerISO"] = None
        r.pop("reporterISO")
    f = tmp_path / "noiso.json"
    f.write_text(json.dumps(data))
    monkeypatch.setattr(corridor.reference, "numeric_to_code", lambda: {398: "KAZ", 156: "CHN"}, raising=False)
    parsed = comtrade.parse(con, f, release="r")
    assert sorted({(r[2], r[3]) for r in rows(con, parsed)}) == [("KAZ", "CHN"), ("KAZ", "WLD")]
    monkeypatch.delattr(corridor.reference, "numeric_to_code", raising=False)
    monkeypatch.delitem(corridor.reference._HOMES, "numeric_to_code")  # the package loads names lazily
    with pytest.raises(ReferenceDataError, match="numeric_to_code"):
        comtrade.parse(con, f, release="r")


def test_unknown_codes_pass_through(con, tmp_path):
    data = json.loads(MONTHLY.read_text())
    data["data"][0].update(flowCode="DX", classificationCode="S4", cmdCode="27", freqCode="Q", partnerISO="_X")
    f = tmp_path / "odd.json"
    f.write_text(json.dumps(data))
    got = con.execute(f"SELECT flow, classification, period_kind, partner FROM ({comtrade.parse(con, f, release='r').sql})").fetchall()
    assert ("DX", "S4", "Q", "_X") in got


def test_detect(tmp_path):
    for f in (ANNUAL, MONTHLY, DOWNLOAD, FIXTURES / "error_401.json"):
        assert comtrade.detect(f) == "comtrade", f
    wits_like = tmp_path / "w.csv"
    wits_like.write_text('"Nomenclature","TradeValue in 1000 USD"\n"H4","1"\n')
    assert comtrade.detect(wits_like) is None
    other = tmp_path / "o.json"
    other.write_text('{"foo": 1}')
    assert comtrade.detect(other) is None


def test_rejects_unknown_option(con):
    with pytest.raises(ConfigError, match="no options"):
        comtrade.parse(con, ANNUAL, mapping="x")


# -- bad input ---------------------------------------------------------------------------
def problems(con, path):
    with pytest.raises(InputError) as err:
        comtrade.parse(con, path, release="r")
    assert err.value.path == str(path)
    return err.value.problems


def write(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data if isinstance(data, bytes) else data.encode())
    return f


def test_api_error_401(con):
    (p,) = problems(con, FIXTURES / "error_401.json")
    assert "HTTP status 401" in p.message and "invalid subscription key" in p.message


def test_api_error_message(con):
    (p,) = problems(con, FIXTURES / "error_param.json")
    assert p.message == "UN Comtrade returned an error: Parameter 'period' is invalid: 20235"


def test_json_no_records(con, tmp_path):
    (p,) = problems(con, write(tmp_path, "e.json", '{"elapsedTime":"0","count":0,"data":[],"error":""}'))
    assert "no data records" in p.message


def test_json_truncated(con, tmp_path):
    (p,) = problems(con, write(tmp_path, "t.json", ANNUAL.read_bytes()[:-500]))
    assert "not a valid UN Comtrade JSON" in p.message


def test_json_missing_field(con, tmp_path):
    data = json.loads(ANNUAL.read_text())
    for r in data["data"]:
        r["primary_value"] = r.pop("primaryValue")  # (another case of the name is read: PascalCase downloads)
    (p,) = problems(con, write(tmp_path, "m.json", json.dumps(data)))
    assert p.field == "primaryValue" and "renamed to 'primary_value'" in p.message


def test_json_non_numeric_names_record_and_field(con, tmp_path):
    data = json.loads(ANNUAL.read_text())
    data["data"][2]["primaryValue"] = "5 bn"
    data["data"][4]["refYear"] = None
    probs = problems(con, write(tmp_path, "n.json", json.dumps(data)))
    assert [(p.field, p.value, p.message) for p in probs] == [
        ("data[4].refYear", None, "missing value"),
        ("data[2].primaryValue", "5 bn", "not a number"),
    ]


def test_empty_file(con, tmp_path):
    (p,) = problems(con, write(tmp_path, "e.csv", b""))
    assert "empty" in p.message


def test_csv_header_only(con, tmp_path):
    (p,) = problems(con, write(tmp_path, "h.csv", DOWNLOAD.read_bytes().splitlines(keepends=True)[0]))
    assert "no data rows" in p.message


def test_csv_renamed_column(con, tmp_path):
    (p,) = problems(con, write(tmp_path, "r.csv", DOWNLOAD.read_bytes().replace(b",cmdCode,", b",commodityCode,")))
    assert p.field == "cmdCode" and "missing" in p.message


def test_csv_non_numeric(con, tmp_path):
    lines = DOWNLOAD.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[2] = lines[2].replace(",16772250496.13,", ",16.772.250.496,")
    probs = problems(con, write(tmp_path, "n.csv", "".join(lines)))
    assert [(p.line, p.field, p.value) for p in probs] == [
        (3, "primaryValue", "16.772.250.496"),
        (3, "cifvalue", "16.772.250.496"),
    ]


def test_csv_not_utf8_is_read_as_latin1(con, tmp_path):
    """The Comtrade Plus web download is not always UTF-8 (analysts read it with
    encoding='latin1'): a file that is not UTF-8 is read as Latin-1, noted; the codes and
    numbers stored are the same (the names are never stored)."""
    data = DOWNLOAD.read_bytes().replace(b",China,", b",C\xf4te d'Ivoire,", 1).replace(b",Kazakhstan,", ",Казахстан,".encode("cp1251"), 1)
    parsed = comtrade.parse(con, write(tmp_path, "c.csv", data), release="r")
    assert any("read as Latin-1" in n for n in parsed.notes)
    assert rows(con, parsed) == rows(con, comtrade.parse(con, DOWNLOAD, release="r"))


def test_csv_truncated(con, tmp_path):
    (p, *_) = problems(con, write(tmp_path, "t.csv", DOWNLOAD.read_bytes()[:-200]))
    assert p.line == 6 and "fewer fields" in p.message


# -- through the workspace -------------------------------------------------------------------
def test_ingest_through_workspace(tmp_path):
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        rep = ws.ingest(comtrade.parse(ws.connection, ANNUAL, release="2025-02"))
        assert (rep.rows_read, rep.rows_stored) == (9, 6)
        rep = ws.ingest(comtrade.parse(ws.connection, MONTHLY))
        assert rep.rows_stored == 3 and rep.release == "2024-06-30"
        t = ws.flows()
        totals = t.filter((t.product_level == "total") & (t.partner == "CHN") & (t.period_kind == "year"))
        df = totals.order_by("flow").execute()
        assert list(zip(df["flow"], df["value_usd"], df["valuation"])) == [
            ("export", 14758685491.52, "FOB"),
            ("import", 16772250496.13, "CIF"),
        ]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from corridor.sources import wits  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda b: DOWNLOAD.read_bytes()[:400] + b),
    st.integers(1, 8000).map(lambda n: ANNUAL.read_bytes()[:n]),
))
def test_any_bytes_give_rows_or_an_input_error(tmp_path, data):
    """Whatever the bytes, both text importers return rows or raise InputError, never crash."""
    for mod, name in ((comtrade, "f.json"), (comtrade, "f.csv"), (wits, "f.csv")):
        f = tmp_path / name
        f.write_bytes(data)
        with duckdb.connect() as c:
            try:
                parsed = mod.parse(c, f, release="r")
                c.execute(f"SELECT * FROM ({parsed.sql})").fetchall()
            except InputError:
                pass
