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

__all__ = [
    "VALUE_TOLERANCE", "EvalReport", "read_gold", "gold_papers", "tdmsci_split",
    "normalise", "is_named", "parse_score", "values_agree", "strings_agree", "score_entities",
    "score_scirex_results", "score_seed_results", "detect_kind", "evaluate", "format_report",
]


# ---------------------------------------------------------------------------- reading gold


def read_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file: one JSON object per line, blank lines skipped.

    Raises :class:`kg.errors.InputError` naming ``path`` and the 1-based line
    for a line that is not a JSON object, has no string ``id``, repeats an id,
    or whose ``entities``/``results`` is not a list.

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
        for key in ("entities", "results"):
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


# ---------------------------------------------------------------------------- strings and numbers


def normalise(s: str | None) -> str:
    """Lower-case and keep only letters and digits (``None`` gives "").

    >>> normalise("ResNet-50"), normalise("COCO test-dev")
    ('resnet50', 'cocotestdev')
    """
    if not s:
        return ""
    return "".join(c for c in s.lower() if c.isalnum())


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


def score_seed_results(gold: Iterable[Mapping], predicted: Iterable, *, tol: float = VALUE_TOLERANCE) -> dict:
    """Value P/R, attribute accuracy on matched pairs and strict score recall for the seed file.

    Per paper, a predicted result can match a gold result when their values
    agree (:func:`values_agree`, 0.765 vs 76.5 accepted, relative tolerance
    ``tol``). Matching is one-to-one and greedy: candidate pairs are taken
    exact value first, then most of dataset/metric/method/kind right, then in
    gold and prediction order. Value precision = matched / all predicted
    results (of the gold papers), value recall = matched / all gold results.
    On matched pairs, dataset, metric and method are right when
    :func:`strings_agree` (containment after normalising; null = null), kind
    when equal. Strict score recall = gold results of kind "score" whose match
    has dataset, metric and kind right / all gold "score" results.

    Returns ``{"gold", "predicted", "matched", "value_precision", "value_recall",
    "dataset_right", "metric_right", "method_right", "kind_right" (shares of
    matched, None when nothing matched), "right_counts": {field: n},
    "score_gold", "strict_score_found", "strict_score_recall", "ignored_records"}``.

    >>> gold = [{"id": "p", "results": [{"value": 76.5, "unit": "%", "kind": "score",
    ...     "dataset": "ImageNet", "metric": "top-1 accuracy", "method": "ViG"}]}]
    >>> pred = [{"id": "p", "results": [{"value": 0.765, "unit": None, "kind": "score",
    ...     "dataset": "ImageNet-1K", "metric": "accuracy", "method": None}]}]
    >>> s = score_seed_results(gold, pred)
    >>> s["value_recall"], s["method_right"], s["strict_score_recall"]
    (1.0, 0.0, 1.0)
    """
    by_id = _records_by_id(predicted)
    gold = list(gold)
    gold_ids = {g["id"] for g in gold}
    n_gold = n_pred = matched = score_gold = strict = 0
    right = {f: 0 for f in (*_FIELDS, "kind")}
    for g in gold:
        g_results = list(g.get("results") or [])
        p_results = [r for rec in by_id.get(g["id"], []) for r in (rec.get("results") or [])]
        n_gold += len(g_results)
        n_pred += len(p_results)
        score_gold += sum(1 for r in g_results if r.get("kind") == "score")
        candidates = []
        for gi, gr in enumerate(g_results):
            gv = _as_float(gr.get("value"))
            if gv is None:
                continue
            for pi, pr in enumerate(p_results):
                pv = _as_float(pr.get("value"))
                percent = "%" in (gr.get("unit"), pr.get("unit"))
                if pv is None or not values_agree(gv, pv, percent=percent, tol=tol):
                    continue
                ok = {f: strings_agree(gr.get(f), pr.get(f)) for f in _FIELDS}
                ok["kind"] = gr.get("kind") == pr.get("kind")
                exact = math.isclose(gv, pv, rel_tol=tol, abs_tol=1e-12)
                candidates.append((not exact, -sum(ok.values()), gi, pi, ok))
        candidates.sort(key=lambda c: c[:4])
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, _, gi, pi, ok in candidates:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            matched += 1
            for f, good in ok.items():
                right[f] += good
            if g_results[gi].get("kind") == "score" and ok["dataset"] and ok["metric"] and ok["kind"]:
                strict += 1
    out = {
        "gold": n_gold, "predicted": n_pred, "matched": matched,
        "value_precision": _ratio(matched, n_pred), "value_recall": _ratio(matched, n_gold),
    }
    for f, n in right.items():
        out[f"{f}_right"] = _ratio(n, matched)
    out.update({
        "right_counts": right, "score_gold": score_gold, "strict_score_found": strict,
        "strict_score_recall": _ratio(strict, score_gold),
        "ignored_records": sum(len(v) for i, v in by_id.items() if i not in gold_ids),
    })
    return out


# ---------------------------------------------------------------------------- the whole run


