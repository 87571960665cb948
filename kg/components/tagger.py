"""``kg_tagger``: the trained BILUO tagger of :mod:`kg.train`, keeping how sure it is.

The shipped model (``kg/trained/ner``) is a spaCy ``tagger`` that reads the rules' entities as
features and scores one BILUO tag per token (``B-Method``, ``I-Method``, ``L-Method``,
``U-Method``, ..., ``O``). spaCy's own component keeps only the best tag; this one runs the same
network and also keeps the probabilities of every tag (``doc._.kg_tag_probs``, one row per
token, in the order of ``doc._.kg_tag_labels``), which the judge reads: how sure the tagger was
that a name is a name of its type.

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp()("We study semantic parsing on CIFAR-10.")
>>> probs, labels = doc._.kg_tag_probs, doc._.kg_tag_labels
>>> probs.shape == (len(doc), len(labels)) and abs(float(probs[0].sum()) - 1.0) < 1e-4
True
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .doc import put


class ProbTagger:
    """Runs a trained spaCy ``tagger``'s network over docs: ``token.tag_`` is the best tag (as
    spaCy's component sets it) and ``doc._.kg_tag_probs`` the probability of every tag."""

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        self.model = None
        self.labels: tuple[str, ...] = ()

    def use(self, tagger) -> None:
        """Take the network and labels of a trained spaCy ``tagger`` component."""
        self.model = tagger.model
        self.labels = tuple(tagger.labels)
        self._hashes = numpy.array([self.vocab.strings.add(label) for label in self.labels], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        if self.model is None:
            raise ValueError("kg_tagger has no trained tagger: call .use(tagger) first")
        for batch in minibatch(docs, batch_size):
            todo = [d for d in batch if len(d)]
            for doc, scores in zip(todo, self.model.predict(todo) if todo else ()):
                self._annotate(doc, numpy.asarray(scores))
            yield from batch

    def _annotate(self, doc: Doc, scores) -> None:
        # the network's last layer is not normalised: softmax per token
        scores = scores - scores.max(axis=1, keepdims=True)
        probs = numpy.exp(scores, dtype="float32")
        probs /= probs.sum(axis=1, keepdims=True)
        doc.from_array([TAG], self._hashes[probs.argmax(axis=1)].reshape(-1, 1))
        put(doc, "kg_tag_probs", probs)
        put(doc, "kg_tag_labels", self.labels)


@Language.factory(
    "kg_tagger",
    requires=["doc.ents", "token.ent_iob", "token.ent_type"],
    assigns=["token.tag", "doc._.kg_tag_probs", "doc._.kg_tag_labels"],
)
def make_prob_tagger(nlp: Language, name: str) -> ProbTagger:
    """The trained tagger's network with its probabilities kept; give it the tagger with ``.use(tagger)``
    (:func:`kg.pipeline.make_nlp` does)."""
    return ProbTagger(nlp)


def label_probability(probs, labels: tuple[str, ...], label: str, start: int, end: int) -> float:
    """The tagger's mean probability, over tokens ``start:end``, that each is part of a name of
    ``label`` (any of its B, I, L, U tags); 1.0 when there are no probabilities.

    >>> import numpy
    >>> p = numpy.array([[0.1, 0.9, 0.0], [0.5, 0.0, 0.5]])
    >>> label_probability(p, ("O", "B-Task", "L-Task"), "Task", 0, 2)
    0.7
    """
    if probs is None:
        return 1.0
    cols = [i for i, lab in enumerate(labels) if lab.endswith("-" + label)]
    if not cols or end <= start:
        return 0.0
    return round(float(probs[start:end][:, cols].sum(axis=1).mean()), 6)
