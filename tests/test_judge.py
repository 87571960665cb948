"""The judge: linear models over named features (kg.linear), the features (kg.features), fitting
them from graph gold (kg.learn) and applying them in the pipeline (kg_judge, kg_relations).
Every text and model here is invented for these tests."""
from __future__ import annotations

import json

import pytest

from kg.components.judge import JudgeModels, NONE, rescale
from kg.errors import RulesError
from kg.extract import above_threshold, extract
from kg.features import Lexicon, Mention, PaperView, clusters, entity_features, key, relation_features
from kg.learn import (above, choose_threshold, choose_thresholds, rescaled, entity_label, fit, graph_scores, held_out, proposed_label,
                      relation_label, subject_label)
from kg.linear import LinearModel
from kg.model import Paper
from kg.pipeline import TRAINED_MODEL, make_nlp

LEX = Lexicon.from_rules(
    {"PROPOSES": ["we propose"], "OUTPERFORMS": ["outperform*"], "COMPARES": ["than"], "BASED_ON": ["based on"],
     "USES": ["use"], "EVALUATED_ON": ["on"]},
    {"not_method": ["network", "model"], "method_nouns": ["network"], "part_nouns": ["module"]})


def view(text, *mentions, aliases=()):
    out = []
    for label, surface, source in mentions:
        start = text.index(surface)
        out.append(Mention(label, surface, surface, start, start + len(surface), source, 0.8))
    return PaperView(text=text, sentences=((0, len(text)),), mentions=tuple(out), aliases=aliases)


# ---------------------------------------------------------------------------- kg.linear


def test_a_linear_model_gives_probabilities_and_round_trips():
    m = LinearModel(classes=("none", "Method", "Task"), weights={"named": (0.0, 3.0, -1.0), "lower": (0.0, -1.0, 2.0)},
                    intercept=(0.5, 0.0, 0.0))
    named, lower = m.probabilities({"named": 1.0}), m.probabilities({"lower": 1.0, "unseen": 5.0})
    assert max(named, key=named.get) == "Method" and max(lower, key=lower.get) == "Task"
    assert abs(sum(named.values()) - 1.0) < 1e-9
    assert LinearModel.from_dict(json.loads(json.dumps(m.to_dict()))) == m


def test_a_malformed_model_is_an_error_naming_it():
    with pytest.raises(RulesError, match="judge.json: entity"):
        LinearModel.from_dict({"classes": ["a", "b"], "intercept": [0.0], "weights": {}}, "judge.json: entity")


# ---------------------------------------------------------------------------- kg.features


def test_keys_meet_across_plurals_and_spellings():
    assert key("Vision Transformers") == key("vision transformer") == key("Vision-Transformer")
    assert key("CNNs") == key("CNN") and key("loss") != key("los")


def test_clusters_join_spellings_and_defined_acronyms():
    v = view("Zebra Token Mixer (ZTM) and ZTMs beat the zebra token mixer baseline and BERT.",
             ("Method", "Zebra Token Mixer", "rules"), ("Method", "ZTM", "rules"), ("Method", "ZTMs", "tagger"),
             ("Method", "zebra token mixer", "tagger"), ("Method", "BERT", "gazetteer"),
             aliases=(("Method", "Zebra Token Mixer", "ZTM"),))
    names = sorted(len(c.mentions) for c in clusters(v))
    assert names == [1, 4]
    big = max(clusters(v), key=lambda c: len(c.mentions))
    assert big.name == "Zebra Token Mixer"


