"""Joins no key makes: one name in katakana and in Latin letters, in two Latin languages, in
two katakana spellings, with and without 国立 — each only in one country and only when no
other name fits (graph/identity/joins.py, graph/identity/crossname.py)."""

from __future__ import annotations

import pytest
from test_identity_helpers import BILINGUAL, LIST, rec, ref_at, resolve, sound_match

from kyotei.graph.identity.crossname import katakana_name, latin_name, match, skeleton
from kyotei.graph.identity.joins import _match_candidates
from kyotei.graph.identity.names import NameRules, parse_ja

L, B = LIST.file, BILINGUAL.file


_JOIN_RULES = ("name.cross", "name.kana-o", "name.national", "name.country", "candidate.cross")


def _decisions(resolution, kind: str) -> list[tuple[str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return sorted(
        (d.rule, tuple(sorted(d.names)))
        for d in resolution.decisions
        if d.kind == kind and d.rule.startswith(_JOIN_RULES)
    )


def _ja(name: str):  # type: ignore[no-untyped-def]
    return katakana_name(parse_ja(name, NameRules.standard()).key)


# -- the comparison ------------------------------------------------------------------------


def test_skeletons_write_what_transliteration_exchanges_as_one() -> None:
    assert skeleton("nairobi") == "nrb"
    assert skeleton("mongoru") == skeleton("mongolia") == "mnkr"  # r/l, g/k
    assert skeleton("indoneshia") == skeleton("indonesia") == "'ntns"  # sh/s, d/t
    assert skeleton("mekishiko") == skeleton("mexico") == "mksk"  # x = ks
    assert skeleton("myunhen") == skeleton("munchen") == "mnhn"  # ch/h, y a vowel


@pytest.mark.parametrize(
    ("ja", "latin"),
    [
        ("ナイロビ大学", "University of Nairobi"),
        ("モンゴル国立大学", "National University of Mongolia"),
        ("フィリピン大学", "University of the Philippines"),  # one consonant apart, 4+
        ("メキシコ国立自治大学", "Universidad Nacional Autónoma de México"),
        ("ミュンヘン工科大学", "Technical University of Munich"),
        ("バンドン工科大学", "Institut Teknologi Bandung"),  # 工科大学 writes "institute of t."
        ("ミホン大学(セントカメシ)", "Mihon University in St. Kameshi"),  # St. = Saint = セント
    ],
)
def test_a_katakana_name_matches_its_latin_name(ja: str, latin: str) -> None:
    assert sound_match(ja, latin) is True


@pytest.mark.parametrize(
    ("ja", "latin"),
    [
        ("ポートランド州立大学", "University of Portland"),  # state university or not
        ("ミュンヘン工科大学", "University of Munich"),  # technical or not
        ("バンドン大学", "Bandung Institute of Technology"),
        ("ワシントン大学(シアトル)", "University of Washington"),  # a qualifier unmatched
        ("ナイロビ大学", "University of Nairoku"),  # under four consonants: all must agree
        ("ワシントン大学(シアトル)", "Washington University in St. Louis"),  # qualified: exact
    ],
)
def test_generic_words_and_every_sound_must_agree(ja: str, latin: str) -> None:
    assert sound_match(ja, latin) is False


def test_a_kanji_proper_name_cannot_be_compared_by_sound() -> None:
    assert _ja("東北大学(瀋陽)") is None
    assert _ja("ナイロビ大学") is not None


def test_two_latin_names_must_put_the_proper_name_on_the_same_side() -> None:
    chile_en, chile_es = latin_name("University of Chile"), latin_name("Universidad de Chile")
    assert chile_en is not None and chile_es is not None and match(chile_en, chile_es)
    uw, wu = latin_name("University of Washington"), latin_name("Washington University")
    assert uw is not None and wu is not None and not match(uw, wu)
    # "institute of technology" is 工科大学 in Japanese, but two Latin names keep them apart
    it, ut = latin_name("X Institute of Technology"), latin_name("X University of Technology")
    assert it is not None and ut is not None and not match(it, ut)


# -- the joins -----------------------------------------------------------------------------


def test_a_katakana_name_and_an_english_name_in_one_country_are_one_institution() -> None:
    res = resolve([rec(LIST, 10, "ナイロビ大学", country="KE"),
                   rec(BILINGUAL, 7, en="University of Nairobi", country="KE")])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 7)
    assert ref_at(res, L, 10).key == "ja:ナイロビ大学"  # the IRI stays the Japanese name's
    assert _decisions(res, "merge") == [
        ("name.cross-script", ("University of Nairobi", "ナイロビ大学"))
    ]
    [merge] = [d for d in res.decisions if d.rule == "name.cross-script"]
    assert "country KE" in merge.evidence and "university" in merge.evidence


@pytest.mark.parametrize("country", ["TZ", None])
def test_in_another_country_or_without_one_they_stay_apart(country: str | None) -> None:
    res = resolve([rec(LIST, 10, "ナイロビ大学", country="KE"),
                   rec(BILINGUAL, 7, en="University of Nairobi", country=country)])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, B, 7)
    assert _decisions(res, "merge") == []


