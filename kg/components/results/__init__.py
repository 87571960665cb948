"""``kg_results``: benchmark numbers with unit and kind, bound to the entities they belong to.

One module per concern: :mod:`.numbers` reads the numbers of a sentence (value, unit,
multiplier, ranges, lists; settings such as "4-bit" or "224x224" are no result), :mod:`.kind`
says whether each is a score, a change or a count, :mod:`.metric` binds it to its metric,
:mod:`.candidates` lists the datasets it may be on and :mod:`.dataset` picks one,
:mod:`.method` binds it to its method, :mod:`.around` finds the entities around a number that
all of them look at, :mod:`.keep` describes whether it is a result at all, for the model
:mod:`.learned` loads (:mod:`.linear` applies it, :mod:`.learn` trains it), and :mod:`.finder`
is the component that runs them.

>>> from kg.pipeline import make_nlp
>>> doc = make_nlp(trained=False)("ZorbNet reaches 76.5% top-1 accuracy on ImageNet.")
>>> r = doc._.kg_results[0]
>>> r["value"], r["unit"], r["kind"], r["metric"].text, r["dataset"].text, r["method"].text
(76.5, '%', 'score', 'top-1 accuracy', 'ImageNet', 'ZorbNet')
"""
from .finder import ResultFinder, make_result_finder

__all__ = ["ResultFinder", "make_result_finder"]