def test_entity_features_read_shape_place_source_and_the_rules_word_lists():
    v = view("ZorbNet: Fast\n\nWe propose ZorbNet, a network.", ("Method", "ZorbNet", "rules"),
             ("Method", "network", "tagger"))
    zorb, net = clusters(v)
    fz, fn = entity_features(v, zorb, LEX), entity_features(v, net, LEX)
    assert fz["title_prefix"] == 1.0 and fz["named"] == 1.0 and fz["in_title"] == 1.0 and fz["mentions=1"] == 1.0
    assert fz["rules_Method"] == 1.0 and fz["tagger_Method"] == 0.0 and fn["tagger_Method"] == 1.0
    assert fn["excluded_Method"] == 1.0 and fn["lower"] == 1.0 and fn["with_a"] == 1.0
    assert "excluded_Method" not in fz


def test_relation_features_see_cues_between_the_two_names():
    v = view("ZorbNet outperforms BERT and is based on GraphSAGE.", ("Method", "ZorbNet", "rules"),
             ("Method", "BERT", "gazetteer"), ("Method", "GraphSAGE", "gazetteer"))
    zorb, bert, sage = clusters(v)
    fb = relation_features(v, zorb, bert, 0.9, 0.0, 0.8, LEX)
    fs = relation_features(v, zorb, sage, 0.9, 0.0, 0.8, LEX)
    assert fb["between_OUTPERFORMS"] == 1.0 and fb["with_subject"] == 1.0 and fb["subject_first"] == 1.0
    assert fs["near_BASED_ON"] == 1.0 and "near_BASED_ON" not in fb


# ---------------------------------------------------------------------------- kg.learn

GOLD = {"entities": [{"type": "Method", "names": ["Zebra Token Mixer", "ZTM"]}, {"type": "Method", "names": ["BERT"]},
                     {"type": "Dataset", "names": ["QuuxSet"]}],
        "proposes": ["ZTM"],
        "relations": [{"type": "OUTPERFORMS", "subject": "ZTM", "object": "BERT"},
                      {"type": "EVALUATED_ON", "subject": "Zebra Token Mixer", "object": "QuuxSet"}]}


def test_gold_labels_of_clusters():
    v = view("Zebra Token Mixers beat BERT on QuuxSet with a network.", ("Method", "Zebra Token Mixers", "rules"),
             ("Method", "BERT", "gazetteer"), ("Method", "QuuxSet", "rules"), ("Method", "network", "tagger"))
    zebra, bert, quux, net = clusters(v)
    assert [entity_label(c, GOLD) for c in (zebra, bert, quux, net)] == ["Method", "Method", "Dataset", NONE]
    assert proposed_label(zebra, GOLD) == 1 and proposed_label(bert, GOLD) == 0
    assert subject_label(zebra, GOLD) == 1 and subject_label(bert, GOLD) == 0
    assert relation_label(bert, "OUTPERFORMS", GOLD) == 1 and relation_label(bert, "BASED_ON", GOLD) == 0


def test_fit_learns_a_separable_rule_and_held_out_keeps_papers_apart():
    X = [{"named": 1.0}] * 20 + [{"lower": 1.0}] * 20
    y = ["Method"] * 20 + [NONE] * 20
    m = fit(X, y, c=1.0)
    assert m.probabilities({"named": 1.0})["Method"] > 0.8 and m.probabilities({"lower": 1.0})[NONE] > 0.8
    # one paper's examples are all in one fold: a paper seen nowhere else gets the prior of the others
    groups = [f"p{i}" for i in range(40)]
    out = held_out(X, y, groups, c=1.0)
    assert all(o["Method"] > 0.5 for o in out[:20]) and all(o[NONE] > 0.5 for o in out[20:])
    only = fit([{"a": 1.0}, {"b": 1.0}], ["0", "0"], c=1.0)  # one label: a constant model
    assert only.probabilities({"a": 1.0})["0"] > 0.99 and set(only.classes) == {"0", "1"}


