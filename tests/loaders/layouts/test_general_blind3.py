"""Shapes the third blind corpus (tests/blind3) found the general reader getting wrong.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

from pathlib import Path

from general_helpers import read_text, rows

from kyotei.graph.model.records import Level


def test_a_markdown_pipe_table_is_a_table(tmp_path: Path) -> None:
    result = read_text(tmp_path, "# 一覧\n\n"
                       "| No | 国・地域 | 協定校 | 締結日 | 不徴収 |\n"
                       "|---:|---|---|---|:-:|\n"
                       "| 1 | 中国 | **見本大学**<br>Mihon University | 2011-04-01 | ✔ |\n"
                       "| 2 | タイ | 標本大学<br>Hyohon University | 2012-05-02 |  |\n"
                       "| 3 | 韓国 | ~~[試料大学](./x)~~ | 2013-06-03 | ✔ |\n"
                       "\n- ✔ = 授業料不徴収\n")
    assert [(r[2], r[3], r[6], r[7], r[8]) for r in rows(result)] == [
        ("見本大学", "Mihon University", "CN", "2011-04-01", True),
        ("標本大学", "Hyohon University", "TH", "2012-05-02", False),
        ("試料大学", None, "KR", "2013-06-03", True)]
    # each row is located by its own line
    assert [r.source.line for r in result.agreements] == [5, 6, 7]


def test_a_circled_item_number_is_no_name_and_a_memo_item_reads_whole(tmp_path: Path) -> None:
    result = read_text(tmp_path, "【学部間協定】\n■理学部（2件）\n"
                       "　① 見本大学（タイ）理学院　2013年10月28日締結（2018年10月28日更新）"
                       "　授業料：相互免除\n"
                       "　② 標本大学（ドイツ）工学院　2017年11月13日締結　授業料：徴収\n"
                       "\n以上　計2件\n", level=Level.UNIVERSITY)
    got = rows(result)
    assert [(r[1], r[2], r[4], r[6], r[7], r[8]) for r in got] == [
        ("理学部", "見本大学", "理学院", "TH", "2013-10-28", True),
        ("理学部", "標本大学", "工学院", "DE", "2017-11-13", False)]
    # the closing 以上 with its total is no partner: the total is checked
    assert not any("以上" in (r[2] or "") for r in got)
    assert [(c.stated, c.found) for c in result.checks] == [(2, 2), (2, 2)]


def test_a_total_counts_agreements_not_rows_printed_twice(tmp_path: Path) -> None:
    result = read_text(tmp_path, "国・地域  協定校  締結日\n"
                       "中国  見本大学  2011.4.1\n"
                       "タイ  標本大学  2012.5.2\n"
                       "タイ  標本大学  2012.5.2\n"
                       "計 3校\n")
    assert [(c.stated, c.found) for c in result.checks] == [(3, 2)]
    assert "printed twice" in result.checks[0].note


def test_a_second_sheets_total_is_checked_under_that_sheet(tmp_path: Path) -> None:
    from general_helpers import read_file
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "甲"
    second = book.create_sheet("乙")
    for sheet, names in ((first, ["見本大学", "標本大学"]), (second, ["試料大学"])):
        sheet.append(["見本大学 協定一覧"])
        sheet.append(["国・地域", "協定校", "締結日"])
        for name in names:
            sheet.append(["中国", name, "2011.4.1"])
        sheet.append([f"計 {len(names)}校"])
    book.save(tmp_path / "list.xlsx")
    result = read_file(tmp_path / "list.xlsx")
    assert [(c.stated, c.found) for c in result.checks] == [(2, 2), (1, 1)]
    assert result.checks[0].section != result.checks[1].section
    assert result.checks[1].section.endswith("(乙)")


def test_an_ocr_slip_in_a_date_is_read_as_its_digit_and_reported(tmp_path: Path) -> None:
    result = read_text(tmp_path, "国・地域  協定校  締結日\n"
                       "中国  見本大学  2004.6.1O\n"
                       "タイ  標本大学  2015.7.l\n"
                       "韓国  試料大学  2O1?.?.l\n")
    assert [r[7] for r in rows(result)] == ["2004-06-10", "2015-07-01", None]
    slips = [f for f in result.findings if f.code == "general.date-read-as"]
    assert [f.locators for f in slips] == [("l2",), ("l3",)]
    assert any(f.code == "general.date-unreadable" and f.locators == ("l4",)
               for f in result.findings)


def test_a_validity_range_alone_is_no_signing_date(tmp_path: Path) -> None:
    result = read_text(tmp_path, "国・地域  協定校  締結日\n"
                       "中国  見本大学  2019.4.1～2024.3.31\n"
                       "タイ  標本大学  2016.4.1（2021.4.1更新）\n")
    assert [r[7] for r in rows(result)] == [None, "2016-04-01"]
    assert any("validity range" in f.message for f in result.findings)


def test_a_year_last_dotted_date_is_day_first_in_a_german_document(tmp_path: Path) -> None:
    from general_helpers import info

    from kyotei.loaders.formats import read_document
    from kyotei.loaders.layouts.general import read_general

    path = tmp_path / "list.txt"
    path.write_text("Land  Hochschule  Abkommen seit\n"
                    "Spanien  Universidad de Muestra  01.10.2015\n", encoding="utf-8")
    from dataclasses import replace

    doc = replace(info(path.name), languages=("de",))
    got = read_general(doc, read_document(path), Level.UNIVERSITY)
    assert [r[7] for r in rows(got)] == ["2015-10-01"]
    mixed = read_general(replace(doc, languages=("ja", "en")), read_document(path),
                         Level.UNIVERSITY)
    assert [r[7] for r in rows(mixed)] == [None]  # no language gives the order: refused


def test_a_serial_typed_as_text_in_a_workbooks_date_column(tmp_path: Path) -> None:
    from general_helpers import read_file
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["国・地域", "協定校", "締結日"])
    sheet.append(["中国", "見本大学", "43191"])
    sheet.append(["タイ", "標本大学", "2015"])
    book.save(tmp_path / "list.xlsx")
    result = read_file(tmp_path / "list.xlsx")
    assert [r[7] for r in rows(result)] == ["2018-04-01", None]
    assert any(f.code == "general.date-read-as" and "serial" in f.message
               for f in result.findings)


def test_a_column_headed_with_the_word_for_concluded_alone_is_the_date(tmp_path: Path) -> None:
    result = read_text(tmp_path, "相手機関\t国・地域\t締結\t更新\n"
                       "見本大学\t中国\t2013.10.1\t2018.10.1更新\n", name="list.tsv")
    assert [r[7] for r in rows(result)] == ["2013-10-01"]


def test_stray_rows_are_no_partners(tmp_path: Path) -> None:
    from general_helpers import read_file

    (tmp_path / "list.html").write_text(
        "<html><body><table>"
        "<tr><th>国・地域</th><th>協定校</th><th>英文名</th><th>締結日</th></tr>"
        "<tr><td>中国</td><td>見本大学</td><td>Mihon University</td><td>2015.4.1</td></tr>"
        "<tr><td colspan='3'>合計</td><td>1校</td></tr>"
        "</table></body></html>", encoding="utf-8")
    result = read_file(tmp_path / "list.html")
    assert [r[2] for r in rows(result)] == ["見本大学"]
    assert [(c.stated, c.found) for c in result.checks] == [(1, 1)]


def test_a_country_headings_count_is_checked(tmp_path: Path) -> None:
    result = read_text(tmp_path, "中国（3件）\n見本大学  2011.4.1\n標本大学  2012.5.2\n"
                       "タイ（1件）\n試料大学  2013.6.3\n")
    assert [(c.section, c.stated, c.found) for c in result.checks] == [
        ("中国(3件)", 3, 2), ("タイ(1件)", 1, 1)]


def test_a_totals_breakdown_by_level_is_checked(tmp_path: Path) -> None:
    result = read_text(tmp_path, "【大学間協定】\n中国  見本大学  2011.4.1\n"
                       "【部局間協定】\nタイ  標本大学  2012.5.2\n韓国  試料大学  2013.6.3\n"
                       "計 3校（大学間 2、部局間 1）\n")
    checks = [(c.stated, c.found) for c in result.checks]
    assert (2, 1) in checks and (1, 2) in checks  # the breakdown disagrees with the rows


def test_a_german_total_and_an_unreadable_row_it_counts(tmp_path: Path) -> None:
    result = read_text(tmp_path, "Land  Hochschule  Datum\n"
                       "Spanien  Universidad de Muestra  2015-10-01\n"
                       "Italien  ■■■ ■■  2016-10-01\n"
                       "Insgesamt 2 Partnerhochschulen in 2 Ländern.\n")
    assert [r[3] for r in rows(result)] == ["Universidad de Muestra"]
    assert (result.checks[0].unit, result.checks[0].stated, result.checks[0].found) == (
        "institutions", 2, 2)


def test_an_as_of_line_with_a_legend_beside_it_is_no_row(tmp_path: Path) -> None:
    result = read_text(tmp_path, "見本大学 協定校一覧\n2017年4月1日現在  〇印：授業料不徴収\n"
                       "国・地域  協定校名  締結日  不徴収\n中国  見本大学  2011.4.1  〇\n")
    assert [(r[2], r[8]) for r in rows(result)] == [("見本大学", True)]
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_an_english_name_wrapped_after_and_in_a_text_table(tmp_path: Path) -> None:
    result = read_text(tmp_path, "No.  Country    Institution                      Date Signed\n"
                       "1    Vietnam    Mihon University of Science and  2017-08-07\n"
                       "                Technology\n"
                       "2    Japan      Hyohon University                2018-01-02\n")
    assert [r[3] for r in rows(result)] == ["Mihon University of Science and Technology",
                                            "Hyohon University"]
    assert any(f.code == "general.wrapped-row-joined" for f in result.findings)


def test_a_total_after_counted_units_covers_the_rows_since_the_last_total(tmp_path: Path) -> None:
    result = read_text(tmp_path, "大学間協定\n1. 見本大学　2011年4月1日\n■◆■◆□□\n合計 2機関\n"
                       "部局間協定\n■理学部（2件）\n1. 標本大学　2012年5月2日\n"
                       "2. 試料大学　2013年6月3日\n■工学部（1件）\n3. 模型大学　2014年7月4日\n"
                       "計 3件\n")
    # the lost line ■◆■◆□□ is a row the first total counts; 計 3件 is the department
    # section's (the rows since 合計 2機関), not the last unit's
    assert [(c.stated, c.found) for c in result.checks] == [(2, 2), (2, 2), (1, 1), (3, 3)]


def test_dates_in_a_column_no_header_word_names_are_reported(tmp_path: Path) -> None:
    result = read_text(tmp_path, "協定校,国・地域,ほげ\n見本大学,中国,2013.10.1\n"
                       "標本大学,タイ,2014.11.2\n", name="list.csv")
    assert [r[7] for r in rows(result)] == [None, None]
    unread = [f for f in result.findings if f.code == "general.date-column-unread"]
    assert len(unread) == 1 and "'ほげ'" in unread[0].message
