"""The workspace: atomic ingests, provenance, releases, refusal of bad content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corridor.errors import InputError, QueryError, WorkspaceError
from corridor.store import Workspace

from .helpers import simple_parsed, snapshot, write


@pytest.fixture()
def ws(tmp_path: Path):
    w = Workspace.open(tmp_path / "ws")
    yield w
    w.close()


def _values(ws: Workspace) -> list[tuple]:
    df = ws.flows().order_by(["year", "product_code", "release"]).execute()
    return list(zip(df["release"], df["year"].astype(int), df["product_code"], df["value_usd"]))


def test_ingest_stores_rows_and_provenance(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100.5", "KAZ,CHN,2023,0102,200", "KAZ,CHN,2024,0101,3"])
    rep = ws.ingest(simple_parsed(f))
    assert rep.status == "stored" and rep.rows_stored == 3
    assert _values(ws) == [("r1", 2023, "0101", 100.5), ("r1", 2023, "0102", 200.0), ("r1", 2024, "0101", 3.0)]
    prov = ws.provenance().execute()
    assert list(prov["file_name"]) == ["a.csv"]
    assert prov["sha256"][0] == __import__("hashlib").sha256(f.read_bytes()).hexdigest()
    assert int(prov["rows_stored"][0]) == 3
    # every stored row traces to its provenance row
    assert set(ws.flows().execute()["ingest_id"]) == set(prov["ingest_id"])


def test_reingesting_the_same_file_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100.5"])
    ws.ingest(simple_parsed(f))
    before = snapshot(ws.path)
    again = ws.ingest(simple_parsed(f))
    assert again.status == "unchanged"
    assert snapshot(ws.path) == before


def test_identical_rows_from_another_file_of_the_same_release_are_not_doubled(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100.5", "KAZ,CHN,2023,0102,7"])))
    rep = ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,100.5", "KAZ,CHN,2023,0103,1"])))
    assert (rep.rows_stored, rep.rows_already_stored) == (1, 1)
    assert ws.flows().value_usd.sum().execute() == pytest.approx(108.5)


def test_conflicting_value_in_the_same_release_is_refused(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100.5"])))
    before = snapshot(ws.path)
    with pytest.raises(InputError, match=r"this file says 999\.00 USD but a\.csv"):
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,999"])))
    assert snapshot(ws.path) == before


def test_newer_release_is_kept_beside_the_older_and_used_by_default(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,100", "KAZ,CHN,2024,0101,5"])))
    ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,120"]), release="r2"))
    # 2023 is revised by r2; 2024 only exists in r1 and stays visible
    assert _values(ws) == [("r2", 2023, "0101", 120.0), ("r1", 2024, "0101", 5.0)]
    assert _values_at(ws, {"test": "r1"}) == [("r1", 2023, "0101", 100.0), ("r1", 2024, "0101", 5.0)]
    with pytest.raises(QueryError, match="stored releases: r1, r2"):
        ws.flows(releases={"test": "r9"})


def _values_at(ws: Workspace, releases: dict) -> list[tuple]:
    df = ws.flows(releases=releases).order_by(["year", "product_code"]).execute()
    return list(zip(df["release"], df["year"].astype(int), df["product_code"], df["value_usd"]))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["KAZ,CHN,2023,0101,-5"], r"line 2, field 'value_usd': negative or non-finite trade value"),
        (["KAZ,XXX,2023,0101,5"], r"line 2, field 'partner': unknown economy code \(got 'XXX'\)"),
        (["KAZ,CHN,2023,0199,5"], r"line 2, field 'product_code': unknown product code"),
        (["KAZ,CHN,2023,0101,5", "KAZ,CHN,2023,0101,6"], r"duplicate key: .* lines 2, 3"),
        (["KAZ,CHN,2023,0101,abc"], r"line 2, field 'val': value does not parse \(got 'abc'\); expected a number"),
        (["KAZ,CHN,1066,0101,5"], r"field 'year': year out of range"),
        ([], r"the file has no data rows"),
    ],
)
def test_bad_content_is_refused_and_nothing_changes(ws: Workspace, tmp_path: Path, rows, message) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1"])))
    before = snapshot(ws.path)
    with pytest.raises(InputError, match=message) as err:
        ws.ingest(simple_parsed(write(tmp_path / "bad.csv", rows)))
    assert "bad.csv" in str(err.value) and "othing was stored" in str(err.value)
    assert snapshot(ws.path) == before


def test_all_problems_are_reported_not_only_the_first(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "bad.csv", ["KAZ,CHN,2023,0101,-1", "KAZ,ZZZ,2023,0101,2", "KAZ,CHN,2023,0199,3"])
    with pytest.raises(InputError) as err:
        ws.ingest(simple_parsed(f))
    text = str(err.value)
    assert "line 2" in text and "line 3" in text and "line 4" in text
    assert "unknown economy codes in the file: ZZZ" in text


def test_unknown_codes_can_be_stored_on_request_and_are_listed(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,ZZZ,2023,0101,2", "KAZ,CHN,2023,0199,3"])
    rep = ws.ingest(simple_parsed(f), allow_unknown_codes=True)
    assert rep.rows_stored == 2
    notes = ws.provenance().execute()["notes"][0]
    assert "unknown economy codes: ZZZ" in notes and "HS12:hs4:0199" in notes


def test_a_failing_file_in_a_batch_stores_nothing_of_the_batch(ws: Workspace, tmp_path: Path) -> None:
    before = snapshot(ws.path)
    good = simple_parsed(write(tmp_path / "good.csv", ["KAZ,CHN,2023,0101,1"]))
    bad = simple_parsed(write(tmp_path / "bad.csv", ["KAZ,CHN,2023,0101,-1"]))
    with pytest.raises(InputError, match="bad.csv"):
        ws.ingest_many([good, bad])
    assert snapshot(ws.path) == before
    assert ws.flows().count().execute() == 0


def test_interruption_at_the_last_moment_leaves_the_workspace_as_it_was(ws: Workspace, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1"])))
    before = snapshot(ws.path)
    import corridor.store.workspace as mod

    real_replace = os.replace

    def interrupted(src, dst):
        real_replace(src, dst)  # the file is moved, then the process is interrupted before COMMIT
        raise KeyboardInterrupt

    monkeypatch.setattr(mod.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2021,0101,2"])))
    monkeypatch.undo()
    assert not (ws.path / "tmp").exists()
    assert snapshot(ws.path) == before


def test_a_killed_process_leaves_the_workspace_as_it_was(tmp_path: Path) -> None:
    """SIGKILL between moving the Parquet file and committing the catalogue: on reopen the
    unreferenced file is swept and the catalogue holds only the earlier ingest."""
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        ws.ingest(simple_parsed(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1"])))
    before = snapshot(ws_path)
    write(tmp_path / "b.csv", ["KAZ,CHN,2021,0101,2"])
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        import corridor.store.workspace as mod
        from store.helpers import simple_parsed
        from pathlib import Path
        real = os.replace
        def die(a, b):
            real(a, b)
            if Path(b).parent.name == "flows":  # the move of the ingest's file, not the snapshot's
                os.kill(os.getpid(), signal.SIGKILL)
        mod.os.replace = die
        ws = mod.Workspace.open({str(ws_path)!r})
        ws.ingest(simple_parsed(Path({str(tmp_path / 'b.csv')!r})))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    assert len(list((ws_path / "flows").glob("*.parquet"))) == 2  # the killed ingest left its file
    Workspace.open(ws_path).close()  # reopening sweeps it
    assert snapshot(ws_path) == before
    with Workspace.open(ws_path) as ws:
        assert ws.flows().count().execute() == 1


def test_opening_a_missing_workspace_without_create_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no corridor workspace at"):
        Workspace.open(tmp_path / "nowhere", create=False)


def test_opening_never_deletes_files_corridor_did_not_write(tmp_path: Path) -> None:
    d = tmp_path / "mine"
    (d / "flows").mkdir(parents=True)
    (d / "flows" / "precious.parquet").write_bytes(b"PAR1")
    with pytest.raises(WorkspaceError, match="not creating a workspace over files"):
        Workspace.open(d)
    assert (d / "flows" / "precious.parquet").exists()
    with Workspace.open(tmp_path / "ws") as ws:
        ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,1"])))
    (tmp_path / "ws" / "flows" / "notes.parquet").write_bytes(b"PAR1")
    Workspace.open(tmp_path / "ws").close()
    assert (tmp_path / "ws" / "flows" / "notes.parquet").exists()


def test_latest_release_compares_numbers_as_numbers(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,9"]), release="v9"))
    ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,10"]), release="v10"))
    assert _values(ws) == [("v10", 2023, "0101", 10.0)]


def test_release_labels_that_slug_alike_get_different_ingests(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,9"])
    r1 = ws.ingest(simple_parsed(f, release="2023-1"))
    r2 = ws.ingest(simple_parsed(f, release="2023_1"))
    assert r1.ingest_id != r2.ingest_id and r2.status == "stored"


def test_rows_differing_only_in_valuation_are_a_conflict(ws: Workspace, tmp_path: Path) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "a.csv", ["KAZ,CHN,2023,0101,9"])))
    other = simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2023,0101,9", "KAZ,CHN,2023,0102,1"]))
    other = type(other)(source=other.source, release=other.release, path=other.path,
                        sql=other.sql.replace("'FOB' AS valuation", "'CIF' AS valuation"))
    with pytest.raises(InputError, match="quantity or valuation differ"):
        ws.ingest(other)


def test_an_engine_failure_during_ingest_is_a_workspace_error_and_changes_nothing(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws.ingest(simple_parsed(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1"])))
    before = snapshot(ws.path)
    import duckdb

    def broken(*args, **kwargs):
        raise duckdb.IOException("disk full (simulated)")

    monkeypatch.setattr(Workspace, "_drop_already_stored", broken)
    with pytest.raises(WorkspaceError, match="nothing was stored: disk full"):
        ws.ingest(simple_parsed(write(tmp_path / "b.csv", ["KAZ,CHN,2021,0101,2"])))
    monkeypatch.undo()
    assert snapshot(ws.path) == before


def _statistics(con, select: str) -> dict:
    """The column statistics DuckDB gathers while writing ``select`` to Parquet (what the
    store reads after staging)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        rows = con.execute(f"COPY ({select}) TO '{folder}/x.parquet' (FORMAT parquet, RETURN_STATS)").fetchall()
    return {name.strip('"'): dict(v) for name, v in rows[0][4].items()}


