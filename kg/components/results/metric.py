"""The metric of a result number: a Metric name next to it, or the quantity its words name
("22.8M parameters", "a 2.1 gain in BLEU").

>>> from kg.rules import load_rules
>>> MetricBinder(load_rules().words).tidy("the higher top-1 accuracy gain")
'top-1 accuracy'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..doc import doc_text, span_text
from ..patterns import looks_named, word_set
from .around import SIZE_OF_NAME, nearest
from .kind import TIME_AFTER
from .numbers import NUMBER

_QUANTITY_WORDS = (
    r"((?:(?!(?:in|on|for|with|and|than|compared|while|whilst|when|at|to|by|from|over|per|using|of|is|are|was|"
    r"were|has|have|can|could|that|which)\b)[A-Za-z][\w\-]*\s*){1,3})"
)
# one to four words naming a quantity, none of them a preposition: "training time", "top-1 error"
_NOT_QUANTITY = r"(?!(?:of|by|to|up|from|in|on|for|with|at|and|or|than)\b)"
_PHRASE = r"((?:" + _NOT_QUANTITY + r"[\w\-]+ ){0,3}?" + _NOT_QUANTITY + r"[\w\-]+)"
# "with an average Euclidean distance of 0.14": a quantity named in words just before its value
_NOUN_OF = re.compile(r"\b(?:an?|the|its|their|our)\s+" + _PHRASE + r"\s+(?:of|=|:)\s*$", re.I)
_QUANTITY_AFTER = re.compile(r"^\s*(?:%|x\b|×|times\b|-)?\s*(of (?:the |their |its )?)?" + _QUANTITY_WORDS)
# "a 2.1 point gain in BLEU", "an improvement of"... after the number: what the change is in
_CHANGE_IN = re.compile(
    r"^\s*(?:%p?|pp|x\b|×|times\b)?\s*(?:points?\s+|absolute\s+|relative\s+)?(?:improvements?|gains?|increases?|"
    r"boosts?|reductions?|decreases?|drops?|enhancements?)\s+(?:in|of|on)\s+(?:the\s+|terms\s+of\s+)?" + _QUANTITY_WORDS,
    re.I,
)
# "5x fewer parameters", "19.8x lesser training memory", "25% more depth": what there is less or more of
_COMPARATIVE_AFTER = re.compile(
    r"^\s*(?:%|x\b|×|times\b)?\s*(?:fewer|less|lesser|more|smaller|larger|lower|higher|faster|slower)\s+"
    + _QUANTITY_WORDS, re.I)


COMPARATIVE_ONLY = re.compile(r"^\s*(?:faster|slower|smaller|larger|bigger|cheaper|quicker|speed-?ups?)\b", re.I)
_CHANGE_OF = re.compile(
    r"\b(?:reduc\w*|improv\w*|increas\w*|decreas\w*|boost\w*|sav\w*|lower\w*|cut\w*|accelerat\w*|shrink\w*)\s+"
    r"(?:the |its |their |our )?" + _PHRASE + r"(?:\s+(?:of|for)\s+[^;()]{1,50}?)?\s+(?:by|of|to)\s*"
    r"(?:up to |over |more than |about |nearly |almost |approximately |around |roughly |at least )?[+\-]?$",
    re.I,
)
# "the top-1 error of ResNet-50 is reduced by 5.6%", "the energy efficiency ... is increased by 10.8%"
_PASSIVE_CHANGE = re.compile(
    r"\b(?:the|its|their|our)\s+" + _PHRASE + r"(?:\s+of\s+[^;()]{1,60}?)?\s+"
    r"(?:is|are|was|were|can be|could be|be|been)\s+(?:\w+ly\s+)?"
    r"(?:reduc|increas|improv|decreas|boost|lower|cut|enhanc)\w*\s+by\s*"
    r"(?:up to |over |more than |about |nearly |almost |approximately |around |roughly |at least )?[+\-]?$",
    re.I,
)
# between a Metric name and its number (matched from the name on): "FID of 2.2", "mAP: 41.0", "FID from 56 to 21"
# "reduce the memory cost of a deep network from 48G to 7G": what the two values are of
_CHANGE_FROM = re.compile(
    r"\b(?:reduc\w*|improv\w*|increas\w*|decreas\w*|boost\w*|lower\w*|cut\w*|rais\w*)\s+"
    r"(?:the |its |their |our )?" + _PHRASE + r"(?:\s+(?:of|for)\s+[^;()]{1,50}?)?\s+from\s*"
    r"(?:[\d.]+\s*\S{0,2}\s+to\s*)?$",
    re.I,
)
# the head noun of a quantity named in words: what a phrase ending in it measures
_MEASURE_HEAD = (r"(?:accurac(?:y|ies)|errors?|error rates?|rates?|scores?|precision|recall|distances?|similarity|"
                 r"correlation|loss|perplexity|fidelity|coverage)")


# up to four lower-case words ending in a measure's head noun
_MEASURE_PHRASE = r"((?:" + _NOT_QUANTITY + r"[a-z][\w\-]*\s+){0,3}?" + _MEASURE_HEAD + r")\b"
# right after the number: "18.9% phone recognition error", "0.91 rank correlation"
_MEASURE_AFTER = re.compile(r"^\s*" + _MEASURE_PHRASE)
# later in the clause, with no number between: "... (54.7% vs. 51.7%), on sequence recovery rate"
_MEASURE_ON = re.compile(r"^[^;\d]{0,60}?\b(?:on|in terms of)\s+(?:the\s+)?" + _MEASURE_PHRASE)
# what a parenthesis of values only holds: "(66.5% vs. 52.0%)", "(~2%)", "(0.31, 0.28)"
_VALUE_CHARS = r"(?:[\s\d.,%~+\-\\]|(?<=\d)[KMB]\b)*"
_VALUES_IN_PAREN = re.compile(_VALUE_CHARS + r"(?:(?:vs\.?|versus|and|/)" + _VALUE_CHARS + r")*\)")
# the lower-case words right before that parenthesis: "diversity (", "sequence recovery rate ("
_WORDS_BEFORE_PAREN = re.compile(
    r"(?<![\w\-])((?:" + _NOT_QUANTITY + r"[a-z][\w\-]* ){0,2}" + _NOT_QUANTITY + r"[a-z][\w\-]*)\s*\(\s*[~\\]?\s*$")


# "(4.62% error)", "(36.3 AP)": a number in parentheses followed by what it measures
_PAREN_QUANTITY = re.compile(r"^\s*([A-Za-z][\w\-@]*(?:\s+[A-Za-z][\w\-@]*){0,2})\s*\)")
# between a number and a Metric name later in its clause: "... in terms of top-1 accuracy", "... on mIoU"
_TERMS_OF = re.compile(r"^[^;]*?(?:\bin terms of|\bon|\bin)(?:\s+the)?\s*$", re.I)
_METRIC_LINK = re.compile(r"\s*\)?\s*(?:\([^()]*\)\s*)?(?:of|=|:|from|is|was|reaches|reached|at)?\s*$", re.I)
# "... in terms of parameters": what a number measures, named in words later in its clause (no number between)
_TERMS_OF_WORDS = re.compile(r"^[^;,\d]{0,40}?\bin terms of\s+(?:the\s+)?" + _QUANTITY_WORDS, re.I)
_LIST_WORDS = re.compile(r"[,;]|\b(?:and|or|vs|versus|while|whereas|with|at|for|using|when|than)\b|\d", re.I)
# a clause of its own after a change: what it names is not what changed
_OTHER_CLAUSE = re.compile(r",|\b(?:while|whereas|whilst|but|using|requiring)\b", re.I)


def carry_metric(found: list[dict], previous: list[dict]) -> None:
    """Scores of a sentence that names no metric ("For X, it improves from 81.5% to 83.4%") take the
    metric of the last score of the sentence before (``previous``: its scores), which it goes on about."""
    carried = next((r["metric"] for r in reversed(previous) if r["metric"] is not None), None)
    if carried is None:
        return
    for f in found:
        if f["metric"] is None and f["kind"] == "score":
            f["metric"] = carried


class MetricBinder:
    """Binds a number to its metric (:meth:`bind`); ``words``: the word lists of ``rules/``
    (``not_measure``, ``quantity_stop``, see :data:`kg.rules.WORD_LISTS`)."""

    def __init__(self, words: Mapping[str, Iterable[str]]):
        #: words that name what was measured, not the measure ("our model (81.2%)")
        self.not_measure = word_set(words, "not_measure", "kg_results")
        #: words a quantity named in words is tidied of ("higher accuracy" -> "accuracy")
        self.quantity_stop = word_set(words, "quantity_stop", "kg_results")
        #: words that make a phrase no quantity ("a new state-of-the-art", "we achieve", "the dawn of")
        self.not_quantity = word_set(words, "not_quantity", "kg_results")

    def clean(self, phrase: str, ents=()) -> str | None:
        """A quantity named in words as a metric, or None when it names none: without the words of
        ``not_quantity`` at its ends ("new state-of-the-art BLEU score" -> "BLEU score"); None when one
        is left inside ("parameters but gaining"), when nothing is left, when its last word names
        what was measured ("model"), or when it is the name of a dataset, method or task of the
        sentence (``ents``: "0.651 on BLUE-1" is a metric's place, "60.4% on OK-VQA" a dataset's).

        >>> from kg.rules import load_rules
        >>> b = MetricBinder(load_rules().words)
        >>> b.clean("new state-of-the-art BLEU score"), b.clean("record-breaking"), b.clean("datasets improves")
        ('BLEU score', None, 'datasets')
        """
        bad = self.not_quantity
        words = phrase.split()
        while words and words[0].lower().strip(",.") in bad:
            words.pop(0)
        while words and words[-1].lower().strip(",.") in bad:
            words.pop()
        if not words or any(w.lower() in bad for w in words) or words[-1].lower() in self.not_measure:
            return None
        out = " ".join(words)
        low = out.lower()
        if any(e.label_ != "Metric" and span_text(e).lower() == low and (e.label_ == "Dataset" or looks_named(out))
               for e in ents):
            return None  # (a lower-case phrase typed Method by mistake, "a mean rank of 0.42", stays a metric)
        return out

    def tidy(self, phrase: str) -> str | None:
        """A quantity named in words without its stop words: "the top-1 accuracy gain" -> "top-1 accuracy"."""
        stop = self.quantity_stop
        words = [w for w in phrase.split() if w.lower() not in stop]
        while words and words[-1].lower() in stop:
            words.pop()
        return " ".join(words) or None

    def quantity_or_metric(self, metrics, phrase: str):
        """A quantity named in words, as the Metric entity it is when the sentence has one by that text."""
        tidy = self.tidy(phrase)
        if tidy:
            low = tidy.lower()
            for e in metrics:
                if span_text(e).lower() == low:
                    return e
        return tidy

    def measured_before_paren(self, before: str, after: str) -> str | None:
        """What a parenthesis of values only measures, named in lower-case words right before it:
        "designability (67.0% vs. 53.6%)" -> "designability"; None for a name or a generic noun."""
        if not _VALUES_IN_PAREN.match(after):
            return None
        m = _WORDS_BEFORE_PAREN.search(before, max(0, len(before) - 60))
        if m is None:
            return None
        last = m.group(1).split()[-1]
        if last in self.not_measure or last in self.quantity_stop:
            return None  # "our model (81.2%)", "a clear gain (~2%)"
        return self.tidy(m.group(1))

    def bind(self, metrics: list, f: dict, after: str, before: str) -> tuple:
        """The metric of a number and whether it is bound closely (else only the nearest in the sentence).

        Close bindings: a Metric name right after it ("76.5% top-1 accuracy"), the quantity a count or
        share is of ("22.8M parameters", "27% of the FLOPs"), what a change is in ("a 2.1 gain in BLEU",
        "5x fewer parameters"), a Metric name just before it ("FID of 2.2", "mAP: 41.0"), what a change
        is of ("reduces the training time by 20%", "the error is reduced by 5%"). A duration has none."""
        num, kind = f["span"], f["kind"]
        text = doc_text(num.doc)
        for e in metrics:
            if 0 <= e.start - num.end <= 3 and not _LIST_WORDS.search(text, num.end_char, e.start_char):
                return e, True
        for e in reversed(metrics):
            if 0 <= num.start - e.end <= 3 and _METRIC_LINK.match(text, e.end_char, num.start_char):
                return e, True
        if f["kind"] == "other" and f["glued"]:
            return None, False  # "a single 24GB GPU": a size in bytes
        if f["glued"] in ("fps", "FPS"):
            return "FPS", True  # "35fps": frames per second is the measure
        if kind == "other" and (m := SIZE_OF_NAME.match(after)):
            return m.group(1).lower().rstrip("s") + "s", True  # "a 1001-layer ResNet": its number of layers
        m = _QUANTITY_AFTER.match(after)
        if m and (kind == "other" or m.group(1)):
            return self.tidy(m.group(2)), True
        if f["unit"] is None and TIME_AFTER.match(f["rest"]) or f["glued"] == "ms":
            return None, False
        if f["in_paren"] and (m := _PAREN_QUANTITY.match(after)):
            return self.quantity_or_metric(metrics, m.group(1)), True  # "(4.62% error)"
        if f["in_paren"] and (quantity := self.measured_before_paren(before, after)):
            return self.quantity_or_metric(metrics, quantity), True  # "diversity (66.5% vs. 52.0%)"
        if m := _MEASURE_AFTER.match(after):
            return self.quantity_or_metric(metrics, m.group(1)), True  # "18.9% phone recognition error"
        if m := _TERMS_OF_WORDS.match(after):
            return self.quantity_or_metric(metrics, m.group(1)), True  # "26% more efficient in terms of parameters"
        m = _CHANGE_IN.match(after) or _COMPARATIVE_AFTER.match(after)
        if m:
            return self.quantity_or_metric(metrics, m.group(1)), True
        if COMPARATIVE_ONLY.match(f["rest"]):
            return None, False  # "2x faster", "4x - 9x smaller": the ratio is its own measure
        for e in metrics:
            if num.end <= e.start <= num.end + 12:
                between = text[num.end_char:e.start_char]
                if _TERMS_OF.match(between) and not NUMBER.search(between):
                    return e, True  # "by 1.0% ... in terms of top-1 accuracy", "by 28.8% on top-1 accuracy"
        if m := _MEASURE_ON.match(after):
            return self.quantity_or_metric(metrics, m.group(1)), True  # "(54.7% vs. 51.7%), on sequence recovery rate"
        near = before[-160:]
        m = (_CHANGE_OF.search(near) or _PASSIVE_CHANGE.search(near)) if kind == "delta" else _CHANGE_FROM.search(near)
        if m:
            return self.quantity_or_metric(metrics, m.group(1)), True
        m = _NOUN_OF.search(before, max(0, len(before) - 60))
        if m and (quantity := self.quantity_or_metric(metrics, m.group(1))):
            return quantity, True
        best = nearest(metrics, num, "Metric", prefer_after=True, text=text)
        if best is not None and kind != "score" and best.start_char >= num.end_char and \
                _OTHER_CLAUSE.search(text, num.end_char, best.start_char):
            return None, False  # "speeds up training by 4x, while requiring a small computational overhead"
        if best is not None and (kind == "score" or abs(best.start - num.start) <= 8
                                 or len({span_text(e).lower() for e in metrics}) == 1):
            return best, False
        return None, False
