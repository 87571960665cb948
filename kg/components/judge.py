"""``kg_judge``: the trained decisions over a paper's candidate names.

The rules and the tagger propose names; the judge decides, for each cluster of a paper's
mentions of one name (:func:`kg.features.clusters`: the same name, or an acronym and its long
form), which type of entity it is and how sure that is, how likely the paper proposes it, and
how likely it is the method the paper is about (the subject of the relations its abstract
states). Each decision is a :class:`kg.linear.LinearModel` over :mod:`kg.features`, trained by
:mod:`kg.learn` on graph gold (``kg train``) and stored with the tagger (``kg_judge.json`` in the
model folder).

What it leaves:

* every entity relabelled to its cluster's type, with ``(confidence, source)`` in
  ``doc._.kg_judged`` (the source is what found the name: gazetteer, rules, tagger);
* ``doc._.kg_proposals``: ``[(span, confidence)]``, the clusters the paper may propose, most
  likely first; ``doc._.kg_proposed`` the spans of those at least as likely as not (what the result
  finder takes "we" and "our method" for);
* ``doc._.kg_judgement``: the clusters and every decision, for ``kg_relations``.

>>> from kg.features import Lexicon
>>> from kg.linear import LinearModel
>>> named = LinearModel(("Method", "none"), {"named": (3.0, 0.0)}, (0.0, 0.0))   # weights set by hand
>>> cue = LinearModel(("0", "1"), {"propose_cue_before": (0.0, 4.0)}, (0.0, -2.0))
>>> models = JudgeModels(entity=named, proposal=cue, focus=cue, relations={}, min_confidence=0.5, meta={})
>>> view = PaperView(text="We propose ZorbNet.", sentences=((0, 19),),
...                  mentions=(Mention("Method", "ZorbNet", "ZorbNet", 11, 18, "rules"),))
>>> clusters, types, conf, proposal, focus, relations = judge_view(view, models, Lexicon.from_rules({"PROPOSES": ["we propose"]}, {}))
>>> types, round(conf[0], 2), round(proposal[0], 2)
(['Method'], 0.95, 0.88)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import RulesError
from ..features import (RELATIONS_OF, Cluster, Lexicon, Mention, PaperView, clusters, entity_features,
                        proposal_features, relation_features)
from ..linear import LinearModel
from .doc import BatchComponent, doc_text, entities, get, put, sentences, set_entities
from .tagger import label_probability

_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
#: the file of the judge's models, in the trained model's folder
MODEL_FILE = "kg_judge.json"
NONE = "none"


@dataclass(frozen=True)
class JudgeModels:
    """The judge's decisions: ``entity`` (classes "none" and the entity types), ``proposal`` and
    ``focus`` (binary), ``relations`` (one binary model per relation type), and the default
    confidence threshold of the graph (``min_confidence``). ``thresholds``: a decision's own
    threshold where held-out data found a better one than the graph's (keys: an entity type,
    ``PROPOSES`` or a relation type); its probabilities are moved so that this threshold lands on
    ``min_confidence`` (:func:`rescale`), and one threshold then serves every decision."""

    entity: LinearModel
    proposal: LinearModel
    focus: LinearModel
    relations: dict[str, LinearModel]
    min_confidence: float
    meta: dict
    thresholds: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"entity": self.entity.to_dict(), "proposal": self.proposal.to_dict(), "focus": self.focus.to_dict(),
                "relations": {k: m.to_dict() for k, m in sorted(self.relations.items())},
                "min_confidence": self.min_confidence, "thresholds": dict(sorted(self.thresholds.items())),
                "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict, where: str) -> JudgeModels:
        try:
            return cls(entity=LinearModel.from_dict(d["entity"], f"{where}: entity"),
                       proposal=LinearModel.from_dict(d["proposal"], f"{where}: proposal"),
                       focus=LinearModel.from_dict(d["focus"], f"{where}: focus"),
                       relations={k: LinearModel.from_dict(v, f"{where}: {k}") for k, v in d["relations"].items()},
                       min_confidence=float(d["min_confidence"]), meta=dict(d.get("meta") or {}),
                       thresholds={k: float(v) for k, v in (d.get("thresholds") or {}).items()})
        except (KeyError, TypeError, ValueError) as e:
            raise RulesError(f"{where}: not a judge model file ({e})") from e

    def write(self, folder: str | Path) -> Path:
        path = Path(folder) / MODEL_FILE
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, folder: str | Path) -> JudgeModels | None:
        """The models in ``folder`` (None when it has none)."""
        path = Path(folder) / MODEL_FILE
        if not path.is_file():
            return None
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise RulesError(f"{path}: cannot read the judge's models ({e})") from e
        return cls.from_dict(d, str(path))


@dataclass
class Judgement:
    """Every decision of the judge about one paper (``doc._.kg_judgement``): for cluster ``i``,
    its type (``types[i]``), confidence, probability that the paper proposes it and that it is the
    paper's focal method; and its representative span (the first mention of its preferred name)."""

    view: PaperView
    clusters: list[Cluster]
    types: list[str]
    confidence: list[float]
    proposal: list[float]
    focus: list[float]
    spans: list[Span]
    #: ``(i, relation, j, probability)``: cluster ``i`` (the focal method) to cluster ``j``
    relations: list[tuple[int, str, int, float]]


