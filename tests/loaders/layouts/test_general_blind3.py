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
