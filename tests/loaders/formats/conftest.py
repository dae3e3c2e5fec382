"""Shared fixtures for the format-reader tests: generated PDFs, structure helpers, and the
error an unreadable file raises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scripts import load_script

from kyotei.loaders.document import Document, Line, Table
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats import read_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDFs of tests/fixtures/make_pdfs.py, written once per session."""
    make_pdfs = load_script(FIXTURES / "make_pdfs.py", "make_pdfs")
    made: dict[str, Path] = make_pdfs.make_all(tmp_path_factory.mktemp("pdfs"))
    return made


Shape = list[list[tuple[str, str, str | None]]]


def grid(table: Table) -> Shape:
    """A table as rows of (verbatim, locator, filled_from) for exact comparison."""
    return [
        [(c.verbatim, str(c.locator), str(c.filled_from) if c.filled_from else None)
         for c in row]
        for row in table.rows
    ]


def sample_rows(at: Callable[[int, int], str], name: str = "見本工科大学",
                signed: tuple[str, str] = ("2001.4.1", "2005.10.1")) -> Shape:
    """The first three rows of the sample table the HTML, PDF and XLSX fixtures share, as
    :func:`grid` gives them: the headings, then two partners in China whose country cells are
    merged (the second filled from the first). ``at(row, column)`` is the format's locator of
    a cell (both from 1); ``name`` the second partner's and ``signed`` the two dates' text."""
    return [
        [("国・地域", at(1, 1), None), ("大学名", at(1, 2), None), ("締結日", at(1, 3), None)],
        [("中国", at(2, 1), None), ("サンプル大学", at(2, 2), None), (signed[0], at(2, 3), None)],
        [("中国", at(3, 1), at(2, 1)), (name, at(3, 2), None), (signed[1], at(3, 3), None)],
    ]


def outline(doc: Document) -> list[tuple[int, str, str]]:
    """Every block as (part, locator, verbatim or 'TABLE')."""
    return [
        (part.number, str(block.locator),
         block.verbatim if isinstance(block, Line) else "TABLE")
        for part in doc.parts
        for block in part.blocks
    ]


def read_error(path: Path, data: bytes) -> SourceFileError:
    """Write ``data`` to ``path`` and read it as a document: the error that must raise."""
    path.write_bytes(data)
    with pytest.raises(SourceFileError) as err:
        read_document(path)
    return err.value
