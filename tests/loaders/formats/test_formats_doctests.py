"""The docstring examples of the format readers run (tests/test_doctests.py walks only the
top-level packages, and kyotei.loaders.formats is a subpackage)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kyotei.loaders.formats

MODULES = sorted(
    ["kyotei.loaders.formats", "kyotei.loaders.document"]
    + [info.name for info in pkgutil.iter_modules(kyotei.loaders.formats.__path__,
                                                   prefix="kyotei.loaders.formats.")]
)


def test_every_reader_module_is_listed() -> None:
    assert {"kyotei.loaders.formats.pdf", "kyotei.loaders.formats.html"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
