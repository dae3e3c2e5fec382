"""The general reader on text lines: one-space rows in two scripts, items wrapped onto two
lines, and rows whose partner name cannot be read (invented institutions throughout)."""

from __future__ import annotations

from pathlib import Path

from general_helpers import codes, read_file, read_text, rows

from kyotei.graph.model.records import Level
from kyotei.loaders.layouts.general.continuation import joined_item
from kyotei.loaders.layouts.general.spaced import country_first


def test_country_in_latin_letters_then_a_japanese_name_one_space_apart(tmp_path: Path) -> None:
    # text from a PDF: number, country, name, unit and date with one space between them
    text = ("部局間協定\n理学部（3）\n"
            "1. Norway 見本大学 H20.2.3\n"
            "2. New Zealand 試験大学＊ 農学部 H1.2.28\n"
            "3. USA 標本大学マノア校 経済学院\n"
            "＊印は授業料不徴収協定\n")
    assert rows(read_text(tmp_path, text, level=Level.DEPARTMENT)) == [
        ("department", "理学部", "見本大学", None, None, None, "NO", "2008-02-03", False),
        ("department", "理学部", "試験大学", None, "農学部", None, "NZ", "1989-02-28", True),
        ("department", "理学部", "標本大学マノア校", None, "経済学院", None, "US", None, False),
    ]


def test_a_japanese_country_then_an_english_name() -> None:
    assert country_first("4. 韓国 Example National University 2015.4.1") == [
        "4.", "韓国", "Example National University", "2015.4.1"]


def test_one_script_is_never_cut_at_a_country_word() -> None:
    # a country's name may begin an institution's: only a change of script marks the cell
    assert country_first("Norway University of Examples 2015.4.1") is None
    assert country_first("5. Korea Example University") is None


def test_an_ambiguous_country_word_is_a_country_cell_with_no_country(tmp_path: Path) -> None:
    # "Korea" may name two countries: the row gets none, not the heading's above it
    text = "ノルウェー\n1. 見本大学 2001.4.1\n2. Korea 試験大学校 2008.2.3\n"
    result = read_text(tmp_path, text)
    assert rows(result) == [
        ("university", None, "見本大学", None, None, None, "NO", "2001-04-01", None),
        ("university", None, "試験大学校", None, None, None, None, "2008-02-03", None),
    ]
    assert "general.country-unknown" in codes(result)


def test_numbered_item_wrapped_inside_its_name(tmp_path: Path) -> None:
    text = ("ノルウェー\n"
            "10. 見本工\n    科大学　2018. 2.26\n"
            "11. Indo\nnesia 試験大学 H17.10.10\n"
            "12. 標本大学\n    （カントカ）　1991. 7. 2\n"
            "13. 模範大学　2001. 1. 5\n")
    result = read_text(tmp_path, text)
    assert rows(result) == [
        ("university", None, "見本工科大学", None, None, None, "NO", "2018-02-26", None),
        ("university", None, "試験大学", None, None, None, "ID", "2005-10-10", None),
        ("university", None, "標本大学(カントカ)", None, None, None, "NO", "1991-07-02", None),
        ("university", None, "模範大学", None, None, None, "NO", "2001-01-05", None),
    ]
    assert [r.source.line for r in result.agreements] == [2, 4, 6, 8]
    assert [r.repairs[-1].rule for r in result.agreements[:3]] == [
        "general.wrapped-item-joined"] * 3


def test_lines_that_are_not_one_item_stay_apart() -> None:
    assert joined_item("1. 中国", "見本大学 2015.4.1") is None  # a numbered heading
    assert joined_item("2. 見本大学 2015.4.1", "試験大学 2016.4.1") is None  # dated
    assert joined_item("3. 見本", "4. 試験大学 2016.4.1") is None  # its own number
    assert joined_item("5. 見本大学", "試験大学 2016.4.1") is None  # a complete name


def test_a_wrapped_bilingual_item_loses_its_number(tmp_path: Path) -> None:
    text = ("ノルウェー\n1. 見本理 工大学（Example Unive\n"
            "    rsity of Technology）　1992年5月11日\n")
    assert rows(read_text(tmp_path, text)) == [
        ("university", None, "見本理工大学", "Example University of Technology", None, None,
         "NO", "1992-05-11", None)]


def test_a_row_whose_name_is_cut_at_the_wrong_space_is_reported_not_recorded(
        tmp_path: Path) -> None:
    # "Narnia" is no country kyotei knows: read whole, the row's institution would be that
    # word and the real name its unit; the row is reported with its locator instead
    result = read_text(tmp_path, "1. Narnia 見本大学 理学部 2015.4.1\n2. 試験大学 2016.4.1\n")
    assert rows(result) == [
        ("university", None, "試験大学", None, None, None, None, "2016-04-01", None)]
    (finding,) = [f for f in result.findings if f.code == "general.no-partner-name"]
    assert finding.locators == ("l1",)
    assert "'Narnia' holds no kana or kanji" in finding.message


