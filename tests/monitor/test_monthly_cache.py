"""The stored monthly aggregate (corridor.store.months) gives the monitor exactly what the
general path gives: the same JSON documents, English and Russian, for every period kind,
product level and pair of a workspace holding months, cumulative (ytd) tables, annual rows,
revisions (several releases, superseded months), regions and HS6 lines."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from corridor.answers.monitor import Query, Result, answer
from corridor.errors import QueryError
from corridor.indicators.plausibility import mirror_warnings
from corridor.monitor import build_monitor
from corridor.reports.registry import document
from corridor.schema import ParsedSource
from corridor.store import Workspace
from corridor.store import months as stored_months
from corridor.util import sql_str
from tests.national_workspace import build as build_national

CODES = ("010121", "010129", "020110", "270900", "271019", "840710", "841810", "850440", "870323", "870899")


def _lines(path: Path, *, source: str = "synthetic-customs", release: str, where: str = "true", scale: float = 1.0, kind: str = "month",
           level: str = "hs6") -> Path:
    """Synthetic customs lines of KAZ-CHN (both sides) and KAZ-RUS, 2021-2023, written to
    ``path``: log-normal-ish values from a hash, some lines and months missing (2022's July
    of China's imports from KAZ, every fifth line-month), valuations CIF/FOB with one line's
    March in another valuation."""
    con = duckdb.connect()
    width = {"hs6": 6, "hs4": 4}[level]
    con.execute(f"""
        COPY (
        SELECT * FROM (
            SELECT '{source}' AS source, '{release}' AS release, r.rep AS reporter, r.par AS partner, r.flow, CAST(y AS SMALLINT) AS year, '{kind}' AS period_kind,
                   CAST(m AS TINYINT) AS month, 'HS12' AS classification, '{level}' AS product_level,
                   substr(c.code, 1, {width}) AS product_code,
                   round((hash(c.code, y, m, r.rep, r.flow) % 1000000) / 7.0 * {scale} + 1000, 2) AS value_usd,
                   CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS quantity_unit,
                   CASE WHEN c.code = '270900' AND m = 3 THEN 'DAF' WHEN r.flow = 'export' THEN 'FOB' ELSE 'CIF' END
                       AS valuation
            FROM (VALUES ('KAZ', 'CHN', 'export'), ('KAZ', 'CHN', 'import'), ('CHN', 'KAZ', 'import'),
                         ('CHN', 'KAZ', 'export'), ('KAZ', 'RUS', 'export')) r(rep, par, flow),
                 range(2021, 2024) ys(y), range(1, 13) ms(m),
                 (SELECT unnest({list(CODES)!r}) AS code) c
            WHERE hash(c.code, y, m, r.rep) % 5 <> 0
              AND NOT (r.rep = 'CHN' AND r.flow = 'import' AND y = 2022 AND m = 7))
        WHERE {where}) TO {sql_str(str(path))} (FORMAT parquet)""")
    con.close()
    return path


def _ingest(ws: Workspace, file: Path, *, source: str, release: str, group: bool = False) -> None:
    select = "* EXCLUDE (value_usd), sum(value_usd) AS value_usd" if group else "*"
    tail = " GROUP BY ALL" if group else ""
    sql = (f"SELECT {select}, CAST(NULL AS BIGINT) AS _line FROM read_parquet({sql_str(str(file))}){tail}")
    ws.ingest(ParsedSource(source=source, release=release, sql=sql, path=file))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("monthly_cache")
    path = root / "ws"
    build_national(path)  # GACC months by province and cumulative, BNS ytd with a revision, regions
    with Workspace.open(path) as ws:
        _ingest(ws, _lines(root / "r1.parquet", release="r1"), source="synthetic-customs", release="r1")
        # a later release revising KAZ's exports of February and March 2023 (superseded months)
        _ingest(ws, _lines(root / "r2.parquet", release="r2", scale=1.1,
                           where="reporter = 'KAZ' AND flow = 'export' AND year = 2023 AND month IN (2, 3)"),
                source="synthetic-customs", release="r2")
        # another source: published January-N tables (ytd) at HS4 and annual HS6 rows
        _ingest(ws, _lines(root / "ytd.parquet", source="synthetic-ytd", release="y1", kind="ytd", level="hs4",
                           where="year = 2022 AND month IN (3, 9, 12)"), source="synthetic-ytd", release="y1", group=True)
        _ingest(ws, _lines(root / "year.parquet", source="synthetic-annual", release="a1", kind="year", where="month = 12 AND year <= 2022"),
                source="synthetic-annual", release="a1")
    return path


def _document(query: Query, rep, lang: str) -> str:
    result = Result(query=query, report=rep, provenance=pd.DataFrame(),
                    warnings=mirror_warnings(rep.gaps, rep.structure))
    return json.dumps(document(result, lang), sort_keys=True, default=str, ensure_ascii=False)


def _queries():
    for economy, partner in (("KAZ", "CHN"), ("CHN", "KAZ"), ("KAZ", "RUS"), ("KAZ", "CN-XJ"), ("KZ-19", "CHN")):
        region = "-" in economy + partner
        for mode in ({}, {"months": 9}, {"months": 3}, {"months": 12}, {"months": 1}, {"monthly": True}):
            # 2023 holds superseded months (the general path for January-N); 2021-2022 not
            for years in ((2021, 2023), (2021, 2022)) if not region else ((2021, 2024),):
                for level in ("hs4", "hs6", "hs2") if mode.get("months") == 9 and not region else ("hs4",):
                    yield dict(economy=economy, partner=partner, year_from=years[0], year_to=years[1], level=level, **mode)


def test_the_stored_aggregate_gives_the_documents_of_the_general_path(workspace: Path) -> None:
    served = compared = 0
    with Workspace.open(workspace, read_only=True) as ws:
        for q in _queries():
            query = Query(**q)
            kw = dict(economy=query.economy, partner=query.partner, year_from=query.year_from,
                      year_to=query.year_to, level=query.level, months=query.months, monthly=query.monthly)
            try:
                reference = build_monitor(ws.flows(), **kw)
            except QueryError as exc:
                with pytest.raises(QueryError) as same:  # the same error: no figures, or January-N ones only
                    build_monitor(ws, **kw)
                assert str(same.value) == str(exc) and ("no trade figures" in str(exc) or "no full-year" in str(exc))
                continue
            years = range(query.year_from, query.year_to + 1)
            if stored_months.cached_months(ws, economy=query.economy, partner=query.partner, years=years,
                                           monthly=query.monthly) is not None:
                served += 1
            fast = build_monitor(ws, **kw)
            compared += 1
            for lang in ("en", "ru"):
                assert _document(query, fast, lang) == _document(query, reference, lang), (q, lang)
    # the aggregate served most queries (the others: no monthly rows, or superseded months)
    assert compared > 40 and served > compared / 2, (served, compared)


def test_superseded_months_send_january_n_to_the_general_path(workspace: Path) -> None:
    with Workspace.open(workspace, read_only=True) as ws:
        years = range(2021, 2024)
        assert stored_months.cached_months(ws, economy="KAZ", partner="CHN", years=years, monthly=False) is None
        assert stored_months.cached_months(ws, economy="KAZ", partner="CHN", years=range(2021, 2023),
                                           monthly=False) is not None
        # month by month the superseded cells are left out of the month totals themselves
        assert stored_months.cached_months(ws, economy="KAZ", partner="CHN", years=years, monthly=True) is not None
        rep = build_monitor(ws, economy="KAZ", partner="CHN", year_from=2023, year_to=2023, monthly=True)
        feb = rep.figures[(rep.figures["month"] == 2) & (rep.figures["reported_by"] == "economy")
                          & (rep.figures["flow"] == "export") & (rep.figures["source"] == "synthetic-customs")]
        assert feb["release"].tolist() == ["r2"]


def test_a_pinned_release_is_answered_from_its_rows(workspace: Path) -> None:
    with Workspace.open(workspace, read_only=True) as ws:
        pinned = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2023, year_to=2023, months=3,
                                  releases="synthetic-customs=r1"))
        latest = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2023, year_to=2023, months=3))
    def exports(result):
        s = result.report.figures
        return s[(s["reported_by"] == "economy") & (s["flow"] == "export") & (s["source"] == "synthetic-customs")]
    assert exports(pinned)["release"].tolist() == ["r1"]
    assert exports(latest)["release"].tolist() == ["r2"]
    assert exports(pinned)["value_usd"].iloc[0] != exports(latest)["value_usd"].iloc[0]


def test_cache_files_outlive_a_removal_for_earlier_readers_then_go(workspace: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "ws"
    shutil.copytree(workspace, path)
    with Workspace.open(path, read_only=True) as reader:
        before = build_monitor(reader, economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9)
        iid = reader.connection.execute(
            "SELECT ingest_id FROM provenance WHERE source = 'synthetic-customs' AND release = 'r1'").fetchall()[0][0]
        files = stored_months.cache_files(reader, iid)
        assert all(f.exists() for f in files)
        with Workspace.open(path) as writer:
            writer.remove([iid])
        # the reader opened before the removal still answers from its snapshot
        again = build_monitor(reader, economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9)
        assert _document(Query(economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9), again, "en") == \
            _document(Query(economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9), before, "en")
    assert all(f.exists() for f in files)  # kept for REMOVED_RETENTION
    with Workspace.open(path) as writer:
        writer.connection.execute("UPDATE removals SET removed_at = removed_at - INTERVAL 2 HOUR")
        writer._sweep_removed()
    assert not any(f.exists() for f in files)


def test_the_ingest_builds_the_aggregate_of_files_with_months(tmp_path: Path) -> None:
    """`corridor ingest` (answers.ingest) writes the cache files of the monthly files it
    stores (GACC's monthly table by province), and none for files without months (BNS's
    January-N table)."""
    from corridor.answers.ingest import Query as IngestQuery, answer as ingest
    from tests.national_workspace import FILES, FIXTURES

    with Workspace.open(tmp_path / "ws") as ws:
        built = {}
        for name, file, release in (FILES[0], FILES[2]):
            result = ingest(ws, IngestQuery(source=name, files=(str(FIXTURES / file),), release=release))
            built[name] = [f.exists() for r in result.reports for f in stored_months.cache_files(ws, r.ingest_id)]
    assert built == {"gacc": [True, True], "bns": [False, False]}


def test_an_aggregate_that_cannot_be_written_is_a_keyed_note_of_the_ingest(tmp_path: Path) -> None:
    """The ingest is committed and says, in English and Russian, that the monitor's
    aggregate of its file with months could not be written (here a file stands where the
    aggregate's folder would be); the monitor then answers from the stored rows."""
    from corridor.answers.ingest import Query as IngestQuery, answer as ingest
    from tests.national_workspace import FILES, FIXTURES

    with Workspace.open(tmp_path / "ws") as ws:
        (ws.path / "cache").mkdir(exist_ok=True)
        (ws.path / stored_months.CACHE_DIR).write_text("not a folder")
        name, file, release = FILES[0]  # GACC's monthly table by province
        result = ingest(ws, IngestQuery(source=name, files=(str(FIXTURES / file),), release=release))
        [report] = result.reports
        notes = [n for n in report.notes if getattr(n, "key", None) == "months_aggregate_unwritten"]
        assert report.status == "stored" and len(notes) == 1
        assert "could not be written" in notes[0] and "записать не удалось" in notes[0].render("ru")
        assert not any(f.exists() for f in stored_months.cache_files(ws, report.ingest_id))
        years = [y for (y,) in ws.connection.execute("SELECT DISTINCT year FROM coverage ORDER BY 1").fetchall()]
        economy, partner = ws.connection.execute("SELECT reporter, partner FROM coverage LIMIT 1").fetchall()[0]
        assert stored_months.cached_months(ws, economy=economy, partner=partner, years=years, monthly=True) is None


def test_an_aggregate_the_database_cannot_write_is_a_note_not_a_failure(tmp_path: Path) -> None:
    """DuckDB's COPY failing to write the aggregate (an unwritable folder, a full disk: here
    its temporary name is a link to nowhere) raises duckdb.IOException, not OSError: before,
    it escaped the ingest after the ingest was committed (the user was told of an "IO Error"
    with the server's path though the file was stored) and the monitor's query failed instead
    of reading the stored rows.  It is the ingest's keyed note, without the path."""
    import os

    from corridor.answers.ingest import Query as IngestQuery, answer as ingest
    from tests.national_workspace import FILES, FIXTURES

    def block(ws: Workspace, ingest_id: str) -> None:
        cum, _ = stored_months.cache_files(ws, ingest_id)
        cum.parent.mkdir(parents=True, exist_ok=True)
        cum.with_name(f"{cum.name}.{os.getpid()}.tmp").symlink_to(tmp_path / "nowhere" / "x.parquet")

    name, file, release = FILES[0]  # GACC's monthly table by province
    probe = tmp_path / "probe"
    with Workspace.open(probe) as ws:  # the ingest id the file gets
        iid = ingest(ws, IngestQuery(source=name, files=(str(FIXTURES / file),), release=release)).reports[0].ingest_id
    with Workspace.open(tmp_path / "ws") as ws:
        block(ws, iid)
        [report] = ingest(ws, IngestQuery(source=name, files=(str(FIXTURES / file),), release=release)).reports
        notes = [n for n in report.notes if getattr(n, "key", None) == "months_aggregate_unwritten"]
        assert report.status == "stored" and len(notes) == 1 and str(tmp_path) not in notes[0].render("ru")
        block(ws, iid)
        years = [y for (y,) in ws.connection.execute("SELECT DISTINCT year FROM coverage ORDER BY 1").fetchall()]
        economy, partner = ws.connection.execute("SELECT reporter, partner FROM coverage LIMIT 1").fetchall()[0]
        assert stored_months.cached_months(ws, economy=economy, partner=partner, years=years, monthly=True) is None


def test_the_catalogue_memo_follows_every_ingest_and_removal(workspace: Path, tmp_path: Path) -> None:
    """A writer keeps the pair's coverage cells between queries (Workspace.catalogue_memo)
    and reads them again after an ingest or a removal: the monitor of the same query then
    answers from the new catalogue (a release revising months, then its removal)."""
    import shutil

    path = tmp_path / "ws"
    shutil.copytree(workspace, path)
    ask = dict(economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9)
    query = Query(**ask)
    with Workspace.open(path) as ws:
        before = _document(query, build_monitor(ws, **ask), "en")
        assert stored_months.cached_months(ws, economy="KAZ", partner="RUS", years=range(2021, 2023),
                                           monthly=False) is not None
        memo = dict(ws._catalogue_memo)
        assert memo and ws.catalogue_memo(next(iter(memo)), lambda: pytest.fail("read again")) == next(iter(memo.values()))
        _ingest(ws, _lines(tmp_path / "r3.parquet", release="r3", scale=1.3,
                           where="reporter = 'KAZ' AND partner = 'RUS' AND year = 2022 AND month = 2"),
                source="synthetic-customs", release="r3")
        assert not ws._catalogue_memo
        # a superseded month of the pair: January-N from the stored rows, with r3's February
        assert stored_months.cached_months(ws, economy="KAZ", partner="RUS", years=range(2021, 2023),
                                           monthly=False) is None
        revised = build_monitor(ws, **ask)
        assert _document(query, revised, "en") != before
        assert "r3" in set(revised.figures["release"])
        iid = ws.connection.execute("SELECT ingest_id FROM provenance WHERE release = 'r3'").fetchall()[0][0]
        ws.remove([iid])
        assert _document(query, build_monitor(ws, **ask), "en") == before


def test_aggregate_files_of_another_layout_are_never_read_and_are_swept(workspace: Path, tmp_path: Path) -> None:
    """A cache file written by an older corridor (another :data:`LAYOUT` in its name, here a
    copy holding rubbish) is not what the monitor reads, and the writer's sweep deletes it
    while keeping the current files."""
    import shutil

    path = tmp_path / "ws"
    shutil.copytree(workspace, path)
    query = Query(economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9)
    with Workspace.open(path) as ws:
        before = _document(query, build_monitor(ws, economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9), "en")
        iid = ws.connection.execute("SELECT ingest_id FROM provenance WHERE source = 'synthetic-customs' "
                                    "AND release = 'r1'").fetchall()[0][0]
        cum, tot = stored_months.cache_files(ws, iid)
        old = [cum.with_name(f"{iid}.cum.parquet"), tot.with_name(f"{iid}.tot.v{stored_months.LAYOUT - 1}.parquet")]
        for f in old:
            f.write_bytes(b"not parquet")
        after = _document(query, build_monitor(ws, economy="KAZ", partner="RUS", year_from=2021, year_to=2022, months=9), "en")
        stored_months.sweep(ws)
    assert after == before
    assert not any(f.exists() for f in old)
    assert cum.exists() and tot.exists()
