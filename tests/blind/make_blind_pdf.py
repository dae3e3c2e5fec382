"""The blind corpus's PDFs (b05 ruled table with wrapping cells, b07 unruled two-level list).

The locators are read back from the rendered file with pdfplumber (page, table row, or the
n-th non-empty text line), so the truth says where the partner really is.
"""

from __future__ import annotations

from typing import Any

import pdfplumber
from blind_data import DOCS, PARTNERS, manifest_entry, row, total, truth
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # no creation time or random id: the same bytes every run
FONT = "HeiseiMin-W3"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# (country, id, en printed, date, signed, waiver)
B05 = [
    ("中国", "cn-pku", "Peking University", "2019.10.1", "2019-10-01", True),
    ("中国", "cn-fudan", "Fudan University", "2020.3.31", "2020-03-31", False),
    ("中国", "cn-zju", "Zhejiang University", "2012.9.3", "2012-09-03", False),
    ("韓国", "kr-yonsei", "Yonsei University", "2020.3.31", "2020-03-31", True),
    ("韓国", "kr-snu", "Seoul National University", "2015.4.1", "2015-04-01", True),
    ("台湾", "tw-nthu", "National Tsing Hua University", "2016.3.1", "2016-03-01", False),
    ("タイ", "th-chula", "Chulalongkorn University", "2014.6.2", "2014-06-02", True),
    ("ベトナム", "vn-vnuhn", "Vietnam National University, Hanoi", "2018.10.1", "2018-10-01",
     False),
    ("ベトナム", "vn-vnuhcm", "Vietnam National University, Ho Chi Minh City", "", None, False),
    ("インド", "in-iitb", "Indian Institute of Technology Bombay", "2017.12.15", "2017-12-15",
     False),
    ("インド", "in-iitd", "Indian Institute of Technology Delhi", "2020.1.20", "2020-01-20",
     False),
    ("マレーシア", "my-um", "Universiti Malaya", "2020.3.31", "2020-03-31", True),
    ("インドネシア", "id-ui", "Universitas Indonesia", "2014.11.20", "2014-11-20", False),
    ("インドネシア", "id-ugm", "Universitas Gadjah Mada", "2016.7.7", "2016-07-07", False),
    ("アメリカ合衆国", "us-ucb", "University of California, Berkeley", "2013.3.1", "2013-03-01",
     True),
    ("アメリカ合衆国", "us-uiuc", "University of Illinois Urbana-Champaign", "2011.8.25",
     "2011-08-25", False),
    ("カナダ", "ca-ubc", "The University of British Columbia", "2019.5.13", "2019-05-13", True),
    ("イギリス", "gb-ed", "The University of Edinburgh", "2021.6.30", "2021-06-30", False),
    ("イギリス", "gb-man", "The University of Manchester", "2018.1.9", "2018-01-09", False),
    ("ドイツ", "de-lmu", "Ludwig Maximilian University of Munich", "2022.3.3", "2022-03-03",
     False),
    ("ドイツ", "de-tum", "Technical University of Munich", "2011.5.20", "2011-05-20", True),
    ("オーストラリア", "au-monash", "Monash University", "2018.2.28", "2018-02-28", False),
    ("ニュージーランド", "nz-uoa", "The University of Auckland", "2017.11.1", "2017-11-01",
     False),
    ("メキシコ", "mx-unam", "National Autonomous University of Mexico (UNAM)", "2010.3.29",
     "2010-03-29", False),
]


def _key(text: str) -> str:
    return "".join(text.split())


