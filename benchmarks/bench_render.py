"""Benchmark of the interactive page: time to write it and time until headless Chromium has drawn it.

    python benchmarks/bench_render.py                 # shared corpus, 2,000 and 10,000 nodes
    python benchmarks/bench_render.py --sizes 2000    # synthetic graphs only
    python benchmarks/bench_render.py --no-shared --keep /tmp/pages

Figures printed per graph: nodes and edges of the graph, nodes and edges drawn (within the node
budget, default 1,500), seconds to write the page, its size, and the time until vis-network has
drawn it: ``load->drawn`` from the browser's navigation start to the first ``afterDrawing``
event, ``goto->drawn`` as seen from Python. Target: the shared-corpus page drawn in under 3 s.

Chromium is Debian's ``/usr/bin/chromium`` (or $KG_CHROMIUM), driven by Playwright for Python;
no browser is downloaded. Without it the write times are still printed.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.render import DEFAULT_MAX_NODES, write_html  # noqa: E402
from kg.schema import node_id  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "hf-daily-papers"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]

_SYL = ("ka", "lo", "mi", "ra", "ten", "vo", "zu", "qi", "bel", "dor", "fen", "gra", "hu", "jin", "nex", "pol")


def _word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


def synthetic_graph(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of about ``n`` nodes shaped like kg's (papers, entities with skewed popularity, results)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name="synthetic")
    n_papers = max(1, int(n * 0.3))
    pools = {"Method": int(n * 0.22), "Dataset": int(n * 0.08), "Task": int(n * 0.06), "Metric": int(n * 0.04)}
    names: dict[str, list[str]] = {}
    for label, size in pools.items():
        names[label] = []
        for i in range(max(1, size)):
            name = f"{_word(rng)}-{i}"
            names[label].append(node_id(label, name))
            G.add_node(node_id(label, name), type=label, name=name, aliases=[name.replace("-", "")], papers=[], support=0)

    def pick(label: str) -> str:
        pool = names[label]
        return pool[min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1)] if rng.random() < 0.7 else rng.choice(pool)

    def ev(pid: str, text: str) -> list[dict]:
        return [{"paper": pid, "sentence": text, "start": 0, "end": 5}]

    def link(u: str, v: str, rel: str, pid: str, text: str) -> None:
        if G.has_edge(u, v, key=rel):
            G.edges[u, v, rel]["support"] += 1
        else:
            G.add_edge(u, v, key=rel, type=rel, evidence=ev(pid, text), support=1)

    n_results = 0
    budget_results = int(n * 0.2)
    for i in range(n_papers):
        pid = f"2401.{i:05d}"
        pnode = node_id("Paper", pid)
        title = f"{_word(rng, 4)}: {_word(rng)} for {_word(rng)} {_word(rng, 2)}"
        G.add_node(pnode, type="Paper", name=title, title=title, date="2024-01-01", aliases=[], support=1,
                   papers=[pid], urls=[], n_authors=rng.randint(1, 9), upvotes=rng.randint(0, 99))
        sentence = f"We propose {_word(rng)} and evaluate it on {_word(rng)}."
        touched = set()
        own = names["Method"][i % len(names["Method"])]
        link(pnode, own, "PROPOSES", pid, sentence)
        link(pnode, pick("Task"), "ADDRESSES", pid, sentence)
        touched.add(own)
        for label, k in (("Method", 3), ("Dataset", 2), ("Metric", 1), ("Task", 1)):
            for _ in range(rng.randint(0, k)):
                e = pick(label)
                touched.add(e)
                link(pnode, e, "MENTIONS", pid, sentence)
        if rng.random() < 0.3:
            link(own, pick("Method"), rng.choice(("USES", "BASED_ON", "OUTPERFORMS")), pid, sentence)
        if rng.random() < 0.4:
            link(own, pick("Dataset"), "EVALUATED_ON", pid, sentence)
        for _ in range(rng.randint(0, 2)):
            if n_results >= budget_results:
                break
            rid = node_id("Result", f"{pid}:{n_results}")
            n_results += 1
            ds, mt = pick("Dataset"), pick("Metric")
            value = round(rng.uniform(10, 99), 1)
            G.add_node(rid, type="Result", name=f"{value}% {G.nodes[mt]['name']} on {G.nodes[ds]['name']}",
                       value=value, unit="%", kind="score", method=G.nodes[own]["name"], dataset=G.nodes[ds]["name"],
                       metric=G.nodes[mt]["name"], task=None, text=f"{value}%", paper=pid, sentence=sentence,
                       aliases=[], support=1, papers=[pid])
            link(pnode, rid, "REPORTS", pid, sentence)
            link(rid, own, "OF_METHOD", pid, sentence)
            link(rid, ds, "ON_DATASET", pid, sentence)
            link(rid, mt, "MEASURED_BY", pid, sentence)
            touched.update((ds, mt))
        for e in touched:
            G.nodes[e]["papers"].append(pid)
            G.nodes[e]["support"] += 1
    G.remove_nodes_from([v for v in list(G) if G.degree(v) == 0])
    return G


def shared_graph():
    """The shared-corpus graph through ``kg.build_graph``, or None with the reason."""
    if not SHARED_CORPUS.is_dir():
        return None, f"{SHARED_CORPUS} not found"
    try:
        import kg
        build = kg.build_graph
    except Exception as e:  # the pipeline is not there (yet): say so, do not fail the benchmark
        return None, f"kg.build_graph unavailable: {type(e).__name__}: {e}"
    import warnings

    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = build([str(SHARED_CORPUS)])
    return G, f"built in {time.perf_counter() - t:.1f} s"


def find_chromium() -> str | None:
    exe = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return exe if exe and os.path.exists(exe) else None


class Browser:
    """One headless Chromium for every page (Playwright with Debian's chromium)."""

    def __init__(self, exe: str):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)

    def draw_time(self, path: Path, screenshot: Path | None = None) -> tuple[float, float, int, int]:
        """(load->drawn ms in the page, goto->drawn s from Python, vis nodes, vis edges)."""
        page = self.browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            t = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("document.documentElement.getAttribute('data-kg-drawn') === '1'", timeout=120_000)
            wall = time.perf_counter() - t
            drawn_ms, n, m = page.evaluate(
                "[window.kgDrawnAt, kg.nodes.length, kg.edges.get({filter: e => !e.kgShared}).length]")
            if screenshot:
                page.screenshot(path=str(screenshot))
            return drawn_ms, wall, n, m
        finally:
            page.close()

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000], help="synthetic graph sizes")
    ap.add_argument("--no-shared", action="store_true", help="skip the shared-corpus graph")
    ap.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES)
    ap.add_argument("--keep", help="write the pages (and screenshots) to this folder")
    ap.add_argument("--repeat", type=int, default=3, help="page loads per graph (the best is printed)")
    args = ap.parse_args(argv)

    graphs: list[tuple[str, nx.MultiDiGraph]] = []
    if not args.no_shared:
        G, how = shared_graph()
        print(f"shared corpus: {how}")
        if G is not None:
            graphs.append(("shared corpus", G))
    for n in args.sizes:
        graphs.append((f"synthetic {n:,}", synthetic_graph(n, seed=n)))

    exe = find_chromium()
    browser = None
    if exe:
        try:
            browser = Browser(exe)
        except Exception as e:
            print(f"no browser timings: {type(e).__name__}: {e}")
    else:
        print("no browser timings: chromium not found (apt-get install chromium)")

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-render-"))
    out.mkdir(parents=True, exist_ok=True)
    header = (f"{'graph':<18}{'opens on':>10}{'nodes':>8}{'edges':>8}{'drawn n':>9}{'drawn e':>9}{'write s':>9}"
              f"{'MB':>7}{'load->drawn s':>15}{'goto->drawn s':>15}")
    print(header)
    print("-" * len(header))
    try:
        # each graph twice, side by side: the page as it opens by default (the overview, on a large
        # graph) and opening on the whole drawn graph (overview=False)
        for (name, G), overview in ((g, o) for g in graphs for o in (None, False)):
            path = out / (name.replace(" ", "-").replace(",", "") + ("-whole" if overview is False else "") + ".html")
            t = time.perf_counter()
            rep = write_html(G, path, max_nodes=args.max_nodes, title=f"kg benchmark: {name}", overview=overview)
            write_s = time.perf_counter() - t
            size = path.stat().st_size / 1e6
            row = (f"{name:<18}{rep.view:>10}{G.number_of_nodes():>8,}{G.number_of_edges():>8,}{rep.nodes:>9,}"
                   f"{rep.edges:>9,}{write_s:>9.2f}{size:>7.1f}")
            if browser:
                best = None
                for i in range(max(1, args.repeat)):
                    shot = out / (path.stem + ".png") if (args.keep and i == 0) else None
                    res = browser.draw_time(path, shot)
                    assert (res[2], res[3]) == (rep.nodes, rep.edges), (res, rep)
                    best = res if best is None or res[0] < best[0] else best
                row += f"{best[0] / 1000:>15.2f}{best[1]:>15.2f}"
            print(row)
    finally:
        if browser:
            browser.close()
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
