"""Shared fixtures for the format-reader tests: generated PDFs and structure helpers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from kyotei.loaders.document import Document, Line, Table

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _make_pdfs_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pdfs", FIXTURES / "make_pdfs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDFs of tests/fixtures/make_pdfs.py, written once per session."""
    made: dict[str, Path] = _make_pdfs_module().make_all(tmp_path_factory.mktemp("pdfs"))
    return made


Shape = list[list[tuple[str, str, str | None]]]


def grid(table: Table) -> Shape:
    """A table as rows of (verbatim, locator, filled_from) for exact comparison."""
    return [
        [(c.verbatim, str(c.locator), str(c.filled_from) if c.filled_from else None)
         for c in row]
        for row in table.rows
    ]


def outline(doc: Document) -> list[tuple[int, str, str]]:
    """Every block as (part, locator, verbatim or 'TABLE')."""
    return [
        (part.number, str(block.locator),
         block.verbatim if isinstance(block, Line) else "TABLE")
        for part in doc.parts
        for block in part.blocks
    ]
