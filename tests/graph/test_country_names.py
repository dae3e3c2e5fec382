"""Every ISO 3166-1 country in Japanese and English (kyotei.graph.model: countries,
country_names)."""

from __future__ import annotations

import pycountry
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from kyotei.graph.model.countries import (
    country_key,
    document_languages,
    lookup_country,
    resolve_country,
    split_countries,
)
from kyotei.graph.model.country_names import load_aliases, load_ambiguities

ISO_CODES = sorted(c.alpha_2 for c in pycountry.countries)


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_every_iso_code_resolves_from_its_cldr_name(locale: str) -> None:
    territories = Locale(locale).territories
    wrong = {
        code: (territories[code], lookup_country(territories[code]))
        for code in ISO_CODES
        if code in territories and lookup_country(territories[code]) != code
    }
    assert wrong == {}
    # CLDR names every ISO 3166-1 country (none is left without a name to test)
    assert [code for code in ISO_CODES if code not in territories] == []


def test_every_iso_code_resolves_from_its_pycountry_names() -> None:
    wrong = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and lookup_country(name) != country.alpha_2:
                wrong[name] = (country.alpha_2, resolve_country(name).reason)
    # bare "Congo" is pycountry's name of CG and part of CLDR's names of both Congos
    assert wrong == {"Congo": ("CG", "'Congo' may name CD or CG: ambiguous, not read")}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # official long forms (iso-codes' Japanese catalogue of the official names)
        ("中華人民共和国", "CN"), ("アメリカ合衆国", "US"), ("ドイツ連邦共和国", "DE"),
        ("タイ王国", "TH"), ("大韓民国", "KR"), ("ロシア連邦", "RU"),
        ("グレートブリテン及び北アイルランド連合王国", "GB"), ("ベトナム社会主義共和国", "VN"),
        ("フランス共和国", "FR"), ("スイス連邦", "CH"), ("オランダ王国", "NL"),
        ("United States of America", "US"), ("People's Republic of China", "CN"),
        ("Kingdom of Thailand", "TH"), ("Republic of Korea", "KR"),
        # abbreviations, with and without full stops, any case
        ("UK", "GB"), ("U.K.", "GB"), ("U.S.A.", "US"), ("USA", "US"), ("US", "US"),
        ("U. S.", "US"), ("ROK", "KR"), ("PRC", "CN"), ("ROC", "TW"), ("uae", "AE"),
        ("米国", "US"), ("英国", "GB"), ("独", "DE"), ("仏", "FR"),
        ("中国", "CN"), ("韓国", "KR"), ("台湾", "TW"), ("香港", "HK"), ("中華民国", "TW"),
        # variants
        ("Hong Kong", "HK"), ("Hong Kong SAR", "HK"), ("Hong Kong SAR China", "HK"),
        ("中華人民共和国香港特別行政区", "HK"), ("Macau", "MO"), ("Macao", "MO"),
        ("マカオ", "MO"), ("Korea (South)", "KR"), ("Korea, South", "KR"),
        ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("North Korea", "KP"),
        ("Korea (North)", "KP"), ("北朝鮮", "KP"), ("朝鮮民主主義人民共和国", "KP"),
        ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Czechia", "CZ"), ("Czech Republic", "CZ"),
        ("Türkiye", "TR"), ("Turkey", "TR"), ("Turkiye", "TR"), ("トルコ", "TR"),
        ("Ivory Coast", "CI"), ("Côte d’Ivoire", "CI"), ("Côte d'Ivoire", "CI"),
        ("Burma", "MM"), ("ビルマ", "MM"), ("Myanmar", "MM"),
        ("コンゴ民主共和国", "CD"), ("コンゴ共和国", "CG"), ("Congo - Kinshasa", "CD"),
        ("Guinea", "GN"), ("Guinea-Bissau", "GW"), ("Equatorial Guinea", "GQ"),
        # case and width
        ("CHINA", "CN"), ("ｃｈｉｎａ", "CN"), ("JAPAN", "JP"), ("united kingdom", "GB"),
    ],
)
def test_long_forms_abbreviations_and_variants(text: str, code: str) -> None:
    assert lookup_country(text) == code
    assert resolve_country(text).status == "known"


@pytest.mark.parametrize(
    ("text", "candidates"),
    [("Korea", ("KP", "KR")), ("KOREA", ("KP", "KR")), ("Congo", ("CD", "CG")),
     ("コンゴ", ("CD", "CG")), ("朝鮮", ("KP", "KR"))],
)
def test_ambiguous_names_are_never_guessed(text: str, candidates: tuple[str, ...]) -> None:
    assert lookup_country(text) is None
    match = resolve_country(text)
    assert (match.status, match.code, match.candidates) == ("ambiguous", None, candidates)
    assert match.reason == f"{text!r} may name {' or '.join(candidates)}: ambiguous, not read"
    assert split_countries(text) is None


@pytest.mark.parametrize(
    "text",
    # strict: no particle, no partial name, no city, no region
    ["中国の", "アメリカの", "ドイツ連邦", "United", "Republic", "キンシャサ", "Asia",
     "ヨーロッパ", "世界", "EU", "Kosovo", "UN", "大学", "U.S.A.の"],
)
def test_near_misses_are_unknown(text: str) -> None:
    match = resolve_country(text)
    assert (match.status, match.code) == ("unknown", None)


def test_empty() -> None:
    assert resolve_country(" \t").status == "empty"


def test_the_data_file_is_consistent() -> None:
    aliases, ambiguities = load_aliases(), load_ambiguities()
    assert len(aliases) >= 40 and len(ambiguities) >= 3
    for alias in aliases:  # a form of another language than ja/en: in a document of it
        with document_languages([alias.lang]):
            assert lookup_country(alias.text) == alias.code, alias
    for ambiguity in ambiguities:
        assert resolve_country(ambiguity.text).candidates == ambiguity.codes


def test_keys_forgive_only_layout() -> None:
    assert country_key("U. S. A.") == country_key("usa") == "usa"
    assert country_key("Côte d’Ivoire") == country_key("Côte d'Ivoire")
    assert country_key("中国の") != country_key("中国")


@settings(deadline=None)  # the first call builds the index
@given(st.text(max_size=40))
def test_lookup_never_raises_on_junk(text: str) -> None:
    match = resolve_country(text)
    assert match.status in ("known", "ambiguous", "unknown", "empty")
    assert (match.code is not None) == (match.status == "known")
    assert lookup_country(text) == match.code
    split = split_countries(text)
    assert split is None or all(len(code) == 2 for code in split)
