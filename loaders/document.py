"""The neutral document model: what is in a file, whatever its format.

Every format reader (:mod:`kyotei.loaders.formats`) turns a file into a :class:`Document`:
a list of :class:`Part` (the pages of a PDF or of a text file split by form feeds, the sheets
of a workbook, the one page of an HTML or CSV file), each holding, in reading order, blocks
that are text :class:`Line` objects or :class:`Table` objects whose rows are :class:`Cell`
objects. Layouts read this model, so a layout written once works in every format.

Two texts are kept for every line and cell:

- ``verbatim``: exactly what the reader extracted, never changed afterwards;
- ``folded``: :func:`fold_text` of it — NFKC (full-width ASCII becomes ASCII, Kangxi
  radicals U+2F00–U+2FD5 become the kanji they stand for), the CJK radicals supplement
  mapped by the Unicode equivalence table (``cjk_radicals.toml``), one middle dot ``・``
  for ``·`` ``•`` ``･`` ``‧``, and form feeds removed. Nothing else: spacing, case and
  OCR repairs are the layouts' business.

Each line and cell carries a :class:`Locator` saying where it is in the file, in the form
natural to the format (``l17``, ``p3 t1 r12 c2``, ``Sheet1!C12``, ``table2 r5 c1``,
``r12 c3``).

The filled-cell rule: where a spanning cell (HTML rowspan/colspan, an XLSX merged range, a
PDF cell covering several grid positions) covers a grid position, the reader fills that
position *explicitly* with the spanning cell's text and records ``filled_from``, the locator
of the cell the text comes from. A filled cell is never indistinguishable from one printed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

from kyotei.graph.model.text import fold_typography

__all__ = [
    "INVISIBLE",
    "Block",
    "Cell",
    "CellValue",
    "Document",
    "Format",
    "Line",
    "LineKind",
    "Locator",
    "Part",
    "Row",
    "Table",
    "fold_text",
]

#: A typed value a format stores beside the text (an XLSX number, date or boolean).
CellValue = date | datetime | time | int | float | bool | None

#: Characters that print nothing and are never part of a name: zero-width space, soft
#: hyphen, word joiner, zero-width no-break space (a BOM inside text). NFKC keeps them.
INVISIBLE: dict[int, None] = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))
_EXTRA_DOTS = {**str.maketrans({"\u2027": "・", "\f": None}), **INVISIBLE}
_SHEET_NAME_PLAIN = re.compile(r"^[^\W\d][\w.]*$")  # letters (any script), digits, _ and .


@cache
def _radicals() -> dict[int, str]:
    """The CJK radicals supplement → unified ideograph table, from ``cjk_radicals.toml``."""
    source = resources.files("kyotei.loaders").joinpath("cjk_radicals.toml")
    data = tomllib.loads(source.read_text(encoding="utf-8"))["equivalent"]
    table: dict[int, str] = {}
    for key, value in data.items():
        first, _, last = key.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            table[code] = chr(int(value, 16))
    return table


def fold_text(text: str) -> str:
    """The normalised view of extracted text (see the module docstring for the steps).

    >>> fold_text("⼤学 ＡＢＣ（本校）")
    '大学 ABC(本校)'
    >>> fold_text("⻑崎‧ナントカ･カレッジ")
    '長崎・ナントカ・カレッジ'
    >>> fold_text("\\fpage 2")
    'page 2'
    >>> fold_text("Uni\\u00adversity ナント\\u200bカ大学")
    'University ナントカ大学'
    """
    folded: str = fold_typography(text.translate(_radicals()))
    return folded.translate(_EXTRA_DOTS)


class Format(StrEnum):
    """The file formats the readers know."""

    TEXT = "text"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"
    PDF = "pdf"


def _column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True, slots=True)
class Locator:
    """Where a line, a table, a row or a cell is in its file.

    Locators order in reading order: by ``part`` (page or sheet, 1-based), then ``block``
    (a number that grows in reading order within the part: the position of the line or table
    in it, for a text file the line number), then ``row`` and ``column`` (1-based; 0 for a
    whole row, a table or a line). ``block`` is not printed: ``str()`` gives the compact,
    format-specific form:

    - text: ``l17`` (the 1-based line number of the file, as ``sed -n 17p`` shows it);
    - PDF: ``p3 t1 r12 c2`` for a table cell (``p3 t1 r12`` a row, ``p3 t1`` a table) and
      ``p3 l17`` for the 17th text line of page 3;
    - XLSX: ``Sheet1!C12`` (the sheet's own cell address; ``Sheet1!12:12`` a row,
      ``Sheet1`` the table), the sheet name quoted as Excel does when it holds a space or
      punctuation or starts with a digit;
    - HTML: ``table2 r5 c1`` (``table2 r5``, ``table2``); a list item by its list and its
      place in it, ``list3 item2`` (the 3rd ``ul``/``ol`` of the page, its 2nd ``li``); other
      lines by their kind and index: ``heading3``, ``para4``, ``caption1``, ``text5``;
    - CSV: ``r12 c3`` (the 1-based record number of the file; ``r12`` a row).

    The other fields: ``table`` is the table's number (in its page for PDF, in the page for
    HTML; 0 for a line), ``line`` the line's number (the file's line for text, the page's
    text line for PDF, the index among lines of its ``kind`` for HTML, or of the item in its
    list), ``name`` the sheet name (XLSX), ``in_list`` the list of an HTML list item.

    >>> str(Locator(format=Format.PDF, part=3, block=2, table=1, row=12, column=2))
    'p3 t1 r12 c2'
    >>> str(Locator(format=Format.XLSX, part=1, block=1, row=12, column=3, name="Sheet1"))
    'Sheet1!C12'
    >>> str(Locator(format=Format.XLSX, part=2, block=1, row=4, column=28, name="List A"))
    "'List A'!AB4"
    >>> str(Locator(format=Format.TEXT, part=1, block=17, line=17))
    'l17'
    >>> Locator(format=Format.CSV, part=1, block=1, row=2) < Locator(
    ...     format=Format.CSV, part=1, block=1, row=10)
    True
    """

    part: int
    block: int
    row: int = 0
    column: int = 0
    format: Format = Format.TEXT
    table: int = 0
    line: int = 0
    kind: str = ""
    name: str = ""
    in_list: int = 0  # HTML list item: the number of its list in the page (``line``: in it)

    def __str__(self) -> str:
        return _RENDER[self.format](self)

    def cell(self, row: int, column: int) -> Locator:
        """The locator of a cell of this table (or of this row, when ``row`` is its own)."""
        return Locator(self.part, self.block, row, column, self.format, self.table,
                       self.line, self.kind, self.name, self.in_list)  # not replace: 5x faster


def _rows_and_columns(loc: Locator, table: str) -> str:
    text = table
    if loc.row:
        text += f" r{loc.row}"
    if loc.column:
        text += f" c{loc.column}"
    return text.strip()


def _text_str(loc: Locator) -> str:
    return f"l{loc.line}"


def _pdf_str(loc: Locator) -> str:
    if loc.table:
        return _rows_and_columns(loc, f"p{loc.part} t{loc.table}")
    return f"p{loc.part} l{loc.line}"


def _xlsx_str(loc: Locator) -> str:
    sheet = loc.name if _SHEET_NAME_PLAIN.match(loc.name) else "'{}'".format(
        loc.name.replace("'", "''"))
    if loc.column:
        return f"{sheet}!{_column_letters(loc.column)}{loc.row}"
    if loc.row:
        return f"{sheet}!{loc.row}:{loc.row}"
    return sheet


def _html_str(loc: Locator) -> str:
    if loc.table:
        return _rows_and_columns(loc, f"table{loc.table}")
    if loc.in_list:
        return f"list{loc.in_list} {loc.kind}{loc.line}"
    return f"{loc.kind}{loc.line}"


def _csv_str(loc: Locator) -> str:
    return _rows_and_columns(loc, "") or "table"


_RENDER = {
    Format.TEXT: _text_str,
    Format.PDF: _pdf_str,
    Format.XLSX: _xlsx_str,
    Format.HTML: _html_str,
    Format.CSV: _csv_str,
}


class LineKind(StrEnum):
    """What a line is, where the format says (HTML); plain ``line`` elsewhere."""

    LINE = "line"
    HEADING = "heading"
    PARAGRAPH = "para"
    LIST_ITEM = "item"
    CAPTION = "caption"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text outside any table.

    ``page_break`` is True where the line holds a form feed (text files): the page it
    starts is recorded as a new :class:`Part`, and the verbatim keeps the form feed.
    ``level`` is the heading level (1–6) for an HTML heading, else 0.
    """

    verbatim: str
    locator: Locator
    kind: LineKind = LineKind.LINE
    level: int = 0
    page_break: bool = False
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold_text(self.verbatim))


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid position of a table.

    ``filled_from`` is the locator of the spanning or merged cell whose text fills this
    position, or None for a cell printed where it stands. ``value`` is the typed value where
    the format stores one (an XLSX date, number or boolean; None for text). ``header`` is
    True where the format marks the cell as a header (HTML ``<th>``); ``struck`` where it
    prints the text struck through (an XLSX cell's font).
    """

    verbatim: str
    locator: Locator
    filled_from: Locator | None = None
    value: CellValue = None
    header: bool = False
    struck: bool = False  # the format prints the text struck through (an XLSX font strike)
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold_text(self.verbatim))

    @property
    def filled(self) -> bool:
        """True where the text was filled in from a spanning or merged cell."""
        return self.filled_from is not None


@dataclass(frozen=True, slots=True)
class Table:
    """A table: rows of cells, each row as long as the table is wide after span filling."""

    locator: Locator
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(row) for row in self.rows), default=0)


Block = Line | Table


@dataclass(frozen=True, slots=True)
class Row:
    """One row for a layout: a table row, or a text line as a row of one cell.

    ``table`` is the table the row belongs to, ``line`` the line it stands for (with its
    kind and heading level); exactly one of them is set.
    """

    locator: Locator
    cells: tuple[Cell, ...]
    table: Table | None = None
    line: Line | None = None

    @property
    def texts(self) -> list[str]:
        """The verbatim texts of the cells."""
        return [cell.verbatim for cell in self.cells]

    @property
    def folded(self) -> list[str]:
        """The folded texts of the cells."""
        return [cell.folded for cell in self.cells]


@dataclass(frozen=True, slots=True)
class Part:
    """A page (PDF, text between form feeds, an HTML or CSV file) or a sheet (XLSX)."""

    number: int
    name: str
    blocks: tuple[Block, ...]
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into the neutral model.

    ``encoding`` is the character encoding the text was decoded with (text, CSV, HTML),
    None for binary formats. ``notes`` says what the reader could not read or had to
    decide (a page with no text layer, an encoding that was guessed), each naming its place.
    ``hidden`` lists what the file hides from its reader (an XLSX hidden row, column or
    sheet), each as (locator, what, whether it was read): reported, never lost silently
    (decision 0022: hidden rows are read, hidden columns and sheets are not).
    """

    path: Path
    format: Format
    parts: tuple[Part, ...]
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    hidden: tuple[tuple[str, str, bool], ...] = ()

    @property
    def name(self) -> str:
        """The file name."""
        return self.path.name

    def blocks(self) -> Iterator[Block]:
        """Every line and table, part after part, in reading order."""
        for part in self.parts:
            yield from part.blocks

    def lines(self) -> Iterator[Line]:
        """Every text line outside tables."""
        return (block for block in self.blocks() if isinstance(block, Line))

    def tables(self) -> Iterator[Table]:
        """Every table."""
        return (block for block in self.blocks() if isinstance(block, Table))

    def rows(self) -> Iterator[Row]:
        """Every table row, and every text line as a one-cell row, in reading order."""
        for block in self.blocks():
            if isinstance(block, Table):
                for cells in block.rows:
                    if cells:
                        first = cells[0].locator
                        yield Row(block.locator.cell(first.row, 0), cells, block)
            else:
                yield Row(block.locator, (Cell(block.verbatim, block.locator),), line=block)
