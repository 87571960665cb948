"""Incremental builds: what an export folder keeps so that ``kg build NEW... --update FOLDER`` adds
the new papers without extracting the old ones again, and gives the graph one build of all would.

A build that writes an export folder also writes its *build state* into ``FOLDER/state/``:

=====================  =========================================================================
file                   what
=====================  =========================================================================
``records.jsonl``      every input record of the builds so far, as kg read it (one
                       :class:`~kg.model.Paper` a line, with its source), in the order read
``extractions.jsonl``  the extraction facts of every paper extracted so far, one paper a line:
                       ``{"key", "id", "entities", "results", "triples", "aliases", "sentences"}``
                       (sentences as their start and end characters), each fact a
                       row of the fields ``state.json`` names (an evidence as its sentence, start
                       and end); ``key`` is the SHA-1 of the paper's id and text
``state.json``         format version, the pipeline's components, the field names of the rows,
                       and the byte length of the two files above when the build ended
=====================  =========================================================================

An update reads the new inputs and puts the stored records first: deduplication then sees exactly
the records a build of all inputs would see, in the same order, so it merges the same copies and
keeps the same papers in the same order (a paper read again changes nothing; a new copy of an old
paper adds its source and fills its missing fields). Every paper whose id and text have stored
facts is assembled from them; only the others are extracted. Since assembly sees the same
extractions in the same order as a build of all inputs, the graph is the same node for node and
edge for edge, and every export file is then written again from it. The update appends the new
records and facts to the two files (the old lines stay valid: a paper's facts depend only on its id
and text) and rewrites ``state.json`` last, so that a build that fails half-way leaves the folder
as it was (longer files are cut back to the lengths ``state.json`` gives).

>>> import tempfile, json, pathlib
>>> from kg.model import Extraction, Paper
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> state = BuildState(folder, pipeline=["tok"])           # a first build: nothing stored
>>> papers = state.records([Paper("p1", "T", "We train ZorbNet.")])
>>> run = state.extractor(lambda ps: (Extraction(p) for p in ps))   # (a stand-in for kg.extract)
>>> [ex.paper.id for ex in run(papers)]
['p1']
>>> state.commit()["papers_extracted"]
1
>>> again = BuildState(folder, pipeline=["tok"], update=True)
>>> [ex.paper.id for ex in again.extractor(lambda ps: iter(()))(again.records([]))]   # reused, none extracted
['p1']
>>> again.discard()                                        # (or commit(): nothing new to keep)
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import Entity, Evidence, Extraction, Paper, Result, Source, Triple

#: version of the files of ``state/`` (a folder of another version is rebuilt, not updated)
FORMAT = 1
STATE_DIR = "state"
RECORDS, EXTRACTIONS, MANIFEST = "records.jsonl", "extractions.jsonl", "state.json"


def paper_key(paper: Paper) -> str:
    """What a paper's extraction depends on: the SHA-1 of its id and its text.

    >>> paper_key(Paper("p1", "T", "x")) == paper_key(Paper("p1", "T", "x", date="2024-01-01"))
    True
    """
    return hashlib.sha1(f"{paper.id}\0{paper.text}".encode("utf-8")).hexdigest()


def _names(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name != "evidence"]


def _fields() -> dict[str, list[str]]:
    """Field names of the rows of ``extractions.jsonl``: an entity's, a result's and a triple's
    (without evidence; its sentence, start and end follow)."""
    return {"entity": _names(Entity), "result": _names(Result), "triple": _names(Triple)}


def extraction_row(ex: Extraction, key: str) -> dict:
    """The ``extractions.jsonl`` object of an extraction."""
    ev = ("sentence", "start", "end")
    names = _fields()
    return {
        "key": key,
        "id": ex.paper.id,
        "entities": [[getattr(e, n) for n in names["entity"]] for e in ex.entities],
        "results": [[getattr(r, n) for n in names["result"]] + [getattr(r.evidence, n) for n in ev] for r in ex.results],
        "triples": [[getattr(t, n) for n in names["triple"]] + [getattr(t.evidence, n) for n in ev] for t in ex.triples],
        "aliases": [list(a) for a in ex.aliases],
        "sentences": [list(se) for se in ex.sentences],
    }


def extraction_from_row(row: dict, paper: Paper, names: dict[str, list[str]]) -> Extraction:
    """The :class:`Extraction` of ``paper`` from its ``extractions.jsonl`` object (rows of the
    fields ``names``, as :func:`extraction_row` wrote them)."""
    pid = paper.id

    def make(cls, fields: list[str], values: list, evidence: bool):
        kw = dict(zip(fields, values))
        if evidence:
            kw["evidence"] = Evidence(pid, *values[len(fields):])
        return cls(**kw)

    results = []
    for r in row["results"]:
        res = make(Result, names["result"], r, True)
        results.append(dataclasses.replace(res, value=float(res.value)))
    return Extraction(
        paper=paper,
        entities=tuple(make(Entity, names["entity"], e, False) for e in row["entities"]),
        results=tuple(results),
        triples=tuple(make(Triple, names["triple"], t, True) for t in row["triples"]),
        aliases=tuple(tuple(a) for a in row["aliases"]),
        sentences=tuple(tuple(se) for se in row.get("sentences", ())),
    )


def paper_row(p: Paper) -> dict:
    """The ``records.jsonl`` object of a record."""
    d = {f.name: getattr(p, f.name) for f in dataclasses.fields(Paper)}
    d["sources"] = [dataclasses.asdict(s) for s in p.sources]
    return d


def paper_from_row(d: dict) -> Paper:
    """The :class:`Paper` of a ``records.jsonl`` object (lists back to tuples)."""
    kw = {k: v for k, v in d.items() if k in {f.name for f in dataclasses.fields(Paper)}}
    kw["authors"] = tuple(kw.get("authors") or ())
    kw["urls"] = tuple(kw.get("urls") or ())
    kw["sources"] = tuple(Source(**s) for s in kw.get("sources") or ())
    return Paper(**kw)


class BuildState:
    """The build state of the export folder ``folder`` (see the module's documentation).

    ``update=False``: a build from scratch (what is stored is replaced); ``update=True``: the
    stored records and facts are read (an :class:`~kg.errors.InputError` says why when the folder
    has none, or was built with another pipeline). Use :meth:`records` and :meth:`extractor` as
    the ``on_records`` and ``extractor`` hooks of :func:`kg.build_graph`, then :meth:`commit` once
    the exports are written.
    """

    def __init__(self, folder, *, pipeline: Iterable[str], update: bool = False):
        self.folder = Path(folder)
        self.dir = self.folder / STATE_DIR
        self.pipeline = list(pipeline)
        self.update = update
        self.stored_records: list[Paper] = []
        self.names = _fields()
        self.sizes = {RECORDS: 0, EXTRACTIONS: 0}
        self.new_records: list[Paper] = []
        # the facts of the papers extracted now, in a temporary file until commit(): the export folder
        # is not touched before the exports are written
        self._new_rows: Path | None = None
        self.counts = {"records_added": 0, "records_known": 0, "papers_extracted": 0, "papers_reused": 0}
        self._index: dict[str, int] = {}
        if update:
            self._load()

    # ----------------------------------------------------------------------- reading

    def _load(self) -> None:
        manifest = self.dir / MANIFEST
        try:
            meta = json.loads(manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{self.folder}: no build state to update ({STATE_DIR}/{MANIFEST} is missing): "
                             "build the folder once with kg build -o first") from None
        except (OSError, ValueError) as e:
            raise InputError(f"{manifest}: unreadable build state ({e})") from e
        if meta.get("format") != FORMAT:
            raise InputError(f"{manifest}: build state of format {meta.get('format')!r}, this kg reads {FORMAT}: "
                             "build the folder again with kg build -o")
        if meta.get("pipeline") != self.pipeline:
            raise InputError(f"{self.folder}: built with the pipeline {meta.get('pipeline')}, not {self.pipeline}: "
                             "update with the options of that build (--rules-only, --model, --rules)")
        self.names = meta["fields"]
        self.sizes = {RECORDS: int(meta["sizes"][RECORDS]), EXTRACTIONS: int(meta["sizes"][EXTRACTIONS])}
        for name in (RECORDS, EXTRACTIONS):  # a build that failed after appending: back to the lengths it ended with
            path = self.dir / name
            if path.stat().st_size > self.sizes[name]:
                os.truncate(path, self.sizes[name])
        with open(self.dir / RECORDS, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    self.stored_records.append(paper_from_row(json.loads(line)))
                except (ValueError, TypeError, KeyError) as e:
                    raise InputError(f"not a stored record ({e})", path=str(self.dir / RECORDS), line=n) from e
        offset = 0
        with open(self.dir / EXTRACTIONS, "rb") as f:
            for line in f:
                # the key is the first member of each line: read it without parsing the rest
                key = line[9:49].decode("ascii") if line.startswith(b'{"key": "') else json.loads(line)["key"]
                self._index[key] = offset
                offset += len(line)

    # ----------------------------------------------------------------------- the hooks

    def records(self, new: list[Paper]) -> list[Paper]:
        """The records to deduplicate: the stored ones, then those of ``new`` not stored already."""
        known = set(self.stored_records)
        for p in new:
            if p in known:
                self.counts["records_known"] += 1
            else:
                self.new_records.append(p)
        self.counts["records_added"] = len(self.new_records)
        return self.stored_records + self.new_records

    def extractor(self, extract: Callable[[list[Paper]], Iterable[Extraction]]
                  ) -> Callable[[list[Paper]], Iterator[Extraction]]:
        """An ``extractor`` for :func:`kg.build_graph`: the papers' extractions in order, stored facts
        for the papers that have them, ``extract(the others)`` (in one stream) for the rest."""

        def run(papers: list[Paper]) -> Iterator[Extraction]:
            keys = [paper_key(p) for p in papers]
            missing = [p for p, k in zip(papers, keys) if k not in self._index]
            self.counts["papers_extracted"] = len(missing)
            self.counts["papers_reused"] = len(papers) - len(missing)
            fresh = iter(extract(missing)) if missing else iter(())
            stored = open(self.dir / EXTRACTIONS, "rb") if len(missing) < len(papers) else None
            self.discard()
            rows = None  # the temporary file of the new facts, opened with the first one
            try:
                for paper, key in zip(papers, keys):
                    offset = self._index.get(key)
                    if offset is None:
                        ex = next(fresh)
                        if rows is None:
                            fd, name = tempfile.mkstemp(prefix="kg-state-", suffix=".jsonl")
                            self._new_rows = Path(name)
                            rows = os.fdopen(fd, "w", encoding="utf-8")
                        rows.write(json.dumps(extraction_row(ex, key), ensure_ascii=False) + "\n")
                        yield ex
                        continue
                    if stored.tell() != offset:
                        stored.seek(offset)
                    yield extraction_from_row(json.loads(stored.readline()), paper, self.names)
            finally:
                if rows is not None:
                    rows.close()
                if stored is not None:
                    stored.close()

        return run

    # ----------------------------------------------------------------------- writing

    def commit(self) -> dict:
        """Write the new records and facts and then ``state.json``; return the update's counts."""
        self.dir.mkdir(parents=True, exist_ok=True)
        # an update appends (state.json, written last, says how long the files were before); a new
        # build writes beside the old files and replaces them once its own are complete
        suffix = "" if self.update else ".tmp"
        with open(self.dir / (RECORDS + suffix), "a" if self.update else "w", encoding="utf-8") as f:
            for p in self.new_records:
                f.write(json.dumps(paper_row(p), ensure_ascii=False) + "\n")
        with open(self.dir / (EXTRACTIONS + suffix), "ab" if self.update else "wb") as f:
            if self._new_rows is not None:  # (None: no build ran, nothing extracted)
                with open(self._new_rows, "rb") as new:
                    shutil.copyfileobj(new, f, 1 << 20)
        self.discard()
        if not self.update:
            (self.dir / MANIFEST).unlink(missing_ok=True)
            for name in (RECORDS, EXTRACTIONS):
                os.replace(self.dir / (name + suffix), self.dir / name)
        meta = {"format": FORMAT, "pipeline": self.pipeline, "fields": self.names,
                "sizes": {name: (self.dir / name).stat().st_size for name in (RECORDS, EXTRACTIONS)},
                "records": len(self.stored_records) + len(self.new_records)}
        tmp = self.dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.dir / MANIFEST)
        return dict(self.counts)

    def discard(self) -> None:
        """Remove the temporary file of the facts extracted now (after :meth:`commit`, or when the
        build failed: then the folder's state is as it was)."""
        if self._new_rows is not None:
            self._new_rows.unlink(missing_ok=True)
            self._new_rows = None
