"""Assemble extractions into one canonical networkx graph.

Graph in, graph out: :func:`assemble` takes :class:`~kg.model.Extraction`
objects and returns a ``networkx.MultiDiGraph`` whose

* node ids are stable and readable (``paper:<id>``, ``method:resnet-50``,
  ``dataset:cifar-10``, ``result:<paper>:<n>``, ``repo:github.com/o/r``);
* nodes carry ``type`` (a label of :data:`kg.schema.NODE_LABELS`), ``name``,
  ``aliases`` (every other surface form merged into the node), ``support``
  (number of papers) and ``papers`` (their ids);
* edge keys are relation types (:data:`kg.schema.RELATION_TYPES`) and edges
  carry ``evidence`` (a list of ``{"paper", "sentence", "start", "end"}``)
  and ``support``.

Surface forms merge when their letters and digits agree (ResNet50 = ResNet-50
= ResNet 50), and when an extraction says one is an alias of the other (an
acronym defined with its long form, or the alias table in ``rules/``). Types
never merge with each other.

>>> from kg.model import Paper, Entity, Extraction
>>> p = Paper(id="p1", title="", abstract="ResNet50 and ResNet-50.")
>>> ents = (Entity("Method", "ResNet50", "ResNet50", 0, 8),
...         Entity("Method", "ResNet-50", "ResNet-50", 13, 22))
>>> G = assemble([Extraction(p, ents)])
>>> G.nodes["method:resnet-50"]["aliases"]
['ResNet50']
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from .model import Evidence, Extraction
from .schema import ENTITY_LABELS, merge_key, node_id

#: At most this many evidence items are kept on one edge (support still counts every paper).
MAX_EVIDENCE = 20


class _Names:
    """Union-find over (type, merge key) that remembers how often each surface was used."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.preferred: set[tuple[str, str]] = set()
        self._keys: dict[tuple[str, str], tuple[str, str]] = {}  # (type, name) -> its key, one tuple for all
        self._unions: set[tuple[str, str, str]] = set()  # (type, alias, canonical) already joined

    def key(self, label: str, name: str) -> tuple[str, str]:
        k = self._keys.get((label, name))
        if k is None:  # (names repeat across papers: each is keyed once)
            k = self._keys[(label, name)] = (label, merge_key(name) or name.lower())
        return k

    def add(self, label: str, name: str, count: int = 1) -> tuple[str, str]:
        k = self.key(label, name)
        self.parent.setdefault(k, k)
        self.surfaces[k][name] += count
        return k

    def find(self, k: tuple[str, str]) -> tuple[str, str]:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:  # path compression
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, label: str, alias: str, canonical: str) -> None:
        if (label, alias, canonical) in self._unions:
            return  # (the same alias comes again with each paper that spells it so: nothing new)
        self._unions.add((label, alias, canonical))
        a, c = self.add(label, alias, 0), self.add(label, canonical, 0)
        self.preferred.add(c)
        ra, rc = self.find(a), self.find(c)
        if ra != rc:
            self.parent[ra] = rc

    def resolve(self) -> dict[tuple[str, str], tuple[str, list[str]]]:
        """Map every key to (display name, aliases) of its group."""
        groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for k in self.parent:
            groups[self.find(k)].append(k)
        out = {}
        for members in groups.values():
            counts: Counter = Counter()
            for k in members:
                counts.update(self.surfaces[k])
            pref = {s for k in members if k in self.preferred for s in self.surfaces[k]}
            # preferred (alias-table or acronym) names first, then the most used, then the
            # hyphenated spelling (ResNet-50 over ResNet50), then the shortest
            display = min(counts, key=lambda s: (s not in pref, -counts[s], -s.count("-"), len(s), s))
            aliases = sorted(s for s in counts if s != display)
            for k in members:
                out[k] = (display, aliases)
        return out


def _ev(e: Evidence) -> dict:
    # not dataclasses.asdict: its recursive deep copy was half the assembly time
    return {"paper": e.paper, "sentence": e.sentence, "start": e.start, "end": e.end}


