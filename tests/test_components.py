"""The pipeline components on their own: what they leave on the Doc (sentences, doc.ents and the
cached entity list, gazetteer ids, Doc._ extensions)."""
import spacy

from kg.components import Gazetteer, entities, sentences
from kg.pipeline import make_nlp

TEXT = ("ZorbNet: Fast Vision\n\nWe propose ZorbNet, e.g. for images. ZorbNet beats MobileNet-V1 and ResNet50 "
        "on CIFAR10. We reach 91.5% top-1 accuracy.")


def test_sentence_starts_skip_abbreviations_and_split_title():
    nlp = make_nlp(trained=False)
    doc = nlp(TEXT)
    texts = [s.text.strip() for s in doc.sents]
    assert texts == ["ZorbNet: Fast Vision", "We propose ZorbNet, e.g. for images.",
                     "ZorbNet beats MobileNet-V1 and ResNet50 on CIFAR10.", "We reach 91.5% top-1 accuracy."]
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]


def test_doc_ents_are_the_cached_entity_list_with_canonical_ids():
    nlp = make_nlp(trained=False)
    doc = nlp(TEXT)
    ents = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert ents == [(e.text, e.label_, e.id_) for e in entities(doc)]
    assert ("CIFAR10", "Dataset", "CIFAR-10") in ents and ("ResNet50", "Method", "ResNet-50") in ents
    # a longer name over a gazetteer name does not keep the shorter name's id
    assert ("MobileNet-V1", "Method", "") in ents


def test_gazetteer_writes_doc_ents_unless_told_to_leave_them():
    for write_ents, expected in ((True, ["CIFAR10"]), (False, [])):
        nlp = spacy.blank("en")
        gaz = nlp.add_pipe("kg_gazetteer", config={"write_ents": write_ents})
        assert isinstance(gaz, Gazetteer)
        gaz.add_patterns([{"label": "Dataset", "pattern": "CIFAR10", "id": "CIFAR-10"}])
        doc = nlp("Tests on CIFAR10 only.")
        assert [e.text for e in doc.ents] == expected
        assert [(e.text, e.id_) for e in entities(doc)] == [("CIFAR10", "CIFAR-10")]


def test_extensions_are_readable_and_writable_through_doc_underscore():
    nlp = make_nlp(trained=False)
    doc = nlp(TEXT)
    assert [p.text for p in doc._.kg_proposed][:1] == ["ZorbNet"]
    assert [(r["value"], r["unit"]) for r in doc._.kg_results] == [(91.5, "%")]
    assert any(pred == "OUTPERFORMS" for _, pred, _, _ in doc._.kg_relations)
    doc._.kg_results = []
    assert doc._.kg_results == []


def test_a_head_noun_that_is_a_name_itself_is_not_grown_over():
    # "FS" is a Dataset (a head noun follows), but "CORPUS" is a name of its own: two names, no crash
    nlp = make_nlp(trained=False)
    doc = nlp("The best system [other than the FS CORPUS upper bound] is in boldface.")
    assert [e.text for e in doc.ents] == ["FS", "CORPUS"]


def test_components_take_batches_in_pipe_as_they_take_single_docs():
    nlp = make_nlp(trained=False)
    texts = [TEXT, "BERT reaches 88.5 F1 on SQuAD.", "", "We use GPT-4 (Generative Pretrained Transformer)."] * 2
    one_by_one = [nlp(t) for t in texts]
    for batch_size in (1, 3, 64):
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        assert [d.text for d in docs] == texts
        assert [[(e.text, e.label_, e.ent_id_) for e in d.ents] for d in docs] == \
            [[(e.text, e.label_, e.ent_id_) for e in d.ents] for d in one_by_one]
        assert [[(r["value"], r["span"].start) for r in d._.kg_results] for d in docs] == \
            [[(r["value"], r["span"].start) for r in d._.kg_results] for d in one_by_one]
