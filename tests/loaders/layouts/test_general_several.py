"""What the fourth blind corpus left after `b4fix` (tests/blind4/README.md, "After `b4rest`"):
several agreements in one row, rows that are no partner, ended agreements, stated totals.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from general_helpers import codes, read_file, rows

from kyotei.graph.model.countries import document_languages
from kyotei.graph.model.records import DocumentInfo, Level, LoadResult
from kyotei.loaders.formats import read_document
from kyotei.loaders.layouts.general import read_general


def _workbook(path: Path, values: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "一覧"
    for line in values:
        sheet.append(line)
    book.save(path)
    return path


def _read(tmp_path: Path, text: str, name: str, languages: tuple[str, ...] = ("ja", "en"),
          publisher: str | None = None) -> LoadResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    info = DocumentInfo(file=name, title="test list", as_of=None, as_of_text="",
                        languages=languages, publisher_status="unidentified",
                        publisher_ja=publisher)
    with document_languages(languages):
        return read_general(info, read_document(path), Level.UNIVERSITY)


def _kinds(result: LoadResult) -> list[tuple[object, ...]]:
    """(level, home unit, partner, signed on, locator) of each record."""
    return [(r[0], r[1], r[2], r[7], a.source.locator)
            for r, a in zip(rows(result), result.agreements, strict=True)]


# -- a partner × unit matrix ---------------------------------------------------------------

def test_each_dated_cell_of_a_partner_unit_matrix_is_one_agreement(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "matrix.xlsx", [
        ["見本大学 協定締結状況"],
        [],
        ["国・地域", "協定校", "大学間", "理学部", "大学院医学研究科"],
        ["韓国", "標本大学", dt.datetime(2001, 2, 3), None, "2011.4.1"],
        ["タイ", "模型大学", None, "2012.5.6", None],
        ["中国", "試料大学", None, None, None]])
    result = read_file(path)
    assert _kinds(result) == [
        ("university", None, "標本大学", "2001-02-03", "一覧!B4"),
        ("department", "大学院医学研究科", "標本大学", "2011-04-01", "一覧!B4"),
        ("department", "理学部", "模型大学", "2012-05-06", "一覧!B5")]
    # the date's own cell is recorded; the header's 大学間 is no partner; a row with no
    # filled cell is no agreement, and said
    assert [r.description for a in result.agreements for r in a.repairs] == [
        "the agreement of matrix cell 一覧!C4 (column '大学間'), read at the partner's row",
        "the agreement of matrix cell 一覧!E4 (column '大学院医学研究科'), read at the "
        "partner's row",
        "the agreement of matrix cell 一覧!D5 (column '理学部'), read at the partner's row"]
    assert "general.matrix" in codes(result) and "general.matrix-no-agreement" in codes(result)
    assert "general.date-column-unread" not in codes(result)


def test_a_matrix_cell_that_is_no_date_is_reported_not_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "matrix.xlsx", [
        ["国・地域", "協定校", "大学間", "理学部"],
        ["韓国", "標本大学", "2001.2.3", "締結予定"],
        ["タイ", "模型大学", "2002.3.4", "2003.4.5"]])
    result = read_file(path)
    assert [(k[0], k[2], k[3]) for k in _kinds(result)] == [
        ("university", "標本大学", "2001-02-03"), ("university", "模型大学", "2002-03-04"),
        ("department", "模型大学", "2003-04-05")]
    lost = [f for f in result.findings if f.code == "general.unreadable-row"]
    assert [f.locators for f in lost] == [("一覧!D2",)]


# -- agreements stacked in one cell --------------------------------------------------------

def test_stacked_cells_pair_up_line_by_line(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "stacked.xlsx", [
        ["国・地域", "協定校", "協定区分", "締結日", "授業料不徴収"],
        ["韓国", "標本大学", "大学間\n理学部", "2001.2.3\n2011.4.1", "○\n－"],
        ["タイ", "模型大学", "理学部", "2012.5.6", "○"],
        ["中国", "試料大学", "大学間", "2013.6.7", "－"]])
    result = read_file(path)
    assert [(r[0], r[1], r[2], r[7], r[8]) for r in rows(result)] == [
        ("university", None, "標本大学", "2001-02-03", True),
        ("department", "理学部", "標本大学", "2011-04-01", False),
        ("department", "理学部", "模型大学", "2012-05-06", True),  # a unit in the kind column
        ("university", None, "試料大学", "2013-06-07", False)]
    assert len({a.source.locator for a in result.agreements[:2]}) == 1  # the same row


def test_stacked_cells_of_unequal_lines_are_reported_never_paired(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "stacked.xlsx", [
        ["国・地域", "協定校", "協定区分", "締結日", "授業料不徴収"],
        ["韓国", "標本大学", "大学間\n理学部", "2001.2.3\n2011.4.1", "○"],
        ["タイ", "模型大学", "大学間", "2001.2.3\n(2011.4.1 更新)", "○"]])
    result = read_file(path)
    assert [r[2] for r in rows(result)] == ["標本大学", "模型大学"]  # one row each
    unpaired = [f for f in result.findings if f.code == "general.stacked-unpaired"]
    assert len(unpaired) == 1 and "'○': 1" in unpaired[0].message


# -- rows that are no partner --------------------------------------------------------------

def test_chinese_and_french_totals_are_checked_and_no_partner(tmp_path: Path) -> None:
    chinese = _read(tmp_path, "序号,国家,合作院校\n1,日本,見本大学\n2,韩国,標本大学\n"
                    "合计,,3所\n", "zh.csv", ("zh",))
    assert [r[2] for r in rows(chinese)] == ["見本大学", "標本大学"]
    assert [(c.stated, c.found) for c in chinese.checks] == [(3, 2)]
    french = _read(tmp_path, "Pays;Établissement partenaire\nJapon;見本大学\nChine;標本大学\n"
                   "# 2 accords au total\n", "fr.csv", ("fr",))
    assert [(c.stated, c.found) for c in french.checks] == [(2, 2)]
    prose = _read(tmp_path, "<html><body><main><table><tr><th>Pays</th><th>Établissement</th>"
                  "</tr><tr><td>Japon</td><td>見本大学</td></tr><tr><td>Chine</td><td>標本大学"
                  "</td></tr></table><p>Total : 2 établissements partenaires dans 3 pays.</p>"
                  "</main></body></html>", "fr.html", ("fr",))
    assert [(c.unit, c.stated, c.found) for c in prose.checks] == [
        ("institutions", 2, 2), ("countries", 3, 2)]


def test_a_grand_total_with_a_note_counts_the_whole_list(tmp_path: Path) -> None:
    result = _read(tmp_path, "【理学院】\n    見本大学      日本      2017年4月1日\n"
                   "【工学院】\n    標本大学      韩国      2019年9月1日\n"
                   "    模型大学      泰国      2019年9月2日\n"
                   "共计：4项。学费减免指减免全部学费。\n", "zh.txt", ("zh",))
    assert [(c.stated, c.found) for c in result.checks] == [(4, 3)]


def test_a_school_count_counts_partners_not_their_agreements(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "stacked.xlsx", [
        ["国・地域", "協定校", "協定区分", "締結日"],
        ["韓国", "標本大学", "大学間\n理学部", "2001.2.3\n2011.4.1"],
        ["タイ", "模型大学", "大学間", "2012.5.6"],
        ["計 2校（大学間 2件、部局間 1件）"]])
    result = read_file(path)
    assert [(c.stated, c.found) for c in result.checks] == [(2, 2), (2, 2), (1, 1)]


def test_a_name_with_lost_glyphs_is_reported_never_exported(tmp_path: Path) -> None:
    result = _read(tmp_path, "国・地域\t協定校\t締結日\n中国\t見本大学\t2001年2月3日\n"
                   "〓〓\t■■■■ト大学\t\t20■■年■月\n", "list.txt")
    assert [r[2] for r in rows(result)] == ["見本大学"]
    lost = [f for f in result.findings if f.code == "general.no-partner-name"]
    assert len(lost) == 1 and "■■■■ト大学" in lost[0].message


def test_a_title_line_naming_the_publisher_is_no_partner(tmp_path: Path) -> None:
    result = _read(tmp_path, "見本理工大学 院系级国际合作协议一览\n（截至2024年3月1日）\n"
                   "1. 標本大学  2019年9月1日\n", "list.txt", ("zh",), publisher="見本理工大学")
    assert [r[2] for r in rows(result)] == ["標本大学"]


def test_a_csv_comment_record_cut_by_the_delimiter_is_no_row(tmp_path: Path) -> None:
    result = _read(tmp_path, "# Liste d'exemple\n"
                   "# Exemple : O = frais de scolarité exonérés ; N = frais payés\n"
                   "Pays;Établissement partenaire\nJapon;見本大学\n", "list.csv", ("fr",))
    assert [r[2] for r in rows(result)] == ["見本大学"]
    assert "general.unreadable-row" not in codes(result)


def test_an_as_of_date_and_a_legend_set_apart_by_an_ideographic_space(tmp_path: Path) -> None:
    result = _read(tmp_path, "<html><body><main><p>2024年4月1日現在　○：授業料不徴収</p>"
                   "<table><tr><th>協定校</th><th>国・地域</th><th>授業料不徴収</th></tr>"
                   "<tr><td>見本大学</td><td>中国</td><td>○</td></tr></table>"
                   "<p>合計 1件</p></main></body></html>", "list.html")
    assert [r[2] for r in rows(result)] == ["見本大学"]
    assert "general.no-partner-name" not in codes(result)
    assert [(c.stated, c.found) for c in result.checks] == [(1, 1)]


# -- ended agreements ----------------------------------------------------------------------

def test_a_bracket_stating_the_agreement_ended_is_no_part_of_the_name(tmp_path: Path) -> None:
    result = _read(tmp_path, "<html><body><main><table><tr><th>協定校</th><th>国・地域</th>"
                   "</tr><tr><td><del>見本大学</del>（2023年3月廃止）</td><td>中国</td></tr>"
                   "<tr><td>標本大学（タイ）</td><td>タイ</td></tr>"
                   "</table></main></body></html>", "list.html")
    assert [r[2] for r in rows(result)] == ["見本大学", "標本大学(タイ)"]  # a place is kept
    ended = [f for f in result.findings if f.code == "general.stated-ended"]
    assert len(ended) == 1 and "2023年3月廃止" in ended[0].message
    notes = _read(tmp_path, "国・地域,協定校,備考\n中国,見本大学,廃止\nタイ,標本大学,\n",
                  "list.csv")
    assert [r[2] for r in rows(notes)] == ["見本大学", "標本大学"]  # kept as listed
    assert codes(notes).count("general.stated-ended") == 1


def test_a_struck_through_spreadsheet_row_is_kept_and_reported_ended(tmp_path: Path) -> None:
    from openpyxl.styles import Font

    path = _workbook(tmp_path / "list.xlsx", [
        ["国・地域", "協定校", "締結日"], ["中国", "見本大学", "2001.2.3"],
        ["タイ", "標本大学", "2002.3.4"]])
    from openpyxl import load_workbook

    book = load_workbook(path)
    for cell in book.active[3]:
        cell.font = Font(strike=True)
    book.save(path)
    result = read_file(path)
    assert [r[2] for r in rows(result)] == ["見本大学", "標本大学"]  # kept as listed
    ended = [f for f in result.findings if f.code == "general.stated-ended"]
    assert [f.locators for f in ended] == [("一覧!B3",)]


def test_a_matrix_of_marks_is_reported_not_guessed(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "matrix.xlsx", [
        ["国・地域", "協定校", "大学間", "理学部", "医学部"],
        ["韓国", "標本大学", "○", None, "○"],
        ["タイ", "模型大学", None, "○", None]])
    result = read_file(path)
    said = [f.message for f in result.findings if f.code == "general.matrix-unread"]
    assert len(said) == 1 and "'理学部'" in said[0] and "marks (○)" in said[0]


def test_a_struck_through_html_name_is_kept_and_reported_ended_once(tmp_path: Path) -> None:
    result = _read(tmp_path, "<html><body><main><table><tr><th>協定校</th><th>国・地域</th>"
                   "</tr><tr><td><del>見本大学</del></td><td>中国</td></tr>"
                   "<tr><td><s>標本大学</s>（2020年廃止）</td><td>タイ</td></tr>"
                   "<tr><td>模型大学</td><td>タイ</td></tr></table></main></body></html>",
                   "list.html")
    assert [r[2] for r in rows(result)] == ["見本大学", "標本大学", "模型大学"]
    assert codes(result).count("general.stated-ended") == 2
