"""``kg_entity_filter``: the last word of the rules on the entities, after every component that finds
them (``kg_names``, and ``kg_tagged_names`` in the full pipeline) and before the results and
relations, which therefore never bind to what it drops.

What it drops, whichever component found it:

* a name shaped like no name: a web address (``https://github.com/o/r``, ``www.x.org``; a code link
  is the paper's Repository, see :mod:`kg.assemble`), a citation key (``Belkin2018ReconcilingMM``,
  ``he2016deep``), a bare number (``2021``, ``8K``, ``3.5%``), or a name with unbalanced brackets
  (``g(t``, ``backbone)``: a cut through a formula or a parenthesis) or a hyphen at an end
  (``-shot``: a cut through a word);
* an entity whose whole canonical name is a term its type excludes: the word lists ``not_method``,
  ``not_task``, ``not_metric`` and ``not_dataset`` of ``rules/words.jsonl`` (the exclude terms of the
  graph guidelines), compared by letters and digits, singular or plural. An acronym and the long
  form it is defined with are one entity: when either is excluded, both are ("deep neural network
  (DNN)").

The acronym definitions (``doc._.kg_aliases``) and the proposed names (``doc._.kg_proposed``) lose
what it drops too.

Before that, a Method or Dataset that is part of a hyphenated word is widened to the whole word, a
name of its own (``As-ViT``, ``ViT-G``, ``EfficientDet-D7``, ``COCO-Stuff``, ``mini-ImageNet`` are
not ViT, EfficientDet, COCO, ImageNet), unless the word after the hyphen makes an adjective of it
(``BERT-based``: the word list ``compound_ends``) or the word before it is a prefix
(``non-Transformer``: ``compound_starts``).

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp(trained=False)("We propose ZorbNet, a deep network; code: https://github.com/o/ZorbNet.")
>>> [(e.text, e.label_) for e in doc.ents]
[('ZorbNet', 'Method')]
>>> f = make_nlp(trained=False).get_pipe("kg_entity_filter")
>>> f.keeps("Method", "Deep Networks"), f.keeps("Method", "Belkin2018ReconcilingMM"), f.keeps("Task", "image classification")
(False, False, True)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..schema import merge_key, singular_forms
from .doc import BatchComponent, doc_text, entities, get, put, set_entities
from .patterns import Naming, word_set

#: a web address: a scheme, ``www.``, or a host of a common top-level domain followed by a path or the end
URL = re.compile(r"(?i)^[a-z][a-z0-9+.\-]*://|^www\.|[\w\-]\.(?:com|org|net|edu|gov|io|ai|dev|info|co|me|ly)(?:[/:?#]|$)")
#: a citation key: a surname, a year, words of a title run together (Belkin2018ReconcilingMM, he2016deep)
CITATION_KEY = re.compile(r"[A-Za-z][a-z]+(?:19|20)\d\d[A-Za-z]{3,}")
#: a bare number: digits and signs, with at most a magnitude or unit letter (2021, 3.5%, 8K, 600k, 10x)
BARE_NUMBER = re.compile(r"[\W_]*\d[\d\W_]*[kKMBGTx]?[\W_]*")
#: the word list of the names each type excludes
EXCLUDE_LISTS = {"Method": "not_method", "Task": "not_task", "Metric": "not_metric", "Dataset": "not_dataset"}
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
#: a character some shape problem needs (most names have none, and are passed at once)
_SUSPECT = re.compile(r"[.:/\d()\[\]{}]|^-|-$")
#: the entity types a hyphenated word is widened for (see above)
WIDENED = frozenset({"Method", "Dataset"})
#: how many decisions a filter remembers (names repeat across papers)
_REMEMBERED = 50_000


def shape_problem(name: str) -> str | None:
    """Why ``name`` is shaped like no name ("a URL", "a citation key", "a bare number",
    "unbalanced brackets", "a cut word"), or None.

    >>> [shape_problem(s) for s in ("www.example.org/x", "he2016deep", "8K", "SE(3", "-shot", "ResNet-50", "GPT-4V(ision)")]
    ['a URL', 'a citation key', 'a bare number', 'unbalanced brackets', 'a cut word', None, None]
    """
    if _SUSPECT.search(name) is None:
        return None
    if URL.search(name):
        return "a URL"
    if CITATION_KEY.fullmatch(name):
        return "a citation key"
    if BARE_NUMBER.fullmatch(name):
        return "a bare number"
    if any(name.count(a) != name.count(b) for a, b in _BRACKETS):
        return "unbalanced brackets"
    if name[:1] == "-" or name[-1:] == "-":
        return "a cut word"
    return None


@dataclass
class EntityFilter(BatchComponent):
    """Drops the entities that are no name or a term their type excludes (see the module above).

    ``words``: the word lists of ``rules/`` (it reads ``not_method``, ``not_task``, ``not_metric``,
    ``not_dataset`` and, for the canonical names, those of :class:`Naming`); ``aliases``: the
    alias lines of ``rules/``, for the canonical names.
    """

    words: Mapping[str, Iterable[str]]
    aliases: tuple = ()
    excluded: dict = field(init=False)
    _decided: dict = field(init=False, default_factory=dict, repr=False)  # (label, surface, id) -> kept

    def __post_init__(self):
        #: label -> the merge keys of the names it excludes
        self.excluded = {label: frozenset(merge_key(w) for w in word_set(self.words, name, "kg_entity_filter"))
                         for label, name in EXCLUDE_LISTS.items()}
        self.naming = Naming(self.words, self.aliases)
        self.compound_ends = word_set(self.words, "compound_ends", "kg_entity_filter")
        self.compound_starts = word_set(self.words, "compound_starts", "kg_entity_filter")

    def _widened(self, doc: Doc, ents: list[Span]) -> list[Span] | None:
        """``ents`` with each Method or Dataset inside a hyphenated word widened to the word (None
        when none is)."""
        taken = bytearray(len(doc) + 1)
        for e in ents:
            taken[e.start:e.end] = b"\x01" * (e.end - e.start)
        out, changed = [], False
        for e in ents:
            start, end = e.start, e.end
            if e.label_ in WIDENED:
                while self._joins(doc, end, forward=True) and not any(taken[end:end + 2]):
                    end += 2
                while self._joins(doc, start, forward=False) and not any(taken[start - 2:start]):
                    start -= 2
            if (start, end) == (e.start, e.end):
                out.append(e)
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append(Span(doc, start, end, label=e.label_))
            changed = True
        return out if changed else None

    def _joins(self, doc: Doc, i: int, forward: bool) -> bool:
        """Whether a hyphen joins the name that ends (``forward``) or starts at token ``i`` to a
        word with no space between ("ViT" + "-G", "As-" + "ViT")."""
        if forward:
            if i + 1 >= len(doc) or doc[i - 1].whitespace_ or doc[i].text != "-" or doc[i].whitespace_:
                return False
            word = doc[i + 1]
            return word.text[:1].isalnum() and word.lower_ not in self.compound_ends
        if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
            return False
        word = doc[i - 2]
        return word.text[-1:].isalnum() and word.lower_ not in self.compound_starts

    @staticmethod
    def _take_widened(doc: Doc, ents: list[Span], widened: list[Span]) -> None:
        """A widened entity is this rule's (``doc._.kg_sources``: "rules", with the tagger when it drew
        the part); a proposed name widened is proposed as the whole word (``doc._.kg_proposed``)."""
        moved = {(a.start_char, a.end_char, a.label_): b for a, b in zip(ents, widened) if a is not b}
        sources = get(doc, "kg_sources")
        if sources is not None:
            for (s, e, label), b in moved.items():
                sources[(b.start_char, b.end_char, label)] = "rules+tagger" if "tagger" in sources.get((s, e, label), "") else "rules"
        proposed = get(doc, "kg_proposed")
        if proposed:
            put(doc, "kg_proposed", [moved.get((p.start_char, p.end_char, p.label_), p) for p in proposed])

    def keeps(self, label: str, name: str) -> bool:
        """Whether a name (canonical, or as written) may be an entity of type ``label``."""
        return shape_problem(name) is None and not self.is_excluded(label, name)

    def is_excluded(self, label: str, name: str) -> bool:
        """Whether ``name`` is, singular or plural, a term that type ``label`` excludes."""
        terms = self.excluded.get(label)
        if not terms:
            return False
        return merge_key(name) in terms or any(merge_key(f) in terms for f in singular_forms(name))

    def _keeps_span(self, span: Span, text: str) -> bool:
        surface = text[span.start_char:span.end_char]
        key = (span.label_, surface, span.id)
        kept = self._decided.get(key)
        if kept is None:
            if len(self._decided) >= _REMEMBERED:
                self._decided.clear()
            name = span.id_ if span.id else self.naming(span.label_, surface)
            kept = self._decided[key] = shape_problem(surface) is None and self.keeps(span.label_, name)
        return kept

    def __call__(self, doc: Doc) -> Doc:
        ents = entities(doc)
        aliases = get(doc, "kg_aliases") or []
        if not ents and not aliases:
            return doc
        text = doc_text(doc)
        widened = self._widened(doc, ents) if ents else None
        if widened is not None:
            self._take_widened(doc, ents, widened)
            ents = widened
        dropped = {(e.label_, merge_key(text[e.start_char:e.end_char])) for e in ents if not self._keeps_span(e, text)}
        if aliases:
            # an acronym and its long form are one entity: when one goes, so does the other
            kept_aliases = []
            for pair in aliases:
                label, long, short = pair
                gone = {(label, merge_key(long)), (label, merge_key(short))}
                if gone & dropped or not self.keeps(label, long) or not self.keeps(label, short):
                    dropped |= gone
                else:
                    kept_aliases.append(pair)
            if len(kept_aliases) != len(aliases):
                put(doc, "kg_aliases", kept_aliases)
        if not dropped:
            if widened is not None:
                set_entities(doc, ents)
            return doc

        def gone(span: Span) -> bool:
            surface = text[span.start_char:span.end_char]
            key = merge_key(surface)
            return ((span.label_, key) in dropped or any((span.label_, merge_key(f)) in dropped for f in singular_forms(surface))
                    or not self._keeps_span(span, text))

        kept = [e for e in ents if not gone(e)]
        if len(kept) != len(ents) or widened is not None:
            set_entities(doc, kept)
        proposed = get(doc, "kg_proposed")
        if proposed:
            put(doc, "kg_proposed", [p for p in proposed if not gone(p)])
        return doc


@Language.factory(
    "kg_entity_filter",
    default_config={"words": {}, "aliases": []},
    requires=["doc._.kg_ents", "doc._.kg_aliases", "doc._.kg_proposed"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id", "doc._.kg_ents",
             "doc._.kg_aliases", "doc._.kg_proposed"],
)
def make_entity_filter(nlp: Language, name: str, words: dict[str, list[str]], aliases: list[dict]) -> EntityFilter:
    """Drops entities that are no name or a term their type excludes; ``words`` (the word lists)
    and ``aliases`` (the alias lines) come from ``rules/`` (:func:`kg.pipeline.make_nlp` passes them)."""
    return EntityFilter(words=words, aliases=tuple(aliases))


__all__ = ["EntityFilter", "shape_problem", "URL", "CITATION_KEY", "BARE_NUMBER", "EXCLUDE_LISTS"]
