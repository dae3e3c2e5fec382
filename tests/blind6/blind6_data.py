"""Partners, homes and the truth-row helper of the sixth blind corpus (hand-made)."""

from __future__ import annotations

# id: (country, {form: name}) -- real institutions; forms: de, es, vi, ja, en
PARTNERS: dict[str, tuple[str, dict[str, str]]] = {
    "b6:de-freiburg": (
        "DE",
        {"es": "Universidad de Friburgo", "ja": "フライブルク大学", "en": "University of Freiburg"},
    ),
    "b6:ch-fribourg": (
        "CH",
        {
            "de": "Universität Freiburg",
            "es": "Universidad de Friburgo",
            "ja": "フリブール大学",
            "en": "University of Fribourg",
        },
    ),
    "b6:es-salamanca": ("ES", {"de": "Universidad de Salamanca", "vi": "Đại học Salamanca"}),
    "b6:pt-porto": ("PT", {"de": "Universidade do Porto", "es": "Universidad de Oporto"}),
    "b6:it-bologna": ("IT", {"de": "Università di Bologna", "es": "Universidad de Bolonia"}),
    "b6:at-tuwien": (
        "AT",
        {
            "de": "Technische Universität Wien",
            "es": "Universidad Técnica de Viena",
            "ja": "ウィーン工科大学",
            "en": "TU Wien",
        },
    ),
    "b6:de-kit": (
        "DE",
        {"es": "Instituto Tecnológico de Karlsruhe", "vi": "Viện Công nghệ Karlsruhe"},
    ),
    "b6:fr-lyon1": (
        "FR",
        {
            "es": "Universidad Claude Bernard Lyon 1",
            "vi": "Đại học Claude Bernard Lyon 1",
            "ja": "クロード・ベルナール・リヨン第1大学",
            "en": "Université Claude Bernard Lyon 1",
        },
    ),
    "b6:nl-wur": (
        "NL",
        {"es": "Universidad de Wageningen", "vi": "Wageningen University & Research"},
    ),
    "b6:jp-tohoku": (
        "JP",
        {"de": "Tohoku University", "es": "Universidad de Tohoku", "vi": "Đại học Tohoku"},
    ),
    "b6:jp-osaka": ("JP", {"de": "Universität Osaka", "vi": "Đại học Osaka"}),
    "b6:vn-vnu-hanoi": (
        "VN",
        {
            "de": "Vietnam National University, Hanoi",
            "ja": "ベトナム国家大学ハノイ校",
            "en": "Vietnam National University, Hanoi",
        },
    ),
    "b6:vn-hcmut": (
        "VN",
        {
            "de": "Ho Chi Minh City University of Technology",
            "ja": "ホーチミン市工科大学",
            "en": "Ho Chi Minh City University of Technology",
        },
    ),
    "b6:id-ugm": ("ID", {"de": "Universitas Gadjah Mada", "vi": "Đại học Gadjah Mada"}),
    "b6:id-ui": (
        "ID",
        {
            "de": "Universitas Indonesia",
            "vi": "Đại học Indonesia",
            "ja": "インドネシア大学",
            "en": "Universitas Indonesia",
        },
    ),
    "b6:th-kasetsart": (
        "TH",
        {"vi": "Đại học Kasetsart", "ja": "カセサート大学", "en": "Kasetsart University"},
    ),
    "b6:kr-kaist": (
        "KR",
        {
            "es": "Instituto Superior de Ciencia y Tecnología de Corea (KAIST)",
            "vi": "Viện Khoa học và Công nghệ Tiên tiến Hàn Quốc (KAIST)",
        },
    ),
    "b6:mx-unam": (
        "MX",
        {
            "de": "Universidad Nacional Autónoma de México",
            "es": "Universidad Nacional Autónoma de México (UNAM)",
            "ja": "メキシコ国立自治大学",
            "en": "National Autonomous University of Mexico",
        },
    ),
    "b6:ar-uba": ("AR", {"de": "Universidad de Buenos Aires", "es": "Universidad de Buenos Aires"}),
    "b6:co-andes": ("CO", {"de": "Universidad de los Andes", "es": "Universidad de los Andes"}),
    "b6:cl-uandes": ("CL", {"de": "Universidad de los Andes", "es": "Universidad de los Andes"}),
    "b6:us-purdue": (
        "US",
        {
            "de": "Purdue University",
            "vi": "Đại học Purdue",
            "ja": "パデュー大学",
            "en": "Purdue University",
        },
    ),
    "b6:ca-laval": (
        "CA",
        {
            "de": "Université Laval",
            "es": "Universidad Laval",
            "ja": "ラヴァル大学",
            "en": "Université Laval",
        },
    ),
    "b6:au-uq": (
        "AU",
        {
            "de": "The University of Queensland",
            "vi": "Đại học Queensland",
            "ja": "クイーンズランド大学",
            "en": "The University of Queensland",
        },
    ),
}

