"""A table whose rows a PDF extractor gave one cell per line.

Some extractors write a table cell by cell: the header ``協定校`` / ``国・地域`` / ``締結日``
on three lines, then each row on three lines. Read line by line, a country cell looks like
a country heading (and would give its country to the rows *below* it) and a date alone
belongs to nothing. Here such a header is recognised (two to seven one-run lines that read
together as a header row naming the partner column), and the lines after it are grouped
that many at a time into rows, as long as each group has a name in the name column and no
name elsewhere; the first group that does not fit (a heading, a blank line, a missing
cell) ends the table, and its lines are read as lines again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kyotei.loaders.document import Cell, Line, Table, fold_text
from kyotei.loaders.fields.headers import Role, read_header_row
from kyotei.loaders.layouts.general.cells import is_name, split_runs
from kyotei.loaders.layouts.general.tables import (
    ColumnMap,
    header_key,
    header_roles,
    header_usable,
)

__all__ = ["Vertical", "row_cells", "vertical_header"]

_MAX_COLUMNS = 7


@dataclass(slots=True)
class Vertical:
    """A cell-per-line table being read: its columns, header lines still to skip, and the
    lines of the row being gathered."""

    columns: ColumnMap
    skip: int
    lines: list[Line] = field(default_factory=list)


def _one_run(block: Line | Table) -> str | None:
    if not isinstance(block, Line):
        return None
    runs = split_runs(block.verbatim)
    return fold_text(runs[0]).strip() if len(runs) == 1 else None


def vertical_header(line: Line, below: tuple[Line | Table, ...]) -> Vertical | None:
    """The cell-per-line header that starts at ``line``, or None.

    >>> from kyotei.loaders.document import Format, Locator
    >>> def lines(*texts):
    ...     return [Line(t, Locator(Format.TEXT, 1, i, line=i)) for i, t in enumerate(texts, 1)]
    >>> first, *rest = lines("協定校", "国・地域", "締結日", "ナントカ大学")
    >>> found = vertical_header(first, tuple(rest))
    >>> found.columns.width, found.skip
    (3, 2)
    >>> vertical_header(*lines("協定校"), ()) is None
    True
    """
    texts = [_one_run(line)]
    for block in below[: _MAX_COLUMNS - 1]:
        text = _one_run(block)
        if not text:
            break
        texts.append(text)
    if not texts[0] or is_name(texts[0]):
        return None
    for width in range(len(texts), 1, -1):
        cells = [t for t in texts[:width] if t]
        if any(is_name(t) for t in cells):
            continue
        reading = read_header_row(cells)
        if header_usable(reading, width) and all(c.role is not None for c in reading.columns):
            columns = ColumnMap(-1, header_roles(reading), width,
                                tuple(header_key(c) for c in cells))  # fmt: skip
            return Vertical(columns, width - 1)
    return None


def row_cells(vertical: Vertical) -> tuple[Cell, ...] | None:
    """The gathered lines as one row's cells, or None when they do not fit the columns (no
    name in the name column, or a name in another column)."""
    columns, lines = vertical.columns, vertical.lines
    name_at = columns.first(Role.INSTITUTION)
    if name_at is None:
        name_at = columns.first(Role.ENGLISH_NAME)
    texts = [fold_text(line.verbatim).strip() for line in lines]
    if name_at is None or not is_name(texts[name_at]):
        return None
    if any(is_name(t) for i, t in enumerate(texts) if i != name_at):
        return None
    return tuple(Cell(line.verbatim.strip(), line.locator) for line in lines)
