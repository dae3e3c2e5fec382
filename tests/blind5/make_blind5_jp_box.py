"""Wakasa Gakuin University (Japan, private): f06 box-drawn text table."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit

H = "wakasa"


def _wd(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _wd(s))


# f06: (no, faculty, partner print or (first, second) split, pid, partner unit,
#       date, iso, renewed, damage)
F06 = [
    (
        "１",
        "経済学部",
        "延世大学校",
        "b5:kr-yonsei",
        "商経大学",
        "H28.4.1",
        "2016-04-01",
        "R3.4.1",
        None,
    ),
    (
        "２",
        "経済学部",
        "Ｓｅｏｕｌ　Ｎａｔｉｏｎａｌ　Ｕｎｉｖｅｒｓｉｔｙ",
        "b5:kr-snu",
        "経営大学",
        "H29.10.1",
        "2017-10-01",
        "R4.10.1",
        "fullwidth_latin",
    ),
    ("３", "経済学部", "国立台湾大学", "b5:tw-ntu", "管理学院", "H30.2.1", "2018-02-01", "", None),
    (
        "４",
        "経済学部",
        "ＵＮＳＷ　Ｓｙｄｎｅｙ",
        "b5:au-unsw",
        "ビジネススクール",
        "R1.7.1",
        "2019-07-01",
        "",
        "fullwidth_latin",
    ),
    (
        "５",
        "国際文化学部",
        "釜山大学校",
        "b5:kr-pnu",
        "人文大学",
        "H27.3.1",
        "2015-03-01",
        "R2.3.1",
        None,
    ),
    (
        "６",
        "国際文化学部",
        "チュラロンコン大学",
        "b5:th-chula",
        "文学部",
        "H26.10.1",
        "2014-10-01",
        "R1.10.1",
        None,
    ),
    (
        "７",
        "国際文化学部",
        "ハイデルベルク大学",
        "b5:de-heidelberg",
        "哲学部",
        "R2.4.1",
        "2020-04-01",
        "",
        None,
    ),
    (
        "８",
        "国際文化学部",
        ("ハワイ大学", "マノア校"),
        "b5:us-hawaii",
        "言語・語学・文学部",
        "R3.9.1",
        "2021-09-01",
        "",
        "split",
    ),
    (
        "９",
        "国際文化学部",
        "ソルボンヌ大掌",
        "b5:fr-sorbonne",
        "文学部",
        "R4.4.1",
        "2022-04-01",
        "",
        "ocr_slip",
    ),
    (
        "10",
        "看護学部",
        "マヒドン大学",
        "b5:th-mahidol",
        "看護学部",
        "H31.1.10",
        "2019-01-10",
        "",
        None,
    ),
    (
        "11",
        "看護学部",
        "クイーンズランド大学",
        "b5:au-uq",
        "看護・助産学部",
        "R4.2.1",
        "2022-02-01",
        "",
        None,
    ),
    ("12", "看護学部", "国立成功大学", "b5:tw-ncku", "", "R5.8.1", "2023-08-01", "", "shifted"),
    (
        "13",
        "看護学部",
        "チェンマイ大学",
        "b5:th-cmu",
        "看護学部",
        "R2.12.1",
        "2020-12-01",
        "",
        None,
    ),
]
WID = (4, 14, 46, 20, 10, 10)


def f06(out: Path) -> dict[str, Any]:
    doc = "f06-wakasa-bukyoku.txt"

    def line(cells: tuple[str, ...]) -> str:
        return "│" + "│".join(_pad(cl, wd) for cl, wd in zip(cells, WID, strict=False)) + "│"

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * wd for wd in WID) + right

    lines = [
        "若狭学院大学　学部間交流協定一覧",
        "　　　　　　　　　　　　　　　　　　　　２０２４年４月１日現在",
        "",
        rule("┌", "┬", "┐"),
        line(("No", "学部", "協定校", "相手部局", "締結日", "更新日")),
        rule("├", "┼", "┤"),
    ]
    rows: list[dict[str, Any]] = []
    for no, fac, printed, pid, pu, dprint, iso, renewed, dmg in F06:
        clean = name(pid, "ja")
        if isinstance(printed, tuple):
            lines.append(line((no, fac, printed[0], pu, dprint, renewed)))
            lines.append(line(("", "", printed[1], "", "", "")))
            loc: dict[str, Any] = {"lines": [len(lines) - 1, len(lines)]}
            pja, pen, ja, en = "".join(printed), None, clean, None
        else:
            if dmg == "shifted":
                lines.append(line((no, fac, printed, dprint, "", "")))
            else:
                lines.append(line((no, fac, printed, pu, dprint, renewed)))
            loc = {"line": len(lines)}
            if dmg == "fullwidth_latin":
                pja, pen, ja, en = None, printed, None, name(pid, "en")
            else:
                pja, pen, ja, en = printed, None, clean, None
        extra = {"renewed_printed": renewed} if renewed else {}
        rows.append(
            row(
                H,
                "box-drawn-text-table",
                pid,
                loc,
                ja=ja,
                en=en,
                printed_ja=pja,
                printed_en=pen,
                level="department",
                home_unit=unit(fac),
                partner_unit=unit(pu) if pu else None,
                signed=iso,
                signed_printed=dprint,
                waiver=None,
                damage=[dmg] if dmg else [],
                **extra,
            )
        )
    lines.append(rule("└", "┴", "┘"))
    tot = "合計　１３件（経済学部４件、国際文化学部５件、看護学部４件）"
    lines.append(tot)
    lines.append("※更新日は直近の協定更新日")
    (out / doc).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return doc_truth(
        doc,
        "text",
        H,
        title="若狭学院大学　学部間交流協定一覧",
        as_of="2024-04-01",
        language="ja",
        layout="box-drawn-text-table",
        rows=rows,
        shape="a table drawn with box characters (┌┬┐│├┼┤└┴┘) in a text file, No (full-width "
        "digits)/学部/協定校/"
        "相手部局/締結日/更新日; wareki abbreviations H28.4.1, R1.7.1, H31.1.10",
        notes=[
            "締結日 is the signing date, 更新日 (renewal; kept as renewed_printed) is not",
            "department level: home unit = 学部; waiver not stated: null",
            "full-width Latin names (Ｓｅｏｕｌ　Ｎａｔｉｏｎａｌ　Ｕｎｉｖｅｒｓｉｔｙ, "
            "ＵＮＳＷ　Ｓｙｄｎｅｙ): `en` is the "
            "NFKC name, printed_en the print",
            "No ８: ハワイ大学 / マノア校 split over two box lines (lines [first, last]) = "
            "ハワイ大学マノア校",
            "No ９: ソルボンヌ大掌 is a slip for ソルボンヌ大学 (ja clean, printed_ja the slip)",
            "No 12: 相手部局 left empty and the date typed under 相手部局 (one column to the "
            "left): "
            "signed R5.8.1, no partner unit",
            "合計 13件 and the three faculty counts are right",
        ],
        stated_totals=[
            total("department", "agreements", 13, tot),
            total("経済学部", "agreements", 4, tot),
            total("国際文化学部", "agreements", 5, tot),
            total("看護学部", "agreements", 4, tot),
        ],
        damage=["split", "shifted", "ocr_slip", "fullwidth_latin"],
    )
