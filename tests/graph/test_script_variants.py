"""The script-variant fold for identity keys (kyotei.graph.identity.variants)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyotei.graph.identity import variants as script_variants
from kyotei.graph.identity.names import NameRules, parse_ja
from kyotei.graph.identity.variants import fold_characters, fold_table, word_variants


def test_doctests() -> None:
    failures, tried = doctest.testmod(script_variants)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize(
    ("variant", "canonical"),
    # the rows of the former hand list data/curation/script_variants.csv
    [("學", "学"), ("國", "国"), ("臺", "台"), ("内蒙古", "内モンゴル")],
)
def test_the_former_hand_list_folds_the_same(variant: str, canonical: str) -> None:
    rules = NameRules.standard()
    assert rules.apply(variant) == canonical
    assert parse_ja(f"ナントカ{variant}大学", rules).key == parse_ja(
        f"ナントカ{canonical}大学", rules
    ).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("武漢理工大學", "武汉理工大学"),  # traditional, simplified
        ("武漢理工大學", "武漢理工大学"),  # traditional, shinjitai
        ("國立臺灣大學", "国立台湾大学"),
        ("大连理工大学", "大連理工大学"),
        ("東北大學", "东北大学"),
        ("廣島大學", "広島大学"),
        ("早稻田大學", "早稲田大学"),
        ("藝術大學", "芸術大学"),
        ("东京大学", "東京大学"),
    ],
)
def test_one_institution_in_three_scripts_has_one_key(a: str, b: str) -> None:
    rules = NameRules.standard()
    assert parse_ja(a, rules).key == parse_ja(b, rules).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different institutions: the names differ by a real kanji, not a variant
        ("大阪大学", "大坂大学"),
        ("東北大学", "東海大学"),
        ("京都大学", "東京大学"),
        ("中央大学", "中部大学"),
        ("千葉大学", "千歳大学"),
        # Japanese kanji that Chinese simplification would merge stay apart
        ("髪型大学", "発電大学"),  # 髪 and 発 are both 发 in simplified Chinese
        ("乾燥研究所", "幹線研究所"),  # 乾 and 幹 are both 干
        ("葉山大学", "叶山大学"),  # 叶 (Japanese: to grant) is also simplified 葉
        ("濾過研究所", "滬過研究所"),  # OpenCC's extended shinjitai 沪 is Chinese 'Shanghai'
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    rules = NameRules.standard()
    assert parse_ja(a, rules).key != parse_ja(b, rules).key


def test_ambiguous_simplified_characters_are_kept() -> None:
    # 发 is 發 or 髮, 干 is 乾, 幹 or 干: alone, no choice is made
    assert fold_characters("发") == "发"
    assert fold_characters("干") == "干"
    assert fold_characters("ナントカ发大学") == "ナントカ发大学"


@pytest.mark.parametrize(
    ("simplified", "japanese"),
    # in simplified text, OpenCC's phrases decide what a character alone cannot
    [("东北师范大学", "東北師範大学"), ("华东师范大学", "華東師範大学"),
     ("东京艺术大学", "東京芸術大学"), ("沈阳工业大学", "瀋陽工業大学"),
     ("中国人民大学", "中国人民大学")],
)
def test_simplified_names_are_converted_by_phrase(simplified: str, japanese: str) -> None:
    rules = NameRules.standard()
    assert parse_ja(simplified, rules).key == parse_ja(japanese, rules).key


def test_japanese_text_is_never_converted_by_phrase() -> None:
    # 干部 is a Chinese phrase (幹部); in Japanese text 干 stays 干
    assert fold_characters("干部研究所") == "干部研究所"
    assert fold_characters("沈阳") == "瀋陽" and fold_characters("沈没") == "沈没"


def test_japanese_characters_are_folded_only_by_the_japanese_table() -> None:
    shinjitai = script_variants._read_dictionary("JPShinjitaiCharactersRev.txt")
    for char in fold_table():
        try:
            char.encode("shift_jis")
        except UnicodeEncodeError:
            continue
        assert char in shinjitai, char


def test_the_fold_is_complete_and_idempotent() -> None:
    table = fold_table()
    assert len(table) > 3000
    assert all(canon not in table for canon in table.values())
    marks = script_variants.simplified_only()
    assert all(canon not in marks for canon in table.values())


_CJK = sorted({*fold_table(), *fold_table().values(), *script_variants.simplified_only()})


@settings(deadline=None)  # the first call reads OpenCC's dictionaries
@given(st.text(max_size=30) | st.text(st.sampled_from([*_CJK, *"大学工科ナントカー"]), max_size=12))
def test_folding_twice_changes_nothing(text: str) -> None:
    once = fold_characters(text)
    assert fold_characters(once) == once
    assert len(once) == len(text)


def test_overrides_are_documented() -> None:
    rows = word_variants()
    assert [(r.variant, r.canonical) for r in rows] == [("内蒙古", "内モンゴル")]
    assert all(r.source for r in rows)


def test_bare_rules_fold_nothing() -> None:
    assert NameRules().apply("武汉理工大學") == "武汉理工大學"


def test_a_name_parsed_again_under_other_rules_gets_those_rules_key() -> None:
    """parse_ja keeps its answers for the rules last asked with: asking with other rules
    (and back) gives each rules' own key, never the other's kept one."""
    plain, standard = NameRules(), NameRules.standard()
    name = "武汉理工大学"
    first = parse_ja(name, plain).key
    folded = parse_ja(name, standard).key
    assert first != folded
    assert folded == parse_ja("武漢理工大學", standard).key
    assert parse_ja(name, plain).key == first
    assert parse_ja(name, NameRules.standard()).key == folded  # equal rules, another object
