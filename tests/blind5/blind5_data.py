"""The fifth blind corpus: partner institutions, namesakes, homes and the truth-row helper.

Partners are real institutions (public knowledge), each with the names the lists of this
corpus print: ``ja`` (Japanese), ``ko`` (Korean), ``zh`` (traditional Chinese, as printed in
Taiwan), ``en`` (English or the institution's own Latin-script name), ``th`` (Thai).
Homes are invented.
"""

from __future__ import annotations

from typing import Any

# id: (ISO country, {lang: name})
PARTNERS: dict[str, tuple[str, dict[str, str]]] = {
    "b5:jp-tokyo": (
        "JP",
        {"ja": "東京大学", "ko": "도쿄대학", "zh": "東京大學", "en": "The University of Tokyo"},
    ),
    "b5:jp-kyoto": (
        "JP",
        {"ja": "京都大学", "ko": "교토대학", "zh": "京都大學", "en": "Kyoto University"},
    ),
    "b5:jp-waseda": (
        "JP",
        {"ja": "早稲田大学", "ko": "와세다대학", "zh": "早稻田大學", "en": "Waseda University"},
    ),
    "b5:jp-keio": (
        "JP",
        {
            "ja": "慶應義塾大学",
            "ko": "게이오기주쿠대학",
            "zh": "慶應義塾大學",
            "en": "Keio University",
        },
    ),
    "b5:jp-chuo": (
        "JP",
        {"ja": "中央大学", "ko": "주오대학", "zh": "中央大學", "en": "Chuo University"},
    ),
    "b5:jp-tokai": (
        "JP",
        {"ja": "東海大学", "ko": "도카이대학", "zh": "東海大學", "en": "Tokai University"},
    ),
    "b5:jp-tohoku": (
        "JP",
        {"ja": "東北大学", "ko": "도호쿠대학", "zh": "東北大學", "en": "Tohoku University"},
    ),
    "b5:kr-snu": (
        "KR",
        {
            "ja": "ソウル大学校",
            "ko": "서울대학교",
            "zh": "首爾大學",
            "en": "Seoul National University",
        },
    ),
    "b5:kr-yonsei": (
        "KR",
        {"ja": "延世大学校", "ko": "연세대학교", "zh": "延世大學", "en": "Yonsei University"},
    ),
    "b5:kr-cau": (
        "KR",
        {"ja": "中央大学校", "ko": "중앙대학교", "zh": "中央大學", "en": "Chung-Ang University"},
    ),
    "b5:kr-pnu": (
        "KR",
        {
            "ja": "釜山大学校",
            "ko": "부산대학교",
            "zh": "釜山大學",
            "en": "Pusan National University",
        },
    ),
    "b5:tw-ntu": (
        "TW",
        {
            "ja": "国立台湾大学",
            "ko": "국립대만대학교",
            "zh": "國立臺灣大學",
            "en": "National Taiwan University",
        },
    ),
    "b5:tw-ncu": (
        "TW",
        {
            "ja": "国立中央大学",
            "ko": "국립중앙대학교",
            "zh": "國立中央大學",
            "en": "National Central University",
        },
    ),
    "b5:tw-thu": (
        "TW",
        {"ja": "東海大学", "ko": "둥하이대학교", "zh": "東海大學", "en": "Tunghai University"},
    ),
    "b5:tw-nsysu": (
        "TW",
        {
            "ja": "国立中山大学",
            "ko": "국립중산대학교",
            "zh": "國立中山大學",
            "en": "National Sun Yat-sen University",
        },
    ),
    "b5:tw-ncku": (
        "TW",
        {
            "ja": "国立成功大学",
            "ko": "국립성공대학교",
            "zh": "國立成功大學",
            "en": "National Cheng Kung University",
        },
    ),
    "b5:cn-sysu": (
        "CN",
        {"ja": "中山大学", "ko": "중산대학교", "zh": "中山大學", "en": "Sun Yat-sen University"},
    ),
    "b5:cn-pku": (
        "CN",
        {"ja": "北京大学", "ko": "베이징대학교", "zh": "北京大學", "en": "Peking University"},
    ),
    "b5:cn-fudan": (
        "CN",
        {"ja": "復旦大学", "ko": "푸단대학교", "zh": "復旦大學", "en": "Fudan University"},
    ),
    "b5:th-chula": (
        "TH",
        {
            "ja": "チュラロンコン大学",
            "ko": "쭐랄롱꼰대학교",
            "zh": "朱拉隆功大學",
            "en": "Chulalongkorn University",
            "th": "จุฬาลงกรณ์มหาวิทยาลัย",
        },
    ),
    "b5:th-mahidol": (
        "TH",
        {
            "ja": "マヒドン大学",
            "ko": "마히돌대학교",
            "zh": "瑪希竺大學",
            "en": "Mahidol University",
            "th": "มหาวิทยาลัยมหิดล",
        },
    ),
    "b5:th-cmu": (
        "TH",
        {
            "ja": "チェンマイ大学",
            "ko": "치앙마이대학교",
            "zh": "清邁大學",
            "en": "Chiang Mai University",
            "th": "มหาวิทยาลัยเชียงใหม่",
        },
    ),
    "b5:my-usm": (
        "MY",
        {
            "ja": "マレーシア科学大学",
            "ko": "말레이시아과학대학교",
            "zh": "馬來西亞理科大學",
            "en": "Universiti Sains Malaysia",
        },
    ),
    "b5:my-utm": (
        "MY",
        {
            "ja": "マレーシア工科大学",
            "ko": "말레이시아공과대학교",
            "zh": "馬來西亞理工大學",
            "en": "Universiti Teknologi Malaysia",
        },
    ),
    "b5:id-ui": (
        "ID",
        {
            "ja": "インドネシア大学",
            "ko": "인도네시아대학교",
            "zh": "印尼大學",
            "en": "Universitas Indonesia",
        },
    ),
    "b5:au-unsw": (
        "AU",
        {
            "ja": "ニューサウスウェールズ大学",
            "ko": "뉴사우스웨일스대학교",
            "zh": "新南威爾斯大學",
            "en": "UNSW Sydney",
        },
    ),
    "b5:au-uq": (
        "AU",
        {
            "ja": "クイーンズランド大学",
            "ko": "퀸즐랜드대학교",
            "zh": "昆士蘭大學",
            "en": "The University of Queensland",
        },
    ),
    "b5:de-tum": (
        "DE",
        {
            "ja": "ミュンヘン工科大学",
            "ko": "뮌헨공과대학교",
            "zh": "慕尼黑工業大學",
            "en": "Technische Universität München",
        },
    ),
    "b5:de-heidelberg": (
        "DE",
        {
            "ja": "ハイデルベルク大学",
            "ko": "하이델베르크대학교",
            "zh": "海德堡大學",
            "en": "Universität Heidelberg",
        },
    ),
    "b5:fr-sorbonne": (
        "FR",
        {
            "ja": "ソルボンヌ大学",
            "ko": "소르본대학교",
            "zh": "索邦大學",
            "en": "Sorbonne Université",
        },
    ),
    "b5:gb-leeds": (
        "GB",
        {"ja": "リーズ大学", "ko": "리즈대학교", "zh": "里茲大學", "en": "University of Leeds"},
    ),
    "b5:us-hawaii": (
        "US",
        {
            "ja": "ハワイ大学マノア校",
            "ko": "하와이대학교 마노아",
            "zh": "夏威夷大學馬諾阿分校",
            "en": "University of Hawaiʻi at Mānoa",
        },
    ),
    "b5:cl-puc": (
        "CL",
        {
            "ja": "チリ・カトリック大学",
            "ko": "칠레가톨릭대학교",
            "zh": "智利天主教大學",
            "en": "Pontificia Universidad Católica de Chile",
        },
    ),
    "b5:pe-pucp": (
        "PE",
        {
            "ja": "ペルー・カトリック大学",
            "ko": "페루가톨릭대학교",
            "zh": "秘魯天主教大學",
            "en": "Pontificia Universidad Católica del Perú",
        },
    ),
}

