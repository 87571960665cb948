"""What several components ask of a word or a name: is it shaped like a name, is it a year, and
the word lists of ``rules/`` as the components take them.

>>> [is_named(w) for w in ("ResNet-50", "BiDAF", "ViG", "Transformer", "3D", "the", "Multi-Scale")]
[True, True, True, False, False, False, False]
>>> looks_named("Gated Linear Attention"), looks_named("graph neural network")
(True, False)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc

from ..errors import RulesError

_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
_INNER_CAP = re.compile(r"(?<=.)[A-Z]")
_DIGIT = re.compile(r"\d")
YEARISH = re.compile(r"^(19|20)\d\d$")


def is_named(text: str) -> bool:
    """True for surface strings shaped like names: ``ResNet-50``, ``BiDAF``, ``CIFAR10``, ``ViG``."""
    if len(text) < 2 or not _TWO_LETTERS.search(text):
        return False
    if "-" in text and all(_plain(part) for part in text.split("-")):
        return False  # Multi-Scale, Fine-Grained, Actor-Critic: words, not a name
    return bool(_INNER_CAP.search(text)) or (text[0].isupper() and bool(_DIGIT.search(text)))


def _plain(part: str) -> bool:
    return part == "" or (part.isalpha() and (part.islower() or (part.istitle() and len(part) > 1)))


def looks_named(text: str) -> bool:
    """True for a name (a capital letter or a digit in it: BERT, ResNet-50, Gated Linear Attention),
    false for a lower-case phrase (graph neural network), which a result or a proposal is not bound to."""
    return any(c.isupper() or c.isdigit() for c in text)


def singular(name: str) -> str:
    """``DNNs`` -> ``DNN``; ``GANs`` -> ``GAN`` (acronym plurals only)."""
    if len(name) > 2 and name.endswith("s") and name[-2].isupper():
        return name[:-1]
    return name


def edition_year_at(doc: Doc, end: int) -> bool:
    """True when token ``end`` is a year written apart from the name before it: the edition of a
    dataset ("BRATS 2015", "CoNLL 2014")."""
    return end < len(doc) and YEARISH.match(doc[end].text) is not None and bool(doc[end - 1].whitespace_)


def word_set(words: Mapping[str, Iterable[str]], name: str, component: str) -> frozenset:
    """Word list ``name`` of ``words`` (the lists of ``rules/``, :data:`kg.rules.WORD_LISTS`),
    lower-cased; a clear error when the rules lack it."""
    if name not in words:
        raise RulesError(f"{component}: the rules have no word list {name!r} (a line "
                         f'{{"list": "{name}", "words": [...]}} of rules/words.jsonl)')
    return frozenset(w.lower() for w in words[name])


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (escaped, longest first; a space matches one space).

    >>> alternation(["data set", "data"])
    '(?:data\\\\ set|data)'
    """
    return "(?:" + "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p))) + ")"
