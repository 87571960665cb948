"""Records/s of reading and deduplicating 10k, 100k and 1M input lines (the samples repeated).

The input is a JSONL file of the sample papers (``samples/``) repeated line after line, varied
so that merging does real work: each copy spells the title differently (case, punctuation),
some copies carry another url, a date, an author list or an arXiv id (that later copies then
match by), and every 7th line is a paper of its own (a new title), so the output grows with the
input too. For each size it prints records/s of ``kg.ingest.read_papers`` and of
``kg.ingest.dedupe`` measured in this run, and each rate as a ratio to the rate at the smallest
size: a linear dedupe keeps that ratio near 1 (a quadratic one fell 10x for every 10x more lines).

    python benchmarks/bench_dedupe.py [--sizes 10000 100000 1000000]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sample_records() -> list[dict]:
    from kg.ingest import read_papers

    return [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in read_papers(ROOT / "samples")]


def varied(records: list[dict], n: int):
    """``n`` JSON records: the samples repeated with variations (see the module docstring)."""
    for i in range(n):
        base = dict(records[i % len(records)])
        copy = i // len(records)
        if i % 7 == 6:  # a paper of its own
            base["title"] = f"{base['title']} part {i}"
            base["id"] = f"{base['id']}-{i}"
            yield base
            continue
        if copy % 2:
            base["title"] = base["title"].upper() + "!"
        if copy % 3 == 1:
            base["url"] = f"https://example.org/{base['id']}/v{copy % 5}"
        if copy % 4 == 2:
            base["date"] = "2024-06-%02d" % (1 + copy % 28)
        if copy % 5 == 3:
            base["authors"] = ["A. Author", f"B. Writer {copy % 3}"]
        if copy == 1:
            base["arxiv_id"] = f"2406.{10000 + i % len(records)}"
        yield base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = ap.parse_args()

    from kg.ingest import dedupe, read_papers

    records = sample_records()
    print(f"{len(records)} sample papers repeated; load average {os.getloadavg()[0]:.2f}")
    print(f"{'lines':>10} {'papers':>8} {'read rec/s':>12} {'ratio':>6} {'dedupe rec/s':>13} {'ratio':>6} {'dedupe s':>9}")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"papers-{n}.jsonl"
            with open(path, "w", encoding="utf-8") as f:
                for rec in varied(records, n):
                    f.write(json.dumps(rec) + "\n")
            t = time.perf_counter()
            papers = list(read_papers(path))
            read_s = time.perf_counter() - t
            t = time.perf_counter()
            unique = dedupe(papers)
            dedupe_s = time.perf_counter() - t
            rates = (len(papers) / read_s, len(papers) / dedupe_s)
            first = first or rates
            print(f"{n:>10,} {len(unique):>8,} {rates[0]:>12,.0f} {rates[0] / first[0]:>6.2f} "
                  f"{rates[1]:>13,.0f} {rates[1] / first[1]:>6.2f} {dedupe_s:>9.2f}")
            del papers, unique
            path.unlink()


if __name__ == "__main__":
    main()
