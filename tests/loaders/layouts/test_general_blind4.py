"""Shapes the fourth blind corpus (tests/blind4) found the general reader getting wrong.

Each test is one general rule, on invented names; each fails without its fix.
"""

from __future__ import annotations

from pathlib import Path

from general_helpers import rows

from kyotei.graph.model.countries import document_languages
from kyotei.graph.model.records import DocumentInfo, Level, LoadResult
from kyotei.loaders.formats import read_document
from kyotei.loaders.layouts.general import read_general


def read_in(tmp_path: Path, text: str, name: str, languages: tuple[str, ...],
            level: Level = Level.UNIVERSITY) -> LoadResult:
    """A document whose manifest declares ``languages``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    info = DocumentInfo(file=name, title="test list", as_of=None, as_of_text="",
                        languages=languages, publisher_status="unidentified")
    with document_languages(languages):
        return read_general(info, read_document(path), level)


def test_comment_records_do_not_hide_a_semicolon_dialect(tmp_path: Path) -> None:
    result = read_in(tmp_path, "# Liste d'exemple, mise à jour : 2024\n"
                       "# Remarque : O = oui ; N = non, texte libre, avec virgules\n"
                       "Pays;Établissement partenaire;Date de signature\n"
                       "Japon;見本大学;2012-03-04\n"
                       "Chine;標本大学;2013-05-06\n", "list.csv", ("fr",))
    assert [(r[2], r[6], r[7]) for r in rows(result)] == [
        ("見本大学", "JP", "2012-03-04"), ("標本大学", "CN", "2013-05-06")]


def test_month_names_are_read_in_the_documents_languages(tmp_path: Path) -> None:
    text = ("Pays;Établissement partenaire;Date de signature\n"
            "Japon;見本大学;1er octobre 2018\n"
            "Chine;標本大学;févr. 2016\n")
    french = read_in(tmp_path, text, "list.csv", ("fr",))
    assert [(r[2], r[7]) for r in rows(french)] == [("見本大学", "2018-10-01"),
                                                    ("標本大学", None)]
    assert [r.signed_in_month for r in french.agreements] == [None, "2016-02"]
    # in a list that declares no French, the same words are no dates
    other = read_in(tmp_path, text, "list.csv", ("ja",))
    assert [(r.signed_on, r.signed_in_month) for r in other.agreements] == [(None, None)] * 2


def test_waiver_columns_in_french_and_chinese(tmp_path: Path) -> None:
    french = read_in(tmp_path, "Pays;Établissement partenaire;Exonération des frais\n"
                     "Japon;見本大学;oui\nChine;標本大学;non\nJapon;試料大学;partielle\n"
                     "Chine;模型大学;O\n", "fr.csv", ("fr",))
    assert [(r[2], r[8]) for r in rows(french)] == [
        ("見本大学", True), ("標本大学", False), ("試料大学", None), ("模型大学", True)]
    # a partial waiver stays unknown and is reported (kyotei's rule, unchanged)
    assert "general.waiver-unreadable" in [f.code for f in french.findings]
    chinese = read_in(tmp_path, "序号,国家,合作院校,学费减免\n1,日本,見本大学,是\n"
                      "2,日本,標本大学,否\n3,日本,試料大学,部分\n", "zh.csv", ("zh",))
    assert [(r[2], r[8]) for r in rows(chinese)] == [
        ("見本大学", True), ("標本大学", False), ("試料大学", None)]


def test_a_minus_sign_is_a_dash_in_a_column_of_marks(tmp_path: Path) -> None:
    result = read_in(tmp_path, "国・地域,協定校,授業料不徴収\nタイ,見本大学,○\n"
                     "タイ,標本大学,\u2212\n", "list.csv", ("ja",))
    assert [(r[2], r[8]) for r in rows(result)] == [("見本大学", True), ("標本大学", False)]


def test_an_inline_legend_is_read_like_one_legend_a_line(tmp_path: Path) -> None:
    result = read_in(tmp_path, "一覧\n凡例：◎＝授業料全額免除　△＝一部免除　無印＝免除なし\n\n"
                     "国・地域\t協定校\t\t締結日\n韓国\t見本大学校◎\t\t2012年9月1日\n"
                     "タイ\t標本大学△\t\t2015年3月10日\nタイ\t試料大学\t\t2015年3月10日\n",
                     "list.txt", ("ja",))
    # ◎ waived, unmarked not; △ (a partial waiver) unknown and reported
    assert [(r[2], r[8]) for r in rows(result)] == [
        ("見本大学校", True), ("標本大学", None), ("試料大学", False)]
    assert "general.waiver-unreadable" in [f.code for f in result.findings]
    # a legend that negates the waiver is no partial one: its mark still says no
    negated = read_in(tmp_path, "一覧\n凡例：◎＝授業料免除　×＝授業料免除なし\n\n"
                      "国・地域\t協定校\t\t締結日\n韓国\t見本大学校◎\t\t2012年9月1日\n"
                      "タイ\t標本大学×\t\t2015年3月10日\n", "list.txt", ("ja",))
    assert [r[8] for r in rows(negated)] == [True, False]


def test_a_unit_in_heading_brackets_is_a_unit_heading(tmp_path: Path) -> None:
    result = read_in(tmp_path, "一覧\n【机械工程学院】\n見本大学\t日本\t2017年4月1日\n"
                     "【物理系】\n標本大学\t韩国\t2019年9月1日\n", "list.txt", ("zh",))
    assert [(r[0], r[1], r[2]) for r in rows(result)] == [
        ("department", "机械工程学院", "見本大学"), ("department", "物理系", "標本大学")]


def test_a_pages_first_level_heading_is_its_title(tmp_path: Path) -> None:
    result = read_in(tmp_path, "<html><body><main><h1>Universités partenaires de l'Exemple</h1>"
                     "<table><caption>Japon</caption><thead><tr><th>Établissement</th>"
                     "<th>Date de signature</th></tr></thead><tbody>"
                     "<tr><th scope=\"row\">見本大学</th><td>2012-03-04</td></tr>"
                     "</tbody></table></main></body></html>", "list.html", ("fr",))
    assert [(r[2], r[3], r[6]) for r in rows(result)] == [("見本大学", None, "JP")]


def test_an_as_of_line_with_a_month_name_is_no_partner(tmp_path: Path) -> None:
    result = read_in(tmp_path, "<html><body><main><h2>Partnerhochschulen</h2>"
                     "<p>Stand: 1. März 2024. Alle Angaben ohne Gewähr, bitte beachten Sie "
                     "die Hinweise der Partnerhochschulen.</p><table><thead><tr>"
                     "<th>Land</th><th>Hochschule</th><th>Datum</th></tr></thead><tbody>"
                     "<tr><td>Japan</td><td>見本大学</td><td>01.10.2015</td></tr>"
                     "</tbody></table></main></body></html>", "list.html", ("de",))
    assert [(r[2], r[6], r[7]) for r in rows(result)] == [("見本大学", "JP", "2015-10-01")]


def test_ideographic_spaces_typed_for_a_tab_in_a_tab_separated_list(tmp_path: Path) -> None:
    result = read_in(tmp_path, "一覧\n\n国・地域\t協定校\t\t締結日\n"
                     "タイ\t見本大学\t\t2012年9月1日\n中国　　標本大学\t\t2008年6月1日\n",
                     "list.txt", ("ja",))
    assert [(r[2], r[6], r[7]) for r in rows(result)] == [
        ("見本大学", "TH", "2012-09-01"), ("標本大学", "CN", "2008-06-01")]
