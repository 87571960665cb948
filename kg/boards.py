"""Leaderboards: the results of a graph on one dataset for one metric, best first, each with its evidence.

A board is one (task, dataset, metric): the ``score`` results bound to that dataset and metric, after
the identity rules of :mod:`kg.identity` (COCO's AP, box AP and mAP are one board; ``COCO test-dev``
is COCO with the split test-dev; top-1 and top-5 stay apart). Rows are ranked in the metric's
direction (higher or lower is better); when the rules do not know the direction the board says so and
its rows are listed by date, unranked. Ties share a rank. Each row carries the method, the value as
a number and as written, the paper (title, arXiv id, date), the evidence sentence and the settings the
sentence states (:mod:`kg.settings`: split, extra data, training, size, resolution, ...), so that rows
that were not measured alike are visibly so.

What never goes on a board: a ``delta`` (an improvement, not a score) and an ``other`` (a count or a
size); on a board of a quality metric, a number written as a size, count or time (``48G``, ``600k``,
``1.5ms``) or a value outside the metric's range; a result that names no method. These are listed in
the board's ``left_out`` with the reason. A board's task is the task more than half of its rows name
(results rarely name one), else none.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("paper:p1", type="Paper", name="A", title="A", date="2024-01-02")
>>> G.add_node("paper:p2", type="Paper", name="B", title="B", date="2024-05-06")
>>> for i, (p, m, v) in enumerate([("p1", "ZNet", 81.0), ("p2", "YNet", 83.5)]):
...     G.add_node(f"result:{p}:0", type="Result", value=v, unit="%", kind="score", method=m,
...                dataset="ImageNet", metric="top-1", paper=p, text=f"{v}%", sentence=f"{m} gets {v}%.")
>>> (board,) = leaderboard(G, "ImageNet-1K")
>>> (board.dataset, board.metric, board.direction)
('ImageNet-1K', 'top-1 accuracy', 'higher')
>>> [(r.rank, r.method, r.value) for r in board.rows]
[(1, 'YNet', 83.5), (2, 'ZNet', 81.0)]
>>> [r.method for r in board.sota()]
['ZNet', 'YNet']
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .identity import Identity, load_identity
from .schema import merge_key
from .settings import Score, read_settings

__all__ = ["Row", "LeftOut", "Board", "leaderboard", "leaderboards", "select", "sota", "format_boards",
           "format_board_list", "board_datasets",
           "paper_date", "FORMATS"]

#: Output formats of :func:`format_boards`.
FORMATS = ("table", "md", "csv", "json")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _key(name) -> str:
    s = str(name or "")
    return merge_key(s) or s.strip().lower()


def paper_date(date) -> str | None:
    """A paper's date when it has a year (``2024-05-06``, ``2024-05``, ``2024``), else None
    (``--05-06``: a day of an unknown year cannot be placed in time).

    >>> paper_date("2024-05-06"), paper_date("--05-06"), paper_date(None)
    ('2024-05-06', None, None)
    """
    s = str(date or "").strip()
    return s if _DATE.match(s) else None


@dataclass(frozen=True)
class Row:
    """One result on a board. ``rank`` is None on a board whose direction is unknown."""

    rank: int | None
    method: str | None
    value: float
    unit: str | None
    text: str
    paper: str
    title: str | None
    arxiv_id: str | None
    date: str | None
    sentence: str
    settings: tuple[tuple[str, str], ...] = ()
    task: str | None = None
    dataset_as_written: str | None = None
    metric_as_written: str | None = None
    result: str = ""

    def setting(self, column: str) -> str | None:
        """The value of a settings column, or None."""
        return dict(self.settings).get(column)

    @property
    def shown_value(self) -> str:
        """The value as a reader writes it: ``63.8%``, ``2.2``, or the text when it is large (``48G``)."""
        if abs(self.value) >= 1e5 and self.text:
            return self.text
        return f"{self.value:g}{self.unit or ''}"

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("rank", "method", "value", "unit", "text", "paper", "title", "arxiv_id",
                                           "date", "sentence", "task", "dataset_as_written", "metric_as_written",
                                           "result")}
        d["settings"] = dict(self.settings)
        d["shown"] = self.shown_value
        return d


@dataclass(frozen=True)
class LeftOut:
    """A result bound to a board's dataset and metric that is not on the board, and why."""

    result: str
    value: float
    text: str
    kind: str
    method: str | None
    paper: str
    reason: str

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("result", "value", "text", "kind", "method", "paper", "reason")}


