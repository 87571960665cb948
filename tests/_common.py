"""Fixtures and helpers shared by the test modules (imported by name: ``from _common import nlp``)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def in_ci() -> bool:
    """Whether the tests run under CI (``CI=true``, as CI services and our CI set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def skip_unless_ci(reason: str) -> None:
    """Skip with ``reason``; under CI fail instead, since .ci/run installs what the test needs,
    so CI cannot pass by skipping it."""
    if in_ci():
        pytest.fail(f"{reason} -- CI=true: .ci/run provides this, so its absence is an error", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, built once for the whole test session."""
    from kg.extract import default_nlp

    return default_nlp()


@pytest.fixture(scope="session")
def rules_nlp():
    """The rules-only pipeline (no tagger, no judge: what the rules alone find), built once."""
    from kg.pipeline import make_nlp

    return make_nlp(trained=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository, or a skip that says why (a failure under CI)."""
    if not SHARED.is_dir():
        skip_unless_ci(f"{SHARED} not found: the shared corpus and gold files sit beside the repository in CI")
    return SHARED


def paper(abstract: str, title: str = "", pid: str = "t1"):
    from kg.model import Paper

    return Paper(id=pid, title=title, abstract=abstract)


@pytest.fixture(scope="session")
def shared_corpus_graph(shared):
    """The graph of the shared corpus (``../shared/corpus/hf-daily-papers/``) with the default
    pipeline, built once for the whole test session."""
    import kg

    return kg.build_graph([shared / "corpus" / "hf-daily-papers"], n_process=0)
