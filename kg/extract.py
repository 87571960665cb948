"""Run the spaCy pipeline over papers and turn its output into plain dataclasses.

This is the only module that reads spaCy ``Span`` objects; what leaves it is
:class:`~kg.model.Extraction`.

>>> from kg.model import Paper
>>> ex = extract(Paper(id="p1", title="", abstract="We train ResNet-50 on CIFAR10."))
>>> sorted((e.type, e.name) for e in ex.entities)
[('Dataset', 'CIFAR-10'), ('Method', 'ResNet-50')]
"""
from __future__ import annotations

import gc
import multiprocessing
import os
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
    Entities and triples less sure than ``min_confidence`` are left out (None: the threshold the
    pipeline's trained model chose, ``nlp.meta["kg_min_confidence"]``, 0 without one).
    """
    nlp = nlp or default_nlp()
    floor = nlp.meta.get("kg_min_confidence", 0.0) if min_confidence is None else min_confidence
    if isinstance(papers, Paper):
        return keep_confident(_unpack(papers, _read_and_release(papers.id, nlp(papers.text), naming(nlp))), floor)
    if n_process == 0:
        small = isinstance(papers, Sequence) and len(papers) <= batch_size
        n_process = 1 if small else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        stream = _extract_parallel(papers, nlp, batch_size, n_process)
    else:
        stream = _extract_stream(papers, nlp, batch_size)
    return (keep_confident(ex, floor) for ex in stream) if floor > 0 else stream


def keep_confident(ex: Extraction, floor: float) -> Extraction:
    """``ex`` without the entities and triples less sure than ``floor``."""
    if floor <= 0:
        return ex
    return replace(ex, entities=tuple(e for e in ex.entities if e.confidence >= floor),
                   triples=tuple(t for t in ex.triples if t.confidence >= floor))


def _extract_stream(papers: Iterable[Paper], nlp: Language, batch_size: int) -> Iterator[Extraction]:
    name = naming(nlp)
    for paper, doc in _processed(papers, nlp, batch_size):
        yield _unpack(paper, _read_and_release(paper.id, doc, name))


def _processed(papers: Iterable[Paper], nlp: Language, batch_size: int) -> Iterator[tuple[Paper, Doc]]:
    stream = ((p.text, p) for p in papers)
    for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield paper, doc


def _read_and_release(pid: str, doc: Doc, name: Naming) -> tuple:
    """What :func:`_read` reads off ``doc``; then the doc's user data is dropped: the spans the
    components keep there point back to the doc, a reference cycle that would leave the doc to the
    cyclic garbage collector; without it the doc is freed at once (and a build may pause that collector)."""
    facts = _read(pid, doc, name)
    doc.user_data.clear()
    return facts


class _Worker:
    """What a worker process runs: the pipeline it inherited, over one batch of papers."""

    nlp: Language | None = None  # set in each worker process by :meth:`start`
    naming: Naming | None = None

    @classmethod
    def start(cls, nlp: Language) -> None:
        cls.nlp, cls.naming = nlp, naming(nlp)

    @classmethod
    def run(cls, batch: list[Paper]) -> list[tuple]:
        """The facts of each paper, as :func:`_read` makes them (not its paper: the parent has it)."""
        return [_read_and_release(paper.id, doc, cls.naming) for paper, doc in _processed(batch, cls.nlp, len(batch))]


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
    ``kg_names`` component (the word lists of its rules), else of the default rules."""
    if "kg_names" in nlp.pipe_names:
        return nlp.get_pipe("kg_names").naming
    from .rules import load_rules

    return Naming(load_rules().words)


def _read(pid: str, doc: Doc, name: Naming) -> tuple:
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

    ents = entities_of(doc)
    text = doc_text(doc)
    judged = doc._.kg_judged or {}  # (start, end, label) -> (confidence, source), when a component judged them
    entities = []
    names: dict[tuple[str, int], str] = {}  # (label, start) of each entity -> its name
    for e in ents:
        label, start, end = e.label_, e.start_char, e.end_char
        surface = text[start:end]
        names[(label, start)] = canonical = e.id_ if e.id else name(label, surface)
        confidence, source = judged.get((start, end, label)) or (1.0, "gazetteer" if e.id else "rules")
        entities.append((label, surface, canonical, start, end, confidence, source))

    def name_of(span: Span | str | None) -> str | None:
        if span is None or isinstance(span, str):
            return span  # no entity: a quantity named in words ("parameters") or nothing
        return names.get((span.label_, span.start_char)) or (span.id_ if span.id else name(span.label_, span_text(span)))

    results = []
    evaluated = []  # (method, dataset, evidence) of the results that name both
    for r in doc._.kg_results or ():
        method, dataset, evidence = name_of(r["method"]), name_of(r["dataset"]), ev(r["span"], r["sent"])
        split = r.get("split")
        if dataset and split:
            dataset = without_split(dataset, split)  # "COCO test-dev": the dataset is COCO
        results.append((r["value"], r["unit"], r["kind"], method, dataset, name_of(r["metric"]),
                        name_of(r["task"]), span_text(r["span"]), *evidence, r.get("confidence", 1.0),
                        r.get("source", "rules"), split))
        if method and dataset:
            evaluated.append((method, dataset, evidence))

    triples: list[tuple] = []
    at: dict[tuple, int] = {}  # a triple's key -> its place in ``triples``

    def add(st: str, s: str, pred: str, ot: str, o: str, evidence: tuple[str, int, int],
            confidence: float = 1.0, source: str = "rules") -> None:
        """Add a triple; of two with one key, the more confident stays (the first among equals)."""
        key = (st, s.lower(), pred, ot, o.lower())
        if (st, s.lower()) == (ot, o.lower()):
            return  # nothing relates to itself
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

    return (tuple(entities), tuple(results), tuple(triples), tuple(dict.fromkeys(doc._.kg_aliases or ())),
            tuple((s.start_char, s.end_char) for s in sents))
