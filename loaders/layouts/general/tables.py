"""Tables with a header row: columns mapped by their header words, never by position.

A table's header is, among its first rows, the one :func:`read_header_row` reads with a
name column (institution or English name), at least half of its cells recognised and the
most columns named; in a table wider than one column it names two columns at least (a
title row above the header, ``○○大学 協定校一覧``, holds a header word but is one cell). A
table with no such row takes the header of the table before it when both are as wide (a
table continued on the next page of a PDF, the header printed once): the reader says so.
A column whose header is no known word but whose cells are all unit names, beside a column
headed as the partner's unit, is the home department's (``學院`` | ``合作單位``).
A data row that repeats the header (a page header printed again inside the table) is
furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kyotei.graph.model.countries import lookup_country
from kyotei.graph.model.records import Level
from kyotei.loaders.document import Cell, Table
from kyotei.loaders.fields.dates import find_date
from kyotei.loaders.fields.headers import HeaderReading, Role, read_header_row
from kyotei.loaders.fields.units import is_unit_name, is_university_wide
from kyotei.loaders.fields.waiver import Legend, read_waiver_cell
from kyotei.loaders.layouts.general.cells import heading_text, is_name

__all__ = ["ColumnMap", "MatrixColumn", "RowFields", "find_header", "garbled", "header_key",
           "header_roles", "header_usable", "marks_only", "new_header", "read_row", "unshift"]

HEADER_SEARCH = 6  # rows: a table's header stands among its first rows
MIN_SCORE = 0.5
_MISDECODED = re.compile("[\u0080-\u00ff]{4,}")


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    """A column of a partner × unit matrix (:mod:`.several`): its header cell and the level
    its dated cells stand for."""

    index: int
    header: Cell
    level: Level


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """The role of each column of a table, from its header row."""

    header_row: int  # index in the table's rows; -1 when carried from another table
    roles: dict[Role, tuple[int, ...]]
    width: int
    header_texts: tuple[str, ...]
    carried_from: str = ""  # the locator of the table whose header this is
    header_rows: int = 1  # a header printed on two rows (merged cells over sub-headers)
    matrix: tuple[MatrixColumn, ...] = ()  # a matrix's columns of dated cells (.several)

    def first(self, role: Role) -> int | None:
        found = self.roles.get(role)
        return found[0] if found else None

    def is_header_again(self, cells: tuple[Cell, ...]) -> bool:
        """Whether a row repeats the header (a page header printed inside the table)."""
        texts = tuple(header_key(c.folded) for c in cells)
        same = sum(1 for a, b in zip(texts, self.header_texts, strict=False) if a and a == b)
        return same >= max(2, len([t for t in self.header_texts if t]) // 2 + 1)


@dataclass(frozen=True, slots=True)
class RowFields:
    """The cells of one data row, by role (None where the table has no such column)."""

    name: Cell | None
    english: Cell | None
    country: Cell | None
    unit: Cell | None
    home: Cell | None
    date: Cell | None
    waiver: Cell | None
    level: Cell | None
    number: Cell | None
    notes: Cell | None = None


def header_key(text: str) -> str:
    """A header cell's text as :class:`ColumnMap` compares it: no white space, case-folded."""
    return "".join(text.split()).casefold()


def _reading(cells: tuple[Cell, ...]) -> HeaderReading:
    return read_header_row([c.folded for c in cells])


def header_roles(reading: HeaderReading) -> dict[Role, tuple[int, ...]]:
    """The columns of each role; a header that may mean two roles (``部局``: the partner's
    unit or the home department) takes its other role when another column of the row
    already names the first one plainly (``部局`` beside ``相手部局``). Of two institution
    columns, one headed in Latin script and one not (``協定校名`` | ``Partner Institution``),
    the Latin one is the English name."""
    roles = {role: list(indexes) for role, indexes in reading.roles.items()}
    for column in reading.columns:
        if column.role is None or not column.candidates:
            continue
        others = [i for i in roles.get(column.role, []) if i != column.index
                  and not reading.columns[i].candidates]
        other_role = column.candidates[0]
        if others and other_role not in roles:
            roles[column.role].remove(column.index)
            roles[other_role] = [column.index]
    named = roles.get(Role.INSTITUTION, [])
    latin = [i for i in named if reading.columns[i].header.strip().isascii()]
    if Role.ENGLISH_NAME not in roles and latin and len(latin) < len(named):
        roles[Role.ENGLISH_NAME] = latin  # 協定校名 | Partner Institution: the English name
        roles[Role.INSTITUTION] = [i for i in named if i not in latin]
    return {role: tuple(indexes) for role, indexes in roles.items() if indexes}


