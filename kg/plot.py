"""The state of the art over time of one leaderboard, drawn with matplotlib (SVG or PNG, no network).

Every row of the board whose paper has a date is a point at that date, labelled by its method; the
running best (the rows of :func:`kg.boards.sota`) is a step line that holds each record until the next
one beats it. Rows of papers without a year cannot be placed and are counted in the caption.

matplotlib is used through its object API only (no pyplot, no backend switch, settings in a context
that is restored), so drawing changes nothing in the calling process.

>>> import tempfile, os
>>> from kg.boards import Board, Row
>>> rows = tuple(Row(i + 1, m, v, "%", f"{v}%", p, "T", None, d, "s.") for i, (m, v, p, d) in
...              enumerate([("B", 83.0, "p2", "2024-06-01"), ("A", 81.0, "p1", "2023-01-10")]))
>>> board = Board("ImageNet-1K", "top-1 accuracy", None, "higher", "quality", rows)
>>> with tempfile.TemporaryDirectory() as d:
...     drawn = plot_sota(board, os.path.join(d, "sota.svg"))
>>> (drawn.points, [r.method for r in drawn.steps], drawn.undated)
(2, ['A', 'B'], 0)
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from .boards import Board, Row, paper_date, sota
from .errors import ExportError, QueryError

__all__ = ["SotaPlot", "plot_sota", "PLOT_SUFFIXES"]

#: File types :func:`plot_sota` writes, by extension.
PLOT_SUFFIXES = (".svg", ".png")

_STEP = "#d62728"
_POINT = "#7f7f7f"


@dataclass(frozen=True)
class SotaPlot:
    """What :func:`plot_sota` drew: ``points`` dated rows, the ``steps`` of the running best, and
    ``undated`` rows left out because their paper has no year."""

    path: Path
    points: int
    steps: tuple[Row, ...]
    undated: int


def _when(date: str) -> _dt.date:
    parts = [int(x) for x in date.split("-")]
    return _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def plot_sota(board: Board, path: str | os.PathLike, *, title: str | None = None) -> SotaPlot:
    """Draw the state of the art of ``board`` over time into ``path`` (``.svg`` or ``.png``).

    Raises :class:`~kg.errors.QueryError` when the board's direction is unknown (there is no running
    best) or no row has a dated paper, and :class:`~kg.errors.ExportError` when the file cannot be
    written. Parent folders are created.
    """
    out = Path(path)
    if out.suffix.lower() not in PLOT_SUFFIXES:
        raise ExportError(f"{out}: a plot is written as {' or '.join(PLOT_SUFFIXES)}, not {out.suffix or 'no extension'!r}")
    if board.direction is None:
        raise QueryError(f"{board.title}: the direction of {board.metric!r} is unknown, so there is no running best to plot")
    dated = [r for r in board.rows if paper_date(r.date)]
    if not dated:
        raise QueryError(f"{board.title}: none of its {len(board.rows)} rows has a paper with a dated year; nothing to plot")
    steps = sota(board)

    import matplotlib
    from matplotlib.figure import Figure

    rc = {"svg.fonttype": "none", "svg.hashsalt": "kg", "font.size": 9, "axes.spines.top": False,
          "axes.spines.right": False}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(7.5, 4.2), dpi=110, layout="constrained")
        ax = fig.add_subplot()
        xs = [_when(paper_date(r.date)) for r in dated]
        ys = [r.value for r in dated]
        on_step = {id(r) for r in steps}
        others = [(x, y) for x, y, r in zip(xs, ys, dated) if id(r) not in on_step]
        if others:
            ax.scatter([x for x, _ in others], [y for _, y in others], s=22, color=_POINT, zorder=2,
                       label="other results")
        sx = [_when(paper_date(r.date)) for r in steps]
        sy = [r.value for r in steps]
        span = max(xs) - min(xs)
        last = max(xs) + max(span * 0.03, _dt.timedelta(days=7))  # the record holds to the end of the axis
        ax.step(sx + [last], sy + [sy[-1]], where="post", color=_STEP, linewidth=1.8, zorder=1, snap=False,
                label="state of the art (running best)")
        ax.scatter(sx, sy, s=34, color=_STEP, zorder=3)
        for x, y, r in zip(xs, ys, dated):
            ax.annotate(r.method or "(no method)", (x, y), xytext=(5, 5 if id(r) in on_step else -11),
                        textcoords="offset points", fontsize=8, color="#222222" if id(r) in on_step else "#555555")
        unit = next((r.unit for r in dated if r.unit), "")
        ax.set_ylabel(f"{board.metric}{f' ({unit})' if unit else ''}, {board.direction_text}")
        ax.set_xlabel("paper date")
        ax.set_title(title or board.title, loc="left", fontsize=11)
        ax.grid(True, color="#e6e6e6", linewidth=0.6)
        if len(set(xs)) == 1:  # one date: give the axis some width
            d = xs[0]
            ax.set_xlim(d - _dt.timedelta(days=60), d + _dt.timedelta(days=60))
        ax.margins(x=0.12, y=0.18)
        ax.legend(loc="lower right" if board.direction == "higher" else "upper right", fontsize=8, frameon=False)
        undated = len(board.rows) - len(dated)
        if undated:
            fig.text(0.01, 0.005, f"{undated} of {len(board.rows)} rows left out: their papers have no dated year",
                     fontsize=7, color="#777777")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(out, format=out.suffix.lower()[1:], metadata={"Date": None} if out.suffix.lower() == ".svg" else None)
        except OSError as e:
            raise ExportError(f"cannot write {str(out)!r}: {e.strerror or e}") from e
    return SotaPlot(out, len(dated), steps, len(board.rows) - len(dated))
