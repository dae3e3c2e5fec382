"""Tables drawn with box characters in a text file (``┌─┬─┐`` / ``│a │b │`` / ``└─┴─┘``).

A run of lines each of which is either a rule (box-drawing characters, ``-``, ``=``, ``+``
and spaces only, one box-drawing character at least) or a row (two vertical bars or more:
``│ ┃ ║ ┆ ┇ ╎ ╏``) is one :class:`~kyotei.loaders.document.Table` when it holds two rows of
two cells or more. The bars are column separators, never part of a cell; the rules are no
rows. A row printed right under another one (no rule between them) whose first cell is
empty and which fills at most one cell in three of the row above continues that row: a name
wrapped onto a second line of its cell (``ハワイ大学`` / ``マノア校``) is one cell, its
parts joined by a line break, the row located by its first line. Every other row is located
by its own line number (``l7``), like a pipe table's.
"""

from __future__ import annotations

import re

from kyotei.loaders.document import Cell, Format, Locator, Table

__all__ = ["box_cells", "box_table_length", "read_box_table"]

_BARS = "│┃║┆┇╎╏"
_BAR = re.compile(f"[{_BARS}]")
_DRAWING = re.compile(r"[\u2500-\u257f]")
_RULE = re.compile(r"^[\u2500-\u257f\-=+\s]+$")


def _is_rule(line: str) -> bool:
    return bool(line.strip()) and bool(_RULE.match(line)) and bool(_DRAWING.search(line)) \
        and not _is_row(line)


def _is_row(line: str) -> bool:
    return len(_BAR.findall(line)) >= 2


def box_cells(line: str) -> list[str]:
    """The cells of a row line: the text between its bars, stripped (ideographic spaces
    too).

    >>> box_cells("│１  │経済学部  │Ｓｅｏｕｌ　Ｕｎｉｖ│　│")
    ['１', '経済学部', 'Ｓｅｏｕｌ\\u3000Ｕｎｉｖ', '']
    """
    text = line.strip()
    if text and text[0] in _BARS:
        text = text[1:]
    if text and text[-1] in _BARS:
        text = text[:-1]
    return [part.strip(" \t\u3000") for part in _BAR.split(text)]


def box_table_length(lines: list[str], start: int) -> int:
    """How many lines from ``start`` (0-based) make a box-drawn table; 0 when none begins
    there (the line before ``start`` must not belong to it)."""
    if not (_is_rule(lines[start]) or _is_row(lines[start])):
        return 0
    if start and (_is_rule(lines[start - 1]) or _is_row(lines[start - 1])):
        return 0
    end = start
    while end < len(lines) and (_is_rule(lines[end]) or _is_row(lines[end])):
        end += 1
    rows = [line for line in lines[start:end] if _is_row(line)]
    if len(rows) < 2 or any(len(box_cells(line)) < 2 for line in rows):
        return 0
    return end - start


def read_box_table(lines: list[str], first: int, count: int, part: int, number: int) -> Table:
    """The box-drawn table of ``count`` lines from line ``first`` (1-based)."""
    where = Locator(part=part, block=first, format=Format.TEXT, table=number, line=first)
    rows: list[tuple[int, list[str]]] = []  # (line number, cell texts)
    after_rule = True
    for line_number in range(first, first + count):
        line = lines[line_number - 1]
        if not _is_row(line):
            after_rule = True
            continue
        texts = box_cells(line)
        if rows and not after_rule and _continues(rows[-1][1], texts):
            above = rows[-1][1]
            for i, text in enumerate(texts[:len(above)]):
                if text:
                    above[i] = f"{above[i]}\n{text}" if above[i] else text
        else:
            rows.append((line_number, texts))
        after_rule = False
    width = max(len(texts) for _, texts in rows)
    table_rows = []
    for index, (line_number, texts) in enumerate(rows, start=1):
        row = Locator(part=part, block=first, row=index, format=Format.TEXT, table=number,
                      line=line_number)
        padded = [*texts, *([""] * (width - len(texts)))]
        table_rows.append(tuple(Cell(text, row.cell(index, column))
                                for column, text in enumerate(padded, start=1)))
    return Table(where, tuple(table_rows))


def _continues(above: list[str], texts: list[str]) -> bool:
    filled = sum(1 for t in texts if t)
    return bool(texts) and not texts[0] and 0 < filled and \
        3 * filled <= sum(1 for t in above if t)
