"""The one small error hierarchy of kg.

Every error names the file, line or value at fault. The CLI turns them into
one-line messages and exit codes; the library never prints.

>>> err = InputError("broken JSON", path="papers.jsonl", line=3)
>>> str(err)
'papers.jsonl:3: broken JSON'
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """A file or record that kg cannot read (raised under ``strict``)."""

    exit_code = 2

    def __init__(self, reason: str, path: str | None = None, line: int | None = None):
        self.reason, self.path, self.line = reason, path, line
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{reason}")


class RulesError(KGError):
    """A rules file or trained model that does not load (bad JSON, unknown label, bad pattern, missing model)."""

    exit_code = 3


class ExportError(KGError):
    """A graph file that cannot be written or read back."""

    exit_code = 4


class Neo4jError(KGError):
    """The Neo4j server cannot be reached, refuses the credentials, or a write fails."""

    exit_code = 5


class RenderError(KGError):
    """The HTML page cannot be rendered (for example an unknown --focus node)."""

    exit_code = 6


class QueryError(KGError):
    """A question kg cannot answer as asked: a Cypher query that does not parse, names what the graph
    lacks, misses a parameter or writes without leave; an embedded database that cannot be opened;
    no leaderboard for a dataset, or several where one is needed."""

    exit_code = 7


class FetchError(KGError):
    """A paper source (Hugging Face Daily Papers, arXiv) that cannot be reached, refuses, or rate-limits
    past the retries; the message names the source and says what was kept."""

    exit_code = 8

    def __init__(self, reason: str, source: str | None = None):
        self.reason, self.source = reason, source
        super().__init__(f"{source}: {reason}" if source else reason)


class EngineError(KGError):
    """An extraction engine that cannot run: a Dask scheduler out of reach, a batch that fails on a worker."""

    exit_code = 9