def test_graph_scores_follow_the_guidelines_measure():
    gold = [{"id": "p", **GOLD}]
    pred = [{"id": "p", "entities": [
        {"type": "Method", "text": "ZTM", "name": "ZTM", "confidence": 0.9},
        {"type": "Method", "text": "BERTs", "name": "BERT", "confidence": 0.4},   # the name matches
        {"type": "Method", "text": "network", "name": "network", "confidence": 0.2},
        {"type": "Dataset", "text": "QuuxSet", "name": "QuuxSet", "confidence": 0.9}],
        "triples": [
        {"subject": {"type": "Paper", "name": "p"}, "predicate": "PROPOSES", "object": {"type": "Method", "name": "ZTM"},
         "confidence": 0.8},
        {"subject": {"type": "Method", "name": "ZTM"}, "predicate": "OUTPERFORMS", "object": {"type": "Method", "name": "BERT"},
         "confidence": 0.6}]}]
    s = graph_scores(gold, pred)
    assert (s["Method"]["p"], s["Method"]["r"]) == (2 / 3, 1.0) and s["Dataset"]["f1"] == 1.0
    assert s["PROPOSES"]["p"] == 1.0 and s["OUTPERFORMS"]["r"] == 1.0 and s["EVALUATED_ON"]["r"] == 0.0
    s = graph_scores(gold, above(pred, 0.5))
    # (BERT, at 0.4, is left out, and the relation to it with it, as kg.extract.above_threshold does)
    assert (s["Method"]["p"], s["Method"]["r"]) == (1.0, 0.5) and s["OUTPERFORMS"]["pred"] == 0
    best, table = choose_threshold(gold, pred, grid=(0.1, 0.3, 0.5, 0.7))
    assert best in table and table[0.7]["OUTPERFORMS"]["pred"] == 0


def test_a_decision_gets_its_own_threshold_when_held_out_data_favour_one():
    # Methods: right ones at 0.9, wrong ones at 0.6; OUTPERFORMS: the right one at 0.35 only
    gold = [{"id": f"p{i}", "entities": [{"type": "Method", "names": [f"Zorb{i}"]}, {"type": "Method", "names": ["BERT"]}],
             "proposes": [], "relations": [{"type": "OUTPERFORMS", "subject": f"Zorb{i}", "object": "BERT"}]}
            for i in range(4)]
    pred = [{"id": f"p{i}", "entities": [
        {"type": "Method", "text": f"Zorb{i}", "name": f"Zorb{i}", "confidence": 0.9},
        {"type": "Method", "text": "BERT", "name": "BERT", "confidence": 0.9},
        {"type": "Method", "text": "layer", "name": "layer", "confidence": 0.6}],
        "triples": [{"subject": {"type": "Method", "name": f"Zorb{i}"}, "predicate": "OUTPERFORMS",
                     "object": {"type": "Method", "name": "BERT"}, "confidence": 0.35}]} for i in range(4)]
    floor, own, _ = choose_thresholds(gold, pred, grid=(0.3, 0.5, 0.7))
    # (the graph's threshold 0.3 keeps the relation; Methods need their own, 0.7, to lose "layer")
    assert floor == 0.3 and own == {"Method": 0.7}
    moved = rescaled(pred, own, floor)
    s = graph_scores(gold, above(moved, floor))
    assert (s["Method"]["p"], s["Method"]["r"]) == (1.0, 1.0) and s["OUTPERFORMS"]["f1"] == 1.0
    # the judge moves its probabilities the same way, and its file keeps the thresholds
    models = JudgeModels(entity=LinearModel(("Method", "none"), {}, (0.0, 0.0)), proposal=LinearModel(("0", "1"), {}, (0.0, 0.0)),
                         focus=LinearModel(("0", "1"), {}, (0.0, 0.0)), relations={}, min_confidence=floor, meta={},
                         thresholds=own)
    assert JudgeModels.from_dict(models.to_dict(), "x").thresholds == own
    assert rescale(0.6, 0.7, floor) < floor < rescale(0.9, 0.7, floor)


# ---------------------------------------------------------------------------- the judge in the pipeline


