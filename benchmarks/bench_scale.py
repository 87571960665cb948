"""Papers/s and peak memory of ``kg build`` at 10k, 100k and 1M abstracts (rules only by default).

For each size, the corpus (the shared corpus' papers, then copies whose names vary, see
:func:`_corpus.varied_corpus`) is written to a JSONL file, and ``kg build FILE -o OUT --rules-only
-q`` runs on it in a child process, exactly as a user runs it: reading, deduplication, extraction
(``-j 0``: one worker per core), assembly, and every export file. While it runs, the resident memory
of the whole process tree (the kg process and its workers) is sampled every 0.2 s; the table gives
the peak of that sum, and the peak of the kg process alone (its ``ru_maxrss``, the graph and the
exports live there). Build seconds (read + extract + assemble, from report.json; "build p/s" is the
papers per second of that part) and export seconds (every export file and the build state) are
given apart; "all p/s" is the papers per second of the whole command.

    python benchmarks/bench_scale.py                          # 10k and 100k
    python benchmarks/bench_scale.py --sizes 10000 100000 1000000
    python benchmarks/bench_scale.py --sizes 10000 --engines local dask   # Dask against -j 0, one run
    python benchmarks/bench_scale.py --full                   # rules + tagger instead of rules only
    python benchmarks/bench_scale.py --sizes 10000 --update 100   # an update against a full build

``--engines local dask`` builds each size twice, first with ``-j 0`` and then with ``--engine dask``
on a local Dask cluster of one single-threaded worker process per core (started by kg), and prints
the ratio of their rates: what the Dask engine costs (or gains) against the local workers on the
same machine at the same moment.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import SHARED_CORPUS, varied_corpus  # noqa: E402


def write_corpus(n: int, path: Path, corpus: Path, extra: int = 0, extra_path: Path | None = None) -> float:
    """Write ``n`` varied papers as the JSONL ``kg build`` reads (and the ``extra`` next ones into
    ``extra_path``); return the mean abstract length."""
    chars = 0
    with open(path, "w", encoding="utf-8") as first, open(extra_path or os.devnull, "w", encoding="utf-8") as more:
        for i, p in enumerate(varied_corpus(n + extra, corpus)):
            chars += len(p.abstract)
            (first if i < n else more).write(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract, "authors": list(p.authors),
                                "date": p.date, "upvotes": p.upvotes}, ensure_ascii=False) + "\n")
    return chars / (n + extra)


class TreeMemory:
    """Samples the summed resident memory of a process and its descendants (psutil), keeps the peak."""

    def __init__(self, pid: int, every: float = 0.2):
        import psutil

        self.proc, self.every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                for p in [self.proc, *self.proc.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_build(corpus_file, out: Path, args, engine: str, update: bool = False) -> dict:
    """``kg build`` in a child process (of one input file or several; ``update``: ``--update out``); its figures."""
    files = [str(f) for f in (corpus_file if isinstance(corpus_file, (list, tuple)) else [corpus_file])]
    cmd = [sys.executable, "-c", _CHILD, *files, *(["--update"] if update else ["-o"]), str(out), "-q", "-j", str(args.jobs)]
    if not args.full:
        cmd.append("--rules-only")
    if engine == "dask":
        cmd += ["--engine", "dask"]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    secs = time.perf_counter() - t
    tree_peak = mem.stop()
    if proc.returncode != 0:
        raise SystemExit(f"kg build failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    fig = json.loads(stdout.strip().splitlines()[-1])
    report = json.loads((out / "report.json").read_text())
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"seconds": secs, "build_seconds": report["seconds"], "papers": report["unique_papers"],
            "nodes": sum(report["nodes"].values()), "edges": sum(report["relations"].values()),
            "kg_peak_mb": fig["peak_mb"], "tree_peak_mb": tree_peak / 2**20, "folder_mb": size / 2**20}


def update_against_full(corpus_file: Path, new_file: Path, out: Path, full: Path, args) -> None:
    """``kg build NEW --update out`` and, next, a build of everything into ``full``; times and check."""
    import filecmp

    up = run_build(new_file, out, args, "local", update=True)
    shutil.rmtree(full, ignore_errors=True)
    whole = run_build([corpus_file, new_file], full, args, "local")
    same = all(filecmp.cmp(out / name, full / name, shallow=False) for name in ("graph.json", "triples.jsonl", "graph.graphml"))
    print(f"{'':>10} update with {args.update:,} new papers: {up['seconds']:.0f} s (peak {up['tree_peak_mb']:,.0f} MB); "
          f"full build of all: {whole['seconds']:.0f} s (peak {whole['tree_peak_mb']:,.0f} MB); "
          f"ratio {up['seconds'] / whole['seconds']:.2f}; same export files: {same}", flush=True)
    shutil.rmtree(full, ignore_errors=True)


# the child: `kg build ARGS`, then its own peak resident memory as JSON on stdout
_CHILD = """
import json, resource, sys
from kg.cli import main
code = main(["build", *sys.argv[1:]])
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
sys.exit(code)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--engines", nargs="+", choices=("local", "dask"), default=["local"],
                    help="local: -j JOBS worker processes (kg build's default); dask: --engine dask on a local cluster")
    ap.add_argument("--jobs", type=int, default=0, help="-j of the local engine (default 0: one worker per core)")
    ap.add_argument("--full", action="store_true", help="rules + trained tagger (default: --rules-only)")
    ap.add_argument("--shared", default=str(SHARED_CORPUS.parents[1]))
    ap.add_argument("--workdir", default=None, help="where corpus and exports go (default: a temporary folder, removed)")
    ap.add_argument("--update", type=int, default=0, metavar="K",
                    help="then add K more papers with kg build --update, against a full build of all (default: no)")
    args = ap.parse_args()

    import psutil

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{cores} CPU cores, {psutil.virtual_memory().total / 2**30:.0f} GB memory; "
          f"{'rules + tagger' if args.full else 'rules only'}; load average {os.getloadavg()[0]:.2f}", flush=True)
    head = (f"{'abstracts':>10} {'engine':>7} {'nodes':>11} {'edges':>11} {'build p/s':>9} {'all p/s':>8} {'build s':>8} "
            f"{'exports s':>9} {'peak all MB':>11} {'peak kg MB':>10} {'folder MB':>9}")
    print(head, flush=True)
    try:
        for n in args.sizes:
            corpus_file = work / f"corpus-{n}.jsonl"
            new_file = work / f"corpus-{n}-next-{args.update}.jsonl"
            if not corpus_file.exists() or (args.update and not new_file.exists()):
                write_corpus(n, corpus_file, Path(args.shared) / "corpus" / "hf-daily-papers", args.update, new_file)
            rates = {}
            for engine in args.engines:
                out = work / f"out-{n}-{engine}"
                shutil.rmtree(out, ignore_errors=True)
                f = run_build(corpus_file, out, args, engine)
                rates[engine] = n / f["build_seconds"]
                print(f"{n:>10,} {engine:>7} {f['nodes']:>11,} {f['edges']:>11,} {rates[engine]:>9.0f} {n / f['seconds']:>8.0f} "
                      f"{f['build_seconds']:>8.0f} {f['seconds'] - f['build_seconds']:>9.0f} {f['tree_peak_mb']:>11,.0f} "
                      f"{f['kg_peak_mb']:>10,.0f} {f['folder_mb']:>9,.0f}", flush=True)
                if args.update and engine == args.engines[0]:
                    update_against_full(corpus_file, new_file, out, work / f"out-{n}-all", args)
                shutil.rmtree(out, ignore_errors=True)
            if "dask" in rates and "local" in rates:
                print(f"{'':>10} dask / local, build papers/s: {rates['dask'] / rates['local']:.2f}", flush=True)
            if not args.workdir:
                corpus_file.unlink()
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
