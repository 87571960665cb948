"""CSV node and relationship files for ``neo4j-admin database import full``.

One node file per label (``nodes_Method.csv``) and one relationship file per type
(``rels_PROPOSES.csv``), with the typed headers neo4j-admin reads::

    id:ID,:LABEL,aliases:string[],name,papers:string[],support:long
    :START_ID,:END_ID,:TYPE,evidence_ends:long[],evidence_papers:string[],evidence_sentences:string[],...

How values are written, so that none is changed on the way (ids, names, URLs, sentences with
line breaks, quotes, ``;``, commas or any Unicode character come back exactly):

* every text value is quoted (``"``), a quote inside it doubled (``""``); a backslash is an
  ordinary character (neo4j-admin's default). Line breaks stay inside the quotes, so neo4j-admin
  needs ``--multiline-fields=true``;
* numbers and booleans are written bare; a missing value (``None``) is an empty, unquoted field
  (no property in Neo4j), an empty string is ``""``;
* lists (``aliases``, ``papers``, ``urls``, ...) join their items with the character U+001F
  (the ASCII unit separator), which kg never lets into a value (see :mod:`kg.readwrite._values`),
  so neo4j-admin needs ``--array-delimiter=U+001F``. An empty list is ``""``: neo4j-admin stores
  no property for it (it has no empty array), kg's reader gives ``[]`` back;
* a relationship's ``evidence`` becomes four parallel lists, as :func:`kg.neo4j.push` stores it:
  ``evidence_papers``, ``evidence_sentences``, ``evidence_starts``, ``evidence_ends``;
* a value Neo4j cannot store (a dict, a list of mixed items) is a JSON string; ``kg_columns.json``
  beside the CSV files names those columns (and the split evidence) for :func:`read_neo4j_csv`.

Import, from the folder (the flags are the ones the README shows)::

    neo4j-admin database import full neo4j --array-delimiter=U+001F --multiline-fields=true \\
        $(printf -- '--nodes=%s ' nodes_*.csv) $(printf -- '--relationships=%s ' rels_*.csv)

>>> import networkx as nx, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("dataset:coco", type="Dataset", name="COCO", aliases=["MS COCO", "COCO;2014"], support=2)
>>> G.add_node("paper:1", type="Paper", name='A "paper",\\nwith a line break')
>>> G.add_edge("paper:1", "dataset:coco", key="MENTIONS", type="MENTIONS", evidence=[], support=1)
'MENTIONS'
>>> d = tempfile.mkdtemp(); files = write_neo4j_csv(G, d)
>>> H = read_neo4j_csv(d)
>>> H.nodes["dataset:coco"]["aliases"], H.nodes["paper:1"]["name"]
(['MS COCO', 'COCO;2014'], 'A "paper",\\nwith a line break')
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from ..errors import ExportError
from ..schema import NODE_LABELS, RELATION_TYPES
from ._nulls import restore_nulls

#: The array delimiter of the files (``--array-delimiter=U+001F``); no exported value holds it.
ARRAY_DELIMITER = "\x1f"
#: kg's files in a Neo4j CSV folder (any other file there is not kg's and is left alone).
OWN_FILES = ("nodes_*.csv", "rels_*.csv", "kg_columns.json")
COLUMNS_FILE = "kg_columns.json"

_SKIP = {"type"}
_EVIDENCE = ("evidence_papers", "evidence_sentences", "evidence_starts", "evidence_ends")
_EVIDENCE_KEYS = {"paper": str, "sentence": str, "start": int, "end": int}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INT64 = (-(2**63), 2**63 - 1)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and _INT64[0] <= v <= _INT64[1]


def _scalar_kind(vals: list) -> str | None:
    """The Neo4j type of a column of scalars (None values left out), or None if they mix."""
    if all(isinstance(v, bool) for v in vals):
        return "boolean"
    if all(_is_int(v) for v in vals):
        return "long"
    if all(_is_int(v) or isinstance(v, float) for v in vals):
        return "double"
    if all(isinstance(v, str) for v in vals):
        return "string"
    return None


def _column_kind(values: list) -> str:
    vals = [v for v in values if v is not None]
    if not vals:
        return "string"
    if all(isinstance(v, (list, tuple)) for v in vals):
        items = [x for v in vals for x in v]
        kind = _scalar_kind(items) if items else "string"
        return "json" if kind is None or None in items else f"{kind}[]"
    return _scalar_kind(vals) or "json"


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _bare(v, kind: str) -> str:
    if kind == "boolean":
        return "true" if v else "false"
    if kind == "double":
        return repr(float(v))
    return str(v)


def _cell(v, kind: str) -> str:
    if v is None:
        return ""
    if kind == "json":
        return _quote(json.dumps(sorted(v) if isinstance(v, (set, frozenset)) else v, ensure_ascii=False))
    if kind == "string":
        return _quote(v)
    if kind.endswith("[]"):
        item = kind[:-2]
        return _quote(ARRAY_DELIMITER.join(x if item == "string" else _bare(x, item) for x in v))
    return _bare(v, kind)


def _split_evidence(rows: list[tuple[list[str], dict]]) -> bool:
    """Whether every edge's evidence is a list of {paper, sentence, start, end} (-> four lists)."""
    for _, d in rows:
        ev = d.get("evidence")
        if ev is None:
            continue
        if not isinstance(ev, (list, tuple)) or any(k in d for k in _EVIDENCE):
            return False
        for e in ev:
            if not isinstance(e, Mapping) or set(e) != set(_EVIDENCE_KEYS):
                return False
            if not all(isinstance(e[k], t) and (t is not int or _is_int(e[k])) for k, t in _EVIDENCE_KEYS.items()):
                return False
    return True


