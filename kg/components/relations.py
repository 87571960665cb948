"""``kg_relations``: OUTPERFORMS, BASED_ON, USES and EVALUATED_ON between the names of a paper.

Two sources, each relation with its confidence:

* with a judge (``kg_judge``, the full pipeline), the trained decisions between the paper's focal
  method and each other method or dataset (:attr:`kg.components.judge.Judgement.relations`): the
  relation's probability is its confidence (source "classifier"); its evidence is the first
  sentence that names both, else the first that names the object;
* without a judge (the rules-only pipeline), the cue words of ``rules/cues.jsonl`` between the
  names of one sentence (below), at confidence 1.0 (source "rules"). With a judge, the cue rules
  are not used: held out on training data, the relations they found that the judge does not
  decide (subjects other than the focal method) were right less than one time in ten; and USES,
  which no gold measures, is left out.

>>> cues = cue_pattern({"OUTPERFORMS": ["outperform*", "better than"], "EVALUATED_ON": ["on"]})
>>> [(m.group(), cues.role(m.group())) for m in cues.finditer("it outperforms x on y, better than z")]
[('outperforms', 'OUTPERFORMS'), ('on', 'EVALUATED_ON'), ('better than', 'OUTPERFORMS')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import RulesError
from .doc import BatchComponent, doc_text, entities, ents_in, ext_list, get, sentences, span_text

#: the relations this component finds, each triggered by cues of the same role
RELATION_ROLES = ("OUTPERFORMS", "BASED_ON", "USES", "EVALUATED_ON")
# the authors speak: "we", "our", "the proposed", "this method"
_AUTHORS = re.compile(r"\b(we|our|ours|the proposed|this (?:method|model|approach|framework|work|paper))\b", re.I)


class CuePattern:
    """One regex over every cue (see :func:`cue_pattern`) and the role of what it matches."""

    def __init__(self, phrases: list[tuple[str, str]]):
        """``phrases``: ``(cue, role)``, the longest first."""
        words = [" ".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in phrase.split(" "))
                 for phrase, _ in phrases]
        first = "".join(sorted({phrase[0] for phrase, _ in phrases}))
        # (no group per cue or role: a regex with groups is slower to search than one without)
        pattern = r"\b(?=[" + first + "])(?:" + "|".join(words) + r")\b"
        self.lower = re.compile(pattern)
        self.any_case = re.compile(pattern, re.I)  # for the rare text whose lower-casing changes its length
        self.literal = {phrase: role for phrase, role in phrases if "*" not in phrase}
        self.wildcards = [(re.compile(w, re.I), role) for w, (phrase, role) in zip(words, phrases) if "*" in phrase]

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Cue matches in lower-case ``text``."""
        return self.lower.finditer(text, start, len(text) if end is None else end)

    def role(self, matched: str) -> str:
        """The role of a match: that of the first cue (longest first) that matches it whole, the
        one the regex took."""
        role = self.literal.get(matched) or self.literal.get(matched.lower())
        if role is None:
            role = next(r for rx, r in self.wildcards if rx.fullmatch(matched))
        return role


def cue_pattern(cues: dict[str, list[str]]) -> CuePattern:
    """One regex for the cues of each role (lower-case words; ``*`` after a word: any ending,
    "outperform*" is "outperforms", "outperforming"): whole words, the longest cue first where
    two start at one place ("on top of" before "on"), behind a quick test of the cues' first
    letters (derived from the cues)."""
    phrases = []
    for role, cue_list in cues.items():
        for phrase in cue_list:
            if not re.fullmatch(r"[a-z][a-z\-]*\*?(?: [a-z][a-z\-]*\*?)*", phrase):
                raise RulesError(f"kg_relations: cue {phrase!r} ({role}) is not lower-case words with an optional '*'")
            phrases.append((phrase, role))
    phrases.sort(key=lambda a: -len(a[0].replace("*", "")))  # stable: the file's order among equals
    return CuePattern(phrases)


