"""Every rules file loads, and the examples it carries are found by the pipeline."""
import json
from pathlib import Path

import pytest

from kg.errors import RulesError
from kg.rules import default_rules_dir, load_rules, parse_rules


RULE_FILES = sorted(default_rules_dir().glob("*.jsonl"))


def test_there_are_rule_files():
    names = {p.name for p in RULE_FILES}
    assert {"datasets.jsonl", "methods.jsonl", "metrics.jsonl", "tasks.jsonl"} <= names


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rules_file_loads_and_has_examples(path):
    rs = load_rules(path.parent, [path.name])
    assert rs.patterns or rs.stop or rs.cues or rs.words
    assert rs.examples, f"{path.name} carries no example lines"


@pytest.fixture(scope="module")
def rules_nlp():
    """The rules-only pipeline: a rules file's examples say what the rules find (in the full
    pipeline the trained tagger may draw a method's or task's boundaries otherwise)."""
    from kg.pipeline import make_nlp

    return make_nlp(trained=False)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rules_file_examples_match(path, rules_nlp):
    from kg.extract import extract
    from kg.model import Paper

    nlp = rules_nlp

    rs = load_rules(path.parent, [path.name])
    for file, line, sentence, expect, triples in rs.examples:
        ex = extract(Paper(id="example", title="", abstract=sentence), nlp)
        found = {(e.type, e.name) for e in ex.entities}
        for label, name in expect:
            assert (label, name) in found, f"{file}:{line}: {label} {name!r} not found in {sentence!r}; found {sorted(found)}"
        if not expect and "stop" in path.name:
            assert not ex.entities, f"{file}:{line}: stop example produced {sorted(found)}"
        said = {("Paper" if t.subject_type == "Paper" else t.subject, t.predicate, t.object) for t in ex.triples}
        for triple in triples or ():
            assert triple in said, f"{file}:{line}: {triple} not found in {sentence!r}; found {sorted(said)}"


def test_patterns_of_one_file_are_unique():
    for path in RULE_FILES:
        seen = set()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            obj = json.loads(line) if line.strip() and not line.startswith("//") else {}
            if "pattern" in obj:
                key = (obj["label"], obj["pattern"], obj.get("case", "lower"))
                assert key not in seen, f"{path.name}:{n}: duplicate pattern {key}"
                seen.add(key)


@pytest.mark.parametrize(
    "line,message",
    [
        ("{not json", "x.jsonl:1: not JSON"),
        ('{"label": "Person", "pattern": "Ada"}', "label 'Person'"),
        ('{"label": "Method", "pattern": ""}', "non-empty string"),
        ('{"label": "Method", "pattern": "A", "case": "upper"}', "case must be"),
        ('["a list"]', "expected a JSON object"),
        ('{"what": 1}', "needs 'pattern'"),
        ('{"cue": "outperform", "role": "BEATS"}', "x.jsonl:1: cue role 'BEATS' is not one of"),
        ('{"cue": "Outperform", "role": "OUTPERFORMS"}', "x.jsonl:1: a cue is lower-case words"),
        ('{"cue": "we propose*", "role": "PROPOSES"}', "'\\*' may only end a word of a relation cue"),
        ('{"list": "colours", "words": ["red"]}', "x.jsonl:1: no word list 'colours'"),
        ('{"list": "qualifiers", "words": "new"}', "x.jsonl:1: 'words' must be a non-empty list"),
        ('{"list": "qualifiers", "words": []}', "x.jsonl:1: 'words' must be a non-empty list"),
    ],
)
def test_bad_rule_lines_name_file_and_line(line, message):
    with pytest.raises(RulesError, match=message):
        parse_rules([line], "x.jsonl")


def test_a_bad_line_in_a_rules_folder_names_its_file_and_line(tmp_path):
    (tmp_path / "words.jsonl").write_text('// a comment\n{"list": "qualifiers", "words": ["new"]}\n'
                                          '{"list": "qualifiers", "words": [""]}\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"words\.jsonl:3: 'words' must be a non-empty list"):
        load_rules(tmp_path)


def test_word_lists_and_cues_add_up_and_every_list_is_there():
    from kg.rules import CUE_ROLES, WORD_LISTS

    rs = parse_rules(['{"list": "qualifiers", "words": ["new"]}', '{"list": "qualifiers", "words": ["old"]}',
                      '{"cue": "beat*", "role": "OUTPERFORMS"}'], "x.jsonl")
    assert rs.words == {"qualifiers": ["new", "old"]} and rs.cues == {"OUTPERFORMS": ["beat*"]}
    with pytest.raises(RulesError, match="x: the rules have no cues of role PROPOSES"):
        rs.check_complete("x")
    shipped = load_rules()
    shipped.check_complete("rules/")  # the shipped rules have every cue role and word list
    assert set(shipped.words) == set(WORD_LISTS) and set(shipped.cues) == set(CUE_ROLES)


def test_a_rules_folder_without_word_lists_is_a_clear_error(tmp_path):
    from kg.pipeline import make_nlp

    (tmp_path / "datasets.jsonl").write_text('{"label": "Dataset", "pattern": "ZQ"}\n', encoding="utf-8")
    with pytest.raises(RulesError, match="the rules have no cues of role PROPOSES.*word list 'abbreviations'"):
        make_nlp(tmp_path, trained=False)


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RulesError, match="rules folder not found"):
        load_rules(tmp_path / "nope")


def _generator():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteers.py"
    spec = importlib.util.spec_from_file_location("build_gazetteers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_rule_files_match_their_sources():
    # rules/{datasets,methods,tasks,metrics,stoplist}.jsonl are made by scripts/build_gazetteers.py from
    # rules/sources/: an edit of a generated file without its source (or the other way round) fails here
    gen = _generator()
    made = gen.generate()
    assert set(made) == {"datasets.jsonl", "methods.jsonl", "tasks.jsonl", "metrics.jsonl", "stoplist.jsonl"}
    for name, text in made.items():
        on_disk = (default_rules_dir() / name).read_text(encoding="utf-8")
        assert on_disk == text, f"rules/{name} differs from what scripts/build_gazetteers.py makes of rules/sources/"


def test_an_alias_added_to_a_source_becomes_patterns(tmp_path):
    import shutil

    gen = _generator()
    sources = tmp_path / "sources"
    shutil.copytree(gen.SOURCES, sources)
    with open(sources / "datasets.txt", "a", encoding="utf-8") as f:
        f.write("ZorbBench-7 | ZB7\n")
    patterns = [json.loads(line) for line in gen.generate(sources)["datasets.jsonl"].splitlines() if line.startswith("{")]
    mine = {(p["pattern"], p.get("case", "lower")) for p in patterns if p.get("id") == "ZorbBench-7"}
    # the name, its letter-digit variants, and the alias (three characters with a capital: exact case)
    assert mine == {("ZorbBench-7", "lower"), ("ZorbBench 7", "lower"), ("ZorbBench7", "lower"), ("ZB7", "exact")}
