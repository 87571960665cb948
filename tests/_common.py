"""Fixtures and helpers shared by the test modules (imported by name: ``from _common import nlp``)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, built once for the whole test session."""
    from kg.extract import default_nlp

    return default_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository, or a skip that says why."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared corpus and gold files sit beside the repository in CI")
    return SHARED


def paper(abstract: str, title: str = "", pid: str = "t1"):
    from kg.model import Paper

    return Paper(id=pid, title=title, abstract=abstract)
