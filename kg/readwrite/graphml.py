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


class _Kind:
    """The GraphML type of one attribute, from its values seen one at a time: ``boolean`` if all are
    booleans, ``long`` if all are 64-bit integers, ``double`` if all are those or floats, ``string`` if
    all are strings, else ``json`` (a JSON string)."""

    __slots__ = ("bools", "longs", "doubles", "strs")

    def __init__(self) -> None:
        self.bools = self.longs = self.doubles = self.strs = True

    def add(self, v) -> None:
        is_bool = isinstance(v, bool)
        is_long = isinstance(v, int) and not is_bool and _INT64[0] <= v <= _INT64[1]
        self.bools &= is_bool
        self.longs &= is_long
        self.doubles &= is_long or isinstance(v, float)
        self.strs &= isinstance(v, str)

    def kind(self) -> str:
        return ("boolean" if self.bools else "long" if self.longs else "double" if self.doubles
                else "string" if self.strs else "json")


class _Encoded:
    """``G`` as GraphML stores it, for networkx's GraphML writer: one type per attribute, list and
    dict attributes as JSON strings, ``None`` left out. The types are found in one pass over the
    graph; each node's and edge's attributes are encoded when the writer reads them, not copied
    into a second graph first, and the writer (networkx's lxml one) streams the file: writing holds
    no more than the graph itself."""

    def __init__(self, G: nx.MultiDiGraph):
        self._G = G
        self.kinds: dict[str, dict[str, str]] = {}
        for scope, rows in (("node", (d for _, d in G.nodes(data=True))), ("edge", (d for _, _, d in G.edges(data=True)))):
            seen: dict[str, _Kind] = {}
            for d in rows:
                for k, v in d.items():
                    if v is not None:
                        kind = seen.get(k)
                        if kind is None:
                            kind = seen[k] = _Kind()
                        kind.add(v)
            self.kinds[scope] = {k: kind.kind() for k, kind in seen.items()}
        self.graph = {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))}
        self.graph[_JSON_MARK] = ",".join(sorted(f"{scope}:{k}" for scope, ks in self.kinds.items()
                                                 for k, t in ks.items() if t == "json"))
        self.graph[_KEYS_MARK] = json.dumps(attribute_keys(G))

    @staticmethod
    def _enc(d: dict, kind: dict[str, str]) -> dict:
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

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = False):
        if not data:
            return iter(self._G.nodes)
        kind = self.kinds["node"]
        return ((n, self._enc(d, kind)) for n, d in self._G.nodes(data=True))

    def edges(self, keys: bool = False, data: bool = False):
        kind = self.kinds["edge"]
        if keys and data:
            return ((u, v, k, self._enc(d, kind)) for u, v, k, d in self._G.edges(keys=True, data=True))
        if data:
            return ((u, v, self._enc(d, kind)) for u, v, d in self._G.edges(data=True))
        return self._G.edges(keys=keys)


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as GraphML (list/dict attributes as JSON strings)."""
    from ._values import check_graph

    check_graph(G)
    try:
        nx.write_graphml(_Encoded(G), path)
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
