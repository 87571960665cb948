"""Train kg's model: the entity tagger and the judge's decisions, from graph gold.

A model (the shipped one is ``kg/trained/ner``, :data:`kg.pipeline.TRAINED_MODEL`) is a folder:

* a blank English spaCy pipeline of two built-in components, so ``spacy.load`` needs no kg code:
  ``kg_ner_tags``, a ``tagger`` with its own small CNN tok2vec (hash embeddings of NORM, PREFIX,
  SUFFIX and SHAPE, and of the entity label and IOB position the rules gave each token; width 64,
  depth 2, two tokens each side; no pretrained vectors) predicting a BILUO tag per token (``B-Method``, ``I-Method``,
  ``L-Method``, ``U-Method``, ..., ``O``), and ``kg_ner``, an ``entity_ruler`` whose token patterns
  on TAG turn each well-formed run into an entity (:func:`tag_patterns`), for using it on its own;
* ``kg_judge.json``: the judge's decisions (:mod:`kg.components.judge`, fitted by :mod:`kg.learn`)
  and the confidence threshold of the default graph.

The tagger is *stacked* on the rules: in kg's pipeline it runs after the gazetteer and the name
rules and reads their entities as features, so it learns where the annotators of the gold agree
with the rules and where they do not. For training, every text is run through the rules first
(:func:`kg.train_data.add_rule_entities`), so the model sees exactly what it will see at run time.

Training data (:func:`kg.train_data.graph_records`): graph gold, the project's own measure of what
belongs in the graph (``../shared/eval/GRAPH_GOLD_GUIDELINES.md``): the train file
``graph_gold_train.jsonl`` and the SciREX and SciERC abstracts relabelled by those guidelines
(``training/relabel/``, texts read from ``../shared/eval``). Every occurrence of a gold entity's
name is a tagged name (:func:`kg.train_data.graph_doc`). ``graph_gold_dev.jsonl``, the seed results
and the TDMSci dev split are never trained or tuned on.

:func:`train_model` (``kg train``) runs in three steps:

1. the papers are cut into folds (:func:`kg.train_data.fold_of`); for each fold a tagger learns from
   the others and kg's pipeline with it reads the fold's papers: every paper is seen by a tagger
   that did not learn from it (:func:`held_out_views`);
2. cross-validation of the judge over those views: for each fold, the judge learns from the other
   folds' papers and kg's whole pipeline (that fold's tagger and judge) extracts the fold's papers;
   the held-out extractions are scored against the gold, and the confidence threshold of the
   default graph is the one that does best on them, precision weighing twice as much as recall
   (:func:`choose_threshold`);
3. the shipped tagger learns from every paper, the judge from every held-out view.

(A tagger rather than spaCy's transition-based ``ner``: on this project's abstracts the ``ner``
was less accurate after the rules and three times slower.) The library logs its progress to the
``kg.train`` logger, or to the ``log`` callback its functions take; it prints nothing.

>>> nlp = make_ner_nlp()
>>> nlp.pipe_names, len(nlp.get_pipe(TAGS_COMPONENT).labels)
(['kg_ner_tags', 'kg_ner'], 17)
"""
from __future__ import annotations

import json
import logging
import random
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from .pipeline import TAGGER, TRAINED_MODEL, make_nlp, set_tokenizer_rules
from .schema import ENTITY_LABELS
from .train_data import GRAPH_TRAIN_FILE, RELABELLED, add_rule_entities, fold_of, graph_doc, graph_records, record_text

#: model and training settings of the shipped model (see :func:`train_model`)
DEFAULTS = {
    # window_size 2 (each layer looks two tokens each side): on held-out graph gold, Task F1 +0.03 and
    # Metric F1 +0.03 over 1, Method and Dataset the same
    "stacked": True, "width": 64, "depth": 2, "embed_size": 4000, "window_size": 2, "maxout_pieces": 3,
    "epochs": 20, "dropout": 0.2, "learn_rate": 0.001, "batch_start": 16, "batch_stop": 32, "folds": 4,
}


def build_training_docs(records: Sequence[dict], nlp: Language | None = None, log=None) -> list[Doc]:
    """The tagger's training docs of graph-gold ``records`` (:func:`kg.train_data.graph_doc`),
    tokenised by kg's tokenizer (``nlp``, default the rules-only :func:`kg.pipeline.make_nlp`), each
    with the rules' entities (:func:`kg.train_data.add_rule_entities`) and its record id."""
    nlp = nlp if nlp is not None else make_nlp(trained=False)
    docs, total = [], {}
    for rec in records:
        doc, stats = graph_doc(nlp, rec)
        docs.append(doc)
        for k, v in stats.items():
            total[k] = total.get(k, 0) + v
    add_rule_entities(nlp, docs)
    _log(log, f"{len(docs)} training docs: {total}")
    return docs


