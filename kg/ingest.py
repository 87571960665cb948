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
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date as _date
from pathlib import Path

from .errors import InputError
from .model import Paper, Skipped, Source
from .readwrite._values import UNSTORABLE, bad_text


#: In a Hugging Face dump a title is a line of at most this many characters ...
TITLE_MAX_CHARS = 300
#: ... followed by an abstract line of at least this many characters (and longer than the title).
ABSTRACT_MIN_CHARS = 200


@dataclass
class IngestReport:
    """What :func:`read_papers` did: records yielded, records or files skipped, files read.

    ``on_skip`` (optional) is called with each :class:`~kg.model.Skipped` as it happens,
    for example to print a warning.

    >>> r = IngestReport()
    >>> r.read, r.skipped, r.files
    (0, [], [])
    """

    read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    on_skip: Callable[[Skipped], None] | None = field(default=None, repr=False, compare=False)


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


def paper_id_for_title(title: str) -> str:
    """The id of a paper that has none: ``"hf-"`` + 12 hex digits of the SHA-1 of the lower-cased title.

    (The shared seed gold file uses the same digits after ``"seed-"``.)

    >>> paper_id_for_title("Deep Residual Learning for Image Recognition")
    'hf-db894aedbbde'
    """
    return "hf-" + hashlib.sha1(title.lower().encode("utf-8")).hexdigest()[:12]


def dedupe(papers: Iterable[Paper]) -> list[Paper]:
    """Merge the copies of a paper: same arXiv id, or same normalised title.

    Titles are compared lower-cased with letters and digits only. The first
    copy keeps its place, id, title and abstract; the merged paper has the
    sources of every copy, the union of their urls, and the fields the first
    copy lacks (authors, n_authors, date, upvotes, arxiv_id) from later copies;
    a date without year (``--MM-DD``) takes the year of a later copy on the same
    day. ``len(papers) - len(dedupe(papers))`` copies were merged.

    >>> a = Paper("hf-1", "ResNet: Deep Residual Learning", "x", sources=(Source("a.txt", 1, "hf"),))
    >>> b = Paper("p9", "ResNet - deep residual learning!", "y", date="2016-06-27",
    ...           sources=(Source("b.jsonl", 4, "jsonl"),))
    >>> [(p.id, p.date, len(p.sources)) for p in dedupe([a, b])]
    [('hf-1', '2016-06-27', 2)]
    """
    groups: list[list[Paper]] = []  # the copies of each paper, in input order
    where: dict[tuple[str, str], int] = {}
    for paper in papers:
        keys = _dedupe_keys(paper)
        i = next((where[k] for k in keys if k in where), None)
        if i is None:
            i = len(groups)
            groups.append([paper])
        else:
            groups[i].append(paper)
        for k in keys:
            where.setdefault(k, i)
    return [group[0] if len(group) == 1 else _merge_all(group) for group in groups]


def extract_urls(text: str) -> tuple[str, ...]:
    """The web addresses in ``text`` (code repositories, project pages), in order, without repeats.

    Trailing punctuation and unbalanced closing brackets are stripped; an address
    without scheme (``github.com/o/r``, ``www.x.org``) gets ``https://``.

    >>> extract_urls("Code: https://github.com/o/r. Demo (see https://o.github.io/r/), github.com/o/r")
    ('https://github.com/o/r', 'https://o.github.io/r/')
    """
    found = []
    for m in _URL.finditer(_GITHUB_SPACE.sub(r"\1", text)):
        url = _strip_url(m.group(0))
        if not re.match(r"(?i)https?://", url):
            url = "https://" + url
        if _URL_HOST.match(url):
            found.append(url)
    return _unique_urls(found)


# --------------------------------------------------------------------------- problems