# Pairs of different institutions printed with the same (or nearly the same) name somewhere
# in this corpus: one IRI for both is a false merge.
NAMESAKES: list[tuple[str, str]] = [
    ("b5:jp-chuo", "b5:kr-cau"),  # 中央大學 (Japan) / 中央大學 (Korea) in f03, same print
    ("b5:jp-chuo", "b5:tw-ncu"),  # Chuo University / (National) Central University
    ("b5:kr-cau", "b5:tw-ncu"),
    ("b5:jp-tokai", "b5:tw-thu"),  # 東海大学 (Japan) / 東海大学 (Taiwan, Tunghai)
    ("b5:cn-sysu", "b5:tw-nsysu"),  # 中山大学 / 国立中山大学
    ("b5:cl-puc", "b5:pe-pucp"),  # Universidad Católica (Chile) / (Peru) in f08, same print
]

HOMES: dict[str, dict[str, Any]] = {
    "cheongnim": {"ko": "청림대학교", "en": "Cheongnim University", "country": "KR"},
    "nanying": {
        "zh": "國立南瀛科技大學",
        "en": "National Nanying University of Science and Technology",
        "country": "TW",
    },
    "wakasa": {"ja": "若狭学院大学", "en": "Wakasa Gakuin University", "country": "JP"},
    "coralbay": {"en": "Coralbay University", "country": "AU"},
    "maeping": {"th": "มหาวิทยาลัยแม่ปิง", "en": "Mae Ping University", "country": "TH"},
}


