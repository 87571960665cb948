"""Every error of every command is one line on stderr with a non-zero exit code, never a traceback:
unwritable output, a full disk, a folder given as a file, a file given as a folder (issue 12).

A full disk is a real one where the machine lets the tests mount a tiny tmpfs (as root), and
/dev/full (every write fails with ENOSPC) for files and standard output; a monkeypatched ENOSPC
covers the build where no mount is possible.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main

from _common import ROOT, SAMPLES

FAST = ["--rules-only"]


def one_line_error(capsys, code: int) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if not line.startswith("kg: warning:")]
    assert code not in (0, None), err
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def a_file(tmp_path) -> Path:
    f = tmp_path / "a-file.txt"
    f.write_text("not a folder")
    return f


@pytest.fixture
def graph_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    assert main(["build", str(SAMPLES), "-o", str(out), "-q", "-j", "1", *FAST]) == 0
    return out / "graph.graphml"


@pytest.fixture
def dev_full() -> Path:
    """/dev/full, the device on which every write fails with ENOSPC (a skip if it is not one here)."""
    full = Path("/dev/full")
    if not full.is_char_device():
        pytest.skip("/dev/full is not the full device on this machine")
    return full


@pytest.fixture
def tiny_disk(tmp_path):
    """A 16 KiB tmpfs (a really full disk), or a skip where mounting is not allowed."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if not shutil.which("mount") or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mnt)],
                                                   capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root?): the monkeypatched ENOSPC tests cover it")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


# ------------------------------------------------------------------------------------------ build


def test_build_output_is_a_file(a_file, capsys):
    line = one_line_error(capsys, main(["build", str(SAMPLES), "-o", str(a_file), "-q", "-j", "1", *FAST]))
    assert str(a_file) in line and "not a folder" in line
    assert a_file.read_text() == "not a folder"


def test_build_output_under_a_file(a_file, capsys):
    one_line_error(capsys, main(["build", str(SAMPLES), "-o", str(a_file / "out"), "-q", "-j", "1", *FAST]))


def test_build_output_not_writable(tmp_path, capsys):
    if os.geteuid() == 0:
        target = Path("/proc/kg-exports")  # even root cannot create files in /proc
    else:
        (tmp_path / "ro").mkdir(mode=0o500)
        target = tmp_path / "ro" / "out"
    one_line_error(capsys, main(["build", str(SAMPLES), "-o", str(target), "-q", "-j", "1", *FAST]))


def test_build_on_a_full_disk(tiny_disk, capsys):
    line = one_line_error(capsys, main(["build", str(SAMPLES), "-o", str(tiny_disk / "exports"), "-q", "-j", "1", *FAST]))
    assert "No space left on device" in line
    assert list(tiny_disk.iterdir()) == []  # nothing half-written left


def test_build_with_enospc_keeps_the_old_exports(tmp_path, capsys, monkeypatch):
    import kg.readwrite.json_graph as json_graph

    out = tmp_path / "exports"
    assert main(["build", str(SAMPLES), "-o", str(out), "-q", "-j", "1", *FAST]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(json_graph.json, "dump", full)
    line = one_line_error(capsys, main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(out), "-q", "-j", "1", *FAST]))
    assert "No space left on device" in line
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_build_a_folder_where_kg_writes_a_file(tmp_path, capsys):
    (tmp_path / "out" / "graph.json").mkdir(parents=True)
    line = one_line_error(capsys, main(["build", str(SAMPLES), "-o", str(tmp_path / "out"), "-q", "-j", "1", *FAST]))
    assert "graph.json" in line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.json"]


# ------------------------------------------------------------------------------------------ extract


@pytest.mark.parametrize("where", ["full", "folder", "under-a-file", "tiny-disk"])
def test_extract_unwritable_output(where, tmp_path, a_file, capsys, request):
    target = {"folder": tmp_path, "under-a-file": a_file / "x.jsonl"}.get(where)
    if where == "full":
        target = request.getfixturevalue("dev_full")
    if where == "tiny-disk":
        target = request.getfixturevalue("tiny_disk") / "x.jsonl"
    line = one_line_error(capsys, main(["extract", str(SAMPLES), "-o", str(target), "-q", *FAST]))
    assert str(target) in line or str(target.parent) in line
    if where == "tiny-disk":
        assert list(target.parent.iterdir()) == []


