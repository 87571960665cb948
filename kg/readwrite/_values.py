"""What every export format can store exactly, checked once before anything is written.

kg's exports hold any text a paper can hold -- line breaks, quotes, ``;``, commas, any
Unicode letter or symbol -- and give it back unchanged. Three kinds of value cannot travel
through every format unchanged, so they are refused with an :class:`~kg.errors.ExportError`
naming the node or edge and the attribute, before a single file is written:

* text with a control character other than tab, line feed and carriage return (U+0000 to
  U+001F; XML 1.0 cannot hold them, and U+001F separates list items in the Neo4j CSV files),
  with U+FFFE or U+FFFF (not XML characters), or with a lone surrogate (not encodable in UTF-8);
  :func:`kg.ingest.read_papers` already skips records that hold them;
* a float that is not finite (``nan``, ``inf``): kg marks a missing value with ``None``;
* a list holding only one empty string (in Neo4j CSV it could not be told from an empty list).

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("method:a", type="Method", name="A;\\n\\"B\\"")
>>> check_graph(G)
>>> G.add_node("method:b", type="Method", name="bad\\x1fname")
>>> check_graph(G)
Traceback (most recent call last):
...
kg.errors.ExportError: node 'method:b', attribute 'name': control character U+001F in 'bad\\x1fname': kg's exports cannot store it
"""
from __future__ import annotations

import contextlib
import contextvars
import math
import re
from collections.abc import Mapping

import networkx as nx

from ..errors import ExportError

#: Characters no export stores: C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def bad_text(s: str) -> str | None:
    """Why ``s`` cannot be exported (``"control character U+0007"``), or None when it can.

    >>> bad_text("tab\\tand\\nline"), bad_text("bell\\x07")
    (None, 'control character U+0007')
    """
    m = UNSTORABLE.search(s)
    if m is None:
        return None
    c = ord(m.group(0))
    what = "lone surrogate" if 0xD800 <= c <= 0xDFFF else "non-character" if c >= 0xFFFE else "control character"
    return f"{what} U+{c:04X}"


def _check(value, where: str, attr: str) -> None:
    if isinstance(value, str):
        why = bad_text(value)
        if why:
            raise ExportError(f"{where}, attribute {attr!r}: {why} in {_clip(value)!r}: kg's exports cannot store it")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"{where}, attribute {attr!r}: {value!r} is not a finite number "
                              f"(kg marks a missing value with None)")
    elif isinstance(value, Mapping):
        for k, v in value.items():
            _check(k, where, attr)
            _check(v, where, attr)
    elif isinstance(value, (list, tuple, set, frozenset)):
        if isinstance(value, (list, tuple)) and len(value) == 1 and value[0] == "":
            raise ExportError(f"{where}, attribute {attr!r}: a list of one empty string cannot be told from an "
                              f"empty list in Neo4j CSV")
        for v in value:
            _check(v, where, attr)


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


_CHECKED: contextvars.ContextVar[int | None] = contextvars.ContextVar("kg_checked_graph", default=None)


def _strings_and_floats(value, strings: list, floats: list) -> None:
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, float):
        floats.append(value)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            _strings_and_floats(k, strings, floats)
            _strings_and_floats(v, strings, floats)
    elif isinstance(value, (list, tuple, set, frozenset)):
        if isinstance(value, (list, tuple)) and len(value) == 1 and value[0] == "":
            strings.append("\x00")  # (found again, and explained, by the precise pass)
        for v in value:
            _strings_and_floats(v, strings, floats)


def check_graph(G: nx.MultiDiGraph) -> None:
    """Raise :class:`~kg.errors.ExportError` at the first value no export can store (see above)."""
    if _CHECKED.get() == id(G):
        return  # (checked once for all the formats of :func:`kg.io.write_exports`)
    strings: list[str] = []
    floats: list[float] = []

    def clean() -> bool:
        # one regex search over the text of many values at once (a line feed is storable, so it can
        # join them); in chunks, so that the check never holds a copy of all the graph's text
        ok = UNSTORABLE.search("\n".join(strings)) is None and all(map(math.isfinite, floats))
        strings.clear()
        floats.clear()
        return ok

    for n, d in G.nodes(data=True):
        strings.append(str(n))
        _strings_and_floats(d, strings, floats)
        if len(strings) > _CHUNK and not clean():
            return _precise(G)
    for _, _, d in G.edges(data=True):
        _strings_and_floats(d, strings, floats)
        if len(strings) > _CHUNK and not clean():
            return _precise(G)
    if not clean():
        _precise(G)


#: values checked by one search of :func:`check_graph`
_CHUNK = 20_000


@contextlib.contextmanager
def checked(G: nx.MultiDiGraph):
    """Check ``G`` once; within the block, :func:`check_graph` of ``G`` passes at once."""
    check_graph(G)
    token = _CHECKED.set(id(G))
    try:
        yield
    finally:
        _CHECKED.reset(token)


def _precise(G: nx.MultiDiGraph) -> None:
    """Find the first bad value and raise its error (only called when there is one)."""
    for n, d in G.nodes(data=True):
        where = f"node {_clip(str(n))!r}"
        _check(str(n), where, "id")
        for k, v in d.items():
            _check(k, where, str(k))
            _check(v, where, str(k))
    for u, v, k, d in G.edges(keys=True, data=True):
        where = f"edge {_clip(str(u))!r} -> {_clip(str(v))!r} ({_clip(str(k))})"
        for a, x in d.items():
            _check(a, where, str(a))
            _check(x, where, str(a))