def predict_docs(model: Language, docs: Sequence[Doc]) -> list[Doc]:
    """Run a trained model over copies of ``docs`` (their tokens, and the rules' entities of
    :func:`add_rule_entities` when they have them) and return the annotated copies."""
    out = []
    for doc in docs:
        copy = Doc(model.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                   ents=doc.user_data.get("kg_rule_ents"))
        for _, proc in model.pipeline:
            copy = proc(copy)
        out.append(copy)
    return out


# ---------------------------------------------------------------------------- the model


#: component names of the model: a BILUO tagger and the entity_ruler reading its tags
TAGS_COMPONENT = TAGGER
SPANS_COMPONENT = "kg_ner"


#: what a stacked tagger reads of the rules' entities, and the hash rows it gives each
RULE_FEATURES = {"ENT_TYPE": 64, "ENT_IOB": 16}


def _tok2vec(s: dict) -> dict:
    rows = int(s["embed_size"])
    attrs, n_rows = ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [rows, rows // 2, rows // 2, rows // 2]
    if s["stacked"]:
        attrs += list(RULE_FEATURES)
        n_rows += list(RULE_FEATURES.values())
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": int(s["width"]),
            "attrs": attrs,
            "rows": n_rows,
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": int(s["width"]),
            "depth": int(s["depth"]),
            "window_size": int(s["window_size"]),
            "maxout_pieces": int(s["maxout_pieces"]),
        },
    }


def tag_patterns() -> list[dict]:
    """entity_ruler token patterns that turn BILUO tags into entities: ``U-Method`` alone, or
    ``B-Method I-Method* L-Method``. Only a whole well-formed run matches, so a run that overlaps
    an entity found before is dropped whole (no fragments), and an ill-formed run is no entity."""
    patterns = []
    for label in ENTITY_LABELS:
        patterns.append({"label": label, "pattern": [{"TAG": f"U-{label}"}]})
        patterns.append({"label": label, "pattern": [
            {"TAG": f"B-{label}"}, {"TAG": f"I-{label}", "OP": "*"}, {"TAG": f"L-{label}"}]})
    return patterns


def biluo_tags(doc: Doc) -> list[str | None]:
    """The BILUO tag of each token of an annotated ``doc`` (None where the annotation is missing).

    >>> from spacy.tokens import Doc
    >>> import spacy
    >>> d = Doc(spacy.blank("en").vocab, words=["a", "b", "c", "d"], ents=["B-Task", "I-Task", "O", "B-Metric"])
    >>> biluo_tags(d)
    ['B-Task', 'L-Task', 'O', 'U-Metric']
    """
    tags: list[str | None] = [("O" if t.ent_iob_ == "O" else None) for t in doc]
    for e in doc.ents:
        if len(e) == 1:
            tags[e.start] = f"U-{e.label_}"
        else:
            tags[e.start] = f"B-{e.label_}"
            for i in range(e.start + 1, e.end - 1):
                tags[i] = f"I-{e.label_}"
            tags[e.end - 1] = f"L-{e.label_}"
    return tags


def make_ner_nlp(**settings) -> Language:
    """A blank English pipeline holding the entity tagger, with an internal CNN tok2vec: a
    ``tagger`` predicting BILUO tags (component :data:`TAGS_COMPONENT`), then an
    ``entity_ruler`` :data:`SPANS_COMPONENT` that makes the entities from the tags (see
    :func:`tag_patterns`). ``settings`` override :data:`DEFAULTS` (tok2vec: width, depth,
    embed_size, window_size, maxout_pieces). Its tokenizer follows kg's rules
    (:func:`kg.pipeline.set_tokenizer_rules`).
    """
    s = {**DEFAULTS, **settings}
    nlp = spacy.blank("en")
    set_tokenizer_rules(nlp)
    model = {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False, "tok2vec": _tok2vec(s)}
    tagger = nlp.add_pipe("tagger", name=TAGS_COMPONENT, config={"model": model})
    for label in ("O", *(f"{p}-{lab}" for lab in ENTITY_LABELS for p in "BILU")):
        tagger.add_label(label)
    nlp.add_pipe("entity_ruler", name=SPANS_COMPONENT, config={"overwrite_ents": False, "validate": True})
    return nlp


