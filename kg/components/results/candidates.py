"""The datasets a result number may be on: the Dataset entities of its sentence and the names
that stand where a dataset stands when no entity covers them.

The entity finder does not know every dataset. A name is a candidate when the text puts it in a
dataset's place: after "on" ("74.1% on ICDAR2017 MLT"), before the parenthesis of a value
("UPLight (92.45%)") or the colon before one ("MedMCQA: 62.7%"), in an opening "For X," or in a
list the sentence calls datasets ("the Kumar, CoNSep and CPM-17 datasets"); an unknown name the
entity finder typed Method or Task is one when "on" or a data noun puts it there ("65.8% on
VGGSound"). A split written after a dataset ("COCO test-dev", "the Cityscapes val set") is kept
apart: the dataset is COCO, the split test-dev. :func:`.dataset.choose_candidate` picks one.

>>> from kg.pipeline import make_nlp
>>> from kg.rules import load_rules
>>> nlp = make_nlp(trained=False)
>>> doc = nlp("ZorbNet reaches 74.1% on ShanghaiTechA and 82.9% on Total-Text test set.")
>>> found = DatasetCandidates(load_rules().words).of_sentence(doc, doc[:], doc._.kg_ents)
>>> [(c.text, c.split, c.entity) for c in found]
[('ShanghaiTechA', None, False), ('Total-Text test set', 'test', True)]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doc import doc_text, span_text
from ..patterns import DataNouns, word_set
from .numbers import NUMBER

# one word of a name as written: letters and digits, joined by - _ . + & ' ("CHASE-DB1", "UCF_QNRF", "v2")
_WORD = re.compile(r"(?<![\w\-])[A-Za-z0-9][A-Za-z0-9_'+&]*(?:[.\-][A-Za-z0-9_+&]+)*")
_HAS_LETTER = re.compile(r"[A-Za-z]")
_CAP_OR_DIGIT = re.compile(r"[A-Z0-9]")
_VERSION = re.compile(r"^(?:[vV]\d[\d.]*|\d[\d.]*[a-z]?|[IVX]+)$")
# a language pair ("En-De", "zh-en"): a direction of a translation benchmark, not a dataset
_LANGUAGE_PAIR = re.compile(r"^[A-Za-z][a-z]-[A-Za-z][a-z]$")
# a number and what it counts, written as one word: "4-bit", "10-times", "5-shot", "4-benchmark"; an ordinal
_COUNT_WORD = re.compile(r"^\d[\d.]*(?:-[a-z]+|st|nd|rd|th)$")
# a word shaped like a name on its own: a capital after the first letter, a digit, or capitals only (MARS)
_STRONG = re.compile(r"^(?=.*[A-Za-z])(?:.+[A-Z]|.*\d|[A-Z]{2,}$)")
# between two names of one list: "A, B and C", "A/B", "A & B", "A, and B", "A, 2018 B"
_LIST_GAP = re.compile(r"(?:\s*\([^()]{0,25}\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|&\s*)(?:the\s+)?"
                       r"(?:(?:19|20)\d\d\s+)?$")
# a preposition that puts what follows it as the data of a result ("74.1% on ICDAR2017 MLT")
_ON_END = re.compile(r"(?<!based )(?<!built )(?<!relies )(?<!relying )(?<!depends )(?<!focus )(?<!focuses )\b(?:on|in|for|across|over|from|at)\s+(?:the\s+|both\s+|all\s+|two\s+|three\s+|four\s+)?"
                     r"(?:(?:challenging|public|popular|standard|widely[\s-]used|benchmark|large-scale)\s+)*$", re.I)
# the data a model was pre-trained on: "with ImageNet pre-training", "pre-trained on JFT-300M"
_PRETRAINING_AFTER = re.compile(r"[\s-]*(?:-?\d+[KkM]?\s+)?pre-?train(?:ing|ed)\b", re.I)
_PRETRAINED_ON = re.compile(r"\bpre-?trained\s+(?:\w+\s+)?on\s+(?:the\s+)?$", re.I)
# "on X", "across X": the place of the data a score was measured on
_ON_ONLY = re.compile(r"(?<!based )(?<!built )(?<!relies )(?<!relying )(?<!depends )\b(?:on|across)\s+(?:the\s+)?$", re.I)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
#: an opening adverbial of a sentence, up to its comma: "On CIFAR-10, ...", "For Abt-Buy, ..."
OPENING = re.compile(
    r"\s*(?:(?:in particular|specifically|similarly|moreover|furthermore|notably|additionally|finally|"
    r"for example|for instance|e\.g\.),?\s+)?(?:(?:when|once|after|if)\s+(?:[\w\-]+\s+){0,3}?)?"
    r"(?:on|in|for|across|over)\s+[^,;:()]{1,60}?,", re.I)


@dataclass(slots=True)
class Candidate:
    """A dataset a number may be on: a Dataset entity (``span``), or a name (``text``) at a dataset's place."""

    start: int  # characters in the document's text
    end: int
    text: str
    span: Span | None  # the entity, when it is one
    split: str | None = None  # "test-dev", "val": written after the name
    #: an unknown name the entity finder typed Method or Task that stands where a dataset stands
    #: ("65.8% on VGGSound"): the result takes it as its dataset, not as its method
    retyped: Span | None = None
    slot: frozenset = frozenset()  # why a name that is no entity is one: "on", "noun", "list", "paren", "colon", "frame"
    list_id: int = -1  # the list of names it is in (-1: none)
    list_index: int = 0
    list_size: int = 1

    @property
    def entity(self) -> bool:
        return self.span is not None


