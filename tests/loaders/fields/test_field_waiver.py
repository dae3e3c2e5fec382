"""Waiver legends, marks on cells, waiver column cells and headers: exact values."""

from __future__ import annotations

import pytest

from kyotei.loaders.fields.waiver import (
    Legend,
    find_legends,
    is_waiver_header,
    read_legend,
    read_waiver_cell,
    strip_inner_marks,
    strip_marks,
)

LEGENDS = [
    ("※印は授業料不徴収", "※", "授業料不徴収", True),
    ("＊：授業料不徴収協定", "＊", "授業料不徴収協定", True),
    ("* indicates tuition waiver", "*", "tuition waiver", True),
    ("○＝授業料相互不徴収", "○", "授業料相互不徴収", True),
    ("Tuition fee waiver: ✓", "✓", "Tuition fee waiver", True),
    ("（注）※印の協定校は授業料等不徴収。", "※", "授業料等不徴収", True),
    ("Note: † denotes agreements with a fee waiver.", "†", "agreements with a fee waiver", True),
    ("【◎】授業料免除", "◎", "授業料免除", True),
    ("※1 授業料免除", "※1", "授業料免除", True),
    ("○→授業料不徴収", "○", "授業料不徴収", True),
    ("Key: ✓ = fee waiver", "✓", "fee waiver", True),
    ("☆ = agreement at university level", "☆", "agreement at university level", False),
    ("◎：大学間協定", "◎", "大学間協定", False),
    ("Notes 1. † tuition not waived", "†", "tuition not waived", None),
    ("＃ 授業料免除なし", "＃", "授業料免除なし", None),
    ("* Exchange students are exempted from tuition", "*",
     "Exchange students are exempted from tuition", True),
    ("※ 授業料を相互に徴収しない協定", "※", "授業料を相互に徴収しない協定", True),
    ("授業料不徴収協定校には※を付す。", "※", "授業料不徴収協定校", True),
    ("授業料相互不徴収の協定校に「◎」を付した", "◎", "授業料相互不徴収の協定校", True),
    ("大学間協定は☆印", "☆", "大学間協定", False),
    ("Agreements with tuition waiver are marked with *.", "*", "Agreements with tuition waiver",
     True),
    ("Note: partners with a fee waiver are indicated by †", "†", "partners with a fee waiver",
     True),
]


@pytest.mark.parametrize(("line", "mark", "meaning", "waiver"), LEGENDS)
def test_reads_a_legend(line: str, mark: str, meaning: str, waiver: bool | None) -> None:
    assert read_legend(line) == Legend(mark, meaning, waiver, line)


@pytest.mark.parametrize(
    "line",
    [
        "ナントカ大学", "* Some University", "2015.4.1", "Country: Somewhere", "", "※", "国・地域",
        "ナントカ大学※印", "ナントカ大学 2015.4.1 ※", "Some University marked *",
    ],
)
def test_a_line_that_is_no_legend(line: str) -> None:
    assert read_legend(line) is None


def test_find_legends_keeps_order() -> None:
    lines = ["ナントカ大学 2015.4.1 ※", "※印は授業料不徴収", "☆: 部局間協定"]
    assert [(legend.mark, legend.waiver) for legend in find_legends(lines)] == [
        ("※", True), ("☆", False),
    ]



def test_a_waiver_legend_may_end_a_line_after_other_text() -> None:
    lines = ["2030年4月1日現在 ※印は授業料不徴収協定校", "ナントカ大学 ※ 2015.4.1",
             "2030年4月1日現在 ☆: 部局間協定"]
    assert [(legend.mark, legend.meaning, legend.waiver) for legend in find_legends(lines)] == [
        ("※", "授業料不徴収協定校", True),  # only a waiver legend, not "※ 2015.4.1" nor ☆
    ]

WAIVER = Legend("※", "授業料不徴収", True, "※印は授業料不徴収")
LEVEL = Legend("☆", "部局間協定", False, "☆：部局間協定")


