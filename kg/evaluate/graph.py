"""Graph gold (``graph_gold_*.jsonl``): entities per type, PROPOSES and relations, as
``../shared/tools/score_graph.py`` measures them."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .compare import _records_by_id, graph_form

#: entity types and relations of the graph gold (``GRAPH_GOLD_GUIDELINES.md``)
GRAPH_TYPES = ("Method", "Dataset", "Task", "Metric")
GRAPH_RELATIONS = ("OUTPERFORMS", "EVALUATED_ON", "BASED_ON")


def _prf2(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    """P = tp_pred / n_pred, R = tp_gold / n_gold (0.0 when undefined, as the graph measure has it), F1 of both."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "correct": tp_pred, "pred": n_pred, "found": tp_gold, "gold": n_gold}


def score_graph(gold: Iterable[Mapping], predicted: Iterable) -> dict:
    """Entities per type, PROPOSES and relations against graph gold (``GRAPH_GOLD_GUIDELINES.md``):
    the measure of ``../shared/tools/score_graph.py``.

    Per paper, predicted entities are grouped by (type, canonical ``name``, else ``text``); a group's
    forms are the :func:`graph_form` of its name and of every surface text. A group is correct when a
    form equals a form of a gold entity of its type; "wrong type" when it only equals one of another
    type. Recall: gold entities some group of their type matches. PROPOSES (the triples of that
    predicate, and the gold ``proposes``) and each relation of :data:`GRAPH_RELATIONS` are matched
    through the forms of subject and object: a predicted node's forms are those of its group plus
    its name; a gold name's those of the gold entity that has it. Predicted relations count once per
    distinct (type, subject forms, object forms). Gold papers without a record predict nothing.

    Returns ``{"papers", "Method", "Dataset", "Task", "Metric", "entities" (all four types),
    "PROPOSES", "OUTPERFORMS", "EVALUATED_ON", "BASED_ON", "ignored_records"}``; each figure is
    ``{"precision", "recall", "f1", "correct" (predictions that are right), "pred", "found" (gold
    items found), "gold"}`` (0.0 when undefined), and the entity types also have ``"wrong_type"``.

    >>> gold = [{"id": "p", "entities": [{"type": "Method", "names": ["Vision Transformer", "ViT"]},
    ...                                  {"type": "Dataset", "names": ["ImageNet"]}],
    ...          "proposes": ["ViT"], "relations": [{"type": "EVALUATED_ON", "subject": "ViT", "object": "ImageNet"}]}]
    >>> pred = [{"id": "p", "entities": [{"type": "Method", "text": "ViT", "name": "ViT"},
    ...                                  {"type": "Method", "text": "ImageNet", "name": "ImageNet"}],
    ...          "triples": [{"subject": {"type": "Paper", "name": "p"}, "predicate": "PROPOSES",
    ...                       "object": {"type": "Method", "name": "ViT"}}]}]
    >>> s = score_graph(gold, pred)
    >>> s["Method"]["precision"], s["Method"]["wrong_type"], s["PROPOSES"]["f1"], s["EVALUATED_ON"]["recall"]
    (0.5, 1, 1.0, 0.0)
    """
    by_id = _records_by_id(predicted)
    gold = list(gold)
    keys = (*GRAPH_TYPES, "PROPOSES", *GRAPH_RELATIONS)
    counts = {k: [0, 0, 0, 0] for k in keys}  # correct predictions, predictions, gold found, gold
    wrong_type = {t: 0 for t in GRAPH_TYPES}
    for g in gold:
        recs = by_id.get(g["id"], [])
        gold_ents = [(e.get("type"), {graph_form(n) for n in e.get("names") or []} - {""})
                     for e in g.get("entities") or []]
        groups = _entity_groups(recs)
        _count_entities(groups, gold_ents, counts, wrong_type)
        _count_links(g, [t for rec in recs for t in rec.get("triples") or []], groups, gold_ents, counts)
    out: dict = {"papers": len(gold)}
    for k in keys:
        out[k] = _prf2(*counts[k])
    for t in GRAPH_TYPES:
        out[t]["wrong_type"] = wrong_type[t]
    out["entities"] = _prf2(*(sum(counts[t][i] for t in GRAPH_TYPES) for i in range(4)))
    gold_ids = {g["id"] for g in gold}
    out["ignored_records"] = sum(len(v) for i, v in by_id.items() if i not in gold_ids)
    return out


