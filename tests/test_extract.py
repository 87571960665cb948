"""Extraction on sentences written for these tests: entity types, names from shape and context,
acronyms, results (value, unit, kind, binding) and relations."""
import pytest

from kg.extract import extract
from kg.model import SOURCES, Paper

from _common import nlp, paper, rules_nlp  # noqa: F401  (fixtures)


def names(ex, label):
    return {e.name for e in ex.entities if e.type == label}


def test_each_entity_type_from_the_gazetteer(rules_nlp):
    # (the rules' names; the judge of the default pipeline may then leave out a name mentioned in passing)
    ex = extract(paper("We study image classification and semantic segmentation on ImageNet and COCO test-dev, "
                       "reporting top-1 accuracy and box AP for ResNet-50."), rules_nlp)
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
def test_unknown_names_from_shape_and_context(rules_nlp, abstract, title, expected):
    ex = extract(Paper(id="x", title=title, abstract=abstract), rules_nlp)
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
        # a list or range takes the kind its text gives to any member
        ("With 15% and 24% fewer FLOPs, ZorbNet matches the baseline.", 15.0, "%", "delta"),
        ("ZorbNet uses 10-20% fewer FLOPs than ResNet-50.", 10.0, "%", "delta"),
        ("ZorbNet saves energy by 12.4% to 17.5% during inference.", 17.5, "%", "delta"),
        ("ZorbNet brings 0.2%p to 0.9%p accuracy gains on ImageNet.", 0.9, "%", "delta"),
        ("ZorbNet lowers the error by 2.82\\%, 4.53\\% and 1.3\\% on three sets.", 4.53, "%", "delta"),
        # a value in parentheses belongs to the name before them, not to the verb before that
        ("ZorbNet beats ResNet-50 (71.2 AP) by 3.1 AP on COCO.", 71.2, None, "score"),
        ("ZorbNet brings a clear gain (~2%) at no cost.", 2.0, "%", "delta"),
        # a ratio is a change even before a count noun; a duration is a measured score
        ("ZorbNet gives a 2.5 times reduction in model size on ImageNet.", 2.5, "x", "delta"),
        ("ZorbNet trains in 3.5 hours on one GPU.", 3.5, None, "score"),
        ("ZorbNet needs only 4.5G FLOPs on ImageNet.", 4.5e9, None, "other"),
        ("ZorbNet reaches 41.5 mAP for object detection tasks.", 41.5, None, "score"),
        # a value reached, a hedge, a gap
        ("The adapter improves its F1 to 88.2% on SQuAD.", 88.2, "%", "score"),
        ("ZorbNet achieves top-1 accuracy over 81% on ImageNet.", 81.0, "%", "score"),
        ("ZorbNet beats the others by sim2.4 AP on COCO.", 2.4, None, "delta"),
        ("ZorbNet shows a 0.3% gap to the oracle on ImageNet.", 0.3, "%", "delta"),
    ],
)
def test_result_kinds(nlp, sentence, value, unit, kind):
    ex = extract(paper(sentence), nlp)
    match = [r for r in ex.results if abs(r.value - value) < 1e-9]
    assert match, f"{value} not found in {[(r.value, r.kind) for r in ex.results]}"
    assert (match[0].unit, match[0].kind) == (unit, kind)


def results_of(nlp, abstract, title=""):
    ex = extract(Paper(id="x", title=title, abstract=abstract), nlp)
    return {r.value: r for r in ex.results}


def test_threshold_is_not_a_result(nlp):
    assert results_of(nlp, "Prior recipes fail at high sparsity (>90%).") == {}


