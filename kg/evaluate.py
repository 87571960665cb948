"""Score extractions against the gold files of ``../shared/eval`` (the measures the project is judged by).

Pure functions over plain data: gold records are the JSON objects of a gold
file, predictions are ``Extraction.to_record()`` dicts. Nothing here prints.

>>> gold = [{"id": "p1", "title": "", "abstract": "ResNet-50 on ImageNet.",
...          "entities": [{"type": "Method", "text": "ResNet-50", "start": 0, "end": 9}]}]
>>> pred = [{"id": "p1", "entities": [{"type": "Method", "text": "resnet50"}]}]
>>> score_entities(gold, pred)["all"]["Method"]["f1"]
1.0

Decisions where the shared README leaves room (each function repeats its own):

* Entities are compared by their surface string (``text``), never by ``name``.
  Strings that normalise to "" are dropped on both sides.
* "named": a normalised string is named when one of its surface forms in the
  paper's gold is named; when the gold of that paper does not have the string
  at all, the predicted surface form decides. Both sides are then restricted to
  named strings. An echo of the gold therefore scores 1.0 on both tables.
* Values agree when equal within ``VALUE_TOLERANCE`` (relative), or equal after
  scaling one side by 100; the scaled form is accepted only when one side is a
  percentage (unit "%", or a score string ending in "%") or the smaller number
  is a fraction (|x| <= 1), so that "2x" never matches "200 images".
* Containment (datasets, metrics, methods) is between normalised strings and
  needs both non-empty; ``None`` and a string that normalises to "" are null,
  null matches only null.
* Papers are matched by id; predicted records whose id is not in the gold are
  ignored (and counted); gold papers without a record count as predicting nothing.

The graph gold (``graph_gold_*.jsonl``), SOTA? (``sota_results_train.jsonl``) and seed
results measures are those of the reference scorers of ``../shared/tools``
(``score_graph.py``, ``score_sota.py``, ``score_results.py``), written again here; a test
runs both on the shared files and compares every figure.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Paper
from .schema import ENTITY_LABELS

VALUE_TOLERANCE = 1e-6
SPLITS = ("dev", "train", "all")
#: the two fixed halves of any gold file (:func:`tune_check_split`)
HALVES = ("tune", "check")
#: the kinds of gold file :func:`detect_kind` tells apart
KINDS = ("scirex", "seed", "tdmsci", "graph", "sota")
#: entity types and relations of the graph gold (``GRAPH_GOLD_GUIDELINES.md``)
GRAPH_TYPES = ("Method", "Dataset", "Task", "Metric")
GRAPH_RELATIONS = ("OUTPERFORMS", "EVALUATED_ON", "BASED_ON")

__all__ = [
    "VALUE_TOLERANCE", "HALVES", "KINDS", "GRAPH_TYPES", "GRAPH_RELATIONS", "EvalReport", "read_gold",
    "gold_papers", "tdmsci_split", "tune_check_split", "normalise", "graph_form", "is_named", "parse_score",
    "values_agree", "strings_agree", "score_entities", "score_scirex_results", "score_seed_results",
    "score_graph", "score_sota", "detect_kind", "evaluate", "format_report",
]


# ---------------------------------------------------------------------------- reading gold


def read_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file: one JSON object per line, blank lines skipped.

    Raises :class:`kg.errors.InputError` naming ``path`` and the 1-based line
    for a line that is not a JSON object, has no string ``id``, repeats an id,
    or whose ``entities``, ``results``, ``tuples``, ``proposes`` or ``relations`` is not a list.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = p.write_text('{"id": "a", "abstract": "x"}\\n\\n{"id": "b"}\\n')
    >>> [r["id"] for r in read_gold(p)]
    ['a', 'b']
    """
    path_s = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read gold file: {e}", path=path_s) from e
    records: list[dict] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"broken JSON: {e.msg} (column {e.colno})", path=path_s, line=n) from e
        if not isinstance(rec, dict):
            raise InputError(f"expected a JSON object, got {type(rec).__name__}", path=path_s, line=n)
        rid = rec.get("id")
        if not isinstance(rid, str) or not rid:
            raise InputError("record has no string 'id'", path=path_s, line=n)
        if rid in seen:
            raise InputError(f"duplicate id {rid!r}", path=path_s, line=n)
        for key in ("entities", "results", "tuples", "proposes", "relations"):
            if key in rec and not isinstance(rec[key], list):
                raise InputError(f"'{key}' is not a list", path=path_s, line=n)
        seen.add(rid)
        records.append(rec)
    return records


