"""Read the rule files of ``rules/``: entity patterns, stop words, cue words, word lists, examples.

Rule files are JSON Lines (``//`` starts a comment line). A line is one of

* a pattern for the gazetteer: ``{"label", "pattern", "id"}`` with an optional
  ``"case": "exact"`` (default: case-insensitive);
* an alias: ``{"label": "Metric", "alias": "parameters", "id": "number of parameters"}``: a name
  that any component finds is named by ``id`` (the gazetteer does not look for it; the sources
  write it ``~parameters``);
* a stop entry: ``{"stop": "SOTA"}`` (never an entity);
* a cue: ``{"cue": "outperform*", "role": "OUTPERFORMS"}``, the words that trigger a rule:
  lower-case words, ``*`` after a word for any ending (relation cues only). The roles are in
  :data:`CUE_ROLES`;
* a word list: ``{"list": "qualifiers", "words": ["new", "large-scale"]}``, words a rule reads
  (several lines of one list add up). The lists are in :data:`WORD_LISTS`;
* an example: ``{"example": "a sentence", "expect": [[label, name], ...]}``, checked by the tests;
  with ``"triples": [[subject, predicate, object], ...]`` it also says which relations the
  pipeline finds in it.

A bad line is an error that names the file and the line:

>>> import json
>>> rs = parse_rules([json.dumps({"label": "Dataset", "pattern": "CIFAR10", "id": "CIFAR-10"})], "x.jsonl")
>>> rs.patterns[0]["id"]
'CIFAR-10'
>>> parse_rules(['{"list": "colours", "words": ["red"]}'], "words.jsonl")
Traceback (most recent call last):
...
kg.errors.RulesError: words.jsonl:1: no word list 'colours'; the lists are abbreviations, not_name, ...
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RulesError
from .schema import ENTITY_LABELS

#: the roles a cue line may have, and what its cues trigger
CUE_ROLES = {
    "PROPOSES": "kg_names: the paper proposes the first named Method after the cue (a phrase, found anywhere)",
    "OUTPERFORMS": "kg_relations: the method before the cue outperforms those after it",
    "BASED_ON": "kg_relations: the proposed method is based on the first method after the cue",
    "USES": "kg_relations: the proposed method uses the methods after the cue",
    "EVALUATED_ON": "kg_relations: the proposed method is evaluated on the datasets of the sentence",
    "COMPARES": "kg_judge: words that set two methods side by side (than, over, compared with): a feature of relations",
}

#: the word lists a list line may add to: name -> what the words are (and which component reads them)
WORD_LISTS = {
    "abbreviations": "kg_sentences: words with a period after which no sentence starts (e.g., et al.)",
    "not_name": "kg_names: capitalised words that start sentences or qualify a name; a name does not grow over them",
    "long_form_not_first": "kg_names: words the long form of an acronym does not start with",
    "small_words": "kg_names: small words of a long form that its acronym may skip (of, for)",
    "data_nouns": "kg_names, kg_results: the nouns that say a name is a dataset's (dataset, corpus, treebank, ...)",
    "dataset_heads": "kg_names, kg.extract: generic words a dataset's name grows over and its canonical name loses",
    "name_nouns": "kg_names: data nouns that belong to a dataset's name: it grows over one and keeps it (WSJ treebank)",
    "dataset_after": "kg_names: a word after an unknown name that makes it a Dataset, besides a data noun",
    "qualifiers": "kg_names: words before a data noun that qualify it without naming a dataset",
    "task_nouns": "kg_names, kg.extract: a word after an unknown name that makes it a Task; a task's name loses it",
    "metric_nouns": "kg_names: a word after an unknown name that makes it a Metric",
    "method_nouns": "kg.extract: generic nouns a method's canonical name loses (the U-Net architecture: U-Net)",
    "generic": "kg_tagged_names: words that alone are no name, whatever the tagger says",
    "same_name_words": "kg_tagged_names: words a tagged run may add around one known name and still be that name "
                       "(the pre-trained BERT model is BERT); a run adding any other word is another name "
                       "(Graph Transformer is not Transformer)",
    "not_method": "kg_entity_filter (and the judge's features): whole names that are never a Method: "
                  "umbrella fields and bare generic nouns (deep learning, neural network, backbone, model)",
    "not_task": "kg_entity_filter (and the judge's features): whole names that are never a Task: "
                "fields and generic processes (computer vision, training, inference, segmentation)",
    "not_metric": "kg_entity_filter (and the judge's features): whole names that are never a Metric: "
                  "qualities not measured as a number (robustness, efficiency, complexity, performance)",
    "not_dataset": "kg_entity_filter (and the judge's features): whole names that are never a Dataset: "
                   "generic data (natural images, synthetic data, benchmark datasets)",
    "not_measure": "kg_results: words that name what was measured, not the measure (our model (81.2%))",
    "quantity_stop": "kg_results: words a quantity named in words is tidied of (higher accuracy: accuracy)",
    "part_nouns": "kg_judge: nouns after a name that make it a part of a method (the X module, an X block)",
    "split_words": "kg_results: the split of a dataset written after its name (COCO test-dev: COCO, split test-dev)",
    "hardware": "kg_results: hardware words; a name with one in it or after it is no dataset (a 2080Ti GPU)",
    "setting_words": "kg_results: settings named around a number, a feature of whether it is a result (2K resolution)",
    "not_quantity": "kg_results: words that make a phrase next to a number no metric (a new state-of-the-art, we achieve)",
    "compound_ends": "kg_entity_filter: words that make a hyphenated name an adjective (BERT-based, COCO-style): the name stays as it is",
    "compound_starts": "kg_entity_filter: prefixes that make a hyphenated name no name of its own (non-Transformer, pre-BERT)",
}


def default_rules_dir() -> Path:
    """The rules folder kg reads by default: ``KG_RULES`` when set; else the checkout's ``rules/``,
    or, in an installed package, the copy of it that ships inside (:func:`kg.paths.rules_dir`)."""
    import os

    from .paths import rules_dir

    env = os.environ.get("KG_RULES")
    return Path(env) if env else rules_dir()


@dataclass
class RuleSet:
    """Everything read from a set of rule files."""

    patterns: list[dict] = field(default_factory=list)
    #: ``{"label", "alias", "id"}``: names that stand for another when found (see :class:`kg.components.patterns.Naming`)
    aliases: list[dict] = field(default_factory=list)
    stop: set[str] = field(default_factory=set)
    cues: dict[str, list[str]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    examples: list[tuple[str, int, str, list[tuple[str, str]], list[tuple[str, str, str]] | None]] = field(
        default_factory=list)

    def update(self, other: RuleSet) -> None:
        self.patterns += other.patterns
        self.aliases += other.aliases
        self.stop |= other.stop
        for role, words in other.cues.items():
            self.cues.setdefault(role, []).extend(words)
        for name, words in other.words.items():
            self.words.setdefault(name, []).extend(words)
        self.examples += other.examples

    def check_complete(self, where: str) -> None:
        """Raise :class:`RulesError` unless every cue role and word list has entries (``where``:
        the rules folder, for the message)."""
        missing = [f"cues of role {r}" for r in CUE_ROLES if not self.cues.get(r)]
        missing += [f"word list {name!r}" for name in WORD_LISTS if not self.words.get(name)]
        if missing:
            raise RulesError(f"{where}: the rules have no {', no '.join(missing)} "
                             "(see rules/cues.jsonl and rules/words.jsonl)")


def json_lines(lines: Iterable[str], path: str, not_object: str = "expected a JSON object"):
    """The JSON objects of the lines of a rules file (JSON Lines; blank lines and ``//`` comments
    skipped) as ``(line number, "path:line", object)``; a line that is not JSON, or not an object (``not_object``
    says what it should be), is a :class:`RulesError` naming ``path`` and the line."""
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise RulesError(f"{path}:{n}: not JSON ({e.msg})") from e
        if not isinstance(obj, dict):
            raise RulesError(f"{path}:{n}: {not_object}")
        yield n, f"{path}:{n}", obj


def parse_rules(lines: Iterable[str], path: str) -> RuleSet:
    """Parse the lines of one rules file; errors name ``path`` and the line."""
    rs = RuleSet()
    for n, where, obj in json_lines(lines, path):
        if "pattern" in obj:
            rs.patterns.append(_pattern(obj, where))
        elif "alias" in obj:
            rs.aliases.append(_alias(obj, where))
        elif "stop" in obj:
            rs.stop.add(str(obj["stop"]).lower())
        elif "cue" in obj:
            role, cue = _cue(obj, where)
            rs.cues.setdefault(role, []).append(cue)
        elif "list" in obj:
            name, words = _word_list(obj, where)
            rs.words.setdefault(name, []).extend(words)
        elif "example" in obj:
            expect = [tuple(x) for x in obj.get("expect", [])]
            triples = [tuple(x) for x in obj["triples"]] if "triples" in obj else None
            rs.examples.append((path, n, obj["example"], expect, triples))
        else:
            raise RulesError(f"{where}: a rule line needs 'pattern', 'alias', 'stop', 'cue', 'list' or 'example'")
    return rs


def _pattern(obj: dict, where: str) -> dict:
    label = obj.get("label")
    if label not in ENTITY_LABELS:
        raise RulesError(f"{where}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
    if not isinstance(obj["pattern"], str) or not obj["pattern"].strip():
        raise RulesError(f"{where}: pattern must be a non-empty string")
    case = obj.get("case", "lower")
    if case not in ("lower", "exact"):
        raise RulesError(f"{where}: case must be 'lower' or 'exact', not {case!r}")
    return {"label": label, "pattern": obj["pattern"], "id": obj.get("id") or obj["pattern"], "case": case}


def _alias(obj: dict, where: str) -> dict:
    label = obj.get("label")
    if label not in ENTITY_LABELS:
        raise RulesError(f"{where}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
    if not all(isinstance(obj.get(k), str) and obj[k].strip() for k in ("alias", "id")):
        raise RulesError(f"{where}: an alias line needs a non-empty 'alias' and 'id'")
    return {"label": label, "alias": obj["alias"], "id": obj["id"]}


def _cue(obj: dict, where: str) -> tuple[str, str]:
    role, cue = obj.get("role"), obj["cue"]
    if role not in CUE_ROLES:
        raise RulesError(f"{where}: cue role {role!r} is not one of {', '.join(CUE_ROLES)}")
    if not isinstance(cue, str) or not cue.strip() or cue != cue.lower() or "  " in cue:
        raise RulesError(f"{where}: a cue is lower-case words, not {cue!r}")
    if "*" in cue and (role == "PROPOSES" or any("*" in w[:-1] for w in cue.split())):
        raise RulesError(f"{where}: '*' may only end a word of a relation cue, not {cue!r}")
    return role, cue


def _word_list(obj: dict, where: str) -> tuple[str, list[str]]:
    name, words = obj["list"], obj.get("words")
    if name not in WORD_LISTS:
        raise RulesError(f"{where}: no word list {name!r}; the lists are {', '.join(WORD_LISTS)}")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise RulesError(f"{where}: 'words' must be a non-empty list of words")
    return name, words


def load_rules(rules_dir: str | Path | None = None, files: Iterable[str] | None = None) -> RuleSet:
    """Load ``files`` (default: every ``*.jsonl``) of ``rules_dir`` into one :class:`RuleSet`."""
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    if not root.is_dir():
        raise RulesError(f"{root}: rules folder not found (set KG_RULES or pass rules_dir)")
    paths = [root / f for f in files] if files is not None else sorted(root.glob("*.jsonl"))
    rs = RuleSet()
    for p in paths:
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise RulesError(f"{p}: cannot read rules file ({e.strerror})") from e
        rs.update(parse_rules(text.splitlines(), str(p)))
    return rs