class _Edges:
    """The edges of the graph being built, keyed ``(u, v, relation)``, in the order first seen;
    their evidence accumulates (up to :data:`MAX_EVIDENCE` items), and for an edge between two
    names the papers that support it (an edge from a paper or a result has that one paper). An
    end is a node id, or the key of a name (whose node is known at the end, when :meth:`into`
    adds the edges to the graph in one go)."""

    def __init__(self) -> None:
        self.evidence: dict[tuple, list[dict]] = {}
        self.order: dict[tuple, list[int]] = {}  # when each evidence item came (to merge in order)
        self.papers: dict[tuple, set[str]] = {}  # edges between names: their papers
        self.count = 0

    def add(self, u, v, rel: str, evidence: dict | None) -> None:
        """Add evidence (a dict of :func:`_ev`, or None) to the edge ``(u, v, rel)``."""
        key = (u, v, rel)
        items = self.evidence.get(key)
        self.count += 1
        if items is None:
            self.evidence[key] = [evidence] if evidence is not None else []
            self.order[key] = [self.count]
            if u.__class__ is not str and evidence is not None:
                self.papers[key] = {evidence["paper"]}
            return
        if evidence is not None:
            if u.__class__ is not str:
                self.papers[key].add(evidence["paper"])
            if len(items) < MAX_EVIDENCE:
                items.append(evidence)
                self.order[key].append(self.count)

    def into(self, G: nx.MultiDiGraph, node_of: dict) -> None:
        """Add the edges to ``G``, a name key replaced by its node (``node_of``); edges that now
        join the same two nodes merge into the first of them (evidence up to :data:`MAX_EVIDENCE`,
        in the order it came; support counted again)."""
        first: dict[tuple[str, str, str], tuple] = {}  # (u node, v node, relation) -> the first edge there
        for key in self.evidence:
            u, v, rel = key
            final = (u if u.__class__ is str else node_of[u], v if v.__class__ is str else node_of[v], rel)
            k0 = first.setdefault(final, key)
            if k0 is key:
                continue
            items = sorted(zip(self.order[k0] + self.order[key], self.evidence[k0] + self.evidence[key]), key=lambda x: x[0])
            items = items[:1 if rel == "MENTIONS" else MAX_EVIDENCE]  # a paper mentions a node once: the first time
            self.order[k0], self.evidence[k0] = [i for i, _ in items], [e for _, e in items]
            if key in self.papers:
                self.papers[k0] = self.papers.get(k0, set()) | self.papers[key]
        add = G.add_edge  # (add_edges_from looks each edge up again, at twice the cost)
        for (u, v, rel), key in first.items():
            papers = self.papers.get(key)
            add(u, v, key=rel, type=rel, evidence=self.evidence[key], support=len(papers) if papers else 1)


