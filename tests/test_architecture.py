"""Dependencies point one way: loaders → graph ← server, the CLI on top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"loaders": "kyotei.loaders", "graph": "kyotei.graph", "server": "kyotei.server"}
WEB = ("fastapi", "starlette", "uvicorn", "jinja2")
# (package, modules it must never import)
FORBIDDEN = {
    "loaders": ("kyotei.server", "kyotei.cli", "kyotei.pipeline", "kyotei.commands", *WEB),
    "graph": (
        "kyotei.loaders", "kyotei.server", "kyotei.cli", "kyotei.pipeline",
        "kyotei.commands", *WEB,
    ),
    "server": ("kyotei.loaders", "kyotei.cli", "kyotei.pipeline", "kyotei.commands"),
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_dependencies_point_one_way(folder: str) -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in sorted(imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[folder])
    ]
    assert offences == []


def test_no_top_level_graph_or_server_package_is_importable_from_elsewhere(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    code = (
        "import importlib.util as u;"
        "print(u.find_spec('graph') is None and u.find_spec('server') is None"
        " and u.find_spec('kyotei.graph') is not None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"
