"""Every docstring example of the package runs."""
import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(kg.__path__, "kg.")
    if m.name not in ("kg.__main__",)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} failing docstring example(s) in {name}"
