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


class _Column:
    """What the values of one column have been so far (seen one at a time): its neo4j-admin type."""

    __slots__ = ("seen", "bools", "ints", "numbers", "str_lists", "strs")

    def __init__(self) -> None:
        self.seen, self.bools, self.ints, self.numbers, self.str_lists, self.strs = False, True, True, True, True, True

    def add(self, v) -> None:
        if v is None:
            return
        self.seen = True
        is_bool = isinstance(v, bool)
        self.bools &= is_bool
        self.ints &= isinstance(v, int) and not is_bool
        self.numbers &= isinstance(v, (int, float)) and not is_bool
        self.str_lists &= isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v)
        self.strs &= isinstance(v, str)

    def kind(self) -> str:
        if not self.seen:
            return "string"
        for flag, kind in ((self.bools, "boolean"), (self.ints, "long"), (self.numbers, "double"),
                           (self.str_lists, "string[]"), (self.strs, "string")):
            if flag:
                return kind
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


def _columns(items) -> dict[str, dict[str, str]]:
    """For each file (label or type), its attribute columns in order and their kinds, from ``(file, data)`` items."""
    seen: dict[str, dict[str, _Column]] = defaultdict(dict)
    for name, d in items:
        cols = seen[name]
        for a, v in d.items():
            if a in _SKIP:
                continue
            col = cols.get(a)
            if col is None:
                col = cols[a] = _Column()
            col.add(v)
    return {name: {a: "json" if a in _JSON_COLUMNS else cols[a].kind() for a in sorted(cols)}
            for name, cols in seen.items()}


def _write_all(folder: Path, prefix: str, fixed: list[str], columns: dict[str, dict[str, str]], rows) -> list[Path]:
    """Write the rows ``(file, lead, data)`` into ``<prefix><file>.csv`` (every file open at once:
    the graph is read once, in order, and no row is held)."""
    paths = {name: folder / f"{prefix}{name}.csv" for name in sorted(columns)}
    files, writers = {}, {}
    try:
        try:
            for name, path in paths.items():
                files[name] = open(path, "w", encoding="utf-8", newline="")
                writers[name] = csv.writer(files[name])
                writers[name].writerow(fixed + [_header(a, k) for a, k in columns[name].items()])
            for name, lead, d in rows:
                writers[name].writerow(lead + [_cell(d.get(a), k) for a, k in columns[name].items()])
        finally:
            for f in files.values():
                f.close()
    except OSError as e:
        raise ExportError(f"{e.filename or folder}: cannot write CSV ({e.strerror})") from e
    return list(paths.values())


def write_neo4j_csv(G: nx.MultiDiGraph, folder) -> list[Path]:
    """Write ``nodes_<Label>.csv`` and ``rels_<TYPE>.csv`` into ``folder``; return the paths.

    The graph is read twice (once for the columns and their types, once for the rows), and
    nothing is copied: writing holds no more than the graph itself."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for n, d in G.nodes(data=True):
        if d.get("type") not in NODE_LABELS:
            raise ExportError(f"node {n!r}: type {d.get('type')!r} is not one of {NODE_LABELS}")
    for u, v, k in G.edges(keys=True):
        if k not in RELATION_TYPES:
            raise ExportError(f"edge {u!r}->{v!r}: relation {k!r} is not one of {RELATION_TYPES}")
    node_cols = _columns((d["type"], d) for _, d in G.nodes(data=True))
    edge_cols = _columns((k, d) for _, _, k, d in G.edges(keys=True, data=True))
    written = _write_all(folder, "nodes_", ["id:ID", ":LABEL"], node_cols,
                         ((d["type"], [n, d["type"]], d) for n, d in G.nodes(data=True)))
    written += _write_all(folder, "rels_", [":START_ID", ":END_ID", ":TYPE"], edge_cols,
                          ((k, [u, v, k], d) for u, v, k, d in G.edges(keys=True, data=True)))
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