@pytest.mark.parametrize(
    "sentence,value,metric",
    [
        # the Metric name right before its value wins over the next one after it
        ("ZorbNet reaches an Inception Score of 9.1 and an FID of 3.4 on CIFAR-10.", 9.1, "Inception Score"),
        ("ZorbNet reaches an Inception Score of 9.1 and an FID of 3.4 on CIFAR-10.", 3.4, "FID"),
        # what a change is of, also in the passive, shared along the list
        ("With ZorbNet, the word error rate of both systems is reduced by 8.2%, 6.1% and 5.0%, respectively.", 6.1, "WER"),
        ("ZorbNet reduces the memory cost of a deep network from 48G to 7G.", 7e9, "memory cost"),
        ("ZorbNet cuts the search time for pruning by approximately 4.5x with an accuracy loss of 0.1%.", 4.5, "search time"),
        # a Metric named at the end of the clause, shared along the list
        ("ZorbNet outperforms others by 1.2% for ResNet-18, 0.8% for VGG-11 and 0.5% for ResNet-34 "
         "in terms of top-1 accuracy.", 1.2, "top-1 accuracy"),
        # what a value in parentheses measures, what there is less or more of, a quantity named in words
        ("ZorbNet is trained on CIFAR-10 (3.1% error) and CIFAR-100.", 3.1, "error"),
        ("ZorbNet offers 14x smaller embedding size at the same accuracy.", 14.0, "embedding size"),
        ("HopNet is better, with an average Euclidean distance of 0.14, 0.17 and 0.11.", 0.17, "Euclidean distance"),
        # a bare speed ratio and a duration have no metric
        ("ZorbNet runs 3x faster than ResNet-50 and keeps its top-1 accuracy on ImageNet.", 3.0, None),
        ("ZorbNet trains in 3.5 hours on one GPU and reaches 40.1 AP on COCO.", 3.5, None),
    ],
)
def test_result_metric(nlp, sentence, value, metric):
    r = results_of(nlp, sentence)[value]
    assert r.metric == metric


def test_result_dataset_and_method_of_a_parenthesis(nlp):
    rs = results_of(nlp, "ZorbNet beats ResNet-50 (71.2 AP) by 3.1 AP on COCO, and VOC (+2.2% mIoU) and ADE20K (+1.1% mIoU).")
    assert (rs[71.2].method, rs[3.1].method) == ("ResNet-50", "ZorbNet")
    assert (rs[2.2].dataset, rs[1.1].dataset) == ("PASCAL VOC", "ADE20K")


def test_speedup_has_no_dataset(nlp):
    r = results_of(nlp, "On ImageNet, ZorbNet is 2.5x faster than ResNet-50.")[2.5]
    assert (r.kind, r.dataset) == ("delta", None)


def test_result_method_is_the_acronym_the_paper_uses(nlp):
    rs = results_of(nlp, "We propose the Gated Token Mixer (GTM), a new layer. "
                         "Our model reaches 80.1% top-1 accuracy on ImageNet.")
    assert rs[80.1].method == "GTM"
    # no proposal found: the title spells out the name the abstract abbreviates
    rs = results_of(nlp, "Hashed Slot Routing (HSR) routes tokens. It is 3% more accurate than MoE on C4.",
                    title="Hashed Slot Routing for Sparse Models")
    assert rs[3.0].method == "HSR"


def test_result_method_named_as_ours(rules_nlp):
    rs = results_of(rules_nlp, "We propose ZorbNet. Our ZorbNet-L reaches 55.0 box AP on COCO test-dev.", title="ZorbNet: Graphs")
    assert rs[55.0].method == "ZorbNet-L"


def test_bits_per_unit_is_a_score_not_a_bit_width(nlp):
    rs = results_of(nlp, "ZorbNet reaches 1.21 bits-per-character on enwik8 and 3.02 bits/dim on CIFAR-10 with 4-bit weights.")
    assert sorted(rs) == [1.21, 3.02]
    assert (rs[1.21].kind, rs[1.21].dataset) == ("score", "enwik8")


def test_dataset_introduced_after_the_number_wins_over_a_nearer_one(nlp):
    rs = results_of(nlp, "ZorbNet reaches 84.1% mIoU on PASCAL VOC 2012 and 79.9% mIoU on Cityscapes.")
    assert (rs[84.1].dataset, rs[79.9].dataset) == ("PASCAL VOC 2012", "Cityscapes")


def test_first_value_of_from_to_is_the_baselines(nlp):
    rs = results_of(nlp, "We propose ZorbNet. On COCO, ZorbNet lowers FID from 31.2 to 12.5 compared with BigGAN.",
                    title="ZorbNet: Graphs")
    assert (rs[31.2].method, rs[12.5].method) == ("BigGAN", "ZorbNet")
    assert rs[31.2].metric == rs[12.5].metric == "FID"


def test_our_experiments_do_not_make_a_result_the_authors(nlp):
    rs = results_of(nlp, "We propose ZorbNet. Our experiments show that BigGAN reaches an FID of 14.2 on COCO.",
                    title="ZorbNet: Graphs")
    assert rs[14.2].method == "BigGAN"


