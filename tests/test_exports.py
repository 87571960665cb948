"""Exports that survive mistakes and that real importers accept (issue 12).

Hostile values round-trip exactly through every format, or are refused before anything is
written; a build writes its folder atomically and removes only kg's own stale files; GraphML
reads typed in igraph and networkx; the export-format registry is the one place formats live.
"""
from __future__ import annotations

import json
import math
import re
import os
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.cli import main
from kg.errors import ExportError, InputError
from kg.io import graph_format, load_graph, save_graph, write_exports
from kg.readwrite import (EXPORT_FORMATS, ExportFormat, read_graphml, read_json, read_neo4j_csv, read_triples,
                          write_graphml, write_json, write_neo4j_csv, write_triples)

from _common import SAMPLES

#: Values that broke or could break an export: delimiters, quotes, line breaks, Unicode.
HOSTILE = [
    "semi;id-1", 'a "quoted", comma', "line one\nline two", "crlf\r\nand a lone cr\r", "tab\there",
    "back\\slash \\\" and \\n literally", "  leading and trailing spaces  ", "", "😀 emoji, 中文, العربية, e\u0301",
    "comma,semi;pipe|colon:", "'single' `back` quotes", "<b>&amp; markup</b>", "\u2028line\u2029separators",
    "\"", '""', ",", ";", "\n",
]


def hostile_graph() -> nx.MultiDiGraph:
    """A graph of kg's shape whose ids, names, aliases, urls and evidence hold every hostile value."""
    G = nx.MultiDiGraph()
    G.graph["paper_count"] = 2
    G.add_node("paper:semi;id-1", type="Paper", name='A "paper";\nwith, everything', title=HOSTILE[8],
               date=None, n_authors=3, upvotes=None, arxiv_id=None, urls=["https://x.org/p;1", "https://x.org/a,b"],
               sources=["f;1.txt:3", "b,2.jsonl:1"], aliases=[], support=1, papers=["semi;id-1"])
    G.add_node('paper:q"uote\nline', type="Paper", name="", title="t", date="--03-11", n_authors=None, upvotes=7,
               arxiv_id="2401.00001", urls=[], sources=[], aliases=[], support=1, papers=['q"uote\nline'])
    for i, text in enumerate(HOSTILE):
        G.add_node(f"method:m{i};{text}", type="Method", name=text or "x", aliases=[text + "!", text + "?"],
                   support=i + 1, papers=["semi;id-1", 'q"uote\nline'][: 1 + i % 2], confidence=0.5 + i / 100,
                   source="rules" if i % 2 else "gazetteer")
        ev = [{"paper": "semi;id-1", "sentence": text, "start": i, "end": i + 10 ** 12}]
        G.add_edge("paper:semi;id-1", f"method:m{i};{text}", key="MENTIONS", type="MENTIONS", evidence=ev,
                   support=1, confidence=1.0)
    G.add_node("result:semi;id-1:0", type="Result", name="76.5 %", value=76.5, unit="%", kind="score", text="76.5%",
               method="M;1", dataset=None, metric='a "b"', task=None, paper="semi;id-1", sentence=HOSTILE[2],
               aliases=[], support=1, papers=["semi;id-1"], flagged=True, extra={"k": [1, "x;y"]})
    G.add_node("result:q:0", type="Result", name="3", value=3.0, unit=None, kind="other", text="3", method=None,
               dataset="D,1", metric=None, task="t\n", paper='q"uote\nline', sentence="s", aliases=[],
               support=1, papers=['q"uote\nline'], flagged=False, extra=None)
    G.add_node("repo:github.com/o/r;x", type="Repository", name="o/r;x", url="https://github.com/o/r;x",
               aliases=[], support=1, papers=["semi;id-1"])
    G.add_edge("paper:semi;id-1", "result:semi;id-1:0", key="REPORTS", type="REPORTS", support=1,
               evidence=[{"paper": "semi;id-1", "sentence": 'He said "76.5%";\nthen left', "start": 0, "end": 5},
                         {"paper": 'q"uote\nline', "sentence": "", "start": 1, "end": 2}])
    G.add_edge("paper:semi;id-1", "repo:github.com/o/r;x", key="HAS_CODE", type="HAS_CODE", support=1, evidence=[])
    G.add_edge("method:m0;semi;id-1", "method:m1;a \"quoted\", comma", key="OUTPERFORMS", type="OUTPERFORMS",
               support=2, evidence=[])
    return G


