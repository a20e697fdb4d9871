"""Generic table importer: mappings, long/wide/measures, CSV/Excel/Parquet, bad input, real files."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from corridor.errors import ConfigError, InputError
from corridor.schema import IMPORT_COLUMNS
from corridor.sources import generic

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def rows(con, parsed, order="_line, year, flow"):
    return con.execute(f"SELECT * FROM ({parsed.sql}) ORDER BY {order}").fetchall()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(text if isinstance(text, bytes) else text.encode())
    return f


BASIC = """source = "test"
release = "r1"
[fields]
reporter = "KAZ"
partner = "CHN"
flow = { column = "flow" }
year = { column = "year" }
product_level = "total"
value_usd = { column = "value" }
"""


def test_columns_are_the_import_contract(con, tmp_path):
    data = write(tmp_path, "d.csv", "year,flow,value\n2020,export,5\n")
    parsed = generic.parse(con, data, mapping=write(tmp_path, "m.toml", BASIC))
    cols = [d[0] for d in con.execute(f"SELECT * FROM ({parsed.sql}) LIMIT 0").description]
    assert cols == [*IMPORT_COLUMNS, "_line"]
    assert rows(con, parsed) == [
        ("test", "r1", "KAZ", "CHN", "export", 2020, "year", 12, "TOTAL", "total", "TOTAL", 5.0, None, None, None, 2)
    ]


def test_cp1251_semicolon_decimal_comma(con):
    parsed = generic.parse(con, FIXTURES / "kz_stat_cp1251.csv", mapping=FIXTURES / "kz_stat_cp1251.toml")
    assert (parsed.source, parsed.release, parsed.rows_read) == ("kz-stat", "2024-03", 4)
    assert "1 missing value(s) of 4 dropped (empty or one of the missing markers)" in parsed.notes
    b = ("kz-stat", "2024-03", "KAZ", "CHN")
    assert rows(con, parsed) == [
        (*b, "export", 2023, "year", 12, "HS17", "hs4", "2709", 1234567800.0, 1000.5, "т", None, 3),
        (*b, "import", 2023, "year", 12, "HS17", "hs4", "8703", 98765400.0, 12.0, "шт", None, 4),
        # line 5: value '-' is a missing marker -> dropped
        (*b, "re-export", 2024, "year", 12, "HS17", "hs4", "8703", 250.0, 1.0, "шт", None, 6),
    ]


def test_cp1251_without_declared_encoding_is_refused(con, tmp_path):
    text = (FIXTURES / "kz_stat_cp1251.toml").read_text(encoding="utf-8").replace('encoding = "cp1251"\n', "")
    with pytest.raises(InputError) as err:
        generic.parse(con, FIXTURES / "kz_stat_cp1251.csv", mapping=write(tmp_path, "m.toml", text))
    (p,) = err.value.problems
    assert "not valid utf-8" in p.message and 'encoding = "cp1251"' in p.expected


def test_wide_years(con):
    parsed = generic.parse(con, FIXTURES / "wide_years.csv", mapping=FIXTURES / "wide_years.toml", release="v2")
    got = [(r[1], r[2], r[4], r[5], r[11], r[15]) for r in rows(con, parsed)]
    assert got == [
        ("v2", "KAZ", "export", 2015, 10500000.0, 2),
        ("v2", "KAZ", "export", 2017, 12000000.0, 2),
        ("v2", "KAZ", "import", 2015, 7000000.0, 3),
        ("v2", "KAZ", "import", 2016, 8250000.0, 3),
    ]
    assert any("2 missing value(s) of 6 dropped" in n for n in parsed.notes)
    assert any("multiplied by 1000000" in n for n in parsed.notes)


def test_excel_wide_months_with_title_rows(con, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    ws = wb.create_sheet("China")
    ws.append(["Trade with China, USD"])
    ws.append([])
    ws.append(["Flow", "Year", "январь", "февраль", "март"])
    ws.append(["Export", 2024, 1500.5, 1600, None])
    ws.append([None, None, None, None, None])
    ws.append(["Import", 2024.0, 700, "n/a", 900])
    book = tmp_path / "kz.xlsx"
    wb.save(book)
    mapping = write(tmp_path, "m.toml", """
