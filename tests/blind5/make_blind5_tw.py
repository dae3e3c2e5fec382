"""National Nanying University of Science and Technology (Taiwan): f03 Big5 CSV, f04 ruled PDF."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, Table, TableStyle

rl_config.invariant = 1
H = "nanying"
FONT = "STSong-Light"


def roc(iso: str, style: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    if style == "dot":
        return f"{y - 1911}.{m:02d}.{d:02d}"
    if style == "minguo":
        return f"民國{y - 1911}年{m}月{d}日"
    if style == "slash":
        return f"{y}/{m}/{d}"
    return f"{y}.{m}.{d}"


# f03: (continent, country print, ISO, pid, kind, iso, date style, waiver V, note, damage)
F03 = [
    ("亞洲", "日本", "JP", "b5:jp-tokyo", "學生交換", "2018-04-01", "dot", True, "", None),
    ("亞洲", "日本", "JP", "b5:jp-chuo", "學生交換", "2017-09-15", "dot", True, "", None),
    ("亞洲", "日本", "JP", "b5:jp-tokai", "學術交流", "2016-11-01", "dot", False, "", None),
    ("亞洲", "日本", "JP", "b5:jp-keio", "雙聯學位", "2020-01-20", "dot", True, "", None),
    ("亞洲", "韓國", "KR", "b5:kr-cau", "學生交換", "2019-03-01", "dot", True, "", None),
    ("亞洲", "韓國", "KR", "b5:kr-pnu", "學生交換", "2021-06-30", "dot", True, "", None),
    ("亞洲", "中國大陸", "CN", "b5:cn-sysu", "學術交流", "2015-05-12", "dot", False, "", None),
    ("亞洲", "中國大陸", "CN", "b5:cn-pku", "學術交流", "2015-10-08", "slash", False, "", None),
    ("亞洲", "泰國", "TH", "b5:th-cmu", "學生交換", "2020-08-01", "dot", True, "", None),
    ("亞洲", "馬來西亞", "MY", "b5:my-utm", "學生交換", "2018-12-05", "dot", False, "", None),
    ("亞洲", "印尼", "ID", "b5:id-ui", "學生交換", "2022-02-15", "dot", True, "", "shifted"),
    ("歐洲", "德國", "DE", "b5:de-tum", "雙聯學位", "2016-05-03", "slash", False, "", None),
    (
        "歐洲",
        "英國",
        "GB",
        "b5:gb-leeds",
        "學生交換",
        "2019-07-01",
        "dot",
        False,
        "自費交換\n（學費不互免）",
        None,
    ),
    (
        "美洲",
        "美國",
        "US",
        "b5:us-hawaii",
        "學生交換",
        "2014-03-10",
        "dot",
        True,
        "112年8月31日屆滿\n未續約",
        None,
    ),
    ("美洲", "智利", "CL", "b5:cl-puc", "學術交流", "2021-10-01", "dot", False, "", None),
    ("大洋洲", "澳洲", "AU", "b5:au-uq", "學生交換", "2017-02-20", "dot", True, "", None),
]
EN_BIG5 = {
    "b5:us-hawaii": "University of Hawaii at Manoa",
    "b5:cl-puc": "Pontificia Universidad Catolica de Chile",
    "b5:de-tum": "Technical University of Munich",
}


def f03(out: Path) -> dict[str, Any]:
    doc = "f03-nanying.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["國立南瀛科技大學 國際學術交流合作學校一覽表"] + [""] * 8)
    w.writerow(["更新日期：民國113年2月1日"] + [""] * 8)
    w.writerow(
        [
            "編號",
            "洲別",
            "國家/地區",
            "學校名稱",
            "英文校名",
            "締約日期",
            "合約類別",
            "學費互免(V)",
            "備註",
        ]
    )
    rows: list[dict[str, Any]] = []
    rec = 3
    for i, (cont, cprint, iso2, pid, kind, iso, style, wv, note, dmg) in enumerate(F03, 1):
        zh = name(pid, "zh")
        en = EN_BIG5.get(pid, name(pid, "en"))
        dprint = roc(iso, style)
        cells = [str(i), cont, cprint, zh, en, dprint, kind, "V" if wv else "", note]
        if dmg == "shifted":
            cells = [str(i), cont, "", *cells[2:]]
        w.writerow(cells)
        rec += 1
        extra: dict[str, Any] = {"agreement_type": kind}
        if note:
            extra["notes"] = note
        if pid == "b5:us-hawaii":
            extra["status"] = "屆滿未續約"
        rows.append(
            row(
                H,
                "roc-big5-csv",
                pid,
                {"row": rec},
                ja=zh,
                en=en,
                country=iso2,
                signed=iso,
                signed_printed=dprint,
                waiver=wv,
                damage=[dmg] if dmg else [],
                **extra,
            )
        )
    tot = f"{len(F03)}所"
    w.writerow(["合計", "", "", tot, "", "", "", "", ""])
    (out / doc).write_bytes(buf.getvalue().encode("cp950"))
    return doc_truth(
        doc,
        "csv",
        H,
        title="國立南瀛科技大學 國際學術交流合作學校一覽表",
        as_of="2024-02-01",
        language="zh",
        layout="roc-big5-csv",
        rows=rows,
        shape="Big5 (cp950) CSV, CRLF, two title records above the header: "
        "編號/洲別/國家/地區/學校名稱/英文校名/"
        "締約日期/合約類別/學費互免(V)/備註; dates in the Republic of China (民國) calendar "
        "`108.03.01` "
        "(= 2019-03-01) beside a few Western `2015/10/8`; V/blank; multi-line quoted 備註",
        notes=[
            "ROC years: 108 = 2019 (the as-of record says 民國113年); `2015/10/8` Western",
            "中央大學 is printed twice: country 日本 = Chuo University, country 韓國 = Chung-Ang "
            "University "
            "(namesakes); 東海大學 with 日本 = Tokai University; 中山大學 with 中國大陸 = Sun "
            "Yat-sen University",
            "學費互免(V): V true, blank false (a marked column); 學術交流 rows are blank: false",
            "學術交流 / 學生交換 / 雙聯學位 (dual degree) are all agreements",
            "Big5 has no ó, ʻ, ā: the English column prints Catolica, Hawaii at Manoa (the names "
            "as printed)",
            "record 14 (印尼大學) has an empty cell after 洲別: every later cell shifted right by "
            "one",
            "Hawaii: 備註 `112年8月31日屆滿 / 未續約` (expired): a row, the date is no signing "
            "date",
            f"`合計 {tot}` is right",
        ],
        stated_totals=[total("all", "institutions", len(F03), f"合計,{tot}")],
        damage=["shifted", "multiline_cell"],
    )


# f04: (college, [(country print, pid, partner unit, iso, style, waiver)])
F04 = [
    (
        "電機資訊學院",
        [
            ("日本", "b5:jp-tohoku", "工學研究科", "2017-09-01", "minguo", True),
            ("日本", "b5:jp-kyoto", "情報學研究科", "2019-04-01", "minguo", True),
            ("韓國", "b5:kr-pnu", "工科大學", "2021-03-02", "minguo", False),
            ("泰國", "b5:th-chula", "工程學院", "2018-06-01", "minguo", True),
            (
                "馬來西亞",
                "b5:my-usm",
                "電機電子工程學院 (School of Electrical and Electronic Engineering)",
                "2020-01-15",
                "minguo",
                False,
            ),
        ],
    ),
    (
        "管理學院",
        [
            ("日本", "b5:jp-waseda", "商學學術院", "2016-10-01", "minguo", True),
            ("中國大陸", "b5:cn-fudan", "管理學院", "2015-09-01", "minguo", False),
            ("韓國", "b5:kr-yonsei", "經營大學", "2022-03-01", "minguo", True),
            ("澳洲", "b5:au-unsw", "商學院 (UNSW Business School)", "2017-07-01", "west", False),
        ],
    ),
    (
        "人文社會學院",
        [
            ("日本", "b5:jp-tokai", "文學部", "2017-04-01", "minguo", True),
            (
                "法國",
                "b5:fr-sorbonne",
                "文學院 (Faculté des Lettres)",
                "2019-09-01",
                "minguo",
                False,
            ),
            ("德國", "b5:de-heidelberg", "哲學院", "2018-10-01", "minguo", False),
        ],
    ),
    (
        "工學院",
        [
            ("日本", "b5:jp-tokyo", "工學系研究科", "2018-04-01", "minguo", True),
            ("泰國", "b5:th-mahidol", "工學院", "2020-08-01", "minguo", True),
            (
                "英國",
                "b5:gb-leeds",
                "工程與物理科學學院 (Faculty of Engineering and Physical Sciences)",
                "2021-01-01",
                "dot",
                False,
            ),
        ],
    ),
]
CC = {
    "日本": "JP",
    "韓國": "KR",
    "泰國": "TH",
    "馬來西亞": "MY",
    "中國大陸": "CN",
    "澳洲": "AU",
    "法國": "FR",
    "德國": "DE",
    "英國": "GB",
}


def f04(out: Path) -> dict[str, Any]:
    doc = "f04-nanying-dept.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    st = ParagraphStyle("c", fontName=FONT, fontSize=9, leading=11)
    head = ["序號", "學院", "國家地區", "合作學校", "合作單位", "簽約日期", "學費互免"]
    flat = [(college, *it) for college, items in F04 for it in items]
    split = 8  # rows 1..8 on page 1; row 8 printed again on page 2
    pages = [list(range(0, split)), list(range(split - 1, len(flat)))]
    w, h = landscape(A4)
    c = canvas.Canvas(str(out / doc), pagesize=landscape(A4))
    c.setTitle("院級學術交流協議一覽表")
    rows: list[dict[str, Any]] = []
    dups: list[dict[str, Any]] = []
    for pno, idxs in enumerate(pages, 1):
        c.setFont(FONT, 14)
        if pno == 1:
            c.drawString(40, h - 50, "國立南瀛科技大學　院級學術交流協議一覽表")
            c.setFont(FONT, 10)
            c.drawString(
                40, h - 68, "資料日期：民國113年2月1日　（學費互免：是＝學費互免，否＝不互免）"
            )
        c.setFont(FONT, 8)
        c.drawString(w / 2 - 10, 20, f"- {pno} -")
        data: list[list[Any]] = [head]
        spans = []
        prev_college, start = None, 1
        for k, i in enumerate(idxs, 1):
            college, cprint, pid, pu, iso, style, wv = flat[i]
            show = college if college != prev_college else ""
            if college != prev_college:
                if prev_college is not None and k - 1 > start:
                    spans.append((start, k - 1))
                prev_college, start = college, k
            data.append(
                [
                    str(i + 1),
                    show,
                    cprint,
                    name(pid, "zh"),
                    Paragraph(pu, st),
                    roc(iso, style),
                    "是" if wv else "否",
                ]
            )
            loc = {"page": pno, "table": 1, "row": k + 1}
            if pno == 2 and i == split - 1:
                dups.append({"locator": loc, "of": {"page": 1, "table": 1, "row": split + 1}})
                continue
            rows.append(
                row(
                    H,
                    "college-ruled-pdf-zh",
                    pid,
                    loc,
                    ja=name(pid, "zh"),
                    en=None,
                    country=CC[cprint],
                    level="department",
                    home_unit=unit(college),
                    partner_unit=unit(pu),
                    signed=iso,
                    signed_printed=roc(iso, style),
                    waiver=wv,
                    damage=["wrap"] if len(pu) > 14 else [],
                )
            )
        if len(idxs) > start:
            spans.append((start, len(idxs)))
        t = Table(data, colWidths=[34, 80, 60, 110, 250, 110, 50])
        style_cmds: list[Any] = [
            ("FONT", (0, 0), (-1, -1), FONT, 9),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 13),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 13),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ]
        style_cmds += [("SPAN", (1, a), (1, b)) for a, b in spans]
        t.setStyle(TableStyle(style_cmds))
        _tw, th = t.wrap(w - 80, h)
        t.drawOn(c, 40, h - 90 - th)
        if pno == 2:
            c.setFont(FONT, 10)
            c.drawString(
                40,
                h - 110 - th,
                "合計：15項（電機資訊學院5項、管理學院5項、人文社會學院3項、工學院3項）",
            )
        c.showPage()
    c.save()
    tot = "合計：15項（電機資訊學院5項、管理學院5項、人文社會學院3項、工學院3項）"
    return doc_truth(
        doc,
        "pdf",
        H,
        title="國立南瀛科技大學　院級學術交流協議一覽表",
        as_of="2024-02-01",
        language="zh",
        layout="college-ruled-pdf-zh",
        rows=rows,
        duplicates=dups,
        shape="landscape ruled table in traditional Chinese over two pages, "
        "序號/學院/國家地區/合作學校/合作單位/"
        "簽約日期/學費互免; the 學院 cell spans its rows; dates 民國106年9月1日 (ROC), one ROC "
        "`110.01.01` and one Western `2017.7.1`; "
        "long partner-unit cells wrap; the header repeats on page 2",
        notes=[
            "all rows department level: home unit = 學院, partner unit = 合作單位 (English in "
            "parentheses kept)",
            "民國106年 = 2017, ROC `110.01.01` = 2021-01-01, `2017.7.1` Western (the year cannot "
            "be ROC); 是 true, 否 false",
            "the last row of page 1 (序號 8, 延世大學) is printed again as the first data row of "
            "page 2: a "
            "duplicate, not a row",
            "東海大學 with 日本 is Tokai University (Japan)",
            "合計 15項 right; 管理學院5項 wrong (4 agreements; the doubled row printed 5 lines)",
        ],
        stated_totals=[
            total("department", "agreements", 15, tot),
            total("電機資訊學院", "agreements", 5, tot),
            total("管理學院", "agreements", 5, tot),
            total("人文社會學院", "agreements", 3, tot),
            total("工學院", "agreements", 3, tot),
        ],
        damage=["doubled", "wrap", "wrong_total"],
    )
