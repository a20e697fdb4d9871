"""A workspace loaded with the national-statistics fixtures (China customs by province,
Kazakhstan BNS by partner and by region) through their importers, shared by the monitor and
claims tests.  Figures: tests/sources/fixtures/{gacc,bns}/make.py."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "sources" / "fixtures"

#: (importer, file, release) in ingest order; the revised BNS table comes last.
FILES: tuple[tuple[str, str, str], ...] = (
    ("gacc", "gacc/gacc_province_monthly_2023_2024.csv", "2025-01-20"),
    ("gacc", "gacc/china_export_kazakhstan_cumulative_en.csv", "2024-10-20"),
    ("bns", "bns/bns_partners_2024_01_09.xlsx", "2024-11-15"),
    ("bns", "bns/bns_partners_2024_01_08.xlsx", "2024-10-15"),
    ("bns", "bns/bns_regions_china_2024_01_09.xlsx", "2024-11-20"),
    ("bns", "bns/bns_partners_2024_01_08_rev.xlsx", "2024-12-15"),
)


def build(path: Path) -> list:
    """Ingest :data:`FILES` into a new workspace at ``path``; returns the ingest reports."""
    from corridor.sources.registry import importer
    from corridor.store import Workspace

    reports = []
    with Workspace.open(path) as ws:
        for name, file, release in FILES:
            reports.append(ws.ingest(importer(name).parse(ws.connection, FIXTURES / file, release=release)))
    return reports
