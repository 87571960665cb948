"""Confidence and source on every node and edge, through every export, Neo4j and the page; and the
threshold (``min_confidence``) that decides what the graph holds (issue 11).

The confidences here are set by hand: extractions built directly, or a pipeline with a small judge
component of this module that gives each entity the confidence a table says.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from spacy.language import Language

import kg
from kg.assemble import assemble
from kg.cli import main
from kg.extract import above_threshold, extract
from kg.model import Entity, Evidence, Extraction, Paper, Result, Triple
from kg.readwrite import read_graphml, read_json, read_neo4j_csv, read_triples, write_graphml, write_json
from kg.readwrite import write_neo4j_csv, write_triples

TITLE = "ZorbNet: Fast Nets"
ABSTRACT = ("We propose ZorbNet. ZorbNet reaches 81.2% top-1 accuracy on CIFAR-10 and outperforms GlorpNet. "
            "Code: https://github.com/o/zorbnet")
#: how sure the test judge is of each name (others: 0.8)
SCORES = {"CIFAR-10": 0.3, "GlorpNet": 0.2, "top-1 accuracy": 0.95}


@Language.factory("kg_test_judge", default_config={"scores": {}, "source": "classifier"},
                  requires=["doc._.kg_ents"], assigns=["doc._.kg_judged"])
def make_test_judge(nlp, name, scores: dict, source: str):
    """A judge for the tests: each entity gets the confidence ``scores`` gives its text (0.8 else)."""
    from kg.components.doc import entities, put

    def judge(doc):
        put(doc, "kg_judged", {(e.start_char, e.end_char, e.label_): (scores.get(e.text, 0.8), source)
                               for e in entities(doc)})
        return doc

    return judge


@pytest.fixture(scope="module")
def judged_nlp():
    nlp = kg.make_nlp(trained=False)
    nlp.add_pipe("kg_test_judge", after="kg_entity_filter", config={"scores": SCORES})
    return nlp


def _paper(pid="p1"):
    return Paper(id=pid, title=TITLE, abstract=ABSTRACT, urls=("https://github.com/o/zorbnet",))


# --------------------------------------------------------------------------- extraction and the threshold

def test_extraction_takes_the_judged_confidence_and_source(judged_nlp):
    rec = extract(_paper(), judged_nlp, min_confidence=0.0).to_record()
    by_name = {e["name"]: (e["confidence"], e["source"]) for e in rec["entities"]}
    assert by_name == {"ZorbNet": (0.8, "classifier"), "CIFAR-10": (0.3, "classifier"),
                       "GlorpNet": (0.2, "classifier"), "top-1 accuracy": (0.95, "classifier")}
    # without a judge: 1.0, and the gazetteer or the rules
    rec = extract(_paper(), kg.make_nlp(trained=False)).to_record()
    assert {(e["name"], e["source"]) for e in rec["entities"] if e["confidence"] == 1.0} == {
        ("ZorbNet", "rules"), ("CIFAR-10", "gazetteer"), ("GlorpNet", "rules"), ("top-1 accuracy", "gazetteer")}


def test_min_confidence_drops_entities_their_relations_and_result_bindings(judged_nlp):
    ex = extract(_paper(), judged_nlp, min_confidence=0.5)
    # CIFAR-10 (0.3) stays: the result kept is bound to it; GlorpNet (0.2) goes, with its relation
    assert {e.name for e in ex.entities} == {"ZorbNet", "top-1 accuracy", "CIFAR-10"}
    assert {e.confidence for e in ex.entities if e.name == "CIFAR-10"} == {0.3}  # (at its own confidence)
    # (and the relation the result states: the rules-only pipeline reads EVALUATED_ON off results)
    assert {(t.subject, t.predicate, t.object) for t in ex.triples} == {
        ("p1", "PROPOSES", "ZorbNet"), ("ZorbNet", "EVALUATED_ON", "CIFAR-10")}
    [r] = ex.results
    assert (r.method, r.dataset, r.metric, r.value) == ("ZorbNet", "CIFAR-10", "top-1 accuracy", 81.2)
    # a result dropped takes its bindings with it: nothing else keeps CIFAR-10
    p = Paper(id="p", title="", abstract="ZorbNet reaches 81.2% on CIFAR-10.")
    ex = Extraction(p, (Entity("Method", "ZorbNet", "ZorbNet", 0, 7, 0.9, "classifier"),
                        Entity("Dataset", "CIFAR-10", "CIFAR-10", 22, 30, 0.3, "classifier")),
                    results=(Result(81.2, "%", "score", "ZorbNet", "CIFAR-10", None, None, "81.2%",
                                    Evidence("p", p.abstract, 16, 21), confidence=0.4),))
    assert {e.name for e in above_threshold(ex, 0.5).entities} == {"ZorbNet"}
    assert {e.name for e in above_threshold(ex, 0.35).entities} == {"ZorbNet", "CIFAR-10"}
    with pytest.raises(ValueError, match="from 0 to 1"):
        extract(_paper(), judged_nlp, min_confidence=1.5)


def test_the_default_threshold_is_the_pipelines(judged_nlp):
    papers = [_paper("a"), _paper("b")]
    assert {e.name for e in extract(_paper(), judged_nlp).entities} >= {"GlorpNet"}  # no threshold: 0.0
    judged_nlp.meta["kg_min_confidence"] = 0.5
    kept = {"ZorbNet", "top-1 accuracy", "CIFAR-10"}  # (CIFAR-10: the dataset of a result kept)
    try:
        assert {e.name for e in extract(_paper(), judged_nlp).entities} == kept
        assert all({e.name for e in ex.entities} == kept for ex in extract(papers, judged_nlp))
        assert "GlorpNet" in {e.name for e in extract(_paper(), judged_nlp, min_confidence=0.0).entities}
        G = kg.build_graph(papers, nlp=judged_nlp)
        assert "method:glorpnet" not in G and "dataset:cifar-10" in G
    finally:
        del judged_nlp.meta["kg_min_confidence"]


def test_the_graph_never_gets_a_dropped_name_back(judged_nlp):
    G = kg.build_graph([_paper("a"), _paper("b")], nlp=judged_nlp, min_confidence=0.5)
    names = {d["name"] for _, d in G.nodes(data=True)}
    assert "GlorpNet" not in names and "CIFAR-10" in names  # (the dataset of a result kept)
    r = G.nodes["result:a:0"]
    assert r["dataset"] == "CIFAR-10" and any(k == "ON_DATASET" for _, _, k in G.out_edges("result:a:0", keys=True))
    assert not any(k == "OUTPERFORMS" for _, _, k in G.edges(keys=True))
    full = kg.build_graph([_paper("a"), _paper("b")], nlp=judged_nlp, min_confidence=0.0)
    assert {"method:glorpnet", "dataset:cifar-10"} <= set(full)
    assert full.nodes["dataset:cifar-10"]["confidence"] == 0.3


def test_an_acronym_of_a_dropped_name_is_no_alias():
    p = Paper(id="p", title="", abstract="Zorb Network (ZN) is fast.")
    ex = Extraction(p, (Entity("Method", "Zorb Network", "Zorb Network", 0, 12, 0.2, "tagger"),
                        Entity("Method", "ZN", "ZN", 14, 16, 0.9, "rules")),
                    aliases=(("Method", "Zorb Network", "ZN"),))
    kept = above_threshold(ex, 0.5)
    assert [e.name for e in kept.entities] == ["ZN"] and kept.aliases == ()
    assert above_threshold(ex, 0.0) is ex


def test_cli_min_confidence(judged_nlp, tmp_path, monkeypatch, capsys):
    import kg.cli
    import kg.engine

    (tmp_path / "p.jsonl").write_text(json.dumps({"id": "p1", "title": TITLE, "abstract": ABSTRACT}) + "\n")
    monkeypatch.setattr(kg.cli, "_nlp", lambda args: judged_nlp)  # kg extract's pipeline
    monkeypatch.setattr(kg.engine.PipelineSpec, "nlp", lambda spec: judged_nlp)  # kg build's
    assert main(["extract", str(tmp_path / "p.jsonl"), "-o", str(tmp_path / "x.jsonl"), "-q", "--min-confidence", "0.5"]) == 0
    rec = json.loads((tmp_path / "x.jsonl").read_text())
    assert {e["name"] for e in rec["entities"]} == {"ZorbNet", "top-1 accuracy", "CIFAR-10"}
    assert main(["build", str(tmp_path / "p.jsonl"), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                 "--min-confidence", "0.25"]) == 0
    G = kg.load_graph(tmp_path / "out" / "graph.json")
    assert "dataset:cifar-10" in G and "method:glorpnet" not in G
    with pytest.raises(SystemExit) as e:
        main(["build", str(tmp_path / "p.jsonl"), "--min-confidence", "high"])
    assert e.value.code == 2 and "expected a number from 0 to 1, not 'high'" in capsys.readouterr().err


# --------------------------------------------------------------------------- assembly

def _ev(pid, start=0, end=5):
    return Evidence(pid, "A sentence.", start, end)


def small_graph() -> nx.MultiDiGraph:
    """Two papers whose mentions of one name disagree on how sure they are and what found them."""
    a = Paper(id="a", title="", abstract="ZorbNet beats GlorpNet on CIFAR-10.", urls=("https://github.com/o/r",))
    b = Paper(id="b", title="", abstract="ZorbNet and zorbnet.")
    ents_a = (Entity("Method", "ZorbNet", "ZorbNet", 0, 7, 0.6, "tagger"),
              Entity("Method", "GlorpNet", "GlorpNet", 14, 22, 0.7, "rules"),
              Entity("Dataset", "CIFAR-10", "CIFAR-10", 26, 34, 1.0, "gazetteer"))
    ents_b = (Entity("Method", "ZorbNet", "ZorbNet", 0, 7, 0.5, "rules"),
              Entity("Method", "zorbnet", "ZorbNet", 12, 19, 0.9, "gazetteer"))
    triples_a = (Triple("Method", "ZorbNet", "OUTPERFORMS", "Method", "GlorpNet", _ev("a"), 0.4, "classifier"),
                 Triple("Paper", "a", "PROPOSES", "Method", "ZorbNet", _ev("a")))
    triples_b = (Triple("Method", "ZorbNet", "OUTPERFORMS", "Method", "GlorpNet", _ev("b"), 0.7, "rules"),)
    results_a = (Result(81.2, "%", "score", "ZorbNet", "CIFAR-10", "error rate", None, "81.2%", _ev("a"), 0.55, "rules"),)
    return assemble([Extraction(a, ents_a, results_a, triples_a), Extraction(b, ents_b, (), triples_b)])


def test_a_node_is_as_sure_as_its_surest_mention_and_found_by_all_that_found_it():
    G = small_graph()
    z = G.nodes["method:zorbnet"]
    assert (z["confidence"], z["source"]) == (0.9, "gazetteer+rules+tagger")
    assert (G.nodes["method:glorpnet"]["confidence"], G.nodes["method:glorpnet"]["source"]) == (0.7, "rules")
    # a name only a result names (no paper mentions it) is as sure as that result
    m = G.nodes["metric:error-rate"]
    assert (m["confidence"], m["source"]) == (0.55, "rules")
    r = G.nodes["result:a:0"]
    assert (r["confidence"], r["source"]) == (0.55, "rules")
    for n in ("paper:a", "paper:b", "repo:github.com/o/r"):
        assert (G.nodes[n]["confidence"], G.nodes[n]["source"]) == (1.0, "input")


def test_an_edge_is_as_sure_as_its_surest_evidence():
    G = small_graph()
    o = G.edges["method:zorbnet", "method:glorpnet", "OUTPERFORMS"]
    assert (o["confidence"], o["source"], o["support"]) == (0.7, "rules+classifier", 2)
    m = G.edges["paper:b", "method:zorbnet", "MENTIONS"]  # two mentions in b: the surer one
    assert (m["confidence"], m["source"]) == (0.9, "gazetteer+rules")
    assert G.edges["paper:a", "repo:github.com/o/r", "HAS_CODE"]["source"] == "input"
    assert G.edges["result:a:0", "dataset:cifar-10", "ON_DATASET"]["confidence"] == 0.55
    assert G.edges["paper:a", "method:zorbnet", "PROPOSES"]["confidence"] == 1.0


# --------------------------------------------------------------------------- exports

@pytest.mark.parametrize("write, read", [(write_graphml, read_graphml), (write_json, read_json),
                                         (write_neo4j_csv, read_neo4j_csv)], ids=["graphml", "json", "neo4j_csv"])
def test_every_export_keeps_confidence_and_source(tmp_path, write, read):
    G = small_graph()
    write(G, tmp_path / "g")
    H = read(tmp_path / "g")
    for n, d in G.nodes(data=True):
        assert (H.nodes[n]["confidence"], H.nodes[n]["source"]) == (d["confidence"], d["source"]), n
        assert isinstance(H.nodes[n]["confidence"], float)
    for u, v, k, d in G.edges(keys=True, data=True):
        assert (H.edges[u, v, k]["confidence"], H.edges[u, v, k]["source"]) == (d["confidence"], d["source"])


def test_graphml_and_neo4j_csv_type_them(tmp_path):
    G = small_graph()
    write_graphml(G, tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text()
    for scope in ("node", "edge"):
        assert f'for="{scope}" attr.name="confidence" attr.type="double"' in text
        assert f'for="{scope}" attr.name="source" attr.type="string"' in text
    write_neo4j_csv(G, tmp_path / "csv")
    for f in ("nodes_Method.csv", "nodes_Paper.csv", "rels_OUTPERFORMS.csv", "rels_HAS_CODE.csv"):
        header = (tmp_path / "csv" / f).read_text().splitlines()[0].split(",")
        assert "confidence:double" in header and "source" in header, f


def test_triples_carry_them(tmp_path):
    G = small_graph()
    write_triples(G, tmp_path / "t.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text().splitlines()]
    o = next(x for x in lines if x["predicate"] == "OUTPERFORMS")
    assert (o["confidence"], o["source"]) == (0.7, "rules+classifier")
    assert (o["subject"]["confidence"], o["subject"]["source"]) == (0.9, "gazetteer+rules+tagger")
    H = read_triples(tmp_path / "t.jsonl")
    assert H.nodes["method:zorbnet"]["confidence"] == 0.9
    assert H.edges["method:zorbnet", "method:glorpnet", "OUTPERFORMS"]["source"] == "rules+classifier"


# --------------------------------------------------------------------------- Neo4j and the page

def test_push_keeps_the_surest_and_every_source(neo4j_db):
    from kg.neo4j import push

    first, second = small_graph(), small_graph()
    second.nodes["method:zorbnet"].update(confidence=0.3, source="classifier")
    second.nodes["method:glorpnet"].update(confidence=0.95, source="gazetteer")
    second.edges["method:zorbnet", "method:glorpnet", "OUTPERFORMS"].update(confidence=0.8, source="tagger")
    push(first, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    row = neo4j_db.run("MATCH (n:Method {id: 'method:zorbnet'}) RETURN n.confidence AS c, n.source AS s")[0]
    assert (row["c"], row["s"]) == (0.9, "gazetteer+rules+tagger")
    push(second, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    rows = neo4j_db.run("MATCH (n:Method) RETURN n.id AS id, n.confidence AS c, n.source AS s ORDER BY id")
    assert [(r["id"], r["c"], r["s"]) for r in rows] == [
        ("method:glorpnet", 0.95, "gazetteer+rules"), ("method:zorbnet", 0.9, "gazetteer+rules+tagger+classifier")]
    rel = neo4j_db.run("MATCH (:Method)-[r:OUTPERFORMS]->(:Method) RETURN r.confidence AS c, r.source AS s")[0]
    assert (rel["c"], rel["s"]) == (0.8, "rules+tagger+classifier")
    assert neo4j_db.value("MATCH (p:Paper {id: 'paper:a'}) RETURN p.source") == "input"


def test_tooltips_say_how_sure_and_what_found_it():
    from kg.tooltips import edge_title, node_title

    G = small_graph()
    assert "Confidence: 0.90 (gazetteer+rules+tagger)" in node_title(G, "method:zorbnet", G.nodes["method:zorbnet"])
    assert "Confidence: 1.00 (input)" in node_title(G, "paper:a", G.nodes["paper:a"])
    d = G.edges["method:zorbnet", "method:glorpnet", "OUTPERFORMS"]
    assert "Confidence: 0.70 (rules+classifier)" in edge_title(G, "method:zorbnet", "method:glorpnet", "OUTPERFORMS", d)
    # a graph made elsewhere, without them: nothing said
    H = nx.MultiDiGraph()
    H.add_node("method:x", type="Method", name="X")
    assert "Confidence" not in node_title(H, "method:x", H.nodes["method:x"])
