"""The HTML documents of the third blind corpus (one function per document)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from blind3_data import row, total, truth

FRAME_TOP = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<header><div class="logo">{home}</div><nav><ul><li><a href="/">{top}</a></li>
<li><a href="/intl/">{intl}</a></li><li><a href="/access/">{access}</a></li></ul></nav></header>
<main>
"""
FRAME_END = """</main>
<footer><p>&copy; {home}</p><ul><li><a href="/privacy/">Privacy</a></li></ul></footer>
</body></html>
"""


def d03_kitakami(out: Path) -> dict[str, Any]:
    """A table with a two-row header (colspan groups 協定校 → 和文/英文 and 協定 → 締結日/授業料),
    dates `2018（平成30）年4月1日`, footnote markers ※1 and a footnote row inside the table."""
    doc = "d03-kitakami.html"
    data = [
        ('b3:cn-fudan', '復旦大学', 'Fudan University', '中国', '2008（平成20）年10月6日',
         '2008-10-06', True, ''),
        ('b3:cn-neu', '東北大学（中国・瀋陽）', 'Northeastern University, China', '中国',
         '2019（令和元）年5月20日', '2019-05-20', False, ''),
        ('b3:kr-yonsei', '延世大学校', 'Yonsei University', '韓国', '2011（平成23）年3月1日',
         '2011-03-01', True, ''),
        ('b3:tw-ncku', '国立成功大学', 'National Cheng Kung University', '台湾',
         '2016（平成28）年12月9日', '2016-12-09', True, ''),
        ('b3:hk-hku', '香港大学', 'The University of Hong Kong', '香港', '2014（平成26）年7月1日',
         '2014-07-01', False, '※1'),
        ('b3:id-ui', 'インドネシア大学', 'Universitas Indonesia', 'インドネシア',
         '2020（令和2）年2月14日', '2020-02-14', True, ''),
        ('b3:in-iisc', 'インド理科大学院', 'Indian Institute of Science', 'インド',
         '2017（平成29）年11月1日', '2017-11-01', False, ''),
        ('b3:us-ucb', 'カリフォルニア大学バークレー校', 'University of California, Berkeley',
         'アメリカ', '2006（平成18）年4月1日', '2006-04-01', False, '※2'),
        ('b3:us-purdue', 'パデュー大学', 'Purdue University', 'アメリカ',
         '2013（平成25）年8月26日', '2013-08-26', True, ''),
        ('b3:ca-toronto', 'トロント大学', 'University of Toronto', 'カナダ',
         '2018（平成30）年4月1日', '2018-04-01', False, ''),
        ('b3:gb-ed', 'エディンバラ大学', 'The University of Edinburgh', '英国',
         '2015（平成27）年9月14日', '2015-09-14', True, ''),
        ('b3:fr-sorbonne', 'ソルボンヌ大学', 'Sorbonne Université', 'フランス',
         '2021（令和3）年1月18日', '2021-01-18', True, ''),
        ('b3:at-wien', 'ウィーン大学', 'Universität Wien', 'オーストリア',
         '2012（平成24）年6月4日', '2012-06-04', True, ''),
        ('b3:au-uq', 'クイーンズランド大学', 'The University of Queensland', 'オーストラリア',
         '2009（平成21）年2月2日', '2009-02-02', False, ''),
        ('b3:mx-unam', 'メキシコ国立自治大学', 'Universidad Nacional Autónoma de México',
         'メキシコ', '2022（令和4）年3月30日', '2022-03-30', True, ''),
    ]
    h = [
        FRAME_TOP.format(
            lang="ja",
            title="協定校一覧 | 北上学院大学",
            home="北上学院大学",
            top="トップ",
            intl="国際交流",
            access="アクセス",
        )
    ]
    h.append("<h1>大学間交流協定校一覧</h1>\n<p>2024年10月1日現在</p>\n")
    h.append(
        '<table class="list">\n<thead>\n<tr><th rowspan="2">No.</th>'
        '<th colspan="2">協定校</th><th rowspan="2">国・地域</th>'
        '<th colspan="2">協定</th></tr>\n'
        "<tr><th>和文名</th><th>英文名</th><th>締結日</th><th>授業料不徴収</th></tr>\n"
        "</thead>\n<tbody>\n"
    )
    rows: list[dict[str, Any]] = []
    r = 2
    for i, (pid, ja, en, cname, sp, sd, wv, mark) in enumerate(data, 1):
        r += 1
        h.append(
            f"<tr><td>{i}</td><td>{escape(ja)}{mark}</td><td>{escape(en)}</td>"
            f"<td>{cname}</td><td>{sp}</td><td>{'○' if wv else '－'}</td></tr>\n"
        )
        rows.append(
            row(
                "kitakami",
                pid,
                {"table": 1, "row": r},
                layout="colspan-header-table",
                ja=ja,
                en=en,
                printed_ja=ja + mark,
                signed=sd,
                signed_printed=sp,
                waiver=wv,
            )
        )
    h.append(
        '<tr><td colspan="6">※1 2023年度より学生交流を休止中（協定は有効）<br>'
        "※2 授業料不徴収は大学院生のみ（2020年4月1日改定）</td></tr>\n"
    )
    h.append('<tr><td colspan="5">合計</td><td>15校</td></tr>\n</tbody>\n</table>\n')
    h.append("<p>○：授業料不徴収協定あり　－：なし</p>\n")
    h.append(FRAME_END.format(home="北上学院大学"))
    (out / doc).write_text("".join(h), encoding="utf-8")
    return truth(
        doc,
        "html",
        "kitakami",
        rows,
        title="北上学院大学 大学間交流協定校一覧",
        as_of="2024-10-01",
        language="bi",
        layouts=["colspan-header-table"],
        shape="two-row header: 協定校 colspan=2 over 和文名/英文名, 協定 colspan=2 over "
        "締結日/授業料不徴収, No. and 国・地域 rowspan=2; dates `2018（平成30）年4月1日`; ○/－ "
        "waiver; ※1 ※2 markers after names and a footnote row (colspan=6, with a date that "
        "is not a signing date) and a 合計 row inside the table",
        damage=["footnote_markers"],
        stated_totals=[total("university", "institutions", 15, "合計 15校")],
        notes=["※2's date 2020年4月1日 is an amendment, not a signing date."],
    )


