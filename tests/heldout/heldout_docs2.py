"""Held-out documents in XLSX and PDF (hand-written; see README.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from heldout_data import PARTNERS
from make_heldout import SAME, Doc, lines_with, pdf_column_lines, pdf_lines


def x01(folder: Path) -> Doc:
    """Title and notes above a two-row header with merged cells; a hidden column."""
    from openpyxl import Workbook

    d = Doc("x01-setsurei.xlsx", "xlsx", "setsurei", "ja", "雪嶺大学 国際交流協定校一覧",
            "2024-05-01", "2024年5月1日現在", ["two-row-header"],
            "title, as-of and a note above the header; 協定校名 merged over 和文/英文 in a "
            "second header row; 協定期間 beside 締結日; a hidden column holding a date typed "
            "as text; ○/blank waiver column", languages=["ja", "en"])  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "協定校一覧"
    ws["A1"] = "雪嶺大学 国際交流協定校一覧"
    ws.merge_cells("A1:G1")
    ws["A2"] = "2024年5月1日現在"
    ws["A3"] = "注：授業料不徴収欄の「○」は、授業料等を相互に不徴収とする協定を示す。"
    ws.append([])
    ws.append(["No.", "国・地域", "協定校名", None, "締結日", "協定期間", "授業料不徴収",
               "更新確認"])
    ws.merge_cells("C5:D5")
    ws.append([None, None, "和文", "英文", None, None, None, None])
    rows = [
        ("gb-ed", "英国", dt.date(2012, 6, 18), "2012.6.18～2027.6.17", "○"),
        ("gb-man", "英国", dt.date(2015, 11, 2), "2015.11.2～2025.11.1", ""),
        ("ch-eth", "スイス", None, "2019.4.1～2024.3.31", "○"),
        ("de-hd", "ドイツ", dt.date(2006, 7, 1), "", ""),
        ("sg-nus", "シンガポール", dt.date(2014, 8, 25), "2014.8.25～2029.8.24", "○"),
        ("au-anu", "オーストラリア", dt.date(2010, 3, 15), "", ""),
        ("ca-mcgill", "カナダ", dt.date(2018, 1, 10), "2018.1.10～2023.1.9", ""),
        ("us-uw", "アメリカ", dt.date(2012, 3, 1), "", "○"),
    ]  # fmt: skip
    for i, (pid, country, date, period, mark) in enumerate(rows, 1):
        _c, ja, en, _n = PARTNERS[pid]
        ws.append([i, country, ja, en, date, period, mark, "2023/3/1"])
        r = ws.max_row
        if date:
            ws.cell(r, 5).number_format = "yyyy/m/d"
        d.add(pid, {"sheet": "協定校一覧", "row": r, "cell": f"C{r}"},
              signed=date.isoformat() if date else None, waiver=mark == "○", ja=SAME, en=SAME,
              printed_date=date.isoformat() if date else None)  # fmt: skip
    ws.column_dimensions["H"].hidden = True
    d.notes += ["ETH Zurich has no 締結日: its 協定期間 start (2019.4.1) is not a signing date: "
                "signed null.",
                "Column H (hidden) holds a check date typed as text; it is not a signing date."]
    wb.save(folder / d.name)
    return d


KANJI_DATES = [  # (printed, iso)
    ("昭和五十五年五月三十一日", "1980-05-31"),
    ("平成十年十月一日", "1998-10-01"),
    ("令和元年十一月十一日", "2019-11-11"),
    ("平成二十七年四月一日", "2015-04-01"),
]


def x02(folder: Path) -> Doc:
    """Two tables on one sheet with different columns; kanji-numeral era dates as text."""
    from openpyxl import Workbook

    d = Doc("x02-nankai.xlsx", "xlsx", "nankai", "ja", "南海文化大学 国際交流協定一覧",
            "2024-04-01", "2024年4月1日", ["uni-table", "dept-table"],
            "one sheet, two tables (大学間 then 部局間) with their own headings and columns; "
            "dates written in kanji numerals (昭和五十五年五月三十一日) and as Excel dates; "
            "有/空 waiver")  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "協定一覧"
    ws["A1"] = "南海文化大学　国際交流協定一覧（2024年4月1日）"
    ws["A3"] = "1. 大学間協定"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "国名", "協定校", "締結年月日", "授業料不徴収"
    uni = [("eg-cu", "エジプト", 0, "有"), ("hk-cuhk", "香港", 1, ""),
           ("us-ucla", "アメリカ合衆国", 2, "有"), ("au-anu", "オーストラリア", 3, "")]
    r = 5
    for pid, country, k, waiver in uni:
        printed, iso = KANJI_DATES[k]
        ws.append([country, PARTNERS[pid][1], printed, waiver])
        d.add(pid, {"sheet": "協定一覧", "row": r, "cell": f"B{r}"}, signed=iso,
              printed_date=printed, waiver=waiver == "有", ja=SAME, layout="uni-table")
        r += 1
    r += 1
    ws.cell(r, 1, "2. 部局間協定")
    r += 1
    for c, title in enumerate(["部局", "国名", "協定校", "相手部局", "締結年月日"], 1):
        ws.cell(r, c, title)
    dept = [("法学部", "kr-korea", "韓国", "法科大学", dt.date(2012, 9, 1)),
            ("法学部", "tw-nccu", "台湾", "法学院", dt.date(2017, 3, 20)),
            ("国際文化学部", "mx-unam", "メキシコ", "哲学文学部", dt.date(2019, 5, 6)),
            ("国際文化学部", "es-usal", "スペイン", "文献学部", None)]  # fmt: skip
    for unit, pid, country, punit, date in dept:
        r += 1
        ws.cell(r, 1, unit)
        ws.cell(r, 2, country)
        ws.cell(r, 3, PARTNERS[pid][1])
        ws.cell(r, 4, punit)
        if date:
            ws.cell(r, 5, date).number_format = "yyyy\"年\"m\"月\"d\"日\""
        d.add(pid, {"sheet": "協定一覧", "row": r, "cell": f"C{r}"}, level="department",
              signed=date.isoformat() if date else None, ja=SAME, home_unit=unit,
              partner_unit=punit, layout="dept-table")  # fmt: skip
    d.notes += ["The 部局間 table has no waiver column: waiver null.",
                "The 大学間 table's waiver column is 有/blank: blank is false."]
    wb.save(folder / d.name)
    return d


def _canvas(path: Path, landscape_page: bool = False):  # type: ignore[no-untyped-def]
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    size = landscape(A4) if landscape_page else A4
    return Canvas(str(path), pagesize=size, invariant=1), size


FONT = "HeiseiKakuGo-W5"
# Where a two-column page's columns are (points from the page's top-left): its lines are
# numbered in reading order, the lines above, the left column, the right column, the lines
# below (docs/formats.md). p02's right column starts at x = 310, its left column's longest
# entry ends before 300; the columns run from below the as-of line to above the page number.
TWO_COLUMNS = {"p02-asagiri.pdf": {"top": 100.0, "bottom": 780.0, "gutter": 300.0}}


def p01(folder: Path) -> Doc:
    """Landscape page, a table drawn without any ruling line, bilingual."""
    d = Doc("p01-tokiwa.pdf", "pdf", "tokiwa", "ja", "常盤学院大学 学術交流協定校一覧",
            "2024-05-01", "2024年5月1日現在", ["unruled-table"],
            "landscape A4; a six-column table (No / 国・地域 / 協定校 / 英語名 / 締結日 / "
            "授業料不徴収) laid out with no ruling lines; page number", languages=["ja", "en"])
    rows = [
        ("sg-ntu", "シンガポール", "Nanyang Technological University (NTU)", "2015.3.12", "○"),
        ("my-um", "マレーシア", None, "2013.10.1", ""),
        ("ph-upd", "フィリピン", None, "2018.4.1", "○"),
        ("gb-ed", "英国", None, "2016.9.1", "○"),
        ("de-lmu", "ドイツ", "LMU Munich", "2010.5.3", ""),
        ("ca-ubc", "カナダ", None, "2019.2.20", ""),
        ("nz-uoa", "ニュージーランド", None, "2017.7.1", "○"),
        ("us-uw", "アメリカ合衆国", None, "2011.11.11", ""),
    ]  # fmt: skip
    path = folder / d.name
    c, (w, h) = _canvas(path, landscape_page=True)
    c.setFont(FONT, 14)
    c.drawString(40, h - 50, d.title)
    c.setFont(FONT, 10)
    c.drawString(40, h - 70, "2024年5月1日現在")
    xs = [40, 70, 170, 360, 620, 720]
    y = h - 110
    titles = ["No.", "国・地域", "協定校", "英語名", "締結日", "授業料不徴収"]
    for x, title in zip(xs, titles, strict=True):
        c.drawString(x, y, title)
    for i, (pid, country, en, date, mark) in enumerate(rows, 1):
        y -= 22
        _c, ja, cen, _n = PARTNERS[pid]
        for x, text in zip(xs, [str(i), country, ja, en or cen, date, mark], strict=True):
            if text:
                c.drawString(x, y, text)
    c.drawString(40, y - 40, "※授業料不徴収欄の○は授業料等相互不徴収協定")
    c.drawString(w / 2, 30, "- 1 -")
    c.save()
    text_lines = pdf_lines(path, 1)
    for pid, _country, en, date, mark in rows:
        _c, ja, cen, _n = PARTNERS[pid]
        n = lines_with(text_lines, ja + " ")
        y, m, dd = (int(p) for p in date.split("."))
        d.add(pid, {"page": 1, "line": n}, signed=f"{y:04d}-{m:02d}-{dd:02d}",
              printed_date=date, waiver=mark == "○", ja=SAME, en=SAME,
              printed_en=en)  # fmt: skip
    return d


def p02(folder: Path) -> Doc:
    """Portrait page whose list runs in two text columns side by side."""
    d = Doc("p02-asagiri.pdf", "pdf", "asagiri", "ja", "朝霧大学 大学間交流協定校",
            "2024-04-01", "2024年4月1日現在", ["two-columns"],
            "a grouped list (【region】, country, partner and date) set in two text columns, so "
            "one extracted line holds a left and a right entry; ※ waiver legend")  # fmt: skip
    left = ["【アジア】", "韓国", "ソウル大学校　2005.4.1※", "高麗大学校　2011.10.20", "中国",
            "武漢大学　2009.6.15※", "台湾", "国立台湾大学　2014.5.8"]
    right = ["【北米】", "アメリカ合衆国", "カリフォルニア大学ロサンゼルス校　2008.1.15",
             "ワシントン大学（シアトル）　2012.3.1※", "【ヨーロッパ】", "フランス",
             "ソルボンヌ大学　2010.4", "ポーランド", "ワルシャワ大学　2019.10.1※"]
    path = folder / d.name
    c, (w, h) = _canvas(path)
    c.setFont(FONT, 14)
    c.drawString(50, h - 60, d.title)
    c.setFont(FONT, 10)
    c.drawString(50, h - 80, "2024年4月1日現在　※印は授業料不徴収協定校")
    for column, x in ((left, 50), (right, 310)):
        y = h - 120
        for text in column:
            c.drawString(x + (0 if text.startswith("【") or ("　" not in text and len(text) < 8)
                              else 12), y, text)  # fmt: skip
            y -= 18
    c.drawString(w / 2 - 10, 30, "1")
    c.save()
    text_lines = pdf_column_lines(path, 1, **TWO_COLUMNS[d.name])
    truth = {"kr-snu": ("2005-04-01", True), "kr-korea": ("2011-10-20", False),
             "cn-whu": ("2009-06-15", True), "tw-ntu": ("2014-05-08", False),
             "us-ucla": ("2008-01-15", False), "us-uw": ("2012-03-01", True),
             "fr-sorbonne": ("2010-04", False), "pl-uw": ("2019-10-01", True)}  # fmt: skip
    for pid, (iso, waiver) in truth.items():
        printed = next(t for t in left + right if t.startswith(PARTNERS[pid][1]))
        name, date = printed.rstrip("※").split("　")
        d.add(pid, {"page": 1, "line": lines_with(text_lines, name + " ")}, signed=iso,
              printed_date=date, waiver=waiver, ja=SAME, printed_ja=name)  # fmt: skip
    d.notes.append("Two entries share each page-wide line; locators number the lines in "
                   "reading order (the title lines, the left column, then the right column).")
    return d


def p03(folder: Path) -> Doc:
    """A ruled department table whose partner names carry footnote markers."""
    d = Doc("p03-wakaba.pdf", "pdf", "wakaba", "ja", "若葉理科大学 部局間学術交流協定一覧",
            "2024-06-01", "2024年6月1日現在", ["dept-ruled-footnotes"],
            "ruled table 部局 / 協定校 / 国・地域 / 締結日 (department level) with footnote "
            "markers *1, 注1 after partner names and the footnotes below the table")
    rows = [
        ("理工学部", "th-mahidol", "マヒドン大学*1", "タイ", "2012.2.14", "2012-02-14"),
        ("理工学部", "tw-ntu", "国立台湾大学注1", "台湾", "2016.3.3", "2016-03-03"),
        ("理工学部", "in-iitb", "インド工科大学ボンベイ校", "インド", "2019.12.10", "2019-12-10"),
        ("薬学部", "fj-usp", "南太平洋大学", "フィジー", "2020.1.9", "2020-01-09"),
        ("薬学部", "sg-nus", "シンガポール国立大学*2", "シンガポール", "2014.8.25", "2014-08-25"),
    ]  # fmt: skip
    path = folder / d.name
    c, (_w, h) = _canvas(path)
    c.setFont(FONT, 14)
    c.drawString(50, h - 60, d.title)
    c.setFont(FONT, 10)
    c.drawString(50, h - 80, "2024年6月1日現在")
    xs = [50, 150, 360, 450, 545]
    top = h - 100
    height = 22
    table = [("部局", "協定校", "国・地域", "締結日")] + [r[:1] + r[2:5] for r in rows]
    for i, cells in enumerate(table):
        y = top - i * height
        for x, text in zip(xs, cells, strict=False):
            c.drawString(x + 4, y - 15, text)
    bottom = top - len(table) * height
    for i in range(len(table) + 1):
        c.line(xs[0], top - i * height, xs[-1], top - i * height)
    for x in xs:
        c.line(x, top, x, bottom)
    notes = ["*1 2022年に協定を更新", "注1 学生交流覚書を含む", "*2 理工学部との共同協定"]
    for k, text in enumerate(notes):
        c.drawString(50, bottom - 20 - 14 * k, text)
    c.save()
    for i, (unit, pid, _printed, _country, date, iso) in enumerate(rows, 2):
        d.add(pid, {"page": 1, "table": 1, "row": i}, level="department", signed=iso,
              printed_date=date, ja=SAME, home_unit=unit, damage=("footnote",)
              if _printed != PARTNERS[pid][1] else ())  # fmt: skip
    d.notes += ["Footnote markers (*1, 注1) are not part of the name.",
                "No waiver column or legend: waiver null."]
    return d


DOCUMENTS = (x01, x02, p01, p02, p03)