GOOD_ROW = {"source": "'s'", "release": "'r'", "reporter": "'KAZ'", "partner": "'CHN'", "flow": "'export'",
            "year": "2020::SMALLINT", "period_kind": "'year'", "month": "12::TINYINT", "classification": "'HS12'",
            "product_level": "'hs4'", "product_code": "'0101'", "value_usd": "5.0::DOUBLE", "quantity": "1.0::DOUBLE"}
BAD_ROWS = {
    "negative value": {"value_usd": "-5.0::DOUBLE"},
    "nan value": {"value_usd": "'nan'::DOUBLE"},
    "infinite value": {"value_usd": "'inf'::DOUBLE"},
    "infinite quantity": {"quantity": "'inf'::DOUBLE"},
    "negative quantity": {"quantity": "-1.0::DOUBLE"},
    "missing reporter": {"reporter": "NULL::VARCHAR"},
    "missing value": {"value_usd": "NULL::DOUBLE"},
    "month of a year": {"month": "7::TINYINT"},
    "unknown flow": {"flow": "'transit'"},
    "total code at hs4": {"product_code": "'TOTAL'"},
    "old year": {"year": "1900::SMALLINT"},
}


@pytest.mark.parametrize("constant", [(), ("flow", "period_kind", "month", "classification", "product_level")])
def test_statistics_prove_a_clean_file_and_never_a_file_with_a_bad_row(constant) -> None:
    """validate.proven_by_statistics lets the store skip the per-row scan only when the
    staged file's statistics prove every rule; any file with a row that breaks a rule
    (checked against the rules themselves) is not proven, so its rows are checked."""
    import duckdb

    from corridor.store import validate

    con = duckdb.connect()
    rules = " OR ".join(f"coalesce({c.predicate}, false)" for c in validate.simple_checks())
    consts = {c: con.execute(f"SELECT {GOOD_ROW[c]}").fetchall()[0][0] for c in constant}

    def select(rows: list[dict], *, staged: bool = True) -> str:
        """The rows as staged (constant columns left out) or whole."""
        return " UNION ALL ".join(
            "SELECT " + ", ".join(f"{v} AS {c}" for c, v in row.items() if not (staged and c in consts)) for row in rows
        )

    good = [GOOD_ROW, {**GOOD_ROW, "product_code": "'0102'", "quantity": "NULL::DOUBLE"}]
    assert validate.proven_by_statistics(_statistics(con, select(good)), consts)
    for name, change in BAD_ROWS.items():
        if set(change) & set(consts):
            continue
        rows = [*good, {**GOOD_ROW, **change}]
        assert con.execute(f"SELECT count(*) FROM ({select(rows, staged=False)}) t WHERE {rules}").fetchall()[0][0] == 1, name
        assert not validate.proven_by_statistics(_statistics(con, select(rows)), consts), name
    # a constant that breaks a rule is not proven either
    if consts:
        assert not validate.proven_by_statistics(_statistics(con, select(good)), {**consts, "month": 13})
        assert not validate.proven_by_statistics(_statistics(con, select(good)), {**consts, "flow": None})
    assert not validate.proven_by_statistics({}, consts)  # no statistics: nothing is proven


