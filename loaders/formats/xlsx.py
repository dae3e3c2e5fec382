"""XLSX workbooks: every worksheet as a part holding one table.

Read with openpyxl in normal mode (read-only mode does not give merged ranges), with the
values Excel last calculated for formulas (``data_only``; a formula never calculated reads
as empty). Each cell keeps the text it shows (:mod:`.number_formats`) and its typed value:
an Excel date cell keeps a ``datetime``, a date typed as text stays text.

Every worksheet is read, hidden ones too (the part says ``hidden``; the general reader
does not read such a part as data); chart sheets have no cells and are skipped. Hidden
columns are left out and hidden rows are read (decision 0022, amended: a filter hides rows
too); the document lists each (``Document.hidden``) for the build to report. A merged
range's other positions are filled with its top-left cell's text and value, each recording
``filled_from`` that cell's locator. Rows blank in every cell are left out, and columns
blank in every row at either end are trimmed; locators are the sheet's own addresses
(``Sheet1!C12``), so nothing moves.
"""

from __future__ import annotations

import zipfile
from datetime import date, time
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kyotei.loaders.document import Cell, CellValue, Document, Format, Locator, Part, Table
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats.grid import is_blank, used_columns
from kyotei.loaders.formats.number_formats import displayed_text

__all__ = ["read_xlsx"]


def _typed(value: object) -> CellValue:
    """The value kept beside the text: numbers, dates, times, booleans; None for text."""
    if isinstance(value, date | time | int | float):  # datetime and bool are among these
        return value
    return None


def _hidden(sheet: Worksheet) -> tuple[set[int], set[int]]:
    """The sheet's hidden rows and columns (1-based numbers)."""
    rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    columns = {c for dim in sheet.column_dimensions.values() if dim.hidden and dim.min
               for c in range(dim.min, (dim.max or dim.min) + 1)}
    return rows, columns


def _read_sheet(sheet: Worksheet, number: int, hidden: list[tuple[str, str, bool]]) -> Part:
    table = Locator(number, 1, format=Format.XLSX, table=1, name=sheet.title)
    hidden_rows, hidden_columns = _hidden(sheet)
    texts: dict[tuple[int, int], tuple[str, CellValue]] = {}
    struck: set[tuple[int, int]] = set()  # cells whose font strikes the text through
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                text = displayed_text(cell.value, cell.number_format)
                texts[(cell.row, cell.column)] = (text, _typed(cell.value))
                if cell.font is not None and cell.font.strike:
                    struck.add((cell.row, cell.column))
    filled: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        top_left = (merged.min_row, merged.min_col)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != top_left and top_left in texts:
                    filled[(r, c)] = top_left
    positions = set(texts) | set(filled)
    if not positions:
        return Part(number, sheet.title, (), sheet.sheet_state != "visible")
    width = max(c for _, c in positions)

    def text_at(r: int, c: int) -> str:
        source = filled.get((r, c), (r, c))
        return texts.get(source, ("", None))[0]

    hidden += [(f"{table}!{get_column_letter(c)}:{get_column_letter(c)}", "hidden column", False)
               for c in sorted(hidden_columns) if any(pc == c for _, pc in positions)]
    hidden += [(str(table.cell(r, 0)), "hidden row", True)
               for r in sorted(hidden_rows) if any(pr == r for pr, _ in positions)]
    grid_rows = sorted({r for r, _ in positions})
    shown = [c for c in range(1, width + 1) if c not in hidden_columns]
    grid = [[text_at(r, c) for c in shown] for r in grid_rows]
    kept = [(r, texts_row) for r, texts_row in zip(grid_rows, grid, strict=True)
            if not all(is_blank(t) for t in texts_row)]
    first, end = used_columns([texts_row for _, texts_row in kept])
    rows: list[tuple[Cell, ...]] = []
    for r, _ in kept:
        cells = []
        for c in shown[first:end]:
            origin_at = filled.get((r, c))
            text, value = texts.get(origin_at or (r, c), ("", None))
            origin = table.cell(*origin_at) if origin_at else None
            cells.append(Cell(text, table.cell(r, c), origin, value,
                              struck=(origin_at or (r, c)) in struck))
        rows.append(tuple(cells))
    blocks = (Table(table, tuple(rows)),) if rows else ()
    return Part(number, sheet.title, blocks, sheet.sheet_state != "visible")


def read_xlsx(path: Path) -> Document:
    """Read every worksheet of an XLSX workbook."""
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise SourceFileError(str(path), None, "file not found") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise SourceFileError(str(path), None, f"not readable as XLSX: {err}") from None
    try:
        sheets = [s for s in book.worksheets if isinstance(s, Worksheet)]
        hidden: list[tuple[str, str, bool]] = []
        parts = tuple(_read_sheet(sheet, i, hidden) for i, sheet in enumerate(sheets, start=1))
    finally:
        book.close()
    hidden += [(str(Locator(part.number, 1, format=Format.XLSX, table=1, name=part.name)),
                "hidden sheet", False) for part in parts if part.hidden and part.blocks]
    return Document(path, Format.XLSX, parts, hidden=tuple(hidden))
