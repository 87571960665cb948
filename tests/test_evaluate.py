"""Tests of kg.evaluate: the scoring rules on tiny invented gold, and evaluate() on the shared files.

Every expected figure below is computed by hand in the comments next to it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from _common import SHARED, skip_unless_ci

from kg.errors import InputError
from kg.evaluate import (
    EvalReport,
    detect_kind,
    evaluate,
    format_report,
    gold_papers,
    is_named,
    normalise,
    parse_score,
    read_gold,
    score_entities,
    score_scirex_results,
    graph_form,
    score_graph,
    score_seed_results,
    score_sota,
    strings_agree,
    tdmsci_split,
    tune_check_split,
    values_agree,
)
from kg.model import Paper
from kg.schema import ENTITY_LABELS

EVAL = SHARED / "eval"


def ent(etype: str, text: str) -> dict:
    return {"type": etype, "text": text, "start": 0, "end": len(text)}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- strings and numbers


def test_normalise_keeps_letters_and_digits_lower_cased():
    assert normalise("ResNet-50") == normalise("resnet50") == "resnet50"
    assert normalise("COCO test-dev") == "cocotestdev"
    assert normalise("PASCAL_VOC_2012") == "pascalvoc2012"
    assert normalise("--") == "" and normalise(None) == ""


@pytest.mark.parametrize("s", ["ResNet-50", "SQuAD", "BiDAF", "CIFAR-10", "GPT-4", "ImageNet", "3D detection"])
def test_is_named_true(s):
    assert is_named(s)


@pytest.mark.parametrize("s", ["Transformer", "attention", "machine translation", "", None])
def test_is_named_false(s):
    assert not is_named(s)


def test_parse_score_forms():
    assert parse_score("71.8%") == (71.8, True)
    assert parse_score("82.3") == (82.3, False)
    assert parse_score("2.9m") == (2_900_000.0, False)
    assert parse_score("1,024") == (1024.0, False)
    assert parse_score("85,06") == (85.06, False)
    assert parse_score(16) == (16.0, False)
    assert parse_score("-") is None and parse_score("") is None and parse_score(None) is None


def test_values_agree_accepts_either_percentage_scaling():
    assert values_agree(76.5, 0.765) and values_agree(0.765, 76.5)
    assert values_agree(76.5, 76.5000000001)
    assert not values_agree(76.5, 76.6)
    # x100 only for a percentage or a fraction: "2x" is not "200 images"
    assert not values_agree(2.0, 200.0)
    assert values_agree(150.0, 1.5, percent=True)


def test_strings_agree_containment_and_null():
    assert strings_agree("COCO", "COCO test-dev") and strings_agree("COCO test-dev", "coco")
    assert strings_agree(None, None) and strings_agree(None, "--")  # "--" normalises to null
    assert not strings_agree("COCO", None) and not strings_agree(None, "COCO")
    assert not strings_agree("COCO", "ImageNet")


# ---------------------------------------------------------------------------- reading gold


def test_read_gold_skips_blank_lines(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a", "title": "T", "abstract": "x"}\n\n{"id": "b", "abstract": "y"}\n')
    assert [r["id"] for r in read_gold(p)] == ["a", "b"]


@pytest.mark.parametrize(
    "bad, reason",
    [('{"id": "b", "abstract": ', "broken JSON"), ('["not", "an", "object"]', "JSON object"),
     ('{"abstract": "no id"}', "'id'"), ('{"id": "a"}', "duplicate id"),
     ('{"id": "c", "entities": {}}', "not a list")],
)
def test_bad_gold_line_raises_input_error_with_path_and_line(tmp_path, bad, reason):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "abstract": "x"}\n\n' + bad + "\n")
    with pytest.raises(InputError) as info:
        read_gold(p)
    err = info.value
    assert err.path == str(p) and err.line == 3
    assert str(err).startswith(f"{p}:3: ") and reason in str(err)


def test_read_gold_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_gold(tmp_path / "nope.jsonl")
    assert info.value.path == str(tmp_path / "nope.jsonl")


def test_gold_papers_empty_title_gives_abstract_as_text():
    papers = gold_papers([{"id": "t1", "title": "", "abstract": "We parse."},
                          {"id": "s1", "title": "ViG", "abstract": "Fast."}])
    assert papers == [Paper(id="t1", title="", abstract="We parse."), Paper(id="s1", title="ViG", abstract="Fast.")]
    assert papers[0].text == "We parse." and papers[1].text == "ViG\n\nFast."


# ---------------------------------------------------------------------------- split


def test_tdmsci_split_is_deterministic_and_pinned():
    gold = [{"id": f"tdmsci-train-{i}"} for i in range(30)]
    train, dev = tdmsci_split(gold)
    # sha1-based: pinned, so it cannot change across runs, machines or Python versions
    assert [r["id"] for r in dev] == [f"tdmsci-train-{i}" for i in (4, 8, 20, 23, 27)]
    assert len(train) + len(dev) == 30 and not {r["id"] for r in train} & {r["id"] for r in dev}
    # the side of a record does not depend on the order or on the other records
    _, dev_rev = tdmsci_split(list(reversed(gold))[:10])
    assert {r["id"] for r in dev_rev} == {"tdmsci-train-20", "tdmsci-train-23", "tdmsci-train-27"}


def test_tdmsci_split_fraction():
    gold = [{"id": f"tdmsci-train-{i}"} for i in range(2000)]
    assert 340 < len(tdmsci_split(gold)[1]) < 460
    assert tdmsci_split(gold, 0.0)[1] == [] and tdmsci_split(gold, 1.0)[0] == []
    with pytest.raises(ValueError):
        tdmsci_split(gold, 1.5)


# ---------------------------------------------------------------------------- entities

ENT_GOLD = [
    {"id": "p1", "title": "", "abstract": "", "entities": [
        ent("Method", "ResNet-50"), ent("Method", "ResNet-50"), ent("Method", "attention"),
        ent("Dataset", "ImageNet"), ent("Task", "image classification")]},
    {"id": "p2", "title": "", "abstract": "", "entities": [
        ent("Dataset", "SQuAD"), ent("Dataset", "COCO"), ent("Metric", "F1"), ent("Method", "BiDAF"),
        ent("Task", "question answering")]},
    {"id": "p3", "title": "", "abstract": "", "entities": [ent("Method", "BERT")]},  # no prediction record
]
ENT_PRED = [
    {"id": "p1", "entities": [
        ent("Method", "resnet50"), ent("Method", "ResNet50"),  # one string after normalising: TP once
        ent("Method", "Transformer"),                          # FP, not named
        ent("Dataset", "ImageNet"), ent("Dataset", "CIFAR-10"),  # TP, FP (named)
        ent("Task", "classification")]},                       # FP, not named
    {"id": "p2", "entities": [
        ent("Dataset", "squad"),                # TP; named because the gold writes "SQuAD"
        ent("Metric", "F1"), ent("Method", "BiDAF"), ent("Method", "LSTM"),  # TP, TP, FP named
        ent("Task", "Question Answering")]},    # TP; NOT named: the gold writes it lower-case
    {"id": "p9", "entities": [ent("Method", "Ghost")]},  # not in gold: ignored
]


def prf(d):
    return d["tp"], d["pred"], d["gold"], d["precision"], d["recall"], d["f1"]


def test_score_entities_all_mentions():
    s = score_entities(ENT_GOLD, ENT_PRED)
    a = s["all"]
    # Method: gold {resnet50, attention} {bidaf} {bert} = 4; pred {resnet50, transformer} {bidaf, lstm} = 4; tp 2
    assert prf(a["Method"]) == (2, 4, 4, 0.5, 0.5, 0.5)
    # Dataset: gold {imagenet} {squad, coco} = 3; pred {imagenet, cifar10} {squad} = 3; tp 2
    assert prf(a["Dataset"])[:3] == (2, 3, 3) and a["Dataset"]["f1"] == pytest.approx(2 / 3)
    assert prf(a["Metric"]) == (1, 1, 1, 1.0, 1.0, 1.0)
    # Task: gold {imageclassification} {questionanswering}; pred {classification} {questionanswering}
    assert prf(a["Task"]) == (1, 2, 2, 0.5, 0.5, 0.5)
    assert prf(a["micro"]) == (6, 10, 10, 0.6, 0.6, 0.6)
    assert s["papers"] == 3 and s["papers_predicted"] == 2 and s["ignored_records"] == 1


def test_score_entities_named_mentions():
    n = score_entities(ENT_GOLD, ENT_PRED)["named"]
    # Method: gold {resnet50, bidaf, bert}; pred {resnet50, bidaf, lstm} (Transformer is not named)
    assert prf(n["Method"])[:3] == (2, 3, 3) and n["Method"]["f1"] == pytest.approx(2 / 3)
    # Dataset: gold {imagenet, squad, coco}; pred {imagenet, cifar10, squad}: "squad" is named by the gold
    assert prf(n["Dataset"])[:3] == (2, 3, 3)
    assert prf(n["Metric"]) == (1, 1, 1, 1.0, 1.0, 1.0)
    # Task: no named gold; "Question Answering" is named as written but the gold decides: not named
    assert prf(n["Task"]) == (0, 0, 0, None, None, None)
    assert n["micro"]["tp"] == 5 and n["micro"]["f1"] == pytest.approx(5 / 7)


def test_score_entities_types_argument_and_empty_prediction():
    s = score_entities(ENT_GOLD, [], types=("Dataset",))
    assert set(s["all"]) == {"Dataset", "micro"}
    assert prf(s["all"]["Dataset"]) == (0, 0, 3, None, 0.0, 0.0)


def test_score_entities_accepts_extraction_objects():
    from kg.model import Entity, Extraction

    x = Extraction(paper=Paper("p3", "", ""), entities=(Entity("Method", "BERT", "BERT", 0, 4),))
    assert score_entities(ENT_GOLD[2:], [x])["all"]["Method"]["f1"] == 1.0


# ---------------------------------------------------------------------------- SciREX results

SCIREX_GOLD = [
    {"id": "p1", "cluster_aliases": {"COCO": ["MS COCO", "COCO dataset"]}, "entities": [], "results": [
        {"dataset": "COCO", "score": "41.2%", "in_abstract": True},             # 0.412 + "COCO test-dev": found
        {"dataset": "COCO", "score": "55.0", "in_abstract": False},             # not counted
        {"dataset": "PASCAL_VOC_2012", "score": "80.1", "in_abstract": True},   # "PASCAL VOC" inside: found
        {"dataset": "Cityscapes", "score": "71.8%", "in_abstract": True},       # value right, dataset wrong
        {"dataset": "COCO", "score": "-", "in_abstract": True},                 # unparsed: stays missed
    ]},
    {"id": "p2", "cluster_aliases": {"MS_COCO": ["Microsoft COCO"]}, "entities": [], "results": [
        {"dataset": "MS_COCO", "score": "12.5", "in_abstract": True},           # value right, dataset null
    ]},
]
SCIREX_PRED = [
    {"id": "p1", "results": [
        {"value": 0.412, "unit": None, "dataset": "COCO test-dev"},
        {"value": 80.1, "unit": "%", "dataset": "PASCAL VOC"},
        {"value": 71.8, "unit": "%", "dataset": "ImageNet"}]},
    {"id": "p2", "results": [{"value": 12.5, "unit": None, "dataset": None},
                             {"value": 41.2, "unit": "%", "dataset": "COCO"}]},  # p1's number: no help
]


def test_score_scirex_results():
    s = score_scirex_results(SCIREX_GOLD, SCIREX_PRED)
    assert (s["in_abstract"], s["found"], s["value_found"], s["unparsed"]) == (5, 2, 4, 1)
    assert s["recall"] == pytest.approx(0.4) and s["value_recall"] == pytest.approx(0.8)
    assert s["gold_results"] == 6 and s["predicted_results"] == 5


def test_score_scirex_results_alias_and_containment_both_ways():
    gold = [{"id": "p", "cluster_aliases": {"WMT16_Ro-En": ["Romanian-English WMT 16"]},
             "results": [{"dataset": "WMT16_Ro-En", "score": "22.5", "in_abstract": True}]}]
    # the alias contains the predicted "WMT 16"
    assert score_scirex_results(gold, [{"id": "p", "results": [{"value": 22.5, "dataset": "WMT 16"}]}])["found"] == 1
    # the predicted string contains the alias
    pred = [{"id": "p", "results": [{"value": 22.5, "dataset": "the Romanian-English WMT 16 test set"}]}]
    assert score_scirex_results(gold, pred)["found"] == 1
    assert score_scirex_results(gold, [{"id": "p", "results": [{"value": 22.5, "dataset": "IWSLT"}]}])["found"] == 0


# ---------------------------------------------------------------------------- seed results

SEED_GOLD = [
    {"id": "p1", "title": "ViG", "abstract": "", "results": [
        {"method": "ViG", "dataset": "ImageNet", "metric": "top-1 accuracy", "value": 76.5, "unit": "%",
         "kind": "score", "evidence": "..."},                                                       # g1
        {"method": "ViG", "dataset": None, "metric": "throughput", "value": 2.0, "unit": "x",
         "kind": "delta", "evidence": "..."},                                                       # g2
        {"method": None, "dataset": None, "metric": "images", "value": 1.3e6, "unit": None,
         "kind": "other", "evidence": "..."},                                                       # g3
        {"method": "ViG", "dataset": "COCO test-dev", "metric": "AP", "value": 41.0, "unit": None,
         "kind": "score", "evidence": "..."},                                                       # g4
    ]},
    {"id": "p2", "title": "", "abstract": "", "results": [
        {"method": "X", "dataset": "GLUE", "metric": "average score", "value": 88.1, "unit": "%",
         "kind": "score", "evidence": "..."},                                                       # g5
        {"method": "BERT", "dataset": "GLUE", "metric": "average score", "value": 88.1, "unit": "%",
         "kind": "score", "evidence": "..."},                                                       # g6
    ]},
]
SEED_PRED = [
    {"id": "p1", "results": [
        # q1 -> g1 by scaling; all four right (containment both ways) -> strict
        {"method": "ViG-S", "dataset": "ImageNet-1K", "metric": "accuracy", "value": 0.765, "unit": None,
         "kind": "score"},
        # q2 -> g2: the measure scales either side by 100 whatever the unit, so 200 agrees with "2x";
        # dataset null = null right, metric, method and kind wrong
        {"method": None, "dataset": None, "metric": None, "value": 200.0, "unit": None, "kind": "other"},
        # q3 -> g4: canonical "COCO" inside "COCO test-dev" -> strict
        {"method": "ViG", "dataset": "COCO", "metric": "AP", "value": 41.0, "unit": None, "kind": "score"},
        # q4 -> g3: method null=null, dataset null=null, metric null vs "images" wrong, kind wrong
        {"method": None, "dataset": None, "metric": None, "value": 1300000.0, "unit": None, "kind": "score"},
    ]},
    {"id": "p2", "results": [
        # q5 -> g5 (the first gold of that value): dataset null vs GLUE wrong, method BERT vs X wrong;
        # g6 then finds no unused prediction
        {"method": "BERT", "dataset": None, "metric": "average score", "value": 88.1, "unit": "%",
         "kind": "score"},
    ]},
]


def test_score_seed_results():
    s = score_seed_results(SEED_GOLD, SEED_PRED)
    # every prediction's value is some gold value of its paper: precision 5/5; g6 is left unpaired
    assert (s["papers"], s["gold"], s["predicted"], s["value_hits"], s["matched"]) == (2, 6, 5, 5, 5)
    assert s["value_precision"] == 1.0 and s["value_recall"] == pytest.approx(5 / 6)
    assert s["value_f1"] == pytest.approx(2 * (5 / 6) / (1 + 5 / 6))
    # pairs g1-q1, g2-q2, g3-q4, g4-q3, g5-q5
    assert s["right_counts"] == {"dataset": 4, "metric": 3, "method": 3, "kind": 3}
    assert s["dataset_right"] == 0.8 and s["metric_right"] == 0.6 and s["method_right"] == 0.6
    assert s["kind_right"] == 0.6
    # score gold: g1, g4, g5, g6; found: g1, g4, g5; strict: g1, g4 (g5's dataset is wrong)
    assert (s["score_gold"], s["score_found"], s["strict_score_found"]) == (4, 3, 2)
    assert s["score_recall"] == 0.75 and s["strict_score_recall"] == 0.5


def test_score_seed_results_precision_counts_every_agreeing_prediction_recall_pairs_once():
    gold = [{"id": "p", "results": [{"value": 5.0, "kind": "score", "method": None, "dataset": None,
                                     "metric": None}]}]
    pred = [{"id": "p", "results": [{"value": 5.0, "kind": "score"}] * 3 + [{"value": 6.0, "kind": "score"}]}]
    s = score_seed_results(gold, pred)
    assert (s["value_hits"], s["matched"], s["value_precision"], s["value_recall"]) == (3, 1, 0.75, 1.0)


def test_score_seed_results_pairs_the_prediction_whose_dataset_agrees_else_the_last():
    gold = [{"id": "p", "results": [{"value": 41.0, "kind": "score", "method": None, "dataset": "COCO",
                                     "metric": None}]}]
    preds = [{"value": 41.0, "kind": "score", "dataset": d} for d in ("ImageNet", "COCO test-dev", None)]
    assert score_seed_results(gold, [{"id": "p", "results": preds}])["dataset_right"] == 1.0
    # none agrees: the last one of that value is paired, and its kind decides
    preds = [{"value": 41.0, "kind": "score", "dataset": "ImageNet"}, {"value": 41.0, "kind": "delta"}]
    s = score_seed_results(gold, [{"id": "p", "results": preds}])
    assert (s["dataset_right"], s["kind_right"]) == (0.0, 0.0)


def test_score_seed_results_value_tolerance():
    gold = [{"id": "p", "results": [{"value": 76.5, "kind": "score", "method": None, "dataset": None,
                                     "metric": None}]}]

    def agrees(v) -> bool:
        return score_seed_results(gold, [{"id": "p", "results": [{"value": v}]}])["matched"] == 1

    # within 1e-6 + 1e-4 x 76.5 = 0.007651, also after x100 or /100; a value written as text is read
    assert agrees(76.507) and agrees(0.76507) and agrees("76.5%") and agrees("76,5") is False
    assert not agrees(76.51) and not agrees(None) and not agrees("n/a")


def test_score_seed_results_over_more_papers_than_the_gold():
    pred = SEED_PRED + [{"id": "p3", "results": [{"value": 8.0, "kind": "score"}, {"value": 4.0, "kind": "other"}]},
                        {"id": "p4", "results": [{"value": 1.0}]}]
    s = score_seed_results(SEED_GOLD, pred, papers=["p1", "p2", "p3"])
    # p3 has no gold result: its two predictions are false; p4 is not among the papers: ignored
    assert (s["papers"], s["predicted"], s["value_hits"], s["ignored_records"]) == (3, 7, 5, 1)
    assert s["value_precision"] == pytest.approx(5 / 7) and s["value_recall"] == pytest.approx(5 / 6)
    # a gold paper left out of the papers is not scored at all
    s = score_seed_results(SEED_GOLD, SEED_PRED, papers=["p2"])
    assert (s["gold"], s["predicted"], s["matched"], s["ignored_records"]) == (2, 1, 1, 1)


def test_score_seed_results_nothing_predicted():
    s = score_seed_results(SEED_GOLD, [])
    assert s["value_precision"] is None and s["value_recall"] == 0.0 and s["strict_score_recall"] == 0.0
    assert s["dataset_right"] is None and s["value_f1"] == 0.0


# ---------------------------------------------------------------------------- graph gold


def gent(etype: str, *names: str) -> dict:
    return {"type": etype, "names": list(names)}


def pent(etype: str, text: str, name: str | None = None) -> dict:
    return {"type": etype, "text": text, "name": name or text, "start": 0, "end": len(text)}


def triple(s_type: str, s: str, pred: str, o_type: str, o: str) -> dict:
    return {"subject": {"type": s_type, "name": s}, "predicate": pred, "object": {"type": o_type, "name": o}}


GRAPH_GOLD = [
    {"id": "p1", "title": "", "abstract": "", "entities": [
        gent("Method", "Vision GNN", "ViG"), gent("Method", "DeiT"), gent("Method", "C++ Net"),
        gent("Dataset", "ImageNet-1K"), gent("Dataset", "COCO"), gent("Metric", "top-1 accuracy"),
        gent("Task", "image classification")],
     "proposes": ["ViG"],
     "relations": [{"type": "OUTPERFORMS", "subject": "ViG", "object": "DeiT"},
                   {"type": "EVALUATED_ON", "subject": "Vision GNN", "object": "ImageNet-1K"},
                   {"type": "EVALUATED_ON", "subject": "ViG", "object": "COCO"},
                   {"type": "BASED_ON", "subject": "ViG", "object": "C++ Net"}]},
    {"id": "p2", "title": "", "abstract": "", "entities": [gent("Method", "BERT")], "proposes": [], "relations": []},
]
GRAPH_PRED = [
    {"id": "p1", "entities": [
        pent("Method", "ViG"), pent("Method", "Vision GNNs", "Vision GNN"),  # two groups, both right: 2/2
        pent("Method", "ViG"),                                               # the same group again
        pent("Method", "CplusplusNet"),                                      # "+" reads as "plus": right
        pent("Method", "ImageNet-1K"),                                       # wrong type
        pent("Method", "backbone"),                                          # wrong
        pent("Dataset", "ImageNet-1k", "ImageNet-1K"), pent("Dataset", "ImageNet-1K"),  # one group (one name)
        pent("Metric", "top-1 accuracy"), pent("Task", "classification"),    # right, wrong
        pent("Repository", "github.com/x/y")],                               # not a graph type: ignored
     "triples": [
        triple("Paper", "p1", "PROPOSES", "Method", "ViG"),          # right
        triple("Paper", "p1", "PROPOSES", "Method", "backbone"),     # wrong
        triple("Method", "ViG", "OUTPERFORMS", "Method", "DeiT"),    # right (DeiT is no predicted entity)
        triple("Method", "Vision GNN", "EVALUATED_ON", "Dataset", "ImageNet-1K"),  # right
        triple("Method", "ViG", "EVALUATED_ON", "Dataset", "ImageNet-1k"),  # right, the same gold relation
        triple("Method", "ViG", "EVALUATED_ON", "Dataset", "ImageNet-1k"),  # a repeat: counts once
        triple("Method", "ViG", "BASED_ON", "Method", "DeiT"),       # wrong
        triple("Method", "ViG", "USES", "Method", "DeiT")]},         # not a scored relation
    {"id": "p9", "entities": [pent("Method", "BERT")]},               # not in the gold: ignored
]


def graph_figures(d: dict) -> tuple:
    return d["correct"], d["pred"], d["found"], d["gold"]


def test_score_graph_entities():
    s = score_graph(GRAPH_GOLD, GRAPH_PRED)
    assert s["papers"] == 2 and s["ignored_records"] == 1
    # Method groups: ViG, Vision GNN, CplusplusNet, ImageNet-1K, backbone -> 3 right of 5;
    # gold p1: Vision GNN/ViG found, DeiT not, C++ Net found; p2: BERT not -> 2 of 4
    assert graph_figures(s["Method"]) == (3, 5, 2, 4) and s["Method"]["wrong_type"] == 1
    assert s["Method"]["precision"] == 0.6 and s["Method"]["recall"] == 0.5
    assert s["Method"]["f1"] == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    assert graph_figures(s["Dataset"]) == (1, 1, 1, 2) and s["Dataset"]["wrong_type"] == 0
    assert graph_figures(s["Metric"]) == (1, 1, 1, 1)
    assert graph_figures(s["Task"]) == (0, 1, 0, 1) and s["Task"]["f1"] == 0.0
    assert graph_figures(s["entities"]) == (5, 8, 4, 8)


def test_score_graph_proposes_and_relations():
    s = score_graph(GRAPH_GOLD, GRAPH_PRED)
    assert graph_figures(s["PROPOSES"]) == (1, 2, 1, 1)
    assert graph_figures(s["OUTPERFORMS"]) == (1, 1, 1, 1)
    # predicted, by forms: {visiongnns, visiongnn} -> {imagenet1k} and {vig} -> {imagenet1k} (the repeat
    # has the same forms): both are the gold's Vision GNN/ViG -> ImageNet-1K; ViG -> COCO is not found
    assert graph_figures(s["EVALUATED_ON"]) == (2, 2, 1, 2)
    assert graph_figures(s["BASED_ON"]) == (0, 1, 0, 1)
    assert s["BASED_ON"]["precision"] == 0.0 and s["BASED_ON"]["recall"] == 0.0


def test_score_graph_missing_paper_and_empty():
    s = score_graph(GRAPH_GOLD, [])
    assert graph_figures(s["Method"]) == (0, 0, 0, 4) and s["Method"]["precision"] == 0.0
    assert s["PROPOSES"]["recall"] == 0.0 and s["EVALUATED_ON"]["gold"] == 2


def test_graph_form():
    assert graph_form("C++") == "cplusplus" and graph_form("ResNet-50") == "resnet50"
    assert graph_form("Ünïcode") == "ncode" and graph_form(None) == ""  # ASCII letters only, as the gold


# ---------------------------------------------------------------------------- SOTA? tuples

SOTA_GOLD = [
    {"id": "s1", "title": "T", "abstract": "We reach 34.8 BLEU on WMT 2014 English-French and 76.5% on ImageNet.",
     "tuples": [
         {"dataset": "WMT2014 English-French", "metric": "BLEU score", "value": 34.8, "in_abstract": True},  # t1
         {"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 76.5, "in_abstract": True},           # t2
         {"dataset": "ImageNet", "metric": "Top 5 Accuracy", "value": 93.1, "in_abstract": False},          # no
         {"dataset": "COCO test-dev", "metric": "box AP", "value": 41.0, "in_abstract": True}]},            # t3
    {"id": "s2", "title": "U", "abstract": "x", "tuples": [
        {"dataset": "SQuAD1.1 dev", "metric": "EM", "value": None, "in_abstract": True}]},                  # t4
    {"id": "s3", "title": "V", "abstract": "y", "tuples": [
        {"dataset": "CIFAR-10", "metric": "Accuracy", "value": 9.0, "in_abstract": False}]},  # no paper
]
SOTA_PRED = [
    {"id": "s1", "results": [
        {"value": 34.8, "dataset": "WMT 2014 English-French", "metric": "BLEU", "kind": "score"},  # t1 all
        {"value": 0.765, "dataset": "ImageNet-1K", "metric": "error rate", "kind": "score"},      # t2 value+ds
        {"value": -41.0, "dataset": None, "metric": "AP", "kind": "delta"},                       # t3 value only
        {"value": 12.0, "dataset": "COCO", "metric": "AP", "kind": "score"}]},                    # no gold value
    {"id": "s3", "results": [{"value": 9.0, "kind": "score"}]},  # a paper without in-abstract tuples
]


def test_score_sota():
    s = score_sota(SOTA_GOLD, SOTA_PRED)
    assert (s["papers"], s["papers_without_prediction"], s["gold_tuples_in_abstract"]) == (2, 1, 4)
    assert (s["found_value"], s["found_dataset"], s["found_dataset_metric"]) == (3, 2, 1)
    assert (s["recall_value"], s["recall_dataset"], s["recall_dataset_metric"]) == (0.75, 0.5, 0.25)
    # predictions of the papers with in-abstract tuples: 4, of kind score 3, of a gold value 2
    assert (s["predicted_results"], s["predicted_score_results"], s["predicted_score_matching_gold"]) == (4, 3, 2)
    assert s["precision_proxy_lower_bound"] == pytest.approx(2 / 3)
    # "wmt2014englishfrench" and "imagenet" occur in the normalised abstract; the others do not
    assert s["gold_dataset_in_abstract"] == 0.5


def test_score_sota_nothing():
    s = score_sota(SOTA_GOLD, [])
    assert s["recall_value"] == 0.0 and s["precision_proxy_lower_bound"] == 0.0
    assert s["papers_without_prediction"] == 2


# ---------------------------------------------------------------------------- evaluate() on fixtures


def test_detect_kind():
    assert detect_kind(SCIREX_GOLD) == "scirex"
    assert detect_kind(SEED_GOLD) == "seed"
    assert detect_kind([{"id": "tdmsci-train-1", "entities": [], "results": []}]) == "tdmsci"
    assert detect_kind(ENT_GOLD) == "tdmsci"  # no results at all
    assert detect_kind(GRAPH_GOLD) == "graph"
    assert detect_kind([{"id": "g", "entities": [gent("Task", "parsing")]}]) == "graph"  # names, no relations
    assert detect_kind(SOTA_GOLD) == "sota"
    with pytest.raises(ValueError):
        detect_kind([{"id": "x", "results": [{"score": "1"}]}])


def test_evaluate_seed_fixture_and_format(tmp_path):
    path = write_jsonl(tmp_path / "seed.jsonl", SEED_GOLD)
    seen = []

    def extract_fn(papers):
        seen.extend(papers)
        return SEED_PRED

    r = evaluate(path, extract_fn)
    assert [p.id for p in seen] == ["p1", "p2"] and all(isinstance(p, Paper) for p in seen)
    assert (r.kind, r.split, r.half, r.papers, r.records) == ("seed", "all", None, 2, 2)
    assert r.entities is None and r.scirex_results is None and r.graph is None and r.sota_results is None
    assert r.seed_results["strict_score_recall"] == 0.5
    text = format_report(r)
    assert "value P 1.000 (5/5)  R 0.833 (5/6)" in text
    assert "score recall 0.750 (3/4)  strict score recall 0.500 (2/4)" in text
    with pytest.raises(ValueError):
        evaluate(path, extract_fn, split="dev")


def test_evaluate_graph_fixture_and_format(tmp_path):
    path = write_jsonl(tmp_path / "graph.jsonl", GRAPH_GOLD)
    r = evaluate(path, lambda papers: GRAPH_PRED)
    assert (r.kind, r.papers, r.entities, r.types) == ("graph", 2, None, ())
    assert r.graph == score_graph(GRAPH_GOLD, GRAPH_PRED)
    assert any("1 predicted records have an id not in the gold" in n for n in r.notes)
    lines = format_report(r).splitlines()
    assert lines[0] == "graph.jsonl: graph, split all, 2 papers, 2 records"  # (p9 included)
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if not line.startswith("note")}
    assert rows["Method"] == ["0.600", "0.500", "0.545", "5", "4", "1"]  # P R F1 pred gold wrong-type
    assert rows["Task"] == ["0.000", "0.000", "0.000", "1", "1", "0"]
    assert rows["EVALUATED_ON"] == ["1.000", "0.500", "0.667", "2", "2"]
    assert list(rows) == ["Method", "Dataset", "Task", "Metric", "entities", "PROPOSES", "OUTPERFORMS",
                          "EVALUATED_ON", "BASED_ON"]


def test_evaluate_sota_fixture_and_format(tmp_path):
    path = write_jsonl(tmp_path / "sota.jsonl", SOTA_GOLD)
    r = evaluate(path, lambda papers: SOTA_PRED)
    assert (r.kind, r.papers) == ("sota", 3) and r.sota_results == score_sota(SOTA_GOLD, SOTA_PRED)
    text = format_report(r)
    assert "4 in 2 papers (1 without a prediction)" in text
    assert "recall value 0.750 (3/4)  value+dataset 0.500 (2/4)  value+dataset+metric 0.250 (1/4)" in text
    assert "precision proxy (a lower bound; kind score) 0.667 (2/3; 4 predicted results of all kinds)" in text


def test_tune_check_split_is_pinned_and_halves():
    tune, check = tune_check_split([{"id": f"seed-{i}"} for i in range(12)])
    # sha1-based: pinned, so it cannot change across runs, machines or Python versions
    assert [r["id"] for r in tune] == ["seed-1", "seed-4", "seed-6", "seed-9"]
    assert len(check) == 8 and not {r["id"] for r in tune} & {r["id"] for r in check}
    # a record's half does not depend on the order or on the other records
    assert [r["id"] for r in tune_check_split([{"id": "seed-9"}, {"id": "seed-0"}])[0]] == ["seed-9"]
    many = [{"id": f"x{i}"} for i in range(4000)]
    assert 1900 < len(tune_check_split(many)[0]) < 2100


def test_evaluate_half_scores_one_half(tmp_path):
    gold = [{"id": f"seed-{i}", "title": f"T{i}", "abstract": "", "results": [
        {"value": float(i), "kind": "score", "method": None, "dataset": None, "metric": None, "unit": None}]}
        for i in range(12)]
    path = write_jsonl(tmp_path / "seed.jsonl", gold)
    seen = []

    def extract_fn(papers):
        seen.append([p.id for p in papers])
        return [{"id": p.id, "results": [{"value": float(p.id[5:]), "kind": "score"}]} for p in papers]

    tune = evaluate(path, extract_fn, half="tune")
    check = evaluate(path, extract_fn, half="check")
    assert seen[0] == ["seed-1", "seed-4", "seed-6", "seed-9"]
    assert sorted(seen[0] + seen[1]) == sorted(g["id"] for g in gold)
    assert (tune.half, tune.papers, tune.seed_results["gold"], check.seed_results["gold"]) == ("tune", 4, 4, 8)
    assert tune.seed_results["value_recall"] == 1.0 == check.seed_results["value_precision"]
    assert any("tune half only (4 of 12 records" in n for n in tune.notes)
    assert format_report(check).splitlines()[0] == "seed.jsonl: seed, split all, check half, 8 papers, 8 records"
    with pytest.raises(ValueError):
        evaluate(path, extract_fn, half="dev")


def test_evaluate_seed_with_a_corpus(tmp_path):
    path = write_jsonl(tmp_path / "seed.jsonl", SEED_GOLD)
    corpus = [Paper("hf-1", "vig", "a corpus copy of p1"),  # the title of p1 (case and punctuation aside)
              Paper("hf-3", "Other", "no results"), Paper("hf-3", "Other", "a repeat"),
              Paper("hf-4", "More", "no results either")]
    seen = []

    def extract_fn(papers):
        seen.extend(papers)
        return SEED_PRED + [{"id": "hf-3", "results": [{"value": 8.0, "kind": "score"}]},
                            {"id": "hf-4", "results": [{"value": 76.5, "kind": "score"}]}]

    r = evaluate(path, extract_fn, corpus=corpus)
    # p1 is extracted from the gold's text, not the corpus copy; hf-3 once
    assert [(p.id, p.abstract) for p in seen] == [("p1", ""), ("p2", ""), ("hf-3", "no results"),
                                                  ("hf-4", "no results either")]
    d = r.seed_results
    assert (r.papers, d["papers"], d["predicted"], d["value_hits"], d["matched"]) == (4, 4, 7, 5, 5)
    assert any("2 corpus papers without gold results" in n for n in r.notes)
    with pytest.raises(InputError, match="seed results files only"):
        evaluate(write_jsonl(tmp_path / "graph.jsonl", GRAPH_GOLD), extract_fn, corpus=corpus)


def test_evaluate_tdmsci_scores_dev_split_by_default(tmp_path):
    gold = [{"id": f"tdmsci-train-{i}", "title": "", "abstract": "BLEU.", "entities": [ent("Metric", "BLEU")],
             "results": []} for i in range(30)]
    path = write_jsonl(tmp_path / "tdmsci.jsonl", gold)
    r = evaluate(path, lambda papers: [{"id": p.id, "entities": [ent("Metric", "bleu")]} for p in papers])
    assert (r.kind, r.split, r.papers, r.types) == ("tdmsci", "dev", 5, ("Metric",))
    assert any("dev split" in n for n in r.notes)
    assert r.entities["all"]["Metric"]["f1"] == 1.0 and r.entities["named"]["Metric"]["f1"] == 1.0
    assert evaluate(path, lambda papers: [], split="all").papers == 30


def test_format_report_entities_table():
    ent_scores = score_entities(ENT_GOLD, ENT_PRED)
    r = EvalReport(path="x/gold.jsonl", kind="tdmsci", split="all", papers=3, records=3,
                   types=ENTITY_LABELS, entities=ent_scores)
    lines = format_report(r).splitlines()
    assert lines[0].startswith("gold.jsonl: tdmsci")
    assert "all" in lines[1] and "named" in lines[1]
    method = next(line for line in lines if line.startswith("Method"))
    assert method.split() == ["Method", "0.500", "0.500", "0.500", "4", "|", "0.667", "0.667", "0.667", "3"]
    task = next(line for line in lines if line.startswith("Task"))
    assert task.split()[-4:] == ["-", "-", "-", "0"]


# ---------------------------------------------------------------------------- evaluate() on the shared files


def echo_gold(path: Path):
    """An extract_fn that returns the gold back: entities as given, results in the predicted shape;
    graph gold as entities (every name a mention of the first) and triples; SOTA? tuples as results."""
    by_id = {g["id"]: g for g in read_gold(path)}

    def graph_echo(g: dict) -> tuple[list, list]:
        entities, node = [], {}
        for e in g.get("entities") or []:
            for n in e["names"]:
                entities.append({"type": e["type"], "text": n, "name": e["names"][0]})
                node.setdefault(n, {"type": e["type"], "name": e["names"][0]})
        triples = [{"subject": {"type": "Paper", "name": g["id"]}, "predicate": "PROPOSES", "object": node[n]}
                   for n in g.get("proposes") or []]
        triples += [{"subject": node[r["subject"]], "predicate": r["type"], "object": node[r["object"]]}
                    for r in g.get("relations") or []]
        return entities, triples

    def extract_fn(papers):
        for p in papers:
            g = by_id[p.id]
            results = []
            for r in g.get("results") or []:
                if "score" in r:  # SciREX: predict the parsed number and the dataset name
                    parsed = parse_score(r["score"])
                    if parsed:
                        results.append({"value": parsed[0], "unit": "%" if parsed[1] else None,
                                        "dataset": r["dataset"], "kind": "score"})
                else:
                    results.append(dict(r))
            results += [{"value": t["value"], "dataset": t["dataset"], "metric": t["metric"], "kind": "score"}
                        for t in g.get("tuples") or [] if t.get("in_abstract")]
            if "proposes" in g or "relations" in g:
                entities, triples = graph_echo(g)
            else:
                entities, triples = [dict(e) for e in g.get("entities") or []], []
            yield {"id": p.id, "title": p.title, "entities": entities, "results": results, "triples": triples}

    return extract_fn


KINDS_OF = {"scirex_dev.jsonl": "scirex", "tdmsci_train.jsonl": "tdmsci", "seed_results_dev.jsonl": "seed",
            "graph_gold_dev.jsonl": "graph", "graph_gold_train.jsonl": "graph", "sota_results_train.jsonl": "sota"}
REAL_FILES = list(KINDS_OF)


def real(name: str) -> Path:
    """A shared gold file, or a skip that says why (a failure under CI, which provides ../shared)."""
    path = EVAL / name
    if not path.is_file():
        skip_unless_ci(f"shared gold file absent: {path}")
    return path


@pytest.mark.shared
@pytest.mark.parametrize("name", REAL_FILES)
def test_echo_of_real_gold_scores_one(name):
    path = real(name)
    r = evaluate(path, echo_gold(path))
    assert r.kind == KINDS_OF[name]
    if r.entities is not None:
        for scope in ("all", "named"):
            for t in (*r.types, "micro"):
                d = r.entities[scope][t]
                assert d["gold"] > 0 and d["f1"] == 1.0, (scope, t, d)
    if r.kind == "scirex":
        assert r.types == ENTITY_LABELS
        assert r.scirex_results["in_abstract"] > 0 and r.scirex_results["recall"] == 1.0
    if r.kind == "tdmsci":
        assert r.split == "dev" and 0 < r.papers < 1523 and "Method" not in r.types
    if r.kind == "seed":
        s = r.seed_results
        assert r.entities is None
        assert s["value_precision"] == s["value_recall"] == s["strict_score_recall"] == 1.0
        assert s["dataset_right"] == s["metric_right"] == s["method_right"] == s["kind_right"] == 1.0
    if r.kind == "graph":
        for k in ("Method", "Dataset", "Task", "Metric", "entities", "PROPOSES", "OUTPERFORMS", "EVALUATED_ON",
                  "BASED_ON"):
            d = r.graph[k]
            assert d["gold"] > 0 and d["precision"] == d["recall"] == 1.0, (k, d)
        assert all(r.graph[t]["wrong_type"] == 0 for t in ("Method", "Dataset", "Task", "Metric"))
    if r.kind == "sota":
        s = r.sota_results
        assert s["gold_tuples_in_abstract"] > 1000 and s["papers"] == r.papers
        assert s["recall_value"] == s["recall_dataset"] == s["recall_dataset_metric"] == 1.0
        assert s["precision_proxy_lower_bound"] == 1.0
    assert format_report(r)


@pytest.mark.shared
@pytest.mark.parametrize("name", REAL_FILES)
def test_empty_extractor_on_real_gold_scores_zero_recall(name):
    r = evaluate(real(name), lambda papers: [])
    if r.entities is not None:
        assert r.entities["all"]["micro"]["recall"] == 0.0 and r.entities["named"]["micro"]["recall"] == 0.0
        assert r.entities["all"]["micro"]["precision"] is None
    if r.scirex_results is not None:
        assert r.scirex_results["recall"] == 0.0
    if r.seed_results is not None:
        assert r.seed_results["value_recall"] == 0.0 and r.seed_results["strict_score_recall"] == 0.0
    if r.graph is not None:
        assert r.graph["entities"]["recall"] == 0.0 and r.graph["PROPOSES"]["pred"] == 0
    if r.sota_results is not None:
        assert r.sota_results["recall_value"] == 0.0 and r.sota_results["papers_without_prediction"] > 0
    assert format_report(r)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["seed_results_dev.jsonl", "graph_gold_dev.jsonl"])
def test_halves_of_real_gold_partition_it(name):
    path = real(name)
    gold = read_gold(path)
    tune, check = (evaluate(path, echo_gold(path), half=h) for h in ("tune", "check"))
    assert tune.papers + check.papers == len(gold) and tune.papers > len(gold) // 3 < check.papers


# ---------------------------------------------------------------------------- the reference scorers


def reference(script: str, *args) -> dict:
    """What a reference scorer of ../shared/tools prints with --json."""
    tool = SHARED / "tools" / script
    if not tool.is_file():
        skip_unless_ci(f"reference scorer absent: {tool}")
    done = subprocess.run([sys.executable, str(tool), *map(str, args), "--json"], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def kg(*args, capsys) -> dict:
    """Run the kg command in this process (as ``kg`` does) and return what it printed, as JSON when it is."""
    from kg.cli import main

    capsys.readouterr()
    assert main([str(a) for a in args]) == 0
    out = capsys.readouterr().out
    return json.loads(out) if out.lstrip().startswith("{") else out


def differences(ours: dict, theirs: dict, pairs) -> list[str]:
    """The figures where kg eval and a reference scorer disagree; ``pairs``: (our dotted key, their key
    path, decimals the reference rounds to or None for a count)."""
    wrong = []
    for our_key, their_key, digits in pairs:
        a, b = ours, theirs
        for k in our_key.split("."):
            a = a[k]
        for k in their_key:
            b = b[k]
        if digits is not None and a is not None:
            a = round(a, digits)
        if a != b:
            wrong.append(f"{our_key}: kg eval {a!r}, reference {b!r}")
    return wrong


def graph_pairs() -> list[tuple]:
    pairs = [("graph.papers", ("papers",), None)]
    for k in ("Method", "Dataset", "Task", "Metric", "entities", "PROPOSES", "OUTPERFORMS", "EVALUATED_ON", "BASED_ON"):
        pairs += [(f"graph.{k}.precision", (k, "p"), 3), (f"graph.{k}.recall", (k, "r"), 3),
                  (f"graph.{k}.f1", (k, "f1"), 3), (f"graph.{k}.pred", (k, "pred"), None),
                  (f"graph.{k}.gold", (k, "gold"), None)]
        if k in ("Method", "Dataset", "Task", "Metric"):
            pairs.append((f"graph.{k}.wrong_type", (k, "wrong_type"), None))
    return pairs


SOTA_COUNTS = ("papers", "papers_without_prediction", "gold_tuples_in_abstract", "found_value", "found_dataset",
               "found_dataset_metric", "predicted_results", "predicted_score_results", "predicted_score_matching_gold")
SOTA_SHARES = ("recall_value", "recall_dataset", "recall_dataset_metric", "precision_proxy_lower_bound",
               "gold_dataset_in_abstract")
SOTA_PAIRS = [(f"sota_results.{k}", (k,), None) for k in SOTA_COUNTS] + [
    (f"sota_results.{k}", (k,), 4) for k in SOTA_SHARES]
SEED_PAIRS = [("seed_results.papers", ("papers",), None), ("seed_results.gold", ("gold",), None),
              ("seed_results.predicted", ("pred",), None), ("seed_results.value_precision", ("value.p",), 3),
              ("seed_results.value_recall", ("value.r",), 3), ("seed_results.value_f1", ("value.f1",), 3),
              ("seed_results.score_recall", ("score.recall",), 3),
              ("seed_results.strict_score_recall", ("score.strict_recall",), 3)] + [
    (f"seed_results.{k}_right", (f"bind.{k}",), 3) for k in ("dataset", "metric", "method", "kind")]


@pytest.mark.shared
@pytest.mark.parametrize("name, script, pairs", [
    ("graph_gold_dev.jsonl", "score_graph.py", graph_pairs()),
    ("graph_gold_train.jsonl", "score_graph.py", graph_pairs()),
    ("sota_results_train.jsonl", "score_sota.py", SOTA_PAIRS),
    ("seed_results_dev.jsonl", "score_results.py", SEED_PAIRS),
])
def test_kg_eval_prints_the_figures_of_the_reference_scorer(name, script, pairs, tmp_path, capsys):
    """kg extract's output scored by the reference scorer gives every figure kg eval prints."""
    gold = real(name)
    pred = tmp_path / "pred.jsonl"
    kg("extract", gold, "-o", pred, "--rules-only", "--quiet", capsys=capsys)
    theirs = reference(script, *((gold, gold, pred) if script == "score_results.py" else (gold, pred)))
    ours = kg("eval", gold, "--rules-only", "--json", capsys=capsys)
    assert differences(ours, theirs, pairs) == []
    text = kg("eval", gold, "--rules-only", capsys=capsys)  # the table prints the same figures
    if script == "score_graph.py":
        row = next(line.split() for line in text.splitlines() if line.startswith("Method "))
        assert row[1:6] == [f"{theirs['Method'][k]:.3f}" for k in ("p", "r", "f1")] + [
            str(theirs["Method"]["pred"]), str(theirs["Method"]["gold"])]
    elif script == "score_sota.py":
        assert f"value+dataset {theirs['recall_dataset']:.3f} ({theirs['found_dataset']}/" in text
    else:
        assert f"strict score recall {theirs['score.strict_recall']:.3f}" in text