def gold_papers(gold: Iterable[Mapping]) -> list[Paper]:
    """The :class:`kg.model.Paper` of each gold record, to feed the extractor.

    A missing title becomes "" (TDMSci), so ``Paper.text`` is the string the
    gold offsets index.

    >>> gold_papers([{"id": "t1", "abstract": "We parse."}])[0].text
    'We parse.'
    """
    return [Paper(id=r["id"], title=r.get("title") or "", abstract=r.get("abstract") or "") for r in gold]


def _unit_hash(s: str) -> float:
    """A number in [0, 1) from the sha1 of ``s``: the same on every run and Python version."""
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:12], 16) / 16**12


def tdmsci_split(gold: Iterable[Mapping], dev_fraction: float = 0.2) -> tuple[list, list]:
    """Split gold records into ``(train, dev)`` by a sha1 hash of their id, order kept.

    A record is in dev when the first 12 hex digits of sha1(id), read as a
    fraction of 16**12, are below ``dev_fraction``; so the split is stable
    across runs, machines and Python versions, and a record never changes
    side when others are added.

    >>> train, dev = tdmsci_split([{"id": f"tdmsci-train-{i}"} for i in range(1000)])
    >>> len(train) + len(dev), 150 < len(dev) < 250
    (1000, True)
    """
    if not 0.0 <= dev_fraction <= 1.0:
        raise ValueError(f"dev_fraction must be within [0, 1], got {dev_fraction}")
    train: list = []
    dev: list = []
    for r in gold:
        (dev if _unit_hash(r["id"]) < dev_fraction else train).append(r)
    return train, dev


def tune_check_split(records: Iterable[Mapping]) -> tuple[list, list]:
    """Split records into a fixed ``(tune, check)`` pair of halves by a sha1 hash of their id, order kept.

    A record is in the tune half when the first 12 hex digits of sha1(id) (UTF-8), read as a
    fraction of 16**12, are below 0.5, else in the check half: the same on every machine and
    Python version, and a record never changes half when others are added or removed. Rules and
    weights may be tuned on the tune half; the check half is only measured on. (``kg eval
    --half tune|check`` scores one half; on ``seed_results_dev.jsonl`` the tune half holds 40
    papers, the check half 51.)

    >>> tune, check = tune_check_split([{"id": f"seed-{i}"} for i in range(1000)])
    >>> len(tune) + len(check), 450 < len(tune) < 550
    (1000, True)
    >>> [[r["id"] for r in half] for half in tune_check_split([{"id": f"p{i}"} for i in range(1, 7)])]
    [['p4', 'p5'], ['p1', 'p2', 'p3', 'p6']]
    """
    tune: list = []
    check: list = []
    for r in records:
        (tune if _unit_hash(r["id"]) < 0.5 else check).append(r)
    return tune, check


# ---------------------------------------------------------------------------- strings and numbers


def normalise(s: str | None) -> str:
    """Lower-case and keep only letters and digits (``None`` gives "").

    >>> normalise("ResNet-50"), normalise("COCO test-dev")
    ('resnet50', 'cocotestdev')
    """
    if not s:
        return ""
    return "".join(c for c in s.lower() if c.isalnum())


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]")


def graph_form(s: str | None) -> str:
    """A name as the graph gold compares it: lower case, "+" read as "plus", ASCII letters and digits only.

    >>> graph_form("ResNet-50"), graph_form("C++"), graph_form("Top-1 Acc."), graph_form(None)
    ('resnet50', 'cplusplus', 'top1acc', '')
    """
    return _NOT_ASCII_ALNUM.sub("", (s or "").lower().replace("+", "plus"))


def _ascii_form(s) -> str:
    """A string as the results measures compare it: lower case, ASCII letters and digits only."""
    return _NOT_ASCII_ALNUM.sub("", str(s or "").lower())


def _contained(a, b) -> bool:
    """One of two non-empty :func:`_ascii_form` strings contains the other."""
    a, b = _ascii_form(a), _ascii_form(b)
    return bool(a and b and (a in b or b in a))


