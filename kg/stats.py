"""Summaries of a graph: counts per node type and relation, the most supported entities.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("dataset:coco", type="Dataset", name="COCO", support=3)
>>> graph_stats(G)["nodes"]
{'Dataset': 1}
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .schema import ENTITY_LABELS


def graph_stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts per node type and relation type, and the ``top`` entities of each type by support."""
    nodes = Counter(d.get("type") for _, d in G.nodes(data=True))
    rels = Counter(k for _, _, k in G.edges(keys=True))
    best = {}
    for label in ENTITY_LABELS:
        ranked = sorted(
            ((d.get("support", 0), d.get("name", n)) for n, d in G.nodes(data=True) if d.get("type") == label),
            key=lambda t: (-t[0], t[1]),
        )
        best[label] = [{"name": name, "support": sup} for sup, name in ranked[:top]]
    return {
        "nodes": dict(sorted(nodes.items())),
        "relations": dict(sorted(rels.items())),
        "total_nodes": G.number_of_nodes(),
        "total_edges": G.number_of_edges(),
        "top": best,
    }


def format_stats(stats: dict) -> str:
    """Plain-text rendering of :func:`graph_stats`."""
    lines = [f"{stats['total_nodes']} nodes, {stats['total_edges']} edges", "", "nodes:"]
    lines += [f"  {k:<12} {v:>8}" for k, v in stats["nodes"].items()]
    lines += ["", "relations:"]
    lines += [f"  {k:<12} {v:>8}" for k, v in stats["relations"].items()]
    for label, items in stats["top"].items():
        if items:
            lines += ["", f"top {label} (papers):"]
            lines += [f"  {i['support']:>5}  {i['name']}" for i in items]
    return "\n".join(lines)
