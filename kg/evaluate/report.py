"""The whole run: :func:`evaluate` scores one gold file into an :class:`EvalReport`; :func:`format_report` prints it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Paper
from ..schema import ENTITY_LABELS
from .compare import normalise
from .entities import score_entities
from .gold import detect_kind, gold_papers, read_gold
from .graph import GRAPH_RELATIONS, GRAPH_TYPES, score_graph
from .scirex import score_scirex_results
from .seed import score_seed_results
from .sota import score_sota
from .splits import HALVES, SPLITS, tdmsci_split, tune_check_split


@dataclass(frozen=True)
class EvalReport:
    """Every figure :func:`evaluate` could compute for one gold file (None where not applicable).

    ``kind`` is one of :data:`KINDS`; ``split`` the TDMSci split ("all" for other files), ``half``
    the half of :func:`tune_check_split` that was scored (None: the whole file); ``papers`` how
    many papers the figures count (with ``corpus``, the corpus papers too). ``entities`` is
    :func:`score_entities`'s dict, ``scirex_results``, ``seed_results``, ``graph`` and
    ``sota_results`` those of :func:`score_scirex_results`, :func:`score_seed_results`,
    :func:`score_graph` and :func:`score_sota`; ``notes`` says what was scored.
    ``kg eval --json`` prints this dataclass as a JSON object.
    """

    path: str
    kind: str
    split: str
    papers: int
    records: int
    types: tuple[str, ...] = ()
    entities: dict | None = None
    scirex_results: dict | None = None
    seed_results: dict | None = None
    notes: tuple[str, ...] = field(default=())
    half: str | None = None
    graph: dict | None = None
    sota_results: dict | None = None


def _title_key(title: str | None) -> str:
    return normalise(title)


def evaluate(
    gold_path: str | Path,
    extract_fn: Callable[[list[Paper]], Iterable],
    *,
    split: str | None = None,
    dev_fraction: float = 0.2,
    half: str | None = None,
    corpus: Iterable[Paper] | None = None,
) -> EvalReport:
    """Run ``extract_fn`` on the papers of a gold file and score what it returns.

    ``extract_fn(papers)`` gets a list of :class:`kg.model.Paper` and returns
    record dicts (``Extraction.to_record()``) or ``Extraction`` objects.
    The file's kind is detected (:func:`detect_kind`). TDMSci is a training
    file: by default only its dev split (:func:`tdmsci_split`) is scored;
    ``split="train"`` or ``"all"`` choose otherwise. Other files are scored
    whole; asking them for "dev" or "train" raises ValueError.
    ``half`` ("tune" or "check") scores one half of :func:`tune_check_split` of the
    file (after the TDMSci split).
    Entity figures are computed when the gold records have ``entities``, over
    the types of :data:`kg.schema.ENTITY_LABELS` that the file annotates (TDMSci has no
    Method); results figures for SciREX, seed and SOTA? files; graph figures
    (:func:`score_graph`) for graph gold files.

    ``corpus`` (seed results files only): more papers whose predicted results count in value
    precision, as papers without gold results (the measure counts false results in papers
    without any). A corpus paper whose title (lower case, letters and digits) is a gold
    record's is that record, extracted from the gold's text; with ``half``, the other corpus
    papers are split by their own ids.

    >>> import tempfile, pathlib, json
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = p.write_text(json.dumps({"id": "tdmsci-x", "title": "", "abstract": "BLEU on WMT.",
    ...     "entities": [{"type": "Metric", "text": "BLEU", "start": 0, "end": 4}], "results": []}))
    >>> echo = lambda papers: [{"id": q.id, "entities": [{"type": "Metric", "text": "BLEU"}]} for q in papers]
    >>> r = evaluate(p, echo, split="all")
    >>> r.kind, r.entities["all"]["Metric"]["f1"]
    ('tdmsci', 1.0)
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    path_s = str(gold_path)
    gold, kind = _read_kind(gold_path)
    if corpus is not None and kind != "seed":
        raise InputError(f"a corpus applies to seed results files only; this is a {kind} file", path=path_s)
    notes: list[str] = []
    gold, split = _split(gold, kind, split, dev_fraction, notes)
    all_titles = {_title_key(g.get("title")): g["id"] for g in gold if _title_key(g.get("title"))}
    if half is not None:
        gold = _half(gold, half, path_s, notes)

    papers = gold_papers(gold)
    scored_ids = None
    if corpus is not None:
        extra = _corpus_papers(corpus, gold, all_titles, half, notes)
        papers += extra
        scored_ids = [g["id"] for g in gold] + [q.id for q in extra]

    records = list(extract_fn(papers))
    figures = _figures(kind, gold, records, scored_ids, notes)  # (adds its notes)
    return EvalReport(path=path_s, kind=kind, split=split, papers=len(papers), records=len(records),
                      notes=tuple(notes), half=half, **figures)


