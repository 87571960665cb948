"""kg as users install it: a wheel (built from the sdist) and ``pip install .``, each in a fresh
virtualenv, run from a directory that is not the checkout; plus every import declared.

The venvs see the already-installed dependencies (``--system-site-packages``), so nothing but the
build requirements (setuptools, from PyPI or pip's cache) is downloaded. The installed ``kg`` must
build the sample corpus, render its page and score a gold file exactly as the checkout does, with
the rules and the tagger that ship inside the package; the build works on a copy of the source tree
and writes nothing into the checkout.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from _common import ROOT, SAMPLES

#: an invented SciREX-style gold file: two papers, their entities and two in-abstract results
GOLD = [
    {"id": "tiny-1", "title": "ZorbNet: Folded Attention for Image Classification",
     "abstract": "We propose ZorbNet, a folded attention network for image classification. ZorbNet reaches "
                 "81.2% top-1 accuracy on ImageNet, outperforming ResNet-50 by 4.1 points.",
     "entities": [{"type": "Method", "text": "ZorbNet"}, {"type": "Method", "text": "ResNet-50"},
                  {"type": "Task", "text": "image classification"}, {"type": "Dataset", "text": "ImageNet"},
                  {"type": "Metric", "text": "top-1 accuracy"}],
     "results": [{"method": "ZorbNet", "dataset": "ImageNet", "metric": "Top_1_Accuracy", "score": "81.2%",
                  "in_abstract": True}],
     "cluster_aliases": {"ImageNet": ["ImageNet"]}},
    {"id": "tiny-2", "title": "Quillfer: Sparse Readers for Question Answering",
     "abstract": "Quillfer is a sparse reader for question answering. On SQuAD it obtains an F1 score of 88.4, "
                 "and it is three times faster than BiDAF.",
     "entities": [{"type": "Method", "text": "Quillfer"}, {"type": "Method", "text": "BiDAF"},
                  {"type": "Task", "text": "question answering"}, {"type": "Dataset", "text": "SQuAD"},
                  {"type": "Metric", "text": "F1 score"}],
     "results": [{"method": "Quillfer", "dataset": "SQuAD", "metric": "F1", "score": "88.4", "in_abstract": True}],
     "cluster_aliases": {"SQuAD": ["SQuAD"]}},
]

#: what the source copy and the import check leave out (VCS, caches, build output, exports, virtualenvs;
#: the copy also leaves out the Neo4j harness jars)
_NOT_SOURCE = {".git", "__pycache__", ".pytest_cache", "build", "dist", "exports", ".cache", ".venv", "venv", ".tox"}


def _copy_source(dest: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in _NOT_SOURCE or n.endswith(".egg-info")}
        if Path(folder).resolve() == (ROOT / "docker" / "neo4j-harness").resolve():
            skip |= {"deps", "target"}
        return skip

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def _env() -> dict[str, str]:
    """The test's environment without what would point the installed kg back at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_RULES", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list, cwd: Path, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env or _env(), capture_output=True, text=True,
                          timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


class Install:
    """kg installed in a venv of its own; ``kg(...)`` runs its ``kg`` command in ``workdir``."""

    def __init__(self, venv: Path, workdir: Path, wheel: Path | None = None):
        self.venv, self.workdir, self.wheel = venv, workdir, wheel
        self.python = venv / "bin" / "python"

    def kg(self, *args, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        return _run([self.venv / "bin" / "kg", *args], self.workdir, check=check, env=env)

    def py(self, code: str) -> str:
        return _run([self.python, "-c", code], self.workdir).stdout.strip()


def _venv(path: Path) -> Path:
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", path], path.parent)
    return path


@pytest.fixture(scope="module", params=["wheel", "pip install ."])
def installed(request, tmp_path_factory) -> Install:
    """kg in a fresh venv: from the wheel ``python -m build`` makes out of the sdist, or ``pip install .``."""
    base = tmp_path_factory.mktemp("install")
    src = _copy_source(base / "src")
    venv = _venv(base / "venv")
    wheel = None
    if request.param == "wheel":
        _run([sys.executable, "-m", "build", "--outdir", base / "dist", src], base)
        (wheel,) = (base / "dist").glob("kg-*.whl")
        _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], base)
    else:
        _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", src], base)
    work = base / "elsewhere"
    work.mkdir()
    return Install(venv, work, wheel)


