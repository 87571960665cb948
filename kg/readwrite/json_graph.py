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
    """Write ``G`` as node-link JSON (edges under ``"edges"``, keys under ``"key"``)."""
    from ._values import check_graph

    check_graph(G)
    data = json_graph.node_link_data(G, edges="edges")
    # node_link_data lets the link's own fields win over attributes of the same names: keep those too
    for link, (_, _, d) in zip(data["edges"], G.edges(data=True)):
        for name, stored in LINK_FIELDS.items():
            if name in d:
                link[stored] = d[name]
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, default=_default, allow_nan=False)
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
