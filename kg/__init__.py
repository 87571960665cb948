"""kg: a knowledge graph of ML papers, methods, datasets, tasks, metrics and results.

>>> import kg
>>> G = kg.build_graph(["samples/papers.jsonl"])          # doctest: +SKIP
>>> kg.write_exports(G, "exports/")                        # doctest: +SKIP
"""
from .boards import leaderboard, leaderboards
from .build import BuildReport, build_graph
from .cypher import Rows, query
from .errors import ExportError, InputError, KGError, Neo4jError, QueryError, RenderError, RulesError
from .extract import extract
from .io import load_graph, save_graph, write_exports
from .model import Entity, Evidence, Extraction, Paper, Result, Skipped, Source, Triple
from .pipeline import make_nlp

__version__ = "0.1.0"

__all__ = [
    "build_graph", "BuildReport", "extract", "make_nlp", "load_graph", "save_graph", "write_exports",
    "read_papers", "query", "Rows", "KGError", "InputError", "RulesError", "ExportError", "Neo4jError", "RenderError",
    "QueryError",
    "Paper", "Source", "Skipped", "Entity", "Evidence", "Result", "Triple", "Extraction",
    "leaderboard", "leaderboards",
]


def read_papers(*args, **kwargs):
    """Read papers from files (see :func:`kg.ingest.read_papers`)."""
    from .ingest import read_papers as _read

    return _read(*args, **kwargs)
