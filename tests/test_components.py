"""The pipeline components on their own: what they leave on the Doc (sentences, doc.ents and the
cached entity list, gazetteer ids, Doc._ extensions)."""
import spacy

from kg.components.doc import entities, sentences
from kg.components.gazetteer import Gazetteer
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


def test_gazetteer_writes_doc_ents_and_the_entity_list():
    nlp = spacy.blank("en")
    gaz = nlp.add_pipe("kg_gazetteer")
    assert isinstance(gaz, Gazetteer)
    gaz.add_patterns([{"label": "Dataset", "pattern": "CIFAR10", "id": "CIFAR-10"}])
    doc = nlp("Tests on CIFAR10 only.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("CIFAR10", "CIFAR-10")]
    assert [(e.text, e.id_) for e in entities(doc)] == [("CIFAR10", "CIFAR-10")]
    assert doc._.kg_ents is entities(doc)


def test_extensions_are_readable_and_writable_through_doc_underscore():
    nlp = make_nlp(trained=False)
    doc = nlp(TEXT)
    assert [p.text for p in doc._.kg_proposed][:1] == ["ZorbNet"]
    assert [(r["value"], r["unit"]) for r in doc._.kg_results] == [(91.5, "%")]
    assert any(rel[1] == "OUTPERFORMS" and rel[4:] == (1.0, "rules") for rel in doc._.kg_relations)
    doc._.kg_results = []
    assert doc._.kg_results == []


def test_a_dataset_head_noun_that_is_itself_a_name_is_not_taken_twice():
    # "CORPUS" is name-shaped (capitals) and would also be the head noun of "QZ": two names, no overlap
    nlp = make_nlp(trained=False)
    doc = nlp("Scores other than the QZ CORPUS upper bound are shown in bold.")
    spans = [(e.start, e.end) for e in doc.ents]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert "QZ" in [e.text for e in doc.ents]


def _labels(nlp, text):
    return {e.text: e.label_ for e in nlp(text).ents}


def test_unknown_names_become_datasets_when_the_abstract_says_so():
    nlp = make_nlp(trained=False)
    # a list with a known dataset passes the label on, member to member
    labels = _labels(nlp, "Results on four databases, QuorBase, ZentaFace and CIFAR-10, show gains.")
    assert labels["QuorBase"] == labels["ZentaFace"] == "Dataset"
    # evaluation words introduce it
    assert _labels(nlp, "Extensive experiments on ZQX-B show a surprising result.")["ZQX-B"] == "Dataset"
    # the same name is a dataset elsewhere in the abstract
    assert [e.label_ for e in nlp("We collect the ZentaFace dataset. ZentaFace is hard.").ents] == ["Dataset", "Dataset"]
    # the year of an edition is part of the name
    assert _labels(nlp, "We win on ImageNet 2012 by 2%.")["ImageNet 2012"] == "Dataset"
    assert _labels(nlp, "Experiments on ZQX 2021 show gains.")["ZQX 2021"] == "Dataset"


def test_an_opening_phrase_is_no_list_and_proposed_names_stay_methods():
    nlp = make_nlp(trained=False)
    labels = _labels(nlp, "We introduce ZorbNet, a fast detector. On CIFAR-10, ZorbNet reaches 91.5% accuracy.")
    assert labels["ZorbNet"] == "Method" and labels["CIFAR-10"] == "Dataset"
    labels = _labels(nlp, "When fine-tuned on CIFAR-10, GlorpFormer provides a 2% gain.")
    assert labels["GlorpFormer"] == "Method"


def test_a_task_before_a_dataset_noun_names_a_dataset():
    nlp = make_nlp(trained=False)
    ents = [(e.text, e.label_, e.id_) for e in nlp("We gain 2% on the COCO object detection dataset.").ents]
    assert ("COCO object detection dataset", "Dataset", "COCO") in ents  # one dataset, COCO's name
    labels = _labels(nlp, "When evaluated on the challenging VQA dataset, it shows gains.")
    assert labels.get("VQA dataset") == "Dataset"


def test_a_list_announced_by_its_noun_is_a_list_of_datasets():
    nlp = make_nlp(trained=False)
    labels = _labels(nlp, "Four databases, ZorbFace, QuuxFace, and CIFAR-10, show it.")
    assert labels["ZorbFace"] == labels["QuuxFace"] == "Dataset"
    # the noun ends an opening phrase: the name after it is its subject, not a member
    labels = _labels(nlp, "On the CIFAR-10 and CIFAR-100 datasets, GlorpNet outperforms the rest.")
    assert labels["GlorpNet"] == "Method"


def test_data_and_shared_task_heads_belong_to_a_dataset_but_not_to_its_canonical_name():
    from kg.extract import extract
    from kg.model import Paper

    ex = extract(Paper(id="x", title="", abstract="We train on the Europarl data and the CoNLL 2000 shared task."),
                 make_nlp(trained=False))
    assert {(e.text, e.name) for e in ex.entities if e.type == "Dataset"} == {
        ("Europarl data", "Europarl"), ("CoNLL 2000 shared task", "CoNLL-2000")}


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


def test_a_long_form_never_spans_a_line_break():
    # the title and the abstract are apart: "Gated Token" (title) + "Mixer" (abstract) is no long form of GTM
    nlp = make_nlp(trained=False)
    for text in ("Gated Token\n\nMixer (GTM) is fast.", "Sparse Feature\nRepresentation Boosting (SFRB) helps."):
        doc = nlp(text)
        assert not any("\n" in e.text for e in doc.ents), [e.text for e in doc.ents]
        assert not any("\n" in long for _, long, _ in doc._.kg_aliases), doc._.kg_aliases
    # within a line the long form is found as before
    doc = nlp("Gated Token Mixer\n\nWe present the Gated Token Mixer (GTM).")
    assert ("Method", "Gated Token Mixer", "GTM") in doc._.kg_aliases


def test_one_list_of_data_nouns_drives_every_rule_that_looks_for_one():
    from kg.rules import load_rules

    rules = load_rules()
    rules.words["data_nouns"] = rules.words["data_nouns"] + ["archive", "archives"]
    nlp, plain = make_nlp(rules=rules, trained=False), make_nlp(trained=False)
    texts = {
        "We release the ZetaQ archive.": "ZetaQ",  # the word after a name
        "We collect the Zorb Quux Archive (ZQA) of clips.": "Zorb Quux Archive",  # a long form's head noun
        "Experiments on four archives, QuorBase and ZentaFace, show gains.": "QuorBase",  # a list announced by its noun
        "The Toronto Face archive is used.": "Toronto Face archive",  # capitalised words before the noun
    }
    for text, name in texts.items():
        assert _labels(nlp, text).get(name) == "Dataset", (text, _labels(nlp, text))
        assert _labels(plain, text).get(name) != "Dataset", (text, _labels(plain, text))


def test_every_component_declares_what_it_requires_and_assigns():
    from spacy.language import Language

    for trained in (False, True):
        nlp = make_nlp(trained=trained)
        analysis = nlp.analyze_pipes()
        assert not any(analysis["problems"].values()), analysis["problems"]
        for name in nlp.pipe_names:
            if name.startswith("kg_") and name != "kg_ner_tags" or name == "gazetteer":
                meta = Language.get_factory_meta(nlp.get_pipe_meta(name).factory)
                assert meta.assigns, f"{name} declares nothing it assigns"
    # what one component leaves for another is a declared Doc._ extension
    from kg.components.doc import EXTENSIONS
    from spacy.tokens import Doc

    assert all(Doc.has_extension(name) for name in EXTENSIONS)
    doc = make_nlp(trained=False)(TEXT)
    assert set(doc.user_data) <= set(EXTENSIONS), set(doc.user_data) - set(EXTENSIONS)


def test_doc_ents_agree_with_the_entity_list_on_every_corpus_paper():
    # set_entities writes only what changed after the gazetteer's first write: the tokens must end
    # as a full write would leave them (the tagger reads them as features)
    from _common import SHARED
    import pytest

    corpus = SHARED / "corpus" / "hf-daily-papers"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found: the shared corpus sits beside the repository in CI")
    import kg

    papers = list(kg.read_papers([corpus]))
    nlp = make_nlp(trained=False)
    for doc in nlp.pipe(p.text for p in papers):
        assert [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents] == \
            [(e.start, e.end, e.label_, e.id_) for e in entities(doc)]
        if doc.ents:
            assert all(t.ent_iob_ in "BIO" and t.ent_iob_ for t in doc)
