"""Plain frozen dataclasses that flow between the stages.

ingest -> :class:`Paper`; extract -> :class:`Extraction` (entities, results,
triples, each with :class:`Evidence`); assemble reads extractions and builds
the graph. No stage passes spaCy objects to the next.

>>> p = Paper(id="p1", title="ViG: Gated Linear Attention", abstract="We propose ViG.")
>>> p.text
'ViG: Gated Linear Attention\\n\\nWe propose ViG.'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

#: what found a fact: a name list of ``rules/`` (``gazetteer``), the shape and context rules
#: (``rules``), the trained tagger (``tagger``), the trained decisions over candidates
#: (``classifier``), or the input itself (``input``: a paper, its code link)
SOURCES = ("gazetteer", "rules", "tagger", "classifier", "input")


@dataclass(frozen=True)
class Source:
    """Where a record was read: file, 1-based line, and input format."""

    path: str
    line: int
    format: str  # "hf", "jsonl", "csv"


@dataclass(frozen=True)
class Paper:
    """One paper as read from one or more sources.

    ``date`` is ISO ``YYYY-MM-DD`` when the year is known, ``--MM-DD`` when
    only month and day are (ISO 8601's form for an unknown year).
    """

    id: str
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    n_authors: int | None = None
    date: str | None = None
    upvotes: int | None = None
    urls: tuple[str, ...] = ()
    arxiv_id: str | None = None
    sources: tuple[Source, ...] = ()

    @property
    def text(self) -> str:
        """The string every offset indexes: title, blank line, abstract (abstract alone if no title)."""
        return f"{self.title}\n\n{self.abstract}" if self.title else self.abstract


@dataclass(frozen=True)
class Skipped:
    """A record or file that was not read, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: paper id, the sentence, and the span's offsets in ``Paper.text``."""

    paper: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A mention: ``type`` is one of :data:`kg.schema.ENTITY_LABELS`, ``text`` the surface, ``name`` the canonical name."""

    type: str
    text: str
    name: str
    start: int
    end: int
    #: how sure extraction is that this is an entity of ``type`` (0-1), and what found it
    #: (:data:`SOURCES`); the default graph holds what clears a threshold (see :mod:`kg.build`)
    confidence: float = 1.0
    source: str = "rules"


@dataclass(frozen=True)
class Result:
    """A number with its unit and kind, bound to canonical method/dataset/metric names (or None)."""

    value: float
    unit: str | None
    kind: str
    method: str | None
    dataset: str | None
    metric: str | None
    task: str | None
    text: str
    evidence: Evidence
    #: how sure extraction is that this is a result (0-1), and what decided it (:data:`SOURCES`)
    confidence: float = 1.0
    source: str = "rules"
    #: the split of the dataset the text names with it ("test-dev" of "COCO test-dev"), else None
    split: str | None = None


@dataclass(frozen=True)
class Triple:
    """``(subject_type, subject_name) --predicate--> (object_type, object_name)`` with evidence."""

    subject_type: str
    subject: str
    predicate: str
    object_type: str
    object: str
    evidence: Evidence
    confidence: float = 1.0
    source: str = "rules"


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one paper."""

    paper: Paper
    entities: tuple[Entity, ...] = ()
    results: tuple[Result, ...] = ()
    triples: tuple[Triple, ...] = ()
    aliases: tuple[tuple[str, str, str], ...] = field(default=())  # (type, alias, canonical name)
    #: the ``(start, end)`` characters of each sentence of ``paper.text`` as extraction cut it (the
    #: evidence of a mention is its sentence); empty when unknown
    sentences: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def to_record(self) -> dict:
        """The ``kg extract`` JSON object of this paper (the documented contract)."""
        return {
            "id": self.paper.id,
            "title": self.paper.title,
            "entities": [asdict(e) for e in self.entities],
            "results": [
                {
                    "method": r.method, "dataset": r.dataset, "metric": r.metric,
                    "task": r.task, "value": r.value, "unit": r.unit, "kind": r.kind,
                    "text": r.text, "evidence": asdict(r.evidence),
                    "confidence": r.confidence, "source": r.source, "split": r.split,
                }
                for r in self.results
            ],
            "triples": [
                {
                    "subject": {"type": t.subject_type, "name": t.subject},
                    "predicate": t.predicate,
                    "object": {"type": t.object_type, "name": t.object},
                    "evidence": asdict(t.evidence),
                    "confidence": t.confidence, "source": t.source,
                }
                for t in self.triples
            ],
        }
