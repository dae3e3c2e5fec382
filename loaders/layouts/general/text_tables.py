"""Tables printed as text: a header line and rows whose columns line up under it.

A text file (or a PDF's text) keeps a table's columns only as runs of spaces. When a line
reads as a header (:func:`read_header_row` on its runs names a partner column and another
one), the columns are where its runs start, measured in display width (a Japanese character
is two columns wide, as the text was aligned for a fixed-width font). Each later line is cut
under those columns: a run belongs to the column whose start is the nearest at or before
its own, so an empty cell (a country printed once per group) stays empty instead of shifting
the cells after it. A header cut by tabs is a tab-separated table: every line is cut at
its tabs, cell by cell (an empty cell is two tabs in a row).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kyotei.loaders.document import Cell, Line, Locator, Table
from kyotei.loaders.fields.dates import find_date
from kyotei.loaders.fields.headers import Role, read_header_row
from kyotei.loaders.layouts.general.cells import split_runs
from kyotei.loaders.layouts.general.tables import (
    ColumnMap,
    header_key,
    header_roles,
    header_usable,
)

__all__ = ["TextRun", "aligned_by_chars", "cut_line", "read_text_header", "rows_below",
           "text_runs"]

_SLACK = 2  # display columns a run may start before its column's start


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of a text line and the display column it starts at."""

    text: str
    start: int


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_runs(line: str, by_chars: bool = False) -> list[TextRun]:
    """The runs of ``line`` (cut at two spaces, a tab or an ideographic space) and where
    they start: in display columns, or ``by_chars`` in characters.

    >>> [(r.text, r.start) for r in text_runs("No.  国名   大学名")]
    [('No.', 0), ('国名', 5), ('大学名', 12)]
    >>> [r.start for r in text_runs("No.  国名   大学名", by_chars=True)]
    [0, 5, 10]
    """
    expanded = line.expandtabs(8).rstrip("\n")
    runs = []
    for match in re.finditer(r"\S+(?: \S+)*", expanded.replace("\u3000", "  ")):
        before = expanded.replace("\u3000", "  ")[: match.start()]
        runs.append(TextRun(match.group(), len(before) if by_chars else _width(before)))
    return runs


def _column(starts: tuple[int, ...], run: TextRun) -> int:
    """The column a run falls in: the last one starting at or before it (with slack)."""
    return max((i for i, start in enumerate(starts) if start <= run.start + _SLACK), default=0)


def _fit(starts: tuple[int, ...], lines: list[str], by_chars: bool) -> tuple[int, int]:
    """How well ``lines`` stand under columns starting at ``starts``: (the runs that fall
    in a column another run holds, negated; the runs that start where a column starts)."""
    crowded = aligned = 0
    for line in lines:
        runs = text_runs(line, by_chars)
        columns = [_column(starts, run) for run in runs]
        crowded += len(columns) - len(set(columns))
        aligned += sum(1 for run in runs if any(abs(run.start - s) <= 1 for s in starts))
    return -crowded, aligned


def aligned_by_chars(header: TextHeader, line: str, rows: list[str]) -> TextHeader:
    """``header`` measured in characters when its rows line up under it so rather than in
    display width: a converter (``pdftotext -layout``) that sets text on a grid of
    characters, a Japanese character one cell as a Latin one: the measure that crowds no
    more runs into a column another holds and sets more where a column starts. Display
    width when tied.

    >>> header = read_text_header("国名  大学名   締結日")
    >>> rows = ["中国  見本大学  2015.4.1", "    標本大学  2016.5.2"]
    >>> aligned_by_chars(header, "国名  大学名   締結日", rows).by_chars
    True
    """
    if header.tabbed or header.unaligned or not rows:
        return header
    chars = tuple(r.start for r in text_runs(line, by_chars=True))
    if _fit(chars, rows, True) <= _fit(header.starts, rows, False):
        return header  # fewer rows crowded, then more runs under their column's start
    return TextHeader(chars, header.columns, by_chars=True)


@dataclass(frozen=True, slots=True)
class TextHeader:
    """A header line's columns: where each starts, and the column map of its roles."""

    starts: tuple[int, ...]
    columns: ColumnMap
    tabbed: bool = False
    unaligned: bool = False  # cells one ideographic space apart, not set in columns
    by_chars: bool = False  # the columns are counted in characters, not display width


