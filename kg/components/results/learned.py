"""The learned decisions of the result finder, shipped in ``kg/trained/results/`` as JSON weights
(:class:`.linear.LinearModel`) and rebuilt by ``python -m kg.components.results.learn`` (see there):

* ``keep.json``: whether a number is a result at all (:mod:`.keep`): its probability is the
  result's ``confidence``; below the threshold it is dropped.

Without the file every number the rules read is kept, with confidence 1.0 and source "rules".

>>> m = load_models()["keep"]
>>> 0 < m.threshold < 1 and m.meta["rebuild"]
'python -m kg.components.results.learn'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .linear import LinearModel

#: where the shipped weights are
MODEL_DIR = Path(__file__).resolve().parents[2] / "trained" / "results"
NAMES = ("keep",)


@lru_cache(maxsize=4)
def _load(folder: str) -> dict:
    out = {}
    for name in NAMES:
        path = Path(folder) / f"{name}.json"
        if path.is_file():
            out[name] = LinearModel.load(path)
    return out


def load_models(folder: str | Path | None = None) -> dict[str, LinearModel]:
    """The models of ``folder`` (default :data:`MODEL_DIR`) by name; absent files are left out."""
    return dict(_load(str(folder or MODEL_DIR)))
