"""Names compared by place (CLDR's place names), by the readings of marked letters, and the
-berg/-burg transcriptions (graph/identity/places.py, crossname.py, joins.py)."""

from __future__ import annotations

import pytest
from test_identity_helpers import BILINGUAL, LIST, rec, ref_at, resolve, sound_match

from kyotei.graph.identity.crossname import compatible, cross_data, latin_name, match
from kyotei.graph.identity.places import (
    cldr_place_table,
    fold_place,
    place_file,
    place_ids,
    place_table,
)

L, B = LIST.file, BILINGUAL.file
LOCALES = ("ja", "en", "de", "pt")


def _merges(res) -> list[tuple[str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return sorted((d.rule, tuple(sorted(d.names))) for d in res.decisions if d.kind == "merge")


# -- place names ---------------------------------------------------------------------------


def test_one_place_in_several_languages_has_one_id() -> None:
    assert place_ids("リスボン", LOCALES) == place_ids("Lisboa", LOCALES)
    assert place_ids("Lisbon", LOCALES) == frozenset({"tz:Europe/Lisbon"})
    assert (
        place_ids("上海", LOCALES)
        == place_ids("Shanghai", LOCALES)
        == frozenset({"tz:Asia/Shanghai"})
    )
    assert place_ids("Zürich", LOCALES) == place_ids("ZURICH", LOCALES)
    assert "cc:PT" in place_ids("ポルトガル", LOCALES)  # a territory name
    assert place_ids("上海交通", LOCALES) == frozenset()  # a place and another word: none
    assert fold_place(" São  Paulo ") == "saopaulo"


def test_the_kept_place_file_is_what_babel_gives_now() -> None:
    """places.toml is generated: regenerated from the installed Babel, it is the same text
    (when this fails, Babel or the folding changed: run python -m kyotei.graph.identity.places)."""
    from importlib import resources

    locales = cross_data().locales
    kept = resources.files("kyotei.graph.identity").joinpath("places.toml").read_text("utf-8")
    assert kept == place_file(locales)
    assert place_table(locales) == cldr_place_table(locales)
    assert place_table(locales)["wien"] == frozenset({"tz:Europe/Vienna"})


@pytest.mark.parametrize(
    ("ja", "latin"),
    [
        ("上海大学", "Shanghai University"),  # a kanji place cannot be compared by sound
        ("リスボン大学", "Universidade de Lisboa"),  # the endonym sounds otherwise
        ("リスボン大学", "University of Lisbon"),
    ],
)
def test_a_japanese_name_matches_the_latin_name_of_its_place(ja: str, latin: str) -> None:
    assert sound_match(ja, latin, stage=1) is True


@pytest.mark.parametrize(
    ("ja", "latin"),
    [
        ("上海大学", "Shanghai Jiao Tong University"),  # more than the place
        ("上海交通大学", "Shanghai University"),
        ("上海大学", "University of Shanghai for Science and Technology"),
        ("上海大学", "Shanghai Normal University"),  # generic words differ
        ("リスボン工科大学", "University of Lisbon"),
        ("リスボン大学", "University of Porto"),
    ],
)
def test_only_a_name_that_is_exactly_the_place_matches(ja: str, latin: str) -> None:
    assert sound_match(ja, latin, stage=1) is not True


def test_two_latin_names_of_one_place_are_compatible_but_never_matched() -> None:
    de, en = latin_name("Universität Wien"), latin_name("University of Vienna")
    assert de is not None and en is not None
    assert not match(de, en) and compatible(de, en)
    # the proper name on the other side of the generic words is another name in English
    other = latin_name("Vienna University")
    assert other is not None and not compatible(en, other)


def test_a_place_name_joins_across_scripts_in_one_country() -> None:
    res = resolve([
        rec(LIST, 10, "ウィーン大学", country="AT"),
        rec(BILINGUAL, 5, "ウィーン大学", en="Universität Wien", country="AT"),
        rec(BILINGUAL, 6, en="University of Vienna", country="AT"),
    ])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 5) == ref_at(res, B, 6)
    [merge] = [d for d in res.decisions if d.rule == "name.cross-script"]
    assert "tz:Europe/Vienna" in merge.evidence and "country AT" in merge.evidence


def test_two_latin_names_of_one_place_alone_stay_apart() -> None:
    res = resolve([rec(BILINGUAL, 5, en="Universität Wien", country="AT"),
                   rec(BILINGUAL, 6, en="University of Vienna", country="AT")])  # fmt: skip
    assert ref_at(res, B, 5) != ref_at(res, B, 6)


def test_a_place_name_two_latin_names_fit_is_a_candidate() -> None:
    res = resolve([
        rec(LIST, 10, "上海大学", country="CN"),
        rec(BILINGUAL, 5, en="Shanghai University", country="CN"),
        rec(BILINGUAL, 6, en="University of Shanghai", country="CN"),
    ])  # fmt: skip
    assert len({ref_at(res, L, 10), ref_at(res, B, 5), ref_at(res, B, 6)}) == 3
    assert [d.rule for d in res.decisions if d.kind == "merge"] == []


def test_a_place_name_in_another_country_stays_apart() -> None:
    res = resolve([rec(LIST, 10, "上海大学", country="CN"),
                   rec(BILINGUAL, 5, en="Shanghai University", country="TW")])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, B, 5)


# -- letters read per language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("ja", "latin"),
    [
        ("ボアジチ大学", "Boğaziçi University"),  # Turkish: ğ silent, ç = ch
        ("ブザンソン大学", "Université de Besançon"),  # French: ç = s
    ],
)
def test_a_marked_letter_is_compared_under_each_of_its_readings(ja: str, latin: str) -> None:
    assert sound_match(ja, latin, stage=1) is True


def test_a_letter_without_its_mark_is_read_as_printed() -> None:
    assert sound_match("ボアジチ大学", "Bogazici University", stage=1) is False
    plain = latin_name("Bogazici University")
    assert plain is not None and plain.alternates == ()


# -- -berg / -burg -------------------------------------------------------------------------


def test_berg_and_burg_written_ku_or_gu_are_one_spelling_in_one_country() -> None:
    res = resolve([rec(LIST, 10, "ナントカベルク大学", country="DE"),
                   rec(LIST, 11, "ナントカベルグ大学", country="DE"),
                   rec(LIST, 12, "ナントカブルク大学", country="AT"),
                   rec(LIST, 13, "ナントカブルグ大学", country="DE")])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, L, 11)
    assert ref_at(res, L, 12) != ref_at(res, L, 13)  # two countries: two institutions
    assert _merges(res) == [("name.kana-orthography", ("ナントカベルク大学", "ナントカベルグ大学"))]


def test_another_ku_and_gu_stay_two_names() -> None:
    res = resolve([rec(LIST, 10, "ナントカグ大学", country="DE"),
                   rec(LIST, 11, "ナントカク大学", country="DE")])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