source = "kz-stat-monthly"
sheet = "China"
skip_rows = 2
[fields]
reporter = "KAZ"
partner = "CHN"
flow = { column = "Flow" }
year = { column = "Year" }
period_kind = "month"
product_level = "total"
[wide]
columns = ["январь", "февраль", "март"]
field = "month"
map = { "январь" = 1, "февраль" = 2, "март" = 3 }
""")
    parsed = generic.parse(con, book, mapping=mapping, release="x")
    got = [(r[4], r[5], r[6], r[7], r[11], r[15]) for r in rows(con, parsed, "_line, month")]
    assert got == [
        ("export", 2024, "month", 1, 1500.5, 4),
        ("export", 2024, "month", 2, 1600.0, 4),
        ("import", 2024, "month", 1, 700.0, 6),
        ("import", 2024, "month", 3, 900.0, 6),
    ]
    assert any("2 missing value(s) of 6 dropped" in n for n in parsed.notes)


def test_excel_wide_years_typed_as_numbers(con, tmp_path):
    """Year headers typed as numbers (2015, as Excel keeps them) name the columns '2015':
    before, the workbook reader's 2015.0 made them '2015.0' and the mapping's wide columns
    '2015..2017' were refused as not in the file."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["economy", "flow", 2015, 2016, 2017])
    wb.active.append(["kaz", "X", 10.5, None, 12])
    wb.active.append(["kaz", "M", 7, 8.25, None])
    book = tmp_path / "wide.xlsx"
    wb.save(book)
    parsed = generic.parse(con, book, mapping=FIXTURES / "wide_years.toml", release="v2")
    got = [(r[2], r[4], r[5], r[11]) for r in rows(con, parsed)]
    assert got == [("KAZ", "export", 2015, 10500000.0), ("KAZ", "export", 2017, 12000000.0),
                   ("KAZ", "import", 2015, 7000000.0), ("KAZ", "import", 2016, 8250000.0)]


def test_excel_unknown_sheet(con, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    book = tmp_path / "b.xlsx"
    wb.save(book)
    with pytest.raises(InputError, match="the sheet is empty"):
        generic.parse(con, book, mapping=write(tmp_path, "m.toml", BASIC))
    text = BASIC.replace('source = "test"', 'source = "test"\nsheet = "Data"')
    with pytest.raises(InputError, match="no sheet 'Data'"):
        generic.parse(con, book, mapping=write(tmp_path, "m2.toml", text))


def test_parquet_and_missing_nan(con, tmp_path):
    pq = tmp_path / "w.parquet"
    con.execute(
        f"COPY (SELECT * FROM (VALUES ('kaz', '0101', 5.5::DOUBLE), ('chn', '2709', 'NaN'::DOUBLE), ('chn', '0102', NULL)) "
        f"t(reporter_iso, product_code, export_value_usd)) TO '{pq}' (FORMAT parquet)"
    )
    parsed = generic.parse(con, pq, mapping=EXAMPLES / "world_trade_2017.toml")
    assert rows(con, parsed, "product_code") == [
        ("world-hs4-2017", "2017-example", "KAZ", "WLD", "export", 2017, "year", 12, "HS12", "hs4", "0101", 5.5, None, None, "FOB", None)
    ]
    assert any("2 missing value(s) of 3 dropped" in n for n in parsed.notes)


def test_missing_values_error_mode(con, tmp_path):
    text = BASIC.replace('release = "r1"', 'release = "r1"\nmissing_values = "error"')
    data = write(tmp_path, "d.csv", "year,flow,value\n2020,export,5\n2021,import,\n")
    with pytest.raises(InputError) as err:
        generic.parse(con, data, mapping=write(tmp_path, "m.toml", text))
    (p,) = err.value.problems
    assert (p.line, p.field, p.message) == (3, "value", "missing value")


def test_detect(tmp_path):
    assert generic.detect(EXAMPLES / "world_trade_2017.toml") == "table"
    assert generic.detect(FIXTURES / "wide_years.csv") is None
    assert generic.detect(write(tmp_path, "x.toml", "a = 1\n")) is None


# -- mapping errors ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("edit", "key", "text"),
    [
        (lambda t: t + "colour = 1\n", "fields.colour", "unknown field"),
        (lambda t: "delimter = ';'\n" + t, "delimter", "unknown key"),
        (lambda t: t.replace('reporter = "KAZ"\n', ""), "fields.reporter", "missing"),
        (lambda t: t.replace('source = "test"\n', ""), "source", "required"),
        (lambda t: "format = 'xls'\n" + t, "format", "'csv', 'xlsx', 'parquet'"),
        (lambda t: "missing_values = 'zero'\n" + t, "missing_values", "'drop', 'error'"),
        (lambda t: "value_multiplier = -1\n" + t, "value_multiplier", "positive"),
        (lambda t: "encoding = 'klingon'\n" + t, "encoding", "unknown text encoding"),
        (lambda t: t.replace('flow = { column = "flow" }', 'flow = { column = "flow", const = "export" }'), "fields.flow", "exactly one"),
        (lambda t: t + "[wide]\ncolumns = '2015..2016'\nfield = 'year'\n", "wide", "exactly one"),
        (lambda t: t.replace("value_usd", "valu_usd"), "fields.valu_usd", "unknown field"),
        (lambda t: t + "[[measures]]\nflow = 'export'\n", "measures[0].value", "required"),
        (lambda t: t + "year = [1]\n", "", "not a valid TOML"),
        (lambda t: t.replace('{ column = "flow" }', '{ column = "flow", upper = "yes" }'), "fields.flow.upper", "true or false"),
    ],
)
def test_mapping_errors_name_file_and_key(tmp_path, edit, key, text):
    mapping = write(tmp_path, "bad.toml", edit(BASIC))
    with pytest.raises(ConfigError) as err:
        generic.load_mapping(mapping)
    msg = str(err.value)
    assert str(mapping) in msg and f"key '{key}'" in msg if key else str(mapping) in msg
    assert text in msg


