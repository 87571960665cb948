"""The ``kg_results`` component: reads the result numbers of each sentence (:mod:`.numbers`,
their kind: :mod:`.kind`) and binds each to its metric (:mod:`.metric`), dataset
(:mod:`.dataset`), method (:mod:`.method`) and task (:mod:`.around`)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doc import BatchComponent, doc_text, entities, ext_list, get, sentences, span_text
from ..patterns import DataNouns, looks_named, word_set
from .around import compared, nearest, paren_owner
from .candidates import OPENING, DatasetCandidates, pair_lists
from .dataset import choose_candidate, earlier_dataset
from .keep import features as keep_features
from .learned import load_models
from .method import IT_SUBJECT, OURS, SETTING_FRAME, method_of, possessor, proposed_names, rival, sized_name, versus_roles
from .metric import MetricBinder, carry_metric
from .numbers import list_groups, read_numbers, share


@dataclass(slots=True)
class _Sentence:
    """One sentence with result numbers, as the bindings of its numbers see it."""

    index: int
    span: Span
    ents: list[Span]
    previous: list[dict]  # the scores of the sentence before, which this one may go on about
    metrics: list[Span] = None
    methods: list[Span] = None  # the named methods
    baselines: list[Span] = None  # the methods it compares with ("than X")
    authors: bool = False  # the authors speak ("we", "our", "it outperforms")
    prior: list[Span] | None = None  # the datasets named before it, listed once a number needs them
    short: dict | None = None  # the acronyms of the long forms of datasets


class ResultFinder(BatchComponent):
    """Finds benchmark numbers in each sentence and binds them to metric, dataset and method:
    appends one dict per number to ``doc._.kg_results`` (``value``, ``unit``, ``kind``, ``span``,
    ``metric``, ``dataset``, ``task``, ``method``: a Span, a name or quantity named in words, or
    None; ``split``: the dataset's split or None; ``sent``; ``confidence`` and ``source``: the keep
    decision's probability and "classifier", or 1.0 and "rules" without its model).
    ``words``: the word lists of ``rules/``; ``models``: the learned decisions by name (default
    :func:`.learned.load_models`)."""

    def __init__(self, words: dict, models: dict | None = None):
        self.metric = MetricBinder(words)
        # a sentence that speaks of data in general ("across six datasets", "on downstream benchmarks")
        self.data_words = re.compile(rf"\b(?:{DataNouns(words, 'kg_results').regex}|test sets?)\b", re.I)
        self.candidates = DatasetCandidates(words)
        setting = sorted(word_set(words, "setting_words", "kg_results"), key=len, reverse=True)
        # a setting named around a number ("2K to 8K resolutions", "7.5x undersampled")
        self.setting_words = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?(?:" + "|".join(map(re.escape, setting)) + r")\b",
                                        re.I) if setting else None
        #: the learned decisions (:mod:`.learned`): "keep" says whether a number is a result
        self.models = load_models() if models is None else models
        #: keep each number's features of the keep decision in its dict ("keep_features"), to learn from,
        #: and keep every number (the decision is not taken)
        self.collect = False

    def __call__(self, doc: Doc) -> Doc:
        results = ext_list(doc, "kg_results")
        text = doc_text(doc)
        all_ents = entities(doc)
        ent_starts = [e.start for e in all_ents]
        sents = sentences(doc)
        names = None  # the proposed method's names, read once the document has a result
        title_end = max(text.find("\n\n"), 0)  # (the text is title, blank line, abstract)
        for si, sent in enumerate(sents):
            found, ents = read_numbers(doc, text, sent, span_text(sent), all_ents, ent_starts)
            if not found:
                continue
            if names is None:
                names = proposed_names(doc, all_ents, sents)
            sc = _Sentence(si, sent, ents, _scores_of(results, sents[si - 1]) if si else [])
            groups = list_groups(found, text)
            self._bind_metrics(sc, found, groups, text)
            for f in self._bound(doc, sc, found, groups, all_ents, ent_starts, sents, names, title_end):
                results.append(f)
        return doc

    def _bind_metrics(self, sc: _Sentence, found: list[dict], groups: list[list[int]], text: str) -> None:
        """Sorts the entities of the sentence by label and binds each number to its metric (a
        list shares its kind and metric; with no Metric named, the sentence before lends its)."""
        share(found, groups, "kind", "explicit")
        ents, s0, stext = sc.ents, sc.span.start_char, text[sc.span.start_char:sc.span.end_char]
        sc.metrics = [e for e in ents if e.label_ == "Metric"]
        sc.methods = [e for e in ents if e.label_ == "Method" and looks_named(span_text(e))]
        sc.baselines = [e for e in sc.methods if compared(e)]
        sc.authors = OURS.search(stext) is not None or IT_SUBJECT.match(stext) is not None
        for f in found:
            f["metric"], f["strong"] = self.metric.bind(sc.metrics, f, text[f["ne"]:sc.span.end_char], text[s0:f["ns"]])
            if isinstance(f["metric"], str):
                f["metric"] = self.metric.clean(f["metric"], ents)
                f["strong"] = f["strong"] and f["metric"] is not None
        share(found, groups, "metric", "strong")
        if not sc.metrics:
            carry_metric(found, sc.previous)

    def _bound(self, doc: Doc, sc: _Sentence, found: list[dict], groups: list[list[int]], all_ents, ent_starts,
               sents: list[Span], names: tuple, title_end: int) -> list[dict]:
        """The result dicts of the numbers ``found`` in sentence ``sc``, bound to dataset, task and method."""
        text = doc_text(doc)
        sent, s0 = sc.span, sc.span.start_char
        stext = text[s0:sent.end_char]
        sent_floor = sents[max(0, sc.index - 1)].start
        versus = versus_roles(found, groups, text)
        cands = self.candidates.of_sentence(doc, sent, sc.ents, get(doc, "kg_proposed") or ())
        pair = pair_lists(found, groups, cands, text, stext) if len(cands) > 1 else {}
        group_start = {id(found[i]): found[g[0]]["ns"] for g in groups for i in g}
        m = OPENING.match(stext)
        frame_end = s0 + m.end() if m else -1
        out = []
        for f in found:
            owner = paren_owner(sc.ents, text, s0, f["ns"]) if f["in_paren"] else None
            chosen = choose_candidate(f, cands, pair, text, frame_end, group_start.get(id(f)))
            dataset, split = (None, None) if chosen is None else (chosen.span or chosen.text, chosen.split)
            benchmark = f["unit"] == "%" or f["metric"] is not None and not f["measure"]
            if dataset is None and f["kind"] == "score" and benchmark:
                # the sentence does not say (and the number is a benchmark's, not a duration or a
                # size): the dataset named last in the sentence before, else the paper's only one so far
                if sc.prior is None:
                    sc.prior = [e for e in all_ents[:bisect_left(ent_starts, sent.start)] if e.label_ == "Dataset"]
                    sc.short = {long.lower(): acr.lower() for label, long, acr in get(doc, "kg_aliases") or ()
                                if label == "Dataset"}
                dataset = earlier_dataset(sc.prior, sent_floor, sc.previous, stext, sc.short, self.data_words)
            task = nearest(sc.ents, f["span"], "Task", prefer_after=True)
            if owner is not None and (owner.label_ != "Method" or not looks_named(span_text(owner))):
                owner = None
            method = self._method(sc, f, owner, versus.get(id(f)), names, text)
            if method is not None and chosen is not None and chosen.retyped is method:
                # the name it is on is no method ("65.8% on VGGSound"): the method, without it
                kept = sc.methods
                sc.methods = [e for e in kept if e is not method]
                sc.baselines = [e for e in sc.baselines if e is not method]
                method = self._method(sc, f, None, versus.get(id(f)), names, text)
                sc.methods = kept
                sc.baselines = [e for e in kept if compared(e)]
            r = {
                "value": f["value"], "unit": f["unit"], "kind": f["kind"], "span": f["span"],
                "metric": f["metric"], "dataset": dataset, "split": split, "task": task, "method": method,
                "sent": sent, "confidence": 1.0, "source": "rules",
            }
            x = keep_features(f, r, text, title_end, f["strong"], self.setting_words)
            if self.collect:
                r["keep_features"], r["ns"] = x, f["ns"]
            elif (keep := self.models.get("keep")) is not None:
                p = keep.prob(x)
                if p < keep.threshold:
                    continue  # no result: a name made of a number, an identifier, a setting
                r["confidence"], r["source"] = round(p, 3), "classifier"
            out.append(r)
        return out

    @staticmethod
    def _method(sc: _Sentence, f: dict, owner: Span | None, role: int | None, names: tuple, text: str):
        """The method of number ``f``: ``owner`` is the named method its parenthesis follows,
        ``role`` its place in "A vs. B" (0, 1 or None), ``names`` what :func:`proposed_names` gave."""
        methods, s0 = sc.methods, sc.span.start_char
        if role == 1:
            # "VFN beats IPA (67.0% vs. 53.6%)": the second value is the rival's
            return owner or rival(methods, text, s0, f)
        if owner is not None and role is None:
            return owner  # "RetinaNet (36.3 AP)"
        if f["kind"] == "other" and role is None and (sized := sized_name(methods, f, text)) is not None:
            return sized  # "a 1001-layer ResNet": the size is the named model's
        if (poss := possessor(methods, f, text)) is not None:
            return poss  # "RepViT-M1.5's 82.3% accuracy"
        frame = SETTING_FRAME.match(text, s0, sc.span.end_char)
        method = method_of(methods, sc.baselines, f, *names, sc.authors, frame.end() if frame else -1)
        if role == 0 and method is not None and method is rival(methods, text, s0, f, owner):
            return None  # the first value of "X (54.7% vs. 51.7%)" is not X's
        return method


def _scores_of(results: list[dict], sent: Span) -> list[dict]:
    """The scores among the last results (those of ``sent``, when it is the last sentence with any)."""
    i = len(results)
    while i and results[i - 1]["sent"] is sent:
        i -= 1
    return [r for r in results[i:] if r["kind"] == "score"]


@Language.factory(
    "kg_results",
    default_config={"words": {}},
    requires=["doc._.kg_ents", "doc._.kg_sent_starts", "doc._.kg_proposed", "doc._.kg_aliases"],
    assigns=["doc._.kg_results"],
)
def make_result_finder(nlp: Language, name: str, words: dict[str, list[str]]) -> ResultFinder:
    """Benchmark numbers: value, unit (% or x), kind (score / delta / other) and bindings;
    ``words``: the word lists of ``rules/`` (:data:`kg.rules.WORD_LISTS`)."""
    return ResultFinder(words)
