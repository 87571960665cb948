"""Which results share a leaderboard: the identity of datasets and metrics, and which way is better.

A leaderboard compares one measure on one dataset. Papers name both in many ways: COCO's detection
measure is "AP", "box AP" or "mAP"; "ImageNet" and "ILSVRC-2012" are one dataset; "COCO test-dev" is
COCO's test-dev split, not another dataset. Different measures must stay apart even when their names
are close: AP / AP50, top-1 / top-5, accuracy / error, box AP / mask AP. All of that is data in
``rules/boards/metrics.jsonl`` and ``rules/boards/datasets.jsonl``, read here; the split of a dataset's
name is read by the split rules of ``rules/boards/settings.jsonl`` (:func:`kg.settings.split_of_name`).

A metric's ``direction`` says whether higher or lower is better; a metric the rules do not list has
an unknown direction (None), and its boards are not ranked. Its ``measure`` is ``"quality"`` or
``"cost"`` (sizes, counts, times, memory: boards of their own).

>>> ids = load_identity()
>>> ids.dataset("COCO test-dev"), ids.dataset("ILSVRC-2012")
(('COCO', 'test-dev'), ('ImageNet-1K', None))
>>> ids.metric("mAP", "COCO"), ids.metric("mAP", "PASCAL VOC"), ids.metric("AP50", "COCO")
('box AP', 'mAP', 'AP50')
>>> ids.metric("accuracy", "ImageNet-1K", "It reaches 82.3% accuracy on ImageNet.")
'top-1 accuracy'
>>> ids.direction("FID"), ids.direction("top-1 accuracy"), ids.direction("designability")
('lower', 'higher', None)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RulesError
from .rules import json_lines
from .schema import merge_key
from .settings import SettingRules, default_boards_dir, load_setting_rules, split_of_name

__all__ = ["MetricInfo", "Identity", "parse_identity", "load_identity", "DIRECTIONS", "MEASURES"]

DIRECTIONS = ("higher", "lower")
MEASURES = ("quality", "cost")


def _key(name) -> str:
    s = str(name or "")
    return merge_key(s) or s.strip().lower()


@dataclass(frozen=True)
class MetricInfo:
    """A metric the rules know: its board name, which way is better, quality or cost, plausible range."""

    name: str
    direction: str
    measure: str = "quality"
    range: tuple[float, float] | None = None

    @property
    def lower_is_better(self) -> bool:
        return self.direction == "lower"


@dataclass(frozen=True)
class _Scoped:
    metric: str  # key of the metric the alias becomes
    aliases: frozenset  # keys
    datasets: frozenset  # keys of board dataset names
    sentence: re.Pattern | None
    unless: re.Pattern | None


@dataclass(frozen=True)
class Identity:
    """The identity rules of boards (see the module docstring); build it with :func:`load_identity`."""

    metrics: dict = field(default_factory=dict)        # metric key -> MetricInfo
    metric_alias: dict = field(default_factory=dict)   # alias key -> metric key
    scoped: tuple = ()                                  # _Scoped, in file order
    dataset_alias: dict = field(default_factory=dict)  # alias or name key -> board dataset name
    cost_text: re.Pattern | None = None
    settings: SettingRules = field(default_factory=lambda: SettingRules((), ()))

    def dataset(self, name: str) -> tuple[str, str | None]:
        """``(board dataset, split)`` of a dataset's name: a split at its end becomes the split, and
        an alias becomes the dataset's board name."""
        base, split = split_of_name(str(name).strip(), self.settings)
        return self.dataset_alias.get(_key(base), base), split

    def metric(self, name: str, dataset: str | None = None, sentence: str = "") -> str:
        """The board name of a metric as written, on ``dataset`` (a board dataset name), said in ``sentence``."""
        k = _key(name)
        plain = self.metric_alias.get(k, k)
        if dataset is not None:
            dk = _key(dataset)
            for s in self.scoped:
                if (k in s.aliases or plain in s.aliases) and dk in s.datasets \
                        and (s.sentence is None or s.sentence.search(sentence or "")) \
                        and (s.unless is None or not s.unless.search(sentence or "")):
                    return self.metrics[s.metric].name
        info = self.metrics.get(plain)
        return info.name if info else str(name).strip()

    def info(self, metric: str) -> MetricInfo | None:
        """What the rules know of a metric (its board name or an alias), or None."""
        k = _key(metric)
        return self.metrics.get(self.metric_alias.get(k, k))

    def direction(self, metric: str) -> str | None:
        """``"higher"``, ``"lower"``, or None when the rules do not say."""
        info = self.info(metric)
        return info.direction if info else None

    def is_cost_text(self, text: str) -> bool:
        """Whether a number as written (``48G``, ``600k``, ``1.5ms``) is a size, count or time."""
        return bool(self.cost_text and self.cost_text.search(str(text or "")))


