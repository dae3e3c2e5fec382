"""The PDF documents of the third blind corpus (reportlab, its CID font HeiseiKakuGo-W5).

Ruled-table locators are known by construction (title row = 1 on the first page; a page
whose table continues without column titles starts at row 1 with data); text-list locators
(`page`, `line`) are read back from the rendered file with plain pdfplumber.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
from blind3_data import row, total, truth
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

rl_config.invariant = 1
FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _lines(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [
            [ln for ln in (p.extract_text() or "").split("\n") if ln.strip()] for p in pdf.pages
        ]


def _find(lines: list[list[str]], needle: str, start: tuple[int, int] = (1, 0)) -> dict[str, int]:
    for p, page in enumerate(lines, 1):
        for i, ln in enumerate(page, 1):
            if (p, i) > start and needle.replace(" ", "") in ln.replace(" ", ""):
                return {"page": p, "line": i}
    raise LookupError(needle)


def d08_naruto(out: Path) -> dict[str, Any]:
    """Landscape ruled table; the waiver column title rotated 90°; the table continues on
    page 2 with no column titles; running header, `1/2`."""
    doc = "d08-naruto.pdf"
    data = [
        ('b3:cn-pku', '中国', '北京大学', 'Peking University', '2007.5.15', '2007-05-15', True,
         '大学間'),
        ('b3:cn-fudan', '中国', '復旦大学', 'Fudan University', '2011.9.1', '2011-09-01', False,
         '大学間'),
        ('b3:cn-neu', '中国', '東北大学', 'Northeastern University', '2018.12.3', '2018-12-03',
         False, '部局間（工学部）'),
        ('b3:kr-snu', '韓国', 'ソウル大学校', 'Seoul National University', '2009.3.2',
         '2009-03-02', True, '大学間'),
        ('b3:kr-yonsei', '韓国', '延世大学校', 'Yonsei University', '2015.7.1', '2015-07-01', True,
         '大学間'),
        ('b3:tw-ncku', '台湾', '国立成功大学', 'National Cheng Kung University', '2013.10.28',
         '2013-10-28', True, '部局間（水産学部）'),
        ('b3:th-chula', 'タイ', 'チュラロンコン大学', 'Chulalongkorn University', '2006.1.16',
         '2006-01-16', True, '大学間'),
        ('b3:vn-hust', 'ベトナム', 'ハノイ工科大学', 'Hanoi University of Science and Technology',
         '2019.8.5', '2019-08-05', False, '部局間（工学部）'),
        ('b3:id-ugm', 'インドネシア', 'ガジャマダ大学', 'Universitas Gadjah Mada', '2012.2.20',
         '2012-02-20', True, '大学間'),
        ('b3:my-um', 'マレーシア', 'マラヤ大学', 'University of Malaya', '2017.11.13',
         '2017-11-13', False, '部局間（水産学部）'),
        ('b3:sg-nus', 'シンガポール', 'シンガポール国立大学', 'National University of Singapore',
         '2010.4.1', '2010-04-01', False, '大学間'),
        ('b3:us-uw', 'アメリカ', 'ワシントン大学', 'University of Washington', '2004.6.10',
         '2004-06-10', False, '大学間'),
        ('b3:ca-mcgill', 'カナダ', 'マギル大学', 'McGill University', '2016.5.9', '2016-05-09',
         True, '部局間（水産学部）'),
        ('b3:gb-ed', '英国', 'エディンバラ大学', 'University of Edinburgh', '2020.1.6',
         '2020-01-06', True, '大学間'),
        ('b3:nl-uu', 'オランダ', 'ユトレヒト大学', 'Utrecht University', '2014.4.1', '2014-04-01',
         True, '大学間'),
        ('b3:au-uq', 'オーストラリア', 'クイーンズランド大学', 'University of Queensland',
         '2008.7.7', '2008-07-07', False, '部局間（海洋科学研究科）'),
        ('b3:nz-otago', 'ニュージーランド', 'オタゴ大学', 'University of Otago', '2021.3.22',
         '2021-03-22', True, '大学間'),
        ('b3:br-usp', 'ブラジル', 'サンパウロ大学', 'University of Sao Paulo', '2018.9.10',
         '2018-09-10', False, '部局間（水産学部）'),
    ]
    pw, ph = landscape(A4)
    c = canvas.Canvas(str(out / doc), pagesize=(pw, ph))
    xs = [40, 75, 160, 330, 560, 640, 680, 800]
    rh, hh = 24, 70
    rows: list[dict[str, Any]] = []
    per_page = [data[:11], data[11:]]
    n = 0
    for pno, chunk in enumerate(per_page, 1):
        c.setFont(FONT, 9)
        c.drawString(40, ph - 30, "鳴門海洋大学　国際交流協定校一覧")
        c.drawRightString(pw - 40, ph - 30, "2024年4月1日現在")
        top = ph - 50
        if pno == 1:
            c.setFont(FONT, 14)
            c.drawString(40, ph - 52, "国際交流協定校一覧（大学間・部局間）")
            top = ph - 65
        ys = [top]
        if pno == 1:
            ys.append(top - hh)
        for _ in chunk:
            ys.append(ys[-1] - rh)
        c.setLineWidth(0.6)
        c.grid(xs, ys)
        c.setFont(FONT, 9)
        if pno == 1:
            titles = [
                "No.",
                "国・地域",
                "協定校名",
                "Partner Institution",
                "締結日",
                None,
                "協定区分",
            ]
            for i, t in enumerate(titles):
                if t:
                    c.drawString(xs[i] + 3, top - hh / 2 - 3, t)
            c.saveState()  # the waiver column title set vertically
            c.translate(xs[5] + 24, top - hh + 6)
            c.rotate(90)
            c.drawString(0, 0, "授業料不徴収")
            c.restoreState()
        for k, (pid, cname, ja, en, sp, sd, wv, kind) in enumerate(chunk):
            n += 1
            y = ys[k + (1 if pno == 1 else 0)] - rh + 8
            cells = [str(n), cname, ja, en, sp, "○" if wv else "", kind]
            for i, t in enumerate(cells):
                c.drawString(xs[i] + 3, y, t)
            r = k + (2 if pno == 1 else 1)
            unit = kind[4:-1] if kind.startswith("部局間") else None
            rows.append(
                row(
                    "naruto",
                    pid,
                    {"page": pno, "table": 1, "row": r},
                    layout="landscape-continued-table",
                    ja=ja,
                    en=en,
                    signed=sd,
                    signed_printed=sp,
                    waiver=wv,
                    level="department" if unit else "university",
                    home_unit=unit,
                )
            )
        if pno == 2:
            c.drawString(40, ys[-1] - 20, "計 18校（大学間 10、部局間 8）")
            c.drawString(40, ys[-1] - 34, "○：授業料不徴収")
        c.drawCentredString(pw / 2, 20, f"{pno}/2")
        c.showPage()
    c.save()
    return truth(
        doc,
        "pdf",
        "naruto",
        rows,
        title="鳴門海洋大学 国際交流協定校一覧（大学間・部局間）",
        as_of="2024-04-01",
        language="bi",
        layouts=["landscape-continued-table"],
        shape="landscape A4, ruled grid; the 授業料不徴収 title set vertically (rotated 90°) in a "
        "tall title row; 協定区分 `大学間` / `部局間（工学部）` (home unit in parentheses); the "
        "table continues on page 2 with no column titles; running header and `1/2`; total and "
        "legend under the table on page 2",
        damage=["rotated_header", "continued_without_header"],
        stated_totals=[
            total("all", "institutions", 18, "計 18校（大学間 10、部局間 8）"),
            total("university", "agreements", 10, "計 18校（大学間 10、部局間 8）"),
            total("department", "agreements", 8, "計 18校（大学間 10、部局間 8）"),
        ],
        notes=[
            "東北大学 here is the Chinese one (country 中国, Northeastern University).",
            "Page 2 has no title row: its row 1 is a data row.",
        ],
    )
