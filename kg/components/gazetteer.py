"""``kg_gazetteer``: the known Method / Dataset / Task / Metric names of the rule files, longest
match first.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("kg_gazetteer").add_patterns([{"label": "Dataset", "pattern": "CIFAR10", "id": "CIFAR-10"}])
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("Tests on CIFAR10 only.").ents]
[('CIFAR10', 'Dataset', 'CIFAR-10')]
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from .doc import BatchComponent, entities, set_entities


class Gazetteer(BatchComponent):
    """Phrase patterns of ``rules/*.jsonl``: case-insensitive ones on ``LOWER``, ``"case": "exact"``
    ones on ``ORTH``; where matches overlap the longest wins; entities found before are kept.

    Works like spaCy's ``entity_ruler`` with phrase patterns (``label``, ``pattern``, ``id``), but
    with two phrase matchers, so exact-case names cost no more than the others. Writes the
    entities (``doc.ents`` and ``doc._.kg_ents``) with the canonical name as each span's id.
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add patterns ``{"label", "pattern", "id", "case"}`` (``case``: "lower", the default, or "exact")."""
        groups: dict[tuple[str, str, str], list] = {}
        for p in patterns:
            groups.setdefault((p["label"], p["id"], p.get("case", "lower")), []).append(p["pattern"])
        make_doc = self._pattern_tokenizer()
        for (label, ent_id, case), texts in groups.items():
            key = f"{label}\t{ent_id}"
            self.keys[self.nlp.vocab.strings.add(key)] = (label, ent_id)
            matcher = self.exact if case == "exact" else self.lower
            matcher.add(key, [make_doc(t) for t in texts])

    def _pattern_tokenizer(self) -> Tokenizer:
        """The pipeline's tokenizer rules over a vocab of its own, for the pattern docs.

        The matchers compare hashes, which do not depend on the vocab; but every word a pattern
        brings would stay in the pipeline's vocab, and spaCy's tokenizer caches the words of a
        text only while its vocab has fewer than 10,000 entries: thousands of pattern words
        there made tokenizing abstracts about twice as slow.
        """
        tok = self.nlp.tokenizer
        return Tokenizer(
            spacy.blank(self.nlp.lang).vocab, rules=tok.rules, prefix_search=tok.prefix_search,
            suffix_search=tok.suffix_search, infix_finditer=tok.infix_finditer,
            token_match=tok.token_match, url_match=tok.url_match,
        )

    def __len__(self) -> int:
        return len(self.lower) + len(self.exact)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.lower(doc) + self.exact(doc)
        if not matches:
            return doc
        spans = []
        for key, start, end in _longest_first(matches):
            label, ent_id = self.keys[key]
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
        existing = entities(doc) if doc.has_annotation("ENT_IOB") else []
        if existing:
            taken = {i for e in existing for i in range(e.start, e.end)}
            spans = [sp for sp in spans if not any(i in taken for i in range(sp.start, sp.end))]
            spans = sorted(existing + spans, key=lambda sp: sp.start)
        set_entities(doc, spans)
        return doc


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spaCy's ``filter_spans`` over matcher matches ``(key, start, end)``: where matches overlap,
    the (first) longest wins; sorted by start. (Spans are made only for the matches kept.)"""
    kept, seen = [], set()
    for m in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if m[1] not in seen and m[2] - 1 not in seen:
            kept.append(m)
            seen.update(range(m[1], m[2]))
    return sorted(kept, key=lambda m: m[1])


@Language.factory(
    "kg_gazetteer",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id", "doc._.kg_ents"],
)
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Known Method/Dataset/Task/Metric names; add patterns with ``add_patterns``."""
    return Gazetteer(nlp)