def test_extract_keeps_the_old_output_on_error(tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    out.write_text("old\n")
    one_line_error(capsys, main(["extract", str(SAMPLES), str(tmp_path / "broken.jsonl"), "-o", str(out),
                                 "--strict", "-q", *FAST]))
    assert out.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["x.jsonl"]


# ------------------------------------------------------------------------------------------ stats, eval, render, push


def test_stats_errors(tmp_path, a_file, capsys):
    one_line_error(capsys, main(["stats", str(tmp_path)]))  # a folder without a graph
    one_line_error(capsys, main(["stats", str(a_file)]))  # a file of no graph format
    one_line_error(capsys, main(["stats", str(SAMPLES / "papers.jsonl")]))  # papers, not a graph
    (tmp_path / "g.json").write_text("{broken")
    one_line_error(capsys, main(["stats", str(tmp_path / "g.json")]))


def test_eval_errors(tmp_path, capsys):
    one_line_error(capsys, main(["eval", str(tmp_path)]))  # a folder given as a file
    one_line_error(capsys, main(["eval", str(tmp_path / "missing.jsonl")]))


def test_render_errors(tmp_path, a_file, graph_file, capsys, dev_full):
    one_line_error(capsys, main(["render", str(graph_file), "-o", str(tmp_path), "-q"]))  # a folder as the file
    one_line_error(capsys, main(["render", str(graph_file), "-o", str(a_file / "g.html"), "-q"]))
    one_line_error(capsys, main(["render", str(graph_file), "-o", str(dev_full), "-q"]))
    assert dev_full.is_char_device()  # written to, not replaced by a file
    one_line_error(capsys, main(["render", str(tmp_path), "-q"]))  # a folder without a graph


def test_render_on_a_full_disk(tiny_disk, graph_file, capsys):
    one_line_error(capsys, main(["render", str(graph_file), "-o", str(tiny_disk / "g.html"), "-q"]))


def test_push_errors(tmp_path, a_file, capsys):
    one_line_error(capsys, main(["push", str(tmp_path), "-q", *FAST]))  # a folder with no graph and no paper
    one_line_error(capsys, main(["push", str(a_file / "x.graphml"), "-q"]))  # a file given as a folder
    (tmp_path / "g.graphml").write_text("<graphml")
    one_line_error(capsys, main(["push", str(tmp_path / "g.graphml"), "-q"]))


def test_train_errors(tmp_path, a_file, capsys):
    one_line_error(capsys, main(["train", str(a_file), "-q"]))  # a file given as the model folder
    one_line_error(capsys, main(["train", str(a_file / "model"), "-q"]))
    one_line_error(capsys, main(["train", "--cv", "2", "--cv-records", str(tmp_path), "-q"]))  # a folder as the file
    one_line_error(capsys, main(["train", str(tmp_path / "m"), "--shared-eval", str(tmp_path / "none"), "-q"]))


# ------------------------------------------------------------------------------------------ real processes


@pytest.mark.parametrize("command", [["stats", "GRAPH"], ["eval", "../shared/eval/seed_results_dev.jsonl", "--rules-only"],
                                     ["extract", "SAMPLES", "-o", "-", "-q", "--rules-only"]])
def test_stdout_on_a_full_disk(command, graph_file, tmp_path, dev_full):
    command = [str(graph_file) if a == "GRAPH" else str(SAMPLES / "papers.jsonl") if a == "SAMPLES" else a
               for a in command]
    if command[0] == "eval" and not (ROOT.parent / "shared").is_dir():
        pytest.skip("../shared not found")
    with open(dev_full, "w") as full:
        proc = subprocess.run([sys.executable, "-m", "kg", *command], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("kg: error: ") and "No space left" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


_SLOW_WRITER = """
import sys, time, pathlib
import kg.readwrite
from kg.readwrite import EXPORT_FORMATS, ExportFormat
orig = EXPORT_FORMATS["neo4j_csv"]
def slow(G, path):
    orig.write(G, path)                      # half of the new exports are written ...
    pathlib.Path(sys.argv[1]).write_text("writing")
    time.sleep(60)                           # ... when the signal comes
EXPORT_FORMATS["neo4j_csv"] = ExportFormat(**{**orig.__dict__, "write": slow})
from kg.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_leaves_the_previous_exports(sig, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(out), "-q", "-j", "1", *FAST]) == 0
    (out / "mine.txt").write_text("mine")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(ready), "build", str(SAMPLES), "-o", str(out),
                             "-j", "1", *FAST], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 300
    while not ready.exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else "timeout"
        time.sleep(0.05)
    staging = [p for p in tmp_path.iterdir() if p.name.startswith(".kg-staging-")]
    assert staging and any(staging[0].rglob("nodes_*.csv"))  # the new files were being written
    proc.send_signal(sig)
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "kg: interrupted" and "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "ready"]  # the temporary folder is gone
