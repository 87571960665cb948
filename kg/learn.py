"""Fitting the judge's decisions (:mod:`kg.components.judge`) from graph gold.

Training data are papers seen as :class:`kg.features.PaperView` (the candidates of the rules and
of a tagger that did not learn from the paper) with their graph-gold record (the format of
``../shared/eval/GRAPH_GOLD_GUIDELINES.md``). Each decision is a logistic regression over the
features of :mod:`kg.features`, fitted with scikit-learn (needed at training time only: ``pip
install kg[train]``) and kept as a :class:`kg.linear.LinearModel`. Decisions that read an earlier
decision (a proposal reads the entity's confidence; the focal method reads the proposal's
probability; a relation reads both) learn from that decision's *held-out* output, so that they
learn how far to trust it.

>>> lex = Lexicon.from_rules({}, {})
>>> v = PaperView(text="ZorbNet beats BERT.", sentences=((0, 19),), mentions=(
...     Mention("Method", "ZorbNet", "ZorbNet", 0, 7, "rules", 0.9), Mention("Method", "BERT", "BERT", 14, 18, "gazetteer", 0.9)))
>>> g = {"entities": [{"type": "Method", "names": ["ZorbNet"]}, {"type": "Method", "names": ["BERT"]}],
...      "proposes": ["ZorbNet"], "relations": [{"type": "OUTPERFORMS", "subject": "ZorbNet", "object": "BERT"}]}
>>> [entity_label(c, g) for c in clusters(v)]
['Method', 'Method']
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from .components.judge import NONE, JudgeModels, rescale
from .features import (RELATIONS_OF, Cluster, Lexicon, Mention, PaperView, clusters, entity_features, key,  # noqa: F401
                       proposal_features, relation_features)
from .linear import LinearModel
from .schema import ENTITY_LABELS
from .train_data import fold_of

#: the regularisation of every decision (inverse strength, as scikit-learn's ``C``), chosen by
#: cross-validation on the train data
C = {"entity": 0.5, "proposal": 1.0, "focus": 1.0, "relation": 1.0}


# ---------------------------------------------------------------------------- gold labels


def _gold_forms(record: Mapping) -> tuple[list[tuple[str, frozenset]], dict[str, frozenset]]:
    """The gold entities as ``(type, keys of its names)`` and each name's keys."""
    ents, of_name = [], {}
    for e in record.get("entities", []):
        forms = frozenset(key(n) for n in e["names"]) - {""}
        ents.append((e["type"], forms))
        for n in e["names"]:
            of_name[n] = forms
    return ents, of_name


def entity_label(cluster: Cluster, record: Mapping) -> str:
    """The gold type of a cluster (the type of the gold entity sharing a spelling with it, the
    most common if several), or "none"."""
    ents, _ = _gold_forms(record)
    votes: dict[str, int] = defaultdict(int)
    for t, forms in ents:
        if cluster.forms & forms:
            votes[t] += 1
    return max(votes, key=votes.get) if votes else NONE


def proposed_label(cluster: Cluster, record: Mapping) -> int:
    _, of_name = _gold_forms(record)
    return int(any(cluster.forms & of_name.get(n, frozenset({key(n)})) for n in record.get("proposes", [])))


def subject_label(cluster: Cluster, record: Mapping) -> int:
    """1 when the cluster is the subject of a gold relation."""
    _, of_name = _gold_forms(record)
    return int(any(cluster.forms & of_name.get(r["subject"], frozenset({key(r["subject"])}))
                   for r in record.get("relations", [])))


def relation_label(obj: Cluster, relation: str, record: Mapping) -> int:
    """1 when the gold has ``relation`` to (a name of) ``obj`` (from whatever subject: the subject
    is the focal method the judge chose, whose own errors the model learns to discount)."""
    _, of_name = _gold_forms(record)
    return int(any(r["type"] == relation and obj.forms & of_name.get(r["object"], frozenset({key(r["object"])}))
                   for r in record.get("relations", [])))


# ---------------------------------------------------------------------------- fitting


def fit(X: Sequence[Mapping[str, float]], y: Sequence[str], c: float, meta: Mapping | None = None,
        classes: Sequence[str] = ("0", "1")) -> LinearModel:
    """A logistic regression of labels ``y`` on feature dicts ``X``. With one label only (a small
    training set), a model that always gives that label, over ``classes``."""
    if len(set(y)) < 2:
        only = next(iter(y), classes[0])
        names = tuple(dict.fromkeys([*classes, only]))
        return LinearModel(classes=names, weights={}, intercept=tuple(0.0 if k == only else -20.0 for k in names),
                           meta=dict(meta or {}))
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    m = vec.fit_transform(X)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(m, list(y))
    classes = tuple(str(k) for k in clf.classes_)
    names = vec.get_feature_names_out()
    if len(classes) == 2:  # scikit-learn keeps one weight row for two classes: the second's
        weights = {n: (0.0, float(w)) for n, w in zip(names, clf.coef_[0]) if w}
        intercept = (0.0, float(clf.intercept_[0]))
    else:
        weights = {n: tuple(float(clf.coef_[k][i]) for k in range(len(classes)))
                   for i, n in enumerate(names) if any(clf.coef_[k][i] for k in range(len(classes)))}
        intercept = tuple(float(x) for x in clf.intercept_)
    return LinearModel(classes=classes, weights=weights, intercept=intercept, meta=dict(meta or {}))


