"""The README's quality table is what ``kg eval`` prints: a quality drop or a stale README fails CI.

The table format this test reads (section "Extraction quality" of README.md; every table whose
header is exactly these five columns, in this order, is read):

    | command | figure | key | value | checked in CI |
    |---|---|---|---|---|
    | `kg eval ../shared/eval/scirex_dev.jsonl --rules-only` | SciREX dev, rules only: named Dataset F1 | `entities.named.Dataset.f1` | 0.705 | yes |
    | `kg train --cv 4` | graph gold train, held out: Method precision | `held_out_train_file.Method.p` | 0.835 | no (15 minutes) |

* ``command``: in backticks, the command that prints the figure, run from the checkout's root
  (where ``../shared`` is the shared folder); the gold file and the options are part of it.
* ``figure``: free text for the reader.
* ``key``: in backticks, the dotted path of the figure in the JSON that the command prints with
  ``--json`` added (the fields of :class:`kg.evaluate.EvalReport`), e.g. ``entities.all.Task.f1``,
  ``scirex_results.recall``, ``seed_results.value_precision``.
* ``value``: the figure as printed; the test rounds the computed figure to the same number of
  decimals and compares the text (0.73 checks two decimals, 0.730 three).
* ``checked in CI``: ``yes`` or ``no (why)``. Every ``kg eval`` row must say ``yes`` (and every
  ``yes`` row must be a ``kg eval`` command); ``no`` is for commands too slow for CI: the held-out
  graph-gold figures of ``kg train --cv 4`` (four models trained, about 15 minutes) are NOT checked here,
  only read and counted.

Each distinct checked command runs once (``kg.cli.main``, as the ``kg`` command does, with
``--json``); the shared gold files are required under CI and skipped, with the reason, elsewhere.
"""
from __future__ import annotations

import json
import re
import shlex

import pytest

from _common import ROOT, SHARED, skip_unless_ci

README = ROOT / "README.md"
HEADER = ["command", "figure", "key", "value", "checked in CI"]


def parse_quality_tables(text: str) -> list[dict]:
    """The rows of every table of ``text`` with the :data:`HEADER` columns, as dicts
    (``command``, ``figure``, ``key``, ``value``, ``checked``: bool, ``line``).

    >>> rows = parse_quality_tables("| command | figure | key | value | checked in CI |\\n|---|---|---|---|---|\\n"
    ...                             "| `kg eval g.jsonl` | F1 | `entities.all.Task.f1` | 0.50 | yes |\\n")
    >>> rows[0]["command"], rows[0]["key"], rows[0]["value"], rows[0]["checked"]
    ('kg eval g.jsonl', 'entities.all.Task.f1', '0.50', True)
    """
    rows, in_table = [], False
    for n, line in enumerate(text.splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else None
        if cells is None:
            in_table = False
        elif [c.lower() for c in cells] == [h.lower() for h in HEADER]:
            in_table = True
        elif in_table and not all(set(c) <= set("-: ") for c in cells):
            if len(cells) != len(HEADER):
                raise ValueError(f"README.md:{n}: a quality row needs {len(HEADER)} cells, has {len(cells)}")
            command, figure, key, value, checked = cells
            if not (re.fullmatch(r"`[^`]+`", command) and re.fullmatch(r"`[\w.]+`", key)):
                raise ValueError(f"README.md:{n}: command and key go in backticks")
            if not re.fullmatch(r"\d+(\.\d+)?", value):
                raise ValueError(f"README.md:{n}: value {value!r} is not a plain number")
            if not re.match(r"(yes|no)\b", checked):
                raise ValueError(f"README.md:{n}: 'checked in CI' must be 'yes' or 'no (why)', not {checked!r}")
            rows.append({"command": command.strip("`"), "figure": figure, "key": key.strip("`"), "value": value,
                         "checked": checked.startswith("yes"), "line": n})
    return rows


def figure_at(report: dict, key: str):
    """The value at a dotted ``key`` of a ``kg eval --json`` report (KeyError names the key).

    >>> figure_at({"entities": {"all": {"Task": {"f1": 0.5}}}}, "entities.all.Task.f1")
    0.5
    """
    value = report
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"{key}: no {part!r} in the report of kg eval --json")
        value = value[part]
    return value


