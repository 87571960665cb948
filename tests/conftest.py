"""Shared pytest fixtures.

Neo4j: the ``neo4j_server`` session fixture starts one real Neo4j 5.26 (the test harness in
docker/neo4j-harness, a child JVM listening on 127.0.0.1, authentication on, TLS accepted beside
plain Bolt) the first time a test asks for it, and stops it at the end of the session. The jars come
from docker/neo4j-harness/prepare.sh (run here if .ci/run did not run it yet; Maven caches them).
Set ``KG_NEO4J_URI`` (and ``KG_NEO4J_USER``, ``KG_NEO4J_PASSWORD``, ``KG_NEO4J_DATABASE``) to use
a server you started instead -- a throwaway one: the tests delete everything in its database.
Without Java (and without KG_NEO4J_URI) the Neo4j tests are skipped, and the skip says why;
under CI (``CI=true``, where .ci/run installs Java) they fail instead.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from _common import skip_unless_ci

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HARNESS_DIR = ROOT / "docker" / "neo4j-harness"
#: The password of user neo4j on the test server the fixture starts (a test value, not a secret).
TEST_PASSWORD = "kg-test-password-7f3a"


def _load_harness():
    spec = importlib.util.spec_from_file_location("kg_neo4j_harness", HARNESS_DIR / "harness.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Neo4jServer:
    """Where the test server is: ``uri`` (bolt://), ``auth`` (None if it has none), ``database``."""

    uri: str
    auth: tuple[str, str] | None
    database: str
    started_here: bool
    #: the self-signed certificate the server presents on TLS connections (None: no TLS)
    certificate: Path | None = None


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory) -> Neo4jServer:
    uri = os.environ.get("KG_NEO4J_URI")
    if uri:
        password = os.environ.get("KG_NEO4J_PASSWORD")
        auth = (os.environ.get("KG_NEO4J_USER", "neo4j"), password) if password else None
        yield Neo4jServer(uri, auth, os.environ.get("KG_NEO4J_DATABASE", "neo4j"), started_here=False)
        return
    harness = _load_harness()
    reason = harness.java_missing()
    if reason:
        skip_unless_ci(reason)
    workdir = tmp_path_factory.mktemp("neo4j-harness")
    server = harness.HarnessServer(workdir, password=TEST_PASSWORD, tls_dir=workdir / "tls", heap="1g")
    uri = server.start()
    try:
        yield Neo4jServer(uri, ("neo4j", TEST_PASSWORD), "neo4j", started_here=True,
                          certificate=workdir / "tls" / "public.crt")
    finally:
        server.stop()


class Neo4jDatabase:
    """The test server's database, emptied before the test; ``run()`` for assertions."""

    def __init__(self, server: Neo4jServer):
        import neo4j

        self.server = server
        self.uri, self.auth, self.database = server.uri, server.auth, server.database
        self.driver = neo4j.GraphDatabase.driver(server.uri, auth=server.auth)

    def run(self, query: str, **params) -> list[dict]:
        """Rows of an auto-commit query as dicts (nodes and relationships as dicts of their properties)."""
        with self.driver.session(database=self.database) as session:
            return [r.data() for r in session.run(query, params)]

    def value(self, query: str, **params):
        rows = self.run(query, **params)
        return next(iter(rows[0].values())) if rows else None

    def clear(self) -> None:
        self.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        for row in self.run("SHOW CONSTRAINTS YIELD name RETURN name"):
            if not row["name"].startswith("kg_"):
                self.run(f"DROP CONSTRAINT `{row['name']}` IF EXISTS")

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""
        labels = {r["label"]: r["n"] for r in self.run(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")}
        types = {r["type"]: r["n"] for r in self.run(
            "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
        return labels, types

    def close(self) -> None:
        self.driver.close()


@pytest.fixture
def neo4j_db(neo4j_server) -> Neo4jDatabase:
    db = Neo4jDatabase(neo4j_server)
    db.clear()
    try:
        yield db
    finally:
        db.close()


# --------------------------------------------------------------------------------------------
# the small invented corpus of tests/fixtures/neo4j/corpus.json


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut as kg cuts sentences."""
    from kg.components.sentences import sentence_starts

    starts = [0, *sentence_starts(text, frozenset())]
    left = max(s for s in starts if s <= start)
    right = min((s for s in starts if s >= end), default=len(text))
    return text[left:right].strip()


def corpus_extractions(parts: str = "ab") -> list:
    """The corpus papers of the given parts as :class:`kg.model.Extraction` objects."""
    from kg.model import Entity, Evidence, Extraction, Paper, Result, Triple

    data = json.loads((FIXTURES / "neo4j" / "corpus.json").read_text(encoding="utf-8"))
    out = []
    for rec in data["papers"]:
        if rec["part"] not in parts:
            continue
        paper = Paper(
            id=rec["id"], title=rec["title"], abstract=rec["abstract"], n_authors=rec["n_authors"],
            date=rec["date"], upvotes=rec["upvotes"], urls=tuple(rec["urls"]), arxiv_id=rec["arxiv_id"],
        )
        text = paper.text

        def span(surface: str) -> tuple[int, int]:
            start = text.find(surface)
            assert start >= 0, f"{surface!r} not in paper {rec['id']}"
            return start, start + len(surface)

        def evidence(surface: str) -> Evidence:
            start, end = span(surface)
            return Evidence(paper.id, _sentence(text, start, end), start, end)

        entities = tuple(Entity(t, s, n, *span(s)) for t, s, n in rec["entities"])
        triples = tuple(
            Triple(st, paper.id if st == "Paper" else s, pred, ot, o, evidence(anchor))
            for st, s, pred, ot, o, anchor in rec["triples"]
        )
        results = tuple(
            Result(r["value"], r["unit"], r["kind"], r["method"], r["dataset"], r["metric"], r["task"],
                   r["text"], evidence(r["text"]))
            for r in rec["results"]
        )
        aliases = tuple(tuple(a) for a in rec.get("aliases", ()))
        out.append(Extraction(paper, entities, results, triples, aliases))
    return out


def corpus_graph(parts: str = "ab"):
    """The assembled graph of the corpus parts ("a", "b" or "ab")."""
    from kg.assemble import assemble

    return assemble(corpus_extractions(parts))
