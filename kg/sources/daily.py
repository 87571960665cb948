"""Hugging Face Daily Papers, read through ``huggingface_hub`` (``HfApi.list_daily_papers``).

Each day's listing is read page by page (``p``, ``limit``) until a page comes back short; a paper
becomes the record ``kg build`` reads: ``id`` and ``arxiv_id`` (the arXiv id), ``title``,
``abstract`` (the paper's summary), ``authors``, ``date`` (the paper's publication day),
``upvotes``, ``url`` (its arXiv page) and ``urls`` (GitHub repository and project page).

The listing's paper objects do not carry the GitHub repository and project page through
``huggingface_hub`` (they sit inside the listing's nested ``paper`` object, which
:class:`huggingface_hub.hf_api.PaperInfo` reads only in part); with ``details=True`` each paper that
has neither is looked up once more with ``HfApi.paper_info``, whose answer carries both.

>>> from types import SimpleNamespace as NS
>>> from datetime import datetime, timezone
>>> info = NS(id="2406.01234", title="ZorbNet", summary=" We propose ZorbNet. ", upvotes=3,
...           authors=[NS(name="A. Author")], published_at=datetime(2024, 6, 3, tzinfo=timezone.utc),
...           submitted_at=None, github_repo="https://github.com/o/zorbnet", project_page=None)
>>> rec = record(info)
>>> rec["id"], rec["date"], rec["url"], rec["urls"]
('2406.01234', '2024-06-03', 'https://arxiv.org/abs/2406.01234', ['https://github.com/o/zorbnet'])
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..errors import FetchError
from .retry import Backoff

#: papers per request (the listing's largest page)
PAGE_SIZE = 100


def days(on: str | None = None, since: str | None = None, until: str | None = None) -> list[str | None]:
    """The days to read: ``on``, or every day from ``since`` to ``until`` (today if None), or
    ``[None]`` (the latest listing) when no day is given.

    >>> days(since="2024-06-29", until="2024-07-01")
    ['2024-06-29', '2024-06-30', '2024-07-01']
    """
    if on:
        return [date.fromisoformat(on).isoformat()]
    if not since:
        return [None]
    first, last = date.fromisoformat(since), date.fromisoformat(until) if until else date.today()
    return [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]


def fetch(*, on: str | None = None, since: str | None = None, until: str | None = None, endpoint: str | None = None,
          details: bool = False, page_size: int = PAGE_SIZE, backoff: Backoff | None = None) -> Iterator[dict]:
    """Yield the record of every paper listed on the days asked (see :func:`days`), each paper once.

    ``endpoint`` is the Hub's address (default: ``huggingface_hub``'s, ``HF_ENDPOINT`` or
    https://huggingface.co). A paper without summary is passed over.
    """
    from huggingface_hub import HfApi

    api = HfApi(endpoint=endpoint) if endpoint else HfApi()
    backoff = backoff or Backoff()
    where = api.endpoint
    seen: set[str] = set()
    for day in days(on, since, until):
        page = 0
        while True:
            infos = backoff.call(lambda: list(api.list_daily_papers(date=day, p=page, limit=page_size, token=False)),
                                 source="daily", where=where)
            for info in infos:
                if not info.id or info.id in seen or not (info.summary or "").strip():
                    continue
                seen.add(info.id)
                if details and not (info.github_repo or info.project_page):
                    info = _details(api, info, backoff, where)
                yield record(info)
            if len(infos) < page_size:
                break
            page += 1


def _details(api, info, backoff: Backoff, where: str):
    """``HfApi.paper_info`` of a listed paper (repository, project page), or the listing's own
    info when the Hub has no page for it (HTTP 404)."""
    from .retry import status_of

    try:
        return backoff.call(lambda: api.paper_info(info.id), source="daily", where=where)
    except FetchError as e:
        if status_of(e.__cause__) == 404:
            return info
        raise


def record(info) -> dict:
    """The JSONL record of one :class:`huggingface_hub.hf_api.PaperInfo`."""
    when = info.published_at or info.submitted_at
    return {
        "id": info.id,
        "title": " ".join((info.title or "").split()),
        "abstract": " ".join((info.summary or "").split()),
        "authors": [a.name for a in info.authors or () if getattr(a, "name", None)],
        "date": when.date().isoformat() if when else None,
        "upvotes": info.upvotes,
        "url": f"https://arxiv.org/abs/{info.id}",
        "urls": [u for u in (info.github_repo, info.project_page) if u],
        "arxiv_id": info.id,
    }
