"""One build step on top of pyproject.toml: ship the top-level ``rules/`` inside the package.

``rules/`` stays the one editable source of the rules (a checkout and an editable install read it
in place, see kg/paths.py); a built package gets a copy of it as ``kg/data/rules``, made here when
the wheel is built, so the repository never holds two copies. MANIFEST.in puts ``rules/`` in the
sdist, so a wheel built from the sdist has it too. Everything else is in pyproject.toml.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
RULES = "rules"
PACKAGED_RULES = ("kg", "data", "rules")  # kg.paths.PACKAGED_RULES, inside the package


class build_py_with_rules(build_py):
    """``build_py`` that also copies ``rules/`` (every file, sub-folders included) into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads rules/ where it is
        src = HERE / RULES
        if not src.is_dir():
            raise SystemExit(f"setup.py: {src} not found: the rules must ship inside the package")
        dest = Path(self.build_lib, *PACKAGED_RULES)
        for f in sorted(src.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                target = dest / f.relative_to(src)
                self.mkpath(str(target.parent))
                self.copy_file(str(f), str(target), preserve_mode=False)


setup(cmdclass={"build_py": build_py_with_rules})
