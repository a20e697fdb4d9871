"""Coverage breaks: a pure function on the bilateral figures, checked on a hand-made
series and on the real Kazakhstan data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corridor.indicators.coverage import coverage_breaks

REPO = Path(__file__).resolve().parents[2]


def _figures(lines: dict[int, int], own: dict[int, float], mirror: dict[int, float]) -> pd.DataFrame:
    rows = []
    for y in lines:
        rows.append(dict(year=y, period_kind="year", month=12, flow="export", reporter="KAZ", partner="CHN",
                         reported_by="economy", source="wits", release="r", value_usd=own[y], valuation="FOB",
                         classification="HS12", product_level="hs4", lines=lines[y], basis="", ingest_ids=[]))
        rows.append(dict(year=y, period_kind="year", month=12, flow="export", reporter="CHN", partner="KAZ",
                         reported_by="partner", source="comtrade", release="r", value_usd=mirror[y], valuation="CIF",
                         classification="TOTAL", product_level="total", lines=1, basis="", ingest_ids=[]))
    return pd.DataFrame(rows)


def test_a_year_with_far_fewer_lines_or_far_below_the_mirror_is_flagged() -> None:
    years = range(2015, 2022)
    lines = {y: 350 for y in years} | {2019: 140}
    own = {y: 100.0 for y in years} | {2020: 20.0}
    mirror = {y: 110.0 for y in years}
    got = [(b.reason, b.year, b.reported_by) for b in coverage_breaks(_figures(lines, own, mirror))]
    assert got == [("coverage_lines", 2019, "economy"), ("coverage_mirror", 2020, "economy")]
    note = coverage_breaks(_figures(lines, own, mirror))[0].note()
    assert note.key == "coverage_lines_export" and dict(note.params)["value"].render("en") == "140"
    assert "140" in note.render("ru") and "разрыв охвата" in note.render("ru")


def test_ordinary_variation_and_short_series_are_not_flagged() -> None:
    years = range(2015, 2022)
    lines = {y: 300 + 10 * (y % 3) for y in years}
    own = {y: 100.0 + 5 * (y % 2) for y in years}
    assert coverage_breaks(_figures(lines, own, {y: 110.0 for y in years})) == ()
    short = range(2015, 2018)
    assert coverage_breaks(_figures({y: 300 for y in short} | {2017: 10}, {y: 1.0 for y in short},
                                    {y: 1.0 for y in short})) == ()


@pytest.fixture(scope="module")
def kazakhstan(shared_data: Path, tmp_path_factory):
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    path = tmp_path_factory.mktemp("kz") / "ws"
    with Workspace.open(path) as ws:
        parsed = parse_files(ws, sorted((shared_data / "kz_cn_wits_hs4").glob("*.csv")))
        for name in ("china_reported_kaz_totals_2014_2024", "kaz_reported_china_totals_2000_2024"):
            side = "china" if name.startswith("china") else "kaz"
            parsed += parse_files(ws, [shared_data / "kz_cn_totals" / f"{name}.csv"],
                                  mapping=REPO / "examples" / f"kz_cn_totals_{side}_reported.toml")
        ws.ingest_many(parsed)
    return path


@pytest.mark.shared
def test_kazakhstans_2020_2022_reports_are_flagged_in_the_monitor_and_the_indicators(kazakhstan: Path) -> None:
    from corridor.answers import monitor as answer
    from corridor.indicators.bilateral import bilateral_indicators
    from corridor.store import Workspace

    with Workspace.open(kazakhstan, read_only=True) as ws:
        res = answer.answer(ws, answer.Query(economy="KAZ", partner="CHN", year_from=2015, year_to=2024))
        rep = res.report
        ind = bilateral_indicators(ws.flows(), exporter="KAZ", market="CHN", year_from=2015, year_to=2024)
    flagged = {(b.reason, b.flow, b.reported_by): [] for b in rep.coverage_breaks}
    for b in rep.coverage_breaks:
        flagged[(b.reason, b.flow, b.reported_by)].append(b.year)
    # the exports: 130-154 HS4 lines against 300-400; the imports: USD 2.0-3.6 bn against China's 11.7-16.4 bn
    assert flagged == {("coverage_lines", "export", "economy"): [2020, 2021, 2022],
                       ("coverage_mirror", "import", "economy"): [2020, 2021, 2022]}
    lines = [b for b in rep.coverage_breaks if b.reason == "coverage_lines"]
    assert all(130 <= b.value <= 154 and 300 <= b.typical <= 400 for b in lines)
    doc = res.document()
    assert [r["year"] for r in doc["coverage_breaks"]] == [2020, 2021, 2022, 2020, 2021, 2022]
    assert {r["key"] for r in doc["coverage_breaks"]} == {"coverage_lines_export", "coverage_mirror_import"}
    assert {"coverage_lines_export", "coverage_mirror_import"} <= {n["key"] for n in doc["notes"]}
    assert sum("coverage break: KAZ's 2020 report of its exports to CHN" in n for n in ind.notes) == 1
    assert sum("разрыв охвата" in n for n in ind.notes_ru) == 3  # the exports to China: lines, 2020-2022
