"""Formats that cannot store ``None`` (GraphML, CSV) leave such attributes out; reading puts them back.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", type="Result", unit="%"); G.add_node("b", type="Result")
>>> restore_nulls(G).nodes["b"]
{'type': 'Result', 'unit': None}
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx


def attribute_keys(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The attribute names of the nodes of each ``type`` (``None``-valued ones included)."""
    keys: dict[str, set] = defaultdict(set)
    for _, d in G.nodes(data=True):
        keys[str(d.get("type"))].update(d)
    return {t: sorted(k) for t, k in keys.items()}


def restore_nulls(G: nx.MultiDiGraph, node_keys: dict[str, list[str]] | None = None) -> nx.MultiDiGraph:
    """Give every node the attributes other nodes of its ``type`` have (or those ``node_keys``
    names for the type), ``None`` where missing, and every edge those of its relation type.
    Changes ``G`` in place and returns it."""
    node_keys = defaultdict(set, {t: set(k) for t, k in (node_keys or {}).items()})
    for _, d in G.nodes(data=True):
        node_keys[str(d.get("type"))].update(d)
    for _, d in G.nodes(data=True):
        for k in node_keys[str(d.get("type"))] - d.keys():
            d[k] = None
    edge_keys: dict[str, set] = defaultdict(set)
    for _, _, k, d in G.edges(keys=True, data=True):
        edge_keys[k].update(d)
    for _, _, k, d in G.edges(keys=True, data=True):
        for a in edge_keys[k] - d.keys():
            d[a] = None
    return G
