"""Identity resolution: the cases of issue 3, in both directions, as tests of general rules."""

from __future__ import annotations

import re

from test_identity_helpers import (
    BILINGUAL,
    LIST,
    london_colleges,
    rec,
    record_at,
    ref_at,
    resolve,
)

from kyotei.graph.identity.names import NameRules, parse_ja
from kyotei.graph.model.records import Basis

L, B = LIST.file, BILINGUAL.file


def _merge_rules(resolution, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.rule for d in resolution.decisions if d.kind == "merge" and name in d.names}


# -- the same institution ----------------------------------------------------------------


def test_chulalongkorn_spellings_and_an_english_only_mention_are_one_institution() -> None:
    records = [
        rec(LIST, 10, "チュラロンコン大学", country="TH"),
        rec(LIST, 200, "チュラロンコーン大学", unit="教育学部", country="TH"),
        rec(
            BILINGUAL,
            5,
            "チュラロンコン大学",
            en="Chulalongkorn University",
            unit="理学部",
            unit_en="Faculty of Science",
            country="TH",
        ),
        rec(
            BILINGUAL,
            7,
            en="Chulalongkorn University",
            unit_en="Faculty of Engineering",
            country="TH",
        ),
    ]
    res = resolve(records)
    refs = {ref_at(res, L, 10), ref_at(res, L, 200), ref_at(res, B, 5), ref_at(res, B, 7)}
    assert len(refs) == 1
    assert "name.kana-variant" in _merge_rules(res, "チュラロンコーン大学")


def test_an_english_only_mention_without_a_country_needs_a_printed_pair_to_match() -> None:
    # with a country on both sides the two join by sound (tests/graph/test_identity_joins.py);
    # without one, nothing says they are in one place
    records = [
        rec(LIST, 10, "チュラロンコン大学", country="TH"),
        rec(BILINGUAL, 7, en="Chulalongkorn University", unit_en="Faculty of Engineering"),
    ]
    res = resolve(records)
    assert ref_at(res, L, 10) != ref_at(res, B, 7)


def test_katakana_e_read_as_kou_joins_bandung() -> None:
    res = resolve(
        [
            rec(LIST, 10, "バンドン工科大学", country="ID"),
            rec(LIST, 200, "バンドンエ科大学", country="ID"),
        ]
    )
    assert ref_at(res, L, 10) == ref_at(res, L, 200)
    assert _merge_rules(res, "バンドンエ科大学") == {"name.ocr"}


def test_inner_mongolia_in_kanji_and_katakana_by_the_documented_table() -> None:
    records = [
        rec(
            BILINGUAL,
            5,
            "内モンゴル師範大学",
            en="Inner Mongolia Normal University",
            unit="化学・環境科学学院",
            country="CN",
        ),
        rec(LIST, 200, "内蒙古師範大学", unit="蒙古学学院", country="CN"),
    ]
    res = resolve(records)
    assert ref_at(res, B, 5) == ref_at(res, L, 200)
    assert _merge_rules(res, "内蒙古師範大学") == {"name.script-variant"}
    # the equivalence is data (graph/script_variants.toml), not code
    bare = resolve(records, name_rules=NameRules())
    assert ref_at(bare, B, 5) != ref_at(bare, L, 200)


def test_dalian_full_abbreviated_and_traditional_forms() -> None:
    records = [
        rec(LIST, 10, "大連理工大学", country="CN"),
        rec(LIST, 200, "大連理工大", unit="化学工学院", country="CN"),
        rec(LIST, 201, "大連理工大學", unit="材料科学・工程学院", country="CN"),
    ]
    res = resolve(records)
    assert len({ref_at(res, L, n) for n in (10, 200, 201)}) == 1
    assert _merge_rules(res, "大連理工大") == {"name.abbreviation"}
    assert _merge_rules(res, "大連理工大學") == {"name.script-variant"}


def test_seoul_abbreviation() -> None:
    res = resolve(
        [
            rec(LIST, 10, "ソウル大学校", country="KR"),
            rec(LIST, 200, "ソウル大", unit="工科大学", country="KR"),
        ]
    )
    assert ref_at(res, L, 10) == ref_at(res, L, 200)


