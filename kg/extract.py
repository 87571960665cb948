"""Run the spaCy pipeline over papers and turn its output into plain dataclasses.

This is the only module that reads spaCy ``Span`` objects; what leaves it is
:class:`~kg.model.Extraction`.

>>> from kg.model import Paper
>>> ex = extract(Paper(id="p1", title="", abstract="ZorbNet reaches 91.2% accuracy on CIFAR10, beating ResNet-50."))
>>> sorted((e.type, e.name) for e in ex.entities)
[('Dataset', 'CIFAR-10'), ('Method', 'ResNet-50'), ('Method', 'ZorbNet'), ('Metric', 'accuracy')]
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from spacy.util import minibatch

from .components.doc import doc_text, entities as entities_of, sentences, span_text
from .components.patterns import Naming
from .components.results.candidates import without_split
from .model import Entity, Evidence, Extraction, Paper, Result, Triple
from .schema import merge_key

@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The pipeline built from the default rules and model (built once per process)."""
    from .pipeline import make_nlp

    return make_nlp()


def extract(papers: Paper | Iterable[Paper], nlp: Language | None = None, *, batch_size: int = 64,
            n_process: int = 1, min_confidence: float | None = None):
    """Extract one :class:`Paper` (returns an :class:`Extraction`) or a stream (yields them, in order).

    ``n_process > 1`` runs the pipeline in that many worker processes (forked, so each starts
    with a copy of ``nlp``); results still come back in input order. ``n_process=0``: one worker
    per CPU core this process may use, unless the papers (a list) fill no more than one batch.

    ``min_confidence``: entities, triples and results below it are left out (see
    :func:`above_threshold`); None takes the pipeline's own threshold (:func:`min_confidence_of`).
    """
    nlp = nlp or default_nlp()
    threshold = min_confidence_of(nlp) if min_confidence is None else _checked_threshold(min_confidence)
    if isinstance(papers, Paper):
        ex = _unpack(papers, _read_and_release(papers.id, nlp(papers.text), Reading.of(nlp)))
        return above_threshold(ex, threshold)
    if n_process == 0:
        small = isinstance(papers, Sequence) and len(papers) <= batch_size
        n_process = 1 if small else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        stream = _extract_parallel(papers, nlp, batch_size, n_process)
    else:
        stream = _extract_stream(papers, nlp, batch_size)
    return stream if threshold <= 0.0 else (above_threshold(ex, threshold) for ex in stream)


#: the key of ``nlp.meta`` that holds a pipeline's confidence threshold (set with its trained judge)
MIN_CONFIDENCE_META = "kg_min_confidence"


def min_confidence_of(nlp: Language) -> float:
    """The confidence threshold of a pipeline: ``nlp.meta["kg_min_confidence"]`` (chosen on dev data
    with the judge that sets it), or 0.0 (everything) when it has none."""
    # (read from spaCy's own dict: the ``meta`` property rebuilds parts of it on every read)
    meta = getattr(nlp, "_meta", None)
    return _checked_threshold((meta if isinstance(meta, dict) else nlp.meta).get(MIN_CONFIDENCE_META, 0.0))


def _checked_threshold(x) -> float:
    try:
        x = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"a confidence threshold is a number from 0 to 1, not {x!r}") from None
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"a confidence threshold is a number from 0 to 1, not {x!r}")
    return x


