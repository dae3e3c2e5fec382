"""Cheongnim University (Korea): f02 workbook, one row per agreement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

H = "cheongnim"


# f02: sheet 협정현황 — (country, [(pid, [(kind, date, text_date?, expiry, waiver O/X/-)])])
F02 = [
    (
        "일본",
        [
            (
                "b5:jp-kyoto",
                [
                    ("학술교류", "2014-05-20", None, "2029-05-19", "-"),
                    ("학생교류", "2015-03-01", None, "2025-02-28", "O"),
                ],
            ),
            ("b5:jp-waseda", [("학생교류", "2016-09-01", None, "2026-08-31", "O")]),
            ("b5:jp-tokyo", [("학술교류", "2015-04-01", None, "2030-03-31", "-")]),
        ],
    ),
    (
        "대만",
        [
            (
                "b5:tw-ntu",
                [
                    ("학술교류", "2010-12-01", None, "2025-11-30", "-"),
                    ("학생교류", "2012-02-01", None, "2027-01-31", "O"),
                ],
            ),
            ("b5:tw-nsysu", [("학생교류", "2019-06-01", None, "2024-05-31", "O")]),
        ],
    ),
    ("중국", [("b5:cn-pku", [("학술교류", "2009-04-10", None, "2029-04-09", "-")])]),
    ("태국", [("b5:th-mahidol", [("학생교류", "2018-11-15", None, "2028-11-14", "O")])]),
    ("인도네시아", [("b5:id-ui", [("학술교류", "2017-03-01", "2017.03.01.", "2027.02.28.", "-")])]),
    ("호주", [("b5:au-unsw", [("학생교류", "2016-02-15", None, "2026-02-14", "O")])]),
    ("영국", [("b5:gb-leeds", [("학생교류", "2019-01-07", None, "2024-01-06", "X")])]),
    ("독일", [("b5:de-heidelberg", [("학술교류", "2013-07-01", None, "2028-06-30", "-")])]),
    ("페루", [("b5:pe-pucp", [("학생교류", "2021-03-15", "2021.3.15.", "2026.3.14.", "O")])]),
]
F02_ENDED = [
    (
        "미국",
        "b5:us-hawaii",
        "University of Hawaii at Manoa",
        "학생교류",
        "2011-09-01",
        "2023-08-31",
        "기간 만료",
    ),
    ("말레이시아", "b5:my-utm", None, "학생교류", "2012-05-01", "2020-04-30", "교류 실적 없음"),
]


def _d(iso: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(iso)


def f02(out: Path) -> dict[str, Any]:
    doc = "f02-cheongnim.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "협정현황"
    ws["A1"] = "청림대학교 해외 협정대학 현황 (협정별)"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    ws["A2"] = "2024. 3. 1. 기준 / 등록금면제: O 면제, X 미면제, - 해당 없음(학술교류)"
    ws.merge_cells("A2:H2")
    head = [
        "연번",
        "국가",
        "대학명(국문)",
        "대학명(영문)",
        "협정구분",
        "체결일",
        "만료일",
        "등록금면제",
    ]
    for c, h in enumerate(head, 1):
        ws.cell(3, c, h).font = Font(bold=True)
    ws.freeze_panes = "A4"
    rows: list[dict[str, Any]] = []
    r = 4
    n = 0
    insts = 0
    for country, partners in F02:
        c_top = r
        for pid, agrs in partners:
            insts += 1
            p_top = r
            ko, en = name(pid, "ko"), name(pid, "en")
            ws.cell(r, 3, ko)
            ws.cell(r, 4, en)
            for kind, iso, text, expiry, wv in agrs:
                n += 1
                ws.cell(r, 1, n)
                ws.cell(r, 5, kind)
                if text:
                    ws.cell(r, 6, text)
                    ws.cell(r, 7, expiry)
                else:
                    ws.cell(r, 6, _d(iso)).number_format = "yyyy-mm-dd"
                    ws.cell(r, 7, _d(expiry)).number_format = "yyyy-mm-dd"
                ws.cell(r, 8, wv)
                merged = r > p_top
                rows.append(
                    row(
                        H,
                        "merged-partner-kinds-sheet",
                        pid,
                        {"sheet": "협정현황", "row": r, "cell": f"협정현황!C{r}"},
                        ja=ko,
                        en=en,
                        signed=iso,
                        signed_printed=text,
                        waiver={"O": True, "X": False, "-": None}[wv],
                        agreement_type=kind,
                        damage=["merged_partner_cell"] if merged else [],
                        **({} if text else {"signed_excel_cell": True}),
                    )
                )
                r += 1
            if r - 1 > p_top:
                ws.merge_cells(f"C{p_top}:C{r - 1}")
                ws.merge_cells(f"D{p_top}:D{r - 1}")
        ws.cell(c_top, 2, country)
        if r - 1 > c_top:
            ws.merge_cells(f"B{c_top}:B{r - 1}")
    for rr in range(4, r):
        for cc in (2, 3, 4):
            ws.cell(rr, cc).alignment = Alignment(vertical="center")
    tot_text = f"합계: {insts}개교 {n + 1}건"
    ws.cell(r, 1, tot_text)
    ws.merge_cells(f"A{r}:H{r}")
    ws.auto_filter.ref = f"A3:H{r - 1}"
    for col, w in zip("ABCDEFGH", (6, 12, 22, 40, 10, 12, 12, 10), strict=False):
        ws.column_dimensions[col].width = w
    # sheet 2: ended agreements
    ws2 = wb.create_sheet("종료협정")
    for c, h in enumerate(
        ["국가", "대학명", "영문명", "협정구분", "체결일", "종료일", "종료사유"], 1
    ):
        ws2.cell(1, c, h).font = Font(bold=True)
    for i, (country, pid, en, kind, iso, ended, why) in enumerate(F02_ENDED, 2):
        ko = name(pid, "ko")
        ws2.cell(i, 1, country)
        ws2.cell(i, 2, ko)
        ws2.cell(i, 3, en or "")
        ws2.cell(i, 4, kind)
        ws2.cell(i, 5, _d(iso)).number_format = "yyyy-mm-dd"
        ws2.cell(i, 6, _d(ended)).number_format = "yyyy-mm-dd"
        ws2.cell(i, 7, why)
        rows.append(
            row(
                H,
                "merged-partner-kinds-sheet",
                pid,
                {"sheet": "종료협정", "row": i, "cell": f"종료협정!B{i}"},
                ja=ko,
                en=en,
                signed=iso,
                signed_printed=None,
                signed_excel_cell=True,
                waiver=None,
                agreement_type=kind,
                status="종료",
                notes=why,
            )
        )
    wb.save(out / doc)
    return doc_truth(
        doc,
        "xlsx",
        H,
        title="청림대학교 해외 협정대학 현황 (협정별)",
        as_of="2024-03-01",
        language="ko",
        layout="merged-partner-kinds-sheet",
        rows=rows,
        shape="Korean workbook, one row per agreement: "
        "연번/국가/대학명(국문)/대학명(영문)/협정구분/체결일/"
        "만료일/등록금면제; a partner with a 학술교류 and a 학생교류 agreement has its name cells "
        "merged "
        "over both rows, the country merged over its group; frozen header with autofilter; a "
        "second "
        "sheet 종료협정 lists ended agreements",
        notes=[
            "학술교류 (academic MOU) and 학생교류 (student exchange) are both agreements: one row "
            "each",
            "a row under a merged name cell is located at its own row (cell C of that row; the "
            "name is "
            "the merge's top-left)",
            "만료일 / 종료일 are not signing dates; text dates `2017.03.01.` (trailing dot)",
            "등록금면제 O true, X false, - (no student exchange) null; ended sheet has no waiver: "
            "null",
            f"`{tot_text}` at the foot of sheet 협정현황 counts that sheet (scope 협정현황, not "
            f"the ended sheet): {insts} institutions right, {n + 1} agreements wrong ({n} rows)",
            "the ended sheet's rows are rows (status 종료), as ended agreements were in earlier "
            "sets",
        ],
        stated_totals=[
            total("협정현황", "institutions", insts, tot_text),
            total("협정현황", "agreements", n + 1, tot_text),
        ],
        damage=["merged_partner_cell", "wrong_total", "ended_sheet"],
    )