def _named(reading: HeaderReading) -> int:
    return sum(1 for column in reading.columns if column.role is not None)


def header_usable(reading: HeaderReading, width: int) -> bool:
    roles = reading.roles
    named = Role.INSTITUTION in roles or Role.ENGLISH_NAME in roles
    return named and reading.score >= MIN_SCORE and _named(reading) >= min(2, width)


def find_header(table: Table, previous: ColumnMap | None) -> ColumnMap | None:
    """The column map of ``table`` (see the module docstring), or None."""
    best: tuple[int, int, HeaderReading] | None = None
    for index, cells in enumerate(table.rows[:HEADER_SEARCH]):
        if best is not None and any(is_name(c.folded) for c in cells):
            break  # the rows below a header: a later header is another table's (new_header)
        if len({c.folded.strip() for c in cells if c.folded.strip()}) < 2:
            continue  # one text, however wide its merged cell: a title, not a header
        reading = _reading(cells)
        if header_usable(reading, table.width) and (best is None or _named(reading) > best[0]):
            best = (_named(reading), index, reading)
    if best is not None:
        _, index, reading = best
        texts = [c.folded for c in table.rows[index]]
        rows = 1
        for top in (index, index - 1):  # the sub-headers below the header, or it above them
            if 0 <= top < len(table.rows) - 1 and (sub := _sub_header(table.rows[top],
                                                                      table.rows[top + 1])):
                combined = read_header_row(sub)
                if header_usable(combined, table.width) and _named(combined) >= _named(reading):
                    reading, texts, rows, index = combined, sub, 2, top
                    break
        roles = header_roles(reading)
        home = _unit_column(table, index + rows, reading, roles)
        if home is not None:
            roles = {**roles, Role.HOME_DEPARTMENT: (home,)}
        return ColumnMap(index, roles, len(texts),
                         tuple(header_key(t) for t in texts), header_rows=rows)
    if previous is not None and table.width == previous.width:
        return ColumnMap(-1, previous.roles, previous.width, previous.header_texts,
                         carried_from=previous.carried_from or "the table before")
    return None


def _unit_column(table: Table, first: int, reading: HeaderReading,
                 roles: dict[Role, tuple[int, ...]]) -> int | None:
    """The column of the home university's units under a header no word names: beside a
    column headed as the partner's unit, a column whose header is no known word and whose
    cells all name units (``電機資訊學院``, ``Faculty of Science``) or the whole university
    (``University-wide``), most of them units, is the publisher's own unit. None when the
    header already names a home department or no such column stands there."""
    if Role.HOME_DEPARTMENT in roles or Role.PARTNER_UNIT not in roles:
        return None
    found = [column.index for column in reading.columns if column.role is None
             and column.header.strip() and _all_units(table, first, column.index)]
    return found[0] if len(found) == 1 else None


def _all_units(table: Table, first: int, index: int) -> bool:
    texts = [row[index].folded.strip() for row in table.rows[first:]
             if index < len(row) and row[index].folded.strip()]
    units = sum(1 for text in texts if is_unit_name(text))
    return units >= 2 and 2 * units > len(texts) and \
        all(is_unit_name(text) or is_university_wide(text) for text in texts)


def _sub_header(header: tuple[Cell, ...], below: tuple[Cell, ...]) -> list[str] | None:
    """The header's texts with the row below it joined on, when that row holds sub-headers:
    every text it has stands under a header cell merged over several columns (``協定校名``
    over ``和文`` and ``英文``), and none names an institution or is a date. None otherwise."""
    texts = [c.folded.strip() if not c.filled else "" for c in below]  # a rowspan's copy
    if not any(texts) or len(below) != len(header) or \
            len({c.folded.strip() for c in header if c.folded.strip()}) < 2:
        return None  # a title merged over the width is no header above sub-headers
    for i, text in enumerate(texts):
        if not text:
            continue
        spanned = header[i].filled or (i + 1 < len(header) and header[i + 1].filled_from
                                       == header[i].locator)
        if not spanned or is_name(text) or find_date(text) is not None:
            return None
    return [f"{h.folded.strip()} {t}".strip() for h, t in zip(header, texts, strict=True)]