def assemble(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Build the canonical graph of ``extractions`` (one per unique paper).

    The iterable is consumed once and only the facts (not spaCy objects) are kept. Each extraction
    is taken in as it arrives: its names go into the union-find, and its mentions, relations and
    results become edges between the papers and the *keys* of its names. Which key belongs to which
    canonical node is known only when every name has been seen; then the keys become node ids, and
    edges whose keys land on the same nodes merge. (So in a build with worker processes, most of
    the assembly runs while the workers extract.)
    """
    assembly = _Assembly()
    for ex in extractions:
        assembly.add(ex)
    return assembly.graph()


class _Assembly:
    """The facts of the extractions taken in so far (:meth:`add`), and the graph they make (:meth:`graph`)."""

    def __init__(self):
        self.names = _Names()
        self.edges = _Edges()
        self.key_papers: dict[tuple[str, str], set[str]] = defaultdict(set)  # entity key -> its papers
        self.records: list[tuple] = []  # the paper, result and repository nodes, in the order met
        self.repos: dict[str, dict] = {}

    def add(self, ex: Extraction) -> None:
        """Take in one extraction: its paper, mentions, aliases, relations, results and code links."""
        p = ex.paper
        pid = node_id("Paper", p.id)
        self.records.append(("node", pid, {
            "type": "Paper", "name": p.title or p.id, "title": p.title, "date": p.date,
            "n_authors": p.n_authors, "upvotes": p.upvotes, "arxiv_id": p.arxiv_id, "urls": list(p.urls),
            "sources": [f"{s.path}:{s.line}" for s in p.sources], "aliases": [], "support": 1, "papers": [p.id],
        }))
        names, edges, key_papers = self.names, self.edges, self.key_papers
        mentioned: set[tuple[str, str]] = set()
        sentences = _Sentences(p.text, ex.sentences)
        for e in ex.entities:
            k = names.add(e.type, e.name)
            if e.text != e.name:  # a gazetteer alias or a tidied surface: remember the spelling
                names.union(e.type, e.text, e.name)
            if k not in mentioned:  # the first mention of a name is the evidence of MENTIONS
                mentioned.add(k)
                edges.add(pid, k, "MENTIONS", {"paper": p.id, "sentence": sentences.around(e.start, e.end),
                                               "start": e.start, "end": e.end})
        for k in mentioned:
            key_papers[k].add(p.id)
        for label, alias, canonical in ex.aliases:
            names.union(label, alias, canonical)
        for t in ex.triples:
            u = pid if t.subject_type == "Paper" else names.add(t.subject_type, t.subject, 0)
            v = pid if t.object_type == "Paper" else names.add(t.object_type, t.object, 0)
            if t.subject_type == "Paper" and t.object_type in ENTITY_LABELS:
                key_papers[v].add(p.id)
            edges.add(u, v, t.predicate, _ev(t.evidence))
        self._add_results(ex, pid)
        self._add_repositories(ex, pid)

    def _add_results(self, ex: Extraction, pid: str) -> None:
        p = ex.paper
        names, edges = self.names, self.edges
        for i, r in enumerate(ex.results):
            rid = node_id("Result", f"{p.id}:{i}")
            bound = {}
            for label, value in (("Method", r.method), ("Dataset", r.dataset), ("Metric", r.metric), ("Task", r.task)):
                bound[label] = names.add(label, value, 0) if value else None
            self.records.append(("result", rid, r, bound, p.id))
            edges.add(pid, rid, "REPORTS", _ev(r.evidence))
            for label, rel in (("Method", "OF_METHOD"), ("Dataset", "ON_DATASET"), ("Metric", "MEASURED_BY"), ("Task", "FOR_TASK")):
                if bound[label]:
                    self.key_papers[bound[label]].add(p.id)
                    edges.add(rid, bound[label], rel, _ev(r.evidence))

    def _add_repositories(self, ex: Extraction, pid: str) -> None:
        p = ex.paper
        for url in p.urls:
            repo = _repo_name(url)
            if repo:
                rid = node_id("Repository", repo)
                if rid not in self.repos:
                    self.repos[rid] = {"type": "Repository", "name": repo, "url": url, "aliases": [], "support": 0,
                                       "papers": set()}
                    self.records.append(("node", rid, self.repos[rid]))
                self.repos[rid]["papers"].add(p.id)
                self.edges.add(pid, rid, "HAS_CODE", None)

    def graph(self) -> nx.MultiDiGraph:
        """The graph: every name is known, so the key of each name gets its canonical node."""
        resolved = self.names.resolve()
        G = nx.MultiDiGraph(name="kg")
        node_of: dict[tuple[str, str], str] = {}
        node_papers: dict[str, set[str]] = defaultdict(set)
        for k, (display, aliases) in resolved.items():
            nid = node_of[k] = node_id(k[0], display)
            if nid not in G:
                G.add_node(nid, type=k[0], name=display, aliases=aliases)
            node_papers[nid] |= self.key_papers.get(k, set())
        for record in self.records:
            if record[0] == "node":
                _, nid, attrs = record
                if attrs["type"] == "Repository":
                    attrs["papers"] = sorted(attrs["papers"])
                    attrs["support"] = len(attrs["papers"])
                G.add_node(nid, **attrs)
                continue
            _, rid, r, bound, paper = record
            bound = {label: node_of[k] if k else None for label, k in bound.items()}
            G.add_node(
                rid, type="Result", name=_result_name(r.value, r.unit, G, bound), value=r.value,
                unit=r.unit, kind=r.kind, text=r.text,
                method=G.nodes[bound["Method"]]["name"] if bound["Method"] else None,
                dataset=G.nodes[bound["Dataset"]]["name"] if bound["Dataset"] else None,
                metric=G.nodes[bound["Metric"]]["name"] if bound["Metric"] else None,
                task=G.nodes[bound["Task"]]["name"] if bound["Task"] else None,
                paper=paper, sentence=r.evidence.sentence, aliases=[], support=1, papers=[paper],
            )
        for nid, data in G.nodes(data=True):
            if data["type"] in ENTITY_LABELS:
                papers = sorted(node_papers.get(nid, ()))
                data["papers"], data["support"] = papers, len(papers)
        self.edges.into(G, node_of)
        # a name that only ever appeared inside a result or triple of no paper keeps support 0;
        # nodes with neither papers nor edges are dropped
        G.remove_nodes_from([n for n, d in G.nodes(data=True) if d["type"] in ENTITY_LABELS and G.degree(n) == 0])
        return G


class _Sentences:
    """The sentence around a span of a paper's text: the sentences extraction cut
    (:attr:`kg.model.Extraction.sentences`; without them, :func:`kg.components.sentences.sentence_starts`
    cuts the text); a span over several sentences gets all of them, and the mentions of one
    sentence share its string.

    >>> _Sentences("Title\\n\\nWe train X. It works.", ((0, 5), (7, 18), (19, 28))).around(22, 27)
    'It works.'
    >>> _Sentences("Title\\n\\nWe train X. It works.").around(7, 9)
    'We train X.'
    """

    def __init__(self, text: str, spans: tuple[tuple[int, int], ...] = ()):
        if not spans:
            from .components.sentences import sentence_starts

            starts = [0, *sentence_starts(text, frozenset())]
            spans = tuple(zip(starts, starts[1:] + [len(text)]))
        self.text = text
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.made: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int) -> str:
        i = max(0, bisect_right(self.starts, start) - 1)  # the sentence the span starts in
        j = max(i, bisect_left(self.ends, end))  # the sentence it ends in
        key = (self.starts[i], self.ends[min(j, len(self.ends) - 1)])
        sentence = self.made.get(key)
        if sentence is None:
            sentence = self.made[key] = self.text[key[0]:key[1]].strip()
        return sentence


def _result_name(value: float, unit: str | None, G: nx.MultiDiGraph, bound: dict) -> str:
    number = f"{value:g}{unit or ''}"
    parts = [G.nodes[bound[k]]["name"] for k in ("Metric", "Dataset") if bound[k]]
    return f"{number} {' on '.join(parts)}".strip()


def _repo_name(url: str) -> str | None:
    """``github.com/owner/repo`` of a code URL, or the host and path of another project URL."""
    u = url.split("://", 1)[-1].rstrip("/.")
    if u.startswith("www."):
        u = u[4:]
    parts = u.split("/")
    if parts[0] in ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co") and len(parts) >= 3:
        return "/".join(parts[:3])
    return None