def _example(nlp: Language, doc: Doc) -> Example:
    """An ``Example`` in ``nlp``'s vocab with ``doc``'s tokens (no re-tokenising), its entities, and
    the same as BILUO tags for a tagger (missing tokens stay missing in both); the predicted side
    carries the rules' entities when :func:`add_rule_entities` gave the doc some."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else (t.ent_iob_ or None) for t in doc]
    ref = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
    for tok, tag in zip(ref, biluo_tags(doc)):
        if tag is not None:
            tok.tag_ = tag
    return Example(Doc(nlp.vocab, words=words, spaces=spaces, ents=doc.user_data.get("kg_rule_ents")), ref)


_LOGGER = logging.getLogger(__name__)


def _log(log, msg: str) -> None:
    """Say ``msg`` through the ``log`` callback when there is one, else to the ``kg.train`` logger."""
    if log is not None:
        log(msg)
    else:
        _LOGGER.info(msg)


def train_docs(
    docs: Sequence[Doc],
    *,
    seed: int = 0,
    epochs: int | None = None,
    dev_docs: Sequence[Doc] = (),
    log=None,
    callback=None,
    **settings,
) -> tuple[Language, list[dict]]:
    """Train a fresh :func:`make_ner_nlp` on annotated ``docs``; returns the pipeline (averaged
    weights in place) and one dict of figures per epoch (loss, and NER P/R/F on ``dev_docs``).

    ``callback(epoch, nlp)``, when given, runs after each epoch with the averaged weights in
    place; what it returns (a dict) is merged into that epoch's figures.
    """
    s = {**DEFAULTS, **settings}
    epochs = s["epochs"] if epochs is None else epochs
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = make_ner_nlp(**s)
    examples = [_example(nlp, d) for d in docs]
    dev = [_example(nlp, d) for d in dev_docs]
    optimizer = nlp.initialize(lambda: examples)
    nlp.get_pipe(SPANS_COMPONENT).add_patterns(tag_patterns())
    optimizer.learn_rate = float(s["learn_rate"])
    history = []
    sizes = spacy.util.compounding(float(s["batch_start"]), float(s["batch_stop"]), 1.001)
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        order = list(examples)
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch(order, size=sizes):
            nlp.update(batch, drop=float(s["dropout"]), sgd=optimizer, losses=losses)
        row = {"epoch": epoch, "loss": round(float(sum(losses.values())), 1), "seconds": round(time.time() - t0, 1)}
        if dev:
            with nlp.use_params(optimizer.averages):
                scores = nlp.evaluate(dev)
            row.update({k: round(float(scores[k] or 0.0), 4) for k in ("ents_p", "ents_r", "ents_f")})
        if callback is not None:
            with nlp.use_params(optimizer.averages):
                row.update(callback(epoch, nlp) or {})
        history.append(row)
        _log(log, json.dumps(row))
    # keep the averaged weights
    with nlp.use_params(optimizer.averages):
        final = nlp.to_bytes()
    nlp.from_bytes(final)
    return nlp, history


def _prune_strings(model_dir: Path) -> None:
    """Keep only the labels in the saved string store: the tagger's features are hashes computed
    from each token at run time, so the training vocabulary (every word of the training texts) is
    not needed to load or run the model, and does not ship."""
    keep = {"O", *ENTITY_LABELS, *(f"{p}-{lab}" for lab in ENTITY_LABELS for p in "BILU")}
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(sorted(keep)), encoding="utf-8")


def _save_tagger(nlp: Language, out: Path, meta: dict) -> None:
    nlp.meta.update({
        "name": "kg_ner", "version": "0.2.0",
        "spacy_version": ">=3.8,<3.9",  # as pyproject.toml: weights saved by 3.8 load in any 3.8
        "description": "kg's Method/Dataset/Task/Metric tagger (blank pipeline, own CNN tok2vec, no "
                       "pretrained vectors) and the judge's decisions (kg_judge.json); see kg/train.py",
        "sources": [
            {"name": "graph_gold_train.jsonl of the kg project (graph gold of Hugging Face Daily Papers abstracts)"},
            {"name": "SciREX (Jain et al., 2020; Apache-2.0): dev abstracts relabelled by the graph guidelines "
                     "(training/relabel/scirex.jsonl)", "url": "https://github.com/allenai/SciREX"},
            {"name": "SciERC (Luan et al., 2018; no license stated): abstracts relabelled by the graph guidelines "
                     "(training/relabel/scierc.jsonl)", "url": "http://nlp.cs.washington.edu/sciIE/"},
        ],
        "kg_training": meta,
    })
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    _prune_strings(out)


def train_ner(output_dir: str | Path, docs: Sequence[Doc], *, seed: int = 0, log=None, **settings) -> dict:
    """Train the tagger alone on annotated ``docs`` (e.g. :func:`build_training_docs`) and write
    it to ``output_dir`` (a ``spacy.load``-able pipeline, no judge). ``settings`` override
    :data:`DEFAULTS`. Returns ``{"docs", "epochs", "seconds", "output_dir"}``."""
    t0 = time.time()
    s = {**DEFAULTS, **settings}
    nlp, _ = train_docs(docs, seed=seed, log=log, **s)
    out = Path(output_dir)
    _save_tagger(nlp, out, {"seed": seed, "docs": len(docs), **s})
    return {"docs": len(docs), "epochs": s["epochs"], "seconds": round(time.time() - t0, 1), "output_dir": str(out)}


def held_out_views(records: Sequence[dict], docs: Sequence[Doc], folder: Path, *, seed: int = 0, log=None,
                   **settings) -> dict:
    """Step 1 of :func:`train_model`: for each fold, a tagger trained on the other folds' docs
    (written to ``folder/fold<k>``) and kg's pipeline with it (no judge yet) reading the fold's
    papers. Returns ``{paper id: kg.features.PaperView}``."""
    from .components.judge import paper_view
    from .extract import naming

    s = {**DEFAULTS, **settings}
    folds = int(s["folds"])
    views = {}
    for k in range(folds):
        held = [r for r in records if fold_of(r["id"], folds) == k]
        train = [d for d in docs if fold_of(d.user_data["kg_id"], folds) != k]
        _log(log, f"fold {k + 1}/{folds}: a tagger learns from {len(train)} papers, reads {len(held)}")
        model, _ = train_docs(train, seed=seed, log=log, **s)
        _save_tagger(model, folder / f"fold{k}", {"seed": seed, "fold": k, **s})
        nlp = make_nlp(trained=folder / f"fold{k}")
        name = naming(nlp)
        with nlp.select_pipes(disable=["kg_results", "kg_relations"]):
            for rec, doc in zip(held, nlp.pipe(record_text(r) for r in held)):
                views[rec["id"]] = paper_view(doc, name)
    return views


def cross_validate_judge(records: Sequence[dict], views: dict, folder: Path, *, folds: int, log=None) -> list[dict]:
    """Step 2 of :func:`train_model`: the held-out extractions (``kg extract`` records, every
    candidate with its confidence) of kg's whole pipeline, fold by fold: that fold's tagger
    (``folder/fold<k>``) and a judge trained on the other folds' views."""
    from .extract import extract
    from .features import Lexicon
    from .learn import train_judge
    from .model import Paper
    from .rules import load_rules

    rs = load_rules()
    lex = Lexicon.from_rules(rs.cues, rs.words)
    gold = {r["id"]: r for r in records}
    out = []
    for k in range(folds):
        train_ids = {i for i in views if fold_of(i, folds) != k}
        judge = train_judge({i: views[i] for i in train_ids}, gold, lex)
        judge.write(folder / f"fold{k}")
        nlp = make_nlp(trained=folder / f"fold{k}")
        held = [r for r in records if fold_of(r["id"], folds) == k]
        papers = [Paper(id=r["id"], title=r.get("title") or "", abstract=r.get("abstract") or "") for r in held]
        out += [ex.to_record() for ex in extract(papers, nlp, min_confidence=0.0)]
        _log(log, f"fold {k + 1}/{folds}: the judge learnt from {len(train_ids)} papers, extracted {len(held)}")
    return out


