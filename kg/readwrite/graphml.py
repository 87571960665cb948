"""GraphML: opens in Gephi and round-trips through :func:`networkx.read_graphml`.

Typed: each attribute has one GraphML type for all nodes (or all edges): ``boolean``,
``long`` (``support``, ``n_authors``, ``upvotes``), ``double`` (``value``; an attribute
mixing integers and floats) or ``string``. GraphML has no lists, so list and dict
attributes (``aliases``, ``papers``, ``urls``, ``sources``, ``evidence``) are JSON
strings (``["MS COCO", "COCO 2014"]``); the graph attribute ``kg_json_attrs`` names them
(``node:aliases,...,edge:evidence``) so that :func:`read_graphml` decodes them again.
A missing value (``None``) is left out -- no ``nan``, no empty string -- and comes back
as ``None`` through the graph attribute ``kg_node_attrs``. (igraph fills an attribute
that a node lacks with ``nan`` or ``""``: that is igraph's mark for "absent".)

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph()
>>> G.add_node("method:vig", type="Method", name="ViG", aliases=["ViGs"])
>>> G.add_edge("paper:1", "method:vig", key="PROPOSES", type="PROPOSES", evidence=[], support=1)
'PROPOSES'
>>> path = os.path.join(tempfile.mkdtemp(), "g.graphml")
>>> write_graphml(G, path)
>>> read_graphml(path).nodes["method:vig"]["aliases"]
['ViGs']
"""
from __future__ import annotations

import json

import networkx as nx

from ..errors import ExportError
from ._nulls import attribute_keys, restore_nulls

_JSON_MARK = "kg_json_attrs"
_KEYS_MARK = "kg_node_attrs"
_INT64 = (-(2**63), 2**63 - 1)


def _kind(values: list) -> str:
    """One GraphML type per attribute: boolean, long, double, string, or JSON (a string)."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    ints = [isinstance(v, int) and not isinstance(v, bool) and _INT64[0] <= v <= _INT64[1] for v in values]
    if all(ints):
        return "long"
    if all(i or isinstance(v, float) for i, v in zip(ints, values)):
        return "double"
    if all(isinstance(v, str) for v in values):
        return "string"
    return "json"


def _encode(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))})
    kinds: dict[str, dict[str, str]] = {}
    for scope, rows in (("node", [d for _, d in G.nodes(data=True)]),
                        ("edge", [d for _, _, d in G.edges(data=True)])):
        values: dict[str, list] = {}
        for d in rows:
            for k, v in d.items():
                if v is not None:
                    values.setdefault(k, []).append(v)
        kinds[scope] = {k: _kind(vs) for k, vs in values.items()}

    def enc(d: dict, kind: dict[str, str]) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            t = kind[k]
            if t == "json":
                out[k] = json.dumps(sorted(v) if isinstance(v, (set, frozenset)) else v, ensure_ascii=False)
            else:
                out[k] = float(v) if t == "double" else v
        return out

    for n, d in G.nodes(data=True):
        H.add_node(n, **enc(d, kinds["node"]))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **enc(d, kinds["edge"]))
    H.graph[_JSON_MARK] = ",".join(sorted(f"{scope}:{k}" for scope, ks in kinds.items()
                                          for k, t in ks.items() if t == "json"))
    H.graph[_KEYS_MARK] = json.dumps(attribute_keys(G))
    return H


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as GraphML (list/dict attributes as JSON strings)."""
    from ._values import check_graph

    check_graph(G)
    try:
        nx.write_graphml(_encode(G), path)
    except OSError as e:
        raise ExportError(f"{path}: cannot write GraphML ({e.strerror or e})") from e


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into a MultiDiGraph."""
    try:
        H = nx.read_graphml(path, force_multigraph=True)
    except (OSError, nx.NetworkXError, Exception) as e:  # ElementTree raises ParseError
        raise ExportError(f"{path}: not a readable GraphML file ({e})") from e
    marks = set(filter(None, str(H.graph.pop(_JSON_MARK, "")).split(",")))  # "node:aliases" (or, older, "aliases")
    json_attrs = {scope: {m.split(":", 1)[-1] for m in marks if ":" not in m or m.startswith(scope + ":")}
                  for scope in ("node", "edge")}
    node_keys = json.loads(H.graph.pop(_KEYS_MARK, "{}"))
    G = nx.MultiDiGraph()
    G.graph.update(H.graph)

    def dec(d: dict, scope: str) -> dict:
        return {k: (json.loads(v) if k in json_attrs[scope] and isinstance(v, str) else v) for k, v in d.items()}

    for n, d in H.nodes(data=True):
        G.add_node(n, **dec(d, "node"))
    for u, v, k, d in H.edges(keys=True, data=True):
        d = dec(d, "edge")
        d.pop("id", None)
        G.add_edge(u, v, key=k, **d)
    return restore_nulls(G, node_keys)
