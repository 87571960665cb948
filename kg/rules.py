"""Read the rule files of ``rules/``: entity patterns, stop words, cue words, examples.

Rule files are JSON Lines. A line is one of

* a pattern for spaCy's ``entity_ruler``: ``{"label", "pattern", "id"}`` with an
  optional ``"case": "exact"`` (default: case-insensitive);
* a stop entry: ``{"stop": "SOTA"}`` (never an entity);
* a cue entry: ``{"cue": "outperform", "role": "OUTPERFORMS"}`` (words that trigger a rule);
* an example: ``{"example": "a sentence", "expect": [[label, name], ...]}``, checked by the tests.

>>> import io, json
>>> rs = parse_rules([json.dumps({"label": "Dataset", "pattern": "CIFAR10", "id": "CIFAR-10"})], "x.jsonl")
>>> rs.patterns[0]["id"]
'CIFAR-10'
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RulesError
from .schema import ENTITY_LABELS


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
    stop: set[str] = field(default_factory=set)
    cues: dict[str, list[str]] = field(default_factory=dict)
    examples: list[tuple[str, int, str, list[tuple[str, str]]]] = field(default_factory=list)

    def update(self, other: RuleSet) -> None:
        self.patterns += other.patterns
        self.stop |= other.stop
        for role, words in other.cues.items():
            self.cues.setdefault(role, []).extend(words)
        self.examples += other.examples


def parse_rules(lines: Iterable[str], path: str) -> RuleSet:
    """Parse the lines of one rules file; errors name ``path`` and the line."""
    rs = RuleSet()
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise RulesError(f"{path}:{n}: not JSON ({e.msg})") from e
        if not isinstance(obj, dict):
            raise RulesError(f"{path}:{n}: expected a JSON object")
        if "pattern" in obj:
            label = obj.get("label")
            if label not in ENTITY_LABELS:
                raise RulesError(f"{path}:{n}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
            if not isinstance(obj["pattern"], str) or not obj["pattern"].strip():
                raise RulesError(f"{path}:{n}: pattern must be a non-empty string")
            case = obj.get("case", "lower")
            if case not in ("lower", "exact"):
                raise RulesError(f"{path}:{n}: case must be 'lower' or 'exact', not {case!r}")
            rs.patterns.append({"label": label, "pattern": obj["pattern"], "id": obj.get("id") or obj["pattern"], "case": case})
        elif "stop" in obj:
            rs.stop.add(str(obj["stop"]).lower())
        elif "cue" in obj:
            rs.cues.setdefault(str(obj.get("role", "")), []).append(str(obj["cue"]))
        elif "example" in obj:
            expect = [tuple(x) for x in obj.get("expect", [])]
            rs.examples.append((path, n, obj["example"], expect))
        else:
            raise RulesError(f"{path}:{n}: a rule line needs 'pattern', 'stop', 'cue' or 'example'")
    return rs


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
