"""Text files: one :class:`~kyotei.loaders.document.Line` per physical line.

Lines are split on ``\\n`` only and a trailing ``\\r`` is dropped, exactly as
:func:`kyotei.loaders.manifest.read_source_lines` does, so line numbers are the ones editors
and ``sed -n`` show. A form feed does not start a line; it starts a page: form feeds before
a line's first printed character begin a new :class:`~kyotei.loaders.document.Part` with that
line, form feeds after it begin one with the next line. The line keeps its form feed in the
verbatim text and says ``page_break``; an empty page after a final form feed is dropped.

A Markdown (wiki) pipe table — a line of ``|``-separated cells followed by a delimiter row
(``|---|:-:|``) — is one :class:`~kyotei.loaders.document.Table`: its header row, then every
following line that holds a ``|``, each row located by its own line number (``l7``). A cell
is read as a wiki shows it: ``<br>`` is a line break, ``\\|`` a pipe, and the emphasis,
strike-through and code marks (``**``, ``__``, ``~~``, backticks) and a link's target are
dropped. The delimiter row is no row (the table's rows follow the header directly).
A table drawn with box characters (``┌─┬┐`` / ``│a│b│``) is a table too
(:mod:`~kyotei.loaders.formats.box_tables`).
"""

from __future__ import annotations

import re
from pathlib import Path

from kyotei.loaders.document import Cell, Document, Format, Line, Locator, Part, Table
from kyotei.loaders.formats.box_tables import box_table_length, read_box_table
from kyotei.loaders.formats.encoding import decode, read_bytes

__all__ = ["pipe_cells", "read_text", "split_lines"]

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKS = re.compile(r"\*\*|__|~~|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a Markdown pipe-table line as a wiki shows them, or None when the line
    holds no ``|`` outside a ``\\|``.

    >>> pipe_cells("| 1 | **見本大学**<br>Mihon University | [a \\\\| b](./x) |")
    ['1', '見本大学\\nMihon University', 'a | b']
    """
    text = line.strip()
    if not _UNESCAPED_PIPE.search(text):
        return None
    text = text.removeprefix("|")
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = []
    for cell in _UNESCAPED_PIPE.split(text):
        cell = _LINK.sub(r"\1", cell.replace("\\|", "|"))
        cell = _MARKS.sub("", _BREAK.sub("\n", cell))
        cells.append("\n".join(part.strip() for part in cell.split("\n")).strip())
    return cells


def _pipe_table(lines: list[str], start: int) -> int:
    """How many lines from ``start`` make a pipe table (header, delimiter row, rows): 0 when
    ``lines[start]`` does not begin one."""
    if start + 1 >= len(lines) or not _DELIMITER_ROW.match(lines[start + 1]) or \
            "|" not in lines[start + 1]:
        return 0
    header = pipe_cells(lines[start])
    if header is None or len(header) < 2:
        return 0
    end = start + 2
    while end < len(lines) and pipe_cells(lines[end]) is not None:
        end += 1
    return end - start


def split_lines(text: str) -> list[str]:
    """The physical lines of ``text``, without line endings.

    >>> split_lines("a\\r\\nb\\fc\\n")
    ['a', 'b\\x0cc']
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text(path: Path) -> Document:
    """Read a text file (UTF-8, with or without BOM, or a detected encoding)."""
    decoded = decode(read_bytes(path), path)
    parts: list[Part] = []
    blocks: list[Line | Table] = []

    def close_page() -> None:
        parts.append(Part(len(parts) + 1, f"page {len(parts) + 1}", tuple(blocks)))
        blocks.clear()

    lines = split_lines(decoded.text)
    skip = 0
    for number, raw in enumerate(lines, start=1):
        if skip:
            skip -= 1
            continue
        if "\f" not in raw and (count := _pipe_table(lines, number - 1)):
            blocks.append(_table(lines, number, count, len(parts) + 1,
                                 sum(isinstance(b, Table) for b in blocks) + 1))
            skip = count - 1
            continue
        if "\f" not in raw and (count := box_table_length(lines, number - 1)):
            blocks.append(read_box_table(lines, number, count, len(parts) + 1,
                                         sum(isinstance(b, Table) for b in blocks) + 1))
            skip = count - 1
            continue
        lead = raw[: len(raw) - len(raw.lstrip())]
        before = lead.count("\f")
        for _ in range(before):
            close_page()
        locator = Locator(part=len(parts) + 1, block=number, format=Format.TEXT, line=number)
        blocks.append(Line(raw, locator, page_break="\f" in raw))
        for _ in range(raw.count("\f") - before):
            close_page()
    if blocks or not parts:
        close_page()
    notes = (decoded.note,) if decoded.note else ()
    return Document(path, Format.TEXT, tuple(parts), decoded.encoding, notes)


def _table(lines: list[str], first: int, count: int, part: int, number: int) -> Table:
    """The pipe table of ``count`` lines from line ``first`` (1-based), without its
    delimiter row; every row is located by its line."""
    where = Locator(part=part, block=first, format=Format.TEXT, table=number, line=first)
    rows = []
    for index, line_number in enumerate([first, *range(first + 2, first + count)], start=1):
        texts = pipe_cells(lines[line_number - 1]) or []
        row = Locator(part=part, block=first, row=index, format=Format.TEXT, table=number,
                      line=line_number)
        rows.append(tuple(Cell(text, row.cell(index, column), header=index == 1)
                          for column, text in enumerate(texts, start=1)))
    width = max(len(row) for row in rows)
    rows = [(*row, *(Cell("", row[0].locator.cell(row[0].locator.row, column))
                     for column in range(len(row) + 1, width + 1))) for row in rows]
    return Table(where, tuple(rows))
