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
* shows one colour and shape per node type with a legend that filters by
  type, edge colours per relation type (relation labels appear on the
  neighbourhood of a clicked node), node size by support, plain-text
  tooltips, a search box, and a note of what was left out.

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

import networkx as nx

from .errors import RenderError
from .schema import ENTITY_LABELS, NODE_LABELS, RELATION_TYPES, merge_key, node_id

__all__ = ["RenderReport", "write_html", "DEFAULT_MAX_NODES", "NODE_STYLE", "RELATION_COLOR"]

#: Nodes drawn at most unless ``max_nodes`` says otherwise.
DEFAULT_MAX_NODES = 1500

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

    def __str__(self) -> str:
        """One line for the CLI, without the path (the CLI says where it wrote)."""
        s = f"{self.nodes:,} nodes and {self.edges:,} edges drawn"
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
) -> RenderReport:
    """Write ``G`` as an interactive, self-contained HTML page at ``path``.

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

    html = _page(G, H, edge_list, report, title=str(title), focus_label=focus)
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
    if papers or label in ENTITY_LABELS:
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

def _network(G: nx.Graph, H: nx.Graph, edge_list: list, centres=()):
    """The pyvis network (nodes, edges, positions, styles) of the drawn subgraph."""
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
    for n, d in H.nodes(data=True):
        label = _label_of(d)
        colour, shape, _ = NODE_STYLE[label]
        name = _name(G, n)
        support = _support(d)
        net.add_node(
            str(n), label=_clip(name, _LABEL_CHARS) or " ", shape=shape, color=colour,
            title=_node_title(G, n, d), size=round(min(10 + 5 * math.sqrt(max(support, 0)), 48), 1),
            x=pos[n][0], y=pos[n][1], kgType=label,
            kgSearch=" ".join([name, *map(str, _as_list(d.get("aliases"))), *_paper_keys(n, d)]).lower(),
            kgName=name, **({"font": {"size": font[n]}, "kgFont": font[n]} if n in font else {}),
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


def _page(G: nx.Graph, H: nx.Graph, edge_list: list, report: RenderReport, *, title: str,
          focus_label: str | None) -> str:
    from jinja2 import Environment
    from markupsafe import Markup

    net = _network(G, H, edge_list, report.focus)
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
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "graph": {"nodes": report.nodes, "edges": report.edges, "total_nodes": report.total_nodes,
                  "total_edges": report.total_edges, "left_out": report.left_out},
    }
    vis_js, vis_css = _vis_assets()
    app_js = _APP_JS
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
    template = env.from_string(_TEMPLATE)
    return template.render(
        title=title or "kg",
        csp=csp,
        vis_css=Markup(vis_css),
        page_css=Markup(_PAGE_CSS + css_rules),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data_json=Markup(_json_for_script(data)),
        notice=_notice(report, focus_label),
        legend_types=legend_types,
        legend_rels=legend_rels,
        report=report,
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg render (pyvis, vis-network 9.1.2)">
<title>{{ title }}</title>
<style>{{ vis_css }}</style>
<style>{{ page_css }}</style>
</head>
<body>
<header id="kg-header">
  <h1 id="kg-title">{{ title }}</h1>
  <div id="kg-tools">
    <input id="kg-search" type="search" list="kg-names" placeholder="Search a node by name or alias" autocomplete="off" aria-label="Search a node by name">
    <datalist id="kg-names"></datalist>
    <button id="kg-reset" type="button">Reset view</button>
    <span id="kg-status" role="status">{{ "{:,}".format(report.nodes) }} nodes, {{ "{:,}".format(report.edges) }} edges</span>
  </div>
  {% if notice %}<p id="kg-notice">{{ notice }}</p>{% endif %}
</header>
<main id="kg-main">
  <div id="kg-network"></div>
  <aside id="kg-side">
    <section id="kg-legend-types">
      <h2>Node types</h2>
      {% for t, glyph, count in legend_types %}
      <label class="kg-row"><input type="checkbox" class="kg-type" value="{{ t }}" checked><span class="kg-glyph t-{{ t }}">{{ glyph }}</span> {{ t }} <span class="kg-count">{{ "{:,}".format(count) }}</span></label>
      {% endfor %}
      <p class="kg-hint">Size: number of papers. Untick a type to hide it.</p>
    </section>
    <section id="kg-legend-rels">
      <h2>Relations</h2>
      {% for r, cls, count in legend_rels %}
      <label class="kg-row"><input type="checkbox" class="kg-rel" value="{{ cls }}" checked><span class="kg-line r-{{ cls }}"></span> {{ r }} <span class="kg-count">{{ "{:,}".format(count) }}</span></label>
      {% endfor %}
    </section>
    <section id="kg-details">
      <h2>Selected</h2>
      <div id="kg-info">Click a node to highlight its neighbourhood; hover for details.</div>
    </section>
  </aside>
</main>
<script type="application/json" id="kg-data">{{ data_json }}</script>
<script>{{ vis_js }}</script>
<script>{{ app_js }}</script>
</body>
</html>
"""