def b05() -> tuple[str, dict[str, Any]]:
    name = "b05-hitachi.pdf"
    title = "常陸国際大学 大学間交流協定締結校一覧"
    style = ParagraphStyle("cell", fontName=FONT, fontSize=10, leading=13, wordWrap="CJK")
    head = ParagraphStyle("title", fontName=FONT, fontSize=15, leading=20)
    data: list[list[Any]] = [["国・地域", "協定校名", "締結日", "授業料\n不徴収"]]
    for country, pid, en, date, _signed, waiver in B05:
        ja = PARTNERS[pid][1]
        data.append([country, Paragraph(f"{ja}<br/>{en}", style), date, "○" if waiver else ""])
    table = Table(data, colWidths=[80, 180, 70, 50], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (-1, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ]))

    def furniture(c: canvas.Canvas, doc: Any) -> None:
        c.setFont(FONT, 8)
        c.drawString(40, A4[1] - 30, "常陸国際大学 国際交流課")
        c.drawCentredString(A4[0] / 2, 25, f"- {doc.page} -")

    doc = SimpleDocTemplate(str(DOCS / name), pagesize=A4, topMargin=50, bottomMargin=50)
    doc.build([Paragraph(title, head), Paragraph("2021年4月1日現在", style), Spacer(1, 8),
               table, Spacer(1, 8),
               Paragraph("○：授業料不徴収協定　　計 24校（22ヶ国・地域）", style)],
              onFirstPage=furniture, onLaterPages=furniture)
    rows = []
    with pdfplumber.open(DOCS / name) as pdf:
        found: list[tuple[str, int, int]] = []
        for p, page in enumerate(pdf.pages, start=1):
            for t in page.extract_tables()[:1]:
                found += [(_key(cells[1] or ""), p, r) for r, cells in enumerate(t, start=1)]
    for country, pid, en, date, signed, waiver in B05:
        ja = PARTNERS[pid][1]
        cell, page, r = next(f for f in found if _key(ja) in f[0] and _key(en) in f[0])
        damage = ["cell_wrap"] if len(cell) > len(_key(ja + en)) or len(en) > 34 else []
        if len(country) * 10 > 72:  # the country overflows its column into the name's
            damage.append("cell_overflow")
        rows.append(row("hitachi", pid, {"page": page, "table": 1, "row": r},
                        layout="ruled-wrapped-table", ja=ja, en=en, signed=signed,
                        signed_printed=date or None, waiver=waiver, damage=damage))
    countries = len({PARTNERS[b[1]][0] for b in B05})
    rec = truth(name, "pdf", "hitachi", title=title, as_of="2021-04-01", language="bi",
                rows=rows,
                stated_totals=[total("university", "institutions", 24, "計 24校（22ヶ国・地域）"),
                               total("university", "countries", 22, "計 24校（22ヶ国・地域）")],
                shape="ruled table over two pages, the column titles repeated, ja and en names "
                      "stacked in one cell and long English names wrapping inside the cell, "
                      "dates 2020.3.31, ○ waiver column, legend and totals in one line "
                      f"(the country count is wrong: {countries} are listed, 22 stated)",
                damage=["cell_wrap", "wrong_total", "page_furniture"])
    entry = manifest_entry(name, "hitachi", title, "2021-04-01", "2021年4月1日現在",
                           ["ja", "en"], "printed in the title and the running header")
    return entry, rec


# ("uni"|unit, country, id, en + partner unit, date, signed, partner unit)
B07 = [
    ("uni", "大韓民国", "kr-snu", "Seoul National University", "2018年4月1日", "2018-04-01", None),
    ("uni", "中華人民共和国", "cn-pku", "Peking University", "2018年10月1日", "2018-10-01", None),
    ("uni", "台湾", "tw-ntu", "National Taiwan University", "―", None, None),
    ("uni", "インドネシア共和国", "id-ui", "Universitas Indonesia", "2014年11月20日", "2014-11-20",
     None),
    ("uni", "タイ王国", "th-mahidol", "Mahidol University", "2009年2月27日", "2009-02-27", None),
    ("uni", "香港", "hk-hku", "The University of Hong Kong", "2023年9月1日", "2023-09-01", None),
    ("医学部", "タイ王国", "th-chula", "Chulalongkorn University", "2016年6月30日", "2016-06-30",
     "Faculty of Medicine"),
    ("医学部", "ドイツ連邦共和国", "de-lmu", "University of Munich (LMU)", "2021年9月1日",
     "2021-09-01", "Faculty of Medicine"),
    ("医学部", "香港", "hk-cuhk", "The Chinese University of Hong Kong", "2022年5月10日",
     "2022-05-10", "Faculty of Medicine"),
    ("看護学部", "アメリカ合衆国", "us-ucb", "University of California, Berkeley", "2013年3月1日",
     "2013-03-01", "School of Public Health"),
    ("看護学部", "オーストラリア連邦", "au-monash", "Monash University", "2019年4月1日",
     "2019-04-01", "Faculty of Medicine, Nursing and Health Sciences"),
    ("大学院医学系研究科", "ロシア連邦", "ru-msu", "Lomonosov Moscow State University",
     "2012年10月5日", "2012-10-05", "Faculty of Fundamental Medicine"),
    ("大学院医学系研究科", "シンガポール", "sg-nus", "National University of Singapore",
     "2020年1月15日", "2020-01-15", "Yong Loo Lin School of Medicine"),
]


