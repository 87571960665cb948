"""kg build --engine dask: extraction on a real dask.distributed LocalCluster (worker processes) gives
the graph of a local build, node for node and edge for edge.

The cluster and every Dask client run in child processes: a client leaves distributed's event-loop
thread running in its process, which must not reach the other tests of this session."""
from __future__ import annotations

import filecmp
import json
import os
import socket
import subprocess
import sys

import distributed  # noqa: F401 (the test extra installs it: no skip, so that CI cannot pass without it)
import pytest

import kg
from kg.cli import main
from kg.errors import EngineError

from _common import ROOT, SAMPLES

ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))

CLUSTER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0) as c:
    print(c.scheduler_address, flush=True)
    sys.stdin.read()   # until the test closes our standard input
"""


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of two single-threaded worker processes (as kg starts them)."""
    proc = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=ENV, cwd=ROOT)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), address
        yield address
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=ENV, cwd=ROOT,
                          timeout=600)


def test_dask_build_is_the_local_build(scheduler, tmp_path):
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "local"), "-q", "-j", "1", "--rules-only"]) == 0
    run = kg_cli("build", str(SAMPLES), "-o", str(tmp_path / "dask"), "-q", "--rules-only",
                 "--engine", "dask", "--scheduler", scheduler)
    assert run.returncode == 0, run.stderr
    local, dask = kg.load_graph(tmp_path / "local"), kg.load_graph(tmp_path / "dask")
    assert local.number_of_nodes() > 50
    assert list(local.nodes(data=True)) == list(dask.nodes(data=True))
    assert list(local.edges(keys=True, data=True)) == list(dask.edges(keys=True, data=True))
    for name in ("graph.json", "triples.jsonl", "state/extractions.jsonl"):
        assert filecmp.cmp(tmp_path / "local" / name, tmp_path / "dask" / name, shallow=False), name


CHECKS = """
import json, sys
import kg
from distributed import Client
from kg.dask_engine import extract_batch, extractor, load_pipeline
from kg.engine import PipelineSpec

address, samples = sys.argv[1], sys.argv[2]
spec = PipelineSpec(trained=False)
with Client(address, set_as_default=False) as client:
    names = client.run(load_pipeline, spec)
    rows = client.submit(extract_batch, [("p1", "", "We train ResNet-50 on CIFAR10.")], spec).result()
papers = list(kg.read_papers(samples))
got = list(extractor(spec, scheduler=address, batch_size=2, window=1)(papers))

def builtins_only(x):
    if isinstance(x, dict):
        return all(isinstance(k, str) and builtins_only(v) for k, v in x.items())
    if isinstance(x, list):
        return all(builtins_only(v) for v in x)
    return x is None or isinstance(x, (str, int, float, bool))

print(json.dumps({
    "workers": len(names), "pipelines": sorted({"kg_relations" in v for v in names.values()}),
    "builtins_only": builtins_only(rows), "entities": [e[2] for e in rows[0]["entities"]],
    "in_order": [ex.paper for ex in got] == papers, "same_as_local": got == list(kg.extract(papers, spec.nlp())),
    "extracted": len(got),
}))
"""


def test_workers_build_the_pipeline_once_and_send_plain_data(scheduler):
    run = subprocess.run([sys.executable, "-c", CHECKS, scheduler, str(SAMPLES / "papers.jsonl")], capture_output=True,
                         text=True, env=ENV, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got == {"workers": 2, "pipelines": [True], "builtins_only": True, "entities": ["ResNet-50", "CIFAR-10"],
                   "in_order": True, "same_as_local": True, "extracted": 8}


def test_unreachable_scheduler_is_one_line(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = kg_cli("build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path), "-q", "--rules-only",
                 "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")
    err = run.stderr.strip()
    assert run.returncode == EngineError.exit_code and "\n" not in err
    assert err.startswith(f"kg: error: dask: cannot reach the scheduler tcp://127.0.0.1:{port}")
