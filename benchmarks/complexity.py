"""Benchmark of issue 3: corridor's complexity suite against py-ecomplexity 0.5.3.

    .venv/bin/python benchmarks/complexity.py              # one BACI-shaped HS6 year, ~10M rows
    .venv/bin/python benchmarks/complexity.py --years 5    # five such years in one panel
    .venv/bin/python benchmarks/complexity.py --quick      # 1M rows, 1,000 products

Input: synthetic BACI-shaped bilateral HS6 flows (``corridor.synthetic.baci.generate``,
~225 countries, ~5,000 products, heavy-tailed values), cached under benchmarks/_data/
(git-ignored; the CSV cache is shared with benchmarks/ingest_monitor.py), converted once
to a Parquet file in corridor's canonical flow columns.  Both sides start from that same
Parquet file, in a fresh process each:

* **corridor**: ``export_matrix`` (bilateral rows summed to exporter x product, DuckDB
  via Ibis), ``presence_matrix`` (Balassa RCA, binary Mcp), ``complexity_suite``
  (diversity, ubiquity, ECI/PCI by the eigenvector method, proximity, density, COI/COG).
* **py-ecomplexity**: pandas reads the same columns and sums them to exporter x
  product (py-ecomplexity needs aggregated input), then ``ecomplexity()`` (RCA, Mcp,
  diversity, ubiquity, ECI/PCI, density, COI/COG; log-supermodularity check off) and
  ``proximity()``.

Wall time is measured by the parent around each child process (imports included), peak
RSS from the child's own ``rusage`` (``os.wait4``; the input is prepared in another
child so that the parent stays small, since a spawned child's ``ru_maxrss`` starts from
its parent's) and, as a cross-check, the child's ``VmHWM``; min of ``--repeat`` runs.  The
children check that the two agree (ECI Spearman) so that the race is between equal
results.  Targets: corridor >= 30x faster than py-ecomplexity, < 3 GB, five years
linear or better.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"

CORRIDOR = r"""
import json, sys, time
t0 = time.perf_counter()
import ibis
from corridor.indicators.complexity import presence_matrices
from corridor.indicators.inputs import export_matrix
from corridor.indicators.proximity import complexity_suite
t1 = time.perf_counter()
con = ibis.duckdb.connect()
flows = con.read_parquet(sys.argv[1])
suite = complexity_suite(presence_matrices(export_matrix(flows, level="hs6")))
t2 = time.perf_counter()
eci = suite.complexity.countries(output="arrow")  # Arrow: pandas is not imported at all
out = {"import_s": t1 - t0, "compute_s": t2 - t1, "years": len(suite.complexity.years),
       "countries": eci.num_rows, "products": suite.complexity.products(output="arrow").num_rows,
       "cells_present": int(sum(y.diversity.sum() for y in suite.complexity.years))}
import pyarrow.parquet as pq
pq.write_table(eci.select(["year", "exporter", "eci"]), sys.argv[2])
out["vm_hwm_mb"] = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps(out))
"""

PEER = r"""
import contextlib, io, json, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
import pandas as pd
from ecomplexity import ecomplexity, proximity
t1 = time.perf_counter()
raw = pd.read_parquet(sys.argv[1], columns=["year", "reporter", "product_code", "value_usd"])
data = raw.groupby(["year", "reporter", "product_code"], as_index=False).value_usd.sum()
del raw
cols = {"time": "year", "loc": "reporter", "prod": "product_code", "val": "value_usd"}
with contextlib.redirect_stdout(io.StringIO()):
    cells = ecomplexity(data, cols, check_logsupermodularity=False, verbose=False)
    prox = proximity(data, cols)
