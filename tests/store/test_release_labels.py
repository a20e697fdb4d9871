"""Default release labels from the content (years and hash), and what the store does with
them: a touched or copied file is the same release; a changed file of the same coverage
replaces the one it corrects; two files of one download coexist; a later download
supersedes an earlier one; BNS and GACC labels come from the content too."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from corridor.errors import InputError
from corridor.sources import bns, gacc, wits
from corridor.store import Workspace

HEADER = ('"Nomenclature","ReporterISO3","ProductCode","ReporterName","PartnerISO3","PartnerName","Year",'
          '"TradeFlowName","TradeFlowCode","TradeValue in 1000 USD"')
SOURCES = Path(__file__).parents[1] / "sources" / "fixtures"


def _wits(path: Path, rows: list[tuple[str, str, int, float]]) -> Path:
    """A WITS download of Kazakhstan's exports: (partner, HS4 code, year, thousand USD)."""
    lines = [HEADER] + [f'"H4","KAZ","{code}","Kazakhstan","{par}","x","{year}","Export","6","{v}"'
                        for par, code, year, v in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _label(path: Path, years: str) -> str:
    return f"{years}-{hashlib.sha256(path.read_bytes()).hexdigest()[:8]}"


def _values(ws: Workspace) -> dict[tuple[str, str, int], float]:
    t = ws.flows()
    df = t.select("partner", "product_code", "year", "value_usd").execute()
    out: dict[tuple[str, str, int], float] = {}
    for r in df.itertuples():
        key = (r.partner, r.product_code, int(r.year))
        assert key not in out, f"{key} is visible twice"
        out[key] = r.value_usd
    return out


def _ingest(ws: Workspace, path: Path):
    return ws.ingest(wits.parse(ws.connection, path))


A = [("CHN", "0101", 2020, 1.5), ("CHN", "0102", 2020, 2.0), ("CHN", "0101", 2021, 3.0)]


def test_a_touched_or_copied_file_is_the_same_release(tmp_path: Path) -> None:
    f = _wits(tmp_path / "a.csv", A)
    with Workspace.open(tmp_path / "ws") as ws:
        first = _ingest(ws, f)
        assert first.status == "stored" and first.release == _label(f, "2020-2021")
        stamp = dt.datetime(2030, 1, 2, tzinfo=dt.timezone.utc).timestamp()
        os.utime(f, (stamp, stamp))
        copy = Path(shutil.copy(f, tmp_path / "copy.csv"))
        for again in (_ingest(ws, f), _ingest(ws, copy)):
            assert (again.status, again.release, again.ingest_id) == ("unchanged", first.release, first.ingest_id)
        assert len(ws.provenance().execute()) == 1


def test_a_changed_file_of_the_same_coverage_replaces_the_one_it_corrects(tmp_path: Path) -> None:
    old = _wits(tmp_path / "a.csv", A)
    new = _wits(tmp_path / "a_corrected.csv", [*A[:2], ("CHN", "0101", 2021, 3.5)])
    with Workspace.open(tmp_path / "ws") as ws:
        before = _ingest(ws, old)
        after = _ingest(ws, new)
        assert after.status == "stored" and after.release != before.release  # a new release label ...
        assert after.release.startswith("2020-2021-")  # ... of the same years
        assert any(f"replaces {before.ingest_id}: a changed file of the same coverage" in n for n in after.notes)
        # the figures it changes are said, with the difference (before, only that it replaced)
        revised = next(n for n in after.notes if getattr(n, "key", "") == "revises")
        assert revised.params["n"] == 1 and str(revised).endswith(
            f"KAZ->CHN export 2021 (hs4): 3,000 -> 3,500 USD (+16.67%) over release {before.release}")
        assert "долл. США (+16,67\u00a0%)" in revised.render("ru")
        assert _values(ws)[("CHN", "0101", 2021)] == 3500.0
        assert len(_values(ws)) == 3
        assert list(ws.provenance().execute()["ingest_id"]) == [after.ingest_id]
        removed = ws.removals().execute()
        assert list(removed["ingest_id"]) == [before.ingest_id]
        assert "changed file of the same coverage" in removed["reason"].iloc[0]


def test_two_files_of_one_download_coexist(tmp_path: Path) -> None:
    """Split by product (as WITS splits a query at 100,000 rows): the same coverage cells,
    other products; and a third file overlapping the first with identical rows."""
    one = _wits(tmp_path / "part1.csv", A)
    two = _wits(tmp_path / "part2.csv", [("CHN", "2709", 2020, 10.0), ("CHN", "2709", 2021, 11.0),
                                         ("WLD", "2709", 2021, 12.0)])
    cross = _wits(tmp_path / "crosscheck.csv", [A[0], ("WLD", "0101", 2021, 4.0)])  # the same years
    with Workspace.open(tmp_path / "ws") as ws:
        reports = [_ingest(ws, f) for f in (one, two, cross)]
        assert len({r.release for r in reports}) == 3  # three files, three labels, one vintage
        values = _values(ws)  # every row visible once: none superseded, none twice
        assert len(values) == 3 + 3 + 1
        assert values[("CHN", "0102", 2020)] == 2000.0 and values[("CHN", "2709", 2021)] == 11000.0
        assert reports[2].rows_stored == 1 and reports[2].rows_already_stored == 1
        assert ws.removals().execute().empty


def test_a_partial_file_contradicting_a_stored_row_is_refused(tmp_path: Path) -> None:
    """A file that changes a row but does not restate all of the file it contradicts is
    not a correction of it: refused, naming the row, and nothing changes."""
    one = _wits(tmp_path / "part1.csv", A)
    bad = _wits(tmp_path / "part2.csv", [("CHN", "0101", 2021, 9.0), ("CHN", "2709", 2020, 11.0)])  # same years
    with Workspace.open(tmp_path / "ws") as ws:
        _ingest(ws, one)
        with pytest.raises(InputError, match=r"KAZ->CHN export 2021 product 0101: this file says 9,000\.00 USD"):
            _ingest(ws, bad)
        assert _values(ws)[("CHN", "0101", 2021)] == 3000.0 and len(ws.provenance().execute()) == 1


def test_a_download_of_later_years_supersedes_an_earlier_one(tmp_path: Path) -> None:
    early = _wits(tmp_path / "early.csv", A)
    later = _wits(tmp_path / "later.csv", [("CHN", "0101", 2021, 3.25), ("CHN", "0101", 2022, 5.0)])
    with Workspace.open(tmp_path / "ws") as ws:
        _ingest(ws, early)
        rep = _ingest(ws, later)
        assert rep.release.startswith("2021-2022-")
        assert any("revises 1 stored figure(s)" in n for n in rep.notes)
        values = _values(ws)
        assert values[("CHN", "0101", 2021)] == 3250.0 and values[("CHN", "0101", 2020)] == 1500.0
        assert len(ws.provenance().execute()) == 2  # the earlier download stays stored beside it


def test_bns_and_gacc_labels_come_from_the_content_not_the_file_date(tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect()
    for module, name, span in ((bns, "bns/bns_partners_2024_01_08.xlsx", "2024.08"),  # January-August 2024
                               (gacc, "gacc/gacc_province_monthly_2023_2024.csv", "2023-2024.12")):
        f = Path(shutil.copy(SOURCES / name, tmp_path / Path(name).name))
        parsed = module.parse(con, f)
        assert parsed.vintage == span and parsed.release == _label(f, span)  # years, the last month, the hash
        stamp = dt.datetime(2031, 5, 6, tzinfo=dt.timezone.utc).timestamp()
        os.utime(f, (stamp, stamp))
        assert module.parse(con, f).release == parsed.release  # touched: the same release
        assert "file's modification date" not in " ".join(parsed.notes)


def test_a_vintage_names_every_file_of_a_download_to_pin_or_remove(tmp_path: Path) -> None:
    from corridor.errors import QueryError

    one = _wits(tmp_path / "part1.csv", A)
    two = _wits(tmp_path / "part2.csv", [("CHN", "2709", 2020, 10.0), ("CHN", "2709", 2021, 11.0)])
    later = _wits(tmp_path / "later.csv", [("CHN", "0101", 2021, 3.25), ("CHN", "0101", 2022, 5.0)])
    with Workspace.open(tmp_path / "ws") as ws:
        first = [_ingest(ws, f) for f in (one, two)]
        _ingest(ws, later)
        pinned = ws.flows(releases={"wits": "2020-2021"}).execute()
        assert sorted(set(pinned["release"])) == sorted(r.release for r in first)  # both files of the download
        assert len(pinned) == 5 and 3000.0 in set(pinned["value_usd"])  # the pinned, not the later, 2021 figure
        with pytest.raises(QueryError, match="release '2019-2021' of source 'wits' is not in the workspace"):
            ws.flows(releases={"wits": "2019-2021"})
        gone = ws.remove(releases={"wits": "2020-2021"})
        assert sorted(g[0] for g in gone) == sorted(r.ingest_id for r in first)
        assert set(ws.flows().execute()["year"].astype(int)) == {2021, 2022}


def test_files_of_one_download_sharing_coverage_cells_keep_their_recorded_hash(tmp_path: Path) -> None:
    """Two files of one download whose coverage cells overlap (same relation and year) but
    hold no identical row: the second file's staged rows are not rewritten, so the stored
    file's SHA-256 is the one recorded and `corridor doctor` finds the workspace intact
    (the demo's WITS sections 01-49 and 50-99 files were reported as altered)."""
    from corridor.store.doctor import examine

    a = _wits(tmp_path / "sections_01_49.csv", [("CHN", "0101", 2020, 1.5), ("CHN", "0201", 2021, 2.0)])
    b = _wits(tmp_path / "sections_50_99.csv", [("CHN", "5001", 2020, 4.0), ("CHN", "7201", 2021, 5.0)])
    with Workspace.open(tmp_path / "ws") as ws:
        assert _ingest(ws, a).status == "stored" and _ingest(ws, b).status == "stored"
        assert examine(ws) == []
    assert len(_values(Workspace.open(tmp_path / "ws", read_only=True))) == 4
