"""The canonical graph: ids, merged aliases, support, evidence, result nodes."""
from kg.assemble import assemble
from kg.model import Entity, Evidence, Extraction, Paper, Result, Source, Triple


def _paper(pid, abstract="x", urls=()):
    return Paper(id=pid, title=f"Title {pid}", abstract=abstract, urls=urls, sources=(Source("f.jsonl", 1, "jsonl"),))


def _ev(pid):
    return Evidence(pid, "A sentence.", 0, 3)


def test_spelling_variants_merge_across_papers_and_show_as_aliases():
    exs = [
        Extraction(_paper("a"), (Entity("Method", "ResNet50", "ResNet50", 0, 8),)),
        Extraction(_paper("b"), (Entity("Method", "ResNet-50", "ResNet-50", 0, 9),)),
        Extraction(_paper("c"), (Entity("Method", "ResNet 50", "ResNet 50", 0, 9),)),
    ]
    G = assemble(exs)
    node = G.nodes["method:resnet-50"]
    assert node["name"] == "ResNet-50"
    assert node["aliases"] == ["ResNet 50", "ResNet50"]
    assert node["support"] == 3 and node["papers"] == ["a", "b", "c"]


def test_acronym_and_long_form_merge_with_acronym_as_name():
    ex = Extraction(
        _paper("a"),
        (Entity("Method", "Gated Token Mixer", "Gated Token Mixer", 0, 17), Entity("Method", "GTM", "GTM", 19, 22)),
        aliases=(("Method", "Gated Token Mixer", "GTM"),),
    )
    G = assemble([ex])
    assert G.nodes["method:gtm"]["aliases"] == ["Gated Token Mixer"]
    assert "method:gated-token-mixer" not in G


def test_types_never_merge():
    ex = Extraction(_paper("a"), (Entity("Method", "COCO", "COCO", 0, 4), Entity("Dataset", "COCO", "COCO", 10, 14)))
    G = assemble([ex])
    assert G.nodes["method:coco"]["type"] == "Method" and G.nodes["dataset:coco"]["type"] == "Dataset"


def test_relations_results_and_code():
    ents = (Entity("Method", "ZorbNet", "ZorbNet", 0, 7), Entity("Dataset", "ImageNet", "ImageNet", 20, 28),
            Entity("Metric", "top-1 accuracy", "top-1 accuracy", 30, 44), Entity("Method", "BERT", "BERT", 50, 54))
    triples = (Triple("Paper", "a", "PROPOSES", "Method", "ZorbNet", _ev("a")),
               Triple("Method", "ZorbNet", "OUTPERFORMS", "Method", "BERT", _ev("a")))
    results = (Result(76.5, "%", "score", "ZorbNet", "ImageNet", "top-1 accuracy", None, "76.5%", _ev("a")),)
    G = assemble([Extraction(_paper("a", urls=("https://github.com/o/zorb",)), ents, results, triples)])
    assert G.has_edge("paper:a", "method:zorbnet", key="PROPOSES")
    assert G.has_edge("method:zorbnet", "method:bert", key="OUTPERFORMS")
    assert G.has_edge("paper:a", "repo:github.com/o/zorb", key="HAS_CODE")
    r = G.nodes["result:a:0"]
    assert (r["value"], r["unit"], r["kind"], r["method"], r["dataset"], r["metric"]) == (
        76.5, "%", "score", "ZorbNet", "ImageNet", "top-1 accuracy")
    for rel, target in (("OF_METHOD", "method:zorbnet"), ("ON_DATASET", "dataset:imagenet"), ("MEASURED_BY", "metric:top-1-accuracy")):
        assert G.has_edge("result:a:0", target, key=rel)
    ev = G.edges["paper:a", "method:zorbnet", "PROPOSES"]["evidence"]
    assert ev == [{"paper": "a", "sentence": "A sentence.", "start": 0, "end": 3}]


def test_edge_support_counts_papers():
    exs = [Extraction(_paper(p), (Entity("Method", "A1", "A1", 0, 2), Entity("Method", "B1", "B1", 3, 5)), (),
                      (Triple("Method", "A1", "OUTPERFORMS", "Method", "B1", _ev(p)),)) for p in ("a", "b")]
    G = assemble(exs)
    data = G.edges["method:a1", "method:b1", "OUTPERFORMS"]
    assert data["support"] == 2 and len(data["evidence"]) == 2
