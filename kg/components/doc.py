"""What kg's components share on a ``Doc``: the ``Doc._`` extensions they exchange data through,
and the helpers that read and write them.

Every piece of data one component leaves for another is a declared ``Doc._`` extension (each
factory lists the ones it ``assigns`` and ``requires``); nothing travels through undeclared keys:

* ``kg_text``: the input string; set by the tokenizer (:class:`TextKeepingTokenizer`), else on
  its first read; read by every component;
* ``kg_sent_starts``: the token index of each sentence start; set by ``kg_sentences``; read by
  :func:`sentences` and ``kg_names``;
* ``kg_sents``: the sentences as ``Span`` objects, a cache that :func:`sentences` fills; read by
  ``kg_results``, ``kg_relations`` and :mod:`kg.extract`;
* ``kg_ents``: the entities as ``doc.ents`` reads them back (a list: ``doc.ents`` makes new spans on
  every read); set through :func:`set_entities` by every component that changes the entities
  (``kg_gazetteer``, ``kg_names``, ``kg_tagged_names``, ``kg_entity_filter``), which also writes ``doc.ents``; read by
  every later component (:func:`entities`);
* ``kg_id_spans``: every entity that carried a canonical id, kept by :func:`set_entities` for itself;
* ``kg_aliases``: ``[(label, long form, acronym)]``; set by ``kg_names`` (``kg_entity_filter`` drops
  the pairs of what it drops); read by ``kg_tagged_names``, ``kg_results`` and :mod:`kg.extract`;
* ``kg_proposed``: the Method spans the paper proposes; set by ``kg_names`` (``kg_entity_filter`` drops
  what it drops); read by ``kg_results``, ``kg_relations`` and :mod:`kg.extract`;
* ``kg_results``: one dict per result number (value, unit, kind, the spans it is bound to); set by
  ``kg_results``; read by :mod:`kg.extract`;
* ``kg_relations``: ``(subject, predicate, object, sentence, confidence, source)``; set by ``kg_relations``; read by
  :mod:`kg.extract`;
* ``kg_tag_probs``, ``kg_tag_labels``: the trained tagger's probability of every BILUO tag for
  every token (a ``numpy`` array, one row per token) and the tags in column order; set by
  ``kg_tagger``; read by ``kg_judge``;
* ``kg_sources``: ``{(start_char, end_char, label): source}``: what found each entity kept by
  ``kg_tagged_names`` (``gazetteer``, ``rules``, ``tagger``, or ``rules+tagger`` /
  ``gazetteer+tagger`` when both drew it); set by ``kg_tagged_names``; read by ``kg_judge``;
* ``kg_judgement``: what ``kg_judge`` decided (a :class:`kg.components.judge.Judgement`: the
  paper's candidate clusters, each one's type and confidence, how likely the paper proposes it and
  is about it); set by ``kg_judge``; read by ``kg_relations``;
* ``kg_proposals``: ``[(span, confidence)]``: the names the paper may propose, most likely first;
  set by ``kg_judge``; read by :mod:`kg.extract`;
* ``kg_judged``: ``{(start_char, end_char, label): (confidence, source)}`` of the entities a
  component judged (how sure it is, what found the name); set by ``kg_judge``; read by
  :mod:`kg.extract`, which gives an entity no component judged confidence 1.0 and source
  "gazetteer" or "rules".

An extension's value lives in ``doc.user_data[name]``: ``doc._.kg_ents`` reads and writes it there,
and the components go there directly (:func:`get`, :func:`put`, :func:`ext_list`), which costs a tenth of a trip
through ``doc._``. Entities are also ``doc.ents`` (label Method, Dataset, Task or Metric; the
canonical name in ``ent.ent_id_``, empty when the text is the name): every component that changes
the entities writes both, so ``doc.ents`` is right after each component.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("We use BERT.")
>>> set_entities(doc, [Span(doc, 2, 3, label="Method", span_id="BERT")])
>>> [(e.text, e.ent_id_) for e in doc.ents], [e.text for e in doc._.kg_ents]
([('BERT', 'BERT')], ['BERT'])
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span
from spacy.util import minibatch

#: the ``Doc._`` extensions of kg's components (see the table above)
EXTENSIONS = ("kg_text", "kg_sent_starts", "kg_sents", "kg_ents", "kg_id_spans",
              "kg_aliases", "kg_proposed", "kg_results", "kg_relations", "kg_tag_probs", "kg_tag_labels",
              "kg_sources", "kg_judgement", "kg_proposals", "kg_judged")


def get(doc: Doc, name: str):
    """The value of extension ``name`` of ``doc`` (None until set), read without ``doc._``."""
    return doc.user_data.get(name)


def put(doc: Doc, name: str, value) -> None:
    """Set extension ``name`` of ``doc`` to ``value``, without ``doc._``."""
    doc.user_data[name] = value


def ext_list(doc: Doc, name: str) -> list:
    """The list of extension ``name`` of ``doc`` (created empty if unset), to append to."""
    value = doc.user_data.get(name)
    if value is None:
        value = doc.user_data[name] = []
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token's text on each call)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` without walking its tokens (sentences are long)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc`` as a list (cheap when ``kg_sentences`` ran, else ``doc.sents``)."""
    cached = doc.user_data.get("kg_sents")
    if cached is not None:
        return cached
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        return list(doc.sents)
    bounds = starts + [len(doc)]
    sents = doc.user_data["kg_sents"] = [Span(doc, a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    return sents


def entities(doc: Doc) -> list[Span]:
    """The entities of ``doc`` as the last component to set them (:func:`set_entities`) left them
    (``doc.ents`` as a list when no kg component set any).

    spaCy rebuilds ``doc.ents`` (one new ``Span`` per entity) on every read; the components and
    the extraction step read them often.
    """
    ents = doc.user_data.get("kg_ents")
    return list(doc.ents) if ents is None else ents


def set_entities(doc: Doc, ents: list[Span]) -> None:
    """Set ``doc.ents`` to ``ents`` (sorted, non-overlapping spans of ``doc``) and ``doc._.kg_ents``
    to the list itself.

    Like ``doc.ents = ents`` without rebuilding every span; a span's ``id_`` (its canonical name,
    or empty) is its tokens' ``ent_id_``, as ``doc.ents`` would read it back. After the first
    call, only what changed is written: the spans of ``ents`` that were not in the entities
    before (the same objects), and "outside" on the tokens of those that left (so the gazetteer
    writes the entities, and a later component that adds a few names pays for those). The
    entities must be written through this function only.
    """
    before = doc.user_data.get("kg_ents")
    if not before:
        written = ents
        doc.set_ents(ents)
    else:
        old = {id(e) for e in before}
        now = {id(e) for e in ents}
        written = [e for e in ents if id(e) not in old]
        covered = {i for e in written for i in range(e.start, e.end)}
        left = [doc[i:i + 1] for e in before if id(e) not in now for i in range(e.start, e.end) if i not in covered]
        doc.set_ents(written, outside=left, default="unmodified")
    had_id = doc.user_data.get("kg_id_spans")  # spans whose tokens got an id in an earlier call
    if had_id:
        with_id = {i for e in had_id for i in range(e.start, e.end)}
        for e in written:
            if not e.id:  # set_ents keeps a token's old ent_id when the span has none
                for i in with_id.intersection(range(e.start, e.end)):
                    doc[i].ent_id = 0
    doc.user_data["kg_id_spans"] = (had_id or []) + [e for e in written if e.id]
    doc.user_data["kg_ents"] = ents


def ents_in(ents: list[Span], ent_starts: list[int], sent: Span) -> list[Span]:
    """The entities of ``ents`` (sorted, with their token starts) inside ``sent``."""
    lo = bisect_left(ent_starts, sent.start)
    hi = bisect_left(ent_starts, sent.end)
    return ents[lo:hi]


def _declare(name: str, getter=None, setter=None) -> None:
    def get_value(doc):
        return doc.user_data.get(name)

    def set_value(doc, value):
        doc.user_data[name] = value

    Doc.set_extension(name, getter=getter or get_value, setter=setter or set_value, force=True)


for _name in EXTENSIONS:
    _declare(_name)
_declare("kg_text", getter=doc_text)
_declare("kg_sents", getter=sentences)
_declare("kg_ents", getter=entities, setter=set_entities)


class BatchComponent:
    """A component that ``nlp.pipe`` hands a batch of docs at a time (``pipe``), so that each
    component runs over the whole batch before the next one starts: its code and data stay in the
    processor's caches, which makes extraction about 15% faster than taking each doc through
    every component in turn. Subclasses define ``__call__(doc)``."""

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            yield from map(self, batch)


class TextKeepingTokenizer:
    """Wraps a tokenizer to keep the input string in ``doc._.kg_text``
    (spaCy rebuilds ``doc.text`` from the tokens on every call)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["kg_text"] = text
        return doc

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


class CharMask:
    """Which characters of a text are already inside an entity.

    >>> m = CharMask(10); m.mark(2, 4); (m.any(0, 2), m.any(3, 8))
    (False, True)
    """

    def __init__(self, n: int):
        self.bits = bytearray(n + 1)

    def mark(self, s: int, e: int) -> None:
        self.bits[s:e] = b"\x01" * (e - s)

    def any(self, s: int, e: int) -> bool:
        return 1 in self.bits[s:e]
