"""The blind corpus's text documents (b06 pdftotext -layout of a two-level list, b09 English)."""

from __future__ import annotations

from typing import Any

from blind_data import DOCS, PARTNERS, manifest_entry, row, total, truth

# (country or "", id, name lines, date, signed, waiver)
B06_UNI = [
    ("中国", "cn-pku", ["北京大学"], "2019年10月", "2019-10", True),
    ("", "cn-fudan", ["復旦大学"], "令和2年3月31日", "2020-03-31", False),
    ("韓国", "kr-yonsei", ["延世大学校"], "2020.3.31", "2020-03-31", True),
    ("", "kr-snu", ["ソウル大学校"], "H27.4.1", "2015-04-01", True),
    ("台湾", "tw-nthu", ["国立清華大学"], "2016.3.1", "2016-03-01", False),
    ("タイ", "th-chula", ["チュラロンコン大学"], "平成26年6月2日", "2014-06-02", True),
    ("ベトナム", "vn-vnuhn", ["ベトナム国家大学", "ハノイ校"], "2018.10.1", "2018-10-01", False),
    ("インド", "in-iitb", ["インド工科大学", "ボンベイ校"], "2017.12.15", "2017-12-15", False),
    ("", "in-iitd", ["インド工科大学", "デリー校"], "2020年1月", "2020-01", False),
    ("マレーシア", "my-um", ["マラヤ大学"], "令和2年3月31日", "2020-03-31", True),
    ("インドネシア", "id-ui", ["インドネシア大学"], "2014.11.20", "2014-11-20", False),
    ("アメリカ合衆国", "us-ucb", ["カリフォルニア大学", "バークレー校"], "H25.3.1", "2013-03-01",
     True),
    ("イギリス", "gb-ed", ["エディンバラ大学"], "2021.6.30", "2021-06-30", False),
    ("ドイツ", "de-lmu", ["ミュンヘン大学"], "2022.3.3", "2022-03-03", False),
]
# unit -> (stated count, [(country, id, ja, partner unit, date, signed)])
B06_DEPT = {
    "国際学部": (3, [
        ("中国", "cn-zju", "浙江大学", "外国語学院", "2017年5月", "2017-05"),
        ("韓国", "kr-korea", "高麗大学校", "国際大学院", "2021.9.1", "2021-09-01"),
        ("オーストラリア", "au-monash", "モナシュ大学", "Faculty of Arts", "2018.2.28",
         "2018-02-28"),
    ]),
    "理工学研究科": (5, [
        ("スウェーデン", "se-kth", "スウェーデン王立工科大学", "電気工学・計算機科学部",
         "2016.10.1", "2016-10-01"),
        ("オランダ", "nl-tud", "デルフト工科大学", "航空宇宙工学部", "2019.4.1", "2019-04-01"),
        ("シンガポール", "sg-ntu", "南洋理工大学", "機械・航空宇宙工学部", "2022.1.5",
         "2022-01-05"),
        ("ドイツ", "de-tum", "ミュンヘン工科大学", "電気・情報工学部", "令和4年7月1日",
         "2022-07-01"),
    ]),
    "地域政策研究センター": (2, [
        ("モンゴル", "mn-num", "モンゴル国立大学", "経済学部", "2015.8.20", "2015-08-20"),
        ("カナダ", "ca-uoft", "トロント大学", "Munk School of Global Affairs", "2020.11.11",
         "2020-11-11"),
    ]),
}
TITLE06 = "常陸国際大学 国際交流協定一覧"


def _pad(text: str, width: int) -> str:
    return text + " " * max(1, width - len(text))  # pdftotext pads by glyph count


def b06() -> tuple[str, dict[str, Any]]:
    name = "b06-hitachi.txt"
    lines = [" " * 26 + TITLE06, " " * 58 + "2023年10月1日現在", "", "1. 大学間協定", "",
             "   " + _pad("国・地域", 14) + _pad("協定校名", 36) + _pad("締結日", 16)
             + "授業料不徴収"]
    rows = []
    page_break_after = 7  # rows on page 1
    for i, (country, pid, parts, date, signed, waiver) in enumerate(B06_UNI):
        if i == page_break_after:
            lines += ["", " " * 40 + "- 1 -", "\f" + " " * 26 + TITLE06, "",
                      "   " + _pad("国・地域", 14) + _pad("協定校名", 36) + _pad("締結日", 16)
                      + "授業料不徴収"]
        first = len(lines) + 1
        lines.append("   " + _pad(country, 14) + _pad(parts[0], 36) + _pad(date, 22)
                     + ("○" if waiver else ""))
        for more in parts[1:]:
            lines.append("   " + " " * 14 + more)
        loc: dict[str, Any] = {"line": first} if len(parts) == 1 else {
            "lines": [first, first + len(parts) - 1]}
        rows.append(row("hitachi", pid, loc, layout="layout-text", ja="".join(parts),
                        signed=signed, signed_printed=date, waiver=waiver,
                        damage=["wrap"] if len(parts) > 1 else []))
    lines += ["", " " * 52 + f"計 {len(B06_UNI)}校", "", "2. 部局間協定", ""]
    totals = [total("university", "institutions", len(B06_UNI), f"計 {len(B06_UNI)}校")]
    for unit, (stated, items) in B06_DEPT.items():
        lines.append(f" ■ {unit}（{stated}件）")
        totals.append(total(f"unit:{unit}", "agreements", stated, f"{unit}（{stated}件）"))
        lines.append("   " + _pad("国・地域", 14) + _pad("協定校", 24) + _pad("相手部局", 30)
                     + "締結日")
        for country, pid, ja, punit, date, signed in items:
            lines.append("   " + _pad(country, 14) + _pad(ja, 24) + _pad(punit, 30) + date)
            rows.append(row("hitachi", pid, {"line": len(lines)}, layout="dept-layout-text",
                            ja=ja, signed=signed, signed_printed=date, level="department",
                            home_unit=unit, partner_unit=punit))
        lines.append("")
    lines += [" " * 40 + "- 2 -", ""]
    (DOCS / name).write_text("\n".join(x.rstrip() for x in lines), encoding="utf-8")
    rec = truth(name, "text", "hitachi", title=TITLE06, as_of="2023-10-01", language="ja",
                rows=rows, stated_totals=totals,
                shape="pdftotext -layout of a two-level list: 大学間協定 table with the country "
                      "printed once per group, long names wrapped inside their column onto the "
                      "next line, a page break (page number, form feed, running title, column "
                      "titles again); 部局間協定 grouped under ■ unit headings with counts, one "
                      "of them wrong (理工学研究科（5件） over 4 rows)",
                damage=["wrap", "page_furniture", "wrong_total"])
    entry = manifest_entry(name, "hitachi", TITLE06, "2023-10-01", "2023年10月1日現在", ["ja"],
                           "printed in the title and the running header")
    return entry, rec