@dataclass(frozen=True)
class Board:
    """One leaderboard: rows best first (see the module docstring)."""

    dataset: str
    metric: str
    task: str | None
    direction: str | None
    measure: str | None
    rows: tuple[Row, ...]
    left_out: tuple[LeftOut, ...] = ()
    columns: tuple[str, ...] = field(default=())  # settings columns that some row fills, in the rules' order

    @property
    def ranked(self) -> bool:
        return self.direction is not None

    @property
    def direction_text(self) -> str:
        return {"higher": "higher is better", "lower": "lower is better"}.get(
            self.direction, "direction unknown: not ranked")

    @property
    def title(self) -> str:
        return f"{self.dataset} \u00b7 {self.metric}"

    def sota(self) -> tuple[Row, ...]:
        """See :func:`sota`."""
        return sota(self)

    def to_dict(self) -> dict:
        return {
            "dataset": self.dataset, "metric": self.metric, "task": self.task, "direction": self.direction,
            "measure": self.measure, "columns": list(self.columns), "rows": [r.to_dict() for r in self.rows],
            "left_out": [x.to_dict() for x in self.left_out],
            "sota": [r.result for r in self.sota()],
        }


def sota(board: Board) -> tuple[Row, ...]:
    """The state of the art over time: the dated rows, by date, that beat every earlier row (ties do
    not), in the board's direction. Empty when the direction is unknown."""
    if board.direction is None:
        return ()
    dated = sorted((r for r in board.rows if paper_date(r.date)), key=lambda r: (paper_date(r.date), r.rank or 0))
    better = (lambda a, b: a < b) if board.direction == "lower" else (lambda a, b: a > b)
    steps: list[Row] = []
    for r in dated:
        if not steps or better(r.value, steps[-1].value):
            steps.append(r)
    return tuple(steps)


# --------------------------------------------------------------------------- building

@dataclass
class _Candidate:
    node: str
    d: dict
    dataset: str  # board dataset name
    split: str | None
    metric: str  # board metric name


def board_datasets(G: nx.Graph, identity: Identity | None = None) -> dict[str, str]:
    """The board dataset of every Dataset node (``dataset:coco-test-dev`` -> ``COCO``)."""
    ids = identity or load_identity()
    names = _display_names(G)
    return {n: _display(ids.dataset(d.get("name") or n)[0], names) for n, d in G.nodes(data=True)
            if d.get("type") == "Dataset"}


def _display_names(G: nx.Graph) -> dict[str, str]:
    """Key -> the spelling of the Dataset node of that name (or alias)."""
    names: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for _, d in G.nodes(data=True):
        if d.get("type") == "Dataset" and d.get("name"):
            names.setdefault(_key(d["name"]), str(d["name"]))
            for a in _as_list(d.get("aliases")):
                aliases.setdefault(_key(a), str(d["name"]))
    return {**aliases, **names}


def _display(name: str, names: dict[str, str]) -> str:
    return names.get(_key(name), name)


def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, str):
        if x.startswith("["):
            try:
                v = json.loads(x)
                return v if isinstance(v, list) else [x]
            except ValueError:
                return [x]
        return [x] if x else []
    return list(x) if isinstance(x, (list, tuple, set, frozenset)) else [x]


