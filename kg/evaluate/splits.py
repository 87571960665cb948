"""Fixed splits of gold files by a sha1 hash of the id: TDMSci's train and dev, any file's tune and check halves."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

SPLITS = ("dev", "train", "all")
#: the two fixed halves of any gold file (:func:`tune_check_split`)
HALVES = ("tune", "check")


def _unit_hash(s: str) -> float:
    """A number in [0, 1) from the sha1 of ``s``: the same on every run and Python version."""
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:12], 16) / 16**12


def tdmsci_split(gold: Iterable[Mapping], dev_fraction: float = 0.2) -> tuple[list, list]:
    """Split gold records into ``(train, dev)`` by a sha1 hash of their id, order kept.

    A record is in dev when the first 12 hex digits of sha1(id), read as a
    fraction of 16**12, are below ``dev_fraction``; so the split is stable
    across runs, machines and Python versions, and a record never changes
    side when others are added.

    >>> train, dev = tdmsci_split([{"id": f"tdmsci-train-{i}"} for i in range(1000)])
    >>> len(train) + len(dev), 150 < len(dev) < 250
    (1000, True)
    """
    if not 0.0 <= dev_fraction <= 1.0:
        raise ValueError(f"dev_fraction must be within [0, 1], got {dev_fraction}")
    train: list = []
    dev: list = []
    for r in gold:
        (dev if _unit_hash(r["id"]) < dev_fraction else train).append(r)
    return train, dev


def tune_check_split(records: Iterable[Mapping]) -> tuple[list, list]:
    """Split records into a fixed ``(tune, check)`` pair of halves by a sha1 hash of their id, order kept.

    A record is in the tune half when the first 12 hex digits of sha1(id) (UTF-8), read as a
    fraction of 16**12, are below 0.5, else in the check half: the same on every machine and
    Python version, and a record never changes half when others are added or removed. Rules and
    weights may be tuned on the tune half; the check half is only measured on. (``kg eval
    --half tune|check`` scores one half; on ``seed_results_dev.jsonl`` the tune half holds 40
    papers, the check half 51.)

    >>> tune, check = tune_check_split([{"id": f"seed-{i}"} for i in range(1000)])
    >>> len(tune) + len(check), 450 < len(tune) < 550
    (1000, True)
    >>> [[r["id"] for r in half] for half in tune_check_split([{"id": f"p{i}"} for i in range(1, 7)])]
    [['p4', 'p5'], ['p1', 'p2', 'p3', 'p6']]
    """
    tune: list = []
    check: list = []
    for r in records:
        (tune if _unit_hash(r["id"]) < 0.5 else check).append(r)
    return tune, check