def read_text_header(line: str) -> TextHeader | None:
    """The header a text line prints, or None (see the module docstring)."""
    tabbed = "\t" in line.strip()
    cells = _tab_cells(line) if tabbed else [r.text for r in text_runs(line)]
    if len([c for c in cells if c]) < 3:
        return None
    reading = read_header_row(cells)
    if not header_usable(reading, len(cells)) or (Role.NUMBER in reading.roles and len(
            reading.roles) < 3):
        return None
    texts = tuple(header_key(c) for c in cells)
    starts = () if tabbed else tuple(r.start for r in text_runs(line))
    unaligned = not tabbed and "\u3000" in line.strip() and "  " not in line.strip()
    return TextHeader(starts, ColumnMap(-1, header_roles(reading), len(cells), texts), tabbed,
                      unaligned)


def _tab_cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _ideographic_tabs(cells: list[str], width: int) -> list[str]:
    """A tab-separated row short of the header's width where one field, cut at its
    ideographic spaces, gives exactly the missing cells (``中国　　北京大学`` typed for
    ``中国<tab>北京大学``): that field cut; else the row as it is."""
    for i, cell in enumerate(cells):
        pieces = [p for p in _IDEOGRAPHIC_GAP.split(cell) if p]
        if len(pieces) > 1 and len(cells) - 1 + len(pieces) == width:
            return [*cells[:i], *pieces, *cells[i + 1:]]
    return cells


_IDEOGRAPHIC_GAP = re.compile("\u3000+")


def cut_line(line: str, header: TextHeader, locator: Locator) -> tuple[Cell, ...]:
    """The cells of a text line under ``header``'s columns (empty where nothing stands).

    Under a header whose cells are one ideographic space apart (typed, not aligned), a line
    with exactly one run per column whose runs do not stand under the columns (two would
    fall in one) has its runs as its cells, in order.

    >>> from kyotei.loaders.document import Format
    >>> header = read_text_header("協定校　国・地域　締結日")
    >>> where = Locator(Format.TEXT, 1, 1, line=1)
    >>> [c.verbatim for c in cut_line("ナントカ工科大学　ドイツ　2015.4.1", header, where)]
    ['ナントカ工科大学', 'ドイツ', '2015.4.1']
    """
    if header.tabbed:
        cells = _tab_cells(line)
        width = header.columns.width
        while len(cells) > width and not cells[0]:  # indented by extra tabs
            cells.pop(0)
        if len(cells) > width:  # more tabs than the header: the rest is the last column's
            cells = [*cells[:width - 1], "  ".join(c for c in cells[width - 1:] if c)]
        if len(cells) < width:
            cells = _ideographic_tabs(cells, width)
        cells += [""] * (width - len(cells))
        return tuple(Cell(text, locator.cell(0, i + 1)) for i, text in enumerate(cells))
    texts: list[list[str]] = [[] for _ in header.starts]
    runs = text_runs(line, header.by_chars)
    for run in runs:
        index = 0
        for i, start in enumerate(header.starts):
            if start <= run.start + _SLACK:
                index = i
        texts[index].append(run.text)
    if header.unaligned and len(runs) == len(header.starts) and any(len(p) > 1 for p in texts):
        # a header whose cells are one ideographic space apart sets no columns: a line with
        # one run per column whose runs do not stand under them gives one run per column
        texts = [[run.text] for run in runs]
    _date_one_space_before(texts, header.columns.first(Role.DATE))
    return tuple(Cell("  ".join(parts), locator.cell(0, i + 1))
                 for i, parts in enumerate(texts))


def _date_one_space_before(texts: list[list[str]], date: int | None) -> None:
    """A date printed one space after the cell before its column (a long cell that ran up
    to it: ``Faculty of Arts 2015.4.1``) is the date column's: moved there, when that
    column is empty and the date ends the run."""
    if not date or texts[date] or not texts[date - 1]:
        return
    last = texts[date - 1][-1]
    found = find_date(last)
    if found is not None and found.span[0] > 0 and last[found.span[0] - 1] == " " and \
            not last[found.span[1]:].strip() and last[: found.span[0]].strip():
        texts[date - 1][-1] = last[: found.span[0]].rstrip()
        texts[date] = [last[found.span[0]:]]


def rows_below(below: tuple[Line | Table, ...]) -> list[Line]:
    """The lines below a text table's header line that are its rows: those cut into
    cells, up to the next table or header line of the page."""
    rows: list[Line] = []
    for block in below:
        if not isinstance(block, Line) or read_text_header(block.verbatim) is not None:
            break
        if len(split_runs(block.verbatim)) > 1:
            rows.append(block)
    return rows
