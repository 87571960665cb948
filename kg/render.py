"""Write the knowledge graph as one self-contained, interactive HTML page.

:func:`write_html` draws a ``networkx.MultiDiGraph`` that follows the contract
of :mod:`kg.assemble` with pyvis' node/edge model and the vis-network build
that pyvis ships, inlined. The page

* needs no network: vis-network, its style sheet, the page's own script and
  the data are inside the file, and a Content-Security-Policy forbids every
  request (``default-src 'none'``) and every script but the page's own
  (``script-src`` with their SHA-256 hashes), so nothing from a paper can run
  even if it slipped into the markup;
* is laid out in Python (a Fruchterman-Reingold layout in numpy), so the
  browser draws it at once with physics off;
* opens, on a graph of more than a few hundred nodes, on an overview a person
  can read (:mod:`kg.overview`): the most used datasets, tasks and methods,
  laid out so that their labels do not overlap in a 1400x900 window, with
  papers, results and the rest folded into them (a click unfolds them;
  "Whole graph" shows everything);
* shows, in the side panel, what a clicked node holds: a dataset's or a task's
  leaderboards (:mod:`kg.boards`: each row with its settings and evidence, and
  a chart of the state of the art over time), its papers, its details;
* shows one colour and shape per node type with a legend that filters by
  type, edge colours per relation type (relation labels appear on the
  neighbourhood of a clicked node), node size by support, plain-text
  tooltips, a search box, and a note of what was left out.

The page's template, style sheet and script are files of the package
(``kg/page/``), read with :mod:`importlib.resources`; the template is filled
by Jinja2 with autoescaping on.

Titles and names are untrusted: they reach the page only as JSON in a
``type="application/json"`` block (``<`` escaped), are read with
``JSON.parse`` and shown with ``textContent`` or vis-network's plain-text
tooltips; the heading is HTML-escaped. pyvis' own template is not used (it
links Bootstrap from a CDN, writes the heading and select options raw, and
switches to HTML tooltips when a title contains ``href``).

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph()
>>> G.add_node("method:a", type="Method", name="A", aliases=[], support=1, papers=["p"])
>>> G.add_node("paper:p", type="Paper", name="P", title="P", aliases=[], support=1, papers=["p"])
>>> G.add_edge("paper:p", "method:a", key="PROPOSES", type="PROPOSES", evidence=[], support=1)
'PROPOSES'
>>> with tempfile.TemporaryDirectory() as d:
...     report = write_html(G, os.path.join(d, "graph.html"))
>>> (report.nodes, report.edges, report.left_out)
(2, 1, 0)
"""
from __future__ import annotations

import base64
import hashlib
import heapq
import json
import math
import os
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from importlib import resources

import networkx as nx

from .errors import RenderError
from .schema import NODE_LABELS, RELATION_TYPES, merge_key, node_id

__all__ = ["RenderReport", "write_html", "DEFAULT_MAX_NODES", "NODE_STYLE", "RELATION_COLOR", "OPENING_WINDOW",
           "OVERVIEW_ABOVE"]

#: Nodes drawn at most unless ``max_nodes`` says otherwise.
DEFAULT_MAX_NODES = 1500
#: The window the overview is laid out for (CSS pixels), and the side panel's width in it.
OPENING_WINDOW = (1400, 900)
_SIDE_PX = 440
_HEADER_PX = 80
#: A page of more drawn nodes than this opens on the overview (unless ``overview`` says otherwise).
OVERVIEW_ABOVE = 150

#: Colour, vis-network shape and legend glyph of each node label ("Other": a type outside the schema).
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    "Paper": ("#4e79a7", "square", "\u25a0"),
    "Method": ("#f28e2b", "dot", "\u25cf"),
    "Dataset": ("#59a14f", "diamond", "\u25c6"),
    "Task": ("#e15759", "triangle", "\u25b2"),
    "Metric": ("#b07aa1", "star", "\u2605"),
    "Result": ("#17a2b8", "triangleDown", "\u25bc"),
    "Repository": ("#9c755f", "hexagon", "\u2b22"),
    "Other": ("#8c8c8c", "dot", "\u25cf"),
}

