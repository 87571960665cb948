"""Build kg's spaCy pipeline from a blank English pipeline and the rule files.

>>> nlp = make_nlp()
>>> nlp.pipe_names
['kg_sentences', 'gazetteer', 'kg_names', 'kg_results', 'kg_relations']
>>> doc = nlp("We train ResNet-50 on CIFAR10 and report 76.5% top-1 accuracy.")
>>> [(e.text, e.label_, e.ent_id_) for e in doc.ents][:2]
[('ResNet-50', 'Method', 'ResNet-50'), ('CIFAR10', 'Dataset', 'CIFAR-10')]
"""
from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.language import Language

from .components import TextKeepingTokenizer  # importing it registers the factories
from .rules import RuleSet, load_rules


def make_nlp(rules_dir: str | Path | None = None, *, rules: RuleSet | None = None) -> Language:
    """The extraction pipeline: sentence splitter, gazetteer (the patterns of ``rules/``),
    name finder, result finder, relation finder.

    ``rules`` (already loaded) wins over ``rules_dir``; by default the ``rules/``
    folder of the checkout is read.
    """
    rs = rules if rules is not None else load_rules(rules_dir)
    nlp = spacy.blank("en")
    _split_final_periods(nlp)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_gazetteer", name="gazetteer").add_patterns(rs.patterns)
    nlp.add_pipe("kg_names", config={"stop": sorted(rs.stop)})
    nlp.add_pipe("kg_results")
    nlp.add_pipe("kg_relations")
    return nlp


_NAME_WITH_COUNT = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*\d[KMBk]$")


def _split_final_periods(nlp: Language) -> None:
    """Split a sentence-final period off names such as ``Swin-T.`` and ``ResNet-50.``."""
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Z0-9])\.$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # keep names ending in a count whole (ImageNet-1K, GSM8K), which the unit suffixes would split
    nlp.tokenizer.token_match = _NAME_WITH_COUNT.match