# Pairs that must not merge: the same printed name, told apart by the country only.
NAMESAKES = [
    ("b6:de-freiburg", "b6:ch-fribourg"),  # Universidad de Friburgo (Alemania / Suiza)
    ("b6:co-andes", "b6:cl-uandes"),  # Universidad de los Andes (Colombia / Chile)
]

HOMES = {
    "lindenau": {"ja": "Universität Lindenau", "en": "Lindenau University", "country": "DE"},
    "altamira": {"ja": "Universidad de Altamira", "en": "University of Altamira", "country": "ES"},
    "songlam": {"ja": "Trường Đại học Sông Lam", "en": "Song Lam University", "country": "VN"},
    "hokuminato": {"ja": "北湊大学", "en": "Hokuminato University", "country": "JP"},
}


def row(
    home: str,
    pid: str,
    locator: dict,
    signed: str | None,
    signed_printed: str | None,
    layout: str,
    *,
    ja: str | None = None,
    en: str | None = None,
    printed_ja: str | None = None,
    printed_en: str | None = None,
    country: str | None = None,
    waiver: bool | None = None,
    damage: list | None = None,
    agreement_type: str | None = None,
    home_unit: str | None = None,
    excel: str | None = None,
) -> dict:
    """One truth row (schema of tests/corpus/README.md)."""
    h = HOMES[home]
    out = {
        "agreement_type": agreement_type,
        "country": country or PARTNERS[pid][0],
        "damage": damage or [],
        "home": {"en": h["en"], "ja": h["ja"]},
        "home_unit": home_unit,
        "layout": layout,
        "level": "university",
        "locator": locator,
        "partner": {
            "en": en,
            "id": pid,
            "ja": ja,
            "printed_en": printed_en if printed_en is not None else en,
            "printed_ja": printed_ja if printed_ja is not None else ja,
        },
        "partner_unit": None,
        "signed": signed,
        "waiver": waiver,
    }
    if excel is not None:
        out["signed_excel_cell"] = excel
    else:
        out["signed_printed"] = signed_printed
    return out


def doc(
    file: str,
    fmt: str,
    home: str,
    language: str,
    title: str,
    as_of: str,
    as_of_text: str,
    layout: str,
    shape: str,
    rows: list,
    *,
    notes: list | None = None,
    totals: list | None = None,
    unreadable: list | None = None,
    damage: list | None = None,
    duplicates: list | None = None,
) -> dict:
    """One truth document."""
    h = HOMES[home]
    return {
        "as_of": as_of,
        "as_of_text": as_of_text,
        "damage": {"document": damage or [], "profile": "hand-made"},
        "document": file,
        "duplicates": duplicates or [],
        "format": fmt,
        "home": {"en": h["en"], "ja": h["ja"]},
        "language": language,
        "layouts": [layout],
        "notes": notes or [],
        "rows": rows,
        "shape": shape,
        "stated_totals": totals or [],
        "styles": {},
        "title": title,
        "unreadable": unreadable or [],
        "variant": "",
    }
