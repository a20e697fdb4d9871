"""Months differenced from cumulative January-N rows (corridor.store.periods.monthly_sql):
the value, the ingests named and the release, on rows written here."""

from __future__ import annotations

import duckdb

from corridor.schema import FLOW_COLUMNS, FLOW_DUCKDB_TYPES
from corridor.store.periods import relation_periods_sql


def _flows(rows: list[tuple]) -> str:
    """A query of the flow columns over ``rows`` (ingest, release, month, product code, value)
    of KAZ's cumulative exports to CHN in 2024 (BNS, HS2)."""
    def lit(c, v):
        return f"CAST({'NULL' if v is None else repr(v)} AS {FLOW_DUCKDB_TYPES[c]})"

    values = []
    for ingest, release, month, code, value in rows:
        row = {"source": "bns", "release": release, "reporter": "KAZ", "partner": "CHN", "flow": "export",
               "year": 2024, "period_kind": "ytd", "month": month, "classification": "HS2017",
               "product_level": "hs2", "product_code": code, "value_usd": value, "quantity": None,
               "quantity_unit": None, "valuation": "FOB", "ingest_id": ingest}
        values.append("SELECT " + ", ".join(f"{lit(c, row[c])} AS {c}" for c in FLOW_COLUMNS))
    return " UNION ALL ".join(values)


def _september(rows):
    sql = relation_periods_sql(_flows(rows), economy="KAZ", partner="CHN", years=(2024,), monthly=True)
    out = duckdb.connect().execute(
        f"SELECT month, sum(value), list(DISTINCT ingest_id ORDER BY ingest_id), max(release), min(origin) "
        f"FROM ({sql}) GROUP BY month ORDER BY month").fetchall()
    return {m: (float(v), ids, rel, origin) for m, v, ids, rel, origin in out}


def test_a_month_split_over_two_ingests_subtracts_the_month_before_once():
    """January-September downloaded in two files (chapters 01 and 02: 600 + 400), January-
    August in one (800): September is 200, named by the three ingests, as new as the newest."""
    months = _september([("a", "2024-10-20", 9, "01", 600.0), ("b", "2024-10-20", 9, "02", 400.0),
                         ("c", "2024-11-01", 8, "01", 500.0), ("c", "2024-11-01", 8, "02", 300.0)])
    assert months[9] == (200.0, ["a", "b", "c"], "2024-11-01", "differenced")
    assert 8 not in months  # no January-July: August cannot be differenced


def test_january_is_its_cumulative_figure():
    assert _september([("a", "r", 1, "01", 70.0)]) == {1: (70.0, ["a"], "r", "differenced")}
