"""Linear models over named features: how kg's trained decisions are stored and applied.

A decision (which type a candidate entity is, whether a paper proposes it, which relation joins two
names) is a multinomial logistic model over *named* features: a feature is a string (``"named"``,
``"head=network"``) with a value, so a model is a small JSON object that a person can read, and
applying it needs no machine-learning library. :mod:`kg.learn` fits these models (with
scikit-learn, at training time only).

>>> m = LinearModel(classes=("no", "yes"), weights={"named": (0.0, 2.0)}, intercept=(0.0, -1.0))
>>> round(m.probabilities({"named": 1.0})["yes"], 3)
0.731
>>> m.probabilities({})["no"] > 0.5
True
>>> LinearModel.from_dict(m.to_dict()) == m
True
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import RulesError


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature and class; ``probabilities`` is the softmax of the class scores.

    Features a model does not know add nothing (a name seen only in other papers is no evidence).
    """

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    #: what the model was trained on and how well it did (kept with the weights, shown by kg train)
    meta: Mapping = field(default_factory=dict, compare=False)

    def scores(self, features: Mapping[str, float]) -> list[float]:
        """The class scores (log-odds up to a constant) of one feature dict."""
        out = list(self.intercept)
        weights = self.weights
        for name, value in features.items():
            w = weights.get(name)
            if w is not None and value:
                for i, wi in enumerate(w):
                    out[i] += wi * value
        return out

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        """``{class: probability}`` of one feature dict (they sum to 1)."""
        s = self.scores(features)
        top = max(s)
        e = [math.exp(x - top) for x in s]
        total = sum(e)
        return {c: x / total for c, x in zip(self.classes, e)}

    def to_dict(self) -> dict:
        """A JSON-ready dict (weights rounded to 6 digits: the file stays small and diffs readable)."""
        return {
            "classes": list(self.classes),
            "intercept": [round(x, 6) for x in self.intercept],
            "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())},
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, d: Mapping, where: str = "model") -> LinearModel:
        """The model of :meth:`to_dict`; a malformed one raises :class:`kg.errors.RulesError` naming ``where``."""
        try:
            classes = tuple(str(c) for c in d["classes"])
            intercept = tuple(float(x) for x in d["intercept"])
            weights = {str(k): tuple(float(x) for x in v) for k, v in d["weights"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise RulesError(f"{where}: not a linear model ({e})") from e
        n = len(classes)
        if n < 2 or len(intercept) != n or any(len(w) != n for w in weights.values()):
            raise RulesError(f"{where}: a linear model needs one weight per class ({n} classes)")
        return cls(classes=classes, weights=weights, intercept=intercept, meta=dict(d.get("meta") or {}))
