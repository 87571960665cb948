"""kg.embedded, kg.cypher and ``kg query`` on the real LadybugDB database, and against the real Neo4j
the session fixture starts (tests marked ``neo4j``): the README's questions give the same rows on both
engines, and updating either by the same graphs leaves the same nodes and relationships."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.cypher import Rows, format_rows, parameters, parse_param
from kg.embedded import EVIDENCE_COLUMNS, open_database, write_database
from kg.errors import ExportError, QueryError
from kg.neo4j import push
from kg.schema import NODE_LABELS, RELATION_TYPES

from _common import ROOT, SAMPLES
from conftest import TEST_PASSWORD, corpus_extractions, corpus_graph

README = ROOT / "README.md"

#: every README question with the parameters it is asked with here (several per question)
CASES = [
    ("leaderboard", {"dataset": "imagenet", "metric": "Top-1 Accuracy", "lower_is_better": False}),
    ("leaderboard", {"dataset": "COCO", "metric": "mAP", "lower_is_better": True}),
    ("leaderboard", {"dataset": "no such dataset", "metric": "mAP", "lower_is_better": True}),
    ("both_datasets", {"first": "ImageNet", "second": "COCO"}),
    ("both_datasets", {"first": "cifar10", "second": "imagenet"}),
    ("top_datasets", {"limit": 2}),
    ("top_datasets", {"limit": 20}),
    ("outperforms", {"method": "HydraNet"}),
    ("outperforms", {"method": "resnet50"}),
    ("outperforms", {"method": "LatticeFormer"}),
    ("based_on", {"method": "hydranet"}),
    ("based_on", {"method": "ResNet-50"}),
    ("evidence", {"method": "HydraNet", "dataset": "ImageNet"}),
    ("evidence", {"method": "ResNet50", "dataset": None}),
    ("evidence", {"method": "GatedHydra", "dataset": None}),
    ("code_for_task", {"task": "Image Classification"}),
    ("neighbourhood", {"id": "method:hydranet"}),
    ("neighbourhood", {"id": "dataset:imagenet"}),
]
#: questions whose README query has no ORDER BY: compared as multisets
UNORDERED = {"neighbourhood"}


def readme_queries() -> dict[str, str]:
    """The ```cypher blocks of README.md's "## Query with Cypher" section, by the word after '//'."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Query with Cypher\n", 1)[1].split("\n## ", 1)[0]
    return {re.match(r"//\s*(\w+)", b).group(1): b for b in re.findall(r"```cypher\n(.*?)```", section, re.S)}


def canonical(rows) -> list:
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The corpus written as kg push is tested: part a, then a + b into the same database."""
    path = tmp_path_factory.mktemp("embedded") / "kg.lbug"
    write_database(corpus_graph("a"), path)
    write_database(corpus_graph("ab"), path)
    return path


def dump(run) -> tuple[list, list]:
    """Every node and relationship of kg, through ``run(cypher)`` (either engine), in a fixed order."""
    nodes = run("MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id, n AS n ORDER BY id")
    rels = run("MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL RETURN a.id AS a, b.id AS b, r AS r")
    return list(nodes), canonical(rels)


# ----------------------------------------------------------------------------------- writing


def test_every_node_relationship_and_property_lands(corpus_db):
    G = corpus_graph("ab")
    nodes, rels = dump(lambda q: kg.query(q, db=corpus_db))
    assert [r["id"] for r in nodes] == sorted(G.nodes)
    for row in nodes:
        data, node = G.nodes[row["id"]], row["n"]
        assert node["_label"] == data["type"]
        for key, value in data.items():
            if key == "type" or value is None:
                continue
            assert node[key] == value, (row["id"], key)
    assert len(rels) == G.number_of_edges()
    for row in rels:
        r = row["r"]
        d = G.edges[row["a"], row["b"], r["_type"]]
        assert r["support"] == d["support"]
        for column, field in zip(EVIDENCE_COLUMNS, ("paper", "sentence", "start", "end")):
            assert r.get(column, []) == [e[field] for e in d["evidence"]], (row, column)


def test_evidence_offsets_index_the_paper_text(corpus_db):
    rows = kg.query("MATCH (:Method {name: 'HydraNet'})-[r:OUTPERFORMS]->(:Method {name: 'ResNet-50'}) "
                    "RETURN r.evidence_papers[1] AS paper, r.evidence_starts[1] AS s, r.evidence_ends[1] AS e",
                    db=corpus_db)
    text = next(ex.paper.text for ex in corpus_extractions("a") if ex.paper.id == rows[0]["paper"])
    assert text[rows[0]["s"]:rows[0]["e"]] == "outperforms ResNet-50"


def test_schema_has_every_label_and_type_even_without_rows(tmp_path):
    path = tmp_path / "kg.lbug"
    write_database(corpus_graph("a"), path)  # part a has no FOR_TASK edges from a Result? every table exists anyway
    with open_database(path) as db:
        tables = {r["name"]: r["type"] for r in db.query("CALL show_tables() RETURN name, type")}
        for label in NODE_LABELS:
            assert tables[label] == "NODE"
        for rel in RELATION_TYPES:
            assert tables[rel] == "REL"
        pairs = db.query("CALL show_connection('MENTIONS') RETURN *")
        assert {tuple(r.values())[1] for r in pairs} == {"Method", "Dataset", "Task", "Metric"}
        # a column the assembler writes answers with no rows, never "no such property"
        assert db.query("MATCH (r:Repository) WHERE r.url = 'x' RETURN r.url AS url") == []


def test_new_attributes_become_columns_with_no_code_change(tmp_path):
    path = tmp_path / "kg.lbug"
    G = corpus_graph("a")
    for _, d in G.nodes(data=True):
        d.update(confidence=0.75, source="rules")
    for _, _, d in G.edges(data=True):
        d.update(confidence=0.5, source="tagger")
    G.nodes["method:hydranet"]["extra"] = {"heads": 4}  # not storable as such: JSON text, as kg push stores it
    write_database(G, path)
    rows = kg.query("MATCH (m:Method {id: 'method:hydranet'})-[r:OUTPERFORMS]->(o) "
                    "RETURN m.confidence AS c, m.source AS s, m.extra AS x, r.confidence AS rc, r.source AS rs", db=path)
    assert rows == [{"c": 0.75, "s": "rules", "x": '{"heads": 4}', "rc": 0.5, "rs": "tagger"}]

    # an attribute that appears with a later graph is added to the existing tables
    G2 = corpus_graph("ab")
    for _, d in G2.nodes(data=True):
        d["votes"] = 3
    report = write_database(G2, path)
    assert report.updated and report.nodes_created == G2.number_of_nodes() - G.number_of_nodes()
    # (the assembler gives every node its confidence: the new node has its own)
    assert kg.query("MATCH (m:Method {id: 'method:tinylattice'}) RETURN m.votes AS v, m.confidence AS c", db=path) == [
        {"v": 3, "c": G2.nodes["method:tinylattice"]["confidence"]}]


def test_a_column_that_cannot_hold_new_values_is_a_one_line_error_and_nothing_changes(tmp_path):
    path = tmp_path / "kg.lbug"
    G = corpus_graph("a")
    G.nodes["method:hydranet"]["heads"] = 4
    write_database(G, path)
    before = dump(lambda q: kg.query(q, db=path))
    G2 = corpus_graph("ab")
    G2.nodes["method:hydranet"]["heads"] = 4.5
    with pytest.raises(ExportError) as e:
        write_database(G2, path)
    assert "\n" not in str(e.value) and "Method.heads as INT64" in str(e.value) and "nothing was written" in str(e.value)
    assert dump(lambda q: kg.query(q, db=path)) == before


def test_labels_and_types_come_only_from_the_schema(tmp_path):
    path = tmp_path / "kg.lbug"
    G = corpus_graph("a")
    G.add_node("evil", type="Method`) DETACH DELETE n //", name="x")
    with pytest.raises(ExportError, match="not one of kg's labels"):
        write_database(G, path)
    G = corpus_graph("a")
    G.add_edge("method:hydranet", "method:resnet-50", key="HATES", type="HATES", evidence=[], support=1)
    with pytest.raises(ExportError, match="not one of kg's relationship types"):
        write_database(G, path)
    assert not path.exists()


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    G = corpus_graph("a")
    G.nodes["method:hydranet"]["Name"] = "x"  # LadybugDB's column names ignore case: it clashes with name
    with pytest.raises(ExportError) as e:
        write_database(G, tmp_path / "kg.lbug")
    assert "\n" not in str(e.value) and "nothing was written" in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_writing_twice_changes_nothing(tmp_path):
    path = tmp_path / "kg.lbug"
    G = corpus_graph("ab")
    first = write_database(G, path)
    assert not first.updated and (first.nodes_created, first.relationships_created) == (
        G.number_of_nodes(), G.number_of_edges())
    before = dump(lambda q: kg.query(q, db=path))
    again = write_database(G, path)
    assert again.updated and (again.nodes_created, again.relationships_created) == (0, 0)
    assert (again.nodes, again.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert dump(lambda q: kg.query(q, db=path)) == before
    assert "updated" in again.summary() and "(0 new)" in again.summary()


def test_a_graph_of_more_papers_adds_without_duplicates(corpus_db):
    G = corpus_graph("ab")
    rows = kg.query("MATCH (n) RETURN n.id AS id, count(*) AS c ORDER BY c DESC LIMIT 1", db=corpus_db)
    assert rows[0]["c"] == 1
    assert kg.query("MATCH (n) RETURN count(n) AS n", db=corpus_db)[0]["n"] == G.number_of_nodes()
    assert kg.query("MATCH ()-[r]->() RETURN count(r) AS n", db=corpus_db)[0]["n"] == G.number_of_edges()
    m = kg.query("MATCH (m:Method {id: 'method:resnet-50'}) RETURN m.papers AS papers, m.support AS support",
                 db=corpus_db)[0]
    assert sorted(m["papers"]) == G.nodes["method:resnet-50"]["papers"] and m["support"] == 4


def test_other_papers_accumulate_papers_and_evidence(tmp_path):
    path = tmp_path / "kg.lbug"
    write_database(corpus_graph("a"), path)
    write_database(corpus_graph("b"), path)  # b alone: no paper of a
    G = corpus_graph("ab")
    assert kg.query("MATCH (n) RETURN count(n) AS n", db=path)[0]["n"] == G.number_of_nodes()
    assert kg.query("MATCH ()-[r]->() RETURN count(r) AS n", db=path)[0]["n"] == G.number_of_edges()
    rows = kg.query("MATCH (n:Dataset) RETURN n.name AS name, n.support AS s ORDER BY name", db=path)
    assert {r["name"]: r["s"] for r in rows} == {"ImageNet": 5, "COCO": 4, "CIFAR-10": 3}
    rows = kg.query("MATCH (m:Method)-[:OUTPERFORMS]->(:Method {name: 'ResNet-50'}) RETURN m.name AS name "
                    "ORDER BY name", db=path)
    assert [r["name"] for r in rows] == ["HydraNet", "LatticeFormer", "TinyLattice"]


def test_replace_drops_only_kg_tables(tmp_path):
    path = tmp_path / "kg.lbug"
    write_database(corpus_graph("ab"), path)
    with open_database(path, write=True) as db:
        db.query("CREATE NODE TABLE Note(key STRING PRIMARY KEY, text STRING)")
        db.query("CREATE (:Note {key: 'n1', text: 'keep me'})")
    G = corpus_graph("a")
    report = write_database(G, path, replace=True)
    assert not report.updated and report.nodes_created == G.number_of_nodes()
    assert kg.query("MATCH (n:Method) RETURN count(n) AS n", db=path)[0]["n"] == sum(
        1 for _, d in G.nodes(data=True) if d["type"] == "Method")
    assert kg.query("MATCH (n:Note) RETURN n.text AS text", db=path) == [{"text": "keep me"}]


def test_write_exports_and_kg_build_write_the_database(tmp_path, capsys):
    paths = kg.write_exports(corpus_graph("a"), tmp_path / "out")
    assert paths["embedded"] == tmp_path / "out" / "kg.lbug" and paths["embedded"].is_file()
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "b"), "--quiet"]) == 0
    rows = kg.query("MATCH (p:Paper) RETURN count(p) AS papers", db=tmp_path / "b" / "kg.lbug")
    assert rows == [{"papers": 9}]
    # building into the same folder again: the database is the new graph's, like every other export
    # (nothing doubles); adding papers to a database is write_database on it (the kg push rule, above)
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "b"), "--quiet"]) == 0
    assert kg.query("MATCH (p:Paper) RETURN count(p) AS papers", db=tmp_path / "b" / "kg.lbug") == rows
    assert main(["build", str(SAMPLES / "daily-papers.txt"), "-o", str(tmp_path / "b"), "--quiet"]) == 0
    graph = kg.load_graph(tmp_path / "b")
    papers = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Paper")
    assert kg.query("MATCH (p:Paper) RETURN count(p) AS papers", db=tmp_path / "b" / "kg.lbug") == [{"papers": papers}]
    assert papers < 9
    assert kg.query("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id) AS doubled",
                    db=tmp_path / "b" / "kg.lbug") == [{"doubled": 0}]