@pytest.mark.parametrize(
    ("cell", "text", "marks", "waiver"),
    [
        ("ナントカ大学 ※", "ナントカ大学", [("※", "trailing", True)], True),
        ("※ナントカ大学", "ナントカ大学", [("※", "leading", True)], True),
        ("ナントカ大学（※）", "ナントカ大学", [("※", "trailing", True)], True),
        ("ナントカ大学☆", "ナントカ大学", [("☆", "trailing", True)], False),
        ("ナントカ大学☆※", "ナントカ大学", [("※", "trailing", True), ("☆", "trailing", True)],
         True),
        ("Some University*", "Some University", [("*", "trailing", False)], None),
        ("Some University ＊＊", "Some University", [("＊＊", "trailing", False)], None),
        ("ナントカ大学※1", "ナントカ大学", [("※1", "trailing", False)], None),
        ("2015.4.1 ※", "2015.4.1", [("※", "trailing", True)], True),
        ("Some University", "Some University", [], False),
        ("Some Hospital 2", "Some Hospital 2", [], False),
        ("Some A&M University", "Some A&M University", [], False),
        ("Some University (Main Campus)", "Some University (Main Campus)", [], False),
        ("Yahoo! College", "Yahoo! College", [], False),
    ],
)
def test_strip_marks(
    cell: str, text: str, marks: list[tuple[str, str, bool]], waiver: bool | None
) -> None:
    reading = strip_marks(cell, [WAIVER, LEVEL])
    assert reading.text == text
    assert reading.verbatim == cell
    assert [(m.mark, m.position, m.known) for m in reading.marks] == marks
    assert reading.waiver is waiver


def test_a_mark_without_a_legend_is_unknown_never_a_waiver() -> None:
    reading = strip_marks("ナントカ大学 ※")
    assert (reading.text, reading.waiver) == ("ナントカ大学", None)
    assert [(m.mark, m.legend) for m in reading.unknown] == [("※", None)]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("有", True), ("あり", True), ("○", True), ("〇", True), ("◎", True), ("✓", True),
        ("Yes", True), ("ＹＥＳ", True), ("Y", True), ("TRUE", True), ("不徴収", True),
        (" 授業料不徴収 ", True), (True, True),
        ("無", False), ("なし", False), ("×", False), ("No", False),
        ("n", False), ("False", False), ("徴収", False), (False, False),
        ("Tuition waived", True), ("Paid", False),
    ],
)
def test_waiver_cell_words(cell: object, value: bool) -> None:
    reading = read_waiver_cell(cell)
    assert (reading.value, reading.reason) == (value, None)
    assert reading.verbatim == str(cell)


@pytest.mark.parametrize("cell", ["－", "-", "—", "―", "ー"])
def test_a_dash_alone_states_nothing_of_its_own(cell: str) -> None:
    # decision 0025: the unmarked "no" only in a column of marks (the reader decides)
    reading = read_waiver_cell(cell)
    assert (reading.value, reading.dash) == (None, True)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (None, "empty cell: waiver not stated"),
        ("  ", "empty cell: waiver not stated"),
        ("△", "'△' is a partial waiver: neither yes nor no"),
        ("一部免除", "'一部免除' is a partial waiver: neither yes nor no"),
        ("要相談", "'要相談' is not a waiver word or a known mark"),
        ("※", "'※' is not a waiver word or a known mark"),
        (1, "int value 1 is not a waiver value"),
    ],
)
def test_waiver_cell_unread_says_why(cell: object, reason: str) -> None:
    reading = read_waiver_cell(cell)
    assert (reading.value, reading.reason) == (None, reason)


def test_waiver_cell_with_the_documents_own_mark() -> None:
    assert read_waiver_cell("※", [WAIVER]).value is True
    assert read_waiver_cell("☆", [WAIVER, LEVEL]).value is False


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("授業料不徴収", True), ("授業料\n不徴収", True), ("授業料免除", True),
        ("授業料相互免除", True), ("授業料不徴収の有無", True), ("Tuition waiver", True),
        ("Fee Waiver (Y/N)", True), ("ＴＵＩＴＩＯＮ ＷＡＩＶＥＲ", True),
        ("締結日", False), ("Country", False), ("Waiting list", False), ("", False),
    ],
)
def test_waiver_header(header: str, expected: bool) -> None:
    assert is_waiver_header(header) is expected


def test_a_legend_mark_between_the_name_and_its_unit() -> None:
    legends = [read_legend("＊印は授業料不徴収協定")]
    reading = strip_inner_marks("見本大学＊ 理学部", legends)
    assert (reading.text, [m.mark for m in reading.marks], reading.waiver) == (
        "見本大学 理学部", ["＊"], True)
    # a mark standing alone between the words is one too
    assert strip_inner_marks("Example University ＊ Faculty of Arts", legends).text == \
        "Example University Faculty of Arts"


def test_only_a_legend_mark_is_taken_inside_a_name() -> None:
    legends = [read_legend("＊印は授業料不徴収協定")]
    for text in ("School of Arts & Sciences", "見本大学† 理学部", "見本大学 理学部＊"):
        reading = strip_inner_marks(text, legends)
        assert (reading.text, reading.marks) == (text, ())
