"""The Neo4j CSV export imports with the real ``neo4j-admin database import full`` (Neo4j 5.26, from
the jars of docker/neo4j-harness), run exactly as the README shows it, and nothing changes on the way.

The README's command block runs in bash with ``neo4j-admin`` on PATH (a script that starts the
tool's main class, ``org.neo4j.cli.AdminTool``, in a child JVM); StoreDump.java then reads every
node and relationship of the new store, which the tests compare with the graph.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from kg.cli import main
from kg.io import load_graph, write_exports

from _common import ROOT, SAMPLES, shared  # noqa: F401 (a fixture)
from conftest import _load_harness
from test_exports import hostile_graph

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_import_command() -> str:
    """The README's neo4j-admin block, without its ``cd`` line (the test runs it in the folder)."""
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    block = next(b for b in blocks if "neo4j-admin database import full" in b)
    return "\n".join(line for line in block.splitlines() if not line.startswith("cd "))


@pytest.fixture(scope="module")
def harness():
    h = _load_harness()
    reason = h.java_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return h


def neo4j_import(harness, tmp_path, csv_folder):
    """Run the README's command on ``csv_folder``; return the store's (nodes, relationships)."""
    home = tmp_path / "neo4j-home"
    shim = harness.neo4j_admin_shim(tmp_path / "bin", home)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", readme_import_command()], cwd=csv_folder, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "IMPORT DONE" in proc.stdout
    return harness.dump_store(home)


def expected_properties(G):
    """What each node and relationship of ``G`` should hold in Neo4j (as kg push stores it)."""
    def props(d):
        out = {}
        for k, v in d.items():
            if k == "type" or v is None or v == []:
                continue  # (neo4j-admin has no empty list: an empty list is no property)
            out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
        return out

    nodes = {n: ([d["type"]], {"id": n, **props(d)}) for n, d in G.nodes(data=True)}
    rels = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        d = dict(d)
        ev = d.pop("evidence", None) or []
        p = props(d)
        if ev:
            p.update(evidence_papers=[e["paper"] for e in ev], evidence_sentences=[e["sentence"] for e in ev],
                     evidence_starts=[e["start"] for e in ev], evidence_ends=[e["end"] for e in ev])
            for name in ("evidence_papers", "evidence_sentences"):
                if p[name] == [""]:  # (the README says so: neo4j-admin reads it as an empty list, i.e. none)
                    del p[name]
        rels[(u, k, v)] = p
    return nodes, rels


def test_shared_corpus_imports_with_the_readme_command(harness, shared, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(shared / "corpus" / "hf-daily-papers"), "-o", str(out), "-q"]) == 0
    G = load_graph(out)
    nodes, rels = neo4j_import(harness, tmp_path, out / "neo4j")
    assert len(nodes) == G.number_of_nodes() and len(rels) == G.number_of_edges()
    assert sorted(n["properties"]["id"] for n in nodes) == sorted(G.nodes)
    assert {n["properties"]["id"]: n["labels"] for n in nodes} == {n: [d["type"]] for n, d in G.nodes(data=True)}
    assert sorted((r["start"], r["type"], r["end"]) for r in rels) == sorted((u, k, v) for u, v, k in G.edges(keys=True))
    want_nodes, want_rels = expected_properties(G)
    for n in nodes:
        assert n["properties"] == want_nodes[n["properties"]["id"]][1]
    for r in rels:
        assert r["properties"] == want_rels[(r["start"], r["type"], r["end"])]


def test_hostile_values_survive_neo4j_admin(harness, tmp_path):
    # first an earlier build into the same folder, with labels and types the new graph lacks
    # (their stale files made neo4j-admin fail: "referring to missing node result:...")
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "exports"), "-q", "-j", "1", "--rules-only"]) == 0
    G = hostile_graph()
    assert {d["type"] for _, d in load_graph(tmp_path / "exports").nodes(data=True)} - \
        {d["type"] for _, d in G.nodes(data=True)}
    write_exports(G, tmp_path / "exports")
    nodes, rels = neo4j_import(harness, tmp_path, tmp_path / "exports" / "neo4j")
    want_nodes, want_rels = expected_properties(G)
    got = {n["properties"]["id"]: (n["labels"], n["properties"]) for n in nodes}
    assert got == want_nodes  # ids like "paper:semi;id-1", urls ".../p;1", line breaks, quotes: all exact
    assert {(r["start"], r["type"], r["end"]): r["properties"] for r in rels} == want_rels
