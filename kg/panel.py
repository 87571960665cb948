"""What the page's side panel and first screen hold, besides the graph: the overview chosen for the
drawn graph, its links, and the leaderboards each dataset and task node shows.

:func:`panel_data` is the JSON the page's script reads: every board of the graph
(:func:`kg.boards.leaderboards`), which boards a Dataset node (by its board dataset: ``COCO test-dev``
shows COCO's boards) or a Task node (boards whose task it is) shows, the node that stands for each
board dataset, the titles and dates of the papers the panel lists, and the most used datasets
(:func:`kg.usage.dataset_usage`).
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .schema import merge_key, node_id
from .tooltips import clip, label_of, name_of, support

__all__ = ["overview_for", "shared_edges", "panel_data", "OPENING_WINDOW", "PANEL_PAPERS"]

#: The window the overview is laid out for (CSS pixels), the side panel's width and the header's height in it.
OPENING_WINDOW = (1400, 900)
_SIDE_PX = 440
_HEADER_PX = 80
#: Papers of a node listed in the side panel.
PANEL_PAPERS = 25
_SHARED_EDGES = 3      # the overview links each node to this many others it shares the most papers with


def overview_for(G: nx.Graph, H: nx.Graph, board_of: dict):
    """The overview of the drawn graph ``H``, one node standing for each board dataset."""
    from .overview import overview

    groups: dict[str, list] = {}
    for n in H:
        if n in board_of:
            groups.setdefault(merge_key(board_of[n]) or board_of[n], []).append(n)
    stand_for = {}
    for key, ns in groups.items():
        best = min(ns, key=lambda n: (merge_key(name_of(G, n)) != key, -support(G.nodes[n]), str(n)))
        stand_for.update({n: best for n in ns})
    w, h = OPENING_WINDOW
    ov = overview(G, list(H), width=w - _SIDE_PX - 70, height=h - _HEADER_PX - 70, stand_for=stand_for)
    return ov, stand_for


def shared_edges(ov) -> list:
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


def panel_data(G: nx.Graph, H: nx.Graph, net, ov, board_of: dict, stand_for: dict) -> dict:
    """What the side panel shows: the boards, which node shows which, papers, the most used datasets."""
    from .boards import _key, leaderboards
    from .usage import dataset_usage

    boards = leaderboards(G)
    by_dataset: dict[str, list[int]] = {}
    by_task: dict[str, list[int]] = {}
    for i, b in enumerate(boards):
        by_dataset.setdefault(_key(b.dataset), []).append(i)
        if b.task:  # a task shows the boards whose task it is (the task most of their rows name)
            by_task.setdefault(_key(b.task), []).append(i)
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
    for p in sorted(wanted):  # (sorted: the page is the same bytes for the same graph)
        d = G.nodes.get(node_id("Paper", p)) or {}
        papers[p] = [clip(d.get("title") or d.get("name") or p, 160), str(d.get("date") or "")]
    usage = [{"dataset": u.dataset, "papers": u.papers, "boards": u.boards}
             for u in dataset_usage(G, top=10, boards=boards)]
    folded: dict[str, list] = {}
    for n, rep in stand_for.items():
        if n != rep:
            folded.setdefault(str(rep), []).append([name_of(G, n), support(G.nodes[n])])
    out = {"boards": [b.to_dict() for b in boards], "boardsOf": boards_of, "datasetNode": dataset_node,
           "papers": papers, "datasets": usage, "folded": folded, "overview": None}
    if ov is not None:
        kinds = Counter(G.nodes[n].get("type") for n in ov.nodes)
        folded = Counter(label_of(H.nodes[n]) for n in H if n not in ov.positions)
        fold_text = ", ".join(f"{c:,} {t.lower()}{'s' if c != 1 else ''}" for t, c in folded.most_common(3))
        summary = (f"The {kinds['Dataset']} most used datasets, {kinds['Task']} tasks and {kinds['Method']} most "
                   f"supported methods of this graph. Folded into them: {fold_text} and the rest of the "
                   f"{H.number_of_nodes():,} nodes drawn. Click a dataset or a task for its leaderboards and "
                   f"papers; \u201cWhole graph\u201d shows every node.")
        out["overview"] = {"nodes": [str(n) for n in ov.nodes], "shared": shared_edges(ov), "font": ov.font,
                           "summary": summary}
    return out
