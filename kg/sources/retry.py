"""Retries with back-off for the requests of a paper source, and the one-line errors they end in.

A request that fails in a way that may pass (HTTP 429 or 5xx, a connection that cannot be made or
that breaks) is tried again after a wait: the server's ``Retry-After`` when it sends one, else
``first`` seconds, doubling with each retry up to ``cap``. After ``retries`` retries, or at once for
any other failure (HTTP 404, a malformed answer), :class:`~kg.errors.FetchError` names the source
and what went wrong. The wait is ``sleep`` (``time.sleep`` by default), so that a test can count
the waits instead of waiting.

>>> waits = []
>>> backoff = Backoff(retries=3, first=2.0, sleep=waits.append)
>>> answers = iter([ConnectionRefusedError("refused"), ConnectionRefusedError("refused"), "ok"])
>>> def flaky():
...     a = next(answers)
...     if isinstance(a, Exception):
...         raise a
...     return a
>>> backoff.call(flaky, source="daily", where="https://huggingface.co"), waits
('ok', [2.0, 4.0])
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

from ..errors import FetchError

T = TypeVar("T")

#: HTTP statuses that may pass: too many requests, and the server errors of an overloaded service
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Backoff:
    """How often and how long to wait before trying a failed request again."""

    retries: int = 5
    first: float = 2.0
    cap: float = 300.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    #: retries made so far (over every call), for the fetch report
    made: int = 0

    def wait_for(self, attempt: int, error: BaseException | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based) after ``error``."""
        after = retry_after(error) if error is not None else None
        return min(self.cap, after if after is not None else self.first * 2 ** attempt)

    def call(self, fn: Callable[[], T], *, source: str, where: str) -> T:
        """``fn()``, tried again on failures that may pass; :class:`FetchError` when it gives up.

        ``source`` (``"daily"``, ``"arxiv"``) and ``where`` (the service's address) name the
        failure in the error message.
        """
        attempt = 0
        while True:
            try:
                return fn()
            except Exception as e:  # noqa: BLE001 -- classified below; unknown failures are re-raised
                kind = classify(e)
                if kind is None:
                    raise
                if kind != "final" and attempt < self.retries:
                    self.sleep(self.wait_for(attempt, e))
                    attempt += 1
                    self.made += 1
                    continue
                raise FetchError(describe(e, where, attempt), source=source) from e


def status_of(error: BaseException) -> int | None:
    """The HTTP status of the response an error carries (httpx, requests and huggingface_hub errors)."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def classify(error: BaseException) -> str | None:
    """``"retry"`` (may pass), ``"final"`` (will not: HTTP 4xx, an OAI-PMH error answer, an answer that
    is not JSON or XML), or None (not a request failure)."""
    status = status_of(error)
    if status is not None:
        return "retry" if status in RETRY_STATUSES else "final"
    names = {c.__name__ for c in type(error).__mro__}
    if "OAIPMHException" in names or isinstance(error, (ValueError, SyntaxError)):
        return "final"
    if isinstance(error, (ConnectionError, TimeoutError)) or names & {"TransportError", "RequestError", "Timeout",
                                                                      "ConnectionError", "RemoteDisconnected"}:
        return "retry"
    return None


def retry_after(error: BaseException) -> float | None:
    """Seconds of the ``Retry-After`` header of the response an error carries (a number or a date)."""
    headers = getattr(getattr(error, "response", None), "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def describe(error: BaseException, where: str, retries: int) -> str:
    """One line: what failed, at which address, after how many retries."""
    status = status_of(error)
    tried = f" after {retries} {'retry' if retries == 1 else 'retries'}" if retries else ""
    if status == 429:
        return f"rate limited by {where} (HTTP 429){tried}"
    if status is not None and status >= 500:
        return f"{where} is unavailable (HTTP {status}){tried}"
    if status is not None:
        return f"{where} answered HTTP {status}"
    reason = " ".join(str(error).split()) or type(error).__name__
    if "OAIPMHException" in {c.__name__ for c in type(error).__mro__}:
        return f"{where} refused the request ({type(error).__name__}: {reason[:200]})"
    if isinstance(error, (ValueError, SyntaxError)):
        return f"{where} sent an answer that cannot be read ({reason[:200]})"
    return f"cannot reach {where}{tried}: {reason[:200]}"
