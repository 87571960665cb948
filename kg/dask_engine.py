"""Extraction on a Dask cluster (``dask.distributed``): ``kg build ... --engine dask [--scheduler ADDRESS]``.

The papers go to the workers in batches of ``(id, title, abstract)`` tuples; each worker builds the
pipeline once (from a :class:`~kg.engine.PipelineSpec`, the recipe, never a pickled ``Language``),
runs :func:`kg.extract` over each batch and sends back each paper's facts as plain lists (the rows of
:func:`kg.update.extraction_row`), never spaCy objects. The build's own process keeps the papers,
turns the facts back into :class:`~kg.model.Extraction` objects in input order, and assembles the
graph as a local build does, so both give the same graph. At most ``window`` batches per worker are
in flight at a time, so memory stays flat however many papers there are.

Without ``scheduler``, a :class:`distributed.LocalCluster` of one single-threaded worker process per
core is started for the build and closed after it. With ``scheduler`` (``tcp://host:8786``) the
workers of that cluster do the work: each needs kg installed (the same version) and its rules.

>>> from kg.engine import PipelineSpec
>>> run = extractor(PipelineSpec(trained=False), scheduler=None, n_workers=1)   # doctest: +SKIP
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from .engine import Extractor, PipelineSpec
from .errors import EngineError
from .model import Extraction, Paper


def extract_batch(items: list[tuple[str, str, str]], spec: PipelineSpec) -> list[dict]:
    """What a worker runs: the facts of each ``(id, title, abstract)`` of a batch, in order."""
    from .extract import extract
    from .update import extraction_row

    papers = [Paper(id=pid, title=title, abstract=abstract) for pid, title, abstract in items]
    return [extraction_row(ex, "") for ex in extract(papers, spec.nlp(), batch_size=len(papers) or 1, min_confidence=0.0)]


def load_pipeline(spec: PipelineSpec) -> list[str]:
    """Build the pipeline in a worker (once: it stays there for every later batch); its component names."""
    return list(spec.nlp().pipe_names)


def extractor(spec: PipelineSpec, *, scheduler: str | None = None, batch_size: int = 64, window: int = 4,
              n_workers: int | None = None, timeout: float = 30) -> Extractor:
    """An ``extractor`` for :func:`kg.build_graph` that extracts on Dask workers (see the module doc).

    ``n_workers`` is the size of the local cluster started when ``scheduler`` is None (default: one
    per core); ``timeout`` bounds the connection to a scheduler. A scheduler that cannot be reached,
    or a batch that fails on a worker, raises :class:`~kg.errors.EngineError`.
    """

    def run(papers: list[Paper]) -> Iterator[Extraction]:
        if not papers:
            return
        from .update import _fields, extraction_from_row

        client, cluster = _connect(scheduler, n_workers, timeout)
        names = _fields()
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            try:
                client.run(load_pipeline, spec)  # each worker builds its pipeline now, once
            except Exception as e:  # noqa: BLE001 -- whatever the workers raise, said in one line
                raise EngineError(f"dask: the workers cannot build the pipeline ({type(e).__name__}: {e})") from e
            in_flight: deque = deque()
            i = 0

            def submit() -> None:
                nonlocal i
                batch = papers[i:i + batch_size]
                items = [(p.id, p.title, p.abstract) for p in batch]
                in_flight.append((i, client.submit(extract_batch, items, spec, pure=False)))
                i += len(batch)

            while i < len(papers) and len(in_flight) < window * workers:
                submit()
            while in_flight:
                start, future = in_flight.popleft()
                try:
                    rows = future.result()
                except Exception as e:  # noqa: BLE001
                    raise EngineError(f"dask: a batch failed on a worker ({type(e).__name__}: {e})") from e
                future.release()
                if i < len(papers):
                    submit()
                for k, row in enumerate(rows):
                    yield extraction_from_row(row, papers[start + k], names)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return run


def _connect(scheduler: str | None, n_workers: int | None, timeout: float):
    """A client of the cluster at ``scheduler``, or of a local cluster started here (and the cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise EngineError("dask: needs the package distributed (pip install 'kg[dask]')") from e
    if scheduler:
        try:
            return Client(scheduler, timeout=timeout, set_as_default=False), None
        except (OSError, TimeoutError) as e:
            raise EngineError(f"dask: cannot reach the scheduler {scheduler} ({e})") from e
    import os

    n = n_workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                           memory_limit=0)
    return Client(cluster, set_as_default=False), cluster
