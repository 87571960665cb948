"""Train kg's statistical entity tagger (Method, Dataset, Task, Metric) from a blank pipeline.

The shipped model (``kg/trained/ner``, :data:`kg.pipeline.TRAINED_MODEL`) is a blank English
pipeline of two built-in components, so ``spacy.load`` needs no kg code:

* ``kg_ner_tags``: a ``tagger`` with its own small CNN tok2vec (hash embeddings of NORM, PREFIX,
  SUFFIX and SHAPE, and of the entity label and IOB position the rules gave each token; width
  64, depth 2; no pretrained vectors) predicting a BILUO tag per token (``B-Method``,
  ``I-Method``, ``L-Method``, ``U-Method``, ..., ``O``) into ``token.tag_``;
* ``kg_ner``: an ``entity_ruler`` whose token patterns on TAG turn each well-formed run (``U``,
  or ``B I* L``) into an entity (:func:`tag_patterns`), for using the model on its own.

The tagger is *stacked* on the rules: in kg's pipeline (:func:`kg.pipeline.make_nlp`) it runs
after the gazetteer and the name rules and reads their entities (``ENT_TYPE``, ``ENT_IOB``) as
features, so it learns where the annotators of the gold agree with the rules and where they do
not (boundaries, labels, lower-case names the rules cannot see); ``kg_tagged_names`` then
decides between the tagged runs and the rules' entities. For training, every text is run
through the rules first (:func:`add_rule_entities`), so the model sees exactly what it will see
at run time.

(A tagger rather than spaCy's transition-based ``ner``: on this project's abstracts the ``ner``
was less accurate after the rules and three times slower, its per-token state loop costing ~5 ms
per abstract, more than the whole rule pipeline.)

Rebuild it with ``kg train``: a few minutes on two cores. The library logs its progress to the
``kg.train`` logger, or to the ``log`` callback its functions take; it prints nothing.
Training data, read from ``../shared/eval`` and never copied into the
repository (only weights ship):

* SciERC ``scierc/{train,dev,test}.json`` (DyGIE format, no license stated by its authors): Task,
  Method and Metric are kept; OtherScientificTerm and Generic tokens are "outside"; Material is left
  unannotated by default ("missing", see :func:`build_training_docs`);
* the train part of :func:`kg.evaluate.tdmsci_split` of ``tdmsci_train.jsonl`` (Task, Dataset,
  Metric; it has no Method annotation, so the tokens a SciERC-only pre-model tags Method there are
  "missing" rather than "outside");
* SciREX ``scirex_dev.jsonl`` (148 titles and abstracts, all four types): the only gold that
  annotates named methods and datasets the way kg's users look for them. Since the shipped
  model has seen all of it, its SciREX figures come from :func:`cross_validate` (``kg train
  --cv 4``): each fold of papers is extracted by a model trained without it.

The TDMSci dev split and the seed results file are never trained on.
The gold records become annotated docs in :mod:`kg.train_data`.

>>> nlp = make_ner_nlp()
>>> nlp.pipe_names, len(nlp.get_pipe(TAGS_COMPONENT).labels)
(['kg_ner_tags', 'kg_ner'], 17)
"""
from __future__ import annotations

import json
import logging
import random
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
from .train_data import SHARED_EVAL, add_rule_entities, docs_from_records, fold_of, training_records

#: the gold files of ``../shared/eval`` the shipped model learns from whole
TRAINED_GOLD_FILES = ["scierc/train.json", "scierc/dev.json", "scierc/test.json", "scirex_dev.jsonl"]

#: model and training settings of the shipped model (see :func:`train_ner`)
DEFAULTS = {
    "stacked": True, "width": 64, "depth": 2, "embed_size": 4000, "window_size": 1, "maxout_pieces": 3,
    "epochs": 20, "scirex_weight": 2, "tdmsci_weight": 1, "dropout": 0.2, "learn_rate": 0.001, "batch_start": 16, "batch_stop": 32,
}


