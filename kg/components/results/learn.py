"""Rebuild the learned decisions of the result finder (``kg/trained/results/*.json``, read by :mod:`.learned`)::

    python -m kg.components.results.learn            # reads ../shared/eval, writes kg/trained/results/

It learns only from training data, never from a file kg is evaluated on:

* ``sota_results_train.jsonl`` (596 papers of the SOTA? dataset, jd-coderepos/sota, CLEF 2024
  SimpleText Task 4, CC BY-SA 4.0): which dataset a number is on, from the curators' tuples whose
  value the abstract states (a candidate is right when its name and the tuple's dataset contain
  one another);
* the tune half of ``seed_results_dev.jsonl`` (:func:`kg.evaluate.tune_check_split`): the same
  decision (with "no dataset" when the gold has none), and whether a number is a result;
* the papers of ``graph_gold_train.jsonl`` with ``judged_graph_gold_train.jsonl`` (in the model
  folder): every number of their text judged by hand as a result or not, and why not; whether a
  number is a result.

The models are logistic regressions (L2, Newton's method in numpy: the same data gives the same
weights) over the features of :func:`.candidates.features` and :func:`.keep.features`; each keeps
the threshold that decides best on its training data. Candidates come from the pipeline with the
shipped tagger and the models switched off (the rules' choices are features).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .linear import LinearModel

SHARED_EVAL = Path(__file__).resolve().parents[4] / "shared" / "eval"


def fit_logistic(rows: Sequence[tuple[dict, int, float]], l2: float = 1.0, iterations: int = 60) -> LinearModel:
    """L2-regularised logistic regression of ``(features, label 0/1, weight)`` rows (the bias is not
    regularised), fitted by Newton's method.

    >>> m = fit_logistic([({"a": 1.0}, 1, 1.0), ({"a": 1.0}, 1, 1.0), ({}, 0, 1.0), ({}, 0, 1.0)], l2=0.1)
    >>> m.prob({"a": 1.0}) > 0.9 > 0.1 > m.prob({})
    True
    """
    import numpy as np

    names = sorted({k for x, _, _ in rows for k in x if k != "bias"})
    index = {k: i + 1 for i, k in enumerate(names)}
    X = np.zeros((len(rows), len(names) + 1))
    X[:, 0] = 1.0
    for r, (x, _, _) in enumerate(rows):
        for k, v in x.items():
            if k != "bias":
                X[r, index[k]] = v
    y = np.array([float(t) for _, t, _ in rows])
    w = np.array([float(s) for _, _, s in rows])
    reg = np.full(len(names) + 1, l2)
    reg[0] = 1e-6
    beta = np.zeros(len(names) + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-X @ beta))
        grad = X.T @ (w * (p - y)) + reg * beta
        hess = X.T @ (X * (w * p * (1.0 - p))[:, None]) + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-9:
            break
    weights = {k: round(float(beta[i]), 6) for k, i in index.items() if abs(beta[i]) > 1e-9}
    return LinearModel(weights, round(float(beta[0]), 6))


def _threshold(groups: Iterable[tuple[list[float], list[int], bool, float]]) -> tuple[float, float]:
    """The threshold that decides most groups right, and the weighted share right: a group is one
    number's candidates (probabilities, labels), whether no dataset is right for it, and its weight;
    the decision takes the most probable candidate when it reaches the threshold, else none."""
    groups = list(groups)
    best = (0.5, -1.0)
    total = sum(g[3] for g in groups) or 1.0
    for t in [i / 100 for i in range(5, 96)]:
        right = 0.0
        for probs, labels, none_ok, weight in groups:
            top = max(range(len(probs)), key=lambda i: (probs[i], -i)) if probs else None
            if top is not None and probs[top] >= t:
                right += weight * labels[top]
            else:
                right += weight * none_ok
        if right / total > best[1] + 1e-12:
            best = (t, right / total)
    return best


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pipeline():
    from ...extract import naming
    from ...pipeline import make_nlp

    nlp = make_nlp()
    finder = nlp.get_pipe("kg_results")
    finder.models = {}
    finder.collect = True
    return nlp, naming(nlp)


def _docs(nlp, records: list[dict]):
    texts = [(r.get("title") or "") + "\n\n" + (r.get("abstract") or "") if r.get("title") else r.get("abstract") or ""
             for r in records]
    return zip(records, nlp.pipe(texts, batch_size=32))


def dataset_examples(nlp, name, sota: list[dict], seed_tune: list[dict]) -> tuple[list, list]:
    """The training rows of the dataset choice and the groups its threshold is chosen on."""
    from ...evaluate import _contained, _seed_agree, _seed_same, _sota_same
    from ..doc import span_text
    from .candidates import without_split

    def cand_name(c) -> str:
        if c.span is None:
            return c.text
        n = c.span.id_ if c.span.id else name("Dataset", span_text(c.span))
        return without_split(n, c.split)

    rows, groups = [], []
    for source, records, weight in (("sota", sota, 1.0), ("seed", seed_tune, 2.0)):
        for rec, doc in _docs(nlp, records):
            for r in doc.user_data.get("kg_results") or ():
                cands = r.get("candidates") or []
                if source == "sota":
                    gold = [t["dataset"] for t in rec.get("tuples") or []
                            if t.get("in_abstract") and _sota_same(r["value"], t.get("value"))]
                    if not gold:
                        continue
                    labels = [int(any(_contained(cand_name(c), g) for g in gold)) for c, _ in cands]
                    none_ok = False
                else:
                    gold = [g.get("dataset") for g in rec.get("results") or [] if _seed_same(r["value"], g.get("value"))]
                    if not gold:
                        continue
                    if all(g is None for g in gold):
                        labels, none_ok = [0] * len(cands), True
                    else:
                        labels = [int(any(g is not None and _seed_agree(g, cand_name(c)) for g in gold)) for c, _ in cands]
                        none_ok = False
                if not cands or not (any(labels) or none_ok):
                    continue  # the right dataset is not in the sentence (or not written as the gold has it)
                rows += [(x, y, weight) for (_, x), y in zip(cands, labels)]
                groups.append(([x for _, x in cands], labels, none_ok, weight))
    return rows, groups


def train_dataset(nlp, name, shared: Path, log=print) -> LinearModel:
    from ...evaluate import read_gold, tune_check_split

    sota = read_gold(shared / "sota_results_train.jsonl")
    tune, _ = tune_check_split(read_gold(shared / "seed_results_dev.jsonl"))
    rows, groups = dataset_examples(nlp, name, sota, tune)
    model = fit_logistic(rows, l2=1.0)
    scored = [([model.prob(x) for x in xs], labels, none_ok, w) for xs, labels, none_ok, w in groups]
    t, share = _threshold(scored)
    base = _threshold([([x.get("rules_pick", 0.0) for x in xs], labels, none_ok, w)
                       for xs, labels, none_ok, w in groups])
    log(f"dataset: {len(groups)} numbers, {len(rows)} candidates; right {share:.3f} at threshold {t:.2f} "
        f"(the rules' pick alone: {base[1]:.3f})")
    return LinearModel(model.weights, model.bias, t, {
        "decision": "which candidate dataset a result number is on (the most probable one, if it reaches the threshold)",
        "trained_on": ["sota_results_train.jsonl (SOTA?, CC BY-SA 4.0): in-abstract tuples",
                       "seed_results_dev.jsonl, tune half (kg.evaluate.tune_check_split)"],
        "numbers": len(groups), "candidates": len(rows), "right_on_training_data": round(share, 4),
        "rebuild": "python -m kg.components.results.learn"})


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.components.results.learn", description=__doc__.split("\n\n")[0])
    p.add_argument("--shared-eval", default=str(SHARED_EVAL), help="folder of the shared gold files (default ../shared/eval)")
    p.add_argument("--out", default=None, help="model folder to write (default: the shipped kg/trained/results)")
    args = p.parse_args(argv)
    from .learned import MODEL_DIR

    out = Path(args.out) if args.out else MODEL_DIR
    out.mkdir(parents=True, exist_ok=True)
    nlp, name = _pipeline()
    shared = Path(args.shared_eval)
    train_dataset(nlp, name, shared, log=lambda s: print(s, file=sys.stderr)).save(out / "dataset.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
