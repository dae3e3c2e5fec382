"""Format readers: a file in, the neutral :class:`~kyotei.loaders.document.Document` out.

:func:`read_document` is the door: it chooses the reader by the file's content where the
content is unmistakable (a PDF's ``%PDF-``, an XLSX's ZIP with ``xl/workbook.xml``), else by
the extension (``.csv`` ``.tsv`` ``.tab`` → CSV, ``.html`` ``.htm`` ``.xhtml`` → HTML,
``.xlsx`` ``.xlsm`` → XLSX, ``.pdf`` → PDF, ``.txt`` and others → text), and for a file
with no known extension it looks for HTML markup at the start. A file it cannot read raises
:class:`~kyotei.loaders.errors.SourceFileError` naming the file and the reason; an old
binary Office file (``.xls``, ``.doc``) is refused with that reason. See ``docs/formats.md``.
"""

from __future__ import annotations

import importlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from kyotei.loaders.document import Document, Format
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats.encoding import read_bytes

__all__ = ["READERS", "Reader", "detect_format", "read_document"]

Reader = Callable[[Path], Document]


def _when_used(module: str, name: str) -> Reader:
    """The reader ``name`` of ``kyotei.loaders.formats.<module>``, imported when a file of its
    format is first read: openpyxl (with numpy) and pdfplumber would otherwise cost every
    build's start-up ~0.5 s, also one that reads only text or takes all from the cache."""

    def read(path: Path) -> Document:
        reader: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return reader(path)

    read.__name__ = read.__qualname__ = name
    return read


READERS: dict[Format, Reader] = {
    Format.TEXT: _when_used("text", "read_text"),
    Format.CSV: _when_used("delimited", "read_delimited"),
    Format.HTML: _when_used("html", "read_html"),
    Format.XLSX: _when_used("xlsx", "read_xlsx"),
    Format.PDF: _when_used("pdf", "read_pdf"),
}

_EXTENSIONS = {
    ".csv": Format.CSV, ".tsv": Format.CSV, ".tab": Format.CSV,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".xlsx": Format.XLSX, ".xlsm": Format.XLSX,
    ".pdf": Format.PDF,
    ".txt": Format.TEXT, ".text": Format.TEXT,
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc
_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)",
    re.IGNORECASE | re.DOTALL,
)


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def detect_format(path: Path, head: bytes) -> Format:
    """The format of ``path``, whose first bytes are ``head`` (see the module docstring).

    >>> detect_format(Path("list.txt"), b"%PDF-1.7")
    <Format.PDF: 'pdf'>
    >>> detect_format(Path("list"), b"<!DOCTYPE html><html>")
    <Format.HTML: 'html'>
    >>> detect_format(Path("list.tsv"), "国名\\t大学".encode())
    <Format.CSV: 'csv'>
    """
    bare = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if bare.startswith(b"%PDF-"):
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        if _is_xlsx(path):
            return Format.XLSX
        raise SourceFileError(str(path), None, "a ZIP archive that is not an XLSX workbook")
    if head.startswith(_OLE2):
        raise SourceFileError(
            str(path), None,
            "a legacy binary Office file (.xls, .doc): save it as .xlsx, CSV or PDF")
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if by_extension in {Format.PDF, Format.XLSX}:
        kind = "PDF" if by_extension is Format.PDF else "XLSX workbook"
        raise SourceFileError(str(path), None, f"named {path.suffix} but not a {kind}")
    if by_extension is not None:
        return by_extension
    if _HTML_START.match(bare):
        return Format.HTML
    return Format.TEXT


def read_document(path: Path) -> Document:
    """Read ``path`` with the reader for its format (see :func:`detect_format`)."""
    if path.is_dir():
        raise SourceFileError(str(path), None, "is a directory, not a file")
    head = read_bytes(path, 4096)
    return READERS[detect_format(path, head)](path)