def above_threshold(ex: Extraction, min_confidence: float) -> Extraction:
    """``ex`` without what is less sure than ``min_confidence``: its entities, triples and results
    below it, and what names a dropped entity: a triple to or from a name all of whose mentions were
    dropped, an acronym definition of one. So the graph never gets a dropped name back through a
    relation. One exception: a name that a kept result is bound to stays, at its own confidence (the
    number is its evidence: "ZorbNet reaches 81.2% on FooSet" keeps ZorbNet and FooSet on the
    leaderboard however unsure the judge was of the names alone).

    >>> from kg.model import Entity
    >>> p = Paper(id="p1", title="", abstract="ZorbNet and deep nets.")
    >>> ex = Extraction(p, (Entity("Method", "ZorbNet", "ZorbNet", 0, 7, 0.9, "tagger"),
    ...                     Entity("Method", "deep nets", "deep net", 12, 21, 0.2, "tagger")))
    >>> [e.name for e in above_threshold(ex, 0.5).entities]
    ['ZorbNet']
    """
    if min_confidence <= 0.0:
        return ex
    results = tuple(r for r in ex.results if r.confidence >= min_confidence)
    bound = {(label, name) for r in results
             for label, name in (("Method", r.method), ("Dataset", r.dataset), ("Metric", r.metric), ("Task", r.task))
             if name is not None}
    entities = tuple(e for e in ex.entities if e.confidence >= min_confidence or (e.type, e.name) in bound)
    if len(entities) == len(ex.entities) and len(results) == len(ex.results) and all(
            t.confidence >= min_confidence for t in ex.triples):
        return ex
    kept = {(e.type, e.name) for e in entities}
    dropped = {(e.type, e.name) for e in ex.entities} - kept

    def gone(label: str, name: str | None) -> bool:
        return name is not None and (label, name) in dropped

    triples = tuple(t for t in ex.triples if t.confidence >= min_confidence
                    and not gone(t.subject_type, t.subject) and not gone(t.object_type, t.object))
    dropped_keys = {(label, merge_key(name)) for label, name in dropped}
    aliases = tuple(a for a in ex.aliases
                    if (a[0], merge_key(a[1])) not in dropped_keys and (a[0], merge_key(a[2])) not in dropped_keys)
    return replace(ex, entities=entities, triples=triples, results=results, aliases=aliases)


def _extract_stream(papers: Iterable[Paper], nlp: Language, batch_size: int) -> Iterator[Extraction]:
    reading = Reading.of(nlp)
    for paper, doc in _processed(papers, nlp, batch_size):
        yield _unpack(paper, _read_and_release(paper.id, doc, reading))


def _processed(papers: Iterable[Paper], nlp: Language, batch_size: int) -> Iterator[tuple[Paper, Doc]]:
    stream = ((p.text, p) for p in papers)
    for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield paper, doc


def _read_and_release(pid: str, doc: Doc, reading: Reading) -> tuple:
    """What :func:`_read` reads off ``doc``; then the doc's user data is dropped: the spans the
    components keep there point back to the doc, a reference cycle that would leave the doc to the
    cyclic garbage collector; without it the doc is freed at once (and a build may pause that collector)."""
    facts = _read(pid, doc, reading)
    doc.user_data.clear()
    return facts


class _Worker:
    """What a worker process runs: the pipeline it inherited, over one batch of papers."""

    nlp: Language | None = None  # set in each worker process by :meth:`start`
    reading: Reading | None = None

    @classmethod
    def start(cls, nlp: Language) -> None:
        cls.nlp, cls.reading = nlp, Reading.of(nlp)

    @classmethod
    def run(cls, batch: list[Paper]) -> list[tuple]:
        """The facts of each paper, as :func:`_read` makes them (not its paper: the parent has it)."""
        return [_read_and_release(paper.id, doc, cls.reading) for paper, doc in _processed(batch, cls.nlp, len(batch))]


def _extract_parallel(papers: Iterable[Paper], nlp: Language, batch_size: int, n_process: int) -> Iterator[Extraction]:
    ctx = multiprocessing.get_context("fork")
    # the workers' collectors leave alone what they inherit (the pipeline, the papers): they
    # would walk it all and, by touching it, copy the pages the processes share (unless the
    # caller froze objects of its own: unfreezing ours would thaw those too)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        pool = ctx.Pool(n_process, initializer=_Worker.start, initargs=(nlp,))
    finally:
        if freeze:
            gc.unfreeze()
    with pool:
        batches = minibatch(papers, batch_size)
        sent: list[list[Paper]] = []

        def feed():  # remember each batch, so that its papers need not travel back
            for batch in batches:
                sent.append(batch)
                yield batch

        for i, packed in enumerate(pool.imap(_Worker.run, feed())):
            batch, sent[i] = sent[i], None
            yield from map(_unpack, batch, packed)


