"""Roadmap files: every format, every problem named by file, line and field, nothing
stored on error, a revised roadmap a new release."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.errors import InputError
from corridor.roadmap.parse import read_roadmap
from corridor.roadmap.stored import roadmap_dataset, stored_roadmap
from corridor.store import Workspace
from corridor.store.datasets import releases

from .conftest import roadmap_csv, target


def test_csv_reads_values_and_growth_targets(tmp_path: Path) -> None:
    f = roadmap_csv(tmp_path / "r.csv", [
        target(),
        target(id="nc", indicator="non_commodity_exports", target_value="", target_growth_pct="100",
               direction="increase", statistics="reporter"),
        target(id="grain", indicator="product_exports", product_codes="10; 1205 1512", target_value="1e9",
               partner="CN-XJ"),
        target(id="hhi", indicator="hhi_exports", unit="share", target_value="0.1", direction="decrease"),
    ])
    t = {x.id: x for x in read_roadmap(f)}
    assert t["t40"].target_value == 40e9 and t["t40"].sides == ("reporter", "partner") and t["t40"].line == 2
    assert t["nc"].target_value is None and t["nc"].target_growth_pct == 100.0 and t["nc"].sides == ("reporter",)
    assert t["grain"].product_codes == ("10", "1205", "1512") and t["grain"].partner == "CN-XJ"
    assert t["hhi"].direction == "decrease" and t["hhi"].line == 5


def test_bad_rows_name_line_and_field(tmp_path: Path) -> None:
    f = roadmap_csv(tmp_path / "bad.csv", [
        target(),
        target(id="t40"),                                             # line 3: duplicate id
        target(id="x", indicator="gdp"),                              # line 4
        target(id="y", unit="count"),                                 # line 5: turnover is in usd
        target(id="z", reporter="KZX", baseline_year="2031"),          # line 6
        target(id="w", target_value="", target_growth_pct=""),         # line 7: no target
        target(id="v", indicator="product_exports"),                  # line 8: no product codes
        target(id="u", indicator="agricultural_share", unit="share", target_value="25"),  # line 9: share > 1
        target(id="s", announced="2023-13-01", target_value="40 bn"),  # line 10
    ])
    with pytest.raises(InputError) as err:
        read_roadmap(f)
    got = {(p.line, p.field) for p in err.value.problems}
    assert {(3, "id"), (4, "indicator"), (5, "unit"), (6, "reporter"), (6, "baseline_year"), (7, "target_value"),
            (8, "product_codes"), (9, "target_value"), (10, "announced"), (10, "target_value")} <= got
    text = str(err.value)
    assert str(f) in text and "Nothing was stored" in text or "nothing was stored" in text
    assert "line 4, field 'indicator': unknown indicator (got 'gdp'); expected one of turnover" in text


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    f = tmp_path / "cols.csv"
    f.write_text("id,title,indicator,target\nx,y,turnover,1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_roadmap(f)
    fields = {p.field for p in err.value.problems}
    assert {"reporter", "source", "target"} <= fields and all(p.line == 1 for p in err.value.problems)


def test_xlsx_toml_yaml_read_like_csv(tmp_path: Path) -> None:
    import openpyxl

    rows = [target(), target(id="g", target_value="", target_growth_pct="50")]
    csv_targets = read_roadmap(roadmap_csv(tmp_path / "r.csv", rows))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "roadmap"
    cols = list(rows[0]) + ["target_growth_pct"]
    sheet.append(cols)
    for r in rows:
        sheet.append([float(r[c]) if c in ("target_value", "target_growth_pct") and r.get(c) else
                      int(r[c]) if c.endswith("_year") else r.get(c, "") or None for c in cols])
    book.save(tmp_path / "r.xlsx")
    toml = "\n".join("[[target]]\n" + "\n".join(f'{k} = "{v}"' for k, v in r.items() if v) for r in rows)
    (tmp_path / "r.toml").write_text(toml, encoding="utf-8")
    import yaml

    (tmp_path / "r.yaml").write_text(yaml.safe_dump({"targets": [{k: v for k, v in r.items() if v} for r in rows]}),
                                     encoding="utf-8")
    strip = lambda ts: [t.record() for t in ts]  # noqa: E731 - the line is format-specific
    assert strip(read_roadmap(tmp_path / "r.xlsx")) == strip(csv_targets)
    assert strip(read_roadmap(tmp_path / "r.toml")) == strip(csv_targets)
    assert strip(read_roadmap(tmp_path / "r.yaml")) == strip(csv_targets)
    bad = tmp_path / "bad.toml"
    bad.write_text(toml.replace('indicator = "turnover"', 'indicator = "gdp"', 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_roadmap(bad)
    assert err.value.problems[0].field == "target[1].indicator"


def test_ingest_is_a_release_with_provenance_and_atomic(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws"
    f = roadmap_csv(tmp_path / "r.csv", [target()])
    with Workspace.open(ws_path) as ws:
        rep = ws.ingest_dataset(roadmap_dataset(f, release="v1"))
        assert rep.status == "stored" and rep.rows_stored == 1
        again = ws.ingest_dataset(roadmap_dataset(f, release="v1"))
        assert again.status == "unchanged"
        prov = ws.provenance().execute()
        assert list(prov["source"]) == ["roadmap"] and prov["parquet"].isna().all()
        assert ws.flows().count().execute() == 0  # a roadmap is never read as flows
        # a revised file under the same release is refused; under a new one it is the latest
        roadmap_csv(f, [target(target_value="45000000000")])
        with pytest.raises(InputError, match="release 'v1' of the roadmap already holds another file"):
            ws.ingest_dataset(roadmap_dataset(f, release="v1"))
        ws.ingest_dataset(roadmap_dataset(f, release="v2"))
        targets, stored = stored_roadmap(ws)
        assert stored.release == "v2" and targets[0].target_value == 45e9
        assert stored_roadmap(ws, release="v1")[0][0].target_value == 40e9
        assert [r["release"] for r in releases(ws, "roadmap")] == ["v1", "v2"]


def test_bad_file_through_the_cli_stores_nothing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corridor.cli.main import app

    ws_path = tmp_path / "ws"
    good = roadmap_csv(tmp_path / "good.csv", [target()])
    res = CliRunner().invoke(app, ["ingest", "--source", "roadmap", "--release", "v1", "-w", str(ws_path), str(good)])
    assert res.exit_code == 0, res.output
    before = sorted(p.name for p in (ws_path / "datasets").iterdir())
    bad = roadmap_csv(tmp_path / "bad.csv", [target(), target(id="b", target_year="20x0")])
    res = CliRunner().invoke(app, ["ingest", "--source", "roadmap", "--release", "v2", "-w", str(ws_path), str(bad)])
    assert res.exit_code == 2
    assert "line 3, field 'target_year': not a year" in res.output and "othing was stored" in res.output
    assert sorted(p.name for p in (ws_path / "datasets").iterdir()) == before
    with Workspace.open(ws_path) as ws:
        assert [r["release"] for r in releases(ws, "roadmap")] == ["v1"]


def test_an_interrupted_ingest_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from corridor.errors import WorkspaceError
    from corridor.store import datasets

    ws_path = tmp_path / "ws"
    f = roadmap_csv(tmp_path / "r.csv", [target()])
    real = datasets.os.replace

    def moved_then_fail(a, b):
        real(a, b)
        raise duckdb.IOException("disk full (simulated)")

    with Workspace.open(ws_path) as ws:
        monkeypatch.setattr(datasets.os, "replace", moved_then_fail)  # os.replace itself: after the open
        with pytest.raises(WorkspaceError, match="nothing was stored"):
            ws.ingest_dataset(roadmap_dataset(f, release="v1"))
        assert releases(ws, "roadmap") == [] and ws.is_empty()
    assert not list((ws_path / "datasets").glob("*.parquet"))


def test_a_reader_sees_a_stored_roadmap(tmp_path: Path) -> None:
    """Readers read the published catalogue snapshot: a dataset ingest publishes it too."""
    ws_path = tmp_path / "ws"
    f = roadmap_csv(tmp_path / "r.csv", [target()])
    with Workspace.open(ws_path) as ws:
        ws.ingest_dataset(roadmap_dataset(f, release="v1"))
    with Workspace.open(ws_path, read_only=True) as reader:
        assert [r["release"] for r in releases(reader, "roadmap")] == ["v1"]


def test_a_damaged_or_empty_xlsx_roadmap_is_a_keyed_error(tmp_path: Path) -> None:
    """The roadmap reads workbooks with the importers' reader (corridor.sources._sheets)."""
    import openpyxl

    bad = tmp_path / "r.xlsx"
    bad.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(InputError, match="not a readable .xlsx workbook.*expected an .xlsx workbook"):
        read_roadmap(bad)
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError, match="the sheet is empty"):
        read_roadmap(tmp_path / "empty.xlsx")
