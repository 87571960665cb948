"""What kg's trained decisions look at: a paper's candidate names, and features of them.

The rules and the tagger propose candidate names (:class:`Mention`); the judge decides which are
entities of which type, which the paper proposes, which method the paper is about, and which
relations its abstract states. Each decision is a :class:`kg.linear.LinearModel` over the
features made here: plain functions over plain data (a :class:`PaperView`), so that training
(:mod:`kg.learn`) and the pipeline (:mod:`kg.components.judge`) compute exactly the same thing.

The features are meant to carry over to papers kg has not seen: the shape of a name, how common
its words are in English (``wordfreq``), what found it (a name list, a rule, the tagger, and
how sure the tagger was), where and how often the paper uses it, and the cue words around it.
Word lists and cues come from ``rules/`` (:class:`Lexicon`).

>>> view = PaperView(text="ZorbNet: Fast Nets\\n\\nWe propose ZorbNet, based on ResNet-50.",
...                  sentences=((0, 18), (20, 58)), mentions=(
...     Mention("Method", "ZorbNet", "ZorbNet", 0, 7, "rules", 0.9),
...     Mention("Method", "ZorbNet", "ZorbNet", 31, 38, "rules", 0.9),
...     Mention("Method", "ResNet-50", "ResNet-50", 49, 58, "gazetteer", 0.95)))
>>> [c.name for c in clusters(view)]
['ZorbNet', 'ResNet-50']
>>> lex = Lexicon.from_rules({"PROPOSES": ["we propose"]}, {})
>>> entity_features(view, clusters(view)[0], lex)["title_prefix"]
1.0
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .schema import ENTITY_LABELS

_KEY_DROP = re.compile(r"[^a-z0-9]+")
_WORDS = re.compile(r"[A-Za-z0-9]+")
_INNER_CAP = re.compile(r"(?<=.)[A-Z]")
_NON_WORD = re.compile(r"\W")
_LOWER_WORDS = re.compile(r"[a-z]+")
#: what stands right before a name ("a new X", "our X", "the proposed X") and in its sentence ("we", "this paper")
_A_BEFORE = re.compile(r"\b(?:a|an)\s+(?:\w+\s+)?$")
_OUR_BEFORE = re.compile(r"\b(?:our|the proposed)\s+(?:\w+\s+)?$")
_OUR_THIS_BEFORE = re.compile(r"\b(?:our|the proposed|this)\s+(?:\w+\s+)?$")
_NEW_BEFORE = re.compile(r"\b(?:novel|new)\s+(?:\w+\s+)?$")
_NEW_OURS_BEFORE = re.compile(r"\b(?:novel|new|proposed|our)\s+(?:\w+\s+)?$")
_WE = re.compile(r"\bwe\b|\bthis (?:paper|work)\b")
_WE_OURS = re.compile(r"\bwe\b|\bour\b|\bthis (?:paper|work)\b|\bproposed\b")
_BASED_AFTER = re.compile(r"-(?:based|style|like)\b")


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """The key under which a paper's mentions of one name meet: letters and digits, lower case,
    a final plural ``s`` dropped ("Vision Transformers" = "vision transformer")."""
    k = _KEY_DROP.sub("", name.lower())
    return k[:-1] if len(k) > 3 and k.endswith("s") and not k.endswith("ss") else k


def named_shape(text: str) -> bool:
    """A capital after the first character, or a digit: ``BiDAF``, ``ResNet-50``, ``GPT-4``."""
    return bool(_INNER_CAP.search(text)) or any(c.isdigit() for c in text)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English, on the Zipf scale of ``wordfreq`` (0: unknown, 7: "the")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@dataclass(frozen=True)
class Mention:
    """One candidate name in a paper: the type the rules or the tagger gave it, its surface and
    canonical name, its characters in the paper's text, what found it (``gazetteer``, ``rules``,
    ``tagger``, or ``rules+tagger`` when both drew the same name), and the tagger's probability
    that its tokens are a name of this type (1.0 without a tagger)."""

    label: str
    text: str
    name: str
    start: int
    end: int
    source: str
    tag_prob: float = 1.0


@dataclass(frozen=True)
class PaperView:
    """What the decisions see of one paper: its text (title, blank line, abstract), its sentences
    (character bounds), the candidate mentions, the acronyms it defines (``(label, long form,
    acronym)``), the spans the proposal rules point at, and the numbers the result finder read
    (character bounds)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    aliases: tuple[tuple[str, str, str], ...] = ()
    proposed: tuple[tuple[int, int], ...] = ()
    numbers: tuple[tuple[int, int], ...] = ()

    @property
    def title_end(self) -> int:
        i = self.text.find("\n\n")
        return i if i >= 0 else 0

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding character ``pos``."""
        for i, (a, b) in enumerate(self.sentences):
            if a <= pos < b:
                return i
        return max(0, len(self.sentences) - 1)


@dataclass(frozen=True)
class Cluster:
    """The mentions of one name in one paper: the same key, or an acronym and its long form."""

    mentions: tuple[Mention, ...]
    name: str  # the preferred name: the longest surface the rules or the tagger drew

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every spelling's key (what gold names are compared with; computed once)."""
        return frozenset(key(m.text) for m in self.mentions) | {key(m.name) for m in self.mentions}

    def votes(self) -> Counter:
        return Counter(m.label for m in self.mentions)


