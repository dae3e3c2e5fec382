"""Layout rules for Japanese partner names (kyotei.loaders.names)."""

from __future__ import annotations

import pytest

from kyotei.loaders.names import split_cell, split_institution_unit


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("甲大学 乙大学校", ["甲大学", "乙大学校"]),
        ("甲大学 (旧: 乙大学) 丙大学", ["甲大学 (旧: 乙大学)", "丙大学"]),  # a bracket qualifies
        ("甲研究所 (WINLAB) 乙大学", ["甲研究所 (WINLAB)", "乙大学"]),
        ("甲センター 701 乙学校", ["甲センター 701", "乙学校"]),  # a number closes a name
        ("甲支部 V.N. 乙研究所 丙研究所", ["甲支部 V.N. 乙研究所", "丙研究所"]),  # initials
        ("テキサス A&M 大学科学部", ["テキサス A&M 大学科学部"]),  # not a name alone
        ("VSB - 甲工科大学", ["VSB - 甲工科大学"]),
        ("甲研究所 (工科大学) 電力機械工学部", ["甲研究所 (工科大学) 電力機械工学部"]),  # unit only
        ("甲大学インスティテュート 乙大学教育学部", ["甲大学インスティテュート", "乙大学教育学部"]),
    ],
)
def test_split_cell(cell: str, names: list[str]) -> None:
    assert [token.text for token in split_cell(cell)] == names


@pytest.mark.parametrize(
    ("name", "institution", "unit"),
    [
        ("延世大学校教育科学大学", "延世大学校", "教育科学大学"),
        ("大連理工大化学工学院", "大連理工大", "化学工学院"),  # 大 abbreviates 大学; not 大連
        ("東北大学", "東北大学", None),
        ("インド工科大学ボンベイ校", "インド工科大学ボンベイ校", None),  # a campus is its own
        ("甲工科大学トンブリ校工学部", "甲工科大学トンブリ校", "工学部"),
        ("中国地質大学(武漢)地球科学学院", "中国地質大学(武漢)", "地球科学学院"),
        ("ローマ大学「ラ・サピエンツァ」東洋学部", "ローマ大学「ラ・サピエンツァ」", "東洋学部"),
        ("中国科学院南海海洋研究所", "中国科学院", "南海海洋研究所"),
        ("甲科学アカデミー・物理研究所", "甲科学アカデミー", "物理研究所"),
        ("甲カレッジロンドン(UCL)生命科学部", "甲カレッジロンドン(UCL)", "生命科学部"),
        ("シンガポール生産技術研究所", "シンガポール生産技術研究所", None),
        ("又松(ウソン)大学校保健福祉学部", "又松(ウソン)大学校", "保健福祉学部"),
    ],
)
def test_split_institution_unit(name: str, institution: str, unit: str | None) -> None:
    assert split_institution_unit(name) == (institution, unit)
