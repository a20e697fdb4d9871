"""Benchmark of issue 15: thirty years of BACI, and complexity through the CLI against py-ecomplexity.

    .venv/bin/python benchmarks/baci_scale.py                          # 30 years x 10M rows (1995-2024), everything
    .venv/bin/python benchmarks/baci_scale.py --parts one,thirty,five --repeat 3   # re-run without the ingest
    .venv/bin/python benchmarks/baci_scale.py --prepare-only           # only write the synthetic release zip
    .venv/bin/python benchmarks/baci_scale.py --rows-per-year 1000000  # the same at 1M rows a year
    .venv/bin/python benchmarks/baci_scale.py --quick                  # 5 years x 200k rows: a smoke test

Every timing gives the wall time and the CPU time (user + system of the child process,
all threads, from ``os.wait4``) and the load average: on a shared machine the wall time
grows with the others' work, the CPU time much less, so each ratio is given on both.

One run prints, each as soon as it is measured:

1. **ingest**: ``corridor ingest BACI_HS92_V202401.zip`` of a synthetic thirty-year HS92
   release (``corridor.synthetic.baci.generate``, CEPII's numbering and product aggregates,
   ~225 countries, ~5,000 HS6 products, ``--rows-per-year`` bilateral rows a year) into a
   fresh workspace, in a fresh process: wall time and peak RSS (``ru_maxrss`` of the child,
   ``os.wait4``).  The ingest goes one year file at a time (resumable), stores the rows
   sorted by reporter and partner, and writes each year's exporter x product cells (the
   complexity cache, ``corridor.indicators.stored``): all of it is inside the time.
2. **one year**: ``corridor complexity --year Y --level hs6 --format json`` (whole
   process: start-up, workspace, complexity suite, JSON written to a file) against
   py-ecomplexity 0.5.3 ``ecomplexity()`` + ``proximity()`` on the same year
   pre-aggregated to exporter x product (read from Parquet; the aggregation is not timed
   on the peer's side), each in a fresh process; the ratios of wall and of CPU times
   and the Spearman correlation of the two ECIs.
3. **thirty years at HS4**: ``corridor complexity --year 1995 --through 2024 --level hs4
   --format json`` (HS4 summed from the stored HS6), whole process.
4. **five years**: ``--year Y-4 --through Y`` against py-ecomplexity on the same five
   years pre-aggregated (py-ecomplexity needs ~10 GB for five 10M-row years).

Input and workspace live under ``benchmarks/_data/scale-<rows>-<first>-<last>/`` (git-ignored;
the zip is kept between runs; the workspace is rebuilt by the ``ingest`` part and reused by
a run without it, ``--parts one,thirty,five``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE))

from complexity import run_child  # noqa: E402  (same fresh-process measurement)

PEER = r"""
import contextlib, io, json, os, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
import pandas as pd
from ecomplexity import ecomplexity, proximity
data = pd.read_parquet(sys.argv[1])
t1 = time.perf_counter()
cols = {"time": "year", "loc": "exporter", "prod": "product", "val": "export_value"}
with contextlib.redirect_stdout(io.StringIO()):
    cells = ecomplexity(data, cols, check_logsupermodularity=False, verbose=False)
    prox = proximity(data, cols)
t2 = time.perf_counter()
cells.groupby(["year", "exporter"], as_index=False).eci.first().to_parquet(sys.argv[2])
hwm = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"read_s": t1 - t0, "compute_s": t2 - t1, "proximity_rows": int(len(prox)), "vm_hwm_mb": hwm}))
"""


def release_zip(folder: Path, first: int, last: int, rows: int, products: int, countries: int) -> Path:
    from corridor.synthetic.baci import generate

    path = folder / "BACI_HS92_V202401.zip"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(path, year=list(range(first, last + 1)), n_rows=rows, n_products=products, n_countries=countries,
                 classification="HS92", seed=15, cepii_codes=True, persistent_flows=True)
    return path


def corridor(args: list[str], out: Path) -> dict:
    """The ``corridor`` command itself with ``args``, in a fresh process, stdout to ``out``:
    wall time (parent side: start-up, imports, the work and the output) and peak RSS
    (``ru_maxrss`` from ``os.wait4``)."""
    exe = Path(sys.executable).with_name("corridor")
    start = time.perf_counter()
    with open(out, "w") as fh, open(out.with_suffix(".err"), "w") as err:
        pid = os.posix_spawn(str(exe), [str(exe), *args], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, fh.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"corridor {' '.join(args)} failed:\n{out.with_suffix('.err').read_text()[-3000:]}")
    # CPU seconds too: on a machine shared with other jobs the wall time grows with the load,
    # the process's own CPU time much less
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "command": "corridor " + " ".join(args)}


def peer_input(ws: Path, years: list[int], target: Path) -> Path:
    """The years' exporter x product cells (the peer's pre-aggregated input), from the
    workspace's stored flows (not timed)."""
    import duckdb

    if target.exists():
        return target
    files = [str(p) for p in (ws / "flows").glob("*.parquet")]
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    years_sql = ", ".join(map(str, years))
    # the stored BACI files hold the varying columns; the year is a column of each file
    con.execute(
        f"COPY (SELECT CAST(year AS INTEGER) AS year, CAST(reporter AS VARCHAR) AS exporter, product_code AS product, "
        f"sum(value_usd) AS export_value FROM read_parquet({files!r}) WHERE year IN ({years_sql}) AND value_usd > 0 "
        f"GROUP BY ALL) TO '{target}' (FORMAT parquet)")
    return target


