# ruff: noqa: E501  (data tables and printed strings)
"""Text, French CSV and Japanese department HTML of the fourth blind corpus."""

from __future__ import annotations

from pathlib import Path

from blind4_data import PARTNERS, row
from make_blind4_docs import truth

# ---------------------------------------------------------------- e05 tab + full-width-space text
E05 = [  # (country, pid, printed name, date, signed, mark)
    ("中国", "b4:cn-pku", "北京大学", "2008年6月1日", "2008-06-01", "◎"),
    ("中国", "b4:cn-neu", "中国東北大学", "2019年4月1日", "2019-04-01", ""),
    ("韓国", "b4:kr-yonsei", "延世大学校", "2012年9月1日", "2012-09-01", "◎"),
    ("タイ", "b4:th-chula", "チュラロンコン大学", "2015年3月10日", "2015-03-10", "△"),
    ("ベトナム", "b4:vn-vnuhn", "ベトナム国家大学ハノイ校", "2017年11月2日", "2017-11-02", ""),
    ("シンガポール", "b4:sg-nus", "シンガポール国立大学", "2011年1月20日", "2011-01-20", "◎"),
    ("フランス", "b4:fr-sorbonne", "ソルボンヌ大学", "2020年10月1日", "2020-10-01", "△"),
    ("フランス", "b4:fr-unistra", "ストラスブール　大学", "2016年5月16日", "2016-05-16", ""),
    ("イギリス", "b4:gb-manchester", "マンチェスター大学", "2014年8月1日", "2014-08-01", "◎"),
    ("イタリア", "b4:it-unipd", "パドヴァ大学", "2018年2月14日", "2018-02-14", ""),
    ("チリ", "b4:cl-usach", "サンティアゴ大学", "2013年12月3日", "2013-12-03", "△"),
    ("カナダ", "b4:ca-ubc", "ブリティッシュコロンビア大学", "2010年6月25日", "2010-06-25", "◎"),
    ("ニュージーランド", "b4:nz-auckland", "オークランド大学", "2022年3月1日", "2022-03-01", ""),
]
WMARK = {"◎": True, "△": True, "": False}


def e05(out: Path) -> dict:
    doc, layout = "e05-sanuki.txt", "tab-fullwidth-text"
    lines = [
        "讃岐学園大学　国際交流協定校一覧（大学間）",
        "２０２４年４月１日現在",
        "凡例：◎＝授業料全額免除　△＝一部免除　無印＝免除なし",
        "",
        "国・地域\t協定校名\t\t締結日",
    ]
    rows = []
    for i, (c, pid, pn, dp, signed, mark) in enumerate(E05):
        sep = (
            "\t" if i % 3 else "　　"
        )  # every third row padded with full-width spaces instead of a tab
        lines.append(f"{c}{sep}{pn}{mark}\t\t{dp}")
        dmg = ["stray_space"] if "　" in pn else []
        rows.append(
            row(
                "sanuki",
                layout,
                pid,
                {"line": len(lines)},
                printed_ja=pn + mark,
                clean_ja=pn.replace("　", ""),
                signed=signed,
                signed_printed=dp,
                waiver=WMARK[mark],
                damage=dmg,
            )
        )
        if i == 6:
            lines.append("〓〓\t■■■■ル大学\t\t20■■年■月")
            unread = {
                "locator": {"line": len(lines)},
                "text": lines[-1],
                "level": "university",
                "partner_id": None,
            }
    lines += ["", "計　１４校（１１か国）", ""]
    (out / doc).write_text("\n".join(lines), encoding="utf-8")
    return truth(
        doc,
        "text",
        "sanuki",
        layout,
        "ja",
        "讃岐学園大学　国際交流協定校一覧（大学間）",
        "2024-04-01",
        "text with tab-separated columns, some rows padded with full-width spaces instead of a tab; "
        "◎ full / △ partial / unmarked none waiver legend",
        rows,
        notes=[
            "△ 一部免除 (partial) counts as a waiver: true; unmarked is false (the legend says 無印＝免除なし)",
            "サンティアゴ大学 with country チリ is the University of Santiago, Chile (namesake of e03's)",
            "計 14校 counts the unreadable line: right (13 rows + 1 unreadable); 11か国 = the countries of the readable rows",
        ],
        totals=[
            {"scope": "all", "unit": "institutions", "value": 14, "text": "計　１４校（１１か国）"}
        ],
        unreadable=[unread],
        damage=["unreadable", "stray_space"],
    )