def test_years_and_name_numbers_are_not_results(nlp):
    ex = extract(paper("Since 2012, ResNet-50 and CIFAR-10 have been standard."), nlp)
    assert ex.results == ()


def test_outperforms_and_uses_relations(rules_nlp):
    # the rules-only pipeline: relations stated by a cue between two names of a sentence
    ex = extract(Paper(id="x", title="ZorbNet: Graphs",
                       abstract="ZorbNet uses BERT as its encoder. ZorbNet outperforms RoBERTa and XLNet on SQuAD."), rules_nlp)
    rels = {(t.subject, t.predicate, t.object) for t in ex.triples}
    assert ("ZorbNet", "USES", "BERT") in rels
    assert ("ZorbNet", "OUTPERFORMS", "RoBERTa") in rels
    assert ("ZorbNet", "OUTPERFORMS", "XLNet") in rels
    assert ("ZorbNet", "EVALUATED_ON", "SQuAD") in rels or ("ZorbNet", "EVALUATED_ON", "SQuAD 1.1") in rels


def test_the_judged_pipeline_relates_the_papers_method(nlp):
    # the default pipeline: the judge's relations, from the paper's own method, with their confidence
    ex = extract(Paper(id="x", title="ZorbNet: Graphs",
                       abstract="ZorbNet uses BERT as its encoder. ZorbNet outperforms RoBERTa and XLNet on SQuAD."),
                 nlp, min_confidence=0.0)
    rels = {(t.subject, t.predicate, t.object): t for t in ex.triples}
    assert {t.source for t in rels.values() if t.predicate == "OUTPERFORMS"} == {"classifier"}
    assert rels[("ZorbNet", "OUTPERFORMS", "RoBERTa")].confidence > rels[("ZorbNet", "OUTPERFORMS", "BERT")].confidence
    assert not any(t.predicate == "USES" for t in rels.values())  # (the judge decides no USES)
    assert rels[("x", "PROPOSES", "ZorbNet")].confidence > 0.5


def test_based_on_relation(rules_nlp):
    ex = extract(Paper(id="x", title="", abstract="We propose ZorbNet, which is based on ResNet-50."), rules_nlp)
    assert ("ZorbNet", "BASED_ON", "ResNet-50") in {(t.subject, t.predicate, t.object) for t in ex.triples}


def test_stream_keeps_input_order(nlp):
    papers = [paper(f"We test ZorbNet-{i} on ImageNet.", pid=f"p{i}") for i in range(5)]
    assert [ex.paper.id for ex in extract(papers, nlp)] == [f"p{i}" for i in range(5)]


def test_record_contract(nlp):
    rec = extract(Paper(id="p9", title="", abstract="ZorbNet reaches 76.5% top-1 accuracy on ImageNet."), nlp).to_record()
    assert set(rec) == {"id", "title", "entities", "results", "triples"}
    assert set(rec["entities"][0]) == {"type", "text", "name", "start", "end", "confidence", "source"}
    assert {"method", "dataset", "metric", "value", "unit", "kind", "evidence", "confidence", "source"} <= set(rec["results"][0])
    assert all(0.0 <= x["confidence"] <= 1.0 and x["source"] in SOURCES
               for part in ("entities", "results", "triples") for x in rec[part])
    assert set(rec["results"][0]["evidence"]) == {"paper", "sentence", "start", "end"}


def test_worker_processes_give_the_same_extractions_in_order(nlp):
    papers = [paper(f"ZorbNet-{i} reaches {70 + i}.5% top-1 accuracy on ImageNet.", pid=f"p{i}") for i in range(150)]
    assert list(extract(papers, nlp, n_process=2, batch_size=16)) == list(extract(papers, nlp))


def test_one_worker_per_core_gives_the_same_extractions(nlp):
    papers = [paper(f"ZorbNet-{i} reaches {60 + i}.5% top-1 accuracy on ImageNet.", pid=f"p{i}") for i in range(40)]
    assert list(extract(papers, nlp, n_process=0, batch_size=8)) == list(extract(papers, nlp))
    assert list(extract(papers[:5], nlp, n_process=0, batch_size=8)) == list(extract(papers[:5], nlp))


