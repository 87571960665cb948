"""Merging decided by evidence, tested both ways (issue 11): variants stay apart, the same thing merges.

Each rule is tested where it is decided -- the tagged runs around a known name
(``kg_tagged_names``), the gazetteer and its alias lines, the acronyms and plurals of
:mod:`kg.assemble` -- on invented sentences and small graphs; ``test_invariants.py`` checks the
named pairs on the shared corpus.
"""
from __future__ import annotations

import pytest

from kg.assemble import assemble
from kg.extract import extract
from kg.model import Entity, Evidence, Extraction, Paper, Triple
from kg.schema import merge_key

from _common import nlp, paper, rules_nlp  # noqa: F401  (fixture)


# --------------------------------------------------------------------------- helpers

def tagged(nlp, text: str, runs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """``(text, label, canonical id)`` of the entities the full pipeline keeps when its tagger tags
    exactly ``runs`` (``(phrase, label)``: a BILUO run over the phrase's tokens) in ``text``:
    the rules run, the tags are set by hand instead of the trained tagger's, then
    ``kg_tagged_names`` and ``kg_entity_filter`` decide."""
    doc = nlp.make_doc(text)
    names = nlp.pipe_names
    for name, proc in nlp.pipeline[:names.index("kg_ner_tags")]:
        doc = proc(doc)
    for t in doc:
        t.tag_ = "O"
    for phrase, label in runs:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase))
        assert span is not None, phrase
        if len(span) == 1:
            span[0].tag_ = f"U-{label}"
        else:
            span[0].tag_, span[-1].tag_ = f"B-{label}", f"L-{label}"
            for t in span[1:-1]:
                t.tag_ = f"I-{label}"
    for name in ("kg_tagged_names", "kg_entity_filter"):
        doc = nlp.get_pipe(name)(doc)
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def ents_of(*items, pid="p", text=None):
    """An :class:`Extraction` of ``(type, text, name)`` entities (offsets made up)."""
    p = Paper(id=pid, title="", abstract=text or " ".join(t for _, t, _ in items))
    ents, pos = [], 0
    for label, surface, name in items:
        ents.append(Entity(label, surface, name, pos, pos + len(surface)))
        pos += len(surface) + 1
    return p, tuple(ents)


def node_of(G, label: str, name: str) -> str | None:
    """The node of type ``label`` that has ``name`` as its name or an alias (letters and digits compared)."""
    key = merge_key(name)
    found = [n for n, d in G.nodes(data=True) if d["type"] == label
             and any(merge_key(s) == key for s in [d["name"], *d.get("aliases", [])])]
    assert len(found) <= 1, found
    return found[0] if found else None


# --------------------------------------------------------------------------- a tagged run around a known name

@pytest.mark.parametrize("text, run, label, known", [
    ("Unlike a graph transformer, the model is small.", "graph transformer", "Method", "Transformer"),
    ("A linear transformer is fast.", "linear transformer", "Method", "Transformer"),
    ("We use a non-transformer architecture here.", "non-transformer architecture", "Method", "Transformer"),
    ("A fully-convolutional network segments it.", "fully-convolutional network", "Method", "CNN"),
    ("We report the worst-group accuracy of each model.", "worst-group accuracy", "Metric", "accuracy"),
    ("The accuracy loss is small.", "accuracy loss", "Metric", "accuracy"),
])
def test_a_run_that_adds_a_word_of_its_own_is_another_name(nlp, text, run, label, known):
    ents = tagged(nlp, text, [(run, label)])
    assert (run, label, "") in ents, ents  # a name of its own (its canonical name comes from its words)
    assert not any(i == known for _, _, i in ents), f"{run!r} was merged into {known}: {ents}"


@pytest.mark.parametrize("text, run, label, expect", [
    # generic nouns and qualifiers around a known name: still that name
    ("We fine-tune the pre-trained BERT model on it.", "pre-trained BERT model", "Method", ("pre-trained BERT model", "BERT")),
    ("The standard Transformer architecture is used.", "standard Transformer architecture", "Method",
     ("standard Transformer architecture", "Transformer")),
    # a word that belongs to no name: the run drew its boundary wrongly, the known name stands alone
    ("ZorbNet beats ResNet-50 by far.", "beats ResNet-50", "Method", ("ResNet-50", "ResNet-50")),
    ("We compare with OpenAI's GPT-4 here.", "OpenAI's GPT-4", "Method", ("GPT-4", "GPT-4")),
])
def test_a_run_of_generic_words_around_a_known_name_is_that_name(nlp, text, run, label, expect):
    ents = tagged(nlp, text, [(run, label)])
    assert (expect[0], label, expect[1]) in ents, ents