# ---------------------------------------------------------------- e06 French department CSV, '#' header, ';'
E06 = [  # (composante, pays, pid, date, signed, O/N)
    ("Faculté des sciences", "Japon", "b4:jp-waseda", "12/03/2019", "2019-03-12", "O"),
    ("Faculté des sciences", "Japon", "b4:jp-osaka", "01/09/2017", "2017-09-01", "O"),
    ("Faculté des sciences", "Corée du Sud", "b4:kr-snu", "05/11/2015", "2015-11-05", "N"),
    ("École d'ingénieurs", "Chine", "b4:cn-sjtu", "23/06/2016", "2016-06-23", "O"),
    ("École d'ingénieurs", "Chine", "b4:cn-whu", "10/01/2020", "2020-01-10", "N"),
    ("École d'ingénieurs", "Thaïlande", "b4:th-chula", "07/04/2014", "2014-04-07", "O"),
    ("École d'ingénieurs", "Belgique", "b4:be-kuleuven", "", None, "O"),
    ("IAE Valmont", "Suède", "b4:se-lund", "30/09/2018", "2018-09-30", "N"),
    ("IAE Valmont", "Espagne", "b4:es-ub", "04/02/2013", "2013-02-04", "O"),
    ("IAE Valmont", "Espagne", "b4:es-usc", "19/10/2010", "2010-10-19", "N"),
    ("Faculté de médecine", "Allemagne", "b4:de-fub", "11/12/2021", "2021-12-11", "N"),
    ("Faculté de médecine", "Canada", "b4:ca-mcgill", "02/05/2012", "2012-05-02", "O"),
    ("Faculté de médecine", "Australie", "b4:au-monash", "15/07/2019", "2019-07-15", "N"),
]


def e06(out: Path) -> dict:
    doc, layout = "e06-valmont-composantes.csv", "french-hash-semicolon-csv"
    lines = [
        "# Université de Valmont - accords d'échange des composantes",
        "# Mise à jour : 15/01/2024 - dates au format JJ/MM/AAAA",
        "# Exonération : O = frais exonérés ; N = frais payés dans l'établissement d'origine",
        "Composante;Pays;Établissement partenaire;Date de signature;Exonération",
    ]
    rows = []
    for comp, pays, pid, dp, signed, on in E06:
        name = PARTNERS[pid][3]
        lines.append(f"{comp};{pays};{name};{dp};{on}")
        rows.append(
            row(
                "valmont",
                layout,
                pid,
                {"row": len(lines)},
                printed_en=name,
                signed=signed,
                signed_printed=dp or None,
                waiver=on == "O",
                level="department",
                home_unit={"ja": None, "en": comp},
                damage=[] if dp else ["empty_date"],
            )
        )
    lines.append("# 13 accords au total")
    (out / doc).write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return truth(
        doc,
        "csv",
        "valmont",
        layout,
        "fr",
        "Université de Valmont - accords d'échange des composantes",
        "2024-01-15",
        "French CSV: three '#' comment records above the header, ';' delimiter, "
        "Composante (home unit) / Pays / Établissement / JJ/MM/AAAA (day-first, stated) / O-N",
        rows,
        notes=[
            "the '#' lines are records of the file (csv.reader row numbers count them)",
            "dates are day-first, as the comment header states: 05/11/2015 = 2015-11-05",
            "Composante is the home unit (home_unit.en); all rows department level",
        ],
        totals=[
            {"scope": "all", "unit": "agreements", "value": 13, "text": "# 13 accords au total"}
        ],
        damage=["empty_date"],
    )


