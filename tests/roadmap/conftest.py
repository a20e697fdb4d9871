"""Fixtures of the roadmap tests: roadmap files as an analyst writes them, and a small
workspace of both sides' statistics."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.roadmap.model import COLUMNS
from corridor.sources.base import ParsedSource, sql_str

HEADER = ",".join(COLUMNS)


def roadmap_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """A roadmap CSV with the documented columns; ``rows`` give the non-empty fields."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})
    return path


def target(**over: str) -> dict[str, str]:
    base = {"id": "t40", "title": "Turnover $40 bn by 2030", "indicator": "turnover", "reporter": "KAZ",
            "partner": "CHN", "target_value": "40000000000", "unit": "usd", "target_year": "2030",
            "baseline_year": "2020", "announced": "2023-05-18", "announced_by": "Heads of state",
            "source": "test fixture"}
    base.update(over)
    return base


def flows_parsed(path: Path, *, release: str = "r1", source: str = "test") -> ParsedSource:
    """CSV ``rep,par,flow,yr,kind,month,level,code,val`` -> canonical rows."""
    sql = f"""SELECT {sql_str(source)} AS source, {sql_str(release)} AS release, rep AS reporter, par AS partner,
        flow, yr AS year, kind AS period_kind, mon AS month,
        CASE WHEN lvl = 'total' THEN 'TOTAL' ELSE 'HS12' END AS classification,
        lvl AS product_level, code AS product_code, val AS value_usd, NULL AS quantity,
        NULL AS quantity_unit, CASE WHEN flow = 'export' THEN 'FOB' ELSE 'CIF' END AS valuation,
        row_number() OVER () + 1 AS _line
        FROM read_csv({sql_str(str(path))}, header=true, auto_detect=false,
             columns={{'rep':'VARCHAR','par':'VARCHAR','flow':'VARCHAR','yr':'INTEGER','kind':'VARCHAR',
                       'mon':'INTEGER','lvl':'VARCHAR','code':'VARCHAR','val':'DOUBLE'}})"""
    return ParsedSource(source=source, release=release, sql=sql, path=path)


def totals_rows(reporter: str, partner: str, values: dict[int, tuple[float, float]]) -> list[str]:
    """Yearly reported totals: year -> (exports, imports) as reported by ``reporter``."""
    out = []
    for y, (x, m) in values.items():
        out.append(f"{reporter},{partner},export,{y},year,12,total,TOTAL,{x}")
        out.append(f"{reporter},{partner},import,{y},year,12,total,TOTAL,{m}")
    return out


def write_flows(path: Path, rows: list[str]) -> Path:
    path.write_text("rep,par,flow,yr,kind,mon,lvl,code,val\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


#: KAZ's own totals (exports, imports), USD bn: turnover 20 (2020) -> 25 (2022) -> 31.5 (2023)
KAZ_OWN = {2019: (9e9, 9e9), 2020: (10e9, 10e9), 2021: (11e9, 11e9), 2022: (12e9, 13e9), 2023: (15e9, 16.5e9)}
#: CHN's totals (exports to KAZ, imports from KAZ), USD bn: turnover 21 (2020) -> 41.05 (2023)
CHN_OWN = {2019: (12e9, 9e9), 2020: (11e9, 10e9), 2021: (14e9, 11e9), 2022: (18e9, 13e9), 2023: (24.7e9, 16.35e9)}


@pytest.fixture
def two_sided_ws(tmp_path: Path) -> Path:
    """A workspace with KAZ's own and CHN's totals for 2019-2023 (turnover 2023: KAZ 31.5,
    CHN 41.05 USD bn)."""
    return build_two_sided(tmp_path)


@pytest.fixture(scope="module")
def two_sided_ws_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`two_sided_ws` shared by the tests of a module that only read it."""
    return build_two_sided(tmp_path_factory.mktemp("two_sided"))


def build_two_sided(tmp_path: Path) -> Path:
    from corridor.store import Workspace

    ws_path = tmp_path / "ws"
    f = write_flows(tmp_path / "flows.csv", totals_rows("KAZ", "CHN", KAZ_OWN) + totals_rows("CHN", "KAZ", CHN_OWN))
    with Workspace.open(ws_path) as ws:
        ws.ingest(flows_parsed(f))
    return ws_path
