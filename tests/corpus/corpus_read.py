"""Simple format-specific reading of the text at a truth locator (to check the truth itself).

These readers are deliberately naive — the stdlib HTML parser, openpyxl cell values,
pdfplumber's text lines and ruled tables — and exist only so the tests can confirm that each
locator in the ground truth points at the row it claims. They are not a model for kyotei.
"""

from __future__ import annotations

import csv
import functools
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class _MainParser(HTMLParser):
    """Rows of every table and items of every list inside ``<main>``."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.tables: list[list[str]] = []
        self.lists: list[list[str]] = []
        self.buffer: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "ul":
            self.lists.append([])
        elif tag in ("tr", "li"):
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        if not self.in_main or self.buffer is None:
            return
        if tag == "tr":
            self.tables[-1].append(" ".join(self.buffer))
            self.buffer = None
        elif tag == "li":
            self.lists[-1].append(" ".join(self.buffer))
            self.buffer = None

    def handle_data(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)


def decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("neither UTF-8 nor cp932")


@functools.cache
def _workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


@functools.cache
def _pdf_page(path: Path, number: int) -> tuple[list[str], list[list[list[str | None]]]]:
    """The non-empty text lines and the ruled tables of one page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        lines = [line for line in (page.extract_text() or "").split("\n") if line.strip()]
        return lines, page.extract_tables()


def text_at(path: Path, locator: dict[str, Any]) -> str:
    """The text printed at ``locator`` in ``path`` (all lines/rows of a wrapped or split row)."""
    suffix = path.suffix
    if suffix == ".txt":
        lines = path.read_text("utf-8").split("\n")
        numbers = locator.get("lines", [locator["line"]])
        return " ".join(lines[n - 1] for n in range(numbers[0], numbers[-1] + 1))
    if suffix == ".csv":
        text = decode(path.read_bytes())
        dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
        records = list(csv.reader(io.StringIO(text), dialect=dialect))
        numbers = locator.get("rows", [locator["row"]])
        return " ".join(" ".join(records[n - 1]) for n in range(numbers[0], numbers[-1] + 1))
    if suffix == ".html":
        parser = _MainParser()
        parser.feed(path.read_text("utf-8"))
        if "table" in locator:
            return str(parser.tables[locator["table"] - 1][locator["row"] - 1])
        return str(parser.lists[locator["list"] - 1][locator["item"] - 1])
    if suffix == ".xlsx":
        sheet = _workbook(path)[locator["sheet"]]
        numbers = locator.get("rows", [locator["row"]])
        return " ".join(
            str(cell.value)
            for n in range(numbers[0], numbers[-1] + 1)
            for cell in sheet[n]
            if cell.value is not None
        )
    if suffix == ".pdf":
        lines, tables = _pdf_page(path, locator["page"])
        if "table" in locator:
            table = tables[locator["table"] - 1]
            return " ".join(c or "" for c in table[locator["row"] - 1])
        numbers = locator.get("lines", [locator["line"]])
        return " ".join(lines[n - 1] for n in range(numbers[0], numbers[-1] + 1))
    raise ValueError(f"{path}: no reader for {suffix}")
