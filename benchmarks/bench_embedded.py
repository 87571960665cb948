"""Benchmark of the embedded database against Neo4j: the graph of 50,000 abstracts, in one run.

    python benchmarks/bench_embedded.py                          # 50,000 abstracts, test server started here
    python benchmarks/bench_embedded.py --papers 5000            # a smaller run
    python benchmarks/bench_embedded.py --cache /tmp/g50k.pickle # build once, reuse the graph next time
                                                                 # (the same cache file as bench_push.py)

The graph: the shared corpus repeated to ``--papers`` abstracts (benchmarks/_corpus.py), built with
``kg.build_graph``. The server: the Neo4j test harness of docker/neo4j-harness (2 GB heap), unless
KG_NEO4J_URI is set (a THROWAWAY server: it is emptied).

Figures, side by side in the same run:
1. load: ``kg.embedded.write_database`` into a new file (bulk COPY FROM Arrow, one transaction) and
   ``kg.neo4j.push`` into the emptied Neo4j database (after an untimed warm-up of the server);
   then both again with the same graph (everything merges onto what is there);
2. size on disk: the LadybugDB file, and Neo4j's store (data/databases/neo4j) and transaction logs
   once a checkpoint has written the store files (only when the harness runs here; community Neo4j
   has no db.checkpoint(), so the run waits up to 15 minutes for the server's scheduled one;
   ``--no-neo4j-size`` skips that);
3. latency of the README's leaderboard query for the most reported (dataset, metric) pair of the
   graph: the median of ``--runs`` runs on an open database / driver session ("warm"), and of
   ``kg.query`` calls that open and close the database or the driver each time ("cold").
Both engines must return the same rows (exit status 1 otherwise, or when a database does not hold
the graph afterwards).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_push import build, counts, empty, server  # noqa: E402  (the same graph and server as bench_push)


def readme_query(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Query with Cypher\n", 1)[1].split("\n## ", 1)[0]
    for block in re.findall(r"```cypher\n(.*?)```", section, re.S):
        if re.match(rf"//\s*{name}\b", block):
            return block
    raise SystemExit(f"README.md has no ```cypher block '// {name}'")


def busiest_pair(G) -> dict:
    """The (dataset, metric) of the most score results: the leaderboard with the most rows."""
    pairs = Counter((d.get("dataset"), d.get("metric")) for _, d in G.nodes(data=True)
                    if d.get("type") == "Result" and d.get("kind") == "score" and d.get("dataset") and d.get("metric"))
    (dataset, metric), _ = pairs.most_common(1)[0]
    return {"dataset": dataset, "metric": metric, "lower_is_better": False}


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def checkpoints(tmp: Path, database: str) -> tuple[int, int]:
    """(started, completed) checkpoints of ``database`` in the harness server's debug.log."""
    logs = list((tmp / "neo4j" / "server").glob("*/logs/debug.log"))
    if not logs:
        return 0, 0
    text = logs[0].read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if f"[{database}/" in line and "Checkpoint triggered" in line]
    return sum("checkpoint started" in line for line in lines), sum("checkpoint completed" in line for line in lines)


