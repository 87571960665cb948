"""Throughput and peak memory of ``kg build`` on the shared corpus repeated to N abstracts.

Prints, from one run on the same texts: papers/s of a blank spaCy English tokenizer (the ceiling of
any single-process spaCy pipeline), then for the rules-only pipeline and for the full one (rules and
the trained tagger): papers/s of extraction alone, papers/s of the whole build (dedupe, extraction,
graph assembly) in one process and with ``--jobs`` worker processes (default 0: what ``kg build``
does, one worker per CPU core), their ratios to the tokenizer, and the peak resident memory of each
build (each in a child process of its own, so that the runs do not share a peak; for the parallel
build, the largest single process). The machine's load average is printed first: the figures are
wall-clock rates, which other processes on the machine lower.

    python benchmarks/bench_build.py [--papers 50000] [--jobs 0] [--pipelines both] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import os
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
    nlp = kg.make_nlp(trained=not args.rules_only)
    from kg.cli import collector_paused

    t, cpu = time.perf_counter(), os.times()
    with collector_paused():  # as kg build does
        G = kg.build_graph(papers, nlp=nlp, n_process=args.jobs)
    secs, cpu_end = time.perf_counter() - t, os.times()
    cpu_secs = sum(cpu_end[:4]) - sum(cpu[:4])  # user and system time of this process and its workers
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"seconds": secs, "cpu_seconds": cpu_secs, "peak_mb": peak_mb,
                      "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=50_000)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=0,
                    help="worker processes of the second build run (default 0: one per CPU core, as kg build)")
    ap.add_argument("--pipelines", choices=("both", "rules", "full"), default="both",
                    help="which pipelines to measure: rules only, rules + tagger, or both (default)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--rules-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    import spacy

    import kg

    papers = repeated_corpus(args.papers, Path(args.shared) / "corpus" / "hf-daily-papers")
    texts = [p.text for p in papers]
    n_chars = sum(map(len, texts))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(texts)} abstracts, {n_chars / len(texts):.0f} characters on average; {cores} CPU cores, "
          f"load average {os.getloadavg()[0]:.2f}")

    blank = spacy.blank("en")
    t = time.perf_counter()
    n_tokens = sum(len(doc) for doc in blank.tokenizer.pipe(texts, batch_size=256))
    tok_secs = time.perf_counter() - t
    tok_rate = len(texts) / tok_secs
    print(f"blank spaCy tokenizer     : {tok_rate:9.0f} papers/s  ({n_tokens / tok_secs:,.0f} tokens/s)")

    sample = papers[: min(len(papers), 10_000)]
    for label, rules_only in (("rules only", True), ("rules + tagger", False)):
        if args.pipelines != "both" and rules_only != (args.pipelines == "rules"):
            continue
        print(f"-- {label}")
        nlp = kg.make_nlp(trained=not rules_only)
        t = time.perf_counter()
        for _ in kg.extract(sample, nlp):
            pass
        ext_rate = len(sample) / (time.perf_counter() - t)
        print(f"kg extraction alone       : {ext_rate:9.0f} papers/s  ({ext_rate / tok_rate:.2f} of the tokenizer; {len(sample)} papers)")
        for jobs in (1, args.jobs) if args.jobs != 1 else (1,):
            cmd = [sys.executable, __file__, "--child", "--papers", str(args.papers), "--shared", args.shared,
                   "--jobs", str(jobs)] + (["--rules-only"] if rules_only else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            fig = json.loads(out.stdout.strip().splitlines()[-1])
            build_rate = args.papers / fig["seconds"]
            how = "1 process" if jobs == 1 else f"-j 0 ({cores} workers)" if jobs == 0 else f"-j {jobs}"
            print(f"kg build, {how:16s}: {build_rate:9.0f} papers/s  ({build_rate / tok_rate:.2f} of the "
                  f"tokenizer; {fig['nodes']:,} nodes, {fig['edges']:,} edges; peak memory {fig['peak_mb']:.0f} MB; "
                  f"CPU {fig['cpu_seconds'] * 1000 / args.papers:.2f} ms per paper)")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
