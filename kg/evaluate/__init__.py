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

The modules: ``gold`` (reading gold files, :func:`detect_kind`), ``splits`` (:func:`tdmsci_split`,
:func:`tune_check_split`), ``compare`` (how strings and numbers agree), ``entities``
(:func:`score_entities`), ``scirex``, ``seed``, ``graph`` and ``sota`` (one measure each), ``report``
(:func:`evaluate`, :class:`EvalReport`, :func:`format_report`). Import from ``kg.evaluate``.
"""
from __future__ import annotations

from .compare import VALUE_TOLERANCE, graph_form, is_named, normalise, parse_score, strings_agree, values_agree
from .entities import score_entities
from .gold import KINDS, detect_kind, gold_papers, read_gold
from .graph import GRAPH_RELATIONS, GRAPH_TYPES, score_graph
from .report import EvalReport, evaluate, format_report
from .scirex import score_scirex_results
from .seed import _seed_same, score_seed_results  # noqa: F401  (_seed_same: kg.components.results.learn)
from .sota import _sota_same, score_sota  # noqa: F401  (_sota_same: kg.components.results.learn)
from .splits import HALVES, SPLITS, tdmsci_split, tune_check_split  # noqa: F401  (SPLITS: as before)

__all__ = [
    "VALUE_TOLERANCE", "HALVES", "KINDS", "GRAPH_TYPES", "GRAPH_RELATIONS", "EvalReport", "read_gold",
    "gold_papers", "tdmsci_split", "tune_check_split", "normalise", "graph_form", "is_named", "parse_score",
    "values_agree", "strings_agree", "score_entities", "score_scirex_results", "score_seed_results",
    "score_graph", "score_sota", "detect_kind", "evaluate", "format_report",
]
