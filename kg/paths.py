"""Where kg finds its own files: in the source checkout it runs from, or inside the installed package.

kg runs either from a source checkout (a clone used with ``PYTHONPATH``, or ``pip install -e .``),
where the top-level ``rules/`` folder is the editable source of the rules, or from an installed
wheel (``pip install .``), which carries a copy of that folder inside the package as
``kg/data/rules`` (setup.py copies it there when the wheel is built; the repository holds no second
copy). The trained tagger (``kg/trained/ner``) is package data in both cases.

>>> CHECKOUT is None or (CHECKOUT / "pyproject.toml").is_file()
True
>>> rules_dir().is_dir()
True
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

from .errors import RulesError

#: the folder of the ``kg`` package
PACKAGE = Path(__file__).resolve().parent
#: where a built package holds its copy of ``rules/``, relative to the package folder
PACKAGED_RULES = ("data", "rules")


def _checkout(package: Path = PACKAGE) -> Path | None:
    """The root of the source checkout ``package`` sits in (it has pyproject.toml and rules/), or None."""
    root = package.parent
    return root if (root / "pyproject.toml").is_file() and (root / "rules").is_dir() else None


#: the root of the source checkout kg runs from; None when kg runs from an installed package
CHECKOUT = _checkout()

#: the gold files ``kg train`` learns from: ``../shared/eval`` beside the checkout; from an installed
#: package, ``../shared/eval`` of the current directory (``kg train --shared-eval DIR`` for another)
SHARED_EVAL = (CHECKOUT.parent if CHECKOUT is not None else Path("..")) / "shared" / "eval"


#: the graph-gold annotations kg's developers wrote for public abstracts (training/README.md): in the
#: checkout only (training needs ``../shared`` beside a checkout anyway)
TRAINING = CHECKOUT / "training" if CHECKOUT is not None else Path("training")


def rules_dir() -> Path:
    """The rules kg reads by default (``KG_RULES`` aside, see :func:`kg.rules.default_rules_dir`).

    The checkout's ``rules/`` when kg runs from a checkout; else the copy inside the installed
    package, found with :mod:`importlib.resources`. Raises :class:`kg.RulesError` when there is
    neither.
    """
    if CHECKOUT is not None:
        return CHECKOUT / "rules"
    packaged = importlib.resources.files(__package__)
    for part in PACKAGED_RULES:
        packaged = packaged / part
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    raise RulesError(f"{packaged}: no rules in the installed package and no checkout around it "
                     "(reinstall kg, or set KG_RULES to a rules folder)")
