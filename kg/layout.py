"""Positions of the whole drawn graph, in pixels, computed when the page is written.

The browser then draws the page at once, with physics off. Leaves (nodes with one neighbour) are set
aside; the rest is laid out by Fruchterman-Reingold with a weak pull to the centre (numpy, dense, in
blocks), then each node's leaves are put on rings around it. (The overview, the page's first screen,
has a layout of its own: :mod:`kg.overview`.)

>>> import networkx as nx
>>> pos = spring_layout(nx.path_graph(4))
>>> sorted(pos), all(isinstance(x, float) for xy in pos.values() for x in xy)
([0, 1, 2, 3], True)
"""
from __future__ import annotations

import math

import networkx as nx

__all__ = ["spring_layout"]

_EDGE_PX = 130.0       # the layout's ideal edge length, in pixels
_LEAF_PX = 70.0        # radius of the first ring of leaves around their node
_LEAF_GAP_PX = 34.0    # distance between leaves on a ring


def spring_layout(H: nx.Graph, seed: int = 7) -> dict:
    """Positions in pixels, so that the browser draws at once with physics off.

    Leaves (nodes with one neighbour) are set aside; the rest is laid out by
    Fruchterman-Reingold with a weak pull to the centre (numpy, dense, in
    blocks), then each node's leaves are put on rings around it.
    """
    import numpy as np

    nbrs: dict = {v: set() for v in H}
    for u, v in H.edges():
        if u != v:
            nbrs[u].add(v)
            nbrs[v].add(u)
    leaves: dict = {}
    for v, ns in nbrs.items():
        if len(ns) == 1:
            (p,) = ns
            # of two nodes that only know each other, the one with the smaller id stays in the core
            if len(nbrs[p]) > 1 or str(p) < str(v):
                leaves.setdefault(p, []).append(v)
    in_leaf = {v for vs in leaves.values() for v in vs}
    core = [v for v in H if v not in in_leaf]
    n = len(core)
    index = {v: i for i, v in enumerate(core)}
    pairs = {(index[u], index[v]) for u in core for v in nbrs[u] if v in index and index[u] < index[v]}
    rows = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))

    rng = np.random.default_rng(seed)
    pos = rng.uniform(-0.5, 0.5, size=(n, 2)).astype(np.float32)
    k = math.sqrt(1.0 / max(n, 1))
    iterations = 60 if n <= 2000 else max(15, int(60 * (2000 / n) ** 2))
    temp = 0.1
    cool = temp / (iterations + 1)
    block = max(1, min(n, 1_000_000 // max(n, 1)))
    gravity = 0.05
    k2 = np.float32(k * k)
    for _ in range(iterations if n > 1 else 0):
        disp = np.zeros_like(pos)
        x, y = pos[:, 0], pos[:, 1]
        for start in range(0, n, block):
            stop = min(n, start + block)
            dx = x[start:stop, None] - x[None, :]
            dy = y[start:stop, None] - y[None, :]
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, 1e-6, out=d2)
            w = np.divide(k2, d2, out=d2)  # repulsion k^2/d along the unit vector: (k^2/d^2) * delta
            disp[start:stop, 0] = (w * dx).sum(axis=1)
            disp[start:stop, 1] = (w * dy).sum(axis=1)
        if len(rows):
            delta = pos[rows] - pos[cols]
            dist = np.sqrt((delta * delta).sum(axis=1)) + 1e-9
            pull = delta * (dist / k)[:, None]  # attraction d^2/k along the unit vector
            np.add.at(disp, rows, -pull)
            np.add.at(disp, cols, pull)
        disp -= gravity * pos * np.sqrt((pos * pos).sum(axis=1))[:, None] / k
        length = np.sqrt((disp * disp).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp -= cool
    if n:
        pos = np.nan_to_num(pos - pos.mean(axis=0))
    scale = _EDGE_PX / k
    out = {v: (float(pos[i, 0]) * scale, float(pos[i, 1]) * scale) for v, i in index.items()}
    for p, vs in leaves.items():
        px, py = out[p]
        away = math.atan2(py, px) if (px or py) else 0.0
        placed, ring = 0, 0
        vs = sorted(vs, key=str)
        while placed < len(vs):
            radius = _LEAF_PX * (1 + 0.8 * ring)
            fit = max(6, int(2 * math.pi * radius / _LEAF_GAP_PX))
            batch = vs[placed:placed + fit]
            for j, v in enumerate(batch):
                a = away + 2 * math.pi * (j + 0.5 * (ring % 2)) / len(batch)
                out[v] = (px + radius * math.cos(a), py + radius * math.sin(a))
            placed += len(batch)
            ring += 1
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in out.items()}
