"""The registry of input formats (:data:`INPUT_FORMATS`): name, file suffixes and parser of each."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Paper
from .hf import _parse_hf
from .records import _parse_csv, _parse_jsonl


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