class _Problems:
    """Records a problem in the report, or raises it under ``strict``."""

    def __init__(self, report: IngestReport, strict: bool):
        self.report, self.strict = report, strict

    def __call__(self, path: str, line: int | None, reason: str, error: BaseException | None = None):
        if self.strict:
            raise InputError(reason, path=path, line=line) from error
        skipped = Skipped(path, line, reason)
        self.report.skipped.append(skipped)
        if self.report.on_skip is not None:
            self.report.on_skip(skipped)


class _BadRecord(Exception):
    """A JSONL/CSV record that cannot become a Paper (the message is the reason)."""


# --------------------------------------------------------------------------- files


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


@dataclass(frozen=True)
class _Line:
    """One physical line: decoded text without its line ending, or a problem."""

    no: int
    text: str  # "" when the line was too long to keep
    size: int  # characters; bytes when too long
    problem: str | None = None
    error: BaseException | None = None
    too_long: bool = False


def _lines(fh, max_chars: int, bytes_per_char: int) -> Iterator[_Line]:
    """Decode a binary file line by line. A line longer than ``max_chars`` characters
    of ``bytes_per_char`` bytes (plus 64 KiB for other fields) is read in pieces and
    dropped, never held whole."""
    limit = max(max_chars, 1) * bytes_per_char + 65_536
    no = 0
    while True:
        raw = fh.readline(limit)
        if not raw:
            return
        no += 1
        if len(raw) >= limit and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = fh.readline(65_536)
                size += len(raw)
            reason = f"line of {size:,} bytes, too long for an abstract of at most max_chars={max_chars:,} characters"
            yield _Line(no, "", size, reason, too_long=True)
            continue
        if raw.endswith(b"\n"):
            raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
        if no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if b"\x00" in raw:
            text = raw.replace(b"\x00", b"").decode("utf-8", "replace")
            yield _Line(no, text, len(text), "NUL bytes in the line (binary data)")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            text = raw.decode("utf-8", "replace")
            column = len(raw[: e.start].decode("utf-8", "replace")) + 1
            reason = f"not valid UTF-8: byte 0x{raw[e.start]:02x} at column {column} ({e.reason})"
            yield _Line(no, text, len(text), reason, e)
            continue
        bad = bad_text(text)
        if bad:
            column = UNSTORABLE.search(text).start() + 1
            yield _Line(no, text, len(text), f"{bad} at column {column} (binary data? kg's exports cannot hold it)")
            continue
        yield _Line(no, text, len(text))


# --------------------------------------------------------------------------- Hugging Face dumps

_CHROME = frozenset(
    s.casefold()
    for s in (
        "new", "Subscribe", "Daily Papers", "byAK and the research community",
        "Get trending papers in your email inbox!", "Get trending papers in your email inbox once a day!",
    )
)
# Page chrome that the dump may glue to the first title ("SubscribeRevBiFPN: ..."); longest first.
_CHROME_PREFIXES = (
    "Get trending papers in your email inbox once a day!", "Get trending papers in your email inbox!",
    "byAK and the research community", "Daily Papers", "Subscribe",
)
_AUTHORS = re.compile(r"(?:[•·]\s*)?(\d+)\s+authors?", re.I)
_DOTS = frozenset("·•")
_DATE = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?")
_MONTHS = {
    name: i
    for i, full in enumerate(
        ("january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"), 1)
    for name in {full, full[:3], full[:4]}
}


@dataclass
class _Trailer:
    """What the lines after an abstract say: "• 5 authors", "·", "Jun 29, 2024", "May 19 2"."""

    n_authors: int | None = None
    date: str | None = None
    upvotes: int | None = None

    def fill(self, other: _Trailer) -> None:
        """Take the fields this trailer lacks from ``other``."""
        self.n_authors = self.n_authors if self.n_authors is not None else other.n_authors
        self.date = self.date or other.date
        self.upvotes = self.upvotes if self.upvotes is not None else other.upvotes