# ---------------------------------------------------------------- e07 Japanese department HTML, rowgroup headings
E07 = [  # (unit, pid, printed, date, signed, waiver-cell, ended)
    ("工学部", "b4:cn-fudan", "復旦大学", "2016年10月", "2016-10", "○", False),
    ("工学部", "b4:de-heidelberg", "ハイデルベルク大学", "2019年4月", "2019-04", "", False),
    ("工学部", "b4:us-purdue", "パデュー大学", "2012年7月", "2012-07", "○", False),
    ("工学部", "b4:be-kuleuven", "ルーヴェン・カトリック大学", "2020年2月", "2020-02", "○", False),
    ("経済学部", "b4:cn-whu", "武漢大学", "2011年9月", "2011-09", "", True),
    ("経済学部", "b4:kr-yonsei", "延世大学校", "2018年3月", "2018-03", "○", False),
    ("経済学部", "b4:gb-leeds", "リーズ大学", "2015年1月", "2015-01", "○", False),
    ("大学院理工学研究科", "b4:tw-ntu", "国立台湾大学", "2014年12月", "2014-12", "○", False),
    (
        "大学院理工学研究科",
        "b4:fr-uga",
        "グルノーブル・アルプ大学",
        "2017年6月",
        "2017-06",
        "",
        False,
    ),
    ("大学院理工学研究科", "b4:ca-mcgill", "マギル大学", "2021年11月", "2021-11", "○", False),
    ("大学院理工学研究科", "b4:au-monash", "モナシュ大学", "2013年8月", "2013-08", "", False),
    (
        "大学院理工学研究科",
        "b4:us-uiuc",
        "イリノイ大学アーバナ・シャンペーン校",
        "2022年5月",
        "2022-05",
        "○",
        False,
    ),
]
JA_COUNTRY = {
    "CN": "中国",
    "DE": "ドイツ",
    "US": "アメリカ",
    "BE": "ベルギー",
    "KR": "韓国",
    "GB": "イギリス",
    "TW": "台湾",
    "FR": "フランス",
    "CA": "カナダ",
    "AU": "オーストラリア",
}


def e07(out: Path) -> dict:
    doc, layout = "e07-sanuki-bukyoku.html", "rowgroup-th-table"
    trs = [
        '<tr><th scope="col">協定校</th><th scope="col">国・地域</th><th scope="col">締結年月</th>'
        '<th scope="col">授業料不徴収</th></tr>'
    ]
    rows, cur = [], None
    for unit, pid, pn, dp, signed, wv, ended in E07:
        if unit != cur:
            cur = unit
            n = sum(1 for e in E07 if e[0] == unit)
            trs.append(
                f'<tr class="unit"><th colspan="4" scope="rowgroup">{unit}（{n}件）</th></tr>'
            )
        name = f"<del>{pn}</del>（2023年3月廃止）" if ended else pn
        trs.append(
            f'<tr><th scope="row">{name}</th><td>{JA_COUNTRY[PARTNERS[pid][0]]}</td><td>{dp}</td><td>{wv}</td></tr>'
        )
        extra = {"status": "廃止"} if ended else {}
        rows.append(
            row(
                "sanuki",
                layout,
                pid,
                {"table": 1, "row": len(trs)},
                printed_ja=pn,
                signed=signed,
                signed_printed=dp,
                waiver=wv == "○",
                level="department",
                home_unit={"ja": unit, "en": None},
                damage=["struck_through"] if ended else [],
                **extra,
            )
        )
    html = (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>部局間交流協定｜讃岐学園大学</title>'
        '</head><body>\n<header><p>讃岐学園大学 国際交流センター</p><nav><a href="/">トップ</a> | '
        '<a href="/ryugaku">留学</a></nav></header>\n<main>\n<h1>部局間交流協定一覧</h1>\n'
        "<p>2024年4月1日現在　○：授業料不徴収</p>\n<table>\n"
        + "\n".join(trs)
        + '\n<tr><th scope="row">合計</th><td colspan="3">12件</td></tr>\n</table>\n</main>\n'
        "<footer>© 讃岐学園大学</footer>\n</body></html>\n"
    )
    (out / doc).write_text(html, encoding="utf-8")
    return truth(
        doc,
        "html",
        "sanuki",
        layout,
        "ja",
        "部局間交流協定一覧",
        "2024-04-01",
        "one table; home units as <th colspan=4 scope=rowgroup> rows with a count; partner names in "
        "<th scope=row>; month-only dates; ○/blank",
        rows,
        notes=[
            "a <del> name with （2023年3月廃止） is an ended agreement: a row, status 廃止, its date kept",
            "unit counts and 合計 12件 are right",
        ],
        totals=[{"scope": "all", "unit": "agreements", "value": 12, "text": "合計 12件"}]
        + [
            {
                "scope": u,
                "unit": "agreements",
                "value": sum(1 for e in E07 if e[0] == u),
                "text": f"{u}（{sum(1 for e in E07 if e[0] == u)}件）",
            }
            for u in dict.fromkeys(e[0] for e in E07)
        ],
        damage=["struck_through"],
    )
