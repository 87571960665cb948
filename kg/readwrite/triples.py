"""Triples JSONL: one fact a line, ``subject -predicate-> object`` with support and evidence.

Each line: ``{"subject": {"id", "type", "name", "confidence", "source"}, "predicate",
"object": {...}, "support", "evidence": [{"paper", "sentence", "start", "end"}, ...],
"confidence", "source"}``: the edge's other attributes follow ``evidence`` (every attribute an
edge has but its ``type``), and a node's ``confidence`` and ``source`` are there when it has them.
Reading it back gives the graph's edges with their attributes, and each node's id, type, name,
confidence and source.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph()
>>> G.add_node("method:a", type="Method", name="A"); G.add_node("method:b", type="Method", name="B")
>>> G.add_edge("method:a", "method:b", key="OUTPERFORMS", type="OUTPERFORMS", evidence=[], support=1)
'OUTPERFORMS'
>>> path = os.path.join(tempfile.mkdtemp(), "t.jsonl")
>>> write_triples(G, path)
>>> list(read_triples(path).edges(keys=True))
[('method:a', 'method:b', 'OUTPERFORMS')]
"""
from __future__ import annotations

import json

import networkx as nx

from ..errors import ExportError


#: the node attributes a triple carries of its subject and object
NODE_FIELDS = ("type", "name", "confidence", "source")


def _node(G: nx.MultiDiGraph, n: str) -> dict:
    d = G.nodes[n]
    out = {"id": n, "type": d.get("type"), "name": d.get("name")}
    for k in NODE_FIELDS[2:]:
        if d.get(k) is not None:
            out[k] = d[k]
    return out


def write_triples(G: nx.MultiDiGraph, path) -> None:
    """Write every edge of ``G`` as one JSON line."""
    from ._values import check_graph

    check_graph(G)
    try:
        with open(path, "w", encoding="utf-8") as f:
            for u, v, k, d in G.edges(keys=True, data=True):
                rec = {"subject": _node(G, u), "predicate": k, "object": _node(G, v),
                       "support": d.get("support", 1), "evidence": d.get("evidence", [])}
                rec.update((a, x) for a, x in d.items() if a not in rec and a != "type")
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except OSError as e:
        raise ExportError(f"{path}: cannot write triples ({e.strerror or e})") from e


def is_triples_file(path) -> bool:
    """Whether the first non-blank line of ``path`` is a triple (a ``.jsonl`` of papers is not).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "papers.jsonl")
    >>> _ = open(path, "w").write('{"title": "T", "abstract": "A"}\\n')
    >>> is_triples_file(path)
    False
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    return isinstance(rec, dict) and {"subject", "predicate", "object"} <= rec.keys()
    except (OSError, ValueError):
        return False
    return False


def read_triples(path) -> nx.MultiDiGraph:
    """Read a triples file into a MultiDiGraph (nodes get id, type, name, confidence and source only)."""
    G = nx.MultiDiGraph()
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    s, o, p = rec["subject"], rec["object"], rec["predicate"]
                except (ValueError, KeyError, TypeError) as e:
                    raise ExportError(f"{path}:{n}: not a triple line ({e})") from e
                for node in (s, o):
                    G.add_node(node["id"], **{k: node[k] for k in NODE_FIELDS if k in node})
                extra = {a: x for a, x in rec.items() if a not in ("subject", "object", "predicate", "type")}
                G.add_edge(s["id"], o["id"], key=p, type=p, **{"support": 1, "evidence": [], **extra})
    except (OSError, UnicodeDecodeError) as e:
        raise ExportError(f"{path}: cannot read triples ({getattr(e, 'strerror', None) or e})") from e
    return G
