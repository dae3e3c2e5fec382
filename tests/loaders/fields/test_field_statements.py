"""Stated totals in the words of statement_words.toml: Korean, traditional Chinese, Thai,
two counts in one sentence, a pager line, one total said in two languages. Invented prints."""

from __future__ import annotations

import pytest

from kyotei.loaders.fields.statements import StatedTotal, read_stated_total


@pytest.mark.parametrize(("text", "count", "counts"), [
    ("총 8개 대학과 11건의 협정을 맺고 있다.", 11, "agreements"),
    ("합계: 7개교 9건", 9, "agreements"),
    ("합계 21건", 21, "agreements"),
    ("총 7개교", 7, "institutions"),
    ("合計 23所", 23, "institutions"),
    ("合計：9項（文學院4項、理學院5項）", 9, "agreements"),
    ("รวม 11 ฉบับ", 11, "agreements"),
    ("Total 11 agreements / รวม 11 ฉบับ", 11, "agreements"),
    ("Showing 1-7 of 7 agreements", 7, "agreements"),
    ("Displaying 1–30 of 30 partners", 30, "institutions"),
])
def test_totals_read(text: str, count: int, counts: str) -> None:
    stated = read_stated_total(text)
    assert stated is not None and (stated.count, stated.counts) == (count, counts)


@pytest.mark.parametrize("text", [
    "Showing 1–20 of 45 agreements",  # one page of several: no total of this page
    "Total 11 agreements / รวม 12 ฉบับ",  # the two languages disagree
    "총신대학교 2015.4.1",  # a name that begins with the word
    "11건",  # a count with no total word
])
def test_no_total_read(text: str) -> None:
    assert read_stated_total(text) is None


def test_earlier_forms_unchanged() -> None:
    assert read_stated_total("Total : 14 établissements partenaires dans 6 pays.") == \
        StatedTotal(14, "institutions", 6)