def _regex(obj: dict, key: str, where: str) -> re.Pattern | None:
    if obj.get(key) is None:
        return None
    try:
        return re.compile(str(obj[key]), re.IGNORECASE)
    except re.error as e:
        raise RulesError(f"{where}: bad {key!r} pattern ({e})") from e


def _strings(obj: dict, key: str, where: str) -> list[str]:
    v = obj.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise RulesError(f"{where}: {key!r} must be a list of non-empty strings")
    return v


def parse_identity(metric_lines: Iterable[str], dataset_lines: Iterable[str], settings: SettingRules,
                   metrics_path: str = "metrics.jsonl", datasets_path: str = "datasets.jsonl") -> Identity:
    """Parse the metric and dataset identity files; errors name the file and line."""
    metrics: dict = {}
    alias: dict = {}
    scoped_raw: list[tuple[str, dict]] = []
    cost_text = None
    for _, where, obj in json_lines(metric_lines, metrics_path):
        if "cost_text" in obj:
            cost_text = _regex(obj, "cost_text", where)
            continue
        name = obj.get("metric")
        if not isinstance(name, str) or not name.strip():
            raise RulesError(f"{where}: a metrics line needs 'metric' (or 'cost_text')")
        if "datasets" in obj:  # an alias that holds on some datasets only
            scoped_raw.append((where, obj))
            continue
        direction, measure = obj.get("direction"), obj.get("measure", "quality")
        if direction not in DIRECTIONS:
            raise RulesError(f"{where}: direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
        if measure not in MEASURES:
            raise RulesError(f"{where}: measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        rng = obj.get("range")
        if rng is not None and not (isinstance(rng, list) and len(rng) == 2 and all(isinstance(x, (int, float)) for x in rng)
                                    and rng[0] <= rng[1]):
            raise RulesError(f"{where}: range must be [low, high]")
        k = _key(name)
        if k in metrics:
            raise RulesError(f"{where}: metric {name!r} is listed twice")
        metrics[k] = MetricInfo(name.strip(), direction, measure, tuple(rng) if rng else None)
        for a in _strings(obj, "aliases", where):
            ak = _key(a)
            if ak in alias and alias[ak] != k or ak in metrics and ak != k:
                raise RulesError(f"{where}: alias {a!r} already belongs to another metric")
            alias[ak] = k
    for k in metrics:
        if k in alias and alias[k] != k:
            raise RulesError(f"{metrics_path}: {metrics[k].name!r} is both a metric and an alias of {metrics[alias[k]].name!r}")
    scoped = []
    for where, obj in scoped_raw:
        k = _key(obj["metric"])
        if k not in metrics:
            raise RulesError(f"{where}: {obj['metric']!r} has no line of its own (with its direction) in this file")
        keys = frozenset(_key(a) for a in _strings(obj, "aliases", where))
        datasets = frozenset(_key(d) for d in _strings(obj, "datasets", where))
        if not keys or not datasets:
            raise RulesError(f"{where}: a dataset-bound alias needs 'aliases' and 'datasets'")
        scoped.append(_Scoped(k, keys, datasets, _regex(obj, "sentence", where), _regex(obj, "unless", where)))

    datasets: dict = {}
    for _, where, obj in json_lines(dataset_lines, datasets_path):
        name = obj.get("dataset")
        if not isinstance(name, str) or not name.strip():
            raise RulesError(f"{where}: a datasets line needs 'dataset'")
        for a in [name, *_strings(obj, "aliases", where)]:
            ak = _key(a)
            if datasets.get(ak, name) != name:
                raise RulesError(f"{where}: {a!r} already names the dataset {datasets[ak]!r}")
            datasets[ak] = name.strip()
    return Identity(metrics, alias, tuple(scoped), datasets, cost_text, settings)


def load_identity(folder: str | Path | None = None) -> Identity:
    """Load ``metrics.jsonl``, ``datasets.jsonl`` and ``settings.jsonl`` of ``folder``
    (default: ``rules/boards``)."""
    root = Path(folder) if folder else default_boards_dir()
    texts = {}
    for name in ("metrics.jsonl", "datasets.jsonl"):
        p = root / name
        try:
            texts[name] = p.read_text(encoding="utf-8")
        except OSError as e:
            raise RulesError(f"{p}: cannot read board rules ({e.strerror or e})") from e
    settings = load_setting_rules(root / "settings.jsonl")
    return parse_identity(texts["metrics.jsonl"].splitlines(), texts["datasets.jsonl"].splitlines(), settings,
                          str(root / "metrics.jsonl"), str(root / "datasets.jsonl"))