def assert_same(G: nx.MultiDiGraph, H: nx.MultiDiGraph, attrs: bool = True) -> None:
    assert set(G.nodes) == set(H.nodes)
    assert sorted(G.edges(keys=True)) == sorted(H.edges(keys=True))
    if attrs:
        for n, d in G.nodes(data=True):
            assert H.nodes[n] == d, n
            assert {k: type(v) for k, v in H.nodes[n].items()} == {k: type(v) for k, v in d.items()}, n
        for u, v, k, d in G.edges(keys=True, data=True):
            assert H.edges[u, v, k] == d, (u, v, k)


@pytest.mark.parametrize("write, read", [(write_graphml, read_graphml), (write_json, read_json),
                                         (write_neo4j_csv, read_neo4j_csv)], ids=["graphml", "json", "neo4j_csv"])
def test_hostile_values_round_trip_exactly(tmp_path, write, read):
    G = hostile_graph()
    write(G, tmp_path / "g")
    assert_same(G, read(tmp_path / "g"))


def test_hostile_triples_keep_ids_names_and_evidence(tmp_path):
    G = hostile_graph()
    write_triples(G, tmp_path / "t.jsonl")
    H = read_triples(tmp_path / "t.jsonl")
    assert_same(G.subgraph([n for n in G if G.degree(n)]), H, attrs=False)
    for n in H:
        assert H.nodes[n]["name"] == G.nodes[n]["name"]
    for u, v, k, d in G.edges(keys=True, data=True):
        assert H.edges[u, v, k]["evidence"] == d["evidence"]


