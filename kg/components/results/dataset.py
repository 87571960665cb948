"""The dataset of a result number: named in its sentence (after it, before its parenthesis, in a
paired list, in an opening phrase) or before it."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..doc import span_text
from .around import nearest, named_after
from .metric import COMPARATIVE_ONLY
from .numbers import NUMBER

# between two names of one list: "A, B and C", "A/B", "A and B"
_NAME_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)$")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# an opening adverbial that sets the scene for the whole sentence, up to its comma: "On CIFAR-10, ...",
# "In particular, on the Pubmed dataset, ...", "When fine-tuned on MS COCO, ...", "Similarly in ImageNet, ..."
_OPENING_FRAME = re.compile(
    r"\s*(?:(?:in particular|specifically|similarly|moreover|furthermore|notably|additionally|finally|"
    r"for example|for instance|e\.g\.),?\s+)?"
    r"(?:(?:when|once|after|if)\s+(?:[\w\-]+\s+){0,3}?)?(?:on|in|for|across|over)\s+[^,;:()]{1,60}?,",
    re.I,
)


def paired_datasets(found: list[dict], groups: list[list[int]], datasets: list[Span], text: str,
                    stext: str) -> dict:
    """Numbers of a list paired in order with a list of as many datasets: "82.9%/84.8% top-1 accuracy
    on Kinetics-400/Kinetics-600" (both written with slashes), or any two lists of a sentence that
    says "respectively". Returns {id(number dict): dataset span}."""
    lists: list[list[Span]] = []
    for e in datasets:
        if lists and _NAME_LIST_GAP.match(text, lists[-1][-1].end_char, e.start_char):
            lists[-1].append(e)
        else:
            lists.append([e])
    respectively = _RESPECTIVELY.search(stext) is not None
    out = {}
    for group in groups:
        k = len(group)
        if k < 2:
            continue
        slashed = all(text[found[a]["ne"]:found[b]["ns"]].strip() == "/" for a, b in zip(group, group[1:]))
        for names in lists:
            if len(names) != k:
                continue
            if (respectively or slashed and all(text[a.end_char:b.start_char].strip() == "/"
                                                  for a, b in zip(names, names[1:]))):
                out.update((id(found[i]), e) for i, e in zip(group, names))
                break
    return out


def opening_dataset(datasets, stext: str, s0: int) -> Span | None:
    """The dataset an opening adverbial of the sentence names ("On CIFAR-10, ...", "When fine-tuned on
    MS COCO, ..."): it speaks for every number of the sentence."""
    if not datasets:
        return None
    m = _OPENING_FRAME.match(stext)
    if m is None:
        return None
    inside = [e for e in datasets if e.end_char <= s0 + m.end()]
    return inside[0] if inside else None


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


def dataset_of(f: dict, owner: Span | None, datasets: list[Span], paired: dict, frame: Span | None,
               text: str) -> Span | None:
    """The dataset of a number that its own sentence names: the one before the parenthesis it
    stands in, its partner in a list of datasets, one introduced right after it, the one of the
    sentence's opening adverbial, else the nearest (a ratio takes only the first four)."""
    num_span = f["span"]
    if owner is not None and owner.label_ == "Dataset":
        return owner  # "Pascal VOC (+3.2% mIoU)"
    if id(f) in paired:
        return paired[id(f)]  # "82.9%/84.8% on Kinetics-400/Kinetics-600", "..., respectively"
    if (named := named_after(datasets, num_span)) is not None:
        return named  # "80.3% mean IoU on Cityscapes", even when another dataset is nearer
    if f["unit"] == "x" and COMPARATIVE_ONLY.match(f["rest"]):
        return None  # "2x faster": a speed-up is a property of the model and its hardware
    if frame is not None and not any(frame.end <= e.start and e.end <= num_span.start for e in datasets):
        return frame  # "On CIFAR-10, ...": no other dataset named since
    if f["unit"] == "x":
        return None  # a compression ratio the sentence does not set on a dataset: the model's
    return nearest(datasets, num_span, "Dataset", prefer_after=True, text=text)


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
    so. Returns a candidate or None."""
    ns, ne = f["ns"], f["ne"]
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
