"""SciREX results: recall of the leaderboard results whose score the abstract states."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .compare import _as_float, _ratio, _records_by_id, normalise, parse_score, values_agree


def score_scirex_results(gold: Iterable[Mapping], predicted: Iterable) -> dict:
    """Recall of SciREX leaderboard results whose score occurs in the abstract (``in_abstract``).

    A gold result is found when some predicted result of the same paper has a
    value that agrees with the parsed gold ``score`` (:func:`values_agree`; a
    "%" score allows the x100 scaling) and a dataset that contains, or is
    contained in, a surface form of the gold dataset after normalising; the
    surface forms are the gold dataset string and its ``cluster_aliases``.
    Matching is not one-to-one: one prediction may find several gold results
    (SciREX lists the same number under two metric names). A gold score that
    does not parse stays in the denominator and is counted in ``unparsed``.

    Returns ``{"in_abstract", "found", "recall", "value_found", "value_recall",
    "unparsed", "gold_results", "predicted_results", "ignored_records"}``;
    ``value_found`` ignores the dataset.

    >>> gold = [{"id": "p", "cluster_aliases": {"COCO": ["MS COCO"]}, "results": [
    ...     {"dataset": "COCO", "score": "41.2%", "in_abstract": True}]}]
    >>> pred = [{"id": "p", "results": [{"value": 0.412, "dataset": "MS COCO test-dev"}]}]
    >>> score_scirex_results(gold, pred)["recall"]
    1.0
    """
    by_id = _records_by_id(predicted)
    gold = list(gold)
    gold_ids = {g["id"] for g in gold}
    n_gold = n_in = found = value_found = unparsed = n_pred = 0
    for g in gold:
        preds = []
        for rec in by_id.get(g["id"], []):
            for r in rec.get("results") or []:
                n_pred += 1
                v = _as_float(r.get("value"))
                if v is not None:
                    preds.append((v, r.get("unit") == "%", normalise(r.get("dataset"))))
        aliases = g.get("cluster_aliases") or {}
        for res in g.get("results") or []:
            n_gold += 1
            if not res.get("in_abstract"):
                continue
            n_in += 1
            parsed = parse_score(res.get("score"))
            if parsed is None:
                unparsed += 1
                continue
            value, percent = parsed
            ds = res.get("dataset")
            forms = {normalise(f) for f in [ds, *(aliases.get(ds) or [])] if isinstance(f, str)} - {""}
            hits = [p for p in preds if values_agree(value, p[0], percent=percent or p[1])]
            if hits:
                value_found += 1
            if any(p[2] and any(f in p[2] or p[2] in f for f in forms) for p in hits):
                found += 1
    return {
        "in_abstract": n_in, "found": found, "recall": _ratio(found, n_in),
        "value_found": value_found, "value_recall": _ratio(value_found, n_in), "unparsed": unparsed,
        "gold_results": n_gold, "predicted_results": n_pred,
        "ignored_records": sum(len(v) for i, v in by_id.items() if i not in gold_ids),
    }