def test_wide_header_must_be_a_number(tmp_path):
    text = BASIC.replace('value_usd = { column = "value" }\n', "").replace('year = { column = "year" }\n', "")
    text += "[wide]\ncolumns = ['Jan', 'Feb']\nfield = 'year'\n"
    with pytest.raises(ConfigError, match="'Jan' is not a year number"):
        generic.load_mapping(write(tmp_path, "m.toml", text))


def test_mapping_file_missing(tmp_path):
    with pytest.raises(ConfigError, match="mapping file not found"):
        generic.load_mapping(tmp_path / "none.toml")


def test_parse_needs_mapping(con):
    with pytest.raises(ConfigError, match="needs a mapping"):
        generic.parse(con, FIXTURES / "wide_years.csv")


# -- bad data ------------------------------------------------------------------------------
def bad(con, tmp_path, data: str | bytes, mapping: str = BASIC) -> list:
    f = write(tmp_path, "d.csv", data)
    with pytest.raises(InputError) as err:
        generic.parse(con, f, mapping=write(tmp_path, "m.toml", mapping))
    assert err.value.path == str(f)
    return err.value.problems


def test_column_named_in_mapping_absent(con, tmp_path):
    (p,) = bad(con, tmp_path, "year,flow,amount\n2020,export,5\n")
    assert p.field == "value" and "key 'fields.value_usd'" in p.message and "m.toml" in p.message
    assert "'amount'" in p.expected


def test_non_numeric_names_line_and_field(con, tmp_path):
    probs = bad(con, tmp_path, "year,flow,value\n2020,export,5\n2021,export,5 USD\n20x2,import,1\n")
    assert [(p.line, p.field, p.value) for p in probs] == [(3, "value", "5 USD"), (4, "year", "20x2")]


def test_empty_file(con, tmp_path):
    (p,) = bad(con, tmp_path, b"")
    assert "empty" in p.message


def test_header_only(con, tmp_path):
    (p,) = bad(con, tmp_path, "year,flow,value\n")
    assert "no data rows" in p.message


def test_truncated(con, tmp_path):
    (p,) = bad(con, tmp_path, 'year,flow,value\n2020,export,5\n2021,"exp')
    assert p.line == 3


# -- the real files ------------------------------------------------------------------------
def file_values(path: Path) -> dict[tuple[int, str], float]:
    with open(path, newline="", encoding="utf-8") as fh:
        recs = list(csv.DictReader(fh))
    out = {}
    for r in recs:
        for col, v in r.items():
            if col != "year" and col.endswith(("_usd", "_cif", "_fob")) and v:
                out[(int(r["year"]), col)] = float(Decimal(v))
    return out


