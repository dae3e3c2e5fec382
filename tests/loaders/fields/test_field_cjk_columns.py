"""Waiver and other columns of Chinese (traditional) and Korean lists: header words, cell
values and legends (waiver_words.toml, header_words.toml). The partner names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyotei.graph.model.records import DocumentInfo
from kyotei.loaders import load_document
from kyotei.loaders.fields.headers import Role, read_header_row
from kyotei.loaders.fields.waiver import (
    find_legends,
    is_waiver_header,
    read_legend,
    read_waiver_cell,
    strip_marks,
)

R = Role


@pytest.mark.parametrize(
    "header",
    ["學費互免", "學費互免(V)", "互免學費", "등록금면제", "등록금 면제", "등록금 상호 면제"])
def test_chinese_and_korean_waiver_headers(header: str) -> None:
    assert is_waiver_header(header)


@pytest.mark.parametrize(("cell", "value"), [("V", True), ("ｖ", True), ("O", True), ("X", False),
                                             ("x", False), ("是", True), ("否", False)])
def test_check_and_cross_letters_in_a_waiver_column(cell: str, value: bool) -> None:
    assert read_waiver_cell(cell).value is value


def test_a_korean_legend_of_a_mark() -> None:
    legend = read_legend("★ 표시는 등록금 상호 면제 협정입니다.")
    assert legend is not None and (legend.mark, legend.waiver) == ("★", True)
    reading = strip_marks("가나대학교 ★", [legend])
    assert (reading.text, reading.waiver) == ("가나대학교", True)
    # a line saying the unmarked ones are not waived is no legend of a mark
    assert find_legends(["표시가 없는 협정은 등록금 면제 대상이 아닙니다."]) == []


def test_chinese_and_korean_header_rows() -> None:
    row = read_header_row(["編號", "國家/地區", "學校名稱", "英文校名", "締約日期", "學費互免(V)",
                           "備註"])
    assert [c.role for c in row.columns] == [
        R.NUMBER, R.COUNTRY, R.INSTITUTION, R.ENGLISH_NAME, R.DATE, R.WAIVER, R.NOTES]
    row = read_header_row(["序號", "學院", "國家地區", "合作學校", "合作單位", "簽約日期",
                           "學費互免"])
    assert [c.role for c in row.columns] == [
        R.NUMBER, R.HOME_DEPARTMENT, R.COUNTRY, R.INSTITUTION, R.PARTNER_UNIT, R.DATE, R.WAIVER]
    row = read_header_row(["연번", "국가", "대학명(국문)", "대학명(영문)", "체결일", "만료일",
                           "등록금면제", "비고"])
    assert [c.role for c in row.columns] == [
        R.NUMBER, R.COUNTRY, R.INSTITUTION, R.ENGLISH_NAME, R.DATE, R.EXPIRY, R.WAIVER, R.NOTES]


def _load(tmp_path: Path, name: str, text: str, languages: tuple[str, ...]):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = DocumentInfo(file=name, title="t", as_of=None, as_of_text="", languages=languages,
                       publisher_status="unidentified")
    return load_document(doc, tmp_path).agreements


def test_a_korean_sheet_with_o_x_and_hangul_names(tmp_path: Path) -> None:
    records = _load(tmp_path, "목록.csv",
                    "연번,국가,대학명(국문),대학명(영문),체결일,등록금면제\n"
                    "1,호주,가나다대학교,Ganada University,2015-04-01,O\n"
                    "2,일본,라마바대학 하나캠퍼스,Ramaba University Hana Campus,2016-05-02,X\n",
                    ("ko",))
    assert [(r.partner.institution_ja, r.partner.institution_en, r.country, r.tuition_waiver)
            for r in records] == [
        ("가나다대학교", "Ganada University", "AU", True),
        ("라마바대학 하나캠퍼스", "Ramaba University Hana Campus", "JP", False)]


def test_a_taiwanese_list_with_v_and_blank(tmp_path: Path) -> None:
    records = _load(tmp_path, "一覽表.csv",
                    "編號,洲別,國家/地區,學校名稱,英文校名,締約日期,學費互免(V)\n"
                    "1,亞洲,中國大陸,甲乙大學,Jiayi University,2015-05-12,V\n"
                    "2,大洋洲,澳洲,丙丁大學,Bingding University,2016-06-01,\n"
                    "3,亞洲,韓國,戊己大學,Wuji University,2017-07-03,V\n",
                    ("zh",))
    assert [(r.partner.institution_en, r.country, r.tuition_waiver) for r in records] == [
        ("Jiayi University", "CN", True), ("Bingding University", "AU", False),
        ("Wuji University", "KR", True)]


def test_a_numbered_footnote_mark_is_no_unknown_waiver_mark() -> None:
    legends = find_legends(["ナントカ大学※1", "※1 平成24年に部局間協定から移行した。"])
    assert [(g.mark, g.waiver) for g in legends] == [("※1", False)]
    reading = strip_marks("ナントカ大学※1", legends)
    assert (reading.text, reading.unknown) == ("ナントカ大学", ())
    # a numbered mark whose footnote the document does not print stays unknown
    assert [m.mark for m in strip_marks("ナントカ大学※2", legends).unknown] == ["※2"]
    # an unnumbered mark line is no footnote of this kind
    assert find_legends(["※ 協定の更新手続き中"]) == []
