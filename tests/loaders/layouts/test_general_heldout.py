"""Shapes the held-out corpus (tests/heldout) found the general reader getting wrong.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

from pathlib import Path

from general_helpers import codes, read_text, rows

from kyotei.graph.model.records import Level
from kyotei.loaders.document import fold_text
from kyotei.loaders.fields.dates import find_date, parse_date
from kyotei.loaders.fields.legends import read_legend
from kyotei.loaders.fields.units import parse_department_header
from kyotei.loaders.layouts.general.cells import party_from, split_runs
from kyotei.loaders.normalize import normalize_label


def test_invisible_characters_are_no_part_of_a_name(tmp_path: Path) -> None:
    # a zero-width space and a soft hyphen print nothing: the name is what is printed
    assert normalize_label("見本\u200b大学") == "見本大学"
    assert fold_text("Sam\u00adple University") == "Sample University"
    text = "中国\n見本\u200b大学  2015.4.1\nSam\u00adple Uni\u00adversity  2016.5.2\n"
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[3]) for r in got] == [("見本大学", None), (None, "Sample University")]


def test_dot_leaders_separate_the_name_from_the_date(tmp_path: Path) -> None:
    assert split_runs("Sample University ........ 1 April 2015 *") == [
        "Sample University", "1 April 2015 *"]
    text = ("CHINA\n  Sample University ............ 1 April 2015 *\n"
            "  Model University ............. 2 May 2016\n* Tuition waiver\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[3], r[7], r[8]) for r in got] == [
        ("Sample University", "2015-04-01", True), ("Model University", "2016-05-02", False)]


def test_a_bullet_before_a_unit_heading_is_no_part_of_the_unit(tmp_path: Path) -> None:
    assert parse_department_header("■理学研究科（2件）").units == ("理学研究科",)
    text = "部局間協定\n■理学研究科（1件）\n見本大学　中国　2015年4月1日\n"
    got = rows(read_text(tmp_path, text, level=Level.DEPARTMENT))
    assert [r[1] for r in got] == ["理学研究科"]


def test_dates_in_kanji_numerals() -> None:
    assert parse_date("昭和五十五年五月三十一日").date.isoformat() == "1980-05-31"  # type: ignore[union-attr]
    assert parse_date("令和元年十一月十一日").date.isoformat() == "2019-11-11"  # type: ignore[union-attr]
    assert parse_date("二〇一六年四月一日").date.isoformat() == "2016-04-01"  # type: ignore[union-attr]
    found = find_date("見本大学　平成二十七年四月一日")
    assert found is not None and found.text == "平成二十七年四月一日"
    assert find_date("十月大学") is None  # a numeral with no year is no date


def test_cells_one_ideographic_space_apart_under_such_a_header(tmp_path: Path) -> None:
    text = ("大学間協定\n協定校　国・地域　締結日\n"
            "見本見本見本工科大学　ドイツ　2017年3月1日\n"
            "標本大学　スウェーデン　2019年5月20日\n")
    got = rows(read_text(tmp_path, text))
    assert [(r[2], r[6], r[7]) for r in got] == [
        ("見本見本見本工科大学", "DE", "2017-03-01"), ("標本大学", "SE", "2019-05-20")]


def test_a_bracketed_explanation_does_not_make_a_waiver_legend_unclear() -> None:
    legend = read_legend("* Tuition waiver (exchange students pay no tuition at the host)")
    assert legend is not None and legend.waiver is True
    legend = read_legend("* no tuition waiver")
    assert legend is not None and legend.waiver is None  # a negation outside brackets still is


def test_a_name_in_the_institutions_own_script_is_not_its_name(tmp_path: Path) -> None:
    from kyotei.loaders.names import own_script_name

    assert own_script_name("見本大学校(견본대학교)") == ("見本大学校", "견본대학교")
    assert own_script_name("見本大学(北京)") == ("見本大学(北京)", "")  # a place stays
    party = party_from("見本大学校（견본대학교）")
    assert (party.institution_ja, party.institution_en) == ("見本大学校", None)
    party = party_from("Sample University (样本大学)")
    assert (party.institution_ja, party.institution_en) == (None, "Sample University")
    result = read_text(tmp_path, "韓国\n見本大学校（견본대학교）  2015.4.1\n")
    assert [r[2:4] for r in rows(result)] == [("見本大学校", None)]
    assert "general.own-script-name" in codes(result)


def test_a_total_in_a_tables_last_row_is_checked_not_read_as_a_partner(tmp_path: Path) -> None:
    text = "番号,協定校名,国名\n1,見本大学,中国\n2,標本大学,韓国\n合計,3校,\n"
    result = read_text(tmp_path, text, name="list.csv")
    assert [r[2] for r in rows(result)] == ["見本大学", "標本大学"]
    # the stated 3 is checked against the 2 rows
    assert [(r.stated, r.found) for r in result.checks] == [(3, 2)]


def test_a_footnote_reference_in_words_is_no_part_of_the_name(tmp_path: Path) -> None:
    text = "協定校,国名,締結日\n見本大学注1,中国,2015.4.1\n"
    got = rows(read_text(tmp_path, text, name="list.csv"))
    assert [r[2] for r in got] == ["見本大学"]


def test_a_table_printed_one_cell_per_line(tmp_path: Path) -> None:
    # as some PDF extractors give a table: every cell on its own line
    text = ("部局間協定\n理学研究科（2件）\n協定校\n国・地域\n締結日\n"
            "見本大学\nケニア\n2015年4月1日\n標本大学\nタイ\n2016年5月2日\n\n文学部（1件）\n"
            "試験大学　中国　2017年6月3日\n")
    result = read_text(tmp_path, text, level=Level.DEPARTMENT)
    assert [(r[1], r[2], r[6], r[7]) for r in rows(result)] == [
        ("理学研究科", "見本大学", "KE", "2015-04-01"),
        ("理学研究科", "標本大学", "TH", "2016-05-02"),  # not Kenya from the line above it
        ("文学部", "試験大学", "CN", "2017-06-03")]
    assert "general.cell-per-line" in codes(result)


def test_labelled_detail_lines_complete_the_partner_above(tmp_path: Path) -> None:
    # a <dl>: the partner in <dt>, its date and waiver in labelled <dd>s; a card's detail line
    page = ("<html><body><main><h2>中国</h2><dl>"
            "<dt>見本大学</dt><dd>締結日：2015年4月1日</dd><dd>授業料不徴収：あり</dd>"
            "<dt>標本大学</dt><dd>締結日：2016年5月2日</dd><dd>授業料不徴収：なし</dd></dl>"
            "<h2>Thailand</h2><div><div>Sample University</div>"
            "<div>Signed: 3 June 2017 | Student exchange</div></div></main></body></html>")
    result = read_text(tmp_path, page, name="list.html")
    assert [(r[2] or r[3], r[6], r[7], r[8]) for r in rows(result)] == [
        ("見本大学", "CN", "2015-04-01", True), ("標本大学", "CN", "2016-05-02", False),
        ("Sample University", "TH", "2017-06-03", None)]
    assert "general.no-partner-name" not in codes(result)


def _workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "一覧"
    for values in rows:
        sheet.append(values)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_a_merged_title_is_no_header_and_a_sub_header_row_is_read(tmp_path: Path) -> None:
    from general_helpers import read_file

    path = _workbook(tmp_path / "list.xlsx", [
        ["見本大学 協定校一覧", None, None, None], [],
        ["国・地域", "協定校名", None, "締結日"], [None, "和文", "英文", None],
        ["中国", "標本大学", "Sample University", "2015.4.1"]], merges=("A1:D1", "B3:C3"))
    result = read_file(path)
    assert [(r[2], r[3], r[6], r[7]) for r in rows(result)] == [
        ("標本大学", "Sample University", "CN", "2015-04-01")]


def test_two_tables_on_one_sheet_each_with_its_header(tmp_path: Path) -> None:
    from general_helpers import read_file

    path = _workbook(tmp_path / "list.xlsx", [
        ["大学間協定"], ["国名", "協定校", "締結年月日"], ["中国", "標本大学", "2015.4.1"], [],
        ["部局間協定"], ["部局", "国名", "協定校", "相手部局", "締結年月日"],
        ["理学部", "韓国", "試験大学", "工学部", "2016.5.2"]])
    got = rows(read_file(path))
    assert [(r[0], r[1], r[2], r[6], r[7]) for r in got] == [
        ("university", None, "標本大学", "CN", "2015-04-01"),
        ("department", "理学部", "試験大学", "KR", "2016-05-02")]


def test_a_notes_cell_that_states_the_waiver(tmp_path: Path) -> None:
    text = ("締結日,協定校,国・地域,備考\n2015.4.1,見本大学,中国,授業料不徴収\n"
            "2016.5.2,標本大学,韓国,学生交流\n")
    result = read_text(tmp_path, text, name="list.csv")
    # stated: true; a note that says nothing of it leaves the waiver unknown, never false
    assert [(r[2], r[8]) for r in rows(result)] == [("見本大学", True), ("標本大学", None)]
    assert "general.waiver-in-notes" in codes(result)


def test_a_detail_line_that_states_the_waiver_without_a_label(tmp_path: Path) -> None:
    page = ("<html><body><main><h2>Thailand</h2><div>Sample University</div>"
            "<div>Signed: 3 June 2017 | Student exchange | Tuition waiver</div>"
            "</main></body></html>")
    got = rows(read_text(tmp_path, page, name="list.html"))
    assert [(r[3], r[7], r[8]) for r in got] == [("Sample University", "2017-06-03", True)]


def test_a_line_naming_only_the_publisher_is_no_partner(tmp_path: Path) -> None:
    from kyotei.graph.model.records import DocumentInfo
    from kyotei.loaders.formats import read_document
    from kyotei.loaders.layouts.general import read_general

    path = tmp_path / "list.txt"
    path.write_text("Sample University\nPartner Institutions\nCHINA\n"
                    "  Model University  1 April 2015\n", encoding="utf-8")
    info = DocumentInfo(file=path.name, title="t", as_of=None, as_of_text="", languages=("en",),
                        publisher_status="stated", publisher_ja="見本大学",
                        publisher_en="Sample University")
    result = read_general(info, read_document(path), Level.UNIVERSITY)
    assert [r[3] for r in rows(result)] == ["Model University"]
    assert "general.publisher-line" in codes(result)


def test_a_row_number_in_the_country_cell(tmp_path: Path) -> None:
    # "No." and the country column's title printed close together read as one column
    text = "No. 国・地域,協定校,締結日\n1  中国,見本大学,2015.4.1\n"
    got = rows(read_text(tmp_path, text, name="list.csv"))
    assert [(r[2], r[6]) for r in got] == [("見本大学", "CN")]


def test_a_bracketed_abbreviation_is_not_the_english_name(tmp_path: Path) -> None:
    got = rows(read_text(tmp_path, "中国\n見本大学（SU）  2015.4.1\n"))
    assert [(r[2], r[3]) for r in got] == [("見本大学", None)]