@dataclass
class RelationFinder(BatchComponent):
    """Relations between the entities of a sentence, with the proposed method as the default subject.

    A cue of role OUTPERFORMS joins the last method before it to each method after it; BASED_ON
    joins the proposed method to the first method after the cue, USES to the first three;
    EVALUATED_ON joins the proposed method (else the sentence's first other method) to each
    dataset of the sentence. Appends ``(subject, predicate, object, sentence, confidence, source)``
    to ``doc._.kg_relations`` (see the module's docstring for the judge's relations).
    """

    cues: CuePattern

    def __call__(self, doc: Doc) -> Doc:
        rels = ext_list(doc, "kg_relations")
        judgement = get(doc, "kg_judgement")
        if judgement is None:
            found: list[tuple] = []
            self._by_rules(doc, found)
            rels.extend((*r, 1.0, "rules") for r in found)
            return doc
        sents = sentences(doc)
        for i, pred, j, p in judgement.relations:
            subj, obj = judgement.spans[i], judgement.spans[j]
            if subj is None or obj is None:
                continue
            sent = _evidence(sents, judgement.clusters[i], judgement.clusters[j])
            rels.append((subj, pred, obj, sent, round(p, 4), "classifier"))
        return doc

    def _by_rules(self, doc: Doc, rels: list) -> None:
        """The relations the cue words give (see the class docstring), appended to ``rels``."""
        proposed = get(doc, "kg_proposed") or []
        main = proposed[0] if proposed else None
        main_key = span_text(main).lower() if main is not None else None
        all_ents = entities(doc)
        ent_starts = [e.start for e in all_ents]
        text = doc_text(doc)
        low = text.lower()  # a case-sensitive search of the lower-cased text is twice as fast
        cue_search, cue_text = (self.cues.lower, low) if len(low) == len(text) else (self.cues.any_case, text)
        role_of = self.cues.role
        for sent in sentences(doc):
            ents = ents_in(all_ents, ent_starts, sent)
            if not ents:
                continue
            cues: dict[str, tuple[int, int]] = {}  # relation -> its first cue in the sentence
            for m in cue_search.finditer(cue_text, sent.start_char, sent.end_char):
                cues.setdefault(role_of(m.group()), (m.start(), m.end()))
            methods = [e for e in ents if e.label_ == "Method"]
            datasets = [e for e in ents if e.label_ == "Dataset"]
            self._between_methods(rels, sent, cues, methods, main, main_key, text)
            if datasets and "EVALUATED_ON" in cues:
                subjects = [main] if main is not None else [e for e in methods if span_text(e).lower() != main_key][:1]
                for subj in subjects:
                    for d in datasets:
                        rels.append((subj, "EVALUATED_ON", d, sent))

    @staticmethod
    def _between_methods(rels: list, sent, cues: dict, methods: list, main, main_key: str | None, text: str) -> None:
        """The OUTPERFORMS, BASED_ON and USES relations of one sentence (``cues``: role -> first cue)."""
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


def _evidence(sents, subject, obj):
    """The sentence that says a relation: the first naming both clusters, else the first naming the object."""
    def holds(sent, cluster):
        return any(sent.start_char <= m.start < sent.end_char for m in cluster.mentions)

    first = next((s for s in sents if holds(s, obj)), sents[0])
    return next((s for s in sents if holds(s, obj) and holds(s, subject)), first)


@Language.factory(
    "kg_relations",
    default_config={"cues": {}},
    # (it also reads doc._.kg_judgement when a kg_judge ran before it: the trained pipeline)
    requires=["doc._.kg_ents", "doc._.kg_sent_starts", "doc._.kg_proposed"],
    assigns=["doc._.kg_relations"],
)
def make_relation_finder(nlp: Language, name: str, cues: dict[str, list[str]]) -> RelationFinder:
    """OUTPERFORMS, BASED_ON, USES, EVALUATED_ON; ``cues``: role -> cue words (the cue lines of
    ``rules/``, :func:`kg.rules.load_rules`, of the roles in :data:`RELATION_ROLES`)."""
    unknown = set(cues) - set(RELATION_ROLES)
    if unknown:
        raise RulesError(f"kg_relations: no relation {', '.join(sorted(unknown))}; the roles are {', '.join(RELATION_ROLES)}")
    missing = [role for role in RELATION_ROLES if not cues.get(role)]
    if missing:
        raise RulesError(f"kg_relations: the rules have no cue of role {', '.join(missing)} (rules/cues.jsonl)")
    return RelationFinder(cue_pattern({role: cues[role] for role in RELATION_ROLES}))