@pytest.mark.parametrize(
    ("name", "mapping", "reporter", "columns"),
    [
        ("china_reported_kaz_totals_2014_2024.csv", "kz_cn_totals_china_reported.toml", "CHN",
         {"import": "chn_imports_from_kaz_usd_cif", "export": "chn_exports_to_kaz_usd_fob"}),
        ("kaz_reported_china_totals_2000_2024.csv", "kz_cn_totals_kaz_reported.toml", "KAZ",
         {"export": "kaz_exports_to_chn_usd", "import": "kaz_imports_from_chn_usd"}),
    ],
)
def test_real_totals_exact(con, shared_data, name, mapping, reporter, columns):
    path = shared_data / "kz_cn_totals" / name
    parsed = generic.parse(con, path, mapping=EXAMPLES / mapping, release="test")
    assert parsed.source == "comtrade"
    got = {
        (r[5], columns[r[4]]): r[11]
        for r in rows(con, parsed)
        if r[2] == reporter and r[8:11] == ("TOTAL", "total", "TOTAL")
    }
    expected = file_values(path)
    assert got == expected and len(got) == con.execute(f"SELECT count(*) FROM ({parsed.sql})").fetchall()[0][0]
    valuations = {(r[4], r[14]) for r in rows(con, parsed)}
    assert valuations == {("import", "CIF"), ("export", "FOB")}


def test_real_kaz_totals_2024_import_missing(con, shared_data):
    parsed = generic.parse(con, shared_data / "kz_cn_totals" / "kaz_reported_china_totals_2000_2024.csv",
                           mapping=EXAMPLES / "kz_cn_totals_kaz_reported.toml", release="t")
    assert any("1 missing value(s) of 50 dropped" in n for n in parsed.notes)
    assert con.execute(f"SELECT list(flow) FROM ({parsed.sql}) WHERE year = 2024").fetchall()[0][0] == ["export"]


def test_real_world_trade_2017(con, shared_data):
    path = shared_data / "world_hs4_2017" / "world_trade_2017.parquet"
    parsed = generic.parse(con, path, mapping=EXAMPLES / "world_trade_2017.toml")
    n, total, economies, products, lower = con.execute(
        f"SELECT count(*), sum(value_usd), count(DISTINCT reporter), count(DISTINCT product_code), "
        f"count(*) FILTER (WHERE reporter <> upper(reporter)) FROM ({parsed.sql})"
    ).fetchall()[0]
    src_n, src_total, missing = con.execute(
        f"SELECT count(*) FILTER (WHERE NOT isnan(export_value_usd)), sum(export_value_usd) FILTER (WHERE NOT isnan(export_value_usd)), "
        f"count(*) FILTER (WHERE export_value_usd IS NULL OR isnan(export_value_usd)) FROM read_parquet('{path}')"
    ).fetchall()[0]
    assert parsed.rows_read == 233432 == n + missing
    assert (n, economies, products, lower) == (src_n, 224, 1222, 0)
    assert total == pytest.approx(src_total, rel=1e-12)
    assert any(f"{missing} missing value(s) of 233432 dropped" in note for note in parsed.notes)


def test_release_defaults_to_the_years_and_hash_of_the_data_not_the_file_date(con, tmp_path):
    """A touched or copied file is the same release; a changed file another of the same
    years (vintage); a file covering later years sorts later."""
    import hashlib

    import os
    import shutil

    mapping = write(tmp_path, "m.toml", BASIC.replace('release = "r1"\n', ""))
    data = write(tmp_path, "d.csv", "year,flow,value\n2020,export,5\n2022,export,6\n")
    first = generic.parse(con, data, mapping=mapping)
    stamp = dt.datetime(2023, 12, 31, 23, tzinfo=dt.timezone.utc).timestamp()
    os.utime(data, (stamp, stamp))
    copy = shutil.copy(data, tmp_path / "copy.csv")
    label = "2020-2022-" + hashlib.sha256(data.read_bytes()).hexdigest()[:8]
    assert first.release == generic.parse(con, data, mapping=mapping).release == \
        generic.parse(con, Path(copy), mapping=mapping).release == label
    assert first.vintage == "2020-2022"
    assert "span of the data (2020-2022) and the file's content hash" in " ".join(first.notes)
    changed = generic.parse(con, write(tmp_path, "d.csv", "year,flow,value\n2020,export,5\n2022,export,7\n"),
                            mapping=mapping)
    assert changed.release != label and changed.release.startswith("2020-2022-") and changed.vintage == "2020-2022"
    one = generic.parse(con, write(tmp_path, "e.csv", "year,flow,value\n2017,export,5\n"), mapping=mapping)
    assert one.release.startswith("2017-") and one.vintage == "2017"
    named = generic.parse(con, data, mapping=write(tmp_path, "n.toml", BASIC))
    assert named.release == "r1" and named.vintage == ""  # a label given is its own vintage


