"""The ``kg`` command: a thin layer over the Python API, one function per command.

=========  =====================================  ==================================
command    what it does                           Python API
=========  =====================================  ==================================
build      inputs -> graph + every export file    :func:`kg.build_graph`, :func:`kg.write_exports`
extract    inputs -> one JSON object per record   :func:`kg.extract`
stats      a saved graph -> counts and top names  :func:`kg.stats.graph_stats`
eval       a gold JSONL file -> quality figures   :func:`kg.evaluate.evaluate`
push       a graph -> a Neo4j database            :func:`kg.neo4j.push`
query      Cypher -> rows (embedded DB or Neo4j)  :func:`kg.query`
render     a graph -> an offline HTML page        :func:`kg.render.write_html`
train      graph gold -> tagger and judge      :func:`kg.train.train_model`
leaderboard  a graph -> boards of a dataset       :func:`kg.boards.leaderboard`, :func:`kg.plot.plot_sota`
datasets   a graph -> papers per dataset          :func:`kg.usage.dataset_usage`
fetch      a paper source -> JSONL for build      :func:`kg.sources.fetch`
=========  =====================================  ==================================

Errors become one line on stderr and a non-zero exit code, never a traceback (kg's own
errors with their exit code, a system error -- a full disk, a folder given as a file -- with
1); warnings about skipped input go to stderr too; a progress bar only when stderr is a
terminal; ``--quiet`` silences warnings and progress bars. An interrupted build (Ctrl-C,
SIGTERM) leaves its output folder as it was; while it writes, SIGTERM stops it as Ctrl-C does
(its temporary files are removed, exit code 130).
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._cli_arguments import ARGUMENTS
from .errors import ExportError, InputError, KGError


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a build (reference counting still frees what is
    dropped); what the build made then goes to the collector's oldest generation.

    Assembly keeps millions of small containers (edge data, evidence lists, paper sets) and makes
    no reference cycle, nor does extraction (a test checks it): the collector would walk them
    again and again, to free nothing, for 40% of the assembling time. This changes process-wide
    state, so the library never does it: ``kg build`` and ``kg push`` (and the build benchmark)
    do, around :func:`kg.build_graph`. The collector is enabled again afterwards if it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # (unless the process froze objects of its own)
            # as if what the build made had survived the collections it skipped: else the next
            # young collection would walk all of it
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _progress(args, desc: str):
    """A tqdm progress callback ``(done, total)`` on stderr, or None under --quiet or when stderr
    is not a terminal (a log file gets no bar lines between its warnings)."""
    if args.quiet or not _is_terminal(sys.stderr):
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(desc=desc, unit=" papers", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    return update, bar.close


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _warn(args):
    if args.quiet:
        return None
    return lambda skipped: print(f"kg: warning: {skipped}", file=sys.stderr)


def _nlp(args):
    """The pipeline the options ask for, or None for the default (rules + shipped model)."""
    from .pipeline import make_nlp

    rules, model, rules_only = (getattr(args, k, None) for k in ("rules", "model", "rules_only"))
    if not (rules or model or rules_only):
        return None
    return make_nlp(rules, trained=False if rules_only else (model or True))


def cmd_build(args) -> int:
    """Build the graph of INPUT... and write every export into the output folder; with --update,
    add the papers new to an export folder built before (old papers are not extracted again)."""
    from . import build_graph, write_exports
    from .build import BuildReport
    from .update import BuildState

    if args.update:
        if args.output not in (None, args.update):
            raise InputError(f"--update {args.update} writes into that folder: drop -o {args.output}")
        args.output = args.update
    args.output = args.output or "exports"
    spec, extractor = _engine(args)
    state = BuildState(args.output, pipeline=spec.nlp().pipe_names, update=bool(args.update))
    try:
        report = BuildReport()
        update, close = _progress(args, "extract")
        try:
            with collector_paused():
                G = build_graph(args.inputs, nlp=spec.nlp(), strict=args.strict, report=report, on_skip=_warn(args),
                                progress=update, allow_empty=args.allow_empty, on_records=state.records,
                                min_confidence=args.min_confidence,
                                extractor=state.extractor(extractor))
        finally:
            close()
        extra = {}
        if args.html:
            from .render import write_html

            extra["graph.html"] = lambda path: write_html(G, path)
        with _sigterm_as_interrupt():
            paths = write_exports(G, args.output, report.to_dict() | ({"update": state.counts} if args.update else {}),
                                  extra=extra)
        state.commit()
        paths["state"] = state.dir
    finally:
        state.discard()  # (the facts of a build that failed go; the folder keeps its state)
    if not args.quiet:
        if args.update:
            print(f"update: {state.counts['records_added']} new records ({state.counts['records_known']} known), "
                  f"{state.counts['papers_extracted']} papers extracted, {state.counts['papers_reused']} reused",
                  file=sys.stderr)
        print(f"{report.records_read} records read, {report.unique_papers} unique papers "
              f"({report.merged} merged, {len(report.skipped)} skipped); "
              f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges", file=sys.stderr)
        for p in paths.values():
            print(f"  wrote {p}", file=sys.stderr)
    return 0


def _engine(args):
    """The pipeline recipe the options ask for, and the extractor of the engine they name."""
    from .engine import ENGINES, PipelineSpec

    spec = PipelineSpec(args.rules, trained=False if args.rules_only else (args.model or True))
    if args.engine == "local":
        return spec, ENGINES["local"](spec, n_process=args.jobs)
    if args.scheduler is None and args.jobs:
        return spec, ENGINES[args.engine](spec, n_workers=args.jobs)
    return spec, ENGINES[args.engine](spec, scheduler=args.scheduler)


def cmd_extract(args) -> int:
    """Extract every input record (no merging) and write one JSON object per record, in order."""
    from .extract import extract
    from .ingest import IngestReport, read_papers

    ingest = IngestReport(on_skip=_warn(args))
    papers = read_papers(args.inputs, strict=args.strict, report=ingest)
    nlp = _nlp(args)
    update, close = _progress(args, "extract")
    try:
        with _sigterm_as_interrupt(), _output_file(args.output) as out:
            for i, ex in enumerate(extract(papers, nlp, min_confidence=args.min_confidence), 1):
                out.write(json.dumps(ex.to_record(), ensure_ascii=False) + "\n")
                if update:
                    update(i, i)
    finally:
        close()
    return 0


@contextmanager
def _output_file(name: str):
    """A text file to write: standard output for "-"; a regular file is written beside its place
    and moved there when complete (an error or an interruption leaves the old one); a device or
    a pipe is written directly. OSErrors become :class:`ExportError`."""
    if name == "-":
        yield sys.stdout
        return
    target = Path(name)
    try:
        if target.is_dir():
            raise ExportError(f"{target}: is a folder, not a file")
        direct = target.exists() and not target.is_file()
        if direct:
            f = open(target, "w", encoding="utf-8")
        else:
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # (the usual permissions, unlike mkstemp)
            f = open(tmp, "w", encoding="utf-8")
    except OSError as e:
        raise ExportError(f"{e.filename or target}: cannot write ({e.strerror or e})") from e
    try:
        with f:
            yield f
        if not direct:
            os.replace(tmp, target)
    except OSError as e:
        raise ExportError(f"{target}: cannot write ({e.strerror or e})") from e
    finally:
        if not direct and os.path.exists(tmp):
            os.remove(tmp)


def cmd_stats(args) -> int:
    """Print node and relation counts and the most supported entities of a saved graph."""
    from .io import load_graph
    from .stats import format_stats, graph_stats

    stats = graph_stats(load_graph(args.graph), top=args.top)
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


def cmd_eval(args) -> int:
    """Score extraction against a gold JSONL file (the measures of ../shared/README.md)."""
    from .evaluate import evaluate, format_report
    from .extract import default_nlp, extract

    nlp = _nlp(args) or default_nlp()

    def extract_fn(papers):
        return (ex.to_record() for ex in extract(papers, nlp))

    corpus = None
    if args.corpus:
        from .ingest import IngestReport, dedupe, read_papers

        corpus = dedupe(read_papers(args.corpus, report=IngestReport(on_skip=_warn(args))))
    report = evaluate(args.gold, extract_fn, split=args.split, half=args.half, corpus=corpus)
    if Path(args.gold).name in nlp.meta.get("kg_model", {}).get("gold_files", ()):
        report = dataclasses.replace(report, notes=report.notes + (
            "the trained model learnt from the papers of this file (graph_gold_train.jsonl, or the SciREX dev "
            "abstracts relabelled in training/relabel), so its figures are not held-out ones: kg train --cv 4 "
            "gives held-out graph-gold figures",))
    print(json.dumps(dataclasses.asdict(report), indent=2) if args.json else format_report(report))
    return 0


def cmd_push(args) -> int:
    """Push a saved graph (or the graph built from INPUT...) into Neo4j."""
    from .io import graph_format, load_graph
    from .neo4j import connection_settings, push

    if len(args.inputs) == 1 and graph_format(args.inputs[0]) is not None:
        G = load_graph(args.inputs[0])
    else:
        from . import build_graph

        with collector_paused():
            G = build_graph(args.inputs, nlp=_nlp(args), on_skip=_warn(args), min_confidence=args.min_confidence)
    uri, auth, database = connection_settings(args.uri, args.user, args.password, args.database)
    report = push(G, uri, auth, database, replace=args.replace)
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return 0


def cmd_query(args) -> int:
    """Run a Cypher query on the embedded database that kg build writes (exports/kg.lbug), or on
    Neo4j with --uri, and print the rows. Read-only unless --write."""
    from .cypher import format_rows, query

    cypher = sys.stdin.read() if args.cypher == "-" else args.cypher
    params = dict(args.param)
    if args.uri is not None:
        import logging

        from .neo4j import connection_settings

        if args.db:
            raise InputError("give --db (the embedded database) or --uri (Neo4j), not both")
        # the driver logs the server's notices (e.g. an unknown label) on stderr; kg reports them itself
        logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())
        uri, auth, database = connection_settings(args.uri or None, args.user, args.password, args.database)
        rows = query(cypher, params, uri=uri, auth=auth, database=database, write=args.write)
    else:
        rows = query(cypher, params, db=args.db, write=args.write)
    sys.stdout.write(format_rows(rows, args.format))
    return 0


def cmd_render(args) -> int:
    """Write the interactive HTML page of a saved graph."""
    from .io import load_graph
    from .render import write_html

    G = load_graph(args.graph)
    report = write_html(G, args.output, max_nodes=args.max_nodes, focus=args.focus, hops=args.hops)
    if not args.quiet:
        print(f"wrote {args.output}: {report}", file=sys.stderr)
    return 0


def cmd_train(args) -> int:
    """Train kg's model (the entity tagger and the judge's decisions) on graph gold (the train file
    of ../shared/eval and training/relabel/) into a model folder; with --cv N, write no model and
    print the held-out figures of N-fold cross-validation."""
    from .train import DEFAULTS, format_summary, train_model

    log = None if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    for path in filter(None, (args.output, args.cv_records)):  # refuse a bad output before hours of training
        p = Path(path)
        if p.exists() and p.is_dir() == (path == args.cv_records):
            raise ExportError(f"{p}: is {'a folder' if p.is_dir() else 'a file'}, not "
                              f"{'a file' if path == args.cv_records else 'a model folder'}")
        parent = p.parent if not p.exists() else p
        while not parent.exists():
            parent = parent.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise ExportError(f"{p}: cannot write there ({parent} is {'not a folder' if not parent.is_dir() else 'read-only'})")
    try:
        summary = train_model(args.output, seed=args.seed, epochs=args.epochs, shared_eval=args.shared_eval,
                              relabel_dir=args.relabel, cv_out=args.cv_records, write=not args.cv,
                              folds=args.cv or DEFAULTS["folds"], log=log)
    except FileNotFoundError as e:
        raise InputError(f"training data not found: {e.filename or e}") from e
    except ValueError as e:  # a relabelled record whose text is not in the shared files
        raise InputError(str(e)) from e
    except ImportError as e:
        raise InputError(f"training needs scikit-learn ({e}): pip install kg[train]") from e
    print(json.dumps(summary) if args.json else format_summary(summary))
    return 0


def cmd_leaderboard(args) -> int:
    """Print the leaderboards of a dataset, best first, each row with its settings and evidence
    (--list: every board; --plot FILE: draw the state of the art over time)."""
    from .boards import format_board_list, format_boards, leaderboards, select
    from .errors import QueryError
    from .identity import load_identity
    from .io import load_graph

    G = load_graph(args.graph)
    ids = load_identity()
    boards = leaderboards(G, identity=ids)
    if args.list:
        print(format_board_list([b for b in boards if len(b.rows) >= args.min_rows]))
        return 0
    if not args.dataset:
        raise QueryError("name a dataset (kg leaderboard DATASET), or list the boards with --list")
    chosen = [b for b in select(boards, G, args.dataset, args.metric, args.task, identity=ids)
              if len(b.rows) >= args.min_rows]
    if not chosen:
        what = " and ".join(f"{k} {v!r}" for k, v in (("metric", args.metric), ("task", args.task)) if v)
        raise QueryError(f"no leaderboard for dataset {args.dataset!r}{' with ' + what if what else ''}; "
                         f"kg leaderboard --list shows the boards of {args.graph}")
    print(format_boards(chosen, args.format, evidence=not args.no_evidence))
    if args.plot:
        from .plot import plot_sota

        if len(chosen) > 1:
            raise QueryError(f"--plot draws one board, and {len(chosen)} match: choose one with --metric "
                             f"({', '.join(b.metric for b in chosen)})")
        drawn = plot_sota(chosen[0], args.plot)
        if not args.quiet:
            print(f"wrote {args.plot}: {drawn.points} dated rows, {len(drawn.steps)} on the running best"
                  + (f", {drawn.undated} undated rows left out" if drawn.undated else ""), file=sys.stderr)
    return 0


def cmd_datasets(args) -> int:
    """Print dataset usage: papers per dataset (splits and aliases counted as one), its results and
    boards, and its papers per month when their dates are known."""
    from .io import load_graph
    from .usage import dataset_usage, format_usage

    print(format_usage(dataset_usage(load_graph(args.graph), top=args.top), args.format))
    return 0


def cmd_fetch(args) -> int:
    """Fetch new papers from a source (Hugging Face Daily Papers, arXiv) into the JSONL that kg build reads."""
    from .sources import SOURCES, fetch

    source = SOURCES[args.source]
    report = fetch(args.source, args.output, **source.options(args))
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return 0


COMMANDS = {
    "build": cmd_build, "extract": cmd_extract, "stats": cmd_stats,
    "eval": cmd_eval, "push": cmd_push, "query": cmd_query, "render": cmd_render, "train": cmd_train,
    "leaderboard": cmd_leaderboard, "datasets": cmd_datasets,
    "fetch": cmd_fetch,
}


def make_parser() -> argparse.ArgumentParser:
    """The parser of ``kg``: a subparser per command of :data:`COMMANDS`, its help the command's
    docstring, with ``-q`` and the arguments of :data:`kg._cli_arguments.ARGUMENTS`."""
    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of ML papers from their abstracts.")
    parser.add_argument("--version", action="version", version=f"kg {__import__('kg').__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, fn in COMMANDS.items():
        p = sub.add_parser(name, help=fn.__doc__.splitlines()[0], description=fn.__doc__)
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no warnings")
        p.set_defaults(func=fn)
        ARGUMENTS[name](p)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "(no message)"


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While writing: SIGTERM stops the command as Ctrl-C does (KeyboardInterrupt: the temporary
    files are removed, the old output stays, exit code 130). Only around writing, in the main
    thread, and never while worker processes run (they would inherit the handler)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # (a full disk behind stdout shows here, not at exit)
        return code
    except KGError as e:
        print(f"kg: error: {_one_line(e)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        _silence_stdout()
        print(f"kg: error: {where}{_one_line(e.strerror or e)}", file=sys.stderr)
        return 1
    except Exception as e:  # a bug of kg: still one line, and how to see the rest
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"kg: error: {type(e).__name__}: {_one_line(e)} (a bug in kg: please report it; "
              f"KG_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 70


def _silence_stdout() -> None:
    """After stdout failed (a closed pipe, a full disk), let the interpreter exit without trying
    to flush it again (which would print a traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
