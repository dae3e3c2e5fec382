"""The examples in docstrings are run: every module of the package that has any.

Modules are discovered by walking each installed subpackage (they are mapped from top-level
folders, decision 0001); only modules whose docstrings hold examples are collected, and each
collected module must run at least one, so an item here proves an example passed, not only
that a module imports.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

SKIP = {"kyotei.__main__"}  # running it would start the CLI
ROOTS = ("kyotei", "kyotei.graph", "kyotei.loaders", "kyotei.server")


def _all_modules() -> list[str]:
    names: set[str] = set()
    for root in ROOTS:
        package = importlib.import_module(root)
        names.add(root)
        names.update(info.name for info in pkgutil.walk_packages(package.__path__, root + "."))
    return sorted(names - SKIP)


def _has_examples(name: str) -> bool:
    module = importlib.import_module(name)
    return any(test.examples for test in doctest.DocTestFinder().find(module))


MODULES = [name for name in _all_modules() if _has_examples(name)]


def test_some_modules_have_examples() -> None:
    assert len(MODULES) >= 5, MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
