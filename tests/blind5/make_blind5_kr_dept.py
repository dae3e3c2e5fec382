"""Cheongnim University (Korea): f10 college-level memo."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit

H = "cheongnim"


# f10: department memo — (college, stated count,
#      [(country, pid, name print, partner unit, date print, iso)])
F10 = [
    (
        "공과대학",
        4,
        [
            ("일본", "b5:jp-tokyo", None, "공학계연구과", "2018. 9. 1.", "2018-09-01"),
            ("일본", "b5:jp-tohoku", None, "공학연구과", "2017. 9. 1.", "2017-09-01"),
            ("대만", "b5:tw-ncku", None, "공학원", "2019. 2. 20.", "2019-02-20"),
            ("말레이시아", "b5:my-utm", None, "공과대학", "2015. 10. 5.", "2015-10-05"),
        ],
    ),
    (
        "경영대학",
        3,
        [
            ("중국", "b5:cn-fudan", None, "관리학원", "2020. 3. 1.", "2020-03-01"),
            ("태국", "b5:th-chula", None, "상경대학", "2016. 6. 1.", "2016-06-01"),
            (
                "미국",
                "b5:us-hawaii",
                None,
                "경영대학(Shidler College of Business)",
                "2014. 4. 1.",
                "2014-04-01",
            ),
        ],
    ),
    (
        "인문대학",
        3,
        [
            ("호주", "b5:au-uq", None, "인문사회과학부", "2022. 2. 14.", "2022-02-14"),
            ("독일", "b5:de-heidelberg", None, "철학부", "2018. 4. 1.", "2018-04-01"),
            None,
        ],
    ),
    (
        "자연과학대학",
        2,
        [
            ("일본", "b5:jp-kyoto", None, "이학연구과", "2019. 11. 1.", "2019-11-01"),
            ("대만", "b5:tw-thu", None, "이학원", "2021. 3.", "2021-03"),
            ("태국", "b5:th-mahidol", "WRAP", "이학부", "2017. 5. 10.", "2017-05-10"),
        ],
    ),
]
GARBAGE = "  - ■■ ■■■■■■■학교 ■■■ : 20■■. ■. ■."


def f10(out: Path) -> dict[str, Any]:
    doc = "f10-cheongnim-dept.txt"
    lines = ["청림대학교 단과대학별 국제교류 협정 현황", "", "(2024. 3. 1. 기준, 국제교류처)", ""]
    rows: list[dict[str, Any]] = []
    totals = []
    unreadable = []
    n_rows = n_lines = 0
    for college, stated, items in F10:
        head = f"○ {college} ({stated}건)"
        lines.append(head)
        totals.append(total(college, "agreements", stated, head.strip("○ ")))
        for it in items:
            n_lines += 1
            if it is None:
                lines.append(GARBAGE)
                unreadable.append(
                    {
                        "level": "department",
                        "locator": {"line": len(lines)},
                        "partner_id": None,
                        "text": GARBAGE,
                    }
                )
                continue
            country, pid, how, pu, dprint, iso = it
            ko = name(pid, "ko")
            if how == "WRAP":
                lines.append(f"  - {country} {ko} {pu} (Faculty of Science,")
                lines.append(f"    {name(pid, 'en')}) : {dprint}")
                loc: dict[str, Any] = {"lines": [len(lines) - 1, len(lines)]}
                dmg = ["wrap"]
            else:
                lines.append(f"  - {country} {ko} {pu} : {dprint}")
                loc = {"line": len(lines)}
                dmg = []
            n_rows += 1
            rows.append(
                row(
                    H,
                    "college-memo-ko",
                    pid,
                    loc,
                    ja=ko,
                    en=None,
                    level="department",
                    home_unit=unit(college),
                    partner_unit=unit(pu),
                    signed=iso,
                    signed_printed=dprint,
                    waiver=None,
                    damage=dmg,
                )
            )
        lines.append("")
    tot = f"합계 {n_lines}건"
    lines.append(tot)
    lines.append("※ 대학 간 협정은 별도 목록 참조")
    (out / doc).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert re.search(r"\d", tot)
    return doc_truth(
        doc,
        "text",
        H,
        title="청림대학교 단과대학별 국제교류 협정 현황",
        as_of="2024-03-01",
        language="ko",
        layout="college-memo-ko",
        rows=rows,
        unreadable=unreadable,
        shape="Korean memo (HWP saved as text): `○ 단과대학 (N건)` headings, items `  - 국가 "
        "대학명 상대부서 : "
        "YYYY. M. D.` (country, partner and partner unit separated by single spaces)",
        notes=[
            "all rows department level, home unit = the ○ heading's college; waiver not stated: "
            "null",
            "하와이대학교 마노아 is the partner (two words), 경영대학(Shidler College of "
            "Business) its unit",
            "`2021. 3.` = 2021-03; the Mahidol item wraps onto the next line (lines [first, last])",
            "인문대학 (3건) counts the unreadable item: right; 자연과학대학 (2건) is wrong (3 "
            "items); "
            f"`{tot}` counts every item, the unreadable one included: right",
        ],
        stated_totals=[*totals, total("department", "agreements", n_lines, tot)],
        damage=["unreadable", "wrap", "wrong_total"],
    )