def train_model(output_dir: str | Path | None = None, *, seed: int = 0, epochs: int | None = None,
                shared_eval: str | Path | None = None, relabel_dir: str | Path | None = None,
                cv_out: str | Path | None = None, write: bool = True, log=None, **settings) -> dict:
    """Train kg's model (tagger and judge) and write it to ``output_dir`` (default: the shipped
    :data:`kg.pipeline.TRAINED_MODEL`), in the three steps of this module's docstring.

    ``write=False`` stops after step 2 (``kg train --cv``: the held-out figures, no model).
    ``cv_out``, when given, receives the held-out extractions of step 2 (``kg extract`` records, one
    JSON object a line, every candidate with its confidence). Returns a summary: papers, threshold,
    the held-out graph-gold figures at that threshold (over every training paper and over the train
    file's alone), seconds, output folder.
    """
    from .features import Lexicon
    from .learn import GRAPH_FIGURES, above, choose_thresholds, graph_scores, rescaled, train_judge
    from .rules import load_rules

    t0 = time.time()
    s = {**DEFAULTS, **settings}
    if epochs is not None:
        s["epochs"] = epochs
    folds = int(s["folds"])
    records = graph_records(shared_eval, relabel_dir)
    gold = {r["id"]: r for r in records}
    docs = build_training_docs(records, log=log)
    with tempfile.TemporaryDirectory(prefix="kg-train-") as tmp:
        folder = Path(tmp)
        views = held_out_views(records, docs, folder, seed=seed, log=log, **s)
        held = cross_validate_judge(records, views, folder, folds=folds, log=log)
    threshold, own, _ = choose_thresholds(records, held)
    held = rescaled(held, own, threshold)  # (as the judge will give them)
    if cv_out is not None:
        Path(cv_out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in held), encoding="utf-8")
    train_ids = {r["id"] for r in records if r.get("kg_source") == GRAPH_TRAIN_FILE}
    scores = graph_scores(records, above(held, threshold))
    summary = {
        "papers": len(records), "folds": folds, "min_confidence": threshold, "thresholds": own,
        "held_out": {k: _rounded(v) for k, v in scores.items()},
        "held_out_train_file": {k: _rounded(v) for k, v in graph_scores(
            [gold[i] for i in sorted(train_ids)], above([r for r in held if r["id"] in train_ids], threshold)).items()},
    }
    _log(log, f"threshold {threshold} ({own}): " + ", ".join(f"{k} {scores[k]['f1']:.3f}" for k in GRAPH_FIGURES))
    if write:
        out = Path(output_dir) if output_dir is not None else TRAINED_MODEL
        rs = load_rules()
        nlp, _ = train_docs(docs, seed=seed, log=log, **s)
        meta = {"seed": seed, "papers": len(records), "sources": [GRAPH_TRAIN_FILE, *(f"training/relabel/{f}" for f in RELABELLED)],
                # the gold files of ../shared/eval whose papers it learnt from (kg eval says so when it scores one)
                "gold_files": [GRAPH_TRAIN_FILE, "scirex_dev.jsonl"], **s}
        staging = out.with_name(out.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        _save_tagger(nlp, staging, meta)
        judge = train_judge(views, gold, Lexicon.from_rules(rs.cues, rs.words), min_confidence=threshold, thresholds=own,
                            meta={"held_out": summary["held_out"], "held_out_train_file": summary["held_out_train_file"],
                                  "trained_on": meta["sources"]}, log=log)
        judge.write(staging)
        shutil.rmtree(out, ignore_errors=True)
        staging.rename(out)
        summary["output_dir"] = str(out)
    summary["seconds"] = round(time.time() - t0, 1)
    return summary


def _rounded(scores: dict) -> dict:
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in scores.items()}


def format_summary(summary: dict) -> str:
    """The held-out figures of a :func:`train_model` summary as a table (what ``kg train`` prints)."""
    from .learn import GRAPH_FIGURES

    lines = [f"held-out figures of {summary['folds']}-fold cross-validation over {summary['papers']} papers, "
             f"at the chosen threshold {summary['min_confidence']}"
             + (f" (decisions with their own: {', '.join(f'{k} {v}' for k, v in summary['thresholds'].items())})"
                if summary.get("thresholds") else ""),
             f"{'':14} {'all training papers':>24}   {'graph_gold_train.jsonl':>24}",
             f"{'':14} {'P':>7} {'R':>7} {'F1':>8}   {'P':>7} {'R':>7} {'F1':>8}"]
    for k in GRAPH_FIGURES:
        a, b = summary["held_out"][k], summary["held_out_train_file"][k]
        lines.append(f"{k:14} {a['p']:7.3f} {a['r']:7.3f} {a['f1']:8.3f}   {b['p']:7.3f} {b['r']:7.3f} {b['f1']:8.3f}")
    if "output_dir" in summary:
        lines.append(f"wrote {summary['output_dir']} in {summary['seconds']} s")
    return "\n".join(lines)