def build_training_docs(
    nlp: Language | None = None,
    *,
    shared_eval: str | Path | None = None,
    scierc_material: str = "missing",
    tdmsci_methods: str = "premodel",
    scirex: bool = True,
    seed: int = 0,
    log=None,
    **settings,
) -> list[Doc]:
    """The training docs of the shipped model, tokenised by kg's tokenizer (``nlp``, default
    the rules-only :func:`kg.pipeline.make_nlp`): SciERC, the TDMSci train split, then SciREX
    (:func:`training_records`; ``scirex=False`` leaves SciREX out). Each doc knows its record id
    (``doc.user_data["kg_id"]``, see :func:`cross_validate`) and, for a stacked model
    (``settings["stacked"]``, the default), the rules' entities (:func:`add_rule_entities`).

    SciERC's Material (data in general: "images", "English", "parallel corpora", now and then a
    named corpus) is wider than a Dataset name. With ``scierc_material="missing"`` its tokens are
    left unannotated, so that Dataset is learnt from TDMSci's and SciREX's dataset names alone;
    ``"dataset"`` labels them Dataset.

    TDMSci sentences carry no Method annotation. With ``tdmsci_methods="premodel"`` a short
    SciERC-only model (``settings`` as for :func:`train_docs`, at most 10 epochs) tags them first and
    the tokens it calls Method are marked missing, so that the model is not taught that method names
    are "outside"; ``"outside"`` leaves every unannotated token outside.
    """
    if tdmsci_methods not in ("premodel", "outside"):
        raise ValueError(f"tdmsci_methods must be 'premodel' or 'outside', got {tdmsci_methods!r}")
    if scierc_material not in ("missing", "dataset"):
        raise ValueError(f"scierc_material must be 'missing' or 'dataset', got {scierc_material!r}")
    s = {**DEFAULTS, **settings}
    if nlp is None:
        nlp = make_nlp(trained=False)
    recs = training_records(shared_eval)
    if scierc_material == "missing":
        material = {r["id"]: [(e["start"], e["end"]) for e in r["entities"] if e["type"] == "Dataset"]
                    for r in recs["scierc"]}
        docs, stats = docs_from_records(nlp, recs["scierc"], types=("Method", "Task", "Metric"), missing=material)
    else:
        docs, stats = docs_from_records(nlp, recs["scierc"])
    _log(log, f"SciERC: {len(docs)} docs, {dict(stats)}")
    tokens, _ = docs_from_records(nlp, recs["tdmsci"], types=())  # TDMSci's tokens, for the pre-model
    if s["stacked"]:
        add_rule_entities(nlp, docs + tokens)
    missing = None
    if tdmsci_methods == "premodel":
        pre_settings = {**s, "epochs": max(1, min(10, int(s["epochs"])))}
        _log(log, f"Method pre-model: SciERC only, {pre_settings['epochs']} epochs")
        pre, _ = train_docs(docs, seed=seed, **pre_settings)
        missing = {r["id"]: [(e.start_char, e.end_char) for e in d.ents if e.label_ == "Method"]
                   for r, d in zip(recs["tdmsci"], predict_docs(pre, tokens))}
    tdocs, tstats = docs_from_records(nlp, recs["tdmsci"], types=("Task", "Dataset", "Metric"), missing=missing)
    _log(log, f"TDMSci train: {len(tdocs)} docs, {dict(tstats)}")
    xdocs: list[Doc] = []
    if scirex and recs["scirex"]:
        xdocs, xstats = docs_from_records(nlp, recs["scirex"])
        _log(log, f"SciREX: {len(xdocs)} docs, {dict(xstats)}, each seen {int(s['scirex_weight'])} times an epoch")
    if s["stacked"]:
        for doc, same in zip(tdocs, tokens):  # the same texts and tokens: the rules ran over them once
            doc.user_data["kg_rule_ents"] = same.user_data["kg_rule_ents"]
        add_rule_entities(nlp, xdocs)
    return docs + tdocs * int(s["tdmsci_weight"]) + xdocs * int(s["scirex_weight"])


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


