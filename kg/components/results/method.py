"""The method of a result number: the proposed one when the authors speak, the one its parenthesis
follows, the rival of "A vs. B", the one the sentence is about."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..doc import doc_text, span_text
from .around import CLAUSE_BREAK, COMPARED, SIZE_OF_NAME

# between the two values of a comparison: "67.0% vs. 53.6%", "0.91 versus 0.87"
_VERSUS_GAP = re.compile(r"\s*\\?(?:%|x|pp)?\s*(?:vs\.?|versus)\s*$", re.I)
# between a parenthesis and a name set beside it: "(62.7% vs. 55.7%), LM-Design"
_APPOSITION_GAP = re.compile(r"\s*,?\s*(?:the\s+|namely\s+)?$", re.I)
# between a family's name and the instance it is written with: "GE algorithm (", "CNN model ("
_FAMILY_THEN_PAREN = re.compile(r"\s*(?:[a-z][\w\-]*\s+)?(?:algorithms?|models?|methods?|networks?|architectures?|"
                                r"variants?|family|backbones?)?\s*\(\s*$")


# between a method and its number: "RepViT-M1.5's 82.3%", "Swin-L's reported 57.7"
_POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[a-z][\w\-]*\s+){0,2}?\\?")
# an opening phrase that sets what the sentence speaks of: "For ResNet50-D, ...", "With a ViT-B backbone, ..."
SETTING_FRAME = re.compile(r"\s*(?:for|with|using|on|when applied to|applied to)\s+[^,;:()]{1,60}?,", re.I)
# the authors speaking of their method; not "our experiments show that X ..."
OURS = re.compile(
    r"\b(?:we|ours|our(?!\s+(?:\w+\s+)?(?:experiments?|evaluations?|results?|analys[ie]s|findings?|stud(?:y|ies)|"
    r"observations?)\b)|the proposed|this (?:method|model|approach|framework|work|paper))\b",
    re.I,
)
# a sentence whose subject is "it", at its start or after an opening adverbial ("On ImageNet, it
# outperforms ..."): in an abstract, the method the paper is about; not "it is hard to ..."
IT_SUBJECT = re.compile(
    r"\s*(?:[^,;()]{1,80},\s*)?it\s+(?!is\s+(?:\w+ly\s+)?(?:known|hard|difficult|challenging|unclear|important|"
    r"necessary|possible|impossible|natural|crucial|essential|common|easy|worth|likely|unlikely)\b)"
    r"(?!was\b|has been\b)",
    re.I,
)


def versus_roles(found: list[dict], groups: list[list[int]], text: str) -> dict:
    """The two values of "A vs. B" ("(67.0% vs. 53.6%)"): {id(number dict): 0 or 1}."""
    roles = {}
    for group in groups:
        if len(group) == 2 and _VERSUS_GAP.match(text, found[group[0]]["ne"], found[group[1]]["ns"]):
            roles[id(found[group[0]])], roles[id(found[group[1]])] = 0, 1
    return roles


def rival(methods: list[Span], text: str, s0: int, f: dict, owner: Span | None = None) -> Span | None:
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
    cue = COMPARED.search(text, s0, f["ns"])
    if cue is None:
        return None
    return next((e for e in methods if e.start_char >= cue.end()), None)


def sized_name(methods: list[Span], f: dict, text: str) -> Span | None:
    """The named method a size qualifies: "a 1001-layer ResNet", "12 layer Transformers"."""
    m = SIZE_OF_NAME.match(text, f["ne"])
    if m is None:
        return None
    return next((e for e in methods if e.start_char == m.end()), None)


def instance_named(e: Span, methods: list[Span], text: str) -> Span:
    """The name in parentheses after a method of a family ("the GE algorithm (SDNE)" -> SDNE), else it."""
    for other in methods:
        if other.start_char > e.end_char:
            return other if _FAMILY_THEN_PAREN.match(text, e.end_char, other.start_char) else e
    return e


def proposed_names(doc: Doc, ents, sents) -> tuple[set, object]:
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
            names |= {default.lower(), min(found)[1]}
    elif default is not None and span_text(default).lower() in aliases:
        default = aliases[span_text(default).lower()]
    if isinstance(default, str):
        # the acronym as a span when the abstract uses it, so that it keeps its entity name
        default = next((e for e in ents if e.label_ == "Method" and span_text(e) == default), default)
    return names, default


def possessor(methods: list[Span], f: dict, text: str) -> Span | None:
    """The named method whose number the text gives with a possessive: "matches RepViT-M1.5's 82.3%
    accuracy", "surpassing Swin-L's 57.7 box AP"."""
    for e in methods:
        if e.end_char < f["ns"] and _POSSESSIVE.fullmatch(text, e.end_char, f["ns"]):
            return e
    return None


def _variant_of(name: str, names: set) -> bool:
    """True when ``name`` begins with the first two words of one of the proposed ``names`` (a plural
    aside): "Matryoshka Representations" of "Matryoshka Representation Learning"."""
    words = [w.rstrip("s") for w in name.lower().split()[:2]]
    return len(words) == 2 and any([w.rstrip("s") for w in n.split()[:2]] == words for n in names if " " in n)


def method_of(methods: list, baselines: list, f: dict, names: set, default, authors: bool, frame_end: int = -1):
    """The method a number belongs to: for the first value of "from X to Y", the baseline the
    sentence compares with (or none); the proposed method when the sentence names it, the
    method the authors call theirs ("our Dual-Swin-L"), the proposed method when the sentence
    speaks for the authors ("we", "our"), else the first method the sentence is about.
    ``methods``: the named methods of the sentence, ``baselines`` those it compares with;
    a method in the sentence's opening phrase up to character ``frame_end`` ("For ResNet50-D,
    the accuracy improves ...") is the setting the sentence speaks of, not what it is about."""
    num = f["span"]
    if f["from"]:
        return baselines[0] if baselines else None
    for e in methods:
        if span_text(e).lower() in names:
            return e
    for e in methods:
        if _variant_of(span_text(e), names):
            return default or e  # "the learned Matryoshka Representations": Matryoshka Representation Learning
    for e in methods:
        if e.start > 0 and e.doc[e.start - 1].lower_ == "our":
            return e
    if authors:
        return default
    before = [e for e in methods if e.start < num.start and e not in baselines and e.end_char > frame_end]
    if before:
        # the first one of the last clause before the number that names one ("..., while HOPE reaches
        # 0.14, 0.17 and 0.11"), else of the sentence
        text = doc_text(num.doc)
        subject = before[0]
        for cut in reversed([m.end() for m in CLAUSE_BREAK.finditer(text, before[0].end_char, num.start_char)]):
            later = [e for e in before if e.start_char >= cut]
            if later:
                subject = later[0]
                break
        return instance_named(subject, methods, text)
    return default or next((e for e in methods if e not in baselines and e.end_char > frame_end), None)
