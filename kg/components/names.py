"""``kg_names``: names that no list knows, found from their shape and context, and what the paper
proposes.

:class:`NameFinder` runs five steps over a document, each a method: acronyms and their long
forms (:meth:`~NameFinder.find_acronyms`), the ``Name:`` of a title
(:meth:`~NameFinder.find_title_name`), name-shaped words (:meth:`~NameFinder.find_shaped_names`),
capitalised words before a data noun (:meth:`~NameFinder.find_data_names`); then the names grow
over the words that belong to them (:meth:`~NameFinder.grow`), unknown names become Datasets
when the abstract says so (:class:`kg.components.datasets.DataCues`), and the proposed names are
read after their cues (:meth:`~NameFinder.find_proposed`).

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp(trained=False)("We propose ZorbNet and test it on the QuuxQA dataset.")
>>> [(e.text, e.label_) for e in doc.ents], [p.text for p in doc._.kg_proposed]
([('ZorbNet', 'Method'), ('QuuxQA dataset', 'Dataset')], ['ZorbNet'])
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import RulesError
from .acronyms import ACRONYM_DEF, long_form
from .datasets import DataCues
from .doc import BatchComponent, CharMask, doc_text, entities, ext_list, get, set_entities, span_text
from .patterns import Naming, edition_year_at, is_named, looks_named, singular, word_set

# a "named" token: a capital after the first character, or letters mixed with digits
_NAMED = re.compile(
    # (possessive *+: giving letters back could never make a match, and trying costs a third of the time)
    r"(?<![\w/])[A-Za-z][a-z]*+(?:[A-Z0-9]|[-./_][A-Za-z0-9])[A-Za-z0-9]*+(?:[-./_][A-Za-z0-9]+)*(?![\w])"
)
# words in capitals in a row with a function word among them: a heading or a title typed in
# capitals ("LEARNING TO DRAW SAMPLES"), not a list of acronyms ("VIPeR, QMUL GRID, CUHK03")
_CAPS_RUN = re.compile(
    r"\b(?:[A-Z][A-Z\-]*[A-Z][\s:]+)*(?:TO|OF|FOR|WITH|AND|THE|IN|ON|BY|FROM|VIA)(?:[\s:]+[A-Z][A-Z\-]*[A-Z]\b)+")
# a web address or a repository path: "www.example.org/x", "github.com/owner/repo"
_WEB_ADDRESS = re.compile(r"(?i)^www\.|\.(?:com|org|net|edu|io|ai)(?:/|$)")
# an initial and a surname written together: "A.Stolcke", "D.Yu"
_INITIAL_NAME = re.compile(r"[A-Z]\.[A-Z][a-z]+(?:[A-Z]\.[A-Z][a-z]+)*$")
_LABELS = ("Method", "Dataset", "Task", "Metric")


@dataclass(slots=True)
class _Scan:
    """What the steps of :class:`NameFinder` share while they read one document."""

    doc: Doc
    text: str
    ents: list[Span]  # the entities found before (the gazetteer's)
    taken: CharMask  # the characters inside a name
    aliases: list
    proposed: list
    new: list[Span] = field(default_factory=list)  # the names found here
    weak: set[int] = field(default_factory=set)  # token starts of new names labelled Method for want of any cue

    def add(self, span: Span, weak: bool = False) -> None:
        self.new.append(span)
        if weak:
            self.weak.add(span.start)
        self.taken.mark(span.start_char, span.end_char)


@dataclass
class NameFinder(BatchComponent):
    """Finds Method / Dataset / Task / Metric names from shape and context, and acronym definitions.

    Adds the names it finds to the entities (``doc.ents``, ``doc._.kg_ents``) where they overlap no
    name found before (a longer name-shaped token wins over a known name inside it: BLIP-X3 over
    BLIP), fills ``doc._.kg_aliases`` (acronyms and their long forms) and ``doc._.kg_proposed``.
    ``stop``: words that are never a name; ``propose_cues``: the words after which the paper names
    what it proposes ("we propose", "called"); ``words``: the word lists of ``rules/``.
    """

    stop: frozenset
    propose_cues: tuple
    words: Mapping[str, Iterable[str]]
    #: the alias lines of ``rules/`` (``{"label", "alias", "id"}``), which name what they list
    aliases: tuple = ()

    def __post_init__(self):
        self.data = DataCues(self.words, self.stop)
        self.not_name = word_set(self.words, "not_name", "kg_names")
        self.long_form_not_first = word_set(self.words, "long_form_not_first", "kg_names")
        self.small_words = word_set(self.words, "small_words", "kg_names")
        # what a dataset's name grows over: a generic head ("dataset", "data", "test set", "shared task"), which
        # its canonical name loses, or a noun that is part of its name ("treebank")
        heads = word_set(self.words, "dataset_heads", "kg_names") | word_set(self.words, "name_nouns", "kg_names")
        self.dataset_heads = frozenset(h for h in heads if " " not in h)
        self.dataset_heads2 = frozenset(tuple(h.split()) for h in heads if len(h.split()) == 2)
        #: the canonical names of the entities (:mod:`kg.extract` asks it)
        self.naming = Naming(self.words, self.aliases)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ents = entities(doc)
        scan = _Scan(doc, text, ents, CharMask(len(text)), ext_list(doc, "kg_aliases"), ext_list(doc, "kg_proposed"))
        for e in ents:
            scan.taken.mark(e.start_char, e.end_char)
        self.find_acronyms(scan)
        self.find_title_name(scan)
        self.find_shaped_names(scan)
        self.find_data_names(scan)
        ents = filter_spans(scan.ents + scan.new) if scan.new else scan.ents
        found = ents
        ents = self.grow(doc, ents)
        if scan.weak:
            ents = self.data.retype(doc, ents, scan.weak, self.propose_cues)
        ents = self.data.task_datasets(doc, ents)
        if scan.new or ents is not found:
            set_entities(doc, ents)
        self.find_proposed(doc, ents, scan.proposed)
        return doc

    def find_acronyms(self, scan: _Scan) -> None:
        """Step 1: "long form (ACRONYM)": both are names (a Dataset when the long form ends in a
        data noun or a list knows it, else what the word after the acronym says), and an alias pair."""
        doc, text = scan.doc, scan.text
        for m in ACRONYM_DEF.finditer(text):
            acr = m.group(1).rstrip(".")
            if not is_named(acr) and not (acr.isupper() and len(acr) >= 2):
                continue
            if acr.lower() in self.stop:
                continue
            best = long_form(text, m.start(), acr, self.long_form_not_first, self.small_words)
            short_span = doc.char_span(m.start(1), m.start(1) + len(acr), alignment_mode="expand")
            if short_span is None:
                continue
            label = self.data.label_of(doc, short_span)
            weak_pair = label == "Method"  # no cue and no list says what it is (yet)
            long_span = doc.char_span(*best, alignment_mode="contract") if best else None
            if long_span is not None and len(long_span) > 0:
                known = _known_label(scan.ents, long_span)
                label = known or ("Dataset" if self.data.data_head_end.search(long_span.text) else label)
                weak_pair = weak_pair and label == "Method" and not known
                if not scan.taken.any(long_span.start_char, long_span.end_char) and label in _LABELS:
                    scan.add(Span(doc, long_span.start, long_span.end, label=label), weak_pair)
                scan.aliases.append((label, span_text(long_span), singular(acr)))
            if label and not scan.taken.any(short_span.start_char, short_span.end_char):
                scan.add(Span(doc, short_span.start, short_span.end, label=label), weak_pair)

    def find_title_name(self, scan: _Scan) -> None:
        """Step 2: the "Name: rest of the title" of a title, a Method the paper proposes."""
        text = scan.text
        title_end = text.find("\n\n")
        if title_end <= 0:
            return
        colon = text.find(": ", 0, title_end)
        if not 0 < colon <= 40:
            return
        words = text[:colon].split()
        if len(words) <= 3 and (is_named(words[0]) or len(words) == 1 and text[:1].isupper()):
            span = scan.doc.char_span(0, colon, alignment_mode="contract")
            if span is not None:
                span = Span(scan.doc, span.start, span.end, label="Method")
                scan.proposed.append(span)
                if not scan.taken.any(0, colon):
                    scan.add(span)

    def find_shaped_names(self, scan: _Scan) -> None:
        """Step 3: name-shaped words anywhere (:func:`is_named`), not in a run of capitals ("LEARNING
        TO DRAW SAMPLES"), not a person or a web address; labelled by the words around them."""
        doc, text, taken = scan.doc, scan.text, scan.taken
        caps = CharMask(len(text))
        for m in _CAPS_RUN.finditer(text):
            caps.mark(m.start(), m.end())
        for m in _NAMED.finditer(text):
            s, e = m.start(), m.end()
            word = m.group()
            low_word = word.lower()
            if low_word in self.stop or low_word.rstrip("s") in self.stop or not is_named(word):
                continue
            if caps.any(s, e) or _INITIAL_NAME.match(word) or _WEB_ADDRESS.search(word):
                continue  # a title in capitals, a person ("A.Stolcke"), a web address
            label = None
            if taken.any(s, e):
                # a known name inside a longer named token (BLIP in BLIP-X3): the longer one wins
                inner = [x for x in scan.ents if x.start_char < e and x.end_char > s]
                tail = word[max(x.end_char for x in inner) - s:] if inner else ""
                if (not inner or any(x.start_char < s or x.end_char > e for x in inner)
                        or not tail.startswith("-") or tail[1:].islower()):
                    continue
                label = inner[0].label_
                scan.ents = [x for x in scan.ents if x not in inner]
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            weak = False
            if label is None:
                label = self.data.label_of(doc, span)
                weak = label == "Method"
            scan.add(Span(doc, span.start, span.end, label=label), weak)

    def find_data_names(self, scan: _Scan) -> None:
        """Step 4: capitalised words before a data noun: "the Toronto Face datasets", "Who Did What dataset"."""
        for m in self.data.data_noun.finditer(scan.text):
            span = self.data.capitalised_dataset(scan.doc, m.start(), m.end(), scan.taken)
            if span is not None:
                scan.add(span)

    def find_proposed(self, doc: Doc, ents: list[Span], proposed: list[Span]) -> None:
        """Step 5: what the paper proposes: the first named Method within a few words after a cue
        (in its sentence, at most 60 characters on); ``proposed`` ends sorted by position."""
        text = doc_text(doc)
        low = text.lower()
        ent_chars = [e.start_char for e in ents]
        for cue in self.propose_cues:
            pos = low.find(cue)
            while pos != -1:
                end = pos + len(cue)
                i = bisect_left(ent_chars, end)
                stop = text.find(". ", end)
                for ent in ents[i:i + 3]:
                    if ent.start_char - end > 60 or (stop != -1 and ent.start_char > stop):
                        break
                    if ent.label_ == "Method" and looks_named(span_text(ent)):
                        proposed.append(ent)
                        break
                pos = low.find(cue, end)
        proposed.sort(key=lambda sp: sp.start)

    def grow(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Grow names over adjacent capitalised or name-shaped words (Dueling DQN, Gumbel
        Tree-LSTM, Full-Resolution Residual Networks), tasks over "task", datasets over their
        edition year and head noun (BRATS 2015, CIFAR-10 dataset, ImageNet test set). Returns
        ``ents`` itself when nothing grew, else a new list (a span grown over other words loses
        its gazetteer id; over a head noun or a year, keeps it)."""
        growth = _Growth(self, doc, ents)
        may_grow = growth.may_grow
        out = []
        changed = False
        for e in ents:
            if not may_grow(e):
                out.append(e)
                continue
            start, end, keep_id = growth.grow(e)
            if (start, end) == (e.start, e.end):
                out.append(e)
                continue
            changed = True
            out.append(Span(doc, start, end, label=e.label_, span_id=e.id_ if keep_id else ""))
            growth.occupied[start:end] = b"\x01" * (end - start)
        return out if changed else ents


class _Growth:
    """How the names of one document grow (see :meth:`NameFinder.grow`)."""

    def __init__(self, finder: NameFinder, doc: Doc, ents: list[Span]):
        self.finder, self.doc, self.ents = finder, doc, ents
        self.text = doc_text(doc)
        self.n = len(doc)
        self.sent_starts = set(get(doc, "kg_sent_starts") or ())
        self.occupied = None  # which tokens are in a name: made for the first name that may grow

    def may_grow(self, e: Span) -> bool:
        """A cheap look at the characters around a name before any token is touched: a Method or
        Metric grows only next to a capitalised word or a hyphen."""
        if e.label_ not in ("Dataset", "Task"):
            text = self.text
            j = e.start_char
            while j > 0 and text[j - 1].isspace():
                j -= 1
            ec = e.end_char
            if (not (j and text[j - 1] == "-") and not text[max(text.rfind(" ", 0, j), j - 40) + 1:j][:1].isupper()
                    and not (text[ec:ec + 1] in " -" and text[ec + 1:ec + 2].isupper())):
                return False
        if self.occupied is None:
            self.occupied = bytearray(self.n)
            for x in self.ents:
                self.occupied[x.start:x.end] = b"\x01" * (x.end - x.start)
        return True

    def joinable(self, i: int) -> bool:
        """True when token ``i`` may join a name: capitalised, no punctuation, in no name, not a
        stop word or a word that only qualifies a name, and not a sentence's first word unless
        name-shaped."""
        if i < 0 or i >= self.n or self.occupied[i]:
            return False
        t = self.doc[i]
        w = t.text
        low = w.lower()
        if not w[:1].isupper() or t.is_punct or low in self.finder.stop or low in self.finder.not_name:
            return False
        return i not in self.sent_starts or is_named(w)

    def grow(self, e: Span) -> tuple[int, int, bool]:
        """The tokens ``(start, end)`` of name ``e`` grown (up to four words each side, over a
        hyphen too), then over its head noun or edition year, and whether it keeps its gazetteer
        id (it grew over no word)."""
        doc, n, joinable = self.doc, self.n, self.joinable
        start, end = e.start, e.end
        while start - 1 >= 0 and e.start - start < 4 and start not in self.sent_starts:
            if joinable(start - 1) and not doc[start - 1].whitespace_ == "":
                start -= 1
            elif (start - 2 >= 0 and doc[start - 1].text == "-" and doc[start - 1].whitespace_ == ""
                  and doc[start - 2].whitespace_ == "" and joinable(start - 2)):
                start -= 2
            else:
                break
        while end < n and end - e.end < 4:
            if joinable(end) and doc[end - 1].whitespace_ != "":
                end += 1
            elif (end + 1 < n and doc[end].text == "-" and doc[end - 1].whitespace_ == ""
                  and doc[end].whitespace_ == "" and joinable(end + 1)):
                end += 2
            else:
                break
        return start, self._head(e.label_, end), (start, end) == (e.start, e.end)

    def _head(self, label: str, end: int) -> int:
        """The end of a name (ending at token ``end``) grown over its head noun: a Task over "task",
        a Dataset over its edition year and a dataset noun ("FS CORPUS" stays two names when
        "CORPUS" is a name of its own)."""
        doc, n, occupied = self.doc, self.n, self.occupied
        finder = self.finder
        if label == "Task" and end < n and doc[end].lower_ in finder.data.task_nouns and not occupied[end]:
            end += 1  # "the entity linking task": the mention includes its head noun
        if (label == "Dataset" and edition_year_at(doc, end) and not occupied[end]
                and not (end + 1 < n and doc[end + 1].text in ("%", "-"))):
            end += 1  # "BRATS 2015", "CoNLL 2014": the edition is part of the name
        if label == "Dataset" and end < n and not occupied[end]:
            w1 = doc[end].lower_
            w2 = doc[end + 1].lower_ if end + 1 < n else ""
            if w1 in finder.dataset_heads:
                end += 1
            elif (w1, w2) in finder.dataset_heads2 and not occupied[end + 1]:
                end += 2
        return end


def _known_label(ents: list[Span], span: Span) -> str | None:
    """The label of the entity found before that holds ``span``, if any."""
    for e in ents:
        if e.start <= span.start and span.end <= e.end:
            return e.label_
    return None


@Language.factory(
    "kg_names",
    default_config={"stop": [], "propose_cues": [], "words": {}, "aliases": []},
    requires=["doc._.kg_sent_starts"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_id", "doc._.kg_ents",
             "doc._.kg_aliases", "doc._.kg_proposed"],
)
def make_name_finder(nlp: Language, name: str, stop: list[str], propose_cues: list[str],
                     words: dict[str, list[str]], aliases: list[dict]) -> NameFinder:
    """Shape and context rules for names a gazetteer does not know. ``stop``, ``propose_cues``
    (the cues of role PROPOSES), ``words`` (the word lists) and ``aliases`` (the alias lines, which
    name the entities they list) come from ``rules/``
    (:func:`kg.rules.load_rules`; :func:`kg.pipeline.make_nlp` passes them)."""
    if any("*" in cue for cue in propose_cues):
        raise RulesError("kg_names: a proposal cue is a phrase, without '*'")
    return NameFinder(stop=frozenset(s.lower() for s in stop), propose_cues=tuple(c.lower() for c in propose_cues),
                      words=words, aliases=tuple(aliases))