def is_named(s: str | None) -> bool:
    """True when ``s`` as written has a capital letter after its first character, or a digit.

    >>> [is_named(s) for s in ("ResNet-50", "SQuAD", "CIFAR-10", "BiDAF", "Transformer", "accuracy")]
    [True, True, True, True, False, False]
    """
    if not s:
        return False
    return any(c.isupper() for c in s[1:]) or any(c.isdigit() for c in s)


_SCORE_RE = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([kmb])?$", re.IGNORECASE)
_MULT = {"k": 1e3, "m": 1e6, "b": 1e9}


def parse_score(s) -> tuple[float, bool] | None:
    """Parse a gold score string to ``(value, is_percent)``; ``None`` when it is no number.

    Accepts a trailing "%", a K/M/B suffix, thousands commas ("1,024") and a
    decimal comma ("85,06"). Numbers pass through unchanged.

    >>> parse_score("71.8%"), parse_score("2.9m"), parse_score("85,06"), parse_score("-")
    ((71.8, True), (2900000.0, False), (85.06, False), None)
    """
    if isinstance(s, bool) or s is None:
        return None
    if isinstance(s, (int, float)):
        return (float(s), False) if math.isfinite(s) else None
    t = str(s).strip().replace(" ", "")
    percent = t.endswith("%")
    if percent:
        t = t[:-1]
    if "," in t:
        if "." not in t and re.fullmatch(r"[+-]?\d+,\d{1,2}", t):
            t = t.replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?[kmbKMB]?", t):
            t = t.replace(",", "")
        else:
            return None
    m = _SCORE_RE.match(t)
    if not m:
        return None
    value = float(m.group(1)) * _MULT.get((m.group(2) or "").lower(), 1.0)
    return value, percent


def _as_float(v) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(v) else None
    parsed = parse_score(v)
    return parsed[0] if parsed else None


def values_agree(a: float, b: float, *, percent: bool = False, tol: float = VALUE_TOLERANCE) -> bool:
    """True when ``a`` and ``b`` are equal, or equal once one is scaled by 100 (0.765 vs 76.5).

    The scaled form counts only when ``percent`` (one side is known to be a
    percentage) or the smaller number is a fraction (|x| <= 1); ``tol`` is relative.

    >>> values_agree(0.765, 76.5), values_agree(2.0, 200.0), values_agree(2.0, 200.0, percent=True)
    (True, False, True)
    """
    def close(x: float, y: float) -> bool:
        return math.isclose(x, y, rel_tol=tol, abs_tol=1e-12)

    if close(a, b):
        return True
    if not (percent or min(abs(a), abs(b)) <= 1.0):
        return False
    return close(a * 100.0, b) or close(a, b * 100.0)


def strings_agree(gold: str | None, predicted: str | None) -> bool:
    """True when one normalised string contains the other; null (None or "") matches only null.

    >>> strings_agree("COCO test-dev", "COCO"), strings_agree(None, None), strings_agree("COCO", None)
    (True, True, False)
    """
    g, p = normalise(gold), normalise(predicted)
    if not g or not p:
        return not g and not p
    return g in p or p in g


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(tp: int, pred: int, gold: int) -> dict:
    """Counts plus precision, recall and F1 (F1 = 2tp / (pred + gold); None when undefined)."""
    return {
        "tp": tp, "pred": pred, "gold": gold,
        "precision": _ratio(tp, pred), "recall": _ratio(tp, gold), "f1": _ratio(2 * tp, pred + gold),
    }


# ---------------------------------------------------------------------------- predictions by paper


def _records_by_id(predicted: Iterable) -> dict[str, list[Mapping]]:
    """Group predicted records by paper id (an ``Extraction`` is turned into its record)."""
    by_id: dict[str, list[Mapping]] = {}
    for rec in predicted:
        if hasattr(rec, "to_record"):
            rec = rec.to_record()
        if not isinstance(rec, Mapping) or not isinstance(rec.get("id"), str):
            raise ValueError(f"a predicted record must be a dict with a string 'id', got {rec!r:.80}")
        by_id.setdefault(rec["id"], []).append(rec)
    return by_id


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