_PAGE_CSS = """
html,body{margin:0;height:100%;font:14px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#fafafa}
body{display:flex;flex-direction:column}
#kg-header{padding:6px 12px;border-bottom:1px solid #ddd;background:#fff}
#kg-title{font-size:18px;margin:0 0 4px 0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#kg-tools{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
#kg-search{width:320px;padding:4px 6px;font:inherit}
#kg-reset{font:inherit;padding:3px 10px}
#kg-status{color:#555}
#kg-notice{margin:4px 0 0 0;padding:4px 8px;background:#fff4d6;border:1px solid #f0d48a;border-radius:3px;font-size:13px}
#kg-main{flex:1;display:flex;min-height:0}
#kg-network{flex:1;position:relative;background:#fff;min-width:0}
#kg-side{width:260px;overflow:auto;border-left:1px solid #ddd;padding:6px 10px;background:#fcfcfc;font-size:13px}
#kg-side h2{font-size:13px;margin:8px 0 4px 0;text-transform:uppercase;letter-spacing:.04em;color:#555}
.kg-row{display:flex;align-items:center;gap:5px;margin:2px 0;cursor:pointer;white-space:nowrap}
.kg-glyph{font-size:16px;width:18px;text-align:center}
.kg-line{display:inline-block;width:22px;height:3px;border-radius:2px}
.kg-count{color:#888;margin-left:auto}
.kg-hint{color:#777;font-size:12px;margin:4px 0}
#kg-info{white-space:pre-wrap;word-break:break-word;font-size:12px;color:#333}
div.vis-tooltip{white-space:pre-wrap;max-width:460px;word-break:break-word;font:12px system-ui,sans-serif;line-height:1.35}
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  // the large labels of the best-known nodes: readable when zoomed out, no larger than 18 px on screen;
  // sized for the first view before vis-network starts, then kept so on zoom
  var big = data.nodes.filter(function (n) { return n.kgFont; });
  var fontNow = {};
  function labelSize(n, s) { return Math.round(Math.max(14, Math.min(n.kgFont, 18 / s))); }
  (function () {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    data.nodes.forEach(function (n) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); });
    var s = Math.min(1, (container.clientWidth || 800) / (1.1 * (x1 - x0) || 1), (container.clientHeight || 600) / (1.1 * (y1 - y0) || 1));
    var upd = big.map(function (n) { fontNow[n.id] = labelSize(n, s); return {id: n.id, font: {size: fontNow[n.id]}}; });
    if (upd.length) nodes.update(upd);
  })();
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var DIM = "rgba(200,200,200,0.35)";
  var DIM_EDGE = {color: "rgba(200,200,200,0.25)", highlight: "rgba(200,200,200,0.25)", hover: "rgba(200,200,200,0.25)"};

  var base = {}, adj = {}, incident = {}, baseEdge = {};
  data.nodes.forEach(function (n) { base[n.id] = {color: n.color, label: n.label}; adj[n.id] = []; incident[n.id] = []; });
  data.edges.forEach(function (e) {
    baseEdge[e.id] = e.color;
    adj[e.from].push(e.to); adj[e.to].push(e.from);
    incident[e.from].push(e.id); if (e.to !== e.from) incident[e.to].push(e.id);
  });

  var state = {types: {}, rels: {}, search: null, matches: [], selected: null};
  document.querySelectorAll("input.kg-type").forEach(function (b) { state.types[b.value] = b.checked; });
  document.querySelectorAll("input.kg-rel").forEach(function (b) { state.rels[b.value] = b.checked; });

  var status = document.getElementById("kg-status");
  var info = document.getElementById("kg-info");
  var infoDefault = info.textContent;

  function visibleNode(n) {
    return state.types[n.kgType] !== false && (state.search === null || state.search.has(n.id));
  }
  function count() {
    var vn = 0, ve = 0, shown = {};
    nodes.forEach(function (n) { if (!n.hidden) { vn++; shown[n.id] = true; } });
    edges.forEach(function (e) { if (!e.hidden && shown[e.from] && shown[e.to]) ve++; });
    return {nodes: vn, edges: ve};
  }
  function showStatus() {
    var c = count();
    var s = c.nodes.toLocaleString("en") + " of " + data.graph.nodes.toLocaleString("en") + " nodes, " +
            c.edges.toLocaleString("en") + " of " + data.graph.edges.toLocaleString("en") + " edges shown";
    if (state.search !== null) {
      s += " \u2014 " + state.matches.length + " match" + (state.matches.length === 1 ? "" : "es") + " and their neighbours";
    }
    status.textContent = s;
  }
  function apply() {
    var nu = [], eu = [];
    nodes.forEach(function (n) { var h = !visibleNode(n); if (!!n.hidden !== h) nu.push({id: n.id, hidden: h}); });
    edges.forEach(function (e) { var h = state.rels[e.kgRel] === false; if (!!e.hidden !== h) eu.push({id: e.id, hidden: h}); });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    showStatus();
  }

  function unhighlight() {
    if (state.selected === null) return;
    var nu = [], eu = [];
    nodes.forEach(function (n) { nu.push({id: n.id, color: base[n.id].color, label: base[n.id].label}); });
    edges.forEach(function (e) { eu.push({id: e.id, color: baseEdge[e.id], label: null}); });
    nodes.update(nu); edges.update(eu);
    state.selected = null;
    info.textContent = infoDefault;
  }
  function highlight(id) {
    if (!(id in base)) return;
    if (state.selected !== null) unhighlight();
    var near = {}; near[id] = true;
    adj[id].forEach(function (v) { near[v] = true; });
    var mine = {}; incident[id].forEach(function (e) { mine[e] = true; });
    var nu = [], eu = [];
    nodes.forEach(function (n) {
      if (!near[n.id]) nu.push({id: n.id, color: DIM, label: " "});
    });
    edges.forEach(function (e) {
      if (mine[e.id]) eu.push({id: e.id, label: e.kgLabel});
      else eu.push({id: e.id, color: DIM_EDGE});
    });
    nodes.update(nu); edges.update(eu);
    state.selected = id;
    var n = nodes.get(id);
    info.textContent = n.title + "\n\nNeighbours: " + (Object.keys(near).length - 1);
  }
  network.on("click", function (p) {
    if (p.nodes.length) highlight(p.nodes[0]); else unhighlight();
  });

  // type and relation filters
  document.querySelectorAll("input.kg-type").forEach(function (b) {
    b.addEventListener("change", function () { state.types[b.value] = b.checked; apply(); });
  });
  document.querySelectorAll("input.kg-rel").forEach(function (b) {
    b.addEventListener("change", function () { state.rels[b.value] = b.checked; apply(); });
  });

  // search: show the matching nodes and their neighbours
  var names = document.getElementById("kg-names");
  var seenName = {};
  var frag = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    if (seenName[n.kgName]) return; seenName[n.kgName] = true;
    var o = document.createElement("option"); o.value = n.kgName; frag.appendChild(o);
  });
  names.appendChild(frag);
  var box = document.getElementById("kg-search");
  function search(q) {
    q = (q || "").trim().toLowerCase();
    if (!q) { state.search = null; state.matches = []; network.unselectAll(); apply(); return; }
    var exact = [], part = [];
    data.nodes.forEach(function (n) {
      if (n.kgName.toLowerCase() === q) exact.push(n.id);
      else if (n.kgSearch.indexOf(q) !== -1) part.push(n.id);
    });
    state.matches = exact.concat(part);
    if (!state.matches.length) { state.search = null; apply(); status.textContent = "No node matches \u201c" + q + "\u201d"; return; }
    var keep = new Set(state.matches);
    state.matches.forEach(function (id) { adj[id].forEach(function (v) { keep.add(v); }); });
    state.search = keep;
    apply();
    var shown = state.matches.filter(function (id) { return !nodes.get(id).hidden; });
    network.selectNodes(shown, false);
    if (shown.length) network.fit({nodes: shown.length > 200 ? shown.slice(0, 200) : shown, animation: false});
    fitLabels();
  }
  var timer = null;
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(box.value); }, 150); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      clearTimeout(timer); search(box.value);
      if (state.matches.length) {
        var first = state.matches[0];
        network.selectNodes([first], false); highlight(first); network.focus(first, {scale: 1.0, animation: false}); fitLabels();
      }
    } else if (ev.key === "Escape") { box.value = ""; search(""); }
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    box.value = ""; unhighlight();
    document.querySelectorAll("input.kg-type,input.kg-rel").forEach(function (b) { b.checked = true; });
    Object.keys(state.types).forEach(function (k) { state.types[k] = true; });
    Object.keys(state.rels).forEach(function (k) { state.rels[k] = true; });
    search(""); network.fit({animation: false}); fitLabels();
  });

  function fitLabels() {
    var s = network.getScale(), upd = [];
    if (!(s > 0)) return;
    big.forEach(function (n) {
      var size = labelSize(n, s);
      if (Math.abs(size - fontNow[n.id]) > 0.15 * fontNow[n.id]) { fontNow[n.id] = size; upd.push({id: n.id, font: {size: size}}); }
    });
    if (upd.length) nodes.update(upd);
  }
  var pending = false;
  network.on("zoom", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fitLabels(); });
  });
  network.fit({animation: false});
  fitLabels();
  var centres = data.nodes.filter(function (n) { return n.kgFocus; }).map(function (n) { return n.id; });
  if (centres.length) {
    network.selectNodes(centres, false);
    info.textContent = centres.map(function (id) { return nodes.get(id).title; }).join("\n\n");
  }

  network.once("afterDrawing", function () {
    window.kgDrawnAt = performance.now();
    document.documentElement.setAttribute("data-kg-drawn", "1");
  });
  showStatus();
  // for tests and the curious: the vis-network objects and the page's own counts
  window.kg = {network: network, nodes: nodes, edges: edges, count: count, search: search, highlight: highlight,
               unhighlight: unhighlight, graph: data.graph};
})();
"""
