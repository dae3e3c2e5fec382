"""Layout "university-list": golden test on an excerpt of 001_… lines 1-280, and the real file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from golden import SOURCES, assert_records, load_excerpt

from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Level,
    LoadResult,
    SectionInfo,
    Severity,
)
from kyotei.loaders.layouts.university_list import load_university_list
from kyotei.loaders.manifest import load_manifest, read_source_lines


def _load(lines: list[str]) -> LoadResult:
    doc = DocumentInfo(file="university_excerpt.txt", title="t", as_of=dt.date(2012, 5, 1),
                       as_of_text="平成24年5月現在", languages=("ja",),
                       publisher_status="unidentified")
    section = SectionInfo("大学間協定", "university-list", Level.UNIVERSITY, 1, len(lines))
    return load_university_list(doc, section, lines)


def _view(a: AgreementRecord) -> tuple[Any, ...]:
    p = a.partner
    return (a.source.line, a.source.text, p.institution_ja, p.institution_en, a.country,
            a.signed_on, a.tuition_waiver, a.umbrella.line if a.umbrella else None)


D = dt.date
EC = "国立中央理工科学校"
UC = "カリフォルニア大学"
UC_CAMPUSES = ["バークレー校", "デイビス校", "アーヴィン校", "ロサンゼルス校", "マーセド校",
               "リバーサイド校", "サンディエゴ校", "サンフランシスコ校", "サンタバーバラ校",
               "サンタクルス校"]
EXPECTED = [
    (9, "アーヘン工科大学", "アーヘン工科大学", None, "DE", D(1998, 5, 19), True, None),
    (10, "ドルトムント大学", "ドルトムント大学", None, "DE", D(1999, 3, 2), True, None),
    (11, "ザールラント大学", "ザールラント大学", None, "DE", D(1999, 10, 5), True, None),
    (12, "ダルムシュタット工科大学", "ダルムシュタット工科大学", None, "DE", D(2003, 4, 30), True,
     None),
    (13, "ゲッティンゲン大学", "ゲッティンゲン大学", None, "DE", D(2003, 10, 23), True, None),
    (16, 'インペリアル・カレッジ・ロンドン "Imperial College London"',
     "インペリアル・カレッジ・ロンドン", "Imperial College London", "GB", D(1988, 5, 4), False,
     None),
    (17, 'ロンドン大学 "The London School of Economics and Political Science"', "ロンドン大学",
     "The London School of Economics and Political Science", "GB", D(1989, 1, 3), False, None),
    (18, 'ロンドン大学 "The School of Oriental and African Studies"', "ロンドン大学",
     "The School of Oriental and African Studies", "GB", D(1989, 4, 10), False, None),
    (21, "The Global Education for European Engineers and Entrepreneurs (GE4)", None,
     "The Global Education for European Engineers and Entrepreneurs (GE4)", "FR",
     D(2002, 11, 14), True, None),
    (22, "国立応用科学院リヨン校", "国立応用科学院リヨン校", None, "FR", D(2004, 7, 13), True,
     None),
    (23, "ポルドー第1大学", "ポルドー第1大学", None, "FR", D(2005, 7, 28), True, None),
    (24, f"{EC} (Ecole Centrale) 5校", f"{EC} (Ecole Centrale) 5校", None, "FR",
     D(2006, 2, 13), True, None),
    *[(25 + i, campus, EC + campus, None, "FR", D(2006, 2, 13), True, 24)
      for i, campus in enumerate(["リール校", "リヨン校", "マルセイユ校", "ナント校", "パリ校"])],
    (30, "アルビ鉱山大学", "アルビ鉱山大学", None, "FR", D(2006, 9, 12), True, None),
    (36, "ペンシルバニア州立大学", "ペンシルバニア州立大学", None, "US", D(1988, 11, 29), True,
     None),
    (37, UC, UC, None, "US", D(1990, 3, 15), True, None),
    *[(38 + i, campus, UC + campus, None, "US", D(1990, 3, 15), True, 37)
      for i, campus in enumerate(UC_CAMPUSES)],
    (48, "ワシントン大学 (シアトル)", "ワシントン大学 (シアトル)", None, "US", D(1996, 7, 3), True,
     None),
    (49, "パーデュー大学", "パーデュー大学", None, "US", D(1997, 9, 23), True, None),
    (50, "アラスカ大学", "アラスカ大学", None, "US", D(1999, 1, 12), True, None),
    (51, "コロラド鉱山大学", "コロラド鉱山大学", None, "US", D(2004, 1, 7), True, None),
    (52, "シラキュース大学", "シラキュース大学", None, "US", D(2008, 11, 19), True, None),
    (53, "国際教育協会", "国際教育協会", None, "US", D(2009, 1, 27), True, None),
    (54, "テンプル大学", "テンプル大学", None, "US", D(2010, 6, 7), True, None),
    (55, "ハーバード大学", "ハーバード大学", None, "US", D(2010, 7, 22), False, None),  # indented
    (56, "テキサスA&M大学", "テキサスA&M大学", None, "US", D(2011, 9, 13), True, None),
    (57, "ハワイ大学マノア校", "ハワイ大学マノア校", None, "US", D(2012, 3, 11), True, None),
    (60, "東北大学 (瀋陽)", "東北大学 (瀋陽)", None, "CN", D(1983, 8, 5), True, None),
    (61, "揚州大学", "揚州大学", None, "CN", D(2008, 6, 20), True, None),
    (62, "中国社会科学院", "中国社会科学院", None, "CN", D(2008, 10, 15), False, None),
]


@pytest.fixture(scope="module")
def excerpt() -> tuple[list[str], LoadResult]:
    return load_excerpt("university_excerpt.txt", _load)


def test_golden_records(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    assert_records([_view(a) for a in result.agreements], EXPECTED)


def test_common_fields(excerpt: tuple[list[str], LoadResult]) -> None:
    lines, result = excerpt
    headings = {"DE": "ドイツ", "GB": "イギリス", "FR": "フランス", "US": "アメリカ", "CN": "中国"}
    for a in result.agreements:
        assert (a.level, a.section) == (Level.UNIVERSITY, "大学間協定")
        assert a.country_basis is Basis.HEADING
        assert a.country_text == headings[a.country or ""]
        assert (a.region, a.region_basis) == (None, None)
        assert a.source.line_text == lines[a.source.line - 1]
        assert a.source.text in a.source.line_text
        assert a.signed_on_text == (None if a.signed_on is None else
                                    f"{a.signed_on.year}.{a.signed_on.month}.{a.signed_on.day}")


def test_members_carry_the_umbrella_span(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    by_line = {a.source.line: a for a in result.agreements}
    for member_line, umbrella_line in ((25, 24), (29, 24), (38, 37), (47, 37)):
        assert by_line[member_line].umbrella == by_line[umbrella_line].source


def test_counts_and_notes(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    checks = {(c.unit, c.note.split(" ")[0]): c for c in result.checks}
    members = checks[("institutions", "members")]
    assert (members.stated, members.found, members.lines) == (5, 5, (24, 25, 26, 27, 28, 29))
    countries = checks[("countries", "distinct")]
    assert (countries.stated, countries.found, countries.status) == (31, 5, "mismatch")
    institutions = checks[("institutions", "one")]
    # 43 records; the two umbrellas whose members are listed count as their members
    assert len(result.agreements) == 43
    assert (institutions.stated, institutions.found) == (172, 41)
    assert institutions.lines[0] == 5
    indented = [f.lines for f in result.findings if f.code == "unilist.indented-dated-item"]
    assert indented == [(55,), (62,)]
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


def test_without_the_legends_nothing_is_assumed(excerpt: tuple[list[str], LoadResult]) -> None:
    lines, _ = excerpt
    result = _load([line for line in lines if not line.startswith("注")])
    assert {a.tuition_waiver for a in result.agreements} == {None}
    assert {a.signed_on for a in result.agreements} == {None}
    assert {a.signed_on_text for a in result.agreements if a.umbrella is None} != {None}
    codes = {f.code for f in result.findings}
    assert {"unilist.star-without-legend", "unilist.date-without-legend"} <= codes


def test_bad_lines_are_findings() -> None:
    lines = ["ドイツ", "- *ナントカ大学 (2001.2.30)", "なにか別のもの", "フランス", "- ナントカ校",
             "(平成23年4月現在)", "注1) *印は、授業料等を不徴収とする機関を示す。",
             "注2) 協定大学名の後の括弧は協定締結年月日。"]
    result = _load(lines)
    codes = {f.code: f.lines for f in result.findings}
    assert codes["unilist.invalid-date"] == (2,)
    assert codes["unilist.unreadable-line"] == (3,)
    assert codes["unilist.undated-item"] == (5,)  # no dated item above it under フランス
    assert codes["unilist.footer-date-differs"] == (6,)
    assert codes["unilist.no-statement"] == (1,)
    first, second = result.agreements
    assert (first.signed_on, first.signed_on_text, first.tuition_waiver) == (None, "2001.2.30",
                                                                            True)
    assert (second.umbrella, second.tuition_waiver, second.country) == (None, False, "FR")


# --- the whole real section --------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> tuple[list[str], LoadResult]:
    doc = load_manifest(SOURCES / "sources.toml")[1]
    section = doc.sections[0]
    lines = read_source_lines(SOURCES / doc.file)
    return lines, load_university_list(doc, section, lines)


def test_real_section_reconciles(real: tuple[list[str], LoadResult]) -> None:
    _, result = real
    checks = {(c.unit, c.stated): c for c in result.checks}
    assert checks[("countries", 31)].found == 31
    assert checks[("institutions", 172)].found == 172
    assert checks[("institutions", 5)].found == 5  # "5校"
    assert all(c.status == "ok" for c in result.checks)
    assert len(result.agreements) == 174  # 172 + the two umbrellas whose members are listed
    assert not [f for f in result.findings if f.severity is not Severity.INFO]


def test_every_item_line_is_a_record_or_a_finding(real: tuple[list[str], LoadResult]) -> None:
    lines, result = real
    items = {n for n, line in enumerate(lines[:280], 1) if line.lstrip().startswith("- ")}
    recorded = {a.source.line for a in result.agreements}
    reported = {n for f in result.findings for n in f.lines}
    assert items <= recorded | reported
    assert recorded <= items


def test_real_section_facts(real: tuple[list[str], LoadResult]) -> None:
    _, result = real
    by_line = {a.source.line: a for a in result.agreements}
    assert by_line[28].tuition_waiver is False  # no *
    assert by_line[9].tuition_waiver is True
    assert (by_line[190].signed_on, by_line[190].tuition_waiver) == (D(2010, 7, 22), False)
    assert by_line[173].umbrella == by_line[172].source
    assert by_line[173].partner.institution_ja == "カリフォルニア大学バークレー校"
    assert (by_line[262].country, by_line[277].country, by_line[255].country) == ("TW", "AU",
                                                                                  "VE")
    assert by_line[33].partner.institution_en != by_line[34].partner.institution_en


# Other lists print dates in other forms, and headings kyotei may not know (issue 11).
OTHER_FORMS = [
    "大学間協定",
    "注1) *印は、授業料等を不徴収とする協定",
    "注2) 括弧は協定締結年月日",
    "フィンランド",
    " - *オウル応用科学大学 (平成２７年４月１日)",
    " - ヘルシンキ工科大学 (2015/04/01)",
    " - タンペレ大学 (2015年4月1日)",
    " - ユヴァスキュラ大学 (1980. 5.31)",
    " - トゥルク大学 (H27.4.1)",
    " - ラップランド大学 (令和元年5月1日)",
    " - ヴァーサ大学 (2015.2.30)",
    "北欧連合王国",
    " - ノルド大学 (2016.1.5)",
]


def test_any_date_form_is_an_items_own_date_and_an_unknown_heading_resets_the_country() -> None:
    result = _load(OTHER_FORMS)
    got = [(a.source.line, a.partner.institution_ja, a.country, a.signed_on, a.tuition_waiver,
            a.umbrella) for a in result.agreements]
    assert got == [
        (5, "オウル応用科学大学", "FI", D(2015, 4, 1), True, None),
        (6, "ヘルシンキ工科大学", "FI", D(2015, 4, 1), False, None),
        (7, "タンペレ大学", "FI", D(2015, 4, 1), False, None),
        (8, "ユヴァスキュラ大学", "FI", D(1980, 5, 31), False, None),
        (9, "トゥルク大学", "FI", D(2015, 4, 1), False, None),
        (10, "ラップランド大学", "FI", D(2019, 5, 1), False, None),
        (11, "ヴァーサ大学", "FI", None, False, None),  # an impossible date: reported, not read
        (13, "ノルド大学", None, D(2016, 1, 5), False, None),  # not Finland's any more
    ]
    codes = {(f.code, f.lines) for f in result.findings}
    assert ("unilist.invalid-date", (11,)) in codes
    assert ("unilist.unreadable-line", (12,)) in codes
    unknown = next(f for f in result.findings if f.lines == (12,))
    assert "'フィンランド' above it is not carried on" in unknown.message


def test_a_month_only_date_is_a_month_and_its_members_share_it() -> None:
    lines = ["ドイツ", "- *ナントカ大学 (2001年4月)", "  - ナントカ校", "- カントカ大学 (2003年)",
             "注1) *印は、授業料等を不徴収とする機関を示す。",
             "注2) 協定大学名の後の括弧は協定締結年月日。"]
    result = _load(lines)
    got = [(a.source.line, a.signed_on, a.signed_in_month, a.signed_on_text)
           for a in result.agreements]
    assert got == [(2, None, "2001-04", "2001年4月"), (3, None, "2001-04", "2001年4月"),
                   (4, None, None, "2003年")]
    assert [f.lines for f in result.findings if f.code == "unilist.partial-date"] == [(4,)]