def test_three_names_of_one_institution_that_all_agree_are_joined() -> None:
    res = resolve([
        rec(LIST, 10, "ミュンヘン工科大学", country="DE"),
        rec(BILINGUAL, 7, en="Technische Universität München", country="DE"),
        rec(BILINGUAL, 8, en="Technical University of Munich", country="DE"),
    ])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 7) == ref_at(res, B, 8)
    assert [rule for rule, _ in _decisions(res, "merge")] == [
        "name.cross-language", "name.cross-script", "name.cross-script",
    ]  # fmt: skip


def test_a_name_two_institutions_fit_is_a_candidate_not_a_merge() -> None:
    res = resolve([
        rec(LIST, 10, "マイアミ大学", country="US"),
        rec(BILINGUAL, 7, en="Miami University", country="US"),
        rec(BILINGUAL, 8, en="University of Miami", country="US"),
    ])  # fmt: skip
    assert len({ref_at(res, L, 10), ref_at(res, B, 7), ref_at(res, B, 8)}) == 3
    assert _decisions(res, "merge") == []
    assert _decisions(res, "candidate") == [
        ("candidate.cross-name", ("Miami University", "マイアミ大学")),
        ("candidate.cross-name", ("University of Miami", "マイアミ大学")),
    ]


def test_namesakes_with_their_own_names_stay_apart() -> None:
    res = resolve([
        rec(BILINGUAL, 5, "ワシントン大学(シアトル)", en="University of Washington", country="US"),
        rec(BILINGUAL, 6, "ワシントン大学(セントルイス)", en="Washington University in St. Louis",
            country="US"),
        rec(LIST, 10, "ワシントン大学(シアトル)", country="US"),
        rec(BILINGUAL, 7, en="Washington University in St. Louis", country="US"),
        rec(LIST, 11, "ノースイースタン大学", country="US"),
        rec(BILINGUAL, 8, "東北大学(瀋陽)", en="Northeastern University (Shenyang)", country="CN"),
        rec(BILINGUAL, 9, en="Northeastern University", country="US"),
    ])  # fmt: skip
    assert ref_at(res, B, 5) == ref_at(res, L, 10)
    assert ref_at(res, B, 6) == ref_at(res, B, 7)
    assert ref_at(res, B, 5) != ref_at(res, B, 6)
    assert ref_at(res, B, 8) not in {ref_at(res, B, 9), ref_at(res, L, 11)}
    assert _decisions(res, "merge") == []


def test_two_universities_of_one_city_stay_apart() -> None:
    res = resolve([rec(LIST, 10, "ミュンヘン大学", country="DE"),
                   rec(BILINGUAL, 7, en="Technical University of Munich", country="DE"),
                   rec(LIST, 11, "ポートランド州立大学", country="US"),
                   rec(BILINGUAL, 8, en="University of Portland", country="US")])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, B, 7)
    assert ref_at(res, L, 11) != ref_at(res, B, 8)


def test_two_latin_languages_join_in_one_country() -> None:
    res = resolve([
        rec(BILINGUAL, 5, "サンパウロ大学", en="Universidade de São Paulo", country="BR"),
        rec(BILINGUAL, 6, en="University of São Paulo", country="BR"),
    ])  # fmt: skip
    assert ref_at(res, B, 5) == ref_at(res, B, 6)


