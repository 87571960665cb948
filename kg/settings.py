"""The settings of a leaderboard row, read off its evidence sentence: split, extra data, training, size, ...

Two rows of one board are comparable only when they were measured the same way: on the same split,
with or without extra pre-training data, fine-tuned or linearly probed, at one model size and input
resolution. Abstracts say so in the sentence that gives the number, so the settings are read there,
by the rules of ``rules/boards/settings.jsonl`` (patterns as data: adding a setting or a spelling is
one line there), and shown as columns of the board.

A rule names its column (``setting``), a ``pattern`` and the ``value`` it gives. A sentence that
gives several scores may give a list of settings in the same order ("51M, 90M and 201M parameters
achieve 84.3%, 84.9% and 85.6%"), or one setting for all of them; a value that cannot be matched to
one score is given to none. Everything here is a pure function of the sentence.

>>> rules = load_setting_rules()
>>> s = "On COCO test-dev, our model reaches 55.1 AP with 77M parameters, without extra data."
>>> read_settings(s, [Score("55.1", 55.1, "COCO")], rules)
[{'split': 'test-dev', 'extra data': 'none', 'size': '77M params'}]
>>> split_of_name("COCO test-dev", rules)
('COCO', 'test-dev')
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import RulesError
from .rules import json_lines

__all__ = ["Score", "SettingRule", "SettingRules", "parse_setting_rules", "load_setting_rules", "read_settings",
           "split_of_name", "default_boards_dir"]

_LIST_SPLIT = re.compile(r"\s*(?:,\s*and|,|/|\band)\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NEAR_CHARS = 60  # a setting is "near" a dataset named at most this many characters away


def default_boards_dir() -> Path:
    """``boards/`` of the rules folder (:func:`kg.rules.default_rules_dir`, which ``KG_RULES`` overrides);
    a rules folder without one (another set of entity rules) uses the checkout's ``rules/boards``."""
    from .rules import default_rules_dir

    mine = default_rules_dir() / "boards"
    return mine if mine.is_dir() else Path(__file__).resolve().parent.parent / "rules" / "boards"


@dataclass(frozen=True)
class Score:
    """A score of a sentence as the settings reader needs it: the number as written, its value, and
    the dataset it is on (a setting "near" a dataset goes to that dataset's scores only)."""

    text: str
    value: float
    dataset: str | None = None


@dataclass(frozen=True)
class SettingRule:
    """One line of the settings rules (see the module docstring)."""

    column: str
    pattern: re.Pattern
    value: str
    split_list: bool = False
    name: bool = False
    near_dataset: bool = False
    where: str = ""


@dataclass(frozen=True)
class SettingRules:
    """The setting rules in file order, and the columns in the order of their first rule."""

    rules: tuple[SettingRule, ...]
    columns: tuple[str, ...]


def parse_setting_rules(lines: Iterable[str], path: str) -> SettingRules:
    """Parse the lines of a settings file; errors name ``path`` and the line."""
    rules: list[SettingRule] = []
    columns: list[str] = []
    needs_setting = "a settings line needs a 'setting' (the column's name)"
    for n, _, obj in json_lines(lines, path, not_object=needs_setting):
        if not isinstance(obj.get("setting"), str) or not obj["setting"].strip():
            raise RulesError(f"{path}:{n}: {needs_setting}")
        pattern, value = obj.get("pattern"), obj.get("value", "{}")
        if not isinstance(pattern, str) or not pattern:
            raise RulesError(f"{path}:{n}: 'pattern' must be a non-empty regular expression")
        if not isinstance(value, str) or not value:
            raise RulesError(f"{path}:{n}: 'value' must be a non-empty string")
        flags = 0 if obj.get("case") == "exact" else re.IGNORECASE
        try:
            rx = re.compile(pattern, flags)
        except re.error as e:
            raise RulesError(f"{path}:{n}: bad pattern ({e})") from e
        near = obj.get("near")
        if near not in (None, "dataset"):
            raise RulesError(f"{path}:{n}: 'near' can only be 'dataset', not {near!r}")
        column = obj["setting"].strip()
        if column not in columns:
            columns.append(column)
        rules.append(SettingRule(column, rx, value, bool(obj.get("list")), bool(obj.get("name")),
                                 near == "dataset", f"{path}:{n}"))
    return SettingRules(tuple(rules), tuple(columns))


def load_setting_rules(path: str | Path | None = None) -> SettingRules:
    """Load ``rules/boards/settings.jsonl`` (or ``path``)."""
    p = Path(path) if path else default_boards_dir() / "settings.jsonl"
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise RulesError(f"{p}: cannot read settings rules ({e.strerror or e})") from e
    return parse_setting_rules(text.splitlines(), str(p))


def split_of_name(name: str, rules: SettingRules) -> tuple[str, str | None]:
    """``(dataset, split)`` of a dataset's name that ends in a split ("COCO test-dev"), else ``(name, None)``.

    >>> split_of_name("LibriSpeech test-clean", load_setting_rules())
    ('LibriSpeech', 'test-clean')
    >>> split_of_name("PASCAL VOC 2007", load_setting_rules())
    ('PASCAL VOC 2007', None)
    """
    for rule in rules.rules:
        if not (rule.name and rule.column == "split"):
            continue
        for m in rule.pattern.finditer(name):
            rest = name[m.end():].strip()
            if rest and not re.fullmatch(r"(?:set|split|images)", rest, re.IGNORECASE):
                continue
            base = name[:m.start()].rstrip(" -_,(")
            if base:
                return base, _value(rule, m)
    return name, None