# ---------------------------------------------------------------------------- entities


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


# ---------------------------------------------------------------------------- results


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
    n_gold = n_pred = hits = matched = score_gold = score_found = strict = 0
    right = {f: 0 for f in (*_FIELDS, "kind")}
    for pid in ids:
        g_results = gold_by_id.get(pid, [])
        p_results = [r for rec in by_id.get(pid, []) for r in (rec.get("results") or [])]
        p_values = [_seed_value(r.get("value")) for r in p_results]
        n_gold += len(g_results)
        n_pred += len(p_results)
        hits += sum(1 for v in p_values if any(_seed_same(v, gr.get("value")) for gr in g_results))
        used: set[int] = set()
        for gr in g_results:
            best = None
            for j, (pr, v) in enumerate(zip(p_results, p_values)):
                if j in used or not _seed_same(v, gr.get("value")):
                    continue
                best = j
                if _seed_agree(gr.get("dataset"), pr.get("dataset")):
                    break
            is_score = gr.get("kind") == "score"
            score_gold += is_score
            if best is None:
                continue
            used.add(best)
            matched += 1
            pr = p_results[best]
            ok = {f: _seed_agree(gr.get(f), pr.get(f)) for f in _FIELDS}
            ok["kind"] = pr.get("kind") == gr.get("kind")
            for f, good in ok.items():
                right[f] += good
            if is_score:
                score_found += 1
                strict += ok["dataset"] and ok["metric"] and ok["kind"]
    precision, recall = _ratio(hits, n_pred), _ratio(matched, n_gold)
    p_, r_ = precision or 0.0, recall or 0.0
    out = {
        "papers": len(ids), "gold": n_gold, "predicted": n_pred, "value_hits": hits, "matched": matched,
        "value_precision": precision, "value_recall": recall,
        "value_f1": 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0,
    }
    for f, n in right.items():
        out[f"{f}_right"] = _ratio(n, matched)
    wanted = set(ids)
    out.update({
        "right_counts": right, "score_gold": score_gold, "score_found": score_found,
        "score_recall": _ratio(score_found, score_gold),
        "strict_score_found": strict, "strict_score_recall": _ratio(strict, score_gold),
        "ignored_records": sum(len(v) for i, v in by_id.items() if i not in wanted),
    })
    return out


# ---------------------------------------------------------------------------- graph gold


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
        groups: dict[tuple[str, str], set[str]] = {}
        for e in (e for rec in recs for e in rec.get("entities") or []):
            if e.get("type") in GRAPH_TYPES:
                forms = groups.setdefault((e["type"], e.get("name") or e.get("text")), set())
                forms |= {graph_form(e.get("name")), graph_form(e.get("text"))} - {""}
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

        def predicted_forms(node: Mapping) -> set[str]:
            name = node.get("name")
            return groups.get((node.get("type"), name), set()) | {graph_form(name)}

        def gold_forms(name: str) -> set[str]:
            key = graph_form(name)
            return next((gf for _, gf in gold_ents if key in gf), {key})

        triples = [t for rec in recs for t in rec.get("triples") or []]
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
    out: dict = {"papers": len(gold)}
    for k in keys:
        out[k] = _prf2(*counts[k])
    for t in GRAPH_TYPES:
        out[t]["wrong_type"] = wrong_type[t]
    out["entities"] = _prf2(*(sum(counts[t][i] for t in GRAPH_TYPES) for i in range(4)))
    gold_ids = {g["id"] for g in gold}
    out["ignored_records"] = sum(len(v) for i, v in by_id.items() if i not in gold_ids)
    return out


# ---------------------------------------------------------------------------- SOTA? tuples


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


# ---------------------------------------------------------------------------- the whole run


