"""kg's spaCy pipeline components: the only module that touches spaCy's registry.

Each component is registered with ``@Language.factory`` and configured from
the pipeline config (see :mod:`kg.pipeline`). Per-document results ride on
``Doc._`` extensions:

* ``doc._.kg_aliases``: ``[(label, alias, canonical)]`` (acronyms and long forms);
* ``doc._.kg_proposed``: the names the paper proposes (Method spans);
* ``doc._.kg_results``: numbers with unit, kind and bound entity spans;
* ``doc._.kg_relations``: ``(subject span, predicate, object span, sentence)``.

Entities themselves are ``doc.ents`` with labels Method, Dataset, Task,
Metric and the canonical name in ``ent.ent_id_`` (empty: the text is the name).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch


def _user_data_extension(name: str) -> dict:
    """A ``Doc._`` extension whose value lives in ``doc.user_data[name]`` (None until set): the
    components reach it there directly, which costs a tenth of going through ``doc._``."""
    return {"getter": lambda doc: doc.user_data.get(name),
            "setter": lambda doc, value: doc.user_data.__setitem__(name, value)}


for _name in ("kg_aliases", "kg_proposed", "kg_results", "kg_relations"):
    Doc.set_extension(_name, **_user_data_extension(_name), force=True)


def _ext_list(doc: Doc, name: str) -> list:
    """The list of extension ``name`` of ``doc`` (created empty if unset), to append to."""
    value = doc.user_data.get(name)
    if value is None:
        value = doc.user_data[name] = []
    return value


class BatchComponent:
    """A component that ``nlp.pipe`` hands a batch of docs at a time (``pipe``), so that each
    component runs over the whole batch before the next one starts: its code and data stay in the
    processor's caches, which makes extraction about 15% faster than taking each doc through
    every component in turn. Subclasses define ``__call__(doc)``."""

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            yield from map(self, batch)


# ---------------------------------------------------------------------------
# kg_sentences: sentence boundaries that know abstracts
# ---------------------------------------------------------------------------

_ABBREV = {"e.g.", "i.e.", "al.", "etc.", "vs.", "cf.", "fig.", "figs.", "eq.", "eqs.", "sec.", "no.", "approx.", "resp.", "viz."}


# a sentence end: [.!?] (closing quotes or brackets, space, then a capital, digit or opening bracket),
# or a line break; written to begin with one character class, which the regex engine skips to
_SENT_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9(\[\"'])|(?<=\n)\s*)")


@dataclass
class SentenceSplitter(BatchComponent):
    """Sentence starts after ``.``, ``!``, ``?`` (not after e.g., i.e., et al., ...)
    when a capital, digit or bracket follows, and after every line break (title / abstract).

    Only the starts are set (``is_sent_start = True``), which keeps the component cheap.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = doc_text(doc)
        starts = doc.to_array("IDX").tolist()
        sent_starts = [0]
        for m in _SENT_END.finditer(text):
            end = m.end()
            if end >= len(text):
                break
            word_start = text.rfind(" ", 0, m.start()) + 1
            if text[word_start:m.start() + 1].lower() in _ABBREV:
                continue
            i = bisect_left(starts, end)
            if i < len(doc) and starts[i] == end and i > sent_starts[-1]:
                sent_starts.append(i)
        flags = numpy.zeros((len(doc), 1), dtype="uint64")
        flags[sent_starts, 0] = 1
        doc.from_array([SENT_START], flags)  # one call, not one token at a time
        doc.user_data["kg_sent_starts"] = sent_starts
        return doc


def sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc`` as a list (cheap when ``kg_sentences`` ran, else ``doc.sents``)."""
    cached = doc.user_data.get("kg_sents")
    if cached is not None:
        return cached
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        return list(doc.sents)
    bounds = starts + [len(doc)]
    sents = doc.user_data["kg_sents"] = [Span(doc, a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    return sents


class TextKeepingTokenizer:
    """Wraps a tokenizer to keep the input string in ``doc.user_data["kg_text"]``
    (spaCy rebuilds ``doc.text`` from the tokens on every call)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["kg_text"] = text
        return doc

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def entities(doc: Doc) -> list[Span]:
    """``doc.ents`` as a list, as the last component to set them (:func:`set_entities`) left them.

    spaCy rebuilds ``doc.ents`` (one new ``Span`` per entity) on every read; the components and
    the extraction step read them often.
    """
    ents = doc.user_data.get("kg_ents")
    return list(doc.ents) if ents is None else ents


def set_entities(doc: Doc, ents: list[Span]) -> None:
    """Set ``doc.ents`` to ``ents`` (sorted, non-overlapping spans of ``doc``) and remember the list.

    Like ``doc.ents = ents`` without rebuilding every span; a span's ``id_`` (its canonical name,
    or empty) is its tokens' ``ent_id_``, as ``doc.ents`` would read it back.
    """
    doc.set_ents(ents)
    had_id = doc.user_data.get("kg_id_spans")  # spans whose tokens got an id in an earlier call
    if had_id:
        with_id = {i for e in had_id for i in range(e.start, e.end)}
        for e in ents:
            if not e.id:  # set_ents keeps a token's old ent_id when the span has none
                for i in with_id.intersection(range(e.start, e.end)):
                    doc[i].ent_id = 0
    doc.user_data["kg_id_spans"] = (had_id or []) + [e for e in ents if e.id]
    doc.user_data["kg_ents"] = ents


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token's text on each call)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` without walking its tokens (sentences are long)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def ents_in(ents: list[Span], ent_starts: list[int], sent: Span) -> list[Span]:
    """The entities of ``ents`` (sorted, with their token starts) inside ``sent``."""
    lo = bisect_left(ent_starts, sent.start)
    hi = bisect_left(ent_starts, sent.end)
    return ents[lo:hi]


