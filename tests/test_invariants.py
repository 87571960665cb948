"""Invariants of the shared-corpus graph (issue 11): what a researcher reading it node by node must
never meet. The graph of ``../shared/corpus/hf-daily-papers/`` is built once per test session.

The checks are written here, apart from the code that makes them hold (``kg_entity_filter``,
:mod:`kg.assemble`), so that they check it rather than repeat it.
"""
from __future__ import annotations

import re

import pytest

from kg.model import SOURCES
from kg.rules import load_rules
from kg.schema import ENTITY_LABELS, merge_key

from _common import shared, shared_corpus_graph  # noqa: F401  (fixtures)

#: the exclude terms of ../shared/eval/GRAPH_GOLD_GUIDELINES.md, type by type
GUIDELINE_EXCLUDES = {
    "Method": ["deep learning", "machine learning", "AI", "neural network", "neural networks", "deep neural networks",
               "deep networks", "model", "backbone", "network", "architecture", "framework", "approach", "method",
               "algorithm", "module", "manually designed networks", "feature network", "GPU", "TPU"],
    "Task": ["computer vision", "NLP", "vision", "robotics", "training", "inference", "learning", "optimization",
             "generalization", "prediction", "fine-tuning", "segmentation", "detection", "recognition", "generation",
             "classification", "clinical applications", "real-world scenarios"],
    "Metric": ["robustness", "efficiency", "scalability", "convergence", "complexity", "interpretability", "quality",
               "fidelity", "performance", "generalization ability"],
    "Dataset": ["natural images", "real-world datasets", "synthetic data", "benchmark datasets", "large-scale datasets",
                "time series", "T1-weighted MRI"],
}
_LISTS = {"Method": "not_method", "Task": "not_task", "Metric": "not_metric", "Dataset": "not_dataset"}

_URL = re.compile(r"(?i)[a-z]+://|^www\.|github\.com|gitlab\.com|huggingface\.co/|\.(?:com|org|net|io|edu)(?:/|$)")
_CITATION_KEY = re.compile(r"^(?:[A-Z][a-z]+|[a-z]+)(?:19|20)\d\d[A-Za-z]{3,}$")
_NO_LETTER = re.compile(r"^[^A-Za-z]*$")
_NUMBER_WITH_SCALE = re.compile(r"^\d[\d.,]*\s*[kKMBGTx%]?$")


def _entities(G):
    return [(n, d) for n, d in G.nodes(data=True) if d["type"] in ENTITY_LABELS]


def _names(d) -> list[str]:
    return [d["name"], *d.get("aliases", [])]


def test_no_self_loop(shared_corpus_graph):
    G = shared_corpus_graph
    loops = [(u, k) for u, v, k in G.edges(keys=True) if u == v]
    assert loops == []


def test_no_entity_is_named_by_a_url_a_citation_key_or_a_number(shared_corpus_graph):
    bad = [(d["type"], s) for _, d in _entities(shared_corpus_graph) for s in _names(d)
           if _URL.search(s) or _CITATION_KEY.match(s) or _NO_LETTER.match(s) or _NUMBER_WITH_SCALE.match(s)]
    assert bad == []


def test_the_rules_exclude_what_the_guidelines_exclude():
    words = load_rules().words
    for label, terms in GUIDELINE_EXCLUDES.items():
        listed = {merge_key(w) for w in words[_LISTS[label]]}
        assert [t for t in terms if merge_key(t) not in listed] == [], label


def test_no_entity_is_a_term_its_type_excludes(shared_corpus_graph):
    words = load_rules().words
    excluded = {label: {merge_key(w) for w in words[_LISTS[label]] + GUIDELINE_EXCLUDES[label]} for label in ENTITY_LABELS}
    bad = []
    for _, d in _entities(shared_corpus_graph):
        key = merge_key(d["name"])
        if key in excluded[d["type"]] or (key.endswith("s") and key[:-1] in excluded[d["type"]]):
            bad.append((d["type"], d["name"]))
    assert bad == []


