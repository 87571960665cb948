"""kg.neo4j against a real Neo4j 5.26 (started once per session by tests/conftest.py).

No mock driver: every test pushes into the server and reads back with Cypher. The README's
"## Query with Cypher" queries are parsed from README.md and run here as written.
"""
from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from kg.errors import Neo4jError
from kg.neo4j import PushReport, connection_settings, push, schema_statements
from kg.schema import NODE_LABELS, RELATION_TYPES

from conftest import TEST_PASSWORD, corpus_extractions, corpus_graph

pytestmark = pytest.mark.neo4j

README = Path(__file__).resolve().parents[1] / "README.md"


def graph_counts(G) -> tuple[dict[str, int], dict[str, int]]:
    labels: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        labels[d["type"]] = labels.get(d["type"], 0) + 1
    types: dict[str, int] = {}
    for _, _, k in G.edges(keys=True):
        types[k] = types.get(k, 0) + 1
    return labels, types


def kg_counts(db) -> tuple[dict[str, int], dict[str, int]]:
    """Counts of kg's labels and types only (foreign data left out)."""
    labels, types = db.counts()
    return ({k: v for k, v in labels.items() if k in NODE_LABELS},
            {k: v for k, v in types.items() if k in RELATION_TYPES})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_one_line_without_password(message: str, password: str = TEST_PASSWORD) -> None:
    assert "\n" not in message and message.strip() == message and message
    assert password not in message


# ----------------------------------------------------------------------------------- push


