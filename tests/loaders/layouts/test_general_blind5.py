"""Shapes the fifth blind corpus (tests/blind5) found the general reader getting wrong.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

from pathlib import Path

from general_helpers import read_text, rows

from kyotei.loaders.formats import read_document


def test_a_box_drawn_text_table_is_a_table(tmp_path: Path) -> None:
    text = ("見本学院大学　協定一覧\n\n"
            "┌──┬────────┬──────────────────────┬──────────┐\n"
            "│No│国・地域│協定校                │締結日    │\n"
            "├──┼────────┼──────────────────────┼──────────┤\n"
            "│１│タイ    │見本大学              │2011.4.1  │\n"
            "│２│韓国    │Ｈｙｏｈｏｎ　Ｎａｔｉｏｎａｌ　Ｕｎｉｖｅｒｓｉｔｙ│2012.5.2  │\n"
            "│３│米国    │標本大学              │2013.6.3  │\n"
            "│  │        │試料校                │          │\n"
            "└──┴────────┴──────────────────────┴──────────┘\n")
    result = read_text(tmp_path, text)
    assert [(r[2], r[3], r[6], r[7]) for r in rows(result)] == [
        ("見本大学", None, "TH", "2011-04-01"),
        (None, "Hyohon National University", "KR", "2012-05-02"),
        ("標本大学試料校", None, "US", "2013-06-03")]
    # rows are located by their own (first) line; the bars are in no cell
    assert [r.source.line for r in result.agreements] == [6, 7, 8]
    document = read_document(tmp_path / "list.txt")
    tables = [b for part in document.parts for b in part.blocks if hasattr(b, "rows")]
    assert len(tables) == 1
    assert not any("│" in c.verbatim for row in tables[0].rows for c in row)


def test_an_unnamed_column_of_unit_names_beside_the_partners_unit_is_the_home_unit(
        tmp_path: Path) -> None:
    result = read_text(tmp_path, "Partner Institution,Country,Mihon Faculty,Partner Faculty,"
                       "Date Signed\n"
                       "Hyohon University,Thailand,Faculty of Science,Faculty of Medicine,"
                       "2011-04-01\n"
                       "Shiryo University,Germany,University-wide,,2012-05-02\n"
                       "Tameshi University,Korea,Faculty of Arts,College of Humanities,"
                       "2013-06-03\n", name="list.csv")
    assert [(r[0], r[1], r[3], r[5]) for r in rows(result)] == [
        ("department", "Faculty of Science", "Hyohon University", "Faculty of Medicine"),
        ("university", None, "Shiryo University", None),
        ("department", "Faculty of Arts", "Tameshi University", "College of Humanities")]


def test_a_grid_of_divs_is_a_table(tmp_path: Path) -> None:
    def row(cells: list[str], role: str = "cell") -> str:
        return '<div class="g-row">' + "".join(
            f'<div role="{role}" class="g-cell"><a href="#">{c}</a></div>'
            for c in cells) + "</div>"
    page = ("<html><body><main><h1>Partners</h1><div class=\"g\">"
            + row(["Partner", "Country", "Date signed"], "columnheader")
            + row(["Hyohon University", "Thailand", "2011-04-01"])
            + row(["Shiryo University", "Germany", "2012-05-02"])
            + row(["Tameshi University", "France", "2013-06-03"])
            + "</div></main></body></html>")
    result = read_text(tmp_path, page, name="list.html")
    assert [(r[3], r[6], r[7]) for r in rows(result)] == [
        ("Hyohon University", "TH", "2011-04-01"),
        ("Shiryo University", "DE", "2012-05-02"),
        ("Tameshi University", "FR", "2013-06-03")]
    assert next(r.source.locator for r in result.agreements) == "table1 r2 c1"


def test_boxes_of_blocks_are_no_grid(tmp_path: Path) -> None:
    # cards of paragraphs repeat one structure but are no rows of cells
    card = '<div class="card"><p>{}</p><p>{}</p></div>'
    page = ("<html><body><div>" + "".join(card.format(f"Name {i}", f"Text {i}")
                                          for i in range(3)) + "</div></body></html>")
    (tmp_path / "cards.html").write_text(page, encoding="utf-8")
    document = read_document(tmp_path / "cards.html")
    assert not any(hasattr(b, "rows") for part in document.parts for b in part.blocks)


def test_a_row_garbled_by_a_wrong_encoding_is_reported_not_dropped(tmp_path: Path) -> None:
    result = read_text(tmp_path, "No,Country,Institution,Institution (native),Date Signed\n"
                       "1,Thailand,Hyohon University,ฮโยฮน,2011-04-01\n"
                       "2,ÊÒ¸ÒÃ³ÃÑ°,,ÁËÒÇÔ·ÂÒÅÑÂÎâÂÎ¹,2012-05-02\n"
                       "3,Germany,Shiryo University,,2013-06-03\n", name="list.csv")
    assert [r[3] for r in rows(result)] == ["Hyohon University", "Shiryo University"]
    unreadable = [f for f in result.findings if f.code == "general.unreadable-row"]
    assert len(unreadable) == 1 and "r3" in unreadable[0].locators[0]


def test_a_line_led_by_a_bullet_is_an_item_of_its_own_not_the_rest_of_the_one_above(
        tmp_path: Path) -> None:
    result = read_text(tmp_path, "협정 현황\n\n"
                       "  - 견본국 견본대학교 이학부 : 2011. 4. 1.\n"
                       "  - ■■ ■■■■학교 ■■■ : 20■■. ■. ■.\n"
                       "  - 표본국 표본대학교 공학부 : 2012. 5. 2.\n")
    assert [r.source.line for r in result.agreements] == [3, 5]
    assert not any("continues the name above" in f.message for f in result.findings)
    # the line of lost glyphs is reported, not glued onto the item above
    assert any(f.locators == ("l4",) for f in result.findings)


def test_traditional_chinese_and_korean_unit_endings_make_a_home_unit_column(
        tmp_path: Path) -> None:
    result = read_text(tmp_path, "協定校,国・地域,院別,相手部局,締結日\n"
                       "見本大学,タイ,理工學院,工学部,2011-04-01\n"
                       "標本大学,ドイツ,理工學院,理学部,2012-05-02\n"
                       "試料大学,韓国,人文學院,인문학부,2013-06-03\n", name="list.csv")
    assert [(r[0], r[1], r[2], r[4]) for r in rows(result)] == [
        ("department", "理工學院", "見本大学", "工学部"),
        ("department", "理工學院", "標本大学", "理学部"),
        ("department", "人文學院", "試料大学", "인문학부")]


def test_unit_endings_of_other_scripts() -> None:
    from kyotei.loaders.fields.units import is_unit_name

    assert all(is_unit_name(n) for n in ("理工學院", "資訊工程學系", "文學部", "인문학부",
                                          "컴퓨터공학과", "공학계연구과", "관리학원"))
    assert not any(is_unit_name(n) for n in ("見本大學", "견본대학교", "견본대학"))


def test_a_dash_and_a_label_between_the_name_and_its_date_are_no_part_of_the_name(
        tmp_path: Path) -> None:
    items = ["見本大学 — 2011年4月1日", "標本大学 – 締結日：2012年5月2日",
             "Shiryo University — Signed: 3 June 2013"]
    page = ("<html><body><main><h2>タイ</h2><ul>" + "".join(f"<li>{i}</li>" for i in items)
            + "</ul></main></body></html>")
    result = read_text(tmp_path, page, name="list.html")
    assert [(r[2], r[3], r[7]) for r in rows(result)] == [
        ("見本大学", None, "2011-04-01"), ("標本大学", None, "2012-05-02"),
        (None, "Shiryo University", "2013-06-03")]


def test_a_korean_college_heading_with_a_count_is_the_home_unit(tmp_path: Path) -> None:
    result = read_text(tmp_path, "협정 현황\n\n"
                       "○ 견본과학대학 (2건)\n"
                       "  - 見本大学 理学部 : 2011.4.1\n"
                       "  - 標本大学 工学部 : 2012.5.2\n")
    assert [(r[0], r[1], r[2], r[4], r[7]) for r in rows(result)] == [
        ("department", "견본과학대학", "見本大学", "理学部", "2011-04-01"),
        ("department", "견본과학대학", "標本大学", "工学部", "2012-05-02")]


def test_a_date_typed_one_column_to_the_left_is_the_date(tmp_path: Path) -> None:
    result = read_text(tmp_path, "協定校,国・地域,相手部局,締結日,更新日\n"
                       "見本大学,タイ,理学部,2011.4.1,2016.4.1\n"
                       "標本大学,ドイツ,2012.5.2,,\n", name="list.csv")
    assert [(r[2], r[4], r[7]) for r in rows(result)] == [
        ("見本大学", "理学部", "2011-04-01"), ("標本大学", None, "2012-05-02")]
    assert [f.locators for f in result.findings if f.code == "general.shifted-row"] == [("r3",)]
