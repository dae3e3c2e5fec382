"""The XLSX documents of the third blind corpus (one function per document)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from blind3_data import row, total, truth
from openpyxl import Workbook
from openpyxl.utils.datetime import from_excel


def d06_tenryu(out: Path) -> dict[str, Any]:
    """Merged two-row header, a hidden column, hidden rows, an autofilter, No. stored as
    text, 締結日 a text column holding text dates, Excel date cells and serials typed as text."""
    doc = "d06-tenryu.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "協定校一覧"
    ws["A1"] = "天竜大学　大学間学術交流協定校一覧"
    ws.merge_cells("A1:H1")
    ws["A2"] = "令和6年4月1日現在　国際課"
    ws.merge_cells("A2:H2")
    for c, v in {
        "A3": "No.",
        "B3": "国・地域",
        "C3": "協定校名",
        "E3": "協定",
        "G3": "備考",
        "H3": "担当",
        "C4": "日本語",
        "D4": "English",
        "E4": "締結日",
        "F4": "授業料不徴収",
    }.items():
        ws[c] = v
    for rng in ("A3:A4", "B3:B4", "C3:D3", "E3:F3", "G3:G4", "H3:H4"):
        ws.merge_cells(rng)
    # (pid, country, ja, en, date kind, date, waiver, note, hidden row)
    data: list[tuple[Any, ...]] = [
        ('b3:cn-pku', '中国', '北京大学', 'Peking University', 'serial', '43191', True, '', False),
        ('b3:cn-zju', '中国', '浙江大学', 'Zhejiang University', 'date', dt.date(2016, 4, 1), True,
         '', False),
        ('b3:kr-yonsei', '韓国', '延世大学校', 'Yonsei University', 'text', '2013/9/1', True, '',
         False),
        ('b3:kr-cau', '韓国', '中央大学校', 'Chung-Ang University', 'serial', '44652', False, '',
         False),
        ('b3:tw-ncu', '台湾', '国立中央大学', 'National Central University', 'text', '2011/6/15',
         True, '', False),
        ('b3:th-mahidol', 'タイ', 'マヒドン大学', 'Mahidol University', 'text', '2010/2/1', True,
         '2022年3月31日終了', True),
        ('b3:my-um', 'マレーシア', 'マラヤ大学', 'University of Malaya', 'date',
         dt.date(2019, 7, 22), False, '', False),
        ('b3:vn-hust', 'ベトナム', 'ハノイ工科大学', 'Hanoi University of Science and Technology',
         'serial', '42461', True, '', False),
        ('b3:us-purdue', 'アメリカ', 'パデュー大学', 'Purdue University', 'text', '2008/4/1',
         False, '', False),
        ('b3:us-uw', 'アメリカ', 'ワシントン大学', 'University of Washington', 'date',
         dt.date(2005, 11, 1), False, 'シアトル', False),
        ('b3:ca-mcgill', 'カナダ', 'マギル大学', 'McGill University', 'text', '2012/3/5', False,
         '2021年3月31日終了', True),
        ('b3:gb-man', '英国', 'マンチェスター大学', 'The University of Manchester', 'text',
         '2019/10/1', True, '', False),
        ('b3:it-bo', 'イタリア', 'ボローニャ大学', 'University of Bologna', 'serial', '43739',
         True, '', False),
        ('b3:se-lund', 'スウェーデン', 'ルンド大学', 'Lund University', 'date',
         dt.date(2021, 1, 12), True, '', False),
        ('b3:nz-otago', 'ニュージーランド', 'オタゴ大学', 'University of Otago', 'text',
         '2014/8/20', False, '', False),
        ('b3:br-usp', 'ブラジル', 'サンパウロ大学', 'University of São Paulo', 'text', '', False,
         '締結日調査中', False),
    ]
    rows: list[dict[str, Any]] = []
    r = 4
    for i, (pid, cname, ja, en, kind, d, wv, note, hidden) in enumerate(data, 1):
        r += 1
        ws.cell(r, 1, str(i))  # a number stored as text
        ws.cell(r, 2, cname)
        ws.cell(r, 3, ja)
        ws.cell(r, 4, en)
        e = ws.cell(r, 5)
        if kind == "date":
            e.value = d
            e.number_format = "yyyy/m/d"
            signed, printed, excel = d.isoformat(), None, d.isoformat()
        else:
            e.value = d
            e.number_format = "@"
            excel = None
            printed = d or None
            if kind == "serial":
                signed = from_excel(int(d)).date().isoformat()
            elif d:
                y, m, dd = (int(x) for x in d.split("/"))
                signed = dt.date(y, m, dd).isoformat()
            else:
                signed = None
        ws.cell(r, 6, "○" if wv else None)
        ws.cell(r, 7, note or None)
        ws.cell(r, 8, ["佐藤", "鈴木", "高橋"][i % 3])
        if hidden:
            ws.row_dimensions[r].hidden = True
        extra: dict[str, Any] = {"hidden_row": True} if hidden else {}
        if note:
            extra["notes"] = note
        tr = row(
            "tenryu",
            pid,
            {"sheet": "協定校一覧", "row": r, "cell": f"協定校一覧!C{r}"},
            layout="merged-header-sheet",
            ja=ja,
            en=en,
            signed=signed,
            signed_printed=printed,
            waiver=wv,
            damage=["serial_as_text"] if kind == "serial" else [],
            **extra,
        )
        if excel:
            tr["signed_excel_cell"] = excel
        rows.append(tr)
    r += 1
    ws.cell(r, 1, "計")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.cell(r, 3, "16校")
    ws.column_dimensions["H"].hidden = True
    ws.auto_filter.ref = f"A4:H{r - 1}"
    wb.save(out / doc)
    return truth(
        doc,
        "xlsx",
        "tenryu",
        rows,
        title="天竜大学 大学間学術交流協定校一覧",
        as_of="2024-04-01",
        language="bi",
        layouts=["merged-header-sheet"],
        shape="title and as-of merged over the width; two-row header with 協定校名 merged over "
        "日本語/English and 協定 over 締結日/授業料不徴収, No./国・地域/備考/担当 merged over "
        "two rows; an autofilter; No. stored as text; 締結日 a text-formatted column holding "
        "`2013/9/1`, Excel date cells, and serial numbers typed as text (`43191`); column H "
        "(担当, staff names) hidden; two rows hidden (ended agreements, 備考 `…終了`)",
        damage=["serial_as_text", "hidden_rows", "hidden_column"],
        stated_totals=[total("university", "institutions", 16, "計 16校")],
        notes=[
            "Serials typed as text are read in the workbook's own date system (1900: this "
            "workbook does not set date1904): 43191 = 2018-04-01.",
            "Hidden rows are rows: hiding is a view setting; the rows record ended "
            "agreements (备考 …終了), and ended agreements are rows (as in tests/blind).",
            "The hidden column H holds staff names: not data.",
            "計 16校 counts the two hidden rows: right.",
        ],
    )


def d07_tenryu_dept(out: Path) -> dict[str, Any]:
    """Two department sheets (学部間, 研究科・センター間): `2016.4.1（2021.4.1更新）`, fiscal
    years, validity ranges, 相互免除/徴収, a doubled row, a wrong sheet total."""
    doc = "d07-tenryu-dept.xlsx"
    wb = Workbook()
    sheets = {
        "学部間": [
            ('人文学部', 'b3:cn-nju', '南京大学', '文学院', '中国', '2016.4.1（2021.4.1更新）',
             '2016-04-01', '相互免除'),
            ('人文学部', 'b3:kr-korea', '高麗大学校', '文科大学', '韓国', '2023年度', None,
             '相互免除'),
            ('理工学部', 'b3:sg-nus', 'シンガポール国立大学', 'College of Design and Engineering',
             'シンガポール', '2018.11.5', '2018-11-05', '徴収'),
            ('理工学部', 'b3:in-iisc', 'インド理科大学院', 'Department of Physics', 'インド',
             '2019.4.1～2024.3.31', None, '徴収'),
            ('理工学部', 'b3:de-tud', 'ドレスデン工科大学', 'Fakultät Elektrotechnik', 'ドイツ',
             '2012.10.1（2017.10.1、2022.10.1更新）', '2012-10-01', '相互免除'),
            ('医学部', 'b3:th-chula', 'チュラロンコン大学', 'Faculty of Medicine', 'タイ',
             '2020.2.10', '2020-02-10', ''),
        ],
        "研究科・センター間": [
            ('農学研究科', 'b3:id-ugm', 'ガジャマダ大学', 'Faculty of Agriculture', 'インドネシア',
             '2015.6.1（2020.6.1更新）', '2015-06-01', '相互免除'),
            ('農学研究科', 'b3:au-monash', 'モナシュ大学', 'Faculty of Science', 'オーストラリア',
             '2021年度', None, '徴収'),
            ('工学研究科', 'b3:ch-ethz', 'スイス連邦工科大学チューリッヒ校',
             'Department of Mechanical and Process Engineering', 'スイス', '2017.9.1',
             '2017-09-01', '徴収'),
            ('工学研究科', 'b3:us-ucb', 'カリフォルニア大学バークレー校', 'College of Engineering',
             'アメリカ', '2014.7.1（2019.7.1更新）', '2014-07-01', '徴収'),
            ('国際交流センター', 'b3:hk-hku', '香港大学', 'Centre for Applied English Studies',
             '香港', '2022.4.1～2027.3.31', None, '相互免除'),
            ('国際交流センター', 'b3:es-usal', 'サラマンカ大学', 'Cursos Internacionales',
             'スペイン', '2011.3.14', '2011-03-14', '徴収'),
            ('国際交流センター', 'b3:fi-hel', 'ヘルシンキ大学', 'Language Centre', 'フィンランド',
             '2019.1.7', '2019-01-07', '相互免除'),
        ],
    }
    wmap = {"相互免除": True, "徴収": False, "": None}
    rows: list[dict[str, Any]] = []
    dups: list[dict[str, Any]] = []
    totals = []
    first = True
    for name, data in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        ws.title = name
        first = False
        ws.append([f"天竜大学　{name}交流協定一覧（令和6年4月1日現在）"])
        ws.append(
            [
                "No.",
                "部局",
                "協定校",
                "相手部局",
                "国・地域",
                "締結日（更新日）／協定期間",
                "授業料",
            ]
        )
        r = 2
        for i, (unit, pid, ja, punit, cname, sp, sd, wv) in enumerate(data, 1):
            ws.append([f"{i:02d}", unit, ja, punit, cname, sp, wv or None])
            r += 1
            lvl = (
                "研究科間"
                if unit.endswith("研究科")
                else "センター間"
                if unit.endswith("センター")
                else "学部間"
            )
            tr = row(
                "tenryu",
                pid,
                {"sheet": name, "row": r, "cell": f"{name}!C{r}"},
                layout="dept-level-sheets",
                ja=ja,
                signed=sd,
                signed_printed=sp,
                waiver=wmap[wv],
                level="department",
                home_unit=unit,
                partner_unit=None if punit.isascii() else punit,
                partner_unit_en=punit if punit.isascii() else None,
                agreement_level=lvl,
            )
            rows.append(tr)
            if pid == "b3:ch-ethz":  # pasted twice
                ws.append([f"{i:02d}", unit, ja, punit, cname, sp, wv or None])
                r += 1
                dups.append(
                    {
                        "locator": {"sheet": name, "row": r, "cell": f"{name}!C{r}"},
                        "of": {"sheet": name, "row": r - 1, "cell": f"{name}!C{r - 1}"},
                    }
                )
        n = len(data) + (1 if name == "学部間" else 0)  # 学部間 states 7 for 6 rows
        ws.append(["", "", f"計 {n}件"])
        totals.append(total(f"sheet:{name}", "agreements", n, f"計 {n}件"))
        ws.append(["※ 授業料欄：相互免除＝授業料相互不徴収、徴収＝各自納付"])
        ws.append(["※ 締結日欄の（　）内は自動更新日。「年度」は締結年度。"])
    wb.save(out / doc)
    return truth(
        doc,
        "xlsx",
        "tenryu",
        rows,
        title="天竜大学 部局間交流協定一覧",
        as_of="2024-04-01",
        language="ja",
        layouts=["dept-level-sheets"],
        shape="two department sheets, 学部間 and 研究科・センター間 (home units ending 学部, "
        "研究科, センター); No. as text `01`; one column `締結日（更新日）／協定期間` holding "
        "`2016.4.1（2021.4.1更新）`, `2012.10.1（2017.10.1、2022.10.1更新）`, `2023年度`, or a "
        "validity range `2019.4.1～2024.3.31`; 授業料 相互免除/徴収/blank; 計 and ※ lines",
        damage=["doubled", "wrong_total"],
        duplicates=dups,
        stated_totals=totals,
        notes=[
            "The date before （…更新） is the signing date; the renewal dates are not.",
            "A validity range with no signing date: null (not its start).",
            "A fiscal year (2023年度): null.",
            "学部間 states 計 7件 for 6 rows: wrong on purpose.",
        ],
    )
