"""CSV node and relationship files for ``neo4j-admin database import full``.

One node file per label (``nodes_Method.csv``) and one relationship file per
type (``rels_PROPOSES.csv``), with the typed headers neo4j-admin expects::

    id:ID,:LABEL,name,aliases:string[],support:int,...
    :START_ID,:END_ID,:TYPE,support:int,evidence:string

Lists of strings use ``;`` (neo4j-admin's default array delimiter; a ``;``
inside an element becomes ``,``); ``evidence`` is a JSON string. Import with::

    neo4j-admin database import full --nodes=nodes_Paper.csv ... \\
        --relationships=rels_PROPOSES.csv ... --multiline-fields=true neo4j

>>> import networkx as nx, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("dataset:coco", type="Dataset", name="COCO", aliases=["MS COCO"], support=2)
>>> G.add_node("paper:1", type="Paper", name="A paper")
>>> G.add_edge("paper:1", "dataset:coco", key="MENTIONS", type="MENTIONS", evidence=[], support=1)
'MENTIONS'
>>> d = tempfile.mkdtemp(); files = write_neo4j_csv(G, d)
>>> read_neo4j_csv(d).nodes["dataset:coco"]["aliases"]
['MS COCO']
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..errors import ExportError
from ._nulls import restore_nulls
from ..schema import NODE_LABELS, RELATION_TYPES

_SKIP = {"type"}
_JSON_COLUMNS = {"evidence"}


def _column_type(values: list) -> str:
    vals = [v for v in values if v is not None]
    if not vals:
        return "string"
    if all(isinstance(v, bool) for v in vals):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "double"
    if all(isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) for v in vals):
        return "string[]"
    if all(isinstance(v, str) for v in vals):
        return "string"
    return "json"


def _cell(v, kind: str) -> str:
    if v is None:
        return ""
    if kind == "string[]":
        return ";".join(str(x).replace(";", ",") for x in v)
    if kind == "json":
        return json.dumps(v, ensure_ascii=False)
    if kind == "boolean":
        return "true" if v else "false"
    return str(v)


def _header(name: str, kind: str) -> str:
    return f"{name}:string" if kind == "json" else (name if kind == "string" else f"{name}:{kind}")


def _write(path: Path, fixed: list[str], rows: list[tuple[list[str], dict]]) -> None:
    attrs = sorted({k for _, d in rows for k in d if k not in _SKIP})
    kinds = {a: "json" if a in _JSON_COLUMNS else _column_type([d.get(a) for _, d in rows]) for a in attrs}
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(fixed + [_header(a, kinds[a]) for a in attrs])
            for lead, d in rows:
                w.writerow(lead + [_cell(d.get(a), kinds[a]) for a in attrs])
    except OSError as e:
        raise ExportError(f"{path}: cannot write CSV ({e.strerror})") from e


def write_neo4j_csv(G: nx.MultiDiGraph, folder) -> list[Path]:
    """Write ``nodes_<Label>.csv`` and ``rels_<TYPE>.csv`` into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list] = defaultdict(list)
    for n, d in G.nodes(data=True):
        label = d.get("type")
        if label not in NODE_LABELS:
            raise ExportError(f"node {n!r}: type {label!r} is not one of {NODE_LABELS}")
        by_label[label].append(([n, label], d))
    by_type: dict[str, list] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in RELATION_TYPES:
            raise ExportError(f"edge {u!r}->{v!r}: relation {k!r} is not one of {RELATION_TYPES}")
        by_type[k].append(([u, v, k], d))
    written = []
    for label, rows in sorted(by_label.items()):
        written.append(folder / f"nodes_{label}.csv")
        _write(written[-1], ["id:ID", ":LABEL"], rows)
    for rel, rows in sorted(by_type.items()):
        written.append(folder / f"rels_{rel}.csv")
        _write(written[-1], [":START_ID", ":END_ID", ":TYPE"], rows)
    return written


def _parse(value: str, kind: str):
    if value == "":
        return None
    if kind == "string[]":
        return value.split(";")
    if kind in ("long", "int"):
        return int(value)
    if kind in ("double", "float"):
        return float(value)
    if kind == "boolean":
        return value == "true"
    return value


def read_neo4j_csv(folder) -> nx.MultiDiGraph:
    """Read the files of :func:`write_neo4j_csv` back into a MultiDiGraph."""
    folder = Path(folder)
    G = nx.MultiDiGraph()
    files = sorted(folder.glob("nodes_*.csv")) + sorted(folder.glob("rels_*.csv"))
    if not files:
        raise ExportError(f"{folder}: no nodes_*.csv or rels_*.csv files")
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            header = next(r)
            cols = [(h.rsplit(":", 1) + ["string"])[:2] if ":" in h and not h.startswith(":") else [h, ""] for h in header]
            for row in r:
                d = {}
                for (name, kind), value in zip(cols, row):
                    if name in ("id", ":LABEL", ":START_ID", ":END_ID", ":TYPE"):
                        continue
                    parsed = _parse(value, kind or "string")
                    d[name] = json.loads(parsed) if name in _JSON_COLUMNS and parsed is not None else parsed
                if header[0] == "id:ID":
                    G.add_node(row[0], type=row[1], **d)
                else:
                    G.add_edge(row[0], row[1], key=row[2], type=row[2], **d)
    return restore_nulls(G)
