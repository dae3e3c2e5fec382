"""Partners, homes and namesakes of the fourth blind corpus (hand-written, 2026-12-03)."""

from __future__ import annotations

# id: (country, ja, en, fr, zh)
PARTNERS: dict[str, tuple[str, str, str, str, str]] = {
    "b4:cn-pku": ("CN", "北京大学", "Peking University", "Université de Pékin", "北京大学"),
    "b4:cn-fudan": ("CN", "復旦大学", "Fudan University", "Université Fudan", "复旦大学"),
    "b4:cn-sjtu": (
        "CN",
        "上海交通大学",
        "Shanghai Jiao Tong University",
        "Université Jiao Tong de Shanghai",
        "上海交通大学",
    ),
    "b4:cn-whu": ("CN", "武漢大学", "Wuhan University", "Université de Wuhan", "武汉大学"),
    "b4:cn-neu": (
        "CN",
        "中国東北大学",
        "Northeastern University (Shenyang)",
        "Université du Nord-Est (Shenyang)",
        "东北大学",
    ),
    "b4:jp-kyoto": ("JP", "京都大学", "Kyoto University", "Université de Kyoto", "京都大学"),
    "b4:jp-osaka": ("JP", "大阪大学", "Osaka University", "Université d'Osaka", "大阪大学"),
    "b4:jp-waseda": ("JP", "早稲田大学", "Waseda University", "Université Waseda", "早稻田大学"),
    "b4:jp-tohoku": ("JP", "東北大学", "Tohoku University", "Université du Tohoku", "日本东北大学"),
    "b4:kr-snu": (
        "KR",
        "ソウル大学校",
        "Seoul National University",
        "Université nationale de Séoul",
        "首尔大学",
    ),
    "b4:kr-yonsei": ("KR", "延世大学校", "Yonsei University", "Université Yonsei", "延世大学"),
    "b4:tw-ntu": (
        "TW",
        "国立台湾大学",
        "National Taiwan University",
        "Université nationale de Taïwan",
        "台湾大学",
    ),
    "b4:th-chula": (
        "TH",
        "チュラロンコン大学",
        "Chulalongkorn University",
        "Université Chulalongkorn",
        "朱拉隆功大学",
    ),
    "b4:vn-vnuhn": (
        "VN",
        "ベトナム国家大学ハノイ校",
        "Vietnam National University, Hanoi",
        "Université nationale du Vietnam à Hanoï",
        "越南河内国家大学",
    ),
    "b4:sg-nus": (
        "SG",
        "シンガポール国立大学",
        "National University of Singapore",
        "Université nationale de Singapour",
        "新加坡国立大学",
    ),
    "b4:fr-sorbonne": (
        "FR",
        "ソルボンヌ大学",
        "Sorbonne University",
        "Sorbonne Université",
        "索邦大学",
    ),
    "b4:fr-uga": (
        "FR",
        "グルノーブル・アルプ大学",
        "Université Grenoble Alpes",
        "Université Grenoble Alpes",
        "格勒诺布尔-阿尔卑斯大学",
    ),
    "b4:fr-unistra": (
        "FR",
        "ストラスブール大学",
        "University of Strasbourg",
        "Université de Strasbourg",
        "斯特拉斯堡大学",
    ),
    "b4:de-heidelberg": (
        "DE",
        "ハイデルベルク大学",
        "Heidelberg University",
        "Université de Heidelberg",
        "海德堡大学",
    ),
    "b4:de-fub": (
        "DE",
        "ベルリン自由大学",
        "Freie Universität Berlin",
        "Université libre de Berlin",
        "柏林自由大学",
    ),
    "b4:gb-manchester": (
        "GB",
        "マンチェスター大学",
        "The University of Manchester",
        "Université de Manchester",
        "曼彻斯特大学",
    ),
    "b4:gb-leeds": ("GB", "リーズ大学", "University of Leeds", "Université de Leeds", "利兹大学"),
    "b4:us-uiuc": (
        "US",
        "イリノイ大学アーバナ・シャンペーン校",
        "University of Illinois Urbana-Champaign",
        "Université de l'Illinois à Urbana-Champaign",
        "伊利诺伊大学厄巴纳-香槟分校",
    ),
    "b4:us-purdue": ("US", "パデュー大学", "Purdue University", "Université Purdue", "普渡大学"),
    "b4:ca-ubc": (
        "CA",
        "ブリティッシュコロンビア大学",
        "University of British Columbia",
        "Université de la Colombie-Britannique",
        "英属哥伦比亚大学",
    ),
    "b4:ca-mcgill": ("CA", "マギル大学", "McGill University", "Université McGill", "麦吉尔大学"),
    "b4:au-monash": ("AU", "モナシュ大学", "Monash University", "Université Monash", "莫纳什大学"),
    "b4:nz-auckland": (
        "NZ",
        "オークランド大学",
        "University of Auckland",
        "Université d'Auckland",
        "奥克兰大学",
    ),
    "b4:es-ub": (
        "ES",
        "バルセロナ大学",
        "University of Barcelona",
        "Université de Barcelone",
        "巴塞罗那大学",
    ),
    "b4:es-usc": (
        "ES",
        "サンティアゴ・デ・コンポステーラ大学",
        "University of Santiago de Compostela",
        "Université de Saint-Jacques-de-Compostelle",
        "圣地亚哥-德孔波斯特拉大学",
    ),
    "b4:cl-usach": (
        "CL",
        "サンティアゴ大学（チリ）",
        "University of Santiago, Chile",
        "Université de Santiago du Chili",
        "智利圣地亚哥大学",
    ),
    "b4:it-unipd": (
        "IT",
        "パドヴァ大学",
        "University of Padua",
        "Université de Padoue",
        "帕多瓦大学",
    ),
    "b4:se-lund": ("SE", "ルンド大学", "Lund University", "Université de Lund", "隆德大学"),
    "b4:be-kuleuven": ("BE", "ルーヴェン・カトリック大学", "KU Leuven", "KU Leuven", "鲁汶大学"),
}