#: Edge colour of each relation type ("OTHER": a relation outside the schema).
RELATION_COLOR: dict[str, str] = {
    "PROPOSES": "#e8710a",
    "ADDRESSES": "#d62728",
    "MENTIONS": "#c4c4c4",
    "EVALUATED_ON": "#2ca02c",
    "USES": "#9467bd",
    "BASED_ON": "#8c564b",
    "OUTPERFORMS": "#e377c2",
    "HAS_CODE": "#7f7f7f",
    "REPORTS": "#17becf",
    "OF_METHOD": "#f5b36b",
    "ON_DATASET": "#8fd18a",
    "MEASURED_BY": "#c9b3dd",
    "FOR_TASK": "#f4a3a3",
    "OTHER": "#999999",
}

_LABEL_CHARS = 40      # node labels longer than this are cut (the tooltip has the full name)
_FIELD_CHARS = 300     # one tooltip field (a sentence, a title) at most
_LIST_ITEMS = 6        # papers / aliases listed in a tooltip at most
_EVIDENCE_ITEMS = 2    # evidence sentences in an edge tooltip at most
_EDGE_PX = 130.0       # the layout's ideal edge length, in pixels
_LEAF_PX = 70.0        # radius of the first ring of leaves around their node
_LEAF_GAP_PX = 34.0    # distance between leaves on a ring
_BIG_LABELS = 12       # this many nodes (most papers) get the largest labels, three times as many a large one
_PANEL_PAPERS = 25     # papers of a node listed in the side panel
_SHARED_EDGES = 3      # the overview links each node to this many others it shares the most papers with


