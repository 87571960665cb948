"""Acronyms defined in brackets and their long forms: "Gated Token Mixer (GTM)".

>>> text = "We present the Gated Token Mixer (GTM) for vision."
>>> m = next(ACRONYM_DEF.finditer(text))
>>> s, e = long_form(text, m.start(), m.group(1), frozenset({"the"}), frozenset({"of"}))
>>> text[s:e]
'Gated Token Mixer'
>>> text = "Gated Token\\n\\nMixer (GTM) is fast."
>>> long_form(text, text.index("("), "GTM", frozenset(), frozenset()) is None  # not over a line break
True
"""
from __future__ import annotations

import re

#: an acronym in brackets: "(GTM)", "(BiDAF; ...)"; group 1 is the acronym
ACRONYM_DEF = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-+.&/]{0,15}?)\s*(?:;[^)]*)?\)")
_WORD = re.compile(r"[A-Za-z0-9][\w\-']*")
#: how far before its bracket a long form may begin (characters)
_WINDOW = 160


def long_form(text: str, bracket: int, acronym: str, not_first: frozenset, small_words: frozenset
              ) -> tuple[int, int] | None:
    """The character span of the long form that the acronym in the bracket at ``bracket`` stands
    for: the shortest run of words right before the bracket (back to the punctuation of a clause,
    at most :data:`_WINDOW` characters) whose initials make the acronym (:func:`initials_match`)
    and that has about one word per letter, else the longest that matches; None when none does.
    A long form never crosses a line break (the title and the abstract are apart).
    A long form does not begin with a word of ``not_first`` ("we", "the"); ``small_words``
    ("of", "for") may go without a letter of the acronym."""
    offset = max(0, bracket - _WINDOW)
    head = text[offset:bracket]
    # the words before the bracket, back to sentence or clause punctuation or a line break
    cut = max(head.rfind(". "), head.rfind(", "), head.rfind(": "), head.rfind("; "), head.rfind("("), head.rfind("\n"))
    words = [(offset + w.start(), offset + w.end(), w.group()) for w in _WORD.finditer(head, cut + 1)]
    n_letters = sum(c.isalpha() for c in acronym)
    best = None
    for k in range(1, min(len(words), n_letters + 3) + 1):
        cand = words[-k:]
        if cand[0][2][0].lower() != acronym[0].lower() or cand[0][2].lower() in not_first:
            continue
        if initials_match([w[2] for w in cand], acronym, small_words):
            best = cand
            if len(cand) >= n_letters - 1:
                break
    return (best[0][0], best[-1][1]) if best else None


def initials_match(words: list[str], acronym: str, small_words: frozenset) -> bool:
    """Loose check that an acronym is made of the initials (and inner capitals) of ``words``.

    >>> initials_match(["Sliced", "REcursive", "Transformer"], "SReT", frozenset())
    True
    """
    letters = "".join(c for c in acronym if c.isalpha()).lower()
    if not letters:
        return False
    if letters.endswith("s") and acronym[-1] == "s":
        letters = letters[:-1]
    parts = [piece for w in words for piece in w.replace("/", "-").split("-") if piece]
    pool = "".join(p[0].lower() for p in parts if p[0].isalnum())
    caps = "".join(c.lower() for p in parts for c in p if c.isupper() or c.isdigit())
    it = iter(pool)
    subseq = all(ch in it for ch in letters)
    return bool(letters) and letters[0] == pool[:1] and (
        subseq or letters in caps or _initials_and_inner(parts, acronym, small_words))


def _initials_and_inner(parts: list[str], acronym: str, small_words: frozenset) -> bool:
    """True when each capital (or digit) of ``acronym`` starts one of ``parts`` in order and each of
    its lower-case letters follows in the word the capital before it began: "SReT" from Sliced
    REcursive Transformer, "CoSe" from COmmon SEnse."""
    i = -1  # the part the last capital matched
    pos = 0  # where in that part the next lower-case letter is looked for
    for ch in acronym:
        if ch.isupper() or ch.isdigit():
            i += 1
            # the first capital starts the first word; only small words ("of", "for") go without one
            while i < len(parts) and parts[i][0].lower() != ch.lower():
                if i == 0 or parts[i].lower() not in small_words:
                    return False
                i += 1
            if i == len(parts):
                return False
            pos = 1
        elif ch.isalpha():
            if i < 0:
                return False
            found = parts[i].lower().find(ch, pos)
            if found < 0:
                return False
            pos = found + 1
    return i >= 0
