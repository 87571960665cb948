"""Extraction on sentences written for these tests: entity types, names from shape and context,
acronyms, results (value, unit, kind, binding) and relations."""
import pytest

from kg.extract import extract
from kg.model import Paper

from _common import nlp, paper  # noqa: F401  (fixture)


def names(ex, label):
    return {e.name for e in ex.entities if e.type == label}


def test_each_entity_type_from_the_gazetteer(nlp):
    ex = extract(paper("We study image classification and semantic segmentation on ImageNet and COCO test-dev, "
                       "reporting top-1 accuracy and box AP for ResNet-50."), nlp)
    assert {"image classification", "semantic segmentation"} <= {n.lower() for n in names(ex, "Task")}
    assert {"ImageNet", "COCO test-dev"} <= names(ex, "Dataset")
    assert {"top-1 accuracy", "box AP"} <= names(ex, "Metric")
    assert "ResNet-50" in names(ex, "Method")


def test_offsets_index_title_blank_line_abstract(nlp):
    p = Paper(id="x", title="FooNet: Fast Things", abstract="We propose FooNet for ImageNet.")
    ex = extract(p, nlp)
    assert all(p.text[e.start:e.end] == e.text for e in ex.entities)
    assert any(e.text == "FooNet" and e.start > len(p.title) for e in ex.entities)


@pytest.mark.parametrize(
    "abstract,title,expected",
    [
        ("We propose ZorbNet, a graph network for molecules.", "", "ZorbNet"),
        ("Our model, called QuillFormer, reads long documents.", "", "QuillFormer"),
        ("This is about fast routing.", "HexaRoute: Fast Routing in Graphs", "HexaRoute"),
        ("We obtain strong results with BLiP-X3 in all settings.", "", "BLiP-X3"),
    ],
)
def test_unknown_names_from_shape_and_context(nlp, abstract, title, expected):
    ex = extract(Paper(id="x", title=title, abstract=abstract), nlp)
    assert expected in names(ex, "Method")


def test_proposed_method_from_title_prefix_and_we_propose(nlp):
    ex = extract(Paper(id="x", title="HexaRoute: Fast Routing", abstract="We propose HexaRoute for graphs."), nlp)
    proposes = {(t.subject, t.object) for t in ex.triples if t.predicate == "PROPOSES"}
    assert ("x", "HexaRoute") in proposes


def test_long_form_and_acronym_are_aliases(nlp):
    ex = extract(paper("We introduce the Gated Token Mixer (GTM) and train GTM on ImageNet."), nlp)
    assert ("Method", "Gated Token Mixer", "GTM") in ex.aliases
    assert {"GTM", "Gated Token Mixer"} <= names(ex, "Method")


def test_gazetteer_alias_gives_canonical_name(nlp):
    ex = extract(paper("We train on CIFAR10 and MS COCO."), nlp)
    assert {"CIFAR-10"} <= names(ex, "Dataset")
    assert any(e.text == "CIFAR10" and e.name == "CIFAR-10" for e in ex.entities)


def test_dataset_from_context_word(nlp):
    ex = extract(paper("We collect the ZetaBench dataset and evaluate ZorbNet on it."), nlp)
    assert "ZetaBench" in names(ex, "Dataset")


def test_score_result_bound_to_metric_dataset_method(nlp):
    ex = extract(Paper(id="x", title="ZorbNet: Graphs", abstract="ZorbNet reaches 76.5% top-1 accuracy on ImageNet."), nlp)
    (r,) = [r for r in ex.results if r.value == 76.5]
    assert (r.unit, r.kind, r.metric, r.dataset, r.method) == ("%", "score", "top-1 accuracy", "ImageNet", "ZorbNet")
    assert r.evidence.sentence.startswith("ZorbNet reaches")
    text = Paper(id="x", title="ZorbNet: Graphs", abstract="ZorbNet reaches 76.5% top-1 accuracy on ImageNet.").text
    assert text[r.evidence.start:r.evidence.end] == "76.5%"


