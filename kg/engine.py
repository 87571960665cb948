"""Where extraction runs: the engines of ``kg build --engine NAME``.

=======  ===================================================================================
engine   what
=======  ===================================================================================
local    worker processes of this machine (``-j N``; :func:`kg.extract` with ``n_process``)
dask     the workers of a Dask cluster (``--scheduler ADDRESS``, or a local cluster started
         for the build), see :mod:`kg.dask_engine`
=======  ===================================================================================

:data:`ENGINES` is the registry: an engine is a function ``make(spec, **options)`` that returns an
``extractor`` for :func:`kg.build_graph` (papers in, their extractions out, in order). ``spec`` is a
:class:`PipelineSpec`, the recipe of the pipeline rather than the pipeline itself, so that an
engine on other machines can build it there.

>>> sorted(ENGINES)
['dask', 'local']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from .model import Extraction, Paper

Extractor = Callable[[list[Paper]], Iterable[Extraction]]


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline (the arguments of :func:`kg.make_nlp`): a rules folder (None: the
    checkout's ``rules/``) and the tagger (True: the shipped one, False: rules only, a path: another
    trained one).

    >>> PipelineSpec(trained=False).nlp().pipe_names[-1]
    'kg_relations'
    """

    rules: str | None = None
    trained: bool | str = True

    def nlp(self) -> Language:
        """The pipeline (built once per process and spec)."""
        return _build(self)


@lru_cache(maxsize=4)
def _build(spec: PipelineSpec) -> Language:
    from .pipeline import make_nlp

    return make_nlp(spec.rules, trained=spec.trained)


def local(spec: PipelineSpec, *, n_process: int = 0, batch_size: int = 64, nlp: Language | None = None) -> Extractor:
    """Extraction in ``n_process`` worker processes of this machine (0: one per core)."""
    from .extract import extract

    def run(papers: list[Paper]) -> Iterator[Extraction]:
        return extract(papers, nlp or spec.nlp(), batch_size=batch_size, n_process=n_process, min_confidence=0.0)

    return run


def dask(spec: PipelineSpec, *, scheduler: str | None = None, batch_size: int = 64, **options) -> Extractor:
    """Extraction on a Dask cluster (see :func:`kg.dask_engine.extractor`)."""
    from .dask_engine import extractor

    return extractor(spec, scheduler=scheduler, batch_size=batch_size, **options)


#: every engine ``kg build --engine`` knows, by name
ENGINES: dict[str, Callable[..., Extractor]] = {"local": local, "dask": dask}
