"""Dataset usage: how many papers use each dataset, and when.

A dataset here is a board dataset (:mod:`kg.identity`): the Dataset nodes of its name, its aliases and
its splits count as one (``COCO``, ``MS COCO`` and ``COCO test-dev`` are COCO). For each: the papers
that mention it or report a result on it, its score results, its leaderboards, and its papers per
month when their dates are known.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:a", type="Paper", name="A", date="2024-05-02")
>>> G.add_node("paper:b", type="Paper", name="B", date=None)
>>> G.add_node("dataset:coco", type="Dataset", name="COCO", papers=["a"])
>>> G.add_node("dataset:coco-test-dev", type="Dataset", name="COCO test-dev", papers=["a", "b"])
>>> [(u.dataset, u.papers, u.by_month, u.undated) for u in dataset_usage(G)]
[('COCO', 2, (('2024-05', 1),), 1)]
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from .boards import _as_list, _display, _display_names, _key, leaderboards, paper_date
from .identity import Identity, load_identity

__all__ = ["DatasetUsage", "dataset_usage", "format_usage", "USAGE_FORMATS"]

USAGE_FORMATS = ("table", "json")


@dataclass(frozen=True)
class DatasetUsage:
    """One dataset: ``papers`` using it, its ``results`` (scores), ``boards``, papers per month
    (``(YYYY-MM, n)``, in time order) and ``undated`` papers (no month known), and the node names
    counted as this dataset."""

    dataset: str
    papers: int
    results: int
    boards: int
    by_month: tuple[tuple[str, int], ...]
    undated: int
    names: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"dataset": self.dataset, "papers": self.papers, "results": self.results, "boards": self.boards,
                "by_month": dict(self.by_month), "undated": self.undated, "names": list(self.names)}


def dataset_usage(G: nx.Graph, top: int | None = None, *, identity: Identity | None = None,
                  boards: list | None = None) -> list[DatasetUsage]:
    """Every dataset of ``G`` by number of papers (then name); the first ``top`` when given.
    ``boards`` are the boards of ``G`` when the caller has them already."""
    ids = identity or load_identity()
    display = _display_names(G)
    papers: dict[str, set] = defaultdict(set)
    names: dict[str, list] = defaultdict(list)
    shown: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") != "Dataset":
            continue
        name = str(d.get("name") or n)
        board = _display(ids.dataset(name)[0], display)
        k = _key(board)
        shown.setdefault(k, board)
        names[k].append(name)
        papers[k].update(str(p) for p in _as_list(d.get("papers")))
    results: Counter = Counter()
    for _, d in G.nodes(data=True):
        if d.get("type") == "Result" and d.get("kind") == "score" and d.get("dataset"):
            k = _key(_display(ids.dataset(str(d["dataset"]))[0], display))
            results[k] += 1
            if k not in shown:
                shown[k] = _display(ids.dataset(str(d["dataset"]))[0], display)
            if d.get("paper"):
                papers[k].add(str(d["paper"]))
    boards = Counter(_key(b.dataset) for b in (boards if boards is not None else leaderboards(G, identity=ids)))
    dates = {str(n)[6:]: paper_date(d.get("date")) for n, d in G.nodes(data=True)
             if d.get("type") == "Paper" and str(n).startswith("paper:")}
    out = []
    for k, board in shown.items():
        months: Counter = Counter()
        undated = 0
        for p in papers[k]:
            date = dates.get(p)
            if date and len(date) >= 7:
                months[date[:7]] += 1
            else:
                undated += 1
        out.append(DatasetUsage(board, len(papers[k]), results[k], boards[k], tuple(sorted(months.items())), undated,
                                tuple(sorted(set(names[k]), key=str.lower))))
    out.sort(key=lambda u: (-u.papers, -u.results, u.dataset.lower()))
    return out[:top] if top is not None else out


def format_usage(usage: list[DatasetUsage], fmt: str = "table") -> str:
    """``table`` (one line per dataset, then its months) or ``json``."""
    if fmt == "json":
        return json.dumps([u.to_dict() for u in usage], indent=2, ensure_ascii=False)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(USAGE_FORMATS)}")
    if not usage:
        return "no datasets"
    w = max(len("dataset"), *(len(u.dataset) for u in usage))
    lines = [f"{'dataset':<{w}}  papers  results  boards  papers per month (undated)"]
    for u in usage:
        months = ", ".join(f"{m}: {n}" for m, n in u.by_month)
        when = f"{months} ({u.undated} undated)" if months else f"({u.undated} undated)"
        lines.append(f"{u.dataset:<{w}}  {u.papers:>6}  {u.results:>7}  {u.boards:>6}  {when}")
    return "\n".join(lines)
