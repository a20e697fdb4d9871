"""End to end on the real data: ingest with the CLI, then the monitor reproduces the
source totals exactly and shows both sides for every year both report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()


def _run(*args: str) -> str:
    res = runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def real_ws(tmp_path_factory: pytest.TempPathFactory, shared_data: Path, repo_root: Path) -> Path:
    ws = tmp_path_factory.mktemp("real") / "ws"
    wits = sorted(str(p) for p in (shared_data / "kz_cn_wits_hs4").glob("*.csv"))
    _run("ingest", "--workspace", str(ws), *wits)
    totals = shared_data / "kz_cn_totals"
    _run("ingest", "--workspace", str(ws), "--source", "table", "--mapping",
         str(repo_root / "examples" / "kz_cn_totals_china_reported.toml"),
         str(totals / "china_reported_kaz_totals_2014_2024.csv"))
    _run("ingest", "--workspace", str(ws), "--source", "table", "--mapping",
         str(repo_root / "examples" / "kz_cn_totals_kaz_reported.toml"),
         str(totals / "kaz_reported_china_totals_2000_2024.csv"))
    return ws


def _source_totals(shared_data: Path) -> tuple[dict, dict]:
    totals = shared_data / "kz_cn_totals"
    with (totals / "kaz_reported_china_totals_2000_2024.csv").open() as fh:
        kaz = {int(r["year"]): r for r in csv.DictReader(fh)}
    with (totals / "china_reported_kaz_totals_2014_2024.csv").open() as fh:
        chn = {int(r["year"]): r for r in csv.DictReader(fh)}
    return kaz, chn


def test_monitor_json_reproduces_both_sides_totals_exactly(real_ws: Path, shared_data: Path) -> None:
    doc = json.loads(_run("monitor", "KAZ", "CHN", "--from", "2015", "--to", "2024", "--format", "json",
                          "--workspace", str(real_ws)))
    assert doc["schema"] == "corridor.monitor/1" and doc["synthetic"] is False
    prim = {(r["year"], r["flow"], r["reported_by"]): r for r in doc["series"] if r["primary"]}
    kaz, chn = _source_totals(shared_data)
    # the figures quoted in the issue
    assert prim[(2024, "export", "KAZ")]["value_usd"] == float(kaz[2024]["kaz_exports_to_chn_usd"])
    assert prim[(2024, "export", "CHN")]["value_usd"] == float(chn[2024]["chn_imports_from_kaz_usd_cif"])
    for year in range(2015, 2025):
        # both sides for every year both report, each equal to its source total
        assert prim[(year, "export", "KAZ")]["value_usd"] == float(kaz[year]["kaz_exports_to_chn_usd"])
        assert prim[(year, "export", "CHN")]["value_usd"] == float(chn[year]["chn_imports_from_kaz_usd_cif"])
        assert prim[(year, "import", "CHN")]["value_usd"] == float(chn[year]["chn_exports_to_kaz_usd_fob"])
        assert prim[(year, "export", "CHN")]["side"] == "mirror"
        if kaz[year]["kaz_imports_from_chn_usd"]:
            assert prim[(year, "import", "KAZ")]["value_usd"] == float(kaz[year]["kaz_imports_from_chn_usd"])
            assert prim[(year, "import", "KAZ")]["basis"] == "reported total"
    # 2024 Kazakhstan-reported imports are blank in the totals file: the WITS HS4 sum stands in, and says so
    assert prim[(2024, "import", "KAZ")]["source"] == "wits"
    assert prim[(2024, "import", "KAZ")]["basis"].startswith("sum of ")
    # every figure traces to a provenance record
    prov = {p["ingest_id"] for p in doc["provenance"]}
    assert all(set(r["ingest_ids"]) <= prov for r in doc["series"])
    # the 2020-2022 under-reporting of imports from China is visible as a large gap
    gaps = {(g["year"], g["flow"]): g for g in doc["gaps"]}
    assert all(gaps[(y, "import")]["gap_pct"] > 300 for y in (2020, 2021, 2022))


def test_monitor_csv_and_russian_table(real_ws: Path) -> None:
    out = _run("monitor", "KAZ", "CHN", "--format", "csv", "--workspace", str(real_ws))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"year", "flow", "reporter", "partner", "reported_by", "value_usd"} <= set(rows[0])
    assert {r["reported_by"] for r in rows} == {"KAZ", "CHN"}
    ru = _run("monitor", "Казахстан", "Китай", "--lang", "ru", "--workspace", str(real_ws))
    assert "Товарооборот" in ru and "зеркальная статистика" in ru


def test_structure_reflects_known_facts(real_ws: Path) -> None:
    doc = json.loads(_run("monitor", "KAZ", "CHN", "--format", "json", "--workspace", str(real_ws)))
    st = {(r["year"], r["reported_by"], r["flow"]): r for r in doc["structure"]}
    # Kazakhstan's own reports for 2020-2022 list far fewer HS4 lines than other years
    assert all(st[(y, "economy", "export")]["products"] < 160 for y in (2020, 2021, 2022))
    assert all(st[(y, "economy", "export")]["products"] > 300 for y in (2015, 2019, 2023))
    # exports to China are dominated by commodities
    assert all(st[(y, "economy", "export")]["non_commodity_share"] < 0.5 for y in range(2015, 2025))
    assert all(0 < st[(y, "economy", "export")]["hhi"] < 1 for y in range(2015, 2025))


def test_reingesting_changes_nothing(real_ws: Path, shared_data: Path) -> None:
    wits = sorted(str(p) for p in (shared_data / "kz_cn_wits_hs4").glob("*.csv"))
    out = _run("ingest", "--workspace", str(real_ws), *wits)
    assert out.count("already ingested") == len(wits)


def test_an_older_release_is_kept_and_can_be_asked_for(real_ws: Path, shared_data: Path, repo_root: Path,
                                                        tmp_path: Path) -> None:
    # a "revised" China-reported file: 2024 imports from Kazakhstan changed, as a newer release
    src = (shared_data / "kz_cn_totals" / "china_reported_kaz_totals_2014_2024.csv").read_text().splitlines()
    revised = [line if not line.startswith("2024,") else "2024,16000000000" + line[line.index(",", 5):] for line in src]
    f = tmp_path / "china_reported_revised.csv"
    f.write_text("\n".join(revised) + "\n")
    mapping = str(repo_root / "examples" / "kz_cn_totals_china_reported.toml")
    _run("ingest", "--workspace", str(real_ws), "--source", "table", "--mapping", mapping, "--release", "9999-revised", str(f))
    doc = json.loads(_run("monitor", "KAZ", "CHN", "--format", "json", "--workspace", str(real_ws)))
    prim = {(r["year"], r["flow"], r["reported_by"]): r for r in doc["series"] if r["primary"]}
    assert prim[(2024, "export", "CHN")]["value_usd"] == 16e9
    assert prim[(2024, "export", "CHN")]["release"] == "9999-revised"
    assert prim[(2023, "export", "CHN")]["release"] == "9999-revised"  # the whole file is the newer release
    old = [r["release"] for r in doc["series"] if r["reported_by"] == "CHN" and r["year"] == 2024]
    prov = json.loads(_run("provenance", "--workspace", str(real_ws), "--format", "json"))["ingests"]
    first = next(p["release"] for p in prov if p["file_name"] == "china_reported_kaz_totals_2014_2024.csv")
    doc_old = json.loads(_run("monitor", "KAZ", "CHN", "--format", "json", "--workspace", str(real_ws),
                              "--release", f"comtrade={first}"))
    prim_old = {(r["year"], r["flow"], r["reported_by"]): r for r in doc_old["series"] if r["primary"]}
    assert prim_old[(2024, "export", "CHN")]["value_usd"] == 15911621031.0 and old
    bad = runner.invoke(app, ["monitor", "KAZ", "CHN", "--workspace", str(real_ws), "--release", "comtrade"])
    assert bad.exit_code == 2 and "SOURCE=RELEASE" in bad.output


def test_each_note_of_the_table_is_a_line_of_its_own(real_ws: Path) -> None:
    """The notes (coverage breaks of 2020-2022 on the real data) were printed run together
    as one paragraph ("...different coverage coverage break: ..."); each is now an item."""
    for lang in ("en", "ru"):
        out = _run("monitor", "KAZ", "CHN", "--lang", lang, "--workspace", str(real_ws))
        notes = out.split("Notes:" if lang == "en" else "Примечания:", 1)[1]
        items = [line for line in notes.splitlines() if line.startswith("  - ")]
        assert len(items) >= 6, notes