def test_a_folder_or_foreign_file_is_a_clear_error(tmp_path):
    (tmp_path / "dir.lbug").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        write_database(corpus_graph("a"), tmp_path / "dir.lbug")
    (tmp_path / "notes.txt").write_text("not a database\n" * 500)
    with pytest.raises(ExportError, match="cannot open the embedded database") as e:
        write_database(corpus_graph("a"), tmp_path / "notes.txt")
    assert "\n" not in str(e.value)
    assert (tmp_path / "notes.txt").read_text() == "not a database\n" * 500
    with pytest.raises(QueryError, match="not a LadybugDB database file"):
        kg.query("RETURN 1 AS x", db=tmp_path / "notes.txt")


# ----------------------------------------------------------------------------------- querying


def test_readme_has_the_questions():
    assert {"leaderboard", "both_datasets", "top_datasets", "outperforms", "based_on", "evidence",
            "code_for_task", "neighbourhood"} <= set(readme_queries())
    assert {name for name, _ in CASES} == set(readme_queries())


def test_readme_queries_answer_the_questions_on_the_embedded_database(corpus_db):
    q = readme_queries()
    with open_database(corpus_db) as db:
        rows = db.query(q["leaderboard"], {"dataset": "imagenet", "metric": "Top-1 Accuracy", "lower_is_better": False})
        assert [(r["method"], r["value"]) for r in rows] == [
            ("GatedHydra", 85.0), ("HydraNet", 84.2), ("LatticeFormer", 82.7), ("ResNet-50", 76.1)]
        assert rows[0]["paper"] == "Gated Heads for Residual Networks" and rows.columns == ("method", "value", "unit", "paper")
        rows = db.query(q["leaderboard"], {"dataset": "COCO", "metric": "mAP", "lower_is_better": True})
        assert [(r["method"], r["value"]) for r in rows] == [("ResNet-50", 44.1), ("HydraNet", 51.3), ("GatedHydra", 52.0)]

        rows = db.query(q["both_datasets"], {"first": "ImageNet", "second": "COCO"})
        assert [r["method"] for r in rows] == ["ResNet-50", "HydraNet", "GatedHydra"]

        rows = db.query(q["top_datasets"], {"limit": 2})
        assert [(r["dataset"], r["papers"]) for r in rows] == [("ImageNet", 5), ("COCO", 4)]

        rows = db.query(q["outperforms"], {"method": "HydraNet"})
        assert [r["outperforms"] for r in rows] == ["ResNet-50"] and rows[0]["paper_ids"] == ["2501.00001"]
        assert any("outperforms ResNet-50" in s for s in rows[0]["evidence"])
        assert db.query(q["outperforms"], {"method": "resnet50"}) == []

        rows = db.query(q["based_on"], {"method": "hydranet"})
        assert [(r["paper"], r["method"]) for r in rows] == [("Gated Heads for Residual Networks", "GatedHydra")]

        rows = db.query(q["evidence"], {"method": "HydraNet", "dataset": "ImageNet"})
        assert len(rows) == 1 and rows[0]["paper"] == "2501.00001" and rows[0]["value"] == 84.2
        text = next(ex.paper.text for ex in corpus_extractions("a") if ex.paper.id == "2501.00001")
        assert text[rows[0]["start"]:rows[0]["end"]] == "84.2% top-1 accuracy"
        assert len(db.query(q["evidence"], {"method": "ResNet50", "dataset": None})) == 2

        rows = db.query(q["code_for_task"], {"task": "Image Classification"})
        assert [r["repository"] for r in rows] == ["github.com/example-lab/hydranet"]
        rows = db.query(q["neighbourhood"], {"id": "method:hydranet"})
        assert {r["other"]["id"] for r in rows} >= {"method:resnet-50", "method:gatedhydra", "dataset:imagenet"}
        assert all(r["n"]["_label"] == "Method" and "_type" in r["rel"] for r in rows)