def _flat(d: dict) -> dict:
    ev = d.get("evidence")
    out = {k: v for k, v in d.items() if k != "evidence"}
    if ev is not None:
        out.update(zip(_EVIDENCE, ([e[k] for e in ev] for k in _EVIDENCE_KEYS)))
    return out


def _write(path: Path, fixed: list[str], rows: list[tuple[list[str], dict]]) -> dict:
    """Write one CSV file; return what :func:`read_neo4j_csv` must know about it."""
    meta: dict = {}
    if fixed[0] == ":START_ID" and any("evidence" in d for _, d in rows) and _split_evidence(rows):
        rows = [(lead, _flat(d)) for lead, d in rows]
        meta["evidence"] = list(_EVIDENCE)
    attrs = sorted({k for _, d in rows for k in d if k not in _SKIP})
    for a in attrs:
        if not _NAME.match(a):
            raise ExportError(f"{path.name}: attribute name {a!r} cannot be a CSV column (letters, digits, _ only)")
    kinds = {a: _column_kind([d.get(a) for _, d in rows]) for a in attrs}
    json_cols = [a for a in attrs if kinds[a] == "json"]
    if json_cols:
        meta["json"] = json_cols
    header = fixed + [a if kinds[a] in ("string", "json") else f"{a}:{kinds[a]}" for a in attrs]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for lead, d in rows:
            f.write(",".join([_quote(x) for x in lead] + [_cell(d.get(a), kinds[a]) for a in attrs]) + "\n")
    return meta


