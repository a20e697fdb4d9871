"""Benchmark of issue 2: BACI ingest against DuckDB's own read_csv -> Parquet, and the
monitor's query latency over five BACI-shaped years.

    .venv/bin/python benchmarks/ingest_monitor.py            # ~10M rows a year, 5 years
    .venv/bin/python benchmarks/ingest_monitor.py --quick    # 1M rows a year, 2 years

Each ingest measurement runs in a fresh process (min of --repeat runs); the peer, DuckDB's
own ``COPY (SELECT * FROM read_csv(...)) TO 'x.parquet'`` on the same file, is measured in
the same run, and the table reports the ratio (target: corridor / DuckDB <= 1.5).  Monitor
latency is measured in-process on a workspace holding all the years (target: < 1 s), cold
(first query after opening) and warm (min of the next runs); loading the reference
tables (once per process) is timed apart.  Synthetic data are cached
under benchmarks/_data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"

PEER = """
import duckdb, sys, time
src, dst = sys.argv[1], sys.argv[2]
t = time.perf_counter()
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f"COPY (SELECT * FROM read_csv('{src}', header=true, columns={{'t':'SMALLINT','i':'INTEGER','j':'INTEGER','k':'VARCHAR','v':'DOUBLE','q':'DOUBLE'}}, nullstr=['NA',''])) TO '{dst}' (FORMAT parquet, COMPRESSION zstd)")
print(time.perf_counter() - t)
"""

CORRIDOR = """
import sys, time
from pathlib import Path
from corridor.store import Workspace
from corridor.sources import baci
t = time.perf_counter()
ws = Workspace.open(sys.argv[2])
parsed = baci.parse(ws.connection, Path(sys.argv[1]))
rep = ws.ingest(parsed)
ws.close()
print(time.perf_counter() - t)
"""


def _run(code: str, *args: str) -> tuple[float, float, float]:
    """(seconds inside the process after imports, wall seconds of the whole process, CPU
    seconds of the whole process: user + system of the child and its threads).

    CPU time beside wall time: on a machine shared with other jobs the wall time grows
    with the load, the process's own CPU time much less."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN: take the delta
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{stderr}")
    return float(stdout.strip().splitlines()[-1]), wall, _children_cpu()


_CPU_SEEN = [0.0]


def _children_cpu() -> float:
    """CPU seconds (user + system) of the children reaped since the previous call."""
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = u.ru_utime + u.ru_stime
    delta, _CPU_SEEN[0] = total - _CPU_SEEN[0], total
    return delta


def _load() -> str:
    """The 1, 5 and 15 minute load averages."""
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _data(year: int, rows: int) -> Path:
    from corridor.synthetic.baci import generate

    folder = DATA / f"ingest-{rows}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"BACI_HS17_Y{year}_V202401.csv"
    if not path.exists():
        generate(path, year=year, n_rows=rows, seed=year)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="1M rows, 2 years, 2 repeats")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    a = ap.parse_args()
    if a.quick:
        a.rows, a.years, a.repeat = 1_000_000, 2, 2
    years = list(range(2019, 2019 + a.years))
    load_before = _load()
    files = [_data(y, a.rows) for y in years]
    import shutil

    peer_t, ours_t = [], []
    _children_cpu()  # children reaped so far (e.g. none) do not count
    for i in range(a.repeat):
        dst = DATA / "peer.parquet"
        peer_t.append(_run(PEER, str(files[0]), str(dst)))
        dst.unlink(missing_ok=True)
        ws = DATA / f"ws-ingest-{i}"
        shutil.rmtree(ws, ignore_errors=True)
        ours_t.append(_run(CORRIDOR, str(files[0]), str(ws)))
        shutil.rmtree(ws, ignore_errors=True)

    ws_path = DATA / f"ws-{a.rows}-{a.years}"
    from corridor.sources import baci
    from corridor.store import Workspace

    with Workspace.open(ws_path) as ws:
        have = set(ws.provenance().execute()["file_name"])
        for f in files:
            if f.name not in have:
                ws.ingest(baci.parse(ws.connection, f))
    from corridor.monitor import build_monitor

    from corridor import reference

    t = time.perf_counter()  # reference tables load once per process; timed apart from the query
    reference.product_groups("HS17", "hs6"), reference.products("HS17", "hs6"), reference.hs_sections()
    ref_load = time.perf_counter() - t
    lat = []
    with Workspace.open(ws_path) as ws:
        for _ in range(a.repeat + 1):
            t = time.perf_counter()
            build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=years[0], year_to=years[-1], level="hs6")
            lat.append(time.perf_counter() - t)
    ours_in, ours_wall = min(x[0] for x in ours_t), min(x[1] for x in ours_t)
    peer_in, peer_wall = min(x[0] for x in peer_t), min(x[1] for x in peer_t)
    ours_cpu, peer_cpu = min(x[2] for x in ours_t), min(x[2] for x in peer_t)
    rows = [
        ("BACI ingest, 1 year, after imports (s)", ours_in, peer_in, ours_in / peer_in, "<= 1.5x"),
        ("BACI ingest, 1 year, whole process (s)", ours_wall, peer_wall, ours_wall / peer_wall, "<= 1.5x"),
        ("BACI ingest, 1 year, CPU user+sys (s)", ours_cpu, peer_cpu, ours_cpu / peer_cpu, ""),
        ("reference tables, first use in a process (s)", ref_load, None, None, ""),
        (f"monitor KAZ-CHN over {a.years} years, cold (s)", lat[0], None, None, "< 1 s"),
        (f"monitor KAZ-CHN over {a.years} years, warm min (s)", min(lat[1:]), None, None, "< 1 s"),
    ]
    print(f"\nrows per year: {a.rows:,}; years: {a.years}; repeats: {a.repeat}; python {sys.version.split()[0]}; "
          f"load average before / after: {load_before} / {_load()}")
    print(f"{'measure':48} {'corridor':>10} {'DuckDB':>10} {'ratio':>7}  target")
    for name, ours, peer, ratio, target in rows:
        print(f"{name:48} {ours:10.2f} {'' if peer is None else f'{peer:10.2f}':>10} "
              f"{'' if ratio is None else f'{ratio:6.2f}x':>7}  {target}")
    print(f"(ingest runs after imports: corridor {[round(x[0], 2) for x in ours_t]}, DuckDB {[round(x[0], 2) for x in peer_t]}; "
          f"CPU: corridor {[round(x[2], 2) for x in ours_t]}, DuckDB {[round(x[2], 2) for x in peer_t]}; "
          f"monitor runs {[round(x, 3) for x in lat]}; median warm {statistics.median(lat[1:]):.3f})")
    if a.json:
        a.json.write_text(json.dumps({"rows": a.rows, "years": a.years, "ingest": ours_t, "peer": peer_t,
                                      "monitor": lat}, indent=2))


if __name__ == "__main__":
    main()
