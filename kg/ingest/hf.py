"""The Hugging Face Daily Papers page dump (``.txt``): titles, abstracts and the trailers after them."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date as _date

from ..model import Paper, Source
from .duplicates import paper_id_for_title
from .lines import _Line
from .report import _Problems
from .urls import extract_urls

#: In a Hugging Face dump a title is a line of at most this many characters ...
TITLE_MAX_CHARS = 300
#: ... followed by an abstract line of at least this many characters (and longer than the title).
ABSTRACT_MIN_CHARS = 200

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
        _stray(path, problem, ln, s)

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
                paper = _finished(cur, trailer)
                if paper is not None:
                    yield paper
                cur, trailer = _listing(path, problem, max_chars, *pending, ln, s), _Trailer()
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
    paper = _finished(cur, trailer)
    if paper is not None:
        yield paper
    if not nonblank:
        problem(path, None, "empty file (only blank lines)")
    elif not found:
        problem(path, None, "no paper listings found (a title line followed by a long abstract line)")


def _stray(path: str, problem: _Problems, ln: _Line, s: str) -> None:
    """Report a line that belongs to no listing."""
    if ln.problem:
        problem(path, ln.no, ln.problem, ln.error)
    elif len(s) < ABSTRACT_MIN_CHARS:
        problem(path, ln.no, f"title without abstract (not followed by a long abstract line): {_clip(s)!r}")
    else:
        problem(path, ln.no, f"abstract without a title line before it: {_clip(s)!r}")


def _listing(path: str, problem: _Problems, max_chars: int,
             title_ln: _Line, title: str, ln: _Line, abstract: str) -> Paper | None:
    """The Paper of a title line and its abstract line, or None (the problem reported)."""
    for bad in (title_ln, ln):
        if bad.problem:
            problem(path, bad.no, bad.problem, bad.error)
            return None
    if len(abstract) > max_chars:
        problem(path, ln.no, f"abstract longer than max_chars ({len(abstract):,} > {max_chars:,} characters)")
        return None
    return Paper(id=paper_id_for_title(title), title=title, abstract=abstract,
                 urls=extract_urls(abstract), sources=(Source(path, title_ln.no, "hf"),))


def _finished(cur: Paper | None, trailer: _Trailer) -> Paper | None:
    """The last listing with what its trailer says (None if it was skipped)."""
    if cur is None:
        return None
    return replace(cur, n_authors=trailer.n_authors, date=trailer.date, upvotes=trailer.upvotes)


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."
