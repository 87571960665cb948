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
            "the trained tagger learnt from this very file, so its entity figures are not held-out ones: "
            "kg train --cv 4 gives the cross-validated figures",))
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


def _param(text: str):
    from .cypher import parse_param

    try:
        return parse_param(text)
    except KGError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


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


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", help="rules folder (default: the checkout's rules/, or the copy inside the installed package; env KG_RULES)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--model", help="a trained model folder (default: the shipped kg/trained/ner)")
    g.add_argument("--rules-only", action="store_true", help="rules only, no trained tagger (faster, less recall)")


def _threshold_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", type=_confidence, default=None, metavar="X",
                   help="leave out entities, relations and result bindings extraction is less sure of than X "
                        "(0 to 1; default: the pipeline's threshold, chosen on dev data)")


def _confidence(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        x = float(text)
    except ValueError:
        x = -1.0
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {text!r}")
    return x


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of ML papers from their abstracts.")
    parser.add_argument("--version", action="version", version=f"kg {__import__('kg').__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, **kw) -> argparse.ArgumentParser:
        fn = COMMANDS[name]
        p = sub.add_parser(name, help=fn.__doc__.splitlines()[0], description=fn.__doc__, **kw)
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no warnings")
        p.set_defaults(func=fn)
        return p

    from .ingest import INPUT_FORMATS
    from .readwrite import EXPORT_FORMATS

    inputs_help = ", ".join(f"{f.description} ({' '.join(f.suffixes)})" for f in INPUT_FORMATS.values()) + \
        " files, or folders of them"
    graph_help = "a saved graph (" + ", ".join(s for f in EXPORT_FORMATS.values() if f.read for s in f.suffixes) + \
        ") or an export folder"
    p = add("build")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("-o", "--output", default=None, help="output folder (default: exports/)")
    p.add_argument("--strict", action="store_true", help="stop with an error at the first bad record")
    p.add_argument("--html", action="store_true", help="also write the interactive page graph.html")
    p.add_argument("--allow-empty", action="store_true",
                   help="write an empty graph when the inputs give no paper (by default that is an error)")
    p.add_argument("-j", "--jobs", type=int, default=0,
                   help="worker processes for extraction (default 0: one per CPU core; 1: no workers)")
    p.add_argument("--update", metavar="FOLDER", default=None,
                   help="add the papers new to the export folder FOLDER built before, and rewrite its exports")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: local worker processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: the scheduler (tcp://host:8786); default: a local cluster of -j workers")
    _pipeline_options(p)
    _threshold_option(p)

    p = add("extract")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("-o", "--output", required=True, help="output JSONL file ('-' for standard output)")
    p.add_argument("--strict", action="store_true", help="stop with an error at the first bad record")
    _pipeline_options(p)
    _threshold_option(p)

    p = add("stats")
    p.add_argument("graph", help=graph_help)
    p.add_argument("--top", type=int, default=10, help="how many top entities per type (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = add("eval")
    p.add_argument("gold", help="a gold JSONL file (graph gold, SOTA?, SciREX, TDMSci or seed results format)")
    p.add_argument("--split", choices=("dev", "all"), default=None, help="TDMSci: score the dev split (the default) or all")
    p.add_argument("--half", choices=("tune", "check"), default=None,
                   help="score one fixed half of the file (kg.evaluate.tune_check_split: by sha1 of the id)")
    p.add_argument("--corpus", nargs="+", metavar="INPUT", default=None,
                   help="seed results: also count the predicted results of these papers in value precision "
                        "(papers without gold results; a paper with a gold record's title is that record)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON (the fields of kg.evaluate.EvalReport)")
    _pipeline_options(p)

    p = add("push")
    p.add_argument("inputs", nargs="+", metavar="GRAPH_OR_INPUT", help="a saved graph or export folder, or inputs to build")
    p.add_argument("--uri", default=None, help="bolt://, neo4j:// or their +s forms (env NEO4J_URI; default bolt://localhost:7687)")
    p.add_argument("--user", default=None, help="user name (env NEO4J_USER; default neo4j)")
    p.add_argument("--password", default=None, help="password (better: env NEO4J_PASSWORD, which keeps it out of the process list)")
    p.add_argument("--database", default=None, help="database name (env NEO4J_DATABASE; default neo4j)")
    p.add_argument("--replace", action="store_true", help="first delete what kg created (by label), nothing else")
    _pipeline_options(p)  # when building from inputs
    _threshold_option(p)

    p = add("query")
    p.add_argument("cypher", metavar="CYPHER", help="the query (quote it); '-' reads it from standard input")
    p.add_argument("-p", "--param", action="append", default=[], type=_param, metavar="NAME=VALUE",
                   help="a query parameter, again for each; VALUE is read as JSON when it parses (20, true, null, "
                        "[\"a\"]), else as text")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output (default table)")
    p.add_argument("--write", action="store_true", help="allow the query to write (default: read-only)")
    p.add_argument("--db", default=None, help="the embedded database (default exports/kg.lbug)")
    p.add_argument("--uri", nargs="?", const="", default=None,
                   help="query Neo4j instead: bolt://, neo4j:// or their +s forms (alone: env NEO4J_URI, "
                        "default bolt://localhost:7687)")
    p.add_argument("--user", default=None, help="Neo4j user name (env NEO4J_USER; default neo4j)")
    p.add_argument("--password", default=None, help="Neo4j password (better: env NEO4J_PASSWORD)")
    p.add_argument("--database", default=None, help="Neo4j database name (env NEO4J_DATABASE; default neo4j)")

    p = add("render")
    p.add_argument("graph", help=graph_help)
    p.add_argument("-o", "--output", default="exports/graph.html", help="output HTML file (default exports/graph.html)")
    p.add_argument("--focus", help="render only the neighbourhood of the node with this name or id")
    p.add_argument("--hops", type=int, default=1, help="neighbourhood radius with --focus (default 1)")
    p.add_argument("--max-nodes", type=int, default=1500, help="node budget of the page (default 1500)")

    p = add("train")
    p.add_argument("output", nargs="?", default=None, help="model folder to write (default: the shipped kg/trained/ner)")
    p.add_argument("--shared-eval", default=None, help="folder with graph_gold_train.jsonl, scirex_dev.jsonl and scierc/ (default: ../shared/eval)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0; the same seed gives the same model)")
    p.add_argument("--epochs", type=int, default=None, help="training epochs (default 20)")
    p.add_argument("--cv", type=_folds, default=0, metavar="N",
                   help="write no model: print the graph-gold figures of N-fold cross-validation (each fold "
                        "extracted by a tagger and a judge trained without it)")
    p.add_argument("--cv-records", metavar="FILE", help="write the held-out extractions there (JSONL, every candidate)")
    p.add_argument("--relabel", default=None, help="folder of the relabelled annotations (default: training/relabel of the checkout)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = add("leaderboard")
    p.add_argument("dataset", nargs="?", metavar="DATASET", help="a dataset's name, alias or split (ImageNet, MS COCO, COCO test-dev)")
    p.add_argument("-g", "--graph", default="exports", help="a saved graph or export folder (default: exports/)")
    p.add_argument("--metric", help="only the board of this metric (any alias: mAP on COCO is box AP)")
    p.add_argument("--task", help="only boards of this task (the task most of a board's rows name)")
    p.add_argument("--format", choices=("table", "md", "csv", "json"), default="table", help="output format (default: table)")
    p.add_argument("--no-evidence", action="store_true", help="table and md: leave out the evidence sentences")
    p.add_argument("--plot", metavar="FILE", help="also draw the state of the art over time (.svg or .png)")
    p.add_argument("--list", action="store_true", help="list every board, largest first")
    p.add_argument("--min-rows", type=int, default=1, metavar="N", help="only boards of at least N rows (default 1)")

    p = add("datasets")
    p.add_argument("-g", "--graph", default="exports", help="a saved graph or export folder (default: exports/)")
    p.add_argument("--top", type=int, default=None, metavar="N", help="only the N most used datasets")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")

    p = add("fetch")
    from .sources import SOURCES

    by_source = p.add_subparsers(dest="source", required=True, metavar="SOURCE")
    for name, source in SOURCES.items():
        sp = by_source.add_parser(name, help=source.summary, description=source.summary)
        source.add_arguments(sp)
        sp.add_argument("-o", "--output", required=True, help="output JSONL file ('-' for standard output)")
        sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no summary line")
    return parser


def _folds(value: str) -> int:
    n = int(value) if value.isdigit() else -1
    if n < 2:
        raise argparse.ArgumentTypeError(f"needs a number of folds of at least 2, got {value!r}")
    return n


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
