"""``kg_sentences``: sentence starts that know abstracts (a title and its abstract are apart; no
start after "e.g.", "i.e.", "et al.", ...).

>>> list(sentence_starts("Title\\n\\nWe use X, e.g. BERT. It works.", {"e.g."}))
[7, 28]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .doc import BatchComponent, doc_text, put

# a sentence end: [.!?] (closing quotes or brackets, space, then a capital, digit or opening bracket),
# or a line break; written to begin with one character class, which the regex engine skips to
_SENT_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9(\[\"'])|(?<=\n)\s*)")


def sentence_starts(text: str, abbreviations: frozenset | set) -> Iterator[int]:
    """The character offsets where a sentence of ``text`` starts, after the first: after ``.``,
    ``!``, ``?`` when a capital, digit or bracket follows (not after a word of ``abbreviations``,
    lower-case, with its period), and after every run of line breaks."""
    for m in _SENT_END.finditer(text):
        end = m.end()
        if end >= len(text):
            return
        word_start = text.rfind(" ", 0, m.start()) + 1
        if text[word_start:m.start() + 1].lower() in abbreviations:
            continue
        yield end


@dataclass
class SentenceSplitter(BatchComponent):
    """Sets the sentence starts of :func:`sentence_starts` (``token.is_sent_start``, a start
    where a token begins at one) and keeps their token indices in ``doc._.kg_sent_starts``.

    Only the starts are set, which keeps the component cheap.
    """

    abbreviations: frozenset

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = doc.to_array("IDX").tolist()
        sent_starts = [0]
        for end in sentence_starts(doc_text(doc), self.abbreviations):
            i = bisect_left(starts, end)
            if i < len(doc) and starts[i] == end and i > sent_starts[-1]:
                sent_starts.append(i)
        flags = numpy.zeros((len(doc), 1), dtype="uint64")
        flags[sent_starts, 0] = 1
        doc.from_array([SENT_START], flags)  # one call, not one token at a time
        put(doc, "kg_sent_starts", sent_starts)
        return doc


@Language.factory(
    "kg_sentences",
    default_config={"words": {}},
    assigns=["token.is_sent_start", "doc._.kg_sent_starts"],
)
def make_sentence_splitter(nlp: Language, name: str, words: dict[str, list[str]]) -> SentenceSplitter:
    """Abstract-aware sentence splitter; ``words["abbreviations"]``: the word lists of ``rules/``
    (:data:`kg.rules.WORD_LISTS`) it reads."""
    return SentenceSplitter(abbreviations=frozenset(w.lower() for w in words.get("abbreviations", ())))
