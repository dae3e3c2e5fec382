"""Shapes the blind corpus (tests/blind) found the general reader getting wrong.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

from pathlib import Path

from general_helpers import codes, read_file, read_text, rows


def _workbook(path: Path, values: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "一覧"
    for line in values:
        sheet.append(line)
    book.save(path)
    return path


def test_a_spreadsheet_error_cell_is_an_unreadable_row(tmp_path: Path) -> None:
    from kyotei.loaders.screen import spreadsheet_error

    assert spreadsheet_error("#REF!") and spreadsheet_error("#N/A") and not spreadsheet_error("REF")
    path = _workbook(tmp_path / "list.xlsx", [
        ["国・地域", "協定校", "相手部局", "締結日"],
        ["中国", "見本大学", "理学部", "2015.4.1"],
        ["韓国", "#REF!", "#REF!", "2016.5.2"],
        ["タイ", "標本大学", "#N/A", "2017.6.3"]])
    result = read_file(path)
    # the lost names are no partner called "REF!"; the row is reported with its cell
    assert [r[2] for r in rows(result)] == ["見本大学"]
    lost = [f for f in result.findings if f.code == "general.spreadsheet-error"]
    assert [f.locators[0] for f in lost] == ["一覧!B3", "一覧!B4"]  # a lost unit too


def test_a_waiver_column_of_ones_and_zeros(tmp_path: Path) -> None:
    text = ("No.,協定校,国・地域,授業料不徴収\n"
            "1,見本大学,中国,1\n2,標本大学,韓国,0\n3,試験大学,タイ,\n")
    result = read_text(tmp_path, text, name="list.csv")
    assert [(r[2], r[8]) for r in rows(result)] == [
        ("見本大学", True), ("標本大学", False), ("試験大学", None)]
    assert "general.waiver-bit" in codes(result)


def test_a_ones_and_zeros_column_not_titled_waiver_is_not_read_as_one(tmp_path: Path) -> None:
    text = ("No.,協定校,国・地域,締結日,更新回数\n"
            "1,見本大学,中国,2015.4.1,1\n2,標本大学,韓国,2016.5.2,0\n")
    assert [r[8] for r in rows(read_text(tmp_path, text, name="list.csv"))] == [None, None]


def test_a_kind_column_naming_the_home_unit(tmp_path: Path) -> None:
    text = ("国・地域,協定校名,締結日,協定の種類\n中国,見本大学,2015.4.1,大学間\n"
            ",標本大学,2016.5.2,部局間（試験学部）\n")
    got = rows(read_text(tmp_path, text, name="list.csv"))
    assert [(r[0], r[1], r[2], r[6]) for r in got] == [
        ("university", None, "見本大学", "CN"), ("department", "試験学部", "標本大学", "CN")]


def test_an_item_line_with_its_country_in_brackets_and_a_date_word(tmp_path: Path) -> None:
    text = ("<html><body><main><h2>Asia</h2><ul>"
            "<li><a>Sample University</a> † <span>(China)</span> "
            "<span>Signed 31 March 2016</span></li>"
            "<li><a>Model University (Boston)</a> (USA) Since April 2005</li>"
            "<li><a>Trial University</a> (Thailand) Since 2009</li>"
            "</ul></main></body></html>")
    got = rows(read_text(tmp_path, text, name="list.html"))
    assert [(r[3], r[6], r[7]) for r in got] == [
        ("Sample University", "CN", "2016-03-31"), ("Model University(Boston)", "US", None),
        ("Trial University", "TH", None)]


def test_a_bracketed_country_against_the_heading_is_no_country(tmp_path: Path) -> None:
    """Under a country heading, a bracket naming another country is a place in the name
    (a US state called Georgia), not the row's country: the heading's country stands."""
    text = ("<html><body><main><h3>United States</h3><ul>"
            "<li><a>Sample University</a> (Georgia) Signed 31 March 2016</li>"
            "<li><a>Model University</a> (USA) Signed 1 April 2017</li>"
            "</ul></main></body></html>")
    got = rows(read_text(tmp_path, text, name="list.html"))
    assert [(r[3], r[6]) for r in got] == [
        ("Sample University(Georgia)", "US"), ("Model University", "US")]


def test_a_double_dash_and_a_date_word_end_the_name(tmp_path: Path) -> None:
    text = ("China\n  * Sample University -- signed 31 March 2020\n"
            "  * Model University -- signed 2016\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[3], r[6], r[7]) for r in got] == [
        ("Sample University", "CN", "2020-03-31"), ("Model University", "CN", None)]


def test_a_bracketed_letter_code_defined_by_a_legend(tmp_path: Path) -> None:
    text = ("[SW] = tuition waiver for exchange students\nChina\n"
            "  * Sample University -- signed 31 March 2020 [SW]\n"
            "  * Model University -- signed 1 April 2021\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[3], r[8]) for r in got] == [("Sample University", True), ("Model University", False)]


def test_an_english_name_with_its_kanji_name_in_brackets(tmp_path: Path) -> None:
    text = "China\n  * Sample University (見本大学) -- signed 31 March 2020\n"
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[3]) for r in got] == [("見本大学", "Sample University")]
    place = rows(read_text(tmp_path, "China\n  * Model University (瀋陽) -- signed 1 April 2021\n"))
    assert [(r[2], r[3]) for r in place] != [("瀋陽", "Model University")]


def test_a_text_table_set_on_a_grid_of_characters(tmp_path: Path) -> None:
    # pdftotext -layout counts a kanji as one column: the country printed once per group
    # leaves the next row's name where the header's name column starts in characters
    text = ("大学間協定\n"
            "   国・地域          協定校名                締結日\n"
            "   中国            見本大学                2015.4.1\n"
            "                 標本大学                2016.5.2\n"
            "   韓国            試験国家大学              2017.6.3\n"
            "                 アルファ校\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[6], r[7]) for r in got] == [
        ("見本大学", "CN", "2015-04-01"), ("標本大学", "CN", "2016-05-02"),
        ("試験国家大学アルファ校", "KR", "2017-06-03")]


def test_a_name_wrapped_inside_its_cell_keeps_its_end(tmp_path: Path) -> None:
    text = ('国・地域,協定校名,締結日\n'
            'アメリカ合衆国,"見本大学アルファ・ベータ\nン校\nSample University Alpha",2011.8.25\n'
            '中国,"標本大学\n理学部",2012.9.1\n')
    got = rows(read_text(tmp_path, text, name="list.csv"))
    assert [(r[2], r[3], r[4]) for r in got] == [
        ("見本大学アルファ・ベータン校", "Sample University Alpha", None),
        ("標本大学", None, "理学部")]


def test_a_date_one_space_after_a_long_cell_is_the_date_columns(tmp_path: Path) -> None:
    text = ("部局間協定\n"
            "   国・地域    協定校        相手部局            締結日\n"
            "   カナダ      見本大学      Faculty of Sample Arts 2020.11.11\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[5], r[7]) for r in got] == [
        ("見本大学", "Faculty of Sample Arts", "2020-11-11")]


def test_a_unit_heading_in_brackets_naming_a_graduate_school(tmp_path: Path) -> None:
    text = ("部局間協定\n【大学院見本学研究科】（1件）\n"
            "   中国 標本大学 Sample University        2015年4月1日\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[1], r[2]) for r in got] == [("大学院見本学研究科", "標本大学")]


def test_a_japanese_country_word_one_space_before_the_names(tmp_path: Path) -> None:
    text = "大学間協定\n   タイ王国 見本大学 Sample University        2015年4月1日\n"
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[3], r[6]) for r in got] == [("見本大学", "Sample University", "TH")]


def test_a_partner_unit_after_a_slash_and_its_wrapped_english(tmp_path: Path) -> None:
    text = ("部局間協定\n【理学部】（2件）\n"
            "   中国 見本大学 Sample University / Faculty of        2015年4月1日\n"
            "       Natural Sciences\n"
            "   韓国 標本大学 Model University / Alpha Beta        2016年5月2日\n"
            "       School of Science\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[3], r[5], r[6]) for r in got] == [
        ("Sample University", "Faculty of Natural Sciences", "CN"),
        ("Model University", "Alpha Beta School of Science", "KR")]


def test_a_name_in_its_own_script_before_a_place(tmp_path: Path) -> None:
    text = "China\n  * Sample University (样本大学), Shenyang -- signed 1 April 2021\n"
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[3]) for r in got] == [(None, "Sample University, Shenyang")]


def test_a_date_cut_at_the_lines_end(tmp_path: Path) -> None:
    text = ("China\n  * Sample University -- signed 12\n    December 2019\n"
            "  * Model University -- signed 1 April 2021\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[3], r[7]) for r in got] == [
        ("Sample University", "2019-12-12"), ("Model University", "2021-04-01")]


def test_a_total_on_the_legends_line_is_checked(tmp_path: Path) -> None:
    text = ("国・地域,協定校名,授業料不徴収\n中国,見本大学,○\n韓国,標本大学,\n"
            "○：授業料不徴収 計 3校（2ヶ国・地域）\n")
    result = read_text(tmp_path, text, name="list.csv")
    assert [(r[2], r[8]) for r in rows(result)] == [("見本大学", True), ("標本大学", False)]
    assert [(c.stated, c.found) for c in result.checks][:1] == [(3, 2)]
