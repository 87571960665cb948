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

A transition-based ``ner`` (``arch="ner"``) is also available; on this project's abstracts it was
less accurate after the rules and three times slower (its per-token state loop costs ~5 ms per
abstract here, more than the whole rule pipeline), see :func:`make_ner_nlp`.

Rebuild it with ``kg train`` (or ``python -m kg.train``): a few minutes on two cores.
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
Every document is tokenised by kg's own tokenizer (:func:`kg.pipeline.make_nlp`); gold character
spans are aligned to its tokens (spans that do not align are skipped and counted), a trailing
parenthesis ``long form (ACR)`` is split into its two names as SciREX annotates them, and overlaps
are resolved by :func:`spacy.util.filter_spans` (longest first).

>>> doc, stats = make_training_doc(make_nlp(trained=False), "We train ResNet-50 on CIFAR-10.",
...                                [("Method", 9, 18), ("Dataset", 22, 30)])
>>> [(e.text, e.label_) for e in doc.ents], stats["aligned"]
([('ResNet-50', 'Method'), ('CIFAR-10', 'Dataset')], 2)
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

from . import paths
from .pipeline import TAGGER, TRAINED_MODEL, make_nlp

LABELS = ("Method", "Dataset", "Task", "Metric")
#: SciERC type -> kg type (others are dropped; see ``scierc_material`` of :func:`build_training_docs`)
SCIERC_TYPES = {"Task": "Task", "Method": "Method", "Metric": "Metric", "Material": "Dataset"}
#: the gold files of ``../shared/eval`` the shipped model learns from whole
TRAINED_GOLD_FILES = ["scierc/train.json", "scierc/dev.json", "scierc/test.json", "scirex_dev.jsonl"]
#: ``../shared/eval`` beside the checkout (from an installed package: of the current directory)
SHARED_EVAL = paths.SHARED_EVAL

#: model and training settings of the shipped model (see :func:`train_ner`)
DEFAULTS = {
    "arch": "tagger", "stacked": True, "width": 64, "depth": 2, "embed_size": 4000, "window_size": 1, "maxout_pieces": 3,
    "hidden_width": 64, "parser_maxout": 2, "use_upper": True,  # the last three: arch="ner" only
    "epochs": 20, "scirex_weight": 2, "tdmsci_weight": 1, "dropout": 0.2, "learn_rate": 0.001, "batch_start": 16, "batch_stop": 32,
}


# ---------------------------------------------------------------------------- reading the sources

