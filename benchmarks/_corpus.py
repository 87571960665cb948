"""The benchmark corpus: the shared corpus' unique papers, repeated with distinct ids to any size."""
from __future__ import annotations

import dataclasses
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "hf-daily-papers"


def repeated_corpus(n: int, corpus: Path = SHARED_CORPUS) -> list:
    """``n`` papers: the corpus' unique papers, then copies with new ids and titles (and no arXiv
    id), so that deduplication keeps every one of them."""
    from kg.ingest import dedupe, read_papers

    base = dedupe(read_papers([corpus]))
    papers, copy = [], 0
    while len(papers) < n:
        for p in base:
            if len(papers) >= n:
                break
            papers.append(p if copy == 0 else dataclasses.replace(
                p, id=f"{p.id}-c{copy}", title=f"{p.title} (copy {copy})", arxiv_id=None))
        copy += 1
    return papers


def _letters(n: int) -> str:
    """1 -> 'B', 25 -> 'Z', 26 -> 'BA', ...: a short code that is a different word for every copy."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[r] + out
        if n == 0:
            return out


def varied_corpus(n: int, corpus: Path = SHARED_CORPUS):
    """``n`` papers (a generator): the corpus' unique papers, then copies whose names vary.

    In copy ``c`` of a paper, every name that the rules find and that no gazetteer lists, and that
    looks like a name (a capital letter after the first character, or a digit: ``tpSGD``,
    ``ViG-S``), is renamed in the title and the abstract to ``NAME-<code of c>`` (``tpSGD-QK``): each
    copy proposes and compares its own methods, on its own unknown datasets, as new papers do, while
    the well-known names (ImageNet, BERT, COCO, accuracy) stay shared. So the graph grows with the
    corpus instead of collapsing into the nodes of the ~500 originals. Ids and titles are new for
    every copy (no arXiv id), so deduplication keeps every paper.
    """
    import re

    import kg
    from kg.ingest import dedupe, read_papers
    from kg.rules import load_rules

    base = dedupe(read_papers([corpus]))
    known = {str(p.get("id") or p["pattern"]).lower() for p in load_rules().patterns if isinstance(p.get("pattern"), str)}
    known |= {p["pattern"].lower() for p in load_rules().patterns if isinstance(p.get("pattern"), str)}
    nlp = kg.make_nlp(trained=False)
    patterns = []
    for ex in kg.extract(base, nlp):
        names = {e.text for e in ex.entities
                 if e.text.lower() not in known and e.name.lower() not in known
                 and (any(ch.isupper() for ch in e.text[1:]) or any(ch.isdigit() for ch in e.text))}
        names = sorted(names, key=len, reverse=True)
        patterns.append(re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])") if names else None)
    made, copy = 0, 0
    while made < n:
        for p, pattern in zip(base, patterns):
            if made >= n:
                return
            if copy:
                code = "-" + _letters(copy)
                vary = (lambda s: pattern.sub(lambda m: m.group(0) + code, s)) if pattern else (lambda s: s)
                p = dataclasses.replace(p, id=f"{p.id}-c{copy}", title=f"{vary(p.title)} ({copy})",
                                        abstract=vary(p.abstract), arxiv_id=None)
            made += 1
            yield p
        copy += 1