def _hand_judge(tmp_path):
    """A model folder: the shipped tagger, and a judge whose weights are set by hand (names with an
    inner capital are Methods, proposed when a propose cue comes before them; the focal method
    outperforms what follows a win cue)."""
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(TRAINED_MODEL, folder)
    (folder / "kg_judge.json").unlink(missing_ok=True)
    types = ("Dataset", "Method", "Metric", "Task", NONE)
    entity = LinearModel(types, {"named": (0.0, 4.0, 0.0, 0.0, 0.0), "vote_Dataset": (6.0, 0.0, 0.0, 0.0, 0.0),
                                 "lower": (0.0, 0.0, 0.0, 0.0, 4.0)}, (0.0, 0.0, -2.0, -2.0, 0.5))
    proposal = LinearModel(("0", "1"), {"propose_cue_before": (0.0, 5.0)}, (0.0, -2.5))
    focus = LinearModel(("0", "1"), {"proposal": (0.0, 5.0)}, (0.0, -2.5))
    outperforms = LinearModel(("0", "1"), {"OUTPERFORMS|between_OUTPERFORMS": (0.0, 5.0)}, (0.0, -2.5))
    based = LinearModel(("0", "1"), {}, (0.0, -3.0))
    evaluated = LinearModel(("0", "1"), {"EVALUATED_ON|before_EVALUATED_ON": (0.0, 5.0)}, (0.0, -2.5))
    JudgeModels(entity=entity, proposal=proposal, focus=focus,
                relations={"OUTPERFORMS": outperforms, "BASED_ON": based, "EVALUATED_ON": evaluated},
                min_confidence=0.5, meta={}).write(folder)
    return folder


def test_the_judge_types_scores_proposes_and_relates(tmp_path):
    nlp = make_nlp(trained=_hand_judge(tmp_path))
    assert nlp.pipe_names.index("kg_judge") < nlp.pipe_names.index("kg_results")
    assert nlp.meta["kg_min_confidence"] == 0.5
    paper = Paper(id="z", title="", abstract="We propose ZorbNet. ZorbNet outperforms GraphSAGE on the QuuxSet dataset "
                                             "with a deep network.")
    every = extract(paper, nlp, min_confidence=0.0)
    conf = {(e.text, e.type): e.confidence for e in every.entities}
    assert conf[("ZorbNet", "Method")] > 0.9 and conf[("GraphSAGE", "Method")] > 0.9
    assert all(e.source in ("gazetteer", "rules", "tagger") for e in every.entities)
    triples = {(t.subject, t.predicate, t.object): t for t in every.triples}
    assert triples[("z", "PROPOSES", "ZorbNet")].confidence > 0.9
    assert triples[("z", "PROPOSES", "ZorbNet")].source == "classifier"
    out = triples[("ZorbNet", "OUTPERFORMS", "GraphSAGE")]
    assert out.confidence > 0.9 and out.source == "classifier" and "outperforms" in out.evidence.sentence
    # the default threshold (0.5) leaves out what the judge doubts; 0 keeps every candidate
    default = extract(paper, nlp)
    assert all(e.confidence >= 0.5 for e in default.entities) and all(t.confidence >= 0.5 for t in default.triples)
    assert len(default.entities) <= len(every.entities)
    assert above_threshold(every, 0.5) == default


def test_without_a_judge_the_pipeline_is_the_rules_and_the_tagger(tmp_path):
    import shutil

    folder = tmp_path / "tagger-only"
    shutil.copytree(TRAINED_MODEL, folder)
    (folder / "kg_judge.json").unlink(missing_ok=True)
    nlp = make_nlp(trained=folder)
    assert "kg_judge" not in nlp.pipe_names and "kg_min_confidence" not in nlp.meta
    ex = extract(Paper(id="x", title="", abstract="We propose ZorbNet, better than BERT on SQuAD."), nlp)
    assert ex.entities and all(e.confidence == 1.0 for e in ex.entities)
