""":func:`read_papers`: the files of the inputs (folders walked), each opened and given to the parser of its format."""
from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Paper
from .formats import INPUT_FORMATS, InputFormat, format_for_suffix
from .lines import _lines
from .report import IngestReport, _Problems


def read_papers(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    strict: bool = False,
    report: IngestReport | None = None,
    max_chars: int = 100_000,
) -> Iterator[Paper]:
    """Yield one :class:`Paper` per listing or record of ``inputs``, in input order.

    ``inputs`` is one path or an iterable of paths. A directory is read
    recursively in sorted order (hidden files and folders, whose names start
    with ".", are passed over). The extension picks the format: ``.txt`` a
    Hugging Face Daily Papers dump, ``.jsonl``/``.ndjson`` JSON lines, ``.csv``
    CSV with a header row; any other extension is skipped with a reason.
    Every paper has exactly one ``Source(path, line, format)``: the 1-based line
    of its title (HF) or of its record. Duplicates are NOT merged (see :func:`dedupe`).

    JSONL objects and CSV rows have ``title`` (may be empty), ``abstract``
    (required) and optionally ``id`` (else :func:`paper_id_for_title` of the
    title, or of the abstract when there is no title), ``authors`` (a list or a
    ";"-separated string), ``date``, ``url``, ``urls`` (a list of addresses, JSONL),
    ``upvotes`` and ``arxiv_id`` (or ``arxiv``, or an arXiv address in ``url``). CSV column names are matched without case;
    a CSV field is also limited by :func:`csv.field_size_limit`.

    Each problem is appended to ``report.skipped`` (and passed to
    ``report.on_skip``) and reading goes on; with ``strict=True`` the first
    problem raises :class:`~kg.errors.InputError` naming file and line. An
    abstract (or title) longer than ``max_chars`` characters is a problem; files
    are read line by line, and a line too long for ``max_chars`` is skipped
    without being held in memory whole.

    >>> list(read_papers("no/such/file.jsonl"))
    []
    >>> list(read_papers("no/such/file.jsonl", strict=True))
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.jsonl: no such file or directory
    """
    report = report if report is not None else IngestReport()
    problem = _Problems(report, strict)
    for path, fmt in _files(inputs, problem):
        for paper in _read_file(path, fmt, max_chars, problem, report):
            report.read += 1
            yield paper


def _files(inputs, problem: _Problems) -> Iterator[tuple[Path, str]]:
    """(path, format) of every file to read, in order; reports missing paths and unknown extensions."""
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    for item in items:
        path = Path(item)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, problem)
        elif path.exists():
            candidates = (path,)
        else:
            problem(str(path), None, "no such file or directory")
            continue
        for file in candidates:
            fmt = format_for_suffix(file.suffix)
            if fmt is None:
                what = f"unknown file extension {file.suffix!r}" if file.suffix else "no file extension"
                expected = ", ".join(f"{s} ({f.description})" for f in INPUT_FORMATS.values() for s in f.suffixes)
                problem(str(file), None, f"{what}: expected {expected}")
            else:
                yield file, fmt


def _walk(root: Path, problem: _Problems) -> Iterator[Path]:
    """Files under ``root``, recursively, sorted by name at each level; hidden entries skipped."""
    seen: set[Path] = set()

    def visit(folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen:  # a symlink loop
            return
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            problem(str(folder), None, f"cannot list folder: {e.strerror or e}", e)
            return
        for entry in entries:
            if entry.is_dir():
                yield from visit(folder / entry.name)
            else:
                yield folder / entry.name

    return visit(root)


def _read_file(path: Path, fmt: InputFormat, max_chars: int, problem: _Problems, report: IngestReport) -> Iterator[Paper]:
    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as e:
        problem(name, None, f"cannot open: {e.strerror or e}", e)
        return
    with fh:
        report.files.append(name)
        head = fh.peek(8192)[:8192]
        if not head:
            problem(name, None, "empty file")
            return
        if b"\x00" in head:
            utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            problem(name, None, "binary file (NUL bytes), not text" + ("; it looks like UTF-16: save it as UTF-8" if utf16 else ""))
            return
        yield from fmt.parse(name, _lines(fh, max_chars, fmt.bytes_per_char), max_chars, problem)