_NO_SPACE_BEFORE = {".", ",", ":", ";", "%", ")", "]", "}", "?", "!", "'s", "'", "n't", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join PTB-style tokens into natural text; returns the text and each token's (start, end).

    Brackets come back (``-LRB-`` -> ``(``), and there is no space before ``. , ; : ) %`` or after ``(``.

    >>> detokenize(["a", "-LRB-", "b", "-RRB-", ",", "c", "."])[0]
    'a (b), c.'
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = None
    for tok in tokens:
        text = _PTB.get(tok, tok)
        if prev is not None and text not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        prev = text
    return "".join(parts), offsets


def read_scierc(path: str | Path) -> list[dict]:
    """SciERC DyGIE records as gold-like dicts ``{"id", "title": "", "abstract", "entities"}``.

    The abstract is :func:`detokenize`-d; entity offsets index it; types are mapped by
    :data:`SCIERC_TYPES` (OtherScientificTerm and Generic are dropped).
    """
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        tokens = [t for sent in d["sentences"] for t in sent]
        text, offsets = detokenize(tokens)
        ents = []
        for sent in d["ner"]:
            for start, end, label in sent:
                if label in SCIERC_TYPES:
                    s, e = offsets[start][0], offsets[end][1]
                    ents.append({"type": SCIERC_TYPES[label], "text": text[s:e], "start": s, "end": e})
        out.append({"id": f"scierc-{d['doc_key']}", "title": "", "abstract": text, "entities": ents})
    return out


def record_text(rec: dict) -> str:
    """The string a gold record's offsets index: ``title + "\\n\\n" + abstract`` (abstract alone without title)."""
    title = rec.get("title") or ""
    return f"{title}\n\n{rec.get('abstract') or ''}" if title else rec.get("abstract") or ""


# ---------------------------------------------------------------------------- training docs

_TRAILING_PAREN = re.compile(r"^(.*\S)\s*\(\s*([^()]*[^()\s])\s*\)$", re.S)


def split_parenthesis(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``long form (ACR)`` -> the spans of ``long form`` and ``ACR``; other spans unchanged.

    >>> t = "statistical machine translation (SMT)"
    >>> [t[s:e] for s, e in split_parenthesis(t, 0, len(t))]
    ['statistical machine translation', 'SMT']
    """
    m = _TRAILING_PAREN.match(text[start:end])
    if not m:
        return [(start, end)]
    return [(start + m.start(1), start + m.end(1)), (start + m.start(2), start + m.end(2))]


def _align(doc: Doc, start: int, end: int, label: str) -> Span | None:
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > 2 and text[start] in "([" and text[end - 1] in ")]":  # "(FrobSet)" -> "FrobSet"
        start, end = start + 1, end - 1
    if start >= end:
        return None
    span = doc.char_span(start, end, label=label)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        # keep a contracted span only when it lost at most punctuation / a split-off affix
        if span is None or len(span) == 0 or len(span.text) < 0.6 * (end - start):
            return None
    return span


def make_training_doc(
    nlp: Language,
    text: str,
    entities: Iterable[tuple[str, int, int]],
    *,
    missing: Iterable[tuple[int, int]] = (),
    split_parens: bool = True,
) -> tuple[Doc, Counter]:
    """One training ``Doc``: ``text`` tokenised by ``nlp.make_doc`` with ``entities`` as ``doc.ents``.

    ``entities`` are ``(label, start_char, end_char)``. A span is aligned exactly, else contracted to
    the tokens inside it (kept when it keeps >= 60% of its characters), else skipped; overlaps are
    resolved by :func:`spacy.util.filter_spans`. Tokens of the ``missing`` character spans that are
    not in an entity get no annotation (neither entity nor outside); every other token is outside.
    Returns the doc and counts ``{"gold", "aligned", "skipped", "overlap", "missing_tokens"}``.
    """
    doc = nlp.make_doc(text)
    stats: Counter = Counter()
    spans: list[Span] = []
    for label, start, end in entities:
        pieces = split_parenthesis(text, start, end) if split_parens else [(start, end)]
        for s, e in pieces:
            stats["gold"] += 1
            span = _align(doc, s, e, label)
            if span is None:
                stats["skipped"] += 1
            else:
                spans.append(span)
    kept = filter_spans(spans)
    stats["overlap"] += len(spans) - len(kept)
    stats["aligned"] += len(kept)
    covered = {i for sp in kept for i in range(sp.start, sp.end)}
    miss_tokens: set[int] = set()
    for s, e in missing:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None and not any(i in covered for i in range(sp.start, sp.end)):
            miss_tokens.update(range(sp.start, sp.end))
    stats["missing_tokens"] += len(miss_tokens)
    doc.set_ents(kept, missing=[doc[i:i + 1] for i in sorted(miss_tokens)], default="outside")
    return doc, stats


def docs_from_records(
    nlp: Language, records: Iterable[dict], *, types: Iterable[str] = LABELS, split_parens: bool = True,
    missing: dict[str, list[tuple[int, int]]] | None = None,
) -> tuple[list[Doc], Counter]:
    """Training docs of gold-like records (``entities`` with char offsets into :func:`record_text`).

    ``missing`` maps a record id to character spans to leave unannotated (see :func:`make_training_doc`).
    """
    types = set(types)
    docs, total = [], Counter()
    for rec in records:
        ents = [(e["type"], e["start"], e["end"]) for e in rec.get("entities") or () if e["type"] in types]
        doc, stats = make_training_doc(nlp, record_text(rec), ents, split_parens=split_parens,
                                       missing=(missing or {}).get(rec["id"], ()))
        doc.user_data["kg_id"] = rec["id"]
        docs.append(doc)
        total.update(stats)
    return docs, total


def training_records(shared_eval: str | Path | None = None) -> dict[str, list[dict]]:
    """The gold-like records the shipped model learns from: ``{"scierc": [...], "tdmsci": [...],
    "scirex": [...]}``.

    SciERC train + dev + test, the train part of :func:`kg.evaluate.tdmsci_split` of TDMSci, and
    SciREX (``scirex_dev.jsonl``; an empty list when the folder has none).
    """
    from .evaluate import read_gold, tdmsci_split

    root = Path(shared_eval) if shared_eval else SHARED_EVAL
    scierc = [r for part in ("train", "dev", "test") for r in read_scierc(root / "scierc" / f"{part}.json")]
    tdmsci_train, _dev = tdmsci_split(read_gold(root / "tdmsci_train.jsonl"))
    scirex = read_gold(root / "scirex_dev.jsonl") if (root / "scirex_dev.jsonl").is_file() else []
    return {"scierc": scierc, "tdmsci": tdmsci_train, "scirex": scirex}


def fold_of(record_id: str, folds: int) -> int:
    """The cross-validation fold of a record: sha1 of its id, modulo ``folds`` (stable everywhere).

    >>> fold_of("scirex-abc", 4) == fold_of("scirex-abc", 4)
    True
    """
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:8], 16) % folds


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


def add_rule_entities(nlp: Language, docs: Sequence[Doc]) -> None:
    """Run kg's rules (``nlp``: the rules-only pipeline) over each doc's text and keep their
    entities, one IOB tag per token (``"B-Dataset"``, ``"I-Dataset"``, ``"O"``), in
    ``doc.user_data["kg_rule_ents"]``: the features a stacked tagger reads at run time."""
    skip = [name for name in ("kg_results", "kg_relations") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        for doc, ruled in zip(docs, nlp.pipe(d.text for d in docs)):
            if [t.text for t in ruled] != [t.text for t in doc]:
                raise ValueError(f"the rules tokenised a training text differently: {doc.text[:60]!r}")
            doc.user_data["kg_rule_ents"] = [
                f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in ruled]


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


#: component names of the ``arch="tagger"`` model: a BILUO tagger and the entity_ruler reading its tags
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
    for label in LABELS:
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
    """A blank English pipeline holding the entity recogniser, with an internal CNN tok2vec.

    ``settings`` override :data:`DEFAULTS`: ``arch`` "ner" (spaCy's transition-based ``ner``,
    labels :data:`LABELS`) or "tagger" (a ``tagger`` predicting BILUO tags, component
    :data:`TAGS_COMPONENT`, then an ``entity_ruler`` :data:`SPANS_COMPONENT` that makes the entities
    from the tags, see :func:`tag_patterns`; about three times faster); tok2vec: width, depth,
    embed_size, window_size, maxout_pieces; transition model: hidden_width, parser_maxout, use_upper.
    The tokenizer splits a final period off names as kg's does.
    """
    s = {**DEFAULTS, **settings}
    nlp = spacy.blank("en")
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Z0-9])\.$"]  # as kg.pipeline's tokenizer
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    if s["arch"] == "tagger":
        model = {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False, "tok2vec": _tok2vec(s)}
        tagger = nlp.add_pipe("tagger", name=TAGS_COMPONENT, config={"model": model})
        for label in ("O", *(f"{p}-{lab}" for lab in LABELS for p in "BILU")):
            tagger.add_label(label)
        nlp.add_pipe("entity_ruler", name=SPANS_COMPONENT, config={"overwrite_ents": False, "validate": True})
        return nlp
    if s["arch"] != "ner":
        raise ValueError(f"arch must be 'ner' or 'tagger', got {s['arch']!r}")
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": int(s["hidden_width"]),
        "maxout_pieces": int(s["parser_maxout"]),
        "use_upper": bool(s["use_upper"]),
        "nO": None,
        "tok2vec": _tok2vec(s),
    }
    ner = nlp.add_pipe("ner", config={"model": model})
    for label in LABELS:
        ner.add_label(label)
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


def _log(log, msg: str) -> None:
    if log is not None:
        log(msg)


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
    if SPANS_COMPONENT in nlp.pipe_names:
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
    keep = {"O", *LABELS, *(f"{p}-{lab}" for lab in LABELS for p in "BILU")}
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
    log=print,
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
    types = ("Method", "Dataset", "Metric", "Task")
    return EvalReport(
        path=str(root / "scirex_dev.jsonl"), kind="scirex", split="all", papers=len(gold), records=len(records),
        types=types, entities=score_entities(gold, records, types), scirex_results=score_scirex_results(gold, records),
        notes=(f"{folds}-fold cross-validation: each paper extracted by a model trained without its fold",),
    )


if __name__ == "__main__":  # python -m kg.train [OUTPUT] [--seed N] ...: the same as kg train
    import sys

    from .cli import main

    raise SystemExit(main(["train", *sys.argv[1:]]))
