"""Decoding a file line by line: text, or the problem of a line (too long, not UTF-8, binary)."""
from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass

from ..readwrite._values import UNSTORABLE, bad_text


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
