"""HTML tables: the grid of a ``<table>`` with rowspan and colspan expanded explicitly, and
the grid of boxes a page draws without a ``<table>`` (:func:`grid_rows`)."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from kyotei.loaders.document import Cell, Locator, Table

__all__ = ["caption_text", "cell_text", "grid_rows", "read_grid", "read_table"]

Ignored = Callable[[lxml.html.HtmlElement], bool]

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_LEADING_NUMBER = re.compile(r"\s*(\d+)")
_MAX_COLSPAN = 1000  # the HTML standard's limit
_CELL_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
                          "h4", "h5", "h6", "blockquote", "pre", "address", "hr"})


def cell_text(element: lxml.html.HtmlElement, is_ignored: Ignored) -> str:
    """The text of a cell or caption: whitespace collapsed, ``<br>`` and blocks as ``\\n``."""
    pieces: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if is_ignored(node):
            pieces.append(node.tail or "")
            return
        tag = node.tag.lower()
        breaks = tag == "br" or tag in _CELL_BLOCKS
        if breaks:
            pieces.append("\n")
        pieces.append(node.text or "")
        for child in node:
            walk(child)
        if breaks:
            pieces.append("\n")
        pieces.append(node.tail or "")

    pieces.append(element.text or "")
    for child in element:
        walk(child)
    lines = (_WHITESPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _struck(element: lxml.html.HtmlElement, text: str) -> bool:
    """Whether the cell's text begins with text struck through (``<del>``, ``<s>``,
    ``<strike>``): a name the list strikes out."""
    struck = " ".join(_WHITESPACE.sub(" ", node.text_content()).strip()
                      for node in element.iter("del", "s", "strike"))
    return bool(struck.strip()) and text.startswith(struck.strip())


def caption_text(table: lxml.html.HtmlElement, is_ignored: Ignored) -> str:
    """The table's caption, or an empty string."""
    for caption in table.iterchildren("caption"):
        if not is_ignored(caption):
            return cell_text(caption, is_ignored)
    return ""


def _span(element: lxml.html.HtmlElement, name: str) -> int:
    match = _LEADING_NUMBER.match(element.get(name, "1"))
    return int(match[1]) if match else 1


def _visible_rows(table: lxml.html.HtmlElement, is_ignored: Ignored) -> list[
        lxml.html.HtmlElement]:
    rows = []
    for tr in table.iter("tr"):
        between = [tr, *(a for a in tr.iterancestors() if a is not table)]
        if any(a is table for a in tr.iterancestors()) and not any(map(is_ignored, between)):
            rows.append(tr)
    return rows


def read_table(table: lxml.html.HtmlElement, locator: Locator, is_ignored: Ignored) -> Table:
    """Read ``table`` (one with no table inside) into a model table at ``locator``.

    Each ``td``/``th`` fills the grid positions it spans: the first with a plain cell, the
    others with the same text and ``filled_from`` the first's locator. A ``rowspan`` of 0 or
    one reaching past the last row stops at the last row; overlapping spans keep the cell
    placed first. Positions no cell covers, between cells, are empty cells.
    """
    trs = _visible_rows(table, is_ignored)
    grid: dict[tuple[int, int], Cell] = {}
    for r, tr in enumerate(trs, start=1):
        c = 1
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in {"td", "th"}:
                continue
            if is_ignored(td):
                continue
            while (r, c) in grid:
                c += 1
            last_row = len(trs)
            rowspan = _span(td, "rowspan")
            rows = last_row - r + 1 if rowspan == 0 else min(max(rowspan, 1), last_row - r + 1)
            columns = min(max(_span(td, "colspan"), 1), _MAX_COLSPAN)
            text = cell_text(td, is_ignored)
            header = td.tag.lower() == "th"
            struck = _struck(td, text)
            origin = locator.cell(r, c)
            for dr in range(rows):
                for dc in range(columns):
                    position = (r + dr, c + dc)
                    if position in grid:
                        continue
                    filled = None if dr == dc == 0 else origin
                    grid[position] = Cell(text, locator.cell(*position), filled, header=header,
                                          struck=struck)
            c += columns
    widths: dict[int, int] = {}
    for row, column in grid:
        widths[row] = max(widths.get(row, 0), column)
    rows_out = []
    for r in range(1, len(trs) + 1):
        width = widths.get(r, 0)
        cells = tuple(grid.get((r, c)) or Cell("", locator.cell(r, c)) for c in range(1, width + 1))
        if any(cell.verbatim.strip() for cell in cells):
            rows_out.append(cells)
    return Table(locator, tuple(rows_out))


_GRID_BOXES = frozenset({"div", "section", "article"})
_NOT_IN_GRID_CELL = frozenset({"table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                               "p", "div", "section", "article", "li", "form", "pre"})
_NOT_CELLS = _NOT_IN_GRID_CELL - {"div", "section", "article"}  # a paragraph is no cell
MIN_GRID_ROWS = 3


def grid_rows(element: lxml.html.HtmlElement,
              is_ignored: Ignored) -> list[list[lxml.html.HtmlElement]] | None:
    """The rows of cells of a grid made of boxes, or None.

    A grid of ``div``s (a CSS grid, ``role="row"`` / ``role="cell"``, no ``<table>``) is an
    element whose shown children, three or more, are all boxes (``div``, ``section``,
    ``article``) with the same number of shown children, two or more, each a box or an inline
    element (not a paragraph, heading or list) holding inline content only (no block, list,
    table or further box inside it); no text stands between
    the rows or between the cells. Such children repeat one structure: they are rows, their
    children cells."""
    if element.tag.lower() not in _GRID_BOXES or (element.text or "").strip():
        return None
    rows = [child for child in element if isinstance(child.tag, str) and not is_ignored(child)]
    if len(rows) < MIN_GRID_ROWS or any(row.tag.lower() not in _GRID_BOXES or
                                        (row.tail or "").strip() or (row.text or "").strip()
                                        for row in rows):
        return None
    cells = [[c for c in row if isinstance(c.tag, str) and not is_ignored(c)] for row in rows]
    widths = {len(row) for row in cells}
    if len(widths) != 1 or min(widths) < 2:
        return None
    for row in cells:
        for cell in row:
            if (cell.tail or "").strip() or cell.tag.lower() in _NOT_CELLS or any(
                    isinstance(d.tag, str) and d.tag.lower() in _NOT_IN_GRID_CELL
                    for d in cell.iterdescendants()):
                return None
    return cells


def read_grid(rows: list[list[lxml.html.HtmlElement]], locator: Locator,
              is_ignored: Ignored) -> Table:
    """The table of a grid of boxes (:func:`grid_rows`): one row per box, one cell per box
    child; a cell with ``role="columnheader"`` is a header cell."""
    table_rows = []
    for r, row in enumerate(rows, start=1):
        table_rows.append(tuple(
            Cell(cell_text(cell, is_ignored), locator.cell(r, c),
                 header=cell.get("role", "").strip().lower() == "columnheader")
            for c, cell in enumerate(row, start=1)))
    return Table(locator, tuple(table_rows))
