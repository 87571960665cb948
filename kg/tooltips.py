"""The plain text of the page: node and edge tooltips, and the small helpers that read node attributes.

vis-network shows these strings as text, never as HTML; the side panel (:mod:`kg.panel`) shows the
same text. Attributes may come from any export format (lists stored as JSON strings by flat formats).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("method:vit", type="Method", name="ViT", aliases=["Vision Transformer"], support=1, papers=[])
>>> print(node_title(G, "method:vit", G.nodes["method:vit"]))
ViT
Type: Method
Aliases: Vision Transformer
Papers (1):
"""
from __future__ import annotations

import json

import networkx as nx

from .schema import ENTITY_LABELS, NODE_LABELS, node_id

__all__ = ["node_title", "edge_title", "as_list", "support", "label_of", "clip", "name_of", "trust"]

FIELD_CHARS = 300      # one tooltip field (a sentence, a title) at most
_LIST_ITEMS = 6        # papers / aliases listed in a tooltip at most
_EVIDENCE_ITEMS = 2    # evidence sentences in an edge tooltip at most


def as_list(x) -> list:
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


def support(d: dict) -> int:
    try:
        return int(d.get("support") or 0)
    except (TypeError, ValueError):
        return 0


def label_of(d: dict) -> str:
    t = d.get("type")
    return t if t in NODE_LABELS else "Other"


def clip(s, limit: int = FIELD_CHARS) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "\u2026"


def name_of(G: nx.Graph, n) -> str:
    d = G.nodes[n]
    return str(d.get("name") or d.get("title") or n)


def _paper_title(G: nx.Graph, pid) -> str:
    d = G.nodes.get(node_id("Paper", str(pid))) if pid is not None else None
    t = (d or {}).get("title") or (d or {}).get("name")
    return f"{clip(t, 120)} ({pid})" if t else str(pid)


def _number(value) -> str:
    """``81.2``, ``77,000,000``, ``0.0003``: a value as a reader writes it."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) >= 1e-4 else f"{v:g}"


def trust(d: dict) -> str:
    """How sure extraction is of a node or an edge, and what found it: ``Confidence: 0.87 (gazetteer+tagger)``;
    empty when the graph does not say (a graph made elsewhere).

    >>> trust({"confidence": 0.8666, "source": "gazetteer+tagger"}), trust({"source": "input"}), trust({})
    ('Confidence: 0.87 (gazetteer+tagger)', 'Found by: input', '')
    """
    c, src = d.get("confidence"), d.get("source")
    try:
        c = float(c) if c is not None else None
    except (TypeError, ValueError):
        c = None
    src = clip(src, 60) if src not in (None, "") else ""
    if c is None:
        return f"Found by: {src}" if src else ""
    return f"Confidence: {c:.2f}" + (f" ({src})" if src else "")


def node_title(G: nx.Graph, n, d: dict) -> str:
    """The plain-text tooltip of a node (vis-network shows strings as text, never as HTML)."""
    label = d.get("type") or "?"
    lines = [clip(name_of(G, n)), f"Type: {clip(label, 40)}"]
    if trust(d):
        lines.append(trust(d))
    if label == "Result":
        value = d.get("value")
        if value is not None:
            v = _number(value)
            lines.append(f"Value: {clip(v, 40)}{clip(d.get('unit') or '', 10)}"
                         + (f" ({d['kind']})" if d.get("kind") else ""))
        for key in ("metric", "dataset", "method", "task"):
            if d.get(key):
                lines.append(f"{key.capitalize()}: {clip(d[key], 120)}")
        if d.get("paper"):
            lines.append(f"Paper: {_paper_title(G, d['paper'])}")
        if d.get("sentence"):
            lines.append(f"Evidence: \u201c{clip(d['sentence'])}\u201d")
        return "\n".join(lines)
    if label == "Paper":
        if d.get("title") and d.get("title") != d.get("name"):
            lines.insert(1, clip(d["title"]))
        pid = str(n).split(":", 1)[1] if str(n).startswith("paper:") else None
        for key, text in (("date", "Date"), ("arxiv_id", "arXiv"), ("upvotes", "Upvotes"), ("n_authors", "Authors")):
            if d.get(key) not in (None, ""):
                lines.append(f"{text}: {clip(d[key], 60)}")
        if pid:
            lines.append(f"Id: {clip(pid, 80)}")
        urls = as_list(d.get("urls"))
        if urls:
            lines.append("Links: " + ", ".join(clip(u, 100) for u in urls[:3]))
        return "\n".join(lines)
    aliases = [str(a) for a in as_list(d.get("aliases"))]
    if aliases:
        more = f" (+{len(aliases) - _LIST_ITEMS} more)" if len(aliases) > _LIST_ITEMS else ""
        lines.append("Aliases: " + clip(", ".join(aliases[:_LIST_ITEMS])) + more)
    if d.get("url"):
        lines.append(f"URL: {clip(d['url'], 120)}")
    papers = as_list(d.get("papers"))
    if papers or label in ENTITY_LABELS:
        lines.append(f"Papers ({support(d) or len(papers)}):")
        lines.extend(f"\u2022 {_paper_title(G, p)}" for p in papers[:_LIST_ITEMS])
        if len(papers) > _LIST_ITEMS:
            lines.append(f"\u2026 and {len(papers) - _LIST_ITEMS} more")
    return "\n".join(lines)


def edge_title(G: nx.Graph, u, v, rel: str, d: dict) -> str:
    lines = [f"{rel}: {clip(name_of(G, u), 80)} \u2192 {clip(name_of(G, v), 80)}"]
    if d.get("support"):
        lines.append(f"Papers: {clip(d['support'], 12)}")
    if trust(d):
        lines.append(trust(d))
    evidence = [e for e in as_list(d.get("evidence")) if isinstance(e, dict)]
    for e in evidence[:_EVIDENCE_ITEMS]:
        if e.get("sentence"):
            lines.append(f"\u201c{clip(e['sentence'], 240)}\u201d ({clip(e.get('paper', '?'), 60)})")
    if len(evidence) > _EVIDENCE_ITEMS:
        lines.append(f"\u2026 and {len(evidence) - _EVIDENCE_ITEMS} more")
    return "\n".join(lines)
