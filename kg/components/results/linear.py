"""A logistic model over named features, stored as plain JSON and applied in plain Python.

(The smallest piece the result finder needs; a shared ``kg.linear`` may take its place.)

>>> m = LinearModel({"on_after": 2.0, "numbers_between": -1.5}, bias=-1.0)
>>> round(m.prob({"on_after": 1.0}), 3), round(m.prob({"on_after": 1.0, "numbers_between": 2.0}), 3)
(0.731, 0.119)
>>> LinearModel.from_dict(m.to_dict()) == m
True
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import RulesError


@dataclass(frozen=True)
class LinearModel:
    """``P(yes | x) = sigmoid(bias + sum(weights[k] * x[k]))`` over a dict of features ``x`` (absent: 0);
    ``threshold`` is the probability at which the decision it was trained for says yes; ``meta``
    says what it was trained on."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict, compare=False)

    def score(self, x: Mapping[str, float]) -> float:
        """The log-odds of ``x``."""
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in x.items())

    def prob(self, x: Mapping[str, float]) -> float:
        """The probability of ``x`` (0-1)."""
        s = self.score(x)
        return 1.0 / (1.0 + math.exp(-s)) if s >= 0 else math.exp(s) / (1.0 + math.exp(s))

    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(sorted(self.weights.items())),
                "meta": self.meta}

    @classmethod
    def from_dict(cls, d: Mapping) -> LinearModel:
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d.get("bias", 0.0)),
                   float(d.get("threshold", 0.5)), dict(d.get("meta") or {}))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        """Read a model :meth:`save` wrote (:class:`kg.errors.RulesError` naming the file when it is not one)."""
        try:
            return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise RulesError(f"{path}: not a model file: {e}") from e
