"""Rebuild the learned decision of the result finder (``kg/trained/results/keep.json``, read by :mod:`.learned`)::

    python -m kg.components.results.learn            # reads ../shared/eval, writes kg/trained/results/

It learns only from training data, never from a file kg is evaluated on; which numbers the
rules read are results:

* in the tune half of ``seed_results_dev.jsonl`` (:func:`kg.evaluate.tune_check_split`): a number
  whose value is one of its paper's gold results;
* in the papers of ``graph_gold_train.jsonl``: every number of their text judged by hand
  (``judged_graph_gold_train.jsonl`` in the model folder: paper id, character offset, the
  number, whether it is a result and why not: an enumeration, a year or citation, part of a
  name, a setting, not a number of the text);
* in ``sota_results_train.jsonl`` (596 papers of the SOTA? dataset, jd-coderepos/sota, CLEF 2024
  SimpleText Task 4, CC BY-SA 4.0): numbers whose value is one of the in-abstract tuples'
  (results only; the other numbers are not known either way and are left out).

The model is a logistic regression (L2, Newton's method in numpy: the same data gives the same
weights) over the features of :func:`.keep.features`; its threshold is the lowest one whose F1,
on out-of-fold probabilities (five folds of papers), is within 0.01 of the best. The numbers come
from the pipeline with the shipped tagger, the decision switched off.
"""
from __future__ import annotations

import argparse
import hashlib
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
    >>> m.prob({"a": 1.0}) > 0.8 > 0.2 > m.prob({})
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


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pipeline():
    """The default pipeline with the keep decision switched off and its features kept (``collect``)."""
    from ...pipeline import make_nlp

    nlp = make_nlp()
    finder = nlp.get_pipe("kg_results")
    finder.models = {}
    finder.collect = True
    return nlp


def _docs(nlp, records: list[dict]):
    texts = [(r.get("title") or "") + "\n\n" + (r.get("abstract") or "") if r.get("title") else r.get("abstract") or ""
             for r in records]
    return zip(records, nlp.pipe(texts, batch_size=32))


def keep_examples(nlp, sota: list[dict], seed_tune: list[dict], train_papers: list[dict], judged: dict) -> list:
    """The training rows of the keep decision: ``(features, label, weight, source, paper id)``. A number of a
    seed-file paper is a result when its value is one of the paper's gold values; of a train-file
    paper, when the judgement of its place says so; of a SOTA? paper, when its value is one of
    the in-abstract tuples' (the others are not known either way and left out, with weight 0.3:
    the file has many papers of one kind)."""
    from ...evaluate import _seed_same, _sota_same

    rows = []
    for source, records in (("seed", seed_tune), ("train", train_papers), ("sota", sota)):
        for rec, doc in _docs(nlp, records):
            results = list(doc.user_data.get("kg_results") or ())
            seen: dict = {}
            for r in results:
                surface = r["span"].text
                seen[surface] = seen.get(surface, 0) + 1
            for r in results:
                x = r["keep_features"]
                if source == "seed":
                    y, w = int(any(_seed_same(r["value"], g.get("value")) for g in rec.get("results") or [])), 1.0
                elif source == "train":
                    j = judged.get((rec["id"], r["ns"]))
                    if j is None:
                        continue
                    y, w = int(j), 1.0
                else:
                    if not any(t.get("in_abstract") and _sota_same(r["value"], t.get("value")) for t in rec.get("tuples") or []):
                        continue
                    y, w = 1, 0.3
                rows.append((x, y, w / seen[r["span"].text], source, rec["id"]))
    return rows


def _fold(pid: str, k: int = 5) -> int:
    return int(hashlib.sha1(pid.encode("utf-8")).hexdigest()[:8], 16) % k


