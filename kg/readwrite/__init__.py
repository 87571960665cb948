"""File formats of the graph, in networkx's ``readwrite`` shape (``write_X(G, path)`` /
``read_X(path)``), and :data:`EXPORT_FORMATS`, the one registry of them.

=============  ==================  ===============================  ===========================================
format         in an export folder functions                        what for
=============  ==================  ===============================  ===========================================
``graphml``    ``graph.graphml``   write_graphml / read_graphml     Gephi, yEd, igraph, ``networkx.read_graphml``
``json``       ``graph.json``      write_json / read_json           JavaScript, ``networkx.node_link_graph``
``triples``    ``triples.jsonl``   write_triples / read_triples     one fact per line, with evidence
``neo4j_csv``  ``neo4j/``          write_neo4j_csv / read_neo4j_csv ``neo4j-admin database import full``
``embedded``   ``kg.lbug``         kg.embedded.write_database       ``kg query``: Cypher with no server
=============  ==================  ===============================  ===========================================

Everything that handles formats reads this registry: :func:`kg.io.write_exports` writes each
format into its file of the export folder, :func:`kg.io.load_graph` and :func:`kg.io.save_graph`
pick the format by suffix, and the CLI (``kg push``, ``kg stats``, ``kg render``) tells a saved
graph from input papers with :func:`kg.io.graph_format`. Adding a format is one entry in
:data:`EXPORT_FORMATS`, e.g. a write-only format::

    ExportFormat("edgelist", "graph.edgelist", (".edgelist",), write=write_edgelist,
                 read=None, description="one edge a line, for command-line tools"),

``write(G, path)`` must write ``path`` (a file, or a folder when ``folder=True``) and raise
:class:`kg.errors.ExportError` when it cannot; ``read(path)`` (or None for a write-only format)
returns the graph. ``sniff(path)`` (optional) tells whether a file with one of the suffixes is
really of this format, for suffixes that input papers share (``.jsonl``).

>>> [f.filename for f in EXPORT_FORMATS.values()]
['graph.graphml', 'graph.json', 'triples.jsonl', 'neo4j', 'kg.lbug']
>>> format_for_suffix(".jsonl").name
'triples'
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .graphml import read_graphml, write_graphml
from .json_graph import read_json, write_json
from .neo4j_csv import OWN_FILES as _NEO4J_FILES
from .neo4j_csv import read_neo4j_csv, write_neo4j_csv
from .triples import is_triples_file, read_triples, write_triples


@dataclass(frozen=True)
class ExportFormat:
    """One export format: where it goes in an export folder and how to write and read it."""

    #: short name, the key in :data:`EXPORT_FORMATS` and in ``write_exports``' result
    name: str
    #: its file (or folder) name in an export folder
    filename: str
    #: file name suffixes :func:`kg.io.load_graph` / :func:`kg.io.save_graph` recognise (lower case)
    suffixes: tuple[str, ...]
    #: ``write(G, path)``
    write: Callable[[nx.MultiDiGraph, Path], object]
    #: ``read(path) -> G``, or None for a write-only format
    read: Callable[[Path], nx.MultiDiGraph] | None
    #: one line for docs and ``--help``
    description: str = ""
    #: the format is a folder of files (``owns``: glob patterns of the files kg writes in it)
    folder: bool = False
    owns: tuple[str, ...] = ()
    #: ``sniff(path) -> bool``: whether a file with one of the suffixes holds this format
    sniff: Callable[[Path], bool] | None = None


#: Every export format, in the order ``kg build`` writes them (the first readable one present in
#: an export folder is what :func:`kg.io.load_graph` reads from it).
EXPORT_FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("graphml", "graph.graphml", (".graphml", ".xml"), write_graphml, read_graphml,
                 "GraphML, typed (lists as JSON strings): Gephi, yEd, igraph, networkx"),
    ExportFormat("json", "graph.json", (".json",), write_json, read_json,
                 "node-link JSON (networkx.node_link_data)"),
    ExportFormat("triples", "triples.jsonl", (".jsonl",), write_triples, read_triples,
                 "one fact a line: subject, predicate, object, support, evidence", sniff=is_triples_file),
    ExportFormat("neo4j_csv", "neo4j", (), write_neo4j_csv, read_neo4j_csv,
                 "nodes_<Label>.csv and rels_<TYPE>.csv for neo4j-admin database import full",
                 folder=True, owns=_NEO4J_FILES),
    ExportFormat("embedded", "kg.lbug", (".lbug",), lambda G, path: _write_embedded(G, path), None,
                 "the embedded graph database (LadybugDB) that kg query asks in Cypher, no server"),
)}


def _write_embedded(G: nx.MultiDiGraph, path: Path) -> None:
    """A new LadybugDB database of ``G`` at ``path`` (:func:`kg.embedded.write_database`; imported
    when written: the database engine loads only for this export)."""
    from ..embedded import write_database

    write_database(G, path)

#: The build report that ``kg build`` writes beside the formats (kg's own file too).
REPORT_FILE = "report.json"


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """The readable file format whose suffixes include ``suffix`` (``".graphml"``), or None."""
    suffix = suffix.lower()
    return next((f for f in EXPORT_FORMATS.values() if suffix in f.suffixes), None)


__all__ = [
    "ExportFormat", "EXPORT_FORMATS", "REPORT_FILE", "format_for_suffix",
    "read_graphml", "write_graphml", "read_json", "write_json",
    "read_neo4j_csv", "write_neo4j_csv", "read_triples", "write_triples",
]
