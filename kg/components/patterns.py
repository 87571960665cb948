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
from ..schema import merge_key

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


class DataNouns:
    """The nouns that name a collection of data (the word list ``data_nouns`` of ``rules/``:
    dataset, corpus, benchmark, ...; singular and plural) and the regex pieces the rules build
    from them: every rule that asks "is this a dataset noun?" asks this one list.

    >>> nouns = DataNouns({"data_nouns": ["dataset", "datasets", "corpus", "corpora", "data set"]})
    >>> sorted(nouns.singular), sorted(nouns.plural)
    (['corpus', 'dataset'], ['corpora', 'datasets'])
    >>> re.search(nouns.regex, "the Penn Treebank corpus") is not None
    True
    """

    def __init__(self, words: Mapping[str, Iterable[str]], component: str = "kg_names"):
        self.all = word_set(words, "data_nouns", component)
        #: the one-word nouns (a token's ``lower_`` is one of them)
        self.words = frozenset(n for n in self.all if " " not in n)
        #: the one-word plurals: corpora, datasets (a plural ends in "s" or "a", not in "us")
        self.plural = frozenset(n for n in self.words if n.endswith(("s", "a")) and not n.endswith("us"))
        self.singular = self.words - self.plural
        #: a regex alternation of every noun (match it case-insensitively)
        self.regex = alternation(self.all)
        phrases = self.all - self.words
        #: ... of the plurals (a list of data announced by its noun: "four datasets, A, B")
        self.plural_regex = alternation(self.plural | {n for n in phrases if n.endswith("s")})
        #: ... of the singulars (a name described as one: "ZorbQA, a large QA dataset")
        self.singular_regex = alternation(self.singular | {n for n in phrases if not n.endswith("s")})


class Naming:
    """The canonical name of an entity that no gazetteer knows, from its surface: spaces tidied,
    acronym plurals singular (``DNNs`` -> ``DNN``), and without the generic noun its type adds: a
    dataset loses a data noun or a split (``ZetaBench dataset``, ``Europarl data``), a task "task",
    a method a noun such as "architecture" (``U-Net architecture``). The nouns are word lists of
    ``rules/`` (``data_nouns``, ``dataset_heads``, ``task_nouns``, ``method_nouns``). A name that
    the alias lines of ``rules/`` list (``aliases``: ``{"label", "alias", "id"}``, compared by letters
    and digits) is named by their ``id``.

    >>> from kg.rules import load_rules
    >>> rules = load_rules()
    >>> name = Naming(rules.words, rules.aliases)
    >>> name("Dataset", "ZetaBench  test set"), name("Method", "GANs"), name("Method", "U-Net architecture")
    ('ZetaBench', 'GAN', 'U-Net')
    >>> name("Metric", "parameters"), name.alias("Metric", "Params")
    ('number of parameters', 'number of parameters')
    """

    _SPACE = re.compile(r"\s+")

    def __init__(self, words: Mapping[str, Iterable[str]], aliases: Iterable[Mapping[str, str]] = ()):
        where = "kg.extract"
        #: (label, merge key of an alias) -> the name it stands for
        self.aliases = {(a["label"], merge_key(a["alias"])): a["id"] for a in aliases}
        heads = word_set(words, "dataset_heads", where)
        self.heads = {
            "Dataset": re.compile(rf"\s+{alternation(heads)}$", re.I),
            "Task": re.compile(rf"\s+{alternation(word_set(words, 'task_nouns', where))}$", re.I),
            "Method": re.compile(rf"\s+{alternation(word_set(words, 'method_nouns', where))}$", re.I),
        }

    def __call__(self, label: str, surface: str) -> str:
        name = self._SPACE.sub(" ", surface).strip(" .,;:")
        head = self.heads.get(label)
        if head is not None:
            name = head.sub("", name) or name
        name = singular(name)
        return self.aliases.get((label, merge_key(name)), name) if self.aliases else name

    def alias(self, label: str, name: str) -> str:
        """``name`` as the alias lines name it (``name`` itself when they do not list it)."""
        return self.aliases.get((label, merge_key(name)), name) if self.aliases else name
