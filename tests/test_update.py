"""kg build --update: a build of A then an update with B gives the graph (and the export files) of one
build of A and B; the same papers again change nothing; old papers are never extracted again."""
from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.errors import InputError
from kg.update import STATE_DIR, BuildState, extraction_from_row, extraction_row, paper_from_row, paper_key, paper_row

from _common import SAMPLES, nlp  # noqa: F401 (a fixture)

EXPORTS = ["graph.graphml", "graph.json", "triples.jsonl"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path):
    """A: four sample papers; B: the other four and the HF dump (which repeats a paper of A's file);
    C: a paper of A again under another title (same arXiv id) and a new one."""
    lines = (SAMPLES / "papers.jsonl").read_text().splitlines()
    a = tmp_path / "a.jsonl"
    a.write_text("\n".join(lines[:4]) + "\n")
    b = tmp_path / "b.jsonl"
    b.write_text("\n".join(lines[4:]) + "\n")
    first = json.loads(lines[0])
    c = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "again", "title": first["title"].upper() + "!", "abstract": "Another abstract of the same paper.",
         "authors": ["N. Ew"], "url": "https://github.com/newlab/again"},
        {"id": "c2", "title": "HeronDet: Detection with Fewer Anchors",
         "abstract": "HeronDet is a detector based on ResNet-50. It reaches 51.0 box AP on COCO."},
    ])
    return a, b, SAMPLES / "daily-papers.txt", c


def build(*args) -> None:
    assert main(["build", *map(str, args), "-q", "-j", "1", "--rules-only"]) == 0


def same_graph(g1, g2) -> None:
    """Node for node and edge for edge, with every attribute, in the same order."""
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert list(g1.edges(keys=True, data=True)) == list(g2.edges(keys=True, data=True))


def same_exports(d1: Path, d2: Path) -> None:
    for name in EXPORTS:
        assert filecmp.cmp(d1 / name, d2 / name, shallow=False), name
    cmp = filecmp.dircmp(d1 / "neo4j", d2 / "neo4j")
    assert cmp.left_only == cmp.right_only == [] and filecmp.cmpfiles(d1 / "neo4j", d2 / "neo4j", cmp.common,
                                                                       shallow=False)[0] == sorted(cmp.common)


def test_update_gives_the_graph_of_one_build(inputs, tmp_path):
    a, b, hf, c = inputs
    build(a, "-o", tmp_path / "upd")
    build(b, hf, "--update", tmp_path / "upd")
    build(c, "--update", tmp_path / "upd")
    build(a, b, hf, c, "-o", tmp_path / "full")
    same_graph(kg.load_graph(tmp_path / "upd"), kg.load_graph(tmp_path / "full"))
    same_exports(tmp_path / "upd", tmp_path / "full")
    G = kg.load_graph(tmp_path / "full")
    # the copy in C merged into A's paper: its source and repository joined, nothing else
    merged = [d for _, d in G.nodes(data=True) if d["type"] == "Paper" and any("c.jsonl" in s for s in d["sources"])]
    assert len(merged) == 2 and G.has_node("repo:github.com/newlab/again")
    report = json.loads((tmp_path / "upd" / "report.json").read_text())
    assert report["update"] == {"records_added": 2, "records_known": 0, "papers_extracted": 1, "papers_reused": 9}


def test_the_same_papers_again_change_nothing(inputs, tmp_path):
    a, b, hf, _ = inputs
    build(a, b, "-o", tmp_path / "g")
    before = {n: (tmp_path / "g" / n).read_bytes() for n in EXPORTS}
    state_before = {p.name: p.read_bytes() for p in (tmp_path / "g" / STATE_DIR).iterdir()}
    build(b, a, "--update", tmp_path / "g")
    assert {n: (tmp_path / "g" / n).read_bytes() for n in EXPORTS} == before
    assert {p.name: p.read_bytes() for p in (tmp_path / "g" / STATE_DIR).iterdir()} == state_before
    report = json.loads((tmp_path / "g" / "report.json").read_text())
    assert report["update"] == {"records_added": 0, "records_known": 8, "papers_extracted": 0, "papers_reused": 8}


def test_old_papers_are_not_extracted_again(inputs, tmp_path, monkeypatch):
    a, b, _, _ = inputs
    build(a, "-o", tmp_path / "g")
    seen: list[str] = []
    import kg.engine as engine

    original = engine.local

    def counting(spec, **kw):
        run = original(spec, **kw)

        def wrapped(papers):
            seen.extend(p.id for p in papers)
            return run(papers)

        return wrapped

    monkeypatch.setitem(engine.ENGINES, "local", counting)
    build(b, "--update", tmp_path / "g")
    assert sorted(seen) == sorted(json.loads(line)["id"] for line in b.read_text().splitlines())


def test_update_needs_a_state_and_the_same_pipeline(inputs, tmp_path, capsys):
    a, b, _, _ = inputs
    assert main(["build", str(a), "--update", str(tmp_path / "none"), "-q", "--rules-only"]) == InputError.exit_code
    assert "no build state to update" in capsys.readouterr().err
    build(a, "-o", tmp_path / "g")
    assert main(["build", str(b), "--update", str(tmp_path / "g"), "-q", "-j", "1"]) == InputError.exit_code
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "--rules-only" in err
    assert main(["build", str(b), "--update", str(tmp_path / "g"), "-o", str(tmp_path / "x"), "-q"]) == InputError.exit_code


def test_a_failed_update_leaves_the_state_as_it_was(inputs, tmp_path):
    a, b, _, _ = inputs
    build(a, "-o", tmp_path / "g")
    state = tmp_path / "g" / STATE_DIR
    with open(state / "records.jsonl", "a") as f:  # what an update that died after appending leaves
        f.write('{"id": "half-written"')
    build(b, "--update", tmp_path / "g")
    build(a, b, "-o", tmp_path / "full")
    same_graph(kg.load_graph(tmp_path / "g"), kg.load_graph(tmp_path / "full"))


def test_rows_round_trip(nlp):
    from kg.model import Paper, Source

    p = Paper("p1", "ZorbNet: Fast", "We propose ZorbNet. ZorbNet reaches 76.5% top-1 accuracy on ImageNet.",
              authors=("A. B",), date="2024-06-03", upvotes=3, urls=("https://github.com/o/r",), arxiv_id="2406.1",
              sources=(Source("a.jsonl", 2, "jsonl"),))
    assert paper_from_row(json.loads(json.dumps(paper_row(p)))) == p
    ex = kg.extract(p, nlp)
    assert ex.results and ex.triples and ex.entities
    row = json.loads(json.dumps(extraction_row(ex, paper_key(p))))
    from kg.update import _fields

    assert extraction_from_row(row, p, _fields()) == ex


def test_state_doc_example_runs_without_a_pipeline(tmp_path):
    state = BuildState(tmp_path, pipeline=["x"])
    assert state.records([]) == [] and state.commit()["papers_extracted"] == 0
    assert json.loads((tmp_path / STATE_DIR / "state.json").read_text())["records"] == 0
    shutil.rmtree(tmp_path / STATE_DIR)
