"""The fixed vocabulary of the graph: node labels, relation types, node ids.

Labels and relation types come from these tuples only, never from paper text,
so that Neo4j, CSV and HTML exports can trust them.

>>> node_id("Dataset", "CIFAR-10")
'dataset:cifar-10'
>>> node_id("Paper", "2401.00001")
'paper:2401.00001'
>>> merge_key("ResNet 50") == merge_key("ResNet-50") == merge_key("resnet50")
True
>>> singular_forms("backbone networks"), singular_forms("GANs"), singular_forms("ViG-S"), singular_forms("loss")
(['backbone network'], ['GAN'], [], [])
"""
from __future__ import annotations

import re

#: Node labels. Entity labels first (the extraction types), then the others.
ENTITY_LABELS = ("Method", "Dataset", "Task", "Metric")
NODE_LABELS = ("Paper", *ENTITY_LABELS, "Result", "Repository")

#: Relation types with the (source label, target label) pairs they join.
RELATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "PROPOSES": (("Paper", "Method"), ("Paper", "Dataset")),  # a method, or a dataset or benchmark it releases
    "ADDRESSES": (("Paper", "Task"),),
    "MENTIONS": tuple(("Paper", label) for label in ENTITY_LABELS),
    "EVALUATED_ON": (("Method", "Dataset"),),
    "USES": (("Method", "Method"),),
    "BASED_ON": (("Method", "Method"),),
    "OUTPERFORMS": (("Method", "Method"),),
    "HAS_CODE": (("Paper", "Repository"),),
    "REPORTS": (("Paper", "Result"),),
    "OF_METHOD": (("Result", "Method"),),
    "ON_DATASET": (("Result", "Dataset"),),
    "MEASURED_BY": (("Result", "Metric"),),
    "FOR_TASK": (("Result", "Task"),),
}
RELATION_TYPES = tuple(RELATIONS)

_SLUG_DROP = re.compile(r"[^0-9a-z.+\-]+")
_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


def slug(name: str) -> str:
    """Lower-case ``name``; runs of characters other than letters, digits, ``.+-`` become ``-``."""
    return _SLUG_DROP.sub("-", name.lower()).strip("-") or "_"


def node_id(label: str, name: str) -> str:
    """The stable, readable id of a node: ``label:slug`` (papers keep their own id verbatim)."""
    if label not in NODE_LABELS:
        raise ValueError(f"unknown node label {label!r}; expected one of {NODE_LABELS}")
    if label in ("Paper", "Result", "Repository"):
        return f"{label.lower() if label != 'Repository' else 'repo'}:{name}"
    return f"{label.lower()}:{slug(name)}"


def merge_key(name: str) -> str:
    """The key under which surface forms of one entity merge: lower-case letters and digits only."""
    return _KEY_DROP.sub("", name.lower())


_PLURAL_WORD = re.compile(r"(?<=[A-Za-z])s$")
_NOT_PLURAL = ("ss", "us", "is")


def singular_forms(name: str) -> list[str]:
    """The singular spellings ``name`` may be the plural of, when its last word is an English or an
    acronym plural: ``backbone networks`` -> ``backbone network``, ``strategies`` -> ``strategy``
    (and ``strategie``), ``GANs`` -> ``GAN``. Empty for a word that ends in "s" without being a plural
    (loss, corpus, analysis), for a capital S (``ViG-S``, a variant) and for a short word (``Bs``).
    Assembly merges a plural with its singular only when both are names of the graph.
    """
    head, _, last = name.rpartition(" ")
    if len(last) < 3 or not _PLURAL_WORD.search(last) or last.lower().endswith(_NOT_PLURAL):
        return []
    stem = last[:-1]
    forms = [stem]
    if last.endswith("ies") and len(last) > 4:
        forms.insert(0, stem[:-2] + "y")
    elif last.endswith(("ses", "xes", "zes", "ches", "shes")):
        forms.append(stem[:-1])
    prefix = head + " " if head else ""
    return [prefix + f for f in forms if "-" not in f[-1:]]
