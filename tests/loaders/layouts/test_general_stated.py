"""A damaged table row, an introduction sentence and the totals a list states in its section
headings and its prose, on an invented HTML list (no corpus file): a row with data and no
name is reported and counted, never read as a heading; a sentence is never a row; a stated
total is checked, and a total that does not match is reported, never "fixed"."""

from __future__ import annotations

from pathlib import Path

from general_helpers import codes, read_text

from kyotei.graph.model.records import LoadResult, Severity

_HEADER = ("<tr><th>国名</th><th>大学名</th><th>英語名</th><th>締結日</th>"
           "<th>授業料不徴収</th></tr>")
_UNIVERSITY = [  # country, name, English name, signed, waiver
    ("アメリカ合衆国", "北海岸州立大学", "North Coast State University", "2010年4月1日", "○"),
    ("カナダ", "湖畔大学", "Lakeside University", "2012年6月15日", ""),
    ("イギリス", "丘陵大学", "University of Hillvale", "2014年9月1日", "○"),
    ("ドイツ", "森林工科大学", "Waldtal Technical University", "2015年3月20日", "○"),
    ("フランス", "河岸大学", "Université de Rivebelle", "2016年1月10日", ""),
    ("中国", "東江師範大学", "Dongjiang Normal University", "2016年11月1日", "○"),
    ("韓国", "青山大学", "Cheongsan University", "2017年2月1日", "○"),
    ("タイ", "南岬大学", "Southcape University", "2017年8月1日", ""),
    ("オーストラリア", "砂丘大学", "Dunes University", "2018年1月1日", "○"),
    ("ニュージーランド", "", "", "2018年5月", "○"),  # damaged: its names were lost
]
_DEPARTMENT = [
    ("中国", "紅河師範学院", "Honghe Teachers College", "2019年4月1日", ""),
    ("韓国", "火山大学", "Volcano University", "2020年7月1日", "○"),
    ("ベトナム", "大河大学", "Grand River University", "2021年10月1日", ""),
]
_INTRO = "見本学芸大学は、11か国・地域の13機関と大学間協定を締結しています。（2025年4月1日現在）"


def _table(rows: list[tuple[str, ...]]) -> str:
    cells = ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows]
    return "<table>\n" + _HEADER + "\n" + "\n".join(cells) + "\n</table>\n"


def _page(tmp_path: Path, intro: str = _INTRO, university: int = 10) -> LoadResult:
    html = ("<html><head><meta charset='utf-8'></head><body>\n"
            "<h1>見本学芸大学 国際交流協定校一覧</h1>\n"
            f"<p>{intro}</p>\n"
            f"<h2>大学間協定（{university}機関）</h2>\n" + _table(_UNIVERSITY)
            + "<h2>部局間協定（3機関）</h2>\n" + _table(_DEPARTMENT) + "</body></html>\n")
    return read_text(tmp_path, html, name="list.html")


def _accounting(result: LoadResult) -> str:
    return next(f.message for f in result.findings if f.code == "general.accounting")


def test_a_row_with_a_date_and_a_mark_but_no_name_is_reported_not_a_heading(
        tmp_path: Path) -> None:
    result = _page(tmp_path)
    assert len(result.agreements) == 12
    lost = [f for f in result.findings if f.code == "general.unreadable-row"]
    assert [f.locators for f in lost] == [("table1 r11",)]
    assert "unreadable 1" in _accounting(result)
    assert "heading 2," in _accounting(result)  # the two level headings, not the row
    # the rows below the damaged one still get their own country, none carried from it
    assert [r.country for r in result.agreements[-3:]] == ["CN", "KR", "VN"]


def test_a_sentence_with_a_bracket_after_its_full_stop_is_no_row(tmp_path: Path) -> None:
    result = _page(tmp_path)
    assert "general.no-partner-name" not in codes(result)
    assert not [f for f in result.findings if f.severity is Severity.ERROR
                and f.code != "general.unreadable-row"]
    assert "title 2" in _accounting(result)


def test_a_section_headings_count_is_checked_counting_the_unreadable_row(
        tmp_path: Path) -> None:
    checks = {(c.section, c.unit): (c.stated, c.found) for c in _page(tmp_path).checks}
    assert checks[("大学間協定(10機関)", "institutions")] == (10, 10)
    assert checks[("部局間協定(3機関)", "institutions")] == (3, 3)


def test_a_headings_count_that_does_not_match_is_reported(tmp_path: Path) -> None:
    result = _page(tmp_path, university=11)
    check = next(c for c in result.checks if c.section.startswith("大学間協定"))
    assert (check.stated, check.found, check.status) == (11, 10, "mismatch")
    assert len(result.agreements) == 12  # nothing invented to match it


def test_a_sentence_stating_countries_and_institutions_is_checked(tmp_path: Path) -> None:
    result = _page(tmp_path)
    whole = {c.unit: (c.stated, c.found) for c in result.checks if "para1" in c.note}
    # 13 rows, one unreadable; 10 countries read (the damaged row's New Zealand is lost
    # with it): the count of countries is reported as it is, not made to match
    assert whole == {"institutions": (13, 13), "countries": (11, 10)}
    other = _page(tmp_path, intro="本学は、12か国・地域の14機関と協定を締結しています。")
    assert {c.unit: c.status for c in other.checks if "para1" in c.note} == {
        "institutions": "mismatch", "countries": "mismatch"}


def test_the_damaged_row_of_a_csv_table_is_reported_too(tmp_path: Path) -> None:
    text = ("国名,大学名,英語名,締結日,授業料不徴収\n"
            "アメリカ合衆国,北海岸州立大学,North Coast State University,2010年4月1日,○\n"
            "ニュージーランド,,,2018年5月,○\n"
            "カナダ,湖畔大学,Lakeside University,2012年6月15日,\n")
    result = read_text(tmp_path, text, name="list.csv")
    assert [r.country for r in result.agreements] == ["US", "CA"]
    assert [f.locators for f in result.findings if f.code == "general.unreadable-row"] == [
        ("r3",)]
    assert "unreadable 1" in _accounting(result)
