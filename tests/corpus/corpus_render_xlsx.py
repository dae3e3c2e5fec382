"""XLSX rendering with openpyxl: one sheet per section, a notes sheet, merged group cells.

The title and the as-of date stand above the table; country (and unit) cells of a group
are merged; dates are Excel date cells (the truth keeps the ISO date) unless the document
prints month-only dates, which stay text. Locator: sheet, row and the partner-name cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from corpus_layout import columns, legend_line, locate, name_column, table_rows, total_line
from corpus_model import Doc, Section
from corpus_render_text import as_of_text
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FIRST_ROW = 4
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*<")


def sheet_title(doc: Doc, section: Section) -> str:
    return section.heading[:31]  # Excel's limit on a sheet name


def write_section(doc: Doc, section: Section, wb: Workbook, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    assert ws is not None
    ws.title = sheet_title(doc, section)
    cols = [k for k, _ in columns(doc, section)]
    ws.cell(1, 1, doc.title)
    ws.cell(2, 1, as_of_text(doc))
    excel_dates = doc.spec.variant == "excel-dates" and doc.date_style != "month"
    row_number = FIRST_ROW - 1
    name_col = cols.index(name_column(columns(doc, section))) + 1
    spans: list[tuple[int, int, int]] = []
    for trow in table_rows(doc, section):
        if trow.kind == "header" and "lost_header" in doc.furniture:
            continue
        row_number += 1
        shift = 1 if trow.row and "shifted" in trow.row.damage and trow.kind == "data" else 0
        for index, key in enumerate(cols, start=1):
            column = index + (shift if index > 1 else 0)
            if trow.spans.get(key, 1) == 0 and trow.kind != "dup":
                continue
            value: object = trow.cells.get(key, "")
            if key == "date" and excel_dates and trow.row and trow.row.date and value:
                value = trow.row.date
            if value != "":
                cell = ws.cell(row_number, column, value)
                if key == "date" and value is not None and not isinstance(value, str):
                    cell.number_format = "yyyy/m/d" if len(doc.home.key) % 2 else "yyyy年m月d日"
            if trow.spans.get(key, 1) > 1:
                spans.append((row_number, column, trow.spans[key]))
        kind = {"data": "item"}.get(trow.kind, trow.kind)
        cell_name = f"{get_column_letter(name_col + shift)}{row_number}"
        locate(trow.row, kind, {"sheet": ws.title, "row": row_number, "cell": cell_name}, "rows")
    for top, column, span in spans:
        ws.merge_cells(
            start_row=top, start_column=column, end_row=top + span - 1, end_column=column
        )
    row_number += 2
    if (text := legend_line(doc)) is not None:
        ws.cell(row_number, 1, text)
        row_number += 1
    ws.cell(row_number, 1, total_line(doc, section.rows, section.level))
    for index in range(1, len(cols) + 2):
        ws.column_dimensions[get_column_letter(index)].width = 24


def render_xlsx(doc: Doc) -> bytes:
    wb = Workbook()
    for index, section in enumerate(doc.sections):
        write_section(doc, section, wb, index == 0)
    notes = wb.create_sheet("注記" if doc.spec.language != "en" else "Notes")
    notes.cell(
        1,
        1,
        "本表は国際交流課が作成"
        if doc.spec.language != "en"
        else "Compiled by the International Office",
    )
    notes.cell(2, 1, as_of_text(doc))
    wb.properties.creator = doc.home.en
    wb.properties.created = wb.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps, so the same plan gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = MODIFIED.sub(rb"\g<1>2024-01-01T00:00:00Z<", content)
            target.writestr(fixed, content)
    return out.getvalue()
