"""The blind corpus's partner institutions and the truth-row helper (see README.md).

Hand-written, not drawn: every document of the blind corpus is written by its own function in
``make_blind*.py`` from the rows below, and each function returns the truth with the locator
it actually wrote (for PDFs the locator is read back from the rendered file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
TRUTH = HERE / "truth"

# canonical id -> (ISO country, Japanese name, English name); real institutions.
PARTNERS: dict[str, tuple[str, str, str]] = {
    "cn-pku": ("CN", "北京大学", "Peking University"),
    "cn-thu": ("CN", "清華大学", "Tsinghua University"),
    "tw-nthu": ("TW", "国立清華大学", "National Tsing Hua University"),
    "cn-fudan": ("CN", "復旦大学", "Fudan University"),
    "cn-zju": ("CN", "浙江大学", "Zhejiang University"),
    "cn-neu": ("CN", "東北大学（中国）", "Northeastern University (China)"),
    "us-neu": ("US", "ノースイースタン大学", "Northeastern University"),
    "kr-snu": ("KR", "ソウル大学校", "Seoul National University"),
    "kr-yonsei": ("KR", "延世大学校", "Yonsei University"),
    "kr-korea": ("KR", "高麗大学校", "Korea University"),
    "kr-skku": ("KR", "成均館大学校", "Sungkyunkwan University"),
    "tw-ntu": ("TW", "国立台湾大学", "National Taiwan University"),
    "sg-ntu": ("SG", "南洋理工大学", "Nanyang Technological University"),
    "sg-nus": ("SG", "シンガポール国立大学", "National University of Singapore"),
    "hk-hku": ("HK", "香港大学", "The University of Hong Kong"),
    "hk-cuhk": ("HK", "香港中文大学", "The Chinese University of Hong Kong"),
    "th-chula": ("TH", "チュラロンコン大学", "Chulalongkorn University"),
    "th-mahidol": ("TH", "マヒドン大学", "Mahidol University"),
    "vn-vnuhn": ("VN", "ベトナム国家大学ハノイ校", "Vietnam National University, Hanoi"),
    "vn-vnuhcm": ("VN", "ベトナム国家大学ホーチミン市校",
                  "Vietnam National University, Ho Chi Minh City"),
    "id-ui": ("ID", "インドネシア大学", "Universitas Indonesia"),
    "id-ugm": ("ID", "ガジャマダ大学", "Universitas Gadjah Mada"),
    "id-ipb": ("ID", "ボゴール農科大学", "IPB University"),
    "my-um": ("MY", "マラヤ大学", "Universiti Malaya"),
    "in-iitb": ("IN", "インド工科大学ボンベイ校", "Indian Institute of Technology Bombay"),
    "in-iitd": ("IN", "インド工科大学デリー校", "Indian Institute of Technology Delhi"),
    "mn-num": ("MN", "モンゴル国立大学", "National University of Mongolia"),
    "us-miamioh": ("US", "マイアミ大学（オハイオ州）", "Miami University"),
    "us-umiami": ("US", "マイアミ大学（フロリダ州）", "University of Miami"),
    "us-uiuc": ("US", "イリノイ大学アーバナ・シャンペーン校",
                "University of Illinois Urbana-Champaign"),
    "us-ucb": ("US", "カリフォルニア大学バークレー校", "University of California, Berkeley"),
    "ca-ubc": ("CA", "ブリティッシュコロンビア大学", "The University of British Columbia"),
    "ca-uoft": ("CA", "トロント大学", "University of Toronto"),
    "gb-man": ("GB", "マンチェスター大学", "The University of Manchester"),
    "gb-ed": ("GB", "エディンバラ大学", "The University of Edinburgh"),
    "de-tum": ("DE", "ミュンヘン工科大学", "Technical University of Munich"),
    "de-lmu": ("DE", "ミュンヘン大学", "Ludwig-Maximilians-Universität München"),
    "de-hd": ("DE", "ハイデルベルク大学", "Heidelberg University"),
    "fr-sorb": ("FR", "ソルボンヌ大学", "Sorbonne Université"),
    "se-kth": ("SE", "スウェーデン王立工科大学", "KTH Royal Institute of Technology"),
    "nl-tud": ("NL", "デルフト工科大学", "Delft University of Technology"),
    "au-monash": ("AU", "モナシュ大学", "Monash University"),
    "au-uq": ("AU", "クイーンズランド大学", "The University of Queensland"),
    "nz-uoa": ("NZ", "オークランド大学", "The University of Auckland"),
    "mx-unam": ("MX", "メキシコ国立自治大学", "Universidad Nacional Autónoma de México"),
    "br-usp": ("BR", "サンパウロ大学", "Universidade de São Paulo"),
    "ru-msu": ("RU", "モスクワ大学", "Lomonosov Moscow State University"),
}

# Pairs that share a name (or an abbreviation, or a city) and must stay two institutions.
NAMESAKES = [
    ("cn-neu", "us-neu"), ("us-miamioh", "us-umiami"), ("vn-vnuhn", "vn-vnuhcm"),
    ("in-iitb", "in-iitd"), ("tw-ntu", "sg-ntu"), ("cn-thu", "tw-nthu"), ("de-tum", "de-lmu"),
]

HOMES: dict[str, dict[str, str]] = {
    "kirishima": {"ja": "霧島工科大学", "en": "Kirishima Institute of Technology"},
    "mino": {"ja": "美濃大学", "en": "Mino University"},
    "hitachi": {"ja": "常陸国際大学", "en": "Hitachi International University"},
    "izumo": {"ja": "出雲医療大学", "en": "Izumo University of Medical Sciences"},
    "aso": {"ja": "阿蘇大学", "en": "Aso University"},
}


def row(
    home: str, pid: str, locator: dict[str, Any], *, layout: str,
    ja: str | None = None, en: str | None = None, printed_ja: str | None = None,
    printed_en: str | None = None, signed: str | None = None, signed_printed: str | None = None,
    waiver: bool | None = None, level: str = "university", home_unit: str | None = None,
    partner_unit: str | None = None, damage: list[str] | None = None, **extra: Any,
) -> dict[str, Any]:
    """One truth row; ``ja``/``en`` are the clean printed names (None: not printed)."""
    country = PARTNERS[pid][0]
    partner = {"id": pid, "ja": ja, "en": en,
               "printed_ja": printed_ja if printed_ja is not None else ja,
               "printed_en": printed_en if printed_en is not None else en}
    out = {"country": country, "damage": damage or [], "home": HOMES[home],
           "home_unit": _unit(home_unit), "layout": layout, "level": level, "locator": locator,
           "partner": partner, "partner_unit": _unit(partner_unit), "signed": signed,
           "signed_printed": signed_printed, "waiver": waiver}
    out.update(extra)
    return out


def _unit(name: str | None) -> dict[str, str | None] | None:
    """A unit as printed: in ``en`` when it is in Latin script, else in ``ja``."""
    if name is None:
        return None
    latin = all(ord(ch) < 0x250 for ch in name)
    return {"en": name if latin else None, "ja": None if latin else name}


def truth(
    document: str, fmt: str, home: str, *, title: str, as_of: str, language: str,
    rows: list[dict[str, Any]], stated_totals: list[dict[str, Any]] | None = None,
    unreadable: list[dict[str, Any]] | None = None, duplicates: list[dict[str, Any]] | None = None,
    shape: str = "", damage: list[str] | None = None,
) -> dict[str, Any]:
    layouts: list[str] = []
    for r in rows:
        if r["layout"] not in layouts:
            layouts.append(r["layout"])
    return {"as_of": as_of, "damage": {"document": damage or [], "profile": "hand-made"},
            "document": document, "duplicates": duplicates or [], "format": fmt,
            "home": HOMES[home], "language": language, "layouts": layouts, "rows": rows,
            "shape": shape, "stated_totals": stated_totals or [], "styles": {},
            "title": title, "unreadable": unreadable or [], "variant": ""}


def total(scope: str, unit: str, value: int, text: str) -> dict[str, Any]:
    return {"scope": scope, "text": text, "unit": unit, "value": value}


def save(record: dict[str, Any]) -> None:
    TRUTH.mkdir(parents=True, exist_ok=True)
    path = TRUTH / (record["document"] + ".truth.json")
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def manifest_entry(file: str, home: str, title: str, as_of: str, as_of_text: str,
                   languages: list[str], note: str) -> str:
    h = HOMES[home]
    langs = ", ".join(f'"{x}"' for x in languages)
    return (f'[[document]]\nfile = "{file}"\ntitle = "{title}"\nas_of = {as_of}\n'
            f'as_of_text = "{as_of_text}"\nlanguages = [{langs}]\n\n[document.publisher]\n'
            f'status = "stated"\nja = "{h["ja"]}"\nen = "{h["en"]}"\ncountry = "JP"\n'
            f'note = "{note}"\n')
