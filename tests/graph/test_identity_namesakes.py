"""A mention printed without a country in a cluster of namesakes of two countries
(graph/identity/country.py: place_by_key)."""

from __future__ import annotations

from test_identity_helpers import BILINGUAL, LIST, rec, ref_at, resolve

from kyotei.graph.identity.country import Group, place_by_key

L, B = LIST.file, BILINGUAL.file


def _namesakes(*extra):  # type: ignore[no-untyped-def]
    return resolve([
        rec(BILINGUAL, 5, "ナントカ大学", en="Nantoka University", country="GB"),
        rec(BILINGUAL, 6, "ナントカ大学", en="The University of Nantoka", country="AU"),
        *extra,
    ])  # fmt: skip


def test_a_name_only_one_country_prints_takes_that_country() -> None:
    res = _namesakes(rec(BILINGUAL, 7, en="The University of Nantoka", country=None))
    assert ref_at(res, B, 7) == ref_at(res, B, 6)
    assert ref_at(res, B, 7).country == "AU"
    [record] = [r for r in res.records if r.source.line == 7]
    assert record.country == "AU"


def test_a_name_both_countries_print_keeps_no_country() -> None:
    res = _namesakes(rec(LIST, 10, "ナントカ大学", country=None))
    assert ref_at(res, L, 10).country is None
    assert ref_at(res, L, 10) not in {ref_at(res, B, 5), ref_at(res, B, 6)}


def test_a_row_with_a_name_of_its_own_keeps_no_country() -> None:
    # the row prints the shared Japanese name and an English name no country prints
    res = _namesakes(rec(BILINGUAL, 7, "ナントカ大学", en="Nantoka College", country=None))
    assert ref_at(res, B, 7).country is None


def test_groups_are_unchanged_without_a_mention_lacking_a_country() -> None:
    groups = [Group("AU", (1,)), Group("GB", (0,))]
    assert place_by_key(groups, {0: ["ja:x"], 1: ["ja:x"]}) == groups
    lone = [Group(None, (0, 1))]
    assert place_by_key(lone, {0: ["ja:x"], 1: ["ja:x"]}) == lone


def test_a_name_that_is_only_the_university_ending_joins_nothing() -> None:
    # a fragment of a misread row: 大学 alone names no institution
    res = resolve([rec(LIST, 10, "大学", country="KR"),
                   rec(LIST, 11, "大学", country="KR"),
                   rec(LIST, 12, "ナントカ大学", country="KR"),
                   rec(LIST, 13, "ナントカ大学校", country="KR")])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
    assert ref_at(res, L, 12) == ref_at(res, L, 13)