def test_read_only_unless_write(corpus_db, tmp_path):
    path = tmp_path / "kg.lbug"
    path.write_bytes(corpus_db.read_bytes())
    for cypher in ("CREATE (:Method {id: 'method:new', name: 'New'})",
                   "MATCH (m:Method {id: 'method:hydranet'}) SET m.name = 'Renamed'",
                   "MATCH (m:Method) DETACH DELETE m"):
        with pytest.raises(QueryError) as e:
            kg.query(cypher, db=path)
        assert "read-only: pass --write" in str(e.value) and "nothing was written" in str(e.value)
    before = kg.query("MATCH (n) RETURN count(n) AS n", db=path)
    assert before == kg.query("MATCH (n) RETURN count(n) AS n", db=corpus_db)
    kg.query("CREATE (:Method {id: 'method:new', name: 'New'})", db=path, write=True)
    assert kg.query("MATCH (n) RETURN count(n) AS n", db=path)[0]["n"] == before[0]["n"] + 1


@pytest.mark.parametrize("cypher, expected", [
    ("MATCH (m:Method RETURN m", r"Cypher syntax error at line 1, column 17: "),
    ("MATCH (m:Method)\nRETRUN m.name", r"Cypher syntax error at line 2, column 1: "),
    ("MATCH (m:Methd) RETURN m.name AS n", r"unknown label or relationship type 'Methd' at line 1, column 10 "),
    ("MATCH (m:Method)-[:BEATS]->(o) RETURN m.name AS n", r"unknown label or relationship type 'BEATS' at line 1, column 20 "),
    ("MATCH (m:Method)\nWHERE m.nme = 'x' RETURN m", r"unknown property 'nme' of m at line 2, column 9 "),
    ("MATCH (m:Method)-[r]->() RETURN type(r) AS t", r"unknown function type\(\) at line 1, column 33 \(LadybugDB writes label\(r\)"),
    ("MATCH (m:Method) WHERE m.name = $name RETURN m", r"the query needs parameter \$name "),
])
def test_bad_queries_are_one_line_with_the_position(corpus_db, cypher, expected):
    with pytest.raises(QueryError) as e:
        kg.query(cypher, db=corpus_db, write=True)
    message = str(e.value)
    assert "\n" not in message and message.startswith(f"{corpus_db}: ")
    assert re.search(expected, message), message
    assert message.endswith("nothing was run")
    assert kg.query("MATCH (n) RETURN count(n) AS n", db=corpus_db)[0]["n"] == corpus_graph("ab").number_of_nodes()


