"""kg's spaCy pipeline components, one module each, and what they share.

Each component is registered with ``@Language.factory`` (importing this package registers them),
configured from the pipeline config (:func:`kg.pipeline.make_nlp` passes the rules of
``rules/``), and declares the attributes it ``requires`` and ``assigns``
(``nlp.analyze_pipes()`` checks the order). Components exchange data only through the ``Doc._``
extensions of :mod:`kg.components.doc` and ``doc.ents``:

==================  =================================  ============================================
factory             module                             assigns
==================  =================================  ============================================
``kg_sentences``    :mod:`~kg.components.sentences`    ``token.is_sent_start``, ``doc._.kg_sent_starts``
``kg_gazetteer``    :mod:`~kg.components.gazetteer`    ``doc.ents``, ``doc._.kg_ents`` (known names, canonical id)
``kg_names``        :mod:`~kg.components.names`        ``doc.ents``, ``doc._.kg_ents``, ``doc._.kg_aliases``, ``doc._.kg_proposed``
``kg_tagger``       :mod:`~kg.components.tagger`       ``token.tag``, ``doc._.kg_tag_probs`` (the trained tagger, with its probabilities)
``kg_tagged_names`` :mod:`~kg.components.tagged`       ``doc.ents``, ``doc._.kg_ents``, ``doc._.kg_sources`` (from the tagger's ``token.tag``)
``kg_judge``        :mod:`~kg.components.judge`        ``doc._.kg_judged``, ``doc._.kg_proposals``, ``doc._.kg_judgement`` (trained decisions)
``kg_entity_filter`` :mod:`~kg.components.filter`      ``doc.ents``, ``doc._.kg_ents``, ``doc._.kg_aliases``, ``doc._.kg_proposed`` (drops non-names)
``kg_results``      :mod:`~kg.components.results`      ``doc._.kg_results``
``kg_relations``    :mod:`~kg.components.relations`    ``doc._.kg_relations``
==================  =================================  ============================================

Shared: :mod:`~kg.components.doc` (the extensions and the helpers that read and write them),
:mod:`~kg.components.patterns` (name shapes, years, word lists), :mod:`~kg.components.acronyms`
(long forms of acronyms) and :mod:`~kg.components.datasets` (when an unknown name is a dataset),
which ``kg_names`` uses.
"""
from .doc import BatchComponent, TextKeepingTokenizer, doc_text, entities, ents_in, set_entities, span_text
from .filter import EntityFilter
from .gazetteer import Gazetteer
from .judge import Judge, JudgeModels
from .tagger import ProbTagger
from .names import NameFinder
from .patterns import is_named, looks_named
from .relations import RelationFinder
from .results import ResultFinder
from .sentences import SentenceSplitter, sentence_starts
from .tagged import TaggedNames

__all__ = [
    "BatchComponent", "TextKeepingTokenizer", "doc_text", "entities", "ents_in", "set_entities",
    "span_text", "EntityFilter", "Gazetteer", "Judge", "JudgeModels", "ProbTagger", "NameFinder", "RelationFinder",
    "ResultFinder", "SentenceSplitter", "TaggedNames",
    "is_named", "looks_named", "sentence_starts",
]
