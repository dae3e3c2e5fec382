"""The XLSX reader on a workbook openpyxl writes at test time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import grid, read_error, sample_rows

from kyotei.loaders.document import Format
from kyotei.loaders.formats import read_document


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "協定校"
    sheet["B2"] = "国・地域"
    sheet["C2"] = "大学名"
    sheet["D2"] = "締結日"
    sheet["B3"] = "中国"
    sheet.merge_cells("B3:B4")
    sheet["C3"] = "サンプル大学"
    sheet["D3"] = datetime(2001, 4, 1)
    sheet["D3"].number_format = "yyyy/m/d"
    sheet["C4"] = "見本工科大学"
    sheet["D4"] = "平成17年10月1日"
    sheet["B6"] = "備考"
    sheet.merge_cells("B6:D6")
    other = book.create_sheet("Europe 2")
    other["A1"] = "Country"
    other["B1"] = "Institution"
    other["C1"] = "Since"
    other["A2"] = "Germany"
    other["B2"] = "Example University"
    other["C2"] = 1999
    hidden = book.create_sheet("memo")
    hidden["A1"] = "内部用"
    hidden.sheet_state = "hidden"
    book.create_sheet("empty")
    path = tmp_path / "list.xlsx"
    book.save(path)
    return path


def test_sheets_merged_cells_and_dates(workbook: Path) -> None:
    doc = read_document(workbook)
    assert doc.format is Format.XLSX
    assert [(p.number, p.name, p.hidden, len(p.blocks)) for p in doc.parts] == [
        (1, "協定校", False, 1), (2, "Europe 2", False, 1), (3, "memo", True, 1),
        (4, "empty", False, 0)]
    first, second, memo = doc.tables()
    assert grid(first) == [
        *sample_rows(lambda r, c: f"協定校!{'BCD'[c - 1]}{r + 1}",
                     signed=("2001/4/1", "平成17年10月1日")),
        [("備考", "協定校!B6", None), ("備考", "協定校!C6", "協定校!B6"),
         ("備考", "協定校!D6", "協定校!B6")],
    ]
    date_cell, text_date = first.rows[1][2], first.rows[2][2]
    assert date_cell.value == datetime(2001, 4, 1)
    assert text_date.value is None
    assert grid(second)[1] == [
        ("Germany", "'Europe 2'!A2", None), ("Example University", "'Europe 2'!B2", None),
        ("1999", "'Europe 2'!C2", None)]
    assert second.rows[1][2].value == 1999
    assert grid(memo) == [[("内部用", "memo!A1", None)]]


def test_rows_iterator_in_sheet_order(workbook: Path) -> None:
    rows = list(read_document(workbook).rows())
    assert [str(row.locator) for row in rows] == [
        "協定校!2:2", "協定校!3:3", "協定校!4:4", "協定校!6:6", "'Europe 2'!1:1",
        "'Europe 2'!2:2", "memo!1:1"]


def test_not_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    error = read_error(path, "国,大学\n".encode())
    assert (error.file, error.reason) == (str(path), "named .xlsx but not a XLSX workbook")
