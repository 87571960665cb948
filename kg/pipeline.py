"""Build kg's spaCy pipeline from a blank English pipeline and the rule files.

>>> nlp = make_nlp()
>>> nlp.pipe_names
['kg_sentences', 'gazetteer', 'kg_names', 'kg_ner_tags', 'kg_tagged_names', 'kg_entity_filter', 'kg_judge', 'kg_results', 'kg_relations']
>>> make_nlp(trained=False).pipe_names  # rules only
['kg_sentences', 'gazetteer', 'kg_names', 'kg_entity_filter', 'kg_results', 'kg_relations']
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
from .errors import RulesError
from .components.judge import JudgeModels
from .components.relations import RELATION_ROLES
from .rules import RuleSet, default_rules_dir, load_rules

#: the trained entity tagger that ships inside the package (rebuilt by ``kg train``, see :mod:`kg.train`)
TRAINED_MODEL = Path(__file__).resolve().parent / "trained" / "ner"
#: the component of the trained model that kg's pipeline takes (its BILUO entity tagger)
TAGGER = "kg_ner_tags"
#: how many distinct chunks of text (between spaces) the tokenizer remembers the split of. spaCy's
#: default, 10,000, is full after a few hundred abstracts (the shared corpus alone has 14,600), and
#: each chunk it does not remember costs a dozen regex calls: abstracts tokenise twice as fast with
#: this many (a few MB)
TOKENIZER_CACHE = 200_000


def make_nlp(
    rules_dir: str | Path | None = None,
    *,
    rules: RuleSet | None = None,
    trained: bool | str | Path = True,
) -> Language:
    """The extraction pipeline: sentence splitter, gazetteer (the patterns of ``rules/``), name
    finder, trained entity tagger, tagged names, entity filter, result finder, relation finder.

    ``rules`` (already loaded) wins over ``rules_dir``; by default the folder of
    :func:`kg.rules.default_rules_dir` is read (the checkout's ``rules/``, or the copy inside the
    installed package); the rules must hold every cue role and word list the components read
    (:meth:`kg.rules.RuleSet.check_complete`). ``trained``: True takes the tagger of the shipped model
    (:data:`TRAINED_MODEL`), a path takes the one of another model trained by :mod:`kg.train`,
    False builds the rules-only pipeline. The rules go first: the tagger reads their entities as
    features (it was trained so, see :mod:`kg.train`), and ``kg_tagged_names`` decides between its
    names and theirs.
    """
    rs = rules if rules is not None else load_rules(rules_dir)
    rs.check_complete("the rules given" if rules is not None else str(rules_dir or default_rules_dir()))
    nlp = spacy.blank("en")
    set_tokenizer_rules(nlp)
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    stop, words = sorted(rs.stop), rs.words
    nlp.add_pipe("kg_sentences", config={"words": words})
    nlp.add_pipe("kg_gazetteer", name="gazetteer").add_patterns(rs.patterns)
    nlp.add_pipe("kg_names", config={"stop": stop, "propose_cues": rs.cues["PROPOSES"], "words": words,
                                     "aliases": rs.aliases})
    if trained:
        folder = TRAINED_MODEL if trained is True else Path(trained)
        model = _load_model(folder)
        nlp.add_pipe("kg_tagger", name=TAGGER).use(model.get_pipe(TAGGER))
        nlp.add_pipe("kg_tagged_names", config={"stop": stop, "words": words,
                                                "cues": [c for role in RELATION_ROLES for c in rs.cues[role]]})
        # what the tagger learnt from (kg eval says when it scores a file the model was trained on)
        nlp.meta["kg_model"] = model.meta.get("kg_training", {})
    # the last word on the entities, for both pipelines: no URL, citation key, number or excluded term
    nlp.add_pipe("kg_entity_filter", config={"words": words, "aliases": rs.aliases})
    if trained:
        judge = JudgeModels.read(folder)
        if judge is not None:  # trained decisions over the names left, with their confidence
            nlp.add_pipe("kg_judge", config={"cues": rs.cues, "words": words}).use(judge)
            # the threshold of the default graph, chosen on training data (kg.extract and kg.build read it)
            nlp.meta["kg_min_confidence"] = judge.min_confidence
    nlp.add_pipe("kg_results", config={"words": words})
    nlp.add_pipe("kg_relations", config={"cues": {role: rs.cues[role] for role in RELATION_ROLES}})
    return nlp


def _load_model(path: Path) -> Language:
    if not (path / "config.cfg").is_file():
        raise RulesError(f"no trained model (config.cfg) in {path}; rebuild it with: kg train {path}, "
                         "or use the rules-only pipeline (--rules-only)")
    try:
        model = spacy.load(path)
    except (OSError, ValueError) as e:
        raise RulesError(f"cannot load the trained model in {path}: {e}") from e
    if TAGGER not in model.pipe_names:
        raise RulesError(f"the model in {path} has no component {TAGGER!r} (it has {model.pipe_names})")
    return model


_NAME_WITH_COUNT = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*\d[KMBk]$")


def set_tokenizer_rules(nlp: Language) -> None:
    """kg's rules for the tokenizer of ``nlp`` (spaCy's English tokenizer), for extraction and for
    training alike: a sentence-final period is split off names such as ``ResNet-50.`` and
    ``GSM8K.``, and names ending in a count stay whole (``ImageNet-1K``, ``GSM8K``), which
    the unit suffixes would split.

    >>> nlp = spacy.blank("en"); set_tokenizer_rules(nlp)
    >>> [t.text for t in nlp("We train ResNet-50. ImageNet-1K and GSM8K.")]
    ['We', 'train', 'ResNet-50', '.', 'ImageNet-1K', 'and', 'GSM8K', '.']
    """
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Z0-9])\.$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.tokenizer.token_match = _NAME_WITH_COUNT.match
