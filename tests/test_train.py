"""kg.train: training docs from character offsets, the shipped model, and a tiny training run
(all on sentences invented for these tests)."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc, Span

from _common import nlp  # noqa: F401  (fixture)
from kg import train, train_data
from kg.cli import main
from kg.errors import RulesError
from kg.pipeline import TRAINED_MODEL, make_nlp
from kg.schema import ENTITY_LABELS


@pytest.fixture(scope="module")
def kg_nlp():
    return make_nlp(trained=False)


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_training_doc_aligns_char_offsets_to_kg_tokens(kg_nlp):
    text = "We train GlorpNet-7 on the ZentaBench corpus and report F1."
    spans = [("Method", 9, 19), ("Dataset", 27, 37), ("Metric", 56, 58)]
    assert [text[s:e] for _, s, e in spans] == ["GlorpNet-7", "ZentaBench", "F1"]
    doc, stats = train_data.make_training_doc(kg_nlp, text, spans)
    # the sentence-final period is split off "F1." by kg's tokenizer, so the span aligns exactly
    assert ents(doc) == [("GlorpNet-7", "Method"), ("ZentaBench", "Dataset"), ("F1", "Metric")]
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(s, e) for _, s, e in spans]
    assert stats["aligned"] == 3 and stats["skipped"] == 0
    # every other token is annotated "outside"
    assert {t.ent_iob_ for t in doc if not t.ent_type_} == {"O"}


def test_training_doc_contracts_skips_splits_and_resolves_overlaps(kg_nlp):
    text = "Quux tagging (QT) helps, e.g. on (FrobSet) data."
    spans = [
        ("Task", 0, 17),    # "Quux tagging (QT)" -> "Quux tagging" + "QT"
        ("Task", 5, 12),    # "tagging": overlaps the longer span, dropped
        ("Dataset", 33, 42),  # "(FrobSet)": the name inside the brackets
        ("Method", 1, 3),   # "uu": inside a token, cannot align, skipped
    ]
    doc, stats = train_data.make_training_doc(kg_nlp, text, spans)
    assert ents(doc) == [("Quux tagging", "Task"), ("QT", "Task"), ("FrobSet", "Dataset")]
    assert stats["skipped"] == 1 and stats["overlap"] == 1 and stats["aligned"] == 3


def test_missing_spans_leave_tokens_unannotated(kg_nlp):
    text = "BarNet improves zibbling on QuxSet."
    doc, stats = train_data.make_training_doc(kg_nlp, text, [("Dataset", 28, 34)], missing=[(0, 6)])
    assert doc[0].ent_iob_ == "" and doc[1].ent_iob_ == "O"
    assert ents(doc) == [("QuxSet", "Dataset")] and stats["missing_tokens"] == 1


def test_detokenize_and_scierc_style_offsets():
    text, offsets = train_data.detokenize(["the", "-LRB-", "Zap", "-RRB-", "corpus", "."])
    assert text == "the (Zap) corpus."
    assert [text[s:e] for s, e in offsets] == ["the", "(", "Zap", ")", "corpus", "."]


def test_shipped_model_loads_and_finds_entities():
    nlp = spacy.load(TRAINED_MODEL)
    doc = nlp("We propose a convolutional neural network for machine translation and report BLEU "
              "on the Zorblax dataset.")
    found = ents(doc)
    assert found, "the shipped model found no entity"
    assert {label for _, label in found} <= set(ENTITY_LABELS)
    assert ("BLEU", "Metric") in found


def test_shipped_model_adds_to_the_rule_pipeline(nlp):
    doc = nlp("We evaluate a gated zibble network for protein folding on CIFAR-10.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("CIFAR-10") == "Dataset"  # the gazetteer's entity is kept
    rules_only = {e.text for e in make_nlp(trained=False)(doc.text).ents}
    assert set(labels) - rules_only, "the trained tagger added no name the rules do not find"


def _tagged(rule_spans):
    from kg.rules import load_rules

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_tagged_names", config={"words": load_rules().words})
    words = ["We", "use", "Foo", "Net", "for", "zap", "tagging", "and", "the", "blip", "score", "on", "Qux", "."]
    tags = ["O", "O", "B-Method", "L-Method", "O", "B-Task", "L-Task", "O", "U-Metric", "B-Metric", "I-Metric",
            "O", "U-Dataset", "O"]
    doc = Doc(nlp.vocab, words=words, tags=tags)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in rule_spans]  # found before by the rules
    return ents(nlp.get_pipe("kg_tagged_names")(doc))


def test_stacked_tagged_runs_decide_methods_tasks_and_metrics_and_the_rules_datasets():
    # the tagger's boundaries win over a rule's Method ("Net" alone) and its Task over a rule's Method;
    # its Dataset stands where the rules found nothing
    assert _tagged([(3, 4, "Method"), (5, 6, "Method")]) == [
        ("Foo Net", "Method"), ("zap tagging", "Task"), ("Qux", "Dataset")]
    # a rule's Dataset wins over the tagger; a tagged Dataset where the rules saw another name is dropped
    assert _tagged([(2, 4, "Dataset"), (12, 13, "Method")]) == [
        ("Foo Net", "Dataset"), ("zap tagging", "Task"), ("Qux", "Method")]
    # a rule's name the tagger left untagged is kept
    assert ("blip", "Metric") in _tagged([(9, 10, "Metric")])


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(RulesError, match="no trained model"):
        make_nlp(trained=tmp_path)


def _tiny_shared_eval(root):
    """An invented SciERC (DyGIE) file set and an invented TDMSci file, in the shared layout."""
    (root / "scierc").mkdir(parents=True)
    sentences = [["We", "train", "FlimNet", "for", "zorbing", "."], ["Precision", "is", "high", "."]]
    scierc = {"doc_key": "x1", "sentences": sentences,
              "ner": [[[2, 2, "Method"], [4, 4, "Task"]], [[6, 6, "Metric"]]], "relations": [[], []]}
    for part in ("train", "dev", "test"):
        (root / "scierc" / f"{part}.json").write_text(json.dumps(scierc) + "\n")
    lines = []
    for i in range(6):
        text = "Wuzzle accuracy for blorping."
        lines.append(json.dumps({"id": f"t{i}", "title": "", "abstract": text, "entities": [
            {"type": "Dataset", "text": "Wuzzle", "start": 0, "end": 6},
            {"type": "Metric", "text": "accuracy", "start": 7, "end": 15},
            {"type": "Task", "text": "blorping", "start": 20, "end": 28}]}))
    (root / "tdmsci_train.jsonl").write_text("\n".join(lines) + "\n")
    scirex = []
    for i in range(4):
        title, abstract = f"GlimNet {i}: Fast Zorbing", "GlimNet reaches 71.5% accuracy on the QuuxSet dataset."
        text = f"{title}\n\n{abstract}"
        spans = [("Method", "GlimNet"), ("Task", "Zorbing"), ("Metric", "accuracy"), ("Dataset", "QuuxSet dataset")]
        scirex.append(json.dumps({
            "id": f"sx{i}", "title": title, "abstract": abstract, "cluster_aliases": {},
            "entities": [{"type": t, "text": w, "start": text.index(w), "end": text.index(w) + len(w)} for t, w in spans],
            "results": [{"method": "GlimNet", "dataset": "QuuxSet", "metric": "accuracy", "task": "Zorbing",
                         "score": "71.5%", "in_abstract": True}]}))
    (root / "scirex_dev.jsonl").write_text("\n".join(scirex) + "\n")
    return root


def test_kg_train_command_trains_from_a_shared_eval_folder(tmp_path, capsys):
    shared = _tiny_shared_eval(tmp_path / "eval")
    out = tmp_path / "model"
    assert main(["train", str(out), "--shared-eval", str(shared), "--epochs", "1", "-q"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["epochs"] == 1 and summary["docs"] >= 2 and summary["bytes"] > 0
    nlp = make_nlp(trained=out)  # the new model plugs into kg's pipeline
    assert "kg_tagged_names" in nlp.pipe_names
    assert main(["train", str(tmp_path / "m2"), "--shared-eval", str(tmp_path / "nowhere"), "-q"]) == 2


def test_training_docs_carry_the_rules_entities_and_their_record(tmp_path, kg_nlp):
    shared = _tiny_shared_eval(tmp_path / "eval")
    docs = train.build_training_docs(kg_nlp, shared_eval=shared, tdmsci_methods="outside")
    assert {d.user_data["kg_id"] for d in docs} >= {"sx0", "t0", "scierc-x1"}
    scirex = next(d for d in docs if d.user_data["kg_id"] == "sx0")
    rule_tags = dict(zip((t.text for t in scirex), scirex.user_data["kg_rule_ents"]))
    assert rule_tags["QuuxSet"] == "B-Dataset" and rule_tags["reaches"] == "O"  # what the rules found
    assert ("QuuxSet dataset", "Dataset") in ents(scirex)  # and the gold the model learns


def test_stacked_tagger_reads_the_rules_entities_as_features():
    config = train.make_ner_nlp().get_pipe_config(train.TAGS_COMPONENT)
    assert config["model"]["tok2vec"]["embed"]["attrs"][-2:] == list(train.RULE_FEATURES)
    plain = train.make_ner_nlp(stacked=False).get_pipe_config(train.TAGS_COMPONENT)
    assert "ENT_TYPE" not in plain["model"]["tok2vec"]["embed"]["attrs"]


def test_cross_validation_scores_each_fold_with_a_model_trained_without_it(tmp_path, capsys):
    shared = _tiny_shared_eval(tmp_path / "eval")
    out = tmp_path / "cv.jsonl"
    assert main(["train", "--cv", "2", "--cv-records", str(out), "--shared-eval", str(shared),
                 "--epochs", "1", "-q"]) == 0
    printed = capsys.readouterr().out
    assert "2-fold cross-validation" in printed and "results (in-abstract gold)" in printed
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == ["sx0", "sx1", "sx2", "sx3"]
    with pytest.raises(SystemExit):
        main(["train", "--cv", "1"])


def test_one_epoch_training_writes_a_loadable_model(tmp_path, kg_nlp):
    sentences = [
        ("We train FlimNet on the Grobble dataset.", [("Method", 9, 16), ("Dataset", 24, 31)]),
        ("Accuracy of SnorkNet for zorbing is high.", [("Metric", 0, 8), ("Method", 12, 20), ("Task", 25, 32)]),
        ("The Wuzzle benchmark measures precision.", [("Dataset", 4, 10), ("Metric", 30, 39)]),
    ]
    docs = [train_data.make_training_doc(kg_nlp, t, s)[0] for t, s in sentences]
    out = tmp_path / "ner"
    summary = train.train_ner(out, docs=docs, epochs=1, width=32, depth=1, embed_size=500, log=None)
    assert summary["epochs"] == 1 and summary["docs"] == 3 and len(summary["history"]) == 1
    loaded = spacy.load(out)
    assert loaded.get_pipe_meta(loaded.pipe_names[0]).factory in ("ner", "tagger")
    doc = loaded("We train FlimNet on the Grobble dataset.")
    assert all(e.label_ in ENTITY_LABELS for e in doc.ents)


def test_the_training_pipeline_tokenises_as_kg_does():
    # one function sets the tokenizer rules of kg's pipeline and of the model it trains
    text = "We train ResNet-50. ImageNet-1K and GSM8K."
    assert [t.text for t in train.make_ner_nlp().make_doc(text)] == [t.text for t in make_nlp(trained=False).make_doc(text)]


def test_training_logs_to_the_logger_and_prints_nothing(tmp_path, kg_nlp, capsys, caplog):
    import logging

    docs = [train_data.make_training_doc(kg_nlp, "We train GlorpNet on QuuxSet.", [("Method", 9, 17), ("Dataset", 21, 28)])[0]]
    with caplog.at_level(logging.INFO, logger="kg.train"):
        train.train_ner(tmp_path / "model", docs=docs, epochs=1)
    assert capsys.readouterr() == ("", "")
    assert any("wrote" in r.getMessage() for r in caplog.records)
