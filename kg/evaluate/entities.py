"""Entity P/R/F1 over all gold strings and over named ones (SciREX, TDMSci and seed files)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..schema import ENTITY_LABELS
from .compare import _prf, _records_by_id, is_named, normalise


def _surfaces(entities: Iterable[Mapping], etype: str) -> dict[str, bool]:
    """normalised surface -> whether one of its written forms is named, for entities of ``etype``."""
    out: dict[str, bool] = {}
    for e in entities:
        if e.get("type") != etype:
            continue
        text = e.get("text")
        key = normalise(text)
        if key:
            out[key] = out.get(key, False) or is_named(text)
    return out


def score_entities(gold: Iterable[Mapping], predicted: Iterable, types: Iterable[str] = ENTITY_LABELS) -> dict:
    """Set-based entity P/R/F1 per type, over all gold strings and over named ones.

    Per paper and type, the SET of normalised predicted surfaces (``text``) is
    compared with the SET of normalised gold surfaces (duplicates count once);
    true positives, predictions and gold items are summed over papers.
    "named": a normalised string is named when one of its written forms in the
    paper's gold is named (:func:`is_named`), or, when that paper's gold does
    not have it, when one of its predicted forms is; both sides are restricted
    to named strings. ``micro`` sums the given types.

    Returns ``{"all": {type: {"tp","pred","gold","precision","recall","f1"}, ...,
    "micro": {...}}, "named": {...}, "papers": n, "papers_predicted": n,
    "ignored_records": n}``.

    >>> gold = [{"id": "p", "entities": [{"type": "Dataset", "text": "SQuAD"},
    ...                                  {"type": "Dataset", "text": "news corpus"}]}]
    >>> pred = [{"id": "p", "entities": [{"type": "Dataset", "text": "squad"},
    ...                                  {"type": "Dataset", "text": "SQuAD"}]}]
    >>> s = score_entities(gold, pred)
    >>> s["all"]["Dataset"]["precision"], s["all"]["Dataset"]["recall"], s["named"]["Dataset"]["f1"]
    (1.0, 0.5, 1.0)
    """
    types = tuple(types)
    by_id = _records_by_id(predicted)
    gold = list(gold)
    gold_ids = {g["id"] for g in gold}
    counts = {scope: {t: [0, 0, 0] for t in types} for scope in ("all", "named")}
    for g in gold:
        g_entities = g.get("entities") or []
        p_entities = [e for rec in by_id.get(g["id"], []) for e in (rec.get("entities") or [])]
        for t in types:
            gs, ps = _surfaces(g_entities, t), _surfaces(p_entities, t)
            for scope, gset, pset in (
                ("all", set(gs), set(ps)),
                ("named", {k for k, named in gs.items() if named},
                 {k for k, named in ps.items() if (gs[k] if k in gs else named)}),
            ):
                c = counts[scope][t]
                c[0] += len(gset & pset)
                c[1] += len(pset)
                c[2] += len(gset)
    out: dict = {}
    for scope, per_type in counts.items():
        table = {t: _prf(*c) for t, c in per_type.items()}
        table["micro"] = _prf(*(sum(c[i] for c in per_type.values()) for i in range(3)))
        out[scope] = table
    out["papers"] = len(gold)
    out["papers_predicted"] = sum(1 for i in by_id if i in gold_ids)
    out["ignored_records"] = sum(len(v) for i, v in by_id.items() if i not in gold_ids)
    return out