def test_a_missing_database_is_an_error_and_is_not_created(tmp_path):
    with pytest.raises(QueryError, match="no embedded database here"):
        kg.query("RETURN 1 AS x", db=tmp_path / "kg.lbug")
    assert not (tmp_path / "kg.lbug").exists()


def test_parameters_and_params():
    assert parameters("WITH $a AS a /* $b */ MATCH (n {id: '$c'}) WHERE n.x = $d RETURN `$e`, $a") == ["a", "d"]
    assert parse_param("limit=20") == ("limit", 20)
    assert parse_param("$x=[1, 2]") == ("x", [1, 2])
    assert parse_param("title=a = b") == ("title", "a = b")
    assert parse_param("task=image classification") == ("task", "image classification")
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_param("oops")


def test_formats():
    rows = Rows([{"name": "A, \"B\"", "ids": ["p1", "p2"], "n": None, "ok": True}], ("name", "ids", "n", "ok"))
    assert format_rows(rows, "csv") == 'name,ids,n,ok\n"A, ""B""","[""p1"", ""p2""]",,true\n'
    assert json.loads(format_rows(rows, "json")) == list(rows)
    assert format_rows(Rows([], ("a", "b")), "csv") == "a,b\n"
    assert format_rows(Rows([], ("a",)), "json") == "[]\n"
    table = format_rows(Rows([{"s": "x" * 100 + "\nend"}], ("s",)), "table", width=20)
    assert table.splitlines()[2] == "x" * 19 + "…" and table.endswith("(1 row)\n")


