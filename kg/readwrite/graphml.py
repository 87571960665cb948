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


def _encode(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))})
    json_attrs: set[str] = set()

    def enc(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, dict, set)):
                json_attrs.add(k)
                out[k] = json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
            else:
                out[k] = v
        return out

    for n, d in G.nodes(data=True):
        H.add_node(n, **enc(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **enc(d))
    H.graph[_JSON_MARK] = ",".join(sorted(json_attrs))
    H.graph[_KEYS_MARK] = json.dumps(attribute_keys(G))
    return H


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as GraphML (list/dict attributes as JSON strings)."""
    try:
        nx.write_graphml(_encode(G), path)
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