def _trailer(s: str) -> _Trailer | None:
    """The item trailer a line is ("• 5 authors", "·", "Jun 29, 2024", "May 19 2"), or None."""
    if s in _DOTS:
        return _Trailer()
    m = _AUTHORS.fullmatch(s)
    if m:
        return _Trailer(n_authors=int(m.group(1)))
    m = _DATE.fullmatch(s)
    if m and m.group(1).lower() in _MONTHS:
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
        return _Trailer(date=_make_date(year, month, day), upvotes=int(m.group(4)) if m.group(4) else None)
    return None


def _make_date(year: int | None, month: int, day: int) -> str | None:
    """ISO ``YYYY-MM-DD``, or ``--MM-DD`` without year; None if no such day."""
    try:
        _date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 is a day
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _strip_chrome(s: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _CHROME_PREFIXES:
            if s.startswith(prefix) and s[len(prefix):].strip():
                s, changed = s[len(prefix):].lstrip(), True
    return s


def _parse_hf(path: str, lines: Iterable[_Line], max_chars: int, problem: _Problems) -> Iterator[Paper]:
    """Listings of a Hugging Face Daily Papers dump.

    A title is a short line whose next non-blank line is a long abstract line
    (blank lines between them or not); the optional trailer ("• N authors",
    "·", a date with an optional upvote count) follows the abstract. Page chrome
    is recognised wherever it stands, also glued to the first title; a date
    before the first paper is the page date. Any other line is reported.
    """
    cur: Paper | None = None  # the last listing, waiting for its trailer (None if it was skipped)
    trailer = _Trailer()
    pending: tuple[_Line, str] | None = None  # a title candidate waiting for its abstract
    chrome = True  # inside page chrome: dates are page dates, chrome may be glued to a title
    attach = False  # trailer lines belong to the last listing
    found = nonblank = False

    def stray(ln: _Line, s: str) -> None:
        """Report a line that belongs to no listing."""
        if ln.problem:
            problem(path, ln.no, ln.problem, ln.error)
        elif len(s) < ABSTRACT_MIN_CHARS:
            problem(path, ln.no, f"title without abstract (not followed by a long abstract line): {_clip(s)!r}")
        else:
            problem(path, ln.no, f"abstract without a title line before it: {_clip(s)!r}")

    def listing(title_ln: _Line, title: str, ln: _Line, abstract: str) -> Paper | None:
        for bad in (title_ln, ln):
            if bad.problem:
                problem(path, bad.no, bad.problem, bad.error)
                return None
        if len(abstract) > max_chars:
            problem(path, ln.no, f"abstract longer than max_chars ({len(abstract):,} > {max_chars:,} characters)")
            return None
        return Paper(id=paper_id_for_title(title), title=title, abstract=abstract,
                     urls=extract_urls(abstract), sources=(Source(path, title_ln.no, "hf"),))

    def finished() -> Paper | None:
        if cur is None:
            return None
        return replace(cur, n_authors=trailer.n_authors, date=trailer.date, upvotes=trailer.upvotes)

    for ln in lines:
        s = ln.text.strip()
        if not s and ln.problem is None:
            continue
        nonblank = True
        if ln.problem is None:
            if s.casefold() in _CHROME:
                if pending:
                    stray(*pending)
                    pending = None
                chrome, attach = True, False
                continue
            t = _trailer(s)
            if t is not None:
                if pending:
                    stray(*pending)  # the trailer belongs to that title, not to the last listing
                    pending, attach = None, False
                if attach:
                    trailer.fill(t)
                continue
            if chrome:
                s = _strip_chrome(s)
        size = ln.size if ln.too_long else len(s)
        if pending is not None:
            if size >= ABSTRACT_MIN_CHARS and size > len(pending[1]):
                paper = finished()
                if paper is not None:
                    yield paper
                cur, trailer = listing(*pending, ln, s), _Trailer()
                pending, chrome, attach, found = None, False, True, True
                continue
            stray(*pending)
            pending = None
        attach = False
        if size <= TITLE_MAX_CHARS and not ln.too_long:
            pending = (ln, s)
        else:
            stray(ln, s)
    if pending:
        stray(*pending)
    paper = finished()
    if paper is not None:
        yield paper
    if not nonblank:
        problem(path, None, "empty file (only blank lines)")
    elif not found:
        problem(path, None, "no paper listings found (a title line followed by a long abstract line)")


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


# --------------------------------------------------------------------------- JSONL and CSV


def _parse_jsonl(path: str, lines: Iterable[_Line], max_chars: int, problem: _Problems) -> Iterator[Paper]:
    """One record per non-blank line: a JSON object with ``title`` and ``abstract``."""
    nonblank = False
    for ln in lines:
        if ln.problem:
            nonblank = True
            problem(path, ln.no, ln.problem, ln.error)
            continue
        s = ln.text.strip()
        if not s:
            continue
        nonblank = True
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as e:
            problem(path, ln.no, f"malformed JSON: {e.msg} (column {e.colno})", e)
            continue
        except RecursionError as e:
            problem(path, ln.no, "malformed JSON: nested too deeply", e)
            continue
        if not isinstance(obj, dict):
            problem(path, ln.no, f"JSON line is {_json_kind(obj)}, not an object")
            continue
        try:
            yield _paper_from_record(obj, Source(path, ln.no, "jsonl"), max_chars)
        except _BadRecord as e:
            problem(path, ln.no, str(e))
    if not nonblank:
        problem(path, None, "empty file (only blank lines)")


def _json_kind(value) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _parse_csv(path: str, lines: Iterable[_Line], max_chars: int, problem: _Problems) -> Iterator[Paper]:
    """Records of a CSV file with a header row; a record's line is its first line."""
    bad: dict[int, _Line] = {}  # problem lines not yet matched to a record

    def feed() -> Iterator[str]:
        for ln in lines:
            if ln.problem:
                bad[ln.no] = ln
            yield ln.text.replace("\x00", "") + "\n"

    def problems_until(end: int) -> list[_Line]:
        return [bad.pop(n) for n in sorted(n for n in bad if n <= end)]

    reader = csv.reader(feed())
    columns: list[str] | None = None
    last = 0
    nonblank = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            nonblank += 1
            problems_until(reader.line_num)
            reason = str(e)
            if "field larger than field limit" in reason:
                reason = f"a CSV field is longer than {csv.field_size_limit():,} characters"
            problem(path, last + 1, f"malformed CSV: {reason}", e)
            if reader.line_num == last:
                break
            last = reader.line_num
            continue
        start, last = last + 1, reader.line_num
        hits = problems_until(last)
        if hits:
            nonblank += 1
            problem(path, hits[0].no, hits[0].problem, hits[0].error)
            if columns is None:
                return  # no usable header
            continue
        if not any(cell.strip() for cell in row):
            continue
        nonblank += 1
        if columns is None:
            columns = [c.strip().lower() for c in row]
            if "abstract" not in columns:
                problem(path, start, f"CSV without an 'abstract' column (columns: {', '.join(columns)})")
                return
            continue
        record: dict[str, str] = {}
        for name, cell in zip(columns, row):
            record.setdefault(name, cell)
        try:
            yield _paper_from_record(record, Source(path, start, "csv"), max_chars)
        except _BadRecord as e:
            problem(path, start, str(e))
    if not nonblank:
        problem(path, None, "empty file (only blank lines)")
    elif columns is not None and nonblank == 1:
        problem(path, None, "CSV with a header row but no records")


def _paper_from_record(rec: dict, source: Source, max_chars: int) -> Paper:
    """A Paper from a JSONL object or CSV row (fields id, title, abstract, authors, date, url, arxiv_id)."""
    title = _string(rec, "title")
    abstract = _string(rec, "abstract")
    if not abstract:
        raise _BadRecord("record without abstract" if rec.get("abstract") is None else "empty abstract")
    if len(abstract) > max_chars:
        raise _BadRecord(f"abstract longer than max_chars ({len(abstract):,} > {max_chars:,} characters)")
    if len(title) > max_chars:
        raise _BadRecord(f"title longer than max_chars ({len(title):,} > {max_chars:,} characters)")
    rid = rec.get("id")
    rid = str(rid).strip() if isinstance(rid, (str, int)) and not isinstance(rid, bool) else ""
    url = rec.get("url")
    url = url.strip() if isinstance(url, str) and url.strip() else None
    arxiv = _arxiv_id(rec.get("arxiv_id")) or _arxiv_id(rec.get("arxiv")) or _arxiv_from_url(url)
    authors = _authors(rec.get("authors"))
    upvotes = rec.get("upvotes")
    for key, value in (("id", rid), ("title", title), ("abstract", abstract), ("url", url), ("arxiv_id", arxiv),
                       *(("authors", a) for a in authors)):
        bad = bad_text(value) if value else None
        if bad:  # (JSON escapes get past the check of raw lines: "\u0007", "\ud800")
            raise _BadRecord(f"{bad} in {key!r}: kg's exports cannot hold it")
    return Paper(
        id=rid or paper_id_for_title(title or abstract),
        title=title,
        abstract=abstract,
        authors=authors,
        n_authors=len(authors) or None,
        date=_iso_date(rec.get("date")),
        upvotes=upvotes if isinstance(upvotes, int) and not isinstance(upvotes, bool) else None,
        urls=_unique_urls(((url,) if url else ()) + _listed_urls(rec.get("urls")) + extract_urls(abstract)),
        arxiv_id=arxiv,
        sources=(source,),
    )


def _listed_urls(value) -> tuple[str, ...]:
    """The web addresses of a record's ``urls`` list (what ``kg fetch`` writes: code repository,
    project page); anything that is not a list of strings gives none."""
    if not isinstance(value, list):
        return ()
    return tuple(u.strip() for u in value if isinstance(u, str) and u.strip())


def _string(rec: dict, key: str) -> str:
    value = rec.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadRecord(f"{key!r} is {_json_kind(value)}, not a string")
    return value.strip()


def _authors(value) -> tuple[str, ...]:
    """Author names from a list (of names, or of objects with "name") or a ";"-separated string."""
    if isinstance(value, str):
        items = value.split(";")
    elif isinstance(value, list):
        items = [v.get("name", "") if isinstance(v, dict) else v for v in value]
    else:
        return ()
    return tuple(s.strip() for s in items if isinstance(s, str) and s.strip())


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?|--(\d{2})-?(\d{2})")


def _iso_date(value) -> str | None:
    """``YYYY-MM-DD`` / ``--MM-DD`` from an ISO date (time part dropped) or a "Jun 29, 2024" date; else None."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    m = _ISO_DATE.fullmatch(s)
    if m:
        if m.group(1):
            return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _make_date(None, int(m.group(4)), int(m.group(5)))
    t = _trailer(s)
    return t.date if t is not None else None


_ARXIV = re.compile(r"(?:arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?", re.I)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})", re.I)


def _arxiv_id(value) -> str | None:
    """An arXiv id without "arXiv:" and version ("2106.09685"); an address of an arXiv page works too."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = _ARXIV.fullmatch(s)
    if m:
        return m.group(1)
    return _arxiv_from_url(s) or s


def _arxiv_from_url(url: str | None) -> str | None:
    m = _ARXIV_URL.search(url) if url else None
    return m.group(1) if m else None


# --------------------------------------------------------------------------- urls and dedupe

_URL = re.compile(r"""(?:https?://|(?<![\w@/.-])(?:www\.|github\.com/))[^\s<>"'{}|\\^`]+""", re.I)
_URL_HOST = re.compile(r"(?i)https?://[^/\s]*[a-z0-9]\.[a-z0-9]")
# "https://github.com/ owner/repo": a space typed after the host
_GITHUB_SPACE = re.compile(r"(?i)(https?://(?:www\.)?github\.com/)\s+(?=[a-z0-9][\w.-]*/[\w.-])")
_CLOSERS = {")": "(", "]": "["}


def _strip_url(url: str) -> str:
    """``url`` without the punctuation of the sentence around it."""
    while url:
        if url[-1] in ".,;:!?*'\"":
            url = url[:-1]
        elif url[-1] in _CLOSERS and url.count(_CLOSERS[url[-1]]) < url.count(url[-1]):
            url = url[:-1]  # an unbalanced closing bracket: "(see https://x.org/a)"
        else:
            break
    return url


def _unique_urls(urls: Iterable[str]) -> tuple[str, ...]:
    """``urls`` without repeats (ignoring case and a trailing "/"), first spelling kept."""
    out: dict[str, str] = {}
    for u in urls:
        out.setdefault(u.lower().rstrip("/"), u)
    return tuple(out.values())


def _normal_title(title: str) -> str:
    return _NOT_ALNUM.sub("", title.lower())


_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() rejects


def _dedupe_keys(p: Paper) -> list[tuple[str, str]]:
    keys = []
    if p.arxiv_id:
        keys.append(("arxiv", re.sub(r"v\d+$", "", p.arxiv_id.strip().lower())))
    title = _normal_title(p.title)
    if title:
        keys.append(("title", title))
    return keys


def _merge_all(copies: list[Paper]) -> Paper:
    """The first copy with the sources and urls of all, and each field it lacks from the first
    later copy that has it (in one pass over the copies: linear in their number)."""
    a = copies[0]
    first = {f: next((getattr(c, f) for c in copies if getattr(c, f) is not None), None)
             for f in ("n_authors", "upvotes")}
    date = a.date
    for c in copies[1:]:
        if not date:
            date = c.date
        elif date.startswith("--") and c.date and not c.date.startswith("--") and c.date[4:] == date[1:]:
            date = c.date  # the year the first date lacked
    return replace(
        a,
        authors=next((c.authors for c in copies if c.authors), ()),
        n_authors=first["n_authors"],
        date=date,
        upvotes=first["upvotes"],
        urls=_unique_urls(u for c in copies for u in c.urls),
        arxiv_id=next((c.arxiv_id for c in copies if c.arxiv_id), None),
        sources=tuple(dict.fromkeys(s for c in copies for s in c.sources)),
    )


# --------------------------------------------------------------------------- the registry of input formats


@dataclass(frozen=True)
class InputFormat:
    """One input format: ``Source.format`` name, file suffixes, and its parser.

    ``parse(path, lines, max_chars, problem)`` turns the decoded lines of a file (``_Line``
    objects: line number, text or a problem) into Papers, reporting each bad record with
    ``problem(path, line, reason)``. ``bytes_per_char``: how many bytes one character of an
    abstract may take in the file (a line longer than ``max_chars`` of them is dropped unread).
    """

    name: str
    suffixes: tuple[str, ...]
    parse: Callable[..., Iterator[Paper]]
    description: str
    bytes_per_char: int = 4  # UTF-8 takes up to 4 bytes a character


#: Every input format ``read_papers`` knows; adding one is one entry here (and its parser).
INPUT_FORMATS: dict[str, InputFormat] = {f.name: f for f in (
    InputFormat("hf", (".txt",), _parse_hf, "Hugging Face Daily Papers page dump"),
    InputFormat("jsonl", (".jsonl", ".ndjson"), _parse_jsonl, "JSON lines", bytes_per_char=6),  # "\u00e9" takes 6
    InputFormat("csv", (".csv",), _parse_csv, "CSV with a header row"),
)}

#: File suffix -> input format name (``Source.format``), from :data:`INPUT_FORMATS`.
FORMATS = {s: f.name for f in INPUT_FORMATS.values() for s in f.suffixes}


def format_for_suffix(suffix: str) -> InputFormat | None:
    """The input format of a file suffix, or None.

    >>> format_for_suffix(".NDJSON").name
    'jsonl'
    """
    return next((f for f in INPUT_FORMATS.values() if suffix.lower() in f.suffixes), None)
