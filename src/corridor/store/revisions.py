"""Revisions: what a new release of a source changes in the figures already stored.

A statistics office republishes: the January-September table of a later year repeats the
previous year's January-September, revised; a corrected table replaces an earlier one.
Stored under a later release, the new figures supersede the old ones at the coverage grain
(:data:`corridor.schema.COVERAGE_COLUMNS`); :func:`revision_notes` says, at ingest, which
stored figures a file revises and by how much, so that the revision is reported, not silent.
"""

from __future__ import annotations

import duckdb

from ..messages import Message
from ..schema import COVERAGE_COLUMNS, period_label
from .sums import exact_sum_sql

#: Revisions listed one by one in the notes; the rest are counted.
MAX_LISTED = 12


def revision_notes(con: duckdb.DuckDBPyConnection, *, source: str, release_key: str, groups: str = "_stage_groups",
                   tolerance: float = 1e-9) -> list[Message]:
    """Notes on the stored figures of ``source`` from earlier releases (release key below
    ``release_key``) that the staged rows (``groups``: value by coverage cell) revise: per
    cell, the latest earlier release's sum and the new one, with the change in percent."""
    return _revisions(con, "source = ? AND release_key < ?", [source, release_key], groups=groups, tolerance=tolerance)


def restatement_notes(con: duckdb.DuckDBPyConnection, *, ingest_ids: list[str], groups: str = "_stage_groups",
                      tolerance: float = 1e-9) -> list[Message]:
    """The same notes against the stored ingests ``ingest_ids`` that the staged file
    restates and replaces (a corrected table of the same coverage and release): which of
    their figures it changes, and by how much (before, the replacement was said without
    the figures)."""
    return _revisions(con, "ingest_id IN (SELECT unnest(?))", [list(ingest_ids)], groups=groups, tolerance=tolerance)


def _revisions(con: duckdb.DuckDBPyConnection, where: str, params: list, *, groups: str,
               tolerance: float) -> list[Message]:
    """Revision notes of the staged cells (``groups``) over the stored coverage rows
    selected by ``where`` (the latest release of each cell among them)."""
    grain = ", ".join(COVERAGE_COLUMNS)
    rows = con.execute(
        f"""WITH old AS (
                SELECT * FROM (SELECT {grain}, release, release_key, {exact_sum_sql('value_usd')} AS value_usd FROM coverage
                               WHERE {where} GROUP BY {grain}, release, release_key)
                QUALIFY row_number() OVER (PARTITION BY {grain} ORDER BY release_key DESC) = 1)
            SELECT o.reporter, o.partner, o.flow, o.year, o.period_kind, o.month, o.product_level, o.release,
                   o.value_usd, n.value_usd
            FROM old o JOIN {groups} n USING ({grain})
            WHERE abs(n.value_usd - o.value_usd) > ? * greatest(abs(o.value_usd), 1)
            ORDER BY o.year, o.month, o.reporter, o.partner, o.flow, o.product_level""",
        [*params, tolerance],
    ).fetchall()
    if not rows:
        return []
    listed = []
    for rep, par, flow, year, kind, month, level, release, old, new in rows[:MAX_LISTED]:
        where = dict(reporter=rep, partner=par, flow=flow, period=period_label(year, kind, month), level=level,
                     old=float(old), new=float(new), release=release)
        listed.append(Message("revision", change=(new / old - 1) * 100, **where) if old else Message("revision_new", **where))
    if len(rows) > MAX_LISTED:
        return [Message("revises_more", n=len(rows), items=listed, more=len(rows) - MAX_LISTED)]
    return [Message("revises", n=len(rows), items=listed)]