def test_a_changed_mapping_is_another_reading_and_comments_are_not(con, tmp_path):
    data = write(tmp_path, "d.csv", "year,flow,value\n2020,export,5\n")
    base = generic.parse(con, data, mapping=write(tmp_path, "m.toml", BASIC))
    commented = generic.parse(con, data, mapping=write(tmp_path, "m2.toml", "# a comment\n" + BASIC))
    scaled = generic.parse(con, data, mapping=write(tmp_path, "m3.toml", "value_multiplier = 1000\n" + BASIC))
    assert base.reading == commented.reading != scaled.reading


def test_every_mapping_key_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "mapping.md").read_text(encoding="utf-8")
    keys = {*generic.TOP_KEYS, *generic.FIELDS, *generic.SPEC_KEYS, *generic.WIDE_KEYS, *generic.FORMATS, *generic.MISSING_VALUES}
    undocumented = sorted(k for k in keys if not any(form in doc for form in (f"`{k}`", f'"{k}"', f"`[{k}]`", f"`[[{k}]]`")))
    assert undocumented == []


# -- through the workspace -------------------------------------------------------------------
def test_ingest_real_totals_through_workspace(tmp_path, shared_data):
    from corridor.store import Workspace

    files = [
        ("china_reported_kaz_totals_2014_2024.csv", "kz_cn_totals_china_reported.toml"),
        ("kaz_reported_china_totals_2000_2024.csv", "kz_cn_totals_kaz_reported.toml"),
    ]
    with Workspace.open(tmp_path / "ws") as ws:
        for name, mapping in files:
            parsed = generic.parse(ws.connection, shared_data / "kz_cn_totals" / name, mapping=EXAMPLES / mapping)
            ws.ingest(parsed)
        t = ws.flows()
        df = t.filter(t.year == 2024).order_by(["reporter", "flow"]).execute()
    assert list(zip(df["reporter"], df["flow"], df["value_usd"])) == [
        ("CHN", "export", 27954331004.0),
        ("CHN", "import", 15911621031.0),
        ("KAZ", "export", 14897477202.63),
    ]


def test_ingest_excel_cp1251_fixture_through_workspace(tmp_path):
    from corridor.store import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        rep = ws.ingest(generic.parse(ws.connection, FIXTURES / "kz_stat_cp1251.csv", mapping=FIXTURES / "kz_stat_cp1251.toml"))
        assert (rep.source, rep.rows_read, rep.rows_stored) == ("kz-stat", 4, 3)
        assert any("1 missing value(s)" in n for n in rep.notes)
        assert ws.flows().value_usd.sum().execute() == 1234567800.0 + 98765400.0 + 250.0


# -- properties ----------------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _printed(value: Decimal, thousands: str, decimal: str) -> str:
    whole, _, frac = f"{value:f}".partition(".")
    groups = f"{int(whole):,}".replace(",", thousands)
    return groups + (decimal + frac if frac else "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False), min_size=1, max_size=30),
    style=st.sampled_from([(" ", ","), (".", ","), (",", "."), ("", ".")]),
    multiplier=st.sampled_from([1, 1000, 1000000]),
)
def test_printed_numbers_parse_exactly(tmp_path, values, style, multiplier):
    thousands, decimal = style
    lines = ["year;flow;value"] + [f"2020;export;{_printed(v, thousands, decimal)}" for v in values]
    data = write(tmp_path, "p.csv", "\n".join(lines) + "\n")
    text = BASIC.replace('release = "r1"', f'release = "r1"\ndelimiter = ";"\nthousands = "{thousands}"\n'
                         f'decimal = "{decimal}"\nvalue_multiplier = {multiplier}')
    with duckdb.connect() as c:
        parsed = generic.parse(c, data, mapping=write(tmp_path, "p.toml", text))
        got = [r[0] for r in c.execute(f"SELECT value_usd FROM ({parsed.sql}) ORDER BY _line").fetchall()]
    assert got == [float(v * multiplier) for v in values]
