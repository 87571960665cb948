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
from .layout import spring_layout
from .panel import OPENING_WINDOW, PANEL_PAPERS, overview_for, panel_data
from .schema import NODE_LABELS, RELATION_TYPES, merge_key, node_id
from .tooltips import as_list, clip, edge_title, label_of, name_of, node_title, trust
from .tooltips import support as support_of

__all__ = ["RenderReport", "write_html", "DEFAULT_MAX_NODES", "NODE_STYLE", "RELATION_COLOR", "OPENING_WINDOW",
           "OVERVIEW_ABOVE"]

#: Nodes drawn at most unless ``max_nodes`` says otherwise.
DEFAULT_MAX_NODES = 1500
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
    by_type = Counter(label_of(G.nodes[n]) for n in left)
    report = RenderReport(
        path=out, nodes=H.number_of_nodes(), edges=len(edge_list),
        left_out=len(left), edges_left_out=G.number_of_edges() - len(edge_list),
        total_nodes=G.number_of_nodes(), total_edges=G.number_of_edges(), max_nodes=max_nodes,
        focus=tuple(str(c) for c in centres), hops=hops, left_out_by_type=dict(by_type.most_common()),
    )

    want = overview if overview is not None else (focus is None and H.number_of_nodes() > OVERVIEW_ABOVE)
    html, report = _page(G, H, edge_list, report, title=str(title), focus_label=focus, want_overview=bool(want))
    # a regular file is written beside and renamed; a device or pipe (/dev/stdout) is written to
    tmp = out.with_name(out.name + ".tmp") if not out.exists() or out.is_file() or out.is_dir() else out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.is_dir():
            raise IsADirectoryError(21, "is a folder, not a file", str(out))
        tmp.write_text(html, encoding="utf-8")
        if tmp != out:
            os.replace(tmp, out)
    except OSError as e:
        try:
            if tmp != out:
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
        hits = [n for n, d in G.nodes(data=True) if any(k(a) == key for a in as_list(d.get("aliases")))]
    if not hits:
        raise RenderError(f"focus {name!r}: no node has this id, name or alias")
    return sorted(hits, key=lambda n: (-support_of(G.nodes[n]), str(n)))


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
        return (dist.get(n, 0), -deg(n), -support_of(G.nodes[n]), str(n))

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
    pos = spring_layout(H)
    # the best-known nodes get large labels, which stay readable when the whole graph is in view
    top = sorted(H, key=lambda n: (-support_of(H.nodes[n]), -H.degree(n), str(n)))
    n_big = max(3, min(_BIG_LABELS, round(len(top) / 125)))
    font = {n: 150 for n in top[:n_big]}
    font.update({n: 80 for n in top[n_big:n_big * 4]})
    centres = {str(c) for c in centres}
    opening = ov.positions if ov is not None else {}
    for n, d in H.nodes(data=True):
        label = label_of(d)
        colour, shape, _ = NODE_STYLE[label]
        name = name_of(G, n)
        support = support_of(d)
        whole = {"x": pos[n][0], "y": pos[n][1], "size": round(min(10 + 5 * math.sqrt(max(support, 0)), 48), 1),
                 "label": clip(name, _LABEL_CHARS) or " "}
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
            extra["kgPapers"] = [str(p) for p in as_list(d.get("papers"))[:PANEL_PAPERS + 1]]
        if trust(d):
            extra["kgTrust"] = trust(d)  # the side panel shows it under the name
        net.add_node(
            str(n), shape=shape, color=colour, title=node_title(G, n, d), kgType=label,
            kgSearch=" ".join([name, *map(str, as_list(d.get("aliases"))), *_paper_keys(n, d)]).lower(),
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
        support = support_of(d)
        # add through pyvis' Edge model directly: Network.add_edge looks nodes up in a list (quadratic)
        net.edges.append(Edge(
            str(u), str(v), H.is_directed(), id=f"e{i}", title=edge_title(G, u, v, rel, d),
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": 0.85},
            width=round(1 + math.log2(1 + support) * 0.75, 2) if support > 1 else 1,
            smooth=smooth, kgRel=rel_class, kgLabel=clip(rel, 30),
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
            f"Neighbourhood of \u201c{clip(focus_label, 80)}\u201d within {report.hops} hop"
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


def _page(G: nx.Graph, H: nx.Graph, edge_list: list, report: RenderReport, *, title: str,
          focus_label: str | None, want_overview: bool) -> tuple[str, RenderReport]:
    from dataclasses import replace

    from jinja2 import Environment
    from markupsafe import Markup

    from .boards import board_datasets

    board_of = {n: b for n, b in board_datasets(G).items() if n in H}
    ov, stand_for = overview_for(G, H, board_of) if want_overview else (None, {})
    if ov is not None and len(ov.nodes) < 3:
        ov = None
    net = _network(G, H, edge_list, report.focus, ov)
    options = _vis_options(H.is_directed(), len(net.edges))
    legend_types, legend_rels = _legends(net)
    view = "overview" if ov is not None else "whole"
    panel = panel_data(G, H, net, ov, board_of, stand_for)
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
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("page.html"))
    html = template.render(
        title=title or "kg",
        csp=_csp(vis_js, app_js),
        vis_css=Markup(vis_css),
        page_css=Markup(_asset("page.css") + _legend_css()),
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


def _vis_options(directed: bool, n_edges: int) -> dict:
    """vis-network's options: no physics (the layout is done), tooltips on hover, edges hidden
    while dragging or zooming a page of more than 4000 of them."""
    return {
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
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}}, "smooth": False,
            "selectionWidth": 2, "hoverWidth": 1.5,
            "font": {"size": 11, "face": "system-ui, sans-serif", "align": "middle", "strokeWidth": 3,
                     "color": "#333333"},
        },
    }


def _legends(net) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """The legend's rows: ``(label, glyph, count)`` of each node type drawn, in the schema's order,
    and ``(relation, colour class, count)`` of each relation type drawn."""
    types_drawn = Counter(n["kgType"] for n in net.nodes)
    rels_drawn = Counter(e["kgLabel"] for e in net.edges)
    legend_types = [(t, NODE_STYLE[t][2], types_drawn[t]) for t in (*NODE_LABELS, "Other") if types_drawn[t]]
    rel_order = {r: i for i, r in enumerate(RELATION_TYPES)}
    legend_rels = [
        (r, r if r in RELATION_COLOR else "OTHER", c)
        for r, c in sorted(rels_drawn.items(), key=lambda rc: (rel_order.get(rc[0], len(rel_order)), rc[0]))
    ]
    return legend_types, legend_rels


def _legend_css() -> str:
    """The colour classes of the legend: ``.t-<label>`` per node type, ``.r-<relation>`` per relation type."""
    css_rules = "".join(f".t-{t}{{color:{c}}}" for t, (c, _, _) in NODE_STYLE.items())
    css_rules += "".join(f".r-{r}{{background:{c}}}" for r, c in RELATION_COLOR.items())
    return css_rules


def _csp(vis_js: str, app_js: str) -> str:
    """The page's Content-Security-Policy: no request at all, and no script but these two."""
    return (
        "default-src 'none'; "
        f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'; frame-src 'none'; object-src 'none'; worker-src 'none'; "
        "media-src 'none'; manifest-src 'none'"
    )