class DatasetCandidates:
    """Finds the candidates of a sentence (:meth:`of_sentence`); ``words``: the word lists of
    ``rules/`` (``not_name``, ``data_nouns``, ``split_words``)."""

    def __init__(self, words: Mapping[str, Iterable[str]]):
        self.not_name = word_set(words, "not_name", "kg_results")
        self.hardware = word_set(words, "hardware", "kg_results")
        self.splits = word_set(words, "split_words", "kg_results")
        nouns = DataNouns(words, "kg_results")
        self.noun_after = re.compile(rf"\s*(?:{nouns.regex})\b", re.I)
        # a data noun up to two lower-case words later: "Cornell and Jacquard grasping datasets"
        self.noun_soon = re.compile(rf"(?:\s*\([^()]{{0,25}}\))?\s*(?:[a-z][\w\-]*\s+){{0,2}}(?:{nouns.regex})\b")
        self.noun_end = re.compile(rf"\b(?:{nouns.regex})$", re.I)
        hw = "|".join(sorted(map(re.escape, self.hardware), key=len, reverse=True))
        # hardware named after a name: "a 2080Ti GPU"
        self.hardware_after = re.compile(rf"\s*(?:{hw})\b", re.I) if hw else None
        split_alt = "|".join(sorted((re.escape(s) for s in self.splits), key=len, reverse=True))
        # a split after a name: "test-dev", "val set", "test split", "(val)"
        self.split_after = re.compile(rf"\s*\(?\s*({split_alt})\b\)?(?:\s+(?:set|split|sets))?", re.I)

    def _name_words(self, text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, s0, s1)]

    def _is_name_word(self, w: str, first: bool) -> bool:
        if not _HAS_LETTER.search(w) or _COUNT_WORD.match(w):
            return False
        low = w.lower()
        if low in self.not_name or low in self.splits or low in self.hardware or _LANGUAGE_PAIR.match(w) or \
                first and _VERSION.match(w):
            return False
        return bool(_CAP_OR_DIGIT.search(w)) if first else bool(_CAP_OR_DIGIT.search(w) or _VERSION.match(w))

    def names(self, text: str, s0: int, s1: int) -> list[tuple[int, int]]:
        """The maximal runs of name words (up to five, one space apart) between characters ``s0`` and ``s1``."""
        words = self._name_words(text, s0, s1)
        out = []
        i = 0
        while i < len(words):
            a, b, w = words[i]
            if not self._is_name_word(w, True) or w.isdigit():
                i += 1
                continue
            j = i + 1
            while (j < len(words) and j - i < 5 and text[words[j - 1][1]:words[j][0]] == " "
                   and (self._is_name_word(words[j][2], False) or _VERSION.match(words[j][2]))):
                j += 1
            out.append((a, words[j - 1][1]))
            i = j
        return out

    def split_of(self, text: str, end: int, limit: int) -> tuple[str | None, int]:
        """The split written right after a dataset name ending at ``end``, and where it ends."""
        m = self.split_after.match(text, end, limit)
        return (m.group(1), m.end()) if m else (None, end)

    def of_sentence(self, doc: Doc, sent: Span, ents: list[Span], proposed=()) -> list[Candidate]:
        """The candidates of ``sent`` in text order: its Dataset entities (``ents``: the entities of
        the sentence), the names at a dataset's place that no entity covers, and the unknown names
        typed Method or Task (no gazetteer id, not in ``proposed``) that a data noun or "on"
        introduces ("65.8% on VGGSound", "the DOD-H and DOD-O datasets")."""
        text = doc_text(doc)
        s0, s1 = sent.start_char, sent.end_char
        found = self._dataset_entities(text, s0, s1, ents)
        found += self._retyped(text, s0, s1, ents, proposed)
        retyped = [(c.start, c.end) for c in found if c.retyped is not None]
        found += self._uncovered_names(text, s0, s1, ents, retyped)
        found.sort(key=lambda c: c.start)
        self._mark_lists(text, s1, found)
        return [c for c in found if _kept(c)]

    def _dataset_entities(self, text: str, s0: int, s1: int, ents: list[Span]) -> list[Candidate]:
        """The Dataset entities of the sentence, but the data a model was pre-trained on, each with
        the split its last words or the words after it name."""
        found: list[Candidate] = []
        for e in ents:
            if e.label_ != "Dataset":
                continue
            etext = span_text(e)
            if not etext[:1].isalnum():
                continue  # ("-shot" of "five-shot": no name)
            if _PRETRAINING_AFTER.match(text, e.end_char, s1) or _PRETRAINED_ON.search(text, max(s0, e.start_char - 30),
                                                                                          e.start_char):
                continue  # "with ImageNet pre-training", "pre-trained on JFT": data trained on, not tested on
            split = None
            words = etext.split()
            if len(words) > 1:  # "COCO test-dev": the entity's last words are a split
                k = len(words)
                while k > 1 and (words[k - 1].lower() in self.splits or words[k - 1].lower() in ("set", "split")):
                    k -= 1
                if k < len(words) and any(w.lower() in self.splits for w in words[k:]):
                    split = next(w for w in words[k:] if w.lower() in self.splits)
            if split is None:
                split, _ = self.split_of(text, e.end_char, s1)
            found.append(Candidate(e.start_char, e.end_char, etext, e, split))
        return found

    def _retyped(self, text: str, s0: int, s1: int, ents: list[Span], proposed) -> list[Candidate]:
        """The unknown names typed Method or Task (no gazetteer id, not ``proposed``) shaped like a
        name or followed by a data noun; :func:`_kept` keeps those a dataset's place holds."""
        found: list[Candidate] = []
        own = {(p.start_char, p.end_char) for p in proposed}
        for e in ents:
            if e.label_ not in ("Method", "Task") or e.ent_id_ or (e.start_char, e.end_char) in own:
                continue
            etext = span_text(e)
            if any(_STRONG.match(w) for w in etext.split()) or self.noun_soon.match(text, e.end_char, s1):
                split, _ = self.split_of(text, e.end_char, s1)
                slot = {"retyped"}
                if _ON_ONLY.search(text, max(s0, e.start_char - 30), e.start_char):
                    slot.add("on")
                if self.noun_soon.match(text, e.end_char, s1):
                    slot.add("noun")
                found.append(Candidate(e.start_char, e.end_char, etext, None, split, slot=frozenset(slot), retyped=e))
        return found

    def _uncovered_names(self, text: str, s0: int, s1: int, ents: list[Span],
                         retyped: list[tuple[int, int]]) -> list[Candidate]:
        """The names that no entity covers (nor a ``retyped`` one), each with the slots that put it at
        a dataset's place ("on", "noun", "paren", "colon", "frame", "paren_after"; "weak": a name only
        when a data noun follows)."""
        found: list[Candidate] = []
        taken = [(e.start_char, e.end_char) for e in ents]
        frame = OPENING.match(text[s0:s1])
        frame_end = s0 + frame.end() if frame else -1
        for a, b in self.names(text, s0, s1):
            if any(x < b and a < y for x, y in taken) or any(x < b and a < y for x, y in retyped):
                continue
            if self.hardware_after is not None and self.hardware_after.match(text, b, s1):
                continue
            if any(x == b + 1 and text[b] == " " for x, _ in taken):
                continue  # "the NIST 2000 Switchboard task": a qualifier of the entity after it
            strong = any(_STRONG.match(w) for w in text[a:b].split())
            if not strong and (a == s0 or text[s0:a].strip() in ("", "(", "[")):
                continue  # a capitalised word that starts the sentence: "Notably, ..."
            slot = set()
            before = text[max(s0, a - 60):a]
            if _ON_END.search(before):
                slot.add("on")
            if self.noun_after.match(text, b, s1):
                slot.add("noun")
            after = text[b:min(s1, b + 40)]
            if after.lstrip().startswith("(") and NUMBER.match(after.lstrip()[1:].lstrip()):
                slot.add("paren")  # "UPLight (92.45%)"
            if _COLON_NUMBER.match(after):
                slot.add("colon")  # "MedMCQA: 62.7%"
            if b <= frame_end:
                slot.add("frame")  # "For Abt-Buy, we reach ..."
            if before.rstrip().endswith("(") and NUMBER.search(before[-30:]):
                slot.add("paren_after")  # "97.0% (ESC-10)"
            if not strong and not self.noun_soon.match(text, b, s1):
                slot.add("weak")  # "Cornell", "English": a name only when a data noun follows (it or its list)
            split, _ = self.split_of(text, b, s1)
            found.append(Candidate(a, b, text[a:b], None, split, slot=frozenset(slot)))
        return found

    def _mark_lists(self, text: str, s1: int, found: list[Candidate]) -> None:
        """Find the lists of names among ``found`` (in text order): "CUB200, Cars196, Sop, and InShop",
        "DRIVE, CHASE-DB1, and STARE"; set each member's place in its list, and its "list" slot when
        the list is of data (a data noun after it, an entity or a name at a dataset's place in it)."""
        lists: list[list[Candidate]] = []
        for c in found:
            if lists and _LIST_GAP.match(text[lists[-1][-1].end:c.start]) and \
                    not (lists[-1][-1].split and c.start - lists[-1][-1].end > 8):
                lists[-1].append(c)
            else:
                lists.append([c])
        for k, members in enumerate(lists):
            if len(members) < 2 or len(members) == 2 and text[members[0].end:members[1].start].strip() == ",":
                continue  # (two names and a comma between are no list: "On MS COCO, RevBiFPN provides")
            noun = (self.noun_soon.match(text, members[-1].end, s1) is not None
                    or self.noun_end.search(members[-1].text) is not None)
            entity = any(m.entity for m in members)
            with_data = noun or entity or any(m.slot & {"on", "noun"} for m in members)
            for i, m in enumerate(members):
                m.list_id, m.list_index, m.list_size = k, i, len(members)
                if with_data and not m.entity:
                    m.slot = m.slot | {"list"}
                if (noun or entity) and not m.entity:
                    m.slot = (m.slot | ({"noun"} if noun else set())) - {"weak"}


