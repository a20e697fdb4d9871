"""A later release that revises stored figures says so at ingest (store/revisions.py)."""

from __future__ import annotations

from tests.national_workspace import build


def test_revised_cumulative_table_reports_the_difference(tmp_path):
    """BNS January-August 2024, China exports: 9 700 000 thousand USD (release 2024-10-15),
    revised to 9 750 000 (release 2024-12-15): +0.52%; the other figures are unchanged and
    not listed; a first release revises nothing."""
    reports = build(tmp_path / "ws")
    assert not any(n.startswith("revises") for r in reports[:-1] for n in r.notes)
    notes = [n for n in reports[-1].notes if n.startswith("revises")]
    assert notes == ["revises 1 stored figure(s) of earlier releases: KAZ->CHN export 2024-01..08 (total): "
                     "9,700,000,000 -> 9,750,000,000 USD (+0.52%) over release 2024-10-15"]
