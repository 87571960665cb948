"""Build kg's spaCy pipeline from a blank English pipeline and the rule files.

>>> nlp = make_nlp()
>>> nlp.pipe_names
['kg_sentences', 'gazetteer', 'kg_names', 'kg_results', 'kg_relations']
>>> doc = nlp("We train ResNet-50 on CIFAR10 and report 76.5% top-1 accuracy.")
>>> [(e.text, e.label_, e.ent_id_) for e in doc.ents][:2]
[('ResNet-50', 'Method', 'ResNet-50'), ('CIFAR10', 'Dataset', 'CIFAR-10')]
"""
from __future__ import annotations

import warnings
from pathlib import Path

import spacy
from spacy.language import Language

from .components import TextKeepingTokenizer  # importing it registers the factories
from .rules import RuleSet, load_rules


def make_nlp(rules_dir: str | Path | None = None, *, rules: RuleSet | None = None) -> Language:
    """The extraction pipeline: sentence splitter, the gazetteer ``entity_ruler`` (lower-case
    phrases and exact-case tokens), name finder, result finder, relation finder.

    ``rules`` (already loaded) wins over ``rules_dir``; by default the ``rules/``
    folder of the checkout is read.
    """
    rs = rules if rules is not None else load_rules(rules_dir)
    nlp = spacy.blank("en")
    _split_final_periods(nlp)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_sentences")
    ruler = nlp.add_pipe(
        "entity_ruler", name="gazetteer", config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"}
    )
    with nlp.select_pipes(enable=[]), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W036\]")
        ruler.add_patterns([_ruler_pattern(nlp, p) for p in rs.patterns])
    nlp.add_pipe("kg_names", config={"stop": sorted(rs.stop)})
    nlp.add_pipe("kg_results")
    nlp.add_pipe("kg_relations")
    return nlp


def _split_final_periods(nlp: Language) -> None:
    """Split a sentence-final period off names such as ``Swin-T.`` and ``ResNet-50.``."""
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Z0-9])\.$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def _ruler_pattern(nlp: Language, p: dict) -> dict:
    """An entity_ruler pattern: a phrase (matched on lower case), or for ``"case": "exact"``
    a token pattern on the exact spelling, so that one ruler picks the longest match of both."""
    pattern = p["pattern"]
    if p["case"] == "exact":
        pattern = [{"ORTH": t.text} for t in nlp.make_doc(pattern)]
    return {"label": p["label"], "pattern": pattern, "id": p["id"]}