def _unpack(paper: Paper, facts: tuple) -> Extraction:
    """The :class:`Extraction` of ``paper`` from the tuples :func:`_read` made of its doc."""
    entities, results, triples, aliases, sentence_spans = facts
    pid = paper.id
    return Extraction(
        paper=paper,
        entities=tuple(Entity(*e) for e in entities),
        results=tuple(Result(*r[:8], evidence=Evidence(pid, *r[8:11]), confidence=r[11], source=r[12], split=r[13])
                      for r in results),
        triples=tuple(Triple(*t[:5], evidence=Evidence(pid, *t[5:8]), confidence=t[8], source=t[9]) for t in triples),
        aliases=aliases,
        sentences=sentence_spans,
    )


def naming(nlp: Language) -> Naming:
    """How the entities of ``nlp``'s pipeline get their canonical names: the :class:`Naming` of its
    ``kg_names`` component (the word lists and alias lines of its rules), else of the default rules."""
    if "kg_names" in nlp.pipe_names:
        return nlp.get_pipe("kg_names").naming
    from .rules import load_rules

    rules = load_rules()
    return Naming(rules.words, rules.aliases)


class Reading:
    """How the facts of ``nlp``'s docs are read: canonical names (:func:`naming`), and which names a
    result may be bound to when it names its quantity in words (what the pipeline's
    ``kg_entity_filter`` would keep as an entity; any name when it has none). One per pipeline
    (:meth:`of`)."""

    _made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __init__(self, nlp: Language):
        self.name = naming(nlp)
        self.filter = nlp.get_pipe("kg_entity_filter") if "kg_entity_filter" in nlp.pipe_names else None

    @classmethod
    def of(cls, nlp: Language) -> Reading:
        """The reading of ``nlp`` (made once per pipeline and its components)."""
        made = cls._made.get(nlp)
        if made is None or made[0] != nlp.pipe_names:
            made = cls._made[nlp] = (list(nlp.pipe_names), cls(nlp))
        return made[1]

    def word_name(self, label: str, words: str) -> str | None:
        """The name of a quantity named in words ("parameters"), or None when it names no entity."""
        named = self.name.alias(label, words)
        return named if self.filter is None or self.filter.keeps(label, named) else None


def _read(pid: str, doc: Doc, reading: Reading) -> tuple:
    """The entities, results and relations of a processed ``doc`` as plain tuples, which :func:`_unpack` makes an
    :class:`Extraction` of, and which worker processes send (tuples pickle ten times cheaper than
    dataclasses): ``(entities, results, triples, aliases, sentences)``, an entity in the fields of
    :class:`Entity`, a result or a triple in those of :class:`Result` or :class:`Triple` with its
    evidence's sentence, start and end in place of ``evidence``."""
    sents = sentences(doc)
    sent_starts = [s.start for s in sents]

    def sent_of(span: Span) -> Span:
        return sents[max(0, bisect_right(sent_starts, span.start) - 1)]

    def ev(span: Span, sent: Span | None = None) -> tuple[str, int, int]:
        sent = sent if sent is not None else sent_of(span)
        return span_text(sent).strip(), span.start_char, span.end_char

    name = reading.name
    ents = entities_of(doc)
    text = doc_text(doc)
    judged = doc._.kg_judged or {}  # (start, end, label) -> (confidence, source), when a component judged them
    entities, names = _read_entities(ents, text, judged, name)

    def name_of(span: Span | str | None, label: str = "") -> str | None:
        if span is None:
            return None
        if isinstance(span, str):  # no entity: a quantity named in words ("parameters")
            return reading.word_name(label, span)
        return names.get((span.label_, span.start_char)) or (span.id_ if span.id else name(span.label_, span_text(span)))

    results, evaluated = _read_results(doc, name_of, ev)
    triples = _read_triples(pid, doc, ents, judged, evaluated, name_of, ev, sent_of)
    return (tuple(entities), tuple(results), tuple(triples), tuple(dict.fromkeys(doc._.kg_aliases or ())),
            tuple((s.start_char, s.end_char) for s in sents))