def clusters(view: PaperView) -> list[Cluster]:
    """The paper's mentions gathered into clusters (first mention first): mentions whose text or
    canonical name share a :func:`key`, and the acronyms the paper defines with their long forms."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    for m in view.mentions:
        union(key(m.text) or key(m.name), key(m.name) or key(m.text))
    for _, long, short in view.aliases:
        a, b = key(long), key(short)
        if a in parent or b in parent:
            union(a, b)
    groups: dict[str, list[Mention]] = {}
    for m in view.mentions:
        k = key(m.name) or key(m.text)
        if k:
            groups.setdefault(find(k), []).append(m)
    out = []
    for ments in groups.values():
        best = max(ments, key=lambda m: (len(m.text.split()), len(m.text), -m.start))
        out.append(Cluster(tuple(ments), best.name))
    return out


# ---------------------------------------------------------------------------- cue words


def _cue_pattern(cues: Iterable[str]) -> re.Pattern | None:
    parts = []
    for cue in sorted(set(cues), key=len, reverse=True):
        words = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in cue.lower().split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b") if parts else None


@dataclass(frozen=True)
class Lexicon:
    """The word lists and cue patterns the features read, from ``rules/`` (``rules/cues.jsonl``:
    cue words per role; ``rules/words.jsonl``: word lists)."""

    cues: Mapping[str, re.Pattern] = field(default_factory=dict)
    words: Mapping[str, frozenset] = field(default_factory=dict)

    @classmethod
    def from_rules(cls, cues: Mapping[str, Sequence[str]], words: Mapping[str, Sequence[str]]) -> Lexicon:
        pats = {role: p for role, c in cues.items() if (p := _cue_pattern(c)) is not None}
        return cls(cues=pats, words={k: frozenset(w.lower() for w in v) for k, v in words.items()})

    def has(self, role: str, text: str) -> bool:
        p = self.cues.get(role)
        return bool(p and p.search(text))

    def word_in(self, name: str, word: str) -> bool:
        return word in self.words.get(name, frozenset())


# ---------------------------------------------------------------------------- entity features


def _bucket(x: float, width: float = 1.0, top: int = 7) -> str:
    return str(min(top, max(0, int(x / width))))


def entity_features(view: PaperView, cluster: Cluster, lex: Lexicon) -> dict[str, float]:
    """Features of a cluster for the decision "which type of entity is it, if any"."""
    text = view.text
    ments = cluster.mentions
    f: dict[str, float] = {"bias": 1.0}
    votes = cluster.votes()
    total = sum(votes.values())
    for t in ENTITY_LABELS:
        mine = [m for m in ments if m.label == t]
        f["vote_" + t] = votes[t] / total
        if mine:
            f["prob_" + t] = max(m.tag_prob for m in mine)
            f["gaz_" + t] = float(any(m.source == "gazetteer" for m in mine))
            f["rules_" + t] = float(any("rules" in m.source or m.source == "gazetteer" for m in mine))
            f["tagger_" + t] = float(any("tagger" in m.source for m in mine))
    name = cluster.name
    low = name.lower()
    words = _WORDS.findall(name)
    lw = [w.lower() for w in words]
    surfaces = {m.text for m in ments}
    f["named"] = float(any(named_shape(s) for s in surfaces))
    f["lower"] = float(all(s.islower() for s in surfaces))
    f["caps"] = float(any(s.isupper() and len(s) > 1 for s in surfaces))
    f["digit"] = float(any(c.isdigit() for c in name))
    f["words=" + str(min(len(words), 5))] = 1.0
    f["title_case"] = float(bool(words) and all(w[:1].isupper() for w in words))
    for t in ENTITY_LABELS:
        lst = "not_" + t.lower()
        if lex.word_in(lst, low) or lex.word_in(lst, low.rstrip("s")):
            f["excluded_" + t] = 1.0
    if lw:
        if lex.word_in("method_nouns", lw[-1]):
            f["generic_head"] = 1.0
        zs = [zipf(w) for w in lw]
        f["zipf_min=" + _bucket(min(zs))] = 1.0
        f["zipf_head=" + _bucket(zs[-1])] = 1.0
        f["zipf_phrase=" + _bucket(zipf(low))] = 1.0
    hard = [m for m in ments]
    f["mentions=" + str(min(len(hard), 4))] = 1.0
    title_end = view.title_end
    f["in_title"] = float(any(m.start < title_end for m in ments))
    f["title_prefix"] = float(any(m.start == 0 and text[m.end:m.end + 1] == ":" for m in ments))
    forms = cluster.forms
    f["acronym_pair"] = float(any(key(long) in forms or key(short) in forms for _, long, short in view.aliases))
    f["proposed"] = float(any(a <= m.start < b for m in ments for a, b in view.proposed))
    f["number_near"] = float(any(abs(m.start - a) < 40 for m in ments for a, _ in view.numbers))
    first = min(ments, key=lambda m: m.start)
    before = text[max(0, first.start - 30):first.start].lower().split()
    after = text[first.end:first.end + 30].lower().split()
    if before:
        f["prev=" + _NON_WORD.sub("", before[-1])] = 1.0
    if after:
        f["next=" + _NON_WORD.sub("", after[0])] = 1.0
    f["with_a"] = float(any(_A_BEFORE.search(text[max(0, m.start - 20):m.start].lower())
                            for m in ments))
    f["with_our"] = float(any(_OUR_BEFORE.search(text[max(0, m.start - 25):m.start].lower())
                              for m in ments))
    return f


# ---------------------------------------------------------------------------- proposals


def proposal_features(view: PaperView, cluster: Cluster, etype: str, confidence: float, lex: Lexicon) -> dict[str, float]:
    """Features of a cluster (judged an entity of ``etype`` with ``confidence``) for the decisions
    "does the paper propose it" and "is it the method the paper is about"."""
    text = view.text
    ments = cluster.mentions
    f: dict[str, float] = {"bias": 1.0, "type=" + etype: 1.0, "confidence": confidence}
    f["title_prefix"] = float(any(m.start == 0 and text[m.end:m.end + 1] == ":" for m in ments))
    f["in_title"] = float(any(m.start < view.title_end for m in ments))
    f["known"] = float(any(m.source == "gazetteer" for m in ments))
    f["named"] = float(any(named_shape(m.text) for m in ments))
    f["lower"] = float(all(m.text.islower() for m in ments))
    f["mentions=" + str(min(len(ments), 4))] = 1.0
    f["rule_proposed"] = float(any(a <= m.start < b for m in ments for a, b in view.proposed))
    forms = cluster.forms
    f["acronym_defined"] = float(any(key(long) in forms or key(short) in forms for _, long, short in view.aliases))
    f["first_sentence=" + str(min(view.sentence_of(min(m.start for m in ments)), 5))] = 1.0
    for m in ments:
        a, b = view.sentences[view.sentence_of(m.start)] if view.sentences else (0, len(text))
        before = text[max(a, m.start - 60):m.start].lower()
        sentence = text[a:b].lower()
        if lex.has("PROPOSES", before):
            f["propose_cue_before"] = 1.0
        if _OUR_THIS_BEFORE.search(before):
            f["our_before"] = 1.0
        if _NEW_BEFORE.search(before):
            f["novel_before"] = 1.0
        if _WE.search(sentence):
            f["we_sentence"] = 1.0
        after = text[m.end:m.end + 40].lower()
        if lex.has("OUTPERFORMS", after[:30]):
            f["wins_after"] = 1.0
        if lex.has("COMPARES", before[-25:]) or lex.has("OUTPERFORMS", before[-25:]):
            f["beaten_before"] = 1.0
        if lex.has("BASED_ON", before[-25:]):
            f["base_before"] = 1.0
    zs = [zipf(w) for w in _WORDS.findall(cluster.name.lower())] or [0.0]
    f["zipf_min=" + _bucket(min(zs))] = 1.0
    f["words=" + str(min(len(cluster.name.split()), 5))] = 1.0
    return f


# ---------------------------------------------------------------------------- relations

#: the relations the judge decides between a paper's focal method and another name, by the type of the other
RELATIONS_OF = {"Method": ("OUTPERFORMS", "BASED_ON"), "Dataset": ("EVALUATED_ON",)}


def relation_features(view: PaperView, subject: Cluster, obj: Cluster, obj_confidence: float,
                      obj_proposed: float, focus: float, lex: Lexicon) -> dict[str, float]:
    """Features of the pair (the paper's focal method ``subject``, as likely the paper's subject as
    ``focus``; another entity ``obj``) for the decision which relation the abstract states between
    them (the relation is prefixed to each feature by the caller)."""
    text = view.text
    f: dict[str, float] = {"bias": 1.0, "confidence": obj_confidence, "obj_proposed": obj_proposed, "focus": focus}
    subj_sents = {view.sentence_of(m.start) for m in subject.mentions}
    f["known"] = float(any(m.source == "gazetteer" for m in obj.mentions))
    f["mentions=" + str(min(len(obj.mentions), 4))] = 1.0
    f["in_title"] = float(any(m.start < view.title_end for m in obj.mentions))
    f["part_of_name"] = float(any(o in s and o != s for o in obj.forms for s in subject.forms if len(o) > 2))
    f["lower"] = float(all(m.text.islower() for m in obj.mentions))
    for m in obj.mentions:
        si = view.sentence_of(m.start)
        a, b = view.sentences[si] if view.sentences else (0, len(text))
        before = text[max(a, m.start - 50):m.start].lower()
        after = text[m.end:min(b, m.end + 30)].lower()
        sentence = text[a:b].lower()
        for role in ("OUTPERFORMS", "COMPARES", "BASED_ON", "USES", "EVALUATED_ON"):
            if lex.has(role, before):
                f["before_" + role] = 1.0
            if lex.has(role, before[-15:]):
                f["near_" + role] = 1.0
            if lex.has(role, after[:15]):
                f["after_" + role] = 1.0
        if _BASED_AFTER.match(after):
            f["x_based"] = 1.0
        first_after = after.split()[:2]
        if any(lex.word_in("part_nouns", w.strip("(),.")) for w in first_after):
            f["part_noun_after"] = 1.0
        if _NEW_OURS_BEFORE.search(before):
            f["novel_before"] = 1.0
        if _WE_OURS.search(sentence):
            f["we_sentence"] = 1.0
        if any(a <= x < b for x, _ in view.numbers):
            f["number_sentence"] = 1.0
        if si in subj_sents:
            f["with_subject"] = 1.0
            starts = [s.start for s in subject.mentions if view.sentence_of(s.start) == si]
            lo, hi = min(starts[0], m.start), max(starts[0], m.start)
            f["subject_first"] = float(starts[0] < m.start)
            between = text[lo:hi].lower()
            for role in ("OUTPERFORMS", "COMPARES", "BASED_ON", "USES", "EVALUATED_ON"):
                if lex.has(role, between):
                    f["between_" + role] = 1.0
        for w in _LOWER_WORDS.findall(before)[-3:]:
            f["before_word=" + w] = 1.0
    return f
