"""Benchmark of the claim checker on the labelled corpus and on large inputs.

For each part of ``tests/claims/corpus`` — ``dev`` (tuned on), ``heldout`` (labelled
before any rule for it), ``fresh`` (written after the rules were frozen at cfc9d1b, scored
once), ``fresh2`` (written after the rules were frozen again at 10cae20, labelled before
it was scored, scored once), ``fresh3`` (the same after cebddb4) and ``fresh4`` (written and
labelled blind by a team member who never saw the rules, scored once at 3381a88 and at
cf78830), ``fresh5`` (long-form text written and labelled blind the same way, scored once
at 87a0760), ``fresh6`` (a mix of outlets, the same way, scored once at 84531f4), ``fresh7``
(news agencies and business media: wire copy, press releases, headlines, year-in-review
lists; the same way, scored once at a89ebfe) and ``fresh8`` (analysis and commentary:
research notes, op-eds, Telegram-style posts, interviews, speeches, international outlets
comparing both sides' statistics; the same way, scored once at 503b13f) and ``fresh9``
(explainers and fact-checks, official documents, Chinese state media, press releases, TV
transcripts; the same way, scored once at 698f660) and ``fresh10`` (sector and logistics news,
officials' posts, ministry summaries, regional and provincial press; the same way, scored once
at 5d1c78f) and ``fresh11`` (business and financial press, statistics releases and their
rewrites, forum and expo coverage, Central Asian countries compared; the same way, scored once
at abe9f05) and ``fresh12`` (parliament and government transcripts with spoken numbers,
aggregator rewrites, Telegram threads with abbreviations, Chinese English-language outlets,
think-tank abstracts; the same way, scored once at 51b67a2) and ``fresh13`` (whole news
articles of many outlets, the closest part to the set kept apart; the same way, scored once
at 7da3ba4) and ``fresh14`` (whole news articles again, other outlets and topics; the same
way, scored once at f5c07c3) — it prints precision and recall per field, verdict accuracy (all
expected verdicts, and the claims the data can check) and the count of false
contradictions.  Verdicts are against a workspace built, as a user builds one, from the
real data in ``../shared/data`` (both sides' annual totals, Kazakhstan's HS4 exports to
and imports from China, WITS), checked with ``--assume-pair KAZ,CHN`` as the CLI does; without
those data only extraction is scored.  Then throughput: extraction in sentences per
second after start-up (target >= 2,000), and extraction + verification in seconds per
megabyte of news text; the peer measured in the same run is ``razdel``'s sentence
splitting of the same text (the floor any sentence-level extractor pays).

Run: ``.venv/bin/python benchmarks/claims.py [--errors] [--parts dev,heldout,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13,fresh14] [--megabytes 1]
[--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from corridor.claims import extract
from corridor.claims.extract import sentences
from corridor.claims.scoring import load_corpus, score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "claims" / "corpus"
DATA = Path(os.environ.get("CORRIDOR_SHARED_DATA") or ROOT.parent / "shared" / "data")
PAIR = ("KAZ", "CHN")


def build_workspace(folder: Path, data: Path = DATA):
    """A workspace with the real Kazakhstan-China data, ingested as ``corridor ingest`` does."""
    from corridor.sources.ingest import parse_files
    from corridor.store import Workspace

    totals, wits = data / "kz_cn_totals", data / "kz_cn_wits_hs4"
    jobs = [
        ([totals / "china_reported_kaz_totals_2014_2024.csv"], ROOT / "examples" / "kz_cn_totals_china_reported.toml"),
        ([totals / "kaz_reported_china_totals_2000_2024.csv"], ROOT / "examples" / "kz_cn_totals_kaz_reported.toml"),
        ([wits / "kazakhstan_exports_to_china_hs4_2015_2024_wits.csv",
          wits / "kazakhstan_imports_from_china_hs4_2015_2024_wits.csv"], None),
    ]
    with Workspace.open(folder) as ws:
        for files, mapping in jobs:
            ws.ingest_many(parse_files(ws, files, mapping=mapping))
    return folder


def report(name: str, flows, show_errors: bool) -> None:
    from corridor.claims import verify

    path = CORPUS / f"{name}.jsonl"
    if not path.exists():
        print(f"\n== {name}: {path} not found")
        return
    items = load_corpus(path)
    predictions = [extract(i.text, published=i.published) for i in items]
    checked = [verify(p, flows, assume_pair=PAIR) for p in predictions] if flows is not None else None
    scores = score(items, predictions, checked)
    docs = sum(i.kind == "document" for i in items)
    print(f"\n== {name}: {len(items)} items ({sum(i.lang == 'ru' for i in items)} ru, "
          f"{sum(i.lang == 'en' for i in items)} en; {docs} documents), {sum(len(i.claims) for i in items)} labelled claims")
    print(f"{'field':<12} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for f in (*scores.fields, scores.overall, scores.claims):
        print(f"{f.field:<12} {f.precision:9.3f} {f.recall:7.3f} {f.tp:5d} {f.fp:4d} {f.fn:4d}")
    v = scores.verdicts
    if v is not None:
        print(f"verdicts: {v.right}/{v.total} right ({v.accuracy:.3f}); checkable by the data: "
              f"{v.checkable_right}/{v.checkable} ({v.checkable_accuracy:.3f}); false contradictions: {v.false_contradictions}")
    if show_errors:
        print("\n".join(scores.errors))


def _document() -> str:
    texts = [i.text for p in ("dev", "heldout") for i in load_corpus(CORPUS / f"{p}.jsonl")]
    return "\n\n".join(texts)


def throughput(repeat: int = 10) -> None:
    from razdel import sentenize

    document = _document()
    n_sentences = len(sentences(document)) * repeat
    extract(document)  # start-up: dictionary load and pattern compilation
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        extract(document)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    t1 = time.perf_counter()
    for _ in range(repeat):
        list(sentenize(document))
    peer = time.perf_counter() - t1
    print(f"\nextraction: {n_sentences} sentences in {secs:.2f} s wall = {n_sentences / secs:,.0f} sentences/s"
          f" ({cpu:.2f} s CPU = {n_sentences / cpu:,.0f} per core); razdel sentenize alone {peer:.2f} s"
          f" (corridor / razdel = {secs / peer:.1f}x)")


def per_megabyte(flows, megabytes: float) -> None:
    from corridor.claims import verify

    unit = _document() + "\n\n"
    text = unit * max(1, round(megabytes * 1e6 / len(unit.encode("utf-8"))))
    size = len(text.encode("utf-8")) / 1e6
    t0 = time.perf_counter()
    claims = extract(text)
    t1 = time.perf_counter()
    line = f"{size:.2f} MB of news text: {len(claims):,} claims, extraction {(t1 - t0) / size:.2f} s/MB"
    if flows is not None:
        verify(claims, flows, assume_pair=PAIR)
        line += f", verification {(time.perf_counter() - t1) / size:.2f} s/MB"
    print(line + f", total {(time.perf_counter() - t0) / size:.2f} s per megabyte")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every field and verdict error")
    parser.add_argument("--parts", default="dev,heldout,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13,fresh14", help="corpus parts to score")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the shared real data (default: $CORRIDOR_SHARED_DATA, else ../shared/data)")
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the seconds-per-megabyte text")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    extract("Товарооборот составил $1 млрд.")
    print(f"start-up (pymorphy3 dictionary, lexicon, patterns): {time.perf_counter() - t0:.2f} s")
    with ExitStack() as stack:
        flows = None
        if (args.data / "kz_cn_totals").is_dir():
            from corridor.store import Workspace

            folder = build_workspace(Path(stack.enter_context(tempfile.TemporaryDirectory())) / "ws", args.data)
            flows = stack.enter_context(Workspace.open(folder, create=False, read_only=True)).flows()
        else:
            print(f"{args.data} not found: verdicts are not scored")
        for name in args.parts.split(","):
            report(name, flows, args.errors)
        throughput()
        per_megabyte(flows, args.megabytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
