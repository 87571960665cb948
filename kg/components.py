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
_ACRONYM_DEF = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-+.&/]{0,15}?)\s*(?:;[^)]*)?\)")
_WORD = re.compile(r"[A-Za-z0-9][\w\-']*")

_DATASET_HEADS = {"dataset", "datasets", "corpus", "corpora", "benchmark", "benchmarks", "treebank"}
_DATASET_HEADS2 = {("data", "set"), ("data", "sets"), ("test", "set"), ("test", "sets"), ("validation", "set"),
                   ("val", "set"), ("dev", "set"), ("development", "set"), ("training", "set"), ("test", "split")}
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
    return bool(letters) and letters[0] == pool[:1] and (subseq or letters in caps)


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
            if best:
                ls, le = best[0][0], best[-1][1]
                long_span = doc.char_span(ls, le, alignment_mode="contract")
                if long_span is not None and len(long_span) > 0:
                    gaz = _gazetteer_label(ents, long_span)
                    label = gaz or label
                    if not taken.any(long_span.start_char, long_span.end_char) and label in ("Method", "Dataset", "Task", "Metric"):
                        new.append(Span(doc, long_span.start, long_span.end, label=label))
                        taken.mark(long_span.start_char, long_span.end_char)
                    aliases.append((label, span_text(long_span), _singular(acr)))
            if label and not taken.any(short_span.start_char, short_span.end_char):
                new.append(Span(doc, short_span.start, short_span.end, label=label))
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

        # 3. shape: named tokens anywhere
        for m in _NAMED.finditer(text):
            s, e = m.start(), m.end()
            word = m.group()
            low_word = word.lower()
            if low_word in self.stop or low_word.rstrip("s") in self.stop or not is_named(word):
                continue
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
            label = label or self._label_of(doc, span, taken)
            new.append(Span(doc, span.start, span.end, label=label))
            taken.mark(span.start_char, span.end_char)

        if new:
            ents = filter_spans(ents + new)
        found = ents
        ents = self._extend(doc, ents)
        if new or ents is not found or (ents and not doc.has_annotation("ENT_IOB")):
            set_entities(doc, ents)  # (no annotation yet: the gazetteer left doc.ents to this component)

        # 4. what the paper proposes: the first Method name within a few words after a cue
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
            # a head noun joins the name unless it is a name itself ("the FS CORPUS upper bound")
            if e.label_ == "Task" and end < n and not occupied[end] and doc[end].lower_ in ("task", "tasks"):
                end += 1  # "the entity linking task": the mention includes its head noun
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

    def _label_of(self, doc: Doc, span: Span, taken) -> str:
        nxt = doc[span.end].lower_ if span.end < len(doc) else ""
        if nxt in _DATASET_AFTER or (nxt == "-" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in _DATASET_AFTER):
            return "Dataset"
        if nxt in _TASK_AFTER:
            return "Task"
        if nxt in _METRIC_AFTER:
            return "Metric"
        return "Method"


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
                                                  "this work introduces", "this paper introduces", "this paper presents"]},
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
    ``I-Task``* ``L-Task``) into entities, after the rules: a well-formed run becomes a span of its
    label when it overlaps no entity found before, so the gazetteer and the name rules keep the
    names they know and the model adds the ones they miss (mostly lower-case methods, tasks and
    metrics). A run of only stop words or punctuation is dropped. Ill-formed runs are no entity.
    """

    labels: frozenset
    stop: frozenset

    def __call__(self, doc: Doc) -> Doc:
        ents = entities(doc)
        occupied = bytearray(len(doc) + 1)
        for e in ents:
            occupied[e.start:e.end] = b"\x01" * (e.end - e.start)
        new: list[Span] = []
        start = label = None
        for i, tok in enumerate(doc):
            prefix, _, lab = tok.tag_.partition("-")
            if lab not in self.labels:
                start = None
                continue
            if prefix == "U":
                self._add(doc, i, i + 1, lab, occupied, new)
                start = None
            elif prefix == "B":
                start, label = i, lab
            elif prefix == "L" and start is not None and lab == label:
                self._add(doc, start, i + 1, lab, occupied, new)
                start = None
            elif prefix != "I" or lab != label:
                start = None
        if new:
            set_entities(doc, sorted(ents + new, key=lambda sp: sp.start))
        return doc

    def _add(self, doc: Doc, start: int, end: int, label: str, occupied: bytearray, new: list) -> None:
        if 1 in occupied[start:end]:
            return
        span = doc[start:end]
        if all(t.is_punct or t.lower_ in self.stop or t.lower_.removesuffix("s") in self.stop for t in span):
            return
        if span.text.lower() in self.stop or span.text.lower().removesuffix("s") in self.stop:
            return
        new.append(Span(doc, start, end, label=label))


@Language.factory("kg_tagged_names", default_config={"labels": ["Method", "Dataset", "Task", "Metric"], "stop": []})
def make_tagged_names(nlp: Language, name: str, labels: list[str], stop: list[str]) -> TaggedNames:
    """Entities from a trained BILUO tagger (see :mod:`kg.train`), added where the rules found none;
    ``stop``: words that are no name (the stop list of ``rules/``), singular or plural."""
    return TaggedNames(labels=frozenset(labels), stop=frozenset(s.lower() for s in stop) | _GENERIC_WORDS)


# ---------------------------------------------------------------------------
# kg_results: benchmark numbers with unit and kind, bound to their entities
# ---------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?=[+\-\u2212\d])(?:(?<=approx)|(?<=sim)|(?<=\d-)|(?<=\d[KMB]-)|(?<![\w.\-/@^]))([+\-\u2212]?)"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?\\?(%p|%|pp\b|x\b|×|times\b|-fold\b|fold\b| percent\b)|([KMBG])\b)?(?![A-Za-z_]|\.\d)"
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-\u2013~]|to\b)\s*\d+(?:\.\d+)?\s?(%|x\b|×|times\b)")
# the second end of a range ("10-20%", "100M-1.4B", "0.07 ~ 0.65%"): what follows it speaks for both ends
_RANGE_END = re.compile(r"^\s*(?:[-\u2013~]|to\b)\s*[+\-]?\d+(?:\.\d+)?\s?(?:%p|%|pp\b|x\b|×|times\b|[KMBG]\b)?")
_RESOLUTION = re.compile(r"^\s*(?:x|×|times)\s*\d")
_RESOLUTION_BEFORE = re.compile(r"\d\s*(?:x|×|times)\s*$")
_SETTING_AFTER = re.compile(r"^-?\s?(?:bits?(?![\w/]|-per|\s+per\b)|bit-width|shot|way|layers?\b(?! \w+ (?:network|resnet|transformer)))", re.I)
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
    r"^\s*(?:[\w\-]+\s+){0,2}?(images?|videos?|samples?|examples?|parameters?|params|tokens?|words?|sentences?|"
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
_YEARISH = re.compile(r"^(19|20)\d\d$")
_THRESHOLD_SIGNS = frozenset("<>\u2264\u2265")
_CHANGE_NOUN_END = re.compile(
    r"\b(?:gains?|improvements?|boosts?|reductions?|drops?|increases?|decreases?|margins?|speed-?ups?)\s*$", re.I)
_MULTIPLIER = {"K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9}


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
            authors = _OURS.search(stext) is not None
            for f in found:
                f["metric"], f["strong"] = self._metric(metrics, f, text[f["ne"]:sent.end_char], text[s0:f["ns"]])
            _share(found, groups, "metric", "strong")
            sent_floor = sents[max(0, si - 1)].start
            for f in found:
                num_span, kind = f["span"], f["kind"]
                owner = _paren_owner(ents, text, s0, f["ns"]) if f["in_paren"] else None
                if owner is not None and owner.label_ == "Dataset":
                    dataset = owner
                elif f["unit"] == "x":
                    dataset = None  # a speed-up or compression ratio: a property of the model, not of a dataset
                elif (named := _named_after(datasets, num_span)) is not None:
                    dataset = named  # "80.3% mean IoU on Cityscapes", even when another dataset is nearer
                else:
                    dataset = _nearest(datasets, num_span, "Dataset", prefer_after=True, text=text)
                if dataset is None and kind == "score":
                    # the sentence does not say: the dataset named last in the sentence before
                    earlier = [e for e in all_ents[:bisect_left(ent_starts, sent.start)]
                               if e.label_ == "Dataset" and e.start >= sent_floor]
                    dataset = earlier[-1] if earlier else None
                task = _nearest(ents, num_span, "Task", prefer_after=True)
                if owner is not None and owner.label_ == "Method" and _looks_named(span_text(owner)):
                    method = owner
                else:
                    method = self._method(methods, baselines, f, names, default_method, authors)
                results.append({
                    "value": f["value"], "unit": f["unit"], "kind": kind, "span": num_span,
                    "metric": f["metric"], "dataset": dataset, "task": task, "method": method, "sent": sent,
                })
        return doc

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
            r = _RANGE_END.match(after)
            rest = after[r.end():] + text[ne + 40:ne + 40 + r.end()] if r else after
            if unit is None and mult is None and ("." not in num and not _OTHER_AFTER.match(rest) or _YEARISH.match(num)):
                continue  # a bare integer that is not a count (a setting, an index, an enumeration) or a year
            if ents is None:
                ents = ents_in(all_ents, ent_starts, sent)
            if any(e.start_char <= ns < e.end_char for e in ents):
                continue  # part of a name: ResNet-50, CIFAR-10
            if _THRESHOLD_SIGNS.intersection(text[max(s0, ns - 2):ns]):
                continue  # "sparsity >80%", "IoU > 0.5": a threshold that selects a setting
            if _RESOLUTION.match(after) or _RESOLUTION_BEFORE.search(text[max(s0, ns - 40):ns]) or _SETTING_AFTER.match(after):
                continue  # 224x224, 4-bit, 5-shot: settings, not results
            if unit in (None, "x") and any(e.end_char in (ns - 1, ns) and e.label_ in ("Method", "Dataset") for e in ents):
                continue  # a version or size inside a name: Llama 7B, Stable Diffusion 3.5, GhostNet 0.5x
            value = float(num.replace(",", "")) * _MULTIPLIER.get(mult, 1.0)
            unit_norm = "%" if unit in ("%", "%p", "pp", " percent") else ("x" if unit in ("x", "×", "times", "-fold", "fold") else None)
            num_span = doc.char_span(ns, ne, alignment_mode="expand")
            if num_span is None:
                continue
            metric_after = any(e.label_ == "Metric" and 0 <= e.start_char - ne <= 1 for e in ents)
            before = _context_before(text, s0, ns)
            kind, explicit = _kind(sign, unit, unit_norm, before, rest, metric_after)
            open_at = text.rfind("(", max(s0, ns - 60), ns)
            found.append({"value": value, "unit": unit_norm, "kind": kind, "explicit": explicit,
                          "span": num_span, "ns": ns, "ne": ne, "rest": rest,
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
        m = _QUANTITY_AFTER.match(after)
        if m and (kind == "other" or m.group(1)):
            return _tidy_quantity(m.group(2)), True
        if f["unit"] is None and _TIME_AFTER.match(f["rest"]):
            return None, False
        if f["in_paren"] and (m := _PAREN_QUANTITY.match(after)):
            return _quantity_or_metric(metrics, m.group(1)), True  # "(4.62% error)"
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
        for e in methods:
            if e.start < num.start and e not in baselines:
                return e
        return default or next((e for e in methods if e not in baselines), None)


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
_QUANTITY_AFTER = re.compile(r"^\s*(?:%|x\b|×|times\b)?\s*(of (?:the |their |its )?)?" + _QUANTITY_WORDS)
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
# "(4.62% error)", "(36.3 AP)": a number in parentheses followed by what it measures
_PAREN_QUANTITY = re.compile(r"^\s*([A-Za-z][\w\-@]*(?:\s+[A-Za-z][\w\-@]*){0,2})\s*\)")
# between a number and a Metric name later in its clause: "... in terms of top-1 accuracy", "... on mIoU"
_TERMS_OF = re.compile(r"^[^;]*?(?:\bin terms of|\bon|\bin)(?:\s+the)?\s*$", re.I)
_ON_AFTER = re.compile(r"^[^;,]*?\b(?:on|in|for|across|over)(?:\s+(?:the|both|all))?\s*$", re.I)
_METRIC_LINK = re.compile(r"\s*\)?\s*(?:\([^()]*\)\s*)?(?:of|=|:|from|is|was|reaches|reached|at)?\s*$", re.I)
_LIST_WORDS = re.compile(r"[,;]|\b(?:and|or|vs|versus|while|whereas|with|at|for|using|when|than)\b|\d", re.I)
_AUTHORS = re.compile(r"\b(we|our|ours|the proposed|this (?:method|model|approach|framework|work|paper))\b", re.I)
# the authors speaking of their method; not "our experiments show that X ..."
_OURS = re.compile(
    r"\b(?:we|ours|our(?!\s+(?:\w+\s+)?(?:experiments?|evaluations?|results?|analys[ie]s|findings?|stud(?:y|ies)|"
    r"observations?)\b)|the proposed|this (?:method|model|approach|framework|work|paper))\b",
    re.I,
)
_COMPARED = re.compile(r"\b(than|over|vs|versus|outperform\w*|surpass\w*|compared|baselines?|like|as)\b", re.I)
_QUANTITY_STOP = {"the", "a", "an", "our", "its", "their", "higher", "lower", "better", "more", "fewer", "less",
                  "faster", "slower", "larger", "smaller", "improvement", "relative", "absolute", "average", "on",
                  "reduction", "increase", "gain", "boost", "speedup", "speed", "up", "respectively", "both", "either",
                  "total", "margin", "factor", "value", "result", "performance"}
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
