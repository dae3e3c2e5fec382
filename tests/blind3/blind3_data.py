"""Facts of the third blind corpus: partner institutions, homes, the truth-row helper.

Written by hand without opening kyotei's loaders, graph code, shipped sources or the other
corpora's generators. Partner ids carry the prefix ``b3:`` so that the harness uses only the
names written here.
"""

from __future__ import annotations

from typing import Any

# id -> (ISO country, Japanese name, English name); other spellings are written in the documents.
P: dict[str, tuple[str, str, str]] = {
    "b3:cn-pku": ("CN", "北京大学", "Peking University"),
    "b3:cn-fudan": ("CN", "復旦大学", "Fudan University"),
    "b3:cn-zju": ("CN", "浙江大学", "Zhejiang University"),
    "b3:cn-sjtu": ("CN", "上海交通大学", "Shanghai Jiao Tong University"),
    "b3:cn-nju": ("CN", "南京大学", "Nanjing University"),
    "b3:cn-neu": ("CN", "東北大学（中国）", "Northeastern University"),
    "b3:kr-snu": ("KR", "ソウル大学校", "Seoul National University"),
    "b3:kr-korea": ("KR", "高麗大学校", "Korea University"),
    "b3:kr-yonsei": ("KR", "延世大学校", "Yonsei University"),
    "b3:kr-cau": ("KR", "中央大学校", "Chung-Ang University"),
    "b3:tw-ntu": ("TW", "国立台湾大学", "National Taiwan University"),
    "b3:tw-ncku": ("TW", "国立成功大学", "National Cheng Kung University"),
    "b3:tw-ncu": ("TW", "国立中央大学", "National Central University"),
    "b3:hk-hku": ("HK", "香港大学", "The University of Hong Kong"),
    "b3:th-chula": ("TH", "チュラロンコン大学", "Chulalongkorn University"),
    "b3:th-mahidol": ("TH", "マヒドン大学", "Mahidol University"),
    "b3:vn-hust": ("VN", "ハノイ工科大学", "Hanoi University of Science and Technology"),
    "b3:id-ui": ("ID", "インドネシア大学", "Universitas Indonesia"),
    "b3:id-ugm": ("ID", "ガジャマダ大学", "Universitas Gadjah Mada"),
    "b3:my-um": ("MY", "マラヤ大学", "University of Malaya"),
    "b3:sg-nus": ("SG", "シンガポール国立大学", "National University of Singapore"),
    "b3:in-iisc": ("IN", "インド理科大学院", "Indian Institute of Science"),
    "b3:us-uw": ("US", "ワシントン大学", "University of Washington"),
    "b3:us-wustl": ("US", "ワシントン大学（セントルイス）", "Washington University in St. Louis"),
    "b3:us-ucb": ("US", "カリフォルニア大学バークレー校", "University of California, Berkeley"),
    "b3:us-purdue": ("US", "パデュー大学", "Purdue University"),
    "b3:ca-mcgill": ("CA", "マギル大学", "McGill University"),
    "b3:ca-toronto": ("CA", "トロント大学", "University of Toronto"),
    "b3:gb-ed": ("GB", "エディンバラ大学", "The University of Edinburgh"),
    "b3:gb-man": ("GB", "マンチェスター大学", "The University of Manchester"),
    "b3:de-tum": ("DE", "ミュンヘン工科大学", "Technical University of Munich"),
    "b3:de-hu": ("DE", "ベルリン・フンボルト大学", "Humboldt University of Berlin"),
    "b3:de-tud": ("DE", "ドレスデン工科大学", "TU Dresden"),
    "b3:fr-sorbonne": ("FR", "ソルボンヌ大学", "Sorbonne University"),
    "b3:nl-uu": ("NL", "ユトレヒト大学", "Utrecht University"),
    "b3:se-lund": ("SE", "ルンド大学", "Lund University"),
    "b3:fi-hel": ("FI", "ヘルシンキ大学", "University of Helsinki"),
    "b3:at-wien": ("AT", "ウィーン大学", "University of Vienna"),
    "b3:ch-ethz": ("CH", "スイス連邦工科大学チューリッヒ校", "ETH Zurich"),
    "b3:it-bo": ("IT", "ボローニャ大学", "University of Bologna"),
    "b3:es-usal": ("ES", "サラマンカ大学", "University of Salamanca"),
    "b3:au-monash": ("AU", "モナシュ大学", "Monash University"),
    "b3:au-uq": ("AU", "クイーンズランド大学", "The University of Queensland"),
    "b3:nz-otago": ("NZ", "オタゴ大学", "University of Otago"),
    "b3:br-usp": ("BR", "サンパウロ大学", "University of São Paulo"),
    "b3:mx-unam": ("MX", "メキシコ国立自治大学", "National Autonomous University of Mexico"),
    "b3:jp-kyoto": ("JP", "京都大学", "Kyoto University"),
    "b3:jp-waseda": ("JP", "早稲田大学", "Waseda University"),
    "b3:jp-tohoku": ("JP", "東北大学", "Tohoku University"),
}

