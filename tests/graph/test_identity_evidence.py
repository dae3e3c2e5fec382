"""Evidence too weak to join, names a document shows to be ambiguous, trailing acronyms
(graph/identity/evidence.py). Names are invented."""

from __future__ import annotations

from test_identity_helpers import BILINGUAL, LIST, rec, ref_at, resolve


def test_one_japanese_name_with_two_english_names_in_one_country_is_two_institutions() -> None:
    resolution = resolve([
        rec(LIST, 10, "見本大学", en="Mihon University (Ohio)", country="US"),
        rec(LIST, 11, "見本大学", en="University of Mihon", country="US"),
        rec(BILINGUAL, 10, "見本大学", country="US"),  # which of the two: it cannot say
        rec(BILINGUAL, 11, "試験大学", en="University of Mihon", country="US"),
    ])  # fmt: skip
    ohio, other = ref_at(resolution, LIST.file, 10), ref_at(resolution, LIST.file, 11)
    alone = ref_at(resolution, BILINGUAL.file, 10)
    assert len({ohio, other, alone}) == 3
    assert ref_at(resolution, BILINGUAL.file, 11) == other  # joined by its English name


def test_department_rows_with_two_english_names_of_one_partner_still_join() -> None:
    resolution = resolve([
        rec(BILINGUAL, 10, "見本工科大学", en="Mihon Institute of Technology", country="ID"),
        rec(BILINGUAL, 11, "見本工科大学", en="Institut Teknologi Mihon", country="ID"),
        rec(LIST, 10, "見本工科大学", country="ID"),
    ])  # fmt: skip
    assert ref_at(resolution, BILINGUAL.file, 10) == ref_at(resolution, BILINGUAL.file, 11)
    assert ref_at(resolution, LIST.file, 10) == ref_at(resolution, BILINGUAL.file, 10)


def test_department_rows_with_one_japanese_name_for_two_named_institutions_split() -> None:
    # one document prints 見本大学 for two institutions, told apart only by the English line
    resolution = resolve([
        rec(BILINGUAL, 10, "見本大学", en="Mihon University in Tameshi", country="US"),
        rec(BILINGUAL, 11, "見本大学", en="University of Mihon", country="US"),
        rec(BILINGUAL, 12, "見本大学", en="Mihon University School of Law", country="US"),
        rec(LIST, 10, None, en="Mihon University in Tameshi", country="US"),
        rec(LIST, 11, None, en="University of Mihon", country="US"),
    ])  # fmt: skip
    tameshi, mihon = ref_at(resolution, BILINGUAL.file, 10), ref_at(resolution, BILINGUAL.file, 11)
    assert tameshi != mihon
    assert ref_at(resolution, LIST.file, 10) == tameshi
    assert ref_at(resolution, LIST.file, 11) == mihon


def test_a_qualified_japanese_name_joins_the_english_name_of_an_ambiguous_pair() -> None:
    # ミホン大学 is printed for two institutions: it names neither, so the qualified
    # ミホン大学(セントカメシ) may join the English name it sounds like (St. = Saint = セント)
    resolution = resolve([
        rec(BILINGUAL, 10, "ミホン大学", en="Mihon University in St. Kameshi", country="US"),
        rec(BILINGUAL, 11, "ミホン大学", en="University of Mihon", country="US"),
        rec(LIST, 10, "ミホン大学(セントカメシ)", country="US"),
    ])  # fmt: skip
    tameshi = ref_at(resolution, BILINGUAL.file, 10)
    assert ref_at(resolution, LIST.file, 10) == tameshi != ref_at(resolution, BILINGUAL.file, 11)


def test_namesakes_in_two_countries_keep_their_japanese_name_joining() -> None:
    resolution = resolve([
        rec(BILINGUAL, 10, "見本大学", en="Mihon University", country="GB"),
        rec(BILINGUAL, 11, "見本大学", en="The University of Mihon", country="AU"),
        rec(LIST, 10, "見本大学", country="AU"),
    ])  # fmt: skip
    assert ref_at(resolution, LIST.file, 10) == ref_at(resolution, BILINGUAL.file, 11)
    assert ref_at(resolution, BILINGUAL.file, 10) != ref_at(resolution, BILINGUAL.file, 11)


def test_a_one_word_name_joins_nothing() -> None:
    resolution = resolve([
        rec(BILINGUAL, 10, "Mihon", en="-- signed", country="CN"),
        rec(BILINGUAL, 11, "Tameshi", en="-- signed", country="CN"),
        rec(LIST, 10, None, en="Mihon", country="CN"),
    ])  # fmt: skip
    refs = {ref_at(resolution, d.file, line) for d, line in ((BILINGUAL, 10), (BILINGUAL, 11),
                                                              (LIST, 10))}  # fmt: skip
    assert len(refs) == 3


def test_a_trailing_acronym_of_the_name_is_not_part_of_its_key() -> None:
    resolution = resolve([
        rec(BILINGUAL, 10, "国立見本大学", en="National Mihon University", country="TW"),
        rec(LIST, 10, None, en="National Mihon University (NMU)", country="TW"),
        rec(LIST, 11, None, en="National Mihon University (Taipei)", country="TW"),
    ])  # fmt: skip
    assert ref_at(resolution, LIST.file, 10) == ref_at(resolution, BILINGUAL.file, 10)
    assert ref_at(resolution, LIST.file, 11) != ref_at(resolution, BILINGUAL.file, 10)


def test_a_name_with_its_translation_in_brackets_joins_its_japanese_name() -> None:
    resolution = resolve([
        rec(BILINGUAL, 10, None, en="Universidad de Mihonka (University of Mihonka)", country="ES"),
        rec(LIST, 10, "ミホンカ大学", country="ES"),
        rec(LIST, 11, None, en="Universidad de Tameshi (Tameshi University)", country="ES"),
        rec(LIST, 12, None, en="Universidad de Tameshi", country="ES"),
    ])  # fmt: skip
    assert ref_at(resolution, BILINGUAL.file, 10) == ref_at(resolution, LIST.file, 10)
    # "Tameshi University" is not "Universidad de Tameshi" said again (English word order
    # tells X University from University of X): the bracket stays in the key
    assert ref_at(resolution, LIST.file, 11) != ref_at(resolution, LIST.file, 12)
