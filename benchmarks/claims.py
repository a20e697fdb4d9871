"""Benchmark of claim extraction: precision and recall per field on the labelled corpus
(tuned on ``dev``; ``heldout`` never tuned on; ``fresh`` written after the rules were
frozen, scored once, then used for tuning) and throughput after start-up.

Run: ``.venv/bin/python benchmarks/claims.py [--errors]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corridor.claims import extract
from corridor.claims.extract import sentences
from corridor.claims.scoring import load_corpus, score

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "claims" / "corpus"


def report(name: str, show_errors: bool) -> tuple[float, float]:
    items = load_corpus(CORPUS / f"{name}.jsonl")
    scores = score(items, [extract(i.text, published=i.published) for i in items])
    print(f"\n== {name}: {len(items)} items ({sum(i.lang == 'ru' for i in items)} ru, "
          f"{sum(i.lang == 'en' for i in items)} en), {sum(len(i.claims) for i in items)} labelled claims")
    print(f"{'field':<12} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for f in (*scores.fields, scores.overall, scores.claims):
        print(f"{f.field:<12} {f.precision:9.3f} {f.recall:7.3f} {f.tp:5d} {f.fp:4d} {f.fn:4d}")
    if show_errors:
        print("\n".join(scores.errors))
    return scores.overall.precision, scores.overall.recall


def throughput(repeat: int = 20) -> tuple[int, float]:
    texts = [i.text for name in ("dev", "heldout") for i in load_corpus(CORPUS / f"{name}.jsonl")]
    document = "\n".join(texts)
    n_sentences = len(sentences(document)) * repeat
    extract(document)  # start-up: dictionary load and pattern compilation
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        extract(document)
    return n_sentences, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list every field error")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    extract("Товарооборот составил $1 млрд.")
    print(f"start-up (pymorphy3 dictionary, lexicon, patterns): {time.perf_counter() - t0:.2f} s")
    for name in ("dev", "heldout", "fresh"):
        report(name, args.errors)
    n, secs, cpu = throughput()
    print(f"\nthroughput: {n} sentences in {secs:.2f} s wall = {n / secs:,.0f} sentences/s"
          f" ({cpu:.2f} s CPU = {n / cpu:,.0f} sentences/s per core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
