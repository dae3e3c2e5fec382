"""The general reader's rules, each on a small hand-written list of invented institutions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from general_helpers import codes, read_file, read_text, rows

from kyotei.graph.model.records import Level
from kyotei.loaders.layouts.general.cells import (
    join_cjk_spaces,
    party_from,
    several_names,
    split_runs,
    unbracket_english,
)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, cells in sheets.items():
        sheet = book.create_sheet(title)
        for values in cells:
            sheet.append(values)
    book.save(path)
    return path


def test_title_row_above_the_header_is_not_the_header(tmp_path: Path) -> None:
    # the title holds a header word (協定校) but is one cell: the header is the row below
    path = _workbook(tmp_path / "list.xlsx", {"Sheet1": [
        ["みなと学院大学 協定校一覧", None, None],
        ["国・地域", "協定校", "締結日"],
        ["フランス", "リヨン第二大学", "2011/10/3"],
    ]})
    assert rows(read_file(path)) == [
        ("university", None, "リヨン第二大学", None, None, None, "FR", "2011-10-03", None)]


def test_sheet_named_for_the_level_and_home_department_column(tmp_path: Path) -> None:
    # 部局 beside 相手部局 is the home department; the sheet's name gives the level
    path = _workbook(tmp_path / "list.xlsx", {"学部間協定": [
        ["部局", "国・地域", "協定校", "相手部局", "締結日"],
        ["薬学部", "カナダ", "マギル大学", "医学部", "2004/6/1"],
    ]})
    assert rows(read_file(path)) == [
        ("department", "薬学部", "マギル大学", None, "医学部", None, "CA", "2004-06-01", None)]


def test_english_date_header(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "list.xlsx", {"Partners": [
        ["Country", "Partner Institution", "Date of Agreement"],
        ["Norway", "University of Bergen", "2009.11.30"],
    ]})
    assert rows(read_file(path)) == [
        ("university", None, None, "University of Bergen", None, None, "NO", "2009-11-30",
         None)]


def test_space_inside_a_japanese_name_is_a_slip() -> None:
    assert join_cjk_spaces("アルバ ータ大学") == "アルバータ大学"
    assert join_cjk_spaces("グラーツ工科大学 機械工学部") == "グラーツ工科大学 機械工学部"
    assert party_from("トゥ　ルク大学").institution_ja == "トゥルク大学"


def test_english_name_in_brackets_after_the_japanese() -> None:
    party = party_from("ベルゲン大学(University of Bergen)")
    assert (party.institution_ja, party.institution_en) == ("ベルゲン大学", "University of Bergen")
    assert unbracket_english("(Lyon)") == "(Lyon)"


def test_numbered_run_and_a_country_kyotei_cannot_read(tmp_path: Path) -> None:
    # the item number is not part of the first run; a bare word beside a name with an
    # institution ending is not the name
    text = ("3. NORWAY　ベルゲン大学　2009年11月30日\n"
            "4. ZZLAND　ナントカ工科大学　2001年1月5日\n")
    assert rows(read_text(tmp_path, text)) == [
        ("university", None, "ベルゲン大学", None, None, None, "NO", "2009-11-30", None),
        ("university", None, "ナントカ工科大学", None, None, None, None, "2001-01-05", None),
    ]


def test_blank_country_cell_repeats_the_country_above(tmp_path: Path) -> None:
    result = read_text(tmp_path, "Country,Institution,Signed\nNorway,University of Bergen,"
                       "2009-11-30\n,University of Tromso,2012-02-01\n", name="list.csv")
    assert rows(result) == [
        ("university", None, None, "University of Bergen", None, None, "NO", "2009-11-30", None),
        ("university", None, None, "University of Tromso", None, None, "NO", "2012-02-01", None),
    ]
    assert [r.country_basis.value if r.country_basis else None
            for r in result.agreements] == ["printed", "carried"]


def test_title_and_as_of_lines_are_not_partners(tmp_path: Path) -> None:
    text = ("Example College: Partner Institutions\nAs of May 1, 2024\n"
            "Norway\nUniversity of Bergen  2009-11-30\n")
    assert rows(read_text(tmp_path, text)) == [
        ("university", None, None, "University of Bergen", None, None, "NO", "2009-11-30", None)]


def test_table_printed_as_text_with_grouped_cells(tmp_path: Path) -> None:
    # columns aligned for a fixed-width font (a kanji is two columns); the home department
    # and the country are printed once per group
    text = ("担当部局    国・地域    協定校              締結日      授業料不徴収\n"
            "薬学部      カナダ      マギル大学          2004/6/1    有\n"
            "                        トロント大学        2006/7/1    無\n"
            "理学部      ノルウェー  ベルゲン大学        2009/11/30  無\n")
    assert rows(read_text(tmp_path, text, level=Level.DEPARTMENT)) == [
        ("department", "薬学部", "マギル大学", None, None, None, "CA", "2004-06-01", True),
        ("department", "薬学部", "トロント大学", None, None, None, "CA", "2006-07-01", False),
        ("department", "理学部", "ベルゲン大学", None, None, None, "NO", "2009-11-30", False),
    ]


def test_waiver_column_that_only_marks_the_waived_rows(tmp_path: Path) -> None:
    # ○ for a waiver, blank for none: blank is "no" here; with 有/無 a blank is unknown
    path = _workbook(tmp_path / "list.xlsx", {"Sheet1": [
        ["Country", "Institution", "Tuition waiver"],
        ["Norway", "University of Bergen", "○"],
        ["Norway", "University of Tromso", None],
    ], "Sheet2": [
        ["国・地域", "協定校", "授業料不徴収"],
        ["カナダ", "マギル大学", "有"],
        ["カナダ", "トロント大学", "無"],
        ["カナダ", "ヨーク大学", None],
    ]})
    assert [r.tuition_waiver for r in read_file(path).agreements] == [
        True, False, True, False, None]


def test_a_name_ending_cut_off_by_a_space_stays_with_its_name(tmp_path: Path) -> None:
    text = "ノルウェー\nベルゲン　大学※  2009年11月30日\n※印は授業料不徴収協定\n"
    assert rows(read_text(tmp_path, text)) == [
        ("university", None, "ベルゲン大学", None, None, None, "NO", "2009-11-30", True)]


def test_japanese_row_with_single_spaces_between_cells(tmp_path: Path) -> None:
    # as a PDF's text layer gives a row: one space between country, name, unit and date
    text = "理学部（1）\n1. ノルウェー ベルゲン大学 医学部 2009年11月30日\n"
    assert rows(read_text(tmp_path, text, level=Level.DEPARTMENT)) == [
        ("department", "理学部", "ベルゲン大学", None, "医学部", None, "NO", "2009-11-30", None)]


def test_row_split_over_two_rows_of_a_sheet(tmp_path: Path) -> None:
    # the second row holds only the English name and the date the first one lacks
    path = _workbook(tmp_path / "list.xlsx", {"Sheet1": [
        ["国・地域", "協定校", "英語名", "締結日"],
        ["ノルウェー", "ベルゲン大学", None, None],
        [None, None, "University of Bergen", "2009/11/30"],
        ["ノルウェー", "オスロ大学", "University of Oslo", "2001/2/3"],
    ]})
    result = read_file(path)
    assert rows(result) == [
        ("university", None, "ベルゲン大学", "University of Bergen", None, None, "NO",
         "2009-11-30", None),
        ("university", None, "オスロ大学", "University of Oslo", None, None, "NO", "2001-02-03",
         None),
    ]
    assert [r.rule for r in result.agreements[0].repairs] == ["general.split-row-joined"]


def test_name_wrapped_inside_a_word_with_the_date_on_the_next_line(tmp_path: Path) -> None:
    text = ("ノルウェー\nベルゲン大学（University of Ber\n    gen）　November 30, 2009\n"
            "オスロ大学（University of Oslo）　February 3, 2001\n")
    result = read_text(tmp_path, text)
    assert rows(result) == [
        ("university", None, "ベルゲン大学", "University of Bergen", None, None, "NO",
         "2009-11-30", None),
        ("university", None, "オスロ大学", "University of Oslo", None, None, "NO", "2001-02-03",
         None),
    ]
    assert [r.rule for r in result.agreements[0].repairs] == [
        "general.wrapped-row-joined", "general.split-row-joined"]


def test_row_shifted_right_by_an_empty_cell(tmp_path: Path) -> None:
    result = read_text(tmp_path, "No.,Country,Institution,Signed\n"
                       "1,,Norway,University of Bergen,2009-11-30\n"
                       "2,Norway,University of Oslo,2001-02-03\n", name="list.csv")
    assert rows(result) == [
        ("university", None, None, "University of Bergen", None, None, "NO", "2009-11-30", None),
        ("university", None, None, "University of Oslo", None, None, "NO", "2001-02-03", None),
    ]
    shifted = [f for f in result.findings if f.code == "general.shifted-row"]
    assert [f.locators for f in shifted] == [("r2",)]


def test_japanese_word_cut_by_a_space_and_a_campus_after_a_name() -> None:
    # no Japanese word starts with a small kana; 大 / 学 straddle the space; a campus (…校)
    # belongs to the university's name; Kangxi radicals (⼤) are read as the kanji
    assert split_runs("エラスムス・ロッテルダ  ム大学  2011年5月1日") == [
        "エラスムス・ロッテルダ  ム大学", "2011年5月1日"]
    assert split_runs("ウプサラ大  学※  2011年5月1日") == ["ウプサラ大  学※", "2011年5月1日"]
    assert split_runs("4. バーミンガ　ャム大学") == ["4. バーミンガ　ャム大学"]
    assert party_from("カリフォルニア大学　アーバイン校").institution_ja == \
        "カリフォルニア大学アーバイン校"
    assert party_from("カリフォルニア大学 理学部").unit_ja == "理学部"
    assert party_from("トゥルク　⼤学").institution_ja == "トゥルク大学"


_WRAPPED_NAME_MARK = (
    "ノルウェー\nベルゲン大学（University of\n    Bergen）※  2009年11月30日\n"
    "オスロ大学（University of Oslo）  2001年2月3日\n※印は授業料不徴収協定\n")
# a table printed as text: ○ for a waiver and blank for none, as in a sheet
_TEXT_TABLE_COLUMN = (
    "No.  国・地域     協定校          英語名                    締結日      授業料不徴収\n"
    "1    NORWAY       見本大学        Example University        1989-07-01  ○\n"
    "2                 試験大学        Test University           2018-11-22\n")


@pytest.mark.parametrize("text", [
    pytest.param(_WRAPPED_NAME_MARK, id="mark at the end of a wrapped name"),
    pytest.param(_TEXT_TABLE_COLUMN, id="text table column that only marks the waived rows"),
])  # fmt: skip
def test_waiver_of_the_first_row_only(tmp_path: Path, text: str) -> None:
    assert [r.tuition_waiver for r in read_text(tmp_path, text).agreements] == [True, False]


def test_english_line_under_a_japanese_row(tmp_path: Path) -> None:
    # each row printed twice: in Japanese with its number, then in English without one
    text = ("1\tヨーロッパ\tノルウェー\tベルゲン大学\n"
            "\tEurope\tNorway\tUniversity of Bergen\n"
            "2\tヨーロッパ\tノルウェー\tオスロ大学\n"
            "\tEurope\tNorway\tUniversity of Oslo\n")
    result = read_text(tmp_path, text)
    assert rows(result) == [
        ("university", None, "ベルゲン大学", "University of Bergen", None, None, "NO", None, None),
        ("university", None, "オスロ大学", "University of Oslo", None, None, "NO", None, None),
    ]


def test_tab_separated_table_in_a_text_file(tmp_path: Path) -> None:
    # tabs, not positions, separate the cells; two tabs in a row are an empty cell
    text = ("担当部局\t国・地域\t協定校\t締結日\t\n"
            "薬学部\tカナダ\tマギル大学\t2004/6/1\t\n"
            "\t\tトロント大学\t2006/7/1\t\n"
            "\t\t\t\tヨーク大学\t2008/9/1\n")  # indented by two extra tabs
    assert rows(read_text(tmp_path, text, level=Level.DEPARTMENT)) == [
        ("department", "薬学部", "マギル大学", None, None, None, "CA", "2004-06-01", None),
        ("department", "薬学部", "トロント大学", None, None, None, "CA", "2006-07-01", None),
        ("department", "薬学部", "ヨーク大学", None, None, None, "CA", "2008-09-01", None),
    ]


def test_cell_listing_several_institutions(tmp_path: Path) -> None:
    text = ("担当部局\t国・地域\t協定校\n"
            "薬学部\tカナダ\tマギル大学薬学部 トロント大学薬学部\n"
            "理学部\tアメリカ\tカリフォルニア大学 アーバイン校\n")
    assert [(r.partner.institution_ja, r.partner.unit_ja)
            for r in read_text(tmp_path, text).agreements] == [
        ("マギル大学", "薬学部"), ("トロント大学", "薬学部"),
        ("カリフォルニア大学アーバイン校", None)]


def test_dated_row_naming_an_agreement_stays_a_row(tmp_path: Path) -> None:
    text = ("ノルウェー\nベルゲン大学（学術交流協定）  2009年11月30日\n")
    result = read_text(tmp_path, text)
    # kept as a row (its bracketed qualifier stays with the name, as printed)
    assert [r.partner.institution_ja for r in result.agreements] == ["ベルゲン大学(学術交流協定)"]


def test_a_country_name_holding_an_institution_mark_is_a_heading(tmp_path: Path) -> None:
    # 大韓民国 holds 大 (as in ソウル大) but the whole line is a country's name
    text = ("中華人民共和国\n北京大学  2001年4月1日\n大韓民国\nソウル大学校  2003年5月2日\n")
    result = read_text(tmp_path, text)
    assert [(r.partner.institution_ja, r.country) for r in result.agreements] == [
        ("北京大学", "CN"), ("ソウル大学校", "KR")]


def test_headerless_sheet_row_with_only_its_date_and_a_merged_country(tmp_path: Path) -> None:
    # no header row; the country cell is merged over both rows of a row split in two
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for values in (["1", "ノルウェー", "ベルゲン大学", None],
                   [None, None, None, "2009年11月"],
                   ["2", "フィンランド", "ヘルシンキ大学", "2001年2月3日"]):
        sheet.append(values)
    sheet.merge_cells("B1:B2")
    book.save(path)
    result = read_file(path)
    got = [(r.partner.institution_ja, r.country, r.signed_on, r.signed_in_month)
           for r in result.agreements]
    assert got == [("ベルゲン大学", "NO", None, "2009-11"),
                   ("ヘルシンキ大学", "FI", dt.date(2001, 2, 3), None)]
    assert [r.rule for r in result.agreements[0].repairs] == ["general.split-row-joined"]
    assert "general.unreadable-row" not in codes(result)


def test_an_ending_alone_after_a_word_with_no_institution_mark_ends_it() -> None:
    # "工科" ends like a unit, but no institution's mark stands before the space
    assert party_from("見本工科  大学").institution_ja == "見本工科大学"
    assert party_from("見本大学 大学院").unit_ja == "大学院"


def test_a_cell_lists_several_institutions_only_where_each_ends_like_one() -> None:
    assert several_names("大見本  理工大学") == []  # 大 begins the first word
    assert several_names("見本大学 試験工業大学") == ["見本大学", "試験工業大学"]


def test_text_table_name_wrapped_alone_in_its_column(tmp_path: Path) -> None:
    text = ("No.  国・地域     協定校          英語名                    締結日\n"
            "1    NORWAY       見本国家        The Universit             1989-07-01\n"
            "                  大学アルファ校  y of Examples\n"
            "2                 試験大学        Test University           2018-11-22\n")
    assert [(r[2], r[3]) for r in rows(read_text(tmp_path, text))] == [
        ("見本国家大学アルファ校", "The University of Examples"),
        ("試験大学", "Test University")]


def test_a_row_split_over_two_sheet_rows_keeps_its_unit_date_and_waiver(
        tmp_path: Path) -> None:
    path = _workbook(tmp_path / "list.xlsx", {"部局間協定": [
        ["部局", "国名", "大学名", "相手部局", "締結年月日", "授業料不徴収"],
        ["理学部", "Norway", "見本大学", None, None, None],
        [None, None, None, "工学部", dt.datetime(2012, 12, 12), "有"],
        [None, "Norway", "試験大学", "農学部", dt.datetime(2008, 5, 29), "無"],
    ]})
    assert rows(read_file(path)) == [
        ("department", "理学部", "見本大学", None, "工学部", None, "NO", "2012-12-12", True),
        ("department", "理学部", "試験大学", None, "農学部", None, "NO", "2008-05-29", False)]
