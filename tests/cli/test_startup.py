"""Start-up: ``kyotei`` and ``import kyotei.cli`` load only what every command needs.

The heavy stacks — rdflib, pydantic, the loaders' format readers (openpyxl, pdfplumber,
numpy), the server, the analytics, ``importlib.metadata`` — are imported by the command
that uses them. Checked by what a fresh interpreter has imported, not by timing (the
figures are in benchmarks/bench_startup.py and benchmarks/README.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kyotei.cli import DEFAULT_BASE_IRI, app

HEAVY = ("rdflib", "pydantic", "pydantic_settings", "importlib.metadata", "numpy", "openpyxl",
         "pdfplumber", "matplotlib", "networkx", "pyoxigraph", "httpx", "fastapi", "uvicorn",
         "kyotei.loaders", "kyotei.server", "kyotei.pipeline", "kyotei.graph.publish",
         "kyotei.graph.analytics", "rich.table", "rich.progress")


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_importing_the_cli_loads_no_heavy_stack(tmp_path: Path) -> None:
    code = "import sys, kyotei.cli; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert _heavy(out.stdout.split()) == []


def test_kyotei_help_loads_no_heavy_stack(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "kyotei", "--help"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "build" in out.stdout and "sources" in out.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()
                if line.startswith("import time:") and "|" in line]
    assert "kyotei.cli" in imported
    assert _heavy(imported) == []


def test_the_written_out_default_base_iri_is_the_graphs() -> None:
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI as GRAPH_DEFAULT

    assert DEFAULT_BASE_IRI == GRAPH_DEFAULT


@pytest.mark.parametrize("command", ["build", "validate", "export", "report", "query",
                                     "serve", "analyze", "link", "push"])
def test_every_command_keeps_snapshots_in_the_same_default_folder(command: str) -> None:
    found = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    defaults = [p.default for p in found.params if p.name == "build_dir"]
    assert [str(d) for d in defaults] == ["kyotei-build"]


def test_version_is_read_when_asked_for() -> None:
    from importlib.metadata import version

    out = CliRunner().invoke(app, ["version"])
    assert out.exit_code == 0
    assert out.output.strip() == version("kyotei")