@Language.factory("kg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Abstract-aware sentence splitter (a title and its abstract are separate sentences)."""
    return SentenceSplitter()


# ---------------------------------------------------------------------------
# kg_gazetteer: known names from the rule files, longest match first
# ---------------------------------------------------------------------------


class Gazetteer(BatchComponent):
    """Phrase patterns of ``rules/*.jsonl``: case-insensitive ones on ``LOWER``, ``"case": "exact"``
    ones on ``ORTH``; where matches overlap the longest wins; existing entities are kept.

    Works like spaCy's ``entity_ruler`` with phrase patterns (``label``, ``pattern``, ``id``), but
    with two phrase matchers, so exact-case names cost no more than the others.

    ``write_ents=False`` leaves the matches in the entity list of :func:`entities` only, for a later
    component to write ``doc.ents`` (kg's pipeline: ``kg_names`` does), which saves one write per doc.
    """

    def __init__(self, nlp: Language, write_ents: bool = True):
        self.nlp = nlp
        self.write_ents = write_ents
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[dict]) -> None:
        groups: dict[tuple[str, str, str], list] = {}
        for p in patterns:
            groups.setdefault((p["label"], p["id"], p.get("case", "lower")), []).append(p["pattern"])
        make_doc = self._pattern_tokenizer()
        for (label, ent_id, case), texts in groups.items():
            key = f"{label}\t{ent_id}"
            self.keys[self.nlp.vocab.strings.add(key)] = (label, ent_id)
            matcher = self.exact if case == "exact" else self.lower
            matcher.add(key, [make_doc(t) for t in texts])

    def _pattern_tokenizer(self) -> Tokenizer:
        """The pipeline's tokenizer rules over a vocab of its own, for the pattern docs.

        The matchers compare hashes, which do not depend on the vocab; but every word a pattern
        brings would stay in the pipeline's vocab, and spaCy's tokenizer caches the words of a
        text only while its vocab has fewer than 10,000 entries: thousands of pattern words
        there made tokenizing abstracts about twice as slow.
        """
        tok = self.nlp.tokenizer
        return Tokenizer(
            spacy.blank(self.nlp.lang).vocab, rules=tok.rules, prefix_search=tok.prefix_search,
            suffix_search=tok.suffix_search, infix_finditer=tok.infix_finditer,
            token_match=tok.token_match, url_match=tok.url_match,
        )

    def __len__(self) -> int:
        return len(self.lower) + len(self.exact)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.lower(doc) + self.exact(doc)
        if not matches:
            return doc
        spans = []
        for key, start, end in _longest_first(matches):
            label, ent_id = self.keys[key]
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
        existing = entities(doc) if doc.has_annotation("ENT_IOB") else []
        if existing:
            taken = {i for e in existing for i in range(e.start, e.end)}
            spans = [sp for sp in spans if not any(i in taken for i in range(sp.start, sp.end))]
            spans = sorted(existing + spans, key=lambda sp: sp.start)
        if self.write_ents:
            set_entities(doc, spans)
        else:
            doc.user_data["kg_ents"] = spans
        return doc


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spaCy's ``filter_spans`` over matcher matches ``(key, start, end)``: where matches overlap,
    the (first) longest wins; sorted by start. (Spans are made only for the matches kept.)"""
    kept, seen = [], set()
    for m in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if m[1] not in seen and m[2] - 1 not in seen:
            kept.append(m)
            seen.update(range(m[1], m[2]))
    return sorted(kept, key=lambda m: m[1])


@Language.factory("kg_gazetteer", default_config={"write_ents": True})
def make_gazetteer(nlp: Language, name: str, write_ents: bool) -> Gazetteer:
    """Known Method/Dataset/Task/Metric names; add patterns with ``add_patterns``."""
    return Gazetteer(nlp, write_ents=write_ents)


# ---------------------------------------------------------------------------
# kg_names: names a gazetteer does not know, found from their shape and context
# ---------------------------------------------------------------------------

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
_ACRONYM_DEF = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-+.&/]{0,15}?)\s*(?:;[^)]*)?\)")
_WORD = re.compile(r"[A-Za-z0-9][\w\-']*")

_YEARISH = re.compile(r"^(19|20)\d\d$")


def _edition_year_at(doc: Doc, end: int) -> bool:
    """True when token ``end`` is a year written apart from the name before it: the edition of a
    dataset ("BRATS 2015", "CoNLL 2014")."""
    return end < len(doc) and _YEARISH.match(doc[end].text) is not None and bool(doc[end - 1].whitespace_)
_DATASET_HEADS = {"dataset", "datasets", "corpus", "corpora", "benchmark", "benchmarks", "treebank", "data"}
_DATASET_HEADS2 = {("data", "set"), ("data", "sets"), ("test", "set"), ("test", "sets"), ("validation", "set"),
                   ("val", "set"), ("dev", "set"), ("development", "set"), ("training", "set"), ("test", "split"),
                   ("test", "dataset"), ("validation", "dataset"), ("training", "dataset"),
                   ("test", "data"), ("training", "data"), ("evaluation", "data"), ("shared", "task"),
                   ("test", "collection")}
# capitalised words that start sentences or qualify a name without being part of it
_NOT_NAME_WORDS = {"we", "our", "the", "a", "an", "this", "these", "those", "that", "unlike", "like", "using",
                   "with", "without", "compared", "both", "each", "all", "in", "on", "for", "to", "by", "from",
                   "as", "at", "also", "however", "moreover", "furthermore", "finally", "then", "thus", "here",
                   "while", "when", "since", "although", "table", "figure", "fig", "section", "eq", "equation",
                   "and", "or", "of", "via", "is", "are", "towards", "toward", "beyond", "over", "under", "into"}
_DATASET_AFTER = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "data", "set",
                  "split", "test", "testset", "challenge", "leaderboard", "suite"}
_DATASET_BEFORE = {"on", "datasets", "benchmarks"}
_METRIC_AFTER = {"score", "scores", "metric"}
# a long form whose head noun says it is data: "Penn Treebank (PTB)", "CommonSense Knowledge Graph (CSKG)"
_DATA_HEAD_END = re.compile(
    r"\b(?:datasets?|data set|benchmark|corpus|treebank|database|knowledge (?:graph|base)|challenge)$", re.I)
# the words before a name that say it is data: a sentence that opens "On NAME," or "In particular, on
# NAME,", "the training set of NAME", "datasets such as NAME", "benchmarks (NAME, ..."
_DATASET_OPENING = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:(?:in particular|specifically|similarly|moreover|furthermore|finally|notably),?\s+)?"
    r"on\s+(?:the\s+)?$", re.I)
_DATASET_INTRO = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|(?:training|test|validation) (?:sets?|data))\s+"
    r"(?:of|such as|including|like|\()\s*(?:the\s+)?$", re.I)
_TASK_AFTER = {"task", "tasks"}


def is_named(text: str) -> bool:
    """True for surface strings shaped like names: ``ResNet-50``, ``BiDAF``, ``CIFAR10``, ``ViG``.

    >>> [is_named(w) for w in ("ResNet-50", "BiDAF", "ViG", "Transformer", "3D", "the", "Multi-Scale")]
    [True, True, True, False, False, False, False]
    """
    if len(text) < 2 or not _TWO_LETTERS.search(text):
        return False
    if "-" in text and all(_plain(part) for part in text.split("-")):
        return False  # Multi-Scale, Fine-Grained, Actor-Critic: words, not a name
    return bool(_INNER_CAP.search(text)) or (text[0].isupper() and bool(_DIGIT.search(text)))


_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
_INNER_CAP = re.compile(r"(?<=.)[A-Z]")
_DIGIT = re.compile(r"\d")


def _plain(part: str) -> bool:
    return part == "" or (part.isalpha() and (part.islower() or (part.istitle() and len(part) > 1)))


def _singular(name: str) -> str:
    """``DNNs`` -> ``DNN``; ``GANs`` -> ``GAN`` (acronym plurals only)."""
    if len(name) > 2 and name.endswith("s") and name[-2].isupper():
        return name[:-1]
    return name


_STOP_LONG = {"we", "our", "the", "a", "an", "this", "that", "these", "is", "are", "in", "of"}


def _initials_match(words: list[str], acronym: str) -> bool:
    """Loose check that an acronym is made of the initials (and inner capitals) of ``words``."""
    letters = "".join(c for c in acronym if c.isalpha()).lower()
    if not letters:
        return False
    if letters.endswith("s") and acronym[-1] == "s":
        letters = letters[:-1]
    parts = [piece for w in words for piece in w.replace("/", "-").split("-") if piece]
    pool = "".join(p[0].lower() for p in parts if p[0].isalnum())
    caps = "".join(c.lower() for p in parts for c in p if c.isupper() or c.isdigit())
    it = iter(pool)
    subseq = all(ch in it for ch in letters)
    return bool(letters) and letters[0] == pool[:1] and (
        subseq or letters in caps or _initials_and_inner(parts, acronym))


_SMALL_WORDS = frozenset({"of", "for", "and", "the", "a", "an", "with", "in", "on", "to", "via", "by"})


def _initials_and_inner(parts: list[str], acronym: str) -> bool:
    """True when each capital (or digit) of ``acronym`` starts one of ``parts`` in order and each of
    its lower-case letters follows in the word the capital before it began: "SReT" from Sliced
    REcursive Transformer, "CoSe" from COmmon SEnse."""
    i = -1  # the part the last capital matched
    pos = 0  # where in that part the next lower-case letter is looked for
    for ch in acronym:
        if ch.isupper() or ch.isdigit():
            i += 1
            # the first capital starts the first word; only small words ("of", "for") go without one
            while i < len(parts) and parts[i][0].lower() != ch.lower():
                if i == 0 or parts[i].lower() not in _SMALL_WORDS:
                    return False
                i += 1
            if i == len(parts):
                return False
            pos = 1
        elif ch.isalpha():
            if i < 0:
                return False
            found = parts[i].lower().find(ch, pos)
            if found < 0:
                return False
            pos = found + 1
    return i >= 0


@dataclass
class NameFinder(BatchComponent):
    """Finds Method/Dataset names from shape and context, and acronym definitions.

    Adds spans to ``doc.ents`` that do not overlap what the gazetteer found,
    fills ``doc._.kg_aliases`` and ``doc._.kg_proposed``.
    """

    stop: frozenset
    propose_cues: tuple

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ents = entities(doc)
        taken = _CharMask(len(text))
        for e in ents:
            taken.mark(e.start_char, e.end_char)
        new: list[Span] = []
        weak: set[int] = set()  # token starts of new names labelled Method for want of any cue
        aliases = _ext_list(doc, "kg_aliases")
        proposed = _ext_list(doc, "kg_proposed")

        # 1. long form (ACRONYM)
        for m in _ACRONYM_DEF.finditer(text):
            acr = m.group(1).rstrip(".")
            if not is_named(acr) and not (acr.isupper() and len(acr) >= 2):
                continue
            if acr.lower() in self.stop:
                continue
            offset = max(0, m.start() - 160)
            head = text[offset:m.start()]
            # the words before the bracket, back to sentence or clause punctuation
            cut = max(head.rfind(". "), head.rfind(", "), head.rfind(": "), head.rfind("; "), head.rfind("("))
            words = [(offset + w.start(), offset + w.end(), w.group()) for w in _WORD.finditer(head, cut + 1)]
            n_letters = sum(c.isalpha() for c in acr)
            best = None
            for k in range(1, min(len(words), n_letters + 3) + 1):
                cand = words[-k:]
                if cand[0][2][0].lower() != acr[0].lower() or cand[0][2].lower() in _STOP_LONG:
                    continue
                if _initials_match([w[2] for w in cand], acr):
                    best = cand
                    if len(cand) >= n_letters - 1:
                        break
            short_span = doc.char_span(m.start(1), m.start(1) + len(acr), alignment_mode="expand")
            if short_span is None:
                continue
            label = self._label_of(doc, short_span, taken)
            weak_pair = label == "Method"  # no cue and no list says what it is (yet)
            if best:
                ls, le = best[0][0], best[-1][1]
                long_span = doc.char_span(ls, le, alignment_mode="contract")
                if long_span is not None and len(long_span) > 0:
                    gaz = _gazetteer_label(ents, long_span)
                    label = gaz or ("Dataset" if _DATA_HEAD_END.search(long_span.text) else label)
                    weak_pair = weak_pair and label == "Method" and not gaz
                    if not taken.any(long_span.start_char, long_span.end_char) and label in ("Method", "Dataset", "Task", "Metric"):
                        new.append(Span(doc, long_span.start, long_span.end, label=label))
                        if weak_pair:
                            weak.add(long_span.start)
                        taken.mark(long_span.start_char, long_span.end_char)
                    aliases.append((label, span_text(long_span), _singular(acr)))
            if label and not taken.any(short_span.start_char, short_span.end_char):
                new.append(Span(doc, short_span.start, short_span.end, label=label))
                if weak_pair:
                    weak.add(short_span.start)
                taken.mark(short_span.start_char, short_span.end_char)

        # 2. title prefix "Name: rest of the title"
        title_end = text.find("\n\n")
        if title_end > 0:
            colon = text.find(": ", 0, title_end)
            if 0 < colon <= 40:
                prefix = text[:colon]
                if len(prefix.split()) <= 3 and (is_named(prefix.split()[0]) or len(prefix.split()) == 1 and prefix[:1].isupper()):
                    span = doc.char_span(0, colon, alignment_mode="contract")
                    if span is not None:
                        span = Span(doc, span.start, span.end, label="Method")
                        proposed.append(span)
                        if not taken.any(0, colon):
                            new.append(span)
                            taken.mark(0, colon)

        # 3. shape: named tokens anywhere (not in a run of capitals: "LEARNING TO DRAW SAMPLES")
        caps = _CharMask(len(text))
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
                inner = [x for x in ents if x.start_char < e and x.end_char > s]
                tail = word[max(x.end_char for x in inner) - s:] if inner else ""
                if (not inner or any(x.start_char < s or x.end_char > e for x in inner)
                        or not tail.startswith("-") or tail[1:].islower()):
                    continue
                label = inner[0].label_
                ents = [x for x in ents if x not in inner]
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            if label is None:
                label = self._label_of(doc, span, taken)
                if label == "Method":
                    weak.add(span.start)
            new.append(Span(doc, span.start, span.end, label=label))
            taken.mark(span.start_char, span.end_char)

        # 4. capitalised words before a data noun: "the Toronto Face datasets", "Who Did What dataset"
        for m in _DATA_NOUN.finditer(text):
            span = self._capitalised_dataset(doc, text, m.start(), m.end(), taken)
            if span is not None:
                new.append(span)
                taken.mark(span.start_char, span.end_char)

        if new:
            ents = filter_spans(ents + new)
        found = ents
        ents = self._extend(doc, ents)
        if weak:
            ents = _retype_datasets(doc, ents, weak, self.propose_cues)
        ents = _task_datasets(doc, ents)
        if new or ents is not found or (ents and not doc.has_annotation("ENT_IOB")):
            set_entities(doc, ents)  # (no annotation yet: the gazetteer left doc.ents to this component)

        # 5. what the paper proposes: the first Method name within a few words after a cue
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
                    if ent.label_ == "Method" and _looks_named(span_text(ent)):
                        proposed.append(ent)
                        break
                pos = low.find(cue, end)
        proposed.sort(key=lambda sp: sp.start)
        return doc

    def _extend(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Grow names over adjacent capitalised or name-shaped words (Dueling DQN, Gumbel
        Tree-LSTM, Full-Resolution Residual Networks) and datasets over their head noun
        (CIFAR-10 dataset, ImageNet test set). Returns ``ents`` itself when nothing grew, else
        a new list (a span grown over other words loses its gazetteer id; over a head noun, keeps it)."""
        sent_starts = set(doc.user_data.get("kg_sent_starts", ()))
        n = len(doc)
        out = []
        occupied = None  # which tokens are in a name: made for the first name that may grow
        changed = False

        def joinable(i: int) -> bool:
            if i < 0 or i >= n or occupied[i]:
                return False
            t = doc[i]
            w = t.text
            if not w[:1].isupper() or t.is_punct or w.lower() in self.stop or w.lower() in _NOT_NAME_WORDS:
                return False
            return i not in sent_starts or is_named(w)

        text = doc_text(doc)
        for e in ents:
            start, end = e.start, e.end
            # cheap look at the characters around the name before any token is touched: a
            # Method or Metric grows only next to a capitalised word or a hyphen
            if e.label_ not in ("Dataset", "Task"):
                j = e.start_char
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                ec = e.end_char
                if (not (j and text[j - 1] == "-") and not text[max(text.rfind(" ", 0, j), j - 40) + 1:j][:1].isupper()
                        and not (text[ec:ec + 1] in " -" and text[ec + 1:ec + 2].isupper())):
                    out.append(e)
                    continue
            if occupied is None:
                occupied = bytearray(n)
                for x in ents:
                    occupied[x.start:x.end] = b"\x01" * (x.end - x.start)
            while start - 1 >= 0 and e.start - start < 4 and start not in sent_starts:
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
            keep_id = (start, end) == (e.start, e.end)
            # a head noun joins only when no other name holds it ("FS CORPUS": two names)
            if e.label_ == "Task" and end < n and doc[end].lower_ in ("task", "tasks") and not occupied[end]:
                end += 1  # "the entity linking task": the mention includes its head noun
            if (e.label_ == "Dataset" and _edition_year_at(doc, end) and not occupied[end]
                    and not (end + 1 < n and doc[end + 1].text in ("%", "-"))):
                end += 1  # "BRATS 2015", "CoNLL 2014": the edition is part of the name
            if e.label_ == "Dataset" and end < n and not occupied[end]:
                w1 = doc[end].lower_
                w2 = doc[end + 1].lower_ if end + 1 < n else ""
                if w1 in _DATASET_HEADS:
                    end += 1
                elif (w1, w2) in _DATASET_HEADS2 and not occupied[end + 1]:
                    end += 2
            if (start, end) == (e.start, e.end):
                out.append(e)
                continue
            changed = True
            span = Span(doc, start, end, label=e.label_, span_id=e.id_ if keep_id else "")
            occupied[start:end] = b"\x01" * (end - start)
            out.append(span)
        return out if changed else ents

    def _capitalised_dataset(self, doc: Doc, text: str, head_start: int, head_end: int, taken) -> Span | None:
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
        while start < head.start and doc[start].lower_ in _QUALIFIERS:
            start += 1  # "The Toronto Face dataset": the article is no part of the name
        if start == head.start or all(t.lower_ in _QUALIFIERS or t.lower_ in self.stop for t in doc[start:head.start]):
            return None
        if start in doc.user_data.get("kg_sent_starts", ()) and head.start - start == 1:
            return None  # "Results datasets ...": one capitalised word may just start the sentence
        return Span(doc, start, head.end, label="Dataset")

    def _label_of(self, doc: Doc, span: Span, taken) -> str:
        """The label the word after a new name gives it ("ZetaBench dataset", "the QZ task",
        "BLORP score"; after an acronym's closing bracket: "... (RAF) Database"), else Method."""
        end = span.end
        if end + 1 < len(doc) and doc[end].text == ")":
            end += 1
        nxt = doc[end].lower_ if end < len(doc) else ""
        if nxt in _DATASET_AFTER or nxt in ("database", "databases") or (
                nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in _DATASET_AFTER):
            return "Dataset"
        before = doc_text(doc)[max(0, span.start_char - 40):span.start_char]
        if _DATASET_INTRO.search(before) or (nxt == "," and _DATASET_OPENING.search(before)):
            return "Dataset"
        if nxt == "," and _DATASET_APPOSITION.match(doc_text(doc), span.end_char):
            return "Dataset"  # "WikiQuux, a QA dataset that ..."
        if nxt in _TASK_AFTER:
            return "Task"
        if nxt in _METRIC_AFTER:
            return "Metric"
        return "Method"


