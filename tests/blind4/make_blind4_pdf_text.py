# ruff: noqa: E501  (data tables and printed strings)
"""e08: an unruled Chinese department-level PDF list of the fourth blind corpus."""

from __future__ import annotations

from pathlib import Path

from blind4_data import PARTNERS, row
from make_blind4_docs import truth

E08 = [  # (学院, pid, 国家/地区, date printed, signed, 学费减免)
    ("机械工程学院", "b4:jp-osaka", "日本", "2017年4月1日", "2017-04-01", "是"),
    ("机械工程学院", "b4:kr-yonsei", "韩国", "2019年9月", "2019-09", "否"),
    ("机械工程学院", "b4:us-purdue", "美国", "2015年7月1日", "2015-07-01", "是"),
    ("机械工程学院", "b4:be-kuleuven", "比利时", "2021年3月15日", "2021-03-15", "否"),
    ("信息工程学院", "b4:jp-waseda", "日本", "2014年10月1日", "2014-10-01", "是"),
    ("信息工程学院", "b4:sg-nus", "新加坡", "2018年5月20日", "2018-05-20", "是"),
    ("信息工程学院", "b4:us-uiuc", "美国", "2022年1月10日", "2022-01-10", "否"),
    ("信息工程学院", "b4:fr-uga", "法国", "2016年12月1日", "2016-12-01", "部分"),
    ("经济管理学院", "b4:gb-leeds", "英国", "2013年6月1日", "2013-06-01", "否"),
    ("经济管理学院", "b4:se-lund", "瑞典", "2020年9月1日", "2020-09-01", "是"),
    ("经济管理学院", "b4:th-chula", "泰国", "2012年3月1日", "2012-03-01", "是"),
]


def e08(out: Path) -> dict:
    from reportlab import rl_config

    rl_config.invariant = 1
    import pdfplumber
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    doc, layout = "e08-jianghuai-xueyuan.pdf", "chinese-unit-text-list"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(out / doc), pagesize=A4, invariant=1)
    c.setTitle("江淮理工大学 院系级国际合作协议一览")
    y = 800.0

    def put(items: list[tuple[float, str]], size: int = 10) -> None:
        nonlocal y
        c.setFont("STSong-Light", size)
        for x, s in items:
            c.drawString(x, y, s)
        y -= 18

    put([(60, "江淮理工大学 院系级国际合作协议一览")], 14)
    put([(60, "（截至2024年3月1日）")])
    y -= 6
    put([(60, "学院 / 合作院校"), (290, "国家/地区"), (360, "签署日期"), (470, "学费减免")])
    cur = None
    for unit, pid, ctry, dp, _s, fee in E08:
        if unit != cur:
            cur = unit
            put([(60, f"【{unit}】")])
        put([(80, PARTNERS[pid][4]), (290, ctry), (360, dp), (470, fee)])
    y -= 6
    put([(60, "共计：12项。学费减免“部分”指仅减免部分学费。")])
    c.showPage()
    c.save()
    with pdfplumber.open(out / doc) as pdf:
        lines = [ln for ln in (pdf.pages[0].extract_text() or "").split("\n") if ln.strip()]
    rows = []
    for unit, pid, _ctry, dp, signed, fee in E08:
        name = PARTNERS[pid][4]
        n = next(
            i
            for i, ln in enumerate(lines, 1)
            if ln.replace(" ", "").startswith(name.replace(" ", "")) and dp in ln.replace(" ", "")
        )
        rows.append(
            row(
                "jianghuai",
                layout,
                pid,
                {"page": 1, "line": n},
                printed_ja=name,
                signed=signed,
                signed_printed=dp,
                waiver={"是": True, "否": False, "部分": True}[fee],
                level="department",
                home_unit={"ja": unit, "en": None},
            )
        )
    return truth(
        doc,
        "pdf",
        "jianghuai",
        layout,
        "zh",
        "江淮理工大学 院系级国际合作协议一览",
        "2024-03-01",
        "unruled PDF list in simplified Chinese: 【学院】 unit headings, then name / 国家/地区 / 签署日期 / 是-否-部分 "
        "in columns; one header line `学院 / 合作院校`",
        rows,
        notes=[
            "学院 is the home unit; all rows department level",
            "部分 (partial) counts as a waiver: true",
            "共计：12项 is wrong: 11 agreements",
        ],
        totals=[{"scope": "all", "unit": "agreements", "value": 12, "text": "共计：12项"}],
        damage=["wrong_total"],
    )
