"""The dataset of a result number: named in its sentence (a Dataset entity or a name where a
dataset stands: :mod:`.candidates`) or before it.

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp(trained=False)("ZorbNet reaches 74.1% on ShanghaiTechA and 80.2% on MedQA.")
>>> [(r["value"], str(r["dataset"])) for r in doc._.kg_results]
[(74.1, 'ShanghaiTechA'), (80.2, 'MedQA')]
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..doc import span_text
from .around import nearest
from .metric import COMPARATIVE_ONLY
from .numbers import NUMBER


def earlier_dataset(prior: list[Span], sent_floor: int, previous: list[dict], stext: str,
                    short: dict, data_words: re.Pattern) -> Span | None:
    """The dataset a score takes from before its sentence (``stext``): the last one named in the
    sentence before (which starts at token ``sent_floor``); else, when that sentence reported scores
    (``previous``), theirs (it goes on about them, also about none); else the one dataset the paper
    has named so far (``prior``, under one name), unless the sentence speaks of data of its own
    ("across six datasets": ``data_words`` finds it). ``short``: the acronyms of the long forms of
    datasets (one dataset under two names)."""
    if not prior:
        return None
    if prior[-1].start >= sent_floor:
        return prior[-1]
    if previous:
        return previous[-1]["dataset"]
    keys = {(e.id_ or span_text(e)).lower() for e in prior}
    if len({short.get(k, k) for k in keys}) == 1 and not data_words.search(stext):
        return prior[-1]
    return None


_ON_BEFORE_NAME = re.compile(r"^(?:[^;,()]|\([^();]{0,30}\)){0,60}?(?<!based )(?<!built )\b(?:on|in|for|across|over)\s+"
                             r"(?:the\s+|both\s+|all\s+)?$", re.I)
# between a name and the values it has: "Cityscapes val set with 68.4% PQ, 44.0% AP", "For X, we reach an F1 of"
_WITH_VALUES = re.compile(r"\s*(?:datasets?|benchmarks?)?\s*,?\s*(?:with|achieving|reaching|obtaining)\s+"
                          r"(?:(?:an?|the)\s+)?(?:[A-Za-z][\w\-@]*\s+){0,3}(?:of\s+)?", re.I)
_PAREN_OPEN_AFTER = re.compile(r"^\s*\\?(?:%|x|pp)?\s*\(\s*$")
_COLON_BEFORE = re.compile(r"\s*:\s*(?:[A-Za-z][\w\-@]*\s*){0,3}(?:of|=)?\s*[~\u2248]?\s*$")


def choose_candidate(f: dict, cands: list, pair: dict, text: str, frame_end: int, group_start: int | None = None):
    """The candidate (:mod:`.candidates`) a number is on, by where the text puts them: the name
    before the parenthesis it stands in ("UPLight (92.45%)"), its partner in a paired list
    ("..., respectively"), the name a preposition introduces right after it ("74.1% on ICDAR2017
    MLT"), the name before a colon ("MedMCQA: 62.7%"), a name in parentheses right after it
    ("97.0% (ESC-10)"), the name of the sentence's opening adverbial ("For Abt-Buy, ...") when no
    other is named before the number; else the nearest Dataset entity, as :func:`dataset_of` has
    it. Also the name right before the number's metric ("an ImageNet accuracy of 88.0%") and the
    name the values of its list follow ("Cityscapes val set with 68.4% PQ and 44.0% AP": the list
    starts at character ``group_start``). A ratio is on none unless one of the first rules says
    so; a change or a count is on a Dataset entity only. Returns a candidate or None."""
    ns, ne = f["ns"], f["ne"]
    if f["kind"] != "score":
        # a change "on X" is often a change on a model ("+4.16% on CFA"): a name no entity finder
        # calls a dataset is the data of a score only ("65.8% on VGGSound")
        cands = [c for c in cands if c.span is not None]
    if f["in_paren"]:
        open_at = text.rfind("(", 0, ns)
        for c in cands:
            if c.end <= open_at and not text[c.end:open_at].strip():
                return c
    metric = f["metric"]
    if isinstance(metric, Span) and metric.end_char <= ns:
        for c in cands:  # "an ImageNet accuracy of 88.0%", "COCO box AP of 56.4%"
            if c.end <= metric.start_char and not text[c.end:metric.start_char].strip() \
                    and not NUMBER.search(text, metric.end_char, ns):
                return c
    if id(f) in pair:
        return pair[id(f)]
    first = f["ns"] if group_start is None else group_start
    for c in reversed(cands):  # "Cityscapes val set with 68.4% PQ, 44.0% AP, and 83.5% mIoU"
        if c.end <= first:
            if _WITH_VALUES.fullmatch(text, c.end, first):
                return c
            break
    for c in cands:
        if c.start >= ne:
            # "80.3% mIoU on Cityscapes", "77.4 mIoU at 102 FPS on Cityscapes" (no comma or parenthesis between)
            if _ON_BEFORE_NAME.match(text[ne:c.start]):
                return c
            break
    if f["unit"] == "x" and COMPARATIVE_ONLY.match(f["rest"]):
        return None
    for c in reversed(cands):
        if c.end <= ns:
            if _COLON_BEFORE.fullmatch(text, c.end, ns):
                return c
            break
    for c in cands:
        if c.start >= ne:
            if _PAREN_OPEN_AFTER.match(text[ne:c.start]):
                return c
            break
    if frame_end > 0:
        inside = [c for c in cands if c.end <= frame_end]
        if inside and not any(c.start >= frame_end and c.end <= ns for c in cands):
            return inside[0]
    if f["unit"] == "x":
        return None
    entities = [c.span for c in cands if c.span is not None]
    best = nearest(entities, f["span"], "Dataset", prefer_after=True, text=text)
    return next((c for c in cands if c.span is best), None) if best is not None else None