# a name described in apposition as data: "ZorbQA, a large QA dataset", "ZQ-1M, a new benchmark"
_DATASET_APPOSITION = re.compile(
    r"\s*,\s*(?:a|an|the)\s+(?:[\w\-]+\s+){0,4}?(?:dataset|benchmark|corpus|database|collection)\b", re.I)
# words that introduce the data a method is evaluated on: "experiments on IJB-A", "results on
# WoZ", "fine-tuned on ZQuAD"; or a list of data: "databases, VIPeR, ...", "benchmarks: MAFA"
_EVALUATED_ON = re.compile(
    r"\b(?:experiments?|evaluat\w*|results?|performance|accuracy|tested|benchmarks?|datasets?|databases?|corpora|"
    r"state[- ]of[- ]the[- ]art|trained|fine-?tuned|pre-?trained)(?:\s+[\w\-]+){0,3}?\s+on"
    r"\s+(?:the\s+|both\s+|several\s+|two\s+|three\s+)?$",
    re.I,
)
# a list of data announced by its noun: "four databases, VIPeR, ..." (a member is followed by
# the rest of the list, not by a verb: "On the two datasets, ZorbNet reaches ...")
_DATA_LIST_INTRO = re.compile(r"\b(?:datasets|benchmarks|databases|corpora)\s*[,:]\s+(?:the\s+)?$", re.I)
# what may stand between two names of one list: "VIPeR, GRID and CUHK03", "GTAV and SYNTHIA"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|&|/)\s*$")
_DATA_HEAD_TAIL = re.compile(r"\s+(?:datasets?|benchmarks?|corpus|corpora|databases?|data ?sets?)$")
_COMMA_ONLY = re.compile(r"^\s*,\s*$")
# what follows a member of a list (not a verb: "On ZQuAD, ZorbNet reaches ..." is no list);
# used with .match(text, pos), where "^" would never match
_LIST_GOES_ON = re.compile(r"\s*(?:[,;:).]|and\b|or\b|datasets?\b|benchmarks?\b|$)", re.I)