def median_ms(fn, runs: int) -> float:
    for _ in range(3):  # warm-up: caches, plans
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=50_000, help="abstracts in the graph (default 50,000)")
    ap.add_argument("--cache", type=Path, help="pickle of the built graph: written after a build, read if present")
    ap.add_argument("--runs", type=int, default=20, help="timed runs of the query on each engine (default 20)")
    ap.add_argument("--no-neo4j-size", dest="neo4j_size", action="store_false",
                    help="do not wait (up to 15 minutes) for Neo4j's checkpoint to measure its store")
    args = ap.parse_args(argv)

    import neo4j

    import kg
    from kg.embedded import open_database, write_database
    from kg.neo4j import push

    G = build(args.papers, args.cache)
    params = busiest_pair(G)
    leaderboard = readme_query("leaderboard")
    print(f"leaderboard query: {params}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="kg-bench-embedded-") as tmp:
        tmp = Path(tmp)
        srv, uri, auth, database = server(tmp / "neo4j")
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            empty(driver, database)
            # warm the server up (JIT, query plans) so that it does not pay for a cold start
            t = time.perf_counter()
            push(G.subgraph(list(G)[:: max(1, G.number_of_nodes() // 3000)]).copy(), uri, auth, database)
            empty(driver, database)
            print(f"warm-up: {time.perf_counter() - t:.0f} s")

            path = tmp / "kg.lbug"
            e1 = write_database(G, path)
            embedded_bytes = size(path) + sum(size(p) for p in tmp.glob("kg.lbug.*"))
            print(f"embedded, new database: {e1.summary()}; {mb(embedded_bytes)} on disk", flush=True)
            e2 = write_database(G, path)
            print(f"embedded, same graph again: {e2.summary()}", flush=True)
            n1 = push(G, uri, auth, database)
            print(f"Neo4j, emptied database: {n1.summary()}", flush=True)
            n2 = push(G, uri, auth, database)
            print(f"Neo4j, same graph again: {n2.summary()}", flush=True)
            started = checkpoints(tmp, database)[0]

            def warm_embedded():
                return db.query(leaderboard, params)

            def warm_neo4j():
                with driver.session(database=database) as s:
                    return s.execute_read(lambda tx: [r.values() for r in tx.run(leaderboard, params)])

            with open_database(path) as db:
                rows_embedded = db.query(leaderboard, params)
                t_embedded = median_ms(warm_embedded, args.runs)
                nodes_embedded = db.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
                rels_embedded = db.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
            t_neo4j = median_ms(warm_neo4j, args.runs)
            rows_neo4j = kg.query(leaderboard, params, uri=uri, auth=auth, database=database)
            print(f"leaderboard warm: embedded {t_embedded:.1f} ms, Neo4j {t_neo4j:.1f} ms", flush=True)
            c_embedded = median_ms(lambda: kg.query(leaderboard, params, db=path), max(5, args.runs // 4))
            c_neo4j = median_ms(lambda: kg.query(leaderboard, params, uri=uri, auth=auth, database=database),
                                max(5, args.runs // 4))
            n, r = counts(driver, database)
            driver.close()
            store = logs = None
            if srv is not None and args.neo4j_size:
                # the store files hold everything only after a checkpoint; community Neo4j has no
                # db.checkpoint() and the harness deletes its folder at shutdown: wait for the next
                # scheduled checkpoint (every 15 minutes) that started after the last write
                print("waiting for Neo4j's next scheduled checkpoint to measure its store ...", flush=True)
                t = time.perf_counter()
                while checkpoints(tmp, database)[1] <= started and time.perf_counter() - t < 20 * 60:
                    time.sleep(10)
                if checkpoints(tmp, database)[1] > started:
                    data = next((tmp / "neo4j" / "server").glob("*/data"))
                    store, logs = size(data / "databases" / database), size(data / "transactions" / database)
        finally:
            if srv:
                srv.stop()

    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} relationships")
    print(f"load, new database:   embedded {e1.seconds:6.1f} s   Neo4j push {n1.seconds:6.1f} s   "
          f"(Neo4j / embedded = {n1.seconds / e1.seconds:.1f}x)")
    print(f"load, same graph again: embedded {e2.seconds:6.1f} s   Neo4j push {n2.seconds:6.1f} s   "
          f"(Neo4j / embedded = {n2.seconds / e2.seconds:.1f}x)")
    if store is not None:
        print(f"size on disk: embedded {mb(embedded_bytes)}   Neo4j store {mb(store)} + transaction logs {mb(logs)}   "
              f"(Neo4j store / embedded = {store / embedded_bytes:.1f}x)")
    else:
        print(f"size on disk: embedded {mb(embedded_bytes)}   Neo4j: not measured")
    print(f"leaderboard ({len(rows_embedded)} rows), median of {args.runs}, warm: embedded {t_embedded:.1f} ms   "
          f"Neo4j {t_neo4j:.1f} ms   (Neo4j / embedded = {t_neo4j / t_embedded:.1f}x)")
    print(f"leaderboard, kg.query opening the database or driver each time: embedded {c_embedded:.1f} ms   "
          f"Neo4j {c_neo4j:.1f} ms   (Neo4j / embedded = {c_neo4j / c_embedded:.1f}x)")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:,.0f} MB")
    checks = [
        ("both engines return the same leaderboard rows", list(rows_embedded) == list(rows_neo4j) and len(rows_embedded) > 0),
        ("embedded database holds exactly the graph after two writes",
         (nodes_embedded, rels_embedded) == (G.number_of_nodes(), G.number_of_edges())
         and e2.nodes_created == e2.relationships_created == 0),
        ("Neo4j holds exactly the graph after two pushes", (n, r) == (G.number_of_nodes(), G.number_of_edges())),
    ]
    for name, passed in checks:
        print(f"  [{'ok' if passed else 'MISSED'}] {name}")
        ok &= passed
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore::UserWarning")
    sys.exit(main())