def test_a_file_the_statistics_do_not_prove_is_checked_in_full(ws: Workspace, tmp_path: Path) -> None:
    """Every offending line is named."""
    f = write(tmp_path / "bad.csv", ["KAZ,CHN,2023,0101,-1", "KAZ,CHN,2023,0102,2", "KAZ,CHN,2023,0103,-3"])
    with pytest.raises(InputError) as err:
        ws.ingest(simple_parsed(f))
    text = str(err.value)
    assert "line 2" in text and "line 4" in text and "line 3" not in text


def _with_constants(path: Path, sql_consts: str, constants: dict):
    """An importer whose per-file constants are given apart (``sql`` may leave them out;
    the year too, when it is one of them)."""
    from corridor.sources.base import ParsedSource, sql_str

    year = "" if "year" in constants else "yr AS year,"
    sql = f"""SELECT {sql_consts} rep AS reporter, par AS partner, {year} code AS product_code, val AS value_usd,
        NULL AS quantity, NULL AS quantity_unit, row_number() OVER () + 1 AS _line
        FROM read_csv({sql_str(str(path))}, header=true, auto_detect=false,
             columns={{'rep':'VARCHAR','par':'VARCHAR','yr':'INTEGER','code':'VARCHAR','val':'DOUBLE'}})"""
    return ParsedSource(source="test", release="r1", sql=sql, path=path, constants=constants)