def _retype_datasets(doc: Doc, ents: list[Span], weak: set[int], propose_cues: tuple) -> list[Span]:
    """New names labelled Method for want of a cue (``weak``: their first tokens) become Datasets
    when the abstract says so: the same name is a Dataset elsewhere in it, it stands in a list
    with a Dataset ("on VIPeR, GRID and CUHK03"), or evaluation words introduce it ("experiments
    on IJB-A"). Names a gazetteer knows, and names the paper proposes ("we introduce X",
    "named X"), keep their label."""
    text = doc_text(doc)
    low = text.lower()
    out = list(ents)
    datasets = {_DATA_HEAD_TAIL.sub("", span_text(e).lower()) for e in out if e.label_ == "Dataset"}
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
            listed = False
            for j in (i - 1, i + 1):
                if 0 <= j < len(out) and out[j].label_ == "Dataset":
                    gap = text[min(e.end_char, out[j].end_char):max(e.start_char, out[j].start_char)]
                    if _LIST_JOIN.match(gap) and not (
                            j < i and _COMMA_ONLY.match(gap) and not _LIST_GOES_ON.match(text, e.end_char)):
                        listed = True
            introduced = (_EVALUATED_ON.search(text, max(0, e.start_char - 60), e.start_char)
                          or (_DATA_LIST_INTRO.search(text, max(0, e.start_char - 30), e.start_char)
                              and _LIST_GOES_ON.match(text, e.end_char)))
            if listed or name in datasets or introduced:
                end = e.end
                if _edition_year_at(doc, end) and not (i + 1 < len(out) and out[i + 1].start == end):
                    end += 1  # "ZQX 2019": the edition is part of the name
                out[i] = Span(doc, e.start, end, label="Dataset")
                datasets.add(name)
                changed = True
    return out