def spearman(corridor_json: Path, peer_parquet: Path) -> float:
    import pandas as pd
    from scipy.stats import spearmanr

    doc = json.loads(corridor_json.read_text())
    docs = doc["panel"] if "panel" in doc else [doc]
    ours = pd.DataFrame([{"year": d["year"], "exporter": c["code"], "eci": c["eci"]} for d in docs for c in d["countries"]])
    theirs = pd.read_parquet(peer_parquet)
    m = ours.merge(theirs, on=["year", "exporter"], suffixes=("_corridor", "_peer")).dropna()
    return float(min(spearmanr(g.eci_corridor, g.eci_peer).statistic for _, g in m.groupby("year")))


def line(text: str) -> None:
    print(text, flush=True)


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def best_of(args: list[str], out: Path, repeat: int) -> dict:
    """``corridor`` with ``args`` in ``repeat`` fresh processes: the run with the least
    CPU time (wall and CPU of that run; the minimum wall of all runs beside it)."""
    runs = [corridor(args, out) for _ in range(repeat)]
    chosen = min(runs, key=lambda r: r["cpu_s"])
    return {**chosen, "min_wall_s": min(r["wall_s"] for r in runs), "runs": [(round(r["wall_s"], 2), round(r["cpu_s"], 2)) for r in runs]}


def versus_peer(res: dict, key: str, ours: dict, peer_parquet: Path, ours_json: Path, *, target: int) -> None:
    """py-ecomplexity on ``peer_parquet`` in a fresh process; the ratios of wall and of CPU
    times against ``ours`` and the ECIs' Spearman correlation, recorded under ``key`` and printed."""
    eci = peer_parquet.with_name(f"peer_{key}_eci.parquet")
    theirs = run_child(PEER, peer_parquet, eci)
    res[f"{key}_peer"] = theirs
    res[f"{key}_ratio_wall"] = theirs["wall_s"] / ours["min_wall_s"]
    res[f"{key}_ratio_cpu"] = theirs["cpu_s"] / ours["cpu_s"]
    res[f"{key}_spearman"] = spearman(ours_json, eci)
    line(f"   py-ecomplexity 0.5.3: {theirs['wall_s']:.1f} s wall, {theirs['cpu_s']:.1f} s CPU, peak RSS "
         f"{theirs['peak_rss_mb'] / 1024:.2f} GB ({load()})")
    line(f"   ratio (target {target}x): {res[f'{key}_ratio_wall']:.1f}x on wall time, {res[f'{key}_ratio_cpu']:.1f}x on CPU time; "
         f"ECI Spearman {res[f'{key}_spearman']:.6f}")


def timed(label: str, r: dict, target: str = "") -> str:
    runs = "" if len(r["runs"]) == 1 else f" (runs wall/CPU s: {r['runs']})"
    return (f"{label}: {r['min_wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU, peak RSS {r['peak_rss_mb']:.0f} MB"
            f"{target}{runs} ({load()})")