# Namesakes that must not merge.
NAMESAKES = [
    ("b3:us-uw", "b3:us-wustl"),  # ワシントン大学 (Seattle) / ワシントン大学 (St. Louis)
    ("b3:jp-tohoku", "b3:cn-neu"),  # 東北大学 (Sendai) / 東北大学 (Shenyang)
    ("b3:tw-ncu", "b3:kr-cau"),  # 国立中央大学 (Taiwan) / 中央大学校 (Korea)
]

HOMES: dict[str, tuple[str | None, str, str]] = {
    "asama": ("浅間大学", "Asama University", "JP"),
    "kitakami": ("北上学院大学", "Kitakami Gakuin University", "JP"),
    "tenryu": ("天竜大学", "Tenryu University", "JP"),
    "naruto": ("鳴門海洋大学", "Naruto University of Marine Science", "JP"),
    "hanbit": (None, "Hanbit National University", "KR"),
    "lahntal": (None, "Hochschule Lahntal", "DE"),
}


def row(
    home: str,
    pid: str,
    locator: dict[str, Any],
    *,
    layout: str,
    ja: str | None = None,
    en: str | None = None,
    printed_ja: str | None = None,
    printed_en: str | None = None,
    signed: str | None = None,
    signed_printed: str | None = None,
    waiver: bool | None = None,
    level: str = "university",
    home_unit: str | None = None,
    home_unit_en: str | None = None,
    partner_unit: str | None = None,
    partner_unit_en: str | None = None,
    country: str | None = None,
    damage: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One truth row in the schema of tests/corpus/README.md ("The truth")."""
    hja, hen, _ = HOMES[home]
    out: dict[str, Any] = {
        "country": country or P[pid][0],
        "damage": damage or [],
        "home": {"ja": hja, "en": hen},
        "home_unit": (
            {"ja": home_unit, "en": home_unit_en} if (home_unit or home_unit_en) else None
        ),
        "layout": layout,
        "level": level,
        "locator": locator,
        "partner": {
            "id": pid,
            "ja": ja,
            "en": en,
            "printed_ja": printed_ja if printed_ja is not None else ja,
            "printed_en": printed_en if printed_en is not None else en,
        },
        "partner_unit": (
            {"ja": partner_unit, "en": partner_unit_en}
            if (partner_unit or partner_unit_en)
            else None
        ),
        "signed": signed,
        "signed_printed": signed_printed,
        "waiver": waiver,
    }
    out.update(extra)
    return out


def truth(
    doc: str,
    fmt: str,
    home: str,
    rows: list[dict[str, Any]],
    *,
    title: str,
    as_of: str,
    language: str,
    layouts: list[str],
    shape: str,
    damage: list[str],
    unreadable: list[dict[str, Any]] | None = None,
    duplicates: list[dict[str, Any]] | None = None,
    stated_totals: list[dict[str, Any]] | None = None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    hja, hen, _ = HOMES[home]
    return {
        "as_of": as_of,
        "damage": {"document": damage, "profile": "hand-made"},
        "document": doc,
        "duplicates": duplicates or [],
        "format": fmt,
        "home": {"ja": hja, "en": hen},
        "language": language,
        "layouts": layouts,
        "notes": notes or [],
        "rows": rows,
        "shape": shape,
        "stated_totals": stated_totals or [],
        "styles": {},
        "title": title,
        "unreadable": unreadable or [],
        "variant": "",
    }


def total(scope: str, unit: str, value: int, text: str) -> dict[str, Any]:
    return {"scope": scope, "unit": unit, "value": value, "text": text}
