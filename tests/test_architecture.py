"""The layout keeps its promises (docs/architecture.md, decisions 0001 and 0006).

- Dependencies point one way: loaders → graph ← server, the CLI on top; no web framework
  below the server.
- Inside graph/ and server/, rooms depend on the rooms beneath them only, and never on another
  room's private parts (a module or a name starting with ``_``).
- A room is entered by its door: its ``__init__`` lists in ``__all__`` what other rooms may
  use (modules and names), and an import from another room names only those.
- The house stays readable: no module over 400 lines, no folder of more than 12 modules, no
  two modules of one folder that share a name prefix (a room hiding in a prefix), every
  package says what it is for, and every package folder is in the install.
- Nothing in the repository can be imported as ``kyotei`` from the clone's root.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ("cli", "graph", "loaders", "server")
WEB = ("fastapi", "starlette", "uvicorn", "jinja2")
TOP = ("kyotei.cli", "kyotei.pipeline", "kyotei.commands", "kyotei.serve", "kyotei.views")
# (folder, modules it must never import)
FORBIDDEN = {
    "loaders": ("kyotei.server", *TOP, *WEB),
    "graph": ("kyotei.loaders", "kyotei.server", *TOP, *WEB),
    "server": ("kyotei.loaders", *TOP),
}
# Rooms inside a package and the rooms each may import (its own room always).
ROOMS: dict[str, dict[str, set[str]]] = {
    "kyotei.graph": {
        "model": set(),
        "identity": {"model"},
        "curation": {"model", "identity"},
        "build": {"model", "identity", "curation"},
        "publish": {"model", "build"},
        "analytics": {"model", "publish"},
    },
    "kyotei.server": {
        "engine": {"core"},
        "protocol": {"core", "engine"},
        "pages": {"core", "engine", "protocol"},
        "core": {"engine"},  # settings, state, errors, security, runtime
        "app": {"core", "engine", "protocol", "pages"},  # the door: the app factory
    },
}
MAX_LINES = 400
MAX_MODULES = 12


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    head = {"cli": ["kyotei"], "graph": ["kyotei", "graph"], "loaders": ["kyotei", "loaders"],
            "server": ["kyotei", "server"]}[parts[0]]
    name = ".".join(head + parts[1:])
    return name.removesuffix(".__init__")


def _sources(folder: str = "") -> list[Path]:
    folders = [folder] if folder else list(CODE)
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def _imports(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    """(module, names imported from it) for every absolute import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[tuple[str, tuple[str, ...]]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add((node.module, tuple(alias.name for alias in node.names)))
    return found


def _room(package: str, module: str) -> str | None:
    if not module.startswith(package + "."):
        return None
    head = module[len(package) + 1:].split(".")[0]
    if package == "kyotei.server" and head not in ROOMS[package]:
        return "core"
    return head


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_dependencies_point_one_way(folder: str) -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources(folder)
        for name, _ in sorted(_imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[folder])
    ]
    assert offences == []


@pytest.mark.parametrize("package", sorted(ROOMS))
def test_rooms_depend_on_the_rooms_beneath_only(package: str) -> None:
    folder = package.split(".")[1]
    offences = []
    for path in _sources(folder):
        me = _module_name(path)
        mine = _room(package, me)
        if mine is None:
            continue
        for name, _names in _imports(path):
            theirs = _room(package, name)
            if theirs is None or theirs == mine:
                continue
            if theirs not in ROOMS[package].get(mine, set()):
                offences.append(f"{me} ({mine}) imports {name} ({theirs})")
    assert offences == []


def test_no_room_reaches_into_another_rooms_private_parts() -> None:
    offences = []
    for path in _sources():
        me = _module_name(path)
        for name, names in _imports(path):
            if not name.startswith("kyotei."):
                continue
            same_room = name.rsplit(".", 1)[0] == me.rsplit(".", 1)[0] or name.startswith(
                me.rsplit(".", 1)[0] + "."
            )
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if any(part.startswith("_") and not part.startswith("__")
                   for part in name.split(".")):
                private.append(name)
            if private and not same_room:
                offences.append(f"{me} imports {name}: {private}")
    assert offences == []


