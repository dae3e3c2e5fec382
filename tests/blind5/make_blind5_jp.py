"""Wakasa Gakuin University (Japan, private): f05 unruled date-sorted PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
from blind5_data import doc_truth, name, row, total
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

rl_config.invariant = 1
H = "wakasa"
FONT = "HeiseiMin-W3"

# f05: (fiscal-year heading, [(date print, iso, country print, pid, mark, kind, waiver print)])
F05 = [
    (
        "平成元年度",
        [("平成元年6月1日", "1989-06-01", "アメリカ合衆国", "b5:us-hawaii", "", "学術交流", "－")],
    ),
    (
        "平成26年度",
        [
            ("平成26年7月1日", "2014-07-01", "タイ", "b5:th-chula", "", "学術交流", "－"),
            ("平成27年3月2日", "2015-03-02", "台湾", "b5:tw-ncku", "", "学生交流", "不"),
        ],
    ),
    (
        "平成28年度",
        [
            ("平成28年4月1日", "2016-04-01", "韓国", "b5:kr-snu", "", "学術交流・学生交流", "不"),
            ("平成28年10月1日", "2016-10-01", "ドイツ", "b5:de-tum", "※1", "学生交流", "徴"),
        ],
    ),
    (
        "平成30年度",
        [
            ("平成30年5月10日", "2018-05-10", "台湾", "b5:tw-thu", "", "学生交流", "不"),
            ("平成31年3月15日", "2019-03-15", "中国", "b5:cn-sysu", "", "学術交流", "－"),
        ],
    ),
    (
        "令和元年度",
        [
            ("令和元年5月10日", "2019-05-10", "台湾", "b5:tw-ncu", "", "学生交流", "不"),
            ("令和元年12月1日", "2019-12-01", "オーストラリア", "b5:au-unsw", "", "学生交流", "徴"),
        ],
    ),
    ("令和2年度", [("令和2年9月1日", "2020-09-01", "韓国", "b5:kr-cau", "", "学生交流", "不")]),
    (
        "令和3年度",
        [
            ("令和3年4月1日", "2021-04-01", "台湾", "b5:tw-nsysu", "", "学生交流", "不"),
            ("令和3年11月8日", "2021-11-08", "マレーシア", "b5:my-usm", "", "学術交流", "－"),
        ],
    ),
    (
        "令和4年度",
        [
            ("令和4年6月1日", "2022-06-01", "ペルー", "b5:pe-pucp", "", "学生交流", "不"),
            ("令和4年7月1日", "2022-07-01", "英国", "b5:gb-leeds", "", "学生交流", "徴"),
        ],
    ),
    (
        "令和5年度",
        [
            ("令和5年4月1日", "2023-04-01", "インドネシア", "b5:id-ui", "", "学生交流", "不"),
            ("令和5年10月2日", "2023-10-02", "フランス", "b5:fr-sorbonne", "※2", "学術交流", "－"),
        ],
    ),
]
CC = {
    "アメリカ合衆国": "US",
    "タイ": "TH",
    "台湾": "TW",
    "韓国": "KR",
    "ドイツ": "DE",
    "中国": "CN",
    "オーストラリア": "AU",
    "マレーシア": "MY",
    "ペルー": "PE",
    "英国": "GB",
    "インドネシア": "ID",
    "フランス": "FR",
}
XS = (50, 145, 235, 400, 505)


def _lines(pdf_path: Path) -> list[list[str]]:
    with pdfplumber.open(pdf_path) as pdf:
        return [
            [ln for ln in (p.extract_text() or "").split("\n") if ln.strip()] for p in pdf.pages
        ]


def f05(out: Path) -> dict[str, Any]:
    doc = "f05-wakasa.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    w, h = A4
    c = canvas.Canvas(str(out / doc), pagesize=A4)
    c.setTitle("国際交流協定一覧（締結順）")
    y = h - 60
    c.setFont(FONT, 14)
    c.drawString(50, y, "若狭学院大学　国際交流協定一覧（締結順）")
    y -= 20
    c.setFont(FONT, 9)
    c.drawString(50, y, "2024年4月1日現在　国際センター")
    y -= 16
    c.drawString(
        50, y, "授業料欄　不：授業料不徴収（相互免除）　徴：授業料徴収　－：学生交流を含まない協定"
    )
    y -= 24
    c.setFont(FONT, 10)
    for x, t in zip(XS, ("締結日", "国・地域", "協定校", "協定種別", "授業料"), strict=False):
        c.drawString(x, y, t)
    c.line(45, y - 4, w - 45, y - 4)
    y -= 22
    page = 1
    plan: list[tuple[int, str, dict[str, Any]]] = []
    n = 0
    for fy, items in F05:
        if fy == "令和4年度":  # page break: page 2 has no column titles
            c.setFont(FONT, 8)
            c.drawString(w / 2 - 10, 30, "1/2")
            c.showPage()
            page = 2
            y = h - 50
            c.setFont(FONT, 8)
            c.drawString(w - 220, y, "若狭学院大学　国際交流協定一覧（締結順）")
            y -= 30
        c.setFont(FONT, 11)
        c.drawString(50, y, f"＜{fy}＞")
        y -= 20
        c.setFont(FONT, 10)
        for dprint, iso, cprint, pid, mark, kind, wv in items:
            n += 1
            ja = name(pid, "ja")
            for x, t in zip(XS, (dprint, cprint, ja + mark, kind, wv), strict=False):
                c.drawString(x, y, t)
            y -= 18
            extra: dict[str, Any] = {"agreement_type": kind}
            plan.append(
                (
                    page,
                    dprint + cprint + ja + mark,
                    row(
                        H,
                        "fiscal-year-blocks-pdf",
                        pid,
                        {},
                        ja=ja,
                        en=None,
                        printed_ja=ja + mark,
                        country=CC[cprint],
                        signed=iso,
                        signed_printed=dprint,
                        waiver={"不": True, "徴": False, "－": None}[wv],
                        damage=["footnote_mark"] if mark else [],
                        **extra,
                    ),
                )
            )
        y -= 6
    tot = "計　17件"
    c.drawString(50, y - 6, tot)
    c.setFont(FONT, 9)
    c.drawString(50, y - 30, "※1 平成24年4月1日締結の工学部間協定を大学間協定に移行した。")
    c.drawString(50, y - 44, "※2 調印式は令和5年10月2日にパリで行った。")
    c.setFont(FONT, 8)
    c.drawString(w / 2 - 10, 30, "2/2")
    c.showPage()
    c.save()
    lines = _lines(out / doc)
    rows = []
    for pg, printed, r in plan:
        hits = [i for i, ln in enumerate(lines[pg - 1], 1) if printed in ln.replace(" ", "")]
        assert len(hits) == 1, (printed, hits)
        r["locator"] = {"page": pg, "line": hits[0]}
        rows.append(r)
    return doc_truth(
        doc,
        "pdf",
        H,
        title="若狭学院大学　国際交流協定一覧（締結順）",
        as_of="2024-04-01",
        language="ja",
        layout="fiscal-year-blocks-pdf",
        rows=rows,
        shape="unruled list sorted by signing date in fiscal-year blocks `＜令和元年度＞`; "
        "columns 締結日 (era "
        "dates 平成元年6月1日, 令和元年5月10日, 平成31年3月15日) / 国・地域 / 協定校 / 協定種別 / "
        "授業料 "
        "(不/徴/－ with a legend); the column titles only on page 1",
        notes=[
            "the fiscal-year headings are not dates of the rows; 平成31年3月15日 sits in "
            "平成30年度 (the "
            "Japanese fiscal year starts in April)",
            "学術交流・学生交流 on one line is one agreement; 学術交流 alone is an agreement too",
            "授業料: 不 true, 徴 false, － null (the legend: no student exchange)",
            "※1, ※2 after names are footnote marks (printed_ja only); the dates in the footnotes "
            "are no "
            "signing dates",
            "page 2 continues the list with no column titles (a running header only)",
            "東海大学 with 台湾 is Tunghai University; 中山大学 with 中国 is Sun Yat-sen "
            "University; "
            "中央大学校 is Chung-Ang University, 国立中央大学 National Central University",
            f"`{tot}` is wrong: {n} agreements",
        ],
        stated_totals=[total("all", "agreements", 17, tot)],
        damage=["lost_header", "footnote_mark", "wrong_total"],
    )
