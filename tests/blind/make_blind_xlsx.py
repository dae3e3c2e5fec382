"""The blind corpus's workbooks (b04 one sheet per region, b10 department sheet, merged units)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from blind_data import DOCS, PARTNERS, manifest_entry, row, total, truth
from openpyxl import Workbook

D = dt.date
# sheet -> [(country, id, ja, en, date (date or text), signed, waiver ○, 備考)]
B04: dict[str, list[tuple[str, str, str, str, Any, str | None, bool, str]]] = {
    "アジア": [
        ("韓国", "kr-snu", "ソウル大学校", "Seoul National University", D(2011, 9, 1),
         "2011-09-01", True, ""),
        ("韓国", "kr-yonsei", "延世大学校", "Yonsei University", "平成28年3月15日", "2016-03-15",
         True, ""),
        ("中国", "cn-pku", "北京大学", "Peking University", D(2015, 4, 1), "2015-04-01", True,
         "2005年4月1日締結の協定を更新"),
        ("タイ", "th-mahidol", "マヒドン大学", "Mahidol University", "2019年10月", "2019-10",
         False, ""),
        ("ベトナム", "vn-vnuhn", "ベトナム国家大学ハノイ校", "Vietnam National University, Hanoi",
         "2018.10.1", "2018-10-01", False, ""),
        ("ベトナム", "vn-vnuhcm", "ベトナム国家大学ホーチミン市校",
         "Vietnam National University - Ho Chi Minh City", "2019.1.10", "2019-01-10", False,
         "2024年1月9日 協定期間満了"),
        ("マレーシア", "my-um", "マラヤ大学", "University of Malaya", "令和2年3月31日",
         "2020-03-31", True, ""),
    ],
    "ヨーロッパ": [
        ("ドイツ", "de-hd", "ハイデルベルク大学", "Ruprecht-Karls-Universität Heidelberg",
         D(2014, 11, 11), "2014-11-11", True, ""),
        ("フランス", "fr-sorb", "ソルボンヌ大学", "Sorbonne Université", "令和元年5月1日",
         "2019-05-01", False, "旧パリ第4大学との協定を継承"),
        ("イギリス", "gb-man", "マンチェスター大学", "The University of Manchester",
         D(2022, 1, 31), "2022-01-31", False, ""),
        ("イギリス", "gb-ed", "エディンバラ大学", "The University of Edinburgh", "",
         None, True, "締結日確認中"),
        ("ロシア", "ru-msu", "モスクワ大学", "Lomonosov Moscow State University",
         "2013年6月", "2013-06", False, "2022年3月より交流停止"),
    ],
    "北米": [
        ("アメリカ", "us-miamioh", "マイアミ大学", "Miami University (Ohio)", D(2012, 6, 20),
         "2012-06-20", True, "オハイオ州"),
        ("アメリカ", "us-umiami", "マイアミ大学", "University of Miami", D(2020, 2, 3),
         "2020-02-03", False, "フロリダ州"),
        ("カナダ", "ca-ubc", "ブリティッシュ・コロンビア大学", "University of British Columbia",
         "令和3年7月1日", "2021-07-01", True, ""),
    ],
    "オセアニア・中南米": [
        ("オーストラリア", "au-uq", "クイーンズランド大学", "The University of Queensland",
         D(2010, 8, 2), "2010-08-02", True, ""),
        ("ニュージーランド", "nz-uoa", "オークランド大学", "University of Auckland",
         "2023.1.16", "2023-01-16", False, ""),
        ("メキシコ", "mx-unam", "メキシコ国立自治大学", "UNAM", D(2010, 3, 29), "2010-03-29",
         False, ""),
        ("ブラジル", "br-usp", "サンパウロ大学", "Universidade de São Paulo", "2019年12月",
         "2019-12", False, ""),
    ],
}
WRONG_SHEET = "ヨーロッパ"  # its stated count is one more than its rows


def b04() -> tuple[str, dict[str, Any]]:
    name = "b04-mino.xlsx"
    title = "美濃大学 国際交流協定校一覧（大学間協定）"
    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    totals = []
    for sheet, items in B04.items():
        ws = wb.create_sheet(sheet)
        ws["A1"] = title
        ws["A2"] = "令和7年4月1日現在"
        ws.append(["No.", "国・地域", "大学名", "英文名", "締結日", "授業料不徴収", "備考"])
        for i, (country, pid, ja, en, date, signed, waiver, note) in enumerate(items, 1):
            r = 3 + i
            ws.append([i, country, ja, en, date, "○" if waiver else None, note or None])
            extra: dict[str, Any] = {}
            if isinstance(date, dt.date):
                ws.cell(r, 5).number_format = "yyyy/m/d"
                extra["signed_excel_cell"] = date.isoformat()
            rows.append(row("mino", pid, {"sheet": sheet, "row": r, "cell": f"{sheet}!C{r}"},
                            layout="region-sheets", ja=ja, en=en, signed=signed,
                            signed_printed=None if isinstance(date, dt.date) else (date or None),
                            waiver=waiver, notes=note or None, **extra))
        stated = len(items) + (1 if sheet == WRONG_SHEET else 0)
        r = 4 + len(items)
        ws.cell(r, 2, "計")
        ws.cell(r, 3, f"{stated}校")
        ws.cell(r + 2, 1, "※授業料不徴収欄の○は、授業料相互不徴収の協定であることを示す。")
        ws.cell(r + 3, 1, "※締結日は現行協定の締結日。協定期間満了・交流停止の協定を含む。")
        ws.merge_cells(start_row=r + 2, start_column=1, end_row=r + 2, end_column=7)
        totals.append(total(f"sheet:{sheet}", "institutions", stated, f"計 {stated}校"))
    wb.save(DOCS / name)
    rec = truth(name, "xlsx", "mino", title=title, as_of="2025-04-01", language="bi", rows=rows,
                stated_totals=totals,
                shape="one sheet per region, title and as-of rows above the header, Excel date "
                      "cells beside text dates (平成28年3月15日, 2019年10月, 2018.10.1), ○ "
                      "waiver column, 備考 with dates that are not signing dates, a 計 row and "
                      "merged notes rows at the bottom of each sheet, two partners printed "
                      "マイアミ大学 told apart only by the English name and 備考",
                damage=["wrong_total"])
    entry = manifest_entry(name, "mino", title, "2025-04-01", "令和7年4月1日現在", ["ja", "en"],
                           "printed in the first row of every sheet")
    return entry, rec


# (home unit, country, id, ja printed, partner unit, date, signed, waiver)
B10 = [
    ("農学部", "中国", "cn-thu", "清華大学", "農業工程学院", D(2020, 3, 31), "2020-03-31", False),
    ("農学部", "台湾", "tw-nthu", "國立清華大學", "生命科学院", "2023.2.1", "2023-02-01", False),
    ("農学部", "インドネシア", "id-ugm", "ガジャマダ大学", "農学部", D(2011, 12, 5), "2011-12-05",
     True),
    ("農学部", "インドネシア", "id-ipb", "ボゴール農科大学", "農学部", "03/04/2021", None, True),
    ("理工学部", "中国", "cn-neu", "東北大学（中国瀋陽市）", "信息科学与工程学院", D(2021, 11, 8),
     "2021-11-08", False),
    ("理工学部", "アメリカ", "us-neu", "ノースイースタン大学", "College of Engineering",
     "2017年4月", "2017-04", False),
    ("理工学部", "ドイツ", "de-tum", "ミュンヘン工科大学", "機械工学科", D(2016, 10, 1),
     "2016-10-01", None),
    ("理工学部", "オランダ", "nl-tud", "デルフト工科大学", "土木工学・地球科学部", "H29.3.1",
     "2017-03-01", False),
    ("経済学部", "韓国", "kr-korea", "高麗大学校", "経営大学", D(2022, 3, 2), "2022-03-02", True),
    ("経済学部", "香港", "hk-cuhk", "香港中文大学", "Faculty of Business Administration", "",
     None, False),
    ("経済学部", "イギリス", "gb-man", "マンチェスター大学", "Alliance Manchester Business School",
     D(2019, 9, 20), "2019-09-20", True),
    ("経済学部", "タイ", "#REF!", "#REF!", "#REF!", D(2023, 6, 1), "2023-06-01", False),
    ("経済学部", "シンガポール", "sg-nus", "シンガポール国立大学", "Business School",
     "2018年5月", "2018-05", False),
]


def b10() -> tuple[str, dict[str, Any]]:
    name = "b10-aso-dept.xlsx"
    title = "阿蘇大学 部局間交流協定一覧"
    wb = Workbook()
    ws = wb.active
    ws.title = "部局間協定"
    ws["A1"] = title
    ws["F1"] = "2024/4/1 現在"
    ws.append([])
    ws.append(["部局", "国・地域", "協定校", "相手部局", "締結日", "授業料不徴収"])
    rows = []
    lost = []
    start = {}
    for i, (unit, country, pid, ja, punit, date, signed, waiver) in enumerate(B10):
        r = 4 + i
        start.setdefault(unit, r)
        first = start[unit] == r
        mark = {True: "有", False: "無", None: None}[waiver]
        ws.append([unit if first else None, country, ja, punit, date, mark])
        if pid == "#REF!":  # a lookup formula whose source sheet was deleted: an error cell
            ws.cell(r, 5).number_format = "yyyy/mm/dd"
            lost.append({"level": "department", "locator": {"sheet": "部局間協定", "row": r,
                         "cell": f"部局間協定!C{r}"}, "partner_id": None, "text": "#REF!"})
            continue
        extra: dict[str, Any] = {}
        if isinstance(date, dt.date):
            ws.cell(r, 5).number_format = "yyyy/mm/dd"
            extra["signed_excel_cell"] = date.isoformat()
        rows.append(row("aso", pid, {"sheet": "部局間協定", "row": r, "cell": f"部局間協定!C{r}"},
                        layout="dept-merged-sheet", ja=ja, signed=signed,
                        signed_printed=None if isinstance(date, dt.date) else (date or None),
                        waiver=waiver, level="department", home_unit=unit, partner_unit=punit,
                        **extra))
    ends = {}
    for i, (unit, *_rest) in enumerate(B10):
        ends[unit] = 4 + i
    for unit, first in start.items():
        ws.merge_cells(start_row=first, start_column=1, end_row=ends[unit], end_column=1)
    last = 4 + len(B10)
    ws.cell(last + 1, 1, f"合計 {len(B10) + 1}件")
    wb.save(DOCS / name)
    rec = truth(name, "xlsx", "aso", title=title, as_of="2024-04-01", language="ja", rows=rows,
                stated_totals=[total("department", "agreements", len(B10) + 1,
                                     f"合計 {len(B10) + 1}件")],
                shape="one department-level sheet, the home unit in a vertically merged "
                      "cell, Excel dates beside text dates (2023.2.1, H29.3.1, 2017年4月) and "
                      "one ambiguous 03/04/2021 (truth null), 有/無/blank waiver, a partner "
                      "printed in traditional characters (國立清華大學), a stated total that is "
                      "wrong (14 for 13 printed rows, 12 of them readable); one row whose "
                      "name and faculty cells are #REF! errors (a lookup whose source sheet "
                      "was deleted): unreadable, not a row",
                damage=["wrong_total", "ambiguous_date", "unreadable"], unreadable=lost)
    entry = manifest_entry(name, "aso", title, "2024-04-01", "2024/4/1 現在", ["ja"],
                           "printed in the first row")
    return entry, rec


assert all(p in PARTNERS for items in B04.values() for _c, p, *_ in items)