@dataclass(frozen=True)
class RenderReport:
    """What :func:`write_html` drew.

    ``nodes``/``edges`` were drawn (one vis-network edge per ``(u, v, key)``
    of the MultiDiGraph); ``left_out``/``edges_left_out`` were not, because of
    the node budget or ``focus``; ``total_*`` are the graph's own counts.
    """

    path: Path
    nodes: int
    edges: int
    left_out: int
    edges_left_out: int
    total_nodes: int
    total_edges: int
    max_nodes: int
    focus: tuple[str, ...] = ()
    hops: int = 1
    left_out_by_type: dict[str, int] = field(default_factory=dict)
    #: what the page opens on: "overview" (``overview_nodes`` of the drawn nodes) or "whole"
    view: str = "whole"
    overview_nodes: int = 0
    #: leaderboards the side panel can show
    boards: int = 0

    def __str__(self) -> str:
        """One line for the CLI, without the path (the CLI says where it wrote)."""
        s = f"{self.nodes:,} nodes and {self.edges:,} edges drawn"
        if self.view == "overview":
            s += f", opening on an overview of {self.overview_nodes:,}"
        if self.focus:
            s += f" (within {self.hops} hop{'s' if self.hops != 1 else ''} of {', '.join(self.focus)})"
        if self.left_out:
            s += f"; {self.left_out:,} nodes and {self.edges_left_out:,} edges left out"
        return s


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    focus: str | None = None,
    hops: int = 1,
    title: str = "kg",
    overview: bool | None = None,
) -> RenderReport:
    """Write ``G`` as an interactive, self-contained HTML page at ``path``.

    The page opens on the overview (:mod:`kg.overview`) when ``overview`` is
    True, or, by default, when more than :data:`OVERVIEW_ABOVE` nodes are drawn
    and no ``focus`` is given; otherwise on everything drawn.

    Above ``max_nodes`` nodes only the most connected part is drawn (grown
    from the nodes of highest degree, so that it stays connected) and the page
    says how many nodes of each type were left out.
    ``focus`` (a node id, name or alias) draws the nodes within ``hops`` hops
    of that node, in either direction; all nodes of that name are centres.
    Parent folders of ``path`` are created. Raises :class:`~kg.errors.RenderError`.
    """
    if not isinstance(G, nx.Graph):
        raise RenderError(f"cannot render {type(G).__name__!r}: expected a networkx graph")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise RenderError(f"max_nodes must be a positive integer, got {max_nodes!r}")
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise RenderError(f"hops must be an integer >= 0, got {hops!r}")
    out = Path(path)

    centres: list = []
    if focus is not None:
        centres = _find(G, focus)
    keep = _select(G, max_nodes, centres, hops)
    H = G.subgraph(keep)
    multi = H.is_multigraph()
    edge_list = list(H.edges(keys=True, data=True)) if multi else [(u, v, None, d) for u, v, d in H.edges(data=True)]

    left = [n for n in G if n not in H]
    by_type = Counter(_label_of(G.nodes[n]) for n in left)
    report = RenderReport(
        path=out, nodes=H.number_of_nodes(), edges=len(edge_list),
        left_out=len(left), edges_left_out=G.number_of_edges() - len(edge_list),
        total_nodes=G.number_of_nodes(), total_edges=G.number_of_edges(), max_nodes=max_nodes,
        focus=tuple(str(c) for c in centres), hops=hops, left_out_by_type=dict(by_type.most_common()),
    )

    want = overview if overview is not None else (focus is None and H.number_of_nodes() > OVERVIEW_ABOVE)
    html, report = _page(G, H, edge_list, report, title=str(title), focus_label=focus, want_overview=bool(want))
    tmp = out.with_name(out.name + ".tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise RenderError(f"cannot write {str(out)!r}: {e.strerror or e}") from e
    return report


# --------------------------------------------------------------------------- selection

def _find(G: nx.Graph, name: str) -> list:
    """Nodes whose id, name or alias is ``name`` (letters and digits compared, case ignored)."""
    name = str(name)
    if name in G:
        return [name]
    for label in ("Paper",):
        nid = node_id(label, name)
        if nid in G:
            return [nid]
    key = merge_key(name) or name.strip().lower()
    if not key:
        raise RenderError(f"focus {name!r}: empty name")

    def k(s) -> str:
        s = str(s)
        return merge_key(s) or s.strip().lower()

    hits = [n for n, d in G.nodes(data=True) if k(d.get("name", n)) == key]
    if not hits:
        hits = [n for n, d in G.nodes(data=True) if any(k(a) == key for a in _as_list(d.get("aliases")))]
    if not hits:
        raise RenderError(f"focus {name!r}: no node has this id, name or alias")
    return sorted(hits, key=lambda n: (-_support(G.nodes[n]), str(n)))


def _neighbours(G: nx.Graph, n):
    if G.is_directed():
        yield from G.succ[n]
        yield from G.pred[n]
    else:
        yield from G.adj[n]


def _select(G: nx.Graph, max_nodes: int, centres: list, hops: int) -> list:
    """The nodes to draw: all of them, or the ``hops``-neighbourhood of ``centres``, within ``max_nodes``.

    Over the budget, the drawn part grows from the best node (the centres, or
    the node of highest degree) by always taking the frontier node nearest to a
    centre, then of highest degree: what is drawn stays connected, and when a
    component is used up the best node left starts the next one.
    """
    if centres:
        dist = {c: 0 for c in centres}
        queue = deque(centres)
        while queue:
            u = queue.popleft()
            if dist[u] >= hops:
                continue
            for v in _neighbours(G, u):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        candidates = list(dist)
    else:
        dist = {}
        candidates = list(G)
    if len(candidates) <= max_nodes:
        return candidates
    deg = G.degree

    def rank(n) -> tuple:
        return (dist.get(n, 0), -deg(n), -_support(G.nodes[n]), str(n))

    allowed = set(candidates)
    seeds = sorted(candidates, key=rank)
    keys = {n: rank(n) for n in candidates}
    chosen: dict = {}
    frontier: list = [(keys[c], c) for c in centres if c in allowed]
    heapq.heapify(frontier)
    next_seed = 0
    while len(chosen) < max_nodes:
        while frontier and frontier[0][1] in chosen:
            heapq.heappop(frontier)
        if not frontier:
            while seeds[next_seed] in chosen:
                next_seed += 1
            heapq.heappush(frontier, (keys[seeds[next_seed]], seeds[next_seed]))
            continue
        _, u = heapq.heappop(frontier)
        chosen[u] = None
        for v in _neighbours(G, u):
            if v in allowed and v not in chosen:
                heapq.heappush(frontier, (keys[v], v))
    return list(chosen)


# --------------------------------------------------------------------------- layout

def _layout(H: nx.Graph, seed: int = 7) -> dict:
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


# --------------------------------------------------------------------------- text

def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, (list, tuple, set, frozenset)):
        return list(x)
    if isinstance(x, str):
        if x.startswith("["):  # a list stored as JSON by a flat file format
            try:
                v = json.loads(x)
                if isinstance(v, list):
                    return v
            except ValueError:
                pass
        return [x] if x else []
    return [x]


def _support(d: dict) -> int:
    try:
        return int(d.get("support") or 0)
    except (TypeError, ValueError):
        return 0


def _label_of(d: dict) -> str:
    t = d.get("type")
    return t if t in NODE_LABELS else "Other"


def _clip(s, limit: int = _FIELD_CHARS) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "\u2026"


