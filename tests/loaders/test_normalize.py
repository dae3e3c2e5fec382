"""normalize_label and ocr_repairs: typographic folding and the one OCR repair (エ → 工)."""

from __future__ import annotations

import doctest

import pytest

from kyotei.loaders import normalize
from kyotei.loaders.normalize import normalize_label, ocr_repairs


def test_doctests() -> None:
    failures, tried = doctest.testmod(normalize)
    assert tried > 0
    assert failures == 0


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # エ read as 工 before the kanji of a Sino-Japanese compound (000_… lines 9, 16, 130)
        ("インドエ科大学ハイデラバード校", "インド工科大学ハイデラバード校"),
        ("バンドンエ科大学 産業技術学部", "バンドン工科大学 産業技術学部"),
        ("コシツェエ科大学 土木工学部", "コシツェ工科大学 土木工学部"),
        ("ナントカエ学部", "ナントカ工学部"),
        ("ナントカエ業大学", "ナントカ工業大学"),
        ("化学エ程学院", "化学工程学院"),
        # エ inside or at the end of a katakana word stays (followed by kana or a noun)
        ("ナノ・エネルギーセンター", "ナノ・エネルギーセンター"),
        ("カールスルーエ工科大学", "カールスルーエ工科大学"),
        ("カールスルーエ大学流体力学研究所", "カールスルーエ大学流体力学研究所"),  # 001_… l.492
        ("カールスルーエ研究所", "カールスルーエ研究所"),
        ("国立モンペリエ高等建築大", "国立モンペリエ高等建築大"),
        # half-width katakana is folded first, then read
        ("ﾅﾝﾄｶｴ科大学", "ナントカ工科大学"),
        # middle dots
        ("生物化学·医学科学院", "生物化学・医学科学院"),
        ("化学•材料科学学院", "化学・材料科学学院"),
        ("ナン･トカ", "ナン・トカ"),
        # whitespace, spaces next to ・ and inside brackets, full-width brackets
        ("  ナントカ大学 \t 理学部  ", "ナントカ大学 理学部"),
        ("コンソーシアム ・ナントカ大学", "コンソーシアム・ナントカ大学"),
        ("ナントカ大学（ 瀋陽 ）", "ナントカ大学(瀋陽)"),
        ("東北大学 (瀋陽)", "東北大学 (瀋陽)"),
        ("ＡＢＣ大学　１号", "ABC大学 1号"),
        # quotes and variant kanji are kept
        ("ローマ大学「ラ・サピエンツァ」", "ローマ大学「ラ・サピエンツァ」"),
        ('ロンドン大学 "The School"', 'ロンドン大学 "The School"'),
        ("武漢理工大學", "武漢理工大學"),
        ("", ""),
    ],
)
def test_normalize_label(printed: str, expected: str) -> None:
    assert normalize_label(printed) == expected


def test_normalize_is_idempotent() -> None:
    for text in ("バンドンエ科大学 (生命 ) ·X", "ナノ・エネルギーセンター", "ｴ科 ･ A"):
        once = normalize_label(text)
        assert normalize_label(once) == once


def test_ocr_repairs_names_each_repair_and_its_word() -> None:
    assert ocr_repairs("バンドンエ科大学 エ学部") == [
        "エ read as 工 in 'バンドンエ科大学'",
        "エ read as 工 in 'エ学部'",
    ]


def test_ocr_repairs_ignores_typographic_folding() -> None:
    assert ocr_repairs("化学·材料 （ナノ・エネルギー）") == []
    assert ocr_repairs("カールスルーエ大学") == []


def test_ocr_repairs_agrees_with_normalize_label() -> None:
    text = "ナントカエ科大学 エ業 エネルギー"
    changed = sum(a != b for a, b in zip(text, normalize_label(text), strict=True))
    assert len(ocr_repairs(text)) == changed == 2
