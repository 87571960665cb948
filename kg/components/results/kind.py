"""The kind of a result number: a score, a change (``delta``) or a count (``other``), from the words around it.

>>> kind_of("", "%", "%", "improves accuracy by ", " over the baseline", False)  # (kind, the text says so)
('delta', True)
>>> kind_of("", None, None, "trained on ", " images", False)
('other', True)
>>> kind_of("", "%", "%", "reaches ", " top-1 accuracy", True)
('score', False)
"""
from __future__ import annotations

import re

# hedges right before a number ("over 80%", "by more than 2%", "approx13%") say nothing about its kind
_HEDGE_END = re.compile(
    r"(?:\b(?:over|more than|less than|above|below|at least|at most|nearly|almost|about|around|approximately|"
    r"roughly|only|just|merely|sim|approx)|~)\s*$",
    re.I,
)
_DELTA_BEFORE = re.compile(
    r"(by|improv\w*|gain\w*|boost\w*|increas\w*|reduc\w*|decreas\w*|outperform\w*|surpass\w*|"
    r"exceed\w*|lower\w*|higher|faster|speed\w*|up to|over|margin|save\w*|cut\w*|drop\w*|degrad\w*|"
    r"(?:accuracy|performance|quality) loss)\W*(?:\w+\W+){0,2}$"
    r"|\bby\s+(?:an?\s+)?[\w\-]+\s+of\s*$",  # "by a mIoU of 4.1%"
    re.I,
)
_DELTA_AFTER = re.compile(
    r"^\s*(?:[\w\-]+\s+){0,3}?(faster|slower|speed-?ups?|improvement|gain|boost|reduction|fewer|less|more|"
    r"smaller|larger|higher|lower|better|increase|decrease|of the (?:parameters|flops|compute|cost|data|memory|size)|"
    r"compression|acceleration|relative|absolute|enhancement|lift\b|gap\b|drop\b|degradation|additional|overhead)",
    re.I,
)
OTHER_AFTER = re.compile(
    r"^-?\s*(?:[\w\-]+\s+){0,2}?(images?|videos?|samples?|examples?|parameters?|params|tokens?|words?|sentences?|"
    r"documents?|papers?|hours?|days?|languages?|classes|categories|layers?|nodes|edges|graphs?|"
    r"users?|questions?|pairs?|clips?|frames?|subjects?|participants?|annotations?|instances?|"
    r"datasets?|tasks?|models?|benchmarks?|videos|scenes?|objects?|queries|dialogues?|utterances?|"
    r"minutes?|seconds?|experts?|heads?|billion|million|thousand|[GT]?FLOPs|G?MACs)\b",
    re.I,
)
# a duration ("in 3.5 hours", "within 5 seconds") is a measured cost: a score, not a count
TIME_AFTER = re.compile(r"^\s*(?:hours?|hrs?|days?|minutes?|mins?|seconds?|secs?|milliseconds?)\b", re.I)
FROM_END = re.compile(r"\bfrom\s*$", re.I)
_FROM_TO = re.compile(r"\bfrom\s*$|\bfrom\s+[\d.]+\s*%?\s*to\s*$", re.I)
# "improves accuracy to 87.8%", "compared to 53.6%": a value reached, not a change ("up to" is a bound)
_TO_VALUE = re.compile(r"\b(?!up\b)[A-Za-z]+\s+to\s*$", re.I)
_CHANGE_NOUN_END = re.compile(
    r"\b(?:gains?|improvements?|boosts?|reductions?|drops?|increases?|decreases?|margins?|speed-?ups?)\s*$", re.I)


# a change measured in a unit: "by 0.36dB", "by up to 5ms"
_BY_END = re.compile(r"\bby\s*(?:up to\s*)?$", re.I)


def kind_of(sign: str, unit: str | None, unit_norm: str | None, before: str, rest: str,
            metric_after: bool) -> tuple[str, bool]:
    """The kind of a number and whether the text says so (False: "score" only by default).

    ``before`` is the text before the number (within its sentence and parenthesis), ``rest`` the
    text after it (after the second end when it opens a range); ``metric_after``: a Metric name
    follows it ("41.5 mAP for object detection" is a score, not a count of objects)."""
    if unit_norm == "x":
        return "delta", True  # a ratio: "2x faster", "0.6 times the cost"
    if _FROM_TO.search(before):
        return "score", True  # "from 56.45% to 21.62%": two absolute values
    if unit_norm is None and TIME_AFTER.match(rest):
        return ("delta" if _DELTA_BEFORE.search(before) else "score"), True
    m = OTHER_AFTER.match(rest) if unit_norm != "%" else None
    if m and not (metric_after and rest[:m.start(1)].strip()):
        return "other", True  # "22.8M parameters", "4.1G FLOPs"; not "41.5 mAP for object detection"
    if sign == "+" or unit in ("%p", "pp"):
        return "delta", True
    if _TO_VALUE.search(before, max(0, len(before) - 24)):
        return "score", True  # "improves accuracy to 87.8%", "compared to 53.6%": a value reached
    if _DELTA_AFTER.match(rest) or _DELTA_BEFORE.search(before):
        return "delta", True
    return "score", False


def glued_kind(glued: str, before: str, rest: str) -> tuple[str, bool]:
    """The kind of a number written with its unit of measure ("1.5ms", "35fps", "0.36dB", "24GB"):
    a size in bytes is a count ("other"); a time, rate or level is a score unless the text makes it
    a change ("by 0.36dB", "5ms faster")."""
    if glued.endswith("B") and glued != "dB":
        return "other", True
    if _BY_END.search(before) or _DELTA_AFTER.match(rest):
        return "delta", True
    return "score", True


def context_before(text: str, s0: int, ns: int) -> str:
    """Up to 40 characters before a number within its sentence, cut at an open parenthesis ("(36.3 AP)"
    belongs to the name before it, not to the verb before that) and without a trailing hedge."""
    before = text[max(s0, ns - 40):ns]
    open_at = before.rfind("(")
    if open_at >= 0 and ")" not in before[open_at:]:
        noun = _CHANGE_NOUN_END.search(before, 0, open_at)
        before = (noun.group(0) + " " if noun else "") + before[open_at + 1:]
    hedge = _HEDGE_END.search(before, max(0, len(before) - 20))
    return before[:hedge.start()] if hedge else before