# -- different institutions --------------------------------------------------------------


def test_northeastern_university_is_not_the_home_tohoku_university() -> None:
    records = [
        rec(LIST, 10, "東北大学 (瀋陽)", country="CN"),
        rec(
            BILINGUAL,
            5,
            "東北大学",
            en="Northeastern University",
            unit="材料科学与工程学院",
            country="CN",
        ),
    ]
    res = resolve(records)
    home = res.homes[L]
    assert home.country == "JP"
    assert ref_at(res, L, 10) != home and ref_at(res, B, 5) != home
    assert ref_at(res, B, 5).country == "CN"
    kept = [c for c in res.conflicts if c.status == "kept-apart"]
    assert kept and set(kept[0].values) == {"CN", "JP"}
    # the qualifier (瀋陽) is kept: a candidate for curation, not a merge
    assert ref_at(res, L, 10) != ref_at(res, B, 5)
    assert any(d.rule == "candidate.qualifier-dropped" for d in res.decisions)


def test_london_colleges_with_quoted_english_qualifiers_stay_two() -> None:
    res = resolve(london_colleges())
    assert ref_at(res, L, 33) != ref_at(res, L, 34)


def test_an_english_name_in_a_bilingual_row_is_a_translation_not_a_qualifier() -> None:
    records = [
        rec(BILINGUAL, 5, "ロンドン大学", en="University of London", country="GB"),
        rec(LIST, 10, "ロンドン大学", country="GB"),
    ]
    res = resolve(records)
    assert ref_at(res, B, 5) == ref_at(res, L, 10)


def test_campuses_and_different_names_stay_apart() -> None:
    pairs = [
        ("キングモンクット工科大学 ラカバン校", "キングモンクット工科大学トンブリ校", "TH"),
        ("ミラノ大学", "ミラノ工科大学", "IT"),
        ("インド工科大学ボンベイ校", "インド工科大学ハイデラバード校", "IN"),
        ("カリフォルニア大学", "カリフォルニア大学バークレー校", "US"),
    ]
    for a, b, cc in pairs:
        res = resolve([rec(LIST, 10, a, country=cc), rec(LIST, 11, b, country=cc)])
        assert ref_at(res, L, 10) != ref_at(res, L, 11), (a, b)


# -- faculty split at identity level -----------------------------------------------------


def test_a_known_institution_followed_by_a_unit_is_split() -> None:
    res = resolve(
        [
            rec(LIST, 10, "ベルギー原子力研究センター", country="BE"),
            rec(LIST, 200, "ベルギー原子力研究センター材料研究部", country="BE"),
        ]
    )
    assert ref_at(res, L, 10) == ref_at(res, L, 200)
    split = record_at(res, L, 200)
    assert split.partner.unit_ja == "材料研究部"
    assert any(rep.rule == "identity.known-institution-prefix" for rep in split.repairs)


# -- country: part of identity -----------------------------------------------------------


def test_a_damaged_table_country_loses_to_the_clean_list() -> None:
    res = resolve(
        [
            rec(LIST, 10, "オウル大学", country="FI"),
            rec(LIST, 200, "オウル大学", unit="歯学部", country="SE"),
            rec(LIST, 201, "ウーメオ大学", unit="歯学部", country="GB", basis=Basis.CARRIED),
        ]
    )
    assert ref_at(res, L, 200) == ref_at(res, L, 10)
    moved = record_at(res, L, 200)
    assert (moved.country, moved.country_basis) == ("FI", Basis.RESOLVED)
    (conflict,) = [c for c in res.conflicts if c.subject.startswith("オウル")]
    assert (conflict.status, conflict.rule) == ("settled", "country.clean-section-wins")
    assert {(p.document, p.line) for p in conflict.places} == {(L, 10), (L, 200)}


def test_a_record_without_country_joins_the_one_institution_of_its_name() -> None:
    res = resolve(
        [
            rec(LIST, 10, "スラナリー工科大学", country="TH"),
            rec(LIST, 200, "スラナリー工科大学", unit="大学院加速物理学研究科"),
        ]
    )
    assert ref_at(res, L, 200) == ref_at(res, L, 10)
    joined = record_at(res, L, 200)
    assert (joined.country, joined.country_basis) == ("TH", Basis.RESOLVED)