# --------------------------------------------------------------------------- the gazetteer and its alias lines

def test_variants_the_gazetteer_knows_stay_apart(nlp):
    # (every candidate, min_confidence 0: merging is the question here, not what the judge keeps)
    ex = extract(paper("We pre-train on Places205 and Places365 and compare GPT-4 with GPT-4o."), nlp, min_confidence=0.0)
    names = {(e.type, e.name) for e in ex.entities}
    assert {("Dataset", "Places205"), ("Dataset", "Places365"), ("Method", "GPT-4"), ("Method", "GPT-4o")} <= names
    G = assemble([ex])
    assert node_of(G, "Dataset", "Places205") != node_of(G, "Dataset", "Places365")
    assert node_of(G, "Method", "GPT-4") != node_of(G, "Method", "GPT-4o")


def test_names_of_one_dataset_merge_by_the_alias_table(nlp):
    exs = [extract(paper("ZorbNet reaches 81.0% top-1 accuracy on ILSVRC-2012.", pid="a"), nlp),
           extract(paper("GlorpNet reaches 80.1% top-1 accuracy on ImageNet-1K.", pid="b"), nlp)]
    assert ("Dataset", "ImageNet-1K") in {(e.type, e.name) for e in exs[0].entities}
    G = assemble(exs)
    assert node_of(G, "Dataset", "ILSVRC-2012") == node_of(G, "Dataset", "ImageNet-1K") == "dataset:imagenet-1k"
    assert G.nodes["dataset:imagenet-1k"]["support"] == 2


def test_parameters_is_the_number_of_parameters(nlp):
    from kg.extract import naming

    name = naming(nlp)
    assert name("Metric", "parameters") == name("Metric", "Params") == "number of parameters"
    assert name("Method", "parameters") == "parameters"  # an alias line names its own type only
    # a quantity named in words ("22.8M parameters") is measured by the number of parameters
    ex = extract(paper("ZorbNet has 22.8M parameters and reaches 81.2% top-1 accuracy on ImageNet."), nlp)
    assert {r.metric for r in ex.results} == {"number of parameters", "top-1 accuracy"}
    # and a Metric entity "parameters" (as the tagger finds one) joins the gazetteer's name
    p, ents = ents_of(("Metric", "parameters", name("Metric", "parameters")), ("Metric", "number of parameters",
                                                                           "number of parameters"))
    G = assemble([Extraction(p, ents)])
    assert node_of(G, "Metric", "parameters") == node_of(G, "Metric", "number of parameters") == "metric:number-of-parameters"


# --------------------------------------------------------------------------- singular and plural

def test_a_plural_merges_with_its_singular_when_both_are_names():
    exs = [Extraction(*ents_of(("Method", "residual blocks", "residual blocks"), pid="a")),
           Extraction(*ents_of(("Method", "residual block", "residual block"), pid="b")),
           Extraction(*ents_of(("Method", "residual blocks", "residual blocks"), pid="c")),
           Extraction(*ents_of(("Task", "dense predictions", "dense predictions"), ("Task", "dense prediction",
                                                                                    "dense prediction"), pid="d"))]
    G = assemble(exs)
    node = G.nodes["method:residual-block"]  # the singular names the node, though the plural is more used
    assert node["aliases"] == ["residual blocks"] and node["support"] == 3
    assert "method:residual-blocks" not in G
    assert G.nodes["task:dense-prediction"]["aliases"] == ["dense predictions"]


def test_words_ending_in_s_and_variants_stay_apart():
    exs = [Extraction(*ents_of(("Method", "ViG", "ViG"), ("Method", "ViG-S", "ViG-S"), ("Metric", "loss", "loss"),
                               ("Metric", "los", "los"), ("Dataset", "Kinetics", "Kinetics"), pid="a")),
           Extraction(*ents_of(("Method", "GAN", "GAN"), ("Method", "GANs", "GANs"), pid="b"))]
    G = assemble(exs)
    assert node_of(G, "Method", "ViG") != node_of(G, "Method", "ViG-S")  # S: a variant, not a plural
    assert node_of(G, "Metric", "loss") != node_of(G, "Metric", "los")
    assert G.nodes["dataset:kinetics"]["name"] == "Kinetics"  # no singular among the names: as written
    assert node_of(G, "Method", "GANs") == "method:gan"
    # types never merge, plural or not
    G = assemble([Extraction(*ents_of(("Method", "transformers", "transformers"), ("Task", "transformer", "transformer")))])
    assert {d["type"] for _, d in G.nodes(data=True)} == {"Paper", "Method", "Task"}


# --------------------------------------------------------------------------- acronyms

