"""kg's graph as the tables of the embedded database (:mod:`kg.embedded`), before any database
is opened: the column types, the graph's rows, the ``CREATE`` statements, and the values a stored
node or relationship takes when a graph is merged onto it (the rule of :func:`kg.neo4j.push`, in
Python). :mod:`kg.embedded` opens, writes and reads the database file; its doc says what the
tables hold.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .assemble import MAX_EVIDENCE
from .errors import ExportError
from .neo4j import _storable, _str_list
from .schema import NODE_LABELS, RELATIONS, RELATION_TYPES

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
