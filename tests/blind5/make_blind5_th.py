"""Mae Ping University (Thailand): f09 Buddhist-era workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit
from openpyxl import Workbook
from openpyxl.styles import Font

H = "maeping"

TH_MON = "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
# f09: (country, pid, Thai name, type, faculty, iso, style, expiry iso, status)
F09 = [
    (
        "Japan",
        "b5:jp-tokyo",
        "มหาวิทยาลัยโตเกียว",
        "MOU",
        None,
        "2016-04-01",
        "th",
        "2026-03-31",
        "Active",
    ),
    (
        "Japan",
        "b5:jp-keio",
        "มหาวิทยาลัยเคโอ",
        "MOU",
        None,
        "2020-01-20",
        "slash",
        "2025-01-19",
        "Active",
    ),
    (
        "Japan",
        "b5:jp-tohoku",
        "มหาวิทยาลัยโทโฮคุ",
        "MOA",
        "Faculty of Engineering",
        "2017-10-01",
        "th",
        "2027-09-30",
        "Active",
    ),
    (
        "Japan",
        "b5:jp-tokai",
        "มหาวิทยาลัยโทไก",
        "MOU",
        None,
        "2018-06-05",
        "th",
        "2028-06-04",
        "Active",
    ),
    (
        "Korea",
        "b5:kr-cau",
        "มหาวิทยาลัยจุงอัง",
        "MOU",
        None,
        "2018-04-03",
        "th",
        "2028-04-02",
        "Active",
    ),
    (
        "Korea",
        "b5:kr-yonsei",
        "มหาวิทยาลัยยอนเซ",
        "MOA",
        "Faculty of Business Administration",
        "2022-03-01",
        "th",
        "2027-02-28",
        "Active",
    ),
    (
        "Taiwan",
        "b5:tw-ncku",
        "มหาวิทยาลัยแห่งชาติเฉิงกง",
        "MOU",
        None,
        "2019-08-01",
        "th",
        "2029-07-31",
        "Active",
    ),
    (
        "Taiwan",
        "b5:tw-ntu",
        "มหาวิทยาลัยแห่งชาติไต้หวัน",
        "MOU",
        None,
        "2010-12-01",
        "th",
        "2030-11-30",
        "Active",
    ),
    None,
    (
        "China",
        "b5:cn-pku",
        "มหาวิทยาลัยปักกิ่ง",
        "MOU",
        None,
        "2009-04-10",
        "th",
        "2029-04-09",
        "Active",
    ),
    (
        "China",
        "b5:cn-sysu",
        "มหาวิทยาลัยซุนยัตเซ็น",
        "MOA",
        "Faculty of Medicine",
        "2016-03-12",
        "slash",
        "2026-03-11",
        "Active",
    ),
    (
        "Malaysia",
        "b5:my-usm",
        "มหาวิทยาลัยวิทยาศาสตร์มาเลเซีย",
        "MOU",
        None,
        "2019-08-20",
        "th",
        "2024-08-19",
        "Active",
    ),
    (
        "Australia",
        "b5:au-uq",
        "มหาวิทยาลัยควีนส์แลนด์",
        "MOU",
        None,
        "2013-03-01",
        "th",
        "2028-02-29",
        "Active",
    ),
    (
        "Germany",
        "b5:de-heidelberg",
        "มหาวิทยาลัยไฮเดลแบร์ก",
        "MOA",
        "Faculty of Science",
        "2013-07-01",
        "th",
        "2028-06-30",
        "Active",
    ),
    (
        "United States",
        "b5:us-hawaii",
        "มหาวิทยาลัยฮาวาย มาโนอา",
        "MOU",
        None,
        "2011-09-01",
        "th",
        "2023-08-31",
        "Expired",
    ),
]
CC9 = {
    "Japan": "JP",
    "Korea": "KR",
    "Taiwan": "TW",
    "China": "CN",
    "Malaysia": "MY",
    "Australia": "AU",
    "Germany": "DE",
    "United States": "US",
}


def be(iso: str, style: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    if style == "th":
        return f"{d} {TH_MON[m - 1]} {y + 543}"
    return f"{d:02d}/{m:02d}/{y + 543}"


def f09(out: Path) -> dict[str, Any]:
    doc = "f09-maeping.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Agreements"
    ws["A1"] = (
        "Mae Ping University — International Cooperation Agreements / ข้อตกลงความร่วมมือกับต่างประเทศ"
    )
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "ข้อมูล ณ วันที่ 1 มีนาคม 2567 (as of 1 March 2567 B.E.)"
    th_head = [
        "ลำดับ",
        "ประเทศ",
        "ชื่อสถาบัน (อังกฤษ)",
        "ชื่อสถาบัน (ไทย)",
        "ประเภท",
        "คณะที่รับผิดชอบ",
        "วันที่ลงนาม (พ.ศ.)",
        "วันหมดอายุ (พ.ศ.)",
        "สถานะ",
    ]
    en_head = [
        "No.",
        "Country",
        "Institution",
        "Institution (Thai)",
        "Type",
        "Responsible Faculty (MPU)",
        "Date of Signing (B.E.)",
        "Expiry (B.E.)",
        "Status",
    ]
    for c, (t, e) in enumerate(zip(th_head, en_head, strict=False), 1):
        ws.cell(3, c, t).font = Font(bold=True)
        ws.cell(4, c, e).font = Font(bold=True)
    ws.freeze_panes = "A5"
    rows: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    r = 5
    for i, it in enumerate(F09, 1):
        ws.cell(r, 1, i)
        if it is None:
            garbage = (
                "ญี่ปุ่น".encode("cp874").decode("cp1252", errors="replace"),
                "มหาวิทยาลัยโอซาก้า".encode("cp874").decode("cp1252", errors="replace"),
            )
            ws.cell(r, 2, garbage[0])
            ws.cell(r, 4, garbage[1])
            ws.cell(r, 5, "MOU")
            ws.cell(r, 6, "University-wide")
            ws.cell(r, 7, "15/09/2563")
            ws.cell(r, 9, "Active")
            unreadable.append(
                {
                    "level": "university",
                    "locator": {"sheet": "Agreements", "row": r, "cell": f"Agreements!D{r}"},
                    "partner_id": None,
                    "text": " | ".join(garbage),
                }
            )
            r += 1
            continue
        country, pid, thai, kind, fac, iso, style, exp, status = it
        en = name(pid, "en")
        for c, v in enumerate(
            [
                country,
                en,
                thai,
                kind,
                fac or "University-wide",
                be(iso, style),
                be(exp, style),
                status,
            ],
            2,
        ):
            ws.cell(r, c, v)
        extra: dict[str, Any] = {"agreement_type": kind, "native_name": thai}
        if status != "Active":
            extra["status"] = status
        rows.append(
            row(
                H,
                "buddhist-era-sheet",
                pid,
                {"sheet": "Agreements", "row": r, "cell": f"Agreements!C{r}"},
                ja=None,
                en=en,
                country=CC9[country],
                signed=iso,
                signed_printed=be(iso, style),
                waiver=None,
                level="department" if fac else "university",
                home_unit=unit(en=fac) if fac else None,
                **extra,
            )
        )
        r += 1
    tot = f"Total {len(F09)} agreements / รวม {len(F09)} ฉบับ"
    ws.cell(r + 1, 1, tot)
    ws.auto_filter.ref = f"A4:I{r - 1}"
    for col, wd in zip("ABCDEFGHI", (6, 14, 36, 34, 8, 30, 18, 18, 10), strict=False):
        ws.column_dimensions[col].width = wd
    lists = wb.create_sheet("lists")
    for i, v in enumerate(
        ["Japan", "Korea", "Taiwan", "China", "Malaysia", "Australia", "Germany", "United States"],
        1,
    ):
        lists.cell(i, 1, v)
    for i, v in enumerate(["MOU", "MOA"], 1):
        lists.cell(i, 2, v)
    lists.sheet_state = "hidden"
    wb.save(out / doc)
    return doc_truth(
        doc,
        "xlsx",
        H,
        title="Mae Ping University — International Cooperation Agreements",
        as_of="2024-03-01",
        language="en",
        layout="buddhist-era-sheet",
        rows=rows,
        unreadable=unreadable,
        shape="Thai university workbook, bilingual two-row header (Thai over English), frozen at "
        "A5 with an "
        "autofilter; English and Thai names; MOU (university-wide) / MOA (a responsible faculty); "
        "dates as "
        "text in the Buddhist Era: `1 เม.ย. 2559` (Thai month abbreviations) or `20/01/2563`; a "
        "hidden "
        "`lists` sheet holding the drop-down values",
        notes=[
            "B.E. years (the header says พ.ศ. / B.E.): 2559 = 2016; `20/01/2563` is day-first "
            "(Thai usage; "
            "20 cannot be a month)",
            "MOU rows university level; MOA rows department level, home unit the responsible "
            "faculty "
            "(home_unit.en); no partner unit printed",
            "Thai names in native_name (the English column is the name); no waiver information: "
            "null",
            "row 13 (No. 9): country and Thai name are mojibake (TIS-620 read as cp1252), the "
            "English cell "
            "empty: unreadable, never a row",
            "Hawaii Expired: a row (status); expiry dates are no signing dates",
            "the hidden `lists` sheet holds drop-down values, no rows",
            f"`{tot}` counts the unreadable row: right",
        ],
        stated_totals=[total("all", "agreements", len(F09), tot)],
        damage=["unreadable", "hidden_sheet"],
    )