def _defines(pid: str, long: str, short: str, *more: tuple[str, str, str]) -> Extraction:
    p, ents = ents_of(("Method", long, long), ("Method", short, short), *more, pid=pid)
    return Extraction(p, ents, aliases=(("Method", long, short),))


def test_an_acronym_with_one_meaning_is_one_node_named_by_the_acronym():
    G = assemble([_defines("a", "Gaussian process", "GP"), _defines("b", "Gaussian processes", "GP"),
                  Extraction(*ents_of(("Method", "GP", "GP"), pid="c"))])
    gp = node_of(G, "Method", "GP")
    assert gp == "method:gp" and G.nodes[gp]["support"] == 3
    assert node_of(G, "Method", "Gaussian processes") == gp


def test_an_acronym_papers_define_differently_is_one_node_per_meaning():
    G = assemble([_defines("a", "spiking neural network", "SNN"), _defines("b", "sparse neural network", "SNN"),
                  _defines("c", "spiking neural networks", "SNN"), Extraction(*ents_of(("Method", "SNN", "SNN"), pid="d"))])
    spiking, sparse = node_of(G, "Method", "spiking neural network"), node_of(G, "Method", "sparse neural network")
    assert spiking != sparse
    assert G.nodes[spiking]["papers"] == ["a", "c"] and G.nodes[sparse]["papers"] == ["b"]
    assert "SNN" in G.nodes[spiking]["aliases"] and "SNN" in G.nodes[sparse]["aliases"]
    # the paper that uses SNN without saying which: a node of its own
    assert G.nodes["method:snn"]["papers"] == ["d"]


# --------------------------------------------------------------------------- no edge joins a node to itself

def test_no_relation_between_two_names_of_one_node():
    ev = Evidence("b", "ZN uses the Zorb Network.", 0, 5)
    exs = [_defines("a", "Zorb Network", "ZN"),
           Extraction(*ents_of(("Method", "ZN", "ZN"), ("Method", "Zorb Network", "Zorb Network"), pid="b"),
                      triples=(Triple("Method", "ZN", "USES", "Method", "Zorb Network", ev),
                               Triple("Method", "ZN", "OUTPERFORMS", "Method", "ZorbNet", ev)))]
    G = assemble(exs)
    assert not any(u == v for u, v in G.edges())
    assert G.has_edge("method:zn", "method:zorbnet", key="OUTPERFORMS")


def test_extraction_relates_no_acronym_to_its_own_long_form(nlp):
    text = ("We propose Target Projection Stochastic Gradient Descent (tpSGD). Experiments train adaptors "
            "using tpSGD at the edge, and tpSGD outperforms Adam.")
    ex = extract(paper(text), nlp)
    assert ("Method", "Target Projection Stochastic Gradient Descent", "tpSGD") in ex.aliases
    key = {merge_key("Target Projection Stochastic Gradient Descent"), merge_key("tpSGD")}
    assert not any({merge_key(t.subject), merge_key(t.object)} <= key for t in ex.triples if t.subject_type == "Method")


def test_two_names_whose_ids_would_clash_stay_two_nodes():
    # "α-Net" and "Net" are different names (their letters differ) with one readable id, method:net
    p, ents = ents_of(("Method", "Net", "Net"), ("Method", "α-Net", "α-Net"), ("Method", "alpha net", "α-Net"))
    G = assemble([Extraction(p, ents)])
    assert G.nodes["method:net"]["name"] == "Net" and G.nodes["method:net"]["aliases"] == []
    assert G.nodes["method:alpha-net"]["aliases"] == ["α-Net"]


@pytest.mark.parametrize("text,expect,not_expect", [
    # a known name inside a hyphenated word is part of another name
    ("As-ViT reaches 83.5% top-1 accuracy.", ("Method", "As-ViT"), ("Method", "Vision Transformer")),
    ("The ViT-G model attains 90.9% on ImageNet.", ("Method", "ViT-G"), ("Method", "Vision Transformer")),
    ("Our EfficientDet-D7 achieves 55.1 AP.", ("Method", "EfficientDet-D7"), ("Method", "EfficientDet")),
    ("We report mIoU on COCO-Stuff.", ("Dataset", "COCO-Stuff"), ("Dataset", "COCO")),
    # the word after the hyphen makes an adjective, or the one before is a prefix: the name stays as it is
    ("We train BERT-based models.", ("Method", "BERT"), ("Method", "BERT-based")),
    ("We compare with non-Transformer baselines.", ("Method", "Transformer"), ("Method", "non-Transformer")),
])
def test_a_name_inside_a_hyphenated_word(rules_nlp, text, expect, not_expect):
    names = {(e.type, e.name) for e in extract(paper(text), rules_nlp).entities}
    assert expect in names and not_expect not in names, names