def detect_kind(gold: Iterable[Mapping]) -> str:
    """Which gold file this is: one of :data:`KINDS`.

    graph: a record has ``proposes`` or ``relations``, or an entity with ``names``
    (``GRAPH_GOLD_GUIDELINES.md``); sota: a record has ``tuples`` (SOTA?); SciREX: a record has
    ``cluster_aliases`` or a result with ``in_abstract``; seed: a result with ``value`` or
    ``kind``; otherwise TDMSci (ids starting with "tdmsci", or no results at all); anything
    else raises ValueError.

    >>> detect_kind([{"id": "tdmsci-train-0", "entities": [], "results": []}])
    'tdmsci'
    >>> detect_kind([{"id": "s", "entities": [{"type": "Method", "names": ["ViG"]}], "proposes": []}])
    'graph'
    >>> detect_kind([{"id": "sota-1", "tuples": []}])
    'sota'
    """
    gold = list(gold)
    if any("proposes" in g or "relations" in g for g in gold) or any(
            isinstance(e, Mapping) and "names" in e for g in gold for e in (g.get("entities") or [])):
        return "graph"
    if any("tuples" in g for g in gold):
        return "sota"
    results = [r for g in gold for r in (g.get("results") or [])]
    if any("cluster_aliases" in g for g in gold) or any("in_abstract" in r for r in results):
        return "scirex"
    if any("value" in r or "kind" in r for r in results):
        return "seed"
    if not results or all(g["id"].startswith("tdmsci") for g in gold):
        return "tdmsci"
    raise ValueError("cannot tell the kind of this gold file (not graph gold, SOTA?, SciREX, seed or TDMSci)")


@dataclass(frozen=True)
class EvalReport:
    """Every figure :func:`evaluate` could compute for one gold file (None where not applicable).

    ``kind`` is one of :data:`KINDS`; ``split`` the TDMSci split ("all" for other files), ``half``
    the half of :func:`tune_check_split` that was scored (None: the whole file); ``papers`` how
    many papers the figures count (with ``corpus``, the corpus papers too). ``entities`` is
    :func:`score_entities`'s dict, ``scirex_results``, ``seed_results``, ``graph`` and
    ``sota_results`` those of :func:`score_scirex_results`, :func:`score_seed_results`,
    :func:`score_graph` and :func:`score_sota`; ``notes`` says what was scored.
    ``kg eval --json`` prints this dataclass as a JSON object.
    """

    path: str
    kind: str
    split: str
    papers: int
    records: int
    types: tuple[str, ...] = ()
    entities: dict | None = None
    scirex_results: dict | None = None
    seed_results: dict | None = None
    notes: tuple[str, ...] = field(default=())
    half: str | None = None
    graph: dict | None = None
    sota_results: dict | None = None


def _title_key(title: str | None) -> str:
    return normalise(title)


