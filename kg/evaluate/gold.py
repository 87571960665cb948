"""Reading gold files: their records, the papers to give the extractor, and which kind of file each is."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import InputError
from ..model import Paper

#: the kinds of gold file :func:`detect_kind` tells apart
KINDS = ("scirex", "seed", "tdmsci", "graph", "sota")


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
