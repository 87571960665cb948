"""Reading the numbers of a sentence that may be results: value, unit, multiplier, ranges and lists;
what is a setting, not a result.

>>> [(m.group(2), m.group(3)) for m in NUMBER.finditer("We gain 2.1% and 3x, with 22.8M parameters.")]
[('2.1', '%'), ('3', 'x'), ('22.8', None)]
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..doc import ents_in
from ..patterns import YEARISH
from .kind import FROM_END, OTHER_AFTER, TIME_AFTER, context_before, glued_kind, kind_of

# units of measure that papers write right after the number ("1.5ms", "35fps", "0.36dB", "24GB")
_GLUED_UNIT = r"(?:dB|ms|fps|FPS|[KMGT]B)\b"
_GLUED_UNIT_AT = re.compile(_GLUED_UNIT)
NUMBER = re.compile(
    r"(?=[+\-\u2212\d])(?:(?<=approx)|(?<=sim)|(?<=\d-)|(?<=\d[KMB]-)|(?<=%/)|(?<![\w.\-/@^]))([+\-\u2212]?)"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?\\?(%p|%|pp\b|x\b|(?<=\d)X\b|×|times\b|-fold\b|fold\b|-times\b| percent\b)|([KMBGk])\b)?"
    # not in the middle of a number or a word, but before a measure's unit written without a space ("0.36dB")
    r"(?!\d|\.\d|(?!" + _GLUED_UNIT + r")[A-Za-z_])"
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-\u2013~]|to\b)\s*\d+(?:\.\d+)?\s?(%|x\b|×|times\b)")
_RANGE_MULT_AFTER = re.compile(r"^\s*(?:[-\u2013~]|to\b)\s*\d+(?:\.\d+)?([KMB])\b")
# the second end of a range ("10-20%", "100M-1.4B", "0.07 ~ 0.65%"): what follows it speaks for both ends
_RANGE_END = re.compile(r"^\s*(?:[-\u2013~]|to\b)\s*[+\-]?\d+(?:\.\d+)?\s?(?:%p|%|pp\b|x\b|×|times\b|[KMBG]\b)?")
_RESOLUTION = re.compile(r"^\s*(?:x|×|times)\s*\d")
# the units of a ratio, as the number pattern reads them
RATIO_UNITS = frozenset({"x", "X", "×", "times", "-fold", "fold", "-times"})
_DIGIT_NEXT = re.compile(r"\s*\d")  # "1024 x 1024": the x of a size, not a ratio
_RESOLUTION_BEFORE = re.compile(r"\d\s*(?:x|×|times)\s*$")
# settings, not results: bit-widths, shots, ways, and numbers of training steps ("300k steps", "90 epochs")
_SETTING_AFTER = re.compile(
    r"^-?\s?(?:bits?(?![\w/]|-per|\s+per\b)|bit-width|shot|way"
    r"|(?:training\s+|gradient\s+)?(?:steps?|iterations?|epochs?|updates)\b)", re.I)


_THRESHOLD_SIGNS = frozenset("<>\u2264\u2265")
# a number written into an identifier: "3-WL", "2-D" after it; "arXiv:", "Eq." right before it
_IDENTIFIER_AFTER = re.compile(r"-[A-Z]")
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z]:$")
_IDENTIFIER_SHAPE = re.compile(r"\d{4}\.\d{4,5}|\d{5,}")
_MULTIPLIER = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "G": 1e9}
# what may stand between two numbers of one list or range: "1.7% and 0.6%", "10-20%", "from 69% to 72%",
# "67.0% vs. 53.6%", "1.0% for ResNet-32, 0.5% for VGG-16", "1.39% (4-bit) and 1.06%"
_LIST_GAP = re.compile(
    r"^\s*\\?(?:%p?|x|×|times|pp|°|[A-Za-z]{1,3}\b)?\s*"
    r"(?:(?:for|on|in|with)\s+[^\s,;()]+(?:\s+[^\s,;()]+)?\s*|\([^()]{1,30}\)\s*)?"
    r"(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|to\s+|[-\u2013~]\s*|vs\.?\s+|versus\s+)"
    r"(?:(?:approx|sim|~|about|around|nearly|almost|over|more than|up to)\s*)?$",
    re.I,
)


def list_groups(found: list[dict], text: str) -> list[list[int]]:
    """Indices of the numbers of a sentence grouped into lists and ranges ("1.7% and 0.6%", "10-20%")."""
    groups: list[list[int]] = []
    for i, f in enumerate(found):
        if i and _LIST_GAP.match(text[found[i - 1]["ne"]:f["ns"]]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def share(found: list[dict], groups: list[list[int]], key: str, sure: str) -> None:
    """Within each list, a member whose ``key`` is not ``sure`` takes it from the next sure member
    ("15% and 24% higher": both changes), else from the previous one ("by 1.7% and 0.6%")."""
    for group in groups:
        if len(group) < 2:
            continue
        sure_ones = [i for i in group if found[i][sure]]
        for i in group:
            if found[i][sure] or not sure_ones:
                continue
            donor = next((j for j in sure_ones if j > i), sure_ones[-1])
            found[i][key] = found[donor][key]


def read_numbers(doc: Doc, text: str, sent: Span, stext: str, all_ents, ent_starts) -> tuple[list[dict], list]:
    """The result numbers of one sentence with value, unit and kind (before lists share kinds),
    and the entities of the sentence (looked up once a number may be a result)."""
    s0 = sent.start_char
    found: list[dict] = []
    ents = None
    for m in NUMBER.finditer(stext):
        sign, num, unit, mult = m.group(1), m.group(2), m.group(3), m.group(4)
        ns, ne = s0 + m.start(), s0 + m.end()
        after = text[ne:ne + 40]
        if unit is None and (r := _RANGE_AFTER.match(after)):
            unit = r.group(1)  # "10-20%": the first end of a range takes the unit of the second
        elif unit is None and mult is None and (r := _RANGE_MULT_AFTER.match(after)):
            mult = r.group(1)  # "13~15M": and its multiplier
        r = _RANGE_END.match(after)
        rest = after[r.end():] + text[ne + 40:ne + 40 + r.end()] if r else after
        if (unit is None and mult is None and not _GLUED_UNIT_AT.match(text, ne)
                and ("." not in num and not OTHER_AFTER.match(rest) or YEARISH.match(num))):
            continue  # a bare integer that is not a count (a setting, an index, an enumeration) or a year
        if ents is None:
            ents = ents_in(all_ents, ent_starts, sent)
        if any(e.start_char <= ns < e.end_char for e in ents):
            continue  # part of a name: ResNet-50, CIFAR-10
        if _IDENTIFIER_AFTER.match(text, ne) or (_IDENTIFIER_BEFORE.search(text, max(s0, ns - 8), ns)
                                                  and _IDENTIFIER_SHAPE.fullmatch(num)):
            continue  # part of an identifier: "the 3-WL test", "arXiv:2303.06208"
        if _THRESHOLD_SIGNS.intersection(text[max(s0, ns - 2):ns]):
            continue  # "sparsity >80%", "IoU > 0.5": a threshold that selects a setting
        if (_RESOLUTION.match(after) or (unit and unit.strip() in RATIO_UNITS and _DIGIT_NEXT.match(after))
                or _RESOLUTION_BEFORE.search(text[max(s0, ns - 40):ns]) or _SETTING_AFTER.match(after)):
            continue  # 224x224, 4-bit, 5-shot: settings, not results
        if unit in (None, "x") and any(e.end_char in (ns - 1, ns) and e.label_ in ("Method", "Dataset") for e in ents):
            continue  # a version or size inside a name: Llama 7B, Stable Diffusion 3.5, GhostNet 0.5x
        if sign in ("-", "\u2212") and unit is None and mult is None and OTHER_AFTER.match(rest):
            continue  # no count is negative: "codimension-1 and -2 patterns" (a hyphen)
        value = float(num.replace(",", "")) * _MULTIPLIER.get(mult, 1.0)
        unit_norm = "%" if unit in ("%", "%p", "pp", " percent") else ("x" if unit in RATIO_UNITS else None)
        num_span = doc.char_span(ns, ne, alignment_mode="expand")
        if num_span is None:
            continue
        metric_after = any(e.label_ == "Metric" and 0 <= e.start_char - ne <= 1 for e in ents)
        before = context_before(text, s0, ns)
        glued = _GLUED_UNIT_AT.match(text, ne)
        if glued:
            kind, explicit = glued_kind(glued.group(), before, text[glued.end():glued.end() + 40])
        else:
            kind, explicit = kind_of(sign, unit, unit_norm, before, rest, metric_after)
        open_at = text.rfind("(", max(s0, ns - 60), ns)
        found.append({"value": value, "unit": unit_norm, "kind": kind, "explicit": explicit, "mult": mult, "sign": sign,
                      "span": num_span, "ns": ns, "ne": ne, "rest": rest, "glued": glued and glued.group(),
                      "measure": mult is not None or glued is not None or TIME_AFTER.match(rest) is not None,
                      "in_paren": open_at >= 0 and ")" not in text[open_at:ns],
                      "from": FROM_END.search(before, max(0, len(before) - 8)) is not None})
    return found, ents