def d04_kitakami_acc(out: Path) -> dict[str, Any]:
    """Accordion page: one `<details>` per country, the `<summary>` `中国（3校）`, inside a
    header-less two-column table: name (ja `<br>` en) and date; one count wrong."""
    doc = "d04-kitakami-dept.html"
    groups = [
        (
            "中国",
            [
                ("b3:cn-zju", "浙江大学", "Zhejiang University", "2017年9月", "2017-09", "文学部"),
                ("b3:cn-fudan", "复旦大学", "Fudan University", "2012年4月", "2012-04", "文学部"),
                ("b3:cn-pku", "北京大学", "Peking University", "2019年3月", "2019-03", "理工学部"),
            ],
        ),
        (
            "大韓民国",
            [
                ('b3:kr-snu', 'ソウル大学校', 'Seoul National University', '2015年4月', '2015-04',
                 '理工学部'),
                ('b3:kr-korea', '高麗大学校', 'Korea University', '2010年10月', '2010-10',
                 '文学部'),
            ],
        ),
        (
            "タイ王国",
            [
                (
                    "b3:th-chula",
                    "チュラーロンコーン大学",
                    "Chulalongkorn University",
                    "2016年6月",
                    "2016-06",
                    "看護学部",
                )
            ],
        ),
        (
            "アメリカ合衆国",
            [
                ('b3:us-wustl', 'ワシントン大学', 'Washington University in St. Louis',
                 '2014年1月', '2014-01', '理工学部'),
                ('b3:us-uw', 'ワシントン大学', 'University of Washington', '2020年8月', '2020-08',
                 '看護学部'),
            ],
        ),
        (
            "ドイツ連邦共和国",
            [
                ('b3:de-hu', 'フンボルト大学ベルリン', 'Humboldt-Universität zu Berlin',
                 '2013年5月', '2013-05', '文学部'),
                ('b3:de-tum', 'ミュンヘン工科大学', 'Technical University of Munich', '2021年12月',
                 '2021-12', '理工学部'),
            ],
        ),
        (
            "スウェーデン王国",
            [("b3:se-lund", "ルンド大学", "Lund University", "2018年2月", "2018-02", "看護学部")],
        ),
    ]
    wrong = {"中国": 4}  # the summary says 4 for 3 tables rows
    h = [
        FRAME_TOP.format(
            lang="ja",
            title="部局間協定 | 北上学院大学",
            home="北上学院大学",
            top="トップ",
            intl="国際交流",
            access="アクセス",
        )
    ]
    h.append(
        "<h1>部局間交流協定</h1>\n<p>国・地域名をクリックすると協定校が表示されます。"
        "（2024年10月1日現在）</p>\n"
    )
    rows: list[dict[str, Any]] = []
    totals = []
    for t, (cname, items) in enumerate(groups, 1):
        n = wrong.get(cname, len(items))
        h.append(f"<details>\n<summary>{cname}（{n}件）</summary>\n<table>\n")
        totals.append(total(f"country:{cname}", "agreements", n, f"{cname}（{n}件）"))
        for r, (pid, ja, en, sp, sd, unit) in enumerate(items, 1):
            h.append(
                f"<tr><td>{escape(ja)}<br><small>{escape(en)}</small></td>"
                f"<td>{unit}</td><td>{sp}</td></tr>\n"
            )
            rows.append(
                row(
                    "kitakami",
                    pid,
                    {"table": t, "row": r},
                    layout="accordion-tables",
                    ja=ja,
                    en=en,
                    signed=sd,
                    signed_printed=sp,
                    level="department",
                    home_unit=unit,
                )
            )
        h.append("</table>\n</details>\n")
    h.append(FRAME_END.format(home="北上学院大学"))
    (out / doc).write_text("".join(h), encoding="utf-8")
    return truth(
        doc,
        "html",
        "kitakami",
        rows,
        title="北上学院大学 部局間交流協定",
        as_of="2024-10-01",
        language="bi",
        layouts=["accordion-tables"],
        shape="one <details> per country, <summary> `中国（3件）`; inside, a header-less table "
        "per country: `ja<br><small>en</small>` / home unit / month-only date; simplified "
        "复旦大学; both ワシントン大学 printed the same in Japanese, told apart by English",
        damage=["wrong_total", "no_header"],
        stated_totals=totals,
        notes=[
            "The home unit is the middle column with no header; every row is a department "
            "agreement of 北上学院大学.",
            "中国（4件）over 3 rows is wrong on purpose.",
        ],
    )


