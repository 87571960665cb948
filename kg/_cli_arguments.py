"""The arguments of each ``kg`` command: one ``args_X`` per command, as :mod:`kg.cli` has one
``cmd_X``; :func:`kg.cli.make_parser` calls it on the command's subparser (which has ``-q`` already).
Then the option helpers and the argument types that several commands share.
"""
from __future__ import annotations

import argparse

from .errors import KGError


def args_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=_inputs_help())
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


def args_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=_inputs_help())
    p.add_argument("-o", "--output", required=True, help="output JSONL file ('-' for standard output)")
    p.add_argument("--strict", action="store_true", help="stop with an error at the first bad record")
    _pipeline_options(p)
    _threshold_option(p)


def args_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", help=_graph_help())
    p.add_argument("--top", type=int, default=10, help="how many top entities per type (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def args_eval(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", help="a gold JSONL file (graph gold, SOTA?, SciREX, TDMSci or seed results format)")
    p.add_argument("--split", choices=("dev", "all"), default=None, help="TDMSci: score the dev split (the default) or all")
    p.add_argument("--half", choices=("tune", "check"), default=None,
                   help="score one fixed half of the file (kg.evaluate.tune_check_split: by sha1 of the id)")
    p.add_argument("--corpus", nargs="+", metavar="INPUT", default=None,
                   help="seed results: also count the predicted results of these papers in value precision "
                        "(papers without gold results; a paper with a gold record's title is that record)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON (the fields of kg.evaluate.EvalReport)")
    _pipeline_options(p)


def args_push(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="GRAPH_OR_INPUT", help="a saved graph or export folder, or inputs to build")
    p.add_argument("--uri", default=None, help="bolt://, neo4j:// or their +s forms (env NEO4J_URI; default bolt://localhost:7687)")
    p.add_argument("--user", default=None, help="user name (env NEO4J_USER; default neo4j)")
    p.add_argument("--password", default=None, help="password (better: env NEO4J_PASSWORD, which keeps it out of the process list)")
    p.add_argument("--database", default=None, help="database name (env NEO4J_DATABASE; default neo4j)")
    p.add_argument("--replace", action="store_true", help="first delete what kg created (by label), nothing else")
    _pipeline_options(p)  # when building from inputs
    _threshold_option(p)


def args_query(p: argparse.ArgumentParser) -> None:
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


def args_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", help=_graph_help())
    p.add_argument("-o", "--output", default="exports/graph.html", help="output HTML file (default exports/graph.html)")
    p.add_argument("--focus", help="render only the neighbourhood of the node with this name or id")
    p.add_argument("--hops", type=int, default=1, help="neighbourhood radius with --focus (default 1)")
    p.add_argument("--max-nodes", type=int, default=1500, help="node budget of the page (default 1500)")


def args_train(p: argparse.ArgumentParser) -> None:
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


def args_leaderboard(p: argparse.ArgumentParser) -> None:
    p.add_argument("dataset", nargs="?", metavar="DATASET", help="a dataset's name, alias or split (ImageNet, MS COCO, COCO test-dev)")
    p.add_argument("-g", "--graph", default="exports", help="a saved graph or export folder (default: exports/)")
    p.add_argument("--metric", help="only the board of this metric (any alias: mAP on COCO is box AP)")
    p.add_argument("--task", help="only boards of this task (the task most of a board's rows name)")
    p.add_argument("--format", choices=("table", "md", "csv", "json"), default="table", help="output format (default: table)")
    p.add_argument("--no-evidence", action="store_true", help="table and md: leave out the evidence sentences")
    p.add_argument("--plot", metavar="FILE", help="also draw the state of the art over time (.svg or .png)")
    p.add_argument("--list", action="store_true", help="list every board, largest first")
    p.add_argument("--min-rows", type=int, default=1, metavar="N", help="only boards of at least N rows (default 1)")


def args_datasets(p: argparse.ArgumentParser) -> None:
    p.add_argument("-g", "--graph", default="exports", help="a saved graph or export folder (default: exports/)")
    p.add_argument("--top", type=int, default=None, metavar="N", help="only the N most used datasets")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")


def args_fetch(p: argparse.ArgumentParser) -> None:
    """One subcommand per source of :data:`kg.sources.SOURCES`, with that source's own arguments."""
    from .sources import SOURCES

    by_source = p.add_subparsers(dest="source", required=True, metavar="SOURCE")
    for name, source in SOURCES.items():
        sp = by_source.add_parser(name, help=source.summary, description=source.summary)
        source.add_arguments(sp)
        sp.add_argument("-o", "--output", required=True, help="output JSONL file ('-' for standard output)")
        sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no summary line")


#: The arguments of each command of :data:`kg.cli.COMMANDS`, by its name.
ARGUMENTS = {
    "build": args_build, "extract": args_extract, "stats": args_stats,
    "eval": args_eval, "push": args_push, "query": args_query, "render": args_render, "train": args_train,
    "leaderboard": args_leaderboard, "datasets": args_datasets,
    "fetch": args_fetch,
}


# --------------------------------------------------------------------------------------------
# what several commands share


def _inputs_help() -> str:
    """The help of INPUT...: the input formats kg reads."""
    from .ingest import INPUT_FORMATS

    return ", ".join(f"{f.description} ({' '.join(f.suffixes)})" for f in INPUT_FORMATS.values()) + \
        " files, or folders of them"


def _graph_help() -> str:
    """The help of a saved graph argument: the export formats kg reads back."""
    from .readwrite import EXPORT_FORMATS

    return "a saved graph (" + ", ".join(s for f in EXPORT_FORMATS.values() if f.read for s in f.suffixes) + \
        ") or an export folder"


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


def _param(text: str):
    from .cypher import parse_param

    try:
        return parse_param(text)
    except KGError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _folds(value: str) -> int:
    n = int(value) if value.isdigit() else -1
    if n < 2:
        raise argparse.ArgumentTypeError(f"needs a number of folds of at least 2, got {value!r}")
    return n