def _f_beta_threshold(scored: list[tuple[float, int, float]], beta: float = 0.5,
                      slack: float = 0.01) -> tuple[float, float, float, float]:
    """A threshold of F-beta within ``slack`` of the highest over ``(probability, label, weight)``:
    the lowest such one (with few examples of no result, F-beta is flat over a wide range, and a
    higher threshold would drop results for nothing it can show); returns it with its precision,
    recall and F-beta."""
    pos = sum(w for _, y, w in scored if y)
    curve = []
    for t in [i / 100 for i in range(1, 96)]:
        tp = sum(w for p, y, w in scored if y and p >= t)
        fp = sum(w for p, y, w in scored if not y and p >= t)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / pos if pos else 0.0
        f = (1 + beta ** 2) * prec * rec / (beta ** 2 * prec + rec) if prec + rec else 0.0
        curve.append((t, prec, rec, f))
    top = max(c[3] for c in curve)
    return next(c for c in curve if c[3] >= top - slack)


def train_keep(nlp, shared: Path, log=print) -> tuple[LinearModel, list]:
    """The keep model trained on the files of ``shared`` (see the module's docstring), and the rows it learnt from."""
    from ...evaluate import read_gold, tune_check_split
    from .learned import MODEL_DIR

    sota = read_gold(shared / "sota_results_train.jsonl")
    tune, _ = tune_check_split(read_gold(shared / "seed_results_dev.jsonl"))
    train = read_gold(shared / "graph_gold_train.jsonl")
    judged = {(o["id"], o["start"]): bool(o["result"]) for o in _read_jsonl(MODEL_DIR / "judged_graph_gold_train.jsonl")}
    rows = keep_examples(nlp, sota, tune, train, judged)
    model = fit_logistic([(x, y, w) for x, y, w, _, _ in rows], l2=1.0)
    # the threshold from out-of-fold probabilities (five folds of papers): in-sample ones flatter it
    scored = []
    for k in range(5):
        fold = fit_logistic([(x, y, w) for x, y, w, _, pid in rows if _fold(pid) != k], l2=1.0)
        scored += [(fold.prob(x), y, w) for x, y, w, src, pid in rows if _fold(pid) == k and src != "sota"]
    t, prec, rec, f = _f_beta_threshold(scored, beta=1.0)
    counts = {src: (sum(1 for r in rows if r[3] == src and r[1]), sum(1 for r in rows if r[3] == src and not r[1]))
              for src in ("seed", "train", "sota")}
    log(f"keep: {len(rows)} numbers (results, not: {counts}); out of fold, on the seed and train-file numbers at "
        f"threshold {t:.2f}: precision {prec:.3f}, recall {rec:.3f}")
    return LinearModel(model.weights, model.bias, t, meta={
        "decision": "whether a number the rules read is a result (its probability is the result's confidence)",
        "trained_on": ["seed_results_dev.jsonl, tune half (kg.evaluate.tune_check_split)",
                       "graph_gold_train.jsonl papers, every number judged by hand (judged_graph_gold_train.jsonl)",
                       "sota_results_train.jsonl (SOTA?, CC BY-SA 4.0): numbers that are in-abstract tuple values"],
        "numbers": {k: {"results": a, "not": b} for k, (a, b) in counts.items()},
        "threshold_chosen_by": "F1 of out-of-fold probabilities (5 folds of papers) on the seed and train-file numbers",
        "rebuild": "python -m kg.components.results.learn"}), rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.components.results.learn", description=__doc__.split("\n\n")[0])
    p.add_argument("--shared-eval", default=str(SHARED_EVAL), help="folder of the shared gold files (default ../shared/eval)")
    p.add_argument("--out", default=None, help="model folder to write (default: the shipped kg/trained/results)")
    args = p.parse_args(argv)
    from .learned import MODEL_DIR

    out = Path(args.out) if args.out else MODEL_DIR
    out.mkdir(parents=True, exist_ok=True)
    shared = Path(args.shared_eval)
    nlp = _pipeline()
    model, _ = train_keep(nlp, shared, log=lambda s: print(s, file=sys.stderr))
    model.save(out / "keep.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
