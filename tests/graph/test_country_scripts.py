"""Country and region names of Chinese and Korean documents: a tag with no script is read in
every script CLDR writes the language in, the cited aliases of a language only in a document
of that language, and CLDR's region names are regions (neither partner nor country)."""

from __future__ import annotations

from kyotei.graph.model.countries import document_languages, lookup_country
from kyotei.graph.model.regions import lookup_region


def test_zh_reads_traditional_and_simplified_cldr_names() -> None:
    with document_languages(["zh"]):
        names = ("泰國", "泰国", "馬來西亞", "德國", "澳洲", "法國")
        assert [lookup_country(t) for t in names] == ["TH", "TH", "MY", "DE", "AU", "FR"]
    with document_languages(["zh-Hans"]):  # a script given: that script only
        assert lookup_country("澳洲") is None
    assert lookup_country("澳洲") is None  # not in a ja/en document


def test_cited_aliases_of_a_language_are_read_only_in_that_language() -> None:
    assert lookup_country("韓國") is None and lookup_country("호주") is None
    with document_languages(["zh"]):
        assert (lookup_country("韓國"), lookup_country("中國大陸")) == ("KR", "CN")
        assert lookup_country("호주") is None
    with document_languages(["ko"]):
        assert lookup_country("호주") == "AU"


def test_korea_alone_stays_ambiguous() -> None:
    with document_languages(["ko", "zh", "th"]):
        assert lookup_country("Korea") is None


def test_chinese_and_korean_region_names() -> None:
    names = ("大洋洲", "오세아니아", "亞洲", "歐洲", "아시아", "북미")
    assert [lookup_region(t) for t in names] == [
        "oceania", "oceania", "asia", "europe", "asia", "north-america"]
