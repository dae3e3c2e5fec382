"""Several agreements in one table row: a partner × unit matrix, and cells stacked in lines.

* **A matrix** (:func:`find_matrix`): a header row with a name column and, instead of a date
  column, two columns or more headed by a level word naming the whole university
  (``大学間``, ``全学``) or by a unit's name (``工学部``), the cells below them dates or
  blank. Each dated cell is one agreement with the row's partner: university level under a
  university-level header, else department level with the header's unit as the home unit;
  it is located at the partner's row, and the date's own cell is recorded (a repair note).
  A blank cell is no agreement; a filled cell that is no date is reported, never read; a
  header of that shape over cells of marks (``○``), not dates, is reported and not read
  as a matrix.
* **Stacked cells** (:func:`stacked_rows`): a row whose date cell holds two dates or more
  on separate lines, beside another agreement column (level, home unit, waiver) stacked in
  lines too (``大学間`` over ``工学部``, ``2010.4.1`` over ``2020.4.1``, ``○`` over ``－``):
  the lines pair up, line by line, into one row each at the same locator, only when every
  filled column of them holds the same number of lines; otherwise the row is reported and
  read as printed (no pairing is guessed).

A CSV comment record (``#`` and free text) is read as one line, never as a row, however
many fields the list's delimiter cut it into. A row whose name cell is struck through (an
XLSX font strike, HTML ``<del>``) is kept as listed and reported as an agreement the list
marks ended (once: a bracket saying so is reported already).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from kyotei.graph.model.records import Level, Repair, Severity
from kyotei.loaders.document import Cell, Format, Table, fold_text
from kyotei.loaders.fields.dates import find_date
from kyotei.loaders.fields.headers import Role, read_header_row
from kyotei.loaders.fields.units import is_unit_name, is_university_wide
from kyotei.loaders.layouts.general.cells import is_name
from kyotei.loaders.layouts.general.continuation import ContinuationReader
from kyotei.loaders.layouts.general.state import level_of
from kyotei.loaders.layouts.general.tables import (
    HEADER_SEARCH,
    ColumnMap,
    MatrixColumn,
    find_header,
    header_key,
    header_roles,
)

__all__ = ["SeveralReader", "find_matrix", "stacked_rows"]

_STACKED = (Role.DATE, Role.LEVEL, Role.HOME_DEPARTMENT, Role.WAIVER)
_KINDS = (Role.DATE, Role.LEVEL, Role.HOME_DEPARTMENT)  # what a matrix column replaces
_MARK = 2  # characters: a matrix cell this short that is no name is a mark (○, 有)
_COMMENT = re.compile(r"#(?!\d)")  # a comment record; #12 is a row's number


def _kind(text: str) -> Level | None:
    """The level a matrix column's header stands for: the university (``大学間``,
    ``全学``), or a unit (its name); None for any other header."""
    if is_university_wide(text) or level_of(text) is Level.UNIVERSITY:
        return Level.UNIVERSITY
    return Level.DEPARTMENT if is_unit_name(text) and level_of(text) is None else None


def _is_date(cell: Cell) -> bool:
    return isinstance(cell.value, dt.date) or (
        find_date(cell.folded) is not None and not is_name(cell.folded))


def find_matrix(table: Table) -> tuple[ColumnMap | None, str]:
    """The column map of a partner × unit matrix (module docstring) and ``""``; or None
    and why a header of that shape is not read as one (its cells hold marks, not dates),
    ``""`` when no header has the shape."""
    for index, cells in enumerate(table.rows[:HEADER_SEARCH]):
        reading = read_header_row([c.folded for c in cells])
        if not {Role.INSTITUTION, Role.ENGLISH_NAME} & set(reading.roles) or \
                Role.DATE in reading.roles:
            continue
        matrix = tuple(MatrixColumn(c.index, cells[c.index], level) for c in reading.columns
                       if c.role in (None, *_KINDS) and not cells[c.index].filled
                       and (level := _kind(cells[c.index].folded.strip())) is not None)
        if len(matrix) < 2:
            continue
        below = [row[m.index] for row in table.rows[index + 1:] for m in matrix
                 if m.index < len(row) and row[m.index].verbatim.strip()]
        dated = sum(1 for cell in below if _is_date(cell))
        headed = [c for c in cells if c.folded.strip()]
        named = sum(1 for c in reading.columns if c.role is not None and
                    c.index not in {m.index for m in matrix})
        if 2 * (named + len(matrix)) < len(headed):
            continue
        if dated < 2 or dated < len(below) - dated:
            marks = [c.verbatim.strip() for c in below if not _is_date(c)
                     and len(c.folded.strip()) <= _MARK and not is_name(c.folded)]
            if len(marks) >= 2 and len(marks) > dated and \
                    all(c.role != Role.HOME_DEPARTMENT for c in reading.columns
                        if c.index in {m.index for m in matrix}):
                heads = ", ".join(repr(m.header.verbatim.strip()) for m in matrix)
                return None, (f"a header of units ({heads}) over cells that hold marks "
                              f"({', '.join(sorted(set(marks)))}), not dates: not read as a "
                              "matrix of agreements")
            continue
        taken = {m.index for m in matrix}
        roles = {role: kept for role, indexes in header_roles(reading).items()
                 if role not in _KINDS and (kept := tuple(i for i in indexes if i not in taken))}
        return ColumnMap(index, roles, len(cells), tuple(header_key(c.folded) for c in cells),
                         matrix=matrix), ""
    return None, ""


def stacked_rows(columns: ColumnMap, cells: tuple[Cell, ...],
                 ) -> tuple[list[tuple[Cell, ...]], str]:
    """The rows a row of stacked cells pairs up into (module docstring), and ``""``; or
    no rows and why its stacked cells do not pair up (``""`` when nothing is stacked)."""
    lines = {i: [t.strip() for t in cells[i].verbatim.splitlines() if t.strip()]
             for role in _STACKED if (i := columns.first(role)) is not None and i < len(cells)}
    date = columns.first(Role.DATE)
    dates = lines.get(date, []) if date is not None else []
    if len(dates) < 2 or not all(find_date(t) is not None for t in dates):
        return [], ""
    if len([i for i, texts in lines.items() if len(texts) > 1]) < 2:
        return [], ""  # a date cell alone in lines (a renewal printed below): one row
    counts = {i: len(texts) for i, texts in lines.items() if texts}
    if len(set(counts.values())) != 1:
        printed = ", ".join(f"{cells[i].verbatim.strip()!r}: {n}" for i, n in counts.items())
        return [], f"stacked cells of unequal lines ({printed})"
    return [tuple(Cell(lines[i][k], c.locator, c.filled_from, None, c.header)
                  if lines.get(i) else c for i, c in enumerate(cells))
            for k in range(len(dates))], ""


class SeveralReader(ContinuationReader):
    """The general reader's rows that hold several agreements (module docstring)."""

    def table_row(self, before_header: bool, columns: ColumnMap,
                  cells: tuple[Cell, ...]) -> None:
        raise NotImplementedError  # the reader's (:mod:`.reader`)

    def columns_of(self, table: Table) -> ColumnMap | None:
        """The table's column map: a matrix's where its header names no date column and
        the shape fits (:func:`find_matrix`), else its header's, else the previous one's."""
        columns = find_header(table, None)
        matrix, why = find_matrix(table) if columns is None or Role.DATE not in columns.roles \
            else (None, "")
        if why:
            self.note("general.matrix-unread", Severity.WARNING, None, f"table {table.locator}: "
                      f"{why}; its rows are read as printed")
        if matrix is not None:
            self.note("general.matrix", Severity.INFO, None,
                      f"table {table.locator}: a partner × unit matrix (columns "
                      + ", ".join(repr(m.header.verbatim.strip()) for m in matrix.matrix)
                      + "): each dated cell read as one agreement")
            return matrix
        return columns or find_header(table, self.state.columns)

    def row(self, before_header: bool, columns: ColumnMap, cells: tuple[Cell, ...]) -> None:
        """A data row of a table: a CSV comment record, a matrix row, a row of stacked
        cells, or one row."""
        if self.comment(cells):
            return
        if columns.matrix and not before_header:
            self.matrix_row(columns, cells)
            return
        split, why = stacked_rows(columns, cells) if not before_header else ([], "")
        if why:
            where = cells[0].locator.cell(cells[0].locator.row, 0)
            self.note("general.stacked-unpaired", Severity.WARNING, None,
                      f"row {where}: {why}: the lines are not paired into agreements; "
                      "the row is read as printed")
        count = len(self.result.agreements)
        for one in split or [cells]:
            self.table_row(before_header, columns, one)
        name = columns.first(Role.INSTITUTION)
        name = columns.first(Role.ENGLISH_NAME) if name is None else name
        said = {loc for f in self.result.findings if f.code == "general.stated-ended"
                for loc in f.locators}
        if len(self.result.agreements) > count and name is not None and name < len(cells) \
                and cells[name].struck and self.result.agreements[-1].source.where not in said:
            self.note("general.stated-ended", Severity.WARNING, self.result.agreements[-1].source,
                      f"{cells[name].locator}: the name is struck through: the list marks this "
                      "agreement ended; kept as listed (kyotei's records have no ended status, "
                      "so this report says it)")

    def comment(self, cells: tuple[Cell, ...]) -> bool:
        """A CSV comment record (``#`` and free text, however many fields the delimiter cut
        it into): read as one line, as structure (a total, a legend) or a note; never a row."""
        texts = [c.verbatim.strip() for c in cells if c.verbatim.strip()]
        if self.document.format is not Format.CSV or not texts or not _COMMENT.match(texts[0]):
            return False
        where = cells[0].locator.cell(cells[0].locator.row, 0)
        text = " ".join(texts)
        if not self.structure(fold_text(text), self.span(text, where, text)):
            self.state.accounting["comment"] += 1
        return True

    def matrix_row(self, columns: ColumnMap, cells: tuple[Cell, ...]) -> None:
        filled = [m for m in columns.matrix if m.index < len(cells)
                  and (cells[m.index].verbatim.strip() or cells[m.index].value is not None)]
        name = columns.first(Role.INSTITUTION)
        name = columns.first(Role.ENGLISH_NAME) if name is None else name
        named = name is not None and name < len(cells) and is_name(cells[name].folded)
        if not filled or not named:
            if named:
                self.state.accounting["no agreement"] += 1
                self.note("general.matrix-no-agreement", Severity.INFO, None,
                          f"row {cells[0].locator.row}: no cell of the matrix is filled: "
                          "no agreement with this partner is read")
            else:
                self.table_row(False, replace(columns, matrix=()), cells)
            return
        width = len(cells)
        for column in filled:
            cell = cells[column.index]
            if not _is_date(cell):
                self.unreadable(self.span(cell.verbatim.strip(), cell.locator, cell.verbatim),
                                f"a matrix cell under {column.header.verbatim.strip()!r} "
                                "holds no date")
                continue
            kind = Role.LEVEL if column.level is Level.UNIVERSITY else Role.HOME_DEPARTMENT
            one = replace(columns, matrix=(),
                          roles={**columns.roles, Role.DATE: (width,), kind: (width + 1,)})
            count = len(self.result.agreements)
            self.table_row(False, one, (*cells, cell, Cell(column.header.verbatim.strip(),
                                                             column.header.locator)))
            if len(self.result.agreements) > count:
                record = self.result.agreements[-1]
                repair = Repair("general.matrix-cell",
                                f"the agreement of matrix cell {cell.locator} (column "
                                f"{column.header.verbatim.strip()!r}), read at the "
                                "partner's row", (record.source.line,))
                self.result.agreements[-1] = replace(record, repairs=(*record.repairs, repair))