def b07() -> tuple[str, dict[str, Any]]:
    name = "b07-izumo.pdf"
    title = "出雲医療大学 国際交流協定一覧"
    c = canvas.Canvas(str(DOCS / name), pagesize=A4)
    y = [A4[1] - 60]
    page = [1]

    def line(text: str, x: float = 50, size: float = 10, step: float = 17) -> None:
        c.setFont(FONT, size)
        c.drawString(x, y[0], text)
        y[0] -= step

    def furniture() -> None:
        c.setFont(FONT, 8)
        c.drawRightString(A4[0] - 40, A4[1] - 30, title)
        c.drawCentredString(A4[0] / 2, 25, f"{page[0]}/2")

    furniture()
    line(title, x=150, size=16, step=24)
    line("2024年4月1日現在", x=420)
    line("1　大学間協定", size=12, step=22)
    unit_now = "uni"
    counts: dict[str, int] = {}
    for item in B07:
        counts[item[0]] = counts.get(item[0], 0) + 1
    printed: list[tuple[str, str]] = []
    for unit, country, pid, en, date, _signed, punit in B07:
        if unit != unit_now:
            if unit_now == "uni":
                line("2　部局間協定", size=12, step=22)
            unit_now = unit
            if unit == "看護学部":  # page break before this unit
                c.showPage()
                page[0] += 1
                furniture()
                y[0] = A4[1] - 60
            line(f"【{unit}】（{counts[unit]}件）", x=55, size=11, step=19)
        ja = PARTNERS[pid][1]
        body = f"{country}　{ja}　{en}" + (f" / {punit}" if punit else "")
        if len(body) > 62:  # the long line goes on below, indented
            cut = body.rfind(" ", 0, 60)
            line(body[:cut], x=65, step=14)
            line(body[cut + 1:], x=85, step=14)
            c.setFont(FONT, 10)
            c.drawString(470, y[0] + 28, date)
        else:
            line(body, x=65, step=0)
            line(date, x=470)
        printed.append((ja, date))
    line("")
    line("※ 締結日の「―」は記録なし。", x=50, size=9)
    c.showPage()
    c.save()
    rows = []
    with pdfplumber.open(DOCS / name) as pdf:
        texts = [[t for t in (p.extract_text() or "").splitlines() if t.strip()]
                 for p in pdf.pages]
    for unit, country, pid, en, date, signed, punit in B07:
        ja = PARTNERS[pid][1]
        loc = next({"page": p, "line": n} for p, lines in enumerate(texts, start=1)
                   for n, t in enumerate(lines, start=1) if ja in t and country in t)
        dept = unit != "uni"
        rows.append(row("izumo", pid, loc, layout="dept-text-list" if dept else "text-list",
                        ja=ja, en=en, signed=signed, signed_printed=date,
                        level="department" if dept else "university",
                        home_unit=unit if dept else None, partner_unit=punit,
                        damage=["wrap"] if len(f"{country}　{ja}　{en} / {punit}") > 62
                        and punit else []))
    totals = [total(f"unit:{u}", "agreements", n, f"【{u}】（{n}件）")
              for u, n in counts.items() if u != "uni"]
    rec = truth(name, "pdf", "izumo", title=title, as_of="2024-04-01", language="bi",
                rows=rows, stated_totals=totals,
                shape="unruled PDF text list with two levels: country, ja name, en name / "
                      "partner faculty and a date at a fixed x; units under 【…】（n件） "
                      "headings; a long line wrapped with its date on the first line; a page "
                      "break between units; running header and n/2 page numbers; ― for no date",
                damage=["wrap", "page_furniture"])
    entry = manifest_entry(name, "izumo", title, "2024-04-01", "2024年4月1日現在", ["ja", "en"],
                           "printed in the title and the running header")
    del printed
    return entry, rec
