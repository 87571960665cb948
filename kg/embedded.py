"""The embedded graph database: kg's graph in one LadybugDB file, queried with Cypher in-process.

``kg build`` writes ``exports/kg.lbug`` beside the other exports; ``kg query`` (and :func:`kg.query`)
answer Cypher on it with no server to start. LadybugDB is the maintained fork of Kuzu, an embedded
property-graph database (``pip install ladybug``).

>>> import networkx as nx, os, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("method:vig", type="Method", name="ViG", aliases=["Vision GNN"], papers=["p1"], support=1)
>>> G.add_node("dataset:imagenet", type="Dataset", name="ImageNet", aliases=[], papers=["p1"], support=1)
>>> _ = G.add_edge("method:vig", "dataset:imagenet", key="EVALUATED_ON", type="EVALUATED_ON", support=1,
...                evidence=[{"paper": "p1", "sentence": "ViG on ImageNet.", "start": 0, "end": 3}])
>>> path = os.path.join(tempfile.mkdtemp(), "kg.lbug")
>>> write_database(G, path).summary()                                 # doctest: +ELLIPSIS
'wrote 2 nodes (2 new) and 1 relationships (1 new) to .../kg.lbug in ... s'
>>> with open_database(path) as db:
...     db.query("MATCH (m:Method)-[e:EVALUATED_ON]->(d:Dataset) "
...              "RETURN m.name AS method, d.name AS dataset, e.evidence_starts AS offsets")
[{'method': 'ViG', 'dataset': 'ImageNet', 'offsets': [0]}]

What the database holds
-----------------------
The schema is declared (LadybugDB needs it) and derived from the graph:

* one node table per label of :data:`kg.schema.NODE_LABELS`, primary key ``id`` (the graph's node
  id, ``method:resnet-50``), and one column per node attribute: ``name``, ``aliases``, ``papers``,
  ``support``, and per label ``title``, ``date``, ``arxiv_id``, ``urls`` (Paper), ``value``,
  ``unit``, ``kind``, ``method``, ``dataset``, ``metric``, ``sentence`` (Result), ``url``
  (Repository), ... -- whatever attributes the graph's nodes carry, so a new attribute needs no code;
* one relationship table per type of :data:`kg.schema.RELATIONS` (``MENTIONS`` joins Paper to each
  entity label), with ``support``, the evidence as the four parallel lists that ``kg push`` writes to
  Neo4j (``evidence_papers``, ``evidence_sentences``, ``evidence_starts``, ``evidence_ends``), and
  one column per other edge attribute.

Values are what ``kg push`` stores in Neo4j (see :mod:`kg.neo4j`): so the same Cypher reads the same
properties on both engines. A column's type comes from its values (``STRING``, ``INT64``,
``DOUBLE``, ``BOOL`` and lists of these); a column whose values mix kinds is stored as text (JSON
for non-strings). Every table exists even when the graph has no node or edge of it, so queries on
kg's labels never fail for want of a table.

Writing and updating
--------------------
A new database is loaded in bulk: one ``COPY <table> FROM`` an Arrow table per label and per
(type, source label, target label). Writing into an existing database merges by ``id`` with the
rule of :func:`kg.neo4j.push`: new nodes and relationships are copied in, shared ones accumulate
(``papers`` and ``aliases`` become unions, ``support`` the number of papers; relationships gain the
evidence of papers they did not have, up to :data:`kg.assemble.MAX_EVIDENCE` items, and keep the
larger ``support``), other properties take the new graph's values. Writing the same graph twice
changes nothing. ``replace=True`` first drops kg's tables (and nothing else). An update is one
transaction, and a new file that fails to load is removed: a failed write leaves things as they were.

Errors are :class:`kg.errors.ExportError` (writing) or :class:`kg.errors.QueryError` (opening and
querying), each one line naming the file.
"""
from __future__ import annotations

import glob
import json
import re
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .assemble import MAX_EVIDENCE
from .errors import ExportError, QueryError
from .neo4j import _storable, _str_list
from .schema import NODE_LABELS, RELATIONS, RELATION_TYPES

