"""The training data of kg's model (:mod:`kg.train`): graph-gold records (``../shared/eval`` and
``training/relabel/``) as annotated ``Doc`` objects in kg's tokens, with the rules' entities the
stacked tagger reads as features.

Every document is tokenised by kg's own tokenizer (:func:`kg.pipeline.make_nlp`); every
occurrence of a gold entity's name is aligned to its tokens (one that does not align is skipped
and counted), and overlaps are resolved by :func:`spacy.util.filter_spans` (longest first).

>>> detokenize(["a", "-LRB-", "b", "-RRB-", ",", "c", "."])[0]
'a (b), c.'
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import paths
from .schema import ENTITY_LABELS

#: SciERC type -> kg type (others are dropped)
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


# ---------------------------------------------------------------------------- graph gold


#: the graph-gold files kg learns from: ``../shared/eval/graph_gold_train.jsonl`` and the
#: annotations of ``training/relabel/`` (texts read from ``../shared/eval``)
GRAPH_TRAIN_FILE = "graph_gold_train.jsonl"
RELABELLED = {"scirex.jsonl": "SciREX dev abstracts", "scierc.jsonl": "SciERC abstracts"}


def graph_records(shared_eval: str | Path | None = None, relabel_dir: str | Path | None = None) -> list[dict]:
    """The graph-gold records kg learns from, each with its title and abstract: the train file of
    ``../shared/eval`` and the relabelled SciREX and SciERC abstracts of ``training/relabel/``
    (whose texts come from ``scirex_dev.jsonl`` and ``scierc/*.json``); ``kg_source`` says which file
    each record came from. Raises ``FileNotFoundError``
    naming a missing file; a relabelled record whose text is missing is an error too."""
    from .evaluate import read_gold

    root = Path(shared_eval) if shared_eval else SHARED_EVAL
    relabel = Path(relabel_dir) if relabel_dir else paths.TRAINING / "relabel"
    if not (root / GRAPH_TRAIN_FILE).is_file():
        raise FileNotFoundError(str(root / GRAPH_TRAIN_FILE))
    records = [{**r, "kg_source": GRAPH_TRAIN_FILE} for r in read_gold(root / GRAPH_TRAIN_FILE)]
    texts = {r["id"]: r for r in read_gold(root / "scirex_dev.jsonl")}
    texts.update({r["id"]: r for part in ("train", "dev", "test") for r in read_scierc(root / "scierc" / f"{part}.json")})
    for name in RELABELLED:
        path = relabel / name
        if not path.is_file():
            raise FileNotFoundError(str(path))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = texts.get(rec["id"])
            if text is None:
                raise ValueError(f"{path}:{n}: no text for {rec['id']!r} in {root}")
            records.append({**rec, "title": text.get("title") or "", "abstract": text.get("abstract") or "",
                            "kg_source": f"training/relabel/{name}"})
    return records


def name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Every occurrence of ``name`` in ``text`` that is not part of a longer word.

    >>> name_spans("ViT and ViTs beat DeiT; a ViT.", "ViT")
    [(0, 3), (26, 29)]
    """
    out, start = [], 0
    while (i := text.find(name, start)) >= 0:
        j = i + len(name)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            out.append((i, j))
        start = i + 1
    return out


def graph_doc(nlp: Language, record: dict) -> tuple[Doc, Counter]:
    """A training doc of a graph-gold record: every occurrence of an entity's name in its text is
    an entity of its type (the longest where occurrences overlap), every other token outside.
    The record id is kept (``doc.user_data["kg_id"]``). Returns the doc and counts
    ``{"names", "aligned", "skipped"}``.

    >>> from kg.pipeline import make_nlp
    >>> doc, _ = graph_doc(make_nlp(trained=False), {"id": "x", "title": "", "abstract": "ViT beats CNNs on ImageNet.",
    ...     "entities": [{"type": "Method", "names": ["ViT"]}, {"type": "Dataset", "names": ["ImageNet"]}]})
    >>> [(e.text, e.label_) for e in doc.ents]
    [('ViT', 'Method'), ('ImageNet', 'Dataset')]
    """
    text = record_text(record)
    doc = nlp.make_doc(text)
    stats: Counter = Counter()
    spans = []
    for e in record.get("entities", []):
        if e.get("type") not in ENTITY_LABELS:
            continue
        for name in e["names"]:
            for s, t in name_spans(text, name):
                stats["names"] += 1
                span = _align(doc, s, t, e["type"])
                if span is None:
                    stats["skipped"] += 1
                else:
                    spans.append(span)
    kept = filter_spans(spans)
    stats["aligned"] += len(kept)
    doc.set_ents(kept, default="outside")
    doc.user_data["kg_id"] = record["id"]
    return doc, stats
