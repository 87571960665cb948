"""When a name that no list knows is a Dataset (or a Task, or a Metric): the words around it say so.

:class:`DataCues` holds the word lists of ``rules/`` that these decisions read (the data nouns,
the words after a name, the qualifiers of a data noun) and the patterns built from them; the
name finder (:mod:`kg.components.names`) asks it.

>>> import spacy
>>> from kg.rules import load_rules
>>> cues = DataCues(load_rules().words, frozenset())
>>> doc = spacy.blank("en")("We release the ZetaBench dataset.")
>>> cues.label_of(doc, doc[3:4])
'Dataset'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Span

from .doc import CharMask, doc_text, get, span_text
from .patterns import DataNouns, edition_year_at, word_set

# the words before a name that say it is data: a sentence that opens "On NAME," or "In particular, on
# NAME,"
_DATASET_OPENING = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:(?:in particular|specifically|similarly|moreover|furthermore|finally|notably),?\s+)?"
    r"on\s+(?:the\s+)?$", re.I)
# what may stand between two names of one list: "VIPeR, GRID and CUHK03", "GTAV and SYNTHIA"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|&|/)\s*$")
_COMMA_ONLY = re.compile(r"^\s*,\s*$")


class DataCues:
    """What makes an unknown name a Dataset, a Task or a Metric, from the word lists ``words`` of
    ``rules/`` (:data:`kg.rules.WORD_LISTS`); ``stop``: the stop list (never a name). The
    patterns that look for a data noun are built from the one list ``data_nouns``
    (:class:`~kg.components.patterns.DataNouns`)."""

    def __init__(self, words: Mapping[str, Iterable[str]], stop: frozenset):
        self.stop = stop
        self.qualifiers = word_set(words, "qualifiers", "kg_names")
        self.nouns = nouns = DataNouns(words)
        self.dataset_after = word_set(words, "dataset_after", "kg_names") | nouns.words
        self.task_nouns = word_set(words, "task_nouns", "kg_names")
        self.metric_nouns = word_set(words, "metric_nouns", "kg_names")
        n = nouns.regex
        #: a long form whose head noun says it is data: "Penn Treebank (PTB)", "CommonSense Knowledge Graph (CSKG)"
        self.data_head_end = re.compile(rf"\b(?:{n}|knowledge (?:graph|base)|challenge)$", re.I)
        # the words before a name that say it is data: "the training set of NAME", "datasets such as
        # NAME", "benchmarks (NAME, ..."
        self.intro = re.compile(rf"\b(?:{n}|(?:training|test|validation) (?:sets?|data))\s+"
                                r"(?:of|such as|including|like|\()\s*(?:the\s+)?$", re.I)
        # a name described in apposition as data: "ZorbQA, a large QA dataset", "ZQ-1M, a new benchmark"
        self.apposition = re.compile(
            rf"\s*,\s*(?:a|an|the)\s+(?:[\w\-]+\s+){{0,4}}?(?:{nouns.singular_regex}|collection)\b", re.I)
        # words that introduce the data a method is evaluated on: "experiments on IJB-A", "results on
        # WoZ", "fine-tuned on ZQuAD"; or a list of data: "databases, VIPeR, ...", "benchmarks: MAFA"
        self.evaluated_on = re.compile(
            rf"\b(?:experiments?|evaluat\w*|results?|performance|accuracy|tested|{n}|"
            r"state[- ]of[- ]the[- ]art|trained|fine-?tuned|pre-?trained)(?:\s+[\w\-]+){0,3}?\s+on"
            r"\s+(?:the\s+|both\s+|several\s+|two\s+|three\s+)?$", re.I)
        # a list of data announced by its noun: "four databases, VIPeR, ..." (a member is followed by
        # the rest of the list, not by a verb: "On the two datasets, ZorbNet reaches ...")
        self.list_intro = re.compile(rf"\b{nouns.plural_regex}\s*[,:]\s+(?:the\s+)?$", re.I)
        # what follows a member of a list (not a verb: "On ZQuAD, ZorbNet reaches ..." is no list);
        # used with .match(text, pos), where "^" would never match
        self.list_goes_on = re.compile(rf"\s*(?:[,;:).]|and\b|or\b|{n}\b|$)", re.I)
        self.head_tail = re.compile(rf"\s+{n}$", re.I)
        #: a data noun that ends the name of a dataset, written in any case ("Dataset", "corpus", "TREEBANK")
        # (the look at the first letters lets the regex engine skip to them: twice as fast as without)
        first = "".join(sorted({c for w in nouns.words for c in (w[0], w[0].upper())}))
        self.data_noun = re.compile(rf"(?=[{first}])(?<=[A-Za-z] )(?:" + "|".join(
            f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}|{re.escape(w.upper())}" for w in sorted(nouns.words)) + r")\b")

    def label_of(self, doc: Doc, span: Span) -> str:
        """The label the words around a new name give it ("ZetaBench dataset", "the QZ task",
        "BLORP score"; after an acronym's closing bracket: "... (RAF) Database"; "datasets such as
        NAME", "NAME, a QA dataset"), else Method."""
        end = span.end
        if end + 1 < len(doc) and doc[end].text == ")":
            end += 1
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in self.dataset_after or (
                nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in self.dataset_after):
            return "Dataset"
        before = doc_text(doc)[max(0, span.start_char - 40):span.start_char]
        if self.intro.search(before) or (nxt == "," and _DATASET_OPENING.search(before)):
            return "Dataset"
        if nxt == "," and self.apposition.match(doc_text(doc), span.end_char):
            return "Dataset"  # "WikiQuux, a QA dataset that ..."
        if nxt in self.task_nouns:
            return "Task"
        if nxt in self.metric_nouns:
            return "Metric"
        return "Method"

    def capitalised_dataset(self, doc: Doc, head_start: int, head_end: int, taken: CharMask) -> Span | None:
        """The Dataset "Toronto Face datasets" of a data noun (at ``head_start:head_end``) after up to
        five capitalised words that no name holds yet; words that only qualify ("the", "New",
        "Large-Scale", a language: "the English corpus") do not make a name."""
        head = doc.char_span(head_start, head_end)
        if head is None or taken.any(head_start, head_end):
            return None
        start = head.start
        while start > 0 and head.start - start < 5:
            t = doc[start - 1]
            if not t.text[:1].isupper() or t.is_punct or taken.any(t.idx, t.idx + len(t.text)) or not t.whitespace_:
                break
            start -= 1
        qualifiers = self.qualifiers
        while start < head.start and doc[start].lower_ in qualifiers:
            start += 1  # "The Toronto Face dataset": the article is no part of the name
        if start == head.start or all(t.lower_ in qualifiers or t.lower_ in self.stop for t in doc[start:head.start]):
            return None
        if start in (get(doc, "kg_sent_starts") or ()) and head.start - start == 1:
            return None  # "Results datasets ...": one capitalised word may just start the sentence
        return Span(doc, start, head.end, label="Dataset")

    def retype(self, doc: Doc, ents: list[Span], weak: set[int], propose_cues: tuple) -> list[Span]:
        """New names labelled Method for want of a cue (``weak``: their first tokens) become Datasets
        when the abstract says so: the same name is a Dataset elsewhere in it, it stands in a list
        with a Dataset ("on VIPeR, GRID and CUHK03"), or evaluation words introduce it ("experiments
        on IJB-A"). Names a gazetteer knows, and names the paper proposes ("we introduce X",
        "named X"), keep their label."""
        text = doc_text(doc)
        low = text.lower()
        out = list(ents)
        datasets = {self.head_tail.sub("", span_text(e).lower()) for e in out if e.label_ == "Dataset"}
        proposed = {span_text(e).lower() for e in out
                    if e.label_ == "Method" and low[max(0, e.start_char - 30):e.start_char].rstrip().endswith(propose_cues)}
        changed = True
        while changed:  # a list passes the label on from member to member
            changed = False
            for i, e in enumerate(out):
                if e.label_ != "Method" or e.id or not weak.intersection(range(e.start, e.end)):
                    continue
                name = span_text(e).lower()
                if name in proposed:
                    continue
                if name in datasets or self._listed_with_dataset(text, out, i) or self._introduced_as_data(text, e):
                    end = e.end
                    if edition_year_at(doc, end) and not (i + 1 < len(out) and out[i + 1].start == end):
                        end += 1  # "ZQX 2019": the edition is part of the name
                    out[i] = Span(doc, e.start, end, label="Dataset")
                    datasets.add(name)
                    changed = True
        return out

    def task_datasets(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A task named before a singular dataset noun is the name of a dataset: "the VQA dataset", "COCO object
        detection dataset", "IJB-A face recognition dataset" (one Dataset; a dataset named right
        before the task lends the whole its canonical name: COCO). Returns ``ents`` when nothing changed."""
        out: list[Span] = []
        changed = False
        n = len(doc)
        # (a noun spelled like a singular, not ending in "s" or "a": not "corpus" either)
        heads = {w for w in self.nouns.words if not w.endswith(("s", "a"))}
        for e in ents:
            # not "QA datasets", "a QA dataset": data for a task, described rather than named
            if (e.label_ == "Task" and e.end < n and doc[e.end].lower_ in heads
                    and not (e.start > 0 and doc[e.start - 1].lower_ in ("a", "an"))):
                prev = out[-1] if out else None
                if prev is not None and prev.label_ == "Dataset" and prev.end == e.start:
                    out[-1] = Span(doc, prev.start, e.end + 1, label="Dataset", span_id=prev.id_)
                else:
                    out.append(Span(doc, e.start, e.end + 1, label="Dataset"))
                changed = True
            else:
                out.append(e)
        if not changed:
            return ents
        return [e for i, e in enumerate(out) if i + 1 == len(out) or out[i + 1].start >= e.end]

    def _listed_with_dataset(self, text: str, ents: list[Span], i: int) -> bool:
        """True when entity ``i`` stands in one list with a Dataset next to it ("VIPeR, GRID and
        CUHK03"); a Dataset and a comma before it make no list when no list goes on after it
        ("On ZQuAD, ZorbNet reaches ...")."""
        e = ents[i]
        listed = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(ents) and ents[j].label_ == "Dataset":
                gap = text[min(e.end_char, ents[j].end_char):max(e.start_char, ents[j].start_char)]
                if _LIST_JOIN.match(gap) and not (
                        j < i and _COMMA_ONLY.match(gap) and not self.list_goes_on.match(text, e.end_char)):
                    listed = True
        return listed

    def _introduced_as_data(self, text: str, e: Span) -> bool:
        """True when evaluation words ("experiments on", "fine-tuned on") or a list's noun ("datasets:")
        introduce entity ``e``."""
        return bool(self.evaluated_on.search(text, max(0, e.start_char - 60), e.start_char)
                    or (self.list_intro.search(text, max(0, e.start_char - 30), e.start_char)
                        and self.list_goes_on.match(text, e.end_char)))
