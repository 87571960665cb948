"""kg build --engine dask: extraction on a real dask.distributed LocalCluster (worker processes) gives
the graph of a local build, node for node and edge for edge."""
from __future__ import annotations

import filecmp
import socket

import distributed  # (the test extra installs it: no skip, so that CI cannot pass without it)
import pytest

import kg
from kg.cli import main
from kg.engine import PipelineSpec
from kg.errors import EngineError

from _common import SAMPLES


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, as kg starts them, and their scheduler's address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit=0) as c:
        yield c


def test_dask_build_is_the_local_build(cluster, tmp_path):
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "local"), "-q", "-j", "1", "--rules-only"]) == 0
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "dask"), "-q", "--rules-only",
                 "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    local, dask = kg.load_graph(tmp_path / "local"), kg.load_graph(tmp_path / "dask")
    assert local.number_of_nodes() > 50
    assert list(local.nodes(data=True)) == list(dask.nodes(data=True))
    assert list(local.edges(keys=True, data=True)) == list(dask.edges(keys=True, data=True))
    for name in ("graph.json", "triples.jsonl", "state/extractions.jsonl"):
        assert filecmp.cmp(tmp_path / "local" / name, tmp_path / "dask" / name, shallow=False), name


def test_workers_build_the_pipeline_once_and_send_plain_data(cluster):
    from kg.dask_engine import extract_batch, extractor, load_pipeline

    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        spec = PipelineSpec(trained=False)
        names = client.run(load_pipeline, spec)
        assert len(names) == 2 and all("kg_relations" in v for v in names.values())
        # what comes back from a worker: builtins only (no spaCy object, no dataclass)
        rows = client.submit(extract_batch, [("p1", "", "We train ResNet-50 on CIFAR10.")], spec).result()

        def builtins_only(x):
            if isinstance(x, dict):
                return all(isinstance(k, str) and builtins_only(v) for k, v in x.items())
            if isinstance(x, list):
                return all(builtins_only(v) for v in x)
            return x is None or isinstance(x, (str, int, float, bool))

        assert builtins_only(rows) and [e[2] for e in rows[0]["entities"]] == ["ResNet-50", "CIFAR-10"]
        # the engine, small batches so that several are in flight: extractions in input order
        papers = list(kg.read_papers(SAMPLES / "papers.jsonl"))
        run = extractor(spec, scheduler=cluster.scheduler_address, batch_size=2, window=1)
        got = list(run(papers))
        assert [ex.paper for ex in got] == papers
        assert got == list(kg.extract(papers, spec.nlp()))
    finally:
        client.close()


def test_unreachable_scheduler_is_one_line(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path), "-q", "--rules-only",
                 "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err.strip()
    assert code == EngineError.exit_code and "\n" not in err and err.startswith(f"kg: error: dask: cannot reach the scheduler tcp://127.0.0.1:{port}")
