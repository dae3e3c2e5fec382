"""Country and region vocabulary (kyotei.graph.model.countries, kyotei.graph.model.regions)."""

from __future__ import annotations

import doctest
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from kyotei.graph.model import countries, regions
from kyotei.graph.model.countries import (
    country_labels,
    document_languages,
    lookup_country,
    resolve_country,
    split_countries,
)
from kyotei.graph.model.regions import REGION_KEYS, lookup_region, region_labels

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


@pytest.mark.parametrize("module", [countries, regions])
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # pycountry names (English name, common_name, official_name; Japanese catalogue)
        ("India", "IN"), ("Viet Nam", "VN"), ("Vietnam", "VN"), ("South Korea", "KR"),
        ("Federal Republic of Germany", "DE"), ("インド", "IN"), ("オランダ", "NL"),
        ("大韓民国", "KR"), ("韓国", "KR"), ("大韓民国 (韓国)", "KR"), ("英国", "GB"),
        ("中国", "CN"), ("南アフリカ", "ZA"), ("チェコ", "CZ"), ("香港", "HK"),
        # curated aliases
        ("アメリカ", "US"), ("米国", "US"), ("USA", "US"), ("イギリス", "GB"),
        ("台湾", "TW"), ("Republic of China", "TW"), ("Netherland", "NL"),
        ("ロシア", "RU"), ("ギリシア", "GR"), ("キルギス", "KG"), ("オーストラリア", "AU"),
        # keys: NFKC, case, spaces (the stray space of 000_… line 81)
        ("ブルネイ・ダルサ ラーム国", "BN"), ("ブルネイ・ダルサラーム国", "BN"),
        ("ｕｓａ", "US"), ("  netherland ", "NL"), ("ブルネイ·ダルサラーム国", "BN"),
    ],
)
def test_lookup_country(text: str, code: str) -> None:
    assert lookup_country(text) == code


@pytest.mark.parametrize(
    "text", ["", "  ", "アジア", "ナントカ大学", "仏領", "Asia", "カナダ アメリカ", "Korea"]
)
def test_lookup_country_rejects_what_is_not_one_country(text: str) -> None:
    assert lookup_country(text) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("カナダ アメリカ", ("CA", "US")),
        ("韓国", ("KR",)),
        ("ブルネイ・ダルサ ラーム国", ("BN",)),  # one name with a stray space
        ("Republic of China", ("TW",)),  # one name of three words
        ("台湾 Republic of China", ("TW", "TW")),
        ("カナダ ナントカ大学", None),
        ("アジア", None),
        ("", None),
    ],
)
def test_split_countries(cell: str, expected: tuple[str, ...] | None) -> None:
    assert split_countries(cell) == expected


@pytest.mark.parametrize(
    ("code", "ja", "en"),
    [
        ("KR", "韓国", "South Korea"),
        ("TW", "台湾", "Taiwan"),
        ("US", "米国", "United States"),
        ("RU", "ロシア", "Russian Federation"),
        ("AU", "オーストラリア", "Australia"),
        ("NL", "オランダ", "Netherlands"),
        ("GB", "英国", "United Kingdom"),
        ("vn", "ベトナム", "Vietnam"),
    ],
)
def test_country_labels(code: str, ja: str, en: str) -> None:
    assert country_labels(code) == (ja, en)


def test_country_labels_unknown_code() -> None:
    with pytest.raises(KeyError):
        country_labels("XX")


def test_every_japanese_label_names_its_own_country() -> None:
    for code in ("KR", "TW", "US", "RU", "AU", "MN", "IR", "VE", "KG", "FR", "CN"):
        ja, en = country_labels(code)
        assert lookup_country(ja) == code
        assert lookup_country(en) == code


_PRINTED = re.compile(r"printed in (?P<file>\S+\.txt) line (?P<line>\d+)")


def test_alias_table_is_documented_and_attested() -> None:
    raw = resources.files("kyotei.graph.model").joinpath("country_aliases.toml").read_text("utf-8")
    assert raw.startswith("# Country aliases")
    aliases = tomllib.loads(raw)["alias"]
    assert aliases
    checked = 0
    for alias in aliases:
        assert alias["source"].strip()
        with document_languages([alias["lang"]]):  # ja/en, or a document of that language
            assert lookup_country(alias["text"]) == alias["code"]
        match = _PRINTED.search(alias["source"])
        if match:
            lines = (SOURCES / match["file"]).read_text("utf-8").split("\n")
            assert alias["text"] in lines[int(match["line"]) - 1], alias
            checked += 1
    assert checked >= 10


def test_country_names_printed_in_the_sources_resolve() -> None:
    bilingual = (SOURCES / "000_1653739df7b8e744.txt").read_text("utf-8").split("\n")
    ambiguous = []
    for line in bilingual:
        cells = line.split("\t")
        if len(cells) == 4 and cells[2] and "Countries" not in cells[2]:
            if resolve_country(cells[2]).status == "ambiguous":
                ambiguous.append(cells[2])
            else:
                assert split_countries(cells[2]), cells[2]
    # the English "Korea" (North or South) is printed beside 韓国, which resolves
    assert ambiguous == ["Korea"] * 3


def test_regions() -> None:
    assert REGION_KEYS == (
        "asia", "europe", "north-america", "latin-america", "middle-east", "oceania", "africa"
    )
    assert region_labels("middle-east") == ("中近東", "Middle East")
    assert region_labels("north-america") == ("北米", "North America")
    for key in REGION_KEYS:
        ja, en = region_labels(key)
        assert lookup_region(ja) == key
        assert lookup_region(en) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("中東", "middle-east"), ("南米", "latin-america"), ("South America", "latin-america"),
     ("欧州", "europe"), ("ヨーロッパ", "europe"), ("north  america", "north-america"),
     ("オセアニア", "oceania"), ("Africa", "africa")],
)
def test_region_variants(text: str, key: str) -> None:
    assert lookup_region(text) == key


def test_unknown_region() -> None:
    assert lookup_region("インド") is None
    with pytest.raises(KeyError):
        region_labels("antarctica")
