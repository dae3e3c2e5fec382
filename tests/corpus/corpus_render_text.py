"""Text (as extracted from a PDF) and CSV renderings of a planned document.

Text: lists line by line, tables as space-aligned columns with the country printed on the
first row of its group only (as PDF extraction gives a spanning cell); pages of a fixed
length, with page headers, page numbers and form feeds when the document has furniture.
CSV: one record per table row, in UTF-8, UTF-8 with BOM, cp932 or tab-separated.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from corpus_layout import (
    Entry,
    TRow,
    columns,
    legend_line,
    list_entries,
    locate,
    name_column,
    table_rows,
)
from corpus_layout import total_line as total_text
from corpus_model import Doc, Section

PAGE_LINES = 42


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def header_line(doc: Doc) -> str:
    if doc.spec.language == "en":
        return f"{doc.home.en} - International Partner Institutions"
    return f"{doc.home.ja}　国際交流協定校一覧"


def table_lines(doc: Doc, section: Section) -> list[Entry]:
    """A ruled table as text extraction gives it: aligned cells, spans printed once."""
    rows = table_rows(doc, section)
    cols = [k for k, _ in columns(doc, section)]
    widths = {k: max(width(r.cells.get(k, "")) for r in rows) + 2 for k in cols}
    entries = [Entry("heading", section.heading)]
    for trow in rows:
        cells = {k: ("" if trow.spans.get(k) == 0 else trow.cells.get(k, "")) for k in cols}
        if trow.row and "wrap" in trow.row.damage and trow.kind == "data":
            key = "name_en" if "name_en" in cols else name_column(columns(doc, section))
            text = cells.get(key, "")
            cut = max(3, len(text) // 2)
            cells[key] = text[:cut]
            line = "".join(pad(cells[k], widths[k]) for k in cols).rstrip()
            indent = sum(widths[k] for k in cols[: cols.index(key)])
            entries += [Entry("item", line, trow.row),
                        Entry("cont", " " * indent + text[cut:], trow.row)]  # fmt: skip
            continue
        line = "".join(pad(cells[k], widths[k]) for k in cols).rstrip()
        kind = {"data": "item", "header": "colhead"}.get(trow.kind, trow.kind)
        entries.append(Entry(kind, line, trow.row))
    if (note := legend_line(doc)) is not None:
        entries.append(Entry("legend", note))
    entries.append(Entry("total", total_text(doc, section.rows, section.level)))
    return entries


def document_entries(doc: Doc) -> list[Entry]:
    entries = [Entry("title", doc.title), Entry("title", as_of_text(doc))]
    for section in doc.sections:
        if section.layout in ("table", "dept-table"):
            entries += table_lines(doc, section)
        else:
            entries += list_entries(doc, section)
    return entries


def as_of_text(doc: Doc) -> str:
    day = doc.as_of
    if doc.spec.language == "en":
        return f"As of {day:%B} {day.day}, {day.year}"
    return f"{day.year}年{day.month}月{day.day}日現在"


def paginate(doc: Doc, entries: list[Entry], per_page: int) -> list[list[Entry]]:
    """Pages of entries; page headers, repeated column titles and page numbers as damage."""
    furniture = "page_furniture" in doc.furniture
    repeat = "repeated_header" in doc.furniture
    colhead = next((e for e in entries if e.kind == "colhead"), None)
    pages: list[list[Entry]] = [[]]
    for entry in entries:
        page = pages[-1]
        if len(page) >= per_page and entry.kind != "cont":
            pages.append([])
            page = pages[-1]
            if furniture:
                page.append(Entry("furniture", header_line(doc)))
            if repeat and colhead is not None and entry.kind in ("item", "garbage", "dup"):
                page.append(Entry("colhead", colhead.text))
        page.append(entry)
    if furniture:
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            page.append(Entry("furniture", f"- {number} -" if total % 2 else f"{number}/{total}"))
    return pages


def render_txt(doc: Doc) -> bytes:
    lines: list[str] = []
    for index, page in enumerate(paginate(doc, document_entries(doc), PAGE_LINES)):
        for position, entry in enumerate(page):
            text = entry.text
            if index and position == 0 and "page_furniture" in doc.furniture:
                text = "\f" + text
            lines.append(text)
            locate(entry.row, entry.kind, {"line": len(lines)}, "lines")
    return ("\n".join(lines) + "\n").encode("utf-8")


def csv_records(doc: Doc, section: Section) -> list[tuple[list[str], TRow | None]]:
    """The records of one table; spanned cells blank or repeated, a shifted row padded."""
    cols = [k for k, _ in columns(doc, section)]
    records: list[tuple[list[str], TRow | None]] = []
    blank_spans = len(doc.home.en) % 2 == 0
    for trow in table_rows(doc, section):
        if trow.kind == "header" and "lost_header" in doc.furniture:
            continue
        cells = [
            ""
            if blank_spans and trow.spans.get(k) == 0 and trow.kind != "dup"
            else trow.cells.get(k, "")
            for k in cols
        ]
        if trow.row and "shifted" in trow.row.damage and trow.kind == "data":
            cells.insert(1, "")
        records.append((cells, trow))
    if (text := legend_line(doc)) is not None:
        records.append(([text], None))
    records.append(([total_text(doc, section.rows, section.level)], None))
    return records


def render_csv(doc: Doc) -> bytes:
    variant = doc.spec.variant
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if variant == "tsv" else ",", lineterminator="\r\n")
    number = 0
    for section in doc.sections:
        records = csv_records(doc, section)
        header = next((t for _, t in records if t and t.kind == "header"), None)
        for position, (cells, trow) in enumerate(records):
            if (
                "repeated_header" in doc.furniture
                and header is not None
                and position > 1
                and position % 25 == 0
                and trow is not None
                and trow.kind == "data"
            ):
                writer.writerow([header.cells[k] for k, _ in columns(doc, section)])
                number += 1
            writer.writerow(cells)
            number += 1
            if trow is not None:
                locate(
                    trow.row, {"data": "item"}.get(trow.kind, trow.kind), {"row": number}, "rows"
                )
    text = buffer.getvalue()
    if variant == "cp932":
        return text.encode("cp932")
    return text.encode("utf-8-sig" if variant == "utf-8-sig" else "utf-8")
