"""Paper sources: services that list new papers, fetched into the JSONL that ``kg build`` reads.

=======  ==================================================  =============================
source   what                                                read with
=======  ==================================================  =============================
daily    Hugging Face Daily Papers, one day or a range        ``huggingface_hub`` (``HfApi.list_daily_papers``)
arxiv    arXiv metadata of a set (``cs``) changed in days      ``oaipmh-scythe`` (OAI-PMH ``ListRecords``)
=======  ==================================================  =============================

:data:`SOURCES` is the one registry: a source is a :class:`PaperSource` (its name, a line of help,
the command-line options of ``kg fetch NAME`` and the function that yields its records); adding
one is adding an entry there. :func:`fetch` writes what a source yields, one JSON object a line,
as it comes (each line flushed), so that when the service fails half-way -- unreachable, or
rate-limiting past the retries of :class:`~kg.sources.retry.Backoff` -- the papers fetched before
are kept in the file and the :class:`~kg.errors.FetchError` says how many.

>>> sorted(SOURCES)
['arxiv', 'daily']
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FetchError, InputError
from . import arxiv, daily
from .retry import Backoff

__all__ = ["SOURCES", "PaperSource", "FetchReport", "fetch", "Backoff"]


@dataclass(frozen=True)
class PaperSource:
    """One source of :data:`SOURCES`: ``records(backoff=..., **options)`` yields JSONL records;
    ``add_arguments(parser)`` declares the options of ``kg fetch NAME`` and ``options(args)`` turns
    the parsed ones into the keyword arguments of ``records``."""

    name: str
    summary: str
    records: Callable[..., Iterator[dict]]
    add_arguments: Callable[[argparse.ArgumentParser], None]
    options: Callable[[argparse.Namespace], dict]


@dataclass
class FetchReport:
    """What :func:`fetch` wrote: the source, the output, papers written, retries made, seconds."""

    source: str
    output: str
    papers: int = 0
    retries: int = 0
    seconds: float = 0.0
    fields: dict[str, int] = field(default_factory=dict)  # how many records have each field filled

    def summary(self) -> str:
        return (f"{self.source}: {self.papers} papers written to {self.output} in {self.seconds:.1f} s"
                f"{f' ({self.retries} retries)' if self.retries else ''}")


def fetch(source: str, output, *, backoff: Backoff | None = None, **options) -> FetchReport:
    """Write the records of ``source`` (a name of :data:`SOURCES`) into ``output`` (a JSONL file,
    replaced; ``"-"`` or a text stream: written there) and report what was written.

    Raises :class:`~kg.errors.FetchError` (naming the source, with the papers already written kept)
    when the service fails past the retries; :class:`~kg.errors.InputError` for an unknown source
    or an unwritable output.
    """
    if source not in SOURCES:
        raise InputError(f"unknown source {source!r} (one of: {', '.join(sorted(SOURCES))})")
    backoff = backoff or Backoff()
    report = FetchReport(source, "standard output" if output in ("-", sys.stdout) else str(output))
    t0 = time.perf_counter()
    if hasattr(output, "write"):
        out, close = output, False
    elif output == "-":
        out, close = sys.stdout, False
    else:
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            out, close = open(output, "w", encoding="utf-8"), True
        except OSError as e:
            raise InputError(f"{output}: cannot write ({e.strerror})") from e
    try:
        for rec in SOURCES[source].records(backoff=backoff, **options):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
            report.papers += 1
            for k, v in rec.items():
                if v not in (None, "", []):
                    report.fields[k] = report.fields.get(k, 0) + 1
    except ImportError as e:
        raise FetchError(f"needs the package {e.name} (pip install 'kg[fetch]')", source=source) from e
    except FetchError as e:
        kept = f"kept the {report.papers} papers fetched before in {report.output}" if report.papers else "nothing fetched"
        raise FetchError(f"{e.reason}; {kept}", source=source) from e
    finally:
        if close:
            out.close()
        report.retries, report.seconds = backoff.made, time.perf_counter() - t0
    return report


# --------------------------------------------------------------------------- the registry


def _daily_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", metavar="YYYY-MM-DD", type=_day, help="one day's listing (default: the latest)")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=_day, help="every day from this one ...")
    p.add_argument("--until", metavar="YYYY-MM-DD", type=_day, help="... to this one (default: today)")
    p.add_argument("--details", action="store_true",
                   help="look each paper up once more for its GitHub repository and project page (one request a paper)")
    p.add_argument("--endpoint", default=None, help="the Hub's address (default: HF_ENDPOINT or https://huggingface.co)")


def _daily_options(args: argparse.Namespace) -> dict:
    if args.date and (args.since or args.until):
        raise InputError("--date and --since/--until exclude each other")
    if args.until and not args.since:
        raise InputError("--until needs --since")
    return {"on": args.date, "since": args.since, "until": args.until, "details": args.details, "endpoint": args.endpoint}


def _arxiv_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", type=_day, required=True,
                   help="first day of metadata changes to harvest")
    p.add_argument("--until", metavar="YYYY-MM-DD", type=_day, help="last day (default: the latest)")
    p.add_argument("--set", dest="set_", metavar="SET", default="cs", help="OAI-PMH set: cs (default), math, stat, physics:hep-th, ...")
    p.add_argument("--endpoint", default=arxiv.ENDPOINT, help=f"OAI-PMH base URL (default {arxiv.ENDPOINT})")
    p.add_argument("--delay", type=float, default=arxiv.DELAY, help=f"seconds between pages (default {arxiv.DELAY:g})")


def _arxiv_options(args: argparse.Namespace) -> dict:
    return {"from_": args.from_, "until": args.until, "set_": args.set_, "endpoint": args.endpoint, "delay": args.delay}


def _day(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day YYYY-MM-DD: {value!r}") from None


#: every source ``kg fetch`` knows, by name
SOURCES: dict[str, PaperSource] = {
    s.name: s for s in (
        PaperSource("daily", "Hugging Face Daily Papers (huggingface_hub)", daily.fetch, _daily_arguments, _daily_options),
        PaperSource("arxiv", "arXiv over OAI-PMH (oaipmh-scythe)", arxiv.fetch, _arxiv_arguments, _arxiv_options),
    )
}
