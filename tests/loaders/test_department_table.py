"""Golden tests of the department-table loader on small excerpts of each damaged shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyotei.graph.model.records import Basis, DocumentInfo, Level, LoadResult, SectionInfo
from kyotei.loaders.layouts.department.table import load_department_table

DOC = "dept.txt"
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def load(text: str) -> LoadResult:
    lines = text.split("\n")
    section = SectionInfo("部局間協定", "department-table", Level.DEPARTMENT, 1, len(lines))
    doc = DocumentInfo(DOC, "t", None, "", ("ja",), "curated", sections=(section,))
    return load_department_table(doc, section, lines)


def partners(result: LoadResult, home: str | None) -> list[str]:
    return [
        " ".join(p for p in (r.partner.institution_ja, r.partner.unit_ja) if p)
        for r in result.agreements
        if r.home_unit_ja == home
    ]


def by_name(result: LoadResult, name: str):  # type: ignore[no-untyped-def]
    (record,) = [r for r in result.agreements if r.source.text == name]
    return record


def check(result: LoadResult, section: str) -> tuple[int, int, str]:
    (found,) = [c for c in result.checks if c.section == section]
    return found.stated, found.found, found.status


def test_cells_are_read_by_content_not_position() -> None:
    result = load(
        "部局名\tエリア\t国・地域名\t協定校名\n"
        "\t\t理学研究科(3)\tアジア\t韓国\t甲大学理学部 乙大学校\n"
        "\t台湾\t丙大学工学院\t\t"
    )
    assert partners(result, "理学研究科") == ["甲大学 理学部", "乙大学校", "丙大学 工学院"]
    first, _, third = result.agreements
    assert (first.country, first.country_basis, first.region) == ("KR", Basis.PRINTED, "asia")
    # 台湾 stands in the area column: it is still a country, and the area carries down
    assert (third.country, third.country_basis) == ("TW", Basis.PRINTED)
    assert (third.region, third.region_basis) == ("asia", Basis.CARRIED)
    assert third.source.line == 3
    assert third.source.text == "丙大学工学院"
    assert third.source.line_text == "\t台湾\t丙大学工学院\t\t"
    assert check(result, "理学研究科(3)") == (3, 3, "ok")


def test_country_carries_down_a_merged_cell_but_not_into_another_area() -> None:
    result = load(
        "理学研究科(3)\tヨーロッパ\tイタリア\t甲大学\n"
        "\t\t\t乙大学\n"
        "\t中南米\t丙大学法学部\t"
    )
    second, third = result.agreements[1], result.agreements[2]
    assert (second.country, second.country_basis) == ("IT", Basis.CARRIED)
    assert third.country is None and third.region == "latin-america"
    codes = {f.code for f in result.findings}
    assert "dept.country-not-printed" in codes


def test_several_countries_in_one_cell_leave_the_country_open() -> None:
    result = load("歯学研究科(2)\tアジア\t韓国\t甲大学\n\t\t\t北米\tカナダ アメリカ\t乙大学歯学部")
    record = by_name(result, "乙大学歯学部")
    assert record.country is None
    assert record.country_candidates == ("CA", "US")
    assert any(f.code == "dept.country-ambiguous" and f.lines == (2,) for f in result.findings)


def test_partner_cells_are_cut_at_spaces_by_layout_rules() -> None:
    result = load(
        "理学研究科(6)\tヨーロッパ\tロシア\t"
        "甲アカデミー・極東支部 V.I. Il'ichev 太平洋海洋研究所 乙大学共同研究センター 701 "
        "丙研究所 (工科大学) 電力機械工学部 テキサス A&M 大学科学部 丁大学 (旧: 戊大学流体研究所) "
        "己大学"
    )
    assert [r.source.text for r in result.agreements] == [
        "甲アカデミー・極東支部 V.I. Il'ichev 太平洋海洋研究所",
        "乙大学共同研究センター 701",
        "丙研究所 (工科大学) 電力機械工学部",
        "テキサス A&M 大学科学部",
        "丁大学 (旧: 戊大学流体研究所)",
        "己大学",
    ]
    assert check(result, "理学研究科(6)") == (6, 6, "ok")


def test_header_ocr_slip_is_repaired_only_with_the_tables_own_evidence() -> None:
    table = (
        "文学研究科・文学部(1)\tアジア\t韓国\t甲大学\n"
        "工学研究所・工学部(1)\tアジア\t中国\t乙大学"
    )
    result = load(table)
    assert partners(result, "工学研究科・工学部") == ["乙大学"]
    record = by_name(result, "乙大学")
    assert record.section == "工学研究所・工学部(1)"  # the heading as printed
    assert [r.rule for r in record.repairs] == ["dept.header-ocr"]
    # without a 研究科・学部 pairing elsewhere in the table there is no evidence: untouched
    alone = load("工学研究所・工学部(1)\tアジア\t中国\t乙大学")
    assert partners(alone, "工学研究所・工学部") == ["乙大学"]
    # a real institute is never touched
    institute = load(
        "文学研究科・文学部(1)\tアジア\t韓国\t甲大学\n金属材料研究所(1)\tアジア\t中国\t乙大学"
    )
    assert partners(institute, "金属材料研究所") == ["乙大学"]


def test_rows_printed_before_their_header_move_when_the_counts_prove_it() -> None:
    result = load(
        "教育学研究科(1)\tアジア\t韓国\t甲大学教育学部\n"
        "\t\t\t中国\t乙大学法学部\n"
        "タイ\t\t丙大学 丁大学経営学部\t\t\n"
        "経済学研究科(3)\tアジア\tベトナム\t戊大学経済学部"
    )
    assert partners(result, "教育学研究科") == ["甲大学 教育学部"]
    assert partners(result, "経済学研究科") == ["丙大学", "丁大学 経営学部", "戊大学 経済学部"]
    assert partners(result, None) == ["乙大学 法学部"]  # no rule explains it: headerless
    assert check(result, "経済学研究科(3)") == (3, 3, "ok")
    moved = by_name(result, "丙大学")
    assert [r.rule for r in moved.repairs] == ["dept.rows-before-header"]
    assert moved.country == "TH"
    codes = [f.code for f in result.findings]
    assert "dept.rows-before-header" in codes and "dept.headerless-block" in codes


def test_a_block_printed_under_the_wrong_header_and_again_is_merged() -> None:
    result = load(
        "工学研究科(1)\tヨーロッパ\tドイツ\t甲大学工学部\n"
        "\t\tアジア\tタイ\t乙大学水産学部\n"
        "\t\t\t中国\t丙大学 丁研究所\n"
        "農学研究科(4)\tアジア\t中国\t丙大学\n"
        "\t\t\t丁研究所\t\n"
        "ハンガリー\t\t戊大学農学部\t\n"
        "ハンガリー\t\t戊大学農学部\t"
    )
    assert partners(result, "工学研究科") == ["甲大学 工学部"]
    assert sorted(partners(result, "農学研究科")) == [
        "丁研究所", "丙大学", "乙大学 水産学部", "戊大学 農学部"
    ]
    assert check(result, "農学研究科(4)") == (4, 4, "ok")
    twice = by_name(result, "丙大学")
    assert twice.source.line == 4  # the place under the right header is its source
    assert [s.line for s in twice.also_printed_at] == [3]
    thrice = by_name(result, "戊大学農学部")
    assert thrice.source.line == 6 and [s.line for s in thrice.also_printed_at] == [7]


def test_partner_on_a_header_line_goes_to_the_department_short_of_it() -> None:
    result = load(
        "薬学研究科(2)\tアジア\t韓国\t甲大薬学大学\n"
        "工学研究科(1)\tヨーロッパ\tイタリア\t乙大薬学部\n"
        "\tアジア\tインド\t丙研究所"
    )
    assert partners(result, "薬学研究科") == ["甲大 薬学大学", "乙大 薬学部"]
    assert partners(result, "工学研究科") == ["丙研究所"]
    moved = by_name(result, "乙大薬学部")
    assert (moved.country, moved.region) == ("IT", "europe")
    assert [r.rule for r in moved.repairs] == ["dept.header-line-partner"]


def test_reprinted_area_starts_a_headerless_block() -> None:
    result = load(
        "経済学研究科(2)\tヨーロッパ\tドイツ\t甲大学経済学部\n"
        "\t\t\tイギリス\t乙大学社会科学部\n"
        "\tヨーロッパ\t丙工科大学大学院物理学研究科\t\t\n"
        "\t\t\tインドネシア\t丁大学水産学部"
    )
    assert partners(result, "経済学研究科") == ["甲大学 経済学部", "乙大学 社会科学部"]
    orphan = by_name(result, "丙工科大学大学院物理学研究科")
    assert orphan.home_unit_ja is None and orphan.country is None
    indonesia = by_name(result, "丁大学水産学部")
    assert indonesia.country == "ID" and indonesia.home_unit_ja is None
    assert any(f.code == "dept.headerless-block" and f.lines == (3,) for f in result.findings)


def test_count_mismatch_is_reported_not_forced() -> None:
    result = load("情報科学研究科(3)\tアジア\tタイ\t甲大学工学部\n\t\t中国\t乙大学")
    assert check(result, "情報科学研究科(3)") == (3, 2, "mismatch")


@pytest.fixture(scope="module")
def real() -> LoadResult:
    from kyotei.loaders.manifest import load_manifest, read_source_lines

    (doc,) = [d for d in load_manifest(SOURCES / "sources.toml") if d.file.startswith("001")]
    (section,) = [s for s in doc.sections if s.layout == "department-table"]
    return load_department_table(doc, section, read_source_lines(SOURCES / doc.file))


def test_real_table_reconciles_except_where_the_document_lost_rows(real: LoadResult) -> None:
    mismatched = {(c.section, c.unit, c.stated, c.found) for c in real.checks if c.status != "ok"}
    assert mismatched == {
        ("情報科学研究科(15)", "partners", 15, 14),
        ("43ヶ国・地域 335機関", "countries", 43, 41),
        ("43ヶ国・地域 335機関", "institutions", 335, 334),
    }
    assert sum(1 for c in real.checks if c.unit == "partners" and c.status == "ok") == 23
    assert len(real.agreements) == 334


def test_real_table_keeps_every_partner_traceable(real: LoadResult) -> None:
    lines = open(SOURCES / "001_2fb9447d554a3c8c.txt", encoding="utf-8").read().split("\n")
    for record in real.agreements:
        assert record.source.text in lines[record.source.line - 1]
        assert record.source.line_text == lines[record.source.line - 1]
    oulu = by_name(real, "オウル大学歯学部")  # printed in the Sweden row: kept as printed
    assert (oulu.country, oulu.country_basis) == ("SE", Basis.PRINTED)
    assert oulu.home_unit_ja == "歯学研究科・歯学部"
