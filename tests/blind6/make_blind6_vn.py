"""g04 (text as extracted from a PDF, Vietnamese): Song Lam."""

from __future__ import annotations

from pathlib import Path

from blind6_data import PARTNERS, doc, row

TITLE = "DANH SÁCH CÁC CƠ SỞ ĐÀO TẠO NƯỚC NGOÀI ĐÃ KÝ KẾT THỎA THUẬN HỢP TÁC"
AS_OF = ("2024-01-15", "(Cập nhật đến ngày 15 tháng 01 năm 2024)")

# (id, Quốc gia, date printed, signed, damage)
G04 = [
    ("b6:jp-tohoku", "Nhật Bản", "12/04/2016", "2016-04-12", []),
    ("b6:jp-osaka", "Nhật Bản", "ngày 3 tháng 10 năm 2018", "2018-10-03", []),
    ("b6:id-ugm", "Indonesia", "25/11/2015", "2015-11-25", []),
    ("b6:id-ui", "Indonesia", "08/08/2019", "2019-08-08", []),
    ("b6:th-kasetsart", "Thái Lan", "1O/07/2O18", "2018-07-10", ["ocr_slip"]),
    ("b6:kr-kaist", "Hàn Quốc", "tháng 6 năm 2020", "2020-06", []),
    ("b6:fr-lyon1", "Pháp", "20/09/2017", "2017-09-20", []),
    ("b6:nl-wur", "Hà Lan", "ngày 5 tháng 9 năm 2017", "2017-09-05", ["wrap"]),
    (None, None, None, None, None),  # unreadable
    ("b6:au-uq", "Úc", "14/02/2022", "2022-02-14", []),
    ("b6:us-purdue", "Hoa Kỳ", "l5/03/2019", "2019-03-15", ["ocr_slip"]),
    ("b6:de-kit", "Đức", "30/06/2021", "2021-06-30", []),
    ("b6:es-salamanca", "Tây Ban Nha", "17/12/2014", "2014-12-17", []),
]
GARBAGE = "9     ▮▮▮ ▮▮▮▮ ▮▮▮▮▮▮▮▮▮  ▮▮▮ ▮▮▮▮                    ▮▮▮▮▮▮       ▮▮/▮▮/20▮▮"
TOTAL = "Tổng cộng: 13 cơ sở đối tác"


def _line(stt: str, name: str, nation: str, date: str) -> str:
    return f"{stt:<6}{name:<58}{nation:<14}{date}"


def g04(out: Path) -> dict:
    head = [
        "TRƯỜNG ĐẠI HỌC SÔNG LAM",
        "PHÒNG HỢP TÁC QUỐC TẾ",
        "",
        TITLE,
        AS_OF[1],
        "",
        _line("STT", "Tên trường đối tác", "Quốc gia", "Ngày ký"),
        "",
    ]
    lines = list(head)
    rows, unreadable = [], []
    for n, (pid, nation, dp, signed, damage) in enumerate(G04, 1):
        if n == 8:  # page break
            lines += [
                "",
                "Trang 1/2",
                "\f" + _line("STT", "Tên trường đối tác", "Quốc gia", "Ngày ký"),
                "",
            ]
        if pid is None:
            lines.append(GARBAGE)
            unreadable.append(
                {
                    "level": "university",
                    "locator": {"line": len(lines)},
                    "partner_id": None,
                    "text": GARBAGE,
                }
            )
            continue
        name = PARTNERS[pid][1]["vi"]
        if "wrap" in damage:
            lines.append(f"{n:<6}Wageningen Uni-")
            lines.append(_line("", "versity & Research", nation, dp))
            loc = {"lines": [len(lines) - 1, len(lines)]}
            printed = "Wageningen Uni-versity & Research"
        else:
            lines.append(_line(str(n), name, nation, dp))
            loc = {"line": len(lines)}
            printed = name
        rows.append(
            row(
                "songlam",
                pid,
                loc,
                signed,
                dp,
                "vn-text-table",
                en=name,
                printed_en=printed,
                damage=damage,
            )
        )
    lines += ["", TOTAL, "", "Trang 2/2", ""]
    (out / "g04-songlam.txt").write_text("\n".join(lines), encoding="utf-8")
    return doc(
        "g04-songlam.txt",
        "text",
        "songlam",
        "vi",
        TITLE,
        AS_OF[0],
        AS_OF[1],
        "vn-text-table",
        "Vietnamese list extracted from a PDF: STT / Tên trường đối tác / Quốc gia / Ngày ký "
        "columns separated by runs of spaces; day-first `12/04/2016` and "
        "`ngày 5 tháng 9 năm 2017`, month `tháng 6 năm 2020`; page furniture `Trang 1/2`, "
        "form feed and header repeated",
        rows,
        unreadable=unreadable,
        damage=["page_furniture", "repeated_header", "unreadable", "wrap", "ocr_slip"],
        totals=[{"scope": "all", "text": TOTAL, "unit": "institutions", "value": 13}],
        notes=[
            "Wageningen broken by a hyphen at a line end: `Wageningen Uni-` / "
            "`versity & Research` is one name (lines)",
            "OCR slips in dates: `1O/07/2O18` = 10/07/2018, `l5/03/2019` = 15/03/2019",
            "row 9 unreadable (▮ garbage); `Tổng cộng: 13` counts it: right",
            "no waiver information: null",
        ],
    )