CONSTANTS = {"source": "test", "release": "r1", "flow": "export", "period_kind": "year", "month": 12,
             "classification": "HS12", "product_level": "hs4", "valuation": "FOB"}


def test_constants_need_not_be_in_the_importers_query(ws: Workspace, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,1", "KAZ,CHN,2020,0102,2"])
    report = ws.ingest(_with_constants(f, "", CONSTANTS))
    assert report.rows_stored == 2
    got = ws.flows().order_by("product_code").execute()
    assert list(got.flow) == ["export", "export"] and list(got.month) == [12, 12]


def test_a_bad_constant_is_refused_like_a_bad_value(ws: Workspace, tmp_path: Path) -> None:
    """The rules check the constants that are stored, not what the query happens to say."""
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,1"])
    before = snapshot(ws.path)
    with pytest.raises(InputError, match="month out of range"):
        ws.ingest(_with_constants(f, "12 AS month,", {**CONSTANTS, "month": 13}))
    assert snapshot(ws.path) == before


@pytest.mark.parametrize(("change", "message"), [
    ({"month": 12.5}, "month out of range"),  # stored as 13: judged as stored
    ({"year": 2100.5}, "year out of range"),
    ({"month": "abc"}, r"a\.csv: could not read the data"),  # does not cast: refused naming the file
])
def test_constants_are_judged_as_they_are_stored(ws: Workspace, tmp_path: Path, change, message) -> None:
    f = write(tmp_path / "a.csv", ["KAZ,CHN,2020,0101,1"])
    before = snapshot(ws.path)
    with pytest.raises(InputError, match=message):
        ws.ingest(_with_constants(f, "", {**CONSTANTS, **change}))
    assert snapshot(ws.path) == before


def test_a_clean_file_is_proven_by_its_statistics_and_skips_the_row_scan(ws: Workspace, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """The staging really returns the statistics the proof needs (a change in DuckDB's
    RETURN_STATS would otherwise only show as a slower ingest); a bad file is not proven."""
    from corridor.store import validate

    seen = []
    original = validate.find_problems

    def spy(con, **kwargs):
        seen.append(kwargs["prechecked"])
        return original(con, **kwargs)

    monkeypatch.setattr(validate, "find_problems", spy)
    ws.ingest(_with_constants(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1", "KAZ,CHN,2020,0102,2"]), "", CONSTANTS))
    with pytest.raises(InputError):
        ws.ingest(_with_constants(write(tmp_path / "bad.csv", ["KAZ,CHN,2020,0101,-1"]), "", CONSTANTS))
    assert seen == [True, False]


def test_a_proven_file_gets_no_scan_for_the_simple_rules(ws: Workspace, tmp_path: Path, monkeypatch) -> None:
    """With the statistics' proof, find_problems sends no query with a simple rule's
    predicate (the speed the proof is for)."""
    from corridor.store import validate

    sent: list[str] = []
    original = validate.find_problems

    class Recording:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *args):
            sent.append(sql)
            return self._con.execute(sql, *args)

    monkeypatch.setattr(validate, "find_problems", lambda con, **kw: original(Recording(con), **kw))
    ws.ingest(_with_constants(write(tmp_path / "good.csv", ["KAZ,CHN,2020,0101,1"]), "", CONSTANTS))
    predicates = [c.predicate for c in validate.simple_checks()]
    assert sent and not [sql for sql in sent if any(p in sql for p in predicates)]