def test_two_clean_countries_never_merge() -> None:
    res = resolve(
        [
            rec(LIST, 10, "ヨーク大学", country="GB"),
            rec(LIST, 11, "ヨーク大学", country="CA"),
        ]
    )
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
    assert [c.status for c in res.conflicts] == ["kept-apart"]


def test_damaged_evidence_alone_is_left_for_curation() -> None:
    res = resolve(
        [
            rec(LIST, 200, "中央研究院", unit="地球科学研究所", country="CN"),
            rec(LIST, 201, "中央研究院", unit="物理研究所", country="TW"),
            rec(LIST, 202, "中央研究院", unit="歴史語言研究所", country="TW", basis=Basis.CARRIED),
        ]
    )
    assert ref_at(res, L, 200) != ref_at(res, L, 201)
    (conflict,) = res.conflicts
    assert (conflict.status, set(conflict.values)) == ("open", {"CN", "TW"})


def test_a_row_whose_country_cell_is_contradicted_is_drifted() -> None:
    res = resolve(
        [
            rec(LIST, 10, "清華大学", country="CN"),
            rec(LIST, 200, "中国科学院", unit="化学研究所", country="CN"),
            rec(LIST, 300, "清華大学", unit="水利水電工程系", country="KR"),
            rec(LIST, 300, "中国科学院", unit="物理研究所", country="KR"),
            rec(LIST, 301, "釜山大学校", unit="生産技術研究所", country="KR", basis=Basis.CARRIED),
        ]
    )
    drifted = [r for r in res.records if r.source.line == 300]
    assert {r.country for r in drifted} == {"CN"}
    assert {r.country_basis for r in drifted} == {Basis.RESOLVED}


# -- dates, candidates, IRIs -------------------------------------------------------------


def test_one_agreement_with_two_dates_is_reported() -> None:
    import datetime as dt

    res = resolve(
        [
            rec(LIST, 10, "ハーバード大学", country="US", signed=dt.date(2010, 7, 22)),
            rec(LIST, 11, "ハーバード大学", country="US", signed=dt.date(2010, 7, 2)),
        ]
    )
    (conflict,) = [c for c in res.conflicts if c.kind == "agreement.two-dates"]
    assert conflict.status == "open"
    assert set(conflict.values) == {"2010-07-22", "2010-07-02"}


def test_near_duplicates_in_katakana_are_candidates_not_merges() -> None:
    res = resolve(
        [
            rec(LIST, 10, "コーケン大学", country="TH"),
            rec(LIST, 11, "コーンケーン大学", country="TH"),
            rec(LIST, 12, "国立中山大学", country="TW"),
            rec(LIST, 13, "国立中正大学", country="TW"),
        ]
    )
    assert ref_at(res, L, 10) != ref_at(res, L, 11)
    found = [d for d in res.decisions if d.kind == "candidate"]
    assert [d.rule for d in found] == ["candidate.near-duplicate"]
    assert set(found[0].names) == {"コーケン大学", "コーンケーン大学"}


def test_canonical_key_does_not_change_with_a_new_spelling() -> None:
    one = resolve([rec(LIST, 10, "チュラロンコン大学", country="TH")])
    two = resolve(
        [
            rec(LIST, 10, "チュラロンコン大学", country="TH"),
            rec(LIST, 200, "チュラロンコーン大学", country="TH"),
        ]
    )
    assert ref_at(one, L, 10) == ref_at(two, L, 10) == ref_at(two, L, 200)


def test_keys_fold_layout_but_keep_qualifiers() -> None:
    r = NameRules()
    assert parse_ja("中国地質大学 (武漢)", r).key == parse_ja("中国地質大学(武漢)", r).key
    assert parse_ja("中国地質大学(武漢)", r).key != parse_ja("中国地質大学", r).key
    former = parse_ja("武漢理工大学(旧:武漢工業大学新材料研究所)", r)
    assert former.former == ("武漢工業大学新材料研究所",)
    assert former.key == parse_ja("武漢理工大学", r).key
    assert re.fullmatch(r"[^\s・]+", former.key)