# ----------------------------------------------------------------------------------- CLI


def test_cli_query_formats_params_and_stdin(corpus_db, capsys):
    q = readme_queries()["top_datasets"]
    assert main(["query", q, "--db", str(corpus_db), "--param", "limit=2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["dataset", "papers"] and "ImageNet" in out and out.endswith("(2 rows)\n")
    assert main(["query", q, "--db", str(corpus_db), "-p", "limit=2", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"dataset": "ImageNet", "papers": 5}, {"dataset": "COCO", "papers": 4}]
    assert main(["query", q, "--db", str(corpus_db), "-p", "limit=2", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "dataset,papers\nImageNet,5\nCOCO,4\n"

    proc = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--db", str(corpus_db), "--param", "limit=1",
                           "--format", "csv"], input=q, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout == "dataset,papers\nImageNet,5\n"


def test_cli_errors_are_one_line_with_exit_code_7(corpus_db, capsys):
    assert main(["query", "MATCH (m:Method RETURN m", "--db", str(corpus_db)]) == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kg: error: ") and "line 1, column 17" in err
    assert main(["query", "CREATE (:Method {id: 'x'})", "--db", str(corpus_db)]) == 7
    assert "--write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["query", "RETURN 1", "--param", "novalue"])
    assert e.value.code == 2


def test_cli_query_default_database_is_exports(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SAMPLES), "-o", "exports", "-q"]) == 0
    assert main(["query", "MATCH (p:Paper) RETURN count(p) AS papers", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"papers": 9}]


# ----------------------------------------------------------------------------------- against Neo4j


@pytest.fixture
def both(neo4j_db, corpus_db):
    """The corpus in Neo4j (pushed a, then a + b) and in the embedded database (written likewise)."""
    push(corpus_graph("a"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    push(corpus_graph("ab"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    return neo4j_db, corpus_db


@pytest.mark.neo4j
def test_readme_queries_give_the_same_rows_on_both_engines(both):
    neo, path = both
    q = readme_queries()
    answered = 0
    with open_database(path) as db:
        for name, params in CASES:
            embedded = db.query(q[name], params)
            on_neo4j = kg.query(q[name], params, uri=neo.uri, auth=neo.auth, database=neo.database)
            assert embedded.columns == on_neo4j.columns, name
            if name in UNORDERED:
                embedded, on_neo4j = canonical(embedded), canonical(on_neo4j)
            assert list(embedded) == list(on_neo4j), (name, params)
            answered += bool(embedded)
    assert answered >= len(CASES) - 3  # the cases that find nothing are the few meant to


@pytest.mark.neo4j
@pytest.mark.parametrize("steps", [("a", "ab"), ("a", "b"), ("ab", "ab"), ("b", "a")])
def test_updates_leave_the_same_graph_as_kg_push(neo4j_db, tmp_path, steps):
    path = tmp_path / "kg.lbug"
    for parts in steps:
        push(corpus_graph(parts), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
        write_database(corpus_graph(parts), path)
    embedded = dump(lambda c: kg.query(c, db=path))
    on_neo4j = dump(lambda c: kg.query(c, uri=neo4j_db.uri, auth=neo4j_db.auth, database=neo4j_db.database))
    assert embedded == on_neo4j
    assert len(embedded[0]) == corpus_graph("".join(sorted(set("".join(steps))))).number_of_nodes()


@pytest.mark.neo4j
def test_cli_same_output_on_neo4j(both, capsys, monkeypatch):
    neo, path = both
    q = readme_queries()["leaderboard"]
    args = ["query", q, "-p", "dataset=ImageNet", "-p", "metric=top-1 accuracy", "-p", "lower_is_better=false"]
    for fmt in ("table", "json", "csv"):
        assert main([*args, "--db", str(path), "--format", fmt]) == 0
        embedded = capsys.readouterr().out
        monkeypatch.setenv("NEO4J_PASSWORD", neo.auth[1] if neo.auth else "")
        monkeypatch.setenv("NEO4J_DATABASE", neo.database)
        assert main([*args, "--uri", neo.uri, "--format", fmt]) == 0
        assert capsys.readouterr().out == embedded and "GatedHydra" in embedded
    # an error is one line on stderr (not the driver's notices), with the same exit code as on the embedded database
    assert main(["query", "MATCH (m:Methd) RETURN m.name AS n", "--uri", neo.uri]) == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown label 'Methd' at line 1, column 10" in err


@pytest.mark.neo4j
def test_neo4j_read_only_unless_write(both):
    neo, _ = both
    kw = {"uri": neo.uri, "auth": neo.auth, "database": neo.database}
    before = neo.value("MATCH (n) RETURN count(n)")
    with pytest.raises(QueryError) as e:
        kg.query("CREATE (:Method {id: 'method:new', name: 'New'})", **kw)
    assert "read-only: pass --write" in str(e.value) and "\n" not in str(e.value)
    assert neo.value("MATCH (n) RETURN count(n)") == before
    kg.query("CREATE (:Method {id: 'method:new', name: 'New'})", write=True, **kw)
    assert neo.value("MATCH (n) RETURN count(n)") == before + 1


@pytest.mark.neo4j
@pytest.mark.parametrize("cypher, expected", [
    ("MATCH (m:Method RETURN m", r"Cypher syntax error at line 1, column 17: Invalid input 'RETURN'"),
    ("MATCH (m:Methd) RETURN m.name AS n", r"unknown label 'Methd' at line 1, column 10 "),
    ("MATCH (m:Method)-[:BEATS]->(o) RETURN m.name AS n", r"unknown relationship type 'BEATS' at line 1, column 20 "),
    ("MATCH (m:Method) WHERE m.name = $name RETURN m", r"the query needs parameter \$name "),
])
def test_neo4j_bad_queries_are_one_line_with_the_position(both, cypher, expected):
    neo, _ = both
    before = neo.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    with pytest.raises(QueryError) as e:
        kg.query(cypher, uri=neo.uri, auth=neo.auth, database=neo.database)
    message = str(e.value)
    assert "\n" not in message and TEST_PASSWORD not in message
    assert re.search(expected, message), message
    assert neo.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == before


@pytest.mark.neo4j
def test_neo4j_kg_labels_not_pushed_yet_answer_no_rows(neo4j_db):
    # kg's own labels and types are known even in an empty database, as on the embedded one
    rows = kg.query("MATCH (p:Paper)-[:HAS_CODE]->(r:Repository) RETURN r.url AS url",
                    uri=neo4j_db.uri, auth=neo4j_db.auth, database=neo4j_db.database)
    assert rows == [] and rows.columns == ("url",)
