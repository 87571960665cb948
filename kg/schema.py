"""The fixed vocabulary of the graph: node labels, relation types, node ids.

Labels and relation types come from these tuples only, never from paper text,
so that Neo4j, CSV and HTML exports can trust them.

>>> node_id("Dataset", "CIFAR-10")
'dataset:cifar-10'
>>> node_id("Paper", "2401.00001")
'paper:2401.00001'
>>> merge_key("ResNet 50") == merge_key("ResNet-50") == merge_key("resnet50")
True
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
