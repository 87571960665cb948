"""Seed results (``seed_results_dev.jsonl``): value P/R, binding and strict score recall, as
``../shared/tools/score_results.py`` measures them."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .compare import _ascii_form, _ratio, _records_by_id

_FIELDS = ("dataset", "metric", "method")


def _seed_value(x) -> float | None:
    """A predicted value as the seed measure reads it: a number as is, else the first number of its text."""
    if x is None:
        return None
    if isinstance(x, (int, float)):
        return float(x)
    m = re.search(r"-?\d+(?:\.\d+)?", str(x).replace(",", ""))
    return float(m.group()) if m else None


def _seed_same(predicted: float | None, gold: float | None) -> bool:
    """The seed measure's value agreement: within 1e-6 + 1e-4 x |gold|, also after scaling
    either side by 100 (0.765 is 76.5; the scale is allowed whatever the unit)."""
    if predicted is None or gold is None:
        return False
    tol = 1e-6 + 1e-4 * abs(gold)
    return (abs(predicted - gold) <= tol or abs(predicted * 100 - gold) <= tol
            or abs(predicted - gold * 100) <= 100 * tol)


def _seed_agree(gold, predicted) -> bool:
    """Seed binding: one :func:`_ascii_form` string contains the other; null (None, "") matches only null."""
    g, p = _ascii_form(gold), _ascii_form(predicted)
    if not g and not p:
        return True
    return bool(g and p and (g in p or p in g))


def score_seed_results(gold: Iterable[Mapping], predicted: Iterable, *, papers: Iterable[str] | None = None) -> dict:
    """Value P/R, binding on matched pairs and strict score recall for the seed results gold
    (``seed_results_dev.jsonl``): the measure of ``../shared/tools/score_results.py``.

    ``papers``: the ids over which predictions are counted (default: the gold's ids); pass every
    paper of the corpus to count false results in papers without any (a paper absent from the
    gold has no gold result). Values agree within 1e-6 + 1e-4 x |gold|, also when one side is 100
    times the other (0.765 vs 76.5). Value precision = predicted results whose value agrees with
    some gold result of their paper / all predicted results of ``papers`` (not one-to-one).
    Recall pairs each gold result, in file order, with an unused prediction of that value: the
    first whose dataset agrees, else the last one. On those pairs dataset, metric and method are
    right when one normalised string (lower case, ASCII letters and digits) contains the other
    (null = null), kind when equal. Strict score recall = gold ``score`` results whose pair has
    dataset, metric and kind right / all gold ``score`` results.

    Returns ``{"papers", "gold", "predicted", "value_hits", "matched", "value_precision" (value_hits /
    predicted), "value_recall" (matched / gold), "value_f1", "dataset_right", "metric_right",
    "method_right", "kind_right" (shares of matched; None when nothing matched), "right_counts":
    {field: n}, "score_gold", "score_found", "score_recall", "strict_score_found",
    "strict_score_recall", "ignored_records"}`` (shares unrounded; None when undefined).

    >>> gold = [{"id": "p", "results": [{"value": 76.5, "unit": "%", "kind": "score",
    ...     "dataset": "ImageNet", "metric": "top-1 accuracy", "method": "ViG"}]}]
    >>> pred = [{"id": "p", "results": [{"value": 0.765, "unit": None, "kind": "score",
    ...     "dataset": "ImageNet-1K", "metric": "accuracy", "method": None}]}]
    >>> s = score_seed_results(gold, pred)
    >>> s["value_recall"], s["method_right"], s["strict_score_recall"]
    (1.0, 0.0, 1.0)
    >>> score_seed_results(gold, pred, papers=["p", "q"])["papers"]
    2
    """
    by_id = _records_by_id(predicted)
    gold_by_id = {g["id"]: list(g.get("results") or []) for g in gold}
    ids = list(gold_by_id) if papers is None else list(papers)
    n = dict.fromkeys(("gold", "predicted", "value_hits", "matched", "score_gold", "score_found", "strict"), 0)
    right = {f: 0 for f in (*_FIELDS, "kind")}
    for pid in ids:
        g_results = gold_by_id.get(pid, [])
        p_results = [r for rec in by_id.get(pid, []) for r in (rec.get("results") or [])]
        p_values = [_seed_value(r.get("value")) for r in p_results]
        n["gold"] += len(g_results)
        n["predicted"] += len(p_results)
        n["value_hits"] += sum(1 for v in p_values if any(_seed_same(v, gr.get("value")) for gr in g_results))
        used: set[int] = set()
        for gr in g_results:
            best = _seed_pair(gr, p_results, p_values, used)
            is_score = gr.get("kind") == "score"
            n["score_gold"] += is_score
            if best is None:
                continue
            used.add(best)
            n["matched"] += 1
            pr = p_results[best]
            ok = {f: _seed_agree(gr.get(f), pr.get(f)) for f in _FIELDS}
            ok["kind"] = pr.get("kind") == gr.get("kind")
            for f, good in ok.items():
                right[f] += good
            if is_score:
                n["score_found"] += 1
                n["strict"] += ok["dataset"] and ok["metric"] and ok["kind"]
    return _seed_figures(n, right, ids, by_id)


def _seed_pair(gr: Mapping, p_results: list[Mapping], p_values: list[float | None], used: set[int]) -> int | None:
    """The index of the unused prediction that a gold result pairs with: the first of its value whose
    dataset agrees, else the last of its value; None when no unused prediction has its value."""
    best = None
    for j, (pr, v) in enumerate(zip(p_results, p_values)):
        if j in used or not _seed_same(v, gr.get("value")):
            continue
        best = j
        if _seed_agree(gr.get("dataset"), pr.get("dataset")):
            break
    return best


def _seed_figures(n: dict[str, int], right: dict[str, int], ids: list[str], by_id: dict[str, list[Mapping]]) -> dict:
    """The dict :func:`score_seed_results` returns, from its counts."""
    hits, matched, score_gold = n["value_hits"], n["matched"], n["score_gold"]
    precision, recall = _ratio(hits, n["predicted"]), _ratio(matched, n["gold"])
    p_, r_ = precision or 0.0, recall or 0.0
    out = {
        "papers": len(ids), "gold": n["gold"], "predicted": n["predicted"], "value_hits": hits, "matched": matched,
        "value_precision": precision, "value_recall": recall,
        "value_f1": 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0,
    }
    for f, k in right.items():
        out[f"{f}_right"] = _ratio(k, matched)
    wanted = set(ids)
    out.update({
        "right_counts": right, "score_gold": score_gold, "score_found": n["score_found"],
        "score_recall": _ratio(n["score_found"], score_gold),
        "strict_score_found": n["strict"], "strict_score_recall": _ratio(n["strict"], score_gold),
        "ignored_records": sum(len(v) for i, v in by_id.items() if i not in wanted),
    })
    return out
