"""The entities around a number: the nearest of a label, the one its parenthesis follows, the one a
clause after it introduces."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..doc import doc_text

# a clause boundary between a number and an entity: the entity is less likely to be the number's
CLAUSE_BREAK = re.compile(r";|,\s*(?:and|while|whereas|but)\b|\b(?:while|whereas|whilst)\b", re.I)
# the unit of a model size written before the model: "1001-layer ResNet", "12 layer Transformers", "a 4-block network"
SIZE_OF_NAME = re.compile(r"-?\s?(layers?|blocks?|stages?)\s+(?=\w)")
COMPARED = re.compile(r"\b(than|over|vs|versus|outperform\w*|surpass\w*|compared|baselines?|like|as)\b", re.I)


def nearest(ents, num: Span, label: str, prefer_after: bool, text: str | None = None) -> Span | None:
    """The entity of ``label`` nearest to ``num`` in tokens; ``prefer_after`` adds 2 to those before it
    (4 to those after it otherwise); with ``text``, crossing a clause boundary costs 6 more."""
    best, best_d = None, None
    for e in ents:
        if e.label_ != label:
            continue
        if e.end <= num.start:
            d = num.start - e.end + (2 if prefer_after else 0)
            between = (e.end_char, num.start_char)
        else:
            d = e.start - num.end + (0 if prefer_after else 4)
            between = (num.end_char, e.start_char)
        if text is not None and CLAUSE_BREAK.search(text, *between):
            d += 6
        if best_d is None or d < best_d:
            best, best_d = e, d
    return best


def paren_owner(ents, text: str, s0: int, ns: int) -> Span | None:
    """The entity right before the parenthesis a number stands in: "Pascal VOC (+3.2% mIoU)",
    "RetinaNet (36.3 AP)"; None when the number is not in parentheses."""
    open_at = text.rfind("(", max(s0, ns - 60), ns)
    if open_at < 0 or ")" in text[open_at:ns]:
        return None
    end = len(text[:open_at].rstrip())
    for e in ents:
        if e.end_char == end:
            return e
    return None


def compared(e: Span) -> bool:
    """True for a method the sentence compares with ("than X", "outperforms X", "compared with the X")."""
    return COMPARED.search(doc_text(e.doc), e.doc[max(0, e.start - 4)].idx, e.start_char) is not None