@pytest.mark.parametrize(
    "sentence,value,unit,kind",
    [
        ("ZorbNet improves top-1 accuracy by 2.1% on ImageNet.", 2.1, "%", "delta"),
        ("ZorbNet is 2x faster than ResNet-50.", 2.0, "x", "delta"),
        ("ZorbNet uses 27% of the FLOPs of ResNet-50.", 27.0, "%", "delta"),
        ("We release 1.3M images for training.", 1.3e6, None, "other"),
        ("ZorbNet obtains an FID of 2.20 on CIFAR-10.", 2.2, None, "score"),
    ],
)
def test_result_kinds(nlp, sentence, value, unit, kind):
    ex = extract(paper(sentence), nlp)
    match = [r for r in ex.results if abs(r.value - value) < 1e-9]
    assert match, f"{value} not found in {[(r.value, r.kind) for r in ex.results]}"
    assert (match[0].unit, match[0].kind) == (unit, kind)


def test_years_and_name_numbers_are_not_results(nlp):
    ex = extract(paper("Since 2012, ResNet-50 and CIFAR-10 have been standard."), nlp)
    assert ex.results == ()


def test_outperforms_and_uses_relations(nlp):
    ex = extract(Paper(id="x", title="ZorbNet: Graphs",
                       abstract="ZorbNet uses BERT as its encoder. ZorbNet outperforms RoBERTa and XLNet on SQuAD."), nlp)
    rels = {(t.subject, t.predicate, t.object) for t in ex.triples}
    assert ("ZorbNet", "USES", "BERT") in rels
    assert ("ZorbNet", "OUTPERFORMS", "RoBERTa") in rels
    assert ("ZorbNet", "OUTPERFORMS", "XLNet") in rels
    assert ("ZorbNet", "EVALUATED_ON", "SQuAD") in rels or ("ZorbNet", "EVALUATED_ON", "SQuAD 1.1") in rels


def test_based_on_relation(nlp):
    ex = extract(Paper(id="x", title="", abstract="We propose ZorbNet, which is based on ResNet-50."), nlp)
    assert ("ZorbNet", "BASED_ON", "ResNet-50") in {(t.subject, t.predicate, t.object) for t in ex.triples}


def test_stream_keeps_input_order(nlp):
    papers = [paper(f"We test ZorbNet-{i} on ImageNet.", pid=f"p{i}") for i in range(5)]
    assert [ex.paper.id for ex in extract(papers, nlp)] == [f"p{i}" for i in range(5)]


def test_record_contract(nlp):
    rec = extract(Paper(id="p9", title="", abstract="ZorbNet reaches 76.5% top-1 accuracy on ImageNet."), nlp).to_record()
    assert set(rec) == {"id", "title", "entities", "results", "triples"}
    assert set(rec["entities"][0]) == {"type", "text", "name", "start", "end"}
    assert {"method", "dataset", "metric", "value", "unit", "kind", "evidence"} <= set(rec["results"][0])
    assert set(rec["results"][0]["evidence"]) == {"paper", "sentence", "start", "end"}


def test_worker_processes_give_the_same_extractions_in_order(nlp):
    papers = [paper(f"ZorbNet-{i} reaches {70 + i}.5% top-1 accuracy on ImageNet.", pid=f"p{i}") for i in range(150)]
    assert list(extract(papers, nlp, n_process=2, batch_size=16)) == list(extract(papers, nlp))


def test_one_worker_per_core_gives_the_same_extractions(nlp):
    papers = [paper(f"ZorbNet-{i} reaches {60 + i}.5% top-1 accuracy on ImageNet.", pid=f"p{i}") for i in range(40)]
    assert list(extract(papers, nlp, n_process=0, batch_size=8)) == list(extract(papers, nlp))
    assert list(extract(papers[:5], nlp, n_process=0, batch_size=8)) == list(extract(papers[:5], nlp))
