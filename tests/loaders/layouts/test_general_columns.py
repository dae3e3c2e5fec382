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


def test_a_german_table_its_country_carried_down_and_its_unit_column(tmp_path: Path) -> None:
    # Land printed once per group; Fachbereich is the home unit, hochschulweit the whole
    # university (a university-level row with no home unit)
    path = tmp_path / "partner.html"
    path.write_text(
        "<html lang='de'><body><table><tr><th>Land</th><th>Hochschule</th>"
        "<th>Fachbereich</th><th>Abkommen seit</th></tr>"
        "<tr><td>Japan</td><td>Universität Nordberg</td><td>hochschulweit</td>"
        "<td>2015-10-20</td></tr>"
        "<tr><td></td><td>Universität Südtal</td><td>FB Chemie</td><td>2018-03-15</td></tr>"
        "</table></body></html>", encoding="utf-8")
    assert [(r[0], r[1], r[6]) for r in rows(read_file(path))] == [
        ("university", None, "JP"), ("department", "FB Chemie", "JP")]


def _merged(path: Path, cells: list[list[object]], merges: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for values in cells:
        sheet.append(values)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    book.save(path)
    return path


def test_a_two_row_header_over_bilingual_names_reads_both(tmp_path: Path) -> None:
    # a title over the width, then 協定校名 merged over 日本語 / English, 協定 over two
    # columns, the others merged down: both name columns are the partner's names
    path = _merged(tmp_path / "list.xlsx", [
        ["みなと学院大学 協定校一覧", None, None, None, None],
        ["国・地域", "協定校名", None, "協定", None],
        [None, "日本語", "English", "締結日", "授業料不徴収"],
        ["ノルウェー", "ノルデン大学", "University of Norden", "2012/2/14", "○"],
    ], ["A1:E1", "A2:A3", "B2:C2", "D2:E2"])
    assert rows(read_file(path)) == [
        ("university", None, "ノルデン大学", "University of Norden", None, None, "NO",
         "2012-02-14", True)]


def test_a_colspan_header_naming_the_english_column(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(
        "<html><body><table><tr><th rowspan='2'>No.</th><th colspan='2'>協定校</th>"
        "<th rowspan='2'>国・地域</th><th colspan='2'>協定</th></tr>"
        "<tr><th>和文名</th><th>英文名</th><th>締結日</th><th>授業料不徴収</th></tr>"
        "<tr><td>1</td><td>ノルデン大学</td><td>University of Norden</td><td>ノルウェー</td>"
        "<td>2012年2月14日</td><td>○</td></tr></table></body></html>", encoding="utf-8")
    assert rows(read_file(path)) == [
        ("university", None, "ノルデン大学", "University of Norden", None, None, "NO",
         "2012-02-14", True)]


def test_an_institution_column_headed_in_english_beside_a_japanese_one(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "list.xlsx", [
        ["国・地域", "協定校名", "Partner Institution", "締結日"],
        ["ノルウェー", "ノルデン大学", "University of Norden", "2012/2/14"],
    ])
    assert rows(read_file(path)) == [
        ("university", None, "ノルデン大学", "University of Norden", None, None, "NO",
         "2012-02-14", None)]


def test_a_notes_cell_labelled_with_a_partner_unit_header_gives_the_partners_unit(
        tmp_path: Path) -> None:
    path = _sheet(tmp_path / "list.xlsx", [
        ["区分", "本学部局", "国名", "協定校名", "備考"],
        ["部局間", "みどり学部", "ノルウェー", "ノルデン大学", "相手部局：Faculty of Tides"],
        ["部局間", "みどり学部", "ノルウェー", "フィヨルド大学", "授業料不徴収"],
    ])
    assert [(r[1], r[4], r[5]) for r in rows(read_file(path))] == [
        ("みどり学部", None, "Faculty of Tides"), ("みどり学部", None, None)]


def test_a_statement_of_every_partner_sets_each_rows_waiver(tmp_path: Path) -> None:
    table = ("<table><tr><th>Country</th><th>Institution</th></tr>"
             "<tr><td>Norway</td><td>University of Nordfjell</td></tr>"
             "<tr><td>Norway</td><td>Fjordvik University</td></tr></table>")
    plain = tmp_path / "plain.html"
    plain.write_text(f"<html><body><p>Tuition is waived at all partner institutions.</p>"
                     f"{table}</body></html>", encoding="utf-8")
    hedged = tmp_path / "hedged.html"
    hedged.write_text(f"<html><body><p>Tuition is generally waived at all partner "
                      f"institutions.</p>{table}</body></html>", encoding="utf-8")
    result = read_file(plain)
    assert [r[-1] for r in rows(result)] == [True, True]
    assert "general.waiver-of-all" in [f.code for f in result.findings]
    assert [r[-1] for r in rows(read_file(hedged))] == [None, None]


def test_a_total_row_whose_label_is_merged_over_two_columns_is_a_total(
        tmp_path: Path) -> None:
    path = _merged(tmp_path / "list.xlsx", [
        ["No.", "国・地域", "協定校名", "English"],
        ["1", "ノルウェー", "ノルデン大学", "University of Norden"],
        ["計", None, "1校", None],
    ], ["A3:B3"])
    result = read_file(path)
    assert [r[2] for r in rows(result)] == ["ノルデン大学"]


def test_a_unit_in_a_headerless_department_list_is_the_home_unit(tmp_path: Path) -> None:
    # a department-level page, no header, no unit heading: the row's one unit is the home's
    table = ("<table><tr><td>ノルデン大学<br><small>University of Norden</small></td>"
             "<td>みどり学部</td><td>2017年9月1日</td></tr></table>")
    dept = tmp_path / "dept.html"
    dept.write_text(f"<html><body><h1>部局間交流協定</h1>{table}</body></html>",
                    encoding="utf-8")
    uni = tmp_path / "uni.html"
    uni.write_text(f"<html><body><h1>大学間交流協定</h1>{table}</body></html>",
                   encoding="utf-8")
    assert [(r[0], r[1], r[4]) for r in rows(read_file(dept))] == [
        ("department", "みどり学部", None)]
    assert [(r[1], r[4]) for r in rows(read_file(uni))] == [(None, "みどり学部")]