def new_header(cells: tuple[Cell, ...], index: int, columns: ColumnMap) -> ColumnMap | None:
    """A second table's header inside the same table (two lists on one sheet): a row, after
    the header, that reads as a header of its own (three named columns or more, not the
    header again, no institution's name in it); None for any other row."""
    reading = _reading(cells)
    if _named(reading) < 3 or not header_usable(reading, len(cells)) or \
            columns.is_header_again(cells) or any(is_name(c.folded) for c in cells):
        return None
    return ColumnMap(index, header_roles(reading), len(cells),
                     tuple(header_key(c.folded) for c in cells))


def _cell(cells: tuple[Cell, ...], index: int | None) -> Cell | None:
    if index is None or index >= len(cells):
        return None
    return cells[index]


def read_row(columns: ColumnMap, cells: tuple[Cell, ...]) -> RowFields:
    """The cells of a data row by role."""
    name = _cell(cells, columns.first(Role.INSTITUTION))
    english = _cell(cells, columns.first(Role.ENGLISH_NAME))
    if name is None:
        name, english = english, None
    return RowFields(
        name=name,
        english=english,
        country=_cell(cells, columns.first(Role.COUNTRY)),
        unit=_cell(cells, columns.first(Role.PARTNER_UNIT)),
        home=_cell(cells, columns.first(Role.HOME_DEPARTMENT)),
        date=_cell(cells, columns.first(Role.DATE)),
        waiver=_cell(cells, columns.first(Role.WAIVER)),
        level=_cell(cells, columns.first(Role.LEVEL)),
        number=_cell(cells, columns.first(Role.NUMBER)),
        notes=_cell(cells, columns.first(Role.NOTES)),
    )


def marks_only(columns: ColumnMap, table: Table | Sequence[tuple[Cell, ...]],
               legends: list[Legend]) -> bool:
    """Whether the table's waiver column only marks the waived rows: some cell says yes
    (``○``, ``Yes``), none says no, the others are blank. A blank cell then means no.
    ``table`` is a table, or the rows of a table printed as text (its header apart)."""
    index = columns.first(Role.WAIVER)
    if index is None:
        return False
    rows = table.rows if isinstance(table, Table) else table
    header = columns.header_row if isinstance(table, Table) else -1
    values = [read_waiver_cell(row[index].value if row[index].value is not None
                               else row[index].verbatim, legends).value
              for i, row in enumerate(rows)
              if i != header and index < len(row) and row[index].verbatim.strip()]
    return True in values and False not in values


def unshift(columns: ColumnMap, cells: tuple[Cell, ...]) -> tuple[tuple[Cell, ...], str] | None:
    """The cells of a row shifted one column by an empty cell, put back, and what was
    seen; or None.

    To the right: the country cell is empty, the name column holds a country and the cell
    after it a name. The cells after the empty one move one column left. To the left: the
    date cell and every cell after it are empty, and the cell just before the date column
    (another column's) holds a date and nothing else: the date was typed one column to the
    left, that cell is empty.
    """
    name = columns.first(Role.INSTITUTION)
    name = columns.first(Role.ENGLISH_NAME) if name is None else name
    country = columns.first(Role.COUNTRY)
    date = columns.first(Role.DATE)
    if date is not None and 0 < date < len(cells) and date - 1 != name and \
            not any(c.verbatim.strip() or c.value is not None for c in cells[date:]) and \
            (typed := cells[date - 1].verbatim.strip()) and not cells[date - 1].filled and \
            (found := find_date(typed)) is not None and found.text.strip() == typed:
        moved = (*cells[:date - 1], Cell("", cells[date - 1].locator),
                 Cell(cells[date - 1].verbatim, cells[date].locator), *cells[date + 1:])
        return moved, "the date stands one column to the left of the date column, empty"
    if name is None or country is None or not country < name < len(cells) - 1:
        return None
    if cells[country].verbatim.strip() or not lookup_country(heading_text(cells[name].folded)):
        return None
    if not is_name(cells[name + 1].folded):
        return None
    return ((*cells[:country], *cells[country + 1:], Cell("", cells[-1].locator)),
            "an empty cell shifted its cells one column to the right (a country stands in "
            "the name column)")


def garbled(texts: Sequence[str]) -> bool:
    """Whether a row holds text decoded in a wrong encoding (mojibake): a run of four
    characters or more of the Latin-1 supplement (``ÁËÒÇÔ·ÂÒ``, Thai or Cyrillic bytes read
    as cp1252), which no name written in a Latin script holds. Such a row names a partner
    kyotei cannot read: it is reported as unreadable, never taken for a title.

    >>> garbled(["9", "ÁËÒÇÔ·ÂÒÅÑÂ"]), garbled(["Université de Montréal", "Ñandú"])
    (True, False)
    """
    return any(_MISDECODED.search(text) for text in texts)