def _door(module: str) -> str:
    """The room package a module belongs to, for the door rule: a room of graph/, server/ or
    loaders/ (their own core modules form the room of the package itself)."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] in {"graph", "server", "loaders"}:
        if parts[1] == "graph" or parts[2] in DOORS[parts[1]]:
            return ".".join(parts[:3])
        return ".".join(parts[:2])
    return ".".join(parts[:2]) if parts[:2] in (["kyotei", "server"], ["kyotei", "loaders"]) \
        else "kyotei"


DOORS = {"server": {"engine", "protocol", "pages"},
         "loaders": {"formats", "fields", "layouts"}}


def _all_of(init: Path) -> set[str] | None:
    """The names an ``__init__`` lists in ``__all__`` (None when it has none)."""
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return None


def _public(door: str) -> set[str] | None:
    """What a room's door (its package's ``__init__``) lets other rooms use."""
    head, *rest = door.split(".")[1:] or [""]
    folder = {"graph": "graph", "server": "server", "loaders": "loaders", "": "cli"}[head]
    return _all_of((ROOT / folder).joinpath(*rest, "__init__.py"))


def test_rooms_are_entered_by_their_doors() -> None:
    offences = []
    for path in _sources():
        me = _module_name(path)
        for name, names in _imports(path):
            if not name.startswith("kyotei") or _door(name) == _door(me):
                continue
            door = _door(name)
            public = _public(door)
            if public is None:
                offences.append(f"{door} has no __all__ (imported by {me})")
                continue
            wanted = set(names) if name == door else {name[len(door) + 1:].split(".")[0]}
            if wanted - public:
                offences.append(f"{me} imports {name}: {sorted(wanted - public)} not in "
                                f"{door}.__all__")
    assert offences == []


def test_every_door_lists_what_exists() -> None:
    missing = []
    for init in _sources():
        if init.name != "__init__.py":
            continue
        door = _module_name(init)
        tree = ast.parse(init.read_text(encoding="utf-8"))
        public = _all_of(init)
        if not public:
            continue
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        for lazy in (n for n in tree.body
                     if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"):
            defined.update(c.value for c in ast.walk(lazy)  # names a module __getattr__ gives
                           if isinstance(c, ast.Constant) and isinstance(c.value, str))
        for node in ast.walk(tree):  # top-level statements, also those inside try/if
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                defined.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                defined.update(t.id for t in targets if isinstance(t, ast.Name))
        modules = {p.stem for p in init.parent.glob("*.py")} | {
            p.name for p in init.parent.iterdir() if (p / "__init__.py").exists()
        }
        missing += [f"{door}.{n}" for n in sorted(public - defined - modules)]
    assert missing == []


def test_modules_are_small_and_folders_are_rooms_not_prefixes() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    by_folder: dict[Path, list[str]] = defaultdict(list)
    for p in _sources():
        if p.name != "__init__.py":
            by_folder[p.parent].append(p.stem)
    crowded = [f"{d.relative_to(ROOT)}: {len(m)} modules"
               for d, m in by_folder.items() if len(m) > MAX_MODULES]
    prefixed = []
    for d, modules in by_folder.items():
        heads: dict[str, list[str]] = defaultdict(list)
        for m in (name.lstrip("_") for name in modules):
            if "_" in m:
                heads[m.split("_")[0]].append(m)
        for head, group in heads.items():
            if len(group) > 1 or (group and head in {n.lstrip("_") for n in modules}):
                members = sorted(set(group) | ({head} & {n.lstrip("_") for n in modules}))
                prefixed.append(f"{d.relative_to(ROOT)}: {members}")
    assert (long, crowded, prefixed) == ([], [], [])


def test_every_package_says_what_it_is_for_and_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set()
    undocumented = []
    for init in _sources():
        if init.name != "__init__.py":
            continue
        found.add(_module_name(init))
        if ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) is None:
            undocumented.append(str(init.relative_to(ROOT)))
    for data in ("ontology", "shapes"):
        found.add(f"kyotei.{data}")
    # the pages' data folders (queries, static files, templates) are listed as packages of
    # their own so that setuptools installs them; they hold files, no __init__.py
    folders = config["tool"]["setuptools"]["package-dir"]
    for name in listed - found:
        root = max((k for k in folders if name.startswith(f"{k}.")), key=len, default=None)
        if root is None:
            continue
        folder = ROOT / folders[root] / name[len(root) + 1:].replace(".", "/")
        if folder.is_dir() and any(folder.iterdir()) and not (folder / "__init__.py").exists():
            found.add(name)
    assert undocumented == []
    assert found == listed


def test_nothing_at_the_top_level_is_importable_as_kyotei() -> None:
    assert not (ROOT / "kyotei").exists()
    # From the clone's root (where `kyotei serve` starts its workers), `kyotei` is the
    # installed package (or the editable mapping onto cli/), never a folder found on sys.path.
    code = "import kyotei.server, sys; print(kyotei.server.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert Path(out.stdout.strip()).resolve() in {
        (ROOT / "server" / "__init__.py").resolve(),
    } or "site-packages" in out.stdout


def test_no_top_level_graph_or_server_package_is_importable_from_elsewhere(
    tmp_path: Path,
) -> None:
    code = (
        "import importlib.util as u;"
        "print(u.find_spec('graph') is None and u.find_spec('server') is None"
        " and u.find_spec('kyotei.graph') is not None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"