def write_neo4j_csv(G: nx.MultiDiGraph, folder) -> list[Path]:
    """Write ``nodes_<Label>.csv``, ``rels_<TYPE>.csv`` and ``kg_columns.json`` into ``folder``;
    return the paths. Raises :class:`~kg.errors.ExportError` for an unknown label or type, a
    value no export can store (:mod:`kg.readwrite._values`) or a file that cannot be written."""
    from ._values import check_graph

    check_graph(G)
    folder = Path(folder)
    by_label: dict[str, list] = defaultdict(list)
    for n, d in G.nodes(data=True):
        label = d.get("type")
        if label not in NODE_LABELS:
            raise ExportError(f"node {n!r}: type {label!r} is not one of {NODE_LABELS}")
        by_label[label].append(([str(n), label], d))
    by_type: dict[str, list] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in RELATION_TYPES:
            raise ExportError(f"edge {u!r}->{v!r}: relation {k!r} is not one of {RELATION_TYPES}")
        by_type[k].append(([str(u), str(v), k], d))
    written, meta = [], {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for label, rows in sorted(by_label.items()):
            written.append(folder / f"nodes_{label}.csv")
            meta[written[-1].name] = _write(written[-1], ["id:ID", ":LABEL"], rows)
        for rel, rows in sorted(by_type.items()):
            written.append(folder / f"rels_{rel}.csv")
            meta[written[-1].name] = _write(written[-1], [":START_ID", ":END_ID", ":TYPE"], rows)
        written.append(folder / COLUMNS_FILE)
        written[-1].write_text(json.dumps({"array_delimiter": "U+001F", "files": meta}, indent=1) + "\n",
                               encoding="utf-8")
    except OSError as e:
        raise ExportError(f"{e.filename or folder}: cannot write Neo4j CSV ({e.strerror or e})") from e
    return written


# --------------------------------------------------------------------------- reading

_FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,"\n]*)')


def _records(text: str, path: Path):
    """The rows of a file in the dialect above: a quoted field is a str, an empty bare one None."""
    pos, n, line = 0, len(text), 1
    while pos < n:
        row, start_line = [], line
        while True:
            m = _FIELD.match(text, pos)
            quoted, bare = m.group(1), m.group(2)
            if quoted is not None:
                line += quoted.count("\n")
                row.append(quoted.replace('""', '"'))
            else:
                row.append(bare if bare else None)
            pos = m.end()
            if pos >= n:
                break
            if text[pos] == ",":
                pos += 1
                continue
            if text[pos] == "\n":
                pos, line = pos + 1, line + 1
                break
            raise ExportError(f"{path}:{line}: malformed CSV (unexpected {text[pos]!r})")
        yield start_line, row


def _parse(value, kind: str):
    if value is None:
        return None
    if kind.endswith("[]"):
        return [_parse(x, kind[:-2]) for x in value.split(ARRAY_DELIMITER)] if value != "" else []
    if kind in ("long", "int", "short", "byte"):
        return int(value)
    if kind in ("double", "float"):
        return float(value)
    if kind == "boolean":
        return value == "true"
    return value


def read_neo4j_csv(folder) -> nx.MultiDiGraph:
    """Read the files of :func:`write_neo4j_csv` back into the MultiDiGraph that was written."""
    folder = Path(folder)
    files = sorted(folder.glob("nodes_*.csv")) + sorted(folder.glob("rels_*.csv"))
    if not files:
        raise ExportError(f"{folder}: no nodes_*.csv or rels_*.csv files")
    try:
        meta = json.loads((folder / COLUMNS_FILE).read_text(encoding="utf-8")).get("files", {})
    except FileNotFoundError:
        meta = {}
    except (OSError, ValueError, AttributeError) as e:
        raise ExportError(f"{folder / COLUMNS_FILE}: not readable ({e})") from e
    G = nx.MultiDiGraph()
    edges = []
    for path in files:
        info = meta.get(path.name, {})
        json_cols = set(info.get("json", ()))
        try:
            with open(path, encoding="utf-8", newline="") as f:  # (a "\r" inside a value stays)
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise ExportError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from e
        rows = _records(text, path)
        try:
            _, header = next(rows)
        except StopIteration:
            raise ExportError(f"{path}: empty file") from None
        header = [h or "" for h in header]
        cols = [h.rsplit(":", 1) if ":" in h.lstrip(":") else [h, "string"] for h in header]
        for line, row in rows:
            if len(row) != len(header):
                raise ExportError(f"{path}:{line}: {len(row)} fields, the header has {len(header)}")
            d = {}
            try:
                for (name, kind), value in zip(cols, row):
                    if name == "id" or name.startswith(":"):
                        continue
                    v = _parse(value, kind)
                    d[name] = json.loads(v) if name in json_cols and v is not None else v
            except ValueError as e:
                raise ExportError(f"{path}:{line}: bad value ({e})") from e
            if header[0] == "id:ID":
                G.add_node(row[0], type=row[1], **d)
            else:
                if info.get("evidence"):
                    lists = [d.pop(k, None) for k in _EVIDENCE]
                    if lists[0] is not None:
                        n = len(lists[2])  # (the offsets say how many: a list of one "" reads as [])
                        lists = [x if len(x) == n else [""] * n for x in lists]
                        d["evidence"] = [dict(zip(_EVIDENCE_KEYS, e)) for e in zip(*lists)]
                    elif all(x is None for x in lists) and "evidence" not in d:
                        d["evidence"] = None
                edges.append((row[0], row[1], row[2], d))
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, type=k, **d)
    return restore_nulls(G)
