"""The main job: inputs -> papers -> extractions -> one canonical graph, plus a build report.

>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "p.jsonl").write_text(json.dumps({"id": "p1", "title": "ViG: Fast Vision",
...     "abstract": "We propose ViG and reach 76.5% top-1 accuracy on ImageNet."}) + "\\n")
>>> G = build_graph([d / "p.jsonl"])
>>> G.nodes["paper:p1"]["title"], "method:vig" in G
('ViG: Fast Vision', True)
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx
from spacy.language import Language

from .assemble import assemble
from .errors import InputError
from .extract import above_threshold, default_nlp, extract, min_confidence_of
from .ingest import IngestReport, dedupe, read_papers
from .model import Extraction, Paper, Skipped


@dataclass
class BuildReport:
    """What a build read, merged, skipped and produced."""

    inputs: list[str] = field(default_factory=list)
    records_read: int = 0
    unique_papers: int = 0
    merged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    nodes: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    results: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["skipped"] = [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skipped]
        d["papers_per_second"] = round(self.unique_papers / self.seconds, 1) if self.seconds else None
        return d


def _as_paths(sources) -> list:
    if isinstance(sources, (str, Path)):
        return [sources]
    return list(sources)


def build_graph(
    sources,
    *,
    nlp: Language | None = None,
    strict: bool = False,
    report: BuildReport | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    allow_empty: bool = False,
    on_records: Callable[[list[Paper]], list[Paper]] | None = None,
    extractor: Callable[[list[Paper]], Iterable[Extraction]] | None = None,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """Read ``sources`` (files or folders of HF dumps, JSONL, CSV; or :class:`Paper` objects),
    merge duplicate papers, extract, and assemble the canonical graph.

    ``report`` (a :class:`BuildReport`) is filled in when given; ``on_skip`` is
    called for each skipped record; ``progress(done, total)`` after each paper extracted;
    ``n_process`` worker processes share the extraction (see :func:`kg.extract`).
    ``min_confidence``: the graph holds only the entities, relations and result bindings extraction
    is at least that sure of (see :func:`kg.extract.above_threshold`); None (the default) takes the
    pipeline's threshold, ``nlp.meta["kg_min_confidence"]``, chosen on dev data (0.0 when it has none).
    Raises :class:`kg.errors.InputError` on the first bad record when ``strict``, and when the
    sources give no paper at all (a mistyped path, only bad records) unless ``allow_empty``.
    Two hooks let other stages take part: ``on_records(records)`` returns the records to
    deduplicate (an update puts the records of earlier builds first, see :mod:`kg.update`), and
    ``extractor(papers)`` yields the papers' extractions in order instead of :func:`kg.extract`
    (stored facts, another engine such as :mod:`kg.dask_engine`).

    The library leaves process-wide state alone: ``kg build`` itself pauses Python's cyclic
    garbage collector around this call (:func:`kg.cli.collector_paused`), which speeds up large
    builds; do the same in a program of yours if you like.
    """
    report = report if report is not None else BuildReport()
    t0 = time.perf_counter()
    items = _as_paths(sources)
    papers_in = [p for p in items if isinstance(p, Paper)]
    paths = [p for p in items if not isinstance(p, Paper)]
    ingest = IngestReport(on_skip=on_skip)
    records = papers_in + (list(read_papers(paths, strict=strict, report=ingest)) if paths else [])
    if on_records is not None:
        records = on_records(records)
    papers = dedupe(records)
    report.inputs = [str(p) for p in paths]
    report.records_read = len(records)
    report.unique_papers = len(papers)
    report.merged = len(records) - len(papers)
    report.skipped = list(ingest.skipped)
    if not papers and not allow_empty:
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        where = ", ".join(report.inputs[:3]) + (", ..." if len(report.inputs) > 3 else "")
        raise InputError(f"no paper in the inputs ({len(records)} records read{skipped}); nothing was built "
                         f"(kg build --allow-empty writes an empty graph)", path=where or None)

    def stream(it: Iterable):
        for i, ex in enumerate(it, 1):
            if progress:
                progress(i, len(papers))
            yield ex

    if extractor is None:
        def extractor(papers):
            return extract(papers, nlp, batch_size=batch_size, n_process=n_process, min_confidence=0.0)
    # (extractors give everything they found; the threshold applies here, so an update's stored
    # facts can be read at any threshold)
    threshold = min_confidence_of(nlp or default_nlp()) if min_confidence is None else min_confidence
    G = assemble(stream(above_threshold(ex, threshold) for ex in extractor(papers)))
    report.seconds = time.perf_counter() - t0
    report.nodes = dict(sorted(Counter(d["type"] for _, d in G.nodes(data=True)).items()))
    report.relations = dict(sorted(Counter(k for _, _, k in G.edges(keys=True)).items()))
    report.results = dict(sorted(Counter(d["kind"] for _, d in G.nodes(data=True) if d["type"] == "Result").items()))
    G.graph["paper_count"] = report.unique_papers
    return G