def _float(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f and f not in (float("inf"), float("-inf")) else None


def leaderboards(G: nx.Graph, *, min_rows: int = 1, identity: Identity | None = None) -> list[Board]:
    """Every board of ``G`` with at least ``min_rows`` rows, largest first (then by dataset and metric)."""
    ids = identity or load_identity()
    names = _display_names(G)
    node_aliases: dict[str, list[str]] = {}
    for _, d in G.nodes(data=True):
        if d.get("type") == "Dataset" and d.get("name"):
            node_aliases[_key(d["name"])] = [str(d["name"]), *map(str, _as_list(d.get("aliases")))]

    cands: list[_Candidate] = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "Result" or not d.get("dataset") or not d.get("metric") or _float(d.get("value")) is None:
            continue
        base, split = ids.dataset(str(d["dataset"]))
        dataset = _display(base, names)
        metric = ids.metric(str(d["metric"]), dataset, str(d.get("sentence") or ""))
        cands.append(_Candidate(str(n), d, dataset, split, metric))

    # the settings of each sentence's scores, read once per sentence
    by_sentence: dict[tuple, list[_Candidate]] = defaultdict(list)
    for c in cands:
        if c.d.get("kind") == "score":
            by_sentence[(str(c.d.get("paper")), str(c.d.get("sentence") or ""))].append(c)
    settings: dict[str, dict[str, str]] = {}
    for (_, sentence), group in by_sentence.items():
        group.sort(key=lambda c: _result_order(c.node))
        surfaces: dict[str, list[str]] = {}
        for c in group:
            s = surfaces.setdefault(c.dataset, [c.dataset])
            for x in (str(c.d["dataset"]), *node_aliases.get(_key(c.d["dataset"]), [])):
                if x not in s:
                    s.append(x)
        scores = [Score(str(c.d.get("text") or ""), float(c.d["value"]), c.dataset) for c in group]
        for c, found in zip(group, read_settings(sentence, scores, ids.settings, surfaces)):
            if c.split:
                found = {**found, "split": c.split}
            settings[c.node] = found

    groups: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    for c in cands:
        groups[(_key(c.dataset), _key(c.metric))].append(c)
    papers = {str(n)[6:]: d for n, d in G.nodes(data=True) if d.get("type") == "Paper" and str(n).startswith("paper:")}
    boards = []
    for group in groups.values():
        board = _board(group, ids, settings, papers)
        if board is not None and len(board.rows) >= min_rows:
            boards.append(board)
    boards.sort(key=lambda b: (-len(b.rows), b.dataset.lower(), b.metric.lower(), str(b.task)))
    return boards


def _result_order(node: str):
    tail = node.rsplit(":", 1)[-1]
    return (node.rsplit(":", 1)[0], int(tail) if tail.isdigit() else 0, node)


def _board(group: list[_Candidate], ids: Identity, settings: dict, papers: dict) -> Board | None:
    dataset = Counter(c.dataset for c in group).most_common(1)[0][0]
    metric = Counter(c.metric for c in group).most_common(1)[0][0]
    info = ids.info(metric)
    direction = info.direction if info else None
    measure = info.measure if info else None
    rows: list[Row] = []
    left: list[LeftOut] = []
    seen: set = set()
    for c in sorted(group, key=lambda c: _result_order(c.node)):
        d = c.d
        value, text, kind = float(d["value"]), str(d.get("text") or ""), str(d.get("kind") or "")
        reason = None
        if kind == "delta":
            reason = "a change (delta), never ranked as a score"
        elif kind != "score":
            reason = f"a count or size ({kind or 'no kind'}), not a score"
        elif measure != "cost" and ids.is_cost_text(text):
            reason = f"written {text!r}: a size, count or time, not a {metric} score"
        elif info and info.range and not (info.range[0] <= value <= info.range[1]):
            reason = f"{value:g} is outside the range of {metric} ({info.range[0]:g} to {info.range[1]:g})"
        elif not d.get("method"):
            reason = "no method named: a row must say whose result it is"
        paper = str(d.get("paper") or "")
        if reason:
            left.append(LeftOut(c.node, value, text, kind, d.get("method"), paper, reason))
            continue
        row_settings = tuple(settings.get(c.node, {}).items())
        dup = (paper, d.get("method"), value, d.get("unit"), row_settings)
        if dup in seen:
            left.append(LeftOut(c.node, value, text, kind, d.get("method"), paper,
                                "the same result of the same paper is already on the board"))
            continue
        seen.add(dup)
        p = papers.get(paper, {})
        rows.append(Row(
            rank=None, method=d.get("method") or None, value=value, unit=d.get("unit") or None, text=text, paper=paper,
            title=p.get("title") or p.get("name") or None, arxiv_id=p.get("arxiv_id") or None,
            date=p.get("date") or None, sentence=str(d.get("sentence") or ""), settings=row_settings,
            task=d.get("task") or None, dataset_as_written=d.get("dataset"), metric_as_written=d.get("metric"),
            result=c.node,
        ))
    if not rows:
        return None
    rows = _rank(rows, direction)
    tasks = Counter(r.task for r in rows if r.task)
    task = min(tasks, key=lambda t: (-tasks[t], t.lower())) if tasks else None
    if task is not None and 2 * tasks[task] <= len(rows):
        task = None  # (named by too few of its rows to speak for the board)
    used = {k for r in rows for k, _ in r.settings}
    columns = tuple(c for c in (*ids.settings.columns, *sorted(used)) if c in used)
    columns = tuple(dict.fromkeys(columns))
    return Board(dataset, metric, task, direction, measure, tuple(rows), tuple(left), columns)


def _date_key(r: Row) -> tuple:
    d = paper_date(r.date)
    return (0, d) if d else (1, "")


def _rank(rows: list[Row], direction: str | None) -> list[Row]:
    """Best first; ties share a rank (1, 1, 3) and are ordered by date (earlier first), then method."""
    tail = lambda r: (_date_key(r), (r.method or "\uffff").lower(), r.paper, _result_order(r.result))  # noqa: E731
    if direction is None:
        return sorted(rows, key=tail)
    sign = -1.0 if direction == "higher" else 1.0
    ordered = sorted(rows, key=lambda r: (sign * r.value, tail(r)))
    out, rank = [], 0
    for i, r in enumerate(ordered):
        if i == 0 or r.value != ordered[i - 1].value:
            rank = i + 1
        out.append(_replace(r, rank=rank))
    return out


def _replace(r: Row, **kw) -> Row:
    from dataclasses import replace

    return replace(r, **kw)


# --------------------------------------------------------------------------- asking

def leaderboard(G: nx.Graph, dataset: str, metric: str | None = None, task: str | None = None, *,
                identity: Identity | None = None) -> list[Board]:
    """The boards of ``dataset`` (a name, alias or split of it: ``ImageNet``, ``MS COCO``, ``COCO test-dev``),
    optionally of one ``metric`` (any alias: ``mAP`` on COCO is the box AP board) and one ``task``
    (the board's task: the task more than half of its rows name); largest first. An empty list when none.
    """
    ids = identity or load_identity()
    boards = leaderboards(G, identity=ids)
    return select(boards, G, dataset, metric, task, identity=ids)


def select(boards: list[Board], G: nx.Graph | None, dataset: str, metric: str | None = None, task: str | None = None,
           *, identity: Identity | None = None) -> list[Board]:
    """The boards of ``boards`` that :func:`leaderboard` would return for these arguments."""
    ids = identity or load_identity()
    base = ids.dataset(str(dataset))[0]
    wanted = {_key(base), _key(dataset)}
    if G is not None:  # a Dataset node named so (or with this alias) stands for its board dataset
        want = _key(dataset)
        for n, d in G.nodes(data=True):
            if d.get("type") == "Dataset" and (_key(d.get("name")) == want or any(_key(a) == want for a in _as_list(d.get("aliases")))):
                wanted.add(_key(ids.dataset(str(d.get("name") or n))[0]))
    out = [b for b in boards if _key(b.dataset) in wanted]
    if metric is not None:
        mk = {_key(metric)}
        for b in out:
            mk.add(_key(ids.metric(metric, b.dataset)))
        out = [b for b in out if _key(b.metric) in mk or any(_key(r.metric_as_written) in mk for r in b.rows)]
    if task is not None:
        tk = _key(task)
        out = [b for b in out if _key(b.task) == tk]
    return out


# --------------------------------------------------------------------------- printing

def _clip(s, n: int) -> str:
    s = " ".join(str(s or "").split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


def _header(b: Board) -> str:
    parts = [b.title, b.direction_text]
    if b.task:
        parts.append(f"task: {b.task}")
    parts.append(f"{len(b.rows)} row{'s' if len(b.rows) != 1 else ''}")
    if b.left_out:
        parts.append(f"{len(b.left_out)} left out")
    return " \u00b7 ".join(parts)


def _cells(b: Board, r: Row, evidence: bool, md: bool) -> list[str]:
    paper = r.title or r.paper
    cells = [str(r.rank) if r.rank is not None else "-", r.method or "?", r.shown_value]
    cells += [r.setting(c) or "" for c in b.columns]
    cells += [paper if md else _clip(paper, 48), r.date or "", r.arxiv_id or ""]
    if evidence and md:
        cells.append(r.sentence)
    return cells


def format_boards(boards: list[Board], fmt: str = "table", *, evidence: bool = True) -> str:
    """Boards as text: ``table`` (each row followed by its evidence sentence), ``md`` (Markdown tables),
    ``csv`` (one line per row, board fields first) or ``json``. ``evidence=False`` leaves the sentences
    out (table and md; csv and json always carry them)."""
    if fmt == "json":
        return json.dumps([b.to_dict() for b in boards], indent=2, ensure_ascii=False)
    if fmt == "csv":
        return _csv(boards)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    blocks = []
    for b in boards:
        head = ["#", "method", "value", *b.columns, "paper", "date", "arXiv"]
        if fmt == "md":
            if evidence:
                head.append("evidence")
            lines = [f"**{_header(b)}**", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for r in b.rows:
                lines.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(b, r, evidence, True)) + " |")
            blocks.append("\n".join(lines))
            continue
        rows = [_cells(b, r, False, False) for r in b.rows]
        keep = [i for i in range(len(head)) if i < 3 or any(row[i] for row in rows) or head[i] == "paper"]
        head = [head[i] for i in keep]
        rows = [[_clip(row[i], 28) if 2 < i < len(row) - 3 else row[i] for i in keep] for row in rows]
        widths = [max(len(head[i]), *(len(row[i]) for row in rows)) for i in range(len(head))]
        fmt_line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        lines = [_header(b), fmt_line(head)]
        for r, cells in zip(b.rows, rows):
            lines.append(fmt_line(cells))
            if evidence:
                lines.append(f"{'':{widths[0]}}  \u201c{' '.join(r.sentence.split())}\u201d")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _csv(boards: list[Board]) -> str:
    columns = list(dict.fromkeys(c for b in boards for c in b.columns))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["dataset", "metric", "task", "direction", "rank", "method", "value", "unit", "text", *columns,
                "paper", "title", "arxiv_id", "date", "evidence", "result"])
    for b in boards:
        for r in b.rows:
            w.writerow([b.dataset, b.metric, b.task or "", b.direction or "", "" if r.rank is None else r.rank,
                        r.method or "", repr(r.value) if not r.value.is_integer() else int(r.value), r.unit or "",
                        r.text, *[r.setting(c) or "" for c in columns], r.paper, r.title or "", r.arxiv_id or "",
                        r.date or "", r.sentence, r.result])
    return buf.getvalue().rstrip("\n")


def format_board_list(boards: list[Board]) -> str:
    """One line per board: rows, dataset, metric, direction, task."""
    if not boards:
        return "no boards"
    w = max(len(str(len(b.rows))) for b in boards)
    return "\n".join(f"{len(b.rows):>{w}}  {b.title}  ({b.direction_text}" + (f"; task: {b.task})" if b.task else ")")
                     for b in boards)
