"""CSV and TSV files: one :class:`~kyotei.loaders.document.Table`.

The encoding is detected (:mod:`.encoding`: BOM, UTF-8, then charset-normalizer, with cp932
for Shift_JIS). The dialect: a ``.tsv`` or ``.tab`` file is tab-separated; otherwise
:class:`csv.Sniffer` chooses among comma, tab, semicolon and pipe on the first 64 KiB, and
when it cannot decide the file is read as Excel's comma-separated CSV (and a note says so).
Comment records (a line whose first character is ``#``, free text above the header) are left
out of the sample: their prose would make every delimiter look irregular. They stay records.

Cells keep the field text as the CSV parser returns it (quotes removed, embedded line
breaks kept). Rows are numbered by record, 1-based, the numbers a spreadsheet shows:
records that are empty or blank in every field are not in the table but keep their number.
Columns blank in every row at either end are trimmed; rows are not padded.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kyotei.loaders.document import Cell, Document, Format, Locator, Part, Table
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats.encoding import decode, read_bytes
from kyotei.loaders.formats.grid import is_blank, used_columns

__all__ = ["read_delimited"]

_SAMPLE = 64 * 1024
_DELIMITERS = ",\t;|"
_TAB_SUFFIXES = {".tsv", ".tab"}


def sniff_dialect(path: Path, text: str) -> tuple[type[csv.Dialect] | csv.Dialect, str | None]:
    """The dialect to parse ``text`` with, and a note when it is a fallback."""
    if path.suffix.lower() in _TAB_SUFFIXES:
        return csv.excel_tab, None
    sample = "".join(line for line in text[:_SAMPLE].splitlines(keepends=True)
                     if not line.lstrip().startswith("#")) or text[:_SAMPLE]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS), None
    except csv.Error:
        return csv.excel, "CSV dialect not recognised; read as comma-separated"


def read_delimited(path: Path) -> Document:
    """Read a CSV or TSV file into one table."""
    decoded = decode(read_bytes(path), path)
    dialect, note = sniff_dialect(path, decoded.text)
    reader = csv.reader(io.StringIO(decoded.text, newline=""), dialect)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, fields in enumerate(reader, start=1):
            if not all(is_blank(text) for text in fields):
                records.append((number, fields))
    except csv.Error as err:
        raise SourceFileError(str(path), reader.line_num, f"not readable as CSV: {err}") from None
    first, end = used_columns([fields for _, fields in records])
    table = Locator(part=1, block=1, format=Format.CSV, table=1)
    rows = tuple(
        tuple(
            Cell(text, Locator(1, 1, number, column, Format.CSV))
            for column, text in enumerate(fields[first:end], start=first + 1)
        )
        for number, fields in records
    )
    notes = tuple(n for n in (decoded.note, note) if n)
    blocks = (Table(table, rows),) if rows else ()
    return Document(path, Format.CSV, (Part(1, path.name, blocks),), decoded.encoding, notes)
