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
  and ``support``;
* every node and edge carries ``confidence`` (0-1) and ``source`` (what found
  it, :data:`kg.model.SOURCES` joined by ``+`` in that order: ``gazetteer+rules``).
  A name's node has the highest confidence of its mentions over all papers and
  the sources of all of them (a name no paper mentions, only a relation or a
  result names: theirs); an edge those of its evidence; a Result node its
  result's; Paper and Repository nodes and ``HAS_CODE`` edges are ``input``, 1.0.

Surface forms merge on evidence. They merge when their letters and digits agree
(ResNet50 = ResNet-50 = ResNet 50); when an extraction names a surface by a
canonical name (the gazetteer's and alias lines of ``rules/``: MS COCO = COCO);
when one is the plural of the other and both are names of the graph
(:func:`kg.schema.singular_forms`: backbone networks = backbone network, GANs =
GAN); and when a paper defines an acronym with a long form ("Gated Token Mixer
(GTM)"). An acronym means what its papers define it as: when papers define it
with long forms of different meaning (SNN: spiking / sparse neural network),
each paper's acronym joins its own long form, and the bare acronym of papers
that define it not stays a node of its own. Types never merge with each other,
and no edge joins a node to itself.

>>> from kg.model import Paper, Entity, Extraction
>>> p = Paper(id="p1", title="", abstract="ResNet50 and ResNet-50.")
>>> ents = (Entity("Method", "ResNet50", "ResNet50", 0, 8),
...         Entity("Method", "ResNet-50", "ResNet-50", 13, 22))
>>> G = assemble([Extraction(p, ents)])
>>> G.nodes["method:resnet-50"]["aliases"]
['ResNet50']
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

import networkx as nx

from .model import SOURCES, Evidence, Extraction
from .schema import ENTITY_LABELS, merge_key, node_id, singular_forms, slug

#: At most this many evidence items are kept on one edge (support still counts every paper).
MAX_EVIDENCE = 20


class _Names:
    """Union-find over (type, merge key) that remembers how often each surface was used."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.preferred: set[tuple[str, str]] = set()
        self.plurals: set[str] = set()  # surfaces that are the plural of another name of their group
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

    def add_at(self, k: tuple, name: str, count: int = 1) -> tuple:
        """Count ``name`` as a surface of key ``k`` (a paper's own key for an acronym it defines)."""
        self.parent.setdefault(k, k)
        self.surfaces[k][name] += count
        return k

    def join(self, a: tuple, b: tuple) -> None:
        """Put keys ``a`` and ``b`` in one group."""
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def merge_plurals(self) -> None:
        """Join each name whose last word is a plural with its singular, when that is a name of the
        same type too (:func:`kg.schema.singular_forms`); the plural is then never the display name
        when the singular is there."""
        parent = self.parent
        for k in list(parent):
            if len(k) != 2:
                continue  # (a paper's own acronym key: its surfaces are the acronym, already singular)
            for surface in self.surfaces[k]:
                for form in singular_forms(surface):
                    fk = (k[0], merge_key(form))
                    if fk in parent and fk != k:
                        self.join(k, fk)
                        self.plurals.add(surface)
                        break

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
        taken: set[tuple[str, str]] = set()  # (type, node id) of the groups named so far
        plurals = self.plurals
        for members in groups.values():
            counts: Counter = Counter()
            for k in members:
                counts.update(self.surfaces[k])
            pref = {s for k in members if k in self.preferred for s in self.surfaces[k]}
            # preferred (alias-table or acronym) names first, then a singular over its plural, then
            # the most used, then the hyphenated spelling (ResNet-50 over ResNet50), then the shortest;
            # a name whose node id another group has already is the last choice (two groups, two nodes)
            label = members[0][0]
            display = min(counts, key=lambda s: ((label, slug(s)) in taken, s not in pref, s in plurals, -counts[s],
                                                 -s.count("-"), len(s), s))
            taken.add((label, slug(display)))
            aliases = sorted(s for s in counts if s != display)
            for k in members:
                out[k] = (display, aliases)
        return out


_SOURCE_ORDER = {s: i for i, s in enumerate(SOURCES)}


def joined_sources(sources) -> str:
    """What found a node or an edge: its sources in the order of :data:`kg.model.SOURCES`, joined by
    ``+`` (any other source after those, alphabetically).

    >>> joined_sources({"tagger", "gazetteer"})
    'gazetteer+tagger'
    """
    parts = {p for s in sources for p in s.split("+") if p}
    return "+".join(sorted(parts, key=lambda s: (_SOURCE_ORDER.get(s, len(_SOURCE_ORDER)), s)))


class _Sources:
    """Sets of sources as bits of an int (one bit per source met), so that an edge or a name adds
    its sources at the cost of an ``|``; :meth:`joined` makes the string of a set once.

    >>> bits = _Sources(); bits.joined(bits.bit("tagger") | bits.bit("gazetteer+rules"))
    'gazetteer+rules+tagger'
    """

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}  # a source (or a joined string of them) -> its bits
        self.names: list[str] = []  # bit i -> its source
        self.made: dict[int, str] = {}

    def bit(self, source: str) -> int:
        b = self.bits.get(source)
        if b is None:
            b = 0
            for part in source.split("+"):
                if part and part not in self.names:
                    self.names.append(part)
                    self.bits[part] = 1 << (len(self.names) - 1)
                b |= self.bits.get(part, 0)
            self.bits[source] = b
        return b

    def joined(self, bits: int) -> str:
        s = self.made.get(bits)
        if s is None:
            s = self.made[bits] = joined_sources(n for i, n in enumerate(self.names) if bits >> i & 1)
        return s


def _ev(e: Evidence) -> dict:
    # not dataclasses.asdict: its recursive deep copy was half the assembly time
    return {"paper": e.paper, "sentence": e.sentence, "start": e.start, "end": e.end}


class _Edges:
    """The edges of the graph being built, keyed ``(u, v, relation)``, in the order first seen;
    their evidence accumulates (up to :data:`MAX_EVIDENCE` items), and for an edge between two
    names the papers that support it (an edge from a paper or a result has that one paper). An
    end is a node id, or the key of a name (whose node is known at the end, when :meth:`into`
    adds the edges to the graph in one go)."""

    def __init__(self, bits: _Sources) -> None:
        self.evidence: dict[tuple, list[dict]] = {}
        self.order: dict[tuple, list[int]] = {}  # when each evidence item came (to merge in order)
        self.papers: dict[tuple, set[str]] = {}  # edges between names: their papers
        self.confidence: dict[tuple, float] = {}  # the highest confidence of its evidence
        self.sources: dict[tuple, int] = {}  # what found its evidence (bits of ``bits``)
        self.bits = bits
        self.count = 0

    def add(self, u, v, rel: str, evidence: dict | None, confidence: float = 1.0, sources: int = 0) -> None:
        """Add evidence (a dict of :func:`_ev`, or None) to the edge ``(u, v, rel)``, found with
        ``confidence`` by ``sources`` (bits of :class:`_Sources`)."""
        key = (u, v, rel)
        items = self.evidence.get(key)
        self.count += 1
        if items is None:
            self.evidence[key] = [evidence] if evidence is not None else []
            self.order[key] = [self.count]
            self.confidence[key] = confidence
            self.sources[key] = sources
            if u.__class__ is not str and evidence is not None:
                self.papers[key] = {evidence["paper"]}
            return
        if confidence > self.confidence[key]:
            self.confidence[key] = confidence
        self.sources[key] |= sources
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
            if final[0] == final[1]:
                continue  # two names of one node (an acronym and its long form): no edge to itself
            k0 = first.setdefault(final, key)
            if k0 is key:
                continue
            items = sorted(zip(self.order[k0] + self.order[key], self.evidence[k0] + self.evidence[key]), key=lambda x: x[0])
            items = items[:1 if rel == "MENTIONS" else MAX_EVIDENCE]  # a paper mentions a node once: the first time
            self.order[k0], self.evidence[k0] = [i for i, _ in items], [e for _, e in items]
            if key in self.papers:
                self.papers[k0] = self.papers.get(k0, set()) | self.papers[key]
            self.confidence[k0] = max(self.confidence[k0], self.confidence[key])
            self.sources[k0] |= self.sources[key]
        add = G.add_edge  # (add_edges_from looks each edge up again, at twice the cost)
        for (u, v, rel), key in first.items():
            papers = self.papers.get(key)
            add(u, v, key=rel, type=rel, evidence=self.evidence[key], support=len(papers) if papers else 1,
                confidence=self.confidence[key], source=self.bits.joined(self.sources[key]))


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
        self.bits = _Sources()
        self.edges = _Edges(self.bits)
        self.key_papers: dict[tuple[str, str], set[str]] = defaultdict(set)  # entity key -> its papers
        self.records: list[tuple] = []  # the paper, result and repository nodes, in the order met
        self.repos: dict[str, dict] = {}
        # name key -> the highest confidence and the sources of its mentions; of the relations and
        # results that name it (which count only for a name no paper mentions)
        self.confidence: dict[tuple, float] = {}
        self.sources: dict[tuple, int] = {}  # (bits of self.bits)
        self.ref_confidence: dict[tuple, float] = {}
        self.ref_sources: dict[tuple, int] = {}
        # (type, acronym key) -> [(the paper's own key of the acronym, the long form it defines)]
        self.acronyms: dict[tuple, list[tuple[tuple, str]]] = defaultdict(list)

    def add(self, ex: Extraction) -> None:
        """Take in one extraction: its paper, mentions, aliases, relations, results and code links."""
        p = ex.paper
        pid = node_id("Paper", p.id)
        self.records.append(("node", pid, {
            "type": "Paper", "name": p.title or p.id, "title": p.title, "date": p.date,
            "n_authors": p.n_authors, "upvotes": p.upvotes, "arxiv_id": p.arxiv_id, "urls": list(p.urls),
            "sources": [f"{s.path}:{s.line}" for s in p.sources], "aliases": [], "support": 1, "papers": [p.id],
            "confidence": 1.0, "source": "input",
        }))
        names, edges, key_papers = self.names, self.edges, self.key_papers
        # an acronym the paper defines ("Graph Transformer (GT)") has a key of the paper's own until
        # every paper is in (see :meth:`_join_acronyms`)
        local = {}
        for label, long, short in ex.aliases:
            forms = singular_forms(short)  # "DeepONets": the paper's "DeepONet" is the same
            ak = names.key(label, forms[0] if forms else short)
            own = local.setdefault(ak, (label, ak[1], p.id))
            for form in (short, *forms):
                local.setdefault(names.key(label, form), own)
            self.acronyms[ak].append((own, long))
            names.add(label, long, 0)

        def key_of(label: str, name: str, count: int):
            k = names.key(label, name)
            return names.add_at(local.get(k, k), name, count)

        if not local:
            key_of = names.add  # noqa: F811  (no acronym of its own: every name has its key)

        conf, srcs, bit = self.confidence, self.sources, self.bits.bit
        own = set(local.values()) if local else ()
        first: dict[tuple, list] = {}  # name key -> [its first mention, its highest confidence, its sources]
        for e in ex.entities:
            k = key_of(e.type, e.name, 1)
            if e.text != e.name:  # a gazetteer alias or a tidied surface: remember the spelling
                if k in own:
                    names.add_at(k, e.text, 0)
                else:
                    names.union(e.type, e.text, e.name)
            c, b = e.confidence, bit(e.source)
            if c > conf.get(k, -1.0):
                conf[k] = c
            srcs[k] = srcs.get(k, 0) | b
            seen = first.get(k)
            if seen is None:  # the first mention of a name is the evidence of MENTIONS
                first[k] = [e, c, b]
            else:
                seen[2] |= b
                if c > seen[1]:
                    seen[1] = c
        sentences = _Sentences(p.text, ex.sentences)
        for k, (e, c, b) in first.items():
            key_papers[k].add(p.id)
            edges.add(pid, k, "MENTIONS", {"paper": p.id, "sentence": sentences.around(e.start, e.end),
                                           "start": e.start, "end": e.end}, c, b)
        for t in ex.triples:
            c, b = t.confidence, bit(t.source)
            u = pid if t.subject_type == "Paper" else self._ref(key_of(t.subject_type, t.subject, 0), c, b)
            v = pid if t.object_type == "Paper" else self._ref(key_of(t.object_type, t.object, 0), c, b)
            if t.subject_type == "Paper" and t.object_type in ENTITY_LABELS:
                key_papers[v].add(p.id)
            edges.add(u, v, t.predicate, _ev(t.evidence), c, b)
        self._add_results(ex, pid, key_of)
        self._add_repositories(ex, pid)

    def _ref(self, k: tuple, confidence: float, sources: int) -> tuple:
        """Note that a relation or a result names key ``k`` (with its confidence and sources)."""
        if confidence > self.ref_confidence.get(k, -1.0):
            self.ref_confidence[k] = confidence
        self.ref_sources[k] = self.ref_sources.get(k, 0) | sources
        return k

    def _add_results(self, ex: Extraction, pid: str, key_of) -> None:
        p = ex.paper
        edges = self.edges
        for i, r in enumerate(ex.results):
            rid = node_id("Result", f"{p.id}:{i}")
            c, src = r.confidence, self.bits.bit(r.source)
            bound = {}
            for label, value in (("Method", r.method), ("Dataset", r.dataset), ("Metric", r.metric), ("Task", r.task)):
                bound[label] = self._ref(key_of(label, value, 0), c, src) if value else None
            self.records.append(("result", rid, r, bound, p.id))
            edges.add(pid, rid, "REPORTS", _ev(r.evidence), c, src)
            for label, rel in (("Method", "OF_METHOD"), ("Dataset", "ON_DATASET"), ("Metric", "MEASURED_BY"), ("Task", "FOR_TASK")):
                if bound[label]:
                    self.key_papers[bound[label]].add(p.id)
                    edges.add(rid, bound[label], rel, _ev(r.evidence), c, src)

    def _add_repositories(self, ex: Extraction, pid: str) -> None:
        p = ex.paper
        for url in p.urls:
            repo = _repo_name(url)
            if repo:
                rid = node_id("Repository", repo)
                if rid not in self.repos:
                    self.repos[rid] = {"type": "Repository", "name": repo, "url": url, "aliases": [], "support": 0,
                                       "papers": set(), "confidence": 1.0, "source": "input"}
                    self.records.append(("node", rid, self.repos[rid]))
                self.repos[rid]["papers"].add(p.id)
                self.edges.add(pid, rid, "HAS_CODE", None, 1.0, self.bits.bit("input"))

    def _join_acronyms(self) -> None:
        """Join each acronym a paper defines with its long form. When every paper that defines it
        means one thing (its long forms are one name, or spell one name alike: "Gaussian process" /
        "Gaussian processes"), the acronym everywhere is that, named by the acronym; when papers
        mean different things, each paper's acronym joins its own long form, which names the node,
        and the acronym of papers that do not define it stays apart."""
        names = self.names
        for ak, uses in self.acronyms.items():
            label = ak[0]
            meanings: list[tuple[tuple, str]] = []  # (a group, a long form of it)
            for _, long in uses:
                root = names.find(names.add(label, long, 0))
                if not any(r == root or _same_words(lf, long) for r, lf in meanings):
                    meanings.append((root, long))
            if len(meanings) <= 1:
                names.preferred.add(ak)
                for own, long in uses:
                    names.join(own, names.key(label, long))
                    names.join(own, ak)
                    names.preferred.add(own)
            else:
                for own, long in uses:
                    lk = names.key(label, long)
                    names.join(own, lk)
                    names.preferred.add(lk)

    def graph(self) -> nx.MultiDiGraph:
        """The graph: every name is known, so the key of each name gets its canonical node."""
        self.names.merge_plurals()
        self._join_acronyms()
        resolved = self.names.resolve()
        G = nx.MultiDiGraph(name="kg")
        node_of: dict[tuple[str, str], str] = {}
        node_papers: dict[str, set[str]] = defaultdict(set)
        node_conf: dict[str, float] = {}
        node_srcs: dict[str, int] = defaultdict(int)
        ref_conf: dict[str, float] = {}
        ref_srcs: dict[str, int] = defaultdict(int)
        for k, (display, aliases) in resolved.items():
            nid = node_of[k] = node_id(k[0], display)
            if nid not in G:
                G.add_node(nid, type=k[0], name=display, aliases=aliases)
            node_papers[nid] |= self.key_papers.get(k, set())
            for conf, srcs, c_of, s_of in ((node_conf, node_srcs, self.confidence, self.sources),
                                           (ref_conf, ref_srcs, self.ref_confidence, self.ref_sources)):
                c = c_of.get(k)
                if c is not None:
                    conf[nid] = max(c, conf.get(nid, c))
                    srcs[nid] |= s_of[k]
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
                confidence=r.confidence, source=r.source,
            )
        for nid, data in G.nodes(data=True):
            if data["type"] in ENTITY_LABELS:
                papers = sorted(node_papers.get(nid, ()))
                data["papers"], data["support"] = papers, len(papers)
                # its mentions say how sure and what found it; a name no paper mentions, what names it
                mentioned = nid in node_conf
                data["confidence"] = (node_conf if mentioned else ref_conf).get(nid, 1.0)
                data["source"] = self.bits.joined((node_srcs if mentioned else ref_srcs).get(nid) or self.bits.bit("rules"))
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


def _same_words(a: str, b: str) -> bool:
    """Whether two long forms of one acronym spell one name alike: word by word (split at spaces
    and hyphens, lower-cased) the same, a plural, a variant spelling or a typo of each other, one
    of them perhaps a word longer ("forward-forward" / "forward-forward algorithm").

    >>> _same_words("masked image modeling", "mask image modelling"), _same_words("spiking neural networks", "sparse neural network")
    (True, False)
    """
    wa = [w for w in re.split(r"[\s\-]+", a.lower()) if w]
    wb = [w for w in re.split(r"[\s\-]+", b.lower()) if w]
    if abs(len(wa) - len(wb)) > 1:
        return False
    return all(x == y or x[:5] == y[:5] and min(len(x), len(y)) >= 5 or x[:4] == y[:4] and min(len(x), len(y)) == 4
               or SequenceMatcher(None, x, y).ratio() >= 0.8 for x, y in zip(wa, wb))


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