def home_of(key: str) -> dict[str, str | None]:
    """The truth's `home`: the non-Latin name in `ja` (as earlier sets put Chinese there)."""
    h = HOMES[key]
    return {"ja": h.get("ja") or h.get("zh") or h.get("ko") or h.get("th"), "en": h["en"]}


def name(pid: str, lang: str) -> str:
    return PARTNERS[pid][1][lang]


def row(
    home: str,
    layout: str,
    pid: str,
    locator: dict[str, Any],
    *,
    ja: str | None = None,
    en: str | None = None,
    printed_ja: str | None = None,
    printed_en: str | None = None,
    signed: str | None = None,
    signed_printed: str | None = None,
    waiver: bool | None = None,
    level: str = "university",
    home_unit: dict[str, str | None] | None = None,
    partner_unit: dict[str, str | None] | None = None,
    country: str | None = None,
    damage: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One truth row in the schema of tests/corpus (extra keys: notes, status, …)."""
    assert pid in PARTNERS, pid
    r: dict[str, Any] = {
        "country": country or PARTNERS[pid][0],
        "damage": damage or [],
        "home": home_of(home),
        "home_unit": home_unit,
        "layout": layout,
        "level": level,
        "locator": locator,
        "partner": {
            "en": en,
            "id": pid,
            "ja": ja,
            "printed_en": printed_en if printed_en is not None else en,
            "printed_ja": printed_ja if printed_ja is not None else ja,
        },
        "partner_unit": partner_unit,
        "signed": signed,
        "signed_printed": signed_printed,
        "waiver": waiver,
    }
    r.update(extra)
    return r


def unit(ja: str | None = None, en: str | None = None) -> dict[str, str | None]:
    return {"ja": ja, "en": en}


def doc_truth(
    doc: str,
    fmt: str,
    home: str,
    *,
    title: str,
    as_of: str,
    language: str,
    layout: str,
    shape: str,
    rows: list[dict[str, Any]],
    notes: list[str],
    stated_totals: list[dict[str, Any]] | None = None,
    unreadable: list[dict[str, Any]] | None = None,
    duplicates: list[dict[str, Any]] | None = None,
    damage: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "damage": {"document": damage or [], "profile": "hand-made"},
        "document": doc,
        "duplicates": duplicates or [],
        "format": fmt,
        "home": home_of(home),
        "language": language,
        "layouts": [layout],
        "notes": notes,
        "rows": rows,
        "shape": shape,
        "stated_totals": stated_totals or [],
        "styles": {},
        "title": title,
        "unreadable": unreadable or [],
        "variant": "",
    }


def total(scope: str, unit_: str, value: int, text: str) -> dict[str, Any]:
    return {"scope": scope, "text": text, "unit": unit_, "value": value}