def held_out(X: Sequence[Mapping[str, float]], y: Sequence[str], groups: Sequence[str], c: float,
             folds: int = 5) -> list[dict[str, float]]:
    """Each example's class probabilities from a model fitted without its group's fold (papers
    stay whole: ``groups`` are paper ids, folds by :func:`kg.train_data.fold_of`)."""
    out: list[dict[str, float]] = [{} for _ in X]
    for k in range(folds):
        train = [i for i, g in enumerate(groups) if fold_of(g, folds) != k]
        test = [i for i, g in enumerate(groups) if fold_of(g, folds) == k]
        if not test:
            continue
        model = fit([X[i] for i in train], [y[i] for i in train], c)
        for i in test:
            out[i] = model.probabilities(X[i])
    return out


def train_judge(views: Mapping[str, PaperView], gold: Mapping[str, Mapping], lex: Lexicon,
                min_confidence: float = 0.5, meta: Mapping | None = None,
                log: Callable[[str], None] | None = None, thresholds: Mapping[str, float] | None = None) -> JudgeModels:
    """Fit the judge's four decisions on ``views`` (paper id -> view) and their ``gold``.

    The proposal and focus decisions see the entity decision's held-out confidence, and the
    relation decisions the held-out proposal and focus probabilities, as they will at run time.
    """
    ids = [i for i in views if i in gold]
    # 1. entity type
    E, ey, eg, ecl = [], [], [], []
    for pid in ids:
        for c in clusters(views[pid]):
            E.append(entity_features(views[pid], c, lex))
            ey.append(entity_label(c, gold[pid]))
            eg.append(pid)
            ecl.append(c)
    entity = fit(E, ey, C["entity"])
    e_out = held_out(E, ey, eg, C["entity"])
    _say(log, f"entity decision: {len(E)} clusters of {len(ids)} papers")
    # 2. proposal, 3. focus (Method and Dataset clusters, with their held-out type and confidence)
    P, py, fy, pg, pc = [], [], [], [], []
    for i, c in enumerate(ecl):
        probs = e_out[i]
        t = max((k for k in probs if k != NONE), key=probs.get, default=None)
        if t not in ("Method", "Dataset"):
            continue
        P.append(proposal_features(views[eg[i]], c, t, probs[t], lex))
        py.append(str(proposed_label(c, gold[eg[i]])))
        fy.append(str(int(t == "Method" and subject_label(c, gold[eg[i]]))))
        pg.append(eg[i])
        pc.append((i, t))
    proposal = fit(P, py, C["proposal"])
    p_out = held_out(P, py, pg, C["proposal"])
    F = [{**P[k], "proposal": p_out[k].get("1", 0.0)} for k in range(len(P))]
    focus = fit(F, fy, C["focus"])
    f_out = held_out(F, fy, pg, C["focus"])
    _say(log, f"proposal and focus decisions: {len(P)} method and dataset clusters")
    # 4. relations from each paper's focal method (the most likely, held out) to the others
    held = {pid: [] for pid in ids}
    for k, (i, t) in enumerate(pc):
        held[pg[k]].append((i, t, e_out[i][t], p_out[k].get("1", 0.0), f_out[k].get("1", 0.0)))
    R: dict[str, tuple[list, list, list]] = {rel: ([], [], []) for rels in RELATIONS_OF.values() for rel in rels}
    for pid, items in held.items():
        methods = [x for x in items if x[1] == "Method"]
        if not methods:
            continue
        focal = max(methods, key=lambda x: x[4])
        for i, t, conf, prop, _ in items:
            if i == focal[0]:
                continue
            for rel in RELATIONS_OF.get(t, ()):
                feats = relation_features(views[pid], ecl[focal[0]], ecl[i], conf, prop, focal[4], lex)
                R[rel][0].append({f"{rel}|{k}": v for k, v in feats.items()})
                R[rel][1].append(str(relation_label(ecl[i], rel, gold[pid])))
                R[rel][2].append(pid)
    relations = {}
    for rel, (X, y, _) in R.items():
        relations[rel] = fit(X, y, C["relation"])
        _say(log, f"{rel} decision: {len(X)} pairs, {y.count('1')} in the gold")
    return JudgeModels(entity=entity, proposal=proposal, focus=focus, relations=relations,
                       min_confidence=min_confidence, meta=dict(meta or {}),
                       thresholds=dict(thresholds or {}))


# ---------------------------------------------------------------------------- scoring held-out extractions

#: what :func:`graph_scores` reports, and what :func:`choose_threshold` weighs equally
GRAPH_FIGURES = (*ENTITY_LABELS, "PROPOSES", "OUTPERFORMS", "EVALUATED_ON", "BASED_ON")