def _read_kind(gold_path: str | Path) -> tuple[list[dict], str]:
    """The records of a gold file and its kind (:func:`detect_kind`); InputError when it has none or no kind."""
    path_s = str(gold_path)
    gold = read_gold(gold_path)
    if not gold:
        raise InputError("no gold records", path=path_s)
    try:
        kind = detect_kind(gold)
    except ValueError as e:
        raise InputError(str(e), path=path_s) from e
    return gold, kind


def _split(gold: list[dict], kind: str, split: str | None, dev_fraction: float,
           notes: list[str]) -> tuple[list[dict], str]:
    """The records of the TDMSci ``split`` (default "dev") and its name, noted; other files whole ("all")."""
    total = len(gold)
    if kind == "tdmsci":
        split = split or "dev"
        if split != "all":
            train, dev = tdmsci_split(gold, dev_fraction)
            gold = dev if split == "dev" else train
            notes.append(
                f"TDMSci: scored the {split} split only ({len(gold)} of {total} records; dev = sha1(id) "
                f"below {dev_fraction:g}); split='all' scores every record"
            )
    else:
        if split not in (None, "all"):
            raise ValueError(f"split={split!r} applies to TDMSci only; this is a {kind} file")
        split = "all"
    return gold, split


def _half(gold: list[dict], half: str, path_s: str, notes: list[str]) -> list[dict]:
    """The records of one half of :func:`tune_check_split`, noted; InputError when it is empty."""
    before = len(gold)
    gold = tune_check_split(gold)[HALVES.index(half)]
    notes.append(f"scored the {half} half only ({len(gold)} of {before} records; tune = sha1(id) below 0.5)")
    if not gold:
        raise InputError(f"no gold records in the {half} half", path=path_s)
    return gold


def _corpus_papers(corpus: Iterable[Paper], gold: list[dict], all_titles: dict[str, str], half: str | None,
                   notes: list[str]) -> list[Paper]:
    """The corpus papers that are no gold record (by title), once per id and in ``half`` if given, noted."""
    scored = {g["id"] for g in gold}
    in_gold = set()
    extra: list[Paper] = []
    seen: set[str] = set()
    for q in corpus:
        gid = all_titles.get(_title_key(q.title))
        if gid is not None:
            if gid in scored:
                in_gold.add(gid)
        elif q.id not in seen and (half is None or tune_check_split([{"id": q.id}])[HALVES.index(half)]):
            seen.add(q.id)
            extra.append(q)
    notes.append(f"value precision counts {len(extra)} corpus papers without gold results too "
                 f"({len(in_gold)} corpus papers are gold records)")
    return extra


def _figures(kind: str, gold: list[dict], records: list, scored_ids: list[str] | None, notes: list[str]) -> dict:
    """The figures of :class:`EvalReport` for a file of ``kind``: ``types``, ``entities`` and the measure of
    the kind (the others None); notes the entity types not scored and the ignored records."""
    has_entities = kind not in ("graph", "sota") and any("entities" in g for g in gold)
    present = {e.get("type") for g in gold for e in (g.get("entities") or [])}
    types = (tuple(t for t in ENTITY_LABELS if t in present) or ENTITY_LABELS) if has_entities else ()
    entities = score_entities(gold, records, types) if has_entities else None
    if has_entities and len(types) < len(ENTITY_LABELS):
        notes.append(f"entity types not annotated in this file are not scored: "
                     f"{', '.join(t for t in ENTITY_LABELS if t not in types)}")
    scirex = score_scirex_results(gold, records) if kind == "scirex" else None
    seed = score_seed_results(gold, records, papers=scored_ids) if kind == "seed" else None
    graph = score_graph(gold, records) if kind == "graph" else None
    sota = score_sota(gold, records) if kind == "sota" else None
    ignored = (entities or scirex or seed or graph or sota or {}).get("ignored_records", 0)
    if ignored:
        notes.append(f"{ignored} predicted records have an id not in the gold and were ignored")
    return {"types": types, "entities": entities, "scirex_results": scirex, "seed_results": seed, "graph": graph,
            "sota_results": sota}


def _f(x: float | None, width: int = 5) -> str:
    return f"{x:.3f}".rjust(width) if x is not None else "-".rjust(width)


