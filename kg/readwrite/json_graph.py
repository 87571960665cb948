"""Node-link JSON (networkx's ``node_link_data``), the format JavaScript tools read.

A link's ``source``, ``target`` and ``key`` are its ends and its key, so an edge attribute of one
of those names (kg's ``source``: what found the edge) is stored as ``edge_source`` (``edge_target``,
``edge_key``) and read back under its own name.

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


#: edge attributes named like a link's own fields, and the names they are stored under
LINK_FIELDS = {"source": "edge_source", "target": "edge_target", "key": "edge_key"}


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
                # an attribute named like a link's own field (kg's edge "source") is kept under another name
                stored = {LINK_FIELDS.get(name, name): value for name, value in d.items()}
                json.dump({**stored, "source": u, "target": v, "key": k}, f, **options)
                sep = ", "
            f.write("]}")
    except OSError as e:
        raise ExportError(f"{path}: cannot write JSON ({e.strerror or e})") from e


def read_json(path) -> nx.MultiDiGraph:
    """Read a node-link JSON file written by :func:`write_json`."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        G = json_graph.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as e:
        raise ExportError(f"{path}: not a node-link JSON graph ({e})") from e
    for _, _, d in G.edges(data=True):
        for name, stored in LINK_FIELDS.items():
            if stored in d:
                d[name] = d.pop(stored)
    return G


def _default(o):
    if isinstance(o, (set, frozenset, tuple)):
        return sorted(o) if isinstance(o, (set, frozenset)) else list(o)
    raise TypeError(f"cannot store {type(o).__name__} in JSON")
