"""Throughput and peak memory of ``kg build`` on the shared corpus repeated to N abstracts.

Prints, from one run on the same texts: papers/s of a blank spaCy English tokenizer (the ceiling of
any spaCy pipeline), papers/s of kg's extraction pipeline alone, papers/s of the whole build (ingest
of Paper objects, dedupe, extraction, graph assembly), their ratios, and the peak resident memory of
the build (measured in a child process so that the two runs do not share a peak).

    python benchmarks/bench_build.py [--papers 50000] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import repeated_corpus  # noqa: E402


def child(args) -> None:
    """Run the build in this (child) process and print its figures as JSON."""
    import kg

    papers = repeated_corpus(args.papers, Path(args.shared) / "corpus" / "hf-daily-papers")
    nlp = kg.make_nlp()
    t = time.perf_counter()
    G = kg.build_graph(papers, nlp=nlp)
    secs = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": secs, "peak_mb": peak_mb, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=50_000)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    import spacy

    import kg

    papers = repeated_corpus(args.papers, Path(args.shared) / "corpus" / "hf-daily-papers")
    texts = [p.text for p in papers]
    n_chars = sum(map(len, texts))
    print(f"{len(texts)} abstracts, {n_chars / len(texts):.0f} characters on average")

    blank = spacy.blank("en")
    t = time.perf_counter()
    n_tokens = sum(len(doc) for doc in blank.tokenizer.pipe(texts, batch_size=256))
    tok_secs = time.perf_counter() - t
    tok_rate = len(texts) / tok_secs
    print(f"blank spaCy tokenizer : {tok_rate:9.0f} papers/s  ({n_tokens / tok_secs:,.0f} tokens/s)")

    nlp = kg.make_nlp()
    sample = papers[: min(len(papers), 10_000)]
    t = time.perf_counter()
    for _ in kg.extract(sample, nlp):
        pass
    ext_rate = len(sample) / (time.perf_counter() - t)
    print(f"kg extraction only    : {ext_rate:9.0f} papers/s  ({ext_rate / tok_rate:.2f} of the tokenizer; {len(sample)} papers)")

    out = subprocess.run([sys.executable, __file__, "--child", "--papers", str(args.papers), "--shared", args.shared],
                         capture_output=True, text=True, check=True)
    fig = json.loads(out.stdout.strip().splitlines()[-1])
    build_rate = args.papers / fig["seconds"]
    print(f"kg build (whole graph): {build_rate:9.0f} papers/s  ({build_rate / tok_rate:.2f} of the tokenizer; "
          f"{fig['nodes']:,} nodes, {fig['edges']:,} edges)")
    print(f"peak memory of the build: {fig['peak_mb']:.0f} MB for {args.papers:,} abstracts")


if __name__ == "__main__":
    main()
