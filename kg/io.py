"""Save and load graphs by file name, and write a whole export folder safely.

The formats and their files come from one registry, :data:`kg.readwrite.EXPORT_FORMATS`:
the suffix picks the format of a file, an export folder holds one file (or folder) per format.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph(); G.add_node("method:vig", type="Method", name="ViG")
>>> path = os.path.join(tempfile.mkdtemp(), "g.graphml")
>>> save_graph(G, path); load_graph(path).nodes["method:vig"]["name"]
'ViG'
"""
from __future__ import annotations

import fnmatch
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from .errors import ExportError
from .readwrite import EXPORT_FORMATS, REPORT_FILE, ExportFormat, format_for_suffix
from .readwrite._values import checked

#: the files ``kg build`` writes into its output folder (format name -> file name), from the registry
EXPORT_FILES = {**{f.name: f.filename for f in EXPORT_FORMATS.values()}, "report": REPORT_FILE}

_STAGING = ".kg-staging-"  # prefix of the temporary folder a build writes into, beside its target


def graph_format(path) -> ExportFormat | None:
    """The registered format that can read ``path`` -- a graph file (by suffix, checked by the
    format's ``sniff`` when it has one) or an export folder / Neo4j CSV folder -- or None when
    ``path`` is no saved graph (e.g. input papers).

    >>> graph_format("exports/graph.graphml").name
    'graphml'
    >>> graph_format("papers.csv") is None
    True
    """
    p = Path(path)
    if p.is_dir():
        for f in EXPORT_FORMATS.values():
            if f.read is not None and (p / f.filename).exists():
                return f
        for f in EXPORT_FORMATS.values():
            if f.read is not None and f.folder and any(fnmatch.filter(os.listdir(p), pat) for pat in f.owns):
                return f
        return None
    f = format_for_suffix(p.suffix)
    if f is None or f.read is None or (f.sniff is not None and p.exists() and not f.sniff(p)):
        return None
    return f


def load_graph(path) -> nx.MultiDiGraph:
    """Load a graph saved by kg: a file of a registered format (``.graphml``, ``.json``, ``.jsonl``
    triples), an export folder (its first readable format, GraphML), or a folder of Neo4j CSV files."""
    p = Path(path)
    if not p.exists():
        raise ExportError(f"{p}: no such graph file or folder")
    f = graph_format(p)
    if f is None:
        if p.is_dir():
            names = ", ".join(f.filename for f in EXPORT_FORMATS.values() if f.read)
            raise ExportError(f"{p}: a folder without a saved graph (no {names}, no Neo4j CSV files)")
        known = ", ".join(s for f in EXPORT_FORMATS.values() if f.read for s in f.suffixes)
        if format_for_suffix(p.suffix) is not None:
            raise ExportError(f"{p}: not a saved graph of kg (a {p.suffix} file of papers?)")
        raise ExportError(f"{p}: unknown graph format {p.suffix!r} (use {known} or an export folder)")
    return f.read(p / f.filename if p.is_dir() and (p / f.filename).exists() else p)


def save_graph(G: nx.MultiDiGraph, path, format: str | None = None) -> None:
    """Save ``G`` in the format its suffix names (see :func:`load_graph`); a path without suffix
    is a Neo4j CSV folder; ``format`` (a name of :data:`~kg.readwrite.EXPORT_FORMATS`) overrides."""
    p = Path(path)
    if format is not None:
        if format not in EXPORT_FORMATS:
            raise ExportError(f"unknown export format {format!r} (one of {', '.join(EXPORT_FORMATS)})")
        f = EXPORT_FORMATS[format]
    elif p.suffix == "":
        f = next(f for f in EXPORT_FORMATS.values() if f.folder)
    else:
        f = format_for_suffix(p.suffix)
        if f is None:
            raise ExportError(f"{p}: unknown graph format {p.suffix!r}")
    f.write(G, p)


def write_exports(G: nx.MultiDiGraph, folder, report: dict | None = None,
                  extra: dict[str, Callable[[Path], object]] | None = None) -> dict[str, Path]:
    """Write every export format of :data:`~kg.readwrite.EXPORT_FORMATS` (and the build report,
    and each ``extra`` file: name -> ``write(path)``, e.g. the HTML page) into ``folder``; return
    their paths by format name.

    Nothing is changed in ``folder`` until everything is written: the files go to a temporary
    folder beside it and are moved into place at the end. kg's own files of an earlier build that
    this graph does not produce (``nodes_*.csv`` / ``rels_*.csv`` of labels and types it lacks) are
    removed; any other file in ``folder`` is left alone. On an error or an interruption (including
    KeyboardInterrupt) the folder keeps what it had and the temporary folder is removed.

    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph(); G.add_node("paper:p1", type="Paper", name="A paper")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "exports"
    >>> sorted(write_exports(G, out))
    ['embedded', 'graphml', 'json', 'neo4j_csv', 'triples']
    >>> sorted(p.name for p in (out / "neo4j").iterdir())
    ['kg_columns.json', 'nodes_Paper.csv']
    """
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: not a folder (the output of a build is a folder)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{out.name}-", dir=out.parent))
    except OSError as e:
        raise ExportError(f"{e.filename or out.parent}: cannot create the output folder ({e.strerror or e})") from e
    try:
        names = {f.name: f.filename for f in EXPORT_FORMATS.values()}
        with checked(G):  # every value storable: checked once for all the formats
            for f in EXPORT_FORMATS.values():
                f.write(G, staging / f.filename)
        files = dict(extra or {})
        if report is not None:
            files["report"] = lambda p: p.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                                     encoding="utf-8")
            names["report"] = REPORT_FILE
        names.update({name: name for name in extra or {}})
        for name, write in files.items():
            write(staging / names[name])
        with _signals_held():
            _commit(staging, out, names)
    except OSError as e:
        raise ExportError(f"{e.filename or out}: cannot write the exports ({e.strerror or e})") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {k: out / v for k, v in names.items()}


def _commit(staging: Path, out: Path, names: dict[str, str]) -> None:
    """Move what ``staging`` holds into ``out`` (each file by an atomic rename) and remove kg's own
    files of an earlier build that are not among them. Everything that could refuse is checked
    before the first rename."""
    folders = {f.filename: f for f in EXPORT_FORMATS.values() if f.folder}
    for filename in names.values():
        dst = out / filename
        if filename in folders and dst.exists() and not dst.is_dir():
            raise ExportError(f"{dst}: not a folder (kg writes its {folders[filename].name} files there)")
        if filename not in folders and dst.is_dir():
            raise ExportError(f"{dst}: a folder where kg writes a file")
    out.mkdir(exist_ok=True)
    for filename in names.values():
        src, dst = staging / filename, out / filename
        if filename not in folders:
            os.replace(src, dst)
            continue
        dst.mkdir(exist_ok=True)
        new = set(os.listdir(src))
        for name in sorted(new):
            os.replace(src / name, dst / name)
        for old in os.listdir(dst):
            if old not in new and any(fnmatch.fnmatch(old, pat) for pat in folders[filename].owns):
                os.remove(dst / old)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back in this thread for the few renames of a commit (they are
    delivered right after, so an interruption leaves the old exports or the new ones, not a mix).
    The thread's signal mask is restored exactly."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