def graph_scores(gold: Sequence[Mapping], records: Sequence[Mapping]) -> dict[str, dict]:
    """Precision, recall and F1 of ``kg extract`` records against graph-gold records, for each of
    :data:`GRAPH_FIGURES`: :func:`kg.evaluate.score_graph` (the measure of
    ``../shared/eval/GRAPH_GOLD_GUIDELINES.md``) in short keys ``p``, ``r``, ``f1``, ``pred``, ``gold``."""
    from .evaluate import score_graph
    scores = score_graph(gold, records)
    return {k: {"p": scores[k]["precision"], "r": scores[k]["recall"], "f1": scores[k]["f1"],
                "pred": scores[k]["pred"], "gold": scores[k]["gold"]} for k in GRAPH_FIGURES}


def above(records: Sequence[Mapping], floor: float) -> list[dict]:
    """``kg extract`` records as :func:`kg.extract.above_threshold` leaves them at ``floor``: the
    results, entities and triples at least that sure, and the names a kept result is bound to; no
    triple to or from a name left out."""
    out = []
    for r in records:
        results = [x for x in r.get("results", []) if x.get("confidence", 1.0) >= floor]
        bound = {(label, x.get(k)) for x in results for k, label in _BINDINGS if x.get(k) is not None}
        entities = [e for e in r.get("entities", []) if e.get("confidence", 1.0) >= floor or (e["type"], e["name"]) in bound]
        dropped = {(e["type"], e["name"]) for e in r.get("entities", [])} - {(e["type"], e["name"]) for e in entities}
        triples = [t for t in r.get("triples", []) if t.get("confidence", 1.0) >= floor
                   and (t["subject"]["type"], t["subject"]["name"]) not in dropped
                   and (t["object"]["type"], t["object"]["name"]) not in dropped]
        out.append({**r, "entities": entities, "triples": triples, "results": results})
    return out


#: the fields of a result record that name an entity, and its type
_BINDINGS = (("method", "Method"), ("dataset", "Dataset"), ("metric", "Metric"), ("task", "Task"))


def choose_threshold(gold: Sequence[Mapping], records: Sequence[Mapping],
                     grid: Sequence[float] = tuple(x / 20 for x in range(4, 17)),
                     beta: float = 0.5) -> tuple[float, dict]:
    """The confidence threshold (of ``grid``) under which held-out ``records`` do best against
    ``gold``: the highest mean F-beta over :data:`GRAPH_FIGURES` (the higher threshold among
    equals). ``beta`` 0.5 weighs precision twice as much as recall: a wrong node costs a reader
    more than a missing one. Returns it with the scores at each threshold (each figure also has
    its ``"fbeta"``)."""
    table = {t: graph_scores(gold, above(records, t)) for t in grid}
    for scores in table.values():
        for f in scores.values():
            f["fbeta"] = _fbeta(f, beta)
    best = max(grid, key=lambda t: (round(sum(table[t][k]["fbeta"] for k in GRAPH_FIGURES) / len(GRAPH_FIGURES), 4), t))
    return best, table


def _fbeta(f: Mapping, beta: float) -> float:
    b2 = beta * beta
    p, r = f["p"], f["r"]
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def rescaled(records: Sequence[Mapping], thresholds: Mapping[str, float], floor: float) -> list[dict]:
    """``kg extract`` records with the confidences of each decision in ``thresholds`` (an entity
    type, or a predicate) moved by :func:`kg.components.judge.rescale`, as the judge moves them."""
    if not thresholds:
        return list(records)
    return [{**r,
             "entities": [{**e, "confidence": rescale(e.get("confidence", 1.0), thresholds.get(e.get("type")), floor)}
                          for e in r.get("entities", [])],
             "triples": [{**t, "confidence": rescale(t.get("confidence", 1.0), thresholds.get(t.get("predicate")), floor)}
                         for t in r.get("triples", [])]} for r in records]


def choose_thresholds(gold: Sequence[Mapping], records: Sequence[Mapping],
                      grid: Sequence[float] = tuple(x / 20 for x in range(4, 17)),
                      beta: float = 0.5) -> tuple[float, dict[str, float], dict]:
    """The graph's threshold (:func:`choose_threshold`), then for each of :data:`GRAPH_FIGURES` its
    own threshold where one of ``grid`` gives that figure a higher F-beta than the graph's
    threshold (each chosen with the others at the graph's). Returns ``(floor, thresholds, table)``,
    ``table`` as :func:`choose_threshold` gives it."""
    floor, table = choose_threshold(gold, records, grid, beta)
    own: dict[str, float] = {}
    for k in GRAPH_FIGURES:
        score = {t: round(_fbeta(graph_scores(gold, above(rescaled(records, {k: t}, floor), floor))[k], beta), 4)
                 for t in grid}
        best = max(grid, key=lambda t: (score[t], -abs(t - floor)))
        if score[best] > score[floor]:  # (the graph threshold is one of the grid)
            own[k] = best
    return floor, own, table


def _say(log, msg: str) -> None:
    if log is not None:
        log(msg)


__all__ = ["C", "entity_label", "proposed_label", "subject_label", "relation_label", "fit", "held_out",
           "train_judge", "graph_scores", "above", "choose_threshold", "choose_thresholds", "rescaled",
           "GRAPH_FIGURES"]