def test_a_github_link_is_a_repository_only(shared_corpus_graph):
    G = shared_corpus_graph
    assert [d["name"] for _, d in _entities(G) if any("github" in s.lower() for s in _names(d))] == []
    linked = 0
    for n, d in G.nodes(data=True):
        if d["type"] != "Paper":
            continue
        for url in d.get("urls") or ():
            m = re.match(r"(?i)(?:https?://)?(?:www\.)?github\.com/([\w.\-]+)/([\w.\-]+)", url)
            if m:
                repo = f"repo:github.com/{m.group(1)}/{m.group(2)}".rstrip(".")
                assert G.has_edge(n, repo, key="HAS_CODE") and G.nodes[repo]["type"] == "Repository", (n, url)
                linked += 1
    assert linked >= 100  # (the corpus links about 130 repositories: the check is not vacuous)


def _node(G, label: str, name: str) -> str | None:
    key = merge_key(name)
    found = {n for n, d in _entities(G) if d["type"] == label and any(merge_key(s) == key for s in _names(d))}
    assert len(found) <= 1, (name, found)
    return next(iter(found), None)


#: variants the corpus names, which must stay apart
APART = [("Method", "Graph Transformer", "Transformer"), ("Method", "Linear Transformer", "Transformer"),
         ("Method", "non-transformer", "Transformer"), ("Method", "FCN", "CNN"),
         ("Dataset", "Places205", "Places365"), ("Method", "GPT-4", "GPT-4o"),
         ("Metric", "worst-group accuracy", "accuracy"), ("Metric", "accuracy loss", "accuracy")]


def test_variants_stay_apart(shared_corpus_graph):
    G = shared_corpus_graph
    both = 0
    for label, a, b in APART:
        na, nb = _node(G, label, a), _node(G, label, b)
        if na and nb:
            both += 1
            assert na != nb, f"{a} merged into {b}"
    assert both >= 5  # most of the pairs are in the corpus (GPT-4o is not)


def test_the_same_thing_is_one_node(shared_corpus_graph):
    G = shared_corpus_graph
    assert _node(G, "Dataset", "ILSVRC-2012") in (None, _node(G, "Dataset", "ImageNet-1K"))
    assert _node(G, "Dataset", "ImageNet-1K") is not None
    params = _node(G, "Metric", "number of parameters")
    assert params is not None and _node(G, "Metric", "parameters") in (None, params)
    # no name of a type is the English plural (a lower-case "s") of a name of that type on other nodes only
    apart = []
    for label in ENTITY_LABELS:
        nodes_of: dict[str, set] = {}
        for n, d in _entities(G):
            if d["type"] == label:
                for s in _names(d):
                    nodes_of.setdefault(s.lower(), set()).add(n)
        for n, d in _entities(G):
            for s in _names(d) if d["type"] == label else ():
                if re.search(r"[A-Za-z]s$", s) and not s.endswith(("ss", "us", "is")):
                    singular = nodes_of.get(s[:-1].lower())
                    if singular and not singular & nodes_of[s.lower()]:
                        apart.append((label, s[:-1], s))
    assert apart == []


def test_every_node_and_edge_says_how_sure_and_what_found_it(shared_corpus_graph):
    G = shared_corpus_graph
    order = {s: i for i, s in enumerate(SOURCES)}

    def ok(d) -> bool:
        parts = str(d.get("source", "")).split("+")
        return (isinstance(d.get("confidence"), float) and 0.0 <= d["confidence"] <= 1.0
                and all(p in order for p in parts) and [order[p] for p in parts] == sorted({order[p] for p in parts}))

    assert [n for n, d in G.nodes(data=True) if not ok(d)] == []
    assert [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if not ok(d)] == []
    given = [d for _, d in G.nodes(data=True) if d["type"] in ("Paper", "Repository")]
    given += [d for _, _, k, d in G.edges(keys=True, data=True) if k == "HAS_CODE"]
    assert given and all((d["confidence"], d["source"]) == (1.0, "input") for d in given)
    found = {d["source"] for _, d in _entities(G)}
    assert {"gazetteer", "rules"} <= {p for s in found for p in s.split("+")}


@pytest.mark.parametrize("label", ENTITY_LABELS)
def test_each_entity_type_is_in_the_graph(shared_corpus_graph, label):
    # the filters leave every type its nodes (a filter gone wrong would empty one)
    assert sum(d["type"] == label for _, d in _entities(shared_corpus_graph)) >= 100
