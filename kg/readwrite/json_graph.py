"""Node-link JSON (networkx's ``node_link_data``), the format JavaScript tools read.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph()
>>> G.add_edge("paper:1", "dataset:coco", key="MENTIONS", type="MENTIONS", evidence=[], support=1)
'MENTIONS'
>>> path = os.path.join(tempfile.mkdtemp(), "g.json")
>>> write_json(G, path)
>>> list(read_json(path).edges(keys=True))
[('paper:1', 'dataset:coco', 'MENTIONS')]
"""
from __future__ import annotations

import json

import networkx as nx
from networkx.readwrite import json_graph

from ..errors import ExportError


def write_json(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as node-link JSON (edges under ``"edges"``, keys under ``"key"``): the document of
    ``networkx.node_link_data(G, edges="edges")``, written one node and one edge at a time rather
    than built whole in memory first."""
    from ._values import check_graph

    check_graph(G)
    options = {"ensure_ascii": False, "default": _default, "allow_nan": False}
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"directed": true, "multigraph": true, "graph": ')
            json.dump(G.graph, f, **options)
            f.write(', "nodes": [')
            sep = ""
            for n, d in G.nodes(data=True):
                f.write(sep)
                json.dump({**d, "id": n}, f, **options)
                sep = ", "
            f.write('], "edges": [')
            sep = ""
            for u, v, k, d in G.edges(keys=True, data=True):
                f.write(sep)
                json.dump({**d, "source": u, "target": v, "key": k}, f, **options)
                sep = ", "
            f.write("]}")
    except OSError as e:
        raise ExportError(f"{path}: cannot write JSON ({e.strerror or e})") from e


def read_json(path) -> nx.MultiDiGraph:
    """Read a node-link JSON file written by :func:`write_json`."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return json_graph.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as e:
        raise ExportError(f"{path}: not a node-link JSON graph ({e})") from e


def _default(o):
    if isinstance(o, (set, frozenset, tuple)):
        return sorted(o) if isinstance(o, (set, frozenset)) else list(o)
    raise TypeError(f"cannot store {type(o).__name__} in JSON")