def as_printed(value: float, like: str) -> str:
    """``value`` with as many decimals as the printed figure ``like``, rounded as ``kg eval`` prints.

    >>> as_printed(0.72649, "0.73"), as_printed(0.7049999, "0.705"), as_printed(18, "18")
    ('0.73', '0.705', '18')
    """
    return f"{value:.{len(like.partition('.')[2])}f}"


ROWS = parse_quality_tables(README.read_text(encoding="utf-8"))
CHECKED = sorted({r["command"] for r in ROWS if r["checked"]})


def test_readme_has_a_quality_table_of_every_shared_gold_file():
    assert len(ROWS) >= 20, "README.md: the quality table (see this test's docstring) is missing or short"
    golds = {shlex.split(c)[2] for c in CHECKED}
    assert golds == {f"../shared/eval/{g}" for g in ("graph_gold_dev.jsonl", "seed_results_dev.jsonl", "sota_results_train.jsonl",
                                                       "scirex_dev.jsonl", "tdmsci_train.jsonl")}
    for r in ROWS:
        words = shlex.split(r["command"])
        assert words[:2] == ["kg", "eval"] if r["checked"] else words[:3] == ["kg", "train", "--cv"], (
            f"README.md:{r['line']}: only kg eval rows are checked in CI, and only kg train --cv rows may not be")


def test_rows_not_checked_in_ci_are_the_cross_validation_ones():
    """Said here too: these rows are read but NOT recomputed (kg train --cv 4 takes 25 minutes)."""
    unchecked = [r for r in ROWS if not r["checked"]]
    assert unchecked and {r["command"] for r in unchecked} == {"kg train --cv 4"}


@pytest.mark.shared
@pytest.mark.parametrize("command", CHECKED)
def test_kg_eval_prints_the_readme_figures(command, monkeypatch, capsys):
    from kg.cli import main

    if not SHARED.is_dir():
        skip_unless_ci(f"{SHARED} not found: the README's figures come from its gold files")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("KG_RULES", raising=False)
    capsys.readouterr()
    assert main(shlex.split(command)[1:] + ["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    wrong = [f"README.md:{r['line']}: {r['key']} is {as_printed(figure_at(report, r['key']), r['value'])}, "
             f"the README says {r['value']}"
             for r in ROWS if r["command"] == command
             if as_printed(figure_at(report, r["key"]), r["value"]) != r["value"]]
    assert wrong == []


def test_the_table_check_catches_a_stale_figure(tmp_path, monkeypatch, capsys):
    """A README row that does not match what kg eval prints is reported (on an invented gold file)."""
    from kg.cli import main

    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "p1", "title": "", "abstract": "We evaluate ZorbNet on ImageNet.",
                                "entities": [{"type": "Dataset", "text": "ImageNet"}], "results": [],
                                "cluster_aliases": {}}) + "\n",
                    encoding="utf-8")
    (row,) = parse_quality_tables(f"| command | figure | key | value | checked in CI |\n|---|---|---|---|---|\n"
                                  f"| `kg eval {gold} --rules-only` | Dataset F1 | `entities.all.Dataset.f1` | 0.90 | yes |\n")
    capsys.readouterr()
    assert main(shlex.split(row["command"])[1:] + ["--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert as_printed(figure_at(printed, row["key"]), row["value"]) == "1.00" != row["value"]
    assert main(shlex.split(row["command"])[1:]) == 0
    assert re.search(r"Dataset\s+1\.000\s+1\.000\s+1\.000", capsys.readouterr().out)  # the same figure as text
    with pytest.raises(KeyError, match="entities.all.Sauce.f1"):
        figure_at(printed, "entities.all.Sauce.f1")