def _read_entities(ents, text: str, judged: dict, name) -> tuple[list[tuple], dict[tuple[str, int], str]]:
    """The entity tuples of :func:`_read`, and the name of each entity by its ``(label, start)``."""
    entities = []
    names: dict[tuple[str, int], str] = {}  # (label, start) of each entity -> its name
    for e in ents:
        label, start, end = e.label_, e.start_char, e.end_char
        surface = text[start:end]
        names[(label, start)] = canonical = e.id_ if e.id else name(label, surface)
        confidence, source = judged.get((start, end, label)) or (1.0, "gazetteer" if e.id else "rules")
        entities.append((label, surface, canonical, start, end, confidence, source))
    return entities, names


def _read_results(doc: Doc, name_of, ev) -> tuple[list[tuple], list[tuple]]:
    """The result tuples of :func:`_read`, and ``(method, dataset, evidence)`` of those that name both."""
    results = []
    evaluated = []  # (method, dataset, evidence) of the results that name both
    for r in doc._.kg_results or ():
        method, dataset, evidence = name_of(r["method"], "Method"), name_of(r["dataset"], "Dataset"), ev(r["span"], r["sent"])
        split = r.get("split")
        if dataset and split:
            dataset = without_split(dataset, split)  # "COCO test-dev": the dataset is COCO
        results.append((r["value"], r["unit"], r["kind"], method, dataset, name_of(r["metric"], "Metric"),
                        name_of(r["task"], "Task"), span_text(r["span"]), *evidence, r.get("confidence", 1.0),
                        r.get("source", "rules"), split))
        if method and dataset:
            evaluated.append((method, dataset, evidence))
    return results, evaluated


def _read_triples(pid: str, doc: Doc, ents, judged: dict, evaluated: list[tuple], name_of, ev, sent_of) -> list[tuple]:
    """The triple tuples of :func:`_read`: what the paper proposes and addresses, the relations the
    components found, and (without a judge) what the results say a method was evaluated on."""
    # an acronym and the long form it is defined with name one entity: no relation joins them
    one = {(label, merge_key(long)): merge_key(short) for label, long, short in doc._.kg_aliases or ()}

    def ident(label: str, n: str) -> tuple[str, str]:
        k = merge_key(n) or n.lower()
        return label, one.get((label, k), k)

    triples: list[tuple] = []
    at: dict[tuple, int] = {}  # a triple's key -> its place in ``triples``

    def add(st: str, s: str, pred: str, ot: str, o: str, evidence: tuple[str, int, int],
            confidence: float = 1.0, source: str = "rules") -> None:
        """Add a triple; of two with one key, the more confident stays (the first among equals)."""
        key = (st, s.lower(), pred, ot, o.lower())
        if ident(st, s) == ident(ot, o):
            return  # nothing relates to itself, nor an acronym to its own long form
        i = at.get(key)
        if i is None:
            at[key] = len(triples)
            triples.append((st, s, pred, ot, o, *evidence, confidence, source))
        elif confidence > triples[i][8]:
            triples[i] = (st, s, pred, ot, o, *evidence, confidence, source)

    judgement = doc._.kg_judgement
    proposals = doc._.kg_proposals
    if proposals is not None:  # the judge's: every candidate, with its probability
        for span, confidence in proposals:
            add("Paper", pid, "PROPOSES", span.label_, name_of(span), ev(span), confidence, "classifier")
    else:
        for span in doc._.kg_proposed or ():
            add("Paper", pid, "PROPOSES", "Method", name_of(span), ev(span))
    proposal_sents = {sent_of(span).start for span in doc._.kg_proposed or ()}
    for e in ents:
        if e.label_ == "Task" and (sent_of(e).start == 0 or sent_of(e).start in proposal_sents):
            confidence, source = judged.get((e.start_char, e.end_char, "Task")) or (1.0, "rules")
            add("Paper", pid, "ADDRESSES", "Task", name_of(e), ev(e), confidence, source)
    for subj, pred, obj, sent, confidence, source in doc._.kg_relations or ():
        add(subj.label_, name_of(subj), pred, obj.label_, name_of(obj),
            (span_text(sent).strip(), sent.start_char, sent.end_char), confidence, source)
    if judgement is None:  # (with a judge, its relations: see kg.components.relations)
        # a result that names a method and a dataset says the method was evaluated on the dataset
        for method, dataset, evidence in evaluated:
            add("Method", method, "EVALUATED_ON", "Dataset", dataset, evidence)
    return triples