__all__ = [
    "FILE_NAME", "DEFAULT_PATH", "EVIDENCE_COLUMNS", "DatabaseReport", "EmbeddedDatabase",
    "open_database", "write_database", "database_schema",
]

#: The file ``kg build`` writes into its output folder.
FILE_NAME = "kg.lbug"
#: Where ``kg query`` looks by default.
DEFAULT_PATH = "exports/" + FILE_NAME
#: The evidence of a relationship, as four parallel lists (the names ``kg push`` uses in Neo4j).
EVIDENCE_COLUMNS = ("evidence_papers", "evidence_sentences", "evidence_starts", "evidence_ends")

#: Columns every node table has, whatever the graph (their type unless the graph's values say otherwise).
_NODE_BASE = {"name": "STRING", "aliases": "STRING[]", "papers": "STRING[]", "support": "INT64"}
#: Columns the assembler writes per label, declared even before a node of the label exists, so that
#: a query reading them answers "no rows" rather than "no such property".
_NODE_KNOWN = {
    "Paper": {"title": "STRING", "date": "STRING", "arxiv_id": "STRING", "urls": "STRING[]",
              "n_authors": "INT64", "upvotes": "INT64", "sources": "STRING[]"},
    "Result": {"value": "DOUBLE", "unit": "STRING", "kind": "STRING", "text": "STRING", "method": "STRING",
               "dataset": "STRING", "metric": "STRING", "task": "STRING", "paper": "STRING", "sentence": "STRING"},
    "Repository": {"url": "STRING"},
}
_REL_BASE = {"support": "INT64", "evidence_papers": "STRING[]", "evidence_sentences": "STRING[]",
             "evidence_starts": "INT64[]", "evidence_ends": "INT64[]"}
#: Graph attributes that are not columns of their own (as in kg.neo4j: ``type`` is the label).
_NODE_SKIP = {"type", "id", "papers", "aliases", "support"}
_EDGE_SKIP = {"type", "evidence", "support"}
_SCALARS = {bool: "BOOL", int: "INT64", float: "DOUBLE", str: "STRING"}
_COLUMN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --------------------------------------------------------------------------------------------
# column types


def _kind(value) -> str | None:
    """The column type of one stored value (after ``_storable``); None when it tells nothing."""
    if value is None:
        return None
    if isinstance(value, list):
        if not value:
            return None
        kinds = {_kind(v) for v in value}
        return kinds.pop() + "[]" if len(kinds) == 1 else "STRING"
    return _SCALARS.get(type(value), "STRING")


def _unify(a: str | None, b: str | None) -> str | None:
    """The one column type that holds values of types ``a`` and ``b``.

    >>> _unify("INT64", "DOUBLE"), _unify("STRING[]", None), _unify("INT64", "STRING[]")
    ('DOUBLE', 'STRING[]', 'STRING')
    """
    if a is None or a == b:
        return b if a is None else a
    if b is None:
        return a
    if {a, b} == {"INT64", "DOUBLE"}:
        return "DOUBLE"
    if {a, b} == {"INT64[]", "DOUBLE[]"}:
        return "DOUBLE[]"
    return "STRING"


def _cast(value, column: str):
    """``value`` as a value of a column of type ``column`` (which :func:`_unify` chose to hold it)."""
    if value is None:
        return None
    if column == "STRING":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    if column == "DOUBLE":
        return float(value)
    if column == "DOUBLE[]":
        return [float(v) for v in value]
    return value


def _caster(column: str):
    """:func:`_cast` for a column of type ``column``, or None where values need no cast."""
    return (lambda value: _cast(value, column)) if column in ("STRING", "DOUBLE", "DOUBLE[]") else None


def _arrow_type(column: str):
    import pyarrow as pa

    scalar = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOL": pa.bool_()}
    if column.endswith("[]"):
        return pa.list_(scalar[column[:-2]])
    return scalar[column]


# --------------------------------------------------------------------------------------------
# the graph as rows


