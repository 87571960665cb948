"""Web addresses in text (:func:`extract_urls`) and a list of addresses without repeats."""
from __future__ import annotations

import re
from collections.abc import Iterable

_URL = re.compile(r"""(?:https?://|(?<![\w@/.-])(?:www\.|github\.com/))[^\s<>"'{}|\\^`]+""", re.I)
_URL_HOST = re.compile(r"(?i)https?://[^/\s]*[a-z0-9]\.[a-z0-9]")
# "https://github.com/ owner/repo": a space typed after the host
_GITHUB_SPACE = re.compile(r"(?i)(https?://(?:www\.)?github\.com/)\s+(?=[a-z0-9][\w.-]*/[\w.-])")
_CLOSERS = {")": "(", "]": "["}


def extract_urls(text: str) -> tuple[str, ...]:
    """The web addresses in ``text`` (code repositories, project pages), in order, without repeats.

    Trailing punctuation and unbalanced closing brackets are stripped; an address
    without scheme (``github.com/o/r``, ``www.x.org``) gets ``https://``.

    >>> extract_urls("Code: https://github.com/o/r. Demo (see https://o.github.io/r/), github.com/o/r")
    ('https://github.com/o/r', 'https://o.github.io/r/')
    """
    found = []
    for m in _URL.finditer(_GITHUB_SPACE.sub(r"\1", text)):
        url = _strip_url(m.group(0))
        if not re.match(r"(?i)https?://", url):
            url = "https://" + url
        if _URL_HOST.match(url):
            found.append(url)
    return _unique_urls(found)


def _strip_url(url: str) -> str:
    """``url`` without the punctuation of the sentence around it."""
    while url:
        if url[-1] in ".,;:!?*'\"":
            url = url[:-1]
        elif url[-1] in _CLOSERS and url.count(_CLOSERS[url[-1]]) < url.count(url[-1]):
            url = url[:-1]  # an unbalanced closing bracket: "(see https://x.org/a)"
        else:
            break
    return url


def _unique_urls(urls: Iterable[str]) -> tuple[str, ...]:
    """``urls`` without repeats (ignoring case and a trailing "/"), first spelling kept."""
    out: dict[str, str] = {}
    for u in urls:
        out.setdefault(u.lower().rstrip("/"), u)
    return tuple(out.values())
