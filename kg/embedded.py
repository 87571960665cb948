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
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ._embedded_tables import (
    EVIDENCE_COLUMNS, _Plan, _caster, _create_node, _create_rel, _merge_node, _merge_rel, _pairs, _plan, _q,
    _unify, database_schema,
)
from .errors import ExportError, QueryError
from .schema import NODE_LABELS, RELATION_TYPES

__all__ = [
    "FILE_NAME", "DEFAULT_PATH", "EVIDENCE_COLUMNS", "DatabaseReport", "EmbeddedDatabase",
    "open_database", "write_database", "database_schema",
]

#: The file ``kg build`` writes into its output folder.
FILE_NAME = "kg.lbug"
#: Where ``kg query`` looks by default.
DEFAULT_PATH = "exports/" + FILE_NAME


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


def _arrow_type(column: str):
    import pyarrow as pa

    scalar = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOL": pa.bool_()}
    if column.endswith("[]"):
        return pa.list_(scalar[column[:-2]])
    return scalar[column]


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