@dataclass
class _Plan:
    """The graph's rows: per label ``(id, props, papers, aliases, support)``; per (type, source
    label, target label) ``(src, dst, props, support, (evidence lists))``; and the column types."""

    nodes: dict[str, list[tuple]]
    rels: dict[tuple[str, str, str], list[tuple]]
    node_columns: dict[str, dict[str, str | None]]
    rel_columns: dict[str, dict[str, str | None]]

    @property
    def n_nodes(self) -> int:
        return sum(map(len, self.nodes.values()))

    @property
    def n_rels(self) -> int:
        return sum(map(len, self.rels.values()))


def _check_name(name: str, what: str) -> None:
    if not _COLUMN_NAME.match(name):
        raise ExportError(f"cannot write the embedded database: {what} attribute {name[:60]!r} is no usable "
                          f"column name (letters, digits and _ only); nothing was written")


def _plan(graph: nx.MultiDiGraph) -> _Plan:
    nodes: dict[str, list[tuple]] = defaultdict(list)
    node_columns: dict[str, dict[str, str | None]] = {
        label: {**_NODE_BASE, **_NODE_KNOWN.get(label, {})} for label in NODE_LABELS}
    label_of: dict[str, str] = {}
    checked: set = set()
    lists: set[tuple[str, str]] = set()  # (table, column) seen holding a list
    for nid, data in graph.nodes(data=True):
        label = data.get("type")
        if label not in NODE_LABELS:
            raise ExportError(
                f"cannot write the embedded database: node {str(nid)[:80]!r} has type {str(label)[:40]!r}, not one "
                f"of kg's labels {', '.join(NODE_LABELS)}; nothing was written")
        label_of[nid] = label
        columns = node_columns[label]
        props = {}
        for key, value in data.items():
            if key in _NODE_SKIP or str(key).startswith("_"):
                continue
            if key not in checked:
                _check_name(str(key), "node")
                checked.add(key)
            props[key] = value = _storable(value)
            columns[key] = _unify(columns.get(key), _kind(value))
            if isinstance(value, list):
                lists.add((label, key))
        support = _storable(data.get("support"))
        columns["support"] = _unify(columns["support"], _kind(support))
        nodes[label].append((str(nid), props, _str_list(data["papers"]) if "papers" in data else None,
                             _str_list(data.get("aliases")), support))
    rels: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
    rel_columns: dict[str, dict[str, str | None]] = {rel: dict(_REL_BASE) for rel in RELATION_TYPES}
    for u, v, key, data in graph.edges(keys=True, data=True):
        rel = data.get("type", key)
        if rel not in RELATION_TYPES:
            raise ExportError(
                f"cannot write the embedded database: edge {str(u)[:60]!r} -> {str(v)[:60]!r} has type "
                f"{str(rel)[:40]!r}, not one of kg's relationship types; nothing was written")
        columns = rel_columns[rel]
        props = {}
        for k, value in data.items():
            if k in _EDGE_SKIP or str(k).startswith("_"):
                continue
            if ("rel", k) not in checked:
                _check_name(str(k), "edge")
                checked.add(("rel", k))
            props[k] = value = _storable(value)
            columns[k] = _unify(columns.get(k), _kind(value))
            if isinstance(value, list):
                lists.add((rel, k))
        ev_papers, ev_sentences, ev_starts, ev_ends = ev = ([], [], [], [])
        for e in data.get("evidence") or ():
            if isinstance(e, Mapping):
                ev_papers.append(str(e.get("paper", "")))
                ev_sentences.append(str(e.get("sentence", "")))
                ev_starts.append(int(e.get("start", -1)))
                ev_ends.append(int(e.get("end", -1)))
        support = data.get("support")
        support = _storable(support) if support is not None else len(set(ev_papers))
        columns["support"] = _unify(columns["support"], _kind(support))
        rels[(rel, label_of[u], label_of[v])].append((str(u), str(v), props, support, ev))
    for table, columns in (*node_columns.items(), *rel_columns.items()):
        for k, t in columns.items():  # an attribute with no telling value: a list of text, or text
            columns[k] = t or ("STRING[]" if (table, k) in lists else "STRING")
    return _Plan(dict(nodes), dict(rels), node_columns, rel_columns)


