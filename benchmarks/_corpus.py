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
