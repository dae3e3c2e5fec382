"""Header words → column roles: exact values."""

from __future__ import annotations

import pytest

from kyotei.loaders.fields._vocab import compact
from kyotei.loaders.fields.headers import Role, column_role, header_words, read_header_row

R = Role

EXACT = [
    ("国・地域", R.COUNTRY), ("国名", R.COUNTRY), ("地域", R.COUNTRY), ("Country", R.COUNTRY),
    ("Country/Region", R.COUNTRY), ("Country / Region", R.COUNTRY), ("国・\n地域", R.COUNTRY),
    ("協定校", R.INSTITUTION), ("協定大学", R.INSTITUTION), ("大学名", R.INSTITUTION),
    ("機関名", R.INSTITUTION), ("相手機関", R.INSTITUTION), ("Partner", R.INSTITUTION),
    ("Institution", R.INSTITUTION), ("UNIVERSITY", R.INSTITUTION),
    ("相手部局", R.PARTNER_UNIT), ("Partner Faculty", R.PARTNER_UNIT),
    ("Partner\u2019s Department", R.PARTNER_UNIT), ("Faculty of partner", R.PARTNER_UNIT),
    ("本学部局", R.HOME_DEPARTMENT), ("本学担当部局", R.HOME_DEPARTMENT),
    ("担当部局", R.HOME_DEPARTMENT), ("締結部局", R.HOME_DEPARTMENT),
    ("Home department", R.HOME_DEPARTMENT), ("Our faculty", R.HOME_DEPARTMENT),
    ("締結日", R.DATE), ("締結年月日", R.DATE), ("締結\n年月日", R.DATE), ("協定締結日", R.DATE),
    ("締結年月", R.DATE), ("Date", R.DATE), ("Date signed", R.DATE), ("Concluded", R.DATE),
    ("授業料不徴収", R.WAIVER), ("授業料免除", R.WAIVER), ("Tuition waiver", R.WAIVER),
    ("協定種別", R.LEVEL), ("区分", R.LEVEL), ("大学間/部局間", R.LEVEL), ("Level", R.LEVEL),
    ("Type", R.LEVEL),
    ("No.", R.NUMBER), ("No", R.NUMBER), ("Ｎｏ．", R.NUMBER), ("番号", R.NUMBER), ("#", R.NUMBER),
    ("通番", R.NUMBER),
    ("英語名", R.ENGLISH_NAME), ("英文名", R.ENGLISH_NAME), ("English name", R.ENGLISH_NAME),
    ("有効期限", R.EXPIRY), ("Expiry date", R.EXPIRY), ("備考", R.NOTES), ("Remarks", R.NOTES),
    ("締結日※", R.DATE), ("国・地域：", R.COUNTRY),
]


@pytest.mark.parametrize(("header", "role"), EXACT)
def test_whole_headers(header: str, role: Role) -> None:
    found = column_role(header)
    assert (found.role, found.confidence) == (role, 1.0)


@pytest.mark.parametrize(
    ("header", "role", "word"),
    [
        ("締結日(調印日)", R.DATE, "締結日"),
        ("Partner University Name", R.INSTITUTION, "partner university"),
        ("協定校名（英語）", R.ENGLISH_NAME, "協定校名"),
        ("Partner University (English)", R.ENGLISH_NAME, "partner university"),
        ("授業料不徴収の有無", R.WAIVER, "授業料不徴収"),
        ("Date of expiry (if any)", R.EXPIRY, "date of expiry"),
    ],
)
def test_headers_containing_a_word(header: str, role: Role, word: str) -> None:
    found = column_role(header)
    assert (found.role, found.confidence, found.word) == (role, 0.7, word)


def test_a_header_of_two_meanings_gives_its_other_role() -> None:
    # a bare Japanese unit header names the publisher's own unit (decision 0025)
    for header in ("部局", "部局名", "学部等", "学部・研究科"):
        found = column_role(header)
        assert (found.role, found.confidence, found.candidates) == (
            R.HOME_DEPARTMENT, 0.5, (R.PARTNER_UNIT,),
        ), header
    assert column_role("相手先部局名").role is R.PARTNER_UNIT
    assert column_role("相手学部・研究科").role is R.PARTNER_UNIT
    assert column_role("Faculty").role is R.PARTNER_UNIT  # English names no side


def test_short_words_match_only_whole_headers() -> None:
    assert column_role("Notes").role is R.NOTES  # not "No"
    assert column_role("Nominee").role is None
    assert column_role("外国語").role is None  # 国 must be the whole header
    assert column_role("Some University").role is None
    assert column_role("ナントカ地域研究所").role is None


def test_a_tie_between_roles_is_ambiguous() -> None:
    found = column_role("Our Faculty / Date Signed")
    assert (found.role, found.candidates) == (None, (R.DATE, R.HOME_DEPARTMENT))


def test_read_header_row() -> None:
    row = read_header_row(
        ["No.", "国・地域", "協定校\n(英語)", "協定校", "本学部局", "締結年月日", "授業料不徴収",
         None, "予算"]
    )
    assert [c.role for c in row.columns] == [
        R.NUMBER, R.COUNTRY, R.ENGLISH_NAME, R.INSTITUTION, R.HOME_DEPARTMENT, R.DATE, R.WAIVER,
        None, None,
    ]
    assert [(c.index, c.header) for c in row.unrecognised] == [(8, "予算")]
    assert row.roles[R.INSTITUTION] == (3,)
    assert row.score == 7 / 8


def test_a_data_row_is_not_a_header_row() -> None:
    row = read_header_row(["1", "Somewhere", "Some University", "2015.4.1", "○"])
    assert row.score == 0.0
    assert len(row.unrecognised) == 5


def test_no_header_word_is_another_read_backwards() -> None:
    # a header read backwards takes the word's role (decision 0025): no role can swap
    keys = {compact(w.text) for w in header_words()}
    assert not [k for k in keys if len(k) >= 3 and k[::-1] != k and k[::-1] in keys]
    assert column_role("収徴不料業授").role is R.WAIVER
    assert column_role("名校定協").role is R.INSTITUTION