@pytest.mark.parametrize(
    "abstract,name",
    [
        ("On QuuxSet, ZorbNet lowers the error by 1.5%.", "QuuxSet"),
        ("In particular, on FlimBench, our model is better.", "FlimBench"),
        ("The model is trained on the training set of GlorpQA and tested on it.", "GlorpQA"),
        ("We test on public datasets such as SnarkVid and more.", "SnarkVid"),
    ],
)
def test_dataset_from_the_words_before_it(nlp, abstract, name):
    ex = extract(paper(abstract), nlp)
    assert name in names(ex, "Dataset") and name not in names(ex, "Method")


def test_opening_adverbial_names_the_dataset_of_the_sentence(nlp):
    rs = results_of(nlp, "On QuuxSet, ZorbNet lowers the error by 1.5% and 0.7% with half the FLOPs.")
    assert rs[1.5].dataset == rs[0.7].dataset == "QuuxSet"
    r = results_of(nlp, "When fine-tuned on COCO, ZorbNet gives a 2.4x reduction in training memory.")[2.4]
    assert r.dataset == "COCO"
    # a dataset named after the opening clause and before the number is nearer
    rs = results_of(nlp, "On ImageNet, ZorbNet reaches 80.1% top-1 accuracy, and on CIFAR-100 it reaches 91.2%.")
    assert (rs[80.1].dataset, rs[91.2].dataset) == ("ImageNet", "CIFAR-100")


@pytest.mark.parametrize(
    "abstract,value,metric",
    [
        # a lower-case phrase ending in a measure's head noun, right after the number or later with "on"
        ("ZorbNet reaches 12.4% word segmentation error on the QuuxSet benchmark.", 12.4, "word segmentation error"),
        ("ZorbNet beats GlorpNet (71.5% vs. 69.9%) on token match rate.", 69.9, "token match rate"),
        ("ZorbNet beats GlorpNet (71.5% vs. 69.9%) on token match rate.", 71.5, "token match rate"),
        # values in parentheses measure the lower-case words before them, not a generic noun
        ("ZorbNet wins in both stability (88.1% vs. 80.2%) and novelty (45.0% vs. 41.3%).", 80.2, "stability"),
        ("ZorbNet wins in both stability (88.1% vs. 80.2%) and novelty (45.0% vs. 41.3%).", 45.0, "novelty"),
        ("ZorbNet brings a clear gain (~2%) at no cost.", 2.0, None),
        ("We compare with our model (81.2%) here.", 81.2, None),
    ],
)
def test_metric_named_as_a_phrase(nlp, abstract, value, metric):
    found = results_of(nlp, abstract)
    if metric is None and value not in found:
        return  # (the keep decision may judge a number with no metric no result at all: never a generic noun)
    assert found[value].metric == metric


def test_score_without_a_metric_takes_the_one_of_the_sentence_before(nlp):
    rs = results_of(nlp, "With ResNet-50, the top-1 accuracy on ImageNet improves from 76.1% to 77.9%. "
                         "With ResNet-101, it improves from 77.4% to 78.8%.")
    assert rs[77.4].metric == rs[78.8].metric == "top-1 accuracy"
    # not across a sentence without results
    rs = results_of(nlp, "ZorbNet reaches 76.1% top-1 accuracy. It is simple. It also reaches 41.2% on QuuxSet.")
    assert rs[41.2].metric is None


def test_score_takes_the_papers_only_dataset_named_before(nlp):
    rs = results_of(nlp, "We train ZorbNet on the training set of QuuxSet. The weights are then frozen. "
                         "The final model reaches 71.2% accuracy. With more steps, the accuracy improves to 73.5%.")
    assert rs[71.2].dataset == rs[73.5].dataset == "QuuxSet"
    # not when the sentence speaks of data of its own, nor for a duration, nor past two named datasets
    rs = results_of(nlp, "We pre-train ZorbNet on QuuxSet. The weights are frozen. Across six datasets, the "
                         "average accuracy improves from 70.1% to 72.3%. It trains in 4.5 hours.")
    assert rs[70.1].dataset is rs[72.3].dataset is rs[4.5].dataset is None
    rs = results_of(nlp, "We use the QuuxSet dataset and the FlimBench benchmark. The weights are frozen. The model reaches 71.2% accuracy.")
    assert rs[71.2].dataset is None


