"""kg.train: training docs from character offsets, the shipped model, and a tiny training run
(all on sentences invented for these tests)."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc, Span

from _common import nlp, shared  # noqa: F401  (fixtures)
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


def test_graph_doc_marks_every_occurrence_of_every_name(kg_nlp):
    rec = {"id": "g1", "title": "ZorbNet: Fast Tagging", "abstract": "ZorbNet beats BERT on QuuxSet. ZorbNets tag fast.",
           "entities": [{"type": "Method", "names": ["ZorbNet", "ZorbNets"]}, {"type": "Method", "names": ["BERT"]},
                        {"type": "Dataset", "names": ["QuuxSet"]}, {"type": "Task", "names": ["Tagging"]}]}
    doc, stats = train_data.graph_doc(kg_nlp, rec)
    assert ents(doc) == [("ZorbNet", "Method"), ("Tagging", "Task"), ("ZorbNet", "Method"), ("BERT", "Method"),
                         ("QuuxSet", "Dataset"), ("ZorbNets", "Method")]
    assert stats["names"] == 6 and stats["skipped"] == 0 and doc.user_data["kg_id"] == "g1"
    assert {t.ent_iob_ for t in doc if not t.ent_type_} == {"O"}  # every other token is outside
    assert train_data.name_spans("a ZorbNet2 and ZorbNet", "ZorbNet") == [(15, 22)]  # whole words only


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


_METHODS = ["ZorbNet", "GlimNet", "FlimNet", "SnorkNet", "WuzzNet", "BlorpNet"]
_DATA = ["QuuxSet", "GrobbleBench", "Zentabank"]


def _paper(i):
    m, other, d = _METHODS[i % 6], _METHODS[(i + 1) % 6], _DATA[i % 3]
    title = f"{m}: Fast Zorbing"
    abstract = (f"We propose {m}, a zorbing network based on {other}. {m} outperforms {other} on {d} "
                f"with a deep network and reaches 71.{i}% accuracy.")
    ents = [{"type": "Method", "names": [m]}, {"type": "Method", "names": [other]}, {"type": "Dataset", "names": [d]},
            {"type": "Task", "names": ["Zorbing"]}, {"type": "Metric", "names": ["accuracy"]}]
    rels = [{"type": "OUTPERFORMS", "subject": m, "object": other}, {"type": "BASED_ON", "subject": m, "object": other},
            {"type": "EVALUATED_ON", "subject": m, "object": d}]
    return title, abstract, {"entities": ents, "proposes": [m], "relations": rels}


def _tiny_shared_eval(root):
    """Invented graph gold in the shared layout: a train file, SciREX and SciERC texts, and their
    relabelled annotations (a training/relabel folder)."""
    (root / "scierc").mkdir(parents=True)
    (root / "relabel").mkdir()
    train = []
    for i in range(12):
        title, abstract, gold = _paper(i)
        train.append(json.dumps({"id": f"g{i}", "title": title, "abstract": abstract, **gold}))
    (root / "graph_gold_train.jsonl").write_text("\n".join(train) + "\n")
    scirex, relabel = [], []
    for i in range(12, 16):
        title, abstract, gold = _paper(i)
        scirex.append(json.dumps({"id": f"sx{i}", "title": title, "abstract": abstract, "entities": [], "results": []}))
        relabel.append(json.dumps({"id": f"sx{i}", **gold}))
    (root / "scirex_dev.jsonl").write_text("\n".join(scirex) + "\n")
    (root / "relabel" / "scirex.jsonl").write_text("\n".join(relabel) + "\n")
    relabel = []
    for part, i in (("train", 16), ("dev", 17), ("test", 18)):
        _, abstract, gold = _paper(i)
        words = abstract.replace(".", " .").replace(",", " ,").replace("%", " %").split()
        (root / "scierc" / f"{part}.json").write_text(json.dumps(
            {"doc_key": f"d{i}", "sentences": [words], "ner": [[]], "relations": [[]]}) + "\n")
        relabel.append(json.dumps({"id": f"scierc-d{i}", **{k: v for k, v in gold.items() if k != "entities"},
                                   "entities": [e for e in gold["entities"] if e["names"][0] != "Zorbing"]}))
    (root / "relabel" / "scierc.jsonl").write_text("\n".join(relabel) + "\n")
    return root


def test_graph_records_join_the_relabelled_annotations_to_their_texts(tmp_path):
    shared = _tiny_shared_eval(tmp_path / "eval")
    recs = train_data.graph_records(shared, shared / "relabel")
    assert len(recs) == 19 and {r["kg_source"] for r in recs} == {
        "graph_gold_train.jsonl", "training/relabel/scirex.jsonl", "training/relabel/scierc.jsonl"}
    scierc = next(r for r in recs if r["id"] == "scierc-d16")
    assert scierc["title"] == "" and "ZorbNet" in scierc["abstract"] or "WuzzNet" in scierc["abstract"]
    (shared / "relabel" / "scirex.jsonl").write_text(json.dumps({"id": "nowhere", "entities": []}) + "\n")
    with pytest.raises(ValueError, match="scirex.jsonl:1: no text for 'nowhere'"):
        train_data.graph_records(shared, shared / "relabel")


def test_kg_train_writes_a_tagger_and_a_judge_that_plug_into_the_pipeline(tmp_path, capsys):
    shared = _tiny_shared_eval(tmp_path / "eval")
    out, cv = tmp_path / "model", tmp_path / "cv.jsonl"
    assert main(["train", str(out), "--shared-eval", str(shared), "--relabel", str(shared / "relabel"),
                 "--epochs", "1", "--cv-records", str(cv), "--json", "-q"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["papers"] == 19 and 0 < summary["min_confidence"] < 1
    assert set(summary["held_out"]) >= {"Method", "PROPOSES", "OUTPERFORMS"}
    held = [json.loads(line) for line in cv.read_text().splitlines()]
    assert len(held) == 19  # every paper extracted by a tagger and a judge that did not learn from it
    assert (out / "kg_judge.json").is_file()
    nlp = make_nlp(trained=out)  # the new model plugs into kg's pipeline, judge and threshold included
    assert "kg_judge" in nlp.pipe_names and nlp.meta["kg_min_confidence"] == summary["min_confidence"]
    assert main(["train", str(tmp_path / "m2"), "--shared-eval", str(tmp_path / "nowhere"), "-q"]) == 2


def test_cross_validation_writes_no_model_and_prints_the_held_out_figures(tmp_path, capsys):
    shared = _tiny_shared_eval(tmp_path / "eval")
    assert main(["train", str(tmp_path / "never"), "--cv", "2", "--shared-eval", str(shared),
                 "--relabel", str(shared / "relabel"), "--epochs", "1", "-q"]) == 0
    printed = capsys.readouterr().out
    assert "2-fold cross-validation over 19 papers" in printed and "OUTPERFORMS" in printed
    assert not (tmp_path / "never").exists()
    with pytest.raises(SystemExit):
        main(["train", "--cv", "1"])


def test_stacked_tagger_reads_the_rules_entities_as_features():
    config = train.make_ner_nlp().get_pipe_config(train.TAGS_COMPONENT)
    assert config["model"]["tok2vec"]["embed"]["attrs"][-2:] == list(train.RULE_FEATURES)
    plain = train.make_ner_nlp(stacked=False).get_pipe_config(train.TAGS_COMPONENT)
    assert "ENT_TYPE" not in plain["model"]["tok2vec"]["embed"]["attrs"]


def test_one_epoch_training_writes_a_loadable_tagger(tmp_path, kg_nlp):
    shared = _tiny_shared_eval(tmp_path / "eval")
    docs = train.build_training_docs(train_data.graph_records(shared, shared / "relabel"), kg_nlp)
    assert docs[0].user_data["kg_rule_ents"]  # the rules' entities, which the stacked tagger reads
    out = tmp_path / "ner"
    summary = train.train_ner(out, docs, epochs=1, width=32, depth=1, embed_size=500)
    assert summary["epochs"] == 1 and summary["docs"] == 19
    loaded = spacy.load(out)
    assert loaded.get_pipe_meta(loaded.pipe_names[0]).factory == "tagger"
    assert all(e.label_ in ENTITY_LABELS for e in loaded("We train FlimNet on the Grobble dataset.").ents)


def test_the_training_pipeline_tokenises_as_kg_does():
    # one function sets the tokenizer rules of kg's pipeline and of the model it trains
    text = "We train ResNet-50. ImageNet-1K and GSM8K."
    assert [t.text for t in train.make_ner_nlp().make_doc(text)] == [t.text for t in make_nlp(trained=False).make_doc(text)]


def test_training_logs_to_the_logger_and_prints_nothing(tmp_path, kg_nlp, capsys, caplog):
    import logging

    rec = {"id": "g", "title": "", "abstract": "We train GlorpNet on QuuxSet.",
           "entities": [{"type": "Method", "names": ["GlorpNet"]}, {"type": "Dataset", "names": ["QuuxSet"]}]}
    docs = train.build_training_docs([rec], kg_nlp)
    with caplog.at_level(logging.INFO, logger="kg.train"):
        train.train_ner(tmp_path / "model", docs, epochs=1)
    assert capsys.readouterr() == ("", "")
    assert any("epoch" in r.getMessage() for r in caplog.records)


def test_kg_eval_says_when_the_shipped_model_learnt_from_the_papers_it_scores(shared, capsys):
    learnt = json.loads((TRAINED_MODEL / "meta.json").read_text())["kg_training"]["gold_files"]
    assert "graph_gold_train.jsonl" in learnt and "graph_gold_dev.jsonl" not in learnt
    assert main(["eval", str(shared / "eval" / "graph_gold_train.jsonl")]) == 0
    assert "not held-out ones" in capsys.readouterr().out
    assert main(["eval", str(shared / "eval" / "graph_gold_dev.jsonl")]) == 0
    assert "not held-out ones" not in capsys.readouterr().out