def evaluate(
    gold_path: str | Path,
    extract_fn: Callable[[list[Paper]], Iterable],
    *,
    split: str | None = None,
    dev_fraction: float = 0.2,
    half: str | None = None,
    corpus: Iterable[Paper] | None = None,
) -> EvalReport:
    """Run ``extract_fn`` on the papers of a gold file and score what it returns.

    ``extract_fn(papers)`` gets a list of :class:`kg.model.Paper` and returns
    record dicts (``Extraction.to_record()``) or ``Extraction`` objects.
    The file's kind is detected (:func:`detect_kind`). TDMSci is a training
    file: by default only its dev split (:func:`tdmsci_split`) is scored;
    ``split="train"`` or ``"all"`` choose otherwise. Other files are scored
    whole; asking them for "dev" or "train" raises ValueError.
    ``half`` ("tune" or "check") scores one half of :func:`tune_check_split` of the
    file (after the TDMSci split).
    Entity figures are computed when the gold records have ``entities``, over
    the types of :data:`kg.schema.ENTITY_LABELS` that the file annotates (TDMSci has no
    Method); results figures for SciREX, seed and SOTA? files; graph figures
    (:func:`score_graph`) for graph gold files.

    ``corpus`` (seed results files only): more papers whose predicted results count in value
    precision, as papers without gold results (the measure counts false results in papers
    without any). A corpus paper whose title (lower case, letters and digits) is a gold
    record's is that record, extracted from the gold's text; with ``half``, the other corpus
    papers are split by their own ids.

    >>> import tempfile, pathlib, json
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = p.write_text(json.dumps({"id": "tdmsci-x", "title": "", "abstract": "BLEU on WMT.",
    ...     "entities": [{"type": "Metric", "text": "BLEU", "start": 0, "end": 4}], "results": []}))
    >>> echo = lambda papers: [{"id": q.id, "entities": [{"type": "Metric", "text": "BLEU"}]} for q in papers]
    >>> r = evaluate(p, echo, split="all")
    >>> r.kind, r.entities["all"]["Metric"]["f1"]
    ('tdmsci', 1.0)
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    path_s = str(gold_path)
    gold = read_gold(gold_path)
    if not gold:
        raise InputError("no gold records", path=path_s)
    try:
        kind = detect_kind(gold)
    except ValueError as e:
        raise InputError(str(e), path=path_s) from e
    if corpus is not None and kind != "seed":
        raise InputError(f"a corpus applies to seed results files only; this is a {kind} file", path=path_s)
    total = len(gold)
    notes: list[str] = []
    if kind == "tdmsci":
        split = split or "dev"
        if split != "all":
            train, dev = tdmsci_split(gold, dev_fraction)
            gold = dev if split == "dev" else train
            notes.append(
                f"TDMSci: scored the {split} split only ({len(gold)} of {total} records; dev = sha1(id) "
                f"below {dev_fraction:g}); split='all' scores every record"
            )
    else:
        if split not in (None, "all"):
            raise ValueError(f"split={split!r} applies to TDMSci only; this is a {kind} file")
        split = "all"
    all_titles = {_title_key(g.get("title")): g["id"] for g in gold if _title_key(g.get("title"))}
    if half is not None:
        before = len(gold)
        gold = tune_check_split(gold)[HALVES.index(half)]
        notes.append(f"scored the {half} half only ({len(gold)} of {before} records; tune = sha1(id) below 0.5)")
        if not gold:
            raise InputError(f"no gold records in the {half} half", path=path_s)

    papers = gold_papers(gold)
    scored_ids = None
    if corpus is not None:
        scored = {g["id"] for g in gold}
        in_gold = set()
        extra: list[Paper] = []
        seen: set[str] = set()
        for q in corpus:
            gid = all_titles.get(_title_key(q.title))
            if gid is not None:
                if gid in scored:
                    in_gold.add(gid)
            elif q.id not in seen and (half is None or tune_check_split([{"id": q.id}])[HALVES.index(half)]):
                seen.add(q.id)
                extra.append(q)
        papers += extra
        scored_ids = [g["id"] for g in gold] + [q.id for q in extra]
        notes.append(f"value precision counts {len(extra)} corpus papers without gold results too "
                     f"({len(in_gold)} corpus papers are gold records)")

    records = list(extract_fn(papers))
    has_entities = kind not in ("graph", "sota") and any("entities" in g for g in gold)
    present = {e.get("type") for g in gold for e in (g.get("entities") or [])}
    types = (tuple(t for t in ENTITY_LABELS if t in present) or ENTITY_LABELS) if has_entities else ()
    entities = score_entities(gold, records, types) if has_entities else None
    if has_entities and len(types) < len(ENTITY_LABELS):
        notes.append(f"entity types not annotated in this file are not scored: "
                     f"{', '.join(t for t in ENTITY_LABELS if t not in types)}")
    scirex = score_scirex_results(gold, records) if kind == "scirex" else None
    seed = score_seed_results(gold, records, papers=scored_ids) if kind == "seed" else None
    graph = score_graph(gold, records) if kind == "graph" else None
    sota = score_sota(gold, records) if kind == "sota" else None
    ignored = (entities or scirex or seed or graph or sota or {}).get("ignored_records", 0)
    if ignored:
        notes.append(f"{ignored} predicted records have an id not in the gold and were ignored")
    return EvalReport(
        path=path_s, kind=kind, split=split, papers=len(papers), records=len(records), types=types,
        entities=entities, scirex_results=scirex, seed_results=seed, notes=tuple(notes), half=half,
        graph=graph, sota_results=sota,
    )


def _f(x: float | None, width: int = 5) -> str:
    return f"{x:.3f}".rjust(width) if x is not None else "-".rjust(width)


def format_report(report: EvalReport) -> str:
    """Render an :class:`EvalReport` as a compact plain-text table (no trailing newline).

    Entities: one row per type and a micro row, with P, R, F1 and the number of
    gold strings, for all mentions and for named ones. Graph gold: P, R, F1, predictions,
    gold items and "wrong type" per entity type, then PROPOSES and each relation. Then the
    results figures (SciREX, seed, SOTA?).

    >>> r = EvalReport(path="g.jsonl", kind="seed", split="all", papers=1, records=1,
    ...     seed_results=score_seed_results([{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}],
    ...                                     [{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}]))
    >>> print(format_report(r).splitlines()[1])
    results: value P 1.000 (1/1)  R 1.000 (1/1)
    """
    name = Path(report.path).name
    half = f", {report.half} half" if report.half else ""
    lines = [f"{name}: {report.kind}, split {report.split}{half}, {report.papers} papers, {report.records} records"]
    ent = report.entities
    if ent is not None:
        lines.append(f"{'':10} {'all':^23} | {'named':^23}")
        lines.append(f"{'type':10} {'P':>5} {'R':>5} {'F1':>5} {'gold':>5} | {'P':>5} {'R':>5} {'F1':>5} {'gold':>5}")
        for t in (*report.types, "micro"):
            a, n = ent["all"][t], ent["named"][t]
            lines.append(
                f"{t:10} {_f(a['precision'])} {_f(a['recall'])} {_f(a['f1'])} {a['gold']:>5} | "
                f"{_f(n['precision'])} {_f(n['recall'])} {_f(n['f1'])} {n['gold']:>5}"
            )
    gr = report.graph
    if gr is not None:
        lines.append(f"{'graph':13} {'P':>5} {'R':>5} {'F1':>5} {'pred':>5} {'gold':>5} {'wrong type':>10}")
        for k in (*GRAPH_TYPES, "entities", "PROPOSES", *GRAPH_RELATIONS):
            d = gr[k]
            wrong = f"{d['wrong_type']:>10}" if "wrong_type" in d else ""
            lines.append(f"{k:13} {_f(d['precision'])} {_f(d['recall'])} {_f(d['f1'])} {d['pred']:>5} "
                         f"{d['gold']:>5} {wrong}".rstrip())
    s = report.scirex_results
    if s is not None:
        lines.append(
            f"results (in-abstract gold): found {s['found']}/{s['in_abstract']} recall {_f(s['recall'], 0)}"
            f"  (value only {s['value_found']}, {s['predicted_results']} predicted results)"
        )
    d = report.seed_results
    if d is not None:
        lines.append(
            f"results: value P {_f(d['value_precision'], 0)} ({d['value_hits']}/{d['predicted']})"
            f"  R {_f(d['value_recall'], 0)} ({d['matched']}/{d['gold']})"
        )
        if d["matched"]:
            lines.append(
                f"  on {d['matched']} matched: dataset {_f(d['dataset_right'], 0)}  metric "
                f"{_f(d['metric_right'], 0)}  method {_f(d['method_right'], 0)}  kind {_f(d['kind_right'], 0)}"
            )
        lines.append(
            f"  score recall {_f(d['score_recall'], 0)} ({d['score_found']}/{d['score_gold']})"
            f"  strict score recall {_f(d['strict_score_recall'], 0)} ({d['strict_score_found']}/{d['score_gold']})"
        )
    t = report.sota_results
    if t is not None:  # (shares rounded to 4 decimals first, as score_sota.py prints them)
        t = {k: round(v, 4) if isinstance(v, float) else v for k, v in t.items()}
        n = t["gold_tuples_in_abstract"]
        lines.append(f"SOTA? tuples stated in abstracts: {n} in {t['papers']} papers "
                     f"({t['papers_without_prediction']} without a prediction)")
        lines.append(
            f"  recall value {_f(t['recall_value'], 0)} ({t['found_value']}/{n})"
            f"  value+dataset {_f(t['recall_dataset'], 0)} ({t['found_dataset']}/{n})"
            f"  value+dataset+metric {_f(t['recall_dataset_metric'], 0)} ({t['found_dataset_metric']}/{n})"
        )
        lines.append(
            f"  precision proxy (a lower bound; kind score) {_f(t['precision_proxy_lower_bound'], 0)} "
            f"({t['predicted_score_matching_gold']}/{t['predicted_score_results']}; "
            f"{t['predicted_results']} predicted results of all kinds)"
        )
        lines.append(f"  the gold dataset string occurs in the abstract for {_f(t['gold_dataset_in_abstract'], 0)}"
                     f" of the tuples")
    lines.extend(f"note: {n}" for n in report.notes)
    return "\n".join(lines)