def train_ner(
    output_dir: str | Path | None = None,
    *,
    seed: int = 0,
    epochs: int | None = None,
    shared_eval: str | Path | None = None,
    docs: Sequence[Doc] | None = None,
    scierc_material: str = "missing",
    tdmsci_methods: str = "premodel",
    log=None,
    **settings,
) -> dict:
    """Train the entity recogniser and write it to ``output_dir`` (a ``spacy.load``-able pipeline
    holding only the recogniser's components; kg's shipped model is ``train_ner(kg.pipeline.TRAINED_MODEL)``).

    By default the training docs are :func:`build_training_docs` (``scierc_material`` and
    ``tdmsci_methods`` are passed on); pass ``docs`` (annotated ``Doc`` objects, e.g. from
    :func:`make_training_doc`) to train on your own. ``settings`` override :data:`DEFAULTS`; the
    random seeds are fixed by ``seed``. Returns ``{"docs", "epochs", "seconds", "bytes", "history",
    "output_dir"}``.
    """
    t0 = time.time()
    s = {**DEFAULTS, **settings}
    if epochs is not None:
        s["epochs"] = epochs
    trained_here = docs is None
    if docs is None:
        docs = build_training_docs(shared_eval=shared_eval, scierc_material=scierc_material,
                                   tdmsci_methods=tdmsci_methods, seed=seed, log=log, **s)
    nlp, history = train_docs(docs, seed=seed, log=log, **s)
    out = Path(output_dir) if output_dir is not None else TRAINED_MODEL
    out.mkdir(parents=True, exist_ok=True)
    nlp.meta.update({
        "name": "kg_ner", "version": "0.1.0",
        "spacy_version": ">=3.8,<3.9",  # as pyproject.toml: weights saved by 3.8 load in any 3.8
        "description": "kg's Method/Dataset/Task/Metric recogniser (blank pipeline, own CNN tok2vec, "
                       "no pretrained vectors); see kg/train.py",
        "sources": [
            {"name": "SciERC (Luan et al., 2018; no license stated)", "url": "http://nlp.cs.washington.edu/sciIE/"},
            {"name": "TDMSci (Hou et al., 2021; Apache-2.0), train part of kg.evaluate.tdmsci_split",
             "url": "https://github.com/IBM/science-result-extractor"},
            {"name": "SciREX (Jain et al., 2020; Apache-2.0), titles and abstracts of its dev papers",
             "url": "https://github.com/allenai/SciREX"},
        ],
        "kg_training": {"seed": seed, "docs": len(docs), "scierc_material": scierc_material,
                        "tdmsci_methods": tdmsci_methods,
                        # gold files learnt from whole (TDMSci: its train split only, never the dev split)
                        "gold_files": TRAINED_GOLD_FILES if trained_here else [], **s},
    })
    nlp.to_disk(out)
    _prune_strings(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    summary = {"docs": len(docs), "epochs": s["epochs"], "seconds": round(time.time() - t0, 1),
               "bytes": size, "history": history, "output_dir": str(out)}
    _log(log, f"wrote {out} ({size / 1e6:.1f} MB) in {summary['seconds']}s")
    return summary


def cross_validate(
    folds: int = 4,
    *,
    seed: int = 0,
    epochs: int | None = None,
    shared_eval: str | Path | None = None,
    records_out: str | Path | None = None,
    log=None,
    **settings,
):
    """Held-out SciREX figures of a model trained as :func:`train_ner` trains the shipped one.

    The SciREX papers are cut into ``folds`` by :func:`fold_of`; for each fold a model is trained
    on everything else (SciERC, the TDMSci train split, the other SciREX folds), kg's whole
    pipeline (:func:`kg.pipeline.make_nlp` with that model) extracts the fold's papers, and the
    extractions of all folds are scored together, as ``kg eval`` scores a gold file
    (:func:`kg.evaluate.evaluate`). Returns the :class:`kg.evaluate.EvalReport`; ``records_out``,
    when given, receives the held-out extractions (``kg extract`` records, one JSON object a line).
    """
    from .evaluate import EvalReport, score_entities, score_scirex_results
    from .extract import extract
    from .model import Paper

    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {folds}")
    s = {**DEFAULTS, **settings}
    if epochs is not None:
        s["epochs"] = epochs
    root = Path(shared_eval) if shared_eval else SHARED_EVAL
    gold = training_records(shared_eval)["scirex"]
    if not gold:
        raise FileNotFoundError(str(root / "scirex_dev.jsonl"))
    docs = build_training_docs(shared_eval=shared_eval, seed=seed, log=log, **s)
    scirex_ids = {r["id"] for r in gold}
    records = []
    for k in range(folds):
        held = [r for r in gold if fold_of(r["id"], folds) == k]
        train = [d for d in docs if d.user_data.get("kg_id") not in scirex_ids
                 or fold_of(d.user_data["kg_id"], folds) != k]
        _log(log, f"fold {k + 1}/{folds}: {len(held)} SciREX papers held out, {len(train)} training docs")
        model, _ = train_docs(train, seed=seed, log=log, **s)
        with tempfile.TemporaryDirectory() as tmp:
            model.to_disk(tmp)
            nlp = make_nlp(trained=tmp)
        papers = [Paper(id=r["id"], title=r.get("title") or "", abstract=r.get("abstract") or "") for r in held]
        records += [ex.to_record() for ex in extract(papers, nlp)]
    if records_out is not None:
        Path(records_out).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    types = ENTITY_LABELS
    return EvalReport(
        path=str(root / "scirex_dev.jsonl"), kind="scirex", split="all", papers=len(gold), records=len(records),
        types=types, entities=score_entities(gold, records, types), scirex_results=score_scirex_results(gold, records),
        notes=(f"{folds}-fold cross-validation: each paper extracted by a model trained without its fold",),
    )