t2 = time.perf_counter()
eci = cells.groupby(["year", "reporter"], as_index=False).eci.first()
eci.rename(columns={"reporter": "exporter"}).to_parquet(sys.argv[2])
hwm = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"import_s": t1 - t0, "compute_s": t2 - t1, "proximity_rows": int(len(prox)), "vm_hwm_mb": hwm}))
"""


def _bilateral_csv(year: int, rows: int, products: int) -> Path:
    from corridor.synthetic.baci import generate

    DATA.mkdir(parents=True, exist_ok=True)
    suffix = "" if products == 5000 else f"_p{products}"
    path = DATA / f"BACI_HS17_Y{year}_V202401_{rows}{suffix}.csv"
    if not path.exists():
        generate(path, year=year, n_rows=rows, n_products=products, seed=year)
    return path


def canonical_parquet(years: list[int], rows: int, products: int) -> Path:
    """The cached input: canonical flow columns (values in USD) for ``years``."""
    import duckdb

    suffix = "" if products == 5000 else f"_p{products}"
    path = DATA / f"complexity_HS17_{years[0]}-{years[-1]}_{rows}{suffix}.parquet"
    if path.exists():
        return path
    sources = ", ".join(f"'{_bilateral_csv(y, rows, products)}'" for y in years)
    tmp = path.with_suffix(".tmp")
    duckdb.connect().execute(
        f"""COPY (
            SELECT 'BACI' AS source, 'V202401' AS release, CAST(i AS VARCHAR) AS reporter,
                   CAST(j AS VARCHAR) AS partner, 'export' AS flow, CAST(t AS SMALLINT) AS year,
                   'year' AS period_kind, CAST(12 AS TINYINT) AS month, 'HS17' AS classification,
                   'hs6' AS product_level, lpad(CAST(k AS VARCHAR), 6, '0') AS product_code,
                   v * 1000 AS value_usd
            FROM read_csv([{sources}], header=true,
                 columns={{'t':'SMALLINT','i':'INTEGER','j':'INTEGER','k':'VARCHAR','v':'DOUBLE','q':'DOUBLE'}},
                 nullstr=['NA',''])
        ) TO '{tmp}' (FORMAT parquet, COMPRESSION zstd)"""
    )
    tmp.rename(path)
    return path


def run_child(code: str, source: Path, result: Path) -> dict:
    """Run ``code`` in a fresh interpreter, reaped with ``os.wait4`` for its own rusage:
    wall time (parent side, imports included), CPU time (user + system of the child,
    all its threads) and peak RSS."""
    start = time.perf_counter()
    out_path, err_path = result.with_suffix(".out"), result.with_suffix(".err")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        pid = os.posix_spawn(sys.executable, [sys.executable, "-c", code, str(source), str(result)], os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed:\n{err_path.read_text()[-3000:]}")
    info = json.loads(out_path.read_text().strip().splitlines()[-1])
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, **info, "peak_rss_mb": usage.ru_maxrss / 1024}


def _best(runs: list[dict]) -> dict:
    best = min(runs, key=lambda r: r["wall_s"])
    return {**best, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "runs_s": [round(r["wall_s"], 2) for r in runs],
            "min_cpu_s": min(r["cpu_s"] for r in runs)}


def _agreement(a: Path, b: Path) -> float:
    import pandas as pd
    from scipy.stats import spearmanr

    x, y = pd.read_parquet(a), pd.read_parquet(b)
    y["exporter"] = y.exporter.astype(str)
    m = x.merge(y, on=["year", "exporter"], suffixes=("_corridor", "_peer")).dropna()
    return float(min(spearmanr(g.eci_corridor, g.eci_peer).statistic for _, g in m.groupby("year")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000, help="bilateral rows per year")
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--years", type=int, default=1, help="years in the panel (1 or 5, say)")
    ap.add_argument("--repeat", type=int, default=1, help="fresh processes per side (min wall time)")
    ap.add_argument("--quick", action="store_true", help="1M rows, 1,000 products")
    ap.add_argument("--no-peer", action="store_true", help="time corridor only")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.quick:
        a.rows, a.products = 1_000_000, 1000
    years = list(range(2019, 2019 + a.years))
    if a.prepare_only:
        print(canonical_parquet(years, a.rows, a.products))
        return
    t = time.perf_counter()
    # prepared in a child: a child's ru_maxrss starts from its parent's RSS at spawn, so
    # the parent must stay small for the measured children's peak RSS to be their own
    prepared = subprocess.run(
        [sys.executable, __file__, "--prepare-only", "--years", str(a.years), "--rows", str(a.rows), "--products", str(a.products)],
        check=True, capture_output=True, text=True,
    )
    source = Path(prepared.stdout.strip().splitlines()[-1])
    print(f"input: {source.name} ({source.stat().st_size / 1e6:.0f} MB; ready in {time.perf_counter() - t:.1f} s)", flush=True)

    results = {"years": years, "rows_per_year": a.rows, "products": a.products}
    sides = [("corridor", CORRIDOR)] + ([] if a.no_peer else [("py-ecomplexity 0.5.3", PEER)])
    runs: dict[str, list[dict]] = {name: [] for name, _ in sides}
    for _ in range(a.repeat):  # sides interleaved, so that both meet the same machine load
        for name, code in sides:
            runs[name].append(run_child(code, source, DATA / f"eci_{name.split()[0]}.parquet"))
            print(f"{name}: {runs[name][-1]}", flush=True)
    for name, _ in sides:
        results[name] = _best(runs[name])
    if not a.no_peer:
        results["eci_spearman_min"] = _agreement(DATA / "eci_corridor.parquet", DATA / "eci_py-ecomplexity.parquet")
        results["speed_ratio"] = results["py-ecomplexity 0.5.3"]["wall_s"] / results["corridor"]["wall_s"]
        results["cpu_ratio"] = results["py-ecomplexity 0.5.3"]["min_cpu_s"] / results["corridor"]["min_cpu_s"]

    print()
    print(f"complexity suite, {len(years)} year(s) x {a.rows:,} bilateral rows, {a.products:,} HS6 products")
    print(f"{'side':<24}{'wall s':>9}{'CPU s':>9}{'compute s':>11}{'peak RSS MB':>13}{'VmHWM MB':>10}")
    for name, _ in sides:
        r = results[name]
        print(f"{name:<24}{r['wall_s']:>9.2f}{r['min_cpu_s']:>9.2f}{r['compute_s']:>11.2f}{r['peak_rss_mb']:>13.0f}{r['vm_hwm_mb']:>10.0f}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    if not a.no_peer:
        print(f"ratio (py-ecomplexity / corridor): {results['speed_ratio']:.1f}x on wall time, {results['cpu_ratio']:.1f}x on CPU time "
              f"(user + system, os.wait4)   ECI Spearman (min over years): {results['eci_spearman_min']:.6f}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