def d05_lahntal(out: Path) -> dict[str, Any]:
    """A German university's `Partnerhochschulen` table in German."""
    doc = "d05-lahntal-partner.html"
    data = [
        ('Japan', 'b3:jp-waseda', 'Waseda-Universität', 'hochschulweit', '01.10.2015',
         '2015-10-01'),
        ('Japan', 'b3:jp-kyoto', 'Universität Kyoto', 'FB Informatik', '15.03.2018', '2018-03-15'),
        ('Japan', 'b3:jp-tohoku', 'Tohoku-Universität (Sendai)', 'FB Maschinenbau', 'WS 2016/17',
         None),
        ('Volksrepublik China', 'b3:cn-neu', 'Northeastern University (Shenyang)',
         'FB Maschinenbau', '01.09.2012', '2012-09-01'),
        ('Volksrepublik China', 'b3:cn-sjtu', 'Shanghai Jiao Tong University', 'hochschulweit',
         '20.11.2019', '2019-11-20'),
        ('Südkorea', 'b3:kr-cau', 'Chung-Ang University', 'FB Wirtschaft', 'SS 2021', None),
        ('Taiwan', 'b3:tw-ntu', 'National Taiwan University', 'hochschulweit', '05.05.2017',
         '2017-05-05'),
        ('Frankreich', 'b3:fr-sorbonne', 'Sorbonne Université', 'FB Sprachen', '12.01.2010',
         '2010-01-12'),
        ('Österreich', 'b3:at-wien', 'Universität Wien', 'FB Sprachen', '03.02.2014',
         '2014-02-03'),
        ('Schweiz', 'b3:ch-ethz', 'ETH Zürich', 'FB Informatik', '30.06.2020', '2020-06-30'),
        ('Italien', 'b3:it-bo', 'Alma Mater Studiorum – Università di Bologna', 'hochschulweit',
         '07.04.2008', '2008-04-07'),
        ('Spanien', 'b3:es-usal', 'Universidad de Salamanca', 'FB Sprachen', '22.10.2013',
         '2013-10-22'),
        ('Vereinigte Staaten', 'b3:us-uw', 'University of Washington', 'FB Informatik',
         '01.08.2022', '2022-08-01'),
    ]
    h = [
        FRAME_TOP.format(
            lang="de",
            title="Partnerhochschulen – Hochschule Lahntal",
            home="Hochschule Lahntal",
            top="Startseite",
            intl="International",
            access="Anfahrt",
        )
    ]
    h.append(
        "<h1>Partnerhochschulen</h1>\n<p>Stand: 1. März 2024. Studierende können an "
        "allen Partnerhochschulen ohne Studiengebühren studieren (Erasmus+ bzw. "
        "bilaterale Abkommen).</p>\n"
    )
    h.append(
        "<table>\n<thead><tr><th>Land</th><th>Hochschule</th><th>Fachbereich</th>"
        "<th>Abkommen seit</th><th>Plätze</th></tr></thead>\n<tbody>\n"
    )
    rows: list[dict[str, Any]] = []
    last = None
    for r, (land, pid, name, fb, sp, sd) in enumerate(data, 2):
        shown = land if land != last else ""
        last = land
        h.append(
            f"<tr><td>{shown}</td><td>{escape(name)}</td><td>{fb}</td><td>{sp}</td>"
            f"<td>{(r % 3) + 1}</td></tr>\n"
        )
        dept = fb != "hochschulweit"
        rows.append(
            row(
                "lahntal",
                pid,
                {"table": 1, "row": r},
                layout="german-table",
                en=name,
                signed=sd,
                signed_printed=sp,
                waiver=True,
                level="department" if dept else "university",
                home_unit_en=fb if dept else None,
            )
        )
    h.append("</tbody>\n</table>\n<p>Insgesamt 13 Partnerhochschulen in 10 Ländern.</p>\n")
    h.append(FRAME_END.format(home="Hochschule Lahntal"))
    (out / doc).write_text("".join(h), encoding="utf-8")
    return truth(
        doc,
        "html",
        "lahntal",
        rows,
        title="Partnerhochschulen",
        as_of="2024-03-01",
        language="de",
        layouts=["german-table"],
        shape="a German university's page in German: Land (printed once per group) / "
        "Hochschule / Fachbereich (`hochschulweit` = university level) / Abkommen seit "
        "(`01.10.2015`, `WS 2016/17`) / Plätze; German country names; Japanese partners",
        damage=["country_once_per_group"],
        stated_totals=[
            total("all", "institutions", 13, "Insgesamt 13 Partnerhochschulen in 10 Ländern."),
            total("all", "countries", 10, "Insgesamt 13 Partnerhochschulen in 10 Ländern."),
        ],
        notes=[
            "German dates are day-first (dd.mm.yyyy): the convention of the language.",
            "A semester (WS 2016/17, SS 2021) is not a date: null.",
            "The lead paragraph says every partner is tuition-free: waiver true for all.",
            "German and native names are kept in `en` (Latin script).",
        ],
    )