def database_schema(graph: nx.MultiDiGraph) -> list[str]:
    """The ``CREATE`` statements of a new database for ``graph``: node tables, then relationship tables.

    >>> G = nx.MultiDiGraph(); G.add_node("method:vig", type="Method", name="ViG", confidence=0.9)
    >>> database_schema(G)[1]
    'CREATE NODE TABLE IF NOT EXISTS `Method`(`id` STRING PRIMARY KEY, `name` STRING, `aliases` STRING[], `papers` STRING[], `support` INT64, `confidence` DOUBLE)'
    """
    plan = _plan(graph)
    pairs = _pairs(plan)
    return ([_create_node(label, plan.node_columns[label]) for label in NODE_LABELS]
            + [_create_rel(rel, pairs[rel], plan.rel_columns[rel]) for rel in RELATION_TYPES])


def _pairs(plan: _Plan) -> dict[str, list[tuple[str, str]]]:
    pairs = {rel: list(RELATIONS[rel]) for rel in RELATION_TYPES}
    for rel, src, dst in plan.rels:
        if (src, dst) not in pairs[rel]:
            pairs[rel].append((src, dst))
    return pairs


def _q(name: str) -> str:
    return f"`{name}`"


def _create_node(label: str, columns: Mapping[str, str]) -> str:
    cols = ", ".join(f"{_q(k)} {t}" for k, t in columns.items())
    return f"CREATE NODE TABLE IF NOT EXISTS {_q(label)}({_q('id')} STRING PRIMARY KEY, {cols})"


def _create_rel(rel: str, pairs, columns: Mapping[str, str]) -> str:
    ends = ", ".join(f"FROM {_q(a)} TO {_q(b)}" for a, b in pairs)
    cols = ", ".join(f"{_q(k)} {t}" for k, t in columns.items())
    return f"CREATE REL TABLE IF NOT EXISTS {_q(rel)}({ends}, {cols})"


# --------------------------------------------------------------------------------------------
# merging (the rule of kg.neo4j.push, in Python)


def _merge_node(old: Mapping | None, props: Mapping, papers, aliases, support) -> dict:
    """The column values of a node after merging a graph node onto the stored one (None: new)."""
    values = dict(old) if old else {}
    old_name = values.get("name")
    old_papers = values.get("papers") or []
    old_aliases = values.get("aliases") or []
    values.update(props)
    name = values.get("name")
    kept = old_aliases + ([old_name] if old_name is not None and old_name != name else [])
    kept = [a for a in kept if name is None or a != name]
    if papers is None:
        merged = values.get("papers")
    elif old_papers == papers:
        merged = old_papers
    else:
        have = set(old_papers)
        merged = old_papers + [p for p in papers if p not in have]
    values["papers"] = merged
    have = set(kept)
    values["aliases"] = kept + [a for a in aliases if a not in have and (name is None or a != name)]
    values["support"] = len(merged) if papers is not None else support
    return values


def _merge_rel(old: Mapping | None, props: Mapping, support, evidence) -> dict:
    """The column values of a relationship after merging a graph edge onto the stored one (None: new)."""
    if not old:  # a new relationship: the general rule below with nothing stored, in short
        values = dict(props)
        for column, items in zip(EVIDENCE_COLUMNS, evidence):
            values[column] = items if len(items) <= MAX_EVIDENCE else items[:MAX_EVIDENCE]
        best = len(set(values["evidence_papers"]))
        values["support"] = support if support is not None and support > best else best
        return values
    values = dict(old)
    old_support = values.get("support")
    old_papers = values.get("evidence_papers") or []
    values.update(props)
    have = set(old_papers)
    new = [i for i, p in enumerate(evidence[0]) if p not in have]
    new = [] if len(old_papers) >= MAX_EVIDENCE else new[:MAX_EVIDENCE - len(old_papers)]
    for column, items in zip(EVIDENCE_COLUMNS, evidence):
        values[column] = (values.get(column) or []) + [items[i] for i in new]
    best = len(set(values["evidence_papers"]))
    for s in (old_support, support):
        if s is not None and s > best:
            best = s
    values["support"] = best
    return values


# --------------------------------------------------------------------------------------------
# writing