def format_report(report: EvalReport) -> str:
    """Render an :class:`EvalReport` as a compact plain-text table (no trailing newline).

    Entities: one row per type and a micro row, with P, R, F1 and the number of
    gold strings, for all mentions and for named ones. Graph gold: P, R, F1, predictions,
    gold items and "wrong type" per entity type, then PROPOSES and each relation. Then the
    results figures (SciREX, seed, SOTA?).

    >>> r = EvalReport(path="g.jsonl", kind="seed", split="all", papers=1, records=1,
    ...     seed_results=score_seed_results([{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}],
    ...                                     [{"id": "p", "results": [{"value": 2.0, "kind": "delta"}]}]))
    >>> print(format_report(r).splitlines()[1])
    results: value P 1.000 (1/1)  R 1.000 (1/1)
    """
    name = Path(report.path).name
    half = f", {report.half} half" if report.half else ""
    lines = [f"{name}: {report.kind}, split {report.split}{half}, {report.papers} papers, {report.records} records"]
    ent = report.entities
    if ent is not None:
        lines.append(f"{'':10} {'all':^23} | {'named':^23}")
        lines.append(f"{'type':10} {'P':>5} {'R':>5} {'F1':>5} {'gold':>5} | {'P':>5} {'R':>5} {'F1':>5} {'gold':>5}")
        for t in (*report.types, "micro"):
            a, n = ent["all"][t], ent["named"][t]
            lines.append(
                f"{t:10} {_f(a['precision'])} {_f(a['recall'])} {_f(a['f1'])} {a['gold']:>5} | "
                f"{_f(n['precision'])} {_f(n['recall'])} {_f(n['f1'])} {n['gold']:>5}"
            )
    gr = report.graph
    if gr is not None:
        lines.append(f"{'graph':13} {'P':>5} {'R':>5} {'F1':>5} {'pred':>5} {'gold':>5} {'wrong type':>10}")
        for k in (*GRAPH_TYPES, "entities", "PROPOSES", *GRAPH_RELATIONS):
            d = gr[k]
            wrong = f"{d['wrong_type']:>10}" if "wrong_type" in d else ""
            lines.append(f"{k:13} {_f(d['precision'])} {_f(d['recall'])} {_f(d['f1'])} {d['pred']:>5} "
                         f"{d['gold']:>5} {wrong}".rstrip())
    s = report.scirex_results
    if s is not None:
        lines.append(
            f"results (in-abstract gold): found {s['found']}/{s['in_abstract']} recall {_f(s['recall'], 0)}"
            f"  (value only {s['value_found']}, {s['predicted_results']} predicted results)"
        )
    d = report.seed_results
    if d is not None:
        lines.append(
            f"results: value P {_f(d['value_precision'], 0)} ({d['value_hits']}/{d['predicted']})"
            f"  R {_f(d['value_recall'], 0)} ({d['matched']}/{d['gold']})"
        )
        if d["matched"]:
            lines.append(
                f"  on {d['matched']} matched: dataset {_f(d['dataset_right'], 0)}  metric "
                f"{_f(d['metric_right'], 0)}  method {_f(d['method_right'], 0)}  kind {_f(d['kind_right'], 0)}"
            )
        lines.append(
            f"  score recall {_f(d['score_recall'], 0)} ({d['score_found']}/{d['score_gold']})"
            f"  strict score recall {_f(d['strict_score_recall'], 0)} ({d['strict_score_found']}/{d['score_gold']})"
        )
    t = report.sota_results
    if t is not None:  # (shares rounded to 4 decimals first, as score_sota.py prints them)
        t = {k: round(v, 4) if isinstance(v, float) else v for k, v in t.items()}
        n = t["gold_tuples_in_abstract"]
        lines.append(f"SOTA? tuples stated in abstracts: {n} in {t['papers']} papers "
                     f"({t['papers_without_prediction']} without a prediction)")
        lines.append(
            f"  recall value {_f(t['recall_value'], 0)} ({t['found_value']}/{n})"
            f"  value+dataset {_f(t['recall_dataset'], 0)} ({t['found_dataset']}/{n})"
            f"  value+dataset+metric {_f(t['recall_dataset_metric'], 0)} ({t['found_dataset_metric']}/{n})"
        )
        lines.append(
            f"  precision proxy (a lower bound; kind score) {_f(t['precision_proxy_lower_bound'], 0)} "
            f"({t['predicted_score_matching_gold']}/{t['predicted_score_results']}; "
            f"{t['predicted_results']} predicted results of all kinds)"
        )
        lines.append(f"  the gold dataset string occurs in the abstract for {_f(t['gold_dataset_in_abstract'], 0)}"
                     f" of the tuples")
    lines.extend(f"note: {n}" for n in report.notes)
    return "\n".join(lines)
