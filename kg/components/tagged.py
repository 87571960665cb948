"""``kg_tagged_names``: the bridge from the trained tagger to the entities. The tagger
(``kg_ner_tags``, see :mod:`kg.train`) puts a BILUO tag on every token (``token.tag_``:
``U-Method``, or ``B-Task I-Task* L-Task``); this component decides between its names and the
rules'.

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp()("We study semantic parsing with a graph neural network on CIFAR-10.")
>>> [(e.text, e.label_) for e in doc.ents]
[('semantic parsing', 'Task'), ('graph neural network', 'Method'), ('CIFAR-10', 'Dataset')]
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..schema import ENTITY_LABELS
from .doc import BatchComponent, doc_text, entities, get, put, set_entities, span_text
from .patterns import word_set

_CLAUSE_MARK = re.compile(r"[,;()\[\]]|'s$|’s$")


@dataclass
class TaggedNames(BatchComponent):
    """Turns the BILUO tags of a trained tagger into entities, stacked on the rules' (the tagger
    read the rules' entities as features). A well-formed run is a candidate name; a run of only
    stop words or punctuation is dropped; ill-formed runs are no entity.

    Kept first: the rules' entities of a label in ``rules_win``, and the acronyms and long forms
    an abstract defines (``doc._.kg_aliases``); then the tagger's runs that overlap none of those
    (a run of a ``rules_win`` label only where the rules found nothing at all); then the rules'
    other entities that overlap nothing kept so far. A run that is exactly a rule entity of its
    label is that entity (with its gazetteer id); a run around a single known name of its label
    takes that name's id as canonical name only when the words it adds are all ``same_name``
    words (generic nouns and qualifiers: "the pre-trained BERT model" is BERT); a run that adds
    another word is another name ("Graph Transformer" is not Transformer, "worst-group accuracy" is
    not accuracy). So the tagger decides the boundaries and labels of methods, tasks and metrics,
    and keeps the rules' names where it has no opinion.
    What found each entity it keeps goes to ``doc._.kg_sources``.
    """

    labels: frozenset
    stop: frozenset
    rules_win: frozenset = frozenset({"Dataset"})
    #: words a run may add around a known name and still be that name (the word list ``same_name_words``)
    same_name: frozenset = frozenset()
    #: words that are part of no name (English function words, the word list ``not_name``, the
    #: one-word relation cues); and the stems of the cues that end in ``*``
    no_name: frozenset = frozenset()
    cue_stems: tuple = ()

    def __call__(self, doc: Doc) -> Doc:
        ents = entities(doc)
        runs = self._runs(doc)
        sources = {(e.start_char, e.end_char, e.label_): "gazetteer" if e.id else "rules" for e in ents}
        put(doc, "kg_sources", sources)
        if not runs:
            return doc
        # an acronym and its long form ("Gated Token Mixer (GTM)") are the rules' too
        defined = {text.lower() for _, long, short in get(doc, "kg_aliases") or () for text in (long, short)}
        kept, later = [], []
        for e in ents:
            (kept if e.label_ in self.rules_win or span_text(e).lower() in defined else later).append(e)
        occupied = bytearray(len(doc) + 1)
        for e in kept:
            occupied[e.start:e.end] = b"\x01" * (e.end - e.start)
        ruled = bytearray(len(doc) + 1)
        for e in ents:
            ruled[e.start:e.end] = b"\x01" * (e.end - e.start)
        same = {(e.start, e.end, e.label_): e for e in ents}
        added = False
        for start, end, label in runs:
            if 1 in occupied[start:end] or (label in self.rules_win and 1 in ruled[start:end]):
                continue
            span = same.get((start, end, label))
            if span is not None:
                k = (span.start_char, span.end_char, label)
                sources[k] = sources[k] + "+tagger"  # both drew it: "rules+tagger", "gazetteer+tagger"
            else:
                # a run around one known name of its label: that name when it adds only generic
                # words ("the BiLSTM models": BiLSTM), the known name alone when it adds a word that
                # is part of no name ("beats ResNet-50", "OpenAI's GPT"), else another name
                # ("Graph Transformer" is not Transformer)
                inner = [e for e in ents if start <= e.start and e.end <= end]
                known = ""
                if len(inner) == 1 and inner[0].id and inner[0].label_ == label:
                    extra = self._added(doc, start, end, inner[0])
                    if all(w.lower() in self.same_name for w in extra):
                        known = inner[0].id_
                    elif any(self._no_name_word(w) for w in extra):
                        start, end = inner[0].start, inner[0].end
                        if 1 in occupied[start:end]:
                            continue
                        span = inner[0]
                        k = (span.start_char, span.end_char, label)
                        sources[k] = sources[k] + "+tagger"
                if span is None:
                    span = Span(doc, start, end, label=label, span_id=known)
                    sources[(span.start_char, span.end_char, label)] = "tagger"
            kept.append(span)
            occupied[start:end] = b"\x01" * (end - start)
            added = True
        for e in later:
            if 1 not in occupied[e.start:e.end]:
                kept.append(e)
                occupied[e.start:e.end] = b"\x01" * (e.end - e.start)
        if added or len(kept) != len(ents):
            set_entities(doc, sorted(kept, key=lambda sp: sp.start))
        return doc

    def _runs(self, doc: Doc) -> list[tuple[int, int, str]]:
        """The well-formed tag runs ``(start, end, label)`` that are more than stop words."""
        runs = []
        start = label = None
        for i, tok in enumerate(doc):
            prefix, _, lab = tok.tag_.partition("-")
            if lab not in self.labels:
                start = None
                continue
            if prefix == "U":
                runs.append((i, i + 1, lab))
                start = None
            elif prefix == "B":
                start, label = i, lab
            elif prefix == "L" and start is not None and lab == label:
                runs.append((start, i + 1, lab))
                start = None
            elif prefix != "I" or lab != label:
                start = None
        return [r for r in runs if not self._only_stop_words(doc[r[0]:r[1]])]

    @staticmethod
    def _added(doc: Doc, start: int, end: int, inner: Span) -> list[str]:
        """The words tokens ``start:end`` add around ``inner`` (a word is what lies between spaces:
        "non-transformer" adds "non-")."""
        text = doc_text(doc)
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        return (text[a:inner.start_char] + " " + text[inner.end_char:b]).split()

    def _no_name_word(self, word: str) -> bool:
        """A word that is part of no name: a function word, a relation cue ("beats", "using"), a
        possessive ("OpenAI's"), or one with a comma, a semicolon or a bracket in it."""
        low = word.lower()
        return (low in self.no_name or _CLAUSE_MARK.search(word) is not None
                or any(low.startswith(c) for c in self.cue_stems))

    def _only_stop_words(self, span: Span) -> bool:
        stop = self.stop
        low = span.text.lower()
        return (low in stop or low.removesuffix("s") in stop
                or all(t.is_punct or t.lower_ in stop or t.lower_.removesuffix("s") in stop for t in span))


@Language.factory(
    "kg_tagged_names",
    default_config={"labels": list(ENTITY_LABELS), "stop": [], "rules_win": ["Dataset"], "words": {}, "cues": []},
    requires=["token.tag", "doc._.kg_ents", "doc._.kg_aliases"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id", "doc._.kg_ents", "doc._.kg_sources"],
)
def make_tagged_names(nlp: Language, name: str, labels: list[str], stop: list[str], rules_win: list[str],
                      words: dict[str, list[str]], cues: list[str]) -> TaggedNames:
    """Entities from a trained BILUO tagger (see :mod:`kg.train`) combined with the rules' (see
    :class:`TaggedNames`); ``stop``: words that are no name (the stop list of ``rules/``), singular
    or plural, to which the word list ``generic`` of ``words`` adds words that alone are no name;
    the word list ``same_name_words``: what a run may add to a known name and still be it; ``cues``:
    the relation cues of ``rules/`` (words that are part of no name, with the list ``not_name``)."""
    one_word = [c for c in cues if " " not in c]
    return TaggedNames(labels=frozenset(labels),
                       stop=frozenset(s.lower() for s in stop) | word_set(words, "generic", "kg_tagged_names"),
                       rules_win=frozenset(rules_win), same_name=word_set(words, "same_name_words", "kg_tagged_names"),
                       no_name=frozenset(STOP_WORDS) | word_set(words, "not_name", "kg_tagged_names")
                       | {c for c in one_word if not c.endswith("*")},
                       cue_stems=tuple(sorted({c[:-1] for c in one_word if c.endswith("*")})))
