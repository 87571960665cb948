"""Every CLI command: it has --help, the README shows it, and it works end to end."""
import json
import re
import subprocess
import sys

import pytest

from kg.cli import COMMANDS, main, make_parser

from _common import ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: kg {command}" in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_readme_shows_command(command):
    assert re.search(rf"^\s*(\$ )?kg {command}\b", README, re.M), f"README shows no `kg {command}` example"


def test_python_m_kg_runs():
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "build" in out.stdout


def test_build_writes_every_export(tmp_path, capsys):
    assert main(["build", str(SAMPLES), "-o", str(tmp_path), "--quiet"]) == 0
    for name in ("graph.graphml", "graph.json", "triples.jsonl", "report.json", "neo4j/nodes_Paper.csv"):
        assert (tmp_path / name).exists(), name
    report = json.loads((tmp_path / "report.json").read_text())
    # the HF-style sample repeats one paper of papers.jsonl: 10 records, 9 unique
    assert report["records_read"] == 10 and report["unique_papers"] == 9 and report["merged"] == 1
    assert report["nodes"]["Paper"] == 9
    assert capsys.readouterr().err == ""


def test_build_progress_and_summary_on_stderr(tmp_path, capsys):
    assert main(["build", str(SAMPLES / "papers.jsonl"), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "8 unique papers" in err and "papers" in err


def test_extract_one_object_per_record_in_order(tmp_path):
    out = tmp_path / "x.jsonl"
    assert main(["extract", str(SAMPLES / "papers.jsonl"), str(SAMPLES / "papers.jsonl"), "-o", str(out), "-q"]) == 0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [json.loads(line)["id"] for line in (SAMPLES / "papers.jsonl").read_text().splitlines()]
    assert [r["id"] for r in recs] == ids + ids  # no merging: that is the graph's job
    assert all(set(r) == {"id", "title", "entities", "results", "triples"} for r in recs)


def test_extract_accepts_empty_titles(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"id": "s1", "title": "", "abstract": "We report BLEU on WMT14."}) + "\n")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    rec = json.loads(out.read_text())
    assert rec["id"] == "s1" and {e["text"] for e in rec["entities"]} >= {"BLEU", "WMT14"}


def test_stats(tmp_path, capsys):
    main(["build", str(SAMPLES), "-o", str(tmp_path), "-q"])
    capsys.readouterr()
    assert main(["stats", str(tmp_path / "graph.graphml"), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["nodes"]["Paper"] == 9 and stats["top"]["Dataset"]
    assert main(["stats", str(tmp_path)]) == 0
    assert "nodes" in capsys.readouterr().out


def test_bad_input_warns_and_goes_on(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "title": "T", "abstract": "We use ImageNet."}\n{broken\n')
    assert main(["build", str(src), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"kg: warning: {src}:2:" in err


def test_strict_turns_bad_input_into_an_error(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "title": "T", "abstract": "We use ImageNet."}\n{broken\n')
    code = main(["build", str(src), "-o", str(tmp_path / "out"), "--strict", "-q"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith(f"kg: error: {src}:2:") and len(err.strip().splitlines()) == 1


def test_missing_graph_is_a_one_line_error(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "nope.graphml")]) != 0
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_parser_lists_every_command():
    help_text = make_parser().format_help()
    for command in COMMANDS:
        assert command in help_text


def test_build_with_two_jobs_writes_the_same_graph(tmp_path):
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "one"), "-q"]) == 0
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "two"), "-q", "--jobs", "2"]) == 0
    assert (tmp_path / "one" / "triples.jsonl").read_text() == (tmp_path / "two" / "triples.jsonl").read_text()


def test_rules_only_and_model_options_choose_the_pipeline(tmp_path, capsys):
    full, rules = tmp_path / "full.jsonl", tmp_path / "rules.jsonl"
    assert main(["extract", str(SAMPLES / "papers.jsonl"), "-o", str(full), "-q"]) == 0
    assert main(["extract", str(SAMPLES / "papers.jsonl"), "-o", str(rules), "-q", "--rules-only"]) == 0
    spans = [{(e["start"], e["end"]) for r in f.read_text().splitlines() for e in json.loads(r)["entities"]}
             for f in (full, rules)]
    assert spans[0] - spans[1] and spans[0] & spans[1]  # the tagger adds names, and keeps most of the rules'
    assert main(["extract", str(SAMPLES / "papers.jsonl"), "-o", str(full), "-q", "--model", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("kg: error: no trained model") and err.count("\n") == 1
