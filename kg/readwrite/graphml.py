"""GraphML: opens in Gephi and round-trips through :func:`networkx.read_graphml`.

GraphML stores strings and numbers only, so list and dict attributes (aliases,
papers, evidence) are written as JSON strings; the graph attribute
``kg_json_attrs`` names them so that :func:`read_graphml` decodes them again.
``None`` attributes are left out and come back as ``None`` on reading.

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


class _Encoded:
    """``G`` as GraphML stores it, for networkx's GraphML writer: list, dict and set attributes as
    JSON strings, ``None`` left out. Each node's and edge's attributes are encoded when the writer
    reads them, not copied into a second graph first: the writer (networkx's lxml one) streams the
    file, so writing holds no more than the graph itself."""

    def __init__(self, G: nx.MultiDiGraph):
        self._G = G
        self.json_attrs: set[str] = set()
        for _, d in G.nodes(data=True):
            self._scan(d)
        for _, _, d in G.edges(data=True):
            self._scan(d)
        self.graph = {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))}
        self.graph[_JSON_MARK] = ",".join(sorted(self.json_attrs))
        self.graph[_KEYS_MARK] = json.dumps(attribute_keys(G))

    def _scan(self, d: dict) -> None:
        for k, v in d.items():
            if isinstance(v, (list, tuple, dict, set)):
                self.json_attrs.add(k)

    @staticmethod
    def _enc(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, dict, set)):
                out[k] = json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
            else:
                out[k] = v
        return out

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = False):
        if not data:
            return iter(self._G.nodes)
        return ((n, self._enc(d)) for n, d in self._G.nodes(data=True))

    def edges(self, keys: bool = False, data: bool = False):
        enc = self._enc
        if keys and data:
            return ((u, v, k, enc(d)) for u, v, k, d in self._G.edges(keys=True, data=True))
        if data:
            return ((u, v, enc(d)) for u, v, d in self._G.edges(data=True))
        return self._G.edges(keys=keys)


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as GraphML (list/dict attributes as JSON strings)."""
    try:
        nx.write_graphml(_Encoded(G), path)
    except OSError as e:
        raise ExportError(f"{path}: cannot write GraphML ({e.strerror})") from e


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into a MultiDiGraph."""
    try:
        H = nx.read_graphml(path, force_multigraph=True)
    except (OSError, nx.NetworkXError, Exception) as e:  # ElementTree raises ParseError
        raise ExportError(f"{path}: not a readable GraphML file ({e})") from e
    json_attrs = set(filter(None, str(H.graph.pop(_JSON_MARK, "")).split(",")))
    node_keys = json.loads(H.graph.pop(_KEYS_MARK, "{}"))
    G = nx.MultiDiGraph()
    G.graph.update(H.graph)

    def dec(d: dict) -> dict:
        return {k: (json.loads(v) if k in json_attrs and isinstance(v, str) else v) for k, v in d.items()}

    for n, d in H.nodes(data=True):
        G.add_node(n, **dec(d))
    for u, v, k, d in H.edges(keys=True, data=True):
        d = dec(d)
        d.pop("id", None)
        G.add_edge(u, v, key=k, **d)
    return restore_nulls(G, node_keys)
