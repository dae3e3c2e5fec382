"""PDF files: ruled tables as tables of cells, all other text as lines, page by page.

Read with pdfplumber. On each page, the tables its ruling lines draw (pdfplumber's "lines"
strategy) become :class:`~kyotei.loaders.document.Table` objects (``p3 t1 r12 c2``); a
ruled box of a single cell is a frame, not a table, and its text is read as lines. A
spanning cell covers grid positions that pdfplumber returns as None: each such position
is filled with the spanning cell's text and ``filled_from`` its locator (a None position no
cell covers stays an empty cell with no ``filled_from``).

Text outside the tables — all of a page's text where it has no ruled table, the text layout
fallback — becomes :class:`~kyotei.loaders.document.Line` objects (``p3 l17``, numbered per
page), built from pdfplumber's words (:mod:`.word_lines`): words whose vertical middles are
within half a line height make one line, left to right; a gap narrower than 1.5 times the
font size is one space, a wider one — a column gap — is a run of at least two spaces, one
per half font size of gap, so columns stay visible and can be split on runs of spaces. A
line starting right of the page's leftmost text is indented by spaces in the same unit.

Lines and tables are ordered by their top on the page. A glyph drawn twice at almost the
same place (the "fake bold" of many Japanese PDFs) is read once (pdfplumber's
``dedupe_chars``), so a name does not come out with every character doubled.

Repeated page headers and footers are kept: deciding what is page furniture is the layouts'
job, and the page number is in every locator. A page with no text at all (a scanned image)
gives an empty part and a note.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable
from pdfplumber.utils.exceptions import PdfminerException

from kyotei.loaders.document import Block, Cell, Document, Format, Line, Locator, Part, Table
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats.columns import split_columns
from kyotei.loaders.formats.word_lines import TextLine, text_lines, word_lines

__all__ = ["read_pdf"]

log = logging.getLogger(__name__)

Bbox = tuple[float, float, float, float]


def _is_table(found: PlumberTable) -> bool:
    """A ruled table has at least two grid positions; one ruled box is a frame."""
    rows = found.rows
    return len(rows) > 1 or (bool(rows) and len(rows[0].cells) > 1)


def _inside(obj: dict[str, Any], boxes: list[Bbox]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def _origin(found: PlumberTable, r: int, c: int, xs: list[float], tops: list[float],
            where: dict[Bbox, tuple[int, int]]) -> tuple[int, int] | None:
    """The (row, column) of the cell that covers the None position (r, c), if any."""
    x1_table, bottom_table = found.bbox[2], found.bbox[3]
    x = (xs[c] + (xs[c + 1] if c + 1 < len(xs) else x1_table)) / 2
    y = (tops[r] + (tops[r + 1] if r + 1 < len(tops) else bottom_table)) / 2
    for (x0, top, x1, bottom), position in where.items():
        if x0 <= x < x1 and top <= y < bottom:
            return position
    return None


def _read_table(found: PlumberTable, locator: Locator) -> Table:
    """The model table of a pdfplumber table, spanning cells filled explicitly."""
    texts = found.extract()
    rows = found.rows
    xs = sorted({cell[0] for cell in found.cells})
    tops = [min(cell[1] for cell in row.cells if cell is not None) for row in rows]
    where: dict[Bbox, tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                where[bbox] = (r, c)
    out: list[tuple[Cell, ...]] = []
    for r, row_texts in enumerate(texts):
        cells = []
        for c, text in enumerate(row_texts):
            here = locator.cell(r + 1, c + 1)
            if text is not None:
                cells.append(Cell(text, here))
                continue
            origin = _origin(found, r, c, xs, tops, where)
            if origin is None:
                cells.append(Cell("", here))
            else:
                source = texts[origin[0]][origin[1]] or ""
                cells.append(Cell(source, here, locator.cell(origin[0] + 1, origin[1] + 1)))
        out.append(tuple(cells))
    return Table(locator, tuple(out))


def _read_page(whole: Page, number: int) -> tuple[Part, str | None]:
    if not whole.chars:
        return Part(number, f"page {number}", ()), f"p{number}: no text (a scanned image?)"
    page = whole.dedupe_chars()
    found = sorted((t for t in page.find_tables() if _is_table(t)),
                   key=lambda t: (t.bbox[1], t.bbox[0]))
    boxes = [t.bbox for t in found]
    outside = page.filter(lambda obj: obj.get("object_type") != "char"
                          or not _inside(obj, boxes))
    words = outside.extract_words(extra_attrs=["size"])
    rows = word_lines(words)  # grouped once: for the column test and for the lines
    groups = None if found else split_columns(rows)
    if groups is None:
        lines = text_lines(rows, min((w["x0"] for w in words), default=0.0))
        items: list[tuple[float, int, TextLine | PlumberTable]] = [
            (line.top, 1, line) for line in lines] + [(t.bbox[1], 0, t) for t in found]
        items.sort(key=lambda item: (item[0], item[1]))
    else:  # text columns: each read top to bottom, left column first
        items = [(0.0, 1, line) for group in groups if group
                 for line in text_lines(group, min(w["x0"] for row in group for w in row))]
    blocks: list[Block] = []
    line_number = table_number = 0
    for _, _, item in items:
        block = len(blocks) + 1
        if isinstance(item, TextLine):
            line_number += 1
            locator = Locator(number, block, format=Format.PDF, line=line_number)
            blocks.append(Line(item.text, locator))
        else:
            table_number += 1
            locator = Locator(number, block, format=Format.PDF, table=table_number)
            blocks.append(_read_table(item, locator))
    return Part(number, f"page {number}", tuple(blocks)), None


def read_pdf(path: Path) -> Document:
    """Read every page of a PDF."""
    parts: list[Part] = []
    notes: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                part, note = _read_page(page, number)
                parts.append(part)
                if note:
                    notes.append(note)
                page.close()
    except FileNotFoundError:
        raise SourceFileError(str(path), None, "file not found") from None
    except (PdfminerException, PSException, PDFSyntaxError) as err:
        reason = str(err) or type(err).__name__
        raise SourceFileError(str(path), None, f"not readable as PDF: {reason}") from None
    for note in notes:
        log.info("%s: %s", path, note)
    return Document(path, Format.PDF, tuple(parts), notes=tuple(notes))
