"""g05 (PDF, one block of labelled lines per partner) and g06 (XLSX, one date column per
agreement kind): Hokuminato."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from blind6_data import PARTNERS, doc, row

TITLE5 = "北湊大学　大学間交流協定校一覧"
AS_OF = ("2024-04-01", "令和6年4月1日現在")
# (id, 国・地域, 協定種別, date printed, signed, 授業料 printed, waiver, damage)
G05 = [
    (
        "b6:vn-vnu-hanoi",
        "ベトナム",
        "学術交流協定・学生交流覚書",
        "2016年4月1日",
        "2016-04-01",
        "相互不徴収",
        True,
        [],
    ),
    (
        "b6:vn-hcmut",
        "ベトナム",
        "学術交流協定",
        "20l9年3月1日",
        "2019-03-01",
        None,
        None,
        ["ocr_slip", "hyphen_wrap"],
    ),
    (
        "b6:id-ui",
        "インドネシア",
        "学術交流協定・学生交流覚書",
        "2017年10月2日",
        "2017-10-02",
        "相互不徴収",
        True,
        [],
    ),
    (
        "b6:th-kasetsart",
        "タイ",
        "学生交流覚書",
        "2O18年2月15日",
        "2018-02-15",
        "相互不徴収",
        True,
        ["ocr_slip"],
    ),
    ("b6:de-freiburg", "ドイツ", "学術交流協定", "2015年7月10日", "2015-07-10", None, None, []),
    ("b6:ch-fribourg", "スイス", "学生交流覚書", "2020年9月1日", "2020-09-01", "徴収", False, []),
    (
        "b6:at-tuwien",
        "オーストリア",
        "学術交流協定・学生交流覚書",
        "2012年11月5日",
        "2012-11-05",
        "相互不徴収",
        True,
        [],
    ),
    ("b6:fr-lyon1", "フランス", "学生交流覚書", "2019年12月", "2019-12", "相互不徴収", True, []),
    (
        "b6:au-uq",
        "オーストラリア",
        "学生交流覚書",
        "2022年1月20日",
        "2022-01-20",
        "徴収",
        False,
        [],
    ),
    ("b6:mx-unam", "メキシコ", "学術交流協定", "2011年6月1日", "2011-06-01", None, None, []),
    (
        "b6:us-purdue",
        "アメリカ合衆国",
        "学術交流協定・学生交流覚書",
        "2013年10月1日",
        "2013-10-01",
        "相互不徴収",
        True,
        [],
    ),
    ("b6:ca-laval", "カナダ", "学術交流協定", "2013年7月2日", "2013-07-02", None, None, []),
]
TOTAL5 = "以上　13校"


def g05(out: Path) -> dict:
    import pdfplumber
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = out / "g05-hokuminato.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    font = "HeiseiKakuGo-W5"

    def furniture(page: int) -> float:
        c.setFont(font, 8)
        c.drawString(40, h - 30, "北湊大学 国際交流課")
        c.drawCentredString(w / 2, 25, f"- {page} -")
        return h - 60

    y = furniture(1)
    c.setFont(font, 14)
    c.drawString(60, y, TITLE5)
    y -= 20
    c.setFont(font, 9)
    c.drawString(60, y, AS_OF[1])
    y -= 30
    page = 1
    for n, (pid, land, kind, dp, _signed, fee, _waiver, damage) in enumerate(G05, 1):
        names = PARTNERS[pid][1]
        lines = [f"{n}．協定校名：{names['ja']}"]
        en = names["en"]
        if "hyphen_wrap" in damage:
            lines += ["英語名：Ho Chi Minh City University of Tech-", "nology"]
        else:
            lines.append(f"英語名：{en}")
        lines += [f"国・地域：{land}", f"協定種別：{kind}", f"締結日：{dp}"]
        if fee:
            lines.append(f"授業料：{fee}")
        if y - 14 * len(lines) < 60:
            c.showPage()
            page += 1
            y = furniture(page)
        c.setFont(font, 10)
        for i, text in enumerate(lines):
            c.drawString(60 if i == 0 else 80, y, text)
            y -= 14
        y -= 10
    c.setFont(font, 10)
    c.drawString(60, y - 10, TOTAL5)
    c.save()
    rows = []
    with pdfplumber.open(path) as pdf:
        pages = [[t for t in (p.extract_text() or "").split("\n") if t.strip()] for p in pdf.pages]
    for n, (pid, _land, kind, dp, signed, _fee, waiver, damage) in enumerate(G05, 1):
        names = PARTNERS[pid][1]
        key = f"{n}．協定校名：{names['ja']}"
        loc = next(
            {"page": p + 1, "line": i + 1}
            for p, ls in enumerate(pages)
            for i, t in enumerate(ls)
            if t.strip() == key
        )
        pe = "Ho Chi Minh City University of Tech-nology" if "hyphen_wrap" in damage else None
        rows.append(
            row(
                "hokuminato",
                pid,
                loc,
                signed,
                dp,
                "labelled-blocks",
                ja=names["ja"],
                en=names["en"],
                printed_en=pe,
                waiver=waiver,
                damage=damage,
                agreement_type=kind,
            )
        )
    return doc(
        "g05-hokuminato.pdf",
        "pdf",
        "hokuminato",
        "ja",
        TITLE5,
        AS_OF[0],
        AS_OF[1],
        "labelled-blocks",
        "no table: each partner a numbered block of labelled lines `協定校名：` / `英語名：` / "
        "`国・地域：` / `協定種別：` / `締結日：` / `授業料：` (the last only where stated); "
        "running header and page number",
        rows,
        damage=["ocr_slip", "hyphen_wrap"],
        totals=[{"scope": "all", "text": TOTAL5, "unit": "institutions", "value": 13}],
        notes=[
            "locator: page and line of the block's `協定校名：` line",
            "`学術交流協定・学生交流覚書` in one block is one row",
            "OCR slips: `20l9年3月1日` = 2019-03-01, `2O18年2月15日` = 2018-02-15",
            "HCMUT's English name broken by a hyphen at the line end: `Tech-` / `nology`",
            "授業料：相互不徴収 true, 徴収 false, no line null",
            "`以上　13校` wrong: 12 blocks",
        ],
    )


TITLE6 = "北湊大学 協定種別別 協定校一覧"
# (id, 国・地域, 学術交流協定, 学生交流覚書, ○)
G06 = [
    ("b6:vn-vnu-hanoi", "ベトナム", dt.date(2016, 4, 1), dt.date(2016, 4, 1), True),
    ("b6:vn-hcmut", "ベトナム", dt.date(2019, 3, 1), None, False),
    ("b6:de-freiburg", "ドイツ", dt.date(2015, 7, 10), "R1.9.1", False),
    ("b6:ch-fribourg", "スイス", None, dt.date(2020, 9, 1), False),
    ("b6:th-kasetsart", "タイ", "H26.12.1", dt.date(2018, 2, 15), True),
    ("b6:mx-unam", "メキシコ", dt.date(2011, 6, 1), None, False),
    ("b6:us-purdue", "アメリカ合衆国", dt.date(2013, 10, 1), dt.date(2013, 10, 1), True),
    ("b6:au-uq", "オーストラリア", None, dt.date(2022, 1, 20), False),
    ("b6:ca-laval", "カナダ", "H25.7.2", None, False),
    ("b6:id-ui", "インドネシア", dt.date(2017, 10, 2), dt.date(2017, 10, 2), True),
]
ERA = {"R1.9.1": "2019-09-01", "H26.12.1": "2014-12-01", "H25.7.2": "2013-07-02"}


def g06(out: Path) -> dict:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "協定校"
    ws["A1"] = TITLE6
    ws["A1"].font = Font(bold=True)
    ws["F2"] = AS_OF[1]
    ws.append([])
    ws.append(["No.", "国・地域", "大学名", "英語名", "締結日", None, "授業料不徴収"])
    ws.append([None, None, None, None, "学術交流協定", "学生交流覚書", None])
    for rng in ("A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:G5"):
        ws.merge_cells(rng)
    rows = []
    for n, (pid, land, aca, stu, mark) in enumerate(G06, 1):
        names = PARTNERS[pid][1]
        r = 5 + n
        ws.append([n, land, names["ja"], names["en"], aca, stu, "○" if mark else None])
        for col, v, kind in ((5, aca, "学術交流協定"), (6, stu, "学生交流覚書")):
            if v is None:
                continue
            kw: dict = {}
            if isinstance(v, dt.date):
                ws.cell(row=r, column=col).number_format = "yyyy/m/d"
                kw["excel"], signed = v.isoformat(), v.isoformat()
            else:
                kw["signed_printed"], signed = v, ERA[v]
            rows.append(
                row(
                    "hokuminato",
                    pid,
                    {"sheet": "協定校", "row": r, "cell": f"協定校!C{r}"},
                    signed,
                    kw.get("signed_printed"),
                    "kind-date-columns",
                    ja=names["ja"],
                    en=names["en"],
                    country=PARTNERS[pid][0],
                    waiver=mark,
                    agreement_type=kind,
                    excel=kw.get("excel"),
                )
            )
    ws.append([])
    ws.append(["計", None, "10校", None, "8件", "8件"])
    for col, width in zip("ABCDEFG", (5, 14, 30, 44, 14, 14, 12), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(out / "g06-hokuminato.xlsx")
    text = "計 | 10校 | 8件 | 8件"
    return doc(
        "g06-hokuminato.xlsx",
        "xlsx",
        "hokuminato",
        "ja",
        TITLE6,
        AS_OF[0],
        AS_OF[1],
        "kind-date-columns",
        "one line per partner, the agreement kinds as two date columns under a merged "
        "`締結日` heading (`学術交流協定` / `学生交流覚書`), each with its own date; "
        "Excel dates beside era text `H26.12.1`, `R1.9.1`; ○/blank waiver column",
        rows,
        totals=[
            {"scope": "all", "text": text, "unit": "institutions", "value": 10},
            {"scope": "学術交流協定", "text": text, "unit": "agreements", "value": 8},
            {"scope": "学生交流覚書", "text": text, "unit": "agreements", "value": 8},
        ],
        notes=[
            "each filled date cell is one agreement: a partner with both is two rows "
            "(both located at its name cell, told apart by agreement_type)",
            "授業料不徴収 ○ / blank: a partner's mark holds for both its rows (blank false)",
            "totals: 10校 right, 学術 8件 right, 学生 8件 wrong (7)",
        ],
    )