def paper_view(doc: Doc, naming) -> PaperView:
    """The :class:`kg.features.PaperView` of a processed doc: its entities as mentions, with what
    found each (``doc._.kg_sources``) and the tagger's probability for its type."""
    text = doc_text(doc)
    probs, labels = get(doc, "kg_tag_probs"), get(doc, "kg_tag_labels") or ()
    sources = get(doc, "kg_sources") or {}
    mentions = []
    for e in entities(doc):
        surface = text[e.start_char:e.end_char]
        source = sources.get((e.start_char, e.end_char, e.label_)) or ("gazetteer" if e.id else "rules")
        mentions.append(Mention(e.label_, surface, e.id_ if e.id else naming(e.label_, surface), e.start_char,
                                e.end_char, source, label_probability(probs, labels, e.label_, e.start, e.end)))
    numbers = tuple((m.start(), m.end()) for m in _NUMBER.finditer(text))
    return PaperView(
        text=text,
        sentences=tuple((s.start_char, s.end_char) for s in sentences(doc)),
        mentions=tuple(mentions),
        aliases=tuple(get(doc, "kg_aliases") or ()),
        proposed=tuple((s.start_char, s.end_char) for s in get(doc, "kg_proposed") or ()),
        numbers=numbers,
    )


def judge_view(view: PaperView, models: JudgeModels, lex: Lexicon):
    """The decisions over one paper's view: clusters, their types and confidences, the
    probabilities of proposal and focus (0 for clusters that are not Methods or Datasets), and the
    relations from the focal method (the Method cluster most likely the paper's subject) to the
    others: ``(clusters, types, confidences, proposal, focus, relations)``."""
    cls = clusters(view)
    types, conf, prop, focus = [], [], [], []
    for c in cls:
        p = models.entity.probabilities(entity_features(view, c, lex))
        t = max((k for k in p if k != NONE), key=p.get)
        types.append(t)
        conf.append(p[t])
        if t in ("Method", "Dataset"):
            pf = proposal_features(view, c, t, p[t], lex)
            pp = models.proposal.probabilities(pf)["1"]
            prop.append(pp)
            focus.append(models.focus.probabilities({**pf, "proposal": pp})["1"] if t == "Method" else 0.0)
        else:
            prop.append(0.0)
            focus.append(0.0)
    relations = []
    methods = [i for i, t in enumerate(types) if t == "Method"]
    if methods:
        f = max(methods, key=lambda i: focus[i])
        for j, c in enumerate(cls):
            rels = [r for r in RELATIONS_OF.get(types[j], ()) if r in models.relations]
            if j == f or not rels:
                continue
            feats = relation_features(view, cls[f], c, conf[j], prop[j], focus[f], lex)  # (one pair, every relation)
            for rel in rels:
                p = models.relations[rel].probabilities({f"{rel}|{k}": v for k, v in feats.items()})["1"]
                relations.append((f, rel, j, p))
    if models.thresholds:  # (after every decision: the later ones read the earlier probabilities as they are)
        th, floor = models.thresholds, models.min_confidence
        conf = [rescale(c, th.get(t), floor) for c, t in zip(conf, types)]
        prop = [rescale(p, th.get("PROPOSES"), floor) if p else p for p in prop]
        relations = [(i, rel, j, rescale(p, th.get(rel), floor)) for i, rel, j, p in relations]
    return cls, types, conf, prop, focus, relations


