"""Column roles, home and partner units and waiver cells (decision 0025), each on a small
hand-written list of invented institutions."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from general_helpers import read_file, rows


def _sheet(path: Path, cells: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for values in cells:
        sheet.append(values)
    book.save(path)
    return path


def test_a_bare_unit_column_is_the_home_department(tmp_path: Path) -> None:
    # 部局 with no partner-unit column: the publisher's own faculty, a department row
    path = _sheet(tmp_path / "list.xlsx", [
        ["部局", "協定校", "国・地域", "締結日"],
        ["みどり学部", "ノルデン大学", "ノルウェー", "2012/2/14"],
    ])
    assert rows(read_file(path)) == [
        ("department", "みどり学部", "ノルデン大学", None, None, None, "NO", "2012-02-14",
         None)]


def test_a_bare_unit_column_beside_a_plain_home_column_is_the_partners(
        tmp_path: Path) -> None:
    path = _sheet(tmp_path / "list.xlsx", [
        ["学内部局", "協定校", "部局", "国・地域", "締結日"],
        ["みどり学部", "ノルデン大学", "海洋学部", "ノルウェー", "2012/2/14"],
    ])
    assert rows(read_file(path)) == [
        ("department", "みどり学部", "ノルデン大学", None, "海洋学部", None, "NO",
         "2012-02-14", None)]


def test_a_dash_is_no_in_a_column_of_marks_and_unknown_beside_words(tmp_path: Path) -> None:
    marks = _sheet(tmp_path / "marks.xlsx", [
        ["国・地域", "協定校", "授業料不徴収"],
        ["ノルウェー", "ノルデン大学", "○"],
        ["ノルウェー", "フィヨルド大学", "－"],
    ])
    words = _sheet(tmp_path / "words.xlsx", [
        ["Country", "Institution", "Tuition"],
        ["Norway", "University of Nordfjell", "Waived"],
        ["Norway", "Fjordvik University", "Paid"],
        ["Norway", "Skarven University", "—"],
    ])
    assert [r[-1] for r in rows(read_file(marks))] == [True, False]
    assert [r[-1] for r in rows(read_file(words))] == [True, False, None]


def test_a_header_read_backwards_is_its_word(tmp_path: Path) -> None:
    # a waiver title set vertically in a PDF comes out bottom to top: 授業料不徴収 reversed
    path = _sheet(tmp_path / "list.xlsx", [
        ["国・地域", "協定校", "締結日", "収徴不料業授"],
        ["ノルウェー", "ノルデン大学", "2012/2/14", "○"],
        ["ノルウェー", "フィヨルド大学", "2013/3/1", None],
    ])
    assert [r[-1] for r in rows(read_file(path))] == [True, False]