@pytest.fixture(scope="module")
def checkout_build(tmp_path_factory) -> Path:
    """The checkout's own build of the sample corpus (kg from the source tree, in this process)."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("checkout") / "exports"
    assert main(["build", str(SAMPLES), "-o", str(out), "--quiet", "-j", "1"]) == 0
    return out


def test_installed_kg_is_the_package_with_its_rules_inside(installed):
    info = json.loads(installed.py(
        "import json, kg, kg.paths, kg.rules, kg.pipeline; print(json.dumps([kg.__file__, str(kg.paths.CHECKOUT), "
        "str(kg.rules.default_rules_dir()), str(kg.pipeline.TRAINED_MODEL)]))"))
    site = str(installed.venv)
    kg_file, checkout, rules, model = info
    assert kg_file.startswith(site) and checkout == "None"
    assert rules.startswith(site) and rules.endswith(os.path.join("kg", "data", "rules"))
    assert model.startswith(site)
    shipped = {p.relative_to(rules).as_posix(): p.read_bytes() for p in Path(rules).rglob("*") if p.is_file()}
    source = {p.relative_to(ROOT / "rules").as_posix(): p.read_bytes()
              for p in (ROOT / "rules").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert shipped == source and source


def test_package_holds_rules_and_model_and_nothing_else(installed):
    """What pip installed (the RECORD of the dist-info; for the wheel, also the wheel's own list)."""
    import zipfile

    (record,) = installed.venv.glob("lib/python*/site-packages/kg-*.dist-info/RECORD")
    lists = [{line.split(",")[0] for line in record.read_text(encoding="utf-8").splitlines()}]
    if installed.wheel is not None:
        lists.append(set(zipfile.ZipFile(installed.wheel).namelist()))
    rules = {f"kg/data/rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    model = {f"kg/{p.relative_to(ROOT / 'kg').as_posix()}" for p in (ROOT / "kg" / "trained").rglob("*") if p.is_file()}
    for names in lists:
        assert rules and rules <= names and model and model <= names
        tops = {n.split("/")[0] for n in names if not n.startswith("..")}   # ../../../bin/kg: the script
        assert {t for t in tops if not t.startswith("kg-")} == {"kg"}, tops


def test_installed_kg_builds_renders_as_the_checkout(installed, checkout_build):
    out = installed.workdir / "exports"
    installed.kg("build", SAMPLES, "-o", out, "--quiet")
    for name in ("graph.json", "triples.jsonl"):
        assert (out / name).read_text(encoding="utf-8") == (checkout_build / name).read_text(encoding="utf-8"), name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["records_read"] == 10 and report["nodes"]["Dataset"] > 0

    from kg.io import load_graph
    from kg.render import write_html

    page = installed.workdir / "page.html"
    proc = installed.kg("render", out / "graph.graphml", "-o", page)
    expected = installed.workdir / "expected.html"
    r = write_html(load_graph(checkout_build / "graph.graphml"), expected)
    assert f"{r.nodes} nodes" in proc.stderr and r.nodes >= 50  # (a real graph, not an empty page)
    assert page.read_bytes() == expected.read_bytes()


def test_installed_kg_evaluates_a_gold_file(installed, capsys):
    from kg.cli import main

    gold = installed.workdir / "tiny_gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    printed = installed.kg("eval", gold.name).stdout
    capsys.readouterr()
    assert main(["eval", str(gold)]) == 0
    assert printed == capsys.readouterr().out
    assert "tiny_gold.jsonl: scirex, split all, 2 papers, 2 records" in printed
    assert "found 2/2 recall 1.000" in printed


def test_installed_kg_says_what_is_missing(installed, tmp_path):
    proc = installed.kg("train", tmp_path / "model", check=False)
    assert proc.returncode == 2
    assert proc.stderr == "kg: error: training data not found: ../shared/eval/graph_gold_train.jsonl\n"
    env = {**_env(), "KG_RULES": str(tmp_path / "no-rules")}
    proc = installed.kg("extract", SAMPLES / "papers.jsonl", "-o", tmp_path / "x.jsonl", "--quiet",
                      check=False, env=env)
    assert proc.returncode == 3
    assert proc.stderr == f"kg: error: {tmp_path / 'no-rules'}: rules folder not found (set KG_RULES or pass rules_dir)\n"


def test_readme_first_command_in_a_copy_of_the_clone(tmp_path, checkout_build):
    """The README's opening command, as written (pip install -e . && kg build ...), in a copy of the
    source tree with a fresh venv's ``pip`` and ``kg`` on PATH; the editable kg reads the copy's rules/."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```bash\n(.*?)\n```", readme, re.S).group(1)
    assert command.startswith("pip install -e . && kg build samples/ -o exports/ --html"), command
    src = _copy_source(tmp_path / "src")
    venv = _venv(tmp_path / "venv")
    (venv / "bin" / "pip").write_text(f'#!/bin/sh\nexec "{venv}/bin/python" -m pip "$@"\n', encoding="utf-8")
    (venv / "bin" / "pip").chmod(0o755)
    env = {**_env(), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    _run(["bash", "-ec", command], src, env=env)
    assert (src / "exports" / "graph.html").is_file()
    for name in ("graph.json", "triples.jsonl"):
        expected = (checkout_build / name).read_text(encoding="utf-8").replace(f"{ROOT}{os.sep}", "")  # samples/...
        assert (src / "exports" / name).read_text(encoding="utf-8") == expected, name
    (tmp_path / "elsewhere").mkdir()
    code = "import kg, kg.rules; print(kg.__file__); print(kg.rules.default_rules_dir())"
    kg_file, rules = _run([venv / "bin" / "python", "-c", code], tmp_path / "elsewhere").stdout.split()
    assert (kg_file, rules) == (str(src / "kg" / "__init__.py"), str(src / "rules"))
    assert not (src / "kg" / "data").exists()   # no second copy of the rules in the source tree


def test_checkout_resolution_and_the_error_without_rules(monkeypatch, tmp_path):
    from kg import paths
    from kg.errors import RulesError
    from kg.rules import default_rules_dir

    monkeypatch.delenv("KG_RULES", raising=False)
    assert paths.CHECKOUT == ROOT and default_rules_dir() == ROOT / "rules"
    assert paths.SHARED_EVAL == ROOT.parent / "shared" / "eval"
    (tmp_path / "kg").mkdir()
    assert paths._checkout(tmp_path / "kg") is None   # a package folder with no checkout around it
    monkeypatch.setenv("KG_RULES", str(tmp_path))
    assert default_rules_dir() == tmp_path
    monkeypatch.delenv("KG_RULES")
    monkeypatch.setattr(paths, "CHECKOUT", None)   # as installed, but without kg/data/rules
    with pytest.raises(RulesError, match=r"data/rules: no rules in the installed package .*set KG_RULES"):
        default_rules_dir()


# --------------------------------------------------------------------------- declared dependencies

def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(requirements: list[str]) -> set[str]:
    return {_normalise(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", r).group(1)) for r in requirements}


def _imports(path: Path) -> set[str]:
    """Top-level names of the absolute imports anywhere in a module (function bodies included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _module_level_imports(path: Path) -> set[str]:
    """Top-level names of the absolute imports made when a module is imported (not in a function)."""
    names = set()

    def visit(node) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Import):
                names.update(a.name.split(".")[0] for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names.add(child.module.split(".")[0])
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return names


def undeclared_imports(root: Path = ROOT) -> list[str]:
    """Imports of the repository's Python files that no declared requirement provides.

    ``kg/`` may use the standard library and ``[project] dependencies``, and inside functions (the
    command that needs one imports it when it runs) the packages of a user-facing extra (``fetch``,
    ``dask``: every extra but ``test``); ``setup.py`` the build requirements; tests, benchmarks and
    scripts also the optional extras (``[test]``). Import names are mapped to distributions with
    :func:`importlib.metadata.packages_distributions`.
    """
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = _requirement_names(meta["project"]["dependencies"])
    optional = meta["project"].get("optional-dependencies", {})
    extras = runtime | {n for reqs in optional.values() for n in _requirement_names(reqs)}
    lazy = runtime | {n for name, reqs in optional.items() if name != "test" for n in _requirement_names(reqs)}
    build = _requirement_names(meta["build-system"]["requires"])
    dists = packages_distributions()
    problems = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in _NOT_SOURCE or any(p.endswith(".egg-info") or p in _NOT_SOURCE for p in rel.parts):
            continue
        allowed = runtime if rel.parts[0] == "kg" else build if rel.as_posix() == "setup.py" else extras
        local = {p.stem for p in path.parent.glob("*.py")} | {"kg", "__future__"}
        at_import = _module_level_imports(path)
        for name in sorted(_imports(path) - set(sys.stdlib_module_names) - local):
            provided = {_normalise(d) for d in dists.get(name, ())}
            ok = lazy if rel.parts[0] == "kg" and name not in at_import else allowed
            if not (provided | {_normalise(name)}) & ok:  # tomli: declared for 3.10 only, absent here
                found = ", ".join(sorted(provided)) or "no installed distribution"
                problems.append(f"{rel}: imports {name} ({found}), not declared for it in pyproject.toml")
    return problems


def test_every_import_is_declared():
    assert undeclared_imports() == []


def test_the_import_check_finds_an_undeclared_package(tmp_path):
    (tmp_path / "kg").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\n[project]\ndependencies = ["networkx>=3"]\n'
        '[project.optional-dependencies]\ntest = ["pytest"]\n', encoding="utf-8")
    (tmp_path / "kg" / "a.py").write_text("import os\nimport networkx\n\ndef f():\n    import pytest\n    import tomli\n",
                                         encoding="utf-8")
    (tmp_path / "setup.py").write_text("from setuptools import setup\n", encoding="utf-8")
    assert undeclared_imports(tmp_path) == [
        "kg/a.py: imports pytest (pytest), not declared for it in pyproject.toml",
        "kg/a.py: imports tomli (no installed distribution), not declared for it in pyproject.toml",
    ]


def test_kg_may_import_a_user_extra_inside_a_function_only(tmp_path):
    (tmp_path / "kg").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\n[project]\ndependencies = ["networkx>=3"]\n'
        '[project.optional-dependencies]\nextra = ["pytest"]\n', encoding="utf-8")
    (tmp_path / "kg" / "lazy.py").write_text("def f():\n    import pytest\n", encoding="utf-8")
    (tmp_path / "kg" / "eager.py").write_text("import pytest\n", encoding="utf-8")
    assert undeclared_imports(tmp_path) == ["kg/eager.py: imports pytest (pytest), not declared for it in pyproject.toml"]