@dataclass(frozen=True)
class DatabaseReport:
    """What one :func:`write_database` wrote: rows merged, and how many of them were new."""

    path: str
    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    #: the file existed and was updated (False: it was written afresh)
    updated: bool = False
    seconds: float = 0.0

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """One line for the CLI."""
        return (f"{'updated' if self.updated else 'wrote'} {self.nodes:,} nodes ({self.nodes_created:,} new) and "
                f"{self.relationships:,} relationships ({self.relationships_created:,} new) "
                f"{'in' if self.updated else 'to'} {self.path} in {self.seconds:.1f} s")


def _one_line(text, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _connect(path: Path, *, read_only: bool):
    """``(database, connection)`` of LadybugDB at ``path``; errors name the file."""
    import ladybug

    try:
        db = ladybug.Database(str(path), read_only=read_only)
        return db, ladybug.Connection(db)
    except RuntimeError as e:
        message = _one_line(e, 200)
        if "lock" in message.lower():
            message = f"the database is in use by another process ({message})"
        elif "not a valid" in message:
            message = "not a LadybugDB database file"
        raise (QueryError if read_only else ExportError)(f"{path}: cannot open the embedded database: {message}") from e


def _rows(conn, query: str, params: Mapping | None = None) -> list[list]:
    return conn.execute(query, dict(params or {})).get_all()


def _existing_tables(conn) -> dict[str, str]:
    return {name: kind for name, kind in _rows(conn, "CALL show_tables() RETURN name, type")}


def _table_columns(conn, table: str) -> dict[str, str]:
    """Column name -> type of a table (without a node table's primary key)."""
    return {row[1]: row[2] for row in _rows(conn, f"CALL table_info('{table}') RETURN *")
            if not (len(row) > 4 and row[4] is True)}


def _ensure_schema(conn, plan: _Plan, path: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], bool]:
    """Create or extend kg's tables; return the node and relationship tables' columns and whether
    any of kg's tables held data already."""
    tables = _existing_tables(conn)
    pairs = _pairs(plan)
    node_tables, rel_tables = {}, {}
    for label in NODE_LABELS:
        wanted = plan.node_columns[label]
        if label not in tables:
            conn.execute(_create_node(label, wanted))
            node_tables[label] = dict(wanted)
            continue
        have = _table_columns(conn, label)
        node_tables[label] = _extend(conn, label, have, wanted, path)
    for rel in RELATION_TYPES:
        wanted = plan.rel_columns[rel]
        if rel not in tables:
            conn.execute(_create_rel(rel, pairs[rel], wanted))
            rel_tables[rel] = dict(wanted)
            continue
        have_pairs = {(r[0], r[1]) for r in _rows(conn, f"CALL show_connection('{rel}') RETURN *")}
        for src, dst in pairs[rel]:
            if (src, dst) not in have_pairs:
                conn.execute(f"ALTER TABLE {_q(rel)} ADD FROM {_q(src)} TO {_q(dst)}")
        rel_tables[rel] = _extend(conn, rel, _table_columns(conn, rel), wanted, path)
    had_data = any(_rows(conn, f"MATCH (n:{_q(label)}) RETURN n.id LIMIT 1") for label in NODE_LABELS if label in tables)
    return node_tables, rel_tables, had_data


def _extend(conn, table: str, have: dict[str, str], wanted: Mapping[str, str], path: Path) -> dict[str, str]:
    """Add the columns ``wanted`` that ``table`` lacks; check the others can hold the graph's values."""
    for name, kind in wanted.items():
        match = next((k for k in have if k.lower() == name.lower()), None)
        if match is None:
            conn.execute(f"ALTER TABLE {_q(table)} ADD {_q(name)} {kind}")
            have[name] = kind
        elif _unify(have[match], kind) != have[match]:
            raise ExportError(
                f"{path}: the database stores {table}.{match} as {have[match]}, the graph has {kind} values; "
                f"write the database afresh (delete the file, or write_database(..., replace=True))")
    return have


def _arrow(columns: list[str], types: list[str], rows: list[list]):
    import pyarrow as pa

    data = list(zip(*rows)) if rows else [[] for _ in columns]
    return pa.table({c: pa.array(list(col), type=_arrow_type(t)) for c, t, col in zip(columns, types, data)})


