"""JSON lines and CSV files: one record per line or row, its fields read into a :class:`~kg.model.Paper`."""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator

from ..model import Paper, Source
from ..readwrite._values import bad_text
from .duplicates import paper_id_for_title
from .hf import _make_date, _trailer
from .lines import _Line
from .report import _Problems
from .urls import _unique_urls, extract_urls


class _BadRecord(Exception):
    """A JSONL/CSV record that cannot become a Paper (the message is the reason)."""


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
