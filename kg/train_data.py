"""The training data of kg's entity tagger (:mod:`kg.train`): gold records of ``../shared/eval``
(SciERC, TDMSci, SciREX) as annotated ``Doc`` objects in kg's tokens, with the rules' entities
the stacked tagger reads as features.

Every document is tokenised by kg's own tokenizer (:func:`kg.pipeline.make_nlp`); gold character
spans are aligned to its tokens (spans that do not align are skipped and counted), a trailing
parenthesis ``long form (ACR)`` is split into its two names as SciREX annotates them, and overlaps
are resolved by :func:`spacy.util.filter_spans` (longest first).

>>> from kg.pipeline import make_nlp
>>> doc, stats = make_training_doc(make_nlp(trained=False), "We train ResNet-50 on CIFAR-10.",
...                                [("Method", 9, 18), ("Dataset", 22, 30)])
>>> [(e.text, e.label_) for e in doc.ents], stats["aligned"]
([('ResNet-50', 'Method'), ('CIFAR-10', 'Dataset')], 2)
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import paths
from .schema import ENTITY_LABELS

#: SciERC type -> kg type (others are dropped; see ``scierc_material`` of :func:`kg.train.build_training_docs`)
SCIERC_TYPES = {"Task": "Task", "Method": "Method", "Metric": "Metric", "Material": "Dataset"}
#: ``../shared/eval`` beside the checkout (from an installed package: of the current directory)
SHARED_EVAL = paths.SHARED_EVAL


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
    nlp: Language, records: Iterable[dict], *, types: Iterable[str] = ENTITY_LABELS, split_parens: bool = True,
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


def add_rule_entities(nlp: Language, docs: Sequence[Doc]) -> None:
    """Run kg's rules (``nlp``: the rules-only pipeline) over each doc's text and keep their
    entities, one IOB tag per token (``"B-Dataset"``, ``"I-Dataset"``, ``"O"``), in
    ``doc.user_data["kg_rule_ents"]``: the features a stacked tagger reads at run time."""
    # (what runs after the tagger in the full pipeline is not what the tagger reads)
    skip = [name for name in ("kg_entity_filter", "kg_results", "kg_relations") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        for doc, ruled in zip(docs, nlp.pipe(d.text for d in docs)):
            if [t.text for t in ruled] != [t.text for t in doc]:
                raise ValueError(f"the rules tokenised a training text differently: {doc.text[:60]!r}")
            doc.user_data["kg_rule_ents"] = [
                f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in ruled]