@pytest.mark.shared
def test_kg_eval_with_the_corpus_agrees_with_the_reference_scorer(tmp_path, capsys):
    """Seed results over every paper of the corpus: score_results.py with the corpus as INPUT."""
    gold = real("seed_results_dev.jsonl")
    corpus = SHARED / "corpus" / "hf-daily-papers"
    if not corpus.is_dir():
        skip_unless_ci(f"shared corpus absent: {corpus}")
    gold_pred, corpus_pred = tmp_path / "gold_pred.jsonl", tmp_path / "corpus_pred.jsonl"
    kg("extract", gold, "-o", gold_pred, "--rules-only", "--quiet", capsys=capsys)
    kg("extract", corpus, "-o", corpus_pred, "--rules-only", "--quiet", capsys=capsys)
    titles = {normalise(g["title"]) for g in read_gold(gold)}
    records = [json.loads(line) for line in gold_pred.read_text().splitlines()]
    ids = [r["id"] for r in records]
    for line in corpus_pred.read_text().splitlines():
        r = json.loads(line)
        if normalise(r["title"]) not in titles and r["id"] not in ids:  # a gold paper, or a repeat
            records.append(r)
            ids.append(r["id"])
    assert len(ids) > 400
    write_jsonl(tmp_path / "pred.jsonl", records)
    write_jsonl(tmp_path / "input.jsonl", [{"id": i} for i in ids])
    theirs = reference("score_results.py", gold, tmp_path / "input.jsonl", tmp_path / "pred.jsonl")
    ours = kg("eval", gold, "--corpus", corpus, "--rules-only", "--json", "--quiet", capsys=capsys)
    assert theirs["papers"] == len(ids) and theirs["pred"] > ours["seed_results"]["gold"]
    assert differences(ours, theirs, SEED_PAIRS) == []
