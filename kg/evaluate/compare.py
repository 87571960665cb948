"""How the measures compare strings and numbers, their P/R/F1 arithmetic, and predictions grouped by paper."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

VALUE_TOLERANCE = 1e-6


def normalise(s: str | None) -> str:
    """Lower-case and keep only letters and digits (``None`` gives "").

    >>> normalise("ResNet-50"), normalise("COCO test-dev")
    ('resnet50', 'cocotestdev')
    """
    if not s:
        return ""
    return "".join(c for c in s.lower() if c.isalnum())


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]")


def graph_form(s: str | None) -> str:
    """A name as the graph gold compares it: lower case, "+" read as "plus", ASCII letters and digits only.

    >>> graph_form("ResNet-50"), graph_form("C++"), graph_form("Top-1 Acc."), graph_form(None)
    ('resnet50', 'cplusplus', 'top1acc', '')
    """
    return _NOT_ASCII_ALNUM.sub("", (s or "").lower().replace("+", "plus"))


def _ascii_form(s) -> str:
    """A string as the results measures compare it: lower case, ASCII letters and digits only."""
    return _NOT_ASCII_ALNUM.sub("", str(s or "").lower())


def _contained(a, b) -> bool:
    """One of two non-empty :func:`_ascii_form` strings contains the other."""
    a, b = _ascii_form(a), _ascii_form(b)
    return bool(a and b and (a in b or b in a))


def is_named(s: str | None) -> bool:
    """True when ``s`` as written has a capital letter after its first character, or a digit.

    >>> [is_named(s) for s in ("ResNet-50", "SQuAD", "CIFAR-10", "BiDAF", "Transformer", "accuracy")]
    [True, True, True, True, False, False]
    """
    if not s:
        return False
    return any(c.isupper() for c in s[1:]) or any(c.isdigit() for c in s)


_SCORE_RE = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([kmb])?$", re.IGNORECASE)
_MULT = {"k": 1e3, "m": 1e6, "b": 1e9}


def parse_score(s) -> tuple[float, bool] | None:
    """Parse a gold score string to ``(value, is_percent)``; ``None`` when it is no number.

    Accepts a trailing "%", a K/M/B suffix, thousands commas ("1,024") and a
    decimal comma ("85,06"). Numbers pass through unchanged.

    >>> parse_score("71.8%"), parse_score("2.9m"), parse_score("85,06"), parse_score("-")
    ((71.8, True), (2900000.0, False), (85.06, False), None)
    """
    if isinstance(s, bool) or s is None:
        return None
    if isinstance(s, (int, float)):
        return (float(s), False) if math.isfinite(s) else None
    t = str(s).strip().replace(" ", "")
    percent = t.endswith("%")
    if percent:
        t = t[:-1]
    if "," in t:
        if "." not in t and re.fullmatch(r"[+-]?\d+,\d{1,2}", t):
            t = t.replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?[kmbKMB]?", t):
            t = t.replace(",", "")
        else:
            return None
    m = _SCORE_RE.match(t)
    if not m:
        return None
    value = float(m.group(1)) * _MULT.get((m.group(2) or "").lower(), 1.0)
    return value, percent


def _as_float(v) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(v) else None
    parsed = parse_score(v)
    return parsed[0] if parsed else None


def values_agree(a: float, b: float, *, percent: bool = False, tol: float = VALUE_TOLERANCE) -> bool:
    """True when ``a`` and ``b`` are equal, or equal once one is scaled by 100 (0.765 vs 76.5).

    The scaled form counts only when ``percent`` (one side is known to be a
    percentage) or the smaller number is a fraction (|x| <= 1); ``tol`` is relative.

    >>> values_agree(0.765, 76.5), values_agree(2.0, 200.0), values_agree(2.0, 200.0, percent=True)
    (True, False, True)
    """
    def close(x: float, y: float) -> bool:
        return math.isclose(x, y, rel_tol=tol, abs_tol=1e-12)

    if close(a, b):
        return True
    if not (percent or min(abs(a), abs(b)) <= 1.0):
        return False
    return close(a * 100.0, b) or close(a, b * 100.0)


def strings_agree(gold: str | None, predicted: str | None) -> bool:
    """True when one normalised string contains the other; null (None or "") matches only null.

    >>> strings_agree("COCO test-dev", "COCO"), strings_agree(None, None), strings_agree("COCO", None)
    (True, True, False)
    """
    g, p = normalise(gold), normalise(predicted)
    if not g or not p:
        return not g and not p
    return g in p or p in g


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(tp: int, pred: int, gold: int) -> dict:
    """Counts plus precision, recall and F1 (F1 = 2tp / (pred + gold); None when undefined)."""
    return {
        "tp": tp, "pred": pred, "gold": gold,
        "precision": _ratio(tp, pred), "recall": _ratio(tp, gold), "f1": _ratio(2 * tp, pred + gold),
    }


def _records_by_id(predicted: Iterable) -> dict[str, list[Mapping]]:
    """Group predicted records by paper id (an ``Extraction`` is turned into its record)."""
    by_id: dict[str, list[Mapping]] = {}
    for rec in predicted:
        if hasattr(rec, "to_record"):
            rec = rec.to_record()
        if not isinstance(rec, Mapping) or not isinstance(rec.get("id"), str):
            raise ValueError(f"a predicted record must be a dict with a string 'id', got {rec!r:.80}")
        by_id.setdefault(rec["id"], []).append(rec)
    return by_id
