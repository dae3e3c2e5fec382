"""The examples in docstrings are run: every module of the package, through doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

SKIP = {"kyotei.__main__"}  # running it would start the CLI
# The subpackages are mapped from top-level folders, which pkgutil cannot discover from
# kyotei.__path__ alone: list each package and walk its own folder.
PACKAGES = (
    "kyotei", "kyotei.commands", "kyotei.graph", "kyotei.graph.analytics", "kyotei.loaders",
    "kyotei.server",
)


def _modules() -> list[str]:
    names = set(PACKAGES)
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        names.update(info.name for info in pkgutil.iter_modules(path, prefix=package + "."))
    return sorted(names - SKIP)


MODULES = _modules()


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
