"""SOTA? tuples (``sota_results_train.jsonl``): recall of the tuples the abstract states and a precision
proxy, as ``../shared/tools/score_sota.py`` measures them."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .compare import _ascii_form, _contained, _records_by_id


def _sota_value(x) -> float | None:
    """A predicted value as the SOTA? measure reads it: a number as is, else the first number of its text."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    m = re.search(r"\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+", str(x))
    return float(m.group().replace(",", "")) if m else None


def _sota_same(a: float | None, b) -> bool:
    """Equal within a relative 1e-6, signs ignored, also when one side is 100 times the other."""
    if a is None or b is None or isinstance(b, bool):
        return False
    a, b = abs(a), abs(float(b))

    def close(x: float, y: float) -> bool:
        return abs(x - y) <= 1e-6 * max(abs(x), abs(y)) + 1e-12

    return close(a, b) or close(a * 100, b) or close(a, b * 100)


def score_sota(gold: Iterable[Mapping], predicted: Iterable) -> dict:
    """Recall of the SOTA? leaderboard tuples whose score the abstract states (``in_abstract``):
    the measure of ``../shared/tools/score_sota.py``.

    Only papers with an in-abstract tuple count. A tuple is found by value when some predicted
    result of its paper has its value (relative 1e-6, signs ignored, x100 either way); by value and
    dataset when such a result's dataset and the tuple's contain one another after normalising
    (lower case, ASCII letters and digits; empty never matches); by value, dataset and metric when
    one of those also matches the metric. Not one-to-one. The precision proxy is a lower bound of
    precision (the curators record only some results): predicted results of kind "score" of those
    papers whose value is some in-abstract tuple's / all of them.

    Returns ``{"papers", "papers_without_prediction", "gold_tuples_in_abstract", "found_value",
    "found_dataset", "found_dataset_metric", "recall_value", "recall_dataset",
    "recall_dataset_metric", "predicted_results", "predicted_score_results",
    "predicted_score_matching_gold", "precision_proxy_lower_bound", "gold_dataset_in_abstract"
    (share of tuples whose normalised dataset occurs in the normalised abstract), "ignored_records"}``
    (shares unrounded; 0.0 when undefined).

    >>> gold = [{"id": "p", "abstract": "BLEU of 34.8 on WMT14.", "tuples": [
    ...     {"dataset": "WMT2014 English-French", "metric": "BLEU score", "value": 34.8, "in_abstract": True}]}]
    >>> s = score_sota(gold, [{"id": "p", "results": [{"value": 34.8, "dataset": "WMT2014", "metric": "BLEU",
    ...                                                "kind": "score"}]}])
    >>> s["recall_value"], s["recall_dataset_metric"], s["precision_proxy_lower_bound"]
    (1.0, 1.0, 1.0)
    """
    by_id = _records_by_id(predicted)
    gold = list(gold)
    n = dict.fromkeys(("papers", "papers_without_prediction", "gold_tuples_in_abstract", "found_value",
                       "found_dataset", "found_dataset_metric", "predicted_results", "predicted_score_results",
                       "predicted_score_matching_gold", "in_abstract"), 0)
    for g in gold:
        tuples = [t for t in g.get("tuples") or [] if t.get("in_abstract")]
        if not tuples:
            continue
        n["papers"] += 1
        recs = by_id.get(g["id"])
        n["papers_without_prediction"] += recs is None
        preds = [r for rec in recs or [] for r in rec.get("results") or []]
        values = [_sota_value(r.get("value")) for r in preds]
        abstract = _ascii_form(g.get("abstract"))
        for t in tuples:
            n["gold_tuples_in_abstract"] += 1
            dataset = _ascii_form(t.get("dataset"))
            n["in_abstract"] += bool(dataset) and dataset in abstract
            hits = [r for r, v in zip(preds, values) if _sota_same(v, t.get("value"))]
            if not hits:
                continue
            n["found_value"] += 1
            hits = [r for r in hits if _contained(r.get("dataset"), t.get("dataset"))]
            if not hits:
                continue
            n["found_dataset"] += 1
            n["found_dataset_metric"] += any(_contained(r.get("metric"), t.get("metric")) for r in hits)
        n["predicted_results"] += len(preds)
        for r, v in zip(preds, values):
            if r.get("kind") == "score":
                n["predicted_score_results"] += 1
                n["predicted_score_matching_gold"] += any(_sota_same(v, t.get("value")) for t in tuples)
    share = lambda a, b: a / b if b else 0.0  # noqa: E731
    total = n["gold_tuples_in_abstract"]
    gold_ids = {g["id"] for g in gold}
    return {
        "papers": n["papers"], "papers_without_prediction": n["papers_without_prediction"],
        "gold_tuples_in_abstract": total, "found_value": n["found_value"], "found_dataset": n["found_dataset"],
        "found_dataset_metric": n["found_dataset_metric"], "recall_value": share(n["found_value"], total),
        "recall_dataset": share(n["found_dataset"], total),
        "recall_dataset_metric": share(n["found_dataset_metric"], total),
        "predicted_results": n["predicted_results"], "predicted_score_results": n["predicted_score_results"],
        "predicted_score_matching_gold": n["predicted_score_matching_gold"],
        "precision_proxy_lower_bound": share(n["predicted_score_matching_gold"], n["predicted_score_results"]),
        "gold_dataset_in_abstract": share(n["in_abstract"], total),
        "ignored_records": sum(len(v) for i, v in by_id.items() if i not in gold_ids),
    }