@pytest.mark.parametrize(
    "sentence,value,kind,metric",
    [
        # a unit written right after the number keeps the whole number
        ("ZorbNet runs within 2.5ms on a phone.", 2.5, "score", None),
        ("ZorbNet beats GlorpNet by up to 0.42dB on QuuxSet.", 0.42, "delta", None),
        ("ZorbNet runs at 48fps on one GPU.", 48.0, "score", "FPS"),
        ("ZorbNet fits on a single 16GB GPU.", 16.0, "other", None),
        ("An 8-times wider layer helps.", 8.0, "delta", None),
    ],
)
def test_numbers_with_units_written_on(nlp, sentence, value, kind, metric):
    rs = results_of(nlp, sentence)
    assert value in rs, rs
    assert (rs[value].kind, rs[value].metric) == (kind, metric)


def test_sizes_and_digit_runs_are_not_cut_into_results(nlp):
    assert results_of(nlp, "ZorbNet draws 1024 x 1024 images.") == {}
    assert results_of(nlp, "Each input is a 240x240x155x4 volume.") == {}


def test_long_form_with_a_data_head_noun_is_a_dataset(nlp):
    ex = extract(paper("We build the Zorbian Speech Treebank (ZST) for parsing."), nlp)
    assert {"Zorbian Speech Treebank", "ZST"} <= names(ex, "Dataset")
    # the long form and its acronym are one dataset: the paper's only one for a later score
    rs = results_of(nlp, "We test on the Glorp Knowledge Graph (GKG). Nothing else is used. "
                         "Our model reaches a mean rank of 0.42 there.")
    assert rs[0.42].dataset == "GKG"


def test_acronym_with_inner_letters_of_its_words(nlp):
    ex = extract(paper("We call it Folded Gated Mixer (FoGM). FoGM improves top-1 accuracy by 1.1% on ImageNet."), nlp)
    assert ("Method", "Folded Gated Mixer", "FoGM") in ex.aliases
    assert [r.method for r in ex.results if r.value == 1.1] == ["FoGM"]


def test_it_as_subject_is_the_papers_method(nlp):
    text = ("We study sparse routing and propose a new layer, HexaMix, that routes tokens. "
            "On ImageNet, it beats a dense MLP-Mixer that uses BatchNorm by 1.4% top-1 accuracy.")
    ex = extract(paper(text), nlp)
    assert ("t1", "HexaMix") in {(t.subject, t.object) for t in ex.triples if t.predicate == "PROPOSES"}
    assert [r.method for r in ex.results if r.value == 1.4] == ["HexaMix"]
    # an "it" that is no subject ("it is hard to ...") leaves the sentence's own method
    rs = results_of(nlp, "We propose HexaMix. It is hard to train GlorpNet, which reaches 61.2% accuracy on QuuxSet.")
    assert rs[61.2].method == "GlorpNet"


def test_a_model_depth_is_a_size_of_the_named_model(nlp):
    rs = results_of(nlp, "We train a 152-layer ZorbNet and a 24 layer GlorpNet on QuuxSet.")
    assert (rs[152.0].kind, rs[152.0].metric, rs[152.0].method) == ("other", "layers", "ZorbNet")
    assert (rs[24.0].kind, rs[24.0].metric, rs[24.0].method) == ("other", "layers", "GlorpNet")
    # bit-widths and shots stay settings
    assert results_of(nlp, "ZorbNet works with 4-bit weights in the 5-shot setting.") == {}


def test_lists_of_numbers_pair_with_lists_of_datasets(nlp):
    rs = results_of(nlp, "ZorbNet reaches 80.1%/91.2% top-1 accuracy on ImageNet/CIFAR-100.")
    assert (rs[80.1].dataset, rs[91.2].dataset) == ("ImageNet", "CIFAR-100")
    rs = results_of(nlp, "ZorbNet reaches 80.1% and 91.2% top-1 accuracy on ImageNet and CIFAR-100, respectively.")
    assert (rs[80.1].dataset, rs[91.2].dataset) == ("ImageNet", "CIFAR-100")
    # lists of other lengths, or without "respectively", are left to the nearest dataset
    rs = results_of(nlp, "ZorbNet reaches 80.1% top-1 accuracy on ImageNet and 91.2% on CIFAR-100.")
    assert (rs[80.1].dataset, rs[91.2].dataset) == ("ImageNet", "CIFAR-100")