def _scan(columns: list[str], types: list[str], rows: list[list]):
    """An Arrow table with the columns renamed c0, c1, ... (names that can never clash with Cypher words)."""
    return _arrow([f"c{i}" for i in range(len(columns))], types, rows)


def write_database(graph: nx.MultiDiGraph, path=DEFAULT_PATH, *, replace: bool = False) -> DatabaseReport:
    """Write ``graph`` into the LadybugDB database at ``path``: a new file is loaded in bulk, an
    existing one is updated by the rule of :func:`kg.neo4j.push` (see the module's doc).
    ``replace=True`` first drops kg's tables. Returns a :class:`DatabaseReport`; raises
    :class:`~kg.errors.ExportError` with a one-line message."""
    started = time.perf_counter()
    path = Path(path)
    plan = _plan(graph)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder, not a database file; nothing was written")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{path.parent}: cannot create the folder ({e.strerror}); nothing was written") from e
    # a new file is loaded statement by statement (faster: no write-ahead log to replay) and
    # removed if that fails; an existing one is updated in one transaction (all of it, or nothing)
    new_file = not path.exists()
    before = set(path.parent.glob(glob.escape(path.name) + "*"))
    db, conn = _connect(path, read_only=False)
    step = "creating the tables"
    counts = {"nodes": 0, "rels": 0, "nodes_created": 0, "rels_created": 0}
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    failed = False
    try:
        if not new_file:
            conn.execute("BEGIN TRANSACTION")
        if replace:
            step = "dropping kg's tables"
            tables = _existing_tables(conn)
            for name in (*RELATION_TYPES, *NODE_LABELS):
                if name in tables:
                    conn.execute(f"DROP TABLE {_q(name)}")
        node_tables, rel_tables, updating = _ensure_schema(conn, plan, path)
        for label in NODE_LABELS:
            rows = plan.nodes.get(label, [])
            if not rows:
                continue
            step = f"writing {len(rows):,} {label} nodes"
            counts["nodes_created"] += _write_nodes(conn, label, rows, node_tables[label], updating)
            counts["nodes"] += len(rows)
            labels[label] = len(rows)
        for (rel, src, dst), rows in sorted(plan.rels.items()):
            step = f"writing {len(rows):,} {rel} relationships {src}->{dst}"
            counts["rels_created"] += _write_rels(conn, rel, src, dst, rows, rel_tables[rel], updating)
            counts["rels"] += len(rows)
            types[rel] = types.get(rel, 0) + len(rows)
        if not new_file:
            step = "committing"
            conn.execute("COMMIT")
    except (RuntimeError, ExportError) as e:
        failed = True
        if not new_file:
            try:
                conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # LadybugDB has rolled the failed transaction back already
        if isinstance(e, ExportError):
            raise ExportError(f"{e}; nothing was written") from e
        raise ExportError(f"{path}: writing the embedded database failed {step}: {_one_line(e, 200)}; "
                          f"nothing was written") from e
    finally:
        conn.close()
        db.close()
        if failed and new_file:
            for leftover in set(path.parent.glob(glob.escape(path.name) + "*")) - before:
                leftover.unlink(missing_ok=True)
    return DatabaseReport(
        path=str(path), nodes=counts["nodes"], relationships=counts["rels"], nodes_created=counts["nodes_created"],
        relationships_created=counts["rels_created"], labels=labels, types=types, updated=updating,
        seconds=time.perf_counter() - started,
    )