def _kept(c: Candidate) -> bool:
    """Whether a candidate stays: an entity; a retyped name at a dataset's place; another name with
    a slot and not weak."""
    if c.entity:
        return True
    if c.retyped is not None:  # "65.8% on VGGSound", "the DOD-H and DOD-O datasets", "MS-COCO, NUS-WIDE"
        return bool(c.slot & {"on", "noun", "list"})
    return bool(c.slot) and "weak" not in c.slot


_COLON_NUMBER = re.compile(r"^\s*:\s*(?:[A-Za-z][\w\-@]*\s*){0,3}(?:of|=)?\s*[~\u2248]?\s*[+\-]?\d")


def pair_lists(found: list[dict], groups: list[list[int]], cands: list[Candidate], text: str,
               stext: str) -> dict:
    """Numbers of a list paired in order with a list of as many candidates: any two lists of a
    sentence that says "respectively", or two slashed lists ("82.9%/84.8% on Kinetics-400/Kinetics-600").
    Returns {id(number dict): candidate}."""
    by_list: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.list_id >= 0:
            by_list.setdefault(c.list_id, []).append(c)
    if not by_list:
        return {}
    respectively = _RESPECTIVELY.search(stext) is not None
    out = {}
    for group in groups:
        k = len(group)
        if k < 2:
            continue
        slashed = all(text[found[a]["ne"]:found[b]["ns"]].strip().strip("%").strip() == "/" for a, b in zip(group, group[1:]))
        first, last = found[group[0]], found[group[-1]]
        for members in by_list.values():
            if len(members) != k:
                continue
            # "FIDs of 10.78, 3.52 and 21.17 on A, B and C", "on A, B and C with 88.5%, 95.8% and 65.5%"
            next_to = (_VALUES_THEN_NAMES.fullmatch(text, last["ne"], members[0].start) is not None
                       or _NAMES_THEN_VALUES.fullmatch(text, members[-1].end, first["ns"]) is not None)
            if respectively or next_to or slashed and all(text[a.end:b.start].strip() == "/"
                                                           for a, b in zip(members, members[1:])):
                out.update((id(found[i]), m) for i, m in zip(group, members))
                break
    return out


_VALUES_THEN_NAMES = re.compile(r"[^;,()\d]{0,40}?\b(?:on|across|for|in)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}", re.I)
_NAMES_THEN_VALUES = re.compile(r"(?:\s+(?:datasets?|benchmarks?))?,?\s+(?:with|achieving|obtaining|reaching)\s+"
                                r"(?:(?:an?|the)\s+)?(?:[A-Za-z][\w\-@]*\s+){0,3}(?:of\s+)?", re.I)


def without_split(name: str, split: str | None) -> str:
    """A dataset's name without the split written at its end ("COCO test-dev" -> "COCO").

    >>> without_split("COCO test-dev", "test-dev"), without_split("Cityscapes", "val")
    ('COCO', 'Cityscapes')
    """
    if split and len(name) > len(split) and name.lower().endswith(split.lower()):
        return name[:-len(split)].rstrip(" -_(") or name
    return name
