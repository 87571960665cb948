"""Read papers from Hugging Face Daily Papers dumps, JSONL and CSV files.

:func:`read_papers` streams :class:`~kg.model.Paper` objects, one per listing
or record, each with exactly one :class:`~kg.model.Source`; :func:`dedupe`
merges the copies of a paper that several files list. Problems (an empty or
binary file, bytes that are not UTF-8, a malformed JSON line, a record
without abstract, an over-long abstract, a missing path...) are recorded in
an :class:`IngestReport` and the run goes on, or raise
:class:`~kg.errors.InputError` at once when ``strict=True``.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     f = pathlib.Path(d, "papers.jsonl")
...     _ = f.write_text('{"title": "T", "abstract": "We propose T."}\\n{"title": "U"}\\n')
...     report = IngestReport()
...     papers = list(read_papers(f, report=report))
>>> [p.title for p in papers], report.read, [s.reason for s in report.skipped]
(['T'], 1, ['record without abstract'])

The modules: ``read`` (:func:`read_papers`: files and folders), ``lines`` (decoding a file line by
line), ``report`` (:class:`IngestReport`, problems), ``formats`` (the registry :data:`INPUT_FORMATS`),
``hf`` (Hugging Face Daily Papers dumps), ``records`` (JSONL and CSV), ``urls`` (:func:`extract_urls`),
``duplicates`` (:func:`paper_id_for_title`, :func:`dedupe`). Import from ``kg.ingest``.
"""
from __future__ import annotations

from .duplicates import dedupe, paper_id_for_title
from .formats import FORMATS, INPUT_FORMATS, InputFormat, format_for_suffix
from .hf import ABSTRACT_MIN_CHARS, TITLE_MAX_CHARS
from .read import read_papers
from .report import IngestReport
from .urls import extract_urls

__all__ = [
    "TITLE_MAX_CHARS", "ABSTRACT_MIN_CHARS", "IngestReport", "read_papers", "paper_id_for_title", "dedupe",
    "extract_urls", "InputFormat", "INPUT_FORMATS", "FORMATS", "format_for_suffix",
]