# -- spellings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "merge"),
    [
        # the v row and the b row
        ((("ルーヴェン・カトリック大学", "BE"), ("ルーベン・カトリック大学", "BE"),
          ("ヴィクトリア大学", "NZ"), ("ビクトリア大学", "CA")),
         ("name.kana-orthography", ("ルーベン・カトリック大学", "ルーヴェン・カトリック大学"))),
        # 国立 printed or omitted
        ((("国立台湾大学", "TW"), ("台湾大学", "TW"), ("国立清華大学", "TW"), ("清華大学", "CN")),
         ("name.national-omitted", ("台湾大学", "国立台湾大学"))),
    ],
    ids=["v-or-b", "national-omitted"],
)  # fmt: skip
def test_two_spellings_are_one_name_in_one_country_only(
    rows: tuple[tuple[str, str], ...], merge: tuple[str, tuple[str, str]]
) -> None:
    """Rows 10 and 11 (one country) are one institution; rows 12 and 13 (two) are not."""
    res = resolve([rec(LIST, 10 + i, name, country=code) for i, (name, code) in enumerate(rows)])
    assert ref_at(res, L, 10) == ref_at(res, L, 11)
    assert ref_at(res, L, 12) != ref_at(res, L, 13)
    assert _decisions(res, "merge") == [merge]


def test_a_qualifier_naming_the_own_country_is_dropped_a_city_is_a_candidate() -> None:
    res = resolve([rec(LIST, 10, "ナントカ大学(中国)", country="CN"),
                   rec(LIST, 11, "ナントカ大学", country="CN"),
                   rec(LIST, 12, "ナントカ大学(瀋陽)", country="CN"),
                   rec(LIST, 13, "ナントカ大学(中国)", country="TW"),
                   rec(BILINGUAL, 7, en="Nantoka University", country="CN"),
                   rec(BILINGUAL, 8, en="Nantoka University (Shenyang)",
                       country="CN")])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, L, 11)
    assert ref_at(res, L, 12) != ref_at(res, L, 11)
    assert ref_at(res, L, 13) not in {ref_at(res, L, 10), ref_at(res, L, 12)}  # 中国 is not TW
    assert ref_at(res, B, 7) == ref_at(res, L, 11) != ref_at(res, B, 8)
    assert _decisions(res, "merge") == [
        ("name.country-qualifier", ("ナントカ大学", "ナントカ大学(中国)")),
        ("name.cross-script", ("Nantoka University", "ナントカ大学")),  # once 中国 is dropped
    ]
    qualifier = sorted(
        tuple(sorted(d.names))
        for d in res.decisions
        if d.kind == "candidate" and d.rule == "candidate.qualifier-dropped"
    )
    assert ("ナントカ大学(中国)", "ナントカ大学(瀋陽)") in qualifier
    assert ("Nantoka University", "Nantoka University (Shenyang)") in qualifier


def test_a_namesake_printed_in_one_script_each_stays_apart() -> None:
    res = resolve([
        rec(LIST, 10, "ワシントン大学(シアトル)", country="US"),
        rec(BILINGUAL, 7, en="Washington University in St. Louis", country="US"),
    ])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, B, 7)


@pytest.mark.parametrize(
    ("ja", "latin"),
    [("ダッカ大学", "University of Dhaka"),  # ッ romanised as a doubled consonant, not ツ
     ("ジェノア大学", "University of Genoa"),  # a soft g is ジ
     ("リエージュ大学", "University of Liège")],
)  # fmt: skip
def test_small_kana_and_soft_consonants_romanise_as_read(ja: str, latin: str) -> None:
    assert sound_match(ja, latin, stage=1) is True


def test_namesakes_of_two_countries_each_take_their_own_english_name() -> None:
    res = resolve([rec(LIST, 10, "ニューカッスル大学", country="GB"),
                   rec(LIST, 11, "ニューカッスル大学", country="AU"),
                   rec(BILINGUAL, 7, en="Newcastle University", country="GB"),
                   rec(BILINGUAL, 8, en="The University of Newcastle", country="AU")])  # fmt: skip
    assert ref_at(res, L, 10) == ref_at(res, B, 7)
    assert ref_at(res, L, 11) == ref_at(res, B, 8)
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
    assert (ref_at(res, L, 10).country, ref_at(res, L, 11).country) == ("GB", "AU")


