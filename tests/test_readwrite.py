"""Every export format round-trips: what is read back equals the graph that was written."""
import networkx as nx
import pytest

from kg.assemble import assemble
from kg.errors import ExportError
from kg.io import load_graph, save_graph, write_exports
from kg.model import Entity, Evidence, Extraction, Paper, Result, Source, Triple
from kg.readwrite import (read_graphml, read_json, read_neo4j_csv, read_triples, write_graphml, write_json,
                          write_neo4j_csv, write_triples)


@pytest.fixture(scope="module")
def graph():
    p = Paper(id="a", title='Quotes "and", commas; semicolons', abstract="x", date="--03-11", n_authors=3,
              urls=("https://github.com/o/r",), sources=(Source("f.txt", 7, "hf"),))
    ents = (Entity("Method", "ZorbNet", "ZorbNet", 0, 7), Entity("Dataset", "COCO test-dev", "COCO test-dev", 9, 22),
            Entity("Metric", "box AP", "box AP", 23, 29), Entity("Method", "ResNet50", "ResNet-50", 30, 38))
    ev = Evidence("a", "Line one,\n \"two\"; three <b>", 0, 7)
    return assemble([Extraction(p, ents, (Result(59.4, None, "score", "ZorbNet", "COCO test-dev", "box AP", None, "59.4", ev),),
                                (Triple("Method", "ZorbNet", "OUTPERFORMS", "Method", "ResNet-50", ev),))])


def _same(G, H, attrs=True):
    assert set(G.nodes) == set(H.nodes)
    assert set(G.edges(keys=True)) == set(H.edges(keys=True))
    if attrs:
        for n, d in G.nodes(data=True):
            assert H.nodes[n] == d, n
        for u, v, k, d in G.edges(keys=True, data=True):
            assert H.edges[u, v, k] == d


def test_graphml_round_trip(graph, tmp_path):
    write_graphml(graph, tmp_path / "g.graphml")
    _same(graph, read_graphml(tmp_path / "g.graphml"))
    # plain networkx reads it too (what Gephi users get)
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == graph.number_of_nodes()


def test_json_round_trip(graph, tmp_path):
    write_json(graph, tmp_path / "g.json")
    H = read_json(tmp_path / "g.json")
    assert set(graph.nodes) == set(H.nodes) and set(graph.edges(keys=True)) == set(H.edges(keys=True))
    assert H.nodes["result:a:0"]["value"] == 59.4


def test_triples_round_trip(graph, tmp_path):
    write_triples(graph, tmp_path / "t.jsonl")
    H = read_triples(tmp_path / "t.jsonl")
    _same(graph, H, attrs=False)
    for u, v, k, d in graph.edges(keys=True, data=True):
        assert H.edges[u, v, k]["evidence"] == d["evidence"]
    for n in H:
        assert H.nodes[n]["name"] == graph.nodes[n]["name"]


def test_neo4j_csv_round_trip_and_headers(graph, tmp_path):
    files = write_neo4j_csv(graph, tmp_path / "csv")
    assert (tmp_path / "csv" / "nodes_Method.csv") in files
    header = (tmp_path / "csv" / "nodes_Method.csv").read_text().splitlines()[0]
    assert header.startswith("id:ID,:LABEL,") and "aliases:string[]" in header and "support:long" in header
    assert (tmp_path / "csv" / "rels_OUTPERFORMS.csv").read_text().startswith(":START_ID,:END_ID,:TYPE,")
    H = read_neo4j_csv(tmp_path / "csv")
    _same(graph, H, attrs=False)
    assert H.nodes["method:resnet-50"]["aliases"] == ["ResNet50"]
    assert H.nodes["result:a:0"]["value"] == 59.4
    for u, v, k, d in graph.edges(keys=True, data=True):
        assert H.edges[u, v, k]["evidence"] == d["evidence"]


def test_write_exports_and_load_graph(graph, tmp_path):
    paths = write_exports(graph, tmp_path / "out", {"papers": 1})
    assert all(p.exists() for p in paths.values())
    _same(graph, load_graph(tmp_path / "out"))
    for suffix in (".graphml", ".json", ".jsonl"):
        save_graph(graph, tmp_path / f"g{suffix}")
        assert set(load_graph(tmp_path / f"g{suffix}").edges(keys=True)) == set(graph.edges(keys=True))


def test_load_graph_errors_name_the_file(tmp_path):
    with pytest.raises(ExportError, match="no such graph file"):
        load_graph(tmp_path / "missing.graphml")
    (tmp_path / "bad.graphml").write_text("not xml")
    with pytest.raises(ExportError, match="bad.graphml"):
        load_graph(tmp_path / "bad.graphml")
    (tmp_path / "g.txt").write_text("x")
    with pytest.raises(ExportError, match="unknown graph format"):
        load_graph(tmp_path / "g.txt")
