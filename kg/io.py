"""Save and load graphs by file name: the format follows the extension.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph(); G.add_node("method:vig", type="Method", name="ViG")
>>> path = os.path.join(tempfile.mkdtemp(), "g.graphml")
>>> save_graph(G, path); load_graph(path).nodes["method:vig"]["name"]
'ViG'
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .errors import ExportError
from .readwrite import (read_graphml, read_json, read_neo4j_csv, read_triples, write_graphml, write_json,
                        write_neo4j_csv, write_triples)

#: the files ``kg build`` writes into its output folder
EXPORT_FILES = {
    "graphml": "graph.graphml",
    "json": "graph.json",
    "triples": "triples.jsonl",
    "neo4j_csv": "neo4j",
    "embedded": "kg.lbug",  # kg.embedded: the LadybugDB database (see write_exports)
    "report": "report.json",
}


def load_graph(path) -> nx.MultiDiGraph:
    """Load a graph saved by kg: ``.graphml``, ``.json`` (node-link), ``.jsonl`` (triples),
    or a folder of Neo4j CSV files (an export folder: its ``graph.graphml``)."""
    p = Path(path)
    if p.is_dir():
        if (p / EXPORT_FILES["graphml"]).exists():
            return read_graphml(p / EXPORT_FILES["graphml"])
        return read_neo4j_csv(p)
    if not p.exists():
        raise ExportError(f"{p}: no such graph file")
    readers = {".graphml": read_graphml, ".xml": read_graphml, ".json": read_json, ".jsonl": read_triples}
    try:
        return readers[p.suffix.lower()](p)
    except KeyError:
        raise ExportError(f"{p}: unknown graph format {p.suffix!r} (use .graphml, .json, .jsonl or a CSV folder)") from None


def save_graph(G: nx.MultiDiGraph, path) -> None:
    """Save ``G`` in the format its extension names (see :func:`load_graph`)."""
    p = Path(path)
    writers = {".graphml": write_graphml, ".json": write_json, ".jsonl": write_triples}
    if p.suffix.lower() in writers:
        writers[p.suffix.lower()](G, p)
    elif p.suffix == "":
        write_neo4j_csv(G, p)
    else:
        raise ExportError(f"{p}: unknown graph format {p.suffix!r}")


def write_exports(G: nx.MultiDiGraph, folder, report: dict | None = None) -> dict[str, Path]:
    """Write every export format (and the build report) into ``folder``; return their paths."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out}: cannot create the output folder ({e.strerror})") from e
    paths = {k: out / v for k, v in EXPORT_FILES.items()}
    write_graphml(G, paths["graphml"])
    write_json(G, paths["json"])
    write_triples(G, paths["triples"])
    write_neo4j_csv(G, paths["neo4j_csv"])
    # --- the embedded database (kg.embedded): an existing one is updated, as kg push updates Neo4j
    from .embedded import write_database

    write_database(G, paths["embedded"])
    # ---
    if report is not None:
        paths["report"].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        del paths["report"]
    return paths
