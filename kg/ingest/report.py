"""What reading did (:class:`IngestReport`), and how a problem is recorded there or raised (``strict``)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Skipped


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