def test_a_name_that_is_only_generic_words_joins_nothing() -> None:
    res = resolve([rec(LIST, 10, "国立大学", country="TW"),
                   rec(LIST, 11, "大学", country="TW")])  # fmt: skip
    assert ref_at(res, L, 10) != ref_at(res, L, 11)


def test_the_pairs_compared_are_every_pair_that_can_match() -> None:
    """cross joins compare only candidate pairs (one generic block, a shared first letter,
    word or place): every pair match accepts is among them, in the order of all pairs."""
    import itertools

    from kyotei.graph.identity.joins import _match_candidates

    japanese = ["リスボン大学", "ウィーン大学", "ボアジチ大学", "ナントカ工科大学", "上海大学",
                "ブザンソン大学", "ミュンヘン工科大学", "シドニー大学", "ボローニャ大学"]
    latin = ["University of Lisbon", "Universidade de Lisboa", "Universität Wien",
             "Boğaziçi University", "Technical University of Nantoka", "University of Vienna",
             "Université de Besançon", "Technische Universität München", "Shanghai University",
             "University of Sydney", "Sydney University", "Università di Bologna",
             "University of Bologna", "Bogazici University"]
    forms = [f for f in (*map(_ja, japanese), *map(latin_name, latin)) if f is not None]
    every = [(i, j) for i, j in itertools.combinations(range(len(forms)), 2)
             if match(forms[i], forms[j])]
    candidates = _match_candidates(forms)
    assert len(every) >= 8 and set(every) <= set(candidates)
    assert candidates == sorted(candidates) and len(candidates) < len(forms) ** 2 // 4


def test_near_spellings_of_many_invented_names_are_all_compared() -> None:
    """Hundreds of invented names (katakana and Latin, most one letter from another): every
    pair match accepts is a candidate, while far fewer than all pairs are compared."""
    import itertools
    import random

    rng = random.Random(11)  # noqa: S311 - invented names, not cryptography
    kana, syllables = "カキクケコサシスセソタチツテトナニヌネノマミムメモラリルレロ", (
        "ka", "ki", "ku", "sa", "shi", "su", "ta", "chi", "to", "na", "ni", "ma", "mi", "ra", "ri")
    stems = ["".join(rng.choice(syllables) for _ in range(rng.randint(3, 5))) for _ in range(60)]
    latin = [f"University of {s.capitalize()}" for s in stems]
    for s in stems:  # a letter doubled, dropped or changed
        k = rng.randrange(1, len(s))
        latin += [f"University of {(s[:k] + s[k - 1] + s[k:]).capitalize()}",
                  f"University of {(s[:k] + s[k + 1:]).capitalize()}",
                  f"University of {(s[:k] + rng.choice('kstnmr') + s[k + 1:]).capitalize()}"]
    japanese = ["".join(rng.choice(kana) for _ in range(rng.randint(3, 6))) + "大学"
                for _ in range(120)]
    forms = [f for f in (*map(_ja, japanese), *map(latin_name, latin)) if f is not None]
    every = [(i, j) for i, j in itertools.combinations(range(len(forms)), 2)
             if match(forms[i], forms[j])]
    candidates = _match_candidates(forms)
    assert len(every) >= 60 and set(every) <= set(candidates)
    assert candidates == sorted(candidates) and len(candidates) < len(forms) ** 2 // 40


def test_a_founders_name_hyphen_joined_before_the_generic_word_is_an_honorific() -> None:
    # German names a university with and without its founders: Hans-Muster-Universität X
    assert match(latin_name("Universität Beispielstadt"),  # type: ignore[arg-type]
                 latin_name("Hans-Muster-Universität Beispielstadt")) is True
    assert match(latin_name("Technische Universität Beispielstadt"),  # type: ignore[arg-type]
                 latin_name("Hans-Muster-Universität Beispielstadt")) is False
    assert match(latin_name("Universität Anderstadt"),  # type: ignore[arg-type]
                 latin_name("Hans-Muster-Universität Beispielstadt")) is False
    res = resolve([
        rec(BILINGUAL, 5, en="Universität Beispielstadt", country="DE"),
        rec(BILINGUAL, 6, en="Hans-Muster-Universität Beispielstadt", country="DE"),
        rec(BILINGUAL, 7, en="Technische Universität Beispielstadt", country="DE"),
    ])  # fmt: skip
    assert ref_at(res, B, 5) == ref_at(res, B, 6) != ref_at(res, B, 7)