# (region or None, country or None, id, printed line body, date text, signed, waiver)
B09 = [
    ("ASIA", "China", "cn-pku", "Peking University (北京大学)", "signed 31 March 2020",
     "2020-03-31", True),
    (None, None, "cn-thu", "Tsinghua University (清华大学)", "signed Mar 2015", "2015-03", False),
    (None, None, "cn-neu", "Northeastern University (东北大学), Shenyang",
     "signed 8 November 2021", "2021-11-08", False),
    (None, "Korea, Republic of", "kr-snu", "Seoul National University (서울대학교)",
     "signed 1 April 2017", "2017-04-01", True),
    (None, None, "kr-yonsei", "Yonsei University (연세대학교)", "signed 03/04/2021", None, True),
    (None, "Taiwan", "tw-ntu", "National Taiwan University (國立臺灣大學)",
     "signed 20 December 2018", "2018-12-20", False),
    (None, "Hong Kong SAR", "hk-hku", "The University of Hong Kong", "signed July 2015",
     "2015-07", False),
    (None, "Mongolia", "mn-num", "National University of Mongolia", "signed 14 January 2022",
     "2022-01-14", True),
    ("EUROPE", "United Kingdom", "gb-man", "University of Manchester", "signed 2016", None,
     False),
    (None, "Germany", "de-hd", "Universität Heidelberg", "signed 1st October 2018", "2018-10-01",
     True),
    ("AMERICAS", "United States", "us-umiami", "University of Miami (Coral Gables, Florida)",
     "signed 5 May 2019", "2019-05-05", False),
    (None, None, "us-miamioh", "Miami University (Oxford, Ohio)", "signed 12 June 2012",
     "2012-06-12", True),
    (None, "Brazil", "br-usp", "University of São Paulo (Universidade de São Paulo)",
     "signed 12 December 2019", "2019-12-12", False),
    ("OCEANIA", "Australia", "au-uq", "The University of Queensland", "signed 2 August 2010",
     "2010-08-02", True),
]


def b09() -> tuple[str, dict[str, Any]]:
    name = "b09-aso-en.txt"
    lines = ["Aso University", "International Partner Institutions (university-level agreements)",
             "As of 1 April 2024", "", "[TW] = agreement includes tuition waiver for exchange "
             "students", ""]
    rows = []
    for region, country, pid, body, date, signed, waiver in B09:
        if region:
            lines += ["", region, "=" * len(region)]
        if country:
            lines.append(country)
        text = f"  * {body} -- {date}" + (" [TW]" if waiver else "")
        if len(text) > 76:  # wrapped as a mail client wraps it
            cut = text.rfind(" ", 0, 72)
            lines += [text[:cut], "    " + text[cut + 1:]]
            loc: dict[str, Any] = {"lines": [len(lines) - 1, len(lines)]}
        else:
            lines.append(text)
            loc = {"line": len(lines)}
        printed = body.split(" (")[0] if "(" in body else body
        native = body.split("(")[1].split(")")[0] if pid in NATIVE_JA else None
        rows.append(row("aso", pid, loc, layout="bullet-text", en=printed, native_name=native,
                        signed=signed, signed_printed=date.removeprefix("signed "),
                        waiver=waiver, damage=["wrap"] if "lines" in loc else []))
    countries = len({PARTNERS[r[2]][0] for r in B09})
    stated = f"Total: {len(B09)} partner institutions in {countries} countries/regions"
    lines += ["", stated, ""]
    (DOCS / name).write_text("\n".join(lines), encoding="utf-8")
    rec = truth(name, "text", "aso", title="International Partner Institutions",
                as_of="2024-04-01", language="en", rows=rows,
                stated_totals=[total("university", "institutions", len(B09), stated),
                               total("university", "countries", countries, stated)],
                shape="plain-text English list as pasted into a mail or a notice: region "
                      "headings underlined with =, country lines, '* name (name in its own "
                      "script) -- signed …' bullets, [TW] waiver mark with legend, dates 31 "
                      "March 2020 / Mar 2015 / 1st October 2018 / 2016 (year only: null) / "
                      "03/04/2021 (ambiguous: null), long bullets wrapped",
                damage=["wrap", "ambiguous_date"])
    entry = manifest_entry(name, "aso", "International Partner Institutions", "2024-04-01",
                           "As of 1 April 2024", ["en"], "printed in the first line")
    return entry, rec


# partners whose parenthesis holds the name in its own script (truth native_name, not ja)
NATIVE_JA = {"cn-pku", "cn-thu", "cn-neu", "kr-snu", "kr-yonsei", "tw-ntu"}