def _name(G: nx.Graph, n) -> str:
    d = G.nodes[n]
    return str(d.get("name") or d.get("title") or n)


def _paper_title(G: nx.Graph, pid) -> str:
    d = G.nodes.get(node_id("Paper", str(pid))) if pid is not None else None
    t = (d or {}).get("title") or (d or {}).get("name")
    return f"{_clip(t, 120)} ({pid})" if t else str(pid)


def _number(value) -> str:
    """``81.2``, ``77,000,000``, ``0.0003``: a value as a reader writes it."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) >= 1e-4 else f"{v:g}"


def _node_title(G: nx.Graph, n, d: dict) -> str:
    """The plain-text tooltip of a node (vis-network shows strings as text, never as HTML)."""
    label = d.get("type") or "?"
    lines = [_clip(_name(G, n)), f"Type: {_clip(label, 40)}"]
    if label == "Result":
        value = d.get("value")
        if value is not None:
            v = _number(value)
            lines.append(f"Value: {_clip(v, 40)}{_clip(d.get('unit') or '', 10)}"
                         + (f" ({d['kind']})" if d.get("kind") else ""))
        for key in ("metric", "dataset", "method", "task"):
            if d.get(key):
                lines.append(f"{key.capitalize()}: {_clip(d[key], 120)}")
        if d.get("paper"):
            lines.append(f"Paper: {_paper_title(G, d['paper'])}")
        if d.get("sentence"):
            lines.append(f"Evidence: \u201c{_clip(d['sentence'])}\u201d")
        return "\n".join(lines)
    if label == "Paper":
        if d.get("title") and d.get("title") != d.get("name"):
            lines.insert(1, _clip(d["title"]))
        pid = str(n).split(":", 1)[1] if str(n).startswith("paper:") else None
        for key, text in (("date", "Date"), ("arxiv_id", "arXiv"), ("upvotes", "Upvotes"), ("n_authors", "Authors")):
            if d.get(key) not in (None, ""):
                lines.append(f"{text}: {_clip(d[key], 60)}")
        if pid:
            lines.append(f"Id: {_clip(pid, 80)}")
        urls = _as_list(d.get("urls"))
        if urls:
            lines.append("Links: " + ", ".join(_clip(u, 100) for u in urls[:3]))
        return "\n".join(lines)
    aliases = [str(a) for a in _as_list(d.get("aliases"))]
    if aliases:
        more = f" (+{len(aliases) - _LIST_ITEMS} more)" if len(aliases) > _LIST_ITEMS else ""
        lines.append("Aliases: " + _clip(", ".join(aliases[:_LIST_ITEMS])) + more)
    if d.get("url"):
        lines.append(f"URL: {_clip(d['url'], 120)}")
    papers = _as_list(d.get("papers"))
    if papers or label in ("Method", "Dataset", "Task", "Metric"):
        lines.append(f"Papers ({_support(d) or len(papers)}):")
        lines.extend(f"\u2022 {_paper_title(G, p)}" for p in papers[:_LIST_ITEMS])
        if len(papers) > _LIST_ITEMS:
            lines.append(f"\u2026 and {len(papers) - _LIST_ITEMS} more")
    return "\n".join(lines)


def _edge_title(G: nx.Graph, u, v, rel: str, d: dict) -> str:
    lines = [f"{rel}: {_clip(_name(G, u), 80)} \u2192 {_clip(_name(G, v), 80)}"]
    if d.get("support"):
        lines.append(f"Papers: {_clip(d['support'], 12)}")
    evidence = [e for e in _as_list(d.get("evidence")) if isinstance(e, dict)]
    for e in evidence[:_EVIDENCE_ITEMS]:
        if e.get("sentence"):
            lines.append(f"\u201c{_clip(e['sentence'], 240)}\u201d ({_clip(e.get('paper', '?'), 60)})")
    if len(evidence) > _EVIDENCE_ITEMS:
        lines.append(f"\u2026 and {len(evidence) - _EVIDENCE_ITEMS} more")
    return "\n".join(lines)


# --------------------------------------------------------------------------- page

def _network(G: nx.Graph, H: nx.Graph, edge_list: list, centres=(), ov=None):
    """The pyvis network (nodes, edges, positions, styles) of the drawn subgraph.

    Each node carries its look in both views: ``kgW*`` in the whole graph (the
    Fruchterman-Reingold layout), ``kgO*`` in the overview ``ov`` when it is
    one of its nodes; with an overview the page opens on it and every other
    node starts hidden.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(directed=H.is_directed(), cdn_resources="in_line")
    pos = _layout(H)
    # the best-known nodes get large labels, which stay readable when the whole graph is in view
    top = sorted(H, key=lambda n: (-_support(H.nodes[n]), -H.degree(n), str(n)))
    n_big = max(3, min(_BIG_LABELS, round(len(top) / 125)))
    font = {n: 150 for n in top[:n_big]}
    font.update({n: 80 for n in top[n_big:n_big * 4]})
    centres = {str(c) for c in centres}
    opening = ov.positions if ov is not None else {}
    for n, d in H.nodes(data=True):
        label = _label_of(d)
        colour, shape, _ = NODE_STYLE[label]
        name = _name(G, n)
        support = _support(d)
        whole = {"x": pos[n][0], "y": pos[n][1], "size": round(min(10 + 5 * math.sqrt(max(support, 0)), 48), 1),
                 "label": _clip(name, _LABEL_CHARS) or " "}
        look = dict(whole)
        extra: dict = {}
        if n in font:
            extra.update(font={"size": font[n]}, kgFont=font[n])
        if n in opening:
            look = {"x": opening[n][0], "y": opening[n][1], "size": ov.sizes[n], "label": ov.labels[n] or " "}
            extra.update(font={"size": ov.font}, kgOx=look["x"], kgOy=look["y"], kgOsize=look["size"],
                         kgOlabel=look["label"])
        elif ov is not None:
            extra["hidden"] = True
        if label in ("Dataset", "Task", "Method", "Metric"):
            extra["kgPapers"] = [str(p) for p in _as_list(d.get("papers"))[:_PANEL_PAPERS + 1]]
        net.add_node(
            str(n), shape=shape, color=colour, title=_node_title(G, n, d), kgType=label,
            kgSearch=" ".join([name, *map(str, _as_list(d.get("aliases"))), *_paper_keys(n, d)]).lower(),
            kgName=name, kgSupport=support, kgWx=whole["x"], kgWy=whole["y"], kgWsize=whole["size"],
            kgWlabel=whole["label"], **look, **extra,
            **({"borderWidth": 4, "kgFocus": True} if str(n) in centres else {}),
        )
    seen: Counter = Counter()
    for i, (u, v, key, d) in enumerate(edge_list):
        rel = str(d.get("type") or key or "")
        rel_class = rel if rel in RELATION_COLOR else "OTHER"
        colour = RELATION_COLOR[rel_class]
        pair = (u, v) if str(u) <= str(v) else (v, u)
        rank = seen[pair]
        seen[pair] += 1
        # parallel edges (several relations between one pair) curve apart instead of overlapping
        smooth = False if rank == 0 else {
            "enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW", "roundness": 0.15 * ((rank + 1) // 2)}
        support = _support(d)
        # add through pyvis' Edge model directly: Network.add_edge looks nodes up in a list (quadratic)
        net.edges.append(Edge(
            str(u), str(v), H.is_directed(), id=f"e{i}", title=_edge_title(G, u, v, rel, d),
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": 0.85},
            width=round(1 + math.log2(1 + support) * 0.75, 2) if support > 1 else 1,
            smooth=smooth, kgRel=rel_class, kgLabel=_clip(rel, 30),
        ).options)
    return net


def _paper_keys(n, d: dict) -> list[str]:
    """A paper can also be found by its id and arXiv id."""
    if d.get("type") != "Paper":
        return []
    return [str(n).split(":", 1)[-1], *([str(d["arxiv_id"])] if d.get("arxiv_id") else [])]


def _vis_assets() -> tuple[str, str]:
    try:
        import pyvis
    except ImportError as e:  # pragma: no cover - pyvis is a dependency
        raise RenderError("pyvis is not installed: pip install pyvis") from e
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    try:
        return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise RenderError(f"cannot read vis-network from pyvis at {str(lib)!r}: {e.strerror or e}") from e


def _json_for_script(obj) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` block."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _notice(report: RenderReport, focus_label: str | None) -> str:
    parts = []
    if report.focus:
        parts.append(
            f"Neighbourhood of \u201c{_clip(focus_label, 80)}\u201d within {report.hops} hop"
            f"{'s' if report.hops != 1 else ''}.")
    if report.left_out:
        kinds = ", ".join(f"{c:,} {t}" for t, c in report.left_out_by_type.items())
        if report.nodes == report.max_nodes:
            parts.append(
                f"Showing the {report.nodes:,} most connected of {report.total_nodes:,} nodes (budget "
                f"{report.max_nodes:,}): {report.left_out:,} nodes ({kinds}) and {report.edges_left_out:,} "
                f"edges are left out. Use kg render --focus NAME --hops N to see the neighbourhood of one node, "
                f"or --max-nodes to raise the budget.")
        else:
            parts.append(
                f"{report.left_out:,} of {report.total_nodes:,} nodes ({kinds}) and "
                f"{report.edges_left_out:,} edges lie outside it and are left out.")
    return " ".join(parts)


def _asset(name: str) -> str:
    """A file of the page (``kg/page/``): its template, style sheet or script."""
    try:
        return resources.files("kg").joinpath("page", name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as e:
        raise RenderError(f"cannot read the page's {name} from the kg package: {getattr(e, 'strerror', None) or e}") from e


def _overview_for(G: nx.Graph, H: nx.Graph, board_of: dict):
    """The overview of the drawn graph ``H``, one node standing for each board dataset."""
    from .overview import overview

    groups: dict[str, list] = {}
    for n in H:
        if n in board_of:
            groups.setdefault(merge_key(board_of[n]) or board_of[n], []).append(n)
    stand_for = {}
    for key, ns in groups.items():
        best = min(ns, key=lambda n: (merge_key(_name(G, n)) != key, -_support(G.nodes[n]), str(n)))
        stand_for.update({n: best for n in ns})
    w, h = OPENING_WINDOW
    ov = overview(G, list(H), width=w - _SIDE_PX - 70, height=h - _HEADER_PX - 70, stand_for=stand_for)
    return ov, stand_for


def _shared_edges(ov) -> list:
    """The overview's links: each node to the few others it shares the most papers with (2 or more)."""
    best: dict = {}
    for u, v, c in ov.shared:
        if c >= 2:
            best.setdefault(u, []).append((c, v))
            best.setdefault(v, []).append((c, u))
    keep = set()
    for u, items in best.items():
        for c, v in sorted(items, key=lambda x: (-x[0], str(x[1])))[:_SHARED_EDGES]:
            keep.add((u, v) if str(u) <= str(v) else (v, u))
    counts = {((u, v) if str(u) <= str(v) else (v, u)): c for u, v, c in ov.shared}
    return [[str(u), str(v), counts[(u, v)]] for u, v in sorted(keep, key=lambda p: (str(p[0]), str(p[1])))]


def _panel_data(G: nx.Graph, H: nx.Graph, net, ov, board_of: dict, stand_for: dict) -> dict:
    """What the side panel shows: the boards, which node shows which, papers, the most used datasets."""
    from .boards import _key, leaderboards
    from .usage import dataset_usage

    boards = leaderboards(G)
    by_dataset: dict[str, list[int]] = {}
    by_task: dict[str, list[int]] = {}
    for i, b in enumerate(boards):
        by_dataset.setdefault(_key(b.dataset), []).append(i)
        for t in {_key(t) for t in (b.task, *(r.task for r in b.rows)) if t}:
            by_task.setdefault(t, []).append(i)
    boards_of: dict[str, list[int]] = {}
    dataset_node: dict[str, str] = {}
    for n in H:
        d = H.nodes[n]
        if n in board_of:
            found = by_dataset.get(_key(board_of[n]), [])
            if stand_for.get(n, n) == n or board_of[n] not in dataset_node:
                dataset_node[board_of[n]] = str(stand_for.get(n, n))
        elif d.get("type") == "Task":
            found = by_task.get(_key(d.get("name") or n), [])
        else:
            continue
        if found:
            boards_of[str(n)] = found
    wanted = {p for node in net.nodes for p in node.get("kgPapers", ())}
    papers = {}
    for p in wanted:
        d = G.nodes.get(node_id("Paper", p)) or {}
        papers[p] = [_clip(d.get("title") or d.get("name") or p, 160), str(d.get("date") or "")]
    usage = [{"dataset": u.dataset, "papers": u.papers, "boards": u.boards}
             for u in dataset_usage(G, top=10, boards=boards)]
    folded: dict[str, list] = {}
    for n, rep in stand_for.items():
        if n != rep:
            folded.setdefault(str(rep), []).append([_name(G, n), _support(G.nodes[n])])
    out = {"boards": [b.to_dict() for b in boards], "boardsOf": boards_of, "datasetNode": dataset_node,
           "papers": papers, "datasets": usage, "folded": folded, "overview": None}
    if ov is not None:
        kinds = Counter(G.nodes[n].get("type") for n in ov.nodes)
        folded = Counter(_label_of(H.nodes[n]) for n in H if n not in ov.positions)
        fold_text = ", ".join(f"{c:,} {t.lower()}{'s' if c != 1 else ''}" for t, c in folded.most_common(3))
        summary = (f"The {kinds['Dataset']} most used datasets, {kinds['Task']} tasks and {kinds['Method']} most "
                   f"supported methods of this graph. Folded into them: {fold_text} and the rest of the "
                   f"{H.number_of_nodes():,} nodes drawn. Click a dataset or a task for its leaderboards and "
                   f"papers; \u201cWhole graph\u201d shows every node.")
        out["overview"] = {"nodes": [str(n) for n in ov.nodes], "shared": _shared_edges(ov), "font": ov.font,
                           "summary": summary}
    return out


def _page(G: nx.Graph, H: nx.Graph, edge_list: list, report: RenderReport, *, title: str,
          focus_label: str | None, want_overview: bool) -> tuple[str, RenderReport]:
    from dataclasses import replace

    from jinja2 import Environment
    from markupsafe import Markup

    from .boards import board_datasets

    board_of = {n: b for n, b in board_datasets(G).items() if n in H}
    ov, stand_for = _overview_for(G, H, board_of) if want_overview else (None, {})
    if ov is not None and len(ov.nodes) < 3:
        ov = None
    net = _network(G, H, edge_list, report.focus, ov)
    n_edges = len(net.edges)
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n_edges > 4000,
            "hideEdgesOnZoom": n_edges > 4000, "navigationButtons": False, "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1, "borderWidthSelected": 3,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # labels under 8 px on screen are not drawn, none is drawn over 28 px (large fonts shrink when zoomed in)
            "scaling": {"label": {"enabled": False, "drawThreshold": 9, "maxVisible": 28}},
        },
        "edges": {
            "arrows": {"to": {"enabled": H.is_directed(), "scaleFactor": 0.5}}, "smooth": False,
            "selectionWidth": 2, "hoverWidth": 1.5,
            "font": {"size": 11, "face": "system-ui, sans-serif", "align": "middle", "strokeWidth": 3,
                     "color": "#333333"},
        },
    }
    types_drawn = Counter(n["kgType"] for n in net.nodes)
    rels_drawn = Counter(e["kgLabel"] for e in net.edges)
    view = "overview" if ov is not None else "whole"
    panel = _panel_data(G, H, net, ov, board_of, stand_for)
    report = replace(report, view=view, overview_nodes=len(ov.nodes) if ov is not None else 0,
                     boards=len(panel["boards"]))
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "graph": {"nodes": report.nodes, "edges": report.edges, "total_nodes": report.total_nodes,
                  "total_edges": report.total_edges, "left_out": report.left_out},
        "view": view,
        **panel,
    }
    vis_js, vis_css = _vis_assets()
    app_js = _asset("page.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'; frame-src 'none'; object-src 'none'; worker-src 'none'; "
        "media-src 'none'; manifest-src 'none'"
    )
    legend_types = [(t, NODE_STYLE[t][2], types_drawn[t]) for t in (*NODE_LABELS, "Other") if types_drawn[t]]
    rel_order = {r: i for i, r in enumerate(RELATION_TYPES)}
    legend_rels = [
        (r, r if r in RELATION_COLOR else "OTHER", c)
        for r, c in sorted(rels_drawn.items(), key=lambda rc: (rel_order.get(rc[0], len(rel_order)), rc[0]))
    ]
    css_rules = "".join(f".t-{t}{{color:{c}}}" for t, (c, _, _) in NODE_STYLE.items())
    css_rules += "".join(f".r-{r}{{background:{c}}}" for r, c in RELATION_COLOR.items())
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("page.html"))
    html = template.render(
        title=title or "kg",
        csp=csp,
        vis_css=Markup(vis_css),
        page_css=Markup(_asset("page.css") + css_rules),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data_json=Markup(_json_for_script(data)),
        notice=_notice(report, focus_label),
        legend_types=legend_types,
        legend_rels=legend_rels,
        report=report,
        view=view,
        has_overview=ov is not None,
    )
    return html, report
