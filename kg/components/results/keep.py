"""Is a number the result finder read a result at all? The features of that decision.

A result is what a paper measured: a score, a change, a count ("76.5% top-1 accuracy", "2x
faster", "22.8M parameters"). Numbers the rules read that are no result look alike across papers:
a name made of a number ("4M: Massively Multimodal Masked Modeling", "the dawn of 6G"), an
identifier ("arXiv:2303.06208", "the 3-WL test"), a setting ("2K to 8K resolutions", "7.5x
undersampled", "1-layer transformers"). :func:`features` describes a number by its shape, its
unit and kind, the words around it and what it is bound to; the model of :mod:`.learned` weighs
them, and its probability is the result's ``confidence``.

>>> import re
>>> text = "4M: A Model\\n\\n4M reaches 76.5% top-1 accuracy. 4M is big."
>>> f = {"ns": 0, "ne": 2, "unit": None, "kind": "score", "explicit": False, "mult": "M", "sign": "",
...      "glued": None, "rest": ": A Model", "value": 4e6, "in_paren": False}
>>> x = features(f, {"metric": None, "dataset": None, "method": None}, text, title_end=11, strong=False)
>>> sorted(k for k in x if k.startswith(("in_", "repeated", "multiplier")))
['in_title', 'multiplier_no_noun', 'repeated']
"""
from __future__ import annotations

import re

from .kind import OTHER_AFTER

# after a number, an uppercase identifier joined by a hyphen: "3-WL", "2-D"
_DASH_CAPS_AFTER = re.compile(r"-[A-Z]")
# a word glued before a number by a colon or a dot: "arXiv:2303.06208", "Sec.3"
_GLUED_BEFORE = re.compile(r"[A-Za-z][:.]$")
# what a change or comparison says around a ratio: "2x faster", "by 3x", "3x fewer"
_RATIO_CUE_AFTER = re.compile(
    r"^\s*(?:[\w\-]+\s+){0,2}?(?:faster|slower|smaller|larger|bigger|fewer|less|lesser|more|higher|lower|wider|"
    r"deeper|longer|shorter|narrower|lighter|heavier|quicker|stronger|greater|"
    r"speed-?ups?|reduction|compression|improvement|increase|decrease|cheaper|better|acceleration|savings?|"
    r"the\s+(?:speed|cost|size|number|memory|throughput))", re.I)
_RATIO_CUE_BEFORE = re.compile(r"\b(?:by|of|to|up to|achiev\w*|reach\w*|provid\w*|deliver\w*|offer\w*|"
                               r"enabl\w*|yield\w*|obtain\w*|gain\w*)\s*(?:over|about|around|nearly|almost|up to)?\s*$",
                               re.I)
# a verb of attaining right before the number's clause: "achieves", "reaches", "obtains"
_RESULT_VERB_BEFORE = re.compile(r"\b(?:achiev|reach|obtain|attain|yield|scor|improv|outperform|surpass|reduc|"
                                 r"increas|boost|get|got|hit|record|report|set)\w*\b[^.;]{0,60}$", re.I)
_AT_BEFORE = re.compile(r"\bat\s*(?:about|around|only|just)?\s*$", re.I)
_PREP_BEFORE = re.compile(r"\b(?:at|with|using|of|for|from|to|in|on)\s*(?:about|around|only|just|over|up to)?\s*$", re.I)
# setting words near a number (a word list of rules/: "resolution", "undersampled", ...)


def _occurs_elsewhere(text: str, token: str, at: int) -> bool:
    """Whether ``token`` is written again in ``text`` (not where it starts at ``at``), as a word of its own."""
    i = text.find(token)
    while i != -1 and token:
        j = i + len(token)
        if i != at and not (i and (text[i - 1].isalnum() or text[i - 1] in "._")) and \
                not (j < len(text) and (text[j].isalnum() or text[j] in "._%")):
            return True
        i = text.find(token, i + 1)
    return False


def features(f: dict, r: dict, text: str, title_end: int, strong: bool, setting_words: re.Pattern | None = None,
             ) -> dict[str, float]:
    """The features of number ``f`` (a dict of :func:`.numbers.read_numbers`) with its bindings
    ``r`` (metric, dataset, method), in ``text`` whose title ends at ``title_end``; ``strong``:
    its metric is bound closely (:meth:`.metric.MetricBinder.bind`)."""
    ns, ne = f["ns"], f["ne"]
    x: dict[str, float] = {"bias": 1.0, f"kind_{f['kind']}": 1.0}
    unit = f["unit"]
    x[f"unit_{unit or 'none'}"] = 1.0
    if f.get("explicit"):
        x["kind_explicit"] = 1.0
    if r.get("metric") is not None:
        x["metric_strong" if strong else "metric_near"] = 1.0
    if r.get("dataset") is not None:
        x["dataset"] = 1.0
    if r.get("method") is not None:
        x["method"] = 1.0
    if not any(r.get(k) is not None for k in ("metric", "dataset", "method")):
        x["unbound"] = 1.0
    value = abs(f["value"])
    surface = text[ns:ne]
    if unit is None and value == 1.0:
        x["value_one"] = 1.0  # "1-layer transformers": one of a thing is a setting
    if f.get("sign") in ("-", "\u2212") and unit is None:
        x["minus_no_unit"] = 1.0  # "codimension-1 and -2 patterns": no count is negative
    rest = f.get("rest") or text[ne:ne + 40]
    if f.get("mult") and not OTHER_AFTER.match(rest) and r.get("metric") is None:
        x["multiplier_no_noun"] = 1.0  # "4M leads to", "the dawn of 6G", "2K to 8K resolutions"
    if f.get("glued"):
        x["glued_unit"] = 1.0
    if ns < title_end:
        x["in_title"] = 1.0
    before = text[max(0, ns - 60):ns]
    line_start = max(before.rfind(". "), before.rfind("\n"))
    if not before[line_start + 1:].strip():
        x["starts_sentence"] = 1.0  # "4M achieves ..."
    if _GLUED_BEFORE.search(before):
        x["glued_to_word"] = 1.0  # "arXiv:2303.06208"
    if _DASH_CAPS_AFTER.match(text, ne):
        x["dash_caps_after"] = 1.0  # "3-WL"
    if (f.get("mult") or unit is None) and _occurs_elsewhere(text, surface.strip(), ns):
        x["repeated"] = 1.0  # the same "4M" again and again: a name
    if unit == "x":
        if _RATIO_CUE_AFTER.match(rest) or _RATIO_CUE_BEFORE.search(before):
            x["ratio_cue"] = 1.0
        else:
            x["ratio_no_cue"] = 1.0  # "reconstructing 7.5x prospectively undersampled data"
    if _RESULT_VERB_BEFORE.search(before):
        x["result_verb"] = 1.0
    if _PREP_BEFORE.search(before):
        x["after_preposition"] = 1.0
    if _AT_BEFORE.search(before):
        x["at_before"] = 1.0  # "at 25% of the training compute", "at 4x compression": a point it was set to
    if setting_words is not None and (setting_words.search(text, max(0, ns - 30), ns)
                                      or setting_words.match(rest)):
        x["setting_word"] = 1.0
    if f.get("in_paren"):
        x["in_paren"] = 1.0
    return x
