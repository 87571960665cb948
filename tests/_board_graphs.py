"""Small invented graphs with known leaderboards, built through kg.assemble as a build would.

``graph(papers)`` takes papers as ``(id, title, date, [(sentence, [result, ...]), ...])`` where a result is
``(value, unit, kind, method, dataset, metric, task, text)``; ``text`` (the number as written) must occur in
the sentence. Every sentence, title and name here is invented for the tests.
"""
from __future__ import annotations

import re

from kg.assemble import assemble
from kg.model import Entity, Evidence, Extraction, Paper, Result


def graph(papers):
    extractions = []
    for pid, title, date, sentences in papers:
        abstract = " ".join(s for s, _ in sentences)
        p = Paper(id=pid, title=title, abstract=abstract, date=date)
        text = p.text
        results, entities = [], []
        for sentence, rs in sentences:
            start = text.index(sentence)
            ev = Evidence(pid, sentence, start, start + len(sentence))
            for value, unit, kind, method, dataset, metric, task, written in rs:
                written = written or _written(sentence, value)
                assert written in sentence, (written, sentence)
                results.append(Result(value, unit, kind, method, dataset, metric, task, written, ev))
                for label, name in (("Method", method), ("Dataset", dataset), ("Metric", metric), ("Task", task)):
                    if name and name in text:
                        i = text.index(name)
                        entities.append(Entity(label, name, name, i, i + len(name)))
        extractions.append(Extraction(p, tuple(entities), tuple(results)))
    return assemble(extractions)


def _written(sentence: str, value: float) -> str:
    """The first number of the sentence equal to ``value``, with its % sign."""
    for m in re.finditer(r"\d+(?:\.\d+)?%?", sentence):
        if float(m.group(0).rstrip("%")) == value:
            return m.group(0)
    raise AssertionError(f"{value} is not in {sentence!r}")


def S(value, method, dataset, metric, written=None, unit="%", kind="score", task=None):
    """A result tuple; ``written`` (the number as written) defaults to the first number of the sentence
    with this value."""
    return (value, unit, kind, method, dataset, metric, task, written)


def vision_graph():
    """Four papers: an ImageNet classification board, a COCO detection board in three spellings, a delta,
    a size, a count written as an accuracy, a tie, settings of several kinds, a board with no known direction."""
    return graph([
        ("v1", "Alpha Nets for Images", "2021-03-01", [
            ("AlphaNet-B reaches 81.0% top-1 accuracy on ImageNet at 224x224 resolution.",
             [S(81.0, "AlphaNet-B", "ImageNet", "top-1 accuracy", task="image classification")]),
            ("On COCO test-dev, AlphaNet-B gets 50.1 AP with 40M parameters.",
             [S(50.1, "AlphaNet-B", "COCO test-dev", "AP", "50.1", unit=None)]),
            ("It improves top-1 accuracy by 3.0% over its baseline on ImageNet.",
             [S(3.0, "AlphaNet-B", "ImageNet", "top-1 accuracy", kind="delta")]),
        ]),
        ("v2", "Beta Transformers", "2022-06-15", [
            ("Pre-trained on JFT-300M, BetaFormer-L attains 84.5% accuracy on ImageNet-1K classification.",
             [S(84.5, "BetaFormer-L", "ImageNet-1K", "accuracy", task="image classification")]),
            ("BetaFormer-L reaches 52.3 box AP on COCO val2017 and runs at 12ms per image.",
             [S(52.3, "BetaFormer-L", "COCO", "box AP", "52.3", unit=None),
              S(12.0, "BetaFormer-L", "COCO", "latency", "12ms", unit=None)]),
            ("Its memory footprint is 48G on ImageNet-1K while top-1 accuracy stays high.",
             [S(48e9, None, "ImageNet-1K", "top-1 accuracy", "48G", unit=None)]),
        ]),
        ("v3", "Gamma: Linear Probes of Frozen Features", "2023-01-20", [
            ("A linear probe on GammaNet features yields 81.0% top-1 accuracy on ILSVRC-2012.",
             [S(81.0, "GammaNet", "ILSVRC-2012", "top-1 accuracy")]),
            ("GammaNet obtains 53.0 mAP on MS COCO and 70.2 AP50 on MS COCO.",
             [S(53.0, "GammaNet", "MS COCO", "mAP", "53.0", unit=None),
              S(70.2, "GammaNet", "MS COCO", "AP50", "70.2", unit=None)]),
            ("GammaNet scores 600k accuracy on ImageNet, a count that is not an accuracy.",
             [S(600000.0, "GammaNet", "ImageNet", "accuracy", "600k", unit=None)]),
            ("GammaNet and GammaNet-S get a designability of 0.7 and 0.4 on ImageNet.",
             [S(0.7, "GammaNet", "ImageNet", "designability", "0.7", unit=None),
              S(0.4, "GammaNet-S", "ImageNet", "designability", "0.4", unit=None)]),
            ("A plain network reaches 79.0% top-1 accuracy on ImageNet, a result that names no method.",
             [S(79.0, None, "ImageNet", "top-1 accuracy")]),
        ]),
        ("v4", "Delta Detectors", "--07-04", [
            ("DeltaDet achieves 54.0 AP and 46.0 mask AP on COCO, and 12.0% top-5 error on ImageNet.",
             [S(54.0, "DeltaDet", "COCO", "AP", "54.0", unit=None),
              S(46.0, "DeltaDet", "COCO", "mask AP", "46.0", unit=None),
              S(12.0, "DeltaDet", "ImageNet", "top-5 error")]),
            ("We count 120 images of ImageNet with 82.0% accuracy in the text.",
             [S(120.0, None, "ImageNet", "images", "120", unit=None, kind="other")]),
        ]),
    ])