# Pairs that must not merge (canonical ids).
NAMESAKES: list[tuple[str, str]] = [
    ("b4:jp-tohoku", "b4:cn-neu"),  # 東北大学 / 东北大学 (Shenyang)
    ("b4:es-usc", "b4:cl-usach"),  # both printed plain サンティアゴ大学, told apart by country
]

HOMES = {
    "valmont": {"ja": None, "en": "Université de Valmont", "country": "FR"},
    "jianghuai": {
        "ja": "江淮理工大学",
        "en": "Jianghuai University of Technology",
        "country": "CN",
    },
    "hokuso": {"ja": "北総工業大学", "en": "Hokuso Institute of Technology", "country": "JP"},
    "sanuki": {"ja": "讃岐学園大学", "en": "Sanuki Gakuen University", "country": "JP"},
}


def row(
    home: str,
    layout: str,
    pid: str,
    locator: dict,
    *,
    printed_ja: str | None = None,
    printed_en: str | None = None,
    signed: str | None,
    signed_printed: str | None,
    waiver: bool | None,
    level: str = "university",
    home_unit: dict | None = None,
    damage: list[str] | None = None,
    **extra: object,
) -> dict:
    """One truth row; ja/en are the clean names printed (None when that script is not printed)."""
    country = PARTNERS[pid][0]
    h = HOMES[home]
    clean_ja = extra.pop("clean_ja", printed_ja)
    clean_en = extra.pop("clean_en", printed_en)
    out = {
        "country": country,
        "damage": damage or [],
        "home": {"ja": h["ja"], "en": h["en"]},
        "home_unit": home_unit,
        "layout": layout,
        "level": level,
        "locator": locator,
        "partner": {
            "id": pid,
            "ja": clean_ja,
            "en": clean_en,
            "printed_ja": printed_ja,
            "printed_en": printed_en,
        },
        "partner_unit": None,
        "signed": signed,
        "signed_printed": signed_printed,
        "waiver": waiver,
    }
    out.update(extra)
    return out