def test_range_ends_share_the_multiplier_and_a_size_inherits_no_dataset(nlp):
    rs = results_of(nlp, "ZorbNet reaches 81.0% top-1 accuracy on ImageNet. It keeps a small size (20~25M).")
    assert sorted(rs) == [81.0, 2e7, 2.5e7]
    assert rs[2e7].metric == rs[2.5e7].metric == "small size"
    assert rs[2e7].dataset is rs[2.5e7].dataset is None
    # "the best result of": what follows names the measure, not "best"
    rs = results_of(nlp, "ZorbNet reaches 12.1% word error on QuuxSet. The best result so far is 11.8%.")
    assert rs[11.8].metric == "word error"


def test_thousands_in_lower_case_and_training_lengths(nlp):
    rs = results_of(nlp, "We collect over 700k samples and train for 300k steps and 90 epochs.")
    assert sorted(rs) == [7e5]
    assert (rs[7e5].kind, rs[7e5].metric) == ("other", "samples")


def test_the_second_value_of_a_comparison_is_the_rivals(nlp):
    rs = results_of(nlp, "We propose HexaMix. HexaMix clearly improves over GlorpNet, in both stability "
                         "(88.1% vs. 80.2%) and novelty (45.0% vs. 41.3%).", title="HexaMix: Mixing")
    assert (rs[88.1].method, rs[80.2].method, rs[45.0].method, rs[41.3].method) == ("HexaMix", "GlorpNet", "HexaMix", "GlorpNet")
    rs = results_of(nlp, "We propose HexaMix. HexaMix beats the best prior model, GlorpNet (71.5% vs. 69.9%), on QuuxSet.",
                    title="HexaMix: Mixing")
    assert (rs[71.5].method, rs[69.9].method) == ("HexaMix", "GlorpNet")


def test_method_of_the_numbers_own_clause_and_the_instance_named_in_parentheses(nlp):
    rs = results_of(nlp, "Our study shows the graph-based GZ model (GlorpNet) reaches 0.61 and 0.55 mean rank, "
                         "while the tree-based QX family (HexaNet) reaches 0.42, 0.40, and 0.38 mean rank.")
    assert (rs[0.61].method, rs[0.55].method) == ("GlorpNet", "GlorpNet")
    assert (rs[0.42].method, rs[0.40].method, rs[0.38].method) == ("HexaNet", "HexaNet", "HexaNet")


def test_acronym_long_form_does_not_reach_back_over_other_words(nlp):
    ex = extract(paper("We propose a novel Folded Scale Mixing Network (FSMNet) for parsing."), nlp)
    assert ("Method", "Folded Scale Mixing Network", "FSMNet") in ex.aliases


@pytest.mark.parametrize("trained", [True, False])
def test_extraction_frees_each_doc_without_the_cyclic_collector(nlp, trained):
    # kg.build_graph pauses the cyclic garbage collector: extraction must leave no reference cycle
    import gc

    from spacy.tokens import Doc

    from kg.pipeline import make_nlp

    pipeline = nlp if trained else make_nlp(trained=False)
    papers = [paper(f"We propose ZorbNet-{i} (ZN), which beats ResNet-50 on ImageNet by 2.1% top-1 accuracy.",
                    title=f"ZorbNet-{i}: Fast Vision", pid=f"p{i}") for i in range(20)]
    gc.collect()
    gc.disable()
    try:
        extract(papers[0], pipeline)
        for _ in extract(papers, pipeline, batch_size=8):
            pass
        assert not [o for o in gc.get_objects() if isinstance(o, Doc)]
    finally:
        gc.enable()


@pytest.mark.parametrize("n_process", [1, 2])
def test_build_leaves_the_garbage_collector_as_it_found_it(nlp, n_process):
    import gc

    import kg

    papers = [paper(f"We propose ZorbNet-{i}, which beats ResNet-50 on ImageNet.", pid=f"p{i}") for i in range(12)]
    assert gc.isenabled()
    G = kg.build_graph(papers, nlp=nlp, n_process=n_process, batch_size=4)
    assert gc.isenabled() and gc.get_freeze_count() == 0 and "dataset:imagenet" in G
    gc.freeze()  # a caller that froze objects of its own, and paused the collector
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        assert kg.build_graph(papers, nlp=nlp, n_process=n_process, batch_size=4).number_of_nodes() == G.number_of_nodes()
        # the caller's frozen objects stay frozen and nothing is frozen on top (a frozen object that
        # is freed leaves the count, so it may only shrink by the few the build let go of)
        assert not gc.isenabled() and frozen - 100 < gc.get_freeze_count() <= frozen
    finally:
        gc.enable()
        gc.unfreeze()
