"""Which records are one paper: the id of a paper that has none (:func:`paper_id_for_title`) and
merging the copies of a paper (:func:`dedupe`)."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from ..model import Paper, Source  # noqa: F401  (Source: dedupe's example)
from .urls import _unique_urls


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
