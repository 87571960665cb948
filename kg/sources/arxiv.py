"""arXiv, harvested over OAI-PMH with ``oaipmh-scythe`` (``ListRecords`` in arXiv's own metadata format).

The harvest asks for the records of a set (``cs``, ``math``, ``physics:hep-th``, ...) changed
between two days, page after page (the ``resumptionToken`` of each answer asks for the next one),
waiting ``delay`` seconds between pages as arXiv asks of harvesters. Every page is one request,
retried on its own (arXiv answers ``503`` with ``Retry-After`` when it wants a harvester to slow
down). A record becomes the record ``kg build`` reads: ``id`` and ``arxiv_id``, ``title``,
``abstract``, ``authors`` ("forenames keyname suffix"), ``date`` (the day of the first version),
``url`` (the arXiv page) and ``urls`` (addresses in the authors' comments, such as a code repository).

>>> from lxml import etree
>>> xml = etree.fromstring(
...     '<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2406.01234</id><created>2024-06-03</created>'
...     '<authors><author><keyname>Doe</keyname><forenames>Jane</forenames></author></authors>'
...     '<title>ZorbNet:\\n  Fast</title><comments>Code: https://github.com/o/zorbnet</comments>'
...     '<abstract>  We propose\\nZorbNet.</abstract></arXiv>')
>>> rec = metadata_record(xml)
>>> rec["title"], rec["authors"], rec["urls"]
('ZorbNet: Fast', ['Jane Doe'], ['https://github.com/o/zorbnet'])
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from .retry import Backoff

#: arXiv's OAI-PMH base URL (since 2025; the older http://export.arxiv.org/oai2 redirects there)
ENDPOINT = "https://oaipmh.arxiv.org/oai"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
ARXIV = "{http://arxiv.org/OAI/arXiv/}"
#: seconds between two requests: arXiv asks harvesters for no more than one every three seconds
DELAY = 3.0


def fetch(*, from_: str, until: str | None = None, set_: str | None = "cs", endpoint: str = ENDPOINT,
          delay: float = DELAY, backoff: Backoff | None = None, sleep: Callable[[float], None] | None = None,
          ) -> Iterator[dict]:
    """Yield the record of every paper of ``set_`` whose metadata changed from ``from_`` to ``until``
    (``YYYY-MM-DD``, both included), in the order arXiv lists them; deleted records are passed over."""
    from oaipmh_scythe import Scythe
    from oaipmh_scythe.exceptions import NoRecordsMatch

    backoff = backoff or Backoff()
    sleep = sleep or backoff.sleep or time.sleep
    query = {"verb": "ListRecords", "metadataPrefix": "arXiv", "from": from_}
    if until:
        query["until"] = until
    if set_:
        query["set"] = set_
    def page(scythe):
        """One answer, parsed; None for OAI-PMH's noRecordsMatch (nothing changed in those days)."""
        try:
            return scythe.harvest(query).xml
        except NoRecordsMatch:
            return None

    with Scythe(endpoint) as scythe:
        while True:
            xml = backoff.call(lambda: page(scythe), source="arxiv", where=endpoint)
            if xml is None:
                return
            for element in xml.iterfind(f".//{OAI}record"):
                header = element.find(f"{OAI}header")
                if header is None or header.get("status") == "deleted":
                    continue
                meta = element.find(f"{OAI}metadata/{ARXIV}arXiv")
                if meta is not None:
                    rec = metadata_record(meta)
                    if rec["id"] and rec["abstract"]:
                        yield rec
            token = xml.find(f".//{OAI}resumptionToken")
            if token is None or not (token.text or "").strip():
                return
            query = {"verb": "ListRecords", "resumptionToken": token.text.strip()}
            sleep(delay)


def metadata_record(meta) -> dict:
    """The JSONL record of one ``<arXiv>`` metadata element."""
    from ..ingest import extract_urls

    def text(tag: str, within=meta) -> str:
        el = within.find(f"{ARXIV}{tag}")
        return " ".join((el.text or "").split()) if el is not None else ""

    authors = []
    for a in meta.iterfind(f"{ARXIV}authors/{ARXIV}author"):
        name = " ".join(filter(None, (text("forenames", a), text("keyname", a), text("suffix", a))))
        if name:
            authors.append(name)
    aid = text("id")
    return {
        "id": aid,
        "title": text("title"),
        "abstract": text("abstract"),
        "authors": authors,
        "date": text("created") or None,
        "url": f"https://arxiv.org/abs/{aid}",
        "urls": list(extract_urls(text("comments"))),
        "arxiv_id": aid,
    }
