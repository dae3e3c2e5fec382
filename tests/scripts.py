"""A script of the repository (a fixture maker, a generator) loaded as a module, for tests.

Such scripts are not in a package: each is loaded from its path under a name of its own, so
that a bare name like ``generate`` elsewhere on ``sys.path`` is never taken for it. This
folder is on ``sys.path`` for every test (pytest puts it there for ``tests/conftest.py``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str) -> ModuleType:
    """The Python file at ``path``, run as the module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
