"""The flows as they were before an ingest: what the workspace showed then.

Used to say what an ingest changed (the roadmap's alerts).  The ingests recorded before
the given one (by time) are read, each coverage cell from its latest release among them,
exactly as :meth:`corridor.store.Workspace.flows` chooses releases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import COVERAGE_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import ibis

    from .workspace import Workspace


def flows_before(ws: Workspace, ingest_id: str) -> ibis.Table:
    """The latest-release flow table of the ingests recorded before ``ingest_id``."""
    import ibis

    con = ws.connection
    earlier = [r[0] for r in con.execute(
        "SELECT ingest_id FROM provenance WHERE parquet IS NOT NULL AND ingested_at < "
        "(SELECT ingested_at FROM provenance WHERE ingest_id = ?)", [ingest_id]).fetchall()]
    t = ws.backend.table("flows_all")
    if not earlier:
        return t.filter(ibis.literal(False))
    t = t.filter(t.ingest_id.isin(earlier))
    grain = ", ".join(COVERAGE_COLUMNS)
    sup = con.sql(
        f"""SELECT c.ingest_id, {', '.join('c.' + x for x in COVERAGE_COLUMNS)}
        FROM coverage c JOIN (
            SELECT {grain}, max(release_key) AS latest FROM coverage
            WHERE ingest_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL
        ) m USING ({grain})
        WHERE c.ingest_id IN (SELECT unnest(?::VARCHAR[])) AND c.release_key < m.latest""",
        params=[earlier, earlier]).to_arrow_table()
    if sup.num_rows:
        t = t.anti_join(ibis.memtable(sup), ["ingest_id", *COVERAGE_COLUMNS])
    return t
