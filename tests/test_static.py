"""Static checks that CI keeps: ruff over the tree, mypy --strict over the package.

The package is mapped from top-level folders (docs/decisions/0001), which mypy cannot
follow; the test lays the folders out as ``kyotei/`` in a temporary tree of symlinks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPPED = ("graph", "loaders", "server", "ontology", "shapes")


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean() -> None:
    result = subprocess.run(
        ["ruff", "check", "--no-cache", str(ROOT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    package = tmp_path / "kyotei"
    package.mkdir()
    for item in (ROOT / "cli").iterdir():
        (package / item.name).symlink_to(item)
    for name in MAPPED:
        (package / name).symlink_to(ROOT / name)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--config-file", str(ROOT / "pyproject.toml"), "-p", "kyotei"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