def detect_kind(gold: Iterable[Mapping]) -> str:
    """Which gold file this is: "scirex", "seed" or "tdmsci".

    SciREX: a record has ``cluster_aliases`` or a result with ``in_abstract``;
    seed: a result with ``value`` or ``kind``; otherwise TDMSci (ids starting
    with "tdmsci", or no results at all); anything else raises ValueError.

    >>> detect_kind([{"id": "tdmsci-train-0", "entities": [], "results": []}])
    'tdmsci'
    """
    gold = list(gold)
    results = [r for g in gold for r in (g.get("results") or [])]
    if any("cluster_aliases" in g for g in gold) or any("in_abstract" in r for r in results):
        return "scirex"
    if any("value" in r or "kind" in r for r in results):
        return "seed"
    if not results or all(g["id"].startswith("tdmsci") for g in gold):
        return "tdmsci"
    raise ValueError("cannot tell the kind of this gold file (not SciREX, seed or TDMSci)")


@dataclass(frozen=True)
class EvalReport:
    """Every figure :func:`evaluate` could compute for one gold file (None where not applicable).

    ``entities`` is :func:`score_entities`'s dict, ``scirex_results`` and
    ``seed_results`` those of :func:`score_scirex_results` and
    :func:`score_seed_results`; ``notes`` says what was scored (e.g. the split).
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


def evaluate(
    gold_path: str | Path,
    extract_fn: Callable[[list[Paper]], Iterable],
    *,
    split: str | None = None,
    dev_fraction: float = 0.2,
) -> EvalReport:
    """Run ``extract_fn`` on the papers of a gold file and score what it returns.

    ``extract_fn(papers)`` gets a list of :class:`kg.model.Paper` and returns
    record dicts (``Extraction.to_record()``) or ``Extraction`` objects.
    The file's kind is detected (:func:`detect_kind`). TDMSci is a training
    file: by default only its dev split (:func:`tdmsci_split`) is scored;
    ``split="train"`` or ``"all"`` choose otherwise. Other files are scored
    whole; asking them for "dev" or "train" raises ValueError.
    Entity figures are computed when the gold records have ``entities``, over
    the types of :data:`kg.schema.ENTITY_LABELS` that the file annotates (TDMSci has no
    Method); results figures for SciREX and seed files.

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
    path_s = str(gold_path)
    gold = read_gold(gold_path)
    if not gold:
        raise InputError("no gold records", path=path_s)
    try:
        kind = detect_kind(gold)
    except ValueError as e:
        raise InputError(str(e), path=path_s) from e
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

    records = list(extract_fn(gold_papers(gold)))
    has_entities = any("entities" in g for g in gold)
    present = {e.get("type") for g in gold for e in (g.get("entities") or [])}
    types = (tuple(t for t in ENTITY_LABELS if t in present) or ENTITY_LABELS) if has_entities else ()
    entities = score_entities(gold, records, types) if has_entities else None
    if has_entities and len(types) < len(ENTITY_LABELS):
        notes.append(f"entity types not annotated in this file are not scored: "
                     f"{', '.join(t for t in ENTITY_LABELS if t not in types)}")
    scirex = score_scirex_results(gold, records) if kind == "scirex" else None
    seed = score_seed_results(gold, records) if kind == "seed" else None
    ignored = (entities or scirex or seed or {}).get("ignored_records", 0)
    if ignored:
        notes.append(f"{ignored} predicted records have an id not in the gold and were ignored")
    return EvalReport(
        path=path_s, kind=kind, split=split, papers=len(gold), records=len(records), types=types,
        entities=entities, scirex_results=scirex, seed_results=seed, notes=tuple(notes),
    )


def _f(x: float | None, width: int = 5) -> str:
    return f"{x:.3f}".rjust(width) if x is not None else "-".rjust(width)


def format_report(report: EvalReport) -> str:
    """Render an :class:`EvalReport` as a compact plain-text table (no trailing newline).

    Entities: one row per type and a micro row, with P, R, F1 and the number of
    gold strings, for all mentions and for named ones. Then the results figures.

    >>> r = EvalReport(path="g.jsonl", kind="seed", split="all", papers=1, records=1,
    ...     seed_results=score_seed_results([{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}],
    ...                                     [{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}]))
    >>> print(format_report(r).splitlines()[1])
    results: value P 1.000 (1/1)  R 1.000 (1/1)
    """
    name = Path(report.path).name
    lines = [f"{name}: {report.kind}, split {report.split}, {report.papers} papers, {report.records} records"]
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
    s = report.scirex_results
    if s is not None:
        lines.append(
            f"results (in-abstract gold): found {s['found']}/{s['in_abstract']} recall {_f(s['recall'], 0)}"
            f"  (value only {s['value_found']}, {s['predicted_results']} predicted results)"
        )
    d = report.seed_results
    if d is not None:
        lines.append(
            f"results: value P {_f(d['value_precision'], 0)} ({d['matched']}/{d['predicted']})"
            f"  R {_f(d['value_recall'], 0)} ({d['matched']}/{d['gold']})"
        )
        if d["matched"]:
            lines.append(
                f"  on {d['matched']} matched: dataset {_f(d['dataset_right'], 0)}  metric "
                f"{_f(d['metric_right'], 0)}  method {_f(d['method_right'], 0)}  kind {_f(d['kind_right'], 0)}"
            )
        lines.append(
            f"  strict score recall {_f(d['strict_score_recall'], 0)} ({d['strict_score_found']}/{d['score_gold']})"
        )
    lines.extend(f"note: {n}" for n in report.notes)
    return "\n".join(lines)
