"""Small hand-built worlds for the indicator tests (values chosen to give exact fractions)."""

from __future__ import annotations

import pandas as pd

#: 3 exporters × 4 products; totals A 20, B 40, C 40, world 100.
#: world shares: p1 .20, p2 .30, p3 .15, p4 .35
SMALL = {
    ("A", "p1"): 10.0, ("A", "p3"): 5.0, ("A", "p4"): 5.0,
    ("B", "p2"): 20.0, ("B", "p3"): 10.0, ("B", "p4"): 10.0,
    ("C", "p1"): 10.0, ("C", "p2"): 10.0, ("C", "p4"): 20.0,
}
#: RCA of every non-zero cell, by hand: (x_cp / x_c) / (x_p / x).
SMALL_RCA = {
    ("A", "p1"): 0.5 / 0.2, ("A", "p3"): 0.25 / 0.15, ("A", "p4"): 0.25 / 0.35,
    ("B", "p2"): 0.5 / 0.3, ("B", "p3"): 0.25 / 0.15, ("B", "p4"): 0.25 / 0.35,
    ("C", "p1"): 0.25 / 0.2, ("C", "p2"): 0.25 / 0.3, ("C", "p4"): 0.5 / 0.35,
}


def matrix_frame(cells: dict[tuple[str, str], float], year: int = 2020) -> pd.DataFrame:
    """An export matrix (year, exporter, product, export_value) from a {(c, p): x} dict."""
    return pd.DataFrame(
        [(year, c, p, v) for (c, p), v in cells.items()],
        columns=["year", "exporter", "product", "export_value"],
    ).astype({"year": "int32"})


def flow_rows(rows: list[tuple], *, source: str = "TEST", classification: str = "HS12", level: str = "hs4") -> pd.DataFrame:
    """Canonical flow rows from (reporter, partner, year, product_code, value_usd[, flow]) tuples."""
    records = []
    for row in rows:
        reporter, partner, year, code, value, *rest = row
        records.append(
            {
                "source": source, "release": "r1", "reporter": reporter, "partner": partner,
                "flow": rest[0] if rest else "export", "year": year, "period_kind": "year", "month": 12,
                "classification": classification, "product_level": level, "product_code": code,
                "value_usd": float(value), "ingest_id": "i1",
            }
        )
    return pd.DataFrame(records).astype({"year": "int16", "month": "int8"})


#: A nested 3 × 3 world: A makes p1, p2, p3; B makes p1, p2; C makes p1 (binary presence
#: at RCA >= 1 needs the values below: each exporter's products have RCA >= 1, the rest 0).
NESTED_M = {("A", "p1"): 1.0, ("A", "p2"): 1.0, ("A", "p3"): 1.0, ("B", "p1"): 1.0, ("B", "p2"): 1.0, ("C", "p1"): 1.0}


def presence_frame(cells: dict[tuple[str, str], float], year: int = 2020) -> pd.DataFrame:
    """A presence table (year, exporter, product, mcp) from a {(c, p): m} dict."""
    return pd.DataFrame([(year, c, p, v) for (c, p), v in cells.items()], columns=["year", "exporter", "product", "mcp"]).astype({"year": "int32"})
