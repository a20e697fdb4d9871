"""The monitor from the stored monthly aggregate alone, computed in Arrow and NumPy
(corridor.monitor._cached_tables), gives the documents the statement gives (the same
groups, choices, exact sums and DuckDB casts), English and Russian, on a workspace made to
reach its corners: two sources competing for each (year, side, flow) by line count, one
reporting a year at HS4 (the level choice), two ingests holding different months of the
same lines (their rows summed into one line; the latest release; content-labelled
releases of one vintage), lines of zero value (counted for the choice, not described)."""

from __future__ import annotations

import zlib
from pathlib import Path

import duckdb
import pytest

import corridor.monitor as monitor
from corridor.answers.monitor import Query
from corridor.schema import ParsedSource
from corridor.store import Workspace
from corridor.store.periods import HS_WIDTH
from corridor.util import sql_str
from tests.monitor.test_monthly_cache import _document

CODES = ("010121", "020110", "100199", "270900", "271019", "720839", "840710", "870323", "300490", "610910")


def _file(path: Path, *, source: str, release: str, months: str, codes: int, level: str = "hs6",
          hs4_years: str = "NULL") -> Path:
    """Months of KAZ-CHN (both sides) 2020-2023 for the first ``codes`` of :data:`CODES`;
    HS4 rows instead of HS6 in ``hs4_years``; some values zero or negative."""
    con = duckdb.connect()
    con.execute(f"""COPY (
        SELECT '{source}' AS source, '{release}' AS release, r.rep AS reporter, r.par AS partner, r.flow,
               CAST(y AS SMALLINT) AS year, 'month' AS period_kind, CAST(m AS TINYINT) AS month, 'HS12' AS classification,
               CASE WHEN y IN ({hs4_years}) THEN 'hs4' ELSE '{level}' END AS product_level,
               CASE WHEN y IN ({hs4_years}) THEN substr(c.code, 1, 4) ELSE c.code END AS product_code,
               CASE WHEN c.code = '100199' THEN 0 WHEN c.code = '720839' AND y = 2022 THEN 0
                    ELSE round((hash(c.code, y, m, r.rep, r.flow, '{source}') % 1000000) / 3.0 + 10, 2) END AS value_usd,
               CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
               CASE WHEN r.flow = 'export' THEN 'FOB' ELSE 'CIF' END AS valuation
        FROM (VALUES ('KAZ', 'CHN', 'export'), ('KAZ', 'CHN', 'import'), ('CHN', 'KAZ', 'import'),
                     ('CHN', 'KAZ', 'export')) r(rep, par, flow),
             range(2020, 2024) ys(y), range(1, 13) ms(m), (SELECT unnest({list(CODES[:codes])!r}) AS code) c
        WHERE m IN ({months}) AND hash(c.code, y, r.rep, r.flow, '{source}') % 7 <> 0
        ) TO {sql_str(str(path))} (FORMAT parquet)""")
    con.close()
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("monitor_arrays")
    with Workspace.open(root / "ws") as ws:
        for source, release, months, codes, hs4 in (
                ("customs-a", "2020-2023-0a1b2c3d", "1, 2, 3, 4, 5, 6", 10, "2021"),
                ("customs-a", "2020-2023-4e5f6a7b", "7, 8, 9, 10, 11, 12", 10, "2021"),
                ("customs-b", "b1", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12", 7, "NULL")):
            path = _file(root / f"{source}-{release}.parquet", source=source, release=release, months=months,
                         codes=codes, hs4_years=hs4)
            sql = f"SELECT *, CAST(NULL AS BIGINT) AS _line FROM read_parquet({sql_str(str(path))})"
            ws.ingest(ParsedSource(source=source, release=release, sql=sql, path=path))
    return root / "ws"


def test_the_arrays_give_the_statement_s_documents(workspace: Path) -> None:
    served: list[bool] = []
    sources, ingests = set(), set()
    with Workspace.open(workspace, read_only=True) as ws:
        for economy, partner in (("KAZ", "CHN"), ("CHN", "KAZ")):
            for months in (None, 12, 9, 6, 1):
                for level in ("hs2", "hs4", "hs6"):
                    kw = dict(economy=economy, partner=partner, year_from=2020, year_to=2023, level=level, months=months)
                    fast, reference, by_arrays = _both(ws, **kw)
                    served += by_arrays
                    _same(kw, fast, reference)
                    sources |= set(fast.structure["source"])
                    ingests |= {len(ids) for ids in fast.figures["ingest_ids"]}
    assert served and all(served)
    # the corners were reached: both sources chosen somewhere, lines summed over two ingests
    # (the figures name both)
    assert sources == {"customs-a", "customs-b"} and ingests == {1, 2}, (sources, ingests)


def test_exact_share_sums_follow_duckdb() -> None:
    """:func:`corridor.monitor._decimal_sums` is DuckDB's exact sum of shares, to the bit."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(13)
    con = duckdb.connect()
    for trial in range(60):
        n = int(rng.integers(1, 4000))
        w = rng.lognormal(0, 3, n)
        x = (w / w.sum()) ** (1 + trial % 2) * (rng.random(n) if trial % 3 else 1.0)
        x[rng.random(n) < 0.1] = np.nan
        groups = rng.integers(0, 5, n)
        t = pa.table({"x": pa.array(x, from_pandas=True), "g": groups})
        expected = dict(con.execute("SELECT g, CAST(sum(CAST(x AS DECIMAL(38, 30))) AS DOUBLE) FROM t GROUP BY g").fetchall())
        got = monitor._decimal_sums(x, groups, 5)
        for g in range(5):
            e = expected.get(g)
            assert (np.isnan(got[g]) and (e is None or np.isnan(e))) or got[g] == e, (trial, g, got[g], e)


def _months_file(path: Path, rows: list[tuple], *, source: str = "customs-a", release: str = "r1") -> ParsedSource:
    """A file of month rows (reporter, partner, flow, year, month, classification, level,
    code, value) of ``source`` and ``release``, as an importer would parse it."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (reporter VARCHAR, partner VARCHAR, flow VARCHAR, year SMALLINT, month TINYINT, "
                "classification VARCHAR, product_level VARCHAR, product_code VARCHAR, value_usd DOUBLE)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"""COPY (SELECT '{source}' AS source, '{release}' AS release, reporter, partner, flow, year,
                                 'month' AS period_kind, month, classification, product_level, product_code, value_usd,
                                 CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
                                 CASE WHEN flow = 'export' THEN 'FOB' ELSE 'CIF' END AS valuation FROM t)
                    TO {sql_str(str(path))} (FORMAT parquet)""")
    con.close()
    sql = f"SELECT *, CAST(NULL AS BIGINT) AS _line FROM read_parquet({sql_str(str(path))})"
    return ParsedSource(source=source, release=release, sql=sql, path=path)


def _both(ws: Workspace, **kw) -> tuple:
    """The monitor by the arrays (asserted served) and by the statement."""
    served = []
    arrays = monitor._cached_tables

    def spy(*args, **kwargs):
        out = arrays(*args, **kwargs)
        served.append(out is not None)
        return out

    monitor._cached_tables = spy
    try:
        fast = monitor.build_monitor(ws, **kw)
        monitor._cached_tables = lambda *a, **k: None
        reference = monitor.build_monitor(ws, **kw)
    finally:
        monitor._cached_tables = arrays
    return fast, reference, served


def _same(kw: dict, fast, reference) -> None:
    query = Query(**{k: v for k, v in kw.items() if k != "top"})
    for lang in ("en", "ru"):
        assert _document(query, fast, lang) == _document(query, reference, lang), (kw, lang)
    assert fast.figures.equals(reference.figures)
    for name in ("structure", "sections", "top_products", "changes"):
        assert getattr(fast, name).equals(getattr(reference, name)), (kw, name)


def test_months_summing_past_18_digits_are_stored_with_38(tmp_path: Path) -> None:
    """A line whose months sum to 10^14 USD or more (DECIMAL(18, 4) overflows: DuckDB 2
    raises a ConversionException, not an OutOfRangeException) is stored in the aggregate
    with 38 digits; the monitor from it (arrays and statement alike) does not fail."""
    rows = [(rep, par, flow, 2022, m, "HS12", "hs6", code, value)
            for rep, par in (("KAZ", "CHN"), ("CHN", "KAZ")) for flow in ("export", "import")
            for m in (1, 2, 3) for code, value in (("270900", 6.1e13 if rep == "KAZ" and flow == "export" else 5.5),
                                                   ("271019", 1234.5))]
    with Workspace.open(tmp_path / "ws") as ws:
        ws.ingest(_months_file(tmp_path / "big.parquet", rows))
        for months in (2, 3):
            kw = dict(economy="KAZ", partner="CHN", year_from=2022, year_to=2022, level="hs4", months=months)
            fast, reference, served = _both(ws, **kw)
            _same(kw, fast, reference)
            assert served == [True]  # the integers of 10^-4 USD fit in int64: the arrays
            exports = fast.figures.query("reported_by == 'economy' and flow == 'export'")["value_usd"]
            assert exports.tolist() == [months * (6.1e13 + 1234.5)]


@pytest.mark.parametrize("big_first", [True, False])
def test_aggregates_of_18_and_38_digits_are_read_together(tmp_path: Path, big_first: bool) -> None:
    """One ingest's aggregate in 38 digits (a line past 10^14 USD), another's in 18: read
    together in either order (DuckDB takes the first file's types unless told to unite
    them), both paths giving the same documents."""
    small = [("KAZ", "CHN", flow, 2022, m, "HS12", "hs6", "271019", 1234.5) for flow in ("export", "import")
             for m in (1, 2, 3)]
    big = [("KAZ", "CHN", "export", 2022, m, "HS12", "hs6", "270900", 6.1e13) for m in (1, 2, 3)]
    files = [(big, "customs-b"), (small, "customs-a")]
    with Workspace.open(tmp_path / "ws") as ws:
        for i, (rows, source) in enumerate(files if big_first else files[::-1]):
            ws.ingest(_months_file(tmp_path / f"{i}.parquet", rows, source=source, release=f"r{i}"))
        kw = dict(economy="KAZ", partner="CHN", year_from=2022, year_to=2022, level="hs4", months=3)
        fast, reference, served = _both(ws, **kw)
        _same(kw, fast, reference)
        assert served == [True]
        figures = fast.figures.query("flow == 'export'").set_index("source")["value_usd"]
        assert figures.to_dict() == {"customs-a": 3 * 1234.5, "customs-b": 3 * 6.1e13}


def test_the_cast_of_units_to_floats_follows_duckdb() -> None:
    """:func:`corridor.monitor._to_float` is DuckDB's ``CAST(x AS DOUBLE)`` of DECIMAL(38,
    4) values, to the bit, below and above 2^53 units (where one float division would
    round twice)."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(13)
    units = np.concatenate([rng.integers(-2 ** 62, 2 ** 62, 5000), rng.integers(-2 ** 54, 2 ** 54, 5000),
                            rng.integers(-10 ** 6, 10 ** 6, 500)])
    t = pa.table({"s": pa.array([str(int(u)) for u in units])})
    con = duckdb.connect()
    expected = [v for (v,) in con.execute(
        "SELECT CAST(CAST(s AS DECIMAL(38, 0)) * CAST(0.0001 AS DECIMAL(38, 4)) AS DOUBLE) FROM t").fetchall()]
    assert con.execute("SELECT typeof(CAST(s AS DECIMAL(38, 0)) * CAST(0.0001 AS DECIMAL(38, 4))) FROM t "
                       "LIMIT 1").fetchall() == [("DECIMAL(38,4)",)]
    assert monitor._to_float(units).tolist() == expected


def test_the_arrays_follow_the_statement_on_mixed_classifications_totals_and_regions(tmp_path: Path) -> None:
    """More corners of a real workspace, both paths alike: HS12 and HS17 lines of one side
    in one year (two sources) and a classification changing between years (no gained or
    lost lines across it), a source of totals only, lines gained and lost, a pair with
    exports only, a region pair from provincial rows (CN-XJ) and HS2 rows beside HS6."""
    def rows(rep: str, par: str, flows: tuple[str, ...], cls_of, codes: tuple[str, ...], level: str = "hs6"):
        codes = tuple(dict.fromkeys(code[:HS_WIDTH[level]] for code in codes))
        return [(rep, par, flow, year, m, cls_of(year), level, code,
                 zlib.crc32(f"{rep} {flow} {year} {m} {code}".encode()) % 10 ** 7 / 100 if (i + year) % 5 else 0.0)
                for flow in flows for year in (2021, 2022, 2023) for m in range(1, 13)
                for i, code in enumerate(codes) if (i * 7 + year) % 4]

    files = [
        ("customs-a", rows("KAZ", "CHN", ("export", "import"), lambda y: "HS12" if y < 2023 else "HS17", CODES)),
        ("customs-b", rows("KAZ", "CHN", ("export", "import"), lambda y: "HS17", CODES[:7])),
        ("customs-c", rows("CHN", "KAZ", ("export",), lambda y: "HS17", CODES, "hs2")),
        ("totals", [(rep, par, flow, year, m, "TOTAL", "total", "TOTAL", 1e6 + m)
                    for rep, par in (("KAZ", "CHN"), ("CHN", "KAZ")) for flow in ("export", "import")
                    for year in (2021, 2022, 2023) for m in range(1, 13)]),
        ("gacc", rows("CN-XJ", "KAZ", ("export", "import"), lambda y: "HS17", CODES)),
    ]
    with Workspace.open(tmp_path / "ws") as ws:
        for i, (source, file_rows) in enumerate(files):
            ws.ingest(_months_file(tmp_path / f"{i}.parquet", file_rows, source=source), allow_unknown_codes=True)
        for economy, partner in (("KAZ", "CHN"), ("CHN", "KAZ"), ("KAZ", "CN-XJ")):
            for level in ("hs2", "hs4", "hs6"):
                for months, top in ((None, 10), (7, 2)):
                    kw = dict(economy=economy, partner=partner, year_from=2021, year_to=2023, level=level,
                              months=months, top=top)
                    fast, reference, served = _both(ws, **kw)
                    _same(kw, fast, reference)
                    assert served == [True], kw