def rescale(p: float, at: float | None, floor: float) -> float:
    """Probability ``p`` of a decision whose own threshold is ``at``, moved so that ``at`` lands on
    ``floor``, the graph's threshold: linearly below and above it (0 and 1 stay; the order of
    confidences is kept). ``at`` None: ``p`` as it is.

    >>> rescale(0.35, 0.35, 0.5), rescale(0.7, 0.4, 0.5), rescale(0.2, 0.4, 0.5)
    (0.5, 0.75, 0.25)
    """
    if at is None or at == floor or not 0.0 < at < 1.0:
        return p
    return p * floor / at if p < at else floor + (p - at) * (1.0 - floor) / (1.0 - at)


@dataclass
class Judge(BatchComponent):
    """Applies :class:`JudgeModels` to each doc (see the module's docstring)."""

    lexicon: Lexicon
    naming: object
    models: JudgeModels | None = None

    def use(self, models: JudgeModels) -> None:
        """Take the trained models to apply."""
        self.models = models

    def __call__(self, doc: Doc) -> Doc:
        if self.models is None:
            raise ValueError("kg_judge has no models: call .use(models) first")
        ents = entities(doc)
        if not ents:
            put(doc, "kg_judged", {})
            put(doc, "kg_proposals", [])
            put(doc, "kg_proposed", [])
            return doc
        view = paper_view(doc, self.naming)
        cls, types, conf, prop, focus, relations = judge_view(view, self.models, self.lexicon)
        of_mention = {}
        for i, c in enumerate(cls):
            for m in c.mentions:
                of_mention[(m.start, m.end, m.label)] = i
        judged, new_ents, changed = {}, [], False
        sources = {(m.start, m.end, m.label): m.source for m in view.mentions}
        spans: list[Span | None] = [None] * len(cls)
        for e in ents:
            k = (e.start_char, e.end_char, e.label_)
            i = of_mention.get(k)
            if i is None:  # (a mention whose name has no letter or digit: no cluster)
                new_ents.append(e)
                continue
            if types[i] != e.label_:
                e = Span(doc, e.start, e.end, label=types[i], span_id=e.id_)
                changed = True
            new_ents.append(e)
            judged[(e.start_char, e.end_char, e.label_)] = (round(conf[i], 4), _source(sources.get(k, "rules")))
            c = cls[i]
            if spans[i] is None or (doc_text(doc)[e.start_char:e.end_char] == c.name and
                                    doc_text(doc)[spans[i].start_char:spans[i].end_char] != c.name):
                spans[i] = e
        if changed:
            set_entities(doc, new_ents)
        put(doc, "kg_judged", judged)
        proposals = sorted(((spans[i], round(prop[i], 4)) for i in range(len(cls)) if spans[i] is not None and prop[i] > 0),
                           key=lambda x: (-x[1], x[0].start))
        put(doc, "kg_proposals", proposals)
        put(doc, "kg_proposed", sorted((s for s, p in proposals if p >= 0.5), key=lambda s: s.start))
        put(doc, "kg_judgement", Judgement(view, cls, types, conf, prop, focus, spans, relations))
        return doc


def _source(found_by: str) -> str:
    """The source of :data:`kg.model.SOURCES` a mention's finder maps to (the gazetteer when a
    name list knew it, else the tagger when it drew it, else the rules)."""
    if found_by.startswith("gazetteer"):
        return "gazetteer"
    return "tagger" if "tagger" in found_by else "rules"


@Language.factory(
    "kg_judge",
    default_config={"cues": {}, "words": {}},
    requires=["doc._.kg_ents", "doc._.kg_tag_probs", "doc._.kg_sources", "doc._.kg_aliases", "doc._.kg_proposed"],
    assigns=["doc.ents", "doc._.kg_ents", "doc._.kg_judged", "doc._.kg_proposals", "doc._.kg_proposed",
             "doc._.kg_judgement"],
)
def make_judge(nlp: Language, name: str, cues: dict[str, list[str]], words: dict[str, list[str]]) -> Judge:
    """The trained decisions over candidate names; give it its models with ``.use(models)``
    (:func:`kg.pipeline.make_nlp` reads them from the trained model's folder)."""
    from .patterns import Naming

    return Judge(lexicon=Lexicon.from_rules(cues, words), naming=Naming(words))
