"""Push kg's graph into a running Neo4j 5, where it can be queried with Cypher.

>>> report = push(G, "bolt://localhost:7687", ("neo4j", password), "neo4j")   # doctest: +SKIP
>>> report.summary()                                                          # doctest: +SKIP
'pushed 1,234 nodes (1,234 new) and 5,678 relationships (5,678 new) to bolt://localhost:7687 database neo4j in 2.1 s'

What lands in Neo4j
-------------------
* Schema first: one uniqueness constraint per label of :data:`kg.schema.NODE_LABELS` on the
  stable node id, ``CREATE CONSTRAINT kg_<label>_id IF NOT EXISTS FOR (n:<Label>) REQUIRE n.id IS UNIQUE``.
* Nodes: label = the node's ``type``; property ``id`` = the graph's node id (``method:resnet-50``);
  every other attribute as a property of its own name (``name``, ``aliases``, ``support``, ``papers``,
  ``title``, ``date``, ``value``, ``sentence``...). ``None`` means "no property".
* Relationships: type = the edge's relation type; ``support`` and the evidence as four parallel
  lists, item *i* of each describing evidence *i*: ``evidence_papers`` (paper ids),
  ``evidence_sentences``, ``evidence_starts`` and ``evidence_ends`` (character offsets in the
  paper's title + blank line + abstract).
* Property values are what Neo4j stores: strings, integers, floats, booleans, and lists of one of
  these. A value of another shape (a dict, a list mixing types) is stored as a JSON string.

Labels and relationship types come only from :mod:`kg.schema` (a graph with any other is refused
before anything is written); every value from the papers is sent as a query parameter.

Loading and re-loading
----------------------
Rows go in batches (``UNWIND $rows AS row MERGE ...``), one query per label and one per
(relationship type, source label, target label), each batch in its own transaction. Because every
write is a MERGE on the stable id, pushing is idempotent, and pushing a graph built from more papers
adds what is new without duplicates. Shared nodes and relationships accumulate: ``papers`` and
``aliases`` become the union of what was there and what is pushed (``support`` = number of papers),
relationships gain the evidence of papers they did not have yet (at most
:data:`kg.assemble.MAX_EVIDENCE` items) and keep the larger ``support``; ``confidence`` keeps the
higher value and ``source`` the union of both (``gazetteer+tagger``), as assembling both graphs
would; other properties take the pushed graph's values. ``replace=True`` first deletes what kg created -- nodes with one of kg's
labels and an ``id``, with their relationships -- and nothing else, then pushes.

Errors
------
Every failure raises :class:`kg.errors.Neo4jError` with a one-line message saying what went wrong
and what had been written before (nothing, or how many nodes and relationships); because the push
merges, re-running it completes a push that failed half-way. The password never appears in a
message.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import networkx as nx

from .assemble import MAX_EVIDENCE
from .errors import Neo4jError
from .model import SOURCES
from .schema import NODE_LABELS, RELATION_TYPES

__all__ = [
    "BATCH_SIZE", "DEFAULT_DATABASE", "DEFAULT_URI", "DEFAULT_USER", "SCHEMES",
    "PushReport", "connection_settings", "push", "schema_statements",
]

#: URI schemes the driver accepts: plain Bolt, routing, and their TLS forms
#: (``+s`` verifies the server's certificate against the system CAs, ``+ssc`` accepts a self-signed one).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
#: Rows per UNWIND batch (and per transaction).
BATCH_SIZE = 5000

#: Node attributes that are not copied as properties (``type`` is the label; ``_x`` are private).
_NOT_PROPERTIES = {"type", "id", "papers", "aliases", "support"}
_EDGE_NOT_PROPERTIES = {"type", "evidence", "support"}
_INT64 = (-(2**63), 2**63 - 1)


@dataclass
class PushReport:
    """What one :func:`push` wrote. Counts of rows are what was merged; ``*_created`` what was new."""

    uri: str
    database: str
    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    constraints: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    #: wall time of the whole push, and of its node and relationship phases
    seconds: float = 0.0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """One line for the CLI."""
        removed = (
            f"removed {self.nodes_deleted:,} nodes and {self.relationships_deleted:,} relationships of kg, then "
            if self.nodes_deleted or self.relationships_deleted else ""
        )
        return (
            f"{removed}pushed {self.nodes:,} nodes ({self.nodes_created:,} new) and "
            f"{self.relationships:,} relationships ({self.relationships_created:,} new) "
            f"to {self.uri} database {self.database} in {self.seconds:.1f} s"
        )


def connection_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[str, tuple[str, str] | None, str]:
    """``(uri, auth, database)`` for :func:`push`: flags first, then ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, then the defaults (bolt://localhost:7687, neo4j, neo4j).

    ``auth`` is None (no authentication) when no password is given anywhere.

    >>> connection_settings(env={"NEO4J_URI": "neo4j+s://db.example:7687", "NEO4J_PASSWORD": "s3cret-pw"})
    ('neo4j+s://db.example:7687', ('neo4j', 's3cret-pw'), 'neo4j')
    >>> connection_settings("bolt://127.0.0.1:7688", database="kg", env={})
    ('bolt://127.0.0.1:7688', None, 'kg')
    """
    env = os.environ if env is None else env
    uri = uri or env.get("NEO4J_URI") or DEFAULT_URI
    user = user or env.get("NEO4J_USER") or env.get("NEO4J_USERNAME") or DEFAULT_USER
    password = password if password is not None else env.get("NEO4J_PASSWORD")
    database = database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE
    return uri, ((user, password) if password else None), database


def schema_statements() -> list[str]:
    """The Cypher that :func:`push` runs first: one uniqueness constraint per label on ``id``."""
    return [
        f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ]


# --------------------------------------------------------------------------------------------
# rows


def _storable(value):
    """``value`` as a Neo4j property value: a primitive, a homogeneous list of primitives, or JSON."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if isinstance(value, float):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        items = [v for v in items if v is not None]
        kinds = {type(v) for v in items}
        if not items:
            return []
        if kinds <= {str} or kinds <= {bool}:
            return items
        if kinds <= {int, float} and all(_INT64[0] <= v <= _INT64[1] for v in items if isinstance(v, int)):
            return [float(v) for v in items] if float in kinds else items
    try:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def _properties(data: Mapping, skip: set[str]) -> dict:
    return {k: _storable(v) for k, v in data.items() if k not in skip and not str(k).startswith("_")}


def _str_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


#: The fields of a node row and of a relationship row. Rows travel as lists, not maps: the driver
#: packs them markedly faster (no key strings per row); the queries name the fields first thing.
NODE_FIELDS = ("id", "props", "papers", "aliases", "support")
REL_FIELDS = ("src", "dst", "props", "support", "ev_papers", "ev_sentences", "ev_starts", "ev_ends")


@dataclass
class _Plan:
    """The rows of one graph, grouped by label and by (relationship type, source label, target label)."""

    nodes: dict[str, list[list]]
    rels: dict[tuple[str, str, str], list[list]]

    @property
    def n_nodes(self) -> int:
        return sum(map(len, self.nodes.values()))

    @property
    def n_rels(self) -> int:
        return sum(map(len, self.rels.values()))


def _plan(graph: nx.MultiDiGraph) -> _Plan:
    """Check every label and relationship type against :mod:`kg.schema` and build the rows."""
    nodes: dict[str, list[list]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for nid, data in graph.nodes(data=True):
        label = data.get("type")
        if label not in NODE_LABELS:
            raise Neo4jError(
                f"cannot push: node {str(nid)[:80]!r} has type {str(label)[:40]!r}, not one of kg's labels "
                f"{', '.join(NODE_LABELS)}; nothing was written"
            )
        label_of[nid] = label
        nodes[label].append([
            str(nid),
            _properties(data, _NOT_PROPERTIES),
            _str_list(data["papers"]) if "papers" in data else None,
            _str_list(data.get("aliases")),
            _storable(data.get("support")),
        ])
    rels: dict[tuple[str, str, str], list[list]] = defaultdict(list)
    for u, v, key, data in graph.edges(keys=True, data=True):
        rel = data.get("type", key)
        if rel not in RELATION_TYPES:
            raise Neo4jError(
                f"cannot push: edge {str(u)[:60]!r} -> {str(v)[:60]!r} has type {str(rel)[:40]!r}, not one of "
                f"kg's relationship types; nothing was written"
            )
        evidence = [e for e in (data.get("evidence") or []) if isinstance(e, Mapping)]
        support = data.get("support")
        rels[(rel, label_of[u], label_of[v])].append([
            str(u),
            str(v),
            _properties(data, _EDGE_NOT_PROPERTIES),
            _storable(support) if support is not None else len({e.get("paper") for e in evidence}),
            [str(e.get("paper", "")) for e in evidence],
            [str(e.get("sentence", "")) for e in evidence],
            [int(e.get("start", -1)) for e in evidence],
            [int(e.get("end", -1)) for e in evidence],
        ])
    return _Plan(dict(nodes), dict(rels))


# --------------------------------------------------------------------------------------------
# queries (labels and types are checked against kg.schema before they are put in a query)


def _surest(var: str) -> str:
    """Cypher that keeps, after ``SET var += props``, the higher of the old and the pushed
    ``confidence`` and the union of the old and the pushed ``source`` (in the order of
    :data:`kg.model.SOURCES`, then any other): what a graph built from both pushes would hold."""
    known = "[" + ", ".join(f"'{x}'" for x in SOURCES) + "]"
    both = f"split(old_source, '+') + split({var}.source, '+')"
    return f"""SET {var}.confidence = CASE WHEN old_conf IS NOT NULL AND ({var}.confidence IS NULL OR old_conf > {var}.confidence)
                        THEN old_conf ELSE {var}.confidence END,
    {var}.source = CASE WHEN old_source IS NULL OR {var}.source IS NULL OR old_source = {var}.source
                        THEN coalesce({var}.source, old_source)
                        ELSE reduce(joined = '', part IN [known IN {known} WHERE known IN {both}]
                                    + reduce(other = [], one IN {both} |
                                             CASE WHEN one IN {known} OR one IN other THEN other ELSE other + one END)
                                    | joined + CASE WHEN joined = '' THEN '' ELSE '+' END + part) END"""


def _node_query(label: str) -> str:
    assert label in NODE_LABELS
    return f"""
UNWIND $rows AS r
WITH r[0] AS id, {{props: r[1], papers: r[2], aliases: r[3], support: r[4]}} AS row
MERGE (n:`{label}` {{id: id}})
WITH n, row, n.name AS old_name, coalesce(n.papers, []) AS old_papers, coalesce(n.aliases, []) AS old_aliases,
     n.confidence AS old_conf, n.source AS old_source
SET n += row.props
{_surest("n")}
WITH n, row, old_papers,
     [a IN old_aliases + CASE WHEN old_name IS NULL OR old_name = n.name THEN [] ELSE [old_name] END
      WHERE n.name IS NULL OR a <> n.name] AS old_aliases
SET n.papers = CASE
        WHEN row.papers IS NULL THEN n.papers
        WHEN old_papers = row.papers THEN old_papers
        ELSE old_papers + [p IN row.papers WHERE NOT p IN old_papers] END,
    n.aliases = old_aliases + [a IN row.aliases WHERE NOT a IN old_aliases AND (n.name IS NULL OR a <> n.name)]
SET n.support = CASE WHEN row.papers IS NULL THEN row.support ELSE size(n.papers) END
RETURN count(*) AS rows
"""


def _rel_query(rel: str, src: str, dst: str) -> str:
    assert rel in RELATION_TYPES and src in NODE_LABELS and dst in NODE_LABELS
    return f"""
UNWIND $rows AS x
WITH x[0] AS src_id, x[1] AS dst_id, {{props: x[2], support: x[3], ev_papers: x[4], ev_sentences: x[5],
     ev_starts: x[6], ev_ends: x[7]}} AS row
MATCH (a:`{src}` {{id: src_id}})
MATCH (b:`{dst}` {{id: dst_id}})
MERGE (a)-[r:`{rel}`]->(b)
WITH r, row, coalesce(r.evidence_papers, []) AS old, r.confidence AS old_conf, r.source AS old_source
SET r += row.props
{_surest("r")}
WITH r, row, old,
     [i IN range(0, size(row.ev_papers) - 1) WHERE NOT row.ev_papers[i] IN old] AS new
WITH r, row, old, CASE WHEN size(old) >= $max_evidence THEN [] ELSE new[..($max_evidence - size(old))] END AS new
SET r.evidence_papers = old + [i IN new | row.ev_papers[i]],
    r.evidence_sentences = coalesce(r.evidence_sentences, []) + [i IN new | row.ev_sentences[i]],
    r.evidence_starts = coalesce(r.evidence_starts, []) + [i IN new | row.ev_starts[i]],
    r.evidence_ends = coalesce(r.evidence_ends, []) + [i IN new | row.ev_ends[i]]
WITH r, row, r.evidence_papers AS ep
WITH r, row, size([i IN range(0, size(ep) - 1) WHERE NOT ep[i] IN ep[..i]]) AS distinct_papers
SET r.support = reduce(m = distinct_papers, s IN [r.support, row.support] | CASE WHEN s > m THEN s ELSE m END)
RETURN count(*) AS rows
"""


def _delete_query(label: str) -> str:
    assert label in NODE_LABELS
    return f"MATCH (n:`{label}`) WHERE n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS rows"


# --------------------------------------------------------------------------------------------
# push


def _safe_uri(uri: str) -> str:
    """``uri`` without any user:password@ part."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<unparsable URI>"
    if "@" in parts.netloc:
        parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])
    return urlunsplit(parts)


def _one_line(text: str, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Progress:
    """What has been written so far, to say in an error."""

    def __init__(self, plan: _Plan, replace: bool):
        self.plan, self.replace = plan, replace
        self.constraints = 0
        self.deleted = 0
        self.nodes = 0
        self.rels = 0
        self.step = "connecting"

    def written(self) -> str:
        if not (self.constraints or self.deleted or self.nodes or self.rels):
            return "nothing was written"
        parts = [f"created (or found) {self.constraints} of {len(NODE_LABELS)} constraints"]
        if self.deleted:
            parts.append(f"removed {self.deleted:,} nodes of an earlier push")
        parts.append(
            f"wrote {self.nodes:,} of {self.plan.n_nodes:,} nodes and {self.rels:,} of {self.plan.n_rels:,} "
            f"relationships before the failure"
        )
        return "; ".join(parts) + "; re-run the push to complete it (it merges, nothing is duplicated)"


def push(
    graph: nx.MultiDiGraph,
    uri: str = DEFAULT_URI,
    auth: tuple[str, str] | None = None,
    database: str = DEFAULT_DATABASE,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
    connection_timeout: float = 15.0,
) -> PushReport:
    """Load ``graph`` (from :func:`kg.assemble.assemble`) into the Neo4j at ``uri``.

    ``auth`` is ``(user, password)`` or None for a server without authentication; ``database`` the
    database to write (Neo4j community has one user database, ``neo4j``). ``replace`` first removes
    what kg pushed before (nodes of kg's labels with an ``id``, and their relationships) and nothing
    else. ``progress(done, total)`` is called after each batch with rows (nodes + relationships).
    Raises :class:`~kg.errors.Neo4jError` on any failure; see the module's doc.
    """
    import neo4j  # the driver; imported here so that ``import kg`` does not need it
    from neo4j import exceptions as nx_errors

    started = time.perf_counter()
    target = _Target(_safe_uri(uri), database, auth[1] if auth and len(auth) > 1 else None)
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise target.fail(
            f"unsupported Neo4j URI {target.uri!r}: use one of {', '.join(s + '://' for s in SCHEMES)}; "
            f"nothing was written")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    plan = _plan(graph)
    state = _Progress(plan, replace)
    report = PushReport(uri=target.uri, database=database)
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=tuple(auth) if auth else None, connection_timeout=connection_timeout,
            max_transaction_retry_time=15.0, user_agent="kg",
        )
    except (nx_errors.ConfigurationError, ValueError) as e:
        raise target.fail(f"invalid Neo4j URI {target.uri!r}: {_one_line(e, 200)}; nothing was written", e) from e
    try:
        with driver:
            _check_server(driver, auth, target)
            with driver.session(database=database) as session:
                _write_graph(session, state, report, target, batch_size, progress)
    except Neo4jError:
        raise
    except Exception as e:  # anything unforeseen still gets a one-line, password-free message
        raise target.fail(f"push to {target.uri} database {database} failed {state.step}: {type(e).__name__}: "
                          f"{_one_line(e, 200)}; {state.written()}", e) from e
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Target:
    """Where a push goes, as its messages name it (``uri`` without any user:password@ part), and
    the password that no message may show."""

    uri: str
    database: str
    password: str | None = field(default=None, repr=False)

    def fail(self, message: str, cause: BaseException | None = None) -> Neo4jError:
        """The error to raise: ``message`` on one line, the password replaced by ``***``."""
        text = _one_line(message, limit=2000)
        if self.password and len(self.password) >= 3:
            text = text.replace(self.password, "***")
        return Neo4jError(text)


def _check_server(driver, auth: tuple[str, str] | None, target: _Target) -> None:
    """Connect, and check the credentials and the database, before anything is written."""
    from neo4j import exceptions as nx_errors

    shown, database = target.uri, target.database
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run("RETURN 1").consume()
    except nx_errors.AuthError as e:
        user = auth[0] if auth else "(none)"
        raise target.fail(
            f"Neo4j at {shown} refused the credentials of user {user!r} (check NEO4J_USER and "
            f"NEO4J_PASSWORD); nothing was written", e) from e
    except nx_errors.ClientError as e:
        if e.code and e.code.endswith("DatabaseNotFound"):
            raise target.fail(f"database {database!r} does not exist on {shown}; nothing was written", e) from e
        raise target.fail(f"Neo4j at {shown} refused the connection: {_one_line(e.message, 200)}; nothing was written", e) from e
    except (nx_errors.ServiceUnavailable, nx_errors.SessionExpired, OSError) as e:
        raise target.fail(f"cannot reach Neo4j at {shown} ({_reason(e)}); nothing was written "
                          f"(is the server running, and the URI right?)", e) from e
    except nx_errors.DriverError as e:
        raise target.fail(f"cannot connect to Neo4j at {shown}: {_one_line(e, 200)}; nothing was written", e) from e
    except nx_errors.Neo4jError as e:
        raise target.fail(f"Neo4j at {shown} refused the connection: {_one_line(e.message, 200)}; nothing was written", e) from e


def _write_graph(session, state: _Progress, report: PushReport, target: _Target, batch_size: int,
                 progress: Callable[[int, int], None] | None) -> None:
    """The constraints, the removal of an earlier push (``replace``), the nodes, then the
    relationships; a failure says what was written before it."""
    from neo4j import exceptions as nx_errors

    shown, database = target.uri, target.database
    try:
        _write_constraints(session, state, report)
        if state.replace:
            _delete_earlier_push(session, state, report, batch_size)
        _write_nodes(session, state, report, batch_size, progress)
        _write_relationships(session, state, report, batch_size, progress)
    except _Missing as e:
        raise target.fail(f"push to {shown} database {database} went wrong {state.step}: {e} (were nodes "
                          f"deleted meanwhile?); {state.written()}", e) from None
    except nx_errors.AuthError as e:
        raise target.fail(f"Neo4j at {shown} refused the credentials {state.step}; {state.written()}", e) from e
    except (nx_errors.ServiceUnavailable, nx_errors.SessionExpired, OSError) as e:
        raise target.fail(f"lost Neo4j at {shown} {state.step} ({_reason(e)}); {state.written()}", e) from e
    except nx_errors.Neo4jError as e:
        raise target.fail(f"Neo4j at {shown} database {database} failed {state.step}: "
                          f"{e.code}: {_one_line(e.message, 200)}; {state.written()}", e) from e
    except nx_errors.DriverError as e:
        raise target.fail(f"push to {shown} database {database} failed {state.step}: {_one_line(e, 200)}; "
                          f"{state.written()}", e) from e


def _write_constraints(session, state: _Progress, report: PushReport) -> None:
    state.step = "creating the constraints"
    for statement in schema_statements():
        session.run(statement).consume()
        report.constraints += 1
        state.constraints = report.constraints


def _delete_earlier_push(session, state: _Progress, report: PushReport, batch_size: int) -> None:
    """Delete the nodes of kg's labels that have an ``id`` (with their relationships), in batches."""
    for label in NODE_LABELS:
        state.step = f"removing the {label} nodes of an earlier push"
        while True:
            summary = session.execute_write(_write, _delete_query(label), {"limit": batch_size})
            c = summary[1]
            report.nodes_deleted += c.nodes_deleted
            report.relationships_deleted += c.relationships_deleted
            state.deleted = report.nodes_deleted
            if summary[0] == 0:
                break


def _write_nodes(session, state: _Progress, report: PushReport, batch_size: int,
                 progress: Callable[[int, int], None] | None) -> None:
    """Merge the node rows, label by label, ``batch_size`` rows per transaction."""
    plan = state.plan
    total_rows = plan.n_nodes + plan.n_rels
    phase = time.perf_counter()
    for label in NODE_LABELS:
        rows = plan.nodes.get(label, [])
        query = _node_query(label)
        for i in range(0, len(rows), batch_size):
            state.step = f"writing {label} nodes (rows {i + 1:,}-{min(i + batch_size, len(rows)):,} of {len(rows):,})"
            n, c = session.execute_write(_write, query, {"rows": rows[i:i + batch_size]})
            report.nodes += n
            report.nodes_created += c.nodes_created
            report.labels[label] = report.labels.get(label, 0) + n
            state.nodes += n
            if progress:
                progress(state.nodes + state.rels, total_rows)
    report.node_seconds = time.perf_counter() - phase


def _write_relationships(session, state: _Progress, report: PushReport, batch_size: int,
                         progress: Callable[[int, int], None] | None) -> None:
    """Merge the relationship rows, per (type, source label, target label), ``batch_size`` rows per
    transaction; raises :class:`_Missing` when a row finds no end node."""
    plan = state.plan
    total_rows = plan.n_nodes + plan.n_rels
    phase = time.perf_counter()
    for (rel, src, dst), rows in sorted(plan.rels.items()):
        query = _rel_query(rel, src, dst)
        for i in range(0, len(rows), batch_size):
            state.step = (f"writing {rel} relationships {src}->{dst} "
                          f"(rows {i + 1:,}-{min(i + batch_size, len(rows)):,} of {len(rows):,})")
            batch = rows[i:i + batch_size]
            n, c = session.execute_write(_write, query, {"rows": batch, "max_evidence": MAX_EVIDENCE})
            if n != len(batch):
                raise _Missing(f"{len(batch) - n} {rel} relationships found no end node")
            report.relationships += n
            report.relationships_created += c.relationships_created
            report.types[rel] = report.types.get(rel, 0) + n
            state.rels += n
            if progress:
                progress(state.nodes + state.rels, total_rows)
    report.relationship_seconds = time.perf_counter() - phase


class _Missing(Exception):
    pass


def _write(tx, query: str, params: dict):
    result = tx.run(query, params)
    record = result.single()
    summary = result.consume()
    return (record["rows"] if record else 0), summary.counters


def _reason(e: BaseException) -> str:
    """The gist of a connection error: its last line, e.g. '[Errno 111] Connection refused'."""
    text = str(e).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-1] if lines else type(e).__name__
    m = re.search(r"reason (.*)\)\s*$", last)
    return _one_line(m.group(1) if m else last, 200)