PARTS = ("ingest", "one", "thirty", "five")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows-per-year", type=int, default=10_000_000)
    ap.add_argument("--first", type=int, default=1995)
    ap.add_argument("--last", type=int, default=2024)
    ap.add_argument("--year", type=int, default=2019, help="the one-year comparison's year (five years end there)")
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--countries", type=int, default=225)
    ap.add_argument("--quick", action="store_true", help="5 years x 200k rows, 1,000 products")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help="comma-separated parts to run, of: ingest (a fresh workspace), one, thirty, five (default all); "
                         "without ingest the workspace of an earlier run is used")
    ap.add_argument("--repeat", type=int, default=1, help="fresh corridor processes per complexity command (least CPU kept)")
    ap.add_argument("--no-peer", action="store_true", help="time corridor only")
    ap.add_argument("--no-five-year-peer", action="store_true", help="skip py-ecomplexity's five-year panel (~10 GB)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--prepare-only", action="store_true", help="write the synthetic release zip and stop")
    a = ap.parse_args()
    if a.quick:
        a.rows_per_year, a.first, a.last, a.year, a.products = 200_000, 2015, 2019, 2019, 1000
    parts = [p.strip() for p in a.parts.split(",") if p.strip()]
    if not parts or set(parts) - set(PARTS):
        ap.error(f"--parts takes some of {', '.join(PARTS)}")
    folder = DATA / (f"scale-{a.rows_per_year}-{a.first}-{a.last}" + ("" if a.products == 5000 else f"-p{a.products}"))
    t = time.perf_counter()
    z = release_zip(folder, a.first, a.last, a.rows_per_year, a.products, a.countries)
    n_years = a.last - a.first + 1
    line(f"input: {z} ({z.stat().st_size / 1e9:.2f} GB, {n_years} years x {a.rows_per_year:,} rows; ready in {time.perf_counter() - t:.0f} s)")
    if a.prepare_only:
        return
    res: dict = {"rows_per_year": a.rows_per_year, "years": [a.first, a.last], "parts": parts,
                 "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "load_start": os.getloadavg()}
    line(f"started {res['started']} ({load()}; {os.cpu_count()} cores)")
    ws = folder / "ws"
    if "ingest" in parts:
        shutil.rmtree(ws, ignore_errors=True)
        r = corridor(["ingest", str(z), "--workspace", str(ws)], folder / "ingest.out")
        res["ingest"] = r
        line(f"1. ingest of {n_years} years ({n_years * a.rows_per_year:,} rows), whole process: {r['wall_s']:.1f} s wall, "
             f"{r['cpu_s']:.0f} s CPU, peak RSS {r['peak_rss_mb'] / 1024:.2f} GB (target: minutes, < 8 GB; {load()})")
    elif not (ws / "corridor.duckdb").exists():
        raise SystemExit(f"no workspace at {ws}: run with --parts ingest first")
    else:
        line(f"1. ingest: skipped, the workspace of an earlier run is used ({ws})")

    y = a.year
    common = ["--format", "json", "--workspace", str(ws)]
    if "one" in parts:
        one = ["complexity", "--year", str(y), "--level", "hs6", *common]
        if not a.no_peer:
            peer_input(ws, [y], folder / f"peer_{y}.parquet")
        ours = best_of(one, folder / "one.json", a.repeat)
        res["one_year_corridor"] = ours
        line(timed(f"2. complexity, one year ({y}, HS6), `corridor {' '.join(one[:-2])}`", ours))
        if not a.no_peer:
            versus_peer(res, "one_year", ours, folder / f"peer_{y}.parquet", folder / "one.json", target=50)

    if "thirty" in parts:
        thirty = ["complexity", "--year", str(a.first), "--through", str(a.last), "--level", "hs4", *common]
        r = best_of(thirty, folder / "thirty.json", a.repeat)
        res["thirty_years_hs4"] = r
        line(timed(f"3. complexity, {n_years} years at HS4 (from HS6)", r, " (target < 60 s)"))

    if "five" in parts:
        five = ["complexity", "--year", str(y - 4), "--through", str(y), "--level", "hs6", *common]
        if not (a.no_peer or a.no_five_year_peer):
            peer_input(ws, list(range(y - 4, y + 1)), folder / f"peer_{y - 4}-{y}.parquet")
        ours = best_of(five, folder / "five.json", a.repeat)
        res["five_years_corridor"] = ours
        line(timed(f"4. complexity, five years ({y - 4}-{y}, HS6)", ours))
        if not (a.no_peer or a.no_five_year_peer):
            versus_peer(res, "five_years", ours, folder / f"peer_{y - 4}-{y}.parquet", folder / "five.json", target=100)
    res["finished"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    res["load_end"] = os.getloadavg()
    line(f"finished {res['finished']} ({load()})")
    if a.json:
        a.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
