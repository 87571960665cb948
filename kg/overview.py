"""The overview a page opens on: the most used datasets, tasks and methods, with their labels apart.

A whole graph drawn at once is a hairball: a thousand nodes, the labels of the hubs on top of each
other. The page (:mod:`kg.render`) opens instead on the entities a reader looks for first, the
datasets, the tasks and the most supported methods; papers, results and the rest are folded into them
(the side panel lists them, and a click unfolds them). This module chooses those nodes and lays them
out for a canvas of a given size, in pixels at zoom 1:

* nodes are chosen by support (papers), most used first, within a budget of label area (about a third
  of the canvas), so that the labels fit;
* one node stands for each board dataset (:func:`kg.boards.board_datasets`): ``COCO test-dev`` and
  ``MS COCO`` are folded into ``COCO``;
* positions come from a force layout weighted by the papers two nodes share, then every node's box (its
  shape and the label under it, widths estimated from the metrics of DejaVu Sans, a wide sans-serif
  font) is pushed apart from the others until none overlaps.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for i, t in enumerate(["Dataset", "Task", "Method"] * 3):
...     G.add_node(f"n{i}", type=t, name=f"{t} number {i}", papers=[f"p{j}" for j in range(9 - i)], support=9 - i)
>>> ov = overview(G, width=600, height=400)
>>> len(ov.nodes), overlaps(ov)
(9, 0)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["Overview", "overview", "overlaps", "label_width", "OVERVIEW_TYPES"]

#: Node types the overview shows, in the order of their share of the budget.
OVERVIEW_TYPES = ("Dataset", "Task", "Method")
#: At most this many nodes of each type.
_CAPS = {"Dataset": 30, "Task": 16, "Method": 18}
#: The share of the label area each type gets first.
_SHARES = {"Dataset": 0.45, "Task": 0.27, "Method": 0.28}
#: Labels share this part of the canvas at most.
_AREA_SHARE = 0.42
_LABEL_CHARS = 28
_PAD = 6.0  # pixels between two boxes

# advance widths of DejaVu Sans per em, for the characters 32..126 (a wide font: other sans-serif fonts
# draw narrower labels, which then still do not overlap)
_WIDTHS = [float(x) for x in (
    ".32 .4 .46 .84 .64 .95 .78 .27 .39 .39 .5 .84 .32 .36 .32 .34 .64 .64 .64 .64 .64 .64 .64 .64 .64 .64 .34 "
    ".34 .84 .84 .84 .53 1 .68 .69 .7 .77 .63 .58 .77 .75 .29 .29 .66 .56 .86 .75 .79 .6 .79 .69 .63 .61 .73 .68 "
    ".99 .69 .61 .69 .39 .34 .39 .84 .5 .5 .61 .63 .53 .63 .57 .35 .63 .63 .28 .28 .58 .28 .97 .63 .55 .63 .63 "
    ".38 .52 .39 .63 .59 .82 .59 .59 .52 .64 .34 .64 .84").split()]


def label_width(text: str, font: float) -> float:
    """The width in pixels of ``text`` drawn at ``font`` pixels (DejaVu Sans; other characters 0.8 em).

    >>> round(label_width("ImageNet-1K", 14))
    90
    """
    return font * sum(_WIDTHS[o - 32] if 32 <= (o := ord(c)) <= 126 else 0.8 for c in text)


def _clip(s: str, n: int = _LABEL_CHARS) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class Overview:
    """The nodes of the opening view (most important first), their positions (pixels at zoom 1, centre
    of the canvas at 0, 0), their labels, node sizes and boxes ``(left, top, right, bottom)``, and the
    pairs of them that share papers, with how many."""

    nodes: tuple = ()
    positions: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    boxes: dict = field(default_factory=dict)
    shared: tuple = ()
    font: int = 15


def _papers(d: dict) -> set:
    p = d.get("papers")
    if isinstance(p, str):
        return {p}
    return {str(x) for x in p} if p else set()


def _support(d: dict) -> int:
    try:
        return int(d.get("support") or 0)
    except (TypeError, ValueError):
        return 0


def node_size(support: int) -> float:
    """The radius of an overview node of this support (smaller than in the whole graph: labels come first)."""
    return round(min(6 + 2.5 * math.sqrt(max(support, 0)), 24), 1)


def _box(label: str, size: float, font: int) -> tuple[float, float, float]:
    """(half width, height above the centre, height below it) of a node with its label under it."""
    w = max(2 * size, label_width(label, font) + 8)
    return w / 2, size, size + 4 + font * 1.25


def overview(G: nx.Graph, nodes=None, *, width: float = 900, height: float = 740, font: int = 15,
             stand_for: dict | None = None, seed: int = 7) -> Overview:
    """Choose and lay out the overview of ``G`` (among ``nodes``, default all) for a ``width`` x ``height``
    canvas; its nodes come datasets first, then tasks, then methods, each by support. ``stand_for`` maps a node to the node that stands for it (a split or alias of a dataset to
    the dataset): only nodes that stand for themselves are chosen."""
    pool = list(G if nodes is None else nodes)
    stand_for = stand_for or {}
    by_type: dict[str, list] = {t: [] for t in OVERVIEW_TYPES}
    for n in pool:
        d = G.nodes[n]
        t = d.get("type")
        if t in by_type and stand_for.get(n, n) == n and _support(d) > 0:
            by_type[t].append(n)
    for t in by_type:
        by_type[t].sort(key=lambda n: (-_support(G.nodes[n]), str(G.nodes[n].get("name") or n).lower(), str(n)))
        by_type[t] = by_type[t][:_CAPS[t]]
    # each type fills its share of the label area in order of support, then what is left goes to the
    # nodes left out, most supported (relative to the best of their type) first
    labels = {n: _clip(G.nodes[n].get("name") or n) for ns in by_type.values() for n in ns}
    sizes = {n: node_size(_support(G.nodes[n])) for n in labels}
    extent = {n: _box(labels[n], sizes[n], font) for n in labels}
    area = {n: (2 * extent[n][0] + _PAD) * (extent[n][1] + extent[n][2] + _PAD) for n in labels}
    budget = _AREA_SHARE * width * height
    keep: list = []
    used = 0.0
    for t, ns in by_type.items():
        share, spent = _SHARES[t] * budget, 0.0
        for n in ns:
            if spent + area[n] <= share:
                keep.append(n)
                spent += area[n]
        used += spent
    top = {t: max((_support(G.nodes[n]) for n in ns), default=1) or 1 for t, ns in by_type.items()}
    rest = sorted((n for ns in by_type.values() for n in ns if n not in keep),
                  key=lambda n: (-_support(G.nodes[n]) / top[G.nodes[n]["type"]], str(n)))
    for n in rest:
        if used + area[n] <= budget:
            keep.append(n)
            used += area[n]
    keep.sort(key=lambda n: (OVERVIEW_TYPES.index(G.nodes[n]["type"]), -_support(G.nodes[n]), str(n)))
    if not keep:
        return Overview(font=font)
    labels = {n: labels[n] for n in keep}
    sizes = {n: sizes[n] for n in keep}

    papers = {n: _papers(G.nodes[n]) for n in keep}
    shared = []
    for i, u in enumerate(keep):
        for v in keep[i + 1:]:
            c = len(papers[u] & papers[v])
            if c:
                shared.append((u, v, c))
    while True:
        pos = _spread(keep, shared, extent, width, height, seed)
        boxes = {n: (x - extent[n][0], y - extent[n][1], x + extent[n][0], y + extent[n][2]) for n, (x, y) in pos.items()}
        if len(keep) <= 1 or _fits(boxes, width, height):
            break
        # pushed apart, the boxes overflow the canvas: the page would zoom out below readable labels, so
        # the least supported node (relative to the best of its type) goes, and the layout is made again
        last = min(keep, key=lambda n: (_support(G.nodes[n]) / top[G.nodes[n]["type"]], str(n)))
        keep = [n for n in keep if n != last]
        shared = [(u, v, c) for u, v, c in shared if last not in (u, v)]
    labels = {n: labels[n] for n in keep}
    sizes = {n: sizes[n] for n in keep}
    return Overview(tuple(keep), pos, labels, sizes, boxes, tuple(shared), font)


#: the page may zoom out to this much to show the whole overview (labels stay at 0.85 x 15 px or more)
MIN_ZOOM = 0.85


def _fits(boxes: dict, width: float, height: float) -> bool:
    """Whether the boxes, fitted to a ``width`` x ``height`` canvas, need a zoom of at least :data:`MIN_ZOOM`."""
    left = min(b[0] for b in boxes.values())
    top = min(b[1] for b in boxes.values())
    right = max(b[2] for b in boxes.values())
    bottom = max(b[3] for b in boxes.values())
    return min(width / max(right - left, 1e-9), height / max(bottom - top, 1e-9)) >= MIN_ZOOM


def _spread(nodes: list, shared: list, extent: dict, width: float, height: float, seed: int) -> dict:
    """A force layout scaled to the canvas, then every box pushed out of every other."""
    import numpy as np

    F = nx.Graph()
    F.add_nodes_from(nodes)
    for u, v, c in shared:
        F.add_edge(u, v, weight=math.log1p(c))
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    raw = nx.spring_layout(F, weight="weight", seed=seed, k=1.6 / math.sqrt(n), iterations=150)
    xy = np.array([raw[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    span = np.maximum(np.abs(xy).max(axis=0), 1e-9)
    xy = xy / span * np.array([width * 0.42, height * 0.40])
    hw = np.array([extent[v][0] for v in nodes])
    up = np.array([extent[v][1] for v in nodes])
    down = np.array([extent[v][2] for v in nodes])
    iu = np.triu_indices(n, 1)
    for _ in range(2000):
        left, right = xy[:, 0] - hw - _PAD / 2, xy[:, 0] + hw + _PAD / 2
        top, bottom = xy[:, 1] - up - _PAD / 2, xy[:, 1] + down + _PAD / 2
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        oy = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :])
        hit = (ox > 0) & (oy > 0)
        hit[np.diag_indices(n)] = False
        if not hit[iu].any():
            break
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        # ties (two boxes at one point) part by index, the same way every run
        tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(float)
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        along_x = hit & (ox * height <= oy * width)  # push along the axis of the smaller overlap (canvas-shaped)
        along_y = hit & ~along_x
        move = np.zeros_like(xy)
        move[:, 0] = (np.where(along_x, ox, 0.0) * sx).sum(axis=1) * 0.5
        move[:, 1] = (np.where(along_y, oy, 0.0) * sy).sum(axis=1) * 0.5
        xy += move * 0.6 + 1e-3 * np.stack([np.sign(move[:, 0]), np.sign(move[:, 1])], axis=1)
    xy -= (xy.min(axis=0) + xy.max(axis=0)) / 2
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy)}


def overlaps(ov: Overview) -> int:
    """How many pairs of boxes of ``ov`` overlap (0 for every overview this module makes)."""
    items = list(ov.boxes.values())
    return sum(1 for i, a in enumerate(items) for b in items[i + 1:]
               if min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0)
