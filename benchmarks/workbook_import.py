"""Reading a WITS download saved as an Excel workbook: parse and read time of a
workbook of N rows (default 100,000, the most one WITS query gives), 12 columns as WITS
writes them, beside the same rows as the CSV WITS gives.

Workbooks are read with python-calamine (corridor.sources._sheets; the file is written with
openpyxl) into a DuckDB table; the CSV is read by DuckDB directly.  Prints wall and CPU (user+sys) seconds of ``wits.parse`` plus
``SELECT count(*), sum(value_usd)`` for each.

Run: ``.venv/bin/python benchmarks/workbook_import.py [--rows 100000]``.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import openpyxl

from corridor.sources import wits

HEADER = ["Nomenclature", "ReporterISO3", "ProductCode", "ReporterName", "PartnerISO3", "PartnerName", "Year",
          "TradeFlowName", "TradeFlowCode", "TradeValue in 1000 USD", "PartnerRegion", "PartnerIncomeGroup"]


def rows(n: int):
    for i in range(n):
        yield ["H4", "KAZ", f"{1000 + i % 8000:04d}", "Kazakhstan", "CHN", "China", 2015 + i % 10, "Export", 6,
               round(i * 1.001, 3), "East Asia & Pacific", "Upper middle income"]


def timed(path: Path) -> tuple[float, float, tuple]:
    con = duckdb.connect()
    r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    parsed = wits.parse(con, path, release="bench")
    result = con.execute(f"SELECT count(*), sum(value_usd) FROM ({parsed.sql})").fetchall()[0]
    t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    return t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    n = ap.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        book, text = Path(tmp) / "wits.xlsx", Path(tmp) / "wits.csv"
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(HEADER)
        for r in rows(n):
            ws.append(r)
        wb.save(book)
        with open(text, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_ALL)
            w.writerow(HEADER)
            w.writerows(rows(n))
        for name, path in (("xlsx", book), ("csv", text)):
            wall, cpu, result = timed(path)
            print(f"{name}: {n} rows, wall {wall:.2f} s, cpu {cpu:.2f} s, rows read {result[0]}, sum {result[1]:.0f}")


if __name__ == "__main__":
    main()