def _value(rule: SettingRule, m: re.Match) -> str:
    if "{}" not in rule.value:
        return rule.value
    got = next((g for g in m.groups() if g), None)
    return rule.value.replace("{}", " ".join((got or m.group(0)).split()))


def _positions(sentence: str, scores: Sequence[Score]) -> list[tuple[int, int]]:
    """Sort key of each score in the sentence: where its number is written, then its place in a
    slashed pair (86.2%/87.8%: the two scores share one text)."""
    used: dict[str, int] = {}
    out = []
    for s in scores:
        start = used.get(s.text, 0)
        i = sentence.find(s.text, start) if s.text else -1
        if i < 0:
            i = sentence.find(s.text) if s.text else -1
        else:
            used[s.text] = i + 1
        out.append((i if i >= 0 else len(sentence), _slash_index(s)))
    return out


def _slash_index(s: Score) -> int:
    """Which part of a slashed number (``86.2%/87.8%``) a score is, or 0."""
    parts = s.text.split("/")
    if len(parts) < 2:
        return 0
    for i, part in enumerate(parts):
        m = _NUMBER.search(part)
        if m and abs(float(m.group(0)) - s.value) < 1e-9:
            return i
    return 0


def _nearest_dataset(sentence: str, start: int, end: int, names: dict[str, list[str]]) -> str | None:
    best, best_d = None, _NEAR_CHARS + 1
    for dataset, surfaces in names.items():
        for surface in surfaces:
            if not surface:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", sentence, re.IGNORECASE):
                d = 0 if m.start() < end and start < m.end() else min(abs(start - m.end()), abs(m.start() - end))
                if d < best_d:
                    best, best_d = dataset, d
    return best


def read_settings(sentence: str, scores: Sequence[Score], rules: SettingRules,
                  dataset_names: dict[str, list[str]] | None = None) -> list[dict[str, str]]:
    """The settings of each of ``scores`` (the scores that ``sentence`` gives), as ``{column: value}``
    in column order.

    ``dataset_names`` maps a score's dataset to the spellings to look for in the sentence (default:
    the dataset's own name); a rule marked ``near: dataset`` gives its value to the scores of the dataset
    named nearest to it (when one is named within a few words), and to every score otherwise.

    >>> s = "GC ViT models with 51M, 90M and 201M parameters achieve 84.3%, 84.9% and 85.6% top-1 accuracy."
    >>> [d["size"] for d in read_settings(s, [Score("85.6%", 85.6), Score("84.3%", 84.3), Score("84.9%", 84.9)],
    ...                                  load_setting_rules())]
    ['201M params', '51M params', '90M params']
    """
    out: list[dict[str, list[str]]] = [{} for _ in scores]
    if not scores or not sentence:
        return [{} for _ in scores]
    pos = _positions(sentence, scores)
    order = sorted(range(len(scores)), key=lambda i: pos[i])
    names = dataset_names if dataset_names is not None else {s.dataset: [s.dataset] for s in scores if s.dataset}
    names = {d: v for d, v in names.items() if any(s.dataset == d for s in scores)}
    claimed: dict[str, list[tuple[int, int]]] = {}
    for rule in rules.rules:
        spans = claimed.setdefault(rule.column, [])
        groups: dict[str | None, list[str]] = {}
        for m in rule.pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue  # an earlier rule of this column read this stretch ("without extra data")
            spans.append((m.start(), m.end()))
            value = _value(rule, m)
            values = [v for v in (_LIST_SPLIT.split(value) if rule.split_list else [value]) if v]
            if rule.split_list and "{}" in rule.value:  # the template goes around each item of the list
                got = next((g for g in m.groups() if g), m.group(0))
                values = [rule.value.replace("{}", v) for v in _LIST_SPLIT.split(" ".join(got.split())) if v]
            target = _nearest_dataset(sentence, m.start(), m.end(), names) if rule.near_dataset and len(names) > 1 else None
            groups.setdefault(target, []).extend(values)
        for target, values in groups.items():
            idx = [i for i in order if target is None or scores[i].dataset == target]
            for i, v in _align(values, idx, scores):
                if v not in out[i].setdefault(rule.column, []):
                    out[i][rule.column].append(v)
    return [{c: " \u00b7 ".join(d[c]) for c in rules.columns if d.get(c)} for d in out]


def _align(values: list[str], idx: list[int], scores: Sequence[Score]) -> list[tuple[int, str]]:
    """Give ``values`` (in the sentence's order) to the scores ``idx`` (in the sentence's order)."""
    if not values or not idx:
        return []
    if len(set(values)) == 1:
        return [(i, values[0]) for i in idx]
    if len(values) == len(idx):
        return list(zip(idx, values))
    slashed = [i for i in idx if len(scores[i].text.split("/")) == len(values)]
    if slashed and len(slashed) == len(idx):
        return [(i, values[_slash_index(scores[i])]) for i in idx]
    return []