# a noun that ends the name of a dataset, written in any case ("Dataset", "corpus", "Treebank")
_DATA_NOUN = re.compile(r"(?<=[A-Za-z] )(?:[Dd]atasets?|DATASET|[Bb]enchmarks?|[Cc]orpus|[Cc]orpora|[Dd]atabases?|Treebank)\b")
# capitalised words that qualify a dataset noun without naming a dataset
_QUALIFIERS = frozenset({
    "a", "an", "the", "our", "this", "these", "its", "their", "new", "novel", "large", "large-scale", "public",
    "standard", "synthetic", "real", "real-world", "challenging", "diverse", "comprehensive", "first", "open",
    "existing", "popular", "several", "multiple", "various", "different", "both", "all", "each", "other",
    "extensive", "small", "big", "benchmark", "benchmarks", "dataset", "datasets", "test", "training",
    "validation", "evaluation", "parallel", "monolingual", "multilingual", "bilingual", "annotated", "labeled",
    "unlabeled", "english", "chinese", "japanese", "german", "french", "spanish", "arabic", "hindi", "russian",
    "portuguese", "italian", "korean", "dutch", "hebrew", "farsi", "persian", "turkish", "czech", "swedish",
    "news", "web", "image", "video", "text", "speech", "audio", "in", "on", "of", "for", "and", "with", "from",
})
_DATA_HEAD_WORDS = frozenset({"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "database"})


def _task_datasets(doc: Doc, ents: list[Span]) -> list[Span]:
    """A task named before a singular dataset noun is the name of a dataset: "the VQA dataset", "COCO object
    detection dataset", "IJB-A face recognition dataset" (one Dataset; a dataset named right
    before the task lends the whole its canonical name: COCO). Returns ``ents`` when nothing changed."""
    out: list[Span] = []
    changed = False
    n = len(doc)
    for e in ents:
        # not "QA datasets", "a QA dataset": data for a task, described rather than named
        if (e.label_ == "Task" and e.end < n and doc[e.end].lower_ in _DATA_HEAD_WORDS
                and not doc[e.end].lower_.endswith(("s", "a")) and not (e.start > 0 and doc[e.start - 1].lower_ in ("a", "an"))):
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


def _gazetteer_label(ents, span: Span) -> str | None:
    for e in ents:
        if e.start <= span.start and span.end <= e.end:
            return e.label_
    return None


class _CharMask:
    """Which characters of a text are already inside an entity."""

    def __init__(self, n: int):
        self.bits = bytearray(n + 1)

    def mark(self, s: int, e: int) -> None:
        self.bits[s:e] = b"\x01" * (e - s)

    def any(self, s: int, e: int) -> bool:
        return 1 in self.bits[s:e]


@Language.factory(
    "kg_names",
    default_config={"stop": [], "propose_cues": ["we propose", "we introduce", "we present", "we develop",
                                                  "we devise", "we design", "called", "named", "dubbed", "termed",
                                                  "namely", "we call", "we refer to", "we name", "this paper proposes",
                                                  "this work introduces", "this paper introduces", "this paper presents",
                                                  "and propose", "and introduce", "and present"]},
)
def make_name_finder(nlp: Language, name: str, stop: list[str], propose_cues: list[str]) -> NameFinder:
    """Shape and context rules for names a gazetteer does not know."""
    return NameFinder(stop=frozenset(s.lower() for s in stop), propose_cues=tuple(propose_cues))


# ---------------------------------------------------------------------------
# kg_tagged_names: names a trained tagger marks (BILUO tags), added after the rules
# ---------------------------------------------------------------------------


#: words that alone are no name, whatever a tagger says
_GENERIC_WORDS = frozenset({"we", "our", "it", "this", "that", "these", "those", "they", "which", "a", "an", "the",
                            "method", "model", "approach", "framework", "system", "task", "dataset", "data"})


@dataclass
class TaggedNames(BatchComponent):
    """Turns the BILUO tags of a trained tagger (``token.tag_``: ``U-Method``, or ``B-Task``
    ``I-Task``* ``L-Task``) into entities. A well-formed run is a candidate name; a run of only
    stop words or punctuation is dropped; ill-formed runs are no entity.

    ``mode="stacked"`` (kg's pipeline, whose tagger reads the rules' entities as features, see
    :mod:`kg.train`): the rules' entities of a label in ``rules_win``, and the acronyms and long
    forms an abstract defines (``doc._.kg_aliases``), are kept; then the tagger's
    runs that overlap none of those (a run of a ``rules_win`` label only where the rules found
    nothing at all); then the rules' other entities that overlap nothing kept so far. A run that
    is exactly a rule entity of its label is that entity (with its gazetteer id); a run around a
    single known name of its label takes that name's id as canonical name. So the tagger
    decides the boundaries and labels of methods, tasks and metrics, and keeps the rules' names
    where it has no opinion. ``mode="fill"``: the runs are added only where the rules found nothing.
    """

    labels: frozenset
    stop: frozenset
    mode: str = "stacked"
    rules_win: frozenset = frozenset({"Dataset"})

    def __call__(self, doc: Doc) -> Doc:
        ents = entities(doc)
        runs = self._runs(doc)
        if not runs:
            return doc
        if self.mode == "fill":
            kept = list(ents)
            later: list[Span] = []
        else:
            # an acronym and its long form ("Gated Token Mixer (GTM)") are the rules' too
            defined = {text.lower() for _, long, short in doc.user_data.get("kg_aliases") or () for text in (long, short)}
            kept, later = [], []
            for e in ents:
                (kept if e.label_ in self.rules_win or span_text(e).lower() in defined else later).append(e)
        occupied = bytearray(len(doc) + 1)
        for e in kept:
            occupied[e.start:e.end] = b"\x01" * (e.end - e.start)
        ruled = None if self.mode == "fill" else bytearray(len(doc) + 1)
        if ruled is not None:
            for e in ents:
                ruled[e.start:e.end] = b"\x01" * (e.end - e.start)
        same = {(e.start, e.end, e.label_): e for e in ents}
        added = False
        for start, end, label in runs:
            if 1 in occupied[start:end] or (label in self.rules_win and ruled is not None and 1 in ruled[start:end]):
                continue
            span = same.get((start, end, label))
            if span is None:
                # a run around one known name of its label is that name ("stacked BiLSTM models": BiLSTM)
                inner = [e for e in ents if start <= e.start and e.end <= end]
                known = inner[0].id_ if len(inner) == 1 and inner[0].id and inner[0].label_ == label else ""
                span = Span(doc, start, end, label=label, span_id=known)
            kept.append(span)
            occupied[start:end] = b"\x01" * (end - start)
            added = True
        for e in later:
            if 1 not in occupied[e.start:e.end]:
                kept.append(e)
                occupied[e.start:e.end] = b"\x01" * (e.end - e.start)
        if added or len(kept) != len(ents):
            set_entities(doc, sorted(kept, key=lambda sp: sp.start))
        return doc

    def _runs(self, doc: Doc) -> list[tuple[int, int, str]]:
        """The well-formed tag runs ``(start, end, label)`` that are more than stop words."""
        runs = []
        start = label = None
        for i, tok in enumerate(doc):
            prefix, _, lab = tok.tag_.partition("-")
            if lab not in self.labels:
                start = None
                continue
            if prefix == "U":
                runs.append((i, i + 1, lab))
                start = None
            elif prefix == "B":
                start, label = i, lab
            elif prefix == "L" and start is not None and lab == label:
                runs.append((start, i + 1, lab))
                start = None
            elif prefix != "I" or lab != label:
                start = None
        return [r for r in runs if not self._only_stop_words(doc[r[0]:r[1]])]

    def _only_stop_words(self, span: Span) -> bool:
        stop = self.stop
        low = span.text.lower()
        return (low in stop or low.removesuffix("s") in stop
                or all(t.is_punct or t.lower_ in stop or t.lower_.removesuffix("s") in stop for t in span))


@Language.factory(
    "kg_tagged_names",
    default_config={"labels": ["Method", "Dataset", "Task", "Metric"], "stop": [], "mode": "stacked",
                    "rules_win": ["Dataset"]},
)
def make_tagged_names(nlp: Language, name: str, labels: list[str], stop: list[str], mode: str,
                      rules_win: list[str]) -> TaggedNames:
    """Entities from a trained BILUO tagger (see :mod:`kg.train`) combined with the rules'
    (``mode`` "stacked" or "fill", see :class:`TaggedNames`); ``stop``: words that are no name
    (the stop list of ``rules/``), singular or plural."""
    if mode not in ("stacked", "fill"):
        raise ValueError(f"kg_tagged_names: mode must be 'stacked' or 'fill', got {mode!r}")
    return TaggedNames(labels=frozenset(labels), stop=frozenset(s.lower() for s in stop) | _GENERIC_WORDS,
                       mode=mode, rules_win=frozenset(rules_win))


# ---------------------------------------------------------------------------
# kg_results: benchmark numbers with unit and kind, bound to their entities
# ---------------------------------------------------------------------------

# units of measure that papers write right after the number ("1.5ms", "35fps", "0.36dB", "24GB")
_GLUED_UNIT = r"(?:dB|ms|fps|FPS|[KMGT]B)\b"
_GLUED_UNIT_AT = re.compile(_GLUED_UNIT)
_NUMBER = re.compile(
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
_RATIO_UNITS = frozenset({"x", "X", "×", "times", "-fold", "fold", "-times"})
_DIGIT_NEXT = re.compile(r"\s*\d")  # "1024 x 1024": the x of a size, not a ratio
_RESOLUTION_BEFORE = re.compile(r"\d\s*(?:x|×|times)\s*$")
# settings, not results: bit-widths, shots, ways, and numbers of training steps ("300k steps", "90 epochs")
_SETTING_AFTER = re.compile(
    r"^-?\s?(?:bits?(?![\w/]|-per|\s+per\b)|bit-width|shot|way"
    r"|(?:training\s+|gradient\s+)?(?:steps?|iterations?|epochs?|updates)\b)", re.I)
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
_OTHER_AFTER = re.compile(
    r"^-?\s*(?:[\w\-]+\s+){0,2}?(images?|videos?|samples?|examples?|parameters?|params|tokens?|words?|sentences?|"
    r"documents?|papers?|hours?|days?|languages?|classes|categories|layers?|nodes|edges|graphs?|"
    r"users?|questions?|pairs?|clips?|frames?|subjects?|participants?|annotations?|instances?|"
    r"datasets?|tasks?|models?|benchmarks?|videos|scenes?|objects?|queries|dialogues?|utterances?|"
    r"minutes?|seconds?|experts?|heads?|billion|million|thousand|[GT]?FLOPs|G?MACs)\b",
    re.I,
)
# a duration ("in 3.5 hours", "within 5 seconds") is a measured cost: a score, not a count
_TIME_AFTER = re.compile(r"^\s*(?:hours?|hrs?|days?|minutes?|mins?|seconds?|secs?|milliseconds?)\b", re.I)
_FROM_END = re.compile(r"\bfrom\s*$", re.I)
_FROM_TO = re.compile(r"\bfrom\s*$|\bfrom\s+[\d.]+\s*%?\s*to\s*$", re.I)
# "improves accuracy to 87.8%", "compared to 53.6%": a value reached, not a change ("up to" is a bound)
_TO_VALUE = re.compile(r"\b(?!up\b)[A-Za-z]+\s+to\s*$", re.I)
# what may stand between two numbers of one list or range: "1.7% and 0.6%", "10-20%", "from 69% to 72%",
# "67.0% vs. 53.6%", "1.0% for ResNet-32, 0.5% for VGG-16", "1.39% (4-bit) and 1.06%"
_LIST_GAP = re.compile(
    r"^\s*\\?(?:%p?|x|×|times|pp|[A-Za-z]{1,3}\b)?\s*"
    r"(?:(?:for|on|in|with)\s+[^\s,;()]+(?:\s+[^\s,;()]+)?\s*|\([^()]{1,30}\)\s*)?"
    r"(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|to\s+|[-\u2013~]\s*|vs\.?\s+|versus\s+)"
    r"(?:(?:approx|sim|~|about|around|nearly|almost|over|more than|up to)\s*)?$",
    re.I,
)
_THRESHOLD_SIGNS = frozenset("<>\u2264\u2265")
_CHANGE_NOUN_END = re.compile(
    r"\b(?:gains?|improvements?|boosts?|reductions?|drops?|increases?|decreases?|margins?|speed-?ups?)\s*$", re.I)
_MULTIPLIER = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "G": 1e9}


def _kind(sign: str, unit: str | None, unit_norm: str | None, before: str, rest: str,
          metric_after: bool) -> tuple[str, bool]:
    """The kind of a number and whether the text says so (False: "score" only by default).

    ``before`` is the text before the number (within its sentence and parenthesis), ``rest`` the
    text after it (after the second end when it opens a range); ``metric_after``: a Metric name
    follows it ("41.5 mAP for object detection" is a score, not a count of objects)."""
    if unit_norm == "x":
        return "delta", True  # a ratio: "2x faster", "0.6 times the cost"
    if _FROM_TO.search(before):
        return "score", True  # "from 56.45% to 21.62%": two absolute values
    if unit_norm is None and _TIME_AFTER.match(rest):
        return ("delta" if _DELTA_BEFORE.search(before) else "score"), True
    m = _OTHER_AFTER.match(rest) if unit_norm != "%" else None
    if m and not (metric_after and rest[:m.start(1)].strip()):
        return "other", True  # "22.8M parameters", "4.1G FLOPs"; not "41.5 mAP for object detection"
    if sign == "+" or unit in ("%p", "pp"):
        return "delta", True
    if _TO_VALUE.search(before, max(0, len(before) - 24)):
        return "score", True  # "improves accuracy to 87.8%", "compared to 53.6%": a value reached
    if _DELTA_AFTER.match(rest) or _DELTA_BEFORE.search(before):
        return "delta", True
    return "score", False


# the unit of a model size written before the model: "1001-layer ResNet", "12 layer Transformers", "a 4-block network"
_SIZE_OF_NAME = re.compile(r"-?\s?(layers?|blocks?|stages?)\s+(?=\w)")
# between two names of one list: "A, B and C", "A/B", "A and B"
_NAME_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)$")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# between the two values of a comparison: "67.0% vs. 53.6%", "0.91 versus 0.87"
_VERSUS_GAP = re.compile(r"\s*\\?(?:%|x|pp)?\s*(?:vs\.?|versus)\s*$", re.I)
# between a parenthesis and a name set beside it: "(62.7% vs. 55.7%), LM-Design"
_APPOSITION_GAP = re.compile(r"\s*,?\s*(?:the\s+|namely\s+)?$", re.I)
# between a family's name and the instance it is written with: "GE algorithm (", "CNN model ("
_FAMILY_THEN_PAREN = re.compile(r"\s*(?:[a-z][\w\-]*\s+)?(?:algorithms?|models?|methods?|networks?|architectures?|"
                                r"variants?|family|backbones?)?\s*\(\s*$")
# a change measured in a unit: "by 0.36dB", "by up to 5ms"
_BY_END = re.compile(r"\bby\s*(?:up to\s*)?$", re.I)


def _glued_kind(glued: str, before: str, rest: str) -> tuple[str, bool]:
    """The kind of a number written with its unit of measure ("1.5ms", "35fps", "0.36dB", "24GB"):
    a size in bytes is a count ("other"); a time, rate or level is a score unless the text makes it
    a change ("by 0.36dB", "5ms faster")."""
    if glued.endswith("B") and glued != "dB":
        return "other", True
    if _BY_END.search(before) or _DELTA_AFTER.match(rest):
        return "delta", True
    return "score", True


def _context_before(text: str, s0: int, ns: int) -> str:
    """Up to 40 characters before a number within its sentence, cut at an open parenthesis ("(36.3 AP)"
    belongs to the name before it, not to the verb before that) and without a trailing hedge."""
    before = text[max(s0, ns - 40):ns]
    open_at = before.rfind("(")
    if open_at >= 0 and ")" not in before[open_at:]:
        noun = _CHANGE_NOUN_END.search(before, 0, open_at)
        before = (noun.group(0) + " " if noun else "") + before[open_at + 1:]
    hedge = _HEDGE_END.search(before, max(0, len(before) - 20))
    return before[:hedge.start()] if hedge else before


def _paired_datasets(found: list[dict], groups: list[list[int]], datasets: list[Span], text: str,
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


def _versus_roles(found: list[dict], groups: list[list[int]], text: str) -> dict:
    """The two values of "A vs. B" ("(67.0% vs. 53.6%)"): {id(number dict): 0 or 1}."""
    roles = {}
    for group in groups:
        if len(group) == 2 and _VERSUS_GAP.match(text, found[group[0]]["ne"], found[group[1]]["ns"]):
            roles[id(found[group[0]])], roles[id(found[group[1]])] = 0, 1
    return roles


def _rival(methods: list[Span], text: str, s0: int, f: dict, owner: Span | None = None) -> Span | None:
    """The method the second value of "A vs. B" belongs to: the one the parenthesis follows
    ("PiFold (54.7% vs. 51.7%)"), else the one right after it ("the SoTA (62.7% vs. 55.7%), LM-Design"),
    else the first one the sentence compares with ("over IPA", "than X")."""
    if owner is not None:
        return owner
    close = text.find(")", f["ne"])
    if f["in_paren"] and close != -1:
        after = next((e for e in methods if e.start_char > close), None)
        if after is not None and _APPOSITION_GAP.match(text, close + 1, after.start_char):
            return after
    cue = _COMPARED.search(text, s0, f["ns"])
    if cue is None:
        return None
    return next((e for e in methods if e.start_char >= cue.end()), None)


def _sized_name(methods: list[Span], f: dict, text: str) -> Span | None:
    """The named method a size qualifies: "a 1001-layer ResNet", "12 layer Transformers"."""
    m = _SIZE_OF_NAME.match(text, f["ne"])
    if m is None:
        return None
    return next((e for e in methods if e.start_char == m.end()), None)


def _paren_owner(ents, text: str, s0: int, ns: int) -> Span | None:
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


@dataclass
class ResultFinder(BatchComponent):
    """Finds benchmark numbers in each sentence and binds them to metric, dataset and method."""

    max_gap: int = 12

    def __call__(self, doc: Doc) -> Doc:
        results = _ext_list(doc, "kg_results")
        text = doc_text(doc)
        all_ents = entities(doc)
        ent_starts = [e.start for e in all_ents]
        sents = sentences(doc)
        names = None  # the proposed method's names, read once the document has a result
        for si, sent in enumerate(sents):
            s0 = sent.start_char
            stext = span_text(sent)
            found, ents = self._numbers(doc, text, sent, stext, all_ents, ent_starts)
            if not found:
                continue
            if names is None:
                names, default_method = _proposed_names(doc, all_ents, sents)
            groups = _list_groups(found, text)
            _share(found, groups, "kind", "explicit")
            metrics = [e for e in ents if e.label_ == "Metric"]
            datasets = [e for e in ents if e.label_ == "Dataset"]
            methods = [e for e in ents if e.label_ == "Method" and _looks_named(span_text(e))]
            baselines = [e for e in methods if _compared(e)]
            authors = _OURS.search(stext) is not None or _IT_SUBJECT.match(stext) is not None
            for f in found:
                f["metric"], f["strong"] = self._metric(metrics, f, text[f["ne"]:sent.end_char], text[s0:f["ns"]])
            _share(found, groups, "metric", "strong")
            # the scores of the sentence before, which this one may go on about
            previous = _scores_of(results, sents[si - 1]) if si else []
            if not metrics:
                _carry_metric(found, previous)
            sent_floor = sents[max(0, si - 1)].start
            frame = _opening_dataset(datasets, stext, s0)
            paired = _paired_datasets(found, groups, datasets, text, stext) if len(datasets) > 1 else {}
            versus = _versus_roles(found, groups, text)
            prior = None  # the datasets named before the sentence, listed once a number needs them
            for f in found:
                num_span, kind = f["span"], f["kind"]
                owner = _paren_owner(ents, text, s0, f["ns"]) if f["in_paren"] else None
                dataset = self._dataset(f, owner, datasets, paired, frame, text)
                benchmark = f["unit"] == "%" or f["metric"] is not None and not f["measure"]
                if dataset is None and kind == "score" and benchmark:
                    # the sentence does not say (and the number is a benchmark's, not a duration or a
                    # size): the dataset named last in the sentence before, else the paper's only one so far
                    if prior is None:
                        prior = [e for e in all_ents[:bisect_left(ent_starts, sent.start)] if e.label_ == "Dataset"]
                        short = {long.lower(): acr.lower() for label, long, acr in doc.user_data.get("kg_aliases") or ()
                                 if label == "Dataset"}
                    dataset = _earlier_dataset(prior, sent_floor, previous, stext, short)
                task = _nearest(ents, num_span, "Task", prefer_after=True)
                if owner is not None and (owner.label_ != "Method" or not _looks_named(span_text(owner))):
                    owner = None
                role = versus.get(id(f))
                if role == 1:
                    # "VFN beats IPA (67.0% vs. 53.6%)": the second value is the rival's
                    method = owner or _rival(methods, text, s0, f)
                elif owner is not None and role is None:
                    method = owner  # "RetinaNet (36.3 AP)"
                elif kind == "other" and role is None and (sized := _sized_name(methods, f, text)) is not None:
                    method = sized  # "a 1001-layer ResNet": the size is the named model's
                else:
                    method = self._method(methods, baselines, f, names, default_method, authors)
                    if role == 0 and method is not None and method is _rival(methods, text, s0, f, owner):
                        method = None  # the first value of "X (54.7% vs. 51.7%)" is not X's
                results.append({
                    "value": f["value"], "unit": f["unit"], "kind": kind, "span": num_span,
                    "metric": f["metric"], "dataset": dataset, "task": task, "method": method, "sent": sent,
                })
        return doc

    @staticmethod
    def _dataset(f: dict, owner: Span | None, datasets: list[Span], paired: dict, frame: Span | None,
                 text: str) -> Span | None:
        """The dataset of a number that its own sentence names: the one before the parenthesis it
        stands in, its partner in a list of datasets, one introduced right after it, the one of the
        sentence's opening adverbial, else the nearest (a ratio takes only the first four)."""
        num_span = f["span"]
        if owner is not None and owner.label_ == "Dataset":
            return owner  # "Pascal VOC (+3.2% mIoU)"
        if id(f) in paired:
            return paired[id(f)]  # "82.9%/84.8% on Kinetics-400/Kinetics-600", "..., respectively"
        if (named := _named_after(datasets, num_span)) is not None:
            return named  # "80.3% mean IoU on Cityscapes", even when another dataset is nearer
        if f["unit"] == "x" and _COMPARATIVE_ONLY.match(f["rest"]):
            return None  # "2x faster": a speed-up is a property of the model and its hardware
        if frame is not None and not any(frame.end <= e.start and e.end <= num_span.start for e in datasets):
            return frame  # "On CIFAR-10, ...": no other dataset named since
        if f["unit"] == "x":
            return None  # a compression ratio the sentence does not set on a dataset: the model's
        return _nearest(datasets, num_span, "Dataset", prefer_after=True, text=text)

    @staticmethod
    def _numbers(doc: Doc, text: str, sent: Span, stext: str, all_ents, ent_starts) -> tuple[list[dict], list]:
        """The result numbers of one sentence with value, unit and kind (before lists share kinds),
        and the entities of the sentence (looked up once a number may be a result)."""
        s0 = sent.start_char
        found: list[dict] = []
        ents = None
        for m in _NUMBER.finditer(stext):
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
                    and ("." not in num and not _OTHER_AFTER.match(rest) or _YEARISH.match(num))):
                continue  # a bare integer that is not a count (a setting, an index, an enumeration) or a year
            if ents is None:
                ents = ents_in(all_ents, ent_starts, sent)
            if any(e.start_char <= ns < e.end_char for e in ents):
                continue  # part of a name: ResNet-50, CIFAR-10
            if _THRESHOLD_SIGNS.intersection(text[max(s0, ns - 2):ns]):
                continue  # "sparsity >80%", "IoU > 0.5": a threshold that selects a setting
            if (_RESOLUTION.match(after) or (unit and unit.strip() in _RATIO_UNITS and _DIGIT_NEXT.match(after))
                    or _RESOLUTION_BEFORE.search(text[max(s0, ns - 40):ns]) or _SETTING_AFTER.match(after)):
                continue  # 224x224, 4-bit, 5-shot: settings, not results
            if unit in (None, "x") and any(e.end_char in (ns - 1, ns) and e.label_ in ("Method", "Dataset") for e in ents):
                continue  # a version or size inside a name: Llama 7B, Stable Diffusion 3.5, GhostNet 0.5x
            value = float(num.replace(",", "")) * _MULTIPLIER.get(mult, 1.0)
            unit_norm = "%" if unit in ("%", "%p", "pp", " percent") else ("x" if unit in _RATIO_UNITS else None)
            num_span = doc.char_span(ns, ne, alignment_mode="expand")
            if num_span is None:
                continue
            metric_after = any(e.label_ == "Metric" and 0 <= e.start_char - ne <= 1 for e in ents)
            before = _context_before(text, s0, ns)
            glued = _GLUED_UNIT_AT.match(text, ne)
            if glued:
                kind, explicit = _glued_kind(glued.group(), before, text[glued.end():glued.end() + 40])
            else:
                kind, explicit = _kind(sign, unit, unit_norm, before, rest, metric_after)
            open_at = text.rfind("(", max(s0, ns - 60), ns)
            found.append({"value": value, "unit": unit_norm, "kind": kind, "explicit": explicit,
                          "span": num_span, "ns": ns, "ne": ne, "rest": rest, "glued": glued and glued.group(),
                          "measure": mult is not None or glued is not None or _TIME_AFTER.match(rest) is not None,
                          "in_paren": open_at >= 0 and ")" not in text[open_at:ns],
                          "from": _FROM_END.search(before, max(0, len(before) - 8)) is not None})
        return found, ents

    @staticmethod
    def _metric(metrics: list, f: dict, after: str, before: str) -> tuple:
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
        if kind == "other" and (m := _SIZE_OF_NAME.match(after)):
            return m.group(1).lower().rstrip("s") + "s", True  # "a 1001-layer ResNet": its number of layers
        m = _QUANTITY_AFTER.match(after)
        if m and (kind == "other" or m.group(1)):
            return _tidy_quantity(m.group(2)), True
        if f["unit"] is None and _TIME_AFTER.match(f["rest"]) or f["glued"] == "ms":
            return None, False
        if f["in_paren"] and (m := _PAREN_QUANTITY.match(after)):
            return _quantity_or_metric(metrics, m.group(1)), True  # "(4.62% error)"
        if f["in_paren"] and (quantity := _measured_before_paren(before, after)):
            return _quantity_or_metric(metrics, quantity), True  # "diversity (66.5% vs. 52.0%)"
        if m := _MEASURE_AFTER.match(after):
            return _quantity_or_metric(metrics, m.group(1)), True  # "18.9% phone recognition error"
        m = _CHANGE_IN.match(after) or _COMPARATIVE_AFTER.match(after)
        if m:
            return _quantity_or_metric(metrics, m.group(1)), True
        if _COMPARATIVE_ONLY.match(f["rest"]):
            return None, False  # "2x faster", "4x - 9x smaller": the ratio is its own measure
        for e in metrics:
            if num.end <= e.start <= num.end + 12:
                between = text[num.end_char:e.start_char]
                if _TERMS_OF.match(between) and not _NUMBER.search(between):
                    return e, True  # "by 1.0% ... in terms of top-1 accuracy", "by 28.8% on top-1 accuracy"
        if m := _MEASURE_ON.match(after):
            return _quantity_or_metric(metrics, m.group(1)), True  # "(54.7% vs. 51.7%), on sequence recovery rate"
        near = before[-160:]
        m = (_CHANGE_OF.search(near) or _PASSIVE_CHANGE.search(near)) if kind == "delta" else _CHANGE_FROM.search(near)
        if m:
            return _quantity_or_metric(metrics, m.group(1)), True
        m = _NOUN_OF.search(before, max(0, len(before) - 60))
        if m and (quantity := _quantity_or_metric(metrics, m.group(1))):
            return quantity, True
        best = _nearest(metrics, num, "Metric", prefer_after=True, text=text)
        if best is not None and (kind == "score" or abs(best.start - num.start) <= 8
                                 or len({span_text(e).lower() for e in metrics}) == 1):
            return best, False
        return None, False

    @staticmethod
    def _method(methods: list, baselines: list, f: dict, names: set, default, authors: bool):
        """The method a number belongs to: for the first value of "from X to Y", the baseline the
        sentence compares with (or none); the proposed method when the sentence names it, the
        method the authors call theirs ("our Dual-Swin-L"), the proposed method when the sentence
        speaks for the authors ("we", "our"), else the first method the sentence is about.
        ``methods``: the named methods of the sentence, ``baselines`` those it compares with."""
        num = f["span"]
        if f["from"]:
            return baselines[0] if baselines else None
        for e in methods:
            if span_text(e).lower() in names:
                return e
        for e in methods:
            if e.start > 0 and e.doc[e.start - 1].lower_ == "our":
                return e
        if authors:
            return default
        before = [e for e in methods if e.start < num.start and e not in baselines]
        if before:
            # the first one of the last clause before the number that names one ("..., while HOPE reaches
            # 0.14, 0.17 and 0.11"), else of the sentence
            text = doc_text(num.doc)
            subject = before[0]
            for cut in reversed([m.end() for m in _CLAUSE_BREAK.finditer(text, before[0].end_char, num.start_char)]):
                later = [e for e in before if e.start_char >= cut]
                if later:
                    subject = later[0]
                    break
            return _instance_named(subject, methods, text)
        return default or next((e for e in methods if e not in baselines), None)


def _instance_named(e: Span, methods: list[Span], text: str) -> Span:
    """The name in parentheses after a method of a family ("the GE algorithm (SDNE)" -> SDNE), else it."""
    for other in methods:
        if other.start_char > e.end_char:
            return other if _FAMILY_THEN_PAREN.match(text, e.end_char, other.start_char) else e
    return e


def _compared(e: Span) -> bool:
    """True for a method the sentence compares with ("than X", "outperforms X", "compared with the X")."""
    return _COMPARED.search(doc_text(e.doc), e.doc[max(0, e.start - 4)].idx, e.start_char) is not None


def _proposed_names(doc: Doc, ents, sents) -> tuple[set, object]:
    """The lower-cased names of the proposed method (with the acronyms the paper defines for them)
    and the method a result of the authors is bound to: the acronym of the proposed method when the
    paper defines one ("Dynamic Hybrid Vision Transformer (DHVT)" -> DHVT, the name it then uses),
    else its first proposed name; without one, a new name the title spells out and the abstract
    abbreviates."""
    proposed = doc._.kg_proposed or []
    aliases = {long.lower(): short for label, long, short in (doc._.kg_aliases or ()) if label == "Method"}
    names = {span_text(p).lower() for p in proposed}
    names |= {aliases[n].lower() for n in names if n in aliases}
    default = proposed[0] if proposed else None
    if default is None and len(sents) > 1 and aliases:
        title = span_text(sents[0]).lower()
        found = [(title.find(long), long) for long in aliases if long in title]
        if found:  # a name the gazetteer knows (CNN, GNN) is not the paper's own
            known = {span_text(e).lower() for e in ents if e.ent_id_ and e.label_ == "Method"}
            found = [f for f in found if f[1] not in known]
        if found:
            default = aliases[min(found)[1]]
            names.add(default.lower())
    elif default is not None and span_text(default).lower() in aliases:
        default = aliases[span_text(default).lower()]
    if isinstance(default, str):
        # the acronym as a span when the abstract uses it, so that it keeps its entity name
        default = next((e for e in ents if e.label_ == "Method" and span_text(e) == default), default)
    return names, default


def _list_groups(found: list[dict], text: str) -> list[list[int]]:
    """Indices of the numbers of a sentence grouped into lists and ranges ("1.7% and 0.6%", "10-20%")."""
    groups: list[list[int]] = []
    for i, f in enumerate(found):
        if i and _LIST_GAP.match(text[found[i - 1]["ne"]:f["ns"]]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _share(found: list[dict], groups: list[list[int]], key: str, sure: str) -> None:
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
_COMPARATIVE_ONLY = re.compile(r"^\s*(?:faster|slower|smaller|larger|bigger|cheaper|quicker|speed-?ups?)\b", re.I)
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
# words that name what was measured, not the measure ("our model (81.2%)")
_NOT_MEASURE = {"model", "models", "method", "methods", "baseline", "baselines", "approach", "approaches", "ours",
                "network", "networks", "work", "art", "counterpart", "counterparts", "version", "variant", "variants",
                "regime", "regimes", "region", "regions", "setting", "settings", "case", "cases", "best"}
# "(4.62% error)", "(36.3 AP)": a number in parentheses followed by what it measures
_PAREN_QUANTITY = re.compile(r"^\s*([A-Za-z][\w\-@]*(?:\s+[A-Za-z][\w\-@]*){0,2})\s*\)")
# between a number and a Metric name later in its clause: "... in terms of top-1 accuracy", "... on mIoU"
_TERMS_OF = re.compile(r"^[^;]*?(?:\bin terms of|\bon|\bin)(?:\s+the)?\s*$", re.I)
_ON_AFTER = re.compile(r"^[^;,]*?\b(?:on|in|for|across|over)(?:\s+(?:the|both|all))?\s*$", re.I)
_METRIC_LINK = re.compile(r"\s*\)?\s*(?:\([^()]*\)\s*)?(?:of|=|:|from|is|was|reaches|reached|at)?\s*$", re.I)
# a sentence that speaks of data in general ("across six datasets", "on downstream benchmarks")
_DATA_WORDS = re.compile(r"\b(?:datasets?|benchmarks?|corpora|data sets?|test sets?)\b", re.I)
# an opening adverbial that sets the scene for the whole sentence, up to its comma: "On CIFAR-10, ...",
# "In particular, on the Pubmed dataset, ...", "When fine-tuned on MS COCO, ...", "Similarly in ImageNet, ..."
_OPENING_FRAME = re.compile(
    r"\s*(?:(?:in particular|specifically|similarly|moreover|furthermore|notably|additionally|finally|"
    r"for example|for instance|e\.g\.),?\s+)?"
    r"(?:(?:when|once|after|if)\s+(?:[\w\-]+\s+){0,3}?)?(?:on|in|for|across|over)\s+[^,;:()]{1,60}?,",
    re.I,
)
_LIST_WORDS = re.compile(r"[,;]|\b(?:and|or|vs|versus|while|whereas|with|at|for|using|when|than)\b|\d", re.I)
_AUTHORS = re.compile(r"\b(we|our|ours|the proposed|this (?:method|model|approach|framework|work|paper))\b", re.I)
# the authors speaking of their method; not "our experiments show that X ..."
_OURS = re.compile(
    r"\b(?:we|ours|our(?!\s+(?:\w+\s+)?(?:experiments?|evaluations?|results?|analys[ie]s|findings?|stud(?:y|ies)|"
    r"observations?)\b)|the proposed|this (?:method|model|approach|framework|work|paper))\b",
    re.I,
)
# a sentence whose subject is "it", at its start or after an opening adverbial ("On ImageNet, it
# outperforms ..."): in an abstract, the method the paper is about; not "it is hard to ..."
_IT_SUBJECT = re.compile(
    r"\s*(?:[^,;()]{1,80},\s*)?it\s+(?!is\s+(?:\w+ly\s+)?(?:known|hard|difficult|challenging|unclear|important|"
    r"necessary|possible|impossible|natural|crucial|essential|common|easy|worth|likely|unlikely)\b)"
    r"(?!was\b|has been\b)",
    re.I,
)
_COMPARED = re.compile(r"\b(than|over|vs|versus|outperform\w*|surpass\w*|compared|baselines?|like|as)\b", re.I)
_QUANTITY_STOP = {"the", "a", "an", "our", "its", "their", "higher", "lower", "better", "more", "fewer", "less",
                  "faster", "slower", "larger", "smaller", "improvement", "relative", "absolute", "average", "on",
                  "reduction", "increase", "gain", "boost", "speedup", "speed", "up", "respectively", "both", "either",
                  "total", "margin", "factor", "value", "result", "performance", "best"}
# a clause boundary between a number and an entity: the entity is less likely to be the number's
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|while|whereas|but)\b|\b(?:while|whereas|whilst)\b", re.I)


def _looks_named(text: str) -> bool:
    """True for a name (a capital letter or a digit in it: BERT, ResNet-50, Gated Linear Attention),
    false for a lower-case phrase (graph neural network), which a result or a proposal is not bound to."""
    return any(c.isupper() or c.isdigit() for c in text)


def _tidy_quantity(phrase: str) -> str | None:
    words = [w for w in phrase.split() if w.lower() not in _QUANTITY_STOP]
    while words and words[-1].lower() in _QUANTITY_STOP:
        words.pop()
    return " ".join(words) or None


def _quantity_or_metric(metrics, phrase: str):
    """A quantity named in words, as the Metric entity it is when the sentence has one by that text."""
    tidy = _tidy_quantity(phrase)
    if tidy:
        low = tidy.lower()
        for e in metrics:
            if span_text(e).lower() == low:
                return e
    return tidy


def _named_after(ents, num: Span) -> Span | None:
    """The first of ``ents`` the clause after ``num`` introduces with on/in/for/across
    ("80.3% mean IoU on Cityscapes"), within 10 tokens and with no other number between."""
    text = doc_text(num.doc)
    for e in ents:
        if num.end <= e.start <= num.end + 10:
            between = text[num.end_char:e.start_char]
            if _ON_AFTER.match(between) and not _NUMBER.search(between):
                return e
    return None


def _measured_before_paren(before: str, after: str) -> str | None:
    """What a parenthesis of values only measures, named in lower-case words right before it:
    "designability (67.0% vs. 53.6%)" -> "designability"; None for a name or a generic noun."""
    if not _VALUES_IN_PAREN.match(after):
        return None
    m = _WORDS_BEFORE_PAREN.search(before, max(0, len(before) - 60))
    if m is None:
        return None
    last = m.group(1).split()[-1]
    if last in _NOT_MEASURE or last in _QUANTITY_STOP:
        return None  # "our model (81.2%)", "a clear gain (~2%)"
    return _tidy_quantity(m.group(1))


def _scores_of(results: list[dict], sent: Span) -> list[dict]:
    """The scores among the last results (those of ``sent``, when it is the last sentence with any)."""
    i = len(results)
    while i and results[i - 1]["sent"] is sent:
        i -= 1
    return [r for r in results[i:] if r["kind"] == "score"]


def _carry_metric(found: list[dict], previous: list[dict]) -> None:
    """Scores of a sentence that names no metric ("For X, it improves from 81.5% to 83.4%") take the
    metric of the last score of the sentence before (``previous``: its scores), which it goes on about."""
    carried = next((r["metric"] for r in reversed(previous) if r["metric"] is not None), None)
    if carried is None:
        return
    for f in found:
        if f["metric"] is None and f["kind"] == "score":
            f["metric"] = carried


def _earlier_dataset(prior: list[Span], sent_floor: int, previous: list[dict], stext: str,
                     short: dict) -> Span | None:
    """The dataset a score takes from before its sentence (``stext``): the last one named in the
    sentence before (which starts at token ``sent_floor``); else, when that sentence reported scores
    (``previous``), theirs (it goes on about them, also about none); else the one dataset the paper
    has named so far (``prior``, under one name), unless the sentence speaks of data of its own
    ("across six datasets"). ``short``: the acronyms of the long forms of datasets (one dataset under
    two names)."""
    if not prior:
        return None
    if prior[-1].start >= sent_floor:
        return prior[-1]
    if previous:
        return previous[-1]["dataset"]
    keys = {(e.id_ or span_text(e)).lower() for e in prior}
    if len({short.get(k, k) for k in keys}) == 1 and not _DATA_WORDS.search(stext):
        return prior[-1]
    return None


def _opening_dataset(datasets, stext: str, s0: int) -> Span | None:
    """The dataset an opening adverbial of the sentence names ("On CIFAR-10, ...", "When fine-tuned on
    MS COCO, ..."): it speaks for every number of the sentence."""
    if not datasets:
        return None
    m = _OPENING_FRAME.match(stext)
    if m is None:
        return None
    inside = [e for e in datasets if e.end_char <= s0 + m.end()]
    return inside[0] if inside else None


def _nearest(ents, num: Span, label: str, prefer_after: bool, text: str | None = None) -> Span | None:
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
        if text is not None and _CLAUSE_BREAK.search(text, *between):
            d += 6
        if best_d is None or d < best_d:
            best, best_d = e, d
    return best


@Language.factory("kg_results", default_config={"max_gap": 12})
def make_result_finder(nlp: Language, name: str, max_gap: int) -> ResultFinder:
    """Benchmark numbers: value, unit (% or x), kind (score / delta / other) and bindings."""
    return ResultFinder(max_gap=max_gap)


# ---------------------------------------------------------------------------
# kg_relations: typed relations between entities, with their sentence
# ---------------------------------------------------------------------------

_ANY_CUE = re.compile(
    r"\b(?=[abceilorstuv])(?:"  # the cues' first letters: a quick test at each word
    r"(?P<OUTPERFORMS>outperform\w*|surpass\w*|beat\w*|better than|superior to|exceed\w*)"
    r"|(?P<BASED_ON>based on|built (?:up)?on|builds on|extends?|extension of|variant of|on top of)"
    r"|(?P<USES>us(?:e|es|ing)|employ\w*|leverag\w*|adopt\w*|incorporat\w*|combin\w*|utiliz\w*)"
    r"|(?P<EVALUATED_ON>on|experiments?|evaluat\w*|benchmark\w*|results?|achiev\w*|tested)"
    r")\b",
)
_ANY_CUE_I = re.compile(_ANY_CUE.pattern, re.I)  # for the rare text whose lower-casing changes its length


@dataclass
class RelationFinder(BatchComponent):
    """Relations between the entities of a sentence, with the proposed method as the default subject."""

    def __call__(self, doc: Doc) -> Doc:
        rels = _ext_list(doc, "kg_relations")
        proposed = doc.user_data.get("kg_proposed") or []
        main = proposed[0] if proposed else None
        main_key = span_text(main).lower() if main is not None else None
        all_ents = entities(doc)
        ent_starts = [e.start for e in all_ents]
        text = doc_text(doc)
        sents = sentences(doc)
        low = text.lower()  # a case-sensitive search of the lower-cased text is twice as fast
        cue_search, cue_text = (_ANY_CUE, low) if len(low) == len(text) else (_ANY_CUE_I, text)
        for sent in sents:
            ents = ents_in(all_ents, ent_starts, sent)
            if not ents:
                continue
            cues: dict[str, tuple[int, int]] = {}  # relation -> its first cue in the sentence
            for m in cue_search.finditer(cue_text, sent.start_char, sent.end_char):
                cues.setdefault(m.lastgroup, (m.start(), m.end()))
            methods = [e for e in ents if e.label_ == "Method"]
            datasets = [e for e in ents if e.label_ == "Dataset"]
            cue = cues.get("OUTPERFORMS")
            if cue:
                left = [e for e in methods if e.end_char <= cue[0]]
                right = [e for e in methods if e.start_char >= cue[1]]
                subj = left[-1] if left else (main if main is not None and _AUTHORS.search(text, sent.start_char, cue[0]) else None)
                if subj is not None:
                    for obj in right:
                        if span_text(obj).lower() != span_text(subj).lower():
                            rels.append((subj, "OUTPERFORMS", obj, sent))
            cue = cues.get("BASED_ON")
            if cue and main is not None:
                right = [e for e in methods if e.start_char >= cue[0]]
                if right and span_text(right[0]).lower() != main_key:
                    rels.append((main, "BASED_ON", right[0], sent))
            cue = cues.get("USES")
            if cue and main is not None:
                for obj in [e for e in methods if e.start_char >= cue[0]][:3]:
                    if span_text(obj).lower() != main_key:
                        rels.append((main, "USES", obj, sent))
            if datasets:
                subj_methods = [e for e in methods if span_text(e).lower() != main_key]
                subjects = [main] if main is not None else subj_methods[:1]
                if "EVALUATED_ON" in cues:
                    for subj in subjects:
                        for d in datasets:
                            rels.append((subj, "EVALUATED_ON", d, sent))
        return doc


@Language.factory("kg_relations")
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    """PROPOSES-independent relations: OUTPERFORMS, BASED_ON, USES, EVALUATED_ON."""
    return RelationFinder()