def test_push_loads_every_node_and_relationship_with_constraints(neo4j_db):
    G = corpus_graph("a")
    report = push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)

    assert isinstance(report, PushReport)
    labels, types = graph_counts(G)
    assert kg_counts(neo4j_db) == (labels, types)
    assert (report.nodes, report.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert (report.nodes_created, report.relationships_created) == (report.nodes, report.relationships)
    assert report.labels == labels and report.types == types
    assert "pushed" in report.summary() and TEST_PASSWORD not in report.summary()

    constraints = {r["name"]: r for r in neo4j_db.run(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *")}
    for label in NODE_LABELS:
        c = constraints[f"kg_{label.lower()}_id"]
        assert (c["type"], c["labelsOrTypes"], c["properties"]) == ("UNIQUENESS", [label], ["id"])
    assert len(schema_statements()) == len(NODE_LABELS)
    assert all("IF NOT EXISTS" in s for s in schema_statements())


def test_properties_are_storable_and_evidence_is_queryable(neo4j_db):
    G = corpus_graph("a")
    push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)

    paper = neo4j_db.run("MATCH (p:Paper {id: 'paper:2501.00003'}) RETURN p")[0]["p"]
    src = G.nodes["paper:2501.00003"]
    # text with quotes, backticks and Cypher travels as a parameter and comes back unchanged
    assert paper["title"] == src["title"] and "`DROP`" in paper["title"]
    assert paper["date"] == "--03-04" and "n_authors" not in paper and "upvotes" not in paper
    assert paper["urls"] == list(src["urls"]) and paper["papers"] == ["2501.00003"] and paper["support"] == 1

    method = neo4j_db.run("MATCH (m:Method {id: 'method:resnet-50'}) RETURN m")[0]["m"]
    node = G.nodes["method:resnet-50"]
    assert method["name"] == "ResNet-50" and method["aliases"] == ["ResNet50"]
    assert sorted(method["papers"]) == node["papers"] and method["support"] == node["support"] == 3

    result = neo4j_db.run("MATCH (r:Result {id: 'result:2501.00001:0'}) RETURN r")[0]["r"]
    assert (result["value"], result["unit"], result["kind"]) == (84.2, "%", "score")
    assert (result["method"], result["dataset"], result["metric"]) == ("HydraNet", "ImageNet", "top-1 accuracy")

    # every relationship carries its evidence as four parallel lists, as in the graph
    for u, v, k, d in G.edges(keys=True, data=True):
        rows = neo4j_db.run(
            f"MATCH (a {{id: $u}})-[r:`{k}`]->(b {{id: $v}}) RETURN properties(r) AS r", u=u, v=v)
        assert len(rows) == 1, (u, k, v)
        r = rows[0]["r"]
        assert r["support"] == d["support"]
        ev = d["evidence"]
        assert r["evidence_papers"] == [e["paper"] for e in ev]
        assert r["evidence_sentences"] == [e["sentence"] for e in ev]
        assert r["evidence_starts"] == [e["start"] for e in ev]
        assert r["evidence_ends"] == [e["end"] for e in ev]
    # and the offsets index the paper's text
    row = neo4j_db.run(
        "MATCH (:Method {name: 'HydraNet'})-[r:OUTPERFORMS]->(:Method {name: 'ResNet-50'}) "
        "RETURN r.evidence_papers[0] AS paper, r.evidence_starts[0] AS s, r.evidence_ends[0] AS e")[0]
    text = next(ex.paper.text for ex in corpus_extractions("a") if ex.paper.id == row["paper"])
    assert text[row["s"]:row["e"]] == "outperforms ResNet-50"


def test_pushing_twice_changes_nothing(neo4j_db):
    G = corpus_graph("a")
    push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    before = kg_counts(neo4j_db)
    snapshot = neo4j_db.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    rels = neo4j_db.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b")

    again = push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database, batch_size=4)

    assert kg_counts(neo4j_db) == before
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert neo4j_db.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == snapshot
    assert neo4j_db.run(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b") == rels


def test_pushing_a_graph_of_more_papers_adds_without_duplicates(neo4j_db):
    push(corpus_graph("a"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    G = corpus_graph("ab")
    report = push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)

    assert kg_counts(neo4j_db) == graph_counts(G)
    assert 0 < report.nodes_created < report.nodes
    assert neo4j_db.value("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)") == 0
    m = neo4j_db.run("MATCH (m:Method {id: 'method:resnet-50'}) RETURN m.papers AS papers, m.support AS support")[0]
    assert sorted(m["papers"]) == G.nodes["method:resnet-50"]["papers"] and m["support"] == 4


def test_pushing_other_papers_accumulates_papers_and_evidence(neo4j_db):
    push(corpus_graph("a"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    push(corpus_graph("b"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)  # b alone: no paper of a

    assert kg_counts(neo4j_db) == graph_counts(corpus_graph("ab"))
    rows = neo4j_db.run("MATCH (n) WHERE n.id STARTS WITH 'dataset:' RETURN n.name AS name, n.support AS s")
    assert {r["name"]: r["s"] for r in rows} == {"ImageNet": 5, "COCO": 4, "CIFAR-10": 3}
    # ResNet-50 is outperformed in a (by LatticeFormer, HydraNet) and in b (by TinyLattice)
    rows = neo4j_db.run("MATCH (m:Method)-[:OUTPERFORMS]->(:Method {name: 'ResNet-50'}) RETURN m.name AS m ORDER BY m")
    assert [r["m"] for r in rows] == ["HydraNet", "LatticeFormer", "TinyLattice"]
    rows = neo4j_db.run(
        "MATCH (p:Paper)-[r:MENTIONS]->(d:Dataset {name: 'ImageNet'}) RETURN p.id AS p, r.evidence_papers AS ep")
    assert len(rows) == 5 and all(row["ep"] == [row["p"].split(":", 1)[1]] for row in rows)


def test_a_graph_saved_and_loaded_pushes_the_same_as_in_memory(neo4j_db, tmp_path):
    import kg

    G = corpus_graph("a")
    push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    nodes = neo4j_db.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    rels = neo4j_db.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b")
    kg.write_exports(G, tmp_path)
    for saved in (tmp_path / "graph.graphml", tmp_path / "graph.json"):
        neo4j_db.clear()
        push(kg.load_graph(saved), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
        assert neo4j_db.run("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == nodes
        assert neo4j_db.run(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b") == rels


def test_replace_removes_only_what_kg_created(neo4j_db):
    neo4j_db.run(
        "CREATE (a:Person {name: 'Ada'})-[:KNOWS]->(b:Person {name: 'Alan'}), "
        "(:Note {text: 'keep me'}), (:Method {name: 'a hand-made Method without kg id'})")
    push(corpus_graph("ab"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    G = corpus_graph("a")

    report = push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database, replace=True, batch_size=7)

    assert report.nodes_deleted == corpus_graph("ab").number_of_nodes()
    assert report.relationships_deleted == corpus_graph("ab").number_of_edges()
    labels, types = neo4j_db.counts()
    assert labels.pop("Person") == 2 and labels.pop("Note") == 1 and types.pop("KNOWS") == 1
    assert labels.pop("Method") == graph_counts(G)[0]["Method"] + 1
    assert neo4j_db.value("MATCH (m:Method) WHERE m.id IS NULL RETURN m.name") == "a hand-made Method without kg id"
    expected_labels, expected_types = graph_counts(G)
    expected_labels.pop("Method")
    assert (labels, types) == (expected_labels, expected_types)
    assert "removed" in report.summary()


def test_labels_and_types_come_only_from_the_schema(neo4j_db):
    G = corpus_graph("a")
    G.add_node("evil", type="Method`) DETACH DELETE n //", name="x")
    with pytest.raises(Neo4jError, match="nothing was written"):
        push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    G = corpus_graph("a")
    G.add_edge("method:hydranet", "method:resnet-50", key="HATES", type="HATES", evidence=[], support=1)
    with pytest.raises(Neo4jError, match="not one of kg's relationship types"):
        push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    assert neo4j_db.value("MATCH (n) RETURN count(n)") == 0


def test_values_that_neo4j_cannot_store_become_json_strings(neo4j_db):
    G = corpus_graph("a")
    G.nodes["method:hydranet"]["extra"] = {"heads": 4, "tags": ["a", 1]}
    G.nodes["method:hydranet"]["mixed"] = ["a", 1]
    G.nodes["method:hydranet"]["numbers"] = [1, 2.5]
    push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    m = neo4j_db.run("MATCH (m:Method {id: 'method:hydranet'}) RETURN m")[0]["m"]
    assert m["extra"] == '{"heads": 4, "tags": ["a", 1]}' and m["mixed"] == '["a", 1]'
    assert m["numbers"] == [1.0, 2.5]


# ----------------------------------------------------------------------------------- URIs


def test_routing_and_tls_uri_schemes(neo4j_server, neo4j_db, monkeypatch):
    if not neo4j_server.certificate:
        pytest.skip("KG_NEO4J_URI server: its TLS setup is unknown (the server the fixture starts accepts TLS)")
    G = corpus_graph("a")
    host_port = neo4j_db.uri.split("://", 1)[1]
    # +s verifies the certificate: the test server's self-signed one is made the trusted CA here
    monkeypatch.setenv("SSL_CERT_FILE", str(neo4j_server.certificate))
    for scheme in ("neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"):
        report = push(G, f"{scheme}://{host_port}", neo4j_db.auth, neo4j_db.database)
        assert report.nodes == G.number_of_nodes()
    assert kg_counts(neo4j_db) == graph_counts(G)


def test_tls_with_an_untrusted_certificate_fails_cleanly(neo4j_server, neo4j_db, monkeypatch):
    if not neo4j_server.certificate:
        pytest.skip("KG_NEO4J_URI server: its TLS setup is unknown (the server the fixture starts accepts TLS)")
    monkeypatch.setenv("SSL_CERT_FILE", str(Path(__file__)))  # no CA at all
    uri = "bolt+s://" + neo4j_db.uri.split("://", 1)[1]
    with pytest.raises(Neo4jError) as e:
        push(corpus_graph("a"), uri, neo4j_db.auth, neo4j_db.database, connection_timeout=5)
    assert_one_line_without_password(str(e.value))
    assert "cannot reach Neo4j" in str(e.value) and "nothing was written" in str(e.value)


def test_unsupported_uri_scheme():
    with pytest.raises(Neo4jError, match="unsupported Neo4j URI 'http://localhost:7474'"):
        push(corpus_graph("a"), "http://localhost:7474", ("neo4j", TEST_PASSWORD))


def test_credentials_in_the_uri_are_never_shown():
    with pytest.raises(Neo4jError) as e:
        push(corpus_graph("a"), f"bolt://neo4j:{TEST_PASSWORD}@127.0.0.1:{free_port()}", ("neo4j", TEST_PASSWORD),
             connection_timeout=3)
    assert_one_line_without_password(str(e.value))


def test_connection_settings_flags_beat_environment():
    env = {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "kg", "NEO4J_PASSWORD": "from-env-pw", "NEO4J_DATABASE": "papers"}
    assert connection_settings(env=env) == ("neo4j://db:7687", ("kg", "from-env-pw"), "papers")
    assert connection_settings("bolt+s://x:7687", "me", "flag-pw", "neo4j", env=env) == (
        "bolt+s://x:7687", ("me", "flag-pw"), "neo4j")
    assert connection_settings(env={}) == ("bolt://localhost:7687", None, "neo4j")


# ----------------------------------------------------------------------------------- failures


def test_server_down_is_a_clear_one_line_error():
    port = free_port()
    with pytest.raises(Neo4jError) as e:
        push(corpus_graph("a"), f"bolt://127.0.0.1:{port}", ("neo4j", TEST_PASSWORD), connection_timeout=3)
    message = str(e.value)
    assert_one_line_without_password(message)
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in message
    assert "nothing was written" in message and e.value.exit_code != 0
    assert e.value.__cause__ is not None


def test_wrong_credentials_are_a_clear_one_line_error(neo4j_server, neo4j_db):
    if neo4j_server.auth is None:
        pytest.skip("KG_NEO4J_URI server runs without authentication: wrong credentials cannot be refused")
    wrong = "not-the-Password-9c1"
    with pytest.raises(Neo4jError) as e:
        push(corpus_graph("a"), neo4j_db.uri, ("neo4j", wrong), neo4j_db.database)
    message = str(e.value)
    assert_one_line_without_password(message)
    assert wrong not in message
    assert "refused the credentials of user 'neo4j'" in message and "nothing was written" in message
    assert neo4j_db.value("MATCH (n) RETURN count(n)") == 0


def test_a_database_that_does_not_exist_is_a_clear_one_line_error(neo4j_db):
    with pytest.raises(Neo4jError) as e:
        push(corpus_graph("a"), neo4j_db.uri, neo4j_db.auth, "nosuchdb")
    message = str(e.value)
    assert_one_line_without_password(message)
    assert "database 'nosuchdb' does not exist" in message and "nothing was written" in message
    assert neo4j_db.value("MATCH (n) RETURN count(n)") == 0


def test_a_failure_half_way_says_what_was_written_and_a_rerun_completes_it(neo4j_db):
    # someone else's constraint that kg's data violates: two results share a name
    G = corpus_graph("ab")
    G.nodes["result:2501.00003:1"]["name"] = G.nodes["result:2501.00001:1"]["name"]
    neo4j_db.run("CREATE CONSTRAINT someone_elses FOR (r:Result) REQUIRE r.name IS UNIQUE")

    with pytest.raises(Neo4jError) as e:
        push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database, batch_size=2)
    message = str(e.value)
    assert_one_line_without_password(message)
    written = int(re.search(r"wrote (\d+) of (\d+) nodes", message).group(1))
    assert re.search(r"wrote \d+ of %d nodes and 0 of %d relationships before the failure" % (
        G.number_of_nodes(), G.number_of_edges()), message), message
    assert "writing Result nodes" in message and "ConstraintValidationFailed" in message
    assert "re-run the push to complete it" in message
    assert neo4j_db.value("MATCH (n) RETURN count(n)") == written > 0

    neo4j_db.run("DROP CONSTRAINT someone_elses")
    push(G, neo4j_db.uri, neo4j_db.auth, neo4j_db.database, batch_size=2)
    assert kg_counts(neo4j_db) == graph_counts(G)


# ----------------------------------------------------------------------------------- README queries


def readme_queries() -> dict[str, str]:
    """The ```cypher blocks of README.md's "## Query with Cypher" section, by the word after '//'."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Query with Cypher\n", 1)[1].split("\n## ", 1)[0]
    queries = {}
    for block in re.findall(r"```cypher\n(.*?)```", section, re.S):
        name = re.match(r"//\s*(\w+)", block).group(1)
        queries[name] = block
    return queries


@pytest.fixture
def pushed_corpus(neo4j_db):
    push(corpus_graph("a"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    push(corpus_graph("ab"), neo4j_db.uri, neo4j_db.auth, neo4j_db.database)
    return neo4j_db


def test_readme_has_the_questions():
    assert {"leaderboard", "both_datasets", "top_datasets", "outperforms", "based_on", "evidence"} <= set(readme_queries())


def test_readme_queries_answer_the_questions(pushed_corpus):
    q, db = readme_queries(), pushed_corpus

    rows = db.run(q["leaderboard"], dataset="imagenet", metric="Top-1 Accuracy", lower_is_better=False)
    assert [(r["method"], r["value"]) for r in rows] == [
        ("GatedHydra", 85.0), ("HydraNet", 84.2), ("LatticeFormer", 82.7), ("ResNet-50", 76.1)]
    assert rows[0]["paper"] == "Gated Heads for Residual Networks"
    rows = db.run(q["leaderboard"], dataset="COCO", metric="mAP", lower_is_better=True)
    assert [(r["method"], r["value"]) for r in rows] == [("ResNet-50", 44.1), ("HydraNet", 51.3), ("GatedHydra", 52.0)]

    rows = db.run(q["both_datasets"], first="ImageNet", second="COCO")
    assert [r["method"] for r in rows] == ["ResNet-50", "HydraNet", "GatedHydra"]

    rows = db.run(q["top_datasets"], limit=2)
    assert [(r["dataset"], r["papers"]) for r in rows] == [("ImageNet", 5), ("COCO", 4)]

    rows = db.run(q["outperforms"], method="HydraNet")
    assert [r["outperforms"] for r in rows] == ["ResNet-50"]
    assert any("outperforms ResNet-50" in s for s in rows[0]["evidence"]) and rows[0]["paper_ids"] == ["2501.00001"]
    assert db.run(q["outperforms"], method="resnet50") == []  # an alias finds the node; it beats nothing

    rows = db.run(q["based_on"], method="hydranet")
    assert [(r["paper"], r["method"]) for r in rows] == [("Gated Heads for Residual Networks", "GatedHydra")]
    rows = db.run(q["based_on"], method="ResNet-50")
    assert [r["method"] for r in rows] == ["HydraNet"]

    rows = db.run(q["evidence"], method="HydraNet", dataset="ImageNet")
    assert len(rows) == 1
    r = rows[0]
    assert r["paper"] == "2501.00001" and r["value"] == 84.2
    assert r["sentence"] == "On ImageNet, HydraNet reaches 84.2% top-1 accuracy and outperforms ResNet-50 by a wide margin."
    text = next(ex.paper.text for ex in corpus_extractions("a") if ex.paper.id == "2501.00001")
    assert text[r["start"]:r["end"]] == "84.2% top-1 accuracy"
    assert len(db.run(q["evidence"], method="ResNet50", dataset=None)) == 2

    for name, query in q.items():  # any further question in the README runs too
        if name == "code_for_task":
            rows = db.run(query, task="Image Classification")
            assert [r["repository"] for r in rows] == ["github.com/example-lab/hydranet"]
        elif name == "neighbourhood":
            rows = db.run(query, id="method:hydranet")
            assert {r["other"]["id"] for r in rows} >= {"method:resnet-50", "method:gatedhydra", "dataset:imagenet"}