def _entity_groups(recs: list[Mapping]) -> dict[tuple[str, str], set[str]]:
    """A paper's predicted entities of :data:`GRAPH_TYPES` grouped by (type, ``name``, else ``text``):
    the :func:`graph_form` of the name and of every surface text of each group."""
    groups: dict[tuple[str, str], set[str]] = {}
    for e in (e for rec in recs for e in rec.get("entities") or []):
        if e.get("type") in GRAPH_TYPES:
            forms = groups.setdefault((e["type"], e.get("name") or e.get("text")), set())
            forms |= {graph_form(e.get("name")), graph_form(e.get("text"))} - {""}
    return groups


def _count_entities(groups: dict[tuple[str, str], set[str]], gold_ents: list[tuple[str, set[str]]],
                    counts: dict[str, list[int]], wrong_type: dict[str, int]) -> None:
    """Add one paper's entity groups and gold entities (type, forms) to ``counts`` and ``wrong_type``."""
    found: set[int] = set()
    for (etype, _), forms in groups.items():
        c = counts[etype]
        c[1] += 1
        same = [i for i, (gt, gf) in enumerate(gold_ents) if gt == etype and forms & gf]
        if same:
            c[0] += 1
            found.update(same)
        elif any(forms & gf for _, gf in gold_ents):
            wrong_type[etype] += 1
    for i, (etype, _) in enumerate(gold_ents):
        if etype in counts:
            counts[etype][3] += 1
            counts[etype][2] += i in found


def _count_links(g: Mapping, triples: list[Mapping], groups: dict[tuple[str, str], set[str]],
                 gold_ents: list[tuple[str, set[str]]], counts: dict[str, list[int]]) -> None:
    """Add one paper's PROPOSES and relations, predicted (``triples``) and gold (of ``g``), to ``counts``."""

    def predicted_forms(node: Mapping) -> set[str]:
        name = node.get("name")
        return groups.get((node.get("type"), name), set()) | {graph_form(name)}

    def gold_forms(name: str) -> set[str]:
        key = graph_form(name)
        return next((gf for _, gf in gold_ents if key in gf), {key})

    g_prop = [gold_forms(n) for n in g.get("proposes") or []]
    p_prop = [predicted_forms(t.get("object") or {}) for t in triples if t.get("predicate") == "PROPOSES"]
    c = counts["PROPOSES"]
    c[0] += sum(any(f & gf for gf in g_prop) for f in p_prop)
    c[1] += len(p_prop)
    c[2] += sum(any(gf & f for f in p_prop) for gf in g_prop)
    c[3] += len(g_prop)
    g_rels = [(r.get("type"), gold_forms(r.get("subject")), gold_forms(r.get("object")))
              for r in g.get("relations") or [] if r.get("type") in GRAPH_RELATIONS]
    p_rels = {(t["predicate"], frozenset(predicted_forms(t.get("subject") or {})),
               frozenset(predicted_forms(t.get("object") or {})))
              for t in triples if t.get("predicate") in GRAPH_RELATIONS}
    for rtype, subj, obj in p_rels:
        counts[rtype][1] += 1
        counts[rtype][0] += any(rtype == gt and subj & gs and obj & go for gt, gs, go in g_rels)
    for gt, gs, go in g_rels:
        counts[gt][3] += 1
        counts[gt][2] += any(gt == rtype and subj & gs and obj & go for rtype, subj, obj in p_rels)
