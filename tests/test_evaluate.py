"""Tests of kg.evaluate: the scoring rules on tiny invented gold, and evaluate() on the shared files.

Every expected figure below is computed by hand in the comments next to it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    score_seed_results,
    strings_agree,
    tdmsci_split,
    values_agree,
)
from kg.model import Paper
from kg.schema import ENTITY_LABELS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
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
        # q2: 200 is not "2x" -> unmatched
        {"method": None, "dataset": None, "metric": None, "value": 200.0, "unit": None, "kind": "other"},
        # q3 -> g4: canonical "COCO" inside "COCO test-dev" -> strict
        {"method": "ViG", "dataset": "COCO", "metric": "AP", "value": 41.0, "unit": None, "kind": "score"},
        # q4 -> g3: method null=null, dataset null=null, metric null vs "images" wrong, kind wrong
        {"method": None, "dataset": None, "metric": None, "value": 1300000.0, "unit": None, "kind": "score"},
    ]},
    {"id": "p2", "results": [
        # q5: value agrees with g5 and g6; greedy prefers g6 (method right); dataset null vs GLUE wrong
        {"method": "BERT", "dataset": None, "metric": "average score", "value": 88.1, "unit": "%",
         "kind": "score"},
    ]},
]


def test_score_seed_results():
    s = score_seed_results(SEED_GOLD, SEED_PRED)
    assert (s["gold"], s["predicted"], s["matched"]) == (6, 5, 4)
    assert s["value_precision"] == pytest.approx(4 / 5) and s["value_recall"] == pytest.approx(4 / 6)
    assert s["right_counts"] == {"dataset": 3, "metric": 3, "method": 4, "kind": 3}
    assert s["dataset_right"] == 0.75 and s["metric_right"] == 0.75
    assert s["method_right"] == 1.0 and s["kind_right"] == 0.75
    # score gold: g1, g4, g5, g6; strict: g1, g4 (g6's dataset is wrong, g5 unmatched)
    assert (s["score_gold"], s["strict_score_found"], s["strict_score_recall"]) == (4, 2, 0.5)


def test_score_seed_results_is_one_to_one():
    gold = [{"id": "p", "results": [{"value": 5.0, "kind": "score", "method": None, "dataset": None,
                                     "metric": None}]}]
    pred = [{"id": "p", "results": [{"value": 5.0, "kind": "score"}] * 3}]
    s = score_seed_results(gold, pred)
    assert (s["matched"], s["value_precision"], s["value_recall"]) == (1, pytest.approx(1 / 3), 1.0)


def test_score_seed_results_nothing_predicted():
    s = score_seed_results(SEED_GOLD, [])
    assert s["value_precision"] is None and s["value_recall"] == 0.0 and s["strict_score_recall"] == 0.0
    assert s["dataset_right"] is None


# ---------------------------------------------------------------------------- evaluate() on fixtures


def test_detect_kind():
    assert detect_kind(SCIREX_GOLD) == "scirex"
    assert detect_kind(SEED_GOLD) == "seed"
    assert detect_kind([{"id": "tdmsci-train-1", "entities": [], "results": []}]) == "tdmsci"
    assert detect_kind(ENT_GOLD) == "tdmsci"  # no results at all


def test_evaluate_seed_fixture_and_format(tmp_path):
    path = write_jsonl(tmp_path / "seed.jsonl", SEED_GOLD)
    seen = []

    def extract_fn(papers):
        seen.extend(papers)
        return SEED_PRED

    r = evaluate(path, extract_fn)
    assert [p.id for p in seen] == ["p1", "p2"] and all(isinstance(p, Paper) for p in seen)
    assert (r.kind, r.split, r.papers, r.records) == ("seed", "all", 2, 2)
    assert r.entities is None and r.scirex_results is None
    assert r.seed_results["strict_score_recall"] == 0.5
    text = format_report(r)
    assert "value P 0.800 (4/5)" in text and "strict score recall 0.500 (2/4)" in text
    with pytest.raises(ValueError):
        evaluate(path, extract_fn, split="dev")


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
    """An extract_fn that returns the gold back: entities as given, results in the predicted shape."""
    by_id = {g["id"]: g for g in read_gold(path)}

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
            yield {"id": p.id, "title": p.title, "entities": [dict(e) for e in g.get("entities") or []],
                   "results": results, "triples": []}

    return extract_fn


REAL_FILES = ["scirex_dev.jsonl", "tdmsci_train.jsonl", "seed_results_dev.jsonl"]


def real(name: str) -> Path:
    path = EVAL / name
    if not path.is_file():
        pytest.skip(f"shared gold file absent: {path}")
    return path


@pytest.mark.shared
@pytest.mark.parametrize("name", REAL_FILES)
def test_echo_of_real_gold_scores_one(name):
    path = real(name)
    r = evaluate(path, echo_gold(path))
    assert r.kind == {"scirex_dev.jsonl": "scirex", "tdmsci_train.jsonl": "tdmsci",
                      "seed_results_dev.jsonl": "seed"}[name]
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
    assert "-" in format_report(r)