def test_neo4j_csv_never_changes_a_value(tmp_path):
    write_neo4j_csv(hostile_graph(), tmp_path)
    text = (tmp_path / "nodes_Paper.csv").read_text(encoding="utf-8")
    assert '"paper:semi;id-1"' in text and "https://x.org/p;1\x1fhttps://x.org/a,b" in text  # not "p,1"
    assert (tmp_path / "nodes_Method.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "id:ID,:LABEL,aliases:string[],confidence:double,name,papers:string[],source,support:long")
    rels = (tmp_path / "rels_REPORTS.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "evidence_papers:string[]" in rels and "evidence_starts:long[]" in rels


@pytest.mark.parametrize("bad, why", [
    ("bell\x07", "control character U+0007"), ("unit\x1fsep", "control character U+001F"),
    ("nul\x00", "control character U+0000"), ("lone \ud800 surrogate", "lone surrogate U+D800"),
    ("non\uffffchar", "non-character U+FFFF"), (float("nan"), "not a finite number"),
    (float("inf"), "not a finite number"), ([""], "one empty string"),
])
def test_unstorable_values_are_refused_before_anything_is_written(tmp_path, bad, why):
    out = tmp_path / "exports"
    write_exports(hostile_graph(), out, {"papers": 2})
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    G = hostile_graph()
    G.nodes["method:m2;line one\nline two"]["aliases" if isinstance(bad, list) else "name"] = bad
    with pytest.raises(ExportError, match=re.escape(why)) as e:
        write_exports(G, out, {"papers": 2})
    assert "method:m2" in str(e.value) and "\n" not in str(e.value).replace("\\n", "")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["exports"]  # no temporary folder left behind
    for write in (write_graphml, write_json, write_triples, write_neo4j_csv):
        with pytest.raises(ExportError, match=re.escape(why)):
            write(G, tmp_path / "one")


# ------------------------------------------------------------------------------------------ GraphML typed


def test_graphml_is_typed_for_igraph_and_networkx(tmp_path):
    import igraph

    G = hostile_graph()
    write_graphml(G, tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert 'attr.name="support" attr.type="long"' in text and 'attr.name="value" attr.type="double"' in text
    assert ">nan<" not in text.lower() and ">none<" not in text.lower()

    plain = nx.read_graphml(tmp_path / "g.graphml")  # networkx without kg's decoding
    for n, d in G.nodes(data=True):
        p = plain.nodes[n]
        assert type(p["support"]) is int and p["support"] == d["support"]
        assert json.loads(p["aliases"]) == d["aliases"] and json.loads(p["papers"]) == d["papers"]
        assert {k for k, v in d.items() if v is not None} == set(p)  # a missing value is absent
    g = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert g.vcount() == G.number_of_nodes() and g.ecount() == G.number_of_edges()
    ids = list(G.nodes)  # igraph keeps the file's order (and shows an "&" in an XML attribute as "&#38;")
    assert [v["id"] for v in g.vs if "&" not in v["id"]] == [n for n in ids if "&" not in n]
    for v in g.vs:
        d = G.nodes[ids[v.index]]
        assert v["support"] == d["support"] and float(v["support"]).is_integer()
        assert json.loads(v["aliases"]) == d["aliases"]
        assert v["name"] == d["name"] and v["type"] == d["type"]
        if d.get("value") is not None:
            assert v["value"] == d["value"]
        if d.get("flagged") is not None:
            assert v["flagged"] is d["flagged"]
    for e in g.es:
        assert json.loads(e["evidence"]) == G.edges[ids[e.source], ids[e.target], e["type"]]["evidence"]
    # attributes every node has are never nan in igraph
    for attr in ("support", "name", "type", "aliases", "papers"):
        assert not any(isinstance(x, float) and math.isnan(x) for x in g.vs[attr]), attr


def test_graphml_of_the_sample_build_reads_typed(tmp_path):
    import igraph

    assert main(["build", str(SAMPLES), "-o", str(tmp_path), "-q", "-j", "1", "--rules-only"]) == 0
    G = load_graph(tmp_path / "graph.graphml")
    g = igraph.Graph.Read_GraphML(str(tmp_path / "graph.graphml"))
    assert sorted(g.vs["support"]) == sorted(d["support"] for _, d in G.nodes(data=True))
    assert all(isinstance(json.loads(a), list) for a in g.vs["aliases"])


# ------------------------------------------------------------------------------------------ atomic folder


def test_rebuild_removes_only_kgs_stale_files(tmp_path):
    out = tmp_path / "exports"
    G = hostile_graph()
    write_exports(G, out, {"run": 1})
    assert (out / "neo4j" / "rels_OUTPERFORMS.csv").exists() and (out / "neo4j" / "nodes_Repository.csv").exists()
    (out / "notes.txt").write_text("mine")
    (out / "neo4j" / "import.sh").write_text("mine too")
    (out / "neo4j" / "nodes_Old.csv.bak").write_text("not kg's pattern")
    H = G.copy()
    H.remove_node("repo:github.com/o/r;x")
    H.remove_edge("method:m0;semi;id-1", "method:m1;a \"quoted\", comma", "OUTPERFORMS")
    write_exports(H, out, {"run": 2})
    names = sorted(p.name for p in (out / "neo4j").iterdir())
    assert "rels_OUTPERFORMS.csv" not in names and "nodes_Repository.csv" not in names
    assert "rels_HAS_CODE.csv" not in names
    assert {"import.sh", "nodes_Old.csv.bak", "nodes_Method.csv"} <= set(names)
    assert (out / "notes.txt").read_text() == "mine"
    assert json.loads((out / "report.json").read_text()) == {"run": 2}
    assert_same(H, load_graph(out))
    assert_same(H, read_neo4j_csv(out / "neo4j"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_a_failing_writer_leaves_the_previous_exports(tmp_path, monkeypatch):
    out = tmp_path / "exports"
    write_exports(hostile_graph(), out, {"run": 1})
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(G, path):
        Path(path).mkdir()
        (Path(path) / "nodes_Paper.csv").write_text("half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setitem(EXPORT_FORMATS, "neo4j_csv", EXPORT_FORMATS["neo4j_csv"].__class__(
        **{**EXPORT_FORMATS["neo4j_csv"].__dict__, "write": broken}))
    with pytest.raises(ExportError, match="No space left on device"):
        write_exports(nx.MultiDiGraph(), out, {"run": 2})
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_no_paper_is_an_error_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "exports"
    assert main(["build", str(SAMPLES), "-o", str(out), "-q", "-j", "1", "--rules-only"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    code = main(["build", str(tmp_path / "wrong.jsonl"), "-o", str(out), "-j", "1", "--rules-only"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == InputError.exit_code
    assert err[0].startswith("kg: warning:") and err[-1].startswith("kg: error: ") and "no paper" in err[-1]
    assert len(err) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert main(["build", str(tmp_path / "wrong.jsonl"), "-o", str(tmp_path / "empty"), "-q", "--allow-empty"]) == 0
    assert json.loads((tmp_path / "empty" / "report.json").read_text())["unique_papers"] == 0
    assert load_graph(tmp_path / "empty").number_of_nodes() == 0
    with pytest.raises(InputError, match="no paper"):
        kg.build_graph([tmp_path / "wrong.jsonl"])


def test_html_page_is_written_with_the_exports(tmp_path):
    assert main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path / "o"), "-q", "--html", "-j", "1",
                 "--rules-only"]) == 0
    assert (tmp_path / "o" / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ------------------------------------------------------------------------------------------ the registry


def test_the_registry_drives_io_and_the_cli(tmp_path):
    G = hostile_graph()
    paths = write_exports(G, tmp_path / "out")
    assert set(paths) == set(EXPORT_FORMATS)
    for name, f in EXPORT_FORMATS.items():
        assert paths[name] == tmp_path / "out" / f.filename and paths[name].exists()
        assert graph_format(paths[name]) is (f if f.read is not None else None)  # a write-only format reads nothing
    assert graph_format(tmp_path / "out").name == "graphml"
    assert graph_format(SAMPLES / "papers.jsonl") is None  # papers, not triples
    assert graph_format(SAMPLES) is None


def test_a_new_format_is_one_entry(tmp_path, monkeypatch):
    def write_edgelist(G, path):
        nx.write_edgelist(G, path, data=False)

    def read_edgelist(path):
        return nx.read_edgelist(path, create_using=nx.MultiDiGraph)

    monkeypatch.setitem(EXPORT_FORMATS, "edgelist", ExportFormat(
        "edgelist", "graph.edgelist", (".edgelist",), write_edgelist, read_edgelist, "one edge a line"))
    G = nx.MultiDiGraph()
    G.add_edge("paper:a", "method:b", key="PROPOSES", type="PROPOSES", evidence=[], support=1)
    nx.set_node_attributes(G, {"paper:a": "Paper", "method:b": "Method"}, "type")
    nx.set_node_attributes(G, "n", "name")
    paths = write_exports(G, tmp_path / "out")
    assert paths["edgelist"].read_text().split() == ["paper:a", "method:b"]
    save_graph(G, tmp_path / "g.edgelist")
    assert list(load_graph(tmp_path / "g.edgelist").edges()) == [("paper:a", "method:b")]


def test_push_reads_triples_as_a_graph(tmp_path, monkeypatch):
    import kg.neo4j

    write_exports(hostile_graph(), tmp_path / "out")
    seen = {}

    def fake_push(G, uri, auth, database, replace=False):
        seen["G"] = G
        raise kg.Neo4jError("stop here")

    monkeypatch.setattr(kg.neo4j, "push", fake_push)
    assert main(["push", str(tmp_path / "out" / "triples.jsonl"), "-q"]) == 5
    assert set(seen["G"].edges(keys=True)) == set(hostile_graph().edges(keys=True))


# ------------------------------------------------------------------------------------------ the library


def test_build_graph_leaves_process_state_as_it_was(capsys):
    import gc

    papers = [kg.Paper(id=f"p{i}", title="", abstract=f"We propose ZorbNet-{i}, which beats ResNet-50 on ImageNet.")
              for i in range(5)]
    state = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    G = kg.build_graph(papers, nlp=kg.make_nlp(trained=False), progress=lambda done, total: None)
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == state
    assert G.number_of_nodes() > 5
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_progress_bar_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    import sys

    import kg.cli

    assert main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path / "a"), "-j", "1", "--rules-only"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "papers/s" not in err and "it/s" not in err
    monkeypatch.setattr(kg.cli, "_is_terminal", lambda stream: stream is sys.stderr)
    assert main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path / "b"), "-j", "1", "--rules-only"]) == 0
    assert "extract" in capsys.readouterr().err


def test_dedupe_of_200k_lines(tmp_path):
    # quadratic merging took 19+ minutes here; the benchmark (benchmarks/bench_dedupe.py) times it
    from kg.ingest import dedupe, read_papers

    lines = (SAMPLES / "papers.jsonl").read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines[i % len(lines)] for i in range(200_000)) + "\n", encoding="utf-8")
    papers = list(read_papers(big))
    unique = dedupe(papers)
    assert len(papers) == 200_000 and [p.id for p in unique] == [json.loads(x)["id"] for x in lines]
    assert all(len(p.sources) == 200_000 // len(lines) for p in unique)
