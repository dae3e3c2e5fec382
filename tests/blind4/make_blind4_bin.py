# ruff: noqa: E501  (data tables and printed strings)
"""The workbook and the PDF of the fourth blind corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from blind4_data import PARTNERS, row
from make_blind4_docs import truth

# ---------------------------------------------------------------- e03 XLSX: legend sheet first, header in row 4
E03 = [  # (country, pid, printed ja, date (str or date), signed, mark, 備考)
    ("韓国", "b4:kr-snu", "ソウル大学校", "2019-04", "2019-04", "○", ""),
    ("中国", "b4:cn-fudan", "復旦大学", dt.date(2012, 10, 1), "2012-10-01", "○", ""),
    ("中国", "b4:cn-whu", "武漢大学", "2016-09", "2016-09", "△", ""),
    ("中国", "b4:cn-neu", "東北大学", "2010-04", "2010-04", "", "瀋陽市"),
    ("台湾", "b4:tw-ntu", "国立台湾大学", dt.date(2018, 3, 15), "2018-03-15", "○", ""),
    ("タイ", "b4:th-chula", "チュラロンコン大学", "2014-11", "2014-11", "", ""),
    ("ベトナム", "b4:vn-vnuhn", "ベトナム国家大学ハノイ校", "2021-01", "2021-01", "△", ""),
    (
        "シンガポール",
        "b4:sg-nus",
        "シンガポール国立大学",
        dt.date(2009, 6, 1),
        "2009-06-01",
        "○",
        "",
    ),
    ("ドイツ", "b4:de-heidelberg", "ハイデルベルク大学", "2013-07", "2013-07", "", "廃止"),
    ("イギリス", "b4:gb-leeds", "リーズ大学", "2017-02", "2017-02", "○", ""),
    ("スペイン", "b4:es-ub", "バルセロナ大学", "2020-10", "2020-10", "", ""),
    ("スペイン", "b4:es-usc", "サンティアゴ大学", "2015-05", "2015-05", "○", ""),
    ("カナダ", "b4:ca-mcgill", "マギル大学", dt.date(2011, 12, 1), "2011-12-01", "○", ""),
    ("ニュージーランド", "b4:nz-auckland", "オークランド大学", "2022-08", "2022-08", "△", ""),
    ("スウェーデン", "b4:se-lund", "ルンド大学", "2018-06", "2018-06", "", ""),
]


def e03(out: Path) -> dict:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    doc, layout = "e03-hokuso.xlsx", "legend-sheet-offset-header"
    wb = Workbook()
    leg = wb.active
    leg.title = "凡例"
    for i, t in enumerate(
        [
            "凡例",
            "○：授業料不徴収",
            "△：授業料一部免除",
            "無印：授業料徴収",
            "取消線：廃止された協定（記録として残す）",
            "締結年月は年-月で記載",
        ],
        1,
    ):
        leg.cell(i, 1, t)
    ws = wb.create_sheet("協定校一覧")
    ws["A1"] = "北総工業大学　大学間交流協定校一覧"
    ws["A2"] = "2024年5月1日現在"
    ws.append([])
    hdr = 4
    for j, t in enumerate(
        ["No.", "国・地域", "協定校名", "英文名", "締結年月", "授業料", "備考"], 1
    ):
        ws.cell(hdr, j, t)
    rows = []
    for i, (c, pid, pn, d, signed, mark, note) in enumerate(E03, 1):
        r = hdr + i
        en = PARTNERS[pid][2]
        vals = [i, c, pn, en, d, mark, note]
        for j, v in enumerate(vals, 1):
            cell = ws.cell(r, j, v)
            if note == "廃止":
                cell.font = Font(strike=True)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
        extra: dict = {"status": "廃止"} if note == "廃止" else {}
        if isinstance(d, dt.date):
            extra["signed_excel_cell"] = True
        rows.append(
            row(
                "hokuso",
                layout,
                pid,
                {"sheet": "協定校一覧", "row": r, "cell": f"協定校一覧!C{r}"},
                printed_ja=pn,
                printed_en=en,
                signed=signed,
                signed_printed=None if isinstance(d, dt.date) else d,
                waiver={"○": True, "△": True, "": False}[mark],
                damage=["struck_through"] if note == "廃止" else [],
                **extra,
            )
        )
    last = hdr + len(E03) + 1
    ws.cell(last, 2, "計")
    ws.cell(last, 3, "16校")
    wb.save(out / doc)
    return truth(
        doc,
        "xlsx",
        "hokuso",
        layout,
        "ja",
        "北総工業大学　大学間交流協定校一覧",
        "2024-05-01",
        "workbook whose first sheet is a legend (凡例); the list on the second sheet with title, as-of, a blank "
        "row and the header in row 4; 締結年月 as text 2019-04 (month only) or Excel date cells; ○/△/blank",
        rows,
        notes=[
            "a struck-through row with 備考 廃止 is an ended agreement: a row, status 廃止",
            "△ (一部免除, defined on the legend sheet) counts as a waiver: true; blank is false (無印：授業料徴収)",
            "東北大学 with country 中国 and 備考 瀋陽市 is Northeastern University (Shenyang)",
            "サンティアゴ大学 with country スペイン is Santiago de Compostela (namesake of e05's)",
            "計 16校 is wrong: 15 rows",
        ],
        totals=[{"scope": "all", "unit": "institutions", "value": 16, "text": "計 16校"}],
        damage=["wrong_total", "struck_through"],
    )


# ---------------------------------------------------------------- e04 PDF: cells holding two agreements
E04 = [  # (country, pid, [(level word, signed printed, signed, mark)])
    (
        "中国",
        "b4:cn-sjtu",
        [("大学間", "2010.4.1", "2010-04-01", "○"), ("工学部", "2020.4.1", "2020-04-01", "－")],
    ),
    ("韓国", "b4:kr-snu", [("大学間", "2008.10.1", "2008-10-01", "○")]),
    ("台湾", "b4:tw-ntu", [("工学部", "2016.9.1", "2016-09-01", "○")]),
    (
        "アメリカ",
        "b4:us-purdue",
        [
            ("大学間", "2005.6.15", "2005-06-15", "○"),
            ("大学院工学研究科", "2019.1.10", "2019-01-10", "○"),
        ],
    ),
    ("アメリカ", "b4:us-uiuc", [("大学間", "2014.3.1", "2014-03-01", "－")]),
    ("ドイツ", "b4:de-fub", [("大学間", "2012.11.20", "2012-11-20", "○")]),
    (
        "フランス",
        "b4:fr-uga",
        [("大学間", "2009.7.1", "2009-07-01", "○"), ("工学部", "2017.7.1", "2017-07-01", "－")],
    ),
    ("ベルギー", "b4:be-kuleuven", [("大学院工学研究科", "2021.4.1", "2021-04-01", "－")]),
    ("イタリア", "b4:it-unipd", [("大学間", "2013.5.20", "2013-05-20", "○")]),
    (
        "オーストラリア",
        "b4:au-monash",
        [("大学間", "2011.2.1", "2011-02-01", "○"), ("工学部", "2018.2.1", "2018-02-01", "○")],
    ),
]


def e04(out: Path) -> dict:
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    doc, layout = "e04-hokuso-combined.pdf", "two-agreements-per-cell"
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    f = "HeiseiKakuGo-W5"
    st = ParagraphStyle("j", fontName=f, fontSize=10, leading=14)
    data = [["No.", "国・地域", "協定校", "協定区分", "締結日", "授業料"]]
    rows = []
    for i, (c, pid, ags) in enumerate(E04, 1):
        ja = PARTNERS[pid][1]
        data.append(
            [
                str(i),
                c,
                ja,
                "\n".join(a[0] for a in ags),
                "\n".join(a[1] for a in ags),
                "\n".join(a[3] for a in ags),
            ]
        )
        for lv, dp, signed, mark in ags:
            dept = lv != "大学間"
            rows.append(
                row(
                    "hokuso",
                    layout,
                    pid,
                    {"page": 1, "table": 1, "row": i + 1},
                    printed_ja=ja,
                    signed=signed,
                    signed_printed=dp,
                    waiver=mark == "○",
                    level="department" if dept else "university",
                    agreement_level=lv,
                    home_unit={"ja": lv, "en": None} if dept else None,
                    damage=["two_in_cell"] if len(ags) > 1 else [],
                )
            )
    t = Table(data, colWidths=[28, 66, 196, 96, 66, 40])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), f, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    story = [
        Paragraph("北総工業大学　国際交流協定一覧（大学間・部局間）", st),
        Paragraph("2024年5月1日現在", st),
        Spacer(1, 8),
        t,
        Spacer(1, 8),
        Paragraph(
            "○：授業料不徴収　－：授業料徴収　協定区分の上段は大学間協定、下段は部局間協定を示す。",
            st,
        ),
        Paragraph("計 10校（大学間 8件、部局間 7件）", st),
    ]
    SimpleDocTemplate(
        str(out / doc),
        pagesize=A4,
        title="北総工業大学 国際交流協定一覧",
        author="",
        creator="",
        producer="",
    ).build(story)
    return truth(
        doc,
        "pdf",
        "hokuso",
        layout,
        "ja",
        "北総工業大学　国際交流協定一覧（大学間・部局間）",
        "2024-05-01",
        "ruled table in which one row holds up to two agreements with the same partner: 協定区分 "
        "`大学間` over a unit, 締結日 `2010.4.1` over `2020.4.1`, 授業料 `○` over `－`, stacked in one cell",
        rows,
        notes=[
            "a cell with two lines is two agreements: the table row gives two truth rows at the same locator "
            "(university-level and department-level, the unit being the home unit)",
            "計 10校 is right (10 institutions); 大学間 8件 is right; 部局間 7件 is wrong (6)",
        ],
        totals=[
            {"scope": "all", "unit": "institutions", "value": 10, "text": "計 10校"},
            {"scope": "university", "unit": "agreements", "value": 8, "text": "大学間 8件"},
            {"scope": "department", "unit": "agreements", "value": 7, "text": "部局間 7件"},
        ],
        damage=["two_in_cell"],
    )


# ---------------------------------------------------------------- e09 XLSX: partner x unit matrix, dates in cells
E09_UNITS = ["大学間", "工学部", "理学部", "大学院工学研究科"]
E09 = [  # (country, pid, {unit: date (str or date)})
    ("韓国", "b4:kr-snu", {"大学間": dt.date(2008, 10, 1), "理学部": "2019.4.1"}),
    ("中国", "b4:cn-sjtu", {"大学間": dt.date(2010, 4, 1), "工学部": dt.date(2020, 4, 1)}),
    ("台湾", "b4:tw-ntu", {"工学部": "2016.9.1", "理学部": "2018.10.1"}),
    ("アメリカ", "b4:us-purdue", {"大学間": dt.date(2005, 6, 15), "大学院工学研究科": "2019.1.10"}),
    ("ドイツ", "b4:de-fub", {"大学間": dt.date(2012, 11, 20)}),
    ("ベルギー", "b4:be-kuleuven", {"大学院工学研究科": "2021.4.1"}),
    ("スウェーデン", "b4:se-lund", {"理学部": "2022.9.1"}),
    (
        "オーストラリア",
        "b4:au-monash",
        {"大学間": dt.date(2011, 2, 1), "工学部": "2018.2.1", "理学部": "2023.1.5"},
    ),
]


def e09(out: Path) -> dict:
    from openpyxl import Workbook

    doc, layout = "e09-hokuso-matrix.xlsx", "partner-unit-matrix"
    wb = Workbook()
    ws = wb.active
    ws.title = "協定マトリクス"
    ws["A1"] = "北総工業大学　協定校・部局別締結状況（締結日）"
    hdr = 3
    for j, t in enumerate(["国・地域", "協定校", *E09_UNITS], 1):
        ws.cell(hdr, j, t)
    rows = []
    for i, (c, pid, ags) in enumerate(E09, 1):
        r = hdr + i
        ja = PARTNERS[pid][1]
        ws.cell(r, 1, c)
        ws.cell(r, 2, ja)
        for j, unit in enumerate(E09_UNITS, 3):
            d = ags.get(unit)
            if d is None:
                continue
            cell = ws.cell(r, j, d)
            if isinstance(d, dt.date):
                cell.number_format = "yyyy/m/d"
                signed, sp = d.isoformat(), None
            else:
                y, m, dd = (int(x) for x in d.split("."))
                signed, sp = f"{y:04d}-{m:02d}-{dd:02d}", d
            dept = unit != "大学間"
            extra: dict = {"agreement_level": unit, "date_cell": cell.coordinate}
            if sp is None:
                extra["signed_excel_cell"] = True
            rows.append(
                row(
                    "hokuso",
                    layout,
                    pid,
                    {"sheet": ws.title, "row": r, "cell": f"{ws.title}!B{r}"},
                    printed_ja=ja,
                    signed=signed,
                    signed_printed=sp,
                    waiver=None,
                    level="department" if dept else "university",
                    home_unit={"ja": unit, "en": None} if dept else None,
                    **extra,
                )
            )
    ws.cell(hdr + len(E09) + 2, 1, "※空欄は協定なし。締結日はいずれも最初の締結日。")
    wb.save(out / doc)
    return truth(
        doc,
        "xlsx",
        "hokuso",
        layout,
        "ja",
        "北総工業大学　協定校・部局別締結状況（締結日）",
        "2024-05-01",
        "a matrix: one row per partner, one column per home unit (大学間 = university level, then 工学部, "
        "理学部, 大学院工学研究科), the signing date in the cell where an agreement exists (Excel dates and "
        "`2019.4.1` text); blank = no agreement; no waiver column",
        rows,
        notes=[
            "each non-empty date cell is one agreement: a row located at the partner's name cell "
            "(several truth rows share it; `date_cell` names the date's cell)",
            "the 大学間 column is university level; the other columns are home units",
            "no waiver statement: null; dates agree with e04 where the same agreement is printed",
        ],
        damage=[],
    )