def _write_nodes(conn, label: str, rows: list[tuple], table: dict[str, str], updating: bool) -> int:
    """Merge the rows of one label; return how many nodes were new."""
    names = list(table)
    kinds = [table[n] for n in names]
    old: dict[str, dict] = {}
    if updating:
        ids = [[r[0]] for r in rows]
        found = _rows(conn, f"LOAD FROM $t MATCH (n:{_q(label)} {{id: c0}}) RETURN n", {"t": _scan(["id"], ["STRING"], ids)})
        old = {n["id"]: n for (n,) in found}
    new_rows, changed = [], []
    casts = [_caster(k) for k in kinds]
    for nid, props, papers, aliases, support in rows:
        before = old.get(nid)
        values = _merge_node(before, props, papers, aliases, support)
        row = [values.get(n) if c is None else c(values.get(n)) for n, c in zip(names, casts)]
        if before is None:
            new_rows.append([nid, *row])
        elif any(before.get(n) != v for n, v in zip(names, row)):
            changed.append([nid, *row])
    if new_rows:
        conn.execute(f"COPY {_q(label)} FROM $t", {"t": _arrow(["id", *names], ["STRING", *kinds], new_rows)})
    if changed:
        sets = ", ".join(f"n.{_q(n)} = c{i + 1}" for i, n in enumerate(names))
        conn.execute(f"LOAD FROM $t MATCH (n:{_q(label)} {{id: c0}}) SET {sets}",
                     {"t": _scan(["id", *names], ["STRING", *kinds], changed)})
    return len(new_rows)


def _write_rels(conn, rel: str, src: str, dst: str, rows: list[tuple], table: dict[str, str], updating: bool) -> int:
    """Merge the rows of one (type, source label, target label); return how many were new."""
    names = list(table)
    kinds = [table[n] for n in names]
    match = f"MATCH (a:{_q(src)} {{id: c0}})-[r:{_q(rel)}]->(b:{_q(dst)} {{id: c1}})"
    old: dict[tuple[str, str], dict] = {}
    if updating:
        ends = [[r[0], r[1]] for r in rows]
        found = _rows(conn, f"LOAD FROM $t {match} RETURN c0, c1, r", {"t": _scan(["src", "dst"], ["STRING"] * 2, ends)})
        old = {(a, b): r for a, b, r in found}
    new_rows, changed = [], []
    casts = [_caster(k) for k in kinds]
    for u, v, props, support, evidence in rows:
        before = old.get((u, v))
        values = _merge_rel(before, props, support, evidence)
        row = [values.get(n) if c is None else c(values.get(n)) for n, c in zip(names, casts)]
        if before is None:
            new_rows.append([u, v, *row])
        elif any(before.get(n) != x for n, x in zip(names, row)):
            changed.append([u, v, *row])
    if new_rows:
        conn.execute(f"COPY {_q(rel)} FROM $t (from='{src}', to='{dst}')",
                     {"t": _arrow(["from", "to", *names], ["STRING", "STRING", *kinds], new_rows)})
    if changed:
        sets = ", ".join(f"r.{_q(n)} = c{i + 2}" for i, n in enumerate(names))
        conn.execute(f"LOAD FROM $t {match} SET {sets}",
                     {"t": _scan(["src", "dst", *names], ["STRING", "STRING", *kinds], changed)})
    return len(new_rows)


# --------------------------------------------------------------------------------------------
# reading


class EmbeddedDatabase:
    """An open embedded database (see :func:`open_database`): :meth:`query` answers Cypher with rows
    of plain values, ``connection`` is LadybugDB's own ``ladybug.Connection``."""

    def __init__(self, path, *, write: bool = False):
        self.path = Path(path)
        self.write = write
        if not self.path.exists():
            raise QueryError(f"{self.path}: no embedded database here (kg build writes one into its output folder)")
        if self.path.is_dir():
            raise QueryError(f"{self.path}: is a folder, not a database file")
        self._db, self.connection = _connect(self.path, read_only=not write)

    def query(self, cypher: str, params: Mapping | None = None):
        """Run one Cypher query; return :class:`kg.cypher.Rows` (a list of dicts, one per row)."""
        from .cypher import _run_embedded

        return _run_embedded(self, cypher, dict(params or {}))

    def close(self) -> None:
        self.connection.close()
        self._db.close()

    def __enter__(self) -> EmbeddedDatabase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_database(path=DEFAULT_PATH, *, write: bool = False) -> EmbeddedDatabase:
    """Open the embedded database at ``path``, read-only unless ``write`` (LadybugDB then refuses
    every write). Use it in a ``with`` block, or call ``close()``."""
    return EmbeddedDatabase(path, write=write)
