"""Same input, same bytes, for every answer: the JSON document and every CSV table of
monitor, indicators, complexity, opportunities, roadmap and deals are identical across
two runs and across two workspaces built from the same files ingested in different orders
(the time a workspace was built, and the bytes of its stored Parquet files, which DuckDB
writes in parallel, set apart)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # two dashboard-sized workspaces (~10 s each)

REPO = Path(__file__).resolve().parents[2]

#: what says how (and when) a workspace was built, not what the answer is
BUILD_FACTS = frozenset({"generated_at", "ingested_at", "parquet_sha256", "parquet_bytes", "first_ingested",
                         "last_ingested", "removed_at"})

QUERIES: dict[str, dict[str, Any]] = {
    "monitor": {"economy": "KAZ", "partner": "CHN", "year_from": 2015, "year_to": 2024, "level": "hs4", "top": 40},
    "indicators": {"exporter": "KAZ", "market": "CHN", "year_from": 2015, "year_to": 2024},
    "complexity": {"year": 2021, "through": 2022, "level": "hs6", "source": "baci", "exporter": "KAZ"},
    "opportunities": {"exporter": "KAZ", "market": "CHN", "year": 2022, "level": "hs6"},
    "roadmap": {},
    "deals": {},
}


def _inputs(root: Path) -> list[tuple[list[Path], str, Path | None, str | None]]:
    """The dashboard's files (tests/web/dashboard/conftest.py): the synthetic sample's WITS
    files and both sides' totals, two synthetic BACI years; one group per file."""
    from corridor.demo import demo_inputs
    from corridor.synthetic.baci import generate

    inputs = demo_inputs(None, root / "sample")
    out = [([f], source, mapping, inputs.release) for files, source, mapping in inputs.groups for f in files]
    zipped = generate(root / "BACI_HS17_V202401.zip", year=[2021, 2022], n_rows=200_000, n_countries=80,
                      n_products=1500, seed=1)
    return [*out, ([zipped], "baci", None, None)]


def _build(path: Path, groups: list, *, ledger_first: bool) -> Path:
    """A workspace of ``groups`` in their order, the example roadmap after them (its alerts
    compare with the state before it, i.e. after the last group: history, by design) and
    the example ledger before or after everything."""
    from corridor.answers import ingest as ingest_answer
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    def dataset(source: str, file: str) -> None:
        with Workspace.open(path) as ws:
            ingest_answer.answer(ws, ingest_answer.Query(files=(str(REPO / "examples" / file),), source=source))

    if ledger_first:
        dataset("deals", "deals_illustrative_ledger.csv")
    with Workspace.open(path) as ws:
        for files, source, mapping, release in groups:
            ws.ingest_many(parse_files(ws, files, source=source, mapping=mapping, release=release))
    dataset("roadmap", "roadmap_kz_cn_announced.csv")
    if not ledger_first:
        dataset("deals", "deals_illustrative_ledger.csv")
    return path


def _scrub(value: Any) -> Any:
    """``value`` without the build facts; lists of ingests in id order."""
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in BUILD_FACTS}
    if isinstance(value, list):
        items = [_scrub(v) for v in value]
        if items and all(isinstance(v, dict) and "ingest_id" in v for v in items):
            items.sort(key=lambda v: str(v["ingest_id"]))
        return items
    return value


def _outputs(path: Path) -> dict[str, str]:
    """Every answer's JSON document (English and Russian) and CSV tables, as text."""
    from corridor.answers import registry
    from corridor.reports import registry as reports
    from corridor.store import Workspace

    out: dict[str, str] = {}
    with Workspace.open(path, read_only=True) as ws:
        ws.connection.execute("SET threads = 4")  # DuckDB adds in parallel even on a small machine
        for name, params in QUERIES.items():
            answer = registry.get(name)
            result = answer.run(ws, answer.query(**params))
            for lang in ("en", "ru"):
                doc = json.dumps(_scrub(reports.document(result, lang)), default=str, ensure_ascii=False)
                out[f"{name}.{lang}.json"] = doc
            for table, frame in reports.export_tables(result, "en").items():
                volatile = [c for c in frame.columns if c in BUILD_FACTS]
                if volatile or "ingest_id" in frame.columns:
                    continue  # the provenance table: how the workspace was built (its content is in the JSON)
                out[f"{name}.{table}.csv"] = reports.csv(result, "en", table)
    return out


def test_every_answer_gives_the_same_bytes_across_runs_and_ingest_orders(tmp_path: Path) -> None:
    groups = _inputs(tmp_path)
    first = _build(tmp_path / "ws1", groups, ledger_first=False)
    # every file in the other order but the last (the roadmap's alerts are against the state
    # after the last ingest before it: the workspace's history, not its content)
    second = _build(tmp_path / "ws2", [*reversed(groups[:-1]), groups[-1]], ledger_first=True)
    one = _outputs(first)
    assert {k.split(".")[0] for k in one} == set(QUERIES)  # every answer gave its document
    assert re.search(r'"hhi": 0\.\d{6,}', one["monitor.en.json"])  # figures with all their digits
    again, other = _outputs(first), _outputs(second)
    assert again.keys() == one.keys() == other.keys()
    for key in one:
        assert again[key] == one[key], f"{key} differs between two runs"
        assert other[key] == one[key], f"{key} differs between two ingest orders"
