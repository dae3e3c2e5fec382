"""A mention printed without a country in a cluster of namesakes of two countries
(graph/identity/country.py: place_by_key)."""

from __future__ import annotations

from dataclasses import replace

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


def _unread(record):  # type: ignore[no-untyped-def]
    """The record as a row whose country cell printed a name kyotei could not read."""
    return replace(record, country_text="Xanadu")


def test_a_name_printed_with_an_unread_country_is_not_joined_by_the_name_alone() -> None:
    # one document prints the name with a country it reads and, on another row, with one
    # kyotei could not read: it may be a namesake of another country, so it stays apart
    res = resolve([rec(LIST, 11, "ナントカ大学", country="JP"),
                   _unread(rec(LIST, 10, "ナントカ大学", country=None))])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
    assert ref_at(res, L, 10).country is None
    [record] = [r for r in res.records if r.source.line == 10]
    assert record.country is None  # the other's country is not given to it
    [conflict] = [c for c in res.conflicts if c.kind == "country.unread"]
    assert conflict.status == "open" and "'Xanadu'" in conflict.detail
    assert conflict.values == ("JP",)


def test_an_unread_country_in_another_document_joins_as_a_damaged_cell() -> None:
    # most unread cells are damaged ones (an OCR slip in the country's name)
    res = resolve([rec(BILINGUAL, 5, "ナントカ大学", country="JP"),
                   _unread(rec(LIST, 10, "ナントカ大学", country=None))])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 5)
    assert not [c for c in res.conflicts if c.kind == "country.unread"]


def test_a_name_printed_without_a_country_still_joins_the_one_country() -> None:
    res = resolve([rec(BILINGUAL, 5, "ナントカ大学", country="JP"),
                   rec(LIST, 10, "ナントカ大学", country=None)])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 5)
    assert not [c for c in res.conflicts if c.kind == "country.unread"]


def test_unread_countries_alone_keep_the_name_together() -> None:
    # no country is read anywhere: nothing to tell the mentions apart by
    res = resolve([_unread(rec(BILINGUAL, 5, "ナントカ大学", country=None)),
                   _unread(rec(LIST, 10, "ナントカ大学", country=None))])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 5)


def test_an_unread_country_is_not_placed_by_key_among_namesakes() -> None:
    res = _namesakes(_unread(rec(BILINGUAL, 7, en="The University of Nantoka", country=None)))
    assert ref_at(res, B, 7).country is None
    assert ref_at(res, B, 7) not in {ref_at(res, B, 5), ref_at(res, B, 6)}


def test_a_cell_naming_several_countries_is_no_unread_country() -> None:
    # a merged cell printing two countries: candidates, resolved by the one that fits
    several = replace(rec(LIST, 10, "ナントカ大学", country=None, candidates=("CA", "US")),
                      country_text="Canada United States")
    res = resolve([rec(BILINGUAL, 5, "ナントカ大学", country="US"), several])
    assert ref_at(res, L, 10) == ref_at(res, B, 5)
    assert not [c for c in res.conflicts if c.kind == "country.unread"]
