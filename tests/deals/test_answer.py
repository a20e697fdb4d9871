"""The deals answer end to end: a ledger ingested beside both sides' statistics, followed
per deal and side, estimated per event, rendered in English and Russian."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.roadmap.conftest import flows_parsed, write_flows

LEDGER = """id,event,signed,exporter,importer,hs_codes,value,currency,horizon_months,status,kind,exporter_company
K-1,CIIE 2021,2021-11-05,KAZ,CHN,1205,100000000,USD,24,contract,export_contract,Rapeseed LLP
K-2,CIIE 2021,2021-11-05,KAZ,CHN,1001,50000000,USD,12,intention,,
K-3,Expo X,2023-06-01,KAZ,CHN,2603,1000000,USD,12,intention,mou,
"""

#: chapter 10 and 12 headings exported by KAZ to CHN, USD m a year (flat), and 2603 copper ores
BASE = {"1001": 200, "1003": 80, "1005": 40, "1006": 10, "1201": 30, "1205": 100, "1206": 60, "1207": 50, "2603": 1500}


def rows() -> list[str]:
    """Flat flows 2015-2024 except rapeseed (1205): +50 m in 2022 and 2023 (the 24-month
    horizon Dec 2021 .. Nov 2023 holds 1 + 12 + 11 months).  Both sides report the same."""
    out = []
    for y in range(2015, 2025):
        for code, v in BASE.items():
            value = (v + (50 if code == "1205" and y in (2022, 2023) else 0)) * 1e6
            out.append(f"KAZ,CHN,export,{y},year,12,hs4,{code},{value}")
            out.append(f"CHN,KAZ,import,{y},year,12,hs4,{code},{value * 1.05}")
    return out


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    from corridor.store import Workspace

    path = tmp_path / "ws"
    with Workspace.open(path) as w:
        w.ingest(flows_parsed(write_flows(tmp_path / "flows.csv", rows())))
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", "--source", "deals", "-w", str(path), str(ledger)])
    assert res.exit_code == 0, res.output
    return path


def test_the_deals_document_follows_each_deal_on_both_sides(ws: Path):
    res = CliRunner().invoke(app, ["deals", "-w", str(ws), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "corridor.deals/1" and doc["ledger"]["stored"] is True
    k1 = next(d for d in doc["deals"] if d["id"] == "K-1")
    own, mirror = k1["sides"]
    assert (own["reported_by"], mirror["reported_by"]) == ("KAZ", "CHN")
    # horizon Dec 2021..Nov 2023: 100*1/12 + 150*12/12 + 150*11/12 = 295.83 m;
    # baseline Nov 2019..Oct 2021: 100 * 24/12 = 200 m; excess 95.83 m of 100 m pledged
    assert own["after_usd"] == pytest.approx((100 / 12 + 150 + 150 * 11 / 12) * 1e6)
    assert own["baseline_usd"] == pytest.approx(200e6)
    assert own["conversion"] == pytest.approx((100 / 12 + 150 + 150 * 11 / 12 - 200) / 100)
    assert own["granularity"] == "year" and mirror["conversion"] == pytest.approx(own["conversion"] * 1.05)
    k3 = next(d for d in doc["deals"] if d["id"] == "K-3")
    assert "products_too_broad" in k3["sides"][0]["flags"]
    ciie = next(e for e in doc["events"] if e["event"] == "CIIE 2021")
    assert ciie["pledged_usd"] == 150e6 and ciie["deals"] == 2
    (est_own, est_mirror) = ciie["estimates"]
    assert est_own["reported_by"] == "KAZ" and est_own["excess_low_usd"] < est_own["excess_usd"] < est_own["excess_high_usd"]
    # the injected 50 m a year over about 2 years shows as a positive effect
    assert est_own["beta"] > 0 and est_own["excess_usd"] == pytest.approx(100e6, rel=0.35)


def test_the_deals_report_in_russian_and_the_tables(ws: Path, tmp_path: Path):
    res = CliRunner().invoke(app, ["deals", "-w", str(ws), "--lang", "ru", "--event", "ciie 2021", "--no-estimate"])
    assert res.exit_code == 0, res.output
    assert "Мероприятие «CIIE 2021»" in res.output and "100,00\u00a0млн\u00a0$" in res.output and "K-3" not in res.output
    out = tmp_path / "d.xlsx"
    res = CliRunner().invoke(app, ["deals", "-w", str(ws), "--format", "xlsx", "-o", str(out)])
    assert res.exit_code == 0, res.output
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert {"deals", "events", "estimates"} <= set(book.sheetnames)
    sheet = book["deals"]
    header = [c.value for c in sheet[1]]
    pledged = [r[header.index("pledged_usd")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(set(pledged)) == [1e6, 50e6, 100e6]


def test_an_unknown_event_names_the_events(ws: Path):
    res = CliRunner().invoke(app, ["deals", "-w", str(ws), "--event", "CIIE 2030"])
    assert res.exit_code == 2 and "CIIE 2021" in res.output and "Expo X" in res.output


def test_a_corrected_ledger_is_a_new_release_and_older_ones_stay(ws: Path, tmp_path: Path):
    """The correction raises K-1 from 100 m to 120 m: the latest release is used by default,
    --release picks the first; ingesting the same file again changes nothing."""
    fixed = tmp_path / "ledger_v2.csv"
    fixed.write_text(LEDGER.replace("1205,100000000,", "1205,120000000,"), encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", "--source", "deals", "--release", "v2", "-w", str(ws), str(fixed)])
    assert res.exit_code == 0, res.output
    again = CliRunner().invoke(app, ["ingest", "--source", "deals", "--release", "v2", "-w", str(ws), str(fixed)])
    assert "nothing changed" in again.output

    def pledged(*extra: str) -> float:
        out = CliRunner().invoke(app, ["deals", "-w", str(ws), "--format", "json", "--no-estimate", *extra])
        assert out.exit_code == 0, out.output
        doc = json.loads(out.output)
        return next(d for d in doc["deals"] if d["id"] == "K-1")["pledged_usd"], doc["ledger"]["release"]

    assert pledged() == (120e6, "v2")
    from corridor.deals.stored import default_release

    original = default_release(tmp_path / "ledger.csv")
    assert pledged("--release", original) == (100e6, original)


def test_corridor_check_verifies_a_deal_claim_against_the_ledger(ws: Path, tmp_path: Path):
    """The ledger's CIIE 2021 deals total 150 m: "$150 million" is supported, "$2.5 billion"
    at CIIE 2024 has no ledger: not checkable, saying how to make it checkable."""
    art = tmp_path / "a.txt"
    art.write_text("At the 4th China International Import Expo, Kazakh companies signed contracts worth $150 million.\n"
                   "На VII Китайской международной выставке импортных товаров казахстанские компании подписали "
                   "соглашения на 2,5 млрд долларов.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(art), "--date", "2024-11-10", "-w", str(ws), "--format", "json"])
    assert res.exit_code == 0, res.output
    first, second = json.loads(res.output)["deal_claims"]
    assert (first["status"], first["events"], first["ledger_usd"]) == ("supported", ["CIIE 2021"], 150e6)
    assert (second["status"], second["reason"]) == ("not_checkable", "no_ledger_for_event")
    text = CliRunner().invoke(app, ["check", str(art), "--date", "2024-11-10", "-w", str(ws), "--lang", "ru"])
    assert "ПОДТВЕРЖДАЕТСЯ реестром «CIIE 2021»" in text.output and "corridor ingest --source deals" in text.output


def test_a_removed_ledger_release_is_gone_with_its_file(ws: Path):
    """`corridor remove --release deals=R` takes the dataset row and its Parquet file out too:
    the deals answer then says no ledger is stored."""
    rel = next(iter((ws / "datasets").glob("deals-*.parquet")))
    ledger_release = json.loads(CliRunner().invoke(app, ["deals", "-w", str(ws), "--format", "json", "--no-estimate"]
                                                   ).output)["ledger"]["release"]
    res = CliRunner().invoke(app, ["remove", "--release", f"deals={ledger_release}", "-w", str(ws)])
    assert res.exit_code == 0, res.output
    assert rel.exists()  # kept for readers opened before the removal (REMOVED_RETENTION), then swept
    after = CliRunner().invoke(app, ["deals", "-w", str(ws)])
    assert after.exit_code == 2 and "no deals" in after.output and "corridor ingest --source deals" in after.output