def test_unnumbered_item_wrapped_where_no_word_can_begin(tmp_path: Path) -> None:
    # the first line alone looks like a heading kyotei does not know; the next begins with
    # ン, with an ending alone, or inside an ending (大 / 学校): one name cut in two
    text = ("ノルウェー\n見本\n    ン大学　2013. 1.27\n試験\n    大学　2018.11.20\n"
            "標本大\n    学校　2006. 5.21\n")
    assert [(r[2], r[6], r[7]) for r in rows(read_text(tmp_path, text))] == [
        ("見本ン大学", "NO", "2013-01-27"), ("試験大学", "NO", "2018-11-20"),
        ("標本大学校", "NO", "2006-05-21")]


def test_a_line_under_an_unknown_heading_is_not_joined_to_it() -> None:
    assert joined_item("ナルニア", "    見本大学　2013. 1.27") is None


def test_stray_space_inside_a_name_in_a_row_whose_country_is_known(tmp_path: Path) -> None:
    # the row prints its country: the word before the name can only be the name's start
    text = ("1. ノルウェー　サン　見本大学＊　令和４年９月１３日\n"
            "ノルウェー\nウプ  試験大学(Uppsa Example University)　1990. 5.21\n"
            "標本大学ハノ　イ校（Example National University, Hanoi）　1989. 8.10\n"
            "＊印は授業料不徴収協定\n")
    assert [(r[2], r[3], r[6], r[8]) for r in rows(read_text(tmp_path, text))] == [
        ("サン見本大学", None, "NO", True),
        ("ウプ試験大学", "Uppsa Example University", "NO", False),
        ("標本大学ハノイ校", "Example National University, Hanoi", "NO", False)]


def test_an_unknown_word_before_a_name_with_no_country_known_is_left_out(
        tmp_path: Path) -> None:
    # it may be a country kyotei cannot read: never glued to the name
    assert [r[2] for r in rows(read_text(tmp_path, "ナルニア  見本大学  2015.4.1\n"))] == [
        "見本大学"]


def test_a_unit_before_the_partner_is_the_home_department(tmp_path: Path) -> None:
    # a table with no header row: home department, country, partner, its unit, date
    text = "理学部,ノルウェー,見本大学,,2023.11.17\n理学部,ノルウェー,試験大学,工学部,2019.7.7\n"
    assert rows(read_text(tmp_path, text, name="list.csv")) == [
        ("department", "理学部", "見本大学", None, None, None, "NO", "2023-11-17", None),
        ("department", "理学部", "試験大学", None, "工学部", None, "NO", "2019-07-07", None)]


def test_headerless_row_split_over_two_records_with_a_yes_no_cell(tmp_path: Path) -> None:
    # no header row: the date and a Yes/No cell of the row above on the next record; the
    # Yes/No column's meaning is stated nowhere, so it is not read as a waiver
    path = tmp_path / "list.tsv"
    path.write_text("1\tNorway\tExample University\t\t\n\t\t\t2011.6.18\tNo\n"
                    "2\tNorway\tTest University\t2012.7.1\tYes\n", encoding="utf-8")
    assert [(r[3], r[7], r[8]) for r in rows(read_file(path))] == [
        ("Example University", "2011-06-18", None), ("Test University", "2012-07-01", None)]


def test_a_bracketed_place_after_a_stray_space_stays_with_its_name(tmp_path: Path) -> None:
    # the place tells namesakes apart: it must not be dropped as a run of its own
    text = "ノルウェー\n見本大学　(カントカ)　2002. 3.26\n見本大学　(アルファ)　2003. 4.1\n"
    assert [r[2] for r in rows(read_text(tmp_path, text))] == [
        "見本大学(カントカ)", "見本大学(アルファ)"]


def test_a_country_printed_and_not_read_is_kept_as_printed(tmp_path: Path) -> None:
    # no country is given, but the record says one was printed (identity: country.unread)
    text = "ノルウェー\n1. 見本大学 2001.4.1\n2. Korea 試験大学校 2008.2.3\n"
    records = read_text(tmp_path, text).agreements
    assert [(r.country, r.country_text) for r in records] == [
        ("NO", "ノルウェー"), (None, "Korea")]


def test_a_table_country_cell_not_read_is_kept_as_printed(tmp_path: Path) -> None:
    text = "国名,大学名,締結日\nノルウェー,見本大学,2001.4.1\nザナドゥ連邦,試験大学,2008.2.3\n"
    result = read_text(tmp_path, text, name="list.csv")
    assert [(r.country, r.country_text) for r in result.agreements] == [
        ("NO", "ノルウェー"), (None, "ザナドゥ連邦")]
    assert "general.country-unknown" in codes(result)
