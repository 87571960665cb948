"""Benchmark of ``kg.neo4j.push``: the graph of 50,000 abstracts into a real Neo4j 5.26.

    python benchmarks/bench_push.py                        # 50,000 abstracts, test server started here
    python benchmarks/bench_push.py --papers 5000          # a smaller run
    python benchmarks/bench_push.py --cache /tmp/g50k.pickle   # build once, reuse the graph next time
    KG_NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python benchmarks/bench_push.py
                                                           # a server of yours: a THROWAWAY one, it is emptied

The graph: the shared corpus (../shared/corpus/hf-daily-papers, read with kg.ingest.read_papers)
repeated with distinct ids (and titles, so that the copies do not merge) until ``--papers``
abstracts, built with ``kg.build_graph``. The server: the Neo4j test harness of
docker/neo4j-harness (the one the tests use, 2 GB heap here), unless KG_NEO4J_URI is set.

Figures, all in the same run against the same server (after an untimed warm-up of the server
with both loaders on a few hundred rows, so that neither pays for the JVM's cold start):
1. a one-row-per-query MERGE loader (one auto-commit query per node, then per relationship) on a
   2,000-row slice of the nodes and a 2,000-row slice of the relationships: nodes/s and rels/s;
2. ``push`` of the whole graph into the emptied database: nodes/s and relationships/s;
3. ``push`` of the same graph again (everything merges onto what is there).
Targets: push >= 10x the one-row loader's rates; the second push at least as fast as the first.
Exit status 1 when a target is missed (or the database does not hold the graph afterwards).
The Python driver packs rows in pure Python unless the ``neo4j-rust-ext`` package is installed,
which makes pushing about twice as fast; the figures say which one ran.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import repeated_corpus  # noqa: E402

HARNESS = ROOT / "docker" / "neo4j-harness" / "harness.py"
SLICE = 2000
# spaCy's "component has no patterns" notices, once per worker and batch, would drown the figures
warnings.filterwarnings("ignore", category=UserWarning)
os.environ.setdefault("PYTHONWARNINGS", "ignore::UserWarning")


def build(n_papers: int, cache: Path | None):
    import kg

    if cache and cache.exists():
        t = time.perf_counter()
        with open(cache, "rb") as fh:
            G = pickle.load(fh)
        print(f"graph: loaded {cache} in {time.perf_counter() - t:.1f} s")
        return G
    papers = repeated_corpus(n_papers)
    t = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30 or done == total:
            last[0] = time.perf_counter()
            print(f"  build: {done:,}/{total:,} papers, {done / (last[0] - t):.0f} papers/s", flush=True)

    G = kg.build_graph(papers, progress=progress)
    print(f"graph: {len(papers):,} abstracts -> {G.number_of_nodes():,} nodes, "
          f"{G.number_of_edges():,} relationships, built in {time.perf_counter() - t:.0f} s")
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(G, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return G


def server(tmp: Path):
    uri = os.environ.get("KG_NEO4J_URI")
    if uri:
        from kg.neo4j import connection_settings

        _, auth, database = connection_settings(uri, env=os.environ)
        return None, uri, auth, database
    spec = importlib.util.spec_from_file_location("kg_neo4j_harness", HARNESS)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    if harness.java_missing():
        sys.exit(harness.java_missing())
    password = "kg-bench-password"
    srv = harness.HarnessServer(tmp, password=password, heap="2g")
    t = time.perf_counter()
    uri = srv.start()
    print(f"server: Neo4j test harness at {uri}, started in {time.perf_counter() - t:.0f} s")
    return srv, uri, ("neo4j", password), "neo4j"


def empty(driver, database: str) -> None:
    with driver.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def one_row_loader(driver, database: str, plan, n: int) -> tuple[float, float, int, int]:
    """The baseline: one auto-commit MERGE query per row. Returns (nodes/s, rels/s, nodes, rels)."""
    from kg.neo4j import NODE_FIELDS, REL_FIELDS, schema_statements

    nodes = [(label, dict(zip(NODE_FIELDS, row))) for label, rows in plan.nodes.items() for row in rows]
    rels = [(key, dict(zip(REL_FIELDS, row))) for key, rows in sorted(plan.rels.items()) for row in rows]
    nodes = nodes[:: max(1, len(nodes) // n)][:n]
    rels = rels[:: max(1, len(rels) // n)][:n]
    with driver.session(database=database) as s:
        for statement in schema_statements():
            s.run(statement).consume()
        t = time.perf_counter()
        for label, row in nodes:
            props = {**row["props"], "papers": row["papers"] or [], "aliases": row["aliases"], "support": row["support"]}
            s.run(f"MERGE (n:`{label}` {{id: $id}}) SET n += $props", id=row["id"], props=props).consume()
        node_rate = len(nodes) / (time.perf_counter() - t)
        t = time.perf_counter()
        for (rel, src, dst), row in rels:
            props = {**row["props"], "support": row["support"], "evidence_papers": row["ev_papers"],
                     "evidence_sentences": row["ev_sentences"], "evidence_starts": row["ev_starts"],
                     "evidence_ends": row["ev_ends"]}
            s.run(f"MERGE (a:`{src}` {{id: $src}}) MERGE (b:`{dst}` {{id: $dst}}) "
                  f"MERGE (a)-[r:`{rel}`]->(b) SET r += $props",
                  src=row["src"], dst=row["dst"], props=props).consume()
        rel_rate = len(rels) / (time.perf_counter() - t)
    return node_rate, rel_rate, len(nodes), len(rels)


def counts(driver, database: str) -> tuple[int, int]:
    with driver.session(database=database) as s:
        n = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        r = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    return n, r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=50_000, help="abstracts in the graph (default 50,000)")
    ap.add_argument("--cache", type=Path, help="pickle of the built graph: written after a build, read if present")
    ap.add_argument("--batch-size", type=int, default=None, help="rows per UNWIND batch (default kg.neo4j.BATCH_SIZE)")
    args = ap.parse_args(argv)

    import neo4j

    from kg.neo4j import BATCH_SIZE, _plan, push

    try:
        import neo4j._rust  # noqa: F401
        packer = "neo4j-rust-ext"
    except ImportError:
        packer = "pure Python (pip install neo4j-rust-ext for about 2x)"
    print(f"driver: neo4j {neo4j.__version__}, packstream: {packer}")
    G = build(args.papers, args.cache)
    batch = args.batch_size or BATCH_SIZE
    with tempfile.TemporaryDirectory(prefix="kg-bench-push-") as tmp:
        srv, uri, auth, database = server(Path(tmp))
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            empty(driver, database)
            plan = _plan(G)
            # warm the server up (JIT, query plans) so that neither loader pays for a cold start
            t = time.perf_counter()
            one_row_loader(driver, database, plan, 300)
            push(G.subgraph(list(G)[:: max(1, G.number_of_nodes() // 3000)]).copy(), uri, auth, database)
            empty(driver, database)
            print(f"warm-up: {time.perf_counter() - t:.0f} s")
            base_nodes, base_rels, n_nodes, n_rels = one_row_loader(driver, database, plan, SLICE)
            print(f"one-row loader ({n_nodes:,} nodes, {n_rels:,} relationships, one query each): "
                  f"{base_nodes:,.0f} nodes/s, {base_rels:,.0f} rels/s")
            empty(driver, database)

            first = push(G, uri, auth, database, batch_size=batch)
            second = push(G, uri, auth, database, batch_size=batch)
            n, r = counts(driver, database)
            driver.close()
        finally:
            if srv:
                srv.stop()

    def rates(rep) -> tuple[float, float]:
        return rep.nodes / rep.node_seconds, rep.relationships / rep.relationship_seconds

    (n1, r1), (n2, r2) = rates(first), rates(second)
    print(f"push (batches of {batch:,}), first:  {first.nodes:,} nodes in {first.node_seconds:.1f} s = {n1:,.0f} nodes/s"
          f" ({n1 / base_nodes:.0f}x); {first.relationships:,} rels in {first.relationship_seconds:.1f} s = "
          f"{r1:,.0f} rels/s ({r1 / base_rels:.0f}x); total {first.seconds:.1f} s")
    print(f"push (batches of {batch:,}), second: {second.nodes:,} nodes in {second.node_seconds:.1f} s = {n2:,.0f} nodes/s"
          f" ({n2 / base_nodes:.0f}x); {second.relationships:,} rels in {second.relationship_seconds:.1f} s = "
          f"{r2:,.0f} rels/s ({r2 / base_rels:.0f}x); total {second.seconds:.1f} s; "
          f"created {second.nodes_created} nodes, {second.relationships_created} rels")
    ok = True
    checks = [
        ("push nodes/s >= 10x one-row loader", n1 >= 10 * base_nodes),
        ("push rels/s >= 10x one-row loader", r1 >= 10 * base_rels),
        ("second push at least as fast as the first", second.seconds <= first.seconds),
        ("database holds exactly the graph after two pushes",
         (n, r) == (G.number_of_nodes(), G.number_of_edges()) and second.nodes_created == second.relationships_created == 0),
    ]
    for name, passed in checks:
        print(f"  [{'ok' if passed else 'MISSED'}] {name}")
        ok &= passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
